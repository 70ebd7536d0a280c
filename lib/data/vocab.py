"""Controlled vocabularies of the data files (allowed values of categorical columns)."""

from __future__ import annotations

__all__ = [
    "ATTRIBUTIONS",
    "CHAPTER_GROUPS",
    "COMPARABILITY",
    "ENTITY_TYPES",
    "KINDS",
    "LINK_STATUSES",
    "MEMBER_TYPES",
    "PERIOD_BASES",
    "REGION_LEVELS",
    "SENSES",
    "STATES",
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
#: What kind of statement a fact is.
KINDS = ("actual", "growth", "target", "share", "rank", "change", "capacity", "other")
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
