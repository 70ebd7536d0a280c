"""Shared fixtures: the project's data folder and throw-away copies of it.

The end-to-end tests share one built book (the session fixture ``built_book``), built once
per test session even under pytest-xdist (``make test`` runs ``pytest -n 2 --dist
loadgroup``): the first worker that needs it builds it in the session's shared temporary
folder, holding a file lock, and the other waits for it and reuses it. Tests that change
things work on a throw-away copy; those that test the build's mechanics (incremental runs,
failures, editions) copy ``small_book``, the same built pages in a book of six pages, whose
HTML builds in seconds instead of half a minute.

The order of the tests (``pytest_collection_modifyitems``) balances the two workers: the
PDF book (a long chain: the book, then the PDF) is one xdist group, which xdist hands out
first; the other worker runs the unit tests meanwhile; the other end-to-end tests come last,
the longest first, and go to whichever worker is free.
"""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def factbase():
    from lib.data.factbase import load_factbase

    return load_factbase(DATA)


@pytest.fixture
def data_copy(tmp_path):
    """A copy of data/ that a test may break."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


def edit_csv(path: Path, row: int, **changes):
    """Change cells of record *row* (0-based, header excluded) of a CSV file."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    for column, value in changes.items():
        rows[row + 1][header.index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def record_line(path: Path, row: int) -> int:
    """Physical line on which record *row* (0-based) starts."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        start = reader.line_num + 1
        for i, _ in enumerate(reader):
            if i == row:
                return start
            start = reader.line_num + 1
    raise IndexError(row)


# --- end-to-end: a throw-away copy of the project, built -----------------------------


def copy_project(dest: Path, with_build_from: Path | None = None) -> Path:
    """Copy the project's sources (and optionally another copy's executed pages and book)."""
    from report.workspace import copy_project as copy

    return copy(ROOT, dest, with_build_from)


def report(root: Path, *args: str, timeout: int = 600, **kw) -> subprocess.CompletedProcess:
    """Run the ``report`` command line in *root* (its own copy of lib)."""
    env = {**os.environ, "REPORT_ROOT": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "report.cli", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        **kw,
    )


#: The pages of ``small_book``: the root, and pages the others link to (the glossary).
SMALL_PAGES = ("intro", "key_findings", "overview", "targets", "reconciliation", "glossary")


def small_plan(root: Path) -> None:
    """Cut the run plan of the copy at *root* down to :data:`SMALL_PAGES` (their parts kept)."""
    import yaml

    path = root / "chapters" / "plan.yml"
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = set(SMALL_PAGES) - set(plan["pages"])
    assert not missing, f"the small book's pages are no longer in the plan: {missing}"
    parts = [
        {**part, "pages": [p for p in part["pages"] if p in SMALL_PAGES]} for part in plan["parts"]
    ]
    plan["parts"] = [part for part in parts if part["pages"]]
    plan["pages"] = {name: page for name, page in plan["pages"].items() if name in SMALL_PAGES}

    class Indented(yaml.SafeDumper):  # the plan's own layout: a part's "- caption" indented
        def increase_indent(self, flow=False, indentless=False):
            return super().increase_indent(flow, False)

    text = yaml.dump(
        plan, Dumper=Indented, sort_keys=False, allow_unicode=True, default_flow_style=None
    )
    path.write_text(text, encoding="utf-8")
    for nb in (root / "pages").glob("*.ipynb"):
        if nb.stem not in SMALL_PAGES:
            nb.unlink()


def copy_small_book(dest: Path, small_book: Path) -> Path:
    """A throw-away copy of ``small_book`` (its six executed pages and its HTML book)."""
    root = copy_project(dest, with_build_from=small_book)
    small_plan(root)
    return root


def _shared_folder(tmp_path_factory) -> Path:
    """The session's temporary folder that every xdist worker sees (its own otherwise)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _once(tmp_path_factory, name: str, make) -> tuple[Path, subprocess.CompletedProcess]:
    """``make(folder)`` once per test session, whichever xdist worker asks first.

    The first caller runs it, holding a file lock, and records the command's result; the
    others wait for the lock and read the record.
    """
    import fcntl
    import json

    shared = _shared_folder(tmp_path_factory)
    folder, record = shared / name, shared / f"{name}.json"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.is_file():
            result = make(folder)
            record.write_text(
                json.dumps([result.returncode, result.stdout, result.stderr]), encoding="utf-8"
            )
    returncode, stdout, stderr = json.loads(record.read_text(encoding="utf-8"))
    return folder, subprocess.CompletedProcess([name], returncode, stdout, stderr)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """A copy of the project with its book built by ``report book`` (once per session)."""

    def make(folder):
        return report(copy_project(folder / "project"), "book")

    folder, result = _once(tmp_path_factory, "book", make)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "project", result


@pytest.fixture(scope="session")
def small_book(built_book, tmp_path_factory):
    """The built book's pages in a book of :data:`SMALL_PAGES` (once per session): for the
    tests of the build's mechanics, which build the HTML again (seconds, not a minute)."""

    def make(folder):
        root = copy_project(folder / "project", with_build_from=built_book[0])
        small_plan(root)
        return report(root, "book")

    folder, result = _once(tmp_path_factory, "small-book", make)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 executed" in result.stdout, result.stdout  # the pages are the built book's
    return folder / "project"


#: End-to-end test modules, the longest first: after the unit tests, whichever worker is
#: free takes the next (test_pdf is one xdist group, handed out before everything else).
END_TO_END = ("test_browser", "test_region_pages", "test_build", "test_page_numbers")
#: The longest test of those modules (three page runs and three HTML builds): first of them.
LONGEST = "test_parameter_override_reruns_only_that_page"


def pytest_collection_modifyitems(config, items):
    """Run the unit tests first and the end-to-end tests last (see the module's description)."""

    def rank(item):
        module = item.path.stem
        if module not in END_TO_END:
            return 0
        return 0.5 if item.name == LONGEST else END_TO_END.index(module) + 1

    items.sort(key=rank)  # stable: the tests of a module keep their order
    if getattr(config.option, "loadgroup", False):  # set on xdist's workers
        for item in items:
            _keep_group(item)


def _keep_group(item) -> None:
    """Send a test marked ``xdist_group(NAME)`` to NAME's worker (``--dist loadgroup``).

    pytest-xdist 3.8 tells the scheduler a test's group by appending ``@NAME`` to its
    node id (``item._nodeid``), which pytest 9.2 no longer reads (the id is ``item._id``,
    a ``NodeId``): every test would be scheduled alone, each worker building the book and
    the PDF. This does what xdist meant, where xdist did not (pytest-xdist issue 1386;
    a no-op once xdist has appended the group itself).
    """
    from _pytest.nodeid import NodeId

    names = sorted(
        {
            str(m.args[0] if m.args else m.kwargs.get("name", "default"))
            for m in item.iter_markers("xdist_group")
        }
    )
    if names and "@" not in item.nodeid:
        item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(names)}")
