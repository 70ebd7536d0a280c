"""Tables of the reconciliation chapter."""

import pytest

from lib.analysis.places import check_regions
from lib.chapters.reconciliation import (VERDICTS, name_variant_table, pair_table, repeated_figures,
                                         verdict_counts)


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
