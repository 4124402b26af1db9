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
