"""The glossary: Chinese policy and statistical terms the report uses, kept as data.

``data/glossary.csv`` holds one row per term (the Chinese characters are the key). Each row
is checked against the corpus: every form the corpus writes the term in must occur in it,
and the source passage must be a verbatim quote of its source that contains one of them.
:func:`glossary_markdown` renders the rows as a MyST ``{glossary}`` directive, so a chapter
can link a term with ``{term}`规上企业``` or ``{term}`above-scale firms <规上企业>```.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd

from lib.text.normalise import flat_text, squash
from lib.paths import data_dir
from lib.present.markdown import md_escape
from lib.data.reader import LINE, DataValidationError, Problem, read_table

__all__ = ["GLOSSARY_COLUMNS", "check_glossary", "glossary_markdown", "load_glossary"]

#: Columns of ``data/glossary.csv``, in order.
GLOSSARY_COLUMNS = ["term", "pinyin", "english", "explanation", "numbers_note", "corpus_forms",
                    "source_id", "quote"]
_REQUIRED = ["term", "pinyin", "english", "explanation", "numbers_note", "corpus_forms",
             "source_id", "quote"]


def check_glossary(glossary: pd.DataFrame, raws: dict[str, str]) -> list[Problem]:
    """Check glossary rows against the corpus.

    Parameters
    ----------
    glossary : pandas.DataFrame
        Rows with the :data:`GLOSSARY_COLUMNS` (and optionally ``line``).
    raws : dict
        Raw text by source_id.

    Returns
    -------
    list of Problem
        Empty when every row is complete, every term is unique, every corpus form occurs
        in the corpus, and every quote is a verbatim passage of its source containing one
        of the term's forms.
    """
    name = glossary.attrs.get("file", "data/glossary.csv")
    flat = "".join(flat_text(t) for t in raws.values())
    problems = []
    seen: set[str] = set()
    for row in glossary.to_dict("records"):
        line = row.get(LINE)

        def bad(column: str, message: str) -> None:
            problems.append(Problem(name, line, column, message))

        for col in _REQUIRED:
            if not str(row[col]).strip():
                bad(col, "expected a non-empty value")
        term = row["term"]
        if term in seen:
            bad("term", f"duplicate term {term!r}")
        seen.add(term)
        forms = [f for f in str(row["corpus_forms"]).split("|") if f]
        for form in forms:
            if squash(form) not in flat:
                bad("corpus_forms", f"{form!r} does not occur in the corpus")
        raw = raws.get(row["source_id"])
        if raw is None:
            bad("source_id", f"unknown source_id {row['source_id']!r}; known: {sorted(raws)}")
        elif row["quote"] and row["quote"] not in raw:
            bad("quote", f"quote not found verbatim in raw/{row['source_id']}.txt: "
                         f"{row['quote'][:40]!r}…")
        elif forms and not any(squash(f) in squash(row["quote"]) for f in forms):
            bad("quote", f"the quote contains none of the term's forms {forms}")
    return problems


def load_glossary(root: str | Path | None = None, raws: dict[str, str] | None = None) -> pd.DataFrame:
    """Read and validate ``glossary.csv``.

    Parameters
    ----------
    root : str or pathlib.Path, optional
        The data folder; defaults to the project's ``data/``.
    raws : dict, optional
        Raw text by source_id (``FactBase.raw``); read from the fact base of *root* when
        not given.

    Returns
    -------
    pandas.DataFrame
        The :data:`GLOSSARY_COLUMNS`, sorted by pinyin.

    Raises
    ------
    DataValidationError
        Listing every problem (see :func:`check_glossary`).
    """
    root = Path(root) if root is not None else data_dir()
    if raws is None:
        from lib.data.factbase import load_factbase

        raws = load_factbase(root).raw
    table = read_table(root / "glossary.csv", GLOSSARY_COLUMNS)
    problems = check_glossary(table, raws)
    if problems:
        raise DataValidationError(problems)
    return (table.drop(columns=[LINE]).sort_values("pinyin", key=lambda s: s.map(_plain))
            .reset_index(drop=True))


def _plain(pinyin: str) -> str:
    """Pinyin without tone marks, lower case: the glossary's sort key."""
    return "".join(c for c in unicodedata.normalize("NFKD", pinyin.lower())
                   if not unicodedata.combining(c))


def _indent(text: str) -> str:
    return "\n".join(("  " + ln) if ln else "" for ln in text.splitlines())


def glossary_markdown(glossary: pd.DataFrame, source_labels: dict[str, str] | None = None) -> str:
    """The glossary as a MyST ``{glossary}`` directive (one Sphinx term per row).

    Parameters
    ----------
    glossary : pandas.DataFrame
        Rows of :func:`load_glossary`.
    source_labels : dict, optional
        A short label by source_id for the quoted passage (default: the first three
        characters of the id).

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
        label = source_labels.get(row.source_id, row.source_id[:3])
        body = "\n\n".join([
            f"*{md_escape(row.pinyin)}*: {md_escape(row.english)}",
            md_escape(row.explanation),
            f"**For the numbers.** {md_escape(row.numbers_note)}",
            f"In the corpus: “{md_escape(row.quote)}” (source {md_escape(label)})",
        ])
        blocks.append(f"{row.term}\n{_indent(body)}")
    return "````{glossary}\n" + "\n\n".join(blocks) + "\n````\n"
