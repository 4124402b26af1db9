"""Loading data/ into the database: complete, idempotent, and never touching actuals."""

from pathlib import Path

import pandas as pd
from sqlmodel import Session, select

from lib.curated import CURATED_TABLES, load_curated
from lib.db import DATA_DIR
from lib.models import Actual, Indicator, UploadBatch
from lib.queries import table_counts


def _snapshot(engine) -> dict[str, str]:
    with engine.connect() as connection:
        return {
            t.model.__tablename__: pd.read_sql(f"select * from {t.model.__tablename__}", connection)
            .sort_values(list(t.key_fields))
            .to_csv(index=False)
            for t in CURATED_TABLES
        }


def test_every_curated_file_row_is_loaded(curated_engine):
    counts = table_counts(curated_engine)
    indicators = pd.read_csv(DATA_DIR / "indicators.csv")
    assert counts["indicator"] == len(indicators)
    if (DATA_DIR / "targets.csv").exists():
        assert counts["target"] == len(pd.read_csv(DATA_DIR / "targets.csv"))


def test_loading_twice_changes_nothing(curated_engine):
    before = _snapshot(curated_engine)
    counts = load_curated(curated_engine, DATA_DIR)
    assert not any(c.changed for c in counts.values())
    assert _snapshot(curated_engine) == before


def test_reloading_keeps_uploaded_actuals(curated_engine):
    with Session(curated_engine) as session:
        indicator = session.exec(select(Indicator)).first()
        batch = UploadBatch(file_name="a.csv", sha256="0" * 64, rows_total=1, rows_inserted=1)
        session.add(batch)
        session.flush()
        region = "330000"
        session.add(
            Actual(
                indicator_id=indicator.id,
                region_code=region,
                year=2023,
                value=1.0,
                unit=indicator.unit,
                batch_id=batch.id,
            )
        )
        session.commit()
    load_curated(curated_engine, DATA_DIR)
    assert table_counts(curated_engine)["actual"] == 1


def test_a_row_removed_from_a_file_is_removed_and_an_edit_is_applied(tmp_path: Path, memory_engine):
    (tmp_path / "indicators.csv").write_text(
        (DATA_DIR / "indicators.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    load_curated(memory_engine, tmp_path)
    frame = pd.read_csv(tmp_path / "indicators.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "name_en"] = "Renamed"
    frame.iloc[1:-1].pipe(lambda f: pd.concat([frame.iloc[[0]], f])).to_csv(
        tmp_path / "indicators.csv", index=False
    )
    counts = load_curated(memory_engine, tmp_path)["indicators.csv"]
    assert (counts.updated, counts.deleted, counts.inserted) == (1, 1, 0)
    with Session(memory_engine) as session:
        first = session.get(Indicator, frame.loc[0, "id"])
        assert first.name_en == "Renamed"
        assert session.get(Indicator, frame.iloc[-1]["id"]) is None
