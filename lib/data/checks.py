"""Checks of the data files beyond their schemas: provenance of every fact, link and glossary
entry, and the rules that join two files or two columns (a chain has links, a target's base
is about its region, a group belongs to its chapter, a cluster's members exist).

Each check returns a list of :class:`~lib.data.reader.Problem` (empty when all is well), so
:func:`lib.data.factbase.load_factbase` can report every problem of every file at once.
"""

from __future__ import annotations

import math

import pandas as pd
import pandera.pandas as pa

from lib.data.corpus import Source, split_articles
from lib.data.reader import LINE, Problem
from lib.data.vocab import CHAPTER_GROUPS, MEMBER_TYPES, SENSES
from lib.text.cues import AS_OF_CUES, FLEXIBLE_CUE, NOT_YET_CUES, PERIOD_CUES
from lib.text.cues import find_cues as _cues
from lib.text.normalise import flat_text, squash
from lib.text.quantities import QuantityParseError, parse_quantity

__all__ = [
    "check_articles",
    "check_bases_same_region",
    "check_chains_drawn",
    "check_cluster_members",
    "check_entities_named",
    "check_fact_provenance",
    "check_fact_semantics",
    "check_glossary",
    "check_groups",
    "check_outcomes",
    "check_quotes",
    "check_schema",
    "source_is_later",
]


def check_schema(
    frame: pd.DataFrame, schema: pa.DataFrameSchema
) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate *frame* against *schema*, collecting every failure.

    Parameters
    ----------
    frame : pandas.DataFrame
        As returned by :func:`lib.data.reader.read_table` (strings plus ``line``).
    schema : pandera.DataFrameSchema

    Returns
    -------
    tuple
        The coerced frame of the rows that passed (every row when all pass), so that later
        checks can go on with them, and the list of problems, each naming the file, the
        line, the column and what was expected.
    """
    name = frame.attrs.get("file", "<data>")
    try:
        return schema.validate(frame, lazy=True), []
    except pa.errors.SchemaErrors as exc:
        problems = []
        bad_rows: set[int] = set()
        whole_table = False
        for _, case in exc.failure_cases.iterrows():
            index = case["index"]
            line = None
            if index is not None and not (isinstance(index, float) and math.isnan(index)):
                bad_rows.add(int(index))
                line = int(frame.loc[int(index), LINE])
            else:
                whole_table = True
            check = str(case["check"])
            column = case["column"]
            if check.startswith("coerce_dtype") or check.startswith("dtype("):
                message = f"expected a number, got {case['failure_case']!r}"
            elif check == "field_uniqueness":
                message = f"duplicate value {case['failure_case']!r}: values must be unique"
            elif check == "multiple_fields_uniqueness":
                key = ", ".join(schema.unique)
                message = f"duplicate row: the combination of ({key}) must be unique"
                column = None
            elif check == "column_in_dataframe":
                message = "column missing"
            else:
                message = f"{check}, got {case['failure_case']!r}"
            problems.append(Problem(name, line, column, message))
        # one message per cell: an empty required cell need not also fail its other checks
        seen, unique = set(), []
        for p in sorted(
            problems, key=lambda p: (p.line or 0, p.column or "", "non-empty" not in p.message)
        ):
            if (p.line, p.column) in seen and p.line is not None:
                continue
            seen.add((p.line, p.column))
            unique.append(p)
        good = frame.iloc[:0] if whole_table else frame.drop(index=sorted(bad_rows))
        try:
            good = schema.validate(good, lazy=True)
        except pa.errors.SchemaErrors:  # only a table-wide failure is left: no row is usable
            good = frame.iloc[:0]
        good.attrs.update(frame.attrs)
        return good, unique


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
            problems.append(
                Problem(
                    name,
                    getattr(row, LINE),
                    column,
                    f"quote not found verbatim in raw/{row.source_id}.txt: {quote[:40]!r}…",
                )
            )
    return problems


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def check_fact_provenance(
    facts: pd.DataFrame, raws: dict[str, str], base_units: dict[str, str]
) -> list[Problem]:
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

        def bad(column: str, message: str, line: int = line) -> None:
            problems.append(Problem(name, line, column, message))

        if squash(row.value_text) not in flat_text(row.quote):
            bad("quote", f"quote does not contain the number as written {row.value_text!r}")
        try:
            q = parse_quantity(row.value_text)
        except QuantityParseError as exc:
            bad("value_text", str(exc))
            continue
        if not _close(float(row.value), q.value):
            bad(
                "value",
                f"expected {q.value:g} (parser reading of {row.value_text!r}), got {row.value:g}",
            )
        if row.unit != q.unit:
            bad("unit", f"expected {q.unit!r} (as written in {row.value_text!r}), got {row.unit!r}")
        if not _close(float(row.value_base), q.value_base):
            bad(
                "value_base",
                f"expected {q.value_base:g} (parser reading of {row.value_text!r}), "
                f"got {row.value_base:g}",
            )
        if row.base_unit != q.base_unit:
            bad(
                "base_unit",
                f"expected {q.base_unit!r} (parser reading of {row.value_text!r}), "
                f"got {row.base_unit!r}",
            )
        for column, expected_high in (
            ("value_high", q.value_high),
            ("value_base_high", q.value_base_high),
        ):
            stored = getattr(row, column)
            if expected_high is None and stored != "":
                bad(
                    column,
                    f"expected empty ({row.value_text!r} has no upper bound), got {stored!r}",
                )
            elif expected_high is not None and (
                stored == "" or not _close(float(stored), expected_high)
            ):
                bad(
                    column,
                    f"expected {expected_high:g} (the upper bound of {row.value_text!r}: "
                    f"a range keeps both bounds), got {stored or 'empty'}",
                )
        if q.qualifier != "exact" and q.qualifier != row.qualifier:
            bad(
                "qualifier",
                f"expected {q.qualifier!r} ({row.value_text!r} says so), got {row.qualifier!r}",
            )
        expected = base_units.get(row.indicator)
        if expected is not None and row.base_unit != expected:
            bad(
                "base_unit",
                f"indicator {row.indicator!r} is measured in {expected!r}, got {row.base_unit!r}",
            )
    return problems


def check_fact_semantics(facts: pd.DataFrame) -> list[Problem]:
    """Check that each fact's status, period type and indicator agree with its quote.

    The quote is read for cue words: a forecast, plan or target cue
    (:data:`lib.text.cues.NOT_YET_CUES`) with status ``achieved``; a quarter, half-year,
    year-to-date or as-of cue (:data:`lib.text.cues.PERIOD_CUES`) with a period type it does
    not allow (beside 截至 or 累计, a quarter names the point a total runs to, so
    ``cumulative`` and ``stock`` are allowed); 柔性 (flexible recruitment) with an indicator
    that is not a flexible one. A row whose ``note`` quotes the cue is an
    explained exception (``将 here means 'to take' (将…纳入), not a forecast``).

    Parameters
    ----------
    facts : pandas.DataFrame
        Schema-valid facts with ``line``.

    Returns
    -------
    list of Problem
        Each naming the file, line, column and the cue found.
    """
    name = facts.attrs.get("file", "data/facts.csv")
    problems = []
    for row in facts.itertuples(index=False):
        line = getattr(row, LINE)
        explained = set(_cues(row.note, [*NOT_YET_CUES, *PERIOD_CUES, FLEXIBLE_CUE]))
        if row.status == "achieved":
            for cue in _cues(row.quote, NOT_YET_CUES):
                if cue not in explained:
                    problems.append(
                        Problem(
                            name,
                            line,
                            "status",
                            f"status 'achieved' but the quote says {cue} (a plan, forecast or "
                            f"target cue): set the status, or quote {cue} in the note and explain",
                        )
                    )
        as_of = bool(_cues(row.quote, AS_OF_CUES))
        for cue in _cues(row.quote, PERIOD_CUES):
            allowed = PERIOD_CUES[cue]
            if as_of and set(allowed) & {"quarter", "half_year"}:
                allowed = (*allowed, "cumulative", "stock")
            if row.period_type not in allowed and cue not in explained:
                problems.append(
                    Problem(
                        name,
                        line,
                        "period_type",
                        f"period_type {row.period_type!r} but the quote says {cue}: expected "
                        f"{' or '.join(allowed)}, or quote {cue} in the note and explain",
                    )
                )
        if (
            FLEXIBLE_CUE in flat_text(row.quote)
            and "flexible" not in row.indicator
            and FLEXIBLE_CUE not in explained
        ):
            problems.append(
                Problem(
                    name,
                    line,
                    "indicator",
                    f"the quote says {FLEXIBLE_CUE} (flexible recruitment: the person does not "
                    f"move) but indicator {row.indicator!r} is not a flexible one; use one, or "
                    f"quote "
                    f"{FLEXIBLE_CUE} in the note and explain",
                )
            )
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
                problems.append(
                    Problem(
                        name,
                        getattr(row, LINE),
                        "source_ids",
                        f"neither {row.entity!r} nor its aliases occur in {sid}",
                    )
                )
    return problems


def check_bases_same_region(bases: pd.DataFrame, facts: pd.DataFrame) -> list[Problem]:
    """Check that a target's base and reported growth are about the target's region.

    Parameters
    ----------
    bases : pandas.DataFrame
        ``target_bases.csv`` rows with ``line``.
    facts : pandas.DataFrame
        ``facts.csv`` rows (``fact_id``, ``region_code``).

    Returns
    -------
    list of Problem
    """
    name = bases.attrs.get("file", "data/target_bases.csv")
    region = dict(zip(facts.fact_id, facts.region_code))
    problems = []
    for row in bases.itertuples(index=False):
        for column in ("base_fact", "growth_fact"):
            other = getattr(row, column)
            if (
                other
                and other in region
                and row.target_fact in region
                and region[other] != region[row.target_fact]
            ):
                problems.append(
                    Problem(
                        name,
                        getattr(row, LINE),
                        column,
                        f"{other} is about region {region[other]}, but the "
                        f"target {row.target_fact} is about "
                        f"{region[row.target_fact]}",
                    )
                )
    return problems


def _months(date: str) -> tuple[int, int]:
    """The first and last month a date of ``sources.csv`` may mean, as ``year * 12 + month``."""
    parts = [int(p) for p in date.split("-")[:2]]
    if len(parts) == 1:
        return parts[0] * 12 + 1, parts[0] * 12 + 12
    return parts[0] * 12 + parts[1], parts[0] * 12 + parts[1]


def source_is_later(later: str, earlier: str) -> bool:
    """Whether a source dated *later* certainly comes after one dated *earlier*.

    Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (``sources.csv``); a year may be any of
    its months, so two dates in the same year are ordered only when both give their month.

    Examples
    --------
    >>> source_is_later("2025", "2024-03"), source_is_later("2025-10", "2025")
    (True, False)
    """
    return _months(later)[0] > _months(earlier)[1]


def check_outcomes(
    outcomes: pd.DataFrame, facts: pd.DataFrame, dates: dict[str, str], raws: dict[str, str]
) -> list[Problem]:
    """Check that each outcome is reported later than its target, about the same place.

    For every row of ``outcomes.csv``: the outcome fact's source is dated after the target
    fact's source (:func:`source_is_later`: a source of the same year without a month is not
    later); both facts are about the same region, and the same entity when both name one; the
    evidence is verbatim in the outcome's source; a verdict ``met`` says its timing, other
    verdicts leave it empty.

    Parameters
    ----------
    outcomes : pandas.DataFrame
        ``outcomes.csv`` rows with ``line``.
    facts : pandas.DataFrame
        ``facts.csv`` rows (``fact_id``, ``source_id``, ``region_code``, ``entity``).
    dates : dict
        Source id → date (``sources.csv``).
    raws : dict
        Raw text by source_id.

    Returns
    -------
    list of Problem
    """
    name = outcomes.attrs.get("file", "data/outcomes.csv")
    by_id = {r.fact_id: r for r in facts.itertuples(index=False)}
    problems = []
    for row in outcomes.itertuples(index=False):
        line = getattr(row, LINE)
        target, outcome = by_id.get(row.target_fact), by_id.get(row.outcome_fact)
        if (row.verdict == "met") != bool(row.timing):
            problems.append(
                Problem(
                    name,
                    line,
                    "timing",
                    "a verdict 'met' says its timing (on_time, late, not_stated); "
                    f"a verdict {row.verdict!r} leaves it empty",
                )
            )
        if target is None or outcome is None:  # the schema reports the unknown id
            continue
        t_date, o_date = dates.get(target.source_id), dates.get(outcome.source_id)
        if t_date and o_date and not source_is_later(o_date, t_date):
            problems.append(
                Problem(
                    name,
                    line,
                    "outcome_fact",
                    f"{row.outcome_fact} comes from {outcome.source_id} (dated {o_date}), "
                    f"not certainly later than {target.source_id} (dated {t_date}) where "
                    f"{row.target_fact} is stated",
                )
            )
        if outcome.region_code != target.region_code or (
            outcome.entity and target.entity and outcome.entity != target.entity
        ):
            problems.append(
                Problem(
                    name,
                    line,
                    "outcome_fact",
                    f"{row.outcome_fact} is about {outcome.region_code} "
                    f"{outcome.entity}, the target {row.target_fact} about "
                    f"{target.region_code} {target.entity}",
                )
            )
        raw = raws.get(outcome.source_id)
        if raw is not None and row.evidence not in raw:
            problems.append(
                Problem(
                    name,
                    line,
                    "evidence",
                    f"evidence not found verbatim in raw/{outcome.source_id}.txt: "
                    f"{row.evidence[:40]!r}…",
                )
            )
    return problems


def check_chains_drawn(chains: pd.DataFrame, links: pd.DataFrame) -> list[Problem]:
    """Check that every chain of ``chains.csv`` has at least one link in ``chain_links.csv``.

    Returns
    -------
    list of Problem
    """
    name = chains.attrs.get("file", "data/chains.csv")
    drawn = set(links.chain)
    return [
        Problem(
            name, getattr(row, LINE), "chain", f"chain {row.chain!r} has no link in chain_links.csv"
        )
        for row in chains.itertuples(index=False)
        if row.chain not in drawn
    ]


def check_groups(groups: pd.DataFrame) -> list[Problem]:
    """Check the rules of ``indicator_groups.csv`` that join two columns.

    A group must belong to its row's chapter (:data:`lib.data.vocab.CHAPTER_GROUPS`), and
    ``sense`` is required for a firm-level gain (``firm_gain``) and empty otherwise. Rows
    whose chapter is unknown are left to the schema.

    Parameters
    ----------
    groups : pandas.DataFrame
        Rows of ``indicator_groups.csv`` as read (strings) with ``line``.

    Returns
    -------
    list of Problem
    """
    name = groups.attrs.get("file", "data/indicator_groups.csv")
    problems = []
    for row in groups.itertuples(index=False):
        line = getattr(row, LINE)
        valid = CHAPTER_GROUPS.get(row.chapter)
        if valid is not None and row.group not in valid:
            problems.append(
                Problem(
                    name,
                    line,
                    "group",
                    f"group {row.group!r} is not a group of {row.chapter}; valid: {list(valid)}",
                )
            )
        if (row.group == "firm_gain") != (row.sense != ""):
            problems.append(
                Problem(
                    name,
                    line,
                    "sense",
                    f"sense {row.sense!r}: required for firm_gain (one of "
                    f"{list(SENSES)}), empty otherwise",
                )
            )
    return problems


def check_glossary(glossary: pd.DataFrame, raws: dict[str, str]) -> list[Problem]:
    """Check glossary rows against the corpus.

    Parameters
    ----------
    glossary : pandas.DataFrame
        Rows of ``glossary.csv`` (and optionally ``line``).
    raws : dict
        Raw text by source_id: the whole corpus (a form is looked for in all of it).

    Returns
    -------
    list of Problem
        Empty when every corpus form occurs in the corpus, and every quote is a verbatim
        passage of its source containing one of the term's forms. A row whose source is not
        in *raws* is left to the schema (which reports an unknown ``source_id``).
    """
    name = glossary.attrs.get("file", "data/glossary.csv")
    flat = "".join(flat_text(t) for t in raws.values())
    problems = []
    for row in glossary.to_dict("records"):
        line = row.get(LINE)

        def bad(column: str, message: str, line: int = line) -> None:
            problems.append(Problem(name, line, column, message))

        forms = [f for f in str(row["corpus_forms"]).split("|") if f]
        for form in forms:
            if squash(form) not in flat:
                bad("corpus_forms", f"{form!r} does not occur in the corpus")
        raw = raws.get(row["source_id"])
        if raw is None:
            continue
        if row["quote"] and row["quote"] not in raw:
            bad(
                "quote",
                f"quote not found verbatim in raw/{row['source_id']}.txt: {row['quote'][:40]!r}…",
            )
        elif forms and not any(squash(f) in squash(row["quote"]) for f in forms):
            bad("quote", f"the quote contains none of the term's forms {forms}")
    return problems


def check_cluster_members(
    clusters: pd.DataFrame, members: pd.DataFrame, known: dict[str, set[str] | None]
) -> list[Problem]:
    """Check that each member of a cluster exists, and that each cluster has facts to draw on.

    Parameters
    ----------
    clusters : pandas.DataFrame
        ``clusters.csv`` rows with ``line``.
    members : pandas.DataFrame
        ``cluster_members.csv`` rows with ``line``.
    known : dict
        For each member type of :data:`lib.data.vocab.MEMBER_TYPES`, the ids its file lists
        (``None`` when that file could not be read: those members are not checked).

    Returns
    -------
    list of Problem
        A member not in the file its type names; a cluster with neither an entity nor an
        indicator (no fact could describe it).
    """
    name = members.attrs.get("file", "data/cluster_members.csv")
    problems = []
    for row in members.itertuples(index=False):
        ids = known.get(row.member_type)
        if ids is not None and row.member not in ids:
            problems.append(
                Problem(
                    name,
                    getattr(row, LINE),
                    "member",
                    f"no {row.member_type} {row.member!r} in {MEMBER_TYPES[row.member_type]}",
                )
            )
    described = set(members.cluster[members.member_type.isin(["entity", "indicator"])])
    problems += [
        Problem(
            clusters.attrs.get("file", "data/clusters.csv"),
            getattr(row, LINE),
            "cluster",
            f"cluster {row.cluster!r} has no entity or indicator in "
            "cluster_members.csv: no fact could describe it",
        )
        for row in clusters.itertuples(index=False)
        if row.cluster not in described
    ]
    return problems


def check_articles(articles: pd.DataFrame, sources: dict[str, Source]) -> list[Problem]:
    """Check that each article's marker starts exactly one line of its source, in order.

    Parameters
    ----------
    articles : pandas.DataFrame
        ``articles.csv`` rows (``article_id``, ``source_id``, ``article_no``,
        ``starts_with``, titles).
    sources : dict
        The :class:`~lib.data.corpus.Source` of each source_id whose raw file is sound.

    Returns
    -------
    list of Problem
        One per source whose articles cannot be split (see
        :func:`lib.data.corpus.split_articles`).
    """
    name = articles.attrs.get("file", "data/articles.csv")
    problems = []
    for sid, source in sources.items():
        rows = articles[articles.source_id == sid].sort_values("article_no")
        markers = [(r.article_id, r.starts_with, r.title_zh, r.title_en) for r in rows.itertuples()]
        try:
            split_articles(source, markers)
        except ValueError as exc:
            problems.append(Problem(name, None, "starts_with", str(exc)))
    return problems
