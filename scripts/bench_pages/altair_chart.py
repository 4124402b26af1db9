"""Benchmark floor: a page with one minimal Altair chart, with the app's page layout."""

import altair as alt
import pandas as pd
import streamlit as st

st.set_page_config(page_title="bench: altair", layout="wide")
st.title("Altair")
points = pd.DataFrame({"year": [2020, 2021, 2022, 2023], "value": [1.0, 3.0, 2.0, 4.0]})
st.altair_chart(alt.Chart(points).mark_line(point=True).encode(x="year:O", y="value:Q"))
