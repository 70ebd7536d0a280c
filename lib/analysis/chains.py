"""Supply chains as networks: stages as nodes, links (``chain_links.csv``) as edges.

The structure comes from :mod:`networkx`; positions from a layered layout (each stage one
step right of the stages it takes from), so the drawing is the same on every build; the
drawing is Altair. Every edge keeps its ``link_id``, source and quote, shown as a tooltip.

Use::

    from lib.analysis.chains import chain_chart
    chain_chart(fb.chain_links, ["zhanggong_pcb", "zhanggong_rare_metal"], regions)
"""

from __future__ import annotations

import altair as alt
import networkx as nx
import pandas as pd

from lib.present import charts  # noqa: F401  (enables the report's theme)

__all__ = ["NODE_STATUS", "STATUS_EN", "chain_chart", "chain_titles", "chain_graph", "chain_status",
           "edge_frame", "layered_layout", "node_frame", "node_status", "stage_label"]

#: Link statuses in English, for legends.
STATUS_EN = {"present": "present in the region", "missing": "bought elsewhere",
             "planned": "planned", "cross_region": "across regions"}
#: Stage statuses (see :func:`node_status`) in English.
NODE_STATUS = {"present": "made in the region", "missing": "bought elsewhere",
               "planned": "planned only", "cross_region": "outside / across regions"}


def chain_graph(links: pd.DataFrame, chain: str) -> nx.DiGraph:
    """The directed graph of one chain.

    Parameters
    ----------
    links : pandas.DataFrame
        ``chain_links.csv`` rows (``link_id``, ``chain``, ``region_code``, ``upstream``,
        ``downstream``, ``status``, ``source_id``, ``quote``, ``note``).
    chain : str
        Chain id.

    Returns
    -------
    networkx.DiGraph
        Nodes are stage names; each edge carries the link's columns. A stage pair linked
        twice (two articles describing the same link) keeps every ``link_id``, ``;``-joined.

    Raises
    ------
    ValueError
        If *chain* has no links (the message lists the chains).
    """
    rows = links[links.chain == chain]
    if rows.empty:
        raise ValueError(f"unknown chain {chain!r}; valid: {', '.join(sorted(set(links.chain)))}")
    g = nx.DiGraph(chain=chain)
    for r in rows.itertuples(index=False):
        if g.has_edge(r.upstream, r.downstream):
            e = g.edges[r.upstream, r.downstream]
            e["link_id"] += f"; {r.link_id}"
            e["source_id"] += f"; {r.source_id}" if r.source_id not in e["source_id"] else ""
            continue
        g.add_edge(r.upstream, r.downstream, link_id=r.link_id, status=r.status,
                   region_code=r.region_code, source_id=r.source_id, quote=r.quote, note=r.note)
    for node in g.nodes:
        g.nodes[node]["status"] = node_status(g, node)
        near = [g.edges[e]["region_code"] for e in list(g.out_edges(node)) + list(g.in_edges(node))]
        g.nodes[node]["region_code"] = near[0]
    return g


def node_status(g: nx.DiGraph, node: str) -> str:
    """A stage's status from its links.

    ``missing`` when it feeds a link the corpus says is bought elsewhere; else the status
    all its links share when that is ``planned`` or ``cross_region``; else ``present``.

    Parameters
    ----------
    g : networkx.DiGraph
        From :func:`chain_graph`.
    node : str

    Returns
    -------
    str
    """
    if any(g.edges[e]["status"] == "missing" for e in g.out_edges(node)):
        return "missing"
    statuses = {g.edges[e]["status"] for e in list(g.out_edges(node)) + list(g.in_edges(node))}
    if len(statuses) == 1 and statuses <= {"planned", "cross_region"}:
        return statuses.pop()
    return "present"


def layered_layout(g: nx.DiGraph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions: x = the stage's step along the chain, y = its place within the step.

    Within a step, stages are ordered by name, then by two barycentre sweeps (the mean
    place of the stages each takes from, then of those it feeds), so the layout is
    deterministic and has few crossings. A graph with a cycle (not a chain) falls
    back to a spring layout with the fixed *seed*.

    Parameters
    ----------
    g : networkx.DiGraph
    seed : int
        Seed of the fallback spring layout.

    Returns
    -------
    dict
        Stage → ``(x, y)``; y is centred on 0, steps are 1 apart.
    """
    if not nx.is_directed_acyclic_graph(g):
        pos = nx.spring_layout(g, seed=seed)
        return {n: (round(float(x), 4), round(float(y), 4)) for n, (x, y) in pos.items()}
    layers = [sorted(layer) for layer in nx.topological_generations(g)]
    index = {n: i for layer in layers for i, n in enumerate(layer)}

    def sweep(order: list[int], neighbours) -> None:
        for k in order:
            def bary(n: str) -> float:
                near = [index[m] for m in neighbours(n)]
                return sum(near) / len(near) if near else index[n]
            layers[k].sort(key=lambda n: (bary(n), n))
            index.update({n: i for i, n in enumerate(layers[k])})

    for _ in range(2):  # barycentre sweeps: fewer crossings, still deterministic
        sweep(list(range(1, len(layers))), g.predecessors)
        sweep(list(range(len(layers) - 2, -1, -1)), g.successors)
    pos: dict[str, tuple[float, float]] = {}
    for step, layer in enumerate(layers):
        mid = (len(layer) - 1) / 2
        for i, n in enumerate(layer):
            pos[n] = (float(step), float(mid - i))
    return pos


def stage_label(stage: str) -> str:
    """``"casting (铸造)"`` → ``"casting\\n铸造"`` (English over Chinese)."""
    if stage.endswith(")") and " (" in stage:
        en, zh = stage[:-1].rsplit(" (", 1)
        return f"{en}\n{zh}"
    return stage


def _region_names(regions: pd.DataFrame) -> dict[str, str]:
    places = regions[regions.level != "park"]
    return {r.code: f"{r.name_zh} {r.name_en}" for r in places.itertuples()}


def node_frame(g: nx.DiGraph, pos: dict, regions: pd.DataFrame) -> pd.DataFrame:
    """One row per stage: chain, stage, label, x, y, status, region.

    Parameters
    ----------
    g : networkx.DiGraph
    pos : dict
        From :func:`layered_layout`.
    regions : pandas.DataFrame
        ``regions.csv`` (for names).

    Returns
    -------
    pandas.DataFrame
    """
    names = _region_names(regions)
    return pd.DataFrame([{
        "chain": g.graph["chain"], "stage": n, "label": stage_label(n),
        "x": pos[n][0], "y": pos[n][1],
        "stage status": NODE_STATUS[d["status"]],
        "region": names.get(d["region_code"], d["region_code"]),
    } for n, d in g.nodes(data=True)])


def edge_frame(g: nx.DiGraph, pos: dict, regions: pd.DataFrame) -> pd.DataFrame:
    """One row per link with its end positions, status, region, source and quote.

    Parameters
    ----------
    g : networkx.DiGraph
    pos : dict
    regions : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
    """
    names = _region_names(regions)
    return pd.DataFrame([{
        "chain": g.graph["chain"], "link_id": d["link_id"], "upstream": u, "downstream": v,
        "x": pos[u][0], "y": pos[u][1], "x2": pos[v][0], "y2": pos[v][1],
        "link status": STATUS_EN[d["status"]],
        "region": names.get(d["region_code"], d["region_code"]),
        "source": d["source_id"][:3], "quote": " ".join(d["quote"].split()), "note": d["note"],
    } for u, v, d in g.edges(data=True)])


def chain_status(links: pd.DataFrame) -> pd.DataFrame:
    """Per chain: links by status and what that says about completeness.

    Parameters
    ----------
    links : pandas.DataFrame
        ``chain_links.csv`` rows.

    Returns
    -------
    pandas.DataFrame
        ``chain``, one count column per status, ``links``, and ``reading``: ``depends on
        outside suppliers`` (a link bought elsewhere), ``mostly planned`` (half the links or
        more planned), ``partly planned``, ``linked across regions`` (a cross-region link), or ``complete as
        described`` (every link present).
    """
    counts = pd.crosstab(links.chain, links.status)
    for s in STATUS_EN:
        if s not in counts:
            counts[s] = 0
    counts = counts[list(STATUS_EN)]
    counts["links"] = counts.sum(axis=1)

    def reading(r: pd.Series) -> str:
        if r["missing"]:
            return "depends on outside suppliers"
        if r["planned"] * 2 >= r["links"]:
            return "mostly planned"
        if r["planned"]:
            return "partly planned"
        if r["cross_region"]:
            return "linked across regions"
        return "complete as described"

    counts["reading"] = counts.apply(reading, axis=1)
    return counts.reset_index().rename_axis(columns=None)


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


def chain_chart(links: pd.DataFrame, chains: list[str], regions: pd.DataFrame,
                titles: dict[str, str] | None = None, width: int = 520) -> alt.VConcatChart:
    """The chains drawn one below the other, sharing legends.

    Edges are coloured by region and dashed by status; stages are circles coloured by
    region, shaped by status (a cross for a stage bought elsewhere); edge tooltips give the
    link id, source and quote.

    Parameters
    ----------
    links : pandas.DataFrame
    chains : list of str
        Chain ids, in drawing order.
    regions : pandas.DataFrame
    titles : dict, optional
        Chain id → title (default: the id).
    width : int
        Width of each panel in pixels.

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
        nodes.append(node_frame(g, pos, regions))
        edges.append(edge_frame(g, pos, regions))
    nodes_df, edges_df = pd.concat(nodes, ignore_index=True), pd.concat(edges, ignore_index=True)
    region_dom = sorted(set(nodes_df.region) | set(edges_df.region))
    color = alt.Color("region:N", title="Region", scale=alt.Scale(domain=region_dom))
    dash = alt.StrokeDash("link status:N", title="Link",
                          scale=alt.Scale(domain=list(STATUS_EN.values()),
                                          range=[[1, 0], [2, 2], [6, 3], [10, 3, 2, 3]]),
                          # long line samples, or the dash patterns cannot be told apart
                          legend=alt.Legend(symbolType="stroke", symbolSize=1200,
                                            symbolStrokeWidth=2))
    shape = alt.Shape("stage status:N", title="Stage",
                      scale=alt.Scale(domain=list(NODE_STATUS.values()),
                                      range=["circle", "cross", "diamond", "triangle-right"]))
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
            x=x, y=y, x2="x2:Q", y2="y2:Q", color=color, strokeDash=dash,
            tooltip=["link_id:N", "source:N", "link status:N", "upstream:N", "downstream:N",
                     "quote:N", "note:N"])
        p = base_n.mark_point(filled=True, size=140, opacity=1).encode(
            x=x, y=y, color=color, shape=shape,
            tooltip=["stage:N", "stage status:N", "region:N"])
        t = base_n.mark_text(fontSize=9, dy=18, lineBreak="\n", baseline="top",
                             limit=width / (steps + 1) - 6).encode(x=x, y=y, text="label:N")
        panels.append(alt.layer(e, p, t).properties(
            title=titles.get(c, c), width=width, height=max(80, 62 * rows)))
    return alt.vconcat(*panels, spacing=14).resolve_scale(color="shared")
