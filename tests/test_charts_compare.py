"""The small charts of shared indicators (lib/charts/compare.py): one alone, or a panel each."""

import pandas as pd

from lib.charts.compare import (
    KIND_SHAPES,
    PLAN_COLOURS,
    shared_indicator_chart,
    shared_indicators_chart,
)

POINTS = pd.DataFrame(
    {
        "plan": ["Province", "Hangzhou", "Hangzhou", "Jiaxing", "Province"],
        "plan_id": ["zj", "hz", "hz", "jx", "zj"],
        "year": [2027, 2027, 2025, 2027, 2020],
        "value": [3.4, 4.2, 4.0, 3.65, 59.6],
        "label": ["超过3.4%", "4.2", "4.0", "超过3.65%", "59.6%"],
        "kind": ["target", "target", "target", "target", "baseline"],
        "target_id": ["zj-1", "hz-1", "hz-2", "jx-1", "b-1"],
    }
)
ORDER = ["Province", "Hangzhou", "Jiaxing"]


def spec(lang: str = "en") -> dict:
    return shared_indicator_chart(POINTS, "R&D intensity", "%", ORDER, lang).to_dict()


def test_a_dot_per_plan_and_year_labelled_with_its_value():
    chart = spec()
    dots, labels = chart["layer"]
    assert dots["mark"]["type"] == "point" and dots["mark"]["filled"]
    assert labels["mark"]["type"] == "text"
    assert labels["encoding"]["text"]["field"] == "value"
    encoding = dots["encoding"]
    assert encoding["x"]["field"] == "year" and encoding["x"]["type"] == "ordinal"
    # Plans side by side within a year, so equal figures stay visible.
    assert encoding["xOffset"]["field"] == "plan"
    assert encoding["color"]["scale"]["domain"] == ORDER
    assert encoding["color"]["scale"]["range"] == list(PLAN_COLOURS[:3])
    assert encoding["y"]["scale"]["zero"] is False
    values = next(iter(chart["datasets"].values()))
    assert {(v["plan"], v["year"]) for v in values} >= {("Hangzhou", "2025"), ("Jiaxing", "2027")}


def test_shapes_tell_targets_from_the_baseline():
    shape = spec()["layer"][0]["encoding"]["shape"]["scale"]
    assert shape["domain"] == ["target", "baseline"]
    assert shape["range"] == [KIND_SHAPES["target"], KIND_SHAPES["baseline"]]


def test_title_unit_and_axis_labels_are_in_the_chosen_language():
    english, chinese = spec("en"), spec("zh")
    assert english["title"]["text"] == "R&D intensity"
    assert english["title"]["subtitle"] == "Unit: % · Source: the plans"
    assert chinese["title"]["subtitle"] == "单位：% · 来源：各规划原文"
    assert english["layer"][0]["encoding"]["x"]["title"] == "Year"
    assert chinese["layer"][0]["encoding"]["x"]["title"] == "年份"
    tooltip_titles = [t["title"] for t in chinese["layer"][0]["encoding"]["tooltip"]]
    assert tooltip_titles == ["规划", "年份", "原文表述", "类型"]


def test_drawing_leaves_the_points_as_they_were():
    """The compare page's cache shares the points between runs (data.shared_cache)."""
    points = POINTS.copy()
    spec()
    pd.testing.assert_frame_equal(POINTS, points)


def test_a_chart_has_its_legends_beside_it():
    encoding = spec()["layer"][0]["encoding"]
    assert encoding["color"]["legend"]["orient"] == "right"
    assert encoding["shape"]["legend"]["orient"] == "right"


def panels_spec(lang: str = "en") -> dict:
    cumulative = POINTS.head(2).assign(kind="cumulative", value=[100.0, 30.0])
    long_name = "Number of high-value invention patents per 10,000 people, a long name " * 2
    return shared_indicators_chart(
        [
            (["R&D intensity", "Province, Jiaxing · 2027 · unit: %"], POINTS),
            ([long_name, "Province | Hangzhou · 2027 · unit: items"], cumulative),
        ],
        ORDER,
        lang,
    ).to_dict()


def test_one_chart_draws_a_panel_per_indicator_in_the_order_given():
    chart = panels_spec()
    headers = chart["facet"]["sort"]
    assert len(headers) == 2 and chart["columns"] == 2
    assert headers[0].split("|") == ["R&D intensity", "Province, Jiaxing · 2027 · unit: %"]
    # Vega cannot wrap text: long lines come cut into lines that fit a panel, and the
    # separator inside a line cannot split it wrongly.
    long_lines = headers[1].split("|")
    assert len(long_lines) > 3 and long_lines[-1] == "Province / Hangzhou · 2027 · unit: items"
    assert "split(datum.label" in chart["facet"]["header"]["labelExpr"]
    rows = next(iter(chart["datasets"].values()))
    assert {row["panel"] for row in rows} == set(headers)
    assert len(rows) == len(POINTS) + 2
    assert [row["value"] for row in rows if row["panel"] == headers[1]] == [100.0, 30.0]


def test_each_panel_has_its_own_scales_and_all_share_one_legend_above_them():
    chart = panels_spec()
    assert chart["resolve"]["scale"] == {"x": "independent", "y": "independent"}
    dots, labels = chart["spec"]["layer"]
    assert labels["encoding"]["text"]["field"] == "value"
    encoding = dots["encoding"]
    assert encoding["color"]["legend"]["orient"] == "top"
    assert encoding["shape"]["legend"]["orient"] == "top"
    # Colour and shape are not resolved per panel: one legend of each.
    assert set(chart["resolve"]["scale"]) == {"x", "y"}
    assert encoding["color"]["scale"]["domain"] == ORDER
    assert encoding["color"]["scale"]["range"] == list(PLAN_COLOURS[:3])
    # Every kind any panel draws, and only those, in the legend's order.
    assert encoding["shape"]["scale"]["domain"] == ["target", "cumulative", "baseline"]
    assert encoding["shape"]["scale"]["range"] == ["circle", "square", "cross"]


def test_the_panels_name_their_source_in_the_chosen_language():
    assert panels_spec("en")["title"]["text"] == "Source: the plans"
    chinese = panels_spec("zh")
    assert chinese["title"]["text"] == "来源：各规划原文"
    assert chinese["spec"]["layer"][0]["encoding"]["x"]["title"] == "年份"
