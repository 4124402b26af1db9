"""Benchmark floor: a page with one minimal pydeck polygon, with no base map (as the app's
maps are drawn by default)."""

import pydeck as pdk
import streamlit as st

st.set_page_config(page_title="bench: pydeck", layout="wide")
st.title("Pydeck")
# One saturated square over Hangzhou: the benchmark waits for coloured pixels on the canvas.
square = [[[119.9, 30.1], [120.4, 30.1], [120.4, 30.5], [119.9, 30.5], [119.9, 30.1]]]
layer = pdk.Layer(
    "PolygonLayer",
    [{"polygon": square}],
    get_polygon="polygon",
    get_fill_color=[214, 39, 40, 200],
    filled=True,
)
view = pdk.ViewState(longitude=120.15, latitude=30.3, zoom=8)
st.pydeck_chart(pdk.Deck(layers=[layer], initial_view_state=view, map_provider=None))
