"""Building blocks the pages share: the title line, source styles and honest empty states."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from lib.comparison import LINK_TEXT, ShownTable
from lib.i18n import t

# The source reader's highlights and numbered lines: only the sources page draws them, so only
# it loads them (raw HTML in markdown costs every page that has any an extra script).
SOURCE_STYLE = """
<style>
mark.quote { background: #ffe08a; padding: 0 2px; border-radius: 2px; }
mark.hit { background: #cde6ff; padding: 0 2px; border-radius: 2px; }
.source-line { font-size: 1.02rem; line-height: 1.8; margin: 0 0 0.35rem 0; }
.source-line .no { color: #8a8f98; font-size: 0.8rem; margin-right: 0.6rem; }
</style>
"""


# The app's pages: key (also its URL path), script (relative to app.py), icon. The first
# is the default page.
PAGES = [
    ("overview", "app_pages/overview.py", ":material/dashboard:"),
    ("trajectories", "app_pages/trajectories.py", ":material/show_chart:"),
    ("hangzhou", "app_pages/hangzhou.py", ":material/map:"),
    ("corridors", "app_pages/corridors.py", ":material/route:"),
    ("compare", "app_pages/compare.py", ":material/compare_arrows:"),
    ("upload", "app_pages/upload.py", ":material/upload_file:"),
    ("sources", "app_pages/sources.py", ":material/description:"),
    ("slides", "app_pages/slides.py", ":material/slideshow:"),
]
APP_DIR = Path(__file__).resolve().parents[2]
_SCRIPTS = {key: APP_DIR / path for key, path, _ in PAGES}


def app_navigation(lang: str, first_page: Callable[[], None] | None = None) -> StreamlitPage:
    """The app's navigation with every page titled in lang. first_page replaces the default
    page's script (the benchmark's app shell: an empty page inside the app)."""
    return st.navigation(
        [
            st.Page(
                first_page if i == 0 and first_page else _SCRIPTS[key],
                title=t(f"page.{key}", lang),
                icon=icon,
                url_path=key,
                default=i == 0,
            )
            for i, (key, _, icon) in enumerate(PAGES)
        ]
    )


def page_title(page_key: str, lang: str) -> None:
    """The page's heading in the chosen language."""
    st.title(t(f"page.{page_key}", lang))


def app_page(page_key: str) -> st.Page:
    """The app's page as app.py registers it, for st.page_link: a link to a Page skips
    resolving the script's path, which the overview's 48 links paid for each time."""
    return st.Page(_SCRIPTS[page_key], url_path=page_key)


def not_built(lang: str) -> None:
    """Say plainly that a page's feature does not exist yet."""
    st.info(t("common.not_built", lang))


def html_block(fragment: str) -> None:
    """Render HTML that was built only from escaped text (see lib.source_reader.marked_html)."""
    st.markdown(fragment, unsafe_allow_html=True)


def source_styles() -> None:
    """The styles of quoted and numbered source lines (the sources page)."""
    html_block(SOURCE_STYLE)


def shown_table_columns(
    shown: ShownTable, marker_width: int | None = None, link_width: int | None = None
) -> dict:
    """Column settings that draw a shown table's markers as coloured labels and its figure
    links as the figures (lib.comparison.ShownTable)."""
    return {
        shown.marker: st.column_config.MultiselectColumn(
            width=marker_width,
            options=list(shown.marker_colours),
            color=list(shown.marker_colours.values()),
        ),
        **{
            column: st.column_config.LinkColumn(width=link_width, display_text=LINK_TEXT)
            for column in shown.link_columns
        },
    }
