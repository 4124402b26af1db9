"""Entry point: page config, the global sidebar controls and the navigation. Nothing else."""

import streamlit as st

from lib.i18n import LANGUAGES, t
from lib.ui.presenter import apply_presenter_layout, presenter_toggle, slideshow_bar
from lib.ui.state import current_language, remember_language

st.set_page_config(
    page_title="Zhejiang Innovation Plan Tracker", page_icon=":material/insights:", layout="wide"
)

lang = current_language()
chosen = st.sidebar.radio(
    t("sidebar.language", lang),
    LANGUAGES,
    index=LANGUAGES.index(lang),
    format_func=lambda code: t(f"language.{code}", code),
    horizontal=True,
)
if chosen != lang:
    lang = chosen
remember_language(lang)
if presenter_toggle(lang):  # also ?present=1; kept in the URL across pages like the language
    apply_presenter_layout(lang)

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
navigation = st.navigation(
    [
        st.Page(path, title=t(f"page.{key}", lang), icon=icon, url_path=key, default=i == 0)
        for i, (key, path, icon) in enumerate(PAGES)
    ]
)
slideshow_bar(lang)  # only while ?slide=N: caption and previous/next on top of the page
navigation.run()
