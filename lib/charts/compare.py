"""Small charts of the comparison page: one shared indicator, a dot per plan and year."""

from __future__ import annotations

import html
from collections.abc import Collection

import altair as alt
import pandas as pd

from lib.i18n import t

KIND_SHAPES = {
    "target": "circle",
    "cumulative": "square",
    "annual": "triangle-up",
    "funding": "diamond",
    "baseline": "cross",
}
# The same shapes as text, for the legend the small charts share.
SHAPE_GLYPHS = {"circle": "●", "square": "■", "triangle-up": "▲", "diamond": "◆", "cross": "✚"}
# Okabe-Ito: tell the plans apart with the common colour-vision deficiencies.
PLAN_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
WIDTH = 300
HEIGHT = 280


def shared_indicator_chart(
    points: pd.DataFrame,
    title: str,
    unit: str,
    plan_order: list[str],
    lang: str,
    legend: bool = True,
) -> alt.Chart:
    """Dots of each plan's figures for one indicator by year, labelled with the value.

    points: plan (display name), year, value, label (the wording), kind. Plans sit side by
    side within a year, so equal figures in the same year stay visible as two dots.
    legend=False leaves out the legends: small charts on a page share one (shared_legend_html).
    """
    data = points.assign(
        year=points["year"].astype(int).astype(str),
        kind_label=points["kind"].map(lambda k: t(f"compare.kind_{k}", lang)),
    )
    kinds = [k for k in KIND_SHAPES if k in set(points["kind"])]
    shape = alt.Shape(
        "kind_label:N",
        title=t("compare.chart_kind", lang),
        legend=alt.Undefined if legend else None,
        scale=alt.Scale(
            domain=[t(f"compare.kind_{k}", lang) for k in kinds],
            range=[KIND_SHAPES[k] for k in kinds],
        ),
    )
    colour = alt.Color(
        "plan:N",
        title=t("compare.chart_plan", lang),
        scale=alt.Scale(domain=plan_order, range=list(PLAN_COLOURS[: len(plan_order)])),
        legend=alt.Legend(orient="right", labelLimit=170) if legend else None,
    )
    base = alt.Chart(data).encode(
        x=alt.X(
            "year:O",
            title=t("compare.chart_year", lang),
            axis=alt.Axis(labelAngle=0),
            sort="ascending",
        ),
        xOffset=alt.XOffset("plan:N", scale=alt.Scale(domain=plan_order)),
        y=alt.Y(
            "value:Q",
            title=t("compare.chart_value", lang),
            scale=alt.Scale(zero=False, padding=18),
        ),
        color=colour,
        tooltip=[
            alt.Tooltip("plan:N", title=t("compare.chart_plan", lang)),
            alt.Tooltip("year:O", title=t("compare.chart_year", lang)),
            alt.Tooltip("label:N", title=t("compare.chart_label", lang)),
            alt.Tooltip("kind_label:N", title=t("compare.chart_kind", lang)),
        ],
    )
    dots = base.mark_point(size=110, filled=True, opacity=0.9).encode(shape=shape)
    values = base.mark_text(dy=-13, fontSize=12).encode(text=alt.Text("value:Q", format=",~g"))
    return (
        (dots + values)
        .properties(
            width=WIDTH,
            height=HEIGHT,
            title=alt.Title(
                title, subtitle=t("compare.chart_unit", lang, unit=unit or "—"), limit=560
            ),
        )
        .configure_title(fontSize=15, subtitleFontSize=12, anchor="start", subtitleColor="#444")
        .configure_axis(labelFontSize=12, titleFontSize=12, titleFontWeight="normal")
        .configure_legend(labelFontSize=12, titleFontSize=12)
        .configure_view(stroke=None)
    )


def shared_legend_html(plan_order: list[str], kinds: Collection[str], lang: str) -> str:
    """One legend for the small charts: each plan's colour, then the shape of each kind shown."""
    plans = "".join(
        f'<span class="entry"><span class="mark" style="color:{colour}">●</span> '
        f"{html.escape(plan)}</span>"
        for plan, colour in zip(plan_order, PLAN_COLOURS, strict=False)
    )
    shapes = "".join(
        f'<span class="entry"><span class="mark">{SHAPE_GLYPHS[shape]}</span> '
        f"{html.escape(t(f'compare.kind_{kind}', lang))}</span>"
        for kind, shape in KIND_SHAPES.items()
        if kind in kinds
    )
    return (
        '<div class="compare-legend">'
        f"<p><b>{html.escape(t('compare.chart_plan', lang))}</b>{plans}</p>"
        f"<p><b>{html.escape(t('compare.chart_kind', lang))}</b>{shapes}</p></div>"
        "<style>.compare-legend p { margin: 0 0 0.2rem 0; } "
        ".compare-legend .entry { margin-left: 1.1em; white-space: nowrap; } "
        ".compare-legend .mark { font-size: 1.2em; }</style>"
    )
