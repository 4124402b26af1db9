"""Pictures for slides: title, subtitle, legend and source drawn in; Chinese rendered in a CJK font.

The exported files are written to test-artifacts/export-*.png|svg: look at them.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import altair as alt
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from lib import image_export as ie
from lib.charts.compare import shared_indicator_chart
from tests.conftest import REPO_ROOT

ARTIFACTS = REPO_ROOT / "test-artifacts"
TITLE_ZH = "研究与试验发展经费支出占地区生产总值比重"
SUBTITLE_ZH = "浙江省、杭州市 · 2022–2027年 · 单位：%"
SOURCE_ZH = (
    "来源：《浙江省“315”科技创新体系建设工程实施方案（2023—2027年）》（2023-02-12印发）；"
    "《杭州市落实省“315”科技创新体系建设工程2024年工作计划》（杭科领办〔2024〕1号）"
)
PLANS = pd.DataFrame(
    {
        "id": ["zj_315_2023", "hz_315_2024"],
        "title_zh": ["浙江省“315”科技创新体系建设工程实施方案（2023—2027年）", "杭州工作计划"],
        "title_en": ["Zhejiang 315 plan", "Hangzhou work plan"],
        "doc_number": [None, "杭科领办〔2024〕1号"],
        "issue_date": ["2023-02-12", "2024-03-12"],
    }
)


def save(name: str, data: bytes) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(data)


def compare_chart(lang: str = "zh") -> alt.TopLevelMixin:
    points = pd.DataFrame(
        {
            "plan": ["省“315”实施方案", "杭州315工作计划", "省“315”实施方案"],
            "year": [2027, 2027, 2022],
            "value": [3.4, 4.2, 3.0],
            "label": ["超过3.4%", "4.2%", "3.0%"],
            "kind": ["target", "target", "baseline"],
        }
    )
    return shared_indicator_chart(
        points, TITLE_ZH, "%", ["省“315”实施方案", "杭州315工作计划"], lang
    )


def line_chart() -> alt.Chart:
    frame = pd.DataFrame(
        {
            "year": [2020, 2021, 2022, 2020, 2021, 2022],
            "value": [2.8, 2.9, 3.1, 3.5, 3.7, 3.9],
            "region": ["浙江省"] * 3 + ["杭州市"] * 3,
        }
    )
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="年份"),
            y=alt.Y("value:Q", title="%"),
            color=alt.Color("region:N", title="地区"),
        )
        .properties(title="old title", height=300)
    )


def geoshape_map() -> alt.LayerChart:
    """Two squares with Chinese names, drawn as Altair geoshapes like the static maps."""

    def square(x: float, y: float, name: str, value: int) -> dict:
        ring = [[x, y], [x, y + 0.1], [x + 0.1, y + 0.1], [x + 0.1, y], [x, y]]
        return {
            "type": "Feature",
            "properties": {"name": name, "class": f"{value}家"},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }

    features = [square(120.0, 30.0, "西湖区", 245), square(120.1, 30.0, "滨江区", 388)]
    collection = {"type": "FeatureCollection", "features": features}
    data = alt.Data(values=collection, format=alt.DataFormat(property="features"))
    shapes = (
        alt.Chart(data)
        .mark_geoshape(stroke="#333")
        .encode(
            color=alt.Color(
                "properties.class:N",
                title="新增高新技术企业数（家）",
                scale=alt.Scale(range=["#fde725", "#21918c"]),
            )
        )
    )
    labels = (
        alt.Chart(
            pd.DataFrame(
                {"lon": [120.05, 120.15], "lat": [30.05, 30.05], "n": ["西湖区", "滨江区"]}
            )
        )
        .mark_text(fontSize=14)
        .encode(longitude="lon:Q", latitude="lat:Q", text="n:N")
    )
    return alt.layer(shapes, labels).project("mercator").properties(width=420, height=260)


# --- fonts -------------------------------------------------------------------------------


def test_a_cjk_font_directory_is_found_and_registered():
    folders = ie.cjk_font_dirs()
    assert folders, "no CJK font: run `make system-deps` (fonts-wqy-microhei)"
    assert ie.register_cjk_fonts() == tuple(folders)


# --- wrapping and text helpers -------------------------------------------------------------


def test_wrap_counts_chinese_as_two_and_keeps_numbers_and_words_whole():
    lines = ie.wrap_units(SOURCE_ZH, 48)
    assert len(lines) > 2
    assert "".join(lines) == SOURCE_ZH
    for line in lines:
        assert sum(2 if ord(c) >= 0x2E80 else 1 for c in line) <= 48
        assert not line.startswith(("》", "）", "；"))  # no closing mark opens a line
    assert any("“315”" in line for line in lines)
    sentence = "Source: Zhejiang Implementation Plan for the 315 Project"
    english = ie.wrap_units(sentence, 30)
    assert all(len(line) <= 30 for line in english)
    assert " ".join(english) == sentence  # broken at spaces only


def test_source_line_names_each_plan_and_its_document():
    zh = ie.source_line(PLANS, ["zj_315_2023", "hz_315_2024", "unknown"], "zh")
    assert zh == (
        "来源：《浙江省“315”科技创新体系建设工程实施方案（2023—2027年）》（2023-02-12印发）；"
        "《杭州工作计划》（杭科领办〔2024〕1号）"
    )
    en = ie.source_line(PLANS, ["hz_315_2024"], "en")
    assert en == "Source: Hangzhou work plan (杭科领办〔2024〕1号)"
    assert ie.source_line(PLANS, [], "zh") == ""


def test_subtitle_gives_regions_years_and_unit():
    assert (
        ie.presentation_subtitle(["浙江省", "杭州市", "浙江省"], [2027, 2022, 2025], "%", "zh")
        == SUBTITLE_ZH
    )
    assert ie.presentation_subtitle(["Hangzhou"], [2024], "", "en") == "Hangzhou · 2024"


# --- the presentation wrapper -----------------------------------------------------------------


def test_with_presentation_puts_title_above_and_source_below_the_plot():
    chart = ie.with_presentation(compare_chart(), TITLE_ZH, SUBTITLE_ZH, SOURCE_ZH)
    spec = chart.to_dict()
    assert spec["title"]["text"] == TITLE_ZH
    assert spec["title"]["subtitle"] == [SUBTITLE_ZH]
    plot, source = spec["vconcat"]
    assert "title" not in plot  # the chart's own title gave way
    assert "config" not in plot  # config only at the top, where Vega-Lite allows it
    assert "".join(source["encoding"]["text"]["value"]) == SOURCE_ZH
    # The chart's own settings survive: no frame around the plot, its legend on the right.
    assert spec["config"]["view"]["stroke"] is None
    assert spec["config"]["font"].startswith('"Noto Sans CJK SC"')
    assert spec["resolve"]["legend"]["color"] == "independent"
    assert spec["background"] == "white"
    # Text large enough for a room: axis labels at least 14 px.
    assert spec["config"]["axis"]["labelFontSize"] >= 14


def test_with_presentation_leaves_the_original_chart_alone():
    chart = line_chart()
    ie.with_presentation(chart, "新标题", None, "来源")
    assert chart.to_dict()["title"] == "old title"


def test_for_screen_keeps_the_chart_a_single_view_with_title_subtitle_and_source():
    shown = ie.for_screen(line_chart(), TITLE_ZH, SUBTITLE_ZH, SOURCE_ZH)
    spec = shown.to_dict()
    assert "mark" in spec and "vconcat" not in spec  # still fills the page's width
    assert spec["title"]["text"] == TITLE_ZH
    assert spec["title"]["subtitle"][0] == SUBTITLE_ZH
    assert "".join(spec["title"]["subtitle"][1:]) == SOURCE_ZH
    assert spec["height"] == 300 + ie.title_height(len(spec["title"]["subtitle"]))


def test_for_theme_lightens_dark_text_only_on_a_dark_page():
    chart = compare_chart()
    assert ie.for_theme(chart, "light") is chart
    dark = ie.for_theme(chart, "dark").to_dict()["config"]
    assert dark["title"]["subtitleColor"] == ie.COLOURS["dark"]["subtitle"]
    assert dark["legend"]["symbolFillColor"] == ie.COLOURS["dark"]["subtitle"]
    assert dark["view"]["stroke"] is None  # the rest of the chart's config is kept


# --- rendering -----------------------------------------------------------------------------


def _svg_text(svg: bytes) -> str:
    root = ET.fromstring(svg)
    return "".join(root.itertext())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_svg_has_the_title_subtitle_legend_and_source_as_text(lang):
    title = TITLE_ZH if lang == "zh" else "R&D intensity"
    subtitle = SUBTITLE_ZH if lang == "zh" else "Zhejiang, Hangzhou · 2022–2027 · unit: %"
    source = ie.source_line(PLANS, ["zj_315_2023", "hz_315_2024"], lang)
    svg = ie.to_svg(ie.with_presentation(compare_chart(lang), title, subtitle, source))
    save(f"export-compare-{lang}.svg", svg)
    text = _svg_text(svg)
    assert title in text and subtitle in text
    assert "省“315”实施方案" in text  # the legend's entries
    assert "杭科领办〔2024〕1号" in text  # the source line, under the plot
    fonts = set(re.findall(rb'font-family="([^"]*)"', svg))
    assert all(b"Noto Sans CJK SC" in f for f in fonts), fonts
    assert 20_000 > len(svg) > 3_000


def test_png_is_a_sharp_image_of_slide_size_with_the_title_drawn():
    png = ie.to_png(ie.with_presentation(compare_chart(), TITLE_ZH, SUBTITLE_ZH, SOURCE_ZH))
    save("export-compare-zh.png", png)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    assert width >= 900 and height >= 700, image.size  # scale 2: sharp on a projector
    assert 30_000 < len(png) < 2_000_000
    pixels = np.asarray(image)
    # A white picture (not transparent) with dark title text in its top-left corner.
    assert (pixels[height - 15 : height - 5, width - 20 : width - 5] == 255).all()
    title_band = pixels[: int(ie.TITLE_SIZE * 2 * 1.5), : width // 2]
    assert (title_band.sum(axis=2) < 150).sum() > 2_000


def test_chinese_glyphs_are_drawn_not_empty_boxes():
    # Without a CJK font every Chinese character is the same "missing glyph" box, so two
    # titles of different characters would render alike. With the font they differ.
    def title_pixels(text: str) -> np.ndarray:
        chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")
        png = ie.to_png(ie.with_presentation(chart, text, None, None), scale=1)
        image = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
        return image[: ie.TITLE_SIZE + 16, : ie.TITLE_SIZE * 6]

    first, second = title_pixels("研研研研"), title_pixels("省市区县")
    assert (first < 128).sum() > 100 and (second < 128).sum() > 100
    assert (np.abs(first.astype(int) - second.astype(int)) > 64).sum() > 200


def test_a_geoshape_map_exports_with_its_legend_labels_and_source():
    chart = ie.with_presentation(
        geoshape_map(),
        "杭州市2024年度目标分解：新增高新技术企业数",
        "杭州市各区县 · 2024年",
        "来源：《杭州市落实省“315”科技创新体系建设工程2024年工作计划》附件",
    )
    svg, png = ie.to_svg(chart), ie.to_png(chart)
    save("export-map-zh.svg", svg)
    save("export-map-zh.png", png)
    text = _svg_text(svg)
    for expected in ("新增高新技术企业数（家）", "西湖区", "滨江区", "388家", "来源："):
        assert expected in text
    assert b"<path" in svg  # the shapes
    width, height = Image.open(io.BytesIO(png)).size
    assert width >= 800 and height >= 500
