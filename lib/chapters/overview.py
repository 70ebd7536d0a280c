"""Tables behind the overview chapter ("the corpus at a glance")."""

from __future__ import annotations

import pandas as pd

from lib.analysis.places import place_label, place_labels, prefecture_of
from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.text.english import fmt_stated

__all__ = ["facts_per_region", "headline_figures", "source_table",
           "theme_kind_counts"]


def source_table(fb: FactBase) -> pd.DataFrame:
    """One row per source: id, outlet, date, articles and the number of facts from it."""
    counts = fb.facts.groupby("source_id").size()
    arts = fb.articles.groupby("source_id").size()
    return pd.DataFrame({
        "Source": fb.sources.source_id.map(source_number),
        "Outlet": fb.sources.outlet.replace("", "not named"),
        "Date (inferred)": fb.sources.date,
        "Articles": fb.sources.source_id.map(arts).astype(int),
        "Titles": fb.sources.articles,
        "Facts": fb.sources.source_id.map(counts).fillna(0).astype(int),
    })


def facts_per_region(fb: FactBase) -> pd.DataFrame:
    """Facts per administrative place (parks count for the area they belong to).

    Returns
    -------
    pandas.DataFrame
        ``code``, ``region`` (Chinese and English), ``prefecture``, ``facts``, ``sources``;
        most facts first.
    """
    labels = place_labels(fb)
    grouped = fb.facts.groupby("region_code").agg(facts=("fact_id", "size"),
                                                  sources=("source_id", "nunique"))
    out = pd.DataFrame({
        "code": grouped.index,
        "region": grouped.index.map(labels),
        "prefecture": [labels[prefecture_of(fb, c)] for c in grouped.index],
        "facts": grouped.facts.to_numpy(),
        "sources": grouped.sources.to_numpy(),
    })
    return out.sort_values(["facts", "code"], ascending=[False, True]).reset_index(drop=True)


def theme_kind_counts(facts: pd.DataFrame) -> pd.DataFrame:
    """Number of facts per (theme, kind), tidy."""
    return facts.groupby(["theme", "kind"]).size().rename("facts").reset_index()


def headline_figures(fb: FactBase, code: str, n: int) -> tuple[pd.DataFrame, str]:
    """The *n* largest stated levels of a region, money first, with their quotes.

    Parameters
    ----------
    fb : FactBase
    code : str
        6-digit region code.
    n : int
        Figures to return.

    Returns
    -------
    tuple
        The table (Indicator, Entity, Value, As written, Period, Source, Quote) and the
        region's label.

    Raises
    ------
    ValueError
        For an unknown region code (the message lists the known ones).
    """
    label = place_label(fb, code)
    facts = fb.facts[(fb.facts.region_code == code) & (fb.facts.kind.isin(["actual", "capacity"]))
                     & (fb.facts.state != "before")]
    labels = fb.indicator_labels
    order = {"yuan": 0, "count": 1, "unit": 2}
    facts = facts.assign(_o=facts.base_unit.map(order).fillna(3))
    facts = facts.sort_values(["_o", "value_base"], ascending=[True, False])
    facts = facts.drop_duplicates(["indicator", "entity", "period"]).head(n)
    table = pd.DataFrame({
        "Indicator": facts.indicator.map(labels),
        "Entity": facts.entity,
        "Value": [fmt_stated(q, v, u)
                  for q, v, u in zip(facts.qualifier, facts.value_base, facts.base_unit)],
        "As written": facts.value_text,
        "Period": facts.period,
        "Source": facts.source_id.map(source_number),
        "Quote": facts.quote,
    })
    return table.reset_index(drop=True), label
