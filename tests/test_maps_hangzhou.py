"""The Hangzhou map (lib/maps/hangzhou.py) and its classed legend (lib/maps/legend.py)."""

from __future__ import annotations

import html
import json

import numpy as np
import pandas as pd
import pytest
import shapely
import vl_convert

from lib import allocation, queries
from lib.curated import load_curated
from lib.db import DATA_DIR, make_engine
from lib.geo import NO_BASEMAP, load_boundaries
from lib.maps import glyphs
from lib.maps import hangzhou as hz
from lib.maps.deck import world_px
from lib.maps.legend import (
    NO_VALUE_COLOUR,
    YLGNBU_9,
    LegendEntry,
    dark_text_on,
    decimals_of,
    hex_to_rgba,
    legend_html,
    quantile_classes,
    sequential_colours,
)

PAYLOAD_BUDGET = 300_000
HOSTILE = '<img src=x onerror="alert(1)">淳安县'


@pytest.fixture(scope="module")
def curated():
    """The allocation table of data/, loaded once for this module."""
    engine = make_engine("sqlite://")
    load_curated(engine, DATA_DIR)
    regions = queries.regions(engine)
    table = allocation.allocation_table(queries.targets(engine), regions)
    rows = allocation.allocation_indicators(table, queries.indicators(engine))
    return {
        "table": table,
        "districts": allocation.districts(regions),
        "rows": {r["indicator_id"]: r for r in rows.to_dict("records")},
    }


def frame_for(curated, indicator_id: str, lang: str = "zh", districts=None) -> hz.MapFrame:
    indicator = curated["rows"][indicator_id]
    values = allocation.indicator_values(
        curated["table"], indicator, curated["districts"] if districts is None else districts
    )
    return hz.map_frame(values, indicator, lang)


def deck_json(deck) -> dict:
    return json.loads(deck.to_json())


def layer(spec: dict, layer_id: str) -> dict:
    return next(item for item in spec["layers"] if item["id"] == layer_id)


# --- legend.py --------------------------------------------------------------------------


def test_quantile_classes_cover_every_value_with_readable_intervals():
    values = [104, 90, 166, 329, 315, 388, 200, 152, 100, 72, 46, 7, 30]  # new high-tech firms
    classes = quantile_classes(values)
    assert classes.labels() == ["7–46", "47–100", "101–152", "153–315", "316–388"]
    assert classes.colours == tuple(sequential_colours(5))
    assert [classes.index(v) for v in (7, 46, 47, 388)] == [0, 0, 1, 4]
    assert classes.index(None) is None and classes.colour(None) == NO_VALUE_COLOUR
    counts = pd.Series([classes.index(v) for v in values]).value_counts().sort_index()
    assert counts.tolist() == [3, 3, 2, 3, 2]


def test_classes_keep_the_data_precision_and_handle_few_values():
    shares = [0.77, 1.2, 4.5, 9.75]
    assert decimals_of(shares) == 2
    classes = quantile_classes(shares)
    assert classes.labels()[0].startswith("0.77")
    assert len(classes.uppers) == 4
    single = quantile_classes([5.0, 5.0])
    assert single.labels() == ["5"] and len(single.colours) == 1
    with pytest.raises(ValueError):
        quantile_classes([])


def test_palette_is_sequential_light_to_dark_and_leaves_white_for_no_value():
    for k in range(1, 6):
        colours = sequential_colours(k)
        assert all(c in YLGNBU_9 for c in colours)
        assert NO_VALUE_COLOUR not in colours
        lightness = [sum(hex_to_rgba(c)[:3]) for c in colours]
        assert lightness == sorted(lightness, reverse=True)
    assert dark_text_on("#c7e9b4") and not dark_text_on("#253494")


def test_legend_html_escapes_every_string():
    out = legend_html(
        "<b>title</b>",
        [LegendEntry("#c7e9b4", "<script>alert(1)</script>", 3)],
        note="a & b",
        count_label="{n} <i>x</i>",
    )
    assert "<script>" not in out and "<b>title" not in out and "<i>x" not in out
    assert "&lt;script&gt;" in out and "a &amp; b" in out
    with pytest.raises(ValueError):
        legend_html("t", [LegendEntry("red;background:url(x)", "l")])


# --- the map frame ----------------------------------------------------------------------


def test_frame_has_thirteen_districts_with_fills_legend_and_tooltip_lines(curated):
    frame = frame_for(curated, "new_hitech_enterprises")
    gdf = frame.gdf.set_index("adcode")
    assert len(gdf) == 13
    assert frame.title == "新增高新技术企业数（家）"
    assert sum(e.count for e in frame.legend) == 13
    assert gdf.at["330110", "fill"] == sequential_colours(5)[-1]  # 余杭 388, the top class
    assert gdf.at["330108", "value_label"] == "2024年目标：329家（全市2,000家），占全市目标16.4%"
    assert gdf.at["330108", "rank_label"] == "区县排名：第2/13位"
    assert gdf.at["330108", "quote"].startswith("4  新增高新技术企业数(家)  1870  2000")
    assert frame.classed


def test_districts_without_a_target_are_blank_and_named_so(curated):
    frame = frame_for(curated, "major_project_investment", "en")
    gdf = frame.gdf.set_index("adcode")
    for code in ("330105", "330122", "330127", "330182"):
        assert gdf.at[code, "fill"] == NO_VALUE_COLOUR
        assert gdf.at[code, "value_label"] == "No target ('-' in the table)"
    no_target = [e for e in frame.legend if e.colour == NO_VALUE_COLOUR]
    assert no_target == [LegendEntry(NO_VALUE_COLOUR, "No target ('-' in the table)", 4)]
    assert gdf.at["330109", "rank_label"] == "Rank among districts: 1 of 9"
    assert frame.title == "Investment in major S&T infrastructure projects (RMB 100 million)"


def test_the_qualitative_row_is_drawn_as_text(curated):
    frame = frame_for(curated, "hitech_investment_growth", "en")
    assert not frame.classed
    assert [e.label for e in frame.legend] == [
        "Qualitative: 快于面上投资增速 (faster than overall investment growth)"
    ]
    assert frame.legend[0].count == 13
    assert set(frame.gdf["rank_label"]) == {"Qualitative target, not ranked"}


def test_attainment_frame_colours_by_status(curated):
    indicator = curated["rows"]["new_hitech_enterprises"]
    values = allocation.indicator_values(curated["table"], indicator, curated["districts"])
    actuals = pd.DataFrame(
        [
            ("new_hitech_enterprises", "330108", 2024, 350.0, 1),
            ("new_hitech_enterprises", "330110", 2024, 300.0, 1),
        ],
        columns=["indicator_id", "region_code", "year", "value", "batch_id"],
    )
    values = allocation.attainment(values, actuals, indicator)
    frame = hz.map_frame(values, indicator, "zh", hz.MODE_ATTAINMENT)
    gdf = frame.gdf.set_index("adcode")
    assert [e.label for e in frame.legend] == ["已达成", "未达成", "数据不足"]
    assert [e.count for e in frame.legend] == [1, 1, 11]
    assert gdf.at["330108", "value_label"] == "2024年实际350家，目标329家，完成106%"
    assert gdf.at["330110", "rank_label"] == "未达成（完成率第2/2位）"
    assert frame.title == "新增高新技术企业数：2024年目标完成情况"


# --- pydeck -----------------------------------------------------------------------------


def test_deck_is_compact_offline_and_under_the_payload_budget(curated):
    for lang in ("zh", "en"):
        text = hz.deck(frame_for(curated, "rd_gdp_share", lang), selected="330108").to_json()
        assert len(text.encode("utf-8")) < PAYLOAD_BUDGET
        assert "\n" not in text  # compact, not pydeck's pretty-printed JSON
        spec = json.loads(text)
        assert spec["mapStyle"] == NO_BASEMAP
    spec = deck_json(hz.deck(frame_for(curated, "rd_gdp_share"), basemap=True))
    assert spec["mapStyle"].startswith("https://basemaps.cartocdn.com/")


def test_deck_layers_polygons_labels_and_selected_outline(curated):
    spec = deck_json(hz.deck(frame_for(curated, "rd_gdp_share"), selected="330108"))
    ids = [item["id"] for item in spec["layers"]]
    assert ids[0] == hz.LAYER_ID and ids[-1] == hz.LABEL_LAYER_ID
    polygons = layer(spec, hz.LAYER_ID)
    assert polygons["pickable"] is True
    assert {r["adcode"] for r in polygons["data"]} == set(load_boundaries(hz.BOUNDARIES)["adcode"])
    ring = layer(spec, hz.SELECTED_LAYER_ID)
    assert {r["adcode"] for r in ring["data"]} == {"330108"} and ring["filled"] is False
    unselected = deck_json(hz.deck(frame_for(curated, "rd_gdp_share")))
    assert hz.SELECTED_LAYER_ID not in [item["id"] for item in unselected["layers"]]
    assert "@@=pixels" not in json.dumps(spec)
    renamed = deck_json(hz.deck(frame_for(curated, "rd_gdp_share"), layer_suffix="~4"))
    pickable = [item["id"] for item in renamed["layers"] if item.get("pickable")]
    assert pickable == [hz.LAYER_ID + "~4", hz.LABEL_LAYER_ID + "~4"]


def test_labels_and_leaders_are_polygons_of_one_layer_carrying_their_districts_tooltip(curated):
    spec = deck_json(hz.deck(frame_for(curated, "rd_gdp_share"), selected="330108"))
    # No layer type with shaders of its own: only polygons (whose outlines are paths).
    assert {item["@@type"] for item in spec["layers"]} == {"PolygonLayer"}
    labels = layer(spec, hz.LABEL_LAYER_ID)
    assert labels["pickable"] is True and labels["stroked"] is False
    districts = {r["adcode"]: r for r in layer(spec, hz.LAYER_ID)["data"]}
    assert {r["label"] for r in labels["data"]} == {r["name"] for r in districts.values()}
    for piece in labels["data"]:
        tip = {field: districts[piece["adcode"]][field] for field in hz.TIP_FIELDS}
        assert {field: piece[field] for field in hz.TIP_FIELDS} == tip
    # Each label is dark glyphs on a white halo; the callouts' leaders are dark too.
    colours = {tuple(piece["fill_rgba"]) for piece in labels["data"]}
    assert colours == {tuple(hz.LABEL_COLOUR), tuple(hz.HALO_COLOUR), tuple(hz.LEADER_COLOUR)}
    # 淳安县 is set where the layout put it, about 3 x 14 px wide at the map's zoom.
    zoom = spec["initialViewState"]["zoom"]
    gdf = frame_for(curated, "rd_gdp_share").gdf
    gdf["label"] = gdf["name_zh"]
    placed = hz.label_layout(gdf, zoom).set_index("adcode").loc["330127"]
    glyph_points = [
        point
        for piece in labels["data"]
        if piece["adcode"] == "330127" and piece["fill_rgba"] == hz.LABEL_COLOUR
        for point in piece["polygon"][0]
    ]
    x, y = world_px(*np.array(glyph_points).T, zoom)
    assert 38 <= x.max() - x.min() <= 3 * hz.LABEL_PX
    assert 10 <= y.max() - y.min() <= hz.LABEL_PX
    assert abs((x.max() + x.min()) / 2 - (placed.x0 + placed.x1) / 2) < 1
    assert abs((y.max() + y.min()) / 2 - (placed.y0 + placed.y1) / 2) < 2


def test_callouts_have_a_leader_from_a_dot_on_their_district_to_their_label(curated):
    spec = deck_json(hz.deck(frame_for(curated, "rd_gdp_share")))
    zoom = spec["initialViewState"]["zoom"]
    gdf = frame_for(curated, "rd_gdp_share").gdf
    gdf["label"] = gdf["name_zh"]
    layout = hz.label_layout(gdf, zoom).set_index("adcode")
    callouts = layout[layout["callout"]]
    assert len(callouts) >= 4  # the four small core districts at least
    pieces = layer(spec, hz.LABEL_LAYER_ID)["data"]
    for adcode, row in callouts.iterrows():
        dark = [
            shapely.Polygon(np.column_stack(world_px(*np.array(p["polygon"][0]).T, zoom)))
            for p in pieces
            if p["adcode"] == adcode and p["fill_rgba"] == hz.LEADER_COLOUR
        ]
        ax, ay = world_px(np.array([row.anchor_lon]), np.array([row.anchor_lat]), zoom)
        bx, by = world_px(np.array([row.line_lon]), np.array([row.line_lat]), zoom)
        anchor, end = shapely.Point(ax[0], ay[0]), shapely.Point(bx[0], by[0])
        dot = next(d for d in dark if d.contains(anchor) and d.area < 30)
        assert dot.centroid.distance(anchor) < 0.5  # the dot sits on the anchor
        line = next(d for d in dark if d is not dot and d.distance(end) < 0.5)
        assert line.distance(anchor) < 0.5  # the line runs from the anchor to the label


@pytest.fixture
def no_cjk_font(monkeypatch):
    """A machine without a CJK font (glyphs and the labels made of them forgotten)."""
    monkeypatch.setattr(glyphs, "label_font", lambda: None)
    for cache in (glyphs._glyph, hz._district_pieces):
        cache.cache_clear()
    yield
    for cache in (glyphs._glyph, hz._district_pieces):
        cache.cache_clear()


def test_without_a_cjk_font_the_labels_are_text_and_the_leaders_still_polygons(
    curated, no_cjk_font
):
    spec = deck_json(hz.deck(frame_for(curated, "rd_gdp_share")))
    text = layer(spec, hz.TEXT_LAYER_ID)
    assert {r["label"] for r in text["data"]} >= {"淳安县", "滨江区", "上城区"}
    # Literal strings, not pydeck's "@@=" accessors (which break the TextLayer).
    assert text["characterSet"] == "auto"
    assert text["fontFamily"].startswith('"Noto Sans CJK SC"')
    assert text["sizeUnits"] == "pixels"
    pieces = layer(spec, hz.LABEL_LAYER_ID)["data"]
    assert {tuple(p["fill_rgba"]) for p in pieces} == {
        tuple(hz.LEADER_COLOUR),
        tuple(hz.HALO_COLOUR),
    }  # leader lines and dots only


def test_names_with_html_stay_data_never_template(curated):
    hostile = curated["districts"].copy()
    hostile.loc[hostile["adcode"] == "330127", "name_zh"] = HOSTILE
    deck = hz.deck(frame_for(curated, "rd_gdp_share", districts=hostile))
    assert deck._tooltip["html"] == hz.TOOLTIP_HTML  # placeholders only
    assert HOSTILE not in deck._tooltip["html"]
    spec = deck_json(deck)
    names = {r["name"] for r in layer(spec, hz.LAYER_ID)["data"]}
    assert HOSTILE in names  # the frontend escapes {name}; it is text on the map too
    assert HOSTILE in {r["label"] for r in layer(spec, hz.LABEL_LAYER_ID)["data"]}
    assert HOSTILE in {r["name"] for r in layer(spec, hz.LABEL_LAYER_ID)["data"]}


def test_labels_do_not_overlap_and_small_districts_get_callouts(curated):
    gdf = frame_for(curated, "rd_gdp_share").gdf
    for lang in ("zh", "en"):
        gdf["label"] = gdf[f"name_{lang}"]
        zoom = hz.default_view()["zoom"]
        layout = hz.label_layout(gdf, zoom)
        assert len(layout) == 13
        boxes = [shapely.box(r.x0, r.y0, r.x1, r.y1) for r in layout.itertuples()]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not a.intersects(b), lang
        callouts = set(layout.loc[layout["callout"], "adcode"])
        # The four small districts of the city core cannot hold their names at this zoom.
        assert {"330102", "330105", "330106", "330108"} <= callouts
        assert "330127" not in callouts  # 淳安 is large


def test_view_fits_the_districts_and_the_callout_row(curated):
    view = hz.default_view()
    minx, miny, maxx, maxy = load_boundaries(hz.BOUNDARIES).total_bounds
    for lon, lat in ((minx, miny), (maxx, maxy)):
        dx, dy = hz.pixel_offset(lon, lat, view)
        assert abs(dx) <= hz.MAP_WIDTH / 2 and abs(dy) <= hz.MAP_HEIGHT / 2
    gdf = frame_for(curated, "rd_gdp_share").gdf
    layout = hz.label_layout(gdf, view["zoom"])
    for row in layout[layout["callout"]].itertuples():
        dx, dy = hz.pixel_offset(row.lon, row.lat, view)
        assert abs(dx) <= hz.MAP_WIDTH / 2 and abs(dy) <= hz.MAP_HEIGHT / 2


def test_selection_and_url_decide_the_district():
    event = {
        "selection": {
            "indices": {hz.LAYER_ID: [3]},
            "objects": {hz.LAYER_ID: [{"adcode": "330108"}]},
        }
    }
    assert hz.selected_adcode(event) == "330108"
    on_label = {"selection": {"objects": {hz.LABEL_LAYER_ID + "~2": [{"adcode": "330127"}]}}}
    assert hz.selected_adcode(on_label) == "330127"  # a click on a label picks its district
    elsewhere = {"selection": {"objects": {hz.SELECTED_LAYER_ID: [{"adcode": "330127"}]}}}
    assert hz.selected_adcode(elsewhere) is None
    assert hz.selected_adcode({"selection": {"objects": {}}}) is None
    assert hz.selected_adcode(None) is None
    valid = {"330108", "330127"}
    assert hz.resolve_district("330127", None, False, valid) == "330127"  # deep link
    assert hz.resolve_district("330127", "330108", True, valid) == "330108"  # click
    # The same selection on a later rerun does not override a district picked elsewhere.
    assert hz.resolve_district("330127", "330108", False, valid) == "330127"
    assert hz.resolve_district("330127", None, True, valid) == ""  # click off
    assert hz.resolve_district("999999", None, False, valid) == ""
    # Clicking a district again after choosing another in the list chooses it again.
    assert hz.resolve_district("330108", "330127", True, valid) == "330127"


# --- Altair -----------------------------------------------------------------------------


def test_static_map_carries_title_legend_labels_and_source(curated):
    frame = frame_for(curated, "major_project_investment")
    chart = hz.static_map(frame, title="标题", subtitle="副标题", source="来源：测试")
    spec = chart.to_dict()
    assert spec["title"]["text"] == "标题" and spec["title"]["subtitle"] == "副标题"
    shapes = spec["layer"][0]
    assert shapes["mark"]["type"] == "geoshape"
    colour = shapes["encoding"]["color"]
    assert colour["scale"]["domain"] == [e.label for e in frame.legend]
    assert colour["scale"]["range"] == [e.colour for e in frame.legend]
    assert "".join(colour["legend"]["title"]) == frame.title
    texts = json.dumps(spec, ensure_ascii=False)
    assert "来源：测试" in texts and "淳安县" in texts
    svg = vl_convert.vegalite_to_svg(spec)  # exportable as it is, for presenter mode
    assert html.escape("来源：测试") in svg or "来源：测试" in svg


def test_view_state_from_url_or_widgets_is_made_valid():
    ids, codes = ["rd_gdp_share", "new_hitech_enterprises"], ["330108", "330127"]
    view = hz.valid_view(
        {"indicator": "new_hitech_enterprises", "mode": "attainment", "district": "330108"},
        ids,
        codes,
        can_attain=True,
    )
    assert view == {
        "indicator": "new_hitech_enterprises",
        "mode": "attainment",
        "district": "330108",
        "basemap": False,
    }
    fallback = hz.valid_view(
        {"indicator": "nope", "mode": "attainment", "district": "x", "basemap": "1"},
        ids,
        codes,
        can_attain=False,  # nothing uploaded: attainment cannot be shown
    )
    assert fallback == {
        "indicator": "rd_gdp_share",
        "mode": "target",
        "district": "",
        "basemap": True,
    }
