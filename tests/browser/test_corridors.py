"""The corridors page in a real browser: the map drawn, toggled, hovered, clicked and read.

Screenshots go to test-artifacts/corridors-*.png; look at them (the map is a canvas, so only
a picture shows that the three corridors can be told apart and the Chinese labels drew).
"""

from __future__ import annotations

import io
import math
import time
from functools import lru_cache
from urllib.parse import parse_qs, urlparse

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from lib import queries
from lib.curated import load_curated
from lib.db import DATA_DIR, make_engine
from lib.geo import load_boundaries
from lib.maps import corridors as cm
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import assert_healthy, grid_rows, open_url, screenshot, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DECK = '[data-testid="stDeckGlJsonChart"]'
PANEL = f".st-key-{'corridor_panel'}"
TOOLTIP = ".deck-tooltip"
RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'

# deck.gl (mjolnir) takes a press for a click only if the release is handled within 250 ms
# of the press, timed with Date.now(). With software WebGL on a busy machine, picking on
# the press alone takes longer (measured 0.4-1.5 s at load 14-20 on 2 cores), so a real
# click never registers. The press and release are real mouse events that go through
# deck.gl's own picking; only the clock is held still between them.
HOLD_CLOCK = """() => {
  window.__realNow = window.__realNow || Date.now;
  const now = window.__realNow();
  Date.now = () => now;
}"""
RELEASE_CLOCK = "() => { if (window.__realNow) Date.now = window.__realNow; }"


@lru_cache(maxsize=1)
def _tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    engine = make_engine("sqlite://")
    load_curated(engine, DATA_DIR)
    return queries.corridor_members(engine), queries.platforms(engine)


def _query(page) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlparse(page.url).query).items()}


def _on_page(page, lon: float, lat: float, focus: str = "") -> tuple[float, float]:
    """Where a point is on the page, for the view the page opens with (centred in the canvas)."""
    view = cm.view_for(*_tables(), focus)
    scale = 512 * 2 ** view["zoom"]

    def mercator(latitude: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))

    page.wait_for_selector(f"{DECK} canvas", timeout=60_000)
    box = page.locator(DECK).first.bounding_box()
    x = box["x"] + box["width"] / 2 + (lon - view["longitude"]) * scale / 360
    y = (
        box["y"]
        + box["height"] / 2
        - (mercator(lat) - mercator(view["latitude"])) * scale / (2 * math.pi)
    )
    return x, y


def _pixel(page, x: float, y: float) -> tuple[int, int, int]:
    box = page.locator(DECK).first.bounding_box()
    png = page.locator(DECK).first.screenshot()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    # Average a small square: antialiased outlines and labels stay out of the way.
    cx, cy = int(x - box["x"]), int(y - box["y"])
    crop = np.asarray(image.crop((cx - 2, cy - 2, cx + 3, cy + 3)), dtype=int)
    return tuple(int(v) for v in crop.reshape(-1, 3).mean(axis=0))


def _hue(rgb: tuple[int, int, int]) -> str:
    """A rough name for a colour: orange, blue, green or neutral."""
    r, g, b = rgb
    if max(rgb) - min(rgb) < 12:
        return "neutral"
    if r > g > b and r - b > 60:
        return "orange"
    if b > r and b >= g - 5:
        return "blue"
    if g > r and g > b:
        return "green"
    return "other"


def _wait_for_map(page, colour_at: dict[str, tuple[float, float]], timeout: float = 40) -> dict:
    """Wait until the polygons are drawn (the canvas shows up before them); hues by name."""
    page.wait_for_selector(f"{DECK} canvas", timeout=60_000)
    deadline = time.monotonic() + timeout
    while True:
        hues = {name: _hue(_pixel(page, x, y)) for name, (x, y) in colour_at.items()}
        if "neutral" not in hues.values() or time.monotonic() > deadline:
            return hues
        page.wait_for_timeout(400)


# A point inside one member of each main corridor, away from the labels and platforms.
SAMPLES = {
    "chengxi": (119.3, 30.0),  # 临安区, core
    "g60": (119.85, 28.9),  # 金华市, member city
    "yongjiang": (121.45, 29.3),  # 宁海县, in member city Ningbo
}


def _samples(page, focus: str = "", names=tuple(SAMPLES)) -> dict[str, tuple[float, float]]:
    """Where the sample points are on the page, for the view of a chosen corridor."""
    return {name: _on_page(page, *SAMPLES[name], focus) for name in names}


def _click_map(page, x: float, y: float, shows: str) -> None:
    """Hover, then click the map at (x, y) and wait until the panel shows `shows`."""
    page.mouse.move(x, y)
    page.wait_for_timeout(800)
    page.evaluate(HOLD_CLOCK)
    try:
        page.mouse.down()
        page.mouse.up()
    finally:
        page.evaluate(RELEASE_CLOCK)
    page.locator(PANEL).get_by_text(shows).wait_for(timeout=30_000)
    wait_idle(page)


def test_the_three_main_corridors_are_told_apart_at_a_glance(page, app_url):
    open_url(page, app_url, "corridors")
    hues = _wait_for_map(page, _samples(page))
    assert hues == {"chengxi": "orange", "g60": "blue", "yongjiang": "green"}, hues
    for name in ("杭州城西科创大走廊", "G60科创走廊（浙江段）", "宁波甬江科创大走廊"):
        box = page.locator('[data-testid="stCheckbox"]', has_text=name).locator("input")
        assert box.is_checked(), name
    legend = " ".join(page.locator(".map-legend").all_inner_texts())
    for name in ("杭州城西科创大走廊", "G60科创走廊（浙江段）", "宁波甬江科创大走廊", "核心区"):
        assert name in legend
    assert _query(page)["corridors"] == "chengxi,g60,yongjiang"
    assert_healthy(page)
    screenshot(page, "corridors-zh")
    page.locator(DECK).first.screenshot(path=str(ARTIFACTS / "corridors-map-zh.png"))
    # The overview of the corridors shown is drawn once opened.
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    page.locator('[data-testid="stExpander"] summary', has_text="地图上的走廊").click()
    rows = grid_rows(page, until=lambda rows: len(rows) >= 3)
    assert [row[0] for row in rows] == [
        "杭州城西科创大走廊",
        "G60科创走廊（浙江段）",
        "宁波甬江科创大走廊",
    ]
    assert_healthy(page)
    screenshot(page, "corridors-overview")


def test_toggling_corridors_and_the_secondary_layer(page, app_url):
    open_url(page, app_url, "corridors")
    samples = _samples(page)
    _wait_for_map(page, samples)
    page.locator('[data-testid="stCheckbox"]', has_text="G60科创走廊").locator("label").click()
    page.wait_for_function("window.location.search.includes('corridors=chengxi%2Cyongjiang')")
    wait_idle(page)
    page.wait_for_timeout(1500)
    assert _hue(_pixel(page, *samples["g60"])) == "neutral"  # Jinhua: no fill any more
    assert _hue(_pixel(page, *samples["chengxi"])) == "orange"
    page.locator('[data-testid="stCheckbox"]', has_text="G60科创走廊").locator("label").click()
    page.wait_for_function("window.location.search.includes('corridors=chengxi%2Cg60')")
    page.get_by_text("其他走廊（次要图层）").click()
    page.wait_for_function("window.location.search.includes('secondary=1')")
    wait_idle(page)
    assert _query(page)["corridors"] == "chengxi,g60,yongjiang"
    assert_healthy(page)
    page.wait_for_timeout(2000)
    page.locator(DECK).first.screenshot(path=str(ARTIFACTS / "corridors-map-secondary.png"))


def test_choosing_a_corridor_opens_its_panel_and_a_sentence_opens_the_source(page, app_url):
    open_url(page, app_url, "corridors")
    page.locator('[data-testid="stSelectbox"]', has_text="选择走廊").locator("input").click()
    page.get_by_role("option", name="杭州城西科创大走廊", exact=True).click()
    page.wait_for_function("window.location.search.includes('focus=chengxi')")
    wait_idle(page)
    panel = page.locator(PANEL)
    assert panel.locator("h3").first.inner_text().strip() == "杭州城西科创大走廊"
    # Page links are drawn a moment after the script run ends.
    target = panel.get_by_role("link", name="2022年 · 高水平科研院所：100家")
    target.wait_for()
    assert target.get_attribute("href").startswith("sources?target=zj_opinions_2018-024")
    text = panel.inner_text()
    for figure in ("科创团队：100个", "高新技术企业数：1000家", "战略性新兴产业产值比重：70%以上"):
        assert figure in text, figure
    sentence = panel.get_by_role("link", name="形成“一廊两翼”联动发展格局")
    href = sentence.get_attribute("href")
    assert href.startswith("sources?plan=zj_14fyp_platforms&q=")
    _wait_for_map(page, _samples(page, "chengxi", ["chengxi"]))
    assert_healthy(page)
    screenshot(page, "corridors-chengxi")
    sentence.click()
    page.wait_for_function("window.location.pathname.endsWith('/sources')")
    wait_idle(page)
    assert _query(page)["plan"] == "zj_14fyp_platforms"
    hit = page.locator("mark.hit").first
    hit.wait_for()
    assert hit.inner_text() in "形成“一廊两翼”联动发展格局"
    assert_healthy(page)


def test_hover_names_a_member_and_a_click_chooses_its_corridor(page, app_url):
    open_url(page, app_url, "corridors")
    samples = _samples(page)
    _wait_for_map(page, samples)
    # A city of no corridor shown: its name, and no empty lines under it.
    taizhou = load_boundaries("zhejiang_cities").set_index("adcode").loc["331000", "geometry"]
    away = taizhou.difference(taizhou.representative_point().buffer(0.2)).representative_point()
    page.mouse.move(*_on_page(page, away.x, away.y))
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible", timeout=15_000)
    assert tooltip.inner_text().strip() == "台州市"
    assert tooltip.bounding_box()["height"] < 45  # one line
    x, y = samples["g60"]
    page.mouse.move(x, y)
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible", timeout=15_000)
    assert tooltip.inner_text().split("\n")[:3] == [
        "金华市",
        "G60科创走廊（浙江段）",
        "成员 · 正式成员城市",
    ]
    _click_map(page, x, y, "已选中：金华市（成员）")
    assert _query(page)["focus"] == "g60"
    panel = page.locator(PANEL)
    assert panel.locator("h3").first.inner_text().strip() == "G60科创走廊（浙江段）"
    assert "已选中：金华市（成员）" in panel.inner_text()
    # The map flew to G60 and kept its colours: Streamlit's own highlight would grey them.
    hues = _wait_for_map(page, _samples(page, "g60", ["chengxi", "g60"]))
    assert hues["chengxi"] == "orange" and hues["g60"] == "blue", hues
    assert_healthy(page)
    screenshot(page, "corridors-clicked")


def test_a_platform_of_approximate_location_says_so(page, app_url):
    open_url(page, app_url, "corridors", focus="yongjiang")
    _wait_for_map(page, _samples(page, "yongjiang", ["yongjiang"]))
    platforms = _tables()[1].set_index("id")
    nbu = platforms.loc["yongjiang_nbu"]
    x, y = _on_page(page, nbu["lon"], nbu["lat"], "yongjiang")
    page.mouse.move(x, y)
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible", timeout=15_000)
    lines = tooltip.inner_text().split("\n")
    assert lines[0] == "宁波大学"
    assert "≈ 大致位置（常识）" in lines
    _click_map(page, x, y, "已选中平台：宁波大学（高校，≈ 大致位置（常识））")
    assert_healthy(page)


def test_the_page_in_english(page, app_url):
    open_url(page, app_url, "corridors", lang="en", focus="g60")
    _wait_for_map(page, _samples(page, "g60", ["g60"]))
    panel = page.locator(PANEL)
    assert "G60 Sci-Tech Innovation Corridor (Zhejiang section)" in panel.inner_text()
    assert "Corridors" in page.locator(".map-legend").first.inner_text()
    assert_healthy(page)
    screenshot(page, "corridors-en")
