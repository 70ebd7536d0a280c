"""What a region's profile shows: the tables of :mod:`lib.analysis.figures` as cited Markdown and charts.

Every function returns MyST Markdown (data escaped, numbers linked to their quotes through
a :class:`~lib.present.citations.Citations`) or an Altair chart, so the chapter template only calls
them in order.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lib.analysis.figures import distinct_figures
from lib.analysis.places import place_labels
from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.present.citations import Citations
from lib.present.markdown import md_escape, md_table
from lib.present.targets import target_sentence
from lib.text.english import fact_value, fmt_value

__all__ = [
    "chains_markdown", "claimed_markdown", "clusters_markdown", "disagreements_markdown",
    "firms_markdown", "growth_chart", "peer_chart", "peer_table", "region_chains",
    "region_clusters", "region_firms", "targets_markdown",
]


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
        rows.append({"chain": chain, "links": len(group),
                     **{s: int(counts.get(s, 0)) for s in
                        ("present", "missing", "planned", "cross_region")},
                     "stages": stages, "link_ids": list(group.link_id)})
    return pd.DataFrame(rows, columns=["chain", "links", "present", "missing", "planned",
                                       "cross_region", "stages", "link_ids"])


def region_clusters(fb: FactBase, code: str) -> pd.DataFrame:
    """The clusters and parks of the region the corpus names (``entities.csv``).

    Returns
    -------
    pandas.DataFrame
        ``entity``, ``name_en``, ``entity_type`` (cluster or park), ``industry`` and
        ``figures`` (how many distinct figures the corpus states about it), clusters first.
    """
    ents = fb.entities[fb.entities.entity_type.isin(["cluster", "park"])
                       & (fb.entities.region_code == str(code))]
    counts = distinct_figures(fb, code).groupby("entity").size()
    out = ents.assign(figures=ents.entity.map(counts).fillna(0).astype(int))
    return out.sort_values(["entity_type", "figures", "entity"], ascending=[True, False, True])[
        ["entity", "name_en", "entity_type", "industry", "figures"]].reset_index(drop=True)


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
        ["entity", "name_en", "industry", "products", "fact_ids"]].reset_index(drop=True)



def growth_chart(fb: FactBase, growth: pd.DataFrame, title: str) -> alt.Chart:
    """Bars of growth rates (percent), one per figure, labelled with measure and period."""
    labels = fb.indicator_labels
    data = pd.DataFrame({
        "figure": [f"{labels[i]}{' · ' + e if e else ''} ({p or 'period not stated'})"
                   for i, e, p in zip(growth.indicator, growth.entity, growth.period)],
        "growth": growth.value_base.to_numpy(),
        "as_written": growth.value_text.to_numpy(),
        "period": growth.period.to_numpy(),
        "fact_id": growth.fact_id.to_numpy(),
    })
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("growth:Q", title="Growth (%)"),
        y=alt.Y("figure:N", sort=None, title=None, axis=alt.Axis(labelLimit=420)),
        tooltip=["figure", "as_written", "fact_id"],
    )
    text = bars.mark_text(align="left", dx=3).encode(text="as_written:N")
    return (bars + text).properties(title=title, height=alt.Step(20))


def clusters_markdown(clusters: pd.DataFrame) -> str:
    """The clusters and parks the corpus names for the place, with how much it says of each."""
    if clusters.empty:
        return "The corpus names no cluster or park in this place."
    table = pd.DataFrame({
        "Name": [f"{e} {n}" for e, n in zip(clusters.entity, clusters.name_en)],
        "Kind": clusters.entity_type,
        "Industry": clusters.industry,
        "Figures stated": clusters.figures,
    })
    return md_table(table)


def chains_markdown(chains: pd.DataFrame, cite_links: pd.DataFrame) -> str:
    """A table of the region's supply chains: links by status and the stages named.

    Parameters
    ----------
    chains : pandas.DataFrame
        From :func:`region_chains`.
    cite_links : pandas.DataFrame
        The chain links table, to quote each chain's sources.
    """
    if chains.empty:
        return "The corpus describes no supply chain for this place."
    quotes = cite_links.set_index("link_id")
    table = pd.DataFrame({
        "Chain": chains.chain.str.replace("_", " "),
        "Links": chains.links,
        "Present": chains.present, "Missing": chains.missing, "Planned": chains.planned,
        "Across regions": chains.cross_region,
        "Stages named": ["; ".join(s) for s in chains.stages],
        "Sources": [", ".join(sorted({source_number(quotes.loc[i].source_id) for i in ids}))
                    for ids in chains.link_ids],
    })
    return md_table(table)


def firms_markdown(fb: FactBase, firms: pd.DataFrame, cite: Citations) -> str:
    """The firms the corpus names, with what it says of them (cited)."""
    if firms.empty:
        return "The corpus names no firm in this place."
    labels = fb.indicator_labels
    facts = fb.facts.set_index("fact_id")
    said = []
    for ids in firms.fact_ids:
        parts = []
        for f in filter(None, ids.split(";")):
            row = facts.loc[f]
            parts.append(f"{md_escape(labels[row.indicator])}: {md_escape(fact_value(row))} "
                         f"({md_escape(row.period or 'no period')}) {cite.ref(f)}")
        said.append("; ".join(parts) or "named, no figures")
    table = pd.DataFrame({
        "Firm": [md_escape(f"{e} {n}") for e, n in zip(firms.entity, firms.name_en)],
        "Industry": [md_escape(i) for i in firms.industry],
        "Products": [md_escape(p) for p in firms.products],
        "What the corpus says": said,
    })
    return md_table(table, escape=False)


def targets_markdown(targets: pd.DataFrame, cite: Citations) -> str:
    """One cited bullet per target (see :func:`lib.present.targets.target_sentence`)."""
    if targets.empty:
        return "The corpus states no target for this place."
    lines = []
    for row in targets.to_dict("records"):
        who = f"{row['measure']}" + (f" ({row['entity']})" if row["entity"] else "")
        refs = cite.ref(row["target_fact"], row["base_fact"], row["growth_fact"])
        mentions = f" Stated {row['mentions']} times." if row["mentions"] > 1 else ""
        lines.append(f"- **{md_escape(who)}.** {target_sentence(row)}{md_escape(mentions)} {refs}")
    return "\n".join(lines)


def peer_table(fb: FactBase, shared: pd.DataFrame, order: list[str], cite: Citations) -> str:
    """Shared figures as a table: one row per measure, one column per place; gaps are gaps."""
    if shared.empty:
        return ""
    labels, places = fb.indicator_labels, place_labels(fb)
    cols = [c for c in order if c in set(shared.region_code)]
    rows = []
    for (ind, kind, unit), group in shared.groupby(["indicator", "kind", "base_unit"], sort=False):
        by = group.set_index("region_code")
        row = {"Measure": md_escape(labels[ind])}
        for c in cols:
            if c in by.index:
                r = by.loc[c]
                row[md_escape(places[c])] = (f"{md_escape(fmt_value(r.value_base, unit))} "
                                             f"({md_escape(r.period)}) {cite.ref(r.fact_id)}")
            else:
                row[md_escape(places[c])] = "not stated"
        rows.append(row)
    return md_table(pd.DataFrame(rows), escape=False)


def peer_chart(fb: FactBase, shared: pd.DataFrame, focus: str) -> alt.Chart | None:
    """Small multiples: each shared measure across the places that state it.

    Each measure keeps its own scale (levels, counts and rates do not share an axis); the
    focus place is coloured. None when nothing is shared.
    """
    if shared.empty:
        return None
    labels, places = fb.indicator_labels, place_labels(fb)
    data = shared.assign(
        # the kind is named only where the measure's name does not already say it
        measure=shared.indicator.map(labels) + shared.kind.map({"capacity": " (capacity)"})
        .fillna(""),
        place=shared.region_code.map(places),
        shown=[fmt_value(v, u) for v, u in zip(shared.value_base, shared.base_unit)],
        focus=(shared.region_code == focus).map({True: "this place", False: "peer"}),
        # an invisible mark past the longest bar keeps its value label inside the panel
        room=shared.groupby(["indicator", "kind"]).value_base.transform("max") * 1.7,
    )
    bars = alt.Chart().mark_bar().encode(
        x=alt.X("value_base:Q", title=None, axis=alt.Axis(labels=False, ticks=False)),
        y=alt.Y("place:N", title=None),
        color=alt.Color("focus:N", title=None, scale=alt.Scale(domain=["this place", "peer"])),
        tooltip=["measure", "place", "shown", "period", "fact_id"],
    )
    text = bars.mark_text(align="left", dx=3).encode(text="shown:N", color=alt.value("#333"))
    room = alt.Chart().mark_point(opacity=0).encode(x="room:Q", y="place:N")
    n = data.measure.nunique()
    return alt.layer(bars, text, room, data=data).properties(
        width=300, height=alt.Step(18)).facet(
        row=alt.Row("measure:N", title=None),  # the theme sets facet labels horizontal
    ).resolve_scale(x="independent", y="independent").properties(
        title="Shared measures, each on its own scale" if n > 1 else "The shared measure")


def disagreements_markdown(rec: pd.DataFrame, cite: Citations) -> str:
    """Figures the sources state differently: both readings, the verdict and the one used."""
    if rec.empty:
        return "No figure of this place is stated differently by two statements."
    lines = []
    for r in rec.itertuples():
        what = r.indicator.replace("_", " ") + (f" ({r.entity})" if r.entity else "")
        refs = cite.ref(*r.fact_ids.split(";"))
        lines.append(f"- **{md_escape(what)}, {md_escape(r.period or 'no period')}**: "
                     f"{md_escape(r.readings)}: {md_escape(r.verdict)}. The report uses "
                     f"{cite.ref(r.used_fact)}: {md_escape(r.reason)}. {refs}")
    return "\n".join(lines)


def claimed_markdown(fb: FactBase, claimed: pd.DataFrame, cite: Citations) -> str:
    """Figures claimed by a firm, association or official, not stated by the article."""
    if claimed.empty:
        return "Every figure of this place is stated by the articles themselves."
    labels = fb.indicator_labels
    lines = [f"- {md_escape(labels[r.indicator])}"
             f"{md_escape(' (' + r.entity + ')') if r.entity else ''}: "
             f"{md_escape(fact_value(r._asdict()))}, claimed by the {md_escape(r.attribution)} "
             f"{cite.ref(r.fact_id)}" for r in claimed.itertuples()]
    return "\n".join(lines)

