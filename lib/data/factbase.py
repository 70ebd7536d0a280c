"""Load every data file, validated: the fact base the chapters stand on."""

from __future__ import annotations

import os
import pickle
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from lib.data.corpus import Article, Source, sha256_of, split_articles
from lib.data.reader import LINE, DataValidationError, Problem, read_table
from lib.paths import FACTBASE_ENV, data_dir

__all__ = ["FactBase", "load_factbase", "load_facts"]


@dataclass(frozen=True)
class FactBase:
    """All data files, validated.

    Attributes
    ----------
    sources, articles, regions, indicators, entities : pandas.DataFrame
    chain_links, target_bases, outcomes, chains : pandas.DataFrame
        The tables, with typed columns and ``line`` (the line each row starts on in its
        file).
    facts : pandas.DataFrame
        The facts every analysis, count and page uses: those of relevance ``industrial`` or
        ``context``. ``value_high`` and ``value_base_high`` are numbers (NaN unless a range
        or vague magnitude); ``genre`` is the genre of the fact's source (who publishes it).
    linkages : pandas.DataFrame
        ``linkages.csv``: ties to places outside southern Jiangxi (pairing, fairs, markets,
        outposts), one row per partner, each with its verbatim quote.
    off_topic : pandas.DataFrame
        The facts of relevance ``off_topic`` (not about industry), kept out of ``facts`` so
        no analysis can count them; the data appendix lists how many.
    raw : dict
        Raw text of each source by source_id.
    indicator_groups : pandas.DataFrame
        ``indicator_groups.csv``: which indicator feeds which part of a theme chapter;
        ``order`` as int and ``comparable`` as bool.
    policy_terms : pandas.DataFrame
        ``policy_terms.csv``: the policy vocabulary, in file order.
    glossary : pandas.DataFrame
        ``glossary.csv``, sorted by pinyin (tone marks ignored).
    clusters, cluster_members : pandas.DataFrame
        ``clusters.csv`` and ``cluster_members.csv``: the clusters a chapter can focus on,
        and the entities, chains and region indicators of each.
    headlines : pandas.DataFrame
        ``headlines.csv``: the ranked list of headline measures, ``rank`` as int, first
        rank first.
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
    outcomes: pd.DataFrame = field(default_factory=pd.DataFrame)
    chains: pd.DataFrame = field(default_factory=pd.DataFrame)
    indicator_groups: pd.DataFrame = field(default_factory=pd.DataFrame)
    policy_terms: pd.DataFrame = field(default_factory=pd.DataFrame)
    glossary: pd.DataFrame = field(default_factory=pd.DataFrame)
    clusters: pd.DataFrame = field(default_factory=pd.DataFrame)
    cluster_members: pd.DataFrame = field(default_factory=pd.DataFrame)
    off_topic: pd.DataFrame = field(default_factory=pd.DataFrame)
    headlines: pd.DataFrame = field(default_factory=pd.DataFrame)
    linkages: pd.DataFrame = field(default_factory=pd.DataFrame)

    def source(self, source_id: str) -> Source:
        """Return the :class:`~lib.data.corpus.Source` of *source_id*."""
        row = self.sources.set_index("source_id").loc[source_id]
        return Source(source_id, self.root / row["file"])

    @cached_property
    def derived(self) -> dict:
        """Results computed from this fact base, kept by the functions that compute them.

        A loaded fact base does not change, so a result computed from it (the distinct
        figures of a place, the reconciliation of its figures) holds as long as it lives: a
        page that asks for the same result several times computes it once. Keys are tuples
        starting with the computing function's name; the functions hand out copies.
        """
        return {}

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


def _raw_texts(sources: pd.DataFrame, root: Path) -> tuple[dict[str, Source], list[Problem]]:
    """The raw file of each row of *sources* whose file exists, is unedited (its checksum) and
    is UTF-8, and a problem for each other row."""
    found: dict[str, Source] = {}
    problems = []
    where = sources.attrs["file"]
    for row in sources.itertuples(index=False):
        path = root / row.file
        if not path.is_file():
            problems.append(
                Problem(where, getattr(row, LINE), "file", f"raw file {row.file} not found")
            )
            continue
        digest = sha256_of(path)
        if digest != row.sha256:
            problems.append(
                Problem(
                    where,
                    getattr(row, LINE),
                    "sha256",
                    f"raw file {row.file} has sha256 {digest}, expected "
                    f"{row.sha256}: raw data must not be edited",
                )
            )
            continue
        source = Source(row.source_id, path)
        try:
            source.raw  # noqa: B018  (reads and caches the text)
        except UnicodeDecodeError:
            problems.append(Problem(where, getattr(row, LINE), "file", f"{row.file} is not UTF-8"))
            continue
        found[row.source_id] = source
    return found, problems


def _pinyin_key(pinyin: str) -> str:
    """Pinyin without tone marks, lower case: the glossary's sort key."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", pinyin.lower()) if not unicodedata.combining(c)
    )


def _validated(root: Path) -> FactBase | None:
    """The fact base the build validated once for the pages it runs, if it names one and
    it was read from *root* (:data:`lib.paths.FACTBASE_ENV`), else None."""
    kept = os.environ.get(FACTBASE_ENV)
    if not kept:
        return None
    try:
        with open(kept, "rb") as fh:
            fb = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    if not isinstance(fb, FactBase) or fb.root.resolve() != root.resolve():
        return None
    return fb


def load_factbase(root: str | Path | None = None) -> FactBase:
    """Read and validate every file of the data folder.

    Every table (:data:`lib.data.schemas.SCHEMAS`) is read with the strict reader
    (:func:`lib.data.reader.read_table`), checked against its schema and then by the checks
    of :mod:`lib.data.checks` that join it to other files or to the raw corpus. Problems are
    collected across all files and reported together; a reference to a file that could not
    be read at all is not checked (that file's own problem is reported instead).

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
        Listing every problem found in every file (file, line, column, what was expected).
        Nothing is dropped silently: one bad row stops the load.

    Notes
    -----
    The build validates the data once and names the result in the environment variable
    :data:`lib.paths.FACTBASE_ENV` for the pages it runs; then the same folder's fact base
    is that validated copy (the same tables), read without validating again.
    """
    root = Path(root) if root is not None else data_dir()
    validated = _validated(root)
    if validated is not None:
        return validated
    # The schemas and checks (pandera) are imported only to validate: a page reading the
    # fact base the build validated does not pay for them.
    from lib.data import schemas
    from lib.data.checks import (
        check_articles,
        check_bases_same_region,
        check_chains_drawn,
        check_cluster_members,
        check_entities_named,
        check_fact_provenance,
        check_fact_semantics,
        check_glossary,
        check_groups,
        check_outcomes,
        check_quotes,
        check_schema,
    )

    problems: list[Problem] = []
    read: dict[str, pd.DataFrame] = {}
    for name, columns in schemas.COLUMNS.items():
        try:
            read[name] = read_table(root / f"{name}.csv", columns)
        except DataValidationError as exc:
            problems += exc.problems

    def ids(name: str, column: str, where: pd.Series | None = None) -> list[str] | None:
        """The values of a column as read (so one bad row does not hide its references)."""
        if name not in read:
            return None
        values = read[name][column]
        return list(values if where is None else values[where])

    def validate(name: str, *references: list[str] | None) -> pd.DataFrame:
        if name not in read:  # its problem is reported; an empty table lets the checks go on
            empty = pd.DataFrame(columns=[*schemas.COLUMNS[name], LINE], dtype=str)
            empty.attrs["file"] = f"{name}.csv"
            return empty
        table, found = check_schema(read[name], schemas.SCHEMAS[name](*references))
        problems.extend(found)
        return table

    source_ids, codes = ids("sources", "source_id"), ids("regions", "code")
    sources = validate("sources")
    if "sources" in read:  # a row with a bad date still has a raw file to check and read
        unusable = {
            p.line
            for p in problems
            if p.file == read["sources"].attrs["file"]
            and p.column in ("source_id", "file", "sha256")
        }
        found, raw_problems = _raw_texts(
            read["sources"][~read["sources"][LINE].isin(unusable)], root
        )
        problems += raw_problems
    else:
        found = {}
    raw = {sid: source.raw for sid, source in found.items()}
    corpus_complete = "sources" in read and len(raw) == len(read["sources"])

    regions = validate("regions", ids("regions", "region_id"))
    articles = validate("articles", source_ids, codes)
    indicators = validate("indicators")
    entities = validate("entities", codes, source_ids)
    chains = validate("chains", codes)
    links = validate("chain_links", codes, source_ids, ids("chains", "chain"))
    facts = validate(
        "facts", source_ids, codes, ids("indicators", "indicator"), ids("entities", "entity")
    )

    def facts_where(statuses: tuple[str, ...], kinds: tuple[str, ...] | None = None):
        if "facts" not in read:
            return None
        f = read["facts"]
        where = f.status.isin(statuses) & (f.kind.isin(kinds) if kinds else True)
        return ids("facts", "fact_id", where)

    bases = validate(
        "target_bases",
        facts_where(("target",)),
        facts_where(("achieved",), ("level", "share", "capacity")),
        facts_where(("achieved",), ("growth",)),
    )
    outcomes = validate(
        "outcomes",
        facts_where(("target", "forecast", "planned")),
        facts_where(("achieved",)),
    )
    groups = validate("indicator_groups", ids("indicators", "indicator"))
    terms = validate("policy_terms")
    glossary = validate("glossary", source_ids)
    clusters = validate("clusters", codes)
    members = validate("cluster_members", ids("clusters", "cluster"))
    headlines = validate("headlines", ids("indicators", "indicator"))
    linkages = validate("linkages", codes, source_ids)

    if "chains" in read and "chain_links" in read:
        problems += check_chains_drawn(read["chains"], read["chain_links"])
    if "target_bases" in read and "facts" in read:
        problems += check_bases_same_region(read["target_bases"], read["facts"])
    if "indicator_groups" in read:
        problems += check_groups(read["indicator_groups"])
    if "clusters" in read and "cluster_members" in read:
        known = {
            "entity": ids("entities", "entity"),
            "chain": ids("chains", "chain"),
            "indicator": ids("indicators", "indicator"),
        }
        known = {kind: None if v is None else set(v) for kind, v in known.items()}
        problems += check_cluster_members(read["clusters"], read["cluster_members"], known)
    base_units = dict(zip(indicators.indicator, indicators.base_unit))
    if "outcomes" in read and "facts" in read and "sources" in read:
        dates = dict(zip(read["sources"].source_id, read["sources"].date))
        problems += check_outcomes(read["outcomes"], read["facts"], dates, raw)
    problems += (
        check_fact_provenance(facts, raw, base_units)
        + check_fact_semantics(facts)
        + check_quotes(links, raw)
        + check_quotes(linkages, raw)
        + check_entities_named(entities, raw)
    )
    problems += check_articles(articles, found)
    if corpus_complete and "glossary" in read:  # a form is looked for in the whole corpus
        problems += check_glossary(read["glossary"], raw)
    if problems:
        order = {f"{name}.csv": i for i, name in enumerate(schemas.COLUMNS)}
        raise DataValidationError(
            sorted(problems, key=lambda p: (order.get(Path(p.file).name, len(order)), p.line or 0))
        )

    facts = facts.assign(
        value_high=pd.to_numeric(facts.value_high.replace("", None)).astype(float),
        value_base_high=pd.to_numeric(facts.value_base_high.replace("", None)).astype(float),
        genre=facts.source_id.map(dict(zip(sources.source_id, sources.genre))),
    )
    in_scope = facts.relevance != "off_topic"
    off_topic = facts[~in_scope].reset_index(drop=True)
    facts = facts[in_scope].reset_index(drop=True)
    groups = groups.assign(comparable=groups.comparable == "yes")
    glossary = glossary.sort_values("pinyin", key=lambda s: s.map(_pinyin_key))
    glossary = glossary.reset_index(drop=True)
    sources.attrs["root"] = str(root)
    return FactBase(
        sources=sources,
        articles=articles,
        regions=regions,
        indicators=indicators,
        facts=facts,
        entities=entities,
        chain_links=links,
        raw=raw,
        target_bases=bases,
        outcomes=outcomes,
        chains=chains,
        indicator_groups=groups,
        policy_terms=terms,
        glossary=glossary,
        clusters=clusters,
        cluster_members=members,
        off_topic=off_topic,
        headlines=headlines.sort_values("rank").reset_index(drop=True),
        linkages=linkages,
    )


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
