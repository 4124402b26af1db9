"""Hangzhou's 2024 allocation of targets to its 13 districts: values, ranks, checks, attainment.

The allocation table is appendix table (二) of the Hangzhou 315 work plan (hz_315_2024).
Its rows are curated as district targets (kind target, year 2024, region = district), the
city column (kind target, region 330100) and the province-assigned column (kind assigned,
region 330100); a "-" cell has no row. The city and province figures are recognised by
sharing the district rows' quote (the same table line), because the plan states the city
2024 figures elsewhere too (body text, table (一)) and those are not part of this table.
Pure functions: DataFrames in, DataFrames and dataclasses out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pandas as pd

from lib.i18n import STRINGS, name_column, t
from lib.progress import STATUS_LABELS, STATUS_LEVEL, Status, assess_target, effective_target, meets

PLAN_ID = "hz_315_2024"
YEAR = 2024
CITY_CODE = "330100"
LEVEL_DISTRICT, LEVEL_CITY, LEVEL_PROVINCE = "district", "city", "province"
_INDICATOR_COLUMNS = ("name_zh", "name_en", "unit", "measure", "additive", "direction")


def districts(regions: pd.DataFrame, city: str = CITY_CODE) -> pd.DataFrame:
    """The city's districts and counties (adcode, names), by adcode."""
    out = regions[regions["parent"].astype(str) == city].copy()
    out["adcode"] = out["adcode"].astype(str)
    return out.sort_values("adcode").reset_index(drop=True)


def allocation_table(
    targets: pd.DataFrame, regions: pd.DataFrame, plan_id: str = PLAN_ID, year: int = YEAR
) -> pd.DataFrame:
    """Every row of the allocation table, with `level` district / city / province."""
    columns = [*targets.columns, "level"]
    if targets.empty:
        return pd.DataFrame(columns=columns)
    codes = set(districts(regions)["adcode"])
    rows = targets[(targets["plan_id"] == plan_id) & (targets["year"] == year)].copy()
    rows["region_code"] = rows["region_code"].astype(str)
    district_rows = rows[rows["region_code"].isin(codes) & (rows["kind"] == "target")]
    table_lines = set(district_rows["quote"])
    city_rows = rows[
        (rows["region_code"] == CITY_CODE)
        & rows["kind"].isin(["target", "assigned"])
        & rows["quote"].isin(table_lines)
    ]
    out = pd.concat([district_rows, city_rows], ignore_index=True)
    if out.empty:
        return pd.DataFrame(columns=columns)
    out["level"] = LEVEL_DISTRICT
    out.loc[out["region_code"] == CITY_CODE, "level"] = LEVEL_CITY
    out.loc[out["kind"] == "assigned", "level"] = LEVEL_PROVINCE
    return out.sort_values("id").reset_index(drop=True)


def _is_number(value: object) -> bool:
    """A present number (not None, NaN or NA; not text)."""
    return value is not None and not isinstance(value, str) and bool(pd.notna(value))


def _first(frame: pd.DataFrame) -> dict | None:
    return None if frame.empty else frame.iloc[0].to_dict()


def allocation_indicators(table: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator of the table, in table order, with the city and province figures.

    Columns: indicator_id, position, the indicator's columns (name_zh, name_en, unit, measure,
    additive, direction), quantitative (whether any district figure is a number) and
    city_/province_ + id, value, value_text, comparator, quote (None when the cell is empty).
    """
    if table.empty:
        return pd.DataFrame(columns=["indicator_id", "position", "quantitative"])
    order = table.groupby("indicator_id")["id"].min().sort_values()
    info = indicators.set_index("id")
    records = []
    for position, indicator_id in enumerate(order.index, start=1):
        rows = table[table["indicator_id"] == indicator_id]
        district_rows = rows[rows["level"] == LEVEL_DISTRICT]
        record = {
            "indicator_id": indicator_id,
            "position": position,
            **{c: info.at[indicator_id, c] for c in info.columns if c in _INDICATOR_COLUMNS},
            "quantitative": bool(district_rows["value"].map(_is_number).any()),
        }
        for level in (LEVEL_CITY, LEVEL_PROVINCE):
            row = _first(rows[rows["level"] == level])
            for key in ("id", "value", "value_text", "comparator", "quote"):
                value = None if row is None else row[key]
                # Keep missing values as None (not NaN) so that callers test one thing.
                record[f"{level}_{key}"] = None if value is None or pd.isna(value) else value
        records.append(record)
    out = pd.DataFrame(records)
    out["additive"] = out["additive"].astype(bool)
    return out


def indicator_values(
    table: pd.DataFrame, indicator: dict | pd.Series, district_frame: pd.DataFrame
) -> pd.DataFrame:
    """Every district's figure for one indicator, with rank and share of the city target.

    One row per district (all of them, in adcode order): adcode, names, target_id, value,
    value_text, comparator, unit, quote, has_target (False for a "-" cell), rank (1 = best
    among the districts with a number, ties share a rank), ranked (how many have a number)
    and share_of_city (value / city target, additive indicators only).
    """
    indicator_id = indicator["indicator_id"]
    rows = table[(table["indicator_id"] == indicator_id) & (table["level"] == LEVEL_DISTRICT)]
    rows = rows.rename(columns={"id": "target_id", "region_code": "adcode"})
    keep = ["adcode", "target_id", "value", "value_text", "comparator", "unit", "quote"]
    names = [c for c in ("adcode", "name_zh", "name_en", "short_zh") if c in district_frame]
    out = district_frame[names].merge(rows[keep], on="adcode", how="left")
    out["value"] = pd.to_numeric(out["value"], errors="coerce")
    out["has_target"] = out["target_id"].notna()
    ascending = indicator.get("direction") == "down"
    out["rank"] = out["value"].rank(method="min", ascending=ascending).astype("Int64")
    out["ranked"] = int(out["value"].notna().sum())
    city = indicator.get("city_value")
    if bool(indicator.get("additive")) and _is_number(city) and city:
        out["share_of_city"] = out["value"] / float(city)
    else:
        out["share_of_city"] = float("nan")
    return out


def allocation_matrix(
    table: pd.DataFrame, indicators: pd.DataFrame, district_frame: pd.DataFrame
) -> pd.DataFrame:
    """Districts x indicators: numbers where the table has numbers, its wording otherwise.

    Index: adcode; one column per indicator_id in table order; None for a "-" cell.
    """
    out = pd.DataFrame(index=pd.Index(district_frame["adcode"], name="adcode"))
    for indicator in indicators.to_dict("records"):
        values = indicator_values(table, indicator, district_frame).set_index("adcode")
        if indicator["quantitative"]:
            out[indicator["indicator_id"]] = values["value"]
        else:
            out[indicator["indicator_id"]] = values["value_text"].where(values["has_target"])
    return out


@dataclass(frozen=True)
class Check:
    """A consistency check of one indicator's district figures against the city figure.

    kind: "sum" (additive: the districts' sum against the city target), "spread" (shares and
    rates: which districts sit above, at and below the city figure) or "text" (qualitative).
    """

    indicator_id: str
    kind: str
    unit: str
    city_value: float | None
    city_text: str | None
    province_value: float | None
    counted: int  # districts with a number
    missing: tuple[str, ...]  # adcodes of "-" cells
    district_sum: float | None = None
    difference: float | None = None  # district_sum - city_value
    decimals: int = 0
    above: tuple[str, ...] = field(default_factory=tuple)
    equal: tuple[str, ...] = field(default_factory=tuple)
    below: tuple[str, ...] = field(default_factory=tuple)

    @property
    def consistent(self) -> bool | None:
        """For sums: whether the districts add up to the city target; None otherwise."""
        if self.kind != "sum" or self.difference is None:
            return None
        return math.isclose(self.difference, 0.0, abs_tol=10.0 ** -(self.decimals + 1))


def _decimals(values: list[float]) -> int:
    for d in range(4):
        if all(math.isclose(v, round(v, d), abs_tol=1e-9) for v in values):
            return d
    return 4


def consistency_check(
    table: pd.DataFrame, indicator: dict | pd.Series, district_frame: pd.DataFrame
) -> Check:
    """Check one indicator: the district sum against the city (additive) or the spread."""
    values = indicator_values(table, indicator, district_frame)
    numbers = values[values["value"].notna()]
    missing = tuple(values.loc[~values["has_target"], "adcode"])
    city = indicator.get("city_value")
    city = float(city) if _is_number(city) else None
    province = indicator.get("province_value")
    base = {
        "indicator_id": indicator["indicator_id"],
        "unit": indicator.get("unit") or "",
        "city_value": city,
        "city_text": indicator.get("city_value_text"),
        "province_value": float(province) if _is_number(province) else None,
        "counted": len(numbers),
        "missing": missing,
    }
    if numbers.empty:
        return Check(kind="text", **base)
    figures = [float(v) for v in numbers["value"]] + ([city] if city is not None else [])
    decimals = _decimals(figures)
    if bool(indicator.get("additive")):
        # Decimals summed in binary are not exact: round to the table's own precision.
        total = round(float(numbers["value"].sum()), decimals)
        difference = None if city is None else round(total - city, decimals)
        return Check(
            kind="sum", district_sum=total, difference=difference, decimals=decimals, **base
        )
    if city is None:
        return Check(kind="spread", decimals=decimals, **base)
    eps = 10.0 ** -(decimals + 1)
    return Check(
        kind="spread",
        decimals=decimals,
        above=tuple(numbers.loc[numbers["value"] > city + eps, "adcode"]),
        equal=tuple(numbers.loc[(numbers["value"] - city).abs() <= eps, "adcode"]),
        below=tuple(numbers.loc[numbers["value"] < city - eps, "adcode"]),
        **base,
    )


def consistency_checks(
    table: pd.DataFrame, indicators: pd.DataFrame, district_frame: pd.DataFrame
) -> list[Check]:
    """The check of every indicator of the table, in table order."""
    return [consistency_check(table, i, district_frame) for i in indicators.to_dict("records")]


def district_targets(
    targets: pd.DataFrame,
    table: pd.DataFrame,
    indicators: pd.DataFrame,
    district_frame: pd.DataFrame,
    adcode: str,
    year: int = YEAR,
) -> pd.DataFrame:
    """All of one district's targets for the year, with rank and share where the table has them.

    Columns: target_id, plan_id, indicator_id, name_zh, name_en, value, value_text,
    comparator, unit, quote, rank, ranked, share_of_city.
    """
    rows = targets[(targets["region_code"].astype(str) == adcode) & (targets["year"] == year)]
    rows = rows[rows["kind"].isin(["target", "assigned", "annual", "cumulative"])]
    info = indicators.set_index("id")[["name_zh", "name_en"]]
    out = rows.rename(columns={"id": "target_id"}).join(info, on="indicator_id")
    ranks = []
    for indicator in allocation_indicators(table, indicators).to_dict("records"):
        values = indicator_values(table, indicator, district_frame)
        row = values[values["adcode"] == adcode]
        if not row.empty and row["has_target"].iloc[0]:
            ranks.append(row[["target_id", "rank", "ranked", "share_of_city"]])
    extra = (
        pd.concat(ranks)
        if ranks
        else pd.DataFrame(columns=["target_id", "rank", "ranked", "share_of_city"])
    )
    out = out.merge(extra, on="target_id", how="left")
    keep = [
        "target_id",
        "plan_id",
        "indicator_id",
        "name_zh",
        "name_en",
        "value",
        "value_text",
        "comparator",
        "unit",
        "quote",
        "rank",
        "ranked",
        "share_of_city",
    ]
    return out.sort_values("target_id")[keep].reset_index(drop=True)


def has_actuals(actuals: pd.DataFrame, indicator_ids, region_codes, year: int = YEAR) -> bool:
    """Whether any actual for the year exists for these indicators and regions."""
    if actuals.empty:
        return False
    return bool(
        (
            (actuals["year"] == year)
            & actuals["indicator_id"].isin(list(indicator_ids))
            & actuals["region_code"].astype(str).isin(list(region_codes))
        ).any()
    )


def attainment(
    values: pd.DataFrame,
    actuals: pd.DataFrame,
    indicator: dict | pd.Series,
    year: int = YEAR,
) -> pd.DataFrame:
    """Add each district's actual for the year and its attainment of the target.

    New columns: actual, actual_year, batch_id, ratio (actual / target, for numeric targets
    and higher-is-better indicators; target / actual when lower is better), met (the
    comparator's rule, as on the trajectories page) and status (lib.progress.assess_target
    on the district's actuals up to the year; not_enough_data without any, qualitative for
    text targets, None without a target).
    """
    direction = indicator.get("direction") or "up"
    measure = indicator.get("measure") or "level"
    mine = actuals[actuals["indicator_id"] == indicator["indicator_id"]].copy()
    mine["region_code"] = mine["region_code"].astype(str)
    mine = mine[mine["year"] <= year]
    out = values.copy()
    extra = {k: [] for k in ("actual", "actual_year", "batch_id", "ratio", "met", "status")}
    for row in out.to_dict("records"):
        obs = mine[mine["region_code"] == row["adcode"]].sort_values("year")
        this_year = obs[obs["year"] == year]
        actual = float(this_year["value"].iloc[-1]) if not this_year.empty else None
        batch = int(this_year["batch_id"].iloc[-1]) if not this_year.empty else None
        status = ratio = met = None
        if row["has_target"]:
            target = {
                "kind": "target",
                "year": year,
                "value": row["value"],
                "value_text": row["value_text"],
                "comparator": row["comparator"],
                "unit": row["unit"],
            }
            status = assess_target(target, obs, direction, measure).status
            goal = effective_target(target, direction)
            if actual is not None and goal is not None:
                met = meets(actual, goal, row["comparator"], direction)
                if direction == "down":
                    ratio = goal / actual if actual else None
                else:
                    ratio = actual / goal if goal else None
        extra["actual"].append(actual)
        extra["actual_year"].append(year if actual is not None else None)
        extra["batch_id"].append(batch)
        extra["ratio"].append(ratio)
        extra["met"].append(met)
        extra["status"].append(None if status is None else Status(status).value)
    for key, column in extra.items():
        # object dtype keeps None as None (pandas would turn it into NaN in a str column).
        out[key] = pd.Series(column, index=out.index, dtype=object)
    out["ratio"] = pd.to_numeric(out["ratio"], errors="coerce")
    out["attainment_rank"] = out["ratio"].rank(method="min", ascending=False).astype("Int64")
    out["attainment_ranked"] = int(out["ratio"].notna().sum())
    return out


def status_order(status: str | None) -> int:
    """Sort key of a status code (best first; no status last)."""
    return 99 if status is None else STATUS_LEVEL[Status(status)]


def district_detail(
    targets: pd.DataFrame,
    table: pd.DataFrame,
    indicators: pd.DataFrame,
    district_frame: pd.DataFrame,
    actuals: pd.DataFrame,
    adcode: str,
    year: int = YEAR,
) -> pd.DataFrame:
    """One district's targets for the year (district_targets) with its actuals and status.

    Added columns: actual, batch_id (the upload it came from), ratio, met and status, as in
    `attainment`; actual is None when nothing was uploaded for that year.
    """
    out = district_targets(targets, table, indicators, district_frame, adcode, year)
    info = indicators.set_index("id")
    mine = actuals[actuals["region_code"].astype(str) == adcode]
    extra = {k: [] for k in ("actual", "batch_id", "ratio", "met", "status")}
    for row in out.to_dict("records"):
        direction = info.at[row["indicator_id"], "direction"] or "up"
        measure = info.at[row["indicator_id"], "measure"] or "level"
        obs = mine[(mine["indicator_id"] == row["indicator_id"]) & (mine["year"] <= year)]
        obs = obs.sort_values("year")
        this_year = obs[obs["year"] == year]
        actual = float(this_year["value"].iloc[-1]) if not this_year.empty else None
        target = {**row, "year": year, "kind": "target"}
        status = assess_target(target, obs, direction, measure).status
        goal = effective_target(target, direction)
        ratio = met = None
        if actual is not None and goal is not None:
            met = meets(actual, goal, row["comparator"], direction)
            ratio = (goal / actual if actual else None) if direction == "down" else actual / goal
        extra["actual"].append(actual)
        extra["batch_id"].append(
            int(this_year["batch_id"].iloc[-1]) if actual is not None else None
        )
        extra["ratio"].append(ratio)
        extra["met"].append(met)
        extra["status"].append(Status(status).value)
    for key, column in extra.items():
        out[key] = pd.Series(column, index=out.index, dtype=object)
    return out


# ---------------------------------------------------------------------------------------
# Wording (the page and the maps show these; strings live in lib/i18n/hangzhou.py)


def unit_label(unit: str, lang: str) -> str:
    """The unit as shown in lang ('%', '家' / '', '亿元' / 'RMB 100 million')."""
    key = f"hangzhou.unit.{unit}"
    return t(key, lang) if key in STRINGS else unit


def value_with_unit(text: str, unit: str, lang: str) -> str:
    """A figure followed by its unit, as written in lang."""
    shown = unit_label(unit, lang)
    if not shown:
        return text
    if lang == "zh" or shown == "%":
        return f"{text}{shown}"
    return f"{text} {shown}"


def qualitative_text(text: str, lang: str) -> str:
    """A qualitative target's wording, verbatim, with an English gloss where one is known."""
    if lang == "zh":
        return text
    key = f"hangzhou.gloss.{text}"
    return f"{text} ({t(key, lang)})" if key in STRINGS else text


def format_figure(value: float, decimals: int | None = None) -> str:
    """A number with thousands separators and no trailing zeros (or exactly `decimals`)."""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def indicator_label(indicator: dict | pd.Series, lang: str) -> str:
    """An indicator's name with its unit in brackets, for headers and pickers."""
    name = indicator[name_column(lang)]
    unit = unit_label(indicator.get("unit") or "", lang)
    return t("hangzhou.name_unit", lang, name=name, unit=unit) if unit else name


def _names(codes: tuple[str, ...], names: dict[str, str], lang: str) -> str:
    return t("hangzhou.list_sep", lang).join(names.get(c, c) for c in codes)


def check_sentence(check: Check, names: dict[str, str], lang: str) -> str:
    """The result of a consistency check in one or two plain sentences."""
    unit = check.unit

    def fig(value: float | None) -> str:
        return "" if value is None else value_with_unit(format_figure(value), unit, lang)

    parts = []
    if check.kind == "sum":
        key = "hangzhou.check.sum_all" if not check.missing else "hangzhou.check.sum_some"
        parts.append(t(key, lang, n=check.counted, total=fig(check.district_sum)))
        if check.city_value is None:
            parts.append(t("hangzhou.check.no_city", lang))
        elif check.consistent:
            parts.append(t("hangzhou.check.sum_equal", lang, city=fig(check.city_value)))
        else:
            gap = abs(check.difference or 0.0)
            key = (
                "hangzhou.check.sum_short"
                if (check.difference or 0) < 0
                else "hangzhou.check.sum_over"
            )
            # "1 short of 2,000 enterprises" reads better in English than "1 enterprises short".
            shown_gap = fig(gap) if lang == "zh" or unit == "%" else format_figure(gap)
            parts.append(t(key, lang, city=fig(check.city_value), gap=shown_gap))
        if check.missing:
            parts.append(
                t(
                    "hangzhou.check.missing",
                    lang,
                    n=len(check.missing),
                    names=_names(check.missing, names, lang),
                )
            )
        if check.province_value is not None:
            parts.append(t("hangzhou.check.province", lang, value=fig(check.province_value)))
    elif check.kind == "spread":
        if check.city_value is None:
            parts.append(t("hangzhou.check.no_city", lang))
        else:
            parts.append(t("hangzhou.check.spread_city", lang, city=fig(check.city_value)))
            for group, codes in (
                ("above", check.above),
                ("equal", check.equal),
                ("below", check.below),
            ):
                if codes:
                    parts.append(
                        t(
                            f"hangzhou.check.spread_{group}",
                            lang,
                            n=len(codes),
                            names=_names(codes, names, lang),
                        )
                    )
            parts.append(t("hangzhou.check.spread_note", lang))
    else:
        city = fig(check.city_value) if check.city_value is not None else (check.city_text or "")
        parts.append(t("hangzhou.check.text", lang, city=city))
    # Chinese sentences follow each other directly; English ones after a space.
    return ("" if lang == "zh" else " ").join(p for p in parts if p)


def matrix_display(
    matrix: pd.DataFrame, indicators: pd.DataFrame, district_frame: pd.DataFrame, lang: str
) -> pd.DataFrame:
    """The districts x indicators table with a name column and headers in lang."""
    names = district_frame.set_index("adcode")[name_column(lang)]
    out = pd.DataFrame({t("hangzhou.col.district", lang): names.reindex(matrix.index).to_numpy()})
    for indicator in indicators.to_dict("records"):
        column = matrix[indicator["indicator_id"]].to_numpy()
        out[indicator_label(indicator, lang)] = column
    return out


def city_display(indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The province-assigned and city targets of every indicator, one row each."""
    rows = []
    for level in (LEVEL_PROVINCE, LEVEL_CITY):
        row = {t("hangzhou.col.level", lang): t(f"hangzhou.level.{level}", lang)}
        for indicator in indicators.to_dict("records"):
            value = indicator[f"{level}_value"]
            shown = format_figure(float(value)) if _is_number(value) else None
            row[indicator_label(indicator, lang)] = shown or level_figure(indicator, level, lang)
        rows.append(row)
    return pd.DataFrame(rows)


def source_link(target_id: str, lang: str) -> str:
    """The source reader's URL that highlights a target's quote."""
    query = {"target": target_id, **({"lang": lang} if lang != "zh" else {})}
    return f"sources?{urlencode(query)}"


@dataclass(frozen=True)
class DetailLine:
    """One target of a district as shown in its detail: indicator, facts and source link."""

    indicator_id: str
    title: str
    facts: tuple[str, ...]
    link: str


def detail_lines(detail: pd.DataFrame, lang: str) -> list[DetailLine]:
    """One district's targets (district_detail) as short lines of facts, in lang."""
    column = name_column(lang)
    out = []
    for row in detail.to_dict("records"):
        if _is_number(row["value"]):
            facts = [value_with_unit(str(row["value_text"]), row["unit"], lang)]
        else:
            facts = [qualitative_text(str(row["value_text"]), lang)]
        rank, share, actual = row.get("rank"), row.get("share_of_city"), row.get("actual")
        if _is_number(rank):
            facts.append(t("hangzhou.detail.rank", lang, rank=int(rank), n=int(row["ranked"])))
        if _is_number(share):
            facts.append(t("hangzhou.detail.share", lang, share=f"{share * 100:.1f}"))
        if _is_number(actual):
            shown = value_with_unit(format_figure(float(actual)), row["unit"], lang)
            status = STATUS_LABELS[Status(row["status"])][lang]
            facts.append(t("hangzhou.detail.actual", lang, value=shown, batch=int(row["batch_id"])))
            facts.append(status)
        else:
            facts.append(t("hangzhou.detail.no_actual", lang))
        out.append(
            DetailLine(
                indicator_id=row["indicator_id"],
                title=str(row[column]),
                facts=tuple(facts),
                link=source_link(row["target_id"], lang),
            )
        )
    return out


def level_figure(indicator: dict | pd.Series, level: str, lang: str) -> str:
    """The city or province-assigned figure of an indicator as shown ("2,000家", "–")."""
    value, text = indicator.get(f"{level}_value"), indicator.get(f"{level}_value_text")
    if _is_number(value):
        return value_with_unit(format_figure(float(value)), indicator.get("unit") or "", lang)
    return qualitative_text(str(text), lang) if text else "–"


def level_metric(indicator: dict | pd.Series, level: str, lang: str) -> tuple[str, str]:
    """Label and figure of the city or province target for a metric tile.

    In English only '%' follows the figure (the legend title above states the unit), so
    that "56.7 RMB 100 million" does not overflow the tile.
    """
    label = t(f"hangzhou.level.{level}", lang)
    value = indicator.get(f"{level}_value")
    unit = indicator.get("unit") or ""
    if not _is_number(value):
        # The wording verbatim: a gloss would not fit the tile (the legend carries it).
        return label, str(indicator.get(f"{level}_value_text") or "–")
    if lang == "zh" or unit == "%":
        return label, level_figure(indicator, level, lang)
    return label, format_figure(float(value))


def city_actual(
    actuals: pd.DataFrame, indicator_id: str, year: int = YEAR, city: str = CITY_CODE
) -> dict | None:
    """The city's own uploaded actual for the year (value, batch_id), or None."""
    rows = actuals[
        (actuals["indicator_id"] == indicator_id)
        & (actuals["region_code"].astype(str) == city)
        & (actuals["year"] == year)
    ]
    if rows.empty:
        return None
    row = rows.iloc[-1]
    return {"value": float(row["value"]), "batch_id": int(row["batch_id"])}


@dataclass(frozen=True)
class AllocationTables:
    """What the Hangzhou page shows whatever the view: built once per data version."""

    table: pd.DataFrame  # allocation_table
    indicators: pd.DataFrame  # allocation_indicators
    district_frame: pd.DataFrame  # districts
    matrix: pd.DataFrame  # allocation_matrix
    checks: list[Check]  # consistency_checks, in table order


def allocation_tables(
    targets: pd.DataFrame, regions: pd.DataFrame, indicators: pd.DataFrame
) -> AllocationTables:
    """The allocation table with its indicators, matrix and checks (table empty: no 2024 plan)."""
    district_frame = districts(regions)
    table = allocation_table(targets, regions)
    if table.empty:
        return AllocationTables(table, indicators.iloc[0:0], district_frame, pd.DataFrame(), [])
    shown = allocation_indicators(table, indicators)
    return AllocationTables(
        table,
        shown,
        district_frame,
        allocation_matrix(table, shown, district_frame),
        consistency_checks(table, shown, district_frame),
    )
