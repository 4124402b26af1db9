"""Text and marks as polygons (lib/maps/glyphs.py): fill rule, placement, sizes, degrees."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import shapely

from lib.maps import glyphs
from lib.maps.deck import world_px


def square(x0: float, y0: float, size: float, clockwise: bool = False) -> list:
    points = [(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size)]
    return points[::-1] if clockwise else points


def test_overlapping_contours_of_one_direction_fill_their_union():
    # TrueType fonts may draw a glyph as overlapping strokes: no hole where they cross.
    filled = glyphs.nonzero_fill([square(0, 0, 10), square(5, 5, 10)])
    assert filled.area == pytest.approx(175)
    assert all(not part.interiors for part in shapely.get_parts(filled))


def test_a_contour_against_its_outer_one_is_a_hole_and_one_inside_that_is_filled():
    # 回: a square, its hole, a smaller square in the hole and the smaller square's hole.
    contours = [
        square(0, 0, 10),
        square(1, 1, 8, clockwise=True),
        square(3, 3, 4),
        square(4, 4, 2, clockwise=True),
    ]
    parts = shapely.get_parts(glyphs.nonzero_fill(contours))
    assert len(parts) == 2 and all(len(part.interiors) == 1 for part in parts)
    assert sum(part.area for part in parts) == pytest.approx(100 - 64 + 16 - 4)


def test_chinese_text_is_set_centred_at_its_size_with_the_holes_of_its_glyphs():
    assert glyphs.label_font() is not None, "make test installs a CJK font (system-deps)"
    text = glyphs.text_outline("上城区", 14)
    x0, y0, x1, y1 = text.bounds
    assert 38 <= x1 - x0 <= 42 and 10 <= y1 - y0 <= 14  # three square glyphs of 14 px
    assert abs(x0 + x1) < 1 and abs(y0 + y1) < 2  # centred on (0, 0)
    (mouth,) = shapely.get_parts(glyphs.text_outline("口", 14))
    assert len(mouth.interiors) == 1
    assert len(shapely.get_parts(glyphs.text_outline("回", 14))) == 2
    latin = glyphs.text_outline("Chun'an", 14)
    assert latin.bounds[2] - latin.bounds[0] < 7 * 14 * 0.7  # Latin letters are narrower


def test_text_the_font_cannot_set_is_left_to_the_caller(monkeypatch):
    assert glyphs.text_outline("\ue000", 14) is None  # a private-use character
    assert glyphs.text_outline("", 14) is None
    monkeypatch.setattr(glyphs, "label_font", lambda: None)
    glyphs._glyph.cache_clear()
    try:
        assert glyphs.text_outline("上城区", 14) is None
    finally:
        glyphs._glyph.cache_clear()


def test_sessions_setting_text_at_once_get_what_one_alone_gets():
    names = ["上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区"]
    glyphs.label_font.cache_clear()  # the font opened afresh and its tables read at once
    glyphs._glyph.cache_clear()
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda name: glyphs.text_outline(name, 14), names))
    alone = [glyphs.text_outline(name, 14) for name in names]
    assert all(a.equals(b) for a, b in zip(together, alone, strict=True))


def test_a_label_is_its_glyphs_on_a_halo_around_them():
    halo, text = glyphs.outlined_text("滨江区", 300, 200, 14, 2)
    assert halo.contains(text.buffer(1))  # the halo surrounds every glyph by its width
    assert not halo.contains(text.buffer(3))
    cx, cy = (text.bounds[0] + text.bounds[2]) / 2, (text.bounds[1] + text.bounds[3]) / 2
    assert abs(cx - 300) < 1 and abs(cy - 200) < 2


def test_lines_of_text_stack_one_under_another_centred_as_a_block():
    one = glyphs.text_outline("Sci-Tech", 13)
    block = glyphs.text_lines(["Ningbo", "Sci-Tech", "Corridor"], 13, leading=1.25)
    x0, y0, x1, y1 = block.bounds
    assert abs(y0 + y1) < 2 and abs(x0 + x1) < 2  # the block centred on (0, 0)
    assert 2 * 1.25 * 13 < y1 - y0 < 3 * 1.25 * 13  # three lines, 1.25 em apart
    assert block.contains(one.representative_point())  # the middle line in the middle
    assert glyphs.text_lines(["Ningbo", "\ue000"], 13) is None  # one line unset: none


@pytest.mark.parametrize("diameter", [5, 9.5, 14.5, 40])
def test_bars_and_discs_have_the_width_they_are_given(diameter):
    line = glyphs.bar((0, 0), (30, 40), 1.2)
    assert line.area == pytest.approx(50 * 1.2)
    dot = glyphs.disc((5, 5), diameter)
    radius = diameter / 2
    assert dot.area == pytest.approx(np.pi * radius**2, rel=0.05)
    # Round to a tenth of a pixel: the middle of every edge, nearest the circle's centre.
    corners = np.array(dot.exterior.coords)
    middles = (corners[1:] + corners[:-1]) / 2
    assert (radius - np.hypot(*(middles - 5).T)).max() <= 0.1


@pytest.mark.parametrize("zoom", [7.0, 9.3, 12.0])
def test_polygons_in_degrees_land_on_their_pixels_within_a_tenth(zoom):
    x, y = world_px(np.array([120.15]), np.array([30.28]), zoom)
    shape = glyphs.disc((float(x[0]), float(y[0])), 10)
    ((ring,),) = glyphs.polygon_rings(shape, zoom)
    back_x, back_y = world_px(*np.array(ring).T, zoom)
    drawn = np.array(shape.exterior.coords)
    assert np.abs(back_x - drawn[:, 0]).max() < 0.1
    assert np.abs(back_y - drawn[:, 1]).max() < 0.1
