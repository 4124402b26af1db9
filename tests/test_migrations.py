"""Schema versions: init-db creates or upgrades the schema in place, and an upgrade loses nothing.

Each test runs on SQLite and on PostgreSQL (the `db_url` fixture).
"""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from lib import curated
from lib.actuals import importer
from lib.db import DATA_DIR, create_schema, make_engine
from lib.migrate import (
    BASELINE,
    SchemaError,
    alembic_config,
    current_revision,
    head_revision,
    migration_connection,
    schema_differences,
    upgrade,
)
from lib.models import Actual, Indicator
from tests.dbtools import actuals_csv, batch_state, cli, keys, snapshot, upload


def _revision(engine) -> str | None:
    with engine.connect() as connection:
        return current_revision(connection)


def _first_revision_with_actuals(url: str, monkeypatch):
    """A database at revision 1 used as the app of that time would: curated data, uploads
    (one inserting, one changing a third of those values, one undone) with HTML in the texts."""
    engine = make_engine(url)
    upgrade(engine, BASELINE)
    with monkeypatch.context() as patch:
        patch.setattr(curated, "upgrade", lambda engine: None)  # fill it at revision 1
        curated.load_curated(engine, DATA_DIR)
    first = keys(engine, 300)
    upload(engine, actuals_csv(first, 5, "统计年鉴 <b>2023</b>", "<script>x()</script>"), "a.csv")
    changed = upload(engine, actuals_csv(first.iloc[:100], 6), "b.csv")
    undone = upload(engine, actuals_csv(keys(engine, 50, offset=300), 7), "c.csv")
    importer.undo(engine, undone)
    assert _revision(engine) == BASELINE
    return engine, changed


def test_the_revisions_lead_from_the_foundation_schema_to_the_head():
    assert BASELINE == "0001"
    assert head_revision() != BASELINE


def test_models_and_migrations_describe_the_same_schema(db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    with engine.connect() as connection:
        assert schema_differences(connection) == []
        checks = {c["name"] for c in inspect(connection).get_check_constraints("uploadbatch")}
    assert "ck_uploadbatch_status" in checks
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO uploadbatch (file_name, sha256, created_at, rows_total, "
                "rows_inserted, rows_updated, rows_unchanged, status) "
                "VALUES ('x.csv', 'x', '2024-01-01', 0, 0, 0, 0, 'reverted')"
            )
        )


def test_init_db_upgrades_a_database_at_the_first_revision_and_keeps_every_row(db_url, monkeypatch):
    engine, changed = _first_revision_with_actuals(db_url, monkeypatch)
    before = snapshot(engine)
    assert batch_state(engine) == {"committed": 2, "undone": 1, "actual": 300, "change": 450}

    done = cli("init-db", url=db_url)

    assert done.returncode == 0, done.stderr
    assert _revision(engine) == head_revision()
    assert snapshot(engine) == before
    with engine.connect() as connection:
        assert schema_differences(connection) == []
        assert not inspect(connection).get_table_names().count("_alembic_tmp_uploadbatch")
    # The change history still works: undoing the second upload restores the first values.
    importer.undo(engine, changed)
    with engine.connect() as connection:
        values = connection.execute(select(Actual.value).distinct()).scalars().all()
        notes = connection.execute(select(Actual.note).distinct()).scalars().all()
    assert values == [5.0]
    assert notes == ["<script>x()</script>"]


def test_a_database_made_before_alembic_is_adopted_then_upgraded(db_url, monkeypatch):
    engine, _ = _first_revision_with_actuals(db_url, monkeypatch)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    before = snapshot(engine)

    migration = upgrade(engine)

    assert (migration.before, migration.adopted, migration.after) == (
        None,
        BASELINE,
        head_revision(),
    )
    assert snapshot(engine) == before


def test_a_database_made_by_create_all_with_todays_models_is_stamped_at_the_head(db_url):
    engine = make_engine(db_url)
    create_schema(engine)
    migration = upgrade(engine)
    assert migration.adopted == head_revision() == migration.after


def test_downgrading_to_the_first_revision_and_back_keeps_every_row(db_url, monkeypatch):
    engine, _ = _first_revision_with_actuals(db_url, monkeypatch)
    upgrade(engine)
    before = snapshot(engine)
    with migration_connection(engine) as connection:
        command.downgrade(alembic_config(connection), BASELINE)
    assert _revision(engine) == BASELINE
    assert snapshot(engine) == before
    upgrade(engine)
    assert snapshot(engine) == before


def test_an_upgrade_that_fails_changes_nothing(db_url, monkeypatch):
    engine, _ = _first_revision_with_actuals(db_url, monkeypatch)
    with engine.begin() as connection:  # a value revision 2 forbids, written at revision 1
        connection.execute(text("UPDATE uploadbatch SET status = 'reverted' WHERE id = 3"))
    before = snapshot(engine)

    with pytest.raises(IntegrityError):
        upgrade(engine)

    assert _revision(engine) == BASELINE
    assert snapshot(engine) == before
    with engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
    assert not {name for name in names if name.startswith("_alembic_tmp")}


def test_init_db_creates_the_schema_and_a_second_run_changes_nothing(db_url):
    first = cli("init-db", url=db_url)
    assert first.returncode == 0, first.stderr
    second = cli("init-db", url=db_url)
    assert second.returncode == 0, second.stderr
    assert all(line.endswith("unchanged") for line in second.stdout.strip().splitlines())
    engine = make_engine(db_url)
    assert _revision(engine) == head_revision()
    with engine.connect() as connection:
        assert connection.execute(select(Indicator.id)).first() is not None


def test_tables_of_another_application_are_left_alone(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE plan (id INTEGER PRIMARY KEY, what TEXT)"))
    with pytest.raises(SchemaError, match="not made by this app"):
        upgrade(engine)
    with engine.connect() as connection:
        assert inspect(connection).get_table_names() == ["plan"]
