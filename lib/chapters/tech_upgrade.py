"""Tables behind the technical-upgrade (技改) and digital-transformation chapter.

Every function takes facts selected with :func:`lib.analysis.selection.select_facts` and returns a
DataFrame; derived figures carry the formula and the fact ids they come from.
"""

from __future__ import annotations

import pandas as pd

from lib.data.corpus import source_number
from lib.text.english import QUALIFIER_EN, fmt_number

__all__ = ["firm_gains", "funnel", "share_vs_target"]

_ATTRIBUTION = {"firm": "self-reported by the firm", "article": "stated by the article",
                "government": "stated by an official", "association": "stated by an institute"}


def share_vs_target(sel: pd.DataFrame, code: str) -> pd.DataFrame:
    """Technical-upgrade share of industrial investment against its target and the city.

    Parameters
    ----------
    sel : pandas.DataFrame
        Facts of the ``tech_upgrade`` group.
    code : str
        The region.

    Returns
    -------
    pandas.DataFrame
        Figure, Value, Formula, Facts, ``percent`` (the level as a number; NaN for the
        difference): the latest share, the target, the share minus the target, and the
        city average implied by the stated excess over it under both readings of the
        excess (percentage points, or relative). Empty when the region states no share.
    """
    own = sel[sel.region_code == code]
    share = own[(own.indicator == "tech_upgrade_investment_share") & (own.kind == "share")]
    if share.empty:
        return pd.DataFrame(columns=["Figure", "Value", "Formula", "Facts", "percent"])
    s = share.sort_values("as_of").iloc[-1]
    rows = [{"Figure": f"Share in {s.period}", "Value": f"{fmt_number(s.value_base, 2)}%",
             "Formula": "stated", "Facts": s.fact_id, "percent": s.value_base}]
    target = own[(own.indicator == "tech_upgrade_investment_share") & (own.kind == "target")]
    for t in target.itertuples():
        bound = QUALIFIER_EN[t.qualifier]
        rows.append({"Figure": f"Target for {t.period}",
                     "Value": f"{bound} {fmt_number(t.value_base, 2)}%".strip(),
                     "Formula": "stated", "Facts": t.fact_id, "percent": t.value_base})
        diff = s.value_base - t.value_base
        rows.append({"Figure": f"Share in {s.period} minus the target for {t.period}",
                     "Value": f"{fmt_number(diff, 2)} percentage points",
                     "Formula": f"{fmt_number(s.value_base, 2)} − {fmt_number(t.value_base, 2)}",
                     "Facts": f"{s.fact_id}; {t.fact_id}", "percent": float("nan")})
    gap = own[own.indicator == "tech_upgrade_investment_share_gap_vs_city"]
    for g in gap.itertuples():
        bound = "at most" if g.qualifier in ("more_than", "over", "at_least") else ""
        pp = s.value_base - g.value_base
        rel = s.value_base / (1 + g.value_base / 100)
        rows.append({"Figure": "City average, if the excess is in percentage points",
                     "Value": f"{bound} {fmt_number(pp, 2)}%".strip(),
                     "Formula": f"{fmt_number(s.value_base, 2)} − {fmt_number(g.value_base, 2)}",
                     "Facts": f"{s.fact_id}; {g.fact_id}", "percent": pp})
        rows.append({"Figure": "City average, if the excess is relative",
                     "Value": f"{bound} {fmt_number(rel, 2)}%".strip(),
                     "Formula": f"{fmt_number(s.value_base, 2)} ÷ (1 + {fmt_number(g.value_base, 2)}%)",
                     "Facts": f"{s.fact_id}; {g.fact_id}", "percent": rel})
    return pd.DataFrame(rows)


def funnel(sel: pd.DataFrame, code: str) -> pd.DataFrame:
    """The digital-transformation funnel of a region with conversion rates.

    Parameters
    ----------
    sel : pandas.DataFrame
        Facts of the ``digital_funnel`` group.
    code : str

    Returns
    -------
    pandas.DataFrame
        ``stage``, ``order``, ``firms``, ``as_written``, ``from_previous`` and
        ``from_first`` (percent), ``formula``, ``fact_id``; ordered by stage. Rates are
        NaN for the first stage, or when the previous stage is not stated.
    """
    own = sel[sel.region_code == code].sort_values("order")
    rows, prev, first = [], None, None
    for r in own.itertuples():
        from_prev = from_first = float("nan")
        formula = "first stage"
        if first is not None:
            from_first = 100 * r.value_base / first.value_base
            formula = f"{fmt_number(r.value_base)} ÷ {fmt_number(first.value_base)}"
            if prev is not None and prev.order == r.order - 1:
                from_prev = 100 * r.value_base / prev.value_base
                if prev is not first:
                    formula = (f"{fmt_number(r.value_base)} ÷ {fmt_number(prev.value_base)} "
                               f"(previous stage); {formula} (first stage)")
        rows.append({"stage": r.item, "order": r.order, "firms": r.value_base,
                     "as_written": r.value_text, "from_previous": from_prev,
                     "from_first": from_first, "formula": formula, "fact_id": r.fact_id})
        first = first or r
        prev = r
    return pd.DataFrame(rows, columns=["stage", "order", "firms", "as_written", "from_previous",
                                       "from_first", "formula", "fact_id"])


def _change(group: pd.DataFrame) -> tuple[float, str, str]:
    """Percent change, how it was obtained, and the statement, for one firm and measure."""
    r = group.iloc[0]
    sense = r["sense"]
    if sense == "level":
        before = group[group.state == "before"]
        after = group[group.state == "after"]
        if len(before) and len(after):
            b, a = before.iloc[0], after.iloc[0]
            pct = 100 * (a.value_base - b.value_base) / b.value_base
            return (pct, f"computed: ({fmt_number(a.value_base, 3)} − {fmt_number(b.value_base, 3)})"
                         f" ÷ {fmt_number(b.value_base, 3)}", f"{b.value_text} → {a.value_text}")
        only = group.iloc[0]
        return (float("nan"), f"only the {only.state or 'stated'} level is given",
                f"{only.state}: {only.value_text}")
    if sense == "multiple":
        return (100 * (r.value_base - 1), f"computed: ({fmt_number(r.value_base, 2)} − 1) × 100",
                f"{r.value_text} the original")
    if r["base_unit"] != "percent":
        return float("nan"), "an absolute amount, not a rate", f"{sense}: {r.value_text}"
    sign = -1 if sense == "cut" else 1
    bound = QUALIFIER_EN[r["qualifier"]]
    stated = f"{sense} {bound} {fmt_number(r.value_base, 2)}%".replace("  ", " ")
    return sign * r.value_base, "stated", stated


def firm_gains(gains: pd.DataFrame, investments: pd.DataFrame,
               entities: pd.DataFrame) -> pd.DataFrame:
    """Every firm-level before/after gain, one row per firm and indicator.

    Parameters
    ----------
    gains : pandas.DataFrame
        Facts of the ``firm_gain`` group (with ``sense`` and ``item``).
    investments : pandas.DataFrame
        Facts of the ``firm_investment`` group; an *actual* investment of the same firm in
        the same source is shown as the investment behind the gain.
    entities : pandas.DataFrame
        The entities table (for English names).

    Returns
    -------
    pandas.DataFrame
        ``region``, ``firm``, ``measure``, ``order``, ``change_pct`` (signed percent
        change of the measured quantity; NaN when the source gives no rate), ``stated``,
        ``how``, ``claimed_by``, ``investment``, ``source``, ``quote``, ``fact_ids``.
    """
    names = dict(zip(entities.entity, entities.name_en))
    invest = investments[investments.kind == "actual"]
    rows = []
    keys = ["region_code", "entity", "indicator", "source_id"]
    for _, group in gains.groupby(keys, sort=False):
        group = group.sort_values("state", key=lambda s: s.map({"before": 0, "after": 1, "": 2}))
        r = group.iloc[0]
        pct, how, stated = _change(group)
        inv = invest[(invest.entity == r.entity) & (invest.source_id == r.source_id)]
        rows.append({
            "region": r.region, "firm": f"{r.entity} {names.get(r.entity, '')}".strip(),
            "measure": r["item"], "order": r["order"], "change_pct": pct, "stated": stated,
            "how": how, "claimed_by": _ATTRIBUTION[r.attribution],
            "investment": "; ".join(inv.value_text), "source": source_number(r.source_id),
            "quote": " / ".join(dict.fromkeys(group.quote)),
            "fact_ids": "; ".join(list(group.fact_id) + list(inv.fact_id)),
        })
    cols = ["region", "firm", "measure", "order", "change_pct", "stated", "how", "claimed_by",
            "investment", "source", "quote", "fact_ids"]
    return pd.DataFrame(rows, columns=cols).sort_values(["order", "firm"]).reset_index(drop=True)
