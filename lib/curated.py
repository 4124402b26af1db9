"""Load the curated CSV files under data/ into the database, idempotently.

Curated tables mirror the files exactly: rows are inserted, updated or deleted so that a
second run changes nothing. Uploaded actuals and their batches are never touched.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from lib.db import begin_exclusive, session_scope
from lib.migrate import upgrade
from lib.models import Corridor, CorridorMember, Indicator, Plan, Platform, Region, Target, Theme


@dataclass(frozen=True)
class CuratedTable:
    """One curated CSV file and the table it fills."""

    file_name: str
    model: type[SQLModel]
    key_fields: tuple[str, ...]


# In dependency order: a table's foreign keys point only to tables above it.
CURATED_TABLES: tuple[CuratedTable, ...] = (
    CuratedTable("regions.csv", Region, ("adcode",)),
    CuratedTable("indicators.csv", Indicator, ("id",)),
    CuratedTable("plans.csv", Plan, ("id",)),
    CuratedTable("targets.csv", Target, ("id",)),
    CuratedTable("themes.csv", Theme, ("plan_id", "theme_type", "code")),
    CuratedTable("corridors.csv", Corridor, ("id",)),
    CuratedTable("corridor_members.csv", CorridorMember, ("corridor_id", "region_code", "role")),
    CuratedTable("platforms.csv", Platform, ("id",)),
)


@dataclass
class SyncCount:
    """How many rows one table gained, changed and lost."""

    inserted: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def changed(self) -> bool:
        """Whether anything was written."""
        return bool(self.inserted or self.updated or self.deleted)


def _allows_none(annotation: object) -> bool:
    return isinstance(annotation, types.UnionType | typing._UnionGenericAlias) and type(
        None
    ) in typing.get_args(annotation)


def read_records(path: Path, model: type[SQLModel]) -> list[dict]:
    """Read one CSV into validated dicts with the model's field types."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    fields = {name: f for name, f in model.model_fields.items() if name != "id" or "id" in frame}
    records = []
    for raw in frame.to_dict("records"):
        cleaned = {}
        for name, field in fields.items():
            if name not in raw:
                continue
            value = raw[name].strip()
            cleaned[name] = None if value == "" and _allows_none(field.annotation) else value
        records.append(model.model_validate(cleaned).model_dump(exclude_unset=False))
    if "id" not in frame and "id" in model.model_fields:
        for record in records:
            record.pop("id", None)
    return records


def _plan_sync(session: Session, table: CuratedTable, records: list[dict]):
    existing = {
        tuple(getattr(row, f) for f in table.key_fields): row
        for row in session.exec(select(table.model))
    }
    wanted = {tuple(r[f] for f in table.key_fields): r for r in records}
    stale = [row for key, row in existing.items() if key not in wanted]
    return existing, wanted, stale


def load_curated(engine: Engine, data_dir: Path) -> dict[str, SyncCount]:
    """Upgrade the schema, then make the curated tables match data_dir in one transaction."""
    upgrade(engine)
    present = [t for t in CURATED_TABLES if (data_dir / t.file_name).exists()]
    records = {t.file_name: read_records(data_dir / t.file_name, t.model) for t in present}
    counts = {t.file_name: SyncCount() for t in present}
    with session_scope(engine) as session:
        # Two init-db at once (say, two app instances starting): the second waits, then sees
        # what the first wrote and changes nothing.
        begin_exclusive(session.connection(), "load_curated")
        plans = {t.file_name: _plan_sync(session, t, records[t.file_name]) for t in present}
        # Delete children before parents, then write parents before children.
        for table in reversed(present):
            for row in plans[table.file_name][2]:
                session.delete(row)
                counts[table.file_name].deleted += 1
            session.flush()
        for table in present:
            existing, wanted, _ = plans[table.file_name]
            for key, record in wanted.items():
                row = existing.get(key)
                if row is None:
                    session.add(table.model(**record))
                    counts[table.file_name].inserted += 1
                    continue
                changes = {f: v for f, v in record.items() if f != "id" and getattr(row, f) != v}
                for field, value in changes.items():
                    setattr(row, field, value)
                counts[table.file_name].updated += bool(changes)
            session.flush()
    return counts
