"""The overview chapter ("the corpus at a glance"): its sources, where its facts are, what they
measure and each region's largest stated levels.

The chapter template ``chapters/overview.md`` calls one function per table or chart; each
returns what its cell shows (:func:`lib.present.markdown.md` Markdown or an Altair chart). The
tidy tables behind them (:func:`facts_per_region`, :func:`theme_kind_counts`,
:func:`largest_levels`) are public for tests and for readers who want the data.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
from IPython.display import Markdown

from lib.analysis.places import place_label, place_labels, prefecture_of
from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.present.maps import locator_map
from lib.present.markdown import md, md_escape, md_table
from lib.text.english import fact_period, fact_value

__all__ = [
    "corpus_map",
    "facts_chart",
    "facts_per_region",
    "headline_tables",
    "largest_levels",
    "page_values",
    "source_table",
    "theme_kind_chart",
    "theme_kind_counts",
]


def page_values(fb: FactBase) -> dict[str, object]:
    """The values the overview's prose states (glued by the template under these names).

    Returns
    -------
    dict
        ``n_facts`` and ``n_sources`` (the corpus's facts and source files); ``top_region``
        (the label of the place with most facts) and ``top_region_facts`` (its facts).
    """
    per_region = facts_per_region(fb)
    return {
        "n_facts": len(fb.facts),
        "n_sources": len(fb.sources),
        "top_region": per_region.iloc[0]["region"],
        "top_region_facts": int(per_region.iloc[0]["facts"]),
    }


def source_table(fb: FactBase) -> Markdown:
    """One row per source: its number, outlet, date, articles and the number of facts from it.

    Returns
    -------
    IPython.display.Markdown
        A table with the columns Source, Outlet, Date (inferred), Articles, Titles, Facts.
    """
    counts = fb.facts.groupby("source_id").size()
    arts = fb.articles.groupby("source_id").size()
    return md(
        md_table(
            pd.DataFrame(
                {
                    "Source": fb.sources.source_id.map(source_number),
                    "Outlet": fb.sources.outlet.replace("", "not named"),
                    "Date (inferred)": fb.sources.date,
                    "Articles": fb.sources.source_id.map(arts).astype(int),
                    "Titles": fb.sources.articles,
                    "Facts": fb.sources.source_id.map(counts).fillna(0).astype(int),
                }
            )
        )
    )


def facts_per_region(fb: FactBase) -> pd.DataFrame:
    """Facts per administrative place (parks count for the area they belong to).

    Returns
    -------
    pandas.DataFrame
        ``code``, ``region`` (Chinese and English), ``prefecture``, ``facts``, ``sources``;
        most facts first.
    """
    labels = place_labels(fb)
    grouped = fb.facts.groupby("region_code").agg(
        facts=("fact_id", "size"), sources=("source_id", "nunique")
    )
    out = pd.DataFrame(
        {
            "code": grouped.index,
            "region": grouped.index.map(labels),
            "prefecture": [labels[prefecture_of(fb, c)] for c in grouped.index],
            "facts": grouped.facts.to_numpy(),
            "sources": grouped.sources.to_numpy(),
        }
    )
    return out.sort_values(["facts", "code"], ascending=[False, True]).reset_index(drop=True)


def _prefectures(per_region: pd.DataFrame) -> list[str]:
    """The prefectures in order of first appearance: one colour each, on chart and map."""
    return list(dict.fromkeys(per_region.prefecture))


def facts_chart(fb: FactBase) -> alt.Chart:
    """Bars of the facts per place, most first, coloured by prefecture.

    Returns
    -------
    altair.Chart
        Data from :func:`facts_per_region`; the colours match :func:`corpus_map`'s.
    """
    per_region = facts_per_region(fb)
    return (
        alt.Chart(per_region)
        .mark_bar()
        .encode(
            x=alt.X("facts:Q", title="Facts"),
            y=alt.Y("region:N", sort="-x", title=None),
            color=alt.Color(
                "prefecture:N", title="Prefecture", scale=alt.Scale(domain=_prefectures(per_region))
            ),
            tooltip=["region", "facts", "sources"],
        )
        .properties(title="Facts per place", height=alt.Step(18))
    )


def corpus_map(fb: FactBase) -> alt.Chart:
    """Jiangxi's counties, those the corpus states figures about filled by prefecture.

    A prefecture the corpus speaks of as a whole fills all its counties; the province
    itself (``360000``) and places outside Jiangxi are left out.

    Returns
    -------
    altair.Chart
        A :func:`lib.present.maps.locator_map`, coloured like :func:`facts_chart`.
    """
    per_region = facts_per_region(fb)
    covered = {
        code: name
        for code, name in zip(per_region.code, per_region.prefecture)
        if code.startswith("36") and code != "360000"
    }
    return locator_map(
        covered, title="Places in the corpus (by prefecture)", categories=_prefectures(per_region)
    )


def theme_kind_counts(facts: pd.DataFrame) -> pd.DataFrame:
    """Number of facts per (theme, kind), tidy.

    Returns
    -------
    pandas.DataFrame
        ``theme``, ``kind``, ``facts``.
    """
    return facts.groupby(["theme", "kind"]).size().rename("facts").reset_index()


def theme_kind_chart(fb: FactBase) -> alt.LayerChart:
    """A heat map of the facts by theme and kind of statement, each cell labelled with its count.

    Returns
    -------
    altair.LayerChart
        Data from :func:`theme_kind_counts` (underscores in themes read as spaces).
    """
    counts = theme_kind_counts(fb.facts).assign(theme=lambda d: d.theme.str.replace("_", " "))
    cells = (
        alt.Chart(counts)
        .mark_rect()
        .encode(
            x=alt.X("kind:N", title="Kind"),
            y=alt.Y("theme:N", title="Theme"),
            color=alt.Color("facts:Q", title="Facts", scale=alt.Scale(scheme="blues")),
            tooltip=["theme", "kind", "facts"],
        )
        .properties(title="Facts by theme and kind", width=360)
    )
    labels = (
        alt.Chart(counts).mark_text(fontSize=10).encode(x="kind:N", y="theme:N", text="facts:Q")
    )
    return cells + labels


def largest_levels(fb: FactBase, code: str, n: int) -> pd.DataFrame:
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
    pandas.DataFrame
        Indicator, Entity, Value, As written, Period, Source, Quote: one row per figure
        (a figure stated for the same indicator, entity and period counts once).
    """
    facts = fb.facts[
        (fb.facts.region_code == code)
        & (fb.facts.kind.isin(["level", "capacity"]))
        & (fb.facts.status == "achieved")
        & (fb.facts.state != "before")
    ]
    labels = fb.indicator_labels
    order = {"yuan": 0, "count": 1, "unit": 2}
    facts = facts.assign(_o=facts.base_unit.map(order).fillna(3))
    facts = facts.sort_values(["_o", "value_base"], ascending=[True, False])
    facts = facts.drop_duplicates(["indicator", "entity", "period", "period_type"]).head(n)
    table = pd.DataFrame(
        {
            "Indicator": facts.indicator.map(labels),
            "Entity": facts.entity,
            "Value": [fact_value(r) for _, r in facts.iterrows()],
            "As written": facts.value_text,
            "Period": [fact_period(r) for _, r in facts.iterrows()],
            "Source": facts.source_id.map(source_number),
            "Quote": facts.quote,
        }
    )
    return table.reset_index(drop=True)


def headline_tables(fb: FactBase, regions: list[str], n: int) -> Markdown:
    """Each region's *n* largest stated levels (:func:`largest_levels`), under its name.

    Parameters
    ----------
    fb : FactBase
    regions : list of str
        6-digit codes (checked by the template), in the order shown.
    n : int
        Figures per region.

    Returns
    -------
    IPython.display.Markdown
        For each region its name in bold, then its table or the sentence that the corpus
        states no level figures for it.
    """
    blocks = []
    for code in regions:
        table = largest_levels(fb, code, n)
        blocks += [
            f"**{md_escape(place_label(fb, code))}**",
            md_table(table) if len(table) else "The corpus states no level figures for this place.",
        ]
    return md(*blocks)
