"""The PDF book: built from the same executed pages, with CJK fonts and every chart."""

import json
import re
import subprocess
import unicodedata
from collections import Counter
from html import unescape

import pytest
from conftest import copy_project, report

# One xdist group (one worker): the PDF is built once, in the built book, for all of them.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("book")]


@pytest.fixture(scope="module")
def pdf_book(built_book):
    root, _ = built_book
    result = report(root, "pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def charts_in_book(root):
    titles = []
    for nb in sorted((root / "pages").glob("*.ipynb")):
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            for out in cell.get("outputs", []):
                html = "".join(out.get("data", {}).get("text/html", ""))
                if "report-chart" in html:
                    titles.append(unescape(re.search(r'aria-label="([^"]*)"', html)[1]))
    return titles


def test_pdf_has_every_chapter_and_chinese_text(pdf_book):
    text = subprocess.run(
        ["pdftotext", str(pdf_book / "_build/pdf/book.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split())  # titles may wrap across lines
    for nb in (pdf_book / "pages").glob("*.ipynb"):
        first = json.loads(nb.read_text(encoding="utf-8"))["cells"][0]["source"]
        title = "".join(first).lstrip("# ").strip()
        assert title in flat, title
    assert "The corpus at a glance" in text
    assert "寻乌县" in text and "章贡区" in text
    assert "check_horizon(horizon_year, fb)" not in flat  # chapters' code stays out of print …
    assert "q = parse_quantity(" in flat  # … but the page on using lib shows its code
    assert "Contents" in text or "CONTENTS" in text or "1.1" in text


def test_cjk_fonts_are_embedded(pdf_book):
    fonts = subprocess.run(
        ["pdffonts", str(pdf_book / "_build/pdf/book.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    cjk = [line for line in fonts if "CJK" in line]
    assert cjk, fonts
    assert all(line.split()[-5] == "yes" for line in cjk)  # the "emb" column


def test_every_chart_is_in_the_pdf_as_a_vector_figure(pdf_book):
    titles = charts_in_book(pdf_book)
    tex = (pdf_book / "_build/pdf/book.tex").read_text(encoding="utf-8")
    figures = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{?([^}]*)\}", tex)
    assert len(titles) >= 3
    assert len(figures) == len(titles)
    text = subprocess.run(
        ["pdftotext", str(pdf_book / "_build/pdf/book.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split())  # a long title wraps inside its chart
    for title in titles:  # chart text is vector text, so pdftotext finds it
        assert " ".join(title.split()) in flat, title
    assert len(re.findall(r"Fig\. \d+\.\d+: ", text)) == len(titles)  # each with its caption


def test_a_chart_without_its_static_rendering_fails_the_build(pdf_book, tmp_path):
    root = copy_project(tmp_path / "p", with_build_from=pdf_book)
    page = root / "pages" / "overview.ipynb"
    nb = json.loads(page.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            out.get("data", {}).pop("application/pdf", None)
    page.write_text(json.dumps(nb), encoding="utf-8")
    result = report(root, "pdf")
    assert result.returncode == 2
    assert "charts without a static (PDF) rendering: overview: cell" in result.stderr


# --- typesetting: every page checked by measuring the PDF ------------------------------

_MM = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 72 / 72.27, "bp": 1.0}
#: A word of four letters or more, not part of a hyphenated one.
_WHOLE = re.compile(r"(?<![A-Za-z-])[A-Za-z]{4,}(?![A-Za-z-])")
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def _length(text):
    """A TeX length such as ``20mm`` or ``1in``, in PDF points."""
    m = re.fullmatch(r"\s*([\d.]+)\s*(mm|cm|in|pt|bp)\s*", text)
    assert m, text
    return float(m[1]) * _MM[m[2]]


def text_block(tex):
    """Left/right margin and top margin (PDF points) from the LaTeX geometry of *tex*.

    Sphinx writes ``latex_elements['sphinxsetup']`` as ``\\sphinxsetup{...}``; its package
    sets the margins with geometry (Sphinx's defaults: 1in on every side).
    """
    found = re.findall(r"\\usepackage\[([^\]]*)\]\{sphinx\}|\\sphinxsetup\{(.*)\}", tex)
    options = " ".join(" ".join(pair) for pair in found)
    hmargin = re.search(r"hmargin=\{?([^,}]+)", options)
    vmargin = re.search(r"vmargin=\{?([^,}]+)", options)
    return (
        _length(hmargin[1]) if hmargin else 72.0,
        _length(vmargin[1]) if vmargin else 72.0,
    )


def words_past_the_margin(pdf, tex):
    """Words of *pdf* whose right end lies past the right edge of the text block.

    The edge is the page width less the right margin of the LaTeX geometry; on a page
    turned for a wide table (landscape, ``/Rotate 90``) the lines run along the portrait
    page's height, and their right edge is its top margin. A running header set sideways
    on a turned page is not a line of the text. A Chinese punctuation mark ending a line
    is drawn half as wide as its advance, which pdftotext counts whole: it may pass by up
    to its own size.

    Returns
    -------
    list of str
        ``"page N: WORD (+X pt)"``.
    """
    hmargin, top = text_block(tex)
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "100000", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    turned = {int(m[1]) for m in re.finditer(r"Page\s+(\d+) rot:\s+(90|270)", info)}
    past = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        width = float(re.search(r'width="([\d.]+)"', page)[1])
        height = float(re.search(r'height="([\d.]+)"', page)[1])
        edge = height - top if number in turned else width - hmargin
        for line in re.findall(r"<line (.*?)</line>", page, flags=re.S):
            x0, y0, x1, y1 = map(float, re.findall(r'="([\d.]+)"', line)[:4])
            if y1 - y0 > x1 - x0:  # set sideways: a turned page's running header
                continue
            for m in _WORD.finditer(line):
                right, size, word = float(m[3]), float(m[4]) - float(m[2]), unescape(m[5])
                cjk_stop = word and unicodedata.east_asian_width(word[-1]) in "WF"
                cjk_stop = cjk_stop and unicodedata.category(word[-1]).startswith("P")
                if right > edge + (size if cjk_stop else 1.0):
                    past.append(f"page {number}: {word} (+{right - edge:.1f} pt)")
    return past


def squashed_headers(pdf, tex):
    """Table header words that the PDF does not show whole.

    A column narrower than its header's longest word breaks it ("Chai" + "n", "Sour" +
    "ce", "(in-" + "ferred)"). Each header word of four letters or more must appear as a
    whole word of the PDF at least as often as the tables' headers use it.

    Returns
    -------
    list of str
        ``"WORD: N in headers, M whole in the PDF"``.
    """
    firsts = re.findall(
        r"\\begin\{(?:longtable|tabulary)\}(.*?)(?:\\endfirsthead|\\sphinxmidrule)", tex, flags=re.S
    )
    heads = [
        h
        for first in firsts
        for h in re.findall(r"\\sphinxstyletheadfamily\s*\n\\sphinxAtStartPar\n(.*?)\n", first)
    ]
    wanted = Counter(
        w
        for head in heads
        for w in _WHOLE.findall(re.sub(r"\\[A-Za-z]+", " ", head.replace(r"\sphinxhyphen{}", "-")))
    )
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    seen = Counter(_WHOLE.findall(text))
    return [
        f"{w}: {n} in headers, {seen[w]} whole in the PDF" for w, n in wanted.items() if seen[w] < n
    ]


def test_no_text_runs_past_the_right_margin(pdf_book):
    pdf = pdf_book / "_build/pdf/book.pdf"
    tex = (pdf_book / "_build/pdf/book.tex").read_text(encoding="utf-8")
    assert words_past_the_margin(pdf, tex) == []


def test_table_headers_are_not_squashed(pdf_book):
    pdf = pdf_book / "_build/pdf/book.pdf"
    tex = (pdf_book / "_build/pdf/book.tex").read_text(encoding="utf-8")
    assert "\\begin{tabulary}" not in tex  # every table a longtable of measured columns
    assert squashed_headers(pdf, tex) == []


def test_long_tables_repeat_their_header_and_wide_ones_turn(pdf_book):
    tex = (pdf_book / "_build/pdf/book.tex").read_text(encoding="utf-8")
    tables = re.findall(r"\\begin\{longtable\}\{(.*?)\}\n", tex)
    assert len(tables) > 20
    assert all("\\Y{" in spec for spec in tables)  # a measured width for every column
    assert tex.count("\\endhead") == len(tables)  # the header again on every page
    assert "\\begin{landscape}" in tex
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "100000", str(pdf_book / "_build/pdf/book.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"rot:\s+90", info)  # a turned page is shown turned
