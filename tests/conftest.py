"""Shared fixtures: an in-memory database for unit tests, a file database for the app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lib.curated import load_curated
from lib.db import DATA_DIR, make_engine

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def memory_engine():
    """An empty in-memory SQLite database with the schema."""
    from lib.db import create_schema

    engine = make_engine("sqlite://")
    create_schema(engine)
    return engine


@pytest.fixture
def curated_engine():
    """An in-memory SQLite database loaded with the curated data of data/."""
    engine = make_engine("sqlite://")
    load_curated(engine, DATA_DIR)
    return engine


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
