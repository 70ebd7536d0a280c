"""Find figures the corpus states more than once, and classify how the statements agree.

Two statements are *the same figure* when they share region, indicator, period, entity,
before/after state, status and period type: a target is never the same figure as a result, nor
a quarter as a year, and indicators differ where scope words differ (柔性引进 is not 引进), so
no reconciliation pairs unlike measures. A level or running total whose date no source states
(its period is the article's month, inferred) is compared by its year: two articles of the
same year stating different levels conflict (:func:`comparable_periods`). Each pair of
distinct readings is classified:

``agree``
    Same value and compatible qualifiers.
``rounding``
    One is the other rounded (62.33% vs 62.3%), or one is approximate and the exact one
    lies where the approximation points (500余人 vs 500人).
``conflict``
    Anything else (17 vs 22 firms).

Names that differ for the same thing (a cluster or programme called differently in two
articles) come from the aliases in ``entities.csv``: :func:`name_variants`.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import pandas as pd

from lib.text.normalise import flat_text, squash

__all__ = [
    "KEY",
    "classify_pair",
    "comparable_periods",
    "name_variants",
    "reconcile",
    "reconcile_pairs",
]

#: Period types whose inferred period is an as-of date (the article's month)
AS_OF_TYPES = ("stock", "cumulative", "year_to_date")


def comparable_periods(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts with each inferred as-of period (``2025-10``) cut to its year (``2025``).

    The month of an inferred level is the article's, not one the source states; two
    articles of one year that state different levels of the same thing disagree whatever
    their months.

    Parameters
    ----------
    facts : pandas.DataFrame
        The facts table (``period``; ``period_type`` and ``period_basis`` when present).

    Returns
    -------
    pandas.DataFrame
        A copy; other rows unchanged.

    Examples
    --------
    >>> f = pd.DataFrame({"period": ["2025-10", "2025-10"], "period_type": ["stock", "year"],
    ...                   "period_basis": ["inferred", "inferred"]})
    >>> comparable_periods(f).period.tolist()
    ['2025', '2025-10']
    """
    if not {"period_type", "period_basis"} <= set(facts.columns):
        return facts
    as_of = facts.period_type.isin(AS_OF_TYPES) & (facts.period_basis == "inferred")
    return facts.assign(period=facts.period.where(~as_of, facts.period.str[:4]))


#: Columns that identify one figure.
KEY = ["region_code", "indicator", "period", "entity", "state", "status", "period_type"]
_ORDER = {"agree": 0, "rounding": 1, "conflict": 2}


def _decimals(value: float) -> int:
    exp = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -int(exp))


def classify_pair(a: pd.Series, b: pd.Series) -> str:
    """Classify two statements of the same figure.

    Parameters
    ----------
    a, b : pandas.Series
        Fact rows with ``value_base``, ``value`` and ``qualifier``.

    Returns
    -------
    str
        ``"agree"``, ``"rounding"`` or ``"conflict"``.

    Examples
    --------
    >>> classify_pair(pd.Series(dict(value=62.33, value_base=62.33, qualifier="exact")),
    ...               pd.Series(dict(value=62.3, value_base=62.3, qualifier="exact")))
    'rounding'
    """
    va, vb = float(a["value_base"]), float(b["value_base"])
    qa, qb = a["qualifier"], b["qualifier"]
    if va == vb:
        return (
            "agree"
            if qa == qb or "exact" in (qa, qb) and {qa, qb} <= {"exact", "about"}
            else "rounding"
        )
    coarse, fine = (a, b) if _decimals(a["value"]) < _decimals(b["value"]) else (b, a)
    digits = _decimals(coarse["value"])
    scale = float(coarse["value_base"]) / float(coarse["value"]) if float(coarse["value"]) else 1.0
    if _decimals(fine["value"]) > digits and round(
        float(fine["value_base"]) / scale, digits
    ) == float(coarse["value"]):
        return "rounding"
    for approx, exact in ((a, b), (b, a)):
        v, e = float(approx["value_base"]), float(exact["value_base"])
        if approx["qualifier"] in ("over", "more_than", "at_least") and e >= v and e <= v * 1.1:
            return "rounding"
        if approx["qualifier"] == "about" and abs(e - v) <= 0.1 * abs(v):
            return "rounding"
    return "conflict"


def _readings(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct reading (source, value, qualifier) of each figure."""
    return facts.drop_duplicates(KEY + ["source_id", "value_base", "qualifier"])


def reconcile_pairs(facts: pd.DataFrame) -> pd.DataFrame:
    """Classify every pair of distinct readings of the same figure.

    Parameters
    ----------
    facts : pandas.DataFrame
        The facts table.

    Returns
    -------
    pandas.DataFrame
        One row per pair: the key columns, ``fact_a``/``fact_b``, ``source_a``/``source_b``,
        ``value_text_a``/``value_text_b``, ``quote_a``/``quote_b``, ``same_source`` and
        ``verdict``.
    """
    return _pairs(comparable_periods(facts))


def _pairs(facts: pd.DataFrame) -> pd.DataFrame:
    """:func:`reconcile_pairs` of facts whose periods are already comparable."""
    rows = []
    for key, group in _readings(facts).groupby(KEY, dropna=False, sort=True):
        for (_, a), (_, b) in itertools.combinations(group.iterrows(), 2):
            rows.append(
                {
                    **dict(zip(KEY, key)),
                    "fact_a": a["fact_id"],
                    "fact_b": b["fact_id"],
                    "source_a": a["source_id"],
                    "source_b": b["source_id"],
                    "value_text_a": a["value_text"],
                    "value_text_b": b["value_text"],
                    "quote_a": a["quote"],
                    "quote_b": b["quote"],
                    "same_source": a["source_id"] == b["source_id"],
                    "verdict": classify_pair(a, b),
                }
            )
    cols = KEY + [
        "fact_a",
        "fact_b",
        "source_a",
        "source_b",
        "value_text_a",
        "value_text_b",
        "quote_a",
        "quote_b",
        "same_source",
        "verdict",
    ]
    return pd.DataFrame(rows, columns=cols)


def reconcile(facts: pd.DataFrame, source_dates: dict[str, str] | None = None) -> pd.DataFrame:
    """Every figure stated more than once, with a verdict and the figure the report uses.

    Parameters
    ----------
    facts : pandas.DataFrame
        The facts table.
    source_dates : dict, optional
        Publication date (``YYYY`` or ``YYYY-MM``) by source_id, used to prefer the later
        source in a conflict.

    Returns
    -------
    pandas.DataFrame
        One row per repeated figure: the key columns, ``mentions`` (statements),
        ``sources`` (distinct sources), ``readings`` (the distinct values as written),
        ``verdict`` (worst pair verdict; ``agree`` when all mentions are identical),
        ``fact_ids``, ``used_fact`` (the statement the report uses) and ``reason``.
    """
    source_dates = source_dates or {}
    facts = comparable_periods(facts)
    pairs = _pairs(facts)
    out = []
    for key, group in facts.groupby(KEY, dropna=False, sort=True):
        if len(group) < 2:
            continue
        mask = pd.Series(True, index=pairs.index)
        for col, val in zip(KEY, key):
            mask &= pairs[col] == val
        verdicts = pairs.loc[mask, "verdict"]
        verdict = max(verdicts, key=_ORDER.get) if len(verdicts) else "agree"
        readings = group.drop_duplicates(["value_base", "qualifier"])
        if verdict == "agree":
            used, reason = group.iloc[0], "all statements agree"
        elif verdict == "rounding":
            exact = readings[readings.qualifier == "exact"]
            pool = exact if len(exact) else readings
            used = max(pool.itertuples(), key=lambda r: _decimals(r.value))
            used = group[group.fact_id == used.fact_id].iloc[0]
            reason = "the most precise exact statement; the others round it"
        else:
            used = max(
                group.itertuples(), key=lambda r: (source_dates.get(r.source_id, ""), r.source_id)
            )
            used = group[group.fact_id == used.fact_id].iloc[0]
            reason = (
                "conflicting statements: the report uses the later source and shows both"
                if source_dates
                else "conflicting statements: shown side by side"
            )
        out.append(
            {
                **dict(zip(KEY, key)),
                "mentions": len(group),
                "sources": group.source_id.nunique(),
                "readings": " | ".join(dict.fromkeys(group.value_text)),
                "verdict": verdict,
                "fact_ids": ";".join(group.fact_id),
                "used_fact": used["fact_id"],
                "reason": reason,
            }
        )
    cols = KEY + ["mentions", "sources", "readings", "verdict", "fact_ids", "used_fact", "reason"]
    return pd.DataFrame(out, columns=cols)


def name_variants(entities: pd.DataFrame, raws: dict[str, str]) -> pd.DataFrame:
    """Names that differ for the same thing, with the sources that use each name.

    Parameters
    ----------
    entities : pandas.DataFrame
        The entities table (``entity``, ``aliases`` separated by ``|``).
    raws : dict
        Raw text by source_id.

    Returns
    -------
    pandas.DataFrame
        One row per (entity, name) for entities called by two or more names in the corpus:
        ``entity``, ``name_en``, ``entity_type``, ``name``, ``sources`` (``;``-separated) and
        ``across_sources`` (True when different sources use different names).
    """
    flat = {sid: flat_text(raw) for sid, raw in raws.items()}
    rows = []
    for e in entities.itertuples(index=False):
        names = list(dict.fromkeys([e.entity, *[a for a in e.aliases.split("|") if a]]))
        used = {n: [s for s, t in flat.items() if squash(n) in t] for n in names}
        used = {n: s for n, s in used.items() if s}
        if len(used) < 2:
            continue
        # a name that only occurs inside a longer variant is not a different name
        distinct = {
            n: s
            for n, s in used.items()
            if not any(n != m and n in m and set(s) <= set(used[m]) for m in used)
        }
        if len(distinct) < 2:
            continue
        across = len({tuple(s) for s in distinct.values()}) > 1
        for name, sources in distinct.items():
            rows.append(
                {
                    "entity": e.entity,
                    "name_en": e.name_en,
                    "entity_type": e.entity_type,
                    "name": name,
                    "sources": ";".join(sources),
                    "across_sources": across,
                }
            )
    return pd.DataFrame(
        rows, columns=["entity", "name_en", "entity_type", "name", "sources", "across_sources"]
    )
