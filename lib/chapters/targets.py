"""What the targets chapter shows: the targets, cited, in sequence, projected and checked.

:func:`load` computes everything the page shows once (:class:`TargetsPage`: the distinct
targets of :func:`lib.analysis.targets.target_table`, their sequences, the rows left out as
not targets, the outcomes reported by later sources and the expectations none can check); the
chapter's numbers come from :func:`page_values`; each table and chart of the page is one
function here that returns what its cell shows (:func:`lib.present.markdown.md` for text and
tables, an Altair chart for a chart), or the sentence that says there is nothing to show.

Use::

    from lib.chapters import targets as view
    page = view.load(fb, 2030, {"low": 4.0, "central": 8.0, "high": 15.0})
    view.target_overview(fb, page.targets, cite)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import altair as alt
import pandas as pd
from IPython.display import Markdown

from lib.analysis.places import place_labels
from lib.analysis.targets import (
    non_targets,
    outcome_table,
    scenario_rates,
    target_chains,
    target_table,
    unchecked_expectations,
    years_to_reach,
)
from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.present.citations import Citations
from lib.present.markdown import md, md_escape, md_table
from lib.present.targets import scenario_chart, year_label
from lib.text.english import (
    INFERRED_MARK,
    counted,
    fact_period,
    fact_value,
    fmt_number,
    fmt_period,
    fmt_stated,
)
from lib.text.normalise import squash

__all__ = [
    "TargetsPage",
    "exclusions",
    "load",
    "outcome_markdown",
    "page_values",
    "requirement_chart",
    "rates_of",
    "scenario_markdown",
    "scenario_panels",
    "sequence_markdown",
    "target_label",
    "target_overview",
    "times",
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


def times(n: int) -> str:
    """How often a target is stated: ``"once"``, ``"twice"``, ``"8 times"``."""
    return {1: "once", 2: "twice"}.get(n, f"{fmt_number(n)} times")


@dataclass(frozen=True)
class TargetsPage:
    """What the targets page shows, computed once by :func:`load`.

    Attributes
    ----------
    targets : pandas.DataFrame
        :func:`lib.analysis.targets.target_table` of the places chosen.
    excluded : pandas.DataFrame
        :func:`lib.analysis.targets.non_targets` of those places: statements recorded as
        targets that are not, with the reason.
    chains : pandas.DataFrame
        :func:`lib.analysis.targets.target_chains` of the targets.
    outcomes : pandas.DataFrame
        :func:`lib.analysis.targets.outcome_table` of those places.
    unchecked : pandas.DataFrame
        :func:`lib.analysis.targets.unchecked_expectations` of those places.
    fallback : dict
        The chapter's fixed scenario rates, used where the corpus reports no growth.
    horizon_year : int
        The year assumed for targets that state none.
    """

    targets: pd.DataFrame
    excluded: pd.DataFrame
    chains: pd.DataFrame
    outcomes: pd.DataFrame
    unchecked: pd.DataFrame
    fallback: dict[str, float]
    horizon_year: int


def load(
    fb: FactBase,
    horizon_year: int,
    fallback: Mapping[str, float],
    regions: list[str] | None = None,
) -> TargetsPage:
    """Everything the targets page shows, for the places chosen.

    Parameters
    ----------
    fb : FactBase
    horizon_year : int
        Checked by :func:`lib.analysis.targets.check_horizon`.
    fallback : mapping
        Checked by :func:`lib.analysis.targets.check_rates`.
    regions : list of str, optional
        Region codes (default: every place).

    Returns
    -------
    TargetsPage
    """
    targets = target_table(fb, horizon_year, regions)
    chosen = fb.facts if regions is None else fb.facts[fb.facts.region_code.isin(regions)]
    outcomes, unchecked = outcome_table(fb), unchecked_expectations(fb)
    if regions is not None:
        outcomes = outcomes[outcomes.region_code.isin(regions)].reset_index(drop=True)
        unchecked = unchecked[unchecked.region_code.isin(regions)].reset_index(drop=True)
    return TargetsPage(
        targets=targets,
        excluded=non_targets(chosen),
        chains=target_chains(targets),
        outcomes=outcomes,
        unchecked=unchecked,
        fallback=dict(fallback),
        horizon_year=horizon_year,
    )


def rates_of(row: Mapping, fallback: Mapping[str, float]) -> tuple[dict[str, float], str]:
    """The scenario rates of a target row: :func:`lib.analysis.targets.scenario_rates`."""
    return scenario_rates(list(row["reported_rates"]), fallback)


def page_values(page: TargetsPage) -> dict[str, str | int]:
    """The numbers the chapter's prose quotes, by the name the page glues them as.

    Parameters
    ----------
    page : TargetsPage

    Returns
    -------
    dict
        Counts as phrases that read in the singular and the plural: ``targets_phrase``
        (``"7 distinct targets"``), ``statements_phrase``, ``repeats_phrase`` (statements
        beyond the first of each target), ``top_times`` (how often the most repeated target is
        stated) and ``top_target`` (what it is); ``assumed_phrase`` (``"2 targets state no
        year"``), ``horizon``; ``chains_phrase`` (``"1 measure has"``, ``"no measure
        has"``); ``reported_phrase`` and ``fallback_phrase`` (targets projected at reported
        rates, and at the fixed ones); ``rate_<name>`` per fixed rate (``"8%"``);
        ``outcomes_phrase`` and ``unchecked_phrase``. ``n_targets``, ``n_statements``,
        ``n_based``, ``n_alike``, ``n_assumed``, ``n_reported`` and ``n_fallback`` are the
        bare counts (for tests and other pages).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"status": ["growth", "no base"], "mentions": [3, 1],
    ...                   "comparability": ["same", "no_base"], "measure": ["Firms", "Revenue"],
    ...                   "entity": ["", ""], "target_text": ["32家", "千亿"],
    ...                   "year_basis": ["stated", "assumed"], "reported_rates": [(), ()]})
    >>> e = pd.DataFrame()
    >>> v = page_values(TargetsPage(t, e, e, e, e, {"low": 4.0}, 2030))
    >>> v["statements_phrase"], v["assumed_phrase"], v["rate_low"], v["top_times"]
    ('4 statements', '1 target states no year', '4%', '3 times')
    """
    targets = page.targets
    based = targets[targets.status != "no base"]
    n_assumed = int((targets.year_basis == "assumed").sum())
    growth = targets[targets.status == "growth"]
    n_reported = int(sum(1 for r in growth.reported_rates if len(r)))
    n_fallback = len(growth) - n_reported
    ranked = targets.sort_values("mentions", ascending=False, kind="stable")
    top = ranked.iloc[0] if len(ranked) else None
    n_chains = page.chains.chain.nunique() if len(page.chains) else 0
    return {
        "n_targets": len(targets),
        "n_statements": int(targets.mentions.sum()),
        "n_based": len(based),
        "n_alike": int((based.comparability == "same").sum()),
        "n_assumed": n_assumed,
        "n_reported": n_reported,
        "n_fallback": n_fallback,
        "targets_phrase": counted(len(targets), "distinct target"),
        "statements_phrase": counted(int(targets.mentions.sum()), "statement"),
        "repeats_phrase": counted(int(targets.mentions.sum()) - len(targets), "repetition"),
        "top_times": times(int(top.mentions)) if top is not None else "never",
        "top_target": (
            f"{target_label(top)} ({top.target_text})" if top is not None else "no target"
        ),
        "assumed_phrase": f"{counted(n_assumed, 'target')} "
        f"state{'s' if n_assumed == 1 else ''} no year",
        "horizon": page.horizon_year,
        "chains_phrase": (
            "no measure has"
            if n_chains == 0
            else f"{counted(n_chains, 'measure')} {'has' if n_chains == 1 else 'have'}"
        ),
        "reported_phrase": counted(n_reported, "target"),
        "fallback_phrase": counted(n_fallback, "target"),
        "outcomes_phrase": (
            counted(len(page.outcomes), "expectation") if len(page.outcomes) else "no expectation"
        ),
        "unchecked_phrase": counted(
            len(page.unchecked), "other target or forecast", "other targets and forecasts"
        ),
    } | {f"rate_{name}": f"{rate:g}%" for name, rate in page.fallback.items()}


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


def _when(year: float, basis: str) -> str:
    return year_label(year) + {"assumed": " (assumed)", "inferred": INFERRED_MARK}.get(basis, "")


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
        is no target. When one voice sets every target, a sentence says so instead of a
        ``Set by`` column.
    """
    if targets.empty:
        return md("The corpus states no target for the places chosen.")
    places = place_labels(fb)
    rows = []
    for r in targets.to_dict("records"):
        base = (
            f"{fmt_stated(r['base_qualifier'], r['base_value'], r['base_unit'])} ({r['base_when']})"
            if r["base_fact"]
            else "—"
        )
        reported = (
            f"; reported: {fmt_number(r['reported_growth'], 2)}% ({r['reported_growth_when']})"
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
                    f" by {_when(r['target_year'], r['year_basis'])}"
                    + (f"; stated {times(r['mentions'])}" if r["mentions"] > 1 else "")
                ),
                "Required, and growth reported": md_escape(_required(r) + reported),
                "Like for like": md_escape(_ALIKE[r["comparability"]]),
                "Quotes": cite.ref(r["target_fact"], r["base_fact"], r["growth_fact"]),
            }
        )
    frame = pd.DataFrame(rows)
    voices = targets.attribution.unique()
    said_by = ""
    if len(voices) == 1:  # one voice for all: said once, not in every row
        frame = frame.drop(columns="Set by")
        said_by = md_escape(
            f"Every target here is set by {_WHO.get(voices[0], voices[0])}"
            + (" (the outlet's own voice)." if voices[0] == "article" else ".")
        )
    table = md_table(frame, escape=False)
    notes = [
        f"- **{md_escape(target_label(r))} ({md_escape(r['target_text'])})**: "
        f"{md_escape(r['note'])}"
        for r in targets.to_dict("records")
        if r["comparability"] != "same"
    ]
    why = (
        "**Why some targets do not compare with their base**\n\n" + "\n".join(notes)
        if notes
        else ""
    )
    return md(table, said_by, why)


def exclusions(page: TargetsPage, cite: Citations) -> Markdown:
    """What was left out as not a target, and why; or that nothing was.

    Parameters
    ----------
    page : TargetsPage
    cite : Citations
        Each statement left out is cited.

    Returns
    -------
    IPython.display.Markdown
        A sentence, and a list of the statements left out with their reasons.
    """
    rule = (
        "a plan's horizon (how long a plan runs, such as a 三年行动计划) or a threshold "
        "that defines what another target counts (the 百亿 of 4个百亿产业集群)"
    )
    if page.excluded.empty:
        return md(
            md_escape(
                "No statement recorded as a target is "
                + rule
                + ": had one been, it would be listed here and left out of every count."
            )
        )
    items = [
        f"- {md_escape(r.value_text)}: {md_escape(r.reason)} {cite.ref(r.fact_id)}"
        for r in page.excluded.itertuples(index=False)
    ]
    head = (
        f"{counted(len(page.excluded), 'statement')} recorded as "
        f"target{'s' if len(page.excluded) > 1 else ''} "
        f"{'are' if len(page.excluded) > 1 else 'is'} left out of every count: "
        f"{'each is' if len(page.excluded) > 1 else 'it is'} {rule}."
    )
    return md(md_escape(head), "\n".join(items))


def _step_growth(r: Mapping) -> str:
    if pd.isna(r["years"]):
        return "—"
    if r["base_unit"] == "percent":
        return f"{r['step_change']:+.2f} percentage points"
    if pd.notna(r["step_growth"]):
        return f"{fmt_number(r['step_growth'], 1)}% a year over {counted(r['years'], 'year')}"
    return f"{fmt_number(r['step_change'], 1)}% in under a year"


def sequence_markdown(fb: FactBase, page: TargetsPage, cite: Citations) -> Markdown:
    """Each measure with two or more targets: its steps from the base, with their growth.

    Parameters
    ----------
    fb : FactBase
    page : TargetsPage
    cite : Citations
        Each step cites its fact.

    Returns
    -------
    IPython.display.Markdown
        Per sequence a bold heading and a table (step, year, level, what it is, growth from
        the step before, quote), then what to keep in mind (a base from another area, a
        lower bound, an assumed year); a sentence when no measure has two targets.
    """
    chains = page.chains
    if chains.empty:
        return md("No measure of the places chosen has more than one target.")
    places = place_labels(fb)
    targets = page.targets.set_index("target_fact", drop=False)
    blocks = []
    for _, steps in chains.groupby("chain", sort=False):
        first = steps.iloc[0]
        head = f"**{target_label(first)}, {places.get(first.region_code, first.region_code)}**"
        rows, caveats = [], []
        for r in steps.to_dict("records"):
            role = "base: level reached" if r["role"] == "base" else "target"
            rows.append(
                {
                    "Step": str(r["step"]),
                    "Year": md_escape(_when(r["year"], r["year_basis"])),
                    "Level": md_escape(
                        f"{fmt_stated(r['qualifier'], r['value'], r['base_unit'])} ({r['text']})"
                    ),
                    "What it is": md_escape(role),
                    "Growth from the step before": md_escape(_step_growth(r)),
                    "Quote": cite.ref(r["fact_id"]),
                }
            )
            if r["role"] == "base" and r["comparability"] not in ("same", "no_base"):
                note = targets.loc[steps.iloc[1].fact_id, "note"]
                caveats.append(f"The base measures something else. {note}")
            if r["qualifier"] in ("more_than", "over", "at_least") and r["role"] == "target":
                caveats.append(
                    f"The target of step {r['step']} is a lower bound ({r['text']}): the "
                    "step after it may need less growth than shown, the step before it more."
                )
            if r["year_basis"] == "assumed":
                caveats.append(
                    f"Step {r['step']} states no year: it is placed at the report's horizon, "
                    f"{page.horizon_year}, and its growth changes with that assumption."
                )
        blocks += [
            head,
            md_table(pd.DataFrame(rows), escape=False),
            "\n".join(f"- {md_escape(c)}" for c in caveats),
        ]
    return md(*blocks)


def _growth_rows(targets: pd.DataFrame) -> pd.DataFrame:
    return targets[targets.status == "growth"]


def requirement_chart(fb: FactBase, targets: pd.DataFrame) -> alt.LayerChart | Markdown:
    """Required annual growth per target (bars) and the growth reported for it (points).

    Parameters
    ----------
    fb : FactBase
    targets : pandas.DataFrame
        :func:`lib.analysis.targets.target_table` of the places chosen.

    Returns
    -------
    altair.LayerChart or IPython.display.Markdown
        Bars coloured by whether base and target measure the same thing, a diamond at the
        latest reported growth; a sentence when no target has an annual requirement.
    """
    rows = _growth_rows(targets)
    if rows.empty:
        return md("No target of the places chosen has a base a year or more before it.")
    places = place_labels(fb)
    data = pd.DataFrame(
        {
            "target": [
                f"{target_label(r)}, {r['target_text']} ({places.get(r['region_code'], '')})"
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
    return alt.layer(bars, reported).properties(
        title="Required annual growth (bars) and reported growth (◆)", height=alt.Step(26)
    )


def _rates_from(fb: FactBase, r: Mapping, origin: str) -> str:
    if origin == "fallback":
        return "the chapter's fixed rates: the corpus reports no growth for this measure"
    by_id = fb.facts.set_index("fact_id")
    said = []
    for fid in r["growth_facts"].split(";"):
        g = by_id.loc[fid]
        label = fb.indicator_labels.get(g.indicator, g.indicator)
        said.append(f"{label.lower()} {fmt_number(g.value_base, 2)}% ({fact_period(g)})")
    return "reported: " + "; ".join(said)


def _reach(r: Mapping, rates: Mapping[str, float]) -> list[str]:
    out = []
    for name, rate in rates.items():
        years = years_to_reach(r["base_value"], r["target_value"], rate)
        if math.isinf(years):
            out.append(f"{name} ({fmt_number(rate, 2)}%): never")
            continue
        year = math.ceil(r["base_year"] + years - 1e-9)
        due = int(math.ceil(r["target_year"]))
        late = "on time" if year <= due else f"{counted(year - due, 'year')} late"
        out.append(f"{name} ({fmt_number(rate, 2)}%): {year}, {late}")
    return out


def scenario_markdown(fb: FactBase, page: TargetsPage, cite: Citations) -> Markdown:
    """For each target with a base: the scenario rates, where they come from, when each
    reaches the target (cited).

    Parameters
    ----------
    fb : FactBase
    page : TargetsPage
        Its ``fallback`` rates are used only for targets whose measure has no reported growth.
    cite : Citations
        The page's citations; each row cites its target, base and growth facts.

    Returns
    -------
    IPython.display.Markdown
        A table, one row per target with an annual requirement (``Rates from`` says whether
        the rates are reported growth or the fallback), then the caveats of targets whose
        base measures something else; a sentence when none can be projected.
    """
    rows = _growth_rows(page.targets)
    if rows.empty:
        return md(
            "No target of the places chosen can be projected: none has a base a year or "
            "more before it and below it."
        )
    places = place_labels(fb)
    table, caveats = [], []
    for r in rows.to_dict("records"):
        rates, origin = rates_of(r, page.fallback)
        table.append(
            {
                "Target": md_escape(
                    f"{target_label(r)} ({places.get(r['region_code'], '')}): "
                    f"{fmt_stated(r['target_qualifier'], r['target_value'], r['base_unit'])} "
                    f"by {_when(r['target_year'], r['year_basis'])}"
                ),
                "Required": md_escape(_required(r)),
                "Rates from": md_escape(_rates_from(fb, r, origin)),
                "Reaches the target": md_escape("; ".join(_reach(r, rates))),
                "Quotes": cite.ref(r["target_fact"], r["base_fact"], *r["growth_facts"].split(";")),
            }
        )
        if r["comparability"] != "same":
            caveats.append(
                f"- **{md_escape(target_label(r))} ({md_escape(r['target_text'])})**: "
                f"indicative only. {md_escape(r['note'])}"
            )
    return md(md_table(pd.DataFrame(table), escape=False), "\n".join(caveats))


def scenario_panels(fb: FactBase, page: TargetsPage) -> alt.VConcatChart | Markdown:
    """One scenario chart per target with a base (see :func:`lib.present.targets.scenario_chart`),
    at its own rates (:func:`rates_of`).

    Parameters
    ----------
    fb : FactBase
    page : TargetsPage

    Returns
    -------
    altair.VConcatChart or IPython.display.Markdown
        The panels one below the other, each with its own legend (the rates differ from one
        target to the next); a sentence when no target can be drawn (none has a base for a
        whole year, a year or more before it and below it).
    """
    places = place_labels(fb)
    charts = [
        scenario_chart(
            r,
            rates_of(r, page.fallback)[0],
            f"{target_label(r)} ({places.get(r['region_code'], '')})",
        )
        for r in _growth_rows(page.targets).to_dict("records")
    ]
    charts = [c for c in charts if c is not None]
    if not charts:
        return md(
            "No target of the places chosen can be drawn: none has a base stated for a "
            "whole year, a year or more before it and below it."
        )
    return alt.vconcat(*charts).resolve_scale(color="independent")


_VERDICT = {"met": "met", "missed": "missed", "pending": "not yet due"}
_TIMING = {
    "on_time": "on time",
    "late": "late",
    "not_stated": "when is not stated",
    "": "",
}


def _source(source_id: str, date: str) -> str:
    return (
        f"source {source_number(source_id)}, {fmt_period(date, 'month' if '-' in date else 'year')}"
    )


_UNCHECKED = {
    "no_later_source": "No source published later reports on the place",
    "later_source_silent": "A later source reports on the place, but not on this",
    "order_unknown": "Another source reports on the place, but the dates do not show which "
    "came out first",
}


#: How the other sources of an unchecked target are introduced, by why none checks it.
_OTHERS = {"later_source_silent": "later in", "order_unknown": "not known to be later,"}


def _sources(ids: str) -> str:
    numbers = [source_number(s) for s in ids.split(";") if s]
    return ("source " if len(numbers) == 1 else "sources ") + ", ".join(numbers)


def outcome_markdown(fb: FactBase, page: TargetsPage, cite: Citations) -> Markdown:
    """Targets and expectations a later source reports on, then those none can check.

    Parameters
    ----------
    fb : FactBase
    page : TargetsPage
    cite : Citations
        Each row cites the statement and the later fact.

    Returns
    -------
    IPython.display.Markdown
        A table of ``outcomes.csv`` (what was expected, by whom and when; what the later
        source says, verbatim; the verdict) and the notes of its rows; then the other targets
        and forecasts, grouped by why none can be checked.
    """
    places = place_labels(fb)
    by_id = fb.facts.set_index("fact_id", drop=False)
    blocks = []
    if page.outcomes.empty:
        blocks.append(
            "No later source of the corpus reports on a target or forecast of the places chosen."
        )
    else:
        rows, notes = [], []
        for r in page.outcomes.to_dict("records"):
            expected = fact_value(by_id.loc[r["target_fact"]], with_status=False)
            verdict = _VERDICT[r["verdict"]] + (
                f" ({_TIMING[r['timing']]})" if _TIMING[r["timing"]] else ""
            )
            what = target_label(r)
            rows.append(
                {
                    "Place": md_escape(places.get(r["region_code"], r["region_code"])),
                    "Expected earlier": md_escape(
                        f"{what}: {expected} ({r['target_text']}) in {r['target_when']}; "
                        f"a {r['target_status']} in "
                        f"{_source(r['target_source'], r['target_date'])}"
                    ),
                    "Reported later": md_escape(
                        f"{squash(r['evidence'])} "
                        f"({_source(r['outcome_source'], r['outcome_date'])})"
                    ),
                    "Verdict": f"**{md_escape(verdict)}**",
                    "Quotes": cite.ref(r["target_fact"], r["outcome_fact"]),
                }
            )
            notes.append(f"- {md_escape(r['note'])}")
        blocks += [md_table(pd.DataFrame(rows), escape=False), "\n".join(notes)]
    if not page.unchecked.empty:
        blocks.append("**Targets and forecasts no later source checks**")
        items = []
        for check in _UNCHECKED:
            group = page.unchecked[page.unchecked.check == check]
            if group.empty:
                continue
            said = []
            for place, in_place in group.groupby("region_code", sort=False):
                each = [
                    f"{md_escape(r.measure.lower())}"
                    + (f" of {md_escape(r.entity)}" if r.entity else "")
                    + f" ({md_escape(fact_value(by_id.loc[r.fact_id]))}, "
                    f"{md_escape(_source(r.source_id, r.date))}"
                    + (
                        f"; {_OTHERS[check]} {md_escape(_sources(r.other_sources))}"
                        if r.other_sources
                        else ""
                    )
                    + f") {cite.ref(r.fact_id)}"
                    for r in in_place.itertuples(index=False)
                ]
                said.append(f"{md_escape(places.get(place, place))}: " + "; ".join(each))
            items.append(
                f"- **{md_escape(_UNCHECKED[check])}** ({len(group)}). " + ". ".join(said) + "."
            )
        blocks.append("\n".join(items))
    return md(*blocks)
