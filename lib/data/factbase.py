"""Load every data file, validated: the fact base the chapters stand on."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from lib.data import schemas
from lib.data.corpus import Article, Source, sha256_of, split_articles
from lib.paths import data_dir
from lib.text.quantities import parse_quantity
from lib.data.reader import LINE, DataValidationError, Problem, read_table
from lib.data.checks import check_entities_named, check_fact_provenance, check_quotes, check_schema

__all__ = ["FactBase", "load_factbase", "load_facts"]


@dataclass(frozen=True)
class FactBase:
    """All data files, validated.

    Attributes
    ----------
    sources, articles, regions, indicators, facts, entities, chain_links, target_bases, chains : pandas.DataFrame
        The tables, with typed columns. ``facts`` also has ``value_high`` and
        ``value_base_high`` (upper bounds of ranges, else NaN) and ``line`` (its line in
        ``facts.csv``).
    raw : dict
        Raw text of each source by source_id.
    """

    sources: pd.DataFrame
    articles: pd.DataFrame
    regions: pd.DataFrame
    indicators: pd.DataFrame
    facts: pd.DataFrame
    entities: pd.DataFrame
    chain_links: pd.DataFrame
    raw: dict[str, str]
    target_bases: pd.DataFrame = field(default_factory=pd.DataFrame)
    chains: pd.DataFrame = field(default_factory=pd.DataFrame)

    def source(self, source_id: str) -> Source:
        """Return the :class:`~lib.data.corpus.Source` of *source_id*."""
        row = self.sources.set_index("source_id").loc[source_id]
        return Source(source_id, self.root / row["file"])

    @cached_property
    def indicator_labels(self) -> dict[str, str]:
        """Indicator id → English label (``indicators.csv``): the one such mapping."""
        return dict(zip(self.indicators.indicator, self.indicators.label_en))

    @cached_property
    def source_dates(self) -> dict[str, str]:
        """Source id → publication date (``YYYY`` or ``YYYY-MM``) from ``sources.csv``."""
        return dict(zip(self.sources.source_id, self.sources.date))

    @property
    def root(self) -> Path:
        """The data folder these tables were read from."""
        return Path(self.sources.attrs["root"])

    def split(self, source_id: str) -> list[Article]:
        """Split a source into its articles (see :func:`lib.data.corpus.split_articles`)."""
        rows = self.articles[self.articles.source_id == source_id].sort_values("article_no")
        markers = [(r.article_id, r.starts_with, r.title_zh, r.title_en) for r in rows.itertuples()]
        return split_articles(self.source(source_id), markers)


def _raise(problems: list[Problem]) -> None:
    if problems:
        raise DataValidationError(problems)


def _check_same_region(bases: pd.DataFrame, facts: pd.DataFrame) -> list[Problem]:
    """A target's base and reported growth must be about the target's region."""
    region = dict(zip(facts.fact_id, facts.region_code))
    problems = []
    for row in bases.itertuples(index=False):
        for column in ("base_fact", "growth_fact"):
            other = getattr(row, column)
            if other and region.get(other) != region.get(row.target_fact):
                problems.append(Problem(bases.attrs["file"], getattr(row, LINE), column,
                                        f"{other} is about region {region.get(other)}, but the "
                                        f"target {row.target_fact} is about "
                                        f"{region.get(row.target_fact)}"))
    return problems


def _check_chains_drawn(chains: pd.DataFrame, links: pd.DataFrame) -> list[Problem]:
    """Every chain of ``chains.csv`` has at least one link."""
    drawn = set(links.chain)
    return [Problem(chains.attrs["file"], getattr(row, LINE), "chain",
                    f"chain {row.chain!r} has no link in chain_links.csv")
            for row in chains.itertuples(index=False) if row.chain not in drawn]


def load_factbase(root: str | Path | None = None) -> FactBase:
    """Read and validate every file of the data folder.

    Parameters
    ----------
    root : str or pathlib.Path, optional
        The data folder; defaults to the project's ``data/``.

    Returns
    -------
    FactBase

    Raises
    ------
    DataValidationError
        Listing every problem found (file, line, column, what was expected). Nothing is
        dropped silently: one bad row stops the load.
    """
    root = Path(root) if root is not None else data_dir()
    read = {name: read_table(root / f"{name}.csv", cols) for name, cols in schemas.COLUMNS.items()}

    sources, problems = check_schema(read["sources"], schemas.sources_schema())
    _raise(problems)
    raw: dict[str, str] = {}
    for row in sources.itertuples(index=False):
        path = root / row.file
        where = sources.attrs["file"]
        if not path.is_file():
            problems.append(Problem(where, getattr(row, LINE), "file", f"raw file {row.file} not found"))
            continue
        digest = sha256_of(path)
        if digest != row.sha256:
            problems.append(Problem(where, getattr(row, LINE), "sha256",
                                    f"raw file {row.file} has sha256 {digest}, expected {row.sha256}: "
                                    "raw data must not be edited"))
            continue
        try:
            raw[row.source_id] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(where, getattr(row, LINE), "file", f"{row.file} is not UTF-8"))
    _raise(problems)
    source_ids = list(raw)

    regions, p1 = check_schema(read["regions"], schemas.regions_schema(read["regions"].region_id))
    codes = sorted(set(regions.code))
    articles, p2 = check_schema(read["articles"], schemas.articles_schema(source_ids, codes))
    indicators, p3 = check_schema(read["indicators"], schemas.indicators_schema())
    entities, p4 = check_schema(read["entities"], schemas.entities_schema(codes, source_ids))
    chains, p0 = check_schema(read["chains"], schemas.chains_schema(codes))
    links, p5 = check_schema(read["chain_links"], schemas.chain_links_schema(
        codes, source_ids, chains.chain))
    p5 += _check_chains_drawn(chains, links)
    _raise(p0 + p1 + p2 + p3 + p4 + p5)
    facts, p6 = check_schema(read["facts"], schemas.facts_schema(
        source_ids, codes, indicators.indicator, entities.entity))
    _raise(p6)
    of_kind = lambda *kinds: facts.fact_id[facts.kind.isin(kinds)]  # noqa: E731
    bases, p7 = check_schema(read["target_bases"], schemas.target_bases_schema(
        of_kind("target"), of_kind("actual", "share", "capacity"), of_kind("growth")))
    p7 += _check_same_region(bases, facts)
    _raise(p7)

    base_units = dict(zip(indicators.indicator, indicators.base_unit))
    problems = (check_fact_provenance(facts, raw, base_units) + check_quotes(links, raw)
                + check_entities_named(entities, raw))
    _raise(problems)

    highs = [parse_quantity(t) for t in facts.value_text]
    facts = facts.assign(value_high=[q.value_high for q in highs],
                         value_base_high=[q.value_base_high for q in highs])
    frames = dict(sources=sources, articles=articles, regions=regions, indicators=indicators,
                  facts=facts, entities=entities, chain_links=links)
    sources.attrs["root"] = str(root)
    fb = FactBase(**frames, raw=raw, target_bases=bases, chains=chains)
    for sid in source_ids:  # every article marker must be found
        try:
            fb.split(sid)
        except ValueError as exc:
            raise DataValidationError([Problem("data/articles.csv", None, "starts_with", str(exc))]) from None
    return fb


@lru_cache(maxsize=4)
def _cached(root: str) -> FactBase:
    return load_factbase(root)


def load_facts(root: str | Path | None = None) -> pd.DataFrame:
    """Return the validated facts table (cached per data folder).

    Parameters
    ----------
    root : str or pathlib.Path, optional
        The data folder; defaults to the project's ``data/``.

    Returns
    -------
    pandas.DataFrame
    """
    return _cached(str(Path(root) if root is not None else data_dir())).facts.copy()
