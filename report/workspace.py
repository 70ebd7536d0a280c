"""Throw-away copies of the project, for tests and benchmarks."""

from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["copy_project"]

# What the build makes (the table of contents too: generated from the plan) and tools' caches.
_IGNORE = shutil.ignore_patterns(
    ".venv",
    "_build",
    "pages",
    "_toc.yml",
    ".git",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    "*.egg-info",
)


def copy_project(src: Path, dest: Path, with_build_from: Path | None = None) -> Path:
    """Copy the project's sources from *src* to *dest*.

    Parameters
    ----------
    src, dest : pathlib.Path
        Project root, and a folder that must not exist yet.
    with_build_from : pathlib.Path, optional
        Another copy whose executed pages and HTML book are copied too (its cache stays
        valid: stamps are content hashes, not paths or times).

    Returns
    -------
    pathlib.Path
        *dest*.
    """
    shutil.copytree(src, dest, ignore=_IGNORE)
    if with_build_from is not None:
        shutil.copytree(with_build_from / "pages", dest / "pages")
        shutil.copytree(with_build_from / "_build" / "html", dest / "_build" / "html")
        shutil.copytree(
            with_build_from / "_static" / "vega", dest / "_static" / "vega", dirs_exist_ok=True
        )
    return dest
