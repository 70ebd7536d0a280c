"""Periods of facts (``YYYY``, ``YYYYH1``, ``YYYYQn``, ``YYYY-MM``, ``YYYY/YYYY``) in years."""

from __future__ import annotations

import re

__all__ = ["period_year"]


def period_year(period: str) -> float | None:
    """The point in time a period ends, in years: ``"2024"`` → 2024.0.

    A year ends at its own number, so the span from ``"2024"`` to ``"2027"`` is three
    years; a quarter, half-year or month ends at its fraction of the year (``"2025Q1"`` →
    2024.25, ``"2025H1"`` → 2024.5); a span ``"2022/2024"`` ends at its last year.

    Parameters
    ----------
    period : str
        ``YYYY``, ``YYYYH1``/``YYYYH2``, ``YYYYQn``, ``YYYY-MM``, ``YYYY-MM-DD``,
        ``YYYY/YYYY`` (every form ``facts.csv`` allows) or empty.

    Returns
    -------
    float or None
        None for an empty period.

    Examples
    --------
    >>> period_year("2025Q2"), period_year("2022/2024"), period_year("")
    (2024.5, 2024.0, None)
    """
    if not period:
        return None
    if m := re.fullmatch(r"\d{4}/(\d{4})", period):
        return float(m.group(1))
    if m := re.fullmatch(r"(\d{4})Q([1-4])", period):
        return int(m.group(1)) - 1 + int(m.group(2)) / 4
    if m := re.fullmatch(r"(\d{4})H([12])", period):
        return int(m.group(1)) - 1 + int(m.group(2)) / 2
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", period):
        return int(m.group(1)) - 1 + int(m.group(2)) / 12
    if re.fullmatch(r"\d{4}", period):
        return float(period)
    raise ValueError(f"not a period: {period!r}")
