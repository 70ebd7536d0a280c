"""Where the project's files are."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "CHART_CACHE_ENV",
    "CHART_PDF_ENV",
    "FACTBASE_ENV",
    "PAGE_ENV",
    "current_page",
    "data_dir",
    "project_root",
]

#: Environment variable naming the page a notebook is executed for (set by the build).
PAGE_ENV = "REPORT_PAGE"
#: Environment variable naming the fact base the build validated once, kept (pickled) for the
#: pages it runs (see lib.data.factbase.load_factbase).
FACTBASE_ENV = "REPORT_FACTBASE"
#: Environment variable naming a folder where the build keeps the static (PDF) rendering of
#: each chart, by a hash of its specification (see lib.present.charts.bundle).
CHART_CACHE_ENV = "REPORT_CHART_CACHE"
#: Environment variable that, set to ``later``, defers the static (PDF) rendering of charts
#: until the PDF book is built (see lib.present.charts.bundle).
CHART_PDF_ENV = "REPORT_CHART_PDF"


def current_page(default: str = "notebook") -> str:
    """The name of the book page being built, or *default* outside the build.

    Pages made from one template use it to keep their link targets apart.
    """
    return os.environ.get(PAGE_ENV) or default


def project_root() -> Path:
    """Return the project root (the folder holding ``data/`` and ``_config.yml``).

    ``REPORT_ROOT`` overrides it; otherwise it is the parent of the ``lib`` package when
    that holds ``data/``, else the first parent of the working directory that does.

    Returns
    -------
    pathlib.Path
    """
    env = os.environ.get("REPORT_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve().parents[1]
    if (here / "data").is_dir():
        return here
    for parent in [Path.cwd(), *Path.cwd().parents]:
        if (parent / "data" / "facts.csv").is_file():
            return parent
    raise FileNotFoundError("cannot find the project root: set REPORT_ROOT")


def data_dir() -> Path:
    """Return the project's ``data/`` folder.

    Returns
    -------
    pathlib.Path
    """
    return project_root() / "data"
