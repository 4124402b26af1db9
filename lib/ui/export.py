"""Download buttons for a view: its chart or map as PNG and SVG, its data as CSV and XLSX.

The files are made only when a button is clicked (Streamlit's deferred download), so a page
with many charts pays nothing for them until someone downloads; a download does not rerun
the page. The buttons sit in a controls container, hidden in presenter mode.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from lib import image_export
from lib.export import CSV_MIME, XLSX_MIME, to_csv_bytes, to_xlsx_bytes
from lib.i18n import t
from lib.ui.presenter import controls

PNG_MIME = "image/png"
SVG_MIME = "image/svg+xml"
_UNSAFE_FILE_CHARS = re.compile(r"[^\w.\-]+")


def file_stem(name: str) -> str:
    """A file name stem from a view name: letters (Chinese too), digits, dot, dash."""
    return _UNSAFE_FILE_CHARS.sub("-", name).strip("-.") or "export"


def export_menu(
    chart: alt.TopLevelMixin | Callable[[], alt.TopLevelMixin] | None,
    frame: pd.DataFrame | Callable[[], pd.DataFrame] | None,
    name: str,
    lang: str,
    sheet: str | None = None,
) -> None:
    """PNG/SVG buttons for chart and CSV/XLSX buttons for frame (either may be None).

    chart should already carry its title, legend and source (image_export.with_presentation,
    or a map's static_map), or be a function that makes it when a picture is downloaded;
    frame may likewise be a function; name is the file name stem, unique on the page.
    """
    stem = file_stem(name)
    picture = chart if callable(chart) else (lambda: chart)
    table = frame if callable(frame) else (lambda: frame)
    with controls(f"export-{stem}", horizontal=True):
        if chart is not None:
            st.download_button(
                t("presenter.download_png", lang),
                data=lambda: image_export.to_png(picture()),
                file_name=f"{stem}.png",
                mime=PNG_MIME,
                key=f"export-{stem}-png",
                on_click="ignore",
                icon=":material/image:",
                help=t("presenter.png_help", lang),
            )
            st.download_button(
                t("presenter.download_svg", lang),
                data=lambda: image_export.to_svg(picture()),
                file_name=f"{stem}.svg",
                mime=SVG_MIME,
                key=f"export-{stem}-svg",
                on_click="ignore",
                icon=":material/polyline:",
                help=t("presenter.svg_help", lang),
            )
        if frame is not None:
            st.download_button(
                t("presenter.download_csv", lang),
                data=lambda: to_csv_bytes(table()),
                file_name=f"{stem}.csv",
                mime=CSV_MIME,
                key=f"export-{stem}-csv",
                on_click="ignore",
                icon=":material/download:",
                help=t("presenter.data_help", lang),
            )
            st.download_button(
                t("presenter.download_xlsx", lang),
                data=lambda: to_xlsx_bytes(table(), sheet or stem),
                file_name=f"{stem}.xlsx",
                mime=XLSX_MIME,
                key=f"export-{stem}-xlsx",
                on_click="ignore",
                icon=":material/download:",
                help=t("presenter.data_help", lang),
            )
