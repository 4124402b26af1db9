"""`check_data` (lib/datacheck.py) on small fixture folders under tests/data/datacheck/.

`good/` is a complete, consistent data folder. Each `bad_*/` folder holds only the file(s)
that differ from `good/`: the test copies `good/`, lays the bad files over it and expects
exactly one problem, with its specific message.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lib.datacheck import (
    HEADERS,
    check_data,
    chinese_number,
    numbers_in,
    value_in_quote,
)

FIXTURES = Path(__file__).resolve().parent / "data" / "datacheck"
REPO_DATA = Path(__file__).resolve().parent.parent / "data"


def data_dir(tmp_path: Path, bad: str | None = None) -> Path:
    """A copy of good/, with the files of `bad` laid over it."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "good", target)
    if bad:
        for path in (FIXTURES / bad).iterdir():
            shutil.copy(path, target / path.name)
    return target


def test_good_fixture_has_no_problem(tmp_path):
    assert check_data(data_dir(tmp_path)) == []


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            "bad_quote",
            "targets.csv row 1 (zj_test-001): quote not found verbatim in one line of "
            "sources/zj_test.txt: “全社会研发投入强度超过3.4%”",
        ),
        ("bad_value", "targets.csv row 1 (zj_test-001): value 3.5 does not appear in its quote"),
        (
            "bad_converted_value",
            "targets.csv row 2 (zj_test-002): value 2200 does not appear in its quote",
        ),
        (
            "bad_range",
            "targets.csv row 3 (zj_test-003): range_high 3 does not appear in its quote",
        ),
        (
            "bad_indicator",
            "targets.csv row 4 (zj_test-004): indicator_id “hitech_invest” does not exist in "
            "indicators.csv",
        ),
        (
            "bad_plan",
            "targets.csv row 4 (zj_other-004): plan_id “zj_other” does not exist in plans.csv",
        ),
        ("bad_duplicate_id", "targets.csv row 5 (zj_test-001): duplicate id"),
        (
            "bad_comparator",
            "targets.csv row 1 (zj_test-001): comparator “~” is not one of "
            "<, =, >, range, text, ≈, ≤, ≥",
        ),
        (
            "bad_kind",
            "targets.csv row 1 (zj_test-001): kind “goal” is not one of "
            "annual, assigned, baseline, cumulative, funding, target",
        ),
        (
            "bad_source",
            "targets.csv row 1 (zj_test-001): source text sources/zj_missing.txt does not exist",
        ),
        (
            "bad_dangling_corridor",
            "corridor_members.csv row 1 (nowhere 330106): corridor_id “nowhere” does not exist "
            "in corridors.csv",
        ),
        (
            "bad_document_without_quote",
            "corridor_members.csv row 2 (chengxi 330110): source is empty "
            "(allowed only when basis is general knowledge)",
        ),
        (
            "bad_role",
            "corridor_members.csv row 1 (chengxi 330106): role “leader” is not one of "
            "core, intended, member, wing",
        ),
        (
            "bad_region",
            "platforms.csv row 2 (chengxi_zju): region_code “339999” does not exist in regions.csv",
        ),
        (
            "bad_swapped_lonlat",
            "platforms.csv row 1 (chengxi_yuncheng): lon 30.3350 is outside the Yangtze "
            "River Delta",
        ),
        (
            "bad_theme_parent",
            "themes.csv row 2 (zj_test task H1.1): parent_code “H9” is not a code of this plan",
        ),
        ("bad_colour", "corridors.csv row 1 (chengxi): colour “orange” is not #RRGGBB"),
        (
            "bad_header",
            "corridors.csv: header is "
            "id,name_zh,name_en,layer,color,description_zh,description_en,source,quote; "
            "expected id,name_zh,name_en,layer,colour,description_zh,description_en,source,quote",
        ),
    ],
)
def test_each_bad_fixture_gives_its_message(tmp_path, bad, message):
    problems = check_data(data_dir(tmp_path, bad))
    # bad_swapped_lonlat puts lat out of range too; every other fixture breaks one thing.
    if bad == "bad_swapped_lonlat":
        assert problems[0] == message
        assert problems[1].endswith("lat 119.9600 is outside the Yangtze River Delta")
        assert len(problems) == 2
    else:
        assert problems == [message]


def test_missing_regions_file_skips_the_region_check(tmp_path):
    folder = data_dir(tmp_path, "bad_region")
    (folder / "regions.csv").unlink()
    assert check_data(folder) == []


def test_missing_targets_file_is_a_problem(tmp_path):
    folder = data_dir(tmp_path)
    (folder / "targets.csv").unlink()
    assert check_data(folder) == ["targets.csv: file is missing"]


def test_general_knowledge_row_may_carry_a_quote_but_it_must_be_verbatim(tmp_path):
    folder = data_dir(tmp_path)
    path = folder / "corridor_members.csv"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("knowledge,,,", "knowledge,,云城在余杭,"), encoding="utf-8")
    assert check_data(folder) == [
        "corridor_members.csv row 2 (chengxi 330110): quote given but source is empty"
    ]
    path.write_text(
        original.replace("knowledge,,,", "knowledge,zj_test,云城在余杭,"), encoding="utf-8"
    )
    assert check_data(folder) == [
        "corridor_members.csv row 2 (chengxi 330110): quote not found verbatim in one line "
        "of sources/zj_test.txt: “云城在余杭”"
    ]


@pytest.mark.parametrize(
    ("value", "quote", "ok"),
    [
        (3.4, "比重超过3.4%", True),
        (22000, "高新技术企业超2.2万家", True),  # 2.2 × 1e4
        (2.2, "高新技术企业超2.2万家", True),
        (120000000, "投资1.2亿元", True),  # 1.2 × 1e8
        (10000, "技术交易总额累计超1万亿元", True),  # 1 × 1e4 (亿元)
        (22158, "规模达22,158家", True),
        (-5, "下降5%", True),  # the sign is not in the digits
        (1000, "全社会累计研发投入超千亿元", True),  # Chinese numeral
        (2, "两个国家中医临床研究中心", True),
        (3.5, "比重超过3.4%", False),
        (34, "比重超过3.4%", False),
        (220, "高新技术企业超2.2万家", False),
    ],
)
def test_value_in_quote(value, quote, ok):
    assert value_in_quote(value, quote) is ok


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("六", "两", "十五", "三百", "千", "千亿", "二十")] == [
        6,
        2,
        15,
        300,
        1000,
        1000,
        20,
    ]
    assert chinese_number("万") is None
    assert numbers_in("四个千亿目标3.5%") == [3.5, 4.0, 1000.0]


def test_repo_corridor_files_pass():
    """The curated corridor layer of data/ has no problem of its own."""
    if not (REPO_DATA / "corridors.csv").exists():
        pytest.skip("no corridor data")
    corridor_files = ("corridors.csv", "corridor_members.csv", "platforms.csv")
    problems = [p for p in check_data(REPO_DATA) if p.startswith(corridor_files)]
    assert problems == []


def test_repo_corridor_headers_match():
    for name in ("corridors.csv", "corridor_members.csv", "platforms.csv"):
        path = REPO_DATA / name
        if path.exists():
            header = path.read_text(encoding="utf-8").splitlines()[0]
            assert header == ",".join(HEADERS[name])
