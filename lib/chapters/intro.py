"""The introduction: the size of the corpus and of what the report extracts from it."""

from __future__ import annotations

from lib.analysis.places import known_places
from lib.analysis.reconcile import reconcile
from lib.data.factbase import FactBase

__all__ = ["page_values"]


def page_values(fb: FactBase) -> dict[str, int]:
    """The counts the introduction states (glued by the template under these names).

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    dict
        ``n_sources``, ``n_articles`` and ``n_facts`` (source files, articles, facts);
        ``n_regions`` (places the facts are about, parks counting for their place);
        ``n_targets`` (facts that state a target); ``n_entities`` (firms, institutions,
        parks, clusters and programmes named); ``n_links`` (supply-chain links);
        ``n_repeated`` (figures stated more than once) and ``n_conflicts`` (those whose
        statements disagree, see :func:`lib.analysis.reconcile.reconcile`);
        ``n_self_reported`` (facts that are a firm's own account).
    """
    facts = fb.facts
    repeated = reconcile(facts, fb.source_dates)
    return {
        "n_sources": len(fb.sources),
        "n_articles": len(fb.articles),
        "n_facts": len(facts),
        "n_regions": int((known_places(fb).facts > 0).sum()),
        "n_targets": int((facts.status == "target").sum()),
        "n_entities": len(fb.entities),
        "n_links": len(fb.chain_links),
        "n_repeated": len(repeated),
        "n_conflicts": int((repeated.verdict == "conflict").sum()),
        "n_self_reported": int((facts.attribution == "firm").sum()),
    }
