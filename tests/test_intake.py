"""Growing the corpus: quantity mentions, cue words and guesses, indicator suggestions, the
review sheet, add-source / accept / remove-source, and the round trip through the command."""

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, copy_project, report
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.analysis.reconcile import reconcile
from lib.analysis.targets import target_table
from lib.chapters import overview, region_profile
from lib.data import checks
from lib.data.factbase import load_factbase
from lib.data.intake import Table, accept, add_source, match_facts, remove_source
from lib.data.reader import DataValidationError
from lib.data.schemas import COLUMNS
from lib.data.sheet import SHEET_COLUMNS, read_sheet, record_columns, write_sheet
from lib.text import cues
from lib.text.cues import guess_kind, guess_period, guess_place, guess_status
from lib.text.mentions import find_mentions, firm_names, sentence_spans
from lib.text.numerals import int_to_chinese
from lib.text.similarity import Suggester, bigrams

# --- mentions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024年，总产值突破50亿元，同比增长16.4%。", ["突破50亿元", "16.4%"]),
        ("力争2027年规模以上企业数量达32家", ["32家"]),
        ("采购周期要2至3个月", ["2至3个月"]),
        ("增速8%至15%，降幅30%左右", ["8%至15%", "30%左右"]),
        ("3月1日，在赣州富尔特电子股份有限公司", []),  # a date is not a quantity
        ("《发展规划（2021—2025年）》", []),  # nor a range of years
        ("统一部署，两新政策", []),  # a numeral without a unit is no figure
        ("位列全省第五，重点打造三大产业集群", ["第五", "三大"]),
        ("引进各类高层次人才500余人、数百家企业", ["500余人", "数百家"]),
        ("贷款叁仟伍佰万元，1,234.50万元", ["叁仟伍佰万元", "1,234.50万元"]),
        ("两个多小时车程", ["两个多小时"]),
    ],
)
def test_find_mentions(text, expected):
    assert [m.value_text for m in find_mentions(text)] == expected


def test_firm_names():
    text = (
        "走进位于赣县区的江西浩金欧博科技股份有限公司，"
        "冠英科技集团全资子公司江西冠英智能科技有限公司"
    )
    assert firm_names(text) == ["江西浩金欧博科技股份有限公司", "江西冠英智能科技有限公司"]
    assert firm_names("有限公司") == []


def test_mentions_carry_their_reading_and_sentence():
    text = "开头的话。总产值突破50亿元，增长10%！"
    m = find_mentions(text)[0]
    assert text[m.start : m.end] == m.value_text == "突破50亿元"
    assert m.quantity.value_base == 5e9 and m.quantity.qualifier == "more_than"
    assert text[m.sentence_start : m.sentence_end] == "总产值突破50亿元，增长10%！"


@settings(deadline=None)  # the first call loads cn2an's tables
@given(
    st.integers(1, 10**6),
    st.sampled_from([("家", 1), ("个", 1), ("万元", 1e4), ("亿元", 1e8), ("吨", 1)]),
    st.booleans(),
    st.sampled_from(["", "超", "近", "约"]),
)
def test_a_written_quantity_is_found_in_running_text(n, unit, chinese, prefix):
    word, factor = unit
    if chinese and factor > 1:  # 一万万元 is not written: a numeral below the multiplier
        n = n % 9999 + 1
    phrase = f"{prefix}{int_to_chinese(n) if chinese else n}{word}"
    found = find_mentions(f"该县去年{phrase}，稳步推进。")
    assert [m.value_text for m in found] == [phrase]
    assert found[0].quantity.value_base == pytest.approx(n * factor)


def test_sentence_spans_cover_the_text():
    text = "甲乙。丙丁！\n\n戊己"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["甲乙。", "丙丁！", "戊己"]


def test_every_fact_of_the_corpus_is_a_mention(factbase):
    """Recall on the corpus: every curated figure is found where its quote stands."""
    missed = []
    for sid, raw in factbase.raw.items():
        from lib.text.normalise import normalise

        nt = normalise(raw)
        rows = [
            {
                "record": "fact",
                "offset": str(nt.raw_span(m.start, m.end)[0]),
                "value_text": m.value_text,
                "base_unit": m.quantity.base_unit,
                "value_base": repr(m.quantity.value_base),
                "value_base_high": ""
                if m.quantity.value_base_high is None
                else repr(m.quantity.value_base_high),
            }
            for m in find_mentions(nt.text)
        ]
        facts = pd.concat([factbase.facts, factbase.off_topic])
        facts = facts[facts.source_id == sid].astype(str).replace("nan", "")
        missed += [f for f, i in match_facts(rows, facts, raw).items() if i is None]
    assert missed == []


# --- cues ------------------------------------------------------------------------------


def test_cue_lists_have_one_home():
    for name in ("NOT_YET_CUES", "PERIOD_CUES", "AS_OF_CUES", "FLEXIBLE_CUE"):
        assert getattr(checks, name) is getattr(cues, name)
    assert cues.find_cues("前三季度增长", cues.PERIOD_CUES) == ["前三季度"]


@pytest.mark.parametrize(
    "sentence, figure, status",
    [
        ("力争2027年规模以上企业数量达32家", "32家", "target"),
        ("预计全年营收将达10亿元", "10亿元", "forecast"),
        ("计划在未来3年内投入30亿元", "30亿元", "planned"),
        ("全年签约项目18个", "18个", "signed"),
        ("43个项目联动开工", "43个", "started"),
        ("2024年，寻乌县拥有28家企业", "28家", "achieved"),
        ("将其纳入12个项目", "12个", "achieved"),
    ],
)
def test_guess_status(sentence, figure, status):
    assert guess_status(sentence, sentence.index(figure)) == status


@pytest.mark.parametrize(
    "sentence, figure, base_unit, kind",
    [
        ("营收314亿元，同比增长10.2%", "10.2%", "percent", "growth"),
        ("技改投资占工业投资比重62.33%", "62.33%", "percent", "share"),
        ("位列全市第一", "第一", "rank", "rank"),
        ("产能是原来的2.6倍", "2.6倍", "times", "change"),
        ("年产空压机30万台", "30万台", "unit", "capacity"),
        ("拥有企业28家", "28家", "count", "level"),
    ],
)
def test_guess_kind(sentence, figure, base_unit, kind):
    assert guess_kind(sentence, sentence.index(figure), base_unit) == kind


@pytest.mark.parametrize(
    "sentence, figure, date, status, context, expected",
    [
        (
            "2024年，全区营收280亿元",
            "280亿元",
            "2025-10",
            "achieved",
            "",
            ("2024", "year", "stated"),
        ),
        (
            "2024年，寻乌县拥有28家企业",
            "28家",
            "2025-10",
            "achieved",
            "",
            ("2024", "stock", "stated"),
        ),
        # 去年 is read from the article's date: inferred (facts.meta.yml, period_basis)
        ("去年全市产值增长5%", "5%", "2025-04", "achieved", "", ("2024", "year", "inferred")),
        (
            "今年一季度，工业增加值增速达13%",
            "13%",
            "2025-07",
            "achieved",
            "",
            ("2025Q1", "quarter", "stated"),
        ),
        (
            "截至目前，当地已拥有9个平台",
            "9个",
            "2025",
            "achieved",
            "",
            ("2025", "stock", "inferred"),
        ),
        (
            "目前已累计创建技术中心111家",
            "111家",
            "2025-04",
            "achieved",
            "",
            ("2025-04", "cumulative", "inferred"),  # a running total as of the article
        ),
        (
            "力争到2027年营收突破60亿元",
            "突破60亿元",
            "2025-10",
            "target",
            "",
            ("2027", "year", "stated"),
        ),
        ("奋力实现千亿园区目标", "千亿", "2025-07", "target", "", ("", "year", "unknown")),
        (
            "营收314亿元",
            "314亿元",
            "2025-10",
            "achieved",
            "2024年，全区经济稳中有进。",
            ("2024", "year", "stated"),
        ),
        ("全区有企业5家", "5家", "2024-03", "achieved", "", ("2024-03", "stock", "inferred")),
        ("全区有企业5家", "5家", "2024", "achieved", "", ("2024", "stock", "inferred")),
        (
            "今年以来，全市服务人才3000人次",
            "3000人次",
            "2025-04",
            "achieved",
            "",
            ("2025-04", "year_to_date", "inferred"),  # this year so far: as of the article
        ),
        ("全年营收50亿元", "50亿元", "2024-03", "achieved", "", ("2024", "year", "inferred")),
        (
            "截至3月底，全区110余家企业启动改造",
            "110余家",
            "2025-07",
            "achieved",
            "",
            ("2025-03", "cumulative", "stated"),
        ),
        (
            "4月1日，全区签约项目2个",
            "2个",
            "2025-07",
            "signed",
            "",
            ("2025-04-01", "event", "stated"),
        ),
        (
            "一季度，全区共有18个项目开工",
            "18个",
            "2025-07",
            "started",
            "",
            ("2025Q1", "quarter", "stated"),
        ),
    ],
)
def test_guess_period(sentence, figure, date, status, context, expected):
    assert guess_period(sentence, sentence.index(figure), date, status, context) == expected


def test_guess_place_prefers_the_specific_place_and_falls_back():
    names = {"赣州": ("360700", 2), "章贡区": ("360702", 3), "寻乌": ("360734", 3)}
    assert guess_place([("赣州市章贡区产值50亿元", 7)], names) == "360702"
    # the nearest specific place before the figure wins; after it only when none is before
    assert guess_place([("寻乌和章贡区共5家", 7)], names) == "360702"
    assert guess_place([("共5家，在寻乌", 2)], names) == "360734"
    # nothing in the sentence: the text before it, then the title, then the default
    assert guess_place([("共5家", 2), ("寻乌县工业园区", 7)], names) == "360734"
    assert guess_place([("共5家", 2), ("", 0)], names, "360000") == "360000"


# --- similarity ------------------------------------------------------------------------


def test_suggester_ranks_by_shared_words():
    s = Suggester(
        {
            "output_value": ["总产值", "全县空压机总产值"],
            "above_scale_firms": ["规模以上企业", "规上企业数量"],
            "revenue_growth": ["营收增长"],
        }
    )
    label, score = s.suggest("规模以上企业数量达32家")
    assert label == "above_scale_firms" and 0 < score <= 1
    assert s.suggest("总产值突破50亿元", among=["output_value", "revenue_growth"])[0] == (
        "output_value"
    )
    assert s.suggest("总产值", among=[]) == ("", 0.0)
    assert all(0 <= x <= 1 for _, x in s.rank("无关的文字"))
    assert "产值" in bigrams("总产值50亿元")


# --- sheet -----------------------------------------------------------------------------


def test_sheet_holds_every_column_of_the_tables_it_feeds(tmp_path):
    for record in ("fact", "article", "indicator", "entity"):
        assert set(record_columns(record)) <= set(SHEET_COLUMNS)
    assert SHEET_COLUMNS[:2] == ["decision", "record"]
    rows = [{"decision": "accept", "record": "fact", "quote": "甲\n乙", "value_text": "5家"}]
    frame = read_sheet(write_sheet(tmp_path / "s.csv", rows))
    assert frame.loc[0, "quote"] == "甲\n乙" and frame.loc[0, "line"] == 2
    assert list(frame.columns) == [*SHEET_COLUMNS, "line"]


def test_table_keeps_untouched_records_byte_for_byte(tmp_path):
    for name in COLUMNS:
        path = ROOT / "data" / f"{name}.csv"
        out = tmp_path / f"{name}.csv"
        Table.read(path).write(out)
        assert out.read_bytes() == path.read_bytes(), name


# --- add-source, accept, remove-source on a copy of the data ---------------------------

NEW_TEXT = """某县工业高质量发展

本报记者 张三

2025年上半年，寻乌县工业总产值突破60亿元，同比增长12.5%。
力争2027年规模以上企业数量达40家。
走进位于寻乌县的江西测试空压机有限公司，车间繁忙。
"""


def _write(path: Path, rows: list[dict]) -> Path:
    return write_sheet(path, rows)


def test_add_source_refuses_a_text_already_in_the_corpus(data_copy, tmp_path):
    again = tmp_path / "again.txt"
    shutil.copyfile(data_copy / "raw" / "000_b93f58b94fa34999.txt", again)
    before = (data_copy / "sources.csv").read_bytes()
    with pytest.raises(ValueError, match="already a source: 000_b93f58b94fa34999"):
        add_source(again, "2025", root=data_copy)
    assert (data_copy / "sources.csv").read_bytes() == before


def test_add_source_writes_a_sheet_and_accept_merges_it(data_copy, tmp_path):
    new = tmp_path / "new.txt"
    new.write_text(NEW_TEXT, encoding="utf-8")
    sid, sheet, rows = add_source(new, "2025-05", genre="official_media_report", root=data_copy)
    assert sid.startswith("005_") and (data_copy / "raw" / f"{sid}.txt").is_file()
    load_factbase(data_copy)  # the source alone validates
    facts = [r for r in rows if r["record"] == "fact"]
    assert [r["value_text"] for r in facts] == ["突破60亿元", "12.5%", "40家"]
    assert facts[0]["region_code"] == "360734"
    assert [facts[0][c] for c in ("period", "period_type", "period_basis")] == [
        "2025H1",
        "half_year",
        "stated",
    ]
    assert (facts[1]["kind"], facts[2]["status"]) == ("growth", "target")
    assert facts[2]["period"] == "2027"
    assert all(r["decision"] == "" for r in rows)
    firm = next(r for r in rows if r["record"] == "entity")
    assert (firm["entity"], firm["region_code"], firm["source_ids"]) == (
        "江西测试空压机有限公司",
        "360734",
        sid,
    )

    # undecided rows: nothing merged, each named by its sheet line
    with pytest.raises(DataValidationError) as exc:
        accept(sheet, data_copy)
    assert f"{sheet.name}, line 2, column 'decision'" in str(exc.value)

    # a wrong value and an unknown indicator: nothing merged, problems on sheet lines
    reviewed = read_sheet(sheet).drop(columns="line").to_dict("records")
    for r in reviewed:
        r["decision"] = "reject"
    article = next(r for r in reviewed if r["record"] == "article")
    article.update(decision="edit", title_en="A county's industry", region_code="360734")
    growth = next(r for r in reviewed if r["value_text"] == "12.5%")
    growth.update(decision="edit", value="13", indicator="no_such_indicator")
    _write(sheet, reviewed)
    facts_before = (data_copy / "facts.csv").read_bytes()
    with pytest.raises(DataValidationError) as exc:
        accept(sheet, data_copy)
    text = str(exc.value)
    line = 2 + reviewed.index(growth)
    assert f"{sheet.name}, line {line}, column 'value'" in text
    assert f"{sheet.name}, line {line}, column 'indicator'" in text
    assert (data_copy / "facts.csv").read_bytes() == facts_before

    # a new indicator proposed in the same sheet, the value fixed: merged
    growth.update(value="12.5", indicator="county_output_value_growth")
    reviewed.append(
        {
            "decision": "accept",
            "record": "indicator",
            "indicator": "county_output_value_growth",
            "label_en": "Industrial output value growth",
            "label_zh": "工业总产值增长",
            "base_unit": "percent",
            "definition": "Growth of a county's industrial output value, year on year.",
        }
    )
    target = next(r for r in reviewed if r["value_text"] == "40家")
    target["decision"] = "accept"  # as pre-filled: a target for 2027
    _write(sheet, reviewed)
    assert accept(sheet, data_copy) == [
        "articles.csv: 1 row(s) merged",
        "facts.csv: 2 row(s) merged",
        "indicators.csv: 1 row(s) merged",
    ]
    fb = load_factbase(data_copy)
    new = fb.facts[fb.facts.source_id == sid].set_index("value_text")
    assert (new.loc["12.5%", "indicator"], new.loc["12.5%", "period"]) == (
        "county_output_value_growth",
        "2025H1",
    )
    assert new.loc["40家", "status"] == "target"

    # the book follows the data: the pages' computations take the new source in
    assert overview.page_values(fb)["n_sources"] == 6
    assert region_profile.page_values(fb, "360734")["n_sources"] >= 2
    targets = target_table(fb, 2030, ["360734"])
    assert new.loc["40家", "fact_id"] in set(targets.target_fact)
    assert not reconcile(fb.facts, fb.source_dates).empty


def test_remove_source_removes_what_rests_on_it(data_copy):
    sid = "003_ce6db33a5f8ed3b8"
    lines = remove_source(sid, data_copy)
    assert lines[0] == "raw file raw/003_ce6db33a5f8ed3b8.txt: removed"
    assert any(line.startswith("facts.csv: removed 40 row(s)") for line in lines)
    # the Qingfeng outcome pairs 003's expectation with 001's report: it goes with 003
    assert any(line.startswith("outcomes.csv: removed 1 row(s)") for line in lines)
    # a finding is the analyst's to revise, not removed with its evidence: it is named
    assert any(
        line.startswith("findings.yml: finding 'relative-position' rests on") for line in lines
    )
    fb = load_factbase(data_copy)
    assert sid not in set(fb.sources.source_id) and not (data_copy / "raw" / f"{sid}.txt").exists()
    for table in (fb.facts, fb.articles, fb.chain_links, fb.glossary, fb.linkages):
        assert sid not in set(table.source_id)
    assert not any(sid in ids for ids in fb.entities.source_ids)
    with pytest.raises(KeyError):
        remove_source(sid, data_copy)


# --- the round trip through the command line -------------------------------------------


def _reviewed_from_facts(sheet: Path, original: Path, data: Path, sid: str, raw: str) -> None:
    """Review a sheet as the curators did: the source's rows of the original data files."""
    with sheet.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    read = {
        n: pd.read_csv(original / f"{n}.csv", dtype=str, keep_default_na=False)
        for n in ("facts", "articles", "entities")
    }
    facts = read["facts"][read["facts"].source_id == sid]
    matched = match_facts(rows, facts, raw)
    for r in rows:
        r["decision"] = "reject"
    used = set()
    for f in facts.to_dict("records"):
        i = matched[f["fact_id"]]
        if i is None or i in used:  # a figure stated twice is one candidate, two facts
            rows.append({"decision": "accept", "record": "fact", **f})
        else:
            rows[i].update(f, decision="edit")
            used.add(i)
    for a in read["articles"][read["articles"].source_id == sid].to_dict("records"):
        rows.append({"decision": "accept", "record": "article", **a})
    left = set(pd.read_csv(data / "entities.csv", dtype=str, keep_default_na=False).entity)
    ents = read["entities"]
    for e in ents[ents.source_ids.str.contains(sid) & ~ents.entity.isin(left)].to_dict("records"):
        rows.append({"decision": "accept", "record": "entity", **e})
    write_sheet(sheet, rows)


def test_round_trip_remove_add_accept(tmp_path):
    """Remove a source, add it back, accept the rows reviewed from facts.csv: the fact base
    validates and holds the source's facts exactly as before."""
    sid = "002_03b1ee6e2f740d44"
    root = copy_project(tmp_path / "project")
    data = root / "data"
    original = tmp_path / "original"
    shutil.copytree(data, original)
    sources = pd.read_csv(original / "sources.csv", dtype=str, keep_default_na=False)
    src = sources.set_index("source_id").loc[sid]
    kept = tmp_path / f"{sid}.txt"
    shutil.copyfile(data / src["file"], kept)

    result = report(root, "remove-source", sid)
    assert result.returncode == 0, result.stderr
    assert "facts.csv: removed 61 row(s)" in result.stdout

    result = report(
        root,
        "add-source",
        str(kept),
        "--date",
        src["date"],
        "--outlet",
        src["outlet"],
        "--genre",
        src["genre"],
    )
    assert result.returncode == 0, result.stderr
    sheet = Path(result.stdout.strip().splitlines()[-1])
    assert sheet.is_file() and sheet.parent == root / "review"

    twice = report(root, "add-source", str(kept), "--date", src["date"])
    assert twice.returncode == 2 and f"already a source: {sid}" in twice.stderr

    _reviewed_from_facts(sheet, original, data, sid, kept.read_text(encoding="utf-8"))
    result = report(root, "accept", str(sheet))
    assert result.returncode == 0, result.stderr
    assert "facts.csv: 61 row(s) merged" in result.stdout

    fb = load_factbase(data)

    def rows(folder: Path) -> list[dict]:
        f = pd.read_csv(folder / "facts.csv", dtype=str, keep_default_na=False)
        return f[f.source_id == sid].sort_values("fact_id").to_dict("records")

    assert rows(data) == rows(original)
    assert len(fb.facts) + len(fb.off_topic) == len(pd.read_csv(original / "facts.csv"))
