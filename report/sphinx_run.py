"""Jupyter Book's HTML build: ``python -m report.sphinx_run [--wait] [--jobs N] ARGS…``.

ARGS are those of ``jupyter-book build``. With ``--wait``, the build starts up (imports
Sphinx and the extensions, reads the configuration and the table of contents, loads the
kept environment) and then waits for one line on its standard input: ``go`` builds,
anything else (or end of input) exits with status 3 having written nothing. The build's
start-up so overlaps with the execution of the pages; Sphinx looks for changed files only
when it builds, so it sees the pages executed meanwhile.

The table of contents and the configuration must be final before the start: they are read
at start-up.

While it waits, it also reads the kept doctrees (unpickling them is most of an incremental
build's time: Sphinx numbers the figures by walking every page's doctree). Each is handed
out once, to the first ``get_doctree`` of its page, exactly as Sphinx would have read it,
unless the page is read again in this build.
"""

from __future__ import annotations

import gc
import os
import sys

#: Exit status of a build told not to go ahead.
CANCELLED = 3

#: Doctrees read ahead, by page, each handed out once (see the module's description).
_READ_AHEAD: dict = {}


def _read_ahead(env) -> None:
    """Unpickle the kept doctree of every page the environment knows."""
    import pickle
    from pathlib import Path

    for docname in env.all_docs:
        path = Path(env.doctreedir) / f"{docname}.doctree"
        try:
            _READ_AHEAD[docname] = pickle.loads(path.read_bytes())
        except Exception:  # noqa: BLE001 - unreadable (a build killed while writing it): Sphinx reads the page again
            continue


def _install_read_ahead(app) -> None:
    """Hand out the doctrees read ahead, and drop those of pages read again."""
    from sphinx.environment import BuildEnvironment
    from sphinx.util.docutils import LoggingReporter

    def forget(_app, _env, docnames: list[str]) -> None:
        for docname in docnames:
            _READ_AHEAD.pop(docname, None)

    # last, after any handler that adds pages to read
    app.connect("env-before-read-docs", forget, priority=999)
    original = BuildEnvironment.get_doctree

    def get_doctree(self, docname: str):
        doctree = _READ_AHEAD.pop(docname, None)
        if doctree is None:
            return original(self, docname)
        doctree.settings.env = self
        doctree.reporter = LoggingReporter(self.doc2path(docname))
        return doctree

    BuildEnvironment.get_doctree = get_doctree  # type: ignore[method-assign]


def _options(argv: list[str]) -> tuple[bool, int, list[str]]:
    """Take ``--wait`` and ``--jobs N`` out of *argv*."""
    wait, jobs, rest = False, 1, []
    args = iter(argv)
    for arg in args:
        if arg == "--wait":
            wait = True
        elif arg == "--jobs":
            jobs = int(next(args))
        else:
            rest.append(arg)
    return wait, jobs, rest


def main(argv: list[str]) -> None:
    """Run ``jupyter-book build`` with *argv*: with ``--wait``, wait for the go-ahead;
    with ``--jobs N``, read and write the pages in N processes."""
    wait, jobs, argv = _options(argv)
    # Sphinx makes millions of small objects that live until the build ends: collecting
    # garbage less often saves a tenth of a build
    gc.set_threshold(50_000, 20, 100)
    import jupyter_book.sphinx as jb_sphinx

    class ReportSphinx(jb_sphinx.Sphinx):
        """Sphinx, in N processes, waiting for the go-ahead between start-up and build."""

        def __init__(self, *args, **kwargs) -> None:
            kwargs["parallel"] = jobs
            super().__init__(*args, **kwargs)

        def build(self, force_all: bool = False, filenames: list[str] | None = None) -> None:
            _declare_parallel_safe(self)
            if wait:
                _install_read_ahead(self)
                _read_ahead(self.env)
                sys.stdout.flush()
                if sys.stdin.readline().strip() != "go":
                    sys.stderr.flush()
                    os._exit(CANCELLED)
            super().build(force_all, filenames)

    jb_sphinx.Sphinx = ReportSphinx  # type: ignore[misc]
    from jupyter_book.cli.main import main as jupyter_book

    code = 0
    try:
        jupyter_book(["build", *argv])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    # the build is written: skip the interpreter's tear-down of Sphinx and every doctree
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


#: Extensions that do not say whether they may read pages in parallel, though they may:
#: sphinx_multitoc_numbering only replaces how sections are numbered, which Sphinx does in
#: the main process once every page is read.
PARALLEL_READ_SAFE = ("sphinx_multitoc_numbering",)


def _declare_parallel_safe(app) -> None:
    for name in PARALLEL_READ_SAFE:
        extension = app.extensions.get(name)
        if extension is not None and extension.parallel_read_safe is None:
            extension.parallel_read_safe = True


if __name__ == "__main__":
    main(sys.argv[1:])
