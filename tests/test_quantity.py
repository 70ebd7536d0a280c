"""The Chinese quantity parser, on real corpus phrases and generated ones."""

import math

import pytest
from hypothesis import given, strategies as st

from lib.text.numerals import chinese_to_int, int_to_chinese
from lib.text.quantities import BASE_UNITS, UNITS, QuantityParseError, parse_quantity

# (phrase as the corpus writes it, value, unit, value_base, base_unit, qualifier)
CORPUS = [
    ("50亿元", 50, "亿元", 5e9, "yuan", "exact"),
    ("突破50亿元", 50, "亿元", 5e9, "yuan", "more_than"),
    ("15万台", 15, "万台", 150_000, "unit", "exact"),
    ("30万台", 30, "万台", 300_000, "unit", "exact"),
    ("1106.10公顷", 1106.1, "公顷", 1106.1, "hectare", "exact"),
    ("949.21公顷", 949.21, "公顷", 949.21, "hectare", "exact"),
    ("近8000万元", 8000, "万元", 8e7, "yuan", "about"),
    ("超1亿元", 1, "亿元", 1e8, "yuan", "more_than"),
    ("500余人", 500, "人", 500, "count", "over"),
    ("100余名", 100, "名", 100, "count", "over"),
    ("2.6倍", 2.6, "倍", 2.6, "times", "exact"),
    ("44倍", 44, "倍", 44, "times", "exact"),
    ("±0.03毫米", 0.03, "毫米", 0.03, "mm", "exact"),
    ("0.3毫米", 0.3, "毫米", 0.3, "mm", "exact"),
    ("3000颗", 3000, "颗", 3000, "unit", "exact"),
    ("16.4%", 16.4, "%", 16.4, "percent", "exact"),
    ("第五", 5, "", 5, "rank", "exact"),
    ("76位", 76, "位", 76, "rank", "exact"),
    ("第56位", 56, "位", 56, "rank", "exact"),
    ("1/5左右", 0.2, "", 20, "percent", "about"),
    ("62.33%", 62.33, "%", 62.33, "percent", "exact"),
    ("740.62亿元", 740.62, "亿元", 7.4062e10, "yuan", "exact"),
    ("2000余万元", 2000, "万元", 2e7, "yuan", "over"),
    ("900多名", 900, "名", 900, "count", "over"),
    ("2000余家", 2000, "家", 2000, "count", "over"),
    ("60%以上", 60, "%", 60, "percent", "more_than"),
    ("25%以上", 25, "%", 25, "percent", "more_than"),
    ("8%以上", 8, "%", 8, "percent", "more_than"),
    ("30%左右", 30, "%", 30, "percent", "about"),
    ("12.8个百分点", 12.8, "个百分点", 12.8, "percentage_point", "exact"),
    ("1.5万吨", 1.5, "万吨", 15_000, "ton", "exact"),
    ("超10万吨", 10, "万吨", 100_000, "ton", "more_than"),
    ("2.3万人次", 2.3, "万人次", 23_000, "person_time", "exact"),
    ("1000余人次", 1000, "人次", 1000, "person_time", "over"),
    ("650亩", 650, "亩", 650 / 15, "hectare", "exact"),
    ("40微米", 40, "微米", 0.04, "mm", "exact"),
    ("355kW", 355, "kW", 355, "kilowatt", "exact"),
    ("7.5kW", 7.5, "kW", 7.5, "kilowatt", "exact"),
    ("8公里", 8, "公里", 8, "km", "exact"),
    ("不足3000元", 3000, "元", 3000, "yuan", "less_than"),
    ("突破355万元", 355, "万元", 3.55e6, "yuan", "more_than"),
    ("3.6万元", 3.6, "万元", 36_000, "yuan", "exact"),
    ("0.4亿元", 0.4, "亿元", 4e7, "yuan", "exact"),
    ("1亿支", 1, "亿支", 1e8, "count", "exact"),
    ("400吨", 400, "吨", 400, "ton", "exact"),
    ("100多台套", 100, "台套", 100, "unit", "over"),
    ("1.3万件", 1.3, "万件", 13_000, "count", "exact"),
    ("六条", 6, "条", 6, "count", "exact"),
    ("两个多小时", 2, "个小时", 2, "hour", "over"),
    ("三十年", 30, "年", 30, "year", "exact"),
    ("30多年", 30, "年", 30, "year", "over"),
    ("连续3年", 3, "年", 3, "year", "exact"),
    ("10周岁", 10, "周岁", 10, "year", "exact"),
    ("15分钟内", 15, "分钟", 15, "minute", "less_than"),
    ("首位", 1, "位", 1, "rank", "exact"),
    ("第一等次", 1, "等次", 1, "rank", "exact"),
    ("第一方阵", 1, "方阵", 1, "rank", "exact"),
    ("千亿", 1000, "亿", 1e11, "yuan", "exact"),
    ("百亿元", 100, "亿元", 1e10, "yuan", "exact"),
    ("万吨", 1, "万吨", 10_000, "ton", "exact"),
    ("三大", 3, "大", 3, "count", "exact"),
    ("190%", 190, "%", 190, "percent", "exact"),
    ("20.19%", 20.19, "%", 20.19, "percent", "exact"),
]


@pytest.mark.parametrize("text,value,unit,base,base_unit,qualifier", CORPUS)
def test_reads_corpus_phrases(text, value, unit, base, base_unit, qualifier):
    q = parse_quantity(text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.value_base == pytest.approx(base)
    assert q.base_unit == base_unit
    assert q.qualifier == qualifier


def test_corpus_cases_are_many():
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("text,lo,hi,base_unit", [
    ("8%至15%", 8, 15, "percent"),
    ("2至3个月", 2, 3, "month"),
    ("7.5kW至355kW", 7.5, 355, "kilowatt"),
    ("8%—15%", 8, 15, "percent"),
])
def test_ranges(text, lo, hi, base_unit):
    q = parse_quantity(text)
    assert (q.value_base, q.value_base_high, q.base_unit, q.qualifier) == (lo, hi, base_unit, "range")


def test_line_breaks_inside_a_number_are_ignored():
    assert parse_quantity("1106.10公\n顷").value_base == pytest.approx(1106.1)
    assert parse_quantity(" 280亿\n元").value_base == 2.8e10


@pytest.mark.parametrize("text", ["", "abc", "亿", "50亿元xx", "15%至8%", "5五", "NaN", "8%至15年",
                                  "1/0", "二二"])
def test_unreadable_text_raises_and_shows_the_text(text):
    with pytest.raises(QuantityParseError) as info:
        parse_quantity(text)
    assert repr(text.strip()) in str(info.value) or repr(text) in str(info.value)


def test_non_string_raises():
    with pytest.raises(QuantityParseError):
        parse_quantity(None)  # type: ignore[arg-type]


# --- properties ---------------------------------------------------------------------

_MULT = {"": 1, "万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}
_UNITS_WITH_MULT = ["元", "台", "人", "家", "个", "吨", "亩", "公顷"]
numbers = st.one_of(st.integers(0, 99_999).map(str),
                    st.decimals(0, 9999, places=2, allow_nan=False).map(lambda d: f"{d:.2f}"))


@given(numbers, st.sampled_from(list(_MULT)), st.sampled_from(_UNITS_WITH_MULT))
def test_multiplier_times_unit(number, mult, unit):
    q = parse_quantity(number + mult + unit)
    base_unit, factor = UNITS[unit]
    assert q.base_unit == base_unit
    assert q.value == pytest.approx(float(number))
    assert q.value_base == pytest.approx(float(number) * _MULT[mult] * factor)
    assert q.unit == mult + unit
    assert not math.isnan(q.value_base)


@given(numbers, st.sampled_from(["近", "约", "超", "突破", "不足", "至少", ""]),
       st.sampled_from(["", "以上", "左右"]))
def test_qualifiers(number, prefix, suffix):
    q = parse_quantity(prefix + number + "万元" + suffix)
    expected = {"近": "about", "约": "about", "超": "more_than", "突破": "more_than",
                "不足": "less_than", "至少": "at_least"}.get(prefix) \
        or {"以上": "more_than", "左右": "about"}.get(suffix, "exact")
    assert q.qualifier == expected
    assert q.value_base == pytest.approx(float(number) * 1e4)


@given(st.integers(0, 10**12 - 1))
def test_chinese_numerals_round_trip(n):
    assert chinese_to_int(int_to_chinese(n)) == n


@given(st.integers(1, 99_999), st.sampled_from(["余", "多"]), st.sampled_from(["人", "家", "名"]))
def test_over_markers(n, marker, unit):
    q = parse_quantity(f"{n}{marker}{unit}")
    assert (q.value_base, q.qualifier, q.base_unit) == (n, "over", "count")


@given(st.integers(0, 500), st.integers(0, 500))
def test_ranges_are_ordered_or_rejected(a, b):
    text = f"{a}%至{b}%"
    if a <= b:
        q = parse_quantity(text)
        assert q.value_base <= q.value_base_high
    else:
        with pytest.raises(QuantityParseError):
            parse_quantity(text)


@given(st.text(min_size=1, max_size=8))
def test_never_returns_nan(text):
    try:
        q = parse_quantity(text)
    except QuantityParseError:
        return
    assert not math.isnan(q.value_base) and q.base_unit in BASE_UNITS


def test_chinese_numerals():
    assert [chinese_to_int(t) for t in ["两", "十", "十一", "三十", "百", "一百零五", "千", "三万五千"]] == \
        [2, 10, 11, 30, 100, 105, 1000, 35000]
