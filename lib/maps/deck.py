"""What the interactive maps share: a Deck that serialises compactly in one pass, deck.gl's
web-Mercator pixels, selection events told apart, and string props that pydeck passes on
as strings."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize


class CompactDeck(pdk.Deck):
    """A Deck that serialises as compact UTF-8 JSON (pydeck pretty-prints: 3x the bytes)."""

    def to_json(self) -> str:
        """The deck as compact JSON (what st.pydeck_chart sends to the browser), made once.

        Decks are not changed once built; a cached deck made its JSON before it was stored,
        so every run that draws it skips serialising its layers again.
        """
        if getattr(self, "_json", None) is None:
            # Set after dumping: pydeck's serialiser skips attributes that are None only.
            self._json = json.dumps(
                self,
                sort_keys=True,
                default=default_serialize,
                separators=(",", ":"),
                ensure_ascii=False,
            )
        return self._json


def world_px(lon: np.ndarray, lat: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    """Web-Mercator pixel coordinates at a zoom (deck.gl's 512-px world), y down."""
    scale = 512.0 * 2.0**zoom
    lat = np.clip(lat, -85.0511, 85.0511)
    x = (np.asarray(lon) + 180.0) / 360.0 * scale
    y = (1.0 - np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) / np.pi) / 2.0 * scale
    return x, y


def lonlat(x: np.ndarray, y: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude of web-Mercator pixel coordinates at a zoom."""
    scale = 512.0 * 2.0**zoom
    lon = np.asarray(x) / scale * 360.0 - 180.0
    lat = np.degrees(np.arctan(np.sinh(np.pi * (1.0 - 2.0 * np.asarray(y) / scale))))
    return lon, lat


def selection_signature(event: Any) -> str:
    """A stable text for a pydeck selection event, to act on each click once ("" for none)."""
    try:
        indices = event["selection"]["indices"]
    except (KeyError, TypeError, IndexError):
        return ""
    if not indices:
        return ""
    return json.dumps({str(k): list(v) for k, v in dict(indices).items()}, sort_keys=True)


def picked_objects(event: Any, layer_ids: tuple[str, ...]) -> list[tuple[str, dict]]:
    """(layer id, first object picked) for each of the given layers a pydeck selection event
    picked from, in the event's order. A layer id may carry a suffix ("areas~3": the maps
    rename their pickable layers after each click), matched by the part before "~"."""
    try:
        objects = dict(event["selection"]["objects"])
    except (KeyError, TypeError, IndexError, ValueError):
        return []
    found = []
    for layer_id, picked in objects.items():
        base = str(layer_id).split("~")[0]
        if base in layer_ids and picked and isinstance(picked[0], dict):
            found.append((base, picked[0]))
    return found


def string_prop(text: str) -> str:
    """A string prop for pdk.Layer: pydeck turns bare strings into accessor expressions."""
    # pydeck strips the quote character wherever it occurs, so use one the text lacks.
    quote = next(q for q in "'`\"" if q not in text)
    return f"{quote}{text}{quote}"
