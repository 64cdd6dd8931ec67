"""The data model: typed SQLAlchemy 2 declarative models.

Every table here is changed only through an Alembic migration in
``migrations/versions``. Choices (kinds, categories, statuses) are stored as
short strings; the services validate them, so a new choice needs no migration.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Timestamped:
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True),
        server_default=func.current_timestamp(),
        onupdate=func.current_timestamp(),
    )


class Team(Timestamped, Base):
    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    service: Mapped[str] = mapped_column(String(200), default="")
    manager_name: Mapped[str] = mapped_column(String(200), default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    staff: Mapped[list[StaffMember]] = relationship(back_populates="team")


class Role(Timestamped, Base):
    """A role and its safe caseload thresholds for one full-time post."""

    __tablename__ = "role"
    __table_args__ = (
        CheckConstraint("amber_threshold > 0", name="amber_positive"),
        CheckConstraint("red_threshold >= amber_threshold", name="red_not_below_amber"),
        CheckConstraint("supervision_interval_days > 0", name="supervision_interval_positive"),
        CheckConstraint("checkin_interval_days > 0", name="checkin_interval_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(64), unique=True)  # shipped defaults only
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Caseload at which a full-time post is "approaching" the limit (amber) ...
    amber_threshold: Mapped[float] = mapped_column(Float)
    # ... and the safe limit itself: above it is "over safe limit" (red).
    red_threshold: Mapped[float] = mapped_column(Float)
    # Whether thresholds count weighted points (complexity) rather than open cases.
    uses_weighting: Mapped[bool] = mapped_column(Boolean, default=False)
    supervision_interval_days: Mapped[int] = mapped_column(Integer, default=28)
    checkin_interval_days: Mapped[int] = mapped_column(Integer, default=28)
    source: Mapped[str] = mapped_column(Text, default="")

    staff: Mapped[list[StaffMember]] = relationship(back_populates="role")


class StaffMember(Timestamped, Base):
    __tablename__ = "staff_member"
    __table_args__ = (
        CheckConstraint("fte > 0 AND fte <= 1.5", name="fte_range"),
        Index("ix_staff_member_team_id", "team_id"),
        Index("ix_staff_member_supervisor_id", "supervisor_id"),  # 0006
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"))
    role_id: Mapped[int] = mapped_column(ForeignKey("role.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    pay_band: Mapped[str] = mapped_column(String(40), default="")
    fte: Mapped[float] = mapped_column(Float, default=1.0)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    leaving_date: Mapped[dt.date | None] = mapped_column(Date)
    supervisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    notes: Mapped[str] = mapped_column(Text, default="")

    team: Mapped[Team] = relationship(back_populates="staff")
    role: Mapped[Role] = relationship(back_populates="staff")
    supervisor: Mapped[StaffMember | None] = relationship(remote_side="StaffMember.id")
    protections: Mapped[list[Protection]] = relationship(
        back_populates="staff_member", cascade="all, delete-orphan"
    )


class Protection(Timestamped, Base):
    """A dated situation that lowers a person's safe caseload (e.g. newly qualified)."""

    __tablename__ = "protection"
    __table_args__ = (
        CheckConstraint("limit_percent > 0 AND limit_percent <= 100", name="limit_percent_range"),
        Index("ix_protection_staff_id", "staff_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    limit_percent: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")

    staff_member: Mapped[StaffMember] = relationship(back_populates="protections")


class CaseloadRecord(Timestamped, Base):
    """A person's caseload on one date. History is kept; one record per person per day."""

    __tablename__ = "caseload_record"
    __table_args__ = (
        UniqueConstraint("staff_id", "recorded_on", name="uq_caseload_record_staff_day"),
        CheckConstraint("open_cases >= 0", name="open_cases_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id", ondelete="CASCADE"))
    recorded_on: Mapped[dt.date] = mapped_column(Date)
    open_cases: Mapped[int] = mapped_column(Integer)
    # Sum of cases × weight over the bands, when complexity was recorded.
    weighted_points: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")

    bands: Mapped[list[CaseloadBand]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="CaseloadBand.id"
    )


class CaseloadBand(Base):
    """Cases at one complexity level within a caseload record, with that level's weight."""

    __tablename__ = "caseload_band"
    __table_args__ = (
        CheckConstraint("cases >= 0", name="cases_not_negative"),
        CheckConstraint("weight >= 0", name="weight_not_negative"),
        Index("ix_caseload_band_record_id", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("caseload_record.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(80))
    cases: Mapped[int] = mapped_column(Integer)
    weight: Mapped[float] = mapped_column(Float)

    record: Mapped[CaseloadRecord] = relationship(back_populates="bands")


class SupervisionSession(Timestamped, Base):
    __tablename__ = "supervision_session"
    __table_args__ = (
        CheckConstraint("duration_minutes >= 0", name="duration_not_negative"),
        Index("ix_supervision_session_held_on", "held_on"),
        Index("ix_supervision_session_supervisor_id", "supervisor_id"),  # 0006
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    held_on: Mapped[dt.date] = mapped_column(Date)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    supervisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    supervisor_name: Mapped[str] = mapped_column(String(200), default="")
    casework: Mapped[str] = mapped_column(Text, default="")
    learning: Mapped[str] = mapped_column(Text, default="")
    wellbeing: Mapped[str] = mapped_column(Text, default="")
    reflection: Mapped[str] = mapped_column(Text, default="")
    caseload_reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    caseload_figure: Mapped[int | None] = mapped_column(Integer)
    next_session_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    agreed_on: Mapped[dt.date | None] = mapped_column(Date)

    attendees: Mapped[list[SessionAttendee]] = relationship(
        back_populates="session", cascade="all, delete-orphan"
    )
    actions: Mapped[list[SupervisionAction]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SupervisionAction.id"
    )


class SessionAttendee(Base):
    """A supervisee at a session. ``held_on`` and ``kind`` are copied from the session so
    that "when was each person last supervised" is one index lookup per person."""

    __tablename__ = "session_attendee"
    __table_args__ = (Index("ix_session_attendee_staff_held", "staff_id", "held_on", "kind"),)

    session_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_session.id", ondelete="CASCADE"), primary_key=True
    )
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_member.id", ondelete="CASCADE"), primary_key=True
    )
    held_on: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40))

    session: Mapped[SupervisionSession] = relationship(back_populates="attendees")


class SupervisionAction(Timestamped, Base):
    __tablename__ = "supervision_action"
    __table_args__ = (
        Index("ix_supervision_action_session_id", "session_id"),
        Index("ix_supervision_action_owner_open", "owner_staff_id", "done", "due_on"),
        # Removing actions looks for those carried forward from them (0006).
        Index("ix_supervision_action_carried_from_id", "carried_from_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_session.id", ondelete="CASCADE")
    )
    text: Mapped[str] = mapped_column(Text)
    owner_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    owner_name: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("supervision_action.id", ondelete="SET NULL")
    )
    # The development-plan objective this action serves, if any (added in 0005).
    objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("development_objective.id", ondelete="SET NULL"), index=True
    )

    session: Mapped[SupervisionSession] = relationship(back_populates="actions")


class CheckIn(Timestamped, Base):
    """A short wellbeing check-in. Scales run 1 (worst) to 5 (best) except stress,
    where 5 is the most stressed. Never a diagnosis."""

    __tablename__ = "check_in"
    __table_args__ = (
        Index("ix_check_in_staff_held", "staff_id", "held_on"),
        # Open follow-ups are few among years of check-ins: found by index, not by a scan.
        Index("ix_check_in_follow_up_open", "follow_up_needed", "follow_up_done_on", "staff_id"),
        CheckConstraint("overall BETWEEN 1 AND 5", name="overall_range"),
        CheckConstraint("workload BETWEEN 1 AND 5", name="workload_range"),
        CheckConstraint("stress BETWEEN 1 AND 5", name="stress_range"),
        CheckConstraint("support BETWEEN 1 AND 5", name="support_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id", ondelete="CASCADE"))
    held_on: Mapped[dt.date] = mapped_column(Date)
    overall: Mapped[int] = mapped_column(Integer)
    workload: Mapped[int] = mapped_column(Integer)
    stress: Mapped[int] = mapped_column(Integer)
    support: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    follow_up_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    follow_up_done_on: Mapped[dt.date | None] = mapped_column(Date)


class WellbeingService(Timestamped, Base):
    """An entry in the organisation's directory of wellbeing services."""

    __tablename__ = "wellbeing_service"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(64), unique=True)  # shipped entries only
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(80), default="")
    text_number: Mapped[str] = mapped_column(String(80), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    hours: Mapped[str] = mapped_column(String(300), default="")
    audience: Mapped[str] = mapped_column(String(300), default="")
    nation: Mapped[str] = mapped_column(String(40), default="UK")
    always_open: Mapped[bool] = mapped_column(Boolean, default=False)
    last_checked: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text, default="")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)


class SignpostingRecord(Timestamped, Base):
    __tablename__ = "signposting_record"
    __table_args__ = (
        Index("ix_signposting_record_staff_on", "staff_id", "signposted_on"),
        Index("ix_signposting_record_follow_up", "follow_up_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id", ondelete="CASCADE"))
    service_id: Mapped[int] = mapped_column(ForeignKey("wellbeing_service.id", ondelete="RESTRICT"))
    signposted_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(40))
    notes: Mapped[str] = mapped_column(Text, default="")
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(Text, default="")
    outcome_on: Mapped[dt.date | None] = mapped_column(Date)


class AuditEntry(Base):
    """One line of the audit trail: who did what to which record, and when.

    Never personal data: ``actor`` is the manager (OS user or configured name),
    ``detail`` names fields or counts, never their values. Each entry's ``hash``
    covers the previous entry's hash and its own fields (see ``storage/audit.py``),
    so editing, removing or reordering entries breaks the chain.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_at", "at"),
        Index("ix_audit_entry_record", "record_type", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))  # UTC
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(String(500), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditChainHead(Base):
    """The one row that says where the audit chain ends. Writers lock it (an UPDATE)
    before reading the last hash, so concurrent writers append one after the other;
    ``entries`` also shows when entries have been cut off the end."""

    __tablename__ = "audit_chain_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    entries: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class OrgSetting(Base):
    """An organisation-wide rule shared by every manager using the database
    (e.g. the retention period). Values are text; the services parse and validate."""

    __tablename__ = "org_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


# -- workload: reviews, reallocations, establishment (0004) ------------------------------


class WorkloadReview(Timestamped, Base):
    """What a manager and a person agreed when the person's caseload was over the limit
    (or approaching it for too long), and when it will be looked at again.

    Open while ``closed_on`` is empty; the services decide what is overdue."""

    __tablename__ = "workload_review"
    __table_args__ = (
        Index("ix_workload_review_staff_open", "staff_id", "closed_on"),
        CheckConstraint("review_on >= agreed_on", name="review_not_before_agreed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id", ondelete="CASCADE"))
    # The status that led to the review: "red", "amber" (for too long) or "manager".
    trigger: Mapped[str] = mapped_column(String(20), default="red")
    agreed_on: Mapped[dt.date] = mapped_column(Date)
    agreed_by: Mapped[str] = mapped_column(String(200), default="")
    # No new cases for this person until this date (inclusive).
    pause_until: Mapped[dt.date | None] = mapped_column(Date)
    extra_supervision: Mapped[bool] = mapped_column(Boolean, default=False)
    reduced_complexity: Mapped[bool] = mapped_column(Boolean, default=False)
    other_action: Mapped[str] = mapped_column(Text, default="")
    review_on: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(Text, default="")

    reallocations: Mapped[list[WorkloadReallocation]] = relationship(
        back_populates="review",
        cascade="all, delete-orphan",
        order_by="WorkloadReallocation.id",
    )


class WorkloadReallocation(Timestamped, Base):
    """Cases a workload review agreed to move from its person to someone else.
    ``applied_on`` is set when both people's caseload records were changed."""

    __tablename__ = "workload_reallocation"
    __table_args__ = (
        CheckConstraint("cases > 0", name="cases_positive"),
        Index("ix_workload_reallocation_review_id", "review_id"),
        Index("ix_workload_reallocation_to_staff_id", "to_staff_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("workload_review.id", ondelete="CASCADE"))
    to_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    cases: Mapped[int] = mapped_column(Integer)
    applied_on: Mapped[dt.date | None] = mapped_column(Date)

    review: Mapped[WorkloadReview] = relationship(back_populates="reallocations")


class TeamEstablishment(Timestamped, Base):
    """The funded full-time equivalent for one role in one team."""

    __tablename__ = "team_establishment"
    __table_args__ = (
        UniqueConstraint("team_id", "role_id", name="uq_team_establishment_team_role"),
        CheckConstraint("funded_fte >= 0", name="funded_fte_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    role_id: Mapped[int] = mapped_column(ForeignKey("role.id", ondelete="RESTRICT"))
    funded_fte: Mapped[float] = mapped_column(Float)


class UnallocatedCases(Timestamped, Base):
    """How many cases were waiting to be allocated in a team on a date (history kept)."""

    __tablename__ = "unallocated_cases"
    __table_args__ = (
        UniqueConstraint("team_id", "recorded_on", name="uq_unallocated_cases_team_day"),
        CheckConstraint("cases >= 0", name="cases_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    recorded_on: Mapped[dt.date] = mapped_column(Date)
    cases: Mapped[int] = mapped_column(Integer)


# -- learning and development (0005) -----------------------------------------------------


class Course(Timestamped, Base):
    """A training course. Mandatory for everyone (``mandatory_for_all``), for the roles
    in ``mandatory_roles``, or for no one (optional)."""

    __tablename__ = "course"
    __table_args__ = (
        CheckConstraint(
            "renewal_months IS NULL OR renewal_months > 0", name="renewal_months_positive"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(64), unique=True)  # shipped defaults only
    name: Mapped[str] = mapped_column(String(200), unique=True)
    category: Mapped[str] = mapped_column(String(40), default="")
    # Months until a completion expires; empty when it never does.
    renewal_months: Mapped[int | None] = mapped_column(Integer)
    mandatory_for_all: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    # The roles it is mandatory for (edit through ``mandatory_links``).
    mandatory_links: Mapped[list[CourseMandatoryRole]] = relationship(cascade="all, delete-orphan")
    mandatory_roles: Mapped[list[Role]] = relationship(
        secondary="course_mandatory_role", viewonly=True, order_by="Role.name"
    )


class CourseMandatoryRole(Base):
    """A role a course is mandatory for."""

    __tablename__ = "course_mandatory_role"

    course_id: Mapped[int] = mapped_column(
        ForeignKey("course.id", ondelete="CASCADE"), primary_key=True
    )
    role_id: Mapped[int] = mapped_column(
        ForeignKey("role.id", ondelete="CASCADE"), primary_key=True
    )


class TrainingCompletion(Timestamped, Base):
    """One person completing one course on a date. Expiry is worked out from the
    course's renewal interval by the services, never stored."""

    __tablename__ = "training_completion"
    __table_args__ = (
        Index("ix_training_completion_staff_course", "staff_id", "course_id", "completed_on"),
        Index("ix_training_completion_course_id", "course_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id", ondelete="CASCADE"))
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="RESTRICT"))
    completed_on: Mapped[dt.date] = mapped_column(Date)
    provider: Mapped[str] = mapped_column(String(200), default="")
    evidence: Mapped[str] = mapped_column(Text, default="")


class DevelopmentProgramme(Timestamped, Base):
    """A dated programme for a new starter or newly qualified person: induction,
    preceptorship or a skills passport. A preceptorship sets the protection the
    caseload limits respect (``protection_id``) and finishing it ends that protection."""

    __tablename__ = "development_programme"
    __table_args__ = (
        Index("ix_development_programme_staff_id", "staff_id"),
        Index("ix_development_programme_assessor_id", "assessor_id"),  # 0006
        Index("ix_development_programme_protection_id", "protection_id"),  # 0006
        CheckConstraint("expected_end_on >= start_on", name="end_not_before_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    start_on: Mapped[dt.date] = mapped_column(Date)
    expected_end_on: Mapped[dt.date] = mapped_column(Date)
    # The preceptor or assessor: a colleague on record, or a name from outside.
    assessor_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    assessor_name: Mapped[str] = mapped_column(String(200), default="")
    finished_on: Mapped[dt.date | None] = mapped_column(Date)
    # How it finished: "completed", "extended", "withdrawn" (empty while running).
    outcome: Mapped[str] = mapped_column(String(20), default="")
    protection_id: Mapped[int | None] = mapped_column(
        ForeignKey("protection.id", ondelete="SET NULL")
    )
    notes: Mapped[str] = mapped_column(Text, default="")

    milestones: Mapped[list[ProgrammeMilestone]] = relationship(
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="ProgrammeMilestone.position",
    )


class ProgrammeMilestone(Timestamped, Base):
    """A milestone or competency in a programme, with its target date and sign-off."""

    __tablename__ = "programme_milestone"
    __table_args__ = (Index("ix_programme_milestone_programme_id", "programme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("development_programme.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    target_on: Mapped[dt.date | None] = mapped_column(Date)
    signed_off_on: Mapped[dt.date | None] = mapped_column(Date)
    signed_off_by: Mapped[str] = mapped_column(String(200), default="")

    programme: Mapped[DevelopmentProgramme] = relationship(back_populates="milestones")


class DevelopmentPlan(Timestamped, Base):
    """A person's personal development plan for one year (the year it starts in)."""

    __tablename__ = "development_plan"
    __table_args__ = (UniqueConstraint("staff_id", "year", name="uq_development_plan_staff_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    agreed_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    objectives: Mapped[list[DevelopmentObjective]] = relationship(
        back_populates="plan",
        cascade="all, delete-orphan",
        order_by="DevelopmentObjective.id",
    )


class DevelopmentObjective(Timestamped, Base):
    """One objective in a development plan: "open", "achieved" or "dropped"."""

    __tablename__ = "development_objective"
    __table_args__ = (Index("ix_development_objective_plan_id", "plan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("development_plan.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    target_on: Mapped[dt.date | None] = mapped_column(Date)
    progress: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    achieved_on: Mapped[dt.date | None] = mapped_column(Date)

    plan: Mapped[DevelopmentPlan] = relationship(back_populates="objectives")


class CpdEntry(Timestamped, Base):
    """A continuing professional development activity, with hours and a reflection
    (evidence for professional revalidation)."""

    __tablename__ = "cpd_entry"
    __table_args__ = (
        Index("ix_cpd_entry_staff_done", "staff_id", "done_on"),
        CheckConstraint("hours >= 0", name="hours_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id", ondelete="CASCADE"))
    done_on: Mapped[dt.date] = mapped_column(Date)
    activity: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(40), default="")
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    reflection: Mapped[str] = mapped_column(Text, default="")
