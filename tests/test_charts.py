"""The chart renderer: offline HTML, a PDF rendering, and the data behind each chart."""

from __future__ import annotations

import base64
import io
import re

import altair as alt
import pandas as pd
import pytest

import lib.present.charts as charts


def _links(html: str) -> list[tuple[str, pd.DataFrame]]:
    out = []
    for name, payload in re.findall(
        r'download="([^"]+)" href="data:text/csv;charset=utf-8;'
        r'base64,([^"]+)"',
        html,
    ):
        text = base64.b64decode(payload).decode("utf-8")
        assert text.startswith("\ufeff"), "CSV should carry a BOM for spreadsheets"
        out.append((name, pd.read_csv(io.StringIO(text[1:]))))
    return out


def test_bundle_has_html_pdf_and_the_data_as_csv():
    df = pd.DataFrame({"region": ["寻乌县 Xunwu", "章贡区 Zhanggong"], "facts": [40, 98]})
    chart = (
        alt.Chart(df)
        .mark_bar()
        .encode(x="facts:Q", y="region:N")
        .properties(title="Facts per place")
    )
    out = charts.bundle(chart.to_dict())
    assert base64.b64decode(out["application/pdf"]).startswith(b"%PDF")
    assert "vegaEmbed" in out["text/html"] and "<script src" not in out["text/html"]
    [(name, data)] = _links(out["text/html"])
    assert name == "facts-per-place.csv"
    pd.testing.assert_frame_equal(data, df)


def test_geometry_is_not_offered_as_data_and_layers_give_one_link_each():
    shapes = alt.Data(
        values=[
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [115, 25]},
                "properties": {},
            }
        ]
    )
    base = alt.Chart(shapes).mark_geoshape()
    points = (
        alt.Chart(pd.DataFrame({"lon": [115.6], "lat": [24.9], "n": [3]}))
        .mark_point()
        .encode(longitude="lon:Q", latitude="lat:Q")
    )
    other = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_tick().encode(x="x:Q")
    spec = alt.layer(base, points, other).to_dict()
    links = _links(charts._html(spec))
    assert [n for n, _ in links] == ["chart-1.csv", "chart-2.csv"]
    assert list(links[0][1].columns) == ["lon", "lat", "n"]


def test_unrenderable_chart_fails_loudly():
    with pytest.raises(ValueError, match="could not be rendered"):
        charts.bundle({"mark": "bar", "encoding": {"x": {"field": "a", "type": "nonsense"}}})


def test_script_cannot_be_closed_by_data():
    df = pd.DataFrame({"q": ["</script><script>alert(1)</script>"], "v": [1]})
    html = charts._html(alt.Chart(df).mark_bar().encode(x="v:Q", y="q:N").to_dict())
    assert "</script><script>alert" not in html


def test_labelled_bars_draw_a_panel_per_place_with_labels_past_the_bars():
    df = pd.DataFrame(
        {
            "region": ["A", "A", "B"],
            "n": [3, 5, 2000],
            "what": ["x", "y", "x"],
            "text": ["3个", "5个", "2000个"],
        }
    )
    spec = charts.labelled_bars(
        df,
        alt.X("n:Q", title="Count"),
        alt.Y("what:N", title=None),
        "text:N",
        ["region", "n"],
        title="Counts",
        step=20,
    ).to_dict()
    assert spec["title"] == "Counts"
    assert spec["facet"] == {"row": {"field": "region", "title": None, "type": "nominal"}}
    assert spec["spec"]["height"] == {"step": 20} and "width" not in spec["spec"]
    bars, labels = spec["spec"]["layer"]
    assert bars["mark"] == {"type": "bar"}
    assert labels["mark"] == {"type": "text", "align": "left", "dx": 3}
    assert labels["encoding"]["text"] == {"field": "text", "type": "nominal"}
    assert (
        bars["encoding"]["x"]["title"] == "Count" and bars["encoding"]["tooltip"][1]["field"] == "n"
    )
    assert "resolve" not in spec
    (rows,) = spec["datasets"].values()
    assert [r["n"] for r in rows] == [3, 5, 2000]
    own = charts.labelled_bars(
        df,
        alt.X("n:Q"),
        alt.Y("what:N"),
        "text:N",
        [],
        title="t",
        step=20,
        width=420,
        own_scales=True,
    ).to_dict()
    assert own["resolve"] == {"scale": {"x": "independent", "y": "independent"}}
    assert own["spec"]["width"] == 420


def test_point_title_states_the_point_and_wraps_it():
    title = charts.point_title("a " * 60, "what is drawn, in percent").to_dict()
    assert len(title["text"]) == 2 and all(len(line) <= 90 for line in title["text"])
    assert title["subtitle"] == ["what is drawn, in percent"]
    assert "subtitle" not in charts.point_title("short").to_dict()
    spec = alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x="x:Q")
    spec = spec.properties(title=charts.point_title("Point", "detail")).to_dict()
    html = charts.bundle(spec)["text/html"]
    assert 'aria-label="Point"' in html and 'download="point.csv"' in html
