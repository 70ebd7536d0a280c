"""The report's chart theme and an offline renderer for Altair charts.

Every chart is displayed as one output carrying two renderings, so each builder picks what
suits it (``nb_mime_priority_overrides`` in ``_config.yml``):

``text/html``
    A ``<div>`` and a script that draws the chart with Vega-Embed as SVG once
    ``window.vegaEmbed`` exists. The Vega libraries come from ``_static/vega/`` of the book
    itself (:data:`VEGA_SCRIPT`, written there by the build): nothing is fetched from the
    internet. Below the chart, a link downloads the data behind it as CSV (see
    :func:`chart_data`), embedded in the page so it works offline and can never go stale.
``application/pdf``
    A vector rendering (vl-convert) for the LaTeX/PDF book, which myst-nb's LaTeX
    builder prefers to any raster image. (A PNG as well would double the rendering time
    of every chart for no reader.)

Use::

    import lib.present.charts  # registers and enables the theme and the renderer
    chart = alt.Chart(df).mark_bar().encode(...)
    chart                       # displays with all three renderings
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import os
import re
import textwrap
import uuid
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

from lib.paths import CHART_CACHE_ENV, CHART_PDF_ENV

__all__ = [
    "FONT",
    "PALETTE",
    "SPEC_MIME",
    "VEGA_SCRIPT",
    "add_static_renderings",
    "bundle",
    "chart_data",
    "enable",
    "labelled_bars",
    "point_title",
    "theme",
]

#: Font family with CJK glyphs, used for every text of every chart.
FONT = "Noto Sans CJK SC"
#: Categorical colours (colour-blind-safe Okabe–Ito order, then Tableau extras).
PALETTE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#8c564b",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
]
WIDTH, HEIGHT = 560, 300
#: Where the book serves the Vega/Vega-Lite/Vega-Embed bundle, under ``_static/``.
VEGA_SCRIPT = "vega/vega-bundle.js"
#: MIME type of a chart's specification, output in place of its PDF rendering until the PDF
#: book is built (:func:`add_static_renderings`); no builder shows it.
SPEC_MIME = "application/vnd.report.chart-spec+json"


def theme() -> dict[str, Any]:
    """The report's Altair theme: CJK-capable font, palette, sizes.

    Returns
    -------
    dict
        A Vega-Lite ``config`` wrapped as Altair expects.
    """
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "range": {"category": PALETTE},
            "title": {
                "font": FONT,
                "fontSize": 14,
                "anchor": "start",
                "fontWeight": 600,
                "subtitleFont": FONT,
                "subtitleFontSize": 11,
            },
            # labels up to 320 px before an ellipsis (Vega-Lite's default, 180, cuts the
            # report's descriptive category names)
            "axis": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": 11,
                "titleFontSize": 12,
                "gridColor": "#e6e6e6",
                "labelLimit": 320,
            },
            "legend": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": 11,
                "labelLimit": 320,
            },
            # facet labels read horizontally above their panel, however long the place name
            "header": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": 12,
                "labelFontWeight": 600,
                "labelAngle": 0,
                "labelOrient": "top",
                "labelAnchor": "start",
                "labelAlign": "left",
            },
            "text": {"font": FONT},
            "mark": {"font": FONT},
            "bar": {"color": PALETTE[0]},
            "line": {"color": PALETTE[0]},
            "point": {"color": PALETTE[0]},
        }
    }


def point_title(point: str, detail: str = "", width: int = 90) -> alt.TitleParams:
    """A chart title that states the chart's point, with a smaller line on what is drawn.

    Parameters
    ----------
    point : str
        The point, as a sentence (the text beside the chart states the same).
    detail : str, optional
        What is drawn, its units and years (the subtitle).
    width : int
        Characters per line; longer texts wrap onto several lines.

    Returns
    -------
    altair.TitleParams

    Examples
    --------
    >>> point_title("Few firms reach the last stage", "Firms, 2024–2025").subtitle
    ['Firms, 2024–2025']
    """
    lines = textwrap.wrap(point, width) or [""]
    sub = textwrap.wrap(detail, int(width * 1.2)) if detail else alt.Undefined
    return alt.TitleParams(text=lines, subtitle=sub, subtitleColor="#444444", offset=10)


def labelled_bars(
    data: pd.DataFrame,
    x: alt.X,
    y: alt.Y,
    label: str,
    tooltip: list[str],
    *,
    title: str | alt.TitleParams,
    step: int,
    width: int | None = None,
    own_scales: bool = False,
) -> alt.FacetChart:
    """Horizontal bars, each labelled just past its end, in one panel per place.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per bar, with a ``region`` column that names the bar's panel.
    x, y : altair.X, altair.Y
        The bar's length and its category.
    label : str
        The encoding of the text past each bar (``"as_written:N"``).
    tooltip : list of str
    title : str or altair.TitleParams
        A plain title, or :func:`point_title`.
    step : int
        Height of one bar's band, in pixels.
    width : int, optional
        Width of a panel; the theme's otherwise.
    own_scales : bool
        Each panel on its own x and y scales (where a city's thousands would flatten a
        district's units).

    Returns
    -------
    altair.FacetChart
    """
    base = alt.Chart(data).encode(x=x, y=y, tooltip=tooltip)
    size = {"height": alt.Step(step)} | ({"width": width} if width else {})
    chart = (
        (base.mark_bar() + base.mark_text(align="left", dx=3).encode(text=label))
        .properties(**size)
        .facet(row=alt.Row("region:N", title=None))
    )
    if own_scales:
        chart = chart.resolve_scale(x="independent", y="independent")
    return chart.properties(title=title)


def _is_geometry(records: list) -> bool:
    return any(
        isinstance(r, dict) and ("geometry" in r or r.get("type") == "Feature") for r in records[:5]
    )


def chart_data(spec: dict) -> list[pd.DataFrame]:
    """The tables behind a chart: each inline dataset of *spec* that is not geometry.

    Parameters
    ----------
    spec : dict
        A Vega-Lite specification (``chart.to_dict()``).

    Returns
    -------
    list of pandas.DataFrame
        One frame per distinct dataset, in the order of the spec; boundary features
        (GeoJSON) are left out, as they are map furniture rather than data.
    """
    frames = []
    for records in spec.get("datasets", {}).values():
        if records and isinstance(records, list) and not _is_geometry(records):
            frames.append(pd.json_normalize(records, max_level=0))
    return frames


def _title(spec: dict) -> str:
    title = spec.get("title")
    label = title.get("text") if isinstance(title, dict) else title
    if isinstance(label, list):
        label = " ".join(map(str, label))
    return str(label or "chart")


def _download_links(spec: dict) -> str:
    frames = chart_data(spec)
    stem = re.sub(r"[^0-9a-z]+", "-", _title(spec).lower())[:60].strip("-") or "chart"
    links = []
    for i, frame in enumerate(frames, 1):
        buf = io.StringIO()
        frame.to_csv(buf, index=False)
        # a byte-order mark so spreadsheet programs read the Chinese text as UTF-8
        payload = base64.b64encode(("\ufeff" + buf.getvalue()).encode("utf-8")).decode()
        name = f"{stem}.csv" if len(frames) == 1 else f"{stem}-{i}.csv"
        label = "Data behind this chart (CSV" + (f", table {i})" if len(frames) > 1 else ")")
        links.append(
            f'<a class="report-chart-data" download="{html.escape(name, quote=True)}" '
            f'href="data:text/csv;charset=utf-8;base64,{payload}">{label}</a>'
        )
    return f'<p class="report-chart-downloads">{" · ".join(links)}</p>\n' if links else ""


def _html(spec: dict) -> str:
    target = f"chart-{uuid.uuid4().hex[:12]}"
    payload = json.dumps(spec, ensure_ascii=False).replace("</", "<\\/")
    aria = html.escape(_title(spec), quote=True)
    return (
        f'<div id="{target}" class="report-chart" role="img" aria-label="{aria}"></div>\n'
        "<script>(function () {\n"
        f"  var spec = {payload};\n"
        "  function draw(tries) {\n"
        "    if (window.vegaEmbed) {\n"
        f"      window.vegaEmbed('#{target}', spec, {{renderer: 'svg', actions: false}})\n"
        "        .catch(function (e) { console.error('chart failed', e); });\n"
        "    } else if (tries < 200) { setTimeout(function () { draw(tries + 1); }, 25); }\n"
        "    else { console.error('vegaEmbed is not loaded'); }\n"
        "  }\n"
        "  draw(0);\n"
        "})();</script>\n" + _download_links(spec)
    )


def _static_pdf(spec: dict) -> bytes:
    """The PDF rendering of *spec*, from the build's chart cache when it holds one.

    The build names a cache folder in :data:`lib.paths.CHART_CACHE_ENV`; a rendering is
    kept there under a hash of the specification and of vl-convert's version, so a chart
    drawn again unchanged is not rendered again (the same bytes either way).
    """
    folder = os.environ.get(CHART_CACHE_ENV)
    key = hashlib.sha256(
        json.dumps([vlc.__version__, spec], sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    kept = Path(folder) / f"{key}.pdf" if folder else None
    if kept is not None and kept.is_file():
        return kept.read_bytes()
    try:
        pdf = vlc.vegalite_to_pdf(spec)
    except Exception as exc:  # vl-convert raises plain ValueError/RuntimeError
        raise ValueError(f"chart could not be rendered: {exc}") from exc
    if kept is not None:
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            staged = kept.with_suffix(f".{os.getpid()}.tmp")
            staged.write_bytes(pdf)
            os.replace(staged, kept)  # whole or absent, whatever runs beside it
        except OSError:
            pass  # a cache that cannot be written is only slower
    return pdf


def bundle(spec: dict, **_: Any) -> dict[str, Any]:
    """Render a Vega-Lite spec to an HTML and a PDF rendering.

    Parameters
    ----------
    spec : dict
        A Vega-Lite specification (``chart.to_dict()``).

    Returns
    -------
    dict
        A MIME bundle: ``text/html`` and ``application/pdf`` (base64), plus
        ``text/plain``. When :data:`lib.paths.CHART_PDF_ENV` is ``later`` (the HTML
        build sets it: the HTML book shows no PDF), the specification (:data:`SPEC_MIME`)
        stands in for the PDF, which :func:`add_static_renderings` renders when the PDF book
        is built.

    Raises
    ------
    ValueError
        If vl-convert cannot render the spec: a chart never silently goes missing.
    """
    if os.environ.get(CHART_PDF_ENV) == "later":
        static = {SPEC_MIME: spec}
    else:
        static = {"application/pdf": base64.b64encode(_static_pdf(spec)).decode()}
    return {"text/html": _html(spec), **static, "text/plain": "<chart>"}


def add_static_renderings(notebook: str | Path) -> int:
    """Render the PDF of every chart of an executed notebook that has its specification in
    place of it (see :func:`bundle`), in place.

    Parameters
    ----------
    notebook : str or pathlib.Path

    Returns
    -------
    int
        How many charts were rendered.
    """
    path = Path(notebook)
    nb = json.loads(path.read_text(encoding="utf-8"))
    count = 0
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if SPEC_MIME in data:
                spec = data.pop(SPEC_MIME)
                data["application/pdf"] = base64.b64encode(_static_pdf(spec)).decode()
                count += 1
    if count:
        staged = path.with_suffix(f".{os.getpid()}.tmp")
        text = json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)  # as nbformat writes
        staged.write_text(text + "\n", encoding="utf-8")
        os.replace(staged, path)
    return count


def enable() -> None:
    """Register and enable the report's theme and renderer (done on import)."""
    alt.theme.register("report", enable=True)(theme)
    alt.renderers.register("report", bundle)
    alt.renderers.enable("report")


enable()

if __name__ == "__main__":  # python -m lib.present.charts NOTEBOOK …: add the PDF renderings
    import sys

    print(sum(add_static_renderings(arg) for arg in sys.argv[1:]))
