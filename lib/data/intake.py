"""Grow or shrink the corpus: add a source, accept its reviewed facts, remove a source.

Three steps, each leaving a fact base that validates (:func:`lib.data.factbase.load_factbase`):

:func:`add_source`
    Copies a raw text into ``data/raw/``, records it in ``sources.csv`` with its checksum
    (refusing a text that is already a source), and writes a review sheet
    (:mod:`lib.data.sheet`) of candidates: the article boundaries it proposes, and every
    quantity the text mentions, with the fact base's columns filled as far as the text allows
    (the parser's reading; a place, period, kind and status guessed from the words around the
    number, :mod:`lib.text.cues`; the closest known indicator and its score,
    :mod:`lib.text.similarity`).
:func:`accept`
    Merges the rows a reviewer accepted or edited, after checking them with every check of
    the fact base on a copy of the data: on any problem nothing is merged and every problem
    is listed with its sheet line.
:func:`remove_source`
    Removes a source and every row resting on it (raw file, articles, facts, entity
    mentions, chain links, target pairings, glossary quotes, and the chains, clusters and
    entities left with nothing), and lists what it removed.

Command line: ``python -m lib.data.intake add-source|accept|remove-source …`` (the ``report``
command's subcommands of the same names run it).
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lib.data.checks import check_fact_provenance, check_fact_semantics
from lib.data.corpus import sha256_of
from lib.data.factbase import load_factbase
from lib.data.findings import FINDINGS_FILE, load_findings
from lib.data.reader import DataValidationError, Problem, read_table
from lib.data.schemas import COLUMNS
from lib.data.sheet import (
    DECISIONS,
    RECORDS,
    number_cell,
    read_sheet,
    record_columns,
    write_sheet,
)
from lib.paths import data_dir
from lib.text.cues import guess_kind, guess_period, guess_place, guess_status
from lib.text.mentions import find_mentions, firm_names
from lib.text.normalise import flat_text, normalise, squash
from lib.text.similarity import Suggester

__all__ = [
    "Table",
    "accept",
    "add_source",
    "candidates",
    "main",
    "match_facts",
    "remove_source",
    "review_dir",
]

_SOURCE_ID = re.compile(r"^\d{3}_[0-9a-f]{16}$")
_CLAUSE_END = re.compile(r"[，,；;。！？!?：:]")
_LEVEL_RANK = {"province": 1, "prefecture": 2, "county": 3, "park": 4}
_TITLE_MAX = 40
# how many short paragraphs (an infographic's lines) a figure's context reads back over
_INFOGRAPHIC_LINES = 4
_BYLINE = re.compile(r"(?:记者|通讯员|本报|■|编辑)")
# the writers' names that close an article: (曾 枫 徐 旖), 王宏伟/文
_SIGN_OFF = re.compile(r"^[（(][^()（）]{2,24}[)）]$|/文")


# --- data files as records, rewritten only where they change ---------------------------


@dataclass
class Table:
    """A data file as records, keeping each untouched record's text byte for byte.

    Attributes
    ----------
    columns : list of str
    rows : list of dict
        The records, as strings.
    texts : list of str or None
        Each record's text as read; None for a new or changed record (written anew).
    """

    columns: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    texts: list[str | None] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> Table:
        """Read a CSV data file."""
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader)
        table = cls(header)
        start = reader.line_num
        for record in reader:
            end = reader.line_num
            if record:
                table.rows.append(dict(zip(header, record)))
                table.texts.append("\n".join(lines[start:end]))
            start = end
        return table

    def write(self, path: Path) -> None:
        """Write the file: untouched records as read, others quoted as the csv module does."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        for row, text in zip(self.rows, self.texts):
            if text is None:
                writer.writerow([row.get(c, "") for c in self.columns])
            else:
                out.write(text + "\n")
        path.write_text(out.getvalue(), encoding="utf-8")

    def drop(self, where: Callable[[dict[str, str]], bool]) -> list[dict[str, str]]:
        """Remove the rows *where* holds for; return them."""
        keep = [(r, t) for r, t in zip(self.rows, self.texts) if not where(r)]
        gone = [r for r in self.rows if where(r)]
        self.rows, self.texts = [r for r, _ in keep], [t for _, t in keep]
        return gone

    def set(self, i: int, **changes: str) -> None:
        """Change cells of row *i* (it is written anew)."""
        self.rows[i].update(changes)
        self.texts[i] = None

    def append(self, row: dict[str, str]) -> None:
        """Add a row at the end."""
        self.rows.append({c: str(row.get(c, "")) for c in self.columns})
        self.texts.append(None)

    def column(self, name: str) -> list[str]:
        """The values of a column."""
        return [r[name] for r in self.rows]


def _tables(root: Path) -> dict[str, Table]:
    return {name: Table.read(root / f"{name}.csv") for name in COLUMNS}


def _copy_data(root: Path, dest: Path) -> Path:
    """A copy of the data folder (tables and raw files) to build a candidate in."""
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns("geo", "*.meta.yml", "README.md"))
    return dest


def _commit(tables: dict[str, Table], changed: set[str], root: Path) -> None:
    for name in sorted(changed):
        tables[name].write(root / f"{name}.csv")


def review_dir(root: Path) -> Path:
    """Where review sheets are written: ``review/`` beside the data folder.

    Parameters
    ----------
    root : pathlib.Path
        The data folder.

    Returns
    -------
    pathlib.Path
    """
    return root.parent / "review"


# --- remove-source ---------------------------------------------------------------------


def remove_source(source_id: str, root: str | Path | None = None) -> list[str]:
    """Remove a source and every row that rests on it.

    Parameters
    ----------
    source_id : str
    root : str or pathlib.Path, optional
        The data folder (default: the project's).

    Returns
    -------
    list of str
        One line per table touched: what was removed or changed.

    Raises
    ------
    KeyError
        If *source_id* is not a source.
    lib.data.reader.DataValidationError
        If the fact base would not validate without it (nothing is changed then).
    """
    root = Path(root) if root is not None else data_dir()
    with tempfile.TemporaryDirectory() as tmp:
        work = _copy_data(root, Path(tmp) / "data")
        tables = _tables(work)
        sources = tables["sources"]
        hit = [r for r in sources.rows if r["source_id"] == source_id]
        if not hit:
            raise KeyError(f"no source {source_id!r} in sources.csv")
        report: list[str] = []
        changed: set[str] = set()

        def removed(name: str, rows: list[dict[str, str]], key: str) -> None:
            if rows:
                changed.add(name)
                ids = ", ".join(r[key] for r in rows[:6]) + (" …" if len(rows) > 6 else "")
                report.append(f"{name}.csv: removed {len(rows)} row(s): {ids}")

        raw_file = hit[0]["file"]
        removed("sources", sources.drop(lambda r: r["source_id"] == source_id), "source_id")
        removed(
            "articles", tables["articles"].drop(lambda r: r["source_id"] == source_id), "article_id"
        )
        facts = tables["facts"].drop(lambda r: r["source_id"] == source_id)
        removed("facts", facts, "fact_id")
        gone_facts = {r["fact_id"] for r in facts}
        bases = tables["target_bases"].drop(
            lambda r: bool({r["target_fact"], r["base_fact"], r["growth_fact"]} & gone_facts)
        )
        removed("target_bases", bases, "target_fact")
        outcomes = tables["outcomes"].drop(
            lambda r: bool({r["target_fact"], r["outcome_fact"]} & gone_facts)
        )
        removed("outcomes", outcomes, "target_fact")
        removed(
            "chain_links",
            tables["chain_links"].drop(lambda r: r["source_id"] == source_id),
            "link_id",
        )
        drawn = set(tables["chain_links"].column("chain"))
        removed("chains", tables["chains"].drop(lambda r: r["chain"] not in drawn), "chain")
        removed("glossary", tables["glossary"].drop(lambda r: r["source_id"] == source_id), "term")
        removed(
            "linkages", tables["linkages"].drop(lambda r: r["source_id"] == source_id), "tie_id"
        )

        entities = tables["entities"]
        kept_mentions = 0
        for i, row in enumerate(entities.rows):
            ids = row["source_ids"].split(";")
            if source_id in ids:
                entities.set(i, source_ids=";".join(s for s in ids if s != source_id))
                kept_mentions += 1
        gone = entities.drop(lambda r: not r["source_ids"])
        if kept_mentions:
            changed.add("entities")
            report.append(
                f"entities.csv: {source_id} taken from the sources of {kept_mentions - len(gone)} "
                f"entit(ies) named elsewhere too"
            )
        removed("entities", gone, "entity")
        known = {
            "entity": set(entities.column("entity")),
            "chain": set(tables["chains"].column("chain")),
            "indicator": set(tables["indicators"].column("indicator")),
        }
        members = tables["cluster_members"]
        removed(
            "cluster_members",
            members.drop(lambda r: r["member"] not in known[r["member_type"]]),
            "member",
        )
        described = {
            r["cluster"] for r in members.rows if r["member_type"] in ("entity", "indicator")
        }
        removed(
            "clusters", tables["clusters"].drop(lambda r: r["cluster"] not in described), "cluster"
        )
        removed("cluster_members", members.drop(lambda r: r["cluster"] not in described), "member")
        _commit(tables, changed, work)
        (work / raw_file).unlink()
        load_factbase(work)  # raises, listing every problem, when the result is not sound
        resting = _findings_resting_on(root / FINDINGS_FILE, gone_facts)
        _commit(tables, changed, root)
        (root / raw_file).unlink()
        report.insert(0, f"raw file {raw_file}: removed")
        report += resting
    return report


def _findings_resting_on(path: Path, facts: set[str]) -> list[str]:
    """Lines naming each key finding that rests on one of *facts* (left for the analyst).

    A finding is a judgement, not a row: it is not removed with its evidence. Its check
    stops the build, naming it, until the analyst revises or drops it.
    """
    if not path.exists():
        return []
    lines = []
    for finding in load_findings(path):
        lost = sorted(set(finding.facts) & facts)
        if lost:
            lines.append(
                f"{path.name}: finding {finding.id!r} rests on {len(lost)} removed "
                f"fact(s) ({', '.join(lost[:3])}{' …' if len(lost) > 3 else ''}): revise it; "
                "its check stops the build until then"
            )
    return lines


# --- add-source ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Place:
    names: dict[str, tuple[str, int]]  # name or alias → (code, rank)
    slugs: dict[str, str]  # code → slug for fact ids


def _places(regions: pd.DataFrame, entities: pd.DataFrame) -> _Place:
    names: dict[str, tuple[str, int]] = {}
    slugs: dict[str, str] = {}
    for r in regions.itertuples(index=False):
        rank = _LEVEL_RANK.get(r.level, 0)
        spellings = [r.name_zh, *[a for a in r.aliases.split("|") if a]]
        if r.level in ("county", "prefecture") and len(r.name_zh) > 2:
            spellings.append(r.name_zh[:-1])  # 寻乌县 → 寻乌, 赣州市 → 赣州
        for name in spellings:
            if name not in names or names[name][1] < rank:
                names[name] = (r.code, rank)
        if r.level != "park" and r.code not in slugs:
            slugs[r.code] = re.sub(r"[^a-z]", "", r.name_en.split()[0].lower()) or "x"
    for r in entities.itertuples(index=False):
        if r.region_code and r.entity_type in ("firm", "park", "institution"):
            for name in [r.entity, *[a for a in r.aliases.split("|") if a]]:
                if len(name) >= 3 and name not in names:
                    names[name] = (r.region_code, 3)
    return _Place(names, slugs)


def _articles(raw: str) -> list[tuple[int, str]]:
    """Proposed article starts: ``(raw offset, first line)``. The first line of the file, a
    short line without a sentence end that a byline follows (or a Markdown title), and the
    line after the writers' names that close an article (``(曾 枫 徐 旖)``, ``王宏伟/文``)."""
    lines, pos = [], 0
    for line in raw.split("\n"):
        if line.strip():
            lines.append((pos + len(line) - len(line.lstrip()), line.strip()))
        pos += len(line) + 1
    starts = []
    for k, (offset, text) in enumerate(lines):
        nxt = " ".join(t for _, t in lines[k + 1 : k + 3])
        titled = (
            len(text) <= _TITLE_MAX
            and text[-1] not in "。！？，；：”"
            and (_BYLINE.search(nxt[:40]) is not None or text.startswith("# "))
        )
        signed_off = k > 0 and _SIGN_OFF.search(lines[k - 1][1]) is not None
        if k == 0 or titled or signed_off:
            starts.append((offset, text))
    return starts


def _clause_around(text: str, start: int, end: int) -> str:
    """The words of the clause holding ``text[start:end]``."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    m = _CLAUSE_END.search(text, end)
    return text[left : m.start() if m else len(text)]


def _suggester(fb) -> tuple[Suggester, dict[str, str], dict[str, str]]:
    """Indicator suggester trained on the fact base; indicator → base unit and theme."""
    texts: dict[str, list[str]] = {
        r.indicator: [r.label_zh] for r in fb.indicators.itertuples(index=False)
    }
    facts = pd.concat([fb.facts, fb.off_topic])
    for r in facts.itertuples(index=False):
        flat = flat_text(r.quote)
        at = flat.find(squash(r.value_text))
        context = _clause_around(flat, at, at + len(squash(r.value_text))) if at >= 0 else flat
        texts.setdefault(r.indicator, []).append(context)
    units = dict(zip(fb.indicators.indicator, fb.indicators.base_unit))
    themes = {
        ind: Counter(group).most_common(1)[0][0] for ind, group in facts.groupby("indicator").theme
    }
    return Suggester(texts), units, themes


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def candidates(
    fb, source_id: str, raw: str, date: str, articles: list[tuple[int, str]] | None = None
) -> list[dict[str, str]]:
    """The candidate rows of a source's review sheet.

    Parameters
    ----------
    fb : lib.data.factbase.FactBase
        The fact base the source joins (its places, entities and indicators).
    source_id : str
    raw : str
        The source's raw text.
    date : str
        Its date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
    articles : list of (int, str), optional
        Article starts (raw offset, first line); proposed from the text when not given.

    Returns
    -------
    list of dict
        One ``article`` row per proposed article, one ``entity`` row per firm the text
        names (``…有限公司``) that ``entities.csv`` does not know, then one ``fact`` row per
        quantity mention, keyed by :data:`lib.data.sheet.SHEET_COLUMNS`.
    """
    number = source_id[:3]
    starts = articles if articles is not None else _articles(raw)
    places = _places(fb.regions, fb.entities)
    entity_names = sorted(
        (
            (name, r.entity)
            for r in fb.entities.itertuples(index=False)
            for name in [r.entity, *[a for a in r.aliases.split("|") if a]]
            if len(name) >= 2
        ),
        key=lambda x: -len(x[0]),
    )
    suggester, units, themes = _suggester(fb)
    nt = normalise(raw)
    text, offsets = nt.text, nt.offsets
    raw_at = [o if o >= 0 else -1 for o in offsets]
    rows: list[dict[str, str]] = []
    titles = []
    source_place = guess_place([(flat_text(raw)[:2000], 0)], places.names, "360000")
    for k, (offset, first) in enumerate(starts, 1):
        title = first.lstrip("# ").strip()
        body_end = starts[k][0] if k < len(starts) else len(raw)
        region = guess_place(
            [(title, len(title)), (flat_text(raw[offset:body_end])[:600], 0)],
            places.names,
            source_place,
        )
        titles.append((offset, f"{number}-{k}", title, region))
        rows.append(
            {
                "decision": "",
                "record": "article",
                "article_id": f"{number}-{k}",
                "source_id": source_id,
                "article_no": str(k),
                "starts_with": first[:30],
                "title_zh": title,
                "title_basis": "printed",
                "region_code": region,
            }
        )
    known = {name for name, _ in entity_names}
    for firm in firm_names(text):
        if firm in known:
            continue
        at = text.find(firm)
        region = guess_place(
            [(text[max(0, at - 60) : at + len(firm)], at - max(0, at - 60))],
            places.names,
            source_place,
        )
        rows.append(
            {
                "decision": "",
                "record": "entity",
                "entity": firm,
                "entity_type": "firm",
                "region_code": region,
                "source_ids": source_id,
                "offset": str(nt.raw_span(at, at + len(firm))[0]),
            }
        )
    used_ids: Counter[str] = Counter()
    for m in find_mentions(text):
        a, _ = nt.raw_span(m.start, m.end)
        s_raw, e_raw = nt.raw_span(m.sentence_start, m.sentence_end)
        quote = raw[s_raw:e_raw]
        sentence = text[m.sentence_start : m.sentence_end]
        pos = m.start - m.sentence_start
        article = max((t for t in titles if t[0] <= a), default=None, key=lambda t: t[0])
        art_start = article[0] if article else 0
        before = "".join(text[i] for i in range(m.sentence_start) if raw_at[i] >= art_start)
        region = guess_place(
            [(sentence, pos), (before, len(before)), ((article[2] if article else ""), 0)],
            places.names,
            article[3] if article else source_place,
        )
        q = m.quantity
        para = text.rfind("\n", 0, m.sentence_start) + 1
        if para == m.sentence_start and m.sentence_end - m.sentence_start < _TITLE_MAX:
            # a short paragraph (an infographic's figure) reads on from the ones before, up
            # to the first long one (its lead: 2024年，寻乌全县拥有… / 发展目标：力争2027年)
            for _ in range(_INFOGRAPHIC_LINES):
                para = text.rfind("\n", 0, max(para - 2, 0)) + 1
                if para == 0 or len(text[para : text.find("\n", para)].strip()) >= _TITLE_MAX:
                    break
        context = text[para : m.sentence_start]
        status = guess_status(sentence, pos, context)
        kind = guess_kind(sentence, pos, q.base_unit)
        period, period_type, basis = guess_period(sentence, pos, date, status, context, kind)
        clause = _clause_around(sentence, pos, pos + len(m.value_text))
        among = [i for i, u in units.items() if u == q.base_unit]
        indicator, score = suggester.suggest(clause, among)
        entity = next((e for name, e in entity_names if name in clause), "")
        base = f"{number}-{places.slugs.get(region, 'x')}-{_slug(indicator or 'figure')}"
        fact_id = base + (f"-{period.lower().replace('/', '-')}" if period else "")
        used_ids[fact_id] += 1
        if used_ids[fact_id] > 1:
            fact_id += f"-{used_ids[fact_id]}"
        rows.append(
            {
                "decision": "",
                "record": "fact",
                "fact_id": fact_id,
                "source_id": source_id,
                "region_code": region,
                "entity": entity,
                "theme": themes.get(indicator, "upgrading"),
                "indicator": indicator,
                "kind": kind,
                "status": status,
                "value": number_cell(q.value),
                "unit": q.unit,
                "value_base": number_cell(q.value_base),
                "base_unit": q.base_unit,
                "value_high": number_cell(q.value_high),
                "value_base_high": number_cell(q.value_base_high),
                "qualifier": q.qualifier,
                "value_text": m.value_text,
                "period": period,
                "period_type": period_type,
                "period_basis": basis,
                "attribution": "article",
                "relevance": "industrial",
                "quote": quote,
                "indicator_score": f"{score:.3f}",
                "article_id": article[1] if article else "",
                "offset": str(a),
            }
        )
    return rows


def add_source(
    path: str | Path,
    date: str,
    outlet: str = "",
    genre: str = "official_media_report",
    root: str | Path | None = None,
    sheet: str | Path | None = None,
) -> tuple[str, Path, list[dict[str, str]]]:
    """Add a raw text to the corpus and write its review sheet.

    Parameters
    ----------
    path : str or pathlib.Path
        The text (UTF-8). Named ``NNN_<16 hex digits>.txt`` (a source removed before), it
        keeps that id; else it gets the next number and the first 16 digits of its checksum.
    date : str
        Publication date, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    outlet : str, optional
    genre : str, optional
        A genre of ``sources.csv`` (default ``official_media_report``).
    root : str or pathlib.Path, optional
        The data folder.
    sheet : str or pathlib.Path, optional
        Where to write the sheet (default ``review/<source_id>.csv`` beside the data folder).

    Returns
    -------
    tuple
        The new source_id, the sheet's path, and the rows written to it.

    Raises
    ------
    ValueError
        If the text is already a source (the message names it), is not UTF-8, or the
        date or genre is invalid.
    """
    root = Path(root) if root is not None else data_dir()
    path = Path(path)
    data = path.read_bytes()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not UTF-8 text") from None
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", date):
        raise ValueError(f"date {date!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    digest = sha256_of(path)
    tables = _tables(root)
    sources = tables["sources"]
    flat = squash(raw)
    for row in sources.rows:
        other = root / row["file"]
        if row["sha256"] == digest or (
            other.is_file() and squash(other.read_text(encoding="utf-8")) == flat
        ):
            raise ValueError(f"{path.name} is already a source: {row['source_id']} ({row['file']})")
    taken = set(sources.column("source_id"))
    if _SOURCE_ID.match(path.stem) and path.stem not in taken:
        source_id = path.stem
    else:
        number = 1 + max((int(s[:3]) for s in taken), default=-1)
        source_id = f"{number:03d}_{digest[:16]}"
    fb = load_factbase(root)
    rows = candidates(fb, source_id, raw, date)
    titles = [r["title_zh"] for r in rows if r["record"] == "article"]
    regions = Counter(r["region_code"] for r in rows if r["record"] == "fact")
    sources.append(
        {
            "source_id": source_id,
            "file": f"raw/{source_id}.txt",
            "outlet": outlet,
            "outlet_basis": "given to add-source" if outlet else "",
            "date": date,
            "date_basis": "given to add-source",
            "language": "zh",
            "articles": " | ".join(titles),
            "regions": ";".join(code for code, _ in regions.most_common(5)),
            "sha256": digest,
            "bytes": str(len(data)),
            "genre": genre,
            "genre_evidence": "given to add-source; to be reviewed",
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = _copy_data(root, Path(tmp) / "data")
        shutil.copyfile(path, work / "raw" / f"{source_id}.txt")
        sources.write(work / "sources.csv")
        load_factbase(work)
    shutil.copyfile(path, root / "raw" / f"{source_id}.txt")
    sources.write(root / "sources.csv")
    out = Path(sheet) if sheet else review_dir(root) / f"{source_id}.csv"
    write_sheet(out, rows)
    return source_id, out, rows


# --- accept ----------------------------------------------------------------------------


def accept(sheet: str | Path, root: str | Path | None = None) -> list[str]:
    """Merge the accepted and edited rows of a reviewed sheet into the data files.

    Every row needs a decision (:data:`lib.data.sheet.DECISIONS`). The rows to merge are
    appended to their files in a copy of the data folder, which must then load
    (:func:`lib.data.factbase.load_factbase`, every check of the fact base): quotes verbatim
    in the raw file, values equal to the parser's reading, codes, indicators and entities
    known (new ones may be rows of the same sheet), ids unique, status and period cues. An
    accepted fact about a known entity adds the source to the entity's ``source_ids``.

    Parameters
    ----------
    sheet : str or pathlib.Path
    root : str or pathlib.Path, optional
        The data folder.

    Returns
    -------
    list of str
        What was merged, one line per file.

    Raises
    ------
    lib.data.reader.DataValidationError
        Listing every problem, each with its sheet line (``sheet.csv, line 12, column
        'quote': …``); nothing is merged then.
    """
    root = Path(root) if root is not None else data_dir()
    sheet = Path(sheet)
    frame = read_sheet(sheet)
    name = sheet.name
    problems: list[Problem] = []
    for r in frame.itertuples(index=False):
        if r.decision not in DECISIONS:
            problems.append(
                Problem(
                    name,
                    r.line,
                    "decision",
                    f"expected one of {list(DECISIONS)}, got {r.decision!r}",
                )
            )
        if r.record not in RECORDS:
            problems.append(
                Problem(
                    name, r.line, "record", f"expected one of {list(RECORDS)}, got {r.record!r}"
                )
            )
    if problems:
        raise DataValidationError(problems)
    chosen = frame[frame.decision.isin(["accept", "edit"])]
    with tempfile.TemporaryDirectory() as tmp:
        work = _copy_data(root, Path(tmp) / "data")
        tables = _tables(work)
        where: dict[tuple[str, int], int] = {}  # (file, line in the copy) → sheet line
        changed: set[str] = set()
        merged: Counter[str] = Counter()
        for record in ("indicator", "entity", "article", "fact"):
            target = RECORDS[record]
            for r in chosen[chosen.record == record].to_dict("records"):
                tables[target].append({c: r[c] for c in record_columns(record)})
                changed.add(target)
                merged[target] += 1
                where[(f"{target}.csv", len(tables[target].rows))] = r["line"]
        entities = tables["entities"]
        index = {e: i for i, e in enumerate(entities.column("entity"))}
        new_facts = chosen[chosen.record == "fact"]
        for entity, sid in sorted(set(zip(new_facts.entity, new_facts.source_id))):
            i = index.get(entity)
            if i is None or not entity:
                continue
            ids = entities.rows[i]["source_ids"].split(";")
            if sid not in ids:
                entities.set(i, source_ids=";".join([*ids, sid]))
                changed.add("entities")
        _commit(tables, changed, work)
        lines = {name_: _record_lines(work / f"{name_}.csv") for name_ in changed}
        try:
            load_factbase(work)
        except DataValidationError as exc:
            out = []
            for p in exc.problems:
                file = Path(p.file).name
                target = file.removesuffix(".csv")
                row = lines.get(target, {}).get(p.line) if p.line else None
                at = where.get((file, row + 1)) if row is not None else None
                if at is not None:
                    out.append(Problem(name, at, p.column, f"({file}) {p.message}"))
                else:
                    out.append(Problem(f"data/{file}", p.line, p.column, p.message))
            # a row the schema refused is not checked further on load: check the sheet's
            # facts themselves too, so that every problem of a row is listed at once
            seen = {(p.line, p.column) for p in out if p.file == name}
            out += [
                p
                for p in _fact_checks(chosen[chosen.record == "fact"], tables, work, name)
                if (p.line, p.column) not in seen
            ]
            out = sorted(set(out), key=lambda p: (p.file != name, p.line or 0, p.column or ""))
            raise DataValidationError(out) from None
        _commit(tables, changed, root)
    return [f"{n}.csv: {k} row(s) merged" for n, k in sorted(merged.items())] or [
        "nothing to merge: every row was rejected"
    ]


def _fact_checks(
    rows: pd.DataFrame, tables: dict[str, Table], work: Path, name: str
) -> list[Problem]:
    """Provenance and cue checks of a sheet's fact rows (those with numeric values)."""
    raws = {
        r["source_id"]: (work / r["file"]).read_text(encoding="utf-8")
        for r in tables["sources"].rows
        if (work / r["file"]).is_file()
    }
    indicators = tables["indicators"]
    units = dict(zip(indicators.column("indicator"), indicators.column("base_unit")))
    value = pd.to_numeric(rows.value, errors="coerce")
    base = pd.to_numeric(rows.value_base, errors="coerce")
    numeric = rows[value.notna() & base.notna()].assign(value=value, value_base=base)
    numeric.attrs["file"] = name
    return check_fact_provenance(numeric, raws, units) + check_fact_semantics(numeric)


def _record_lines(path: Path) -> dict[int, int]:
    """Physical start line → 0-based record number of a CSV file."""
    frame = read_table(path, COLUMNS[path.stem])
    return {line: i for i, line in enumerate(frame.line)}


# --- evaluation ------------------------------------------------------------------------


def match_facts(rows: list[dict[str, str]], facts: pd.DataFrame, raw: str) -> dict[str, int | None]:
    """Which candidate row stands for each fact: same figure, inside the fact's quote.

    Parameters
    ----------
    rows : list of dict
        Rows of a review sheet (:func:`add_source`); its ``fact`` rows are the candidates,
        each with ``offset`` (the raw offset of its figure).
    facts : pandas.DataFrame
        The facts of the source (as strings or numbers).
    raw : str
        The source's raw text.

    Returns
    -------
    dict
        fact_id → index into *rows* of the matching candidate, or None when no candidate
        has the fact's value (low and high bound, base unit) inside an occurrence of its
        quote. A candidate writing the number as the fact does is preferred.
    """

    def close(a: str, b: str) -> bool:
        if a in ("", "nan") or b in ("", "nan"):
            return a in ("", "nan") and b in ("", "nan")
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)

    out: dict[str, int | None] = {}
    for f in facts.to_dict("records"):
        spans, at = [], raw.find(f["quote"])
        while at >= 0:
            spans.append((at, at + len(f["quote"])))
            at = raw.find(f["quote"], at + 1)
        hits = [
            i
            for i, r in enumerate(rows)
            if r.get("record", "fact") == "fact"
            and any(s <= int(r["offset"]) < e for s, e in spans)
            and r["base_unit"] == f["base_unit"]
            and close(r["value_base"], number_cell(float(f["value_base"])))
            and close(r["value_base_high"], str(f["value_base_high"]))
        ]
        same = [i for i in hits if squash(rows[i]["value_text"]) == squash(f["value_text"])]
        out[f["fact_id"]] = (same or hits or [None])[0]
    return out


# --- command line ----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """``python -m lib.data.intake add-source|accept|remove-source …``.

    Parameters
    ----------
    argv : list of str, optional

    Returns
    -------
    int
        0 on success; 1 when the data would not validate (every problem is listed); 2 on
        a wrong argument or a refused source.
    """
    parser = argparse.ArgumentParser(prog="report", description="grow or shrink the corpus")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add-source", help="add a raw text and write its review sheet")
    add.add_argument("path")
    add.add_argument("--date", required=True, help="YYYY[-MM[-DD]]")
    add.add_argument("--outlet", default="")
    add.add_argument("--genre", default="official_media_report")
    add.add_argument("--sheet", default=None, help="where to write the sheet")
    acc = sub.add_parser("accept", help="merge the accepted rows of a reviewed sheet")
    acc.add_argument("sheet")
    rem = sub.add_parser("remove-source", help="remove a source and all that rests on it")
    rem.add_argument("source_id")
    for p in (add, acc, rem):
        p.add_argument("--data", default=None, help="the data folder (default: the project's)")
    args = parser.parse_args(argv)
    prog = f"report {args.command}"
    try:
        if args.command == "add-source":
            sid, path, rows = add_source(
                args.path, args.date, args.outlet, args.genre, args.data, args.sheet
            )
            kinds = Counter(r["record"] for r in rows)
            print(f"added {sid}: raw/{sid}.txt, a row in sources.csv")
            print(
                f"review sheet: {kinds['article']} proposed article(s), {kinds['entity']} "
                f"new firm(s), {kinds['fact']} candidate figure(s); fill 'decision' "
                f"(accept/edit/reject) in every row, then run: report accept {path}"
            )
            print(path)
        elif args.command == "accept":
            for line in accept(args.sheet, args.data):
                print(line)
        else:
            for line in remove_source(args.source_id, args.data):
                print(line)
    except DataValidationError as exc:
        print(f"{prog}: nothing changed; {exc}", file=sys.stderr)
        return 1
    except (ValueError, KeyError, FileNotFoundError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) else str(exc)
        print(f"{prog}: error: {message}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
