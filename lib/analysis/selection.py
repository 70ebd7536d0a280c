"""The facts a chapter selects, by indicator group, as known by the end of a year.

``data/indicator_groups.csv`` says, as data, which indicator belongs to which part of a
chapter (a technical-upgrade figure, a funnel stage, a firm-level gain and what it
measures, a talent programme, a platform level, an instrument …); it is loaded and validated
with the other data files (``FactBase.indicator_groups``). :func:`select_facts` picks the
facts of a group for the chosen regions "as of" a year, one reading per figure (repeated
statements reconciled with :func:`lib.analysis.reconcile.reconcile`).
"""

from __future__ import annotations

import re

import pandas as pd

from lib.analysis.places import place_labels
from lib.analysis.reconcile import reconcile
from lib.data.factbase import FactBase

__all__ = ["as_of_year", "check_year", "select_facts"]


def _year(text: str) -> int | None:
    years = re.findall(r"\d{4}", text or "")
    return int(years[-1]) if years else None


def as_of_year(facts: pd.DataFrame, source_dates: dict[str, str]) -> pd.Series:
    """The year by which each fact is known.

    A target, plan or forecast is known when its source was written; any other figure in the
    last year of its
    period (``2024/2025`` → 2025, ``2025Q1`` → 2025), or, with no period, when its source
    was written.

    Parameters
    ----------
    facts : pandas.DataFrame
        With ``period``, ``status``, ``source_id``.
    source_dates : dict
        ``YYYY`` or ``YYYY-MM`` by source_id.

    Returns
    -------
    pandas.Series
        Integer years, aligned with *facts*.
    """
    out = []
    for period, status, source in zip(facts.period, facts.status, facts.source_id):
        year = None if status in ("planned", "forecast", "target") else _year(period)
        out.append(year if year is not None else _year(source_dates[source]))
    return pd.Series(out, index=facts.index, dtype=int)


def check_year(fb: FactBase, year: int) -> int:
    """Validate the year parameter: a whole year within those the sources were written in.

    Raises
    ------
    ValueError
        Naming the value and the valid range.
    """
    years = sorted({int(d[:4]) for d in fb.sources.date})
    low, high = min(years) - 5, max(years)
    if isinstance(year, bool) or not isinstance(year, int) or not low <= year <= high:
        raise ValueError(f"year {year!r} is not valid; valid: a whole year from {low} to {high}")
    return year


def select_facts(
    fb: FactBase, groups: pd.DataFrame, group: str, regions: list[str], year: int
) -> pd.DataFrame:
    """The facts of one indicator group, for *regions*, as known by the end of *year*.

    Repeated statements of the same figure (same region, indicator, period, entity, state)
    are reconciled: the statement :func:`lib.analysis.reconcile.reconcile` uses is kept, and
    ``readings`` lists every reading when they differ. Of a figure known for several
    periods, the latest known by *year* is kept.

    Parameters
    ----------
    fb : FactBase
    groups : pandas.DataFrame
        ``FactBase.indicator_groups``.
    group : str
        A group of ``groups``.
    regions : list of str
        Region codes (validated with :func:`lib.analysis.places.check_regions`).
    year : int

    Returns
    -------
    pandas.DataFrame
        Fact rows plus ``item``, ``order``, ``sense``, ``comparable``, ``group_note``,
        ``as_of``, ``region`` (label), ``readings``, ``verdict``, ``label_en``; sorted by
        region (in the order given), ``order``, entity.

    Raises
    ------
    ValueError
        For a group not in *groups*.
    """
    if group not in set(groups.group):
        raise ValueError(f"unknown group {group!r}; valid: {sorted(set(groups.group))}")
    mapping = groups[groups.group == group].set_index("indicator")
    dates = fb.source_dates
    facts = fb.facts[fb.facts.indicator.isin(mapping.index) & fb.facts.region_code.isin(regions)]
    facts = facts.assign(as_of=as_of_year(facts, dates))
    facts = facts[facts.as_of <= year]
    rec = reconcile(facts, dates)
    drop = set()
    readings: dict[str, tuple[str, str]] = {}
    for row in rec.itertuples(index=False):
        ids = row.fact_ids.split(";")
        drop |= set(ids) - {row.used_fact}
        if row.verdict != "agree":
            readings[row.used_fact] = (row.readings, row.verdict)
    facts = facts[~facts.fact_id.isin(drop)]
    # the latest period of each figure known by `year`
    facts = facts.sort_values("as_of").drop_duplicates(
        ["region_code", "entity", "indicator", "kind", "status", "period_type", "state"],
        keep="last",
    )
    labels = fb.indicator_labels
    rank = {code: i for i, code in enumerate(regions)}
    out = facts.assign(
        item=facts.indicator.map(mapping["item"]),
        order=facts.indicator.map(mapping["order"]).astype(int),
        sense=facts.indicator.map(mapping["sense"]),
        comparable=facts.indicator.map(mapping["comparable"]).astype(bool),
        group_note=facts.indicator.map(mapping["note"]),
        region=facts.region_code.map(place_labels(fb)),
        readings=[readings.get(f, ("", "agree"))[0] for f in facts.fact_id],
        verdict=[readings.get(f, ("", "agree"))[1] for f in facts.fact_id],
        label_en=facts.indicator.map(labels),
        _r=facts.region_code.map(rank),
    )
    return (
        out.sort_values(["_r", "order", "entity", "indicator", "state"])
        .drop(columns="_r")
        .reset_index(drop=True)
    )
