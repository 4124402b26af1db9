"""Export of DataFrames as CSV and XLSX that spreadsheets open safely.

A cell that begins with =, +, - or @ (or a tab or carriage return, which some spreadsheet
programs strip before reading the rest) is run as a formula by Excel and LibreOffice:
"CSV injection". Every such text cell, and every such column name, gets a leading
apostrophe so that it stays text. Numbers are left alone, so -3.5 stays a number.
"""

from __future__ import annotations

import io
import re

import pandas as pd
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_ENCODING = "utf-8-sig"  # with a BOM, so that Excel reads Chinese as UTF-8
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_MAX_COLUMN_WIDTH = 60


def neutralise(value: object) -> object:
    """The value, with a leading apostrophe if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of frame whose text cells and column names cannot start a formula."""
    safe = frame.copy()
    for column in safe.columns:
        if not (
            pd.api.types.is_numeric_dtype(safe[column]) or pd.api.types.is_bool_dtype(safe[column])
        ):
            safe[column] = safe[column].map(neutralise).astype(object)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV bytes: UTF-8 with a BOM, CRLF rows, no index, formulas neutralised."""
    # With CRLF as the row end, a field holding a lone carriage return gets quoted; with
    # "\n" it would not be, and a spreadsheet would start a new row (and maybe a formula).
    text = neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n")
    return text.encode(CSV_ENCODING)


def sheet_title(name: str) -> str:
    """A valid worksheet name: no []:*?/\\ and at most 31 characters."""
    cleaned = _SHEET_FORBIDDEN.sub(" ", name).strip("' ") or "data"
    return cleaned[:31]


def _display_width(value: object) -> int:
    # Chinese characters take two columns in a spreadsheet cell.
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    """The frame as an XLSX workbook (openpyxl): one sheet, header frozen, columns sized,
    formulas neutralised."""
    safe = neutralise_formulas(frame)
    buffer = io.BytesIO()
    title = sheet_title(sheet_name)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=title)
        sheet = writer.sheets[title]
        sheet.freeze_panes = "A2"
        for i, column in enumerate(safe.columns, start=1):
            longest = max([_display_width(column), *map(_display_width, safe.iloc[:, i - 1])])
            sheet.column_dimensions[get_column_letter(i)].width = min(
                longest + 2, _MAX_COLUMN_WIDTH
            )
    return buffer.getvalue()
