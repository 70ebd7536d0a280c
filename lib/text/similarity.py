"""Which known label do the words around a number best match: character-bigram similarity.

Chinese is written without spaces, so words are approximated by overlapping pairs of
characters (``总产值`` → ``总产``, ``产值``). :class:`Suggester` learns, for each label (an
indicator of the fact base), the bigrams of the texts known to carry it, weighs them by how
rare they are across labels (inverse document frequency), and ranks labels for a new text by
cosine similarity. It is the intake's suggestion of an indicator for a candidate figure.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

__all__ = ["Suggester", "bigrams"]

_NOISE = re.compile(r"[\s\d.,，。、；：:;%％（）()“”\"'—-]+")


def bigrams(text: str) -> Counter[str]:
    """Character bigrams of *text*, digits, spaces and punctuation removed.

    Parameters
    ----------
    text : str

    Returns
    -------
    collections.Counter

    Examples
    --------
    >>> sorted(bigrams("总产值50亿元"))
    ['产值', '亿元', '值亿', '总产']
    """
    clean = _NOISE.sub("", text)
    return Counter(clean[i : i + 2] for i in range(len(clean) - 1))


class Suggester:
    """Rank labels by the similarity of their known texts to a new text.

    Parameters
    ----------
    texts : mapping
        Label → the texts known to carry it (for an indicator: its Chinese label and the
        words around each of its figures).
    """

    def __init__(self, texts: Mapping[str, Iterable[str]]) -> None:
        counts = {label: sum((bigrams(t) for t in ts), Counter()) for label, ts in texts.items()}
        df = Counter(g for c in counts.values() for g in c)
        n = max(len(counts), 1)
        self._idf = {g: math.log((1 + n) / (1 + k)) + 1 for g, k in df.items()}
        self._vectors = {label: self._weigh(c) for label, c in counts.items() if c}

    def _weigh(self, counts: Counter[str]) -> dict[str, float]:
        vec = {g: (1 + math.log(k)) * self._idf.get(g, 0.0) for g, k in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {g: v / norm for g, v in vec.items()}

    def rank(self, text: str, among: Iterable[str] | None = None) -> list[tuple[str, float]]:
        """Labels by similarity to *text*, best first.

        Parameters
        ----------
        text : str
        among : iterable of str, optional
            Only these labels (e.g. the indicators measured in the figure's base unit).

        Returns
        -------
        list of (str, float)
            Label and cosine similarity in [0, 1], rounded to 3 decimals.
        """
        query = self._weigh(bigrams(text))
        labels = self._vectors if among is None else [a for a in among if a in self._vectors]
        scored = [
            (label, round(sum(w * self._vectors[label].get(g, 0.0) for g, w in query.items()), 3))
            for label in labels
        ]
        return sorted(scored, key=lambda x: (-x[1], x[0]))

    def suggest(self, text: str, among: Iterable[str] | None = None) -> tuple[str, float]:
        """The best label for *text* and its score, or ``("", 0.0)`` when none is known.

        Examples
        --------
        >>> s = Suggester({"output_value": ["总产值"], "firms": ["企业数量"]})
        >>> s.suggest("总产值突破50亿元")[0]
        'output_value'
        """
        ranked = self.rank(text, among)
        return ranked[0] if ranked else ("", 0.0)
