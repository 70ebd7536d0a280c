"""What a region's profile shows: the tables of :mod:`lib.analysis.figures` as cited Markdown and charts.

Every function returns MyST Markdown (data escaped, numbers linked to their quotes through
a :class:`~lib.present.citations.Citations`) or an Altair chart, so the chapter template only calls
them in order.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lib.present.citations import Citations
from lib.data.factbase import FactBase
from lib.present.values import fmt_stated, fmt_value, md_escape, md_table
from lib.analysis.targets import target_sentence

__all__ = [
    "chains_markdown", "claimed_markdown", "clusters_markdown", "disagreements_markdown", "figure_table", "firms_markdown",
    "growth_chart", "label_of", "peer_chart", "peer_table", "place_labels", "targets_markdown",
    "value_of",
]


def value_of(row: pd.Series | dict) -> str:
    """A fact's value in plain English, with its qualifier (``more than 5 billion yuan``)."""
    if row["qualifier"] == "range" and pd.notna(row.get("value_base_high")):
        return f"{fmt_value(row['value_base'], row['base_unit'])} to " \
               f"{fmt_value(row['value_base_high'], row['base_unit'])}"
    return fmt_stated(row["qualifier"], row["value_base"], row["base_unit"])


def label_of(fb: FactBase) -> dict[str, str]:
    """Indicator id → English label."""
    return dict(zip(fb.indicators.indicator, fb.indicators.label_en))


def place_labels(fb: FactBase) -> dict[str, str]:
    """Region code → ``"寻乌县 Xunwu County"`` for every administrative place."""
    places = fb.regions[fb.regions.level != "park"]
    return {r.code: f"{r.name_zh} {r.name_en}" for r in places.itertuples()}


def figure_table(fb: FactBase, figs: pd.DataFrame, cite: Citations) -> str:
    """A cited table of figures: measure, entity, value, as written, period, kind, source."""
    labels = label_of(fb)
    table = pd.DataFrame({
        "Measure": figs.indicator.map(labels),
        "Entity": figs.entity,
        "Value": [value_of(r) for _, r in figs.iterrows()],
        "As written": figs.value_text,
        "Period": figs.period.replace("", "not stated"),
        "Kind": figs.kind,
        "Quote": [cite.ref(f) for f in figs.fact_id],
    })
    return md_table(table, raw_columns=("Quote",))


def growth_chart(fb: FactBase, growth: pd.DataFrame, title: str) -> alt.Chart:
    """Bars of growth rates (percent), one per figure, labelled with measure and period."""
    labels = label_of(fb)
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
        From :func:`lib.analysis.figures.chains`.
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
        "Sources": [", ".join(sorted({quotes.loc[i].source_id[:3] for i in ids}))
                    for ids in chains.link_ids],
    })
    return md_table(table)


def firms_markdown(fb: FactBase, firms: pd.DataFrame, cite: Citations) -> str:
    """The firms the corpus names, with what it says of them (cited)."""
    if firms.empty:
        return "The corpus names no firm in this place."
    labels = label_of(fb)
    facts = fb.facts.set_index("fact_id")
    said = []
    for ids in firms.fact_ids:
        parts = []
        for f in filter(None, ids.split(";")):
            row = facts.loc[f]
            parts.append(f"{md_escape(labels[row.indicator])}: {md_escape(value_of(row))} "
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
    """One cited bullet per target (see :func:`lib.analysis.targets.target_sentence`)."""
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
    labels, places = label_of(fb), place_labels(fb)
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
    labels, places = label_of(fb), place_labels(fb)
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
    labels = label_of(fb)
    lines = [f"- {md_escape(labels[r.indicator])}"
             f"{md_escape(' (' + r.entity + ')') if r.entity else ''}: "
             f"{md_escape(value_of(r._asdict()))}, claimed by the {md_escape(r.attribution)} "
             f"{cite.ref(r.fact_id)}" for r in claimed.itertuples()]
    return "\n".join(lines)

