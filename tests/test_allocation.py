"""Hangzhou's 2024 allocation table: rows, ranks, shares, consistency checks and attainment.

Everything runs on the curated data of data/ (the table is appendix (二) of hz_315_2024).
"""

from __future__ import annotations

import copy
import math

import pandas as pd
import pytest

from lib import allocation, queries

TABLE_ORDER = [
    "rd_gdp_share",
    "hitech_va_share",
    "hitech_investment_growth",
    "new_hitech_enterprises",
    "major_project_investment",
]
NO_INVESTMENT_TARGET = ("330105", "330122", "330127", "330182")  # 拱墅 桐庐 淳安 建德: "-"


@pytest.fixture
def curated(curated_engine):
    """The frames the page reads: targets, regions, indicators, and the table built from them."""
    targets = queries.targets(curated_engine)
    regions = queries.regions(curated_engine)
    indicators = queries.indicators(curated_engine)
    table = allocation.allocation_table(targets, regions)
    return {
        "targets": targets,
        "indicators": indicators,
        "districts": allocation.districts(regions),
        "table": table,
        "rows": allocation.allocation_indicators(table, indicators),
    }


def indicator(curated, indicator_id: str) -> dict:
    rows = curated["rows"]
    return rows[rows["indicator_id"] == indicator_id].iloc[0].to_dict()


def check(curated, indicator_id: str) -> allocation.Check:
    return allocation.consistency_check(
        curated["table"], indicator(curated, indicator_id), curated["districts"]
    )


def test_the_table_has_its_five_rows_in_order_with_thirteen_districts(curated):
    assert len(curated["districts"]) == 13
    rows = curated["rows"]
    assert list(rows["indicator_id"]) == TABLE_ORDER
    table = curated["table"]
    districts = table[table["level"] == allocation.LEVEL_DISTRICT]
    counts = districts.groupby("indicator_id").size().to_dict()
    assert counts == {
        "rd_gdp_share": 13,
        "hitech_va_share": 13,
        "hitech_investment_growth": 13,
        "new_hitech_enterprises": 13,
        "major_project_investment": 9,
    }
    assert list(rows["quantitative"]) == [True, True, False, True, True]


def test_city_and_province_columns_come_from_the_table_line_itself(curated):
    rows = curated["rows"].set_index("indicator_id")
    assert rows.loc["rd_gdp_share", "city_value"] == pytest.approx(3.95)
    assert rows.loc["rd_gdp_share", "province_value"] == pytest.approx(3.89)
    assert rows.loc["hitech_va_share", "city_value"] == pytest.approx(70.2)
    assert rows.loc["new_hitech_enterprises", "city_value"] == 2000
    assert rows.loc["new_hitech_enterprises", "province_value"] == 1870
    assert rows.loc["major_project_investment", "city_value"] == pytest.approx(56.7)
    # The qualitative row: the city states 20 %, the province only words.
    assert rows.loc["hitech_investment_growth", "city_value"] == 20
    assert pd.isna(rows.loc["hitech_investment_growth", "province_value"])
    assert rows.loc["hitech_investment_growth", "province_value_text"] == "快于面上投资增速"
    # The same city figures stated in the body text (e.g. 3.95 %, 超500亿元) are not the table.
    city_rows = curated["table"][curated["table"]["level"] == allocation.LEVEL_CITY]
    assert all("\t" in quote for quote in city_rows["quote"])
    assert len(city_rows) == 5


def test_new_high_tech_enterprise_targets_sum_to_1999_against_2000(curated):
    result = check(curated, "new_hitech_enterprises")
    assert result.kind == "sum"
    assert result.counted == 13
    assert result.district_sum == 1999
    assert result.city_value == 2000
    assert result.difference == -1
    assert result.consistent is False
    assert result.province_value == 1870
    assert result.missing == ()


def test_investment_targets_sum_to_56_7_against_56_7(curated):
    result = check(curated, "major_project_investment")
    assert result.kind == "sum"
    assert result.counted == 9
    assert result.district_sum == 56.7  # rounded to the table's precision, not 56.699999…
    assert result.city_value == pytest.approx(56.7)
    assert result.difference == 0
    assert result.consistent is True
    assert result.missing == NO_INVESTMENT_TARGET


def test_shares_sort_districts_above_and_below_the_city_figure(curated):
    rd = check(curated, "rd_gdp_share")
    assert rd.kind == "spread"
    assert rd.district_sum is None and rd.consistent is None
    assert set(rd.above) == {"330106", "330108", "330109", "330110", "330113", "330114"}
    assert set(rd.below) == {"330102", "330105", "330111", "330112", "330122", "330127", "330182"}
    hitech = check(curated, "hitech_va_share")
    assert len(hitech.above) == 8 and len(hitech.below) == 5 and hitech.equal == ()
    assert "330109" in hitech.below  # 萧山 69.1 against 70.2


def test_the_qualitative_row_is_checked_as_text(curated):
    result = check(curated, "hitech_investment_growth")
    assert result.kind == "text"
    assert result.counted == 0
    assert result.consistent is None


def test_dash_cells_are_no_target_and_not_zero(curated):
    values = allocation.indicator_values(
        curated["table"], indicator(curated, "major_project_investment"), curated["districts"]
    ).set_index("adcode")
    for code in NO_INVESTMENT_TARGET:
        assert not values.at[code, "has_target"]
        assert math.isnan(values.at[code, "value"])
        assert pd.isna(values.at[code, "rank"])
    assert (values["ranked"] == 9).all()
    assert values.at["330109", "rank"] == 1  # 萧山 14.7, the largest
    assert values["value"].sum() == pytest.approx(56.7)


def test_ranks_and_shares_of_the_city_target(curated):
    values = allocation.indicator_values(
        curated["table"], indicator(curated, "new_hitech_enterprises"), curated["districts"]
    ).set_index("adcode")
    assert values.at["330110", "rank"] == 1  # 余杭 388
    assert values.at["330108", "rank"] == 2  # 滨江 329
    assert values.at["330127", "rank"] == 13  # 淳安 7
    assert values.at["330108", "share_of_city"] == pytest.approx(329 / 2000)
    shares = allocation.indicator_values(
        curated["table"], indicator(curated, "rd_gdp_share"), curated["districts"]
    )
    assert shares["share_of_city"].isna().all()  # shares are not additive
    # Ties share a rank: 余杭 and 拱墅 both have 84 % high-tech share.
    hitech = allocation.indicator_values(
        curated["table"], indicator(curated, "hitech_va_share"), curated["districts"]
    ).set_index("adcode")
    assert hitech.at["330105", "rank"] == hitech.at["330110", "rank"]


def test_matrix_has_numbers_words_and_gaps(curated):
    matrix = allocation.allocation_matrix(curated["table"], curated["rows"], curated["districts"])
    assert matrix.shape == (13, 5)
    assert list(matrix.columns) == TABLE_ORDER
    assert matrix.at["330108", "rd_gdp_share"] == pytest.approx(9.75)
    assert matrix.at["330102", "hitech_investment_growth"] == "快于面上投资增速"
    assert pd.isna(matrix.at["330105", "major_project_investment"])
    shown = allocation.matrix_display(matrix, curated["rows"], curated["districts"], "en")
    assert shown.columns[0] == "District"
    assert "New high-tech enterprises (enterprises)" in shown.columns
    assert shown.iloc[:, 0].tolist()[:2] == ["Shangcheng", "Gongshu"]


def test_a_districts_detail_lists_all_its_2024_targets(curated):
    detail = allocation.district_detail(
        curated["targets"],
        curated["table"],
        curated["indicators"],
        curated["districts"],
        pd.DataFrame(columns=["indicator_id", "region_code", "year", "value", "batch_id"]),
        "330108",
    )
    assert set(detail["indicator_id"]) == set(TABLE_ORDER)
    row = detail.set_index("indicator_id").loc["new_hitech_enterprises"]
    assert row["value"] == 329 and row["rank"] == 2 and row["ranked"] == 13
    assert row["share_of_city"] == pytest.approx(0.1645)
    assert row["actual"] is None and row["status"] == "not_enough_data"
    lines = allocation.detail_lines(detail, "zh")
    hitech = next(line for line in lines if line.indicator_id == "new_hitech_enterprises")
    assert hitech.facts[:3] == ("329家", "区县第2/13位", "占全市目标16.4%")
    assert hitech.link == f"sources?target={row['target_id']}"
    english = allocation.detail_lines(detail, "en")
    assert english[0].link.endswith("&lang=en")


def test_attainment_uses_the_comparator_rules_and_keeps_no_target_apart(curated):
    batch = 7
    actuals = pd.DataFrame(
        [
            ("major_project_investment", "330109", 2024, 15.0, batch),  # 14.7: met
            ("major_project_investment", "330110", 2024, 6.0, batch),  # 7.1: missed
            ("major_project_investment", "330105", 2024, 1.0, batch),  # no target ("-")
            ("major_project_investment", "330102", 2023, 2.0, batch),  # only an older year
        ],
        columns=["indicator_id", "region_code", "year", "value", "batch_id"],
    )
    row = indicator(curated, "major_project_investment")
    values = allocation.indicator_values(curated["table"], row, curated["districts"])
    result = allocation.attainment(values, actuals, row).set_index("adcode")
    assert result.at["330109", "status"] == "met"
    assert result.at["330109", "met"] is True
    assert result.at["330109", "ratio"] == pytest.approx(15 / 14.7)
    assert result.at["330109", "batch_id"] == batch
    assert result.at["330110", "status"] == "missed"
    assert result.at["330110", "attainment_rank"] == 2
    assert result.at["330105", "status"] is None  # no target: not judged, not "missed"
    assert result.at["330105", "actual"] == 1.0
    assert result.at["330102", "actual"] is None
    assert result.at["330102", "status"] == "not_enough_data"
    assert result.at["330108", "status"] == "not_enough_data"
    assert allocation.has_actuals(actuals, [row["indicator_id"]], ["330109"])
    assert not allocation.has_actuals(actuals, [row["indicator_id"]], ["330102"])


def test_qualitative_targets_get_the_qualitative_status(curated):
    row = indicator(curated, "hitech_investment_growth")
    actuals = pd.DataFrame(
        [("hitech_investment_growth", "330108", 2024, 25.0, 1)],
        columns=["indicator_id", "region_code", "year", "value", "batch_id"],
    )
    values = allocation.indicator_values(curated["table"], row, curated["districts"])
    result = allocation.attainment(values, actuals, row).set_index("adcode")
    assert result.at["330108", "status"] == "qualitative"
    assert pd.isna(result.at["330108", "ratio"])


def test_check_sentences_state_the_sums(curated):
    names = dict(zip(curated["districts"]["adcode"], curated["districts"]["name_zh"], strict=True))
    zh = allocation.check_sentence(check(curated, "new_hitech_enterprises"), names, "zh")
    assert zh == "13个区县目标合计1,999家，比杭州市目标2,000家少1家。省下达目标为1,870家。"
    en_names = dict(
        zip(curated["districts"]["adcode"], curated["districts"]["name_en"], strict=True)
    )
    en = allocation.check_sentence(check(curated, "new_hitech_enterprises"), en_names, "en")
    assert "sum to 1,999 enterprises" in en and "1 short of the city target of 2,000" in en
    investment = allocation.check_sentence(check(curated, "major_project_investment"), names, "zh")
    assert "有目标的9个区县合计56.7亿元" in investment
    assert "等于杭州市目标56.7亿元" in investment
    assert "拱墅区、桐庐县、淳安县、建德市" in investment
    spread = allocation.check_sentence(check(curated, "rd_gdp_share"), names, "zh")
    assert "高于全市的6个" in spread and "低于全市的7个" in spread


def test_metrics_and_units_read_well_in_both_languages(curated):
    hitech = indicator(curated, "new_hitech_enterprises")
    assert allocation.level_metric(hitech, "city", "zh") == ("杭州市目标", "2,000家")
    assert allocation.level_metric(hitech, "province", "en") == ("Province-assigned", "1,870")
    growth = indicator(curated, "hitech_investment_growth")
    assert allocation.level_metric(growth, "province", "en")[1] == "快于面上投资增速"
    assert allocation.value_with_unit("56.7", "亿元", "en") == "56.7 RMB 100 million"
    assert allocation.value_with_unit("3.95", "%", "en") == "3.95%"
    assert allocation.qualitative_text("快于面上投资增速", "en") == (
        "快于面上投资增速 (faster than overall investment growth)"
    )
    assert allocation.format_figure(56.7) == "56.7"
    assert allocation.format_figure(1999.0) == "1,999"


def test_no_table_gives_empty_frames(curated):
    empty = allocation.allocation_table(curated["targets"].iloc[0:0], curated["districts"])
    assert empty.empty
    assert allocation.allocation_indicators(empty, curated["indicators"]).empty


def test_the_page_tables_bundle_matrix_and_a_check_per_indicator(curated_engine):
    tables = allocation.allocation_tables(
        queries.targets(curated_engine),
        queries.regions(curated_engine),
        queries.indicators(curated_engine),
    )
    assert len(tables.district_frame) == 13 and len(tables.matrix) == 13
    ids = list(tables.indicators["indicator_id"])
    assert [each.indicator_id for each in tables.checks] == ids
    hitech = next(each for each in tables.checks if each.indicator_id == "new_hitech_enterprises")
    assert hitech.consistent is False  # 1,999 against the city's 2,000


def test_without_the_2024_plan_the_page_tables_are_empty(curated_engine):
    targets = queries.targets(curated_engine)
    tables = allocation.allocation_tables(
        targets[targets["plan_id"] != allocation.PLAN_ID],
        queries.regions(curated_engine),
        queries.indicators(curated_engine),
    )
    assert tables.table.empty and tables.checks == [] and tables.indicators.empty


def test_drawing_the_page_leaves_its_shared_tables_as_they_were(curated_engine):
    """The Hangzhou page's cache shares these between runs (data.shared_cache): nothing the
    page does with them may change them."""
    from lib.maps import hangzhou as hz

    targets, indicators = queries.targets(curated_engine), queries.indicators(curated_engine)
    tables = allocation.allocation_tables(targets, queries.regions(curated_engine), indicators)
    actuals = pd.DataFrame(
        {
            "indicator_id": ["rd_gdp_share"] * 2,
            "region_code": ["330106", "330100"],
            "year": [2024, 2024],
            "value": [3.9, 4.0],
            "batch_id": [1, 1],
        }
    )
    row = next(
        r for r in tables.indicators.to_dict("records") if r["indicator_id"] == "rd_gdp_share"
    )
    values = allocation.indicator_values(tables.table, row, tables.district_frame)
    values = allocation.attainment(values, actuals, row)
    frame = hz.map_frame(values, row, "en", hz.MODE_ATTAINMENT)
    before = copy.deepcopy((tables, values, frame.gdf))

    hz.static_map(frame, title="R&D", subtitle="2024", source="plan").to_dict()
    hz.deck(frame, selected="330106", basemap=False).to_json()
    detail = allocation.district_detail(
        targets, tables.table, indicators, tables.district_frame, actuals, "330106"
    )
    allocation.detail_lines(detail, "en")
    allocation.matrix_display(tables.matrix, tables.indicators, tables.district_frame, "en")
    allocation.city_display(tables.indicators, "en")
    allocation.has_actuals(actuals, {row["indicator_id"]: row}, list(values["adcode"]))
    allocation.city_actual(actuals, "rd_gdp_share")

    kept_tables, kept_values, kept_gdf = before
    for name in ("table", "indicators", "district_frame", "matrix"):
        pd.testing.assert_frame_equal(getattr(tables, name), getattr(kept_tables, name), obj=name)
    assert tables.checks == kept_tables.checks
    pd.testing.assert_frame_equal(values, kept_values)
    pd.testing.assert_frame_equal(frame.gdf, kept_gdf)
