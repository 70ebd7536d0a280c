"""lib.analysis.clusters: cluster facts, derived figures and their caveats, gaps."""

import math

import pandas as pd
import pytest

from lib.analysis.clusters import (
    Cluster,
    Ratio,
    Selector,
    check_focus,
    cluster_facts,
    clusters_of,
    comparison,
    derive,
    derive_all,
    derived_table,
    local_share,
    missing_slots,
    pick,
    scale_figures,
    single_source_claims,
)

COLS = [
    "fact_id",
    "source_id",
    "region_code",
    "entity",
    "indicator",
    "value_base",
    "base_unit",
    "period",
    "kind",
    "qualifier",
    "quote",
    "value_text",
    "state",
    "attribution",
]


def facts(*rows):
    """Fact rows; a row's kind "target" is a level of status target (the old form)."""
    frame = pd.DataFrame([dict(zip(COLS, r)) for r in rows], columns=COLS)
    status = frame.kind.map(lambda k: "target" if k == "target" else "achieved")
    return frame.assign(
        kind=frame.kind.replace({"actual": "level", "target": "level"}),
        status=status,
        period_type="year",
        period_basis="stated",
    )


F = facts(
    (
        "out",
        "s1",
        "100000",
        "K",
        "cluster_output",
        5e9,
        "yuan",
        "2024",
        "actual",
        "more_than",
        "总产值突破50亿元",
        "突破50亿元",
        "",
        "article",
    ),
    (
        "units",
        "s1",
        "100000",
        "K",
        "units_sold",
        150000.0,
        "unit",
        "2024",
        "actual",
        "exact",
        "年销售15万台",
        "15万台",
        "",
        "article",
    ),
    (
        "units-rep",
        "s1",
        "100000",
        "K",
        "units_sold",
        150000.0,
        "unit",
        "2024",
        "actual",
        "exact",
        "15万台",
        "15万台",
        "",
        "article",
    ),
    (
        "firms",
        "s2",
        "100000",
        "K",
        "firms",
        28.0,
        "count",
        "2025",
        "actual",
        "exact",
        "28家",
        "28家",
        "",
        "firm",
    ),
    (
        "teams",
        "s1",
        "100000",
        "",
        "teams",
        6.0,
        "count",
        "2025",
        "actual",
        "exact",
        "6个",
        "6个",
        "",
        "article",
    ),
    (
        "other",
        "s1",
        "100000",
        "Other",
        "firms",
        3.0,
        "count",
        "2025",
        "actual",
        "exact",
        "3家",
        "3家",
        "",
        "article",
    ),
)
K = Cluster("K cluster", "100000", ("K",), ("k",), ("teams",))
PER_UNIT = Ratio(
    "vpu",
    "value per unit",
    Selector("cluster_output", "level"),
    Selector("units_sold", "level"),
    "yuan",
    caveats=("different measures",),
)


def test_cluster_facts_keeps_its_entities_and_merges_repeats():
    f = cluster_facts(F, K)
    assert set(f.fact_id) == {"out", "units", "firms", "teams"}  # not "Other", repeat merged
    row = f.set_index("fact_id").loc["units"]
    assert row.statements == 2 and row.sources == 1


def test_derive_divides_and_propagates_a_lower_bound():
    r = derive(cluster_facts(F, K), PER_UNIT, {"cluster_output": "Output"})
    assert r["value"] == pytest.approx(5e9 / 150000)
    assert r["bound"] == "lower" and r["text"].startswith("at least ")
    assert r["fact_ids"] == ["out", "units"] and r["quotes"][0] == "总产值突破50亿元"
    assert "突破50亿元 ÷ 15万台" in r["formula"] and r["formula"].startswith("Output ÷")
    assert any("a bound" in c for c in r["caveats"]) and "different measures" in r["caveats"]


def test_derive_flags_different_periods_and_scales_percentages():
    ratio = Ratio(
        "pct",
        "units per firm ×100",
        Selector("units_sold"),
        Selector("firms"),
        "percent",
        scale=100,
    )
    r = derive(cluster_facts(F, K), ratio)
    assert r["value"] == pytest.approx(100 * 150000 / 28) and r["bound"] == "exact"
    assert any("different periods (2024 and 2025)" in c for c in r["caveats"])
    assert r["formula"].startswith("100 × ")


@pytest.mark.parametrize(
    "num,den,bound",
    [
        ("exact", "exact", "exact"),
        ("more_than", "exact", "lower"),
        ("exact", "more_than", "upper"),
        ("about", "exact", "about"),
        ("more_than", "more_than", "unknown"),
        ("range", "exact", "lower"),
        ("less_than", "exact", "upper"),
    ],
)
def test_bounds(num, den, bound):
    f = F.copy()
    f.loc[f.fact_id == "out", "qualifier"] = num
    f.loc[f.fact_id == "units", "qualifier"] = den
    assert derive(f, PER_UNIT)["bound"] == bound


def test_derive_says_what_is_missing():
    r = derive(F[F.indicator != "units_sold"], PER_UNIT)
    assert math.isnan(r["value"]) and r["text"] == "" and r["missing"] == ["units_sold (level)"]
    zero = F.copy()
    zero.loc[zero.indicator == "units_sold", "value_base"] = 0.0
    assert derive(zero, PER_UNIT)["missing"] == ["units_sold (level) is zero"]


def test_pick_narrows_by_state():
    f = facts(
        (
            "b",
            "s",
            "1",
            "K",
            "export_firms",
            2.0,
            "count",
            "",
            "actual",
            "exact",
            "2家",
            "2家",
            "before",
            "article",
        ),
        (
            "a",
            "s",
            "1",
            "K",
            "export_firms",
            16.0,
            "count",
            "2025",
            "actual",
            "exact",
            "16家",
            "16家",
            "after",
            "article",
        ),
    )
    assert pick(f, Selector("export_firms", state="after")).fact_id == "a"
    assert pick(f, Selector("export_firms", state="before")).fact_id == "b"
    assert pick(f, Selector("firms")) is None


def test_local_share_counts_missing_links():
    f = facts(
        (
            "n",
            "s",
            "1",
            "K",
            "core",
            16.0,
            "count",
            "2025",
            "other",
            "exact",
            "16个核心部件",
            "16个",
            "",
            "article",
        )
    )
    links = pd.DataFrame(
        {
            "link_id": ["l1", "l2", "l3"],
            "chain": ["k", "k", "other"],
            "upstream": ["converter", "casting", "x"],
            "status": ["missing", "present", "missing"],
            "quote": ["q1", "q2", "q3"],
        }
    )
    r = local_share(f, links, ("k",), Selector("core"))
    assert r["value"] == pytest.approx(100 * 15 / 16) and r["fact_ids"] == ["n", "l1"]
    assert "converter" in r["formula"]
    assert local_share(f.iloc[:0], links, ("k",), Selector("core"))["missing"] == ["core"]


def test_derived_table_puts_gaps_last():
    rows = [derive(F[F.indicator != "units_sold"], PER_UNIT), derive(F, PER_UNIT)]
    t = derived_table(rows)
    assert list(t.Value.eq("not computable")) == [False, True]
    assert t.Missing.iloc[1] == "units_sold (level)"


def test_missing_slots_gaps_are_empty_not_zero():
    slots = missing_slots(cluster_facts(F, K))
    firms = slots.set_index("figure").loc["Firms"]
    assert firms.found and firms.value_text == "28家" and firms.attribution == "firm"
    revenue = slots.set_index("figure").loc["Revenue"]
    assert not revenue.found and revenue.value_text == ""


def test_single_source_claims():
    f = cluster_facts(F, K)
    assert list(single_source_claims(f).fact_id) == ["firms"]


def test_check_focus(factbase):
    assert check_focus(factbase, "360734", "xunwu_air_compressor").region == "360734"
    with pytest.raises(ValueError, match="unknown cluster 'x'; valid: xunwu_air_compressor"):
        check_focus(factbase, "360734", "x")
    with pytest.raises(ValueError, match="not in region '360800'.*360734: xunwu_air_compressor"):
        check_focus(factbase, "360800", "xunwu_air_compressor")


# --- the real fact base ------------------------------------------------------------


def test_clusters_are_read_from_the_data_files(factbase):
    clusters = clusters_of(factbase)
    assert list(clusters) == list(factbase.clusters.cluster)
    xunwu = clusters["xunwu_air_compressor"]
    assert xunwu.label == "寻乌空压机产业 Xunwu air compressors" and xunwu.region == "360734"
    assert xunwu.entities[:2] == ("寻乌空压机产业", "寻乌工业园区")
    assert xunwu.chains == ("xunwu_air_compressor",)
    assert xunwu.region_indicators == ("investment_promotion_teams", "investment_squads")
    assert clusters["zhanggong_pcb"].region_indicators == ()


def test_every_cluster_names_known_entities_chains_and_regions(factbase):
    known = set(factbase.entities.entity)
    chains = set(factbase.chain_links.chain)
    for key, c in clusters_of(factbase).items():
        assert set(c.entities) <= known, key
        assert set(c.chains) <= chains, key
        assert c.region in set(factbase.regions.code), key
        assert not cluster_facts(factbase.facts, c).empty, key


def test_xunwu_derived_figures(factbase):
    c = clusters_of(factbase)["xunwu_air_compressor"]
    res = {r["key"]: r for r in derive_all(cluster_facts(factbase.facts, c))}
    assert res["value_per_unit"]["value"] == pytest.approx(5e9 / 1.5e5)
    assert res["value_per_unit"]["bound"] == "lower"
    assert res["target_value_per_unit"]["value"] == pytest.approx(6e9 / 3e5)
    assert res["exporter_growth"]["value"] == 8
    assert res["above_scale_share"]["value"] == pytest.approx(100 * 22 / 28)
    share = local_share(cluster_facts(factbase.facts, c), factbase.chain_links, c.chains)
    assert share["value"] == pytest.approx(93.75)


def test_other_cluster_derivations_say_what_they_lack(factbase):
    nankang = clusters_of(factbase)["nankang_furniture_design"]
    res = derive_all(cluster_facts(factbase.facts, nankang))
    assert all(math.isnan(r["value"]) and r["missing"] for r in res)


def test_comparison_keeps_gaps_as_gaps(factbase):
    grid = comparison(factbase).set_index("cluster")
    xunwu = clusters_of(factbase)["xunwu_air_compressor"].label
    assert grid.loc[xunwu, "Firms"] == "28家"
    assert grid["Firms"].isna().sum() == len(grid) - 1  # silent elsewhere: None, not 0
    assert grid.loc[xunwu, "links missing"] == 1


def test_scale_figures_leave_unsized_clusters_missing(factbase):
    s = scale_figures(factbase)
    assert (
        s.set_index("fact_id").loc["000-xunwu-compressor-output-value-2024", "scale_yuan_100m"]
        == 50
    )
    assert s.scale_yuan_100m.isna().any() and (s.scale_yuan_100m.dropna() > 0).all()
