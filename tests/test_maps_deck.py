"""The deck both maps share: compact JSON, made once and kept when the deck is cached."""

import json
import pickle

import numpy as np
import pydeck as pdk

from lib.maps.deck import CompactDeck, dot_path


def small_deck() -> CompactDeck:
    layer = pdk.Layer(
        "PolygonLayer",
        data=[{"name": "西湖区", "polygon": [[120.1, 30.2], [120.2, 30.2], [120.2, 30.3]]}],
        get_polygon="polygon",
        id="districts",
    )
    return CompactDeck(layers=[layer], map_style=None)


def test_the_json_is_compact_and_keeps_chinese_as_letters():
    text = small_deck().to_json()
    assert "西湖区" in text and "\n" not in text and ", " not in text
    assert json.loads(text)["layers"][0]["id"] == "districts"


def test_a_cached_copy_gives_the_same_json_without_its_memo_in_it():
    deck = small_deck()
    first = deck.to_json()
    assert deck.to_json() == first
    copy = pickle.loads(pickle.dumps(deck))  # what st.cache_data hands back
    assert copy.to_json() == first
    assert "_json" not in first and "json" not in json.loads(first)


def test_a_dot_path_is_short_but_survives_rounding_and_float32():
    (lon0, lat0), (lon1, lat1) = dot_path(120.12345, 30.2)
    assert (lon0, lat0, lat1) == (120.12345, 30.2, 30.2)
    assert 0 < lon1 - lon0 < 1e-3  # under a pixel at the zooms the maps open at
    assert round(lon1, 5) != round(lon0, 5)  # not merged when coordinates are rounded
    assert float(np.float32(lon1)) != float(np.float32(lon0))  # nor on the GPU
