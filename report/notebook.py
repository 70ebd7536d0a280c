"""Chapter templates: their ``parameters`` cell, title placeholders and cell tags."""

from __future__ import annotations

import ast
import contextlib
import functools
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import nbformat

from report.files import write_atomic

__all__ = [
    "TemplateError",
    "fill_from_glue",
    "fill_placeholders",
    "glued_text",
    "has_outputs",
    "parameters_of",
    "read_template",
    "tag_for_reader",
]

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


#: Where templates read as notebooks are kept, relative to the book root (see read_template).
TEMPLATE_CACHE = Path("_build") / "templates"


#: Bumped when :func:`read_template` changes what it makes of a template (the cache's key).
_CACHE_FORMAT = 1


@functools.cache
def _reader_version() -> str:
    """The versions of what reads a template (part of the cache's key)."""
    from importlib.metadata import version

    return f"jupytext {version('jupytext')}, nbformat {nbformat.__version__}"


class TemplateError(ValueError):
    """A chapter template is malformed (names the template)."""


def read_template(path: str | Path, cache: Path | None = None) -> nbformat.NotebookNode:
    """Read a chapter template: a MyST Markdown notebook (``.md``, jupytext) or an ``.ipynb``.

    Templates are stored as MyST Markdown so that a review reads them as text; papermill
    needs the notebook's language, which jupytext leaves unset, so it is set here.

    Parameters
    ----------
    path : str or pathlib.Path
    cache : pathlib.Path, optional
        A folder keeping each template read before as a notebook, by a hash of its bytes
        (``_build/templates`` under the book root): reading it back skips jupytext, most
        of the time a build spends before its first page runs.

    Raises
    ------
    TemplateError
        If the file cannot be read as a notebook.
    """
    path = Path(path)
    if cache is not None:
        key = hashlib.sha256(path.read_bytes())
        key.update(f"{path.suffix}:{_reader_version()}:{_CACHE_FORMAT}".encode())
        kept = cache / f"{key.hexdigest()}.ipynb"
        try:
            return nbformat.from_dict(json.loads(kept.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            nb = read_template(path)
            with contextlib.suppress(OSError):  # a cache that cannot be written is no cache
                write_atomic(kept, json.dumps(nb))
            return nb
    try:
        if path.suffix == ".md":
            import jupytext

            nb = jupytext.read(path, fmt="md:myst")
        else:
            nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # jupytext and nbformat raise many kinds
        raise TemplateError(f"{path}: not a readable notebook: {exc}") from None
    nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3"})
    nb.metadata.kernelspec["language"] = "python"
    nb.metadata.setdefault("language_info", {"name": "python"})
    nb.metadata.pop("jupytext", None)
    return nb


def parameters_of(path: str | Path, cache: Path | None = None) -> dict[str, Any]:
    """Read the defaults declared in a template's ``parameters`` cell.

    Parameters
    ----------
    path : str or pathlib.Path
        The template notebook; at most one code cell carries the tag ``parameters`` and
        holds plain assignments of literals (``region_code = "360734"``).
    cache : pathlib.Path, optional
        Where templates read before are kept (see :func:`read_template`).

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
    return _parameters_of(path, read_template(path, cache))


def _parameters_of(path: str | Path, nb: nbformat.NotebookNode) -> dict[str, Any]:
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        return {}
    if len(cells) > 1:
        raise TemplateError(f"{path}: expected one cell tagged 'parameters', found {len(cells)}")
    params: dict[str, Any] = {}
    for node in ast.parse(cells[0].source).body:
        target = (
            node.targets[0]
            if isinstance(node, ast.Assign) and len(node.targets) == 1
            else node.target
            if isinstance(node, ast.AnnAssign)
            else None
        )
        if not isinstance(target, ast.Name) or node.value is None:
            raise TemplateError(
                f"{path}: the parameters cell may only assign literals to names "
                f"(line {node.lineno})"
            )
        try:
            params[target.id] = ast.literal_eval(node.value)
        except ValueError:
            raise TemplateError(
                f"{path}: parameter {target.id!r} must be a literal (line {node.lineno})"
            ) from None
    return params


def fill_placeholders(
    nb: nbformat.NotebookNode, params: dict[str, Any], page: str | None = None
) -> None:
    """Replace ``{{ name }}`` by the value of parameter *name* (in place), before execution.

    Headings that depend on parameters must be real markdown for Sphinx to take them as
    titles, so they are filled before execution rather than printed by code. Figure names
    and captions in code cells' ``mystnb.figure`` metadata are filled too, so one template
    can give each of its pages figure labels of its own: ``{{ page }}`` is the name of the
    page being built (``fig-growth-{{ page }}``), unless a parameter is called ``page``.
    Placeholders naming no parameter are left for :func:`fill_from_glue`, which fills them
    from the values the executed page glues (a region page's title is its place's name,
    which only the page's own code knows).
    """
    if page is not None and "page" not in params:
        params = {**params, "page": page}

    def sub(m: re.Match) -> str:
        return str(params[m[1]]) if m[1] in params else m[0]

    _substitute(nb, sub)


def _substitute(nb: nbformat.NotebookNode, sub) -> None:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _PLACEHOLDER.sub(sub, cell.source)
            continue
        figure = cell.metadata.get("mystnb", {}).get("figure", {})
        for key in ("name", "caption"):
            if isinstance(figure.get(key), str):
                figure[key] = _PLACEHOLDER.sub(sub, figure[key])


def glued_text(nb: nbformat.NotebookNode) -> dict[str, str]:
    """The values an executed notebook glued (myst-nb ``glue``), as plain text, by name."""
    out = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("scrapbook", {})
            name = meta.get("name")
            # glue(..., display=False) stores the value under a prefixed MIME type
            text = output.get("data", {}).get(meta.get("mime_prefix", "") + "text/plain")
            if name and text is not None:
                text = "".join(text) if isinstance(text, list) else text
                try:
                    value = ast.literal_eval(text)
                    out[name] = value if isinstance(value, str) else text
                except (ValueError, SyntaxError):
                    out[name] = text
    return out


def fill_from_glue(nb: nbformat.NotebookNode) -> None:
    """Replace the placeholders left after execution by the values the page glued (in place).

    Raises
    ------
    TemplateError
        Naming every placeholder that is neither a parameter nor a glued value.
    """
    values = glued_text(nb)
    unknown: list[str] = []

    def sub(m: re.Match) -> str:
        if m[1] in values:
            return values[m[1]]
        unknown.append(m[1])
        return m[0]

    _substitute(nb, sub)
    if unknown:
        raise TemplateError(
            f"placeholder(s) {sorted(set(unknown))} name no parameter and no "
            f"value the page glues; glued: {sorted(values)}"
        )


#: Output types that are text, not a picture (and glued values, which show nothing).
_TEXT_MIME = ("text/plain", "text/markdown", "application/papermill.record/")


def _draws(cell: nbformat.NotebookNode) -> bool:
    """Whether an executed code cell shows anything but text (a chart, a map, an image)."""
    return any(
        not mime.startswith(_TEXT_MIME)
        for output in cell.get("outputs", [])
        for mime in output.get("data", {})
    )


def tag_for_reader(nb: nbformat.NotebookNode) -> None:
    """Tag cells for the reader (in place).

    The ``parameters`` and injected-parameters cells are removed from the page; every
    other code cell's input is hidden behind a toggle (``hide-input``) unless the template
    already says how to show it. A figure cell (``mystnb.figure`` metadata) that drew no
    figure, showing instead the sentence that there is nothing to draw, loses its figure
    metadata: the sentence is not captioned and numbered as a figure.
    """
    shown = {"remove-cell", "remove-input", "hide-input", "hide-cell", "show-input"}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if "figure" in cell.metadata.get("mystnb", {}) and not _draws(cell):
            del cell.metadata.mystnb["figure"]
        tags = cell.metadata.setdefault("tags", [])
        if {"parameters", "injected-parameters"} & set(tags):
            if "remove-cell" not in tags:
                tags.append("remove-cell")
        elif not shown & set(tags):
            tags.append("hide-input")


def has_outputs(path: str | Path) -> bool:
    """Whether any code cell of the notebook has outputs or an execution count."""
    nb = nbformat.read(str(path), as_version=4)
    return any(
        c.get("outputs") or c.get("execution_count") for c in nb.cells if c.cell_type == "code"
    )
