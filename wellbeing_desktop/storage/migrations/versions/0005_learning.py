"""Learning and development: courses, completions, programmes, plans, CPD.

Also links a supervision action to the development objective it serves.

Revision ID: 0005_learning
Revises: 0004_workload
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_learning"
down_revision: str | None = "0004_workload"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "course",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("renewal_months", sa.Integer(), nullable=True),
        sa.Column("mandatory_for_all", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
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
            "renewal_months IS NULL OR renewal_months > 0",
            name=op.f("ck_course_renewal_months_positive"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course")),
        sa.UniqueConstraint("key", name=op.f("uq_course_key")),
        sa.UniqueConstraint("name", name=op.f("uq_course_name")),
    )
    op.create_table(
        "course_mandatory_role",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_course_mandatory_role_course_id_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["role.id"],
            name=op.f("fk_course_mandatory_role_role_id_role"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("course_id", "role_id", name=op.f("pk_course_mandatory_role")),
    )
    op.create_table(
        "cpd_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("activity", sa.String(length=300), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("reflection", sa.Text(), nullable=False),
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
        sa.CheckConstraint("hours >= 0", name=op.f("ck_cpd_entry_hours_not_negative")),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_member.id"],
            name=op.f("fk_cpd_entry_staff_id_staff_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cpd_entry")),
    )
    with op.batch_alter_table("cpd_entry", schema=None) as batch_op:
        batch_op.create_index("ix_cpd_entry_staff_done", ["staff_id", "done_on"], unique=False)

    op.create_table(
        "development_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_member.id"],
            name=op.f("fk_development_plan_staff_id_staff_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_development_plan")),
        sa.UniqueConstraint("staff_id", "year", name="uq_development_plan_staff_year"),
    )
    op.create_table(
        "training_completion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_training_completion_course_id_course"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_member.id"],
            name=op.f("fk_training_completion_staff_id_staff_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_completion")),
    )
    with op.batch_alter_table("training_completion", schema=None) as batch_op:
        batch_op.create_index("ix_training_completion_course_id", ["course_id"], unique=False)
        batch_op.create_index(
            "ix_training_completion_staff_course",
            ["staff_id", "course_id", "completed_on"],
            unique=False,
        )

    op.create_table(
        "development_objective",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target_on", sa.Date(), nullable=True),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("achieved_on", sa.Date(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["development_plan.id"],
            name=op.f("fk_development_objective_plan_id_development_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_development_objective")),
    )
    with op.batch_alter_table("development_objective", schema=None) as batch_op:
        batch_op.create_index("ix_development_objective_plan_id", ["plan_id"], unique=False)

    op.create_table(
        "development_programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("expected_end_on", sa.Date(), nullable=False),
        sa.Column("assessor_id", sa.Integer(), nullable=True),
        sa.Column("assessor_name", sa.String(length=200), nullable=False),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("protection_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
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
            "expected_end_on >= start_on",
            name=op.f("ck_development_programme_end_not_before_start"),
        ),
        sa.ForeignKeyConstraint(
            ["assessor_id"],
            ["staff_member.id"],
            name=op.f("fk_development_programme_assessor_id_staff_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["protection_id"],
            ["protection.id"],
            name=op.f("fk_development_programme_protection_id_protection"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_member.id"],
            name=op.f("fk_development_programme_staff_id_staff_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_development_programme")),
    )
    with op.batch_alter_table("development_programme", schema=None) as batch_op:
        batch_op.create_index("ix_development_programme_staff_id", ["staff_id"], unique=False)

    op.create_table(
        "programme_milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("target_on", sa.Date(), nullable=True),
        sa.Column("signed_off_on", sa.Date(), nullable=True),
        sa.Column("signed_off_by", sa.String(length=200), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["development_programme.id"],
            name=op.f("fk_programme_milestone_programme_id_development_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_milestone")),
    )
    with op.batch_alter_table("programme_milestone", schema=None) as batch_op:
        batch_op.create_index("ix_programme_milestone_programme_id", ["programme_id"], unique=False)

    with op.batch_alter_table("supervision_action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("objective_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_supervision_action_objective_id"), ["objective_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_supervision_action_objective_id_development_objective"),
            "development_objective",
            ["objective_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("supervision_action", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_supervision_action_objective_id_development_objective"),
            type_="foreignkey",
        )
        batch_op.drop_index(batch_op.f("ix_supervision_action_objective_id"))
        batch_op.drop_column("objective_id")

    with op.batch_alter_table("programme_milestone", schema=None) as batch_op:
        batch_op.drop_index("ix_programme_milestone_programme_id")

    op.drop_table("programme_milestone")
    with op.batch_alter_table("development_programme", schema=None) as batch_op:
        batch_op.drop_index("ix_development_programme_staff_id")

    op.drop_table("development_programme")
    with op.batch_alter_table("development_objective", schema=None) as batch_op:
        batch_op.drop_index("ix_development_objective_plan_id")

    op.drop_table("development_objective")
    with op.batch_alter_table("training_completion", schema=None) as batch_op:
        batch_op.drop_index("ix_training_completion_staff_course")
        batch_op.drop_index("ix_training_completion_course_id")

    op.drop_table("training_completion")
    op.drop_table("development_plan")
    with op.batch_alter_table("cpd_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_cpd_entry_staff_done")

    op.drop_table("cpd_entry")
    op.drop_table("course_mandatory_role")
    op.drop_table("course")
