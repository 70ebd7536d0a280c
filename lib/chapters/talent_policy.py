"""Tables behind the talent and policy-instruments chapter.

Every function takes facts selected with :func:`lib.analysis.selection.select_facts` (groups
``talent``, ``platform``, ``ladder``, ``instrument``) and returns a DataFrame.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["compare_regions", "instrument_matrix", "platform_levels"]


def platform_levels(sel: pd.DataFrame) -> pd.DataFrame:
    """Research and innovation platforms by level.

    Parameters
    ----------
    sel : pandas.DataFrame
        Facts of the ``platform`` group.

    Returns
    -------
    pandas.DataFrame
        ``region``, ``level``, ``what`` (what is counted), ``platforms``, ``as_written``,
        ``same_kind`` (True for the three-level count of innovation platforms, which is
        one measure at three levels), ``fact_id``.
    """
    return pd.DataFrame({
        "region": sel.region, "level": sel["item"], "what": sel.label_en,
        "platforms": sel.value_base, "as_written": sel.value_text,
        "same_kind": sel.comparable.astype(bool), "fact_id": sel.fact_id,
    }).reset_index(drop=True)


def instrument_matrix(sel: pd.DataFrame, regions: list[str]) -> pd.DataFrame:
    """The instruments each region uses: one row per instrument, one column per region.

    Parameters
    ----------
    sel : pandas.DataFrame
        Facts of the ``instrument`` group.
    regions : list of str
        Region labels (``sel.region``) in column order; regions with no instrument are
        left out.

    Returns
    -------
    pandas.DataFrame
        ``Instrument`` then one column per region; a cell lists the figures
        (``label: as written``), empty where the source states none.
    """
    present = [r for r in regions if r in set(sel.region)]
    items = sel.sort_values("order").drop_duplicates("item")["item"]
    rows = []
    for item in items:
        row = {"Instrument": item}
        for region in present:
            here = sel[(sel["item"] == item) & (sel.region == region)]
            row[region] = "; ".join(
                f"{label}{' (' + e + ')' if e else ''}: {v}"
                for label, e, v in zip(here.label_en, here.entity, here.value_text))
        rows.append(row)
    return pd.DataFrame(rows, columns=["Instrument", *present])


def compare_regions(sel: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split figures stated for two or more regions into like-for-like and side-by-side.

    A figure is compared across regions only when its indicator is marked comparable in
    ``indicator_groups.csv`` and two or more regions state it. Where regions state figures
    of the same item under indicators (or definitions) that differ, they are shown side by
    side with what each measures.

    Parameters
    ----------
    sel : pandas.DataFrame
        Selected facts of one group.

    Returns
    -------
    tuple of pandas.DataFrame
        ``like``: ``indicator``, ``label_en``, ``region``, ``value_base``, ``base_unit``,
        ``value_text``, ``fact_id``. ``side``: ``Item``, ``Region``, ``Figure``,
        ``As written``, ``What it measures`` (the fact's note, else the mapping's).
    """
    current = sel[sel.state != "before"]
    n_by_indicator = current.groupby("indicator").region_code.nunique()
    like_ind = [i for i, n in n_by_indicator.items()
                if n >= 2 and bool(current[current.indicator == i].comparable.iloc[0])]
    like = current[current.indicator.isin(like_ind)][
        ["indicator", "label_en", "region", "value_base", "base_unit", "value_text", "fact_id"]]
    rest = current[~current.indicator.isin(like_ind)]
    n_by_item = rest.groupby("item").region_code.nunique()
    side = rest[rest["item"].isin(n_by_item[n_by_item >= 2].index)].sort_values(["order", "region"])
    notes = [n or g for g, n in zip(side.group_note, side.note)]
    side = pd.DataFrame({"Item": side["item"], "Region": side.region, "Figure": side.label_en,
                         "As written": side.value_text, "What it measures": notes})
    return like.reset_index(drop=True), side.reset_index(drop=True)
