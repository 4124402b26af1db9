"""Charts and maps as pictures for slides, with title, subtitle and source drawn in: PNG, SVG.

`with_presentation` wraps any Altair chart (a chart, a layer, a concat, a static geoshape
map) so that the picture carries its own title, a subtitle (region and year) and a source
line (plan and document) under the plot; the chart's legends stay as they are. `to_png` and
`to_svg` render it with vl-convert, which draws text with the fonts it knows: without a
CJK font Chinese comes out as empty boxes, so the font directories that fontconfig lists
for Chinese are registered once, and the chart's font is set to a CJK family first.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from functools import lru_cache

import altair as alt
import pandas as pd

# Families tried in this order; a picture names the whole list, so an SVG opened on
# Windows or macOS falls back to the CJK font installed there.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
)
FALLBACK_FONT_DIRS = (
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/noto-cjk",
)
FONT_STACK = ", ".join(f'"{family}"' for family in CJK_FAMILIES) + ", sans-serif"
PNG_SCALE = 2  # pixels per CSS pixel: sharp on a projector and in a slide
EXPORT_WIDTH = 880  # a chart with no width of its own (or "container") gets this in a picture
TITLE_SIZE = 26
SUBTITLE_SIZE = 17
SOURCE_SIZE = 13
SOURCE_WIDTH = 10  # the text overflows its tiny view; Vega sizes the picture to the text
SOURCE_LINE_UNITS = 110  # wrap the source line at about this many Latin-letter widths
MIN_TEXT_SIZES = {
    "axis": {"labelFontSize": 14, "titleFontSize": 15},
    "legend": {"labelFontSize": 14, "titleFontSize": 14},
}
# On a shared screen, read from the back of the room (a picture is scaled with the slide).
SCREEN_TEXT_SIZES = {
    "axis": {"labelFontSize": 17, "titleFontSize": 18},
    "legend": {"labelFontSize": 17, "titleFontSize": 17},
    "header": {"labelFontSize": 15},  # small multiples' panel headers, wrapped to fit at 15
}
# Text colours per background: both pass WCAG AA for their size on a projector.
COLOURS = {
    "light": {
        "background": "white",
        "title": "#111111",
        "subtitle": "#333333",
        "source": "#555555",
    },
    "dark": {"background": None, "title": "#f5f5f5", "subtitle": "#d6d6d6", "source": "#b8b8b8"},
}
LEGEND_CHANNELS = (
    "color",
    "fill",
    "stroke",
    "shape",
    "size",
    "opacity",
    "fillOpacity",
    "strokeOpacity",
    "strokeWidth",
    "strokeDash",
    "angle",
)
# Properties Vega-Lite allows only on the outermost chart: moved from the wrapped chart.
_TOP_LEVEL_ONLY = ("config", "autosize", "background", "padding", "usermeta", "$schema")


def cjk_font_dirs() -> list[str]:
    """Directories holding a font that covers Chinese, as fontconfig lists them."""
    found: list[str] = []
    try:
        listing = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20
        ).stdout
    except (OSError, subprocess.SubprocessError):
        listing = ""
    for line in listing.splitlines():
        path = line.split(":", 1)[0].strip()
        folder = os.path.dirname(path)
        if path and folder not in found:
            found.append(folder)
    # Without fontconfig (a slim container), look where Debian's packages put them.
    return found or [d for d in FALLBACK_FONT_DIRS if os.path.isdir(d)]


@lru_cache(maxsize=1)
def register_cjk_fonts() -> tuple[str, ...]:
    """Make vl-convert know the CJK fonts (once per process); the directories registered."""
    import vl_convert

    folders = tuple(cjk_font_dirs())
    for folder in folders:
        vl_convert.register_font_directory(folder)
    return folders


_OPENING = "《（「『“‘(["
_CLOSING = "》）」』，。；：、”’)]!?,.;:"


def _width(char: str) -> int:
    return 2 if ord(char) >= 0x2E80 else 1


def _break_at(line: str) -> int:
    """Where to break a full line: after its last space, CJK character or punctuation, so
    that Latin words and numbers (“315”, “2023—2027”) stay whole; 0 when nowhere."""
    for i in range(len(line) - 1, 0, -1):
        before, after = line[i - 1], line[i]
        between_words = before == " " or not (before.isascii() and after.isascii())
        if between_words and after not in _CLOSING and before not in _OPENING:
            return i
    return 0


def wrap_units(text: str, limit: int = SOURCE_LINE_UNITS) -> list[str]:
    """Text cut into lines of at most `limit` widths (a Chinese character counts two)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for char in paragraph:
            if sum(map(_width, line)) + _width(char) > limit and line:
                cut = _break_at(line + char)
                if cut <= len(line) // 3:
                    cut = len(line)  # one long word: cut it rather than leave a stub
                lines.append(line[:cut].rstrip())
                line = line[cut:].lstrip()
            line += char
        lines.append(line)
    return [line for line in lines if line.strip()]


def _lines(text: str | Iterable[str] | None, limit: int = SOURCE_LINE_UNITS) -> list[str]:
    if not text:
        return []
    parts = [text] if isinstance(text, str) else list(text)
    return [line for part in parts for line in wrap_units(part, limit)]


def _units_for(width: float | None, size: float = SOURCE_SIZE) -> int:
    """How many Latin-letter widths of text at `size` fit across a plot and its legend."""
    if not width:
        return SOURCE_LINE_UNITS
    return max(40, min(SOURCE_LINE_UNITS, int((width + 160) / (size * 0.56))))


def title_height(subtitle_lines: int) -> int:
    """The height in px of a presentation title with this many subtitle lines."""
    return round(TITLE_SIZE * 1.25 + 6 + subtitle_lines * SUBTITLE_SIZE * 1.3 + 16)


def _detach(chart: alt.TopLevelMixin) -> tuple[alt.TopLevelMixin, dict]:
    """A shallow copy of chart without its top-level-only properties, and those properties."""
    inner = chart.copy(deep=False)
    moved = {}
    for name in _TOP_LEVEL_ONLY:
        value = inner._get(name) if hasattr(inner, "_get") else getattr(inner, name, alt.Undefined)
        if value is not alt.Undefined:
            moved[name] = value
            inner[name] = alt.Undefined
    return inner, moved


def with_presentation(
    chart: alt.TopLevelMixin,
    title: str,
    subtitle: str | Iterable[str] | None = None,
    source: str | Iterable[str] | None = None,
    *,
    theme: str = "light",
    width: int | None = None,
) -> alt.VConcatChart:
    """The chart with a title and subtitle above it and a source line under it, in CJK fonts.

    The chart's own title gives way to `title`; its legends, config and data are kept.
    theme "light" paints a white background (pictures, light screens); "dark" leaves the
    background to the page and uses light text. `width` sets the plot's width when the
    chart has none of its own (pictures default to EXPORT_WIDTH).
    """
    colours = COLOURS[theme]
    inner, moved = _detach(chart)
    inner_width = inner._get("width") if hasattr(inner, "_get") else alt.Undefined
    if width and inner_width in (alt.Undefined, "container") and _has_size(inner):
        inner["width"] = width
    # The chart's own title gives way to the presentation title above everything.
    inner["title"] = alt.Undefined
    parts = [inner]
    plot_width = inner_width if isinstance(inner_width, int | float) else None
    source_lines = _lines(source, _units_for(plot_width))
    if source_lines:
        parts.append(_source_chart(source_lines, colours["source"]))
    outer = alt.vconcat(*parts, spacing=14).properties(
        title=alt.TitleParams(
            title,
            subtitle=_lines(subtitle) or alt.Undefined,
            anchor="start",
            fontSize=TITLE_SIZE,
            subtitleFontSize=SUBTITLE_SIZE,
            color=colours["title"],
            subtitleColor=colours["subtitle"],
            subtitlePadding=6,
            offset=16,
            limit=0,
        ),
    )
    # Legends belong to the plot: shared at the concat level they would stand to the right
    # of the source line, far from the plot when the line is long.
    outer = outer.resolve_legend(**dict.fromkeys(LEGEND_CHANNELS, "independent"))
    for name, value in moved.items():
        if name != "config":
            outer[name] = value
    if colours["background"]:
        outer["background"] = colours["background"]
    outer["config"] = legible_config(moved.get("config", alt.Undefined))
    return outer


def legible_config(
    config: alt.Config | object, minimum: dict[str, dict[str, int]] = MIN_TEXT_SIZES
) -> alt.Config:
    """The chart's config with CJK fonts and axis and legend text no smaller than
    `minimum` (sizes the chart sets larger are kept)."""
    spec = config.to_dict() if isinstance(config, alt.Config) else {}
    for section, sizes in minimum.items():
        part = spec.setdefault(section, {})
        for name, size in sizes.items():
            if not isinstance(part.get(name), int | float) or part[name] < size:
                part[name] = size
    spec["font"] = FONT_STACK
    return alt.Config.from_dict(spec, validate=False)


def for_theme(chart: alt.TopLevelMixin, theme: str) -> alt.TopLevelMixin:
    """The chart readable on a dark page: its text, grid and plain symbols made light.

    Charts set dark greys for light pages (a subtitle in #444, a black shape symbol), and
    without Streamlit's theme (presenter mode draws charts with their own sizes) Vega's
    defaults are black. On a light page the chart is returned unchanged.
    """
    if theme != "dark":
        return chart
    config = chart._get("config")
    spec = config.to_dict() if isinstance(config, alt.Config) else {}
    light, soft = COLOURS["dark"]["title"], COLOURS["dark"]["subtitle"]
    spec.setdefault("title", {}).update(color=light, subtitleColor=soft)
    spec.setdefault("axis", {}).update(
        labelColor=soft,
        titleColor=soft,
        gridColor="#3b4350",
        domainColor="#6b7380",
        tickColor="#6b7380",
    )
    # symbolFillColor only colours symbols no scale colours (a shape legend's).
    spec.setdefault("legend", {}).update(labelColor=soft, titleColor=soft, symbolFillColor=soft)
    spec.setdefault("text", {}).setdefault("color", soft)
    spec.setdefault("header", {}).update(labelColor=soft, titleColor=soft)
    spec["background"] = "transparent"
    shown = chart.copy(deep=False)
    shown["config"] = alt.Config.from_dict(spec, validate=False)
    shown["background"] = "transparent"
    return shown


def for_screen(
    chart: alt.TopLevelMixin,
    title: str,
    subtitle: str | Iterable[str] | None = None,
    source: str | Iterable[str] | None = None,
    *,
    theme: str = "light",
) -> alt.TopLevelMixin:
    """The chart for presenter mode on screen: title, subtitle and source line above the plot.

    Unlike with_presentation the chart stays what it was (a chart or layer keeps filling
    the page's width with its legend beside it, which a concatenation cannot); so the
    source line goes under the subtitle rather than under the plot.
    """
    colours = COLOURS[theme]
    shown = chart.copy(deep=False)
    width = shown._get("width")
    units = _units_for(width if isinstance(width, int | float) else None, SUBTITLE_SIZE)
    lines = _lines(subtitle, units) + _lines(source, units)
    # No limit: Streamlit then limits the title to the page's width (an ellipsis beyond).
    shown["title"] = alt.TitleParams(
        title,
        subtitle=lines or alt.Undefined,
        anchor="start",
        fontSize=TITLE_SIZE,
        subtitleFontSize=SUBTITLE_SIZE,
        color=colours["title"],
        subtitleColor=colours["subtitle"],
        subtitlePadding=6,
        offset=16,
    )
    height = shown._get("height")
    if isinstance(height, int | float):
        # Streamlit fits the whole chart, title included, into its height: grow it by the
        # title's lines so the plot keeps its size.
        shown["height"] = height + title_height(len(lines))
    shown["config"] = legible_config(shown._get("config"), SCREEN_TEXT_SIZES)
    return for_theme(shown, theme)


def _source_chart(lines: list[str], colour: str) -> alt.Chart:
    """The source line as a chart of its own under the plot.

    Not the plot's bottom title: Vega places right-hand legends beyond a title's width,
    so a long source line would push the legend far from the plot.
    """
    line_height = round(SOURCE_SIZE * 1.45)
    return (
        alt.Chart(alt.Data(values=[{}]))
        .mark_text(
            align="left",
            baseline="top",
            x=0,
            y=0,
            fontSize=SOURCE_SIZE,
            lineHeight=line_height,
            color=colour,
        )
        .encode(text=alt.value(lines))
        .properties(
            width=SOURCE_WIDTH,
            height=line_height * len(lines),
            view=alt.ViewBackground(stroke=None, fill=None),
        )
    )


def _has_size(chart: alt.TopLevelMixin) -> bool:
    # Concatenations and facets size their children; only charts and layers take a width.
    return isinstance(chart, alt.Chart | alt.LayerChart)


def _export_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec for a picture: CJK fonts, a white background, a sensible width."""
    # No schema validation: it is slow on map data, and vl-convert rejects a bad spec anyway.
    spec = chart.to_dict(validate=False)
    config = spec.setdefault("config", {})
    config.setdefault("font", FONT_STACK)
    spec.setdefault("background", "white")
    for child in spec.get("vconcat", []):
        if "width" not in child and ("mark" in child or "layer" in child):
            child["width"] = EXPORT_WIDTH
        if child.get("width") == "container":
            child["width"] = EXPORT_WIDTH
    if spec.get("width") == "container":
        spec["width"] = EXPORT_WIDTH
    return spec


def to_svg(chart: alt.TopLevelMixin) -> bytes:
    """The chart as an SVG document (text kept as text, with the CJK font list)."""
    import vl_convert

    register_cjk_fonts()
    return vl_convert.vegalite_to_svg(_export_spec(chart)).encode("utf-8")


def to_png(chart: alt.TopLevelMixin, scale: float = PNG_SCALE) -> bytes:
    """The chart as a PNG image at `scale` pixels per CSS pixel."""
    import vl_convert

    register_cjk_fonts()
    return vl_convert.vegalite_to_png(_export_spec(chart), scale=scale)


def source_line(plans: pd.DataFrame, plan_ids: Iterable[str], lang: str) -> str:
    """The source line of a view: each plan's title with its document number.

    plans: the plan table (id, title_zh/title_en, doc_number, issue_date); unknown ids are
    skipped. The document number says which document; without one, the issue date does.
    """
    table = plans.set_index("id") if "id" in plans.columns else plans
    parts = []
    for plan_id in dict.fromkeys(plan_ids):
        if plan_id not in table.index:
            continue
        plan = table.loc[plan_id]
        title = plan["title_en" if lang == "en" else "title_zh"]
        document = plan.get("doc_number") or ""
        if not isinstance(document, str) or not document.strip():
            issued = plan.get("issue_date") or ""
            document = (
                (f"issued {issued}" if lang == "en" else f"{issued}印发")
                if isinstance(issued, str) and issued
                else ""
            )
        if lang == "en":
            parts.append(f"{title} ({document})" if document else title)
        else:
            parts.append(f"《{title}》（{document}）" if document else f"《{title}》")
    if not parts:
        return ""
    return ("Source: " + "; ".join(parts)) if lang == "en" else ("来源：" + "；".join(parts))


def presentation_subtitle(
    regions: Iterable[str], years: Iterable[int | float], unit: str | None, lang: str
) -> str:
    """The subtitle of a chart or map: its regions, its years and its unit."""
    names = [r for r in dict.fromkeys(regions) if r]
    spans = sorted({int(y) for y in years if y is not None and not pd.isna(y)})
    parts = []
    if names:
        parts.append(("、" if lang != "en" else ", ").join(names))
    if spans:
        first, last = spans[0], spans[-1]
        text = str(first) if first == last else f"{first}–{last}"
        parts.append(text if lang == "en" else f"{text}年")
    if unit:
        parts.append(f"unit: {unit}" if lang == "en" else f"单位：{unit}")
    return " · ".join(parts)
