"""Data described once: sidecars beside the files, data/README.md and the data appendix
generated from them and the schemas, and tests that fail when they disagree."""

import pandas as pd
import pytest
from conftest import DATA

from lib.chapters.data_appendix import corpus_articles, dictionary_markdown, files_table, inline
from lib.data.corpus import article_of
from lib.data.meta import (
    BEGIN,
    END,
    check_sidecars,
    column_rules,
    data_dictionary,
    file_inventory,
    main,
    read_sidecar,
    read_sidecars,
    render_readme,
)
from lib.data.reader import DataValidationError, read_table
from lib.data.schemas import COLUMNS, SCHEMAS
from lib.data.vocab import KINDS, THEMES


def messages(problems):
    return [str(p) for p in problems]


# --- the project's data ------------------------------------------------------------------


def test_every_file_and_column_is_described_and_agrees_with_its_schema():
    assert messages(check_sidecars(DATA)) == []


def test_readme_is_what_the_sidecars_generate():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    assert text == render_readme(text, DATA), (
        "data/README.md is out of date: run python -m lib.data.meta --write-readme"
    )


def test_every_table_has_a_sidecar_with_its_columns_in_file_order():
    sidecars = read_sidecars(DATA)
    tables = {m.table: m for m in sidecars.values() if m.table}
    assert list(tables) == list(SCHEMAS)
    for name, cols in COLUMNS.items():
        header = list(read_table(DATA / f"{name}.csv", cols).columns.drop("line"))
        assert [c.name for c in tables[name].columns] == header == cols
        assert list(data_dictionary(name).column) == cols


def test_rules_come_from_the_schemas_and_meanings_from_the_sidecars():
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
    d = data_dictionary("facts").set_index("column")
    assert d.loc["value_base", "unit"] == "base_unit"
    assert d.loc["quote", "allowed"].startswith(
        "found verbatim in the raw file of `source_id`, and contains `value_text`"
    )  # the sidecar's rule
    assert "predicted" not in d.loc["status", "allowed"] and "预计" in d.loc["status", "allowed"]
    assert d.loc["fact_id", "meaning"].startswith("stable id")
    groups = data_dictionary("indicator_groups").set_index("column")
    assert groups.loc["sense", "allowed"].endswith(
        "; required for `firm_gain`, empty for other groups"
    )


# --- disagreements are found -------------------------------------------------------------


def test_a_column_no_sidecar_describes_is_reported(data_copy):
    path = data_copy / "policy_terms.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [lines[0] + ",confidence"] + [ln + ",high" for ln in lines[1:]]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    found = messages(check_sidecars(data_copy))
    assert (
        "data/policy_terms.meta.yml, column 'confidence': policy_terms.csv has column "
        "'confidence', which the sidecar does not describe" in found
    )


def test_a_column_the_file_lacks_is_reported(data_copy):
    path = data_copy / "policy_terms.meta.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + "  gone:\n    meaning: x\n", encoding="utf-8"
    )
    found = messages(check_sidecars(data_copy))
    assert (
        "data/policy_terms.meta.yml, column 'gone': describes column 'gone', which "
        "policy_terms.csv lacks" in found
    )
    assert any("are not the schema's" in m for m in found)


def test_a_file_without_a_sidecar_is_reported(data_copy):
    (data_copy / "extra.json").write_text("{}")
    (data_copy / "clusters.meta.yml").unlink()
    found = messages(check_sidecars(data_copy))
    assert "data/extra.json: not described: add a sidecar extra.meta.yml beside it" in found
    assert "data/clusters.meta.yml: sidecar not found: clusters.csv is not described" in found


def test_a_key_must_be_unique_in_the_schema(data_copy):
    path = data_copy / "chains.meta.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("key: chain", "key: region_code"), encoding="utf-8"
    )
    assert any(
        "key 'region_code' is not a column the schema keeps unique" in m
        for m in messages(check_sidecars(data_copy))
    )


@pytest.mark.parametrize(
    "column_yaml, expected",
    [
        ("    type: text\n    meaning: m\n", "column 'term': type: stated by the schema"),
        ("    required: true\n    meaning: m\n", "column 'term': required: stated by the schema"),
        ("    unit: x\n", "column 'term': meaning: expected text"),
        ("    meaning: m\n    colour: red\n", "column 'term': unknown key 'colour'"),
        ("    meaning: 'a `code span'\n", "column 'term': meaning: unbalanced backtick"),
    ],
)
def test_a_sidecar_gives_meanings_not_rules(tmp_path, column_yaml, expected):
    (tmp_path / "policy_terms.csv").write_text("term,label_en,category\n", encoding="utf-8")
    sidecar = tmp_path / "policy_terms.meta.yml"
    sidecar.write_text(
        "file: policy_terms.csv\ndescription: d\nrow: r\nkey: term\ncolumns:\n"
        "  term:\n" + column_yaml,
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError) as info:
        read_sidecar(sidecar, tmp_path)
    assert f"data/policy_terms.meta.yml, line 6, {expected}" in str(info.value)


def test_a_sidecar_names_what_beside_it_it_describes(tmp_path):
    sidecar = tmp_path / "facts.meta.yml"
    sidecar.write_text(
        "file: other.csv\ndescription: d\nrow: r\nkey: a\ncolumns:\n  a:\n    meaning: m\n",
        encoding="utf-8",
    )
    with pytest.raises(
        DataValidationError,
        match="line 1: file: expected the path of what facts.meta.yml describes",
    ):
        read_sidecar(sidecar, tmp_path)
    sidecar.write_text("file: facts.csv\ndescription: d\n  bad: [indent\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="facts.meta.yml, line 3: not valid YAML"):
        read_sidecar(sidecar, tmp_path)


def test_readme_drift_is_found_and_rewritten(data_copy, capsys):
    sidecar = data_copy / "chains.meta.yml"
    sidecar.write_text(
        sidecar.read_text(encoding="utf-8").replace(
            "what the chain runs from and to", "where the chain starts and ends"
        ),
        encoding="utf-8",
    )
    readme = data_copy / "README.md"
    old = readme.read_text(encoding="utf-8")
    assert render_readme(old, data_copy) != old
    assert main(["--root", str(data_copy), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["--root", str(data_copy), "--write-readme"]) == 0
    new = readme.read_text(encoding="utf-8")
    assert "| where the chain starts and ends |" in new
    assert new.split(BEGIN)[0] == old.split(BEGIN)[0]  # the hand-written prose is kept
    assert new.split(END)[1] == old.split(END)[1]
    assert main(["--root", str(data_copy), "--check"]) == 0


def test_readme_without_markers_is_refused():
    with pytest.raises(ValueError, match="must hold the lines"):
        render_readme("# Data\n", DATA)


# --- the appendix page -------------------------------------------------------------------


def test_inventory_describes_every_file(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "x.txt").write_text("a")
    (tmp_path / "raw.meta.yml").write_text("file: raw/*.txt\ndescription: a raw file\n")
    (tmp_path / "notes.txt").write_text("a")
    inv = file_inventory(tmp_path).set_index("file")
    assert inv.loc["raw/x.txt", "what"] == "a raw file"
    assert inv.loc["raw.meta.yml", "what"] == "what `raw/*.txt` holds (its sidecar)"
    assert inv.loc["notes.txt", "what"] == ""
    assert inv.loc["raw/x.txt", "bytes"] == 1


def test_dictionary_page_shows_every_table_from_the_sidecars():
    md = dictionary_markdown(DATA)
    for name in SCHEMAS:
        assert f"**`{name}.csv`**: one row per " in md
    assert "| `fact_id` | text |  | yes | yes |" in md
    assert "other names in the corpus, `\\|`" in md  # a pipe in a code span cannot end the cell
    table = files_table(file_inventory(DATA))
    assert "{download}`facts.csv <../data/facts.csv>`" in table  # shown as written
    assert "| `facts.meta.yml` |" in table and "what `facts.csv` holds \\(its sidecar\\)" in table


def test_inline_keeps_code_and_escapes_the_rest():
    assert inline("`a|b` <c> *d*") == "`a\\|b` &lt;c&gt; \\*d\\*"


def test_article_of_places_quotes_by_offset():
    raws = {"s": "AAAA一二三BBBB四五六"}
    spans = {"s": [("s-1", 0, 7), ("s-2", 7, 14)]}
    quotes = pd.DataFrame(dict(source_id=["s", "s", "s"], quote=["二三", "五六", "七"]))
    assert list(article_of(quotes, raws, spans)) == ["s-1", "s-2", ""]


def test_every_fact_is_in_an_article(factbase):
    arts = corpus_articles(factbase)
    assert arts.facts.sum() == len(factbase.facts)
    assert list(arts.article_id) == sorted(factbase.articles.article_id)
    assert (arts.groupby("source").facts.sum() > 0).all()
