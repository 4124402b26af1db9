"""Find numeric statements in Chinese policy text, to check that curation missed nothing.

`find_numeric_statements` proposes one candidate row per number that looks like a
statement (a number with a unit, a comparator word, or a cell of a table row), with the
clause around it as a verbatim quote. `uncovered_candidates` keeps the candidates whose
number appears in no curated target quote of the same source: what a curator should look
at. Both are pure functions of their inputs (no Streamlit, no files), apart from the
`scan_sources` convenience that reads `data/sources/*.txt`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

COLUMNS = [
    "source",
    "line_no",
    "number",
    "unit",
    "comparator",
    "year",
    "quote",
    "number_text",
    "range_low",
    "range_high",
    "multiplier",
    "base_unit",
]

NUMBER = r"\d+(?:\.\d+)?"
RANGE_SEP = r"(?:[-—–~～]|至)"
# Units, longest first so that 万人次 wins over 万人 and 个百分点 over 个.
UNITS = (
    "个百分点",
    "百分点",
    "万亿元",
    "万亿",
    "亿美元",
    "万美元",
    "亿元",
    "万元",
    "千元",
    "美元",
    "元",
    "万人次",
    "人次",
    "万人",
    "人年",
    "万家",
    "万件",
    "万项",
    "万名",
    "万个",
    "万台",
    "万吨",
    "万亩",
    "万平方米",
    "平方公里",
    "平方米",
    "公里",
    "万",
    "亿",
    "%",
    "‰",
    "家",
    "个",
    "件",
    "项",
    "人",
    "名",
    "条",
    "所",
    "座",
    "倍",
    "位",
    "亩",
    "吨",
    "台",
    "套",
    "篇",
    "部",
    "批",
    "支",
    "种",
    "次",
    "只",
    "户",
    "张",
    "场",
    "期",
    "颗",
    "株",
)
MULTIPLIERS = (("万亿", 1e12), ("万", 1e4), ("亿", 1e8), ("千", 1e3))
# Units that are units in their own right although they start with a multiplier character.
UNSPLIT_UNITS = ("万元", "亿元", "万亿元", "千元", "亿美元", "万美元")

_UNIT_RE = "|".join(re.escape(u) for u in UNITS)
STATEMENT = re.compile(
    rf"(?P<low>{NUMBER})(?:/(?P<denominator>\d+)| *{RANGE_SEP} *(?P<high>{NUMBER}))?"
    rf"(?: *(?P<unit>{_UNIT_RE}))?"
)
YEAR_CONTEXT = re.compile(r"(?:到|至)(20\d\d)年")
CLAUSE_BREAK = re.compile(r"[，。；;！？!?]")
LIST_MARKER = re.compile(r"^\s*(?:\d+[.、．]|（\d+）|\(\d+\))")

# Comparator words: (word, symbol). Checked in this order, so longer words come first.
AFTER_WORDS = (("以上", "≥"), ("左右", "≈"), ("以内", "≤"), ("以下", "≤"))
BEFORE_WORDS = (
    ("不低于", "≥"),
    ("不少于", "≥"),
    ("不超过", "≤"),
    ("超过", ">"),
    ("突破", ">"),
    ("高于", ">"),
    ("超", ">"),
    ("低于", "<"),
    ("达到", "="),
    ("约", "≈"),
    ("近", "≈"),
    ("达", "="),
)
MIN_QUOTE = 8  # a clause shorter than this takes the previous clause with it
SHORT_LINE = 60  # lines this short are titles or flattened table rows: keep bare numbers


def _split_unit(unit: str) -> tuple[float, str]:
    """Return (multiplier, base unit) for a unit as written: 万家 -> (1e4, 家)."""
    if unit in UNSPLIT_UNITS:
        return 1.0, unit
    for prefix, factor in MULTIPLIERS:
        if unit.startswith(prefix):
            return factor, unit[len(prefix) :]
    return 1.0, unit


PARENTHETICAL = re.compile(r"^[（(][^）)]{1,4}[）)]")


def _after(line: str, end: int) -> str:
    """The text right after a number, past a short aside such as 4家（个）以上."""
    after = line[end : end + 8]
    return PARENTHETICAL.sub("", after)[:2]


def _comparator(line: str, start: int, end: int, is_range: bool) -> str:
    if is_range:
        return "range"
    after = _after(line, end)
    for word, symbol in AFTER_WORDS:
        if after.startswith(word):
            return symbol
    before = line[max(0, start - 3) : start].rstrip()
    for word, symbol in BEFORE_WORDS:
        if before.endswith(word):
            return symbol
    return "="


def _has_comparator_word(line: str, start: int, end: int) -> bool:
    after = _after(line, end)
    before = line[max(0, start - 3) : start].rstrip()
    return any(after.startswith(w) for w, _ in AFTER_WORDS) or any(
        before.endswith(w) for w, _ in BEFORE_WORDS
    )


def _is_noise(line: str, start: int, end: int, unit: str) -> bool:
    """Dates, ordinals, list markers, row numbers and numbers inside names (G60, 5G,
    〔2023〕, “315”) are not statements. Year ranges such as 2016-2019年 end in 年."""
    before = line[start - 1] if start > 0 else ""
    after = line[end] if end < len(line) else ""
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return True
    if before == "第":
        return True  # an ordinal: 第22次
    if not line[:start].strip() and (LIST_MARKER.match(line[start:]) or after == "\t"):
        return True  # 1.打造… or the row number of a table
    if unit:
        return False
    if before and before in "〔[表栏":
        return True  # 〔2023〕, 表1, 专栏2
    if after and after in "年月日号时周岁版":
        return True  # 2024年, 3月, 5年
    if before and after and before in '“"' and after in '”"':
        return True  # a name such as “315”
    return after == "."


def _bare_number_kept(line: str, start: int, end: int) -> bool:
    """A number without a unit is kept in tables, short lines, next to a comparator word,
    or beside spaces and a closing bracket (a flattened table cell such as 企业（个）251 351)."""
    before = line[start - 1] if start > 0 else ""
    after = line[end] if end < len(line) else ""
    return (
        "\t" in line
        or len(line) < SHORT_LINE
        or (before != "" and before in "）) ")
        or after == " "
        or _has_comparator_word(line, start, end)
    )


def _clause(line: str, start: int, end: int) -> str:
    """The clause around [start, end): between the nearest clause breaks, verbatim.

    In a table row (tab-separated) the clause is the whole row, which names the indicator.
    """
    if "\t" in line:
        return line.strip(" ")
    left = 0
    for match in CLAUSE_BREAK.finditer(line, 0, start):
        left = match.end()
    right_match = CLAUSE_BREAK.search(line, end)
    right = right_match.start() if right_match else len(line)
    if right - left < MIN_QUOTE and left > 0:
        previous = 0
        for match in CLAUSE_BREAK.finditer(line, 0, left - 1):
            previous = match.end()
        left = previous
    return line[left:right].strip()


def _year(line: str, start: int) -> int | None:
    years = YEAR_CONTEXT.findall(line, 0, start)
    return int(years[-1]) if years else None


def find_numeric_statements(text: str, source: str) -> pd.DataFrame:
    """Propose one row per numeric statement in `text` (one paragraph or table row a line).

    Columns: source, line_no (1-based), number (as written, without the multiplier; empty
    for ranges), unit (as written, 万家 or %), comparator (≥ > ≈ = ≤ < range), year (the
    latest 到/至20XX年 before the number on its line, if any), quote (the clause around the
    number, a verbatim substring of the line), number_text (the number as written with its
    unit), range_low/range_high, multiplier (1, 1e4, 1e8 ... taken from the unit) and
    base_unit (the unit without the multiplier).
    """
    rows = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        for match in STATEMENT.finditer(line):
            low, high, unit = match.group("low"), match.group("high"), match.group("unit") or ""
            denominator = match.group("denominator")
            start, end = match.start(), match.end()
            if start > 0 and (line[start - 1].isdigit() or line[start - 1] in "./"):
                continue
            if _is_noise(line, start, end, unit):
                continue
            if not unit and not denominator and not _bare_number_kept(line, start, end):
                continue
            multiplier, base_unit = _split_unit(unit)
            is_range = high is not None
            if is_range:
                number = None
            elif denominator:
                number = float(low) / float(denominator) if int(denominator) else None
            else:
                number = float(low)
            rows.append(
                {
                    "source": source,
                    "line_no": line_no,
                    "number": number,
                    "unit": unit,
                    "comparator": _comparator(line, start, end, is_range),
                    "year": _year(line, start),
                    "quote": _clause(line, start, end),
                    "number_text": line[start:end],
                    "range_low": float(low) if is_range else None,
                    "range_high": float(high) if is_range else None,
                    "multiplier": multiplier,
                    "base_unit": base_unit,
                }
            )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    frame["line_no"] = frame["line_no"].astype("int64")
    for column in ("number", "range_low", "range_high", "multiplier"):
        frame[column] = frame[column].astype("float64")
    return frame


def numbers_in(text: str) -> list[float]:
    """Every number written in `text` (digits with an optional decimal part)."""
    return [float(n) for n in re.findall(NUMBER, text or "")]


def _appears(value: float, numbers: Iterable[float]) -> bool:
    return any(abs(value - n) <= 1e-9 * max(1.0, abs(n)) for n in numbers)


def uncovered_candidates(
    candidates: pd.DataFrame, targets: pd.DataFrame, strict: bool = False
) -> pd.DataFrame:
    """Candidates whose number appears in no target quote of the same source.

    `targets` needs `quote` and `source` (an empty source falls back to `plan_id`). A range
    candidate is covered when both its bounds appear in one quote. With `strict`, the
    target quote must also overlap the candidate's clause (one contains the other), so a
    common number such as 100 elsewhere in the plan does not hide a missed statement.
    """
    if candidates.empty:
        return candidates.copy()
    quotes: dict[str, list[tuple[str, list[float]]]] = {}
    for row in targets.to_dict("records"):
        source = str(row.get("source") or "") or str(row.get("plan_id") or "")
        quote = str(row.get("quote") or "")
        if quote:
            quotes.setdefault(source, []).append((quote, numbers_in(quote)))

    def covered(cand: dict) -> bool:
        # The numbers as written: 2.2 for 2.2万家, both bounds of 10-15, both parts of 1/3.
        wanted = numbers_in(cand["number_text"])
        for quote, numbers in quotes.get(cand["source"], []):
            if strict and not (cand["quote"] in quote or quote in cand["quote"]):
                continue
            if all(_appears(w, numbers) for w in wanted):
                return True
        return False

    keep = [not covered(c) for c in candidates.to_dict("records")]
    return candidates[keep].reset_index(drop=True)


def scan_sources(sources_dir: Path, plan_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Run `find_numeric_statements` over `sources_dir/<plan_id>.txt` (all files by default)."""
    paths = sorted(Path(sources_dir).glob("*.txt"))
    if plan_ids is not None:
        wanted = set(plan_ids)
        paths = [p for p in paths if p.stem in wanted]
    frames = [find_numeric_statements(p.read_text(encoding="utf-8"), p.stem) for p in paths]
    if not frames:
        return find_numeric_statements("", "")
    return pd.concat(frames, ignore_index=True)
