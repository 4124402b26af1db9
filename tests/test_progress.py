"""Target status (lib/progress.py) on hand-worked cases; the arithmetic is in each comment."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.progress import (
    METHOD_STATUSES,
    METHODS,
    STATUS_COLOURS,
    STATUS_LABELS,
    STATUS_LEVEL,
    Status,
    assess_target,
    assess_targets,
    badge,
    compare_methods,
    effective_target,
    lead_target,
    meets,
    observed_pace,
    projection,
    required_pace,
    series_for,
)


def obs(points: dict[int, float]) -> pd.DataFrame:
    """Observations from {year: value}."""
    return pd.DataFrame({"year": list(points), "value": [float(v) for v in points.values()]})


def target(value=None, year=2027, comparator="≥", kind="target", unit="%", **extra) -> dict:
    """A targets.csv row with the columns the assessment reads."""
    return {
        "kind": kind,
        "comparator": comparator,
        "value": value,
        "year": year,
        "unit": unit,
        "value_text": extra.pop("value_text", "" if value is None else str(value)),
        **extra,
    }


# --- building blocks ------------------------------------------------------------------


def test_required_pace_linear_for_shares() -> None:
    # (3.4 - 3.0) / (2027 - 2021) = 0.4 / 6 = 0.0667 percentage points a year
    assert required_pace(3.0, 2021, 3.4, 2027, "share") == pytest.approx(0.4 / 6)


def test_required_pace_compound_for_levels() -> None:
    # (121 / 100) ** (1 / 2) - 1 = 1.1 - 1 = 10% a year
    assert required_pace(100, 2020, 121, 2022, "level") == pytest.approx(0.10)


def test_required_pace_compound_falls_back_to_linear_from_zero() -> None:
    # growth from 0 is undefined: (5 - 0) / (2025 - 2020) = 1 a year
    assert required_pace(0, 2020, 5, 2025, "count") == pytest.approx(1.0)


def test_observed_pace_end_points_and_too_little_data() -> None:
    # linear: (3.2 - 3.0) / (2023 - 2021) = 0.1; the middle value does not matter
    assert observed_pace(obs({2021: 3.0, 2022: 3.5, 2023: 3.2}), "share") == pytest.approx(0.1)
    # compound: (144 / 100) ** (1 / 2) - 1 = 20%
    assert observed_pace(obs({2020: 100, 2022: 144}), "level") == pytest.approx(0.20)
    assert observed_pace(obs({2023: 3.2}), "share") is None
    assert observed_pace(obs({}), "share") is None


@pytest.mark.parametrize(
    ("value", "target_value", "comparator", "direction", "expected"),
    [
        (3.4, 3.4, "≥", "up", True),  # equal counts for ≥
        (3.39, 3.4, "≥", "up", False),
        (3.4, 3.4, ">", "up", False),  # "超过 3.4" needs more than 3.4
        (3.41, 3.4, ">", "up", True),
        (3.34, 3.4, "≈", "up", True),  # 3.4 * 0.98 = 3.332 <= 3.34
        (3.33, 3.4, "≈", "up", False),  # 3.33 < 3.332
        (3.9, 3.4, "≈", "up", True),  # beyond "about 3.4" in the good direction
        (8.1, 8.0, "≈", "down", True),  # 8.0 * 1.02 = 8.16 >= 8.1
        (3.4, 3.4, "=", "up", True),  # 达到 3.4: reach it
        (3.5, 3.4, "=", "up", True),
        (7.9, 8.0, "=", "down", True),
        (8.0, 8.0, "≤", "down", True),
        (8.01, 8.0, "≤", "down", False),
        (8.0, 8.0, "<", "down", False),
        (7.99, 8.0, "<", "down", True),
        (0.1 + 0.2, 0.3, "≥", "up", True),  # 0.30000000000000004: decimals are not exact
        (5.0, 5.0, "text", "up", False),  # qualitative: never "met" by a number
    ],
)
def test_meets_every_comparator(value, target_value, comparator, direction, expected) -> None:
    assert meets(value, target_value, comparator, direction) is expected


def test_effective_target_takes_the_weaker_bound_of_a_range() -> None:
    row = target(comparator="range", range_low=10, range_high=15, unit="家")
    assert effective_target(row, "up") == 10  # higher is better: 10 is easier than 15
    assert effective_target(row, "down") == 15  # lower is better: 15 is easier than 10
    assert effective_target(target(3.4)) == 3.4
    assert effective_target(target(comparator="text", value_text="快于面上投资增速")) is None


# --- SDSN pace comparison (default) ---------------------------------------------------


def test_sdsn_on_track_share() -> None:
    # 3.0 -> 3.2 over 2021-2023 = 0.1/yr; required (3.4 - 3.0) / (2027 - 2021) = 0.0667/yr
    # ratio 0.1 / 0.0667 = 1.5 >= 1 -> on track; projected 3.2 + 0.1 * 4 = 3.6
    a = assess_target(target(3.4), obs({2021: 3.0, 2023: 3.2}), "up", "share")
    assert a.status == Status.ON_TRACK
    assert a.pace == "linear"
    assert a.observed_pace == pytest.approx(0.1)
    assert a.required_pace == pytest.approx(0.4 / 6)
    assert a.ratio == pytest.approx(1.5)
    assert a.projected_value == pytest.approx(3.6)
    assert "150%" in a.explanation_en and "2027" in a.explanation_zh


def test_sdsn_moderately_improving() -> None:
    # 3.0 -> 3.1 over 2 years = 0.05/yr; required 0.0667/yr; ratio 0.75 in [0.5, 1) -> moderate
    a = assess_target(target(3.4), obs({2021: 3.0, 2023: 3.1}), "up", "share")
    assert a.status == Status.MODERATE
    assert a.ratio == pytest.approx(0.75)


def test_sdsn_stagnating() -> None:
    # 3.0 -> 3.02 over 2 years = 0.01/yr; ratio 0.01 / 0.0667 = 0.15 in [0, 0.5) -> stagnating
    a = assess_target(target(3.4), obs({2021: 3.0, 2023: 3.02}), "up", "share")
    assert a.status == Status.STAGNATING
    assert a.ratio == pytest.approx(0.15)


def test_sdsn_deteriorating() -> None:
    # 3.0 -> 2.9 over 2 years = -0.05/yr: moving away from 3.4; ratio -0.75 < 0
    a = assess_target(target(3.4), obs({2021: 3.0, 2023: 2.9}), "up", "share")
    assert a.status == Status.DETERIORATING
    assert a.ratio == pytest.approx(-0.75)


def test_sdsn_exactly_the_required_pace_is_on_track() -> None:
    # 2.0 -> 2.3 over 2020-2023 = 0.1/yr; required (2.7 - 2.0) / 7 = 0.1/yr; ratio 1.0
    # (in floating point 0.0999.../0.1000...: the ratio is rounded before the threshold)
    a = assess_target(target(2.7), obs({2020: 2.0, 2023: 2.3}), "up", "share")
    assert a.ratio == pytest.approx(1.0)
    assert a.status == Status.ON_TRACK


def test_sdsn_direction_down() -> None:
    # lower is better: 10.0 -> 9.0 over 2020-2022 = -0.5/yr; required (8 - 10) / 5 = -0.4/yr
    # in the good direction: 0.5 / 0.4 = 1.25 -> on track
    a = assess_target(
        target(8.0, year=2025, comparator="≤"), obs({2020: 10, 2022: 9}), "down", "share"
    )
    assert a.status == Status.ON_TRACK
    assert a.ratio == pytest.approx(1.25)
    # 10.0 -> 10.5 = +0.25/yr against -0.4 needed: ratio -0.625, moving the wrong way
    a = assess_target(
        target(8.0, year=2025, comparator="≤"), obs({2020: 10, 2022: 10.5}), "down", "share"
    )
    assert a.status == Status.DETERIORATING
    assert a.ratio == pytest.approx(-0.625)


def test_sdsn_compound_for_levels() -> None:
    # 100 -> 121 over 2020-2022: (1.21) ** (1/2) - 1 = 10%/yr
    # required (200 / 100) ** (1/7) - 1 = 10.41%/yr; ratio 0.10 / 0.1041 = 0.961 -> moderate
    a = assess_target(
        target(200, unit="亿元"), obs({2020: 100, 2021: 110, 2022: 121}), "up", "level"
    )
    assert a.pace == "compound"
    assert a.observed_pace == pytest.approx(0.10)
    assert a.required_pace == pytest.approx(2 ** (1 / 7) - 1)
    assert a.ratio == pytest.approx(0.10 / (2 ** (1 / 7) - 1))
    assert a.status == Status.MODERATE
    # projected 121 * 1.1 ** 5 = 194.87
    assert a.projected_value == pytest.approx(194.87171)


def test_strict_comparator_at_the_figure_is_not_met() -> None:
    # "超过 3.4": 3.4 in 2023 is not more than 3.4, so not met; the pace decides:
    # 3.0 -> 3.4 over 2 years = 0.2/yr vs 0.0667 needed -> ratio 3 -> on track
    a = assess_target(target(3.4, comparator=">"), obs({2021: 3.0, 2023: 3.4}), "up", "share")
    assert a.status == Status.ON_TRACK
    assert a.ratio == pytest.approx(3.0)


# --- UN SDG Progress Chart ratio --------------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "ratio", "status"),
    [
        # required (200 / 100) ** (1/7) - 1 = 0.10409 for every row
        # (121 / 100) ** (1/2) - 1 = 0.10; 0.10 / 0.10409 = 0.961 >= 0.95 -> on track
        (121, 0.10 / (2 ** (1 / 7) - 1), Status.ON_TRACK),
        # (112.36 / 100) ** (1/2) - 1 = 0.06; 0.06 / 0.10409 = 0.576 in [0.5, 0.95) -> fair
        (112.36, 0.06 / (2 ** (1 / 7) - 1), Status.FAIR),
        # 1.01 ** 0.5 - 1 = 0.004988; ratio 0.0479 in [-0.1, 0.5) -> limited
        (101, (1.01**0.5 - 1) / (2 ** (1 / 7) - 1), Status.LIMITED),
        # 0.99 ** 0.5 - 1 = -0.005013; ratio -0.0482 >= -0.1 -> still limited, not deterioration
        (99, (0.99**0.5 - 1) / (2 ** (1 / 7) - 1), Status.LIMITED),
        # 0.95 ** 0.5 - 1 = -0.02532; ratio -0.243 < -0.1 -> deteriorating
        (95, (0.95**0.5 - 1) / (2 ** (1 / 7) - 1), Status.DETERIORATING),
    ],
)
def test_sdg_ratio_thresholds(latest, ratio, status) -> None:
    a = assess_target(
        target(200, unit="亿元"), obs({2020: 100, 2022: latest}), "up", "level", "sdg_ratio"
    )
    assert a.ratio == pytest.approx(ratio)
    assert a.status == status


def test_sdg_ratio_and_sdsn_differ_on_a_small_decline() -> None:
    # 100 -> 99: SDSN sees a move the wrong way (deteriorating); the UN chart allows down
    # to -0.1 as "limited progress" (ratio -0.048, worked above)
    rows = obs({2020: 100, 2022: 99})
    assert assess_target(target(200), rows, "up", "level", "sdsn").status == Status.DETERIORATING
    assert assess_target(target(200), rows, "up", "level", "sdg_ratio").status == Status.LIMITED


def test_sdg_ratio_uses_compound_growth_even_for_shares() -> None:
    # 3.0 -> 3.2: (3.2 / 3.0) ** (1/2) - 1 = 3.28%/yr; required (3.4 / 3.0) ** (1/6) - 1
    # = 2.11%/yr; ratio 1.556 -> on track
    a = assess_target(target(3.4), obs({2021: 3.0, 2023: 3.2}), "up", "share", "sdg_ratio")
    assert a.pace == "compound"
    assert a.ratio == pytest.approx(((3.2 / 3.0) ** 0.5 - 1) / ((3.4 / 3.0) ** (1 / 6) - 1))
    assert a.status == Status.ON_TRACK


# --- German strategy projection ---------------------------------------------------------

# 2.0 ... 2.5 over 2018-2023 is +0.1/yr; 2015's 1.0 lies outside the last five years
SHARE_SERIES = {2015: 1.0, 2018: 2.0, 2019: 2.1, 2020: 2.2, 2021: 2.3, 2022: 2.4, 2023: 2.5}


@pytest.mark.parametrize(
    ("target_value", "shortfall", "status"),
    [
        # projected 2.5 + 0.1 * 4 = 2.9 reaches 2.9 -> on track
        (2.9, 0.0, Status.ON_TRACK),
        # 2.93: miss 0.03 of gap 0.43 = 7.0% in [5%, 20%] -> close
        (2.93, 0.03 / 0.43, Status.CLOSE),
        # 3.1: miss 0.2 of gap 0.6 = 33% > 20%, moving the right way -> off track
        (3.1, 0.2 / 0.6, Status.OFF_TRACK),
        # 2.92: miss 0.02 of gap 0.42 = 4.8% < 5% -> on track
        (2.92, 0.02 / 0.42, Status.ON_TRACK),
    ],
)
def test_de_projection_thresholds(target_value, shortfall, status) -> None:
    a = assess_target(target(target_value), obs(SHARE_SERIES), "up", "share", "de_projection")
    assert a.start_year == 2018  # the window is the last five years, not since 2015
    assert a.observed_pace == pytest.approx(0.1)
    assert a.projected_value == pytest.approx(2.9)
    assert a.shortfall == pytest.approx(shortfall)
    assert a.status == status


def test_de_projection_wrong_way_and_compound() -> None:
    # falling 2.5 -> 2.3 over 2021-2023: moving away from 3.0 -> deteriorating
    rows = obs({2021: 2.5, 2023: 2.3})
    assert assess_target(target(3.0), rows, "up", "share", "de_projection").status == (
        Status.DETERIORATING
    )
    # level, compound: 100 -> 121 over 2020-2022 = 10%/yr; 121 * 1.1 ** 3 = 161.05 by 2025,
    # beyond 150 -> on track
    a = assess_target(
        target(150, year=2025), obs({2020: 100, 2022: 121}), "up", "level", "de_projection"
    )
    assert a.projected_value == pytest.approx(161.051)
    assert a.status == Status.ON_TRACK


# --- met, missed, several target years ---------------------------------------------------


def test_met_when_the_latest_value_already_meets() -> None:
    # 3.5 in 2024 >= 3.4 for 2027: met, even with a single observation
    for method in METHODS:
        a = assess_target(target(3.4), obs({2024: 3.5}), "up", "share", method)
        assert a.status == Status.MET
    # ≈ 3.4: 3.35 is within 2% (>= 3.332) -> met
    assert assess_target(target(3.4, comparator="≈"), obs({2024: 3.35}), "up", "share").status == (
        Status.MET
    )


def test_range_is_judged_against_the_weaker_bound() -> None:
    # "10-15 家" by 2025, higher is better: 11 in 2023 >= 10 -> met
    row = target(comparator="range", range_low=10, range_high=15, unit="家", year=2025)
    a = assess_target(row, obs({2022: 8, 2023: 11}), "up", "level")
    assert a.status == Status.MET
    assert a.target_value == 10
    # 6 -> 8 over 2021-2023 against 10 by 2025: (8/6) ** 0.5 - 1 = 15.5%/yr,
    # required (10/6) ** (1/4) - 1 = 13.6%/yr -> on track
    a = assess_target(row, obs({2021: 6, 2023: 8}), "up", "level")
    assert a.status == Status.ON_TRACK
    assert a.required_pace == pytest.approx((10 / 6) ** 0.25 - 1)


def test_passed_target_is_judged_in_its_year() -> None:
    # 2022 target 2.8: 2.7 in 2022 falls short -> missed, although 2024 reached 3.0
    rows = obs({2020: 2.5, 2022: 2.7, 2024: 3.0})
    a = assess_target(target(2.8, year=2022), rows, "up", "share")
    assert a.status == Status.MISSED
    assert (a.latest_year, a.latest_value) == (2022, 2.7)
    # 2022 target 2.6: 2.7 in 2022 -> met
    assert assess_target(target(2.6, year=2022), rows, "up", "share").status == Status.MET


def test_passed_target_without_a_value_in_its_year_uses_the_trend_to_it() -> None:
    # 2022 target 2.8, values 2020 2.5 and 2021 2.6 (and 2023): 0.1/yr vs (2.8-2.5)/2 = 0.15
    # -> ratio 0.667 -> moderate, with a note that 2022 has no value
    rows = obs({2020: 2.5, 2021: 2.6, 2023: 2.9})
    a = assess_target(target(2.8, year=2022), rows, "up", "share")
    assert a.status == Status.MODERATE
    assert a.ratio == pytest.approx(0.1 / 0.15)
    assert "no value for 2022" in a.explanation_en


def test_as_of_year_hides_later_values() -> None:
    # as of 2022 only 2021 3.0 and 2022 3.1 count: 0.1/yr vs (3.4-3.0)/6 -> on track;
    # without the cut, 2024's 3.5 would already meet the target
    rows = obs({2021: 3.0, 2022: 3.1, 2024: 3.5})
    assert assess_target(target(3.4), rows, "up", "share", as_of_year=2022).status == (
        Status.ON_TRACK
    )
    assert assess_target(target(3.4), rows, "up", "share").status == Status.MET


# --- cumulative, annual, qualitative, not enough data ----------------------------------


def cumulative(value: float, amounts: dict[int, float], method: str = "sdsn"):
    """A 2021-2025 cumulative count target judged on the given yearly amounts."""
    row = target(value, year=2025, kind="cumulative", base_year=2021, unit="家")
    return assess_target(row, obs(amounts), "up", "count", method)


def test_cumulative_sums_the_period() -> None:
    # 1800 + 2000 + 2200 = 6000 by 2023 (2000/yr); remaining 10000 - 6000 = 4000 over
    # 2 years = 2000/yr needed; ratio 1.0 -> on track; projected 6000 + 2000 * 2 = 10000
    a = cumulative(10000, {2021: 1800, 2022: 2000, 2023: 2200})
    assert a.latest_value == 6000
    assert a.observed_pace == pytest.approx(2000)
    assert a.required_pace == pytest.approx(2000)
    assert a.status == Status.ON_TRACK
    assert a.projected_value == pytest.approx(10000)


def test_cumulative_behind_under_each_method() -> None:
    # 3 * 1500 = 4500 (1500/yr); needs (10000 - 4500) / 2 = 2750/yr; ratio 0.545
    # sdsn: >= 0.5 -> moderate; UN: [0.5, 0.95) -> fair
    # de: projected 4500 + 1500 * 2 = 7500, miss 2500 of 5500 remaining = 45% -> off track
    amounts = {2021: 1500, 2022: 1500, 2023: 1500}
    assert cumulative(10000, amounts).ratio == pytest.approx(1500 / 2750)
    assert cumulative(10000, amounts).status == Status.MODERATE
    assert cumulative(10000, amounts, "sdg_ratio").status == Status.FAIR
    de = cumulative(10000, amounts, "de_projection")
    assert de.shortfall == pytest.approx(2500 / 5500)
    assert de.status == Status.OFF_TRACK


def test_cumulative_met_early_missed_and_gaps() -> None:
    # 6000 + 5000 = 11000 >= 10000 by 2022 -> met three years early
    assert cumulative(10000, {2021: 6000, 2022: 5000}).status == Status.MET
    # five years of 1900 = 9500 < 10000 by 2025 -> missed
    assert cumulative(10000, dict.fromkeys(range(2021, 2026), 1900)).status == Status.MISSED
    # 2022 missing: a total with a hole would understate -> not enough data
    a = cumulative(10000, {2021: 2000, 2023: 2000})
    assert a.status == Status.NOT_ENOUGH_DATA
    assert "2022" in a.explanation_en
    # a single year is already a yearly amount: 2500 vs (10000 - 2500) / 4 = 1875 -> on track
    assert cumulative(10000, {2021: 2500}).status == Status.ON_TRACK


def test_annual_target_each_year() -> None:
    # 2,000 new enterprises every year 2023-2027
    row = target(2000, year=2027, kind="annual", base_year=2023, unit="家")
    # 2024's 2100 >= 2000 -> met (for the latest year); 2023's 1900 was short
    a = assess_target(row, obs({2023: 1900, 2024: 2100}), "up", "count")
    assert a.status == Status.MET
    assert "met in 2024" in a.explanation_en and "short in 2023" in a.explanation_en
    # 2100 then 1900: met in 2023, then fell below -> deteriorating
    a = assess_target(row, obs({2023: 2100, 2024: 1900}), "up", "count")
    assert a.status == Status.DETERIORATING
    # 1600 -> 1800 (12.5%/yr) vs (2000/1600) ** (1/4) - 1 = 5.7%/yr -> on track
    a = assess_target(row, obs({2023: 1600, 2024: 1800}), "up", "count")
    assert a.status == Status.ON_TRACK


def test_qualitative_target_gets_no_status() -> None:
    row = target(comparator="text", value_text="快于面上投资增速", unit="%")
    a = assess_target(row, obs({2022: 10, 2023: 12}), "up", "rate")
    assert a.status == Status.QUALITATIVE
    assert "快于面上投资增速" in a.explanation_zh


def test_not_enough_data_with_none_or_one_value() -> None:
    for method in METHODS:
        assert assess_target(target(3.4), obs({}), "up", "share", method).status == (
            Status.NOT_ENOUGH_DATA
        )
        # one value that does not meet the target: no pace can be computed
        a = assess_target(target(3.4), obs({2023: 3.1}), "up", "share", method)
        assert a.status == Status.NOT_ENOUGH_DATA
    # de_projection: 2010 and 2023 are two values, but only 2023 lies in the last five years
    a = assess_target(target(3.4), obs({2010: 2.0, 2023: 3.1}), "up", "share", "de_projection")
    assert a.status == Status.NOT_ENOUGH_DATA


def test_baseline_and_unknown_method_are_refused() -> None:
    with pytest.raises(ValueError):
        assess_target(target(3.0, kind="baseline"), obs({}), "up", "share")
    with pytest.raises(ValueError):
        assess_target(target(3.4), obs({}), "up", "share", "made_up")


# --- tables: baselines as observations, several target years, lead -------------------

INDICATORS = pd.DataFrame(
    {
        "id": ["rd_gdp_share", "new_hitech_enterprises"],
        "direction": ["up", "up"],
        "measure": ["share", "count"],
    }
)


def plan_rows() -> pd.DataFrame:
    """A baseline, two target years, a qualitative and a funding row for one indicator."""
    base = {"plan_id": "p", "indicator_id": "rd_gdp_share", "region_code": "330000", "unit": "%"}
    rows = [
        {"id": "p-001", "kind": "baseline", "year": 2021, "value": 3.0, "comparator": "="},
        {"id": "p-002", "kind": "target", "year": 2025, "value": 3.3, "comparator": "≥"},
        {"id": "p-003", "kind": "target", "year": 2027, "value": 3.7, "comparator": "≥"},
        {"id": "p-004", "kind": "target", "year": 2027, "value": None, "comparator": "text"},
        {"id": "p-005", "kind": "funding", "year": None, "value": 3000, "comparator": "≤"},
    ]
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["value_text"] = frame["value"].astype(str)
    frame.loc[frame["id"] == "p-004", "value_text"] = "明显提升"
    return frame


def actual_rows(points: dict[int, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": "rd_gdp_share",
            "region_code": "330000",
            "year": list(points),
            "value": list(points.values()),
        }
    )


def test_series_uses_baselines_where_no_actual_exists() -> None:
    # the plan's 2021 baseline 3.0 fills the start; an uploaded 2021 actual would replace it
    series = series_for(actual_rows({2023: 3.2}), plan_rows(), "rd_gdp_share", "330000")
    assert series.to_dict("list") == {
        "year": [2021, 2023],
        "value": [3.0, 3.2],
        "source": ["baseline", "actual"],
    }
    series = series_for(actual_rows({2021: 2.9, 2023: 3.2}), plan_rows(), "rd_gdp_share", "330000")
    assert series["value"].tolist() == [2.9, 3.2]


def test_several_target_years_each_judged_and_the_next_leads() -> None:
    # baseline 3.0 (2021), actual 3.2 (2023): 0.1/yr
    # 2025 >= 3.3: required 0.3 / 4 = 0.075 -> ratio 1.333 -> on track
    # 2027 >= 3.7: required 0.7 / 6 = 0.1167 -> ratio 0.857 -> moderate
    assessed = assess_targets(plan_rows(), actual_rows({2023: 3.2}), INDICATORS)
    assert list(assessed["id"]) == ["p-002", "p-003", "p-004"]  # baseline, funding left out
    status = dict(zip(assessed["id"], assessed["status"], strict=True))
    assert status == {
        "p-002": Status.ON_TRACK,
        "p-003": Status.MODERATE,
        "p-004": Status.QUALITATIVE,
    }
    assert assessed.set_index("id").at["p-002", "ratio"] == pytest.approx(0.1 / 0.075)
    assert lead_target(assessed)["id"].tolist() == ["p-002"]  # 2025 is next after 2023
    # once 2025 is in (3.4 >= 3.3: met), the 2027 target leads, the quantitative one first
    assessed = assess_targets(plan_rows(), actual_rows({2023: 3.2, 2025: 3.4}), INDICATORS)
    assert assessed.set_index("id").at["p-002", "status"] == Status.MET
    assert lead_target(assessed)["id"].tolist() == ["p-003"]
    # with every target year passed, the latest still leads
    assert lead_target(assessed, as_of_year=2030)["id"].tolist() == ["p-003"]
    # a qualitative target without a year never leads
    rows = plan_rows()
    rows.loc[rows["id"] == "p-004", "year"] = None
    assessed = assess_targets(rows, actual_rows({2023: 3.2}), INDICATORS)
    assert lead_target(assessed, as_of_year=2026)["id"].tolist() == ["p-003"]


def test_compare_methods_side_by_side() -> None:
    compared = compare_methods(plan_rows(), actual_rows({2023: 3.2}), INDICATORS)
    assert {f"status_{m}" for m in METHODS} <= set(compared.columns)
    row = compared.set_index("id").loc["p-003"]
    # sdsn moderate (above); UN: (3.2/3.0) ** 0.5 - 1 = 3.28% vs (3.7/3.0) ** (1/6) - 1
    # = 3.56% -> ratio 0.92 -> fair; de: 3.2 + 0.1 * 4 = 3.6 vs 3.7: miss 0.1 of 0.5 = 20% -> close
    assert row["status_sdsn"] == Status.MODERATE
    assert row["status_sdg_ratio"] == Status.FAIR
    assert row["status_de_projection"] == Status.CLOSE


# --- projection line and presentation ----------------------------------------------------


def test_projection_line() -> None:
    # linear: 2.0 -> 2.5 over 2018-2023 = 0.1/yr -> 2.6, 2.7 for 2024, 2025
    line = projection(obs(SHARE_SERIES), 2025, "share")
    assert line["year"].tolist() == [2023, 2024, 2025]
    assert line["value"].tolist() == pytest.approx([2.5, 2.6, 2.7])
    # compound: 100 -> 121 = 10%/yr -> 133.1 in 2023
    line = projection(obs({2020: 100, 2022: 121}), 2023, "level")
    assert line["value"].tolist() == pytest.approx([121, 133.1])
    assert projection(obs({2022: 1.0}), 2025, "share").empty


def test_every_status_has_labels_colour_and_level() -> None:
    for status in Status:
        assert STATUS_LABELS[status]["zh"] and STATUS_LABELS[status]["en"]
        assert STATUS_COLOURS[status].startswith("#")
        assert status in STATUS_LEVEL
    for method, statuses in METHOD_STATUSES.items():
        assert set(METHODS[method]) >= {"zh", "en", "description_zh", "description_en"}
        assert len(set(statuses)) == len(statuses)
    # the middle grades of the three methods share a level, hence a colour
    assert STATUS_COLOURS[Status.MODERATE] == STATUS_COLOURS[Status.FAIR]
    assert STATUS_COLOURS[Status.FAIR] == STATUS_COLOURS[Status.CLOSE]
    assert badge("on_track", "en") == {
        "code": "on_track",
        "label": "On track",
        "background": "#009E73",
        "colour": "#000000",
    }
    assert badge(Status.MET)["colour"] == "#FFFFFF"  # white reads better on dark blue
