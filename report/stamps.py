"""Content hashes that decide what is stale (never modification times).

A page's stamp covers exactly what its execution can depend on:

* its template's bytes and its effective parameters;
* the data files (``data/``), ``CITATION.cff`` (the data appendix renders it), the lock
  file and the Python version, shared by every page;
* the library modules its template imports, with everything they import in turn
  (the import graph of ``lib``, from grimp), and the packages that contain them.

The build's own code (``report/``) is in no stamp: changing the build never re-executes a
page. Editing one chapter's module (``lib/chapters/targets.py``) makes stale only the
pages of the templates that import it; editing a module every chapter imports makes stale
every page.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import platform
import re
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

__all__ = ["Inputs", "hash_files", "lib_closure", "page_stamp", "template_imports"]

#: The library's top-level package; only its modules are followed in the import graph.
LIB = "lib"


def hash_files(root: Path, paths: Iterable[Path]) -> str:
    """SHA-256 over the relative names and contents of *paths* (sorted).

    Parameters
    ----------
    root : pathlib.Path
        Names are taken relative to it.
    paths : iterable of pathlib.Path

    Returns
    -------
    str
    """
    h = hashlib.sha256()
    for path in sorted(set(paths)):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(root)).encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


_MAGIC = re.compile(r"^\s*[%!]")


def template_imports(template: Path, cache: Path | None = None) -> set[str]:
    """The ``lib`` modules a template's code cells import (directly).

    ``import lib.a.b`` gives ``lib.a.b``; ``from lib.a import b`` gives ``lib.a`` and
    ``lib.a.b`` (``b`` may be a module or a name in ``lib.a``: both are kept, and names that
    are not modules are dropped later). IPython magics and shell lines are skipped.

    Parameters
    ----------
    template : pathlib.Path
        A MyST Markdown (or ``.ipynb``) template.
    cache : pathlib.Path, optional
        Where templates read before are kept (see :func:`report.notebook.read_template`).

    Returns
    -------
    set of str
    """
    from report.notebook import read_template

    found: set[str] = set()
    for cell in read_template(template, cache).cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(
            "pass" if _MAGIC.match(line) else line for line in cell.source.splitlines()
        )
        try:
            tree = ast.parse(source)
        except SyntaxError:
            # a cell Python cannot parse fails when executed; depend on all of lib meanwhile
            return {LIB + ".*"}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {m for m in found if m == LIB or m.startswith(LIB + ".")}


def lib_closure(graph: Any, modules: Iterable[str]) -> set[str]:
    """*modules* with everything they import from ``lib``, transitively, and their packages.

    Importing ``lib.a.b`` runs ``lib/__init__.py`` and ``lib/a/__init__.py`` first, so a
    module's parent packages (and what they import) are part of the closure.

    Parameters
    ----------
    graph : object
        The import graph of ``lib`` (a grimp ``ImportGraph``).
    modules : iterable of str
        Module names; those not in the graph (names imported from a module) are dropped.

    Returns
    -------
    set of str
    """
    todo = [m for m in modules if m in graph.modules]
    seen: set[str] = set()
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo.extend(graph.find_modules_directly_imported_by(module))
        parent = module.rpartition(".")[0]
        if parent:
            todo.append(parent)
    return seen


class Inputs:
    """What the pages of one build depend on, hashed once per build.

    Attributes
    ----------
    root : pathlib.Path
    digest : str
        One hash of the inputs every page shares: ``data/``, ``requirements.lock``,
        ``CITATION.cff`` and the Python version.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        files = [
            *root.glob("data/**/*"),
            root / "requirements.lock",
            root / "CITATION.cff",
        ]
        self.digest = hashlib.sha256(
            (hash_files(root, files) + platform.python_version()).encode()
        ).hexdigest()
        self._templates: dict[Path, str] = {}

    @cached_property
    def graph(self) -> Any:
        """The import graph of the project's ``lib`` (grimp), or None when the ``lib`` that
        Python would import is not this project's (then every page depends on all of it)."""
        import grimp

        spec = importlib.util.find_spec(LIB)
        origin = Path(spec.origin).resolve().parent if spec and spec.origin else None
        if origin != (self.root / LIB).resolve():
            return None
        return grimp.build_graph(LIB, cache_dir=None)

    @cached_property
    def _lib_files(self) -> dict[str, str]:
        """Hash of each library file, by module name."""
        hashes = {}
        for path in sorted((self.root / LIB).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            module = ".".join(path.relative_to(self.root).with_suffix("").parts)
            module = module.removesuffix(".__init__")
            hashes[module] = hashlib.sha256(path.read_bytes()).hexdigest()
        return hashes

    def modules_of(self, template: Path) -> set[str]:
        """The ``lib`` modules a template's execution imports, transitively.

        Parameters
        ----------
        template : pathlib.Path

        Returns
        -------
        set of str
            Module names (every module of ``lib`` when the graph is unavailable or a code
            cell does not parse).
        """
        from report.notebook import TEMPLATE_CACHE

        imported = template_imports(template, self.root / TEMPLATE_CACHE)
        if self.graph is None or LIB + ".*" in imported:
            return set(self._lib_files)
        return lib_closure(self.graph, imported)

    def data_key(self) -> str:
        """One hash of the shared inputs and of the code that reads and validates the data
        (``lib.data.factbase`` and what it imports): while it holds, data validated once
        stay valid."""
        modules = (
            set(self._lib_files)
            if self.graph is None
            else lib_closure(self.graph, [f"{LIB}.data.factbase"])
        )
        h = hashlib.sha256(self.digest.encode())
        for module in sorted(modules):
            h.update(f"{module}:{self._lib_files.get(module, '-')}\n".encode())
        return h.hexdigest()

    def code_digest(self, template: Path) -> str:
        """One hash of the template's bytes and of the library modules it runs."""
        key = template.resolve()
        if key not in self._templates:
            h = hashlib.sha256(hashlib.sha256(template.read_bytes()).digest())
            for module in sorted(self.modules_of(template)):
                h.update(f"{module}:{self._lib_files.get(module, '-')}\n".encode())
            self._templates[key] = h.hexdigest()
        return self._templates[key]


def page_stamp(inputs: Inputs, template: Path, parameters: dict[str, Any]) -> str:
    """The stamp of one page: shared inputs, its template and the lib modules it runs, and
    its parameters.

    Parameters
    ----------
    inputs : Inputs
    template : pathlib.Path
    parameters : dict
        Effective parameters (JSON-serialisable).

    Returns
    -------
    str
    """
    h = hashlib.sha256(inputs.digest.encode())
    h.update(inputs.code_digest(template).encode())
    h.update(json.dumps(parameters, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()
