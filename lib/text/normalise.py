"""Layout normalisation of newspaper text, with a way back to the raw file.

Newspaper text in the corpus is wrapped at column width (hard line breaks inside sentences),
sometimes double-spaced (blank lines inside sentences), and has photo captions and
infographic fragments dropped in the middle of a sentence. :func:`normalise` joins the
pieces of a sentence, keeps paragraph breaks, and records for every character of the
normalised text the offset of the raw character it came from, so any passage found in the
normalised text can be located in the raw file (:meth:`NormalisedText.raw_span`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["NormalisedText", "Paragraph", "flat_text", "normalise", "squash"]

_TERMINAL = "。！？!?…"
_CAPTION_MARKS = "▶▼■□①②③④⑤⑥⑦⑧⑨⑩"
_SHORT = 25  # a block shorter than this that does not end a sentence is caption-like
_MAX_SKIP = 8  # captions/infographic blocks that may stand inside a sentence
_CAPTION_START = re.compile(r"^(?:[▶▼■□①②③④⑤⑥⑦⑧⑨⑩]|图[①②③④⑤⑥⑦⑧⑨⑩\d]|压题图)")


def squash(text: str) -> str:
    """Remove all whitespace (including line breaks) from *text*.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    return re.sub(r"\s+", "", text)


def flat_text(raw: str) -> str:
    """The normalised text with all whitespace removed: what searches for a phrase use.

    Parameters
    ----------
    raw : str

    Returns
    -------
    str
    """
    return squash(normalise(raw).text)


def _is_cjk(ch: str) -> bool:
    return (
        "\u2e80" <= ch <= "\u9fff"
        or "\uff00" <= ch <= "\uffef"
        or "\u2010" <= ch <= "\u206f"
        or "\u2460" <= ch <= "\u24ff"
    )


@dataclass
class Paragraph:
    """A paragraph of normalised text.

    Attributes
    ----------
    text : str
        The paragraph with hard line breaks joined.
    offsets : list of int
        ``offsets[i]`` is the raw-file offset of ``text[i]``.
    """

    text: str
    offsets: list[int] = field(repr=False)

    def __add__(self, other: Paragraph) -> Paragraph:
        return Paragraph(self.text + other.text, self.offsets + other.offsets)

    @property
    def ends_sentence(self) -> bool:
        """Whether the paragraph's last character ends a sentence."""
        t = self.text.rstrip("”’」』）)")
        return bool(t) and t[-1] in _TERMINAL

    @property
    def is_caption_like(self) -> bool:
        """Whether the paragraph is short and ends no sentence (a caption, heading or fragment)."""
        return len(self.text) < _SHORT and not self.ends_sentence

    @property
    def continues(self) -> bool:
        """Whether the paragraph is a sentence cut off by a hard break.

        Headings and titles have no clause punctuation; a cut sentence has some.
        """
        if self.ends_sentence or not self.text:
            return False
        return bool(re.search("[，、；]", self.text))


@dataclass
class NormalisedText:
    """Normalised text plus the map back to the raw text.

    Attributes
    ----------
    raw : str
        The raw text.
    paragraphs : list of Paragraph
        Paragraphs in reading order.
    """

    raw: str
    paragraphs: list[Paragraph]

    @property
    def text(self) -> str:
        """The paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def offsets(self) -> list[int]:
        """Raw offset of each character of :attr:`text` (separators map to -1)."""
        out: list[int] = []
        for i, p in enumerate(self.paragraphs):
            if i:
                out += [-1, -1]
            out += p.offsets
        return out

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-file span covering ``text[start:end]``.

        Parameters
        ----------
        start, end : int
            Slice bounds in :attr:`text`, ``start < end``.

        Returns
        -------
        tuple of int
            ``(raw_start, raw_end)`` such that ``raw[raw_start:raw_end]`` contains every
            character of the slice (plus any line breaks or captions between them).
        """
        offs = [o for o in self.offsets[start:end] if o >= 0]
        if not offs:
            raise ValueError(f"empty span {start}:{end}")
        return min(offs), max(offs) + 1

    def locate(self, passage: str) -> tuple[int, int] | None:
        """Find *passage* (normalised, whitespace ignored) and return its raw span.

        Parameters
        ----------
        passage : str
            Text as it reads after normalisation.

        Returns
        -------
        tuple of int or None
            The raw span, or None when the passage is not in the text.
        """
        target = squash(passage)
        if not target:
            return None
        chars = [
            (ch, off)
            for p in self.paragraphs
            for ch, off in zip(p.text, p.offsets)
            if not ch.isspace()
        ]
        flat = "".join(ch for ch, _ in chars)
        i = flat.find(target)
        if i < 0:
            return None
        offs = [off for _, off in chars[i : i + len(target)]]
        return min(offs), max(offs) + 1


def _blocks(raw: str) -> list[list[tuple[str, int]]]:
    """Maximal runs of non-blank lines, each line as (stripped text, raw start offset)."""
    blocks: list[list[tuple[str, int]]] = []
    current: list[tuple[str, int]] = []
    pos = 0
    for line in raw.split("\n"):
        body = line.rstrip("\r")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            current.append((stripped, pos + lead))
        elif current:
            blocks.append(current)
            current = []
        pos += len(line) + 1
    if current:
        blocks.append(current)
    return blocks


def _join_lines(block: list[tuple[str, int]]) -> Paragraph:
    text, offsets = "", []
    for line, start in block:
        if text and not (_is_cjk(text[-1]) or _is_cjk(line[0])):
            text += " "
            offsets.append(start - 1)  # the line break it replaces
        text += line
        offsets += range(start, start + len(line))
    return Paragraph(text, offsets)


def normalise(raw: str) -> NormalisedText:
    """Join hard line breaks inside sentences and keep paragraph breaks.

    Lines of one block (no blank line between them) are always joined: in this corpus a
    single line break never separates paragraphs. A block that stops mid-sentence is joined
    with the next block that is not caption-like, skipping at most two captions, which are
    kept as their own paragraphs after the joined sentence. Runs of numbered caption
    fragments (``①在章贡`` / ``区赣南创新与转化`` …) are joined into one caption.

    Parameters
    ----------
    raw : str
        Raw text of a source file.

    Returns
    -------
    NormalisedText
    """
    paras = [_join_lines(b) for b in _blocks(raw)]
    out: list[Paragraph] = []
    i = 0
    while i < len(paras):
        cur, captions = paras[i], []
        i += 1
        while i < len(paras):
            if _is_numbered_caption(cur) and not _is_numbered_caption(paras[i]):
                cur, i = cur + paras[i], i + 1
                continue
            if not cur.continues:
                break
            j = _continuation(paras, i)
            if j is not None:
                captions += paras[i:j]
                cur, i = cur + paras[j], j + 1
                continue
            break
        out.append(cur)
        out += captions
    return NormalisedText(raw, out)


def _is_numbered_caption(p: Paragraph) -> bool:
    return p.text[0] in "①②③④⑤⑥⑦⑧⑨⑩" and not p.ends_sentence


def _continuation(paras: list[Paragraph], i: int) -> int | None:
    """Index of the paragraph that completes the sentence cut before ``paras[i]``.

    The next paragraph completes it when it is not a caption and is long or ends a
    sentence (double-spaced text). Otherwise captions and infographic fragments are
    skipped until a long paragraph that ends a sentence.
    """

    def plain(p: Paragraph) -> bool:
        return not _CAPTION_START.match(p.text)

    if plain(paras[i]) and not paras[i].is_caption_like:
        return i
    for j in range(i, min(len(paras), i + _MAX_SKIP)):
        p = paras[j]
        if plain(p) and p.ends_sentence and len(p.text) >= _SHORT:
            return j
    return None
