"""Quantities in English: the one way a number, a unit and a qualifier read on a page.

``fmt_value(5e9, "yuan")`` → ``"5 billion yuan"``; a fact's value with its qualifier and, for
a range, both bounds: :func:`fact_value`. Charts share :data:`SCALES` with prose so an axis in
"billion yuan" and a sentence in billions never disagree.
"""

from __future__ import annotations

import pandas as pd

__all__ = [
    "QUALIFIER_EN",
    "SCALED_UNITS",
    "SCALES",
    "fact_value",
    "fmt_number",
    "fmt_stated",
    "fmt_value",
]


def fmt_number(x: float, digits: int = 1) -> str:
    """A number for prose: thousands separators, at most *digits* decimals, no trailing 0."""
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.{digits}f}".rstrip("0").rstrip(".")


#: Divisors and the words they print, largest first (prose and chart axes share them).
SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")]
#: Base units whose large values read better with a word from :data:`SCALES`.
SCALED_UNITS = ("yuan", "unit", "count", "ton", "person_time")
_UNITS_EN = {
    "yuan": "yuan",
    "percent": "%",
    "percentage_point": "percentage points",
    "times": "times",
    "count": "",
    "unit": "units",
    "hectare": "ha",
    "ton": "t",
    "mm": "mm",
    "kilowatt": "kW",
    "year": "years",
    "month": "months",
    "day": "days",
    "hour": "hours",
    "minute": "minutes",
    "second": "seconds",
    "km": "km",
    "person_time": "person-times",
    "rank": "",
    "number": "",
}


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
QUALIFIER_EN = {
    "exact": "",
    "more_than": "more than",
    "over": "over",
    "about": "about",
    "range": "",
    "less_than": "less than",
    "at_least": "at least",
    "at_most": "at most",
    "vague": "roughly",
}


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


def fact_value(row) -> str:
    """A fact's value in plain English, with its qualifier, and both bounds of a range.

    Parameters
    ----------
    row : mapping or pandas.Series
        With ``qualifier``, ``value_base``, ``base_unit`` and, for a range,
        ``value_base_high``.

    Returns
    -------
    str
        ``"more than 5 billion yuan"``, ``"8% to 15%"``.
    """
    high = row.get("value_base_high") if hasattr(row, "get") else None
    if row["qualifier"] in ("range", "vague") and high is not None and pd.notna(high):
        text = (
            f"{fmt_value(row['value_base'], row['base_unit'])} to "
            f"{fmt_value(high, row['base_unit'])}"
        )
        return f"{QUALIFIER_EN[row['qualifier']]} {text}".strip()
    return fmt_stated(row["qualifier"], row["value_base"], row["base_unit"])
