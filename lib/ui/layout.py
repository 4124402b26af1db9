"""Building blocks every page shares: the title line and honest empty states."""

from __future__ import annotations

import streamlit as st

from lib.i18n import t


def page_title(page_key: str, lang: str) -> None:
    """The page's heading in the chosen language."""
    st.title(t(f"page.{page_key}", lang))


def not_built(lang: str) -> None:
    """Say plainly that a page's feature does not exist yet."""
    st.info(t("common.not_built", lang))
