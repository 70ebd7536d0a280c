"""Content hashes that decide what is stale (never modification times)."""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["Inputs", "hash_files", "page_stamp"]


def hash_files(root: Path, paths: Iterable[Path]) -> str:
    """SHA-256 over the relative names and contents of *paths* (sorted).

    Parameters
    ----------
    root : pathlib.Path
        Names are taken relative to it.
    paths : iterable of pathlib.Path

    Returns
    -------
    str
    """
    h = hashlib.sha256()
    for path in sorted(set(paths)):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(root)).encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


class Inputs:
    """The shared inputs every page depends on: ``data/``, ``lib/``, the lock file, Python,
    and ``CITATION.cff`` (the data appendix renders how to cite the report from it).

    Attributes
    ----------
    digest : str
        One hash of all of them, computed once per build.
    """

    def __init__(self, root: Path) -> None:
        files = [
            *root.glob("data/**/*"),
            *root.glob("lib/**/*.py"),
            root / "requirements.lock",
            root / "CITATION.cff",
        ]
        self.digest = hashlib.sha256(
            (hash_files(root, files) + platform.python_version()).encode()
        ).hexdigest()


def page_stamp(inputs: Inputs, template: Path, parameters: dict[str, Any]) -> str:
    """The stamp of one page: shared inputs, its template's bytes and its parameters.

    Parameters
    ----------
    inputs : Inputs
    template : pathlib.Path
    parameters : dict
        Effective parameters (JSON-serialisable).

    Returns
    -------
    str
    """
    h = hashlib.sha256(inputs.digest.encode())
    h.update(hashlib.sha256(template.read_bytes()).digest())
    h.update(json.dumps(parameters, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()
