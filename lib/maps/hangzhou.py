"""The Hangzhou allocation map: districts filled by target or attainment, as pydeck and Altair.

`map_frame` joins one indicator's district figures (lib.allocation) onto the boundaries and
decides each district's colour, labels and tooltip lines; `deck` draws it with pydeck (no
basemap needed), `static_map` draws the same picture with Altair for export, with title,
legend and source line on the picture. Pure: no Streamlit.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import altair as alt
import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import shapely
from shapely.geometry import box

from lib.allocation import format_figure, qualitative_text, unit_label, value_with_unit
from lib.geo import (
    DECIMALS,
    NO_BASEMAP,
    bounds_view,
    label_points,
    load_boundaries,
    to_altair_geojson,
    to_pydeck_records,
)
from lib.i18n import name_column, t
from lib.maps import glyphs
from lib.maps.deck import CompactDeck, lonlat, picked_objects, string_prop, world_px
from lib.maps.legend import (
    NO_VALUE_COLOUR,
    OUTLINE_COLOUR,
    LegendEntry,
    hex_to_rgba,
    quantile_classes,
)
from lib.progress import STATUS_COLOURS, STATUS_LABELS, STATUS_LEVEL, Status

BOUNDARIES = "hangzhou_districts"
LAYER_ID = "hz_districts"  # the pickable layer: selections arrive under this id
SELECTED_LAYER_ID = "hz_selected"
LABEL_LAYER_ID = "hz_labels"  # leader lines and dots, and the labels as polygons
TEXT_LAYER_ID = "hz_text"  # the labels as text, where no CJK font is installed
MODE_TARGET, MODE_ATTAINMENT = "target", "attainment"
MODES = (MODE_TARGET, MODE_ATTAINMENT)

# The map is drawn for a canvas of about this size; the view fits Hangzhou into it.
MAP_WIDTH, MAP_HEIGHT = 600, 560
LABEL_PX = 14
LABEL_COLOUR = [25, 25, 25, 255]
HALO_COLOUR = [255, 255, 255, 235]
HALO_PX = 2
LEADER_COLOUR = [40, 40, 40, 220]
LEADER_PX = 1.2
DOT_PX = 5  # the dot a leader line starts from, on its district (with a 1 px white rim)
FILL_ALPHA = 235
QUALITATIVE_COLOUR = STATUS_COLOURS[Status.QUALITATIVE]
# deck.gl draws labels on a canvas; name fonts that have Chinese glyphs before the generic.
LABEL_FONT = (
    '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif'
)
BASEMAP_STYLE = pdk.map_styles.CARTO_LIGHT  # optional; offline its requests fail, polygons stay
TOOLTIP_STYLE = {
    "backgroundColor": "#ffffff",
    "color": "#1f1f1f",
    "fontSize": "13px",
    "maxWidth": "380px",
    "whiteSpace": "normal",
    "border": "1px solid #999",
    "borderRadius": "4px",
    "padding": "6px 8px",
}
# Data only ever enters through {placeholders}, which the frontend escapes: a district name
# containing HTML is shown as text. Nothing but these fixed tags is HTML.
TIP_FIELDS = ("name", "value_label", "rank_label", "quote")
TOOLTIP_HTML = (
    "<b>{name}</b><br/>{value_label}<br/>{rank_label}"
    '<div style="margin-top:4px;color:#555;font-size:12px">{quote}</div>'
)


# ---------------------------------------------------------------------------------------
# Wording


def legend_title(indicator: dict, lang: str, mode: str = MODE_TARGET) -> str:
    """Legend title: the indicator's name and unit, or the attainment status."""
    name = indicator[name_column(lang)]
    if mode == MODE_ATTAINMENT:
        return t("hangzhou.legend.attainment_title", lang, name=name)
    unit = unit_label(indicator.get("unit") or "", lang)
    return t("hangzhou.legend.title", lang, name=name, unit=unit) if unit else name


# ---------------------------------------------------------------------------------------
# The frame behind both maps


@dataclass(frozen=True)
class MapFrame:
    """Districts with everything a map draws: geometry, fill, label and tooltip lines."""

    gdf: gpd.GeoDataFrame  # adcode, name, label, fill (#rrggbb), legend_label, tooltip fields
    legend: list[LegendEntry]
    title: str  # legend title: indicator and unit
    classed: bool = False  # whether numbers were put into classes (the legend says how)


def _target_lines(row: dict, indicator: dict, lang: str) -> tuple[str, str]:
    unit = row.get("unit") or indicator.get("unit") or ""
    if not row["has_target"]:
        return t("hangzhou.tip.no_target", lang), ""
    if pd.isna(row["value"]):
        text = qualitative_text(str(row["value_text"]), lang)
        return t("hangzhou.tip.target_text", lang, text=text), t("hangzhou.tip.not_ranked", lang)
    shown = value_with_unit(str(row["value_text"]), unit, lang)
    value_label = t("hangzhou.tip.target", lang, value=shown)
    city = indicator.get("city_value")
    if city is not None and not pd.isna(city):
        city_shown = value_with_unit(format_figure(float(city)), indicator.get("unit") or "", lang)
        value_label += t("hangzhou.tip.city", lang, value=city_shown)
    share = row.get("share_of_city")
    if share is not None and not pd.isna(share):
        value_label += t("hangzhou.tip.share", lang, share=f"{share * 100:.1f}")
    rank = t("hangzhou.tip.rank", lang, rank=int(row["rank"]), n=int(row["ranked"]))
    return value_label, rank


def _attainment_lines(row: dict, indicator: dict, lang: str) -> tuple[str, str]:
    if not row["has_target"]:
        return t("hangzhou.tip.no_target", lang), ""
    unit = row.get("unit") or indicator.get("unit") or ""
    status = STATUS_LABELS[Status(row["status"])][lang]
    if row.get("actual") is None or pd.isna(row.get("actual")):
        target = (
            value_with_unit(str(row["value_text"]), unit, lang)
            if not pd.isna(row["value"])
            else qualitative_text(str(row["value_text"]), lang)
        )
        return t("hangzhou.tip.no_actual", lang, target=target), status
    actual = value_with_unit(format_figure(float(row["actual"])), unit, lang)
    if pd.isna(row["value"]):
        text = qualitative_text(str(row["value_text"]), lang)
        return t("hangzhou.tip.actual_vs_text", lang, actual=actual, text=text), status
    target = value_with_unit(str(row["value_text"]), unit, lang)
    ratio = row.get("ratio")
    line = t("hangzhou.tip.actual_vs_target", lang, actual=actual, target=target)
    if ratio is not None and not pd.isna(ratio):
        line += t("hangzhou.tip.ratio", lang, ratio=f"{ratio * 100:.0f}")
    rank = row.get("attainment_rank")
    if rank is not None and not pd.isna(rank):
        n = int(row["attainment_ranked"])
        status += t("hangzhou.tip.rank_short", lang, rank=int(rank), n=n)
    return line, status


def _fill_by_status(rows: list[dict], lang: str) -> tuple[list[str], list[str], list[LegendEntry]]:
    """Colour and legend label per district by attainment status (Okabe-Ito, as elsewhere)."""
    present = sorted(
        {r["status"] for r in rows if isinstance(r["status"], str)},
        key=lambda s: STATUS_LEVEL[Status(s)],
    )
    entries = [
        LegendEntry(STATUS_COLOURS[Status(s)], STATUS_LABELS[Status(s)][lang]) for s in present
    ]
    fills, labels = [], []
    for row in rows:
        if isinstance(row["status"], str):
            fills.append(STATUS_COLOURS[Status(row["status"])])
            labels.append(STATUS_LABELS[Status(row["status"])][lang])
        else:
            fills.append(NO_VALUE_COLOUR)
            labels.append(t("hangzhou.legend.no_target", lang))
    return fills, labels, entries


def _fill_by_class(
    rows: list[dict], lang: str
) -> tuple[list[str], list[str], list[LegendEntry], bool]:
    """Colour and legend label per district by value class; text targets get one colour."""
    numbers = [r["value"] for r in rows if r["has_target"] and pd.notna(r["value"])]
    classes = quantile_classes(numbers) if numbers else None
    class_labels = classes.labels() if classes else []
    entries = [
        LegendEntry(colour, label)
        for colour, label in zip(classes.colours if classes else (), class_labels, strict=True)
    ]
    texts = {r["value_text"] for r in rows if r["has_target"] and pd.isna(r["value"])}
    text_labels = {
        text: t("hangzhou.legend.qualitative", lang, text=qualitative_text(str(text), lang))
        for text in sorted(texts)
    }
    entries += [LegendEntry(QUALITATIVE_COLOUR, label) for label in text_labels.values()]
    fills, labels = [], []
    for row in rows:
        if not row["has_target"]:
            fills.append(NO_VALUE_COLOUR)
            labels.append(t("hangzhou.legend.no_target", lang))
        elif pd.isna(row["value"]):
            fills.append(QUALITATIVE_COLOUR)
            labels.append(text_labels[row["value_text"]])
        else:
            i = classes.index(row["value"])
            fills.append(classes.colours[i])
            labels.append(class_labels[i])
    return fills, labels, entries, classes is not None


def map_frame(
    values: pd.DataFrame, indicator: dict, lang: str, mode: str = MODE_TARGET
) -> MapFrame:
    """Join district figures (allocation.indicator_values, or .attainment) onto boundaries.

    Names come from `values` (the database), not from the boundary file, so that the map
    shows what the rest of the product shows.
    """
    rows = values.copy()
    rows["adcode"] = rows["adcode"].astype(str)
    gdf = load_boundaries(BOUNDARIES).drop(columns=["name_zh", "name_en"])
    gdf = gdf.merge(rows[["adcode", "name_zh", "name_en"]], on="adcode", how="left")
    by_code = {r["adcode"]: r for r in rows.to_dict("records")}
    ordered = [by_code[a] for a in gdf["adcode"]]
    if mode == MODE_ATTAINMENT:
        fills, legend_labels, entries = _fill_by_status(ordered, lang)
        lines = [_attainment_lines(r, indicator, lang) for r in ordered]
        classed = False
    else:
        fills, legend_labels, entries, classed = _fill_by_class(ordered, lang)
        lines = [_target_lines(r, indicator, lang) for r in ordered]
    if not all(r["has_target"] for r in ordered):
        entries.append(LegendEntry(NO_VALUE_COLOUR, t("hangzhou.legend.no_target", lang)))
    counts = pd.Series(legend_labels).value_counts()
    entries = [LegendEntry(e.colour, e.label, int(counts.get(e.label, 0))) for e in entries]
    gdf["name"] = gdf[name_column(lang)].astype(str)
    gdf["label"] = gdf["name"]
    gdf["fill"] = fills
    gdf["legend_label"] = legend_labels
    gdf["value_label"] = [value_label for value_label, _ in lines]
    gdf["rank_label"] = [rank_label for _, rank_label in lines]
    # Tabs separate the table's cells in the quote; spaces show them in a tooltip.
    gdf["quote"] = [str(r["quote"]).replace("\t", "  ") if r["has_target"] else "" for r in ordered]
    return MapFrame(
        gdf=gdf, legend=entries, title=legend_title(indicator, lang, mode), classed=classed
    )


def legend_note(frame: MapFrame, mode: str, lang: str) -> str:
    """The sentence under the legend: how classes were made, or which status rules apply."""
    if mode == MODE_ATTAINMENT:
        return t("hangzhou.legend.attainment_note", lang)
    return t("hangzhou.legend.classes_note", lang) if frame.classed else ""


# ---------------------------------------------------------------------------------------
# Label placement


def pixel_offset(lon: float, lat: float, view: dict[str, float]) -> tuple[float, float]:
    """Where a point appears relative to the map's centre, in px (x right, y down)."""
    x, y = world_px(
        np.array([lon, view["longitude"]]), np.array([lat, view["latitude"]]), view["zoom"]
    )
    return float(x[0] - x[1]), float(y[0] - y[1])


def text_width(text: str, size: float) -> float:
    """Estimated width in px of text at a font size (CJK glyphs are square, Latin narrower)."""
    return sum(size if ord(c) >= 0x2E80 else 0.62 * size for c in text)


def _box(cx: float, cy: float, width: float, height: float) -> Any:
    return box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def _fits(candidate: Any, own: Any, placed: list[Any], other_anchors: list[Any]) -> bool:
    """Mostly on its own district, over no placed label and no other district's label point."""
    # 80 % rather than all of the box: the glyphs are smaller than the box around them.
    return (
        candidate.intersection(own).area >= 0.8 * candidate.area
        and not any(candidate.intersects(p) for p in placed)
        and not any(candidate.contains(o) for o in other_anchors)
    )


def _near(radius: float = 60.0, step: float = 6.0) -> list[tuple[float, float]]:
    """Offsets (dx, dy) around a point, nearest first, in 16 directions."""
    out = [(0.0, 0.0)]
    for r in np.arange(step, radius + step / 2, step):
        for k in range(16):
            angle = 2 * math.pi * k / 16
            out.append((r * math.cos(angle), r * math.sin(angle)))
    return out


def label_layout(
    gdf: gpd.GeoDataFrame, zoom: float, size: float = LABEL_PX, margin: float = 3.0
) -> pd.DataFrame:
    """Where each district's label goes at a zoom: on its district if it fits, else a callout.

    Labels are placed largest district first, on the label point or nearby on the same
    district. Districts too small for their label (the city core) get a callout: their labels
    stand in a row above the map, in the west-to-east order of the districts so that the
    leader lines do not cross, where they cannot be read as naming a neighbour. Returns
    adcode, label, lon, lat, anchor_lon, anchor_lat, callout and the label's box in world
    pixels (x0, y0, x1, y1), for tests.
    """
    points = label_points(gdf).set_index("adcode")
    px_geoms = shapely.transform(
        gdf.geometry.to_numpy(), lambda xy: np.column_stack(world_px(xy[:, 0], xy[:, 1], zoom))
    )
    xs, ys = world_px(points["lon"].to_numpy(), points["lat"].to_numpy(), zoom)
    anchors = {a: (float(x), float(y)) for a, x, y in zip(points.index, xs, ys, strict=True)}
    height = 1.25 * size + 2 * margin
    widths = {
        a: text_width(str(t_), size) + 2 * margin
        for a, t_ in zip(gdf["adcode"], gdf["label"], strict=True)
    }
    labels = dict(zip(gdf["adcode"], gdf["label"].astype(str), strict=True))
    placed: list[Any] = []
    centres: dict[str, tuple[float, float]] = {}
    callouts: list[str] = []
    for i in np.argsort(-gdf.to_crs(3857).area.to_numpy(), kind="stable"):
        adcode = gdf["adcode"].iat[i]
        (ax, ay), width = anchors[adcode], widths[adcode]
        others = [shapely.Point(p) for a, p in anchors.items() if a != adcode]
        for dx, dy in _near():
            candidate = _box(ax + dx, ay + dy, width, height)
            if _fits(candidate, px_geoms[i], placed, others):
                placed.append(candidate)
                centres[adcode] = (ax + dx, ay + dy)
                break
        else:
            callouts.append(adcode)
    if callouts:
        # One row above the map, centred over the callout districts, spaced by a gap.
        gap = size * 0.8
        callouts.sort(key=lambda a: anchors[a][0])
        total = sum(widths[a] for a in callouts) + gap * (len(callouts) - 1)
        middle = float(np.mean([anchors[a][0] for a in callouts]))
        land_x0, land_y0, land_x1, _ = shapely.union_all(px_geoms).bounds
        row_y = land_y0 - height * 1.2
        # Keep the row within the map's width: the view is fitted to the land.
        x = max(land_x0, min(middle - total / 2, land_x1 - total))
        for adcode in callouts:
            centres[adcode] = (x + widths[adcode] / 2, row_y)
            x += widths[adcode] + gap
    out = []
    for adcode in gdf["adcode"]:
        cx, cy = centres[adcode]
        lon, lat = lonlat(cx, cy, zoom)
        out.append(
            {
                "adcode": adcode,
                "label": labels[adcode],
                "lon": round(lon, DECIMALS),
                "lat": round(lat, DECIMALS),
                "anchor_lon": float(points.at[adcode, "lon"]),
                "anchor_lat": float(points.at[adcode, "lat"]),
                "callout": adcode in callouts,
                # Leader lines end at the bottom edge of the label, not under its text.
                "line_lon": round(lonlat(cx, cy + height / 2, zoom)[0], DECIMALS),
                "line_lat": round(lonlat(cx, cy + height / 2, zoom)[1], DECIMALS),
                "x0": cx - widths[adcode] / 2,
                "y0": cy - height / 2,
                "x1": cx + widths[adcode] / 2,
                "y1": cy + height / 2,
            }
        )
    return pd.DataFrame(out).sort_values("adcode").reset_index(drop=True)


@lru_cache(maxsize=32)
def _district_layout(labels: tuple[tuple[str, str], ...], zoom: float) -> pd.DataFrame:
    gdf = load_boundaries(BOUNDARIES)
    gdf["label"] = gdf["adcode"].map(dict(labels))
    return label_layout(gdf, zoom)


def district_label_layout(gdf: gpd.GeoDataFrame, zoom: float) -> pd.DataFrame:
    """label_layout for the Hangzhou districts, remembered per labels and zoom (a copy)."""
    labels = tuple(zip(gdf["adcode"], gdf["label"].astype(str), strict=True))
    return _district_layout(labels, zoom).copy()


def fitted_view(
    gdf: gpd.GeoDataFrame, width: int = MAP_WIDTH, height: int = MAP_HEIGHT
) -> dict[str, float]:
    """The view that fits the districts and the callout row above them into the map."""
    view = bounds_view(gdf, width=width, height=height, padding=0.04)
    for _ in range(2):  # the row's height in degrees depends on the zoom: settle it
        minx, miny, maxx, maxy = gdf.total_bounds
        _, top = world_px(np.array([minx]), np.array([maxy]), view["zoom"])
        _, lat = lonlat(0.0, float(top[0]) - 2.6 * (1.25 * LABEL_PX + 6), view["zoom"])
        view = bounds_view((minx, miny, maxx, lat), width=width, height=height, padding=0.03)
    return view


def default_view(width: int = MAP_WIDTH, height: int = MAP_HEIGHT) -> dict[str, float]:
    """The view that fits the 13 districts (and their callout labels) into the map."""
    return fitted_view(load_boundaries(BOUNDARIES), width, height)


def label_pieces(labels: pd.DataFrame, zoom: float) -> tuple[list[tuple], bool]:
    """The labels layer's polygons: the callouts' leader lines and dots, then each label's
    halo and glyphs, as (adcode, label, colour, rings in degrees).

    Returns them and whether the labels' glyphs are among them: without a CJK font (or for
    a character the font lacks) only the leaders are, and the labels are left to a TextLayer.
    """
    parts: list[tuple[str, list[int], Any]] = []  # adcode, colour, shape in world pixels
    for row in labels[labels["callout"]].itertuples():
        (ax, bx), (ay, by) = world_px(
            np.array([row.anchor_lon, row.line_lon]), np.array([row.anchor_lat, row.line_lat]), zoom
        )
        parts.append((row.adcode, LEADER_COLOUR, glyphs.bar((ax, ay), (bx, by), LEADER_PX)))
        parts.append((row.adcode, HALO_COLOUR, glyphs.disc((ax, ay), DOT_PX + 2)))
        parts.append((row.adcode, LEADER_COLOUR, glyphs.disc((ax, ay), DOT_PX)))
    outlines = {
        row.adcode: glyphs.outlined_text(
            row.label, (row.x0 + row.x1) / 2, (row.y0 + row.y1) / 2, LABEL_PX, HALO_PX
        )
        for row in labels.itertuples()
    }
    text_set = all(outline is not None for outline in outlines.values())
    if text_set:
        parts += [(a, HALO_COLOUR, halo) for a, (halo, _) in outlines.items()]
        parts += [(a, LABEL_COLOUR, text) for a, (_, text) in outlines.items()]
    names = dict(zip(labels["adcode"], labels["label"], strict=True))
    pieces = [
        (adcode, names[adcode], colour, rings)
        for adcode, colour, shape in parts
        for rings in glyphs.polygon_rings(shape, zoom)
    ]
    return pieces, text_set


@lru_cache(maxsize=32)
def _district_pieces(labels: tuple[tuple[str, str], ...], zoom: float) -> tuple[list, bool]:
    return label_pieces(_district_layout(labels, zoom), zoom)


def district_label_pieces(gdf: gpd.GeoDataFrame, zoom: float) -> tuple[list[tuple], bool]:
    """label_pieces for the Hangzhou districts, remembered per labels and zoom (shared: the
    decks only read them)."""
    return _district_pieces(tuple(zip(gdf["adcode"], gdf["label"].astype(str), strict=True)), zoom)


def deck(
    frame: MapFrame,
    selected: str | None = None,
    basemap: bool = False,
    height: int = MAP_HEIGHT,
    layer_suffix: str = "",
) -> pdk.Deck:
    """The interactive map: filled districts, outlines, labels, the selected district ringed.

    `layer_suffix` is appended to the pickable layers' ids ("~3"): a new suffix after each
    click drops Streamlit's highlight of the clicked object, which would grey the rest of
    the map (and of a label, leave one glyph dark); the ring shows the selection instead.
    """
    gdf = frame.gdf.copy()
    gdf["fill_rgba"] = [hex_to_rgba(c, FILL_ALPHA) for c in gdf["fill"]]
    fields = [*TIP_FIELDS, "fill_rgba"]
    records = to_pydeck_records(gdf, fields)
    outline = hex_to_rgba(OUTLINE_COLOUR)
    layers = [
        pdk.Layer(
            "PolygonLayer",
            records,
            id=LAYER_ID + layer_suffix,
            get_polygon="polygon",
            get_fill_color="fill_rgba",
            get_line_color=outline,
            line_width_units=string_prop("pixels"),
            get_line_width=1,
            stroked=True,
            filled=True,
            pickable=True,
            auto_highlight=True,
            highlight_color=[255, 255, 255, 90],
        )
    ]
    if selected and selected in set(gdf["adcode"]):
        ring = [
            {"adcode": r["adcode"], "polygon": r["polygon"]}
            for r in records
            if r["adcode"] == selected
        ]
        for suffix, colour, width in (("halo", [255, 255, 255, 255], 7), ("", [0, 0, 0, 255], 3.5)):
            layers.append(
                pdk.Layer(
                    "PolygonLayer",
                    ring,
                    id=f"{SELECTED_LAYER_ID}{'_' + suffix if suffix else ''}",
                    get_polygon="polygon",
                    filled=False,
                    stroked=True,
                    get_line_color=colour,
                    line_width_units=string_prop("pixels"),
                    get_line_width=width,
                    line_joint_rounded=True,
                    pickable=False,
                )
            )
    view = default_view(height=height)
    tips = {r["adcode"]: {f: r[f] for f in ("adcode", *TIP_FIELDS)} for r in records}
    pieces, text_set = district_label_pieces(gdf, view["zoom"])
    overlay = [
        {**tips[adcode], "label": label, "fill_rgba": colour, "polygon": rings}
        for adcode, label, colour, rings in pieces
    ]
    # Leader lines, dots and (where a CJK font is installed) the labels themselves are
    # polygons of one layer, pickable like the districts: deck.gl then draws them with the
    # districts' fill program, where paths and text would each build pipelines of their
    # own before the first frame (about 0.3 and 0.5 s in software WebGL). Hovering or
    # clicking a label is hovering or clicking its district.
    layers.append(
        pdk.Layer(
            "PolygonLayer",
            overlay,
            id=LABEL_LAYER_ID + layer_suffix,
            get_polygon="polygon",
            get_fill_color="fill_rgba",
            stroked=False,
            filled=True,
            pickable=True,
        )
    )
    if not text_set:
        labels = district_label_layout(gdf, view["zoom"])
        layers.append(
            pdk.Layer(
                "TextLayer",
                labels[["label", "lon", "lat"]].to_dict("records"),
                id=TEXT_LAYER_ID,
                get_position="[lon, lat]",
                get_text="label",
                get_size=LABEL_PX,
                size_units=string_prop("pixels"),
                get_color=LABEL_COLOUR,
                character_set=string_prop("auto"),
                font_family=string_prop(LABEL_FONT),
                font_weight=600,
                font_settings={"sdf": True, "fontSize": 64, "buffer": 8},
                outline_width=4,
                outline_color=HALO_COLOUR,
                pickable=False,
            )
        )
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**view, pitch=0, bearing=0),
        map_style=BASEMAP_STYLE if basemap else NO_BASEMAP,
        map_provider="carto" if basemap else None,
        tooltip={"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE},
        height=height,
    )


def selected_adcode(event: Any) -> str | None:
    """The adcode of the district picked in a pydeck selection event (None if none): a click
    on a district or on its label, whatever suffix their layers' ids carry (see deck)."""
    picked = picked_objects(event, (LAYER_ID, LABEL_LAYER_ID))
    adcode = picked[0][1].get("adcode") if picked else None
    return str(adcode) if adcode else None


def resolve_district(current: str, picked: str | None, clicked: bool, valid: set[str]) -> str:
    """Which district the detail shows ("" for none): a new click on the map wins, else the
    current one. The map keeps its selection across reruns, so the caller says whether this
    selection is a new click (lib.maps.deck.selection_signature); a click off the districts
    closes the detail."""
    if clicked:
        return picked if picked in valid else ""
    return current if current in valid else ""


VIEW_KEYS = ("indicator", "mode", "district", "basemap")


def valid_view(
    values: dict[str, Any], indicator_ids: list[str], districts: list[str], can_attain: bool
) -> dict[str, Any]:
    """The page's view state (from the URL or the widgets) with every value made valid.

    An unknown indicator falls back to the first; attainment needs uploaded actuals; an
    unknown district means none; the basemap is off unless asked for ("1" or True).
    """
    indicator = values.get("indicator")
    mode = values.get("mode")
    district = values.get("district")
    basemap = values.get("basemap")
    return {
        "indicator": indicator if indicator in indicator_ids else indicator_ids[0],
        "mode": mode if mode in MODES and (can_attain or mode == MODE_TARGET) else MODE_TARGET,
        "district": district if district in districts else "",
        "basemap": basemap is True or basemap == "1",
    }


# ---------------------------------------------------------------------------------------
# Altair (for export)


def wrap_title(text: str, width: int = 34) -> list[str]:
    """A long title as lines (Vega does not wrap legend titles): words in English, characters
    in Chinese (a CJK character is about two Latin letters wide)."""
    if text.isascii():
        return textwrap.wrap(text, width) or [text]
    size = width // 2
    return [text[i : i + size] for i in range(0, len(text), size)] or [text]


def static_map(
    frame: MapFrame,
    title: str,
    subtitle: str,
    source: str,
    width: int = 640,
    height: int = 560,
) -> alt.LayerChart:
    """The same map for export: title, legend, labels and source line on the picture."""
    gdf = frame.gdf
    # The shapes are the layer chart's own data, given as a plain dict: wrapped in alt.Data
    # or attached to a sub-chart, Altair would validate and deep-copy them at every step
    # (about a second for 13 districts, on every run of the page).
    districts = {
        "values": to_altair_geojson(gdf, ["name", "legend_label", "value_label"]),
        "format": {"type": "json", "property": "features"},
    }
    labels = district_label_layout(gdf, fitted_view(gdf, width, height)["zoom"])
    callouts = labels[labels["callout"]]
    label_data = alt.InlineData(values=labels[["label", "lon", "lat"]].to_dict("records"))
    leader_data = alt.InlineData(
        values=callouts[["anchor_lon", "anchor_lat", "line_lon", "line_lat"]].to_dict("records")
    )
    domain = [e.label for e in frame.legend]
    legend = alt.Legend(
        title=wrap_title(frame.title),
        orient="right",
        symbolType="square",
        symbolSize=220,
        symbolStrokeColor=OUTLINE_COLOUR,
        symbolStrokeWidth=0.8,
        labelFontSize=13,
        titleFontSize=13,
        titleLimit=260,
        labelLimit=260,
        labelFont=LABEL_FONT,
        titleFont=LABEL_FONT,
    )
    shapes = (
        alt.Chart()
        .mark_geoshape(stroke=OUTLINE_COLOUR, strokeWidth=0.8)
        .encode(
            color=alt.Color(
                "properties.legend_label:N",
                scale=alt.Scale(domain=domain, range=[e.colour for e in frame.legend]),
                legend=legend,
                sort=domain,
            ),
            tooltip=[
                alt.Tooltip("properties.name:N", title=" "),
                alt.Tooltip("properties.value_label:N", title="  "),
            ],
        )
    )
    text = {"fontSize": 13, "font": LABEL_FONT, "fontWeight": 600}
    position = {"longitude": "lon:Q", "latitude": "lat:Q", "text": "label:N"}
    leaders = alt.Chart(leader_data)
    layers = [
        shapes,
        leaders.mark_rule(color="#282828", strokeWidth=1).encode(
            longitude="anchor_lon:Q",
            latitude="anchor_lat:Q",
            longitude2="line_lon:Q",
            latitude2="line_lat:Q",
        ),
        leaders.mark_circle(
            size=22, color="#282828", stroke="white", strokeWidth=1, opacity=1
        ).encode(longitude="anchor_lon:Q", latitude="anchor_lat:Q"),
        # A white stroke under the text: Vega has no halo, so draw the labels twice.
        alt.Chart(label_data)
        .mark_text(stroke="white", strokeWidth=3.5, strokeJoin="round", fill="white", **text)
        .encode(**position),
        alt.Chart(label_data).mark_text(fill="#191919", **text).encode(**position),
        alt.Chart(alt.InlineData(values=[{"source": source}]))
        .mark_text(align="left", baseline="top", fontSize=11, color="#555", font=LABEL_FONT)
        .encode(x=alt.value(0), y=alt.value(height + 10), text="source:N"),
    ]
    return alt.LayerChart(
        data=districts,
        layer=layers,
        width=width,
        height=height,
        view=alt.ViewBackground(stroke=None),
        projection=alt.Projection(type="mercator"),
        title=alt.TitleParams(
            text=title,
            subtitle=subtitle,
            anchor="start",
            fontSize=18,
            subtitleFontSize=13,
            font=LABEL_FONT,
            subtitleFont=LABEL_FONT,
        ),
    )
