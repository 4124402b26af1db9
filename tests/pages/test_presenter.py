"""Presenter mode, copy link, export buttons and saving a view, driven through AppTest.

What the screen looks like in the mode is checked in the browser
(tests/browser/test_presenter.py).
"""

from __future__ import annotations

import pytest

from lib import saved_views as sv
from lib.db import make_engine
from lib.ui.presenter import PRESENT_KEY, TOGGLE_KEY
from tests.pages.apptest import chart_panels, open_page, vega_specs

AMBITION = {"plans": "zj_315_2023,jx_315_2023", "view": "ambition"}


@pytest.fixture
def views(app_database):
    """The app database's saved views, empty before and after the test."""
    engine = make_engine(app_database)
    sv.import_json(engine, "[]", replace=True)
    yield engine
    sv.import_json(engine, "[]", replace=True)
    engine.dispose()


def html_bodies(at) -> str:
    return "".join(element.proto.body for element in at.get("html"))


def test_present_in_the_url_turns_presenter_mode_on(app_database):
    at = open_page("overview", present="1")
    assert at.toggle(key=TOGGLE_KEY).value is True
    assert at.session_state[PRESENT_KEY] is True
    css = html_bodies(at)
    assert '[data-testid="stSidebar"]' in css and "display: none" in css
    assert '[class*="st-key-controls-"]' in css
    assert at.button(key="presenter-exit-button").label == "退出演示模式"


def test_the_sidebar_toggle_turns_the_mode_on_and_the_exit_button_off(app_database):
    at = open_page("compare", "en", **AMBITION)
    assert "presenter-exit-button" not in [b.key for b in at.button]
    at.toggle(key=TOGGLE_KEY).set_value(True).run()
    assert at.query_params["present"] == "1"
    assert "Source: " in "".join(vega_specs(at)[0]["title"]["subtitle"])
    at.button(key="presenter-exit-button").click().run()
    assert "present" not in at.query_params
    assert at.toggle(key=TOGGLE_KEY).value is False


def test_presenter_mode_is_kept_when_switching_pages(app_database):
    at = open_page("overview", "en", present="1")
    at.query_params.clear()  # a page link drops the query string
    at.switch_page("app_pages/compare.py").run()
    assert at.session_state[PRESENT_KEY] is True  # app.py writes it back to the URL
    assert at.title[0].value == "Compare plans"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_in_presenter_mode_the_charts_carry_title_subtitles_and_source(app_database, lang):
    at = open_page("compare", lang, present="1", **AMBITION)
    (chart,) = vega_specs(at)
    title = "共有指标：各规划的数值（按年份）" if lang == "zh" else "Shared indicators: each plan's"
    assert chart["title"]["text"].startswith(title)
    source = "".join(chart["title"]["subtitle"])
    zj_plan = "来源：《浙江省“315”科技创新体系建设工程实施方案"
    assert source.startswith(zj_plan if lang == "zh" else "Source: ")
    panels = chart_panels(at)
    assert len(panels) == 12
    rd = "研究与试验发展经费支出占地区生产总值比重" if lang == "zh" else "R&D expenditure"
    assert panels[0][0].startswith(rd)
    # Under each indicator's name: the regions, years and unit of its figures.
    if lang == "zh":
        assert panels[0][1] == "浙江省、嘉兴市 · 2027年 · 单位：%"
    else:
        assert panels[0][1].startswith("Zhejiang") and panels[0][-1].endswith("2027 · unit: %")
    assert chart["config"]["axis"]["labelFontSize"] >= 14
    assert chart["config"]["header"]["labelFontSize"] >= 15


def test_outside_presenter_mode_the_charts_name_their_source_and_each_panel_its_figures(
    app_database,
):
    at = open_page("compare", **AMBITION)
    (chart,) = vega_specs(at)
    assert chart["title"]["text"] == "来源：各规划原文"
    assert chart_panels(at)[0][1:] == ["浙江省、嘉兴市 · 2027年 · 单位：%"]


def test_every_chart_and_table_offers_png_svg_csv_and_xlsx(app_database):
    at = open_page("compare", "en", **AMBITION)
    labels = [button.proto.label for button in at.get("download_button")]
    # One menu for the 12 panels: the chosen indicator's chart alone.
    assert labels == ["PNG image", "SVG image", "Download CSV", "Download Excel"]
    chooser = at.selectbox(key="compare_download_chart")
    assert len(chooser.options) == len(chart_panels(at)) == 12
    assert chooser.value == "rd_gdp_share"
    # Each button's key carries the file name it downloads (the file is made on click).
    keys = [button.proto.id for button in at.get("download_button")]
    assert keys[0].endswith("export-compare-rd_gdp_share-png")
    chooser.set_value("hitech_va_share").run()
    keys = [button.proto.id for button in at.get("download_button")]
    assert keys[0].endswith("export-compare-hitech_va_share-png")
    assert keys[2].endswith("export-compare-hitech_va_share-csv")
    at = open_page("compare", plans=AMBITION["plans"])
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["下载 CSV", "下载 Excel"]  # the aligned table, names as before
    at = open_page("compare", plans=AMBITION["plans"], view="pace")
    keys = [button.proto.id for button in at.get("download_button")]
    assert [key.rsplit("-", 1)[-1] for key in keys] == ["csv", "xlsx"]
    assert keys[0].endswith("export-compare-pace-csv")


def test_sources_exports_the_search_hits_and_the_target(app_database):
    at = open_page("sources", plan="hz_315_2024", q="高新")
    assert [b.proto.label for b in at.get("download_button")] == ["下载 CSV", "下载 Excel"]
    at = open_page("sources", "en", target="hz_315_2024-056")
    assert [b.proto.label for b in at.get("download_button")] == [
        "Download CSV",
        "Download Excel",
    ]


@pytest.mark.parametrize(
    ("page", "params", "expected"),
    [
        ("compare", AMBITION, "/compare?plans=zj_315_2023,jx_315_2023&view=ambition"),
        ("sources", {"plan": "hz_315_2024", "q": "高新"}, "/sources?plan=hz_315_2024&q=%E9%AB%98"),
        ("overview", {}, "/"),
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_copy_link_shows_the_url_of_this_view(app_database, page, params, expected, lang):
    at = open_page(page, lang, **params)
    link = at.sidebar.get("code")[0].proto.code_text
    assert link.startswith(expected)
    if lang == "en":
        assert link.endswith(("&lang=en", "?lang=en"))
    else:
        assert "lang=" not in link


def test_saving_a_view_stores_its_page_and_url_state(views):
    at = open_page("compare", "en", **AMBITION)
    at.sidebar.text_input[0].input("Pace of two plans")
    at.sidebar.button[0].click().run()
    saved = sv.list_views(views)
    assert list(saved["name"]) == ["Pace of two plans"]
    assert saved.iloc[0]["page"] == "compare"
    assert sv.query_params(saved.iloc[0]["query"]) == AMBITION  # no lang: the viewer's setting
    assert "Saved “Pace of two plans”" in at.toast[0].value


def test_saving_without_a_name_uses_the_page_title(views):
    at = open_page("sources", plan="hz_315_2024")
    at.sidebar.button[0].click().run()
    saved = sv.list_views(views)
    assert list(saved["name"]) == ["原文"]
    assert saved.iloc[0]["query"] == "plan=hz_315_2024"
