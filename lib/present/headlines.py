"""Headline figures and the places table for the reader: values that say what they are.

A rank reads with its scope ("1st in Jiangxi", "the first in Jiangxi", "first prize"), read
from the words of the quote around it; a park, cluster or programme reads with its English
name beside the Chinese. :func:`headline_table` lays out a place's ranked headline figures
(:func:`lib.analysis.headlines.ranked_headlines`); :func:`places_table` the overview's
comparison of places (:func:`lib.analysis.headlines.places_comparison`), every cell cited.
"""

from __future__ import annotations

import re

import pandas as pd

from lib.analysis.headlines import CLUSTER_COLUMN, TARGET_COLUMN, comparison_columns
from lib.analysis.places import place_labels, prefecture_of
from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.present.citations import Citations
from lib.present.markdown import md_escape, md_table
from lib.text.english import fact_period, fact_value, fmt_value

__all__ = [
    "GAP",
    "entity_label",
    "headline_table",
    "headline_value",
    "lower_first",
    "places_table",
    "rank_scope",
    "short_entity",
]

#: The mark of a cell the place states nothing for (a gap, never a zero).
GAP = "—"

#: Scope words of a rank, nearest the rank first; ``{prefecture}`` is the place's prefecture.
_SCOPES = (
    (r"全国|我国|国家", "in China"),
    (r"全省|江西省|省级|省", "in Jiangxi"),
    (r"全市", "in {prefecture}"),
    (r"业内", "in its industry"),
)


def lower_first(label: str) -> str:
    """A label as it reads inside a sentence: its first letter lower-cased, unless the first
    word is an abbreviation.

    Examples
    --------
    >>> lower_first("Cluster revenue growth"), lower_first("GDP growth")
    ('cluster revenue growth', 'GDP growth')
    """
    first = label.split(" ", 1)[0]
    return label if first[1:2].isupper() else label[:1].lower() + label[1:]


def rank_scope(quote: str, value_text: str, prefecture: str = "the prefecture") -> str:
    """Where a rank holds, from the words just before it in the quote.

    Parameters
    ----------
    quote : str
        The passage the rank is quoted from.
    value_text : str
        The rank as written (``第一``, ``第五``, ``首个``).
    prefecture : str
        The English name ``全市`` ("the whole city") stands for.

    Returns
    -------
    str
        ``"in China"``, ``"in Jiangxi"``, ``"in Ganzhou"``, ``"in its industry"`` or ``""``
        when the quote names no scope.

    Examples
    --------
    >>> rank_scope("2023年，江西省第一家空压机专业协会在寻乌成立", "第一")
    'in Jiangxi'
    >>> rank_scope("占工业投资比重62.33%，位列全市第一", "第一", "Ganzhou")
    'in Ganzhou'
    """
    flat = re.sub(r"\s+", "", quote)
    at = flat.find(value_text)
    before = flat[max(0, at - 14) : at] if at >= 0 else flat
    best, where = "", -1
    for pattern, words in _SCOPES:
        for m in re.finditer(pattern, before):
            if m.start() > where:
                best, where = words.format(prefecture=prefecture), m.start()
    return best


def _ordinal_words(row: pd.Series, scope: str) -> str:
    """A rank in words: the grade or prize it names, else its ordinal, with its scope."""
    text, n = str(row["value_text"]), row["value_base"]
    ordinal = fmt_value(n, "rank")
    if text.endswith("等奖"):
        words = f"{ordinal} prize"
    elif text.endswith("等次"):
        words = "top grade" if n == 1 else f"{ordinal} grade"
    elif text.endswith("方阵"):
        words = "first tier" if n == 1 else f"{ordinal} tier"
    elif text.endswith("批"):
        words = "in the first batch" if n == 1 else f"in the {ordinal} batch"
    elif text.startswith("首") or "first" in str(row["indicator"]):
        words = "the first" if n == 1 else ordinal
    else:
        words = ordinal
    return " ".join(w for w in (words, scope) if w)


def headline_value(fb: FactBase, row: pd.Series) -> str:
    """A headline figure's value: :func:`lib.text.english.fact_value`, a rank with its scope.

    Parameters
    ----------
    fb : FactBase
    row : pandas.Series
        A fact row.

    Returns
    -------
    str
        ``"74.06 billion yuan"``, ``"target: more than 50%"``, ``"5th in Jiangxi"``,
        ``"the first in Jiangxi"``.
    """
    if row["kind"] != "rank":
        return fact_value(row)
    labels = place_labels(fb)
    prefecture = labels[prefecture_of(fb, row["region_code"])].split(" ", 1)[-1]
    words = _ordinal_words(row, rank_scope(row["quote"], row["value_text"], prefecture))
    status = fact_value(row)
    return f"{status.split(':')[0]}: {words}" if ":" in status else words


def entity_label(fb: FactBase, entity: str) -> str:
    """A park's, cluster's or programme's name with its English beside it (empty stays empty)."""
    if not entity:
        return ""
    names = dict(zip(fb.entities.entity, fb.entities.name_en))
    english = names.get(entity, "")
    return f"{entity} {english}".strip() if english and english != entity else entity


def short_entity(fb: FactBase, entity: str, code: str) -> str:
    """A cluster's or park's English name without its place's name or the word "cluster".

    For cells that already sit in the place's row: 稀金属材料产业集群 in Zhanggong's row reads
    "rare-metal materials", 寻乌空压机产业 in Xunwu's "air-compressor". A name left empty by
    that falls back to :func:`entity_label`.

    Examples
    --------
    "Zhanggong rare-metal materials cluster" in 章贡区's row → "rare-metal materials".
    """
    names = dict(zip(fb.entities.entity, fb.entities.name_en))
    place = place_labels(fb)[code].split(" ", 1)[-1].split(" ")[0]
    name = names.get(entity, "")
    short = re.sub(rf"^{re.escape(place)}\s+", "", name)
    short = re.sub(r"\s+(?:industry\s+)?cluster$", "", short).strip()
    return short or entity_label(fb, entity)


def headline_table(fb: FactBase, figs: pd.DataFrame, cite: Citations | None = None) -> str:
    """Ranked headline figures as a Markdown table.

    Parameters
    ----------
    fb : FactBase
    figs : pandas.DataFrame
        Fact rows in the order shown, with ``fact_ids``
        (:func:`lib.analysis.headlines.ranked_headlines`).
    cite : Citations, optional
        The page's citations: the last column links each figure to its quotes. Without it,
        the table shows the source's number and the quote itself.

    Returns
    -------
    str
        Columns Measure, Of (the park, cluster or programme; empty for the place as a
        whole), Value (:func:`headline_value`), As written, Period, then Quote (or Source
        and Quote); every cell from data escaped.
    """
    labels = fb.indicator_labels
    table = pd.DataFrame(
        {
            "Measure": figs.indicator.map(labels),
            "Of": [entity_label(fb, e) for e in figs.entity],
            "Value": [headline_value(fb, r) for _, r in figs.iterrows()],
            "As written": figs.value_text,
            "Period": [fact_period(r) for _, r in figs.iterrows()],
        }
    )
    if cite is not None:
        table["Quote"] = [cite.ref(*ids.split(";")) for ids in figs.fact_ids]
    else:
        table["Source"] = figs.source_id.map(source_number)
        table["Quote"] = figs.quote
    return md_table(table.reset_index(drop=True), raw_columns=("Quote",) if cite else ())


def _cell(fb: FactBase, rows: pd.DataFrame, cite: Citations) -> str:
    """One cell of the places table: each figure with its period, the measure when it is not
    the column's own (always for targets), what it is about, and its citation."""
    labels = fb.indicator_labels
    parts = []
    for _, r in rows.iterrows():
        period = fact_period(r)
        period = "no year stated" if period == "not stated" else period
        value = fact_value(r, with_status=False) if r["column"] == TARGET_COLUMN else None
        text = f"{value or headline_value(fb, r)} ({period})"
        entity = short_entity(fb, r["entity"], r["region_code"]) if r["entity"] else ""
        if r["column"] == CLUSTER_COLUMN:
            text = f"{entity}: {text}"
            entity = ""
        if r["column"] == TARGET_COLUMN:
            text = f"{labels[r['indicator']]}: {text}"
        elif not r["primary"]:
            text += f", {lower_first(labels[r['indicator']])}"
        if entity:
            text += f", {entity}"
        parts.append(f"{md_escape(text)} {cite.ref(*r['fact_ids'].split(';'))}")
    return "; ".join(parts)


def places_table(fb: FactBase, regions: list[str], cells: pd.DataFrame, cite: Citations) -> str:
    """The places comparison as a Markdown table: one row per place, every cell cited.

    Parameters
    ----------
    fb : FactBase
    regions : list of str
        The places, in the order of the rows.
    cells : pandas.DataFrame
        :func:`lib.analysis.headlines.places_comparison` of *regions*.
    cite : Citations
        The page's citations (cells are MyST references).

    Returns
    -------
    str
        Columns Place, then each column of :func:`lib.analysis.headlines.comparison_columns`
        and the headline target; a place that states nothing for a column shows
        :data:`GAP`.
    """
    labels = place_labels(fb)
    columns = [*comparison_columns(fb), TARGET_COLUMN]
    rows = []
    for code in regions:
        mine = cells[cells.region_code == code]
        row = {"Place": md_escape(labels[code])}  # md_table escapes the header itself
        for column in columns:
            got = mine[mine.column == column]
            row[column] = _cell(fb, got, cite) if len(got) else GAP
        rows.append(row)
    return md_table(pd.DataFrame(rows), escape=False)
