"""The run plan, templates and reader-facing text (fast: nothing is executed)."""

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from report.notebook import (TemplateError, fill_from_glue, fill_placeholders, glued_text,
                             parameters_of, read_template, tag_for_reader)
from report.plan import PlanError, coerce, load_plan
from lib.present.markdown import md_escape, md_table

from conftest import ROOT


def write_nb(path: Path, params: str | None = "x = 1\nname = 'a'\nrate = 0.5", md: str = "# T"):
    cells = [new_markdown_cell(md)]
    if params is not None:
        cell = new_code_cell(params)
        cell.metadata["tags"] = ["parameters"]
        cells.append(cell)
    cells.append(new_code_cell("print(x)"))
    import jupytext

    jupytext.write(new_notebook(cells=cells, metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}}), path, fmt="md:myst")


@pytest.fixture
def book(tmp_path):
    (tmp_path / "chapters").mkdir()
    write_nb(tmp_path / "chapters" / "t.md")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: pages/a\nchapters:\n  - file: pages/b\n")
    return tmp_path


def plan(root, text):
    (root / "chapters" / "plan.yml").write_text(text)
    return root


def test_templates_are_myst_notebooks_papermill_can_run():
    assert not list((ROOT / "chapters").glob("*.ipynb"))  # text only: a review reads them
    templates = sorted((ROOT / "chapters").glob("*.md"))
    assert templates
    for path in templates:
        nb = read_template(path)
        assert nb.metadata.kernelspec.language == "python", path.name
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), path.name
        assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), path.name


def test_a_myst_template_keeps_its_tags_and_parameters(tmp_path):
    (tmp_path / "t.md").write_text(
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
        "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n"
        "# Title\n\n```{code-cell}\n:tags: [parameters]\n\nx = 3\n```\n\nText.\n\n"
        "```{code-cell}\nprint(x)\n```\n", encoding="utf-8")
    nb = read_template(tmp_path / "t.md")
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "markdown", "code"]
    assert nb.cells[1].metadata["tags"] == ["parameters"]
    assert parameters_of(tmp_path / "t.md") == {"x": 3}


def test_the_real_plan_is_valid():
    pages = load_plan(ROOT)
    assert {"intro", "overview"} <= {p.name for p in pages}


def test_parameters_are_read_from_the_parameters_cell(tmp_path):
    write_nb(tmp_path / "t.md")
    assert parameters_of(tmp_path / "t.md") == {"x": 1, "name": "a", "rate": 0.5}
    write_nb(tmp_path / "u.md", params="x = foo()")
    with pytest.raises(TemplateError, match="must be a literal"):
        parameters_of(tmp_path / "u.md")
    write_nb(tmp_path / "v.md", params=None)
    assert parameters_of(tmp_path / "v.md") == {}


def test_plan_checks(book):
    ok = "pages:\n  a: {template: t.md, output: pages/a.ipynb}\n  b: {template: t.md, output: pages/b.ipynb, parameters: {x: 2}}\n"
    pages = load_plan(plan(book, ok))
    assert pages[1].parameters == {"x": 2, "name": "a", "rate": 0.5}
    with pytest.raises(PlanError, match="unknown template 'nope.ipynb'"):
        load_plan(plan(book, "pages:\n  a: {template: nope.ipynb, output: pages/a.ipynb}\n"))
    with pytest.raises(PlanError, match="write the same output 'pages/a.ipynb'"):
        load_plan(plan(book, "pages:\n  a: {template: t.md, output: pages/a.ipynb}\n"
                             "  b: {template: t.md, output: pages/a.ipynb}\n"))
    with pytest.raises(PlanError, match="page 'c' .* is missing from _toc.yml"):
        load_plan(plan(book, "pages:\n  c: {template: t.md, output: pages/c.ipynb}\n"))
    with pytest.raises(PlanError, match=r"unknown parameter\(s\) \['y'\]; the template declares"):
        load_plan(plan(book, "pages:\n  a: {template: t.md, output: pages/a.ipynb, parameters: {y: 1}}\n"))
    with pytest.raises(PlanError, match="parameter 'x' expects int"):
        load_plan(plan(book, "pages:\n  a: {template: t.md, output: pages/a.ipynb, parameters: {x: two}}\n"))


def test_overrides_are_type_checked(book):
    plan(book, "pages:\n  a: {template: t.md, output: pages/a.ipynb}\n")
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
    chart = new_code_cell("chart")
    chart.metadata["mystnb"] = {"figure": {"name": "fig-growth-{{ page }}"}}
    nb = new_notebook(cells=[chart])
    fill_placeholders(nb, {}, page="region-xunwu")
    assert nb.cells[0].metadata["mystnb"]["figure"] == {"name": "fig-growth-region-xunwu"}


def _glued(name, value):
    """A code cell as myst-nb's ``glue(name, value, display=False)`` leaves it executed."""
    cell = new_code_cell("glue(...)")
    prefix = "application/papermill.record/"
    cell.outputs = [nbformat.v4.new_output("display_data", data={prefix + "text/plain": repr(value)},
                                           metadata={"scrapbook": {"name": name, "mime_prefix": prefix}})]
    return cell


def test_placeholders_the_page_glues_are_filled_after_execution():
    nb = new_notebook(cells=[new_markdown_cell("# {{ place }}"), _glued("place", "寻乌县 Xunwu County"),
                             _glued("n", 12)])
    fill_placeholders(nb, {"region": "360734"})           # not a parameter: left for later
    assert nb.cells[0].source == "# {{ place }}"
    assert glued_text(nb) == {"place": "寻乌县 Xunwu County", "n": "12"}
    fill_from_glue(nb)
    assert nb.cells[0].source == "# 寻乌县 Xunwu County"
    with pytest.raises(TemplateError, match=r"\['nope'\] name no parameter and no value the page glues"):
        fill_from_glue(new_notebook(cells=[new_markdown_cell("# {{ nope }}"), _glued("n", 1)]))


def test_a_figure_cell_that_draws_nothing_is_not_a_figure():
    def executed(data):
        cell = new_code_cell("view.growth_chart(fb, region)")
        cell.metadata["mystnb"] = {"figure": {"name": "fig-growth"}, "render_markdown_format": "myst"}
        cell.outputs = [nbformat.v4.new_output("execute_result", data=data, execution_count=1)]
        return cell

    said = executed({"text/markdown": "The corpus states no growth rate for 南康区.",
                     "text/plain": "<IPython.core.display.Markdown object>"})
    drawn = executed({"text/html": "<div id='vega'></div>", "application/pdf": "JVBER",
                      "text/plain": "alt.LayerChart(...)"})
    nb = new_notebook(cells=[said, drawn, _glued("n", 1)])
    tag_for_reader(nb)
    assert said.metadata["mystnb"] == {"render_markdown_format": "myst"}
    assert drawn.metadata["mystnb"]["figure"] == {"name": "fig-growth"}
    assert "mystnb" not in nb.cells[2].metadata


def test_text_from_data_is_escaped():
    assert "<" not in md_escape("<script>alert(1)</script>")
    table = md_table(__import__("pandas").DataFrame({"quote": ["a|b <b>x</b> *y*"]}))
    assert "<b>" not in table and "\\|" in table and "\\*y\\*" in table


def test_longest_pages_start_first(tmp_path):
    from report.execute import PageResult, longest_first, record_durations
    from report.plan import Page

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
