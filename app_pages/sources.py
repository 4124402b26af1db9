"""The source reader: read any plan's text, search it, and see the sentence behind a figure."""

import pandas as pd
import streamlit as st

from lib.i18n import name_column, t
from lib.markdown import markdown_text
from lib.source_reader import locate_quote, marked_html, read_source, search_lines, term_spans
from lib.ui import data
from lib.ui.export import export_menu
from lib.ui.layout import html_block, page_title, source_styles
from lib.ui.presenter import controls, page_tools
from lib.ui.state import current_language, follow_url, remember_url, set_url_params, url_param

lang = current_language()
page_title("sources", lang)
source_styles()
names = name_column(lang)
short = "short_en" if lang == "en" else "short_zh"

plans = data.plans().set_index("id")
targets = data.targets().set_index("id")
target_id = url_param("target")
target = targets.loc[target_id] if target_id in targets.index else None
if target_id and target is None:
    st.warning(t("sources.target_unknown", lang, id=target_id))

plan_ids = list(plans.index)
default_plan = target["plan_id"] if target is not None else url_param("plan", plan_ids[0])
follow_url("sources_plan", default_plan if default_plan in plan_ids else plan_ids[0])
with controls("document"):
    plan_id = st.selectbox(
        t("sources.document", lang),
        plan_ids,
        key="sources_plan",
        format_func=lambda pid: plans.loc[pid, short],
    )
if target is not None and plan_id != target["plan_id"]:
    target, target_id = None, ""
plan = plans.loc[plan_id]
st.subheader(plan["title_en" if lang == "en" else "title_zh"])
st.caption(
    t(
        "sources.meta",
        lang,
        issuer=plan["issuer_en" if lang == "en" else "issuer_zh"],
        date=plan["issue_date"]
        if pd.notna(plan["issue_date"])
        else t("sources.date_unknown", lang),
        period=f"{plan['period_start']}–{plan['period_end']}",
        seed=plan["seed_file"],
    )
)
if pd.notna(plan["note"]) and plan["note"]:
    # Says what the text leaves unstated (an issuer inferred, a date not given): in English.
    st.caption(t("sources.plan_note", lang, note=markdown_text(plan["note"])))
follow_url("sources_q", url_param("q"))
with controls("search"):
    term = st.text_input(t("sources.search", lang), key="sources_q")
set_url_params(plan=plan_id, target=target_id or None, q=term or None)
remember_url(sources_plan=plan_id, sources_q=term)
page_tools("sources", lang)

lines = read_source(plan_id)
quote_at = None
if target is not None:
    source_lines = read_source(target["source"])
    quote_at = locate_quote(source_lines, target["quote"])
    st.subheader(t("sources.target_heading", lang))
    indicator = data.indicators().set_index("id").loc[target["indicator_id"]]
    region = data.regions().set_index("adcode").loc[target["region_code"]]
    facts = pd.DataFrame(
        {
            t("sources.field_plan", lang): [plan[short]],
            t("sources.field_indicator", lang): [indicator[names]],
            t("sources.field_region", lang): [region[names]],
            t("sources.field_value", lang): [target["value_text"]],
            t("sources.field_year", lang): [target["year"]],
            t("sources.field_kind", lang): [target["kind"]],
            t("presenter.field_quote", lang): [target["quote"]],
        }
    )
    st.dataframe(facts.drop(columns=t("presenter.field_quote", lang)), hide_index=True)
    export_menu(None, facts, f"source-{target_id}", lang)
    if quote_at is None:
        st.error(t("sources.quote_missing", lang, quote=target["quote"]))
    else:
        line = source_lines[quote_at.line_no]
        html_block(
            f'<blockquote class="source-line">'
            f"{marked_html(line, [(quote_at.start, quote_at.end)])}</blockquote>"
        )
        st.caption(t("sources.line", lang, n=quote_at.line_no + 1))

if term:
    found = search_lines(lines, term)
    if found.empty:
        st.info(t("sources.no_hits", lang, term=term))
    else:
        st.success(
            t("sources.search_hits", lang, term=term, lines=len(found), hits=found["hits"].sum())
        )
        export_menu(None, found, f"search-{plan_id}", lang)
        html_block(
            "".join(
                f'<p class="source-line"><span class="no">{row.line}</span>'
                f"{marked_html(row.text, term_spans(row.text, term), 'hit')}</p>"
                for row in found.itertuples()
            )
        )

with st.expander(t("sources.full_text", lang), expanded=target is None and not term):
    rendered = []
    for line_no, line in enumerate(lines):
        spans, css = term_spans(line, term), "hit"
        if quote_at is not None and quote_at.line_no == line_no and target["source"] == plan_id:
            spans, css = [(quote_at.start, quote_at.end)], "quote"
        rendered.append(
            f'<p class="source-line"><span class="no">{line_no + 1}</span>'
            f"{marked_html(line, spans, css)}</p>"
        )
    html_block("".join(rendered))
