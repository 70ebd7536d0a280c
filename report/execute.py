"""Execute pages with papermill: cached, in parallel, atomically, failing loudly."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from lib.paths import CHART_CACHE_ENV, CHART_PDF_ENV, PAGE_ENV
from report.files import write_atomic
from report.kernels import kernel_manager_class, warm_wanted
from report.notebook import (
    TEMPLATE_CACHE,
    TemplateError,
    fill_from_glue,
    fill_placeholders,
    read_template,
    tag_for_reader,
)
from report.plan import Page
from report.stamps import Inputs, page_stamp

__all__ = [
    "PageResult",
    "add_static_renderings",
    "execute_pages",
    "is_fresh",
    "longest_first",
    "record_durations",
    "stamp_of",
]

WORK = Path("_build") / "work"
FAILED = Path("_build") / "failed"
#: The static renderings of charts, by a hash of their specification (kept between builds).
CHARTS = Path("_build") / "charts"


@dataclass(frozen=True)
class PageResult:
    """What happened to one page.

    Attributes
    ----------
    name : str
    status : str
        ``executed``, ``fresh`` (cache hit, not executed) or ``failed``.
    seconds : float
    error : str
        For a failure: the page, the cell and the exception, and where the failed
        notebook is kept.
    phases : dict
        For an executed page, seconds spent preparing the notebook (``prepare``), in
        papermill (``execute``: kernel start and cells) and writing the page (``write``).
    """

    name: str
    status: str
    seconds: float = 0.0
    error: str = ""
    phases: dict = field(default_factory=dict, compare=False)


def stamp_of(notebook: Path) -> str | None:
    """The stamp recorded in an executed notebook, or None."""
    try:
        meta = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]
        return meta.get("report", {}).get("stamp")
    except (OSError, ValueError, KeyError):
        return None


def is_fresh(root: Path, page: Page, stamp: str) -> bool:
    """Whether the page's output exists and was made from exactly these inputs."""
    return stamp_of(root / page.output) == stamp


def _template_cell(executed: Path, index: int) -> tuple[int, str]:
    """Map a cell index of the executed notebook to the template's cell number (from 1).

    Papermill inserts an injected-parameters cell (cells after it shift by one) and, in a
    failed notebook, error-banner cells that its cell index does not count.
    """
    nb = nbformat.read(str(executed), as_version=4)
    cells = [
        c
        for c in nb.cells
        if not any(t.startswith("papermill-error-cell") for t in c.metadata.get("tags", []))
    ]
    injected = sum("injected-parameters" in c.metadata.get("tags", []) for c in cells[:index])
    source = cells[index].source.strip().splitlines() if index < len(cells) else []
    return index - injected + 1, (source[0][:60] if source else "")


def _run(root: str, page: Page, stamp: str) -> PageResult:
    """Execute one page (in a worker process)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    root_path = Path(root)
    start = time.perf_counter()
    print(f"  start  {page.name}", flush=True)
    work = root_path / WORK
    work.mkdir(parents=True, exist_ok=True)
    tag = f"{page.name}-{os.getpid()}-{time.monotonic_ns()}"
    src, out = work / f"{tag}-in.ipynb", work / f"{tag}-out.ipynb"
    try:
        nb = read_template(page.template, root_path / TEMPLATE_CACHE)
        fill_placeholders(nb, page.parameters, page.name)
    except ValueError as exc:
        return PageResult(
            page.name,
            "failed",
            time.perf_counter() - start,
            f"page {page.name!r}: template {page.template.name}: {exc}",
        )
    nbformat.write(nb, str(src))
    os.environ[PAGE_ENV] = page.name  # the kernel inherits it: lib.paths.current_page()
    executing = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(src),
            str(out),
            parameters=page.parameters,
            cwd=str(root_path),
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            report_mode=False,
            # write the notebook once, at the end, not twice per cell (a page is up to a
            # megabyte of JSON); a failed one is still written before the error is raised
            request_save_on_cell_execute=False,
            # The kernel's own start-up chatter (a TCP-transport notice on every start) would
            # bury the progress lines; its errors still show.
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
            # forked from the kernel server with the pages' imports done, when it runs
            **({"kernel_manager_class": km} if (km := kernel_manager_class()) else {}),
        )
    except PapermillExecutionError as exc:
        failed = root_path / FAILED / f"{page.name}.ipynb"
        failed.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(out), failed)
        src.unlink(missing_ok=True)
        cell, first_line = _template_cell(failed, exc.cell_index)
        return PageResult(
            page.name,
            "failed",
            time.perf_counter() - start,
            f"page {page.name!r} ({page.template.name}) failed in cell {cell} of the template "
            f"(counting from 1; it begins {first_line!r}): {exc.ename}: {exc.evalue}\n"
            f"    the failed notebook is kept at {failed.relative_to(root_path)}",
        )
    except Exception as exc:  # kernel died, bad notebook …
        src.unlink(missing_ok=True)
        out.unlink(missing_ok=True)
        return PageResult(
            page.name,
            "failed",
            time.perf_counter() - start,
            f"page {page.name!r} ({page.template.name}) could not run: {type(exc).__name__}: {exc}",
        )
    writing = time.perf_counter()
    nb = nbformat.read(str(out), as_version=4)
    try:
        fill_from_glue(nb)
    except TemplateError as exc:
        out.unlink(missing_ok=True)
        src.unlink(missing_ok=True)
        return PageResult(
            page.name,
            "failed",
            time.perf_counter() - start,
            f"page {page.name!r} ({page.template.name}): {exc}",
        )
    tag_for_reader(nb)
    nb.metadata["report"] = {"stamp": stamp, "page": page.name, "parameters": page.parameters}
    target = root_path / page.output
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = work / f"{tag}-final.ipynb"
    nbformat.write(nb, str(staged))
    os.replace(staged, target)  # atomic: a reader sees the old page or the new one
    src.unlink(missing_ok=True)
    out.unlink(missing_ok=True)
    (root_path / FAILED / f"{page.name}.ipynb").unlink(missing_ok=True)
    end = time.perf_counter()
    seconds = end - start
    print(f"  done   {page.name} ({seconds:.1f} s)", flush=True)
    phases = {
        "prepare": round(executing - start, 3),
        "execute": round(writing - executing, 3),
        "write": round(end - writing, 3),
    }
    return PageResult(page.name, "executed", seconds, phases=phases)


def add_static_renderings(root: Path, pages: Sequence[Page]) -> int:
    """Add to executed pages the static (PDF) renderings of their charts, for the PDF book.

    The pages are executed without them (the HTML book does not show them); one process
    renders every chart left without one (``python -m lib.present.charts``), taking those
    drawn before from ``_build/charts`` (kept by a hash of the chart's specification).

    Parameters
    ----------
    root : pathlib.Path
        The book root.
    pages : sequence of Page
        Executed pages (their outputs exist).

    Returns
    -------
    int
        How many charts were rendered.

    Raises
    ------
    RuntimeError
        If a chart could not be rendered.
    """
    env = {**os.environ, "REPORT_ROOT": str(root), CHART_CACHE_ENV: str(root / CHARTS)}
    proc = subprocess.run(
        [sys.executable, "-m", "lib.present.charts", *(str(root / p.output) for p in pages)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"charts could not be rendered for print:\n{proc.stderr.strip()}")
    return int(proc.stdout.split()[-1])


DURATIONS = Path("_build") / "durations.json"
#: The phases of each page's last execution (:attr:`PageResult.phases`), for ``make bench``.
TIMINGS = Path("_build") / "timings.json"


def longest_first(root: Path, pages: Sequence[Page]) -> list[Page]:
    """Order pages so the longest start first (fewer idle workers at the end of a build).

    A page's cost is its last execution time (``_build/durations.json``); pages never timed
    come first, the larger template first, since a notebook's size is the best guess left.
    """
    try:
        seen = json.loads((root / DURATIONS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        seen = {}
    return sorted(
        pages, key=lambda p: (p.name in seen, -seen.get(p.name, 0.0), -p.template.stat().st_size)
    )


def record_durations(root: Path, results: list[PageResult]) -> None:
    """Remember how long each executed page took, for :func:`longest_first`, and the
    phases of its execution (``_build/timings.json``)."""
    if not results:
        return
    for name, values in (
        (DURATIONS, {r.name: round(r.seconds, 2) for r in results}),
        (TIMINGS, {r.name: r.phases for r in results}),
    ):
        path = root / name
        try:
            seen = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            seen = {}
        seen.update(values)
        write_atomic(path, json.dumps(seen, indent=1, sort_keys=True))


def execute_pages(
    root: Path,
    pages: Sequence[Page],
    jobs: int | None = None,
    force: bool = False,
    check: bool = True,
    on_stale: Callable[[list[Page]], None] | None = None,
) -> list[PageResult]:
    """Execute the stale pages among *pages*, in parallel.

    Before the first page starts, the data and the stale pages' parameters are checked once
    (:func:`report.preflight.preflight`); the pages then read the validated fact base
    instead of validating it again. Their charts are not rendered for print (the HTML book
    does not show that rendering): :func:`add_static_renderings` adds it for the PDF book.

    Parameters
    ----------
    root : pathlib.Path
        The book root.
    pages : sequence of Page
    jobs : int, optional
        Parallel workers; default: the number of cores.
    force : bool
        Execute even pages whose output is fresh.
    check : bool
        Check the data and parameters first (and share the validated fact base).
    on_stale : callable, optional
        Called with the stale pages, when there are any, once they passed the checks and
        before they run (the HTML build starts up meanwhile: :func:`report.html.start_html`).

    Returns
    -------
    list of PageResult
        In the order of *pages*.

    Raises
    ------
    report.preflight.PreflightError
        When the data or a stale page's parameters are wrong: then no page is run.
    """
    inputs = Inputs(root)
    stamps = {p.name: page_stamp(inputs, p.template, p.parameters) for p in pages}
    results: dict[str, PageResult] = {}
    stale = []
    for p in pages:
        if not force and is_fresh(root, p, stamps[p.name]):
            results[p.name] = PageResult(p.name, "fresh")
        else:
            stale.append(p)
    if stale and check:
        from report.preflight import preflight, stop_server

        # import papermill (for this process and the workers it forks) while the data
        # check runs in its own process
        importing = threading.Thread(target=importlib.import_module, args=("papermill",))
        importing.start()
        try:
            found = preflight(root, stale, inputs.data_key(), serve=warm_wanted())
        finally:
            importing.join()
        server = found.pop("server", None)
        print(
            f"data and parameters checked once ({found.pop('seconds'):.1f} s)"
            + ("; kernels start warm" if server else ""),
            flush=True,
        )
        found[CHART_CACHE_ENV] = str(root / CHARTS)
        found[CHART_PDF_ENV] = "later"  # only the PDF book needs them: add_static_renderings
        saved = {k: os.environ.get(k) for k in found}
        os.environ.update(found)  # inherited by the workers and their kernels
        try:
            if on_stale is not None:
                on_stale(stale)
            _execute(root, stale, stamps, results, jobs, len(pages))
        finally:
            if server is not None:
                stop_server(server)
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    elif stale:
        if on_stale is not None:
            on_stale(stale)
        _execute(root, stale, stamps, results, jobs, len(pages))
    return [results[p.name] for p in pages]


def _end_with(parent: int) -> None:
    """In a worker: exit when the build that started it is gone (killed), rather than live
    on holding its lock and the kernel server's input."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _execute(
    root: Path,
    stale: list[Page],
    stamps: dict[str, str],
    results: dict[str, PageResult],
    jobs: int | None,
    total: int,
) -> None:
    """Execute *stale* pages in parallel, filling *results*."""
    if stale:
        stale = longest_first(root, stale)
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(stale)))
        print(
            f"executing {len(stale)} page(s) with {jobs} worker(s); "
            f"{total - len(stale)} up to date",
            flush=True,
        )
        if jobs == 1:
            for p in stale:
                results[p.name] = _run(str(root), p, stamps[p.name])
        else:
            with ProcessPoolExecutor(
                max_workers=jobs, initializer=_end_with, initargs=(os.getpid(),)
            ) as pool:
                futures = {pool.submit(_run, str(root), p, stamps[p.name]): p for p in stale}
                for future in as_completed(futures):
                    r = future.result()
                    results[r.name] = r
        record_durations(root, [r for r in results.values() if r.status == "executed"])
        for r in results.values():
            if r.status == "failed":
                print(
                    f"  FAILED {r.name} ({r.seconds:.1f} s)\n    {r.error}",
                    file=sys.stderr,
                    flush=True,
                )
