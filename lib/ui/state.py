"""Page state that lives in the URL, so that a copied link reopens the same view."""

from __future__ import annotations

import streamlit as st

from lib.i18n import DEFAULT_LANGUAGE, LANGUAGES

LANGUAGE_KEY = "ui_lang"


def current_language() -> str:
    """The interface language: ?lang= when given, else the last choice of this session."""
    lang = st.query_params.get("lang") or st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def remember_language(lang: str) -> None:
    """Keep the language for this session and in the URL (Chinese, the default, stays implicit)."""
    st.session_state[LANGUAGE_KEY] = lang
    set_url_params(lang=None if lang == DEFAULT_LANGUAGE else lang)


def url_param(name: str, default: str = "") -> str:
    """A single value from the query string."""
    return st.query_params.get(name, default)


def url_list(name: str) -> list[str]:
    """A comma-separated list from the query string."""
    raw = st.query_params.get(name, "")
    return [item for item in raw.split(",") if item]


def set_url_params(**values: str | list[str] | None) -> None:
    """Write values into the query string; empty values are removed."""
    for name, value in values.items():
        text = ",".join(value) if isinstance(value, list) else (value or "")
        if text:
            if st.query_params.get(name) != text:
                st.query_params[name] = text
        elif name in st.query_params:
            del st.query_params[name]


def follow_url(key: str, value: object) -> None:
    """Let the URL set a keyed widget when it changed since the page last wrote it.

    A widget whose default changes with the URL is a new widget to Streamlit and resets,
    losing every other click; so the URL seeds session state only when it really changed
    (a link, the back button), and otherwise the widget keeps what the user chose.
    """
    if key not in st.session_state or st.session_state.get(f"{key}.url") != value:
        st.session_state[key] = value
        st.session_state[f"{key}.url"] = value


def remember_url(**values: object) -> None:
    """Record what the page wrote to the URL, per widget key (pairs with follow_url)."""
    for key, value in values.items():
        st.session_state[f"{key}.url"] = value
