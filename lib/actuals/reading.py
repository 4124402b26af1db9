"""Read an uploaded CSV or XLSX into text cells under the template's column names.

Every cell stays text here (validation parses it), and every row keeps the number the
steward sees in a spreadsheet (the header is row 1), so that messages point to the right row.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath

import pandas as pd

from lib.actuals.problems import Limits, Problem

COLUMNS = ("indicator_id", "region_code", "year", "value", "unit", "source", "note")
REQUIRED = COLUMNS[:4]

# Normalised header text (see normalise) -> template column. Chinese headers are accepted
# as well as the English ones, plus the obvious variants a steward might type.
HEADER_NAMES: dict[str, str] = {
    **{name: "indicator_id" for name in ("indicator_id", "indicator", "指标代码", "指标")},
    **{name: "indicator_id" for name in ("指标名称", "指标id")},
    **{name: "region_code" for name in ("region_code", "region", "adcode", "地区代码", "地区")},
    **{name: "region_code" for name in ("地区名称", "行政区划代码")},
    **{name: "year" for name in ("year", "年份", "年度")},
    **{name: "value" for name in ("value", "数值", "值", "实际值")},
    **{name: "unit" for name in ("unit", "单位")},
    **{name: "source" for name in ("source", "来源", "数据来源")},
    **{name: "note" for name in ("note", "备注", "说明")},
}

TEXT_SUFFIXES = {"", ".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and other Office 97 files)
DELIMITERS = (",", "\t", ";")
LEADING_BLANK_LINES = re.compile(rb"(?:[ \t\r]*\n)*")
UNCLOSED_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")


@dataclass
class Table:
    """The cells of an upload: one text column per template column present, plus `row`."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the file could be read into rows (row-level checks can run)."""
        return not any(p.is_error for p in self.problems)


def normalise(text: str) -> str:
    """Text as names are compared: NFKC (full-width to ASCII), single spaces, casefolded."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def file_size(size: int) -> str:
    """A byte count as people read it: 512 B, 2.5 KB, 20 MB."""
    for unit, scale in (("MB", 2**20), ("KB", 2**10)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} B"


def read_table(data: bytes, file_name: str, limits: Limits | None = None) -> Table:
    """Read CSV (UTF-8, UTF-8 with BOM, GB18030) or XLSX bytes into a Table."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        return _failed(
            "file_too_large", size=file_size(len(data)), limit=file_size(limits.max_bytes)
        )
    if not data.replace(b"\xef\xbb\xbf", b"").strip():
        return _failed("file_empty")
    suffix = PurePath(file_name).suffix.lower()
    if data.startswith(OLE_MAGIC):
        return _failed("old_excel")
    if data.startswith(ZIP_MAGIC) or suffix in XLSX_SUFFIXES:
        grid = _xlsx_grid(data, limits)
    elif suffix in TEXT_SUFFIXES:
        grid = _csv_grid(data)
    else:
        return _failed("file_type", name=file_name)
    if isinstance(grid, Problem):
        return Table(_empty_frame(), [grid])
    return _table_from_grid(grid, limits)


def _failed(code: str, **params) -> Table:
    return Table(_empty_frame(), [Problem(code, params=params)])


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({"row": pd.Series(dtype="int64")})


def _utf8(data: bytes) -> bytes | None:
    """The CSV as UTF-8 without BOM: as it is, or decoded from UTF-16 or GB18030 (as Chinese
    Excel saves); None when no encoding fits. Bytes, not str: pandas parses them leaner."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16").encode("utf-8")
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030").encode("utf-8")
    except UnicodeDecodeError:
        return None


def _csv_grid(data: bytes) -> pd.DataFrame | Problem:
    try:
        text = _utf8(data)
    except UnicodeError:
        text = None
    if text is None:
        return Problem("encoding")
    # pandas reads a leading blank line as an empty header: skip those lines, count them.
    blank = LEADING_BLANK_LINES.match(text)
    text, skipped = text[blank.end() :], blank.group(0).count(b"\n")
    first_line = text.split(b"\n", 1)[0].decode("utf-8")
    delimiter = max(DELIMITERS, key=first_line.count)
    options = dict(
        sep=delimiter,
        header=None,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,  # keeps row numbers equal to spreadsheet rows
        encoding="utf-8",
    )
    try:
        grid = pd.read_csv(io.BytesIO(text), **options)
    except pd.errors.ParserError:
        grid = None  # some row is longer than the first: read again with room for every cell
    try:
        if grid is None:
            lines = io.StringIO(text.decode("utf-8"))
            width = max(len(row) for row in csv.reader(lines, delimiter=delimiter))
            grid = pd.read_csv(io.BytesIO(text), names=range(width), **options)
    except (pd.errors.ParserError, csv.Error) as error:
        unclosed = UNCLOSED_QUOTE.search(str(error))
        if unclosed:  # pandas counts lines from 0; spreadsheets count rows from 1
            return Problem("csv_unclosed_quote", row=skipped + int(unclosed.group(1)) + 1)
        return Problem("csv_malformed", params={"detail": str(error).strip()})
    grid.index = pd.RangeIndex(skipped + 1, skipped + len(grid) + 1)  # spreadsheet rows
    return grid


def _xlsx_cell(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        # A cell typed as "3.4%" is stored as 0.034 with a percent format: keep what was typed.
        if "%" in (getattr(cell, "number_format", "") or ""):
            return f"{value * 100:.15g}%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _xlsx_grid(data: bytes, limits: Limits) -> pd.DataFrame | Problem:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for damaged or encrypted files
        return Problem("xlsx_unreadable", params={"detail": type(error).__name__})
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        filled = 0
        for cells in sheet.iter_rows(min_row=1):
            row = [_xlsx_cell(cell) for cell in cells]
            filled += any(v.strip() for v in row)
            if filled > limits.max_rows + 1:  # + the header row
                return Problem("too_many_rows", params={"limit": limits.max_rows})
            rows.append(row)
    finally:
        workbook.close()
    width = max((len(r) for r in rows), default=0)
    grid = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=str)
    grid.index = pd.RangeIndex(1, len(grid) + 1)  # spreadsheet rows
    return grid


def _table_from_grid(grid: pd.DataFrame, limits: Limits) -> Table:
    grid = grid.apply(lambda column: column.str.strip())
    filled = (grid != "").any(axis=1)
    if not filled.any():
        return _failed("file_empty")
    header_at = int(filled.to_numpy().argmax())  # the first row with any content
    header_cells = grid.iloc[header_at].tolist()
    body = grid.iloc[header_at + 1 :]
    body = body[filled.iloc[header_at + 1 :]]
    headers = [h for h in header_cells if h]
    problems: list[Problem] = []

    columns: dict[str, int] = {}
    seen: dict[str, list[str]] = {}
    unnamed: list[int] = []
    for position, header in enumerate(header_cells):
        if not header:
            unnamed.append(position)
            continue
        column = HEADER_NAMES.get(normalise(header).strip("*"))
        if column is None:
            problems.append(
                Problem("unknown_column", params={"header": header}, severity="warning")
            )
            continue
        seen.setdefault(column, []).append(header)
        columns.setdefault(column, position)
    for column, names in seen.items():
        if len(names) > 1:
            problems.append(Problem("duplicate_column", column=column, params={"headers": names}))
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        problems.append(Problem("missing_columns", params={"columns": missing, "found": headers}))
    if any(p.is_error for p in problems):
        return Table(_empty_frame(), problems, headers)
    if body.empty:
        return Table(_empty_frame(), [*problems, Problem("no_data_rows")], headers)
    if len(body) > limits.max_rows:
        return Table(
            _empty_frame(),
            [*problems, Problem("too_many_rows", params={"limit": limits.max_rows})],
            headers,
        )

    frame = pd.DataFrame({c: body.iloc[:, p].reset_index(drop=True) for c, p in columns.items()})
    frame.insert(0, "row", body.index.to_numpy(dtype="int64"))
    if unnamed:
        extra = body.iloc[:, unnamed]
        shifted = (extra != "").any(axis=1).to_numpy()
        for row, values in zip(frame["row"][shifted], extra[shifted].to_numpy(), strict=True):
            shown = " | ".join(v for v in values if v)
            problems.append(Problem("extra_cells", row=int(row), params={"values": shown}))
    return Table(frame, problems, headers)
