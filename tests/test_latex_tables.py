"""The printed book's table layout (report.latex_tables), on small tables."""

from docutils import nodes
from docutils.core import publish_doctree

from report.latex_tables import (
    HEADER_FACTOR,
    LANDSCAPE_EMS,
    PADDING,
    PAGE_EMS,
    _drop_empty_columns,
    column_widths,
    table_lines,
    text_width,
)


def cell(text, code=False):
    return [(text, code)]


def test_widths_fill_at_most_the_line_and_never_squash_a_header():
    header = [cell("Source"), cell("Chain"), cell("Quote")]
    rows = [[cell("000"), cell("PCB"), cell("章贡区" * 60)]] * 3
    shares, fits = column_widths(header, rows)
    assert fits and sum(shares) <= 1.0 + 1e-9
    for head, share in zip(["Source", "Chain"], shares):
        assert share * PAGE_EMS >= text_width(head) * HEADER_FACTOR + PADDING - 1e-9
    assert shares[2] > 0.7  # the long quote gets the room


def test_a_short_column_keeps_its_text_on_one_line():
    header = [cell("Period"), cell("Quote")]
    rows = [[cell("as of 2025†"), cell("寻乌县" * 80)]]
    shares, _ = column_widths(header, rows)
    assert shares[0] * PAGE_EMS >= text_width("as of 2025†") + PADDING - 1e-9


def test_code_is_measured_in_the_monospace_face_and_breaks_after_hyphens():
    assert text_width("fact_id", code=True) == 7 * 0.6
    header = [cell("Column"), cell("Meaning")]
    rows = [[cell("000-xunwu-compressor-export-firms", code=True), cell("x " * 100)]]
    shares, fits = column_widths(header, rows)
    assert fits and shares[0] * PAGE_EMS < text_width("compressor-", code=True) + 8


def test_a_table_too_wide_for_the_page_says_so_and_fits_turned():
    header = [cell(f"Heading{i}") for i in range(12)]
    rows = [[cell("unbreakable_word_x") for _ in range(12)]]
    _, fits = column_widths(header, rows)
    assert not fits
    shares, _ = column_widths(header, rows, LANDSCAPE_EMS)
    assert abs(sum(shares) - 1.0) < 1e-9


def test_narrow_columns_make_tall_tables():
    header = [cell("Quote")]
    rows = [[cell("章" * 100)]]
    assert table_lines(header, rows, [1.0], PAGE_EMS) < table_lines(header, rows, [0.2], PAGE_EMS)


def test_a_column_empty_in_every_row_is_left_out_of_print():
    doc = publish_doctree(
        "===== ====== =====\n"
        "Name  Entity Value\n"
        "===== ====== =====\n"
        "a            1\n"
        "b            2\n"
        "===== ====== =====\n"
    )
    tgroup = next(iter(doc.findall(nodes.tgroup)))
    _drop_empty_columns(tgroup)
    assert tgroup["cols"] == 2
    assert [e.astext() for e in next(iter(doc.findall(nodes.row))).children] == ["Name", "Value"]
    assert len([c for c in tgroup.children if isinstance(c, nodes.colspec)]) == 2
