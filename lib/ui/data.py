"""Cached access to the database for pages: one engine per process, cached query results."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from lib import queries
from lib.db import database_url, make_engine


@st.cache_resource
def engine_for(url: str) -> Engine:
    """The process-wide engine for one database URL."""
    return make_engine(url)


def engine() -> Engine:
    """The engine for the configured database."""
    return engine_for(database_url())


@st.cache_data(show_spinner=False)
def plans() -> pd.DataFrame:
    """Every plan (cached)."""
    return queries.plans(engine())


@st.cache_data(show_spinner=False)
def indicators() -> pd.DataFrame:
    """Every indicator (cached)."""
    return queries.indicators(engine())


@st.cache_data(show_spinner=False)
def regions() -> pd.DataFrame:
    """Every region (cached)."""
    return queries.regions(engine())


@st.cache_data(show_spinner=False)
def targets(indicator_id: str | None = None, region_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Targets and baselines (cached)."""
    return queries.targets(engine(), indicator_id, list(region_codes) or None)


@st.cache_data(show_spinner=False)
def actuals(indicator_id: str | None = None, region_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Current actuals (cached; cleared after every upload or undo)."""
    return queries.actuals(engine(), indicator_id, list(region_codes) or None)


def clear_after_write() -> None:
    """Forget cached query results so that every page shows the new data."""
    st.cache_data.clear()


@st.cache_data(show_spinner=False)
def themes(plan_ids: tuple[str, ...]) -> pd.DataFrame:
    """Highlands, fields, actions and tasks of some plans (cached)."""
    return queries.themes(engine(), list(plan_ids))
