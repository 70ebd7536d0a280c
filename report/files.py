"""Writing the build's files atomically: a reader sees the old file or the new one."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["write_atomic", "write_if_changed"]


def write_atomic(path: Path, text: str) -> None:
    """Write *text* to *path* through a temporary file renamed over it.

    Parameters
    ----------
    path : pathlib.Path
        Its folder is made if missing.
    text : str
        Written as UTF-8.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_if_changed(path: Path, text: str) -> bool:
    """Write *text* to *path* atomically, unless the file already holds it.

    Parameters
    ----------
    path : pathlib.Path
    text : str

    Returns
    -------
    bool
        Whether the file was written (an unchanged file keeps its time, so Sphinx does not
        read it again).
    """
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(path, text)
    return True
