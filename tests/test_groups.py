"""Indicator groups (data/indicator_groups.csv) and the selection of facts by region and year."""

import pandas as pd
import pytest

from lib.analysis.selection import as_of_year, check_year, load_groups, select_facts
from lib.present.figures import absent_places, figure_section, figure_table

HEADER = "indicator,chapter,group,item,order,sense,comparable,note\n"


def write(tmp_path, body):
    path = tmp_path / "indicator_groups.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


INDICATORS = pd.DataFrame({"indicator": ["a", "b"]})


def test_load_groups_reads_a_valid_mapping(tmp_path):
    path = write(tmp_path, "a,upgrading,firm_gain,energy,1,cut,no,x\nb,talent_policy,platform,national,2,,yes,y\n")
    g = load_groups(INDICATORS, path)
    assert list(g.order) == [1, 2] and list(g.comparable) == [False, True]


@pytest.mark.parametrize("body, message", [
    ("zz,upgrading,tech_upgrade,x,1,,no,\n", "line 2: indicator 'zz' is not in indicators.csv"),
    ("a,upgrading,tech_upgrade,x,1,,no,\na,upgrading,tech_upgrade,x,1,,no,\n", "line 3: indicator 'a' is mapped twice"),
    ("a,upgrading,platform,x,1,,no,\n", "group 'platform'"),
    ("a,other,tech_upgrade,x,1,,no,\n", "chapter 'other'"),
    ("a,upgrading,firm_gain,x,1,,no,\n", "sense ''"),
    ("a,upgrading,tech_upgrade,x,1,cut,no,\n", "sense 'cut'"),
    ("a,upgrading,tech_upgrade,x,one,,no,\n", "order 'one'"),
    ("a,upgrading,tech_upgrade,x,1,,maybe,\n", "comparable 'maybe'"),
])
def test_load_groups_names_the_bad_row(tmp_path, body, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        load_groups(INDICATORS, write(tmp_path, body))


def test_project_mapping_is_valid(factbase):
    g = load_groups(factbase.indicators)
    assert {"tech_upgrade", "digital_funnel", "firm_gain", "talent", "platform", "ladder",
            "instrument"} <= set(g.group)


def test_check_year(factbase):
    assert check_year(factbase, 2024) == 2024
    for bad in (1900, 2100, "2025", 2024.5):
        with pytest.raises(ValueError, match=f"year {bad!r} is not valid"):
            check_year(factbase, bad)


def test_as_of_year_uses_period_end_or_source_date():
    facts = pd.DataFrame({"period": ["2024/2025", "2025Q1", "", "2027"],
                          "kind": ["actual", "actual", "change", "target"],
                          "source_id": ["s"] * 4})
    assert list(as_of_year(facts, {"s": "2024-03"})) == [2025, 2025, 2024, 2024]


def test_select_facts_reconciles_and_filters_by_year(factbase):
    g = load_groups(factbase.indicators)
    tech = select_facts(factbase, g, "tech_upgrade", ["360702", "360734"], 2025)
    share = tech[(tech.indicator == "tech_upgrade_investment_share") & (tech.kind == "share")]
    assert len(share) == 1 and share.iloc[0].value_base == 62.33  # 62.3% is its rounding
    assert share.iloc[0].verdict == "rounding"
    assert set(tech.region_code) == {"360702"}
    assert select_facts(factbase, g, "tech_upgrade", ["360702"], 2023).empty
    firms = select_facts(factbase, g, "digital_firms", ["360702"], 2025)
    l6 = firms[firms.indicator == "digital_level_l6_firms"].iloc[0]
    assert l6.verdict == "conflict" and "17家" in l6.readings and "22家" in l6.readings
    with pytest.raises(ValueError, match="unknown group 'nope'"):
        select_facts(factbase, g, "nope", ["360702"], 2025)


def test_figure_table_names_conflicting_readings(factbase):
    g = load_groups(factbase.indicators)
    table = figure_table(factbase, select_facts(factbase, g, "digital_firms", ["360702"], 2025))
    row = next(line for line in table.splitlines() if "firms at digital level L6 or above" in line)
    assert "| 17 \\(sources differ: 17家 \\| 22家\\) |" in row
    assert row.startswith("| 章贡区 Zhanggong District |") and "| 001 |" in row or "| 000 |" in row


def test_absent_places_are_named(factbase):
    assert absent_places(factbase, ["360702", "360800"], ["360702"]) == \
        "No figures of this kind for 吉安市 Ji'an."
    assert absent_places(factbase, ["360702"], ["360702", "360800"]) == ""


def test_figure_section_is_the_table_then_the_places_without_figures(factbase):
    g = load_groups(factbase.indicators)
    firms = select_facts(factbase, g, "digital_firms", ["360702", "360723"], 2025)
    shown = figure_section(factbase, firms, ["360702", "360723"], "none", without=("Kind",))
    assert shown.data == (figure_table(factbase, firms, without=("Kind",))
                          + "\n\nNo figures of this kind for 大余县 Dayu County.")
    assert figure_section(factbase, firms, ["360702"], "none").data == figure_table(factbase, firms)
    assert figure_section(factbase, firms.iloc[:0], ["360702"], "Nothing by 2020.").data == \
        "Nothing by 2020."
