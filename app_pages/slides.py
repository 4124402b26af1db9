"""Slides: the saved views in order, to reorder, share as JSON and show full screen."""

import streamlit as st

from lib import saved_views
from lib.i18n import t
from lib.markdown import markdown_text
from lib.ui import data
from lib.ui.layout import app_page, page_title
from lib.ui.presenter import import_saved_views, page_tools, request_slide, show_import_result
from lib.ui.state import current_language

FILE_KEY = "slides_import_file"
REPLACE_KEY = "slides_import_replace"

lang = current_language()
page_title("slides", lang)
st.caption(t("slides.intro", lang))
engine = data.engine()
page_tools("slides", lang, save=False)  # the list itself is no slide
lang_param = {"lang": lang} if lang == "en" else {}

# --- The saved views, in slideshow order ---------------------------------------------------
views = saved_views.list_views(engine)
if views.empty:
    st.info(t("slides.none", lang))
else:
    head = st.container(horizontal=True, vertical_alignment="center")
    head.button(
        t("slides.start", lang),
        type="primary",
        icon=":material/slideshow:",
        on_click=request_slide,
        args=(1,),
        key="slides-start",
    )
    head.caption(t("slides.count", lang, n=len(views)))
    for n, view in enumerate(views.to_dict("records"), start=1):
        row = st.container(
            border=True, horizontal=True, vertical_alignment="center", key=f"slides-view-{n}"
        )
        row.markdown(f"**{n}**")
        with row.container(width="stretch", gap=None):
            st.markdown(f"**{markdown_text(view['name'])}**")
            st.caption(
                markdown_text(
                    t("slides.page_label", lang, page=t(f"page.{view['page']}", lang))
                    + " · "
                    + (saved_views.describe_query(view["query"]) or t("slides.no_settings", lang))
                )
            )
        row.button(
            "",
            icon=":material/arrow_upward:",
            help=t("slides.up", lang),
            disabled=n == 1,
            on_click=saved_views.move_view,
            args=(engine, view["id"], -1),
            key=f"slides-up-{view['id']}",
        )
        row.button(
            "",
            icon=":material/arrow_downward:",
            help=t("slides.down", lang),
            disabled=n == len(views),
            on_click=saved_views.move_view,
            args=(engine, view["id"], 1),
            key=f"slides-down-{view['id']}",
        )
        row.page_link(
            app_page(view["page"]),
            label=t("slides.open", lang),
            icon=":material/open_in_new:",
            query_params={**saved_views.query_params(view["query"]), **lang_param},
        )
        row.button(
            t("slides.present_from", lang),
            icon=":material/play_arrow:",
            on_click=request_slide,
            args=(n,),
            key=f"slides-from-{view['id']}",
        )
        row.button(
            "",
            icon=":material/delete:",
            help=t("slides.delete", lang),
            on_click=saved_views.delete_view,
            args=(engine, view["id"]),
            key=f"slides-delete-{view['id']}",
        )

# --- Export and import as JSON -------------------------------------------------------------
st.subheader(t("slides.exchange", lang))
st.download_button(
    t("slides.export", lang),
    data=saved_views.export_json(engine),
    file_name="saved-views.json",
    mime="application/json",
    icon=":material/download:",
    disabled=views.empty,
    on_click="ignore",
)
st.file_uploader(t("slides.import_file", lang), type=["json"], key=FILE_KEY)
st.checkbox(t("slides.import_replace", lang), key=REPLACE_KEY)
st.button(
    t("slides.import", lang),
    icon=":material/upload:",
    on_click=import_saved_views,
    args=(FILE_KEY, REPLACE_KEY, lang),
    key="slides-import",
)
show_import_result()
