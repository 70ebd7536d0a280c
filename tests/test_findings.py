"""The key findings: the validated file, the checks that assert each claim, the page's pieces,
and a finding that fails, by name, when a copy of the data stops supporting it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import edit_csv

from lib.analysis.findings import (
    CHECKS,
    FindingError,
    Need,
    corpus_limits,
    evaluate,
    evaluate_all,
    fill_claim,
)
from lib.data.factbase import load_factbase
from lib.data.findings import MAX_FINDINGS, MIN_FINDINGS, load_findings, placeholders
from lib.data.reader import DataValidationError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def findings(factbase):
    return load_findings(factbase.root / "findings.yml", factbase.facts.fact_id)


def test_the_file_is_valid_and_every_finding_has_a_check(findings):
    assert MIN_FINDINGS <= len(findings) <= MAX_FINDINGS
    assert [f.number for f in findings] == list(range(1, len(findings) + 1))
    assert len({f.id for f in findings}) == len(findings)
    assert all(f.check in CHECKS for f in findings)
    assert {f.confidence for f in findings} <= {"high", "medium", "low"}


def test_every_claim_holds_and_is_filled_with_computed_numbers(factbase, findings):
    evidence = evaluate_all(factbase, findings)
    for f in findings:
        claim = fill_claim(f, evidence[f.id])
        assert "{" not in claim and "}" not in claim
        assert evidence[f.id].conditions, f"{f.id} asserts nothing"
        assert set(evidence[f.id].facts) <= set(f.facts)
    # the figures of section 3 of the issue, computed
    ev = evidence
    assert ev["zhanggong-overlap"].numbers["multiple_low"] > 2
    assert ev["xunwu-volume"].numbers["units_multiple"] == 2
    assert ev["xunwu-volume"].numbers["per_unit_target"] < ev["xunwu-volume"].numbers["per_unit"]
    assert (
        ev["gba-pairing"].numbers["ties_guangdong_gba"]
        > ev["gba-pairing"].numbers["ties_yangtze_delta"]
    )
    assert 0.5 < ev["policy-breadth"].numbers["coverage"] < 1.2
    assert (
        ev["relative-position"].values["district_year"]
        != ev["relative-position"].values["city_year"]
    )


def test_investment_amounts_are_never_added(factbase, findings):
    f = next(f for f in findings if f.check == "investment_status")
    table = evaluate(factbase, f).tables["amounts"]
    # one row per stated amount, each with its own status and fact
    assert table.fact_id.is_unique
    assert set(table.status) <= {"signed", "started", "planned", "achieved"}


def test_need_names_the_finding_and_the_condition():
    need = Need("demo-finding")
    need(True, "one is one")
    assert need.held == ["one is one"]
    with pytest.raises(FindingError, match=r"'demo-finding'.*two exceeds three"):
        need(2 > 3, "two exceeds three")
    frame = pd.DataFrame({"value_base": [1.0, 2.0]})
    with pytest.raises(FindingError, match="same value"):
        need.one(frame, "a figure stated twice")


def test_placeholders():
    assert placeholders("up {a}% against {b_c}") == ["a", "b_c"]


def _write(path: Path, entries) -> Path:
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return path


def _entry(i: int, **changes) -> dict:
    e = {
        "id": f"finding-{i}",
        "title": "A title",
        "claim": "Something rose {growth}%.",
        "confidence": "high",
        "reasons": ["One reason."],
        "would_change": "Other data.",
        "watch": "Next year.",
        "facts": ["f-1"],
        "check": f"check_{i}",
    }
    return e | changes


def test_the_loader_lists_every_problem(tmp_path):
    entries = [_entry(i) for i in range(6)]
    entries[0]["claim"] = "Something rose 12%."  # a typed digit
    entries[1]["confidence"] = "certain"
    del entries[2]["watch"]
    entries[3]["facts"] = ["no-such-fact"]
    entries[4]["id"] = "finding-0"  # repeats the first
    entries[5]["reasons"] = []
    with pytest.raises(DataValidationError) as err:
        load_findings(_write(tmp_path / "findings.yml", entries), fact_ids=["f-1"])
    text = str(err.value)
    for expected in (
        "column 'claim': finding 1 (finding-0)",
        "types a digit",
        "confidence 'certain'",
        "missing key 'watch'",
        "fact 'no-such-fact' is not in the fact base",
        "id 'finding-0' repeats",
        "expected a non-empty list of reasons",
    ):
        assert expected in text, expected


def test_the_loader_wants_six_to_ten_findings(tmp_path):
    with pytest.raises(DataValidationError, match="expected 6 to 10 findings, found 2"):
        load_findings(_write(tmp_path / "findings.yml", [_entry(0), _entry(1)]))


def test_a_check_on_small_data_fails_by_name(tmp_path):
    """The small data folder has none of Zhanggong's figures: its finding fails, named."""
    from small_data import make_small_data

    fb = load_factbase(make_small_data(tmp_path / "data"))
    (finding,) = [
        f for f in load_findings(ROOT / "data" / "findings.yml") if f.id == "zhanggong-overlap"
    ]
    with pytest.raises(FindingError, match=r"'zhanggong-overlap'.*Zhanggong's above-scale revenue"):
        evaluate(fb, finding)


def test_ties_on_small_data(tmp_path):
    """One tie, to Shenzhen, from the only source: the ties finding's counting holds."""
    from small_data import make_small_data

    fb = load_factbase(make_small_data(tmp_path / "data"))
    assert fb.linkages.partner_group.tolist() == ["guangdong_gba"]
    need = Need("gba-pairing")
    with pytest.raises(FindingError, match="Shenzhen investment fair"):
        CHECKS["gba_ties"](fb, need)
    assert "ties to Guangdong and the Greater Bay Area outnumber all other ties together" in (
        need.held
    )


def test_a_corrected_fact_stops_the_finding_it_supported(data_copy):
    """Edit a copy of facts.csv: one cluster revenue moved to another year. The data still load,
    but the Zhanggong finding no longer holds, and the error names it and the condition."""
    facts = data_copy / "facts.csv"
    frame = pd.read_csv(facts, dtype=str)
    row = int(frame.index[frame.fact_id == "000-zhanggong-digital-cluster-revenue-2024"][0])
    edit_csv(facts, row, period="2023")
    fb = load_factbase(data_copy)
    found = load_findings(data_copy / "findings.yml", fb.facts.fact_id)
    with pytest.raises(FindingError) as err:
        evaluate_all(fb, found)
    assert "zhanggong-overlap" in str(err.value)
    assert "every cluster revenue is for the district total's year" in str(err.value)


def test_a_fact_dropped_from_scope_is_named_with_its_finding(data_copy):
    facts = data_copy / "facts.csv"
    frame = pd.read_csv(facts, dtype=str)
    row = int(frame.index[frame.fact_id == "004-gan-industrial-profit-growth-2025q1"][0])
    edit_csv(facts, row, relevance="off_topic")
    fb = load_factbase(data_copy)
    with pytest.raises(DataValidationError, match=r"\(rare-earth-downstream\).*profit-growth"):
        load_findings(data_copy / "findings.yml", fb.facts.fact_id)


def test_corpus_limits_count_what_is_missing(factbase):
    limits = corpus_limits(factbase).set_index("topic")
    assert limits.loc["Ownership (state, private, foreign)", "facts"] == 0
    assert limits.loc["Employment", "facts"] <= 2


def test_what_this_means_links_findings_and_types_no_number(factbase):
    from lib.present.findings import READS, what_this_means

    for key in READS:
        template = "region_profile" if key.isdigit() else key
        text = what_this_means(template, factbase, region=key).data
        assert "{ref}`" in text and "<finding-" in text
        assert "{" not in re.sub(r"\{ref\}`[^`]*`", "", text)
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
        assert 2 <= len(sentences) <= 4
    for key, (template, _) in READS.items():
        bare = re.sub(r"\{[^}]*\}", "", template)
        assert not re.search(r"[0-9]", bare), key


def test_every_chapter_that_ends_with_what_this_means_calls_it():
    for path in sorted((ROOT / "chapters").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "## What this means" in text:
            tail = text.split("## What this means", 1)[1]
            assert "what_this_means(" in tail, path.name
            assert "\n## " not in tail, f"{path.name}: 'What this means' is not the last section"


def test_the_page_sections_are_the_findings_in_order(factbase, findings):
    text = (ROOT / "chapters" / "key_findings.md").read_text(encoding="utf-8")
    labels = re.findall(r"^\(finding-([a-z0-9-]+)\)=\n## (.+)$", text, flags=re.M)
    assert labels == [(f.id, f.title) for f in findings]
    from lib.chapters.key_findings import check_sections

    check_sections(factbase, [f.id for f in findings])
    with pytest.raises(ValueError, match="not the findings"):
        check_sections(factbase, [f.id for f in findings][::-1])


def test_brief_source(factbase, tmp_path):
    from lib.chapters.key_findings import brief_latex

    tex = brief_latex(factbase, "chart.pdf")
    assert tex.count(r"\item ") >= MIN_FINDINGS
    assert "Confidence: high" in tex and "xeCJK" in tex and "How to cite" in tex
    assert "{" + "growth" not in tex


@pytest.mark.slow
def test_report_brief_builds_two_pages(tmp_path):
    """``report brief`` writes _build/pdf/brief.pdf: at most two pages, CJK fonts embedded."""
    proc = subprocess.run(
        [sys.executable, "-m", "report.cli", "brief"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pdf = ROOT / "_build" / "pdf" / "brief.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert 1 <= pages <= 2
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSerifCJK" in fonts or "NotoSansCJK" in fonts


def test_the_findings_open_the_book():
    plan = yaml.safe_load((ROOT / "chapters" / "plan.yml").read_text(encoding="utf-8"))
    assert plan["parts"][0]["caption"] == "Findings"
    assert plan["parts"][0]["pages"] == ["key_findings"]
    assert plan["pages"]["key_findings"]["template"] == "key_findings.md"


def test_the_profile_of_the_evidence_is_computed(factbase, findings):
    from lib.analysis.findings import evidence_profile
    from lib.present.findings import profile_md

    evidence = evaluate_all(factbase, findings)
    ties = evidence_profile(factbase, evidence["gba-pairing"])
    assert ties["ties"] == len(factbase.linkages) and ties["sources"] >= 4
    xunwu = evidence_profile(factbase, evidence["xunwu-volume"])
    assert xunwu["sources"] == 1 and xunwu["publicity"] == 1
    assert profile_md(factbase, evidence["self-reported"]) == ""
    assert "1 source (1 local-government publicity feature)" in profile_md(
        factbase, evidence["xunwu-volume"]
    )
