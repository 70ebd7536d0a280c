"""What a region's profile shows: :mod:`lib.analysis.figures` as cited Markdown and charts.

The chapter template ``chapters/region_profile.md`` calls one function per table or chart. Each
takes the fact base and the place's 6-digit code (and the page's
:class:`~lib.present.citations.Citations` where it shows figures) and returns what its cell shows:
Markdown (:func:`lib.present.markdown.md`, data escaped, numbers linked to their quotes) or an
Altair chart; when there is nothing to show, the sentence that says so. The template calls them
in page order, which numbers the citations in reading order.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
from IPython.display import Markdown

from lib.analysis.figures import (
    caveats,
    distinct_figures,
    growth_figures,
    peer_comparison,
    scale_figures,
)
from lib.analysis.headlines import rank_order, ranked_headlines
from lib.analysis.places import place_label, place_labels, prefecture_of
from lib.analysis.targets import target_table
from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.present.citations import Citations
from lib.present.figures import figure_table
from lib.present.headlines import GAP, headline_value, lower_first, short_entity
from lib.present.headlines import headline_table as ranked_table
from lib.present.maps import centroids, is_mappable, load_counties, locator_map
from lib.present.markdown import md, md_escape, md_table
from lib.present.targets import target_sentence
from lib.text.english import CLAIMANT_EN, fact_period, fact_value, fmt_period, fmt_value

__all__ = [
    "chains_table",
    "claimed_list",
    "clusters_table",
    "disagreements_list",
    "firms_table",
    "growth_chart",
    "headline_table",
    "page_values",
    "peer_table",
    "position_map",
    "region_chains",
    "region_clusters",
    "region_firms",
    "scale_table",
    "targets_list",
]


def page_values(fb: FactBase, code: str) -> dict[str, object]:
    """The values the profile's prose states (glued by the template under these names).

    Parameters
    ----------
    fb : FactBase
    code : str
        The place's 6-digit code (checked by the template).

    Returns
    -------
    dict
        ``place`` (its label, the page's title); ``n_figures``, ``n_statements`` and
        ``n_sources`` (distinct figures, the statements behind them and their sources);
        ``n_inferred`` (figures whose period is inferred or unknown) and ``n_claimed``
        (figures claimed by a firm, association or official); ``periods_note``, the sentence
        that says how many figures give no period (worded for none, one or several).
    """
    figures = distinct_figures(fb, code)
    warn = caveats(fb, code)
    n = len(warn["inferred"])
    how = (
        "the report infers it from the article's date or words such as 目前 “at present” "
        "and 今年 “this year”, or leaves it unknown."
    )
    if n == 0:
        periods = "Every figure states its period."
    elif n == 1:
        periods = f"One figure gives no explicit period: {how}"
    else:
        periods = f"{n} of the figures give no explicit period: {how}"
    return {
        "periods_note": periods,
        "place": place_label(fb, code),
        "n_figures": len(figures),
        "n_statements": int(figures.mentions.sum()),
        "n_sources": figures.source_id.nunique(),
        "n_inferred": len(warn["inferred"]),
        "n_claimed": len(warn["claimed"]),
    }


def region_chains(fb: FactBase, code: str) -> pd.DataFrame:
    """The supply chains the corpus describes for the region, one row per chain.

    Returns
    -------
    pandas.DataFrame
        ``chain``, ``links``, ``present``/``missing``/``planned``/``cross_region`` counts,
        ``stages`` (every stage named, in order of appearance) and ``link_ids``.
    """
    links = fb.chain_links[fb.chain_links.region_code == str(code)]
    rows = []
    for chain, group in links.groupby("chain", sort=False):
        stages = list(dict.fromkeys([*group.upstream, *group.downstream]))
        counts = group.status.value_counts()
        rows.append(
            {
                "chain": chain,
                "links": len(group),
                **{
                    s: int(counts.get(s, 0))
                    for s in ("present", "missing", "planned", "cross_region")
                },
                "stages": stages,
                "link_ids": list(group.link_id),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "chain",
            "links",
            "present",
            "missing",
            "planned",
            "cross_region",
            "stages",
            "link_ids",
        ],
    )


def region_clusters(fb: FactBase, code: str) -> pd.DataFrame:
    """The clusters and parks of the region the corpus names (``entities.csv``).

    Returns
    -------
    pandas.DataFrame
        ``entity``, ``name_en``, ``entity_type`` (cluster or park), ``industry`` and
        ``figures`` (how many distinct figures the corpus states about it), clusters first.
    """
    ents = fb.entities[
        fb.entities.entity_type.isin(["cluster", "park"]) & (fb.entities.region_code == str(code))
    ]
    counts = distinct_figures(fb, code).groupby("entity").size()
    out = ents.assign(figures=ents.entity.map(counts).fillna(0).astype(int))
    return out.sort_values(["entity_type", "figures", "entity"], ascending=[True, False, True])[
        ["entity", "name_en", "entity_type", "industry", "figures"]
    ].reset_index(drop=True)


def region_firms(fb: FactBase, code: str) -> pd.DataFrame:
    """Firms of the region the corpus names, each with the figures it states about them.

    Returns
    -------
    pandas.DataFrame
        ``entity``, ``name_en``, ``industry``, ``products`` and ``fact_ids`` (``;``-separated,
        possibly empty), firms with figures first.
    """
    ents = fb.entities[(fb.entities.entity_type == "firm") & (fb.entities.region_code == str(code))]
    figs = distinct_figures(fb, code)
    by_firm = figs.groupby("entity").fact_id.agg(";".join)
    out = ents.assign(fact_ids=ents.entity.map(by_firm).fillna(""))
    out = out.assign(_n=out.fact_ids.str.count(";") + (out.fact_ids != ""))
    return out.sort_values(["_n", "entity"], ascending=[False, True])[
        ["entity", "name_en", "industry", "products", "fact_ids"]
    ].reset_index(drop=True)


def headline_table(fb: FactBase, code: str, limit: int, cite: Citations) -> Markdown:
    """The place's headline figures, most telling first, as a cited table.

    The order is the report's ranked list of headline measures (``data/headlines.csv``,
    :func:`lib.analysis.headlines.ranked_headlines`): GDP, industrial revenue and the leading
    clusters before counts of programmes; measures the list does not rank come last.

    Parameters
    ----------
    fb : FactBase
    code : str
        The place's 6-digit code.
    limit : int
        At most this many figures; when there are more, a sentence before the table says
        how many it shows of how many.
    cite : Citations
        The page's citations.

    Returns
    -------
    IPython.display.Markdown
        The table (:func:`lib.present.headlines.headline_table`: a rank says where it
        holds, a park or cluster has its English name), or the sentence that the corpus
        states no key level for the place.
    """
    headline = ranked_headlines(fb, code)
    shown = headline.head(limit)
    if shown.empty:
        return md("The corpus states no key level figure for this place.")
    note = (
        f"The first {len(shown)} of {len(headline)} key figures in the report's order of "
        "importance; the rest are in the sections below and in the data appendix."
        if len(headline) > len(shown)
        else ""
    )
    return md(note, ranked_table(fb, shown, cite))


def growth_chart(fb: FactBase, code: str) -> alt.LayerChart | Markdown:
    """Bars of the place's growth rates (percent), one per figure, labelled with measure and period.

    The bars follow the ranked list of headline measures (GDP growth first); the title states
    the range the rates span. A place with a single rate gets a sentence, not a one-bar chart.

    Parameters
    ----------
    fb : FactBase
    code : str
        The place's 6-digit code.

    Returns
    -------
    altair.LayerChart or IPython.display.Markdown
        The chart (each bar labelled with the figure as written), or the sentence that the
        corpus states no growth rate, or the one rate it states, for the place.
    """
    growth = growth_figures(fb, code)
    place = place_label(fb, code)
    if growth.empty:
        return md(f"The corpus states no growth rate for {md_escape(place)}.")
    labels = fb.indicator_labels

    def name(r: pd.Series) -> str:
        of = f" · {short_entity(fb, r.entity, code)}" if r.entity else ""
        return f"{labels[r.indicator]}{of} ({fact_period(r)})"

    if len(growth) == 1:
        r = growth.iloc[0]
        return md(
            f"The one growth rate the corpus states for {md_escape(place)}: "
            f"{md_escape(name(r))}, {md_escape(fact_value(r))}."
        )
    growth = rank_order(fb, growth)
    low, high = growth.loc[growth.value_base.idxmin()], growth.loc[growth.value_base.idxmax()]
    data = pd.DataFrame(
        {
            "figure": [name(r) for _, r in growth.iterrows()],
            "growth": growth.value_base.to_numpy(),
            "as_written": growth.value_text.to_numpy(),
            "period": growth.period.to_numpy(),
            "fact_id": growth.fact_id.to_numpy(),
        }
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("growth:Q", title="Growth stated (% over the period shown)"),
            y=alt.Y(
                "figure:N",
                sort=None,
                title="Measure (period)",
                # the title sits above the labels, not across them
                axis=alt.Axis(
                    labelLimit=420, titleAngle=0, titleAlign="right", titleY=-8, titleX=0
                ),
            ),
            tooltip=["figure", "as_written", "fact_id"],
        )
    )
    text = bars.mark_text(align="left", dx=3).encode(text="as_written:N")
    # one line: the PDF's text must hold the title as the chart's label gives it
    title = (
        f"{place.split(' ', 1)[-1]}: stated growth runs from "
        f"{fmt_value(low.value_base, 'percent')} ({lower_first(labels[low.indicator])}) "
        f"to {fmt_value(high.value_base, 'percent')} ({lower_first(labels[high.indicator])})"
    )
    return (bars + text).properties(title=title, height=alt.Step(20))


def clusters_table(fb: FactBase, code: str) -> Markdown:
    """The clusters and parks the corpus names for the place, with how much it says of each.

    Returns
    -------
    IPython.display.Markdown
        A heading and the table (see :func:`region_clusters`), or a sentence that none is
        named.
    """
    clusters = region_clusters(fb, code)
    if clusters.empty:
        return md("**Clusters and parks**", "The corpus names no cluster or park in this place.")
    table = pd.DataFrame(
        {
            "Name": [f"{e} {n}" for e, n in zip(clusters.entity, clusters.name_en)],
            "Kind": clusters.entity_type,
            "Industry": clusters.industry,
            "Figures stated": clusters.figures,
        }
    )
    return md("**Clusters and parks**", md_table(table))


def chains_table(fb: FactBase, code: str) -> Markdown:
    """The place's supply chains: links (how many, by status), the stages named and the sources.

    Returns
    -------
    IPython.display.Markdown
        A heading and the table (see :func:`region_chains`), or a sentence that the corpus
        describes none.
    """
    chains = region_chains(fb, code)
    if chains.empty:
        return md("**Supply chains**", "The corpus describes no supply chain for this place.")
    quotes = fb.chain_links.set_index("link_id")
    table = pd.DataFrame(
        {
            "Chain": chains.chain.map(
                dict(zip(fb.chains.chain, fb.chains.name_zh + " " + fb.chains.name_en))
            ).fillna(chains.chain.str.replace("_", " ")),
            "Links": [
                f"{r.links}: "
                + ", ".join(
                    f"{n} {word}"
                    for n, word in (
                        (r.present, "present"),
                        (r.missing, "missing"),
                        (r.planned, "planned"),
                        (r.cross_region, "across regions"),
                    )
                    if n
                )
                for r in chains.itertuples()
            ],
            "Stages named": ["; ".join(s) for s in chains.stages],
            "Sources": [
                ", ".join(sorted({source_number(quotes.loc[i].source_id) for i in ids}))
                for ids in chains.link_ids
            ],
        }
    )
    return md("**Supply chains**", md_table(table))


def scale_table(fb: FactBase, code: str, cite: Citations) -> Markdown:
    """The figures that measure the scale of the place's industry, as a cited figure table.

    Returns
    -------
    IPython.display.Markdown
        A heading and the table (see :func:`lib.analysis.figures.scale_figures`), or a
        sentence that the corpus states no scale figure.
    """
    scale = scale_figures(fb, code)
    if scale.empty:
        return md(
            "The corpus states no scale figure (firms, output, revenue, projects, "
            "investment) for this place."
        )
    return md("**Scale figures**", figure_table(fb, scale, cite))


def firms_table(fb: FactBase, code: str, cite: Citations) -> Markdown:
    """The firms the corpus names in the place, with what it says of them (cited).

    Returns
    -------
    IPython.display.Markdown
        A heading and the table (see :func:`region_firms`; a firm without figures is
        "named, no figures"), or a sentence that no firm is named.
    """
    firms = region_firms(fb, code)
    if firms.empty:
        return md("**Firms named**", "The corpus names no firm in this place.")
    labels = fb.indicator_labels
    facts = fb.facts.set_index("fact_id")
    said = []
    for ids in firms.fact_ids:
        parts = []
        for f in filter(None, ids.split(";")):
            row = facts.loc[f]
            parts.append(
                f"{md_escape(labels[row.indicator])}: {md_escape(headline_value(fb, row))} "
                f"({md_escape(fact_period(row))}) {cite.ref(f)}"
            )
        said.append("; ".join(parts) or "named, no figures")
    table = pd.DataFrame(
        {
            "Firm": [md_escape(f"{e} {n}") for e, n in zip(firms.entity, firms.name_en)],
            "Industry": [md_escape(i) for i in firms.industry],
            "Products": [md_escape(p) for p in firms.products],
            "What the corpus says": said,
        }
    )
    return md("**Firms named**", md_table(table, escape=False))


def targets_list(fb: FactBase, code: str, horizon_year: int, cite: Citations) -> Markdown:
    """One cited bullet per target of the place (see :func:`lib.present.targets.target_sentence`).

    Parameters
    ----------
    fb : FactBase
    code : str
        The place's 6-digit code.
    horizon_year : int
        The year assumed for a target that states none (checked by the template).
    cite : Citations
        The page's citations.

    Returns
    -------
    IPython.display.Markdown
        The bullets, or a sentence that the corpus states no target for the place.
    """
    targets = target_table(fb, horizon_year, [code])
    if targets.empty:
        return md("The corpus states no target for this place.")
    lines = []
    for row in targets.to_dict("records"):
        who = f"{row['measure']}" + (f" ({row['entity']})" if row["entity"] else "")
        refs = cite.ref(row["target_fact"], row["base_fact"], row["growth_fact"])
        mentions = f" Stated {row['mentions']} times." if row["mentions"] > 1 else ""
        lines.append(f"- **{md_escape(who)}.** {target_sentence(row)}{md_escape(mentions)} {refs}")
    return md("\n".join(lines))


def _part_of_jiangxi(code: str) -> str:
    """Where in Jiangxi a place lies: "southern", "central", "north-eastern" …: north or south
    by thirds of the province's extent (county centroids), east or west only in its outer
    fifths."""
    where = centroids()
    counties = [f["properties"]["code"] for f in load_counties()["features"]]
    lons = [where[c][0] for c in counties]
    lats = [where[c][1] for c in counties]
    lon, lat = where[code]

    def part(x: float, xs: list[float], n: int) -> int:
        lo, hi = min(xs), max(xs)
        return min(n - 1, int(n * (x - lo) / (hi - lo)))

    ns = ("south", "", "north")[part(lat, lats, 3)]
    we = ("west", "", "", "", "east")[part(lon, lons, 5)]
    if ns and we:
        return f"{ns}-{we}ern"
    return f"{ns or we}ern" if ns or we else "central"


def position_map(fb: FactBase, code: str) -> alt.Chart | Markdown:
    """Jiangxi's counties with the place highlighted; the title says where it lies.

    Returns
    -------
    altair.Chart or IPython.display.Markdown
        The locator map (:func:`lib.present.maps.locator_map`) titled with the part of
        Jiangxi the place lies in (and, for a county, its prefecture), or a sentence that
        the place is not a county or prefecture of Jiangxi (the province itself, say).
    """
    place = place_label(fb, code)
    if not is_mappable(code):
        return md(f"{md_escape(place)} is not a county or prefecture of Jiangxi: no locator map.")
    prefecture = prefecture_of(fb, code)
    within = f", in {place_label(fb, prefecture).split(' ', 1)[-1]}," if prefecture != code else ""
    title = f"{place.split(' ', 1)[-1]}{within} lies in {_part_of_jiangxi(code)} Jiangxi"
    return locator_map({code: place}, title=title)


def peer_table(fb: FactBase, code: str, peers: list[str], cite: Citations) -> Markdown:
    """The measures the place shares with its peers: one row per measure, one column per place.

    Parameters
    ----------
    fb : FactBase
    code : str
        The place's 6-digit code; its column comes first.
    peers : list of str
        The places to compare it with (checked), in the order of their columns.
    cite : Citations
        The page's citations.

    Returns
    -------
    IPython.display.Markdown
        The table (see :func:`lib.analysis.figures.peer_comparison`); a peer that does not
        state a measure shows a dash (:data:`lib.present.headlines.GAP`), a gap rather than
        a zero. When nothing is shared, the sentence that says so.
    """
    shared = peer_comparison(fb, code, peers)
    labels, places = fb.indicator_labels, place_labels(fb)
    if shared.empty:
        return md(
            f"{md_escape(places[code])} shares no place-wide measure with its peers in the corpus."
        )
    cols = [c for c in [code, *peers] if c in set(shared.region_code)]
    rows = []
    for (ind, _kind, unit), group in shared.groupby(["indicator", "kind", "base_unit"], sort=False):
        by = group.set_index("region_code")
        row = {"Measure": md_escape(labels[ind])}
        for c in cols:
            if c in by.index:
                r = by.loc[c]
                row[md_escape(places[c])] = (
                    f"{md_escape(fmt_value(r.value_base, unit))} "
                    f"({md_escape(fmt_period(r.period, r.period_type, r.period_basis))}) "
                    f"{cite.ref(r.fact_id)}"
                )
            else:
                row[md_escape(places[c])] = GAP
        rows.append(row)
    return md(md_table(pd.DataFrame(rows), escape=False))


def disagreements_list(fb: FactBase, code: str, cite: Citations) -> Markdown:
    """Figures of the place the sources state differently: both readings, the verdict, the one used.

    Returns
    -------
    IPython.display.Markdown
        A heading and one cited bullet per figure (see
        :func:`lib.analysis.figures.caveats`), or a sentence that no figure is stated
        differently.
    """
    rec = caveats(fb, code)["disagreements"]
    if rec.empty:
        return md(
            "**Where statements differ**",
            "No figure of this place is stated differently by two statements.",
        )
    lines = []
    labels = fb.indicator_labels
    for r in rec.itertuples():
        what = labels.get(r.indicator, r.indicator) + (f" ({r.entity})" if r.entity else "")
        refs = cite.ref(*r.fact_ids.split(";"))
        lines.append(
            f"- **{md_escape(what)}, {md_escape(fmt_period(r.period, r.period_type))}**: "
            f"{md_escape(r.readings)}: {md_escape(r.verdict)}. The report uses "
            f"{cite.ref(r.used_fact)}: {md_escape(r.reason)}. {refs}"
        )
    return md("**Where statements differ**", "\n".join(lines))


def claimed_list(fb: FactBase, code: str, cite: Citations) -> Markdown:
    """Figures of the place claimed by a firm, association or official, not stated by the article.

    Returns
    -------
    IPython.display.Markdown
        One cited bullet per figure, or a sentence that every figure is the articles' own.
    """
    claimed = caveats(fb, code)["claimed"]
    if claimed.empty:
        return md("Every figure of this place is stated by the articles themselves.")
    labels = fb.indicator_labels
    lines = [
        f"- {md_escape(labels[r.indicator])}"
        f"{md_escape(' (' + r.entity + ')') if r.entity else ''}: "
        f"{md_escape(fact_value(r._asdict()))}, claimed by {md_escape(CLAIMANT_EN[r.attribution])} "
        f"{cite.ref(r.fact_id)}"
        for r in claimed.itertuples()
    ]
    return md("\n".join(lines))
