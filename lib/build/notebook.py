"""Chapter templates: their ``parameters`` cell, title placeholders and cell tags."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import nbformat

__all__ = ["TemplateError", "fill_placeholders", "has_outputs", "parameters_of", "tag_for_reader"]

_PLACEHOLDER = re.compile(
    r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|\s*([A-Za-z_][A-Za-z0-9_]*)\s*)?\}\}")


def _place(code: Any) -> str:
    """``360734`` → ``寻乌县 Xunwu County`` (an unknown code lists the known ones)."""
    from lib.factbase import load_factbase
    from lib.region import check_region

    return check_region(load_factbase(), str(code))


def _places(codes: Any) -> str:
    """A list of codes → their labels, joined by commas."""
    return ", ".join(_place(c) for c in codes)


#: Filters a placeholder may apply to a parameter's value: ``{{ region | place }}``.
FILTERS = {"place": _place, "places": _places}


class TemplateError(ValueError):
    """A chapter template is malformed (names the template)."""


def parameters_of(path: str | Path) -> dict[str, Any]:
    """Read the defaults declared in a template's ``parameters`` cell.

    Parameters
    ----------
    path : str or pathlib.Path
        The template notebook; at most one code cell carries the tag ``parameters`` and
        holds plain assignments of literals (``region_code = "360734"``).

    Returns
    -------
    dict
        Parameter name → default value.

    Raises
    ------
    TemplateError
        If there are several ``parameters`` cells, or a statement that is not an
        assignment of a literal. A template without one has no parameters.
    """
    nb = nbformat.read(str(path), as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        return {}
    if len(cells) > 1:
        raise TemplateError(f"{path}: expected one cell tagged 'parameters', found {len(cells)}")
    params: dict[str, Any] = {}
    for node in ast.parse(cells[0].source).body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else \
            node.target if isinstance(node, ast.AnnAssign) else None
        if not isinstance(target, ast.Name) or node.value is None:
            raise TemplateError(f"{path}: the parameters cell may only assign literals to names "
                                f"(line {node.lineno})")
        try:
            params[target.id] = ast.literal_eval(node.value)
        except ValueError:
            raise TemplateError(f"{path}: parameter {target.id!r} must be a literal "
                                f"(line {node.lineno})") from None
    return params


def fill_placeholders(nb: nbformat.NotebookNode, params: dict[str, Any],
                      page: str | None = None) -> None:
    """Replace ``{{ name }}`` in markdown cells with parameter values (in place).

    Headings that depend on parameters must be real markdown for Sphinx to take them as
    titles, so they are filled before execution rather than printed by code. Figure names
    and captions in code cells' ``mystnb.figure`` metadata are filled too, so one template
    can give each of its pages figure labels of its own: ``{{ page }}`` is the name of the
    page being built (``fig-growth-{{ page }}``), unless a parameter is called ``page``.
    ``{{ name | filter }}`` passes the value through one of ``FILTERS`` first
    (``place``: a region code's Chinese and English name).

    Raises
    ------
    TemplateError
        If a placeholder names no parameter or no filter.
    ValueError
        If a filter rejects the value (an unknown region code lists the known ones).
    """
    if page is not None and "page" not in params:
        params = {**params, "page": page}

    def sub(m: re.Match) -> str:
        if m[1] not in params:
            raise TemplateError(f"placeholder {{{{ {m[1]} }}}} names no parameter; "
                                f"parameters are {sorted(params)}")
        if m[2] is None:
            return str(params[m[1]])
        if m[2] not in FILTERS:
            raise TemplateError(f"placeholder filter {m[2]!r} is unknown; filters are "
                                f"{sorted(FILTERS)}")
        return FILTERS[m[2]](params[m[1]])

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _PLACEHOLDER.sub(sub, cell.source)
            continue
        figure = cell.metadata.get("mystnb", {}).get("figure", {})
        for key in ("name", "caption"):
            if isinstance(figure.get(key), str):
                figure[key] = _PLACEHOLDER.sub(sub, figure[key])


def tag_for_reader(nb: nbformat.NotebookNode) -> None:
    """Tag cells for the reader (in place).

    The ``parameters`` and injected-parameters cells are removed from the page; every
    other code cell's input is hidden behind a toggle (``hide-input``) unless the template
    already says how to show it.
    """
    shown = {"remove-cell", "remove-input", "hide-input", "hide-cell", "show-input"}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.setdefault("tags", [])
        if {"parameters", "injected-parameters"} & set(tags):
            if "remove-cell" not in tags:
                tags.append("remove-cell")
        elif not shown & set(tags):
            tags.append("hide-input")


def has_outputs(path: str | Path) -> bool:
    """Whether any code cell of the notebook has outputs or an execution count."""
    nb = nbformat.read(str(path), as_version=4)
    return any(c.get("outputs") or c.get("execution_count") for c in nb.cells if c.cell_type == "code")
