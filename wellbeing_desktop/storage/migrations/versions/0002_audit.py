"""audit trail and organisation settings

Adds the tamper-evident audit trail (``audit_entry``, chained by hashes, and the
one-row ``audit_chain_head`` that writers lock to append in turn) and
``org_setting`` for organisation-wide rules, starting with the retention period.

Revision ID: 0002_audit
Revises: 0001_initial
Create Date: 2026-11-26 23:07:19.559652
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_audit"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out here rather than imported: a migration must not change when the app does.
GENESIS_HASH = "0" * 64
DEFAULT_RETENTION_YEARS = "6"


def upgrade() -> None:
    chain_head = op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_chain_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.String(length=500), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entry_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_entry_record", ["record_type", "record_id"], unique=False)
    org_setting = op.create_table(
        "org_setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_org_setting")),
    )
    # The chain starts empty; earlier changes were not audited and are not invented here.
    op.bulk_insert(chain_head, [{"id": 1, "entries": 0, "last_hash": GENESIS_HASH}])
    # Six years after leaving is a common choice for staff records in UK health and care
    # (see services/retention.py); each organisation sets its own.
    op.bulk_insert(org_setting, [{"key": "retention_years", "value": DEFAULT_RETENTION_YEARS}])


def downgrade() -> None:
    op.drop_table("org_setting")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_record")
        batch_op.drop_index("ix_audit_entry_at")
    op.drop_table("audit_entry")
    op.drop_table("audit_chain_head")
