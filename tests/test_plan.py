"""The run plan, templates and reader-facing text (fast: nothing is executed)."""

import re
import time
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import ROOT
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from lib.present.markdown import md_escape, md_table
from report.notebook import (
    TemplateError,
    fill_from_glue,
    fill_placeholders,
    glued_text,
    parameters_of,
    read_template,
    tag_for_reader,
)
from report.plan import Part, PlanError, WrittenPage, coerce, load_plan
from report.toc import toc, toc_text, write_book_files, write_toc


def write_nb(path: Path, params: str | None = "x = 1\nname = 'a'\nrate = 0.5", md: str = "# T"):
    cells = [new_markdown_cell(md)]
    if params is not None:
        cell = new_code_cell(params)
        cell.metadata["tags"] = ["parameters"]
        cells.append(cell)
    cells.append(new_code_cell("print(x)"))
    import jupytext

    jupytext.write(
        new_notebook(
            cells=cells,
            metadata={
                "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
            },
        ),
        path,
        fmt="md:myst",
    )


@pytest.fixture
def book(tmp_path):
    (tmp_path / "chapters").mkdir()
    write_nb(tmp_path / "chapters" / "t.md")
    return tmp_path


def plan(root, text):
    (root / "chapters" / "plan.yml").write_text(text, encoding="utf-8")
    return root


#: A small valid plan: a root page, two parts, a page the build writes.
GOOD = """\
root: a
parts:
  - caption: First
    numbered: true
    pages: [b]
  - caption: Back matter
    pages: [c, api]
pages:
  a: {template: t.md}
  b:
    template: t.md
    parameters: {x: 2}
  c: {template: t.md}
  api: {writer: apidoc}
"""


def test_templates_are_myst_notebooks_papermill_can_run():
    assert not list((ROOT / "chapters").glob("*.ipynb"))  # text only: a review reads them
    templates = sorted((ROOT / "chapters").glob("*.md"))
    assert templates
    for path in templates:
        nb = read_template(path)
        assert nb.metadata.kernelspec.language == "python", path.name
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), (
            path.name
        )
        assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), path.name


def test_a_myst_template_keeps_its_tags_and_parameters(tmp_path):
    (tmp_path / "t.md").write_text(
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
        "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n"
        "# Title\n\n```{code-cell}\n:tags: [parameters]\n\nx = 3\n```\n\nText.\n\n"
        "```{code-cell}\nprint(x)\n```\n",
        encoding="utf-8",
    )
    nb = read_template(tmp_path / "t.md")
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "markdown", "code"]
    assert nb.cells[1].metadata["tags"] == ["parameters"]
    assert parameters_of(tmp_path / "t.md") == {"x": 3}


def test_a_template_read_again_comes_from_its_kept_notebook_until_it_changes(tmp_path):
    template, cache = tmp_path / "t.md", tmp_path / "cache"
    template.write_text(
        "```{code-cell}\n:tags: [parameters]\n\nx = 3\n```\n\nText.\n", encoding="utf-8"
    )
    first = read_template(template, cache)
    assert first == read_template(template, cache) and len(list(cache.iterdir())) == 1
    assert [c.source for c in first.cells] == [c.source for c in read_template(template).cells]
    assert parameters_of(template, cache) == {"x": 3}
    template.write_text(template.read_text().replace("x = 3", "x = 4"), encoding="utf-8")
    assert parameters_of(template, cache) == {"x": 4}  # a new hash: read afresh
    assert len(list(cache.iterdir())) == 2


def test_the_real_plan_is_valid():
    pages = load_plan(ROOT).pages
    assert {"intro", "overview"} <= {p.name for p in pages}


def test_parameters_are_read_from_the_parameters_cell(tmp_path):
    write_nb(tmp_path / "t.md")
    assert parameters_of(tmp_path / "t.md") == {"x": 1, "name": "a", "rate": 0.5}
    write_nb(tmp_path / "u.md", params="x = foo()")
    with pytest.raises(TemplateError, match="must be a literal"):
        parameters_of(tmp_path / "u.md")
    write_nb(tmp_path / "v.md", params=None)
    assert parameters_of(tmp_path / "v.md") == {}


def test_a_plan_gives_pages_in_reading_order_with_their_parameters(book):
    p = load_plan(plan(book, GOOD))
    assert p.order == ("a", "b", "c", "api")
    assert [page.name for page in p.pages] == ["a", "b", "c"]
    assert p.pages[1].parameters == {"x": 2, "name": "a", "rate": 0.5}
    assert p.pages[1].output == Path("pages/b.ipynb")  # the output follows the name
    assert p.written == (WrittenPage("api", "apidoc"),)
    assert p.written[0].output == Path("pages/api.rst")
    assert p.parts == (Part("First", True, ("b",)), Part("Back matter", False, ("c", "api")))


def test_the_table_of_contents_is_generated_from_the_plan(book):
    p = load_plan(plan(book, GOOD))
    assert toc(p) == {
        "format": "jb-book",
        "root": "pages/a",
        "parts": [
            {"caption": "First", "numbered": True, "chapters": [{"file": "pages/b"}]},
            {
                "caption": "Back matter",
                "numbered": False,
                "chapters": [{"file": "pages/c"}, {"file": "pages/api"}],
            },
        ],
    }
    text = toc_text(p)
    assert text.startswith("# Generated by `report` from chapters/plan.yml")
    assert yaml.safe_load(text) == toc(p)


def test_the_table_of_contents_is_written_only_when_it_changes(book):
    p = load_plan(plan(book, GOOD))
    path = write_toc(book, p)
    assert path == book / "_toc.yml" and yaml.safe_load(path.read_text()) == toc(p)
    before = path.stat().st_mtime_ns
    time.sleep(0.01)
    write_toc(book, p)
    assert path.stat().st_mtime_ns == before  # same text: untouched
    path.write_text("format: jb-book\nroot: pages/x\n")  # edited by hand: replaced
    write_toc(book, p)
    assert yaml.safe_load(path.read_text()) == toc(p)
    assert not list(book.glob(".*tmp*"))


def test_the_book_files_are_the_toc_and_the_written_pages(book):
    p = load_plan(plan(book, GOOD))
    (book / "lib").mkdir()
    (book / "report").mkdir()
    files = write_book_files(book, p)
    assert files == [book / "_toc.yml", book / "pages" / "api.rst"]
    assert files[1].read_text(encoding="utf-8").startswith("API reference\n")


def test_the_real_plan_lists_every_page_once_in_the_generated_toc():
    p = load_plan(ROOT)
    files = [toc(p)["root"]] + [c["file"] for part in toc(p)["parts"] for c in part["chapters"]]
    assert len(files) == len(set(files)) == len(p.pages) + len(p.written)
    assert {f"pages/{page.name}" for page in (*p.pages, *p.written)} == set(files)
    assert [w.name for w in p.written] == ["api_reference"]
    assert "/_toc.yml" in (ROOT / ".gitignore").read_text().splitlines()  # a build product


def test_plan_checks_keep_their_messages(book):
    with pytest.raises(
        PlanError,
        match=r"^chapters/plan.yml:9:17: page 'a' uses unknown template "
        r"'nope.md' \(no file chapters/nope.md\)$",
    ):
        load_plan(plan(book, GOOD.replace("a: {template: t.md}", "a: {template: nope.md}")))
    with pytest.raises(
        PlanError,
        match=r"^chapters/plan.yml:12:18: page 'b' sets unknown "
        r"parameter 'y'; the template declares "
        r"\['name', 'rate', 'x'\]$",
    ):
        load_plan(plan(book, GOOD.replace("{x: 2}", "{y: 1}")))
    with pytest.raises(
        PlanError,
        match=r"^chapters/plan.yml:12:21: page 'b' parameter 'x' expects "
        r"int \(default 1\), got 'two'$",
    ):
        load_plan(plan(book, GOOD.replace("{x: 2}", "{x: two}")))
    with pytest.raises(PlanError, match="parameter 'x' expects int .* got True"):
        load_plan(plan(book, GOOD.replace("{x: 2}", "{x: true}")))  # a bool is no int here
    ints_are_floats = load_plan(plan(book, GOOD.replace("{x: 2}", "{rate: 1}")))
    assert ints_are_floats.pages[1].parameters["rate"] == 1
    with pytest.raises(
        PlanError,
        match=r"^chapters/plan.yml:13:3: page 'b' is defined twice "
        r"\(first at line 10\)$",
    ):
        load_plan(plan(book, GOOD.replace("  c: {template: t.md}", "  b: {template: t.md}")))


def edit(old, new, message, id):
    """A test case: replace *old* by *new* in GOOD, expect *message* after the file's name."""
    assert old in GOOD, old
    return pytest.param(GOOD.replace(old, new, 1), message, id=id)


PLAN_ERRORS = [
    edit(
        "  c: {template: t.md}",
        "  c: {template: t.md}\n  d: {template: t.md}",
        "14:3: page 'd' is in no part of the book: list it under 'parts' (or remove it)",
        id="a page listed in no part",
    ),
    edit(
        "[c, api]",
        "[c, api, e]",
        "7:21: part 'Back matter' names unknown page 'e' (it is not under 'pages')",
        id="a part naming an unknown page",
    ),
    edit(
        "[b]",
        "[bb]",
        "5:13: part 'First' names unknown page 'bb' (did you mean 'b'?)",
        id="a misspelt page",
    ),
    edit(
        "[c, api]",
        "[c, api, b]",
        "7:21: page 'b' is listed twice (first at line 5)",
        id="a page listed twice",
    ),
    edit(
        "[b]",
        "[b, a]",
        "5:16: page 'a' is listed twice (first as 'root')",
        id="the root listed in a part",
    ),
    edit(
        "root: a",
        "root: z",
        "1:7: 'root' names unknown page 'z' (it is not under 'pages')",
        id="an unknown root",
    ),
    edit(
        "c: {template: t.md}",
        "c: {template: t.md, output: pages/c.ipynb}",
        "13:23: page 'c' has an unknown key 'output'; a page's output follows from its name "
        "(pages/c.ipynb)",
        id="an output key",
    ),
    edit(
        "{writer: apidoc}",
        "{writer: sphinx}",
        "14:17: page 'api' uses unknown writer 'sphinx'; the build has ['apidoc']",
        id="an unknown writer",
    ),
    edit(
        "{writer: apidoc}",
        "{writer: apidoc, template: t.md}",
        "14:8: page 'api' has both 'template' (executed) and 'writer' (written by the build); "
        "give one",
        id="a template and a writer",
    ),
    edit(
        "  c: {template: t.md}\n",
        "  c: {template: t.md}\n  C/d: {template: t.md}\n",
        "14:3: page name 'C/d' must be lowercase letters, digits, '-' and '_' (it names the "
        "file pages/<name>)",
        id="a bad page name",
    ),
    edit(
        "numbered: true",
        "numbered: 1",
        "4:15: part 'First': 'numbered' must be true or false, got the value 1",
        id="numbered not a boolean",
    ),
    edit("    pages: [b]\n", "", "3:5: part 1 lacks 'pages'", id="a part without pages"),
    edit(
        "numbered: true",
        "numbered: true\n    title: x",
        "5:5: part 1 has an unknown key 'title'; expected 'caption', 'pages', 'numbered'",
        id="an unknown key of a part",
    ),
    edit(
        "[c, api]",
        "c",
        "7:12: part 'Back matter': 'pages' must be a non-empty list, got the text 'c'",
        id="a part's pages as text",
    ),
    edit("root: a\n", "", "1:1: the plan lacks 'root'", id="a missing key of the plan"),
    edit(
        "{x: 2}",
        "[x]",
        "12:17: page 'b': 'parameters' must be a mapping of parameter name to value, got a list",
        id="parameters as a list",
    ),
]


@pytest.mark.parametrize("text,message", PLAN_ERRORS)
def test_each_plan_error_is_one_line_naming_its_place(book, text, message):
    with pytest.raises(PlanError) as err:
        load_plan(plan(book, text))
    assert str(err.value) == f"chapters/plan.yml:{message}"


YAML_ERRORS = [  # messages are regular expressions
    edit(
        "    numbered: true",
        "   numbered: true",
        r"4:4: not valid YAML: expected <block end>, but found '<block mapping start>' "
        r"\(while parsing a block collection at line 3, column 3\)",
        id="bad indentation",
    ),
    edit(
        "[b]",
        "[b",
        r"6:12: not valid YAML: expected ',' or '\]', but got ':' "
        r"\(while parsing a flow sequence at line 5, column 12\)",
        id="an unclosed bracket",
    ),
    edit(
        "    numbered: true",
        "\tnumbered: true",
        r"4:1: not valid YAML: found character '\\t' that cannot start any token",
        id="a tab",
    ),
    edit(
        "caption: First",
        "caption: Fi\x07rst",
        r"3:16: not valid YAML: character #x0007 is not allowed",
        id="a control character",
    ),
    edit(
        "    numbered: true\n",
        "    numbered: true\n    numbered: false\n",
        r"5:5: key 'numbered' appears twice \(first at line 4\)",
        id="a key given twice",
    ),
    edit(
        "caption: First",
        "caption: !!python/name:os.system",
        r"3:14: not valid YAML: could not determine a constructor for the tag "
        r"'tag:yaml.org,2002:python/name:os.system'",
        id="a python tag",
    ),
    edit(
        "root: a\n",
        "root: a\n---\nx: 1\n",
        r"2:1: not valid YAML: expected a single document in the stream, but found another "
        r"document",
        id="two documents",
    ),
]


@pytest.mark.parametrize("text,message", YAML_ERRORS)
def test_broken_yaml_is_one_line_with_file_line_and_column(book, text, message):
    with pytest.raises(PlanError) as err:
        load_plan(plan(book, text))
    assert re.fullmatch(f"chapters/plan.yml:{message}", str(err.value)), str(err.value)


@pytest.mark.parametrize(
    "text,message",
    [
        (
            "",
            (
                "chapters/plan.yml:1:1: the plan must be a mapping with keys 'root', 'parts', "
                "'pages', got nothing"
            ),
        ),
        (
            "- a\n- b\n",
            (
                "chapters/plan.yml:1:1: the plan must be a mapping with keys 'root', "
                "'parts', 'pages', got a list"
            ),
        ),
        (
            "root: a\nparts: []\npages: {a: {template: t.md}}\n",
            "chapters/plan.yml:2:8: 'parts' must be a non-empty list, got a list",
        ),
        (
            "root: a\nparts: [{caption: A, pages: [a]}]\npages: []\n",
            "chapters/plan.yml:3:8: 'pages' must be a non-empty mapping of page name to page, "
            "got a list",
        ),
        (
            "root: a\nparts: [{caption: A, pages: [b]}]\npages: {a: {template: t.md}, b: t.md}\n",
            (
                "chapters/plan.yml:3:33: page 'b' must be a mapping with keys 'template', "
                "'parameters', "
                "got the text 't.md'"
            ),
        ),
    ],
)
def test_a_plan_of_the_wrong_shape_says_what_is_expected(book, text, message):
    with pytest.raises(PlanError) as err:
        load_plan(plan(book, text))
    assert str(err.value) == message


def test_a_missing_or_unreadable_plan_is_named(book):
    with pytest.raises(PlanError, match=r"^chapters/plan.yml: no such file$"):
        load_plan(book)
    (book / "chapters" / "plan.yml").write_bytes(b"root: \xff\n")
    with pytest.raises(PlanError, match=r"^chapters/plan.yml: not UTF-8 text \(byte 6\)$"):
        load_plan(book)


def test_anchors_and_merge_keys_work_and_the_own_keys_win(book):
    text = GOOD.replace(
        "  c: {template: t.md}",
        "  c: &base {template: t.md, parameters: {x: 5}}\n"
        "  d:\n    <<: *base\n    parameters: {x: 6}",
    )
    text = text.replace("[c, api]", "[c, d, api]")
    p = load_plan(plan(book, text))
    assert [page.parameters["x"] for page in p.pages] == [1, 2, 5, 6]
    with pytest.raises(
        PlanError,
        match=r"^chapters/plan.yml:\d+:\d+: an alias refers to the value "
        r"that contains it$",
    ):
        load_plan(plan(book, GOOD.replace("{x: 2}", "&p {x: *p}")))


def test_overrides_are_type_checked(book):
    plan(book, GOOD)
    assert load_plan(book, {"b": {"x": "7", "rate": "0.25"}}).pages[1].parameters["x"] == 7
    assert load_plan(book, {"b": {"x": "7"}}).pages[1].parameters["name"] == "a"
    with pytest.raises(PlanError, match="valid parameters: name, rate, x"):
        load_plan(book, {"b": {"horizon": "2030"}})
    with pytest.raises(PlanError, match="expects int"):
        load_plan(book, {"b": {"x": "seven"}})
    with pytest.raises(
        PlanError,
        match=r"unknown page\(s\) \['z'\]; "
        r"the executed pages are \['a', 'b', 'c'\]",
    ):
        load_plan(book, {"z": {"x": "1"}})
    with pytest.raises(PlanError, match=r"unknown page\(s\) \['api'\]"):  # written, not executed
        load_plan(book, {"api": {"x": "1"}})


@pytest.mark.parametrize(
    "text,default,expected",
    [
        ("2030", 2027, 2030),
        ("0.05", 0.1, 0.05),
        ("true", False, True),
        ("abc", "x", "abc"),
        ("[1, 2]", [0], [1, 2]),
        ("['360734']", ["360702"], ["360734"]),
    ],
)
def test_coerce(text, default, expected):
    assert coerce("k", text, default) == expected


@pytest.mark.parametrize("text,default", [("[1, 2", [0]), ("{a: 1", {}), ("2", [0]), ("x", 1)])
def test_coerce_refuses_values_that_do_not_parse_as_the_default(text, default):
    with pytest.raises(PlanError, match=f"parameter 'k' expects {type(default).__name__}"):
        coerce("k", text, default)


def test_placeholders_and_tags():
    nb = new_notebook(
        cells=[
            new_markdown_cell("# {{ title }} ({{year}})"),
            new_code_cell("a = 1"),
            new_code_cell("b"),
        ]
    )
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
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={prefix + "text/plain": repr(value)},
            metadata={"scrapbook": {"name": name, "mime_prefix": prefix}},
        )
    ]
    return cell


def test_placeholders_the_page_glues_are_filled_after_execution():
    nb = new_notebook(
        cells=[
            new_markdown_cell("# {{ place }}"),
            _glued("place", "寻乌县 Xunwu County"),
            _glued("n", 12),
        ]
    )
    fill_placeholders(nb, {"region": "360734"})  # not a parameter: left for later
    assert nb.cells[0].source == "# {{ place }}"
    assert glued_text(nb) == {"place": "寻乌县 Xunwu County", "n": "12"}
    fill_from_glue(nb)
    assert nb.cells[0].source == "# 寻乌县 Xunwu County"
    with pytest.raises(
        TemplateError, match=r"\['nope'\] name no parameter and no value the page glues"
    ):
        fill_from_glue(new_notebook(cells=[new_markdown_cell("# {{ nope }}"), _glued("n", 1)]))


def test_a_figure_cell_that_draws_nothing_is_not_a_figure():
    def executed(data):
        cell = new_code_cell("view.growth_chart(fb, region)")
        cell.metadata["mystnb"] = {
            "figure": {"name": "fig-growth"},
            "render_markdown_format": "myst",
        }
        cell.outputs = [nbformat.v4.new_output("execute_result", data=data, execution_count=1)]
        return cell

    said = executed(
        {
            "text/markdown": "The corpus states no growth rate for 南康区.",
            "text/plain": "<IPython.core.display.Markdown object>",
        }
    )
    drawn = executed(
        {
            "text/html": "<div id='vega'></div>",
            "application/pdf": "JVBER",
            "text/plain": "alt.LayerChart(...)",
        }
    )
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
    pages = [
        Page(n, tmp_path / t, {}, {})
        for n, t in [("a", "small.ipynb"), ("b", "big.ipynb"), ("c", "small.ipynb")]
    ]
    # never timed: the larger template first (the plan's order otherwise)
    assert [p.name for p in longest_first(tmp_path, pages)] == ["b", "a", "c"]
    record_durations(tmp_path, [PageResult("a", "executed", 9.0), PageResult("b", "executed", 2.0)])
    # timed pages by their last duration, after any page never timed
    assert [p.name for p in longest_first(tmp_path, pages)] == ["c", "a", "b"]
    record_durations(tmp_path, [PageResult("b", "executed", 20.0)])
    assert [p.name for p in longest_first(tmp_path, pages)] == ["c", "b", "a"]


@pytest.mark.parametrize("command", ["list", "run", "book", "pdf"])
def test_a_broken_plan_stops_every_command_with_one_line_and_status_2(
    book, command, monkeypatch, capsys
):
    from report.cli import main

    plan(book, GOOD.replace("[b]", "[b"))
    monkeypatch.setenv("REPORT_ROOT", str(book))
    assert main([command]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"report {command}: error: chapters/plan.yml:6:12: not valid YAML: expected ',' "
        "or ']', but got ':' (while parsing a flow sequence at line 5, column 12)\n"
    )
    assert not (book / "_build" / "html").exists() and not (book / "_toc.yml").exists()


def test_a_wrong_page_in_the_plan_is_one_line_from_the_command_line(book):
    from conftest import report

    plan(book, GOOD.replace("[c, api]", "[c, api, e]"))
    result = report(book, "book", timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.splitlines() == [
        (
            "report book: error: chapters/plan.yml:7:21: part 'Back matter' names unknown page "
            "'e' (it is not under 'pages')"
        )
    ]
