"""Build the HTML book from executed pages: strict, aside, then swapped in."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from report.config import CODE_EDITION, write_config
from report.execute import WORK, stamp_of
from report.plan import Plan
from report.stamps import hash_files
from report.toc import TOC, write_book_files

__all__ = ["BuildError", "build_html", "build_lock", "clean_stale", "html_stamp"]

HTML = Path("_build") / "html"
STAMP_FILE = ".book-stamp"


class BuildError(RuntimeError):
    """The book could not be built; the last good book is left in place."""


@contextmanager
def build_lock(root: Path):
    """Hold the build lock: concurrent builds wait for each other instead of colliding."""
    lock_path = root / "_build" / ".lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("another build is running in this folder; waiting for it …", flush=True)
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def clean_stale(root: Path) -> None:
    """Remove what an interrupted build left behind (call while holding the lock)."""
    shutil.rmtree(root / WORK, ignore_errors=True)
    for staging in (root / "_build").glob(".staging-*"):
        shutil.rmtree(staging, ignore_errors=True)
    old = root / "_build" / "html.old"
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def _book_files(root: Path, plan: Plan) -> list[Path]:
    return [
        root / "_config.yml",
        root / TOC,
        *root.glob("_static/**/*"),
        *(root / page.output for page in plan.written),
    ]


def html_stamp(root: Path, plan: Plan, with_code: bool = False) -> str:
    """Hash of everything the HTML is made from: page stamps and the book's own files.

    Parameters
    ----------
    root : pathlib.Path
        The book root, after :func:`report.toc.write_book_files`.
    plan : Plan
    with_code : bool
        The edition with code toggles (it differs from the reader's edition).

    Returns
    -------
    str
    """
    h = hashlib.sha256(hash_files(root, _book_files(root, plan)).encode())
    if with_code:
        h.update(b"edition:with-code")
    for p in plan.pages:
        h.update(f"{p.name}:{stamp_of(root / p.output)}".encode())
    return h.hexdigest()


def build_html(root: Path, plan: Plan, force: bool = False, with_code: bool = False) -> bool:
    """Build ``_build/html`` with Jupyter Book, strictly, unless it is up to date.

    The book is built into a staging folder with warnings as errors (``-W -n
    --keep-going``, always a full build), and only on success swapped in place of the
    previous book: a failed build leaves the last good book untouched.

    Parameters
    ----------
    root : pathlib.Path
    plan : Plan
        The run plan (the outputs of all its executed pages must exist); ``_toc.yml`` and
        the written pages are generated from it first.
    force : bool
        Build even when the stamp says the book is up to date.
    with_code : bool
        Build the edition that shows each code cell's source behind a toggle; the
        reader's edition (the default) shows no code, but for the "Using lib" page.

    Returns
    -------
    bool
        True when the book was (re)built, False when it was up to date.

    Raises
    ------
    BuildError
        With Sphinx's warnings and errors.
    """
    from report.assets import write_vega_bundle

    missing = [str(p.output) for p in plan.pages if not (root / p.output).is_file()]
    if missing:
        raise BuildError(f"executed pages missing: {missing}")
    write_vega_bundle(root / "_static")
    write_book_files(root, plan)
    stamp = html_stamp(root, plan, with_code)
    html = root / HTML
    stamp_path = html / STAMP_FILE
    if not force and stamp_path.is_file() and stamp_path.read_text() == stamp:
        print("HTML book is up to date", flush=True)
        return False
    staging = root / "_build" / f".staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    start = time.perf_counter()
    print("building the HTML book (strict: warnings are errors) …", flush=True)
    # jupyter_book.cli.main has no __main__ guard: call its click group explicitly
    cmd = [
        sys.executable,
        "-c",
        "from jupyter_book.cli.main import main; main()",
        "build",
        str(root),
        "--path-output",
        str(staging),
        *(["--config", str(write_config(root, staging, CODE_EDITION))] if with_code else []),
        "--builder",
        "html",
        "-W",
        "-n",
        "--keep-going",
        "--all",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=root)
    built = staging / "_build" / "html"
    if proc.returncode != 0 or not (built / "index.html").is_file():
        log = root / "_build" / "html-build.log"
        log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
        problems = [
            ln
            for ln in (proc.stdout + proc.stderr).splitlines()
            if "WARNING" in ln or "ERROR" in ln or "Error" in ln
        ]
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(
            "the HTML build failed; the previous book is unchanged.\n"
            + "\n".join(f"    {ln}" for ln in problems[:40])
            + f"\n    full log: {log.relative_to(root)}"
        )
    (built / STAMP_FILE).write_text(stamp)
    old = root / "_build" / "html.old"
    if html.exists():
        os.replace(html, old)
    os.replace(built, html)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    print(
        f"HTML book built in {time.perf_counter() - start:.1f} s: "
        f"{html.relative_to(root)}/index.html",
        flush=True,
    )
    return True
