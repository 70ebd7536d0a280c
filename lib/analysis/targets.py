"""Stated targets beside their bases: the growth they require, and scenarios towards them.

A *target* is a fact of status ``target``, unless it only looks like one
(:func:`non_targets`: a plan's horizon, or a threshold that defines what another target
counts, such as the 百亿 of "4个百亿产业集群"). Statements of the same target (a slogan repeated
in a headline, a lead and a quote: the same place, entity, indicator, year and value) count as
one. Its *base* is the level it is measured from:

* the pairing in ``data/target_bases.csv`` when there is one. That file also says whether
  base and target measure the same thing (``same``), different things (``different_measure``:
  sales against production, output value against above-scale revenue) or different areas
  (``different_scope``: a district against a park), and may name the growth rate the corpus
  reports for the measure;
* otherwise the latest level of the same indicator, region and entity stated before the
  target's year (``same``), and the growth fact of the indicator ``<indicator>_growth``.

Targets with no year take a *horizon* year (a parameter of the chapter) and say so.
Consecutive targets of one measure form a *sequence* (:func:`target_chains`): 赣州高新区's
revenue of more than 50 billion yuan in 2025, then its 千亿 goal. Scenarios grow the base at
the rates the corpus reports for that place and measure (:func:`reported_growth`), and at the
chapter's fixed rates only where it reports none (:func:`scenario_rates`). Whether an earlier
target or expectation came about, by a later source, is :func:`outcome_table`.

The arithmetic: the required annual growth from base ``B`` in year ``y0`` to target ``T``
in year ``y1`` is ``(T / B) ** (1 / (y1 - y0)) - 1``; shares are compared in percentage
points instead, and spans shorter than a year are not annualised.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from lib.data.checks import source_is_later
from lib.data.factbase import FactBase
from lib.data.periods import period_year
from lib.text.english import fact_period
from lib.text.normalise import squash

__all__ = [
    "DEDUPE_KEY",
    "check_horizon",
    "check_rates",
    "non_targets",
    "outcome_table",
    "project",
    "reported_growth",
    "required_growth",
    "scenario_rates",
    "target_chains",
    "target_table",
    "unchecked_expectations",
    "years_to_reach",
]

_LEVEL_KINDS = ("level", "share", "capacity")
#: Statements of one target share these columns (place, entity, indicator, year and value).
DEDUPE_KEY = ["region_code", "entity", "indicator", "period", "value_base"]
#: Indicators that measure how long a plan or programme runs: a horizon, not a goal.
_HORIZON_UNITS = ("year", "month", "day")
#: A count right before a value makes the value part of what is counted (4个百亿产业集群).
_COUNTED = re.compile(r"\d+(?:个|家|条|座|项)$")


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


def non_targets(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts of status ``target`` that are not targets, each with the reason.

    Two things read as targets without being one:

    * a plan's *horizon*: how long a plan or programme runs (三年行动计划, 未来3年内), a
      duration in years, months or days, not a level to reach;
    * a *definition*: a threshold that says what another target counts, written right after
      a count (the 百亿 of 4个百亿产业集群: the target is four clusters, 百亿 is what makes a
      cluster count).

    Parameters
    ----------
    facts : pandas.DataFrame
        ``facts.csv`` rows (``fact_id``, ``status``, ``base_unit``, ``value_text``, ``quote``).

    Returns
    -------
    pandas.DataFrame
        ``fact_id``, ``value_text`` and ``reason``, in file order; empty when every target
        is one.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"fact_id": ["a", "b", "c"], "status": ["target"] * 3,
    ...                   "base_unit": ["count", "yuan", "year"],
    ...                   "value_text": ["4个", "百亿", "三年"],
    ...                   "quote": ["建成4个百亿产业集群"] * 2 + ["三年行动计划"]})
    >>> non_targets(f).fact_id.tolist()
    ['b', 'c']
    """
    rows = []
    for r in facts[facts.status == "target"].itertuples(index=False):
        reason = ""
        if r.base_unit in _HORIZON_UNITS:
            reason = "a plan's horizon (how long it runs), not a level to reach"
        else:
            quote, text = squash(r.quote), squash(r.value_text)
            at = quote.find(text)
            if at > 0 and _COUNTED.search(quote[:at]):
                reason = (
                    f"a definition: {r.value_text} says what the count before it "
                    f"({_COUNTED.search(quote[:at]).group()}) counts, it is not a goal itself"
                )
        if reason:
            rows.append({"fact_id": r.fact_id, "value_text": r.value_text, "reason": reason})
    return pd.DataFrame(rows, columns=["fact_id", "value_text", "reason"])


def _group_targets(facts: pd.DataFrame, preferred: set[str]) -> list[pd.DataFrame]:
    excluded = set(non_targets(facts).fact_id)
    targets = facts[(facts.status == "target") & ~facts.fact_id.isin(excluded)]
    groups = []
    for _, group in targets.groupby(DEDUPE_KEY, sort=False, dropna=False):
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


def reported_growth(
    facts: pd.DataFrame,
    region_code: str,
    measures: list[tuple[str, str]],
    also: list[str] | tuple[str, ...] = (),
) -> pd.DataFrame:
    """The growth the corpus reports for a place and measure: achieved growth facts.

    Parameters
    ----------
    facts : pandas.DataFrame
    region_code : str
        The place.
    measures : list of tuple
        ``(entity, indicator)`` pairs (entity '' for the place as a whole): a growth fact of
        the same place and entity, of indicator ``<indicator>_growth``, counts.
    also : sequence of str
        ``fact_id`` s of growth facts chosen by judgement (``target_bases.csv``'s
        ``growth_fact``), kept whatever their indicator.

    Returns
    -------
    pandas.DataFrame
        The facts (kind ``growth``, status ``achieved``), one per distinct rate (a rate
        restated by another source counts once: the latest statement is kept), slowest first.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"fact_id": ["a", "b", "c"], "kind": ["growth"] * 3,
    ...                   "status": ["achieved"] * 3, "region_code": ["1"] * 3,
    ...                   "entity": [""] * 3, "indicator": ["x_growth", "x_growth", "y_growth"],
    ...                   "period": ["2023", "2024", "2024"], "value_base": [5.0, 5.0, 9.0]})
    >>> reported_growth(f, "1", [("", "x")]).fact_id.tolist()
    ['b']
    """
    growth = facts[(facts.kind == "growth") & (facts.status == "achieved")]
    wanted = {(entity, f"{indicator}_growth") for entity, indicator in measures if indicator}
    same = growth[
        (growth.region_code == region_code)
        & pd.Series(
            [(e, i) in wanted for e, i in zip(growth.entity, growth.indicator)],
            index=growth.index,
            dtype=bool,
        )
    ]
    chosen = pd.concat([growth[growth.fact_id.isin(list(also))], same]).drop_duplicates("fact_id")
    chosen = chosen.assign(_y=[period_year(p) or 0.0 for p in chosen.period])
    chosen = chosen.sort_values("_y", kind="stable").drop_duplicates("value_base", keep="last")
    return chosen.sort_values(["value_base", "_y"], kind="stable").drop(columns="_y")


def scenario_rates(
    reported: list[float] | tuple[float, ...], fallback: Mapping[str, float]
) -> tuple[dict[str, float], str]:
    """The scenario rates of one target: the reported growth where any, else *fallback*.

    Parameters
    ----------
    reported : sequence of float
        The rates of :func:`reported_growth` for the target's place and measure (percent).
    fallback : mapping
        The chapter's fixed rates (scenario name → percent a year), used only when the corpus
        reports no growth.

    Returns
    -------
    tuple
        ``(rates, origin)``: rates in increasing order, named ``"reported"`` for one rate,
        ``"lowest reported"``, ``"median reported"`` (three or more rates) and ``"highest
        reported"`` for several; *origin* is ``"reported"`` or ``"fallback"``.

    Examples
    --------
    >>> scenario_rates([20.19], {"low": 4.0})
    ({'reported': 20.19}, 'reported')
    >>> scenario_rates([], {"low": 4.0, "high": 15.0})
    ({'low': 4.0, 'high': 15.0}, 'fallback')
    >>> scenario_rates([10.7, 10.0], {})
    ({'lowest reported': 10.0, 'highest reported': 10.7}, 'reported')
    """
    values = sorted(float(v) for v in reported)
    if not values:
        return dict(fallback), "fallback"
    if len(values) == 1:
        return {"reported": values[0]}, "reported"
    rates = {"lowest reported": values[0]}
    if len(values) > 2:
        rates["median reported"] = float(np.median(values))
    rates["highest reported"] = values[-1]
    return rates, "reported"


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
        One row per distinct target (statements with the same :data:`DEDUPE_KEY`; facts of
        :func:`non_targets` left out), latest target year first. Columns: ``target_fact``,
        ``fact_ids``, ``mentions`` (statements of it) and ``repetitions`` (statements beyond
        the first), ``region_code``, ``entity``,
        ``indicator``, ``measure`` (English label), ``attribution``, ``target_value`` and
        ``target_text``/``target_qualifier``/``target_quote``/``target_source``,
        ``target_year`` and ``year_basis`` (``stated``, ``inferred`` or ``assumed``: the
        horizon), ``base_unit``; the base (``base_fact``, ``base_value``, ``base_text``,
        ``base_qualifier``, ``base_period``, ``base_year``, ``base_quote``, ``base_source``),
        ``comparability`` and ``note``; ``years`` between them, ``required_growth``
        (percent a year, NaN when not annualised), ``required_change`` (percent over the
        span, or percentage points for shares); the reported growth (:func:`reported_growth`:
        the latest, ``growth_fact``, ``reported_growth``, ``reported_growth_text``,
        ``reported_growth_period``; all of them, ``growth_facts`` and ``reported_rates``) and
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
            chosen = [pair.growth_fact] if pair.growth_fact else []
            comparability, note = pair.comparability, pair.note
        else:
            base, chosen = _auto_base(facts, t, year), []
            comparability = "same" if base is not None else "no_base"
            note = (
                "Same indicator, place and entity."
                if base is not None
                else "The corpus states no earlier level of this measure."
            )
        measures = [(t.entity, t.indicator)]
        if base is not None:
            measures.append((base.entity, base.indicator))
        reported = reported_growth(facts, t.region_code, measures, chosen)
        growth = None
        if len(reported):
            latest = reported.assign(_y=[period_year(p) or 0.0 for p in reported.period])
            growth = latest.sort_values("_y", kind="stable").iloc[-1]
        row = {
            "target_fact": t.fact_id,
            "fact_ids": ";".join(group.fact_id),
            "mentions": len(group),
            "repetitions": len(group) - 1,
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
        row["growth_facts"] = ";".join(reported.fact_id)
        row["reported_rates"] = tuple(float(v) for v in reported.value_base)
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


def _step(prev: Mapping, year: float, value: float, unit: str) -> dict:
    """Growth from the previous step of a sequence to this one."""
    out = {"years": np.nan, "step_growth": np.nan, "step_change": np.nan}
    if prev is None or pd.isna(prev["year"]):
        return out
    years = year - prev["year"]
    out["years"] = years
    if unit == "percent":
        out["step_change"] = value - prev["value"]
    else:
        out["step_change"] = (value / prev["value"] - 1) * 100
        if years >= 1 and value > 0 and prev["value"] > 0:
            out["step_growth"] = required_growth(prev["value"], value, years)
    return out


def target_chains(targets: pd.DataFrame) -> pd.DataFrame:
    """Consecutive targets of one measure, from the base, with the growth of each step.

    A *sequence* is two or more distinct targets of the same place, entity and indicator
    (赣州高新区's revenue: more than 50 billion yuan in 2025, then the 千亿 goal), in order of
    their years, preceded by the base of the first when it has one.

    Parameters
    ----------
    targets : pandas.DataFrame
        :func:`target_table`.

    Returns
    -------
    pandas.DataFrame
        One row per step: ``chain`` (``region|entity|indicator``), ``step`` (0 for the base),
        ``role`` (``base`` or ``target``), ``fact_id``, ``region_code``, ``entity``,
        ``measure``, ``year``, ``year_basis``, ``value``, ``qualifier``, ``base_unit``,
        ``text`` (as written), ``comparability`` (of the base with the targets); from the
        previous step ``years``, ``step_growth`` (compound percent a year, NaN for spans under
        a year and for shares) and ``step_change`` (percent over the span, or points for
        shares). Empty when no measure has two targets.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"region_code": ["1", "1"], "entity": ["p", "p"],
    ...     "indicator": ["rev", "rev"], "measure": ["Revenue"] * 2,
    ...     "target_fact": ["a", "b"], "target_year": [2025.0, 2030.0],
    ...     "year_basis": ["stated", "assumed"], "target_value": [500.0, 1000.0],
    ...     "target_qualifier": ["more_than", "exact"], "target_text": ["突破500", "千"],
    ...     "base_unit": ["yuan"] * 2, "base_fact": ["", ""], "comparability": ["no_base"] * 2})
    >>> float(round(target_chains(t).step_growth.iloc[1], 2))
    14.87
    """
    columns = [
        "chain", "step", "role", "fact_id", "region_code", "entity", "measure", "year",
        "year_basis", "value", "qualifier", "base_unit", "text", "comparability", "years",
        "step_growth", "step_change",
    ]  # fmt: skip
    rows = []
    for (region, entity, indicator), group in targets.groupby(
        ["region_code", "entity", "indicator"], sort=False
    ):
        if len(group) < 2:
            continue
        group = group.sort_values(["target_year", "target_value"], kind="stable")
        chain = f"{region}|{entity}|{indicator}"
        first = group.iloc[0]
        steps: list[dict] = []
        if first.get("base_fact"):
            steps.append(
                {
                    "role": "base",
                    "fact_id": first["base_fact"],
                    "year": first["base_year"],
                    "year_basis": "stated",
                    "value": first["base_value"],
                    "qualifier": first["base_qualifier"],
                    "text": first["base_text"],
                    "comparability": first["comparability"],
                }
            )
        for r in group.to_dict("records"):
            steps.append(
                {
                    "role": "target",
                    "fact_id": r["target_fact"],
                    "year": r["target_year"],
                    "year_basis": r["year_basis"],
                    "value": r["target_value"],
                    "qualifier": r["target_qualifier"],
                    "text": r["target_text"],
                    "comparability": "",
                }
            )
        prev = None
        for i, step in enumerate(steps, start=0 if steps[0]["role"] == "base" else 1):
            rows.append(
                {
                    "chain": chain,
                    "step": i,
                    "region_code": region,
                    "entity": entity,
                    "measure": first["measure"],
                    "base_unit": first["base_unit"],
                    **step,
                    **_step(prev, step["year"], step["value"], first["base_unit"]),
                }
            )
            prev = step
    return pd.DataFrame(rows, columns=columns)


def outcome_table(fb: FactBase) -> pd.DataFrame:
    """Each target or expectation of ``outcomes.csv`` beside what a later source reports.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    pandas.DataFrame
        One row per ``outcomes.csv`` row, in file order: ``target_fact``, ``outcome_fact``,
        ``region_code``, ``entity``, ``measure`` (of the target), ``target_status``,
        ``target_value``, ``target_qualifier``, ``target_value_high``, ``base_unit``,
        ``target_text``, ``target_when``, ``target_source``, ``target_date``,
        ``outcome_text``, ``outcome_source``, ``outcome_date``, ``verdict``, ``timing``,
        ``evidence`` and ``note``.
    """
    columns = [
        "target_fact", "outcome_fact", "region_code", "entity", "measure", "target_status",
        "target_value", "target_qualifier", "target_value_high", "base_unit", "target_text",
        "target_when", "target_source", "target_date", "outcome_text", "outcome_source",
        "outcome_date", "verdict", "timing", "evidence", "note",
    ]  # fmt: skip
    if fb.outcomes.empty:
        return pd.DataFrame(columns=columns)
    by_id = fb.facts.set_index("fact_id", drop=False)
    dates = fb.source_dates
    rows = []
    for o in fb.outcomes.itertuples(index=False):
        t, r = by_id.loc[o.target_fact], by_id.loc[o.outcome_fact]
        rows.append(
            {
                "target_fact": o.target_fact,
                "outcome_fact": o.outcome_fact,
                "region_code": t.region_code,
                "entity": t.entity,
                "measure": fb.indicator_labels.get(t.indicator, t.indicator),
                "target_status": t.status,
                "target_value": t.value_base,
                "target_qualifier": t.qualifier,
                "target_value_high": t.value_base_high,
                "base_unit": t.base_unit,
                "target_text": t.value_text,
                "target_when": fact_period(t),
                "target_source": t.source_id,
                "target_date": dates.get(t.source_id, ""),
                "outcome_text": r.value_text,
                "outcome_source": r.source_id,
                "outcome_date": dates.get(r.source_id, ""),
                "verdict": o.verdict,
                "timing": o.timing,
                "evidence": o.evidence,
                "note": o.note,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def unchecked_expectations(fb: FactBase) -> pd.DataFrame:
    """Targets and forecasts that no later source checks, and why.

    Each distinct target or forecast (statements with the same :data:`DEDUPE_KEY`; the
    :func:`non_targets` left out) with no row in ``outcomes.csv``, and why none can check it:
    ``no_later_source`` (no source published certainly later, by
    :func:`lib.data.checks.source_is_later`, reports on its place), ``later_source_silent``
    (one does, but not on this) or ``order_unknown`` (another source reports on the place,
    but their dates do not say which came first).

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    pandas.DataFrame
        ``fact_id`` (the first statement), ``status``, ``region_code``, ``entity``,
        ``measure``, ``source_id``, ``date``, ``other_sources`` (';'-joined ids of the later
        or unordered sources, may be empty) and ``check``. Only facts about industry
        (relevance ``industrial``) count.
    """
    facts = fb.facts
    dates = fb.source_dates
    excluded = set(non_targets(facts).fact_id)
    preferred = set(fb.target_bases.target_fact) if len(fb.target_bases) else set()
    checked = set(fb.outcomes.target_fact) if len(fb.outcomes) else set()
    expect = facts[
        facts.status.isin(["target", "forecast"])
        & (facts.relevance == "industrial")
        & ~facts.fact_id.isin(excluded)
    ]
    places = facts.groupby("region_code").source_id.agg(lambda s: sorted(set(s)))
    rows = []
    for _, group in expect.groupby([*DEDUPE_KEY, "status"], sort=False, dropna=False):
        if checked & set(group.fact_id):
            continue
        first = group[group.fact_id.isin(preferred)]
        f = pd.concat([first, group.drop(first.index)]).iloc[0]
        date = dates.get(f.source_id, "")
        others = [sid for sid in places.get(f.region_code, []) if sid != f.source_id and date]
        later = [sid for sid in others if source_is_later(dates[sid], date)]
        unordered = [
            sid for sid in others if sid not in later and not source_is_later(date, dates[sid])
        ]
        if later:
            check, named = "later_source_silent", later
        elif unordered:
            check, named = "order_unknown", unordered
        else:
            check, named = "no_later_source", []
        rows.append(
            {
                "fact_id": f.fact_id,
                "status": f.status,
                "region_code": f.region_code,
                "entity": f.entity,
                "measure": fb.indicator_labels.get(f.indicator, f.indicator),
                "source_id": f.source_id,
                "date": date,
                "other_sources": ";".join(named),
                "check": check,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "fact_id", "status", "region_code", "entity", "measure", "source_id", "date",
            "other_sources", "check",
        ],
    )  # fmt: skip
