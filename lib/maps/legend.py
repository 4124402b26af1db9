"""Classed palettes and legends for choropleth maps (pure: no Streamlit).

A `Classes` object turns numbers into a few classes with a sequential, colour-blind-safe
colour each, and states each class as a readable interval ("7-46", "47-100"). Legends are
rendered as small HTML tables built only from escaped strings, because pydeck has none.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# ColorBrewer YlGnBu (9 classes). Sequential ColorBrewer schemes vary mostly in lightness,
# which readers with any common colour-vision deficiency still see; ColorBrewer lists
# YlGnBu as colour-blind safe. The two lightest steps are not used for classes so that
# white stays free for "no value".
YLGNBU_9 = (
    "#ffffd9",
    "#edf8b1",
    "#c7e9b4",
    "#7fcdbb",
    "#41b6c4",
    "#1d91c0",
    "#225ea8",
    "#253494",
    "#081d58",
)
# Hand-picked steps of YLGNBU_9 for 1-5 classes, spaced so that neighbours stay apart.
_STEPS: dict[int, tuple[int, ...]] = {
    1: (4,),
    2: (3, 6),
    3: (2, 4, 7),
    4: (2, 4, 5, 7),
    5: (2, 3, 4, 5, 7),
}
MAX_CLASSES = max(_STEPS)
NO_VALUE_COLOUR = "#ffffff"  # districts without a figure: blank, as on a printed map
OUTLINE_COLOUR = "#4a4a4a"
MAX_DECIMALS = 2
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def sequential_colours(k: int) -> list[str]:
    """k colours (1-5) of the sequential palette, light to dark."""
    if k not in _STEPS:
        raise ValueError(f"between 1 and {MAX_CLASSES} classes, not {k}")
    return [YLGNBU_9[i] for i in _STEPS[k]]


def decimals_of(values: Iterable[float], cap: int = MAX_DECIMALS) -> int:
    """The most decimals any of the values needs (0 for whole numbers), at most cap."""
    most = 0
    for value in values:
        for d in range(cap + 1):
            if math.isclose(value, round(value, d), rel_tol=0, abs_tol=1e-9):
                most = max(most, d)
                break
        else:
            most = cap
    return most


def format_number(value: float, decimals: int) -> str:
    """A number with thousands separators and exactly `decimals` decimals."""
    return f"{value:,.{decimals}f}"


@dataclass(frozen=True)
class Classes:
    """Class intervals [lower_i, upper_i] with a colour each; values are upper-inclusive."""

    lowers: tuple[float, ...]
    uppers: tuple[float, ...]
    colours: tuple[str, ...]
    decimals: int

    def index(self, value: float | None) -> int | None:
        """The class of a value (0 = lightest), or None for a missing value."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        rounded = round(float(value), self.decimals)
        for i, upper in enumerate(self.uppers):
            if rounded <= upper:
                return i
        return len(self.uppers) - 1

    def colour(self, value: float | None, missing: str = NO_VALUE_COLOUR) -> str:
        """The fill colour of a value (missing values get `missing`)."""
        i = self.index(value)
        return missing if i is None else self.colours[i]

    def labels(self) -> list[str]:
        """Each class as text: "7-46" (a single value when lower equals upper)."""
        out = []
        for low, high in zip(self.lowers, self.uppers, strict=True):
            a, b = format_number(low, self.decimals), format_number(high, self.decimals)
            out.append(a if a == b else f"{a}–{b}")
        return out


def quantile_classes(values: Sequence[float], k: int = MAX_CLASSES) -> Classes:
    """About equal numbers of values per class (at most k classes), bounds at data values.

    Quantiles rather than equal intervals: district targets are skewed (one district often
    has several times the others' figure), and equal intervals would put almost every
    district in the lightest class.
    """
    clean = sorted(float(v) for v in values if v is not None and not math.isnan(float(v)))
    if not clean:
        raise ValueError("no values to classify")
    decimals = decimals_of(clean)
    clean = [round(v, decimals) for v in clean]
    k = max(1, min(k, MAX_CLASSES, len(set(clean))))
    n = len(clean)
    uppers: list[float] = []
    for i in range(1, k + 1):
        upper = clean[math.ceil(i * n / k) - 1]
        if not uppers or upper > uppers[-1]:
            uppers.append(upper)
    step = 10.0**-decimals
    lowers = [clean[0]] + [round(u + step, decimals) for u in uppers[:-1]]
    return Classes(
        lowers=tuple(lowers),
        uppers=tuple(uppers),
        colours=tuple(sequential_colours(len(uppers))),
        decimals=decimals,
    )


def hex_to_rgba(colour: str, alpha: int = 255) -> list[int]:
    """'#rrggbb' as [r, g, b, a] for pydeck."""
    if not _HEX.match(colour):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]


def dark_text_on(colour: str) -> bool:
    """Whether dark text reads better than white on this fill (WCAG relative luminance)."""
    r, g, b, _ = hex_to_rgba(colour)

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    # Contrast with black (L+0.05)/0.05 against white 1.05/(L+0.05): equal at L ~ 0.179.
    return luminance > 0.179


@dataclass(frozen=True)
class LegendEntry:
    """One row of a legend: a swatch, its label and, optionally, how many areas it has."""

    colour: str
    label: str
    count: int | None = None


def legend_html(
    title: str, entries: Sequence[LegendEntry], note: str = "", count_label: str = "{n}"
) -> str:
    """A small legend table for st.markdown(unsafe_allow_html=True); every string escaped.

    `count_label` is a format string for the count column, e.g. "{n} districts".
    """
    rows = []
    for entry in entries:
        if not _HEX.match(entry.colour):
            raise ValueError(f"not a #rrggbb colour: {entry.colour!r}")
        count = "" if entry.count is None else html.escape(count_label.format(n=entry.count))
        rows.append(
            "<tr>"
            f'<td style="width:1.6em;padding:2px 6px 2px 0;border:none">'
            f'<span style="display:inline-block;width:1.4em;height:1em;background:{entry.colour};'
            f'border:1px solid {OUTLINE_COLOUR};vertical-align:middle"></span></td>'
            f'<td style="padding:2px 10px 2px 0;border:none">{html.escape(entry.label)}</td>'
            f'<td style="padding:2px 0;border:none;color:#666;text-align:right">{count}</td>'
            "</tr>"
        )
    note_html = (
        f'<div style="color:#666;font-size:0.85em;margin-top:2px">{html.escape(note)}</div>'
        if note
        else ""
    )
    return (
        '<div class="map-legend" style="margin:0 0 0.5rem 0">'
        f'<div style="font-weight:600;margin-bottom:4px">{html.escape(title)}</div>'
        '<table style="border-collapse:collapse;border:none;font-size:0.95em">'
        + "".join(rows)
        + "</table>"
        + note_html
        + "</div>"
    )
