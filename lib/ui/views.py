"""Cached results of the heavier computations behind the pages, keyed by what they show.

Each function takes plain values (ids, codes, language) and the data key of
lib.ui.data.data_key(), so a cached result is reused only while the data it was built
from is unchanged. The computations themselves are the pure functions of lib.
Results that pages and lib only read are shared between runs (data.shared_cache; tests
check that drawing them changes nothing); the rest are handed out as copies (st.cache_data).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import pyarrow as pa
import streamlit as st

from lib import allocation, comparison, corridors, overview, trajectory
from lib.i18n import name_column, t
from lib.image_export import presentation_subtitle, source_line
from lib.maps import corridors as corridor_map
from lib.maps import hangzhou as hz
from lib.maps.deck import CompactDeck
from lib.maps.legend import legend_html
from lib.ui import data

DataKey = tuple[str, tuple[int, int, int]]


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """A table to draw, as Arrow. st.dataframe draws an Arrow table in a fifth of the time
    it takes for the DataFrame it came from (0.3 against 1.7 ms for a dozen rows), so the
    tables of views shared between runs are kept this way."""
    return pa.Table.from_pandas(frame, preserve_index=False)


@data.shared_cache(max_entries=8)
def overview_tables(key: DataKey, lang: str) -> tuple[pd.DataFrame, dict[str, list]]:
    """Every plan with its counts of targets and baselines, and the links to each plan's
    headline targets (label and target id)."""
    targets = data.targets()
    counts = overview.plan_summary(data.plans(), targets)
    links = overview.headline_links(overview.headline_targets(targets), data.indicators(), lang)
    return counts, links


@data.shared_cache(max_entries=64)
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


@data.shared_cache(max_entries=64)
def trajectory_texts(
    key: DataKey, indicator_id: str, region_codes: tuple[str, ...], method: str, lang: str
) -> dict[str, str]:
    """The trajectories page's Markdown: the chart's source line, the targets drawn and
    listed beside the chart, the status of each target, and the three methods side by side."""
    view = trajectory_view(key, indicator_id, region_codes, method, lang)
    return {
        "source": source_line(data.plans(), view.markers["plan_id"].unique(), lang),
        "drawn": "\n".join(trajectory.target_lines(view.markers, lang)),
        "listed": "\n".join(trajectory.target_lines(view.listed, lang)),
        "status": trajectory.status_block(view.assessed, lang),
        "methods": trajectory.methods_side_by_side(view, lang),
    }


class TrajectoryChoices(NamedTuple):
    """What the trajectories page offers to choose from."""

    options: pd.DataFrame  # the indicators offered (trajectory.indicator_options)
    labels: dict[str, str]  # each offered indicator's label
    categories: list[str]  # the categories of the offered indicators
    offered: dict[str, list[str]]  # the indicators offered in each category ("" = all)
    indicators: dict[str, dict]  # every indicator's row, by id


@data.shared_cache(max_entries=8)
def trajectory_choices(key: DataKey, lang: str) -> TrajectoryChoices:
    """The indicators the trajectories page offers, their labels and categories."""
    indicators = data.indicators()
    options = trajectory.indicator_options(indicators, data.targets(), data.actual_counts())
    records = options.to_dict("records")
    categories = trajectory.categories_present(options)
    return TrajectoryChoices(
        options=options,
        labels={row["id"]: trajectory.indicator_label(row, lang) for row in records},
        categories=categories,
        offered={
            category: [row["id"] for row in records if row["category"] == category or not category]
            for category in ["", *categories]
        },
        indicators={row["id"]: row for row in indicators.to_dict("records")},
    )


@data.shared_cache(max_entries=64)
def trajectory_regions(
    key: DataKey, indicator_id: str, lang: str
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The regions with data for an indicator (province, cities, districts), and their labels."""
    regions = data.regions()
    available = trajectory.regions_with_data(
        data.targets(), data.actual_counts(), regions, indicator_id
    )
    parents = regions.set_index("adcode")[name_column(lang)].to_dict()
    labels = {
        row["adcode"]: trajectory.region_label(row, lang, parents)
        for row in available.to_dict("records")
    }
    return available, labels


@data.shared_cache(max_entries=64)
def trajectory_table(
    key: DataKey, indicator_id: str, region_codes: tuple[str, ...], method: str, lang: str
) -> pd.DataFrame:
    """The trajectories page's table: every target, baseline and actual in view."""
    view = trajectory_view(key, indicator_id, region_codes, method, lang)
    return trajectory.view_table(view, lang)


@data.shared_cache(max_entries=64)
def trajectory_grid(
    key: DataKey, indicator_id: str, region_codes: tuple[str, ...], method: str, lang: str
) -> pa.Table:
    """The same table as drawn: with the headers of trajectory.table_headers, as Arrow."""
    table = trajectory_table(key, indicator_id, region_codes, method, lang)
    return arrow_table(table.rename(columns=trajectory.table_headers(lang)))


@data.shared_cache(max_entries=4)
def allocation_tables(key: DataKey) -> allocation.AllocationTables:
    """Hangzhou's allocation table, its indicators, matrix and consistency checks."""
    return allocation.allocation_tables(data.targets(), data.regions(), data.indicators())


class HangzhouLookup(NamedTuple):
    """What the Hangzhou page looks up on every run, in plain dicts and lists."""

    indicators: dict[str, dict]  # the allocated indicators' rows, by id
    codes: list[str]  # the districts, in map order
    names: dict[str, str]  # each district's name
    can_attain: bool  # some district has an actual for the allocation's year
    plan_title: str  # the allocation plan's title
    checks: list[tuple[str, str]]  # each indicator's label and consistency sentence


@data.shared_cache(max_entries=4)
def hangzhou_lookup(key: DataKey, lang: str) -> HangzhouLookup:
    """The allocation's indicators, districts, checks and plan title, for the page."""
    tables = allocation_tables(key)
    by_id = {row["indicator_id"]: row for row in tables.indicators.to_dict("records")}
    codes = list(tables.district_frame["adcode"])
    names = dict(zip(codes, tables.district_frame[name_column(lang)], strict=True))
    this_year = data.actuals(region_codes=tuple(codes), year=allocation.YEAR)
    plans = data.plans().set_index("id")
    return HangzhouLookup(
        indicators=by_id,
        codes=codes,
        names=names,
        can_attain=allocation.has_actuals(this_year, by_id, codes),
        plan_title=plans.loc[allocation.PLAN_ID, f"title_{lang}"],
        checks=[
            (
                allocation.indicator_label(by_id[each.indicator_id], lang),
                allocation.check_sentence(each, names, lang),
            )
            for each in tables.checks
        ],
    )


@data.shared_cache(max_entries=64)
def hangzhou_city_actual(key: DataKey, indicator_id: str) -> dict | None:
    """The city's own uploaded actual of an indicator for the allocation's year, or None."""
    codes = tuple(allocation_tables(key).district_frame["adcode"])
    # The same query as the map's (hangzhou_map): districts and city, one cached result.
    actuals = data.actuals(indicator_id, (*codes, allocation.CITY_CODE))
    return allocation.city_actual(actuals, indicator_id)


@data.shared_cache(max_entries=64)
def hangzhou_map(
    key: DataKey, indicator_id: str, mode: str, lang: str
) -> tuple[pd.DataFrame, hz.MapFrame]:
    """The districts' figures for one indicator (targets, or attainment), and the map of them."""
    tables = allocation_tables(key)
    indicator = next(
        row for row in tables.indicators.to_dict("records") if row["indicator_id"] == indicator_id
    )
    values = allocation.indicator_values(tables.table, indicator, tables.district_frame)
    if mode == hz.MODE_ATTAINMENT:
        codes = (*tables.district_frame["adcode"], allocation.CITY_CODE)
        values = allocation.attainment(values, data.actuals(indicator_id, codes), indicator)
    return values, hz.map_frame(values, indicator, lang, mode)


@data.shared_cache(max_entries=64)
def hangzhou_deck(
    key: DataKey,
    indicator_id: str,
    mode: str,
    lang: str,
    district: str | None,
    basemap: bool,
    layer_suffix: str = "",
) -> CompactDeck:
    """The Hangzhou map as deck.gl draws it, with the chosen district ringed."""
    _, frame = hangzhou_map(key, indicator_id, mode, lang)
    deck = hz.deck(frame, selected=district, basemap=basemap, layer_suffix=layer_suffix)
    deck.to_json()  # stored with the deck: runs that draw it do not serialise it again
    return deck


@data.shared_cache(max_entries=4)
def hangzhou_tables_display(key: DataKey, lang: str) -> tuple[pa.Table, pa.Table]:
    """The district-by-indicator matrix and the city's own targets, as the page draws them."""
    tables = allocation_tables(key)
    matrix = allocation.matrix_display(
        tables.matrix, tables.indicators, tables.district_frame, lang
    )
    return arrow_table(matrix), arrow_table(allocation.city_display(tables.indicators, lang))


@data.shared_cache(max_entries=64)
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
    deck = corridor_map.build_deck(
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
    deck.to_json()  # stored with the deck: runs that draw it do not serialise it again
    return deck


@data.shared_cache(max_entries=64)
def corridor_legend(key: DataKey, visible: tuple[str, ...], lang: str) -> list[str]:
    """The corridor map's legend blocks (corridors shown, roles, platform types) as HTML."""
    platforms = data.platforms()
    on_map = platforms.loc[platforms["corridor_id"].isin(visible), "type"]
    sections = corridor_map.legend_sections(data.corridors(), list(visible), on_map, lang)
    return [legend_html(title, entries, note) for title, entries, note in sections]


@data.shared_cache(max_entries=16)
def corridor_summary(key: DataKey, visible: tuple[str, ...], lang: str) -> pa.Table:
    """The corridors shown, with their counts of members, platforms and targets, as the
    panel draws them before a corridor is chosen."""
    table = corridors.summary(
        data.corridors(), data.corridor_members(), data.platforms(), data.targets(), list(visible)
    )
    shown = {
        t("corridors.col_corridor", lang): table[name_column(lang)],
        t("corridors.col_layer", lang): [
            t(f"corridors.layer.{layer}", lang) for layer in table["layer"]
        ],
        t("corridors.col_members", lang): table["members"],
        t("corridors.col_platforms", lang): table["platforms"],
        t("corridors.col_targets", lang): table["targets"],
        t("corridors.col_baselines", lang): table["baselines"],
    }
    return arrow_table(pd.DataFrame(shown))


class ComparePlans(NamedTuple):
    """What the compare page looks up about the plans on every run, in plain dicts."""

    ids: list[str]  # every plan, in the database's order
    labels: dict[str, str]  # each plan's short name
    regions: dict[str, str]  # the name of each plan's region
    periods: dict[str, str]  # each plan's period, as text


@data.shared_cache(max_entries=4)
def compare_plans(key: DataKey, lang: str) -> ComparePlans:
    """The plans, their short names, regions and periods in lang."""
    plans = data.plans().set_index("id")
    region_names = data.regions().set_index("adcode")[name_column(lang)]
    return ComparePlans(
        ids=list(plans.index),
        labels=plans["short_en" if lang == "en" else "short_zh"].to_dict(),
        regions={p: region_names[code] for p, code in plans["region_code"].items()},
        periods={
            p: comparison.period_text(row.period_start, row.period_end)
            for p, row in plans.iterrows()
        },
    )


@data.shared_cache(max_entries=32)
def compare_alignment(
    key: DataKey, chosen: tuple[str, ...]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The chosen plans' own targets, their headline cell per indicator, and the indicators
    aligned across the plans."""
    own = comparison.own_region_targets(data.targets(), data.plans(), list(chosen))
    cells = comparison.plan_cells(own)
    return own, cells, comparison.align_indicators(cells, data.indicators(), list(chosen))


@data.shared_cache(max_entries=32)
def compare_aligned_view(
    key: DataKey,
    chosen: tuple[str, ...],
    categories: tuple[str, ...],
    rows: str,
    plan_labels: dict[str, str],
    region_labels: dict[str, str],
    lang: str,
) -> comparison.ShownTable:
    """The aligned table as shown for some rows (comparison.aligned_view), its table as Arrow."""
    _, _, aligned = compare_alignment(key, chosen)
    shown = comparison.filter_aligned(aligned, categories, rows)
    view = comparison.aligned_view(shown, chosen, plan_labels, region_labels, lang)
    return view._replace(table=arrow_table(view.table))


@data.shared_cache(max_entries=32)
def compare_categories(key: DataKey, chosen: tuple[str, ...]) -> list[str]:
    """The indicator categories the chosen plans' aligned indicators fall in, in the order
    of the indicator list."""
    _, _, aligned = compare_alignment(key, chosen)
    present = set(aligned["category"])
    return [c for c in data.indicators()["category"].drop_duplicates() if c in present]


@st.cache_data(show_spinner=False, max_entries=32)
def compare_excluded(key: DataKey, chosen: tuple[str, ...]) -> pd.DataFrame:
    """Per chosen plan, how many of its figures the alignment leaves out, and why."""
    return comparison.excluded_counts(data.targets(), data.plans(), list(chosen))


class PaceView(NamedTuple):
    """What compare's pace tab shows for some plans and categories."""

    rows: pd.DataFrame  # the pace table
    grid: pa.Table  # the same, as drawn
    points: dict[str, pd.DataFrame]  # each shared indicator's dots for its small chart
    charted: list[dict]  # the shared indicators worth a chart (two plans state a figure)
    ambition: dict[str, str]  # each shared indicator's ambition sentence
    subtitles: dict[str, str]  # each small chart's subtitle: regions, years and unit
    source: str  # the source line of every chart


@data.shared_cache(max_entries=32)
def compare_paces(
    key: DataKey,
    chosen: tuple[str, ...],
    categories: tuple[str, ...],
    plan_labels: dict[str, str],
    region_labels: dict[str, str],
    lang: str,
) -> PaceView:
    """The annual paces the chosen plans imply for their shared indicators (in some
    categories, or all): their table, small charts and ambition sentences."""
    own, cells, aligned = compare_alignment(key, chosen)
    shared = comparison.filter_aligned(aligned, categories, "shared")
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
    chartable = set(comparison.chartable(own, shared))
    records = shared.to_dict("records")
    points = {
        indicator_id: comparison.chart_points(own, paces, indicator_id, plan_labels)
        for indicator_id in shared_ids
    }
    return PaceView(
        rows=rows,
        grid=arrow_table(rows),
        points=points,
        charted=[row for row in records if row["indicator_id"] in chartable],
        ambition={
            row["indicator_id"]: comparison.ambition_summary(
                cells[cells["indicator_id"] == row["indicator_id"]],
                row["measure"],
                row["direction"],
                plan_labels,
                lang,
            )
            for row in records
        },
        subtitles={
            row["indicator_id"]: presentation_subtitle(
                region_labels.values(), points[row["indicator_id"]]["year"], row["unit"], lang
            )
            for row in records
        },
        source=source_line(data.plans(), chosen, lang),
    )
