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
import re
from collections.abc import Mapping

import altair as alt
import numpy as np
import pandas as pd

from lib.data.factbase import FactBase
from lib.present.values import SCALED_UNITS, SCALES, fmt_number, fmt_stated, fmt_value, md_escape

__all__ = [
    "check_horizon", "check_rates", "period_year", "project", "required_growth",
    "scenario_chart", "target_sentence", "target_table", "value_scale", "year_label",
    "years_to_reach",
]

_LEVEL_KINDS = ("actual", "share", "capacity")


def period_year(period: str) -> float | None:
    """The point in time a period ends, in years: ``"2024"`` → 2024.0.

    A year ends at its own number, so the span from ``"2024"`` to ``"2027"`` is three
    years; a quarter or month ends at its fraction of the year (``"2025Q1"`` → 2024.25);
    a span ``"2022/2024"`` ends at its last year.

    Parameters
    ----------
    period : str
        ``YYYY``, ``YYYYQn``, ``YYYY-MM``, ``YYYY/YYYY`` or empty.

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
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", period):
        return int(m.group(1)) - 1 + int(m.group(2)) / 12
    if re.fullmatch(r"\d{4}", period):
        return float(period)
    raise ValueError(f"not a period: {period!r}")


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
    return pd.DataFrame([
        {"scenario": name, "rate": rate, "year": int(y),
         "value": base * (1 + rate / 100) ** (y - base_year)}
        for name, rate in rates.items() for y in years
    ])


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
            raise ValueError(f"growth rate {name!r} must be a number (percent a year), got {rate!r}")
        if rate <= -100:
            raise ValueError(f"growth rate {name!r} must be above -100 (percent a year), got {rate}")
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
    stated = fb.facts.period[fb.facts.kind != "target"]
    latest = max(y for y in map(period_year, stated) if y is not None)
    if not isinstance(horizon_year, int) or isinstance(horizon_year, bool) or \
            not latest < horizon_year <= 2100:
        raise ValueError(f"horizon_year must be a year after {math.ceil(latest)} (the latest period "
                         f"a figure of the corpus describes) and at most 2100, got {horizon_year!r}")
    return horizon_year


def _group_targets(facts: pd.DataFrame, preferred: set[str]) -> list[pd.DataFrame]:
    targets = facts[facts.kind == "target"]
    groups = []
    key = ["region_code", "indicator", "entity", "period", "value_base", "qualifier"]
    for _, group in targets.groupby(key, sort=False, dropna=False):
        first = group[group.fact_id.isin(preferred)]
        groups.append(pd.concat([first, group.drop(first.index)]))
    return groups


def _auto_base(facts: pd.DataFrame, t: pd.Series, year: float | None) -> pd.Series | None:
    same = facts[(facts.kind.isin(_LEVEL_KINDS)) & (facts.region_code == t.region_code)
                 & (facts.indicator == t.indicator) & (facts.entity == t.entity)
                 & (facts.state != "before")]
    same = same.assign(_y=same.period.map(period_year)).dropna(subset=["_y"])
    if year is not None:
        same = same[same._y < year]
    return None if same.empty else same.sort_values("_y", kind="stable").iloc[-1]


def _auto_growth(facts: pd.DataFrame, t: pd.Series) -> pd.Series | None:
    same = facts[(facts.kind == "growth") & (facts.region_code == t.region_code)
                 & (facts.indicator == f"{t.indicator}_growth") & (facts.entity == t.entity)]
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
    labels = dict(zip(fb.indicators.indicator, fb.indicators.label_en))
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
            note = ("Same indicator, place and entity." if base is not None
                    else "The corpus states no earlier level of this measure.")
        row = {
            "target_fact": t.fact_id, "fact_ids": ";".join(group.fact_id),
            "mentions": len(group), "region_code": t.region_code, "entity": t.entity,
            "indicator": t.indicator, "measure": labels.get(t.indicator, t.indicator),
            "attribution": t.attribution, "target_value": t.value_base,
            "target_text": t.value_text, "target_qualifier": t.qualifier,
            "target_quote": t.quote, "target_source": t.source_id, "target_period": t.period,
            "target_year": target_year, "year_basis": basis, "base_unit": t.base_unit,
            "comparability": comparability, "note": note,
        }
        row.update(_base_columns(base))
        row.update(_growth_columns(growth))
        row.update(_requirement(row))
        rows.append(row)
    out = pd.DataFrame(rows)
    if regions is not None:
        out = out[out.region_code.isin(regions)]
    return out.sort_values(["target_year", "region_code", "target_fact"],
                           ascending=[False, True, True]).reset_index(drop=True)


def _base_columns(base: pd.Series | None) -> dict:
    if base is None:
        return {"base_fact": "", "base_value": np.nan, "base_text": "", "base_qualifier": "",
                "base_period": "", "base_year": np.nan, "base_quote": "", "base_source": ""}
    return {"base_fact": base.fact_id, "base_value": base.value_base, "base_text": base.value_text,
            "base_qualifier": base.qualifier, "base_period": base.period,
            "base_year": period_year(base.period), "base_quote": base.quote,
            "base_source": base.source_id}


def _growth_columns(growth: pd.Series | None) -> dict:
    if growth is None:
        return {"growth_fact": "", "reported_growth": np.nan, "reported_growth_text": "",
                "reported_growth_period": ""}
    return {"growth_fact": growth.fact_id, "reported_growth": growth.value_base,
            "reported_growth_text": growth.value_text, "reported_growth_period": growth.period}


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


def year_label(y: float) -> str:
    """A point in time from :func:`period_year` as a period: 2027.0 → ``"2027"``, 2024.5 → ``"2025Q2"``."""
    if float(y).is_integer():
        return str(int(y))
    whole = math.floor(y)
    return f"{whole + 1}Q{round((y - whole) * 4)}"


def target_sentence(row: Mapping) -> str:
    """One escaped Markdown sentence stating a target, its base and what it requires.

    Parameters
    ----------
    row : mapping
        A row of :func:`target_table`.

    Returns
    -------
    str
        Numbers come from the row; the comparability note is appended when base and
        target do not measure the same thing, and an assumed year is flagged.
    """
    target = fmt_stated(row["target_qualifier"], row["target_value"], row["base_unit"])
    when = year_label(row["target_year"])
    if row["year_basis"] == "assumed":
        when += " (no year is stated; the report assumes its horizon year)"
    s = f"Target: {target} by {when}"
    if row["status"] == "no base":
        s += ". The corpus gives no base to measure it from."
    else:
        base = fmt_stated(row["base_qualifier"], row["base_value"], row["base_unit"])
        s += f", from {base} in {year_label(row['base_year'])}"
        status = row["status"]
        if status == "met":
            s += ": the base already reaches it"
        elif status == "share":
            s += f": {fmt_number(row['required_change'], 2)} percentage points to gain"
        elif status == "sub-annual":
            s += f": {fmt_number(row['required_change'], 1)}% over less than a year"
        else:
            s += (f": {fmt_number(row['required_growth'], 1)}% a year over "
                  f"{fmt_number(row['years'], 2)} years")
        if row["base_qualifier"] in ("more_than", "over", "at_least"):
            s += " (the base is a lower bound, so this overstates the growth needed)"
        s += "."
        if row["growth_fact"]:
            s += (f" The corpus reports growth of {fmt_number(row['reported_growth'], 2)}% "
                  f"({row['reported_growth_period']}).")
    out = md_escape(s)
    if row["comparability"] not in ("same", "no_base"):
        out += " **Not like for like:** " + md_escape(row["note"])
    return out


def value_scale(base_unit: str, values: pd.Series) -> tuple[float, str]:
    """A divisor and axis label that keep chart values readable (yuan in billions …).

    Returns
    -------
    tuple
        ``(divisor, label)``, e.g. ``(1e9, "billion yuan")``.
    """
    top = float(np.nanmax(np.abs(values))) if len(values) else 0.0
    unit = fmt_value(1, base_unit).removeprefix("1").strip() or base_unit
    for scale, word in SCALES:
        if top >= scale and base_unit in SCALED_UNITS:
            return scale, f"{word} {unit}"
    return 1.0, unit


def scenario_chart(row: Mapping, rates: Mapping[str, float], title: str) -> alt.LayerChart | None:
    """Projections from the base under each rate, against the target line.

    Parameters
    ----------
    row : mapping
        A row of :func:`target_table` with status ``growth`` (others return None:
        a chart needs a base a year or more before the target, below it).
    rates : mapping
        Scenario name → percent a year (see :func:`check_rates`).
    title : str

    Returns
    -------
    altair.LayerChart or None
    """
    if row["status"] != "growth" or not float(row["base_year"]).is_integer():
        return None
    base_year, until = int(row["base_year"]), int(math.ceil(row["target_year"]))
    frame = project(row["base_value"], base_year, rates, until)
    divisor, unit = value_scale(row["base_unit"], pd.concat([frame.value, pd.Series(
        [row["target_value"]])]))
    frame = frame.assign(value=frame.value / divisor,
                         label=[f"{s} ({fmt_number(r, 1)}% a year)" for s, r in
                                zip(frame.scenario, frame.rate)])
    stated = fmt_stated(row["target_qualifier"], row["target_value"], row["base_unit"])
    target = pd.DataFrame({"value": [row["target_value"] / divisor], "text": [
        f"target: {stated} ({row['target_text']}) by {year_label(row['target_year'])}"]})
    order = list(dict.fromkeys(frame.label))
    # room above the higher of the target and the projections, so the target's label shows
    top = max(float(frame.value.max()), float(target.value.iloc[0])) * 1.15
    lines = alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(domain=[0, top], nice=False)),
        color=alt.Color("label:N", title="Scenario", sort=order),
        tooltip=["scenario", "rate", "year", alt.Tooltip("value:Q", format=",.2f")],
    )
    rule = alt.Chart(target).mark_rule(strokeDash=[6, 4], color="#D55E00").encode(y="value:Q")
    text = alt.Chart(target).mark_text(align="left", dx=4, dy=-6, color="#D55E00").encode(
        y="value:Q", text="text:N", x=alt.value(0))
    return alt.layer(lines, rule, text).properties(title=title, width=420, height=220)
