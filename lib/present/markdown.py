"""Markdown for the reader: escaped text and pipe tables.

Everything that comes from data (quotes, names, notes) passes through :func:`md_escape`
before it reaches a page, so a quote containing ``<script>`` shows as text.
"""

from __future__ import annotations

import re

import pandas as pd
from IPython.display import Markdown

__all__ = ["md", "md_escape", "md_table"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$~])")


def md_escape(text: object) -> str:
    """Escape text for MyST Markdown: HTML is neutralised, Markdown syntax is literal.

    Parameters
    ----------
    text : object
        Converted with ``str``; None and NaN become ``""``.

    Returns
    -------
    str
        Safe to embed in Markdown: ``<``, ``>`` and ``&`` become entities, Markdown
        punctuation is backslash-escaped, and line breaks become spaces.

    Examples
    --------
    >>> md_escape("<script>alert(1)</script>")
    '&lt;script&gt;alert\\\\(1\\\\)&lt;/script&gt;'
    """
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    s = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return re.sub(r"\s*\n\s*", " ", s)


def md_table(frame: pd.DataFrame, escape: bool = True, raw_columns: tuple[str, ...] = ()) -> str:
    """A Markdown (pipe) table of *frame*, every cell escaped.

    Parameters
    ----------
    frame : pandas.DataFrame
    escape : bool
        Escape cells (default). Pass False only for cells the caller has built from
        escaped pieces (e.g. links).
    raw_columns : tuple of str
        Columns whose cells the caller has already built from escaped pieces (for
        example citation references); they are inserted as they are.

    Returns
    -------
    str
    """
    cols = [md_escape(c) for c in frame.columns]
    raw = [c in raw_columns or not escape for c in frame.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in frame.itertuples(index=False):
        cells = [str(v) if r else md_escape(v) for v, r in zip(row, raw)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def md(*blocks: str) -> Markdown:
    """Markdown a notebook cell displays as its result: the blocks joined by blank lines.

    Chapter functions return it, so a template cell is one call whose value shows
    (no ``display(Markdown(...))``). Empty blocks are skipped.

    Parameters
    ----------
    *blocks : str
        Markdown already escaped where it holds data (:func:`md_escape`, :func:`md_table`).

    Returns
    -------
    IPython.display.Markdown
    """
    return Markdown("\n\n".join(b for b in blocks if b))
