"""Cached results of the heavier computations behind the pages, keyed by what they show.

Each function takes plain values (ids, codes, language) and the data key of
lib.ui.data.data_key(), so a cached result is reused only while the data it was built
from is unchanged. The computations themselves are the pure functions of lib.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import allocation, comparison, trajectory
from lib.maps import corridors as corridor_map
from lib.maps.deck import CompactDeck
from lib.ui import data

DataKey = tuple[str, tuple[int, int, int]]


@st.cache_data(show_spinner=False, max_entries=64)
def trajectory_view(
    key: DataKey, indicator_id: str, region_codes: tuple[str, ...], method: str, lang: str
) -> trajectory.Trajectory:
    """Everything the trajectories page shows for one indicator and some regions."""
    return trajectory.assemble(
        indicator_id,
        list(region_codes),
        indicators=data.indicators(),
        targets=data.targets(),
        actuals=data.actuals(indicator_id, region_codes),
        plans=data.plans(),
        regions=data.regions(),
        method=method,
        lang=lang,
    )


@st.cache_data(show_spinner=False, max_entries=4)
def allocation_tables(key: DataKey) -> allocation.AllocationTables:
    """Hangzhou's allocation table, its indicators, matrix and consistency checks."""
    return allocation.allocation_tables(data.targets(), data.regions(), data.indicators())


@st.cache_data(show_spinner=False, max_entries=64)
def corridor_deck(
    key: DataKey,
    visible: tuple[str, ...],
    focus: str,
    lang: str,
    layer_suffix: str,
    picked_region: str,
    picked_platform: str,
) -> CompactDeck:
    """The corridor map for the corridors shown, the focus and the last pick."""
    return corridor_map.build_deck(
        data.corridors(),
        data.corridor_members(),
        data.platforms(),
        data.regions(),
        list(visible),
        focus=focus,
        lang=lang,
        layer_suffix=layer_suffix,
        picked_region=picked_region,
        picked_platform=picked_platform,
    )


@st.cache_data(show_spinner=False, max_entries=32)
def compare_paces(
    key: DataKey,
    chosen: tuple[str, ...],
    shared: pd.DataFrame,
    cells: pd.DataFrame,
    plan_labels: dict[str, str],
    region_labels: dict[str, str],
    lang: str,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The annual paces the chosen plans imply for their shared indicators, and their table."""
    shared_ids = tuple(shared["indicator_id"])
    paces = comparison.implied_paces(
        cells[cells["indicator_id"].isin(shared_ids)],
        data.targets(),
        data.actuals(shared_ids),
        data.indicators(),
        data.plans(),
    )
    rows = comparison.pace_table(
        paces, shared, list(chosen), plan_labels, region_labels, cells, lang
    )
    return paces, rows
