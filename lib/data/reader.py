"""Strict CSV reading: UTF-8 only, every column present, every record's line number kept."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = ["DataValidationError", "Problem", "read_table"]

#: Column holding the physical line number (1-based) where each record starts.
LINE = "line"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one data file.

    Attributes
    ----------
    file : str
        Path of the file, relative to the project root where possible.
    line : int or None
        Physical line where the record starts (1 is the header), or None for a
        whole-file problem.
    column : str or None
        Column name, or None.
    message : str
        What was expected and what was found.
    """

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


class DataValidationError(ValueError):
    """Raised when a data file is invalid; lists every problem found.

    Attributes
    ----------
    problems : list of Problem
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        head = f"{len(self.problems)} data problem(s):"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


def _display(path: Path) -> str:
    try:
        from lib.paths import project_root

        return str(path.resolve().relative_to(project_root()))
    except (ValueError, FileNotFoundError):
        return str(path)


def read_table(path: str | Path, columns: list[str]) -> pd.DataFrame:
    """Read a CSV file of strings, strictly.

    Parameters
    ----------
    path : str or pathlib.Path
        The CSV file (UTF-8, header row, RFC 4180 quoting; fields may span lines).
    columns : list of str
        Columns that must be present. Extra columns are an error too, so a misspelt
        column name is never silently ignored.

    Returns
    -------
    pandas.DataFrame
        All values as strings (empty cells are ``""``), in file order, plus a ``line``
        column with the line on which each record starts.

    Raises
    ------
    DataValidationError
        If the file is missing, not UTF-8, has missing or unexpected columns, or has a
        record with the wrong number of fields.
    """
    path = Path(path)
    name = _display(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataValidationError([Problem(name, None, None, "file not found")]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataValidationError(
            [
                Problem(
                    name,
                    line,
                    None,
                    f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 2]!r}); "
                    "save the file as UTF-8",
                )
            ]
        ) from None
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise DataValidationError(
            [Problem(name, 1, None, "empty file: expected a header row")]
        ) from None
    problems = []
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    if missing:
        problems.append(Problem(name, 1, None, f"missing column(s) {missing}; expected {columns}"))
    if extra:
        problems.append(Problem(name, 1, None, f"unexpected column(s) {extra}; expected {columns}"))
    if len(set(header)) != len(header):
        problems.append(Problem(name, 1, None, "duplicate column names in the header"))
    if problems:
        raise DataValidationError(problems)
    records, lines = [], []
    start = reader.line_num + 1
    for row in reader:
        if row:
            if len(row) != len(header):
                problems.append(
                    Problem(name, start, None, f"{len(row)} fields, expected {len(header)}")
                )
            else:
                records.append(row)
                lines.append(start)
        start = reader.line_num + 1
    if problems:
        raise DataValidationError(problems)
    frame = pd.DataFrame(records, columns=header, dtype=str)[columns]
    frame[LINE] = lines
    frame.attrs["file"] = name
    return frame
