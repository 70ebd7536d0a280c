"""Talent and policy instruments: instrument matrix, platforms, like-for-like comparison, policy
terms and themes, and the tables and charts the chapter shows of them."""

import pandas as pd
import pytest

from lib.analysis.selection import select_facts
from lib.chapters import talent_policy as view
from lib.chapters.talent_policy import compare_regions, instrument_matrix, platform_levels


def fact(region, indicator, item, value, comparable=False, order=1, note="", state=""):
    return dict(
        region=region,
        region_code=region,
        indicator=indicator,
        item=item,
        order=order,
        value_base=value,
        base_unit="count",
        value_text=f"{value}个",
        entity="",
        comparable=comparable,
        group_note=f"def {indicator}",
        note=note,
        label_en=indicator.title(),
        fact_id=f"{region}-{indicator}",
        state=state,
    )


def test_compare_regions_splits_like_and_side():
    sel = pd.DataFrame(
        [
            fact("A", "national", "national", 9, comparable=True),
            fact("B", "national", "national", 4, comparable=True),
            fact("A", "teams", "teams", 6, note="招商团"),
            fact("B", "squads", "teams", 17),
            fact("A", "only_a", "only", 1, comparable=True),
            fact("B", "national_old", "national", 1, comparable=True, state="before"),
        ]
    )
    like, side = compare_regions(sel)
    assert set(like.fact_id) == {"A-national", "B-national"}
    assert list(side.Region) == ["A", "B"]
    assert list(side["What it measures"]) == ["招商团", "def squads"]


def test_instrument_matrix_has_a_column_per_region_with_figures():
    sel = pd.DataFrame(
        [
            fact("A", "teams", "teams", 6),
            fact("B", "funds", "funds", 2, order=2),
            fact("A", "squads", "teams", 5),
        ]
    )
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


# --- what the chapter's cells show ---------------------------------------------------------

ZHANGGONG, JIAN, GANZHOU, XUNWU, DAYU = "360702", "360800", "360700", "360734", "360723"


@pytest.fixture(scope="module")
def groups(factbase):
    return factbase.indicator_groups


def datasets(chart) -> list[list[dict]]:
    """The datasets of a chart's spec, in the order they appear."""
    return list(chart.to_dict()["datasets"].values())


def test_comparability_note_is_said_once_for_the_chapter():
    like = pd.DataFrame(
        [
            fact("A", "national", "national", 9, comparable=True),
            fact("B", "national", "national", 4, comparable=True),
            fact("A", "teams", "teams", 6),
        ]
    )
    text = view.comparability_note([like.iloc[[2]], like]).data
    assert text.startswith(
        "Measures stated on the same definition by two or more of the chosen regions:\n\n"
        "| Measure | Region | As written |"
    )
    assert "| National | A | 9个 |" in text and "| National | B | 4个 |" in text
    none = view.comparability_note([like.iloc[[2]], like.iloc[[0]]]).data
    assert none.startswith(
        "No measure in this chapter is stated on the same definition by two or more of the "
        "chosen regions, so no region is ranked against another."
    )


def test_side_by_side_lists_what_each_figure_measures():
    sel = pd.DataFrame(
        [fact("A", "teams", "teams", 6, note="招商团"), fact("B", "squads", "teams", 17)]
    )
    text = view.side_by_side(sel).data
    assert text.startswith(
        "Stated by several regions, but not on the same definition:\n\n"
        "| Item | Region | Figure | As written | What it measures |"
    )
    assert "| teams | A | Teams | 6个 | 招商团 |" in text
    # nothing to set side by side: nothing shown (the page says once how regions compare)
    assert view.side_by_side(sel.iloc[[0]]) is None


def test_talent_markdown_has_no_kind_column(factbase, groups):
    talent = select_facts(factbase, groups, "talent", [ZHANGGONG, XUNWU], 2025)
    text = view.talent_markdown(factbase, talent, [ZHANGGONG, XUNWU], 2025).data
    assert text.startswith(
        "| Region | Figure | Entity | Value | As written | Period | Source | Quote |"
    )
    assert text.endswith("No figures of this kind for 寻乌县 Xunwu County.")
    assert view.talent_markdown(factbase, talent.iloc[:0], [XUNWU], 2025).data == (
        "None of the chosen regions reports talent programmes by 2025."
    )


def test_platform_markdown(factbase, groups):
    plat = select_facts(factbase, groups, "platform", [ZHANGGONG, JIAN, XUNWU], 2025)
    text = view.platform_markdown(factbase, plat, [ZHANGGONG, JIAN, XUNWU], 2025).data
    assert text.startswith("| Region | Level | What is counted | Platforms | As written | Fact |")
    assert (
        "| 吉安市 Ji'an | provincial | Provincial enterprise technology centres | 111 | 111家 |"
        in text
    )
    assert text.endswith("No figures of this kind for 寻乌县 Xunwu County.")
    assert view.platform_markdown(factbase, plat.iloc[:0], [XUNWU], 2024).data == (
        "None of the chosen regions counts research platforms by 2024."
    )


def test_ladder_markdown_and_chart(factbase, groups):
    ladder = select_facts(factbase, groups, "ladder", [ZHANGGONG, GANZHOU, JIAN], 2025)
    text = view.ladder_markdown(factbase, ladder, [ZHANGGONG, GANZHOU, JIAN], 2025).data
    assert "| 赣州市 Ganzhou | technology\\-based SMEs |  | 1,711 | 1711家 | as of 2022† |" in text
    assert text.endswith("No figures of this kind for 吉安市 Ji'an.")
    chart = view.ladder_chart(ladder)
    spec = chart.to_dict()
    point = view.ladder_point(ladder)
    assert point == (
        "章贡区 Zhanggong District (2025): the ladder narrows from 111 innovative SMEs to 3 "
        "single champions."
    )
    assert " ".join(spec["title"]["text"]) == point
    assert spec["resolve"] == {"scale": {"x": "independent", "y": "independent"}}
    bars, labels = spec["spec"]["layer"]
    assert bars["encoding"]["y"]["sort"] == "-x"  # widest rung first
    assert bars["encoding"]["x"]["title"] == "Firms (count)"
    assert labels["encoding"]["text"]["field"] == "value_text"
    (rows,) = datasets(chart)
    # Zhanggong only (Ganzhou states two rungs, one of them a "before" figure); a figure
    # stated twice is drawn once
    assert {r["region"] for r in rows} == {"章贡区 Zhanggong District"}
    assert sorted(r["value_text"] for r in rows) == ["111家", "3家", "49家", "5家", "9家"]
    few = view.ladder_chart(ladder[ladder.region_code == GANZHOU]).data
    assert few == (
        "No chosen region states 3 or more rungs of the ladder, so none is drawn; the table "
        "above lists the figures."
    )
    assert view.ladder_point(ladder.iloc[:0]) == ""
    assert view.ladder_markdown(factbase, ladder.iloc[:0], [JIAN], 2025).data == (
        "None of the chosen regions reports ranked firms by 2025."
    )


def test_instrument_markdown_has_a_column_per_place(factbase, groups):
    inst = select_facts(factbase, groups, "instrument", [XUNWU, ZHANGGONG, DAYU], 2025)
    text = view.instrument_markdown(factbase, inst, [XUNWU, ZHANGGONG, DAYU], 2025).data
    assert text.startswith("| Instrument | 寻乌县 Xunwu County | 章贡区 Zhanggong District |\n")
    assert text.endswith("No figures of this kind for 大余县 Dayu County.")
    assert view.instrument_markdown(factbase, inst.iloc[:0], [DAYU], 2025).data == (
        "None of the chosen regions reports policy instruments by 2025."
    )


def test_article_texts_by_place_and_year(factbase):
    texts = view.article_texts(factbase, [XUNWU], 2025)
    assert list(texts.article_id) == ["000-1", "004-3"]
    assert texts.text.str.len().gt(100).all()
    none = view.article_texts(factbase, [XUNWU], 2020)
    assert none.empty and list(none.columns) == ["article_id", "text"]


def test_term_table_labels_articles_and_terms(factbase):
    freq = view.term_table(
        factbase, view.article_texts(factbase, [XUNWU], 2025), factbase.policy_terms
    )
    row = freq.set_index(["article_id", "term"]).loc[("000-1", "产业链")]
    assert row.article == "000-1 寻乌县 Xunwu County (2025)"
    assert row.title == "Xunwu's air-compressor cluster"
    assert row.term_label == "产业链 industrial chain"
    assert row.per_1000 == round(1000 * row["count"] / row.han_chars, 2) == 4.72


def term_rows():
    rows = []
    for art, counts in {"a1": [5, 1, 2, 3], "a2": [0, 0, 0, 0]}.items():
        for term, n in zip(["甲", "乙", "丙", "丁"], counts):
            rows.append(
                dict(
                    article_id=art,
                    term=term,
                    label_en=f"L{term}",
                    category="c",
                    count=n,
                    han_chars=1000,
                    per_1000=float(n),
                    article=f"{art} X",
                    title=f"T {art}",
                    term_label=f"{term} L",
                )
            )
    return pd.DataFrame(rows)


def theme_rows():
    """Two articles, three themes and the general terms: a2 stresses another theme."""
    rows = []
    counts = {"a1": [5, 1, 0, 9], "a2": [0, 4, 4, 1], "a3": [0, 0, 0, 2]}
    cats = ["one", "two", "three", "general"]
    for art, ns in counts.items():
        for i, (cat, n) in enumerate(zip(cats, ns)):
            rows.append(
                dict(
                    article_id=art,
                    term=f"t{i}",
                    label_en=f"l{i}",
                    category=cat,
                    count=n,
                    han_chars=500,
                    per_1000=2.0 * n,
                    article=f"{art} X",
                    title=f"T {art}",
                    term_label=f"t{i} l{i}",
                )
            )
    return pd.DataFrame(rows)


def test_term_themes_rates_and_leading_theme():
    themes = view.term_themes(theme_rows())
    assert list(themes.category.unique()) == ["one", "two", "three", "general"]
    row = themes.set_index(["article_id", "category"])
    assert row.loc[("a1", "one"), "per_1000"] == 10.0
    # general terms never lead; a tie goes to the vocabulary's earlier theme
    assert row.loc[("a1", "one"), "lead"] and not row.loc[("a1", "general"), "lead"]
    assert row.loc[("a2", "two"), "lead"] and not row.loc[("a2", "three"), "lead"]
    assert not themes[themes.article_id == "a3"].lead.any()


def test_terms_point_and_chart_spec():
    point = view.terms_point(theme_rows())
    assert point == (
        'Each of the 3 articles stresses its own policy theme: "one" and "two" lead in one '
        "each; 1 uses only general terms."
    )
    chart = view.terms_chart(theme_rows(), 2025)
    spec = chart.to_dict()
    assert " ".join(spec["title"]["text"]) == point
    heat, lead, text = spec["layer"]
    assert heat["mark"]["type"] == "rect" and text["mark"]["type"] == "text"
    assert lead["mark"]["stroke"] == "black"
    # themes across in vocabulary order, articles down; both axes titled
    assert heat["encoding"]["x"]["sort"] == ["one", "two", "three", "general"]
    assert heat["encoding"]["x"]["title"].startswith("Policy theme")
    assert heat["encoding"]["y"]["title"] == "Article (source-article, place, year)"
    color = heat["encoding"]["color"]
    assert color["condition"]["test"] == "datum.count > 0"
    assert color["condition"]["field"] == "per_1000" and color["value"] == "#ffffff"
    (everything,) = datasets(chart)  # one table behind the chart
    assert len(everything) == 12
    assert lead["transform"] == [{"filter": "datum.lead"}]
    assert sum(r["lead"] for r in everything) == 2
    assert view.terms_chart(theme_rows().iloc[:0], 2021).data == (
        "No article about the chosen regions was written by 2021."
    )
    assert view.terms_point(theme_rows().iloc[:0]) == ""


def test_terms_summary_keeps_three_terms_and_names_silent_articles():
    text = view.terms_summary(term_rows()).data
    assert text.startswith("| Article | Title | Han characters | Terms | Per 1,000 characters |")
    assert "| a1 X | T a1 | 1000 | 甲 L; 丁 L; 丙 L | 5; 3; 2 |" in text
    assert text.endswith("No term of the vocabulary occurs in: a2.")
    assert view.terms_summary(term_rows().iloc[:0]).data == "There is no article to summarise."
