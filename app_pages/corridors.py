"""Corridors: where each corridor lies, who belongs to it, and what the plans say and promise."""

import streamlit as st

from lib import corridors as cor
from lib.i18n import name_column, t
from lib.maps import corridors as corridor_map
from lib.maps.deck import selection_signature
from lib.markdown import markdown_text
from lib.progress import badge
from lib.ui import data, views
from lib.ui.export import export_menu
from lib.ui.layout import app_page, html_block, page_title
from lib.ui.presenter import controls, map_frame, page_tools
from lib.ui.state import current_language, set_url_params, url_param

MAP_KEY = "corridor_map"
FOCUS_KEY = "corridors_focus"
SECONDARY_KEY = "corridors_secondary"
LAST_SELECTION_KEY = "corridors_last_selection"  # the map selection already acted on
CLICKS_KEY = "corridors_clicks"  # handled clicks: renames the pickable layers (build_deck)
PICK_KEY = "corridors_pick"  # the member or platform clicked last
OVERVIEW_KEY = "corridors_overview_open"

lang = current_language()
data_key = data.data_key()  # one data version for the whole run
page_title("corridors", lang)
st.caption(t("corridors.intro", lang))
names = name_column(lang)
short = "short_en" if lang == "en" else "short_zh"
link_lang = {"lang": lang} if lang == "en" else {}

corridors, members, platforms = data.corridors(), data.corridor_members(), data.platforms()
regions, targets, indicators = data.regions(), data.targets(), data.indicators()
plans = data.plans()
plan_names = dict(zip(plans["id"], plans[short], strict=True))
if corridors.empty:
    st.info(t("common.no_data", lang))
    st.stop()
info = corridors.set_index("id")
corridor_names = dict(zip(corridors["id"], corridors[names], strict=True))
primary, secondary_layer = cor.primary_ids(corridors), cor.secondary_ids(corridors)

# The view comes from the URL; a click on the map (acted on once) chooses a corridor.
view = cor.read_view(
    corridors, url_param("corridors") or None, url_param("focus"), url_param("secondary")
)
selection = st.session_state.get(MAP_KEY)
signature = selection_signature(selection)
if signature and signature != st.session_state.get(LAST_SELECTION_KEY):
    pick = cor.picked(selection)
    if pick is not None:
        st.session_state[FOCUS_KEY] = pick.corridor_id
        st.session_state[PICK_KEY] = pick
        st.session_state[CLICKS_KEY] = st.session_state.get(CLICKS_KEY, 0) + 1
st.session_state[LAST_SELECTION_KEY] = signature

# Controls: the three main corridors and the secondary layer; the corridor is chosen
# in the panel (or by a click on the map).
with controls("layers"):  # hidden in presenter mode, like the focus choice below
    switches = st.columns(len(primary) + 1, vertical_alignment="center")
shown = [
    cid
    for column, cid in zip(switches, primary, strict=False)
    if column.checkbox(
        markdown_text(corridor_names[cid]), value=cid in view.shown, key=f"corridors_show_{cid}"
    )
]
st.session_state.setdefault(SECONDARY_KEY, view.secondary)
show_secondary = switches[-1].toggle(
    t("corridors.secondary", lang), key=SECONDARY_KEY, help=t("corridors.secondary_help", lang)
)
map_column, panel_column = st.columns([5, 3], gap="large")
panel = panel_column.container(key=cor.PANEL_KEY)
html_block(cor.PANEL_CSS)
st.session_state.setdefault(FOCUS_KEY, view.focus)
with panel, controls("focus"):
    focus = st.selectbox(
        t("corridors.focus", lang),
        ["", *primary, *secondary_layer],
        key=FOCUS_KEY,
        format_func=lambda cid: corridor_names[cid] if cid else t("corridors.focus_none", lang),
    )
view = cor.View(
    shown=(*shown, *(c for c in view.shown if c in secondary_layer)),
    secondary=show_secondary,
    focus=focus,
)
set_url_params(**cor.view_params(view))
page_tools("corridors", lang)
visible = cor.visible_ids(corridors, view)
pick = st.session_state.get(PICK_KEY)
if pick is not None and pick.corridor_id != view.focus:
    pick = None  # the last click was on another corridor

map_title = t("page.corridors", lang)
focus_name = corridor_names[view.focus] if view.focus else None
with map_column, map_frame(map_title, focus_name, None, lang):
    st.pydeck_chart(
        views.corridor_deck(
            data_key,
            tuple(visible),
            view.focus,
            lang,
            layer_suffix=f"~{st.session_state.get(CLICKS_KEY, 0)}",
            picked_region=pick.region_code if pick else "",
            picked_platform=pick.platform_id if pick else "",
        ),
        on_select="rerun",
        selection_mode="single-object",
        key=MAP_KEY,
        height=corridor_map.MAP_HEIGHT,
        alt=t("corridors.map_alt", lang),
    )
    st.caption(t("corridors.map_hint", lang))
    legend = views.corridor_legend(data_key, tuple(visible), lang)
    for column, block in zip(st.columns(3), legend, strict=True):
        with column:
            html_block(block)
    st.caption(t("corridors.source_line", lang))
    export_menu(
        lambda: corridor_map.static_map(
            corridors, members, platforms, visible, lang, focus=view.focus
        ),
        lambda: cor.map_rows(members, platforms, regions, visible),
        f"corridors-{view.focus or 'all'}",
        lang,
    )

with panel:
    if not view.focus:
        st.info(t("corridors.pick_prompt", lang))
        # Drawn once opened: its data grid delayed the map beside it by 0.3-0.5 s in the
        # browser (interleaved loads), as the Hangzhou page's table did. A fixed label, so
        # that it stays open while corridors are switched on and off.
        with st.expander(
            t("corridors.overview_open", lang), key=OVERVIEW_KEY, on_change="rerun"
        ) as overview_box:
            if overview_box.open:
                st.dataframe(
                    views.corridor_summary(data_key, tuple(visible), lang), hide_index=True
                )
        st.stop()

    corridor = info.loc[view.focus]
    own_members = cor.members_of(members, regions, view.focus)
    own_platforms = cor.platforms_of(platforms, regions, view.focus)
    st.subheader(markdown_text(corridor[names]))
    if pick is not None and pick.platform_id in set(own_platforms["id"]):
        chosen = own_platforms.set_index("id").loc[pick.platform_id]
        st.text(
            t(
                "corridors.picked_platform",
                lang,
                name=chosen[names],
                type=corridor_map.type_label(chosen["type"], lang),
                precision=corridor_map.precision_label(chosen["precision"], lang),
            )
        )
    elif pick is not None and pick.region_code in set(own_members["region_code"]):
        chosen = own_members[own_members["region_code"] == pick.region_code].iloc[0]
        role = corridor_map.role_label(chosen["role"], lang)
        st.text(t("corridors.picked_member", lang, name=chosen[names], role=role))
    st.caption(t("corridors.summary_note", lang))
    st.text(corridor["description_en" if lang == "en" else "description_zh"])

    st.markdown(f"**{t('corridors.says', lang)}**")
    sources_page = app_page("sources")
    texts = cor.source_texts([corridor["source"], *own_members["source"], *own_platforms["source"]])
    said = cor.statements({**corridor, "id": view.focus}, own_members, own_platforms, texts, lang)
    for row in said.itertuples():
        st.page_link(
            sources_page,
            label=markdown_text(row.quote),
            icon=":material/format_quote:",
            query_params={**cor.sources_query(row.source, row.snippet), **link_lang},
        )
        plan = plan_names.get(row.source, row.source)
        st.caption(markdown_text(t("corridors.says_about", lang, plan=plan, about=row.about)))

    st.markdown(f"**{t('corridors.members', lang)}**")
    st.dataframe(
        {
            t("corridors.col_role", lang): [
                corridor_map.role_label(role, lang) for role in own_members["role"]
            ],
            t("corridors.col_region", lang): own_members[names],
            t("corridors.col_part", lang): own_members[f"part_{lang}"].fillna(""),
            t("corridors.col_basis", lang): [
                t(f"corridors.basis.{basis}", lang) for basis in own_members["basis"]
            ],
            t("corridors.col_note", lang): own_members["note"].fillna(""),
        },
        hide_index=True,
    )

    st.markdown(f"**{t('corridors.platforms', lang)}**")
    if own_platforms.empty:
        st.caption(t("corridors.no_platforms", lang))
    else:
        st.dataframe(
            {
                t("corridors.col_platform", lang): own_platforms[names],
                t("corridors.col_type", lang): [
                    corridor_map.type_label(kind, lang) for kind in own_platforms["type"]
                ],
                t("corridors.col_region", lang): own_platforms[f"region_{names}"].fillna(""),
                t("corridors.col_location", lang): [
                    corridor_map.precision_label(p, lang) for p in own_platforms["precision"]
                ],
                t("corridors.col_basis", lang): [
                    t(f"corridors.basis.{basis}", lang) for basis in own_platforms["basis"]
                ],
            },
            hide_index=True,
        )

    st.markdown(f"**{t('corridors.targets', lang)}**")
    own_targets = cor.corridor_targets(targets, view.focus, corridors["id"].tolist())
    own_actuals = cor.corridor_actuals(data.actuals(note_contains=view.focus), view.focus)
    assessed = cor.assessed_targets(own_targets, own_actuals, indicators)
    if assessed.empty:
        st.caption(t("corridors.no_targets", lang))
    for row in assessed.to_dict("records"):
        st.page_link(
            sources_page,
            label=markdown_text(cor.figure_label(row, lang)),
            icon=":material/flag:",
            query_params={"target": row["id"], **link_lang},
        )
        status = badge(row["status"], lang)["label"]
        plan = plan_names.get(row["plan_id"], row["plan_id"])
        st.caption(markdown_text(t("corridors.target_meta", lang, plan=plan, status=status)))
    if not assessed.empty:
        st.caption(t("corridors.attainment_note", lang))

    past = cor.baselines(own_targets, indicators)
    if len(past):
        st.markdown(f"**{t('corridors.baselines', lang)}**")
        for row in past.to_dict("records"):
            st.page_link(
                sources_page,
                label=markdown_text(cor.figure_label(row, lang)),
                icon=":material/history:",
                query_params={"target": row["id"], **link_lang},
            )
