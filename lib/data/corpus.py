"""The raw corpus: source files, their checksums, their articles."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from lib.text.normalise import NormalisedText, normalise

__all__ = ["Article", "Source", "article_of", "sha256_of", "source_number", "split_articles"]


def source_number(source_id: str) -> str:
    """The short name of a source: its three-digit number (``000_b93f…`` → ``"000"``).

    Pages name sources this way; the number is unique because ``source_id`` starts with it.

    Examples
    --------
    >>> source_number("004_58c65fe487103148")
    '004'
    """
    return source_id.split("_", 1)[0]


def sha256_of(path: str | Path) -> str:
    """Return the hex SHA-256 of a file's bytes.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    str
    """
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@dataclass(frozen=True)
class Article:
    """One article of a source file.

    Attributes
    ----------
    article_id : str
        ``NNN-n``.
    title_zh, title_en : str
        Title (printed, or editorial where the text prints none) and its English rendering.
    start, end : int
        Raw-file offsets of the article.
    text : str
        The article's normalised text.
    """

    article_id: str
    title_zh: str
    title_en: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Source:
    """A raw source file.

    Attributes
    ----------
    source_id : str
        File stem, e.g. ``000_b93f58b94fa34999``.
    path : pathlib.Path
        The raw file.
    """

    source_id: str
    path: Path

    @cached_property
    def raw(self) -> str:
        """The file's text, exactly as stored (UTF-8)."""
        return self.path.read_text(encoding="utf-8")

    @cached_property
    def normalised(self) -> NormalisedText:
        """The text with hard line breaks joined, mapped back to :attr:`raw`."""
        return normalise(self.raw)


def split_articles(source: Source, markers: list[tuple[str, str, str, str]]) -> list[Article]:
    """Split a source file into its articles.

    Parameters
    ----------
    source : Source
    markers : list of tuple
        ``(article_id, starts_with, title_zh, title_en)`` in file order; ``starts_with`` is
        the text the article's first line begins with (after leading whitespace).

    Returns
    -------
    list of Article
        The articles, covering the file from the first marker to the end.

    Raises
    ------
    ValueError
        If a marker is not at the start of exactly one line, or markers are out of order.
    """
    raw = source.raw
    line_starts = _line_starts(raw)
    starts = []
    for article_id, starts_with, _, _ in markers:
        hits = [i for i in line_starts if raw.startswith(starts_with, i)]
        if len(hits) != 1:
            raise ValueError(
                f"{source.path.name}: article {article_id} marker {starts_with!r} starts "
                f"{len(hits)} lines, expected exactly 1"
            )
        starts.append(hits[0])
    if starts != sorted(starts):
        raise ValueError(f"{source.path.name}: article markers are out of file order")
    ends = starts[1:] + [len(raw)]
    return [
        Article(aid, tzh, ten, s, e, normalise(raw[s:e]).text)
        for (aid, _, tzh, ten), s, e in zip(markers, starts, ends)
    ]


def _line_starts(raw: str) -> list[int]:
    """Offset of the first non-blank character of every line."""
    starts, pos = [], 0
    for line in raw.split("\n"):
        starts.append(pos + len(line) - len(line.lstrip()))
        pos += len(line) + 1
    return starts


def article_of(
    quotes: pd.DataFrame, raws: dict[str, str], spans: dict[str, list[tuple[str, int, int]]]
) -> pd.Series:
    """The article each quote comes from.

    Parameters
    ----------
    quotes : pandas.DataFrame
        Rows with ``source_id`` and ``quote`` (verbatim in the raw text).
    raws : dict
        Raw text by source_id.
    spans : dict
        ``(article_id, start, end)`` raw-file offsets of the articles of each source.

    Returns
    -------
    pandas.Series
        The article_id of the article holding the start of each quote (first occurrence),
        or ``""`` when the quote lies outside every article; indexed like *quotes*.
    """
    out = []
    for row in quotes.itertuples():
        pos = raws[row.source_id].find(row.quote)
        hit = next((a for a, start, end in spans.get(row.source_id, []) if start <= pos < end), "")
        out.append(hit if pos >= 0 else "")
    return pd.Series(out, index=quotes.index, dtype=object)
