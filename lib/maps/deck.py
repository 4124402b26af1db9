"""What the interactive maps share: a Deck that serialises compactly in one pass, and string
props that pydeck passes on as strings."""

from __future__ import annotations

import json

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize


class CompactDeck(pdk.Deck):
    """A Deck that serialises as compact UTF-8 JSON (pydeck pretty-prints: 3x the bytes)."""

    def to_json(self) -> str:
        """The deck as compact JSON (what st.pydeck_chart sends to the browser)."""
        return json.dumps(
            self,
            sort_keys=True,
            default=default_serialize,
            separators=(",", ":"),
            ensure_ascii=False,
        )


def string_prop(text: str) -> str:
    """A string prop for pdk.Layer: pydeck turns bare strings into accessor expressions."""
    # pydeck strips the quote character wherever it occurs, so use one the text lacks.
    quote = next(q for q in "'`\"" if q not in text)
    return f"{quote}{text}{quote}"
