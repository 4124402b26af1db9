"""The page-facing caches of lib.ui.data: shared results, and forgetting them after a write."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.ui import data

calls: list[int] = []


@data.shared_cache(max_entries=4)
def _summary(key: int) -> pd.DataFrame:
    calls.append(key)
    return pd.DataFrame({"key": [key]})


def test_a_shared_result_is_handed_out_as_is_until_a_write_clears_it():
    data.clear_after_write()
    calls.clear()
    first = _summary(1)
    assert _summary(1) is first, "no copy per run"
    assert calls == [1]
    data.clear_after_write()  # what the upload page does after a commit or an undo
    again = _summary(1)
    assert again is not first
    assert calls == [1, 1]


@data.shared_cache(max_entries=2)
def _labelled(key: int, labels: dict[str, str], lines: list[str], _build=None) -> tuple:
    calls.append(key)
    return (key, labels, lines)


def test_results_are_keyed_by_content_without_underscored_arguments_latest_kept():
    data.clear_after_write()
    calls.clear()
    first = _labelled(1, {"a": "A", "b": "B"}, ["x"], _build=lambda: 1)
    # Equal dicts and lists in another order of insertion, another _build: the same result.
    assert _labelled(1, {"b": "B", "a": "A"}, ["x"], _build=lambda: 2) is first
    assert calls == [1]
    _labelled(1, {"a": "A", "b": "changed"}, ["x"])
    _labelled(1, {"a": "A", "b": "B"}, ["y"])
    assert calls == [1, 1, 1], "a changed label or line is another result"
    # Two entries kept: the oldest (the first call) has been dropped.
    assert _labelled(1, {"a": "A", "b": "B"}, ["x"]) is not first
    assert calls == [1, 1, 1, 1]


def test_an_unhashable_argument_is_refused_not_cached_by_identity():
    with pytest.raises(TypeError, match="DataFrame"):
        _summary(pd.DataFrame({"key": [1]}))


def test_a_page_that_changes_a_query_result_does_not_change_the_next_read(
    curated_sqlite_file, monkeypatch
):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{curated_sqlite_file}")
    data.clear_after_write()
    plans = data.plans()
    expected = plans.copy()
    plans["short_en"] = "changed"
    plans.loc[plans.index[0], "id"] = "changed"
    pd.testing.assert_frame_equal(data.plans(), expected)
    counts = data.table_counts()
    counts["plan"] = -1
    assert data.table_counts()["plan"] == len(expected)
    data.clear_after_write()


def test_the_data_version_is_looked_up_again_after_a_few_seconds_or_a_write(monkeypatch):
    lookups: list[str] = []

    def look_up(engine: str) -> tuple[int, int, int]:
        lookups.append(engine)
        return len(lookups), 0, 0

    monkeypatch.setattr(data, "engine_for", lambda url: url)
    monkeypatch.setattr(data.queries, "data_version", look_up)
    clock = [1000.0]
    monkeypatch.setattr(data.time, "monotonic", lambda: clock[0])
    data.clear_after_write()
    assert data.data_version("sqlite://") == (1, 0, 0)
    clock[0] += data.VERSION_CHECK_SECONDS - 0.5
    assert data.data_version("sqlite://") == (1, 0, 0), "not looked up again within the check"
    clock[0] += 1.0
    assert data.data_version("sqlite://") == (2, 0, 0)
    data.clear_after_write()  # the writing instance sees its own write at once
    assert data.data_version("sqlite://") == (3, 0, 0)
    assert lookups == ["sqlite://"] * 3
    data.clear_after_write()
