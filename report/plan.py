"""The run plan: the book's pages, its parts, and how each page is made.

``chapters/plan.yml`` is the one list of the book's pages and of its structure::

    root: intro                         # the first page
    parts:                              # the table of contents, in reading order
      - caption: The corpus
        numbered: true                  # chapters numbered 1, 2 … (default: false)
        pages: [overview]
      - caption: Reference
        pages: [glossary, api_reference]
    pages:                              # how each page is made (any order)
      intro:
        template: intro.md              # executed: a template under chapters/ …
      overview:
        template: overview.md
        parameters: {min_facts: 3}      # … with overrides of the template's defaults
      glossary: {template: glossary.md}
      api_reference:
        writer: apidoc                  # not executed: the build writes it (WRITERS)

A page's name is its file: an executed page becomes ``pages/<name>.ipynb``, a written one
``pages/<name>.rst``; so a page is added by naming it once under ``pages`` and once in a
part. The two lists are kept apart, rather than nesting each page's recipe in its part, so
that ``parts`` reads as the book's table of contents however many pages one template makes.
Jupyter Book's ``_toc.yml`` is generated from them before each build (:mod:`report.toc`).

Before anything runs, :func:`load_plan` reads the plan and checks it against the templates.
Every error is one line that starts with the file, line and column at fault
(``chapters/plan.yml:12:5: …``) and names the page, part or parameter: YAML that does not
parse, a plan of the wrong shape (a missing or unknown key, a value of the wrong kind), a
key given twice, a page name that is not a file name, an unknown template or writer, a
parameter the template does not declare or of the wrong type, a page listed in no part, a
part naming an unknown page, a page listed twice. Overrides from the command line
(``report run PAGE -p KEY=VALUE``) are checked against the same templates.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from report.apidoc import write_api_page
from report.notebook import TEMPLATE_CACHE, TemplateError, parameters_of

__all__ = [
    "PAGES",
    "PLAN",
    "WRITERS",
    "Page",
    "Part",
    "Plan",
    "PlanError",
    "WrittenPage",
    "coerce",
    "load_plan",
]

#: The plan file, relative to the book root.
PLAN = Path("chapters") / "plan.yml"
#: Where pages go, relative to the book root.
PAGES = Path("pages")
#: Writers of the pages the build makes itself, by name; each takes the book root and the
#: page's output path, and returns the path written.
WRITERS: dict[str, Callable[[Path, Path], Path]] = {"apidoc": write_api_page}

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")


class PlanError(ValueError):
    """The run plan or a parameter override is wrong (one line, naming where)."""


@dataclass(frozen=True)
class Page:
    """One executed page of the book.

    Attributes
    ----------
    name : str
        Page name (also its file name).
    template : pathlib.Path
        Template notebook.
    parameters : dict
        Effective parameters: the template's defaults updated by the plan and overrides.
    defaults : dict
        The template's declared defaults.
    """

    name: str
    template: Path
    parameters: dict[str, Any] = field(hash=False)
    defaults: dict[str, Any] = field(hash=False)

    @property
    def output(self) -> Path:
        """The executed notebook ``pages/<name>.ipynb``, relative to the book root."""
        return PAGES / f"{self.name}.ipynb"


@dataclass(frozen=True)
class WrittenPage:
    """A page the build writes itself instead of executing a template.

    Attributes
    ----------
    name : str
        Page name (also its file name).
    writer : str
        Key of :data:`WRITERS`.
    """

    name: str
    writer: str

    @property
    def output(self) -> Path:
        """The written reStructuredText page ``pages/<name>.rst``, relative to the book root."""
        return PAGES / f"{self.name}.rst"


@dataclass(frozen=True)
class Part:
    """A part of the book: a caption over a run of pages.

    Attributes
    ----------
    caption : str
    numbered : bool
        Whether its pages are numbered as chapters.
    pages : tuple of str
        Page names, in reading order.
    """

    caption: str
    numbered: bool
    pages: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """The checked run plan.

    Attributes
    ----------
    root : str
        Name of the book's first page.
    parts : tuple of Part
    pages : tuple of Page
        The executed pages, in reading order.
    written : tuple of WrittenPage
        The pages the build writes, in reading order.
    """

    root: str
    parts: tuple[Part, ...]
    pages: tuple[Page, ...]
    written: tuple[WrittenPage, ...]

    @property
    def order(self) -> tuple[str, ...]:
        """Every page name in reading order (the root, then each part's pages)."""
        return (self.root, *(name for part in self.parts for name in part.pages))


# --- YAML with positions ------------------------------------------------------------------


@dataclass(frozen=True)
class _Node:
    """A YAML value and where it stands.

    ``value`` is a scalar, a list of nodes, or a dict of nodes by key; ``at`` is
    ``file:line:column``; for a mapping, ``keys`` says where each key stands.
    """

    value: Any
    at: str
    keys: dict[Any, str] = field(default_factory=dict)

    def plain(self) -> Any:
        """The value as plain Python (dicts, lists, scalars)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def _at(where: str, mark: yaml.Mark) -> str:
    return f"{where}:{mark.line + 1}:{mark.column + 1}"


def _line(at: str) -> str:
    return at.split(":")[1]


_MERGE = "tag:yaml.org,2002:merge"


def _convert(
    node: yaml.Node,
    ctor: yaml.constructor.SafeConstructor,
    where: str,
    path: tuple[Any, ...],
    seen: dict[int, _Node],
    active: set[int],
) -> _Node:
    """Turn a composed YAML node into a :class:`_Node` tree, refusing keys given twice."""
    if id(node) in seen:  # an alias of a node already converted
        return seen[id(node)]
    at = _at(where, node.start_mark)
    if id(node) in active:
        raise PlanError(f"{at}: an alias refers to the value that contains it")
    active.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first: dict[Any, str] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                continue
            key_at = _at(where, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                raise PlanError(f"{key_at}: a key must be a plain value, not a list or mapping")
            key = ctor.construct_object(key_node)
            if key in first:
                what = f"page {key!r} is defined" if path == ("pages",) else f"key {key!r} appears"
                raise PlanError(f"{key_at}: {what} twice (first at line {_line(first[key])})")
            first[key] = key_at
        ctor.flatten_mapping(node)  # `<<: *anchor` merges; the node's own keys win
        values, keys = {}, {}
        for key_node, value_node in node.value:
            key = ctor.construct_object(key_node)
            values[key] = _convert(value_node, ctor, where, (*path, key), seen, active)
            keys[key] = first.get(key) or _at(where, key_node.start_mark)
        result = _Node(values, at, keys)
    elif isinstance(node, yaml.SequenceNode):
        result = _Node(
            [
                _convert(item, ctor, where, (*path, i), seen, active)
                for i, item in enumerate(node.value)
            ],
            at,
        )
    else:
        result = _Node(ctor.construct_object(node, deep=True), at)
    active.discard(id(node))
    seen[id(node)] = result
    return result


def _read_yaml(path: Path, where: str) -> _Node:
    """Read a YAML file into a :class:`_Node` tree.

    Raises
    ------
    PlanError
        One line, ``where:line:column: …``, for anything that does not parse.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanError(f"{where}: no such file") from None
    except UnicodeDecodeError as exc:
        raise PlanError(f"{where}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise PlanError(f"{where}: cannot be read: {exc.strerror}") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is None:
            return _Node(None, f"{where}:1:1")
        return _convert(node, yaml.constructor.SafeConstructor(), where, (), {}, set())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(exc.problem or exc.context or "").split())
        context = " ".join(str(exc.context or "").split())
        if exc.problem and context and problem.startswith("but "):  # "expected X, but found Y"
            problem = f"{context}, {problem}"
        elif exc.problem and context and exc.context_mark is not None:
            problem += (
                f" ({context} at line {exc.context_mark.line + 1}, "
                f"column {exc.context_mark.column + 1})"
            )
        at = _at(where, mark) if mark is not None else where
        raise PlanError(f"{at}: not valid YAML: {problem}") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        raise PlanError(
            f"{where}:{line}:{column}: not valid YAML: character "
            f"#x{exc.character:04x} is not allowed"
        ) from None
    except yaml.YAMLError as exc:
        raise PlanError(f"{where}: not valid YAML: {' '.join(str(exc).split())}") from None


# --- checks -------------------------------------------------------------------------------


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {value}"
    return {dict: "a mapping", list: "a list", str: f"the text {value!r}"}.get(
        type(value), f"the value {value!r}"
    )


def _mapping(
    node: _Node,
    what: str,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    hints: dict[str, str] | None = None,
) -> dict[str, _Node]:
    """The entries of a mapping node that must hold *required* keys and may hold *optional*."""
    allowed = ", ".join(repr(k) for k in (*required, *optional))
    if not isinstance(node.value, dict):
        raise PlanError(
            f"{node.at}: {what} must be a mapping with keys {allowed}, got {_kind(node.value)}"
        )
    for key in node.value:
        if key not in required and key not in optional:
            hint = (hints or {}).get(key, f"; expected {allowed}")
            raise PlanError(f"{node.keys[key]}: {what} has an unknown key {key!r}{hint}")
    missing = [k for k in required if k not in node.value]
    if missing:
        raise PlanError(f"{node.at}: {what} lacks {' and '.join(repr(k) for k in missing)}")
    return node.value


def _text(node: _Node, what: str) -> str:
    if not isinstance(node.value, str) or not node.value.strip():
        raise PlanError(f"{node.at}: {what} must be text, got {_kind(node.value)}")
    return node.value


def _list(node: _Node, what: str) -> list[_Node]:
    if not isinstance(node.value, list) or not node.value:
        raise PlanError(f"{node.at}: {what} must be a non-empty list, got {_kind(node.value)}")
    return node.value


def _unknown_page(name: str, at: str, role: str, names: list[str]) -> PlanError:
    close = difflib.get_close_matches(name, names, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else " (it is not under 'pages')"
    return PlanError(f"{at}: {role} names unknown page {name!r}{hint}")


def coerce(name: str, text: str, default: Any) -> Any:
    """Parse a command-line value for parameter *name* to the type of its default.

    Parameters
    ----------
    name : str
        The parameter.
    text : str
        The value as typed (``2030``, ``0.05``, ``true``, ``[360734, 360702]``).
    default : object
        The template's default, whose type the value must have.

    Returns
    -------
    object
        The value, of the default's type.

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
    except (ValueError, yaml.YAMLError):
        raise PlanError(
            f"parameter {name!r} expects {kind.__name__} (default {default!r}), got {text!r}"
        ) from None


def _check_params(page: str, params: _Node, defaults: dict[str, Any]) -> dict[str, Any]:
    """The plan's parameters of *page*, checked against its template's *defaults*."""
    if not isinstance(params.value, dict):
        raise PlanError(
            f"{params.at}: page {page!r}: 'parameters' must be a mapping of "
            f"parameter name to value, got {_kind(params.value)}"
        )
    for key, node in params.value.items():
        if key not in defaults:
            raise PlanError(
                f"{params.keys[key]}: page {page!r} sets unknown parameter {key!r}; "
                f"the template declares {sorted(defaults)}"
            )
        default, value = defaults[key], node.value
        if default is None:
            ok = True
        elif isinstance(default, bool) or isinstance(value, bool):  # bool is an int to Python
            ok = isinstance(default, bool) and isinstance(value, bool)
        else:
            ok = isinstance(value, type(default)) or (
                isinstance(default, float) and isinstance(value, int)
            )
        if not ok:
            raise PlanError(
                f"{node.at}: page {page!r} parameter {key!r} expects "
                f"{type(default).__name__} (default {default!r}), got {value!r}"
            )
    return {key: node.plain() for key, node in params.value.items()}


def _page(
    root: Path, name: str, entry: _Node, templates: dict[str, dict[str, Any]]
) -> Page | WrittenPage:
    """Check one entry of ``pages``; *templates* caches the defaults of templates read."""
    what = f"page {name!r}"
    hints = {"output": f"; a page's output follows from its name ({PAGES / name}.ipynb)"}
    if isinstance(entry.value, dict) and "writer" in entry.value:
        if "template" in entry.value:
            raise PlanError(
                f"{entry.at}: {what} has both 'template' (executed) and 'writer' "
                "(written by the build); give one"
            )
        writer = _text(_mapping(entry, what, ("writer",), (), hints)["writer"], f"{what}: 'writer'")
        if writer not in WRITERS:
            raise PlanError(
                f"{entry.value['writer'].at}: {what} uses unknown writer {writer!r}; "
                f"the build has {sorted(WRITERS)}"
            )
        return WrittenPage(name, writer)
    fields = _mapping(entry, what, ("template",), ("parameters",), hints)
    template_name = _text(fields["template"], f"{what}: 'template'")
    template = root / "chapters" / template_name
    if not template.is_file():
        raise PlanError(
            f"{fields['template'].at}: {what} uses unknown template "
            f"{template_name!r} (no file chapters/{template_name})"
        )
    if template_name not in templates:
        try:
            templates[template_name] = parameters_of(template, root / TEMPLATE_CACHE)
        except TemplateError as exc:
            raise PlanError(
                f"{fields['template'].at}: {what}: {' '.join(str(exc).split())}"
            ) from None
    defaults = templates[template_name]
    params_node = fields.get("parameters")
    params = (
        {}
        if params_node is None or params_node.value is None
        else _check_params(name, params_node, defaults)
    )
    return Page(name, template, {**defaults, **params}, defaults)


def load_plan(root: Path, overrides: dict[str, dict[str, str]] | None = None) -> Plan:
    """Read and check ``chapters/plan.yml``.

    Parameters
    ----------
    root : pathlib.Path
        The book root.
    overrides : dict, optional
        Page name → {parameter: value as typed}, from ``report run -p``.

    Returns
    -------
    Plan
        Its pages in reading order, with their effective parameters.

    Raises
    ------
    PlanError
        One line naming the file, line and column, for any of the errors listed in this
        module's description; without a position for a wrong override.
    """
    where = PLAN.as_posix()
    top = _mapping(_read_yaml(root / PLAN, where), "the plan", ("root", "parts", "pages"))
    pages_node = top["pages"]
    if not isinstance(pages_node.value, dict) or not pages_node.value:
        raise PlanError(
            f"{pages_node.at}: 'pages' must be a non-empty mapping of page name "
            f"to page, got {_kind(pages_node.value)}"
        )
    made: dict[str, Page | WrittenPage] = {}
    templates: dict[str, dict[str, Any]] = {}
    for name, entry in pages_node.value.items():
        if not isinstance(name, str) or not _NAME.match(name):
            raise PlanError(
                f"{pages_node.keys[name]}: page name {name!r} must be lowercase "
                "letters, digits, '-' and '_' (it names the file pages/<name>)"
            )
        made[name] = _page(root, name, entry, templates)
    names = list(made)

    root_page = _text(top["root"], "'root'")
    if root_page not in made:
        raise _unknown_page(root_page, top["root"].at, "'root'", names)
    listed = {root_page: top["root"].at}
    parts = []
    for i, part_node in enumerate(_list(top["parts"], "'parts'"), start=1):
        fields = _mapping(part_node, f"part {i}", ("caption", "pages"), ("numbered",))
        caption = _text(fields["caption"], f"part {i}: 'caption'")
        numbered_node = fields.get("numbered")
        numbered = False if numbered_node is None else numbered_node.value
        if not isinstance(numbered, bool):
            raise PlanError(
                f"{numbered_node.at}: part {caption!r}: 'numbered' must be true or "
                f"false, got {_kind(numbered)}"
            )
        members = []
        for item in _list(fields["pages"], f"part {caption!r}: 'pages'"):
            name = _text(item, f"part {caption!r}: a page")
            if name not in made:
                raise _unknown_page(name, item.at, f"part {caption!r}", names)
            if name in listed:
                first = "as 'root'" if name == root_page else f"at line {_line(listed[name])}"
                raise PlanError(f"{item.at}: page {name!r} is listed twice (first {first})")
            listed[name] = item.at
            members.append(name)
        parts.append(Part(caption, numbered, tuple(members)))
    for name in names:
        if name not in listed:
            raise PlanError(
                f"{pages_node.keys[name]}: page {name!r} is in no part of the book: "
                "list it under 'parts' (or remove it)"
            )

    overrides = overrides or {}
    unknown = [name for name in overrides if not isinstance(made.get(name), Page)]
    if unknown:
        executed = [n for n in listed if isinstance(made[n], Page)]
        raise PlanError(f"unknown page(s) {unknown}; the executed pages are {executed}")
    for name, values in overrides.items():
        page = made[name]
        if not isinstance(page, Page):  # excluded above; narrows the type
            continue
        params = dict(page.parameters)
        for key, text in values.items():
            if key not in page.defaults:
                raise PlanError(
                    f"unknown parameter {key!r} for page {name!r}; valid parameters: "
                    f"{', '.join(sorted(page.defaults)) or 'none'}"
                )
            params[key] = coerce(key, text, page.defaults[key])
        made[name] = Page(name, page.template, params, page.defaults)
    order = list(listed)
    return Plan(
        root=root_page,
        parts=tuple(parts),
        pages=tuple(p for n in order if isinstance(p := made[n], Page)),
        written=tuple(p for n in order if isinstance(p := made[n], WrittenPage)),
    )
