"""Presenter mode, sharing, saved views and the slideshow: the Streamlit side.

Presenter mode (the sidebar toggle, or ``?present=1`` in a link) hides the sidebar, the
header and every control, enlarges type, uses the full width, and gives charts and maps a
title, subtitle, legend and source line on the visual itself. The language and the mode
stay in the URL across page switches (like lib.ui.state.remember_language).

How a page takes part (app.py already does the global parts: toggle, layout, slideshow bar):

    with controls():                    # wrap the lines that create the page's widgets
        left, right = st.columns(2)     # (widgets later added to these columns are inside)
    page_tools("<page>", lang)          # after the page's last set_url_params, before any
                                        # st.stop: copy link + save this view (sidebar)
    show_chart(chart, title=..., subtitle=..., source=..., name="<file stem>", lang=lang,
               frame=data_behind)       # instead of st.altair_chart(chart): presenter
                                        # layout on screen + PNG/SVG/CSV/XLSX buttons
    export_menu(lambda: static_map(...), frame, "<file stem>", lang)   # a map's exports
    with map_frame(title, subtitle, None, lang):   # around st.pydeck_chart: in presenter
        st.pydeck_chart(...)                       # mode a frame with title and subtitle

Titles and sources: image_export.presentation_subtitle(regions, years, unit, lang) and
image_export.source_line(plans, plan_ids, lang).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.dataframe_util import convert_anything_to_arrow_bytes as arrow_bytes

from lib import saved_views
from lib.i18n import DEFAULT_LANGUAGE, t
from lib.image_export import for_screen, for_theme, with_presentation
from lib.markdown import markdown_text
from lib.ui import data
from lib.ui.state import LANGUAGE_KEY, follow_url, remember_url, set_url_params

PRESENT_KEY = "ui_present"  # this session's choice, used when the URL does not say
TOGGLE_KEY = "presenter_toggle"
GO_KEY = "slideshow_go"  # a slideshow button's request, acted on in the next run
# Kept when a slide opens: everything else is page state, reset so each slide opens as
# its link would in a new tab.
KEEP_ON_SLIDE = (LANGUAGE_KEY, PRESENT_KEY, TOGGLE_KEY, f"{TOGGLE_KEY}.url")
CONTROLS_PREFIX = "controls"

PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"],
[class*="st-key-controls-"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
  max-width: 100% !important; padding: 1.2rem 2.5rem 2rem 2.5rem !important;
}
[data-testid="stMain"] { font-size: 1.3rem; }
[data-testid="stMain"] h1 { font-size: 3rem !important; }
[data-testid="stMain"] h2 { font-size: 2.3rem !important; }
[data-testid="stMain"] h3 { font-size: 1.8rem !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.3rem; }
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.1rem; }
[data-testid="stMain"] [data-testid="stMetricValue"],
[data-testid="stMain"] [data-testid="stMetricValue"] div { font-size: 2.8rem !important; }
[data-testid="stMain"] [data-testid="stTab"] p { font-size: 1.2rem; }
[data-testid="stMain"] [data-testid="stPageLink"] p { font-size: 1.2rem; }
.st-key-presenter-exit { position: fixed; top: 0.4rem; right: 1rem; z-index: 999990;
  width: auto !important; opacity: 0.55; }
.st-key-presenter-exit:hover { opacity: 1; }
.st-key-slideshow { border-bottom: 1px solid rgba(128, 128, 128, 0.35); padding-bottom: 0.4rem; }
.st-key-slideshow h2 { padding: 0 !important; }
</style>
"""


# ---------------------------------------------------------------------------------------
# Presenter mode


def presenter_mode() -> bool:
    """Whether presenter mode is on: ?present= when given, else this session's choice."""
    if "present" in st.query_params:
        return st.query_params.get("present") == "1"
    return bool(st.session_state.get(PRESENT_KEY, False))


def remember_presenter(on: bool) -> None:
    """Keep the mode for this session and in the URL (off, the default, stays implicit)."""
    st.session_state[PRESENT_KEY] = on
    set_url_params(present="1" if on else None)


def presenter_toggle(lang: str) -> bool:
    """The sidebar switch for presenter mode (follows ?present=1); whether it is on."""
    follow_url(TOGGLE_KEY, presenter_mode())
    on = st.sidebar.toggle(
        t("sidebar.presenter", lang),
        key=TOGGLE_KEY,
        help=t("presenter.toggle_help", lang),
    )
    remember_presenter(on)
    remember_url(**{TOGGLE_KEY: on})
    return on


def _leave_presenter_mode() -> None:
    st.session_state[TOGGLE_KEY] = False
    st.session_state[PRESENT_KEY] = False
    if "present" in st.query_params:
        del st.query_params["present"]


def apply_presenter_layout(lang: str) -> None:
    """Hide sidebar, header and controls, enlarge type, use the full width; an exit button."""
    st.html(PRESENTER_CSS)
    if "slide" not in st.query_params:  # the slideshow bar has its own way out
        with st.container(key="presenter-exit"):
            st.button(
                t("presenter.exit", lang),
                icon=":material/close_fullscreen:",
                type="tertiary",
                on_click=_leave_presenter_mode,
                key="presenter-exit-button",
            )


@contextmanager
def controls(name: str = "main", horizontal: bool = False) -> Iterator[object]:
    """A container for a page's widgets, hidden in presenter mode (name: unique per page)."""
    with st.container(key=f"{CONTROLS_PREFIX}-{name}", horizontal=horizontal) as box:
        yield box


def screen_theme() -> str:
    """The theme the viewer sees: "dark" or "light"."""
    theme = getattr(st.context, "theme", None)
    return "dark" if getattr(theme, "type", None) == "dark" else "light"


# ---------------------------------------------------------------------------------------
# Charts and maps


def show_chart(
    chart: alt.TopLevelMixin | Callable[[], alt.TopLevelMixin],
    *,
    title: str,
    subtitle: str | list[str] | None,
    source: str | list[str] | None,
    name: str,
    lang: str,
    frame: pd.DataFrame | None = None,
    width: str | int | None = None,
    cache_key: Hashable | None = None,
) -> None:
    """Draw a chart, with title, subtitle and source on it in presenter mode, and its exports.

    The PNG/SVG carry the title, subtitle, legend and source whatever the mode; frame is
    the data behind the chart (CSV/XLSX). name: file name stem, unique on the page.
    chart may be a function that builds it; with a cache_key that says everything the
    chart shows (the data key included), its Vega-Lite spec is built and validated once
    per key instead of on every run (about 0.1 s per chart).
    """
    from lib.ui.export import export_menu  # lib.ui.export uses controls() from here

    build = chart if callable(chart) else lambda: chart
    draw_chart(
        build, title=title, subtitle=subtitle, source=source, width=width, cache_key=cache_key
    )
    # The picture is made only when someone downloads it (with_presentation copies the chart).
    export_menu(lambda: with_presentation(build(), title, subtitle, source), frame, name, lang)


def draw_chart(
    chart: alt.TopLevelMixin | Callable[[], alt.TopLevelMixin],
    *,
    title: str,
    subtitle: str | list[str] | None,
    source: str | list[str] | None,
    width: str | int | None = None,
    cache_key: Hashable | None = None,
) -> None:
    """Draw a chart as show_chart does, without its download buttons (for small multiples,
    whose pictures one menu offers)."""
    build = chart if callable(chart) else lambda: chart
    presenting, theme = presenter_mode(), screen_theme()
    if cache_key is None:
        shown = _on_screen(build(), presenting, theme, title, subtitle, source)
        st.altair_chart(shown, **_draw(presenting, width))
    else:
        spec = _chart_spec(cache_key, presenting, theme, title, subtitle, source, _build=build)
        st.vega_lite_chart(spec, **_draw(presenting, width))


def _on_screen(
    chart: alt.TopLevelMixin,
    presenting: bool,
    theme: str,
    title: str,
    subtitle: str | list[str] | None,
    source: str | list[str] | None,
) -> alt.TopLevelMixin:
    if presenting:
        return for_screen(chart, title, subtitle, source, theme=theme)
    return for_theme(chart, theme)


def _draw(presenting: bool, width: str | int | None) -> dict:
    # Presenter mode draws without Streamlit's theme, whose small type would cover the chart's.
    return {"width": width, "theme": None if presenting else "streamlit"}


@data.shared_cache(max_entries=256)
def _chart_spec(
    cache_key: Hashable,
    presenting: bool,
    theme: str,
    title: str,
    subtitle: str | list[str] | None,
    source: str | list[str] | None,
    _build: Callable[[], alt.TopLevelMixin],
) -> dict:
    spec = _on_screen(_build(), presenting, theme, title, subtitle, source).to_dict()
    # Streamlit converts each table of a spec to Arrow on every draw unless it already is
    # Arrow bytes; convert once here (3 ms a chart). Shared between runs, not copied:
    # st.vega_lite_chart moves the tables out of its own copy of the spec's top level.
    spec["datasets"] = {
        name: arrow_bytes(rows) if is_table(rows) else rows
        for name, rows in spec.get("datasets", {}).items()
    }
    return spec


def is_table(rows: object) -> bool:
    """Whether a Vega-Lite dataset is a table of records (not GeoJSON features)."""
    return isinstance(rows, list) and not (rows and "geometry" in rows[0])


@contextmanager
def map_frame(
    title: str,
    subtitle: str | None,
    source: str | None,
    lang: str,
    key: str = "map",
) -> Iterator[object]:
    """Around an interactive map: in presenter mode a frame with title and subtitle above
    the map and the source line under it (the legend is the page's, beside the map)."""
    if not presenter_mode():
        with st.container() as box:
            yield box
        return
    with st.container(border=True, key=f"presenter-frame-{key}") as box:
        st.subheader(markdown_text(title), anchor=False)
        if subtitle:
            st.markdown(markdown_text(subtitle))
        yield box
        if source:
            st.caption(markdown_text(source))


# ---------------------------------------------------------------------------------------
# Copy link and saved views (in the sidebar: hidden while presenting)


def app_root(page_key: str) -> str:
    """The app's address without page path or query, as the browser sees it."""
    url = st.context.url  # the app's address plus the current page's path, no query
    if url:
        parts = urlsplit(url)
        path = parts.path.rstrip("/").removesuffix(f"/{page_key}")
        return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    host = st.context.headers.get("Host") if st.context.headers else None
    return f"http://{host}" if host else ""


def current_query() -> str:
    """The view's own query string, as the URL holds it now."""
    return saved_views.view_query(st.query_params.to_dict())


def copy_link(page_key: str, lang: str) -> str:
    """A "Copy link" button that shows the link reopening this view, with a copy button; the link.

    In a popover beside "Save view" because st.code makes the browser load its syntax
    highlighter (about 0.5 s on this machine); the popover draws it only when opened.
    """
    link = saved_views.share_link(app_root(page_key), page_key, current_query(), lang)
    with st.popover(t("presenter.copy_link_button", lang), icon=":material/link:"):
        st.caption(t("presenter.copy_link", lang))
        st.code(link, language=None, wrap_lines=True)
    return link


def save_view_control(page_key: str, lang: str) -> None:
    """A "Save view" button that shows a name field and a button saving this view for the
    slideshow (in a popover, drawn only when opened: drawn at once the form cost every page
    about 0.1 s in the browser)."""
    with (
        st.popover(t("presenter.save_open", lang), icon=":material/bookmark_add:"),
        st.form("presenter-save-view", clear_on_submit=True, border=False),
    ):
        name = st.text_input(
            t("presenter.save_name", lang),
            placeholder=t("presenter.save_placeholder", lang),
            max_chars=saved_views.MAX_NAME,
        )
        submitted = st.form_submit_button(t("presenter.save", lang), icon=":material/bookmark_add:")
    if submitted:
        name = name.strip() or t(f"page.{page_key}", lang)
        try:
            saved_views.save_view(data.engine(), name, page_key, current_query())
        except saved_views.SavedViewError as error:
            st.sidebar.error(t("presenter.save_failed", lang, error=error.code))
        else:
            total = len(saved_views.list_views(data.engine()))
            st.toast(t("presenter.saved", lang, name=name, n=total), icon=":material/bookmark:")


def page_tools(page_key: str, lang: str, save: bool = True) -> None:
    """Copy link and save-this-view in the sidebar; call after the page wrote its URL state."""
    st.sidebar.divider()
    st.sidebar.markdown(f"**{t('presenter.share_heading', lang)}**")
    with st.sidebar.container(horizontal=True):
        copy_link(page_key, lang)
        if save:
            save_view_control(page_key, lang)


# ---------------------------------------------------------------------------------------
# Slideshow


def _lang_param(lang: str) -> dict[str, str]:
    return {} if lang == DEFAULT_LANGUAGE else {"lang": lang}


def slide_target(views: pd.DataFrame, n: int, lang: str) -> tuple[str, dict[str, str]]:
    """The page script and query params that show slide n (1-based) of the saved views."""
    view = views.iloc[n - 1]
    params = {**saved_views.query_params(view["query"]), "slide": str(n), "present": "1"}
    return f"app_pages/{view['page']}.py", {**params, **_lang_param(lang)}


def _reset_page_state() -> None:
    for key in list(st.session_state.keys()):
        if key not in KEEP_ON_SLIDE:
            del st.session_state[key]


def _request_end() -> None:
    _reset_page_state()
    _leave_presenter_mode()
    st.session_state[GO_KEY] = 0


def request_slide(n: int) -> None:
    """Button callback: open slide n (1-based) in the next run, with fresh page state."""
    _reset_page_state()
    st.session_state[GO_KEY] = n


def go_to_slide(n: int, lang: str) -> None:
    """Open slide n (1-based) of the saved views, in presenter mode."""
    views = saved_views.list_views(data.engine())
    if 1 <= n <= len(views):
        page, params = slide_target(views, n, lang)
        st.switch_page(page, query_params=params)


def slideshow_bar(lang: str) -> None:
    """While ?slide=N is in the URL: the slide's caption and previous/next/end buttons
    (keys ← → and Esc) at the top of the page. Called by app.py before the page runs."""
    go = st.session_state.pop(GO_KEY, None)
    if go == 0:
        st.switch_page("app_pages/slides.py", query_params=_lang_param(lang))
    if go:
        go_to_slide(go, lang)
    raw = st.query_params.get("slide")
    if raw is None:
        return
    views = saved_views.list_views(data.engine())
    total = len(views)
    n = int(raw) if raw.isdigit() else 0
    with st.container(key="slideshow", horizontal=True, vertical_alignment="center"):
        if not 1 <= n <= total:
            st.warning(t("presenter.slide_missing", lang, n=raw, total=total))
            st.button(t("presenter.end_show", lang), key="slide-end", on_click=_request_end)
            return
        st.button(
            t("presenter.previous", lang),
            icon=":material/arrow_back:",
            disabled=n <= 1,
            key="slide-previous",
            shortcut="Left",
            on_click=request_slide,
            args=(n - 1,),
        )
        st.button(
            t("presenter.next", lang),
            icon=":material/arrow_forward:",
            disabled=n >= total,
            key="slide-next",
            shortcut="Right",
            on_click=request_slide,
            args=(n + 1,),
        )
        with st.container(width="stretch"):
            st.header(markdown_text(str(views.iloc[n - 1]["name"])), anchor=False)
        st.caption(t("presenter.slide_of", lang, n=n, total=total))
        st.button(
            t("presenter.end_show", lang),
            icon=":material/stop_circle:",
            key="slide-end",
            shortcut="Escape",
            on_click=_request_end,
            help=t("presenter.keys_hint", lang),
        )


# ---------------------------------------------------------------------------------------
# Slides page helpers


def error_text(error: saved_views.SavedViewError, lang: str) -> str:
    """A saved-view error in words (its reason too, for a bad view in a file)."""
    details = dict(error.details)
    if "reason" in details:
        details["reason"] = t(f"slides.error.{details['reason']}", lang, **details)
    return t(f"slides.error.{error.code}", lang, **details)


IMPORT_RESULT_KEY = "slides_import_result"


def import_saved_views(file_key: str, replace_key: str, lang: str) -> None:
    """Button callback: import the uploaded JSON file; the outcome waits in session state."""
    uploaded = st.session_state.get(file_key)
    if uploaded is None:
        st.session_state[IMPORT_RESULT_KEY] = ("error", t("slides.import_needs_file", lang))
        return
    try:
        count = saved_views.import_json(
            data.engine(), uploaded.getvalue(), replace=bool(st.session_state.get(replace_key))
        )
    except saved_views.SavedViewError as error:
        message = t("slides.import_error", lang, error=error_text(error, lang))
        st.session_state[IMPORT_RESULT_KEY] = ("error", message)
    else:
        st.session_state[IMPORT_RESULT_KEY] = ("success", t("slides.imported", lang, n=count))


def show_import_result() -> None:
    """The outcome of the last import, once."""
    result = st.session_state.pop(IMPORT_RESULT_KEY, None)
    if result:
        kind, message = result
        (st.success if kind == "success" else st.error)(message)
