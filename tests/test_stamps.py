"""Page stamps cover what a page really runs: its template, parameters, data, lock, Python
and the lib modules its template imports (transitively); the build's own code is in none."""

import json
import subprocess
import sys

import pytest
from conftest import copy_project

from report.stamps import lib_closure, template_imports

STAMPS = (
    "import json; from pathlib import Path; from report.plan import load_plan; "
    "from report.stamps import Inputs, page_stamp; root = Path.cwd(); i = Inputs(root); "
    "print(json.dumps({p.name: page_stamp(i, p.template, p.parameters) "
    "for p in load_plan(root).pages}))"
)


def stamps(root):
    """Every page's stamp, computed in *root* as the build would (its own copy of lib)."""
    out = subprocess.run(
        [sys.executable, "-c", STAMPS], cwd=root, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def templates(root):
    """Page name → template file name, from the copy's plan."""
    from report.plan import load_plan

    return {p.name: p.template.name for p in load_plan(root).pages}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("stamps") / "p")
    return root, stamps(root)


def append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_chapter_module_makes_only_its_own_pages_stale(project):
    root, before = project
    path = root / "lib" / "chapters" / "targets.py"
    original = path.read_text(encoding="utf-8")
    try:
        append(path, "\n# an edit\n")
        after = stamps(root)
    finally:
        path.write_text(original, encoding="utf-8")
    stale = {name for name in before if before[name] != after[name]}
    assert stale == {n for n, t in templates(root).items() if t == "targets.md"}


def test_the_build_tooling_is_in_no_stamp(project):
    root, before = project
    path = root / "report" / "cli.py"
    original = path.read_text(encoding="utf-8")
    try:
        append(path, "\n# help text changed\n")
        assert stamps(root) == before
    finally:
        path.write_text(original, encoding="utf-8")


def test_a_shared_module_makes_every_page_that_imports_it_stale(project):
    root, before = project
    path = root / "lib" / "text" / "numerals.py"
    original = path.read_text(encoding="utf-8")
    try:
        append(path, "\n# an edit\n")
        after = stamps(root)
    finally:
        path.write_text(original, encoding="utf-8")
    stale = {name for name in before if before[name] != after[name]}
    # every page loads the fact base, which parses Chinese numerals with lib.text.numerals
    assert stale == set(before)


def test_data_lock_and_parameters_are_in_every_stamp(project):
    root, before = project
    path = root / "requirements.lock"
    original = path.read_text(encoding="utf-8")
    try:
        append(path, "\n")
        after = stamps(root)
    finally:
        path.write_text(original, encoding="utf-8")
    assert all(before[n] != after[n] for n in before)


def test_template_imports_reads_code_cells(tmp_path):
    template = tmp_path / "t.md"
    template.write_text(
        "---\njupytext:\n  text_representation:\n    format_name: myst\n---\n\n"
        "```{code-cell}\n%matplotlib inline\nimport pandas as pd\n"
        "import lib.present.charts  # noqa\nfrom lib.chapters import targets as view\n"
        "from lib.data.factbase import load_factbase\n```\n",
        encoding="utf-8",
    )
    assert template_imports(template) == {
        "lib.present.charts",
        "lib.chapters",
        "lib.chapters.targets",
        "lib.data.factbase",
        "lib.data.factbase.load_factbase",
    }


def test_the_closure_follows_imports_and_parent_packages():
    class Graph:
        modules = {"lib", "lib.a", "lib.a.x", "lib.b", "lib.b.y", "lib.c"}
        edges = {"lib.a.x": {"lib.b.y"}, "lib.b": {"lib.c"}}

        def find_modules_directly_imported_by(self, module):
            return self.edges.get(module, set())

    assert lib_closure(Graph(), ["lib.a.x", "lib.a.x.name"]) == {
        "lib",
        "lib.a",
        "lib.a.x",
        "lib.b",
        "lib.b.y",
        "lib.c",
    }


KEY = (
    "from pathlib import Path; from report.stamps import Inputs; "
    "print(Inputs(Path.cwd()).data_key())"
)


def test_the_data_are_validated_again_only_when_they_or_their_reader_change(project):
    root, _ = project

    def key():
        return subprocess.run(
            [sys.executable, "-c", KEY], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()

    before = key()
    for module, changes in (("chapters/targets.py", False), ("data/reader.py", True)):
        path = root / "lib" / module
        original = path.read_text(encoding="utf-8")
        try:
            append(path, "\n# an edit\n")
            assert (key() != before) is changes, module
        finally:
            path.write_text(original, encoding="utf-8")
