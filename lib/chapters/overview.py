"""The overview chapter ("the corpus at a glance"): the places compared, the sources, where the
facts are, what kind of statements they are, and each place's headline figures.

The chapter template ``chapters/overview.md`` calls one function per table or chart; each
returns what its cell shows (:func:`lib.present.markdown.md` Markdown or an Altair chart). The
tidy tables behind them (:func:`facts_per_region`, :func:`status_counts`,
:func:`largest_levels`) are public for tests and for readers who want the data. Headline
figures follow the ranked list of ``data/headlines.csv``
(:mod:`lib.analysis.headlines`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd
from IPython.display import Markdown

from lib.analysis.headlines import places_comparison, ranked_headlines
from lib.analysis.places import place_label, place_labels, prefecture_of
from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.present.citations import Citations
from lib.present.headlines import headline_table, places_table
from lib.present.markdown import md, md_escape, md_table
from lib.present.places_map import outlined_map
from lib.text.english import STATUS_EN

__all__ = [
    "facts_per_region",
    "headline_tables",
    "largest_levels",
    "page_values",
    "places_map",
    "places_overview",
    "source_table",
    "status_counts",
    "status_table",
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
        A table with the columns Source, Outlet, Date (inferred), Articles, Titles (each
        article's title as printed, its English beside it), Facts.
    """
    counts = fb.facts.groupby("source_id").size()
    arts = fb.articles.groupby("source_id").size()
    titles = (
        fb.articles.sort_values(["source_id", "article_no"])
        .assign(title=lambda a: a.title_zh + " (" + a.title_en + ")")
        .groupby("source_id")
        .title.agg("; ".join)
    )
    return md(
        md_table(
            pd.DataFrame(
                {
                    "Source": fb.sources.source_id.map(source_number),
                    "Outlet": fb.sources.outlet.replace("", "not named"),
                    "Date (inferred)": fb.sources.date,
                    "Articles": fb.sources.source_id.map(arts).astype(int),
                    "Titles (English beside the Chinese)": fb.sources.source_id.map(titles),
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


def places_overview(fb: FactBase, regions: list[str], cite: Citations) -> Markdown:
    """The overview's centrepiece: the places compared, one row per place, every cell cited.

    Parameters
    ----------
    fb : FactBase
    regions : list of str
        6-digit codes (checked by the template), in the order of the rows.
    cite : Citations
        The page's citations.

    Returns
    -------
    IPython.display.Markdown
        The table (:func:`lib.present.headlines.places_table` of
        :func:`lib.analysis.headlines.places_comparison`), then a sentence naming the places
        the corpus gives none of the table's measures for.
    """
    cells = places_comparison(fb, regions)
    labels = place_labels(fb)
    silent = [labels[c] for c in regions if c not in set(cells.region_code)]
    note = (
        "The corpus states none of these measures for "
        + " or ".join(md_escape(s) for s in silent)
        + ": its articles on "
        + ("this place" if len(silent) == 1 else "these places")
        + " report projects, programmes and designations instead (see their headline "
        "figures below)."
        if silent
        else ""
    )
    return md(places_table(fb, regions, cells, cite), note)


def places_map(fb: FactBase, regions: list[str]) -> alt.LayerChart:
    """Where the report's places are: the counties profiled filled, the prefectures outlined.

    Counties (or districts) among *regions* are filled, one colour for all; other counties
    the corpus states figures about are filled in a lighter colour; prefectures among
    *regions* are outlined (not filled, so their counties stay readable).

    Returns
    -------
    altair.LayerChart
        A :func:`lib.present.places_map.outlined_map` whose title says how many places are
        counties and which prefectures are profiled as a whole (named on the map).
    """
    per_region = facts_per_region(fb)
    level = dict(zip(fb.regions.region_id, fb.regions.level))
    counties = [c for c in regions if level.get(c) == "county"]
    prefectures = [c for c in regions if level.get(c) == "prefecture" and c.startswith("36")]
    others = [c for c in per_region.code if level.get(c) == "county" and c not in counties]
    profiled, named = "profiled (a page of its own)", "named with a few figures"
    highlight = {c: profiled for c in counties} | {c: named for c in others}
    names = {c: place_label(fb, c).split(" ", 1)[-1] for c in prefectures}
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
    n = len(counties)
    what = f"{words.get(n, n)} {'county or district' if n == 1 else 'counties and districts'}"
    title = f"The report profiles {what} (filled)"
    if names:
        title += f" and {' and '.join(names.values())} whole (outlined)"
    return outlined_map(highlight, names, title=title, width=440, height=500)


def status_counts(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts per status (what happened, a project stage, or what is only intended), tidy.

    Returns
    -------
    pandas.DataFrame
        ``status``, ``facts``; most first.
    """
    counts = facts.status.value_counts()
    return pd.DataFrame({"status": counts.index, "facts": counts.to_numpy()})


def status_table(fb: FactBase) -> Markdown:
    """How real the facts are: a result, a stage of an investment project, or an intention.

    Returns
    -------
    IPython.display.Markdown
        A table with the columns Status, Facts, Share (percent of all facts) and How the
        report shows it.
    """
    counts = status_counts(fb.facts)
    shown = {
        "achieved": "as a result",
        "signed": "labelled signed (签约); never added to money invested",
        "started": "labelled construction started (开工); a project total, not money spent",
        "completed": "labelled construction completed (竣工)",
        "commissioned": "labelled in production (投产)",
        "planned": "labelled planned, with the targets",
        "forecast": "labelled forecast, never as a result",
        "target": "with the targets, against the base it is measured from",
    }
    table = pd.DataFrame(
        {
            "Status": [STATUS_EN.get(s) or "achieved (a result)" for s in counts.status],
            "Facts": counts.facts,
            "Share": [f"{100 * n / counts.facts.sum():.0f}%" for n in counts.facts],
            "How the report shows it": [shown.get(s, "") for s in counts.status],
        }
    )
    return md(md_table(table))


def largest_levels(fb: FactBase, code: str, n: int) -> pd.DataFrame:
    """A place's first *n* headline figures, in the order of ``data/headlines.csv``.

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
        :func:`lib.analysis.headlines.ranked_headlines`: fact rows with ``rank``, ``why``
        and ``fact_ids`` (a figure stated twice counts once).
    """
    return ranked_headlines(fb, code, n)


def headline_tables(fb: FactBase, regions: list[str], n: int) -> Markdown:
    """Each place's first *n* headline figures (:func:`largest_levels`), under its name.

    Parameters
    ----------
    fb : FactBase
    regions : list of str
        6-digit codes (checked by the template), in the order shown.
    n : int
        Figures per place.

    Returns
    -------
    IPython.display.Markdown
        For each place its name in bold, then its table
        (:func:`lib.present.headlines.headline_table`, with the source and the quote) or the
        sentence that the corpus states no headline figure for it.
    """
    blocks = []
    for code in regions:
        table = largest_levels(fb, code, n)
        blocks += [
            f"**{md_escape(place_label(fb, code))}**",
            headline_table(fb, table)
            if len(table)
            else "The corpus states no headline figure for this place.",
        ]
    return md(*blocks)
