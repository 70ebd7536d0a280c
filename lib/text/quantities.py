"""Read quantities as Chinese newspapers, work reports and statistical bulletins write them.

The single entry point is :func:`parse_quantity`. It returns a :class:`Quantity` with the
number as written, the unit as written, the value in base units, a qualifier and, for a
range or a vague magnitude, both bounds. Anything it cannot read raises
:class:`QuantityParseError` naming the text: it never returns NaN or infinity, and a low
bound is never above a high bound.

Numbers
    Arabic (``1106.10``), with thousands separators (``1,234.50``, full-width ``1，234.50``)
    and full-width digits (``１２．５％``); Chinese numerals, plain (``三万五千``),
    financial (``叁仟伍佰``), with ``两`` and ``〇``, decimals (``二点五``) and the spoken
    abbreviation (``一万五`` = 15 000), read by :func:`lib.text.numerals.chinese_to_number`
    (cn2an). A multiplier 万/亿 (and 百/千/千万/百万/百亿/千亿/万亿 after Arabic digits)
    belongs to the written unit: ``50亿元`` is 50 in ``亿元``. A Chinese numeral that
    itself ends in 万/亿 writes its last large unit as the multiplier: ``叁仟伍佰万元`` is
    3500 ``万元``, ``壹亿贰仟万元`` is 12000 ``万元`` (1.2e8 yuan), ``千亿`` is 1000 ``亿``.
    A bare 万/亿 before a unit is one of it (``万吨``). Money is the only thing counted in
    bare 亿: ``千亿`` and the colloquial ``三个亿`` (3 ``个亿``) are yuan.
Units
    :data:`UNITS` (written unit → base unit and factor); also ``百分之十五`` (15 percent),
    ``千分之五`` (0.5 percent), ``两成`` (20 percent), ``三成五`` (35 percent), and doubling:
    ``翻一番`` is 1 ``番`` = 2 times, ``翻两番`` 2 ``番`` = 4 times.
Ranges
    ``a`` + dash + ``b`` with 至, 到, —, ——, –, -, －, ~, ～ or 〜 and the unit written once
    (``3～5亿元``, ``五到六亿元``, ``3万-8万元``, ``百分之八至十五``) or twice
    (``3万元—8万元``); and adjacent digits (``两三千人`` 2000–3000, ``七八十家`` 70–80,
    ``三四个``, ``十五六个`` 15–16, and the idiom ``三五个`` 3–5). ``value`` and
    ``value_base`` are the low end, ``value_high`` and ``value_base_high`` the high end;
    ``value`` and ``value_high`` are both in the high end's written unit
    (``5000万元至1亿元`` is 0.5–1 ``亿元``).

Qualifiers (:data:`QUALIFIERS`)
    ``exact``
        A plain number (also after 达, 达到, 连续, 高达, 多达).
    ``more_than``
        超, 超过, 突破, 逾, 多于, 高于 before; 以上 after; ``以上(不含)``. Chinese legal
        usage counts a bare 以上 as inclusive, but news prose uses it loosely and the fact
        base reads it as ``more_than``; a text that says its bound is included
        (``（含）``, ``及以上``) is ``at_least``.
    ``over``
        余/多 after the number: ``500余人``, ``两个多小时``, ``翻一番多``.
    ``about``
        近, 约, 大约, 将近, 接近 before; 左右, 上下 after. ``近百家`` is about 100, like
        ``近8000万元``: the text names the number it approaches.
    ``range``
        The text writes both bounds (``8%至15%``, ``两三千人``).
    ``less_than``
        不足, 不到, 少于, 低于 before; 以下, 以内, 内, ``以下(不含)`` after.
    ``at_least``
        至少, 不低于, 不少于, 最少 before; ``(含)以上``, ``以上(含本数)``,
        ``以上（含100万元）``, ``及以上`` after.
    ``at_most``
        不超过, 不高于, 不多于, 最多, 至多 before; ``(含)以下``, ``以内(含)``,
        ``及以下`` after.
    ``vague``
        A vague magnitude: the text names an order of magnitude, not a number. The parser
        gives it the bounds the words allow, as a range, so that no reader of the fact
        base can take it for a count: ``value`` alone (the low bound) would understate it
        and any single "typical" value would be invented. 几/数 in the leading place is a
        digit from 2 to 9 (数 "several" means more than one; one would be written 百, 上百
        or 近百): ``数百家`` 200–900, ``几十亿元`` 20–90 亿元, ``数万人`` 2–9 万人,
        ``几个`` 2–9. 几/数 after a unit is a digit from 1 to 9, since the unit already
        counts one: ``十几个`` 11–19, ``二十几`` 21–29, ``一百几十`` 110–190. 上 + a
        magnitude ("reaching into the thousands") is one to nine of it: ``上千家``
        1000–9000 (ten thousand would be 上万), ``上亿元`` 1–9 亿元. ``成百上千`` is
        100–9000, ``成千上万`` 1000–90000.

A prefix qualifier wins over a suffix one, and both over 余/多; a range or a vague
magnitude keeps its own qualifier (``约3至5亿元`` is a range, ``近几十年`` vague).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from lib.text.numerals import DIGITS, chinese_to_int, chinese_to_number

__all__ = [
    "BASE_UNITS",
    "QUALIFIERS",
    "UNITS",
    "Quantity",
    "QuantityParseError",
    "parse_quantity",
]

#: Qualifiers a quantity can carry (the module docstring says what each means).
QUALIFIERS = (
    "exact",
    "more_than",
    "over",
    "about",
    "range",
    "less_than",
    "at_least",
    "at_most",
    "vague",
)

#: Units as written → (base unit, factor to the base unit). Longest spellings first matter
#: only for the regular expression, which is built sorted by length.
UNITS: dict[str, tuple[str, float]] = {
    "元": ("yuan", 1),
    "美元": ("usd", 1),
    "台套": ("unit", 1),
    "台": ("unit", 1),
    "颗": ("unit", 1),
    "片": ("unit", 1),
    "粒": ("unit", 1),
    "袋": ("unit", 1),
    "辆": ("unit", 1),
    "人次": ("person_time", 1),
    "人": ("count", 1),
    "名": ("count", 1),
    "家": ("count", 1),
    "户": ("count", 1),
    "个": ("count", 1),
    "项": ("count", 1),
    "支": ("count", 1),
    "条": ("count", 1),
    "场": ("count", 1),
    "所": ("count", 1),
    "套": ("count", 1),
    "件": ("count", 1),
    "篇": ("count", 1),
    "处": ("count", 1),
    "次": ("count", 1),
    "层": ("count", 1),
    "大": ("count", 1),
    "款": ("count", 1),
    "类": ("count", 1),
    "批": ("count", 1),
    "座": ("count", 1),
    "栋": ("count", 1),
    "品规": ("count", 1),
    "位": ("rank", 1),
    "等次": ("rank", 1),
    "吨": ("ton", 1),
    "公斤": ("ton", 1e-3),
    "千克": ("ton", 1e-3),
    "公顷": ("hectare", 1),
    "亩": ("hectare", 1 / 15),
    "平方米": ("hectare", 1e-4),
    "平方公里": ("hectare", 100),
    "毫米": ("mm", 1),
    "微米": ("mm", 1e-3),
    "公里": ("km", 1),
    "千米": ("km", 1),
    "kW": ("kilowatt", 1),
    "千瓦": ("kilowatt", 1),
    "千瓦时": ("kilowatt_hour", 1),
    "年": ("year", 1),
    "周岁": ("year", 1),
    "个月": ("month", 1),
    "月": ("month", 1),
    "天": ("day", 1),
    "日": ("day", 1),
    "个小时": ("hour", 1),
    "小时": ("hour", 1),
    "分钟": ("minute", 1),
    "秒": ("second", 1),
    "倍": ("times", 1),
    "%": ("percent", 1),
    "％": ("percent", 1),
    "成": ("percent", 10),
    "个百分点": ("percentage_point", 1),
    "百分点": ("percentage_point", 1),
}

#: Every base unit the parser can return.
BASE_UNITS = tuple(sorted({base for base, _ in UNITS.values()} | {"number", "rank"}))

_MULTIPLIERS: dict[str, float] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
}
# A Chinese numeral ending in one of these writes it as its multiplier (exact integers).
_LARGE: dict[str, int] = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
_MONEY_MULTIPLIERS = ("亿", "万亿", "千亿", "百亿")

_PREFIX_QUALIFIERS: dict[str, str] = {
    "近": "about",
    "约": "about",
    "大约": "about",
    "将近": "about",
    "接近": "about",
    "超过": "more_than",
    "超": "more_than",
    "突破": "more_than",
    "逾": "more_than",
    "多于": "more_than",
    "高于": "more_than",
    "不足": "less_than",
    "不到": "less_than",
    "少于": "less_than",
    "低于": "less_than",
    "至少": "at_least",
    "不低于": "at_least",
    "不少于": "at_least",
    "最少": "at_least",
    "不超过": "at_most",
    "不高于": "at_most",
    "不多于": "at_most",
    "最多": "at_most",
    "至多": "at_most",
    "达到": "exact",
    "达": "exact",
    "连续": "exact",
    "高达": "exact",
    "多达": "exact",
}
_SUFFIX_QUALIFIERS: dict[str, str] = {
    "及以上": "at_least",
    "及以下": "at_most",
    "以上": "more_than",
    "左右": "about",
    "上下": "about",
    "以下": "less_than",
    "以内": "less_than",
    "内": "less_than",
}
# A bound that says whether it includes its number: 100万元（含）以上, 以上（含本数）,
# 以下（不含100万元）. Matched after full-width brackets become ASCII ones.
_BOUND_RE = re.compile(
    r"(?<=.)(?:\((?P<neg1>不)?含[^()]*\)(?P<w1>以上|以下|以内)"
    r"|(?P<w2>以上|以下|以内)\((?P<neg2>不)?含[^()]*\))$"
)
_BOUNDS = {
    ("以上", True): "at_least",
    ("以下", True): "at_most",
    ("以内", True): "at_most",
    ("以上", False): "more_than",
    ("以下", False): "less_than",
    ("以内", False): "less_than",
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
        a range or vague magnitude.
    unit : str
        The unit as written, including its multiplier (``亿元``), or ``""``.
    value_base : float
        The value in ``base_unit`` (5e9 for ``50亿元``); the lower bound of a range.
    base_unit : str
        One of :data:`BASE_UNITS`.
    qualifier : str
        One of :data:`QUALIFIERS`.
    value_high : float or None
        Upper bound of a range or vague magnitude, as written (in ``unit``); else None.
    value_base_high : float or None
        Upper bound of a range or vague magnitude, in base units; else None.
    """

    text: str
    value: float
    unit: str
    value_base: float
    base_unit: str
    qualifier: str = "exact"
    value_high: float | None = None
    value_base_high: float | None = None


@dataclass(frozen=True)
class _Reading:
    """One quantity (a point or a vague magnitude) before qualifiers around it are applied.

    ``value * mult * unit_factor`` is the value in base units (in that order, so that the
    corpus's values stay bit for bit what they were); ``base`` overrides it where the base
    value is not proportional to the written one (翻两番 = × 4).
    """

    value: float
    value_high: float | None
    unit: str  # as written, multiplier included
    unit_word: str  # the unit without multiplier and measure word (元 of 万元)
    mult: float
    unit_factor: float
    base_unit: str
    qualifier: str
    base: float | None = None

    @property
    def factor(self) -> float:
        return self.mult * self.unit_factor

    def to_base(self, value: float) -> float:
        return self.base if self.base is not None else value * self.mult * self.unit_factor

    @property
    def top(self) -> float:
        """The high bound as written (the value itself for a point)."""
        return self.value if self.value_high is None else self.value_high

    def quantity(self, whole: str, qualifier: str) -> Quantity:
        high = self.value_high
        return Quantity(
            whole,
            self.value,
            self.unit,
            self.to_base(self.value),
            self.base_unit,
            qualifier,
            high,
            None if high is None else self.to_base(high),
        )


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_CN = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十百千拾佰仟万亿点几数"
_ARABIC = r"\d+(?:\.\d+)?"
_NUMBER = rf"(?:{_ARABIC}|[{_CN}]+)"
_UNIT_RE = _alternation(UNITS)
_MULT_RE = _alternation(_MULTIPLIERS)
_OVER = r"(?:余|多)"
_IDIOMS: dict[str, tuple[float, float]] = {
    "成百上千": (100.0, 9000.0),
    "成千上万": (1000.0, 90000.0),
}

_SIMPLE = re.compile(
    rf"^(?P<pm>±)?"
    rf"(?:(?P<idiom>{_alternation(_IDIOMS)})|(?P<up>上(?=[百千万亿]))?(?P<cn>[{_CN}]+)"
    rf"|(?P<ar>{_ARABIC}))?"
    rf"(?P<over1>{_OVER})?(?P<mult>{_MULT_RE})?(?P<mw>个(?=余|多|亿))?(?P<over2>{_OVER})?"
    rf"(?P<mult2>亿)?(?P<unit>{_UNIT_RE})?$"
)
_FRACTION = re.compile(r"^(?P<num>\d+)/(?P<den>\d+)$")
_PER = re.compile(rf"^(?P<pre>百分之|千分之)(?P<num>{_NUMBER})$")
_TENTHS = re.compile(rf"^(?P<num>{_NUMBER})成(?P<tenth>[一二三四五六七八九])(?P<over>{_OVER})?$")
_DOUBLING = re.compile(rf"^翻了?(?P<num>{_NUMBER})?番(?P<over>多)?$")
_DASHES = ("——", "—", "–", "－", "-", "~", "～", "〜", "至", "到")
_RANGE = re.compile(rf"^(?P<lo>.+?)(?:{_alternation(_DASHES)})(?P<hi>.+)$")
_RANK = re.compile(rf"^第(?P<num>{_NUMBER})(?P<unit>位|名|等次|方阵|梯队|家|个|批|条)?$")
_AWARD = re.compile(r"^(?P<num>[一二三四五六七八九十]+|\d+)等奖$")
_FIRST = re.compile(r"^首(?P<unit>位|条|单|个|家|批|款|台|次)$")
_PREFIX_RE = re.compile(rf"^(?P<q>{_alternation(_PREFIX_QUALIFIERS)})(?=.)")
_SUFFIX_RE = re.compile(rf"(?<=.)(?P<q>{_alternation(_SUFFIX_QUALIFIERS)})$")
_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:[,，]\d{3})+(?!\d)")
_WIDE = str.maketrans("０１２３４５６７８９．（）", "0123456789.()")

# Adjacent digits that write a range (两三千, 七八十); 三五 "three to five" is idiomatic.
_PAIRS = {(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (3, 5)}
_AFTER_UNIT = set("十百千万亿拾佰仟零")


def _exact_number(text: str, whole: str) -> float:
    """An exact number (Arabic, or a Chinese integer) for ranks and awards."""
    if text[0].isdigit():
        return float(text)
    try:
        return float(chinese_to_int(text))
    except ValueError as exc:
        raise QuantityParseError(whole, str(exc)) from None


def _variants(run: str, whole: str) -> tuple[str, str, str] | None:
    """Low and high numeral of a vague (几/数) or adjacent-digit (两三千) numeral, or None."""
    vague = [i for i, ch in enumerate(run) if ch in "几数"]
    if len(vague) > 1 or (vague and "点" in run):
        raise QuantityParseError(whole, "more than one vague digit, or a vague decimal")
    if vague:
        i = vague[0]
        if i == 0:
            low, high = "二", "九"
        elif run[i - 1] in _AFTER_UNIT:
            low, high = "一", "九"
        else:
            raise QuantityParseError(whole, f"a digit before {run[i]!r}")
        return run[:i] + low + run[i + 1 :], run[:i] + high + run[i + 1 :], "vague"
    if "点" in run:  # digits after 点 are positional, never a range
        return None
    for i in range(len(run) - 1):
        a, b = DIGITS.get(run[i]), DIGITS.get(run[i + 1])
        if a is not None and b is not None and (a, b) in _PAIRS:
            low = "二" if run[i] == "两" else run[i]  # 两三十: 两 pairs before any unit
            return run[:i] + low + run[i + 2 :], run[:i] + run[i + 1 :], "range"
    return None


def _read_chinese(run: str, up: bool, whole: str) -> tuple[float, float | None, str, str]:
    """Read a Chinese numeral run: (low, high or None, kind, trailing multiplier)."""
    mult = next((m for m in _LARGE if run.endswith(m)), "")
    head = run[: len(run) - len(mult)]
    if up:  # 上千: one to nine thousand
        lows, kind = (("一" + run, "九" + run), "vague")
    elif not head:  # 万吨: a bare 万 is one 万
        return 1.0, None, "bare", mult
    else:
        found = _variants(run, whole)
        lows, kind = ((found[0], found[1]), found[2]) if found else ((run,), "exact")

    def read(numeral: str) -> float:
        try:
            if "点" in numeral:  # 二点五亿: the decimal is the value, 亿 its multiplier
                return float(chinese_to_number(numeral[: len(numeral) - len(mult)]))
            # 壹亿贰仟万: the whole numeral, counted in its last large unit (12000 万)
            return (
                chinese_to_int(numeral) / _LARGE[mult] if mult else float(chinese_to_int(numeral))
            )
        except ValueError as exc:
            raise QuantityParseError(whole, str(exc)) from None

    values = [read(n) for n in lows]
    return values[0], (values[1] if len(values) > 1 else None), kind, mult


def _number(text: str, whole: str) -> tuple[float, float | None, str]:
    """A number without unit (Arabic or Chinese, maybe vague): (low, high, kind)."""
    if text[0].isdigit():
        return float(text), None, "exact"
    low, high, kind, mult = _read_chinese(text, False, whole)
    if mult:
        raise QuantityParseError(whole, f"multiplier {mult!r} where a plain number is due")
    return low, high, kind


def _special(core: str, whole: str) -> _Reading | None:
    """Ranks, awards, fractions, 百分之, 成, 翻番 and 唯一; None for anything else."""
    m = _AWARD.match(core)
    if m:  # 一等奖: first-grade award, a rank of 1
        return _Reading(
            _exact_number(m["num"], whole), None, "等奖", "等奖", 1.0, 1.0, "rank", "exact"
        )
    m = _FIRST.match(core)
    if m:  # 首位, 首条, 首单 …: "the first", a rank of 1
        return _Reading(1.0, None, m["unit"], m["unit"], 1.0, 1.0, "rank", "exact")
    m = _RANK.match(core)
    if m:
        unit = m["unit"] or ""
        return _Reading(_exact_number(m["num"], whole), None, unit, unit, 1.0, 1.0, "rank", "exact")
    m = _FRACTION.match(core)
    if m:
        den = int(m["den"])
        if den == 0:
            raise QuantityParseError(whole, "fraction with zero denominator")
        return _Reading(int(m["num"]) / den, None, "", "", 100.0, 1.0, "percent", "exact")
    if core == "唯一":  # "the only one"
        return _Reading(1.0, None, "", "", 1.0, 1.0, "number", "exact")
    m = _PER.match(core)
    if m:  # 百分之十五 = 15 percent; 千分之五 = 0.5 percent
        low, high, kind = _number(m["num"], whole)
        factor = 1.0 if m["pre"] == "百分之" else 0.1
        return _Reading(low, high, m["pre"], m["pre"], 1.0, factor, "percent", kind)
    m = _TENTHS.match(core)
    if m:  # 三成五 = 3.5 成 = 35 percent
        tenths = _exact_number(m["num"], whole) * 10 + DIGITS[m["tenth"]]
        return _Reading(
            tenths / 10,
            None,
            "成",
            "成",
            1.0,
            10.0,
            "percent",
            "over" if m["over"] else "exact",
            base=tenths,
        )
    m = _DOUBLING.match(core)
    if m:  # 翻一番 = × 2, 翻两番 = × 4
        n = _exact_number(m["num"], whole) if m["num"] else 1.0
        if n != int(n) or not 1 <= n <= 10:
            raise QuantityParseError(whole, "doubling (翻番) is counted in whole numbers 1 to 10")
        return _Reading(
            n, None, "番", "番", 1.0, 1.0, "times", "over" if m["over"] else "exact", base=2.0**n
        )
    return None


def _simple(core: str, whole: str) -> _Reading:
    """Read a single quantity (a point or a vague magnitude) with no prefix/suffix qualifier."""
    special = _special(core, whole)
    if special is not None:
        return special
    m = _SIMPLE.match(core)
    if not m:
        raise QuantityParseError(whole, "no number followed by a known multiplier or unit")
    unit = m["unit"] or ""
    high: float | None = None
    kind, run_mult = "exact", ""
    if m["idiom"]:
        value, high = _IDIOMS[m["idiom"]]
        kind = "vague"
    elif m["cn"]:
        value, high, kind, run_mult = _read_chinese(m["cn"], bool(m["up"]), whole)
        if kind == "bare" and not (run_mult in ("万", "亿") and unit and not m["mult"]):
            raise QuantityParseError(whole, "no number followed by a known multiplier or unit")
        if m["mult"] and (run_mult or m["mult"] not in ("万", "亿", "万亿")):
            raise QuantityParseError(whole, f"ambiguous multiplier {m['mult']!r}")
    elif m["ar"]:
        value = float(m["ar"])
    else:
        raise QuantityParseError(whole, "no number followed by a known multiplier or unit")
    if m["mult"] and m["mult2"]:
        raise QuantityParseError(whole, "two multipliers")
    mult = run_mult or m["mult"] or m["mult2"] or ""
    factor = _MULTIPLIERS.get(mult, 1.0)
    if unit:
        base_unit, unit_factor = UNITS[unit]
    elif mult in _MONEY_MULTIPLIERS:
        # Money is the only thing counted in bare 亿 ("千亿园区", "百亿产业集群", "三个亿").
        base_unit, unit_factor = "yuan", 1.0
    elif mult:
        raise QuantityParseError(whole, f"multiplier {mult!r} without a unit")
    else:
        base_unit, unit_factor = "number", 1.0
    if kind in ("exact", "bare"):
        kind = "over" if (m["over1"] or m["over2"]) else "exact"
    written = (run_mult or m["mult"] or "") + (m["mw"] or "") + (m["mult2"] or "") + unit
    return _Reading(value, high, written, unit, factor, unit_factor, base_unit, kind)


def _range(lo_text: str, hi_text: str, whole: str) -> Quantity:
    """Read ``lo`` + dash + ``hi``; the end that lacks a unit borrows the other's."""
    for prefix in ("百分之", "千分之"):  # a unit written before the number lends forwards
        if lo_text.startswith(prefix) and not hi_text.startswith(prefix):
            hi_text = prefix + hi_text
        elif hi_text.startswith(prefix) and not lo_text.startswith(prefix):
            lo_text = prefix + lo_text
    hi = _simple(hi_text, whole)
    m = _SIMPLE.match(lo_text)
    if m and not m["unit"] and _special(lo_text, whole) is None:
        multiplied = m["mult"] or m["mult2"] or (m["cn"] and m["cn"][-1] in "万亿")
        lo_text += hi.unit_word if multiplied else hi.unit
    lo = _simple(lo_text, whole)
    if lo.base_unit != hi.base_unit:
        raise QuantityParseError(whole, "range ends have different units")
    if lo.base is not None or hi.base is not None:
        raise QuantityParseError(whole, "a range of doublings (翻番) or tenths (成) is not read")
    low, high = lo.to_base(lo.value), hi.to_base(hi.top)
    if low > high:
        raise QuantityParseError(whole, "range runs backwards")
    vague = "vague" in (lo.qualifier, hi.qualifier)
    value = lo.value if lo.unit == hi.unit else low / hi.factor
    return Quantity(
        whole, value, hi.unit, low, hi.base_unit, "vague" if vague else "range", hi.top, high
    )


def _normalise(whole: str) -> str:
    """Full-width digits and brackets to ASCII; thousands separators removed."""
    text = whole.translate(_WIDE)
    if "," in text or "，" in text:
        text = _THOUSANDS.sub(lambda m: m[0].replace(",", "").replace("，", ""), text)
    return text


def parse_quantity(text: str) -> Quantity:
    """Read one quantity written the way Chinese news and official reports write it.

    Parameters
    ----------
    text : str
        The phrase, e.g. ``"50亿元"``, ``"近8000万元"``, ``"8%至15%"``, ``"2至3个月"``,
        ``"500余人"``, ``"2000余万元"``, ``"第五"``, ``"76位"``, ``"1/5左右"``,
        ``"±0.03毫米"``, ``"两个多小时"``, ``"12.8个百分点"``, ``"叁仟伍佰万元"``,
        ``"二点五亿元"``, ``"1,234.50万元"``, ``"3万元—8万元"``, ``"两三千人"``,
        ``"数百家"``, ``"三个亿"``, ``"100万元（含）以上"``, ``"百分之十五"``, ``"三成五"``,
        ``"翻两番"``. Whitespace and line breaks inside it are ignored. The module
        docstring lists the forms and what each qualifier means.

    Returns
    -------
    Quantity
        Value and unit as written, value in base units, base unit and qualifier; both
        bounds for a range or vague magnitude.

    Raises
    ------
    QuantityParseError
        If the phrase is empty, has no number, has an unknown unit or trailing words, has a
        malformed numeral, or is a range whose two ends have different units or run
        backwards.

    Examples
    --------
    >>> q = parse_quantity("突破50亿元")
    >>> (q.value, q.unit, q.value_base, q.base_unit, q.qualifier)
    (50.0, '亿元', 5000000000.0, 'yuan', 'more_than')
    >>> parse_quantity("8%至15%").value_base_high
    15.0
    >>> q = parse_quantity("数百家")
    >>> (q.value_base, q.value_base_high, q.qualifier)
    (200.0, 900.0, 'vague')
    """
    if not isinstance(text, str):
        raise QuantityParseError(repr(text), "not a string")
    whole = re.sub(r"\s+", "", text)
    if not whole:
        raise QuantityParseError(text, "empty text")
    core = _normalise(whole)
    m = _PREFIX_RE.match(core)
    prefix = _PREFIX_QUALIFIERS[m["q"]] if m else "exact"
    if m:
        core = core[m.end() :]
    m = _BOUND_RE.search(core) if ")" in core else None
    if m:
        word, excludes = m["w1"] or m["w2"], bool(m["neg1"] or m["neg2"])
        suffix, core = _BOUNDS[word, not excludes], core[: m.start()]
    else:
        m = _SUFFIX_RE.search(core)
        suffix = _SUFFIX_QUALIFIERS[m["q"]] if m else "exact"
        if m:
            core = core[: m.start()]

    m = _RANGE.match(core)
    if m:
        q = _range(m["lo"], m["hi"], whole)
    else:
        reading = _simple(core, whole)
        qualifier = reading.qualifier
        if qualifier not in ("range", "vague"):
            qualifier = prefix if prefix != "exact" else suffix if suffix != "exact" else qualifier
        q = reading.quantity(whole, qualifier)
    numbers = (q.value, q.value_base, q.value_high, q.value_base_high)
    if not all(x is None or math.isfinite(x) for x in numbers):
        raise QuantityParseError(whole, "not a finite number")
    return q
