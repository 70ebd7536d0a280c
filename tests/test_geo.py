"""The county boundaries file, its generator and the map helpers of ``lib.present.maps``."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import vl_convert as vlc

from lib.present.maps import county_codes, expand_codes, load_counties, locator_map, point_map

ROOT = Path(__file__).resolve().parents[1]
GEOJSON = ROOT / "data" / "geo" / "jiangxi_counties.geojson"
SCRIPT = ROOT / "scripts" / "make_jiangxi_map.py"


def _symbols(svg: str) -> int:
    """Number of point marks (``mark-symbol role-mark`` paths, not legend symbols) in an SVG."""
    groups = re.findall(r'<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.S)
    return sum(g.count("<path") for g in groups)


def test_counties_have_unique_six_digit_codes():
    features = load_counties()["features"]
    codes = [f["properties"]["code"] for f in features]
    assert len(features) == 100
    assert len(set(codes)) == 100
    assert all(re.fullmatch(r"36\d{4}", c) for c in codes)
    assert codes == sorted(codes)
    assert county_codes() == set(codes)


@pytest.mark.parametrize(
    "code, name, prefecture",
    [
        ("360734", "寻乌县", "赣州市"),
        ("360702", "章贡区", "赣州市"),
        ("360704", "赣县区", "赣州市"),
        ("360881", "井冈山市", "吉安市"),
    ],
)
def test_named_counties(code, name, prefecture):
    props = {f["properties"]["code"]: f["properties"] for f in load_counties()["features"]}
    assert props[code]["name_zh"] == name
    assert props[code]["prefecture_zh"] == prefecture
    assert props[code]["prefecture_code"] == code[:4] + "00"


def test_file_is_small():
    assert GEOJSON.stat().st_size < 300 * 1024


def test_generator_is_deterministic(tmp_path):
    out = tmp_path / "counties.geojson"
    subprocess.run(
        [sys.executable, str(SCRIPT), str(out)], check=True, cwd=ROOT, capture_output=True
    )
    assert out.read_bytes() == GEOJSON.read_bytes()


def test_load_counties_rejects_bad_file(tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"code": "360734"}, "geometry": None}
                ],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="bad.geojson"):
        load_counties(bad)
    bad.write_text('{"type": "Polygon"}', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.geojson"):
        load_counties(bad)


def test_locator_map_renders_offline():
    spec = locator_map({"360734": "Xunwu"}, title="寻乌县").to_dict()
    svg = vlc.vegalite_to_svg(spec)
    assert svg.startswith("<svg")
    assert "http" not in json.dumps(spec.get("data", {}))
    assert "url" not in spec.get("data", {})
    highlighted = [
        f for f in spec["data"]["values"]["features"] if f["properties"]["category"] is not None
    ]
    assert [f["properties"]["code"] for f in highlighted] == ["360734"]


def test_prefecture_code_highlights_its_counties():
    assert len(expand_codes({"360700": "Ganzhou"})) == 18
    spec = locator_map({"360700": "Ganzhou"}).to_dict()
    highlighted = [
        f for f in spec["data"]["values"]["features"] if f["properties"]["category"] == "Ganzhou"
    ]
    assert len(highlighted) == 18
    assert {f["properties"]["prefecture_zh"] for f in highlighted} == {"赣州市"}


def test_county_overrides_its_prefecture():
    chosen = expand_codes({"360700": "Ganzhou", "360734": "Xunwu"})
    assert len(chosen) == 18
    assert chosen["360734"] == "Xunwu"
    assert chosen["360702"] == "Ganzhou"


def test_unknown_code_is_named():
    with pytest.raises(ValueError, match="369999"):
        locator_map({"360734": "Xunwu", "369999": "nowhere"})


def test_point_map_draws_rows_with_missing_size():
    points = pd.DataFrame(
        {
            "code": ["360734", "360702", "360700", "360881"],
            "firms": [12, None, 40, 5],
            "sector": ["rare earth", "furniture", "all", "tourism"],
        }
    )
    spec = point_map(points, "firms", "sector", title="Firms").to_dict()
    assert _symbols(vlc.vegalite_to_svg(spec)) == len(points)


def test_point_map_without_size():
    points = pd.DataFrame({"code": ["360734", "360881"], "kind": ["a", "b"]})
    spec = point_map(points, None, "kind").to_dict()
    assert _symbols(vlc.vegalite_to_svg(spec)) == 2


def test_point_map_unknown_code():
    with pytest.raises(ValueError, match="123456"):
        point_map(pd.DataFrame({"code": ["123456"], "kind": ["a"]}), None, "kind")


def test_point_map_labels_neighbours_apart_within_prefectures():
    points = pd.DataFrame(
        {
            "code": ["360702", "360704", "360703", "360734"],
            "n": [5, 5, 2, 1],
            "label": ["Zhanggong", "Ganxian", "Nankang", "Xunwu"],
        }
    )
    spec = point_map(points, "n", None, label_field="label", within=["360700"]).to_dict()
    base, dots, *labels = spec["layer"]
    assert "color" not in dots["encoding"]  # one colour: no legend to read
    assert {f["properties"]["prefecture_code"] for f in base["data"]["values"]["features"]} == {
        "360700"
    }
    (rows,) = [d for d in spec["datasets"].values() if "label" in d[0]]  # one table
    marks = {t["transform"][0]["filter"]["equal"]: t["mark"] for t in labels}
    side = {
        r["label"]: (marks[r["label side"]]["align"], marks[r["label side"]]["dy"]) for r in rows
    }
    assert side["Xunwu"] == ("left", 0)  # alone: its label on its right
    assert side["Nankang"] == ("right", 0)  # its neighbours lie east: label on its left
    assert len(set(side.values())) >= 3
    assert _symbols(vlc.vegalite_to_svg(spec)) == len(points)
