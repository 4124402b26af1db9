"""Copy every table from one database to another (SQLite to PostgreSQL, say), checked.

`python -m lib.cli copy-db --to URL`. The source is read in one snapshot; the target gets the
schema first (lib.migrate), then every row in one transaction, in foreign-key order, and the
transaction commits only when each table's row count and column sums match the source's.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Boolean, DateTime, Float, Integer, String, Table, case, func, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from lib.db import make_engine
from lib.migrate import current_revision, head_revision, upgrade

CHUNK = 10_000  # rows read and written at a time


class CopyError(RuntimeError):
    """The copy was refused or did not add up; the target's data was left as it was."""


@dataclass(frozen=True)
class TableCopy:
    """One copied table: its rows and the checks that matched on both sides."""

    table: str
    rows: int
    checks: int  # column sums and counts compared (besides the row count)


def tables() -> list[Table]:
    """Every table of the models, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def _summary_columns(table: Table) -> list:
    """Aggregates that change when a row or a value goes missing or changes."""
    columns = [func.count().label("rows")]
    for column in table.columns:
        kind = column.type
        columns.append(func.count(column).label(f"{column.name}:count"))
        if isinstance(kind, Boolean):
            columns.append(
                func.sum(case((column.is_(True), 1), else_=0)).label(f"{column.name}:true")
            )
        elif isinstance(kind, Integer | Float):
            columns.append(func.sum(column).label(f"{column.name}:sum"))
        elif isinstance(kind, String):
            columns.append(func.sum(func.length(column)).label(f"{column.name}:length"))
        elif isinstance(kind, DateTime):
            columns.append(func.min(column).label(f"{column.name}:min"))
            columns.append(func.max(column).label(f"{column.name}:max"))
    return columns


def summarise(connection: Connection, table: Table) -> dict[str, object]:
    """Row count and, per column, non-null count and sum, total text length or date range."""
    row = connection.execute(select(*_summary_columns(table)).select_from(table)).one()
    return dict(row._mapping)


def _same(left: object, right: object) -> bool:
    if left is None or right is None:
        return left is right
    if isinstance(left, float) or isinstance(right, float):
        # Sums of floats depend on the order of addition, which differs between databases.
        return math.isclose(float(left), float(right), rel_tol=1e-9, abs_tol=1e-9)
    return left == right


def compare(source: dict[str, object], target: dict[str, object]) -> list[str]:
    """The checks that differ, as 'name: source != target'."""
    return [
        f"{name}: {value!r} != {target.get(name)!r}"
        for name, value in source.items()
        if not _same(value, target.get(name))
    ]


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A read-only connection that sees one consistent state of the source throughout."""
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # pysqlite would start no transaction for SELECTs, so each would see the latest
            # commit; an explicit BEGIN makes every read share one WAL snapshot.
            connection.exec_driver_sql("BEGIN")
        elif connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            connection.exec_driver_sql("SET TRANSACTION READ ONLY")
        try:
            yield connection
        finally:
            connection.rollback()


def _read(connection: Connection, table: Table) -> Iterator[list[dict]]:
    """The rows of a table in primary-key order, CHUNK at a time."""
    result = connection.execution_options(stream_results=True, yield_per=CHUNK).execute(
        select(table).order_by(*table.primary_key.columns)
    )
    for chunk in result.mappings().partitions(CHUNK):
        yield [dict(row) for row in chunk]


def _write_rows(connection: Connection, table: Table, rows: list[dict]) -> None:
    """Insert rows: COPY on PostgreSQL (many times faster than INSERTs), executemany elsewhere."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    names = [column.name for column in table.columns]
    quoted = ", ".join(connection.dialect.identifier_preparer.quote(n) for n in names)
    table_name = connection.dialect.identifier_preparer.format_table(table)
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table_name} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[name] for name in names])


def _reset_sequences(connection: Connection) -> None:
    """PostgreSQL: move each id sequence past the copied ids, so new rows get fresh ones."""
    if connection.dialect.name != "postgresql":
        return  # SQLite takes the next rowid from the table itself
    for table in tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{keys[0].name}'), "
            f'COALESCE(MAX("{keys[0].name}"), 0) + 1, false) FROM "{table.name}"'
        )


def copy_database(source_url: str, target_url: str, replace: bool = False) -> list[TableCopy]:
    """Copy every table from source to target in one target transaction, checked; or raise."""
    if source_url == target_url:
        raise CopyError("the source and the target are the same database")
    source, target = make_engine(source_url), make_engine(target_url)
    try:
        with source.connect() as connection:
            revision, head = current_revision(connection), head_revision()
        if revision != head:
            raise CopyError(
                f"the source database is at schema revision {revision or 'none'}, not {head}: "
                "run `python -m lib.cli init-db` against it first"
            )
        upgrade(target)
        with _snapshot(source) as reading, target.begin() as writing:
            return _copy(reading, writing, replace)
    finally:
        source.dispose()
        target.dispose()


def _copy(reading: Connection, writing: Connection, replace: bool) -> list[TableCopy]:
    filled = [
        t.name for t in tables() if writing.execute(select(func.count()).select_from(t)).scalar()
    ]
    if filled and not replace:
        raise CopyError(
            f"the target already holds rows in {', '.join(filled)}; "
            "copy into an empty database, or pass --replace to overwrite them"
        )
    for table in reversed(tables()):  # children before parents
        writing.execute(table.delete())
    for table in tables():
        for rows in _read(reading, table):
            _write_rows(writing, table, rows)
    _reset_sequences(writing)
    copied = []
    for table in tables():
        expected, found = summarise(reading, table), summarise(writing, table)
        differences = compare(expected, found)
        if differences:
            raise CopyError(
                f"table {table.name} does not match after copying, nothing was committed: "
                + "; ".join(differences[:5])
            )
        copied.append(TableCopy(table.name, int(expected["rows"]), len(expected) - 1))
    return copied
