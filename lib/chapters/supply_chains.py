"""What the supply-chain chapter shows: one cluster worked through, then every cluster's chains.

The clusters, their facts and derived figures come from :mod:`lib.analysis.clusters`, the
chains' statuses from :mod:`lib.analysis.chains`, and the chain drawings and the map from
:mod:`lib.present.chains` and :mod:`lib.present.maps`. This module picks the cluster in focus
(:func:`worked_case`), computes the numbers the prose quotes (:func:`page_values`) and returns
each table (as :func:`lib.present.markdown.md`) and chart (as an Altair chart) of the page;
where there is nothing to show, the sentence that says so.

Use::

    from lib.chapters import supply_chains as view
    case = view.worked_case(fb, "360734", "xunwu_air_compressor")
    view.profile_table(case)
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
from IPython.display import Markdown

from lib.analysis.chains import chain_status
from lib.analysis.clusters import (
    COMPARE_SLOTS,
    Cluster,
    check_focus,
    cluster_facts,
    clusters_of,
    comparison,
    derive_all,
    derived_table,
    local_share,
    missing_slots,
    scale_figures,
    single_source_claims,
)
from lib.analysis.places import place_label, place_labels
from lib.data.factbase import FactBase
from lib.present.chains import STATUS_EN, chain_chart, chain_titles
from lib.present.maps import point_map
from lib.present.markdown import md, md_escape, md_table
from lib.text.english import fact_period, fact_value

__all__ = [
    "SUMMARY_KEYS",
    "WorkedCase",
    "chain_reading_table",
    "cluster_grid_chart",
    "cluster_links",
    "cluster_map",
    "derived_figures_table",
    "derived_summary",
    "evidence_table",
    "focus_chain_chart",
    "grid_figures",
    "link_status_chart",
    "other_chains_chart",
    "other_figures_table",
    "page_values",
    "profile_table",
    "single_claims_table",
    "worked_case",
]

#: The derived figures the chapter's summary sentence names, in its order.
SUMMARY_KEYS = ("value_per_unit", "target_value_per_unit", "local_core_share", "exporter_growth")


def _clusters(fb: FactBase) -> dict[str, Cluster]:
    """Every cluster of the corpus, by key (the one place this module reads them from)."""
    return clusters_of(fb)


@dataclass(frozen=True, eq=False)
class WorkedCase:
    """The cluster the chapter works through, with what the page shows of it.

    Attributes
    ----------
    key : str
        The cluster's key (the ``cluster`` parameter).
    cluster : lib.analysis.clusters.Cluster
    facts : pandas.DataFrame
        Its figures, one row each (:func:`lib.analysis.clusters.cluster_facts`).
    slots : pandas.DataFrame
        The profile's figures found or missing
        (:func:`lib.analysis.clusters.missing_slots` over
        :data:`lib.analysis.clusters.COMPARE_SLOTS`).
    derived : list of dict
        Every derived figure (:func:`lib.analysis.clusters.derive_all`) and the local share of
        core components (:func:`lib.analysis.clusters.local_share`), computable or not.
    """

    key: str
    cluster: Cluster
    facts: pd.DataFrame
    slots: pd.DataFrame
    derived: list[dict]


def worked_case(fb: FactBase, region: str, cluster: str) -> WorkedCase:
    """Check the chapter's parameters and gather the cluster in focus.

    Parameters
    ----------
    fb : FactBase
    region : str
        6-digit code of the cluster's place.
    cluster : str
        A cluster key (see :func:`lib.analysis.clusters.check_focus`).

    Returns
    -------
    WorkedCase

    Raises
    ------
    ValueError
        For an unknown cluster or one not in *region* (the message lists the valid ones).
    """
    focus = check_focus(fb, region, cluster)
    facts = cluster_facts(fb.facts, focus)
    derived = derive_all(facts, fb.indicator_labels) + [
        local_share(facts, fb.chain_links, focus.chains)
    ]
    return WorkedCase(cluster, focus, facts, missing_slots(facts, COMPARE_SLOTS), derived)


def grid_figures(fb: FactBase) -> pd.DataFrame:
    """The clusters' figures side by side, without the link counts.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    pandas.DataFrame
        ``cluster`` and one column per figure some cluster states (as written; None where
        the corpus is silent), from :func:`lib.analysis.clusters.comparison`.
    """
    grid = comparison(fb)
    return grid[[c for c in grid.columns if not c.startswith("links ")]]


def cluster_links(fb: FactBase) -> pd.DataFrame:
    """The links of every cluster's chains, each with the cluster it belongs to.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    pandas.DataFrame
        The rows of ``chain_links.csv`` whose chain draws a cluster, plus ``cluster`` (the
        cluster's label).
    """
    owner = {c: cl.label for cl in _clusters(fb).values() for c in cl.chains}
    links = fb.chain_links[fb.chain_links.chain.isin(list(owner))]
    return links.assign(cluster=links.chain.map(owner))


def page_values(fb: FactBase, case: WorkedCase) -> dict[str, str | int]:
    """The numbers and names the chapter's prose quotes, by the name the page glues them as.

    Parameters
    ----------
    fb : FactBase
    case : WorkedCase

    Returns
    -------
    dict
        ``focus_label`` and ``focus_region`` (the cluster's and its place's names);
        ``n_focus_facts`` (its figures), ``n_slots`` and ``n_slots_found`` (profile figures
        sought and found); ``n_clusters_mapped`` and ``n_clusters_sized`` (clusters on the map,
        and those with a money figure); ``n_grid_cells``, ``n_grid_filled`` and
        ``n_grid_shared`` (cells of the comparison grid, those filled, and figures stated for
        more than one cluster); ``n_multi_focus`` (figures of the cluster in focus stated in
        more than one source) and ``n_single_focus`` (those resting on one self-reported
        statement).
    """
    scale = scale_figures(fb)
    figs = grid_figures(fb).drop(columns="cluster")
    return {
        "focus_label": case.cluster.label,
        "focus_region": place_label(fb, case.cluster.region),
        "n_focus_facts": len(case.facts),
        "n_slots_found": int(case.slots.found.sum()),
        "n_slots": len(case.slots),
        "n_clusters_mapped": len(scale),
        "n_clusters_sized": int(scale.scale_yuan_100m.notna().sum()),
        "n_grid_cells": figs.size,
        "n_grid_filled": int(figs.notna().sum().sum()),
        "n_grid_shared": int((figs.notna().sum() > 1).sum()),
        "n_single_focus": len(single_source_claims(case.facts)),
        "n_multi_focus": int((case.facts.sources > 1).sum()),
    }


def profile_table(case: WorkedCase) -> Markdown:
    """The profile's figures the corpus states for the cluster, then those it does not.

    Parameters
    ----------
    case : WorkedCase

    Returns
    -------
    IPython.display.Markdown
        A table (section, figure, as written, period, attribution, quote) and a line naming
        the figures not stated; a sentence when none is stated.
    """
    found = case.slots[case.slots.found]
    table = (
        "The corpus states none of the profile's figures for this cluster."
        if found.empty
        else md_table(
            found[["section", "figure", "value_text", "when", "attribution", "quote"]]
            .rename(columns=str.capitalize)
            .rename(columns={"Value_text": "As written", "When": "Period"})
        )
    )
    gaps = case.slots[~case.slots.found].figure.tolist()
    missing = "**Not stated for this cluster:** " + md_escape(", ".join(gaps)) + "." if gaps else ""
    return md(table, missing)


def other_figures_table(fb: FactBase, case: WorkedCase) -> Markdown:
    """The cluster's figures that are not part of the profile.

    Parameters
    ----------
    fb : FactBase
    case : WorkedCase

    Returns
    -------
    IPython.display.Markdown
        Indicator, entity, as written, period, kind, attribution, statements; "No other
        figures." when every figure is in the profile.
    """
    other = case.facts[~case.facts.fact_id.isin(case.slots.fact_id)]
    if other.empty:
        return md("No other figures.")
    return md(
        md_table(
            pd.DataFrame(
                {
                    "Indicator": other.indicator.map(fb.indicator_labels),
                    "Entity": other.entity,
                    "Value": [fact_value(r) for _, r in other.iterrows()],
                    "As written": other.value_text,
                    "Period": [fact_period(r) for _, r in other.iterrows()],
                    "Kind": other.kind,
                    "Attribution": other.attribution,
                    "Statements": other.statements,
                }
            )
        )
    )


def derived_figures_table(case: WorkedCase) -> Markdown:
    """The derived figures computable for the cluster, then what the others lack.

    Parameters
    ----------
    case : WorkedCase

    Returns
    -------
    IPython.display.Markdown
        A table (figure, value, formula, facts used, caveats) and a line naming each figure
        not computable with the input it lacks; a sentence when none is computable.
    """
    table = derived_table(case.derived)
    computable = table[table.Value != "not computable"]
    shown = (
        md_table(computable.drop(columns="Missing"))
        if not computable.empty
        else (
            "None of the derived figures can be computed: the corpus does not state the inputs "
            "for this cluster."
        )
    )
    lacking = table[table.Value == "not computable"]
    gaps = (
        ""
        if lacking.empty
        else "**Not computable here:** "
        + "; ".join(
            f"{md_escape(f)} (lacks {md_escape(m)})"
            for f, m in zip(lacking.Figure, lacking.Missing)
        )
    )
    return md(shown, gaps)


def derived_summary(case: WorkedCase) -> Markdown:
    """One paragraph naming the derived figures of :data:`SUMMARY_KEYS` that are computable.

    Parameters
    ----------
    case : WorkedCase

    Returns
    -------
    IPython.display.Markdown
        The figures with their values; when both value-per-unit figures are known, why they
        do not measure a change in unit value.
    """
    by_key = {r["key"]: r for r in case.derived}
    said = [
        f"{md_escape(by_key[k]['label'].lower())}: {md_escape(by_key[k]['text'])}"
        for k in SUMMARY_KEYS
        if by_key[k]["text"]
    ]
    text = (
        ("For the cluster in focus: " + "; ".join(said) + ".")
        if said
        else "For the cluster in focus the corpus gives none of the inputs of these figures."
    )
    if by_key["value_per_unit"]["text"] and by_key["target_value_per_unit"]["text"]:
        text += (
            " The first two cannot be read as a change in unit value: the target's "
            "numerator is the revenue of above-scale firms only, the present one the "
            "output value of all firms, and a bound (突破) on either side makes each ratio "
            "a bound too."
        )
    return md(text)


def _chains(fb: FactBase, chains: list[str], none: str) -> alt.VConcatChart | Markdown:
    if not chains:
        return md(none)
    return chain_chart(fb.chain_links, chains, place_labels(fb), chain_titles(fb.chains))


def focus_chain_chart(fb: FactBase, case: WorkedCase) -> alt.VConcatChart | Markdown:
    """The chains of the cluster in focus (:func:`lib.present.chains.chain_chart`).

    Parameters
    ----------
    fb : FactBase
    case : WorkedCase

    Returns
    -------
    altair.VConcatChart or IPython.display.Markdown
        One panel per chain; a sentence when the cluster has no chain.
    """
    return _chains(
        fb, list(case.cluster.chains), "The corpus draws no chain for the cluster in focus."
    )


def other_chains_chart(fb: FactBase, case: WorkedCase) -> alt.VConcatChart | Markdown:
    """The chains of every other cluster, one panel per chain, in the clusters' order.

    Parameters
    ----------
    fb : FactBase
    case : WorkedCase

    Returns
    -------
    altair.VConcatChart or IPython.display.Markdown
        A sentence when no other cluster has a chain.
    """
    others = [c for k, cl in _clusters(fb).items() if k != case.key for c in cl.chains]
    return _chains(fb, others, "The corpus draws no chain for any other cluster.")


def cluster_map(fb: FactBase) -> alt.LayerChart | Markdown:
    """Every cluster on its county, sized by its largest stated money figure.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    altair.LayerChart or IPython.display.Markdown
        :func:`lib.present.maps.point_map` of :func:`lib.analysis.clusters.scale_figures`
        (clusters without a money figure as small fixed points); a sentence when
        ``entities.csv`` names no cluster with a place.
    """
    scale = scale_figures(fb)
    if scale.empty:
        return md("The corpus names no cluster with a place to map.")
    return point_map(
        scale.rename(columns={"scale_yuan_100m": "scale (100 million yuan)"}),
        "scale (100 million yuan)",
        "cluster",
        title="Clusters named in the corpus",
        width=420,
        height=460,
    ).configure_legend(orient="bottom", columns=1, labelLimit=720)


def cluster_grid_chart(fb: FactBase) -> alt.LayerChart:
    """The clusters' figures as written on a grid; blank cells are gaps, not zeros.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    altair.LayerChart
        A shaded cell per figure stated (tooltip: cluster, figure, as written) with its text,
        figures in the order of :data:`lib.analysis.clusters.COMPARE_SLOTS`.
    """
    order = [f for f in grid_figures(fb).columns if f != "cluster"]
    # melted with the link counts, then without them: the column is of mixed type, so a gap
    # is NaN in the chart's data, as the page has had it (null would draw the same)
    long = comparison(fb).melt(id_vars="cluster", var_name="figure", value_name="as written")
    long = long[long.figure.isin(order)]
    base = alt.Chart(long).encode(
        x=alt.X("cluster:N", title=None, axis=alt.Axis(labelAngle=-35, labelLimit=320)),
        y=alt.Y("figure:N", sort=order, title=None),
    )
    stated = "isValid(datum['as written'])"
    cells = base.mark_rect(stroke="#bbbbbb", strokeWidth=0.5).encode(
        color=alt.condition(stated, alt.value("#cfe3f1"), alt.value("#ffffff")),
        tooltip=["cluster", "figure", "as written"],
    )
    text = base.mark_text(fontSize=9).encode(text=alt.Text("as written:N")).transform_filter(stated)
    return (cells + text).properties(
        title="Figures stated per cluster, as written (blank: not stated)", width=560
    )


def link_status_chart(fb: FactBase) -> alt.Chart:
    """Links of each cluster's chains by status, one bar per cluster.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    altair.Chart
        Stacked bars of link counts, coloured by status in the words of
        :data:`lib.present.chains.STATUS_EN`.
    """
    links = cluster_links(fb)
    counts = (
        links.assign(status=links.status.map(STATUS_EN))
        .groupby(["cluster", "status"])
        .size()
        .rename("links")
        .reset_index()
    )
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("links:Q", title="Links"),
            y=alt.Y("cluster:N", title=None, sort="-x"),
            color=alt.Color(
                "status:N", title="Link status", scale=alt.Scale(domain=list(STATUS_EN.values()))
            ),
            tooltip=["cluster", "status", "links"],
        )
        .properties(title="Chain links by status", height=alt.Step(22))
    )


def chain_reading_table(fb: FactBase) -> Markdown:
    """Each cluster's chains: links by status, the reading, and what is bought elsewhere.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    IPython.display.Markdown
        One row per chain (:func:`lib.analysis.chains.chain_status`) with its cluster and the
        stages bought elsewhere, each with the link's note.
    """
    links = cluster_links(fb)
    status = chain_status(links)
    status["cluster"] = status.chain.map(dict(zip(links.chain, links.cluster)))
    gone = links[links.status == "missing"]
    bought = {
        chain: "; ".join(f"{u} ({n})" if n else u for u, n in zip(d.upstream, d.note))
        for chain, d in gone.groupby("chain")
    }
    status["bought elsewhere"] = status.chain.map(bought).fillna("")
    status["chain"] = status.chain.map(dict(zip(fb.chains.chain, fb.chains.name_en)))
    columns = {  # the chain by its name, the statuses as the chain charts name them
        "cluster": "Cluster",
        "chain": "Chain",
        "present": "Present",
        "missing": "Missing",
        "planned": "Planned",
        "cross_region": "Across regions",
        "reading": "Reading",
        "bought elsewhere": "Bought elsewhere",
    }
    return md(md_table(status[list(columns)].rename(columns=columns)))


def evidence_table(fb: FactBase) -> Markdown:
    """How each cluster's figures are attested: by several sources, or by one party.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    IPython.display.Markdown
        Per cluster: its figures, those stated in more than one source, those resting on a
        single self-reported statement (:func:`lib.analysis.clusters.single_source_claims`)
        and those stated by one article alone.
    """
    rows = []
    for cl in _clusters(fb).values():
        f = cluster_facts(fb.facts, cl)
        rows.append(
            {
                "cluster": cl.label,
                "figures": len(f),
                "stated in more than one source": int((f.sources > 1).sum()),
                "single self-reported (firm, government, association)": len(
                    single_source_claims(f)
                ),
                "article only, one source": int(
                    ((f.sources == 1) & (f.attributions == "article")).sum()
                ),
            }
        )
    return md(md_table(pd.DataFrame(rows)))


def single_claims_table(fb: FactBase, case: WorkedCase) -> Markdown:
    """The figures of the cluster in focus that rest on one self-reported statement.

    Parameters
    ----------
    fb : FactBase
    case : WorkedCase

    Returns
    -------
    IPython.display.Markdown
        Indicator, entity, as written, who claims it, quote; a sentence when there is none.
    """
    fs = single_source_claims(case.facts)
    if fs.empty:
        return md(
            "None: every figure about this cluster is stated by the article itself or by "
            "more than one source."
        )
    return md(
        md_table(
            pd.DataFrame(
                {
                    "Indicator": fs.indicator.map(fb.indicator_labels),
                    "Entity": fs.entity,
                    "As written": fs.value_text,
                    "Who claims it": fs.attributions,
                    "Quote": fs.quote,
                }
            )
        )
    )
