"""An index for open check-in follow-ups.

The team summary counts each person's open follow-ups; without this index that
count read every check-in ever recorded (about 20 ms of the organisation summary
on ten years of history, and growing).

Revision ID: 0003_check_in_follow_up_index
Revises: 0002_audit
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003_check_in_follow_up_index"
down_revision: str | None = "0002_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_check_in_follow_up_open",
        "check_in",
        ["follow_up_needed", "follow_up_done_on", "staff_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_check_in_follow_up_open", table_name="check_in")
