"""Check the curated CSVs in data/ against their sources and against each other.

`check_data(data_dir)` returns a list of plain-language problems; an empty list means the
data is consistent:

- every file has exactly the header data/README.md gives it;
- every quote is found verbatim within one line of `sources/<source>.txt` (a quote may be
  missing only on rows whose `basis` is `general knowledge`);
- a numeric target's value (or both range bounds) is some number of its quote times 1,
  1e4 or 1e8 (so value 22000 with quote "2.2万家" passes); Chinese numerals count as
  numbers (value 1000 with quote "超千亿元", value 2 with "两个");
- every plan_id, indicator_id, corridor_id and theme parent_code resolves, and every
  region_code is in regions.csv (skipped while regions.csv does not exist);
- ids are unique and every vocabulary column holds a known word.

Pure: reads the files under `data_dir` and nothing else; no Streamlit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

HEADERS: dict[str, list[str]] = {
    "plans.csv": [
        "id",
        "title_zh",
        "title_en",
        "short_zh",
        "short_en",
        "issuer_zh",
        "issuer_en",
        "level",
        "region_code",
        "issue_date",
        "period_start",
        "period_end",
        "doc_number",
        "source_file",
        "seed_file",
        "note",
    ],
    "indicators.csv": [
        "id",
        "name_zh",
        "name_en",
        "unit",
        "direction",
        "measure",
        "additive",
        "category",
        "aliases",
        "note",
    ],
    "targets.csv": [
        "id",
        "plan_id",
        "indicator_id",
        "region_code",
        "year",
        "value",
        "value_text",
        "unit",
        "comparator",
        "range_low",
        "range_high",
        "kind",
        "base_year",
        "source",
        "quote",
        "note",
    ],
    "themes.csv": [
        "plan_id",
        "theme_type",
        "code",
        "parent_code",
        "canonical",
        "name_zh",
        "name_en",
        "position",
        "quote",
    ],
    "regions.csv": ["adcode", "name_zh", "name_en", "short_zh", "level", "parent"],
    "corridors.csv": [
        "id",
        "name_zh",
        "name_en",
        "layer",
        "colour",
        "description_zh",
        "description_en",
        "source",
        "quote",
    ],
    "corridor_members.csv": [
        "corridor_id",
        "region_code",
        "role",
        "part_zh",
        "part_en",
        "basis",
        "source",
        "quote",
        "note",
    ],
    "platforms.csv": [
        "id",
        "corridor_id",
        "name_zh",
        "name_en",
        "type",
        "region_code",
        "lon",
        "lat",
        "precision",
        "basis",
        "source",
        "quote",
        "note",
    ],
}
# regions.csv is optional: while it is missing, region codes are not checked.
OPTIONAL_FILES = {"regions.csv"}

COMPARATORS = {"≥", ">", "≈", "=", "≤", "<", "range", "text"}
KINDS = {"target", "baseline", "annual", "cumulative", "assigned", "funding"}
THEME_TYPES = {"highland", "field", "action", "task"}
LEVELS = {"province", "city"}
DIRECTIONS = {"up", "down"}
MEASURES = {"share", "rate", "level", "count"}
BOOLEANS = {"true", "false"}
CATEGORIES = {
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
}
LAYERS = {"primary", "secondary"}
ROLES = {"core", "wing", "member", "intended"}
BASES = {"document", "general knowledge"}
GENERAL_KNOWLEDGE = "general knowledge"
PLATFORM_TYPES = {
    "laboratory",
    "university",
    "science_city",
    "hitech_zone",
    "science_lake",
    "facility",
    "institute",
    "park",
}
PRECISIONS = {"exact", "approximate"}
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
# A generous box around Zhejiang and the Yangtze River Delta (WGS84): a point outside it
# is a typo or has lon and lat swapped.
LON_RANGE = (115.0, 123.5)
LAT_RANGE = (26.5, 35.0)
# A value may be a quoted number times one of these (2.2万 -> 22000, 1.2亿 -> 120000000).
SCALES = (1.0, 1e4, 1e8)
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
CHINESE_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral such as 六, 两, 十五, 三百 or 千 (万 and 亿 at the end
    are left to the 1e4/1e8 scales). None when nothing numeric is left."""
    text = text.rstrip("万亿")
    if not text or any(c in "万亿" for c in text):
        return None
    total, current = 0, 0
    for char in text:
        if char in CHINESE_DIGITS:
            current = CHINESE_DIGITS[char]
        else:
            total += (current or 1) * CHINESE_UNITS[char]
            current = 0
    return total + current


def numbers_in(text: str) -> list[float]:
    """Every number written in `text`: digits (22,158 counts as 22158) and Chinese
    numerals (两个 -> 2, 六大 -> 6, 千亿 -> 1000 before the 亿 scale)."""
    numbers = [float(n.replace(",", "")) for n in NUMBER.findall(text or "")]
    for run in CHINESE_NUMBER.findall(text or ""):
        value = chinese_number(run)
        if value is not None:
            numbers.append(float(value))
    return numbers


def value_in_quote(value: float, quote: str) -> bool:
    """True when some number of `quote`, times 1, 1e4 or 1e8, equals `value` (its sign
    aside: a decline of 5% may be stored as -5)."""
    value = abs(value)
    for number in numbers_in(quote):
        for scale in SCALES:
            if math.isclose(number * scale, value, rel_tol=1e-9, abs_tol=1e-9):
                return True
    return False


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class _Checker:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.problems: list[str] = []
        self.frames: dict[str, pd.DataFrame] = {}
        self._source_lines: dict[str, list[str] | None] = {}

    # -- helpers -------------------------------------------------------------------

    def add(self, name: str, row: int | None, key: str, message: str) -> None:
        where = name if row is None else f"{name} row {row}"
        if key:
            where += f" ({key})"
        self.problems.append(f"{where}: {message}")

    def load(self) -> None:
        for name, header in HEADERS.items():
            path = self.data_dir / name
            if not path.exists():
                if name not in OPTIONAL_FILES:
                    self.add(name, None, "", "file is missing")
                continue
            try:
                frame = _read(path)
            except (pd.errors.ParserError, UnicodeDecodeError) as exc:
                self.add(name, None, "", f"cannot be read as UTF-8 CSV ({exc})")
                continue
            if list(frame.columns) != header:
                self.add(
                    name,
                    None,
                    "",
                    f"header is {','.join(frame.columns)}; expected {','.join(header)}",
                )
                continue
            self.frames[name] = frame

    def rows(self, name: str) -> Iterable[tuple[int, dict[str, str]]]:
        frame = self.frames.get(name)
        if frame is None:
            return []
        return enumerate(frame.to_dict("records"), start=1)

    def ids(self, name: str, column: str) -> set[str] | None:
        frame = self.frames.get(name)
        return None if frame is None else set(frame[column])

    def source_lines(self, source: str) -> list[str] | None:
        if source not in self._source_lines:
            path = self.data_dir / "sources" / f"{source}.txt"
            if re.fullmatch(r"[\w.-]+", source) and path.is_file():
                self._source_lines[source] = path.read_text(encoding="utf-8").splitlines()
            else:
                self._source_lines[source] = None
        return self._source_lines[source]

    # -- generic checks --------------------------------------------------------------

    def check_quote(
        self,
        name: str,
        row: int,
        key: str,
        source: str,
        quote: str,
        required: bool,
        hint: str = "",
    ) -> None:
        """`required`: the row must carry a quote (and so a source)."""
        if not source:
            if required:
                self.add(name, row, key, "source is empty" + hint)
            elif quote:
                self.add(name, row, key, "quote given but source is empty")
            return
        if not quote:
            if required:
                self.add(name, row, key, "quote is empty" + hint)
            return
        lines = self.source_lines(source)
        if lines is None:
            self.add(name, row, key, f"source text sources/{source}.txt does not exist")
            return
        if not any(quote in line for line in lines):
            self.add(
                name,
                row,
                key,
                f"quote not found verbatim in one line of sources/{source}.txt: “{quote}”",
            )

    def check_vocab(
        self, name: str, column: str, allowed: set[str], key_of: Callable[[dict], str]
    ) -> None:
        for row, record in self.rows(name):
            if record[column] not in allowed:
                self.add(
                    name,
                    row,
                    key_of(record),
                    f"{column} “{record[column]}” is not one of {', '.join(sorted(allowed))}",
                )

    def check_unique(self, name: str, columns: list[str]) -> None:
        frame = self.frames.get(name)
        if frame is None:
            return
        duplicated = frame[frame.duplicated(columns, keep="first")]
        for index, record in duplicated.iterrows():
            key = " / ".join(record[c] for c in columns)
            self.add(name, int(index) + 1, key, f"duplicate {' + '.join(columns)}")

    def check_reference(
        self,
        name: str,
        column: str,
        target: str,
        known: set[str] | None,
        key_of: Callable[[dict], str],
        allow_empty: bool = False,
    ) -> None:
        if known is None:
            return
        for row, record in self.rows(name):
            value = record[column]
            if value == "" and allow_empty:
                continue
            if value not in known:
                self.add(
                    name, row, key_of(record), f"{column} “{value}” does not exist in {target}"
                )

    # -- per-file checks -------------------------------------------------------------

    def check_targets(self) -> None:
        name = "targets.csv"
        plan_ids = self.ids("plans.csv", "id")
        for row, r in self.rows(name):
            key = r["id"]
            known_plan = plan_ids is not None and r["plan_id"] in plan_ids
            if known_plan and not r["id"].startswith(r["plan_id"] + "-"):
                self.add(name, row, key, f"id should start with “{r['plan_id']}-”")
            self.check_quote(name, row, key, r["source"], r["quote"], required=True)
            for column in ("year", "base_year"):
                if r[column] and not re.fullmatch(r"(?:19|20)\d\d", r[column]):
                    self.add(name, row, key, f"{column} “{r[column]}” is not a year")
            self._check_target_value(name, row, key, r)

    def _check_target_value(self, name: str, row: int, key: str, r: dict[str, str]) -> None:
        comparator, quote = r["comparator"], r["quote"]
        if comparator == "range":
            if r["value"]:
                self.add(name, row, key, "a range keeps value empty")
            for column in ("range_low", "range_high"):
                bound = _float(r[column])
                if bound is None:
                    self.add(name, row, key, f"range without a numeric {column}")
                elif quote and not value_in_quote(bound, quote):
                    self.add(name, row, key, f"{column} {r[column]} does not appear in its quote")
            return
        if comparator == "text":
            if r["value"]:
                self.add(name, row, key, "a text (qualitative) target keeps value empty")
            if not r["value_text"]:
                self.add(name, row, key, "a text (qualitative) target needs value_text")
            return
        if comparator not in COMPARATORS:
            return  # reported by the vocabulary check
        value = _float(r["value"])
        if value is None:
            self.add(name, row, key, f"value “{r['value']}” is not a number")
        elif quote and not value_in_quote(value, quote):
            self.add(name, row, key, f"value {r['value']} does not appear in its quote")

    def check_themes(self) -> None:
        name = "themes.csv"
        codes: dict[str, set[str]] = {}
        for _, r in self.rows(name):
            codes.setdefault(r["plan_id"], set()).add(r["code"])
        for row, r in self.rows(name):
            key = f"{r['plan_id']} {r['theme_type']} {r['code']}"
            self.check_quote(name, row, key, r["plan_id"], r["quote"], required=True)
            parent = r["parent_code"]
            if parent and parent not in codes.get(r["plan_id"], set()):
                self.add(name, row, key, f"parent_code “{parent}” is not a code of this plan")

    def check_corridor_file(self, name: str, key_of: Callable[[dict], str]) -> None:
        for row, r in self.rows(name):
            required = r.get("basis", "document") != GENERAL_KNOWLEDGE
            hint = " (allowed only when basis is general knowledge)" if "basis" in r else ""
            self.check_quote(
                name, row, key_of(r), r["source"], r["quote"], required=required, hint=hint
            )

    def check_corridors(self) -> None:
        for row, r in self.rows("corridors.csv"):
            if not COLOUR.match(r["colour"]):
                self.add("corridors.csv", row, r["id"], f"colour “{r['colour']}” is not #RRGGBB")

    def check_platforms(self) -> None:
        """lon/lat are numbers inside the region box; both empty means "not placed"."""
        name = "platforms.csv"
        for row, r in self.rows(name):
            if r["lon"] == "" and r["lat"] == "":
                continue
            for column, (low, high) in (("lon", LON_RANGE), ("lat", LAT_RANGE)):
                value = _float(r[column])
                if value is None:
                    self.add(name, row, r["id"], f"{column} “{r[column]}” is not a number")
                elif not low <= value <= high:
                    message = f"{column} {r[column]} is outside the Yangtze River Delta"
                    self.add(name, row, r["id"], message)

    # -- all -------------------------------------------------------------------------

    def run(self) -> list[str]:
        self.load()
        plan_ids = self.ids("plans.csv", "id")
        indicator_ids = self.ids("indicators.csv", "id")
        corridor_ids = self.ids("corridors.csv", "id")
        regions = self.ids("regions.csv", "adcode")

        def by_id(r: dict) -> str:
            return r["id"]

        def member_key(r: dict) -> str:
            return f"{r['corridor_id']} {r['region_code']}"

        def theme_key(r: dict) -> str:
            return f"{r['plan_id']} {r['theme_type']} {r['code']}"

        # unique keys
        for name, columns in (
            ("plans.csv", ["id"]),
            ("indicators.csv", ["id"]),
            ("targets.csv", ["id"]),
            ("themes.csv", ["plan_id", "theme_type", "code"]),
            ("regions.csv", ["adcode"]),
            ("corridors.csv", ["id"]),
            ("corridor_members.csv", ["corridor_id", "region_code"]),
            ("platforms.csv", ["id"]),
        ):
            self.check_unique(name, columns)

        # vocabularies
        for name, column, allowed, key_of in (
            ("plans.csv", "level", LEVELS, by_id),
            ("indicators.csv", "direction", DIRECTIONS, by_id),
            ("indicators.csv", "measure", MEASURES, by_id),
            ("indicators.csv", "additive", BOOLEANS, by_id),
            ("indicators.csv", "category", CATEGORIES, by_id),
            ("targets.csv", "comparator", COMPARATORS, by_id),
            ("targets.csv", "kind", KINDS, by_id),
            ("themes.csv", "theme_type", THEME_TYPES, theme_key),
            ("corridors.csv", "layer", LAYERS, by_id),
            ("corridor_members.csv", "role", ROLES, member_key),
            ("corridor_members.csv", "basis", BASES, member_key),
            ("platforms.csv", "type", PLATFORM_TYPES, by_id),
            ("platforms.csv", "precision", PRECISIONS, by_id),
            ("platforms.csv", "basis", BASES, by_id),
        ):
            self.check_vocab(name, column, allowed, key_of)

        # references
        for name, column, target, known, key_of in (
            ("plans.csv", "region_code", "regions.csv", regions, by_id),
            ("targets.csv", "plan_id", "plans.csv", plan_ids, by_id),
            ("targets.csv", "indicator_id", "indicators.csv", indicator_ids, by_id),
            ("targets.csv", "region_code", "regions.csv", regions, by_id),
            ("themes.csv", "plan_id", "plans.csv", plan_ids, theme_key),
            ("corridor_members.csv", "corridor_id", "corridors.csv", corridor_ids, member_key),
            ("corridor_members.csv", "region_code", "regions.csv", regions, member_key),
            ("platforms.csv", "corridor_id", "corridors.csv", corridor_ids, by_id),
        ):
            self.check_reference(name, column, target, known, key_of)
        # A platform may be left without a region (the model allows it).
        self.check_reference("platforms.csv", "region_code", "regions.csv", regions, by_id, True)

        # quotes, values and per-file rules
        self.check_targets()
        self.check_themes()
        for name, key_of in (
            ("corridors.csv", by_id),
            ("corridor_members.csv", member_key),
            ("platforms.csv", by_id),
        ):
            self.check_corridor_file(name, key_of)
        self.check_corridors()
        self.check_platforms()
        return self.problems


def check_data(data_dir: Path) -> list[str]:
    """Return every problem found in the curated data under `data_dir` (empty = OK).

    Each problem names the file, the 1-based data row and its key, e.g.
    "targets.csv row 3 (zj_315_2023-003): value 3.5 does not appear in its quote".
    """
    return _Checker(Path(data_dir)).run()
