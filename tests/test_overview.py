import pandas as pd

from lib.overview import headline_targets, plan_summary


def _targets() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("p-1", "p", "rd_gdp_share", "330100", 2024, "target"),
            ("p-2", "p", "rd_gdp_share", "330100", 2027, "target"),
            ("p-3", "p", "rd_gdp_share", "330102", 2024, "target"),
            ("p-4", "p", "other", "330100", 2024, "target"),
            ("p-5", "p", "hitech_va_share", "330100", 2024, "target"),
            ("p-6", "p", "rd_gdp_share", "330100", 2022, "baseline"),
            ("q-1", "q", "other", "330000", 2025, "target"),
        ],
        columns=["id", "plan_id", "indicator_id", "region_code", "year", "kind"],
    )


def test_headlines_prefer_key_indicators_citywide_and_the_latest_year():
    headlines = headline_targets(_targets())
    assert headlines["id"].tolist() == ["p-2", "p-5", "p-4", "q-1"]
    assert headline_targets(_targets(), limit=1)["id"].tolist() == ["p-2", "q-1"]


def test_summary_counts_targets_and_baselines_per_plan():
    plans = pd.DataFrame(
        {"id": ["p", "q", "r"], "period_end": [2027, 2025, 2025], "issue_date": ["a", "b", "c"]}
    )
    summary = plan_summary(plans, _targets()).set_index("id")
    assert summary.loc["p", ["targets", "baselines"]].tolist() == [5, 1]
    assert summary.loc["r", ["targets", "baselines"]].tolist() == [0, 0]
    assert summary.index[0] == "p"
