"""What the trajectories page assembles: regions with data, series, paths, lists and tables."""

from __future__ import annotations

import copy
import dataclasses
import io

import pandas as pd
import pytest

from lib import progress, queries
from lib import trajectory as tr
from lib.export import to_csv_bytes

PROVINCE, HANGZHOU, JIAXING = "330000", "330100", "330400"


@pytest.fixture
def curated(curated_engine) -> dict[str, pd.DataFrame]:
    """The curated tables as the page reads them, with no actuals uploaded."""
    return {
        "indicators": queries.indicators(curated_engine),
        "targets": queries.targets(curated_engine),
        "actuals": queries.actuals(curated_engine),
        "actual_counts": queries.actual_counts(curated_engine),
        "plans": queries.plans(curated_engine),
        "regions": queries.regions(curated_engine),
    }


def _actuals(rows: list[tuple[str, int, float]], indicator: str = "rd_gdp_share") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "indicator_id": indicator,
                "region_code": code,
                "year": year,
                "value": value,
                "unit": "%",
                "batch_id": 7,
            }
            for code, year, value in rows
        ]
    )


RD_ACTUALS = [
    (PROVINCE, 2019, 2.68),
    (PROVINCE, 2021, 2.94),
    (PROVINCE, 2022, 3.11),
    (PROVINCE, 2023, 3.20),
    (HANGZHOU, 2021, 3.68),
    (HANGZHOU, 2023, 3.90),
]


def _assemble(curated, actuals=None, regions=(PROVINCE, HANGZHOU, JIAXING), lang="zh", **kw):
    data = {name: frame for name, frame in curated.items() if name != "actual_counts"}
    if actuals is not None:
        data["actuals"] = actuals
    return tr.assemble(
        kw.pop("indicator", "rd_gdp_share"),
        list(regions),
        method=kw.pop("method", "sdsn"),
        lang=lang,
        **data,
    )


# ---------------------------------------------------------------------------------------
# Choosing


def test_indicators_offered_are_those_with_data_grouped_by_category(curated):
    options = tr.indicator_options(
        curated["indicators"], curated["targets"], curated["actual_counts"]
    )
    assert "rd_gdp_share" in set(options["id"])
    assert (options["n_targets"] + options["n_actuals"] > 0).all()
    ranks = options["category"].map({c: i for i, c in enumerate(tr.CATEGORIES)})
    assert ranks.is_monotonic_increasing, "indicators are grouped by category, in order"
    assert tr.categories_present(options)[0] == "input"


def test_an_indicator_label_is_searchable_in_both_languages(curated):
    row = curated["indicators"].set_index("id").loc["rd_gdp_share"].to_dict()
    row["id"] = "rd_gdp_share"
    for lang in ("zh", "en"):
        label = tr.indicator_label(row, lang)
        assert "研究与试验发展经费支出占地区生产总值比重" in label
        assert "R&D expenditure as a share of GDP" in label
        assert "(%)" in label
    assert tr.indicator_label(row, "zh").startswith("研发投入")
    assert tr.indicator_label(row, "en").startswith("R&D input | R&D expenditure")


def test_choose_indicator_keeps_a_valid_choice_and_falls_back_to_rd_intensity(curated):
    options = tr.indicator_options(
        curated["indicators"], curated["targets"], curated["actual_counts"]
    )
    other = options[options["id"] != "rd_gdp_share"]["id"].iloc[0]
    assert tr.choose_indicator(other, options) == other
    assert tr.choose_indicator("no_such_indicator", options) == "rd_gdp_share"
    assert tr.choose_indicator("", options) == "rd_gdp_share"
    # A category without rd_gdp_share falls back to its own first indicator.
    talent = tr.choose_indicator("rd_gdp_share", options, "talent")
    assert options.set_index("id").loc[talent, "category"] == "talent"


def test_regions_with_rd_intensity_data_are_province_cities_and_hangzhou_districts(curated):
    available = tr.regions_with_data(
        curated["targets"], curated["actual_counts"], curated["regions"], "rd_gdp_share"
    )
    codes = list(available["adcode"])
    assert codes[0] == PROVINCE
    assert {HANGZHOU, JIAXING} <= set(codes)
    districts = available[available["parent"] == HANGZHOU]
    assert len(districts) >= 10, "the 2024 allocation gives Hangzhou's districts a target"
    # Districts come right after their city, before the next city.
    hangzhou_at = codes.index(HANGZHOU)
    assert codes[hangzhou_at + 1 : hangzhou_at + 1 + len(districts)] == list(districts["adcode"])
    assert tr.default_regions(available) == [PROVINCE, HANGZHOU, JIAXING]


def test_a_region_with_only_an_uploaded_actual_counts_as_having_data(curated):
    counts = pd.DataFrame({"indicator_id": ["rd_gdp_share"], "region_code": ["330200"], "n": [1]})
    available = tr.regions_with_data(curated["targets"], counts, curated["regions"], "rd_gdp_share")
    row = available.set_index("adcode").loc["330200"]
    assert row["n_actuals"] == 1 and row["n_targets"] == 0


def test_choose_regions_drops_regions_without_data_and_falls_back_to_defaults(curated):
    available = tr.regions_with_data(
        curated["targets"], curated["actual_counts"], curated["regions"], "rd_gdp_share"
    )
    assert tr.choose_regions(["330106", "999999", HANGZHOU], available) == ["330106", HANGZHOU]
    assert tr.choose_regions(["999999"], available) == [PROVINCE, HANGZHOU, JIAXING]
    everything = list(available["adcode"])
    assert len(tr.choose_regions(everything, available)) == tr.MAX_REGIONS


def test_a_district_label_names_its_city(curated):
    regions = curated["regions"].set_index("adcode")
    parents = regions["name_zh"].to_dict()
    district = regions.loc["330106"].to_dict() | {"adcode": "330106"}
    assert tr.region_label(district, "zh", parents) == "西湖区 · 杭州市"
    city = regions.loc[HANGZHOU].to_dict() | {"adcode": HANGZHOU}
    assert tr.region_label(city, "zh", parents) == "杭州市"


# ---------------------------------------------------------------------------------------
# Assembly with the curated targets


def test_the_default_view_has_every_plan_target_for_rd_intensity(curated):
    view = _assemble(curated)
    markers = view.markers
    by_region = {
        code: sorted(zip(group["year"], group["value"], strict=True))
        for code, group in markers.groupby("region_code")
    }
    assert (2022, 3.0) in by_region[PROVINCE] and (2027, 3.4) in by_region[PROVINCE]
    assert {(2024, 3.95), (2025, 4.0), (2027, 4.2)} <= set(by_region[HANGZHOU])
    assert (2027, 3.65) in by_region[JIAXING]
    province_2027 = markers[(markers["region_code"] == PROVINCE) & (markers["year"] == 2027)]
    assert province_2027["comparator"].iloc[0] == ">"
    assert set(markers["plan_id"]) >= {"zj_opinions_2018", "zj_315_2023", "hz_315_2024"}
    assert markers["link"].str.startswith("sources?target=").all()
    assert view.region_names == ("浙江省", "杭州市", "嘉兴市")


def test_qualitative_targets_are_listed_not_dropped(curated):
    view = _assemble(curated)
    qualitative = view.listed[view.listed["comparator"] == "text"]
    assert len(qualitative) >= 1
    assert qualitative["value_text"].str.contains("研发投入强度").any()
    assert not set(qualitative["id"]) & set(view.markers["id"])
    lines = tr.target_lines(qualitative, "zh")
    assert all("](sources?target=" in line for line in lines)


def test_every_non_baseline_target_in_view_is_on_the_chart_or_listed(curated):
    for indicator in ("rd_gdp_share", "hitech_va_share", "new_hitech_enterprises"):
        available = tr.regions_with_data(
            curated["targets"], curated["actual_counts"], curated["regions"], indicator
        )
        codes = list(available["adcode"].head(tr.MAX_REGIONS))
        view = _assemble(curated, regions=codes, indicator=indicator)
        own = curated["targets"]
        own = own[
            (own["indicator_id"] == indicator)
            & own["region_code"].isin(codes)
            & (own["kind"] != "baseline")
        ]
        shown = set(view.markers["id"]) | set(view.listed["id"])
        assert shown == set(own["id"]), indicator


def test_range_targets_are_drawn_as_bars_and_also_listed(curated):
    targets = curated["targets"]
    ranges = targets[(targets["comparator"] == "range") & targets["kind"].isin(tr.CHARTED_KINDS)]
    assert len(ranges), "the curated data has range targets"
    target = ranges.iloc[0]
    view = _assemble(curated, regions=[target["region_code"]], indicator=target["indicator_id"])
    assert target["id"] in set(view.ranges["id"])
    assert target["id"] in set(view.listed["id"])


def test_without_actuals_every_quantitative_target_lacks_data(curated):
    view = _assemble(curated)
    assert view.observed.empty and view.paths.empty and view.projection.empty
    statuses = set(view.assessed["status"])
    assert statuses <= {progress.Status.NOT_ENOUGH_DATA, progress.Status.QUALITATIVE}
    assert progress.Status.NOT_ENOUGH_DATA in statuses


# ---------------------------------------------------------------------------------------
# Series, paths and projection


def test_observed_series_joins_actuals_and_stated_baselines_with_provenance():
    targets = pd.DataFrame(
        [
            {
                "id": "p-001",
                "plan_id": "p",
                "indicator_id": "x",
                "region_code": "330000",
                "year": 2020,
                "value": 10.0,
                "value_text": "10",
                "kind": "baseline",
                "quote": "2020年为10",
            },
            {
                "id": "p-002",
                "plan_id": "p",
                "indicator_id": "x",
                "region_code": "330000",
                "year": 2021,
                "value": 11.0,
                "value_text": "11",
                "kind": "baseline",
                "quote": "2021年为11",
            },
        ]
    )
    actuals = _actuals([("330000", 2021, 11.5), ("330000", 2022, 12.0)], indicator="x")
    series = tr.observed_series(targets, actuals, "x", ["330000"])
    assert list(series["year"]) == [2020, 2021, 2022]
    assert list(series["source"]) == ["baseline", "actual", "actual"]
    assert series["value"].tolist() == [10.0, 11.5, 12.0], "an uploaded actual wins its year"
    assert series["target_id"].iloc[0] == "p-001" and series["quote"].iloc[0] == "2020年为10"
    assert series["batch_id"].iloc[1] == 7 and pd.isna(series["target_id"].iloc[1])


def test_the_path_starts_at_the_latest_value_before_the_plan_began():
    observed = pd.DataFrame({"year": [2019, 2020, 2022, 2023], "value": [1.0, 2.0, 3.0, 4.0]})
    start = tr.path_start(observed, target_year=2027, plan_start=2023)
    assert (start["year"], start["value"]) == (2022, 3.0)
    # Nothing known before the plan: the earliest value before the target year.
    start = tr.path_start(observed, target_year=2022, plan_start=2018)
    assert start["year"] == 2019
    assert tr.path_start(observed, target_year=2019, plan_start=2018) is None


def test_paths_and_projection_follow_the_uploaded_actuals(curated):
    view = _assemble(curated, actuals=_actuals(RD_ACTUALS))
    paths = view.paths
    province_2027 = view.markers[
        (view.markers["region_code"] == PROVINCE) & (view.markers["year"] == 2027)
    ]["id"].iloc[0]
    line = paths[paths["target_id"] == province_2027].sort_values("year")
    # The 315 plan starts in 2023: its path starts from 2022, the latest value before.
    assert line[["year", "value"]].values.tolist() == [[2022, 3.11], [2027, 3.4]]
    # Hangzhou's several 2024 targets of 3.95 share one path.
    hangzhou = paths[paths["region_code"] == HANGZHOU]
    ends = view.markers[view.markers["region_code"] == HANGZHOU][["year", "value"]]
    assert hangzhou["target_id"].nunique() == len(ends.drop_duplicates()) < len(ends)
    projection = view.projection[view.projection["region_code"] == PROVINCE]
    assert projection["year"].min() == 2023 and projection["year"].max() == 2027
    expected = progress.projection(
        pd.DataFrame({"year": [2019, 2021, 2022, 2023], "value": [2.68, 2.94, 3.11, 3.20]}),
        2027,
        "share",
    )
    assert projection["value"].round(9).tolist() == expected["value"].round(9).tolist()
    assert JIAXING not in set(view.projection["region_code"]), "Jiaxing has no actuals"


def test_statuses_change_once_actuals_are_loaded(curated):
    before = _assemble(curated).assessed.set_index("id")["status"]
    after = _assemble(curated, actuals=_actuals(RD_ACTUALS)).assessed.set_index("id")["status"]
    province = after[after.index.str.startswith("zj_")]
    assert set(before[province.index]) == {progress.Status.NOT_ENOUGH_DATA}
    assert progress.Status.NOT_ENOUGH_DATA not in set(province)
    # 3.11% in 2022 meets the 2018 opinions' 3% for 2022.
    opinions = after[after.index.str.startswith("zj_opinions_2018")]
    assert set(opinions) == {progress.Status.MET}


# ---------------------------------------------------------------------------------------
# Words, links, badges and tables


def test_links_to_the_source_reader_are_relative_and_keep_english():
    assert tr.sources_link("zj_315_2023-001", "zh") == "sources?target=zj_315_2023-001"
    assert tr.sources_link("zj_315_2023-001", "en") == "sources?target=zj_315_2023-001&lang=en"
    assert tr.sources_link("a b&c", "zh") == "sources?target=a+b%26c"


def test_every_status_has_a_badge_with_a_label_colour_and_icon():
    for status in progress.Status:
        for lang in ("zh", "en"):
            badge = tr.status_badge(status, lang)
            assert badge["label"] == progress.STATUS_LABELS[status][lang]
            assert badge["color"] in {"blue", "green", "yellow", "orange", "red", "violet", "gray"}
            assert badge["icon"].startswith(":material/")
    assert (
        tr.status_badge("on_track", "zh")["color"] != tr.status_badge("stagnating", "zh")["color"]
    )


def test_the_status_block_has_a_badged_paragraph_per_target_with_its_reason(curated):
    view = _assemble(curated, actuals=_actuals(RD_ACTUALS))
    paragraphs = tr.status_block(view.assessed, "en").split("\n\n")
    assert len(paragraphs) == len(view.assessed) > 1
    for paragraph, row in zip(paragraphs, view.assessed.itertuples(), strict=True):
        badge = tr.status_badge(row.status, "en")
        assert paragraph.startswith(f":{badge['color']}-badge[{badge['icon']} {badge['label']}] ")
        assert paragraph.endswith(tr.status_line(row, "en"))
    assert tr.status_badge_markdown("on_track", "en").endswith("On track]")


def test_methods_are_named_and_described_in_both_languages():
    assert tr.choose_method("sdg_ratio") == "sdg_ratio"
    assert tr.choose_method("nonsense") == progress.DEFAULT_METHOD
    assert set(tr.method_names("en")) == {"sdsn", "sdg_ratio", "de_projection"}
    assert "SDSN" in tr.method_names("zh")["sdsn"]
    assert "five years" in tr.method_description("de_projection", "en")


def test_methods_side_by_side_give_three_statuses_per_target(curated):
    actuals = _actuals(RD_ACTUALS)
    view = _assemble(curated, actuals=actuals)
    header, rule, *rows = [
        [cell.strip() for cell in line.strip("|").split(" | ")]
        for line in tr.methods_side_by_side(view, "en").splitlines()
    ]
    names = list(tr.method_names("en").values())
    assert header[-3:] == names and header[0] == "Region"
    assert set(rule) == {"---"}
    assert len(rows) == len(view.assessed)
    for row, (_, status) in zip(rows, view.compared.iterrows(), strict=True):
        for cell, method in zip(row[-3:], progress.METHODS, strict=True):
            code = progress.Status(status[f"status_{method}"])
            assert cell == tr.status_badge_markdown(code, "en")
            assert progress.STATUS_LABELS[code]["en"] in cell


def test_the_table_has_every_target_and_actual_and_exports_as_csv(curated):
    view = _assemble(curated, actuals=_actuals(RD_ACTUALS))
    table = tr.view_table(view, "zh")
    target_ids = set(view.markers["id"]) | set(view.listed["id"])
    assert target_ids <= set(table["target_id"])
    actual_rows = table[table["kind"] == "实际值"]
    assert len(actual_rows) == len(RD_ACTUALS)
    assert set(actual_rows["upload_batch"]) == {"#7"}
    assert list(table["region"].drop_duplicates()) == ["浙江省", "杭州市", "嘉兴市"]

    data = to_csv_bytes(tr.export_table(table, "en"))
    assert data.startswith("\ufeff".encode())
    exported = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert "Region" in exported.columns and "Quote" in exported.columns
    assert "Source" not in exported.columns, "the relative link is for the screen only"
    assert len(exported) == len(table)
    assert not exported.astype(str).isin(["None"]).any().any()


def test_drawing_a_view_leaves_it_as_it_was(curated):
    """The page's cache shares one view between runs and sessions (data.shared_cache), so
    nothing that draws it may change it."""
    from lib.charts.trajectory import trajectory_chart

    view = _assemble(curated, actuals=_actuals(RD_ACTUALS))
    before = copy.deepcopy(view)
    trajectory_chart(view, title="R&D", unit="%", lang="en").to_dict()
    tr.target_lines(view.markers, "en")
    tr.target_lines(view.listed, "en")
    for row in view.assessed.itertuples():
        tr.status_line(row, "en")
    tr.methods_side_by_side(view, "en")
    table = tr.view_table(view, "en")
    shown = table.copy()
    tr.export_table(table, "en")
    pd.testing.assert_frame_equal(table, shown)  # the page shares the table between runs too
    for field in dataclasses.fields(view):
        value, kept = getattr(view, field.name), getattr(before, field.name)
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, kept, obj=field.name)
        else:
            assert value == kept, field.name
