"""The run plan, templates and reader-facing text (fast: nothing is executed)."""

import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from lib.build.notebook import (TemplateError, fill_placeholders, has_outputs, parameters_of,
                                tag_for_reader)
from lib.build.plan import PlanError, coerce, load_plan
from lib.present import md_escape, md_table

from conftest import ROOT


def write_nb(path: Path, params: str | None = "x = 1\nname = 'a'\nrate = 0.5", md: str = "# T"):
    cells = [new_markdown_cell(md)]
    if params is not None:
        cell = new_code_cell(params)
        cell.metadata["tags"] = ["parameters"]
        cells.append(cell)
    cells.append(new_code_cell("print(x)"))
    nbformat.write(new_notebook(cells=cells), str(path))


@pytest.fixture
def book(tmp_path):
    (tmp_path / "chapters").mkdir()
    write_nb(tmp_path / "chapters" / "t.ipynb")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: pages/a\nchapters:\n  - file: pages/b\n")
    return tmp_path


def plan(root, text):
    (root / "chapters" / "plan.yml").write_text(text)
    return root


def test_committed_templates_have_no_outputs():
    templates = sorted((ROOT / "chapters").glob("*.ipynb"))
    assert templates
    assert [t.name for t in templates if has_outputs(t)] == []


def test_the_real_plan_is_valid():
    pages = load_plan(ROOT)
    assert {"intro", "overview"} <= {p.name for p in pages}


def test_parameters_are_read_from_the_parameters_cell(tmp_path):
    write_nb(tmp_path / "t.ipynb")
    assert parameters_of(tmp_path / "t.ipynb") == {"x": 1, "name": "a", "rate": 0.5}
    write_nb(tmp_path / "u.ipynb", params="x = foo()")
    with pytest.raises(TemplateError, match="must be a literal"):
        parameters_of(tmp_path / "u.ipynb")
    write_nb(tmp_path / "v.ipynb", params=None)
    assert parameters_of(tmp_path / "v.ipynb") == {}


def test_plan_checks(book):
    ok = "pages:\n  a: {template: t.ipynb, output: pages/a.ipynb}\n  b: {template: t.ipynb, output: pages/b.ipynb, parameters: {x: 2}}\n"
    pages = load_plan(plan(book, ok))
    assert pages[1].parameters == {"x": 2, "name": "a", "rate": 0.5}
    with pytest.raises(PlanError, match="unknown template 'nope.ipynb'"):
        load_plan(plan(book, "pages:\n  a: {template: nope.ipynb, output: pages/a.ipynb}\n"))
    with pytest.raises(PlanError, match="write the same output 'pages/a.ipynb'"):
        load_plan(plan(book, "pages:\n  a: {template: t.ipynb, output: pages/a.ipynb}\n"
                             "  b: {template: t.ipynb, output: pages/a.ipynb}\n"))
    with pytest.raises(PlanError, match="page 'c' .* is missing from _toc.yml"):
        load_plan(plan(book, "pages:\n  c: {template: t.ipynb, output: pages/c.ipynb}\n"))
    with pytest.raises(PlanError, match=r"unknown parameter\(s\) \['y'\]; the template declares"):
        load_plan(plan(book, "pages:\n  a: {template: t.ipynb, output: pages/a.ipynb, parameters: {y: 1}}\n"))
    with pytest.raises(PlanError, match="parameter 'x' expects int"):
        load_plan(plan(book, "pages:\n  a: {template: t.ipynb, output: pages/a.ipynb, parameters: {x: two}}\n"))


def test_overrides_are_type_checked(book):
    plan(book, "pages:\n  a: {template: t.ipynb, output: pages/a.ipynb}\n")
    assert load_plan(book, {"a": {"x": "7", "rate": "0.25"}})[0].parameters["x"] == 7
    with pytest.raises(PlanError, match="valid parameters: name, rate, x"):
        load_plan(book, {"a": {"horizon": "2030"}})
    with pytest.raises(PlanError, match="expects int"):
        load_plan(book, {"a": {"x": "seven"}})
    with pytest.raises(PlanError, match=r"unknown page\(s\) \['z'\]"):
        load_plan(book, {"z": {"x": "1"}})


@pytest.mark.parametrize("text,default,expected", [
    ("2030", 2027, 2030), ("0.05", 0.1, 0.05), ("true", False, True), ("abc", "x", "abc"),
    ("[1, 2]", [0], [1, 2]), ("['360734']", ["360702"], ["360734"]),
])
def test_coerce(text, default, expected):
    assert coerce("k", text, default) == expected


def test_placeholders_and_tags():
    nb = new_notebook(cells=[new_markdown_cell("# {{ title }} ({{year}})"), new_code_cell("a = 1"),
                             new_code_cell("b")])
    nb.cells[1].metadata["tags"] = ["parameters"]
    fill_placeholders(nb, {"title": "寻乌县 Xunwu", "year": 2027})
    assert nb.cells[0].source == "# 寻乌县 Xunwu (2027)"
    tag_for_reader(nb)
    assert nb.cells[1].metadata["tags"] == ["parameters", "remove-cell"]
    assert nb.cells[2].metadata["tags"] == ["hide-input"]
    with pytest.raises(TemplateError, match="names no parameter"):
        fill_placeholders(new_notebook(cells=[new_markdown_cell("{{ nope }}")]), {})


def test_placeholder_filters_name_places_and_reject_unknown_codes():
    nb = new_notebook(cells=[new_markdown_cell("# {{ region | place }}: {{ peers|places }}")])
    fill_placeholders(nb, {"region": "360734", "peers": ["360702", "360800"]})
    assert nb.cells[0].source == "# 寻乌县 Xunwu County: 章贡区 Zhanggong District, 吉安市 Ji'an"
    with pytest.raises(ValueError, match=r"unknown region code .999999.; known codes: .*360734 寻乌县 Xunwu County"):
        fill_placeholders(new_notebook(cells=[new_markdown_cell("{{ r | place }}")]),
                          {"r": "999999"})
    chart = new_code_cell("chart")
    chart.metadata["mystnb"] = {"figure": {"name": "fig-growth-{{ page }}",
                                           "caption": "Growth in {{ region | place }}"}}
    nb = new_notebook(cells=[chart])
    fill_placeholders(nb, {"region": "360734"}, page="region-xunwu")
    assert nb.cells[0].metadata["mystnb"]["figure"] == {
        "name": "fig-growth-region-xunwu", "caption": "Growth in 寻乌县 Xunwu County"}
    with pytest.raises(TemplateError, match="filter 'upper' is unknown"):
        fill_placeholders(new_notebook(cells=[new_markdown_cell("{{ r | upper }}")]), {"r": "x"})


def test_text_from_data_is_escaped():
    assert "<" not in md_escape("<script>alert(1)</script>")
    table = md_table(__import__("pandas").DataFrame({"quote": ["a|b <b>x</b> *y*"]}))
    assert "<b>" not in table and "\\|" in table and "\\*y\\*" in table


def test_longest_pages_start_first(tmp_path):
    from lib.build.execute import PageResult, longest_first, record_durations
    from lib.build.plan import Page

    (tmp_path / "small.ipynb").write_text("x" * 10)
    (tmp_path / "big.ipynb").write_text("x" * 1000)
    pages = [Page(n, tmp_path / t, tmp_path / f"{n}.ipynb", {}, {}) for n, t in
             [("a", "small.ipynb"), ("b", "big.ipynb"), ("c", "small.ipynb")]]
    # never timed: the larger template first (the plan's order otherwise)
    assert [p.name for p in longest_first(tmp_path, pages)] == ["b", "a", "c"]
    record_durations(tmp_path, [PageResult("a", "executed", 9.0), PageResult("b", "executed", 2.0)])
    # timed pages by their last duration, after any page never timed
    assert [p.name for p in longest_first(tmp_path, pages)] == ["c", "a", "b"]
    record_durations(tmp_path, [PageResult("b", "executed", 20.0)])
    assert [p.name for p in longest_first(tmp_path, pages)] == ["c", "b", "a"]
