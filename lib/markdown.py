"""Data text shown inside Markdown (st.markdown, captions, labels) exactly as written."""

from __future__ import annotations

import re

# Every character Markdown, Streamlit's HTML handling, links or LaTeX could act on.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=])")


def markdown_text(text: object) -> str:
    """Text that st.markdown / st.subheader show literally (no markup, HTML, links or LaTeX);
    a line break becomes a space, so one value stays on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
