"""The key findings page, and the two-page brief made from it.

The template ``chapters/key_findings.md`` shows the two-minute read (:func:`summary`), one
section per finding (:func:`finding_text`, :func:`finding_chart`) and what the corpus cannot
tell (:func:`limits`). Every finding is evaluated first: a claim the data no longer support
stops the page with :class:`lib.analysis.findings.FindingError`.

Run as a module it writes the brief's LaTeX source and chart, which the build
(``report brief``) compiles::

    python -m lib.chapters.key_findings --brief _build/brief/brief.tex
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import altair as alt
import vl_convert as vlc
import yaml
from IPython.display import Markdown

from lib.data.factbase import FactBase, load_factbase
from lib.paths import project_root
from lib.present.charts import theme
from lib.present.citations import Citations
from lib.present.findings import (
    CHARTS,
    EVIDENCE,
    confidence_md,
    findings_and_evidence,
    limits_md,
    summary_md,
)
from lib.present.markdown import md, md_escape

__all__ = [
    "brief_latex",
    "check_sections",
    "finding_chart",
    "finding_text",
    "limits",
    "main",
    "page_values",
    "summary",
    "write_brief",
]


def page_values(fb: FactBase) -> dict[str, object]:
    """The values the page's prose states (glued under these names).

    Returns
    -------
    dict
        ``n_findings``; ``n_high``, ``n_medium``, ``n_low`` (findings of each confidence) and
        ``confidence_counts``, the same in words ("2 are of high confidence, 6 of medium and
        none of low").
    """
    findings, _ = findings_and_evidence(fb)
    counts = {c: sum(f.confidence == c for f in findings) for c in ("high", "medium", "low")}
    parts = [f"{n} of {c}" if n else f"none of {c}" for c, n in counts.items()]
    verb = "are" if counts["high"] > 1 else "is"
    head = parts[0].replace(" of ", f" {verb} of ", 1)
    return (
        {"n_findings": len(findings)}
        | {f"n_{c}": n for c, n in counts.items()}
        | {"confidence_counts": f"{head} confidence, {parts[1]} and {parts[2]}"}
    )


def check_sections(fb: FactBase, ids: list[str]) -> None:
    """Check that the template's sections are the findings of ``findings.yml``, in order.

    Raises
    ------
    ValueError
        Naming the findings missing from the template or in another order.
    """
    findings, _ = findings_and_evidence(fb)
    expected = [f.id for f in findings]
    if ids != expected:
        raise ValueError(
            f"the page's sections {ids} are not the findings of findings.yml {expected}: "
            "add, remove or reorder the sections of chapters/key_findings.md"
        )


def summary(fb: FactBase) -> Markdown:
    """The two-minute read: every claim, numbered, with its confidence."""
    findings, evidence = findings_and_evidence(fb)
    return md(summary_md(findings, evidence))


def _finding(fb: FactBase, finding_id: str):
    findings, evidence = findings_and_evidence(fb)
    by_id = {f.id: f for f in findings}
    if finding_id not in by_id:
        raise KeyError(f"no finding {finding_id!r} in findings.yml (known: {sorted(by_id)})")
    return by_id[finding_id], evidence[finding_id]


def finding_text(fb: FactBase, finding_id: str, cite: Citations) -> Markdown:
    """One finding: the claim, the evidence (cited), the confidence and why, what would change
    it and what to watch."""
    from lib.analysis.findings import fill_claim

    finding, ev = _finding(fb, finding_id)
    return md(
        f"**{md_escape(fill_claim(finding, ev))}**",
        "**Evidence.**",
        EVIDENCE[finding.check](ev, fb, cite),
        confidence_md(finding, fb, ev),
        f"**What would change it.** {md_escape(finding.would_change)}",
        f"**What to watch.** {md_escape(finding.watch)}",
    )


def finding_chart(fb: FactBase, finding_id: str) -> alt.Chart | Markdown:
    """The finding's chart, or nothing for a finding shown in tables only."""
    finding, ev = _finding(fb, finding_id)
    if finding.check not in CHARTS:
        return md()
    return CHARTS[finding.check](ev)


def limits(fb: FactBase, cite: Citations) -> Markdown:
    """What the corpus cannot tell us."""
    return md(limits_md(fb, cite))


# --- the brief ------------------------------------------------------------------------------

_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _tex(text: str) -> str:
    return "".join(_TEX_SPECIAL.get(c, c) for c in text)


def _citation() -> str:
    """How to cite, from ``CITATION.cff``."""
    path = project_root() / "CITATION.cff"
    cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    authors = "; ".join(a.get("name") or a.get("family-names", "") for a in cff["authors"])
    return (
        f"{authors}, {cff['title']}, version {cff['version']} (CITATION.cff). Cite the "
        "newspaper articles for the statements themselves."
    )


def brief_latex(fb: FactBase, chart_file: str, date: dt.date | None = None) -> str:
    """The brief as a LaTeX document (XeLaTeX, xeCJK with Noto CJK like the book).

    Parameters
    ----------
    fb : FactBase
    chart_file : str
        File name of the chart (a PDF beside the ``.tex``).
    date : datetime.date, optional
        The date printed (default: today).
    """
    findings, evidence = findings_and_evidence(fb)
    from lib.analysis.findings import fill_claim

    date = date or dt.date.today()
    items = "\n".join(
        rf"\item {_tex(fill_claim(f, evidence[f.id]))} \textit{{(Confidence: {f.confidence}.)}}"
        for f in findings
    )
    n = page_values(fb)
    levels = [f"{n[f'n_{c}']} of {c}" for c in ("high", "medium", "low") if n[f"n_{c}"]]
    counts = f"{n['n_findings']} findings: " + ", ".join(levels) + " confidence."
    return rf"""\documentclass[10pt,a4paper]{{article}}
\usepackage[margin=1.7cm]{{geometry}}
\usepackage{{fontspec}}
\usepackage{{xeCJK}}
\setCJKmainfont{{Noto Serif CJK SC}}
\setCJKsansfont{{Noto Sans CJK SC}}
\xeCJKDeclareCharClass{{Default}}{{"2018, "2019, "201C, "201D}}
\usepackage{{graphicx}}
\usepackage{{enumitem}}
\setlist{{itemsep=2pt,topsep=3pt}}
\pagestyle{{plain}}
\begin{{document}}
{{\Large\bfseries Industrial upgrading in southern Jiangxi: key findings}}\\[2pt]
{{\small A brief of the executable report \textit{{Industrial upgrading in southern Jiangxi}}.
{_tex(date.isoformat())}.}}

\medskip
\noindent The report reads {len(fb.sources)} Chinese regional-newspaper sources on 赣州
Ganzhou and 吉安 Ji'an. Every number below is computed from its fact base, where each figure
quotes its source verbatim; each finding is checked against the data at every build.
{_tex(counts)}

\begin{{enumerate}}
{items}
\end{{enumerate}}

\begin{{center}}
\includegraphics[width=0.8\linewidth]{{{chart_file}}}
\end{{center}}

\noindent\textbf{{What the corpus cannot tell.}} Employment, margins, export values, R\&D
intensity and ownership are hardly measured, and no official statistics are in the corpus:
the findings describe what the places say about themselves.

\medskip
\noindent\textbf{{How to cite.}} {_tex(_citation())}
\end{{document}}
"""


def write_brief(fb: FactBase, out: Path, date: dt.date | None = None) -> Path:
    """Write the brief's LaTeX source to *out* and its chart beside it (``<stem>-chart.pdf``).

    Returns
    -------
    pathlib.Path
        *out*.
    """
    findings, evidence = findings_and_evidence(fb)
    first = next(f for f in findings if f.check in CHARTS)
    chart = CHARTS[first.check](evidence[first.id])
    spec = chart.properties(width=420).to_dict() | theme()
    out.parent.mkdir(parents=True, exist_ok=True)
    chart_path = out.with_name(f"{out.stem}-chart.pdf")
    chart_path.write_bytes(vlc.vegalite_to_pdf(spec))
    out.write_text(brief_latex(fb, chart_path.name, date), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m lib.chapters.key_findings --brief OUT.tex``: write the brief's source."""
    parser = argparse.ArgumentParser(prog="python -m lib.chapters.key_findings")
    parser.add_argument("--brief", type=Path, required=True, metavar="OUT.tex")
    args = parser.parse_args(argv)
    if not re.search(r"\.tex$", str(args.brief)):
        parser.error("--brief expects a .tex file")
    write_brief(load_factbase(), args.brief)
    print(args.brief)
    return 0


if __name__ == "__main__":
    sys.exit(main())
