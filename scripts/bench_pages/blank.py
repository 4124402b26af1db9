"""Benchmark floor: a blank Streamlit page (a title only), with the app's page layout."""

import streamlit as st

st.set_page_config(page_title="bench: blank", layout="wide")
st.title("Blank")
