"""Presenter mode, copy link, exports and the slideshow in a real browser.

Screenshots: test-artifacts/presenter-<page>-<lang>.png (every page in presenter mode),
presenter-dark-compare.png, slideshow-*.png; downloads: test-artifacts/download-*. Look
at them: the checks below measure the layout, a picture shows whether it reads well.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from lib import saved_views as sv
from lib.db import make_engine
from lib.i18n import t
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import assert_healthy, open_url, screenshot, wait_idle
from tests.pages.apptest import PAGE_KEYS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ALL_PAGES = (*PAGE_KEYS, "slides")
# A view of each page as a link carries it (the page's own URL parameters).
VIEWS = {
    "overview": {},
    "trajectories": {"indicator": "rd_gdp_share", "regions": "330000,330100"},
    "hangzhou": {"indicator": "new_hitech_enterprises", "district": "330127"},
    "corridors": {"focus": "g60"},
    "compare": {"plans": "zj_315_2023,jx_315_2023", "view": "ambition"},
    "upload": {},
    "sources": {"plan": "hz_315_2024", "q": "高新"},
    "slides": {},
}
SIDEBAR = '[data-testid="stSidebar"]'
SIDEBAR_GREY = (0xF0, 0xF2, 0xF5)  # theme.light.secondaryBackgroundColor
COPY_LINK = '[data-testid="stPopoverBody"] [data-testid="stCode"]'


@pytest.fixture
def views(app_database):
    """The saved views of the app's database, empty before and after the test."""
    engine = make_engine(app_database)
    sv.import_json(engine, "[]", replace=True)
    yield engine
    sv.import_json(engine, "[]", replace=True)
    engine.dispose()


def query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlparse(url).query))


def path_of(page: str) -> str:
    return "" if page == "overview" else page


def lang_params(lang: str) -> dict[str, str]:
    return {"lang": lang} if lang == "en" else {}


def wait_for_visuals(page) -> None:
    """Let charts and maps draw before a screenshot."""
    for selector in ('[data-testid="stVegaLiteChart"]', '[data-testid="stDeckGlJsonChart"]'):
        if page.locator(selector).count():
            visual = page.locator(f"{selector} canvas, {selector} svg").first
            visual.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(1_500)


def heading(page):
    return page.locator('[data-testid="stMain"] h1').first


# --- presenter mode on every page, both languages ----------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("key", ALL_PAGES)
def test_presenter_mode_hides_the_sidebar_and_enlarges_the_page(page, app_url, key, lang):
    open_url(page, app_url, path_of(key), present="1", **VIEWS[key], **lang_params(lang))
    title = heading(page)
    title.wait_for()
    assert title.inner_text().strip() == t(f"page.{key}", lang)
    wait_for_visuals(page)
    # The chrome and every control are gone; the exit button stays.
    expect(page.locator(SIDEBAR)).to_be_hidden()  # waits: the layout may land a frame later
    assert not page.locator('[data-testid="stHeader"]').is_visible()
    controls = page.locator('[class*="st-key-controls-"]')
    assert all(not controls.nth(i).is_visible() for i in range(controls.count()))
    assert page.get_by_role("button", name=t("presenter.exit", lang)).is_visible()
    # Large type and the full width of the screen.
    size = float(title.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert size >= 44, size
    box = title.bounding_box()
    viewport = page.viewport_size
    assert box["x"] < 60, box  # no sidebar, no centred column
    main = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    assert main["width"] >= 0.95 * viewport["width"], main
    assert query(page.url)["present"] == "1"
    assert_healthy(page)

    # The screenshot's layout: no sidebar strip on the left, a dark title at the top left.
    path = screenshot(page, f"presenter-{key}-{lang}")
    pixels = np.asarray(Image.open(path).convert("RGB"), dtype=int)[: viewport["height"]]
    # The sidebar would fill the left edge from top to bottom in its grey; the page's white
    # background (and its margin) is there instead.
    edge = pixels[:, :20]
    assert (np.abs(edge - np.array(SIDEBAR_GREY)) <= 2).all(axis=2).mean() < 0.05
    assert (edge == 255).all(axis=2).mean() > 0.95
    top, left = int(box["y"]), int(box["x"])
    title_area = pixels[top : top + int(box["height"]), left : left + int(box["width"])]
    assert (title_area.sum(axis=2) < 200).sum() > 500  # the heading's glyphs are drawn


def test_the_sidebar_toggle_turns_presenter_mode_on_and_the_exit_button_off(page, app_url):
    open_url(page, app_url, "compare", **VIEWS["compare"])
    assert page.locator(SIDEBAR).is_visible()
    page.locator(SIDEBAR).get_by_text(t("sidebar.presenter", "zh")).click()
    wait_idle(page)
    page.wait_for_function("location.search.includes('present=1')")
    expect(page.locator(SIDEBAR)).to_be_hidden()
    assert query(page.url)["plans"] == VIEWS["compare"]["plans"]  # the view is kept
    page.get_by_role("button", name=t("presenter.exit", "zh")).click()
    wait_idle(page)
    page.wait_for_function("!location.search.includes('present=')")
    page.locator(SIDEBAR).wait_for(state="visible")
    assert_healthy(page)


def test_mode_and_language_stay_in_the_url_across_a_page_link(page, app_url):
    open_url(page, app_url, "", present="1", lang="en")
    page.locator('[data-testid="stPageLink"] a[href*="target="]').first.click()
    wait_idle(page)
    page.wait_for_function("location.pathname.endsWith('/sources')")
    page.wait_for_function("location.search.includes('present=1')")
    assert query(page.url)["lang"] == "en"
    assert heading(page).inner_text().strip() == "Sources"
    expect(page.locator(SIDEBAR)).to_be_hidden()
    page.locator("mark.quote").first.wait_for()
    assert_healthy(page)


def test_the_dark_theme_reads_well_in_presenter_mode(browser, app_url):
    context = browser.new_context(
        viewport={"width": 1400, "height": 900}, locale="zh-CN", color_scheme="dark"
    )
    tab = context.new_page()
    try:
        open_url(tab, app_url, "compare", present="1", **VIEWS["compare"])
        chart = tab.locator('[data-testid="stVegaLiteChart"]').first
        chart.locator("canvas, svg").first.wait_for()
        chart.scroll_into_view_if_needed()
        tab.wait_for_timeout(1_500)
        tab.screenshot(path=str(ARTIFACTS / "presenter-dark-compare.png"))
        pixels = np.asarray(Image.open(io.BytesIO(chart.screenshot())).convert("L"), dtype=int)
        assert np.median(pixels) < 60  # a dark page
        title_band = pixels[:40]
        assert (title_band > 200).sum() > 300  # light title text on it
    finally:
        context.close()


# --- copy link: every page, both languages, end to end ------------------------------------


def copied_link(page, lang: str) -> str:
    """Open the sidebar's "Copy link" popover and read the link it offers to copy."""
    button = page.locator(SIDEBAR).get_by_role("button", name=t("presenter.copy_link_button", lang))
    button.click()
    code = page.locator(COPY_LINK).first
    code.wait_for()
    assert page.locator(
        '[data-testid="stPopoverBody"] button[aria-label="Copy to clipboard"]'
    ).count()
    link = "".join(code.inner_text().split())
    page.keyboard.press("Escape")
    return link


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("key", ALL_PAGES)
def test_the_copied_link_reopens_the_same_view(page, browser, app_url, key, lang):
    open_url(page, app_url, path_of(key), **VIEWS[key], **lang_params(lang))
    heading(page).wait_for()
    wait_idle(page)
    link = copied_link(page, lang)
    shown = query(page.url)
    assert query(link) == shown  # the link holds exactly what the address bar holds
    assert urlparse(link).path.rstrip("/") == urlparse(page.url).path.rstrip("/")
    if lang == "en":
        assert shown["lang"] == "en"

    # A colleague opens it: a new browser session, nothing remembered.
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    other = context.new_page()
    try:
        other.goto(link)
        wait_idle(other)
        heading(other).wait_for()
        other.wait_for_timeout(500)
        wait_idle(other)
        assert heading(other).inner_text() == heading(page).inner_text()
        assert query(other.url) == shown
        again = copied_link(other, lang)
        assert again == link
        if key == "compare":
            tags = other.locator('[data-testid="stMultiSelect"]').first.locator("[data-tag]")
            assert tags.count() == 2
            selected = other.get_by_role("tab", selected=True).inner_text()
            assert selected == t("compare.tab_ambition", lang)
        if key == "sources":
            assert other.locator("mark.hit").count() > 0
            assert other.get_by_label(t("sources.search", lang)).input_value() == "高新"
    finally:
        context.close()


# --- exports ------------------------------------------------------------------------------


def download(page, name: str) -> tuple[bytes, str]:
    with page.expect_download() as info:
        page.get_by_role("button", name=name).first.click()
    return Path(info.value.path()).read_bytes(), info.value.suggested_filename


def test_a_chart_downloads_as_png_svg_csv_and_xlsx(page, app_url):
    open_url(page, app_url, "compare", **VIEWS["compare"])
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
    png, png_name = download(page, t("presenter.download_png", "zh"))
    assert png_name == "compare-rd_gdp_share.png"
    (ARTIFACTS / "download-compare-rd.png").write_bytes(png)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size[0] >= 900 and len(png) > 30_000
    svg, svg_name = download(page, t("presenter.download_svg", "zh"))
    assert svg_name == "compare-rd_gdp_share.svg"
    text = svg.decode("utf-8")
    assert "研究与试验发展经费支出占地区生产总值比重" in text
    assert "来源：《浙江省“315”科技创新体系建设工程实施方案" in text
    # The picture has its own legend (on screen the small charts share one above them).
    assert "省“315”实施方案" in text and "嘉兴315推进方案" in text
    csv, csv_name = download(page, t("presenter.download_csv", "zh"))
    assert csv.startswith(b"\xef\xbb\xbf") and csv_name == "compare-rd_gdp_share.csv"
    assert "超过3.65%".encode() in csv  # the chart's figures, as stated
    xlsx, xlsx_name = download(page, t("presenter.download_xlsx", "zh"))
    assert xlsx.startswith(b"PK") and xlsx_name == "compare-rd_gdp_share.xlsx"
    assert_healthy(page)


@pytest.mark.parametrize(
    ("key", "stem", "words"),
    [
        ("trajectories", "trajectory-rd_gdp_share", ["浙江省、杭州市", "来源："]),
        ("hangzhou", "hangzhou-new_hitech_enterprises-target", ["杭州市2024年度目标分解", "淳安"]),
        ("corridors", "corridors-g60", ["浙江科创走廊", "资料来源：", "G60"]),
    ],
)
def test_a_chart_or_map_downloads_with_its_title_labels_and_source(page, app_url, key, stem, words):
    open_url(page, app_url, key, **VIEWS[key])
    wait_for_visuals(page)
    png, png_name = download(page, t("presenter.download_png", "zh"))
    assert png_name == f"{stem}.png"
    (ARTIFACTS / f"download-{stem}.png").write_bytes(png)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size[0] >= 900 and len(png) > 30_000
    svg, svg_name = download(page, t("presenter.download_svg", "zh"))
    assert svg_name == f"{stem}.svg"
    text = svg.decode("utf-8")
    for word in words:
        assert word in text, word
    csv, csv_name = download(page, t("presenter.download_csv", "zh"))
    assert csv.startswith(b"\xef\xbb\xbf") and csv_name.endswith(".csv")
    assert_healthy(page)


# --- saved views and the slideshow ----------------------------------------------------------


def save_view(page, name: str, lang: str = "zh") -> None:
    page.locator(SIDEBAR).get_by_role("button", name=t("presenter.save_open", lang)).click()
    form = page.locator('[data-testid="stPopoverBody"]')
    form.get_by_label(t("presenter.save_name", lang)).fill(name)
    form.get_by_role("button", name=t("presenter.save", lang)).click()
    wait_idle(page)
    page.get_by_text(name, exact=False).first.wait_for()  # the toast


def test_save_views_then_step_through_them_with_the_keyboard(page, app_url, views):
    open_url(page, app_url, "compare", **VIEWS["compare"])
    save_view(page, "速度对比")
    open_url(page, app_url, "sources", **VIEWS["sources"])
    save_view(page, "杭州原文：高新")
    assert list(sv.list_views(views)["name"]) == ["速度对比", "杭州原文：高新"]

    open_url(page, app_url, "slides")
    page.get_by_text("速度对比").first.wait_for()
    screenshot(page, "slideshow-list")
    page.get_by_role("button", name=t("slides.start", "zh")).click()
    wait_idle(page)
    page.wait_for_function("location.search.includes('slide=1')")
    wait_idle(page)
    bar = page.locator(".st-key-slideshow")
    bar.get_by_role("heading", name="速度对比").wait_for()
    assert query(page.url) == {**VIEWS["compare"], "slide": "1", "present": "1"}
    assert heading(page).inner_text().strip() == t("page.compare", "zh")
    expect(page.locator(SIDEBAR)).to_be_hidden()
    assert "第 1 / 2 页" in bar.inner_text()
    screenshot(page, "slideshow-1")

    page.keyboard.press("ArrowRight")
    page.wait_for_function("location.search.includes('slide=2')")
    wait_idle(page)
    bar.get_by_role("heading", name="杭州原文：高新").wait_for()
    assert query(page.url) == {**VIEWS["sources"], "slide": "2", "present": "1"}
    page.locator("mark.hit").first.wait_for()
    screenshot(page, "slideshow-2")
    page.keyboard.press("ArrowRight")  # the last slide: nothing happens
    page.wait_for_timeout(800)
    assert query(page.url)["slide"] == "2"

    page.keyboard.press("ArrowLeft")
    page.wait_for_function("location.search.includes('slide=1')")
    wait_idle(page)
    bar.get_by_role("heading", name="速度对比").wait_for()

    page.keyboard.press("Escape")
    page.wait_for_function("location.pathname.endsWith('/slides')")
    wait_idle(page)
    assert "present" not in query(page.url) and "slide" not in query(page.url)
    page.locator(SIDEBAR).wait_for(state="visible")
    assert_healthy(page)


def test_saved_views_travel_as_a_json_file(page, app_url, views, tmp_path):
    sv.save_view(views, "Overview", "overview", "")
    sv.save_view(views, "Ambition", "compare", "plans=zj_315_2023,jx_315_2023&view=ambition")
    open_url(page, app_url, "slides", lang="en")
    data, name = download(page, "Export as JSON")
    assert name == "saved-views.json"
    assert [v["name"] for v in json.loads(data)["views"]] == ["Overview", "Ambition"]

    sv.import_json(views, "[]", replace=True)
    page.reload()
    wait_idle(page)
    page.get_by_text("No saved views yet").wait_for()
    file = tmp_path / "views.json"
    file.write_bytes(data)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(file)
    wait_idle(page)
    page.get_by_role("button", name="Import", exact=True).click()
    wait_idle(page)
    page.get_by_text("Imported 2 views.").wait_for()
    assert list(sv.list_views(views)["name"]) == ["Overview", "Ambition"]
    page.get_by_text("Ambition", exact=True).wait_for()
    assert_healthy(page)
