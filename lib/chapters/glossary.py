"""The glossary chapter: the Chinese policy and statistical terms the report uses.

``data/glossary.csv`` holds one row per term (the Chinese characters are the key); it is
loaded with the other data files (``FactBase.glossary``) and checked against the corpus
(:func:`lib.data.checks.check_glossary`). :func:`glossary_markdown` renders the rows as a
MyST ``{glossary}`` directive, so a chapter can link a term with ``{term}`规上企业``` or
``{term}`above-scale firms <规上企业>```.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.present.markdown import md, md_escape

__all__ = ["glossary", "glossary_markdown"]


def _indent(text: str) -> str:
    return "\n".join(("  " + ln) if ln else "" for ln in text.splitlines())


def glossary_markdown(glossary: pd.DataFrame, source_labels: dict[str, str] | None = None) -> str:
    """The glossary as a MyST ``{glossary}`` directive (one Sphinx term per row).

    Parameters
    ----------
    glossary : pandas.DataFrame
        Rows of ``glossary.csv`` (``FactBase.glossary``).
    source_labels : dict, optional
        A short label by source_id for the quoted passage (default: the source's
        number, :func:`lib.data.corpus.source_number`).

    Returns
    -------
    str
        Markdown: a fenced ``{glossary}`` block whose terms are the ``term`` column, each
        defined by pinyin and English, the explanation, what matters for the numbers, and
        the passage showing the corpus uses it. Text is escaped with
        :func:`lib.present.markdown.md_escape`.
    """
    source_labels = source_labels or {}
    blocks = []
    for row in glossary.itertuples(index=False):
        if not row.term or any(c in row.term for c in "\n`<>"):
            raise ValueError(f"glossary term {row.term!r} cannot be a Sphinx term")
        label = source_labels.get(row.source_id, source_number(row.source_id))
        body = "\n\n".join(
            [
                f"*{md_escape(row.pinyin)}*: {md_escape(row.english)}",
                md_escape(row.explanation),
                f"**For the numbers.** {md_escape(row.numbers_note)}",
                f"In the corpus: “{md_escape(row.quote)}” (source {md_escape(label)})",
            ]
        )
        blocks.append(f"{row.term}\n{_indent(body)}")
    return "````{glossary}\n" + "\n\n".join(blocks) + "\n````\n"


def glossary(fb: FactBase) -> Markdown:
    """The glossary page's body: every term of ``FactBase.glossary`` as a MyST glossary.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    IPython.display.Markdown
    """
    return md(glossary_markdown(fb.glossary))
