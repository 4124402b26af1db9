"""The candidate extractor (lib/extract.py) on hand-made lines and on the real sources."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from lib.extract import (
    COLUMNS,
    find_numeric_statements,
    numbers_in,
    scan_sources,
    uncovered_candidates,
)

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"


def one(text: str) -> dict:
    """The only candidate found in `text`."""
    found = find_numeric_statements(text, "t")
    assert len(found) == 1, found[["number_text", "quote"]]
    return found.iloc[0].to_dict()


def test_columns_and_empty_text():
    frame = find_numeric_statements("", "t")
    assert list(frame.columns) == COLUMNS
    assert frame.empty


@pytest.mark.parametrize(
    ("text", "number", "unit", "comparator"),
    [
        ("全社会研究与试验发展经费支出占地区生产总值比重超过3.4%", 3.4, "%", ">"),
        ("高新技术产业增加值占规上工业增加值比重达到66%", 66, "%", "="),
        ("战略性新兴产业产值比重达到70%以上", 70, "%", "≥"),
        ("每万人口高价值发明专利拥有量达到17件以上", 17, "件", "≥"),
        ("培育世界一流企业15家左右", 15, "家", "≈"),
        ("给予每个试点县每年约500万元的经费支持", 500, "万元", "≈"),
        ("力争科技型中小企业突破1.5万家", 1.5, "万家", ">"),
        ("科技基础设施投资累计超1000亿元", 1000, "亿元", ">"),
        ("补偿额可不低于5%", 5, "%", "≥"),
        ("给予不超过20%的财政补助", 20, "%", "≤"),
        ("2020年全省高新技术企业规模达22158家", 22158, "家", "="),
        ("争取建成国家实验室（基地）4家（个）以上", 4, "家", "≥"),
        ("每万名就业人员中研发人员达到185人年以上", 185, "人年", "≥"),
        ("有效发明专利拥有量15.5万件", 15.5, "万件", "="),
    ],
)
def test_number_unit_comparator(text, number, unit, comparator):
    row = one(text)
    assert row["number"] == pytest.approx(number)
    assert row["unit"] == unit
    assert row["comparator"] == comparator
    assert row["quote"] in text


def test_multiplier_and_base_unit():
    row = one("高新技术企业超2.2万家")
    assert (row["number"], row["multiplier"], row["base_unit"]) == (2.2, 1e4, "家")
    assert row["number_text"] == "2.2万家"
    money = one("投资超1000亿元")  # 亿元 is a unit of its own
    assert (money["multiplier"], money["base_unit"]) == (1.0, "亿元")
    trillion = one("规模超3万亿")
    assert (trillion["multiplier"], trillion["base_unit"]) == (1e12, "")


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("建设省技术创新中心10-15家", 10, 15, "家"),
        ("争创国家技术创新中心1—2家", 1, 2, "家"),
        ("取得硬核科技成果5—10项", 5, 10, "项"),
        ("新建3至5个平台", 3, 5, "个"),
    ],
)
def test_ranges(text, low, high, unit):
    row = one(text)
    assert row["comparator"] == "range"
    assert math.isnan(row["number"])
    assert (row["range_low"], row["range_high"], row["unit"]) == (low, high, unit)


def test_year_context_is_the_latest_target_year_before_the_number():
    text = "到2025年，建成6条科创走廊；到2027年，高新技术企业超5万家。"
    found = find_numeric_statements(text, "t")
    assert found["number"].tolist() == [6, 5]
    assert found["year"].tolist() == [2025, 2027]
    baseline = one("2020年全省高新技术企业规模达22158家")
    assert pd.isna(baseline["year"])


def test_quote_is_the_clause_around_the_number():
    text = (
        "到2022年，力争集聚高水平科研院所100家、科创团队100个，战略性新兴产业产值比重达到70%以上。"
    )
    found = find_numeric_statements(text, "t")
    assert found["quote"].tolist() == [
        "力争集聚高水平科研院所100家、科创团队100个",
        "力争集聚高水平科研院所100家、科创团队100个",
        "战略性新兴产业产值比重达到70%以上",
    ]
    assert all(found["year"] == 2022)


def test_a_short_clause_takes_the_previous_one_with_it():
    row = one("高新技术产业投资增长，达20%。")
    assert row["quote"] == "高新技术产业投资增长，达20%"


@pytest.mark.parametrize(
    "text",
    [
        "2024年3月12日",
        "深化G60科创走廊建设，发展5G网络",
        "浙政发〔2023〕5号",
        "1.打造新型实验室体系",
        "九届市人民政府第22次常务会议",
        "“十四五”期间实施“315”工程",
        "2016-2019年年均增长",
        "专栏1三大高地高新技术产业重点领域",
    ],
)
def test_dates_names_and_markers_are_not_statements(text):
    assert find_numeric_statements(text, "t").empty


def test_table_rows_keep_bare_numbers_and_quote_the_whole_row():
    row_text = "1\tR&D经费支出占GDP比重(%)\t4.2\t4.0\t3.95\t市科技局"
    found = find_numeric_statements("附件\n" + row_text, "t")
    assert found["number"].tolist() == [4.2, 4.0, 3.95]  # not the row number 1
    assert set(found["quote"]) == {row_text}
    assert set(found["line_no"]) == {2}
    dash = find_numeric_statements("5\t投资额(亿元)\t3.1\t-\t6.5", "t")
    assert dash["comparator"].tolist() == ["=", "="]  # a "-" cell is not a range


def test_bare_numbers_in_prose_are_skipped_but_fractions_kept():
    text = "推进数字化改革2.0版本建设，贡献了近1/2高新技术产业增加值、1/3规上工业增加值和一批成果。"
    found = find_numeric_statements(text, "t")
    assert found["number_text"].tolist() == ["1/2", "1/3"]
    assert found["number"].round(4).tolist() == [0.5, 0.3333]
    assert found["comparator"].tolist() == ["≈", "="]


@pytest.mark.skipif(not SOURCES.exists(), reason="no source texts")
def test_every_quote_is_verbatim_in_its_line_of_the_real_sources():
    found = scan_sources(SOURCES)
    assert len(found) > 300
    lines = {
        path.stem: path.read_text(encoding="utf-8").splitlines() for path in SOURCES.glob("*.txt")
    }
    for row in found.itertuples():
        line = lines[row.source][row.line_no - 1]
        assert row.quote in line
        assert row.number_text in line
    assert set(found["comparator"]) <= {"≥", ">", "≈", "=", "≤", "<", "range"}


def test_uncovered_candidates():
    text = "\n".join(
        [
            "到2027年，研发投入强度超过3.4%，高新技术企业超5万家。",
            "争创国家技术创新中心1—2家，建设省实验室10家。",
        ]
    )
    candidates = find_numeric_statements(text, "plan_a")
    assert candidates["number_text"].tolist() == ["3.4%", "5万家", "1—2家", "10家"]
    targets = pd.DataFrame(
        {
            "plan_id": ["plan_a", "plan_a", "plan_b"],
            "source": ["plan_a", "", "plan_b"],  # empty source falls back to plan_id
            "quote": ["研发投入强度超过3.4%", "争创国家技术创新中心1—2家", "建设省实验室10家"],
        }
    )
    left = uncovered_candidates(candidates, targets)
    # 10家 is quoted only for another source, 5万家 nowhere.
    assert left["number_text"].tolist() == ["5万家", "10家"]
    # A range needs both bounds in one quote.
    half = targets.assign(quote=["研发投入强度超过3.4%", "争创1家", "建设省实验室10家"])
    assert uncovered_candidates(candidates, half)["number_text"].tolist() == [
        "5万家",
        "1—2家",
        "10家",
    ]
    assert uncovered_candidates(candidates.iloc[0:0], targets).empty


def test_uncovered_candidates_strict_needs_the_same_clause():
    candidates = find_numeric_statements("新增平台10家。\n建设省实验室10家。", "p")
    targets = pd.DataFrame({"source": ["p"], "quote": ["建设省实验室10家"]})
    assert uncovered_candidates(candidates, targets).empty
    strict = uncovered_candidates(candidates, targets, strict=True)
    assert strict["quote"].tolist() == ["新增平台10家"]


def test_numbers_in():
    assert numbers_in("超2.2万家、1—2家") == [2.2, 1.0, 2.0]
    assert numbers_in("") == []
