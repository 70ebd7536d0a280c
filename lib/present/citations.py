"""Numbered citations: every number on a page links to the quote it comes from.

A page creates one :class:`Citations`, cites fact ids as it shows figures (each distinct
fact gets the next number), and ends with :meth:`Citations.markdown`: the numbered quotes,
each a link target. References are MyST ``{ref}`` roles, so the cells that show them must
be rendered as MyST (cell metadata ``{"mystnb": {"render_markdown_format": "myst"}}``).
"""

from __future__ import annotations

import re

import pandas as pd

from lib.data.corpus import source_number
from lib.present.markdown import md_escape
from lib.text.english import CLAIMANT_EN, GENRE_EN, STATUS_EN
from lib.text.normalise import normalise

__all__ = ["Citations"]


class Citations:
    """The quotes cited on one page, numbered in order of first citation.

    Parameters
    ----------
    facts : pandas.DataFrame
        The facts table (``fact_id``, ``source_id``, ``quote``, ``value_text``,
        ``attribution``).
    prefix : str
        Makes the link targets unique in the book (e.g. ``"profile-360734"``).

    Examples
    --------
    >>> import pandas as pd
    >>> facts = pd.DataFrame({"fact_id": ["000-a"], "source_id": ["000_x"],
    ...                       "quote": ["年产30万台"], "value_text": ["30万台"],
    ...                       "attribution": ["article"]})
    >>> c = Citations(facts, "demo")
    >>> c.ref("000-a")
    '{ref}`[1] <demo-1>`'
    """

    def __init__(self, facts: pd.DataFrame, prefix: str) -> None:
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", prefix):
            raise ValueError(f"citation prefix must be a lowercase slug, got {prefix!r}")
        self._facts = facts.set_index("fact_id", drop=False)
        self._prefix = prefix
        self._numbers: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._numbers)

    def number(self, fact_id: str) -> int:
        """The citation number of *fact_id* (assigned on first use).

        Raises
        ------
        KeyError
            If the fact does not exist: a page cannot cite what the fact base lacks.
        """
        if fact_id not in self._facts.index:
            raise KeyError(f"cannot cite unknown fact {fact_id!r}")
        return self._numbers.setdefault(fact_id, len(self._numbers) + 1)

    def ref(self, *fact_ids: str) -> str:
        """MyST references to the quotes of *fact_ids* (empty ids are skipped)."""
        refs = [
            f"{{ref}}`[{n}] <{self._prefix}-{n}>`"
            for n in sorted({self.number(f) for f in fact_ids if f})
        ]
        return " ".join(refs)

    def markdown(self) -> str:
        """The numbered quotes cited so far, each a link target, in MyST Markdown."""
        if not self._numbers:
            return "No figures are cited on this page."
        blocks = []
        for fact_id, n in sorted(self._numbers.items(), key=lambda kv: kv[1]):
            f = self._facts.loc[fact_id]
            source = f"source {source_number(f.source_id)}"
            if isinstance(f.get("genre"), str) and f.genre in GENRE_EN:
                source += f" ({GENRE_EN[f.genre]})"
            who = "" if f.attribution == "article" else f", claimed by {CLAIMANT_EN[f.attribution]}"
            status = STATUS_EN.get(f.get("status", "achieved"), "")
            what = f"figure: {f.value_text}" + (f", {status}" if status else "")
            blocks.append(
                f"({self._prefix}-{n})=\n**[{n}]** {md_escape(source + who)}: "
                f"「{md_escape(normalise(f.quote).text)}」 "
                f"({md_escape(what)}; fact `{fact_id}`)"
            )
        return "\n\n".join(blocks)
