"""Targets for the reader: a target in one sentence, and its scenarios as a chart.

The rows come from :func:`lib.analysis.targets.target_table`; this module only words and
draws them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import altair as alt
import numpy as np
import pandas as pd

from lib.analysis.targets import project
from lib.present.markdown import md_escape
from lib.text.english import SCALED_UNITS, SCALES, fmt_number, fmt_stated, fmt_value

__all__ = ["scenario_chart", "target_sentence", "value_scale", "year_label"]


def year_label(y: float) -> str:
    """A point in time (:func:`lib.data.periods.period_year`) as a period.

    2027.0 → ``"2027"``, 2024.5 → ``"2025Q2"``.
    """
    if float(y).is_integer():
        return str(int(y))
    whole = math.floor(y)
    return f"{whole + 1}Q{round((y - whole) * 4)}"


def target_sentence(row: Mapping) -> str:
    """One escaped Markdown sentence stating a target, its base and what it requires.

    Parameters
    ----------
    row : mapping
        A row of :func:`lib.analysis.targets.target_table`.

    Returns
    -------
    str
        Numbers come from the row; the comparability note is appended when base and
        target do not measure the same thing, and an assumed year is flagged.
    """
    target = fmt_stated(row["target_qualifier"], row["target_value"], row["base_unit"])
    when = year_label(row["target_year"])
    if row["year_basis"] == "assumed":
        when += " (no year is stated; the report assumes its horizon year)"
    s = f"Target: {target} by {when}"
    if row["status"] == "no base":
        s += ". The corpus gives no base to measure it from."
    else:
        base = fmt_stated(row["base_qualifier"], row["base_value"], row["base_unit"])
        s += f", from {base} in {year_label(row['base_year'])}"
        status = row["status"]
        if status == "met":
            s += ": the base already reaches it"
        elif status == "share":
            s += f": {fmt_number(row['required_change'], 2)} percentage points to gain"
        elif status == "sub-annual":
            s += f": {fmt_number(row['required_change'], 1)}% over less than a year"
        else:
            s += (
                f": {fmt_number(row['required_growth'], 1)}% a year over "
                f"{fmt_number(row['years'], 2)} year{'' if row['years'] == 1 else 's'}"
            )
        if row["base_qualifier"] in ("more_than", "over", "at_least"):
            s += " (the base is a lower bound, so this overstates the growth needed)"
        s += "."
        if row["growth_fact"]:
            s += (
                f" The corpus reports growth of {fmt_number(row['reported_growth'], 2)}% "
                f"({row['reported_growth_when']})."
            )
    out = md_escape(s)
    if row["comparability"] not in ("same", "no_base"):
        out += " **Not like for like:** " + md_escape(row["note"])
    return out


def value_scale(base_unit: str, values: pd.Series) -> tuple[float, str]:
    """A divisor and axis label that keep chart values readable (yuan in billions …).

    Returns
    -------
    tuple
        ``(divisor, label)``, e.g. ``(1e9, "billion yuan")``.
    """
    top = float(np.nanmax(np.abs(values))) if len(values) else 0.0
    unit = fmt_value(1, base_unit).removeprefix("1").strip() or base_unit
    for scale, word in SCALES:
        if top >= scale and base_unit in SCALED_UNITS:
            return scale, f"{word} {unit}"
    return 1.0, unit


def scenario_chart(row: Mapping, rates: Mapping[str, float], title: str) -> alt.LayerChart | None:
    """Projections from the base under each rate, against the target line.

    Parameters
    ----------
    row : mapping
        A row of :func:`lib.analysis.targets.target_table` with status ``growth`` (others
        return None: a chart needs a base a year or more before the target, below it).
    rates : mapping
        Scenario name → percent a year (see :func:`lib.analysis.targets.check_rates`).
    title : str

    Returns
    -------
    altair.LayerChart or None
    """
    if row["status"] != "growth" or not float(row["base_year"]).is_integer():
        return None
    base_year, until = int(row["base_year"]), int(math.ceil(row["target_year"]))
    frame = project(row["base_value"], base_year, rates, until)
    divisor, unit = value_scale(
        row["base_unit"], pd.concat([frame.value, pd.Series([row["target_value"]])])
    )
    frame = frame.assign(
        value=frame.value / divisor,
        label=[f"{s} ({fmt_number(r, 1)}% a year)" for s, r in zip(frame.scenario, frame.rate)],
    )
    stated = fmt_stated(row["target_qualifier"], row["target_value"], row["base_unit"])
    target = pd.DataFrame(
        {
            "value": [row["target_value"] / divisor],
            "text": [
                f"target: {stated} ({row['target_text']}) by {year_label(row['target_year'])}"
            ],
        }
    )
    order = list(dict.fromkeys(frame.label))
    # room above the higher of the target and the projections, so the target's label shows
    top = max(float(frame.value.max()), float(target.value.iloc[0])) * 1.15
    lines = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=unit, scale=alt.Scale(domain=[0, top], nice=False)),
            color=alt.Color("label:N", title="Scenario", sort=order),
            tooltip=["scenario", "rate", "year", alt.Tooltip("value:Q", format=",.2f")],
        )
    )
    rule = alt.Chart(target).mark_rule(strokeDash=[6, 4], color="#D55E00").encode(y="value:Q")
    text = (
        alt.Chart(target)
        .mark_text(align="left", dx=4, dy=-6, color="#D55E00")
        .encode(y="value:Q", text="text:N", x=alt.value(0))
    )
    return alt.layer(lines, rule, text).properties(title=title, width=420, height=220)
