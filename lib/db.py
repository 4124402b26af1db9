"""The one place that makes a database engine, from DATABASE_URL or the default SQLite file."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from lib import models  # noqa: F401  (registers every table on SQLModel.metadata)

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
DEFAULT_URL = f"sqlite:///{DATA_DIR / 'tracker.db'}"
SQLITE_BUSY_TIMEOUT_MS = 15_000  # the default wait for a lock, on PostgreSQL as well
# PostgreSQL errors after which trying again later is the answer: lock_timeout (55P03),
# deadlock (40P01), serialization failure (40001). Each rolls the transaction back.
BUSY_SQLSTATES = frozenset({"55P03", "40P01", "40001"})


def database_url() -> str:
    """The configured database URL: DATABASE_URL, or the SQLite file under data/."""
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def lock_timeout_ms() -> int:
    """How long a writer waits for another (upload, undo, migration) before giving up."""
    return int(os.environ.get("DATABASE_LOCK_TIMEOUT_MS") or SQLITE_BUSY_TIMEOUT_MS)


def make_engine(url: str | None = None) -> Engine:
    """An engine: SQLite gets WAL, foreign keys and a busy timeout; PostgreSQL a lock timeout."""
    url = url or database_url()
    timeout = lock_timeout_ms()
    if url.startswith("postgresql"):
        # Wait as long as SQLite does for a lock, then fail with an error is_busy() knows,
        # instead of queueing without end behind a long import or a migration.
        options = make_url(url).query.get("options", "")
        options = f"{options} -c lock_timeout={timeout}".strip()
        return create_engine(url, pool_pre_ping=True, connect_args={"options": options})
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    in_memory = url in ("sqlite://", "sqlite:///:memory:")
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": timeout / 1000},
        # One shared connection keeps an in-memory database alive across sessions.
        poolclass=StaticPool if in_memory else None,
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={lock_timeout_ms()}")
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _switch_to_wal(cursor) -> None:
    # Two connections switching a new database to WAL at once can deadlock inside SQLite,
    # which then answers "database is locked" at once instead of waiting its busy timeout
    # (one pair of processes in about seven opening a fresh file together; two `init-db` in
    # CI once): try again.
    deadline = time.monotonic() + lock_timeout_ms() / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def create_schema(engine: Engine) -> None:
    """Create every table that does not exist yet (tests; init-db migrates: lib.migrate)."""
    SQLModel.metadata.create_all(engine)


def begin_exclusive(connection: Connection, purpose: str) -> None:
    """Start a transaction that others with the same purpose wait for before they read anything.

    For read-then-write work whose reads decide the writes (migrations, loading data/): SQLite
    takes its write lock at once (BEGIN IMMEDIATE; a deferred transaction that read first
    could not write after another commit), PostgreSQL an advisory lock for the transaction.
    Call it first thing on a fresh connection or session connection.
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(purpose.encode()).digest()[:8], "big", signed=True)
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def is_busy(error: BaseException) -> bool:
    """Whether an error means another writer held the database too long: try again later."""
    if not isinstance(error, DBAPIError):
        return False
    if getattr(error.orig, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    return "database is locked" in str(error.orig)  # SQLite, after its busy timeout


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A short-lived session that commits on success and rolls back on error."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise
