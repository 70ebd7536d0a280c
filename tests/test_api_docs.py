"""The API reference documents every module of lib; CITATION.cff stays consistent."""

import importlib
import json
from pathlib import Path

import pytest
import yaml

import lib
from lib.apidoc import GROUPS, OTHER, api_groups, api_markdown, lib_modules
from lib.dictionary import citation

ROOT = Path(__file__).resolve().parents[1]


def on_disk() -> set[str]:
    return {".".join(p.relative_to(ROOT).with_suffix("").parts)
            for p in (ROOT / "lib").rglob("*.py") if not p.name.startswith("_")}


def test_every_module_on_disk_is_documented():
    assert set(lib_modules()) == on_disk()
    groups = api_groups(lib_modules())
    listed = [m for mods in groups.values() for m in mods]
    assert sorted(listed) == sorted(lib_modules())  # each exactly once


def test_a_new_module_lands_in_other(tmp_path):
    (tmp_path / "brand_new.py").write_text('"""New."""\n')
    (tmp_path / "_private.py").write_text("")
    assert lib_modules(tmp_path) == ["lib.brand_new"]
    groups = api_groups(["lib.brand_new", "lib.quantity", "lib.build.plan"])
    assert groups[OTHER] == ["lib.brand_new"]
    assert groups["Reading Chinese text and quantities"] == ["lib.quantity"]


def test_every_module_imports_and_has_a_docstring():
    for name in lib_modules():
        module = importlib.import_module(name)
        assert (module.__doc__ or "").strip(), f"{name} has no module docstring"


def test_markdown_is_one_automodule_per_module():
    md = api_markdown(["lib.quantity", "lib.build.plan"])
    assert md.count("```{eval-rst}") == 2
    assert md.startswith("````{only} html\n") and md.endswith("\n````")
    assert api_markdown([]) == ""
    assert ".. automodule:: lib.quantity\n   :members:" in md
    with pytest.raises(ValueError, match="not a module name"):
        api_markdown(["lib.x\n.. raw:: html"])


def test_the_reference_page_shows_every_section():
    nb = json.loads((ROOT / "chapters" / "api_reference.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    for title in [*GROUPS, "The build (report command)", OTHER]:
        assert f'show("{title}")' in code, title


def test_autodoc_is_configured():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]
    assert {"sphinx.ext.autodoc", "sphinx.ext.napoleon"} <= set(config["extra_extensions"])


def test_citation_file():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    book = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"].startswith(book["title"])
    assert cff["version"] == lib.__version__
    assert "doi" not in cff  # no DOI has been minted: none may be invented
    text = citation(ROOT / "CITATION.cff")
    assert text.startswith("The report team (n.d.). *Industrial upgrading")
    assert "doi" not in text


def test_citation_with_date_and_doi(tmp_path):
    (tmp_path / "c.cff").write_text(
        "cff-version: 1.2.0\ntitle: T\nversion: '2'\ndate-released: 2026-01-02\ndoi: 10.1/x\n"
        "authors:\n  - given-names: A\n    family-names: B\n")
    assert citation(tmp_path / "c.cff") == "A B (2026). *T*. Version 2. doi:10\\.1/x."
