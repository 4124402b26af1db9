"""Bring a database's schema to the newest Alembic revision, in place, keeping every row.

Used by `python -m lib.cli init-db` and by migrations/env.py. A database made before Alembic
(by `create_all`, so without an `alembic_version` table) is adopted: stamped with the revision
its tables match, then upgraded like any other.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import CheckConstraint, MetaData, inspect
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from lib.db import REPO_ROOT, begin_exclusive

MIGRATIONS_DIR = REPO_ROOT / "migrations"
# Revision 0001 is the schema `create_all` made before Alembic; these are its tables.
BASELINE = "0001"
BASELINE_TABLES = frozenset(
    {
        "region",
        "indicator",
        "plan",
        "target",
        "theme",
        "uploadbatch",
        "actual",
        "actualchange",
        "corridor",
        "corridormember",
        "platform",
        "savedview",
    }
)


class SchemaError(RuntimeError):
    """The database holds tables this app did not make; nothing was changed."""


@dataclass(frozen=True)
class Migration:
    """What an upgrade did: the revision before and after, and any adoption of an old database."""

    before: str | None
    after: str | None
    adopted: str | None = None  # revision stamped on a database made before Alembic

    @property
    def changed(self) -> bool:
        """Whether the schema moved to another revision."""
        return self.before != self.after

    @property
    def summary(self) -> str:
        """What happened, in a few words: '0002 unchanged', '0001 -> 0002', 'created at 0002'."""
        if self.adopted:
            adopted = f"made before migrations, stamped {self.adopted}"
            return adopted if self.adopted == self.after else f"{adopted} -> {self.after}"
        if not self.changed:
            return f"{self.after} unchanged"
        if self.before is None:
            return f"created at {self.after}"
        return f"{self.before} -> {self.after}"


def alembic_config(connection: Connection | None = None) -> Config:
    """The Alembic configuration of migrations/, optionally bound to an open connection."""
    config = Config(str(MIGRATIONS_DIR / "alembic.ini"))
    config.attributes["configure_logger"] = False  # leave the caller's logging alone
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision in migrations/versions."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision a database is stamped with, or None (empty, or made before Alembic)."""
    return MigrationContext.configure(connection).get_current_revision()


def schema_differences(connection: Connection, metadata: MetaData | None = None) -> list:
    """How the database's tables differ from the models (Alembic autogenerate's diff)."""
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, metadata or SQLModel.metadata)


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction that only one migrator at a time can hold.

    SQLite: foreign keys are off while tables are rebuilt (ALTER TABLE there means copy,
    drop, rename, and dropping a referenced table with foreign keys on would fail or cascade),
    then checked before commit; BEGIN IMMEDIATE takes the write lock at once, so the DDL is
    transactional and a second init-db waits instead of migrating twice. PostgreSQL: DDL is
    transactional; an advisory lock serialises concurrent init-db runs.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # only outside a transaction
        begin_exclusive(connection, "migrate")
        try:
            yield connection
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise SchemaError(f"foreign keys broken by the migration: {broken[:5]}")
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def run_in_context(context, connection: Connection, metadata: MetaData) -> None:
    """Run the migrations on a connection (called by migrations/env.py)."""
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot alter most things in place; Alembic's batch mode rebuilds the table.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _missing_checks(connection: Connection) -> set[str]:
    """Named CHECK constraints of the models that the database lacks (autogenerate ignores them)."""
    inspector = inspect(connection)
    wanted = {
        (table.name, constraint.name)
        for table in SQLModel.metadata.sorted_tables
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint) and isinstance(constraint.name, str)
    }
    present = {
        (table, check["name"])
        for table in {table for table, _ in wanted}
        for check in inspector.get_check_constraints(table)
    }
    return {name for table, name in wanted - present}


def _adopt(connection: Connection) -> str | None:
    """Stamp a database made before Alembic with the revision its tables match."""
    existing = set(inspect(connection).get_table_names())
    if not existing & set(SQLModel.metadata.tables):
        return None  # empty (or only other applications' tables): create everything
    if not schema_differences(connection) and not _missing_checks(connection):
        revision = head_revision()  # made by create_all with today's models
    elif existing >= BASELINE_TABLES:
        revision = BASELINE  # made by the foundation's init-db; the upgrade brings it up to date
    else:
        missing = ", ".join(sorted(BASELINE_TABLES - existing))
        raise SchemaError(
            f"the database has some of this app's tables but not: {missing}. "
            "It was not made by this app's init-db; nothing was changed."
        )
    command.stamp(alembic_config(connection), revision)
    return revision


def upgrade(engine: Engine, revision: str = "head") -> Migration:
    """Create or upgrade the schema in place to `revision` (default: the newest)."""
    with migration_connection(engine) as connection:
        before = current_revision(connection)
        adopted = _adopt(connection) if before is None else None
        command.upgrade(alembic_config(connection), revision)
        after = current_revision(connection)
    return Migration(before=before, after=after, adopted=adopted)
