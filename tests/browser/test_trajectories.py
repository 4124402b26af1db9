"""The trajectories page in a real browser: chart, statuses, controls, deep links, quote links."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from lib.i18n import t
from lib.progress import METHODS, STATUS_LABELS, Status
from tests.browser.helpers import assert_healthy, grid_rows, open_url, screenshot, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHART = '[data-testid="stVegaLiteChart"]'


def _query(page) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlparse(page.url).query).items()}


def _wait_for_chart(page) -> None:
    page.wait_for_selector(f"{CHART} svg path[aria-label]", state="attached", timeout=30_000)


def _marker(page, text: str):
    """A target marker of the chart, found by the words of its tooltip."""
    return page.locator(f'{CHART} path[aria-label*="{text}"]')


def _chips(page) -> list[str]:
    tags = page.locator('[data-testid="stMultiSelect"] [data-tag]')
    return [chip.strip() for chip in tags.all_inner_texts()]


def screenshot_path(name: str) -> str:
    """Where an element screenshot goes (next to the full-page ones)."""
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return str(ARTIFACTS / f"{name}.png")


def _settle(page) -> None:
    """Wait for the rerun that a widget change starts, and for its chart."""
    page.wait_for_timeout(400)
    wait_idle(page)
    _wait_for_chart(page)


def test_the_default_view_draws_targets_and_shows_a_status_for_each(page, app_url):
    open_url(page, app_url, "trajectories")
    _wait_for_chart(page)
    assert page.locator("h1").first.inner_text().strip() == t("page.trajectories", "zh")
    query = _query(page)
    assert query["indicator"] == "rd_gdp_share"
    assert query["regions"] == "330000,330100,330400"
    assert _chips(page) == ["浙江省", "杭州市", "嘉兴市"]
    # The province's 2027 target and Jiaxing's, drawn as markers whose tooltip names the plan.
    assert _marker(page, "超过3.4%").count() == 1
    assert "省“315”实施方案" in _marker(page, "超过3.4%").get_attribute("aria-label")
    assert _marker(page, "超过3.65%").count() == 1
    # Status as words, not colour alone: no actuals yet, so "not enough data".
    badge_text = STATUS_LABELS[Status.NOT_ENOUGH_DATA]["zh"]
    assert page.locator(".stMarkdownBadge", has_text=badge_text).count() >= 9
    assert page.get_by_text(METHODS["sdsn"]["description_zh"][:20]).count() == 1
    assert_healthy(page)
    screenshot(page, "trajectories-default")
    page.locator(CHART).first.screenshot(path=screenshot_path("trajectories-chart"))


def test_choosing_regions_and_indicator_updates_the_chart_and_a_copied_link_reopens_it(
    page, app_url
):
    open_url(page, app_url, "trajectories", lang="en")
    _wait_for_chart(page)
    # Drop Jiaxing: its marker goes, and the URL follows.
    page.get_by_role("button", name="Remove Jiaxing").click()
    _settle(page)
    assert _chips(page) == ["Zhejiang", "Hangzhou"]
    assert _query(page)["regions"] == "330000,330100"
    assert _marker(page, "超过3.65%").count() == 0
    assert _marker(page, "超过3.4%").count() == 1

    # Find another indicator by typing its name: the search matches both languages.
    label = t("trajectories.indicator", "en")
    page.get_by_label(label).click()
    page.keyboard.type("高新技术产业增加值占规上工业增加值比重")  # Chinese, on the English page
    page.keyboard.press("Enter")
    _settle(page)
    query = _query(page)
    assert query["indicator"] == "hitech_va_share"
    assert_healthy(page)

    # The copied link opens the same view in a new tab.
    copied = page.url
    other = page.context.new_page()
    other.console_errors = []
    other.goto(copied)
    wait_idle(other)
    _wait_for_chart(other)
    assert _query(other) == query
    assert _chips(other) == _chips(page)
    chosen = other.get_by_role("combobox", name=label).input_value()
    assert "High-tech industry share of industrial value added" in chosen
    other.close()


def test_switching_the_method_says_it_in_plain_words(page, app_url):
    open_url(page, app_url, "trajectories", lang="en")
    _wait_for_chart(page)
    # The table's column header carries the method's name too; click the radio option.
    methods = page.get_by_role("radiogroup", name="Status method")
    methods.get_by_text(METHODS["de_projection"]["en"], exact=True).click()
    _settle(page)
    assert _query(page)["method"] == "de_projection"
    assert page.get_by_text(METHODS["de_projection"]["description_en"][:40]).count() == 1
    assert_healthy(page)


def test_clicking_a_target_marker_opens_its_quote(page, app_url):
    open_url(page, app_url, "trajectories")
    _wait_for_chart(page)
    marker = _marker(page, "超过3.4%")
    marker.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    assert "省“315”实施方案" in tooltip.inner_text()
    assert "全社会研究与试验发展经费支出占地区生产总值比重超过3.4%" in tooltip.inner_text()
    marker.click()
    page.wait_for_url("**/sources?**")
    wait_idle(page)
    assert _query(page)["target"].startswith("zj_315_2023-")
    assert page.locator("h1").first.inner_text().strip() == t("page.sources", "zh")
    assert_healthy(page)


def test_a_link_beside_the_chart_opens_the_qualitative_targets_quote(page, app_url):
    open_url(page, app_url, "trajectories")
    _wait_for_chart(page)
    item = page.locator('[data-testid="stMain"] li', has_text="研发投入强度超全国平均")
    link = item.get_by_role("link", name=t("trajectories.open_quote", "zh"))
    # Markdown links open a new tab, which keeps the chart where it was.
    with page.context.expect_page() as opened:
        link.click()
    quote = opened.value
    quote.console_errors = []
    wait_idle(quote)
    assert urlparse(quote.url).path == "/sources"
    assert _query(quote)["target"].startswith("hz_315_2024-")
    # A new tab may count as idle before its script has started: wait for the quote.
    quote.get_by_text("逐步推动区、县(市)研发投入强度超全国平均").first.wait_for()
    assert quote.get_by_text("逐步推动区、县(市)研发投入强度超全国平均").count() >= 1
    assert quote.locator('[data-testid="stException"]').count() == 0


def test_the_table_is_drawn_when_opened_and_lists_the_targets_in_view(page, app_url):
    open_url(page, app_url, "trajectories")
    _wait_for_chart(page)
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    opener = page.locator('[data-testid="stExpander"] summary', has_text="表格（")
    rows_in_label = int(re.search(r"（(\d+) 行）", opener.inner_text()).group(1))
    opener.click()
    rows = grid_rows(page, until=lambda rows: any("超过3.4%" in row for row in rows))
    assert any(row[:1] == ["浙江省"] and "超过3.4%" in row for row in rows)
    assert any(row[:1] == ["嘉兴市"] and "超过3.65%" in row for row in rows)
    assert len(rows) == rows_in_label
    assert_healthy(page)
    screenshot(page, "trajectories-table")
