"""Supply chains as networks: stages as nodes, links (``chain_links.csv``) as edges.

The structure comes from :mod:`networkx`; positions from a layered layout (each stage one
step right of the stages it takes from), so a drawing (:mod:`lib.present.chains`) is the same
on every build. Every edge keeps its ``link_id``, source and quote.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from lib.data.vocab import LINK_STATUSES

__all__ = ["chain_graph", "chain_status", "layered_layout", "node_status"]


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
        g.add_edge(
            r.upstream,
            r.downstream,
            link_id=r.link_id,
            status=r.status,
            region_code=r.region_code,
            source_id=r.source_id,
            quote=r.quote,
            note=r.note,
        )
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
        more planned), ``partly planned``, ``linked across regions`` (a cross-region link), or
        ``complete as described`` (every link present).
    """
    counts = pd.crosstab(links.chain, links.status)
    for s in LINK_STATUSES:
        if s not in counts:
            counts[s] = 0
    counts = counts[list(LINK_STATUSES)]
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
