"""Status of each plan target: is the indicator on course to meet it, and by how much?

Three methods from the international trackers, described in docs/progress-methods.md:
the SDSN trend dashboards (default), the UN SDG Progress Chart ratio and the German
sustainability strategy's projection. Pure functions: DataFrames and plain values in,
DataFrames, dataclasses and plain values out.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

import pandas as pd


class Status(StrEnum):
    """A target's status; the value is a stable code that URLs and exports may carry."""

    MET = "met"
    ON_TRACK = "on_track"
    MODERATE = "moderate"  # SDSN: moderately improving
    FAIR = "fair"  # UN Progress Chart: fair progress, acceleration needed
    CLOSE = "close"  # German strategy: close to the target
    STAGNATING = "stagnating"  # SDSN
    LIMITED = "limited"  # UN Progress Chart: limited or no progress
    OFF_TRACK = "off_track"  # German strategy: right direction, far short
    DETERIORATING = "deteriorating"
    MISSED = "missed"  # the target year has a value, and it falls short
    NOT_ENOUGH_DATA = "not_enough_data"
    QUALITATIVE = "qualitative"


# Each method keeps its own words, but they sit on one ordered scale (0 = best) so that
# the three can be shown side by side and share colours.
STATUS_LEVEL: dict[Status, int] = {
    Status.MET: 0,
    Status.ON_TRACK: 1,
    Status.MODERATE: 2,
    Status.FAIR: 2,
    Status.CLOSE: 2,
    Status.STAGNATING: 3,
    Status.LIMITED: 3,
    Status.OFF_TRACK: 3,
    Status.DETERIORATING: 4,
    Status.MISSED: 5,
    Status.NOT_ENOUGH_DATA: 6,
    Status.QUALITATIVE: 7,
}

STATUS_LABELS: dict[Status, dict[str, str]] = {
    Status.MET: {"zh": "已达成", "en": "Met"},
    Status.ON_TRACK: {"zh": "按期推进", "en": "On track"},
    Status.MODERATE: {"zh": "温和改善", "en": "Moderately improving"},
    Status.FAIR: {"zh": "有进展，需加速", "en": "Fair progress"},
    Status.CLOSE: {"zh": "接近目标", "en": "Close to target"},
    Status.STAGNATING: {"zh": "停滞", "en": "Stagnating"},
    Status.LIMITED: {"zh": "进展有限", "en": "Limited progress"},
    Status.OFF_TRACK: {"zh": "明显落后", "en": "Off track"},
    Status.DETERIORATING: {"zh": "倒退", "en": "Deteriorating"},
    Status.MISSED: {"zh": "未达成", "en": "Missed"},
    Status.NOT_ENOUGH_DATA: {"zh": "数据不足", "en": "Not enough data"},
    Status.QUALITATIVE: {"zh": "定性目标", "en": "Qualitative"},
}

# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies; one
# colour per level of the shared scale. The badge always carries the label as well.
_LEVEL_COLOURS = {
    0: "#0072B2",  # blue
    1: "#009E73",  # bluish green
    2: "#F0E442",  # yellow
    3: "#E69F00",  # orange
    4: "#D55E00",  # vermillion
    5: "#CC79A7",  # reddish purple
    6: "#999999",  # grey
    7: "#DDDDDD",  # light grey
}
STATUS_COLOURS: dict[Status, str] = {s: _LEVEL_COLOURS[level] for s, level in STATUS_LEVEL.items()}

METHODS: dict[str, dict[str, str]] = {
    "sdsn": {
        "zh": "年均速度对比（SDSN 趋势看板）",
        "en": "Pace comparison (SDSN trend dashboards)",
        "description_zh": (
            "比较自第一个观测值以来的实际年均变化与从该点到目标年达到目标所需的年均变化"
            "（比重和增速按线性计算，总量和数量按复合增长计算）。达到所需速度为按期推进；"
            "达到一半以上为温和改善；不足一半为停滞；朝相反方向变化为倒退。"
        ),
        "description_en": (
            "Compares the average yearly change since the first observation with the yearly "
            "change needed from that point to reach the target in its year (straight-line for "
            "shares and rates, compound growth for levels and counts). At least the pace "
            "needed: on track; at least half of it: moderately improving; less than half: "
            "stagnating; moving away from the target: deteriorating."
        ),
    },
    "sdg_ratio": {
        "zh": "增长率之比（联合国 SDG 进展图）",
        "en": "Growth ratio (UN SDG Progress Chart)",
        "description_zh": (
            "用实际复合年增长率除以达到目标所需的复合年增长率。比值不低于0.95为按期推进；"
            "不低于0.5为有进展但需加速；不低于-0.1为进展有限；低于-0.1为倒退。"
        ),
        "description_en": (
            "Divides the observed compound yearly growth by the growth needed to reach the "
            "target. Ratio 0.95 or more: on track; 0.5 or more: fair progress, needs to speed "
            "up; -0.1 or more: limited progress; below -0.1: deteriorating."
        ),
    },
    "de_projection": {
        "zh": "趋势外推（德国可持续发展战略）",
        "en": "Trend projection (German Sustainable Development Strategy)",
        "description_zh": (
            "把最近五年的年均变化延续到目标年，看预测值离目标还差多少，以当前值到目标距离的"
            "百分比衡量。差距小于5%为按期推进；5%至20%为接近目标；超过20%但方向正确为明显"
            "落后；方向相反或没有变化为倒退。"
        ),
        "description_en": (
            "Continues the average yearly change of the last five years to the target year "
            "and asks how far the projection falls short, as a share of the distance from the "
            "latest value to the target. Short by under 5%: on track; 5-20%: close; more than "
            "20% while moving the right way: off track; moving the wrong way or not at all: "
            "deteriorating."
        ),
    },
}
DEFAULT_METHOD = "sdsn"

# The statuses each method can give, best first, for legends.
_MIDDLE = {
    "sdsn": (Status.MODERATE, Status.STAGNATING),
    "sdg_ratio": (Status.FAIR, Status.LIMITED),
    "de_projection": (Status.CLOSE, Status.OFF_TRACK),
}
METHOD_STATUSES: dict[str, tuple[Status, ...]] = {
    method: (Status.MET, Status.ON_TRACK, *middle, Status.DETERIORATING, Status.MISSED)
    + (Status.NOT_ENOUGH_DATA, Status.QUALITATIVE)
    for method, middle in _MIDDLE.items()
}

LINEAR_MEASURES = frozenset({"share", "rate"})
APPROX_TOLERANCE = 0.02  # "≈ X" (左右, 约) counts as met within 2% of X
DE_WINDOW_YEARS = 5  # the German strategy's "last five years"
ASSESSED_KINDS = ("target", "assigned", "cumulative", "annual")
_KIND_ORDER = {kind: i for i, kind in enumerate(ASSESSED_KINDS)}
# Ratios and shares are rounded before thresholds so that a hand-worked 1.0 is not 0.9999.
_DIGITS = 9


@dataclass(frozen=True)
class Assessment:
    """The status of one target and the numbers behind it."""

    status: Status
    method: str
    target_value: float | None = None  # the figure judged against (weaker bound of a range)
    target_year: int | None = None
    pace: str | None = None  # linear, compound, or amount (yearly amounts of a cumulative)
    start_year: int | None = None
    start_value: float | None = None
    latest_year: int | None = None
    latest_value: float | None = None  # for cumulative targets: the running total
    observed_pace: float | None = None
    required_pace: float | None = None
    ratio: float | None = None  # observed over required pace (sdsn, sdg_ratio)
    shortfall: float | None = None  # projection's miss as a share of the gap (de_projection)
    projected_value: float | None = None  # the recent trend continued to the target year
    explanation_zh: str = ""
    explanation_en: str = ""


# ---------------------------------------------------------------------------------------
# Building blocks


def pace_kind(measure: str) -> str:
    """'linear' for shares and rates, 'compound' for levels and counts (or the kind itself)."""
    if measure in ("linear", "compound"):
        return measure
    return "linear" if measure in LINEAR_MEASURES else "compound"


def _pace(v0: float, y0: int, v1: float, y1: int, kind: str) -> float:
    years = y1 - y0
    if years <= 0:
        raise ValueError(f"the end year {y1} must come after the start year {y0}")
    if kind == "compound":
        return (v1 / v0) ** (1 / years) - 1
    return (v1 - v0) / years


def _advance(value: float, pace: float, years: int, kind: str) -> float:
    return value * (1 + pace) ** years if kind == "compound" else value + pace * years


def _kind_for(kind: str, *values: float) -> str:
    # Compound growth is undefined from or to zero or a negative value: use straight lines.
    if kind == "compound" and min(values) <= 0:
        return "linear"
    return kind


def required_pace(
    start_value: float, start_year: int, target_value: float, target_year: int, measure: str
) -> float:
    """Yearly change (linear) or growth rate (compound) needed from start to target."""
    kind = _kind_for(pace_kind(measure), start_value, target_value)
    return _pace(start_value, start_year, target_value, target_year, kind)


def observations(actuals: pd.DataFrame | None, as_of_year: int | None = None) -> pd.DataFrame:
    """Year and value of each observation, one per year, sorted, up to as_of_year."""
    if actuals is None or len(actuals) == 0:
        return pd.DataFrame({"year": pd.Series(dtype=int), "value": pd.Series(dtype=float)})
    frame = actuals[["year", "value"]].dropna().astype({"year": int, "value": float})
    if as_of_year is not None:
        frame = frame[frame["year"] <= as_of_year]
    frame = frame.drop_duplicates("year", keep="last").sort_values("year")
    return frame.reset_index(drop=True)


def observed_pace(actuals: pd.DataFrame, measure: str) -> float | None:
    """Average yearly change (linear) or growth rate (compound), first to last actual."""
    # End points rather than least squares: it is what the trackers use and what an
    # analyst can check by hand; the price is sensitivity to an unusual first or last year.
    obs = observations(actuals)
    if len(obs) < 2:
        return None
    (y0, v0), (y1, v1) = obs.iloc[0], obs.iloc[-1]
    kind = _kind_for(pace_kind(measure), v0, v1)
    return _pace(v0, int(y0), v1, int(y1), kind)


def projection(
    actuals: pd.DataFrame, to_year: int, measure: str, window: int | None = DE_WINDOW_YEARS
) -> pd.DataFrame:
    """The recent trend (last `window` years; None: all) continued yearly to to_year."""
    obs = observations(actuals)
    empty = pd.DataFrame({"year": pd.Series(dtype=int), "value": pd.Series(dtype=float)})
    if len(obs) < 2:
        return empty
    y1, v1 = int(obs["year"].iloc[-1]), float(obs["value"].iloc[-1])
    recent = obs if window is None else obs[obs["year"] >= y1 - window]
    if len(recent) < 2 or to_year <= y1:
        return empty
    y0, v0 = int(recent["year"].iloc[0]), float(recent["value"].iloc[0])
    kind = _kind_for(pace_kind(measure), v0, v1)
    pace = _pace(v0, y0, v1, y1, kind)
    years = list(range(y1, to_year + 1))
    values = [_advance(v1, pace, year - y1, kind) for year in years]
    return pd.DataFrame({"year": years, "value": values})


def _get(row: Any, key: str) -> Any:
    value = row.get(key) if hasattr(row, "get") else None
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    return value


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def effective_target(row: Any, direction: str = "up") -> float | None:
    """The figure a target is judged against: its value, a range's weaker bound, or None."""
    comparator = _get(row, "comparator")
    if comparator == "text":
        return None
    if comparator == "range":
        low, high = _get(row, "range_low"), _get(row, "range_high")
        # The weaker bound is the easier one to reach: the low end when higher is better.
        weaker, other = (high, low) if direction == "down" else (low, high)
        bound = weaker if weaker is not None else other
        return None if bound is None else float(bound)
    value = _get(row, "value")
    return None if value is None else float(value)


def meets(value: float, target_value: float, comparator: str, direction: str = "up") -> bool:
    """Whether a value satisfies a target under its comparator and the indicator's direction."""
    if comparator == "text" or value is None or target_value is None:
        return False
    eps = 1e-9 * max(1.0, abs(target_value))  # sums of decimals are not exact
    up = direction != "down"
    if comparator == "≥":
        return value >= target_value - eps
    if comparator == ">":
        return value > target_value + eps
    if comparator == "≤":
        return value <= target_value + eps
    if comparator == "<":
        return value < target_value - eps
    if comparator == "≈":
        tolerance = APPROX_TOLERANCE * abs(target_value) + eps
        # Beyond the figure in the good direction also counts: "about 3.2%" is not a ceiling.
        return value >= target_value - tolerance if up else value <= target_value + tolerance
    # "=" (达到 X), and a range already reduced to its weaker bound: reach the figure.
    return value >= target_value - eps if up else value <= target_value + eps


# ---------------------------------------------------------------------------------------
# Wording


def _num(x: float) -> str:
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 1:
        return f"{x:,.2f}".rstrip("0").rstrip(".")
    return f"{x:.3g}"


def _pace_text(pace: float, kind: str, unit: str, lang: str) -> str:
    if kind == "compound":
        if lang == "zh":
            return f"年均{'增长' if pace >= 0 else '下降'}{abs(pace) * 100:.1f}%"
        return f"{pace * 100:+.1f}% a year"
    if kind == "amount":
        return f"年均{_num(pace)}{unit}" if lang == "zh" else f"{_num(pace)} a year"
    if unit == "%":
        if lang == "zh":
            return f"年均{'提高' if pace >= 0 else '降低'}{_num(abs(pace))}个百分点"
        return f"{'+' if pace >= 0 else '-'}{_num(abs(pace))} percentage points a year"
    if lang == "zh":
        return f"年均{'增加' if pace >= 0 else '减少'}{_num(abs(pace))}{unit}"
    return f"{'+' if pace >= 0 else '-'}{_num(abs(pace))} a year"


def _value_text(value: float, unit: str, lang: str) -> str:
    # Chinese units (家, 亿元) read badly inside English sentences; % reads well in both.
    if lang == "en" and not unit.isascii():
        return _num(value)
    return f"{_num(value)}{unit}"


def _target_text(row: Any, value: float, unit: str, lang: str) -> str:
    comparator = _get(row, "comparator")
    shown = _value_text(value, unit, lang)
    if comparator == "range":
        low, high = _get(row, "range_low"), _get(row, "range_high")
        span = f"{_num(low)}–{_num(high)}" if low is not None and high is not None else shown
        if lang == "zh":
            return f"{span}{unit}（按较低要求{shown}判断）"
        return f"{span} (judged against the weaker bound, {shown})"
    if comparator == "≈":
        return f"约{shown}" if lang == "zh" else f"about {shown}"
    if comparator in ("≥", ">", "≤", "<"):
        return f"{comparator}{shown}"
    return shown


def _say(status: Status, method: str, zh: str, en: str, **numbers: Any) -> Assessment:
    return Assessment(status=status, method=method, explanation_zh=zh, explanation_en=en, **numbers)


# ---------------------------------------------------------------------------------------
# Classification


def _classify_ratio(ratio: float, method: str) -> Status:
    r = round(ratio, _DIGITS)
    if method == "sdg_ratio":
        if r >= 0.95:
            return Status.ON_TRACK
        if r >= 0.5:
            return Status.FAIR
        return Status.LIMITED if r >= -0.1 else Status.DETERIORATING
    if r >= 1:
        return Status.ON_TRACK
    if r >= 0.5:
        return Status.MODERATE
    return Status.STAGNATING if r >= 0 else Status.DETERIORATING


def _classify_shortfall(shortfall: float, moving_right_way: bool) -> Status:
    if not moving_right_way:
        return Status.DETERIORATING
    s = round(shortfall, _DIGITS)
    if s < 0.05:
        return Status.ON_TRACK
    return Status.CLOSE if s <= 0.20 else Status.OFF_TRACK


def _shortfall(target_value: float, projected: float, latest: float, sign: int) -> float:
    # The German strategy measures the miss against the distance still to go.
    miss = sign * (target_value - projected)
    if miss <= 0:
        return 0.0
    gap = abs(target_value - latest)
    return miss / gap if gap > 0 else math.inf


# ---------------------------------------------------------------------------------------
# Assessment


def assess_target(
    target: dict | pd.Series,
    actuals: pd.DataFrame,
    direction: str,
    measure: str,
    method: str = DEFAULT_METHOD,
    as_of_year: int | None = None,
) -> Assessment:
    """Judge one target against the observations (year, value) of its indicator and region."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {sorted(METHODS)}")
    kind = _get(target, "kind") or "target"
    if kind not in ASSESSED_KINDS:
        raise ValueError(f"{kind} rows are not targets and get no status")
    target_value = effective_target(target, direction)
    target_year = _int(_get(target, "year"))
    if _get(target, "comparator") == "text" or target_value is None or target_year is None:
        text = _get(target, "value_text") or ""
        return _say(
            Status.QUALITATIVE,
            method,
            f"定性目标：“{text}”，不计算进度状态。",
            f"Qualitative target: “{text}”; no status is computed.",
            target_year=target_year,
        )
    obs = observations(actuals, as_of_year)
    if kind == "cumulative":
        return _assess_cumulative(target, obs, target_value, target_year, direction, method)
    return _assess_level(
        target, obs, target_value, target_year, direction, measure, method, as_of_year
    )


def _annual_note(
    target: Any, obs: pd.DataFrame, target_value: float, direction: str
) -> tuple[str, str]:
    # An annual target applies to every year of its period: say which years met it.
    first = _int(_get(target, "base_year"))
    years = obs if first is None else obs[obs["year"] >= first]
    if years.empty:
        return "", ""
    comparator = _get(target, "comparator") or "="
    met, short = [], []
    for year, value in zip(years["year"], years["value"], strict=True):
        (met if meets(value, target_value, comparator, direction) else short).append(str(year))
    zh = [f"{'、'.join(met)}年达到" if met else "", f"{'、'.join(short)}年未达到" if short else ""]
    en = [
        f"met in {', '.join(met)}" if met else "",
        f"short in {', '.join(short)}" if short else "",
    ]
    return (
        "逐年对照：" + "，".join(p for p in zh if p) + "。",
        "Year by year: " + "; ".join(p for p in en if p) + ".",
    )


def _assess_level(
    target: Any,
    all_obs: pd.DataFrame,
    target_value: float,
    target_year: int,
    direction: str,
    measure: str,
    method: str,
    as_of_year: int | None,
) -> Assessment:
    unit = _get(target, "unit") or ""
    comparator = _get(target, "comparator") or "="
    sign = -1 if direction == "down" else 1
    # A target is judged on what was known by its year: later values belong to later targets.
    obs = all_obs[all_obs["year"] <= target_year]
    t_zh, t_en = (
        _target_text(target, target_value, unit, "zh"),
        _target_text(target, target_value, unit, "en"),
    )
    notes: list[tuple[str, str]] = []  # sentences added after the main one
    if _get(target, "kind") == "annual":
        notes.append(_annual_note(target, obs, target_value, direction))
    base = {"target_value": target_value, "target_year": target_year}

    def say(status: Status, zh: str, en: str, **numbers: Any) -> Assessment:
        zh = "".join([zh, *(n[0] for n in notes)])
        en = " ".join([en, *(n[1] for n in notes if n[1])])
        return _say(status, method, zh, en, **base, **numbers)

    if obs.empty:
        return say(
            Status.NOT_ENOUGH_DATA,
            f"截至{target_year}年尚无数值，无法判断。",
            f"No values up to {target_year} yet, so there is nothing to judge.",
        )
    y1, v1 = int(obs["year"].iloc[-1]), float(obs["value"].iloc[-1])
    latest = {"latest_year": y1, "latest_value": v1}
    v1_zh, v1_en = _value_text(v1, unit, "zh"), _value_text(v1, unit, "en")
    if meets(v1, target_value, comparator, direction):
        return say(
            Status.MET,
            f"{y1}年为{v1_zh}，已达到{target_year}年目标{t_zh}。",
            f"The {y1} value, {v1_en}, already meets the {target_year} target of {t_en}.",
            **latest,
        )
    if y1 == target_year:
        return say(
            Status.MISSED,
            f"目标年{target_year}年为{v1_zh}，未达到目标{t_zh}。",
            f"The {target_year} value, {v1_en}, falls short of the target of {t_en}.",
            **latest,
        )
    passed = (as_of_year is not None and as_of_year >= target_year) or bool(
        (all_obs["year"] > target_year).any()
    )
    if passed:
        notes.insert(
            0,
            (
                f"{target_year}年数值缺失，按截至{y1}年的趋势判断。",
                f"There is no value for {target_year}; judged on the trend to {y1}.",
            ),
        )
    if len(obs) < 2:
        return say(
            Status.NOT_ENOUGH_DATA,
            f"只有一个数值（{y1}年{v1_zh}），计算速度至少需要两个年份的数值。",
            f"Only one value so far ({v1_en} in {y1}); a pace needs values for two years.",
            **latest,
        )

    if method == "de_projection":
        window = obs[obs["year"] >= y1 - DE_WINDOW_YEARS]
        if len(window) < 2:
            return say(
                Status.NOT_ENOUGH_DATA,
                f"最近五年（{y1 - DE_WINDOW_YEARS}—{y1}年）只有一个数值，无法外推。",
                f"Only one value in the last five years ({y1 - DE_WINDOW_YEARS}-{y1}); "
                "there is no recent trend to continue.",
                **latest,
            )
        y0, v0 = int(window["year"].iloc[0]), float(window["value"].iloc[0])
        kind = _kind_for(pace_kind(measure), v0, v1, target_value)
        observed = _pace(v0, y0, v1, y1, kind)
        projected = _advance(v1, observed, target_year - y1, kind)
        shortfall = _shortfall(target_value, projected, v1, sign)
        status = _classify_shortfall(shortfall, sign * observed > 0)
        required = _pace(v1, y1, target_value, target_year, kind)
        p_zh, p_en = _value_text(projected, unit, "zh"), _value_text(projected, unit, "en")
        if shortfall == 0:
            end_zh, end_en = "可以达到目标", "reaching the target"
        else:
            end_zh = f"差距为当前值到目标距离的{shortfall:.0%}"
            end_en = f"short by {shortfall:.0%} of the distance still to go"
        return say(
            status,
            f"{y0}—{y1}年{_pace_text(observed, kind, unit, 'zh')}；照此延续，{target_year}年"
            f"将为{p_zh}，对照目标{t_zh}，{end_zh}。",
            f"Over {y0}-{y1} the value changed {_pace_text(observed, kind, unit, 'en')}; "
            f"continued, it gives {p_en} in {target_year} against a target of {t_en}, "
            f"{end_en}.",
            pace=kind,
            start_year=y0,
            start_value=v0,
            **latest,
            observed_pace=observed,
            required_pace=required,
            shortfall=shortfall,
            projected_value=projected,
        )

    y0, v0 = int(obs["year"].iloc[0]), float(obs["value"].iloc[0])
    # The UN chart always compares compound growth rates; SDSN follows the measure.
    kind = "compound" if method == "sdg_ratio" else pace_kind(measure)
    kind = _kind_for(kind, v0, v1, target_value)
    observed = _pace(v0, y0, v1, y1, kind)
    required = _pace(v0, y0, target_value, target_year, kind)
    projected = _advance(v1, observed, target_year - y1, kind)
    numbers = {
        "pace": kind,
        "start_year": y0,
        "start_value": v0,
        **latest,
        "observed_pace": observed,
        "required_pace": required,
        "projected_value": projected,
    }
    v0_zh, v0_en = _value_text(v0, unit, "zh"), _value_text(v0, unit, "en")
    moved_zh = f"{y0}年{v0_zh}至{y1}年{v1_zh}，{_pace_text(observed, kind, unit, 'zh')}"
    moved_en = (
        f"From {v0_en} in {y0} to {v1_en} in {y1} the value changed "
        f"{_pace_text(observed, kind, unit, 'en')}"
    )
    if sign * required <= 0:
        # It started at or past the target but has not kept there: no pace can be required.
        status = Status.DETERIORATING if sign * observed < 0 else Status.STAGNATING
        if method == "sdg_ratio" and status == Status.STAGNATING:
            status = Status.LIMITED
        return say(
            status,
            f"{moved_zh}；{y0}年已达到目标{t_zh}，此后回落。",
            f"{moved_en}; it met the target of {t_en} in {y0} and has since fallen back.",
            **numbers,
        )
    ratio = (sign * observed) / (sign * required)
    status = _classify_ratio(ratio, method)
    need_zh = f"自{y0}年起需{_pace_text(required, kind, unit, 'zh')}才能在{target_year}年达到{t_zh}"
    need_en = (
        f"reaching {t_en} by {target_year} needs {_pace_text(required, kind, unit, 'en')} from {y0}"
    )
    if method == "sdg_ratio":
        tail_zh, tail_en = f"实际与所需增长率之比为{ratio:.2f}", f"the ratio is {ratio:.2f}"
    else:
        tail_zh, tail_en = (
            f"实际速度为所需的{ratio:.0%}",
            f"the observed pace is {ratio:.0%} of that",
        )
    return say(
        status,
        f"{moved_zh}；{need_zh}，{tail_zh}。",
        f"{moved_en}; {need_en}, so {tail_en}.",
        ratio=ratio,
        **numbers,
    )


def _assess_cumulative(
    target: Any,
    obs: pd.DataFrame,
    target_value: float,
    target_year: int,
    direction: str,
    method: str,
) -> Assessment:
    unit = _get(target, "unit") or ""
    comparator = _get(target, "comparator") or "≥"
    base_year = _int(_get(target, "base_year"))
    t_zh, t_en = (
        _target_text(target, target_value, unit, "zh"),
        _target_text(target, target_value, unit, "en"),
    )
    base = {"target_value": target_value, "target_year": target_year, "pace": "amount"}

    def say(status: Status, zh: str, en: str, **numbers: Any) -> Assessment:
        return _say(status, method, zh, en, **base, **numbers)

    if base_year is None:
        return say(
            Status.NOT_ENOUGH_DATA,
            "累计目标缺少起始年份，无法求和。",
            "The cumulative target has no first year, so the total cannot be summed.",
        )
    period = obs[(obs["year"] >= base_year) & (obs["year"] <= target_year)]
    if period.empty:
        return say(
            Status.NOT_ENOUGH_DATA,
            f"{base_year}年以来尚无年度数值。",
            f"No yearly values since {base_year} yet.",
        )
    y1 = int(period["year"].iloc[-1])
    # A total with a hole in it would understate progress: insist on every year.
    missing = sorted(set(range(base_year, y1 + 1)) - set(period["year"].astype(int)))
    if missing:
        years = ", ".join(map(str, missing))
        return say(
            Status.NOT_ENOUGH_DATA,
            f"累计需要{base_year}年起每年的数值，缺少{years.replace(', ', '、')}年。",
            f"The total needs every year from {base_year}; missing {years}.",
        )
    total = float(period["value"].sum())
    remaining_years = target_year - y1
    span_zh = f"{base_year}—{y1}" if y1 > base_year else f"{base_year}"
    span_en = span_zh.replace("—", "-")
    total_zh, total_en = _value_text(total, unit, "zh"), _value_text(total, unit, "en")
    latest = {"start_year": base_year, "latest_year": y1, "latest_value": total}
    done = meets(total, target_value, comparator, direction)
    if done and (direction != "down" or remaining_years == 0):
        return say(
            Status.MET,
            f"{span_zh}年累计{total_zh}，已达到{target_year}年累计目标{t_zh}。",
            f"The {span_en} total, {total_en}, already meets the {target_year} cumulative "
            f"target of {t_en}.",
            **latest,
        )
    if remaining_years == 0:
        return say(
            Status.MISSED,
            f"{span_zh}年累计{total_zh}，未达到累计目标{t_zh}。",
            f"The {span_en} total, {total_en}, falls short of the cumulative target of {t_en}.",
            **latest,
        )
    if direction == "down":
        # A ceiling on a total can only be judged once the period is over.
        return say(
            Status.NOT_ENOUGH_DATA,
            f"{span_zh}年累计{total_zh}；累计上限要到{target_year}年才能判断。",
            f"The {span_en} total is {total_en}; a ceiling on a total is judged only in "
            f"{target_year}.",
            **latest,
        )
    amounts = period["value"].astype(float)
    if method == "de_projection":
        amounts = period[period["year"] > y1 - DE_WINDOW_YEARS]["value"].astype(float)
    observed = float(amounts.mean())
    required = (target_value - total) / remaining_years
    projected = total + observed * remaining_years
    numbers = {
        **latest,
        "observed_pace": observed,
        "required_pace": required,
        "projected_value": projected,
    }
    so_far_zh = (
        f"{span_zh}年累计{total_zh}（{_pace_text(observed, 'amount', unit, 'zh')}）；"
        f"距累计目标{t_zh}还差{_num(target_value - total)}{unit}，"
        f"剩余{remaining_years}年需{_pace_text(required, 'amount', unit, 'zh')}"
    )
    so_far_en = (
        f"The {span_en} total is {total_en} ({_pace_text(observed, 'amount', unit, 'en')}); "
        f"the remaining {_num(target_value - total)} over {remaining_years} years needs "
        f"{_pace_text(required, 'amount', unit, 'en')}"
    )
    if method == "de_projection":
        shortfall = _shortfall(target_value, projected, total, 1)
        status = _classify_shortfall(shortfall, observed > 0)
        p_zh, p_en = _value_text(projected, unit, "zh"), _value_text(projected, unit, "en")
        return say(
            status,
            f"{so_far_zh}；按最近五年年均量延续，到{target_year}年累计{p_zh}，"
            f"差距为剩余量的{shortfall:.0%}。",
            f"{so_far_en}; at the last five years' yearly average the total reaches {p_en} "
            f"by {target_year}, short by {shortfall:.0%} of what remains.",
            shortfall=shortfall,
            **numbers,
        )
    ratio = observed / required
    status = _classify_ratio(ratio, method)
    return say(
        status,
        f"{so_far_zh}，实际年均量为所需的{ratio:.0%}。",
        f"{so_far_en}, so the yearly average is {ratio:.0%} of what is needed.",
        ratio=ratio,
        **numbers,
    )


# ---------------------------------------------------------------------------------------
# Tables


def series_for(
    actuals: pd.DataFrame, targets: pd.DataFrame, indicator_id: str, region_code: str
) -> pd.DataFrame:
    """Observations for one indicator and region: actuals, plus documented baselines."""
    # A baseline a plan states is an observation too; an uploaded actual for the same
    # year is newer and wins. Several plans citing one year: the first by target id.
    columns = ["year", "value", "source"]
    own = pd.DataFrame({"year": [], "value": []})
    if len(actuals):
        own = actuals[
            (actuals["indicator_id"] == indicator_id)
            & (actuals["region_code"].astype(str) == str(region_code))
        ]
    own = own[["year", "value"]].dropna().assign(source="actual")
    stated = targets[
        (targets["kind"] == "baseline")
        & (targets["indicator_id"] == indicator_id)
        & (targets["region_code"].astype(str) == str(region_code))
    ].sort_values("id")
    stated = stated[["year", "value"]].dropna().drop_duplicates("year")
    stated = stated[~stated["year"].isin(own["year"])].assign(source="baseline")
    frame = pd.concat([own, stated], ignore_index=True) if len(stated) else own
    frame = frame.astype({"year": int, "value": float})
    return frame.sort_values("year").reset_index(drop=True)[columns]


_TARGET_COLUMNS = [
    "id",
    "plan_id",
    "indicator_id",
    "region_code",
    "year",
    "kind",
    "comparator",
    "value_text",
    "unit",
]
_NUMBER_COLUMNS = [
    "target_value",
    "start_value",
    "latest_value",
    "observed_pace",
    "required_pace",
    "ratio",
    "shortfall",
    "projected_value",
]
_ASSESSMENT_COLUMNS = [name for name in Assessment.__dataclass_fields__ if name != "target_year"]


def assess_targets(
    targets: pd.DataFrame,
    actuals: pd.DataFrame,
    indicators: pd.DataFrame,
    method: str = DEFAULT_METHOD,
    as_of_year: int | None = None,
) -> pd.DataFrame:
    """One row per target (baselines and funding left out) with its status and numbers."""
    info = indicators.set_index("id")
    rows = []
    for _, target in targets[targets["kind"].isin(ASSESSED_KINDS)].iterrows():
        indicator_id = target["indicator_id"]
        if indicator_id not in info.index:
            raise ValueError(f"target {target['id']}: indicator {indicator_id} is unknown")
        obs = series_for(actuals, targets, indicator_id, target["region_code"])
        assessment = assess_target(
            target,
            obs,
            direction=info.at[indicator_id, "direction"],
            measure=info.at[indicator_id, "measure"],
            method=method,
            as_of_year=as_of_year,
        )
        record = {column: _get(target, column) for column in _TARGET_COLUMNS}
        record.update({k: v for k, v in asdict(assessment).items() if k != "target_year"})
        record["status"] = assessment.status.value  # plain text for tables and exports
        record["status_level"] = STATUS_LEVEL[assessment.status]
        rows.append(record)
    frame = pd.DataFrame(rows, columns=[*_TARGET_COLUMNS, *_ASSESSMENT_COLUMNS, "status_level"])
    # Stable types whatever the rows hold: years as nullable integers, numbers as floats.
    frame = frame.astype(
        {"year": "Int64", "start_year": "Int64", "latest_year": "Int64", "status_level": int}
        | {column: float for column in _NUMBER_COLUMNS}
    )
    frame["lead"] = _lead_mask(frame, as_of_year)
    return frame


def _lead_mask(assessed: pd.DataFrame, as_of_year: int | None) -> pd.Series:
    lead = pd.Series(False, index=assessed.index, dtype=bool)
    for _, group in assessed.groupby(["indicator_id", "region_code"], sort=False):
        reference = as_of_year
        if reference is None and group["latest_year"].notna().any():
            reference = int(group["latest_year"].max())
        # Prefer a quantitative target, then a plain level target, then the id, per year.
        order = group.assign(
            _qual=group["status"] == Status.QUALITATIVE,
            _kind=group["kind"].map(_KIND_ORDER),
        )
        upcoming = order
        if reference is not None:
            upcoming = order[(order["year"] > reference).fillna(False).astype(bool)]
        if len(upcoming):
            pick = upcoming.sort_values(["year", "_qual", "_kind", "id"]).index[0]
        else:
            # Every target year has passed: the most recent one still leads.
            latest_first = order.sort_values(
                ["year", "_qual", "_kind", "id"], ascending=[False, True, True, True]
            )
            pick = latest_first.index[0]
        lead[pick] = True
    return lead


def lead_target(assessed: pd.DataFrame, as_of_year: int | None = None) -> pd.DataFrame:
    """Per indicator and region, the next target year after the latest data (as_of_year)."""
    mask = (
        assessed["lead"]
        if as_of_year is None and "lead" in assessed
        else _lead_mask(assessed, as_of_year)
    )
    return assessed[mask].reset_index(drop=True)


def compare_methods(
    targets: pd.DataFrame,
    actuals: pd.DataFrame,
    indicators: pd.DataFrame,
    as_of_year: int | None = None,
) -> pd.DataFrame:
    """Every method's status and explanations side by side, one row per target."""
    sides = {m: assess_targets(targets, actuals, indicators, m, as_of_year) for m in METHODS}
    frames = [sides[DEFAULT_METHOD][[*_TARGET_COLUMNS, "lead"]]]
    for method, assessed in sides.items():
        keep = assessed[["status", "explanation_zh", "explanation_en"]]
        frames.append(keep.add_suffix(f"_{method}"))
    return pd.concat(frames, axis=1)


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on the badge colour (WCAG contrast)."""

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(background.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    # Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def badge(status: Status | str, lang: str = "zh") -> dict[str, str]:
    """Label, background and text colour of a status badge (colour never stands alone)."""
    status = Status(status)
    background = STATUS_COLOURS[status]
    return {
        "code": status.value,
        "label": STATUS_LABELS[status].get(lang, STATUS_LABELS[status]["zh"]),
        "background": background,
        "colour": text_colour(background),
    }
