"""The source reader opens at a target's quote, highlighted, and searches the text."""

import pandas as pd

from lib.db import DATA_DIR
from tests.pages.apptest import open_page


def _target(indicator: str, plan: str) -> pd.Series:
    targets = pd.read_csv(DATA_DIR / "targets.csv", dtype=str, keep_default_na=False)
    return targets[(targets.indicator_id == indicator) & (targets.plan_id == plan)].iloc[0]


def test_a_target_link_opens_its_document_with_the_quote_marked(app_database):
    target = _target("rd_gdp_share", "zj_315_2023")
    at = open_page("sources", target=target["id"])
    assert at.selectbox[0].value == "zj_315_2023"
    marked = [m.value for m in at.markdown if '<mark class="quote">' in m.value]
    assert marked and f'<mark class="quote">{target["quote"]}</mark>' in marked[0]
    assert any("mark.quote {" in m.value and m.allow_html for m in at.markdown)  # its colour


def test_search_reports_hits_and_keeps_the_term_in_the_url(app_database):
    at = open_page("sources", plan="jx_315_2023")
    at.text_input[0].input("科技城").run()
    assert at.success and "科技城" in at.success[0].value
    assert at.query_params["q"] == ["科技城"] or at.query_params["q"] == "科技城"
    assert any('<mark class="hit">科技城</mark>' in m.value for m in at.markdown)


def test_an_unknown_target_id_says_so(app_database):
    at = open_page("sources", "en", target="no-such-target")
    assert "no-such-target" in at.warning[0].value


def test_choosing_documents_twice_keeps_each_choice(app_database):
    at = open_page("sources")
    at.selectbox[0].set_value("jx_315_2023").run()
    assert at.selectbox[0].value == "jx_315_2023"
    at.selectbox[0].set_value("hz_315_2024").run()
    assert at.selectbox[0].value == "hz_315_2024"
    assert "杭州" in at.subheader[0].value


def test_a_plan_without_an_issue_date_says_it_is_not_stated(app_database):
    at = open_page("sources", "en", plan="zj_14fyp_agri")
    meta = " ".join(c.value for c in at.caption)
    assert "issued (date not stated)" in meta
    assert "nan" not in meta


def test_what_the_text_leaves_unstated_is_said_beside_the_document(app_database):
    at = open_page("sources", "en", plan="zj_14fyp_agri")
    notes = [c.value for c in at.caption if c.value.startswith("About this document:")]
    assert len(notes) == 1
    assert "The issuer given is inferred, not quoted" in notes[0]
