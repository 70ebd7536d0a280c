"""Measure the intake on the corpus itself: leave one source out, add it back, compare.

For each source, in a throw-away copy of ``data/``: remove the source
(:func:`lib.data.intake.remove_source`), add its raw file back
(:func:`lib.data.intake.add_source`, with its date, outlet and genre) and compare the review
sheet's candidates with the source's rows of ``facts.csv``:

- articles: how many of its articles start where the sheet proposes an article;
- recall: the share of its facts whose figure (value, bounds and base unit) is a candidate
  inside the fact's quote;
- precision: the share of candidates that are facts;
- for the facts found, the share whose pre-filled region, period, period type, kind and
  status equal the curated ones, and whose suggested indicator is the curated one. Periods
  are compared as written (``2024``, ``2025-04``, ``2025Q1``, ``2021/2025``): a fact whose
  period the text does not give (empty, ``unknown``) is matched only by an empty guess.

Usage: python scripts/eval_extraction.py [--markdown]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from lib.data.intake import add_source, match_facts, remove_source
from lib.paths import data_dir

FIELDS = ("region_code", "period", "period_type", "kind", "status", "indicator")
LABELS = {
    "region_code": "region",
    "period": "period",
    "period_type": "period type",
    "kind": "kind",
    "status": "status",
    "indicator": "indicator",
}


def evaluate_source(data: Path, source_id: str) -> dict[str, float | int | str]:
    """Leave *source_id* out of a copy of *data*, add it back, and score the sheet."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "data"
        shutil.copytree(data, work)
        facts = pd.read_csv(work / "facts.csv", dtype=str, keep_default_na=False)
        facts = facts[facts.source_id == source_id]
        articles = pd.read_csv(work / "articles.csv", dtype=str, keep_default_na=False)
        starts = list(articles[articles.source_id == source_id].starts_with)
        sources = pd.read_csv(work / "sources.csv", dtype=str, keep_default_na=False)
        src = sources.set_index("source_id").loc[source_id]
        kept = Path(tmp) / f"{source_id}.txt"
        shutil.copyfile(work / src["file"], kept)
        raw = kept.read_text(encoding="utf-8")
        remove_source(source_id, work)
        _, _, rows = add_source(
            kept, src["date"], src["outlet"], src["genre"], work, Path(tmp) / "sheet.csv"
        )
    proposed = [r["starts_with"] for r in rows if r["record"] == "article"]
    rows = [r for r in rows if r["record"] == "fact"]
    matched = match_facts(rows, facts, raw)
    found = {fid: i for fid, i in matched.items() if i is not None}
    used = set(found.values())
    out: dict[str, float | int | str] = {
        "source": source_id[:3],
        "articles": f"{sum(any(p.startswith(t) for p in proposed) for t in starts)}/{len(starts)}",
        "articles_n": sum(any(p.startswith(t) for p in proposed) for t in starts),
        "articles_total": len(starts),
        "facts": len(facts),
        "candidates": len(rows),
        "recall": len(found) / len(facts) if len(facts) else 1.0,
        "precision": len(used) / len(rows) if rows else 1.0,
    }
    by_id = facts.set_index("fact_id")
    for column in FIELDS:
        hits = [rows[i][column] == by_id.loc[fid, column] for fid, i in found.items()]
        out[column] = sum(hits) / len(hits) if hits else 1.0
        out[f"{column}_n"] = sum(hits)
    out["found"] = len(found)
    return out


def table(results: list[dict]) -> pd.DataFrame:
    """The results as a table, one row per source plus the whole corpus."""
    frame = pd.DataFrame(results)
    total = {
        "source": "all",
        "articles": f"{frame.articles_n.sum()}/{frame.articles_total.sum()}",
        "facts": frame.facts.sum(),
        "candidates": frame.candidates.sum(),
        "recall": frame.found.sum() / frame.facts.sum(),
        "precision": sum(r["precision"] * r["candidates"] for r in results)
        / frame.candidates.sum(),
    }
    for column in FIELDS:
        total[column] = frame[f"{column}_n"].sum() / frame.found.sum()
    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    shown = frame[["source", "articles", "facts", "candidates", "recall", "precision", *FIELDS]]
    shown = shown.rename(columns=LABELS)
    for column in ["recall", "precision", *LABELS.values()]:
        shown[column] = shown[column].map(lambda x: f"{100 * x:.0f}%")
    return shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    data = data_dir()
    sources = pd.read_csv(data / "sources.csv", dtype=str).source_id
    results = [evaluate_source(data, sid) for sid in sources]
    shown = table(results)
    if args.markdown:
        head = "| " + " | ".join(shown.columns) + " |"
        print(head)
        print("|" + "---|" * len(shown.columns))
        for row in shown.itertuples(index=False):
            print("| " + " | ".join(str(v) for v in row) + " |")
    else:
        print(shown.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
