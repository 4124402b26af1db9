"""The Hangzhou allocation page in a real browser: the map drawn, hovered, clicked and switched.

Screenshots go to test-artifacts/hangzhou-*.png; look at them (the labels are drawn on a
canvas, so only a picture shows that the Chinese names came out).
"""

from __future__ import annotations

import contextlib
import io
import time
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlalchemy import update

from lib.curated import load_curated
from lib.db import DATA_DIR, make_engine, session_scope
from lib.geo import label_points, load_boundaries
from lib.i18n import t
from lib.maps import hangzhou as hz
from lib.maps.legend import hex_to_rgba, sequential_colours
from lib.models import Region
from tests.browser.conftest import ARTIFACTS, running_app
from tests.browser.helpers import assert_healthy, grid_rows, open_url, screenshot, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DECK = '[data-testid="stDeckGlJsonChart"]'
DETAIL = ".st-key-hz_detail"  # the bordered container of the district's detail
RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'
TOOLTIP = ".deck-tooltip"
BACKGROUND = (0xFF, 0xFF, 0xFF)  # no base map: the light theme's page background
HOSTILE = '<img src=x onerror="window.__xss=1">淳安县'
# Districts large enough to be labelled inside: 淳安, 建德, 桐庐, 临安, 富阳, 余杭, 萧山.
LABELLED_INSIDE = ("330127", "330182", "330122", "330112", "330111", "330110", "330109")


def _query(page) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlparse(page.url).query).items()}


def _on_map(colour: str) -> tuple[int, int, int]:
    """A fill colour as drawn: the polygon's alpha over the blank background."""
    r, g, b, _ = hex_to_rgba(colour)
    a = hz.FILL_ALPHA / 255
    return tuple(round(c * a + bg * (1 - a)) for c, bg in zip((r, g, b), BACKGROUND, strict=True))


def _pixels(page) -> np.ndarray:
    png = page.locator(DECK).first.screenshot()
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def _count(pixels: np.ndarray, colour: tuple[int, int, int], tolerance: int = 4) -> int:
    return int((np.abs(pixels - np.array(colour)) <= tolerance).all(axis=2).sum())


def _wait_for_polygons(page, colours: list[str], at_least: int = 150) -> list:
    """Wait until every fill colour is on the canvas (the canvas appears before drawing)."""
    page.wait_for_selector(f"{DECK} canvas", timeout=30_000)
    expected = [_on_map(c) for c in colours]
    deadline = time.monotonic() + 30
    while True:
        pixels = _pixels(page)
        counts = [_count(pixels, colour) for colour in expected]
        if all(n >= at_least for n in counts) or time.monotonic() > deadline:
            return counts
        page.wait_for_timeout(300)


def _filled_under_labels(page, colours: list[str]) -> dict[str, bool]:
    """Whether the map shows one of these fills just below each inside label (clear of it)."""
    pixels, box = _pixels(page), page.locator(DECK).first.bounding_box()
    expected = np.array([_on_map(c) for c in colours])
    filled = {}
    for adcode in LABELLED_INSIDE:
        x, y = _district_point(page, adcode)
        under = pixels[round(y - box["y"]) + 16, round(x - box["x"])]
        filled[adcode] = bool((np.abs(expected - under) <= 4).all(axis=1).any())
    return filled


def _district_point(page, adcode: str) -> tuple[float, float]:
    """Where a district's label point is on the page (the view is centred in the canvas)."""
    points = label_points(load_boundaries(hz.BOUNDARIES)).set_index("adcode")
    dx, dy = hz.pixel_offset(points.at[adcode, "lon"], points.at[adcode, "lat"], hz.default_view())
    box = page.locator(DECK).first.bounding_box()
    return box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy


# deck.gl's click as the chart receives it ({index, object, layer}), for the object of one
# district: found through the React props of the chart's DeckGL component.
DECK_CLICK = """(adcode) => {
  const canvas = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
  const key = Object.keys(canvas).find((k) => k.startsWith('__reactFiber'));
  let fiber = canvas[key];
  while (fiber && !(fiber.memoizedProps && typeof fiber.memoizedProps.onClick === 'function'
                    && Array.isArray(fiber.memoizedProps.layers))) fiber = fiber.return;
  const layer = fiber.memoizedProps.layers.find((l) => l && l.id.split('~')[0] === 'LAYER_ID');
  const index = layer.props.data.findIndex((d) => d.adcode === adcode);
  fiber.memoizedProps.onClick({index, object: layer.props.data[index], layer, picked: true});
}""".replace("LAYER_ID", hz.LAYER_ID)


def _click_district(page, adcode: str, attempts: int = 4) -> None:
    """Click a district on the map and wait until its detail is drawn and stays drawn.

    deck.gl takes a press for a click only if it is released within 250 ms of being
    handled, and picking what is under the pointer with software WebGL takes longer than
    that on a busy machine (measured: 0.3-2 s with the load at 14 on 2 cores). Then no
    click happens at all, or it registers seconds late. So the mouse clicks once; when the
    district is not chosen once the app has been quiet for a while, the click is handed
    to the chart's own onClick, as deck.gl would hand it, with the district under the
    pointer (the tooltip checks that picking finds it). Clicking a chosen district
    deselects it, so the state is read again after every click rather than assumed.
    """
    x, y = _district_point(page, adcode)
    page.mouse.move(x, y)
    chosen = f"window.location.search.includes('district={adcode}')"
    page.mouse.click(x, y)
    for _ in range(attempts):
        # Not chosen within 10 s: look again once the app is quiet.
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(chosen, timeout=10_000)
        _wait_quiet(page)
        if page.evaluate(chosen) and page.locator(f"{DETAIL} h3").count():
            return
        if not page.evaluate(chosen):
            page.evaluate(DECK_CLICK, adcode)
    raise AssertionError(f"district {adcode} was not chosen after {attempts} tries")


def _wait_quiet(page, quiet_ms: int = 1_500) -> None:
    """Wait until no script runs, then until none has started for quiet_ms."""
    wait_idle(page)
    while True:
        try:
            page.wait_for_selector(RUNNING, timeout=quiet_ms)
        except PlaywrightTimeout:
            return
        wait_idle(page)


def _choose(page, label: str, option: str) -> None:
    """Pick an option of the selectbox with this label, then wait for the rerun."""
    page.locator('[data-testid="stSelectbox"]', has_text=label).locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(400)
    wait_idle(page)


def test_the_map_draws_the_13_districts_filled_and_labelled(page, app_url):
    open_url(page, app_url, "hangzhou")
    colours = sequential_colours(5)  # R&D share: five classes, every district has a target
    counts = _wait_for_polygons(page, colours)
    assert all(n >= 150 for n in counts), counts
    # Nothing drawn blank: below each inside label is one of the classes' colours.
    filled = _filled_under_labels(page, colours)
    assert all(filled.values()), filled
    assert page.locator("h1").first.inner_text().strip() == t("page.hangzhou", "zh")
    legend = page.locator(".map-legend")
    assert "研究与试验发展经费支出占地区生产总值比重（%）" in legend.inner_text()
    assert legend.locator("tr").count() == 5
    assert _query(page)["indicator"] == "rd_gdp_share"
    assert_healthy(page)
    screenshot(page, "hangzhou-zh")
    page.locator(DECK).first.screenshot(path=str(ARTIFACTS / "hangzhou-map-zh.png"))


def test_hover_shows_the_district_value_rank_and_quote_and_a_click_opens_its_detail(page, app_url):
    open_url(page, app_url, "hangzhou", indicator="new_hitech_enterprises")
    _wait_for_polygons(page, sequential_colours(5))
    x, y = _district_point(page, "330127")  # 淳安县, 7 new high-tech enterprises
    page.mouse.move(x, y)
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible", timeout=10_000)
    text = tooltip.inner_text()
    assert "淳安县" in text
    assert "2024年目标：7家（全市2,000家），占全市目标0.4%" in text
    assert "区县排名：第13/13位" in text
    assert "新增高新技术企业数(家)" in text and "1870" in text  # the table row it came from
    _click_district(page, "330127")  # on its label: the label is part of the district
    # The map keeps its colours: Streamlit's highlight of the clicked object, which greys
    # everything else, is dropped (the layers are renamed); a dark ring marks the district.
    assert all(n >= 150 for n in _wait_for_polygons(page, sequential_colours(5)))
    detail = page.locator(DETAIL)
    assert detail.locator("h3").first.inner_text().strip() == "淳安县"
    assert "7家 · 区县第13/13位 · 占全市目标0.4% · 2024年实际值未上传" in detail.inner_text()
    link = detail.get_by_role("link", name="原文").first
    assert link.get_attribute("href").startswith("sources?target=hz_315_2024-")
    assert _query(page)["district"] == "330127"
    assert_healthy(page)
    screenshot(page, "hangzhou-selected")


def test_switching_the_indicator_updates_map_legend_check_and_url(page, app_url):
    open_url(page, app_url, "hangzhou")
    _wait_for_polygons(page, sequential_colours(5))
    _choose(page, "指标", "新增高新技术企业数（家）")
    assert _query(page)["indicator"] == "new_hitech_enterprises"
    assert "新增高新技术企业数（家）" in page.locator(".map-legend").inner_text()
    check = "13个区县目标合计1,999家，比杭州市目标2,000家少1家。省下达目标为1,870家。"
    assert page.get_by_text(check).first.is_visible()
    _choose(page, "指标", "科技创新强基领域重大项目投资额（亿元）")
    assert _query(page)["indicator"] == "major_project_investment"
    legend = page.locator(".map-legend").inner_text()
    assert "无目标（表中为“-”）" in legend
    assert page.get_by_text(
        "有目标的9个区县合计56.7亿元，等于杭州市目标56.7亿元"
    ).first.is_visible()
    # The four districts without a target are drawn blank, not as the lowest class.
    counts = _wait_for_polygons(page, sequential_colours(5))
    assert all(n >= 150 for n in counts), counts
    filled = _filled_under_labels(page, sequential_colours(5))
    without_target = {"330127", "330182", "330122"}  # 淳安, 建德, 桐庐 (and 拱墅, called out)
    assert {adcode for adcode, yes in filled.items() if not yes} == without_target, filled
    page.locator('[data-testid="stExpander"] summary', has_text="全部一致性检查").click()
    assert page.get_by_text("56.7亿元").count() >= 1
    assert_healthy(page)
    screenshot(page, "hangzhou-investment")


def test_the_allocation_table_is_drawn_when_opened_with_every_district(page, app_url):
    open_url(page, app_url, "hangzhou")
    _wait_for_polygons(page, sequential_colours(5))
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    page.locator('[data-testid="stExpander"] summary', has_text="分解表（13个区县").click()
    rows = grid_rows(page, until=lambda rows: len(rows) >= 13)
    assert len(rows) == 13
    assert rows[[row[0] for row in rows].index("滨江区")][:2] == ["滨江区", "9.75"]
    city = grid_rows(page, nth=1)
    assert [row[0] for row in city] == ["省下达目标", "杭州市目标"]
    assert_healthy(page)
    screenshot(page, "hangzhou-table")


def test_an_english_deep_link_reopens_the_view_with_its_detail(page, app_url):
    open_url(
        page,
        app_url,
        "hangzhou",
        lang="en",
        indicator="hitech_va_share",
        district="330108",
        mode="target",
    )
    _wait_for_polygons(page, sequential_colours(5))
    assert page.locator("h1").first.inner_text().strip() == "Hangzhou allocation"
    detail = page.locator(DETAIL)
    assert detail.locator("h3").first.inner_text().strip() == "Binjiang"
    assert "88% · rank 1 of 13" in detail.inner_text()
    assert "Above it, 8:" in page.locator('[data-testid="stAlert"]').first.inner_text()
    assert_healthy(page)
    screenshot(page, "hangzhou-en")
    page.locator(DECK).first.screenshot(path=str(ARTIFACTS / "hangzhou-map-en.png"))


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    """A second app server whose database names 淳安县 with HTML in it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'app.db'}"
    engine = make_engine(url)
    load_curated(engine, DATA_DIR)
    with session_scope(engine) as session:
        session.execute(update(Region).where(Region.adcode == "330127").values(name_zh=HOSTILE))
    with running_app(url) as base:
        yield base


def test_a_name_containing_html_is_shown_as_text(page, hostile_app):
    open_url(page, hostile_app, "hangzhou", indicator="rd_gdp_share")
    _wait_for_polygons(page, sequential_colours(5))
    x, y = _district_point(page, "330127")
    page.mouse.move(x, y)
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible", timeout=10_000)
    assert HOSTILE in tooltip.inner_text()  # the markup, as letters
    assert tooltip.locator("img").count() == 0
    _click_district(page, "330127")
    assert page.get_by_text(HOSTILE).count() >= 1
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("window.__xss") is None
    assert_healthy(page)
    screenshot(page, "hangzhou-html-name")
