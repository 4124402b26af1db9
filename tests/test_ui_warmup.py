"""Warming: every page runs once before a new server opens its port."""

from pathlib import Path

from lib.ui.layout import PAGES
from lib.ui.warmup import WARM_VIEWS, warm_views

REPO = Path(__file__).resolve().parent.parent


def test_warming_runs_each_view_once_and_reports_none_failed(app_database):
    assert ("compare", {"view": "pace"}) in WARM_VIEWS
    assert ("compare", {"view": "ambition"}) in WARM_VIEWS
    assert {key for key, _ in WARM_VIEWS} == {key for key, _, _ in PAGES}
    assert warm_views(REPO, WARM_VIEWS) == []


def test_a_view_that_fails_while_warming_is_reported_and_the_rest_still_run(tmp_path):
    (tmp_path / "app_pages").mkdir()
    (tmp_path / "app_pages" / "overview.py").write_text("")
    (tmp_path / "app_pages" / "sources.py").write_text("")
    (tmp_path / "app.py").write_text(
        "import streamlit as st\n"
        "if st.query_params.get('fail'):\n"
        "    raise RuntimeError('no database')\n"
        "st.write('fine')\n"
    )
    problems = warm_views(tmp_path, [("overview", {"fail": "1"}), ("sources", {})])
    assert problems == ["overview: no database"]
