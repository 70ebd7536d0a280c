"""What the source-reconciliation chapter shows, built on :mod:`lib.analysis.reconcile`.

Figures the corpus states more than once are found and classified by
:func:`lib.analysis.reconcile.reconcile`; this module selects them by region and lays them out for
the reader: a chart of the verdicts, each pair of differing statements with both passages, their
sources and the reading the report uses, the figures that agree, and the things the corpus calls
by different names. The functions a template cell calls return what the cell shows (a chart, or
:func:`lib.present.markdown.md`), and the sentence saying so when there is nothing to show.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
from IPython.display import Markdown

from lib.analysis.places import place_labels
from lib.analysis.reconcile import KEY, name_variants, reconcile, reconcile_pairs
from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.present.charts import point_title
from lib.present.markdown import md, md_escape, md_table
from lib.text.english import STATUS_EN, fmt_period

__all__ = [
    "VERDICTS",
    "agree_table",
    "figure_label",
    "later_of",
    "name_variant_section",
    "name_variant_table",
    "pair_sections",
    "pair_table",
    "repeated_figures",
    "statements_table",
    "used_sentence",
    "verdict_chart",
    "verdict_counts",
    "verdict_point",
]

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
        e.g. ``"Digital-information cluster revenue — 章贡区 Zhanggong District, 2024"``; a
        figure that is not a result says what it is (``"…, 2027 (target)"``).
    """
    labels = fb.indicator_labels
    where = place_labels(fb).get(row["region_code"], row["region_code"])
    parts = [labels.get(row["indicator"], row["indicator"]), where]
    if row["entity"]:
        parts.insert(1, row["entity"])
    text = " — ".join([parts[0], ", ".join(parts[1:])])
    when = fmt_period(row["period"], row["period_type"]) if row["period"] else ""
    extra = [p for p in (when, row["state"]) if p]
    text = f"{text}, {' '.join(extra)}" if extra else text
    status = STATUS_EN.get(row.get("status", "achieved"), "")
    return f"{text} ({status})" if status else text


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
    return (
        rec.assign(_o=rec.verdict.map(order))
        .sort_values(["_o", "figure"])
        .drop(columns="_o")
        .reset_index(drop=True)
    )


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
        rows.append(
            {"verdict": v, "figures": len(sel), "across_sources": int((sel.sources > 1).sum())}
        )
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
    for (entity, name_en, etype), group in nv.groupby(
        ["entity", "name_en", "entity_type"], sort=True
    ):
        names = [
            f"{r.name} ({', '.join(source_number(s) for s in r.sources.split(';'))})"
            for r in group.itertuples()
        ]
        rows.append(
            {"entity": entity, "name_en": name_en, "entity_type": etype, "names": "; ".join(names)}
        )
    return pd.DataFrame(rows, columns=["entity", "name_en", "entity_type", "names"])


#: What the verdict chart calls the two parts of each bar.
_SCOPES = ("stated within one source", "stated by two or more sources")


#: The sentence shown when the selected regions have no pair of the verdict.
_NO_PAIRS = {
    "conflict": "No figure of the selected regions is stated in conflicting ways.",
    "rounding": "No figure of the selected regions differs only by rounding.",
}

#: The renamed cluster whose revenue is one of the conflicts, and what the page says about it.
_RENAMED_CLUSTER = "数字信息产业集群"
_RENAMED_CLUSTER_NOTE = (
    "The most consequential case is the cluster that one source calls 数字信息产业 "
    "and the other 数智装备产业集群: its {term}`revenue <营收>` is one of the "
    "conflicts above."
)


def verdict_point(figures: pd.DataFrame) -> str:
    """The verdict chart's point: how many repeated figures agree, and how many conflict.

    Parameters
    ----------
    figures : pandas.DataFrame
        Output of :func:`repeated_figures`.

    Returns
    -------
    str
        ``"27 of the 31 figures stated more than once agree; 2 differ only by rounding and
        2 conflict."``; empty when no figure is repeated.
    """
    if figures.empty:
        return ""
    n = verdict_counts(figures).set_index("verdict").figures
    return (
        f"{n['agree']} of the {len(figures)} figures stated more than once agree; "
        f"{n['rounding']} differ only by rounding and {n['conflict']} conflict."
    )


def verdict_chart(figures: pd.DataFrame) -> alt.Chart | Markdown:
    """Bars of the repeated figures by verdict, split by whether two sources state them.

    Parameters
    ----------
    figures : pandas.DataFrame
        Output of :func:`repeated_figures`.

    Returns
    -------
    altair.Chart or IPython.display.Markdown
        One bar per verdict (every verdict listed, zero included), stacked: figures stated
        within one source and figures stated by two or more; titled with
        :func:`verdict_point`. Or the sentence saying that no figure is stated more than
        once.
    """
    if figures.empty:
        return md("No figure of the selected regions is stated more than once.")
    counts = verdict_counts(figures)
    data = pd.DataFrame(
        {
            "verdict": list(counts.verdict) * 2,
            "scope": [_SCOPES[0]] * len(counts) + [_SCOPES[1]] * len(counts),
            "count": list(counts.figures - counts.across_sources) + list(counts.across_sources),
            "part": [0] * len(counts) + [1] * len(counts),
        }
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "count:Q",
                title="Figures stated more than once (count)",
                axis=alt.Axis(tickMinStep=1),
            ),
            y=alt.Y("verdict:N", sort=list(VERDICTS), title="Verdict"),
            color=alt.Color(
                "scope:N",
                title=None,
                scale=alt.Scale(domain=list(_SCOPES)),
                legend=alt.Legend(orient="bottom"),
            ),
            order=alt.Order("part:Q"),
            tooltip=["verdict", "scope", "count"],
        )
        .properties(
            title=point_title(
                verdict_point(figures),
                "Every figure the corpus states more than once, by how its statements "
                "compare, and whether one source or several state it.",
            ),
            height=alt.Step(28),
        )
    )


def statements_table(pair: dict) -> str:
    """Both statements of a pair side by side: source, its date, the value as written, the passage.

    Parameters
    ----------
    pair : dict
        A row of :func:`pair_table`.

    Returns
    -------
    str
        A Markdown table, one row per statement (``a`` first), every cell escaped.
    """
    rows = [
        {
            "Source": source_number(pair[f"source_{s}"]),
            "Dated": pair[f"date_{s}"],
            "As written": pair[f"value_text_{s}"],
            "Passage": pair[f"quote_{s}"],
        }
        for s in ("a", "b")
    ]
    return md_table(pd.DataFrame(rows, columns=["Source", "Dated", "As written", "Passage"]))


def used_sentence(pair: dict) -> str:
    """Which statement of a pair the report uses, and why.

    Parameters
    ----------
    pair : dict
        A row of :func:`pair_table`; ``used`` is one of its two facts.

    Returns
    -------
    str
        Markdown: the reading used and its source; for a conflict, that it is the later source,
        or that the dates do not settle it (the choice is provisional and the other reading is
        named); for a rounding difference, that it is the more precise statement.
    """
    side = "a" if pair["used"] == pair["fact_a"] else "b"
    other = "b" if side == "a" else "a"
    text = (
        f"The report uses **{md_escape(pair[f'value_text_{side}'])}** "
        f"(source {md_escape(source_number(pair[f'source_{side}']))}). "
    )
    if pair["verdict"] != "conflict":
        return (
            text + "It is the more precise statement; the other rounds it or gives it as a bound."
        )
    if pair["later"] == side:
        return text + "It is the later source; the other reading is shown here beside it."
    return text + (
        f"The sources are dated {md_escape(pair[f'date_{side}'])} and "
        f"{md_escape(pair[f'date_{other}'])}: the dates do not establish which account "
        "is later, so the choice is provisional: read any figure built on it with the "
        f"other reading, {md_escape(pair[f'value_text_{other}'])}, in mind."
    )


def pair_sections(fb: FactBase, codes: Sequence[str], verdict: str) -> Markdown:
    """Every pair of statements of one verdict: the figure, both statements, the reading used.

    Parameters
    ----------
    fb : FactBase
    codes : sequence of str
        Region codes (see :func:`lib.analysis.places.check_regions`).
    verdict : str
        ``"conflict"`` or ``"rounding"``.

    Returns
    -------
    IPython.display.Markdown
        For each figure, its name in bold, a table of its statements (each once, as in
        :func:`statements_table`) and :func:`used_sentence` of the pair that holds the
        statement used; the sentence saying there is none when the selected regions have no
        such pair.

    Raises
    ------
    ValueError
        For a verdict other than ``conflict`` or ``rounding``.
    """
    if verdict not in _NO_PAIRS:
        raise ValueError(f"unknown verdict {verdict!r}; valid: {list(_NO_PAIRS)}")
    pairs = pair_table(fb, codes, [verdict])
    if pairs.empty:
        return md(_NO_PAIRS[verdict])
    blocks = []
    # a figure stated three times makes two pairs: one section, every statement once
    for figure, group in pairs.groupby("figure", sort=False):
        records = group.to_dict("records")
        seen: dict[str, dict] = {}
        for pair in records:
            for s in ("a", "b"):
                seen.setdefault(
                    pair[f"fact_{s}"],
                    {
                        "Source": source_number(pair[f"source_{s}"]),
                        "Dated": pair[f"date_{s}"],
                        "As written": pair[f"value_text_{s}"],
                        "Passage": pair[f"quote_{s}"],
                    },
                )
        table = md_table(pd.DataFrame(list(seen.values())))
        # the sentence comes from the pair that holds the statement used
        holder = next((p for p in records if p["used"] in (p["fact_a"], p["fact_b"])), records[0])
        blocks += [f"**{md_escape(figure)}**", table, used_sentence(holder)]
    return md(*blocks)


def agree_table(fb: FactBase, figures: pd.DataFrame) -> Markdown:
    """The figures whose statements all agree: readings, number of statements, sources.

    Parameters
    ----------
    fb : FactBase
    figures : pandas.DataFrame
        Output of :func:`repeated_figures`.

    Returns
    -------
    IPython.display.Markdown
        A table with ``Figure``, ``As written``, ``Statements`` and ``Sources`` (source
        numbers, sorted, comma-separated), or the sentence saying that no figure is stated twice
        with the same value.
    """
    agree = figures[figures.verdict == "agree"]
    if agree.empty:
        return md("No figure of the selected regions is stated twice with the same value.")
    source_of = dict(zip(fb.facts.fact_id, fb.facts.source_id))
    sources = [
        ", ".join(sorted({source_number(source_of[f]) for f in ids.split(";")}))
        for ids in agree.fact_ids
    ]
    table = pd.DataFrame(
        {
            "Figure": agree.figure.to_list(),
            "As written": agree.readings.to_list(),
            "Statements": agree.mentions.to_list(),
            "Sources": sources,
        }
    )
    return md(md_table(table))


def name_variant_section(names: pd.DataFrame) -> Markdown:
    """Things called by different names in different sources, as a table.

    Parameters
    ----------
    names : pandas.DataFrame
        Output of :func:`name_variant_table`.

    Returns
    -------
    IPython.display.Markdown
        A note on the renamed digital-information cluster when it is among them (its revenue is
        one of the conflicts), then the table (canonical name, English, type, names used with
        their sources); the sentence saying there is none when the table is empty.
    """
    if names.empty:
        return md(
            "No firm, cluster or programme of the selected regions goes by different names "
            "in different sources."
        )
    note = _RENAMED_CLUSTER_NOTE if _RENAMED_CLUSTER in set(names.entity) else ""
    return md(
        note,
        md_table(
            names.rename(
                columns={
                    "entity": "Canonical name",
                    "name_en": "English",
                    "entity_type": "Type",
                    "names": "Names used (sources)",
                }
            )
        ),
    )
