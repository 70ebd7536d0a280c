"""Indicator groups (data/indicator_groups.csv) and the selection of facts by region and year."""

import pandas as pd
import pytest
from small_data import make_small_data

from lib.analysis.selection import as_of_year, check_year, select_facts
from lib.data.factbase import load_factbase
from lib.data.reader import DataValidationError
from lib.present.figures import absent_places, figure_section, figure_table

HEADER = "indicator,chapter,group,item,order,sense,comparable,note\n"


def load_small_groups(tmp_path, body):
    """Load the small data folder with *body* as the rows of indicator_groups.csv."""
    root = make_small_data(tmp_path / "data")
    (root / "indicator_groups.csv").write_text(HEADER + body, encoding="utf-8")
    return load_factbase(root).indicator_groups


def test_a_valid_mapping_is_typed(tmp_path):
    g = load_small_groups(
        tmp_path,
        "firms,upgrading,firm_gain,energy,1,cut,no,x\n"
        "cluster_output,talent_policy,platform,national,2,,yes,y\n",
    )
    assert list(g.order) == [1, 2] and list(g.comparable) == [False, True]


@pytest.mark.parametrize(
    "body, messages",
    [
        (
            "zz,upgrading,tech_upgrade,x,1,,no,\n",
            ["line 2, column 'indicator'", "expected an indicator of indicators.csv", "got 'zz'"],
        ),
        (
            "firms,upgrading,tech_upgrade,x,1,,no,\nfirms,upgrading,tech_upgrade,x,1,,no,\n",
            ["line 3, column 'indicator'", "duplicate value 'firms'"],
        ),
        (
            "firms,upgrading,platform,x,1,,no,\n",
            ["line 2, column 'group'", "group 'platform' is not a group of upgrading"],
        ),
        ("firms,other,tech_upgrade,x,1,,no,\n", ["line 2, column 'chapter'", "got 'other'"]),
        (
            "firms,upgrading,firm_gain,x,1,,no,\n",
            ["line 2, column 'sense'", "sense '': required for firm_gain"],
        ),
        (
            "firms,upgrading,tech_upgrade,x,1,cut,no,\n",
            ["line 2, column 'sense'", "sense 'cut': required for firm_gain", "empty otherwise"],
        ),
        (
            "firms,upgrading,tech_upgrade,x,one,,no,\n",
            ["line 2, column 'order'", "expected a number, got 'one'"],
        ),
        (
            "firms,upgrading,tech_upgrade,x,1,,maybe,\n",
            ["line 2, column 'comparable'", "expected yes or no", "got 'maybe'"],
        ),
        (
            "firms,upgrading,tech_upgrade,,1,,no,\n",
            ["line 2, column 'item'", "expected a non-empty value"],
        ),
    ],
)
def test_a_bad_row_is_named(tmp_path, body, messages):
    with pytest.raises(DataValidationError) as info:
        load_small_groups(tmp_path, body)
    text = str(info.value)
    assert f"indicator_groups.csv, {messages[0]}" in text, text
    for message in messages[1:]:
        assert message in text, text


def test_every_bad_row_is_listed_with_its_line_after_a_multiline_field(tmp_path):
    body = (
        'firms,upgrading,tech_upgrade,x,1,,no,"two\nlines"\n'
        "cluster_output,upgrading,tech_upgrade,x,2,,perhaps,\n"
        "zz,upgrading,tech_upgrade,x,3,,no,\n"
    )
    with pytest.raises(DataValidationError) as info:
        load_small_groups(tmp_path, body)
    message = str(info.value)
    assert message.startswith("2 data problem(s)")
    assert "indicator_groups.csv, line 4, column 'comparable'" in message
    assert "indicator_groups.csv, line 5, column 'indicator'" in message


def test_the_projects_mapping_is_loaded(factbase):
    g = factbase.indicator_groups
    assert {
        "tech_upgrade",
        "digital_funnel",
        "firm_gain",
        "talent",
        "platform",
        "ladder",
        "instrument",
    } <= set(g.group)
    assert g.comparable.dtype == bool and g.order.dtype == int


def test_check_year(factbase):
    assert check_year(factbase, 2024) == 2024
    for bad in (1900, 2100, "2025", 2024.5):
        with pytest.raises(ValueError, match=f"year {bad!r} is not valid"):
            check_year(factbase, bad)


def test_as_of_year_uses_period_end_or_source_date():
    facts = pd.DataFrame(
        {
            "period": ["2024/2025", "2025Q1", "", "2027"],
            "status": ["achieved", "achieved", "achieved", "target"],
            "source_id": ["s"] * 4,
        }
    )
    assert list(as_of_year(facts, {"s": "2024-03"})) == [2025, 2025, 2024, 2024]


def test_select_facts_reconciles_and_filters_by_year(factbase):
    g = factbase.indicator_groups
    tech = select_facts(factbase, g, "tech_upgrade", ["360702", "360734"], 2025)
    share = tech[(tech.indicator == "tech_upgrade_investment_share") & (tech.status == "achieved")]
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
    g = factbase.indicator_groups
    table = figure_table(factbase, select_facts(factbase, g, "digital_firms", ["360702"], 2025))
    row = next(line for line in table.splitlines() if "firms at digital level L6 or above" in line)
    assert "| 17 \\(sources differ: 17家 \\| 22家\\) |" in row
    assert row.startswith("| 章贡区 Zhanggong District |") and "| 001 |" in row or "| 000 |" in row


def test_absent_places_are_named(factbase):
    assert (
        absent_places(factbase, ["360702", "360800"], ["360702"])
        == "No figures of this kind for 吉安市 Ji'an."
    )
    assert absent_places(factbase, ["360702"], ["360702", "360800"]) == ""


def test_figure_section_is_the_table_then_the_places_without_figures(factbase):
    g = factbase.indicator_groups
    firms = select_facts(factbase, g, "digital_firms", ["360702", "360723"], 2025)
    shown = figure_section(factbase, firms, ["360702", "360723"], "none", without=("Kind",))
    assert shown.data == (
        figure_table(factbase, firms, without=("Kind",))
        + "\n\nNo figures of this kind for 大余县 Dayu County."
    )
    assert figure_section(factbase, firms, ["360702"], "none").data == figure_table(factbase, firms)
    assert (
        figure_section(factbase, firms.iloc[:0], ["360702"], "Nothing by 2020.").data
        == "Nothing by 2020."
    )
