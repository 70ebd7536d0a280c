"""Fail fast: the data and the parameters are checked once, before any page runs."""

import pickle

import pytest
from conftest import copy_project, edit_csv, report

from report.preflight import checks_of

CHAPTERS = copy_project.__globals__["ROOT"] / "chapters"


def test_templates_declare_their_bounds_by_calling_checks():
    from report.notebook import parameters_of

    template = CHAPTERS / "region_profile.md"
    checks = checks_of(template, list(parameters_of(template)))
    assert "check_horizon(horizon_year, fb)" in checks.statements
    assert checks.factbase == ("fb",)
    assert "from lib.analysis.targets import check_horizon" in checks.imports


def test_only_checks_on_parameters_and_the_fact_base_are_run_early(tmp_path):
    template = tmp_path / "t.md"
    template.write_text(
        "```{code-cell}\n:tags: [parameters]\n\nyear = 2025\n```\n\n"
        "```{code-cell}\nfrom lib.data.factbase import load_factbase\n"
        "from lib.x import check_year, check_table, compute\nfb = load_factbase()\n"
        "table = compute(fb)\nyear = check_year(fb, year)\ncheck_table(table)\n"
        "other = check_year(fb, 2020)\n```\n",
        encoding="utf-8",
    )
    checks = checks_of(template, ["year"])
    # `table` is computed by the page: that check runs only in the page
    assert checks.statements == ("year = check_year(fb, year)", "other = check_year(fb, 2020)")


@pytest.fixture
def project(tmp_path):
    """A copy of the project with a stand-in for the last good book."""
    root = copy_project(tmp_path / "p")
    (root / "_build" / "html").mkdir(parents=True)
    (root / "_build" / "html" / "index.html").write_text("the last good book")
    return root


def test_a_bad_data_row_is_one_list_of_problems_and_no_page_runs(project):
    edit_csv(project / "data" / "facts.csv", 0, status="bogus")
    result = report(project, "book")
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.count("data problem(s)") == 1
    assert "facts.csv" in result.stderr and "bogus" in result.stderr
    assert "start" not in result.stdout
    assert "Traceback" not in result.stderr
    assert not (project / "pages").exists()
    assert (project / "_build" / "html" / "index.html").read_text() == "the last good book"


def test_a_parameter_the_template_rejects_is_rejected_before_any_page_runs(project):
    result = report(project, "run", "region-gan", "-p", "horizon_year=2020")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "page 'region-gan': check_horizon(horizon_year, fb)" in result.stderr
    assert "horizon_year must be a year after" in result.stderr
    assert "start" not in result.stdout and "Traceback" not in result.stderr


def test_pages_read_the_fact_base_validated_once(tmp_path, monkeypatch, factbase):
    from lib.data import factbase as module
    from lib.paths import FACTBASE_ENV

    kept = tmp_path / "fb.pickle"
    kept.write_bytes(pickle.dumps(factbase))
    monkeypatch.setenv(FACTBASE_ENV, str(kept))
    fb = module.load_factbase(factbase.root)
    assert fb is not factbase and fb.facts.equals(factbase.facts)
    import lib.data.checks

    # it would fail if it validated again
    monkeypatch.setattr(lib.data.checks, "check_schema", None)
    assert module.load_factbase(factbase.root).facts.equals(factbase.facts)
    # a kept fact base of another data folder is not used
    other = tmp_path / "data"
    other.mkdir()
    with pytest.raises(Exception):  # noqa: B017
        module.load_factbase(other)
