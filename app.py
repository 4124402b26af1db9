"""Entry point: page config, the global sidebar controls and the navigation. Nothing else."""

import streamlit as st

from lib.ui.chrome import app_chrome
from lib.ui.layout import app_navigation
from lib.ui.presenter import slideshow_bar

st.set_page_config(
    page_title="Zhejiang Innovation Plan Tracker", page_icon=":material/insights:", layout="wide"
)

lang = app_chrome()  # the language radio and the presenter switch, in the sidebar

navigation = app_navigation(lang)
slideshow_bar(lang)  # only while ?slide=N: caption and previous/next on top of the page
navigation.run()
