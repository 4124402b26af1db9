"""In the browser: a target's deep link shows its quote highlighted; search marks hits."""

import pandas as pd
import pytest

from lib.db import DATA_DIR
from tests.browser.helpers import assert_healthy, open_url, screenshot, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_deep_link_to_a_target_highlights_its_quote(page, app_url):
    targets = pd.read_csv(DATA_DIR / "targets.csv", dtype=str, keep_default_na=False)
    target = targets[targets.plan_id == "hz_315_2024"].iloc[0]
    open_url(page, app_url, "sources", target=target["id"])
    mark = page.locator("mark.quote").first
    mark.wait_for()
    assert mark.inner_text() == target["quote"]
    assert mark.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 224, 138)"
    screenshot(page, "sources-target")
    assert_healthy(page)


def test_overview_headline_link_leads_to_the_quote(page, app_url):
    open_url(page, app_url, "", lang="en")
    page.locator('[data-testid="stPageLink"] a[href*="target="]').first.click()
    wait_idle(page)
    page.locator("mark.quote").first.wait_for()
    assert "sources" in page.url and "target=" in page.url
    page.get_by_label("Search the text").fill("3.4%")
    page.keyboard.press("Enter")
    wait_idle(page)
    page.get_by_text("appears on").wait_for()
    assert page.locator("mark.hit").count() > 0
    assert_healthy(page)
