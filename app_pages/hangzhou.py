"""Hangzhou allocation: the 2024 district targets as a map, with the table, checks and details."""

import streamlit as st

from lib import allocation
from lib.i18n import name_column, t
from lib.maps import hangzhou as hz
from lib.maps.deck import selection_signature
from lib.maps.legend import legend_html
from lib.markdown import markdown_text
from lib.ui import data, views
from lib.ui.export import export_menu
from lib.ui.layout import page_title
from lib.ui.presenter import controls, map_frame, page_tools
from lib.ui.state import current_language, set_url_params, url_param

MAP_KEY = "hz_map"
LAST_SELECTION_KEY = "hz_map_last_selection"  # the map selection already acted on
CLICKS_KEY = "hz_map_clicks"  # handled clicks: renames the pickable layers (hz.deck)
TABLE_KEY = "hz_table_open"
WIDGET_KEYS = {name: f"hz_{name}" for name in hz.VIEW_KEYS}

lang = current_language()
data_key = data.data_key()  # one data version for the whole run
names_col = name_column(lang)
page_title("hangzhou", lang)

# The allocation table and what can be shown of it.
tables = views.allocation_tables(data_key)
table, district_frame = tables.table, tables.district_frame
if table.empty:
    st.info(t("hangzhou.no_table", lang))
    st.stop()
lookup = views.hangzhou_lookup(data_key, lang)
by_id, codes, names = lookup.indicators, lookup.codes, lookup.names
# Attainment can be shown once some district has an actual for the allocation's year.
can_attain = lookup.can_attain

# View state: from the URL when the page opens, then from the widgets (keyed, so that they
# keep their identity across reruns); a click on the map picks the district, once, and
# renames the map's pickable layers so that Streamlit does not grey the rest of the map.
url_view = {name: url_param(name) for name in hz.VIEW_KEYS}
widget_view = {
    name: st.session_state[key] for name, key in WIDGET_KEYS.items() if key in st.session_state
}
view = hz.valid_view({**url_view, **widget_view}, list(by_id), codes, can_attain)
selection = st.session_state.get(MAP_KEY)
picked = hz.selected_adcode(selection)
signature = selection_signature(selection)
clicked = signature != st.session_state.get(LAST_SELECTION_KEY, "")
st.session_state[LAST_SELECTION_KEY] = signature
view["district"] = hz.resolve_district(view["district"], picked, clicked, set(codes))
clicks = st.session_state.get(CLICKS_KEY, 0)
if clicked and picked:
    clicks = st.session_state[CLICKS_KEY] = clicks + 1
for name, key in WIDGET_KEYS.items():
    st.session_state[key] = view[name]

st.caption(t("hangzhou.intro", lang))
with controls():  # hidden in presenter mode, with the widgets later put in its columns
    c_indicator, c_mode, c_district, c_basemap = st.columns(
        [4, 3, 2, 2], vertical_alignment="bottom"
    )
indicator_id = c_indicator.selectbox(
    t("hangzhou.indicator", lang),
    list(by_id),
    key=WIDGET_KEYS["indicator"],
    format_func=lambda i: allocation.indicator_label(by_id[i], lang),
)
mode = c_mode.radio(
    t("hangzhou.mode", lang),
    hz.MODES,
    key=WIDGET_KEYS["mode"],
    format_func=lambda m: t(f"hangzhou.mode.{m}", lang),
    horizontal=True,
    disabled=not can_attain,
    help=t("hangzhou.mode.help", lang),
)
district = c_district.selectbox(
    t("hangzhou.district", lang),
    ["", *codes],
    key=WIDGET_KEYS["district"],
    format_func=lambda c: names[c] if c else t("hangzhou.district.none", lang),
)
basemap = c_basemap.toggle(
    t("hangzhou.basemap", lang), key=WIDGET_KEYS["basemap"], help=t("hangzhou.basemap.help", lang)
)
set_url_params(
    indicator=indicator_id, mode=mode, district=district, basemap="1" if basemap else None
)
page_tools("hangzhou", lang)

# The chosen indicator on the map.
indicator = by_id[indicator_id]
values, frame = views.hangzhou_map(data_key, indicator_id, mode, lang)
source = t("hangzhou.source", lang, plan=lookup.plan_title)
check = next(each for each in tables.checks if each.indicator_id == indicator_id)
static_title = t("hangzhou.static.title", lang, name=indicator[names_col])
static_subtitle = t(f"hangzhou.static.subtitle.{mode}", lang)

map_col, side_col = st.columns([2, 1], gap="medium")
with map_col, map_frame(static_title, static_subtitle, None, lang):
    st.pydeck_chart(
        views.hangzhou_deck(
            data_key,
            indicator_id,
            mode,
            lang,
            district,
            basemap,
            layer_suffix=f"~{clicks}" if clicks else "",
        ),
        on_select="rerun",
        selection_mode="single-object",
        key=MAP_KEY,
        height=hz.MAP_HEIGHT,
        alt=t("hangzhou.map_alt", lang, name=indicator[names_col]),
    )
    st.caption(markdown_text(source))
    export_menu(
        lambda: hz.static_map(frame, title=static_title, subtitle=static_subtitle, source=source),
        values,
        f"hangzhou-{indicator_id}-{mode}",
        lang,
    )
with side_col:
    st.markdown(
        legend_html(
            frame.title,
            frame.legend,
            note=hz.legend_note(frame, mode, lang),
            count_label=t("hangzhou.legend.count", lang),
        ),
        unsafe_allow_html=True,
    )
    if not can_attain:
        st.caption(t("hangzhou.mode.unavailable", lang))
    elif mode == hz.MODE_ATTAINMENT and values["actual"].isna().all():
        st.info(t("hangzhou.mode.no_actuals_for_indicator", lang))
    for column, level in zip(st.columns(2), ("city", "province"), strict=True):
        label, figure = allocation.level_metric(indicator, level, lang)
        column.metric(label, figure)
    city_actual = views.hangzhou_city_actual(data_key, indicator_id)
    if mode == hz.MODE_ATTAINMENT and city_actual:
        st.metric(
            t("hangzhou.city_actual", lang),
            allocation.format_figure(city_actual["value"]),
            help=t("hangzhou.city_actual.batch", lang, batch=city_actual["batch_id"]),
        )
    st.markdown(f"**{t('hangzhou.section.check', lang)}**")
    sentence = markdown_text(allocation.check_sentence(check, names, lang))
    if check.consistent is False:
        st.warning(sentence)
    elif check.consistent:
        st.success(sentence)
    else:
        st.info(sentence)
    if district:
        with st.container(border=True, key="hz_detail"):
            st.subheader(markdown_text(names[district]))
            detail = allocation.district_detail(
                data.targets(),
                table,
                data.indicators(),
                district_frame,
                data.actuals(region_codes=(district,)),
                district,
            )
            st.caption(t("hangzhou.detail.targets", lang))
            for line in allocation.detail_lines(detail, lang):
                facts = markdown_text(" · ".join(line.facts))
                link = f"[{t('hangzhou.open_source', lang)}]({line.link})"
                st.markdown(f"**{markdown_text(line.title)}**  \n{facts} · {link}")
    else:
        st.caption(t("hangzhou.click_hint", lang))

# The static map for slides is the PNG/SVG download under the map, drawn on click.
# Below: the whole allocation table, drawn once opened (its two data grids delayed the map
# above them by about 0.3 s in the browser), and every indicator's consistency check.
with st.expander(
    t("hangzhou.table_open", lang, districts=len(codes), indicators=len(by_id)),
    key=TABLE_KEY,
    on_change="rerun",
) as table_box:
    if table_box.open:
        matrix, city_targets = views.hangzhou_tables_display(data_key, lang)
        st.dataframe(
            matrix,
            hide_index=True,
            height=36 * (len(tables.matrix) + 1) + 3,  # all districts without scrolling
        )
        st.caption(t("hangzhou.table.caption", lang))
        st.markdown(f"**{t('hangzhou.section.city', lang)}**")
        st.dataframe(city_targets, hide_index=True)
with st.expander(t("hangzhou.checks_open", lang, n=len(lookup.checks))):
    for label, sentence in lookup.checks:
        st.markdown(f"**{markdown_text(label)}**")
        st.text(sentence)
