"""In the browser: choose plans, read the aligned table, switch tabs, download the table."""

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from lib.comparison import MARKER_COLOURS, link_text
from tests.browser.helpers import assert_healthy, grid_rows, open_url, screenshot, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FOUR = "zj_315_2023,hz_315_2024,jx_315_2023,zj_opinions_2018"
RD_ZH = "研究与试验发展经费支出占地区生产总值比重"


def open_compare(page, app_url: str, **params: str) -> None:
    # The first session after the server starts can run the page script without app.py's
    # navigation (the file-based page list): open the app's root once before a deep link.
    open_url(page, app_url)
    open_url(page, app_url, "compare", **params)
    title = "Compare plans" if params.get("lang") == "en" else "规划对比"
    page.locator("h1").filter(has_text=title).wait_for()


def pixels_of_colour(png: bytes, colour: str) -> int:
    """How many pixels of a screenshot have a colour (give or take a little antialiasing)."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    wanted = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(pixels - wanted).max(axis=2) <= 3).sum())


def test_four_plans_align_rd_intensity_in_one_row_with_four_values(page, app_url):
    page.set_viewport_size({"width": 2200, "height": 1000})  # every plan column in view
    open_compare(page, app_url, plans=FOUR)
    headers = page.locator('[data-testid="stDataFrame"]').first.locator('[role="columnheader"]')
    assert headers.nth(7).inner_text().startswith("2018年科技新政若干意见")
    shown = grid_rows(page, until=lambda rows: any(row[0] == RD_ZH for row in rows))
    rows = [row for row in shown if row[0] == RD_ZH]
    assert len(rows) == 1
    indicator, category, unit, differs, *values = rows[0]
    assert (category, unit) == ("投入", "%") and differs.startswith("≠ ")
    # Each plan's cell is a link to the quote of its figure, which the grid paints over it
    # (its accessible table holds the whole link: the quote, then the figure after "#").
    assert [cell.partition("#")[0] for cell in values] == [
        "sources?target=zj_315_2023-001",
        "sources?target=hz_315_2024-056",
        "sources?target=jx_315_2023-001",
        "sources?target=zj_opinions_2018-009",
    ]
    assert link_text(values[0]) == "超过3.4% (2027)"
    # What differs is a yellow label: its colour is painted on the grid's canvas.
    grid = page.locator('[data-testid="stDataFrame"]').first
    assert pixels_of_colour(grid.screenshot(), MARKER_COLOURS["differs"]) > 500
    screenshot(page, "compare-aligned")
    assert_healthy(page)


def test_choosing_plans_in_the_picker_changes_the_table_and_the_url(page, app_url):
    open_compare(page, app_url)
    assert "plans=zj_315_2023%2Chz_315_2024%2Cjx_315_2023" in page.url
    # No category chosen means all of them, and the empty picker says so in Chinese.
    categories = page.locator('[data-testid="stMultiSelect"]').nth(1)
    assert categories.locator("input").get_attribute("placeholder") == "全部类别"
    page.get_by_role("button", name="Remove 杭州315工作计划2024").click()
    wait_idle(page)
    page.wait_for_function("location.search.includes('plans=zj_315_2023%2Cjx_315_2023')")
    picker = page.locator('[data-testid="stMultiSelect"]').first
    picker.locator("input").click()
    page.get_by_role("option", name="2018年科技新政若干意见").click()
    page.keyboard.press("Escape")
    wait_idle(page)
    page.wait_for_function("location.search.includes('zj_opinions_2018')")
    headers = page.locator('[data-testid="stDataFrame"]').first.locator('[role="columnheader"]')
    texts = [h.inner_text() for h in headers.all()]
    assert not any(t.startswith("杭州315") for t in texts)
    page.get_by_role("button", name="2018年若干意见 对比 省“315”方案").click()
    wait_idle(page)
    page.wait_for_function("location.search.includes('plans=zj_opinions_2018%2Czj_315_2023')")
    assert picker.locator("[data-tag]").count() == 2
    assert_healthy(page)


def test_the_themes_tab_shows_jiaxings_new_energy_highland_as_jiaxing_only(page, app_url):
    open_compare(page, app_url, plans="zj_315_2023,jx_315_2023")
    page.get_by_role("tab", name="高地、领域与行动").click()
    wait_idle(page)
    page.wait_for_function("location.search.includes('view=themes')")
    page.get_by_role("heading", name="三大科创高地").wait_for()
    jiaxing_only = ["仅 嘉兴315推进方案", "", "新能源科创高地"]
    rows = grid_rows(page, 0, until=lambda rows: jiaxing_only in rows)
    assert jiaxing_only in rows
    assert ["= 相同", "新材料科创高地", "新材料科创高地"] in rows
    expander = page.locator('[data-testid="stExpander"]').first
    assert "重点科创平台提能造峰行动" in expander.inner_text()
    quote_link = expander.locator('a[href*="sources?target=jx_315_2023-014"]')
    quote_link.first.wait_for(state="attached")  # the expander may still be filling in
    assert quote_link.count() == 1
    screenshot(page, "compare-themes")
    assert_healthy(page)


def test_the_aligned_table_downloads_as_csv_with_a_bom(page, app_url):
    open_compare(page, app_url, plans=FOUR, category="input")
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 CSV").click()
    download = info.value
    assert download.suggested_filename == "compare-aligned.csv"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("indicator_id,指标,类别,单位,差异,")
    assert "rd_gdp_share," + RD_ZH in text and "zj_opinions_2018-009" in text
    assert_healthy(page)


def test_the_ambition_tab_draws_a_panel_per_shared_indicator(page, app_url):
    open_compare(page, app_url, plans="zj_315_2023,jx_315_2023", view="ambition", lang="en")
    page.get_by_role("heading", name="Each shared indicator").wait_for()
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.first.locator("svg").first.wait_for()
    assert charts.count() == 1
    chart = charts.first
    # One chart of twelve panels, each with its dots, its axes and its header.
    expect(chart.locator(".child_layer_0_marks")).to_have_count(12)
    assert chart.locator(".child_layer_0_marks path").count() >= 24  # two plans each
    assert chart.locator(".role-axis").count() >= 24
    headers = chart.locator(".role-title-text text").all_text_contents()
    assert any(h.startswith("R&D expenditure as a share of GDP") for h in headers)
    # One legend of each kind above the panels: the plans' colours and the kinds' shapes.
    expect(chart.locator(".role-legend")).to_have_count(2)
    legend = " ".join(chart.locator(".role-legend text").all_text_contents())
    assert "Zhejiang 315 plan 2023-2027" in legend and "Jiaxing 315 plan 2023-2027" in legend
    assert "target" in legend and "baseline" in legend
    legend_bottom = max(
        box["y"] + box["height"]
        for box in (item.bounding_box() for item in chart.locator(".role-legend").all())
    )
    first_dot = chart.locator(".child_layer_0_marks path").first.bounding_box()
    assert legend_bottom < first_dot["y"]
    chart.scroll_into_view_if_needed()
    screenshot(page, "compare-ambition")
    assert_healthy(page)


def test_the_pace_tab_shows_each_plans_baseline_and_implied_pace(page, app_url):
    open_compare(page, app_url, plans="zj_315_2023,jx_315_2023", view="ambition")
    page.locator('[data-testid="stVegaLiteChart"] svg').first.wait_for()
    page.get_by_role("tab", name="隐含速度").click()
    wait_idle(page)
    page.wait_for_function("location.search.includes('view=pace')")
    page.get_by_role("heading", name="共有指标的隐含年均速度").wait_for()
    share = "高新技术产业增加值占规上工业增加值比重"
    rows = grid_rows(page, 0, until=lambda rows: any(share in row for row in rows))
    province = next(row for row in rows if share in row and "浙江省" in row)
    assert "59.6% (2020)" in province and "+0.91 个百分点/年" in province
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 0  # the other tab's
    screenshot(page, "compare-pace")
    assert_healthy(page)
