"""Quantities in English: one qualifier vocabulary, one value format."""

import math

from lib.text.english import QUALIFIER_EN, fact_value, fmt_stated, fmt_value
from lib.text.quantities import QUALIFIERS, parse_quantity


def test_every_qualifier_the_parser_returns_has_its_english():
    assert set(QUALIFIER_EN) == set(QUALIFIERS)


def test_values_read_in_words_with_scales():
    assert fmt_value(5e9, "yuan") == "5 billion yuan"
    assert fmt_value(62.33, "percent") == "62.33%"
    assert fmt_value(3, "rank") == "3rd" and fmt_value(11, "rank") == "11th"
    assert fmt_stated("more_than", 5e9, "yuan") == "more than 5 billion yuan"


def test_a_fact_value_keeps_both_bounds_of_a_range_and_of_a_vague_magnitude():
    def value(text):
        q = parse_quantity(text)
        return fact_value(
            {
                "qualifier": q.qualifier,
                "value_base": q.value_base,
                "base_unit": q.base_unit,
                "value_base_high": math.nan if q.value_base_high is None else q.value_base_high,
            }
        )

    assert value("8%至15%") == "8–15%"
    assert value("数百家") == "roughly 200–900"
    assert value("突破50亿元") == "more than 5 billion yuan"
    assert value("不超过3亿元") == "at most 300 million yuan"
