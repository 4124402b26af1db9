"""The overview: every plan as a card with its issuer, period and headline targets."""

import streamlit as st

from lib import overview
from lib.i18n import name_column, t
from lib.ui import data, views
from lib.ui.export import export_menu
from lib.ui.layout import app_page, page_title
from lib.ui.presenter import page_tools
from lib.ui.state import current_language

lang = current_language()
page_title("overview", lang)
st.write(t("overview.intro", lang))
en = lang == "en"

plans, indicators = data.plans(), data.indicators().set_index("id")
indicator_names = indicators[name_column(lang)].to_dict()
counts, headlines = views.overview_tables(data.data_key())
columns = st.columns(5)
columns[0].metric(t("overview.metric_plans", lang), len(plans))
columns[1].metric(t("overview.metric_targets", lang), int(counts["targets"].sum()))
columns[2].metric(t("overview.metric_baselines", lang), int(counts["baselines"].sum()))
columns[3].metric(t("overview.metric_indicators", lang), len(indicators))
columns[4].metric(t("overview.metric_actuals", lang), data.table_counts()["actual"])

st.subheader(t("overview.plans", lang))
export_menu(None, counts, "overview-plans", lang)
cards = st.columns(3)
sources_page = app_page("sources")
for i, plan in enumerate(counts.to_dict("records")):
    with cards[i % 3].container(border=True):
        st.markdown(overview.plan_card_text(plan, lang))
        for target in headlines.get(plan["id"], []):
            name = indicator_names[target["indicator_id"]]
            st.page_link(
                sources_page,
                label=f"{name} · {target['year']} · {target['value_text']}",
                icon=":material/format_quote:",
                query_params={"target": target["id"], **({"lang": lang} if en else {})},
            )
        st.page_link(
            sources_page,
            label=t("overview.read", lang),
            icon=":material/description:",
            query_params={"plan": plan["id"], **({"lang": lang} if en else {})},
        )

page_tools("overview", lang)
