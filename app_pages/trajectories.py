"""Trajectories: is an indicator on track for its plan targets, region by region?"""

import streamlit as st

from lib import trajectory
from lib.charts.trajectory import trajectory_chart
from lib.i18n import name_column, t
from lib.image_export import presentation_subtitle
from lib.progress import pace_kind
from lib.ui import data, views
from lib.ui.export import export_menu
from lib.ui.layout import page_title
from lib.ui.presenter import controls, page_tools, show_chart
from lib.ui.state import current_language, set_url_params, url_list, url_param

TABLE_KEY = "trajectories_table_open"

lang = current_language()
data_key = data.data_key()  # one data version for the whole run
page_title("trajectories", lang)
st.caption(t("trajectories.intro", lang))

choices = views.trajectory_choices(data_key, lang)
if choices.options.empty:
    st.info(t("common.no_data", lang))
    st.stop()

# 1. What to show: the URL says, the widgets let the user change it.
with controls():  # hidden in presenter mode
    left, right = st.columns([1, 3])
    categories = ["", *choices.categories]
    requested_category = url_param("category")
    category = left.selectbox(
        t("trajectories.category", lang),
        categories,
        index=categories.index(requested_category) if requested_category in categories else 0,
        format_func=lambda c: (
            trajectory.category_label(c, lang) if c else t("trajectories.category_all", lang)
        ),
    )
    labels = {code: choices.labels[code] for code in choices.offered[category]}
    indicator_id = trajectory.choose_indicator(url_param("indicator"), choices.options, category)
    indicator_id = right.selectbox(
        t("trajectories.indicator", lang),
        list(labels),
        index=list(labels).index(indicator_id),
        format_func=labels.get,
    )
    indicator = choices.indicators[indicator_id]

    available, region_names = views.trajectory_regions(data_key, indicator_id, lang)
    region_codes = st.multiselect(
        t("trajectories.regions", lang),
        list(region_names),
        default=trajectory.choose_regions(url_list("regions"), available),
        format_func=region_names.get,
        max_selections=trajectory.MAX_REGIONS,
        help=t("trajectories.regions_help", lang, n=trajectory.MAX_REGIONS),
        placeholder=t("trajectories.regions_placeholder", lang),
    )

    methods = trajectory.method_names(lang)
    method = st.radio(
        t("trajectories.method", lang),
        list(methods),
        index=list(methods).index(trajectory.choose_method(url_param("method"))),
        format_func=methods.get,
        horizontal=True,
    )
    path_column, projection_column, _ = st.columns([1, 1, 2])
    hidden = set(url_list("hide"))
    show = {
        "path": path_column.toggle(t("trajectories.show_path", lang), value="path" not in hidden),
        "projection": projection_column.toggle(
            t("trajectories.show_projection", lang), value="projection" not in hidden
        ),
    }
set_url_params(
    category=category or None,
    indicator=indicator_id,
    method=method,
    hide=[option for option in trajectory.OPTIONS if not show[option]],
)
if region_codes:
    set_url_params(regions=region_codes)
page_tools("trajectories", lang)
if not region_codes:
    # An empty choice leaves the URL alone: the widget keeps its empty state on the next
    # rerun, and a copied link still opens a view with regions.
    st.info(
        t("trajectories.no_regions" if available.empty else "trajectories.choose_regions", lang)
    )
    st.stop()

# 2. The trajectory: chart, and beside it every target with a link to its quote.
view = views.trajectory_view(data_key, indicator_id, tuple(region_codes), method, lang)
st.caption(
    t(
        "trajectories.indicator_facts",
        lang,
        unit=indicator["unit"],
        direction=t(f"trajectories.direction.{indicator['direction']}", lang),
        pace=t(f"trajectories.pace.{pace_kind(indicator['measure'])}", lang),
    )
)
if view.observed.empty:
    st.info(t("trajectories.no_observations", lang))

texts = views.trajectory_texts(data_key, indicator_id, tuple(region_codes), method, lang)
chart_column, list_column = st.columns([3, 1])
shown_options = tuple(option for option, shown in show.items() if shown)
with chart_column:
    show_chart(
        lambda: trajectory_chart(
            view,
            title=indicator[name_column(lang)],
            unit=indicator["unit"],
            lang=lang,
            show=set(shown_options),
        ),
        title=indicator[name_column(lang)],
        subtitle=presentation_subtitle(
            [region_names[code] for code in region_codes],
            view.markers["year"],
            indicator["unit"],
            lang,
        ),
        source=texts["source"],
        name=f"trajectory-{indicator_id}",
        lang=lang,
        frame=None,  # the table of section 4 has the data's downloads
        width="stretch",
        cache_key=(data_key, indicator_id, tuple(region_codes), method, lang, shown_options),
    )
chart_column.caption(t("trajectories.chart_hint", lang))
with list_column:
    st.markdown(f"**{t('trajectories.targets_heading', lang)}**")
    st.markdown(texts["drawn"])
    st.markdown(
        f"**{t('trajectories.listed_heading', lang)}**", help=t("trajectories.listed_help", lang)
    )
    st.markdown(texts["listed"] or t("trajectories.listed_none", lang))

# 3. Status of each target, by the chosen method; all three side by side.
st.subheader(t("trajectories.status_heading", lang))
st.info(
    t(
        "trajectories.method_in_words",
        lang,
        name=methods[method],
        description=trajectory.method_description(method, lang),
    )
)
if view.assessed.empty:
    st.caption(t("trajectories.no_targets", lang))
else:
    st.markdown(texts["status"])
    st.markdown(f"**{t('trajectories.methods_heading', lang)}**")
    st.markdown(texts["methods"])
    st.caption(t("trajectories.methods_help", lang))

# 4. Every target and actual in view, as a table and as CSV. The table is drawn once opened:
# a data grid delays the chart above it by about half a second in the browser.
st.subheader(t("trajectories.table_heading", lang))
table = views.trajectory_table(data_key, indicator_id, tuple(region_codes), method, lang)
headers = trajectory.table_headers(lang)
with st.expander(
    t("trajectories.table_open", lang, rows=len(table)), key=TABLE_KEY, on_change="rerun"
) as table_box:
    if table_box.open:
        st.dataframe(
            views.trajectory_grid(data_key, indicator_id, tuple(region_codes), method, lang),
            hide_index=True,
            column_config={
                headers["link"]: st.column_config.LinkColumn(
                    headers["link"], display_text=t("trajectories.link_text", lang)
                ),
                headers["value"]: st.column_config.NumberColumn(headers["value"], format="%g"),
                headers["year"]: st.column_config.NumberColumn(headers["year"], format="%d"),
            },
        )
export_menu(
    None,
    lambda: trajectory.export_table(table, lang),
    f"trajectory_{indicator_id}_{'-'.join(region_codes)}",
    lang,
)
