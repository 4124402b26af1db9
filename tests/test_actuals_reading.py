"""Reading uploads: encodings, delimiters, Excel cells, headers and spreadsheet row numbers."""

from __future__ import annotations

import io

import openpyxl
import pytest

from lib.actuals.reading import file_size, read_table

CONTENT = "指标代码,地区代码,年份,数值,备注\n研发投入强度,杭州,2022,3.86,杭州统计\n"


def _cells(table) -> list[list]:
    return table.frame.drop(columns="row").to_numpy().tolist()


@pytest.mark.parametrize(
    "data",
    [
        CONTENT.encode("utf-8"),
        CONTENT.encode("utf-8-sig"),
        CONTENT.encode("gb18030"),
        CONTENT.encode("utf-16"),
        CONTENT.replace("\n", "\r\n").encode("gb18030"),
        CONTENT.replace(",", "\t").encode("utf-8"),
        CONTENT.replace(",", ";").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "utf16", "crlf-gb18030", "tabs", "semicolons"],
)
def test_every_encoding_and_delimiter_reads_the_same_cells(data):
    table = read_table(data, "a.csv")
    assert table.problems == []
    assert list(table.frame.columns) == ["row", "indicator_id", "region_code", "year", "value"] + [
        "note"
    ]
    assert _cells(table) == [["研发投入强度", "杭州", "2022", "3.86", "杭州统计"]]
    assert table.frame["row"].tolist() == [2]


def test_row_numbers_are_the_spreadsheet_rows_despite_blank_lines():
    data = (
        b"\n\n  \nindicator_id,region_code,year,value\n\nrd_gdp_share,330000,2022,3\n,,,\nx,y,z,w\n"
    )
    table = read_table(data, "a.csv")
    assert table.frame["row"].tolist() == [6, 8]  # header on row 4; rows 5 and 7 are empty


def test_a_quoted_line_break_stays_in_one_row():
    data = b'indicator_id,region_code,year,value,note\nrd_gdp_share,330000,2022,3,"a\nb"\n'
    table = read_table(data, "a.csv")
    assert table.frame["note"].tolist() == ["a\nb"] and table.frame["row"].tolist() == [2]


def test_headers_are_matched_ignoring_case_width_and_spaces():
    data = " Indicator_ID ,REGION_CODE,Ｙｅａｒ,value , 单位 \nrd_gdp_share,330000,2022,3,%\n"
    table = read_table(data.encode(), "a.csv")
    assert list(table.frame.columns) == ["row", "indicator_id", "region_code", "year", "value"] + [
        "unit"
    ]


def _xlsx(rows, formats=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_excel_cells_become_the_text_a_person_typed():
    data = _xlsx(
        [
            ["indicator_id", "region_code", "year", "value"],
            ["rd_gdp_share", 330100, 2022.0, 0.0386],
            [None, None, None, None],
            ["rd_expenditure", "330000", 2022, 2416.8],
            ["new_hitech_enterprises", 330100, 2023, 2046],
        ],
        {"D2": "0.00%"},
    )
    table = read_table(data, "a.xlsx")
    assert table.problems == []
    assert _cells(table) == [
        ["rd_gdp_share", "330100", "2022", "3.86%"],
        ["rd_expenditure", "330000", "2022", "2416.8"],
        ["new_hitech_enterprises", "330100", "2023", "2046"],
    ]
    assert table.frame["row"].tolist() == [2, 4, 5]


def test_an_xlsx_is_recognised_by_its_content_whatever_its_name():
    data = _xlsx([["indicator_id", "region_code", "year", "value"], ["a", "b", "c", "d"]])
    assert read_table(data, "upload.csv").frame["row"].tolist() == [2]


def test_excel_row_limit_stops_reading_early():
    rows = [["indicator_id", "region_code", "year", "value"]] + [["a", "b", "c", "d"]] * 10
    from lib.actuals.problems import Limits

    table = read_table(_xlsx(rows), "a.xlsx", Limits(max_rows=5))
    assert [p.code for p in table.problems] == ["too_many_rows"]


@pytest.mark.parametrize(
    ("size", "text"), [(0, "0 B"), (512, "512 B"), (2560, "2.5 KB"), (20 * 2**20, "20 MB")]
)
def test_file_sizes_read_like_people_say_them(size, text):
    assert file_size(size) == text
