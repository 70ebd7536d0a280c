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
from lib.present.chains import STATUS_COLOURS, STATUS_EN, chain_chart, chain_titles
from lib.present.charts import point_title
from lib.present.maps import point_map
from lib.present.markdown import md, md_escape, md_table
from lib.text.english import fact_period, fact_value

__all__ = [
    "SUMMARY_KEYS",
    "WorkedCase",
    "chain_reading_table",
    "cluster_links",
    "cluster_map",
    "cluster_places",
    "cluster_scale_chart",
    "derived_figures_table",
    "derived_summary",
    "evidence_table",
    "focus_chain_chart",
    "focus_point",
    "link_point",
    "map_point",
    "others_point",
    "scale_point",
    "shared_figures_table",
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
        sought and found); ``n_grid_figures`` and
        ``n_grid_shared`` (profile figures stated for some cluster, and those stated for
        more than one); ``n_multi_focus`` (figures of the cluster in focus stated in more
        than one source) and ``n_single_focus`` (those resting on one self-reported
        statement); the points the charts state: ``focus_point``, ``others_point``,
        ``map_point``, ``scale_point``, ``link_point``.
    """
    figs = grid_figures(fb).drop(columns="cluster")
    return {
        "focus_label": case.cluster.label,
        "focus_region": place_label(fb, case.cluster.region),
        "n_focus_facts": len(case.facts),
        "n_slots_found": int(case.slots.found.sum()),
        "n_slots": len(case.slots),
        "n_grid_figures": figs.shape[1],
        "n_grid_shared": int((figs.notna().sum() > 1).sum()),
        "n_single_focus": len(single_source_claims(case.facts)),
        "n_multi_focus": int((case.facts.sources > 1).sum()),
        "focus_point": focus_point(fb, case),
        "others_point": others_point(fb, case),
        "map_point": map_point(fb),
        "scale_point": scale_point(fb),
        "link_point": link_point(fb),
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


def _bought(links: pd.DataFrame) -> dict[str, list[str]]:
    """Chain → the stages its links say are bought elsewhere (English part of the name)."""
    gone = links[links.status == "missing"]
    return {
        chain: [u.split(" (")[0] for u in d.upstream.drop_duplicates()]
        for chain, d in gone.groupby("chain")
    }


def focus_point(fb: FactBase, case: WorkedCase) -> str:
    """The focus chain chart's point: how many of its links are in place, what is bought.

    Parameters
    ----------
    fb : FactBase
    case : WorkedCase

    Returns
    -------
    str
        ``"Xunwu air compressors: 8 of the 10 links the corpus draws are in the region; only
        the frequency converter is bought elsewhere, and one link crosses regions."``; empty
        when the cluster has no chain.
    """
    links = fb.chain_links[fb.chain_links.chain.isin(list(case.cluster.chains))]
    if links.empty:
        return ""
    counts = links.status.value_counts()
    name = case.cluster.label.split(" ", 1)[-1]
    text = (
        f"{name}: {counts.get('present', 0)} of the {len(links)} links the corpus draws are "
        "in the region"
    )
    bought = [b for stages in _bought(links).values() for b in stages]
    parts = []
    if bought:
        parts.append(
            f"{'only ' if len(bought) == 1 else ''}the {', '.join(bought)} "
            f"{'is' if len(bought) == 1 else 'are'} bought elsewhere"
        )
    if counts.get("planned", 0):
        parts.append(f"{counts['planned']} only planned")
    if counts.get("cross_region", 0):
        k = counts["cross_region"]
        parts.append(f"{'one link crosses' if k == 1 else f'{k} links cross'} regions")
    if parts:
        text += "; " + (", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0])
    return text + "."


def others_point(fb: FactBase, case: WorkedCase) -> str:
    """The other chains chart's point: how many are complete as drawn, planned, dependent.

    Parameters
    ----------
    fb : FactBase
    case : WorkedCase

    Returns
    -------
    str
        ``"Of the 9 other chains: 4 mostly planned, 3 complete as described and 1
        dependent on outside suppliers; none has more than 4 links."``; empty without any.
    """
    others = [c for k, cl in _clusters(fb).items() if k != case.key for c in cl.chains]
    links = fb.chain_links[fb.chain_links.chain.isin(others)]
    if links.empty:
        return ""
    status = chain_status(links)
    readings = status.reading.replace(
        "depends on outside suppliers", "dependent on outside suppliers"
    ).value_counts()
    parts = [f"{k} {r}" for r, k in readings.items()]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    longest = int(status.links.max())
    return (
        f"Of the {len(status)} other chains: {listed}; none has more than {longest} "
        f"link{'s' if longest > 1 else ''}."
    )


def _chains(fb: FactBase, chains: list[str], none: str, point: str) -> alt.VConcatChart | Markdown:
    if not chains:
        return md(none)
    return chain_chart(
        fb.chain_links,
        chains,
        place_labels(fb),
        chain_titles(fb.chains),
        title=point_title(
            point,
            "Stages are points, links lines, coloured and dashed by status; hover a link for "
            "its source and quote.",
        ),
    )


def focus_chain_chart(fb: FactBase, case: WorkedCase) -> alt.VConcatChart | Markdown:
    """The chains of the cluster in focus (:func:`lib.present.chains.chain_chart`).

    Parameters
    ----------
    fb : FactBase
    case : WorkedCase

    Returns
    -------
    altair.VConcatChart or IPython.display.Markdown
        One panel per chain, titled with :func:`focus_point`; a sentence when the cluster
        has no chain.
    """
    return _chains(
        fb,
        list(case.cluster.chains),
        "The corpus draws no chain for the cluster in focus.",
        focus_point(fb, case),
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
        Titled with :func:`others_point`; a sentence when no other cluster has a chain.
    """
    others = [c for k, cl in _clusters(fb).items() if k != case.key for c in cl.chains]
    return _chains(
        fb, others, "The corpus draws no chain for any other cluster.", others_point(fb, case)
    )


def cluster_places(fb: FactBase) -> pd.DataFrame:
    """How many clusters the corpus names in each place.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    pandas.DataFrame
        ``code``, ``place`` (the place's label), ``clusters`` (how many), ``names`` (their
        names, "; "-joined) and ``label`` (the English place name and the count, for the
        map); most clusters first.
    """
    scale = scale_figures(fb)
    labels = place_labels(fb)
    places = (
        scale.groupby("code", sort=False)
        .agg(clusters=("cluster", "size"), names=("cluster", "; ".join))
        .reset_index()
    )
    places["place"] = places.code.map(labels)
    places["label"] = [f"{p.split(' ', 1)[-1]}: {n}" for p, n in zip(places.place, places.clusters)]
    places = places.sort_values("clusters", ascending=False, kind="stable")
    return places[["code", "place", "clusters", "names", "label"]].reset_index(drop=True)


def map_point(fb: FactBase) -> str:
    """The cluster map's point: how many places, and where most clusters are.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    str
        ``"The 18 clusters the corpus names sit in 7 places; 10 of them in 章贡区 Zhanggong
        District and 赣县区 Ganxian District."``; empty when none is named.
    """
    places = cluster_places(fb)
    if places.empty:
        return ""
    n = int(places.clusters.sum())
    top = places.head(2)
    where = " and ".join(top.place)
    return (
        f"The {n} clusters the corpus names sit in {len(places)} places; "
        f"{int(top.clusters.sum())} of them in {where}."
    )


def cluster_map(fb: FactBase) -> alt.LayerChart | Markdown:
    """The places of southern Jiangxi where the corpus names clusters, sized by how many.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    altair.LayerChart or IPython.display.Markdown
        :func:`lib.present.maps.point_map` of :func:`cluster_places` over the counties of
        Ganzhou and Ji'an (a prefecture-wide cluster at the prefecture's centre), each circle
        labelled with its place and count; titled with :func:`map_point`. A sentence when
        ``entities.csv`` names no cluster with a place.
    """
    places = cluster_places(fb)
    if places.empty:
        return md("The corpus names no cluster with a place to map.")
    return point_map(
        places,
        "clusters",
        None,
        title=point_title(
            map_point(fb),
            "Circle area: clusters named in the place (a prefecture-wide cluster at the "
            "prefecture's centre); hover for their names. Counties of Ganzhou and Ji'an.",
            width=60,
        ),
        width=420,
        height=520,
        label_field="label",
        within=["360700", "360800"],
    ).configure_legend(disable=True)


def scale_point(fb: FactBase) -> str:
    """The scale chart's point: how few clusters have a money figure at all.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    str
        ``"Only 4 of the 18 clusters the corpus names have a stated size, all for 2024."``;
        empty when none is named.
    """
    scale = scale_figures(fb)
    if scale.empty:
        return ""
    sized = scale.dropna(subset=["scale_yuan_100m"])
    facts = fb.facts.set_index("fact_id")
    years = sorted({str(facts.loc[f, "period"])[:4] for f in sized.fact_id})
    when = f", all for {years[0]}" if len(years) == 1 else ""
    only = "Only " if len(sized) * 2 < len(scale) else ""
    return (
        f"{only}{len(sized)} of the {len(scale)} clusters the corpus names "
        f"{'has' if len(sized) == 1 else 'have'} a stated size{when}."
    )


_MEASURE_EN = {"cluster_revenue": "revenue (营收)", "cluster_output": "output value (产值)"}


def cluster_scale_chart(fb: FactBase) -> alt.LayerChart | Markdown:
    """The clusters that have a money figure, one bar each, coloured by what it measures.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    altair.LayerChart or IPython.display.Markdown
        Bars in 100 million yuan (亿元) labelled as written with the period, titled with
        :func:`scale_point`; or the sentence that no cluster has a money figure.
    """
    scale = scale_figures(fb).dropna(subset=["scale_yuan_100m"])
    if scale.empty:
        return md("No cluster the corpus names has a stated revenue or output value.")
    facts = fb.facts.set_index("fact_id")
    data = scale.assign(
        measure=scale.measure.map(_MEASURE_EN),
        as_written=[facts.loc[f, "value_text"] for f in scale.fact_id],
        period=[fact_period(facts.loc[f]) for f in scale.fact_id],
    )
    data["label"] = [f"{w} ({p})" for w, p in zip(data.as_written, data.period)]
    base = alt.Chart(data).encode(
        x=alt.X("scale_yuan_100m:Q", title="100 million yuan (亿元)"),
        y=alt.Y("cluster:N", sort="-x", title=None, axis=alt.Axis(labelLimit=440)),
        tooltip=["cluster", "measure", "as_written", "period", "fact_id"],
    )
    return alt.layer(
        base.mark_bar().encode(
            color=alt.Color(
                "measure:N",
                title="Measure",
                scale=alt.Scale(domain=list(_MEASURE_EN.values())),
                legend=alt.Legend(orient="bottom"),
            )
        ),
        base.mark_text(align="left", dx=3, color="black").encode(text="label:N"),
    ).properties(
        title=point_title(
            scale_point(fb),
            "Largest stated revenue or output value of each cluster, 100 million yuan; the two "
            "are different measures, and a figure written 突破 ('more than') is a lower bound.",
        ),
        height=alt.Step(24),
        width=360,
    )


def shared_figures_table(fb: FactBase) -> Markdown:
    """The profile figures the corpus states for more than one cluster, side by side.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    IPython.display.Markdown
        One row per such figure and cluster, as written; or the sentence that no figure is
        stated for two clusters.
    """
    grid = grid_figures(fb).set_index("cluster")
    shared = [f for f in grid.columns if grid[f].notna().sum() > 1]
    if not shared:
        return md("No profile figure is stated for more than one cluster.")
    rows = [
        {"Figure": f, "Cluster": c, "As written": v}
        for f in shared
        for c, v in grid[f].dropna().items()
    ]
    return md(md_table(pd.DataFrame(rows)))


def link_point(fb: FactBase) -> str:
    """The link-status chart's point: how many links are in place, and where the planned are.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    str
        ``"22 of the 31 chain links the corpus draws are in place; 7 are only planned, 6 of
        them in Ganxian District's four key chains."``; empty without links.
    """
    links = cluster_links(fb)
    if links.empty:
        return ""
    text = (
        f"{int((links.status == 'present').sum())} of the {len(links)} chain links the corpus "
        "draws are in place"
    )
    planned = links[links.status == "planned"]
    if not planned.empty:
        by = planned.cluster.value_counts()
        top = by.index[0].split(" ", 1)[-1]
        text += f"; {len(planned)} are only planned"
        text += f", all in {top}" if len(by) == 1 else f", {int(by.iloc[0])} of them in {top}"
    return text + "."


def link_status_chart(fb: FactBase) -> alt.Chart:
    """Links of each cluster's chains by status, one bar per cluster.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    altair.Chart
        Stacked bars of link counts, coloured by status in the words and colours of
        :data:`lib.present.chains.STATUS_EN` and :data:`lib.present.chains.STATUS_COLOURS`;
        titled with :func:`link_point`.
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
            x=alt.X("links:Q", title="Chain links (count)", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("cluster:N", title=None, sort="-x", axis=alt.Axis(labelLimit=440)),
            color=alt.Color(
                "status:N",
                title="Link status",
                scale=alt.Scale(
                    domain=list(STATUS_EN.values()),
                    range=[STATUS_COLOURS[s] for s in STATUS_EN],
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=["cluster", "status", "links"],
        )
        .properties(
            title=point_title(
                link_point(fb),
                "Links of each cluster's chains (data/chain_links.csv) by status.",
            ),
            height=alt.Step(22),
        )
    )


def chain_reading_table(fb: FactBase) -> Markdown:
    """Each cluster's chains: links by status, the reading, and what is bought elsewhere.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    IPython.display.Markdown
        One row per chain (:func:`lib.analysis.chains.chain_status`), named as in
        ``chains.csv``, with its cluster, its links by status, the reading and the stages
        bought elsewhere, each with the link's note.
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
    status["chain"] = status.chain.map(chain_titles(fb.chains))
    shown = status[
        [
            "cluster",
            "chain",
            "present",
            "missing",
            "planned",
            "cross_region",
            "reading",
            "bought elsewhere",
        ]
    ].rename(
        columns={
            "cluster": "Cluster",
            "chain": "Chain",
            "present": "Links in place",
            "missing": "Bought elsewhere",
            "planned": "Planned",
            "cross_region": "Across regions",
            "reading": "Reading",
            "bought elsewhere": "Stages bought elsewhere",
        }
    )
    return md(md_table(shown))


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
