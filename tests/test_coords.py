"""GCJ-02 -> WGS84 conversion (lib/coords.py) against prcoords and round-trips."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon

from lib.coords import gcj_to_wgs, gcj_to_wgs_xy, geometry_gcj_to_wgs, wgs_to_gcj

# (lon, lat) in GCJ-02: Hangzhou, Chun'an, Zhoushan, Shanghai, Hefei, Wenzhou, Xuancheng
POINTS = [
    (120.158694, 30.258262),
    (118.5, 29.6),
    (122.3, 30.0),
    (121.47, 31.23),
    (117.2, 31.8),
    (120.65, 28.0),
    (118.76, 30.94),
]


def _metres(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Haversine distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371000 * math.asin(math.sqrt(a))


def test_inverse_matches_prcoords_bored() -> None:
    prcoords = pytest.importorskip("prcoords", reason="prcoords is a build-time reference")
    lon = np.array([p[0] for p in POINTS])
    lat = np.array([p[1] for p in POINTS])
    w_lon, w_lat = gcj_to_wgs(lon, lat)
    for i, (x, y) in enumerate(POINTS):
        ref = prcoords.gcj_wgs_bored((y, x))
        assert _metres(ref.lon, ref.lat, w_lon[i], w_lat[i]) < 0.5


def test_forward_matches_prcoords() -> None:
    prcoords = pytest.importorskip("prcoords", reason="prcoords is a build-time reference")
    for x, y in POINTS:
        ref = prcoords.wgs_gcj((y, x))
        f_lon, f_lat = wgs_to_gcj(np.array([x]), np.array([y]))
        assert f_lon[0] == pytest.approx(ref.lon, abs=1e-12)
        assert f_lat[0] == pytest.approx(ref.lat, abs=1e-12)


def test_round_trip_and_offset_size() -> None:
    xy = np.array(POINTS)
    wgs = gcj_to_wgs_xy(xy)
    back_lon, back_lat = wgs_to_gcj(wgs[:, 0], wgs[:, 1])
    assert np.abs(back_lon - xy[:, 0]).max() < 1e-9
    assert np.abs(back_lat - xy[:, 1]).max() < 1e-9
    # The GCJ-02 offset in this region is a few hundred metres, mostly eastward.
    for (gx, gy), (wx, wy) in zip(xy, wgs, strict=True):
        assert 300 < _metres(gx, gy, wx, wy) < 800
        assert wx < gx


def test_geometry_transform_keeps_shape() -> None:
    poly = Polygon([(120.1, 30.2), (120.2, 30.2), (120.2, 30.3), (120.1, 30.3)])
    out = geometry_gcj_to_wgs(poly)
    assert out.is_valid
    assert shapely.get_num_coordinates(out) == 5
    assert out.area == pytest.approx(poly.area, rel=1e-2)
    expected = gcj_to_wgs_xy(np.array(poly.exterior.coords))
    np.testing.assert_allclose(np.array(out.exterior.coords), expected)
