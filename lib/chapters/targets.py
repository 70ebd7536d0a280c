"""What the targets chapter shows: :func:`lib.analysis.targets.target_table`, cited, and charts.

The chapter's numbers come from :func:`page_values`; each table and chart of the page is one
function here that returns what its cell shows (:func:`lib.present.markdown.md` for text and
tables, an Altair chart for a chart), or the sentence that says there is nothing to show.

Use::

    from lib.chapters import targets as view
    targets = target_table(fb, 2030)
    view.target_overview(fb, targets, cite)
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import altair as alt
import pandas as pd
from IPython.display import Markdown

from lib.analysis.places import place_labels
from lib.analysis.targets import years_to_reach
from lib.data.factbase import FactBase
from lib.present.citations import Citations
from lib.present.markdown import md, md_escape, md_table
from lib.present.targets import scenario_chart, year_label
from lib.text.english import INFERRED_MARK, fmt_number, fmt_stated

__all__ = [
    "page_values",
    "requirement_chart",
    "scenario_markdown",
    "scenario_panels",
    "target_label",
    "target_overview",
]

_WHO = {
    "article": "the article",
    "government": "an official",
    "firm": "the firm",
    "association": "an association",
}
_ALIKE = {
    "same": "yes",
    "different_measure": "no: different measure",
    "different_scope": "no: different area",
    "no_base": "no base",
}
#: The same judgement as a chart legend, under the title "Base and target measure".
_ALIKE_LEGEND = {
    "same": "the same thing",
    "different_measure": "different things",
    "different_scope": "different areas",
    "no_base": "(no base)",
}


def target_label(row: Mapping) -> str:
    """``"Above-scale firms · 寻乌空压机产业"``: what a target measures, and of what.

    Parameters
    ----------
    row : mapping
        A row of :func:`lib.analysis.targets.target_table` (``measure``, ``entity``).

    Returns
    -------
    str
    """
    return row["measure"] + (f" · {row['entity']}" if row["entity"] else "")


def page_values(
    targets: pd.DataFrame, horizon_year: int, rates: Mapping[str, float]
) -> dict[str, str | int]:
    """The numbers the chapter's prose quotes, by the name the page glues them as.

    Parameters
    ----------
    targets : pandas.DataFrame
        :func:`lib.analysis.targets.target_table` of the places chosen.
    horizon_year : int
        The year assumed for targets that state none.
    rates : mapping
        Scenario name → percent a year (:func:`lib.analysis.targets.check_rates`).

    Returns
    -------
    dict
        ``n_targets`` (distinct targets), ``n_statements`` (statements of them), ``n_based``
        (targets with a base), ``n_alike`` (those whose base measures the same thing),
        ``n_assumed`` (targets stating no year) and ``assumed_phrase`` (that count in words:
        ``"2 targets state no year"``), ``horizon`` and ``rate_<name>`` per scenario
        (``"8%"``).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"status": ["growth", "no base"], "mentions": [3, 1],
    ...                   "comparability": ["same", "no_base"],
    ...                   "year_basis": ["stated", "assumed"]})
    >>> v = page_values(t, 2030, {"low": 4.0})
    >>> v["n_statements"], v["assumed_phrase"], v["rate_low"]
    (4, '1 target states no year', '4%')
    """
    based = targets[targets.status != "no base"]
    n_assumed = int((targets.year_basis == "assumed").sum())
    plural = n_assumed != 1
    return {
        "n_targets": len(targets),
        "n_statements": int(targets.mentions.sum()),
        "n_based": len(based),
        "n_alike": int((based.comparability == "same").sum()),
        "n_assumed": n_assumed,
        "assumed_phrase": f"{n_assumed} target{'s' if plural else ''} "
        f"state{'' if plural else 's'} no year",
        "horizon": horizon_year,
    } | {f"rate_{name}": f"{rate:g}%" for name, rate in rates.items()}


def _required(row: Mapping) -> str:
    status = row["status"]
    if status == "growth":
        return f"{fmt_number(row['required_growth'], 1)}% a year"
    if status == "met":
        return "already met by the base"
    if status == "share":
        return f"+{fmt_number(row['required_change'], 2)} points"
    if status == "sub-annual":
        return f"+{fmt_number(row['required_change'], 1)}% in under a year"
    return "—"


def target_overview(fb: FactBase, targets: pd.DataFrame, cite: Citations) -> Markdown:
    """Every target in one cited table, then the notes on those that are not like for like.

    Parameters
    ----------
    fb : FactBase
    targets : pandas.DataFrame
        :func:`lib.analysis.targets.target_table` of the places chosen.
    cite : Citations
        The page's citations; each row cites its target, base and growth facts.

    Returns
    -------
    IPython.display.Markdown
        MyST (the references need ``render_markdown_format: myst``); a sentence when there
        is no target.
    """
    if targets.empty:
        return md("The corpus states no target for the places chosen.")
    places = place_labels(fb)
    rows = []
    for r in targets.to_dict("records"):
        when = year_label(r["target_year"]) + {
            "assumed": " (assumed)",
            "inferred": INFERRED_MARK,
        }.get(r["year_basis"], "")
        base = (
            f"{fmt_stated(r['base_qualifier'], r['base_value'], r['base_unit'])} ({r['base_when']})"
            if r["base_fact"]
            else "—"
        )
        reported = (
            f"{fmt_number(r['reported_growth'], 2)}% ({r['reported_growth_when']})"
            if r["growth_fact"]
            else ""
        )
        rows.append(
            {
                "Place": md_escape(places.get(r["region_code"], r["region_code"])),
                "Set by": md_escape(_WHO.get(r["attribution"], r["attribution"])),
                "Measure": md_escape(target_label(r)),
                "Base": md_escape(base),
                "Target": md_escape(
                    f"{fmt_stated(r['target_qualifier'], r['target_value'], r['base_unit'])}"
                    f" by {when}"
                ),
                "Required": md_escape(_required(r)),
                "Reported growth": md_escape(reported),
                "Like for like": md_escape(_ALIKE[r["comparability"]]),
                "Quotes": cite.ref(r["target_fact"], r["base_fact"], r["growth_fact"]),
            }
        )
    table = md_table(pd.DataFrame(rows), escape=False)
    notes = [
        f"- **{md_escape(target_label(r))}**: {md_escape(r['note'])}"
        for r in targets.to_dict("records")
        if r["comparability"] != "same"
    ]
    why = (
        "**Why some targets do not compare with their base**\n\n" + "\n".join(notes)
        if notes
        else ""
    )
    return md(table, why)


def _growth_rows(targets: pd.DataFrame) -> pd.DataFrame:
    return targets[targets.status == "growth"]


def requirement_chart(
    fb: FactBase, targets: pd.DataFrame, rates: Mapping[str, float]
) -> alt.LayerChart | Markdown:
    """Required annual growth per target (bars), reported growth (points), scenarios (rules).

    Parameters
    ----------
    fb : FactBase
    targets : pandas.DataFrame
        :func:`lib.analysis.targets.target_table` of the places chosen.
    rates : mapping
        Scenario name → percent a year, drawn as labelled reference lines.

    Returns
    -------
    altair.LayerChart or IPython.display.Markdown
        Bars coloured by whether base and target measure the same thing; a sentence when
        no target has an annual requirement.
    """
    rows = _growth_rows(targets)
    if rows.empty:
        return md("No target of the places chosen has a base a year or more before it.")
    places = place_labels(fb)
    data = pd.DataFrame(
        {
            "target": [
                f"{target_label(r)} ({places.get(r['region_code'], '')})"
                for r in rows.to_dict("records")
            ],
            "required": rows.required_growth.round(2).to_numpy(),
            "reported": rows.reported_growth.to_numpy(),
            "like_for_like": rows.comparability.map(_ALIKE_LEGEND).to_numpy(),
            "target_fact": rows.target_fact.to_numpy(),
        }
    )
    y = alt.Y("target:N", title=None, sort=None, axis=alt.Axis(labelLimit=360))
    bars = (
        alt.Chart(data)
        .mark_bar(opacity=0.85)
        .encode(
            x=alt.X("required:Q", title="Growth (% a year)"),
            y=y,
            color=alt.Color("like_for_like:N", title="Base and target measure"),
            tooltip=["target", "required", "reported", "like_for_like", "target_fact"],
        )
    )
    reported = (
        alt.Chart(data.dropna(subset=["reported"]))
        .mark_point(shape="diamond", size=90, filled=True, color="#000000")
        .encode(x="reported:Q", y=y, tooltip=["target", "reported"])
    )
    scen = pd.DataFrame(
        {
            "scenario": [f"{k} ({fmt_number(v, 1)}%)" for k, v in rates.items()],
            "rate": list(rates.values()),
        }
    )
    rules = (
        alt.Chart(scen)
        .mark_rule(strokeDash=[4, 3], color="#7f7f7f")
        .encode(x="rate:Q", tooltip=["scenario"])
    )
    labels = (
        alt.Chart(scen)
        .mark_text(angle=0, dy=-6, align="left", dx=2, color="#7f7f7f", baseline="bottom")
        .encode(x="rate:Q", y=alt.value(0), text="scenario:N")
    )
    return alt.layer(bars, reported, rules, labels).properties(
        title="Required annual growth (bars) and reported growth (◆)", height=alt.Step(26)
    )


def scenario_markdown(
    fb: FactBase, targets: pd.DataFrame, rates: Mapping[str, float], cite: Citations
) -> Markdown:
    """For each target with a base: when each scenario reaches it (cited).

    Parameters
    ----------
    fb : FactBase
    targets : pandas.DataFrame
        :func:`lib.analysis.targets.target_table` of the places chosen.
    rates : mapping
        Scenario name → percent a year.
    cite : Citations
        The page's citations; each item cites its target and base facts.

    Returns
    -------
    IPython.display.Markdown
        A MyST list, one item per target with an annual requirement, saying in which year
        each scenario reaches it and whether that is on time; a sentence when none can be
        projected.
    """
    rows = _growth_rows(targets)
    if rows.empty:
        return md(
            "No target of the places chosen can be projected: none has a base a year or "
            "more before it and below it."
        )
    places = place_labels(fb)
    out = []
    for r in rows.to_dict("records"):
        reach = []
        for name, rate in rates.items():
            years = years_to_reach(r["base_value"], r["target_value"], rate)
            if math.isinf(years):
                reach.append(f"{name} ({fmt_number(rate, 1)}%): never")
            else:
                year = math.ceil(r["base_year"] + years - 1e-9)
                late = (
                    "on time"
                    if year <= r["target_year"]
                    else f"{year - int(math.ceil(r['target_year']))} year(s) late"
                )
                reach.append(f"{name} ({fmt_number(rate, 1)}%): {year}, {late}")
        caveat = "" if r["comparability"] == "same" else f" Indicative only: {r['note']}"
        out.append(
            f"- **{md_escape(target_label(r))}** "
            f"({md_escape(places.get(r['region_code'], ''))}), "
            f"{md_escape(year_label(r['target_year']))} target: "
            f"{md_escape('; '.join(reach))}.{md_escape(caveat)} "
            f"{cite.ref(r['target_fact'], r['base_fact'])}"
        )
    return md("\n".join(out))


def scenario_panels(
    fb: FactBase, targets: pd.DataFrame, rates: Mapping[str, float]
) -> alt.VConcatChart | Markdown:
    """One scenario chart per target with a base (see :func:`lib.present.targets.scenario_chart`).

    Parameters
    ----------
    fb : FactBase
    targets : pandas.DataFrame
        :func:`lib.analysis.targets.target_table` of the places chosen.
    rates : mapping
        Scenario name → percent a year.

    Returns
    -------
    altair.VConcatChart or IPython.display.Markdown
        The panels one below the other, sharing the scenarios' legend; a sentence when no
        target can be drawn (none has a base for a whole year, a year or more before it and
        below it).
    """
    places = place_labels(fb)
    charts = [
        scenario_chart(r, rates, f"{target_label(r)} ({places.get(r['region_code'], '')})")
        for r in _growth_rows(targets).to_dict("records")
    ]
    charts = [c for c in charts if c is not None]
    if not charts:
        return md(
            "No target of the places chosen can be drawn: none has a base stated for a "
            "whole year, a year or more before it and below it."
        )
    # the scenarios are the chapter's, the same in every panel: one legend serves them all
    return alt.vconcat(*charts).resolve_scale(color="shared")
