"""The overview lists every plan with working links to the sentences behind its headlines."""

from tests.pages.apptest import open_page


def test_overview_shows_a_card_per_plan_with_headline_links(app_database):
    at = open_page("overview")
    labels = [m.label for m in at.metric]
    assert labels[0] == "规划" and at.metric[0].value == "12"
    links = at.get("page_link")
    targets = [link.proto.query_string for link in links if "target=" in link.proto.query_string]
    assert len(targets) >= 12 * 2
    assert any("zj_315_2023" in q for q in targets)


def test_overview_in_english_names_the_province_plan(app_database):
    at = open_page("overview", "en")
    assert any("315" in m.value for m in at.markdown)
    assert "Plans" in [m.label for m in at.metric]
