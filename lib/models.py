"""Every database table of the product, as SQLModel classes (the one place they live)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    """The current time in UTC, for timestamps."""
    return datetime.now(UTC)


class Plan(SQLModel, table=True):
    """A plan document: who issued it, for which region, for which period."""

    id: str = Field(primary_key=True)
    title_zh: str
    title_en: str
    short_zh: str
    short_en: str
    issuer_zh: str
    issuer_en: str
    level: str  # province | city
    region_code: str = Field(foreign_key="region.adcode")
    issue_date: str | None = None  # ISO date, empty when the document does not say
    period_start: int | None = None
    period_end: int | None = None
    doc_number: str | None = None
    source_file: str
    seed_file: str
    note: str | None = None


class Indicator(SQLModel, table=True):
    """A canonical indicator and the phrasings plans use for it."""

    id: str = Field(primary_key=True)
    name_zh: str
    name_en: str
    unit: str
    direction: str  # up | down
    measure: str  # share | rate | level | count
    additive: bool = False
    category: str
    aliases: str = ""  # "|"-separated
    note: str | None = None


class Region(SQLModel, table=True):
    """An administrative region identified by its adcode."""

    adcode: str = Field(primary_key=True)
    name_zh: str
    name_en: str
    short_zh: str
    level: str  # province | city | county
    parent: str | None = None


class Target(SQLModel, table=True):
    """A target or baseline stated by a plan, with the quote it came from."""

    __table_args__ = (Index("ix_target_indicator_region", "indicator_id", "region_code"),)

    id: str = Field(primary_key=True)
    plan_id: str = Field(foreign_key="plan.id", index=True)
    indicator_id: str = Field(foreign_key="indicator.id")
    region_code: str = Field(foreign_key="region.adcode")
    year: int | None = None
    value: float | None = None
    value_text: str
    unit: str
    comparator: str  # ≥ > ≈ = ≤ < range text
    range_low: float | None = None
    range_high: float | None = None
    kind: str  # target | baseline | annual | cumulative | assigned | funding
    base_year: int | None = None
    source: str
    quote: str
    note: str | None = None


class Theme(SQLModel, table=True):
    """A highland, strategic field, action or task of a plan, for comparison."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: str = Field(foreign_key="plan.id", index=True)
    theme_type: str  # highland | field | action | task
    code: str
    parent_code: str | None = None
    canonical: str
    name_zh: str
    name_en: str
    position: int
    quote: str


class UploadBatch(SQLModel, table=True):
    """One committed upload of actuals, which can be undone as a whole."""

    __table_args__ = (
        CheckConstraint("status IN ('committed', 'undone')", name="ck_uploadbatch_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    file_name: str
    sha256: str = Field(index=True)
    created_at: datetime = Field(default_factory=utc_now)
    who: str | None = None
    rows_total: int = 0
    rows_inserted: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    status: str = "committed"  # committed | undone
    undone_at: datetime | None = None


class Actual(SQLModel, table=True):
    """The current observed value of an indicator for a region and year."""

    __table_args__ = (
        UniqueConstraint("indicator_id", "region_code", "year", name="uq_actual_key"),
        Index("ix_actual_region_year", "region_code", "year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: str = Field(foreign_key="indicator.id")
    region_code: str = Field(foreign_key="region.adcode")
    year: int
    value: float
    unit: str
    source: str | None = None
    note: str | None = None
    batch_id: int = Field(foreign_key="uploadbatch.id", index=True)


class ActualChange(SQLModel, table=True):
    """What one batch did to one actual, so that undo can restore the value before it."""

    __table_args__ = (
        CheckConstraint("action IN ('insert', 'update')", name="ck_actualchange_action"),
    )

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="uploadbatch.id", index=True)
    indicator_id: str
    region_code: str
    year: int
    action: str  # insert | update
    old_value: float | None = None
    old_unit: str | None = None
    old_source: str | None = None
    old_note: str | None = None
    old_batch_id: int | None = None
    new_value: float


class Corridor(SQLModel, table=True):
    """A science-and-technology innovation corridor."""

    id: str = Field(primary_key=True)
    name_zh: str
    name_en: str
    layer: str  # primary | secondary
    colour: str
    description_zh: str = ""
    description_en: str = ""
    source: str | None = None
    quote: str | None = None


class CorridorMember(SQLModel, table=True):
    """A city or district that belongs to a corridor, in a role."""

    id: int | None = Field(default=None, primary_key=True)
    corridor_id: str = Field(foreign_key="corridor.id", index=True)
    region_code: str = Field(foreign_key="region.adcode")
    role: str  # core | wing | member | intended
    part_zh: str | None = None
    part_en: str | None = None
    basis: str  # document | general knowledge
    source: str | None = None
    quote: str | None = None
    note: str | None = None


class Platform(SQLModel, table=True):
    """A named platform (lab, university, science city...) placed on a corridor map."""

    id: str = Field(primary_key=True)
    corridor_id: str = Field(foreign_key="corridor.id", index=True)
    name_zh: str
    name_en: str
    type: str
    region_code: str | None = Field(default=None, foreign_key="region.adcode")
    lon: float | None = None
    lat: float | None = None
    precision: str = "approximate"  # exact | approximate
    basis: str
    source: str | None = None
    quote: str | None = None
    note: str | None = None


class SavedView(SQLModel, table=True):
    """A presenter's saved page view: a name and the URL state that reopens it."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    page: str
    query: str
    position: int = 0
    created_at: datetime = Field(default_factory=utc_now)
