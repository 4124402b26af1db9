"""CSV and XLSX export that spreadsheets open safely (lib/export.py)."""

import io

import pandas as pd
from openpyxl import load_workbook

from lib.export import (
    neutralise,
    neutralise_formulas,
    sheet_title,
    to_csv_bytes,
    to_xlsx_bytes,
)

FRAME = pd.DataFrame(
    {
        "指标": ["研发强度", '=HYPERLINK("http://x")', "+86 571", "-2+3", "@SUM(A1)", "a=b"],
        "value": [3.4, -1.5, 0.0, 2.0, None, 7.0],
        "note": ["超过3.4%", "", None, "\tTAB", "\r=1", "ok"],
    }
)


def test_text_that_a_spreadsheet_would_run_gets_a_leading_apostrophe():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+86") == "'+86"
    assert neutralise("-x") == "'-x"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("a=b") == "a=b"
    assert neutralise("") == ""
    assert neutralise(-3.5) == -3.5  # numbers stay numbers


def test_neutralising_leaves_numbers_and_blanks_and_covers_column_names():
    frame = pd.DataFrame({"=bad": ["=1"], "n": [-2]})
    safe = neutralise_formulas(frame)
    assert list(safe.columns) == ["'=bad", "n"]
    assert safe.iloc[0, 0] == "'=1" and safe.iloc[0, 1] == -2
    assert frame.iloc[0, 0] == "=1"  # the caller's frame is untouched
    safe = neutralise_formulas(FRAME)
    assert safe["value"].tolist()[:2] == [3.4, -1.5]
    assert pd.isna(safe["note"].iloc[2])


def test_csv_is_utf8_with_a_bom_and_neutralised():
    data = to_csv_bytes(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert back.columns[0] == "指标"
    assert back["指标"].tolist() == [
        "研发强度",
        '\'=HYPERLINK("http://x")',
        "'+86 571",
        "'-2+3",
        "'@SUM(A1)",
        "a=b",
    ]
    assert back["value"].tolist()[:2] == ["3.4", "-1.5"]  # a negative number is no formula
    assert back["note"].tolist()[3:5] == ["'\tTAB", "'\r=1"]


def test_xlsx_holds_text_not_formulas_with_a_frozen_header():
    workbook = load_workbook(io.BytesIO(to_xlsx_bytes(FRAME, "指标对齐")))
    sheet = workbook["指标对齐"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["指标", "value", "note"]
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert '\'=HYPERLINK("http://x")' in cells
    for row in sheet.iter_rows(min_row=2):
        assert row[0].data_type == "s"  # never "f" (formula)
    assert cells["研发强度"][1].value == 3.4 and cells['\'=HYPERLINK("http://x")'][1].value == -1.5
    assert cells["'+86 571"][2].value is None
    assert sheet.column_dimensions["A"].width >= len('\'=HYPERLINK("http://x")')


def test_sheet_titles_are_made_valid():
    assert sheet_title("a/b:c*d?[e]") == "a b c d  e"
    assert len(sheet_title("x" * 40)) == 31
    assert sheet_title("///") == "data"
