"""Shared fixtures: the project's data folder and throw-away copies of it.

The end-to-end tests share one built book (the session fixture ``built_book``). Under
pytest-xdist (``make test`` runs ``pytest -n 2 --dist loadgroup``) every test that uses it
is put in one group, so one worker builds the book once and runs them, while the other
workers run the unit tests.
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


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """A copy of the project with its book built by ``report book`` (once per session)."""
    root = copy_project(tmp_path_factory.mktemp("book") / "project")
    result = report(root, "book")
    assert result.returncode == 0, result.stdout + result.stderr
    return root, result


def pytest_collection_modifyitems(config, items):
    """Keep the tests of the built book on one worker (see the module's description)."""
    for item in items:
        if "built_book" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("book"))
