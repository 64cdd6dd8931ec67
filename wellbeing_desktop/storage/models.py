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
        CheckConstraint(
            "limit_percent > 0 AND limit_percent <= 100", name="limit_percent_range"
        ),
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
    __table_args__ = (
        Index("ix_session_attendee_staff_held", "staff_id", "held_on", "kind"),
    )

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
    service_id: Mapped[int] = mapped_column(
        ForeignKey("wellbeing_service.id", ondelete="RESTRICT")
    )
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
