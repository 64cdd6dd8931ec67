"""Upcoming supervision and action due dates as an iCalendar file (RFC 5545) that
Outlook, Google Calendar and Apple Calendar import.

Each event is all-day (``DTSTART;VALUE=DATE``) and marked free, so it reminds
without blocking time. Its UID is stable (the person's or action's number and a
hash of the database), so importing a newer export updates events rather than
doubling them.

Names are left out unless the manager chooses otherwise. A calendar leaves the
app's protection: it syncs to phones and cloud services and is often shared with
an assistant or the whole team. By default an event says "Supervision: person
12" (the number shown on the person's page in the app). Initials are offered as
a middle way, but in a team of ten they identify someone as surely as a name.
Full names also add the action's words, which may be sensitive: a manager has to
ask for them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select

from wellbeing_desktop.services.summary import PersonSummary, team_summary
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import SessionAttendee, SupervisionAction

PRODID = "-//Wellbeing Desktop//Supervision calendar//EN"
LINE_OCTETS = 75
ACTION_TEXT_MAX = 80


class NameShown(StrEnum):
    NUMBER = "number"  # "person 12" (the default)
    INITIALS = "initials"
    FULL = "full"  # names, and the words of actions


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: dt.date
    summary: str
    description: str
    category: str  # "Supervision" or "Action"
    confirmed: bool  # a booked session (rather than a due date)


def initials(name: str) -> str:
    """'Siobhán O'Neill' -> 'S.O.'"""
    return "".join(f"{part[0].upper()}." for part in name.replace("-", " ").split() if part)


def _who(staff_id: int, name: str, shown: NameShown) -> str:
    if shown is NameShown.FULL:
        return name
    if shown is NameShown.INITIALS:
        return initials(name) or f"person {staff_id}"
    return f"person {staff_id}"


def upcoming_events(
    db: Database,
    team_ids: Sequence[int] | None,
    *,
    names: NameShown = NameShown.NUMBER,
    today: dt.date | None = None,
    days_ahead: int = 366,
) -> list[CalendarEvent]:
    """Each person's next supervision (the booked date, else the date it is due; an
    overdue one shows today) and the due dates of open actions from today on."""
    today = today or dt.date.today()
    until = today + dt.timedelta(days=days_ahead)
    summary = team_summary(db, team_ids, today=today)
    token = hashlib.sha256(str(db.url).encode()).hexdigest()[:10]
    people = {p.staff_id: p for p in summary.people}
    events: list[CalendarEvent] = []
    for person in summary.people:
        who = _who(person.staff_id, person.name, names)
        booked = person.next_session_booked
        if booked is not None:
            day, summary_text, confirmed = booked, f"Supervision: {who}", True
            detail = "Booked at the last session."
        elif person.supervision.overdue:
            day, confirmed = today, False
            due = person.supervision.due_on.strftime("%d/%m/%Y")
            summary_text = f"Supervision overdue: {who}"
            detail = f"Was due on {due}: book it."
        else:
            day, confirmed = person.supervision.due_on, False
            summary_text, detail = f"Supervision due: {who}", "Due by the role's interval."
        if day > until:
            continue
        events.append(
            CalendarEvent(
                uid=f"supervision-{person.staff_id}-{token}@wellbeing-desktop",
                day=day,
                summary=summary_text,
                description=f"{detail} Team: {person.team_name}. Role: {person.role_name}.",
                category="Supervision",
                confirmed=confirmed,
            )
        )
    events.extend(_action_events(db, people, names, today, until, token))
    return sorted(events, key=lambda e: (e.day, e.category, e.uid))


def _action_events(
    db: Database,
    people: dict[int, PersonSummary],
    names: NameShown,
    today: dt.date,
    until: dt.date,
    token: str,
) -> Iterable[CalendarEvent]:
    if not people:
        return []
    query = (
        select(
            SupervisionAction.id,
            SupervisionAction.due_on,
            SupervisionAction.text,
            SupervisionAction.owner_staff_id,
            SessionAttendee.staff_id,
        )
        .join(SessionAttendee, SessionAttendee.session_id == SupervisionAction.session_id)
        .where(
            SupervisionAction.done.is_(False),
            SupervisionAction.due_on.is_not(None),
            SupervisionAction.due_on >= today,
            SupervisionAction.due_on <= until,
            SessionAttendee.staff_id.in_(list(people)),
        )
        .order_by(SupervisionAction.id, SessionAttendee.staff_id)
    )
    chosen: dict[int, tuple[dt.date, str, int]] = {}  # action -> (due, words, person)
    with db.session() as session:
        for action_id, due_on, text, owner, attendee in session.execute(query):
            whose: int = owner if owner in people else attendee
            if due_on is not None and (action_id not in chosen or whose == owner):
                chosen[action_id] = (due_on, text, whose)
    events = []
    for action_id, (due_on, text, staff_id) in chosen.items():
        person = people[staff_id]
        who = _who(staff_id, person.name, names)
        summary = f"Action due: {who}"
        if names is NameShown.FULL:
            words = " ".join(text.split())
            if len(words) > ACTION_TEXT_MAX:
                words = words[: ACTION_TEXT_MAX - 1] + "…"
            summary += f" - {words}"
        events.append(
            CalendarEvent(
                uid=f"action-{action_id}-{token}@wellbeing-desktop",
                day=due_on,
                summary=summary,
                description=f"An action agreed in supervision. Team: {person.team_name}.",
                category="Action",
                confirmed=True,
            )
        )
    return events


# ---- the iCalendar text -----------------------------------------------------------------


def escape_text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon and comma escaped; newlines as \\n."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets (UTF-8), never inside a character; continuation
    lines start with a space (RFC 5545 section 3.1)."""
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def calendar_text(
    events: Iterable[CalendarEvent], *, stamp: dt.datetime, name: str = "Supervision"
) -> str:
    """The whole VCALENDAR, CRLF line endings, folded."""
    stamp_text = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{event.day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(event.day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(event.summary)}",
            f"DESCRIPTION:{escape_text(event.description)}",
            f"CATEGORIES:{escape_text(event.category)}",
            f"STATUS:{'CONFIRMED' if event.confirmed else 'TENTATIVE'}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def export_calendar(
    db: Database,
    team_ids: Sequence[int] | None,
    path: Path | str,
    *,
    names: NameShown = NameShown.NUMBER,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    title: str = "Supervision",
) -> int:
    """Write the .ics file; returns how many events it holds."""
    from wellbeing_desktop.services.exporting import write_atomically

    events = upcoming_events(db, team_ids, names=names, today=today)
    text = calendar_text(events, stamp=now or dt.datetime.now(dt.UTC), name=title)
    write_atomically(Path(path), lambda temp: temp.write_bytes(text.encode("utf-8")))
    return len(events)
