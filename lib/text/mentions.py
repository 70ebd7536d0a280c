"""Find every quantity a Chinese text mentions: the first step of adding a source.

:func:`find_mentions` scans a text for phrases :func:`lib.text.quantities.parse_quantity` can
read (``突破50亿元``, ``8%至15%``, ``两三千人``, ``第五``, ``三大``) and returns each with its
sentence, so that a reviewer sees every candidate figure once, in context. Dates are not
quantities: a year (``2024年``), a month (``3月``) or a day (``1日``) is skipped, and a year
range (``2021—2025年``) too. A Chinese numeral with no unit (``一`` of ``统一``) is not a
mention; ``第一`` (a rank) and ``唯一`` are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.text.quantities import Quantity, QuantityParseError, parse_quantity

__all__ = ["Mention", "find_mentions", "firm_names", "sentence_spans"]

_MAX_LEN = 24  # the longest phrase tried (100万元（含）以上 is 11 characters)
_DIGITS = "0123456789０１２３４５６７８９"
_CN = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十百千拾佰仟万亿几数"
# words that open a quantity phrase as written (qualifiers that are not "exact", ranks, ±)
_OPENERS = (
    "将近",
    "接近",
    "大约",
    "超过",
    "不足",
    "不到",
    "少于",
    "低于",
    "多于",
    "高于",
    "至少",
    "不低于",
    "不少于",
    "最少",
    "不超过",
    "不高于",
    "不多于",
    "最多",
    "至多",
    "近",
    "约",
    "超",
    "突破",
    "逾",
    "连续",
    "第",
    "首",
    "唯一",
    "±",
    "上千",
    "上万",
    "上百",
    "上亿",
    "成百上千",
    "成千上万",
    "百分之",
    "千分之",
    "翻",
)
_SENTENCE_END = re.compile(r"[。！？!?；]+[”’」』）)]*|\n+")
_DATE_UNITS = {"月", "日"}


@dataclass(frozen=True)
class Mention:
    """A quantity phrase found in a text.

    Attributes
    ----------
    start, end : int
        Offsets of the phrase in the text searched.
    value_text : str
        The phrase as written.
    quantity : lib.text.quantities.Quantity
        The parser's reading of it.
    sentence_start, sentence_end : int
        Offsets of the sentence holding the phrase.
    """

    start: int
    end: int
    value_text: str
    quantity: Quantity
    sentence_start: int
    sentence_end: int


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split *text* into sentences: ``(start, end)`` offsets, ends after 。！？； or a line break.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of tuple of int
        Spans covering every non-blank stretch of *text*, leading whitespace excluded.

    Examples
    --------
    >>> sentence_spans("甲。乙！")
    [(0, 2), (2, 4)]
    """
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if not m.group().startswith("\n") else m.start()
        if text[start:end].strip():
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            spans.append((start + lead, end))
        start = m.end()
    if text[start:].strip():
        lead = len(text[start:]) - len(text[start:].lstrip())
        spans.append((start + lead, len(text.rstrip())))
    return spans


def _opener_at(text: str, i: int) -> bool:
    ch = text[i]
    return ch in _DIGITS or ch in _CN or any(text.startswith(w, i) for w in _OPENERS)


def _is_mention(q: Quantity, phrase: str, after: str) -> bool:
    """Whether a reading is a figure worth a reviewer's look (not a date, not a bare numeral)."""
    if after and (after in _DIGITS or after in ".．%％" or (after in _CN and phrase[-1] in _CN)):
        return False  # the phrase stops inside a longer number
    if q.base_unit == "year" and q.unit == "年" and q.value >= 1900:
        return False  # a year, or a range of years
    if q.unit in _DATE_UNITS:
        return False  # 3月, 1日: a date
    if q.base_unit == "number":
        return phrase in ("唯一",) or phrase.endswith("亿")
    return True


def find_mentions(text: str) -> list[Mention]:
    """Every quantity phrase of *text*, left to right, each the longest phrase that reads.

    Parameters
    ----------
    text : str
        Normalised text (line breaks inside sentences joined, see
        :func:`lib.text.normalise.normalise`).

    Returns
    -------
    list of Mention
        Non-overlapping, in text order.

    Examples
    --------
    >>> [m.value_text for m in find_mentions("2024年，总产值突破50亿元，同比增长16.4%。")]
    ['突破50亿元', '16.4%']
    """
    sentences = sentence_spans(text)
    out: list[Mention] = []
    i, n = 0, len(text)
    while i < n:
        if not _opener_at(text, i) or (i and text[i - 1] in _DIGITS):
            i += 1
            continue
        found = None
        for j in range(min(n, i + _MAX_LEN), i, -1):
            phrase = text[i:j]
            if phrase[-1].isspace() or "\n" in phrase:
                continue
            try:
                q = parse_quantity(phrase)
            except QuantityParseError:
                continue
            if _is_mention(q, phrase, text[j] if j < n else ""):
                found = (j, q)
            break
        if found is None:
            i += 1
            continue
        j, q = found
        s, e = next(((s, e) for s, e in sentences if s <= i < e), (i, j))
        out.append(Mention(i, j, text[i:j], q, s, max(e, j)))
        i = j
    return out


_FIRM = re.compile(r"[\u4e00-\u9fff（）()]{2,24}?(?:股份有限公司|有限责任公司|有限公司)")
# words after which a firm's name starts: 位于赣县区的江西浩金欧博科技股份有限公司
_BEFORE_NAME = re.compile(r".*(?:的|在|于|与|和|及|为|是|到|对|由|家|子公司|走进)")


def firm_names(text: str) -> list[str]:
    """The registered names of firms a text mentions (``…有限公司``), in order, once each.

    The name starts after the last word that cannot be part of it (的, 在, 于, 与 …), so
    ``位于赣县区的江西浩金欧博科技股份有限公司`` gives ``江西浩金欧博科技股份有限公司``.

    Parameters
    ----------
    text : str
        Normalised text.

    Returns
    -------
    list of str

    Examples
    --------
    >>> firm_names("走进位于信丰县的赣州科视光学科技有限公司，在吉安生益电子有限公司")
    ['赣州科视光学科技有限公司', '吉安生益电子有限公司']
    """
    out: list[str] = []
    for m in _FIRM.finditer(text):
        name = m.group()
        head = _BEFORE_NAME.match(name[: -len("有限公司")])
        if head:
            name = name[head.end() :]
        if len(name) > len("有限公司") + 1 and name not in out:
            out.append(name)
    return out
