"""Tables, chart and sentences of the reconciliation chapter."""

import altair as alt
import pytest
from IPython.display import Markdown

from lib.analysis.places import check_regions
from lib.chapters.reconciliation import (
    VERDICTS,
    agree_table,
    name_variant_section,
    name_variant_table,
    pair_sections,
    pair_table,
    repeated_figures,
    statements_table,
    used_sentence,
    verdict_chart,
    verdict_counts,
    verdict_point,
)


def test_figures_worst_first_with_the_used_statement(factbase):
    figs = repeated_figures(factbase, check_regions(factbase, []))
    order = [VERDICTS[::-1].index(v) for v in figs.verdict]
    assert order == sorted(order)
    l6 = figs[figs.readings == "17家 | 22家"].iloc[0]
    assert l6.verdict == "conflict" and l6.sources == 2
    facts = factbase.facts.set_index("fact_id")
    for r in figs.itertuples():
        assert r.used_fact in r.fact_ids.split(";")
        assert facts.loc[r.used_fact, "value_text"] == r.used_text


def test_counts_list_every_verdict(factbase):
    figs = repeated_figures(factbase, check_regions(factbase, []))
    counts = verdict_counts(figs)
    assert list(counts.verdict) == list(VERDICTS)
    assert counts.figures.sum() == len(figs)
    empty = verdict_counts(figs.iloc[0:0])
    assert list(empty.figures) == [0, 0, 0]


def test_region_without_repeats_gives_empty_tables(factbase):
    # 360800 Ji'an: one source only
    assert repeated_figures(factbase, ["360800"]).empty
    assert pair_table(factbase, ["360800"], ["conflict"]).empty
    assert name_variant_table(factbase, ["360800"]).empty


def test_pairs_carry_both_quotes(factbase):
    pairs = pair_table(factbase, check_regions(factbase, []), ["conflict"])
    assert set(pairs.verdict) == {"conflict"}
    for r in pairs.itertuples():
        assert r.value_text_a.replace("\n", "") in r.quote_a.replace("\n", "")
        assert r.used in (r.fact_a, r.fact_b)
    with pytest.raises(ValueError, match="unknown verdict"):
        pair_table(factbase, ["360702"], ["maybe"])


def test_name_variants_only_across_sources(factbase):
    nv = name_variant_table(factbase, check_regions(factbase, []))
    row = nv.set_index("entity").loc["数字信息产业集群"]
    assert "数智装备产业集群 (001)" in row.names and "数字信息产业 (000)" in row.names


def test_later_of_respects_precision():
    from lib.chapters.reconciliation import later_of

    assert later_of("2025-10", "2024") == "a"
    assert later_of("2024-03", "2025-04") == "b"
    assert later_of("2025-10", "2025") == ""
    assert later_of("2025", "2025") == ""
    assert later_of("2025-07", "2025-04") == "a"


def test_conflict_dates_are_reported(factbase):
    pairs = pair_table(factbase, ["360702"], ["conflict"])
    # 000 is dated 2025-10, 001 only to 2025: the dates do not say which is later
    assert set(pairs.later) == {""}
    assert set(pairs.date_a) | set(pairs.date_b) == {"2025-10", "2025"}


def _pair(**changes):
    """A conflict pair as :func:`pair_table` gives it; source a is the later one."""
    pair = {
        "fact_a": "000-x-2025",
        "fact_b": "001-x-2025",
        "source_a": "000_b93f58b94fa34999",
        "source_b": "001_0a1b2c3d4e5f6a7b",
        "date_a": "2025-10",
        "date_b": "2024",
        "value_text_a": "17家",
        "value_text_b": "22家",
        "quote_a": "L6级企业17家",
        "quote_b": "L6级<b>企业</b>22家",
        "verdict": "conflict",
        "used": "000-x-2025",
        "later": "a",
    }
    return {**pair, **changes}


def test_verdict_chart_counts_every_verdict_or_says_there_is_none(factbase):
    figs = repeated_figures(factbase, check_regions(factbase, []))
    chart = verdict_chart(figs)
    assert isinstance(chart, alt.Chart)
    data = chart.data.set_index(["verdict", "scope"])["count"]
    # the two parts of a bar do not overlap: together they are every repeated figure
    assert data["conflict"].sum() == (figs.verdict == "conflict").sum()
    assert (
        data["agree", "stated by two or more sources"]
        == ((figs.verdict == "agree") & (figs.sources > 1)).sum()
    )
    assert (
        data["agree", "stated within one source"]
        == ((figs.verdict == "agree") & (figs.sources == 1)).sum()
    )
    assert len(data) == 2 * len(VERDICTS) and data.sum() == len(figs)
    spec = chart.to_dict()
    assert " ".join(spec["title"]["text"]) == verdict_point(figs)
    assert verdict_point(figs).endswith(f"{(figs.verdict == 'conflict').sum()} conflict.")
    assert spec["encoding"]["x"]["title"] == "Figures stated more than once (count)"
    none = verdict_chart(figs.iloc[0:0])
    assert isinstance(none, Markdown) and "stated more than once" in none.data
    assert verdict_point(figs.iloc[0:0]) == ""


def test_statements_table_names_sources_by_number_and_escapes():
    table = statements_table(_pair())
    lines = table.splitlines()
    assert lines[0] == "| Source | Dated | As written | Passage |"
    assert lines[2].startswith("| 000 | 2025\\-10 | 17家 |")
    assert lines[3].startswith("| 001 | 2024 | 22家 |")
    assert "b93f" not in table and "<b>" not in table and "&lt;b&gt;" in table


def test_used_sentence_says_why():
    later = used_sentence(_pair())
    assert later.startswith("The report uses **17家** (source 000). It is the later source")
    used_b = used_sentence(_pair(used="001-x-2025", later="a"))
    assert "**22家** (source 001)" in used_b
    assert (
        "dated 2024 and 2025\\-10" in used_b
        and "provisional" in used_b
        and "17家, in mind" in used_b
    )
    undated = used_sentence(_pair(later=""))
    assert "provisional" in undated and "22家, in mind" in undated
    rounding = used_sentence(_pair(verdict="rounding", used="001-x-2025"))
    assert "**22家** (source 001). It is the more precise statement" in rounding


def test_pair_sections_show_each_pair_or_say_there_is_none(factbase):
    codes = check_regions(factbase, [])
    shown = pair_sections(factbase, codes, "conflict").data
    pairs = pair_table(factbase, codes, ["conflict"])
    assert len(pairs) > 0
    assert shown.count("| Source | Dated | As written | Passage |") == len(pairs)
    assert shown.count("The report uses") == len(pairs)
    assert "the dates do not establish which account is later" in shown
    assert (
        pair_sections(factbase, ["360800"], "conflict").data
        == "No figure of the selected regions is stated in conflicting ways."
    )
    assert (
        pair_sections(factbase, ["360800"], "rounding").data
        == "No figure of the selected regions differs only by rounding."
    )
    with pytest.raises(ValueError, match="unknown verdict"):
        pair_sections(factbase, codes, "agree")
    # a figure stated three times (two pairs) is one section, each statement once, and the
    # statement used is named with its own source
    rounding = pair_sections(factbase, codes, "rounding").data
    share = "Technical\\-upgrade share of industrial investment"
    assert rounding.count(share) == 1
    section = rounding.split(share)[1]
    assert section.count("| 62\\.33% |") == 2 and section.count("| 62\\.3% |") == 1
    assert "The report uses **62\\.33%** (source 000)" in section


def test_agree_table_lists_the_sources_of_each_figure(factbase):
    figs = repeated_figures(factbase, check_regions(factbase, []))
    lines = agree_table(factbase, figs).data.splitlines()
    assert lines[0] == "| Figure | As written | Statements | Sources |"
    assert len(lines) == 2 + (figs.verdict == "agree").sum()
    assert any(line.endswith("| 000, 001 |") for line in lines)
    assert not any("_" in line.rsplit("|", 2)[1] for line in lines[2:])
    none = agree_table(factbase, figs[figs.verdict != "agree"])
    assert none.data == "No figure of the selected regions is stated twice with the same value."


def test_name_variant_section_notes_the_renamed_cluster(factbase):
    names = name_variant_table(factbase, check_regions(factbase, []))
    text = name_variant_section(names).data
    assert text.startswith("The most consequential case is the cluster")
    assert "| Canonical name | English | Type | Names used \\(sources\\) |" in text
    assert text.count("\n| ") == 1 + len(names)  # the header and one row per entity
    others = name_variant_section(names[names.entity != "数字信息产业集群"]).data
    assert others.startswith("| Canonical name |")
    assert name_variant_section(names.iloc[0:0]).data == (
        "No firm, cluster or programme of the selected regions goes by different names "
        "in different sources."
    )


def test_a_repeated_target_is_labelled_as_one(factbase):
    figs = repeated_figures(factbase, check_regions(factbase, []))
    targets = figs[figs.status == "target"]
    assert len(targets) > 0
    assert all(f.endswith(" (target)") for f in targets.figure)
    assert not any(
        f.endswith(")") and "(target)" in f for f in figs[figs.status == "achieved"].figure
    )
