"""The columns the dashboard reads, described for SQLAlchemy Core alone.

The team summary, the caseload history and the team list are what the first
screen shows, and they are read before the window first paints. Importing the
ORM and declaring the models (``models.py``) costs about 0.1 s and 8 MB, and
setting the mappers up on first use more again, so those read-only queries
(``summary_queries.py``, ``services/trends.py``, ``services/teams.py``) are
written against these light descriptions instead, and the ORM is imported only
when something first writes or loads records (``Database.sessions``).

``models.py`` stays the one definition of the schema (the migrations are made
from it). This module names only the columns those queries use, with the same
types, so that values come back as they would through the models (dates as
dates, flags as booleans); ``tests/storage/test_tables.py`` checks every one of
them against ``models.py``.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Text, column, table

team = table(
    "team",
    column("id", Integer),
    column("name", String),
    column("service", String),
    column("manager_name", String),
    column("archived", Boolean),
)

role = table(
    "role",
    column("id", Integer),
    column("name", String),
    column("amber_threshold", Float),
    column("red_threshold", Float),
    column("uses_weighting", Boolean),
    column("supervision_interval_days", Integer),
    column("checkin_interval_days", Integer),
)

staff_member = table(
    "staff_member",
    column("id", Integer),
    column("team_id", Integer),
    column("role_id", Integer),
    column("name", String),
    column("job_title", String),
    column("fte", Float),
    column("start_date", Date),
    column("leaving_date", Date),
    column("created_at", DateTime(timezone=True)),
)

protection = table(
    "protection",
    column("id", Integer),
    column("staff_id", Integer),
    column("kind", String),
    column("start_date", Date),
    column("end_date", Date),
    column("limit_percent", Integer),
)

caseload_record = table(
    "caseload_record",
    column("id", Integer),
    column("staff_id", Integer),
    column("recorded_on", Date),
    column("open_cases", Integer),
    column("weighted_points", Float),
)

supervision_session = table(
    "supervision_session",
    column("id", Integer),
    column("next_session_on", Date),
)

session_attendee = table(
    "session_attendee",
    column("session_id", Integer),
    column("staff_id", Integer),
    column("held_on", Date),
    column("kind", String),
)

supervision_action = table(
    "supervision_action",
    column("session_id", Integer),
    column("owner_staff_id", Integer),
    column("due_on", Date),
    column("done", Boolean),
)

check_in = table(
    "check_in",
    column("staff_id", Integer),
    column("held_on", Date),
    column("follow_up_needed", Boolean),
    column("follow_up_done_on", Date),
)

signposting_record = table(
    "signposting_record",
    column("staff_id", Integer),
    column("follow_up_on", Date),
    column("outcome", Text),
    column("outcome_on", Date),
)

wellbeing_service = table("wellbeing_service", column("id", Integer))

team_establishment = table(
    "team_establishment",
    column("team_id", Integer),
    column("role_id", Integer),
    column("funded_fte", Float),
)

unallocated_cases = table(
    "unallocated_cases",
    column("team_id", Integer),
    column("recorded_on", Date),
    column("cases", Integer),
)

course = table(
    "course",
    column("id", Integer),
    column("key", String),
    column("name", String),
    column("category", String),
    column("renewal_months", Integer),
    column("mandatory_for_all", Boolean),
    column("archived", Boolean),
)

course_mandatory_role = table(
    "course_mandatory_role",
    column("course_id", Integer),
    column("role_id", Integer),
)

training_completion = table(
    "training_completion",
    column("id", Integer),
    column("staff_id", Integer),
    column("course_id", Integer),
    column("completed_on", Date),
    column("provider", String),
)

org_setting = table("org_setting", column("key", String), column("value", String))

workload_review = table(
    "workload_review",
    column("id", Integer),
    column("staff_id", Integer),
    column("trigger", String),
    column("agreed_on", Date),
    column("agreed_by", String),
    column("pause_until", Date),
    column("extra_supervision", Boolean),
    column("reduced_complexity", Boolean),
    column("other_action", Text),
    column("review_on", Date),
    column("closed_on", Date),
    column("outcome", Text),
)

workload_reallocation = table(
    "workload_reallocation",
    column("id", Integer),
    column("review_id", Integer),
    column("to_staff_id", Integer),
    column("cases", Integer),
    column("applied_on", Date),
)

ALL = (
    team,
    role,
    staff_member,
    protection,
    caseload_record,
    supervision_session,
    session_attendee,
    supervision_action,
    check_in,
    signposting_record,
    wellbeing_service,
    team_establishment,
    unallocated_cases,
    org_setting,
    workload_review,
    workload_reallocation,
    course,
    course_mandatory_role,
    training_completion,
)

development_programme = table(
    "development_programme",
    column("id", Integer),
    column("staff_id", Integer),
    column("kind", String),
    column("start_on", Date),
    column("expected_end_on", Date),
    column("finished_on", Date),
    column("outcome", String),
)

programme_milestone = table(
    "programme_milestone",
    column("id", Integer),
    column("programme_id", Integer),
    column("target_on", Date),
    column("signed_off_on", Date),
)
