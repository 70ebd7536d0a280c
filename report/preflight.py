"""Fail fast: check the data and the pages' parameters once, before any page runs.

Before the stale pages are executed, one Python process (a subprocess: the build imports
no analysis code) loads and validates the fact base once. A bad data row is then one list
of problems, printed once, and no page is started; the last good book is untouched.

The same process checks each stale page's parameters against the bounds its template
declares. A template declares them by calling ``check_…`` functions in its code cells
(``check_horizon(horizon_year, fb)``: the horizon year must come after the corpus's
latest period): every top-level statement that calls a function named ``check_…`` on
nothing but the template's parameters, the fact base and literals is run here first,
with the template's imports, so a value the template would reject is rejected before
any kernel starts.

The validated fact base is kept (pickled under ``_build/``) and its path given to the
pages in :data:`lib.paths.FACTBASE_ENV`, so no page validates the data again:
:func:`lib.data.factbase.load_factbase` returns the validated copy. The next build
validates again only when the data or the code that reads them changed.
"""

from __future__ import annotations

import ast
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lib.paths import FACTBASE_ENV
from report.kernels import SERVER_ENV
from report.notebook import TEMPLATE_CACHE
from report.plan import Page, PlanError

__all__ = ["Checks", "PreflightError", "checks_of", "preflight", "stop_server"]

#: Where the validated fact base is kept, relative to the book root.
VALIDATED = Path("_build") / "factbase.pickle"


class PreflightError(PlanError):
    """The data or a page's parameters are wrong; nothing was executed."""


@dataclass(frozen=True)
class Checks:
    """What a template declares about its parameters.

    Attributes
    ----------
    imports : str
        The template's import statements (Python source).
    factbase : tuple of str
        Names the template binds to ``load_factbase()``.
    statements : tuple of str
        The ``check_…`` statements, in template order (Python source).
    """

    imports: str
    factbase: tuple[str, ...]
    statements: tuple[str, ...]


def _called(node: ast.AST) -> str:
    func = node.func if isinstance(node, ast.Call) else None
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def checks_of(template: Path, parameters: Sequence[str], cache: Path | None = None) -> Checks:
    """The parameter checks a template declares (see the module's description).

    Parameters
    ----------
    template : pathlib.Path
    parameters : sequence of str
        The template's parameter names.
    cache : pathlib.Path, optional
        Where templates read before are kept (see :func:`report.notebook.read_template`).

    Returns
    -------
    Checks
    """
    from report.notebook import read_template

    imports: list[str] = []
    factbase: list[str] = []
    statements: list[str] = []
    bound = set(parameters)
    for cell in read_template(template, cache).cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                imports.append(ast.unparse(node))
                bound.update((a.asname or a.name).split(".")[0] for a in node.names)
            elif (
                isinstance(node, ast.Assign)
                and _called(node.value) == "load_factbase"
                and not node.value.args
                and all(isinstance(t, ast.Name) for t in node.targets)
            ):
                factbase.extend(t.id for t in node.targets)
                bound.update(t.id for t in node.targets)
        for node in tree.body:
            call = node.value if isinstance(node, ast.Expr | ast.Assign) else None
            if not _called(call).startswith("check_"):
                continue
            names = {n.id for n in ast.walk(call) if isinstance(n, ast.Name)}
            if names <= bound and (
                isinstance(node, ast.Expr) or all(isinstance(t, ast.Name) for t in node.targets)
            ):
                statements.append(ast.unparse(node))
                if isinstance(node, ast.Assign):
                    bound.update(t.id for t in node.targets)
    return Checks("\n".join(imports), tuple(factbase), tuple(statements))


def preflight(
    root: Path, pages: Sequence[Page], key: str = "", keep: bool = True, serve: bool = False
) -> dict:
    """Validate the data once and check *pages*' parameters, in one subprocess.

    That subprocess is the kernel server (:mod:`report.kernel_server`): it imports what the
    pages' templates import before checking, and with *serve* it stays, forking a warm
    kernel for each page, until :func:`stop_server` closes it.

    Parameters
    ----------
    root : pathlib.Path
        The book root.
    pages : sequence of Page
        The pages about to run.
    key : str
        Hash of the data and of the code that validates them
        (:meth:`report.stamps.Inputs.data_key`): when the kept fact base was validated under
        the same key, the data are not validated again.
    keep : bool
        Keep the validated fact base for the pages.
    serve : bool
        Keep the server running, to fork the pages' kernels.

    Returns
    -------
    dict
        Environment variables for the pages (the kept fact base; with *serve*, the server's
        socket in :data:`report.kernels.SERVER_ENV`), ``seconds`` taken and, with *serve*,
        ``server``: the server process, for :func:`stop_server`.

    Raises
    ------
    PreflightError
        Listing every data problem, or every page whose parameters its template rejects.
    """
    start = time.perf_counter()
    kept = root / VALIDATED
    key_file = kept.with_suffix(".key")
    env = {**os.environ, "REPORT_ROOT": str(root)}
    env.pop(FACTBASE_ENV, None)
    if (
        key
        and kept.is_file()
        and key_file.is_file()
        and key_file.read_text(encoding="utf-8") == key
    ):
        env[FACTBASE_ENV] = str(kept)  # validated under this key: read, not validated again
        keep = False
    else:
        key_file.unlink(missing_ok=True)
        kept.unlink(missing_ok=True)  # written anew by the code and data of this build
        if keep:
            kept.parent.mkdir(parents=True, exist_ok=True)
    checks = {}
    for page in pages:
        if page.template not in checks:
            checks[page.template] = checks_of(
                page.template, list(page.defaults), root / TEMPLATE_CACHE
            )
    imports = sorted({checks[p.template].imports for p in pages})
    folder = tempfile.mkdtemp(prefix="report-kernels-") if serve else ""
    job = {
        "keep": str(kept) if keep else "",
        "serve": serve,
        "socket": os.path.join(folder, "server.sock") if serve else "",
        "imports": imports,
        "pages": [
            {
                "name": p.name,
                "parameters": p.parameters,
                "imports": checks[p.template].imports,
                "factbase": list(checks[p.template].factbase),
                "statements": list(checks[p.template].statements),
            }
            for p in pages
        ],
    }
    # what the server prints besides its answer: the build's own error stream when it serves,
    # else kept aside and shown only if the check itself fails (a pipe could fill up)
    errors = None if serve else tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "report.kernel_server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
        cwd=root,
        env=env,
    )
    proc.socket_folder = folder  # type: ignore[attr-defined]  # removed by stop_server
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps(job) + "\n")
    proc.stdin.flush()
    line = proc.stdout.readline()
    try:
        answer = json.loads(line)
    except ValueError:
        stop_server(proc)
        text = line
        if errors is not None:
            errors.seek(0)
            text = errors.read() or line
        raise PreflightError(
            "could not check the data before running the pages:\n" + text.strip()
        ) from None
    finally:
        if errors is not None:
            errors.close()
    failed = "data" in answer or "error" in answer or answer["pages"]
    if failed or not serve:
        stop_server(proc)
    if "error" in answer:
        raise PreflightError(
            "could not check the data before running the pages:\n" + answer["error"].strip()
        )
    if "data" in answer:
        raise PreflightError(
            f"the data are invalid; no page was run and the last good book is unchanged.\n"
            f"{answer['data']}"
        )
    if answer["pages"]:
        raise PreflightError(
            "parameters the templates reject; no page was run:\n"
            + "\n".join(
                f"  - page {name!r}: {statement}: {error}"
                for name, statement, error in answer["pages"]
            )
        )
    out: dict = {"seconds": time.perf_counter() - start}
    if serve:
        out[SERVER_ENV] = answer["socket"]
        out["server"] = proc
    if kept.is_file():
        out[FACTBASE_ENV] = str(kept)
        if keep and key:
            key_file.write_text(key, encoding="utf-8")
    return out


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the kernel server (it kills any kernel still running) and remove its socket.

    Parameters
    ----------
    proc : subprocess.Popen
        The server process started by :func:`preflight`.
    """
    if proc.stdin is not None:
        with contextlib.suppress(OSError):
            proc.stdin.close()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()
    folder = getattr(proc, "socket_folder", "")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
