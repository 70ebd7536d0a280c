"""Places: one label, one region check, one meaning of an empty selection."""

import pytest

from lib.analysis.places import (
    check_region,
    check_regions,
    known_places,
    place_label,
    place_labels,
    prefecture_of,
)


def test_labels_are_chinese_then_english_for_places_not_parks(factbase):
    labels = place_labels(factbase)
    assert labels["360734"] == "寻乌县 Xunwu County" == place_label(factbase, "360734")
    assert not any(k.startswith("park") for k in labels)
    assert len(labels) == len(set(factbase.regions.code))  # parks share their place's code
    places = known_places(factbase)
    assert (
        places.set_index("code").loc["360734", "facts"]
        == (factbase.facts.region_code == "360734").sum()
    )


def test_unknown_region_lists_the_known_ones(factbase):
    assert check_region(factbase, "360734") == "寻乌县 Xunwu County"
    for bad, what in (("360799", "region"), (360734, "peer")):
        with pytest.raises(ValueError) as err:
            check_region(factbase, bad, what)
        assert f"unknown {what} code {bad!r}" in str(err.value)
        assert "360723 大余县 Dayu County (1 facts)" in str(err.value)
    with pytest.raises(ValueError, match="unknown region code '999999'; known codes: .*360702"):
        place_label(factbase, "999999")


def test_an_empty_selection_means_every_place_with_facts(factbase):
    assert check_regions(factbase, ["360702", "360734"]) == ["360702", "360734"]  # order kept
    every = check_regions(factbase, [])
    assert every == sorted(every)
    assert set(every) == set(factbase.facts.region_code)
    with pytest.raises(ValueError, match="unknown region code '999999'"):
        check_regions(factbase, ["360702", "999999"])
    with pytest.raises(ValueError, match="list of codes, not the string '360702'"):
        check_regions(factbase, "360702")


def test_prefecture_of_a_county_is_its_parent(factbase):
    assert prefecture_of(factbase, "360734") == "360700"
    assert prefecture_of(factbase, "360700") == "360700"
    assert prefecture_of(factbase, "360800") == "360800"
