"""What the interactive maps share: a Deck that serialises compactly in one pass, string
props that pydeck passes on as strings, and dots drawn as paths."""

from __future__ import annotations

import json

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


# About 10 m: below a pixel at every zoom the maps open at, and far above float32 rounding.
DOT_STEP = 1e-4


def dot_path(lon: float, lat: float) -> list[list[float]]:
    """A path that a PathLayer with round caps draws as a dot of its width at (lon, lat)."""
    return [[lon, lat], [lon + DOT_STEP, lat]]


def string_prop(text: str) -> str:
    """A string prop for pdk.Layer: pydeck turns bare strings into accessor expressions."""
    # pydeck strips the quote character wherever it occurs, so use one the text lacks.
    quote = next(q for q in "'`\"" if q not in text)
    return f"{quote}{text}{quote}"
