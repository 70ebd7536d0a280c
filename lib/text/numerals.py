"""Chinese numerals (一, 两, 十, 壹仟, 二点五 …) to numbers and back.

Reading rests on `cn2an <https://github.com/Ailln/cn2an>`_ in its *strict* mode, which reads
the standard forms correctly: plain (``一百零五``, ``三万五千``), financial (``叁仟伍佰``,
``壹亿贰仟万``), decimals (``二点五``, ``零点零五``) and ``十`` alone, and refuses malformed
ones (``五五``, ``一千零``, ``一点``). Strict mode refuses some forms that newspapers do
write, so :func:`chinese_to_number` rewrites these first, and refuses the ones cn2an's
*normal* mode would misread:

- ``两`` is the digit 2 where it stands alone or before 百/千/万/亿 (``两千``, ``两亿``);
  elsewhere (``十两``, ``两十``, ``二两``) it is not a numeral (normal mode reads ``二两`` as 22).
- ``〇`` is ``零``.
- A bare leading 百/千 means one hundred/thousand (``千亿``, ``百亿``).
- The spoken abbreviation of a last section (``三千五`` = 3500, ``一万五`` = 15 000,
  ``一百一`` = 110, ``一亿五`` = 150 000 000) gets its unit back.
- ``万零一千`` is read as ``万一千`` (a 零 that marks no gap).

Writing (:func:`int_to_chinese`) is the project's own: cn2an's writer drops a required 零
after 亿 (64 200 008 682 → ``六百四十二亿八千六百八十二``, which its own reader refuses).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "DIGITS",
    "FINANCIAL",
    "SMALL_UNITS",
    "chinese_to_int",
    "chinese_to_number",
    "int_to_chinese",
    "is_chinese_numeral",
]

#: Digit characters, plain and financial (大写), with their values.
DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
#: Units below 万, plain and financial.
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_LARGE_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
#: Plain character → financial (大写) character, as cheques and contracts write amounts.
FINANCIAL: dict[str, str] = dict(zip("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟"))

_ALL = set(DIGITS) | set(SMALL_UNITS) | set(_LARGE_UNITS) | {"点"}
_UNIT_CHARS = "十百千万亿拾佰仟"
# The unit a spoken abbreviation leaves out after each unit: 三千五 → 三千五百.
_NEXT_UNIT = {"百": "十", "佰": "拾", "千": "百", "仟": "佰", "万": "千", "亿": "千万"}
_ABBREVIATED = re.compile(r"(?<=[百千万亿佰仟])[一二三四五六七八九壹贰叁肆伍陆柒捌玖]$")


def is_chinese_numeral(text: str) -> bool:
    """Return True when *text* is a non-empty string of Chinese numeral characters.

    Parameters
    ----------
    text : str
        Candidate numeral, e.g. ``"三十"`` or ``"叁仟"``; ``点`` counts (``"二点五"``).

    Returns
    -------
    bool
        Whether every character is a digit, a unit or ``点`` (the numeral may still be
        malformed; :func:`chinese_to_number` decides).
    """
    return bool(text) and all(ch in _ALL for ch in text)


def _normalise(text: str) -> str:
    """Rewrite the forms cn2an's strict mode refuses but newspapers write (see module)."""
    for i, ch in enumerate(text):
        if ch == "两" and not (
            len(text) == 1 or (i + 1 < len(text) and text[i + 1] in "百千万亿佰仟")
        ):
            raise ValueError(f"两 is a numeral only alone or before 百/千/万/亿: {text!r}")
    text = text.replace("两", "二").replace("〇", "零")
    if text[0] in "百千佰仟":
        text = "一" + text
    if "点" not in text:
        text = re.sub(r"万零(?=[一二三四五六七八九壹贰叁肆伍陆柒捌玖][千仟])", "万", text)
        m = _ABBREVIATED.search(text)
        if m and len(text) > 1:
            text += _NEXT_UNIT[text[-2]]
    return text


@lru_cache(maxsize=4096)
def chinese_to_number(text: str) -> int | float:
    """Read a Chinese numeral, integer or decimal.

    Parameters
    ----------
    text : str
        A numeral such as ``"五"``, ``"两"``, ``"十"``, ``"一百零五"``, ``"三万五千"``,
        ``"千"``, ``"叁仟伍佰万"``, ``"二点五"`` or ``"一万五"``.

    Returns
    -------
    int or float
        An ``int`` for an integer numeral, a ``float`` for a decimal one.

    Raises
    ------
    ValueError
        If *text* has a character that is not part of a Chinese numeral, or is malformed
        (``"五五"``, ``"二二"``, ``"一千零"``, ``"一点"``, ``"十两"``).

    Examples
    --------
    >>> chinese_to_number("叁仟伍佰万")
    35000000
    >>> chinese_to_number("二点五")
    2.5
    """
    if not is_chinese_numeral(text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    from cn2an import cn2an  # imported on first use: building its tables takes ~0.2 s

    normal = _normalise(text)
    try:
        return cn2an(normal, "strict")
    except ValueError:
        raise ValueError(f"malformed Chinese numeral: {text!r}") from None


def chinese_to_int(text: str) -> int:
    """Read a Chinese integer numeral.

    Parameters
    ----------
    text : str
        A numeral such as ``"五"``, ``"两"``, ``"十一"``, ``"三十"``, ``"一百零五"``,
        ``"三万五千"``, ``"千"`` or ``"壹佰零伍"``.

    Returns
    -------
    int
        The number it denotes.

    Raises
    ------
    ValueError
        If *text* is not a well-formed integer numeral (``"五五"``, ``"二点五"``).

    Examples
    --------
    >>> chinese_to_int("两")
    2
    >>> chinese_to_int("三十")
    30
    >>> chinese_to_int("一百零五")
    105
    """
    if "点" in text:
        raise ValueError(f"not an integer numeral: {text!r}")
    return int(chinese_to_number(text))


def int_to_chinese(number: int, *, financial: bool = False) -> str:
    """Write a non-negative integer below 10**12 as a Chinese numeral.

    Parameters
    ----------
    number : int
        The number, ``0 <= number < 10**12``.
    financial : bool, optional
        Write the financial (大写) characters (``壹拾``, ``叁仟伍佰``) instead of the plain
        ones (default False); financial writing keeps the ``壹`` of ``壹拾``.

    Returns
    -------
    str
        The conventional form, e.g. ``"一百零五"``; ten to nineteen are written
        ``"十"`` … ``"十九"``.

    Raises
    ------
    ValueError
        If *number* is out of range.

    Examples
    --------
    >>> int_to_chinese(30)
    '三十'
    >>> int_to_chinese(100005)
    '十万零五'
    >>> int_to_chinese(35_000_000, financial=True)
    '叁仟伍佰万'
    """
    if not 0 <= number < 10**12:
        raise ValueError(f"out of range: {number}")
    if number == 0:
        return "零"
    digits = "零一二三四五六七八九"

    def section(n: int) -> str:
        out, zero = "", False
        for unit, value in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = n // value % 10
            if d:
                if zero and out:
                    out += "零"
                out += digits[d] + unit
                zero = False
            else:
                zero = True
        return out

    parts = [(number // 10**8, "亿"), (number // 10**4 % 10**4, "万"), (number % 10**4, "")]
    out, pending_zero = "", False
    for value, unit in parts:
        if value:
            if out and (pending_zero or value < 1000):
                out += "零"
            out += section(value) + unit
            pending_zero = False
        elif out:
            pending_zero = True
    if financial:
        return "".join(FINANCIAL.get(ch, ch) for ch in out)
    if out.startswith("一十"):
        out = out[1:]
    return out
