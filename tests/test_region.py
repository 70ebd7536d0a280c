"""A region's profile: figures collapsed, cited, compared, with caveats."""

from __future__ import annotations

import pytest

from lib.present.citations import Citations
from lib.analysis.figures import (caveats, distinct_figures, growth_figures, headline_figures,
                                  peer_comparison, scale_figures)
from lib.chapters.region_profile import (disagreements_markdown, peer_chart, peer_table,
                                         region_chains, region_firms, targets_markdown)
from lib.present.figures import figure_table
from lib.text.english import fact_value
from lib.analysis.targets import target_table


def test_repeated_statements_count_once_and_keep_the_used_one(factbase):
    figs = distinct_figures(factbase, "360702")
    raw = factbase.facts[factbase.facts.region_code == "360702"]
    assert len(figs) < len(raw)
    digital = figs[(figs.indicator == "cluster_revenue") & (figs.entity == "数字信息产业集群")]
    assert len(digital) == 1 and digital.iloc[0].verdict == "conflict"
    assert digital.iloc[0].mentions == 2
    assert figs.fact_id.is_unique


def test_headline_is_latest_first_and_leaves_out_firms(factbase):
    head = headline_figures(factbase, "360734")
    years = head.year.fillna(-1).tolist()
    assert years == sorted(years, reverse=True)
    firm_names = set(factbase.entities.entity[factbase.entities.entity_type == "firm"])
    assert not set(head.entity) & firm_names
    assert "000-xunwu-compressor-above-scale-firms-2024" in set(head.fact_id)
    assert len(headline_figures(factbase, "360734", 3)) == 3


def test_sections_of_a_thin_region_are_short_not_broken(factbase):
    # 大余县 Dayu: one fact in the corpus
    assert len(distinct_figures(factbase, "360723")) == 1
    assert growth_figures(factbase, "360723").empty
    assert region_firms(factbase, "360723").empty
    assert peer_comparison(factbase, "360723", ["360734", "360702"]).empty
    warn = caveats(factbase, "360723")
    assert warn["disagreements"].empty
    cite = Citations(factbase.facts, "t")
    assert targets_markdown(target_table(factbase, 2030, ["360723"]), cite) == \
        "The corpus states no target for this place."
    assert disagreements_markdown(warn["disagreements"], cite).startswith("No figure")
    assert len(cite) == 0 and cite.markdown() == "No figures are cited on this page."


def test_scale_and_chains(factbase):
    scale = scale_figures(factbase, "360734")
    assert {"firms", "output"} <= set(scale.measure)
    assert scale.measure.tolist() == sorted(scale.measure, key=["firms", "output", "revenue",
                                                                "projects", "investment"].index)
    ch = region_chains(factbase, "360734").set_index("chain").loc["xunwu_air_compressor"]
    assert ch.links == ch.present + ch.missing + ch.planned + ch.cross_region
    assert ch.missing >= 1 and "casting (铸造)" in ch.stages


def test_peers_compare_like_with_like_and_leave_gaps(factbase):
    shared = peer_comparison(factbase, "360702", ["360700", "360704", "360800"])
    assert (shared.groupby(["indicator", "kind", "base_unit"]).region_code.nunique() > 1).all()
    by = shared.groupby("indicator").region_code.apply(set)
    assert by["gdp"] == {"360702", "360700"}                      # Ganzhou states its GDP
    assert by["key_industrial_chains"] == {"360702", "360704"}    # Gan County its chains
    cite = Citations(factbase.facts, "t")
    table = peer_table(factbase, shared, ["360702", "360700", "360704", "360800"], cite)
    gdp_row = next(line for line in table.splitlines() if line.startswith("| GDP |"))
    assert gdp_row.endswith("| not stated |")                     # a gap, not a zero
    assert table.count("{ref}") == len(shared)
    spec = peer_chart(factbase, shared, "360702").to_dict()
    assert spec["resolve"]["scale"]["x"] == "independent"
    measures = {r["measure"] for r in spec["datasets"][spec["data"]["name"]]}
    assert "GDP growth" in measures and not any("(growth)" in m for m in measures)


def test_peers_compare_squads_with_squads_not_with_teams(factbase):
    # 寻乌's 5支工业招商队 compare with 南康's 7支专业招商队 and 赣县's 17支专业招商小分队;
    # its 6个招商团 (teams organised per industry) are another unit and compare with nothing
    shared = peer_comparison(factbase, "360734", ["360703", "360704"])
    squads = shared[shared.indicator == "investment_squads"].set_index("region_code").value_base
    assert squads.to_dict() == {"360703": 7, "360704": 17, "360734": 5}
    assert "investment_promotion_teams" not in set(shared.indicator)


def test_citations_number_each_fact_once_and_link_to_its_quote(factbase):
    cite = Citations(factbase.facts, "cite-region-xunwu")
    head = headline_figures(factbase, "360734", 4)
    table = figure_table(factbase, head, cite)
    assert "{ref}`[1] <cite-region-xunwu-1>`" in table
    assert cite.ref(head.fact_id.iloc[0]) == "{ref}`[1] <cite-region-xunwu-1>`"   # same number
    text = cite.markdown()
    assert text.count("(cite-region-xunwu-") == 4
    quote = factbase.facts.set_index("fact_id").loc[head.fact_id.iloc[0]].quote
    assert quote.replace("\n", "")[:8] in text.replace(" ", "")
    with pytest.raises(KeyError, match="unknown fact"):
        cite.ref("999-nope")
    with pytest.raises(ValueError, match="slug"):
        Citations(factbase.facts, "Bad Prefix")


def test_data_is_escaped_in_tables(factbase):
    facts = factbase.facts.copy()
    facts.loc[facts.index[0], "entity"] = "<script>alert(1)</script>"
    cite = Citations(facts, "t")
    table = figure_table(factbase, facts.head(1).assign(year=2025.0), cite)
    assert "<script>" not in table and "&lt;script&gt;" in table


def test_fact_value_reads_qualifiers_and_ranges():
    row = dict(qualifier="more_than", value_base=5e9, base_unit="yuan", value_base_high=float("nan"))
    assert fact_value(row) == "more than 5 billion yuan"
    row = dict(qualifier="range", value_base=7.5, base_unit="kilowatt", value_base_high=355)
    assert fact_value(row) == "7.5 kW to 355 kW"


def test_clusters_and_parks_named(factbase):
    from lib.chapters.region_profile import region_clusters as clusters

    named = clusters(factbase, "360734")
    assert "寻乌空压机产业" in set(named.entity) and set(named.entity_type) <= {"cluster", "park"}
    assert named.set_index("entity").loc["寻乌空压机产业"].figures >= 5
    dayu = clusters(factbase, "360723")                      # 大余县: one cluster, one figure
    assert dayu.entity.tolist() == ["锂电新能源产业"] and dayu.figures.tolist() == [1]
    assert clusters(factbase, "360722").empty                 # 信丰县: none named
