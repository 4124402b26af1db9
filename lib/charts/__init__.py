"""Chart builders: each module returns an alt.Chart that pages only render."""

from __future__ import annotations

import altair as alt

# Sizes for a chart read on a shared screen from across a meeting room.
TITLE_SIZE = 24
SUBTITLE_SIZE = 16
LABEL_SIZE = 15
AXIS_TITLE_SIZE = 16


def legible(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Large type for axes, legends and the title; no frame around the plot."""
    return (
        chart.configure_axis(
            labelFontSize=LABEL_SIZE,
            titleFontSize=AXIS_TITLE_SIZE,
            titleFontWeight="normal",
            gridOpacity=0.5,
        )
        .configure_legend(
            labelFontSize=LABEL_SIZE,
            titleFontSize=LABEL_SIZE,
            labelLimit=320,
            symbolSize=160,
        )
        .configure_title(
            fontSize=TITLE_SIZE,
            subtitleFontSize=SUBTITLE_SIZE,
            subtitleColor="#444444",
            anchor="start",
            offset=12,
        )
        .configure_view(stroke=None)
    )
