"""Charts drawn again unchanged are not rendered again (the build's chart cache)."""

import altair as alt
import pandas as pd

import lib.present.charts as charts
from lib.paths import CHART_CACHE_ENV


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
