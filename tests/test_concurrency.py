"""Concurrency and faults with real processes on real databases: SQLite in WAL mode, PostgreSQL.

Each test starts `python -m lib.cli ...` processes against a database that other processes
can open (`curated_url`: a SQLite file, then a PostgreSQL database) and checks what a data
steward would check afterwards: every batch whole or absent, never half of one, and a
sentence (not a traceback) for whoever was turned away.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from lib.db import DATA_DIR, make_engine
from lib.migrate import head_revision
from lib.models import Actual, ActualChange, UploadBatch
from tests.dbtools import REPO_ROOT, actuals_csv, batch_state, cli, keys, upload

pytestmark = [pytest.mark.faults, pytest.mark.slow]

ROWS = 5_000  # per file in the races: enough for the transactions to take a while
BIG = 200_000  # rows in the file imported and killed: seconds of writing to interrupt
TRY_AGAIN = ("Try again", "请稍后重试")
# SQLite cannot show who waits for its lock; processes need about this long to start, read
# their file and its preview, and queue up for the write lock held by the test.
SQLITE_QUEUE_SECONDS = 6


@dataclass
class Finished:
    """A finished CLI process."""

    returncode: int
    stdout: str
    stderr: str


def _start(url: str, *args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "lib.cli", "--database-url", url, *args],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def _finish(process: subprocess.Popen, timeout: float = 300) -> Finished:
    stdout, stderr = process.communicate(timeout=timeout)
    return Finished(process.returncode, stdout, stderr)


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


@contextmanager
def _writers_held(url: str):
    """Hold the write lock on the actuals: imports and undos started now queue up behind it,
    then race for it when it is released. Reads (previews) go on meanwhile."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            if _is_sqlite(url):
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.execute(text("LOCK TABLE actual IN EXCLUSIVE MODE"))
            yield connection
            connection.rollback()
    finally:
        engine.dispose()


def _wait_until_queued(holder, processes: list[subprocess.Popen], deadline: float = 90) -> None:
    """Until every process waits for the held lock (or has ended)."""
    if holder.dialect.name == "sqlite":
        time.sleep(SQLITE_QUEUE_SECONDS)
        return
    waiting = text(
        "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'actual'::regclass"
    )
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        running = sum(p.poll() is None for p in processes)
        if holder.execute(waiting).scalar() >= running:
            return
        time.sleep(0.05)
    raise AssertionError("the processes never queued up for the lock")


def _pg_others(engine) -> int:
    """Other sessions connected to this PostgreSQL database."""
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar()


def _wait_until_writing(url: str, process: subprocess.Popen, deadline: float = 120) -> None:
    """Until the import is inside its transaction, writing rows (and has not committed)."""
    end = time.monotonic() + deadline
    if _is_sqlite(url):
        path = make_url(url).database
        locked_since = None
        while time.monotonic() < end and process.poll() is None:
            if not _sqlite_write_locked(path):
                locked_since = None
            else:  # inside the import's transaction: its first write took the lock
                locked_since = locked_since or time.monotonic()
                wal = os.path.getsize(f"{path}-wal") if os.path.exists(f"{path}-wal") else 0
                # Best: uncommitted pages already in the WAL; else a second into the writes.
                if wal > 2**20 or time.monotonic() - locked_since > 1:
                    return
            time.sleep(0.01)
        raise AssertionError(f"the import never started writing: {_finish(process)}")
    engine = make_engine(url)
    inserting = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND query LIKE 'INSERT INTO actual%'"
        "AND state <> 'idle'"
    )
    try:
        while time.monotonic() < end and process.poll() is None:
            with engine.connect() as connection:
                if connection.execute(inserting).scalar():
                    time.sleep(0.5)  # let it write for a while
                    return
            time.sleep(0.02)
    finally:
        engine.dispose()
    raise AssertionError(f"the import never started writing: {_finish(process)}")


def _sqlite_write_locked(path: str) -> bool:
    """Whether another connection holds SQLite's write lock (a transaction is open)."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        assert "locked" in str(error) or "busy" in str(error), error
        return True
    finally:
        probe.close()


def _actuals(engine) -> dict[tuple, tuple]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Actual.indicator_id, Actual.region_code, Actual.year, Actual.value, Actual.batch_id
            )
        ).all()
    return {(r.indicator_id, r.region_code, r.year): (r.value, r.batch_id) for r in rows}


def _replayed(files: dict[int, pd.DataFrame], engine) -> dict[tuple, tuple]:
    """The actuals that the committed batches, applied in order, must have left."""
    with engine.connect() as connection:
        committed = connection.execute(
            select(UploadBatch.id).where(UploadBatch.status == "committed").order_by(UploadBatch.id)
        ).scalars()
        expected: dict[tuple, tuple] = {}
        for batch in committed:
            rows = files[
                connection.execute(
                    select(UploadBatch.file_name).where(UploadBatch.id == batch)
                ).scalar_one()
            ]
            for row in rows.itertuples(index=False):
                expected[(row.indicator_id, row.region_code, row.year)] = (float(row.value), batch)
    return expected


def _history_is_whole(engine) -> None:
    """Every batch recorded one change per row it inserted or updated, no more, no less."""
    with engine.connect() as connection:
        for batch in connection.execute(select(UploadBatch)).all():
            changes = connection.execute(
                select(ActualChange.id).where(ActualChange.batch_id == batch.id)
            ).all()
            assert len(changes) == batch.rows_inserted + batch.rows_updated, batch


def _told_to_try_again(finished: Finished) -> bool:
    return any(phrase in finished.stderr + finished.stdout for phrase in TRY_AGAIN)


def test_two_imports_at_once_both_commit_or_one_is_told_to_try_again(curated_url, tmp_path):
    engine = make_engine(curated_url)
    paths = []
    for value in (1, 2):
        path = tmp_path / f"import{value}.csv"
        path.write_bytes(actuals_csv(keys(engine, ROWS, offset=(value - 1) * ROWS), value))
        paths.append(path)

    with _writers_held(curated_url) as holder:
        processes = [_start(curated_url, "import-actuals", str(path)) for path in paths]
        _wait_until_queued(holder, processes)
    results = [_finish(process) for process in processes]

    for result in results:
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0 or _told_to_try_again(result), result
    committed = sum(result.returncode == 0 for result in results)
    assert committed >= 1
    assert batch_state(engine) == {
        "committed": committed,
        "undone": 0,
        "actual": committed * ROWS,
        "change": committed * ROWS,
    }
    with engine.connect() as connection:
        per_batch = connection.execute(
            text("SELECT batch_id, count(*), min(value), max(value) FROM actual GROUP BY batch_id")
        ).all()
    assert all(count == ROWS and low == high for _, count, low, high in per_batch)
    _history_is_whole(engine)


def test_an_import_killed_mid_way_leaves_no_trace_and_the_next_one_works(curated_url, tmp_path):
    engine = make_engine(curated_url)
    big = tmp_path / "big.csv"
    big.write_bytes(actuals_csv(keys(engine, BIG), 3))
    engine.dispose()

    process = _start(curated_url, "import-actuals", str(big))
    try:
        _wait_until_writing(curated_url, process)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL

    if _is_sqlite(curated_url):
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    else:  # the server notices the dead client and rolls its transaction back
        end = time.monotonic() + 60
        while _pg_others(engine) and time.monotonic() < end:
            time.sleep(0.1)
    assert batch_state(engine) == {"committed": 0, "undone": 0, "actual": 0, "change": 0}

    small = tmp_path / "small.csv"
    small.write_bytes(actuals_csv(keys(engine, 100), 4))
    done = cli("import-actuals", str(small), url=curated_url)
    assert done.returncode == 0, done.stderr
    assert batch_state(engine) == {"committed": 1, "undone": 0, "actual": 100, "change": 100}


def test_an_undo_racing_an_import_leaves_a_consistent_state(curated_url, tmp_path):
    engine = make_engine(curated_url)
    first = keys(engine, ROWS).assign(value=1)
    batch = upload(engine, actuals_csv(first[["indicator_id", "region_code", "year"]], 1), "a.csv")
    # The second file changes half of the first batch's values and adds as many new ones.
    second = pd.concat([first.iloc[: ROWS // 2], keys(engine, ROWS // 2, offset=ROWS)])
    second = second[["indicator_id", "region_code", "year"]].assign(value=2)
    path = tmp_path / "b.csv"
    path.write_bytes(actuals_csv(second[["indicator_id", "region_code", "year"]], 2))

    with _writers_held(curated_url) as holder:
        importing = _start(curated_url, "import-actuals", str(path))
        undoing = _start(curated_url, "undo-batch", str(batch))
        _wait_until_queued(holder, [importing, undoing])
    imported, undone = _finish(importing), _finish(undoing)

    for result in (imported, undone):
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0 or result.stderr.strip(), result  # refused, with a reason
    # Either the import came first (and the undo is refused: it would clobber newer values),
    # or the undo did (and the import is refused as stale, or re-planned from scratch).
    assert (imported.returncode, undone.returncode) in {(0, 1), (1, 0), (0, 0)}
    with engine.connect() as connection:
        status = connection.execute(
            select(UploadBatch.status).where(UploadBatch.id == batch)
        ).scalar_one()
    assert status == ("undone" if undone.returncode == 0 else "committed")
    assert _actuals(engine) == _replayed({"a.csv": first, "b.csv": second}, engine)
    _history_is_whole(engine)


def test_a_writer_that_waits_too_long_is_told_to_try_again_and_writes_nothing(
    curated_url, tmp_path
):
    engine = make_engine(curated_url)
    batch = upload(engine, actuals_csv(keys(engine, 10), 1), "a.csv")
    path = tmp_path / "b.csv"
    path.write_bytes(actuals_csv(keys(engine, 10, offset=10), 2))
    before = batch_state(engine)
    quick = {"DATABASE_LOCK_TIMEOUT_MS": "1000"}

    with _writers_held(curated_url):
        imported = cli("import-actuals", str(path), url=curated_url, env=quick)
        undone = cli("undo-batch", str(batch), url=curated_url, env=quick)

    for result in (imported, undone):
        assert result.returncode != 0
        assert "Traceback" not in result.stderr, result.stderr
        assert _told_to_try_again(result), result.stderr
    assert batch_state(engine) == before


def test_two_init_db_at_once_both_succeed_and_load_the_data_once(db_url):
    processes = [_start(db_url, "init-db") for _ in range(2)]
    results = [_finish(process) for process in processes]
    for result in results:
        assert result.returncode == 0, result.stderr
    engine = make_engine(db_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
            (head_revision(),)
        ]
        indicators = connection.execute(text("SELECT count(*) FROM indicator")).scalar()
    assert indicators == len(pd.read_csv(DATA_DIR / "indicators.csv"))
