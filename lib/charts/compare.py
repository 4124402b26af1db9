"""Small charts of the comparison page: shared indicators, a dot per plan and year."""

from __future__ import annotations

import altair as alt
import pandas as pd

from lib.i18n import t
from lib.image_export import wrap_units

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
# Vega cannot wrap text: a panel's header lines are joined with this and split again in the
# browser (no indicator name or subtitle contains it).
PANEL_LINE_BREAK = "|"
PANEL_WIDTH = 340  # two panels and their axes fit the main column of a 1400 px screen
PANEL_HEADER_UNITS = 44  # Latin-letter widths of text across a panel, at 15 px (presenter)


def shared_indicator_chart(
    points: pd.DataFrame,
    title: str,
    unit: str,
    plan_order: list[str],
    lang: str,
) -> alt.Chart:
    """Dots of each plan's figures for one indicator by year, labelled with the value.

    points: plan (display name), year, value, label (the wording), kind. Plans sit side by
    side within a year, so equal figures in the same year stay visible as two dots.
    """
    dots_and_values = _dots_and_values(plan_order, _kinds(points), lang, legend_orient="right")
    return (
        dots_and_values.properties(
            data=_chart_rows(points, lang),
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


def shared_indicators_chart(
    panels: list[tuple[list[str], pd.DataFrame]],
    plan_order: list[str],
    lang: str,
    columns: int = 2,
) -> alt.FacetChart:
    """The small charts of several shared indicators as one chart: a panel each, in order.

    panels: each indicator's header lines (its name, then what its figures are) and its
    points (as shared_indicator_chart's). Each panel has its own scales; one legend above
    them all. One chart draws much sooner in the browser than a dozen.
    """
    headers = [PANEL_LINE_BREAK.join(_panel_lines(lines)) for lines, _ in panels]
    rows = pd.concat(
        [
            _chart_rows(points, lang).assign(panel=header)
            for header, (_, points) in zip(headers, panels, strict=True)
        ],
        ignore_index=True,
    )
    header = alt.Header(
        title=None,
        labelExpr=f"split(datum.label, {PANEL_LINE_BREAK!r})",
        labelAnchor="start",
        labelAlign="left",
        labelLineHeight=17,
        labelLimit=0,
    )
    return (
        _dots_and_values(plan_order, _kinds(rows), lang, legend_orient="top")
        .properties(width=PANEL_WIDTH, height=HEIGHT)
        .facet(
            facet=alt.Facet("panel:N", sort=headers, header=header),
            columns=columns,
            data=rows,
            spacing={"row": 28, "column": 36},
            title=alt.Title(
                t("compare.charts_source", lang), fontSize=12, fontWeight="normal", color="#444"
            ),
        )
        .resolve_scale(x="independent", y="independent")
        .configure_title(anchor="start")
        .configure_header(labelFontSize=13, labelColor="#31333F")
        .configure_legend(labelFontSize=12, titleFontSize=12)
        .configure_axis(labelFontSize=12, titleFontSize=12, titleFontWeight="normal")
        .configure_view(stroke=None)
    )


def _panel_lines(lines: list[str]) -> list[str]:
    return [
        part.replace(PANEL_LINE_BREAK, "/")
        for line in lines
        for part in wrap_units(line, PANEL_HEADER_UNITS)
    ]


def _kinds(points: pd.DataFrame) -> list[str]:
    shown = set(points["kind"])
    return [kind for kind in KIND_SHAPES if kind in shown]


def _chart_rows(points: pd.DataFrame, lang: str) -> pd.DataFrame:
    return points.assign(
        year=points["year"].astype(int).astype(str),
        kind_label=points["kind"].map(lambda k: t(f"compare.kind_{k}", lang)),
    )


def _dots_and_values(
    plan_order: list[str], kinds: list[str], lang: str, legend_orient: str
) -> alt.LayerChart:
    """A dot per plan and year, shaped by its kind and labelled with its value (no data)."""
    shape = alt.Shape(
        "kind_label:N",
        title=t("compare.chart_kind", lang),
        legend=alt.Legend(orient=legend_orient),
        scale=alt.Scale(
            domain=[t(f"compare.kind_{k}", lang) for k in kinds],
            range=[KIND_SHAPES[k] for k in kinds],
        ),
    )
    colour = alt.Color(
        "plan:N",
        title=t("compare.chart_plan", lang),
        scale=alt.Scale(domain=plan_order, range=list(PLAN_COLOURS[: len(plan_order)])),
        legend=alt.Legend(orient=legend_orient, labelLimit=170),
    )
    base = alt.Chart().encode(
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
    return dots + values
