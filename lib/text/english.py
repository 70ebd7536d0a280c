"""Quantities in English: the one way a number, a unit, a qualifier, a status and a period read.

``fmt_value(5e9, "yuan")`` → ``"5 billion yuan"``; a fact's value with its qualifier, both
bounds of a range (``"8–15%"``) and, when it did not happen, its status (``"forecast: more than
3.5 billion yuan"``): :func:`fact_value`. A period with what it covers and whether it is
inferred (``"Q1 2025"``, ``"total to end-Q1 2025"``, ``"2025†"``): :func:`fmt_period`. Charts
share :data:`SCALES` with prose so an axis in "billion yuan" and a sentence in billions never
disagree. Numbers are rounded half up, as a reader rounds (29.65亿元 is 2.97 billion).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

__all__ = [
    "CLAIMANT_EN",
    "GENRE_EN",
    "INFERRED_MARK",
    "INFERRED_NOTE",
    "QUALIFIER_EN",
    "SCALED_UNITS",
    "SCALES",
    "STATUS_EN",
    "counted",
    "fact_period",
    "fact_value",
    "fmt_number",
    "fmt_period",
    "fmt_range",
    "fmt_stated",
    "fmt_value",
    "significant",
]


def fmt_number(x: float, digits: int = 1) -> str:
    """A number for prose: thousands separators, at most *digits* decimals, no trailing 0.

    Rounds half up on the number as written in decimal (2.965 → ``"2.97"``), not on its binary
    approximation (which Python's ``format`` rounds to ``"2.96"``).
    """
    if float(x).is_integer():
        return f"{int(x):,}"
    rounded = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    text = f"{rounded:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def counted(n: float, noun: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: ``counted(1, "year")`` → ``"1 year"``.

    Parameters
    ----------
    n : float
        The count (written with :func:`fmt_number`).
    noun : str
        The singular.
    plural : str, optional
        The plural, when it is not the singular plus "s".

    Examples
    --------
    >>> counted(1, "year"), counted(3, "target"), counted(0, "city", "cities")
    ('1 year', '3 targets', '0 cities')
    """
    word = noun if n == 1 else (plural or noun + "s")
    return f"{fmt_number(n, 2)} {word}"


def significant(x: float, digits: int = 3) -> float:
    """*x* rounded to *digits* significant figures (half up): a derived figure shows no more
    precision than its inputs support (5 billion ÷ 150,000 is about 33,300, not 33,333.33).

    Examples
    --------
    >>> significant(33333.333), significant(0.012345, 2)
    (33300.0, 0.012)
    """
    if x == 0 or not pd.notna(x):
        return x
    d = Decimal(repr(float(x)))
    exponent = d.adjusted() - digits + 1
    return float(d.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP))


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


#: A figure's status in words (see ``lib.data.vocab.STATUSES``), what a value that did not
#: happen is prefixed with.
STATUS_EN = {
    "achieved": "",
    "signed": "signed (签约)",
    "started": "construction started (开工)",
    "completed": "construction completed (竣工)",
    "commissioned": "in production (投产)",
    "planned": "planned",
    "forecast": "forecast",
    "target": "target",
}


def _scale(value: float, base_unit: str) -> tuple[float, str]:
    """The divisor and word :func:`fmt_value` writes *value* with (``(1e9, "billion")``)."""
    if base_unit in SCALED_UNITS and abs(value) >= 1e6:
        for scale, word in SCALES:
            if abs(value) >= scale:
                return scale, word
    return 1.0, ""


def fmt_range(low: float, high: float, base_unit: str) -> str:
    """Both bounds of a range, the unit written once: ``8, 15, "percent"`` → ``"8–15%"``.

    The low end takes the high end's scale word; where that would print it as 0, both ends
    are written in full.

    Examples
    --------
    >>> fmt_range(3e6, 8e6, "yuan"), fmt_range(2, 3, "month"), fmt_range(5e7, 1e8, "yuan")
    ('3–8 million yuan', '2–3 months', '50–100 million yuan')
    """
    if base_unit == "rank":
        return f"{fmt_value(low, base_unit)}–{fmt_value(high, base_unit)}"
    scale, word = _scale(high, base_unit)
    if abs(low) and abs(low / scale) < 0.01:
        return f"{fmt_value(low, base_unit)} to {fmt_value(high, base_unit)}"
    unit = "%" if base_unit == "percent" else _UNITS_EN.get(base_unit, base_unit)
    numbers = f"{fmt_number(low / scale, 2)}–{fmt_number(high / scale, 2)}"
    if base_unit == "percent":
        return numbers + "%"
    return " ".join(x for x in (numbers, word, unit) if x)


def fact_value(row, with_status: bool = True) -> str:
    """A fact's value in plain English: qualifier, both bounds of a range, and its status.

    Parameters
    ----------
    row : mapping or pandas.Series
        With ``qualifier``, ``value_base``, ``base_unit``; for a range or vague magnitude
        ``value_base_high``; optionally ``status``.
    with_status : bool
        Prefix a value that did not happen with its status (``"forecast: …"``,
        ``"target: …"``, ``"signed (签约): …"``), so no page shows it as a result.

    Returns
    -------
    str
        ``"more than 5 billion yuan"``, ``"8–15%"``, ``"roughly 200–900"``,
        ``"forecast: more than 3.5 billion yuan"``.
    """
    high = row.get("value_base_high") if hasattr(row, "get") else None
    if row["qualifier"] in ("range", "vague") and high is not None and pd.notna(high):
        text = fmt_range(row["value_base"], high, row["base_unit"])
        text = f"{QUALIFIER_EN[row['qualifier']]} {text}".strip()
    else:
        text = fmt_stated(row["qualifier"], row["value_base"], row["base_unit"])
    status = row.get("status", "achieved") if hasattr(row, "get") else "achieved"
    if with_status and STATUS_EN.get(status):
        return f"{STATUS_EN[status]}: {text}"
    return text


#: Who makes a claim (``facts.csv`` ``attribution``), as it reads after "claimed by".
CLAIMANT_EN = {
    "article": "the article",
    "government": "an official",
    "firm": "the firm itself",
    "association": "an industry association or institute",
}
#: Who publishes a source (``sources.csv`` ``genre``), as it reads after "source 004, ".
GENRE_EN = {
    "government_publicity": "local-government publicity",
    "official_media_report": "an official newspaper's report",
    "independent_report": "an independent report",
    "government_work_report": "a government work report",
    "statistical_bulletin": "a statistical bulletin",
}


#: The mark of an inferred period, and the sentence that explains it once per page.
INFERRED_MARK = "†"
INFERRED_NOTE = (
    "† The period is inferred (from the article's date, or from words such as 目前 'now' or "
    "今年 'this year'): the source does not state it."
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _point(period: str) -> str:
    """A period as a point in time: ``2025Q1`` → ``"end-Q1 2025"``, ``2025-04`` → ``"Apr 2025"``."""
    if m := re.fullmatch(r"(\d{4})Q([1-4])", period):
        return f"end-Q{m[2]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})H([12])", period):
        return f"end-H{m[2]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", period):
        return f"{int(m[3])} {_MONTHS[int(m[2]) - 1]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", period):
        return f"{_MONTHS[int(m[2]) - 1]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})/(\d{4})", period):
        return m[2]
    return period


def fmt_period(period: str, period_type: str, basis: str = "stated") -> str:
    """A period in words, with what it covers, marked when inferred.

    Parameters
    ----------
    period : str
        ``YYYY``, ``YYYYH1``, ``YYYYQn``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY/YYYY`` or empty.
    period_type : str
        ``year``, ``half_year``, ``quarter``, ``month``, ``year_to_date``, ``cumulative``,
        ``stock``, ``event`` or ``span`` (``lib.data.vocab.PERIOD_TYPES``).
    basis : str
        ``stated``, ``inferred`` (marked with :data:`INFERRED_MARK`) or ``unknown``.

    Returns
    -------
    str
        ``"2024"``, ``"Q1 2025"``, ``"H1 2025"``, ``"Jan–Apr 2025"`` (year to date),
        ``"total to end-Q1 2025"`` (cumulative), ``"as of 2025†"`` (a stock, period inferred),
        ``"2021–2025"`` (a span); ``"not stated"`` for an empty period.

    Examples
    --------
    >>> fmt_period("2025Q1", "quarter"), fmt_period("2025Q1", "cumulative", "inferred")
    ('Q1 2025', 'total to end-Q1 2025†')
    """
    if not period:
        return "not stated"
    mark = INFERRED_MARK if basis == "inferred" else ""
    year = period[:4]
    if period_type == "quarter" and (m := re.fullmatch(r"(\d{4})Q([1-4])", period)):
        text = f"Q{m[2]} {m[1]}"
    elif period_type == "half_year" and (m := re.fullmatch(r"(\d{4})H([12])", period)):
        text = f"H{m[2]} {m[1]}"
    elif period_type == "month" and re.fullmatch(r"\d{4}-\d{2}", period):
        text = _point(period)
    elif period_type == "year_to_date":
        if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", period):
            text = f"Jan–{_MONTHS[int(m[2]) - 1]} {m[1]}"
        elif m := re.fullmatch(r"(\d{4})Q([1-4])", period):
            text = f"Jan–{_MONTHS[int(m[2]) * 3 - 1]} {m[1]}"
        else:
            text = f"{year} to date"
    elif period_type == "cumulative":
        text = f"total to {_point(period)}"
    elif period_type == "stock":
        text = f"as of {_point(period)}"
    elif period_type == "span" and (m := re.fullmatch(r"(\d{4})/(\d{4})", period)):
        text = f"{m[1]}–{m[2]}"
    elif period_type == "span":
        text = f"years to {_point(period)}"
    elif period_type == "event":
        text = _point(period)
    else:
        text = period if re.fullmatch(r"\d{4}", period) else _point(period)
    return text + mark


def fact_period(row) -> str:
    """:func:`fmt_period` of a fact row (``period``, ``period_type``, ``period_basis``)."""
    return fmt_period(row["period"], row["period_type"], row["period_basis"])
