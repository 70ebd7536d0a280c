"""The review sheet's guesses of a figure's period and status, one rule per case.

Each case is a made-up sentence in the style of the corpus: the rule an analyst reading
Chinese reporting would state, and the guess it should give.
"""

import pytest

from lib.text.cues import guess_period, guess_status


def period(sentence, figure, date="2025-06", status="achieved", context="", kind="level"):
    return guess_period(sentence, sentence.index(figure), date, status, context, kind)


@pytest.mark.parametrize(
    "sentence, figure, kind, expected",
    [
        # the words of a list hold for each item, across 、 and across commas
        (
            "全县已认定高新技术企业12家、专精特新企业7家，省级技术中心4家",
            "7家",
            "level",
            ("2025-06", "cumulative", "inferred"),
        ),
        (
            "全县已认定高新技术企业12家、专精特新企业7家，省级技术中心4家",
            "4家",
            "level",
            ("2025-06", "cumulative", "inferred"),
        ),
        # ... but not into a clause with a verb of its own
        (
            "全县已认定企业30家，产值突破80亿元",
            "突破80亿元",
            "level",
            ("2025-06", "stock", "inferred"),
        ),
        # 从 A 增至 B: A is an undated level before, B the level reached
        ("全市规上企业从800家增至950家", "800家", "level", ("", "stock", "unknown")),
        ("全市规上企业从800家增至950家", "950家", "level", ("2025-06", "stock", "inferred")),
        ("2023年，孵化器从12家增至20家", "12家", "level", ("2022", "stock", "inferred")),
        ("2023年，孵化器从12家增至20家", "20家", "level", ("2023", "stock", "stated")),
        # 以前 + a figure: a level of the past without a date
        ("以前审批要15天，现在只要3天", "15天", "other", ("", "stock", "unknown")),
        # 较2020年 + a change: a span from that year to the article's
        ("单位产值能耗较2020年下降18%", "18%", "change", ("2020/2025", "span", "inferred")),
        # a change a project brings about is an event of the article's year
        ("改造后，单位能耗降低20%", "20%", "change", ("2025", "event", "inferred")),
        ("新生产线使良品率提升12%", "12%", "change", ("2025", "event", "inferred")),
        # ... a standing gain (目前) is not
        ("目前生产效率提升15%", "15%", "change", ("2025-06", "stock", "inferred")),
        # 近日: an event of the article's year; people at work are no event
        ("近日，该区3家企业获得专利授权", "3家", "level", ("2025", "event", "inferred")),
        (
            "近日，记者走进车间，200余名工人正在赶工",
            "200余名",
            "level",
            ("2025-06", "stock", "inferred"),
        ),
        # people mobilised, a time taken: events
        ("组织20名技术骨干赴深圳培训", "20名", "level", ("2025", "event", "inferred")),
        ("经过三个多小时答辩，方案获得通过", "三个多小时", "other", ("2025", "event", "inferred")),
        # a first deal is an event; undated in a passage of 近年来
        ("完成全市首单碳排放权质押贷款", "首单", "level", ("2025", "event", "inferred")),
        ("近年来，该区落地全省首单绿色债券", "首单", "level", ("", "event", "unknown")),
        # a body founded (…成立): an event
        ("2022年，全市第一家工业设计协会在章贡成立", "第一", "rank", ("2022", "event", "stated")),
        # a date after 于 dates an act, not the figure
        ("协会成立于2010年，现有会员单位80家", "80家", "level", ("2025-06", "stock", "inferred")),
        # a place in a ranking list is of the year before the article; a streak is a count
        ("跃居全国工业百强县第35位", "第35位", "rank", ("2024", "stock", "inferred")),
        ("连续四年获评全省先进园区", "连续四年", "other", ("2024", "cumulative", "inferred")),
        # a rank is a standing, never a running total
        (
            "截至2024年底，全市连续3年获评考核第一等次",
            "第一等次",
            "rank",
            ("2024", "stock", "stated"),
        ),
        # 投入 is money invested only when the figure is money; 项目投资 is a project's size
        ("新投入的检测设备每分钟可检测60件", "60件", "level", ("2025-06", "stock", "inferred")),
        ("该项目投资8亿元", "8亿元", "level", ("2025-06", "stock", "inferred")),
        ("企业投入3000万元改造产线", "3000万元", "level", ("2025", "event", "inferred")),
        # an area is a size; a policy's focus (重点培育) is not a total
        ("建成300亩现代农业产业园", "300亩", "level", ("2025-06", "stock", "inferred")),
        ("重点培育电子信息、新材料两大产业", "两大", "level", ("2025-06", "stock", "inferred")),
        # an annual saving a technology brings is a rate as of the article
        ("新工艺每年减少碳排放3万吨", "3万吨", "level", ("2025-06", "stock", "inferred")),
        # a year opening an infographic's sentence without 年; a count is no year
        ("2024全区新增专利1200件", "1200件", "level", ("2024", "year", "stated")),
        ("2019家企业完成诊断", "2019家", "level", ("2025-06", "stock", "inferred")),
        # the rank of a count is a standing; of a growth rate, a flow's
        ("2023年，孵化器数量居全省第一", "第一", "rank", ("2023", "stock", "stated")),
        ("2023年，营收增速居全省第一", "第一", "rank", ("2023", "year", "stated")),
        # a year in a document's title dates no figure
        (
            "全区以《发展规划（2021—2025年）》为引领，拥有企业60家",
            "60家",
            "level",
            ("2025-06", "stock", "inferred"),
        ),
        # 今年/去年 are read from the article's date: inferred
        ("今年全区营收增长9%", "9%", "growth", ("2025", "year", "inferred")),
    ],
)
def test_guess_period_rules(sentence, figure, kind, expected):
    assert period(sentence, figure, kind=kind) == expected


@pytest.mark.parametrize(
    "sentence, figure, status, context, kind, expected",
    [
        # what was done since last year is a span up to the article's year ...
        (
            "去年以来，全县推动300家企业上云",
            "300家",
            "achieved",
            "",
            "level",
            ("2024/2025", "span", "inferred"),
        ),
        # ... in the next sentence of its paragraph too
        (
            "45家企业获评数字化车间",
            "45家",
            "achieved",
            "去年以来，全县推动300家企业上云；",
            "level",
            ("2024/2025", "span", "inferred"),
        ),
        # a sentence with a time of its own reads none from its paragraph
        (
            "近3年，各产业链均实现了10%的增长",
            "10%",
            "achieved",
            "2024年，全区经济稳中有进。",
            "share",
            ("2022/2024", "span", "inferred"),
        ),
        # ... but a size since a year is as of the article
        (
            "自2021年设立以来，基金总规模达50亿元",
            "50亿元",
            "achieved",
            "",
            "level",
            ("2025-06", "stock", "inferred"),
        ),
        # 未来5年: a span from the article's year
        (
            "公司计划在未来5年内投入20亿元",
            "20亿元",
            "planned",
            "",
            "level",
            ("2025/2029", "span", "inferred"),
        ),
        # growth over 近5年: a span up to the year before the article
        (
            "近5年，全市工业增加值年均增长8%",
            "8%",
            "achieved",
            "",
            "growth",
            ("2020/2024", "span", "inferred"),
        ),
        # what a project will do once running (投产后) is an undated forecast
        (
            "项目投产后，年产值可达12亿元",
            "12亿元",
            "forecast",
            "",
            "level",
            ("", "year", "unknown"),
        ),
        ("达产后产能将是现在的3倍", "3倍", "forecast", "", "change", ("", "stock", "unknown")),
        # a capacity is a stock, on the date of a signing too
        (
            "5月8日，园区签约年产5000吨新材料项目",
            "5000吨",
            "signed",
            "",
            "capacity",
            ("2025-05-08", "stock", "stated"),
        ),
        # in a target, each item's own words decide: a count is a level, money and 年产 a
        # year's flow
        (
            "力争到2028年，规上企业达50家，营收突破100亿元，年产电机20万台",
            "50家",
            "target",
            "",
            "level",
            ("2028", "stock", "stated"),
        ),
        (
            "力争到2028年，规上企业达50家，营收突破100亿元，年产电机20万台",
            "突破100亿元",
            "target",
            "",
            "level",
            ("2028", "year", "stated"),
        ),
        (
            "力争到2028年，规上企业达50家，营收突破100亿元，年产电机20万台",
            "20万台",
            "target",
            "",
            "capacity",
            ("2028", "year", "stated"),
        ),
    ],
)
def test_guess_period_rules_with_status_and_context(
    sentence, figure, status, context, kind, expected
):
    assert period(sentence, figure, status=status, context=context, kind=kind) == expected


@pytest.mark.parametrize(
    "sentence, figure, context, status",
    [
        # a stage governs the clauses going on with its items (总投资, 其中) ...
        ("签约项目10个，总投资80亿元，其中超10亿元项目3个", "3个", "", "signed"),
        # ... not later clauses with verbs of their own
        ("签订协议5份，设立飞地2个，引进团队12个", "12个", "", "achieved"),
        # a stage with 后 is a condition: what is expected once running
        ("项目投产后，年营收将超10亿元", "10亿元", "", "forecast"),
        # a line under a lead that sets a target (an infographic) is a target
        ("规上企业达40家", "40家", "发展目标：力争2028年\n\n", "target"),
        # ... a paragraph's earlier sentence is no such lead
        ("规上企业达40家", "40家", "全县锚定2028年目标。", "achieved"),
    ],
)
def test_guess_status_rules(sentence, figure, context, status):
    assert guess_status(sentence, sentence.index(figure), context) == status
