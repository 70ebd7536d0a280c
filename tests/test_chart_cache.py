"""Charts drawn again unchanged are not rendered again (the build's chart cache)."""

import altair as alt
import pandas as pd

import lib.present.charts as charts
from lib.paths import CHART_CACHE_ENV, CHART_PDF_ENV


def test_a_chart_is_rendered_once_per_specification(tmp_path, monkeypatch):
    calls = []
    render = charts.vlc.vegalite_to_pdf

    def counted(spec, *args, **kw):
        calls.append(spec)
        return render(spec, *args, **kw)

    monkeypatch.setattr(charts.vlc, "vegalite_to_pdf", counted)
    monkeypatch.setenv(CHART_CACHE_ENV, str(tmp_path / "charts"))
    spec = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x").to_dict()
    first = charts.bundle(spec)
    again = charts.bundle(spec)
    assert len(calls) == 1 and first["application/pdf"] == again["application/pdf"]
    assert len(list((tmp_path / "charts").glob("*.pdf"))) == 1
    other = alt.Chart(pd.DataFrame({"x": [1, 3]})).mark_bar().encode(x="x").to_dict()
    charts.bundle(other)
    assert len(calls) == 2
    monkeypatch.delenv(CHART_CACHE_ENV)
    charts.bundle(spec)  # no cache named: rendered
    assert len(calls) == 3


def test_the_print_rendering_can_wait_for_the_pdf_book(tmp_path, monkeypatch):
    import json

    import nbformat

    spec = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x").to_dict()
    monkeypatch.setenv(CHART_PDF_ENV, "later")
    deferred = charts.bundle(spec)
    assert "application/pdf" not in deferred and deferred[charts.SPEC_MIME] == spec
    monkeypatch.delenv(CHART_PDF_ENV)
    direct = charts.bundle(spec)
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("chart")
    cell.outputs = [nbformat.v4.new_output("display_data", data=deferred)]
    nb.cells = [cell]
    path = tmp_path / "page.ipynb"
    nbformat.write(nb, str(path))
    assert charts.add_static_renderings(path) == 1
    data = json.loads(path.read_text(encoding="utf-8"))["cells"][0]["outputs"][0]["data"]
    assert set(data) == set(direct)
    assert charts.SPEC_MIME not in data and data["application/pdf"].startswith("JVBER")
    assert charts.add_static_renderings(path) == 0  # nothing left to render
