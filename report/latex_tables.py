"""The printed book's tables: column widths set per table, page breaks, landscape.

A Sphinx extension (listed in ``_config.yml``) that acts on the LaTeX build only. Left to
itself, Sphinx sets a table of up to 30 rows with ``tabulary``, which squeezes a short
column to its widest word and cuts headers ("Chai" for "Chain"), and cannot break across
pages; a longer table is a ``longtable`` of ``l`` columns, which never wrap and run past
the right margin. Here every table is instead a ``longtable`` (it breaks across pages
and repeats its header) whose columns have widths measured from what they hold, the way a
browser lays out a table:

* a column is never narrower than its longest unbreakable word, header included, so no
  header is squashed; Chinese text breaks between any two characters;
* the room left is shared out in proportion to how much longer each column's text is than
  that minimum, so long quotes get the room and short codes do not;
* a table whose words cannot fit across the page even so, or that turned takes fewer
  pages, is set in landscape;
* a column with nothing in its body (every cell empty) is left out of print.

Widths are estimates from character counts (a Chinese character one em, a Latin letter
about half), which is all a table's layout needs; the PDF test measures the result.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

__all__ = ["PrintTables", "column_widths", "setup", "table_lines", "text_width"]

#: Width of the text block in ems of the tables' font (``\small``, 10 pt) on A4 with the
#: margins of ``_config.yml`` (``hmargin=20mm``, so 170 mm or 482 pt).
PAGE_EMS = 48.0
#: The same on a page turned for a wide table (``vmargin={22mm,25mm}``, so 250 mm).
LANDSCAPE_EMS = 71.0
#: Horizontal padding of a column (``2\tabcolsep`` = 12 pt), in ems.
PADDING = 1.2
#: No single unbreakable word makes a column wider than this share of the line.
MAX_WORD_SHARE = 0.3
#: A column whose text is at most this wide (in ems) is not wrapped if the table can help.
SHORT = 9.0
#: Lines set ragged right hold less than their width, and estimated heights allow for it.
RAGGED = 1.15
#: Headers are set in the sans-serif face, a little wider than the body's serif.
HEADER_FACTOR = 1.12

#: Width of a character of code (the monospace face), in ems.
CODE_CHAR = 0.6


# Text breaks at spaces and after hyphens; code also after . , ; ? ! / and hyphens
# (Sphinx's inline-literal breaks, and the preamble's for hyphens)
_BREAKS = re.compile(r"\s+|(?<=-)")
_CODE_BREAKS = re.compile(r"\s+|(?<=[-.,;?!/])")


def _char_width(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch.isupper():
        return 0.68
    if ch in "il.,;:'|!()[]":
        return 0.3
    if ch in "mwMW":
        return 0.8
    return 0.5


def text_width(text: str, code: bool = False) -> float:
    """Estimated width of *text* on one line, in ems.

    Parameters
    ----------
    text : str
    code : bool
        Set in the monospace face.

    Returns
    -------
    float

    Examples
    --------
    >>> text_width("寻乌县")
    3.0
    >>> text_width("fact_id", code=True)
    4.2
    """
    if code:
        return round(CODE_CHAR * len(text), 6)
    return sum(_char_width(ch) for ch in text)


def _longest_word(text: str, code: bool = False) -> float:
    """Width of the widest piece of *text* that cannot break across lines, in ems."""
    widest = 0.0
    for token in (_CODE_BREAKS if code else _BREAKS).split(text):
        run = 0.0  # Latin letters and digits stick together; Chinese breaks anywhere
        for ch in token:
            if unicodedata.east_asian_width(ch) in ("W", "F"):
                widest = max(widest, run + 1.0)
                run = 0.0
            else:
                run += CODE_CHAR if code else _char_width(ch)
        widest = max(widest, run)
    return widest


def _low(cell: list[tuple[str, bool]]) -> float:
    return max((_longest_word(t, code) for t, code in cell), default=0.0)


def _high(cell: list[tuple[str, bool]]) -> float:
    return sum(text_width(t, code) for t, code in cell) + 0.25 * max(len(cell) - 1, 0)


def column_widths(
    header: list[list[tuple[str, bool]]],
    rows: list[list[list[tuple[str, bool]]]],
    line: float = PAGE_EMS,
) -> tuple[list[float], bool]:
    """Shares of the line each column gets, and whether the table fits across it.

    Parameters
    ----------
    header : list of list of (str, bool)
        Header cells, one per column: lists of ``(text, is_code)`` pieces.
    rows : list of list of list of (str, bool)
        Body cells, row by row (rows shorter than the header are padded).
    line : float
        Width of the line in ems.

    Returns
    -------
    tuple of (list of float, bool)
        Fractions of the line width, one per column, summing to at most 1; and False when
        even the columns' longest words do not fit across the line.

    Examples
    --------
    >>> shares, fits = column_widths([[("Chain", False)], [("Quote", False)]],
    ...                              [[[("PCB", False)], [("x " * 200, False)]]])
    >>> fits, round(shares[0] * 48, 1)  # "Chain" whole, in its sans-serif face, padded
    (True, 4.0)
    """
    lows, highs = _bounds(header, rows, line)
    if sum(highs) <= line:
        widths = highs
    elif sum(lows) <= line:
        # short columns (a code, a year, "not stated") keep their text on one line; the
        # room left goes to the long ones in proportion to how much text they hold
        widths = list(lows)
        for j in sorted(range(len(lows)), key=lambda j: highs[j]):
            if highs[j] > SHORT or sum(widths) - widths[j] + highs[j] > line:
                break
            widths[j] = highs[j]
        long = [j for j in range(len(lows)) if widths[j] < highs[j]]
        spare = line - sum(widths)
        extra = sum(highs[j] - widths[j] for j in long)
        for j in long:
            widths[j] += spare * (highs[j] - widths[j]) / extra
    else:
        return [lo / sum(lows) for lo in lows], False
    return [w / line for w in widths], True


def _bounds(
    header: list[list[tuple[str, bool]]], rows: list[list[list[tuple[str, bool]]]], line: float
) -> tuple[list[float], list[float]]:
    """Each column's narrowest and widest useful width, padding included, in ems."""
    lows, highs = [], []
    for j, head in enumerate(header):
        cells = [r[j] if j < len(r) else [] for r in rows]
        low = max([_low(head) * HEADER_FACTOR] + [_low(c) for c in cells])
        low = min(low, MAX_WORD_SHARE * line)
        high = max([_high(head) * HEADER_FACTOR] + [_high(c) for c in cells])
        lows.append(low + PADDING)
        highs.append(max(high, low) + PADDING)
    return lows, highs


def table_lines(
    header: list[list[tuple[str, bool]]],
    rows: list[list[list[tuple[str, bool]]]],
    shares: list[float],
    line: float,
) -> int:
    """Estimated height of a table in lines, its columns set at *shares* of *line* ems.

    Parameters
    ----------
    header : list of list of (str, bool)
    rows : list of list of list of (str, bool)
    shares : list of float
        As returned by :func:`column_widths`.
    line : float

    Returns
    -------
    int
    """
    total = 0
    for row in [header, *rows]:
        total += max(
            (
                math.ceil(RAGGED * _high(cell) / max(share * line - PADDING, 0.5))
                for cell, share in zip(row, shares)
                if cell
            ),
            default=1,
        )
    return total


def _cell(entry: nodes.entry) -> list[tuple[str, bool]]:
    """The pieces of text of a table cell, each marked as code (monospace) or not."""
    pieces = []
    for text in entry.findall(nodes.Text):
        code = any(isinstance(a, nodes.literal) for a in _ancestors(text, entry))
        pieces.append((" ".join(str(text).split()), code))
    return [(t, code) for t, code in pieces if t]


def _ancestors(node: nodes.Node, stop: nodes.Node):
    parent = node.parent
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.parent


def _cells(row: nodes.row) -> list[list[tuple[str, bool]]]:
    out: list[list[tuple[str, bool]]] = []
    for entry in row.findall(nodes.entry):
        out.append([] if entry.get("morecols") else _cell(entry))
        out.extend([] for _ in range(entry.get("morecols", 0)))
    return out


def _colspec(shares: list[float]) -> str:
    return "".join(
        rf">{{\raggedright\arraybackslash}}\Y{{{math.floor(s * 1000) / 1000}}}" for s in shares
    )


def _in_box(node: nodes.Node) -> bool:
    """Whether *node* sits where a longtable cannot (a table, an admonition, a sidebar)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.table | nodes.Admonition | nodes.sidebar | nodes.topic):
            return True
        parent = parent.parent
    return False


def _drop_empty_columns(tgroup: nodes.tgroup) -> None:
    """Leave out of print a column whose body cells are all empty (it says nothing there).

    Tables with merged cells are left as they are.
    """
    rows = [r for body in tgroup.findall(nodes.tbody) for r in body.findall(nodes.row)]
    everything = list(tgroup.findall(nodes.row))
    if not rows or any(
        e.get("morecols") or e.get("morerows") for r in everything for e in r.children
    ):
        return
    n = len(everything[0].children)
    if any(len(r.children) != n for r in everything):
        return
    empty = [j for j in range(n) if all(not r.children[j].astext().strip() for r in rows)]
    if not empty or len(empty) == n:
        return
    for row in everything:
        for j in reversed(empty):
            row.remove(row.children[j])
    specs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
    if len(specs) == n:
        for j in reversed(empty):
            tgroup.remove(specs[j])
    tgroup["cols"] = n - len(empty)


class PrintTables(SphinxPostTransform):
    """Give every table of the LaTeX build measured column widths (see the module)."""

    default_priority = 400
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            if _in_box(table):
                continue
            parent = table.parent
            index = parent.index(table)
            if index and isinstance(parent[index - 1], addnodes.tabular_col_spec):
                continue  # a width the page sets itself
            tgroup = next(iter(table.findall(nodes.tgroup)), None)
            if tgroup is None:
                continue
            _drop_empty_columns(tgroup)
            head = [_cells(r) for t in tgroup.findall(nodes.thead) for r in t.findall(nodes.row)]
            body = [_cells(r) for t in tgroup.findall(nodes.tbody) for r in t.findall(nodes.row)]
            n = int(tgroup.get("cols", 0)) or max((len(r) for r in head + body), default=0)
            header = [[p for h in head if j < len(h) for p in h[j]] for j in range(n)]
            shares, fits = column_widths(header, body)
            wide, _ = column_widths(header, body, LANDSCAPE_EMS)
            tall = table_lines(header, body, shares, PAGE_EMS)
            # turned when it cannot fit, or when turned it takes fewer pages: a turned
            # table starts and ends a page, which holds about 40 lines against 58
            landscape = not fits or (
                math.ceil(table_lines(header, body, wide, LANDSCAPE_EMS) / 40) <= tall / 58
            )
            if landscape:
                shares = wide
            spec = addnodes.tabular_col_spec()
            spec["spec"] = _colspec(shares)
            table["classes"].append("longtable")
            parent.insert(index, spec)
            if landscape:
                # a short paragraph that introduces the table (its label) turns with it
                lead = index
                if lead and isinstance(parent[lead - 1], nodes.paragraph):
                    lead -= len(parent[lead - 1].astext()) < 300
                parent.insert(lead, nodes.raw("", r"\begin{landscape}", format="latex"))
                parent.insert(
                    parent.index(table) + 1,
                    nodes.raw("", r"\end{landscape}", format="latex"),
                )


def setup(app: Any) -> dict[str, Any]:
    """Register the transform with Sphinx."""
    app.add_post_transform(PrintTables)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
