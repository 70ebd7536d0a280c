"""The report's key findings as data: ``data/findings.yml``, validated on load.

Each finding is a claim an analyst can repeat, its confidence and why, what would change it and
what to watch, the facts it rests on and the name of the check that computes its evidence and
asserts it (:mod:`lib.analysis.findings`). Claims and the other prose type no digits: numbers
come from the evidence through ``{placeholders}``, so a claim cannot drift from the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from lib.data.reader import DataValidationError, Problem
from lib.paths import data_dir

__all__ = [
    "CONFIDENCES",
    "FINDINGS_FILE",
    "MAX_FINDINGS",
    "MIN_FINDINGS",
    "Finding",
    "load_findings",
    "placeholders",
]

#: The file, under the data folder.
FINDINGS_FILE = "findings.yml"
#: Confidence levels, strongest first.
CONFIDENCES = ("high", "medium", "low")
#: How many findings the page holds (at least, at most).
MIN_FINDINGS, MAX_FINDINGS = 6, 10
_KEYS = ("id", "title", "claim", "confidence", "reasons", "would_change", "watch", "facts", "check")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True)
class Finding:
    """One key finding (an entry of ``data/findings.yml``).

    Attributes
    ----------
    number : int
        Its number on the page (1 for the first entry).
    id : str
        A slug; the page's label is ``finding-<id>``.
    title, claim : str
        A short heading, and the claim in one sentence with ``{placeholders}`` for numbers.
    confidence : str
        One of :data:`CONFIDENCES`.
    reasons : tuple of str
        Why that confidence (sources, genre, like for like, periods).
    would_change, watch : str
        What would change the conclusion; what to watch next.
    facts : tuple of str
        The fact ids the finding rests on (its check may use no others).
    check : str
        The name of its check in :data:`lib.analysis.findings.CHECKS`.
    """

    number: int
    id: str
    title: str
    claim: str
    confidence: str
    reasons: tuple[str, ...]
    would_change: str
    watch: str
    facts: tuple[str, ...]
    check: str

    @property
    def label(self) -> str:
        """The MyST label of its section (``finding-<id>``)."""
        return f"finding-{self.id}"


def placeholders(text: str) -> list[str]:
    """The ``{names}`` a claim expects, in order.

    Examples
    --------
    >>> placeholders("up {growth}% on {base}")
    ['growth', 'base']
    """
    return _PLACEHOLDER.findall(text)


def _problems(entries: object, where: str, fact_ids: set[str] | None) -> list[Problem]:
    if not isinstance(entries, list):
        return [Problem(where, None, None, "expected a list of findings")]
    problems = []

    def bad(i: int, key: str | None, message: str) -> None:
        e = entries[i]
        name = f" ({e['id']})" if isinstance(e, dict) and isinstance(e.get("id"), str) else ""
        problems.append(Problem(where, None, key, f"finding {i + 1}{name}: {message}"))

    if not MIN_FINDINGS <= len(entries) <= MAX_FINDINGS:
        problems.append(
            Problem(
                where,
                None,
                None,
                f"expected {MIN_FINDINGS} to {MAX_FINDINGS} findings, found {len(entries)}",
            )
        )
    seen: dict[str, set[str]] = {"id": set(), "check": set()}
    for i, e in enumerate(entries):
        if not isinstance(e, dict):
            bad(i, None, "expected a mapping")
            continue
        for key in sorted(set(_KEYS) - set(e)):
            bad(i, key, f"missing key {key!r}")
        for key in sorted(set(e) - set(_KEYS)):
            bad(i, key, f"unknown key {key!r} (known: {', '.join(_KEYS)})")
        for key in ("id", "check"):
            value = e.get(key)
            pattern = _SLUG if key == "id" else _SNAKE
            if not isinstance(value, str) or not pattern.match(value):
                bad(
                    i,
                    key,
                    f"{key} {value!r} is not a {'slug' if key == 'id' else 'snake_case name'}",
                )
            elif value in seen[key]:
                bad(i, key, f"{key} {value!r} repeats an earlier finding's")
            else:
                seen[key].add(value)
        if e.get("confidence") not in CONFIDENCES:
            bad(i, "confidence", f"confidence {e.get('confidence')!r} is not one of {CONFIDENCES}")
        reasons = e.get("reasons")
        if (
            not isinstance(reasons, list)
            or not reasons
            or not all(isinstance(r, str) and r.strip() for r in reasons)
        ):
            bad(i, "reasons", "expected a non-empty list of reasons")
            reasons = []
        for key in ("title", "claim", "would_change", "watch"):
            value = e.get(key)
            if key in e and (not isinstance(value, str) or not value.strip()):
                bad(i, key, f"{key} must be non-empty text")
        texts = {k: e.get(k) for k in ("title", "claim", "would_change", "watch")}
        texts.update({f"reason {j + 1}": r for j, r in enumerate(reasons)})
        for key, value in texts.items():
            if isinstance(value, str) and _DIGIT.search(_PLACEHOLDER.sub("", value)):
                bad(i, key, f"{key} types a digit: numbers must come from {{placeholders}}")
        facts = e.get("facts")
        if not isinstance(facts, list) or not all(isinstance(f, str) for f in facts):
            bad(i, "facts", "expected a list of fact ids")
        elif fact_ids is not None:
            for f in facts:
                if f not in fact_ids:
                    bad(i, "facts", f"fact {f!r} is not in the fact base (facts.csv, in scope)")
    return problems


def load_findings(
    path: str | Path | None = None, fact_ids: Iterable[str] | None = None
) -> list[Finding]:
    """Read and validate ``data/findings.yml``.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        The file; defaults to ``findings.yml`` of the project's data folder.
    fact_ids : iterable of str, optional
        The facts that exist (``fb.facts.fact_id``): every fact a finding names must be
        one of them. Not checked when omitted.

    Returns
    -------
    list of Finding
        In file order, numbered from 1.

    Raises
    ------
    DataValidationError
        Listing every problem: YAML that does not parse, a missing or unknown key, a
        repeated id or check, a confidence not in :data:`CONFIDENCES`, empty reasons, a
        digit typed in prose, an unknown fact, fewer than :data:`MIN_FINDINGS` or more than
        :data:`MAX_FINDINGS` findings.
    """
    path = Path(path) if path is not None else data_dir() / FINDINGS_FILE
    where = path.name
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataValidationError([Problem(where, None, None, f"cannot read: {exc}")]) from exc
    problems = _problems(entries, where, None if fact_ids is None else set(fact_ids))
    if problems:
        raise DataValidationError(problems)
    return [
        Finding(
            number=i + 1,
            id=e["id"],
            title=e["title"].strip(),
            claim=" ".join(e["claim"].split()),
            confidence=e["confidence"],
            reasons=tuple(" ".join(r.split()) for r in e["reasons"]),
            would_change=" ".join(e["would_change"].split()),
            watch=" ".join(e["watch"].split()),
            facts=tuple(e["facts"]),
            check=e["check"],
        )
        for i, e in enumerate(entries)
    ]
