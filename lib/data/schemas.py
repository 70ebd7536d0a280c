"""Pandera schemas of the data files: every column of every table, and what it must hold.

Each ``*_schema`` function returns the schema of one file and names every column of the file,
in file order, so a schema is the one list of a table's columns (:data:`COLUMNS` is read from
the schemas). Schemas that refer to other files (region codes, indicator ids, source ids)
take the allowed values as arguments, so they can be checked on small test data too; an
argument of ``None`` means the other file could not be read, and the reference is then not
checked (loading reports why the other file could not be read instead).

What a column *means* is not here but in the file's sidecar, ``data/<name>.meta.yml``
(:mod:`lib.data.meta`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandera.pandas as pa

from lib.data.vocab import (
    ATTRIBUTIONS,
    CHAPTER_GROUPS,
    COMPARABILITY,
    ENTITY_TYPES,
    GENRES,
    KINDS,
    LINK_STATUSES,
    LINKAGE_GROUPS,
    LINKAGE_TYPES,
    MEMBER_TYPES,
    OUTCOME_TIMINGS,
    OUTCOME_VERDICTS,
    PERIOD_BASES,
    PERIOD_TYPES,
    REGION_LEVELS,
    RELEVANCES,
    SENSES,
    STATES,
    STATUSES,
    THEMES,
)
from lib.text.quantities import BASE_UNITS, QUALIFIERS
from lib.text.terms import han_characters

__all__ = [
    "COLUMNS",
    "PERIOD_PATTERN",
    "SCHEMAS",
    "articles_schema",
    "chain_links_schema",
    "chains_schema",
    "cluster_members_schema",
    "clusters_schema",
    "entities_schema",
    "facts_schema",
    "glossary_schema",
    "headlines_schema",
    "indicator_groups_schema",
    "indicators_schema",
    "outcomes_schema",
    "linkages_schema",
    "policy_terms_schema",
    "regions_schema",
    "schema_of",
    "sources_schema",
    "target_bases_schema",
]

#: Pattern of periods (a year, a half year, a quarter, a month, a day, or a span of years).
PERIOD_PATTERN = r"^(?:\d{4}(?:H[12]|Q[1-4]|-\d{2}(?:-\d{2})?)?|\d{4}/\d{4})?$"
#: A number as the CSV writes it (the upper bound of a range), or empty.
_NUMBER_OR_EMPTY = r"^(?:-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)?$"
_CODE = r"^\d{6}$"
_SLUG = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
_SNAKE = r"^[a-z][a-z0-9_]*$"
_CHINESE = r"[\u4e00-\u9fff]"

References = Iterable[str] | None


def _isin(values: References, what: str) -> pa.Check | None:
    if values is None:  # the file referred to could not be read
        return None
    allowed = sorted(set(values))
    shown = allowed if len(allowed) <= 20 else allowed[:20] + ["…"]
    return pa.Check.isin(allowed, error=f"expected {what}, one of {shown}")


def _text(*checks: pa.Check | None, unique: bool = False, required: bool = True) -> pa.Column:
    kept = [c for c in checks if c is not None]
    if required:
        kept.insert(0, pa.Check.str_length(min_value=1, error="expected a non-empty value"))
    # a repeated value is reported where it repeats, not where it first occurs
    return pa.Column(str, checks=kept, unique=unique, report_duplicates="exclude_first")


def _free(*checks: pa.Check | None) -> pa.Column:
    """A text column that may be empty."""
    return _text(*checks, required=False)


def sources_schema() -> pa.DataFrameSchema:
    """Schema of ``data/sources.csv`` (one row per raw file)."""
    return pa.DataFrameSchema(
        {
            "source_id": _text(
                pa.Check.str_matches(r"^\d{3}_[0-9a-f]{16}$", error="expected NNN_<16 hex digits>"),
                unique=True,
            ),
            "file": _text(pa.Check.str_matches(r"^raw/.+\.txt$", error="expected raw/<file>.txt")),
            "outlet": _free(),
            "outlet_basis": _free(),
            "date": _text(
                pa.Check.str_matches(
                    r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$", error="expected YYYY, YYYY-MM or YYYY-MM-DD"
                )
            ),
            "date_basis": _free(),
            "language": _free(),
            "articles": _free(),
            "regions": _free(),
            "sha256": _text(
                pa.Check.str_matches(r"^[0-9a-f]{64}$", error="expected 64 hex digits")
            ),
            "bytes": pa.Column(int, coerce=True),
            "genre": _text(_isin(GENRES, "a genre")),
            "genre_evidence": _text(),
        }
    )


def articles_schema(source_ids: References, region_codes: References) -> pa.DataFrameSchema:
    """Schema of ``data/articles.csv`` (one row per article of a raw file)."""
    return pa.DataFrameSchema(
        {
            "article_id": _text(
                pa.Check.str_matches(r"^\d{3}-\d+$", error="expected NNN-n"), unique=True
            ),
            "source_id": _text(_isin(source_ids, "a source_id of sources.csv")),
            "article_no": pa.Column(int, pa.Check.ge(1), coerce=True),
            "starts_with": _text(),
            "title_zh": _text(),
            "title_en": _text(),
            "title_basis": _text(_isin(["printed", "editorial"], "how the title is known")),
            "region_code": _text(_isin(region_codes, "a code of regions.csv")),
            "topic": _free(),
            "byline": _free(),
        }
    )


def regions_schema(region_ids: References) -> pa.DataFrameSchema:
    """Schema of ``data/regions.csv`` (places and parks)."""
    return pa.DataFrameSchema(
        {
            "region_id": _text(
                pa.Check.str_matches(
                    r"^(?:\d{6}|park-[a-z0-9-]+)$", error="expected a 6-digit code or park-<slug>"
                ),
                unique=True,
            ),
            "code": _text(
                pa.Check.str_matches(_CODE, error="expected a 6-digit administrative code")
            ),
            "name_zh": _text(unique=True),
            "name_en": _text(),
            "level": _text(_isin(REGION_LEVELS, "a region level")),
            "parent": _free(
                _isin(
                    None if region_ids is None else [*region_ids, ""],
                    "a region_id of regions.csv or empty",
                )
            ),
            "aliases": _free(),
        }
    )


def indicators_schema() -> pa.DataFrameSchema:
    """Schema of ``data/indicators.csv`` (the controlled vocabulary of indicators)."""
    return pa.DataFrameSchema(
        {
            "indicator": _text(
                pa.Check.str_matches(_SNAKE, error="expected snake_case"), unique=True
            ),
            "label_en": _text(),
            "label_zh": _text(),
            "base_unit": _text(_isin(BASE_UNITS, "a base unit")),
            "definition": _text(),
        }
    )


def _or_empty(values: References) -> References:
    return None if values is None else [*values, ""]


def facts_schema(
    source_ids: References, region_codes: References, indicators: References, entities: References
) -> pa.DataFrameSchema:
    """Schema of ``data/facts.csv`` (one row per quantitative statement)."""
    return pa.DataFrameSchema(
        {
            "fact_id": _text(
                pa.Check.str_matches(
                    r"^\d{3}-[a-z0-9]+(?:-[a-z0-9]+)*$", error="expected NNN-lowercase-words"
                ),
                unique=True,
            ),
            "source_id": _text(_isin(source_ids, "a source_id of sources.csv")),
            "region_code": _text(_isin(region_codes, "a code of regions.csv")),
            "entity": _free(_isin(_or_empty(entities), "an entity of entities.csv or empty")),
            "theme": _text(_isin(THEMES, "a theme")),
            "indicator": _text(_isin(indicators, "an indicator of indicators.csv")),
            "kind": _text(_isin(KINDS, "a kind")),
            "status": _text(_isin(STATUSES, "a status")),
            "value": pa.Column(float, coerce=True),
            "unit": _free(),
            "value_base": pa.Column(float, coerce=True),
            "base_unit": _text(_isin(BASE_UNITS, "a base unit")),
            "value_high": _free(
                pa.Check.str_matches(_NUMBER_OR_EMPTY, error="expected a number or empty")
            ),
            "value_base_high": _free(
                pa.Check.str_matches(_NUMBER_OR_EMPTY, error="expected a number or empty")
            ),
            "qualifier": _text(_isin(QUALIFIERS, "a qualifier")),
            "value_text": _text(),
            "period": _free(
                pa.Check.str_matches(
                    PERIOD_PATTERN,
                    error="expected YYYY, YYYYH1, YYYYQn, YYYY-MM, YYYY-MM-DD, YYYY/YYYY or empty",
                )
            ),
            "period_type": _text(_isin(PERIOD_TYPES, "a period type")),
            "period_basis": _text(_isin(PERIOD_BASES, "a period basis")),
            "state": _free(_isin(STATES, "before, after or empty")),
            "attribution": _text(_isin(ATTRIBUTIONS, "an attribution")),
            "relevance": _text(_isin(RELEVANCES, "a relevance")),
            "quote": _text(),
            "note": _free(),
        }
    )


def entities_schema(region_codes: References, source_ids: References) -> pa.DataFrameSchema:
    """Schema of ``data/entities.csv`` (firms, institutions, parks, clusters, programmes)."""
    known = None if source_ids is None else set(source_ids)
    listed = (
        None
        if known is None
        else pa.Check(
            lambda s: s.str.split(";").map(lambda ids: all(i in known for i in ids)),
            error="expected ';'-separated source_ids of sources.csv",
        )
    )
    return pa.DataFrameSchema(
        {
            "entity": _text(unique=True),
            "name_en": _text(),
            "entity_type": _text(_isin(ENTITY_TYPES, "an entity type")),
            "region_code": _free(
                _isin(
                    _or_empty(region_codes),
                    "a code of regions.csv, or empty for national bodies based "
                    "outside the corpus's regions",
                )
            ),
            "industry": _free(),
            "products": _free(),
            "aliases": _free(),
            "source_ids": _text(listed),
        }
    )


def chains_schema(region_codes: References) -> pa.DataFrameSchema:
    """Schema of ``data/chains.csv`` (the supply chains: id, home place, names)."""
    return pa.DataFrameSchema(
        {
            "chain": _text(pa.Check.str_matches(_SNAKE, error="expected snake_case"), unique=True),
            "region_code": _text(_isin(region_codes, "a code of regions.csv")),
            "name_zh": _text(
                pa.Check.str_contains(_CHINESE, error="expected a name in Chinese characters")
            ),
            "name_en": _text(),
            "note": _free(),
        }
    )


def chain_links_schema(
    region_codes: References, source_ids: References, chain_ids: References
) -> pa.DataFrameSchema:
    """Schema of ``data/chain_links.csv`` (upstream → downstream links of supply chains).

    ``chain`` must be one of *chain_ids* (the chains of ``chains.csv``).
    """
    return pa.DataFrameSchema(
        {
            "link_id": _text(
                pa.Check.str_matches(_SLUG, error="expected a lowercase slug"), unique=True
            ),
            "chain": _text(_isin(chain_ids, "a chain of chains.csv")),
            "region_code": _text(_isin(region_codes, "a code of regions.csv")),
            "upstream": _text(),
            "downstream": _text(),
            "status": _text(_isin(LINK_STATUSES, "a link status")),
            "source_id": _text(_isin(source_ids, "a source_id of sources.csv")),
            "quote": _text(),
            "note": _free(),
        }
    )


def target_bases_schema(
    target_ids: References, level_ids: References, growth_ids: References
) -> pa.DataFrameSchema:
    """Schema of ``data/target_bases.csv`` (the base each stated target is measured from).

    Parameters
    ----------
    target_ids, level_ids, growth_ids : iterable of str, or None
        ``fact_id`` s of ``facts.csv``: of status ``target``; of an achieved level (kind
        ``level``, ``share`` or ``capacity``); of an achieved growth rate.
    """
    return pa.DataFrameSchema(
        {
            "target_fact": _text(
                _isin(target_ids, "the fact_id of a target in facts.csv"), unique=True
            ),
            "base_fact": _free(
                _isin(
                    _or_empty(level_ids),
                    "the fact_id of an achieved level (level, share, capacity) or empty",
                )
            ),
            "growth_fact": _free(
                _isin(_or_empty(growth_ids), "the fact_id of an achieved growth rate or empty")
            ),
            "comparability": _text(_isin(COMPARABILITY, "a comparability")),
            "note": _text(),
        }
    )


def outcomes_schema(expected_ids: References, outcome_ids: References) -> pa.DataFrameSchema:
    """Schema of ``data/outcomes.csv`` (targets and expectations checked against later sources).

    That the outcome's source is later than the target's, that both are about the same place
    and that the evidence is verbatim in the later source are
    :func:`lib.data.checks.check_outcomes`.

    Parameters
    ----------
    expected_ids, outcome_ids : iterable of str, or None
        ``fact_id`` s of ``facts.csv``: of status ``target``, ``forecast`` or ``planned``; of
        status ``achieved``.
    """
    return pa.DataFrameSchema(
        {
            "target_fact": _text(
                _isin(expected_ids, "the fact_id of a target, forecast or plan in facts.csv")
            ),
            "outcome_fact": _text(
                _isin(outcome_ids, "the fact_id of an achieved fact in facts.csv")
            ),
            "verdict": _text(_isin(OUTCOME_VERDICTS, "a verdict")),
            "timing": _free(_isin(OUTCOME_TIMINGS, "a timing or empty")),
            "evidence": _text(),
            "note": _text(),
        },
        unique=["target_fact", "outcome_fact"],
        report_duplicates="exclude_first",
    )


def indicator_groups_schema(indicators: References) -> pa.DataFrameSchema:
    """Schema of ``data/indicator_groups.csv`` (which indicator feeds which part of a chapter).

    That a group belongs to its chapter, and that ``sense`` is given exactly for firm-level
    gains, are checked by :func:`lib.data.checks.check_groups`.
    """
    groups = [g for gs in CHAPTER_GROUPS.values() for g in gs]
    return pa.DataFrameSchema(
        {
            "indicator": _text(_isin(indicators, "an indicator of indicators.csv"), unique=True),
            "chapter": _text(_isin(CHAPTER_GROUPS, "a chapter")),
            "group": _text(_isin(groups, "a group")),
            "item": _text(),
            "order": pa.Column(int, pa.Check.ge(0, error="expected a whole number"), coerce=True),
            "sense": _free(_isin([*SENSES, ""], "a sense or empty")),
            "comparable": _text(_isin(["yes", "no"], "yes or no")),
            "note": _free(),
        }
    )


def policy_terms_schema() -> pa.DataFrameSchema:
    """Schema of ``data/policy_terms.csv`` (the policy vocabulary of the term counts)."""
    return pa.DataFrameSchema(
        {
            "term": _text(
                pa.Check(
                    lambda s: s.map(lambda t: han_characters(t) == len(t)),
                    error="expected Han characters only",
                ),
                unique=True,
            ),
            "label_en": _text(),
            "category": _text(),
        }
    )


def glossary_schema(source_ids: References) -> pa.DataFrameSchema:
    """Schema of ``data/glossary.csv`` (one row per term; its checks against the corpus are
    :func:`lib.data.checks.check_glossary`)."""
    return pa.DataFrameSchema(
        {
            "term": _text(unique=True),
            "pinyin": _text(),
            "english": _text(),
            "explanation": _text(),
            "numbers_note": _text(),
            "corpus_forms": _text(),
            "source_id": _text(_isin(source_ids, "a source_id of sources.csv")),
            "quote": _text(),
        }
    )


def headlines_schema(indicators: References) -> pa.DataFrameSchema:
    """Schema of ``data/headlines.csv`` (the ranked list of headline measures)."""
    return pa.DataFrameSchema(
        {
            "indicator": _text(_isin(indicators, "an indicator of indicators.csv"), unique=True),
            "rank": pa.Column(
                int,
                pa.Check.ge(1, error="expected a whole number of at least 1"),
                coerce=True,
                unique=True,
                report_duplicates="exclude_first",
            ),
            "compare": _free(),
            "why": _text(),
        }
    )


def clusters_schema(region_codes: References) -> pa.DataFrameSchema:
    """Schema of ``data/clusters.csv`` (the clusters a chapter can focus on)."""
    return pa.DataFrameSchema(
        {
            "cluster": _text(
                pa.Check.str_matches(_SNAKE, error="expected snake_case"), unique=True
            ),
            "region_code": _text(_isin(region_codes, "a code of regions.csv")),
            "name_zh": _text(
                pa.Check.str_contains(_CHINESE, error="expected a name in Chinese characters")
            ),
            "name_en": _text(),
        }
    )


def cluster_members_schema(cluster_ids: References) -> pa.DataFrameSchema:
    """Schema of ``data/cluster_members.csv`` (what each cluster is made of; that each member
    exists is :func:`lib.data.checks.check_cluster_members`)."""
    return pa.DataFrameSchema(
        {
            "cluster": _text(_isin(cluster_ids, "a cluster of clusters.csv")),
            "member_type": _text(_isin(MEMBER_TYPES, "a member type")),
            "member": _text(),
        },
        unique=["cluster", "member_type", "member"],
        report_duplicates="exclude_first",
    )


def linkages_schema(region_codes: References, source_ids: References) -> pa.DataFrameSchema:
    """Schema of ``data/linkages.csv`` (ties to places outside southern Jiangxi, one per
    partner; that each quote is verbatim is :func:`lib.data.checks.check_quotes`)."""
    return pa.DataFrameSchema(
        {
            "tie_id": _text(
                pa.Check.str_matches(_SLUG, error="expected a lowercase slug"), unique=True
            ),
            "source_id": _text(_isin(source_ids, "a source_id of sources.csv")),
            "region_code": _text(_isin(region_codes, "a code of regions.csv")),
            "partner": _text(),
            "partner_group": _text(_isin(LINKAGE_GROUPS, "a partner group")),
            "tie_type": _text(_isin(LINKAGE_TYPES, "a tie type")),
            "quote": _text(),
            "note": _free(),
        }
    )


#: The schema function of each table (``data/<name>.csv``), in the order tables are listed.
SCHEMAS: dict[str, Callable[..., pa.DataFrameSchema]] = {
    "sources": sources_schema,
    "articles": articles_schema,
    "regions": regions_schema,
    "indicators": indicators_schema,
    "facts": facts_schema,
    "entities": entities_schema,
    "target_bases": target_bases_schema,
    "outcomes": outcomes_schema,
    "chains": chains_schema,
    "chain_links": chain_links_schema,
    "indicator_groups": indicator_groups_schema,
    "policy_terms": policy_terms_schema,
    "glossary": glossary_schema,
    "clusters": clusters_schema,
    "cluster_members": cluster_members_schema,
    "headlines": headlines_schema,
    "linkages": linkages_schema,
}


def schema_of(name: str) -> pa.DataFrameSchema:
    """The schema of table *name* for documentation: references to other files are not
    resolved, so their checks name the file they refer to instead of listing its values.

    Raises
    ------
    KeyError
        For an unknown table, listing the known ones.
    """
    if name not in SCHEMAS:
        raise KeyError(f"unknown table {name!r}; known: {sorted(SCHEMAS)}")
    fn = SCHEMAS[name]
    return fn(*[[] for _ in range(fn.__code__.co_argcount)])


#: Columns of each table, in file order (read from the schemas).
COLUMNS: dict[str, list[str]] = {name: list(schema_of(name).columns) for name in SCHEMAS}
