"""Tables and charts of the technical-upgrade (技改) and digital-transformation chapter.

The tables (:func:`share_vs_target`, :func:`funnel`, :func:`firm_gains`) take facts selected
with :func:`lib.analysis.selection.select_facts` and return DataFrames; derived figures carry
the formula and the fact ids they come from. The views (``*_markdown``, ``*_chart``,
``gains_note``) return what a cell of ``chapters/tech_upgrade.md`` shows: Markdown
(:func:`lib.present.markdown.md`) or an Altair chart, and the sentence that says so when
there is nothing to show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd
from IPython.display import Markdown

from lib.analysis.places import place_labels
from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.present.charts import labelled_bars
from lib.present.figures import absent_places, figure_section, figure_table
from lib.present.markdown import md, md_escape, md_table
from lib.text.english import QUALIFIER_EN, STATUS_EN, fmt_number

__all__ = [
    "digital_firms_markdown",
    "firm_gains",
    "funnel",
    "funnel_chart",
    "funnel_markdown",
    "gains_chart",
    "gains_markdown",
    "gains_note",
    "region_funnels",
    "share_chart",
    "share_markdown",
    "share_tables",
    "share_vs_target",
    "upgrade_markdown",
]

_ATTRIBUTION = {
    "firm": "self-reported by the firm",
    "article": "stated by the article",
    "government": "stated by an official",
    "association": "stated by an institute",
}


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
    share = own[
        (own.indicator == "tech_upgrade_investment_share")
        & (own.kind == "share")
        & (own.status == "achieved")
    ]
    if share.empty:
        return pd.DataFrame(columns=["Figure", "Value", "Formula", "Facts", "percent"])
    s = share.sort_values("as_of").iloc[-1]
    rows = [
        {
            "Figure": f"Share in {s.period}",
            "Value": f"{fmt_number(s.value_base, 2)}%",
            "Formula": "stated",
            "Facts": s.fact_id,
            "percent": s.value_base,
        }
    ]
    target = own[(own.indicator == "tech_upgrade_investment_share") & (own.status == "target")]
    for t in target.itertuples():
        bound = QUALIFIER_EN[t.qualifier]
        rows.append(
            {
                "Figure": f"Target for {t.period}",
                "Value": f"{bound} {fmt_number(t.value_base, 2)}%".strip(),
                "Formula": "stated",
                "Facts": t.fact_id,
                "percent": t.value_base,
            }
        )
        diff = s.value_base - t.value_base
        rows.append(
            {
                "Figure": f"Share in {s.period} minus the target for {t.period}",
                "Value": f"{fmt_number(diff, 2)} percentage points",
                "Formula": f"{fmt_number(s.value_base, 2)} − {fmt_number(t.value_base, 2)}",
                "Facts": f"{s.fact_id}; {t.fact_id}",
                "percent": float("nan"),
            }
        )
    gap = own[own.indicator == "tech_upgrade_investment_share_gap_vs_city"]
    for g in gap.itertuples():
        bound = "at most" if g.qualifier in ("more_than", "over", "at_least") else ""
        pp = s.value_base - g.value_base
        rel = s.value_base / (1 + g.value_base / 100)
        rows.append(
            {
                "Figure": "City average, if the excess is in percentage points",
                "Value": f"{bound} {fmt_number(pp, 2)}%".strip(),
                "Formula": f"{fmt_number(s.value_base, 2)} − {fmt_number(g.value_base, 2)}",
                "Facts": f"{s.fact_id}; {g.fact_id}",
                "percent": pp,
            }
        )
        rows.append(
            {
                "Figure": "City average, if the excess is relative",
                "Value": f"{bound} {fmt_number(rel, 2)}%".strip(),
                "Formula": f"{fmt_number(s.value_base, 2)} ÷ (1 + {fmt_number(g.value_base, 2)}%)",
                "Facts": f"{s.fact_id}; {g.fact_id}",
                "percent": rel,
            }
        )
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
                    formula = (
                        f"{fmt_number(r.value_base)} ÷ {fmt_number(prev.value_base)} "
                        f"(previous stage); {formula} (first stage)"
                    )
        rows.append(
            {
                "stage": r.item,
                "order": r.order,
                "firms": r.value_base,
                "as_written": r.value_text,
                "from_previous": from_prev,
                "from_first": from_first,
                "formula": formula,
                "fact_id": r.fact_id,
            }
        )
        first = first or r
        prev = r
    return pd.DataFrame(
        rows,
        columns=[
            "stage",
            "order",
            "firms",
            "as_written",
            "from_previous",
            "from_first",
            "formula",
            "fact_id",
        ],
    )


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
            return (
                pct,
                f"computed: ({fmt_number(a.value_base, 3)} − {fmt_number(b.value_base, 3)})"
                f" ÷ {fmt_number(b.value_base, 3)}",
                f"{b.value_text} → {a.value_text}",
            )
        only = group.iloc[0]
        return (
            float("nan"),
            f"only the {only.state or 'stated'} level is given",
            f"{only.state}: {only.value_text}",
        )
    if sense == "multiple":
        return (
            100 * (r.value_base - 1),
            f"computed: ({fmt_number(r.value_base, 2)} − 1) × 100",
            f"{r.value_text} the original",
        )
    if r["base_unit"] != "percent":
        return float("nan"), "an absolute amount, not a rate", f"{sense}: {r.value_text}"
    sign = -1 if sense == "cut" else 1
    bound = QUALIFIER_EN[r["qualifier"]]
    stated = f"{sense} {bound} {fmt_number(r.value_base, 2)}%".replace("  ", " ")
    return sign * r.value_base, "stated", stated


def firm_gains(
    gains: pd.DataFrame, investments: pd.DataFrame, entities: pd.DataFrame
) -> pd.DataFrame:
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
    invest = investments[investments.status == "achieved"]
    rows = []
    keys = ["region_code", "entity", "indicator", "source_id"]
    for _, group in gains.groupby(keys, sort=False):
        group = group.sort_values("state", key=lambda s: s.map({"before": 0, "after": 1, "": 2}))
        r = group.iloc[0]
        pct, how, stated = _change(group)
        inv = invest[(invest.entity == r.entity) & (invest.source_id == r.source_id)]
        rows.append(
            {
                "region": r.region,
                "firm": f"{r.entity} {names.get(r.entity, '')}".strip(),
                "measure": r["item"],
                "order": r["order"],
                "change_pct": pct,
                "status": r.status,
                "stated": stated,
                "how": how,
                "claimed_by": _ATTRIBUTION[r.attribution],
                "investment": "; ".join(inv.value_text),
                "source": source_number(r.source_id),
                "quote": " / ".join(dict.fromkeys(group.quote)),
                "fact_ids": "; ".join(list(group.fact_id) + list(inv.fact_id)),
            }
        )
    cols = [
        "region",
        "firm",
        "measure",
        "order",
        "change_pct",
        "status",
        "stated",
        "how",
        "claimed_by",
        "investment",
        "source",
        "quote",
        "fact_ids",
    ]
    return pd.DataFrame(rows, columns=cols).sort_values(["order", "firm"]).reset_index(drop=True)


def upgrade_markdown(
    fb: FactBase, tech: pd.DataFrame, regions: Sequence[str], year: int
) -> Markdown:
    """The technical-upgrade figures of the chosen regions.

    Parameters
    ----------
    fb : FactBase
    tech : pandas.DataFrame
        Facts of the ``tech_upgrade`` group.
    regions : sequence of str
        The chosen region codes.
    year : int
        The page's year, for the sentence shown when there is no figure.

    Returns
    -------
    IPython.display.Markdown
        The figure table and the regions without such figures.
    """
    return figure_section(
        fb,
        tech,
        regions,
        f"None of the chosen regions states technical-upgrade figures known by {year}.",
    )


def share_tables(tech: pd.DataFrame, regions: Sequence[str]) -> dict[str, pd.DataFrame]:
    """:func:`share_vs_target` of every chosen region that states a share.

    Parameters
    ----------
    tech : pandas.DataFrame
        Facts of the ``tech_upgrade`` group.
    regions : sequence of str
        Region codes, in the page's order.

    Returns
    -------
    dict
        Region code → its table, in the order of *regions*; regions without a share are
        left out.
    """
    tables = {code: share_vs_target(tech, code) for code in regions}
    return {code: table for code, table in tables.items() if not table.empty}


def share_markdown(fb: FactBase, shares: Mapping[str, pd.DataFrame], year: int) -> Markdown:
    """The share tables, each under its region's name.

    Parameters
    ----------
    fb : FactBase
    shares : mapping
        From :func:`share_tables`.
    year : int

    Returns
    -------
    IPython.display.Markdown
        A bold place name and its table (without ``percent``) per region, or the sentence
        that no chosen region states the share.
    """
    if not shares:
        return md(f"No chosen region states the share of technical-upgrade investment by {year}.")
    labels = place_labels(fb)
    blocks = []
    for code, table in shares.items():
        blocks += [f"**{md_escape(labels[code])}**", md_table(table.drop(columns="percent"))]
    return md(*blocks)


def share_chart(fb: FactBase, shares: Mapping[str, pd.DataFrame]) -> alt.FacetChart | Markdown:
    """Bars of the share, its target and the implied city averages, one panel per region.

    Parameters
    ----------
    fb : FactBase
    shares : mapping
        From :func:`share_tables`; rows without a level (the difference) are not drawn.

    Returns
    -------
    altair.FacetChart or IPython.display.Markdown
        The chart (x from 0 to 1.3 times the largest share, so the labels fit), or the
        sentence that there is no share to chart.
    """
    labels = place_labels(fb)
    frames = [t.dropna(subset=["percent"]).assign(region=labels[c]) for c, t in shares.items()]
    if not frames:
        return md("There is no share to chart.")
    bars = pd.concat(frames)
    return labelled_bars(
        bars,
        alt.X(
            "percent:Q",
            title="Share of industrial investment (%)",
            scale=alt.Scale(domain=[0, bars.percent.max() * 1.3], nice=False),
        ),
        alt.Y("Figure:N", sort=None, title=None),
        "Value:N",
        ["region", "Figure", "Value", "Formula", "Facts"],
        title="Technical-upgrade share: actual, target, implied city average",
        step=24,
        width=420,
    )


def region_funnels(fun: pd.DataFrame, regions: Sequence[str]) -> dict[str, pd.DataFrame]:
    """:func:`funnel` of every chosen region that reports stages.

    Parameters
    ----------
    fun : pandas.DataFrame
        Facts of the ``digital_funnel`` group.
    regions : sequence of str
        Region codes, in the page's order.

    Returns
    -------
    dict
        Region code → its funnel, in the order of *regions*.
    """
    return {code: funnel(fun, code) for code in regions if code in set(fun.region_code)}


def _percent(value: float) -> str:
    return "" if pd.isna(value) else f"{fmt_number(value, 1)}%"


def funnel_markdown(
    fb: FactBase, funnels: Mapping[str, pd.DataFrame], regions: Sequence[str], year: int
) -> Markdown:
    """The funnel tables, each under its region's name, and the regions without one.

    Parameters
    ----------
    fb : FactBase
    funnels : mapping
        From :func:`region_funnels`.
    regions : sequence of str
        The chosen region codes.
    year : int

    Returns
    -------
    IPython.display.Markdown
        Per region a bold place name and its stages with the conversion rates in percent;
        then the regions that report no stage. Without any funnel, the sentence that says so.
    """
    if not funnels:
        return md(f"No chosen region reports the stages of digital transformation by {year}.")
    labels = place_labels(fb)
    columns = {
        "stage": "Stage",
        "as_written": "Firms (as written)",
        "from_previous": "Of the previous stage",
        "from_first": "Of the first stage",
        "formula": "Formula",
        "fact_id": "Fact",
    }
    blocks = []
    for code, table in funnels.items():
        shown = table.assign(
            from_previous=table.from_previous.map(_percent),
            from_first=table.from_first.map(_percent),
        )
        blocks += [
            f"**{md_escape(labels[code])}**",
            md_table(shown.drop(columns=["order", "firms"]).rename(columns=columns)),
        ]
    absent = absent_places(fb, regions, funnels)
    if absent:
        blocks.append(absent + " The stages are reported by one source only.")
    return md(*blocks)


def funnel_chart(fb: FactBase, funnels: Mapping[str, pd.DataFrame]) -> alt.FacetChart | Markdown:
    """Firms at each stage, labelled with the share of the previous stage; a panel per region.

    Parameters
    ----------
    fb : FactBase
    funnels : mapping
        From :func:`region_funnels`.

    Returns
    -------
    altair.FacetChart or IPython.display.Markdown
        The chart, or the sentence that there is no funnel to chart.
    """
    if not funnels:
        return md("There is no funnel to chart.")
    labels = place_labels(fb)
    data = pd.concat([t.assign(region=labels[c]) for c, t in funnels.items()])
    data = data.assign(
        label=[
            fmt_number(f) + ("" if pd.isna(p) else f" ({fmt_number(p, 1)}% of previous)")
            for f, p in zip(data.firms, data.from_previous)
        ]
    )
    return labelled_bars(
        data,
        alt.X("firms:Q", title="Firms (cumulative)"),
        alt.Y("stage:N", sort=alt.SortField("order"), title=None),
        "label:N",
        ["region", "stage", "as_written", "formula", "fact_id"],
        title="Digital transformation: firms at each stage",
        step=28,
    )


def digital_firms_markdown(
    fb: FactBase, firms: pd.DataFrame, regions: Sequence[str], year: int
) -> Markdown:
    """Counts of digital-level, benchmark and green-factory firms, with what each counts.

    Parameters
    ----------
    fb : FactBase
    firms : pandas.DataFrame
        Facts of the ``digital_firms`` group.
    regions : sequence of str
        The chosen region codes.
    year : int

    Returns
    -------
    IPython.display.Markdown
        The figure table; a list of what each measure counts (its group note); the regions
        without such counts; a sentence per figure on which the sources differ. Without any
        count, the sentence that says so.
    """
    if firms.empty:
        return md(f"No chosen region states such counts by {year}.")
    notes = firms.drop_duplicates("indicator")
    conflicts = [
        f"The sources differ on *{md_escape(r.item)}* in {md_escape(r.region)}: "
        f"{md_escape(r.readings)}. The report uses the later source and shows both."
        for r in firms[firms.verdict == "conflict"].itertuples()
    ]
    return md(
        figure_table(fb, firms),
        "\n".join(
            f"- *{md_escape(i)}*: {md_escape(n)}" for i, n in zip(notes["item"], notes.group_note)
        ),
        absent_places(fb, regions, firms.region_code),
        *conflicts,
    )


def gains_note(
    fb: FactBase, gain_facts: pd.DataFrame, regions: Sequence[str], year: int
) -> Markdown:
    """Which chosen regions report no firm-level gain.

    Parameters
    ----------
    fb : FactBase
    gain_facts : pandas.DataFrame
        Facts of the ``firm_gain`` group.
    regions : sequence of str
        The chosen region codes.
    year : int

    Returns
    -------
    IPython.display.Markdown
        The regions without a gain; that none reports one; or that every one does.
    """
    if gain_facts.empty:
        return md(f"No chosen region reports firm-level gains by {year}.")
    return md(
        absent_places(fb, regions, gain_facts.region_code)
        or "Every chosen region reports at least one firm-level gain."
    )


_CLAIM_SHORT = {
    "self-reported by the firm": "self-reported",
    "stated by the article": "article's claim",
}


def gains_chart(gains: pd.DataFrame) -> alt.LayerChart | Markdown:
    """The gains stated as rates: one bar per firm and measure, coloured by measure.

    Parameters
    ----------
    gains : pandas.DataFrame
        From :func:`firm_gains`; rows without ``change_pct``, and gains that are only
        forecast or planned (``status``), are not drawn.

    Returns
    -------
    altair.LayerChart or IPython.display.Markdown
        Bars of the signed change, each row labelled "measure: firm (place; whose claim)"
        and its bar's end with the change; or the sentence that no gain is a rate.
    """
    rated = gains.dropna(subset=["change_pct"])
    rated = rated[rated.status == "achieved"]  # a forecast gain is listed, never charted
    if rated.empty:
        return md("No achieved gain is a rate that can be charted.")
    rated = rated.assign(
        label=[
            f"{m}: {f.split(' ')[0]} ({r.split(' ')[0]}; {_CLAIM_SHORT.get(c, c)})"
            for m, f, r, c in zip(rated.measure, rated.firm, rated.region, rated.claimed_by)
        ],
        value=[f"{v:+.0f}%" for v in rated.change_pct],
        investment=rated.investment.replace("", "not stated"),
    )
    # room beyond the longest bars for their labels; each label sits past its bar's end
    low, high = min(0, rated.change_pct.min()), max(0, rated.change_pct.max())
    pad = (high - low) * 0.18
    base = alt.Chart(rated).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=480)),
        x=alt.X(
            "change_pct:Q",
            title="Change of the measured quantity (%)",
            scale=alt.Scale(domain=[low - (pad if low < 0 else 0), high + pad], nice=False),
        ),
        # the measure starts each row's label: colour groups the rows, no legend needed
        color=alt.Color("measure:N", sort=None, legend=None),
        tooltip=["firm", "region", "measure", "stated", "how", "claimed_by", "investment", "quote"],
    )
    ends = [
        base.transform_filter(f"datum.change_pct {op} 0")
        .mark_text(align=align, dx=dx, color="black")
        .encode(text="value:N", color=alt.value("black"))
        for op, align, dx in ((">=", "left", 3), ("<", "right", -3))
    ]
    return alt.layer(base.mark_bar(), *ends).properties(
        title="Firm-level gains after upgrading, by what was measured",
        height=alt.Step(20),
        width=360,
    )


def gains_markdown(gains: pd.DataFrame) -> Markdown:
    """Every firm-level gain as a table, charted or not.

    Parameters
    ----------
    gains : pandas.DataFrame
        From :func:`firm_gains`.

    Returns
    -------
    IPython.display.Markdown
        The table (change as a signed whole percent; "not stated" where no investment is
        given), or the sentence that there is no gain to list.
    """
    if gains.empty:
        return md("There is no firm-level gain to list.")
    table = gains.assign(
        change_pct=gains.change_pct.map(lambda v: "" if pd.isna(v) else f"{v:+.0f}%"),
        status=gains.status.map(lambda s: STATUS_EN[s] or "achieved"),
        investment=gains.investment.replace("", "not stated"),
    )
    return md(
        md_table(
            table.drop(columns=["order", "fact_ids"]).rename(
                columns={
                    "region": "Region",
                    "firm": "Firm",
                    "measure": "Measured",
                    "change_pct": "Change",
                    "status": "Status",
                    "stated": "As stated",
                    "how": "How",
                    "claimed_by": "Claimed by",
                    "investment": "Investment behind it",
                    "source": "Source",
                    "quote": "Quote",
                }
            )
        )
    )
