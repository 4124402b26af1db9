import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from lib.db import create_schema, is_busy, lock_timeout_ms, make_engine


def test_sqlite_file_database_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_database_url_comes_from_the_environment(monkeypatch, tmp_path):
    from lib.db import database_url

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'y.db'}")
    assert database_url().endswith("y.db")
    monkeypatch.delenv("DATABASE_URL")
    assert database_url().endswith("data/tracker.db")


def test_writers_wait_as_long_as_database_lock_timeout_ms_says(monkeypatch, db_url):
    assert lock_timeout_ms() == 15_000
    monkeypatch.setenv("DATABASE_LOCK_TIMEOUT_MS", "2500")
    with make_engine(db_url).connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 2500
        else:
            assert connection.execute(text("SHOW lock_timeout")).scalar() == "2500ms"


def test_a_writer_that_waited_too_long_is_recognised_as_busy(monkeypatch, db_url):
    monkeypatch.setenv("DATABASE_LOCK_TIMEOUT_MS", "200")
    engine = make_engine(db_url)
    create_schema(engine)
    first, second = engine.connect(), engine.connect()
    statement = text("UPDATE region SET name_en = 'x'")
    if first.dialect.name == "postgresql":
        statement = text("LOCK TABLE region IN EXCLUSIVE MODE")
    first.execute(statement)  # holds the write lock until rolled back
    with pytest.raises(DBAPIError) as caught:
        second.execute(statement)
    assert is_busy(caught.value)
    first.rollback()
    second.rollback()
    assert not is_busy(ValueError("database is locked"))
