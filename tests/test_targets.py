"""Targets beside their bases: pairing, required growth, scenarios."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from conftest import ROOT

from lib.analysis.targets import (
    check_horizon,
    check_rates,
    project,
    required_growth,
    target_table,
    years_to_reach,
)
from lib.chapters import targets as view
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
    return FactBase(empty, empty, empty, indicators, facts, empty, empty, {}, target_bases=tb)


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


def test_page_values_are_every_number_the_prose_quotes(factbase):
    targets = target_table(factbase, 2030)
    values = view.page_values(targets, 2030, RATES)
    template = (ROOT / "chapters" / "targets.md").read_text(encoding="utf-8")
    assert set(re.findall(r"\{glue:text\}`(\w+)`", template)) == set(values) - {"n_assumed"}
    assert values["n_targets"] == len(targets) and values["n_statements"] == targets.mentions.sum()
    assert values["n_based"] == int((targets.status != "no base").sum())
    assert values["n_alike"] <= values["n_based"] < values["n_targets"]
    n = values["n_assumed"]
    assert values["assumed_phrase"] == (
        f"{n} targets state no year" if n != 1 else "1 target states no year"
    )
    assert (values["horizon"], values["rate_low"], values["rate_high"]) == (2030, "4%", "15%")
    one = view.page_values(targets[targets.year_basis == "assumed"].head(1), 2035, {"x": 2.5})
    assert one["assumed_phrase"] == "1 target states no year" and one["rate_x"] == "2.5%"


def test_target_overview_cites_every_row_and_explains_what_is_unlike(factbase):
    targets = target_table(factbase, 2030)
    cite = Citations(factbase.facts, "t")
    text = view.target_overview(factbase, targets, cite).data
    table, why = text.split("\n\n**Why some targets do not compare with their base**\n\n")
    assert table.startswith("| Place | Set by | Measure | Base | Target | Required |")
    assert len(table.split("\n")) - 2 == len(targets)
    assert len(why.split("\n")) == int((targets.comparability != "same").sum())
    cited = set(targets.target_fact) | set(targets.base_fact) | set(targets.growth_fact)
    assert len(cite) == len(cited - {""})
    assert (
        view.target_overview(factbase, targets.iloc[:0], cite).data
        == "The corpus states no target for the places chosen."
    )


def test_requirement_chart_spec(factbase):
    targets = target_table(factbase, 2030)
    spec = view.requirement_chart(factbase, targets, RATES).to_dict()
    bars, reported, rules, labels = spec["layer"]
    assert [m["mark"]["type"] for m in spec["layer"]] == ["bar", "point", "rule", "text"]
    assert bars["encoding"]["x"]["field"] == "required"
    assert bars["encoding"]["color"]["title"] == "Base and target measure"
    growth = targets[targets.status == "growth"]
    bar_rows = spec["datasets"][bars["data"]["name"]]
    assert sorted(r["required"] for r in bar_rows) == sorted(growth.required_growth.round(2))
    reported_rows = spec["datasets"][reported["data"]["name"]]
    assert len(reported_rows) == growth.reported_growth.notna().sum()
    assert rules["data"] == labels["data"]
    scen = spec["datasets"][rules["data"]["name"]]
    assert [r["scenario"] for r in scen] == ["low (4%)", "central (8%)", "high (15%)"]
    none = view.requirement_chart(factbase, targets[targets.status != "growth"], RATES)
    assert none.data == "No target of the places chosen has a base a year or more before it."


def test_scenarios_in_words_and_panels(factbase):
    targets = target_table(factbase, 2030)
    growth = targets[targets.status == "growth"]
    text = view.scenario_markdown(factbase, targets, RATES, Citations(factbase.facts, "t")).data
    items = text.split("\n")
    assert len(items) == len(growth) and all(i.startswith("- **") for i in items)
    firms = [i for i in items if i.startswith("- **Above\\-scale firms")]
    assert firms and "high \\(15%\\): 2027, on time" in firms[0]
    spec = view.scenario_panels(factbase, targets, RATES).to_dict()
    assert len(spec["vconcat"]) == len(growth)
    assert spec["resolve"] == {"scale": {"color": "shared"}}
    rest = targets[targets.status != "growth"]
    assert view.scenario_markdown(
        factbase, rest, RATES, Citations(factbase.facts, "t")
    ).data.startswith("No target of the places chosen can be projected")
    assert view.scenario_panels(factbase, rest, RATES).data.startswith(
        "No target of the places chosen can be drawn"
    )
