"""PostgreSQL answers every query as SQLite does, on the same data and the same uploads.

The tests that take `memory_engine`, `curated_engine`, `curated_url` or `db_url` already run
on both databases (tests/conftest.py); this module compares the two side by side, so that a
query that sorts, rounds or types differently on PostgreSQL shows up here.
"""

from __future__ import annotations

import inspect
import shutil

import pandas as pd
import pytest

from lib import queries
from lib.actuals import importer
from lib.db import make_engine
from tests.dbtools import actuals_csv, keys, upload

pytestmark = pytest.mark.postgres

# Public query functions that take only an engine (others get their arguments below).
QUERIES = sorted(
    name
    for name, function in inspect.getmembers(queries, inspect.isfunction)
    if function.__module__ == queries.__name__
    and not name.startswith("_")
    and list(inspect.signature(function).parameters)[0] == "engine"
)


@pytest.fixture(scope="module")
def twins(pg_databases, curated_sqlite_file, tmp_path_factory):
    """The same curated data and the same uploads in a SQLite file and a PostgreSQL database."""
    path = tmp_path_factory.mktemp("twins") / "twin.db"
    shutil.copyfile(curated_sqlite_file, path)
    url = pg_databases.create(pg_databases.template("curated"))
    engines = {"sqlite": make_engine(f"sqlite:///{path}"), "postgresql": make_engine(url)}
    for engine in engines.values():
        first = keys(engine, 200)
        upload(engine, actuals_csv(first, 5, "公报 <b>2023</b>", "含 <script>alert(1)</script>"))
        upload(engine, actuals_csv(first.iloc[:50], 6), "revised.csv")
        importer.undo(engine, upload(engine, actuals_csv(keys(engine, 9, offset=200), 7), "x.csv"))
    yield engines
    for engine in engines.values():
        engine.dispose()
    pg_databases.drop(url)


def _same(left, right) -> None:
    if isinstance(left, pd.DataFrame):
        pd.testing.assert_frame_equal(
            left.reset_index(drop=True), right.reset_index(drop=True), check_dtype=False
        )
    else:
        assert left == right


def test_there_are_queries_to_compare():
    assert {"plans", "indicators", "regions", "targets", "actuals"} <= set(QUERIES)


@pytest.mark.parametrize("name", QUERIES)
def test_every_query_returns_the_same_on_postgresql_as_on_sqlite(twins, name):
    function = getattr(queries, name)
    required = [
        p
        for p in list(inspect.signature(function).parameters.values())[1:]
        if p.default is inspect.Parameter.empty
    ]
    if required:
        pytest.skip(f"queries.{name} needs arguments: {[p.name for p in required]}")
    _same(function(twins["sqlite"]), function(twins["postgresql"]))


def test_filtered_actuals_and_targets_are_the_same_on_both(twins):
    sqlite, postgresql = twins["sqlite"], twins["postgresql"]
    stored = queries.actuals(sqlite)
    indicator = stored["indicator_id"].iloc[0]
    regions = sorted(stored.loc[stored["indicator_id"] == indicator, "region_code"].unique())
    _same(
        queries.actuals(sqlite, indicator, regions[:3]),
        queries.actuals(postgresql, indicator, regions[:3]),
    )
    _same(
        queries.targets(sqlite, "rd_gdp_share", ["330000", "330100"]),
        queries.targets(postgresql, "rd_gdp_share", ["330000", "330100"]),
    )


def test_the_batch_history_is_the_same_on_both_but_for_the_times(twins):
    sqlite, postgresql = (importer.history(twins[name]) for name in ("sqlite", "postgresql"))
    times = ["created_at", "undone_at"]
    _same(sqlite.drop(columns=times), postgresql.drop(columns=times))
    for frame in (sqlite, postgresql):
        assert str(frame["created_at"].dt.tz) == "UTC"
    assert sqlite["undone_at"].notna().tolist() == postgresql["undone_at"].notna().tolist()


def test_html_in_texts_is_stored_as_text_on_both(twins):
    for engine in twins.values():
        stored = queries.actuals(engine)
        assert "公报 <b>2023</b>" in set(stored["source"])
        assert "含 <script>alert(1)</script>" in set(stored["note"])
