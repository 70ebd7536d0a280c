"""Text for the reader: escaped Markdown, tables, numbers and quotes.

Everything that comes from data (quotes, names, notes) passes through :func:`md_escape`
before it reaches a page, so a quote containing ``<script>`` shows as text.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["QUALIFIER_EN", "SCALED_UNITS", "SCALES", "fmt_number", "fmt_stated", "fmt_value", "md_escape", "md_table"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$~])")


def md_escape(text: object) -> str:
    """Escape text for MyST Markdown: HTML is neutralised, Markdown syntax is literal.

    Parameters
    ----------
    text : object
        Converted with ``str``; None and NaN become ``""``.

    Returns
    -------
    str
        Safe to embed in Markdown: ``<``, ``>`` and ``&`` become entities, Markdown
        punctuation is backslash-escaped, and line breaks become spaces.

    Examples
    --------
    >>> md_escape("<script>alert(1)</script>")
    '&lt;script&gt;alert\\\\(1\\\\)&lt;/script&gt;'
    """
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    s = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return re.sub(r"\s*\n\s*", " ", s)


def md_table(frame: pd.DataFrame, escape: bool = True, raw_columns: tuple[str, ...] = ()) -> str:
    """A Markdown (pipe) table of *frame*, every cell escaped.

    Parameters
    ----------
    frame : pandas.DataFrame
    escape : bool
        Escape cells (default). Pass False only for cells the caller has built from
        escaped pieces (e.g. links).
    raw_columns : tuple of str
        Columns whose cells the caller has already built from escaped pieces (for
        example citation references); they are inserted as they are.

    Returns
    -------
    str
    """
    cols = [md_escape(c) for c in frame.columns]
    raw = [c in raw_columns or not escape for c in frame.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in frame.itertuples(index=False):
        cells = [str(v) if r else md_escape(v) for v, r in zip(row, raw)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def fmt_number(x: float, digits: int = 1) -> str:
    """A number for prose: thousands separators, at most *digits* decimals, no trailing 0."""
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.{digits}f}".rstrip("0").rstrip(".")


#: Divisors and the words they print, largest first (prose and chart axes share them).
SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")]
#: Base units whose large values read better with a word from :data:`SCALES`.
SCALED_UNITS = ("yuan", "unit", "count", "ton", "person_time")
_UNITS_EN = {"yuan": "yuan", "percent": "%", "percentage_point": "percentage points",
             "times": "times", "count": "", "unit": "units", "hectare": "ha", "ton": "t",
             "mm": "mm", "kilowatt": "kW", "year": "years", "month": "months", "day": "days",
             "hour": "hours", "minute": "minutes", "second": "seconds", "km": "km",
             "person_time": "person-times", "rank": "", "number": ""}


def fmt_value(value_base: float, base_unit: str) -> str:
    """A base-unit value in plain English: ``5e9, "yuan"`` → ``"5 billion yuan"``.

    Parameters
    ----------
    value_base : float
    base_unit : str

    Returns
    -------
    str
    """
    if base_unit == "rank":
        n = int(value_base)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if base_unit == "percent":
        return f"{fmt_number(value_base, 2)}%"
    unit = _UNITS_EN.get(base_unit, base_unit)
    if base_unit in SCALED_UNITS and abs(value_base) >= 1e6:
        for scale, word in SCALES:
            if abs(value_base) >= scale:
                return f"{fmt_number(value_base / scale, 2)} {word} {unit}".strip()
    return f"{fmt_number(value_base, 2)} {unit}".strip()


#: A fact's qualifier in English, as it reads before the value (a range reads "7.5 kW to …").
QUALIFIER_EN = {"exact": "", "more_than": "more than", "over": "over", "about": "about",
                "range": "", "less_than": "less than", "at_least": "at least"}


def fmt_stated(qualifier: str, value_base: float, base_unit: str) -> str:
    """A value with its qualifier: ``"more_than", 5e9, "yuan"`` → ``"more than 5 billion yuan"``.

    Parameters
    ----------
    qualifier : str
        One of :data:`QUALIFIER_EN`.
    value_base : float
    base_unit : str

    Returns
    -------
    str
    """
    return (QUALIFIER_EN[qualifier] + " " + fmt_value(value_base, base_unit)).strip()
