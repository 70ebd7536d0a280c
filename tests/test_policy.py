"""Talent and policy instruments: instrument matrix, platforms, like-for-like comparison."""

import pandas as pd

from lib.analysis.selection import select_facts
from lib.chapters.talent_policy import compare_regions, instrument_matrix, platform_levels


def fact(region, indicator, item, value, comparable=False, order=1, note="", state=""):
    return dict(region=region, region_code=region, indicator=indicator, item=item, order=order,
                value_base=value, base_unit="count", value_text=f"{value}个", entity="",
                comparable=comparable, group_note=f"def {indicator}", note=note,
                label_en=indicator.title(), fact_id=f"{region}-{indicator}", state=state)


def test_compare_regions_splits_like_and_side():
    sel = pd.DataFrame([
        fact("A", "national", "national", 9, comparable=True),
        fact("B", "national", "national", 4, comparable=True),
        fact("A", "teams", "teams", 6, note="招商团"),
        fact("B", "squads", "teams", 17),
        fact("A", "only_a", "only", 1, comparable=True),
        fact("B", "national_old", "national", 1, comparable=True, state="before"),
    ])
    like, side = compare_regions(sel)
    assert set(like.fact_id) == {"A-national", "B-national"}
    assert list(side.Region) == ["A", "B"]
    assert list(side["What it measures"]) == ["招商团", "def squads"]


def test_instrument_matrix_has_a_column_per_region_with_figures():
    sel = pd.DataFrame([fact("A", "teams", "teams", 6), fact("B", "funds", "funds", 2, order=2),
                        fact("A", "squads", "teams", 5)])
    m = instrument_matrix(sel, ["B", "A", "C"])
    assert list(m.columns) == ["Instrument", "B", "A"]  # C states nothing: left out
    assert list(m.Instrument) == ["teams", "funds"]
    assert m.loc[0, "A"] == "Teams: 6个; Squads: 5个" and m.loc[0, "B"] == ""


def test_platform_levels_on_the_fact_base(factbase):
    g = factbase.indicator_groups
    p = platform_levels(select_facts(factbase, g, "platform", ["360702", "360800"], 2025))
    zg = p[p.region.str.startswith("章贡区")].set_index("level")
    assert zg.platforms.to_dict() == {"national": 9, "provincial": 53, "municipal": 65}
    assert zg.same_kind.all() and not p[p.region.str.startswith("吉安市")].same_kind.any()
    like, side = compare_regions(select_facts(factbase, g, "platform", ["360702", "360800"], 2025))
    assert like.empty and set(side.Item) == {"provincial"}


def test_instruments_on_the_fact_base(factbase):
    g = factbase.indicator_groups
    inst = select_facts(factbase, g, "instrument", ["360734", "360704", "360703"], 2025)
    like, side = compare_regions(inst)
    assert like.empty  # teams, squads and units are not one measure
    assert set(side.Item) == {"investment-promotion teams and squads"}
