"""Benchmark floor: the app around an empty page (sidebar controls, the app's navigation,
the page's title, copy link and save-view form): what every page of the app pays before
its content."""

import streamlit as st

from lib.ui.chrome import app_chrome
from lib.ui.layout import app_navigation, page_title
from lib.ui.presenter import page_tools, slideshow_bar

st.set_page_config(page_title="bench: app shell", layout="wide")
lang = app_chrome()


def empty_page() -> None:
    page_title("overview", lang)
    page_tools("overview", lang)


navigation = app_navigation(lang, first_page=empty_page)  # as app.py, the first page empty
slideshow_bar(lang)
navigation.run()
