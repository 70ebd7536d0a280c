"""Chinese numerals (一, 两, 十, 百, 千 …) to numbers and back."""

from __future__ import annotations

__all__ = ["DIGITS", "SMALL_UNITS", "chinese_to_int", "int_to_chinese", "is_chinese_numeral"]

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
_ALL = set(DIGITS) | set(SMALL_UNITS) | set(_LARGE_UNITS)


def is_chinese_numeral(text: str) -> bool:
    """Return True when *text* is a non-empty string of Chinese numeral characters.

    Parameters
    ----------
    text : str
        Candidate numeral, e.g. ``"三十"``.

    Returns
    -------
    bool
    """
    return bool(text) and all(ch in _ALL for ch in text)


def _section(text: str, whole: str) -> int:
    """Value of a section below 10 000 (digits with 十/百/千)."""
    total, digit = 0, None
    for ch in text:
        if ch in DIGITS:
            if digit is not None and digit != 0:
                raise ValueError(f"two digits in a row in Chinese numeral {whole!r}")
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            # 十 alone means 一十 (ten); 百/千 alone likewise mean one hundred/thousand.
            total += (1 if digit is None else digit) * unit
            digit = None
        else:  # pragma: no cover - guarded by caller
            raise ValueError(f"unexpected character {ch!r} in Chinese numeral {whole!r}")
    return total + (digit or 0)


def chinese_to_int(text: str) -> int:
    """Read a Chinese numeral.

    Parameters
    ----------
    text : str
        A numeral such as ``"五"``, ``"两"``, ``"十一"``, ``"三十"``, ``"一百零五"``,
        ``"三万五千"`` or ``"千"``.

    Returns
    -------
    int
        The number it denotes.

    Raises
    ------
    ValueError
        If *text* contains anything that is not a Chinese numeral character, or is
        malformed (e.g. two digits in a row such as ``"五五"``).

    Examples
    --------
    >>> chinese_to_int("两")
    2
    >>> chinese_to_int("三十")
    30
    >>> chinese_to_int("一百零五")
    105
    """
    if not is_chinese_numeral(text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, rest = 0, text
    for large, factor in (("亿", _LARGE_UNITS["亿"]), ("万", _LARGE_UNITS["万"])):
        if large in rest:
            head, rest = rest.split(large, 1)
            total += (_section(head, text) if head else 1) * factor
    return total + _section(rest, text)


def int_to_chinese(number: int) -> str:
    """Write a non-negative integer below 10**12 as a Chinese numeral.

    Parameters
    ----------
    number : int
        The number, ``0 <= number < 10**12``.

    Returns
    -------
    str
        The conventional form, e.g. ``"一百零五"``; ten to nineteen are written
        ``"十"`` … ``"十九"``.

    Examples
    --------
    >>> int_to_chinese(30)
    '三十'
    >>> int_to_chinese(100005)
    '十万零五'
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
    if out.startswith("一十"):
        out = out[1:]
    return out
