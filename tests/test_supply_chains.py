"""lib.chapters.supply_chains: the worked case, the page's numbers, its tables and chart specs."""

import math
import re

import pytest
from conftest import ROOT
from IPython.display import Markdown

from lib.analysis.clusters import (
    COMPARE_SLOTS,
    Cluster,
    cluster_facts,
    clusters_of,
    derive_all,
    local_share,
    missing_slots,
)
from lib.chapters import supply_chains as view
from lib.present.chains import STATUS_EN

XUNWU = ("360734", "xunwu_air_compressor")


@pytest.fixture(scope="module")
def case(factbase):
    return view.worked_case(factbase, *XUNWU)


def _empty_case(fb, chains=()):
    """A cluster the corpus says nothing about (no entity, no chain)."""
    cl = Cluster("空 Empty", "360734", ("no such entity",), tuple(chains))
    facts = cluster_facts(fb.facts, cl)
    return view.WorkedCase(
        "empty",
        cl,
        facts,
        missing_slots(facts, COMPARE_SLOTS),
        derive_all(facts) + [local_share(facts, fb.chain_links, cl.chains)],
    )


def _rows(spec):
    (rows,) = spec["datasets"].values()
    return rows


def test_worked_case_checks_the_parameters(factbase):
    with pytest.raises(ValueError, match="unknown cluster 'nope'; valid: xunwu_air_compressor"):
        view.worked_case(factbase, "360734", "nope")
    with pytest.raises(ValueError, match="not in region '360702'.*360734: xunwu_air_compressor"):
        view.worked_case(factbase, "360702", "xunwu_air_compressor")


def test_worked_case_gathers_the_cluster(factbase, case):
    assert case.key == "xunwu_air_compressor" and case.cluster == clusters_of(factbase)[case.key]
    assert len(case.slots) == len(COMPARE_SLOTS)
    assert set(case.slots.fact_id[case.slots.found]) <= set(case.facts.fact_id)
    assert [r["key"] for r in case.derived][-1] == "local_core_share"


def test_page_values_are_every_number_the_prose_quotes(factbase, case):
    values = view.page_values(factbase, case)
    template = (ROOT / "chapters" / "supply_chains.md").read_text(encoding="utf-8")
    assert set(re.findall(r"\{glue:text\}`(\w+)`", template)) == set(values)
    assert values["focus_label"] == "寻乌空压机产业 Xunwu air compressors"
    assert values["focus_region"] == "寻乌县 Xunwu County"
    assert values["n_focus_facts"] == len(case.facts) > 0
    assert values["n_slots"] == len(COMPARE_SLOTS)
    assert values["n_slots_found"] == int(case.slots.found.sum())
    assert 0 < values["n_clusters_sized"] < values["n_clusters_mapped"]
    assert values["n_grid_shared"] <= values["n_grid_filled"] <= values["n_grid_cells"]
    assert values["n_grid_cells"] == len(clusters_of(factbase)) * (
        view.grid_figures(factbase).shape[1] - 1
    )
    # xunwu's figures: none repeated across sources, four claimed by one party alone
    assert (values["n_multi_focus"], values["n_single_focus"]) == (0, 4)


def test_profile_table_lists_found_figures_then_the_gaps(case):
    text = view.profile_table(case).data
    assert text.startswith("| Section | Figure | As written | Period | Attribution | Quote |")
    table, gaps = text.split("\n\n**Not stated for this cluster:** ")
    assert len(table.split("\n")) - 2 == int(case.slots.found.sum())
    missing = case.slots.figure[~case.slots.found]
    assert gaps == ", ".join(missing).replace("-", "\\-").replace("'", "'") + "."
    assert "Design institutions" in gaps and "Units sold" not in gaps


def test_tables_say_when_there_is_nothing(factbase):
    empty = _empty_case(factbase)
    profile = view.profile_table(empty)
    assert isinstance(profile, Markdown)
    assert profile.data.startswith("The corpus states none of the profile's figures")
    assert "**Not stated for this cluster:** Firms, Above\\-scale firms" in profile.data
    assert view.other_figures_table(factbase, empty).data == "No other figures."
    derived = view.derived_figures_table(empty).data
    assert derived.startswith("None of the derived figures can be computed")
    assert "(lacks screw\\_compressor\\_core\\_components)" in derived
    assert (
        view.derived_summary(empty).data
        == "For the cluster in focus the corpus gives none of the inputs of these figures."
    )
    assert view.single_claims_table(factbase, empty).data.startswith("None: every figure")


def test_derived_figures_and_their_summary(case):
    table = view.derived_figures_table(case).data
    assert table.startswith("| Figure | Value | Formula | Facts used | Caveats |")
    header, _, *rows = table.split("\n\n**Not computable here:** ")[0].split("\n")
    assert header.endswith("| Caveats |")  # the Missing column only names gaps
    assert len(rows) == sum(bool(r["text"]) for r in case.derived)
    lacking = [r["label"] for r in case.derived if not r["text"]]
    assert ("**Not computable here:**" in table) == bool(lacking)
    summary = view.derived_summary(case).data
    assert summary.startswith(
        "For the cluster in focus: average output value per compressor sold: at least 33,300 yuan;"
    )
    assert "share of core components made locally: 93\\.75%" in summary
    assert summary.endswith("makes each ratio a bound too.")


def test_other_figures_are_those_outside_the_profile(factbase, case):
    text = view.other_figures_table(factbase, case).data
    rows = text.split("\n")[2:]
    assert text.startswith("| Indicator | Entity | As written | Period | Kind |")
    assert len(rows) == len(set(case.facts.fact_id) - set(case.slots.fact_id))


def test_chain_charts_split_the_focus_from_the_others(factbase, case):
    focus = view.focus_chain_chart(factbase, case).to_dict()
    assert [p["title"] for p in focus["vconcat"]] == ["寻乌空压机产业链 Xunwu air-compressor chain"]
    others = view.other_chains_chart(factbase, case).to_dict()
    expected = [c for k, cl in clusters_of(factbase).items() if k != case.key for c in cl.chains]
    assert len(others["vconcat"]) == len(expected)
    assert all("Xunwu" not in p["title"] for p in others["vconcat"])
    chainless = view.focus_chain_chart(factbase, _empty_case(factbase))
    assert chainless.data == "The corpus draws no chain for the cluster in focus."


def test_cluster_map_sizes_by_money_and_keeps_unsized_clusters(factbase):
    spec = view.cluster_map(factbase).to_dict()
    assert spec["title"] == "Clusters named in the corpus"
    assert (spec["width"], spec["height"]) == (420, 460)
    assert spec["config"]["legend"]["orient"] == "bottom"
    dots = spec["layer"][1]
    assert dots["mark"]["type"] == "circle"
    assert dots["encoding"]["size"]["condition"]["field"] == "scale (100 million yuan)"
    rows = spec["datasets"][dots["data"]["name"]]
    sizes = [r["scale (100 million yuan)"] for r in rows]
    assert len(rows) == 18 and sum(s is not None for s in sizes) == 4


def test_grid_chart_shows_figures_as_written_and_blanks_for_gaps(factbase):
    grid = view.grid_figures(factbase)
    assert not any(c.startswith("links ") for c in grid.columns)
    spec = view.cluster_grid_chart(factbase).to_dict()
    cells, text = spec["layer"]
    assert cells["mark"]["type"] == "rect" and text["mark"]["type"] == "text"
    assert cells["encoding"]["y"]["sort"] == [c for c in grid.columns if c != "cluster"]
    assert text["transform"] == [{"filter": "isValid(datum['as written'])"}]
    rows = _rows(spec)
    assert len(rows) == len(clusters_of(factbase)) * (grid.shape[1] - 1)
    stated = {
        (r["cluster"], r["figure"]): r["as written"]
        for r in rows
        if isinstance(r["as written"], str)
    }
    assert stated[("寻乌空压机产业 Xunwu air compressors", "Units sold")] == "15万台"
    gaps = [r["as written"] for r in rows if not isinstance(r["as written"], str)]
    assert all(g is None or math.isnan(g) for g in gaps)  # a gap, never a zero
    assert len(stated) == int(grid.drop(columns="cluster").notna().sum().sum())


def test_link_status_chart_counts_every_link_of_a_cluster(factbase):
    spec = view.link_status_chart(factbase).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["color"]["scale"]["domain"] == list(STATUS_EN.values())
    rows = _rows(spec)
    links = factbase.chain_links
    for cl in clusters_of(factbase).values():
        mine = [r for r in rows if r["cluster"] == cl.label]
        assert sum(r["links"] for r in mine) == int(links.chain.isin(cl.chains).sum())
    xunwu = {r["status"]: r["links"] for r in rows if "Xunwu" in r["cluster"]}
    assert xunwu["bought elsewhere"] == 1


def test_chain_reading_names_what_is_bought_elsewhere(factbase):
    lines = view.chain_reading_table(factbase).data.split("\n")
    assert lines[0] == (
        "| Cluster | Chain | Present | Missing | Planned | Across regions | "
        "Reading | Bought elsewhere |"
    )
    assert "\\_" not in "\n".join(lines)  # chains by name, not by id
    (xunwu,) = [line for line in lines if "Xunwu air\\-compressor chain" in line]
    assert "depends on outside suppliers" in xunwu and "frequency converter" in xunwu
    chains = {c for cl in clusters_of(factbase).values() for c in cl.chains}
    assert len(lines) - 2 == len(chains & set(factbase.chain_links.chain))


def test_evidence_table_has_one_row_per_cluster(factbase):
    lines = view.evidence_table(factbase).data.split("\n")
    assert lines[0].startswith("| cluster | figures | stated in more than one source |")
    assert len(lines) - 2 == len(clusters_of(factbase))
    first = clusters_of(factbase)["xunwu_air_compressor"]
    n = len(cluster_facts(factbase.facts, first))
    assert lines[2].startswith(f"| {first.label} | {n} | 0 | 4 |")


def test_single_claims_of_the_focus(factbase, case):
    text = view.single_claims_table(factbase, case).data
    assert text.startswith("| Indicator | Entity | As written | Who claims it | Quote |")
    assert len(text.split("\n")) - 2 == 4


def test_a_figure_not_computable_is_named_with_what_it_lacks(factbase, case):
    facts = case.facts[case.facts.indicator != "units_sold"]
    part = view.WorkedCase(
        case.key,
        case.cluster,
        facts,
        case.slots,
        derive_all(facts, factbase.indicator_labels)
        + [local_share(facts, factbase.chain_links, case.cluster.chains)],
    )
    table, lacking = view.derived_figures_table(part).data.split("\n\n**Not computable here:** ")
    assert "Average output value per compressor sold (lacks units\\_sold \\(level\\))" in lacking
    assert "Average output value per compressor" not in table
    assert "Value per unit implied by the 2027 targets" in table
    summary = view.derived_summary(part).data
    assert summary.startswith("For the cluster in focus: value per unit implied by the 2027")
    assert "The first two cannot be read" not in summary  # needs both per-unit figures
