"""The API reference documents every module of lib; CITATION.cff stays consistent."""

import importlib
import shutil
from pathlib import Path

import pytest
import yaml

import lib
from lib.chapters.data_appendix import citation
from report.apidoc import LAYERS, api_groups, api_rst, lib_modules, write_api_page

ROOT = Path(__file__).resolve().parents[1]


def on_disk(package: str = "lib") -> set[str]:
    return {
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in (ROOT / package).rglob("*.py")
        if not p.name.startswith("_")
    }


def test_every_module_on_disk_is_documented_once_in_its_layer():
    modules = lib_modules() + lib_modules(package="report")
    assert set(modules) == on_disk() | on_disk("report")
    groups = api_groups(modules)
    listed = [m for _, mods in groups.values() for m in mods]
    assert sorted(listed) == sorted(modules)  # each exactly once
    assert list(groups)[: len(LAYERS)] == [f"lib.{layer}" for layer in LAYERS]
    for layer in LAYERS:
        summary, mods = groups[f"lib.{layer}"]
        assert summary and mods and all(m.startswith(f"lib.{layer}.") for m in mods)
    assert "Other modules" not in groups


def test_a_new_module_lands_in_its_layer(tmp_path):
    (tmp_path / "analysis").mkdir()
    (tmp_path / "analysis" / "__init__.py").write_text('"""Layer."""\n')
    (tmp_path / "analysis" / "brand_new.py").write_text('"""New."""\n')
    (tmp_path / "_private.py").write_text("")
    assert lib_modules(tmp_path) == ["lib.analysis.brand_new"]
    groups = api_groups(["lib.analysis.brand_new", "lib.text.quantities", "report.plan", "x.y"])
    assert groups["lib.analysis"][1] == ["lib.analysis.brand_new"]
    assert groups["report"][1] == ["report.plan"]
    assert groups["Other modules"][1] == ["x.y"]


def test_every_module_imports_and_has_a_docstring():
    for name in lib_modules() + lib_modules(package="report"):
        module = importlib.import_module(name)
        assert (module.__doc__ or "").strip(), f"{name} has no module docstring"


def test_page_is_one_automodule_per_module_in_sections():
    groups = {
        "lib.text": ("Text.", ["lib.text.quantities"]),
        "Empty": ("", []),
        "report": ("", ["report.plan"]),
    }
    rst = api_rst(groups)
    assert rst.startswith("API reference\n=============\n")
    assert rst.count(".. automodule::") == 2
    assert "   .. automodule:: lib.text.quantities\n      :members:" in rst
    assert "``lib.text``\n------------\n\nText." in rst
    assert "Empty\n-----\n\nNo module in this section yet." in rst
    assert rst.count(".. only:: html") == 2  # code stays out of print
    with pytest.raises(ValueError, match="not a module name"):
        api_rst({"x": ("", ["lib.x\n.. raw:: html"])})


def test_the_page_written_for_the_book_lists_every_layer_and_module(tmp_path):
    path = _write_copy(tmp_path)
    assert path == tmp_path / "book" / "pages" / "api_reference.rst"
    text = path.read_text(encoding="utf-8")
    for layer in LAYERS:
        assert f"\n``lib.{layer}``\n" in text, layer
    for module in lib_modules() + lib_modules(package="report"):
        assert f".. automodule:: {module}\n" in text, module
    before = path.stat().st_mtime_ns
    _write_copy(tmp_path)  # unchanged: not rewritten
    assert path.stat().st_mtime_ns == before


def _write_copy(tmp_path):
    """Write the page for a copy of lib and report under *tmp_path*/book."""
    for package in ("lib", "report"):
        if not (tmp_path / "book" / package).exists():
            shutil.copytree(ROOT / package, tmp_path / "book" / package)
    return write_api_page(tmp_path / "book")


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
        "authors:\n  - given-names: A\n    family-names: B\n"
    )
    assert citation(tmp_path / "c.cff") == "A B (2026). *T*. Version 2. doi:10\\.1/x."


def test_the_library_is_layers_and_nothing_is_named_build():
    loose = sorted(p.name for p in (ROOT / "lib").glob("*.py") if p.name != "__init__.py")
    assert loose == ["paths.py"]
    assert {
        p.name for p in (ROOT / "lib").iterdir() if p.is_dir() and p.name != "__pycache__"
    } == set(LAYERS)
    tracked = [p for p in ROOT.rglob("build") if ".venv" not in p.parts and "_build" not in p.parts]
    assert tracked == []  # a source folder named build is ignored by common .gitignore files
