"""What the corridors page says about a corridor, assembled from the curated tables (pure).

A corridor has members (cities or counties, each in a role), named platforms, the
sentences of the plans that support each of these, and the targets that concern it: the
targets rows whose note says "corridor: <id>" (or "corridors: <id>, <id>" for a target
shared by several corridors). Attainment is judged with lib.progress, but only against
figures measured for the corridor itself (see corridor_actuals).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from lib.maps.deck import picked_objects
from lib.progress import assess_targets

ROLES = ("core", "wing", "member", "intended")
PLATFORM_TYPES = (
    "laboratory",
    "university",
    "institute",
    "science_city",
    "hitech_zone",
    "science_lake",
    "park",
    "facility",
)
GENERAL_KNOWLEDGE = "general knowledge"
# URL value for "every corridor switched off" (an empty parameter would mean the default).
NONE_SHOWN = "none"
# Pickable map layers; their ids may carry a suffix ("areas~3"), see lib.maps.corridors.
PICKABLE_LAYERS = ("areas", "marks")
_CORRIDOR_NOTE = re.compile(r"\bcorridors?:\s*([a-z0-9_]+(?:\s*,\s*[a-z0-9_]+)*)")
# A search term should not start with punctuation: it reads badly in the search box.
_PUNCTUATION = set("，。；、：“”‘’（）《》！？,.;:()[]\"' ")
SNIPPET_MIN = 8
PREFIX_MAX = 20


@dataclass(frozen=True)
class View:
    """The page's view state, as kept in the URL."""

    shown: tuple[str, ...]  # corridors switched on (primary and, by choice, secondary)
    secondary: bool  # the secondary layer: every corridor with layer == secondary
    focus: str = ""  # the chosen corridor ("" for none)


def _present(value: Any) -> bool:
    """Whether a cell holds a value (not None, NaN or empty text)."""
    return value is not None and not (isinstance(value, float) and value != value) and value != ""


def primary_ids(corridors: pd.DataFrame) -> list[str]:
    """The primary corridors (on by default), in file order."""
    # Plain lists: a corridor table has a dozen rows, where pandas indexing costs more.
    layers = zip(corridors["id"].tolist(), corridors["layer"].tolist(), strict=True)
    return [cid for cid, layer in layers if layer == "primary"]


def secondary_ids(corridors: pd.DataFrame) -> list[str]:
    """The other corridors the documents name (the secondary layer)."""
    layers = zip(corridors["id"].tolist(), corridors["layer"].tolist(), strict=True)
    return [cid for cid, layer in layers if layer != "primary"]


def read_view(
    corridors: pd.DataFrame, shown: str | None, focus: str = "", secondary: str = ""
) -> View:
    """The view from URL values (?corridors=a,b&focus=a&secondary=1); unknown ids are dropped."""
    known = corridors["id"].tolist()
    if shown is None or shown == "":
        chosen = primary_ids(corridors)
    elif shown == NONE_SHOWN:
        chosen = []
    else:
        wanted = {item.strip() for item in shown.split(",")}
        chosen = [cid for cid in known if cid in wanted]
    return View(
        shown=tuple(chosen),
        secondary=secondary in ("1", "true", "yes"),
        focus=focus if focus in known else "",
    )


def view_params(view: View) -> dict[str, str | None]:
    """URL values for a view (None removes a parameter)."""
    return {
        "corridors": ",".join(view.shown) or NONE_SHOWN,
        "focus": view.focus or None,
        "secondary": "1" if view.secondary else None,
    }


def visible_ids(corridors: pd.DataFrame, view: View) -> list[str]:
    """Corridors to draw, bottom to top: the secondary layer, then primary, the focus last."""
    on = set(view.shown)
    if view.secondary:
        on |= set(secondary_ids(corridors))
    if view.focus:
        on.add(view.focus)  # a chosen corridor is always drawn, even if switched off
    order = secondary_ids(corridors) + primary_ids(corridors)
    ids = [cid for cid in order if cid in on and cid != view.focus]
    return ids + ([view.focus] if view.focus else [])


def with_focus(view: View, focus: str) -> View:
    """The same view with another chosen corridor."""
    return replace(view, focus=focus)


# ---------------------------------------------------------------------------------------
# Map selection


@dataclass(frozen=True)
class Pick:
    """What a click on the map chose: a member region, a platform or a corridor's name, and
    its corridor."""

    layer: str  # areas (regions) | marks (platforms, names)
    corridor_id: str
    region_code: str = ""
    platform_id: str = ""


def picked(selection: Any) -> Pick | None:
    """The object chosen in a pydeck selection event, or None: a region or place name of no
    corridor (no corridor_id) chooses nothing."""
    for layer, record in picked_objects(selection, PICKABLE_LAYERS):
        corridor_id = record.get("corridor_id")
        if not corridor_id:
            continue
        return Pick(
            layer=layer,
            corridor_id=str(corridor_id),
            region_code=str(record.get("adcode") or ""),
            platform_id=str(record.get("platform_id") or ""),
        )
    return None


# ---------------------------------------------------------------------------------------
# Members, platforms and the sentences behind them


def members_of(members: pd.DataFrame, regions: pd.DataFrame, corridor_id: str) -> pd.DataFrame:
    """A corridor's members with region names and level, by role (core first), cities first."""
    own = members[members["corridor_id"] == corridor_id].copy()
    names = regions.set_index("adcode")[["name_zh", "name_en", "level"]]
    own = own.join(names, on="region_code")
    own["role_rank"] = own["role"].map({r: i for i, r in enumerate(ROLES)}).fillna(len(ROLES))
    own["level_rank"] = (own["level"] != "city").astype(int)
    own = own.sort_values(["role_rank", "level_rank", "region_code"])
    return own.drop(columns=["level_rank"]).reset_index(drop=True)


def platforms_of(platforms: pd.DataFrame, regions: pd.DataFrame, corridor_id: str) -> pd.DataFrame:
    """A corridor's platforms with the name of the region each lies in, by type then name."""
    own = platforms[platforms["corridor_id"] == corridor_id].copy()
    names = regions.set_index("adcode")[["name_zh", "name_en"]].add_prefix("region_")
    own = own.join(names, on="region_code")
    own["type_rank"] = own["type"].map({t: i for i, t in enumerate(PLATFORM_TYPES)})
    own = own.sort_values(["type_rank", "id"], na_position="last")
    return own.drop(columns=["type_rank"]).reset_index(drop=True)


def unique_snippet(text: str, quote: str, min_len: int = SNIPPET_MIN) -> str:
    """The shortest early piece of quote that occurs once in text (the quote if none does)."""
    haystack = text.lower()
    if len(quote) <= min_len:
        return quote

    def unique(piece: str) -> bool:
        # A second hit may overlap the first, so look again from just after it.
        first = haystack.find(piece.lower())
        return first >= 0 and haystack.find(piece.lower(), first + 1) < 0

    # The quote's own opening reads best in the search box, if it is short and unique.
    for length in range(min_len, min(len(quote), PREFIX_MAX) + 1):
        if quote[length - 1] not in _PUNCTUATION and unique(quote[:length]):
            return quote[:length]
    for length in range(min_len, len(quote) + 1):
        for start in range(0, len(quote) - length + 1):
            if quote[start] in _PUNCTUATION or quote[start + length - 1] in _PUNCTUATION:
                continue
            if unique(quote[start : start + length]):
                return quote[start : start + length]
    return quote


def statements(
    corridor: Mapping[str, Any],
    members: pd.DataFrame,
    platforms: pd.DataFrame,
    source_text: Mapping[str, str],
    lang: str = "zh",
) -> pd.DataFrame:
    """One row per sentence the documents say about a corridor, with what it supports.

    `members` and `platforms` are the corridor's own (members_of, platforms_of);
    `source_text` maps a source id to its full text (for the unique search snippet).
    Columns: source, quote, snippet, about (names it supports, in lang), kinds.
    """
    names = "name_en" if lang == "en" else "name_zh"
    rows: list[dict[str, Any]] = []
    if _present(corridor.get("quote")):
        rows.append(
            {
                "source": corridor["source"],
                "quote": corridor["quote"],
                "about": corridor[names],
                "kind": "corridor",
            }
        )
    for record in members.to_dict("records"):
        if _present(record.get("quote")):
            rows.append(
                {
                    "source": record["source"],
                    "quote": record["quote"],
                    "about": record.get(names) or record["region_code"],
                    "kind": "member",
                }
            )
    for record in platforms.to_dict("records"):
        if _present(record.get("quote")):
            rows.append(
                {
                    "source": record["source"],
                    "quote": record["quote"],
                    "about": record[names],
                    "kind": "platform",
                }
            )
    columns = ["source", "quote", "snippet", "about", "kinds"]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows)
    grouped = (
        frame.groupby(["source", "quote"], sort=False)
        .agg(about=("about", _unique_join), kinds=("kind", _unique_join))
        .reset_index()
    )
    grouped["snippet"] = [
        unique_snippet(source_text.get(source, ""), quote)
        for source, quote in zip(grouped["source"], grouped["quote"], strict=True)
    ]
    return grouped[columns]


def _unique_join(values: Iterable[str]) -> str:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return "、".join(seen)


def sources_query(source: str, snippet: str) -> dict[str, str]:
    """Query parameters of the source reader for a sentence: its plan and a search term."""
    return {"plan": source, "q": snippet}


# ---------------------------------------------------------------------------------------
# Targets


def corridors_in_note(note: str | None, known: Sequence[str] | None = None) -> list[str]:
    """Corridor ids a targets note names ("corridor: chengxi", "corridors: a, b")."""
    if not isinstance(note, str) or not note:
        return []
    found: list[str] = []
    for match in _CORRIDOR_NOTE.finditer(note):
        for item in match.group(1).split(","):
            cid = item.strip()
            if cid and cid not in found and (known is None or cid in known):
                found.append(cid)
    return found


def corridor_targets(
    targets: pd.DataFrame, corridor_id: str, known: Sequence[str] | None = None
) -> pd.DataFrame:
    """Targets and baselines that concern a corridor, by plan, year and id."""
    if targets.empty:
        return targets.copy()
    mask = targets["note"].map(lambda note: corridor_id in corridors_in_note(note, known))
    own = targets[mask.astype(bool)]
    return own.sort_values(["plan_id", "year", "id"], na_position="last").reset_index(drop=True)


def corridor_actuals(actuals: pd.DataFrame, corridor_id: str) -> pd.DataFrame:
    """Uploaded actuals measured for the corridor itself (their note names it).

    A corridor target is stored on its host city's code ("the corridor, not all of
    Hangzhou"), so the city's own actuals measure a different area and must not be used.
    """
    if actuals.empty or "note" not in actuals:
        return actuals.iloc[0:0]
    mask = actuals["note"].map(lambda note: corridor_id in corridors_in_note(note))
    return actuals[mask.astype(bool)].reset_index(drop=True)


def assessed_targets(
    own_targets: pd.DataFrame, own_actuals: pd.DataFrame, indicators: pd.DataFrame
) -> pd.DataFrame:
    """The corridor's targets (not baselines) with status, quote, source and indicator names.

    Only the corridor's own rows are passed to lib.progress, so the baselines it may use
    are the corridor's own, never the host city's.
    """
    columns = ["source", "quote", "note"]
    if own_targets.empty:
        return pd.DataFrame(columns=["id", "status", *columns, "name_zh", "name_en"])
    assessed = assess_targets(own_targets, own_actuals, indicators)
    extra = own_targets.set_index("id")[columns]
    assessed = assessed.join(extra, on="id")
    names = indicators.set_index("id")[["name_zh", "name_en"]]
    return assessed.join(names, on="indicator_id").reset_index(drop=True)


def baselines(own_targets: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The past figures the documents state for the corridor, with indicator names."""
    if own_targets.empty:
        return own_targets.assign(name_zh=[], name_en=[])
    own = own_targets[own_targets["kind"] == "baseline"]
    names = indicators.set_index("id")[["name_zh", "name_en"]]
    return own.join(names, on="indicator_id").reset_index(drop=True)


def map_rows(
    members: pd.DataFrame,
    platforms: pd.DataFrame,
    regions: pd.DataFrame,
    ids: Sequence[str],
) -> pd.DataFrame:
    """The data behind the map: each member and platform of the corridors drawn, with its
    basis and quote (platform positions are approximate unless marked exact)."""
    names = regions.set_index("adcode")[["name_zh", "name_en"]]
    own_members = members[members["corridor_id"].isin(ids)].join(names, on="region_code")
    own_platforms = platforms[platforms["corridor_id"].isin(ids)]
    shared = ["corridor_id", "name_zh", "name_en", "region_code", "basis", "source", "quote"]
    rows = pd.concat(
        [
            own_members.assign(kind="member", what=own_members["role"])[["kind", "what", *shared]],
            own_platforms.assign(kind="platform", what=own_platforms["type"])[
                ["kind", "what", *shared, "lon", "lat", "precision"]
            ],
        ],
        ignore_index=True,
    )
    return rows[["corridor_id", "kind", "what", *shared[1:], "lon", "lat", "precision"]]


def summary(
    corridors: pd.DataFrame,
    members: pd.DataFrame,
    platforms: pd.DataFrame,
    targets: pd.DataFrame,
    ids: Sequence[str],
) -> pd.DataFrame:
    """Per corridor: how many members, platforms, targets and baselines the data hold."""
    known = corridors["id"].tolist()
    rows = []
    for cid in ids:
        own = corridor_targets(targets, cid, known)
        kinds = own["kind"] if len(own) else pd.Series(dtype=str)
        rows.append(
            {
                "id": cid,
                "members": int((members["corridor_id"] == cid).sum()),
                "platforms": int((platforms["corridor_id"] == cid).sum()),
                "targets": int((kinds != "baseline").sum()),
                "baselines": int((kinds == "baseline").sum()),
            }
        )
    frame = pd.DataFrame(rows, columns=["id", "members", "platforms", "targets", "baselines"])
    return frame.join(corridors.set_index("id")[["name_zh", "name_en", "layer"]], on="id")


# ---------------------------------------------------------------------------------------
# Panel rows in words


def source_texts(sources: Iterable[str | None]) -> dict[str, str]:
    """The full text of each named source (unknown or empty names are skipped)."""
    from lib.source_reader import read_source

    texts = {}
    for source in sources:
        if _present(source) and source not in texts:
            try:
                texts[source] = "\n".join(read_source(source))
            except FileNotFoundError:
                texts[source] = ""
    return texts


def year_text(year: Any, lang: str) -> str:
    """A target's year, or words saying the document gives none."""
    from lib.i18n import t

    return t("corridors.year_unknown", lang) if pd.isna(year) else str(int(year))


def figure_label(row: Mapping[str, Any], lang: str) -> str:
    """One line for a target or baseline: year, indicator and the value as written."""
    from lib.i18n import t

    return t(
        "corridors.target_label",
        lang,
        year=year_text(row.get("year"), lang),
        indicator=row.get("name_en" if lang == "en" else "name_zh") or row["indicator_id"],
        value=row["value_text"],
    )


# Page links truncate their label to one line; in the panel a quote must be read whole.
PANEL_KEY = "corridor_panel"
PANEL_CSS = f"""
<style>
.st-key-{PANEL_KEY} [data-testid="stPageLink"] span,
.st-key-{PANEL_KEY} [data-testid="stPageLink"] p {{
  white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.45;
}}
.st-key-{PANEL_KEY} [data-testid="stPageLink"] a {{ height: auto; align-items: flex-start; }}
</style>
"""
