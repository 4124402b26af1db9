"""Boundary loading and map-ready conversions (pure: no Streamlit).

The boundary files in geo/ are WGS84 GeoJSON built by geo/build.py; every feature has
the properties adcode (6-digit str), name_zh, name_en, level ('city' / 'county') and
parent. Use the helpers here to join values, feed pydeck and export with Altair.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

GEO_DIR = Path(__file__).resolve().parent.parent / "geo"
BOUNDARY_FILES = ("hangzhou_districts", "zhejiang_cities", "zhejiang_counties", "g60_context")
PROPERTY_COLUMNS = ("adcode", "name_zh", "name_en", "level", "parent")
DECIMALS = 5

# pydeck's own sentinel for "no base map" (what `pdk.Deck(map_provider=None)` sends):
# Streamlit then draws the deck.gl layers alone, with no MapLibre instance behind them, so
# the map makes no network request and skips compiling the base map's shaders (about 1 s
# in software WebGL). The districts draw over the page's own background.
NO_BASEMAP: str = "__MAP_STYLE__"


def boundary_path(name: str) -> Path:
    """Path of a boundary file by name ('hangzhou_districts', with or without '.geojson')."""
    stem = name.removesuffix(".geojson")
    if stem not in BOUNDARY_FILES:
        raise ValueError(f"unknown boundary file {name!r}; expected one of {BOUNDARY_FILES}")
    return GEO_DIR / f"{stem}.geojson"


@lru_cache(maxsize=len(BOUNDARY_FILES))
def _read_boundaries(path: Path) -> gpd.GeoDataFrame:
    """Read one boundary file once per process (callers get copies)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    gdf = gpd.GeoDataFrame.from_features(data["features"], crs="EPSG:4326")
    columns = [c for c in gdf.columns if c != "geometry"]
    gdf = gdf[[*columns, "geometry"]]
    gdf["adcode"] = gdf["adcode"].astype(str)
    return gdf.reset_index(drop=True)


def load_boundaries(name: str) -> gpd.GeoDataFrame:
    """Boundaries of one file in geo/ as a GeoDataFrame (EPSG:4326), a fresh copy each call."""
    return _read_boundaries(boundary_path(name)).copy()


def join_values(
    gdf: gpd.GeoDataFrame, values: pd.DataFrame, on: str = "adcode"
) -> gpd.GeoDataFrame:
    """Left-join a table of values onto boundaries by `on` (adcodes compared as strings)."""
    if on not in values.columns:
        raise KeyError(f"values has no column {on!r}")
    right = values.copy()
    right[on] = right[on].astype(str)
    if right[on].duplicated().any():
        dupes = sorted(right.loc[right[on].duplicated(), on].unique())
        raise ValueError(f"values has duplicate {on}: {dupes}")
    overlap = [c for c in right.columns if c != on and c in gdf.columns]
    if overlap:
        right = right.drop(columns=overlap)
    left = gdf.copy()
    left[on] = left[on].astype(str)
    merged = left.merge(right, on=on, how="left", validate="one_to_one")
    return gpd.GeoDataFrame(merged, geometry=gdf.geometry.name, crs=gdf.crs)


def _json_value(value: Any) -> Any:
    """A JSON-safe Python scalar (NaN/NA -> None, numpy scalars -> Python)."""
    if value is None:
        return None
    if isinstance(value, float | np.floating) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def _lists(value: Any) -> Any:
    """Nested tuples (as shapely's mapping returns) as nested lists."""
    if isinstance(value, tuple | list):
        return [_lists(v) for v in value]
    return value


def _geojson_geometry(geom: Any) -> dict[str, Any] | None:
    """GeoJSON geometry dict with list coordinates (None for a missing geometry)."""
    if geom is None:
        return None
    return {k: _lists(v) for k, v in mapping(geom).items()}


def _ring(coords: Any) -> list[list[float]]:
    """A ring as [[lon, lat], ...] rounded to DECIMALS."""
    arr = np.round(np.asarray(coords, dtype=float)[:, :2], DECIMALS)
    return arr.tolist()


def _polygon_parts(geom: Any) -> list[Any]:
    """The Polygon parts of a Polygon/MultiPolygon/GeometryCollection (empty list if none)."""
    if geom is None or geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    if geom.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for g in geom.geoms for p in _polygon_parts(g)]
    return []


def to_pydeck_records(
    gdf: gpd.GeoDataFrame, value_cols: Sequence[str] | str = ()
) -> list[dict[str, Any]]:
    """Records for a pydeck PolygonLayer (get_polygon="polygon"): one per polygon part."""
    if isinstance(value_cols, str):
        value_cols = [value_cols]
    keep = [c for c in PROPERTY_COLUMNS if c in gdf.columns]
    keep += [c for c in value_cols if c not in keep]
    missing = [c for c in keep if c not in gdf.columns]
    if missing:
        raise KeyError(f"columns not in gdf: {missing}")
    records: list[dict[str, Any]] = []
    for props, geom in zip(gdf[keep].to_dict("records"), gdf.geometry.to_numpy(), strict=True):
        clean = {k: _json_value(v) for k, v in props.items()}
        for part in _polygon_parts(geom):
            rings = [_ring(part.exterior.coords)] + [_ring(r.coords) for r in part.interiors]
            records.append({**clean, "polygon": rings})
    return records


def label_points(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
    """One label point per feature (inside it): adcode, name_zh, name_en, lon, lat."""
    points = gdf.geometry.representative_point()
    out = pd.DataFrame(
        {
            "adcode": gdf["adcode"].astype(str).to_numpy(),
            "name_zh": gdf["name_zh"].to_numpy(),
            "name_en": gdf["name_en"].to_numpy(),
            "lon": np.round(points.x.to_numpy(), DECIMALS),
            "lat": np.round(points.y.to_numpy(), DECIMALS),
        }
    )
    return out


def _mercator_y(lat: float) -> float:
    """Web-Mercator y in [-pi, pi] for a latitude in degrees."""
    lat = max(min(lat, 85.0511), -85.0511)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def bounds_view(
    gdf: gpd.GeoDataFrame | Iterable[float],
    width: int = 800,
    height: int = 600,
    padding: float = 0.05,
) -> dict[str, float]:
    """pydeck view (longitude, latitude, zoom) that fits the bounds into width x height px."""
    if isinstance(gdf, gpd.GeoDataFrame | gpd.GeoSeries):
        minx, miny, maxx, maxy = (float(v) for v in gdf.total_bounds)
    else:
        minx, miny, maxx, maxy = (float(v) for v in gdf)
    if not all(math.isfinite(v) for v in (minx, miny, maxx, maxy)):
        raise ValueError("cannot fit the view to empty bounds")
    y0, y1 = _mercator_y(miny), _mercator_y(maxy)
    latitude = math.degrees(math.atan(math.sinh((y0 + y1) / 2)))
    usable = 1.0 - 2.0 * padding
    # At zoom z the world is 512 * 2**z px wide (deck.gl tile size 512) and spans 2*pi in y.
    zooms = [22.0]
    if maxx > minx:
        zooms.append(math.log2(width * usable * 360.0 / ((maxx - minx) * 512.0)))
    if y1 > y0:
        zooms.append(math.log2(height * usable * 2.0 * math.pi / ((y1 - y0) * 512.0)))
    return {
        "longitude": round((minx + maxx) / 2, DECIMALS),
        "latitude": round(latitude, DECIMALS),
        "zoom": round(max(min(zooms), 0.0), 2),
    }


def to_altair_geojson(
    gdf: gpd.GeoDataFrame, value_cols: Sequence[str] | str | None = None
) -> dict[str, Any]:
    """FeatureCollection for Altair/Vega-Lite mark_geoshape (d3 winding: clockwise exteriors).

    Use as ``alt.Data(values=fc, format=alt.DataFormat(property="features"))`` and refer to
    fields as ``properties.<column>``. All non-geometry columns are kept unless value_cols
    is given (then the standard properties plus value_cols).
    """
    geom_col = gdf.geometry.name
    if value_cols is None:
        keep = [c for c in gdf.columns if c != geom_col]
    else:
        if isinstance(value_cols, str):
            value_cols = [value_cols]
        keep = [c for c in PROPERTY_COLUMNS if c in gdf.columns]
        keep += [c for c in value_cols if c not in keep]
    # d3-geo (used by Vega) treats counter-clockwise exteriors as "everything but this".
    geoms = shapely.orient_polygons(gdf.geometry.to_numpy(), exterior_cw=True)
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, DECIMALS))
    features = []
    for props, geom in zip(gdf[keep].to_dict("records"), geoms, strict=True):
        features.append(
            {
                "type": "Feature",
                "properties": {k: _json_value(v) for k, v in props.items()},
                "geometry": _geojson_geometry(geom),
            }
        )
    return {"type": "FeatureCollection", "features": features}
