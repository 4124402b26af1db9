"""The small charts of shared indicators (lib/charts/compare.py): one alone, or a panel each."""

import pandas as pd

from lib.charts.compare import (
    KIND_SHAPES,
    PLAN_COLOURS,
    shared_indicator_chart,
    shared_indicators_chart,
    shared_legend_html,
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


def spec(lang: str = "en", legend: bool = True) -> dict:
    return shared_indicator_chart(POINTS, "R&D intensity", "%", ORDER, lang, legend).to_dict()


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


def test_a_chart_has_its_own_legends_unless_it_shares_the_pages():
    own = spec()["layer"][0]["encoding"]
    assert own["color"]["legend"]["orient"] == "right"
    assert "legend" not in own["shape"]  # Vega-Lite's own shape legend
    shared = spec(legend=False)["layer"][0]["encoding"]
    assert shared["color"]["legend"] is None and shared["shape"]["legend"] is None
    # The dots and their colours and shapes stay as they were.
    assert shared["color"]["scale"] == own["color"]["scale"]
    assert shared["shape"]["scale"] == own["shape"]["scale"]


def test_the_shared_legend_gives_each_plan_its_colour_and_each_kind_shown_its_shape():
    legend = shared_legend_html(["Province", "A & B <plan>"], {"baseline", "target"}, "en")
    province = legend.index("Province")
    other = legend.index("A &amp; B &lt;plan&gt;")  # names are escaped
    assert legend.index(PLAN_COLOURS[0]) < province < legend.index(PLAN_COLOURS[1]) < other
    assert PLAN_COLOURS[2] not in legend  # two plans, two colours
    # Kinds in the charts' order, with the shape the charts draw; kinds not shown left out.
    assert legend.index("●</span> target") < legend.index("✚</span> baseline")
    assert "cumulative" not in legend and "■" not in legend
    chinese = shared_legend_html(["省"], {"annual"}, "zh")
    assert "<b>规划</b>" in chinese and "▲</span> 每年" in chinese


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


def test_each_panel_has_its_own_scales_and_the_pages_legend():
    chart = panels_spec()
    assert chart["resolve"]["scale"] == {"x": "independent", "y": "independent"}
    dots, labels = chart["spec"]["layer"]
    assert labels["encoding"]["text"]["field"] == "value"
    encoding = dots["encoding"]
    assert encoding["color"]["legend"] is None and encoding["shape"]["legend"] is None
    assert encoding["color"]["scale"]["domain"] == ORDER
    # Every kind any panel draws has its shape, as in the page's one legend.
    assert encoding["shape"]["scale"]["domain"] == ["target", "cumulative", "baseline"]


def test_the_panels_name_their_source_in_the_chosen_language():
    assert panels_spec("en")["title"]["text"] == "Source: the plans"
    chinese = panels_spec("zh")
    assert chinese["title"]["text"] == "来源：各规划原文"
    assert chinese["spec"]["layer"][0]["encoding"]["x"]["title"] == "年份"
