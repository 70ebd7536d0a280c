"""A region's profile: figures collapsed, cited, compared, with caveats."""

from __future__ import annotations

import re

import pytest
from IPython.display import Markdown

from lib.analysis.figures import (
    caveats,
    check_limit,
    distinct_figures,
    growth_figures,
    headline_figures,
    peer_comparison,
    scale_figures,
)
from lib.analysis.headlines import ranked_headlines
from lib.chapters.region_profile import (
    chains_table,
    claimed_list,
    clusters_table,
    disagreements_list,
    firms_table,
    growth_chart,
    headline_table,
    page_values,
    peer_table,
    position_map,
    region_chains,
    region_firms,
    scale_table,
    targets_list,
)
from lib.present.citations import Citations
from lib.present.figures import figure_table
from lib.present.headlines import rank_scope
from lib.text.english import fact_value


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
    assert (
        targets_list(factbase, "360723", 2030, cite).data
        == "The corpus states no target for this place."
    )
    assert disagreements_list(factbase, "360723", cite).data == (
        "**Where statements differ**\n\n"
        "No figure of this place is stated differently by two statements."
    )
    assert (
        firms_table(factbase, "360723", cite).data
        == "**Firms named**\n\nThe corpus names no firm in this place."
    )
    assert (
        claimed_list(factbase, "360723", cite).data
        == "Every figure of this place is stated by the articles themselves."
    )
    assert (
        peer_table(factbase, "360723", ["360734", "360702"], cite).data
        == "大余县 Dayu County shares no place-wide measure with its peers in the corpus."
    )
    assert len(cite) == 0 and cite.markdown() == "No figures are cited on this page."


def test_every_section_says_when_it_has_nothing_to_show(factbase):
    # 信丰县 Xinfeng: named in chains and firms, no fact; 江西省: the province, no fact, no map
    cite = Citations(factbase.facts, "t")
    for code, place in [("360722", "信丰县 Xinfeng County"), ("360000", "江西省 Jiangxi Province")]:
        assert (
            headline_table(factbase, code, 12, cite).data
            == "The corpus states no key level figure for this place."
        )
        assert growth_chart(factbase, code).data == f"The corpus states no growth rate for {place}."
        assert clusters_table(factbase, code).data.endswith(
            "names no cluster or park in this place."
        )
        assert scale_table(factbase, code, cite).data.startswith(
            "The corpus states no scale figure"
        )
    assert chains_table(factbase, "360000").data.endswith(
        "describes no supply chain for this place."
    )
    assert (
        position_map(factbase, "360000").data
        == "江西省 Jiangxi Province is not a county or prefecture of Jiangxi: no locator map."
    )
    located = position_map(factbase, "360722").to_dict()
    features = located["data"]["values"]["features"]
    assert {f["properties"]["code"] for f in features if f["properties"]["category"]} == {"360722"}
    assert located["title"] == "Xinfeng County, in Ganzhou, lies in southern Jiangxi"
    assert position_map(factbase, "360800").to_dict()["title"] == "Ji'an lies in central Jiangxi"
    assert len(cite) == 0


def test_headline_table_says_how_many_of_how_many_it_shows(factbase):
    n = len(ranked_headlines(factbase, "360702"))
    assert n > 12
    cite = Citations(factbase.facts, "t")
    text = headline_table(factbase, "360702", 12, cite).data
    assert text.startswith(f"The first 12 of {n} key figures in the report's order of importance;")
    assert text.count("|\n") == 12 + 1  # header and rows; each row cites every statement
    everything = headline_table(factbase, "360702", n, Citations(factbase.facts, "u")).data
    assert everything.startswith("| Measure | Of |") and everything.count("|\n") == n + 1


def test_headline_tables_lead_with_gdp_and_cluster_revenues(factbase):
    cite = Citations(factbase.facts, "t")
    body = [
        line
        for line in headline_table(factbase, "360702", 12, cite).data.splitlines()
        if line.startswith("| ") and not line.startswith("| Measure")
    ]
    assert body[0].startswith("| GDP |  | 74\\.06 billion yuan | 740\\.62亿元 | 2024 |")
    assert [line.split(" | ")[0] for line in body[2:5]] == ["| Cluster revenue"] * 3
    assert not any("Bridge funds" in line for line in body)
    ganzhou = headline_table(factbase, "360700", 12, cite).data
    first = ganzhou.split("|---|", 1)[1].split("\n")[1]
    assert first.startswith("| GDP |")  # not its pledge loans
    assert "IP pledge financing" in ganzhou


def test_ranks_say_what_they_are(factbase):
    cite = Citations(factbase.facts, "t")
    xunwu = headline_table(factbase, "360734", 12, cite).data.replace("\\", "")
    first = next(line for line in xunwu.splitlines() if line.startswith("| First of its kind"))
    assert "寻乌县压缩机协会 Xunwu County Compressor Association" in first
    assert "| the first in Jiangxi | 第一 |" in first
    assert rank_scope("位列全市第一", "第一", "Ganzhou") == "in Ganzhou"
    assert rank_scope("上榜全国综合实力百强区76位", "76位") == "in China"
    assert rank_scope("无范围第一", "第一") == ""
    gan = headline_table(factbase, "360704", 20, cite).data
    assert "the first in Ganzhou" in gan  # 两项指标均居全市首位


def test_growth_chart_draws_each_rate_as_written_headline_measures_first(factbase):
    growth = growth_figures(factbase, "360702")
    spec = growth_chart(factbase, "360702").to_dict()
    assert spec["title"] == (
        "Zhanggong District: stated growth runs from 2% (above-scale revenue growth) "
        "to 16.4% (cluster revenue growth)"
    )
    layer = spec["layer"][0]["encoding"]
    assert layer["x"]["title"].startswith("Growth stated (%")
    assert layer["y"]["title"] == "Measure (period)"
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == len(growth)
    assert sorted(r["as_written"] for r in rows) == sorted(growth.value_text)
    assert rows[0]["figure"] == "GDP growth (2024)"  # the ranked list's first growth measure
    assert all("(" in r["figure"] and ")" in r["figure"] for r in rows)  # every bar has its years
    assert not any(re.search(r"[\u4e00-\u9fff]", r["figure"]) for r in rows)  # names in English
    assert isinstance(growth_chart(factbase, "360734"), Markdown)  # 寻乌 states none


def test_industry_tables_have_their_heading_and_cite_their_figures(factbase):
    clusters = clusters_table(factbase, "360734").data
    assert (
        clusters.startswith("**Clusters and parks**\n\n| Name |") and "寻乌空压机产业" in clusters
    )
    chains = chains_table(factbase, "360734").data
    assert chains.startswith("**Supply chains**\n\n| Chain |")
    assert "寻乌空压机产业链 Xunwu air\\-compressor chain" in chains
    cite = Citations(factbase.facts, "t")
    scale = scale_table(factbase, "360734", cite).data
    assert scale.startswith("**Scale figures**") and scale.count("{ref}") == len(
        scale_figures(factbase, "360734")
    )
    firms = firms_table(factbase, "360734", cite).data
    assert firms.startswith("**Firms named**\n\n| Firm |")
    assert firms.count("|\n") == len(region_firms(factbase, "360734")) + 1  # header and rows


def test_targets_and_claims_are_one_cited_bullet_each(factbase):
    cite = Citations(factbase.facts, "t")
    targets = targets_list(factbase, "360704", 2030, cite).data.splitlines()
    assert targets and all(line.startswith("- **") and "{ref}" in line for line in targets)
    assert any("assumes its horizon year" in line for line in targets)
    claims = claimed_list(factbase, "360734", cite).data.splitlines()
    assert len(claims) == page_values(factbase, "360734")["n_claimed"] == 5
    assert all("claimed by " in line and "{ref}" in line for line in claims)


def test_page_values_are_what_the_prose_states(factbase):
    values = page_values(factbase, "360702")
    assert values["place"] == "章贡区 Zhanggong District"
    raw = factbase.facts[factbase.facts.region_code == "360702"]
    assert values["n_statements"] == len(raw) > values["n_figures"]  # repeats count once
    assert values["n_sources"] == raw.source_id.nunique()
    assert 0 < values["n_inferred"] < values["n_figures"]
    assert values["n_claimed"] == len(caveats(factbase, "360702")["claimed"])
    assert values["periods_note"].startswith(f"{values['n_inferred']} of the figures give no")
    assert page_values(factbase, "360722")["periods_note"] == "Every figure states its period."


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "3", None])
def test_a_limit_is_a_whole_number_of_at_least_one(bad):
    assert check_limit(1, "headline_limit") == 1
    with pytest.raises(
        ValueError, match=f"headline_limit must be a whole number of at least 1, got {bad!r}"
    ):
        check_limit(bad, "headline_limit")


def test_scale_and_chains(factbase):
    scale = scale_figures(factbase, "360734")
    assert {"firms", "output"} <= set(scale.measure)
    assert scale.measure.tolist() == sorted(
        scale.measure, key=["firms", "output", "revenue", "projects", "investment"].index
    )
    ch = region_chains(factbase, "360734").set_index("chain").loc["xunwu_air_compressor"]
    assert ch.links == ch.present + ch.missing + ch.planned + ch.cross_region
    assert ch.missing >= 1 and "casting (铸造)" in ch.stages


def test_peers_compare_like_with_like_and_leave_gaps(factbase):
    shared = peer_comparison(factbase, "360702", ["360700", "360704", "360800"])
    assert (shared.groupby(["indicator", "kind", "base_unit"]).region_code.nunique() > 1).all()
    by = shared.groupby("indicator").region_code.apply(set)
    assert by["gdp"] == {"360702", "360700"}  # Ganzhou states its GDP
    assert by["key_industrial_chains"] == {"360702", "360704"}  # Ganxian District its chains
    cite = Citations(factbase.facts, "t")
    table = peer_table(factbase, "360702", ["360700", "360704", "360800"], cite).data
    assert table.startswith("| Measure | 章贡区 Zhanggong District | 赣州市 Ganzhou |")
    gdp_row = next(line for line in table.splitlines() if line.startswith("| GDP |"))
    assert gdp_row.endswith("| — |")  # a gap, not a zero
    assert table.count("{ref}") == len(shared)


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
    assert cite.ref(head.fact_id.iloc[0]) == "{ref}`[1] <cite-region-xunwu-1>`"  # same number
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
    row = dict(
        qualifier="more_than", value_base=5e9, base_unit="yuan", value_base_high=float("nan")
    )
    assert fact_value(row) == "more than 5 billion yuan"
    row = dict(qualifier="range", value_base=7.5, base_unit="kilowatt", value_base_high=355)
    assert fact_value(row) == "7.5–355 kW"


def test_clusters_and_parks_named(factbase):
    from lib.chapters.region_profile import region_clusters as clusters

    named = clusters(factbase, "360734")
    assert "寻乌空压机产业" in set(named.entity) and set(named.entity_type) <= {"cluster", "park"}
    assert named.set_index("entity").loc["寻乌空压机产业"].figures >= 5
    dayu = clusters(factbase, "360723")  # 大余县: one cluster, one figure
    assert dayu.entity.tolist() == ["锂电新能源产业"] and dayu.figures.tolist() == [1]
    assert clusters(factbase, "360722").empty  # 信丰县: none named
