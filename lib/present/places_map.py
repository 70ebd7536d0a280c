"""A locator map with prefectures outlined: where the report's places are.

:func:`outlined_map` draws :func:`lib.present.maps.locator_map` and, over it, the outline of
each prefecture the report speaks of as a whole, so the counties inside stay readable.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import shapely
from shapely.geometry import Polygon, shape

from lib.present.maps import load_counties, locator_map

__all__ = ["outlined_map"]


def _outline(geoms: list) -> dict:
    """The outer boundary of the union of *geoms* as GeoJSON (slivers between them closed)."""
    merged = shapely.union_all([g.buffer(0.01) for g in geoms]).buffer(-0.01)
    parts = getattr(merged, "geoms", [merged])
    return shapely.geometry.mapping(shapely.MultiPolygon([Polygon(p.exterior) for p in parts]))


def outlined_map(
    highlight: dict[str, str],
    outlines: dict[str, str],
    title: str | list[str] = "",
    width: int = 320,
    height: int = 360,
) -> alt.LayerChart:
    """A :func:`~lib.present.maps.locator_map` with some prefectures outlined, not filled.

    A prefecture spoken of as a whole is outlined, so the counties inside it stay readable
    (filling it would hide which of its counties are themselves highlighted).

    Parameters
    ----------
    highlight : dict
        County code → category label (as for :func:`~lib.present.maps.locator_map`).
    outlines : dict
        Prefecture code → the name written on it; each is outlined (the boundary of its
        counties).
    title : str or list of str, optional
        The chart's title (a list: one line each).
    width, height
        As for :func:`~lib.present.maps.locator_map`.

    Returns
    -------
    altair.LayerChart
        The locator map, then one unfilled ``geoshape`` per prefecture outlined, then its
        name inside the largest part of it left unfilled.
    """
    feats = load_counties()["features"]
    shapes = {}
    for f in feats:
        code = f["properties"]["prefecture_code"]
        if code in outlines:
            shapes.setdefault(code, []).append(shape(f["geometry"]))
    unknown = sorted(set(outlines) - set(shapes))
    if unknown:
        raise ValueError(f"unknown prefecture codes: {', '.join(unknown)}")
    names = {f["properties"]["prefecture_code"]: f["properties"]["prefecture_zh"] for f in feats}
    lines = [
        {
            "type": "Feature",
            "geometry": _outline(geoms),
            "properties": {"code": code, "name_zh": names[code]},
        }
        for code, geoms in shapes.items()
    ]
    border = (
        alt.Chart(
            alt.Data(
                values={"type": "FeatureCollection", "features": lines},
                format=alt.DataFormat(property="features", type="json"),
            )
        )
        .mark_geoshape(filled=False, stroke="#333333", strokeWidth=1.4)
        .encode(tooltip=[alt.Tooltip("properties.name_zh:N", title="市")])
        .project("mercator")
    )
    # each name sits inside the largest stretch of its prefecture left unfilled
    spots = {}
    for code in outlines:
        free = [
            shape(f["geometry"])
            for f in feats
            if f["properties"]["prefecture_code"] == code
            and f["properties"]["code"] not in highlight
        ] or shapes[code]
        merged = shapely.union_all([g.buffer(0.01) for g in free])
        largest = max(getattr(merged, "geoms", [merged]), key=lambda g: g.area)
        point = largest.representative_point()
        spots[code] = (point.x, point.y)
    names_en = pd.DataFrame(
        {
            "lon": [spots[c][0] for c in outlines],
            "lat": [spots[c][1] for c in outlines],
            "name": list(outlines.values()),
        }
    )
    text = (
        alt.Chart(names_en)
        .mark_text(fontSize=13, fontWeight="bold", color="#333333")
        .encode(longitude="lon:Q", latitude="lat:Q", text="name:N")
        .project("mercator")
    )
    chart = alt.layer(locator_map(highlight, width=width, height=height), border, text)
    return chart.properties(title=title) if title else chart
