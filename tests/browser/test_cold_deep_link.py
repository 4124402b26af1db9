"""A link opened on a server nobody has visited yet shows the full app, not a bare page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from lib.i18n import t
from tests.browser.conftest import running_app
from tests.browser.helpers import assert_healthy, open_url, screenshot, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIDEBAR = '[data-testid="stSidebar"]'


def test_a_deep_link_on_a_fresh_server_has_the_language_choice_and_navigation(page, app_database):
    # Its own server: the shared one has been visited by other tests already. Streamlit
    # used to run a page of a folder named pages/ without app.py on a server's first visit.
    with running_app(app_database) as fresh_url:
        open_url(page, fresh_url, "sources", plan="jx_315_2023", lang="en")
        assert page.locator("h1").first.inner_text().strip() == t("page.sources", "en")
        sidebar = page.locator(SIDEBAR)
        assert sidebar.get_by_role("radio", name="English").is_checked()
        assert sidebar.get_by_role("link", name=t("page.compare", "en")).count() == 1
        # Read until drawn: on a busy machine the plan's text may come after the heading.
        expect(page.locator('[data-testid="stMain"]')).to_contain_text(
            "嘉兴", use_inner_text=True, timeout=30_000
        )
        assert_healthy(page)
        screenshot(page, "cold-deep-link-sources-en")


def test_a_deep_link_connects_at_the_apps_root_without_a_failed_request(page, app_url):
    # Streamlit alone first asks /compare/_stcore/health, gets a 404 and waits 100 ms.
    asked = []
    page.on("request", lambda request: asked.append(urlsplit(request.url).path))
    open_url(page, app_url, "compare", lang="en", plans="zj_315_2023,hz_315_2024")
    assert "/_stcore/health" in asked
    assert [path for path in asked if path.startswith("/compare/")] == []
    assert page.locator("h1").first.inner_text().strip() == t("page.compare", "en")
    assert urlsplit(page.url).path == "/compare" and "plans=" in page.url
    # The app's links still lead to its pages at the root.
    page.locator(SIDEBAR).get_by_role("link", name=t("page.sources", "en")).click()
    wait_idle(page)
    assert urlsplit(page.url).path == "/sources"
    assert page.locator("h1").first.inner_text().strip() == t("page.sources", "en")
    assert_healthy(page)
