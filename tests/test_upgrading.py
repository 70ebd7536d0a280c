"""Technical upgrading: share against target, the digital funnel, firm-level gains, and the
tables and charts the chapter shows of them."""

import math

import pandas as pd
import pytest
from IPython.display import Markdown

from lib.analysis.selection import select_facts
from lib.chapters import tech_upgrade as view
from lib.chapters.tech_upgrade import firm_gains, funnel, share_vs_target


def row(fid, indicator, value, kind="actual", qualifier="exact", **kw):
    base = dict(
        fact_id=fid,
        region_code="r",
        indicator=indicator,
        value_base=value,
        # the old shorthand: "actual" is an achieved level, "target" a level of status target
        kind={"actual": "level", "target": "level"}.get(kind, kind),
        status="target" if kind == "target" else "achieved",
        period_type="year",
        period_basis="stated",
        qualifier=qualifier,
        period="2024",
        as_of=2024,
        value_text=str(value),
    )
    base.update(kw)
    return base


def test_share_vs_target_formulas():
    sel = pd.DataFrame(
        [
            row("s", "tech_upgrade_investment_share", 60.0, kind="share"),
            row(
                "t",
                "tech_upgrade_investment_share",
                50.0,
                kind="target",
                qualifier="more_than",
                period="2025",
            ),
            row(
                "g",
                "tech_upgrade_investment_share_gap_vs_city",
                20.0,
                kind="other",
                qualifier="more_than",
            ),
        ]
    )
    t = share_vs_target(sel, "r").set_index("Figure")
    assert t.loc["Share in 2024 minus the target for 2025", "Value"] == "10 percentage points"
    assert t.loc["Share in 2024 minus the target for 2025", "Facts"] == "s; t"
    assert t.loc["City average, if the excess is in percentage points", "percent"] == 40.0
    assert t.loc["City average, if the excess is relative", "percent"] == 50.0
    assert t.loc["City average, if the excess is relative", "Value"] == "at most 50%"
    assert share_vs_target(sel, "other").empty


def test_funnel_conversion_rates():
    sel = pd.DataFrame(
        [
            dict(
                region_code="r",
                item="a",
                order=1,
                value_base=200.0,
                value_text="200家",
                fact_id="f1",
            ),
            dict(
                region_code="r", item="c", order=3, value_base=10.0, value_text="10家", fact_id="f3"
            ),
            dict(
                region_code="r",
                item="b",
                order=2,
                value_base=100.0,
                value_text="100家",
                fact_id="f2",
            ),
        ]
    )
    f = funnel(sel, "r")
    assert list(f.stage) == ["a", "b", "c"]
    assert math.isnan(f.from_previous[0])
    assert f.from_previous[1] == 50.0 and f.from_previous[2] == 10.0 and f.from_first[2] == 5.0
    assert f.formula[2] == "10 ÷ 100 (previous stage); 10 ÷ 200 (first stage)"
    # a missing middle stage gives no rate from the previous stage
    g = funnel(sel[sel.order != 2], "r")
    assert math.isnan(g.from_previous[1]) and g.from_first[1] == 5.0


def gain(
    fid,
    indicator,
    sense,
    value,
    unit="percent",
    state="",
    kind="change",
    attribution="firm",
    status="achieved",
):
    return dict(
        status=status,
        fact_id=fid,
        region_code="r",
        region="R",
        entity="甲公司",
        indicator=indicator,
        source_id="000_x",
        item=indicator,
        order=1,
        sense=sense,
        value_base=value,
        base_unit=unit,
        state=state,
        kind=kind,
        qualifier="exact",
        value_text=str(value),
        attribution=attribution,
        quote=f"q{fid}",
    )


def test_firm_gains_signs_pairs_and_investment():
    gains = pd.DataFrame(
        [
            gain("cut", "energy", "cut", 28.0),
            gain("rise", "capacity", "rise", 300.0, attribution="article"),
            gain("b", "tolerance", "level", 0.1, unit="mm", state="before", kind="other"),
            gain("a", "tolerance", "level", 0.03, unit="mm", state="after", kind="other"),
            gain("m", "multiple", "multiple", 2.6, unit="times"),
            gain("t", "tons", "cut", 15000.0, unit="ton"),
            gain("y", "yield", "level", 99.8, state="after", kind="level"),
        ]
    )
    inv = pd.DataFrame(
        [
            dict(
                fact_id="i",
                entity="甲公司",
                source_id="000_x",
                kind="level",
                status="achieved",
                value_text="2000万元",
            ),
            dict(
                fact_id="p",
                entity="甲公司",
                source_id="000_x",
                kind="level",
                status="planned",
                value_text="30亿元",
            ),
        ]
    )
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
    gains = firm_gains(
        select_facts(factbase, g, "firm_gain", codes, 2025),
        select_facts(factbase, g, "firm_investment", codes, 2025),
        factbase.entities,
    )
    baizhao = gains[gains.firm.str.startswith("柏兆")]
    assert set(baizhao.investment) == {"2000万元"}
    assert baizhao.set_index("measure").loc["capacity", "change_pct"] == 300.0
    # every gain in the corpus is attributed: firm claims are labelled self-reported
    assert gains.claimed_by.notna().all()
    assert (gains.claimed_by == "self-reported by the firm").sum() >= 10
    assert select_facts(factbase, g, "firm_gain", codes, 2023).empty


# --- what the chapter's cells show ---------------------------------------------------------

ZHANGGONG, JIAN, NINGDU = "360702", "360800", "360730"


@pytest.fixture(scope="module")
def groups(factbase):
    return factbase.indicator_groups


def chart_data(chart) -> list[dict]:
    """The one dataset of a chart's spec."""
    (rows,) = chart.to_dict()["datasets"].values()
    return rows


def test_upgrade_markdown_names_places_without_figures(factbase, groups):
    tech = select_facts(factbase, groups, "tech_upgrade", [ZHANGGONG, JIAN], 2025)
    shown = view.upgrade_markdown(factbase, tech, [ZHANGGONG, JIAN], 2025)
    assert isinstance(shown, Markdown)
    assert shown.data.startswith("| Region | Figure | Entity | Value |")
    assert shown.data.endswith("No figures of this kind for 吉安市 Ji'an.")
    none = view.upgrade_markdown(factbase, tech.iloc[:0], [JIAN], 2021)
    assert none.data == (
        "None of the chosen regions states technical-upgrade figures known by 2021."
    )


def test_share_tables_markdown_and_chart(factbase, groups):
    tech = select_facts(factbase, groups, "tech_upgrade", [ZHANGGONG, JIAN], 2025)
    shares = view.share_tables(tech, [JIAN, ZHANGGONG])
    assert list(shares) == [ZHANGGONG]  # Ji'an states no share
    text = view.share_markdown(factbase, shares, 2025).data
    # the table without its ``percent`` column
    assert text.startswith(
        "**章贡区 Zhanggong District**\n\n| Figure | Value | Formula | Facts |\n|---|---|---|---|\n"
    )
    assert "| at most 49\\.86% |" in text
    spec = view.share_chart(factbase, shares).to_dict()
    assert spec["title"] == "Technical-upgrade share: actual, target, implied city average"
    assert spec["facet"]["row"]["field"] == "region"
    bars, labels = spec["spec"]["layer"]
    assert bars["mark"]["type"] == "bar" and labels["encoding"]["text"]["field"] == "Value"
    x = bars["encoding"]["x"]
    assert (x["field"], x["type"], x["title"]) == (
        "percent",
        "quantitative",
        "Share of industrial investment (%)",
    )
    assert x["scale"]["domain"] == [0, pytest.approx(62.33 * 1.3)]
    rows = chart_data(view.share_chart(factbase, shares))
    # the difference (no level) is not a bar; the four levels are
    assert [round(r["percent"], 2) for r in rows] == [62.33, 50.0, 37.33, 49.86]
    assert {r["region"] for r in rows} == {"章贡区 Zhanggong District"}


def test_share_views_say_when_no_region_states_a_share(factbase):
    assert view.share_markdown(factbase, {}, 2023).data == (
        "No chosen region states the share of technical-upgrade investment by 2023."
    )
    assert view.share_chart(factbase, {}).data == "There is no share to chart."


def test_funnel_markdown_and_chart(factbase, groups):
    fun = select_facts(factbase, groups, "digital_funnel", [ZHANGGONG, JIAN], 2025)
    funnels = view.region_funnels(fun, [ZHANGGONG, JIAN])
    assert list(funnels) == [JIAN]
    text = view.funnel_markdown(factbase, funnels, [ZHANGGONG, JIAN], 2025).data
    assert text.startswith(
        "**吉安市 Ji'an**\n\n| Stage | Firms \\(as written\\) | "
        "Of the previous stage | Of the first stage | Formula | Fact |"
    )
    assert "| started retrofitting | 1365家 | 67\\.6% | 67\\.6% |" in text
    assert text.endswith(
        "No figures of this kind for 章贡区 Zhanggong District. "
        "The stages are reported by one source only."
    )
    # every chosen place reports stages: no sentence about the others
    assert "No figures" not in view.funnel_markdown(factbase, funnels, [JIAN], 2025).data
    chart = view.funnel_chart(factbase, funnels)
    spec = chart.to_dict()
    assert spec["title"] == "Digital transformation: firms at each stage"
    bars, labels = spec["spec"]["layer"]
    assert bars["encoding"]["y"]["sort"] == {"field": "order"}
    assert bars["encoding"]["x"]["title"] == "Firms (cumulative)"
    assert labels["encoding"]["text"]["field"] == "label"
    rows = chart_data(chart)
    assert [r["label"] for r in rows] == [
        "2,019",
        "1,365 (67.6% of previous)",
        "93 (6.8% of previous)",
        "14 (15.1% of previous)",
    ]
    assert {r["region"] for r in rows} == {"吉安市 Ji'an"}


def test_funnel_views_say_when_no_region_reports_stages(factbase):
    assert view.funnel_markdown(factbase, {}, [ZHANGGONG], 2025).data == (
        "No chosen region reports the stages of digital transformation by 2025."
    )
    assert view.funnel_chart(factbase, {}).data == "There is no funnel to chart."


def test_digital_firms_markdown_notes_absences_and_conflicts(factbase, groups):
    firms = select_facts(factbase, groups, "digital_firms", [ZHANGGONG, NINGDU], 2025)
    blocks = view.digital_firms_markdown(factbase, firms, [ZHANGGONG, NINGDU], 2025).data.split(
        "\n\n"
    )
    assert blocks[0].startswith("| Region | Figure |")
    assert blocks[1].startswith("- *firms at digital level L6 or above*: Assessed digital")
    assert blocks[2] == "No figures of this kind for 宁都县 Ningdu County."
    assert blocks[3] == (
        "The sources differ on *firms at digital level L6 or above* in 章贡区 "
        "Zhanggong District: 17家 \\| 22家. The report uses the later source "
        "and shows both."
    )
    assert view.digital_firms_markdown(factbase, firms.iloc[:0], [NINGDU], 2025).data == (
        "No chosen region states such counts by 2025."
    )


def test_gains_note(factbase, groups):
    facts = select_facts(factbase, groups, "firm_gain", [ZHANGGONG, JIAN], 2025)
    assert view.gains_note(factbase, facts, [ZHANGGONG, JIAN], 2025).data == (
        "No figures of this kind for 章贡区 Zhanggong District."
    )
    assert view.gains_note(factbase, facts, [JIAN], 2025).data == (
        "Every chosen region reports at least one firm-level gain."
    )
    assert view.gains_note(factbase, facts.iloc[:0], [JIAN], 2022).data == (
        "No chosen region reports firm-level gains by 2022."
    )


def firm_gain_rows():
    return pd.DataFrame(
        {
            "region": ["吉安市 Ji'an", "于都县 Yudu County", "吉安市 Ji'an"],
            "firm": ["甲公司 Firm A", "乙公司 Firm B", "甲公司 Firm A"],
            "measure": ["energy use", "capacity", "yield"],
            "order": [1, 2, 3],
            "change_pct": [-28.0, 300.0, float("nan")],
            "status": ["achieved", "achieved", "achieved"],
            "stated": ["cut 28%", "rise 300%", "after: 99%"],
            "how": ["stated", "stated", "only the after level is given"],
            "claimed_by": [
                "self-reported by the firm",
                "stated by the article",
                "self-reported by the firm",
            ],
            "investment": ["2000万元", "", ""],
            "source": ["002", "003", "002"],
            "quote": ["q1", "q2", "q3"],
            "fact_ids": ["a", "b", "c"],
        }
    )


def test_gains_chart_spec():
    chart = view.gains_chart(firm_gain_rows())
    spec = chart.to_dict()
    assert spec["title"] == "Firm-level gains after upgrading, by what was measured"
    bars, up, down = spec["layer"]
    enc = bars["encoding"]
    assert (enc["x"]["field"], enc["x"]["title"]) == (
        "change_pct",
        "Change of the measured quantity (%)",
    )
    # room for the labels on both sides: 18% of the span beyond each end
    pad = 328 * 0.18
    assert enc["x"]["scale"]["domain"] == [pytest.approx(-28 - pad), pytest.approx(300 + pad)]
    assert enc["color"] == {"field": "measure", "legend": None, "sort": None, "type": "nominal"}
    assert enc["y"]["field"] == "label" and enc["y"]["axis"]["labelLimit"] == 480
    assert [u["transform"] for u in (up, down)] == [
        [{"filter": "datum.change_pct >= 0"}],
        [{"filter": "datum.change_pct < 0"}],
    ]
    assert (up["mark"]["align"], down["mark"]["align"]) == ("left", "right")
    rows = chart_data(chart)
    assert [r["label"] for r in rows] == [
        "energy use: 甲公司 (吉安市; self-reported)",
        "capacity: 乙公司 (于都县; article's claim)",
    ]
    assert [r["value"] for r in rows] == ["-28%", "+300%"]
    assert [r["investment"] for r in rows] == ["2000万元", "not stated"]


def test_gains_chart_and_table_without_rates():
    unrated = firm_gain_rows().iloc[[2]]
    assert view.gains_chart(unrated).data == "No achieved gain is a rate that can be charted."
    text = view.gains_markdown(unrated).data
    assert text.startswith(
        "| Region | Firm | Measured | Change | Status | As stated | How | Claimed by | "
        "Investment behind it | Source | Quote |"
    )
    assert "| yield |  | achieved | after: 99% |" in text and "| not stated |" in text
    assert view.gains_markdown(unrated.iloc[:0]).data == "There is no firm-level gain to list."


def test_gains_markdown_signs_changes():
    lines = view.gains_markdown(firm_gain_rows()).data.splitlines()
    assert "| \\-28% | achieved | cut 28% |" in lines[2] and "| 2000万元 |" in lines[2]
    assert "| \\+300% |" in lines[3] and "| not stated |" in lines[3]


def test_a_forecast_gain_is_listed_but_never_charted():
    rows = firm_gain_rows()
    rows.loc[1, "status"] = "forecast"
    spec = view.gains_chart(rows).to_dict()
    drawn = next(iter(spec["datasets"].values()))
    assert [r["measure"] for r in drawn] == ["energy use"]
    assert "| forecast |" in view.gains_markdown(rows).data
