"""The HTML build started ahead (report.sphinx_run): it waits, builds on the go-ahead exactly
as a plain Jupyter Book build would, and writes nothing when cancelled."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONFIG = """\
title: Tiny
execute:
  execute_notebooks: "off"
only_build_toc_files: true
"""
TOC = """\
format: jb-book
root: a
chapters:
- file: b
"""
FIGURE = """
```{{figure}} pic.png
:name: fig-{name}

A figure called {name}.
```
"""


def _page(title: str, figures: list[str]) -> str:
    return f"# {title}\n\nSee {{numref}}`fig-{figures[-1]}`.\n" + "".join(
        FIGURE.format(name=n) for n in figures
    )


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """A two-page book, built once (its kept Sphinx folder is then copied for each test)."""
    root = tmp_path_factory.mktemp("ahead") / "book"
    root.mkdir()
    (root / "_config.yml").write_text(CONFIG)
    (root / "_toc.yml").write_text(TOC)
    (root / "a.md").write_text(_page("A", ["one"]))
    (root / "b.md").write_text(_page("B", ["two"]))
    # a 1×1 PNG
    (root / "pic.png").write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d00000000"
            "49454e44ae426082"
        )
    )
    result = _build(root, root.parent / "kept")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def _build(root: Path, out: Path, *extra: str, go: str | None = None):
    cmd = [sys.executable, "-m", "report.sphinx_run", *extra, str(root)]
    cmd += ["--path-output", str(out), "--builder", "html", "-n", "--keep-going"]
    return subprocess.run(
        cmd, input=go, capture_output=True, text=True, cwd=Path(__file__).parents[1]
    )


def _html(out: Path, page: str) -> str:
    text = (out / "_build" / "html" / f"{page}.html").read_text(encoding="utf-8")
    return re.sub(r"\?v=[0-9a-f]+|\?digest=[0-9a-f]+", "", text)


def test_a_build_started_ahead_builds_what_a_plain_build_does(book, tmp_path):
    # page b gains a figure before its own: its figure numbers change, page a's do not
    (book / "b.md").write_text(_page("B", ["new", "two"]))
    ahead, plain = tmp_path / "ahead", tmp_path / "plain"
    shutil.copytree(book.parent / "kept", ahead)
    shutil.copytree(book.parent / "kept", plain)
    result = _build(book, ahead, "--wait", "--jobs", "2", go="go\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 changed" in result.stdout  # incremental: only page b read again
    assert _build(book, plain).returncode == 0
    for page in ("a", "b"):
        assert _html(ahead, page) == _html(plain, page)
    assert "Fig. 2" in _html(ahead, "b")


def test_a_build_told_not_to_go_ahead_writes_nothing(book, tmp_path):
    out = tmp_path / "kept"
    shutil.copytree(book.parent / "kept", out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    (book / "a.md").write_text(_page("A changed", ["one"]))
    result = _build(book, out, "--wait", go="")
    assert result.returncode == 3, result.stdout + result.stderr
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before
