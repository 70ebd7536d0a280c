"""Controlled vocabularies of the data files (allowed values of categorical columns)."""

from __future__ import annotations

__all__ = [
    "ATTRIBUTIONS",
    "CHAPTER_GROUPS",
    "COMPARABILITY",
    "ENTITY_TYPES",
    "GENRES",
    "KINDS",
    "LINKAGE_GROUPS",
    "LINKAGE_TYPES",
    "LINK_STATUSES",
    "MEMBER_TYPES",
    "NOT_ACHIEVED",
    "OUTCOME_TIMINGS",
    "OUTCOME_VERDICTS",
    "PERIOD_BASES",
    "PERIOD_TYPES",
    "REGION_LEVELS",
    "RELEVANCES",
    "SENSES",
    "STATES",
    "STATUSES",
    "THEMES",
]

#: Themes a fact belongs to.
THEMES = (
    "cluster",
    "investment",
    "supply_chain",
    "upgrading",
    "digital",
    "innovation",
    "talent",
    "enterprises",
    "green",
    "finance",
    "policy",
    "macro",
    "firm",
    "design",
    "governance",
    "rural",
)
#: The form of a statement. A level (an amount, count or value), a growth rate, a share of a
#: whole, a rank, a one-off change (下降30%, 2.6倍), a capacity, or other. Whether it happened or
#: is hoped for is its status (:data:`STATUSES`), not its kind.
KINDS = ("level", "growth", "share", "rank", "change", "capacity", "other")
#: How real a figure is. ``achieved`` means it happened or exists. The investment stages ``signed``
#: (签约), ``started`` (开工), ``completed`` (竣工) and ``commissioned`` (投产/达产) are different
#: things and are never added together. ``planned``: an intention with a plan (计划, 拟);
#: ``forecast``: an expectation (预计, 将, 可, 有望); ``target``: a goal (力争, 目标, 确保, 打造).
STATUSES = (
    "achieved",
    "signed",
    "started",
    "completed",
    "commissioned",
    "planned",
    "forecast",
    "target",
)
#: Statuses of figures that did not happen, or not yet. They are shown with their status.
NOT_ACHIEVED = ("planned", "forecast", "target")
#: What the period of a figure covers. ``year``, ``half_year``, ``quarter``, ``month``: a flow
#: over that calendar period; ``year_to_date``: from 1 January to the period (今年以来, 1—5月,
#: 前三季度); ``cumulative``: a running total since an earlier start, as of the period (截至…共,
#: 累计); ``stock``: a level at a point in time (firms now, capacity, a rank held); ``event``: one
#: event (a signing ceremony, a fair); ``span``: a flow over several years (十四五以来, 近三年).
PERIOD_TYPES = (
    "year",
    "half_year",
    "quarter",
    "month",
    "year_to_date",
    "cumulative",
    "stock",
    "event",
    "span",
)
#: Whether a figure is about industry. ``industrial``: industry, industrial investment, clusters,
#: firms, innovation, talent or finance for industry, industrial policy; ``context``: figures a
#: reader of industry needs (GDP, total investment, fiscal figures); ``off_topic``: not about the
#: economy of industry (a village's income, a meeting's length), kept out of every analysis.
RELEVANCES = ("industrial", "context", "off_topic")
#: Who publishes a source, which decides how its own statements are read.
#: ``government_publicity``: a page or feature a local government places or sponsors (its
#: slogans, its achievements; photo credits of its media centre); ``official_media_report``: a
#: report by journalists of a party or state newspaper (often with a government correspondent);
#: ``independent_report``: journalism by an outlet not run by the state or party;
#: ``government_work_report``: a government's own annual report (政府工作报告);
#: ``statistical_bulletin``: a statistics bureau's bulletin (统计公报).
GENRES = (
    "government_publicity",
    "official_media_report",
    "independent_report",
    "government_work_report",
    "statistical_bulletin",
)
#: How the period of a fact is known.
PERIOD_BASES = ("stated", "inferred", "unknown")
#: Before/after ends of a pair of facts.
STATES = ("", "before", "after")
#: Who makes a claim.
ATTRIBUTIONS = ("article", "government", "firm", "association")
#: Kinds of named entity.
ENTITY_TYPES = ("firm", "institution", "park", "cluster", "programme")
#: Levels of a region.
REGION_LEVELS = ("province", "prefecture", "county", "park")
#: Status of a supply-chain link.
LINK_STATUSES = ("present", "missing", "planned", "cross_region")
#: Whether a target and its base measure the same thing.
COMPARABILITY = ("same", "different_measure", "different_scope", "no_base")
#: What a later source shows of an earlier target or expectation, in ``outcomes.csv``.
OUTCOME_VERDICTS = ("met", "missed", "pending")
#: Whether a target was met by its date (``not_stated`` when the later source gives no date).
OUTCOME_TIMINGS = ("on_time", "late", "not_stated", "")
#: The indicator groups of each theme chapter (``chapter`` → ``group`` in ``indicator_groups.csv``).
CHAPTER_GROUPS = {
    "upgrading": (
        "tech_upgrade",
        "digital_funnel",
        "digital_firms",
        "firm_gain",
        "firm_investment",
    ),
    "talent_policy": ("talent", "platform", "ladder", "instrument"),
}
#: The ways a firm-level gain is stated (a cut, a rise, a before/after pair of levels, a multiple).
SENSES = ("cut", "rise", "level", "multiple")
#: What a member of a cluster is (``cluster_members.csv``), and the file it is listed in.
MEMBER_TYPES = {"entity": "entities.csv", "chain": "chains.csv", "indicator": "indicators.csv"}

#: Partner regions of an outside tie (``linkages.csv``), in order Guangdong and the Greater Bay
#: Area (Shenzhen, Dongguan, the Pearl River Delta), the Yangtze River Delta, elsewhere in
#: China, abroad.
LINKAGE_GROUPS = ("guangdong_gba", "yangtze_delta", "other_domestic", "abroad")
#: What an outside tie is (``linkages.csv``).
LINKAGE_TYPES = (
    "pairing",
    "supply_chain",
    "market",
    "trade_fair",
    "cooperation",
    "innovation_outpost",
    "university",
    "recruiting",
    "benchmark",
    "investment_fair",
    "investment_trip",
    "investment_squads",
    "institution",
)
