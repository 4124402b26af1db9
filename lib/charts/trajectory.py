"""The trajectory chart: observed values as a line, plan targets as markers, paths and trend."""

from __future__ import annotations

import altair as alt
import pandas as pd

from lib.charts import legible
from lib.i18n import t
from lib.trajectory import LINE_KINDS, MARKER_COMPARATORS, REGION_COLOURS, Trajectory

# The marker's shape says what the plan asks for: a triangle for "at least", an arrow for
# "more than", a diamond for "reach", a square for "about"; downward for ceilings.
# Vega symbol paths live in a unit square centred on the point, y pointing down.
_ARROW_UP = "M0,-1L1,0L0.38,0L0.38,1L-0.38,1L-0.38,0L-1,0Z"
_ARROW_DOWN = "M0,1L1,0L0.38,0L0.38,-1L-0.38,-1L-0.38,0L-1,0Z"
COMPARATOR_SHAPES = {
    "≥": "triangle-up",
    ">": _ARROW_UP,
    "≈": "square",
    "=": "diamond",
    "≤": "triangle-down",
    "<": _ARROW_DOWN,
}
# Solid for what was observed, fine dots for the path a plan implies, long dashes for the
# projection, so that the three read apart in greyscale too.
LINE_DASHES = {"observed": [1, 0], "path": [2, 3], "projection": [9, 5]}
LINE_WIDTHS = {"observed": 3, "path": 1.8, "projection": 2.5}
VALUE_FORMAT = ",.4~f"
HEIGHT = 480


def _legend(row: int, **options) -> alt.Legend:
    # Legends stack on the right: side by side under the plot they run off a narrow chart.
    return alt.Legend(orient="right", direction="vertical", zindex=row, **options)


def _year_domain(trajectory: Trajectory) -> list[float]:
    years = pd.concat(
        [
            frame["year"]
            for frame in (
                trajectory.observed,
                trajectory.markers,
                trajectory.ranges,
                trajectory.projection,
            )
            if len(frame)
        ]
        or [pd.Series([2020, 2027])]
    ).astype(int)
    # Half a year of margin so that markers on the first and last year are not cut.
    return [int(years.min()) - 0.5, int(years.max()) + 0.5]


def _value_domain(trajectory: Trajectory, show: set[str]) -> list[float]:
    # A margin around everything drawn, then rounded outward to ticks (nice), so that no
    # marker sits on the frame and the top tick is not squeezed against the next one.
    frames = [trajectory.observed["value"], trajectory.markers["value"]]
    frames += [trajectory.ranges["range_low"], trajectory.ranges["range_high"]]
    if "path" in show:
        frames.append(trajectory.paths["value"])
    if "projection" in show:
        frames.append(trajectory.projection["value"])
    values = pd.concat([f for f in frames if len(f)] or [pd.Series([0.0, 1.0])]).astype(float)
    low, high = float(values.min()), float(values.max())
    margin = (high - low) * 0.06 or max(abs(high), 1.0) * 0.1
    # Counts and shares that never go below zero keep zero as the floor of the axis.
    floor = low - margin if low < 0 else max(low - margin, 0.0)
    return [floor, high + margin]


def _lines(trajectory: Trajectory, show: set[str], lang: str) -> pd.DataFrame:
    parts = []
    observed = trajectory.observed
    if len(observed):
        parts.append(observed.assign(line="observed", series=observed["region_code"]))
    if "path" in show and len(trajectory.paths):
        paths = trajectory.paths
        parts.append(paths.assign(line="path", series=paths["region_code"] + paths["target_id"]))
    if "projection" in show and len(trajectory.projection):
        projection = trajectory.projection
        parts.append(projection.assign(line="projection", series=projection["region_code"] + "~"))
    if not parts:
        return pd.DataFrame(columns=["region", "year", "value", "line", "line_label", "series"])
    lines = pd.concat(parts, ignore_index=True)[["region", "year", "value", "line", "series"]]
    labels = {kind: t(f"trajectories.line.{kind}", lang) for kind in LINE_KINDS}
    return lines.assign(line_label=lines["line"].map(labels))


def trajectory_chart(
    trajectory: Trajectory,
    *,
    title: str,
    unit: str,
    lang: str,
    show: set[str] | frozenset[str] = frozenset({"path", "projection"}),
) -> alt.LayerChart:
    """Observed line with points, target markers shaped by comparator, paths and projection."""
    x = alt.X(
        "year:Q",
        title=t("trajectories.axis.year", lang),
        scale=alt.Scale(domain=_year_domain(trajectory), nice=False, zero=False),
        axis=alt.Axis(format="d", tickMinStep=1, labelFlush=False, grid=False),
    )
    y_axis = alt.Axis(
        title=unit, titleAngle=0, titleAlign="left", titleY=-12, titleX=-6, labelFlush=False
    )
    y_scale = alt.Scale(domain=_value_domain(trajectory, set(show)), nice=True, zero=False)
    y = alt.Y("value:Q", scale=y_scale, axis=y_axis)
    colour = alt.Color(
        "region:N",
        title=t("trajectories.legend.region", lang),
        scale=alt.Scale(
            domain=list(trajectory.region_names),
            range=list(REGION_COLOURS[: len(trajectory.region_names)]),
        ),
        legend=_legend(0, symbolType="circle"),
    )
    tip = {
        "region": alt.Tooltip("region:N", title=t("trajectories.tooltip.region", lang)),
        "year": alt.Tooltip("year:Q", title=t("trajectories.tooltip.year", lang), format="d"),
        "value": alt.Tooltip(
            "value:Q", title=t("trajectories.tooltip.value", lang), format=VALUE_FORMAT
        ),
        "plan": alt.Tooltip("plan:N", title=t("trajectories.tooltip.plan", lang)),
        "kind": alt.Tooltip("kind_label:N", title=t("trajectories.tooltip.kind", lang)),
        "target": alt.Tooltip("value_text:N", title=t("trajectories.tooltip.target", lang)),
        "comparator": alt.Tooltip(
            "comparator_label:N", title=t("trajectories.tooltip.comparator", lang)
        ),
        "status": alt.Tooltip("status_label:N", title=t("trajectories.tooltip.status", lang)),
        "quote": alt.Tooltip("quote:N", title=t("trajectories.tooltip.quote", lang)),
        "source": alt.Tooltip("source_label:N", title=t("trajectories.tooltip.source", lang)),
    }
    layers = []

    lines = _lines(trajectory, set(show), lang)
    if len(lines):
        present = [k for k in LINE_KINDS if k in set(lines["line"])]
        labels = [t(f"trajectories.line.{k}", lang) for k in present]
        layers.append(
            alt.Chart(lines)
            .mark_line(strokeCap="round")
            .encode(
                x=x,
                y=y,
                color=colour,
                detail="series:N",
                strokeDash=alt.StrokeDash(
                    "line_label:N",
                    title=t("trajectories.legend.line", lang),
                    scale=alt.Scale(domain=labels, range=[LINE_DASHES[k] for k in present]),
                    legend=_legend(1, symbolSize=400),
                ),
                strokeWidth=alt.StrokeWidth(
                    "line:N",
                    # Ordinal: a point scale would interpolate between the first and last width.
                    scale=alt.Scale(
                        type="ordinal", domain=present, range=[LINE_WIDTHS[k] for k in present]
                    ),
                    legend=None,
                ),
            )
        )

    observed = trajectory.observed
    if len(observed):
        fields = ["region", "year", "value", "source_label", "plan", "quote", "link"]
        actual = observed[observed["source"] == "actual"][fields]
        stated = observed[observed["source"] == "baseline"][fields]
        point_tips = [tip[k] for k in ("region", "year", "value", "source")]
        if len(actual):
            layers.append(
                alt.Chart(actual)
                .mark_circle(size=90, opacity=1)
                .encode(x=x, y=y, color=colour, tooltip=point_tips)
            )
        if len(stated):
            # A hollow ring: a figure a plan states, not one measured and uploaded.
            layers.append(
                alt.Chart(stated)
                .mark_point(size=110, filled=False, strokeWidth=2.5, fill="white", cursor="pointer")
                .encode(
                    x=x,
                    y=y,
                    color=colour,
                    href="link:N",
                    tooltip=[*point_tips, tip["plan"], tip["quote"]],
                )
            )

    ranges = trajectory.ranges
    if len(ranges):
        layers.append(
            alt.Chart(ranges)
            .mark_rule(strokeWidth=7, opacity=0.6, strokeCap="round", cursor="pointer")
            .encode(
                x=x,
                y=alt.Y("range_low:Q", scale=y_scale, axis=y_axis),
                y2="range_high:Q",
                color=colour,
                href="link:N",
                tooltip=[
                    tip["region"],
                    tip["year"],
                    tip["plan"],
                    tip["kind"],
                    tip["target"],
                    tip["status"],
                    tip["quote"],
                ],
            )
        )

    markers = trajectory.markers
    if len(markers):
        present = [c for c in MARKER_COMPARATORS if c in set(markers["comparator"])]
        shape_labels = [t(f"trajectories.comparator.{c}", lang) for c in present]
        layers.append(
            alt.Chart(markers)
            .mark_point(
                filled=True,
                size=320,
                opacity=1,
                stroke="white",
                strokeWidth=1.2,
                cursor="pointer",
            )
            .encode(
                x=x,
                y=y,
                color=colour,
                shape=alt.Shape(
                    "comparator_label:N",
                    title=t("trajectories.legend.comparator", lang),
                    scale=alt.Scale(
                        domain=shape_labels, range=[COMPARATOR_SHAPES[c] for c in present]
                    ),
                    legend=_legend(2, symbolFillColor="#555555", symbolStrokeWidth=0),
                ),
                href="link:N",
                tooltip=[
                    tip["region"],
                    tip["year"],
                    tip["plan"],
                    tip["kind"],
                    tip["target"],
                    tip["comparator"],
                    tip["status"],
                    tip["quote"],
                ],
            )
        )

    if not layers:
        layers.append(
            alt.Chart(pd.DataFrame({"year": [], "value": []})).mark_point().encode(x=x, y=y)
        )
    chart = alt.layer(*layers).properties(
        title=alt.TitleParams(
            text=title,
            subtitle=[" · ".join(trajectory.region_names), t("trajectories.chart_source", lang)],
        ),
        width="container",
        height=HEIGHT,
    )
    return legible(chart.resolve_scale(color="shared", shape="independent"))
