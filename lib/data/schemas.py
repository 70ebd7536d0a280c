"""Pandera schemas of the data files.

Each ``*_schema`` function returns the schema of one file. Schemas that refer to other
files (region codes, indicator ids, source ids) take the allowed values as arguments, so
they can be checked on small test data too.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandera.pandas as pa

from lib.text.quantities import BASE_UNITS, QUALIFIERS
from lib.data.vocab import (
    ATTRIBUTIONS, COMPARABILITY, ENTITY_TYPES, KINDS, LINK_STATUSES, PERIOD_BASES, REGION_LEVELS, STATES,
    THEMES,
)

__all__ = [
    "COLUMNS", "PERIOD_PATTERN", "articles_schema", "chain_links_schema", "chains_schema",
    "entities_schema", "facts_schema", "indicators_schema", "regions_schema", "sources_schema",
    "target_bases_schema",
]

#: Pattern of periods (a year, a quarter, a month, a day, or a span of years).
PERIOD_PATTERN = r"^(?:\d{4}(?:Q[1-4]|-\d{2}(?:-\d{2})?)?|\d{4}/\d{4})?$"
_CODE = r"^\d{6}$"
_SLUG = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
_SNAKE = r"^[a-z][a-z0-9_]*$"

#: Columns of each file, in order.
COLUMNS: dict[str, list[str]] = {
    "sources": ["source_id", "file", "outlet", "outlet_basis", "date", "date_basis", "language",
                "articles", "regions", "sha256", "bytes"],
    "articles": ["article_id", "source_id", "article_no", "starts_with", "title_zh", "title_en",
                 "title_basis", "region_code", "topic", "byline"],
    "regions": ["region_id", "code", "name_zh", "name_en", "level", "parent", "aliases"],
    "indicators": ["indicator", "label_en", "label_zh", "base_unit", "definition"],
    "facts": ["fact_id", "source_id", "region_code", "entity", "theme", "indicator", "value",
              "unit", "value_base", "base_unit", "period", "kind", "qualifier", "quote",
              "value_text", "period_basis", "state", "attribution", "note"],
    "entities": ["entity", "name_en", "entity_type", "region_code", "industry", "products",
                 "aliases", "source_ids"],
    "chain_links": ["link_id", "chain", "region_code", "upstream", "downstream", "status",
                    "source_id", "quote", "note"],
    "target_bases": ["target_fact", "base_fact", "growth_fact", "comparability", "note"],
    "chains": ["chain", "region_code", "name_zh", "name_en", "note"],
}


def _isin(values: Iterable[str], what: str) -> pa.Check:
    allowed = sorted(set(values))
    shown = allowed if len(allowed) <= 20 else allowed[:20] + ["…"]
    return pa.Check.isin(allowed, error=f"expected {what}, one of {shown}")


def _text(*checks: pa.Check, unique: bool = False, required: bool = True) -> pa.Column:
    checks = list(checks)
    if required:
        checks.insert(0, pa.Check.str_length(min_value=1, error="expected a non-empty value"))
    return pa.Column(str, checks=checks, unique=unique)


def sources_schema() -> pa.DataFrameSchema:
    """Schema of ``data/sources.csv`` (one row per raw file)."""
    return pa.DataFrameSchema({
        "source_id": _text(pa.Check.str_matches(r"^\d{3}_[0-9a-f]{16}$",
                                                error="expected NNN_<16 hex digits>"), unique=True),
        "file": _text(pa.Check.str_matches(r"^raw/.+\.txt$", error="expected raw/<file>.txt")),
        "date": _text(pa.Check.str_matches(r"^\d{4}(?:-\d{2})?$", error="expected YYYY or YYYY-MM")),
        "sha256": _text(pa.Check.str_matches(r"^[0-9a-f]{64}$", error="expected 64 hex digits")),
        "bytes": pa.Column(int, coerce=True),
    })


def articles_schema(source_ids: Iterable[str], region_codes: Iterable[str]) -> pa.DataFrameSchema:
    """Schema of ``data/articles.csv`` (one row per article of a raw file)."""
    return pa.DataFrameSchema({
        "article_id": _text(pa.Check.str_matches(r"^\d{3}-\d+$", error="expected NNN-n"), unique=True),
        "source_id": _text(_isin(source_ids, "a source_id of sources.csv")),
        "article_no": pa.Column(int, pa.Check.ge(1), coerce=True),
        "starts_with": _text(),
        "title_zh": _text(),
        "title_en": _text(),
        "title_basis": _text(_isin(["printed", "editorial"], "how the title is known")),
        "region_code": _text(_isin(region_codes, "a code of regions.csv")),
    })


def regions_schema(region_ids: Iterable[str]) -> pa.DataFrameSchema:
    """Schema of ``data/regions.csv`` (places and parks)."""
    return pa.DataFrameSchema({
        "region_id": _text(pa.Check.str_matches(r"^(?:\d{6}|park-[a-z0-9-]+)$",
                                                error="expected a 6-digit code or park-<slug>"),
                           unique=True),
        "code": _text(pa.Check.str_matches(_CODE, error="expected a 6-digit administrative code")),
        "name_zh": _text(unique=True),
        "name_en": _text(),
        "level": _text(_isin(REGION_LEVELS, "a region level")),
        "parent": _text(_isin([*region_ids, ""], "a region_id of regions.csv or empty"),
                        required=False),
    })


def indicators_schema() -> pa.DataFrameSchema:
    """Schema of ``data/indicators.csv`` (the controlled vocabulary of indicators)."""
    return pa.DataFrameSchema({
        "indicator": _text(pa.Check.str_matches(_SNAKE, error="expected snake_case"),
                           unique=True),
        "label_en": _text(),
        "label_zh": _text(),
        "base_unit": _text(_isin(BASE_UNITS, "a base unit")),
        "definition": _text(),
    })


def facts_schema(source_ids: Iterable[str], region_codes: Iterable[str],
                 indicators: Iterable[str], entities: Iterable[str]) -> pa.DataFrameSchema:
    """Schema of ``data/facts.csv`` (one row per quantitative statement)."""
    return pa.DataFrameSchema({
        "fact_id": _text(pa.Check.str_matches(r"^\d{3}-[a-z0-9]+(?:-[a-z0-9]+)*$",
                                              error="expected NNN-lowercase-words"), unique=True),
        "source_id": _text(_isin(source_ids, "a source_id of sources.csv")),
        "region_code": _text(_isin(region_codes, "a code of regions.csv")),
        "entity": _text(_isin([*entities, ""], "an entity of entities.csv or empty"), required=False),
        "theme": _text(_isin(THEMES, "a theme")),
        "indicator": _text(_isin(indicators, "an indicator of indicators.csv")),
        "value": pa.Column(float, coerce=True),
        "unit": _text(required=False),
        "value_base": pa.Column(float, coerce=True),
        "base_unit": _text(_isin(BASE_UNITS, "a base unit")),
        "period": _text(pa.Check.str_matches(PERIOD_PATTERN,
                                             error="expected YYYY, YYYYQn, YYYY-MM, YYYY/YYYY or empty"),
                        required=False),
        "kind": _text(_isin(KINDS, "a kind")),
        "qualifier": _text(_isin(QUALIFIERS, "a qualifier")),
        "quote": _text(),
        "value_text": _text(),
        "period_basis": _text(_isin(PERIOD_BASES, "a period basis")),
        "state": _text(_isin(STATES, "before, after or empty"), required=False),
        "attribution": _text(_isin(ATTRIBUTIONS, "an attribution")),
    })


def entities_schema(region_codes: Iterable[str], source_ids: Iterable[str]) -> pa.DataFrameSchema:
    """Schema of ``data/entities.csv`` (firms, institutions, parks, clusters, programmes)."""
    return pa.DataFrameSchema({
        "entity": _text(unique=True),
        "name_en": _text(),
        "entity_type": _text(_isin(ENTITY_TYPES, "an entity type")),
        "region_code": _text(_isin([*region_codes, ""], "a code of regions.csv, or empty for "
                                   "national bodies based outside the corpus's regions"),
                             required=False),
        "source_ids": _text(pa.Check(lambda s: s.str.split(";").map(
            lambda ids: all(i in set(source_ids) for i in ids)),
            error="expected ';'-separated source_ids of sources.csv")),
    })


def chains_schema(region_codes: Iterable[str]) -> pa.DataFrameSchema:
    """Schema of ``data/chains.csv`` (the supply chains: id, home place, names)."""
    return pa.DataFrameSchema({
        "chain": _text(pa.Check.str_matches(_SNAKE, error="expected snake_case"),
                       unique=True),
        "region_code": _text(_isin(region_codes, "a code of regions.csv")),
        "name_zh": _text(pa.Check.str_contains(r"[\u4e00-\u9fff]",
                                               error="expected a name in Chinese characters")),
        "name_en": _text(),
    })


def chain_links_schema(region_codes: Iterable[str], source_ids: Iterable[str],
                       chain_ids: Iterable[str]) -> pa.DataFrameSchema:
    """Schema of ``data/chain_links.csv`` (upstream → downstream links of supply chains).

    ``chain`` must be one of *chain_ids* (the chains of ``chains.csv``).
    """
    return pa.DataFrameSchema({
        "link_id": _text(pa.Check.str_matches(_SLUG, error="expected a lowercase slug"), unique=True),
        "chain": _text(_isin(chain_ids, "a chain of chains.csv")),
        "region_code": _text(_isin(region_codes, "a code of regions.csv")),
        "upstream": _text(),
        "downstream": _text(),
        "status": _text(_isin(LINK_STATUSES, "a link status")),
        "source_id": _text(_isin(source_ids, "a source_id of sources.csv")),
        "quote": _text(),
    })


def target_bases_schema(target_ids: Iterable[str], level_ids: Iterable[str],
                        growth_ids: Iterable[str]) -> pa.DataFrameSchema:
    """Schema of ``data/target_bases.csv`` (the base each stated target is measured from).

    Parameters
    ----------
    target_ids, level_ids, growth_ids : iterable of str
        ``fact_id`` s of ``facts.csv`` of kind ``target``; of a level (``actual``, ``share``,
        ``capacity``); of kind ``growth``.
    """
    return pa.DataFrameSchema({
        "target_fact": _text(_isin(target_ids, "the fact_id of a target in facts.csv"),
                             unique=True),
        "base_fact": _text(_isin([*level_ids, ""],
                                 "the fact_id of a level (actual, share, capacity) or empty"),
                           required=False),
        "growth_fact": _text(_isin([*growth_ids, ""], "the fact_id of a growth rate or empty"),
                             required=False),
        "comparability": _text(_isin(COMPARABILITY, "a comparability")),
        "note": _text(),
    })
