"""Tables and charts of the technical-upgrade (技改) and digital-transformation chapter.

The tables (:func:`share_vs_target`, :func:`funnel`, :func:`firm_gains`) take facts selected
with :func:`lib.analysis.selection.select_facts` and return DataFrames; derived figures carry
the formula and the fact ids they come from. The views (``*_markdown``, ``*_chart``,
``gains_note``) return what a cell of ``chapters/tech_upgrade.md`` shows: Markdown
(:func:`lib.present.markdown.md`) or an Altair chart, and the sentence that says so when
there is nothing to show.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd
from IPython.display import Markdown

from lib.analysis.places import place_labels
from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.present.charts import PALETTE, labelled_bars, point_title
from lib.present.figures import absent_places, figure_section, figure_table
from lib.present.markdown import md, md_escape, md_table
from lib.text.english import QUALIFIER_EN, STATUS_EN, fact_period, fmt_number

__all__ = [
    "digital_firms_markdown",
    "firm_gains",
    "funnel",
    "funnel_chart",
    "funnel_markdown",
    "funnel_point",
    "gains_chart",
    "gains_markdown",
    "gains_note",
    "gains_point",
    "region_funnels",
    "share_chart",
    "share_markdown",
    "share_point",
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
        difference) and ``role`` (``achieved``, ``target``, ``difference`` or ``implied``):
        the latest share, the target, the share minus the target, and the city average
        implied by the stated excess over it under both readings of the excess (percentage
        points, or relative). Empty when the region states no share.
    """
    own = sel[sel.region_code == code]
    share = own[
        (own.indicator == "tech_upgrade_investment_share")
        & (own.kind == "share")
        & (own.status == "achieved")
    ]
    if share.empty:
        return pd.DataFrame(columns=["Figure", "Value", "Formula", "Facts", "percent", "role"])
    s = share.sort_values("as_of").iloc[-1]
    rows = [
        {
            "Figure": f"Share in {s.period}",
            "Value": f"{fmt_number(s.value_base, 2)}%",
            "Formula": "stated",
            "Facts": s.fact_id,
            "percent": s.value_base,
            "role": "achieved",
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
                "role": "target",
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
                "role": "difference",
            }
        )
    gap = own[own.indicator == "tech_upgrade_investment_share_gap_vs_city"]
    for g in gap.itertuples():
        bound = "at most" if g.qualifier in ("more_than", "over", "at_least") else ""
        pp = s.value_base - g.value_base
        rel = s.value_base / (1 + g.value_base / 100)
        rows.append(
            {
                "Figure": f"City average in {g.period}, if the excess is in percentage points",
                "Value": f"{bound} {fmt_number(pp, 2)}%".strip(),
                "Formula": f"{fmt_number(s.value_base, 2)} − {fmt_number(g.value_base, 2)}",
                "Facts": f"{s.fact_id}; {g.fact_id}",
                "percent": pp,
                "role": "implied",
            }
        )
        rows.append(
            {
                "Figure": f"City average in {g.period}, if the excess is relative",
                "Value": f"{bound} {fmt_number(rel, 2)}%".strip(),
                "Formula": f"{fmt_number(s.value_base, 2)} ÷ (1 + {fmt_number(g.value_base, 2)}%)",
                "Facts": f"{s.fact_id}; {g.fact_id}",
                "percent": rel,
                "role": "implied",
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
        ``from_first`` (percent), ``formula``, ``fact_id`` and ``period`` (in words, empty
        when *sel* has no period columns); ordered by stage. Rates are NaN for the first
        stage, or when the previous stage is not stated.
    """
    own = sel[sel.region_code == code].sort_values("order")
    dated = {"period", "period_type", "period_basis"} <= set(own.columns)
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
                "period": fact_period(r._asdict()) if dated else "",
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
            "period",
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
        change of the measured quantity; NaN when the source gives no rate), ``status``,
        ``period`` (of the latest statement, in words), ``stated``, ``how``,
        ``claimed_by``, ``investment``, ``source``, ``quote``, ``fact_ids``.
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
                "period": fact_period(group.iloc[-1]) if "period" in group.columns else "",
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
        "period",
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
        A bold place name and its table (without ``percent`` and ``role``) per region, or
        the sentence that no chosen region states the share.
    """
    if not shares:
        return md(f"No chosen region states the share of technical-upgrade investment by {year}.")
    labels = place_labels(fb)
    blocks = []
    for code, table in shares.items():
        blocks += [
            f"**{md_escape(labels[code])}**",
            md_table(table.drop(columns=["percent", "role"])),
        ]
    return md(*blocks)


#: What each bar of the share chart is (``role`` of :func:`share_vs_target`), and its colour.
_SHARE_ROLES = {
    "achieved": ("share achieved", "#0072B2"),
    "target": ("target", "#E69F00"),
    "implied": ("implied city average (upper bound)", "#a6a6a6"),
}


def share_point(fb: FactBase, shares: Mapping[str, pd.DataFrame]) -> str:
    """The share chart's point: each region's share against its target and the city.

    Parameters
    ----------
    fb : FactBase
    shares : mapping
        From :func:`share_tables`.

    Returns
    -------
    str
        One sentence per region (``"章贡区 Zhanggong District: technical upgrading was
        62.33% of industrial investment in 2024, above its 2025 target (more than 50%) and
        above the city average (at most 49.86%)."``); empty without a share.
    """
    labels = place_labels(fb)
    sentences = []
    for code, table in shares.items():
        share = table[table.role == "achieved"].iloc[0]
        text = (
            f"{labels[code]}: technical upgrading was {share.Value} of industrial investment "
            f"in {share.Figure.removeprefix('Share in ')}"
        )
        parts = []
        for t in table[table.role == "target"].itertuples():
            side = "above" if share.percent > t.percent else "not above"
            parts.append(f"{side} its {t.Figure.removeprefix('Target for ')} target ({t.Value})")
        implied = table[table.role == "implied"]
        if not implied.empty:
            top = implied.sort_values("percent").iloc[-1]
            side = "above" if share.percent > top.percent else "not clearly above"
            parts.append(f"{side} the city average ({top.Value})")
        sentences.append(text + (", " + " and ".join(parts) if parts else "") + ".")
    return " ".join(sentences)


def share_chart(
    fb: FactBase, shares: Mapping[str, pd.DataFrame]
) -> alt.LayerChart | alt.FacetChart | Markdown:
    """Bars of the share, its target and the implied city averages, told apart by colour.

    Parameters
    ----------
    fb : FactBase
    shares : mapping
        From :func:`share_tables`; rows without a level (the difference) are not drawn.

    Returns
    -------
    altair.LayerChart or altair.FacetChart or IPython.display.Markdown
        The chart titled with :func:`share_point` (x from 0 to 1.3 times the largest share,
        so the labels fit; a panel per region when there are several), or the sentence that
        there is no share to chart.
    """
    labels = place_labels(fb)
    frames = [t.dropna(subset=["percent"]).assign(region=labels[c]) for c, t in shares.items()]
    if not frames:
        return md("There is no share to chart.")
    bars = pd.concat(frames)
    bars = bars.assign(shown=bars.role.map(lambda r: _SHARE_ROLES[r][0]))
    base = alt.Chart(bars).encode(
        x=alt.X(
            "percent:Q",
            title="Share of industrial investment (%)",
            scale=alt.Scale(domain=[0, bars.percent.max() * 1.3], nice=False),
        ),
        y=alt.Y("Figure:N", sort=None, title=None),
        tooltip=["region", "Figure", "Value", "Formula", "Facts"],
    )
    colour = alt.Color(
        "shown:N",
        title=None,
        scale=alt.Scale(
            domain=[v[0] for v in _SHARE_ROLES.values()],
            range=[v[1] for v in _SHARE_ROLES.values()],
        ),
        legend=alt.Legend(orient="bottom"),
    )
    chart = alt.layer(
        base.mark_bar().encode(color=colour),
        base.mark_text(align="left", dx=3, color="black").encode(text="Value:N"),
    ).properties(height=alt.Step(24), width=420)
    if len(frames) > 1:
        chart = chart.facet(row=alt.Row("region:N", title=None))
    return chart.properties(
        title=point_title(
            share_point(fb, shares),
            "Technical-upgrade investment as a share of industrial investment, percent; the "
            "city average is implied by the stated excess under its two readings.",
        )
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
            md_table(shown.drop(columns=["order", "firms", "period"]).rename(columns=columns)),
        ]
    absent = absent_places(fb, regions, funnels)
    if absent:
        blocks.append(absent + " The stages are reported by one source only.")
    return md(*blocks)


def funnel_point(fb: FactBase, funnels: Mapping[str, pd.DataFrame]) -> str:
    """The funnel chart's point: how few firms reach the last stage, and where most stop.

    Parameters
    ----------
    fb : FactBase
    funnels : mapping
        From :func:`region_funnels`.

    Returns
    -------
    str
        One sentence per region with two stages or more (``"吉安市 Ji'an, 2024–2025: of
        2,019 firms diagnosed, 14 (0.7%) reached 数智工厂 smart factories; the steepest drop
        is to certified (…), reached by 6.8% of the previous stage."``); empty when there
        is none.
    """
    labels = place_labels(fb)
    sentences = []
    for code, table in funnels.items():
        if len(table) < 2:
            continue
        first, last = table.iloc[0], table.iloc[-1]
        when = f", {first.period}" if first.period else ""
        text = (
            f"{labels[code]}{when}: of {fmt_number(first.firms)} firms {first.stage}, "
            f"{fmt_number(last.firms)} ({fmt_number(last.from_first, 1)}%) reached {last.stage}"
        )
        rated = table.dropna(subset=["from_previous"])
        if not rated.empty:
            worst = rated.sort_values("from_previous").iloc[0]
            text += (
                f"; the steepest drop is to {worst.stage}, reached by "
                f"{fmt_number(worst.from_previous, 1)}% of the previous stage"
            )
        sentences.append(text + ".")
    return " ".join(sentences)


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
        The chart titled with :func:`funnel_point`, or the sentence that there is no funnel
        to chart.
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
    periods = sorted(set(data.period) - {""})
    when = f", {'; '.join(periods)}" if periods else ""
    return labelled_bars(
        data,
        alt.X("firms:Q", title=f"Firms (cumulative count{when})"),
        alt.Y("stage:N", sort=alt.SortField("order"), title=None),
        "label:N",
        ["region", "stage", "as_written", "period", "formula", "fact_id"],
        title=point_title(
            funnel_point(fb, funnels) or "Digital transformation: firms at each stage",
            "Firms at each stage of the digital-transformation programme since it began; "
            "in brackets, the share of the previous stage that reached this one.",
        ),
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


def _short_firm(firm: str) -> str:
    """A firm's English name without its company form (``"… Co., Ltd."``)."""
    name = firm.split(" ", 1)[1] if " " in firm else firm
    return re.sub(r",? Co\.,? ?Ltd\.?$", "", name)


def _rated(gains: pd.DataFrame) -> pd.DataFrame:
    """The gains the chart draws: achieved, and stated (or computable) as a rate."""
    rated = gains.dropna(subset=["change_pct"])
    return rated[rated.status == "achieved"]  # a forecast gain is listed, never charted


def gains_point(gains: pd.DataFrame) -> str:
    """The gains chart's point: the range of the reported cuts and rises, and whose claims.

    Parameters
    ----------
    gains : pandas.DataFrame
        From :func:`firm_gains`.

    Returns
    -------
    str
        ``"Firms report cuts of 25–70% and rises of 15–300% after upgrading; 8 of the 12
        figures are the firm's own claim."``; empty when no gain is charted.
    """
    rated = _rated(gains)
    if rated.empty:
        return ""
    parts = []
    for word, side in (
        ("cuts", rated[rated.change_pct < 0]),
        ("rises", rated[rated.change_pct > 0]),
    ):
        if not side.empty:
            low, high = sorted(side.change_pct.abs())[0], sorted(side.change_pct.abs())[-1]
            span = f"{low:.0f}%" if round(low) == round(high) else f"{low:.0f}–{high:.0f}%"
            parts.append(f"{word} of {span}")
    own = int((rated.claimed_by == _ATTRIBUTION["firm"]).sum())
    return (
        f"Firms report {' and '.join(parts)} after upgrading; {own} of the {len(rated)} "
        "figures are the firm's own claim."
    )


def gains_chart(gains: pd.DataFrame) -> alt.VConcatChart | Markdown:
    """The gains stated as rates, cuts and rises in two panels, each bar the size of the change.

    Parameters
    ----------
    gains : pandas.DataFrame
        From :func:`firm_gains`; rows without ``change_pct``, and gains that are only
        forecast or planned (``status``), are not drawn.

    Returns
    -------
    altair.VConcatChart or IPython.display.Markdown
        A panel of what fell (energy use, delivery time…) and one of what rose (capacity,
        efficiency…), bars to the right in both, each row labelled "measure: firm (place)"
        and its bar "size (period)", coloured by whose claim it is; titled with
        :func:`gains_point`. Or the sentence that no gain is a rate.
    """
    rated = _rated(gains)
    if rated.empty:
        return md("No achieved gain is a rate that can be charted.")
    rated = rated.assign(
        label=[
            f"{m}: {_short_firm(f)} ({r.split(' ', 1)[-1]})"
            for m, f, r in zip(rated.measure, rated.firm, rated.region)
        ],
        size=rated.change_pct.abs(),
        value=[
            f"{abs(v):.0f}%" + (f" ({p})" if p else "")
            for v, p in zip(rated.change_pct, rated.period)
        ],
        investment=rated.investment.replace("", "not stated"),
    )
    claims = [c for c in _ATTRIBUTION.values() if c in set(rated.claimed_by)]
    colour = alt.Color(
        "claimed_by:N",
        title="Whose claim",
        scale=alt.Scale(domain=claims, range=PALETTE[: len(claims)]),
        legend=alt.Legend(orient="bottom"),
    )
    tooltip = ["firm", "region", "period", "measure", "stated", "how", "claimed_by", "investment"]
    rated = rated.assign(fell=rated.change_pct < 0)
    panels = []
    for fell, heading, axis in (
        (True, "Lower after upgrading", "Reduction (% of the level before)"),
        (False, "Higher after upgrading", "Increase (% over the level before)"),
    ):
        part = rated[rated.fell == fell]
        if part.empty:
            continue
        # one dataset for both panels, so the page offers one table of the data behind it
        base = (
            alt.Chart(rated)
            .transform_filter(f"datum.fell == {str(fell).lower()}")
            .encode(
                y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=640)),
                x=alt.X(
                    "size:Q",
                    title=axis,
                    scale=alt.Scale(domain=[0, float(part["size"].max()) * 1.35], nice=False),
                ),
                tooltip=tooltip,
            )
        )
        panels.append(
            alt.layer(
                base.mark_bar().encode(color=colour),
                base.mark_text(align="left", dx=3, color="black").encode(text="value:N"),
            ).properties(title=heading, height=alt.Step(20), width=320)
        )
    return alt.vconcat(*panels, spacing=18).properties(
        title=point_title(
            gains_point(gains),
            "Change of the measured quantity after the upgrade, percent, as each firm or "
            "article states it; one bar per firm and measure.",
        )
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
                    "period": "Period",
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
