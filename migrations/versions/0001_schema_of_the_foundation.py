"""The schema of the foundation: every table as `create_all` made it before Alembic.

SQLModel's own types are written as plain SQLAlchemy types (AutoString is a String,
UTCDateTime a DateTime with time zone, TIMESTAMPTZ on PostgreSQL), so that this file keeps
meaning the same thing whatever SQLModel version is installed.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 19:30:49.072990
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "corridor",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name_zh", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("layer", sa.String(), nullable=False),
        sa.Column("colour", sa.String(), nullable=False),
        sa.Column("description_zh", sa.String(), nullable=False),
        sa.Column("description_en", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("quote", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "indicator",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name_zh", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("direction", sa.String(), nullable=False),
        sa.Column("measure", sa.String(), nullable=False),
        sa.Column("additive", sa.Boolean(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("aliases", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "region",
        sa.Column("adcode", sa.String(), nullable=False),
        sa.Column("name_zh", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("short_zh", sa.String(), nullable=False),
        sa.Column("level", sa.String(), nullable=False),
        sa.Column("parent", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("adcode"),
    )
    op.create_table(
        "savedview",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("page", sa.String(), nullable=False),
        sa.Column("query", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "uploadbatch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(), nullable=True),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_inserted", sa.Integer(), nullable=False),
        sa.Column("rows_updated", sa.Integer(), nullable=False),
        sa.Column("rows_unchanged", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("uploadbatch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_uploadbatch_sha256"), ["sha256"], unique=False)

    op.create_table(
        "actual",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["uploadbatch.id"],
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
        ),
        sa.ForeignKeyConstraint(
            ["region_code"],
            ["region.adcode"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("indicator_id", "region_code", "year", name="uq_actual_key"),
    )
    with op.batch_alter_table("actual", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actual_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index("ix_actual_region_year", ["region_code", "year"], unique=False)

    op.create_table(
        "actualchange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("old_value", sa.Float(), nullable=True),
        sa.Column("old_unit", sa.String(), nullable=True),
        sa.Column("old_source", sa.String(), nullable=True),
        sa.Column("old_note", sa.String(), nullable=True),
        sa.Column("old_batch_id", sa.Integer(), nullable=True),
        sa.Column("new_value", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["uploadbatch.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("actualchange", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actualchange_batch_id"), ["batch_id"], unique=False)

    op.create_table(
        "corridormember",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("corridor_id", sa.String(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("part_zh", sa.String(), nullable=True),
        sa.Column("part_en", sa.String(), nullable=True),
        sa.Column("basis", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("quote", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["corridor_id"],
            ["corridor.id"],
        ),
        sa.ForeignKeyConstraint(
            ["region_code"],
            ["region.adcode"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("corridormember", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_corridormember_corridor_id"), ["corridor_id"], unique=False
        )

    op.create_table(
        "plan",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("title_zh", sa.String(), nullable=False),
        sa.Column("title_en", sa.String(), nullable=False),
        sa.Column("short_zh", sa.String(), nullable=False),
        sa.Column("short_en", sa.String(), nullable=False),
        sa.Column("issuer_zh", sa.String(), nullable=False),
        sa.Column("issuer_en", sa.String(), nullable=False),
        sa.Column("level", sa.String(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=False),
        sa.Column("issue_date", sa.String(), nullable=True),
        sa.Column("period_start", sa.Integer(), nullable=True),
        sa.Column("period_end", sa.Integer(), nullable=True),
        sa.Column("doc_number", sa.String(), nullable=True),
        sa.Column("source_file", sa.String(), nullable=False),
        sa.Column("seed_file", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["region_code"],
            ["region.adcode"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "platform",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("corridor_id", sa.String(), nullable=False),
        sa.Column("name_zh", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("precision", sa.String(), nullable=False),
        sa.Column("basis", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("quote", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["corridor_id"],
            ["corridor.id"],
        ),
        sa.ForeignKeyConstraint(
            ["region_code"],
            ["region.adcode"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("platform", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_platform_corridor_id"), ["corridor_id"], unique=False)

    op.create_table(
        "target",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("plan_id", sa.String(), nullable=False),
        sa.Column("indicator_id", sa.String(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("value_text", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("comparator", sa.String(), nullable=False),
        sa.Column("range_low", sa.Float(), nullable=True),
        sa.Column("range_high", sa.Float(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("base_year", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("quote", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plan.id"],
        ),
        sa.ForeignKeyConstraint(
            ["region_code"],
            ["region.adcode"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.create_index(
            "ix_target_indicator_region", ["indicator_id", "region_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_target_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "theme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.String(), nullable=False),
        sa.Column("theme_type", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("parent_code", sa.String(), nullable=True),
        sa.Column("canonical", sa.String(), nullable=False),
        sa.Column("name_zh", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("quote", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plan.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_theme_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_plan_id"))

    op.drop_table("theme")
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_plan_id"))
        batch_op.drop_index("ix_target_indicator_region")

    op.drop_table("target")
    with op.batch_alter_table("platform", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_platform_corridor_id"))

    op.drop_table("platform")
    op.drop_table("plan")
    with op.batch_alter_table("corridormember", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_corridormember_corridor_id"))

    op.drop_table("corridormember")
    with op.batch_alter_table("actualchange", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actualchange_batch_id"))

    op.drop_table("actualchange")
    with op.batch_alter_table("actual", schema=None) as batch_op:
        batch_op.drop_index("ix_actual_region_year")
        batch_op.drop_index(batch_op.f("ix_actual_batch_id"))

    op.drop_table("actual")
    with op.batch_alter_table("uploadbatch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_uploadbatch_sha256"))

    op.drop_table("uploadbatch")
    op.drop_table("savedview")
    op.drop_table("region")
    op.drop_table("indicator")
    op.drop_table("corridor")
