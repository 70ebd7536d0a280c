"""The introduction's counts of the corpus."""

from __future__ import annotations

from lib.analysis.places import place_labels
from lib.analysis.reconcile import reconcile
from lib.chapters.intro import page_values


def test_intro_counts_places_not_parks_and_conflicts_among_repeats(factbase):
    values = page_values(factbase)
    assert values["n_facts"] == len(factbase.facts) and values["n_sources"] == len(factbase.sources)
    # parks share the code of their place: 11 places, the province and silent places left out
    assert values["n_regions"] == len(set(factbase.facts.region_code) & set(place_labels(factbase)))
    assert values["n_regions"] == 11
    # a figure of 章贡区 stated twice with different values is a conflict among the repeats
    assert 0 < values["n_conflicts"] < values["n_repeated"]
    zhanggong = reconcile(
        factbase.facts[factbase.facts.region_code == "360702"], factbase.source_dates
    )
    assert (zhanggong.verdict == "conflict").sum() <= values["n_conflicts"]
    assert values["n_targets"] == (factbase.facts.status == "target").sum() > 0
    assert values["n_self_reported"] == (factbase.facts.attribution == "firm").sum() > 0
    assert all(isinstance(v, int) for v in values.values())
