"""The data appendix (``chapters/data_appendix.md``): the corpus, the files, the data dictionary
and how to cite, as tables and Markdown for the page.

What the files and columns are comes from the data layer (the sidecars and schemas, through
:mod:`lib.data.meta`); this module only lays it out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import yaml

from lib.data import schemas
from lib.data.corpus import article_of
from lib.data.factbase import FactBase
from lib.data.meta import data_dictionary, read_sidecar
from lib.paths import data_dir, project_root
from lib.present.markdown import md_escape, md_table

__all__ = [
    "citation",
    "corpus_articles",
    "corpus_table",
    "dictionary_markdown",
    "files_table",
    "inline",
]


def inline(text: str) -> str:
    """Escape sidecar text for the page, keeping its code spans (text between backticks).

    Examples
    --------
    >>> inline("`a|b` or <c>")
    '`a\\\\|b` or &lt;c&gt;'
    """
    parts = str(text).split("`")
    parts[::2] = [md_escape(p) for p in parts[::2]]
    parts[1::2] = [p.replace("|", "\\|") for p in parts[1::2]]
    return "`".join(parts)


def corpus_articles(fb: FactBase) -> pd.DataFrame:
    """Every article of the corpus with the number of facts taken from it.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    pandas.DataFrame
        ``source`` (first three characters of the source id), ``outlet``, ``date``,
        ``article_id``, ``title_zh``, ``title_en``, ``title_basis`` and ``facts`` (facts whose
        quote lies in the article), in source and article order.
    """
    spans = {sid: [(a.article_id, a.start, a.end) for a in fb.split(sid)] for sid in fb.raw}
    counts = article_of(fb.facts, fb.raw, spans).value_counts()
    arts = fb.articles.merge(fb.sources[["source_id", "outlet", "date"]], on="source_id")
    arts = arts.sort_values(["source_id", "article_no"]).reset_index(drop=True)
    return pd.DataFrame(
        {
            "source": arts.source_id.str[:3],
            "outlet": arts.outlet.replace("", "not named"),
            "date": arts.date,
            "article_id": arts.article_id,
            "title_zh": arts.title_zh,
            "title_en": arts.title_en,
            "title_basis": arts.title_basis,
            "facts": arts.article_id.map(counts).fillna(0).astype(int),
        }
    )


def corpus_table(articles: pd.DataFrame) -> str:
    """The articles of :func:`corpus_articles` as a Markdown table for the reader."""
    return md_table(
        articles.rename(
            columns={
                "source": "Source",
                "outlet": "Outlet",
                "date": "Dated",
                "article_id": "Article",
                "title_zh": "Title",
                "title_en": "In English",
                "title_basis": "Title is",
                "facts": "Facts",
            }
        )
    )


def files_table(inventory: pd.DataFrame) -> str:
    """The files of the data folder as a Markdown table; tables and maps can be downloaded.

    Parameters
    ----------
    inventory : pandas.DataFrame
        From :func:`lib.data.meta.file_inventory`.
    """

    def name(rel: str) -> str:
        # a role's text is literal (escaping would show the backslashes); a name that could
        # end the role is shown without a link
        if re.search(r"\.(csv|geojson)$", rel) and not re.search(r"[`<>]", rel):
            return f"{{download}}`{rel} <../data/{rel}>`"
        return inline(f"`{rel}`")

    return md_table(
        pd.DataFrame(
            {
                "File": inventory.file.map(name),
                "Bytes": inventory.bytes,
                "What": inventory.what.map(inline),
            }
        ),
        escape=False,
    )


def dictionary_markdown(root: str | Path | None = None) -> str:
    """The data dictionary: for each table, what one row is and a table of its columns.

    Parameters
    ----------
    root : str or pathlib.Path, optional
        The data folder; defaults to the project's ``data/``.

    Returns
    -------
    str
        Markdown: per table of :data:`lib.data.schemas.SCHEMAS`, its file name with what a row
        is and its key, then Column, Type, Unit, Required, Unique, Allowed, Meaning.
    """
    root = Path(root) if root is not None else data_dir()
    blocks = []
    for name in schemas.SCHEMAS:
        meta = read_sidecar(root / f"{name}.meta.yml", root)
        table = data_dictionary(name, root)
        shown = pd.DataFrame(
            {
                "Column": table.column.map(lambda c: f"`{c}`"),
                "Type": table.type,
                "Unit": table.unit.map(inline),
                "Required": table.required.map({True: "yes", False: "may be empty"}),
                "Unique": table.unique.map({True: "yes", False: ""}),
                "Allowed": table.allowed.map(inline),
                "Meaning": table.meaning.map(inline),
            }
        )
        key = ", ".join(f"`{k}`" for k in meta.key)
        blocks.append(
            f"**`{meta.file}`**: one row per {inline(meta.row)}; key {key}.\n\n"
            + md_table(shown, escape=False)
        )
    return "\n\n".join(blocks)


def citation(path: str | Path | None = None) -> str:
    """How to cite the report, as one line of Markdown, from its ``CITATION.cff``.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        The citation file; defaults to the project's ``CITATION.cff``.

    Returns
    -------
    str
        ``Authors (year). *Title*. Version v. DOI.``, with ``n.d.`` when the file gives no
        release date and the DOI only when it gives one. Text is escaped.
    """
    path = Path(path) if path is not None else project_root() / "CITATION.cff"
    cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = [
        a.get("name") or " ".join(filter(None, [a.get("given-names"), a.get("family-names")]))
        for a in cff.get("authors", [])
    ]
    year = str(cff["date-released"])[:4] if cff.get("date-released") else "n.d."
    parts = [f"{md_escape(', '.join(names))} ({year}). *{md_escape(cff['title'])}*."]
    if cff.get("version"):
        parts.append(f"Version {md_escape(cff['version'])}.")
    if cff.get("doi"):
        parts.append(f"doi:{md_escape(cff['doi'])}.")
    return " ".join(parts)
