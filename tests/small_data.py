"""A small, valid data folder (one source, one row or two per table) for fast loading tests.

``make_small_data(root)`` writes every table of :data:`lib.data.schemas.SCHEMAS` and the raw
file they quote; ``load_factbase(root)`` accepts it. Tests then break one cell at a time with
:func:`conftest.edit_csv`.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from lib.data.schemas import COLUMNS
from lib.text.quantities import parse_quantity

SOURCE = "000_0123456789abcdef"
RAW = (
    "寻乌空压机产业发展\n"
    "寻乌县拥有28家空压机企业，总产值突破50亿元。\n"
    "力争2027年总产值达到100亿元。\n"
    "空压机配件一站式供应链公司为整机企业配套。\n"
)


def _fact(
    fact_id: str,
    value_text: str,
    quote: str,
    indicator: str,
    kind: str,
    period: str,
    status: str = "achieved",
    **extra: str,
) -> dict[str, str]:
    q = parse_quantity(value_text)
    row = dict(
        fact_id=fact_id,
        source_id=SOURCE,
        region_code="360734",
        entity="寻乌空压机产业",
        theme="cluster",
        indicator=indicator,
        value=f"{q.value:g}",
        unit=q.unit,
        value_base=f"{q.value_base:g}",
        base_unit=q.base_unit,
        value_high="" if q.value_high is None else f"{q.value_high:g}",
        value_base_high="" if q.value_base_high is None else f"{q.value_base_high:g}",
        period=period,
        period_type="year",
        kind=kind,
        status=status,
        qualifier=q.qualifier,
        relevance="industrial",
        quote=quote,
        value_text=value_text,
        period_basis="stated",
        state="",
        attribution="article",
        note="",
    )
    row.update(extra)
    return row


def tables() -> dict[str, list[dict[str, str]]]:
    """The rows of every table of the small data folder."""
    raw = RAW.encode("utf-8")
    return {
        "sources": [
            dict(
                source_id=SOURCE,
                file=f"raw/{SOURCE}.txt",
                outlet="",
                outlet_basis="",
                date="2025-03",
                date_basis="the text says 2024 is last year",
                language="zh",
                articles="寻乌空压机产业发展",
                regions="360734",
                sha256=hashlib.sha256(raw).hexdigest(),
                bytes=str(len(raw)),
                genre="government_publicity",
                genre_evidence="slogan headings and the county's own goals",
            )
        ],
        "articles": [
            dict(
                article_id="000-1",
                source_id=SOURCE,
                article_no="1",
                starts_with="寻乌空压机产业发展",
                title_zh="寻乌空压机产业发展",
                title_en="Xunwu's compressor industry",
                title_basis="printed",
                region_code="360734",
                topic="compressors",
                byline="",
            )
        ],
        "regions": [
            dict(
                region_id="360700",
                code="360700",
                name_zh="赣州市",
                name_en="Ganzhou",
                level="prefecture",
                parent="",
                aliases="",
            ),
            dict(
                region_id="360734",
                code="360734",
                name_zh="寻乌县",
                name_en="Xunwu",
                level="county",
                parent="360700",
                aliases="寻乌",
            ),
        ],
        "indicators": [
            dict(
                indicator="firms",
                label_en="firms",
                label_zh="企业数",
                base_unit="count",
                definition="number of firms",
            ),
            dict(
                indicator="cluster_output",
                label_en="output value",
                label_zh="总产值",
                base_unit="yuan",
                definition="gross output",
            ),
        ],
        "facts": [
            _fact(
                "000-xunwu-firms-2024",
                "28家",
                "寻乌县拥有28家空压机企业",
                "firms",
                "level",
                "2024",
                note="counted by the article;\nall sizes",
            ),
            _fact(
                "000-xunwu-output-2024",
                "突破50亿元",
                "总产值突破50亿元",
                "cluster_output",
                "level",
                "2024",
            ),
            _fact(
                "000-xunwu-output-2027",
                "100亿元",
                "力争2027年总产值达到100亿元",
                "cluster_output",
                "level",
                "2027",
                status="target",
            ),
        ],
        "entities": [
            dict(
                entity="寻乌空压机产业",
                name_en="Xunwu air-compressor cluster",
                entity_type="cluster",
                region_code="360734",
                industry="compressors",
                products="air compressors",
                aliases="",
                source_ids=SOURCE,
            )
        ],
        "target_bases": [
            dict(
                target_fact="000-xunwu-output-2027",
                base_fact="000-xunwu-output-2024",
                growth_fact="",
                comparability="same",
                note="the same measure",
            )
        ],
        "outcomes": [],  # one source: nothing can be checked against a later one
        "chains": [
            dict(
                chain="xunwu_air_compressor",
                region_code="360734",
                name_zh="寻乌空压机产业链",
                name_en="Xunwu compressor chain",
                note="parts to assembly",
            )
        ],
        "chain_links": [
            dict(
                link_id="xunwu-1",
                chain="xunwu_air_compressor",
                region_code="360734",
                upstream="parts (配件)",
                downstream="assembly (整机)",
                status="present",
                source_id=SOURCE,
                quote="空压机配件一站式供应链公司为整机企业配套",
                note="",
            )
        ],
        "indicator_groups": [
            dict(
                indicator="firms",
                chapter="upgrading",
                group="tech_upgrade",
                item="firms",
                order="1",
                sense="",
                comparable="no",
                note="counting rules are local",
            )
        ],
        "policy_terms": [dict(term="配套", label_en="supporting supply", category="chains")],
        "glossary": [
            dict(
                term="总产值",
                pinyin="zǒngchǎnzhí",
                english="gross output value",
                explanation="the value of all output",
                numbers_note="not value added",
                corpus_forms="总产值",
                source_id=SOURCE,
                quote="总产值突破50亿元",
            )
        ],
        "clusters": [
            dict(
                cluster="xunwu_air_compressor",
                region_code="360734",
                name_zh="寻乌空压机产业",
                name_en="Xunwu air compressors",
            )
        ],
        "cluster_members": [
            dict(cluster="xunwu_air_compressor", member_type="entity", member="寻乌空压机产业"),
            dict(
                cluster="xunwu_air_compressor", member_type="chain", member="xunwu_air_compressor"
            ),
            dict(cluster="xunwu_air_compressor", member_type="indicator", member="firms"),
        ],
        "headlines": [dict(indicator="firms", rank="1", why="how deep the cluster is")],
        "linkages": [
            dict(
                tie_id="000-xunwu-shenzhen",
                source_id=SOURCE,
                region_code="360734",
                partner="深圳 Shenzhen",
                partner_group="guangdong_gba",
                tie_type="supply_chain",
                quote="空压机配件一站式供应链公司",
                note="",
            )
        ],
    }


def make_small_data(root: Path) -> Path:
    """Write the small data folder at *root* (created) and return it."""
    (root / "raw").mkdir(parents=True, exist_ok=True)
    (root / "raw" / f"{SOURCE}.txt").write_bytes(RAW.encode("utf-8"))
    for name, rows in tables().items():
        with (root / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS[name], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return root
