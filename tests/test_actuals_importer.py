"""Preview, commit as one batch, history and undo: nothing lost, nothing silently overwritten."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import text

from lib.actuals import importer
from lib.actuals.importer import commit, history, prepare, undo
from lib.actuals.messages import describe
from lib.actuals.problems import Refusal
from lib.actuals.validation import KEY
from tests import dbtools
from tests.dbtools import snapshot
from tests.test_actuals_validation import BAD, BAD_DIR, GOOD, LIMITS

HEAD = "indicator_id,region_code,year,value,unit,source,note\n"
FIRST = HEAD + (
    "rd_gdp_share,330000,2022,3.11,%,统计年鉴,\n"
    "rd_gdp_share,330100,2022,3.86,,,\n"
    "new_hitech_enterprises,330100,2023,2046,家,,\n"
)
SECOND = HEAD + (
    "rd_gdp_share,330000,2022,3.11,%,统计年鉴,\n"  # identical
    "rd_gdp_share,330100,2022,3.90,,公报,revised\n"  # changes value, source and note
    "new_hitech_enterprises,330200,2023,1500,,,\n"  # new
)


def actuals(engine) -> list[tuple]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text(
                    "SELECT indicator_id, region_code, year, value, unit, source, note, batch_id "
                    "FROM actual ORDER BY indicator_id, region_code, year"
                )
            )
        ]


def upload(engine, csv_text: str, name: str = "a.csv", who: str | None = None):
    prepared = prepare(engine, csv_text.encode(), name)
    assert prepared.ok, [describe(p, "en") for p in prepared.problems]
    return commit(engine, prepared, who=who)


def test_preview_sorts_rows_into_new_changed_and_identical(curated_engine):
    upload(curated_engine, FIRST)
    prepared = prepare(curated_engine, SECOND.encode(), "b.csv")
    assert prepared.counts == {"inserts": 1, "changes": 1, "same": 1, "total": 3}
    change = prepared.plan.changes.iloc[0]
    assert (change["row"], change["old_value"], change["value"]) == (3, 3.86, 3.9)
    assert pd.isna(change["old_source"]) and (change["source"], change["note"]) == (
        "公报",
        "revised",
    )
    assert prepared.plan.inserts["region_code"].tolist() == ["330200"]
    assert prepared.plan.unchanged["row"].tolist() == [2]


def test_preview_writes_nothing(curated_engine):
    before = snapshot(curated_engine)
    prepared = prepare(curated_engine, FIRST.encode(), "a.csv")
    assert prepared.writable
    assert snapshot(curated_engine) == before


def test_commit_records_one_batch_with_file_hash_who_time_and_counts(curated_engine):
    upload(curated_engine, FIRST)
    done = upload(curated_engine, SECOND, "b.csv", who="王敏")
    assert (done.inserted, done.updated, done.unchanged) == (1, 1, 1)
    batch = history(curated_engine).iloc[0]
    assert batch["id"] == done.batch_id and batch["file_name"] == "b.csv"
    assert batch["sha256"] == hashlib.sha256(SECOND.encode()).hexdigest()
    assert batch["who"] == "王敏" and batch["status"] == "committed"
    assert (batch["rows_total"], batch["rows_inserted"], batch["rows_updated"]) == (3, 1, 1)
    assert batch["rows_unchanged"] == 1 and pd.notna(batch["created_at"])
    assert ("rd_gdp_share", "330100", 2022, 3.9, "%", "公报", "revised", 2) in actuals(
        curated_engine
    )


def test_the_same_file_twice_is_detected_and_changes_nothing(curated_engine):
    upload(curated_engine, FIRST)
    before = snapshot(curated_engine)
    again = prepare(curated_engine, FIRST.encode(), "renamed.csv")
    assert again.duplicate_of["batch"] == 1 and not again.writable
    with pytest.raises(Refusal) as refused:
        commit(curated_engine, again)
    assert describe(refused.value.problem, "en").startswith(
        "This file was already imported as batch #1 on "
    )
    assert snapshot(curated_engine) == before


def test_the_same_file_may_come_back_after_its_batch_was_undone(curated_engine):
    upload(curated_engine, FIRST)
    undo(curated_engine, 1)
    assert prepare(curated_engine, FIRST.encode(), "a.csv").duplicate_of is None
    assert upload(curated_engine, FIRST).inserted == 3


def test_a_file_identical_to_what_is_stored_writes_no_batch(curated_engine):
    upload(curated_engine, FIRST)
    same = prepare(curated_engine, (FIRST + "\n").encode(), "other bytes.csv")
    assert same.counts["same"] == 3 and not same.writable
    with pytest.raises(Refusal) as refused:
        commit(curated_engine, same)
    assert refused.value.problem.code == "nothing_to_change"
    assert len(history(curated_engine)) == 1


def test_undo_restores_exactly_what_was_there_before_the_batch(curated_engine):
    upload(curated_engine, FIRST)
    before = actuals(curated_engine)
    done = upload(curated_engine, SECOND, "b.csv")
    assert actuals(curated_engine) != before
    result = undo(curated_engine, done.batch_id)
    assert (result.removed, result.restored) == (1, 1)
    assert actuals(curated_engine) == before  # values, units, sources, notes and batch ids
    assert history(curated_engine).iloc[0]["status"] == "undone"
    undo(curated_engine, 1)
    assert actuals(curated_engine) == []


def test_undo_is_refused_while_a_later_batch_changed_the_same_values(curated_engine):
    upload(curated_engine, FIRST)
    upload(curated_engine, SECOND, "b.csv")
    before = snapshot(curated_engine)
    with pytest.raises(Refusal) as refused:
        undo(curated_engine, 1)
    assert describe(refused.value.problem, "en") == (
        "Batch #1 cannot be undone: 1 of its values were changed again by later batch #2. "
        "Undo #2 first, so that the later changes are not overwritten."
    )
    assert describe(refused.value.problem, "zh") == (
        "不能撤销批次 #1：它的 1 个数值后来又被批次 #2 修改过。请先撤销 #2，以免覆盖之后的修改。"
    )
    assert snapshot(curated_engine) == before  # the refusal wrote nothing, not even the status
    undo(curated_engine, 2)
    undo(curated_engine, 1)
    assert actuals(curated_engine) == []


def test_undo_of_a_batch_whose_values_no_later_batch_touched_is_allowed(curated_engine):
    upload(curated_engine, FIRST)
    upload(curated_engine, HEAD + "rd_gdp_share,330200,2022,2.9,,,\n", "b.csv")
    undo(curated_engine, 1)
    assert actuals(curated_engine) == [("rd_gdp_share", "330200", 2022, 2.9, "%", None, None, 2)]


@pytest.mark.parametrize(
    ("batch", "message"),
    [(1, "Batch #1 has already been undone."), (9, "There is no batch #9.")],
)
def test_undo_twice_or_of_nothing_is_refused(curated_engine, batch, message):
    upload(curated_engine, FIRST)
    undo(curated_engine, 1)
    with pytest.raises(Refusal) as refused:
        undo(curated_engine, batch)
    assert describe(refused.value.problem, "en") == message


def test_a_preview_made_stale_by_another_upload_is_refused(curated_engine):
    prepared = prepare(curated_engine, FIRST.encode(), "a.csv")
    upload(curated_engine, HEAD + "rd_gdp_share,330000,2022,3.0,,,\n", "other.csv")
    before = snapshot(curated_engine)
    with pytest.raises(Refusal) as refused:
        commit(curated_engine, prepared)
    assert refused.value.problem.code == "stale_preview"
    assert snapshot(curated_engine) == before
    assert prepare(curated_engine, FIRST.encode(), "a.csv").counts["changes"] == 1


def test_a_failure_in_the_middle_of_a_commit_leaves_nothing_behind(curated_engine, monkeypatch):
    prepared = prepare(curated_engine, FIRST.encode(), "a.csv")
    before = snapshot(curated_engine)
    write = importer._write

    def write_then_fail(connection, batch_id, plan):
        write(connection, batch_id, plan)
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "_write", write_then_fail)
    with pytest.raises(RuntimeError):
        commit(curated_engine, prepared)
    assert snapshot(curated_engine) == before


def test_large_files_are_written_in_chunks(curated_engine, monkeypatch):
    monkeypatch.setattr(importer, "CHUNK", 2)
    rows = "".join(f"rd_gdp_share,330100,{year},{year - 2000}.5,,,\n" for year in range(2001, 2012))
    assert upload(curated_engine, HEAD + rows).inserted == 11
    changed = rows.replace(".5,", ".25,")
    assert upload(curated_engine, HEAD + changed, "b.csv").updated == 11
    undo(curated_engine, 2)
    assert [row[3] for row in actuals(curated_engine)] == [
        y - 2000 + 0.5 for y in range(2001, 2012)
    ]


def test_a_rejected_file_cannot_be_committed(curated_engine):
    prepared = prepare(curated_engine, (BAD_DIR / "share_over_100.csv").read_bytes(), "x.csv")
    with pytest.raises(Refusal) as refused:
        commit(curated_engine, prepared)
    assert describe(refused.value.problem, "en") == (
        "The file has 1 problem(s) and was not imported."
    )


@pytest.fixture
def stocked_engine(curated_engine):
    """The curated data plus two committed batches, so that there is something to lose."""
    upload(curated_engine, FIRST)
    upload(curated_engine, SECOND, "b.csv")
    return curated_engine


def test_every_rejected_file_leaves_the_database_row_for_row_unchanged(stocked_engine):
    # One database for all the bad files (each PostgreSQL database takes a while to make).
    before = snapshot(stocked_engine)
    for name in sorted(BAD):
        prepared = prepare(stocked_engine, (BAD_DIR / name).read_bytes(), name, LIMITS.get(name))
        assert not prepared.ok and prepared.plan is None, name
        with pytest.raises(Refusal):
            commit(stocked_engine, prepared)
        assert snapshot(stocked_engine) == before, name


@pytest.mark.parametrize("name", sorted(p.name for p in GOOD.iterdir()))
def test_every_good_fixture_commits_and_undoes_cleanly(curated_engine, name):
    before = snapshot(curated_engine)
    prepared = prepare(curated_engine, (GOOD / name).read_bytes(), name)
    done = commit(curated_engine, prepared)
    assert done.inserted == len(prepared.rows) > 0
    undo(curated_engine, done.batch_id)
    assert actuals(curated_engine) == []
    assert snapshot(curated_engine) != before  # the history keeps the undone batch


def _stored_rows(engine) -> pd.DataFrame:
    with engine.connect() as connection:
        return pd.read_sql(
            text(
                "SELECT indicator_id, region_code, year, value, source, batch_id FROM actual "
                "ORDER BY indicator_id, region_code, year"
            ),
            connection,
        )


def _counts(engine) -> tuple[int, float]:
    with engine.connect() as connection:
        count, total = connection.execute(text("SELECT count(*), sum(value) FROM actual")).one()
    return count, float(total or 0)


def test_a_large_commit_stores_exactly_its_rows_and_undo_gives_them_back(curated_engine):
    # 20,000 rows: on PostgreSQL they go by COPY, the 10,000 changes through a staging table.
    keys = dbtools.keys(curated_engine, 25_000)
    first = keys.iloc[:20_000].assign(value=np.arange(20_000) % 97, unit="", source="年鉴")
    done = upload(curated_engine, first.to_csv(index=False), "first.csv")
    assert (done.inserted, done.updated) == (20_000, 0)
    assert _counts(curated_engine) == (20_000, float(first["value"].sum()))
    stored = _stored_rows(curated_engine)
    expected = first.sort_values(KEY).reset_index(drop=True)
    assert stored[KEY].equals(expected[KEY])
    assert stored["value"].tolist() == expected["value"].astype(float).tolist()
    assert set(stored["source"]) == {"年鉴"} and set(stored["batch_id"]) == {done.batch_id}

    # Every other row changed, and 5,000 new ones.
    changed = first.iloc[::2].assign(value=lambda f: (f["value"] + 1) % 97, source="公报")
    new = keys.iloc[20_000:].assign(value=7, unit="", source="")
    second = upload(curated_engine, pd.concat([changed, new]).to_csv(index=False), "second.csv")
    assert (second.inserted, second.updated, second.unchanged) == (5_000, 10_000, 0)
    kept = first.iloc[1::2]
    total = kept["value"].sum() + changed["value"].sum() + new["value"].sum()
    assert _counts(curated_engine) == (25_000, float(total))
    with curated_engine.connect() as connection:
        logged = connection.execute(
            text("SELECT action, count(*) FROM actualchange WHERE batch_id = :b GROUP BY action"),
            {"b": second.batch_id},
        ).all()
    assert sorted(tuple(row) for row in logged) == [("insert", 5_000), ("update", 10_000)]

    undone = undo(curated_engine, second.batch_id)
    assert (undone.removed, undone.restored) == (5_000, 10_000)
    assert _stored_rows(curated_engine).equals(stored)
    undo(curated_engine, done.batch_id)
    assert _counts(curated_engine) == (0, 0.0)


def test_texts_that_copy_would_misread_are_stored_as_written(curated_engine):
    # PostgreSQL's COPY text format gives tabs, backslashes and \N their own meaning.
    texts = ["a\tb", "back\\slash", "\\N", "quote \" and '", "逗号, 分号;", "<b>x</b>"]
    rows = pd.DataFrame(
        {
            "indicator_id": "rd_gdp_share",
            "region_code": "330100",
            "year": range(2001, 2001 + len(texts)),
            "value": 3,
            "unit": "%",
            "source": texts,
            "note": list(reversed(texts)),
        }
    )
    upload(curated_engine, rows.to_csv(index=False))
    stored = actuals(curated_engine)
    assert [row[5] for row in stored] == texts
    assert [row[6] for row in stored] == list(reversed(texts))
    # And through an update (the staging table) as well.
    changed = rows.assign(value=4, source=rows["note"], note=rows["source"])
    upload(curated_engine, changed.to_csv(index=False), "b.csv")
    stored = actuals(curated_engine)
    assert [row[5] for row in stored] == list(reversed(texts))
    assert [row[6] for row in stored] == texts
