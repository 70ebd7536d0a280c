"""Headlines by importance: a place's headline figures in the order of ``data/headlines.csv``,
and the places comparison the overview leads with.

``headlines.csv`` ranks the measures an analyst reads first (GDP, above-scale industrial revenue,
growth, the leading clusters …). :func:`ranked_headlines` orders a place's headline figures
(:func:`lib.analysis.figures.headline_figures`) by that rank; :func:`places_comparison` picks,
for each place and each column of the list (``compare``), the figure that fills the cell, and
each place's headline targets. Both return fact rows, so a page can cite every number.
"""

from __future__ import annotations

import pandas as pd

from lib.analysis.figures import LEVEL_KINDS, distinct_figures, headline_figures
from lib.data.factbase import FactBase

__all__ = [
    "CLUSTER_COLUMN",
    "TARGET_COLUMN",
    "comparison_columns",
    "places_comparison",
    "rank_order",
    "ranked_headlines",
]

#: The places-table column whose cells list every cluster figure, not one figure.
CLUSTER_COLUMN = "Leading clusters"
#: The column of each place's headline targets (the best-ranked measure it sets targets for).
TARGET_COLUMN = "Headline target"


def rank_order(fb: FactBase, figs: pd.DataFrame) -> pd.DataFrame:
    """*figs* in headline order: ranked measures by rank, then the rest in their given order.

    Within a measure, figures about the place as a whole come before those about a park,
    cluster or programme, then the latest, then the largest. Figures of the same measure,
    entity, period, value and status (one figure stated twice with different period kinds)
    are shown once: ``fact_ids`` lists them all.

    Parameters
    ----------
    fb : FactBase
    figs : pandas.DataFrame
        Fact rows with ``year`` (as :func:`lib.analysis.figures.distinct_figures` returns).

    Returns
    -------
    pandas.DataFrame
        *figs* reordered, one row per figure, with ``rank`` (NaN for an unranked measure),
        ``why`` (empty when unranked) and ``fact_ids`` (``;``-separated).
    """
    ranks = dict(zip(fb.headlines.indicator, fb.headlines["rank"]))
    why = dict(zip(fb.headlines.indicator, fb.headlines.why))
    same = ["indicator", "entity", "period", "value_base", "status"]
    ids = figs.groupby(same, dropna=False, sort=False).fact_id.transform(";".join)
    out = figs.assign(
        rank=figs.indicator.map(ranks).astype(float),
        why=figs.indicator.map(why).fillna(""),
        fact_ids=ids,
        _part=figs.entity != "",
        _given=range(len(figs)),
        _y=-figs.year.fillna(-1),
        _v=-figs.value_base.fillna(0),
    )
    out = out.drop_duplicates(same)
    ranked = out[out["rank"].notna()].sort_values(["rank", "_part", "_y", "_v", "_given"])
    rest = out[out["rank"].isna()].sort_values("_given")
    return (
        pd.concat([ranked, rest])
        .drop(columns=["_part", "_given", "_y", "_v"])
        .reset_index(drop=True)
    )


def ranked_headlines(fb: FactBase, code: str, n: int | None = None) -> pd.DataFrame:
    """The place's headline figures (:func:`lib.analysis.figures.headline_figures`) by rank.

    Parameters
    ----------
    fb : FactBase
    code : str
        6-digit region code.
    n : int, optional
        Keep the first *n* (default: all).

    Returns
    -------
    pandas.DataFrame
        See :func:`rank_order`.
    """
    out = rank_order(fb, headline_figures(fb, code))
    return out if n is None else out.head(n)


def comparison_columns(fb: FactBase) -> dict[str, list[str]]:
    """The columns of the places table and the measures of each, in rank order.

    Returns
    -------
    dict
        Column name (``compare`` of ``headlines.csv``) → its indicators, best first; the
        columns in the order of their best-ranked measure.
    """
    cols: dict[str, list[str]] = {}
    for row in fb.headlines.sort_values("rank").itertuples():
        if row.compare:
            cols.setdefault(row.compare, []).append(row.indicator)
    return cols


def places_comparison(fb: FactBase, regions: list[str], targets: int = 2) -> pd.DataFrame:
    """What fills each cell of the places table: one row per (place, column, figure).

    A column (see :func:`comparison_columns`) takes the place's achieved figure about the
    place as a whole on the column's best-ranked measure the place states (its latest); the
    :data:`CLUSTER_COLUMN` takes every achieved figure about a cluster on its measures, the
    largest first; the :data:`TARGET_COLUMN` the place's targets on its best-ranked measure
    with targets (at most *targets*, latest year first). A place that states none leaves
    the cell out: a gap, never a zero.

    Parameters
    ----------
    fb : FactBase
    regions : list of str
        6-digit codes (checked by the caller), in the order of the rows.
    targets : int
        At most this many targets per place.

    Returns
    -------
    pandas.DataFrame
        Fact rows with ``column`` (the column's name), ``primary`` (whether the measure is
        the column's first) and ``fact_ids``; in the order of *regions*, then of the
        columns.
    """
    cols = comparison_columns(fb)
    ranks = dict(zip(fb.headlines.indicator, fb.headlines["rank"]))
    parts = []
    for code in regions:
        figs = distinct_figures(fb, code)
        achieved = figs[(figs.status == "achieved") & (figs.state != "before")]
        for column, indicators in cols.items():
            pick = achieved[achieved.indicator.isin(indicators)]
            # a cluster column takes figures about clusters; the others the place as a whole
            pick = pick[(pick.entity != "") == (column == CLUSTER_COLUMN)]
            if pick.empty:
                continue
            pick = rank_order(fb, pick)
            if column == CLUSTER_COLUMN:
                best = pick[pick.indicator == pick.indicator.iloc[0]]
                best = best.sort_values("value_base", ascending=False, kind="stable")
                best = best.drop_duplicates("entity")
            else:
                best = pick.head(1)
            parts.append(best.assign(column=column, primary=best.indicator == indicators[0]))
        aims = figs[
            (figs.status == "target") & figs.kind.isin(LEVEL_KINDS) & figs.indicator.isin(ranks)
        ]
        if len(aims):
            aims = rank_order(fb, aims)
            aims = aims[aims.indicator == aims.indicator.iloc[0]].head(targets)
            parts.append(aims.assign(column=TARGET_COLUMN, primary=True))
    if not parts:
        return fb.facts.iloc[:0].assign(column="", primary=True, fact_ids="")
    return pd.concat(parts, ignore_index=True)
