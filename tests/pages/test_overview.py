"""The overview lists every plan with working links to the sentences behind its headlines."""

import time

from lib.actuals import importer
from lib.db import make_engine
from lib.ui import data
from tests.pages.apptest import open_page

UPLOAD = (
    "indicator_id,region_code,year,value,unit,source,note\n"
    "rd_gdp_share,330000,2021,2.94,%,统计公报,\n"
    "rd_gdp_share,330100,2021,3.58,%,统计公报,\n"
)


def actuals_metric(at):
    return next(m for m in at.metric if m.label == "Uploaded actuals")


def test_overview_shows_a_card_per_plan_with_headline_links(app_database):
    at = open_page("overview")
    labels = [m.label for m in at.metric]
    assert labels[0] == "规划" and at.metric[0].value == "12"
    links = at.get("page_link")
    targets = [link.proto.query_string for link in links if "target=" in link.proto.query_string]
    assert len(targets) >= 12 * 2
    assert any("zj_315_2023" in q for q in targets)
    # No raw HTML: the browser loads no HTML parser for this page (the sources page has one).
    assert not any(m.allow_html for m in at.markdown)


def test_overview_in_english_names_the_province_plan(app_database):
    at = open_page("overview", "en")
    assert any("315" in m.value for m in at.markdown)
    assert "Plans" in [m.label for m in at.metric]


def test_a_plan_without_an_issue_date_says_so_on_its_card(app_database):
    at = open_page("overview", "en")
    card_lines = [m.value for m in at.markdown if "Issue" in m.value]
    assert len(card_lines) == 12
    assert sum("Issue date not stated" in line for line in card_lines) >= 1
    assert not any("nan" in line for line in card_lines)


def test_an_upload_by_another_app_instance_shows_after_the_version_check(app_database):
    engine = make_engine(app_database)
    at = open_page("overview", "en")
    before = int(actuals_metric(at).value)
    prepared = importer.prepare(engine, UPLOAD.encode(), "other-instance.csv")
    batch = importer.commit(engine, prepared).batch_id  # as another process would
    try:
        time.sleep(data.VERSION_CHECK_SECONDS + 0.5)
        at.run()
        assert int(actuals_metric(at).value) == before + 2
    finally:
        importer.undo(engine, batch)
        engine.dispose()
