"""The data appendix: a dictionary of every data file and column that cannot drift."""

import shutil

import pandas as pd
import pytest

from lib.data import schemas
from lib.data.dictionary import (COLUMN_DOCS, article_of, column_rules, data_dictionary, file_inventory,
                            table_columns, undocumented)
from lib.data.reader import read_table
from lib.data.vocab import KINDS, THEMES

from conftest import DATA


def test_every_file_and_column_is_documented():
    assert undocumented(DATA) == []


def test_dictionary_matches_the_files_header():
    for name, cols in table_columns().items():
        header = list(read_table(DATA / f"{name}.csv", cols).columns.drop("line"))
        assert header == cols
        assert list(data_dictionary(name).column) == cols


def test_a_new_column_or_file_is_reported(monkeypatch, tmp_path):
    monkeypatch.setitem(schemas.COLUMNS, "facts", [*schemas.COLUMNS["facts"], "confidence"])
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "extra.json").write_text("{}")
    problems = undocumented(data)
    assert "facts.confidence: no meaning" in problems
    assert "extra.json: not described" in problems


def test_a_stale_description_is_reported(monkeypatch):
    monkeypatch.setitem(COLUMN_DOCS, "facts", {**COLUMN_DOCS["facts"], "gone": ("", "x")})
    assert "facts.gone: documented but not a column" in undocumented(DATA)


def test_rules_come_from_the_schemas():
    facts = column_rules("facts").set_index("column")
    assert facts.loc["theme", "allowed"] == "one of: " + ", ".join(sorted(THEMES))
    assert facts.loc["kind", "allowed"] == "one of: " + ", ".join(sorted(KINDS))
    assert facts.loc["source_id", "allowed"] == "a source_id of sources.csv"
    assert facts.loc["value_base", "type"] == "number"
    assert bool(facts.loc["fact_id", "unique"]) and bool(facts.loc["quote", "required"])
    assert not bool(facts.loc["note", "required"])
    sources = column_rules("sources").set_index("column")
    assert sources.loc["bytes", "type"] == "integer"
    assert sources.loc["sha256", "allowed"] == "64 hex digits"
    with pytest.raises(KeyError, match="unknown table 'nope'; known: \\['articles'"):
        column_rules("nope")


def test_inventory_lists_every_file(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "x.txt").write_text("a")
    (tmp_path / "facts.csv").write_text("a\n")
    (tmp_path / "notes.txt").write_text("a")
    inv = file_inventory(tmp_path).set_index("file")
    assert inv.loc["facts.csv", "what"] == "table facts"
    assert inv.loc["raw/x.txt", "what"].startswith("a raw newspaper file")
    assert inv.loc["notes.txt", "what"] == ""
    assert inv.loc["raw/x.txt", "bytes"] == 1


def test_article_of_places_quotes_by_offset():
    raws = {"s": "AAAA一二三BBBB四五六"}
    spans = {"s": [("s-1", 0, 7), ("s-2", 7, 14)]}
    quotes = pd.DataFrame(dict(source_id=["s", "s", "s"], quote=["二三", "五六", "七"]))
    assert list(article_of(quotes, raws, spans)) == ["s-1", "s-2", ""]


def test_every_fact_is_in_an_article(factbase):
    from lib.data.dictionary import corpus_articles

    arts = corpus_articles(factbase)
    assert arts.facts.sum() == len(factbase.facts)
    assert list(arts.article_id) == sorted(factbase.articles.article_id)
    assert (arts.groupby("source").facts.sum() > 0).all()
