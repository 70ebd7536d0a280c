"""End to end: one template, one profile page per place, re-run with other parameters."""

import json
import re

import pytest
from conftest import copy_project, report

pytestmark = pytest.mark.slow

PLACES = {
    "region-xunwu": "寻乌县 Xunwu County",
    "region-zhanggong": "章贡区 Zhanggong District",
    "region-gan": "赣县区 Ganxian District",
    "region-nankang": "南康区 Nankang District",
    "region-ganzhou": "赣州市 Ganzhou",
    "region-jian": "吉安市 Ji’an",
}  # typographer's apostrophe


def page_text(root, name):
    """All Markdown outputs and markdown cells of an executed page, joined."""
    nb = json.loads((root / "pages" / f"{name}.ipynb").read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        parts.append("".join(cell["source"]) if cell["cell_type"] == "markdown" else "")
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("data", {}).get("text/markdown", "")))
    return "\n".join(parts).replace("\\", "")  # Markdown escapes off: compare plain text


def test_every_place_has_its_profile(built_book):
    root, _ = built_book
    for name, label in PLACES.items():
        html = (root / "_build" / "html" / "pages" / f"{name}.html").read_text(encoding="utf-8")
        assert re.search(rf"<h1>{re.escape(label)}", html), name
        for section in (
            "Headline figures",
            "Industry",
            "Targets",
            "Position",
            "Caveats",
            "Sources",
        ):
            assert f">{section}<" in html, (name, section)
        cited = set(re.findall(rf'href="#cite-{name}-(\d+)"', html))
        targets = set(re.findall(rf'id="cite-{name}-(\d+)"', html))
        assert cited and cited == targets, name  # every number links to its quote
        text = page_text(root, name)
        assert "year(s)" not in text and not re.search(r"\b1 years\b", text), name  # no seams
    zhanggong = page_text(root, "region-zhanggong")
    # headlines by importance: its GDP, then its industry and clusters, not its bridge funds
    assert zhanggong.index("| GDP |  | 74.06 billion yuan | 740.62亿元 | 2024 |") < zhanggong.index(
        "| Cluster revenue |"
    )
    assert "| First of its kind |" in page_text(root, "region-xunwu")
    assert "the first in Jiangxi" in page_text(root, "region-xunwu")
    gan = page_text(root, "region-gan")
    assert "assumes its horizon year" in gan and "16% a year over 6 years" in gan
    assert "Not like for like" in gan


def test_rerun_with_other_parameters_and_other_places(built_book, tmp_path):
    root = copy_project(tmp_path / "p", with_build_from=built_book[0])
    result = report(root, "run", "region-gan", "-p", "horizon_year=2035", "--no-html")
    assert result.returncode == 0, result.stdout + result.stderr
    gan = page_text(root, "region-gan")
    assert "by 2035" in gan and "over 11 years" in gan and "over 6 years" not in gan

    result = report(root, "run", "region-xunwu", "-p", "region=360723", "--no-html")
    assert result.returncode == 0, result.stdout + result.stderr
    dayu = page_text(root, "region-xunwu")
    assert dayu.startswith("# 大余县 Dayu County")
    assert "The corpus states no growth rate for 大余县 Dayu County" in dayu
    assert "The corpus states no target for this place" in dayu

    result = report(root, "run", "region-xunwu", "-p", "region=360799", "--no-html")
    assert result.returncode == 2  # rejected before any page runs (report.preflight)
    assert "unknown region code '360799'" in result.stdout + result.stderr
    assert "360734 寻乌县 Xunwu County" in result.stdout + result.stderr
    # (a horizon year the template rejects: test_preflight, for region-gan)


def test_targets_chapter_follows_its_parameters(built_book, tmp_path):
    root, _ = built_book
    text = page_text(root, "targets")
    assert "central (8%)" in text and "100 billion yuan by 2030 (assumed)" in text
    assert "no: different measure" in text and "already met by the base" in text

    root = copy_project(tmp_path / "p", with_build_from=root)
    result = report(
        root, "run", "targets", "-p", "growth_central=10", "-p", "horizon_year=2032", "--no-html"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = page_text(root, "targets")
    assert "central (10%)" in text and "central (8%)" not in text
    assert "100 billion yuan by 2032 (assumed)" in text
    nb = json.loads((root / "pages" / "targets.ipynb").read_text(encoding="utf-8"))
    specs = [
        out["data"]["text/html"]
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
        if "text/html" in out.get("data", {})
    ]
    assert any("central (10% a year)" in "".join(s) for s in specs)  # the charts follow

    result = report(root, "run", "targets", "-p", "growth_low=20", "--no-html")
    assert result.returncode == 2  # rejected before any page runs (report.preflight)
    assert "scenario rates must increase" in result.stdout + result.stderr
