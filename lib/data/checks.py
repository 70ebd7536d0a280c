"""Checks of the data files beyond their schemas: provenance of every fact and link."""

from __future__ import annotations

import math

import pandas as pd
import pandera.pandas as pa

from lib.text.normalise import flat_text, squash
from lib.text.quantities import QuantityParseError, parse_quantity
from lib.data.reader import LINE, Problem

__all__ = ["check_entities_named", "check_fact_provenance", "check_quotes", "check_schema"]


def check_schema(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate *frame* against *schema*, collecting every failure.

    Parameters
    ----------
    frame : pandas.DataFrame
        As returned by :func:`lib.data.reader.read_table` (strings plus ``line``).
    schema : pandera.DataFrameSchema

    Returns
    -------
    tuple
        The coerced frame (or the input when invalid) and the list of problems, each
        naming the file, the line, the column and what was expected.
    """
    name = frame.attrs.get("file", "<data>")
    try:
        return schema.validate(frame, lazy=True), []
    except pa.errors.SchemaErrors as exc:
        problems = []
        cases = exc.failure_cases
        for _, case in cases.iterrows():
            index = case["index"]
            line = None
            if index is not None and not (isinstance(index, float) and math.isnan(index)):
                line = int(frame[LINE].iloc[int(index)])
            check = str(case["check"])
            if check.startswith("coerce_dtype") or check.startswith("dtype("):
                message = f"expected a number, got {case['failure_case']!r}"
            elif check == "field_uniqueness":
                message = f"duplicate value {case['failure_case']!r}: values must be unique"
            elif check == "column_in_dataframe":
                message = "column missing"
            else:
                message = f"{check}, got {case['failure_case']!r}"
            problems.append(Problem(name, line, case["column"], message))
        # one message per cell: an empty required cell need not also fail its other checks
        seen, unique = set(), []
        for p in sorted(problems, key=lambda p: (p.line or 0, p.column or "",
                                                  "non-empty" not in p.message)):
            if (p.line, p.column) in seen and p.line is not None:
                continue
            seen.add((p.line, p.column))
            unique.append(p)
        return frame, unique


def check_quotes(frame: pd.DataFrame, raws: dict[str, str], column: str = "quote") -> list[Problem]:
    """Check that every quote is a verbatim substring of its source's raw text.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows with ``source_id``, *column* and ``line``.
    raws : dict
        Raw text by source_id.
    column : str

    Returns
    -------
    list of Problem
    """
    name = frame.attrs.get("file", "<data>")
    problems = []
    for row in frame.itertuples(index=False):
        raw = raws.get(row.source_id)
        quote = getattr(row, column)
        if raw is not None and quote and quote not in raw:
            problems.append(Problem(
                name, getattr(row, LINE), column,
                f"quote not found verbatim in raw/{row.source_id}.txt: {quote[:40]!r}…"))
    return problems


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def check_fact_provenance(facts: pd.DataFrame, raws: dict[str, str],
                          base_units: dict[str, str]) -> list[Problem]:
    """Check each fact against its source and the quantity parser.

    For every row: the quote is in the raw source; the quote (layout-normalised) contains
    ``value_text``, the number as written; the parser's reading of ``value_text`` gives
    ``value``, ``unit``, ``value_base`` and ``base_unit``; a qualifier the text expresses is
    the row's qualifier; and ``base_unit`` is the indicator's base unit.

    Parameters
    ----------
    facts : pandas.DataFrame
        Schema-valid facts (numeric ``value``/``value_base``) with ``line``.
    raws : dict
        Raw text by source_id.
    base_units : dict
        Base unit by indicator id.

    Returns
    -------
    list of Problem
    """
    name = facts.attrs.get("file", "data/facts.csv")
    problems = check_quotes(facts, raws)
    for row in facts.itertuples(index=False):
        line = getattr(row, LINE)

        def bad(column: str, message: str) -> None:
            problems.append(Problem(name, line, column, message))

        if squash(row.value_text) not in flat_text(row.quote):
            bad("quote", f"quote does not contain the number as written {row.value_text!r}")
        try:
            q = parse_quantity(row.value_text)
        except QuantityParseError as exc:
            bad("value_text", str(exc))
            continue
        if not _close(float(row.value), q.value):
            bad("value", f"expected {q.value:g} (parser reading of {row.value_text!r}), got {row.value:g}")
        if row.unit != q.unit:
            bad("unit", f"expected {q.unit!r} (as written in {row.value_text!r}), got {row.unit!r}")
        if not _close(float(row.value_base), q.value_base):
            bad("value_base",
                f"expected {q.value_base:g} (parser reading of {row.value_text!r}), got {row.value_base:g}")
        if row.base_unit != q.base_unit:
            bad("base_unit", f"expected {q.base_unit!r} (parser reading of {row.value_text!r}), "
                             f"got {row.base_unit!r}")
        if q.qualifier != "exact" and q.qualifier != row.qualifier:
            bad("qualifier", f"expected {q.qualifier!r} ({row.value_text!r} says so), got {row.qualifier!r}")
        expected = base_units.get(row.indicator)
        if expected is not None and row.base_unit != expected:
            bad("base_unit", f"indicator {row.indicator!r} is measured in {expected!r}, got {row.base_unit!r}")
    return problems


def check_entities_named(entities: pd.DataFrame, raws: dict[str, str]) -> list[Problem]:
    """Check that each entity (or one of its aliases) is named in every source it lists.

    Parameters
    ----------
    entities : pandas.DataFrame
    raws : dict
        Raw text by source_id.

    Returns
    -------
    list of Problem
    """
    name = entities.attrs.get("file", "data/entities.csv")
    problems = []
    flat = {sid: flat_text(raw) for sid, raw in raws.items()}
    for row in entities.itertuples(index=False):
        names = [row.entity, *[a for a in row.aliases.split("|") if a]]
        for sid in row.source_ids.split(";"):
            if sid in flat and not any(squash(n) in flat[sid] for n in names):
                problems.append(Problem(name, getattr(row, LINE), "source_ids",
                                        f"neither {row.entity!r} nor its aliases occur in {sid}"))
    return problems
