"""Tables and charts of the talent and policy-instruments chapter.

The tables (:func:`platform_levels`, :func:`instrument_matrix`, :func:`compare_regions`) take
facts selected with :func:`lib.analysis.selection.select_facts` (groups ``talent``,
``platform``, ``ladder``, ``instrument``) and return DataFrames; :func:`article_texts` and
:func:`term_table` count the policy vocabulary in the articles. The views (``*_markdown``,
``*_chart``, :func:`side_by_side`, :func:`terms_summary`) return what a cell of
``chapters/talent_policy.md`` shows: Markdown (:func:`lib.present.markdown.md`) or an Altair
chart, and the sentence that says so when there is nothing to show.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
from IPython.display import Markdown

from lib.analysis.places import place_labels
from lib.data.factbase import FactBase
from lib.present.charts import labelled_bars
from lib.present.figures import absent_places, figure_section
from lib.present.markdown import md, md_escape, md_table
from lib.text.english import fmt_number
from lib.text.terms import term_frequencies

__all__ = [
    "article_texts",
    "compare_regions",
    "comparison_chart",
    "instrument_markdown",
    "instrument_matrix",
    "ladder_chart",
    "ladder_markdown",
    "platform_chart",
    "platform_levels",
    "platform_markdown",
    "side_by_side",
    "talent_markdown",
    "term_table",
    "terms_chart",
    "terms_summary",
]


def platform_levels(sel: pd.DataFrame) -> pd.DataFrame:
    """Research and innovation platforms by level.

    Parameters
    ----------
    sel : pandas.DataFrame
        Facts of the ``platform`` group.

    Returns
    -------
    pandas.DataFrame
        ``region``, ``level``, ``what`` (what is counted), ``platforms``, ``as_written``,
        ``same_kind`` (True for the three-level count of innovation platforms, which is
        one measure at three levels), ``fact_id``.
    """
    return pd.DataFrame(
        {
            "region": sel.region,
            "level": sel["item"],
            "what": sel.label_en,
            "platforms": sel.value_base,
            "as_written": sel.value_text,
            "same_kind": sel.comparable.astype(bool),
            "fact_id": sel.fact_id,
        }
    ).reset_index(drop=True)


def instrument_matrix(sel: pd.DataFrame, regions: list[str]) -> pd.DataFrame:
    """The instruments each region uses: one row per instrument, one column per region.

    Parameters
    ----------
    sel : pandas.DataFrame
        Facts of the ``instrument`` group.
    regions : list of str
        Region labels (``sel.region``) in column order; regions with no instrument are
        left out.

    Returns
    -------
    pandas.DataFrame
        ``Instrument`` then one column per region; a cell lists the figures
        (``label: as written``), empty where the source states none.
    """
    present = [r for r in regions if r in set(sel.region)]
    items = sel.sort_values("order").drop_duplicates("item")["item"]
    rows = []
    for item in items:
        row = {"Instrument": item}
        for region in present:
            here = sel[(sel["item"] == item) & (sel.region == region)]
            row[region] = "; ".join(
                f"{label}{' (' + e + ')' if e else ''}: {v}"
                for label, e, v in zip(here.label_en, here.entity, here.value_text)
            )
        rows.append(row)
    return pd.DataFrame(rows, columns=["Instrument", *present])


def compare_regions(sel: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split figures stated for two or more regions into like-for-like and side-by-side.

    A figure is compared across regions only when its indicator is marked comparable in
    ``indicator_groups.csv`` and two or more regions state it. Where regions state figures
    of the same item under indicators (or definitions) that differ, they are shown side by
    side with what each measures.

    Parameters
    ----------
    sel : pandas.DataFrame
        Selected facts of one group.

    Returns
    -------
    tuple of pandas.DataFrame
        ``like``: ``indicator``, ``label_en``, ``region``, ``value_base``, ``base_unit``,
        ``value_text``, ``fact_id``. ``side``: ``Item``, ``Region``, ``Figure``,
        ``As written``, ``What it measures`` (the fact's note, else the mapping's).
    """
    current = sel[sel.state != "before"]
    n_by_indicator = current.groupby("indicator").region_code.nunique()
    like_ind = [
        i
        for i, n in n_by_indicator.items()
        if n >= 2 and bool(current[current.indicator == i].comparable.iloc[0])
    ]
    like = current[current.indicator.isin(like_ind)][
        ["indicator", "label_en", "region", "value_base", "base_unit", "value_text", "fact_id"]
    ]
    rest = current[~current.indicator.isin(like_ind)]
    n_by_item = rest.groupby("item").region_code.nunique()
    side = rest[rest["item"].isin(n_by_item[n_by_item >= 2].index)].sort_values(["order", "region"])
    notes = [n or g for g, n in zip(side.group_note, side.note)]
    side = pd.DataFrame(
        {
            "Item": side["item"],
            "Region": side.region,
            "Figure": side.label_en,
            "As written": side.value_text,
            "What it measures": notes,
        }
    )
    return like.reset_index(drop=True), side.reset_index(drop=True)


def comparison_chart(sel: pd.DataFrame) -> alt.Chart | Markdown:
    """The like-for-like figures of a section (:func:`compare_regions`), a bar per region.

    Parameters
    ----------
    sel : pandas.DataFrame
        Selected facts of one group.

    Returns
    -------
    altair.Chart or IPython.display.Markdown
        One row of bars per measure, or the sentence that no measure is stated on the same
        definition by two or more regions.
    """
    like, _ = compare_regions(sel)
    if like.empty:
        return md(
            "No measure of this section is stated on the same definition by two or "
            "more of the chosen regions, so no cross-region comparison is drawn."
        )
    return (
        alt.Chart(like)
        .mark_bar()
        .encode(
            x=alt.X("value_base:Q", title="Value"),
            y=alt.Y("region:N", title=None),
            row=alt.Row("label_en:N", title=None),
            tooltip=["label_en", "region", "value_text", "fact_id"],
        )
        .properties(title="Like-for-like figures across regions", height=alt.Step(20))
    )


def side_by_side(sel: pd.DataFrame) -> Markdown:
    """The figures of a section that several regions state, but not on the same definition.

    Parameters
    ----------
    sel : pandas.DataFrame
        Selected facts of one group.

    Returns
    -------
    IPython.display.Markdown
        The ``side`` table of :func:`compare_regions` with what each figure measures, or
        the sentence that no other figure is stated by two or more regions.
    """
    _, side = compare_regions(sel)
    if side.empty:
        return md("No other figure of this section is stated by two or more of the chosen regions.")
    return md("Stated by several regions, but not on the same definition:", md_table(side))


def talent_markdown(
    fb: FactBase, talent: pd.DataFrame, regions: Sequence[str], year: int
) -> Markdown:
    """The talent programmes of the chosen regions (every figure is of one kind).

    Parameters
    ----------
    fb : FactBase
    talent : pandas.DataFrame
        Facts of the ``talent`` group.
    regions : sequence of str
        The chosen region codes.
    year : int

    Returns
    -------
    IPython.display.Markdown
        The figure table and the regions without such figures.
    """
    return figure_section(
        fb,
        talent,
        regions,
        f"None of the chosen regions reports talent programmes by {year}.",
        without=("Kind",),
    )


def platform_markdown(
    fb: FactBase, plat: pd.DataFrame, regions: Sequence[str], year: int
) -> Markdown:
    """Research platforms by level (:func:`platform_levels`) as a table.

    Parameters
    ----------
    fb : FactBase
    plat : pandas.DataFrame
        Facts of the ``platform`` group.
    regions : sequence of str
        The chosen region codes.
    year : int

    Returns
    -------
    IPython.display.Markdown
        The table and the regions that count no platform, or the sentence that none does.
    """
    levels = platform_levels(plat)
    if levels.empty:
        return md(f"None of the chosen regions counts research platforms by {year}.")
    shown = levels.assign(platforms=levels.platforms.map(fmt_number))
    return md(
        md_table(
            shown.drop(columns="same_kind").rename(
                columns={
                    "region": "Region",
                    "level": "Level",
                    "what": "What is counted",
                    "platforms": "Platforms",
                    "as_written": "As written",
                    "fact_id": "Fact",
                }
            )
        ),
        absent_places(fb, regions, plat.region_code),
    )


def platform_chart(plat: pd.DataFrame) -> alt.FacetChart | Markdown:
    """Innovation platforms at the national, provincial and municipal levels, per region.

    Parameters
    ----------
    plat : pandas.DataFrame
        Facts of the ``platform`` group; only the three-level count (``same_kind``) is drawn.

    Returns
    -------
    altair.FacetChart or IPython.display.Markdown
        A panel per region, or the sentence that no region counts the three levels.
    """
    levels = platform_levels(plat)
    three = levels[levels.same_kind]
    if three.empty:
        return md("No chosen region counts innovation platforms at the three levels.")
    return labelled_bars(
        three,
        alt.X("platforms:Q", title="Innovation platforms (cumulative)"),
        alt.Y("level:N", sort=["national", "provincial", "municipal"], title=None),
        "as_written:N",
        ["region", "level", "as_written", "fact_id"],
        title="Innovation platforms by level",
        step=24,
    )


def ladder_markdown(
    fb: FactBase, ladder: pd.DataFrame, regions: Sequence[str], year: int
) -> Markdown:
    """The ranked firms (enterprise ladder) of the chosen regions.

    Parameters
    ----------
    fb : FactBase
    ladder : pandas.DataFrame
        Facts of the ``ladder`` group.
    regions : sequence of str
        The chosen region codes.
    year : int

    Returns
    -------
    IPython.display.Markdown
        The figure table and the regions without such figures.
    """
    return figure_section(
        fb, ladder, regions, f"None of the chosen regions reports ranked firms by {year}."
    )


def ladder_chart(ladder: pd.DataFrame) -> alt.FacetChart | Markdown:
    """Firms on each rung of the ladder, a panel per region on its own scales.

    Parameters
    ----------
    ladder : pandas.DataFrame
        Facts of the ``ladder`` group; "before" figures are not drawn.

    Returns
    -------
    altair.FacetChart or IPython.display.Markdown
        The chart, or the sentence that there is no ladder to chart.
    """
    current = ladder[ladder.state != "before"]
    if current.empty:
        return md("There is no ladder to chart.")
    # each region on its own scale: a city's thousands would flatten a district's units
    return labelled_bars(
        current,
        alt.X("value_base:Q", title="Firms"),
        alt.Y("item:N", sort=alt.SortField("order"), title=None),
        "value_text:N",
        ["region", "item", "value_text", "period", "fact_id"],
        title="Ranked firms by region (each region on its own scale)",
        step=20,
        width=420,
        own_scales=True,
    )


def instrument_markdown(
    fb: FactBase, inst: pd.DataFrame, regions: Sequence[str], year: int
) -> Markdown:
    """The instruments each chosen region uses (:func:`instrument_matrix`).

    Parameters
    ----------
    fb : FactBase
    inst : pandas.DataFrame
        Facts of the ``instrument`` group.
    regions : sequence of str
        The chosen region codes, in column order.
    year : int

    Returns
    -------
    IPython.display.Markdown
        The matrix and the regions without an instrument, or the sentence that none
        reports one.
    """
    if inst.empty:
        return md(f"None of the chosen regions reports policy instruments by {year}.")
    labels = place_labels(fb)
    return md(
        md_table(instrument_matrix(inst, [labels[c] for c in regions])),
        absent_places(fb, regions, inst.region_code),
    )


def article_texts(fb: FactBase, regions: Sequence[str], year: int) -> pd.DataFrame:
    """The articles about the chosen regions written by the end of *year*.

    Parameters
    ----------
    fb : FactBase
    regions : sequence of str
        Region codes.
    year : int
        Articles of sources dated in or before this year are kept.

    Returns
    -------
    pandas.DataFrame
        ``article_id``, ``text``; in source order, then article order.
    """
    dates = fb.source_dates
    arts = fb.articles[
        fb.articles.region_code.isin(regions)
        & fb.articles.source_id.map(lambda s: int(dates[s][:4]) <= year)
    ]
    wanted = set(arts.article_id)
    rows = [
        {"article_id": a.article_id, "text": a.text}
        for sid in arts.source_id.unique()
        for a in fb.split(sid)
        if a.article_id in wanted
    ]
    return pd.DataFrame(rows, columns=["article_id", "text"])


def term_table(fb: FactBase, texts: pd.DataFrame, terms: pd.DataFrame) -> pd.DataFrame:
    """:func:`lib.text.terms.term_frequencies` with the labels the chart and table show.

    Parameters
    ----------
    fb : FactBase
    texts : pandas.DataFrame
        From :func:`article_texts`.
    terms : pandas.DataFrame
        The policy vocabulary (``FactBase.policy_terms``).

    Returns
    -------
    pandas.DataFrame
        The columns of ``term_frequencies`` with ``per_1000`` rounded to 2 decimals, plus
        ``article`` (``"000-1 寻乌县 Xunwu County"``), ``title`` (English) and ``term_label``
        (the term and its English label).
    """
    freq = term_frequencies(texts, terms)
    titles = dict(zip(fb.articles.article_id, fb.articles.title_en))
    labels = place_labels(fb)
    places = {a: labels[c] for a, c in zip(fb.articles.article_id, fb.articles.region_code)}
    return freq.assign(
        article=[f"{a} {places[a]}" for a in freq.article_id],
        title=freq.article_id.map(titles),
        term_label=[f"{t} {lab}" for t, lab in zip(freq.term, freq.label_en)],
        per_1000=freq.per_1000.round(2),
    )


def terms_chart(freq: pd.DataFrame, year: int) -> alt.LayerChart | Markdown:
    """A heat map of each term's frequency in each article, with the raw counts.

    Parameters
    ----------
    freq : pandas.DataFrame
        From :func:`term_table`.
    year : int
        The page's year, for the sentence shown when no article was read.

    Returns
    -------
    altair.LayerChart or IPython.display.Markdown
        Articles across, terms down (vocabulary order), colour per 1,000 characters (white
        where a term does not occur); or the sentence that no article was written by *year*.
    """
    if freq.empty:
        return md(f"No article about the chosen regions was written by {year}.")
    order = list(dict.fromkeys(freq.term_label))
    heat = (
        alt.Chart(freq)
        .mark_rect(stroke="#eeeeee", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "article:N", title=None, sort=None, axis=alt.Axis(labelAngle=-45, labelLimit=200)
            ),
            y=alt.Y("term_label:N", title=None, sort=order),
            # a term an article never uses stays white, not the palest blue
            color=alt.condition(
                "datum.count > 0",
                alt.Color(
                    "per_1000:Q", title="Per 1,000 characters", scale=alt.Scale(scheme="blues")
                ),
                alt.value("#ffffff"),
            ),
            tooltip=[
                "article",
                "title",
                "term",
                "label_en",
                "category",
                "count",
                "han_chars",
                "per_1000",
            ],
        )
    )
    text = (
        alt.Chart(freq[freq["count"] > 0])
        .mark_text(fontSize=9)
        .encode(
            x=alt.X("article:N", sort=None), y=alt.Y("term_label:N", sort=order), text="count:Q"
        )
    )
    return (heat + text).properties(
        title="Policy terms per 1,000 characters, by article",
        width=alt.Step(44),
        height=alt.Step(13),
    )


def terms_summary(freq: pd.DataFrame) -> Markdown:
    """The three terms each article uses most per 1,000 characters, and the silent articles.

    Parameters
    ----------
    freq : pandas.DataFrame
        From :func:`term_table`.

    Returns
    -------
    IPython.display.Markdown
        A table of one row per article, then the articles in which no term occurs; or the
        sentence that there is no article to summarise.
    """
    if freq.empty:
        return md("There is no article to summarise.")
    top = (
        freq[freq["count"] > 0]
        .sort_values(["article_id", "per_1000"], ascending=[True, False])
        .groupby("article_id")
        .head(3)
    )
    summary = top.groupby("article_id").agg(
        Article=("article", "first"),
        Title=("title", "first"),
        Han_characters=("han_chars", "first"),
        Terms=("term_label", lambda s: "; ".join(s)),
        Per_1000=("per_1000", lambda s: "; ".join(fmt_number(v, 2) for v in s)),
    )
    silent = sorted(set(freq.article_id) - set(top.article_id))
    return md(
        md_table(
            summary.rename(
                columns={"Per_1000": "Per 1,000 characters", "Han_characters": "Han characters"}
            )
        ),
        "No term of the vocabulary occurs in: " + ", ".join(map(md_escape, silent)) + "."
        if silent
        else "",
    )
