"""The API reference: every module of ``lib``, found at build time and documented by autodoc.

The build writes the reference page (:func:`write_api_page`) before Sphinx runs: one
section per group of :func:`api_groups`, each module documented by Sphinx's ``automodule``.
A module added to ``lib`` appears without any edit: modules not named in :data:`GROUPS` fall
into the last group, ``Other modules``.
"""

from __future__ import annotations

import os
import pkgutil
from pathlib import Path

__all__ = ["GROUPS", "OTHER", "api_groups", "api_rst", "lib_modules", "write_api_page"]

#: Sections of the reference and the modules they hold (absent modules are skipped).
GROUPS: dict[str, list[str]] = {
    "Loading the data": ["lib.factbase", "lib.paths", "lib.tables", "lib.schemas", "lib.vocab",
                         "lib.validate", "lib.corpus"],
    "Reading Chinese text and quantities": ["lib.quantity", "lib.numerals", "lib.layout",
                                            "lib.glossary", "lib.terms"],
    "Analysis": ["lib.reconcile", "lib.crosscheck", "lib.targets", "lib.region", "lib.chains",
                 "lib.clusters", "lib.groups", "lib.upgrading", "lib.policy", "lib.overview"],
    "Presentation": ["lib.present", "lib.citations", "lib.charts", "lib.geo", "lib.region_view",
                     "lib.target_view", "lib.dictionary", "lib.apidoc"],
}
#: The section for modules no group names, and every ``lib.build`` module.
OTHER = "Other modules"
_BUILD = "The build (report command)"


def lib_modules(root: str | Path | None = None) -> list[str]:
    """Every module of the ``lib`` package, found on disk (packages' ``__init__`` excluded).

    Parameters
    ----------
    root : str or pathlib.Path, optional
        The ``lib`` folder; defaults to this package's.

    Returns
    -------
    list of str
        Dotted names (``lib.quantity``, ``lib.build.plan`` …), sorted.
    """
    root = Path(root) if root is not None else Path(__file__).resolve().parent
    names = []
    for info in pkgutil.walk_packages([str(root)], prefix="lib."):
        if not info.ispkg and not info.name.rsplit(".", 1)[-1].startswith("_"):
            names.append(info.name)
    return sorted(names)


def api_groups(modules: list[str]) -> dict[str, list[str]]:
    """Partition *modules* into the sections of the reference.

    Parameters
    ----------
    modules : list of str
        Dotted module names (:func:`lib_modules`).

    Returns
    -------
    dict
        Section title → modules, in the order of :data:`GROUPS`, then the build's
        modules, then :data:`OTHER` (modules no group names). Every module is in exactly
        one section; a section may be empty.
    """
    present = set(modules)
    out = {title: [m for m in names if m in present] for title, names in GROUPS.items()}
    out[_BUILD] = sorted(m for m in modules if m.startswith("lib.build."))
    placed = {m for names in out.values() for m in names}
    out[OTHER] = sorted(present - placed)
    return out


_INTRO = """\
Generated from the docstrings of the ``lib`` package each time the book is built: every module
found in ``lib/`` is listed, so the reference cannot fall behind the code. The
:doc:`using_lib` page shows the functions at work.

.. only:: latex

   The printed book leaves code out: the reference itself, with its examples, is in the HTML
   book (pages/api_reference.html).
"""


def api_rst(groups: dict[str, list[str]], title: str = "API reference") -> str:
    """The reference page in reStructuredText: one section per group, ``automodule`` each.

    The page is reStructuredText rather than an executed notebook because autodoc's output
    parses several times faster natively than through MyST (it was most of the HTML build's
    time). Each module is documented only in HTML (``.. only:: html``): the printed book,
    which leaves code out, points to the HTML instead.

    Parameters
    ----------
    groups : dict
        Section title → dotted module names (:func:`api_groups`); empty sections say so.
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
    for section, modules in groups.items():
        lines += [section, "-" * len(section), ""]
        if not modules:
            lines += ["No module in this section yet.", ""]
        for name in modules:
            if not name.replace(".", "").replace("_", "").isalnum():
                raise ValueError(f"not a module name: {name!r}")
            lines += [".. only:: html", "", f"   .. rubric:: ``{name}``", "",
                      f"   .. automodule:: {name}", "      :members:", ""]
    return "\n".join(lines)


def write_api_page(book_root: str | Path, output: str = "pages/api_reference.rst") -> Path:
    """Write the reference page for the book at *book_root* (only when its text changes).

    Parameters
    ----------
    book_root : str or pathlib.Path
        The project root; its ``lib/`` is scanned.
    output : str
        Where the page goes, relative to the root (listed in ``_toc.yml``).

    Returns
    -------
    pathlib.Path
    """
    root = Path(book_root)
    text = api_rst(api_groups(lib_modules(root / "lib")))
    path = root / output
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    return path
