"""The PDF book: built from the same executed pages, with CJK fonts and every chart."""

import json
import re
import subprocess
from html import unescape

import pytest
from conftest import copy_project, report

pytestmark = pytest.mark.slow


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
    for title in titles:  # chart text is vector text, so pdftotext finds it
        assert title in text, title
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
