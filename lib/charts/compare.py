"""Small charts of the comparison page: one shared indicator, a dot per plan and year."""

from __future__ import annotations

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
# Okabe-Ito: tell the plans apart with the common colour-vision deficiencies.
PLAN_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
WIDTH = 300
HEIGHT = 280


def shared_indicator_chart(
    points: pd.DataFrame, title: str, unit: str, plan_order: list[str], lang: str
) -> alt.Chart:
    """Dots of each plan's figures for one indicator by year, labelled with the value.

    points: plan (display name), year, value, label (the wording), kind. Plans sit side by
    side within a year, so equal figures in the same year stay visible as two dots.
    """
    data = points.assign(
        year=points["year"].astype(int).astype(str),
        kind_label=points["kind"].map(lambda k: t(f"compare.kind_{k}", lang)),
    )
    kinds = [k for k in KIND_SHAPES if k in set(points["kind"])]
    shape = alt.Shape(
        "kind_label:N",
        title=t("compare.chart_kind", lang),
        scale=alt.Scale(
            domain=[t(f"compare.kind_{k}", lang) for k in kinds],
            range=[KIND_SHAPES[k] for k in kinds],
        ),
    )
    colour = alt.Color(
        "plan:N",
        title=t("compare.chart_plan", lang),
        scale=alt.Scale(domain=plan_order, range=list(PLAN_COLOURS[: len(plan_order)])),
        legend=alt.Legend(orient="right", labelLimit=170),
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
