"""What each data file holds, written once: the sidecars ``data/**/<name>.meta.yml``.

Every file of ``data/`` is described by a YAML *sidecar* beside it: ``facts.meta.yml``
describes ``facts.csv``, ``raw.meta.yml`` the folder ``raw/``, and so on. A sidecar says what
the file is (``description``, and for a table what one row is, ``row``, and its ``key``), and,
for a table, what each column *means*, its unit where it has one, and any rule loading checks
beyond the schema (a quote must be verbatim in its source …)::

    file: facts.csv
    description: Quantitative statements of the corpus, each with its source passage.
    row: quantitative statement in the corpus
    key: fact_id
    notes: |            # optional, Markdown for data/README.md
      ...
    columns:
      value_base:
        unit: base_unit
        meaning: value converted to `base_unit` (5e9 for 50亿元)
        rule: ...       # optional: what lib.data.checks checks beyond the schema

**Why sidecars and not the schema.** A column's type, whether it may be empty, whether it is
unique and its allowed values or pattern are *rules*: loading enforces them, so they live in
the pandera schemas (:mod:`lib.data.schemas`), which name every column of every table. A
sidecar that restated them would be a second copy nobody checks, so a sidecar that gives
``type``, ``required``, ``unique``, ``allowed`` or ``pattern`` is refused. What a column means is
prose for people: it sits beside the file in YAML that can be edited without reading Python,
travels with the CSV, and is what a reader of ``data/`` finds first. The two halves are joined
here: :func:`data_dictionary` puts the schema's rules beside the sidecar's meanings, and
:func:`readme_tables` writes them into ``data/README.md`` (between two marker comments;
``python -m lib.data.meta --write-readme``). :func:`check_sidecars` lists every disagreement
between a sidecar, its file and its schema (a column one lacks, a file no sidecar describes);
the tests keep that list empty and ``data/README.md`` equal to what the sidecars generate.

Text in sidecars is plain text in which backticks mark code (ids, values, file names);
``notes`` may be any Markdown.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import yaml

from lib.data import schemas
from lib.data.reader import DataValidationError, Problem
from lib.paths import data_dir

__all__ = [
    "BEGIN",
    "END",
    "SIDECAR",
    "ColumnMeta",
    "FileMeta",
    "check_sidecars",
    "column_rules",
    "data_dictionary",
    "file_inventory",
    "main",
    "read_sidecar",
    "read_sidecars",
    "readme_tables",
    "render_readme",
    "write_readme",
]

#: The ending of a sidecar's name (``facts.meta.yml`` describes ``facts.csv``).
SIDECAR = ".meta.yml"
#: The comment before the generated part of ``data/README.md``.
BEGIN = (
    "<!-- BEGIN generated from data/**/*.meta.yml and lib/data/schemas.py by "
    "`python -m lib.data.meta --write-readme`: edit those, not this part -->"
)
#: The comment after the generated part of ``data/README.md``.
END = "<!-- END generated -->"
#: What the files that are not data are.
_OTHER_FILES = {
    "README.md": "what the data files hold, in prose (its tables generated from the sidecars)"
}
_FILE_KEYS = {"file", "description", "row", "key", "notes", "columns"}
_COLUMN_KEYS = {"meaning", "unit", "rule"}
_SCHEMA_KEYS = {"type", "required", "unique", "allowed", "pattern"}
_TYPES = {
    "string": "text",
    "string[python]": "text",
    "str": "text",
    "int64": "integer",
    "float64": "number",
}


@dataclass(frozen=True)
class ColumnMeta:
    """What one column of a table means.

    Attributes
    ----------
    name : str
    meaning : str
        Plain text; backticks mark code.
    unit : str
        The unit of its values, or the column that holds it; empty when none.
    rule : str
        What loading checks beyond the schema (:mod:`lib.data.checks`); empty when nothing.
    """

    name: str
    meaning: str
    unit: str = ""
    rule: str = ""


@dataclass(frozen=True)
class FileMeta:
    """One sidecar: what a data file (or a folder of files) holds.

    Attributes
    ----------
    sidecar : str
        Path of the sidecar, relative to the data folder.
    file : str
        Path (or glob pattern) of what it describes, relative to the data folder.
    description : str
        One sentence: what the file is.
    row : str
        What one row is (tables); "one row per …".
    key : tuple of str
        The columns that identify a row (tables).
    notes : str
        Further prose for ``data/README.md`` (Markdown), or empty.
    columns : tuple of ColumnMeta
        The columns, in the sidecar's order (tables only).
    """

    sidecar: str
    file: str
    description: str
    row: str = ""
    key: tuple[str, ...] = ()
    notes: str = ""
    columns: tuple[ColumnMeta, ...] = ()

    @property
    def table(self) -> str | None:
        """The table name (``facts`` for ``facts.csv``), or None for a file that is not a table."""
        return self.file[:-4] if self.columns and re.fullmatch(r"[a-z_]+\.csv", self.file) else None


def _key_lines(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """Line numbers of the top-level keys and of the keys under ``columns``."""
    top: dict[str, int] = {}
    cols: dict[str, int] = {}
    node = yaml.compose(text)
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            top[str(k.value)] = k.start_mark.line + 1
            if k.value == "columns" and isinstance(v, yaml.MappingNode):
                cols.update({str(ck.value): ck.start_mark.line + 1 for ck, _ in v.value})
    return top, cols


def _text_problems(
    text: object,
    where: str,
    line: int | None,
    column: str | None,
    field: str,
    required: bool = True,
) -> list[Problem]:
    if text is None or text == "":
        return [Problem(where, line, column, f"{field}: expected text")] if required else []
    if not isinstance(text, str):
        return [Problem(where, line, column, f"{field}: expected text, got {text!r}")]
    if field != "notes" and text.count("`") % 2:
        return [Problem(where, line, column, f"{field}: unbalanced backtick in {text!r}")]
    return []


def read_sidecar(path: str | Path, root: str | Path | None = None) -> FileMeta:
    """Read and check the form of one sidecar.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``*.meta.yml`` file.
    root : str or pathlib.Path, optional
        The data folder (defaults to the project's ``data/``); paths are given relative to it.

    Returns
    -------
    FileMeta

    Raises
    ------
    DataValidationError
        Listing every problem of form: bad YAML, an unknown or missing key, a column without
        a meaning, a rule the schema states (``type``, ``required`` …), a ``file`` that does
        not sit beside the sidecar under its name.
    """
    path, root = Path(path), Path(root) if root is not None else data_dir()
    where = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    shown = f"data/{where}" if path.is_relative_to(root) else where
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        top, col_lines = _key_lines(text)
    except FileNotFoundError:
        raise DataValidationError([Problem(shown, None, None, "sidecar not found")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataValidationError(
            [Problem(shown, mark.line + 1 if mark else None, None, f"not valid YAML: {exc}")]
        ) from None
    if not isinstance(data, dict):
        raise DataValidationError([Problem(shown, 1, None, "expected a mapping of keys")])
    problems = [
        Problem(shown, top[k], None, f"unknown key {k!r}; valid: {sorted(_FILE_KEYS)}")
        for k in data
        if k not in _FILE_KEYS
    ]
    stem = path.name[: -len(SIDECAR)]
    file = data.get("file")
    if not isinstance(file, str) or not re.match(rf"{re.escape(stem)}[./]", file):
        problems.append(
            Problem(
                shown,
                top.get("file"),
                None,
                f"file: expected the path of what {path.name} describes, "
                f"beside it and named {stem}.<ext> or {stem}/…; got {file!r}",
            )
        )
    problems += _text_problems(
        data.get("description"), shown, top.get("description"), None, "description"
    )
    problems += _text_problems(
        data.get("notes"), shown, top.get("notes"), None, "notes", required=False
    )
    columns = data.get("columns") or {}
    is_table = isinstance(file, str) and file.endswith(".csv")
    if is_table:
        problems += _text_problems(data.get("row"), shown, top.get("row"), None, "row")
        if not columns:
            problems.append(
                Problem(
                    shown,
                    top.get("columns"),
                    None,
                    "columns: a table's sidecar describes every column",
                )
            )
    elif "columns" in data:
        problems.append(Problem(shown, top["columns"], None, "columns: only a table has columns"))
    key = data.get("key", [])
    key = [key] if isinstance(key, str) else key
    if (
        not isinstance(key, list)
        or not all(isinstance(k, str) for k in key)
        or (is_table and not key)
    ):
        problems.append(
            Problem(
                shown,
                top.get("key"),
                None,
                f"key: expected a column or a list of columns, got {key!r}",
            )
        )
        key = []
    cols = []
    if not isinstance(columns, dict):
        problems.append(
            Problem(
                shown,
                top.get("columns"),
                None,
                "columns: expected a mapping of column name to its description",
            )
        )
        columns = {}
    for name, spec in columns.items():
        line = col_lines.get(str(name))
        if not isinstance(spec, dict):
            problems.append(Problem(shown, line, str(name), "expected meaning (and unit, rule)"))
            continue
        for k in spec:
            if k in _SCHEMA_KEYS:
                problems.append(
                    Problem(
                        shown,
                        line,
                        str(name),
                        f"{k}: stated by the schema (lib/data/schemas.py), not "
                        "here; a sidecar gives meaning, unit and rule",
                    )
                )
            elif k not in _COLUMN_KEYS:
                problems.append(
                    Problem(
                        shown, line, str(name), f"unknown key {k!r}; valid: {sorted(_COLUMN_KEYS)}"
                    )
                )
        problems += _text_problems(spec.get("meaning"), shown, line, str(name), "meaning")
        problems += _text_problems(spec.get("unit"), shown, line, str(name), "unit", False)
        problems += _text_problems(spec.get("rule"), shown, line, str(name), "rule", False)
        cols.append(
            ColumnMeta(
                str(name),
                str(spec.get("meaning") or ""),
                str(spec.get("unit") or ""),
                str(spec.get("rule") or ""),
            )
        )
    if problems:
        raise DataValidationError(problems)
    folder = Path(where).parent
    rel = (folder / file).as_posix() if folder != Path(".") else file
    return FileMeta(
        where,
        rel,
        data["description"].strip(),
        str(data.get("row") or ""),
        tuple(key),
        str(data.get("notes") or "").strip(),
        tuple(cols),
    )


def read_sidecars(root: str | Path | None = None) -> dict[str, FileMeta]:
    """Every sidecar of the data folder.

    Parameters
    ----------
    root : str or pathlib.Path, optional
        The data folder; defaults to the project's ``data/``.

    Returns
    -------
    dict
        :class:`FileMeta` by described path: tables first, in the order of
        :data:`lib.data.schemas.SCHEMAS`, then the other files by path.

    Raises
    ------
    DataValidationError
        Listing the problems of form of every sidecar (see :func:`read_sidecar`).
    """
    root = Path(root) if root is not None else data_dir()
    found, problems = [], []
    for path in sorted(root.rglob(f"*{SIDECAR}")):
        try:
            found.append(read_sidecar(path, root))
        except DataValidationError as exc:
            problems += exc.problems
    if problems:
        raise DataValidationError(problems)
    order = {f"{name}.csv": i for i, name in enumerate(schemas.SCHEMAS)}
    found.sort(key=lambda m: (order.get(m.file, len(order)), m.file))
    return {m.file: m for m in found}


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh), [])


def _described(rel: str, sidecars: dict[str, FileMeta]) -> str:
    """What file *rel* is: its sidecar's description, '' when nothing describes it."""
    if rel.endswith(SIDECAR):
        meta = next((m for m in sidecars.values() if m.sidecar == rel), None)
        return f"what {f'`{meta.file}`' if meta else 'the file beside it'} holds (its sidecar)"
    if rel in _OTHER_FILES:
        return _OTHER_FILES[rel]
    return next(
        (m.description for pattern, m in sidecars.items() if fnmatch.fnmatch(rel, pattern)), ""
    )


def check_sidecars(root: str | Path | None = None) -> list[Problem]:
    """Every disagreement between the sidecars, the data files and the schemas.

    Parameters
    ----------
    root : str or pathlib.Path, optional
        The data folder; defaults to the project's ``data/``.

    Returns
    -------
    list of Problem
        Empty when every table of :data:`lib.data.schemas.SCHEMAS` has a sidecar whose
        columns are, in order, the file's header and the schema's columns; every key is a
        column the schema keeps unique (one column) or a combination it keeps unique; every
        sidecar describes a file that exists, and a ``.csv`` sidecar a table loading reads;
        and every file of the folder is described. Problems of form (see
        :func:`read_sidecar`) are included.
    """
    root = Path(root) if root is not None else data_dir()
    try:
        sidecars = read_sidecars(root)
    except DataValidationError as exc:
        return exc.problems
    problems = []
    tables = {m.table: m for m in sidecars.values() if m.table}
    for name in schemas.SCHEMAS:
        if name not in tables:
            problems.append(
                Problem(
                    f"data/{name}{SIDECAR}",
                    None,
                    None,
                    f"sidecar not found: {name}.csv is not described",
                )
            )
    for meta in sidecars.values():
        where = f"data/{meta.sidecar}"
        if not any(
            fnmatch.fnmatch(p.relative_to(root).as_posix(), meta.file)
            for p in root.rglob("*")
            if p.is_file()
        ):
            problems.append(
                Problem(where, None, None, f"describes {meta.file}, which is not there")
            )
            continue
        if meta.file.endswith(".csv") and meta.table not in schemas.SCHEMAS:
            problems.append(
                Problem(
                    where,
                    None,
                    None,
                    f"{meta.file} is not a table of lib.data.schemas.SCHEMAS: "
                    "loading does not read it",
                )
            )
            continue
        if not meta.table:
            continue
        documented = [c.name for c in meta.columns]
        header = _header(root / meta.file)
        schema = schemas.schema_of(meta.table)
        for c in header:
            if c not in documented:
                problems.append(
                    Problem(
                        where,
                        None,
                        c,
                        f"{meta.file} has column {c!r}, which the sidecar does not describe",
                    )
                )
        for c in documented:
            if c not in header:
                problems.append(
                    Problem(where, None, c, f"describes column {c!r}, which {meta.file} lacks")
                )
        if documented != list(schema.columns):
            problems.append(
                Problem(
                    where,
                    None,
                    None,
                    f"columns {documented} are not the schema's "
                    f"{list(schema.columns)} (lib/data/schemas.py)",
                )
            )
        if set(header) == set(documented) and header != documented:
            problems.append(
                Problem(
                    where, None, None, f"columns are in another order than in {meta.file}: {header}"
                )
            )
        unique = [c for c, col in schema.columns.items() if col.unique]
        if len(meta.key) == 1 and meta.key[0] not in unique:
            problems.append(
                Problem(
                    where,
                    None,
                    None,
                    f"key {meta.key[0]!r} is not a column the schema keeps unique ({unique})",
                )
            )
        if len(meta.key) > 1 and list(meta.key) != list(schema.unique or []):
            problems.append(
                Problem(
                    where,
                    None,
                    None,
                    f"key {list(meta.key)} is not a combination the schema keeps "
                    f"unique ({schema.unique})",
                )
            )
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if not _described(rel, sidecars):
            problems.append(
                Problem(
                    f"data/{rel}",
                    None,
                    None,
                    f"not described: add a sidecar {path.stem}{SIDECAR} beside it",
                )
            )
    return problems


def _rule(check: pa.Check) -> str | None:
    stats = check.statistics or {}
    error = check.error or ""
    if check.name == "str_length":
        return None
    if check.name == "isin":
        allowed = [v for v in stats.get("allowed_values", []) if v != ""]
        if allowed:
            return "one of: " + ", ".join(allowed)
        what = re.match(r"expected (.+?), one of", error)
        return what.group(1) if what else error
    if check.name == "greater_than_or_equal_to":
        return f"≥ {stats.get('min_value')}"
    return error.removeprefix("expected ") or check.name


def column_rules(name: str) -> pd.DataFrame:
    """What loading enforces on each column of table *name*, read from its schema.

    Parameters
    ----------
    name : str
        A table of :data:`lib.data.schemas.SCHEMAS`.

    Returns
    -------
    pandas.DataFrame
        ``column``, ``type`` (text, integer, number), ``required`` (bool: empty values are
        an error), ``unique`` (bool) and ``allowed`` (the allowed values, the pattern, or
        the file the value must refer to; empty when free text).

    Raises
    ------
    KeyError
        For an unknown table, listing the known ones.
    """
    schema = schemas.schema_of(name)
    rows = []
    for col, spec in schema.columns.items():
        kind = _TYPES.get(str(spec.dtype), str(spec.dtype))
        rules = [r for r in (_rule(c) for c in spec.checks) if r]
        required = any(c.name == "str_length" for c in spec.checks) or kind in ("integer", "number")
        rows.append(
            dict(
                column=col,
                type=kind,
                required=required,
                unique=bool(spec.unique),
                allowed="; ".join(rules),
            )
        )
    return pd.DataFrame(rows, columns=["column", "type", "required", "unique", "allowed"])


def data_dictionary(name: str, root: str | Path | None = None) -> pd.DataFrame:
    """The data dictionary of table *name*: the schema's rules beside the sidecar's meanings.

    Parameters
    ----------
    name : str
        A table of :data:`lib.data.schemas.SCHEMAS`.
    root : str or pathlib.Path, optional
        The data folder holding the sidecar; defaults to the project's ``data/``.

    Returns
    -------
    pandas.DataFrame
        ``column``, ``type``, ``unit``, ``required``, ``unique``, ``allowed`` (the schema's
        rules, then the sidecar's ``rule``) and ``meaning``, one row per column of the schema
        (``unit`` and ``meaning`` empty where the sidecar lacks the column; see
        :func:`check_sidecars`).

    Raises
    ------
    KeyError
        For an unknown table.
    DataValidationError
        When the table's sidecar is missing or malformed.
    """
    root = Path(root) if root is not None else data_dir()
    rules = column_rules(name)
    docs = {c.name: c for c in read_sidecar(root / f"{name}{SIDECAR}", root).columns}
    blank = ColumnMeta("", "")
    rules["unit"] = [docs.get(c, blank).unit for c in rules.column]
    rules["meaning"] = [docs.get(c, blank).meaning for c in rules.column]
    rules["allowed"] = [
        "; ".join(filter(None, [a, docs.get(c, blank).rule]))
        for c, a in zip(rules.column, rules.allowed)
    ]
    return rules[["column", "type", "unit", "required", "unique", "allowed", "meaning"]]


def file_inventory(root: str | Path | None = None) -> pd.DataFrame:
    """Every file of the data folder and what it is.

    Parameters
    ----------
    root : str or pathlib.Path, optional
        The data folder; defaults to the project's ``data/``.

    Returns
    -------
    pandas.DataFrame
        ``file`` (relative to the data folder), ``bytes`` and ``what`` (the description of
        its sidecar; empty when nothing describes it), sorted by file.
    """
    root = Path(root) if root is not None else data_dir()
    try:
        sidecars = read_sidecars(root)
    except DataValidationError:
        sidecars = {}
    rows = [
        dict(
            file=(rel := path.relative_to(root).as_posix()),
            bytes=path.stat().st_size,
            what=_described(rel, sidecars),
        )
        for path in sorted(p for p in root.rglob("*") if p.is_file())
    ]
    return pd.DataFrame(rows, columns=["file", "bytes", "what"])


def _cell(text: object) -> str:
    """Text (backticks marking code) for a cell of a Markdown pipe table: one line, ``<``, ``>``
    and ``&`` outside code written as entities, and every pipe escaped (it would end the cell)."""
    parts = re.sub(r"\s*\n\s*", " ", str(text)).split("`")
    parts[::2] = [
        p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for p in parts[::2]
    ]
    return "`".join(parts).replace("|", "\\|")


def _pipe_table(frame: pd.DataFrame) -> list[str]:
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    return lines + [
        "| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)
    ]


def readme_tables(root: str | Path | None = None) -> str:
    """The generated part of ``data/README.md``: every file, then every table's columns.

    Parameters
    ----------
    root : str or pathlib.Path, optional
        The data folder; defaults to the project's ``data/``.

    Returns
    -------
    str
        Markdown, between the :data:`BEGIN` and :data:`END` comments.

    Raises
    ------
    DataValidationError
        When a sidecar is malformed.
    """
    root = Path(root) if root is not None else data_dir()
    sidecars = read_sidecars(root)

    def code(text: str) -> str:
        return f"`{text}`"

    overview = pd.DataFrame(
        {
            "file": [code(m.file) for m in sidecars.values()],
            "what": [m.description for m in sidecars.values()],
            "one row per": [m.row for m in sidecars.values()],
            "key": [", ".join(map(code, m.key)) for m in sidecars.values()],
        }
    )
    out = [BEGIN, "", *_pipe_table(overview)]
    for meta in sidecars.values():
        out += ["", f"## `{meta.file}`", "", meta.description]
        if meta.row:
            out[-1] += f" One row per {meta.row}; key {', '.join(map(code, meta.key))}."
        if meta.notes:
            out += ["", meta.notes]
        if meta.table:
            table = data_dictionary(meta.table, root).assign(
                column=lambda d: d.column.map(code),
                required=lambda d: d.required.map({True: "yes", False: "may be empty"}),
                unique=lambda d: d.unique.map({True: "yes", False: ""}),
            )
            out += ["", *_pipe_table(table)]
    return "\n".join([*out, "", END])


def render_readme(text: str, root: str | Path | None = None) -> str:
    """*text* (a ``data/README.md``) with its generated part replaced by :func:`readme_tables`.

    Raises
    ------
    ValueError
        When *text* lacks the :data:`BEGIN` or :data:`END` comment.
    """
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(
            f"data/README.md must hold the lines\n{BEGIN}\n…\n{END}\naround its generated part"
        )
    return text[:start] + readme_tables(root) + text[end + len(END) :]


def write_readme(root: str | Path | None = None) -> bool:
    """Regenerate the tables of ``README.md`` in the data folder.

    Returns
    -------
    bool
        True when the file changed.
    """
    path = (Path(root) if root is not None else data_dir()) / "README.md"
    old = path.read_text(encoding="utf-8")
    new = render_readme(old, path.parent)
    if new != old:
        path.write_text(new, encoding="utf-8")
    return new != old


def main(argv: list[str] | None = None) -> int:
    """``python -m lib.data.meta [--write-readme | --check]``: see the module docstring."""
    parser = argparse.ArgumentParser(
        prog="python -m lib.data.meta",
        description=(
            "Check the sidecars (data/**/*.meta.yml) against the data files and schemas, and "
            "regenerate the tables of data/README.md from them."
        ),
    )
    parser.add_argument("--root", type=Path, default=None, help="the data folder (default: data/)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--write-readme", action="store_true", help="rewrite the generated part of data/README.md"
    )
    action.add_argument(
        "--check",
        action="store_true",
        help="fail when a sidecar disagrees or data/README.md is out of date",
    )
    args = parser.parse_args(argv)
    root = args.root or data_dir()
    problems = check_sidecars(root)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    if args.write_readme:
        print("data/README.md " + ("rewritten" if write_readme(root) else "already up to date"))
    elif args.check:
        readme = root / "README.md"
        if render_readme(readme.read_text(encoding="utf-8"), root) != readme.read_text(
            encoding="utf-8"
        ):
            print(
                "data/README.md is out of date: run python -m lib.data.meta --write-readme",
                file=sys.stderr,
            )
            return 1
        print("sidecars, data files, schemas and data/README.md agree")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
