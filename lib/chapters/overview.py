"""Tables behind the overview chapter ("the corpus at a glance")."""

from __future__ import annotations

import pandas as pd

from lib.data.factbase import FactBase
from lib.present.values import fmt_stated

__all__ = ["facts_per_region", "headline_figures", "region_label", "source_table",
           "theme_kind_counts"]


def region_label(fb: FactBase, code: str) -> str:
    """``"寻乌县 Xunwu County"`` for a code (the administrative unit, not a park)."""
    rows = fb.regions[(fb.regions.code == code) & (fb.regions.level != "park")]
    if rows.empty:
        raise ValueError(f"unknown region code {code!r}; known: {sorted(set(fb.regions.code))}")
    row = rows.iloc[0]
    return f"{row.name_zh} {row.name_en}"


def source_table(fb: FactBase) -> pd.DataFrame:
    """One row per source: id, outlet, date, articles and the number of facts from it."""
    counts = fb.facts.groupby("source_id").size()
    arts = fb.articles.groupby("source_id").size()
    return pd.DataFrame({
        "Source": fb.sources.source_id.str[:3],
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
    places = fb.regions[fb.regions.level != "park"].set_index("code")
    grouped = fb.facts.groupby("region_code").agg(facts=("fact_id", "size"),
                                                  sources=("source_id", "nunique"))

    def prefecture(code: str) -> str:
        row = places.loc[code]
        if row.level == "county" and row.parent in places.index:
            parent = places.loc[row.parent]
            return f"{parent.name_zh} {parent.name_en}"
        return f"{row.name_zh} {row.name_en}"

    out = pd.DataFrame({
        "code": grouped.index,
        "region": [f"{places.loc[c].name_zh} {places.loc[c].name_en}" for c in grouped.index],
        "prefecture": [prefecture(c) for c in grouped.index],
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
    label = region_label(fb, code)
    facts = fb.facts[(fb.facts.region_code == code) & (fb.facts.kind.isin(["actual", "capacity"]))
                     & (fb.facts.state != "before")]
    labels = dict(zip(fb.indicators.indicator, fb.indicators.label_en))
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
        "Source": facts.source_id.str[:3],
        "Quote": facts.quote,
    })
    return table.reset_index(drop=True), label
