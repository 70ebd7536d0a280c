"""Layout normalisation and article splitting on the real corpus."""

import pytest
from conftest import DATA

from lib.data.corpus import Source
from lib.text.normalise import normalise, squash


def raw(stem):
    return next(DATA.glob(f"raw/{stem}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "stem,phrase",
    [
        ("001", "园区用地面积由原来的 949.21公顷扩大至 1106.10公顷。"),  # wrapped inside a number
        ("001", "工业技改投资占比62.3%，位列全市第一……"),  # double-spaced lines
        ("001", "大健康产业集群实现营收 280亿元，同比增长10.7%"),
        ("000", "如今，寻乌县已实现7.5kW小功率到355kW大功率空压机全功率覆盖"),  # captions inside
        ("000", "下设18个企业党支部，覆盖49家企业。"),
        ("000", "依托深寻支援合作机制，寻乌县积极推动"),  # infographic inside
        ("002", "在吉安市瑞鹏飞精密科技有限公司园区内"),
        ("002", "“打造一片‘生态雨林’，形成协同发展的生态体系"),
        ("004", "近日，走进菲仕绿能科技(赣州)有限公司，一楼生产线上"),
        ("004", "不断提升招商引资质效……"),
    ],
)
def test_sentences_broken_by_the_layout_are_joined(stem, phrase):
    paragraphs = [p.text for p in normalise(raw(stem)).paragraphs]
    assert any(phrase in p for p in paragraphs), phrase


@pytest.mark.parametrize(
    "stem,heading",
    [
        ("000", "链式招商筑根基 隔壁厂联成上下游"),
        ("000", "寻乌空压机生产车间"),  # a caption stays a paragraph of its own
        ("002", "## 技术突围引领发展方向"),
        ("004", "以工业设计为引擎 驱动产业高质量发展"),
    ],
)
def test_paragraph_breaks_are_kept(stem, heading):
    assert heading in [p.text for p in normalise(raw(stem)).paragraphs]


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_every_character_maps_back_to_the_raw_file(stem):
    text = raw(stem)
    n = normalise(text)
    for p in n.paragraphs:
        for ch, off in zip(p.text, p.offsets):
            assert text[off] == ch or (ch == " " and text[off] == "\n")
    assert squash(n.text) == squash(text)[: len(squash(n.text))] or sorted(
        squash(n.text)
    ) == sorted(squash(text))  # nothing lost, only reordered


def test_a_normalised_passage_is_located_in_the_raw_file():
    text = raw("001")
    n = normalise(text)
    start, end = n.locate("规上营业收入418.3亿元，同比增长2%；工业技改投资占比62.3%，位列全市第一")
    assert (
        squash(text[start:end])
        == "规上营业收入418.3亿元，同比增长2%；工业技改投资占比62.3%，位列全市第一"
    )
    assert "\n" in text[start:end]  # the raw passage really is broken across lines
    assert n.locate("不在文中的句子") is None


def test_articles_are_split_with_their_titles(factbase):
    counts = {sid[:3]: len(factbase.split(sid)) for sid in factbase.sources.source_id}
    assert counts == {"000": 2, "001": 1, "002": 1, "003": 3, "004": 5}
    xinfeng = factbase.split("003_ce6db33a5f8ed3b8")[2]
    assert xinfeng.title_zh.startswith("信丰强化") and "信丰县纪委监委" in xinfeng.text
    assert (
        "寻乌"
        not in factbase.split("004_58c65fe487103148")[0].text.split("(曾 枫 徐 旖)")[0][-200:]
    )


def test_unknown_marker_is_an_error(tmp_path):
    from lib.data.corpus import split_articles

    f = tmp_path / "x.txt"
    f.write_text("第一篇\n正文。\n第二篇\n正文。\n", encoding="utf-8")
    arts = split_articles(
        Source("x", f), [("x-1", "第一篇", "一", "One"), ("x-2", "第二篇", "二", "Two")]
    )
    assert [a.text for a in arts] == ["第一篇正文。", "第二篇正文。"]
    with pytest.raises(ValueError, match="marker '第三篇'"):
        split_articles(Source("x", f), [("x-1", "第三篇", "三", "Three")])
