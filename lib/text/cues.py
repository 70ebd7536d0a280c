"""Cue words of Chinese reporting, and guesses a reviewer starts from.

One home for the words that say what a figure is: whether it has happened (``NOT_YET_CUES``,
:data:`STATUS_CUES`), what period it covers (:data:`PERIOD_CUES`, :data:`AS_OF_CUES`), what
form it takes (:data:`KIND_CUES`). The fact base's checks (:mod:`lib.data.checks`) read a
quote for them; the intake of a new source (:mod:`lib.data.intake`) uses them to pre-fill
the review sheet with :func:`guess_status`, :func:`guess_kind`, :func:`guess_period` and
:func:`guess_place`. A guess is a starting point for the reviewer, never a fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from lib.text.normalise import flat_text
from lib.text.numerals import chinese_to_int

__all__ = [
    "ANNUAL_CUES",
    "AS_OF_CUES",
    "CUMULATIVE_CUES",
    "EFFECT_CUES",
    "EVENT_CUES",
    "FLEXIBLE_CUE",
    "FLOW_CUES",
    "FORMERLY_CUES",
    "LISTING_CUES",
    "ONCE_CUES",
    "RECENT_CUES",
    "SAVING_CUES",
    "SPECIFICATION_UNITS",
    "STOCK_CUES",
    "KIND_CUES",
    "NOT_YET_CUES",
    "PERIOD_CUES",
    "PLACE_REFERENCES",
    "STATUS_CUES",
    "find_cues",
    "guess_kind",
    "guess_period",
    "guess_place",
    "guess_status",
]

#: Words in a quote that say a figure has not happened yet (a plan, a forecast or a target).
NOT_YET_CUES = ("预计", "计划", "力争", "目标", "有望", "可望", "确保", "拟", "将")
#: Words in a quote that fix the type of its period, and the types they allow. Longer cues are
#: tried first, so 前三季度 (the first three quarters: year to date) is not read as 三季度.
PERIOD_CUES: dict[str, tuple[str, ...]] = {
    "前三季度": ("year_to_date",),
    "今年以来": ("year_to_date",),
    "一季度": ("quarter",),
    "二季度": ("quarter",),
    "三季度": ("quarter",),
    "四季度": ("quarter",),
    "上半年": ("half_year",),
    "下半年": ("half_year",),
    "截至": ("cumulative", "stock"),
}
#: Words that make a period a point in time (截至今年一季度 is as of the end of Q1). A quarter or
#: half-year cue beside one names the point a total or stock runs to, not a flow over it.
AS_OF_CUES = ("截至", "累计")
#: The cue of flexible recruitment, where the person does not move (柔性引进 is not 引进).
FLEXIBLE_CUE = "柔性"

#: Status → the words that give it, for :func:`guess_status`. The investment stages (签约,
#: 开工, 竣工, 投产) come before the plan, forecast and target cues they often stand with.
#: 打造 ("build up") is no target cue here: the corpus uses it of what exists as often.
STATUS_CUES: dict[str, tuple[str, ...]] = {
    "signed": ("签约", "签订", "签下"),
    "started": ("开工", "动工"),
    "completed": ("竣工",),
    "commissioned": ("投产",),
    "target": ("力争", "目标", "确保", "到20"),
    "planned": ("计划", "拟"),
    "forecast": ("预计", "有望", "可望", "将"),
}
#: Kind → the words before a number that give it, for :func:`guess_kind`.
KIND_CUES: dict[str, tuple[str, ...]] = {
    "growth": ("增长", "同比", "增速", "年均增", "增幅", "增加"),
    "share": ("占比", "占", "比重", "覆盖率", "率"),
    "rank": ("位列", "排名", "居", "位居", "排在"),
    "capacity": ("年产", "产能", "年产能", "每秒"),
    "change": (
        "下降",
        "减少",
        "提升",
        "提高",
        "缩短",
        "降低",
        "增至",
        "扩大",
        "翻",
        "降",
        "减",
        "压缩",
    ),
}

#: Base units of a specification or a duration (a rated power, a precision, a radius, how
#: long something took): :func:`guess_kind` calls such a figure ``other``, not a level.
SPECIFICATION_UNITS = ("kilowatt", "mm", "km", "year", "month", "day", "hour", "minute", "second")

_YEAR = re.compile(r"(?<![\d较比])((?:19|20)\d{2})(?:年|—|-|～)")  # not a base year (较2018年)
# a date in the text: 3月1日 (a day), 截至3月底 (the end of a month)
_DAY = re.compile(r"(?<![\d—-])(?P<month>1[0-2]|0?[1-9])月(?:(?P<day>[1-3]?\d)日|(?P<end>底|末))")
_QUARTER = {"一季度": 1, "二季度": 2, "三季度": 3, "四季度": 4, "第一季度": 1, "第二季度": 2}
_HALF = {"上半年": "H1", "下半年": "H2"}
# after 将, words that make it the preposition "to take" (将其纳入), not "will"
_NOT_WILL = ("纳入", "其", "企业", "产品", "项目")
_CLAUSE = re.compile(r"[，,；;：:、]")
# the words that open a clause going on with the items of the one before (其中 "of which")
_GOES_ON = ("其中", "总", "超", "共", "涵盖", "包括", "含")


def find_cues(text: str, cues: Iterable[str]) -> list[str]:
    """The cues found in *text* (layout-normalised), longest first, none inside a longer one.

    Parameters
    ----------
    text : str
    cues : iterable of str

    Returns
    -------
    list of str

    Examples
    --------
    >>> find_cues("前三季度增长", ["三季度", "前三季度"])
    ['前三季度']
    """
    found, taken = [], flat_text(text)
    for cue in sorted(cues, key=len, reverse=True):
        if cue in taken:
            found.append(cue)
            taken = taken.replace(cue, "\0")
    return found


def _clause(sentence: str, pos: int) -> tuple[int, int]:
    """The clause (between commas) of *sentence* holding offset *pos*."""
    start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, pos)), default=0)
    m = _CLAUSE.search(sentence, pos)
    return start, (m.start() if m else len(sentence))


def guess_status(sentence: str, pos: int, context: str = "") -> str:
    """Guess the status of the figure at offset *pos* of *sentence* from cue words.

    The nearest cue before the figure in the sentence decides (``力争2027年…达32家`` is a
    target); an investment stage in the figure's clause, or in a clause its clause goes on
    from (``签约项目23个，总投资158.2亿元``, ``其中…``), wins over the rest, unless 后
    makes it a condition (``投产后``: what is expected once running). 目标 in the
    figure's clause makes a target. ``将`` before ``纳入``/``其`` is not a forecast but a
    preposition. A sentence without a cue that opens a line under a lead setting a target
    (an infographic's ``发展目标：力争2027年``) is a target.

    Parameters
    ----------
    sentence : str
    pos : int
        Offset of the figure in *sentence*.
    context : str, optional
        The text before the sentence in its paragraph (or its infographic's lines).

    Returns
    -------
    str
        ``achieved`` when no cue is found.

    Examples
    --------
    >>> guess_status("力争2027年规模以上企业数量达32家", 16)
    'target'
    >>> guess_status("全年签约项目18个", 6)
    'signed'
    """
    start, end = _clause(sentence, pos)
    clause = sentence[start:end]
    before = sentence[:pos]
    # a stage governs its clause and the clauses that go on with its items (签约项目23个，
    # 总投资158.2亿元，其中…), not later clauses with verbs of their own; a stage with 后
    # is a condition (投产后)
    near_at = start
    while near_at and sentence[near_at:].startswith(_GOES_ON):
        near_at = max((m.end() for m in _CLAUSE.finditer(sentence, 0, near_at - 1)), default=0)
    near = sentence[near_at:end]
    for status in ("signed", "started", "completed", "commissioned"):
        for cue in STATUS_CUES[status]:
            hits = [m.start() for m in re.finditer(cue, near)]
            if any(not near.startswith("后", at + len(cue)) for at in hits):
                return status
    if "目标" in clause:  # 千亿园区”目标: the goal is named after the figure
        return "target"
    best, best_at = "achieved", -1
    for status in ("target", "planned", "forecast"):
        for cue in STATUS_CUES[status]:
            at = before.rfind(cue)
            if cue == "将" and at >= 0 and before.startswith(_NOT_WILL, at + 1):
                continue
            if at > best_at:
                best, best_at = status, at
    if best == "achieved" and context.endswith("\n"):
        lead = re.split(r"[。！？]", context.strip())[-1]
        if any(c in lead for c in ("力争", "目标")) and _YEAR.search(lead):
            return "target"
    return best


def guess_kind(sentence: str, pos: int, base_unit: str) -> str:
    """Guess the kind of the figure at *pos* (``level``, ``growth``, ``share`` …).

    Parameters
    ----------
    sentence : str
    pos : int
        Offset of the figure in *sentence*.
    base_unit : str
        The parser's base unit of the figure.

    Returns
    -------
    str
        A kind of ``facts.csv``: ``rank`` for a rank, ``change`` for a multiple (倍),
        ``growth``/``share``/``change`` for a percentage after their cue words (``share``
        for the level a percentage rises to: 提升至99.8%), ``capacity`` after 年产/产能/每秒,
        ``other`` for a specification or a duration (:data:`SPECIFICATION_UNITS`), else
        ``level``.

    Examples
    --------
    >>> guess_kind("同比增长16.4%", 6, "percent")
    'growth'
    """
    if base_unit == "rank":
        return "rank"
    start, _ = _clause(sentence, pos)
    before = sentence[start:pos]
    if base_unit in ("percent", "percentage_point"):
        if before.endswith(("至", "到", "达到", "达")) and base_unit == "percent":
            return "share"  # 良率提升至99.8%: the level reached
        near = sentence[max(start, pos - 8) : pos]
        for kind in ("growth", "change", "share"):
            if any(c in near for c in KIND_CUES[kind]):
                return kind
        for kind in ("growth", "change", "share"):
            if any(c in before for c in KIND_CUES[kind]):
                return kind
        return "share" if base_unit == "percent" else "change"
    if base_unit == "times":
        return "change"
    if any(c in sentence[:pos] for c in KIND_CUES["capacity"]):
        return "capacity"
    if base_unit in SPECIFICATION_UNITS and "连续" not in before:
        return "other"
    return "level"


def _year_of(date: str) -> int:
    return int(date[:4])


#: Words that make a figure a flow over its period (revenue, output, growth), not a level.
FLOW_CUES = (
    "营收",
    "营业收入",
    "产值",
    "销售",
    "增长",
    "增速",
    "收入",
    "利润",
    "增加值",
    "生产总值",
    "占比",
    "比重",
    "出口",
    "实现",
    "实施",
    "举办",
    "签约",
    "投资",
)
#: Words that make a figure a flow over a year even where no year is written (年销售 "sales a
#: year"); 年产 (capacity) is not one of them.
ANNUAL_CUES = ("年销售", "年营收", "年接待", "年产值", "年收入", "年减碳", "每年")
#: Words that make a figure a running total (已培育, 累计创建, 先后引进, 建成, 汇聚).
CUMULATIVE_CUES = (
    "累计",
    "已",
    "先后",
    "共",
    "引进",
    "培育",
    "创建",
    "发表",
    "申请",
    "承担",
    "建成",
    "修复",
    "汇聚",
    "举办",
)
#: Words that make a figure a level at a point in time, before any running-total cue.
STOCK_CUES = ("拥有", "形成", "聚集", "已实现", "现有", "年产")
#: Words that make a figure one event (an award, an investment made).
EVENT_CUES = ("荣获", "等奖", "揽获", "进入")
#: Words that date a figure to recently without a date (近日 "the other day"), making it an
#: event of the article's year.
RECENT_CUES = ("近日", "日前", "近期", "前不久")
#: Words of a ranking list or an assessment (百强, 获评, 考核). Such lists rank the year
#: before they are published, so an undated place in one is of the year before the article.
LISTING_CUES = ("百强", "获评", "评为", "考核", "上榜", "榜单")
#: Words that make the figures after them what is expected once a project runs (投产后 "once
#: in production"), a forecast without a date.
ONCE_CUES = ("投产后", "建成后", "达产后")
#: Words before a figure that make it a level of the past without a date (以前 "formerly").
FORMERLY_CUES = ("以前", "过去")
#: Words of an annual saving a technology brings (年减碳, 每年减少), a rate as of the article.
SAVING_CUES = ("年减", "每年减少", "每年节约", "年节约")
#: Words of a one-off change brought about by a project (使 "make", 改造后 "after the
#: upgrade"), which makes the change an event.
EFFECT_CUES = ("使", "改造后", "升级后", "改进后")

_N = r"(\d{1,2}|十?[一二两三四五六七八九十])"
# a year opening a sentence without 年 (an infographic: 2024南康区新增…), not a count (2019家)
_LEAD_YEAR = re.compile(
    r"\s*((?:19|20)\d{2})(?=[\u4e00-\u9fff])(?![家个项件名亿万元台吨人次位所条支])"
)
# the start of a span up to the article: 去年以来, 自2022年…以来 (not 今年以来: year to date)
_SINCE = re.compile(r"(?:自|从)?(去年|上年|(?:19|20)\d{2}年)[^。，；]{0,30}?以来")
# the years ahead of the article: 未来3年(内)
_AHEAD = re.compile(rf"未来{_N}年")
# the years up to the article: 近3年, 五年间, 五年来, 近五年
_LATELY = re.compile(rf"近\s*{_N}\s*年|{_N}年(?:间|来)")
# 从/由 a level … to another (从2家增至16家, 由949.21公顷扩大至1106.10公顷)
_FROM = re.compile(r"[从由](?:原来的)?\s*$")
_TO = re.compile(r"[^，,；;。]{1,12}?(?:至|到)")
# … to the figure: the level reached (从2家增至16家)
_REACHED = re.compile(r"[从由][^，,；;。]+(?:至|到)\s*$")
# a figure of people (100余名员工) or of an area (650亩): a level, never a total or an event
_PEOPLE = re.compile(r"[\d.,，余多超约近]*\s*(?:万|千)?(?:名|人(?!次))")
_AREA = re.compile(r"[\d.,，余多超约近]*\s*(?:万)?(?:亩|公顷|平方米|平方公里)")
# a policy's focus (重点培育 "focus on fostering"), not what has been done
_FOCUS = re.compile(r"(?:重点|着力|加快|大力)(?:培育|引进|打造|建成)")
# the title of a document (《…规划（2021—2025年）》): its years name it, they date no figure
_TITLE = re.compile(r"《[^》]*》")
# a figure that is money (30亿元, 2000万元)
_MONEY = re.compile(r"[\d.,，余多超约近突破零一二三四五六七八九十百千]*[万亿]?元")
# a date (年, 今年 …) after 于/自/从 dates an act (成立于1953年, 于今年4月设立), not the figure
_ACT_DATE = ("于", "自", "从")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else chinese_to_int(text)


def _item_words(clause_before: str) -> str:
    """The words of a figure's own item: its clause before it, after the last number in it
    (规模以上企业营收突破 in 规模以上企业数量达32家规模以上企业营收突破60亿元)."""
    return re.split(r"[\d]", clause_before)[-1]


def guess_period(
    sentence: str,
    pos: int,
    date: str,
    status: str = "achieved",
    context: str = "",
    kind: str = "",
) -> tuple[str, str, str]:
    """Guess the period of the figure at *pos*: ``(period, period_type, period_basis)``.

    A year written in the sentence before the figure (the nearest), or after it in the
    figure's clause, is ``stated``; so are a year opening the sentence without 年 (an
    infographic's ``2024南康区…``), and a quarter or half-year with its year (the
    investment stages of a quarter are its total, ``quarter``); a year of 今年/去年/上年 is
    read from the article's *date* (``inferred``). Without one in the sentence, the
    *context* before it (its paragraph) may give it. A date after 于/自/从 dates an act
    (成立于1953年), not the figure. With a stated year the figure is a flow over the year
    (``year``) unless its words make it a level at the end of it (``stock``,
    :data:`STOCK_CUES`); so is an annual figure (:data:`ANNUAL_CUES`), and a target for
    money or a flow (else a level to reach; 年产 in a target is the year's output). 截至 +
    拥有 is a ``stock``, 截至/累计/已 a running total (``cumulative``), 今年以来 year to
    date; investment stages, awards and money invested (投入, 投资; not 项目投资, a
    project's size) without a stated period are ``event``. The cue words of a list
    (已培育A企业5家、B企业9家，C企业3家) hold for each of its items, not for a clause with
    a verb of its own; a policy's focus (重点培育) is no running total, and an area (亩)
    is a size. A rank is never a running total, and the rank of a count (数量居全省第一)
    is a standing, not a flow. A year in a document's title (《…规划（2021—2025年）》) dates
    no figure, and a sentence with a time of its own (近3年, 去年以来) reads none from its
    paragraph.

    The rules of an analyst reading Chinese reporting:

    - 从/由 A 增至 B: A is the level before (of the year before a stated year, else
      unknown), B the level reached (``stock``); 以前/过去 + a figure is an undated level;
    - 较2018年 + a change is a ``span`` from that year to the article's;
    - 去年以来/自2022年…以来: what was done since is a ``span`` up to the article's year (a
      size, 总规模 or a level, is as of the article); 未来3年 a ``span`` from the article's
      year; a growth in 近3年/五年间 a ``span`` of those years up to the year before it;
    - a change brought about by a project (使…下降60%, 改造后降低28%) and a figure of
      近日 are ``event`` of the article's year, as are people mobilised (组织8名), a time
      taken (经过两个多小时) and a first deal (首单, 首批); an undated event of 近年来 has
      an ``unknown`` period;
    - an undated place in a ranking list or assessment (百强, 获评, 考核) is of the year
      before the article, a streak (连续六年) a ``cumulative`` count;
    - what a project will do once running (投产后, 建成后) is an undated forecast;
    - a capacity (年产) is a ``stock``, on the date of a signing too; an annual saving
      (每年减少) a rate as of the article;
    - a body founded (…成立) is an ``event``.

    A day written before the figure in its sentence (3月1日) dates an event; the end of a
    month (截至3月底) the point a total or level runs to. A target without a year has an
    ``unknown`` period. Otherwise a level or running total is as of the article's month
    (its year when the date has no month), and a flow or event is of the article's year,
    both ``inferred``.

    Parameters
    ----------
    sentence : str
    pos : int
        Offset of the figure in *sentence*.
    date : str
        The article's date, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    status : str, optional
        The figure's (guessed) status: a target's year is the year it is due.
    context : str, optional
        The text before the sentence in its paragraph.
    kind : str, optional
        The figure's (guessed) kind (:func:`guess_kind`): a rank is a level, a change may
        be an event.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> guess_period("2024年，寻乌县营收50亿元", 10, "2025-10")
    ('2024', 'year', 'stated')
    >>> guess_period("今年一季度，全市签约项目18个", 12, "2025-04", "signed")
    ('2025Q1', 'quarter', 'stated')
    """
    year = _year_of(date)
    month = re.match(r"\d{4}-\d{2}", date)
    start, end = _clause(sentence, pos)
    before, clause_after = sentence[:pos], sentence[pos:end]
    flat = before + clause_after
    clause = sentence[start:end]
    # the figure's phrase: its clause, and the items of a list (、) it closes
    pstart = max((m.end() for m in re.finditer(r"[，,；;：:]", before)), default=0)
    while (
        pstart
        and before[pstart - 1] in "，,"
        and re.search(r"\d[家个项件名所条支座处台套]$", before[: pstart - 1])
        and not any(c in before[pstart:] for c in (*FLOW_CUES, "达", "突破", "超", "为", "有"))
    ):
        # a list runs on across commas (…企业9家，省级单项冠军企业3家): its words hold on
        pstart = max(
            (m.end() for m in re.finditer(r"[，,；;：:]", before[: pstart - 1])), default=0
        )
    phrase = sentence[pstart:pos] + clause_after
    item = _item_words(sentence[start:pos])
    money = bool(_MONEY.match(clause_after))
    last = re.split(r"[。！？]", context.rstrip("。！？"))[-1] if context else ""

    def blank(m: re.Match) -> str:
        return "\0" * len(m.group(0))

    def stated_in(text: str, after: str = "", lead: bool = False) -> tuple[int | None, bool]:
        """The year *text* (or *after*) states, and whether it is read from the article's
        date (今年, 去年)."""
        text, after = _SINCE.sub(blank, text), _SINCE.sub(blank, after)
        text = _TITLE.sub(blank, text)  # 《…规划（2021—2025年）》 names a document
        found: int | None = None
        years = [m for m in _YEAR.finditer(text) if not text[: m.start()].endswith(_ACT_DATE)]
        if years:
            found = int(years[-1].group(1))
        elif (after and (m := _YEAR.search(after))) or (lead and (m := _LEAD_YEAR.match(text))):
            found = int(m.group(1))  # after the figure, or opening an infographic's line
        relative = {"今年": year, "去年": year - 1, "上年": year - 1, "明年": year + 1}
        hits = [(text.rfind(w), y) for w, y in relative.items() if w in text]
        at, y = max(((a, y) for a, y in hits if not text[:a].endswith(_ACT_DATE)), default=(-1, 0))
        if at >= 0 and (not years or at > years[-1].start()):
            return y, True
        return found, False

    # a year of 今年/去年 is inferred from the article's date (its quarter is stated)
    stated, from_date = stated_in(before, clause_after, lead=True)
    scope = flat
    own_time = any(r.search(before) for r in (_SINCE, _AHEAD, _LATELY))  # 近3年, 去年以来
    if stated is None and not own_time and not any(w in flat for w in (*_QUARTER, *_HALF)):
        stated, from_date = stated_in(last)
        if stated is not None or any(w in last for w in (*_QUARTER, *_HALF)):
            scope = last + flat
    as_of = any(c in scope for c in AS_OF_CUES)
    invested = (
        any(c in clause for c in ("投入", "投资"))
        and "总" not in clause
        and "项目投资" not in clause  # the size of a project, not money spent
        and money
    )
    stage = status in ("signed", "started", "completed", "commissioned")
    capacity = "年产" in item
    lately = "近年来" in before or "近年来" in last
    # a first deal (首单) and a body founded (…在寻乌成立) are events, dated or not
    one_off = clause_after.startswith(("首单", "首批")) or "成立" in clause_after

    # figures whose period the wording itself gives, before the general rules
    if _FROM.search(sentence[start:pos]) and _TO.match(clause_after):
        if stated is not None:
            return str(stated - 1), "stock", "inferred"  # the level a year before
        return "", "stock", "unknown"
    if any(c in sentence[start:pos] for c in FORMERLY_CUES):
        return "", "stock", "unknown"
    if any(c in before for c in ONCE_CUES):
        annual = money or any(c in clause for c in (*ANNUAL_CUES, "营收", "产值"))
        return "", "year" if annual else "stock", "unknown"
    since = _SINCE.search(before) or _SINCE.search(last)
    if since and stated is None:
        levels = "总" in clause or any(c in phrase for c in STOCK_CUES)
        if not levels:
            first = since.group(1)
            y0 = year - 1 if first in ("去年", "上年") else int(first[:4])
            return f"{y0}/{year}", "span", "inferred"
    if (ahead := _AHEAD.search(before + clause)) and stated is None:
        n = _number(ahead.group(1))
        return f"{year}/{year + n - 1}", "span", "inferred"
    lately_n = _LATELY.search(before) or _LATELY.search(last)
    growth = kind == "growth" or "增长" in clause_after
    if lately_n and stated is None and growth:
        n = _number(next(g for g in lately_n.groups() if g))
        return f"{year - n}/{year - 1}", "span", "inferred"
    if stated is None and not as_of and status == "achieved":
        if "较" in clause and (m := re.search(r"较((?:19|20)\d{2})年", clause)):
            return f"{m.group(1)}/{year}", "span", "inferred"
        if any(c in phrase for c in LISTING_CUES):
            streak = "连续" in sentence[pstart : pos + 2] and kind != "rank"
            return str(year - 1), "cumulative" if streak else "stock", "inferred"
        if kind in ("change", "growth") and any(c in before for c in EFFECT_CUES):
            return str(year), "event", "inferred"
        recent = any(c in before for c in RECENT_CUES) and not _PEOPLE.match(clause_after)
        happened = (
            one_off
            or (recent and not _REACHED.search(sentence[start:pos]))
            or before.endswith(("组织", "经过"))
        )
        if happened:
            return ("", "event", "unknown") if lately else (str(year), "event", "inferred")

    if stage and not as_of and stated is None:
        ptype = "stock" if capacity else "event"
    elif "今年以来" in scope or "前三季度" in scope or re.search(r"1[—-]\d+月", scope):
        ptype = "year_to_date"
    elif "截至" in flat and any(c in flat for c in STOCK_CUES):
        ptype = "stock"
    elif as_of:
        ptype = "cumulative"
    elif (
        any(c in clause for c in EVENT_CUES)
        or one_off
        or (stated is None and status != "target" and invested)
    ):
        ptype = "event"
    elif status == "target":
        flow = capacity or money or any(c in item for c in FLOW_CUES)
        ptype = "year" if flow else "stock"
    elif any(c in clause for c in ANNUAL_CUES):
        ptype = "year"
    elif capacity:
        ptype = "stock"
    elif stated is not None:
        levels = phrase if scope == flat else scope  # the context's words when it dates it
        reached = bool(_REACHED.search(sentence[start:pos]))
        ptype = "stock" if reached or any(c in levels for c in STOCK_CUES) else "year"
    elif any(c in phrase for c in STOCK_CUES):
        ptype = "stock"
    elif _AREA.match(clause_after):
        ptype = "stock"  # an area is a size
    elif any(c in _FOCUS.sub("", phrase) for c in CUMULATIVE_CUES):
        ptype = "cumulative"
    else:
        ptype = "stock"
    if kind == "rank" and (ptype == "cumulative" or (ptype == "year" and "数量" in clause)):
        ptype = "stock"  # a place in a ranking is a standing, not a total; so is a count's
    if ptype == "year" and any(c in item for c in SAVING_CUES) and stated is None:
        ptype = "stock"  # an annual saving is a rate as of the article
    if ptype == "event" and lately and stated is None:
        return "", "event", "unknown"
    quarters = [(scope.rfind(w), q) for w, q in _QUARTER.items() if w in scope]
    if quarters and "前三季度" not in scope:
        y = stated if stated is not None else year
        quarter = "quarter" if ptype in ("year", "stock", "event") else ptype
        return f"{y}Q{max(quarters)[1]}", quarter, "stated"
    for word, h in _HALF.items():
        if word in scope:
            y = stated if stated is not None else year
            return f"{y}{h}", "half_year", "stated"
    day = list(_DAY.finditer(scope[: len(scope) - len(clause_after)]))
    if day and ptype != "year_to_date":
        m = day[-1]
        y = stated if stated is not None else year
        month_of = f"{y}-{int(m['month']):02d}"
        if m["day"] and m.start() >= len(scope) - len(flat) and ptype in ("event", "year", "stock"):
            return f"{month_of}-{int(m['day']):02d}", "stock" if capacity else "event", "stated"
        if m["end"] or ptype == "cumulative":
            return month_of, ptype if ptype != "year" else "stock", "stated"
    if ptype == "year_to_date" and stated == year and month:
        return month.group(0), ptype, "inferred"  # this year so far: as of the article
    if stated is not None:
        return str(stated), ptype, "inferred" if from_date else "stated"
    if status == "target":
        return "", "year", "unknown"
    if ptype in ("stock", "cumulative", "year_to_date") and month:
        return month.group(0), ptype, "inferred"  # a level or running total as of the article
    return str(year), ptype, "inferred"


#: Words that refer back to a place of a level (该市 "this city"), and the rank of that level
#: in :func:`guess_place` (2 a prefecture, 3 a county or district).
PLACE_REFERENCES: dict[str, int] = {"该市": 2, "该县": 3, "该区": 3}


def guess_place(
    texts: Iterable[tuple[str, int]], names: Mapping[str, tuple[str, int]], default: str = ""
) -> str:
    """Guess the place a figure belongs to from the place names around it.

    Parameters
    ----------
    texts : iterable of (str, int)
        The figure's surroundings, nearest first, each with the offset of the figure in it
        (or the text's length when the figure is after it): its sentence, the text before it
        in its article, its article's title.
    names : mapping
        Place name or alias → ``(code, rank)``; a higher rank is more specific (a county
        over its prefecture).
    default : str, optional
        The code when no name is found.

    Returns
    -------
    str
        In the sentence: the most specific place named before the figure (the nearest
        among equals), else the most specific named after it. Failing that, the place named
        nearest before the figure in the later texts; when the sentence refers back to a
        level (该市, 全县: :data:`PLACE_REFERENCES`), the nearest place of that level. A text
        naming only a province (rank 1 or less) gives way to a later text naming a more
        specific place.

    Examples
    --------
    >>> names = {"赣州": ("360700", 2), "章贡区": ("360702", 3)}
    >>> guess_place([("赣州市章贡区产值50亿元", 7)], names)
    '360702'
    >>> guess_place([("该市产值50亿元", 4), ("赣州市章贡区", 6)], names)
    '360700'
    """
    ordered = sorted(names, key=len, reverse=True)
    fallback, level = "", None
    for k, (text, pos) in enumerate(texts):
        if k == 0:
            level = next((r for w, r in PLACE_REFERENCES.items() if w in text[:pos]), None)
        hits: list[tuple[int, int, str]] = []  # (rank, position, code)
        taken = text
        for name in ordered:
            for m in re.finditer(re.escape(name), taken):
                code, rank = names[name]
                hits.append((rank, m.start(), code))
            taken = taken.replace(name, "\0" * len(name))
        if k and level is not None:
            hits = [h for h in hits if h[0] == level or (level == 3 and h[0] > 3)]
        if not hits:
            continue
        if max(h[0] for h in hits) <= 1 and not fallback:
            # a province alone is mostly the scope of a ranking (全省第一): the next text
            # may name the place the figure is about
            fallback = _best(hits, pos, specific=k == 0)
            continue
        return _best(hits, pos, specific=k == 0)
    return fallback or default


def _best(hits: list[tuple[int, int, str]], pos: int, specific: bool) -> str:
    """The most specific place before *pos* (the nearest among equals), else after it; or,
    when not *specific*, the nearest before *pos*, else the first after it. A province
    counts only when no other place is named."""
    places = [h for h in hits if h[0] >= 2] or hits
    before = [h for h in places if h[1] < pos]
    pool = before or places
    if specific:
        top = max(h[0] for h in pool)
        pool = [h for h in pool if h[0] == top]
    return (max(pool, key=lambda h: h[1]) if before else min(pool, key=lambda h: h[1]))[2]
