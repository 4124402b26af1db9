"""Read-only queries that return DataFrames for the pages."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from lib.models import (
    Actual,
    Corridor,
    CorridorMember,
    Indicator,
    Plan,
    Platform,
    Region,
    Target,
    Theme,
    UploadBatch,
)


def _frame(engine: Engine, statement) -> pd.DataFrame:
    with engine.connect() as connection:
        return pd.read_sql(statement, connection)


def plans(engine: Engine) -> pd.DataFrame:
    """Every plan, oldest first."""
    return _frame(engine, select(Plan).order_by(Plan.issue_date.asc().nulls_first(), Plan.id))


def indicators(engine: Engine) -> pd.DataFrame:
    """Every indicator."""
    return _frame(engine, select(Indicator).order_by(Indicator.category, Indicator.id))


def regions(engine: Engine) -> pd.DataFrame:
    """Every region."""
    return _frame(engine, select(Region).order_by(Region.adcode))


def targets(
    engine: Engine, indicator_id: str | None = None, region_codes: list[str] | None = None
) -> pd.DataFrame:
    """Targets and baselines, optionally for one indicator and some regions."""
    statement = select(Target)
    if indicator_id:
        statement = statement.where(Target.indicator_id == indicator_id)
    if region_codes:
        statement = statement.where(Target.region_code.in_(region_codes))
    return _frame(engine, statement.order_by(Target.id))


def actuals(
    engine: Engine,
    indicator_id: str | Sequence[str] | None = None,
    region_codes: Sequence[str] | None = None,
    year: int | None = None,
    note_contains: str | None = None,
) -> pd.DataFrame:
    """Current actuals, optionally of some indicators, regions, one year, or a note naming
    something."""
    statement = select(Actual)
    if isinstance(indicator_id, str):
        statement = statement.where(Actual.indicator_id == indicator_id)
    elif indicator_id:
        statement = statement.where(Actual.indicator_id.in_(list(indicator_id)))
    if region_codes:
        statement = statement.where(Actual.region_code.in_(list(region_codes)))
    if year is not None:
        statement = statement.where(Actual.year == year)
    if note_contains:
        statement = statement.where(Actual.note.contains(note_contains, autoescape=True))
    return _frame(engine, statement.order_by(Actual.indicator_id, Actual.region_code, Actual.year))


def actual_counts(engine: Engine) -> pd.DataFrame:
    """How many actuals each indicator has in each region (indicator_id, region_code, n)."""
    statement = (
        select(Actual.indicator_id, Actual.region_code, func.count().label("n"))
        .group_by(Actual.indicator_id, Actual.region_code)
        .order_by(Actual.indicator_id, Actual.region_code)
    )
    return _frame(engine, statement)


def data_version(engine: Engine) -> tuple[int, int, int]:
    """Changes whenever an upload is committed or undone: (batches, last batch id, undone)."""
    statement = select(
        func.count(UploadBatch.id), func.max(UploadBatch.id), func.count(UploadBatch.undone_at)
    )
    with engine.connect() as connection:
        count, last, undone = connection.execute(statement).one()
    return int(count), int(last or 0), int(undone)


def table_counts(engine: Engine) -> dict[str, int]:
    """Row counts of the main tables, for the overview and for checks."""
    with engine.connect() as connection:
        return {
            model.__tablename__: connection.execute(
                select(func.count()).select_from(model)
            ).scalar_one()
            for model in (Plan, Indicator, Region, Target, Actual)
        }


def themes(engine: Engine, plan_ids: list[str] | None = None) -> pd.DataFrame:
    """Highlands, strategic fields, actions and tasks, in each plan's own order."""
    statement = select(Theme)
    if plan_ids:
        statement = statement.where(Theme.plan_id.in_(plan_ids))
    return _frame(
        engine, statement.order_by(Theme.plan_id, Theme.theme_type, Theme.position, Theme.code)
    )


def corridors(engine: Engine) -> pd.DataFrame:
    """Every corridor, primary ones first."""
    return _frame(engine, select(Corridor).order_by(Corridor.layer, Corridor.id))


def corridor_members(engine: Engine) -> pd.DataFrame:
    """Every corridor member (a city or county in a role)."""
    statement = select(CorridorMember).order_by(
        CorridorMember.corridor_id, CorridorMember.region_code, CorridorMember.role
    )
    return _frame(engine, statement)


def platforms(engine: Engine) -> pd.DataFrame:
    """Every named platform placed on a corridor map."""
    return _frame(engine, select(Platform).order_by(Platform.corridor_id, Platform.id))
