"""Map text and marks as polygons, for decks that draw everything with one fill program.

In software WebGL (headless browsers, remote desktops: where this product is measured and
often presented from) each kind of deck.gl layer costs its own shader pipelines before the
first frame: a TextLayer about half a second. Labels set here from a CJK font's outlines are
plain polygons, drawn by the program the districts are filled with. They are sized in pixels
for the zoom the map opens at and grow and shrink with the map, as on a printed map.

Shapes are made in web-Mercator pixels at a zoom (deck.gl's 512-pixel world, y down) and
then turned into longitude and latitude. Pure: no Streamlit.
"""

from __future__ import annotations

import math
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTCollection, TTFont
from shapely import affinity
from shapely.geometry import LinearRing, LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from lib.maps.deck import lonlat

# Fonts with Chinese glyphs, best first: (file, family of the face to use in a collection).
# scripts/system-deps.sh installs WenQuanYi Micro Hei where no CJK font is present.
FONT_FILES = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC"),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC"),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "WenQuanYi Micro Hei"),
)
CURVE_STEPS = 4  # straight pieces per curve: below a tenth of a pixel at label sizes
TEXT_TOLERANCE = 0.15  # px: simplifying glyphs this much is invisible, and halves the points
HALO_TOLERANCE = 0.5  # px: a halo's edge is a soft white backdrop
# fontTools reads a font's tables on first use: one reader at a time (pages run in threads).
_FONT_LOCK = threading.Lock()
# Where the middle of a line of text is, above the baseline, in ems (CJK glyphs sit in a
# box from -0.12 to 0.88 em; Latin capitals reach about 0.72 em).
MIDDLE = 0.38


# ---------------------------------------------------------------------------------------
# Glyph outlines


def _face(path: str, family: str) -> TTFont:
    if not path.endswith(".ttc"):
        return TTFont(path, lazy=True)
    faces = TTCollection(path, lazy=True).fonts
    return next((f for f in faces if f["name"].getDebugName(1) == family), faces[0])


@lru_cache(maxsize=1)
def label_font() -> TTFont | None:
    """The first CJK font of FONT_FILES on this machine, or None."""
    for path, family in FONT_FILES:
        if Path(path).is_file():
            return _face(path, family)
    return None


class _FlatPen(BasePen):
    """Collects a glyph's contours as point lists, curves cut into straight pieces."""

    def __init__(self, glyph_set) -> None:
        super().__init__(glyph_set)
        self.contours: list[list[tuple[float, float]]] = []
        self._points: list[tuple[float, float]] = []

    def _moveTo(self, point):
        self._points = [point]

    def _lineTo(self, point):
        self._points.append(point)

    def _curveToOne(self, p1, p2, p3):
        (x0, y0) = self._points[-1]
        for step in range(1, CURVE_STEPS + 1):
            t = step / CURVE_STEPS
            u = 1 - t
            a, b, c, d = u**3, 3 * u * u * t, 3 * u * t * t, t**3
            self._points.append(
                (
                    a * x0 + b * p1[0] + c * p2[0] + d * p3[0],
                    a * y0 + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )

    def _qCurveToOne(self, p1, p2):
        (x0, y0) = self._points[-1]
        for step in range(1, CURVE_STEPS + 1):
            t = step / CURVE_STEPS
            u = 1 - t
            self._points.append(
                (
                    u * u * x0 + 2 * u * t * p1[0] + t * t * p2[0],
                    u * u * y0 + 2 * u * t * p1[1] + t * t * p2[1],
                )
            )

    def _closePath(self):
        if len(self._points) >= 3:
            self.contours.append(self._points)
        self._points = []

    _endPath = _closePath


def nonzero_fill(contours: list[list[tuple[float, float]]]) -> BaseGeometry:
    """The area that closed contours fill under the nonzero winding rule (as fonts are drawn).

    TrueType outlines may overlap; holes run against their outer contour, and a contour may
    sit inside a hole (回). Every face of the contours' arrangement is kept whose winding
    number, the sum of the directions of the contours around it, is not zero.
    """
    rings = [LinearRing(c) for c in contours if len(set(c)) >= 3]
    if not rings:
        return Polygon()
    noded = shapely.union_all([LineString(r.coords) for r in rings])
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    areas = [Polygon(r) for r in rings]
    turns = [1 if r.is_ccw else -1 for r in rings]
    kept = []
    for face in faces:
        inside = face.representative_point()
        if sum(turn for area, turn in zip(areas, turns, strict=True) if area.contains(inside)):
            kept.append(face)
    return shapely.union_all(kept) if kept else Polygon()


@lru_cache(maxsize=1024)
def _glyph(char: str) -> tuple[BaseGeometry, float] | None:
    """A character's filled outline in font units (y up) and its advance; None if missing."""
    font = label_font()
    if font is None:
        return None
    with _FONT_LOCK:
        name = font.getBestCmap().get(ord(char))
        if name is None:
            return None
        glyph_set = font.getGlyphSet()
        pen = _FlatPen(glyph_set)
        glyph_set[name].draw(pen)
        advance = float(glyph_set[name].width)
    return nonzero_fill(pen.contours), advance


def text_outline(text: str, size: float) -> BaseGeometry | None:
    """Text set on one line at size px, centred on (0, 0), y down; None if a glyph is missing.

    None as well when no CJK font is installed: callers then draw the text as text.
    """
    glyphs = [_glyph(char) for char in text]
    if not text or any(g is None for g in glyphs):
        return None
    with _FONT_LOCK:
        scale = size / label_font()["head"].unitsPerEm
    parts, advance = [], 0.0
    for shape, width in glyphs:
        if not shape.is_empty:
            parts.append(affinity.affine_transform(shape, [scale, 0, 0, -scale, advance, 0]))
        advance += width * scale
    shape = shapely.union_all(parts) if parts else Polygon()
    return affinity.translate(shape, -advance / 2, MIDDLE * size)


def text_lines(lines: list[str], size: float, leading: float = 1.25) -> BaseGeometry | None:
    """Lines of text set at size px, each centred, the block centred on (0, 0); None as above."""
    shapes = [text_outline(line, size) for line in lines]
    if not lines or any(shape is None for shape in shapes):
        return None
    middle = (len(lines) - 1) / 2
    return shapely.union_all(
        [
            affinity.translate(shape, 0, (i - middle) * leading * size)
            for i, shape in enumerate(shapes)
        ]
    )


def outlined_text(
    text: str, x: float, y: float, size: float, halo: float
) -> tuple[BaseGeometry, BaseGeometry] | None:
    """The halo and the glyphs of a label centred at (x, y) px, simplified; None as above."""
    shape = text_outline(text, size)
    if shape is None:
        return None
    shape = affinity.translate(shape, x, y)
    around = shape.buffer(halo, quad_segs=2).simplify(HALO_TOLERANCE)
    return around, shape.simplify(TEXT_TOLERANCE)


# ---------------------------------------------------------------------------------------
# Marks


def bar(start: tuple[float, float], end: tuple[float, float], width: float) -> Polygon:
    """A straight line of a width in px between two points, as a polygon."""
    return LineString([start, end]).buffer(width / 2, cap_style="flat")


def disc(centre: tuple[float, float], diameter: float) -> Polygon:
    """A round dot of a diameter in px, as a polygon: enough sides that no edge strays more
    than a tenth of a pixel from the circle."""
    radius = diameter / 2
    sides_per_quarter = math.ceil(math.pi / 4 / math.acos(1 - min(1.0, 0.1 / radius)))
    return Point(centre).buffer(radius, quad_segs=max(3, sides_per_quarter))


# ---------------------------------------------------------------------------------------
# To the deck


def decimals_for(zoom: float) -> int:
    """Decimal places for degrees that keep rounding (half the last place) under a tenth of
    a pixel: invisible, with no place more than that needs (each is a byte per number)."""
    pixel = 360.0 / (512.0 * 2.0**zoom)
    return max(0, math.ceil(-math.log10(pixel / 5)))


def polygon_rings(shape: BaseGeometry, zoom: float) -> list[list[list[list[float]]]]:
    """A shape in pixels as deck.gl polygons in degrees: one list of rings per part."""
    places = decimals_for(zoom)

    def degrees(coords) -> list[list[float]]:
        xy = np.asarray(coords)
        lon, lat = lonlat(xy[:, 0], xy[:, 1], zoom)
        return np.round(np.column_stack([lon, lat]), places).tolist()

    return [
        [degrees(part.exterior.coords), *(degrees(ring.coords) for ring in part.interiors)]
        for part in shapely.get_parts(shape)
        if isinstance(part, Polygon) and not part.is_empty
    ]
