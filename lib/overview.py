"""What the overview shows of each plan: counts and a few headline targets."""

from __future__ import annotations

import pandas as pd

from lib.i18n import name_column, t
from lib.markdown import markdown_text

# The indicators an analyst looks for first, in order; a plan's headline targets are its
# targets for the first of these it has.
HEADLINE_INDICATORS = (
    "rd_gdp_share",
    "hitech_va_share",
    "enterprise_rd_revenue_share",
    "high_value_patents_per_10k",
    "rd_expenditure",
    "new_hitech_enterprises",
    "hitech_enterprises",
    "rd_personnel_per_10k",
)


def plan_summary(plans: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """One row per plan with its number of targets and baselines, latest target year first."""
    counts = (
        targets.assign(is_baseline=targets["kind"].eq("baseline"))
        .groupby("plan_id")
        .agg(targets=("is_baseline", lambda s: int((~s).sum())), baselines=("is_baseline", "sum"))
    )
    summary = plans.join(counts, on="id").fillna({"targets": 0, "baselines": 0})
    summary[["targets", "baselines"]] = summary[["targets", "baselines"]].astype(int)
    return summary.sort_values(["period_end", "issue_date"], ascending=False, na_position="last")


def headline_targets(targets: pd.DataFrame, limit: int = 3) -> pd.DataFrame:
    """Each plan's most telling targets for its own region: headline indicators first,
    city- and province-wide before districts, latest year; at most limit per plan."""
    plan_targets = targets[targets["kind"] != "baseline"]
    rank = {indicator: i for i, indicator in enumerate(HEADLINE_INDICATORS)}
    ordered = plan_targets.assign(
        rank=plan_targets["indicator_id"].map(rank).fillna(len(rank)),
        is_district=plan_targets["region_code"].str[4:] != "00",
    ).sort_values(
        ["plan_id", "is_district", "rank", "year", "id"],
        ascending=[True, True, True, False, True],
    )
    first = ordered.drop_duplicates(["plan_id", "indicator_id"])
    return first.groupby("plan_id").head(limit).drop(columns=["rank", "is_district"])


def headline_links(
    headlines: pd.DataFrame, indicators: pd.DataFrame, lang: str
) -> dict[str, list[tuple[str, str]]]:
    """Each plan's headline targets as link labels ("indicator · year · figure") and ids."""
    names = indicators.set_index("id")[name_column(lang)]
    links: dict[str, list[tuple[str, str]]] = {}
    for row in headlines.to_dict("records"):
        label = f"{names[row['indicator_id']]} · {row['year']} · {row['value_text']}"
        links.setdefault(row["plan_id"], []).append((label, row["id"]))
    return links


def plan_card_text(plan: dict, lang: str) -> str:
    """A plan card's text as one Markdown block: short name, full title, issuer, level,
    period and issue date, and its counts (small grey lines where the card had captions)."""
    en = lang == "en"
    issued = (
        t("overview.issued", lang, date=plan["issue_date"])
        if pd.notna(plan["issue_date"])
        else t("overview.issued_unknown", lang)
    )
    facts = [
        plan["issuer_en"] if en else plan["issuer_zh"],
        t(f"overview.level_{plan['level']}", lang),
        t("overview.period", lang, start=plan["period_start"], end=plan["period_end"]),
        issued,
    ]
    counts = t("overview.counts", lang, targets=plan["targets"], baselines=plan["baselines"])
    return "  \n".join(
        [
            f"**{markdown_text(plan['short_en'] if en else plan['short_zh'])}**",
            f":small[:gray[{markdown_text(plan['title_en'] if en else plan['title_zh'])}]]",
            markdown_text(" · ".join(facts)),
            f":small[:gray[{markdown_text(counts)}]]",
        ]
    )
