"""Every validation rule, each with a small bad file and the exact message a steward reads."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.actuals.messages import describe
from lib.actuals.problems import Limits
from lib.actuals.reading import Table
from lib.actuals.reference import Reference, load_reference
from lib.actuals.validation import check_file, validate
from lib.curated import load_curated
from lib.db import DATA_DIR, make_engine
from tests.conftest import TEST_DATA

UPLOADS = TEST_DATA / "uploads"
GOOD, BAD_DIR = UPLOADS / "good", UPLOADS / "bad"

# Files that need a smaller limit than the defaults to be over it.
LIMITS = {"too_large.csv": Limits(max_bytes=2048), "too_many_rows.csv": Limits(max_rows=5)}

RD = "“R&D expenditure as a share of GDP”"
NEW_HT = "“New high-tech enterprises”"
NUMBER_HINT = "Write a number such as 3.4, 1,234 or 3.4%."

# Each bad file and every message (English) it must produce, in order.
BAD: dict[str, list[str]] = {
    "empty.csv": ["The file is empty."],
    "blank_lines_only.csv": ["The file is empty."],
    "header_only.csv": ["The file has a header row but no data rows."],
    "missing_columns.csv": [
        "Required column(s) missing: year. The header (the first non-empty row) has: "
        "indicator_id, region, 数值."
    ],
    "duplicate_column.csv": [
        "The column “year” appears more than once (headers: year, 年份). Keep only one."
    ],
    "unknown_indicator.csv": [
        "Row 2, indicator_id: unknown indicator “rd_gdp_shares”. Did you mean: rd_gdp_share "
        "(R&D expenditure as a share of GDP)?"
    ],
    "unknown_region_name.csv": [
        "Row 2, region_code: unknown region “杭洲市”. Did you mean: 330100 (Hangzhou)?"
    ],
    "unknown_region_code.csv": [
        "Row 2, region_code: unknown region “330199”. Did you mean: 330109 (Xiaoshan), "
        "330922 (Shengsi), 330921 (Daishan)?"
    ],
    "unit_mismatch.csv": [
        f"Row 2, unit: the unit “个” does not match the unit “家” of the indicator {NEW_HT}. "
        "Convert the value to “家” or leave the unit empty."
    ],
    "percent_for_a_count.csv": [
        f"Row 2, value: the unit “%” does not match the unit “家” of the indicator {NEW_HT}. "
        "Convert the value to “家” or leave the unit empty."
    ],
    "year_out_of_range.csv": [
        "Row 2, year: the year 1989 is outside the sensible range 1990–2035.",
        "Row 3, year: the year 2036 is outside the sensible range 1990–2035.",
    ],
    "year_not_a_year.csv": [
        "Row 2, year: “二〇二三” is not a year. Write four digits, such as 2023.",
        "Row 3, year: “2023.5” is not a year. Write four digits, such as 2023.",
    ],
    "value_not_a_number.csv": [
        f"Row 2, value: “about 3” is not a number. {NUMBER_HINT}",
        f"Row 3, value: “3,4” is not a number. {NUMBER_HINT}",
    ],
    "negative_count.csv": [
        f"Row 2, value: the value -5 is negative, but the indicator {NEW_HT} cannot be negative."
    ],
    "share_over_100.csv": [
        f"Row 2, value: the value 120 is above 100, but the indicator {RD} is a share (%) and "
        "cannot exceed 100."
    ],
    "fraction_of_a_count.csv": [
        f"Row 2, value: the value 12.5 is not a whole number, but the indicator {NEW_HT} is a "
        "count (家)."
    ],
    "duplicate_rows.csv": [
        "Row 4: duplicates row 2: the same indicator, region and year may appear only once."
    ],
    "required_cell_empty.csv": [
        "Row 2, value: required, but empty.",
        "Row 3, indicator_id: required, but empty.",
    ],
    "shifted_cells.csv": [
        "Row 2: there is content beyond the header's columns (stray). Check that the cells are "
        "not shifted."
    ],
    "too_large.csv": [
        "The file is too large: 2.5 KB, the limit is 2 KB. Split it into several files."
    ],
    "too_many_rows.csv": [
        "The file has too many rows: more than the limit of 5. Split it into several files."
    ],
    "not_utf8_or_gb18030.csv": [
        "The text encoding of the file could not be recognised. Save the CSV as UTF-8 or GB18030."
    ],
    "old_excel.xls": [
        "This is an old Excel (.xls) file. Save it as .xlsx or CSV in Excel and upload it again."
    ],
    "damaged.xlsx": [
        "This Excel file cannot be opened (it may be damaged or encrypted): BadZipFile"
    ],
    "report.pdf": ["Cannot read “report.pdf”: only CSV and Excel (.xlsx) files are accepted."],
    "unclosed_quote.csv": [
        'Row 2: a quotation mark (") opens here and is never closed, so everything after it '
        "reads as one cell. Close the quote or remove it."
    ],
    "note_too_long.csv": ["Row 2, note: too long (501 characters, the limit is 500)."],
    "bad_values.xlsx": [
        f"Row 2, value: the value 120% is above 100, but the indicator {RD} is a share (%) and "
        "cannot exceed 100.",
        f"Row 3, value: “many” is not a number. {NUMBER_HINT}",
    ],
    "many_problems.csv": [
        "Row 3, region_code: unknown region “火星”. No close match; see the lists in the template.",
        "Row 3, year: the year 1900 is outside the sensible range 1990–2035.",
        f"Row 3, value: “x” is not a number. {NUMBER_HINT}",
        f"Row 3, unit: the unit “km” does not match the unit “%” of the indicator {RD}. "
        "Convert the value to “%” or leave the unit empty.",
        "Row 5, indicator_id: unknown indicator “xyz”. No close match; see the lists in the "
        "template.",
        f"Row 6, value: the value 7.5 is not a whole number, but the indicator {NEW_HT} is a "
        "count (家).",
    ],
}


@pytest.fixture(scope="module")
def reference() -> Reference:
    """Indicators and regions of the curated data."""
    engine = make_engine("sqlite://")
    load_curated(engine, DATA_DIR)
    return load_reference(engine)


def check(path, reference):
    return check_file(path.read_bytes(), path.name, reference, LIMITS.get(path.name))


def test_every_bad_fixture_has_its_expected_messages():
    assert {p.name for p in BAD_DIR.iterdir()} == set(BAD)
    assert len(BAD) >= 20


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_file_is_rejected_with_the_message_it_must_produce(reference, name):
    checked = check(BAD_DIR / name, reference)
    assert not checked.ok
    assert [describe(problem, "en") for problem in checked.errors] == BAD[name]
    assert checked.rows.empty  # nothing of a rejected file goes further


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "文件是空的，没有任何内容。"),
        (
            "unknown_region_name.csv",
            "第 2 行，地区代码：未知地区“杭洲市”。您是不是要找：330100（杭州市）？",
        ),
        (
            "share_over_100.csv",
            "第 2 行，数值：数值 120 超过 100，但指标“研究与试验发展经费支出占地区生产总值比重”"
            "是比重（%），不可能超过 100。",
        ),
        ("duplicate_rows.csv", "第 4 行：与第 2 行重复：同一指标、地区和年份只能出现一次。"),
        ("year_out_of_range.csv", "第 2 行，年份：年份 1989 不在合理范围 1990–2035 之内。"),
    ],
)
def test_messages_are_in_chinese_too(reference, name, message):
    assert describe(check(BAD_DIR / name, reference).errors[0], "zh") == message


def test_problems_carry_row_column_code_and_params(reference):
    problem = check(BAD_DIR / "unit_mismatch.csv", reference).errors[0]
    assert (problem.row, problem.column, problem.code) == (2, "unit", "unit_mismatch")
    assert problem.params["given"] == "个" and problem.params["expected"] == "家"


GOOD_ROWS = {
    "actuals_en.csv": [
        (2, "rd_gdp_share", "330000", 2022, 3.11, "%", "浙江统计年鉴2023", None),
        (3, "rd_gdp_share", "330100", 2022, 3.86, "%", None, None),
        (5, "rd_gdp_share", "330200", 2022, 3.0, "%", None, None),
        (6, "new_hitech_enterprises", "330100", 2023, 2046.0, "家", None, "provisional"),
        (8, "new_hitech_enterprises", "330100", 2022, 1560.0, "家", None, "full-width digits"),
        (9, "rd_expenditure", "330000", 2022, 2416.8, "亿元", None, None),
        (10, "industrial_va_growth", "330000", 2023, -1.5, "%", None, "a rate may be negative"),
    ],
    "actuals_zh_bom.csv": [
        (2, "rd_gdp_share", "330000", 2021, 2.94, "%", "统计公报", None),
        (3, "new_hitech_enterprises", "330200", 2021, 1200.0, "家", None, None),
    ],
    "actuals_zh_gb18030.csv": [
        (2, "rd_gdp_share", "330100", 2021, 3.7, "%", "杭州统计年鉴", None),
        (3, "hitech_enterprises", "330300", 2021, 3500.0, "家", None, "存量"),
    ],
    "actuals.xlsx": [
        (2, "rd_gdp_share", "330100", 2020, 3.49, "%", "年鉴", None),
        (3, "new_hitech_enterprises", "330200", 2020, 1001.0, "家", None, None),
        (5, "rd_expenditure", "330100", 2020, 667.5, "亿元", None, "xlsx"),
    ],
}


def _tuples(rows: pd.DataFrame) -> list[tuple]:
    return [
        tuple(None if pd.isna(v) else v for v in row)
        for row in rows[
            ["row", "indicator_id", "region_code", "year", "value", "unit", "source", "note"]
        ].itertuples(index=False)
    ]


@pytest.mark.parametrize("name", sorted(GOOD_ROWS))
def test_good_files_are_read_and_resolved(reference, name):
    checked = check(GOOD / name, reference)
    assert checked.problems == []
    assert _tuples(checked.rows) == GOOD_ROWS[name]


def _table(csv_text: str, reference) -> list[str]:
    checked = check_file(csv_text.encode(), "t.csv", reference)
    return [describe(p, "en") for p in checked.problems], checked.rows


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("3.4%", 3.4),
        ("3.4 %", 3.4),
        ("3.4％", 3.4),
        ("３．４", 3.4),
        ("+3.4", 3.4),
        ("1,234.5", 1234.5),
        ("１，２３４", 1234.0),
        ("3\ue0104", 3.4),
        ("  42  ", 42.0),
        ("0", 0.0),
    ],
)
def test_numbers_are_normalised_the_way_people_write_them(reference, written, value):
    indicator = "rd_gdp_share" if value < 100 else "rd_expenditure"
    problems, rows = _table(
        f'indicator_id,region_code,year,value\n{indicator},330000,2022,"{written}"\n', reference
    )
    assert problems == []
    assert rows["value"].tolist() == [value]


@pytest.mark.parametrize("written", ["1,23", "12,3456", "3.4.5", "nan", "inf", "--1", "%"])
def test_things_that_look_almost_like_numbers_are_refused(reference, written):
    problems, _ = _table(
        f'indicator_id,region_code,year,value\nrd_gdp_share,330000,2022,"{written}"\n', reference
    )
    assert problems == [f"Row 2, value: “{written}” is not a number. {NUMBER_HINT}"]


@pytest.mark.parametrize("year", ["2022", "2022.0", "２０２２", "2022年", " 2022 "])
def test_years_are_accepted_as_people_write_them(reference, year):
    problems, rows = _table(
        f"indicator_id,region_code,year,value\nrd_gdp_share,330000,{year},3\n", reference
    )
    assert problems == [] and rows["year"].tolist() == [2022]


@pytest.mark.parametrize(
    ("region", "code"),
    [
        ("杭州", "330100"),
        ("杭州市", "330100"),
        ("Hangzhou", "330100"),
        ("hangzhou", "330100"),
        ("330100", "330100"),
        ("330100.0", "330100"),
        ("３３０１００", "330100"),
        ("西湖区", "330106"),
        ("浙江省", "330000"),
    ],
)
def test_regions_by_name_or_adcode(reference, region, code):
    problems, rows = _table(
        f"indicator_id,region_code,year,value\nrd_gdp_share,{region},2022,3\n", reference
    )
    assert problems == [] and rows["region_code"].tolist() == [code]


@pytest.mark.parametrize(
    "indicator",
    [
        "rd_gdp_share",
        "RD_GDP_SHARE",
        "研究与试验发展经费支出占地区生产总值比重",
        "R&D expenditure as a share of GDP",
        "r&d expenditure  as a share of gdp",
        "研发投入强度",
        "R&D经费支出占GDP比重",
    ],
)
def test_indicators_by_code_name_or_alias(reference, indicator):
    problems, rows = _table(
        f"indicator_id,region_code,year,value\n{indicator},330000,2022,3\n", reference
    )
    assert problems == [] and rows["indicator_id"].tolist() == ["rd_gdp_share"]


@pytest.mark.parametrize(("unit", "ok"), [("", True), ("%", True), ("％", True), ("家", False)])
def test_unit_is_the_indicators_or_empty(reference, unit, ok):
    problems, rows = _table(
        f"indicator_id,region_code,year,value,unit\nrd_gdp_share,330000,2022,3,{unit}\n", reference
    )
    assert (problems == []) is ok
    if ok:
        assert rows["unit"].tolist() == ["%"]  # stored in the indicator's own unit


def test_a_rate_may_be_negative_and_above_100(reference):
    problems, _ = _table(
        "indicator_id,region_code,year,value\n"
        "industrial_va_growth,330000,2022,-3.5\nindustrial_va_growth,330000,2023,120\n",
        reference,
    )
    assert problems == []


def test_every_problem_of_a_file_is_reported_not_just_the_first(reference):
    rows = "".join(f"rd_gdp_share,330000,{year},-1\n" for year in range(2000, 2030))
    checked = check_file(("indicator_id,region_code,year,value\n" + rows).encode(), "t", reference)
    assert [p.row for p in checked.errors] == list(range(2, 32))


def test_an_unknown_column_is_a_note_and_does_not_block(reference):
    checked = check_file(
        b"indicator_id,region_code,year,value,comment\nrd_gdp_share,330000,2022,3,hi\n",
        "t.csv",
        reference,
    )
    assert checked.ok and len(checked.rows) == 1
    assert [describe(p, "en") for p in checked.warnings] == [
        "The column “comment” is not a template column and is ignored."
    ]


def test_an_ambiguous_name_is_refused_with_the_candidates():
    indicators = pd.DataFrame(
        [
            ("a_count", "企业数", "Firms", "家", "count", "企业"),
            ("b_count", "企业总数", "All firms", "家", "count", "企业"),
        ],
        columns=["id", "name_zh", "name_en", "unit", "measure", "aliases"],
    )
    regions = pd.DataFrame(
        [("330000", "浙江省", "Zhejiang", "浙江")],
        columns=["adcode", "name_zh", "name_en", "short_zh"],
    )
    reference = Reference.from_frames(indicators, regions)
    frame = pd.DataFrame(
        {"row": [2], "indicator_id": ["企业"], "region_code": ["浙江"], "year": ["2022"]}
        | {"value": ["5"]}
    )
    checked = validate(Table(frame), reference)
    assert [describe(p, "en") for p in checked.errors] == [
        "Row 2, indicator_id: “企业” could be several indicators: a_count (Firms), "
        "b_count (All firms). Write the indicator code."
    ]
