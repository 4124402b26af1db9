"""The read-only queries behind the pages, on both database backends."""

from __future__ import annotations

from lib import queries
from lib.actuals.importer import commit, prepare, undo

CSV = (
    "indicator_id,region_code,year,value,unit,source,note\n"
    "rd_gdp_share,330000,2022,3.11,%,统计年鉴,\n"
    "rd_gdp_share,330000,2023,3.2,%,统计公报,\n"
    "rd_gdp_share,330100,2023,3.9,%,,g60 corridor 100%_x\n"
    "new_hitech_enterprises,330100,2023,2046,家,,\n"
)


def upload(engine, text: str = CSV) -> int:
    prepared = prepare(engine, text.encode(), "a.csv")
    assert prepared.ok
    return commit(engine, prepared).batch_id


def test_actuals_narrow_to_indicators_regions_a_year_and_a_note(curated_engine):
    upload(curated_engine)
    rd = queries.actuals(curated_engine, "rd_gdp_share")
    assert list(zip(rd["region_code"], rd["year"], strict=True)) == [
        ("330000", 2022),
        ("330000", 2023),
        ("330100", 2023),
    ]
    both = queries.actuals(curated_engine, ["rd_gdp_share", "new_hitech_enterprises"], ["330100"])
    assert sorted(both["indicator_id"]) == ["new_hitech_enterprises", "rd_gdp_share"]
    assert list(queries.actuals(curated_engine, year=2022)["value"]) == [3.11]
    noted = queries.actuals(curated_engine, note_contains="100%_x")  # % and _ taken literally
    assert list(noted["region_code"]) == ["330100"]
    assert queries.actuals(curated_engine, note_contains="100%x").empty


def test_actual_counts_per_indicator_and_region(curated_engine):
    assert queries.actual_counts(curated_engine).empty
    assert queries.table_counts(curated_engine)["actual"] == 0
    upload(curated_engine)
    assert queries.table_counts(curated_engine)["actual"] == 4
    counts = queries.actual_counts(curated_engine)
    assert counts.to_dict("records") == [
        {"indicator_id": "new_hitech_enterprises", "region_code": "330100", "n": 1},
        {"indicator_id": "rd_gdp_share", "region_code": "330000", "n": 2},
        {"indicator_id": "rd_gdp_share", "region_code": "330100", "n": 1},
    ]


def test_the_data_version_changes_with_every_upload_and_undo(curated_engine):
    empty = queries.data_version(curated_engine)
    batch = upload(curated_engine)
    uploaded = queries.data_version(curated_engine)
    undo(curated_engine, batch)
    undone = queries.data_version(curated_engine)
    assert len({empty, uploaded, undone}) == 3
    assert queries.data_version(curated_engine) == undone  # reading changes nothing
