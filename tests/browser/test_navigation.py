"""Every page opens by its URL path in both languages, with no error box or console error."""

import pytest

from lib.i18n import t
from tests.browser.helpers import assert_healthy, open_url, screenshot, wait_idle
from tests.pages.apptest import PAGE_KEYS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_opens_by_its_url_path(page, app_url, lang):
    for key in PAGE_KEYS:
        path = "" if key == "overview" else key
        open_url(page, app_url, path, **({"lang": lang} if lang == "en" else {}))
        heading = page.locator("h1").first.inner_text()
        assert heading.strip() == t(f"page.{key}", lang), key
        assert_healthy(page)
    screenshot(page, f"navigation-{lang}")


def test_switching_language_in_the_sidebar_changes_the_interface_and_the_url(page, app_url):
    open_url(page, app_url)
    assert page.locator("h1").first.inner_text().strip() == t("page.overview", "zh")
    page.get_by_text("English", exact=True).click()
    wait_idle(page)
    page.wait_for_function("document.querySelector('h1').innerText.includes('Overview')")
    assert "lang=en" in page.url
    page.get_by_role("link", name=t("page.compare", "en")).click()
    wait_idle(page)
    page.wait_for_function("document.querySelector('h1').innerText.includes('Compare')")
    assert_healthy(page)
