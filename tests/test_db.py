from sqlalchemy import text

from lib.db import make_engine


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
