"""The deck both maps share: compact JSON, made once and kept when the deck is cached, and
deck.gl's web-Mercator pixels."""

import json
import pickle

import numpy as np
import pydeck as pdk

from lib.maps.deck import CompactDeck, lonlat, picked_objects, selection_signature, world_px


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


def test_web_mercator_pixels_go_there_and_back():
    lon, lat = np.array([120.15, 119.0]), np.array([30.28, 29.5])
    x, y = world_px(lon, lat, 9.3)
    assert x[0] > x[1] and y[0] < y[1]  # east is right, north is up (y grows downwards)
    # One zoom level more doubles the distances.
    x2, y2 = world_px(lon, lat, 10.3)
    assert np.allclose(x2[0] - x2[1], 2 * (x[0] - x[1]))
    back_lon, back_lat = lonlat(x, y, 9.3)
    assert np.allclose(back_lon, lon) and np.allclose(back_lat, lat)


def test_the_selection_signature_tells_clicks_apart():
    one = {"selection": {"indices": {"members~0": [3]}, "objects": {}}}
    same = {"selection": {"indices": {"members~0": [3]}, "objects": {"members~0": [{}]}}}
    renamed = {"selection": {"indices": {"members~1": [3]}, "objects": {}}}
    assert selection_signature(one) == selection_signature(same) != ""
    assert selection_signature(one) != selection_signature(renamed)
    assert selection_signature({"selection": {"indices": {}, "objects": {}}}) == ""
    assert selection_signature(None) == ""


def test_picked_objects_are_read_from_renamed_layers_and_others_ignored():
    event = {
        "selection": {
            "indices": {"base": [0], "areas~3": [2]},
            "objects": {"base": [{"name": "x"}], "areas~3": [{"adcode": "330100"}, {}]},
        }
    }
    assert picked_objects(event, ("areas", "marks")) == [("areas", {"adcode": "330100"})]
    assert picked_objects(event, ("marks",)) == []
    for broken in (None, {}, {"selection": None}, {"selection": {"objects": []}}):
        assert picked_objects(broken, ("areas",)) == []
