"""Every page opens in both languages without an exception and shows its own title."""

import pytest

from lib.i18n import t
from tests.pages.apptest import PAGE_KEYS, open_page


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGE_KEYS)
def test_page_opens_with_its_title(app_database, page, lang):
    at = open_page(page, lang)
    assert at.title[0].value == t(f"page.{page}", lang)


def test_language_chosen_by_url_is_kept_when_switching_pages(app_database):
    at = open_page("overview", "en")
    at.query_params.clear()
    at.switch_page("app_pages/compare.py").run()
    assert at.title[0].value == "Compare plans"


def test_choosing_english_in_the_sidebar_translates_the_page_and_the_link(app_database):
    at = open_page("compare")
    at.sidebar.radio[0].set_value("en").run()
    assert at.title[0].value == "Compare plans"
    assert at.query_params["lang"] == "en"
    at.switch_page("app_pages/sources.py").run()
    assert at.title[0].value == "Sources"
