"""Shared fixtures: databases for unit tests (SQLite and PostgreSQL), a file database for the app.

`memory_engine`, `curated_engine` and `db_url` run each test that uses them twice: on SQLite
and on a real PostgreSQL server (marked `postgres`), which the session starts itself with
scripts/pg-test-server.sh (installing PostgreSQL through apt-get when missing) and stops at
the end. PG_TESTS=0 skips the PostgreSQL runs; PG_TEST_URL=postgresql+psycopg://... uses a
server you already have (the tests create and drop their own databases in it).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from lib.curated import load_curated
from lib.db import DATA_DIR, make_engine

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"
PG_SCRIPT = REPO_ROOT / "scripts" / "pg-test-server.sh"
PG_TESTS = os.environ.get("PG_TESTS", "1").lower() not in ("0", "no", "false", "off")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


class PgDatabases:
    """Creates and drops one database per test on the test server, from prepared templates."""

    def __init__(self, server_url: str):
        self.server_url = make_url(server_url)
        self.admin = make_engine(
            self.server_url.set(database="postgres").render_as_string(hide_password=False)
        ).execution_options(isolation_level="AUTOCOMMIT")
        self._names = itertools.count()
        self._templates: dict[str, str] = {}

    def url(self, name: str) -> str:
        """The URL of one database on the server."""
        return self.server_url.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str = "template0") -> str:
        """A new database (a copy of `template`) and its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        return self.url(name)

    def drop(self, url: str) -> None:
        """Drop a database made by create, even if a test left connections open."""
        name = make_url(url).database
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def template(self, kind: str) -> str:
        """A template database, made once per session: 'schema' (migrated) or 'curated'."""
        if kind not in self._templates:
            url = self.create()
            engine = make_engine(url)
            if kind == "curated":
                load_curated(engine, DATA_DIR)
            else:
                from lib.migrate import upgrade

                upgrade(engine)
            engine.dispose()  # a template must have no open connections to be copied
            self._templates[kind] = make_url(url).database
        return self._templates[kind]


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The URL of a PostgreSQL server for the tests: PG_TEST_URL, or one started here."""
    if not PG_TESTS:
        pytest.skip("PG_TESTS=0: PostgreSQL tests skipped")
    if os.environ.get("PG_TEST_URL"):
        yield os.environ["PG_TEST_URL"]
        return
    # Short path under /tmp: a unix socket path must stay under ~100 characters.
    server_dir = tempfile.mkdtemp(prefix="zj-pg.", dir="/tmp")
    try:
        started = subprocess.run(
            ["bash", str(PG_SCRIPT), "start", server_dir],
            capture_output=True,
            text=True,
            timeout=900,
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"PostgreSQL did not start within 15 minutes: {error}", pytrace=False)
    if started.returncode != 0 or not started.stdout.strip():
        shutil.rmtree(server_dir, ignore_errors=True)
        pytest.fail(
            "Could not install or start PostgreSQL for the database tests "
            f"(scripts/pg-test-server.sh start exited {started.returncode}).\n"
            f"{started.stderr[-4000:]}\n"
            "Fix that, point PG_TEST_URL at a server, or set PG_TESTS=0 to skip these tests.",
            pytrace=False,
        )
    url = started.stdout.strip().splitlines()[-1]
    yield url
    subprocess.run(["bash", str(PG_SCRIPT), "stop", server_dir], capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def pg_databases(pg_server) -> PgDatabases:
    """Per-test databases on the PostgreSQL test server."""
    databases = PgDatabases(pg_server)
    yield databases
    for name in databases._templates.values():
        databases.drop(databases.url(name))
    databases.admin.dispose()


def _backend_url(request, tmp_path, template: str | None) -> str:
    """A new database for one test on the requested backend (SQLite: a file in tmp_path)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    databases: PgDatabases = request.getfixturevalue("pg_databases")
    url = databases.create(databases.template(template) if template else "template0")
    request.addfinalizer(lambda: databases.drop(url))
    return url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """The URL of a new, empty database: a SQLite file, then a PostgreSQL database."""
    return _backend_url(request, tmp_path, None)


@pytest.fixture(params=BACKENDS)
def memory_engine(request):
    """An empty database with the schema: in-memory SQLite, then PostgreSQL."""
    if request.param == "sqlite":
        from lib.db import create_schema

        engine = make_engine("sqlite://")
        create_schema(engine)
        return engine
    engine = make_engine(_backend_url(request, None, "schema"))
    request.addfinalizer(engine.dispose)
    return engine


@pytest.fixture(params=BACKENDS)
def curated_engine(request):
    """A database loaded with the curated data of data/: in-memory SQLite, then PostgreSQL."""
    if request.param == "sqlite":
        engine = make_engine("sqlite://")
        load_curated(engine, DATA_DIR)
        return engine
    engine = make_engine(_backend_url(request, None, "curated"))
    request.addfinalizer(engine.dispose)
    return engine


@pytest.fixture(scope="session")
def curated_sqlite_file(tmp_path_factory) -> Path:
    """A SQLite file loaded from data/ once per session; curated_url hands out copies."""
    path = tmp_path_factory.mktemp("curated") / "curated.db"
    engine = make_engine(f"sqlite:///{path}")
    load_curated(engine, DATA_DIR)
    engine.dispose()  # the last connection to close checkpoints the WAL into the file
    return path


@pytest.fixture(params=BACKENDS)
def curated_url(request, tmp_path, curated_sqlite_file) -> str:
    """The URL of a new database loaded from data/ that other processes can open too:
    a SQLite file (WAL mode), then a PostgreSQL database."""
    if request.param == "sqlite":
        path = tmp_path / "curated.db"
        shutil.copyfile(curated_sqlite_file, path)
        return f"sqlite:///{path}"
    return _backend_url(request, tmp_path, "curated")


@pytest.fixture(scope="session")
def app_database(tmp_path_factory) -> str:
    """A SQLite file loaded from data/, used by AppTest and the browser tests via DATABASE_URL."""
    path = tmp_path_factory.mktemp("db") / "app.db"
    url = f"sqlite:///{path}"
    load_curated(make_engine(url), DATA_DIR)
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    yield url
    if previous is None:
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = previous
