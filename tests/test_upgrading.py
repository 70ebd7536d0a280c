"""Technical upgrading: share against target, the digital funnel, firm-level gains."""

import math

import pandas as pd

from lib.analysis.selection import select_facts
from lib.chapters.tech_upgrade import firm_gains, funnel, share_vs_target


def row(fid, indicator, value, kind="actual", qualifier="exact", **kw):
    base = dict(fact_id=fid, region_code="r", indicator=indicator, value_base=value,
                kind=kind, qualifier=qualifier, period="2024", as_of=2024, value_text=str(value))
    base.update(kw)
    return base


def test_share_vs_target_formulas():
    sel = pd.DataFrame([
        row("s", "tech_upgrade_investment_share", 60.0, kind="share"),
        row("t", "tech_upgrade_investment_share", 50.0, kind="target", qualifier="more_than", period="2025"),
        row("g", "tech_upgrade_investment_share_gap_vs_city", 20.0, kind="other", qualifier="more_than"),
    ])
    t = share_vs_target(sel, "r").set_index("Figure")
    assert t.loc["Share in 2024 minus the target for 2025", "Value"] == "10 percentage points"
    assert t.loc["Share in 2024 minus the target for 2025", "Facts"] == "s; t"
    assert t.loc["City average, if the excess is in percentage points", "percent"] == 40.0
    assert t.loc["City average, if the excess is relative", "percent"] == 50.0
    assert t.loc["City average, if the excess is relative", "Value"] == "at most 50%"
    assert share_vs_target(sel, "other").empty


def test_funnel_conversion_rates():
    sel = pd.DataFrame([
        dict(region_code="r", item="a", order=1, value_base=200.0, value_text="200家", fact_id="f1"),
        dict(region_code="r", item="c", order=3, value_base=10.0, value_text="10家", fact_id="f3"),
        dict(region_code="r", item="b", order=2, value_base=100.0, value_text="100家", fact_id="f2"),
    ])
    f = funnel(sel, "r")
    assert list(f.stage) == ["a", "b", "c"]
    assert math.isnan(f.from_previous[0])
    assert f.from_previous[1] == 50.0 and f.from_previous[2] == 10.0 and f.from_first[2] == 5.0
    assert f.formula[2] == "10 ÷ 100 (previous stage); 10 ÷ 200 (first stage)"
    # a missing middle stage gives no rate from the previous stage
    g = funnel(sel[sel.order != 2], "r")
    assert math.isnan(g.from_previous[1]) and g.from_first[1] == 5.0


def gain(fid, indicator, sense, value, unit="percent", state="", kind="change", attribution="firm"):
    return dict(fact_id=fid, region_code="r", region="R", entity="甲公司", indicator=indicator,
                source_id="000_x", item=indicator, order=1, sense=sense, value_base=value,
                base_unit=unit, state=state, kind=kind, qualifier="exact", value_text=str(value),
                attribution=attribution, quote=f"q{fid}")


def test_firm_gains_signs_pairs_and_investment():
    gains = pd.DataFrame([
        gain("cut", "energy", "cut", 28.0),
        gain("rise", "capacity", "rise", 300.0, attribution="article"),
        gain("b", "tolerance", "level", 0.1, unit="mm", state="before", kind="other"),
        gain("a", "tolerance", "level", 0.03, unit="mm", state="after", kind="other"),
        gain("m", "multiple", "multiple", 2.6, unit="times"),
        gain("t", "tons", "cut", 15000.0, unit="ton"),
        gain("y", "yield", "level", 99.8, state="after", kind="actual"),
    ])
    inv = pd.DataFrame([dict(fact_id="i", entity="甲公司", source_id="000_x", kind="actual", value_text="2000万元"),
                        dict(fact_id="p", entity="甲公司", source_id="000_x", kind="target", value_text="30亿元")])
    ents = pd.DataFrame({"entity": ["甲公司"], "name_en": ["Firm A"]})
    g = firm_gains(gains, inv, ents).set_index("fact_ids")
    assert g.loc["cut; i", "change_pct"] == -28.0
    assert g.loc["rise; i", "change_pct"] == 300.0
    assert g.loc["rise; i", "claimed_by"] == "stated by the article"
    assert g.loc["cut; i", "claimed_by"] == "self-reported by the firm"
    assert round(g.loc["b; a; i", "change_pct"], 6) == -70.0
    assert g.loc["b; a; i", "how"] == "computed: (0.03 − 0.1) ÷ 0.1"
    assert round(g.loc["m; i", "change_pct"], 6) == 160.0
    assert math.isnan(g.loc["t; i", "change_pct"]) and math.isnan(g.loc["y; i", "change_pct"])
    assert set(g.investment) == {"2000万元"}  # the planned investment is not "behind" a gain
    assert g.loc["cut; i", "firm"] == "甲公司 Firm A"


def test_firm_gains_on_the_fact_base(factbase):
    g = factbase.indicator_groups
    codes = sorted(set(factbase.regions.code))
    gains = firm_gains(select_facts(factbase, g, "firm_gain", codes, 2025),
                       select_facts(factbase, g, "firm_investment", codes, 2025), factbase.entities)
    baizhao = gains[gains.firm.str.startswith("柏兆")]
    assert set(baizhao.investment) == {"2000万元"}
    assert baizhao.set_index("measure").loc["capacity", "change_pct"] == 300.0
    # every gain in the corpus is attributed: firm claims are labelled self-reported
    assert gains.claimed_by.notna().all()
    assert (gains.claimed_by == "self-reported by the firm").sum() >= 10
    assert select_facts(factbase, g, "firm_gain", codes, 2023).empty
