"""What every page of the app shows around itself: the sidebar's language choice and the
presenter switch (app.py draws them before the page; the benchmark's app shell too)."""

from __future__ import annotations

import streamlit as st

from lib.i18n import LANGUAGES, t
from lib.ui.presenter import apply_presenter_layout, presenter_toggle
from lib.ui.state import current_language, remember_language


def app_chrome() -> str:
    """Draw the language radio and the presenter switch; the language the page is in."""
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
    if presenter_toggle(lang):  # also ?present=1; kept in the URL across pages like lang
        apply_presenter_layout(lang)
    return lang
