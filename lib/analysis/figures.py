"""A place's figures: distinct figures, headline levels, growth, scale, peers and caveats.

Each function takes the :class:`~lib.data.factbase.FactBase` and a 6-digit region code and returns
a tidy frame of *fact rows* (with their ``fact_id``), so the page can cite the quote behind
every number. A figure stated more than once appears once: the statement the reconciliation
uses (:func:`lib.analysis.reconcile.reconcile`), with the number of statements and their verdict.
"""

from __future__ import annotations

import re

import pandas as pd

from lib.analysis.places import check_region
from lib.analysis.reconcile import KEY, reconcile
from lib.data.factbase import FactBase
from lib.data.periods import period_year

__all__ = [
    "LEVEL_KINDS",
    "MINOR_THEMES",
    "REPORTED",
    "SCALE_MEASURES",
    "caveats",
    "check_limit",
    "distinct_figures",
    "growth_figures",
    "headline_figures",
    "peer_comparison",
    "scale_figures",
]

#: Kinds of fact that state a level (as opposed to a growth rate, a rank or a change).
LEVEL_KINDS = ("level", "capacity", "share")
#: Statuses a place's reported figures may have. What happened, and the investment stages
#: (a signing happened; its amount is shown as signed, never added to another stage). Plans,
#: forecasts and targets are shown with the targets, never as results.
REPORTED = ("achieved", "signed", "started", "completed", "commissioned")
#: Scale measures of an industry, as patterns on indicator ids.
SCALE_MEASURES = {
    "firms": r"(^|_)firms$",
    "output": r"output",
    "revenue": r"revenue|sales",
    "projects": r"projects",
    "investment": r"investment$|investment_amount|signed_investment|fund_size",
}


def distinct_figures(fb: FactBase, code: str) -> pd.DataFrame:
    """The region's facts, one row per figure (repeated statements collapsed).

    Returns
    -------
    pandas.DataFrame
        Fact rows plus ``year`` (see :func:`lib.data.periods.period_year`), ``mentions`` (how
        many statements of the figure) and ``verdict`` (``single``, ``agree``, ``rounding``
        or ``conflict``).
    """
    key = ("distinct_figures", str(code))
    if key not in fb.derived:
        fb.derived[key] = _distinct_figures(fb, str(code))
    return fb.derived[key].copy()


def _region_reconciled(fb: FactBase, code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The region's facts and their reconciliation (computed once per fact base)."""
    key = ("region_reconciled", code)
    if key not in fb.derived:
        facts = fb.facts[fb.facts.region_code == code]
        fb.derived[key] = (facts, reconcile(facts, fb.source_dates))
    return fb.derived[key]


def _distinct_figures(fb: FactBase, code: str) -> pd.DataFrame:
    facts, rec = _region_reconciled(fb, code)
    used = dict(zip(rec.used_fact, zip(rec.mentions, rec.verdict)))
    repeated = set(";".join(rec.fact_ids).split(";")) if len(rec) else set()
    keep = facts[~facts.fact_id.isin(repeated) | facts.fact_id.isin(used)]
    return keep.assign(
        year=keep.period.map(period_year),
        mentions=[used.get(f, (1, ""))[0] for f in keep.fact_id],
        verdict=[used.get(f, (1, "single"))[1] for f in keep.fact_id],
    ).reset_index(drop=True)


def _latest_first(frame: pd.DataFrame) -> pd.DataFrame:
    order = {"yuan": 0, "count": 1, "unit": 2}
    return (
        frame.assign(_y=frame.year.fillna(-1), _o=frame.base_unit.map(order).fillna(3))
        .sort_values(["_y", "_o", "value_base"], ascending=[False, True, False], kind="stable")
        .drop(columns=["_y", "_o"])
        .reset_index(drop=True)
    )


#: Themes whose figures are not headline indicators of a place's industry.
MINOR_THEMES = ("governance", "rural", "firm")


def check_limit(limit: int, what: str) -> int:
    """Validate a parameter that caps how many figures a page shows: a positive whole number.

    Parameters
    ----------
    limit : int
    what : str
        The parameter's name, for the message.

    Returns
    -------
    int
        *limit*.

    Raises
    ------
    ValueError
        Naming the parameter and the value, for anything but a whole number of at least 1.
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"{what} must be a whole number of at least 1, got {limit!r}")
    return limit


def headline_figures(fb: FactBase, code: str, n: int | None = None) -> pd.DataFrame:
    """The region's key reported levels and ranks, latest first (money, then counts).

    Key means about the place, a park or a cluster: figures about single firms (shown with
    the firms) and themes in :data:`MINOR_THEMES` are left out; so are plans, forecasts and
    targets (only :data:`REPORTED` statuses).

    Parameters
    ----------
    fb : FactBase
    code : str
    n : int, optional
        Keep the first *n* (default: all).
    """
    figs = distinct_figures(fb, code)
    firm_names = set(fb.entities.entity[fb.entities.entity_type == "firm"])
    figs = figs[
        figs.kind.isin(LEVEL_KINDS + ("rank",))
        & figs.status.isin(REPORTED)
        & (figs.state != "before")
        & ~figs.entity.isin(firm_names)
        & ~figs.theme.isin(MINOR_THEMES)
    ]
    out = _latest_first(figs)
    return out if n is None else out.head(n)


def growth_figures(fb: FactBase, code: str) -> pd.DataFrame:
    """The region's achieved growth rates in percent, latest first (multiples, forecasts and
    targets are left out)."""
    figs = distinct_figures(fb, code)
    return _latest_first(
        figs[(figs.kind == "growth") & (figs.base_unit == "percent") & (figs.status == "achieved")]
    )


def scale_figures(fb: FactBase, code: str) -> pd.DataFrame:
    """Levels that measure an industry's scale, with a ``measure`` column.

    ``measure`` is the first of :data:`SCALE_MEASURES` whose pattern matches the indicator
    (firms, output, revenue, projects, investment); other indicators are left out.
    """
    figs = distinct_figures(fb, code)
    figs = figs[figs.kind.isin(LEVEL_KINDS) & figs.status.isin(REPORTED) & (figs.state != "before")]

    def measure(indicator: str) -> str | None:
        return next((m for m, pat in SCALE_MEASURES.items() if re.search(pat, indicator)), None)

    out = figs.assign(measure=figs.indicator.map(measure)).dropna(subset=["measure"])
    out = out.assign(_m=out.measure.map(list(SCALE_MEASURES).index))
    return (
        _latest_first(out)
        .sort_values("_m", kind="stable")
        .drop(columns="_m")
        .reset_index(drop=True)
    )


def peer_comparison(fb: FactBase, code: str, peers: list[str]) -> pd.DataFrame:
    """Region-wide figures the region shares with at least one peer, tidy.

    Only achieved figures about the place as a whole (no entity) of the same indicator,
    kind, unit and period type compare (a quarter never faces a year); each place
    contributes its latest statement. Indicators the region has
    but no peer has are left out; peers silent on an indicator are simply absent (a gap,
    not a zero).

    Returns
    -------
    pandas.DataFrame
        ``indicator``, ``kind``, ``base_unit``, ``period_type``, ``region_code``,
        ``value_base``, ``period``, ``period_basis``, ``fact_id``; empty when nothing is
        shared.
    """
    for peer in peers:
        check_region(fb, peer, "peer")
    places = [str(code), *[str(p) for p in peers if str(p) != str(code)]]
    rows = [distinct_figures(fb, c) for c in places]
    figs = pd.concat(rows, ignore_index=True) if rows else fb.facts.iloc[:0]
    figs = figs[
        (figs.entity == "")
        & figs.kind.isin(LEVEL_KINDS + ("growth",))
        & (figs.status == "achieved")
        & (figs.state != "before")
    ]
    measure = ["indicator", "kind", "base_unit", "period_type"]
    figs = figs.sort_values("year", na_position="first", kind="stable").drop_duplicates(
        [*measure, "region_code"], keep="last"
    )
    mine = figs[figs.region_code == str(code)][measure]
    shared = figs.merge(mine, on=measure)
    n = shared.groupby(measure).region_code.transform("nunique")
    cols = [*measure, "region_code", "value_base", "period", "period_basis", "fact_id"]
    return shared[n > 1][cols].sort_values(["indicator", "region_code"]).reset_index(drop=True)


def caveats(fb: FactBase, code: str) -> dict[str, pd.DataFrame]:
    """What a reader should weigh before using the region's figures.

    Returns
    -------
    dict
        ``disagreements``: figures stated differently (rounding or conflict) with the
        readings and the fact ids; ``inferred``: figures whose period is inferred or
        unknown; ``claimed``: figures claimed by a firm, association or government
        official quoted in the article; ``publicity``: figures a government publicity source
        states in its own voice (the local government's claims, not a newspaper's report).
    """
    _, rec = _region_reconciled(fb, str(code))
    figs = distinct_figures(fb, code)
    return {
        "disagreements": rec[rec.verdict != "agree"][
            KEY + ["readings", "verdict", "fact_ids", "used_fact", "reason"]
        ].reset_index(drop=True),
        "inferred": figs[figs.period_basis != "stated"].reset_index(drop=True),
        "claimed": figs[figs.attribution != "article"].reset_index(drop=True),
        "publicity": figs[
            (figs.attribution == "article") & (figs.genre == "government_publicity")
        ].reset_index(drop=True),
    }
