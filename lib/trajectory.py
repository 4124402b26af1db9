"""What the trajectories page shows, assembled from targets and actuals (no Streamlit here).

For one indicator and some regions: which regions have data, the observed series (uploaded
actuals plus the baselines plans state), the targets that go on the chart as markers, the
ones listed beside it (qualitative, ranges, totals over a period, per-item funding), the
straight path from the latest baseline to each target, the projection of the recent trend,
and the table under the chart. Statuses come from lib.progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from lib import progress
from lib.i18n import name_column, t
from lib.markdown import markdown_text

DEFAULT_INDICATOR = "rd_gdp_share"
MAX_REGIONS = 8
MAX_DEFAULT_REGIONS = 4

# Category order of data/README.md, which runs from money in to results out.
CATEGORIES = (
    "input",
    "output",
    "industry",
    "enterprise",
    "platform",
    "talent",
    "agriculture",
    "social",
    "cooperation",
    "transfer",
    "finance",
)
LEVEL_ORDER = {"province": 0, "city": 1, "county": 2}

# Okabe-Ito, reordered so that the first colours are the most distinct on white; yellow,
# the faintest on white, comes last. Eight colours for at most eight regions.
REGION_COLOURS = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)

# Targets that are a level in a year go on the chart as markers; the others cannot share
# its y axis (a total over five years, per-item funding) or have no single figure.
CHARTED_KINDS = ("target", "assigned", "annual")
MARKER_COMPARATORS = ("≥", ">", "≈", "=", "≤", "<")
LINE_KINDS = ("observed", "path", "projection")
# Options the user can switch off; the URL lists the ones switched off (hide=path,...).
OPTIONS = ("path", "projection")

# Status colours of st.badge, one per level of progress.STATUS_LEVEL (close to the
# Okabe-Ito colours lib.progress uses), and an icon so that colour never stands alone.
_BADGE_COLOURS = {
    0: "blue",
    1: "green",
    2: "yellow",
    3: "orange",
    4: "red",
    5: "violet",
    6: "gray",
    7: "gray",
}
_BADGE_ICONS = {
    0: ":material/check_circle:",
    1: ":material/trending_up:",
    2: ":material/north_east:",
    3: ":material/trending_flat:",
    4: ":material/trending_down:",
    5: ":material/cancel:",
    6: ":material/help:",
    7: ":material/notes:",
}

_TARGET_FIELDS = [
    "id",
    "plan_id",
    "region_code",
    "year",
    "kind",
    "comparator",
    "value",
    "value_text",
    "unit",
    "range_low",
    "range_high",
    "base_year",
    "quote",
]


@dataclass(frozen=True)
class Trajectory:
    """Everything the chart, the lists and the table need, localised for one language."""

    indicator_id: str
    region_codes: tuple[str, ...]
    region_names: tuple[str, ...]  # in the order of region_codes, for the colour scale
    observed: pd.DataFrame  # one row per region and year: actuals and stated baselines
    markers: pd.DataFrame  # quantitative targets drawn as markers
    ranges: pd.DataFrame  # range targets drawn as bars (also listed beside the chart)
    listed: pd.DataFrame  # targets listed beside the chart: text, range, totals, funding
    paths: pd.DataFrame  # straight path from the latest baseline to each target
    projection: pd.DataFrame  # the recent trend continued to the furthest target year
    assessed: pd.DataFrame  # lib.progress.assess_targets by the chosen method, labelled
    compared: pd.DataFrame  # id and status_<method> for every method, in assessed's order


# ---------------------------------------------------------------------------------------
# Choosing an indicator and regions


def indicator_options(
    indicators: pd.DataFrame, targets: pd.DataFrame, actual_counts: pd.DataFrame
) -> pd.DataFrame:
    """Indicators with at least one target or actual, by category, best-covered first.

    actual_counts: actuals per indicator and region (queries.actual_counts)."""
    counts = pd.DataFrame(
        {
            "n_targets": targets.groupby("indicator_id").size(),
            "n_actuals": actual_counts.groupby("indicator_id")["n"].sum()
            if len(actual_counts)
            else pd.Series(dtype=int),
        }
    )
    counts = counts.fillna(0).astype(int)
    frame = indicators.join(counts, on="id", how="inner")
    rank = {code: i for i, code in enumerate(CATEGORIES)}
    frame = frame.assign(_rank=frame["category"].map(rank).fillna(len(rank)))
    frame = frame.sort_values(
        ["_rank", "n_targets", "id"], ascending=[True, False, True], kind="stable"
    )
    return frame.drop(columns="_rank").reset_index(drop=True)


def categories_present(options: pd.DataFrame) -> list[str]:
    """The categories of the offered indicators, in the canonical order."""
    present = set(options["category"])
    return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))


def category_label(category: str, lang: str) -> str:
    """A category's name in lang (the code itself when it has no translation)."""
    key = f"trajectories.category.{category}"
    label = t(key, lang)
    return category if label == key else label


def indicator_label(row: pd.Series | dict, lang: str) -> str:
    """Category, name in both languages and unit: what the search box matches against."""
    first, second = (
        (row["name_en"], row["name_zh"]) if lang == "en" else (row["name_zh"], row["name_en"])
    )
    return f"{category_label(row['category'], lang)} | {first} · {second} ({row['unit']})"


def choose_indicator(requested: str, options: pd.DataFrame, category: str = "") -> str:
    """The requested indicator if offered (and in the category), else a sensible default."""
    offered = options if not category else options[options["category"] == category]
    ids = list(offered["id"])
    if not ids:
        ids = list(options["id"])
    if requested in ids:
        return requested
    return DEFAULT_INDICATOR if DEFAULT_INDICATOR in ids else ids[0]


def regions_with_data(
    targets: pd.DataFrame, actual_counts: pd.DataFrame, regions: pd.DataFrame, indicator_id: str
) -> pd.DataFrame:
    """Regions with a target or an actual for the indicator: province, cities, then districts.

    actual_counts: actuals per indicator and region (queries.actual_counts)."""
    own_targets = targets[targets["indicator_id"] == indicator_id]
    own_actuals = actual_counts[actual_counts["indicator_id"] == indicator_id]
    counts = pd.DataFrame(
        {
            "n_targets": own_targets.groupby("region_code").size(),
            "n_actuals": own_actuals.groupby("region_code")["n"].sum()
            if len(own_actuals)
            else pd.Series(dtype=int),
        }
    )
    counts = counts.fillna(0).astype(int)
    counts.index = counts.index.astype(str)
    frame = regions.assign(adcode=regions["adcode"].astype(str)).join(
        counts, on="adcode", how="inner"
    )
    # Districts sit right after their city's row: sort by the city they belong to.
    city = frame["adcode"].where(frame["level"] != "county", frame["parent"].fillna(""))
    frame = frame.assign(
        _level=frame["level"].map(LEVEL_ORDER).fillna(3),
        _city=city.where(frame["level"] != "province", ""),
    )
    frame = frame.sort_values(["_city", "_level", "adcode"]).drop(columns=["_level", "_city"])
    return frame.reset_index(drop=True)


def default_regions(available: pd.DataFrame) -> list[str]:
    """The province and cities with data (at most four), else the first districts."""
    wide = available[available["level"] != "county"]
    pick = wide if len(wide) else available
    return list(pick["adcode"].head(MAX_DEFAULT_REGIONS))


def choose_regions(requested: list[str], available: pd.DataFrame) -> list[str]:
    """The requested regions that have data, in the order asked; defaults when none are left."""
    offered = set(available["adcode"])
    kept = list(dict.fromkeys(code for code in requested if code in offered))
    return kept[:MAX_REGIONS] if kept else default_regions(available)


def region_label(row: pd.Series | dict, lang: str, parents: dict[str, str]) -> str:
    """A region's name; a district also names its city (上城区 · 杭州市)."""
    name = row[name_column(lang)]
    parent = parents.get(str(row.get("parent") or ""))
    return f"{name} · {parent}" if row["level"] == "county" and parent else name


# ---------------------------------------------------------------------------------------
# Links and text


def sources_link(target_id: str, lang: str) -> str:
    """The relative URL of the source reader opened at a target's quote."""
    params = {"target": target_id, **({"lang": lang} if lang != "zh" else {})}
    return f"sources?{urlencode(params)}"


def status_badge(status: str, lang: str) -> dict[str, str]:
    """Label, st.badge colour and icon of a status (the label always shows)."""
    level = progress.STATUS_LEVEL[progress.Status(status)]
    return {
        "label": progress.badge(status, lang)["label"],
        "color": _BADGE_COLOURS[level],
        "icon": _BADGE_ICONS[level],
    }


def method_names(lang: str) -> dict[str, str]:
    """Each status method's short name in lang."""
    return {code: info[lang] for code, info in progress.METHODS.items()}


def method_description(method: str, lang: str) -> str:
    """The chosen method in plain words."""
    return progress.METHODS[method][f"description_{lang}"]


def choose_method(requested: str) -> str:
    """The requested status method if it exists, else the default."""
    return requested if requested in progress.METHODS else progress.DEFAULT_METHOD


# ---------------------------------------------------------------------------------------
# Assembly


def observed_series(
    targets: pd.DataFrame, actuals: pd.DataFrame, indicator_id: str, region_codes: list[str]
) -> pd.DataFrame:
    """Per region and year the observation lib.progress judges by, with its provenance."""
    frames = []
    for code in region_codes:
        # The same series the statuses are computed from, so chart and badge agree.
        series = progress.series_for(actuals, targets, indicator_id, code)
        if series.empty:
            continue
        baselines = (
            targets[
                (targets["kind"] == "baseline")
                & (targets["indicator_id"] == indicator_id)
                & (targets["region_code"].astype(str) == code)
            ]
            .dropna(subset=["year", "value"])
            .sort_values("id")
            .drop_duplicates("year")
            .astype({"year": int})
            .set_index("year")
        )
        own = actuals[
            (actuals["indicator_id"] == indicator_id) & (actuals["region_code"].astype(str) == code)
        ]
        own = own.astype({"year": int}).drop_duplicates("year", keep="last").set_index("year")
        series = series.assign(region_code=code)
        is_baseline = series["source"] == "baseline"
        years = series["year"]
        series["target_id"] = years.map(baselines["id"]).where(is_baseline)
        series["plan_id"] = years.map(baselines["plan_id"]).where(is_baseline)
        series["quote"] = years.map(baselines["quote"]).where(is_baseline)
        series["value_text"] = years.map(baselines["value_text"]).where(is_baseline)
        for column, name in (("batch_id", "batch_id"), ("source", "actual_source")):
            series[name] = years.map(own[column]).where(~is_baseline) if column in own else None
        frames.append(series)
    columns = [
        "region_code",
        "year",
        "value",
        "source",
        "target_id",
        "plan_id",
        "quote",
        "value_text",
        "batch_id",
        "actual_source",
    ]
    if not frames:
        return pd.DataFrame(columns=columns).astype({"year": int, "value": float})
    return pd.concat(frames, ignore_index=True)[columns]


def _targets_in_view(
    targets: pd.DataFrame, indicator_id: str, region_codes: list[str]
) -> pd.DataFrame:
    view = targets[
        (targets["indicator_id"] == indicator_id)
        & (targets["region_code"].astype(str).isin(region_codes))
        & (targets["kind"] != "baseline")
    ]
    return view.assign(region_code=view["region_code"].astype(str)).sort_values(
        ["region_code", "year", "id"], na_position="last"
    )


def split_targets(
    targets: pd.DataFrame, indicator_id: str, region_codes: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Markers (a figure in a year), ranges, and everything listed beside the chart."""
    view = _targets_in_view(targets, indicator_id, region_codes)[_TARGET_FIELDS]
    charted_kind = view["kind"].isin(CHARTED_KINDS) & view["year"].notna()
    is_marker = charted_kind & view["comparator"].isin(MARKER_COMPARATORS) & view["value"].notna()
    is_range = (
        charted_kind
        & (view["comparator"] == "range")
        & view["range_low"].notna()
        & view["range_high"].notna()
    )
    markers = view[is_marker].astype({"year": int, "value": float})
    ranges = view[is_range].astype({"year": int})
    # Ranges are drawn as bars and listed too: their wording matters (1—2 家).
    listed = view[~is_marker]
    return (
        markers.reset_index(drop=True),
        ranges.reset_index(drop=True),
        listed.reset_index(drop=True),
    )


def path_start(
    observed: pd.DataFrame, target_year: int, plan_start: int | None
) -> pd.Series | None:
    """The latest baseline of a target: the latest observation before its plan began.

    A plan's path starts where the region stood when the plan was written, so that later
    actuals can be seen above or below it. Without an observation that old, the earliest one
    before the target year stands in; without any, there is no path.
    """
    before = observed[observed["year"] < target_year].sort_values("year")
    if before.empty:
        return None
    if plan_start is not None:
        known = before[before["year"] < plan_start]
        if len(known):
            return known.iloc[-1]
    return before.iloc[0]


def target_paths(
    observed: pd.DataFrame, markers: pd.DataFrame, plans: pd.DataFrame
) -> pd.DataFrame:
    """Two points per target: its latest baseline and the target itself (one row each)."""
    starts = plans.set_index("id")["period_start"] if len(plans) else pd.Series(dtype=float)
    rows = []
    seen = set()
    for target in markers.itertuples():
        own = observed[observed["region_code"] == target.region_code]
        plan_start = starts.get(target.plan_id)
        plan_start = None if plan_start is None or pd.isna(plan_start) else int(plan_start)
        start = path_start(own, int(target.year), plan_start)
        if start is None:
            continue
        key = (target.region_code, int(start["year"]), int(target.year), float(target.value))
        if key in seen:  # the same line stated by several plans or quotes: draw it once
            continue
        seen.add(key)
        for year, value in ((int(start["year"]), float(start["value"])), key[2:]):
            rows.append(
                {
                    "region_code": target.region_code,
                    "target_id": target.id,
                    "year": year,
                    "value": value,
                }
            )
    return pd.DataFrame(rows, columns=["region_code", "target_id", "year", "value"])


def trend_projection(observed: pd.DataFrame, markers: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Per region, the recent trend (lib.progress.projection) to its furthest target year."""
    frames = []
    for code, own in observed.groupby("region_code", sort=False):
        years = markers.loc[markers["region_code"] == code, "year"]
        if years.empty:
            continue
        line = progress.projection(own[["year", "value"]], int(years.max()), measure)
        if len(line):
            frames.append(line.assign(region_code=code))
    if not frames:
        return pd.DataFrame(columns=["region_code", "year", "value"])
    return pd.concat(frames, ignore_index=True)[["region_code", "year", "value"]]


def assemble(
    indicator_id: str,
    region_codes: list[str],
    *,
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    actuals: pd.DataFrame,
    plans: pd.DataFrame,
    regions: pd.DataFrame,
    method: str,
    lang: str,
) -> Trajectory:
    """Everything the page shows for one indicator and some regions, labelled in lang."""
    indicator = indicators.set_index("id").loc[indicator_id]
    codes = [str(code) for code in region_codes]
    own_targets = targets[
        (targets["indicator_id"] == indicator_id) & targets["region_code"].astype(str).isin(codes)
    ]
    own_actuals = actuals[
        (actuals["indicator_id"] == indicator_id) & actuals["region_code"].astype(str).isin(codes)
    ]
    observed = observed_series(own_targets, own_actuals, indicator_id, codes)
    markers, ranges, listed = split_targets(own_targets, indicator_id, codes)
    paths = target_paths(observed, markers, plans)
    projection = trend_projection(observed, markers, indicator["measure"])
    # Every method once: the chosen one for the page, all three for the side-by-side table.
    judged = _slim(own_targets)
    by_method = {
        code: progress.assess_targets(judged, own_actuals, indicators, code)
        for code in progress.METHODS
    }
    assessed = by_method[method]

    region_index = regions.assign(adcode=regions["adcode"].astype(str)).set_index("adcode")
    parents = region_index[name_column(lang)].to_dict()
    names = {
        code: region_label(region_index.loc[code], lang, parents)
        if code in region_index.index
        else code
        for code in codes
    }
    short = "short_en" if lang == "en" else "short_zh"
    plan_names = plans.set_index("id")[short].to_dict() if len(plans) else {}
    statuses = assessed.set_index("id")["status"].to_dict() if len(assessed) else {}

    def label(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.assign(region=frame["region_code"].map(names))
        if "plan_id" in frame:
            frame = frame.assign(plan=frame["plan_id"].map(plan_names))
        if "kind" in frame:
            frame = frame.assign(
                kind_label=[t(f"trajectories.kind.{k}", lang) for k in frame["kind"]]
            )
        if "comparator" in frame:
            frame = frame.assign(
                comparator_label=[
                    t(f"trajectories.comparator.{c}", lang) for c in frame["comparator"]
                ]
            )
        if "id" in frame:
            status = frame["id"].map(statuses)
            frame = frame.assign(
                status=status,
                status_label=[
                    progress.badge(s, lang)["label"] if isinstance(s, str) else "" for s in status
                ],
                link=[sources_link(i, lang) for i in frame["id"]],
            )
        return frame

    observed = label(observed).assign(
        source_label=lambda f: [
            t("trajectories.source.baseline", lang)
            if source == "baseline"
            else " · ".join(
                [t("trajectories.source.actual", lang, batch=_batch_text(batch))]
                + ([str(named)] if isinstance(named, str) and named else [])
            )
            for source, batch, named in zip(
                f["source"], f["batch_id"], f["actual_source"], strict=True
            )
        ],
        link=lambda f: [
            sources_link(i, lang) if isinstance(i, str) else None for i in f["target_id"]
        ],
    )
    order = {code: i for i, code in enumerate(codes)}
    assessed = (
        assessed.assign(region_code=assessed["region_code"].astype(str))
        .merge(own_targets[["id", "base_year", "value"]], on="id", how="left")
        .assign(_order=lambda f: f["region_code"].map(order))
        .sort_values(["_order", "year", "id"], na_position="last", kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )
    return Trajectory(
        indicator_id=indicator_id,
        region_codes=tuple(codes),
        region_names=tuple(names[code] for code in codes),
        observed=observed,
        markers=label(markers),
        ranges=label(ranges),
        listed=label(listed),
        paths=label(paths),
        projection=label(projection),
        assessed=label(assessed),
        compared=pd.DataFrame(
            {"id": assessed["id"]}
            | {
                f"status_{code}": assessed["id"].map(frame.set_index("id")["status"])
                for code, frame in by_method.items()
            }
        ),
    )


def _slim(targets: pd.DataFrame) -> pd.DataFrame:
    # lib.progress reads only these columns; fewer columns make its per-target lookups faster.
    keep = [*_TARGET_FIELDS, "indicator_id"]
    return targets[[c for c in keep if c in targets.columns]]


def _batch_text(batch: object) -> str:
    return "" if batch is None or pd.isna(batch) else f"#{int(batch)}"


def _year_text(year: object, lang: str) -> str:
    return t("trajectories.year_none", lang) if year is None or pd.isna(year) else str(int(year))


def _target_words(row, lang: str) -> str:
    # Plain words of one target, every piece of data escaped for Markdown.
    stated = str(row.value_text)
    # Table cells state bare numbers ("4.2" under a "(%)" header): add the unit back.
    if row.unit and row.unit not in stated and not pd.isna(row.value):
        stated = f"{stated} ({row.unit})"
    parts = [row.region, _year_text(row.year, lang), stated]
    if row.kind != "target":
        kind = row.kind_label
        if row.kind == "cumulative" and not pd.isna(row.base_year):
            kind = f"{kind} {int(row.base_year)}–{_year_text(row.year, lang)}"
        parts.append(kind)
    return " · ".join(markdown_text(part) for part in parts if part is not None)


def target_lines(frame: pd.DataFrame, lang: str) -> list[str]:
    """One Markdown list item per target: region, year, wording, plan and a link to the quote."""
    link_text = t("trajectories.open_quote", lang)
    return [
        f"- {_target_words(row, lang)}  \n  {markdown_text(row.plan)} · [{link_text}]({row.link})"
        for row in frame.itertuples()
    ]


def status_line(row, lang: str) -> str:
    """A target in plain words and, below it in grey, why it has its status."""
    explanation = getattr(row, f"explanation_{lang}")
    words = f"{_target_words(row, lang)} · {markdown_text(row.plan)}"
    return f"{words}  \n:gray[{markdown_text(explanation)}]"


def status_badge_markdown(status: str, lang: str) -> str:
    """A status as a Markdown badge, as st.badge would draw it."""
    badge = status_badge(status, lang)
    label = badge["label"].replace("[", "\\[").replace("]", "\\]")
    return f":{badge['color']}-badge[{badge['icon']} {label}]"


def status_block(assessed: pd.DataFrame, lang: str) -> str:
    """Every assessed target as a paragraph: its status badge, the target in plain words and
    why it has its status (one Markdown block: a column pair per target made the page slow)."""
    return "\n\n".join(
        f"{status_badge_markdown(row.status, lang)} {status_line(row, lang)}"
        for row in assessed.itertuples()
    )


# ---------------------------------------------------------------------------------------
# Tables


def methods_side_by_side(trajectory: Trajectory, lang: str) -> str:
    """Each target against the three methods, as a Markdown table of status badges."""
    headers = [
        t("trajectories.col.region", lang),
        t("trajectories.col.year", lang),
        t("trajectories.col.value_text", lang),
        *method_names(lang).values(),
    ]
    targets = trajectory.assessed[["region", "year", "value_text"]].to_dict("records")
    statuses = trajectory.compared.to_dict("records")  # in the same order
    rows = [
        [
            markdown_text(target["region"]),
            str(target["year"]),
            markdown_text(target["value_text"]),
            *(status_badge_markdown(status[f"status_{m}"], lang) for m in progress.METHODS),
        ]
        for target, status in zip(targets, statuses, strict=True)
    ]
    lines = [headers, ["---"] * len(headers), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def view_table(trajectory: Trajectory, lang: str) -> pd.DataFrame:
    """Every target, baseline and actual in view, one row each, for the table and CSV."""
    targets = pd.concat(
        [trajectory.markers, trajectory.ranges, trajectory.listed], ignore_index=True
    ).drop_duplicates("id")
    explanations = (
        trajectory.assessed.set_index("id")[f"explanation_{lang}"].to_dict()
        if len(trajectory.assessed)
        else {}
    )
    rows = []
    for row in targets.itertuples():
        rows.append(
            {
                "region": row.region,
                "kind": row.kind_label,
                "year": row.year,
                "value": row.value,
                "value_text": row.value_text,
                "comparator": row.comparator,
                "unit": row.unit,
                "plan": row.plan,
                "status": row.status_label,
                "explanation": explanations.get(row.id, ""),
                "quote": row.quote,
                "target_id": row.id,
                "upload_batch": None,
                "link": row.link,
            }
        )
    for row in trajectory.observed.itertuples():
        is_baseline = row.source == "baseline"
        rows.append(
            {
                "region": row.region,
                "kind": t(f"trajectories.kind.{'baseline' if is_baseline else 'actual'}", lang),
                "year": row.year,
                "value": row.value,
                "value_text": row.value_text if is_baseline else None,
                "comparator": None,
                "unit": None,
                "plan": row.plan if is_baseline else None,
                "status": "",
                "explanation": "",
                "quote": row.quote if is_baseline else None,
                "target_id": row.target_id if is_baseline else None,
                "upload_batch": None if is_baseline else _batch_text(row.batch_id),
                "link": row.link if is_baseline else None,
            }
        )
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    # Empty cells rather than "None" in the table and the CSV.
    text_columns = [c for c in TABLE_COLUMNS if c not in ("year", "value")]
    table[text_columns] = table[text_columns].astype(object).where(table[text_columns].notna(), "")
    order = {code: i for i, code in enumerate(trajectory.region_names)}
    table = table.assign(_region=table["region"].map(order)).sort_values(
        ["_region", "year", "target_id"], na_position="last", kind="stable"
    )
    return table.drop(columns="_region").reset_index(drop=True)


TABLE_COLUMNS = [
    "region",
    "kind",
    "year",
    "value",
    "value_text",
    "comparator",
    "unit",
    "plan",
    "status",
    "explanation",
    "quote",
    "target_id",
    "upload_batch",
    "link",
]


def table_headers(lang: str) -> dict[str, str]:
    """The table's column headers in lang."""
    return {column: t(f"trajectories.col.{column}", lang) for column in TABLE_COLUMNS}


def export_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as it is downloaded: headers in lang, without the screen-only link column."""
    return table.drop(columns="link").rename(columns=table_headers(lang))
