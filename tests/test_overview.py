import pandas as pd

from lib.overview import headline_links, headline_targets, plan_card_text, plan_summary


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


def test_a_card_says_what_a_plan_is_in_one_block_and_shows_titles_literally():
    plan = {
        "short_en": "Plan *A*",
        "short_zh": "规划A",
        "title_en": "A [plan] for 2027",
        "title_zh": "规划",
        "issuer_en": "Province",
        "issuer_zh": "省政府",
        "level": "province",
        "period_start": 2023,
        "period_end": 2027,
        "issue_date": None,
        "targets": 5,
        "baselines": 2,
    }
    lines = plan_card_text(plan, "en").split("  \n")
    assert lines[0] == r"**Plan \*A\***"
    assert lines[1] == r":small[:gray[A \[plan\] for 2027]]"
    assert "2023" in lines[2] and "2027" in lines[2] and "Issue date not stated" in lines[2]
    assert lines[3].startswith(":small[:gray[") and "5" in lines[3] and "2" in lines[3]
    dated = plan_card_text({**plan, "issue_date": "2023-05-01"}, "en")
    assert r"Issued 2023\-05\-01" in dated  # shown as 2023-05-01


def test_headline_links_name_the_indicator_year_and_figure_in_the_chosen_language():
    targets = _targets().assign(value_text=["3%", "3.4%", "2%", "5", "17%", "2.9%", "9"])
    indicators = pd.DataFrame(
        {
            "id": ["rd_gdp_share", "hitech_va_share", "other"],
            "name_zh": ["研发投入强度", "高新技术产业增加值占比", "其他"],
            "name_en": ["R&D intensity", "High-tech share", "Other"],
        }
    )
    links = headline_links(headline_targets(targets), indicators, "en")
    assert links["p"] == [
        ("R&D intensity · 2027 · 3.4%", "p-2"),
        ("High-tech share · 2024 · 17%", "p-5"),
        ("Other · 2024 · 5", "p-4"),
    ]
    assert links["q"] == [("Other · 2025 · 9", "q-1")]
    assert headline_links(headline_targets(targets), indicators, "zh")["q"][0][0].startswith("其他")
