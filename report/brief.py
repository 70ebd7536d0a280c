"""Build the two-page brief: the key findings with their confidence, one chart, how to cite.

The build does not import the library: a subprocess (``python -m lib.chapters.key_findings
--brief``) writes the brief's LaTeX source and chart, evaluating every finding on the way (a
finding the data no longer support stops it), and XeLaTeX compiles it with the book's CJK fonts
(xeCJK, Noto CJK).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from report.html import BuildError
from report.pdf import latex_problem

__all__ = ["BRIEF", "build_brief"]

BRIEF = Path("_build") / "pdf" / "brief.pdf"


def build_brief(root: Path) -> Path:
    """Write ``_build/pdf/brief.pdf``.

    Parameters
    ----------
    root : pathlib.Path
        The book root.

    Returns
    -------
    pathlib.Path
        The PDF.

    Raises
    ------
    BuildError
        If a finding fails its check, LaTeX fails, or a glyph is missing from the fonts. The
        previous brief is kept.
    """
    start = time.perf_counter()
    work = root / "_build" / f".staging-brief-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    tex = work / "brief.tex"
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "lib.chapters.key_findings", "--brief", str(tex)],
            cwd=root,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
            raise BuildError(f"the brief's source could not be written: {last}")
        print("building the brief (XeLaTeX) …", flush=True)
        proc = subprocess.run(
            ["xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
            cwd=work,
            capture_output=True,
            text=True,
        )
        reason, log = latex_problem(proc.returncode, work, "brief")
        if reason:
            saved = root / "_build" / "brief-build.log"
            saved.write_text(proc.stdout + proc.stderr + log, encoding="utf-8")
            raise BuildError(f"the brief failed ({reason}); full log: {saved.relative_to(root)}")
        target = root / BRIEF
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(work / "brief.pdf", target)
        shutil.copyfile(tex, target.with_suffix(".tex"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"brief built in {time.perf_counter() - start:.1f} s: {BRIEF}", flush=True)
    return target
