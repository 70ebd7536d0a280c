"""Chapter templates: their ``parameters`` cell, title placeholders and cell tags."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import nbformat

__all__ = ["TemplateError", "fill_placeholders", "has_outputs", "parameters_of", "tag_for_reader"]

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


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


def fill_placeholders(nb: nbformat.NotebookNode, params: dict[str, Any]) -> None:
    """Replace ``{{ name }}`` in markdown cells with parameter values (in place).

    Headings that depend on parameters must be real markdown for Sphinx to take them as
    titles, so they are filled before execution rather than printed by code.

    Raises
    ------
    TemplateError
        If a placeholder names no parameter.
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue

        def sub(m: re.Match) -> str:
            if m[1] not in params:
                raise TemplateError(f"placeholder {{{{ {m[1]} }}}} names no parameter; "
                                    f"parameters are {sorted(params)}")
            return str(params[m[1]])

        cell.source = _PLACEHOLDER.sub(sub, cell.source)


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
