"""Read quantities as the corpus writes them: 50亿元, 近8000万元, 8%至15%, 第五, 1/5左右 …

The single entry point is :func:`parse_quantity`. It returns a :class:`Quantity` with the
number as written, the unit as written, the value in base units and a qualifier. Anything it
cannot read raises :class:`QuantityParseError` naming the text: it never returns NaN.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from lib.text.numerals import chinese_to_int

__all__ = [
    "BASE_UNITS",
    "QUALIFIERS",
    "UNITS",
    "Quantity",
    "QuantityParseError",
    "parse_quantity",
]

#: Qualifiers a quantity can carry.
QUALIFIERS = ("exact", "more_than", "over", "about", "range", "less_than", "at_least")

#: Units as written → (base unit, factor to the base unit). Longest spellings first matter
#: only for the regular expression, which is built sorted by length.
UNITS: dict[str, tuple[str, float]] = {
    "元": ("yuan", 1),
    "台套": ("unit", 1), "台": ("unit", 1), "颗": ("unit", 1), "片": ("unit", 1),
    "粒": ("unit", 1), "袋": ("unit", 1),
    "人次": ("person_time", 1),
    "人": ("count", 1), "名": ("count", 1), "家": ("count", 1), "户": ("count", 1),
    "个": ("count", 1), "项": ("count", 1), "支": ("count", 1), "条": ("count", 1),
    "场": ("count", 1), "所": ("count", 1), "套": ("count", 1), "件": ("count", 1),
    "篇": ("count", 1), "处": ("count", 1), "次": ("count", 1), "层": ("count", 1),
    "大": ("count", 1), "款": ("count", 1), "类": ("count", 1), "批": ("count", 1),
    "品规": ("count", 1), "位": ("rank", 1), "等次": ("rank", 1),
    "吨": ("ton", 1), "公顷": ("hectare", 1), "亩": ("hectare", 1 / 15),
    "毫米": ("mm", 1), "微米": ("mm", 1e-3), "公里": ("km", 1), "千米": ("km", 1),
    "kW": ("kilowatt", 1), "千瓦": ("kilowatt", 1),
    "年": ("year", 1), "周岁": ("year", 1), "个月": ("month", 1), "月": ("month", 1),
    "天": ("day", 1), "日": ("day", 1), "个小时": ("hour", 1), "小时": ("hour", 1),
    "分钟": ("minute", 1), "秒": ("second", 1),
    "倍": ("times", 1), "%": ("percent", 1), "％": ("percent", 1),
    "个百分点": ("percentage_point", 1), "百分点": ("percentage_point", 1),
}

#: Every base unit the parser can return.
BASE_UNITS = tuple(sorted({base for base, _ in UNITS.values()} | {"number", "rank"}))

_MULTIPLIERS: dict[str, float] = {
    "万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8,
    "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3, "百": 1e2,
}

_PREFIX_QUALIFIERS: dict[str, str] = {
    "近": "about", "约": "about", "大约": "about",
    "超过": "more_than", "超": "more_than", "突破": "more_than", "逾": "more_than",
    "不足": "less_than", "不到": "less_than", "至少": "at_least", "不低于": "at_least",
    "达到": "exact", "达": "exact", "连续": "exact",
}
_SUFFIX_QUALIFIERS: dict[str, str] = {
    "以上": "more_than", "左右": "about", "以下": "less_than", "以内": "less_than",
    "内": "less_than",
}


class QuantityParseError(ValueError):
    """Raised when a phrase is not a quantity the parser can read; the message shows it."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"cannot read quantity {text!r}: {reason}")
        self.text = text
        self.reason = reason


@dataclass(frozen=True)
class Quantity:
    """A quantity read from Chinese text.

    Attributes
    ----------
    text : str
        The phrase that was read (whitespace removed).
    value : float
        The number as written, before any multiplier (50 for ``50亿元``); the lower bound of
        a range.
    unit : str
        The unit as written, including its multiplier (``亿元``), or ``""``.
    value_base : float
        The value in ``base_unit`` (5e9 for ``50亿元``); the lower bound of a range.
    base_unit : str
        One of :data:`BASE_UNITS`.
    qualifier : str
        One of :data:`QUALIFIERS`.
    value_high : float or None
        Upper bound of a range, as written.
    value_base_high : float or None
        Upper bound of a range, in base units.
    """

    text: str
    value: float
    unit: str
    value_base: float
    base_unit: str
    qualifier: str = "exact"
    value_high: float | None = None
    value_base_high: float | None = None


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_CN = "零〇一二两三四五六七八九十百千"
_NUMBER = rf"(?:\d+(?:\.\d+)?|[{_CN}]+)"
_UNIT_RE = _alternation(UNITS)
_MULT_RE = _alternation(_MULTIPLIERS)
_OVER = r"(?:余|多)"

_SIMPLE = re.compile(
    rf"^(?P<pm>±)?(?P<num>{_NUMBER})?(?P<over1>{_OVER})?(?P<mult>{_MULT_RE})?"
    rf"(?P<mw>个(?={_OVER}))?(?P<over2>{_OVER})?(?P<unit>{_UNIT_RE})?$"
)
_FRACTION = re.compile(r"^(?P<num>\d+)/(?P<den>\d+)$")
_RANGE = re.compile(
    rf"^(?P<lo>{_NUMBER})(?P<lounit>{_UNIT_RE})?(?:至|到|—|–|-|~|～)(?P<hi>.+)$"
)
_RANK = re.compile(rf"^第(?P<num>{_NUMBER})(?P<unit>位|名|等次|方阵|梯队|家|个|批|条)?$")
_AWARD = re.compile(r"^(?P<num>[一二三四五六七八九十]+|\d+)等奖$")
_FIRST = re.compile(r"^首(?P<unit>位|条|单|个|家|批|款|台|次)$")


def _number(text: str, whole: str) -> float:
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    try:
        return float(chinese_to_int(text))
    except ValueError as exc:
        raise QuantityParseError(whole, str(exc)) from None


def _strip_qualifiers(text: str) -> tuple[str, str]:
    qualifier = "exact"
    for word in sorted(_PREFIX_QUALIFIERS, key=len, reverse=True):
        if text.startswith(word) and len(text) > len(word):
            qualifier, text = _PREFIX_QUALIFIERS[word], text[len(word):]
            break
    for word, meaning in _SUFFIX_QUALIFIERS.items():
        if text.endswith(word) and len(text) > len(word):
            text = text[: -len(word)]
            if qualifier == "exact":
                qualifier = meaning
            break
    return text, qualifier


def _simple(core: str, whole: str) -> Quantity:
    """Read a single (non-range) quantity with no prefix/suffix qualifier."""
    m = _AWARD.match(core)
    if m:  # 一等奖: first-grade award, a rank of 1
        value = _number(m["num"], whole)
        return Quantity(whole, value, "等奖", value, "rank")
    m = _FIRST.match(core)
    if m:  # 首位, 首条, 首单 …: "the first", a rank of 1
        return Quantity(whole, 1.0, m["unit"], 1.0, "rank")
    m = _RANK.match(core)
    if m:
        value = _number(m["num"], whole)
        return Quantity(whole, value, m["unit"] or "", value, "rank")
    m = _FRACTION.match(core)
    if m:
        den = int(m["den"])
        if den == 0:
            raise QuantityParseError(whole, "fraction with zero denominator")
        value = int(m["num"]) / den
        return Quantity(whole, value, "", value * 100, "percent")
    if core == "唯一":  # "the only one"
        return Quantity(whole, 1.0, "", 1.0, "number")
    m = _SIMPLE.match(core)
    if not m or not (m["num"] or (m["mult"] in ("万", "亿") and m["unit"])):
        raise QuantityParseError(whole, "no number followed by a known multiplier or unit")
    # "万吨冶炼项目": a bare 万/亿 before a unit means one 万/亿
    value = _number(m["num"], whole) if m["num"] else 1.0
    mult, unit = m["mult"] or "", m["unit"] or ""
    if mult and m["num"] and m["num"][-1] in "十百千" and not m["num"].isdigit():
        # "千亿": the numeral already ends in a small unit; the multiplier is 万/亿 only.
        if mult not in ("万", "亿"):
            raise QuantityParseError(whole, f"ambiguous multiplier {mult!r}")
    factor = _MULTIPLIERS.get(mult, 1.0)
    if unit:
        base_unit, unit_factor = UNITS[unit]
    elif mult in ("亿", "万亿", "千亿", "百亿"):
        # Money is the only thing the corpus counts in bare 亿 ("千亿园区", "百亿产业集群").
        base_unit, unit_factor = "yuan", 1.0
    elif mult:
        raise QuantityParseError(whole, f"multiplier {mult!r} without a unit")
    else:
        base_unit, unit_factor = "number", 1.0
    qualifier = "over" if (m["over1"] or m["over2"]) else "exact"
    written_unit = mult + (m["mw"] or "") + unit
    return Quantity(
        whole, value, written_unit, value * factor * unit_factor, base_unit, qualifier
    )


def parse_quantity(text: str) -> Quantity:
    """Read one quantity written the way the corpus writes it.

    Parameters
    ----------
    text : str
        The phrase, e.g. ``"50亿元"``, ``"近8000万元"``, ``"8%至15%"``, ``"2至3个月"``,
        ``"500余人"``, ``"2000余万元"``, ``"第五"``, ``"76位"``, ``"1/5左右"``,
        ``"±0.03毫米"``, ``"两个多小时"``, ``"12.8个百分点"``. Whitespace and line breaks
        inside it are ignored.

    Returns
    -------
    Quantity
        Value and unit as written, value in base units, base unit and qualifier.

    Raises
    ------
    QuantityParseError
        If the phrase is empty, has no number, has an unknown unit or trailing words, or
        is a range whose two ends have different units or run backwards.

    Examples
    --------
    >>> q = parse_quantity("突破50亿元")
    >>> (q.value, q.unit, q.value_base, q.base_unit, q.qualifier)
    (50.0, '亿元', 5000000000.0, 'yuan', 'more_than')
    >>> parse_quantity("8%至15%").value_base_high
    15.0
    """
    if not isinstance(text, str):
        raise QuantityParseError(repr(text), "not a string")
    whole = re.sub(r"\s+", "", text)
    if not whole:
        raise QuantityParseError(text, "empty text")
    core, qualifier = _strip_qualifiers(whole)

    m = _RANGE.match(core)
    if m and not _FRACTION.match(core):
        hi = _simple(m["hi"], whole)
        lo_text = m["lo"] + (m["lounit"] or hi.unit)
        lo = _simple(lo_text, whole)
        if lo.base_unit != hi.base_unit:
            raise QuantityParseError(whole, "range ends have different units")
        if lo.value_base > hi.value_base:
            raise QuantityParseError(whole, "range runs backwards")
        return Quantity(
            whole, lo.value, hi.unit, lo.value_base, hi.base_unit, "range",
            hi.value, hi.value_base,
        )

    q = _simple(core, whole)
    if qualifier == "exact":
        qualifier = q.qualifier
    if math.isnan(q.value_base):  # pragma: no cover - defensive: never return NaN
        raise QuantityParseError(whole, "not a number")
    return Quantity(whole, q.value, q.unit, q.value_base, q.base_unit, qualifier)
