"""The slides page: the saved views in order, reordered, deleted, imported; the slideshow."""

from __future__ import annotations

import json

import pytest

from lib import saved_views as sv
from lib.db import make_engine
from lib.ui.presenter import GO_KEY, slide_target
from lib.ui.state import LANGUAGE_KEY
from tests.pages.apptest import open_page


@pytest.fixture
def views(app_database):
    """Two saved views in the app database (removed again after the test)."""
    engine = make_engine(app_database)
    sv.import_json(engine, "[]", replace=True)
    sv.save_view(engine, "三份315方案", "compare", "plans=zj_315_2023,hz_315_2024,jx_315_2023")
    sv.save_view(engine, "杭州原文", "sources", "plan=hz_315_2024&q=%E9%AB%98%E6%96%B0")
    yield engine
    sv.import_json(engine, "[]", replace=True)
    engine.dispose()


def names(engine) -> list[str]:
    return list(sv.list_views(engine)["name"])


def test_without_saved_views_the_page_says_how_to_save_one(app_database):
    engine = make_engine(app_database)
    sv.import_json(engine, "[]", replace=True)
    at = open_page("slides")
    assert at.title[0].value == "演示幻灯片"
    assert "还没有保存的视图" in at.info[0].value
    assert at.get("download_button")[0].proto.disabled


def test_the_list_shows_each_view_in_order_with_its_page_and_settings(views):
    at = open_page("slides", "en")
    assert at.title[0].value == "Slides"
    texts = [m.value for m in at.markdown]
    assert texts.index("**三份315方案**") < texts.index("**杭州原文**")
    captions = [c.value for c in at.caption]
    assert "Page\\: Sources · plan\\=hz\\_315\\_2024 · q\\=高新" in captions  # shown literally
    assert at.button(key="slides-start").label == "Start the slideshow"


def test_up_down_and_delete_change_the_saved_order(views):
    first, second = sv.list_views(views)["id"]
    at = open_page("slides")
    assert at.button(key=f"slides-up-{first}").disabled
    at.button(key=f"slides-up-{second}").click().run()
    assert names(views) == ["杭州原文", "三份315方案"]
    at.button(key=f"slides-down-{second}").click().run()
    assert names(views) == ["三份315方案", "杭州原文"]
    at.button(key=f"slides-delete-{first}").click().run()
    assert names(views) == ["杭州原文"]
    assert "**三份315方案**" not in [m.value for m in at.markdown]


def test_start_opens_the_first_slide_with_fresh_page_state(views):
    at = open_page("slides", "en")
    at.session_state["compare_plans"] = ["zj_315_2023", "jx_315_2023"]  # left from a visit
    at.button(key="slides-start").click().run()
    # The first saved view (three plans side by side) opens in presenter mode, its own
    # plans replacing the ones left from the earlier visit.
    assert dict(at.query_params) == {
        "plans": "zj_315_2023,hz_315_2024,jx_315_2023",
        "slide": "1",
        "present": "1",
        "lang": "en",
    }
    assert at.header[0].value == "三份315方案"
    assert at.session_state["compare_plans"] == ["zj_315_2023", "hz_315_2024", "jx_315_2023"]
    assert GO_KEY not in at.session_state
    assert at.session_state[LANGUAGE_KEY] == "en"


def test_a_slide_opens_its_page_with_the_saved_query_in_presenter_mode(views):
    page, params = slide_target(sv.list_views(views), 2, "en")
    assert page == "app_pages/sources.py"
    assert params == {
        "plan": "hz_315_2024",
        "q": "高新",
        "slide": "2",
        "present": "1",
        "lang": "en",
    }
    assert "lang" not in slide_target(sv.list_views(views), 1, "zh")[1]


def test_the_bar_shows_the_caption_and_previous_next_and_end_with_keys(views):
    at = open_page("overview", slide="1", present="1")
    assert at.header[0].value == "三份315方案"
    assert "第 1 / 2 页" in [c.value for c in at.caption]
    previous, following = at.button(key="slide-previous"), at.button(key="slide-next")
    assert previous.disabled and not following.disabled
    assert (previous.proto.shortcut, following.proto.shortcut) == ("left", "right")
    assert at.button(key="slide-end").proto.shortcut == "escape"
    following.click().run()
    assert at.query_params["slide"] == "2"
    assert at.header[0].value == "杭州原文"
    assert "第 2 / 2 页" in [c.value for c in at.caption]


def test_a_slide_number_beyond_the_list_says_so(views):
    at = open_page("overview", slide="7")
    assert "没有第 7 页" in at.warning[0].value


def test_import_adds_the_views_of_a_json_file(views):
    document = {
        "format": sv.FORMAT,
        "version": 1,
        "views": [{"name": "总览", "page": "overview", "query": ""}],
    }
    at = open_page("slides", "en")
    at.get("file_uploader")[0].set_value(
        ("views.json", json.dumps(document).encode(), "application/json")
    ).run()
    at.button(key="slides-import").click().run()
    assert names(views) == ["三份315方案", "杭州原文", "总览"]
    assert at.success[0].value == "Imported 1 views."


def test_a_bad_file_is_refused_with_its_reason_and_changes_nothing(views):
    at = open_page("slides", "en")
    bad = b'[{"name": "x", "page": "nowhere"}]'
    at.get("file_uploader")[0].set_value(("views.json", bad, "application/json")).run()
    at.checkbox(key="slides_import_replace").check().run()
    at.button(key="slides-import").click().run()
    assert at.error[0].value == "Could not import: view 1 is invalid (unknown page nowhere)"
    assert names(views) == ["三份315方案", "杭州原文"]
