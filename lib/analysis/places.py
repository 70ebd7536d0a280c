"""Places: the one home of place names and of region-code checks.

A *place* is an administrative unit of ``regions.csv`` (province, prefecture, county or
district); parks share the code of the place they belong to and are named through their
entity instead. Every page names a place as its Chinese name followed by its English one
(``寻乌县 Xunwu County``): :func:`place_label` builds that label, everywhere.

A region parameter is checked by :func:`check_region` (one code) or :func:`check_regions`
(a list, where an empty list always means *every place the corpus has facts about*).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from lib.data.factbase import FactBase

__all__ = [
    "check_region",
    "check_regions",
    "known_places",
    "place_label",
    "place_labels",
    "prefecture_of",
]


def _places(fb: FactBase) -> pd.DataFrame:
    """Administrative places (parks left out), one row per code, indexed by code."""
    places = fb.regions[fb.regions.level != "park"].drop_duplicates("code")
    return places.set_index("code", drop=False)


def place_labels(fb: FactBase) -> dict[str, str]:
    """Region code → ``"寻乌县 Xunwu County"`` for every administrative place.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    dict
    """
    return {r.code: f"{r.name_zh} {r.name_en}" for r in _places(fb).itertuples(index=False)}


def known_places(fb: FactBase) -> pd.DataFrame:
    """Administrative places with their number of facts.

    Returns
    -------
    pandas.DataFrame
        ``code``, ``name_zh``, ``name_en``, ``level``, ``label``, ``facts``, in the order
        of ``regions.csv``.
    """
    places = _places(fb).reset_index(drop=True)[["code", "name_zh", "name_en", "level"]]
    counts = fb.facts.groupby("region_code").size()
    return places.assign(
        label=places.name_zh + " " + places.name_en,
        facts=places.code.map(counts).fillna(0).astype(int),
    )


def _unknown(fb: FactBase, code: object, what: str) -> ValueError:
    known = "; ".join(
        f"{r.code} {r.label} ({r.facts} facts)" for r in known_places(fb).itertuples(index=False)
    )
    return ValueError(f"unknown {what} code {code!r}; known codes: {known}")


def place_label(fb: FactBase, code: str) -> str:
    """``"寻乌县 Xunwu County"`` for a 6-digit code.

    Raises
    ------
    ValueError
        For a code that is not a place of ``regions.csv``; the message lists the known
        codes with their names and number of facts.
    """
    labels = place_labels(fb)
    if str(code) not in labels:
        raise _unknown(fb, code, "region")
    return labels[str(code)]


def check_region(fb: FactBase, code: str, what: str = "region") -> str:
    """Validate one region parameter; return its label.

    Parameters
    ----------
    fb : FactBase
    code : str
        A 6-digit code of ``regions.csv``.
    what : str
        What the code is, for the message (``region``, ``peer`` …).

    Returns
    -------
    str
        ``"寻乌县 Xunwu County"``.

    Raises
    ------
    ValueError
        For anything that is not a known place code (the message lists them).
    """
    if not isinstance(code, str) or code not in place_labels(fb):
        raise _unknown(fb, code, what)
    return place_labels(fb)[code]


def check_regions(fb: FactBase, regions: Sequence[str], what: str = "region") -> list[str]:
    """Validate a list of region codes.

    An empty list means every place the corpus has facts about, in code order: the one
    meaning of "no regions chosen" for every chapter.

    Parameters
    ----------
    fb : FactBase
    regions : sequence of str
        6-digit codes of ``regions.csv``, in the order the page should show them.
    what : str
        What the codes are, for the message.

    Returns
    -------
    list of str
        The codes in the order given, or every place with facts.

    Raises
    ------
    ValueError
        For a string (not a list) or an unknown code (the message lists the known ones).
    """
    if isinstance(regions, str):
        raise ValueError(f"{what}s must be a list of codes, not the string {regions!r}")
    for code in regions:
        check_region(fb, code, what)
    if regions:
        return list(regions)
    return sorted(set(fb.facts.region_code) & set(place_labels(fb)))


def prefecture_of(fb: FactBase, code: str) -> str:
    """The code of the prefecture a place belongs to (a prefecture or province: itself).

    Parameters
    ----------
    fb : FactBase
    code : str

    Returns
    -------
    str
    """
    places = _places(fb)
    row = places.loc[code]
    if row.level == "county" and row.parent in places.index:
        return str(row.parent)
    return str(code)
