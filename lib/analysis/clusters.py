"""Clusters of the corpus: which facts and chains belong to each, derived figures, comparison.

A *cluster* is a named industry of one place as the corpus describes it (寻乌空压机产业,
章贡区's circuit boards …). ``data/clusters.csv`` and ``data/cluster_members.csv`` say, for
each, its region, the entities whose facts describe it and the chains that draw it
(:func:`clusters_of`). Everything else is computed from the fact base, so a cluster with fewer
figures simply yields fewer rows, and says which figures are missing.

Derived figures (:class:`Ratio`, :func:`derive`) are ratios of two stated figures, each picked
by a :class:`Selector`; the result carries its formula, the facts used and the caveats that
follow from them (a bound, a different period, different measures).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from lib.data.factbase import FactBase
from lib.text.english import QUALIFIER_EN, fact_period, fmt_value, significant

__all__ = [
    "COMPARE_SLOTS",
    "DERIVATIONS",
    "PROFILE_SLOTS",
    "Cluster",
    "Ratio",
    "Selector",
    "check_focus",
    "cluster_facts",
    "clusters_of",
    "comparison",
    "derive",
    "derive_all",
    "derived_table",
    "local_share",
    "missing_slots",
    "pick",
    "scale_figures",
    "single_source_claims",
]


@dataclass(frozen=True)
class Cluster:
    """A cluster of the corpus.

    Attributes
    ----------
    label : str
        Chinese and English name.
    region : str
        6-digit code of the place it is in.
    entities : tuple of str
        Entities (``entities.csv``) whose facts describe the cluster.
    chains : tuple of str
        Chain ids (``chains.csv``) that draw it.
    region_indicators : tuple of str
        Indicators stated for the region without an entity that still describe the cluster
        (e.g. Xunwu's compressor investment-promotion teams).
    """

    label: str
    region: str
    entities: tuple[str, ...]
    chains: tuple[str, ...]
    region_indicators: tuple[str, ...] = ()


def clusters_of(fb: FactBase) -> dict[str, Cluster]:
    """The clusters a chapter can focus on, from ``clusters.csv`` and ``cluster_members.csv``.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    dict
        :class:`Cluster` by cluster id (the chapter's parameter value), in file order; each
        cluster's entities, chains and region indicators in file order.
    """
    members = fb.cluster_members

    def of(key: str, kind: str) -> tuple[str, ...]:
        return tuple(members.member[(members.cluster == key) & (members.member_type == kind)])

    return {
        row.cluster: Cluster(
            f"{row.name_zh} {row.name_en}",
            row.region_code,
            of(row.cluster, "entity"),
            of(row.cluster, "chain"),
            of(row.cluster, "indicator"),
        )
        for row in fb.clusters.itertuples(index=False)
    }


def check_focus(fb: FactBase, region: str, cluster: str) -> Cluster:
    """Validate the chapter's parameters.

    Parameters
    ----------
    fb : FactBase
    region : str
        6-digit region code.
    cluster : str
        A cluster id of ``clusters.csv``.

    Returns
    -------
    Cluster

    Raises
    ------
    ValueError
        For an unknown cluster (listing the known ones) or a cluster not in *region*
        (listing the clusters of each region).
    """
    clusters = clusters_of(fb)
    if cluster not in clusters:
        raise ValueError(f"unknown cluster {cluster!r}; valid: {', '.join(clusters)}")
    found = clusters[cluster]
    if found.region != region:
        by_region = {c.region: [] for c in clusters.values()}
        for key, c in clusters.items():
            by_region[c.region].append(key)
        listing = "; ".join(f"{r}: {', '.join(k)}" for r, k in by_region.items())
        raise ValueError(f"cluster {cluster!r} is not in region {region!r}; valid: {listing}")
    return found


def cluster_facts(facts: pd.DataFrame, cluster: Cluster) -> pd.DataFrame:
    """The facts describing *cluster*, one row per figure.

    A figure stated several times (an infographic repeating the text, two articles) is
    one row: the first statement in ``facts.csv`` order, with ``statements`` (how many),
    ``sources`` (distinct raw files) and ``attributions`` (who claims it, ``;``-joined).

    Parameters
    ----------
    facts : pandas.DataFrame
        ``FactBase.facts`` (or rows with the same columns).
    cluster : Cluster

    Returns
    -------
    pandas.DataFrame
        The fact columns plus ``statements``, ``sources``, ``attributions``.
    """
    in_region = facts.region_code == cluster.region
    mine = in_region & (
        facts.entity.isin(cluster.entities)
        | ((facts.entity == "") & facts.indicator.isin(cluster.region_indicators))
    )
    rows = facts[mine]
    key = ["region_code", "entity", "indicator", "kind", "period", "state", "value_text"]
    grouped = rows.groupby(key, sort=False, dropna=False)
    first = grouped.head(1).set_index(key)
    stats = grouped.agg(
        statements=("fact_id", "size"),
        sources=("source_id", "nunique"),
        attributions=("attribution", lambda s: ";".join(sorted(set(s)))),
    )
    return first.join(stats).reset_index()[list(facts.columns) + list(stats.columns)]


@dataclass(frozen=True)
class Selector:
    """Which fact to use: an indicator, optionally narrowed by kind, state and period.

    ``status`` is ``achieved`` unless said otherwise, so a plan, forecast or target never
    enters a derived figure as if it had happened.
    """

    indicator: str
    kind: str | None = None
    state: str | None = None
    period: str | None = None
    status: str | None = "achieved"

    def describe(self) -> str:
        """``indicator [kind, state, period, status]`` for messages."""
        extra = [x for x in (self.kind, self.state, self.period) if x]
        if self.status and self.status != "achieved":
            extra.append(self.status)
        return self.indicator + (f" ({', '.join(extra)})" if extra else "")


def pick(facts: pd.DataFrame, sel: Selector) -> pd.Series | None:
    """The first fact matching *sel*, or None.

    Parameters
    ----------
    facts : pandas.DataFrame
    sel : Selector

    Returns
    -------
    pandas.Series or None
    """
    mask = facts.indicator == sel.indicator
    for col in ("kind", "state", "period", "status"):
        if getattr(sel, col) is not None:
            mask &= facts[col] == getattr(sel, col)
    rows = facts[mask]
    return None if rows.empty else rows.iloc[0]


@dataclass(frozen=True)
class Ratio:
    """A derived figure: ``scale × numerator ÷ denominator``.

    Attributes
    ----------
    key, label : str
        Identifier and English description.
    numerator, denominator : Selector
    unit : str
        Base unit of the result (``yuan``, ``percent``, ``times`` …).
    scale : float
        Multiplier (100 for a percentage).
    caveats : tuple of str
        What the reader must know whatever the values (different measures, scopes).
    """

    key: str
    label: str
    numerator: Selector
    denominator: Selector
    unit: str
    scale: float = 1.0
    caveats: tuple[str, ...] = field(default=())


_LOWER = {"more_than", "over", "at_least", "range"}  # range: its low end is used
_UPPER = {"less_than"}


def _bound(num_q: str, den_q: str) -> str:
    """Direction of the ratio's uncertainty: exact, lower, upper, about or unknown."""
    num = "lower" if num_q in _LOWER else "upper" if num_q in _UPPER else num_q
    den = "lower" if den_q in _LOWER else "upper" if den_q in _UPPER else den_q
    if num in ("exact",) and den == "exact":
        return "exact"
    if "about" in (num, den) and {num, den} <= {"about", "exact"}:
        return "about"
    # a larger numerator or a smaller denominator raises the ratio
    if (num, den) in (("lower", "exact"), ("exact", "upper"), ("lower", "upper")):
        return "lower"
    if (num, den) in (("upper", "exact"), ("exact", "lower"), ("upper", "lower")):
        return "upper"
    return "unknown"


def _not_computed(key: str, label: str, missing: list[str]) -> dict:
    """A derived figure before (or without) its value: the shape :func:`derive` returns."""
    return {
        "key": key,
        "label": label,
        "value": math.nan,
        "bound": "",
        "text": "",
        "formula": "",
        "fact_ids": [],
        "quotes": [],
        "caveats": [],
        "missing": missing,
    }


def derive(facts: pd.DataFrame, ratio: Ratio, labels: dict[str, str] | None = None) -> dict:
    """Compute *ratio* from the facts, with its formula, sources and caveats.

    Parameters
    ----------
    facts : pandas.DataFrame
        Facts to pick from (usually :func:`cluster_facts`).
    ratio : Ratio
    labels : dict, optional
        Indicator → English label, for the formula.

    Returns
    -------
    dict
        ``key``, ``label``, ``value`` (NaN when not computable), ``bound`` (``exact``,
        ``lower``, ``upper``, ``about``, ``unknown``; empty when not computable), ``text``
        (the value in words), ``formula``, ``fact_ids``, ``quotes``, ``caveats`` (list)
        and ``missing`` (the selectors that found nothing).
    """
    labels = labels or {}
    num, den = pick(facts, ratio.numerator), pick(facts, ratio.denominator)
    missing = [
        s.describe() for s, row in ((ratio.numerator, num), (ratio.denominator, den)) if row is None
    ]
    out = _not_computed(ratio.key, ratio.label, missing)
    if missing or float(den.value_base) == 0:
        if not missing:
            out["missing"] = [f"{ratio.denominator.describe()} is zero"]
        return out
    value = ratio.scale * float(num.value_base) / float(den.value_base)
    bound = _bound(num.qualifier, den.qualifier)
    caveats = []
    for row in (num, den):
        what = labels.get(row.indicator, row.indicator)
        if row.qualifier == "range":
            caveats.append(f"{row.value_text} ({what}) is a range; its low end is used")
        elif row.qualifier != "exact":
            caveats.append(
                f"{row.value_text} ({what}) means "
                f"{QUALIFIER_EN[row.qualifier]} "
                f"{fmt_value(float(row.value_base), row.base_unit)}: a bound"
            )
    if num.period != den.period:
        caveats.append(
            f"the two figures are for different periods "
            f"({num.period or 'unstated'} and {den.period or 'unstated'})"
        )
    caveats.extend(ratio.caveats)
    name = lambda r: labels.get(r.indicator, r.indicator)  # noqa: E731
    scale = f"{ratio.scale:g} × " if ratio.scale != 1 else ""
    out.update(
        value=value,
        bound=bound,
        text={
            "exact": "",
            "lower": "at least ",
            "upper": "at most ",
            "about": "about ",
            "unknown": "roughly ",
        }[bound]
        + fmt_value(significant(value), ratio.unit),
        formula=(
            f"{scale}{name(num)} ÷ {name(den)} = {scale}{num.value_text} ÷ "
            f"{den.value_text} = {scale}{fmt_value(float(num.value_base), num.base_unit)}"
            f" ÷ {fmt_value(float(den.value_base), den.base_unit)}"
        ),
        fact_ids=[num.fact_id, den.fact_id],
        quotes=[num.quote, den.quote],
        caveats=caveats,
    )
    return out


#: Derived figures tried for every cluster (each says what it lacks when not computable).
DERIVATIONS: tuple[Ratio, ...] = (
    Ratio(
        "value_per_unit",
        "Average output value per compressor sold",
        Selector("cluster_output", "level"),
        Selector("units_sold", "level"),
        "yuan",
        caveats=(
            "output value (总产值) and units sold (销售台数) are different measures: "
            "output includes parts and stock not sold, and sales may come from stock",
        ),
    ),
    Ratio(
        "target_value_per_unit",
        "Value per unit implied by the 2027 targets",
        Selector("above_scale_revenue", status="target"),
        Selector("annual_output_units", status="target"),
        "yuan",
        caveats=(
            "the revenue target covers above-scale firms only, the output target all "
            "units made: not the same scope as the 2024 average",
            "revenue (营收) is not output value (产值)",
        ),
    ),
    Ratio(
        "above_scale_share",
        "Share of firms above designated size",
        Selector("above_scale_firms", "level"),
        Selector("firms", "level"),
        "percent",
        scale=100,
    ),
    Ratio(
        "output_per_firm",
        "Average output value per firm",
        Selector("cluster_output", "level"),
        Selector("firms", "level"),
        "yuan",
        caveats=("an average over firms of very different size",),
    ),
    Ratio(
        "exporter_growth",
        "Growth in the number of exporting firms",
        Selector("export_firms", state="after"),
        Selector("export_firms", state="before"),
        "times",
        caveats=("the starting year of the count is not stated",),
    ),
    Ratio(
        "exporter_share",
        "Share of firms that export",
        Selector("export_firms", state="after"),
        Selector("firms", "level"),
        "percent",
        scale=100,
    ),
    Ratio(
        "units_target_multiple",
        "2027 output target relative to units sold",
        Selector("annual_output_units", status="target"),
        Selector("units_sold", "level"),
        "times",
        caveats=("the target is units produced (年产), the base units sold (年销售)",),
    ),
    Ratio(
        "above_scale_firms_target_multiple",
        "2027 above-scale firms relative to today",
        Selector("above_scale_firms", status="target"),
        Selector("above_scale_firms", "level"),
        "times",
    ),
    Ratio(
        "revenue_target_vs_output",
        "2027 revenue target relative to current output value",
        Selector("above_scale_revenue", status="target"),
        Selector("cluster_output", "level"),
        "times",
        caveats=(
            "above-scale revenue (target) is compared with total output value (actual): "
            "different measures and scopes, so this is an order of magnitude only",
        ),
    ),
)


def derive_all(facts: pd.DataFrame, labels: dict[str, str] | None = None) -> list[dict]:
    """:func:`derive` for every ratio of :data:`DERIVATIONS`."""
    return [derive(facts, r, labels) for r in DERIVATIONS]


def local_share(
    facts: pd.DataFrame,
    links: pd.DataFrame,
    chains: tuple[str, ...],
    total: Selector = Selector("screw_compressor_core_components"),
) -> dict:
    """Share of core components made locally: (total − components bought elsewhere) ÷ total.

    The components bought elsewhere are the chain links with status ``missing`` of
    *chains*; the total is a stated count of core components.

    Parameters
    ----------
    facts : pandas.DataFrame
    links : pandas.DataFrame
        ``chain_links.csv`` rows.
    chains : tuple of str
    total : Selector
        The stated number of core components.

    Returns
    -------
    dict
        As :func:`derive` (``key`` = ``local_core_share``).
    """
    row = pick(facts, total)
    gone = links[links.chain.isin(chains) & (links.status == "missing")]
    out = _not_computed("local_core_share", "Share of core components made locally", [])
    if row is None:
        out["missing"] = [total.describe()]
        return out
    n, k = float(row.value_base), len(gone)
    value = 100 * (n - k) / n
    names = ", ".join(gone.upstream) or "none"
    out.update(
        value=value,
        bound="exact",
        text=fmt_value(value, "percent"),
        formula=f"100 × ({row.value_text} − {k} bought elsewhere [{names}]) ÷ "
        f"{row.value_text} = 100 × ({n:g} − {k}) ÷ {n:g}",
        fact_ids=[row.fact_id] + list(gone.link_id),
        quotes=[row.quote] + list(gone.quote),
        caveats=[
            "a count of components, not their value: the one missing part may "
            "be among the most expensive"
        ],
    )
    return out


def derived_table(results: list[dict]) -> pd.DataFrame:
    """Derived figures as a table for the page (computable ones first).

    Parameters
    ----------
    results : list of dict
        From :func:`derive` / :func:`local_share`.

    Returns
    -------
    pandas.DataFrame
        Figure, Value, Formula, Facts used, Caveats, Missing.
    """
    rows = [
        {
            "Figure": r["label"],
            "Value": r["text"] or "not computable",
            "Formula": r["formula"],
            "Facts used": "; ".join(r["fact_ids"]),
            "Caveats": "; ".join(r["caveats"]),
            "Missing": "; ".join(r["missing"]),
        }
        for r in results
    ]
    frame = pd.DataFrame(
        rows, columns=["Figure", "Value", "Formula", "Facts used", "Caveats", "Missing"]
    )
    order = frame.Value.eq("not computable")
    return (
        frame.assign(_o=order)
        .sort_values("_o", kind="stable")
        .drop(columns="_o")
        .reset_index(drop=True)
    )


#: The figures the worked case looks for, by section (indicator, selector).
PROFILE_SLOTS: tuple[tuple[str, str, Selector], ...] = (
    ("Scale", "Firms", Selector("firms", "level")),
    ("Scale", "Above-scale firms", Selector("above_scale_firms", "level")),
    ("Scale", "Output value", Selector("cluster_output", "level")),
    ("Scale", "Revenue", Selector("cluster_revenue", "level")),
    ("Scale", "Units sold", Selector("units_sold", "level")),
    ("Range", "Smallest rating made", Selector("compressor_power_min")),
    ("Range", "Largest rating made", Selector("compressor_power_max")),
    ("Local supply", "Core components (count)", Selector("screw_compressor_core_components")),
    ("Local supply", "Materials sourced locally", Selector("local_material_supply_share")),
    ("Local supply", "Radius of local supply", Selector("supply_radius")),
    ("Cost savings", "Overall cost saving", Selector("firm_cost_reduction")),
    ("Cost savings", "Procurement cost saving", Selector("procurement_cost_reduction")),
    ("Cost savings", "Parts price cut", Selector("parts_price_reduction")),
    ("Cost savings", "Single-part price cut", Selector("unit_purchase_price_reduction")),
    ("Exports", "Exporting firms, before", Selector("export_firms", state="before")),
    ("Exports", "Exporting firms, after", Selector("export_firms", state="after")),
    (
        "How firms came",
        "Firms attracted through other firms",
        Selector("firms_attracted_by_referral_share"),
    ),
)

#: Further figures other clusters state, used (with :data:`PROFILE_SLOTS`) to compare them.
COMPARE_SLOTS: tuple[tuple[str, str, Selector], ...] = PROFILE_SLOTS + (
    ("Scale", "Revenue growth", Selector("cluster_revenue_growth", "growth")),
    ("Scale", "Key chains named", Selector("key_industrial_chains")),
    ("Local supply", "Resource recovery rate", Selector("resource_recovery_rate")),
    ("Local supply", "Circular-chain linkage", Selector("circular_chain_linkage_rate")),
    (
        "Local supply",
        "Share of the city's secondary rare-earth recycling",
        Selector("re_secondary_recycling_share_of_city"),
    ),
    ("Supplier matching", "Alliance member firms", Selector("alliance_member_firms")),
    ("Supplier matching", "Firms helped by enterprise specialists", Selector("firms_assisted")),
    ("Design", "Design institutions", Selector("design_institutions")),
    ("Design", "Resident design firms", Selector("resident_design_firms")),
)


def missing_slots(
    facts: pd.DataFrame, slots: tuple[tuple[str, str, Selector], ...] = PROFILE_SLOTS
) -> pd.DataFrame:
    """Each slot with the fact found, or a gap.

    Parameters
    ----------
    facts : pandas.DataFrame
        Facts of one cluster (:func:`cluster_facts`).
    slots : tuple
        ``(section, label, Selector)`` triples; default :data:`PROFILE_SLOTS`.

    Returns
    -------
    pandas.DataFrame
        ``section``, ``figure``, ``value_text`` (empty when the corpus is silent; differing
        statements of the figure joined by `` / ``), ``period``, ``when`` (the period in
        words), ``fact_id``,
        ``attribution``, ``quote``, ``found`` (bool).
    """
    rows = []
    for section, label, sel in slots:
        row = pick(facts, sel)
        same = (
            facts[
                (facts.indicator == sel.indicator)
                & (facts.entity == row.entity)
                & (facts.kind == row.kind)
                & (facts.state == row.state)
                & (facts.status == row.status)
                & (facts.period == row.period)
            ]
            if row is not None
            else facts.iloc[:0]
        )
        rows.append(
            {
                "section": section,
                "figure": label,
                "value_text": " / ".join(dict.fromkeys(same.value_text)),
                "period": "" if row is None else row.period,
                "when": "" if row is None else fact_period(row),
                "fact_id": "" if row is None else row.fact_id,
                "attribution": "" if row is None else row.get("attributions", row.attribution),
                "quote": "" if row is None else row.quote,
                "found": row is not None,
            }
        )
    return pd.DataFrame(rows)


def scale_figures(fb: FactBase) -> pd.DataFrame:
    """Every cluster entity of ``entities.csv`` with its largest stated money figure.

    Parameters
    ----------
    fb : FactBase

    Returns
    -------
    pandas.DataFrame
        ``code``, ``cluster`` (Chinese and English), ``scale_yuan_100m`` (in 亿元 = 1e8
        yuan, NaN where the corpus gives none), ``measure`` (which indicator), ``fact_id``.
    """
    ents = fb.entities[(fb.entities.entity_type == "cluster") & (fb.entities.region_code != "")]
    money = fb.facts[
        fb.facts.indicator.isin(["cluster_output", "cluster_revenue"])
        & (fb.facts.kind == "level")
        & (fb.facts.status == "achieved")
    ]
    rows = []
    for e in ents.itertuples():
        own = money[money.entity == e.entity].sort_values("value_base", ascending=False)
        top = own.iloc[0] if not own.empty else None
        rows.append(
            {
                "code": e.region_code,
                "cluster": f"{e.entity} {e.name_en}",
                "scale_yuan_100m": math.nan if top is None else top.value_base / 1e8,
                "measure": "" if top is None else top.indicator,
                "fact_id": "" if top is None else top.fact_id,
            }
        )
    return pd.DataFrame(rows, columns=["code", "cluster", "scale_yuan_100m", "measure", "fact_id"])


def comparison(fb: FactBase, keys: list[str] | None = None) -> pd.DataFrame:
    """The clusters side by side: one row per cluster, one column per profile figure.

    Parameters
    ----------
    fb : FactBase
    keys : list of str, optional
        Cluster ids (``clusters.csv``); default all.

    Returns
    -------
    pandas.DataFrame
        ``cluster`` then one column per slot label, holding the figure as written, or
        ``None`` where the corpus is silent (a gap, not a zero); slots no cluster fills are
        dropped. Plus the counts of chain links by status.
    """
    clusters = clusters_of(fb)
    keys = keys or list(clusters)
    rows = []
    for key in keys:
        c = clusters[key]
        slots = missing_slots(cluster_facts(fb.facts, c), COMPARE_SLOTS)
        row = {"cluster": c.label}
        row.update(
            {
                f: (v if ok else None)
                for f, v, ok in zip(slots.figure, slots.value_text, slots.found)
            }
        )
        links = fb.chain_links[fb.chain_links.chain.isin(c.chains)]
        for status in ("present", "missing", "planned", "cross_region"):
            row[f"links {status}"] = int((links.status == status).sum())
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.dropna(axis=1, how="all")


def single_source_claims(
    facts: pd.DataFrame, self_reported: tuple[str, ...] = ("firm", "government", "association")
) -> pd.DataFrame:
    """Figures that rest on one statement by an interested party.

    Parameters
    ----------
    facts : pandas.DataFrame
        Output of :func:`cluster_facts`.
    self_reported : tuple of str
        Attributions counted as self-reported.

    Returns
    -------
    pandas.DataFrame
        The rows whose figure comes from a single source and only from *self_reported*
        attributions.
    """
    attrib = facts.attributions.str.split(";")
    mask = (facts.sources == 1) & attrib.map(lambda a: set(a) <= set(self_reported))
    return facts[mask]
