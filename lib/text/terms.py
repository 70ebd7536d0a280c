"""How often each article uses a policy vocabulary (jieba word segmentation).

Each term of the policy vocabulary (``data/policy_terms.csv``, loaded and validated by
``lib.data`` and passed in as a table) is added to a private jieba tokenizer, so that a
multi-character term is one token; an occurrence is a token *equal* to the term (so
招商引资, itself a term, does not also count as 招商). Frequencies are per 1,000 Han
characters of the article's text (CJK unified ideographs; punctuation, digits, Latin letters
and spaces do not count).

jieba's dictionary cache is kept in the system temporary folder (``jiangxi-report-jieba``),
never in the project; its start-up messages are silenced.
"""

from __future__ import annotations

import logging
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import jieba
import pandas as pd

__all__ = ["han_characters", "term_frequencies", "tokenizer"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def han_characters(text: str) -> int:
    """Number of Han characters (CJK unified ideographs, extension A included) in *text*."""
    return len(_HAN.findall(text))


@lru_cache(maxsize=8)
def tokenizer(terms: tuple[str, ...]) -> jieba.Tokenizer:
    """A jieba tokenizer that keeps each of *terms* as one token.

    Parameters
    ----------
    terms : tuple of str

    Returns
    -------
    jieba.Tokenizer
        Its own dictionary (jieba's global one is left alone); cache file in the system
        temporary folder.
    """
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    cache = Path(tempfile.gettempdir()) / "jiangxi-report-jieba"
    cache.mkdir(parents=True, exist_ok=True)
    tk.tmp_dir = str(cache)
    for term in terms:
        tk.add_word(term)  # frequency suggested by jieba so the term is kept whole
    for term in terms:  # a second pass: each term is now at least as likely as any split
        tk.suggest_freq(term, tune=True)
    return tk


def term_frequencies(texts: pd.DataFrame, terms: pd.DataFrame) -> pd.DataFrame:
    """Occurrences of each term in each text, and per 1,000 Han characters.

    Parameters
    ----------
    texts : pandas.DataFrame
        ``article_id`` and ``text`` (one row per article).
    terms : pandas.DataFrame
        ``term``, ``label_en``, ``category`` (``FactBase.policy_terms``).

    Returns
    -------
    pandas.DataFrame
        Tidy: ``article_id``, ``term``, ``label_en``, ``category``, ``count``,
        ``han_chars``, ``per_1000`` (count ÷ han_chars × 1000); every (article, term) pair,
        zero counts included. An article without Han characters has ``per_1000`` NaN.
    """
    tk = tokenizer(tuple(terms.term))
    wanted = set(terms.term)
    rows = []
    for art in texts.itertuples(index=False):
        counts: dict[str, int] = dict.fromkeys(terms.term, 0)
        for token in tk.lcut(art.text, HMM=False):
            if token in wanted:
                counts[token] += 1
        n = han_characters(art.text)
        for t in terms.itertuples(index=False):
            rows.append(
                {
                    "article_id": art.article_id,
                    "term": t.term,
                    "label_en": t.label_en,
                    "category": t.category,
                    "count": counts[t.term],
                    "han_chars": n,
                    "per_1000": 1000 * counts[t.term] / n if n else float("nan"),
                }
            )
    return pd.DataFrame(
        rows,
        columns=["article_id", "term", "label_en", "category", "count", "han_chars", "per_1000"],
    )
