"""Read-only queries that return DataFrames for the pages."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Engine

from lib.models import Actual, Indicator, Plan, Region, Target


def _frame(engine: Engine, statement) -> pd.DataFrame:
    with engine.connect() as connection:
        return pd.read_sql(statement, connection)


def plans(engine: Engine) -> pd.DataFrame:
    """Every plan, oldest first."""
    return _frame(engine, select(Plan).order_by(Plan.issue_date, Plan.id))


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
    engine: Engine, indicator_id: str | None = None, region_codes: list[str] | None = None
) -> pd.DataFrame:
    """Current actuals, optionally for one indicator and some regions."""
    statement = select(Actual)
    if indicator_id:
        statement = statement.where(Actual.indicator_id == indicator_id)
    if region_codes:
        statement = statement.where(Actual.region_code.in_(region_codes))
    return _frame(engine, statement.order_by(Actual.indicator_id, Actual.region_code, Actual.year))


def table_counts(engine: Engine) -> dict[str, int]:
    """Row counts of the main tables, for the overview and for checks."""
    from sqlalchemy import func

    with engine.connect() as connection:
        return {
            model.__tablename__: connection.execute(
                select(func.count()).select_from(model)
            ).scalar_one()
            for model in (Plan, Indicator, Region, Target, Actual)
        }
