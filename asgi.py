"""The app as Streamlit serves it, with one addition (`python serve.py` runs this file):
the HTML of a page's own address tells the browser where the app's root is
(lib.deep_links), which saves every deep link a failed request and a 100 ms wait."""

import streamlit as st
from starlette.middleware import Middleware

from lib.deep_links import BaseUrlHint

app = st.App(
    "app.py",
    middleware=[Middleware(BaseUrlHint, base_path=lambda: st.get_option("server.baseUrlPath"))],
)
