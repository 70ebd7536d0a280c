"""Files the book serves itself: the Vega bundle that draws its charts offline."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import vl_convert as vlc

from report.files import write_atomic

__all__ = ["VEGA_SCRIPT", "write_vega_bundle"]

#: Where the bundle goes under ``_static/`` (every ``_static/**/*.js`` is added to every page).
VEGA_SCRIPT = "vega/vega-bundle.js"


def write_vega_bundle(static_dir: str | Path) -> Path:
    """Write the Vega/Vega-Lite/Vega-Embed bundle into the book's static folder.

    The bundle (from vl-convert-python) sets ``window.vegaEmbed``; it is wrapped in a
    function so its other top-level names do not leak into the page.

    Parameters
    ----------
    static_dir : str or pathlib.Path
        The book's ``_static`` folder.

    Returns
    -------
    pathlib.Path
        The written file (rewritten only when its content changes).
    """
    path = Path(static_dir) / VEGA_SCRIPT
    marker = path.with_suffix(".version")
    version = f"vl-convert {vlc.__version__}"
    if path.is_file() and marker.is_file() and marker.read_text() == version:
        return path
    # Generating the bundle takes seconds: keep one per vl-convert version in the user cache.
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "jiangxi-report"
    cached = cache / f"vega-bundle-{vlc.__version__}.js"
    if not cached.is_file():
        write_atomic(cached, "(function () {\n" + vlc.javascript_bundle() + "\n})();\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    shutil.copyfile(cached, tmp)
    os.replace(tmp, path)
    marker.write_text(version)
    return path
