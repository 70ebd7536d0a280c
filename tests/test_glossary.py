"""The glossary: data checked against the corpus, rendered as a Sphinx glossary."""

import unicodedata

import pandas as pd
import pytest
from small_data import make_small_data

from lib.chapters.glossary import glossary_markdown
from lib.data.checks import check_glossary, check_schema
from lib.data.factbase import load_factbase
from lib.data.reader import DataValidationError
from lib.data.schemas import COLUMNS, glossary_schema

RAWS = {"s1": "全区规上工业增加值增长15.3%。\n通过“以商招商”集聚。"}


def row(**kw):
    base = dict(
        term="增加值",
        pinyin="zēngjiāzhí",
        english="value added",
        explanation="e",
        numbers_note="n",
        corpus_forms="增加值",
        source_id="s1",
        quote="全区规上工业增加值增长15.3%。",
    )
    base.update(kw)
    return base


def problems(*rows):
    """Messages of the glossary's schema (against the sources of RAWS) and corpus checks."""
    frame = pd.DataFrame(list(rows)).assign(line=lambda d: d.index + 2)
    _, found = check_schema(frame, glossary_schema(list(RAWS)))
    return [p.message for p in found + check_glossary(frame, RAWS)]


def test_a_good_row_passes():
    assert problems(row()) == []


@pytest.mark.parametrize(
    "change, expected",
    [
        (dict(corpus_forms="揭榜挂帅"), "does not occur in the corpus"),
        (dict(quote="规上工业增加值增长16%"), "not found verbatim"),
        (dict(quote="通过“以商招商”集聚。"), "contains none of the term's forms"),
        (dict(source_id="s9"), "expected a source_id of sources.csv"),
        (dict(english=""), "expected a non-empty value"),
    ],
)
def test_bad_rows_are_named(change, expected):
    msgs = problems(row(**change))
    assert any(expected in m for m in msgs), msgs


def test_duplicate_terms_are_refused():
    assert any("duplicate value '增加值'" in m for m in problems(row(), row()))


def test_a_form_split_by_a_line_break_still_counts():
    raws = {"s1": "规上工业增\n加值增长15.3%。"}
    bad = check_glossary(pd.DataFrame([row(quote="规上工业增\n加值增长15.3%。")]), raws)
    assert bad == []


def test_markdown_is_a_glossary_directive_with_escaped_text():
    md = glossary_markdown(pd.DataFrame([row(explanation="a <b> [link](x)")]), {"s1": "001"})
    assert md.startswith("````{glossary}\n增加值\n  *zēngjiāzhí*: value added")
    assert "&lt;b&gt;" in md and "\\[link\\]" in md and "(source 001)" in md
    assert md.rstrip().endswith("````")
    with pytest.raises(ValueError, match="cannot be a Sphinx term"):
        glossary_markdown(pd.DataFrame([row(term="a`b")]))


def test_load_reports_problems(tmp_path):
    root = make_small_data(tmp_path / "data")
    path = root / "glossary.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.assign(quote="nowhere", explanation="two\nlines").to_csv(path, index=False)
    with pytest.raises(
        DataValidationError, match="glossary.csv, line 2, column 'quote': quote not found"
    ):
        load_factbase(root)


def test_real_glossary(factbase):
    g = factbase.glossary
    assert list(g.columns.drop("line")) == COLUMNS["glossary"]
    plain = [
        "".join(c for c in unicodedata.normalize("NFKD", p.lower()) if not unicodedata.combining(c))
        for p in g.pinyin
    ]
    assert plain == sorted(plain)  # sorted by pinyin, tone marks ignored
    required = {
        "规上企业",
        "技改",
        "专精特新",
        "小巨人",
        "单项冠军",
        "链长制",
        "链主",
        "以商招商",
        "数智工厂",
        "千亿园区",
        "营收",
        "总产值",
        "增加值",
        "数字化转型",
        "产业集群",
        "高新区",
        "招商引资",
    }
    assert required <= set(g.term)
    assert g.term.is_unique
    above = g.set_index("term").loc["规上企业"]
    assert "20 million yuan" in above.numbers_note
    assert "规模以上企业" in above.quote


def test_terms_that_change_numbers_say_how(factbase):
    g = factbase.glossary.set_index("term")
    stages = ["签约", "开工", "竣工", "投产"]
    for term in ["柔性引进", "双招双引", "对口合作", "贯标", *stages]:
        row = g.loc[term]
        assert term in row.quote and len(row.numbers_note) > 80, term
    assert "对口支援" in g.loc["对口合作"].english  # the other pairing, named with it
    assert "not money invested" in g.loc["签约"].numbers_note
    assert "not money spent" in g.loc["开工"].numbers_note
    assert "forecast" in g.loc["投产"].numbers_note
    for i, term in enumerate(stages):  # each stage names the ones around it
        for other in stages[max(0, i - 1) : i] + stages[i + 1 : i + 2]:
            assert other in g.loc[term].explanation, (term, other)
    # what the notes say is what the facts say: the amounts they name are stated in facts.csv
    texts = set(factbase.facts.value_text)
    assert {"158.2亿元", "125.9亿元", "76.07亿元", "233.33亿元", "93家", "24个"} <= texts
