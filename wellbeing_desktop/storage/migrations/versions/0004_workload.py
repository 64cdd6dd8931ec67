"""Workload reviews, their reallocations, team establishment and cases waiting.

A red (or long amber) status leads to a recorded plan; teams have a funded
establishment per role and a dated count of cases waiting to be allocated.

Revision ID: 0004_workload
Revises: 0003_check_in_follow_up_index
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_workload"
down_revision: str | None = "0003_check_in_follow_up_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "team_establishment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.Column("funded_fte", sa.Float(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "funded_fte >= 0", name=op.f("ck_team_establishment_funded_fte_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["role.id"],
            name=op.f("fk_team_establishment_role_id_role"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_team_establishment_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_establishment")),
        sa.UniqueConstraint("team_id", "role_id", name="uq_team_establishment_team_role"),
    )
    op.create_table(
        "unallocated_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint("cases >= 0", name=op.f("ck_unallocated_cases_cases_not_negative")),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_unallocated_cases_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unallocated_cases")),
        sa.UniqueConstraint("team_id", "recorded_on", name="uq_unallocated_cases_team_day"),
    )
    op.create_table(
        "workload_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("trigger", sa.String(length=20), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=False),
        sa.Column("agreed_by", sa.String(length=200), nullable=False),
        sa.Column("pause_until", sa.Date(), nullable=True),
        sa.Column("extra_supervision", sa.Boolean(), nullable=False),
        sa.Column("reduced_complexity", sa.Boolean(), nullable=False),
        sa.Column("other_action", sa.Text(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "review_on >= agreed_on", name=op.f("ck_workload_review_review_not_before_agreed")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_member.id"],
            name=op.f("fk_workload_review_staff_id_staff_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workload_review")),
    )
    with op.batch_alter_table("workload_review", schema=None) as batch_op:
        batch_op.create_index(
            "ix_workload_review_staff_open", ["staff_id", "closed_on"], unique=False
        )

    op.create_table(
        "workload_reallocation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("to_staff_id", sa.Integer(), nullable=True),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint("cases > 0", name=op.f("ck_workload_reallocation_cases_positive")),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["workload_review.id"],
            name=op.f("fk_workload_reallocation_review_id_workload_review"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_staff_id"],
            ["staff_member.id"],
            name=op.f("fk_workload_reallocation_to_staff_id_staff_member"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workload_reallocation")),
    )
    with op.batch_alter_table("workload_reallocation", schema=None) as batch_op:
        batch_op.create_index("ix_workload_reallocation_review_id", ["review_id"], unique=False)
        batch_op.create_index("ix_workload_reallocation_to_staff_id", ["to_staff_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("workload_reallocation", schema=None) as batch_op:
        batch_op.drop_index("ix_workload_reallocation_to_staff_id")
        batch_op.drop_index("ix_workload_reallocation_review_id")

    op.drop_table("workload_reallocation")
    with op.batch_alter_table("workload_review", schema=None) as batch_op:
        batch_op.drop_index("ix_workload_review_staff_open")

    op.drop_table("workload_review")
    op.drop_table("unallocated_cases")
    op.drop_table("team_establishment")
