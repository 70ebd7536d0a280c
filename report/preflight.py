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
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lib.paths import FACTBASE_ENV
from report.plan import Page, PlanError

__all__ = ["Checks", "PreflightError", "checks_of", "preflight"]

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


def checks_of(template: Path, parameters: Sequence[str]) -> Checks:
    """The parameter checks a template declares (see the module's description).

    Parameters
    ----------
    template : pathlib.Path
    parameters : sequence of str
        The template's parameter names.

    Returns
    -------
    Checks
    """
    from report.notebook import read_template

    imports: list[str] = []
    factbase: list[str] = []
    statements: list[str] = []
    bound = set(parameters)
    for cell in read_template(template).cells:
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


# Runs in a subprocess with the project's lib: validate once, keep, check each page.
_SCRIPT = r"""
import json, pickle, sys
from lib.data.factbase import load_factbase
from lib.data.reader import DataValidationError

job = json.load(sys.stdin)
try:
    fb = load_factbase()
except DataValidationError as exc:
    print(json.dumps({"data": str(exc)}))
    sys.exit(0)
if job["keep"]:
    with open(job["keep"] + ".tmp", "wb") as fh:
        pickle.dump(fb, fh, protocol=pickle.HIGHEST_PROTOCOL)
    import os
    os.replace(job["keep"] + ".tmp", job["keep"])
errors = []
for page in job["pages"]:
    space = dict(page["parameters"])
    space.update({name: fb for name in page["factbase"]})
    statement = page["imports"]
    try:
        exec(page["imports"], space)
        for statement in page["statements"]:
            exec(statement, space)
    except Exception as exc:
        errors.append([page["name"], statement, f"{type(exc).__name__}: {exc}"])
print(json.dumps({"pages": errors}))
"""


def preflight(root: Path, pages: Sequence[Page], key: str = "", keep: bool = True) -> dict:
    """Validate the data once and check *pages*' parameters, in one subprocess.

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

    Returns
    -------
    dict
        Environment variables for the pages (the kept fact base), and ``seconds`` taken.

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
            checks[page.template] = checks_of(page.template, list(page.defaults))
    job = {
        "keep": str(kept) if keep else "",
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
    proc = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
    )
    try:
        answer = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise PreflightError(
            "could not check the data before running the pages:\n" + proc.stderr.strip()
        ) from None
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
    if kept.is_file():
        out[FACTBASE_ENV] = str(kept)
        if keep and key:
            key_file.write_text(key, encoding="utf-8")
    return out
