"""The template stewards fill in: CSV (UTF-8 with BOM, for Excel) and XLSX with code lists."""

from __future__ import annotations

import io

import pandas as pd

from lib.actuals.messages import column_label
from lib.actuals.reading import COLUMNS
from lib.i18n import t

# No example rows: a forgotten example would be imported as if it were a real value.


def headers(lang: str) -> list[str]:
    """The template's header row in lang (both languages are accepted on upload)."""
    return [column_label(column, lang) for column in COLUMNS]


def template_csv(lang: str) -> bytes:
    """The header row as CSV, UTF-8 with a BOM so that Excel shows Chinese correctly."""
    return (",".join(headers(lang)) + "\r\n").encode("utf-8-sig")


def template_xlsx(lang: str, indicators: pd.DataFrame, regions: pd.DataFrame) -> bytes:
    """An Excel workbook: the sheet to fill, then the indicators and regions to choose from."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = t("upload.template_sheet", lang)
    sheet.append(headers(lang))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFG", (28, 14, 8, 12, 8, 24, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    # Codes are text: keep Excel from turning 330100 into a number or 2023 into a date.
    for letter in "AB":
        for row in range(2, 1002):
            sheet[f"{letter}{row}"].number_format = "@"

    listed = workbook.create_sheet(t("upload.template_indicators", lang))
    listed.append(["indicator_id", "name_zh", "name_en", "unit", "measure"])
    for row in indicators.sort_values("id").itertuples(index=False):
        listed.append([row.id, row.name_zh, row.name_en, row.unit, row.measure])
    listed.column_dimensions["A"].width = 36
    listed.column_dimensions["B"].width = 40
    listed.column_dimensions["C"].width = 60

    places = workbook.create_sheet(t("upload.template_regions", lang))
    places.append(["region_code", "name_zh", "name_en"])
    for row in regions.sort_values("adcode").itertuples(index=False):
        places.append([row.adcode, row.name_zh, row.name_en])
    places.column_dimensions["B"].width = 20
    places.column_dimensions["C"].width = 20

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
