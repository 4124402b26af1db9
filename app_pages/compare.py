"""Plan comparison: two to four plans side by side, indicator by indicator and theme by theme."""

import streamlit as st

from lib import comparison as cmp
from lib.charts.compare import shared_indicator_chart, shared_indicators_chart
from lib.i18n import name_column, t
from lib.image_export import with_presentation
from lib.markdown import markdown_text
from lib.source_reader import read_source
from lib.ui import data, views
from lib.ui.export import export_menu
from lib.ui.layout import app_page, page_title, shown_table_columns
from lib.ui.presenter import controls, draw_chart, page_tools
from lib.ui.state import (
    current_language,
    follow_url,
    remember_url,
    set_url_params,
    url_list,
    url_param,
)

lang = current_language()
data_key = data.data_key()  # one data version for the whole run
page_title("compare", lang)
st.caption(t("compare.intro", lang))
names = name_column(lang)
lang_param = {"lang": lang} if lang == "en" else {}

# --- URL state and the plan picker --------------------------------------------------------
plans = views.compare_plans(data_key, lang)
plan_labels = plans.labels
requested = url_list("plans") if "plans" in st.query_params else None
follow_url("compare_plans", cmp.chosen_plans(requested, plans.ids))
with controls("plans"):
    chosen = st.multiselect(
        t("compare.plans", lang),
        plans.ids,
        max_selections=cmp.MAX_PLANS,
        format_func=plan_labels.get,
        placeholder=t("compare.plans_placeholder", lang),
        key="compare_plans",
    )
    presets = st.columns([1, 4, 4, 2], vertical_alignment="center")
    presets[0].caption(t("compare.presets", lang))
    for column, (preset, preset_plans) in zip(presets[1:], cmp.PRESETS.items(), strict=False):
        # A button, not a link to this same page: such a link leaves the old query string in
        # the address bar. The callback sets the picker before it is drawn.
        column.button(
            t(f"compare.preset_{preset}", lang),
            icon=":material/compare_arrows:",
            type="tertiary",
            on_click=st.session_state.__setitem__,
            args=("compare_plans", list(preset_plans)),
        )
if len(chosen) < cmp.MIN_PLANS:
    set_url_params(plans=chosen or None)
    remember_url(compare_plans=chosen)
    page_tools("compare", lang)
    st.info(t("compare.pick_two", lang))
    st.stop()
region_labels = {p: plans.regions[p] for p in chosen}
for plan_id in chosen:
    st.caption(
        t(
            "compare.plan_line",
            lang,
            plan=plan_labels[plan_id],
            region=region_labels[plan_id],
            period=plans.periods[plan_id],
        )
    )

# --- Alignment (all logic in lib.comparison) ----------------------------------------------
_, _, aligned = views.compare_alignment(data_key, tuple(chosen))

with controls("filters"):
    filters = st.columns(2)
present = views.compare_categories(data_key, tuple(chosen))
follow_url("compare_category", [c for c in url_list("category") if c in present])
categories = filters[0].multiselect(
    t("compare.categories", lang),
    present,
    format_func=lambda c: t(f"compare.category_{c}", lang),
    help=t("compare.categories_help", lang),
    placeholder=t("compare.categories_placeholder", lang),
    key="compare_category",
)
follow_url("compare_rows", url_param("rows") if url_param("rows") in cmp.ROW_FILTERS else "all")
row_filter = filters[1].selectbox(
    t("compare.rows", lang),
    cmp.ROW_FILTERS,
    format_func=lambda r: t(f"compare.rows_{r}", lang),
    key="compare_rows",
)
shown = cmp.filter_aligned(aligned, categories, row_filter)
in_categories = cmp.filter_aligned(aligned, categories)

view_labels = {view: t(f"compare.tab_{view}", lang) for view in cmp.VIEWS}
view_key = f"compare_view_{lang}"  # the tabs hold a label, so one key per language
follow_url(view_key, view_labels.get(url_param("view"), view_labels["aligned"]))
tabs = st.tabs(list(view_labels.values()), key=view_key, on_change="rerun")
# Only the open tab is built: each costs the browser time, the charts and tables most.
view = next((v for v, tab in zip(cmp.VIEWS, tabs, strict=True) if tab.open), "aligned")
set_url_params(
    plans=chosen,
    category=categories or None,
    rows=None if row_filter == "all" else row_filter,
    view=None if view == "aligned" else view,
)
remember_url(
    compare_plans=chosen,
    compare_category=categories,
    compare_rows=row_filter,
    **{view_key: view_labels[view]},
)
open_tab = dict(zip(cmp.VIEWS, tabs, strict=True))[view]

# --- Aligned indicators -------------------------------------------------------------------
if view == "aligned":
    with open_tab:
        st.write(
            t(
                "compare.summary",
                lang,
                total=len(in_categories),
                shared=int(in_categories["shared"].sum()),
                differs=int((in_categories["status"] == "differs").sum()),
                only=int((in_categories["status"] == "only").sum()),
            )
        )
        st.caption(t("compare.how_to_read", lang))
        if shown.empty:
            st.info(t("compare.no_rows", lang))
        else:
            aligned_view = views.compare_aligned_view(
                data_key,
                tuple(chosen),
                tuple(categories),
                row_filter,
                plan_labels,
                region_labels,
                lang,
            )
            st.dataframe(
                aligned_view.table,
                hide_index=True,
                column_config={
                    t("compare.col_indicator", lang): st.column_config.TextColumn(
                        width=290, pinned=True
                    ),
                    t("compare.col_category", lang): st.column_config.TextColumn(width=70),
                    t("compare.col_unit", lang): st.column_config.TextColumn(width=50),
                    **shown_table_columns(aligned_view, marker_width=265, link_width=190),
                },
                key="compare_aligned",
            )
            export_menu(
                None,
                lambda: cmp.export_table(shown, chosen, plan_labels, region_labels, lang),
                "compare-aligned",
                lang,
                t("compare.export_sheet", lang),
            )
        for row in views.compare_excluded(data_key, tuple(chosen)).itertuples():
            if row.other_regions or row.assigned:
                st.caption(
                    t(
                        "compare.excluded",
                        lang,
                        plan=plan_labels[row.plan_id],
                        other=row.other_regions,
                        assigned=row.assigned,
                    )
                )

# --- Ambition and pace of the shared indicators: each plan's figures, the paces they imply
pace = None
if view in ("ambition", "pace"):
    if in_categories["shared"].any():
        pace = views.compare_paces(
            data_key, tuple(chosen), tuple(categories), plan_labels, region_labels, lang
        )
    else:
        open_tab.info(t("compare.no_shared", lang))

if view == "ambition" and pace is not None:
    with open_tab:
        st.subheader(t("compare.charts_heading", lang))
        order = [plan_labels[p] for p in chosen]
        charted = pace.charted
        follow_url("compare_charts", url_param("charts") == "all")
        with controls("charts"):
            show_all = st.toggle(
                t("compare.charts_all", lang, n=len(charted)),
                disabled=len(charted) <= cmp.CHART_LIMIT,
                key="compare_charts",
            )
        set_url_params(charts="all" if show_all else None)
        remember_url(compare_charts=show_all)
        if not show_all:
            charted = charted[: cmp.CHART_LIMIT]
        drawn = {
            row["indicator_id"]: row
            for row in charted
            if not pace.points[row["indicator_id"]].empty
        }
        if drawn:
            # One chart with a panel per indicator and one legend above them: a dozen
            # charts took about 0.3 s longer to appear.
            draw_chart(
                lambda: shared_indicators_chart(
                    [
                        ([row[names], pace.subtitles[indicator_id]], pace.points[indicator_id])
                        for indicator_id, row in drawn.items()
                    ],
                    order,
                    lang,
                ),
                title=t("compare.charts_title", lang),
                subtitle=None,
                source=pace.source,
                cache_key=(data_key, tuple(drawn), tuple(chosen), lang),
            )
        # Each indicator's ambition sentence, in the panels' order: one list, not a
        # caption each (every element the tab draws delays its chart a little).
        if charted:
            st.caption(
                "\n".join(
                    "- "
                    + t(
                        "compare.ambition_of",
                        lang,
                        name=markdown_text(indicator[names]),
                        ambition=markdown_text(pace.ambition[indicator["indicator_id"]]),
                    )
                    for indicator in charted
                )
            )
        if drawn:
            # One download menu for the panels, for the indicator chosen in it: its
            # chart alone, with its legends.
            with controls("chart-download"):
                picked_id = st.selectbox(
                    t("compare.download_chart", lang),
                    list(drawn),
                    format_func=lambda indicator_id: drawn[indicator_id][names],
                    key="compare_download_chart",
                )
            picked = drawn[picked_id]
            export_menu(
                lambda: with_presentation(
                    shared_indicator_chart(
                        pace.points[picked_id], picked[names], picked["unit"], order, lang
                    ),
                    picked[names],
                    pace.subtitles[picked_id],
                    pace.source,
                ),
                pace.points[picked_id],
                f"compare-{picked_id}",
                lang,
            )

if view == "pace" and pace is not None:
    with open_tab:
        st.subheader(t("compare.pace_heading", lang))
        st.caption(t("compare.pace_method", lang))
        st.dataframe(
            pace.grid,
            hide_index=True,
            column_config={
                t("compare.col_indicator", lang): st.column_config.TextColumn(
                    width=200, pinned=True
                ),
                t("compare.col_baseline", lang): st.column_config.TextColumn(width=190),
                t("compare.col_pace", lang): st.column_config.TextColumn(width=220),
                t("compare.quote", lang): st.column_config.LinkColumn(
                    t("compare.quote", lang), display_text=t("compare.quote", lang)
                ),
            },
            key="compare_pace",
        )
        export_menu(None, pace.rows, "compare-pace", lang)

# --- Highlands, strategic fields, actions and their tasks --------------------------------
if view == "themes":
    with open_tab:
        themes = data.themes(tuple(chosen))
        for theme_type, heading in (("highland", "highlands"), ("field", "fields")):
            st.subheader(t(f"compare.{heading}", lang))
            theme_rows, listing = cmp.compare_themes(themes, chosen, theme_type)
            if not listing:
                st.caption(t("compare.none_listed", lang))
                continue
            missing = [plan_labels[p] for p in chosen if p not in listing]
            if missing:
                st.caption(
                    t("compare.not_listed", lang, plans=t("compare.list_sep", lang).join(missing))
                )
            if theme_type == "field":
                st.caption(t("compare.fields_note", lang))
            theme_view = cmp.theme_view(theme_rows, listing, plan_labels, lang)
            st.dataframe(
                theme_view.table,
                hide_index=True,
                column_config=shown_table_columns(theme_view),
                key=f"compare_{theme_type}",
            )

        st.subheader(t("compare.actions", lang))
        action_rows, listing = cmp.compare_themes(themes, chosen, "action")
        if not listing:
            st.caption(t("compare.none_listed", lang))
        else:
            missing = [plan_labels[p] for p in chosen if p not in listing]
            if missing:
                st.caption(
                    t("compare.not_listed", lang, plans=t("compare.list_sep", lang).join(missing))
                )
            action_view = cmp.theme_view(action_rows, listing, plan_labels, lang)
            st.dataframe(
                action_view.table,
                hide_index=True,
                column_config=shown_table_columns(action_view),
                key="compare_action",
            )
            lines = {plan_id: read_source(plan_id) for plan_id in listing}
            spans = cmp.task_spans(themes, lines)
            targets = data.targets()
            sources_page = app_page("sources")
            task_links = cmp.task_target_labels(
                cmp.task_targets(spans, targets, lines), targets, data.indicators(), lang
            )
            for n, action in enumerate(action_rows.to_dict("records")):
                title = cmp.theme_title(action, listing, lang)
                marker = cmp.theme_status_label(action, plan_labels, len(listing), lang)
                with st.expander(f"{n + 1}. {title} · {marker}", expanded=n == 0):
                    header = st.columns([1] + [3] * len(listing))
                    for column, plan_id in zip(header[1:], listing, strict=True):
                        column.markdown(f"**{plan_labels[plan_id]}**")
                    tasks = cmp.action_tasks(themes, listing, action["canonical"])
                    for task in tasks.to_dict("records"):
                        row = st.columns([1] + [3] * len(listing))
                        row[0].caption(
                            cmp.theme_status_label(task, plan_labels, len(listing), lang)
                        )
                        for column, plan_id in zip(row[1:], listing, strict=True):
                            code = task[f"{plan_id}:code"]
                            if not code:
                                column.caption(t("compare.task_absent", lang))
                                continue
                            column.markdown(f"**{cmp.theme_name(task, plan_id, lang)}**")
                            links = task_links.get((plan_id, code), [])
                            if not links:
                                column.caption(t("compare.task_targets_none", lang))
                            for label, target_id in links:
                                column.page_link(
                                    sources_page,
                                    label=label,
                                    icon=":material/format_quote:",
                                    query_params={"target": target_id, **lang_param},
                                )

page_tools("compare", lang)
