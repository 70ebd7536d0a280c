"""The key findings for the reader: the summary list, each finding's evidence with its citations
and charts, the limits of the corpus, and the "What this means" close of every chapter.

The evidence comes from :mod:`lib.analysis.findings` (whose checks have asserted every claim);
this module only words it. Each finding's evidence has a renderer here, named by its check
(:data:`EVIDENCE`); every figure it shows is cited to its quote through the page's
:class:`~lib.present.citations.Citations`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import altair as alt
import pandas as pd
from IPython.display import Markdown

from lib.analysis.findings import (
    GROUP_EN,
    Evidence,
    corpus_limits,
    evaluate_all,
    evidence_profile,
    fill_claim,
)
from lib.analysis.places import place_label
from lib.data.corpus import source_number
from lib.data.factbase import FactBase
from lib.data.findings import Finding, load_findings
from lib.present.citations import Citations
from lib.present.markdown import md, md_escape, md_table
from lib.text.english import GENRE_EN, fmt_number

__all__ = [
    "CHARTS",
    "EVIDENCE",
    "READS",
    "clusters_chart",
    "confidence_md",
    "profile_md",
    "findings_and_evidence",
    "growth_chart",
    "limits_md",
    "summary_md",
    "ties_chart",
    "what_this_means",
]


_EVALUATED: dict[int, tuple[FactBase, list[Finding], dict[str, Evidence]]] = {}


def findings_and_evidence(fb: FactBase) -> tuple[list[Finding], dict[str, Evidence]]:
    """The findings of ``findings.yml`` beside the fact base, each evaluated (its claim asserted).

    Raises
    ------
    lib.data.reader.DataValidationError
        If ``findings.yml`` is invalid.
    lib.analysis.findings.FindingError
        If the data no longer support a finding (naming it and the failed condition).
    """
    kept = _EVALUATED.get(id(fb))
    if kept is None or kept[0] is not fb:
        findings = load_findings(fb.root / "findings.yml", fb.facts.fact_id)
        kept = _EVALUATED[id(fb)] = (fb, findings, evaluate_all(fb, findings))
    return kept[1], kept[2]


def _count(n: int, one: str, many: str) -> str:
    return f"{fmt_number(n)} {one if n == 1 else many}"


def profile_md(fb: FactBase, evidence: Evidence) -> str:
    """One sentence on what the evidence rests on (see
    :func:`lib.analysis.findings.evidence_profile`)."""
    p = evidence_profile(fb, evidence)
    if not p["facts"] and not p["ties"]:
        return ""
    items = [_count(p["facts"], "fact", "facts")] if p["facts"] else []
    if p["ties"]:
        items.append(_count(p["ties"], "outside tie", "outside ties"))
    genres = [
        f"{fmt_number(n)} {what}"
        for n, what in (
            (
                p["publicity"],
                "local-government publicity feature" + ("s" if p["publicity"] != 1 else ""),
            ),
            (p["official"], "official newspaper" + ("s" if p["official"] != 1 else "")),
        )
        if n
    ]

    def how_many(n: int) -> str:
        return "none" if n == 0 else fmt_number(n)

    return (
        f"The evidence rests on {' and '.join(items)} from "
        f"{_count(p['sources'], 'source', 'sources')} ({', '.join(genres)}); "
        f"{how_many(p['inferred'])} of the facts {'has' if p['inferred'] == 1 else 'have'} an "
        f"inferred period and {how_many(p['firm_claims'])} "
        f"{'is' if p['firm_claims'] == 1 else 'are'} a firm's own claim."
    )


def confidence_md(
    finding: Finding, fb: FactBase | None = None, evidence: Evidence | None = None
) -> str:
    """The confidence and its reasons, as a bold lead and a bullet list; with *fb* and
    *evidence*, a computed sentence on what the evidence rests on first."""
    reasons = "\n".join(f"- {md_escape(r)}" for r in finding.reasons)
    profile = profile_md(fb, evidence) if fb is not None and evidence is not None else ""
    lead = f"**Confidence: {finding.confidence}.** {profile} Why:".replace("  ", " ")
    return f"{lead}\n\n{reasons}"


def summary_md(findings: list[Finding], evidence: dict[str, Evidence]) -> str:
    """The two-minute read: a numbered list of the claims, each with its confidence and a
    link to its section."""
    return "\n".join(
        f"{f.number}. {md_escape(fill_claim(f, evidence[f.id]))} "
        f"*Confidence: {f.confidence}* ({{ref}}`more <{f.label}>`)"
        for f in findings
    )


def _refs(cite: Citations, ids: pd.Series) -> list[str]:
    return [cite.ref(*[i for i in str(v).split(";") if i]) for v in ids]


def _table(frame: pd.DataFrame, cite: Citations, columns: dict[str, str]) -> str:
    """A Markdown table of *frame*'s *columns* (name → heading) and a Quote column citing
    its ``fact_id``."""
    out = frame[list(columns)].rename(columns=columns).copy()
    out["Quote"] = _refs(cite, frame.fact_id)
    return md_table(out, raw_columns=("Quote",))


# --- one renderer per check ---------------------------------------------------------------


def _zhanggong(ev: Evidence, fb: FactBase, cite: Citations) -> str:
    v, t = ev.values, ev.tables["clusters"]
    t = t.assign(
        source=t.source.map(source_number),
        fact_id=[f"{a};{b}" for a, b in zip(t.fact_id, t.growth_fact_id)],
    )
    total = t.iloc[-1]
    text = (
        f"The district reports total above-scale revenue (规上营业收入) of {v['total_revenue']} "
        f"for {v['year']}, up {v['total_growth']}% {cite.ref(*total.fact_id.split(';'))}. "
        f"Its three clusters alone report {v['cluster_sum_low']} to {v['cluster_sum_high']} "
        f"(the accounts differ on the digital cluster), growing "
        f"{v['cluster_growth_low']}–{v['cluster_growth_high']}%. Were each firm counted once, "
        "in one cluster, the parts could not exceed the whole: the clusters must include firms "
        "below the above-scale threshold or outside the district, trade revenue, or the same "
        "revenue at several stages of one chain (copper foil, laminate, board), unless the "
        "total covers other firms than the clusters do (see the confidence below)."
    )
    table = _table(
        t,
        cite,
        {
            "source": "Source",
            "what": "Cluster, as written",
            "revenue": "Revenue",
            "growth": "Growth",
        },
    )
    return text + "\n\n" + table


def _xunwu(ev: Evidence, fb: FactBase, cite: Citations) -> str:
    v = ev.values
    vol = ev.tables["volume"]
    text = (
        f"In {v['base_year']} the cluster sold its compressors at about {v['per_unit']} each "
        f"(output value ÷ units sold); the {v['target_year']} targets imply about "
        f"{v['per_unit_target']} (revenue ÷ units made). Of the {v['n_core_parts']} core parts "
        f"of a screw compressor, all but the frequency inverter (变频器) are made locally "
        f"{cite.ref('000-xunwu-screw-compressor-core-parts-2025')}. The "
        f"{v['n_cost_savings']} gains the article quantifies are all cost savings:"
    )
    costs = ev.tables["costs"]
    bullets = "\n".join(
        f"- {md_escape(r.what)}: {md_escape(r.value)} {cite.ref(r.fact_id)}"
        for r in costs.itertuples()
    )
    table = _table(vol, cite, {"what": "Measure", "value": "Value", "period": "Period"})
    return table + "\n\n" + text + "\n\n" + bullets


def _gba(ev: Evidence, fb: FactBase, cite: Citations) -> str:
    v = ev.values
    by_place = ev.tables["by_place"].rename(
        columns={
            "place": "Place",
            "ties": "Outside ties",
            "gba": "of which Guangdong / Bay Area",
            "sources": "Sources",
        }
    )
    ties = ev.tables["gba_ties"]
    quotes = pd.DataFrame(
        {
            "Place": [place_label(fb, c) for c in ties.region_code],
            "Partner": ties.partner,
            "Tie": ties.tie_type.str.replace("_", " "),
            "Source": ties.source_id.map(source_number),
            "Quote": ties.quote.map(lambda q: f"「{q}」"),
        }
    )
    text = (
        f"The corpus names {v['n_ties']} ties to places outside southern Jiangxi "
        f"(`data/linkages.csv`, one row per partner, each with its quote); {v['gba_ties']} "
        f"({v['gba_share']}%) are to Guangdong and the Greater Bay Area, from "
        f"{v['n_places_gba']} places and {v['n_sources_gba']} of the {v['n_sources']} sources. "
        "The only money attached is signed: Nankang's investment fair in Shenzhen, "
        f"{v['fair_signed']} "
        f"{cite.ref('003-nankang-shenzhen-fair-signed-investment-2024-03')}."
    )
    return "\n\n".join([text, md_table(by_place), md_table(quotes)])


def _rare_earth(ev: Evidence, fb: FactBase, cite: Citations) -> str:
    v = ev.values
    chain = ev.tables["chain"]
    stages = "\n".join(
        f"- {md_escape(place_label(fb, r.region_code))}: {md_escape(r.upstream)} → "
        f"{md_escape(r.downstream)} ({md_escape(r.status)}) 「{md_escape(r.quote)}」"
        for r in chain.itertuples()
    )
    g = ev.tables["growth"].assign(growth=lambda d: d.growth.map(lambda x: f"{fmt_number(x)}%"))
    text = (
        f"Zhanggong's recycling is {v['recycling_share']} of the city's "
        f"{cite.ref('001-zhanggong-re-secondary-recycling-share-2025')}; a separation project "
        f"of {v['separation']} has started in Ganxian "
        f"{cite.ref('004-gan-china-rare-earth-separation-capacity-2025')}. In "
        f"{v['quarter']} Ganxian's industrial profit rose {v['profit_growth']}% on revenue up "
        f"{v['revenue_growth']}%: margins widened, which in a rare-earth district points to "
        f"prices. Electricity use rose {v['electricity_growth']}%, faster than value added "
        f"({v['value_added_growth']}%): more power for each yuan of value added, as when "
        "energy-intensive smelting and separation expand. Both readings are inferences from "
        "one quarter of the district's own figures."
    )
    table = _table(g, cite, {"measure": "Measure", "growth": "Growth, year on year"})
    return "The chain, as the sources draw it:\n\n" + stages + "\n\n" + text + "\n\n" + table


def _investment(ev: Evidence, fb: FactBase, cite: Citations) -> str:
    v = ev.values
    t = ev.tables["amounts"]
    status_en = {
        "signed": "Signed (签约)",
        "started": "Started (开工)",
        "planned": "Planned",
        "achieved": "Invested",
    }
    cells = []
    for place, rows in t.groupby("place", sort=False):
        row = {"Place": place}
        for status, label in status_en.items():
            sub = rows[rows.status == status]
            row[label] = "; ".join(
                f"{md_escape(r.value)}, {md_escape(r.period)} {cite.ref(r.fact_id)}"
                for r in sub.itertuples()
            )
        cells.append(row)
    table = md_table(pd.DataFrame(cells), escape=False)
    text = (
        f"Each amount is shown where it belongs, by place and status, and none is added to "
        f"another: signed, started and planned figures are budgets of projects, counted again "
        f"as projects move from one stage to the next. The largest, {v['largest_promise']} "
        f"({md_escape(v['largest_promise_place'])}), is {v['promise_multiple']} times the "
        f"largest amount reported as invested ({v['largest_spent']})."
    )
    return text + "\n\n" + table


def _policy(ev: Evidence, fb: FactBase, cite: Citations) -> str:
    v = ev.values
    funnel = ev.tables["funnel"].assign(firms=lambda d: d.firms.map(fmt_number))
    text = (
        f"Ji'an's digital-transformation campaign ({v['diag_period']}) against its above-scale "
        f"firms ({v['above_period']}): {v['started_share']}% of the firms diagnosed started "
        f"a transformation and {v['certified_share']}% were certified. Its enterprise "
        f"specialists each helped about {v['firms_per_specialist']} firms. Ganxian's "
        f"subsidies averaged about {v['subsidy_per_firm']} per firm."
    )
    intensity = _table(
        ev.tables["intensity"],
        cite,
        {"place": "Place", "what": "Measure", "value": "Value", "period": "Period"},
    )
    funnel_md = _table(funnel, cite, {"stage": "Ji'an", "firms": "Firms"})
    return "\n\n".join([text, funnel_md, intensity])


def _position(ev: Evidence, fb: FactBase, cite: Citations) -> str:
    v = ev.values
    cols = {"place": "Place", "what": "Measure", "value": "Value", "period": "Period"}
    shared = ev.tables["shared"]
    pairs = "; ".join(
        f"{place_label(fb, code)}: " + ", ".join(fb.indicator_labels[i] for i in rows.indicator)
        for code, rows in shared.groupby("region_code")
    )
    text = (
        f"Zhanggong's GDP ({v['district_year']}) is about {v['gdp_share']}% of Ganzhou's "
        f"({v['city_year']}); the years differ, so the share is an order of magnitude. The "
        f"only measures the corpus states for both a place and its prefecture: {pairs}. Growth "
        "rates side by side, with their periods: value added is measured differently in each "
        "place (above-scale industry, all industry, strategic emerging industries) and over "
        "different periods, so the rates describe each place, not a ranking."
    )
    return "\n\n".join(
        [
            "Every rank within a city that the corpus states:",
            _table(ev.tables["ranks"], cite, cols),
            text,
            _table(ev.tables["gdp"], cite, cols),
        ]
    )


def _self_reported(ev: Evidence, fb: FactBase, cite: Citations) -> str:
    s = fb.sources
    table = pd.DataFrame(
        {
            "Source": s.source_id.map(source_number),
            "Outlet": s.outlet.replace("", "not named"),
            "Who publishes it": s.genre.map(GENRE_EN),
        }
    )
    v = ev.values
    text = (
        f"Of the {v['n_facts']} facts, {v['n_firm_claims']} are a firm's own account. The "
        "rest are the local state's figures, relayed by publicity or official newspapers."
    )
    return md_table(table) + "\n\n" + text


#: The evidence renderer of each check, called as ``renderer(evidence, fb, cite)``.
EVIDENCE: dict[str, Callable[[Evidence, FactBase, Citations], str]] = {
    "zhanggong_overlap": _zhanggong,
    "xunwu_volume": _xunwu,
    "gba_ties": _gba,
    "rare_earth_downstream": _rare_earth,
    "investment_status": _investment,
    "policy_intensity": _policy,
    "relative_position": _position,
    "self_reported": _self_reported,
}


# --- charts --------------------------------------------------------------------------------


def clusters_chart(ev: Evidence) -> alt.Chart:
    """Zhanggong: each account's three cluster revenues stacked, beside the district total."""
    t = ev.tables["clusters"]
    data = pd.DataFrame(
        {
            "bar": [
                f"Clusters, source {source_number(s)}"
                if not w.startswith("规上")
                else "District total above-scale revenue"
                for s, w in zip(t.source, t.what)
            ],
            "part": [w.split(" ")[0] for w in t.what],
            "billion yuan": [
                float(r.split()[0].replace(",", "")) if "billion" in r else None for r in t.revenue
            ],
        }
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("sum(billion yuan):Q", title="billion yuan"),
            y=alt.Y("bar:N", title=None, sort=None),
            color=alt.Color("part:N", title=None, legend=alt.Legend(orient="bottom", columns=2)),
            tooltip=["bar", "part", "billion yuan"],
        )
        .properties(title="Zhanggong: three clusters against the whole district", height=120)
    )


def ties_chart(ev: Evidence) -> alt.Chart:
    """Outside ties by partner region, coloured by kind of tie."""
    t = ev.tables["by_group"].assign(tie=lambda d: d.tie_type.str.replace("_", " "))
    order = list(GROUP_EN.values())
    return (
        alt.Chart(t)
        .mark_bar()
        .encode(
            x=alt.X("sum(ties):Q", title="ties named in the corpus"),
            y=alt.Y("group:N", title=None, sort=order),
            color=alt.Color("tie:N", title="kind of tie"),
            tooltip=["group", "tie", "ties"],
        )
        .properties(title="Ties to places outside southern Jiangxi", height=140)
    )


def growth_chart(ev: Evidence) -> alt.Chart:
    """Ganxian's growth rates of one quarter, largest first."""
    g = ev.tables["growth"]
    base = alt.Chart(g).encode(
        x=alt.X("growth:Q", title="growth, year on year (%)"),
        y=alt.Y("measure:N", title=None, sort="-x"),
        tooltip=["measure", "growth"],
    )
    return (
        base.mark_bar() + base.mark_text(align="left", dx=3).encode(text="growth:Q")
    ).properties(title=f"Ganxian, {ev.values['quarter']}", height=150)


#: The chart of a finding, by check (findings without one show tables only).
CHARTS: dict[str, Callable[[Evidence], alt.Chart]] = {
    "zhanggong_overlap": clusters_chart,
    "gba_ties": ties_chart,
    "rare_earth_downstream": growth_chart,
}


def limits_md(fb: FactBase, cite: Citations) -> str:
    """What the corpus cannot tell us: each topic with how little of it the facts measure."""
    lim = corpus_limits(fb)
    lines = []
    for r in lim.itertuples():
        if r.facts == 0:
            what = "nothing in the corpus measures it."
        else:
            firm = " (a single firm's own figure)" if r.firm_level == r.facts else ""
            what = (
                f"{fmt_number(r.facts)} fact{'s' if r.facts != 1 else ''}{firm} "
                f"{cite.ref(*r.fact_ids)}, no place-wide figure."
                if r.firm_level == r.facts
                else f"{fmt_number(r.facts)} fact{'s' if r.facts != 1 else ''} "
                f"{cite.ref(*r.fact_ids)}, growth rates without levels."
            )
        lines.append(f"- **{md_escape(r.topic)}**: {what}")
    lines.append(
        "- **Official statistics**: no statistical bulletin, yearbook or government work "
        "report is in the corpus, so no figure can be checked against an independent count."
    )
    lines.append(
        "- **Failures and exits**: publicity reports what was achieved; projects that stalled, "
        "firms that left and targets that were missed do not appear."
    )
    return "\n".join(lines)


# --- "What this means" at the end of each chapter ---------------------------------------------

#: The reading of each chapter template (a region code for ``region_profile``), a sentence
#: with ``{id:placeholder}`` values from the evidence, and the findings it supports.
READS: dict[str, tuple[str, list[str]]] = {
    "overview": (
        "The corpus is {self-reported:n_sources} sources, all local accounts, and it looks "
        "where the publicity looks.",
        ["self-reported", "relative-position"],
    ),
    "360734": (
        "Xunwu's cluster is a volume business: its targets multiply the units made by "
        "{xunwu-volume:units_multiple} and revenue by {xunwu-volume:value_multiple}, and "
        "paired support from Shenzhen opens the Greater Bay Area market to it.",
        ["xunwu-volume", "gba-pairing"],
    ),
    "360702": (
        "Zhanggong's cluster revenues add up to {zhanggong-overlap:cluster_multiple} times the "
        "district's total above-scale revenue, so its cluster figures measure a wider, "
        "overlapping basis; its rare-metal cluster reaches into recycling.",
        ["zhanggong-overlap", "rare-earth-downstream"],
    ),
    "360704": (
        "Ganxian's rare-earth chain runs from separation to motors, and its {rare-earth-"
        "downstream:quarter} profit rose {rare-earth-downstream:profit_growth}% on revenue up "
        "{rare-earth-downstream:revenue_growth}%; its investment figures are signed or started "
        "amounts, not investment made.",
        ["rare-earth-downstream", "investment-promises"],
    ),
    "360703": (
        "Nankang's investment is told in promises (its largest figure is "
        "{investment-promises:largest_promise}), and its largest signing came at an investment "
        "fair in Shenzhen ({gba-pairing:fair_signed}).",
        ["investment-promises", "gba-pairing"],
    ),
    "360700": (
        "Ganzhou's figures are of earlier years than its districts' (its GDP is for "
        "{relative-position:city_year}), so Zhanggong's GDP, about "
        "{relative-position:gdp_share}% of the city's, compares mismatched years.",
        ["relative-position", "self-reported"],
    ),
    "360800": (
        "Ji'an's campaign reaches many firms lightly: diagnosis equal to "
        "{policy-breadth:coverage}% of its above-scale firms, certification for "
        "{policy-breadth:certified_share}% of those diagnosed; it is paired with Dongguan, where "
        "it keeps an innovation outpost.",
        ["policy-breadth", "gba-pairing"],
    ),
    "supply_chains": (
        "The chains are local in parts and outside in markets: Xunwu makes all but one core "
        "part, rare earths move toward magnets and motors, and {gba-pairing:gba_ties} of the "
        "{gba-pairing:n_ties} outside ties lead to Guangdong and the Greater Bay Area.",
        ["xunwu-volume", "rare-earth-downstream", "gba-pairing"],
    ),
    "tech_upgrade": (
        "Upgrading is counted in firms reached and money committed: Ji'an diagnosed firms equal "
        "to {policy-breadth:coverage}% of its above-scale firms, and the corpus reports "
        "{investment-promises:n_spent} of its {investment-promises:n_amounts} investment "
        "amounts as already invested.",
        ["policy-breadth", "investment-promises"],
    ),
    "talent_policy": (
        "Talent policy is measured in services delivered and people recruited, not in skills "
        "or wages, and part of it runs through partners outside the province, Ji'an's "
        "innovation outpost in Dongguan among them.",
        ["policy-breadth", "gba-pairing"],
    ),
    "reconciliation": (
        "Agreement between accounts is not accuracy: the two accounts of Zhanggong name its "
        "clusters differently and differ on the digital cluster, and in both the clusters add "
        "up to more than the district's total, at least {zhanggong-overlap:cluster_multiple} "
        "times it.",
        ["zhanggong-overlap", "self-reported"],
    ),
    "targets": (
        "Targets say where places want to go, not where they are: Xunwu's targets imply that "
        "the value per compressor falls by about {xunwu-volume:unit_value_fall}%, and "
        "investment targets "
        "sit beside amounts that are signed or planned, not invested.",
        ["xunwu-volume", "investment-promises"],
    ),
}


def what_this_means(page_or_template: str, fb: FactBase, region: str | None = None) -> Markdown:
    """The closing "What this means" of a chapter: what it shows, linked to the findings.

    Parameters
    ----------
    page_or_template : str
        The chapter's template name (``"overview"``, ``"supply_chains"``, …; with or without
        ``.md``) or ``"region_profile"`` with *region*.
    fb : FactBase
    region : str, optional
        For ``region_profile``: the place profiled (a place without its own reading gets its
        prefecture's, or a general one).

    Returns
    -------
    IPython.display.Markdown
        Two to four sentences, numbers computed, each finding linked with ``{ref}``.
    """
    key = page_or_template.removesuffix(".md")
    if key == "region_profile":
        key = str(region)
    findings, evidence = findings_and_evidence(fb)
    by_id = {f.id: f for f in findings}
    if key not in READS:
        text = (
            "The corpus says little about this place; read its figures with the key findings "
            "in mind, above all that every figure is the local state's own account."
        )
        ids = ["self-reported"]
    else:
        template, ids = READS[key]

        def fill(m: re.Match) -> str:
            return evidence[m[1]].values[m[2]]

        text = re.sub(r"\{([a-z0-9-]+):([a-z_]+)\}", fill, template)
    links = ", ".join(
        f"{{ref}}`{by_id[i].title} (finding {by_id[i].number}) <{by_id[i].label}>`" for i in ids
    )
    confidences = {by_id[i].confidence for i in ids}
    strength = (
        f"The finding{'s' if len(ids) > 1 else ''} behind this reading "
        f"{'are' if len(ids) > 1 else 'is'} of {' and '.join(sorted(confidences))} confidence."
    )
    return md(f"{text} See {links}. {strength}")
