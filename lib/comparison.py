"""Plans side by side: the same indicator, theme, action and task aligned across plans.

Pure functions: DataFrames shaped like the tables of lib/models.py in, DataFrames and plain
values out. The page only picks columns and renders.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote, unquote

import pandas as pd

from lib.i18n import t

if TYPE_CHECKING:
    import pyarrow as pa

# The province's 315 plan and the two city plans that carry it out.
DEFAULT_PLANS = ("zj_315_2023", "hz_315_2024", "jx_315_2023")
# Useful sets a click away: the three 315 plans, and how the targets moved from 2018 to 2023.
PRESETS = {"315": DEFAULT_PLANS, "2018": ("zj_opinions_2018", "zj_315_2023")}
MIN_PLANS, MAX_PLANS = 2, 4
ROW_FILTERS = ("all", "shared", "differs", "only")
VIEWS = ("aligned", "ambition", "pace", "themes")
# Small charts shown before the reader asks for all of them (each takes a moment to build).
CHART_LIMIT = 12
# The kinds a plan's aligned cell shows. Baselines feed the pace instead; "assigned" rows
# are the province's target for the city (Hangzhou's 省下达目标), not the plan's own.
HEADLINE_KINDS = ("target", "cumulative", "annual", "funding")
LINEAR_MEASURES = frozenset({"share", "rate"})
# What differs between plans that share an indicator, in the order a reader cares about.
DIFFERENCE_ASPECTS = ("value", "year", "comparator", "kind")
# A top-level heading of a plan (二、重点任务, 三、保障措施) ends the last task's text.
_SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


# ---------------------------------------------------------------------------------------
# Indicators


def chosen_plans(requested: Sequence[str] | None, known: Sequence[str]) -> list[str]:
    """The plans to compare: the requested known ids, once each, at most four; the default
    set when nothing was requested."""
    if not requested:
        return list(DEFAULT_PLANS)
    return [p for p in dict.fromkeys(requested) if p in set(known)][:MAX_PLANS]


def own_region_targets(
    targets: pd.DataFrame, plans: pd.DataFrame, plan_ids: Sequence[str]
) -> pd.DataFrame:
    """The chosen plans' own targets for their own region: no baselines, allocations or
    province-assigned figures."""
    region = plans.set_index("id")["region_code"]
    chosen = targets[targets["plan_id"].isin(plan_ids) & targets["kind"].isin(HEADLINE_KINDS)]
    return chosen[chosen["region_code"] == chosen["plan_id"].map(region)]


def excluded_counts(
    targets: pd.DataFrame, plans: pd.DataFrame, plan_ids: Sequence[str]
) -> pd.DataFrame:
    """Per chosen plan, the figures left out of the alignment: rows for other regions
    (district allocations, city-specific targets) and province-assigned rows."""
    region = plans.set_index("id")["region_code"]
    chosen = targets[targets["plan_id"].isin(plan_ids) & (targets["kind"] != "baseline")]
    own = chosen["region_code"] == chosen["plan_id"].map(region)
    counts = pd.DataFrame(
        {
            "plan_id": list(plan_ids),
            "other_regions": [int((~own & (chosen["plan_id"] == p)).sum()) for p in plan_ids],
            "assigned": [
                int((own & (chosen["plan_id"] == p) & (chosen["kind"] == "assigned")).sum())
                for p in plan_ids
            ],
        }
    )
    return counts


def _year_text(year: object) -> str:
    return "" if _missing(year) else str(int(year))


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


CELL_COLUMNS = [
    "plan_id",
    "indicator_id",
    "target_id",
    "region_code",
    "year",
    "value",
    "value_text",
    "comparator",
    "kind",
    "unit",
    "cell",
    "statements",
]


def _comparable_value(row: Mapping) -> object:
    # A figure compares as a number; a qualitative target by its wording.
    return row["value_text"] if _missing(row["value"]) else round(float(row["value"]), 9)


def plan_cells(own: pd.DataFrame) -> pd.DataFrame:
    """One row per plan and indicator: the headline (latest year) and the cell text that
    lists every year, latest first, e.g. "4.2 (2027); 4.0 (2025); 3.95 (2024)"."""
    if own.empty:
        return pd.DataFrame(columns=CELL_COLUMNS)
    kind_rank = {k: i for i, k in enumerate(HEADLINE_KINDS)}

    def sort_key(row: Mapping) -> tuple:
        # Latest year first; within a year plain targets before cumulative/annual ones,
        # figures before wording, then the document's own order.
        year = -1 if _missing(row["year"]) else int(row["year"])
        return (-year, kind_rank.get(row["kind"], 9), _missing(row["value"]), row["id"])

    groups: dict[tuple[str, str], list[dict]] = {}
    for row in sorted(own.to_dict("records"), key=sort_key):
        groups.setdefault((row["plan_id"], row["indicator_id"]), []).append(row)
    cells = []
    for (plan_id, indicator_id), rows in groups.items():
        seen, parts, kept = set(), [], []
        for row in rows:
            # Body text and appendix table often state the same figure twice: show it once.
            key = (_year_text(row["year"]), row["kind"], _comparable_value(row))
            if key in seen:
                continue
            seen.add(key)
            kept.append(row)
            year = _year_text(row["year"])
            parts.append(f"{row['value_text']} ({year})" if year else str(row["value_text"]))
        head = kept[0]
        cells.append(
            {
                "plan_id": plan_id,
                "indicator_id": indicator_id,
                "target_id": head["id"],
                "region_code": head["region_code"],
                "year": head["year"],
                "value": head["value"],
                "value_text": head["value_text"],
                "comparator": head["comparator"],
                "kind": head["kind"],
                "unit": head["unit"],
                "cell": "; ".join(parts),
                "statements": len(kept),
            }
        )
    return pd.DataFrame(cells, columns=CELL_COLUMNS)


def _differences(heads: Sequence[Mapping]) -> list[str]:
    probes = {
        "value": _comparable_value,
        "year": lambda r: _year_text(r["year"]),
        "comparator": lambda r: r["comparator"],
        "kind": lambda r: r["kind"],
    }
    return [
        aspect
        for aspect in DIFFERENCE_ASPECTS
        if len({str(probes[aspect](head)) for head in heads}) > 1
    ]


ALIGNED_COLUMNS = [
    "indicator_id",
    "name_zh",
    "name_en",
    "category",
    "unit",
    "measure",
    "direction",
    "plans",
    "shared",
    "status",
    "differs_in",
    "only_plan",
]


def align_indicators(
    cells: pd.DataFrame, indicators: pd.DataFrame, plan_ids: Sequence[str]
) -> pd.DataFrame:
    """One row per canonical indicator and a cell per plan; rows the plans share first.

    Columns: indicator facts (name_zh, name_en, category, unit, measure, direction), `plans`
    (how many of the chosen plans state it), `shared`, `status` (same | differs | only),
    `differs_in` (list of value, year, comparator, kind), `only_plan`, and per plan id
    `<plan_id>` (the cell text, "" when the plan is silent) and `<plan_id>:target` (the
    headline target id, for the link to its quote).
    """
    facts = {row["id"]: row for row in indicators.to_dict("records")}
    order = {plan_id: i for i, plan_id in enumerate(plan_ids)}
    by_indicator: dict[str, list[dict]] = {}
    for cell in cells.to_dict("records"):
        by_indicator.setdefault(cell["indicator_id"], []).append(cell)
    rows = []
    for indicator_id, heads in by_indicator.items():
        heads = sorted(heads, key=lambda h: order[h["plan_id"]])
        fact = facts.get(indicator_id, {})
        differs_in = _differences(heads) if len(heads) > 1 else []
        row = {
            "indicator_id": indicator_id,
            "name_zh": fact.get("name_zh", indicator_id),
            "name_en": fact.get("name_en", indicator_id),
            "category": fact.get("category", ""),
            "unit": fact.get("unit", heads[0]["unit"]),
            "measure": fact.get("measure", ""),
            "direction": fact.get("direction", "up"),
            "plans": len(heads),
            "shared": len(heads) > 1,
            "status": "only" if len(heads) == 1 else ("differs" if differs_in else "same"),
            "differs_in": differs_in,
            "only_plan": heads[0]["plan_id"] if len(heads) == 1 else "",
            # Document order of the first plan that states it: the reader's own order.
            "_first": order[heads[0]["plan_id"]],
            "_position": heads[0]["target_id"],
        }
        stated = {h["plan_id"]: h for h in heads}
        for plan_id in plan_ids:
            head = stated.get(plan_id)
            row[plan_id] = head["cell"] if head else ""
            row[f"{plan_id}:target"] = head["target_id"] if head else ""
        rows.append(row)
    columns = ALIGNED_COLUMNS + [c for p in plan_ids for c in (p, f"{p}:target")]
    if not rows:
        return pd.DataFrame(columns=columns)
    aligned = pd.DataFrame(rows).sort_values(
        ["plans", "_first", "_position"], ascending=[False, True, True]
    )
    return aligned[columns].reset_index(drop=True)


def filter_aligned(
    aligned: pd.DataFrame, categories: Sequence[str] = (), rows: str = "all"
) -> pd.DataFrame:
    """The aligned rows in the chosen categories; rows: all | shared | differs | only."""
    keep = aligned
    if categories:
        keep = keep[keep["category"].isin(categories)]
    if rows == "shared":
        keep = keep[keep["shared"]]
    elif rows == "differs":
        keep = keep[keep["status"] == "differs"]
    elif rows == "only":
        keep = keep[keep["status"] == "only"]
    return keep.reset_index(drop=True)


def difference_label(row: Mapping, plan_names: Mapping[str, str], total: int, lang: str) -> str:
    """The text marker of the "differs" column: ≠ what differs, = same, or only in a plan."""
    if row["status"] == "only":
        return t("compare.marker_only", lang, plan=plan_names.get(row["only_plan"], ""))
    share = "" if row["plans"] == total else t("compare.marker_of", lang, n=row["plans"], k=total)
    if row["status"] == "same":
        return t("compare.marker_same", lang) + share
    aspects = t("compare.list_sep", lang).join(
        t(f"compare.aspect_{a}", lang) for a in row["differs_in"]
    )
    return t("compare.marker_differs", lang, aspects=aspects) + share


# ---------------------------------------------------------------------------------------
# Pace and ambition


def pace_kind(measure: str) -> str:
    """'linear' for shares and rates (points a year), 'compound' for levels and counts."""
    return "linear" if measure in LINEAR_MEASURES else "compound"


def annual_pace(v0: float, y0: int, v1: float, y1: int, kind: str) -> tuple[float, str]:
    """The yearly change from (y0, v0) to (y1, v1) and the kind actually used.

    Compound growth is undefined from or to zero or a negative value, so a straight line
    is used there instead (and the kind says so).
    """
    years = y1 - y0
    if years <= 0:
        raise ValueError(f"the target year {y1} must come after the baseline year {y0}")
    if kind == "compound" and min(v0, v1) > 0:
        return (v1 / v0) ** (1 / years) - 1, "compound"
    return (v1 - v0) / years, "linear"


def _plan_start(plan: Mapping) -> int | None:
    for field in ("period_start", "issue_date"):
        value = plan.get(field)
        if not _missing(value) and str(value).strip():
            return int(str(value)[:4])
    return None


def latest_baseline(
    targets: pd.DataFrame,
    actuals: pd.DataFrame,
    indicator_id: str,
    region_code: str,
    before_year: int,
) -> dict | None:
    """The latest stated baseline or uploaded actual for an indicator and region before a
    year: {year, value, value_text, ref} (ref = target id, or "" for an actual)."""
    candidates = []
    stated = targets[
        (targets["kind"] == "baseline")
        & (targets["indicator_id"] == indicator_id)
        & (targets["region_code"] == region_code)
        & targets["value"].notna()
        & targets["year"].notna()
    ]
    for _, row in stated.iterrows():
        if int(row["year"]) < before_year:
            # Several plans may state one year: the lowest id wins (as in lib/progress).
            candidates.append((int(row["year"]), 1, str(row["id"]), row))
    if actuals is not None and not actuals.empty:
        observed = actuals[
            (actuals["indicator_id"] == indicator_id) & (actuals["region_code"] == region_code)
        ]
        for _, row in observed.iterrows():
            if int(row["year"]) < before_year:
                # An uploaded actual beats a stated baseline for the same year.
                candidates.append((int(row["year"]), 0, "", row))
    if not candidates:
        return None
    latest_year = max(c[0] for c in candidates)
    year, _, ref, row = sorted(c for c in candidates if c[0] == latest_year)[0][:4]
    value = float(row["value"])
    return {
        "year": year,
        "value": value,
        "value_text": row["value_text"] if ref else format_number(value),
        "ref": ref,
    }


def implied_paces(
    cells: pd.DataFrame,
    targets: pd.DataFrame,
    actuals: pd.DataFrame,
    indicators: pd.DataFrame,
    plans: pd.DataFrame,
) -> pd.DataFrame:
    """For each plan's headline: the annual pace it implies from the latest baseline for
    the plan's region, known before the plan starts (a plan's pace can only start from what
    was known when it was written).

    `reason` says why a pace is missing: no_number (a range or qualitative target), not_a_level
    (a cumulative, yearly or per-item figure: no level to reach), no_baseline.
    """
    measures = indicators.set_index("id")["measure"]
    plan_rows = plans.set_index("id")
    wanted = set(cells["indicator_id"])
    # Narrow the candidates once: the baseline search runs for every cell.
    targets = targets[(targets["kind"] == "baseline") & targets["indicator_id"].isin(wanted)]
    if actuals is not None and not actuals.empty:
        actuals = actuals[actuals["indicator_id"].isin(wanted)]
    rows = []
    for _, cell in cells.iterrows():
        measure = measures.get(cell["indicator_id"], "level")
        row = {
            "plan_id": cell["plan_id"],
            "indicator_id": cell["indicator_id"],
            "target_id": cell["target_id"],
            "region_code": cell["region_code"],
            "target_year": None if _missing(cell["year"]) else int(cell["year"]),
            "target_value": cell["value"],
            "target_text": cell["value_text"],
            "baseline_year": None,
            "baseline_value": None,
            "baseline_text": "",
            "baseline_ref": "",
            "pace": None,
            "pace_kind": pace_kind(measure),
            "reason": "ok",
        }
        if _missing(cell["value"]) or row["target_year"] is None:
            row["reason"] = "no_number"
        elif cell["kind"] != "target":
            row["reason"] = "not_a_level"
        else:
            plan = plan_rows.loc[cell["plan_id"]].to_dict()
            start = _plan_start(plan) or row["target_year"]
            found = latest_baseline(
                targets,
                actuals,
                cell["indicator_id"],
                cell["region_code"],
                min(start, row["target_year"]),
            )
            if found is None:
                row["reason"] = "no_baseline"
            else:
                pace, used = annual_pace(
                    found["value"],
                    found["year"],
                    float(cell["value"]),
                    row["target_year"],
                    row["pace_kind"],
                )
                row.update(
                    baseline_year=found["year"],
                    baseline_value=found["value"],
                    baseline_text=found["value_text"],
                    baseline_ref=found["ref"],
                    pace=pace,
                    pace_kind=used,
                )
        rows.append(row)
    return pd.DataFrame(
        rows,
        columns=[
            "plan_id",
            "indicator_id",
            "target_id",
            "region_code",
            "target_year",
            "target_value",
            "target_text",
            "baseline_year",
            "baseline_value",
            "baseline_text",
            "baseline_ref",
            "pace",
            "pace_kind",
            "reason",
        ],
    )


def format_number(value: float, digits: int = 2) -> str:
    """A number without needless decimals: 3.0 -> "3", 0.9143 -> "0.91", 130000 -> "130000"."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def pace_text(pace: float | None, kind: str, unit: str, lang: str) -> str:
    """A pace for people: "+0.91 个百分点/年", "+12.3% a year"."""
    if pace is None or _missing(pace):
        return ""
    if kind == "compound":
        return t("compare.pace_compound", lang, pace=f"{pace * 100:+.1f}")
    number = f"{pace:+.2f}".rstrip("0").rstrip(".")
    if unit == "%":
        return t("compare.pace_points", lang, pace=number)
    return t("compare.pace_linear", lang, pace=number, unit=unit)


def pace_label(row: Mapping, unit: str, lang: str) -> str:
    """What the pace column says for one plan: the pace, or why there is none."""
    if row["reason"] == "ok":
        return pace_text(row["pace"], row["pace_kind"], unit, lang)
    return t(f"compare.pace_{row['reason']}", lang)


def baseline_label(row: Mapping, lang: str) -> str:
    """What the baseline column says: "59.6% (2020)", an uploaded actual, or that none exists."""
    if row["reason"] == "no_baseline":
        return t("compare.no_baseline", lang)
    if _missing(row["baseline_year"]) or row["baseline_year"] is None:
        return ""
    source = "" if row["baseline_ref"] else t("compare.actual_suffix", lang)
    return f"{row['baseline_text']} ({int(row['baseline_year'])}){source}"


def ambition_summary(
    heads: pd.DataFrame, measure: str, direction: str, plan_names: Mapping[str, str], lang: str
) -> str:
    """How ambition differs for one shared indicator, in a sentence.

    Shares and rates compare across regions: the plans are ranked, most ambitious first.
    Levels and counts only compare within one region (a city's 6000 enterprises is not less
    ambitious than the province's 50000), so there the sentence says to compare the paces,
    and plans for the same region are put in date order to show how the target moved.
    """
    numeric = heads[heads["value"].notna()]
    if len(numeric) < 2:
        return t("compare.ambition_too_few", lang)
    sep = t("compare.list_sep", lang)

    def item(row: pd.Series) -> str:
        year = _year_text(row["year"])
        return t(
            "compare.ambition_item",
            lang,
            plan=plan_names.get(row["plan_id"], row["plan_id"]),
            value=row["value_text"],
            year=year,
        )

    parts = []
    if measure in LINEAR_MEASURES or numeric["region_code"].nunique() == 1:
        ranked = numeric.sort_values("value", ascending=direction == "down", kind="stable")
        # Equal figures are tied ("=") rather than ranked by the order they came in.
        tied: dict[float, list[str]] = {}
        for _, row in ranked.iterrows():
            tied.setdefault(round(float(row["value"]), 9), []).append(item(row))
        items = sep.join(" = ".join(group) for group in tied.values())
        parts.append(t("compare.ambition_ranked", lang, items=items))
        if ranked["year"].map(_year_text).nunique() > 1:
            parts.append(t("compare.ambition_years_differ", lang))
    else:
        parts.append(t("compare.ambition_levels", lang))
    # A pace between two plans' figures only means something for levels to reach, not for
    # totals over different periods.
    levels = numeric[numeric["kind"] == "target"]
    for _, same_region in levels.groupby("region_code"):
        if len(same_region) < 2 or same_region["year"].isna().any():
            continue
        dated = same_region.sort_values("year")
        first, last = dated.iloc[0], dated.iloc[-1]
        if int(last["year"]) <= int(first["year"]):
            continue
        pace, used = annual_pace(
            float(first["value"]),
            int(first["year"]),
            float(last["value"]),
            int(last["year"]),
            pace_kind(measure),
        )
        parts.append(
            t(
                "compare.ambition_moved",
                lang,
                before=item(first),
                after=item(last),
                pace=pace_text(pace, used, str(first["unit"]), lang),
            )
        )
    return " ".join(parts)


def chartable(own: pd.DataFrame, shared: pd.DataFrame) -> list[str]:
    """The shared indicators worth a chart: at least two plans state a figure for them."""
    numeric = own[own["value"].notna() & own["year"].notna()]
    plans_with_figures = numeric.groupby("indicator_id")["plan_id"].nunique()
    return [i for i in shared["indicator_id"] if plans_with_figures.get(i, 0) >= 2]


def chart_points(
    own: pd.DataFrame, paces: pd.DataFrame, indicator_id: str, plan_names: Mapping[str, str]
) -> pd.DataFrame:
    """The dots of one shared indicator's small chart: each plan's numeric own-region
    figures by year, and the baseline its pace starts from."""
    rows = own[(own["indicator_id"] == indicator_id) & own["value"].notna() & own["year"].notna()]
    points = pd.DataFrame(
        {
            "plan": rows["plan_id"].map(plan_names),
            "plan_id": rows["plan_id"],
            "year": rows["year"].astype(int),
            "value": rows["value"].astype(float),
            "label": rows["value_text"],
            "kind": rows["kind"],
            "target_id": rows["id"],
        }
    ).drop_duplicates(["plan_id", "year", "value", "kind"])
    used = paces[(paces["indicator_id"] == indicator_id) & (paces["reason"] == "ok")]
    baselines = pd.DataFrame(
        {
            "plan": used["plan_id"].map(plan_names),
            "plan_id": used["plan_id"],
            "year": used["baseline_year"].astype(int),
            "value": used["baseline_value"].astype(float),
            "label": used["baseline_text"],
            "kind": "baseline",
            "target_id": used["baseline_ref"],
        }
    )
    frames = [f for f in (points, baselines) if not f.empty]
    if not frames:
        return points
    return pd.concat(frames, ignore_index=True).sort_values(["plan_id", "year"])


# ---------------------------------------------------------------------------------------
# Themes: highlands, strategic fields, actions and tasks


def compare_themes(
    themes: pd.DataFrame, plan_ids: Sequence[str], theme_type: str
) -> tuple[pd.DataFrame, list[str]]:
    """Align one kind of theme across plans by `canonical`, item by item.

    Returns the aligned frame and the plans that list this kind of theme at all (a plan
    without highlands is left out rather than shown as missing every one). Columns:
    canonical, status (same | renamed | partial | only), plans (count), only_plan, and per
    plan `<plan_id>:name_zh`, `<plan_id>:name_en`, `<plan_id>:code` ("" when absent).
    "same" and "renamed" mean every listing plan has it, with the same or a different
    Chinese name.
    """
    of_type = themes[(themes["theme_type"] == theme_type) & themes["plan_id"].isin(plan_ids)]
    listing = [p for p in plan_ids if (of_type["plan_id"] == p).any()]
    order = {plan_id: i for i, plan_id in enumerate(listing)}
    rows = []
    for canonical, group in of_type.groupby("canonical", sort=False):
        group = group.assign(_order=group["plan_id"].map(order)).sort_values(["_order", "position"])
        present = list(dict.fromkeys(group["plan_id"]))
        if len(present) == 1:
            status = "only"
        elif len(present) < len(listing):
            status = "partial"
        else:
            status = "same" if group["name_zh"].nunique() == 1 else "renamed"
        row = {
            "canonical": canonical,
            "status": status,
            "plans": len(present),
            "only_plan": present[0] if len(present) == 1 else "",
            "_first": group.iloc[0]["_order"],
            "_position": group.iloc[0]["position"],
        }
        for plan_id in plan_ids:
            match = group[group["plan_id"] == plan_id]
            for field in ("name_zh", "name_en", "code"):
                row[f"{plan_id}:{field}"] = match.iloc[0][field] if len(match) else ""
        rows.append(row)
    columns = ["canonical", "status", "plans", "only_plan"] + [
        f"{p}:{f}" for p in plan_ids for f in ("name_zh", "name_en", "code")
    ]
    if not rows:
        return pd.DataFrame(columns=columns), listing
    aligned = pd.DataFrame(rows)
    # Shared items first, then each plan's own, each in the plans' own order.
    aligned = aligned.assign(_shared=aligned["plans"] > 1).sort_values(
        ["_shared", "_first", "_position"], ascending=[False, True, True]
    )
    return aligned[columns].reset_index(drop=True), listing


def action_tasks(themes: pd.DataFrame, plan_ids: Sequence[str], action: str) -> pd.DataFrame:
    """The tasks under one action (by the action's canonical key), aligned across plans."""
    actions = themes[(themes["theme_type"] == "action") & (themes["canonical"] == action)]
    parents = set(zip(actions["plan_id"], actions["code"], strict=True))
    under = pd.Series(
        [
            (p, c) in parents
            for p, c in zip(themes["plan_id"], themes["parent_code"].fillna(""), strict=True)
        ],
        index=themes.index,
        dtype=bool,
    )
    tasks = themes[(themes["theme_type"] == "task") & under]
    aligned, _ = compare_themes(tasks, plan_ids, "task")
    return aligned


def theme_status_label(row: Mapping, plan_names: Mapping[str, str], total: int, lang: str) -> str:
    """The text marker of a theme row: same, renamed, in some plans, or only in one."""
    if row["status"] == "only":
        return t("compare.marker_only", lang, plan=plan_names.get(row["only_plan"], ""))
    if row["status"] == "partial":
        return t("compare.theme_partial", lang, n=row["plans"], k=total)
    return t(f"compare.theme_{row['status']}", lang)


def task_spans(themes: pd.DataFrame, lines_by_plan: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Where each task's text lies in its plan's source: first and last line (0-based).

    A task runs from its heading line to the line before the next action or task heading
    (a task can wrap onto a second line) or before the next top-level section.
    """
    rows = []
    for plan_id, plan_themes in themes.groupby("plan_id"):
        lines = lines_by_plan.get(plan_id)
        if not lines:
            continue
        headings = []  # (line_no, theme row) for actions and tasks in document order
        cursor = 0
        ordered = plan_themes[plan_themes["theme_type"].isin(["action", "task"])]
        ordered = ordered.assign(
            _action=ordered["code"].where(ordered["theme_type"] == "action", ordered["parent_code"])
        )
        action_order = {
            code: position
            for code, position in zip(
                ordered.loc[ordered["theme_type"] == "action", "code"],
                ordered.loc[ordered["theme_type"] == "action", "position"],
                strict=True,
            )
        }
        ordered = ordered.assign(
            _a=ordered["_action"].map(action_order),
            _t=(ordered["theme_type"] == "task").astype(int),
        ).sort_values(["_a", "_t", "position"])
        for _, theme in ordered.iterrows():
            for line_no in range(cursor, len(lines)):
                if lines[line_no].startswith(theme["quote"]):
                    headings.append((line_no, theme))
                    cursor = line_no + 1
                    break
        starts = [line_no for line_no, _ in headings]
        for i, (line_no, theme) in enumerate(headings):
            if theme["theme_type"] != "task":
                continue
            end = starts[i + 1] - 1 if i + 1 < len(starts) else len(lines) - 1
            for probe in range(line_no + 1, end + 1):
                if _SECTION_HEADING.match(lines[probe]):
                    end = probe - 1
                    break
            rows.append(
                {"plan_id": plan_id, "code": theme["code"], "first_line": line_no, "last_line": end}
            )
    return pd.DataFrame(rows, columns=["plan_id", "code", "first_line", "last_line"])


def task_targets(
    spans: pd.DataFrame, targets: pd.DataFrame, lines_by_plan: Mapping[str, Sequence[str]]
) -> pd.DataFrame:
    """Which targets each task states: those whose quote first appears inside the task's
    text (the same line the source reader highlights). Columns: plan_id, code, target_id."""
    rows = []
    for plan_id, plan_spans in spans.groupby("plan_id"):
        lines = lines_by_plan.get(plan_id) or ()
        plan_targets = targets[(targets["plan_id"] == plan_id) & (targets["source"] == plan_id)]
        located = {}
        for _, target in plan_targets.iterrows():
            for line_no, line in enumerate(lines):
                if target["quote"] and target["quote"] in line:
                    located[target["id"]] = line_no
                    break
        for _, span in plan_spans.iterrows():
            for target_id, line_no in located.items():
                if span["first_line"] <= line_no <= span["last_line"]:
                    rows.append({"plan_id": plan_id, "code": span["code"], "target_id": target_id})
    return pd.DataFrame(rows, columns=["plan_id", "code", "target_id"])


# ---------------------------------------------------------------------------------------
# Tables for people: localised headers, text markers and links to the quotes


def source_link(target_id: str, lang: str) -> str | None:
    """The relative link to the sentence behind a figure, or None when there is none."""
    if not target_id:
        return None
    return f"sources?target={target_id}" + ("&lang=en" if lang == "en" else "")


def aligned_table(
    aligned: pd.DataFrame,
    plan_ids: Sequence[str],
    plan_labels: Mapping[str, str],
    region_labels: Mapping[str, str],
    lang: str,
) -> tuple[pd.DataFrame, list[str]]:
    """The aligned indicators as text: indicator, category, unit, the marker of what
    differs, and per plan ("plan (region)") its cell. Returns the frame and the plan columns."""
    name = "name_en" if lang == "en" else "name_zh"
    value_columns = [
        t("compare.col_plan_region", lang, plan=plan_labels[p], region=region_labels.get(p, ""))
        for p in plan_ids
    ]
    table = pd.DataFrame(
        {
            t("compare.col_indicator", lang): aligned[name].values,
            t("compare.col_category", lang): [
                t(f"compare.category_{c}", lang) if c else "" for c in aligned["category"]
            ],
            t("compare.col_unit", lang): aligned["unit"].values,
            t("compare.col_differs", lang): [
                difference_label(row, plan_labels, len(plan_ids), lang)
                for row in aligned.to_dict("records")
            ],
        }
    )
    for plan_id, value_column in zip(plan_ids, value_columns, strict=True):
        table[value_column] = aligned[plan_id].values
    return table, value_columns


class ShownTable(NamedTuple):
    """A table as the data grid shows it, with what its column settings need."""

    table: pd.DataFrame | pa.Table  # Arrow once cached to draw (views.arrow_table)
    marker: str  # the column of marker labels, each cell a one-label list (a coloured label)
    marker_colours: dict[str, str]  # each marker label and its colour, in order of appearance
    link_columns: list[str]  # columns of links to quotes, their text after "#" (LINK_TEXT)


# What differs stands out, what one plan alone has is grey, what agrees is a quiet green.
MARKER_COLOURS = {
    "differs": "#fff1c2",
    "renamed": "#fff1c2",
    "partial": "#fff1c2",
    "only": "#eef1f5",
    "same": "#e3f2e6",
}
# The part of a figure link the grid shows (LinkColumn's display_text): its text after "#".
LINK_TEXT = r"#(.*)$"


def figure_link(target_id: str, text: str, lang: str) -> str:
    """The link to the sentence behind a figure, carrying the figure's text after "#" for the
    grid to show; "" where there is no figure."""
    link = source_link(target_id, lang)
    return f"{link}#{quote(text, safe='')}" if link else ""


def link_text(link: str) -> str:
    """The text a figure link shows (what the grid draws for LINK_TEXT)."""
    return unquote(link.partition("#")[2])


def with_marker_labels(table: pd.DataFrame, column: str, statuses: Sequence[str]) -> ShownTable:
    """A table whose marker column is drawn as coloured labels, one colour per status."""
    labels = table[column].tolist()
    colours: dict[str, str] = {}
    for label, status in zip(labels, statuses, strict=True):
        colours.setdefault(label, MARKER_COLOURS[status])
    shown = table.copy()
    shown[column] = [[label] for label in labels]
    return ShownTable(shown, column, colours, [])


def aligned_view(
    aligned: pd.DataFrame,
    plan_ids: Sequence[str],
    plan_labels: Mapping[str, str],
    region_labels: Mapping[str, str],
    lang: str,
) -> ShownTable:
    """The aligned table as shown: what differs as a coloured label, and each plan's cell a
    link to the quote of its headline figure that shows the figure."""
    table, value_columns = aligned_table(aligned, plan_ids, plan_labels, region_labels, lang)
    for plan_id, column in zip(plan_ids, value_columns, strict=True):
        table[column] = [
            figure_link(target_id, text, lang)
            for target_id, text in zip(aligned[f"{plan_id}:target"], table[column], strict=True)
        ]
    shown = with_marker_labels(table, t("compare.col_differs", lang), aligned["status"].tolist())
    return shown._replace(link_columns=value_columns)


def export_table(
    aligned: pd.DataFrame,
    plan_ids: Sequence[str],
    plan_labels: Mapping[str, str],
    region_labels: Mapping[str, str],
    lang: str,
) -> pd.DataFrame:
    """The aligned table for a spreadsheet: the text cells, with indicator and target ids."""
    table, _ = aligned_table(aligned, plan_ids, plan_labels, region_labels, lang)
    table.insert(0, "indicator_id", aligned["indicator_id"].values)
    for plan_id in plan_ids:
        column = t("compare.col_target_id", lang, plan=plan_labels[plan_id])
        table[column] = aligned[f"{plan_id}:target"].values
    return table


def pace_table(
    paces: pd.DataFrame,
    aligned: pd.DataFrame,
    plan_ids: Sequence[str],
    plan_labels: Mapping[str, str],
    region_labels: Mapping[str, str],
    cells: pd.DataFrame,
    lang: str,
) -> pd.DataFrame:
    """One row per shared indicator and plan: the headline target, the baseline (or that the
    documents state none), the implied annual pace, and the link to the quote."""
    name = "name_en" if lang == "en" else "name_zh"
    shared = aligned[aligned["shared"]]
    order = {plan_id: i for i, plan_id in enumerate(plan_ids)}
    cell_text = {(c["plan_id"], c["indicator_id"]): c for c in cells.to_dict("records")}
    rows = []
    for indicator in shared.to_dict("records"):
        these = paces[paces["indicator_id"] == indicator["indicator_id"]]
        these = these.assign(_o=these["plan_id"].map(order)).sort_values("_o")
        for pace in these.to_dict("records"):
            cell = cell_text.get((pace["plan_id"], pace["indicator_id"]), {})
            year = _year_text(cell.get("year"))
            rows.append(
                {
                    t("compare.col_indicator", lang): indicator[name],
                    t("compare.col_plan", lang): plan_labels[pace["plan_id"]],
                    t("compare.col_region", lang): region_labels.get(pace["plan_id"], ""),
                    t("compare.col_target", lang): f"{cell.get('value_text', '')} ({year})"
                    if year
                    else cell.get("value_text", ""),
                    t("compare.col_baseline", lang): baseline_label(pace, lang),
                    t("compare.col_pace", lang): pace_label(pace, indicator["unit"], lang),
                    t("compare.quote", lang): source_link(pace["target_id"], lang),
                }
            )
    columns = [
        t(f"compare.col_{key}", lang)
        for key in ("indicator", "plan", "region", "target", "baseline", "pace")
    ] + [t("compare.quote", lang)]
    return pd.DataFrame(rows, columns=columns)


def theme_table(
    aligned_themes: pd.DataFrame,
    listing: Sequence[str],
    plan_labels: Mapping[str, str],
    lang: str,
) -> pd.DataFrame:
    """Highlands, fields or actions as shown: a text marker (same, renamed, only in a plan)
    and each listing plan's name for the item (in English with the Chinese name after it,
    since "renamed" is judged on the Chinese)."""
    table = pd.DataFrame(
        {
            t("compare.col_status", lang): [
                theme_status_label(row, plan_labels, len(listing), lang)
                for row in aligned_themes.to_dict("records")
            ]
        }
    )
    for plan_id in listing:
        table[plan_labels[plan_id]] = [
            theme_name(row, plan_id, lang) for row in aligned_themes.to_dict("records")
        ]
    return table


def theme_view(
    aligned_themes: pd.DataFrame,
    listing: Sequence[str],
    plan_labels: Mapping[str, str],
    lang: str,
) -> ShownTable:
    """The theme table as shown: whether an item is the same, renamed or in one plan only,
    as a coloured label."""
    table = theme_table(aligned_themes, listing, plan_labels, lang)
    return with_marker_labels(
        table, t("compare.col_status", lang), aligned_themes["status"].tolist()
    )


def theme_title(row: Mapping, listing: Sequence[str], lang: str) -> str:
    """An aligned theme's names, each distinct one once: "重大… / 重点…" when renamed."""
    names = [theme_name(row, plan_id, lang) for plan_id in listing]
    return " / ".join(dict.fromkeys(name for name in names if name))


def theme_name(row: Mapping, plan_id: str, lang: str) -> str:
    """One plan's name for an aligned theme, "" when the plan does not have it."""
    zh = row.get(f"{plan_id}:name_zh", "")
    if not zh or lang != "en":
        return zh
    return f"{row.get(f'{plan_id}:name_en', '')} · {zh}"


def task_target_labels(
    task_links: pd.DataFrame, targets: pd.DataFrame, indicators: pd.DataFrame, lang: str
) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(plan_id, task code) -> [(label, target id)], label "wording · year · indicator"."""
    name = "name_en" if lang == "en" else "name_zh"
    names = indicators.set_index("id")[name]
    by_id = targets.set_index("id")
    labels: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for link in task_links.to_dict("records"):
        target = by_id.loc[link["target_id"]]
        year = _year_text(target["year"])
        # The figure first: a long indicator name must not push it out of sight.
        label = " · ".join(
            part
            for part in (
                str(target["value_text"]),
                year,
                names.get(target["indicator_id"], target["indicator_id"]),
            )
            if part
        )
        labels.setdefault((link["plan_id"], link["code"]), []).append((label, link["target_id"]))
    return labels


def period_text(start: object, end: object) -> str:
    """A plan period for people: "2023–2027", or "2024" for a one-year plan."""
    first, last = _year_text(start), _year_text(end)
    return first if first == last or not last else f"{first}–{last}"
