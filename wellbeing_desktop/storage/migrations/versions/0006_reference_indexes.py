"""Indexes on the columns that point at a person, a protection or another action and had
none.

Removing a row makes the database look for rows that point at it (to clear the link).
Without an index on the pointing column, that is a read of the whole table for every
row removed: applying retention to a ten-year organisation (about 1,200 leavers and
40,000 actions in their sessions) read ``supervision_action`` 40,000 times and ran for
many minutes; with these indexes it takes well under a second (300 staff × 10 years:
94 s before, 0.25 s after).

Revision ID: 0006_reference_indexes
Revises: 0005_learning
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006_reference_indexes"
down_revision: str | None = "0005_learning"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_supervision_action_carried_from_id", "supervision_action", "carried_from_id"),
    ("ix_supervision_session_supervisor_id", "supervision_session", "supervisor_id"),
    ("ix_staff_member_supervisor_id", "staff_member", "supervisor_id"),
    ("ix_development_programme_assessor_id", "development_programme", "assessor_id"),
    ("ix_development_programme_protection_id", "development_programme", "protection_id"),
)


def upgrade() -> None:
    for name, table, column in INDEXES:
        op.create_index(name, table, [column], unique=False)


def downgrade() -> None:
    for name, table, _column in reversed(INDEXES):
        op.drop_index(name, table_name=table)
