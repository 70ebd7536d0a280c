"""Reconciliation of figures stated more than once."""

import pandas as pd

from lib.analysis.reconcile import classify_pair, name_variants, reconcile


def fact(fid, source, value, value_text, qualifier="exact", **key):
    base = dict(
        region_code="360702",
        indicator="x",
        period="2024",
        entity="",
        state="",
        status="achieved",
        period_type="year",
    )
    base.update(key)
    return dict(
        fact_id=fid,
        source_id=source,
        value=value,
        value_base=value,
        value_text=value_text,
        qualifier=qualifier,
        quote=value_text,
        **base,
    )


def test_classify_pairs():
    s = lambda v, q="exact": pd.Series(dict(value=v, value_base=v, qualifier=q))  # noqa: E731
    assert classify_pair(s(62.33), s(62.3)) == "rounding"
    assert classify_pair(s(62.33), s(62.4)) == "conflict"
    assert classify_pair(s(17), s(22)) == "conflict"
    assert classify_pair(s(500, "over"), s(500)) == "rounding"
    assert classify_pair(s(500, "over"), s(520)) == "rounding"
    assert classify_pair(s(500, "over"), s(400)) == "conflict"
    assert classify_pair(s(11), s(11)) == "agree"
    assert classify_pair(s(10.2), s(10)) == "rounding"


def test_reconcile_groups_and_chooses():
    facts = pd.DataFrame(
        [
            fact("a", "s1", 62.33, "62.33%"),
            fact("b", "s2", 62.3, "62.3%"),
            fact("c", "s1", 17, "17家", indicator="l6"),
            fact("d", "s2", 22, "22家", indicator="l6"),
            fact("e", "s1", 11, "11家", indicator="green"),
            fact("f", "s2", 11, "11家", indicator="green"),
            fact("g", "s1", 5, "5家", indicator="alone"),
        ]
    )
    r = reconcile(facts, {"s1": "2025-10", "s2": "2025"}).set_index("indicator")
    assert set(r.index) == {"x", "l6", "green"}
    assert r.loc["x", "verdict"] == "rounding" and r.loc["x", "used_fact"] == "a"
    assert r.loc["l6", "verdict"] == "conflict" and r.loc["l6", "used_fact"] == "c"
    assert r.loc["green", "verdict"] == "agree" and r.loc["green", "mentions"] == 2


def test_real_corpus_findings(factbase):
    r = reconcile(factbase.facts)
    by = {(row.indicator, row.readings): row.verdict for row in r.itertuples()}
    assert by[("tech_upgrade_investment_share", "62.33% | 62.3%")] == "rounding"
    assert by[("digital_level_l6_firms", "17家 | 22家")] == "conflict"
    assert by[("cluster_revenue", "314亿元 | 322.8亿元")] == "conflict"
    assert (r.verdict == "agree").sum() >= 20


def test_names_that_differ(factbase):
    nv = name_variants(factbase.entities, factbase.raw)
    names = set(nv.name)
    assert {"数智装备产业集群", "数字信息产业"} <= names
    assert any("十一个一" in n for n in names) and any(n.startswith("“十个一”") for n in names)
    assert nv.across_sources.any()


def test_unlike_measures_are_never_the_same_figure():
    """A target is not a result, a quarter not a year: they are never reconciled."""
    facts = pd.DataFrame(
        [
            fact("a", "s1", 100, "100亿元"),
            fact("b", "s2", 100, "100亿元", status="target"),
            fact("c", "s1", 20, "20亿元", indicator="rev", period="2025Q1", period_type="quarter"),
            fact(
                "d", "s2", 20, "20亿元", indicator="rev", period="2025Q1", period_type="cumulative"
            ),
        ]
    )
    assert reconcile(facts).empty
