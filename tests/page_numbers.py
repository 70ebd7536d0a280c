"""The numbers each page of a built book shows: the record that a refactoring changes nothing.

``python tests/page_numbers.py BOOK_ROOT > tests/snapshots/page_numbers.json`` records them
from ``BOOK_ROOT/_build/html``; ``tests/test_page_numbers.py`` compares a fresh build with the
record. Numbers are taken from the text a reader sees (code and scripts left out) and from the
data behind every chart; the API reference, which documents code, is left out.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
SPEC = re.compile(r"var spec = (\{.*?\});\n", re.S)
SKIP = {"api_reference"}


def _numbers_in(value, out: list[str]) -> None:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, (int, float)):
        out.append(f"{value:.6g}")
    elif isinstance(value, str):
        out.extend(NUMBER.findall(value))
    elif isinstance(value, dict):
        for v in value.values():
            _numbers_in(v, out)
    elif isinstance(value, list):
        for v in value:
            _numbers_in(v, out)


def page_numbers(html: str) -> dict[str, list[str]]:
    """The numbers of one HTML page: ``text`` (prose and tables) and ``charts`` (chart data).

    Both are sorted lists (a multiset), so a reordering alone is not a change.
    """
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article") or soup
    charts: list[str] = []
    for script in article.find_all("script"):
        m = SPEC.search(script.get_text())
        if m:
            spec = json.loads(m.group(1))
            _numbers_in(list(spec.get("datasets", {}).values()), charts)
    for tag in article.find_all(["script", "style", "details"]):
        tag.decompose()
    for tag in article.select(".cell_input, .headerlink, .report-chart-downloads"):
        tag.decompose()
    text = NUMBER.findall(article.get_text(" "))
    return {"text": sorted(text), "charts": sorted(charts)}


def book_numbers(root: Path) -> dict[str, dict[str, list[str]]]:
    """Numbers of every page of ``root/_build/html/pages``, by page name."""
    pages = sorted((root / "_build" / "html" / "pages").glob("*.html"))
    return {
        p.stem: page_numbers(p.read_text(encoding="utf-8")) for p in pages if p.stem not in SKIP
    }


def difference(before: dict, after: dict) -> list[str]:
    """Human-readable differences between two records (empty when equal)."""
    out = []
    for page in sorted(set(before) | set(after)):
        if page not in after:
            out.append(f"page {page}: missing")
            continue
        if page not in before:
            out.append(f"page {page}: new")
            continue
        for part in ("text", "charts"):
            a, b = Counter(before[page][part]), Counter(after[page][part])
            if a != b:
                gone, new = sorted((a - b).elements()), sorted((b - a).elements())
                out.append(f"page {page} ({part}): lost {gone[:15]} gained {new[:15]}")
    return out


if __name__ == "__main__":
    json.dump(book_numbers(Path(sys.argv[1])), sys.stdout, ensure_ascii=False, indent=0)
