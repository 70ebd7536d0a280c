"""The API reference: every module of ``lib`` (and of the build), grouped by layer.

The build writes the reference page (:func:`write_api_page`) before Sphinx runs: one section
per layer of ``lib`` (its subpackages, bottom layer first), then the loose modules, then the
build's own package; each module documented by Sphinx's ``automodule``. A module added to a
layer appears without any edit.
"""

from __future__ import annotations

import ast
from pathlib import Path

from report.files import write_if_changed

__all__ = ["LAYERS", "api_groups", "api_rst", "lib_modules", "write_api_page"]

#: The layers of ``lib``, bottom first: a layer imports only the layers before it (the
#: import-linter contract of ``pyproject.toml`` says the same).
LAYERS = ("text", "data", "analysis", "present", "chapters")
#: Section of the modules directly in ``lib`` and of the build.
LOOSE, BUILD = "lib", "report"


def lib_modules(root: str | Path | None = None, package: str = "lib") -> list[str]:
    """Every module of a package folder, found on disk and read, not imported.

    Packages' ``__init__`` and ``_private`` modules are left out.

    Parameters
    ----------
    root : str or pathlib.Path, optional
        The package folder; defaults to the project's ``lib/``.
    package : str
        Its dotted name.

    Returns
    -------
    list of str
        Dotted names (``lib.text.quantities`` …), sorted.
    """
    root = Path(root) if root is not None else Path(__file__).resolve().parents[1] / package
    names = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root)
        packaged = all(
            (root / Path(*rel.parts[:i]) / "__init__.py").is_file()
            for i in range(1, len(rel.parts))
        )
        if packaged and not path.name.startswith("_") and "__pycache__" not in rel.parts:
            names.append(".".join((package, *rel.with_suffix("").parts)))
    return sorted(names)


def _summary(init: Path) -> str:
    """First sentence of a package's docstring (read, not imported)."""
    try:
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
    except (OSError, SyntaxError):
        return ""
    first = " ".join(doc.split("\n\n")[0].split())
    return first


def api_groups(
    modules: list[str], root: str | Path | None = None
) -> dict[str, tuple[str, list[str]]]:
    """Partition *modules* into the sections of the reference.

    Parameters
    ----------
    modules : list of str
        Dotted module names.
    root : str or pathlib.Path, optional
        The project root, where the layers' docstrings are read; default this project.

    Returns
    -------
    dict
        Section title → (summary, modules): the layers of :data:`LAYERS` in order, then
        the loose modules of ``lib``, then the build (``report``), then any other package.
        Every module is in exactly one section.
    """
    root = Path(root) if root is not None else Path(__file__).resolve().parents[1]
    out: dict[str, tuple[str, list[str]]] = {}
    placed: set[str] = set()
    for layer in LAYERS:
        mine = [m for m in modules if m.startswith(f"lib.{layer}.")]
        out[f"lib.{layer}"] = (_summary(root / "lib" / layer / "__init__.py"), mine)
        placed |= set(mine)
    loose = [m for m in modules if m.count(".") == 1 and m.startswith("lib.")]
    out["lib"] = ("Modules directly in the package: where the project's files are.", loose)
    placed |= set(loose)
    build = [m for m in modules if m.startswith("report.")]
    out["report"] = (_summary(root / "report" / "__init__.py"), build)
    placed |= set(build)
    rest = sorted(set(modules) - placed)
    if rest:
        out["Other modules"] = ("Modules outside the layers.", rest)
    return out


_INTRO = """\
Generated from the docstrings each time the book is built: every module found in ``lib/`` and
``report/`` is listed, so the reference cannot fall behind the code. ``lib`` is layered: each
layer below imports only the layers listed before it, and nothing imports ``lib.chapters``.
The :doc:`using_lib` page shows the functions at work.

.. only:: latex

   The printed book leaves code out: the reference itself, with its examples, is in the HTML
   book (pages/api_reference.html).
"""


def api_rst(groups: dict[str, tuple[str, list[str]]], title: str = "API reference") -> str:
    """The reference page in reStructuredText: one section per group, ``automodule`` each.

    Each module is documented only in HTML (``.. only:: html``): the printed book, which
    leaves code out, points to the HTML instead.

    Parameters
    ----------
    groups : dict
        Section title → (summary, dotted module names), as :func:`api_groups` returns.
    title : str
        The page title.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If a name is not a dotted module name (nothing else may reach the page).
    """
    lines = [title, "=" * len(title), "", _INTRO]
    for section, (summary, modules) in groups.items():
        heading = f"``{section}``" if section.split(".")[0] in (LOOSE, BUILD) else section
        lines += [heading, "-" * len(heading), ""]
        if summary:
            lines += [summary, ""]
        if not modules:
            lines += ["No module in this section yet.", ""]
        for name in modules:
            if not name.replace(".", "").replace("_", "").isalnum():
                raise ValueError(f"not a module name: {name!r}")
            lines += [
                ".. only:: html",
                "",
                f"   .. rubric:: ``{name}``",
                "",
                f"   .. automodule:: {name}",
                "      :members:",
                "",
            ]
    return "\n".join(lines)


def write_api_page(book_root: str | Path, output: str | Path = "pages/api_reference.rst") -> Path:
    """Write the reference page for the book at *book_root* (only when its text changes).

    The run plan names the page and this writer (``writer: apidoc``).

    Parameters
    ----------
    book_root : str or pathlib.Path
        The project root; its ``lib/`` and ``report/`` are scanned.
    output : str or pathlib.Path
        Where the page goes, relative to the root.

    Returns
    -------
    pathlib.Path
    """
    root = Path(book_root)
    modules = lib_modules(root / "lib", "lib") + lib_modules(root / "report", "report")
    text = api_rst(api_groups(modules, root))
    path = root / output
    write_if_changed(path, text)
    return path
