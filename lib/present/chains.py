"""Supply chains drawn: each chain's stages and links as a layered network chart.

The graph and its layout come from :mod:`lib.analysis.chains`; this module turns them into
frames of stages and links with their words, and draws them with Altair. Edge tooltips give
the link id, source and quote.

Use::

    from lib.analysis.places import place_labels
    from lib.present.chains import chain_chart
    chain_chart(fb.chain_links, ["zhanggong_pcb", "zhanggong_rare_metal"], place_labels(fb))
"""

from __future__ import annotations

import altair as alt
import networkx as nx
import pandas as pd

from lib.analysis.chains import chain_graph, layered_layout
from lib.data.corpus import source_number
from lib.present import charts  # noqa: F401  (enables the report's theme)

__all__ = [
    "NODE_STATUS",
    "STATUS_COLOURS",
    "STATUS_EN",
    "chain_chart",
    "chain_titles",
    "edge_frame",
    "node_frame",
    "stage_label",
]

#: Link statuses in English, for legends.
STATUS_EN = {
    "present": "present in the region",
    "missing": "bought elsewhere",
    "planned": "planned",
    "cross_region": "across regions",
}
#: The colour of each status, for links and the stages they reach alike; blue in place,
#: vermillion bought elsewhere, orange planned, purple across regions.
STATUS_COLOURS = {
    "present": "#0072B2",
    "missing": "#D55E00",
    "planned": "#E69F00",
    "cross_region": "#CC79A7",
}
#: Stage statuses (see :func:`lib.analysis.chains.node_status`) in English.
NODE_STATUS = {
    "present": "made in the region",
    "missing": "bought elsewhere",
    "planned": "planned only",
    "cross_region": "outside / across regions",
}


def stage_label(stage: str) -> str:
    """``"casting (铸造)"`` → ``"casting\\n铸造"`` (English over Chinese)."""
    if stage.endswith(")") and " (" in stage:
        en, zh = stage[:-1].rsplit(" (", 1)
        return f"{en}\n{zh}"
    return stage


def node_frame(g: nx.DiGraph, pos: dict, place_labels: dict[str, str]) -> pd.DataFrame:
    """One row per stage: chain, stage, label, x, y, stage status, status, region.

    ``stage status`` says what the stage is (:data:`NODE_STATUS`), ``status`` is the same
    in the words of the links (:data:`STATUS_EN`), for one colour legend.

    Parameters
    ----------
    g : networkx.DiGraph
    pos : dict
        From :func:`lib.analysis.chains.layered_layout`.
    place_labels : dict
        Region code → label (:func:`lib.analysis.places.place_labels`).

    Returns
    -------
    pandas.DataFrame
    """
    names = place_labels
    return pd.DataFrame(
        [
            {
                "chain": g.graph["chain"],
                "stage": n,
                "label": stage_label(n),
                "x": pos[n][0],
                "y": pos[n][1],
                "stage status": NODE_STATUS[d["status"]],
                "status": STATUS_EN[d["status"]],
                "region": names.get(d["region_code"], d["region_code"]),
            }
            for n, d in g.nodes(data=True)
        ]
    )


def edge_frame(g: nx.DiGraph, pos: dict, place_labels: dict[str, str]) -> pd.DataFrame:
    """One row per link with its end positions, status, region, source and quote.

    Parameters
    ----------
    g : networkx.DiGraph
    pos : dict
    place_labels : dict

    Returns
    -------
    pandas.DataFrame
    """
    names = place_labels
    return pd.DataFrame(
        [
            {
                "chain": g.graph["chain"],
                "link_id": d["link_id"],
                "upstream": u,
                "downstream": v,
                "x": pos[u][0],
                "y": pos[u][1],
                "x2": pos[v][0],
                "y2": pos[v][1],
                "link status": STATUS_EN[d["status"]],
                "region": names.get(d["region_code"], d["region_code"]),
                "source": source_number(d["source_id"]),
                "quote": " ".join(d["quote"].split()),
                "note": d["note"],
            }
            for u, v, d in g.edges(data=True)
        ]
    )


def chain_titles(chains: pd.DataFrame) -> dict[str, str]:
    """A title per chain from ``chains.csv``: ``"寻乌空压机产业链 Xunwu air-compressor chain"``.

    Parameters
    ----------
    chains : pandas.DataFrame
        ``chains.csv`` (``FactBase.chains``).

    Returns
    -------
    dict
        Chain id → Chinese and English name.
    """
    return {row.chain: f"{row.name_zh} {row.name_en}" for row in chains.itertuples(index=False)}


def chain_chart(
    links: pd.DataFrame,
    chains: list[str],
    place_labels: dict[str, str],
    titles: dict[str, str] | None = None,
    width: int = 520,
    title: str | alt.TitleParams | None = None,
) -> alt.VConcatChart:
    """The chains drawn one below the other, sharing legends.

    Links are coloured and dashed by status (:data:`STATUS_COLOURS`); stages are coloured
    like the links that reach them and shaped by status (a cross for a stage bought
    elsewhere). The region of each stage and link is in its tooltip; edge tooltips also
    give the link id, source and quote.

    Parameters
    ----------
    links : pandas.DataFrame
    chains : list of str
        Chain ids, in drawing order.
    place_labels : dict
        Region code → label.
    titles : dict, optional
        Chain id → title (default: the id).
    width : int
        Width of each panel in pixels.
    title : str or altair.TitleParams, optional
        The title over all panels (its point, :func:`lib.present.charts.point_title`).

    Returns
    -------
    altair.VConcatChart

    Raises
    ------
    ValueError
        If *chains* is empty or names an unknown chain.
    """
    if not chains:
        raise ValueError("no chains to draw")
    titles = titles or {}
    nodes, edges = [], []
    for c in chains:
        g = chain_graph(links, c)
        pos = layered_layout(g)
        nodes.append(node_frame(g, pos, place_labels))
        edges.append(edge_frame(g, pos, place_labels))
    nodes_df, edges_df = pd.concat(nodes, ignore_index=True), pd.concat(edges, ignore_index=True)
    statuses = alt.Scale(
        domain=list(STATUS_EN.values()), range=[STATUS_COLOURS[s] for s in STATUS_EN]
    )
    # one legend for colour and dash: both encode the status of the link
    legend = alt.Legend(
        symbolType="stroke", symbolSize=1200, symbolStrokeWidth=2, orient="bottom", columns=2
    )
    color = alt.Color("link status:N", title="Link", scale=statuses, legend=legend)
    node_color = alt.Color("status:N", title="Link", scale=statuses, legend=None)
    dash = alt.StrokeDash(
        "link status:N",
        title="Link",
        scale=alt.Scale(
            domain=list(STATUS_EN.values()), range=[[1, 0], [2, 2], [6, 3], [10, 3, 2, 3]]
        ),
        # long line samples, or the dash patterns cannot be told apart
        legend=legend,
    )
    shape = alt.Shape(
        "stage status:N",
        title="Stage",
        scale=alt.Scale(
            domain=list(NODE_STATUS.values()),
            range=["circle", "cross", "diamond", "triangle-right"],
        ),
        legend=alt.Legend(orient="bottom", columns=2),
    )
    panels = []
    for c in chains:
        n = nodes_df[nodes_df.chain == c]
        steps = max(1.0, float(n.x.max()))
        rows = int(n.groupby("x").size().max())
        x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.45, steps + 0.45]))
        y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[n.y.min() - 0.8, n.y.max() + 0.5]))
        base_e = alt.Chart(edges_df).transform_filter(alt.datum.chain == c)
        base_n = alt.Chart(nodes_df).transform_filter(alt.datum.chain == c)
        e = base_e.mark_rule(strokeWidth=2, opacity=0.8).encode(
            x=x,
            y=y,
            x2="x2:Q",
            y2="y2:Q",
            color=color,
            strokeDash=dash,
            tooltip=[
                "link_id:N",
                "source:N",
                "link status:N",
                "upstream:N",
                "downstream:N",
                "quote:N",
                "note:N",
                "region:N",
            ],
        )
        p = base_n.mark_point(filled=True, size=140, opacity=1).encode(
            x=x,
            y=y,
            color=node_color,
            shape=shape,
            tooltip=["stage:N", "stage status:N", "region:N"],
        )
        t = base_n.mark_text(
            fontSize=9, dy=18, lineBreak="\n", baseline="top", limit=width / (steps + 1) - 6
        ).encode(x=x, y=y, text="label:N")
        panels.append(
            alt.layer(e, p, t).properties(
                title=titles.get(c, c), width=width, height=max(80, 62 * rows)
            )
        )
    chart = alt.vconcat(*panels, spacing=14).resolve_scale(color="shared")
    return chart.properties(title=title) if title is not None else chart
