"""The corridor map: members filled by role in their corridor's colour, platforms by type.

`build_deck` returns the interactive pydeck map (no basemap, compact JSON); `static_map`
draws the same picture with Altair, with a title, legends and a source line, for PNG/SVG
export. Pure: no Streamlit. Strings come from lib/i18n/corridors.py.

Members are cities (from zhejiang_cities) or counties (from zhejiang_counties). A region
in several corridors gets each corridor's translucent fill and an outline in that
corridor's colour, so overlaps stay readable (Hangzhou is a G60 member and hosts 城西).
Place names, corridor names and platforms are polygons (see lib.maps.glyphs), drawn with
the regions' fill program.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import altair as alt
import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import shapely
from shapely import affinity
from shapely.geometry import MultiPolygon, Point

from lib.corridors import PLATFORM_TYPES
from lib.geo import (
    NO_BASEMAP,
    bounds_view,
    label_points,
    load_boundaries,
    to_altair_geojson,
    to_pydeck_records,
)
from lib.i18n import name_column, t
from lib.maps import glyphs
from lib.maps.deck import CompactDeck, string_prop, world_px
from lib.maps.legend import LegendEntry, dark_text_on, hex_to_rgba

# Two pickable polygon layers draw the map: deck.gl then builds one fill and one path
# program, where each layer kind (text, points) and each other mix of per-object and constant
# colours would build its own before the first frame, seconds in software WebGL.
LAYER_AREAS = "areas"  # neighbouring regions, the province's cities, then the members
LAYER_MARKS = "marks"  # place names, platforms and corridor names, as polygons
# Text layers for the names, only where no CJK font is installed to set them as polygons.
LAYER_PLACE_LABELS = "place-labels"
LAYER_CORRIDOR_LABELS = "corridor-labels"
LAYER_PICKED = "picked"

# The size the default and fly-to views are fitted to (the map column at 1400 px wide).
MAP_WIDTH = 560
MAP_HEIGHT = 620

ROLES = ("core", "wing", "member", "intended")
# Role by depth of fill: 0-255 alpha over the corridor colour. A city-level membership is
# light, so that a corridor of counties drawn over it (城西 on G60's Hangzhou) keeps its
# own colour; the lower corridor shows in its outline and a tint.
ROLE_ALPHA = {"core": 210, "wing": 150, "member": 60, "intended": 24}
SECONDARY_ALPHA = 0.55  # the secondary layer is drawn lighter than the three main corridors
LINE_WIDTH = {"focus": 3.5, "primary": 1.8, "secondary": 1.0}
LINE_ALPHA = {"primary": 235, "secondary": 170}

# Platform types (lib.corridors.PLATFORM_TYPES): dark, saturated colours that read on top
# of the light corridor fills.
PLATFORM_COLOURS = {
    "laboratory": "#C2185B",
    "university": "#4A148C",
    "institute": "#7B1FA2",
    "science_city": "#8D4E00",
    "hitech_zone": "#212121",
    "science_lake": "#00695C",
    "park": "#5D4037",
    "facility": "#B71C1C",
}
PLATFORM_RADIUS = 6  # px
PLATFORM_LINE = 2.5  # px: the ring of an approximate location must be easy to see
WHITE = [255, 255, 255, 255]
PLACE_PX = 12  # place names
PLACE_HALO_PX = 2
PLACE_HALO = [255, 255, 255, 230]
LABEL_PADDING = (6, 3)  # px around a corridor's name, in its colour
LEADING = 1.25  # line height of a name on several lines, in ems

BACKGROUND = "#ffffff"  # the province's fill
CONTEXT_FILL = [214, 219, 225, 140]
CONTEXT_LINE = [170, 176, 184, 200]
BASE_FILL = [255, 255, 255, 255]
BASE_LINE = [140, 148, 158, 255]
PLACE_COLOUR = [90, 96, 104, 255]
CONTEXT_PLACE_COLOUR = [150, 156, 164, 255]
FONT_FAMILY = (
    '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif'
)

# Payload: the city boundaries are simplified (as a coverage: no slivers) and every
# coordinate snapped to 0.001 deg (about 100 m); islands under MIN_PART_AREA are dropped.
CITY_TOLERANCE = 0.005
CONTEXT_TOLERANCE = 0.01
CITY_GRID = 0.001
COUNTY_GRID = 0.001
MIN_PART_AREA = 5e-4  # deg², about 5 km²
LABEL_SPACING = 0.35  # deg: corridor labels closer than this move to another member
DECIMALS = 4  # platform and label positions

# One block per line: an empty field's block takes no room (the province's other cities
# and the place names have a name only).
TOOLTIP = {
    "html": "<b>{tip_name}</b><div>{tip_corridor}</div><div>{tip_role}</div>"
    "<div><i>{tip_note}</i></div>",
    "style": {
        "backgroundColor": "#ffffff",
        "color": "#1f2328",
        "border": "1px solid #c8ccd2",
        "fontSize": "13px",
        "fontFamily": FONT_FAMILY,
    },
}
TIP_FIELDS = ("tip_name", "tip_corridor", "tip_role", "tip_note")


# ---------------------------------------------------------------------------------------
# Geometry


def _drop_specks(geom: Any, min_area: float) -> Any:
    """The geometry without islands smaller than min_area (the largest part always stays)."""
    parts = list(getattr(geom, "geoms", [geom]))
    kept = [p for p in parts if p.area >= min_area] or [max(parts, key=lambda p: p.area)]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def _compact(gdf: gpd.GeoDataFrame, tolerance: float | None, grid: float) -> gpd.GeoDataFrame:
    out = gdf[["adcode", "name_zh", "name_en", "level", "geometry"]].copy()
    if tolerance:
        out["geometry"] = out.geometry.simplify_coverage(tolerance)
    out["geometry"] = [_drop_specks(g, MIN_PART_AREA) for g in out.geometry]
    out["geometry"] = shapely.set_precision(out.geometry.to_numpy(), grid)
    return out


@lru_cache(maxsize=1)
def _shapes() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    cities = _compact(load_boundaries("zhejiang_cities"), CITY_TOLERANCE, CITY_GRID)
    # The county file is already simplified at 0.004 deg; only snap and drop specks.
    counties = _compact(load_boundaries("zhejiang_counties"), None, COUNTY_GRID)
    context = _compact(load_boundaries("g60_context"), CONTEXT_TOLERANCE, CITY_GRID)
    return cities, counties, context


def shapes(name: str) -> gpd.GeoDataFrame:
    """Map-ready boundaries: 'cities', 'counties' or 'context' (a copy)."""
    cities, counties, context = _shapes()
    return {"cities": cities, "counties": counties, "context": context}[name].copy()


def member_shapes(members: pd.DataFrame, corridor_ids: Sequence[str]) -> gpd.GeoDataFrame:
    """One row per member of the given corridors: every city, then every county, each group
    in the order of corridor_ids (drawing order: a corridor of counties such as 城西 lies on
    top of a corridor of cities such as G60, whose Hangzhou it sits in)."""
    geo = pd.concat([shapes("cities"), shapes("counties")], ignore_index=True)
    geo = geo.drop_duplicates("adcode").set_index("adcode")
    own = members[members["corridor_id"].isin(corridor_ids)].copy()
    own = own[own["region_code"].isin(geo.index)]
    own["corridor_rank"] = own["corridor_id"].map({c: i for i, c in enumerate(corridor_ids)})
    own = own.join(geo[["name_zh", "name_en", "level", "geometry"]], on="region_code")
    own["level_rank"] = (own["level"] != "city").astype(int)
    own = own.sort_values(["level_rank", "corridor_rank", "region_code"])
    own = own.drop(columns=["corridor_rank", "level_rank"]).rename(
        columns={"region_code": "adcode"}
    )
    return gpd.GeoDataFrame(own.reset_index(drop=True), geometry="geometry", crs="EPSG:4326")


def _bounds_of(geo: gpd.GeoDataFrame, points: pd.DataFrame | None = None) -> list[float]:
    minx, miny, maxx, maxy = (float(v) for v in geo.total_bounds)
    if points is not None and len(points):
        minx, maxx = min(minx, points["lon"].min()), max(maxx, points["lon"].max())
        miny, maxy = min(miny, points["lat"].min()), max(maxy, points["lat"].max())
    return [minx, miny, maxx, maxy]


def view_for(members: pd.DataFrame, platforms: pd.DataFrame, focus: str = "") -> dict[str, float]:
    """The view that fits the chosen corridor's members and platforms, or all of Zhejiang."""
    if focus:
        geo = member_shapes(members, [focus])
        if len(geo):
            own = platforms[(platforms["corridor_id"] == focus)].dropna(subset=["lon", "lat"])
            return bounds_view(_bounds_of(geo, own), MAP_WIDTH, MAP_HEIGHT, padding=0.08)
    return bounds_view(shapes("cities"), MAP_WIDTH, MAP_HEIGHT, padding=0.03)


# ---------------------------------------------------------------------------------------
# Records for the layers


def _rgba(colour: str, alpha: float) -> list[int]:
    return hex_to_rgba(colour, int(round(max(0.0, min(255.0, alpha)))))


def _corridor_table(corridors: pd.DataFrame) -> pd.DataFrame:
    return corridors.set_index("id")


def role_label(role: str, lang: str) -> str:
    """A role in words."""
    return t(f"corridors.role.{role}", lang)


def type_label(kind: str, lang: str) -> str:
    """A platform type in words (the code itself when unknown)."""
    label = t(f"corridors.type.{kind}", lang)
    return kind if label.startswith("corridors.") else label


def precision_label(precision: str, lang: str) -> str:
    """How exact a platform's location is, in words."""
    return t("corridors.exact" if precision == "exact" else "corridors.approximate", lang)


def _member_records(
    corridors: pd.DataFrame, members: pd.DataFrame, ids: Sequence[str], focus: str, lang: str
) -> list[dict[str, Any]]:
    info = _corridor_table(corridors)
    geo = member_shapes(members, ids)
    if geo.empty:
        return []
    names = name_column(lang)
    part = "part_en" if lang == "en" else "part_zh"
    rows = []
    for record in geo.to_dict("records"):
        corridor = info.loc[record["corridor_id"]]
        layer = "primary" if corridor["layer"] == "primary" else "secondary"
        alpha = ROLE_ALPHA.get(record["role"], ROLE_ALPHA["member"])
        if layer == "secondary":
            alpha *= SECONDARY_ALPHA
        width = LINE_WIDTH["focus" if record["corridor_id"] == focus else layer]
        role = role_label(record["role"], lang)
        if record.get(part):
            role = f"{role} · {record[part]}"
        basis = (
            "corridors.member_general_knowledge"
            if record["basis"] == "general knowledge"
            else "corridors.member_document"
        )
        rows.append(
            {
                "adcode": record["adcode"],
                "corridor_id": record["corridor_id"],
                "fill": _rgba(corridor["colour"], alpha),
                "line": _rgba(corridor["colour"], LINE_ALPHA[layer]),
                "width": width,
                "tip_name": record[names],
                "tip_corridor": corridor[names],
                "tip_role": role,
                "tip_note": t(basis, lang),
            }
        )
    frame = gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geo.geometry.to_numpy(), crs=geo.crs)
    columns = [c for c in rows[0] if c != "adcode"]
    return to_pydeck_records(frame, columns)


def _platform_records(
    corridors: pd.DataFrame,
    platforms: pd.DataFrame,
    regions: pd.DataFrame,
    ids: Sequence[str],
    lang: str,
) -> list[dict[str, Any]]:
    info = _corridor_table(corridors)
    names = name_column(lang)
    region_names = regions.set_index("adcode")[names] if len(regions) else pd.Series(dtype=str)
    placed = platforms[platforms["corridor_id"].isin(ids)].dropna(subset=["lon", "lat"])
    order = {c: i for i, c in enumerate(ids)}
    placed = placed.assign(rank=placed["corridor_id"].map(order)).sort_values(["rank", "id"])
    records = []
    for p in placed.to_dict("records"):
        colour = PLATFORM_COLOURS.get(p["type"], "#333333")
        exact = bool(p["precision"] == "exact")
        kind = type_label(p["type"], lang)
        region = region_names.get(p["region_code"], "") if p.get("region_code") else ""
        records.append(
            {
                "platform_id": p["id"],
                "corridor_id": p["corridor_id"],
                "lon": round(float(p["lon"]), DECIMALS),
                "lat": round(float(p["lat"]), DECIMALS),
                "colour": hex_to_rgba(colour, 255),
                "exact": exact,
                "tip_name": p[names],
                "tip_corridor": info.loc[p["corridor_id"], names],
                "tip_role": f"{kind} · {region}" if region else kind,
                "tip_note": precision_label(p["precision"], lang),
            }
        )
    return records


def corridor_label_points(
    corridors: pd.DataFrame, members: pd.DataFrame, ids: Sequence[str], lang: str
) -> pd.DataFrame:
    """One label point per corridor, inside its most specific, highest-ranking members.

    Counties before cities and core before other roles: G60's label sits on its Jiaxing
    core, not in the middle of seven cities. A label too close to one already placed moves
    to another of the corridor's members.
    """
    info = _corridor_table(corridors)
    geo = member_shapes(members, ids)
    names = name_column(lang)
    placed: list[tuple[float, float]] = []
    rows = []
    # Primary corridors choose their spot first.
    ranked = sorted(ids, key=lambda c: (info.loc[c, "layer"] != "primary", list(ids).index(c)))
    for cid in ranked:
        own = geo[geo["corridor_id"] == cid]
        if own.empty:
            continue
        own = own.assign(
            role_rank=own["role"].map({r: i for i, r in enumerate(ROLES)}),
            level_rank=(own["level"] == "city").astype(int),
        ).sort_values(["level_rank", "role_rank", "adcode"])
        best = own[(own["level_rank"] == own["level_rank"].iloc[0])]
        best = best[best["role_rank"] == best["role_rank"].iloc[0]]
        candidates = [shapely.union_all(best.geometry.to_numpy()).representative_point()]
        candidates += [g.representative_point() for g in own.geometry]
        # Then the first spot, moved south step by step (a corridor whose every member
        # already carries a label, such as 舟山 under 浙东沿海).
        candidates += [Point(candidates[0].x, candidates[0].y - 0.2 * k) for k in range(1, 6)]
        point = next(
            (
                c
                for c in candidates
                if all(abs(c.x - x) + abs(c.y - y) >= LABEL_SPACING for x, y in placed)
            ),
            candidates[0],
        )
        placed.append((point.x, point.y))
        colour = info.loc[cid, "colour"]
        rows.append(
            {
                "corridor_id": cid,
                "label": info.loc[cid, names],
                "lon": round(point.x, DECIMALS),
                "lat": round(point.y, DECIMALS),
                "background": hex_to_rgba(colour, 240),
                "text": [20, 20, 20, 255] if dark_text_on(colour) else [255, 255, 255, 255],
                # English names are three times as long: a size smaller, on two lines.
                "size": (15 if info.loc[cid, "layer"] == "primary" else 12) - (lang == "en") * 2,
            }
        )
    return pd.DataFrame(
        rows, columns=["corridor_id", "label", "lon", "lat", "background", "text", "size"]
    )


def _place_labels(lang: str) -> list[dict[str, Any]]:
    """The province's cities and the neighbouring regions, named at a point inside each."""
    names = name_column(lang)
    out = []
    for name, colour in (("cities", PLACE_COLOUR), ("context", CONTEXT_PLACE_COLOUR)):
        for p in label_points(shapes(name)).to_dict("records"):
            out.append(
                {
                    "label": p[names],
                    "lon": round(p["lon"], 3),
                    "lat": round(p["lat"], 3),
                    "colour": colour,
                }
            )
    return out


def _area_records(member_records: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The areas layer, bottom to top: the neighbouring regions and the province's cities
    (grey outlines; hovering names them, a click chooses no corridor), then the members.

    A city that is a member is drawn once, as the member: its translucent fill looks the
    same over the page as over the white city, and the payload stays under budget.
    """
    names = name_column(lang)
    drawn = {record["adcode"] for record in member_records}
    plain = []
    for name, fill, line in (
        ("context", CONTEXT_FILL, CONTEXT_LINE),
        ("cities", BASE_FILL, BASE_LINE),
    ):
        regions = shapes(name)
        regions = regions[~regions["adcode"].isin(drawn)]
        for record in to_pydeck_records(regions[["adcode", names, "geometry"]]):
            plain.append(
                {
                    "fill": fill,
                    "line": line,
                    "width": 1,
                    **_tips(record[names]),
                    "polygon": record["polygon"],
                }
            )
    return plain + member_records


def _tips(name: str, corridor: str = "", role: str = "", note: str = "") -> dict[str, str]:
    # Every object of a pickable layer carries every tooltip field: Streamlit prints a
    # field an object lacks as written, "{tip_role}".
    return {"tip_name": name, "tip_corridor": corridor, "tip_role": role, "tip_note": note}


@lru_cache(maxsize=512)
def _place_label_shapes(label: str, lon: float, lat: float, zoom: float) -> tuple | None:
    """A place name's white halo and glyphs as deck polygons; None if a glyph is missing."""
    (x,), (y,) = world_px(np.array([lon]), np.array([lat]), zoom)
    shapes_px = glyphs.outlined_text(label, x, y, PLACE_PX, PLACE_HALO_PX)
    if shapes_px is None:
        return None
    halo, text = shapes_px
    return glyphs.polygon_rings(halo, zoom), glyphs.polygon_rings(text, zoom)


@lru_cache(maxsize=128)
def _corridor_label_shapes(
    lines: tuple[str, ...], lon: float, lat: float, size: float, zoom: float
) -> tuple | None:
    """A corridor name's box and glyphs as deck polygons; None if a glyph is missing."""
    text = glyphs.text_lines(list(lines), size, LEADING)
    if text is None:
        return None
    (x,), (y,) = world_px(np.array([lon]), np.array([lat]), zoom)
    text = affinity.translate(text, x, y)
    left, _, right, _ = text.bounds
    half_height = ((len(lines) - 1) * LEADING + 1) * size / 2 + LABEL_PADDING[1]
    box = shapely.box(
        left - LABEL_PADDING[0], y - half_height, right + LABEL_PADDING[0], y + half_height
    )
    return glyphs.polygon_rings(box, zoom), glyphs.polygon_rings(
        text.simplify(glyphs.TEXT_TOLERANCE), zoom
    )


def _platform_shapes(record: dict[str, Any], zoom: float) -> list[tuple[list[int], list]]:
    """A platform's mark as (colour, deck polygons): an exact location is a dot with a white
    edge, an approximate one a ring with nothing inside (nothing to see: an invisible dot
    keeps the middle of the ring the platform's when hovered or clicked)."""
    (x,), (y,) = world_px(np.array([record["lon"]]), np.array([record["lat"]]), zoom)
    outer = glyphs.disc((x, y), 2 * PLATFORM_RADIUS + PLATFORM_LINE)
    inner = glyphs.disc((x, y), 2 * PLATFORM_RADIUS - PLATFORM_LINE)
    if record["exact"]:
        parts = [(WHITE, outer), (record["colour"], inner)]
    else:
        parts = [(record["colour"], outer.difference(inner)), ([*record["colour"][:3], 0], inner)]
    return [(colour, glyphs.polygon_rings(shape, zoom)) for colour, shape in parts]


def _pieces(colours: Sequence[list[int]], shapes_deg: Sequence[list], **fields: Any) -> list[dict]:
    """Records of the marks layer: each polygon of each shape in its colour, with the fields."""
    return [
        {**fields, "fill": colour, "polygon": rings}
        for colour, polygons in zip(colours, shapes_deg, strict=True)
        for rings in polygons
    ]


def _mark_records(
    corridor_labels: pd.DataFrame, platform_records: list[dict[str, Any]], zoom: float, lang: str
) -> tuple[list[dict[str, Any]], bool]:
    """The marks layer, bottom to top: place names, platforms, corridor names (each name a
    backing and its glyphs). Returns them and whether the names are among them: without a
    CJK font (or for a character it lacks) only the platforms are, and the names are left to
    text layers."""
    places = _place_labels(lang)
    place_shapes = [_place_label_shapes(p["label"], p["lon"], p["lat"], zoom) for p in places]
    labels = corridor_labels.to_dict("records")
    label_shapes = [
        _corridor_label_shapes(
            tuple(_wrap(label["label"])) if lang == "en" else (label["label"],),
            label["lon"],
            label["lat"],
            label["size"],
            zoom,
        )
        for label in labels
    ]
    names_set = all(shape is not None for shape in [*place_shapes, *label_shapes])
    records = []
    if names_set:
        for place, shapes_deg in zip(places, place_shapes, strict=True):
            records += _pieces(
                (PLACE_HALO, place["colour"]),
                shapes_deg,
                **_tips(place["label"]),  # no corridor: a click on a place name chooses none
            )
    for platform in platform_records:
        colours, shapes_deg = zip(*_platform_shapes(platform, zoom), strict=True)
        records += _pieces(
            colours,
            shapes_deg,
            platform_id=platform["platform_id"],
            corridor_id=platform["corridor_id"],
            **{field: platform[field] for field in TIP_FIELDS},
        )
    if names_set:
        for label, shapes_deg in zip(labels, label_shapes, strict=True):
            records += _pieces(
                (label["background"], label["text"]),
                shapes_deg,
                corridor_id=label["corridor_id"],  # a click on a corridor's name chooses it
                **_tips(label["label"]),
            )
    return records, names_set


# ---------------------------------------------------------------------------------------
# The deck


def build_deck(
    corridors: pd.DataFrame,
    members: pd.DataFrame,
    platforms: pd.DataFrame,
    regions: pd.DataFrame,
    visible: Sequence[str],
    focus: str = "",
    lang: str = "zh",
    layer_suffix: str = "",
    picked_region: str = "",
    picked_platform: str = "",
) -> CompactDeck:
    """The interactive corridor map (a new Deck each script run: Streamlit mutates it).

    `visible` lists the corridors to draw, bottom to top. `layer_suffix` is appended to
    the pickable layers' ids: a new suffix after each handled click drops Streamlit's
    selection highlight (which would grey every other object); the clicked region or
    platform of the chosen corridor is ringed instead, as on the Hangzhou map. No
    auto-highlight on hover: every hover would redraw the whole map, which software WebGL
    (headless browsers, remote desktops) cannot keep up with.
    """
    ids = [c for c in visible if c in set(corridors["id"])]
    view = view_for(members, platforms, focus)
    member_records = _member_records(corridors, members, ids, focus, lang)
    platform_records = _platform_records(corridors, platforms, regions, ids, lang)
    corridor_labels = corridor_label_points(corridors, members, ids, lang)
    marks, names_set = _mark_records(corridor_labels, platform_records, view["zoom"], lang)
    layers = [
        # Outlines are drawn after every fill, in the order of the records: a member's in
        # its corridor's colour over the grey lines of the cities.
        pdk.Layer(
            "PolygonLayer",
            id=LAYER_AREAS + layer_suffix,
            data=_area_records(member_records, lang),
            get_polygon="polygon",
            get_fill_color="fill",
            get_line_color="line",
            get_line_width="width",
            line_width_units=string_prop("pixels"),
            stroked=True,
            filled=True,
            pickable=True,
        ),
        *_picked_layers(member_records, platform_records, focus, picked_region, picked_platform),
        pdk.Layer(
            "PolygonLayer",
            id=LAYER_MARKS + layer_suffix,
            data=marks,
            get_polygon="polygon",
            get_fill_color="fill",
            stroked=False,
            filled=True,
            pickable=True,
        ),
    ]
    if not names_set:
        layers += _text_layers(corridor_labels, lang)
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**view, pitch=0, bearing=0),
        map_style=NO_BASEMAP,
        map_provider=None,
        tooltip=TOOLTIP,
    )


def _text_layers(corridor_labels: pd.DataFrame, lang: str) -> list[pdk.Layer]:
    """Place and corridor names as text, for a machine with no CJK font to set them."""
    return [
        pdk.Layer(
            "TextLayer",
            id=LAYER_PLACE_LABELS,
            data=_place_labels(lang),
            get_position=["lon", "lat"],
            get_text="label",
            get_color="colour",
            get_size=PLACE_PX,
            size_units=string_prop("pixels"),
            character_set=string_prop("auto"),
            font_family=string_prop(FONT_FAMILY),
            font_settings={"sdf": True},
            outline_width=4,
            outline_color=PLACE_HALO,
            pickable=False,
        ),
        pdk.Layer(
            "TextLayer",
            id=LAYER_CORRIDOR_LABELS,
            data=corridor_labels.to_dict("records"),
            get_position=["lon", "lat"],
            get_text="label",
            get_color="text",
            get_size="size",
            size_units=string_prop("pixels"),
            character_set=string_prop("auto"),
            font_family=string_prop(FONT_FAMILY),
            font_weight=700,
            background=True,
            get_background_color="background",
            background_padding=list(LABEL_PADDING),
            max_width=22 if lang == "en" else 14,  # in multiples of the text size
            word_break=string_prop("break-word"),
            pickable=False,
        ),
    ]


def _picked_layers(
    member_records: list[dict[str, Any]],
    platform_records: list[dict[str, Any]],
    focus: str,
    region: str,
    platform: str,
) -> list[pdk.Layer]:
    """A white-haloed dark ring around the clicked region or platform of the chosen corridor."""
    rings = [
        {"polygon": r["polygon"]}
        for r in member_records
        if region and r["adcode"] == region and r["corridor_id"] == focus
    ]
    points = [
        {"lon": p["lon"], "lat": p["lat"]}
        for p in platform_records
        if platform and p["platform_id"] == platform
    ]
    layers = []
    for suffix, colour, width in (
        ("halo", [255, 255, 255, 255], 6),
        ("line", [20, 20, 20, 255], 2.5),
    ):
        if rings:
            layers.append(
                pdk.Layer(
                    "PolygonLayer",
                    id=f"{LAYER_PICKED}-{suffix}",
                    data=rings,
                    get_polygon="polygon",
                    filled=False,
                    stroked=True,
                    get_line_color=colour,
                    get_line_width=width,
                    line_width_units=string_prop("pixels"),
                    line_joint_rounded=True,
                    pickable=False,
                )
            )
        if points:
            layers.append(
                pdk.Layer(
                    "ScatterplotLayer",
                    id=f"{LAYER_PICKED}-point-{suffix}",
                    data=points,
                    get_position=["lon", "lat"],
                    get_radius=PLATFORM_RADIUS + 5,
                    radius_units=string_prop("pixels"),
                    filled=False,
                    stroked=True,
                    get_line_color=colour,
                    get_line_width=width,
                    line_width_units=string_prop("pixels"),
                    pickable=False,
                )
            )
    return layers


def payload_bytes(deck: pdk.Deck) -> int:
    """The size in bytes of the JSON the browser receives for this deck."""
    return len(deck.to_json().encode("utf-8"))


# ---------------------------------------------------------------------------------------
# Legend


def blend(colour: str, alpha: int, over: str = BACKGROUND) -> str:
    """The opaque colour of `colour` at alpha (0-255) over another colour, as #rrggbb."""
    top, bottom = hex_to_rgba(colour), hex_to_rgba(over)
    mixed = [
        round(a * alpha / 255 + b * (1 - alpha / 255)) for a, b in zip(top, bottom, strict=True)
    ]
    return "#" + "".join(f"{v:02x}" for v in mixed[:3])


def legend_sections(
    corridors: pd.DataFrame, visible: Sequence[str], platform_types: Sequence[str], lang: str
) -> list[tuple[str, list[LegendEntry], str]]:
    """Title, entries and note of each legend block: corridors, roles, platform types."""
    info = _corridor_table(corridors)
    names = name_column(lang)
    # Primary corridors first, in file order (not drawing order, which puts the focus last).
    shown = set(visible)
    ordered = [c for c in info.sort_values("layer", kind="stable").index if c in shown]
    corridor_entries = [LegendEntry(info.loc[c, "colour"], info.loc[c, names]) for c in ordered]
    # Roles in a neutral grey, so the shade reads as role and not as a corridor.
    role_entries = [
        LegendEntry(blend("#404040", ROLE_ALPHA[r]), role_label(r, lang)) for r in ROLES
    ]
    types = [k for k in PLATFORM_TYPES if k in set(platform_types)]
    type_entries = [LegendEntry(PLATFORM_COLOURS[k], type_label(k, lang)) for k in types]
    return [
        (t("corridors.legend_corridors", lang), corridor_entries, ""),
        (t("corridors.legend_roles", lang), role_entries, t("corridors.legend_roles_note", lang)),
        (
            t("corridors.legend_platforms", lang),
            type_entries,
            t("corridors.legend_precision", lang),
        ),
    ]


# ---------------------------------------------------------------------------------------
# Static version for export


def static_map(
    corridors: pd.DataFrame,
    members: pd.DataFrame,
    platforms: pd.DataFrame,
    visible: Sequence[str],
    lang: str = "zh",
    focus: str = "",
    title: str | None = None,
    source_line: str | None = None,
    width: int = 760,
    height: int = 620,
) -> alt.LayerChart:
    """The corridor map as an Altair chart with title, legends and source line (for export).

    The same picture as the deck: fills by corridor and role, outlines in the corridor's
    colour, platforms as rings (approximate) or dots (exact), corridor names as labels.
    """
    info = _corridor_table(corridors)
    names = name_column(lang)
    ids = [c for c in visible if c in info.index]
    ordered = [c for c in info.sort_values("layer", kind="stable").index if c in set(ids)]
    corridor_scale = alt.Scale(
        domain=[info.loc[c, names] for c in ordered], range=[info.loc[c, "colour"] for c in ordered]
    )
    # Vega-Lite draws no legend for fillOpacity, so role is opacity (outlines are a layer).
    # An ordinal scale: the default point scale would spread the roles between the first
    # two opacities only.
    role_scale = alt.Scale(
        type="ordinal",
        domain=[role_label(r, lang) for r in ROLES],
        range=[round(ROLE_ALPHA[r] / 255, 3) for r in ROLES],
    )
    projection = {
        "type": "mercator",
        "fit": _frame_feature(view_for(members, platforms, focus), width, height),
    }

    geo = member_shapes(members, ids)
    geo["corridor"] = geo["corridor_id"].map(lambda c: info.loc[c, names])
    geo["role_label"] = geo["role"].map(lambda r: role_label(r, lang))
    geo["region"] = geo[names]
    members_data = _geo_data(to_altair_geojson(geo, ["corridor", "role_label", "region"]))
    layers: list[alt.Chart] = [
        alt.Chart(_geo_data(to_altair_geojson(shapes("context"), [])))
        .mark_geoshape(fill="#d6dbe1", stroke="#aab0b8", strokeWidth=0.6, clip=True)
        .project(**projection),
        alt.Chart(_geo_data(to_altair_geojson(shapes("cities"), [])))
        .mark_geoshape(fill=BACKGROUND, stroke="#8c949e", strokeWidth=0.8, clip=True)
        .project(**projection),
        alt.Chart(members_data)
        .mark_geoshape(strokeWidth=0, clip=True)
        .encode(
            color=alt.Color(
                "properties.corridor:N",
                scale=corridor_scale,
                legend=alt.Legend(
                    title=t("corridors.legend_corridors", lang), orient="right", labelLimit=420
                ),
            ),
            opacity=alt.Opacity(
                "properties.role_label:N",
                scale=role_scale,
                legend=alt.Legend(title=t("corridors.legend_roles", lang), orient="right"),
            ),
            tooltip=[
                alt.Tooltip("properties.region:N"),
                alt.Tooltip("properties.corridor:N"),
                alt.Tooltip("properties.role_label:N"),
            ],
        )
        .project(**projection),
        alt.Chart(members_data)
        .mark_geoshape(filled=False, strokeWidth=1.4, clip=True)
        .encode(stroke=alt.Stroke("properties.corridor:N", scale=corridor_scale, legend=None))
        .project(**projection),
    ]

    placed = platforms[platforms["corridor_id"].isin(ids)].dropna(subset=["lon", "lat"])
    if len(placed):
        points = pd.DataFrame(
            {
                "lon": placed["lon"].astype(float).round(DECIMALS),
                "lat": placed["lat"].astype(float).round(DECIMALS),
                "name": placed[names],
                "type": placed["type"].map(lambda k: type_label(k, lang)),
                "precision": placed["precision"].map(lambda p: precision_label(p, lang)),
                "exact": placed["precision"] == "exact",
            }
        )
        types = [k for k in PLATFORM_TYPES if k in set(placed["type"])]
        type_scale = alt.Scale(
            domain=[type_label(k, lang) for k in types],
            range=[PLATFORM_COLOURS[k] for k in types],
        )
        encoding = {
            "longitude": "lon:Q",
            "latitude": "lat:Q",
            "tooltip": ["name:N", "type:N", "precision:N"],
        }
        type_legend = alt.Legend(title=t("corridors.legend_platforms", lang), orient="right")
        # Approximate: a ring in the type's colour; exact: a dot with a white edge.
        for exact, mark in (
            (False, {"filled": False, "strokeWidth": 2.2}),
            (True, {"filled": True, "stroke": "white", "strokeWidth": 1}),
        ):
            chosen = points[points["exact"] == exact].drop(columns="exact")
            if chosen.empty:
                continue
            colour = alt.Color("type:N", scale=type_scale, legend=None if exact else type_legend)
            layers.append(
                alt.Chart(chosen)
                .mark_point(shape="circle", size=80, clip=True, opacity=1, **mark)
                .encode(color=colour, **encoding)
                .project(**projection)
            )

    labels = corridor_label_points(corridors, members, ids, lang)
    if len(labels):
        # Long English names on two or three lines (a list of strings is a multi-line text).
        labels = labels.assign(lines=labels["label"].map(_wrap))
        text = {"fontSize": 15, "fontWeight": "bold", "clip": True}
        position = {"longitude": "lon:Q", "latitude": "lat:Q", "text": "lines"}
        layers.append(
            alt.Chart(labels[["label", "lines", "lon", "lat"]])
            .mark_text(stroke="white", strokeWidth=4, strokeJoin="round", **text)
            .encode(**position)
            .project(**projection)
        )
        layers.append(
            alt.Chart(labels[["label", "lines", "lon", "lat"]])
            .mark_text(**text)
            .encode(color=alt.Color("label:N", scale=corridor_scale, legend=None), **position)
            .project(**projection)
        )

    # Notes under the map: how locations are drawn, then where everything comes from.
    notes = pd.DataFrame(
        {
            "text": [
                t("corridors.legend_precision", lang),
                source_line if source_line is not None else t("corridors.source_line", lang),
            ],
            "y": [height - 20, height - 4],
        }
    )
    layers.append(
        alt.Chart(notes)
        .mark_text(align="left", baseline="bottom", fontSize=11, color="#444444", dx=6)
        .encode(x=alt.value(0), y=alt.Y("y:Q", scale=None), text="text:N")
    )
    chart = alt.layer(*layers).resolve_scale(color="independent", stroke="independent")
    subtitle = ("、" if lang == "zh" else ", ").join(info.loc[c, names] for c in ordered)
    return chart.properties(
        width=width,
        height=height,
        title=alt.TitleParams(
            text=title if title is not None else t("corridors.static_title", lang),
            subtitle=subtitle,
            anchor="start",
            fontSize=20,
            subtitleFontSize=13,
        ),
    ).configure_view(stroke=None, fill="#eef2f5")


def _wrap(label: str, width: int = 24) -> list[str]:
    """A label as lines of at most about `width` characters, broken between words."""
    if " " not in label or len(label) <= width:
        return [label]
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _geo_data(fc: dict[str, Any]) -> alt.InlineData:
    """A FeatureCollection for mark_geoshape, passed as JSON text.

    As text because Altair deep-copies and validates nested lists: seconds for a map.
    """
    text = json.dumps(fc, separators=(",", ":"), ensure_ascii=False)
    return alt.InlineData(values=text, format=alt.DataFormat(type="json", property="features"))


def _frame_feature(view: dict[str, float], width: int, height: int) -> dict[str, Any]:
    """A rectangle around the deck's view, for Altair's projection to fit."""
    import math

    scale = 512 * 2 ** view["zoom"]
    half_w = width / 2 / scale * 360
    y0 = math.log(math.tan(math.pi / 4 + math.radians(view["latitude"]) / 2))
    half_h = height / 2 / scale * 2 * math.pi
    lat_top = math.degrees(math.atan(math.sinh(y0 + half_h)))
    lat_bottom = math.degrees(math.atan(math.sinh(y0 - half_h)))
    west, east = view["longitude"] - half_w, view["longitude"] + half_w
    ring = [[west, lat_bottom], [west, lat_top], [east, lat_top], [east, lat_bottom]]
    # d3 wants clockwise exteriors (as seen on the map): west-bottom, west-top, east-top.
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
    }
