"""The glossary: data checked against the corpus, rendered as a Sphinx glossary."""

import pandas as pd
import pytest

from lib.data.glossary import GLOSSARY_COLUMNS, check_glossary, glossary_markdown, load_glossary
from lib.data.reader import DataValidationError

RAWS = {"s1": "全区规上工业增加值增长15.3%。\n通过“以商招商”集聚。"}


def row(**kw):
    base = dict(term="增加值", pinyin="zēngjiāzhí", english="value added", explanation="e",
                numbers_note="n", corpus_forms="增加值", source_id="s1",
                quote="全区规上工业增加值增长15.3%。")
    base.update(kw)
    return base


def problems(*rows):
    return [p.message for p in check_glossary(pd.DataFrame(list(rows)), RAWS)]


def test_a_good_row_passes():
    assert problems(row()) == []


@pytest.mark.parametrize("change, expected", [
    (dict(corpus_forms="揭榜挂帅"), "does not occur in the corpus"),
    (dict(quote="规上工业增加值增长16%"), "not found verbatim"),
    (dict(quote="通过“以商招商”集聚。"), "contains none of the term's forms"),
    (dict(source_id="s9"), "unknown source_id"),
    (dict(english=""), "expected a non-empty value"),
])
def test_bad_rows_are_named(change, expected):
    msgs = problems(row(**change))
    assert any(expected in m for m in msgs), msgs


def test_duplicate_terms_are_refused():
    assert any("duplicate term" in m for m in problems(row(), row()))


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


def test_load_reports_problems(tmp_path, factbase):
    pd.DataFrame([row(source_id=sorted(factbase.raw)[0], quote="nowhere")]).to_csv(
        tmp_path / "glossary.csv", index=False)
    with pytest.raises(DataValidationError, match="glossary.csv.*quote not found"):
        load_glossary(tmp_path, factbase.raw)


def test_real_glossary(factbase):
    g = load_glossary(raws=factbase.raw)
    assert list(g.columns) == GLOSSARY_COLUMNS
    required = {"规上企业", "技改", "专精特新", "小巨人", "单项冠军", "链长制", "链主", "以商招商",
                "数智工厂", "千亿园区", "营收", "总产值", "增加值", "数字化转型", "产业集群",
                "高新区", "招商引资"}
    assert required <= set(g.term)
    assert g.term.is_unique
    above = g.set_index("term").loc["规上企业"]
    assert "20 million yuan" in above.numbers_note
    assert "规模以上企业" in above.quote
