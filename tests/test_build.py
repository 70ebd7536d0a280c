"""End to end: the book builds, caches, fails loudly and survives interruptions.

What the whole book shows is read from ``built_book`` (built once per session); the tests
that build again (other editions, incremental runs, failures) work on a copy of
``small_book``, the same executed pages in a book of six (tests/conftest.py).
"""

import json
import re
import signal
import subprocess
import sys
import time

import pytest
import yaml
from conftest import copy_project, copy_small_book, report

from report.plan import load_plan
from report.toc import toc

pytestmark = pytest.mark.slow


def add_cell(root, template, cell):
    """Append *cell* to a template (MyST Markdown) of the copy at *root*; return the cell count."""
    import jupytext

    path = root / "chapters" / template
    nb = jupytext.read(path, fmt="md:myst")
    nb.cells.append(cell)
    jupytext.write(nb, path, fmt="md:myst")
    return len(nb.cells)


def executed_pages(root):
    """Every executed page of the copy's run plan, as the HTML file it becomes."""
    return [p.output.with_suffix(".html").as_posix() for p in load_plan(root).pages]


def book_pages(root):
    """The HTML pages the book should hold: the executed ones and those the build writes
    (the API reference, from lib's modules)."""
    written = [w.output.with_suffix(".html").as_posix() for w in load_plan(root).written]
    return sorted([*executed_pages(root), *written])


def navigation(html):
    """The left navigation of a built page: (caption, [page link, …]) for each part."""
    nav = html[html.index("bd-docs-nav") :]
    nav = nav[: nav.index("</nav>")]
    parts = []
    for caption, href in re.findall(
        r'caption-text">([^<]*)<|class="reference internal" '
        r'href="([^"#]*)"',
        nav,
    ):
        if caption:
            parts.append((caption, []))
        else:
            parts[-1][1].append(href)
    return parts


def html_pages(root):
    return sorted(
        p.relative_to(root / "_build" / "html").as_posix()
        for p in (root / "_build" / "html" / "pages").glob("*.html")
    )


def test_clean_build_makes_every_page(built_book):
    root, result = built_book
    n = len(executed_pages(root))
    assert n >= 8 and f"{n} executed, 0 up to date, 0 failed" in result.stdout
    assert html_pages(root) == book_pages(root)
    assert (root / "_build" / "html" / "index.html").is_file()
    assert "start  intro" in result.stdout and "done   overview" in result.stdout


def test_the_navigation_follows_the_plan(built_book):
    root, _ = built_book
    plan = load_plan(root)
    assert yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) == toc(plan)
    intro = (root / "_build" / "html" / "pages" / f"{plan.root}.html").read_text(encoding="utf-8")
    assert navigation(intro) == [
        (part.caption, [f"{name}.html" for name in part.pages]) for part in plan.parts
    ]
    numbered = [name for part in plan.parts if part.numbered for name in part.pages]
    overview = (root / "_build" / "html" / "pages" / f"{numbered[0]}.html").read_text(
        encoding="utf-8"
    )
    assert '<h1><span class="section-number">1. </span>' in overview  # numbered parts are …
    last = plan.parts[-1]
    assert not last.numbered
    back = (root / "_build" / "html" / "pages" / f"{last.pages[0]}.html").read_text(
        encoding="utf-8"
    )
    assert '<h1><span class="section-number">' not in back  # … the others not


def test_a_new_part_in_the_plan_is_a_new_part_of_the_book(small_book, tmp_path):
    root = copy_small_book(tmp_path / "p", small_book)
    text = (root / "chapters" / "plan.yml").read_text(encoding="utf-8")
    text = text.replace(
        "pages: [targets, reconciliation]",
        "pages: [targets]\n"
        "  - caption: Cross-checks\n    numbered: true\n    pages: [reconciliation]",
    )
    (root / "chapters" / "plan.yml").write_text(text, encoding="utf-8")
    result = report(root, "book")
    assert result.returncode == 0, result.stderr
    assert "0 executed" in result.stdout  # the pages are unchanged
    intro = (root / "_build" / "html" / "pages" / "intro.html").read_text(encoding="utf-8")
    captions = [caption for caption, _ in navigation(intro)]
    assert captions[captions.index("Assessment") + 1] == "Cross-checks"
    assert navigation(intro)[captions.index("Cross-checks")][1] == ["reconciliation.html"]


def test_reader_sees_prose_not_machinery(built_book):
    root, _ = built_book
    page = (root / "_build" / "html" / "pages" / "overview.html").read_text(encoding="utf-8")
    assert "<h1>The corpus at a glance" in page
    assert "headline_per_region = 4" not in page  # parameters cell removed
    assert "Injected parameters" not in page
    assert "Show code cell source" not in page and "cell_input" not in page  # no code …
    source = root / "_build" / "html" / "_sources" / "pages" / "overview.ipynb"
    assert "load_factbase" in source.read_text(encoding="utf-8")  # … but the download has it
    using = (root / "_build" / "html" / "pages" / "using_lib.html").read_text(encoding="utf-8")
    assert "cell_input" in using and "parse_quantity" in using  # the developers' page shows it
    assert "寻乌县 Xunwu County" in page
    assert "{glue:" not in page  # numbers computed, not placeholders
    intro = (root / "_build" / "html" / "pages" / "intro.html").read_text(encoding="utf-8")
    facts = sum(1 for _ in (root / "data" / "facts.csv").open(encoding="utf-8"))  # lines ≥ rows
    assert any(str(n) in intro for n in range(300, facts))
    for nb in (root / "pages").glob("*.ipynb"):
        meta = json.loads(nb.read_text(encoding="utf-8"))["metadata"]["report"]
        assert len(meta["stamp"]) == 64


def test_the_edition_with_code_shows_it_behind_toggles(small_book, tmp_path):
    root = copy_small_book(tmp_path / "p", small_book)
    result = report(root, "book", "--with-code")
    assert result.returncode == 0, result.stderr
    assert "0 executed" in result.stdout and "HTML book built" in result.stdout
    page = (root / "_build" / "html" / "pages" / "overview.html").read_text(encoding="utf-8")
    assert "Show code cell source" in page and "load_factbase" in page
    result = report(root, "book")  # the reader's edition again: rebuilt, without code
    assert "HTML book built" in result.stdout
    page = (root / "_build" / "html" / "pages" / "overview.html").read_text(encoding="utf-8")
    assert "Show code cell source" not in page


@pytest.mark.xdist_group("book")  # it runs in the built book: not while the PDF is built there
def test_nothing_changed_executes_nothing(built_book):
    root, _ = built_book
    start = time.perf_counter()
    result = report(root, "book")
    assert result.returncode == 0
    n = len(executed_pages(root))
    assert f"0 executed, {n} up to date" in result.stdout
    assert "HTML book is up to date" in result.stdout
    assert time.perf_counter() - start < 10


def test_list_shows_pages_parameters_and_cache_state(built_book):
    root, _ = built_book
    out = report(root, "list").stdout
    assert re.search(r"overview +fresh", out) and "headline_per_region=4" in out


def test_parameter_override_reruns_only_that_page(small_book, tmp_path):
    root = copy_small_book(tmp_path / "p", small_book)
    for cache in (".pytest_cache", ".hypothesis"):  # tools' caches must not enter the book
        (root / cache).mkdir()
        (root / cache / "README.md").write_text("# cache\n")
    html = root / "_build" / "html" / "pages" / "overview.html"
    rows = html.read_text(encoding="utf-8").count("<tr")
    result = report(root, "run", "overview", "-p", "headline_per_region=1")
    assert result.returncode == 0, result.stderr
    assert "1 executed" in result.stdout and "start  intro" not in result.stdout
    meta = json.loads((root / "pages" / "overview.ipynb").read_text())["metadata"]["report"]
    assert meta["parameters"]["headline_per_region"] == 1
    # the HTML is updated incrementally, in Sphinx's kept folder, and shows the change
    assert "updating the HTML book (incremental" in result.stdout
    assert (root / "_build" / "sphinx" / "_build" / ".doctrees").is_dir()
    assert html.read_text(encoding="utf-8").count("<tr") < rows
    stamp = (root / "_build" / "html" / ".book-stamp").read_text()
    assert stamp.startswith("incremental:")
    assert re.search(r"overview +stale", report(root, "list").stdout)  # the plan still says 4
    # the next change reads only the page that changed
    again = report(root, "run", "overview", "-p", "headline_per_region=2")
    assert again.returncode == 0, again.stderr
    assert "updating the HTML book (incremental" in again.stdout
    log = (root / "_build" / "html-build.log").read_text(encoding="utf-8")
    read = [ln for ln in log.splitlines() if "reading sources" in ln]
    assert any("pages/overview" in ln for ln in read)
    assert not any("pages/intro" in ln or "pages/targets" in ln for ln in read)
    # report book builds strictly again after an incremental update
    strict = report(root, "book")
    assert strict.returncode == 0, strict.stderr
    assert "strict: warnings are errors" in strict.stdout
    assert not (root / "_build" / "html" / ".book-stamp").read_text().startswith("incremental")


def test_unknown_parameter_is_an_error_listing_the_valid_ones(built_book):
    result = report(built_book[0], "run", "overview", "-p", "horizon_year=2030")
    assert result.returncode == 2
    assert "unknown parameter 'horizon_year'" in result.stderr
    assert "headline_per_region, regions" in result.stderr
    bad_type = report(built_book[0], "run", "overview", "-p", "headline_per_region=many")
    assert bad_type.returncode == 2 and "expects int" in bad_type.stderr


def test_data_change_makes_every_page_stale(built_book, tmp_path):
    root = copy_project(tmp_path / "p", with_build_from=built_book[0])
    n = len(executed_pages(root))
    assert f"0 executed, {n} up to date" in report(root, "run", "--no-html").stdout
    (root / "data" / "README.md").write_text("changed\n")
    states = re.findall(r"^\S+ +(fresh|stale|missing) ", report(root, "list").stdout, re.M)
    assert states == ["stale"] * n  # (test_stamps checks which pages a code change makes stale)


def test_failing_cell_stops_the_build_and_keeps_the_last_good_book(small_book, tmp_path):
    import nbformat

    root = copy_small_book(tmp_path / "p", small_book)
    good = (root / "_build" / "html" / "pages" / "overview.html").read_bytes()
    cells = add_cell(root, "overview.md", nbformat.v4.new_code_cell("1 / 0"))
    result = report(root, "book")
    assert result.returncode == 1
    assert (
        f"page 'overview' (overview.md) failed in cell {cells} of the template "
        "(counting from 1; it begins '1 / 0')"
    ) in result.stderr
    assert "ZeroDivisionError" in result.stderr
    assert (root / "_build" / "failed" / "overview.ipynb").is_file()
    assert (root / "_build" / "html" / "pages" / "overview.html").read_bytes() == good
    assert "HTML book was not rebuilt" in result.stderr


def test_strict_build_fails_on_a_warning_and_keeps_the_last_good_book(small_book, tmp_path):
    import nbformat

    root = copy_small_book(tmp_path / "p", small_book)
    good = (root / "_build" / "html" / "index.html").read_bytes()
    add_cell(root, "intro.md", nbformat.v4.new_markdown_cell("See {ref}`no-such-label`."))
    result = report(root, "book")
    assert result.returncode == 2
    assert "the HTML build failed" in result.stderr and "no-such-label" in result.stderr
    assert (root / "_build" / "html" / "index.html").read_bytes() == good
    assert not list((root / "_build").glob(".staging-*"))


def test_text_from_data_is_escaped_in_the_book(small_book, tmp_path):
    import nbformat

    root = copy_small_book(tmp_path / "p", small_book)
    add_cell(
        root,
        "overview.md",
        nbformat.v4.new_code_cell(
            "import pandas as pd\nfrom lib.present.markdown import md, md_table\n"
            "md(md_table(pd.DataFrame({'quote': ['<script>alert(1)</script> 50亿元']})))"
        ),
    )
    assert report(root, "book").returncode == 0
    page = (root / "_build" / "html" / "pages" / "overview.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in page and "<script>alert(1)" not in page


def test_a_killed_build_leaves_nothing_corrupt(small_book, tmp_path):
    root = copy_small_book(tmp_path / "p", small_book)
    env_cmd = [sys.executable, "-m", "report.cli", "book", "--force"]
    import os

    proc = subprocess.Popen(
        env_cmd,
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "REPORT_ROOT": str(root)},
        start_new_session=True,
    )
    for line in proc.stdout:
        if line.strip().startswith("start"):
            break
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    for nb in (root / "pages").glob("*.ipynb"):
        json.loads(nb.read_text(encoding="utf-8"))  # every page is whole
    result = report(root, "book")
    assert result.returncode == 0, result.stderr
    assert (root / "_build" / "html" / "index.html").is_file()
    assert not (root / "_build" / "work").exists() or not any((root / "_build" / "work").iterdir())


def test_two_builds_at_once_do_not_corrupt_each_other(small_book, tmp_path):
    import os

    root = copy_small_book(tmp_path / "p", small_book)
    env = {**os.environ, "REPORT_ROOT": str(root)}
    # two pages each (forced: they are named), then the HTML: enough to meet at the lock
    cmd = [sys.executable, "-m", "report.cli", "run", "intro", "overview"]
    procs = [
        subprocess.Popen(
            cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert any("another build is running" in o[0] for o in outs)
    assert html_pages(root) == book_pages(root)
