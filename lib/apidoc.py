"""The API reference: every module of ``lib``, found at build time and documented by autodoc.

The reference page calls :func:`api_groups` and renders each group with
:func:`api_markdown`, whose ``{eval-rst}`` blocks run Sphinx's ``automodule`` on the
docstrings. A module added to ``lib`` appears without any edit: modules not named in
:data:`GROUPS` fall into the last group, ``Other modules``.
"""

from __future__ import annotations

import pkgutil
from pathlib import Path

__all__ = ["GROUPS", "OTHER", "api_groups", "api_markdown", "lib_modules"]

#: Sections of the reference and the modules they hold (absent modules are skipped).
GROUPS: dict[str, list[str]] = {
    "Loading the data": ["lib.factbase", "lib.paths", "lib.tables", "lib.schemas", "lib.vocab",
                         "lib.validate", "lib.corpus"],
    "Reading Chinese text and quantities": ["lib.quantity", "lib.numerals", "lib.layout",
                                            "lib.glossary", "lib.terms"],
    "Analysis": ["lib.reconcile", "lib.crosscheck", "lib.targets", "lib.chains", "lib.clusters",
                 "lib.upgrading", "lib.policy", "lib.overview"],
    "Presentation": ["lib.present", "lib.charts", "lib.geo", "lib.dictionary", "lib.apidoc"],
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


def api_markdown(modules: list[str]) -> str:
    """MyST Markdown documenting *modules* with Sphinx ``automodule``.

    Parameters
    ----------
    modules : list of str
        Dotted module names.

    Returns
    -------
    str
        One ``{eval-rst}`` block per module: a rubric with the module's name, then its
        docstring and its public members (those in ``__all__``); all inside an ``{only}
        html`` block (the printed book points to the HTML instead).
    """
    blocks = []
    for name in modules:
        if not name.replace(".", "").replace("_", "").isalnum():
            raise ValueError(f"not a module name: {name!r}")
        blocks.append("```{eval-rst}\n"
                      f".. rubric:: ``{name}``\n\n"
                      f".. automodule:: {name}\n"
                      "   :members:\n"
                      "```")
    # the reference is for the screen: the printed book, which leaves code out, does not
    # reproduce the docstrings' code examples
    return "````{only} html\n" + "\n\n".join(blocks) + "\n````" if blocks else ""
