"""The overview chapter: the places compared, sources, where the places are, how real the
figures are, headline figures in the order of data/headlines.csv."""

from __future__ import annotations

import pytest

from lib.analysis.places import place_labels
from lib.chapters.overview import (
    facts_per_region,
    headline_tables,
    largest_levels,
    page_values,
    places_map,
    places_overview,
    source_table,
    status_counts,
    status_table,
)
from lib.present.citations import Citations

PLACES = ["360734", "360702", "360704", "360703", "360700", "360800"]


def rows(markdown: str) -> list[list[str]]:
    """The cells of a Markdown table's body rows (header and rule left out)."""
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in lines[2:]]


def test_page_values_name_the_place_with_most_facts(factbase):
    values = page_values(factbase)
    assert values["n_facts"] == len(factbase.facts) and values["n_sources"] == len(factbase.sources)
    most = factbase.facts.region_code.value_counts()
    assert (
        values["top_region"] == place_labels(factbase)[most.index[0]] == "章贡区 Zhanggong District"
    )
    assert values["top_region_facts"] == most.iloc[0]


def test_source_table_counts_every_fact_once(factbase):
    table = rows(source_table(factbase).data)
    assert [r[0] for r in table] == ["000", "001", "002", "003", "004"][: len(factbase.sources)]
    assert sum(int(r[-1]) for r in table) == len(factbase.facts)
    assert sum(int(r[3]) for r in table) == len(factbase.articles)


def test_facts_per_place_count_parks_for_their_place(factbase):
    per = facts_per_region(factbase)
    assert per.facts.sum() == len(factbase.facts)
    assert per.facts.is_monotonic_decreasing
    xunwu = per.set_index("code").loc["360734"]  # its two parks share its code
    assert xunwu.region == "寻乌县 Xunwu County" and xunwu.prefecture == "赣州市 Ganzhou"


def test_source_table_translates_every_title(factbase):
    text = source_table(factbase).data
    for art in factbase.articles.itertuples():
        assert f"{art.title_zh} ({art.title_en})" in text.replace("\\", "")


def test_places_table_leads_with_the_ranked_measures_and_cites_every_cell(factbase):
    cite = Citations(factbase.facts, "t")
    text = places_overview(factbase, PLACES, cite).data
    header = text.splitlines()[0]
    assert header.startswith("| Place | GDP | GDP growth | Industrial revenue")
    assert header.rstrip(" |").endswith("Headline target")
    body = rows(text)
    assert len(body) == len(PLACES)
    zhanggong = dict(zip([c.strip() for c in header.strip("|").split(" | ")], body[1]))
    assert zhanggong["GDP"].startswith("74\\.06 billion yuan \\(2024\\) {ref}")
    assert zhanggong["Leading clusters"].count("{ref}") == 3  # its three cluster revenues
    for row in body:
        for cell in row[1:]:  # every cell: a gap, or figures each with a citation
            assert cell == "—" or cell.count("{ref}") == cell.count("; ") + 1, cell
    assert len(cite) > 0
    # a place the table says nothing of is named under it
    assert "states none of these measures for 南康区 Nankang District" in text


def test_places_map_fills_counties_and_outlines_prefectures(factbase):
    spec = places_map(factbase, PLACES).to_dict()
    assert spec["title"] == (
        "The report profiles four counties and districts (filled) and Ganzhou and Ji'an "
        "whole (outlined)"
    )
    fills, outline, names = spec["layer"]
    filled = {
        f["properties"]["code"]: f["properties"]["category"]
        for f in fills["data"]["values"]["features"]
        if f["properties"]["category"]
    }
    assert filled["360734"].startswith("profiled") and filled["360730"].startswith("named")
    assert "360826" not in filled  # a county of Ji'an: the prefecture is outlined, not filled
    assert outline["mark"]["filled"] is False
    assert {f["properties"]["code"] for f in outline["data"]["values"]["features"]} == {
        "360700",
        "360800",
    }


def test_status_table_counts_every_fact_once(factbase):
    counts = status_counts(factbase.facts)
    assert counts.facts.sum() == len(factbase.facts)
    text = status_table(factbase).data
    assert len(rows(text)) == len(counts)
    assert "signed \\(签约\\)" in text and "achieved \\(a result\\)" in text


def test_headline_figures_follow_the_ranked_list(factbase):
    table = largest_levels(factbase, "360702", 50)
    assert list(table.indicator[:2]) == ["gdp", "above_scale_revenue"]
    assert not table.duplicated(["indicator", "entity", "period", "value_base"]).any()
    ranked = table["rank"].dropna()
    assert ranked.is_monotonic_increasing
    assert table["rank"].notna().iloc[: len(ranked)].all()  # unranked measures come last
    assert largest_levels(factbase, "360700", 1).indicator.iloc[0] == "gdp"
    assert len(largest_levels(factbase, "360702", 3)) == 3


def test_headline_tables_name_each_place_and_say_when_it_has_none(factbase):
    text = headline_tables(factbase, ["360734", "360722"], 2).data
    blocks = text.split("\n\n")
    assert blocks[0] == "**寻乌县 Xunwu County**" and len(rows(blocks[1])) == 2
    assert blocks[2:] == [
        "**信丰县 Xinfeng County**",
        "The corpus states no headline figure for this place.",
    ]
    with pytest.raises(ValueError, match="unknown region code '999999'"):
        headline_tables(factbase, ["999999"], 2)
