"""Cached access to the database for pages: one engine per process, cached query results.

Results are cached per database URL and per data version (lib.queries.data_version, which
changes with every upload or undo). The version is looked up at most every few seconds,
so several app instances sharing one PostgreSQL database show each other's uploads
shortly after they are committed; the instance that wrote clears its cache at once.
"""

from __future__ import annotations

import functools
import inspect
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from lib import queries
from lib.db import database_url, make_engine

VERSION_CHECK_SECONDS = 3


@st.cache_resource
def engine_for(url: str) -> Engine:
    """The process-wide engine for one database URL."""
    return make_engine(url)


def engine() -> Engine:
    """The engine for the configured database."""
    return engine_for(database_url())


# url -> (when it was looked up, the version). A plain dict, not st.cache_data: every cached
# read asks for the version, and Streamlit's cache would hash and unpickle it each time.
_versions: dict[str, tuple[float, tuple[int, int, int]]] = {}


def data_version(url: str) -> tuple[int, int, int]:
    """The data version of a database, looked up at most every few seconds."""
    checked = _versions.get(url)
    if checked is None or time.monotonic() - checked[0] > VERSION_CHECK_SECONDS:
        checked = (time.monotonic(), queries.data_version(engine_for(url)))
        _versions[url] = checked
    return checked[1]


_SHARED_CACHES: list[SharedCache] = []


def cache_key(value: object) -> Hashable:
    """A hashable stand-in for an argument: lists as tuples, dicts as sorted item tuples."""
    if isinstance(value, dict):
        return ("dict", tuple(sorted((k, cache_key(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return tuple(cache_key(v) for v in value)
    hash(value)  # anything else must be hashable as it is (TypeError names it otherwise)
    return value


class SharedCache:
    """A function's results kept for every run and session, the latest max_entries of them.

    Keyed by the arguments whose names do not start with "_" (as Streamlit's caches do). A
    plain dict under a lock rather than st.cache_resource, whose hashing of the arguments
    cost 0.3-0.6 ms per call, a dozen calls per page (measured).
    """

    def __init__(self, func: Callable, max_entries: int) -> None:
        self.func, self.max_entries = func, max_entries
        self.signature = inspect.signature(func)
        self.entries: OrderedDict[Hashable, object] = OrderedDict()
        self.lock = threading.Lock()
        functools.update_wrapper(self, func)

    def __call__(self, *args: object, **kwargs: object) -> object:
        bound = self.signature.bind(*args, **kwargs)
        key = tuple(
            (name, cache_key(value))
            for name, value in bound.arguments.items()
            if not name.startswith("_")
        )
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        # Computed outside the lock: two sessions may both compute a result; either is kept.
        result = self.func(*args, **kwargs)
        with self.lock:
            self.entries[key] = result
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)
        return result

    def clear(self) -> None:
        """Forget every result."""
        with self.lock:
            self.entries.clear()


def shared_cache(max_entries: int) -> Callable[[Callable], SharedCache]:
    """Cache results that every run shares as they are, not as copies.

    For results that pages and lib only read (decks, a trajectory's frames), and for query
    results, which _query hands out as shallow copies: st.cache_data would unpickle a fresh
    copy on every run (16-22 ms for a deck or a trajectory). Keyed like the other caches
    (with data_key()) and cleared with them after a write.
    """

    def decorate(func: Callable) -> SharedCache:
        cached = SharedCache(func, max_entries)
        _SHARED_CACHES.append(cached)
        return cached

    return decorate


QUERIES: dict[str, Callable[..., pd.DataFrame | dict[str, int]]] = {
    "plans": queries.plans,
    "indicators": queries.indicators,
    "regions": queries.regions,
    "targets": queries.targets,
    "actuals": queries.actuals,
    "actual_counts": queries.actual_counts,
    "table_counts": queries.table_counts,
    "themes": queries.themes,
    "corridors": queries.corridors,
    "corridor_members": queries.corridor_members,
    "platforms": queries.platforms,
}


@shared_cache(max_entries=256)
def _cached(
    name: str, url: str, version: tuple[int, int, int], *args
) -> pd.DataFrame | dict[str, int]:
    return QUERIES[name](engine_for(url), *args)


def data_key() -> tuple[str, tuple[int, int, int]]:
    """The database and its data version: part of every cached result's key."""
    url = database_url()
    return url, data_version(url)


def _query(name: str, *args) -> pd.DataFrame | dict[str, int]:
    result = _cached(name, *data_key(), *args)
    # A shallow copy is a new frame that copies the data it changes (pandas copy-on-write),
    # so a page that changes its frame leaves the shared one alone, at no cost per read.
    return result.copy(deep=False) if isinstance(result, pd.DataFrame) else dict(result)


def plans() -> pd.DataFrame:
    """Every plan (cached)."""
    return _query("plans")


def indicators() -> pd.DataFrame:
    """Every indicator (cached)."""
    return _query("indicators")


def regions() -> pd.DataFrame:
    """Every region (cached)."""
    return _query("regions")


def targets(indicator_id: str | None = None, region_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Targets and baselines (cached)."""
    return _query("targets", indicator_id, list(region_codes) or None)


def actuals(
    indicator_id: str | tuple[str, ...] | None = None,
    region_codes: tuple[str, ...] = (),
    year: int | None = None,
    note_contains: str | None = None,
) -> pd.DataFrame:
    """Current actuals of some indicators, regions, a year or a note (cached; see queries)."""
    return _query("actuals", indicator_id, list(region_codes) or None, year, note_contains)


def actual_counts() -> pd.DataFrame:
    """How many actuals each indicator has in each region (cached)."""
    return _query("actual_counts")


def table_counts() -> dict[str, int]:
    """Row counts of the main tables, by table name (cached; one count each, no grouping)."""
    return _query("table_counts")


def themes(plan_ids: tuple[str, ...]) -> pd.DataFrame:
    """Highlands, fields, actions and tasks of some plans (cached)."""
    return _query("themes", list(plan_ids))


def corridors() -> pd.DataFrame:
    """Every corridor (cached)."""
    return _query("corridors")


def corridor_members() -> pd.DataFrame:
    """Every corridor member (cached)."""
    return _query("corridor_members")


def platforms() -> pd.DataFrame:
    """Every platform on the corridor map (cached)."""
    return _query("platforms")


def clear_after_write() -> None:
    """Forget cached query results so that every page shows the new data."""
    _versions.clear()
    st.cache_data.clear()
    for cached in _SHARED_CACHES:
        cached.clear()
