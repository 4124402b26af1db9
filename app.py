"""Entry point: page config, the global sidebar controls and the navigation. Nothing else."""

import streamlit as st

from lib.i18n import t
from lib.ui.chrome import app_chrome
from lib.ui.presenter import slideshow_bar

st.set_page_config(
    page_title="Zhejiang Innovation Plan Tracker", page_icon=":material/insights:", layout="wide"
)

lang = app_chrome()  # the language radio and the presenter switch, in the sidebar

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
