"""Only known states in the batch tables: CHECK constraints on batch status and change action.

A batch is committed or undone, a change is an insert or an update. Undo, the duplicate-file
check and the history all branch on these values; with several app instances (possibly of
different versions) writing to one PostgreSQL, the database itself now refuses any other value
instead of letting undo silently skip a row. On SQLite, Alembic adds a CHECK by rebuilding the
table (copy, drop, rename); lib.migrate does that with foreign keys off and checks them before
commit, since `actual` and `actualchange` reference `uploadbatch`.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 19:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("uploadbatch") as batch_op:
        batch_op.create_check_constraint(
            "ck_uploadbatch_status", "status IN ('committed', 'undone')"
        )
    with op.batch_alter_table("actualchange") as batch_op:
        batch_op.create_check_constraint("ck_actualchange_action", "action IN ('insert', 'update')")


def downgrade() -> None:
    with op.batch_alter_table("actualchange") as batch_op:
        batch_op.drop_constraint("ck_actualchange_action", type_="check")
    with op.batch_alter_table("uploadbatch") as batch_op:
        batch_op.drop_constraint("ck_uploadbatch_status", type_="check")
