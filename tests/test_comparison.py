"""Aligning plans: indicators, paces, ambition, themes and tasks (lib/comparison.py)."""

import math
import re

import pandas as pd
import pytest

from lib import comparison as cmp
from lib import queries
from lib.source_reader import read_source

PLANS = pd.DataFrame(
    [
        {"id": "prov", "region_code": "330000", "period_start": 2023, "issue_date": "2023-02-12"},
        {"id": "city", "region_code": "330100", "period_start": 2024, "issue_date": "2024-03-12"},
        {"id": "old", "region_code": "330000", "period_start": 2018, "issue_date": "2018-11-29"},
    ]
)
INDICATORS = pd.DataFrame(
    [
        {"id": "rd", "name_zh": "研发强度", "name_en": "R&D intensity", "unit": "%"}
        | {"measure": "share", "direction": "up", "category": "input"},
        {"id": "firms", "name_zh": "高企", "name_en": "High-tech firms", "unit": "家"}
        | {"measure": "level", "direction": "up", "category": "enterprise"},
        {"id": "rank", "name_zh": "排名", "name_en": "Rank", "unit": "位"}
        | {"measure": "level", "direction": "down", "category": "platform"},
    ]
)


def target(id_, plan, indicator, region, year, value, text, kind="target", comparator="="):
    """One targets.csv row with the fields the comparison reads."""
    return {
        "id": id_,
        "plan_id": plan,
        "indicator_id": indicator,
        "region_code": region,
        "year": year,
        "value": value,
        "value_text": text,
        "unit": "%",
        "comparator": comparator,
        "kind": kind,
        "source": plan,
        "quote": text,
    }


TARGETS = pd.DataFrame(
    [
        target("prov-001", "prov", "rd", "330000", 2027, 3.4, "超过3.4%", comparator=">"),
        target("prov-002", "prov", "firms", "330000", 2027, 50000, "超5万家", comparator=">"),
        target("city-001", "city", "rd", "330100", 2024, 3.95, "达3.95%"),
        target("city-002", "city", "rd", "330100", 2027, 4.2, "4.2"),
        target("city-003", "city", "rd", "330100", 2025, 4.0, "4.0"),
        target("city-004", "city", "rd", "330100", 2024, 3.95, "3.95"),  # the table repeats it
        target("city-005", "city", "rd", "330100", 2024, 3.89, "3.89", kind="assigned"),
        target("city-006", "city", "rd", "330106", 2024, 4.5, "4.5"),  # a district allocation
        target("city-007", "city", "rank", "330100", 2024, 10, "前10位", comparator="≤"),
        target("old-001", "old", "rd", "330000", 2022, 3.0, "3%"),
        target("old-002", "old", "firms", "330000", 2022, 20000, "2万家"),
        target("base-001", "old", "firms", "330000", 2017, 10000, "1万家", kind="baseline"),
        target("base-002", "prov", "firms", "330000", 2020, 22158, "22158家", kind="baseline"),
        target("base-003", "prov", "firms", "330000", 2024, 40000, "4万家", kind="baseline"),
    ]
)
NO_ACTUALS = pd.DataFrame(columns=["indicator_id", "region_code", "year", "value", "unit"])


def aligned_for(plan_ids):
    own = cmp.own_region_targets(TARGETS, PLANS, plan_ids)
    cells = cmp.plan_cells(own)
    return own, cells, cmp.align_indicators(cells, INDICATORS, plan_ids)


# ---------------------------------------------------------------------------------------
# Indicators


def test_a_cell_shows_the_latest_year_first_and_every_other_year_once():
    _, cells, _ = aligned_for(["city"])
    rd = cells[cells["indicator_id"] == "rd"].iloc[0]
    assert rd["cell"] == "4.2 (2027); 4.0 (2025); 达3.95% (2024)"
    assert rd["target_id"] == "city-002" and rd["year"] == 2027


def test_only_the_plans_own_region_is_aligned_and_the_rest_is_counted():
    own = cmp.own_region_targets(TARGETS, PLANS, ["city", "prov"])
    assert "city-006" not in set(own["id"])  # district allocation
    assert "city-005" not in set(own["id"])  # province-assigned
    assert not own["kind"].eq("baseline").any()
    counts = cmp.excluded_counts(TARGETS, PLANS, ["city", "prov"]).set_index("plan_id")
    assert counts.loc["city", "other_regions"] == 1
    assert counts.loc["city", "assigned"] == 1
    assert counts.loc["prov", "other_regions"] == 0


def test_shared_indicators_come_first_with_one_row_and_a_cell_per_plan():
    _, _, aligned = aligned_for(["prov", "city", "old"])
    assert list(aligned["indicator_id"]) == ["rd", "firms", "rank"]
    rd = aligned.iloc[0]
    assert rd["plans"] == 3 and rd["shared"] and rd["status"] == "differs"
    assert rd["prov"] == "超过3.4% (2027)" and rd["old"] == "3% (2022)"
    assert rd["city:target"] == "city-002"
    assert rd["differs_in"] == ["value", "year", "comparator"]
    rank = aligned.iloc[2]
    assert rank["status"] == "only" and rank["only_plan"] == "city" and rank["prov"] == ""


def test_identical_targets_are_marked_the_same():
    same = pd.DataFrame(
        [
            target("a-1", "prov", "rd", "330000", 2027, 3.4, "3.4%"),
            target("b-1", "old", "rd", "330000", 2027, 3.4, "3.4%"),
        ]
    )
    cells = cmp.plan_cells(cmp.own_region_targets(same, PLANS, ["prov", "old"]))
    aligned = cmp.align_indicators(cells, INDICATORS, ["prov", "old"])
    assert aligned.iloc[0]["status"] == "same" and aligned.iloc[0]["differs_in"] == []
    assert cmp.difference_label(aligned.iloc[0], {}, 2, "en") == "= same"


def test_the_differs_marker_says_in_words_what_differs():
    _, _, aligned = aligned_for(["prov", "city", "old"])
    names = {"prov": "Province", "city": "City", "old": "Opinions"}
    assert cmp.difference_label(aligned.iloc[0], names, 3, "en") == "≠ value, year, qualifier"
    assert cmp.difference_label(aligned.iloc[1], names, 3, "en") == (
        "≠ value, year, qualifier (2 of 3)"
    )
    assert cmp.difference_label(aligned.iloc[2], names, 3, "en") == "only City"
    assert cmp.difference_label(aligned.iloc[2], {"city": "杭州"}, 3, "zh") == "仅 杭州"


def test_rows_filter_by_category_and_by_what_is_shared():
    _, _, aligned = aligned_for(["prov", "city", "old"])
    assert list(cmp.filter_aligned(aligned, ["input"])["indicator_id"]) == ["rd"]
    assert list(cmp.filter_aligned(aligned, rows="only")["indicator_id"]) == ["rank"]
    assert list(cmp.filter_aligned(aligned, rows="shared")["indicator_id"]) == ["rd", "firms"]
    assert list(cmp.filter_aligned(aligned, rows="differs")["indicator_id"]) == ["rd", "firms"]


def test_chosen_plans_keep_known_ids_once_and_at_most_four():
    known = ["a", "b", "c", "d", "e"]
    assert cmp.chosen_plans(None, known) == list(cmp.DEFAULT_PLANS)
    assert cmp.chosen_plans(["b", "x", "b", "a"], known) == ["b", "a"]
    assert cmp.chosen_plans(["a", "b", "c", "d", "e"], known) == ["a", "b", "c", "d"]


# ---------------------------------------------------------------------------------------
# Pace and ambition


def test_pace_is_linear_for_shares_and_compound_for_levels():
    assert cmp.annual_pace(59.6, 2020, 66.0, 2027, "linear") == (pytest.approx(0.9142857), "linear")
    pace, kind = cmp.annual_pace(10000, 2017, 20000, 2022, "compound")
    assert kind == "compound" and pace == pytest.approx(2 ** (1 / 5) - 1)
    # Compound growth from zero is undefined: a straight line instead, and it says so.
    assert cmp.annual_pace(0, 2020, 2, 2025, "compound") == (pytest.approx(0.4), "linear")
    with pytest.raises(ValueError):
        cmp.annual_pace(1, 2027, 2, 2027, "linear")


def test_the_pace_starts_from_the_latest_baseline_known_before_the_plan():
    _, cells, _ = aligned_for(["prov", "old"])
    paces = cmp.implied_paces(cells, TARGETS, NO_ACTUALS, INDICATORS, PLANS).set_index(
        ["plan_id", "indicator_id"]
    )
    prov = paces.loc[("prov", "firms")]
    # 2024's 4万家 came after the plan started in 2023: the 2020 baseline is used.
    assert prov["baseline_year"] == 2020 and prov["baseline_ref"] == "base-002"
    assert prov["pace"] == pytest.approx((50000 / 22158) ** (1 / 7) - 1)
    assert prov["pace_kind"] == "compound" and prov["reason"] == "ok"
    old = paces.loc[("old", "firms")]
    assert old["baseline_year"] == 2017 and old["pace"] == pytest.approx(2**0.2 - 1)
    rd = paces.loc[("prov", "rd")]
    assert rd["reason"] == "no_baseline" and math.isnan(rd["pace"])
    assert cmp.baseline_label(rd, "en") == "no baseline in the documents"
    assert cmp.baseline_label(rd, "zh") == "原文无基期值"


def test_an_uploaded_actual_beats_a_stated_baseline_of_the_same_year():
    actuals = pd.DataFrame(
        [{"indicator_id": "firms", "region_code": "330000", "year": 2020, "value": 22000.0}]
    )
    found = cmp.latest_baseline(TARGETS, actuals, "firms", "330000", 2023)
    assert found == {"year": 2020, "value": 22000.0, "value_text": "22000", "ref": ""}
    assert "actual" in cmp.baseline_label(
        {"reason": "ok", "baseline_year": 2020, "baseline_text": "22000", "baseline_ref": ""}, "en"
    )


def test_no_pace_for_cumulative_or_qualitative_targets():
    rows = pd.DataFrame(
        [
            target("p-1", "prov", "firms", "330000", 2027, 100, "累计100家", kind="cumulative"),
            target("p-2", "prov", "rd", "330000", 2027, None, "快于面上", comparator="text"),
        ]
    )
    cells = cmp.plan_cells(cmp.own_region_targets(rows, PLANS, ["prov"]))
    reasons = cmp.implied_paces(cells, TARGETS, NO_ACTUALS, INDICATORS, PLANS)
    assert dict(zip(reasons["indicator_id"], reasons["reason"], strict=True)) == {
        "firms": "not_a_level",
        "rd": "no_number",
    }


def test_pace_text_for_people():
    assert cmp.pace_text(0.9142857, "linear", "%", "en") == "+0.91 points a year"
    assert cmp.pace_text(0.9142857, "linear", "%", "zh") == "+0.91 个百分点/年"
    assert cmp.pace_text(0.1233, "compound", "家", "en") == "+12.3% a year"
    assert cmp.pace_text(-2.5, "linear", "人年", "en") == "-2.5 人年 a year"
    assert cmp.format_number(3.0) == "3" and cmp.format_number(0.9143) == "0.91"


def test_ambition_ranks_shares_across_regions_and_tracks_a_region_over_time():
    _, cells, _ = aligned_for(["prov", "city", "old"])
    names = {"prov": "Province", "city": "Hangzhou", "old": "Opinions"}
    rd = cells[cells["indicator_id"] == "rd"]
    text = cmp.ambition_summary(rd, "share", "up", names, "en")
    assert text.startswith(
        "Most ambitious first: Hangzhou 4.2 (2027), Province 超过3.4% (2027), Opinions 3% (2022)."
    )
    assert "The target years differ" in text
    assert (
        "Same region: Opinions 3% (2022) → Province 超过3.4% (2027), +0.08 points a year." in text
    )


def test_equal_figures_are_tied_not_ranked():
    equal = pd.DataFrame(
        [
            target("a", "prov", "rd", "330000", 2027, 3.4, "3.4%以上", comparator="≥"),
            target("b", "city", "rd", "330100", 2027, 3.4, "3.4%"),
        ]
    )
    cells = cmp.plan_cells(cmp.own_region_targets(equal, PLANS, ["prov", "city"]))
    text = cmp.ambition_summary(cells, "share", "up", {"prov": "P", "city": "C"}, "en")
    assert text == "Most ambitious first: P 3.4%以上 (2027) = C 3.4% (2027)."


def test_ambition_of_levels_for_different_regions_points_to_the_paces():
    firms = pd.DataFrame(
        [
            target("a", "prov", "firms", "330000", 2027, 50000, "5万"),
            target("b", "city", "firms", "330100", 2027, 6000, "6000"),
        ]
    )
    cells = cmp.plan_cells(cmp.own_region_targets(firms, PLANS, ["prov", "city"]))
    text = cmp.ambition_summary(cells, "level", "up", {}, "en")
    assert "do not compare directly" in text and "Most ambitious" not in text


def test_a_lower_figure_is_more_ambitious_when_lower_is_better():
    ranks = pd.DataFrame(
        [
            target("a", "prov", "rank", "330000", 2027, 40, "前40位"),
            target("b", "old", "rank", "330000", 2027, 10, "前10位"),
        ]
    )
    cells = cmp.plan_cells(cmp.own_region_targets(ranks, PLANS, ["prov", "old"]))
    text = cmp.ambition_summary(cells, "level", "down", {"prov": "P", "old": "O"}, "en")
    assert text.startswith("Most ambitious first: O 前10位 (2027), P 前40位 (2027).")


def test_chart_points_hold_every_figure_and_the_baseline_used():
    own, cells, _ = aligned_for(["prov", "old"])
    paces = cmp.implied_paces(cells, TARGETS, NO_ACTUALS, INDICATORS, PLANS)
    points = cmp.chart_points(own, paces, "firms", {"prov": "P", "old": "O"})
    assert set(zip(points["plan"], points["year"], points["kind"], strict=True)) == {
        ("P", 2027, "target"),
        ("P", 2020, "baseline"),
        ("O", 2022, "target"),
        ("O", 2017, "baseline"),
    }
    assert cmp.chartable(own, cmp.align_indicators(cells, INDICATORS, ["prov", "old"])) == [
        "rd",
        "firms",
    ]


def test_the_shown_table_links_each_cell_to_its_quote_and_colours_what_differs():
    _, _, aligned = aligned_for(["prov", "city", "old"])
    labels = {"prov": "Province", "city": "Hangzhou", "old": "Opinions"}
    regions = {"prov": "Zhejiang", "city": "Hangzhou", "old": "Zhejiang"}
    shown = cmp.aligned_view(aligned, ["prov", "city", "old"], labels, regions, "en")
    table, columns = shown.table, shown.link_columns
    assert columns[1] == "Hangzhou (Hangzhou)"
    link = table.loc[0, columns[1]]
    # The link opens the quote; the grid shows the figure written after "#" (LINK_TEXT).
    assert link.startswith("sources?target=city-002&lang=en#")
    assert cmp.link_text(link) == "4.2 (2027); 4.0 (2025); 达3.95% (2024)"
    assert re.search(cmp.LINK_TEXT, link).group(1) == link.partition("#")[2]
    assert table.loc[2, columns[0]] == ""  # the province plan is silent on the rank
    # The marker column holds one label per row, coloured by what the row's plans do.
    assert table.loc[0, "Differs"] == ["≠ value, year, qualifier"]
    assert shown.marker == "Differs"
    assert shown.marker_colours[table.loc[0, "Differs"][0]] == "#fff1c2"
    assert shown.marker_colours[table.loc[2, "Differs"][0]] == "#eef1f5"
    assert set(shown.marker_colours) == {label for (label,) in table["Differs"]}
    # The page shares the view between runs (data.shared_cache): drawing leaves it alone.
    again = cmp.aligned_view(aligned, ["prov", "city", "old"], labels, regions, "en")
    pd.testing.assert_frame_equal(table, again.table)
    assert shown.marker_colours == again.marker_colours


def test_a_figure_link_keeps_any_text_whole():
    text = "100+ (2027); 达3.95% (2024) #1"
    link = cmp.figure_link("zj-001", text, "zh")
    assert link.startswith("sources?target=zj-001#") and link.count("#") == 1
    assert cmp.link_text(link) == text
    assert cmp.figure_link("", "anything", "zh") == ""


def test_the_export_holds_text_cells_and_target_ids():
    _, _, aligned = aligned_for(["prov", "city"])
    labels = {"prov": "Province", "city": "Hangzhou"}
    table = cmp.export_table(aligned, ["prov", "city"], labels, {}, "en")
    assert list(table.columns[:5]) == ["indicator_id", "Indicator", "Category", "Unit", "Differs"]
    row = table.iloc[0]
    assert row["Hangzhou ()"] == "4.2 (2027); 4.0 (2025); 达3.95% (2024)"
    assert row["Hangzhou target id"] == "city-002"


# ---------------------------------------------------------------------------------------
# Themes and tasks

THEMES = pd.DataFrame(
    [
        {"plan_id": p, "theme_type": ty, "code": c, "parent_code": pc, "canonical": k}
        | {"name_zh": zh, "name_en": zh, "position": pos, "quote": q}
        for p, ty, c, pc, k, zh, pos, q in [
            ("prov", "highland", "H1", None, "h_net", "互联网+", 1, "互联网+"),
            ("prov", "highland", "H2", None, "h_life", "生命健康", 2, "生命健康"),
            ("city", "highland", "H1", None, "h_net", "互联网+", 1, "互联网+"),
            ("city", "highland", "H3", None, "h_energy", "新能源", 3, "新能源"),
            ("prov", "action", "A1", None, "a_plat", "重大平台行动", 1, "（一）重大平台行动"),
            ("prov", "task", "A1.1", "A1", "t_lab", "建实验室", 1, "1.建实验室"),
            ("prov", "task", "A1.2", "A1", "t_uni", "建大学", 2, "2.建大学"),
            ("city", "action", "A1", None, "a_plat", "重点平台行动", 1, "（一）重点平台行动"),
            ("city", "task", "A1.1", "A1", "t_lab", "建新型实验室", 1, "1.建新型实验室"),
        ]
    ]
)


def test_highlands_align_by_canonical_key_item_by_item():
    aligned, listing = cmp.compare_themes(THEMES, ["prov", "city", "old"], "highland")
    assert listing == ["prov", "city"]  # a plan with no highlands is not "missing" them all
    status = dict(zip(aligned["canonical"], aligned["status"], strict=True))
    assert status == {"h_net": "same", "h_life": "only", "h_energy": "only"}
    energy = aligned.set_index("canonical").loc["h_energy"]
    assert energy["only_plan"] == "city" and energy["prov:name_zh"] == ""
    label = cmp.theme_status_label(energy, {"city": "Jiaxing"}, 2, "en")
    assert label == "only Jiaxing"


def test_a_renamed_action_and_its_tasks_are_aligned():
    actions, _ = cmp.compare_themes(THEMES, ["prov", "city"], "action")
    assert actions.iloc[0]["status"] == "renamed"
    tasks = cmp.action_tasks(THEMES, ["prov", "city"], "a_plat")
    assert list(zip(tasks["canonical"], tasks["status"], strict=True)) == [
        ("t_lab", "renamed"),
        ("t_uni", "only"),
    ]
    assert cmp.theme_name(tasks.iloc[0], "city", "en") == "建新型实验室 · 建新型实验室"
    assert cmp.theme_title(actions.iloc[0], ["prov", "city"], "zh") == "重大平台行动 / 重点平台行动"
    assert cmp.theme_title(tasks.iloc[1], ["prov", "city"], "zh") == "建大学"


def test_a_task_owns_the_targets_quoted_in_its_text_even_on_a_wrapped_line():
    lines = {
        "prov": (
            "一、总体要求",
            "到2027年，研发强度超过3.4%。",
            "二、重点任务",
            "（一）重大平台行动",
            "1.建实验室。建成省实验室10家，",
            "新建研究院30家。",
            "2.建大学。建设一流大学。",
            "三、保障措施",
            "研发强度超过3.4%。",
        )
    }
    prov_themes = THEMES[THEMES["plan_id"] == "prov"]
    spans = cmp.task_spans(prov_themes, lines)
    assert spans[["code", "first_line", "last_line"]].values.tolist() == [
        ["A1.1", 4, 5],
        ["A1.2", 6, 6],
    ]
    quoted = pd.DataFrame(
        [
            target("prov-1", "prov", "labs", "330000", 2027, 10, "建成省实验室10家"),
            target("prov-2", "prov", "inst", "330000", 2027, 30, "新建研究院30家"),
            target("prov-3", "prov", "rd", "330000", 2027, 3.4, "研发强度超过3.4%"),
        ]
    )
    links = cmp.task_targets(spans, quoted, lines)
    assert links[["code", "target_id"]].values.tolist() == [["A1.1", "prov-1"], ["A1.1", "prov-2"]]


# ---------------------------------------------------------------------------------------
# The curated data: what the issue promises


@pytest.fixture
def curated(curated_engine):
    return {
        "plans": queries.plans(curated_engine),
        "targets": queries.targets(curated_engine),
        "indicators": queries.indicators(curated_engine),
        "themes": queries.themes(curated_engine),
    }


FOUR = ["zj_315_2023", "hz_315_2024", "jx_315_2023", "zj_opinions_2018"]


def test_rd_intensity_appears_once_with_all_four_plans(curated):
    own = cmp.own_region_targets(curated["targets"], curated["plans"], FOUR)
    aligned = cmp.align_indicators(cmp.plan_cells(own), curated["indicators"], FOUR)
    rd = aligned[aligned["indicator_id"] == "rd_gdp_share"]
    assert len(rd) == 1 and rd.index[0] == 0  # shared by all four: the first row
    row = rd.iloc[0]
    assert row["plans"] == 4 and row["status"] == "differs"
    assert row["zj_315_2023"].startswith("超过3.4% (2027)")
    assert row["jx_315_2023"].startswith("超过3.65% (2027)")
    assert row["hz_315_2024"].startswith("4.2 (2027); 4.0 (2025); ")
    assert "3.95" in row["hz_315_2024"]
    assert row["zj_opinions_2018"] == "3% (2022)"
    # District allocations stay out: Hangzhou's 13 districts are counted, not aligned.
    counts = cmp.excluded_counts(curated["targets"], curated["plans"], FOUR).set_index("plan_id")
    assert counts.loc["hz_315_2024", "other_regions"] >= 13 * 4


def test_the_province_plans_high_tech_share_pace_starts_from_the_2020_baseline(curated):
    own = cmp.own_region_targets(curated["targets"], curated["plans"], ["zj_315_2023"])
    cells = cmp.plan_cells(own)
    paces = cmp.implied_paces(
        cells, curated["targets"], None, curated["indicators"], curated["plans"]
    ).set_index("indicator_id")
    share = paces.loc["hitech_va_share"]
    assert share["baseline_year"] == 2020 and share["baseline_value"] == pytest.approx(59.6)
    assert share["pace"] == pytest.approx((66 - 59.6) / 7)
    assert paces.loc["rd_gdp_share", "reason"] == "no_baseline"


def test_jiaxings_new_energy_highland_is_jiaxing_only(curated):
    ids = ["zj_315_2023", "jx_315_2023"]
    highlands, listing = cmp.compare_themes(curated["themes"], ids, "highland")
    assert listing == ids
    rows = highlands.set_index("canonical")
    assert rows.loc["highland_jx_new_energy", "status"] == "only"
    assert rows.loc["highland_jx_new_energy", "only_plan"] == "jx_315_2023"
    assert rows.loc["highland_jx_new_energy", "jx_315_2023:name_zh"] == "新能源科创高地"
    assert rows.loc["highland_internet_plus", "status"] == "same"
    assert rows.loc["highland_life_health", "only_plan"] == "zj_315_2023"


def test_the_three_315_plans_share_six_actions_and_their_tasks_carry_targets(curated):
    ids = ["zj_315_2023", "hz_315_2024", "jx_315_2023"]
    actions, listing = cmp.compare_themes(curated["themes"], ids, "action")
    assert listing == ids and len(actions) == 6 and (actions["plans"] == 3).all()
    assert actions.iloc[0]["status"] == "renamed"  # 重大 (province, Hangzhou) vs 重点 (Jiaxing)
    lines = {plan_id: read_source(plan_id) for plan_id in ids}
    spans = cmp.task_spans(curated["themes"], lines)
    themes = curated["themes"]
    assert len(spans) == len(themes[themes["plan_id"].isin(ids) & (themes["theme_type"] == "task")])
    links = cmp.task_targets(spans, curated["targets"], lines)
    leading = links[(links["plan_id"] == "zj_315_2023") & (links["code"] == "A3.1")]
    assert "zj_315_2023-032" in set(leading["target_id"])  # 高新技术企业超5万家
