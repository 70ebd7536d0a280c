"""Stated targets beside their bases: the growth they require, and scenarios towards them.

A *target* is a fact of kind ``target``. Statements of the same target (a slogan repeated in a
headline, a lead and a quote) count as one. Its *base* is the level it is measured from:

* the pairing in ``data/target_bases.csv`` when there is one. That file also says whether
  base and target measure the same thing (``same``), different things (``different_measure``:
  sales against production, output value against above-scale revenue) or different areas
  (``different_scope``: a district against a park), and may name the growth rate the corpus
  reports for the measure;
* otherwise the latest level of the same indicator, region and entity stated before the
  target's year (``same``), and the growth fact of the indicator ``<indicator>_growth``.

Targets with no year take a *horizon* year (a parameter of the chapter) and say so.

The arithmetic: the required annual growth from base ``B`` in year ``y0`` to target ``T``
in year ``y1`` is ``(T / B) ** (1 / (y1 - y0)) - 1``; shares are compared in percentage
points instead, and spans shorter than a year are not annualised.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from lib.data.factbase import FactBase
from lib.data.periods import period_year
from lib.text.english import fact_period

__all__ = [
    "check_horizon",
    "check_rates",
    "project",
    "required_growth",
    "target_table",
    "years_to_reach",
]

_LEVEL_KINDS = ("level", "share", "capacity")


def required_growth(base: float, target: float, years: float) -> float:
    """Annual growth (percent) that takes *base* to *target* in *years*.

    Parameters
    ----------
    base, target : float
        Positive levels in the same unit.
    years : float
        Positive number of years.

    Returns
    -------
    float
        ``((target / base) ** (1 / years) - 1) * 100``; negative when the target is below
        the base.

    Raises
    ------
    ValueError
        For a non-positive base, target or span.

    Examples
    --------
    >>> round(required_growth(22, 32, 3), 2)
    13.3
    """
    if base <= 0 or target <= 0:
        raise ValueError(f"levels must be positive to compound, got base={base}, target={target}")
    if years <= 0:
        raise ValueError(f"the target must lie after the base, got a span of {years} years")
    return ((target / base) ** (1 / years) - 1) * 100


def years_to_reach(base: float, target: float, rate: float) -> float:
    """Years it takes *base* to reach *target* growing *rate* percent a year.

    Returns
    -------
    float
        0 when the base already reaches the target; ``inf`` when the rate never gets there.

    Examples
    --------
    >>> round(years_to_reach(410e8, 1000e8, 10), 1)
    9.4
    """
    if base <= 0 or target <= 0:
        raise ValueError(f"levels must be positive to compound, got base={base}, target={target}")
    if base >= target:
        return 0.0
    if rate <= 0:
        return math.inf
    return math.log(target / base) / math.log(1 + rate / 100)


def project(base: float, base_year: int, rates: Mapping[str, float], until: int) -> pd.DataFrame:
    """Compound *base* from *base_year* to *until* under each named annual rate.

    Parameters
    ----------
    base : float
    base_year, until : int
    rates : mapping
        Scenario name → annual growth in percent, e.g. ``{"low": 5, "central": 10}``.

    Returns
    -------
    pandas.DataFrame
        ``scenario``, ``rate``, ``year``, ``value``: one row per scenario and year, the
        base year included.
    """
    if until < base_year:
        raise ValueError(f"cannot project backwards from {base_year} to {until}")
    years = np.arange(base_year, until + 1)
    return pd.DataFrame(
        [
            {
                "scenario": name,
                "rate": rate,
                "year": int(y),
                "value": base * (1 + rate / 100) ** (y - base_year),
            }
            for name, rate in rates.items()
            for y in years
        ]
    )


def check_rates(rates: Mapping[str, float]) -> dict[str, float]:
    """Validate scenario growth rates (percent a year): above -100, in increasing order.

    Raises
    ------
    ValueError
        Naming the offending scenario.
    """
    out = {}
    for name, rate in rates.items():
        if not isinstance(rate, (int, float)) or isinstance(rate, bool) or not math.isfinite(rate):
            raise ValueError(
                f"growth rate {name!r} must be a number (percent a year), got {rate!r}"
            )
        if rate <= -100:
            raise ValueError(
                f"growth rate {name!r} must be above -100 (percent a year), got {rate}"
            )
        out[name] = float(rate)
    values = list(out.values())
    if values != sorted(values):
        raise ValueError(f"scenario rates must increase in the order given, got {out}")
    return out


def check_horizon(horizon_year: int, fb: FactBase) -> int:
    """Validate the horizon year for targets that state none: after every stated level.

    Raises
    ------
    ValueError
        If it is not a year after every base in the corpus.
    """
    stated = fb.facts.period[fb.facts.status == "achieved"]
    latest = max(y for y in map(period_year, stated) if y is not None)
    if (
        not isinstance(horizon_year, int)
        or isinstance(horizon_year, bool)
        or not latest < horizon_year <= 2100
    ):
        raise ValueError(
            f"horizon_year must be a year after {math.ceil(latest)} (the latest period "
            f"a figure of the corpus describes) and at most 2100, got {horizon_year!r}"
        )
    return horizon_year


def _group_targets(facts: pd.DataFrame, preferred: set[str]) -> list[pd.DataFrame]:
    targets = facts[facts.status == "target"]
    groups = []
    key = ["region_code", "indicator", "entity", "period", "value_base", "qualifier"]
    for _, group in targets.groupby(key, sort=False, dropna=False):
        first = group[group.fact_id.isin(preferred)]
        groups.append(pd.concat([first, group.drop(first.index)]))
    return groups


def _auto_base(facts: pd.DataFrame, t: pd.Series, year: float | None) -> pd.Series | None:
    same = facts[
        (facts.kind.isin(_LEVEL_KINDS))
        & (facts.status == "achieved")
        & (facts.region_code == t.region_code)
        & (facts.indicator == t.indicator)
        & (facts.entity == t.entity)
        & (facts.state != "before")
    ]
    same = same.assign(_y=same.period.map(period_year)).dropna(subset=["_y"])
    if year is not None:
        same = same[same._y < year]
    return None if same.empty else same.sort_values("_y", kind="stable").iloc[-1]


def _auto_growth(facts: pd.DataFrame, t: pd.Series) -> pd.Series | None:
    same = facts[
        (facts.kind == "growth")
        & (facts.status == "achieved")
        & (facts.region_code == t.region_code)
        & (facts.indicator == f"{t.indicator}_growth")
        & (facts.entity == t.entity)
    ]
    same = same.assign(_y=same.period.map(period_year)).dropna(subset=["_y"])
    return None if same.empty else same.sort_values("_y", kind="stable").iloc[-1]


def target_table(fb: FactBase, horizon_year: int, regions: list[str] | None = None) -> pd.DataFrame:
    """Every stated target with its base, the growth it requires and the growth reported.

    Parameters
    ----------
    fb : FactBase
    horizon_year : int
        Year assumed for targets that state none.
    regions : list of str, optional
        Region codes to keep (default: all).

    Returns
    -------
    pandas.DataFrame
        One row per distinct target, latest target year first. Columns: ``target_fact``,
        ``fact_ids`` and ``mentions`` (statements of it), ``region_code``, ``entity``,
        ``indicator``, ``measure`` (English label), ``attribution``, ``target_value`` and
        ``target_text``/``target_qualifier``/``target_quote``/``target_source``,
        ``target_year`` and ``year_basis`` (``stated``, ``inferred`` or ``assumed``: the
        horizon), ``base_unit``; the base (``base_fact``, ``base_value``, ``base_text``,
        ``base_qualifier``, ``base_period``, ``base_year``, ``base_quote``, ``base_source``),
        ``comparability`` and ``note``; ``years`` between them, ``required_growth``
        (percent a year, NaN when not annualised), ``required_change`` (percent over the
        span, or percentage points for shares); the reported growth (``growth_fact``,
        ``reported_growth``, ``reported_growth_text``, ``reported_growth_period``) and
        ``status``: ``no base``, ``met`` (the base already reaches the target),
        ``share`` (compared in points), ``sub-annual`` or ``growth``.
    """
    facts = fb.facts
    by_id = facts.set_index("fact_id", drop=False)
    pairs = fb.target_bases.set_index("target_fact") if len(fb.target_bases) else pd.DataFrame()
    labels = fb.indicator_labels
    rows = []
    for group in _group_targets(facts, set(pairs.index)):
        t = group.iloc[0]
        pair = None
        for fid in group.fact_id:
            if fid in pairs.index:
                pair = pairs.loc[fid]
                break
        year = period_year(t.period)
        basis = t.period_basis if year is not None else "assumed"
        target_year = year if year is not None else float(horizon_year)
        if pair is not None:
            base = by_id.loc[pair.base_fact] if pair.base_fact else None
            growth = by_id.loc[pair.growth_fact] if pair.growth_fact else None
            comparability, note = pair.comparability, pair.note
        else:
            base, growth = _auto_base(facts, t, year), _auto_growth(facts, t)
            comparability = "same" if base is not None else "no_base"
            note = (
                "Same indicator, place and entity."
                if base is not None
                else "The corpus states no earlier level of this measure."
            )
        row = {
            "target_fact": t.fact_id,
            "fact_ids": ";".join(group.fact_id),
            "mentions": len(group),
            "region_code": t.region_code,
            "entity": t.entity,
            "indicator": t.indicator,
            "measure": labels.get(t.indicator, t.indicator),
            "attribution": t.attribution,
            "target_value": t.value_base,
            "target_text": t.value_text,
            "target_qualifier": t.qualifier,
            "target_quote": t.quote,
            "target_source": t.source_id,
            "target_period": t.period,
            "target_year": target_year,
            "year_basis": basis,
            "base_unit": t.base_unit,
            "comparability": comparability,
            "note": note,
        }
        row.update(_base_columns(base))
        row.update(_growth_columns(growth))
        row.update(_requirement(row))
        rows.append(row)
    out = pd.DataFrame(rows)
    if regions is not None:
        out = out[out.region_code.isin(regions)]
    return out.sort_values(
        ["target_year", "region_code", "target_fact"], ascending=[False, True, True]
    ).reset_index(drop=True)


def _base_columns(base: pd.Series | None) -> dict:
    if base is None:
        return {
            "base_fact": "",
            "base_value": np.nan,
            "base_text": "",
            "base_qualifier": "",
            "base_period": "",
            "base_when": "",
            "base_year": np.nan,
            "base_quote": "",
            "base_source": "",
        }
    return {
        "base_fact": base.fact_id,
        "base_value": base.value_base,
        "base_text": base.value_text,
        "base_qualifier": base.qualifier,
        "base_period": base.period,
        "base_when": fact_period(base),
        "base_year": period_year(base.period),
        "base_quote": base.quote,
        "base_source": base.source_id,
    }


def _growth_columns(growth: pd.Series | None) -> dict:
    if growth is None:
        return {
            "growth_fact": "",
            "reported_growth": np.nan,
            "reported_growth_text": "",
            "reported_growth_period": "",
            "reported_growth_when": "",
        }
    return {
        "growth_fact": growth.fact_id,
        "reported_growth": growth.value_base,
        "reported_growth_text": growth.value_text,
        "reported_growth_period": growth.period,
        "reported_growth_when": fact_period(growth),
    }


def _requirement(row: dict) -> dict:
    out = {"years": np.nan, "required_growth": np.nan, "required_change": np.nan}
    if not row["base_fact"] or pd.isna(row["base_year"]):
        return {**out, "status": "no base"}
    years = row["target_year"] - row["base_year"]
    out["years"] = years
    base, target = row["base_value"], row["target_value"]
    if years <= 0:
        return {**out, "status": "no base"}
    if row["base_unit"] == "percent":
        out["required_change"] = target - base
        return {**out, "status": "met" if base >= target else "share"}
    out["required_change"] = (target / base - 1) * 100
    if base >= target:
        return {**out, "status": "met"}
    if years < 1:
        return {**out, "status": "sub-annual"}
    out["required_growth"] = required_growth(base, target, years)
    return {**out, "status": "growth"}
