"""Targets beside their bases: pairing, required growth, scenarios."""

from __future__ import annotations

import dataclasses
import math
import re

import pandas as pd
import pytest
from conftest import ROOT

from lib.analysis.targets import (
    check_horizon,
    check_rates,
    non_targets,
    outcome_table,
    project,
    reported_growth,
    required_growth,
    scenario_rates,
    target_chains,
    target_table,
    unchecked_expectations,
    years_to_reach,
)
from lib.chapters import targets as view
from lib.data.checks import source_is_later
from lib.data.factbase import FactBase
from lib.data.periods import period_year
from lib.present.citations import Citations
from lib.present.targets import scenario_chart, target_sentence, value_scale
from lib.text.english import fmt_value

RATES = {"low": 4.0, "central": 8.0, "high": 15.0}


def test_period_year():
    assert period_year("2024") == 2024.0
    assert period_year("2025Q1") == 2024.25 and period_year("2025Q4") == 2025.0
    assert period_year("2025-06") == 2024.5
    assert period_year("2025H1") == 2024.5 and period_year("2025H2") == 2025.0
    assert period_year("2020/2024") == 2024.0
    assert period_year("") is None
    with pytest.raises(ValueError, match="not a period"):
        period_year("next year")


def test_required_growth_compounds_and_inverts_years_to_reach():
    assert required_growth(100, 121, 2) == pytest.approx(10.0)
    assert required_growth(100, 81, 2) == pytest.approx(-10.0)
    rate = required_growth(410e8, 1000e8, 6)
    assert years_to_reach(410e8, 1000e8, rate) == pytest.approx(6.0)
    assert years_to_reach(5, 4, 3) == 0.0 and math.isinf(years_to_reach(1, 2, 0))
    for bad in [(0, 1, 1), (1, -1, 1), (1, 2, 0)]:
        with pytest.raises(ValueError):
            required_growth(*bad)


def test_value_scale_divides_by_the_word_it_prints():
    # 15万台 → 30万台: 150 to 300 thousand units, not "15 to 30 thousand"
    assert value_scale("unit", pd.Series([150_000.0, 300_000.0])) == (1e3, "thousand units")
    assert value_scale("yuan", pd.Series([5e9, 6e9])) == (1e9, "billion yuan")
    assert value_scale("yuan", pd.Series([2.5e6])) == (1e6, "million yuan")
    assert value_scale("percent", pd.Series([62.33])) == (1.0, "%")
    assert value_scale("count", pd.Series([32.0])) == (1.0, "count")
    assert fmt_value(150_000, "unit") == "150,000 units"
    assert fmt_value(1.5e6, "unit") == "1.5 million units"


def test_project_and_rates():
    frame = project(100, 2024, {"low": 0, "high": 10}, 2026)
    assert list(frame.year[frame.scenario == "high"]) == [2024, 2025, 2026]
    assert frame[frame.scenario == "high"].value.iloc[-1] == pytest.approx(121)
    assert (frame[frame.scenario == "low"].value == 100).all()
    with pytest.raises(ValueError, match="backwards"):
        project(1, 2024, {"a": 1}, 2020)
    assert check_rates({"low": 3, "central": 6.5, "high": 10}) == {
        "low": 3.0,
        "central": 6.5,
        "high": 10.0,
    }
    with pytest.raises(ValueError, match="increase"):
        check_rates({"low": 8, "central": 6})
    with pytest.raises(ValueError, match="'low' must be above -100"):
        check_rates({"low": -100})
    with pytest.raises(ValueError, match="must be a number"):
        check_rates({"low": "5"})


def _fact(
    fid,
    kind,
    indicator,
    value,
    unit,
    period,
    entity="",
    qualifier="exact",
    text=None,
    basis="stated",
    region="360734",
):
    return dict(
        fact_id=fid,
        source_id="000_x",
        region_code=region,
        entity=entity,
        theme="cluster",
        indicator=indicator,
        value=value,
        unit="",
        value_base=value,
        base_unit=unit,
        period=period,
        # the old shorthand: "actual" is an achieved level, "target" a level of status target
        kind={"actual": "level", "target": "level"}.get(kind, kind),
        status="target" if kind == "target" else "achieved",
        period_type="year",
        qualifier=qualifier,
        quote=f"quote of {fid}",
        value_text=text or str(value),
        period_basis=basis,
        state="",
        attribution="article",
        relevance="industrial",
        note="",
    )


def _fb(facts, bases=()):
    facts = pd.DataFrame(facts)
    indicators = pd.DataFrame(
        {
            "indicator": sorted(set(facts.indicator)),
            "label_en": [i.title() for i in sorted(set(facts.indicator))],
        }
    )
    empty = pd.DataFrame()
    tb = pd.DataFrame(
        list(bases), columns=["target_fact", "base_fact", "growth_fact", "comparability", "note"]
    )
    sources = pd.DataFrame({"source_id": ["000_x"], "date": ["2025"]})
    regions = pd.DataFrame(
        {
            "code": ["360734"],
            "name_zh": ["寻乌县"],
            "name_en": ["Xunwu County"],
            "level": ["county"],
        }
    )
    return FactBase(sources, empty, regions, indicators, facts, empty, empty, {}, target_bases=tb)


def test_targets_pair_automatically_and_collapse_repeats():
    fb = _fb(
        [
            _fact("000-firms-2022", "actual", "firms", 10, "count", "2022"),
            _fact("000-firms-2024", "actual", "firms", 20, "count", "2024"),
            _fact("000-firms-growth", "growth", "firms_growth", 12, "percent", "2024"),
            _fact("000-firms-target", "target", "firms", 40, "count", "2028"),
            _fact("000-firms-target-again", "target", "firms", 40, "count", "2028"),
            _fact("000-other-target", "target", "output", 5, "yuan", "", basis="unknown"),
        ]
    )
    table = target_table(fb, horizon_year=2030).set_index("target_fact")
    firms = table.loc["000-firms-target"]
    assert firms.mentions == 2 and firms.fact_ids == "000-firms-target;000-firms-target-again"
    assert firms.base_fact == "000-firms-2024" and firms.years == 4  # the latest earlier level
    assert firms.required_growth == pytest.approx((2**0.25 - 1) * 100)
    assert firms.growth_fact == "000-firms-growth" and firms.comparability == "same"
    other = table.loc["000-other-target"]
    assert other.status == "no base" and other.year_basis == "assumed"
    assert other.target_year == 2030
    assert "The corpus gives no base to measure it from" in target_sentence(
        table.reset_index().set_index("target_fact", drop=False).loc["000-other-target"]
    )
    assert "assumes its horizon year" in target_sentence(
        other.to_dict() | {"target_fact": "000-other-target"}
    )
    assert list(table.target_year) == [2030, 2028]  # latest target first


def test_curated_pairs_say_when_measures_differ_and_sentences_follow_numbers():
    fb = _fb(
        [
            _fact("000-sold", "actual", "units_sold", 150000, "unit", "2024", text="15万台"),
            _fact(
                "000-made-target",
                "target",
                "annual_output_units",
                300000,
                "unit",
                "2027",
                text="30万台",
            ),
            _fact("000-share", "share", "share", 62.33, "percent", "2024"),
            _fact(
                "000-share-target", "target", "share", 50, "percent", "2025", qualifier="more_than"
            ),
        ],
        bases=[
            ("000-made-target", "000-sold", "", "different_measure", "sold vs made"),
            ("000-share-target", "000-share", "", "same", "both shares"),
        ],
    )
    rows = {r["target_fact"]: r for r in target_table(fb, 2030).to_dict("records")}
    made = rows["000-made-target"]
    assert made["required_growth"] == pytest.approx((2 ** (1 / 3) - 1) * 100)
    text = target_sentence(made)
    assert "26% a year over 3 years" in text and "Not like for like" in text
    assert "sold vs made" in text
    share = rows["000-share-target"]
    assert share["status"] == "met" and share["required_change"] == pytest.approx(-12.33)
    assert "already reaches it" in target_sentence(share)
    chart = scenario_chart(made, {"low": 5, "high": 30}, "Units")
    spec = chart.to_dict()
    assert spec["title"] == "Units" and len(spec["layer"]) == 3
    assert scenario_chart(share, {"low": 5}, "Share") is None


def test_horizon_is_checked(factbase):
    assert check_horizon(2030, factbase) == 2030
    with pytest.raises(ValueError, match="horizon_year must be a year after 2025"):
        check_horizon(2024, factbase)
    with pytest.raises(ValueError, match="horizon_year"):
        check_horizon("2030", factbase)


def test_real_targets(factbase):
    table = target_table(factbase, 2030).set_index("target_fact")
    qianyi = table.loc["004-gan-qianyi-park-target-blueprint-2021"]
    assert qianyi.mentions == 8 and qianyi.year_basis == "assumed"
    assert qianyi.comparability == "different_scope"
    assert qianyi.required_growth == pytest.approx(((1000 / 410) ** (1 / 6) - 1) * 100)
    later = target_table(factbase, 2035).set_index("target_fact")
    assert (
        later.loc["004-gan-qianyi-park-target-blueprint-2021"].required_growth
        < qianyi.required_growth
    )
    firms = table.loc["000-xunwu-compressor-above-scale-firms-target-2027"]
    assert (firms.base_text, firms.years, firms.comparability) == ("22家", 3, "same")
    assert table.loc["000-zhanggong-tech-upgrade-invest-share-target-2025"].status == "met"


def test_target_bases_file_is_validated(data_copy):
    from conftest import edit_csv, record_line

    from lib.data.factbase import load_factbase
    from lib.data.reader import DataValidationError

    path = data_copy / "target_bases.csv"
    edit_csv(path, 0, base_fact="000-xunwu-compressor-above-scale-firms-target-2027-infographic")
    edit_csv(path, 1, growth_fact="004-gan-industrial-revenue-growth-2025q1")
    with pytest.raises(DataValidationError) as err:
        load_factbase(data_copy)
    text = str(err.value)
    assert f"target_bases.csv, line {record_line(path, 0)}, column 'base_fact'" in text
    assert "the fact_id of an achieved level" in text
    edit_csv(path, 0, base_fact="000-xunwu-compressor-above-scale-firms-2024")
    with pytest.raises(
        DataValidationError,
        match=r"'growth_fact': .*is about region 360704, but "
        r"the target .* is about 360734",
    ):
        load_factbase(data_copy)


def _page(factbase, horizon=2030, rates=RATES, regions=None):
    return view.load(factbase, horizon, rates, regions)


# --- what is a target, and how often it is stated -------------------------------------


def test_a_horizon_and_a_definition_are_not_targets():
    fb = _fb(
        [
            _fact("000-clusters", "target", "clusters", 4, "count", "2025", text="4个"),
            _fact("000-threshold", "target", "cluster_revenue", 1e10, "yuan", "2025", text="百亿"),
            _fact("000-plan-years", "target", "plan_horizon", 3, "year", "2027", text="三年"),
            _fact("000-park", "target", "park_revenue", 1e11, "yuan", "", text="千亿"),
        ]
    )
    quotes = {
        "000-clusters": "今年计划建成4个百亿产业集群",
        "000-threshold": "今年计划建成4个百亿产业集群",
        "000-plan-years": "实施企业技改升级三年行动计划",
        "000-park": "奋力实现“千亿园区”目标",  # the goal itself: 千亿 follows no count
    }
    fb.facts["quote"] = fb.facts.fact_id.map(quotes)
    out = non_targets(fb.facts).set_index("fact_id")
    assert list(out.index) == ["000-threshold", "000-plan-years"]
    assert out.loc["000-threshold", "reason"].startswith("a definition: 百亿")
    assert "4个" in out.loc["000-threshold", "reason"]
    assert out.loc["000-plan-years", "reason"].startswith("a plan's horizon")
    kept = set(target_table(fb, 2030).target_fact)
    assert kept == {"000-clusters", "000-park"}
    page = view.load(fb, 2030, RATES)
    text = view.exclusions(page, Citations(fb.facts, "t")).data
    assert text.startswith("2 statements recorded as targets are left out of every count")
    assert text.count("\n- ") == 2


def test_repetitions_of_one_slogan_count_once():
    fb = _fb(
        [
            _fact("000-qianyi-headline", "target", "park_revenue", 1e11, "yuan", "", text="千亿"),
            _fact("000-qianyi-lead", "target", "park_revenue", 1e11, "yuan", "", text="千亿"),
            _fact("000-qianyi-quote", "target", "park_revenue", 1e11, "yuan", "", text="千亿"),
            # another value for the same measure is another target
            _fact("000-park-2025", "target", "park_revenue", 5e10, "yuan", "2025", text="500亿"),
        ]
    )
    table = target_table(fb, 2030).set_index("target_fact")
    assert len(table) == 2
    qianyi = table.loc["000-qianyi-headline"]
    assert (qianyi.mentions, qianyi.repetitions) == (3, 2)
    values = view.page_values(view.load(fb, 2030, RATES))
    assert values["targets_phrase"] == "2 distinct targets"
    assert values["statements_phrase"] == "4 statements"
    assert values["repeats_phrase"] == "2 repetitions"
    assert values["top_times"] == "3 times"


def test_real_targets_are_counted_once_and_none_is_a_definition(factbase):
    assert non_targets(factbase.facts).empty  # the fact base records none as a target
    statements = factbase.facts[factbase.facts.status == "target"]
    table = target_table(factbase, 2030)
    assert table.mentions.sum() == len(statements)
    assert len(table) == len(
        statements.drop_duplicates(["region_code", "entity", "indicator", "period", "value_base"])
    )
    assert (len(table), int(table.repetitions.sum())) == (7, 10)
    assert (
        table.set_index("target_fact").loc[
            "004-gan-qianyi-park-target-blueprint-2021", "repetitions"
        ]
        == 7
    )
    # a threshold recorded as a target would be left out of the real table too
    facts = factbase.facts.copy()
    facts.loc[facts.fact_id == "004-gan-tech-upgrade-plan-duration-2025", "status"] = "target"
    changed = dataclasses.replace(factbase, facts=facts)
    assert list(non_targets(changed.facts).fact_id) == ["004-gan-tech-upgrade-plan-duration-2025"]
    assert len(target_table(changed, 2030)) == 7


# --- targets in sequence -------------------------------------------------------------


def test_consecutive_targets_chain_from_the_base():
    fb = _fb(
        [
            _fact("000-rev-2024", "actual", "revenue", 410, "yuan", "2024"),
            _fact("000-rev-2025", "target", "revenue", 500, "yuan", "2025", qualifier="more_than"),
            _fact("000-rev-goal", "target", "revenue", 1000, "yuan", "", basis="unknown"),
            _fact("000-firms-2027", "target", "firms", 30, "count", "2027"),  # alone: no chain
        ]
    )
    targets = target_table(fb, 2030)
    chains = target_chains(targets)
    assert chains.chain.nunique() == 1
    assert list(chains.role) == ["base", "target", "target"]
    assert list(chains.step) == [0, 1, 2]
    assert list(chains.fact_id) == ["000-rev-2024", "000-rev-2025", "000-rev-goal"]
    assert chains.step_growth.iloc[1] == pytest.approx(required_growth(410, 500, 1))
    assert chains.step_growth.iloc[2] == pytest.approx(required_growth(500, 1000, 5))
    assert chains.year_basis.iloc[2] == "assumed"
    text = view.sequence_markdown(fb, view.load(fb, 2030, RATES), Citations(fb.facts, "t")).data
    assert "over 1 year |" in text and "over 5 years |" in text
    assert "step 1 is a lower bound" in text and "Step 2 states no year" in text
    alone = target_table(fb, 2030)
    assert target_chains(alone[alone.indicator == "firms"]).empty


def test_the_high_tech_zone_climbs_from_500_to_1000_billion(factbase):
    page = _page(factbase)
    steps = page.chains
    assert list(steps.fact_id) == [
        "004-gan-operating-revenue-2024",
        "004-gan-gzhtz-revenue-target-2025",
        "004-gan-qianyi-park-target-blueprint-2021",
    ]
    assert steps.comparability.iloc[0] == "different_scope"
    assert steps.step_growth.iloc[1] == pytest.approx((500 / 410 - 1) * 100)
    assert steps.step_growth.iloc[2] == pytest.approx((2 ** (1 / 5) - 1) * 100)
    later = _page(factbase, horizon=2035).chains
    assert later.step_growth.iloc[2] == pytest.approx((2 ** (1 / 10) - 1) * 100)
    text = view.sequence_markdown(factbase, page, Citations(factbase.facts, "t")).data
    assert text.startswith("**Park revenue · 赣州高新区, 赣县区 Ganxian District**")
    assert "The base measures something else" in text


# --- scenario rates ------------------------------------------------------------------


def test_scenarios_use_reported_growth_and_fall_back_only_without_it():
    fb = _fb(
        [
            _fact("000-out-2024", "actual", "output", 100, "yuan", "2024"),
            _fact("000-out-growth-2023", "growth", "output_growth", 6, "percent", "2023"),
            _fact("000-out-growth-2024", "growth", "output_growth", 12, "percent", "2024"),
            _fact("001-out-growth-2024", "growth", "output_growth", 12, "percent", "2024"),
            _fact("000-out-growth-2022", "growth", "output_growth", 9, "percent", "2022"),
            _fact("000-out-target", "target", "output", 200, "yuan", "2030"),
            _fact("000-firms-2024", "actual", "firms", 10, "count", "2024"),
            _fact("000-firms-target", "target", "firms", 20, "count", "2030"),
        ]
    )
    reported = reported_growth(fb.facts, "360734", [("", "output")])
    assert list(reported.value_base) == [6, 9, 12]  # the restated 12% counts once
    rows = target_table(fb, 2030).set_index("target_fact")
    out, firms = rows.loc["000-out-target"], rows.loc["000-firms-target"]
    assert out.reported_rates == (6.0, 9.0, 12.0)
    assert view.rates_of(out, RATES) == (
        {"lowest reported": 6.0, "median reported": 9.0, "highest reported": 12.0},
        "reported",
    )
    assert firms.reported_rates == () and view.rates_of(firms, RATES) == (RATES, "fallback")
    assert scenario_rates([7.5], RATES) == ({"reported": 7.5}, "reported")
    page = view.load(fb, 2030, RATES)
    values = view.page_values(page)
    assert (values["reported_phrase"], values["fallback_phrase"]) == ("1 target", "1 target")
    text = view.scenario_markdown(fb, page, Citations(fb.facts, "t")).data
    assert "the chapter's fixed rates: the corpus reports no growth for this measure" in text
    assert r"reported: output\_growth 6% \(2023\); output\_growth 9% \(2022\)" in text
    assert r"highest reported \(12%\)" in text


def test_real_scenarios_say_which_rates_they_use(factbase):
    page = _page(factbase)
    rows = page.targets.set_index("target_fact")
    park = rows.loc["004-gan-gzhtz-revenue-target-2025"]
    assert park.reported_rates == (20.19,)
    assert view.rates_of(park, RATES) == ({"reported": 20.19}, "reported")
    firms = rows.loc["000-xunwu-compressor-above-scale-firms-target-2027"]
    assert view.rates_of(firms, RATES) == (RATES, "fallback")
    growth = page.targets[page.targets.status == "growth"]
    text = view.scenario_markdown(factbase, page, Citations(factbase.facts, "t")).data
    table = text.split("\n\n")[0].split("\n")
    assert table[0] == "| Target | Required | Rates from | Reaches the target | Quotes |"
    assert len(table) - 2 == len(growth)
    assert (
        sum("| reported: " in row for row in table)
        == page.targets.reported_rates.map(len).astype(bool)[page.targets.status == "growth"].sum()
    )
    assert "reported \\(20\\.19%\\): 2026, 1 year late" in text
    spec = view.scenario_panels(factbase, page).to_dict()
    assert len(spec["vconcat"]) == len(growth)
    assert spec["resolve"] == {"scale": {"color": "independent"}}


# --- outcomes across sources ---------------------------------------------------------


def test_source_order_is_certain_or_not():
    assert source_is_later("2025", "2024-03") and source_is_later("2025-04", "2024")
    assert not source_is_later("2025", "2025-10") and not source_is_later("2025-10", "2025")
    assert source_is_later("2025-10", "2025-07") and not source_is_later("2025-07", "2025-07")


def test_the_qingfeng_drug_expected_in_2024_is_reported_launched_later(factbase):
    out = outcome_table(factbase)
    assert len(out) == 1
    row = out.iloc[0]
    assert row.target_fact == "003-zhanggong-qingfeng-innovative-drug-launch-2024"
    assert row.target_status == "forecast" and (row.verdict, row.timing) == ("met", "not_stated")
    assert source_is_later(row.outcome_date, row.target_date)
    assert "玛舒拉沙" in row.evidence
    page = _page(factbase)
    text = view.outcome_markdown(factbase, page, Citations(factbase.facts, "t")).data
    assert "**met \\(when is not stated\\)**" in text
    assert "玛舒拉沙韦片实现江西省化学药1类创新药上市“零的突破”" in text  # line breaks removed
    unchecked = unchecked_expectations(factbase).set_index("fact_id")
    assert "003-zhanggong-qingfeng-innovative-drug-launch-2024" not in unchecked.index
    assert unchecked.loc["000-zhanggong-tech-upgrade-invest-share-target-2025", "check"] == (
        "order_unknown"
    )
    assert unchecked.loc["003-ganzhou-fuerte-revenue-target", "check"] == "later_source_silent"
    assert unchecked.loc["003-ganzhou-fuerte-revenue-target", "other_sources"] == (
        "004_58c65fe487103148"
    )
    assert set(unchecked.check) == {"no_later_source", "later_source_silent", "order_unknown"}
    assert f"({(unchecked.check == 'no_later_source').sum()})" in text
    assert view.page_values(page)["outcomes_phrase"] == "1 expectation"
    one_place = _page(factbase, regions=["360734"])
    assert one_place.outcomes.empty and set(one_place.unchecked.region_code) == {"360734"}
    assert view.outcome_markdown(
        factbase, one_place, Citations(factbase.facts, "t")
    ).data.startswith("No later source of the corpus reports")


def test_an_outcome_must_come_from_a_later_source_about_the_same_place(data_copy):
    from conftest import edit_csv, record_line

    from lib.data.factbase import load_factbase
    from lib.data.reader import DataValidationError

    path = data_copy / "outcomes.csv"
    line = record_line(path, 0)
    # an outcome from the same, earlier source; a verdict without its timing; made-up evidence
    edit_csv(
        path,
        0,
        outcome_fact="003-zhanggong-qingfeng-rd-share-of-sales-2024",
        timing="",
        evidence="获批上市",
    )
    with pytest.raises(DataValidationError) as err:
        load_factbase(data_copy)
    text = str(err.value)
    assert f"outcomes.csv, line {line}, column 'outcome_fact'" in text
    assert "not certainly later than 003_ce6db33a5f8ed3b8" in text
    assert f"outcomes.csv, line {line}, column 'timing'" in text
    assert f"outcomes.csv, line {line}, column 'evidence'" not in text  # 获批上市 is in 003
    edit_csv(
        path,
        0,
        outcome_fact="004-gan-operating-revenue-2024",  # later, but another place
        timing="not_stated",
        evidence="玛舒拉沙",
    )
    with pytest.raises(DataValidationError) as err:
        load_factbase(data_copy)
    text = str(err.value)
    assert "is about 360704" in text and "column 'evidence'" in text


# --- the page reads as prose ---------------------------------------------------------


def test_page_values_are_every_number_the_prose_quotes(factbase):
    page = _page(factbase)
    values = view.page_values(page)
    template = (ROOT / "chapters" / "targets.md").read_text(encoding="utf-8")
    bare = {"n_targets", "n_statements", "n_assumed", "n_reported", "n_fallback"}
    assert set(re.findall(r"\{glue:text\}`(\w+)`", template)) == set(values) - bare
    targets = page.targets
    assert values["n_targets"] == len(targets) and values["n_statements"] == targets.mentions.sum()
    assert values["n_based"] == int((targets.status != "no base").sum())
    assert values["n_alike"] <= values["n_based"] < values["n_targets"]
    assert values["assumed_phrase"] == "1 target states no year"
    assert values["chains_phrase"] == "1 measure has"
    xunwu = view.page_values(_page(factbase, regions=["360734"]))
    assert (xunwu["chains_phrase"], xunwu["outcomes_phrase"]) == (
        "no measure has",
        "no expectation",
    )
    assert (values["horizon"], values["rate_low"], values["rate_high"]) == (2030, "4%", "15%")
    assert values["n_reported"] + values["n_fallback"] == int((targets.status == "growth").sum())


_SEAM = re.compile(
    r"\(s\)|\b1 (?:years|targets|statements|repetitions|measures|times|expectations)\b"
    r"|\d(?:years?|targets?|statements?)\b"
)


def test_no_template_seams(factbase):
    template = (ROOT / "chapters" / "targets.md").read_text(encoding="utf-8")
    assert not _SEAM.search(template)
    for horizon in (2026, 2030):
        page = _page(factbase, horizon=horizon)
        cite = Citations(factbase.facts, "t")
        texts = [
            *map(str, view.page_values(page).values()),
            view.target_overview(factbase, page.targets, cite).data,
            view.exclusions(page, cite).data,
            view.sequence_markdown(factbase, page, cite).data,
            view.scenario_markdown(factbase, page, cite).data,
            view.outcome_markdown(factbase, page, cite).data,
        ]
        for text in texts:
            assert not _SEAM.search(text.replace("\\", "")), _SEAM.search(text)


def test_target_overview_cites_every_row_and_explains_what_is_unlike(factbase):
    targets = target_table(factbase, 2030)
    cite = Citations(factbase.facts, "t")
    text = view.target_overview(factbase, targets, cite).data
    table, why = text.split("\n\n**Why some targets do not compare with their base**\n\n")
    table, said_by = table.split("\n\n")
    assert set(targets.attribution) == {"article"}  # one voice: said once, not per row
    assert said_by == "Every target here is set by the article \\(the outlet's own voice\\)\\."
    assert table.startswith("| Place | Measure | Base | Target | Required, and growth reported |")
    assert r"16% a year; reported: 20\.19% \(Q1 2025\)" in table
    assert len(table.split("\n")) - 2 == len(targets)
    assert "; stated 8 times |" in table
    assert len(why.split("\n")) == int((targets.comparability != "same").sum())
    cited = set(targets.target_fact) | set(targets.base_fact) | set(targets.growth_fact)
    assert len(cite) == len(cited - {""})
    assert (
        view.target_overview(factbase, targets.iloc[:0], cite).data
        == "The corpus states no target for the places chosen."
    )


def test_requirement_chart_spec(factbase):
    targets = target_table(factbase, 2030)
    spec = view.requirement_chart(factbase, targets).to_dict()
    bars, reported = spec["layer"]
    assert [m["mark"]["type"] for m in spec["layer"]] == ["bar", "point"]
    assert bars["encoding"]["x"]["field"] == "required"
    assert bars["encoding"]["color"]["title"] == "Base and target measure"
    growth = targets[targets.status == "growth"]
    bar_rows = spec["datasets"][bars["data"]["name"]]
    assert sorted(r["required"] for r in bar_rows) == sorted(growth.required_growth.round(2))
    assert len({r["target"] for r in bar_rows}) == len(bar_rows)  # one bar per target
    reported_rows = spec["datasets"][reported["data"]["name"]]
    assert len(reported_rows) == growth.reported_growth.notna().sum()
    none = view.requirement_chart(factbase, targets[targets.status != "growth"])
    assert none.data == "No target of the places chosen has a base a year or more before it."


def test_nothing_to_project_says_so(factbase):
    page = _page(factbase)
    rest = dataclasses.replace(page, targets=page.targets[page.targets.status != "growth"])
    assert view.scenario_markdown(factbase, rest, Citations(factbase.facts, "t")).data.startswith(
        "No target of the places chosen can be projected"
    )
    assert view.scenario_panels(factbase, rest).data.startswith(
        "No target of the places chosen can be drawn"
    )
    assert (
        view.sequence_markdown(
            factbase,
            dataclasses.replace(page, chains=page.chains.iloc[:0]),
            Citations(factbase.facts, "t"),
        ).data
        == "No measure of the places chosen has more than one target."
    )
