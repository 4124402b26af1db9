"""The trajectory chart: what a reader sees in its marks, legends, tooltips and links."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from lib import queries
from lib import trajectory as tr
from lib.charts import LABEL_SIZE, TITLE_SIZE
from lib.charts.trajectory import COMPARATOR_SHAPES, LINE_DASHES, LINE_WIDTHS, trajectory_chart

REGIONS = ["330000", "330100", "330400"]
ACTUALS = pd.DataFrame(
    {
        "indicator_id": "rd_gdp_share",
        "region_code": ["330000"] * 4 + ["330100"] * 2,
        "year": [2019, 2021, 2022, 2023, 2021, 2023],
        "value": [2.68, 2.94, 3.11, 3.20, 3.68, 3.90],
        "unit": "%",
        "source": "统计公报",
        "batch_id": 3,
    }
)


@pytest.fixture
def frames(curated_engine) -> dict[str, pd.DataFrame]:
    """The curated tables as the page reads them."""
    return {
        "indicators": queries.indicators(curated_engine),
        "targets": queries.targets(curated_engine),
        "plans": queries.plans(curated_engine),
        "regions": queries.regions(curated_engine),
    }


def _view(frames, actuals=ACTUALS, lang="zh", regions=REGIONS) -> tr.Trajectory:
    return tr.assemble("rd_gdp_share", regions, actuals=actuals, method="sdsn", lang=lang, **frames)


def _spec(view, lang="zh", **kw) -> dict:
    chart = trajectory_chart(view, title="研发投入强度", unit="%", lang=lang, **kw)
    return chart.to_dict()


def _layers(spec: dict) -> list[tuple[dict, list[dict]]]:
    """Each layer with the rows of its data."""
    datasets = spec.get("datasets", {})
    out = []
    for layer in spec["layer"]:
        name = (layer.get("data") or spec.get("data"))["name"]
        out.append((layer, datasets[name]))
    return out


def _layer(spec: dict, test) -> tuple[dict, list[dict]]:
    found = [(layer, rows) for layer, rows in _layers(spec) if test(layer)]
    assert len(found) == 1, [layer["mark"] for layer, _ in _layers(spec)]
    return found[0]


def _markers(spec):
    return _layer(spec, lambda layer: "shape" in layer["encoding"])


def _lines(spec):
    return _layer(spec, lambda layer: "strokeDash" in layer["encoding"])


def test_targets_are_markers_whose_shape_shows_the_comparator(frames):
    spec = _spec(_view(frames))
    layer, rows = _markers(spec)
    assert layer["mark"]["type"] == "point" and layer["mark"]["filled"] is True
    shape = layer["encoding"]["shape"]
    domain, shapes = shape["scale"]["domain"], shape["scale"]["range"]
    assert dict(zip(domain, shapes, strict=True)) == {
        "> 超过": COMPARATOR_SHAPES[">"],
        "= 达到": COMPARATOR_SHAPES["="],
    }
    assert len(set(COMPARATOR_SHAPES.values())) == len(COMPARATOR_SHAPES), "one shape each"
    points = {(row["region"], row["year"], row["value"]) for row in rows}
    assert {("浙江省", 2022, 3.0), ("浙江省", 2027, 3.4), ("嘉兴市", 2027, 3.65)} <= points
    assert {("杭州市", 2024, 3.95), ("杭州市", 2025, 4.0), ("杭州市", 2027, 4.2)} <= points


def test_a_target_tooltip_names_the_plan_the_wording_and_the_quote_and_links_to_it(frames):
    layer, rows = _markers(_spec(_view(frames)))
    fields = {tip["field"]: tip["title"] for tip in layer["encoding"]["tooltip"]}
    assert fields["plan"] == "规划" and fields["value_text"] == "目标" and fields["quote"] == "原文"
    assert "status_label" in fields
    assert layer["encoding"]["href"] == {"field": "link", "type": "nominal"}
    province = next(row for row in rows if row["region"] == "浙江省" and row["year"] == 2027)
    assert province["plan"] == "省“315”实施方案"
    assert province["value_text"] == "超过3.4%"
    assert "3.4%" in province["quote"]
    assert province["link"] == f"sources?target={province['id']}"
    # Tooltips name fields; no data is ever written into a template.
    assert all(
        set(tip) <= {"field", "title", "type", "format"} for tip in layer["encoding"]["tooltip"]
    )


def test_observed_path_and_projection_are_lines_told_apart_by_dashes(frames):
    spec = _spec(_view(frames))
    layer, rows = _lines(spec)
    kinds = {row["line"] for row in rows}
    assert kinds == {"observed", "path", "projection"}
    dash = layer["encoding"]["strokeDash"]
    by_label = dict(zip(dash["scale"]["domain"], dash["scale"]["range"], strict=True))
    assert by_label["趋势外推"] == LINE_DASHES["projection"]
    assert by_label["趋势外推"][1] > 0, "the projection is visibly dashed"
    assert by_label["实际值与基期值"] == [1, 0], "what was observed is solid"
    assert by_label["到目标的直线路径"] != by_label["趋势外推"]
    projection = [row for row in rows if row["line"] == "projection"]
    assert {row["year"] for row in projection} >= {2023, 2027}
    width = layer["encoding"]["strokeWidth"]["scale"]
    assert width["type"] == "ordinal", "each kind of line gets its own width, not a blend"
    assert dict(zip(width["domain"], width["range"], strict=True)) == LINE_WIDTHS
    # One line per path: the detail channel keeps targets' paths apart.
    assert layer["encoding"]["detail"]["field"] == "series"


def test_actuals_are_points_with_their_upload_batch(frames):
    spec = _spec(_view(frames))
    layer, rows = _layer(spec, lambda layer: layer["mark"]["type"] == "circle")
    assert len(rows) == len(ACTUALS)
    assert {row["source_label"] for row in rows} == {"实际值（上传批次 #3） · 统计公报"}


def test_options_hide_the_paths_and_the_projection(frames):
    view = _view(frames)
    _, rows = _lines(_spec(view, show={"projection"}))
    assert {row["line"] for row in rows} == {"observed", "projection"}
    _, rows = _lines(_spec(view, show=set()))
    assert {row["line"] for row in rows} == {"observed"}


def test_each_region_has_its_own_colour_blind_safe_colour(frames):
    layer, _ = _markers(_spec(_view(frames)))
    scale = layer["encoding"]["color"]["scale"]
    assert scale["domain"] == ["浙江省", "杭州市", "嘉兴市"]
    assert scale["range"] == ["#0072B2", "#E69F00", "#009E73"]


def test_the_chart_carries_its_title_regions_source_and_large_type(frames):
    spec = _spec(_view(frames, lang="en"), lang="en")
    assert spec["title"]["text"] == "研发投入强度"
    assert spec["title"]["subtitle"][0] == "Zhejiang · Hangzhou · Jiaxing"
    assert (
        spec["title"]["subtitle"][1]
        == "Source: plan documents (targets, baselines); uploaded actuals"
    )
    config = spec["config"]
    assert config["title"]["fontSize"] == TITLE_SIZE >= 20
    assert config["axis"]["labelFontSize"] == LABEL_SIZE >= 14
    assert config["legend"]["labelFontSize"] >= 14
    assert spec["width"] == "container"


def test_range_targets_are_bars_that_link_to_their_quote(frames):
    targets = frames["targets"]
    target = targets[(targets["comparator"] == "range") & (targets["kind"] == "target")].iloc[0]
    view = tr.assemble(
        target["indicator_id"],
        [target["region_code"]],
        actuals=ACTUALS.iloc[0:0],
        method="sdsn",
        lang="zh",
        **frames,
    )
    spec = _spec(view)
    layer, rows = _layer(spec, lambda layer: layer["mark"]["type"] == "rule")
    assert layer["encoding"]["y2"]["field"] == "range_high"
    assert layer["encoding"]["href"]["field"] == "link"
    assert rows[0]["range_low"] == target["range_low"]
    # A count never drawn below zero, even with a margin around the values.
    assert layer["encoding"]["y"]["scale"]["domain"][0] >= 0


def test_a_view_with_only_targets_still_draws_them(frames):
    spec = _spec(_view(frames, actuals=ACTUALS.iloc[0:0]))
    marks = [layer["mark"]["type"] for layer, _ in _layers(spec)]
    assert marks == ["point"]
    json.dumps(spec)  # serialisable as it is sent to the browser
