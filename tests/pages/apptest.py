"""Helpers for driving pages with Streamlit's AppTest."""

from __future__ import annotations

import json

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from lib.charts.compare import PANEL_LINE_BREAK
from tests.conftest import REPO_ROOT

APP = str(REPO_ROOT / "app.py")
PAGE_KEYS = ("overview", "trajectories", "hangzhou", "corridors", "compare", "upload", "sources")


def open_page(page: str, lang: str = "zh", timeout: float = 30, **params: str) -> AppTest:
    """Run the app on one page with the given query parameters."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if lang != "zh":
        at.query_params["lang"] = lang
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def vega_specs(at: AppTest) -> list[dict]:
    """The Vega-Lite specs of every Altair chart on the page."""
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def chart_panels(at: AppTest) -> list[list[str]]:
    """The header lines of each panel the page's first faceted chart draws, in order."""
    chart = next(c.proto for c in at.get("vega_lite_chart") if "facet" in json.loads(c.proto.spec))
    drawn = {
        panel
        for dataset in chart.datasets
        for panel in pa.ipc.open_stream(dataset.data.data).read_all().column("panel").to_pylist()
    }
    headers = json.loads(chart.spec)["facet"]["sort"]
    return [header.split(PANEL_LINE_BREAK) for header in headers if header in drawn]


def deck_specs(at: AppTest) -> list[dict]:
    """The pydeck JSON of every map on the page."""
    return [json.loads(chart.proto.json) for chart in at.get("deck_gl_json_chart")]
