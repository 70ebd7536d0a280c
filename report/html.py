"""Build the HTML book from executed pages: strictly or incrementally, aside, then swapped in."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from report.config import CODE_EDITION, write_config
from report.execute import WORK, stamp_of
from report.plan import Plan
from report.stamps import hash_files
from report.toc import TOC, write_book_files

__all__ = [
    "BuildError",
    "SphinxRun",
    "build_html",
    "build_lock",
    "clean_stale",
    "html_stamp",
    "start_html",
]

HTML = Path("_build") / "html"
#: Where Sphinx builds and keeps its environment between builds, relative to the book root.
SPHINX = Path("_build") / "sphinx"
STAMP_FILE = ".book-stamp"
#: Prefix of the stamp of a book built incrementally.
INCREMENTAL = "incremental:"


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
    for strict in (root / "_build").glob(".sphinx-strict-*"):
        shutil.rmtree(strict, ignore_errors=True)
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


class SphinxRun:
    """Jupyter Book's HTML build in its own process, started ahead (:mod:`report.sphinx_run`).

    Sphinx starts up (imports, configuration, table of contents, kept environment) as
    soon as the object is made, while the pages execute; :meth:`finish` lets it build,
    :meth:`cancel` stops it having written nothing.

    Parameters
    ----------
    root : pathlib.Path
        The book root; its ``_toc.yml`` and written pages must be final
        (:func:`start_html` writes them).
    strict : bool
        Build strictly and from nothing (in a new folder, which replaces the kept one once
        the build succeeds), or else incrementally in the kept folder.
    with_code : bool
        The edition with code toggles.
    """

    def __init__(self, root: Path, strict: bool, with_code: bool = False) -> None:
        self.root, self.strict, self.with_code = root, strict, with_code
        kept = root / SPHINX
        if strict:
            # from nothing, in a folder of its own: it becomes the kept folder on success,
            # and a cancelled or failed strict build leaves the kept one as it was
            self.out = root / "_build" / f".sphinx-strict-{os.getpid()}"
            shutil.rmtree(self.out, ignore_errors=True)
        else:
            self.out = kept
            if not (kept / "_build" / ".doctrees").is_dir():
                shutil.rmtree(kept, ignore_errors=True)
        config = (
            write_config(root, root / "_build" / "code-edition", CODE_EDITION)
            if with_code
            else None
        )
        cmd = [
            sys.executable,
            "-m",
            "report.sphinx_run",
            "--wait",
            # Sphinx reads and writes the pages in as many processes as there are cores
            "--jobs",
            str(os.cpu_count() or 1),
            str(root),
            "--path-output",
            str(self.out),
            *(["--config", str(config)] if config is not None else []),
            "--builder",
            "html",
            "-n",
            "--keep-going",
            *(["-W", "--all"] if strict else []),
        ]
        # closed in _end (the files outlive this method)
        self._out = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._err = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=self._out,
            stderr=self._err,
            text=True,
            cwd=root,
        )

    def finish(self) -> subprocess.CompletedProcess:
        """Let the build go ahead and wait for it.

        Returns
        -------
        subprocess.CompletedProcess
            With the build's output (``stdout``, ``stderr``) and exit status.
        """
        return self._end("go\n")

    def cancel(self) -> None:
        """Stop the build (it writes nothing before the go-ahead)."""
        if self.proc.returncode is None:
            self.proc.kill()
            self._end("")
        if self.strict:
            shutil.rmtree(self.out, ignore_errors=True)

    def _end(self, line: str) -> subprocess.CompletedProcess:
        assert self.proc.stdin is not None
        with contextlib.suppress(BrokenPipeError, OSError):  # it may have stopped already
            self.proc.stdin.write(line)
            self.proc.stdin.close()
        code = self.proc.wait()
        output = []
        for fh in (self._out, self._err):
            fh.seek(0)
            output.append(fh.read())
            fh.close()
        return subprocess.CompletedProcess(self.proc.args, code, *output)


def start_html(root: Path, plan: Plan, strict: bool = True, with_code: bool = False) -> SphinxRun:
    """Write the book's own files and start its HTML build, to finish in :func:`build_html`.

    Parameters
    ----------
    root : pathlib.Path
    plan : Plan
    strict : bool
    with_code : bool

    Returns
    -------
    SphinxRun
    """
    from report.assets import write_vega_bundle

    write_vega_bundle(root / "_static")
    write_book_files(root, plan)
    return SphinxRun(root, strict, with_code)


def _problems(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if "WARNING" in ln or "ERROR" in ln or "Error" in ln]


def build_html(
    root: Path,
    plan: Plan,
    force: bool = False,
    strict: bool = True,
    with_code: bool = False,
    ahead: SphinxRun | None = None,
) -> bool:
    """Build ``_build/html`` with Jupyter Book, unless it is up to date.

    Sphinx builds in a kept folder (``_build/sphinx``), and only on success is its output
    copied in place of the previous book: a failed build leaves the last good book
    untouched.

    * strict (``report book``, the tests, CI): every file is read afresh (the kept folder
      is emptied first) and warnings are errors (``-W -n --keep-going --all``);
    * incremental (``report run``): Sphinx keeps its environment from the last build and
      reads again only the pages that changed; warnings are printed, not errors. A strict
      build always follows an incremental one (the book's stamp records which it was).

    Parameters
    ----------
    root : pathlib.Path
    plan : Plan
        The run plan (the outputs of all its executed pages must exist); ``_toc.yml`` and
        the written pages are generated from it first.
    force : bool
        Build even when the stamp says the book is up to date.
    strict : bool
        Build strictly and from nothing, or else incrementally.
    with_code : bool
        Build the edition that shows each code cell's source behind a toggle; the
        reader's edition (the default) shows no code, but for the "Using lib" page.
    ahead : SphinxRun, optional
        The build started ahead by :func:`start_html` while the pages executed: it goes
        ahead (or is cancelled when the book is up to date).

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

    try:
        missing = [str(p.output) for p in plan.pages if not (root / p.output).is_file()]
        if missing:
            raise BuildError(f"executed pages missing: {missing}")
        if ahead is None:  # else start_html wrote them
            write_vega_bundle(root / "_static")
            write_book_files(root, plan)
        stamp = html_stamp(root, plan, with_code)
    except BaseException:
        if ahead is not None:
            ahead.cancel()
        raise
    html = root / HTML
    stamp_path = html / STAMP_FILE
    # a strict build is up to date only after a strict build; an incremental one after either
    accepted = {stamp} if strict else {stamp, INCREMENTAL + stamp}
    if not force and stamp_path.is_file() and stamp_path.read_text() in accepted:
        if ahead is not None:
            ahead.cancel()
        print("HTML book is up to date", flush=True)
        return False
    kept = root / SPHINX
    start = time.perf_counter()
    if ahead is not None and (ahead.strict, ahead.with_code) != (strict, with_code):
        ahead.cancel()
        ahead = None
    if strict:
        print("building the HTML book (strict: warnings are errors) …", flush=True)
    else:
        print("updating the HTML book (incremental: only what changed) …", flush=True)
    run = ahead or SphinxRun(root, strict, with_code)
    proc = run.finish()
    built = run.out / "_build" / "html"
    log = root / "_build" / "html-build.log"
    if proc.returncode != 0 or not (built / "index.html").is_file():
        log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
        # the next build starts afresh (a failed strict build leaves the kept folder alone)
        shutil.rmtree(run.out, ignore_errors=True)
        raise BuildError(
            "the HTML build failed; the previous book is unchanged.\n"
            + "\n".join(f"    {ln}" for ln in _problems(proc.stdout + proc.stderr)[:40])
            + f"\n    full log: {log.relative_to(root)}"
        )
    if run.out != kept:  # a strict build's folder is kept for the next incremental one
        shutil.rmtree(kept, ignore_errors=True)
        os.replace(run.out, kept)
        built = kept / "_build" / "html"
    log.write_text(proc.stdout + proc.stderr, encoding="utf-8")  # what Sphinx read, wrote
    staging = root / "_build" / f".staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(built, staging)
    (staging / STAMP_FILE).write_text(stamp if strict else INCREMENTAL + stamp)
    old = root / "_build" / "html.old"
    if html.exists():
        os.replace(html, old)
    os.replace(staging, html)
    shutil.rmtree(old, ignore_errors=True)
    warnings = _problems(proc.stderr)
    if warnings and not strict:
        print(
            f"{len(warnings)} warning(s) (see {log.relative_to(root)}); "
            "`report book` builds strictly",
            flush=True,
        )
    print(
        f"HTML book {'built' if strict else 'updated'} in {time.perf_counter() - start:.1f} s: "
        f"{html.relative_to(root)}/index.html",
        flush=True,
    )
    return True
