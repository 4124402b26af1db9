"""The overview: every plan as a card with its issuer, period and headline targets."""

import streamlit as st

from lib import overview
from lib.i18n import t
from lib.ui import data, views
from lib.ui.export import export_menu
from lib.ui.layout import app_page, page_title
from lib.ui.presenter import page_tools
from lib.ui.state import current_language

lang = current_language()
page_title("overview", lang)
st.write(t("overview.intro", lang))
lang_param = {"lang": lang} if lang == "en" else {}

counts, headline_links = views.overview_tables(data.data_key(), lang)
rows = data.table_counts()
columns = st.columns(5)
columns[0].metric(t("overview.metric_plans", lang), rows["plan"])
columns[1].metric(t("overview.metric_targets", lang), int(counts["targets"].sum()))
columns[2].metric(t("overview.metric_baselines", lang), int(counts["baselines"].sum()))
columns[3].metric(t("overview.metric_indicators", lang), rows["indicator"])
columns[4].metric(t("overview.metric_actuals", lang), rows["actual"])

st.subheader(t("overview.plans", lang))
export_menu(None, counts, "overview-plans", lang)
cards = st.columns(3)
sources_page = app_page("sources")
for i, plan in enumerate(counts.to_dict("records")):
    with cards[i % 3].container(border=True):
        st.markdown(overview.plan_card_text(plan, lang))
        for label, target_id in headline_links.get(plan["id"], []):
            st.page_link(
                sources_page,
                label=label,
                icon=":material/format_quote:",
                query_params={"target": target_id, **lang_param},
            )
        st.page_link(
            sources_page,
            label=t("overview.read", lang),
            icon=":material/description:",
            query_params={"plan": plan["id"], **lang_param},
        )

page_tools("overview", lang)
