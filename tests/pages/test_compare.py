"""The compare page: choose plans, see the indicators aligned, paces, themes and actions."""

import pandas as pd
import pyarrow as pa

from lib import comparison as cmp
from lib.db import DATA_DIR
from tests.pages.apptest import chart_panels, open_page, vega_specs

FOUR = "zj_315_2023,hz_315_2024,jx_315_2023,zj_opinions_2018"
RD_ZH = "研究与试验发展经费支出占地区生产总值比重"


def shown(dataframe) -> pd.DataFrame:
    """The table as the reader sees it: each marker its label, each figure link its figure."""
    table = dataframe.value.copy()
    for column in table.columns:
        cells = table[column].tolist()
        if cells and all(hasattr(cell, "__len__") and not isinstance(cell, str) for cell in cells):
            table[column] = ["".join(cell) for cell in cells]  # a coloured label, one per cell
        elif any(isinstance(cell, str) and cell.startswith("sources?target=") for cell in cells):
            table[column] = [cmp.link_text(cell) for cell in cells]
    return table


def url(at, name: str) -> str:
    value = at.query_params.get(name, "")
    return value[0] if isinstance(value, list) else value


def curated_targets() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "targets.csv", dtype=str, keep_default_na=False)


def test_the_three_315_plans_are_the_default_and_land_in_the_url(app_database):
    at = open_page("compare")
    assert at.multiselect[0].value == ["zj_315_2023", "hz_315_2024", "jx_315_2023"]
    assert url(at, "plans") == "zj_315_2023,hz_315_2024,jx_315_2023"
    table = shown(at.dataframe[0])
    assert list(table.columns[4:]) == [
        "省“315”实施方案（浙江省）",
        "杭州315工作计划2024（杭州市）",
        "嘉兴315推进方案（嘉兴市）",
    ]


def test_rd_intensity_appears_once_with_all_four_values_each_linked_to_its_quote(app_database):
    at = open_page("compare", plans=FOUR)
    table, links = shown(at.dataframe[0]), at.dataframe[0].value
    rows = table.index[table["指标"] == RD_ZH]
    assert len(rows) == 1 and rows[0] == 0
    values = table.loc[rows[0]].iloc[4:].tolist()
    assert values[0] == "超过3.4% (2027)"
    assert values[1].startswith("4.2 (2027); 4.0 (2025); ")
    assert values[2] == "超过3.65% (2027)"
    assert values[3] == "3% (2022)"
    assert table.loc[rows[0], "差异"].startswith("≠ ")
    targets = curated_targets().set_index("id")
    for link in links.loc[rows[0]].iloc[4:]:
        assert link.startswith("sources?target=")
        target_id = link.removeprefix("sources?target=").partition("#")[0]
        assert targets.loc[target_id, "indicator_id"] == "rd_gdp_share"
    # Indicators only one plan has follow the shared ones, and say so.
    markers = table["差异"].tolist()
    first_only = next(i for i, m in enumerate(markers) if m.startswith("仅 "))
    assert all(m.startswith("仅 ") for m in markers[first_only:])
    assert any("61 条针对其他地区的目标" in c.value for c in at.caption)


def test_each_chosen_plan_is_introduced_with_its_region_and_period(app_database):
    at = open_page("compare", plans="zj_315_2023,jx_315_2023")
    captions = [c.value for c in at.caption]
    assert "省“315”实施方案：浙江省，规划期 2023–2027" in captions
    assert "嘉兴315推进方案：嘉兴市，规划期 2023–2027" in captions
    at = open_page("compare", "en", plans="jx_315_2023,hz_315_2024")
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Jiaxing 315 plan 2023-2027: Jiaxing") for c in captions)
    assert not any(c.startswith("Zhejiang 315 plan") for c in captions), "only chosen plans"


def test_english_headers_and_a_category_filter_from_the_url(app_database):
    at = open_page("compare", "en", plans=FOUR, category="input")
    assert at.multiselect[1].value == ["input"]
    table = shown(at.dataframe[0])
    assert set(table["Category"]) == {"Input"}
    assert "R&D expenditure as a share of GDP" in set(table["Indicator"])
    assert "Jiaxing 315 plan 2023-2027 (Jiaxing)" in table.columns
    assert [b.label for b in at.get("download_button")] == ["Download CSV", "Download Excel"]


def test_empty_pickers_say_what_empty_means_in_the_pages_language(app_database):
    at = open_page("compare")
    assert [m.proto.placeholder for m in at.multiselect] == ["选择规划", "全部类别"]
    at = open_page("compare", "en")
    assert [m.proto.placeholder for m in at.multiselect] == ["Choose plans", "All categories"]


def test_choosing_plans_and_filters_updates_the_view_and_the_url(app_database):
    at = open_page("compare")
    at.multiselect[0].select("zj_opinions_2018").run()
    assert url(at, "plans") == FOUR
    # Every click counts, not every other one.
    at.multiselect[0].unselect("hz_315_2024").run()
    at.multiselect[0].unselect("jx_315_2023").run()
    assert at.multiselect[0].value == ["zj_315_2023", "zj_opinions_2018"]
    assert url(at, "plans") == "zj_315_2023,zj_opinions_2018"
    at.selectbox[0].select("only").run()
    at.selectbox[0].select("shared").run()
    assert url(at, "rows") == "shared"
    table = shown(at.dataframe[0])
    assert len(table) > 0 and not table["差异"].str.startswith("仅").any()
    assert RD_ZH in set(table["指标"])


def test_fewer_than_two_plans_asks_for_another(app_database):
    at = open_page("compare", plans="zj_315_2023")
    assert at.info[0].value == "请至少选择两份规划进行比较。"
    assert not at.dataframe


def test_pace_view_shows_baselines_or_says_there_are_none(app_database):
    at = open_page("compare", plans="zj_315_2023,jx_315_2023", view="pace")
    assert url(at, "view") == "pace"
    pace = shown(at.dataframe[0])
    rd = pace[pace["指标"] == RD_ZH]
    assert list(rd["基期值（年份）"]) == ["原文无基期值", "原文无基期值"]
    share = pace[
        (pace["指标"] == "高新技术产业增加值占规上工业增加值比重") & (pace["地区"] == "浙江省")
    ]
    assert share.iloc[0]["基期值（年份）"] == "59.6% (2020)"
    assert share.iloc[0]["隐含年均速度"] == "+0.91 个百分点/年"
    assert not at.get("vega_lite_chart")  # the charts are the ambition tab's


def test_ambition_view_draws_a_panel_per_indicator_and_ranks_the_plans(app_database):
    at = open_page("compare", plans="zj_315_2023,jx_315_2023", view="ambition")
    assert url(at, "view") == "ambition"
    assert not at.dataframe  # the pace table is the pace tab's
    assert chart_panels(at)[0][0] == RD_ZH
    # Under the charts, each indicator's ambition sentence after its name (as Markdown).
    ambitions = next(c.value for c in at.caption if f"- **{RD_ZH}**：" in c.value)
    ambition = next(line for line in ambitions.splitlines() if RD_ZH in line)
    assert "力度从高到低：嘉兴315推进方案 超过3\\.65%" in ambition


def test_charts_drawn_again_from_the_shared_spec_still_carry_their_data(app_database):
    def chart_data(at) -> list[list[bytes]]:
        return [[d.data.data for d in c.proto.datasets] for c in at.get("vega_lite_chart")]

    first_at = open_page("compare", plans="zj_315_2023,jx_315_2023", view="ambition")
    first = chart_data(first_at)
    again_at = open_page("compare", plans="zj_315_2023,jx_315_2023", view="ambition")
    assert len(first) == 1 and all(first[0])  # one chart, a panel per indicator
    assert chart_data(again_at) == first
    assert len(chart_panels(again_at)) == 12


def test_the_panels_share_one_legend_of_the_plans_compared_and_the_kinds_drawn(app_database):
    at = open_page("compare", "en", plans="zj_315_2023,jx_315_2023", view="ambition")
    (chart,) = vega_specs(at)
    dots = chart["spec"]["layer"][0]["encoding"]
    assert dots["color"]["legend"]["orient"] == "top"
    plans = dots["color"]["scale"]["domain"]
    assert plans == ["Zhejiang 315 plan 2023-2027", "Jiaxing 315 plan 2023-2027"]
    # Each kind of figure the panels draw, and no other.
    rows = pa.ipc.open_stream(at.get("vega_lite_chart")[0].proto.datasets[0].data.data)
    drawn = set(rows.read_all().column("kind_label").to_pylist())
    assert {"target", "baseline"} <= drawn
    assert set(dots["shape"]["scale"]["domain"]) == drawn


def test_the_category_filter_narrows_the_pace_and_ambition_views_too(app_database):
    plans = "zj_315_2023,jx_315_2023"
    every = set(shown(open_page("compare", plans=plans, view="pace").dataframe[0])["指标"])
    at = open_page("compare", plans=plans, view="pace", category="input")
    inputs = set(shown(at.dataframe[0])["指标"])
    indicators = pd.read_csv(DATA_DIR / "indicators.csv")
    input_names = set(indicators.loc[indicators["category"] == "input", "name_zh"])
    assert inputs and inputs < every and inputs <= input_names
    at = open_page("compare", plans=plans, view="ambition", category="input")
    charted = {lines[0] for lines in chart_panels(at)}
    assert charted and charted <= input_names


def test_chart_titles_follow_the_language(app_database):
    at = open_page("compare", "en", plans="zj_315_2023,jx_315_2023", view="ambition")
    titles = [lines[0] for lines in chart_panels(at)]
    assert titles[0] == "R&D expenditure as a share of GDP"
    assert len(titles) == 12  # the first twelve; the toggle shows the rest
    at.toggle(key="compare_charts").set_value(True).run()
    assert url(at, "charts") == "all" and len(chart_panels(at)) > 12


def test_jiaxings_new_energy_highland_is_shown_as_jiaxing_only(app_database):
    at = open_page("compare", plans="zj_315_2023,jx_315_2023", view="themes")
    highlands = shown(at.dataframe[0])
    energy = highlands[highlands["嘉兴315推进方案"] == "新能源科创高地"]
    assert len(energy) == 1
    assert energy.iloc[0]["对照"] == "仅 嘉兴315推进方案"
    assert energy.iloc[0]["省“315”实施方案"] == ""
    same = highlands[highlands["对照"] == "= 相同"]
    assert set(same["省“315”实施方案"]) == {"“互联网+”科创高地", "新材料科创高地"}
    english = open_page("compare", "en", plans="zj_315_2023,jx_315_2023", view="themes")
    assert "only Jiaxing 315 plan 2023-2027" in set(shown(english.dataframe[0])["Match"])


def test_the_six_shared_actions_list_each_plans_tasks_and_their_targets(app_database):
    at = open_page("compare", view="themes")
    actions = shown(at.dataframe[2])
    assert len(actions) == 6 and actions.iloc[0]["对照"] == "≈ 同项异名"
    assert len(at.expander) == 6
    first = at.expander[0]
    assert "重大科创平台提能造峰行动" in first.label
    task_names = [m.value for m in first.markdown]
    assert "**打造新型实验室体系**" in task_names and "**着力构建战略科技力量矩阵**" in task_names
    links = [link.proto.query_string for link in first.get("page_link")]
    assert links and all(q.startswith("target=") for q in links)
    assert any("jx_315_2023-014" in q for q in links)  # 省级以上产业创新平台 5个
    # Hangzhou's plan lists no highlands: said, not shown as missing every one.
    assert any("杭州315工作计划2024" in c.value and "未列出" in c.value for c in at.caption)
