"""lib.analysis.chains: chain graphs, their layout and their drawing."""

import networkx as nx
import pandas as pd
import pytest

from lib.analysis.chains import chain_graph, chain_status, layered_layout, node_status
from lib.present.chains import (
    NODE_STATUS,
    STATUS_COLOURS,
    STATUS_EN,
    chain_chart,
    chain_titles,
    edge_frame,
    node_frame,
    stage_label,
)

REGIONS = {"360734": "寻乌县 Xunwu County", "360800": "吉安市 Ji'an"}


def links(*rows):
    cols = [
        "link_id",
        "chain",
        "region_code",
        "upstream",
        "downstream",
        "status",
        "source_id",
        "quote",
        "note",
    ]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


LINKS = links(
    ("l1", "c", "360734", "casting (铸造)", "assembly (整机)", "present", "000_x", "q1", ""),
    ("l2", "c", "360734", "motor (电机)", "assembly (整机)", "present", "000_x", "q2", ""),
    ("l3", "c", "360734", "converter (变频器)", "assembly (整机)", "missing", "000_x", "q3", ""),
    ("l4", "c", "360734", "assembly (整机)", "market (市场)", "cross_region", "000_x", "q4", ""),
    ("p1", "plan", "360800", "a", "b", "planned", "002_y", "q5", ""),
    ("p2", "plan", "360800", "b", "c", "present", "002_y", "q6", ""),
)


def test_graph_keeps_every_link_with_its_quote():
    g = chain_graph(LINKS, "c")
    assert g.number_of_edges() == 4 and g.number_of_nodes() == 5
    assert g.edges["converter (变频器)", "assembly (整机)"]["link_id"] == "l3"
    assert g.edges["converter (变频器)", "assembly (整机)"]["quote"] == "q3"


def test_same_link_stated_twice_keeps_both_ids():
    two = links(
        ("a1", "c", "360734", "x", "y", "present", "000_x", "q", ""),
        ("a2", "c", "360734", "x", "y", "present", "001_z", "q", ""),
    )
    e = chain_graph(two, "c").edges["x", "y"]
    assert e["link_id"] == "a1; a2" and e["source_id"] == "000_x; 001_z"


def test_unknown_chain_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown chain 'nope'.*c, plan"):
        chain_graph(LINKS, "nope")


def test_stage_statuses():
    g = chain_graph(LINKS, "c")
    assert node_status(g, "converter (变频器)") == "missing"
    assert node_status(g, "market (市场)") == "cross_region"
    assert node_status(g, "assembly (整机)") == "present"  # mixed links: present
    assert node_status(chain_graph(LINKS, "plan"), "a") == "planned"


def test_layout_is_layered_and_deterministic():
    g = chain_graph(LINKS, "c")
    pos = layered_layout(g)
    assert pos == layered_layout(chain_graph(LINKS.iloc[::-1], "c"))  # input order is irrelevant
    assert {pos[n][0] for n in ("casting (铸造)", "motor (电机)", "converter (变频器)")} == {0.0}
    assert pos["assembly (整机)"][0] == 1.0 and pos["market (市场)"][0] == 2.0
    ys = sorted(pos[n][1] for n in ("casting (铸造)", "motor (电机)", "converter (变频器)"))
    assert ys == [-1.0, 0.0, 1.0]  # centred, one apart


def test_layout_of_a_cycle_falls_back_to_a_seeded_spring_layout():
    g = nx.DiGraph([("a", "b"), ("b", "a")])
    assert layered_layout(g, seed=3) == layered_layout(g, seed=3)


def test_barycentre_ordering_avoids_crossings():
    # two parallel chains: a→b, c→d; the upper source must feed the upper target
    g = chain_graph(
        links(
            ("1", "k", "360734", "z1", "a2", "present", "s", "q", ""),
            ("2", "k", "360734", "a1", "z2", "present", "s", "q", ""),
        ),
        "k",
    )
    pos = layered_layout(g)
    assert (pos["z1"][1] > pos["a1"][1]) == (pos["a2"][1] > pos["z2"][1])


def test_frames_carry_positions_regions_and_quotes():
    g = chain_graph(LINKS, "c")
    pos = layered_layout(g)
    nodes, edges = node_frame(g, pos, REGIONS), edge_frame(g, pos, REGIONS)
    assert set(nodes.region) == {"寻乌县 Xunwu County"}
    row = edges.set_index("link_id").loc["l3"]
    assert (
        (row.x, row.x2) == (0.0, 1.0)
        and row.quote == "q3"
        and row["link status"] == "bought elsewhere"
    )
    assert (
        nodes.set_index("stage").loc["converter (变频器)", "stage status"] == NODE_STATUS["missing"]
    )


def test_stage_label_puts_chinese_under_english():
    assert stage_label("casting (铸造)") == "casting\n铸造"
    assert stage_label("e-waste") == "e-waste"


def test_chain_status_readings():
    more = links(
        ("x1", "ok", "360734", "a", "b", "present", "s", "q", ""),
        ("x2", "half", "360734", "a", "b", "present", "s", "q", ""),
        ("x3", "half", "360734", "b", "c", "planned", "s", "q", ""),
        ("x4", "some", "360734", "a", "b", "present", "s", "q", ""),
        ("x5", "some", "360734", "b", "c", "present", "s", "q", ""),
        ("x6", "some", "360734", "c", "d", "planned", "s", "q", ""),
    )
    st = chain_status(pd.concat([LINKS, more])).set_index("chain")
    assert st.loc["c", "reading"] == "depends on outside suppliers"
    assert st.loc["ok", "reading"] == "complete as described"
    assert st.loc["half", "reading"] == "mostly planned"
    assert st.loc["some", "reading"] == "partly planned"
    assert st.loc["c", "links"] == 4 and st.loc["ok", "missing"] == 0


def test_chart_has_one_panel_per_chain_and_edge_tooltips():
    spec = chain_chart(LINKS, ["c", "plan"], REGIONS).to_dict()
    assert len(spec["vconcat"]) == 2
    rule = spec["vconcat"][0]["layer"][0]
    assert rule["mark"]["type"] == "rule"
    assert {"link_id", "source", "quote"} <= {t["field"] for t in rule["encoding"]["tooltip"]}
    with pytest.raises(ValueError, match="no chains"):
        chain_chart(LINKS, [], REGIONS)


def test_chart_colours_links_and_stages_by_status_and_takes_a_title():
    spec = chain_chart(LINKS, ["c"], REGIONS, title="The point").to_dict()
    assert spec["title"] == "The point"
    rule, point, _ = spec["vconcat"][0]["layer"]
    colour = rule["encoding"]["color"]
    assert colour["field"] == "link status"
    assert colour["scale"]["domain"] == list(STATUS_EN.values())
    assert colour["scale"]["range"] == [STATUS_COLOURS[s] for s in STATUS_EN]
    # a stage takes the colour of its status, in the links' words: one legend for both
    assert point["encoding"]["color"]["field"] == "status"
    nodes = node_frame(chain_graph(LINKS, "c"), layered_layout(chain_graph(LINKS, "c")), REGIONS)
    assert set(nodes.status) <= set(STATUS_EN.values())
    assert "region" in {t["field"] for t in rule["encoding"]["tooltip"]}
    assert "title" not in chain_chart(LINKS, ["c"], REGIONS).to_dict()


def test_real_chains_every_edge_is_a_link_of_the_file(factbase):
    links_ = factbase.chain_links
    for chain in ("xunwu_air_compressor", "zhanggong_pcb", "jian_lcd_display"):
        g = chain_graph(links_, chain)
        ids = {i for _, _, d in g.edges(data=True) for i in d["link_id"].split("; ")}
        assert ids == set(links_[links_.chain == chain].link_id)
    g = chain_graph(links_, "xunwu_air_compressor")
    assert [n for n, d in g.nodes(data=True) if d["status"] == "missing"] == [
        "frequency converter (变频器)"
    ]


def test_chain_titles_come_from_chains_csv(factbase):
    titles = chain_titles(factbase.chains)
    assert titles["xunwu_air_compressor"] == "寻乌空压机产业链 Xunwu air-compressor chain"
    assert set(titles) == set(factbase.chain_links.chain)
    assert not any("_" in t for t in titles.values())  # names, not ids
