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
    assert t.loc["City average in 2024, if the excess is in percentage points", "percent"] == 40.0
    assert t.loc["City average in 2024, if the excess is relative", "percent"] == 50.0
    assert t.loc["City average in 2024, if the excess is relative", "Value"] == "at most 50%"
    # what each row is, so the chart tells a result from a target and a derived bound
    assert list(t.role) == ["achieved", "target", "difference", "implied", "implied"]
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
    point = view.share_point(factbase, shares)
    assert point == (
        "章贡区 Zhanggong District: technical upgrading was 62.33% of industrial investment in "
        "2024, above its 2025 target (more than 50%) and above the city average (at most "
        "49.86%)."
    )
    spec = view.share_chart(factbase, shares).to_dict()
    # the title states the point; one region: one panel, no facet
    assert " ".join(spec["title"]["text"]) == point
    assert "percent" in spec["title"]["subtitle"][0]
    assert "facet" not in spec
    bars, labels = spec["layer"]
    assert bars["mark"]["type"] == "bar" and labels["encoding"]["text"]["field"] == "Value"
    x = bars["encoding"]["x"]
    assert (x["field"], x["type"], x["title"]) == (
        "percent",
        "quantitative",
        "Share of industrial investment (%)",
    )
    assert x["scale"]["domain"] == [0, pytest.approx(62.33 * 1.3)]
    # a target and a derived bound never look like a result
    colour = bars["encoding"]["color"]
    assert colour["field"] == "shown"
    assert colour["scale"]["domain"] == [
        "share achieved",
        "target",
        "implied city average (upper bound)",
    ]
    rows = chart_data(view.share_chart(factbase, shares))
    # the difference (no level) is not a bar; the four levels are
    assert [round(r["percent"], 2) for r in rows] == [62.33, 50.0, 37.33, 49.86]
    assert [r["shown"] for r in rows] == [
        "share achieved",
        "target",
        "implied city average (upper bound)",
        "implied city average (upper bound)",
    ]
    # several regions: a panel each
    two = {"a": shares[ZHANGGONG], "b": shares[ZHANGGONG]}
    labels_ = {"a": "甲", "b": "乙"}
    monkey = view.place_labels
    try:
        view.place_labels = lambda fb: labels_
        assert view.share_chart(factbase, two).to_dict()["facet"]["row"]["field"] == "region"
    finally:
        view.place_labels = monkey


def test_share_views_say_when_no_region_states_a_share(factbase):
    assert view.share_markdown(factbase, {}, 2023).data == (
        "No chosen region states the share of technical-upgrade investment by 2023."
    )
    assert view.share_chart(factbase, {}).data == "There is no share to chart."
    assert view.share_point(factbase, {}) == ""


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
    point = view.funnel_point(factbase, funnels)
    assert point == (
        "吉安市 Ji'an, 2024–2025†: of 2,019 firms diagnosed, 14 (0.7%) reached 数智工厂 smart "
        "factories; the steepest drop is to certified (national maturity standard), reached by "
        "6.8% of the previous stage."
    )
    assert " ".join(spec["title"]["text"]) == point
    bars, labels = spec["spec"]["layer"]
    assert bars["encoding"]["y"]["sort"] == {"field": "order"}
    # units and years on the axis
    assert bars["encoding"]["x"]["title"] == "Firms (cumulative count, 2024–2025†)"
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
    assert view.funnel_point(factbase, {}) == ""


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
            "period": ["2025", "as of 2024", "Apr 2025"],
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
    assert " ".join(spec["title"]["text"]) == view.gains_point(firm_gain_rows())
    # what fell and what rose in two panels, every bar to the right: longer is a larger change
    fell, rose = spec["vconcat"]
    assert (fell["title"], rose["title"]) == ("Lower after upgrading", "Higher after upgrading")
    for panel, axis in (
        (fell, "Reduction (% of the level before)"),
        (rose, "Increase (% over the level before)"),
    ):
        bars, ends = panel["layer"]
        enc = bars["encoding"]
        assert (enc["x"]["field"], enc["x"]["title"]) == ("size", axis)
        assert enc["x"]["scale"]["domain"][0] == 0
        assert enc["color"]["field"] == "claimed_by"
        assert enc["y"]["field"] == "label"
        assert ends["mark"]["align"] == "left" and ends["encoding"]["text"]["field"] == "value"
    (rows,) = spec["datasets"].values()  # one table behind the chart
    assert fell["layer"][0]["transform"] == [{"filter": "datum.fell == true"}]
    assert [r["label"] for r in rows] == [
        "energy use: Firm A (Ji'an)",
        "capacity: Firm B (Yudu County)",
    ]
    assert [r["size"] for r in rows] == [28.0, 300.0]
    assert [r["value"] for r in rows] == ["28% (2025)", "300% (as of 2024)"]
    assert [r["investment"] for r in rows] == ["2000万元", "not stated"]


def test_gains_point_counts_the_firms_own_claims():
    rows = firm_gain_rows()
    assert view.gains_point(rows) == (
        "Firms report cuts of 28% and rises of 300% after upgrading; 1 of the 2 figures "
        "are the firm's own claim."
    )
    assert view.gains_point(rows.iloc[[2]]) == ""


def test_gains_chart_and_table_without_rates():
    unrated = firm_gain_rows().iloc[[2]]
    assert view.gains_chart(unrated).data == "No achieved gain is a rate that can be charted."
    text = view.gains_markdown(unrated).data
    assert text.startswith(
        "| Region | Firm | Measured | Change | Status | Period | As stated | How | Claimed by | "
        "Investment behind it | Source | Quote |"
    )
    assert "| yield |  | achieved | Apr 2025 | after: 99% |" in text and "| not stated |" in text
    assert view.gains_markdown(unrated.iloc[:0]).data == "There is no firm-level gain to list."


def test_gains_markdown_signs_changes():
    lines = view.gains_markdown(firm_gain_rows()).data.splitlines()
    assert "| \\-28% | achieved | 2025 | cut 28% |" in lines[2] and "| 2000万元 |" in lines[2]
    assert "| \\+300% |" in lines[3] and "| not stated |" in lines[3]


def test_a_forecast_gain_is_listed_but_never_charted():
    rows = firm_gain_rows()
    rows.loc[1, "status"] = "forecast"
    spec = view.gains_chart(rows).to_dict()
    (drawn,) = spec["datasets"].values()
    assert [r["measure"] for r in drawn] == ["energy use"]
    assert len(spec["vconcat"]) == 1  # nothing rose: no empty panel
    assert "| forecast |" in view.gains_markdown(rows).data
