"""Preview, commit and undo uploads of actuals; each commit is one batch in one transaction.

Nothing is overwritten unseen: the preview lists every stored value that would change, the
commit refuses when the stored data moved since the preview, and every change is recorded
(ActualChange) so that undoing a batch restores exactly what was there before it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import bindparam, delete, insert, literal, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from lib.actuals.problems import Limits, Problem, Refusal
from lib.actuals.reference import load_reference
from lib.actuals.validation import KEY, ROW_COLUMNS, Checked, check_file, empty_rows
from lib.db import is_busy
from lib.models import Actual, ActualChange, UploadBatch, utc_now

ACTUAL = Actual.__table__
CHANGE = ActualChange.__table__
BATCH = UploadBatch.__table__
CHUNK = 20_000  # rows per executemany: large enough to be fast, small enough to stay lean
SQLITE_CACHE_KIB = -65_536  # 64 MB (PRAGMA cache_size counts KiB when negative)
ID_CHUNK = 500  # codes per IN (...) list, well under every database's parameter limit
OLD = ["id", "value", "unit", "source", "note", "batch_id"]
OLD_LOGGED = ["value", "unit", "source", "note", "batch_id"]
CHANGE_COLUMNS = [
    "batch_id",
    "indicator_id",
    "region_code",
    "year",
    "action",
    *(f"old_{name}" for name in OLD_LOGGED),
    "new_value",
]

# Restores (undo) and changes (commit) set a stored actual by its id, in executemany chunks.
UPDATE_BY_ID = (
    update(ACTUAL)
    .where(ACTUAL.c.id == bindparam("b_id"))
    .values(
        value=bindparam("b_value"),
        unit=bindparam("b_unit"),
        source=bindparam("b_source"),
        note=bindparam("b_note"),
        batch_id=bindparam("b_batch"),
    )
)


@dataclass
class Plan:
    """How the rows of a file relate to what is stored."""

    inserts: pd.DataFrame  # ROW_COLUMNS
    changes: pd.DataFrame  # ROW_COLUMNS + old_id, old_value, old_unit, old_source, ...
    unchanged: pd.DataFrame  # ROW_COLUMNS
    fingerprint: str  # of the stored rows the file touches, to notice a stale preview


@dataclass
class Prepared:
    """A checked file and, when it is clean, the preview of what committing would do."""

    file_name: str
    sha256: str
    checked: Checked
    plan: Plan | None = None
    duplicate_of: dict | None = None  # {"batch": id, "time": "..."} of the same file

    @property
    def problems(self) -> list[Problem]:
        """Every problem found (errors and warnings)."""
        return self.checked.problems

    @property
    def ok(self) -> bool:
        """Whether the file passed validation."""
        return self.checked.ok

    @property
    def counts(self) -> dict[str, int]:
        """Rows to insert, to change, identical, and in total."""
        plan = self.plan
        if plan is None:
            return {"inserts": 0, "changes": 0, "same": 0, "total": len(self.checked.rows)}
        inserts, changes, same = len(plan.inserts), len(plan.changes), len(plan.unchanged)
        return {"inserts": inserts, "changes": changes, "same": same, "total": len(self.rows)}

    @property
    def rows(self) -> pd.DataFrame:
        """The parsed rows of the file."""
        return self.checked.rows

    @property
    def writable(self) -> bool:
        """Whether committing would write something."""
        counts = self.counts
        return self.ok and self.duplicate_of is None and bool(counts["inserts"] + counts["changes"])


@dataclass(frozen=True)
class Committed:
    """A committed batch and what it did."""

    batch_id: int
    inserted: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class Undone:
    """An undone batch and what undoing it did."""

    batch_id: int
    removed: int
    restored: int


def file_sha256(data: bytes) -> str:
    """The SHA-256 of a file's bytes, which identifies the same file uploaded again."""
    return hashlib.sha256(data).hexdigest()


def prepare(engine: Engine, data: bytes, file_name: str, limits: Limits | None = None) -> Prepared:
    """Check a file and, when it is clean, preview what committing it would do."""
    sha256 = file_sha256(data)
    with engine.connect() as connection:
        reference = load_reference(connection)
        checked = check_file(data, file_name, reference, limits)
        if not checked.ok:
            return Prepared(file_name, sha256, checked)
        duplicate = _committed_batch_with(connection, sha256)
        plan = _plan(checked.rows, _stored(connection, checked.rows))
    return Prepared(file_name, sha256, checked, plan, duplicate)


def commit(engine: Engine, prepared: Prepared, who: str | None = None) -> Committed:
    """Write a previewed file as one batch in one transaction, or refuse and write nothing."""
    if not prepared.ok:
        raise Refusal(Problem("rejected", params={"count": len(prepared.checked.errors)}))
    rows = prepared.rows
    with _writing(engine) as connection:
        # Writing the batch first takes SQLite's write lock before anything is read, so no
        # other upload or undo can change the stored rows between this check and the writes.
        batch_id = connection.execute(
            insert(BATCH).values(
                file_name=prepared.file_name,
                sha256=prepared.sha256,
                created_at=utc_now(),
                who=who or None,
                rows_total=len(rows),
                status="committed",
            )
        ).inserted_primary_key[0]
        duplicate = _committed_batch_with(connection, prepared.sha256, other_than=batch_id)
        if duplicate:
            raise Refusal(Problem("already_imported", params=duplicate))
        plan = _plan(rows, _stored(connection, rows))
        if prepared.plan is None or plan.fingerprint != prepared.plan.fingerprint:
            raise Refusal(Problem("stale_preview"))
        if plan.inserts.empty and plan.changes.empty:
            raise Refusal(Problem("nothing_to_change"))
        _write(connection, batch_id, plan)
        connection.execute(
            update(BATCH)
            .where(BATCH.c.id == batch_id)
            .values(
                rows_inserted=len(plan.inserts),
                rows_updated=len(plan.changes),
                rows_unchanged=len(plan.unchanged),
            )
        )
    return Committed(batch_id, len(plan.inserts), len(plan.changes), len(plan.unchanged))


def undo(engine: Engine, batch_id: int) -> Undone:
    """Restore exactly what was there before a batch, or refuse when later batches built on it."""
    with _writing(engine) as connection:
        marked = connection.execute(
            update(BATCH)
            .where(BATCH.c.id == batch_id, BATCH.c.status == "committed")
            .values(status="undone", undone_at=utc_now())
        ).rowcount
        if not marked:
            status = connection.execute(
                select(BATCH.c.status).where(BATCH.c.id == batch_id)
            ).scalar_one_or_none()
            code = "batch_not_found" if status is None else "batch_already_undone"
            raise Refusal(Problem(code, params={"batch": batch_id}))
        changes = _frame(
            connection,
            select(
                CHANGE.c.indicator_id,
                CHANGE.c.region_code,
                CHANGE.c.year,
                CHANGE.c.action,
                CHANGE.c.old_value,
                CHANGE.c.old_unit,
                CHANGE.c.old_source,
                CHANGE.c.old_note,
                CHANGE.c.old_batch_id,
            ).where(CHANGE.c.batch_id == batch_id),
        )
        owned = _frame(
            connection,
            select(ACTUAL.c.id, ACTUAL.c.indicator_id, ACTUAL.c.region_code, ACTUAL.c.year).where(
                ACTUAL.c.batch_id == batch_id
            ),
        )
        merged = changes.merge(owned, on=KEY, how="left")
        taken = merged[merged["id"].isna()]
        if not taken.empty:
            # A later batch changed these values again: undoing this one would clobber it.
            now = _stored(connection, taken[KEY]).merge(taken[KEY], on=KEY)
            later = sorted(int(b) for b in now["batch_id"].unique() if int(b) != batch_id)
            raise Refusal(
                Problem(
                    "undo_blocked",
                    params={
                        "batch": batch_id,
                        "rows": len(taken),
                        "later": [f"#{b}" for b in later],
                    },
                )
            )
        removed = merged[merged["action"] == "insert"]
        restored = merged[merged["action"] == "update"]
        _delete_by_id(connection, removed["id"].astype("int64"))
        _update_by_id(
            connection,
            pd.DataFrame(
                {
                    "b_id": restored["id"].astype("int64"),
                    "b_value": restored["old_value"],
                    "b_unit": restored["old_unit"],
                    "b_source": restored["old_source"],
                    "b_note": restored["old_note"],
                    "b_batch": restored["old_batch_id"].astype("int64"),
                }
            ),
        )
    return Undone(batch_id, len(removed), len(restored))


def history(engine: Engine) -> pd.DataFrame:
    """Every batch, newest first, with its counts and status."""
    with engine.connect() as connection:
        return _frame(connection, select(BATCH).order_by(BATCH.c.id.desc()))


def _frame(connection: Connection, statement) -> pd.DataFrame:
    return pd.read_sql(statement, connection)


@contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction that waits its turn behind other writers of actuals.

    PostgreSQL: a table lock first thing. SQLite has a single write lock, which the first
    write of the transaction takes (commit and undo write before they read). A writer that
    waits longer than the lock timeout is refused as busy, having written nothing.
    """
    try:
        with engine.connect() as connection, _sqlite_cache(connection), connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("LOCK TABLE actual IN SHARE ROW EXCLUSIVE MODE"))
            yield connection
    except DBAPIError as error:
        if is_busy(error):
            raise Refusal(Problem("busy")) from error
        raise


@contextmanager
def _sqlite_cache(connection: Connection) -> Iterator[None]:
    """A larger SQLite page cache while writing: the default 2 MB makes a million index
    updates go back and forth to the file. Set and reset outside the transaction."""
    if connection.dialect.name != "sqlite":
        yield
        return
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = {SQLITE_CACHE_KIB}")
    connection.commit()  # ends SQLAlchemy's autobegun transaction (SQLite began none)
    try:
        yield
    finally:
        connection.rollback()  # no-op after commit; after an error, leave no transaction
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")
        connection.commit()


def _committed_batch_with(
    connection: Connection, sha256: str, other_than: int | None = None
) -> dict | None:
    """The committed batch that imported the same bytes, if any."""
    statement = select(BATCH.c.id, BATCH.c.created_at).where(
        BATCH.c.sha256 == sha256, BATCH.c.status == "committed"
    )
    if other_than is not None:
        statement = statement.where(BATCH.c.id != other_than)
    found = connection.execute(statement.order_by(BATCH.c.id)).first()
    if found is None:
        return None
    return {"batch": found.id, "time": f"{found.created_at:%Y-%m-%d %H:%M} UTC"}


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _stored(connection: Connection, keys: pd.DataFrame) -> pd.DataFrame:
    """Stored actuals for the indicators and years of keys, read in bulk (a superset of keys)."""
    columns = [ACTUAL.c[name] for name in ["indicator_id", "region_code", "year", *OLD]]
    if keys.empty:
        frames = []
    else:
        low, high = int(keys["year"].min()), int(keys["year"].max())
        frames = [
            _frame(
                connection,
                select(*columns).where(
                    ACTUAL.c.indicator_id.in_(chunk), ACTUAL.c.year.between(low, high)
                ),
            )
            for chunk in _chunks(sorted(keys["indicator_id"].unique()), ID_CHUNK)
        ]
    frames = [f for f in frames if not f.empty]
    stored = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    stored = stored.reindex(columns=[c.name for c in columns])
    for name in ("indicator_id", "region_code", "unit", "source", "note"):
        stored[name] = stored[name].astype(object)
    return stored.astype({"year": "int64", "value": "float64", "id": "int64", "batch_id": "int64"})


def _same_text(new: pd.Series, old: pd.Series) -> np.ndarray:
    """Equal texts, with empty and missing the same."""
    return (new.fillna("").astype(str) == old.fillna("").astype(str)).to_numpy()


def _plan(rows: pd.DataFrame, stored: pd.DataFrame) -> Plan:
    """Sort the rows of a file into inserts, changes and identical rows."""
    if rows.empty:
        rows = empty_rows()
    old = stored.rename(columns={name: f"old_{name}" for name in OLD})
    merged = rows.merge(old, on=KEY, how="left", sort=False)
    new = merged["old_id"].isna().to_numpy()
    same = (
        ~new
        & (merged["value"].to_numpy() == merged["old_value"].to_numpy())
        & _same_text(merged["unit"], merged["old_unit"])
        & _same_text(merged["source"], merged["old_source"])
        & _same_text(merged["note"], merged["old_note"])
    )
    changes = merged[~new & ~same].copy()
    changes["old_id"] = changes["old_id"].astype("int64")
    changes["old_batch_id"] = changes["old_batch_id"].astype("int64")
    touched = merged.loc[~new, [f"old_{name}" for name in OLD]]
    digest = hashlib.sha256(
        pd.util.hash_pandas_object(touched, index=False).to_numpy().tobytes()
    ).hexdigest()
    return Plan(
        inserts=merged.loc[new, ROW_COLUMNS].reset_index(drop=True),
        changes=changes.reset_index(drop=True),
        unchanged=merged.loc[same, ROW_COLUMNS].reset_index(drop=True),
        fingerprint=digest,
    )


def _columns(frame: pd.DataFrame) -> dict[str, list]:
    """Columns as lists of plain Python values (None for missing), as drivers want them."""
    columns = {}
    for name in frame.columns:
        values = frame[name].to_numpy(dtype=object)
        missing = pd.isna(values)
        if missing.any():
            values = values.copy()
            values[missing] = None
        columns[name] = values.tolist()
    return columns


def _execute_chunks(connection: Connection, statement, frame: pd.DataFrame) -> None:
    """One driver executemany per CHUNK rows of frame (its columns name the parameters).

    The statement is compiled once for the database's own parameter style and the rows go
    straight to the driver: building SQLAlchemy's per-row parameter dicts would cost more
    than the inserts themselves for a million rows.
    """
    if frame.empty:
        return
    compiled = statement.compile(dialect=connection.dialect, column_keys=list(frame.columns))
    names = compiled.positiontup if compiled.positional else None
    for start in range(0, len(frame), CHUNK):
        columns = _columns(frame.iloc[start : start + CHUNK])
        if names is not None:
            rows = list(zip(*(columns[name] for name in names), strict=True))
        else:
            keys = list(columns)
            rows = [dict(zip(keys, v, strict=True)) for v in zip(*columns.values(), strict=True)]
        connection.exec_driver_sql(str(compiled), rows)


def _write(connection: Connection, batch_id: int, plan: Plan) -> None:
    """Insert the new actuals, record every change of the batch, then update the changed."""
    inserts, changes = plan.inserts, plan.changes
    if not inserts.empty:
        # In key order: the unique index then grows at one end instead of all over (SQLite:
        # about a fifth less work for a million rows).
        _insert(
            connection,
            ACTUAL,
            inserts.sort_values(KEY, kind="stable")[
                ["indicator_id", "region_code", "year", "value", "unit", "source", "note"]
            ].assign(batch_id=batch_id),
        )
        # The inserts' log copied inside the database: only they carry the new batch's id
        # yet (the updates below set it too), and a million rows need not cross twice.
        connection.execute(
            insert(CHANGE).from_select(
                ["batch_id", "indicator_id", "region_code", "year", "action", "new_value"],
                select(
                    ACTUAL.c.batch_id,
                    ACTUAL.c.indicator_id,
                    ACTUAL.c.region_code,
                    ACTUAL.c.year,
                    literal("insert"),
                    ACTUAL.c.value,
                ).where(ACTUAL.c.batch_id == batch_id),
            )
        )
    if changes.empty:
        return
    _insert(
        connection,
        CHANGE,
        pd.DataFrame(
            {
                "batch_id": batch_id,
                "indicator_id": changes["indicator_id"],
                "region_code": changes["region_code"],
                "year": changes["year"].astype("int64"),
                "action": "update",
                **{f"old_{n}": changes[f"old_{n}"] for n in OLD_LOGGED},
                "new_value": changes["value"],
            }
        ).reindex(columns=CHANGE_COLUMNS),
    )
    _update_by_id(
        connection,
        pd.DataFrame(
            {
                "b_id": changes["old_id"],
                "b_value": changes["value"],
                "b_unit": changes["unit"],
                "b_source": changes["source"],
                "b_note": changes["note"],
                "b_batch": batch_id,
            }
        ),
    )


def _insert(connection: Connection, table, frame: pd.DataFrame) -> None:
    """Insert the rows of frame (its columns name the table's): COPY on PostgreSQL."""
    if connection.dialect.name == "postgresql":
        _copy(connection, table.name, frame)
    else:
        _execute_chunks(connection, insert(table), frame)


def _update_by_id(connection: Connection, frame: pd.DataFrame) -> None:
    """Set value, unit, source, note and batch of stored actuals by id (columns b_id, b_...).

    PostgreSQL: COPY into a temporary table dropped at commit, then one UPDATE ... FROM it;
    an UPDATE per row costs a round trip each.
    """
    if frame.empty:
        return
    if connection.dialect.name != "postgresql":
        _execute_chunks(connection, UPDATE_BY_ID, frame)
        return
    connection.exec_driver_sql(
        "CREATE TEMPORARY TABLE actual_update (b_id bigint PRIMARY KEY, b_value float8, "
        "b_unit text, b_source text, b_note text, b_batch bigint) ON COMMIT DROP"
    )
    _copy(connection, "actual_update", frame)
    connection.exec_driver_sql(
        "UPDATE actual SET value = u.b_value, unit = u.b_unit, source = u.b_source, "
        "note = u.b_note, batch_id = u.b_batch FROM actual_update AS u WHERE actual.id = u.b_id"
    )
    connection.exec_driver_sql("DROP TABLE actual_update")


def _delete_by_id(connection: Connection, ids: pd.Series) -> None:
    """Delete stored actuals by id: one statement with an array on PostgreSQL."""
    if ids.empty:
        return
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(
            "DELETE FROM actual WHERE id = ANY(%(ids)s)", {"ids": [int(i) for i in ids]}
        )
        return
    _execute_chunks(
        connection,
        delete(ACTUAL).where(ACTUAL.c.id == bindparam("b_id")),
        pd.DataFrame({"b_id": ids}),
    )


def _copy(connection: Connection, table: str, frame: pd.DataFrame) -> None:
    """COPY the rows of frame into a PostgreSQL table, on the connection's own transaction
    (so that a failure or a kill leaves nothing behind), CHUNK rows converted at a time."""
    if frame.empty:
        return
    quote = connection.dialect.identifier_preparer.quote
    columns = ", ".join(quote(name) for name in frame.columns)
    cursor = connection.connection.driver_connection.cursor()
    with cursor, cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
        for start in range(0, len(frame), CHUNK):
            for row in zip(*_columns(frame.iloc[start : start + CHUNK]).values(), strict=True):
                copy.write_row(row)
