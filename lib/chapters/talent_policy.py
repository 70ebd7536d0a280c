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
from lib.present.charts import labelled_bars, point_title
from lib.present.figures import absent_places, figure_section
from lib.present.markdown import md, md_escape, md_table
from lib.text.english import fact_period, fmt_number
from lib.text.terms import term_frequencies

__all__ = [
    "GENERAL",
    "MIN_RUNGS",
    "article_texts",
    "compare_regions",
    "comparability_note",
    "instrument_markdown",
    "instrument_matrix",
    "ladder_chart",
    "ladder_markdown",
    "ladder_point",
    "platform_levels",
    "platform_markdown",
    "side_by_side",
    "talent_markdown",
    "term_table",
    "term_themes",
    "terms_chart",
    "terms_point",
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


def comparability_note(sels: Sequence[pd.DataFrame]) -> Markdown:
    """Whether any measure of the chapter can be compared across regions, said once.

    Parameters
    ----------
    sels : sequence of pandas.DataFrame
        The selected facts of each section (groups ``talent``, ``platform``, ``ladder``,
        ``instrument``).

    Returns
    -------
    IPython.display.Markdown
        The like-for-like figures of :func:`compare_regions` as a table (measure, region,
        as written), or the sentence that no measure is stated on the same definition by
        two or more of the chosen regions.
    """
    like = pd.concat([compare_regions(sel)[0] for sel in sels])
    if like.empty:
        return md(
            "No measure in this chapter is stated on the same definition by two or more of "
            "the chosen regions, so no region is ranked against another. Where several "
            "regions give figures on one subject under different definitions, a table after "
            "the section's figures sets them side by side with what each measures."
        )
    return md(
        "Measures stated on the same definition by two or more of the chosen regions:",
        md_table(
            like.rename(
                columns={"label_en": "Measure", "region": "Region", "value_text": "As written"}
            )[["Measure", "Region", "As written"]]
        ),
    )


def side_by_side(sel: pd.DataFrame) -> Markdown | None:
    """The figures of a section that several regions state, but not on the same definition.

    Parameters
    ----------
    sel : pandas.DataFrame
        Selected facts of one group.

    Returns
    -------
    IPython.display.Markdown or None
        The ``side`` table of :func:`compare_regions` with what each figure measures; None
        (the cell shows nothing) when no such figure is stated by two or more regions: the
        page says once, with :func:`comparability_note`, how regions are compared.
    """
    _, side = compare_regions(sel)
    if side.empty:
        return None
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


#: A region's ladder is drawn when it states at least this many rungs.
MIN_RUNGS = 3


def _ladders(ladder: pd.DataFrame) -> pd.DataFrame:
    """Current, achieved rung counts of the regions stating :data:`MIN_RUNGS` or more."""
    current = ladder[(ladder.state != "before") & (ladder.status == "achieved")]
    current = current.drop_duplicates(["region_code", "indicator"])
    rungs = current.groupby("region_code").indicator.transform("size")
    return current[rungs >= MIN_RUNGS]


def ladder_point(ladder: pd.DataFrame) -> str:
    """The ladder chart's point: how far each drawn region's ladder narrows.

    Parameters
    ----------
    ladder : pandas.DataFrame
        Facts of the ``ladder`` group.

    Returns
    -------
    str
        ``"章贡区 Zhanggong District (2025): the ladder narrows from 111 innovative SMEs to 3
        single champions."``, a sentence per region drawn; empty when none is.
    """
    drawn = _ladders(ladder)
    sentences = []
    for region, own in drawn.groupby("region", sort=False):
        own = own.sort_values("value_base", ascending=False)
        top, bottom = own.iloc[0], own.iloc[-1]
        years = "–".join(dict.fromkeys(sorted(own.period.str[:4])))
        sentences.append(
            f"{region} ({years}): the ladder narrows from {fmt_number(top.value_base)} "
            f"{top['item']} to {fmt_number(bottom.value_base)} {bottom['item']}."
        )
    return " ".join(sentences)


def ladder_chart(ladder: pd.DataFrame) -> alt.FacetChart | Markdown:
    """Firms on each rung of the ladder, widest rung first, for regions stating several rungs.

    Parameters
    ----------
    ladder : pandas.DataFrame
        Facts of the ``ladder`` group; "before" figures and any that are not achieved are
        not drawn, a figure stated twice is drawn once, and a region is drawn only when it
        states :data:`MIN_RUNGS` rungs or more (the table lists the others).

    Returns
    -------
    altair.FacetChart or IPython.display.Markdown
        A panel per region on its own scale, titled with :func:`ladder_point`; or the
        sentence that no region states enough rungs to draw.
    """
    drawn = _ladders(ladder)
    if drawn.empty:
        return md(
            f"No chosen region states {MIN_RUNGS} or more rungs of the ladder, so none is "
            "drawn; the table above lists the figures."
        )
    drawn = drawn.assign(period_en=[fact_period(r) for _, r in drawn.iterrows()])
    return labelled_bars(
        drawn,
        alt.X("value_base:Q", title="Firms (count)"),
        alt.Y("item:N", sort="-x", title=None),
        "value_text:N",
        ["region", "item", "value_text", "period_en", "fact_id"],
        title=point_title(
            ladder_point(ladder),
            "Firms on each rung of the national and provincial ranking programmes, as stated; "
            "a rung may count firms also counted on another.",
        ),
        step=22,
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
        ``article`` (``"000-1 寻乌县 Xunwu County (2025)"``, with the year of its source),
        ``title`` (English) and ``term_label``
        (the term and its English label).
    """
    freq = term_frequencies(texts, terms)
    titles = dict(zip(fb.articles.article_id, fb.articles.title_en))
    labels = place_labels(fb)
    places = {a: labels[c] for a, c in zip(fb.articles.article_id, fb.articles.region_code)}
    dates = fb.source_dates
    years = {a: dates[s][:4] for a, s in zip(fb.articles.article_id, fb.articles.source_id)}
    return freq.assign(
        article=[f"{a} {places[a]} ({years[a]})" for a in freq.article_id],
        title=freq.article_id.map(titles),
        term_label=[f"{t} {lab}" for t, lab in zip(freq.term, freq.label_en)],
        per_1000=freq.per_1000.round(2),
    )


#: The category of the policy vocabulary that is no theme (high-quality development, policy…).
GENERAL = "general"


def term_themes(freq: pd.DataFrame) -> pd.DataFrame:
    """Each article's rate per policy theme (the vocabulary's categories), and its leading one.

    Parameters
    ----------
    freq : pandas.DataFrame
        From :func:`term_table`.

    Returns
    -------
    pandas.DataFrame
        ``article_id``, ``article``, ``title``, ``category``, ``count`` (occurrences of the
        category's terms), ``han_chars``, ``per_1000`` (rounded to 1 decimal) and ``lead``
        (True for the category with the highest rate in the article, :data:`GENERAL`
        aside; the vocabulary's order breaks a tie; none where no themed term occurs).
        Categories in vocabulary order, :data:`GENERAL` last.
    """
    cats = list(dict.fromkeys(freq.category))
    cats = [c for c in cats if c != GENERAL] + ([GENERAL] if GENERAL in cats else [])
    themes = (
        freq.groupby(["article_id", "category"], sort=False)
        .agg(
            article=("article", "first"),
            title=("title", "first"),
            count=("count", "sum"),
            han_chars=("han_chars", "first"),
        )
        .reset_index()
    )
    themes["per_1000"] = (1000 * themes["count"] / themes.han_chars).round(1)
    themes["rank"] = themes.category.map(cats.index)
    themed = themes[(themes.category != GENERAL) & (themes["count"] > 0)]
    leads = themed.sort_values(["per_1000", "rank"], ascending=[False, True]).drop_duplicates(
        "article_id"
    )
    themes["lead"] = themes.index.isin(leads.index)
    return themes.sort_values(["article_id", "rank"]).drop(columns="rank").reset_index(drop=True)


def terms_point(freq: pd.DataFrame) -> str:
    """The terms chart's point: which theme leads in how many articles.

    Parameters
    ----------
    freq : pandas.DataFrame
        From :func:`term_table`.

    Returns
    -------
    str
        ``'Each of the 10 articles stresses its own policy theme: "chains and clusters"
        leads in 3, "finance" and "green" in one each; 1 uses only general terms.'``;
        empty without articles.
    """
    if freq.empty:
        return ""
    themes = term_themes(freq)
    n = themes.article_id.nunique()
    counts = themes[themes.lead].category.value_counts(sort=False)
    if counts.empty:
        return f"None of the {n} articles uses a term of the themed vocabulary."
    groups = []
    for i, k in enumerate(sorted(set(counts), reverse=True)):
        names = [f'"{c}"' for c, v in counts.items() if v == k]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = ("leads in " if len(names) == 1 else "lead in ") if i == 0 else "in "
        each = " each" if len(names) > 1 else ""
        groups.append(f"{listed} {verb}{'one' if k == 1 else k}{each}")
    silent = n - int(counts.sum())
    tail = f"; {silent} uses only general terms" if silent else ""
    return (
        f"Each of the {n} articles stresses its own policy theme: " + ", ".join(groups) + tail + "."
    )


def terms_chart(freq: pd.DataFrame, year: int) -> alt.LayerChart | Markdown:
    """A heat map of each policy theme's rate in each article, the leading theme outlined.

    Parameters
    ----------
    freq : pandas.DataFrame
        From :func:`term_table`.
    year : int
        The page's year, for the sentence shown when no article was read.

    Returns
    -------
    altair.LayerChart or IPython.display.Markdown
        Articles down, themes across (:func:`term_themes`); colour and number: occurrences
        per 1,000 Han characters (white where no term of the theme occurs); titled with
        :func:`terms_point`. Or the sentence that no article was written by *year*.
    """
    if freq.empty:
        return md(f"No article about the chosen regions was written by {year}.")
    themes = term_themes(freq)
    cats = list(dict.fromkeys(themes.category))
    x = alt.X(
        "category:N",
        sort=cats,
        title="Policy theme (the terms of data/policy_terms.csv, grouped)",
        axis=alt.Axis(
            orient="bottom", labelAngle=0, labelExpr="split(datum.label, ' ')", labelLimit=90
        ),
    )
    y = alt.Y("article:N", sort=None, title="Article (source-article, place, year)")
    heat = (
        alt.Chart(themes)
        .mark_rect(stroke="#eeeeee", strokeWidth=0.5)
        .encode(
            x=x,
            y=y,
            # a theme an article never uses stays white, not the palest blue
            color=alt.condition(
                "datum.count > 0",
                alt.Color(
                    "per_1000:Q",
                    title="Per 1,000 Han characters",
                    scale=alt.Scale(scheme="blues"),
                    legend=alt.Legend(orient="bottom", gradientLength=240),
                ),
                alt.value("#ffffff"),
            ),
            tooltip=["article", "title", "category", "count", "han_chars", "per_1000", "lead"],
        )
    )
    # one dataset for every layer, so the page offers one table of the data behind the chart
    lead = (
        alt.Chart(themes)
        .transform_filter("datum.lead")
        .mark_rect(fill=None, stroke="black", strokeWidth=2)
        .encode(x=x, y=y)
    )
    text = (
        alt.Chart(themes)
        .transform_filter("datum.count > 0")
        .mark_text(fontSize=10)
        .encode(
            x=x,
            y=y,
            text=alt.Text("per_1000:Q", format=".1f"),
            color=alt.condition("datum.per_1000 > 12", alt.value("white"), alt.value("black")),
        )
    )
    return (heat + lead + text).properties(
        title=point_title(
            terms_point(freq),
            "Occurrences of each theme's terms per 1,000 Han characters of the article; "
            "outlined, the article's leading theme (general terms aside).",
        ),
        width=alt.Step(58),
        height=alt.Step(26),
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
