"""Tables the upload page shows: the preview of a file and the history of batches."""

from __future__ import annotations

import pandas as pd

from lib.i18n import name_column, t

PREVIEW_COLUMNS = {
    "insert": ["row", "indicator", "region", "year", "value", "unit", "source", "note"],
    "change": [
        "row",
        "indicator",
        "region",
        "year",
        "old_value",
        "new_value",
        "unit",
        "old_source",
        "source",
        "old_note",
        "note",
        "old_batch",
    ],
    "same": ["row", "indicator", "region", "year", "value", "unit", "source", "note"],
}
HISTORY_COLUMNS = [
    "batch",
    "file",
    "time",
    "who",
    "total",
    "inserted",
    "updated",
    "unchanged",
    "status",
]


def preview_table(
    rows: pd.DataFrame,
    kind: str,
    lang: str,
    indicators: pd.DataFrame,
    regions: pd.DataFrame,
    limit: int | None = None,
) -> pd.DataFrame:
    """Rows of one kind (insert, change, same) with names in lang; changes show old and new."""
    shown = rows.head(limit) if limit else rows
    names = name_column(lang)
    indicator_names = indicators.set_index("id")[names]
    region_names = regions.set_index("adcode")[names]
    table = pd.DataFrame(
        {
            "row": shown["row"],
            "indicator": shown["indicator_id"].map(indicator_names).fillna(shown["indicator_id"]),
            "region": shown["region_code"].map(region_names).fillna(shown["region_code"]),
            "year": shown["year"],
            "value": shown["value"],
            "new_value": shown["value"],
            "unit": shown["unit"],
            "source": shown["source"],
            "note": shown["note"],
        }
    )
    if kind == "change":
        table["old_value"] = shown["old_value"]
        table["old_source"] = shown["old_source"]
        table["old_note"] = shown["old_note"]
        table["old_batch"] = shown["old_batch_id"].map(lambda batch: f"#{batch}")
    table = table[PREVIEW_COLUMNS[kind]]
    texts = [c for c in ("source", "note", "old_source", "old_note") if c in table]
    table[texts] = table[texts].fillna("")
    return table.rename(columns={c: t(f"upload.col.{c}", lang) for c in table.columns})


def history_table(batches: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every batch: number, file, time, who, counts and status, in lang."""
    table = pd.DataFrame(
        {
            "batch": batches["id"].map(lambda batch: f"#{batch}"),
            "file": batches["file_name"],
            "time": pd.to_datetime(batches["created_at"]).dt.strftime("%Y-%m-%d %H:%M"),
            "who": batches["who"].fillna("—"),
            "total": batches["rows_total"],
            "inserted": batches["rows_inserted"],
            "updated": batches["rows_updated"],
            "unchanged": batches["rows_unchanged"],
            "status": batches["status"].map(lambda status: t(f"upload.status.{status}", lang)),
        }
    )
    return table.rename(columns={c: t(f"upload.col.{c}", lang) for c in HISTORY_COLUMNS})
