"""The review sheet: candidate rows of a new source, for a person to accept, edit or reject.

A sheet is a CSV file with one row per candidate. Its ``record`` column says which table a
row would join: ``fact`` (``facts.csv``), ``article`` (``articles.csv``), ``indicator``
(``indicators.csv``) or ``entity`` (``entities.csv``); a row fills the columns of its table
(the sheet has the union of them) and leaves the others empty. ``decision`` is the
reviewer's: ``accept`` (merge as it is), ``edit`` (merge as the reviewer corrected it),
``reject`` (leave out). On a fact row, ``indicator_score`` (how close the suggested
indicator's words are to the words around the figure, 0 to 1), ``article_id`` and ``offset``
(where the figure starts in the raw file, in characters) help the review and are not merged.
:func:`lib.data.intake.accept` merges a reviewed sheet.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd

from lib.data.reader import read_table
from lib.data.schemas import COLUMNS

__all__ = [
    "DECISIONS",
    "HELP_COLUMNS",
    "RECORDS",
    "SHEET_COLUMNS",
    "number_cell",
    "read_sheet",
    "record_columns",
    "write_csv",
    "write_sheet",
]

#: What a reviewer can decide for a row.
DECISIONS = ("accept", "edit", "reject")
#: Record type → the data file its rows join.
RECORDS: dict[str, str] = {
    "fact": "facts",
    "article": "articles",
    "indicator": "indicators",
    "entity": "entities",
}
#: Columns that help the review and are not merged.
HELP_COLUMNS = ("indicator_score", "article_id", "offset")


def _union() -> list[str]:
    columns = ["decision", "record"]
    for name in RECORDS.values():
        columns += [c for c in COLUMNS[name] if c not in columns]
    return columns + [c for c in HELP_COLUMNS if c not in columns]


#: Every column of a sheet, in order (the decision, the record type, then the columns of
#: ``facts.csv``, ``articles.csv``, ``indicators.csv`` and ``entities.csv``, then the help).
SHEET_COLUMNS: list[str] = _union()


def record_columns(record: str) -> list[str]:
    """The columns of the data file a record of type *record* joins.

    Parameters
    ----------
    record : str
        One of :data:`RECORDS`.

    Returns
    -------
    list of str

    Examples
    --------
    >>> record_columns("indicator")[:3]
    ['indicator', 'label_en', 'label_zh']
    """
    return list(COLUMNS[RECORDS[record]])


def number_cell(x: float | None) -> str:
    """A number as the data files write it: the shortest exact text, empty for None or NaN.

    Parameters
    ----------
    x : float or None

    Returns
    -------
    str

    Examples
    --------
    >>> number_cell(5e9), number_cell(12.5), number_cell(None)
    ('5000000000', '12.5', '')
    """
    if x is None or math.isnan(x):
        return ""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def write_csv(path: str | Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    """Write rows as the data files are written: UTF-8, ``\\n`` line ends, minimal quoting.

    Parameters
    ----------
    path : str or pathlib.Path
    columns : list of str
    rows : list of dict
        Missing cells are written empty.
    """
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([str(row.get(c, "")) for c in columns] for row in rows)


def write_sheet(path: str | Path, rows: list[dict[str, str]]) -> Path:
    """Write a review sheet.

    Parameters
    ----------
    path : str or pathlib.Path
    rows : list of dict
        Rows keyed by :data:`SHEET_COLUMNS`.

    Returns
    -------
    pathlib.Path
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_csv(path, SHEET_COLUMNS, rows)
    return path


def read_sheet(path: str | Path) -> pd.DataFrame:
    """Read a review sheet strictly (:func:`lib.data.reader.read_table`).

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    pandas.DataFrame
        Strings, with ``line``: the sheet line each row starts on.

    Raises
    ------
    lib.data.reader.DataValidationError
        If the sheet is not UTF-8 CSV with exactly :data:`SHEET_COLUMNS`.
    """
    return read_table(path, SHEET_COLUMNS)
