"""The fact base: what it holds, and how loading fails on broken files."""

import hashlib
from pathlib import Path

import pytest
from conftest import DATA, ROOT, edit_csv, record_line

from lib.data.factbase import load_factbase
from lib.data.reader import DataValidationError
from lib.data.vocab import GENRES, KINDS, STATUSES
from lib.text.normalise import normalise, squash
from lib.text.quantities import parse_quantity

SHARED = ROOT.parent / "shared" / "sources"


def test_raw_corpus_is_the_shared_corpus_byte_for_byte(factbase):
    for row in factbase.sources.itertuples():
        data = (DATA / row.file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row.sha256
        assert len(data) == row.bytes
        if SHARED.is_dir():
            assert (SHARED / Path(row.file).name).read_bytes() == data


def test_the_fact_base_covers_the_whole_corpus(factbase):
    facts = factbase.facts
    assert len(facts) + len(factbase.off_topic) >= 300
    per_source = facts.groupby("source_id").size()
    assert set(per_source.index) == set(factbase.sources.source_id)
    assert per_source.min() >= 30
    assert set(facts.kind) == set(KINDS)
    assert set(facts.status) == set(STATUSES) - {"completed", "commissioned"}
    assert facts.fact_id.is_unique
    assert not set(facts.fact_id) & set(factbase.off_topic.fact_id)


def test_off_topic_figures_are_kept_out_of_the_facts_every_analysis_uses(factbase):
    assert (factbase.off_topic.relevance == "off_topic").all() and len(factbase.off_topic) >= 10
    assert (factbase.facts.relevance != "off_topic").all()


def test_every_source_has_a_genre_and_every_fact_carries_it(factbase):
    assert set(factbase.sources.genre) <= set(GENRES)
    assert (factbase.sources.genre_evidence.str.len() > 40).all()
    genres = dict(zip(factbase.sources.source_id, factbase.sources.genre))
    assert (factbase.facts.genre == factbase.facts.source_id.map(genres)).all()


def test_ranges_keep_both_bounds(factbase):
    f = factbase.facts.set_index("fact_id")
    cost = f.loc["000-xunwu-compressor-firm-cost-reduction-2025"]
    assert (cost.value_base, cost.value_base_high, cost.qualifier) == (8, 15, "range")
    exact = factbase.facts[factbase.facts.qualifier == "exact"]
    assert exact.value_base_high.isna().all()


def test_every_fact_is_traceable(factbase):
    for f in factbase.facts.itertuples():
        raw = factbase.raw[f.source_id]
        assert f.quote in raw
        assert squash(f.value_text) in squash(normalise(f.quote).text)
        assert parse_quantity(f.value_text).value_base == pytest.approx(f.value_base)


def test_known_figures(factbase):
    f = factbase.facts.set_index("fact_id")
    xunwu = factbase.facts[
        (factbase.facts.region_code == "360734") & (factbase.facts.status == "target")
    ]
    assert {2027} <= set(xunwu.period.astype(int))
    assert 3e5 in set(xunwu.value_base)  # 年产空压机30万台
    assert f.filter(like="zhanggong", axis=0).value_text.str.contains("62.33%").any()


def test_stated_targets_all_have_years_or_say_they_do_not(factbase):
    targets = factbase.facts[factbase.facts.status == "target"]
    assert len(targets) >= 15
    assert ((targets.period != "") | (targets.period_basis == "unknown")).all()


def test_parks_map_to_the_area_they_belong_to(factbase):
    regions = factbase.regions.set_index("region_id")
    assert regions.loc["park-xunwu", "code"] == "360734"
    assert regions.loc["park-ganzhou-hitech", "code"] == "360704"
    assert regions.loc["park-jinggangshan-etdz", "code"] == "360800"
    assert set(regions[regions.level == "park"].parent) <= set(regions.index)


# --- broken files -------------------------------------------------------------------


def fails(root, *fragments):
    with pytest.raises(DataValidationError) as info:
        load_factbase(root)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_unknown_region(data_copy):
    edit_csv(data_copy / "facts.csv", 3, region_code="999999")
    line = record_line(data_copy / "facts.csv", 3)
    fails(
        data_copy,
        f"facts.csv, line {line}, column 'region_code'",
        "expected a code of regions.csv",
        "'999999'",
    )


def test_quote_not_in_source(data_copy):
    edit_csv(data_copy / "facts.csv", 5, quote="这句话不在原文里：50亿元")
    line = record_line(data_copy / "facts.csv", 5)
    fails(data_copy, f"facts.csv, line {line}, column 'quote'", "not found verbatim in raw/")


def test_quote_without_the_number(data_copy):
    rows = data_copy / "facts.csv"
    edit_csv(
        rows,
        0,
        value_text="99亿元",
        value="99",
        unit="亿元",
        value_base="9900000000",
        base_unit="yuan",
    )
    fails(data_copy, "column 'quote'", "does not contain the number as written '99亿元'")


def test_value_mismatch(data_copy):
    edit_csv(data_copy / "facts.csv", 7, value_base="12345")
    line = record_line(data_copy / "facts.csv", 7)
    fails(
        data_copy, f"facts.csv, line {line}, column 'value_base'", "parser reading of", "got 12345"
    )


def test_duplicate_id(data_copy):
    import csv

    with (data_copy / "facts.csv").open(encoding="utf-8", newline="") as fh:
        first = next(iter(list(csv.DictReader(fh))))
    edit_csv(data_copy / "facts.csv", 10, fact_id=first["fact_id"])
    fails(data_copy, "column 'fact_id'", f"duplicate value {first['fact_id']!r}")


def test_non_numeric_value(data_copy):
    edit_csv(data_copy / "facts.csv", 2, value="fifty")
    line = record_line(data_copy / "facts.csv", 2)
    fails(data_copy, f"facts.csv, line {line}, column 'value'", "expected a number, got 'fifty'")


def test_unknown_indicator(data_copy):
    edit_csv(data_copy / "facts.csv", 4, indicator="made_up_indicator")
    fails(data_copy, "column 'indicator'", "expected an indicator of indicators.csv")


def test_wrong_encoding(data_copy):
    path = data_copy / "regions.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    fails(data_copy, "regions.csv, line 2", "not valid UTF-8")


def test_missing_column(data_copy):
    import pandas as pd

    path = data_copy / "indicators.csv"
    pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns="base_unit").to_csv(
        path, index=False
    )
    fails(data_copy, "indicators.csv, line 1", "missing column(s) ['base_unit']")


def test_edited_raw_file(data_copy):
    path = next((data_copy / "raw").glob("002_*.txt"))
    path.write_text(path.read_text(encoding="utf-8").replace("98%", "99%"), encoding="utf-8")
    fails(data_copy, "column 'sha256'", "raw data must not be edited")


def test_every_problem_is_reported_not_just_the_first(data_copy):
    edit_csv(data_copy / "facts.csv", 1, kind="guess")
    edit_csv(data_copy / "facts.csv", 9, theme="astrology")
    message = fails(data_copy, "expected a kind", "expected a theme")
    assert message.startswith("2 data problem(s)")


def test_entity_must_be_named_in_its_source(data_copy):
    edit_csv(data_copy / "entities.csv", 0, aliases="", entity="不存在的公司")
    fails(data_copy, "entities.csv", "nor its aliases occur in")


def test_every_chain_is_named_and_drawn(factbase, data_copy):
    assert set(factbase.chains.chain) == set(factbase.chain_links.chain)
    edit_csv(data_copy / "chain_links.csv", 0, chain="nowhere_chain")
    line = record_line(data_copy / "chain_links.csv", 0)
    first = factbase.chain_links.chain.iloc[0]
    message = fails(
        data_copy, f"chain_links.csv, line {line}, column 'chain'", "expected a chain of chains.csv"
    )
    if (factbase.chain_links.chain == first).sum() == 1:  # its only link is gone
        assert f"chain {first!r} has no link in chain_links.csv" in message


def test_a_chain_without_links_is_an_error(data_copy):
    with (data_copy / "chains.csv").open("a", encoding="utf-8") as fh:
        fh.write("lonely_chain,360734,孤链,Lonely chain,\n")
    fails(data_copy, "chains.csv", "column 'chain'", "chain 'lonely_chain' has no link")


# --- every file, every problem at once (small data) --------------------------------------

from small_data import make_small_data  # noqa: E402


@pytest.fixture
def small(tmp_path):
    return make_small_data(tmp_path / "data")


def test_small_data_loads_into_every_table(small):
    fb = load_factbase(small)
    for name in (
        "sources",
        "articles",
        "regions",
        "indicators",
        "facts",
        "entities",
        "target_bases",
        "chains",
        "chain_links",
        "indicator_groups",
        "policy_terms",
        "glossary",
        "clusters",
        "cluster_members",
    ):
        assert len(getattr(fb, name)) > 0, name
    assert list(fb.facts.line) == [2, 4, 5]  # the first fact's note spans two lines


#: One broken cell in every file: (record, changes, column, what the message says).
BREAKS = {
    "sources": (0, dict(date="someday"), "date", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    "articles": (0, dict(title_basis="guessed"), "title_basis", "how the title is known"),
    "regions": (1, dict(level="planet"), "level", "expected a region level"),
    "indicators": (1, dict(base_unit="furlong"), "base_unit", "expected a base unit"),
    "facts": (1, dict(theme="astrology"), "theme", "expected a theme"),
    "entities": (0, dict(entity_type="alien"), "entity_type", "expected an entity type"),
    "target_bases": (0, dict(comparability="maybe"), "comparability", "expected a comparability"),
    "chains": (0, dict(name_zh="Latin only"), "name_zh", "expected a name in Chinese characters"),
    "chain_links": (0, dict(status="gone"), "status", "expected a link status"),
    "indicator_groups": (
        0,
        dict(group="platform"),
        "group",
        "group 'platform' is not a group of upgrading",
    ),
    "policy_terms": (0, dict(term="IP"), "term", "expected Han characters only"),
    "glossary": (0, dict(english=""), "english", "expected a non-empty value"),
    "clusters": (0, dict(region_code="999999"), "region_code", "expected a code of regions.csv"),
    "cluster_members": (
        0,
        dict(member="不存在的公司"),
        "member",
        "no entity '不存在的公司' in entities.csv",
    ),
}


def test_a_broken_row_in_every_file_is_listed_in_one_error(small):
    for name, (row, changes, _, _) in BREAKS.items():
        edit_csv(small / f"{name}.csv", row, **changes)
    with pytest.raises(DataValidationError) as info:
        load_factbase(small)
    problems = info.value.problems
    assert len(problems) == len(BREAKS), str(info.value)  # one each: nothing cascades
    assert [Path(p.file).stem for p in problems] == list(BREAKS)  # in the order of the files
    for p, (name, (row, _, column, message)) in zip(problems, BREAKS.items()):
        assert (p.line, p.column) == (record_line(small / f"{name}.csv", row), column), p
        assert message in p.message, p
    facts = next(p for p in problems if p.file.endswith("facts.csv"))
    assert facts.line == 4  # after a quoted field spanning two lines


def test_unreadable_files_are_listed_with_the_rows_of_others(small):
    path = small / "regions.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    path = small / "indicators.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("base_unit,", "unit_base,", 1), encoding="utf-8"
    )
    edit_csv(small / "policy_terms.csv", 0, label_en="")
    message = fails(
        small,
        "regions.csv, line 2",
        "not valid UTF-8",
        "indicators.csv, line 1",
        "missing column(s) ['base_unit']",
        "policy_terms.csv, line 2, column 'label_en'",
    )
    # references to an unreadable file are not checked: no cascade of unknown codes
    assert message.startswith("4 data problem(s)"), message
    assert "unexpected column(s) ['unit_base']" in message


@pytest.mark.parametrize(
    "member_type, member, message",
    [
        ("chain", "nowhere_chain", "no chain 'nowhere_chain' in chains.csv"),
        ("indicator", "made_up", "no indicator 'made_up' in indicators.csv"),
        ("region", "360734", "expected a member type"),
    ],
)
def test_cluster_members_must_exist(small, member_type, member, message):
    with (small / "cluster_members.csv").open("a", encoding="utf-8") as fh:
        fh.write(f"xunwu_air_compressor,{member_type},{member}\n")
    fails(small, "cluster_members.csv, line 5", message)


def test_a_cluster_needs_facts_to_draw_on_and_members_are_unique(small):
    with (small / "clusters.csv").open("a", encoding="utf-8") as fh:
        fh.write("empty_cluster,360734,空集群,Empty cluster\n")
    with (small / "cluster_members.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            "empty_cluster,chain,xunwu_air_compressor\nxunwu_air_compressor,entity,寻乌空压机产业\n"
        )
    fails(
        small,
        "clusters.csv, line 3, column 'cluster'",
        "cluster 'empty_cluster' has no entity or indicator",
        "cluster_members.csv, line 6: duplicate row: the combination of "
        "(cluster, member_type, member) must be unique",
    )


def test_a_bad_date_does_not_hide_the_raw_files_problems(small):
    edit_csv(small / "sources.csv", 0, date="someday")
    (small / "raw" / "000_0123456789abcdef.txt").write_text("edited", encoding="utf-8")
    fails(small, "column 'date'", "column 'sha256'", "raw data must not be edited")


# --- what a figure means: the quote's cue words against the row's fields -----------------

SEMANTIC_RAW = (
    "寻乌空压机产业发展\n"
    "寻乌县拥有28家空压机企业，总产值突破50亿元。\n"
    "力争2027年总产值达到100亿元。\n"
    "空压机配件一站式供应链公司为整机企业配套。\n"
    "一季度，全县营收近8000万元。今年以来，新签约项目12个。\n"
    "截至今年一季度，共引进青年人才4400余人，柔性引进专家500人。\n"
    "预计全年产值将突破60亿元。综合成本直接下降8%至15%。\n"
)


def _semantic_data(tmp_path, **rows):
    """Small data with the extra fact rows given (field overrides keyed by fact id)."""
    import small_data

    root = tmp_path / "data"
    raw_before = small_data.RAW
    small_data.RAW = SEMANTIC_RAW
    try:
        make_small_data(root)
    finally:
        small_data.RAW = raw_before
    base = {
        "quarter": ("近8000万元", "一季度，全县营收近8000万元", "cluster_output", "level"),
        "ytd": ("12个", "今年以来，新签约项目12个", "firms", "level"),
        "asof": ("4400余人", "截至今年一季度，共引进青年人才4400余人", "firms", "level"),
        "flexible": ("500人", "柔性引进专家500人", "firms", "level"),
        "forecast": ("突破60亿元", "预计全年产值将突破60亿元", "cluster_output", "level"),
        "range": ("8%至15%", "综合成本直接下降8%至15%", "cost_reduction", "change"),
    }
    import csv

    from small_data import _fact

    with (root / "indicators.csv").open("a", encoding="utf-8") as fh:
        fh.write("cost_reduction,Cost reduction,成本下降,percent,Percent fall of costs.\n")
    with (root / "facts.csv").open(encoding="utf-8", newline="") as fh:
        existing = list(csv.DictReader(fh))
    extra = []
    for key, changes in rows.items():
        text, quote, indicator, kind = base[key]
        row = _fact(f"000-xunwu-{key}-2025", text, quote, indicator, kind, "2025")
        row.update(changes)
        extra.append(row)
    with (root / "facts.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(existing[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(existing + extra)
    return root


SEMANTIC_BREAKS = {
    # a quarter labelled as a year
    "quarter": (
        {"period_type": "year"},
        "period_type",
        "period_type 'year' but the quote says 一季度: expected quarter",
    ),
    # a year-to-date figure read as a full year
    "ytd": (
        {"period_type": "year"},
        "period_type",
        "period_type 'year' but the quote says 今年以来: expected year_to_date",
    ),
    # a cumulative count read as a flow
    "asof": (
        {"period_type": "year"},
        "period_type",
        "period_type 'year' but the quote says 截至: expected cumulative or stock",
    ),
    # flexible recruitment counted as recruitment
    "flexible": ({}, "indicator", "the quote says 柔性 (flexible recruitment"),
    # a forecast shown as a result
    "forecast": ({}, "status", "status 'achieved' but the quote says 预计"),
    # a range stored as one number
    "range": (
        {"value_high": "", "value_base_high": ""},
        "value_high",
        "expected 15 (the upper bound of '8%至15%': a range keeps both bounds)",
    ),
}


@pytest.mark.parametrize("key", list(SEMANTIC_BREAKS))
def test_a_row_whose_fields_contradict_its_quote_stops_the_load(tmp_path, key):
    changes, column, message = SEMANTIC_BREAKS[key]
    root = _semantic_data(tmp_path, **{key: changes})
    with pytest.raises(DataValidationError) as info:
        load_factbase(root)
    problems = [p for p in info.value.problems if p.column == column and message in p.message]
    assert problems, str(info.value)
    assert problems[0].line == record_line(root / "facts.csv", 3), problems[0]
    if key == "asof":  # beside 截至 the quarter is the point the total runs to, not a flow
        assert "expected quarter or cumulative or stock" in str(info.value)


def test_rows_that_agree_with_their_quotes_load(tmp_path):
    root = _semantic_data(
        tmp_path,
        quarter={"period_type": "quarter", "period": "2025Q1"},
        ytd={"period_type": "year_to_date", "status": "signed"},
        asof={"period_type": "cumulative", "period": "2025Q1"},
        flexible={"note": "柔性引进: flexible, yet counted as firms for this test's sake"},
        forecast={"status": "forecast"},
        range={},
    )
    fb = load_factbase(root)
    assert len(fb.facts) == 9
    cost = fb.facts.set_index("fact_id").loc["000-xunwu-range-2025"]
    assert (cost.value_base, cost.value_base_high) == (8, 15)
