"""Tables of the source-reconciliation chapter, built on :mod:`lib.analysis.reconcile`.

Figures the corpus states more than once are found and classified by
:func:`lib.analysis.reconcile.reconcile`; this module selects them by region and lays them out for
the reader: one row per figure with the reading the report uses, and one row per pair of
differing statements with both quotes and sources.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from lib.analysis.places import place_labels
from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.analysis.reconcile import KEY, name_variants, reconcile, reconcile_pairs

__all__ = ["VERDICTS", "figure_label", "later_of", "name_variant_table",
           "pair_table", "repeated_figures", "verdict_counts"]

#: Verdicts, from best to worst agreement.
VERDICTS = ("agree", "rounding", "conflict")


def figure_label(fb: FactBase, row: pd.Series | dict) -> str:
    """A readable name of one figure: indicator, place, entity and period.

    Parameters
    ----------
    fb : FactBase
    row : pandas.Series or dict
        With the :data:`lib.analysis.reconcile.KEY` columns.

    Returns
    -------
    str
        e.g. ``"Digital-information cluster revenue — 章贡区 Zhanggong District, 2024"``.
    """
    labels = fb.indicator_labels
    where = place_labels(fb).get(row["region_code"], row["region_code"])
    parts = [labels.get(row["indicator"], row["indicator"]), where]
    if row["entity"]:
        parts.insert(1, row["entity"])
    text = " — ".join([parts[0], ", ".join(parts[1:])])
    extra = [p for p in (row["period"], row["state"]) if p]
    return f"{text}, {' '.join(extra)}" if extra else text


def _span(date: str) -> tuple[str, str]:
    """First and last month a ``YYYY`` or ``YYYY-MM`` date can mean."""
    return (date, date) if len(date) == 7 else (f"{date}-01", f"{date}-12")


def later_of(date_a: str, date_b: str) -> str:
    """Which of two publication dates is certainly the later one.

    Parameters
    ----------
    date_a, date_b : str
        ``YYYY`` or ``YYYY-MM`` (a bare year may mean any month of it).

    Returns
    -------
    str
        ``"a"`` or ``"b"`` when that date is later whatever month a bare year stands for,
        ``""`` when the dates do not settle it.

    Examples
    --------
    >>> later_of("2025-10", "2024"), later_of("2025-10", "2025"), later_of("2025", "2025-04")
    ('a', '', '')
    """
    (a0, a1), (b0, b1) = _span(date_a), _span(date_b)
    if a0 > b1:
        return "a"
    if b0 > a1:
        return "b"
    return ""


def _in_regions(frame: pd.DataFrame, codes: Sequence[str]) -> pd.DataFrame:
    return frame[frame.region_code.isin(codes)].reset_index(drop=True)


def repeated_figures(fb: FactBase, codes: Sequence[str]) -> pd.DataFrame:
    """Every figure of the selected regions that the corpus states more than once.

    Parameters
    ----------
    fb : FactBase
    codes : sequence of str
        Region codes (see :func:`lib.analysis.places.check_regions`).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`lib.analysis.reconcile.reconcile` (conflicts resolved in favour of
        the later source, by ``sources.csv`` dates) plus ``figure`` (its label),
        ``used_text`` and ``used_source`` (the statement the report uses); worst verdict
        first.
    """
    dates = fb.source_dates
    rec = _in_regions(reconcile(fb.facts, dates), codes)
    by_id = fb.facts.set_index("fact_id")
    rec["figure"] = [figure_label(fb, r) for r in rec.to_dict("records")]
    rec["used_text"] = [by_id.loc[f, "value_text"] for f in rec.used_fact]
    rec["used_source"] = [by_id.loc[f, "source_id"] for f in rec.used_fact]
    order = {v: i for i, v in enumerate(reversed(VERDICTS))}
    return (rec.assign(_o=rec.verdict.map(order)).sort_values(["_o", "figure"])
            .drop(columns="_o").reset_index(drop=True))


def verdict_counts(figures: pd.DataFrame) -> pd.DataFrame:
    """Number of repeated figures per verdict, every verdict listed (zero included).

    Parameters
    ----------
    figures : pandas.DataFrame
        Output of :func:`repeated_figures`.

    Returns
    -------
    pandas.DataFrame
        ``verdict``, ``figures``, ``across_sources`` (figures stated by two or more
        sources), in the order of :data:`VERDICTS`.
    """
    rows = []
    for v in VERDICTS:
        sel = figures[figures.verdict == v]
        rows.append(dict(verdict=v, figures=len(sel), across_sources=int((sel.sources > 1).sum())))
    return pd.DataFrame(rows, columns=["verdict", "figures", "across_sources"])


def pair_table(fb: FactBase, codes: Sequence[str], verdicts: Sequence[str]) -> pd.DataFrame:
    """Pairs of differing statements of the same figure, with both quotes and sources.

    Parameters
    ----------
    fb : FactBase
    codes : sequence of str
        Region codes.
    verdicts : sequence of str
        Pair verdicts to keep (``rounding``, ``conflict``, ``agree``).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`lib.analysis.reconcile.reconcile_pairs` plus ``figure``, ``used``
        (the fact id the report uses for the figure), ``date_a``/``date_b`` (the sources'
        dates) and ``later`` (see :func:`later_of`).
    """
    bad = [v for v in verdicts if v not in VERDICTS]
    if bad:
        raise ValueError(f"unknown verdict(s) {bad}; valid: {list(VERDICTS)}")
    pairs = _in_regions(reconcile_pairs(fb.facts), codes)
    pairs = pairs[pairs.verdict.isin(verdicts)].reset_index(drop=True)
    figures = repeated_figures(fb, codes)
    used = {tuple(r[k] for k in KEY): r["used_fact"] for r in figures.to_dict("records")}
    pairs["figure"] = [figure_label(fb, r) for r in pairs.to_dict("records")]
    pairs["used"] = [used.get(tuple(r[k] for k in KEY), "") for r in pairs.to_dict("records")]
    dates = fb.source_dates
    pairs["date_a"] = pairs.source_a.map(dates)
    pairs["date_b"] = pairs.source_b.map(dates)
    pairs["later"] = [later_of(a, b) for a, b in zip(pairs.date_a, pairs.date_b)]
    return pairs


def name_variant_table(fb: FactBase, codes: Sequence[str]) -> pd.DataFrame:
    """Things the corpus calls by different names in different sources.

    Parameters
    ----------
    fb : FactBase
    codes : sequence of str
        Region codes; entities based elsewhere (empty code) are kept only when every
        region is selected.

    Returns
    -------
    pandas.DataFrame
        One row per entity: ``entity``, ``name_en``, ``entity_type`` and ``names``
        (each name with the sources using it, ``name (000, 001)``, ``;``-separated);
        only entities whose names differ *across* sources.
    """
    nv = name_variants(fb.entities, fb.raw)
    nv = nv[nv.across_sources]
    where = dict(zip(fb.entities.entity, fb.entities.region_code))
    nv = nv[nv.entity.map(where).isin(codes)]
    rows = []
    for (entity, name_en, etype), group in nv.groupby(["entity", "name_en", "entity_type"],
                                                      sort=True):
        names = [f"{r.name} ({', '.join(source_number(s) for s in r.sources.split(';'))})"
                 for r in group.itertuples()]
        rows.append(dict(entity=entity, name_en=name_en, entity_type=etype,
                         names="; ".join(names)))
    return pd.DataFrame(rows, columns=["entity", "name_en", "entity_type", "names"])
