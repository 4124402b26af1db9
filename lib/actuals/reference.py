"""The indicators and regions an upload may name, and how names are resolved to codes."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from lib.actuals.reading import normalise
from lib.models import Indicator, Region

MAX_SUGGESTIONS = 3
SUGGESTION_CUTOFF = 0.6
# Suggestions cost a fuzzy search each; a garbage file must not make validation crawl.
MAX_SUGGESTED_VALUES = 200
ADCODE_FLOAT = re.compile(r"^(\d{6})\.0+$")  # 330100.0, as a spreadsheet may write a number


@dataclass
class Lookup:
    """Names (normalised) to codes, for one kind of thing (indicators or regions)."""

    names: dict[str, set[str]]
    labels: dict[str, dict[str, str]]  # code -> {"zh": name, "en": name}
    _candidates: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, entries: list[tuple[str, list[str], dict[str, str]]]) -> Lookup:
        """From (code, names, labels) entries; a name used by two codes is ambiguous."""
        names: dict[str, set[str]] = {}
        labels: dict[str, dict[str, str]] = {}
        for code, aliases, label in entries:
            labels[code] = label
            for alias in [code, *aliases]:
                if alias and alias.strip():
                    names.setdefault(normalise(alias), set()).add(code)
        return cls(names, labels, sorted(names))

    def resolve(self, text: str) -> set[str]:
        """The codes a written name may mean: none, one, or several (ambiguous)."""
        key = normalise(text)
        match = ADCODE_FLOAT.match(key)
        return self.names.get(match.group(1) if match else key, set())

    def suggest(self, text: str) -> list[str]:
        """Up to three codes whose names are closest to text, best first."""
        codes: list[str] = []
        close = difflib.get_close_matches(
            normalise(text), self._candidates, n=12, cutoff=SUGGESTION_CUTOFF
        )
        for name in close:
            for code in sorted(self.names[name]):
                if code not in codes:
                    codes.append(code)
        return codes[:MAX_SUGGESTIONS]

    def options(self, codes: list[str]) -> list[dict[str, str]]:
        """Codes with their names in both languages, for messages."""
        return [{"code": code, **self.labels[code]} for code in codes]


@dataclass
class Reference:
    """Indicators (with unit and measure) and regions that uploads are checked against."""

    indicators: pd.DataFrame  # indexed by id: name_zh, name_en, unit, measure
    regions: pd.DataFrame  # indexed by adcode: name_zh, name_en
    indicator_lookup: Lookup
    region_lookup: Lookup

    @classmethod
    def from_frames(cls, indicators: pd.DataFrame, regions: pd.DataFrame) -> Reference:
        """Build the lookups from indicator and region tables (as in the database)."""
        indicators = indicators.set_index("id", drop=False)
        indicators["unit_key"] = indicators["unit"].fillna("").map(unit_key)
        regions = regions.set_index("adcode", drop=False)
        indicator_lookup = Lookup.build(
            [
                (
                    row.id,
                    [row.name_zh, row.name_en, *str(row.aliases or "").split("|")],
                    {"zh": row.name_zh, "en": row.name_en},
                )
                for row in indicators.itertuples(index=False)
            ]
        )
        region_lookup = Lookup.build(
            [
                (
                    row.adcode,
                    [row.name_zh, row.name_en, row.short_zh],
                    {"zh": row.name_zh, "en": row.name_en},
                )
                for row in regions.itertuples(index=False)
            ]
        )
        return cls(indicators, regions, indicator_lookup, region_lookup)


def unit_key(unit: str) -> str:
    """A unit as compared: NFKC makes "％" into "%", so both spellings of a percentage match."""
    return unicodedata.normalize("NFKC", unit).strip()


def load_reference(connection: Engine | Connection) -> Reference:
    """Read indicators and regions from the database."""
    indicator_columns = [
        Indicator.id,
        Indicator.name_zh,
        Indicator.name_en,
        Indicator.unit,
        Indicator.measure,
        Indicator.aliases,
    ]
    region_columns = [Region.adcode, Region.name_zh, Region.name_en, Region.short_zh]
    if isinstance(connection, Engine):
        with connection.connect() as conn:
            return load_reference(conn)
    indicators = pd.read_sql(select(*indicator_columns), connection)
    regions = pd.read_sql(select(*region_columns), connection)
    return Reference.from_frames(indicators, regions)
