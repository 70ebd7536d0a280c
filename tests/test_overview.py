"""The overview chapter: sources, facts per place, what they measure, largest levels."""

from __future__ import annotations

import pytest

from lib.analysis.places import place_labels
from lib.chapters.overview import (
    corpus_map,
    facts_chart,
    facts_per_region,
    headline_tables,
    largest_levels,
    page_values,
    source_table,
    theme_kind_chart,
)


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


def test_chart_and_map_colour_prefectures_alike(factbase):
    chart, located = facts_chart(factbase).to_dict(), corpus_map(factbase).to_dict()
    domain = chart["encoding"]["color"]["scale"]["domain"]
    assert domain == located["encoding"]["color"]["condition"]["scale"]["domain"]
    assert domain[0] == "赣州市 Ganzhou"  # the prefecture of the place with most facts
    bars = next(iter(chart["datasets"].values()))
    assert len(bars) == factbase.facts.region_code.nunique()
    filled = {
        f["properties"]["code"]: f["properties"]["category"]
        for f in located["data"]["values"]["features"]
        if f["properties"]["category"]
    }
    assert (
        filled["360734"] == "赣州市 Ganzhou" and filled["360826"] == "吉安市 Ji'an"
    )  # Ji'an whole
    assert set(filled.values()) == set(domain)


def test_theme_kind_chart_counts_every_fact(factbase):
    spec = theme_kind_chart(factbase).to_dict()
    cells = next(iter(spec["datasets"].values()))
    assert sum(c["facts"] for c in cells) == len(factbase.facts)
    assert not any("_" in c["theme"] for c in cells)
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "text"]


def test_largest_levels_put_money_first_and_count_a_figure_once(factbase):
    table = largest_levels(factbase, "360702", 50)
    assert 0 < len(table) <= 50
    assert not table.duplicated(["Indicator", "Entity", "Period"]).any()
    money = table.Value.str.endswith("yuan")
    assert money.any() and not (money.astype(int).diff() > 0).any()  # no yuan after a count
    assert len(largest_levels(factbase, "360702", 3)) == 3


def test_headline_tables_name_each_place_and_say_when_it_has_none(factbase):
    text = headline_tables(factbase, ["360734", "360722"], 2).data
    blocks = text.split("\n\n")
    assert blocks[0] == "**寻乌县 Xunwu County**" and len(rows(blocks[1])) == 2
    assert blocks[2:] == [
        "**信丰县 Xinfeng County**",
        "The corpus states no level figures for this place.",
    ]
    with pytest.raises(ValueError, match="unknown region code '999999'"):
        headline_tables(factbase, ["999999"], 2)
