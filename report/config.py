"""The book's Jupyter Book configuration, with the overrides of one edition.

``_config.yml`` describes the reader's edition (no code in the HTML or in print). An
edition that differs, such as the HTML with code toggles (``report book --with-code``),
is built from a copy of it with a few Sphinx settings changed, written into the build's
staging folder and passed to Jupyter Book with ``--config``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["CODE_EDITION", "write_config"]

#: Sphinx settings of the edition that shows each code cell's source behind a toggle.
CODE_EDITION: dict[str, Any] = {"nb_remove_code_source": False}


def write_config(root: Path, folder: Path, sphinx: dict[str, Any]) -> Path:
    """Write ``_config.yml`` with *sphinx* settings changed into *folder*.

    Parameters
    ----------
    root : pathlib.Path
        The book root (its ``_config.yml`` is read).
    folder : pathlib.Path
        Where the edited copy is written (created if missing).
    sphinx : dict
        Settings put under ``sphinx.config``, replacing those of the same name.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config.setdefault("sphinx", {}).setdefault("config", {}).update(sphinx)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "_config.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path
