"""The run plan: which page runs which template with which parameters.

``chapters/plan.yml``::

    pages:
      overview:                       # page name (used on the command line)
        template: overview.ipynb      # under chapters/
        output: pages/overview.ipynb  # under the book root; listed in _toc.yml
        parameters: {min_facts: 3}    # overrides of the template's defaults

Before anything runs, :func:`load_plan` checks the plan against the templates and the
table of contents; every error names the page, template or parameter at fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from report.notebook import TemplateError, parameters_of

__all__ = ["Page", "PlanError", "coerce", "load_plan", "toc_files"]


class PlanError(ValueError):
    """The run plan, a parameter override or the table of contents is wrong."""


@dataclass(frozen=True)
class Page:
    """One executed page of the book.

    Attributes
    ----------
    name : str
        Page name.
    template : pathlib.Path
        Template notebook.
    output : pathlib.Path
        Executed notebook (relative to the book root).
    parameters : dict
        Effective parameters: the template's defaults updated by the plan and overrides.
    defaults : dict
        The template's declared defaults.
    """

    name: str
    template: Path
    output: Path
    parameters: dict[str, Any] = field(hash=False)
    defaults: dict[str, Any] = field(hash=False)


def toc_files(toc_path: Path) -> set[str]:
    """Every ``file:`` entry of a Jupyter Book ``_toc.yml`` (without suffix)."""
    def walk(node: Any):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("file", "root") and isinstance(value, str):
                    yield str(Path(value).with_suffix(""))
                else:
                    yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    return set(walk(yaml.safe_load(toc_path.read_text(encoding="utf-8"))))


def coerce(name: str, text: str, default: Any) -> Any:
    """Parse a command-line value for parameter *name* to the type of its default.

    Parameters
    ----------
    name : str
    text : str
        The value as typed (``2030``, ``0.05``, ``true``, ``[360734, 360702]``).
    default : object
        The template's default, whose type the value must have.

    Returns
    -------
    object

    Raises
    ------
    PlanError
        If the value does not parse as that type.
    """
    kind = type(default)
    try:
        if isinstance(default, bool):
            low = text.strip().lower()
            if low not in ("true", "false", "yes", "no", "1", "0"):
                raise ValueError(text)
            return low in ("true", "yes", "1")
        if isinstance(default, int):
            return int(text)
        if isinstance(default, float):
            return float(text)
        if isinstance(default, str):
            return text
        value = yaml.safe_load(text)
        if default is not None and not isinstance(value, kind):
            raise ValueError(text)
        return value
    except ValueError:
        raise PlanError(f"parameter {name!r} expects {kind.__name__} (default {default!r}), "
                        f"got {text!r}") from None


def _check_params(page: str, params: dict[str, Any], defaults: dict[str, Any], where: str) -> None:
    unknown = sorted(set(params) - set(defaults))
    if unknown:
        raise PlanError(f"{where}: page {page!r} sets unknown parameter(s) {unknown}; "
                        f"the template declares {sorted(defaults)}")
    for key, value in params.items():
        default = defaults[key]
        ok = default is None or isinstance(value, type(default)) or \
            (isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool))
        if not ok:
            raise PlanError(f"{where}: page {page!r} parameter {key!r} expects "
                            f"{type(default).__name__} (default {default!r}), got {value!r}")


def load_plan(root: Path, overrides: dict[str, dict[str, str]] | None = None) -> list[Page]:
    """Read and check ``chapters/plan.yml``.

    Parameters
    ----------
    root : pathlib.Path
        The book root.
    overrides : dict, optional
        Page name → {parameter: value as typed}, from ``report run -p``.

    Returns
    -------
    list of Page
        In plan order.

    Raises
    ------
    PlanError
        On an unknown template, a duplicate output, a page missing from ``_toc.yml``, a
        parameter the template does not declare, or an override of the wrong type.
    """
    plan_path = root / "chapters" / "plan.yml"
    where = "chapters/plan.yml"
    data = yaml.safe_load(plan_path.read_text(encoding="utf-8")) or {}
    entries = data.get("pages")
    if not isinstance(entries, dict) or not entries:
        raise PlanError(f"{where}: expected a non-empty mapping 'pages'")
    toc = toc_files(root / "_toc.yml")
    overrides = overrides or {}
    pages, outputs = [], {}
    for name, entry in entries.items():
        if not isinstance(entry, dict) or "template" not in entry or "output" not in entry:
            raise PlanError(f"{where}: page {name!r} needs 'template' and 'output'")
        extra = set(entry) - {"template", "output", "parameters"}
        if extra:
            raise PlanError(f"{where}: page {name!r} has unknown key(s) {sorted(extra)}")
        template = root / "chapters" / entry["template"]
        if not template.is_file():
            raise PlanError(f"{where}: page {name!r} uses unknown template {entry['template']!r} "
                            f"(no file chapters/{entry['template']})")
        output = Path(entry["output"])
        if output.suffix != ".ipynb":
            raise PlanError(f"{where}: page {name!r} output {str(output)!r} must be an .ipynb")
        if str(output) in outputs:
            raise PlanError(f"{where}: pages {outputs[str(output)]!r} and {name!r} write the same "
                            f"output {str(output)!r}")
        outputs[str(output)] = name
        if str(output.with_suffix("")) not in toc:
            raise PlanError(f"{where}: page {name!r} ({output}) is missing from _toc.yml")
        try:
            defaults = parameters_of(template)
        except TemplateError as exc:
            raise PlanError(f"{where}: page {name!r}: {exc}") from None
        params = dict(entry.get("parameters") or {})
        _check_params(name, params, defaults, where)
        for key, text in overrides.get(name, {}).items():
            if key not in defaults:
                raise PlanError(f"unknown parameter {key!r} for page {name!r}; valid parameters: "
                                f"{', '.join(sorted(defaults))}")
            params[key] = coerce(key, text, defaults[key])
        pages.append(Page(name, template, output, {**defaults, **params}, defaults))
    unknown = set(overrides) - set(entries)
    if unknown:
        raise PlanError(f"unknown page(s) {sorted(unknown)}; pages are {list(entries)}")
    return pages
