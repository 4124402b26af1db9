"""copy-db: every table moves to the other database, counts and sums checked, all or nothing."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from lib.actuals import importer
from lib.db import make_engine
from lib.dbcopy import CopyError, copy_database
from lib.migrate import BASELINE, upgrade
from lib.models import SavedView, UploadBatch
from tests.dbtools import actuals_csv, cli, keys, snapshot, upload


@pytest.fixture
def populated_sqlite(curated_sqlite_file, tmp_path) -> str:
    """A SQLite database as a team has it after a while: curated data, uploads (one of them
    undone, one changing earlier values), HTML and Chinese in the texts, a saved view."""
    path = tmp_path / "team.db"
    shutil.copyfile(curated_sqlite_file, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    first = keys(engine, 400)
    upload(engine, actuals_csv(first, 5, "年鉴 <img src=x onerror=alert(1)>", "注：<b>初值</b>"))
    upload(engine, actuals_csv(first.iloc[:150], 6, "修订"), "revised.csv")
    importer.undo(engine, upload(engine, actuals_csv(keys(engine, 20, offset=400), 7), "x.csv"))
    with Session(engine) as session:
        session.add(SavedView(name="杭州 <i>2024</i>", page="hangzhou", query="indicator=rd"))
        session.commit()
    engine.dispose()
    return url


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as connection:
        counts = {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar()
            for table in SQLModel.metadata.sorted_tables
        }
    engine.dispose()
    return counts


def test_copy_db_moves_a_populated_sqlite_database_with_counts_and_sums_checked(
    populated_sqlite, db_url
):
    done = cli("copy-db", "--to", db_url, url=populated_sqlite)

    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    for table in SQLModel.metadata.sorted_tables:
        assert any(line.startswith(table.name + " ") and "match" in line for line in lines)
    source, target = make_engine(populated_sqlite), make_engine(db_url)
    assert snapshot(target) == snapshot(source)
    # The copy is a working database: new rows get new ids, undo finds its history.
    with source.connect() as connection:
        last = connection.execute(select(func.max(UploadBatch.id))).scalar()
    batch = upload(target, actuals_csv(keys(target, 10, offset=500), 9), "after.csv")
    assert batch == last + 1
    assert importer.undo(target, 2).restored == 150


@pytest.mark.postgres
def test_a_database_copied_to_postgresql_and_back_is_the_same(
    populated_sqlite, pg_databases, tmp_path
):
    on_server = pg_databases.create()
    back = f"sqlite:///{tmp_path / 'back.db'}"
    try:
        copy_database(populated_sqlite, on_server)
        copied = copy_database(on_server, back)
    finally:
        pg_databases.drop(on_server)
    assert {c.table: c.rows for c in copied} == _counts(populated_sqlite)
    assert snapshot(make_engine(back)) == snapshot(make_engine(populated_sqlite))


def test_copy_db_refuses_a_target_that_holds_data_unless_told_to_replace(populated_sqlite, db_url):
    assert cli("copy-db", "--to", db_url, url=populated_sqlite).returncode == 0
    engine = make_engine(db_url)
    upload(engine, actuals_csv(keys(engine, 10, offset=600), 8), "only-in-target.csv")
    before = snapshot(engine)

    refused = cli("copy-db", "--to", db_url, url=populated_sqlite)
    assert refused.returncode == 1
    assert "--replace" in refused.stderr and "Traceback" not in refused.stderr
    assert snapshot(engine) == before

    replaced = cli("copy-db", "--to", db_url, "--replace", url=populated_sqlite)
    assert replaced.returncode == 0, replaced.stderr
    assert snapshot(engine) == snapshot(make_engine(populated_sqlite))


def test_a_copy_that_does_not_add_up_commits_nothing(populated_sqlite, db_url, monkeypatch):
    from lib import dbcopy

    write = dbcopy._write_rows

    def lose_a_row(connection, table, rows):
        write(connection, table, rows[:-1] if table.name == "actual" else rows)

    monkeypatch.setattr(dbcopy, "_write_rows", lose_a_row)
    with pytest.raises(CopyError, match="actual does not match"):
        copy_database(populated_sqlite, db_url)
    assert set(_counts(db_url).values()) == {0}


def test_copy_db_asks_for_init_db_on_a_source_with_an_old_schema(tmp_path, db_url):
    old = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(make_engine(old), BASELINE)
    refused = cli("copy-db", "--to", db_url, url=old)
    assert refused.returncode == 1
    assert "init-db" in refused.stderr and "Traceback" not in refused.stderr
