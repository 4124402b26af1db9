"""Check every row of an upload and report every problem, vectorised with pandas.

Rules: required cells present; indicator and region known (closest names suggested); unit
the indicator's own (or empty); year a whole number in YEAR_MIN..YEAR_MAX; value a number
that is possible for the indicator (no negative count, level or share, no share above 100,
no fraction of a count); each indicator, region and year at most once; notes not too long.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lib.actuals.problems import MAX_TEXT, YEAR_MAX, YEAR_MIN, Limits, Problem
from lib.actuals.reading import COLUMNS, REQUIRED, Table, read_table
from lib.actuals.reference import MAX_SUGGESTED_VALUES, Lookup, Reference, unit_key

KEY = ["indicator_id", "region_code", "year"]
ROW_COLUMNS = ["row", *KEY, "value", "unit", "source", "note"]
NON_NEGATIVE = ("count", "level", "share")
THOUSANDS = r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?"


@dataclass
class Checked:
    """The outcome of checking a file: clean rows (only when there is no error) and problems."""

    rows: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that reject the file."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """Problems that are only worth knowing."""
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        """Whether the file may be imported."""
        return not self.errors


def empty_rows() -> pd.DataFrame:
    """A rows frame with no rows."""
    return pd.DataFrame(
        {
            "row": pd.Series(dtype="int64"),
            "indicator_id": pd.Series(dtype=object),
            "region_code": pd.Series(dtype=object),
            "year": pd.Series(dtype="int64"),
            "value": pd.Series(dtype="float64"),
            "unit": pd.Series(dtype=object),
            "source": pd.Series(dtype=object),
            "note": pd.Series(dtype=object),
        }
    )


def check_file(
    data: bytes, file_name: str, reference: Reference, limits: Limits | None = None
) -> Checked:
    """Read and validate an uploaded file."""
    return validate(read_table(data, file_name, limits), reference)


def validate(
    table: Table, reference: Reference, years: tuple[int, int] = (YEAR_MIN, YEAR_MAX)
) -> Checked:
    """Check every row of a table against the reference; rows come back parsed when all is well."""
    if not table.ok:
        return Checked(empty_rows(), _sorted(table.problems))
    frame = table.frame
    for column in COLUMNS:
        if column not in frame:
            frame[column] = ""
    check = _RowChecks(frame["row"].to_numpy(), list(table.problems))

    for column in REQUIRED:
        check.report(frame[column].eq("").to_numpy(), "required_missing", column)

    indicator_id, indicator_ok = _resolve(
        check, frame["indicator_id"], reference.indicator_lookup, "indicator"
    )
    region_code, region_ok = _resolve(
        check, frame["region_code"], reference.region_lookup, "region"
    )
    year, year_ok = _years(check, frame["year"], years)
    value, percent, value_ok = _values(check, frame["value"])

    indicators = reference.indicators.reindex(indicator_id)
    unit_ok = _units(check, frame, indicators, indicator_ok, percent)
    _possible(check, frame["value"], value, indicators, indicator_ok & value_ok & unit_ok)
    for column in ("source", "note"):
        length = frame[column].str.len().to_numpy()
        check.report(
            length > MAX_TEXT,
            "text_too_long",
            column,
            lambda i, length=length: {"length": int(length[i]), "limit": MAX_TEXT},
        )
    _duplicates(check, indicator_id, region_code, year, indicator_ok & region_ok & year_ok)

    if check.has_errors:
        return Checked(empty_rows(), _sorted(check.problems))
    rows = pd.DataFrame(
        {
            "row": frame["row"].to_numpy(),
            "indicator_id": indicator_id,
            "region_code": region_code,
            "year": year.astype("int64"),
            "value": value,
            "unit": indicators["unit"].to_numpy(dtype=object),
            "source": _optional_text(frame["source"]),
            "note": _optional_text(frame["note"]),
        }
    )
    return Checked(rows, _sorted(check.problems))


class _RowChecks:
    """Collects row problems; Problem objects are made only for failing rows."""

    def __init__(self, rows: np.ndarray, problems: list[Problem]):
        self.rows = rows
        self.problems = problems
        self.has_errors = any(p.is_error for p in problems)

    def report(
        self,
        mask: np.ndarray,
        code: str,
        column: str | None,
        params: Callable[[int], dict] | None = None,
    ) -> None:
        for i in np.flatnonzero(mask):
            self.problems.append(
                Problem(code, int(self.rows[i]), column, params(i) if params else {})
            )
            self.has_errors = True


def _resolve(
    check: _RowChecks, texts: pd.Series, lookup: Lookup, kind: str
) -> tuple[np.ndarray, np.ndarray]:
    """Codes for written names (by unique name, so a million rows cost a few lookups)."""
    codes, uniques = pd.factorize(texts)
    resolved = np.empty(len(uniques), dtype=object)
    unknown: dict[int, dict] = {}
    ambiguous: dict[int, dict] = {}
    for position, text in enumerate(uniques):
        matches = lookup.resolve(text) if text else set()
        if len(matches) == 1:
            resolved[position] = next(iter(matches))
        elif matches:
            ambiguous[position] = {"value": text, "options": lookup.options(sorted(matches))}
        elif text:
            suggestions = lookup.suggest(text) if len(unknown) < MAX_SUGGESTED_VALUES else []
            unknown[position] = {"value": text, "suggestions": lookup.options(suggestions)}
    column = texts.name
    check.report(
        np.isin(codes, list(unknown)), f"unknown_{kind}", column, lambda i: unknown[codes[i]]
    )
    check.report(
        np.isin(codes, list(ambiguous)),
        f"ambiguous_{kind}",
        column,
        lambda i: ambiguous[codes[i]],
    )
    values = resolved[codes]
    return values, pd.notna(values)


def _normalised_numbers(texts: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers from text the way people write them: full-width, 1,234, 3.4%, 3.4 %."""
    cleaned = (
        texts.str.normalize("NFKC")
        .str.replace("\ue010", ".", regex=False)  # the seeds' private-use decimal point
        .str.replace("\u2212", "-", regex=False)
        .str.strip()
    )
    percent = cleaned.str.endswith("%")
    cleaned = cleaned.str.removesuffix("%").str.strip()
    grouped = cleaned.str.fullmatch(THOUSANDS)
    cleaned = cleaned.where(~grouped, cleaned.str.replace(",", "", regex=False))
    return pd.to_numeric(cleaned, errors="coerce"), percent


def _parse(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Numbers and percent flags; plain numbers take the fast path, the rest are normalised."""
    numbers = pd.to_numeric(texts, errors="coerce").to_numpy(dtype="float64", copy=True)
    percent = np.zeros(len(texts), dtype=bool)
    retry = np.isnan(numbers) & texts.ne("").to_numpy()
    if retry.any():
        parsed, flags = _normalised_numbers(texts[retry])
        numbers[retry] = parsed.to_numpy(dtype="float64")
        percent[retry] = flags.to_numpy(dtype=bool)
    return numbers, percent


def _years(
    check: _RowChecks, texts: pd.Series, years: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    numbers, percent = _parse(texts.str.removesuffix("年"))
    filled = texts.ne("").to_numpy()
    whole = ~percent & np.isfinite(numbers) & (np.mod(numbers, 1) == 0)
    check.report(filled & ~whole, "year_invalid", "year", lambda i: {"value": texts.iat[i]})
    low, high = years
    outside = whole & ((numbers < low) | (numbers > high))
    check.report(
        outside,
        "year_out_of_range",
        "year",
        lambda i: {"year": int(numbers[i]), "min": low, "max": high},
    )
    ok = whole & ~outside
    return np.where(ok, numbers, 0).astype("int64"), ok


def _values(check: _RowChecks, texts: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    numbers, percent = _parse(texts)
    finite = np.isfinite(numbers)
    bad = texts.ne("").to_numpy() & ~finite
    check.report(bad, "value_not_number", "value", lambda i: {"value": texts.iat[i]})
    return numbers, percent, finite


def _units(
    check: _RowChecks,
    frame: pd.DataFrame,
    indicators: pd.DataFrame,
    indicator_ok: np.ndarray,
    percent: np.ndarray,
) -> np.ndarray:
    """The unit column (or a % in the value) must be the indicator's unit; empty means it."""
    written = frame["unit"]
    codes, uniques = pd.factorize(written)
    normal = np.array([unit_key(u) for u in uniques], dtype=object)[codes]
    expected = indicators["unit_key"].fillna("").to_numpy(dtype=object)
    unit_bad = indicator_ok & (normal != "") & (normal != expected)
    percent_bad = indicator_ok & ~unit_bad & percent & (expected != "%")

    def params(i: int, given: str) -> dict:
        row = indicators.iloc[i]
        return {
            "given": given,
            "expected": row["unit"],
            "indicator": {"zh": row["name_zh"], "en": row["name_en"]},
        }

    check.report(unit_bad, "unit_mismatch", "unit", lambda i: params(i, written.iat[i]))
    check.report(percent_bad, "unit_mismatch", "value", lambda i: params(i, "%"))
    return ~(unit_bad | percent_bad)


def _possible(
    check: _RowChecks,
    texts: pd.Series,
    value: np.ndarray,
    indicators: pd.DataFrame,
    ok: np.ndarray,
) -> None:
    """Values the indicator cannot take: negative counts, levels and shares; shares over 100."""
    measure = indicators["measure"].to_numpy(dtype=object)

    def params(i: int) -> dict:
        row = indicators.iloc[i]
        return {
            "value": texts.iat[i],
            "unit": row["unit"],
            "indicator": {"zh": row["name_zh"], "en": row["name_en"]},
        }

    negative = ok & np.isin(measure, NON_NEGATIVE) & (value < 0)
    check.report(negative, "value_negative", "value", params)
    check.report(
        ok & ~negative & (measure == "share") & (value > 100), "share_over_100", "value", params
    )
    fraction = ok & ~negative & (measure == "count") & (np.mod(np.where(ok, value, 0), 1) != 0)
    check.report(fraction, "count_not_whole", "value", params)


def _duplicates(
    check: _RowChecks,
    indicator_id: np.ndarray,
    region_code: np.ndarray,
    year: np.ndarray,
    ok: np.ndarray,
) -> None:
    """Each indicator, region and year once; later rows point to the first."""
    keys = pd.DataFrame({"i": indicator_id, "r": region_code, "y": year, "row": check.rows}).loc[ok]
    repeated = keys.duplicated(["i", "r", "y"], keep="first")
    if not repeated.any():
        return
    first = keys.groupby(["i", "r", "y"], sort=False)["row"].transform("first")
    mask = np.zeros(len(ok), dtype=bool)
    first_row = np.zeros(len(ok), dtype="int64")
    positions = np.flatnonzero(ok)
    mask[positions] = repeated.to_numpy()
    first_row[positions] = first.to_numpy()
    check.report(mask, "duplicate_row", None, lambda i: {"first_row": int(first_row[i])})


def _optional_text(texts: pd.Series) -> np.ndarray:
    values = texts.to_numpy(dtype=object)
    return np.where(values == "", None, values)


def _sorted(problems: list[Problem]) -> list[Problem]:
    """File problems first, then by row and by the template's column order."""
    order = {column: i for i, column in enumerate(COLUMNS)}
    return sorted(problems, key=lambda p: (p.row or 0, order.get(p.column or "", -1)))
