"""``report``: the command line of the book.

::

    report run [PAGE …] [-p KEY=VALUE …]   execute pages (stale ones, or the named ones),
                                            update the HTML book incrementally
    report book [--with-code]               execute what is stale, build the HTML book
                                            strictly (every file read, warnings are errors;
                                            --with-code: each cell's code behind a toggle)
    report pdf                              build the PDF book
    report brief                            build the two-page brief of the key findings
    report list                             pages, parameters and cache state
    report clean                            remove executed pages and builds
    report add-source PATH --date YYYY[-MM[-DD]] [--outlet NAME] [--genre GENRE]
                                            add a raw text, write its review sheet
    report accept SHEET                     merge a reviewed sheet's accepted rows
    report remove-source SOURCE_ID          remove a source and all that rests on it

Every command but ``clean`` first reads and checks ``chapters/plan.yml``; a wrong plan, page
or parameter is one line on standard error and exit status 2, before anything runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from lib.paths import project_root
from report.execute import PageResult, add_static_renderings, execute_pages, is_fresh
from report.html import BuildError, SphinxRun, build_html, build_lock, clean_stale, start_html
from report.plan import Page, Plan, PlanError, load_plan
from report.stamps import Inputs, page_stamp
from report.toc import TOC

__all__ = ["main"]


def _overrides(pairs: list[str], pages: list[str]) -> dict[str, dict[str, str]]:
    if pairs and not pages:
        raise PlanError("-p needs the pages it applies to: report run PAGE … -p KEY=VALUE")
    parsed = {}
    for pair in pairs:
        if "=" not in pair:
            raise PlanError(f"-p expects KEY=VALUE, got {pair!r}")
        key, value = pair.split("=", 1)
        parsed[key.strip()] = value
    return {page: dict(parsed) for page in pages}


def _summary(results: list[PageResult], start: float) -> int:
    counts = {s: sum(r.status == s for r in results) for s in ("executed", "fresh", "failed")}
    print(
        f"{counts['executed']} executed, {counts['fresh']} up to date, {counts['failed']} failed "
        f"({time.perf_counter() - start:.1f} s)",
        flush=True,
    )
    return 1 if counts["failed"] else 0


class _Ahead:
    """The HTML build, started when pages turn out stale (they execute meanwhile)."""

    def __init__(self, root: Path, plan: Plan, strict: bool, wanted: bool, with_code: bool) -> None:
        self.args = (root, plan, strict, with_code)
        self.wanted = wanted
        self.run: SphinxRun | None = None

    def start(self, stale: list[Page]) -> None:
        if self.wanted and self.run is None:
            root, plan, strict, with_code = self.args
            self.run = start_html(root, plan, strict=strict, with_code=with_code)

    def take(self) -> SphinxRun | None:
        run, self.run = self.run, None
        return run


@contextmanager
def _html_ahead(root: Path, plan: Plan, strict: bool, wanted: bool, with_code: bool = False):
    """Start the HTML build ahead when pages are stale; cancel it if it is not taken."""
    ahead = _Ahead(root, plan, strict, wanted, with_code)
    try:
        yield ahead
    finally:
        if ahead.run is not None:
            ahead.run.cancel()


def cmd_run(root: Path, args: argparse.Namespace) -> int:
    """``report run``: execute the named pages (or the stale ones), then update the HTML
    incrementally (or strictly with ``--strict``)."""
    start = time.perf_counter()
    plan = load_plan(root, _overrides(args.param, args.pages))
    names = [p.name for p in plan.pages]
    unknown = [p for p in args.pages if p not in names]
    if unknown:
        raise PlanError(f"unknown page(s) {unknown}; the executed pages are {names}")
    chosen = [p for p in plan.pages if p.name in args.pages] if args.pages else list(plan.pages)
    others = [p for p in plan.pages if p not in chosen]
    html = not args.no_html and all((root / p.output).is_file() for p in others)
    with build_lock(root), _html_ahead(root, plan, args.strict, html) as ahead:
        clean_stale(root)
        results = execute_pages(
            root,
            chosen,
            jobs=args.jobs,
            force=bool(args.pages) or args.force,
            on_stale=ahead.start,
        )
        status = _summary(results, start)
        if status == 0 and html:
            build_html(root, plan, strict=args.strict, ahead=ahead.take())
    return status


def cmd_book(root: Path, args: argparse.Namespace) -> int:
    """``report book``: execute the stale pages, then build the HTML book."""
    start = time.perf_counter()
    plan = load_plan(root)
    with build_lock(root), _html_ahead(root, plan, True, True, args.with_code) as ahead:
        clean_stale(root)
        results = execute_pages(
            root, plan.pages, jobs=args.jobs, force=args.force, on_stale=ahead.start
        )
        if _summary(results, start):
            print(
                "build stopped: the HTML book was not rebuilt (the last good one is unchanged)",
                file=sys.stderr,
            )
            return 1
        build_html(root, plan, force=args.force, with_code=args.with_code, ahead=ahead.take())
    print(f"done in {time.perf_counter() - start:.1f} s", flush=True)
    return 0


def cmd_pdf(root: Path, args: argparse.Namespace) -> int:
    """``report pdf``: execute the stale pages, then build the PDF book."""
    from report.pdf import build_pdf

    start = time.perf_counter()
    plan = load_plan(root)
    with build_lock(root):
        clean_stale(root)
        results = execute_pages(root, plan.pages, jobs=args.jobs)
        if _summary(results, start):
            return 1
        try:
            rendered = add_static_renderings(root, plan.pages)
        except RuntimeError as exc:
            raise BuildError(str(exc)) from None
        if rendered:
            print(f"{rendered} chart(s) rendered for print", flush=True)
        build_pdf(root, plan)
    return 0


def cmd_brief(root: Path, args: argparse.Namespace) -> int:
    """``report brief``: the two-page brief of the key findings (``_build/pdf/brief.pdf``)."""
    from report.brief import build_brief

    with build_lock(root):
        build_brief(root)
    return 0


def cmd_list(root: Path, args: argparse.Namespace) -> int:
    """``report list``: every page in reading order, its cache state and parameters."""
    plan = load_plan(root)
    inputs = Inputs(root)
    executed = {p.name: p for p in plan.pages}
    written = {w.name: w for w in plan.written}
    width = max(len(name) for name in plan.order)
    for name in plan.order:  # reading order
        if name in written:
            w = written[name]
            print(f"{name:<{width}}  {'written':<7}  {w.writer} -> {w.output}  (by the build)")
            continue
        p = executed[name]
        state = (
            "fresh"
            if is_fresh(root, p, page_stamp(inputs, p.template, p.parameters))
            else ("stale" if (root / p.output).is_file() else "missing")
        )
        params = ", ".join(f"{k}={v!r}" for k, v in p.parameters.items())
        print(f"{name:<{width}}  {state:<7}  {p.template.name} -> {p.output}  [{params}]")
    return 0


def cmd_clean(root: Path, args: argparse.Namespace) -> int:
    """``report clean``: remove executed pages, the generated table of contents and builds."""
    with build_lock(root):
        for path in (
            root / "pages",
            root / "_build" / "html",
            root / "_build" / "pdf",
            root / "_build" / "failed",
            root / "_build" / "work",
            root / "_build" / "sphinx",
            root / "_build" / "charts",
            root / "_build" / "templates",
        ):
            shutil.rmtree(path, ignore_errors=True)
        for kept in ("factbase.pickle", "factbase.key"):
            (root / "_build" / kept).unlink(missing_ok=True)
        (root / TOC).unlink(missing_ok=True)  # generated from the plan by every build
        clean_stale(root)
    print("removed executed pages, the generated table of contents and built books")
    return 0


#: Subcommands that grow or shrink the corpus; ``lib.data.intake`` does the work (the build
#: imports no analysis code, so it runs as its own process).
INTAKE = ("add-source", "accept", "remove-source")


def cmd_intake(root: Path, argv: list[str]) -> int:
    """``report add-source|accept|remove-source …``: run ``python -m lib.data.intake``."""
    env = {**os.environ, "REPORT_ROOT": str(root)}
    return subprocess.run([sys.executable, "-m", "lib.data.intake", *argv], env=env).returncode


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``report`` command.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's).

    Returns
    -------
    int
        Exit status: 0 on success, 1 when a page failed, 2 when the plan, a parameter or
        the book build is wrong (one message on standard error, no traceback).
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in INTAKE:
        try:
            return cmd_intake(project_root(), argv)
        except FileNotFoundError as exc:
            print(f"report {argv[0]}: error: {exc}", file=sys.stderr)
            return 2
    parser = argparse.ArgumentParser(prog="report", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="execute pages (default: the stale ones) and rebuild the HTML")
    run.add_argument("pages", nargs="*", metavar="PAGE")
    run.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a template parameter of the named pages",
    )
    run.add_argument("--no-html", action="store_true", help="do not rebuild the HTML book")
    run.add_argument(
        "--strict",
        action="store_true",
        help="rebuild the whole HTML book strictly, as `report book` does "
        "(default: only what changed, warnings not fatal)",
    )
    book = sub.add_parser("book", help="execute what is stale and build the HTML book strictly")
    book.add_argument(
        "--strict",
        action="store_true",
        help="the full strict build: every file read afresh, warnings are errors (the default)",
    )
    book.add_argument(
        "--with-code",
        action="store_true",
        help="the edition with each code cell's source behind a toggle (default: the "
        "reader's edition, without code)",
    )
    sub.add_parser("pdf", help="build the PDF book")
    sub.add_parser("brief", help="build the two-page brief of the key findings")
    sub.add_parser("list", help="pages, parameters and cache state")
    sub.add_parser("clean", help="remove executed pages and built books")
    for name, helptext in (
        ("add-source", "add a raw text to the corpus and write its review sheet"),
        ("accept", "merge the accepted rows of a reviewed sheet"),
        ("remove-source", "remove a source and everything resting on it"),
    ):
        sub.add_parser(name, help=helptext, add_help=False)
    for p in sub.choices.values():
        p.add_argument(
            "-j", "--jobs", type=int, default=None, help="parallel pages (default: cores)"
        )
        p.add_argument("--force", action="store_true", help="ignore the cache")
    args = parser.parse_args(argv)
    try:
        root = project_root()
    except FileNotFoundError as exc:
        print(f"report {args.command}: error: {exc}", file=sys.stderr)
        return 2
    try:
        return {
            "run": cmd_run,
            "book": cmd_book,
            "pdf": cmd_pdf,
            "brief": cmd_brief,
            "list": cmd_list,
            "clean": cmd_clean,
        }[args.command](root, args)
    except (PlanError, BuildError) as exc:
        print(f"report {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
