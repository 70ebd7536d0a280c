"""Policy-term frequencies with jieba."""

import pandas as pd
import pytest
from small_data import make_small_data

from lib.data.factbase import load_factbase
from lib.data.reader import DataValidationError
from lib.text.terms import han_characters, term_frequencies


def terms(*words):
    return pd.DataFrame(
        {"term": list(words), "label_en": list(words), "category": ["c"] * len(words)}
    )


def test_han_characters_ignores_punctuation_digits_latin():
    assert han_characters("技改投资增长16.3%，AB 数字化。") == 9


def test_counts_whole_tokens_per_1000_han_characters():
    text = "推进技改升级。招商引资，以商招商，招商！园区事园区办"
    f = term_frequencies(
        pd.DataFrame({"article_id": ["a"], "text": [text]}),
        terms("技改", "招商", "招商引资", "园区事园区办", "绿色"),
    )
    f = f.set_index("term")
    assert f.loc["技改", "count"] == 1
    assert f.loc["招商引资", "count"] == 1
    assert f.loc["园区事园区办", "count"] == 1  # multi-character term kept whole
    assert f.loc["绿色", "count"] == 0
    n = han_characters(text)
    assert f.loc["技改", "per_1000"] == pytest.approx(1000 / n)
    # 招商 counts alone, not inside 招商引资 (its own term) nor 以商招商 when jieba keeps it whole
    assert 1 <= f.loc["招商", "count"] <= 2


def test_empty_text_gives_nan_rate():
    f = term_frequencies(pd.DataFrame({"article_id": ["a"], "text": ["123"]}), terms("技改"))
    assert f["count"].iloc[0] == 0 and pd.isna(f.per_1000.iloc[0])


def test_the_vocabulary_is_validated_on_load(tmp_path, factbase):
    assert len(factbase.policy_terms) >= 20
    root = make_small_data(tmp_path / "data")
    path = root / "policy_terms.csv"
    path.write_text(
        "term,label_en,category\n技改,a,b\n技改,a,b\nIP,a,b\n招商,,b\n", encoding="utf-8"
    )
    with pytest.raises(DataValidationError) as info:
        load_factbase(root)
    message = str(info.value)
    assert "policy_terms.csv, line 3, column 'term': duplicate value '技改'" in message
    assert "line 2" not in message  # the first occurrence is not the problem
    assert (
        "policy_terms.csv, line 4, column 'term': expected Han characters only, got 'IP'" in message
    )
    assert "policy_terms.csv, line 5, column 'label_en': expected a non-empty value" in message


def test_policy_vocabulary_occurs_in_the_corpus(factbase):
    texts = pd.DataFrame(
        [
            {"article_id": a.article_id, "text": a.text}
            for sid in factbase.sources.source_id
            for a in factbase.split(sid)
        ]
    )
    f = term_frequencies(texts, factbase.policy_terms)
    by_term = f.groupby("term")["count"].sum()
    assert (by_term > 0).all(), list(by_term[by_term == 0].index)
    assert f.set_index(["article_id", "term"]).loc[("004-2", "知识产权"), "count"] >= 10
