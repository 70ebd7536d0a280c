"""Tables of figures for the reader: the one figure table every chapter uses.

A *figure* is a fact row (``FactBase.facts`` or a selection of it). :func:`figure_table`
lays figures out as a Markdown table with the value in words, the figure as written, its
period and kind, and where it comes from: a numbered citation when the page keeps a
:class:`~lib.present.citations.Citations`, else the source and the quote itself.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from IPython.display import Markdown

from lib.analysis.places import place_labels
from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.present.citations import Citations
from lib.present.markdown import md, md_escape, md_table
from lib.text.english import INFERRED_NOTE, fact_period, fact_value

__all__ = ["READING_NOTE", "reading_note", "absent_places", "figure_section", "figure_table"]


def _value(row: pd.Series) -> str:
    text = fact_value(row)
    if row.get("verdict") == "conflict" and row.get("readings"):
        text += f" (sources differ: {row['readings']})"
    return text


def figure_table(
    fb: FactBase, figs: pd.DataFrame, cite: Citations | None = None, without: Iterable[str] = ()
) -> str:
    """Figures as a Markdown table.

    Parameters
    ----------
    fb : FactBase
    figs : pandas.DataFrame
        Fact rows. With a ``region`` column (as :func:`lib.analysis.selection.select_facts`
        returns) the table starts with the place; with an ``item`` column that names the
        measure, otherwise the indicator's label does. Where ``verdict`` is ``conflict``
        the value names the other readings (``readings``).
    cite : Citations, optional
        The page's citations: the last column links each figure to its quote. Without it,
        the table shows the source's number and the quote itself.
    without : iterable of str
        Columns to leave out (``("Kind",)`` where every figure is of one kind).

    Returns
    -------
    str
        A Markdown table, every cell from data escaped.
    """
    table = pd.DataFrame(index=figs.index)
    if "region" in figs.columns:
        table["Region"] = figs.region
    table["Figure" if "item" in figs.columns else "Measure"] = (
        figs["item"] if "item" in figs.columns else figs.indicator.map(fb.indicator_labels)
    )
    table["Entity"] = figs.entity
    table["Value"] = [_value(r) for _, r in figs.iterrows()]
    table["As written"] = figs.value_text
    table["Period"] = [fact_period(r) for _, r in figs.iterrows()]
    table["Kind"] = figs.kind
    if cite is not None:
        table["Quote"] = [cite.ref(f) for f in figs.fact_id]
    else:
        table["Source"] = figs.source_id.map(source_number)
        table["Quote"] = figs.quote
    table = table.drop(columns=list(without)).reset_index(drop=True)
    return md_table(table, raw_columns=("Quote",) if cite is not None else ())


def absent_places(fb: FactBase, regions: Iterable[str], found: Iterable[str]) -> str:
    """A sentence naming the chosen places that have no figure of some kind (empty if none).

    Parameters
    ----------
    fb : FactBase
    regions : iterable of str
        The codes the page was asked about.
    found : iterable of str
        The codes that do have figures.

    Returns
    -------
    str
        ``"No figures of this kind for 吉安市 Ji'an, 于都县 Yudu County."`` or ``""``.
    """
    labels, found = place_labels(fb), set(found)
    absent = [labels[c] for c in regions if c not in found]
    return (
        "No figures of this kind for " + ", ".join(map(md_escape, absent)) + "." if absent else ""
    )


def figure_section(
    fb: FactBase,
    figs: pd.DataFrame,
    regions: Iterable[str],
    empty: str,
    cite: Citations | None = None,
    without: Iterable[str] = (),
) -> Markdown:
    """A section's figures for a cell to show: the table, then the places without any.

    Parameters
    ----------
    fb : FactBase
    figs : pandas.DataFrame
        Fact rows of the chosen places (with ``region_code``), as for :func:`figure_table`.
    regions : iterable of str
        The codes the page was asked about.
    empty : str
        The sentence shown instead when *figs* is empty (escaped Markdown).
    cite, without
        As for :func:`figure_table`.

    Returns
    -------
    IPython.display.Markdown
        :func:`figure_table` followed by :func:`absent_places`, or *empty*.
    """
    if figs.empty:
        return md(empty)
    return md(figure_table(fb, figs, cite, without), absent_places(fb, regions, figs.region_code))


#: How to read the figures of a page, what a label, a dagger and a period's words mean. Every
#: page that shows figures says it once, near its top (:func:`reading_note`).
READING_NOTE = (
    "**Reading the figures.** A figure that did not happen says so: *forecast*, *planned* and "
    "*target* values, and the stages of investment projects (*signed*, *construction "
    "started*), are labelled as such and never added to results or to each other. A period "
    "reads as what it covers: a year, a quarter (Q1), year to date (Jan–Apr), *total to* a "
    "date (a running total) or *as of* a date (a level at that point). "
    + INFERRED_NOTE.replace("† The period", "A period marked †")
)


def reading_note() -> Markdown:
    """:data:`READING_NOTE` as the Markdown a template cell shows."""
    return md(READING_NOTE)
