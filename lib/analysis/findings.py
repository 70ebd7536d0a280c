"""The key findings, executable: one check per finding computes its evidence from the fact base
and asserts that the claim still holds.

A check is a function ``check(fb, need) -> Evidence`` registered under its name in
:data:`CHECKS` (the ``check`` of an entry of ``data/findings.yml``). It selects facts by what
they measure (indicator, place, status, period), computes the figures the claim states, and
asserts every condition the claim depends on with ``need(condition, "what must hold")``: a ratio
above a bound, a sign, an ordering, periods that match. When a condition fails (a fact corrected,
a new source that contradicts the claim), :class:`FindingError` names the finding and the
failed condition, and the page that shows it, and so the build, stops.

:func:`evaluate` runs one finding's check and also asserts that the evidence uses only the facts
the finding names and fills every placeholder of its claim; :func:`evaluate_all` runs them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from lib.analysis.places import place_label, prefecture_of
from lib.data.factbase import FactBase
from lib.data.findings import Finding, placeholders
from lib.text.english import fact_period, fact_value, fmt_number, fmt_period, fmt_value, significant

__all__ = [
    "CHECKS",
    "Evidence",
    "FindingError",
    "Need",
    "corpus_limits",
    "evaluate",
    "evidence_profile",
    "evaluate_all",
    "fill_claim",
    "register",
]


class FindingError(AssertionError):
    """A finding the data no longer supports: names the finding and the failed condition."""


class Need:
    """Asserts the conditions of one finding's claim; used by its check.

    Parameters
    ----------
    finding_id : str
        Named in every error.
    """

    def __init__(self, finding_id: str) -> None:
        self.finding_id = finding_id
        self.held: list[str] = []

    def __call__(self, condition: object, what: str) -> None:
        """Record *what* if *condition* is true; raise :class:`FindingError` otherwise."""
        if not bool(condition):
            raise FindingError(
                f"finding {self.finding_id!r} no longer holds: condition failed: {what}"
            )
        self.held.append(what)

    def rows(self, facts: pd.DataFrame, what: str, at_least: int = 1) -> pd.DataFrame:
        """*facts* after checking there are at least *at_least* rows of *what*."""
        self(len(facts) >= at_least, f"the fact base states {what}")
        return facts

    def one(self, facts: pd.DataFrame, what: str) -> pd.Series:
        """The one value of *what*: its statements (repeats, other sources) must agree."""
        self.rows(facts, what)
        self(facts.value_base.nunique() == 1, f"every statement of {what} gives the same value")
        return facts.iloc[0]


@dataclass
class Evidence:
    """What a check computed.

    Attributes
    ----------
    values : dict
        Name → text for the claim's placeholders and the page's prose (already formatted).
    numbers : dict
        Name → the unrounded number behind a value, for tests and charts.
    facts : list of str
        Every fact id the evidence uses.
    tables : dict
        Name → tidy table of the evidence (rows with a ``fact_id`` column where they come
        from one fact).
    conditions : list of str
        The conditions asserted, all of which held.
    ties : list of str
        The rows of ``linkages.csv`` the evidence uses (``tie_id``), for evidence that counts
        ties rather than facts.
    """

    values: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    facts: list[str] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    conditions: list[str] = field(default_factory=list)
    ties: list[str] = field(default_factory=list)

    def use(self, facts: pd.DataFrame | pd.Series) -> None:
        """Record the fact ids of *facts* (rows or one row) as used."""
        ids = [facts["fact_id"]] if isinstance(facts, pd.Series) else list(facts.fact_id)
        self.facts.extend(i for i in ids if i not in self.facts)


Check = Callable[[FactBase, Need], Evidence]
#: The checks by name (``check`` in ``data/findings.yml``).
CHECKS: dict[str, Check] = {}


def register(name: str) -> Callable[[Check], Check]:
    """Register a check under *name* in :data:`CHECKS`."""

    def wrap(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn

    return wrap


def _num(x: float, digits: int = 2) -> str:
    """A derived number for prose: *digits* significant figures."""
    return fmt_number(significant(x, digits), 1 if abs(x) < 10 else 0)


def _pct(share: float) -> str:
    """A ratio as a percentage for prose (0.933 → ``"93"``, 0.046 → ``"4.6"``)."""
    return _num(share * 100)


def _achieved(fb: FactBase, region: str | None = None) -> pd.DataFrame:
    f = fb.facts[fb.facts.status == "achieved"]
    return f if region is None else f[f.region_code == region]


def _row(f: pd.Series, fb: FactBase, what: str | None = None) -> dict:
    """A tidy evidence row of one fact."""
    return {
        "place": place_label(fb, f.region_code),
        "what": what or fb.indicator_labels.get(f.indicator, f.indicator),
        "value": fact_value(f),
        "period": fact_period(f),
        "fact_id": f.fact_id,
    }


# --- 1 ---------------------------------------------------------------------------------


@register("zhanggong_overlap")
def zhanggong_overlap(fb: FactBase, need: Need) -> Evidence:
    """Zhanggong's cluster revenues against its total above-scale revenue."""
    ev = Evidence()
    zg = _achieved(fb, "360702")
    total = need.one(zg[zg.indicator == "above_scale_revenue"], "Zhanggong's above-scale revenue")
    total_g = need.one(
        zg[zg.indicator == "above_scale_revenue_growth"], "the growth of that revenue"
    )
    need(total.period == total_g.period, "the district total and its growth are for one year")
    year = total.period
    rev = need.rows(zg[zg.indicator == "cluster_revenue"], "cluster revenues", 3)
    growth = need.rows(zg[zg.indicator == "cluster_revenue_growth"], "cluster growth", 3)
    need(set(rev.period) == {year}, "every cluster revenue is for the district total's year")
    need(set(growth.period) == {year}, "every cluster growth rate is for that year")
    sums = rev.groupby("source_id").value_base.agg(["sum", "count"])
    need((sums["count"] == 3).all(), "each source gives the revenue of three clusters")
    multiples = sums["sum"] / total.value_base
    need(
        (multiples > 1).all(),
        "in every source the three clusters' revenue exceeds the district's total above-scale "
        "revenue",
    )
    need(
        growth.value_base.min() > 2 * total_g.value_base,
        "every cluster grows more than twice as fast as the district's total",
    )
    ev.use(rev), ev.use(growth), ev.use(total), ev.use(total_g)
    ev.numbers.update(
        multiple_low=float(multiples.min()),
        multiple_high=float(multiples.max()),
        total=float(total.value_base),
        sum_low=float(sums["sum"].min()),
        sum_high=float(sums["sum"].max()),
    )
    ev.values.update(
        cluster_multiple=_num(multiples.min()),
        cluster_growth_low=fmt_number(growth.value_base.min()),
        cluster_growth_high=fmt_number(growth.value_base.max()),
        total_growth=fmt_number(total_g.value_base),
        total_revenue=fmt_value(total.value_base, "yuan"),
        cluster_sum_low=fmt_value(significant(sums["sum"].min(), 3), "yuan"),
        cluster_sum_high=fmt_value(significant(sums["sum"].max(), 3), "yuan"),
        year=year,
        n_sources=str(len(sums)),
    )
    growth_of = {(g.source_id, g.entity): g for g in growth.itertuples()}
    rows = []
    for r in rev.sort_values(["source_id", "value_base"]).itertuples():
        g = growth_of.get((r.source_id, r.entity))
        written = re.search(
            r"([\u4e00-\u9fff]*产业(?:集群)?)(?:实现)?营收", re.sub(r"\s", "", r.quote)
        )
        rows.append(
            {
                "source": r.source_id,
                "what": written[1] if written else r.entity,
                "revenue": fact_value(pd.Series(r._asdict())),
                "growth": f"{fmt_number(g.value_base)}%" if g else "",
                "fact_id": r.fact_id,
                "growth_fact_id": g.fact_id if g else "",
            }
        )
    rows.append(
        {
            "source": total.source_id,
            "what": "规上营业收入 total above-scale revenue (district)",
            "revenue": fact_value(total),
            "growth": f"{fmt_number(total_g.value_base)}%",
            "fact_id": total.fact_id,
            "growth_fact_id": total_g.fact_id,
        }
    )
    ev.tables["clusters"] = pd.DataFrame(rows)
    return ev


# --- 2 ---------------------------------------------------------------------------------

#: Xunwu's cost savings from clustering (``facts.csv`` indicators).
COST_INDICATORS = (
    "firm_cost_reduction",
    "unit_purchase_price_reduction",
    "parts_price_reduction",
    "procurement_cost_reduction",
)


@register("xunwu_volume")
def xunwu_volume(fb: FactBase, need: Need) -> Evidence:
    """Xunwu's 2027 targets: units against revenue, value per unit; the inverter; cost savings."""
    ev = Evidence()
    x = fb.facts[fb.facts.region_code == "360734"]
    done = x[x.status == "achieved"]
    aim = x[x.status == "target"]
    units = need.one(done[done.indicator == "units_sold"], "compressors sold in the base year")
    value = need.one(done[done.indicator == "cluster_output"], "the cluster's output value")
    units_t = need.one(aim[aim.indicator == "annual_output_units"], "the target for units made")
    value_t = need.one(aim[aim.indicator == "above_scale_revenue"], "the revenue target")
    need(units.period == value.period, "units and value of the base are for one year")
    need(units_t.period == value_t.period, "the unit and revenue targets are for one year")
    units_multiple = units_t.value_base / units.value_base
    value_multiple = value_t.value_base / value.value_base
    per_unit, per_unit_t = (
        value.value_base / units.value_base,
        value_t.value_base / units_t.value_base,
    )
    need(units_multiple >= 1.5, "the target raises the units made by half or more")
    need(value_multiple < units_multiple, "the revenue target rises less than the units")
    need(per_unit_t < per_unit, "the implied value per compressor falls")
    core = need.one(
        done[done.indicator == "screw_compressor_core_components"], "the core parts made locally"
    )
    need(
        "除变频器外" in core.quote,
        "the frequency inverter (变频器) is the one core part not made locally",
    )
    cost = need.rows(done[done.indicator.isin(COST_INDICATORS)], "cost savings from clustering", 3)
    upgrade = done[done.theme == "upgrading"]
    need(len(upgrade) == 0, "no achieved figure of Xunwu measures product upgrading")
    for rows in (
        x[x.indicator.isin(["units_sold", "cluster_output"]) & (x.status == "achieved")],
        aim[aim.indicator.isin(["annual_output_units", "above_scale_revenue"])],
    ):
        ev.use(rows)
    ev.use(core), ev.use(cost)
    ev.numbers.update(
        units_multiple=units_multiple,
        value_multiple=value_multiple,
        per_unit=per_unit,
        per_unit_target=per_unit_t,
    )
    ev.values.update(
        units_multiple=_num(units_multiple),
        value_multiple=_num(value_multiple),
        unit_value_fall=_num((1 - per_unit_t / per_unit) * 100),
        per_unit=fmt_value(significant(per_unit, 3), "yuan"),
        per_unit_target=fmt_value(significant(per_unit_t, 3), "yuan"),
        base_year=units.period,
        target_year=units_t.period,
        n_core_parts=fmt_number(core.value_base),
        n_cost_savings=str(len(cost)),
    )
    ev.tables["volume"] = pd.DataFrame(
        [
            _row(units, fb, "Compressors sold"),
            _row(units_t, fb, "Compressors made a year"),
            _row(value, fb, "Output value (总产值)"),
            _row(value_t, fb, "Revenue of above-scale firms (营收)"),
        ]
    )
    ev.tables["per_unit"] = pd.DataFrame(
        {
            "year": [units.period, units_t.period],
            "value_per_unit": [significant(per_unit, 3), significant(per_unit_t, 3)],
            "basis": ["output value ÷ units sold", "revenue target ÷ units target"],
        }
    )
    ev.tables["costs"] = pd.DataFrame([_row(c, fb) for _, c in cost.iterrows()])
    return ev


# --- 3 ---------------------------------------------------------------------------------

#: Partner groups of ``linkages.csv`` in words.
GROUP_EN = {
    "guangdong_gba": "Guangdong and the Greater Bay Area",
    "yangtze_delta": "Yangtze River Delta",
    "other_domestic": "elsewhere in China",
    "abroad": "abroad",
}


@register("gba_ties")
def gba_ties(fb: FactBase, need: Need) -> Evidence:
    """Ties to Guangdong and the Greater Bay Area against ties to other regions."""
    ev = Evidence()
    ties = need.rows(fb.linkages, "ties to outside places (linkages.csv)")
    gba = ties[ties.partner_group == "guangdong_gba"]
    counts = ties.partner_group.value_counts()
    need(
        len(gba) > len(ties) - len(gba),
        "ties to Guangdong and the Greater Bay Area outnumber all other ties together",
    )
    n_sources, with_gba = len(fb.sources), gba.source_id.nunique()
    need(with_gba >= n_sources - 1, "every source but at most one names a Guangdong tie")
    nankang = fb.facts[
        (fb.facts.region_code == "360703") & fb.facts.fact_id.str.contains("shenzhen-fair")
    ]
    need.rows(nankang, "the Shenzhen investment fair's signings", 2)
    need((nankang.status == "signed").all(), "the Shenzhen fair's amounts are signed, not spent")
    ev.use(nankang)
    ev.ties = list(ties.tie_id)
    ev.values.update(
        n_sources_gba=str(with_gba),
        n_sources=str(n_sources),
        gba_ties=str(len(gba)),
        n_ties=str(len(ties)),
        n_places_gba=str(gba.region_code.nunique()),
        gba_share=_pct(len(gba) / len(ties)),
        fair_signed=fact_value(nankang[nankang.base_unit == "yuan"].iloc[0]),
    )
    ev.numbers.update({f"ties_{g}": float(counts.get(g, 0)) for g in GROUP_EN})
    ev.tables["by_group"] = (
        ties.assign(group=ties.partner_group.map(GROUP_EN))
        .groupby(["group", "tie_type"])
        .size()
        .rename("ties")
        .reset_index()
    )
    per_place = ties.assign(
        place=[place_label(fb, c) for c in ties.region_code],
        gba=ties.partner_group == "guangdong_gba",
    )
    ev.tables["by_place"] = (
        per_place.groupby("place")
        .agg(ties=("tie_id", "size"), gba=("gba", "sum"), sources=("source_id", "nunique"))
        .reset_index()
        .sort_values("ties", ascending=False)
    )
    ev.tables["gba_ties"] = gba[
        ["tie_id", "source_id", "region_code", "partner", "tie_type", "quote"]
    ]
    return ev


# --- 4 ---------------------------------------------------------------------------------

_Q_GROWTH = {
    "industrial_profit_growth": "Industrial profit",
    "industrial_revenue_growth": "Industrial revenue",
    "industrial_output_growth": "Industrial output value",
    "industrial_value_added_growth": "Industrial value added",
    "industrial_electricity_consumption_growth": "Industrial electricity use",
}


@register("rare_earth_downstream")
def rare_earth_downstream(fb: FactBase, need: Need) -> Evidence:
    """The rare-earth chain's stages in Ganxian and Zhanggong; Ganxian's Q1 growth pattern."""
    ev = Evidence()
    links = fb.chain_links
    gan = need.rows(links[links.chain == "gan_rare_earth"], "Ganxian's rare-earth chain")
    need(gan.upstream.str.contains("分离").any(), "Ganxian's chain starts at separation (分离)")
    need(
        (gan.downstream.str.contains("电机") & (gan.status == "present")).any(),
        "Ganxian's chain reaches motors (电机), present in the district",
    )
    zg = links[links.chain == "zhanggong_rare_metal"]
    need(
        (zg.upstream.str.contains("回收") & (zg.status == "present")).any(),
        "Zhanggong's rare-metal chain includes recycling (回收), present",
    )
    f = fb.facts
    share = need.one(
        _achieved(fb, "360702")[
            _achieved(fb, "360702").indicator == "re_secondary_recycling_share_of_city"
        ],
        "Zhanggong's share of the city's rare-earth recycling",
    )
    sep = need.one(
        f[(f.region_code == "360704") & f.entity.str.contains("冶炼分离")],
        "the separation project",
    )
    need(sep.status == "started", "the separation project is started, not yet producing")
    q = _achieved(fb, "360704")
    q = need.rows(q[q.indicator.isin(_Q_GROWTH)], "Ganxian's quarterly growth rates", 5)
    need(
        q.period.nunique() == 1 and q.period_type.eq("quarter").all(),
        "the growth rates are of one quarter",
    )
    g = dict(zip(q.indicator, q.value_base))
    need(
        g["industrial_profit_growth"] > 2 * g["industrial_revenue_growth"],
        "profit grew more than twice as fast as revenue (wider margins)",
    )
    need(
        g["industrial_electricity_consumption_growth"] > g["industrial_value_added_growth"],
        "electricity use grew faster than value added",
    )
    ev.use(share), ev.use(sep), ev.use(q)
    ev.values.update(
        recycling_share=fact_value(share),
        quarter=fmt_period(q.period.iloc[0], "quarter"),
        profit_growth=fmt_number(g["industrial_profit_growth"]),
        revenue_growth=fmt_number(g["industrial_revenue_growth"]),
        output_growth=fmt_number(g["industrial_output_growth"]),
        electricity_growth=fmt_number(g["industrial_electricity_consumption_growth"]),
        value_added_growth=fmt_number(g["industrial_value_added_growth"]),
        separation=fact_value(sep),
    )
    ev.numbers.update({k: float(v) for k, v in g.items()})
    ev.tables["growth"] = pd.DataFrame(
        [
            {"measure": _Q_GROWTH[r.indicator], "growth": r.value_base, "fact_id": r.fact_id}
            for r in q.itertuples()
        ]
    ).sort_values("growth", ascending=False)
    chain = pd.concat([gan, zg[zg.upstream.str.contains("回收")]])
    ev.tables["chain"] = chain[
        ["chain", "region_code", "upstream", "downstream", "status", "quote"]
    ]
    return ev


# --- 5 ---------------------------------------------------------------------------------

#: Indicators of investment amounts (yuan) and the statuses read as promises.
INVESTMENT_INDICATORS = (
    "signed_investment",
    "started_investment",
    "project_investment",
    "action_plan_investment",
    "tech_upgrade_investment",
    "firm_project_investment",
)
PROMISED = ("signed", "started", "planned", "forecast", "target")


@register("investment_status")
def investment_status(fb: FactBase, need: Need) -> Evidence:
    """Investment amounts by status and place, side by side, never added."""
    ev = Evidence()
    f = fb.facts
    inv = need.rows(
        f[f.indicator.isin(INVESTMENT_INDICATORS) & (f.base_unit == "yuan")],
        "investment amounts",
        3,
    )
    spent = inv[inv.status == "achieved"]
    promised = inv[inv.status.isin(PROMISED)]
    done = inv[inv.status.isin(["completed", "commissioned"])]
    need(len(done) == 0, "no source states a completed (竣工) or commissioned (投产) amount")
    need(len(spent) >= 1, "at least one amount is reported as invested")
    need(len(promised) > len(spent), "promised amounts outnumber amounts invested")
    multiple = promised.value_base.max() / spent.value_base.max()
    need(multiple > 5, "the largest promise is more than five times the largest amount invested")
    ev.use(inv)
    top = promised.loc[promised.value_base.idxmax()]
    ev.values.update(
        n_amounts=str(len(inv)),
        n_spent=str(len(spent)),
        n_promised=str(len(promised)),
        promise_multiple=_num(multiple),
        largest_promise=fact_value(top),
        largest_promise_place=place_label(fb, top.region_code),
        largest_spent=fact_value(spent.loc[spent.value_base.idxmax()]),
    )
    ev.numbers["promise_multiple"] = multiple
    table = inv.assign(
        place=[place_label(fb, c) for c in inv.region_code],
        what=inv.indicator.map(fb.indicator_labels),
        value=[fact_value(r, with_status=False) for _, r in inv.iterrows()],
        period=[fact_period(r) for _, r in inv.iterrows()],
    )
    ev.tables["amounts"] = table[
        ["place", "status", "what", "entity", "value", "value_base", "period", "fact_id"]
    ].sort_values(["place", "status", "value_base"], ascending=[True, True, False])
    return ev


# --- 6 ---------------------------------------------------------------------------------


def _fact(fb: FactBase, need: Need, region: str, indicator: str, what: str) -> pd.Series:
    f = _achieved(fb, region)
    return need.one(f[f.indicator == indicator], what)


@register("policy_intensity")
def policy_intensity(fb: FactBase, need: Need) -> Evidence:
    """Subsidy per firm, diagnosis coverage against above-scale firms, service counts."""
    ev = Evidence()
    paid = _fact(fb, need, "360704", "subsidies_paid", "Ganxian's subsidies paid")
    firms = _fact(fb, need, "360704", "subsidised_firms", "the firms subsidised")
    need(paid.period == firms.period, "subsidies and subsidised firms are for one year")
    per_firm = paid.value_base / firms.value_base
    need(per_firm < 1e6, "subsidies average less than a million yuan a firm")
    jian = "360800"
    diag = _fact(fb, need, jian, "digital_transformation_diagnosed_firms", "firms diagnosed")
    started = _fact(fb, need, jian, "digital_transformation_started_firms", "firms started")
    cert = _fact(fb, need, jian, "digital_transformation_certified_firms", "firms certified")
    smart = _fact(fb, need, jian, "digital_transformation_smart_factories", "smart factories")
    above = _fact(fb, need, jian, "above_scale_firms", "Ji'an's above-scale firms")
    coverage = diag.value_base / above.value_base
    need(0.5 <= coverage <= 1.2, "the firms diagnosed are of the order of the above-scale firms")
    need(
        diag.value_base > started.value_base > cert.value_base > smart.value_base,
        "each stage of the campaign reaches fewer firms (diagnosed, started, certified, smart)",
    )
    certified_share = cert.value_base / diag.value_base
    need(certified_share < 0.1, "fewer than one in ten firms diagnosed were certified")
    spec = _fact(fb, need, jian, "enterprise_specialists_dispatched", "specialists dispatched")
    helped = _fact(fb, need, jian, "firms_assisted", "firms the specialists helped")
    services = [
        _fact(fb, need, jian, i, i.replace("_", " "))
        for i in ("talent_services_delivered", "talent_funds_paid", "talent_apartments_allocated")
    ]
    ev.use(paid), ev.use(firms)
    for r in (diag, started, cert, smart, above, spec, helped, *services):
        ev.use(r)
    ev.values.update(
        coverage=_pct(coverage),
        certified_share=_pct(certified_share),
        started_share=_pct(started.value_base / diag.value_base),
        subsidy_per_firm=fmt_value(significant(per_firm, 2), "yuan"),
        firms_per_specialist=_num(helped.value_base / spec.value_base),
        diag_period=fact_period(diag),
        above_period=fact_period(above),
    )
    ev.numbers.update(coverage=coverage, certified_share=certified_share, per_firm=per_firm)
    ev.tables["funnel"] = pd.DataFrame(
        {
            "stage": ["Above-scale firms", "Diagnosed", "Started", "Certified", "Smart factories"],
            "firms": [r.value_base for r in (above, diag, started, cert, smart)],
            "fact_id": [r.fact_id for r in (above, diag, started, cert, smart)],
        }
    )
    ev.tables["intensity"] = pd.DataFrame(
        [_row(r, fb) for r in (paid, firms, spec, helped, *services)]
    )
    return ev


# --- 7 ---------------------------------------------------------------------------------

#: Places whose growth rates are set side by side, prefecture first, and the measures.
GROWTH_PLACES = ("360700", "360702", "360704", "360703", "360734", "360800")
GROWTH_MEASURES = (
    "gdp_growth",
    "above_scale_industrial_value_added_growth",
    "industrial_value_added_growth",
    "strategic_emerging_value_added_growth",
)


@register("relative_position")
def relative_position(fb: FactBase, need: Need) -> Evidence:
    """Ranks within the city; Zhanggong's share of Ganzhou's GDP; growth rates side by side."""
    ev = Evidence()
    f = fb.facts
    ranks = f[(f.kind == "rank") & f.quote.str.contains("全市") & (f.status == "achieved")]
    distinct = need.rows(
        ranks.drop_duplicates(["region_code", "indicator", "period"]), "ranks within a city", 3
    )
    need((ranks.value_base == 1).all(), "every rank within a city is first place")
    zg = _fact(fb, need, "360702", "gdp", "Zhanggong's GDP")
    gz = _fact(fb, need, "360700", "gdp", "Ganzhou's GDP")
    share = zg.value_base / gz.value_base
    need(0.05 < share < 0.5, "Zhanggong's GDP is a minor share of Ganzhou's")
    need(zg.period != gz.period, "the two GDP figures are for different years (as the claim says)")
    ev.use(ranks), ev.use(zg), ev.use(gz)
    growth = f[
        (f.kind == "growth")
        & (f.status == "achieved")
        & f.region_code.isin(GROWTH_PLACES)
        & f.indicator.isin(GROWTH_MEASURES)
    ].sort_values(["indicator", "region_code"])
    ev.use(growth)
    done = f[f.status == "achieved"]
    shared = []
    for code in sorted(set(done.region_code)):
        pref = prefecture_of(fb, code)
        if pref != code:
            both = set(done[done.region_code == code].indicator) & set(
                done[done.region_code == pref].indicator
            )
            shared += [(code, i) for i in sorted(both)]
    need(shared, "some measure is stated for both a place and its prefecture")
    ev.tables["shared"] = pd.DataFrame(shared, columns=["region_code", "indicator"])
    ev.values.update(
        n_city_ranks=str(len(distinct)),
        gdp_share=_num(share * 100),
        district_year=zg.period,
        city_year=gz.period,
    )
    ev.numbers["gdp_share"] = share
    ev.tables["ranks"] = pd.DataFrame([_row(r, fb) for _, r in distinct.iterrows()])
    ev.tables["gdp"] = pd.DataFrame(
        [_row(r, fb) for r in (zg, gz)] + [_row(r, fb) for _, r in growth.iterrows()]
    )
    return ev


# --- 8 ---------------------------------------------------------------------------------

#: Genres of sources that are independent of the places they report on.
INDEPENDENT_GENRES = ("independent_report", "statistical_bulletin", "government_work_report")


@register("self_reported")
def self_reported(fb: FactBase, need: Need) -> Evidence:
    """Who publishes each source."""
    ev = Evidence()
    genre = fb.sources.genre
    need(
        genre.isin(["government_publicity", "official_media_report"]).all(),
        "every source is local-government publicity or an official newspaper's report",
    )
    need(not genre.isin(INDEPENDENT_GENRES).any(), "no source is a bulletin or independent report")
    ev.values.update(
        n_sources=str(len(genre)),
        n_publicity=str(int((genre == "government_publicity").sum())),
        n_official=str(int((genre == "official_media_report").sum())),
        n_firm_claims=str(int((fb.facts.attribution == "firm").sum())),
        n_facts=str(len(fb.facts)),
    )
    return ev


# --- running them --------------------------------------------------------------------------


def evaluate(fb: FactBase, finding: Finding) -> Evidence:
    """Run *finding*'s check: its evidence, every condition of its claim asserted.

    Parameters
    ----------
    fb : FactBase
    finding : Finding

    Returns
    -------
    Evidence

    Raises
    ------
    FindingError
        Naming the finding and the failed condition: a condition of the claim does not hold,
        the check is unknown, the evidence uses a fact the finding does not name, or a
        placeholder of the claim is not computed.
    """
    if finding.check not in CHECKS:
        raise FindingError(
            f"finding {finding.id!r}: unknown check {finding.check!r} (known: {sorted(CHECKS)})"
        )
    need = Need(finding.id)
    try:
        ev = CHECKS[finding.check](fb, need)
    except (KeyError, IndexError) as exc:
        raise FindingError(
            f"finding {finding.id!r} no longer holds: the evidence is missing ({exc!r})"
        ) from exc
    ev.conditions = list(need.held)
    unlisted = [f for f in ev.facts if f not in finding.facts]
    if unlisted:
        raise FindingError(
            f"finding {finding.id!r}: its evidence uses facts the finding does not name in "
            f"data/findings.yml: {unlisted}"
        )
    missing = [p for p in placeholders(finding.claim) if p not in ev.values]
    if missing:
        raise FindingError(f"finding {finding.id!r}: claim placeholders not computed: {missing}")
    return ev


def evaluate_all(fb: FactBase, findings: list[Finding]) -> dict[str, Evidence]:
    """:func:`evaluate` every finding, in order (the first that fails stops)."""
    return {f.id: evaluate(fb, f) for f in findings}


def evidence_profile(fb: FactBase, evidence: Evidence) -> dict[str, int]:
    """What the evidence rests on, for its confidence: facts, sources, who publishes them,
    periods inferred, firms' own claims.

    Returns
    -------
    dict
        ``facts``, ``ties`` (rows of ``linkages.csv``), ``sources`` (of either),
        ``publicity`` and ``official`` (sources of each genre),
        ``inferred`` (facts whose period is inferred), ``firm_claims`` (facts that are a
        firm's own account).
    """
    used = fb.facts[fb.facts.fact_id.isin(evidence.facts)]
    ties = fb.linkages[fb.linkages.tie_id.isin(evidence.ties)] if len(fb.linkages) else None
    ids = set(used.source_id) | (set(ties.source_id) if ties is not None else set())
    sources = fb.sources[fb.sources.source_id.isin(ids)]
    return {
        "facts": len(used),
        "ties": 0 if ties is None else len(ties),
        "sources": len(sources),
        "publicity": int((sources.genre == "government_publicity").sum()),
        "official": int((sources.genre == "official_media_report").sum()),
        "inferred": int((used.period_basis == "inferred").sum()),
        "firm_claims": int((used.attribution == "firm").sum()),
    }


def fill_claim(finding: Finding, evidence: Evidence) -> str:
    """The claim with its placeholders filled from the evidence."""
    return re.sub(r"\{([a-z][a-z0-9_]*)\}", lambda m: evidence.values[m[1]], finding.claim)


#: What the corpus cannot tell, each topic with a pattern of the indicators that would measure it.
_LIMITS = {
    "Employment": r"employ|worker|job",
    "Margins and profit levels": r"profit|margin",
    "Export values": r"export",
    "R&D intensity": r"^rd_|rd_spending",
    "Ownership (state, private, foreign)": r"owner|soe|foreign",
    "Wages and productivity": r"wage|productivity",
}


def corpus_limits(fb: FactBase) -> pd.DataFrame:
    """What the corpus says about measures an analyst would want and it barely has.

    Returns
    -------
    pandas.DataFrame
        ``topic``, ``facts`` (how many facts measure it), ``fact_ids`` and ``levels`` (how
        many of those are levels rather than growth rates or counts of firms).
    """
    rows = []
    for topic, pattern in _LIMITS.items():
        hit = fb.facts[fb.facts.indicator.str.contains(pattern, regex=True)]
        rows.append(
            {
                "topic": topic,
                "facts": len(hit),
                "fact_ids": list(hit.fact_id),
                "firm_level": int(hit.entity.ne("").sum()),
            }
        )
    return pd.DataFrame(rows)
