"""Helpers for the database tests: files of actuals, whole-database snapshots, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from lib.actuals import importer
from lib.models import Actual, ActualChange, UploadBatch

REPO_ROOT = Path(__file__).resolve().parent.parent
YEARS = range(1995, 2031)


def keys(engine: Engine, count: int, offset: int = 0) -> pd.DataFrame:
    """`count` distinct (indicator, region, year) keys that the validation accepts."""
    with engine.connect() as connection:
        indicators = connection.execute(text("SELECT id FROM indicator ORDER BY 1")).scalars().all()
        regions = connection.execute(text("SELECT adcode FROM region ORDER BY 1")).scalars().all()
    wanted = [
        (indicator, region, year)
        for year in YEARS
        for indicator in indicators
        for region in regions
    ][offset : offset + count]
    assert len(wanted) == count, "not enough indicators, regions and years for that many keys"
    return pd.DataFrame(wanted, columns=["indicator_id", "region_code", "year"])


def actuals_csv(rows: pd.DataFrame, value: int, source: str = "", note: str = "") -> bytes:
    """A CSV upload of the keys in rows, all with one whole value (valid for every measure)."""
    return (
        rows.assign(value=value, unit="", source=source, note=note)
        .to_csv(index=False)
        .encode("utf-8")
    )


def upload(engine: Engine, data: bytes, name: str = "actuals.csv") -> int:
    """Preview and commit an upload the way the page does; the new batch id."""
    prepared = importer.prepare(engine, data, name)
    assert prepared.ok, prepared.problems[:5]
    return importer.commit(engine, prepared, who="test").batch_id


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table of the models, in primary-key order."""
    with engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).all()
            ]
            for table in SQLModel.metadata.sorted_tables
        }


def batch_state(engine: Engine) -> dict[str, object]:
    """Batches by status and what the actual and change tables hold, for consistency checks."""
    with engine.connect() as connection:
        batches = dict(
            connection.execute(
                select(UploadBatch.status, func.count()).group_by(UploadBatch.status)
            ).all()
        )
        return {
            "committed": batches.get("committed", 0),
            "undone": batches.get("undone", 0),
            "actual": connection.execute(select(func.count()).select_from(Actual)).scalar(),
            "change": connection.execute(select(func.count()).select_from(ActualChange)).scalar(),
        }


def cli(*args: str, url: str, env: dict | None = None, timeout: float = 300):
    """Run `python -m lib.cli --database-url URL ARGS...` and return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "lib.cli", "--database-url", url, *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
