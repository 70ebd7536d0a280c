"""Build the PDF book with Jupyter Book's LaTeX route (XeLaTeX, xeCJK, Noto CJK)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from report.config import write_config
from report.html import BuildError
from report.plan import Page, Plan
from report.toc import write_book_files

__all__ = ["PDF", "build_pdf", "latex_problem", "missing_static_renderings"]

PDF = Path("_build") / "pdf" / "book.pdf"


def missing_static_renderings(root: Path, pages: Sequence[Page]) -> list[str]:
    """Charts of executed pages that lack the vector rendering the PDF needs.

    Parameters
    ----------
    root : pathlib.Path
        The book root.
    pages : sequence of Page
        Executed pages.

    Returns
    -------
    list of str
        ``"page: cell N"`` for every chart output without ``application/pdf``.
    """
    missing = []
    for page in pages:
        nb = json.loads((root / page.output).read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                if (
                    "report-chart" in "".join(data.get("text/html", ""))
                    and "application/pdf" not in data
                ):
                    missing.append(f"{page.name}: cell {i + 1}")
    return missing


def latex_problem(returncode: int, folder: Path, stem: str) -> tuple[str | None, str]:
    """Why a XeLaTeX run of ``<folder>/<stem>.tex`` failed, or None, and its log.

    A run fails on a non-zero exit, a missing PDF, or glyphs missing from the fonts (Chinese
    without a CJK font), which XeLaTeX only logs.
    """
    log = folder / f"{stem}.log"
    log_text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
    glyphs = sorted(set(re.findall(r"Missing character: There is no (.+?) in font", log_text)))
    if glyphs:
        return f"glyphs missing from the fonts: {' '.join(glyphs[:20])}", log_text
    if returncode != 0 or not (folder / f"{stem}.pdf").is_file():
        return "LaTeX failed", log_text
    return None, log_text


def build_pdf(root: Path, plan: Plan) -> Path:
    """Build ``_build/pdf/book.pdf`` from the executed pages.

    Parameters
    ----------
    root : pathlib.Path
        The book root.
    plan : Plan
        The run plan (its executed pages must exist); ``_toc.yml`` and the written pages
        are generated from it first.

    Returns
    -------
    pathlib.Path
        The PDF.

    Raises
    ------
    BuildError
        If a chart has no static rendering, LaTeX fails, or a glyph is missing from the
        fonts (e.g. Chinese without a CJK font). The previous PDF is kept.
    """
    missing = missing_static_renderings(root, plan.pages)
    if missing:
        raise BuildError("charts without a static (PDF) rendering: " + ", ".join(missing))
    write_book_files(root, plan)
    staging = root / "_build" / f".staging-pdf-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    start = time.perf_counter()
    print("building the PDF book (XeLaTeX) …", flush=True)
    # The printed book shows prose, tables and charts: code sources are left out (as in
    # the reader's HTML edition, but for the "Using lib" page).
    config_path = write_config(root, staging, {"nb_remove_code_source": True})
    cmd = [
        sys.executable,
        "-c",
        "from jupyter_book.cli.main import main; main()",
        "build",
        str(root),
        "--path-output",
        str(staging),
        "--config",
        str(config_path),
        "--builder",
        "pdflatex",
        "--all",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=root)
    latex = staging / "_build" / "latex"
    reason, log_text = latex_problem(proc.returncode, latex, "book")
    if reason:
        log = root / "_build" / "pdf-build.log"
        log.write_text(proc.stdout + proc.stderr + log_text, encoding="utf-8")
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"the PDF build failed ({reason}); full log: {log.relative_to(root)}")
    target = root / PDF
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(latex / "book.pdf", target)
    for suffix in (".tex", ".log"):  # for audits and tests
        shutil.copyfile(latex / f"book{suffix}", target.with_suffix(suffix))
    shutil.rmtree(staging, ignore_errors=True)
    print(f"PDF book built in {time.perf_counter() - start:.1f} s: {PDF}", flush=True)
    return target
