"""The personal wellbeing and support summary: one person's check-ins, signposting,
supervision and agreed actions, marked confidential. Free-text notes appear only
when the manager asks for them (``include_notes``); the service leaves them out
otherwise, so they are never in the PDF at all."""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from wellbeing_desktop.reports import template
from wellbeing_desktop.reports.chart import ScoreChart
from wellbeing_desktop.reports.formatting import (
    NONE,
    long_date,
    number,
    plural,
    short_date,
)
from wellbeing_desktop.reports.template import ReportSetup, para
from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.due import describe_overdue
from wellbeing_desktop.services.report_data import WellbeingSummary, wellbeing_summary
from wellbeing_desktop.services.summary import RECENT_CASELOAD_DAYS
from wellbeing_desktop.storage.database import Database

WIDTH = 595.28 - 2 * template.MARGIN
MARKING = "CONFIDENTIAL"
HANDLING = (
    "Personal wellbeing information. Share only with the person's agreement; shred after use."
)


def build(
    db: Database,
    *,
    staff_id: int,
    include_notes: bool = False,
    months: int = 12,
    today: dt.date | None = None,
    printed_at: dt.datetime | None = None,
) -> bytes:
    summary = wellbeing_summary(
        db, staff_id, months=months, include_notes=include_notes, today=today
    )
    setup = ReportSetup(
        title="Wellbeing and support summary",
        scope=summary.person.name,
        subject=(
            f"Confidential wellbeing and support summary, {short_date(summary.since)} to "
            f"{short_date(summary.today)}"
        ),
        marking=MARKING,
        handling=HANDLING,
        printed_at=printed_at,
        keywords=("wellbeing", "confidential"),
    )
    return template.build_pdf(setup, _story(summary))


def _story(s: WellbeingSummary) -> list[Flowable]:
    person = s.person
    story: list[Flowable] = [
        template.banner(
            "CONFIDENTIAL. For the person named and their line manager. It supports a "
            "conversation about wellbeing and support; it is not a diagnosis.",
            WIDTH,
        ),
        Spacer(1, 8),
        para(person.name, "h1"),
        para(_facts(s), "facts"),
        para(
            "Notes are included, as the manager chose when printing."
            if s.include_notes
            else "Notes are not included. (They can be printed only when the manager asks.)",
            "small",
        ),
        Spacer(1, 4),
        _cards(s),
        Spacer(1, 6),
    ]
    story += _work(s)
    story += _checkins(s)
    story += _signposting(s)
    story += _supervision(s)
    story += _actions(s)
    return story


def _facts(s: WellbeingSummary) -> str:
    person = s.person
    facts = [person.job_title or person.role_name, person.team_name, f"{number(person.fte)} FTE"]
    if person.start_date:
        facts.append(f"started {short_date(person.start_date)}")
    for protection in person.protections:
        if protection.start_date <= s.today and (
            protection.end_date is None or protection.end_date >= s.today
        ):
            facts.append(f"{protection.label.lower()} since {short_date(protection.start_date)}")
    facts.append(f"covering {long_date(s.since)} to {long_date(s.today)}")
    return "  ·  ".join(facts)


def _cards(s: WellbeingSummary) -> Flowable:
    latest = s.checkins[-1].record if s.checkins else None
    open_follow_ups = sum(
        1
        for point in s.checkins
        if point.record.follow_up_needed and not point.record.follow_up_done_on
    ) + sum(1 for record in s.signposting if s.follow_up_due(record))
    open_actions = [a for a in s.actions if not a.done]
    overdue = [a for a in open_actions if s.action_overdue(a)]
    figures = [
        (
            f"{latest.score} / 20" if latest else NONE,
            f"Latest check-in score ({short_date(latest.held_on)})" if latest else "No check-ins",
            None,
        ),
        (str(len(s.checkins)), "Check-ins in this period", None),
        (str(open_follow_ups), "Follow-ups open", "warn" if open_follow_ups else None),
        (str(len(s.signposting)), "Times signposted", None),
        (
            f"{len(open_actions)}" + (f" (✕ {len(overdue)})" if overdue else ""),
            "Open actions" + (" (overdue)" if overdue else ""),
            "alert" if overdue else None,
        ),
    ]
    return template.cards(figures, [WIDTH * share for share in (0.24, 0.17, 0.17, 0.18, 0.24)])


def _work(s: WellbeingSummary) -> list[Flowable]:
    p = s.position
    if p is None:
        person, when = s.person, ""
        if person.leaving_date is not None and person.leaving_date <= s.today:
            when = f"left on {short_date(person.leaving_date)}; "
        elif person.start_date is not None and person.start_date > s.today:
            when = f"starts on {short_date(person.start_date)}; "
        return [
            para(
                f"Not in post today: {when}no current caseload or supervision position.",
                "small",
            )
        ]
    # The status said once: 'No caseload recorded; a limit of 40 for 1 FTE' (services),
    # then the record's date, marked old by the caseload report's rule (services).
    recorded = ""
    if p.recorded_on is not None:
        recorded = f"; recorded {short_date(p.recorded_on)}"
        if not p.record_is_recent:
            recorded += f" (old: more than {RECENT_CASELOAD_DAYS} days ago)"
    lines = [f"<b>Caseload:</b> {p.status.symbol} {template.text(p.caseload_sentence)}{recorded}."]
    due = p.supervision
    supervision = f"last {short_date(due.last)}" if due.last else "no supervision recorded"
    if due.overdue:
        supervision += f"; ✕ overdue by {describe_overdue(due.overdue_days)}"
    elif p.next_session_booked:
        supervision += f"; next booked for {short_date(p.next_session_booked)}"
    else:
        supervision += f"; next due by {short_date(due.due_on)}"
    lines.append(f"<b>Supervision:</b> {supervision}.")
    style = "body"
    story: list[Flowable] = [para("Work today", "h2")]
    story += [template.markup(line, style) for line in lines]
    if p.status is CaseloadStatus.RED:
        story.append(
            para(
                "A caseload over the safe limit is a workload matter for the organisation "
                "to act on, not a reflection on the person.",
                "small",
            )
        )
    return story


def _checkins(s: WellbeingSummary) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(160), para("Wellbeing check-ins", "h2")]
    if not s.checkins:
        return [*story, para("No check-ins in this period.", "small")]
    points = [
        (c.record.held_on, c.record.score, c.prompt is not None or c.record.follow_up_needed)
        for c in s.checkins
    ]
    story += [
        ScoreChart(points, max(s.since, s.person.start_date or s.since), s.today, WIDTH, 120),
        Spacer(1, 6),
    ]
    header = ["Date", "Overall", "Workload", "Stress", "Support", "Score", "Follow-up"]
    widths = [58, 46, 56, 44, 52, 46]
    if s.include_notes:
        header.append("Notes")
        widths += [110]
    widths.insert(6, WIDTH - sum(widths))
    rows: list[list[object]] = [[para(h, "cell_bold") for h in header]]
    for point in s.checkins:
        record = point.record
        if record.follow_up_needed:
            follow = (
                f"✓ Followed up {short_date(record.follow_up_done_on)}"
                if record.follow_up_done_on
                else "▲ Follow-up agreed, not yet done"
            )
        elif point.prompt:
            follow = f"▲ Prompt: {point.prompt}"
        else:
            follow = NONE
        row = [
            short_date(record.held_on),
            f"{record.overall} / 5",
            f"{record.workload} / 5",
            f"{record.stress} / 5",
            f"{record.support} / 5",
            f"{record.score} / 20",
            para(follow, "cell"),
        ]
        if s.include_notes:
            row.append(para(record.notes or NONE, "cell"))
        rows.append(row)
    story.append(template.table(rows, widths))
    story.append(
        para(
            "Scales run 1 to 5: overall wellbeing, workload feels manageable, stress and "
            "feeling supported. 5 is best, except stress, where 5 is the most stressed. The "
            "score adds the four (stress reversed): 4 is the lowest, 20 the highest. A prompt "
            "suggests a conversation; it is not a diagnosis.",
            "small",
        )
    )
    return story


def _signposting(s: WellbeingSummary) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(80), para("Signposting", "h2")]
    if not s.signposting:
        return [*story, para("No signposting in this period.", "small")]
    header = ["Date", "Service", "Reason", "Follow up", "Outcome"]
    rows: list[list[object]] = [[para(h, "cell_bold") for h in header]]
    for record in s.signposting:
        if record.outcome_on:
            outcome = f"Recorded {short_date(record.outcome_on)}"
            if s.include_notes and record.outcome:
                outcome += f": {record.outcome}"
        elif s.follow_up_due(record):
            outcome = "▲ Follow-up due"
        else:
            outcome = NONE
        service = record.service_name
        if s.include_notes and record.notes:
            service += f"\nNotes: {record.notes}"
        rows.append(
            [
                short_date(record.signposted_on),
                para(service, "cell"),
                para(record.reason_label, "cell"),
                short_date(record.follow_up_on) if record.follow_up_on else NONE,
                para(outcome, "cell"),
            ]
        )
    story.append(template.table(rows, [58, 150, 110, 62, WIDTH - 380]))
    return story


def _supervision(s: WellbeingSummary) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(80), para("Supervision and reflective practice", "h2")]
    if not s.sessions:
        return [*story, para("No sessions in this period.", "small")]
    header = ["Date", "Session", "Supervisor", "Actions agreed"]
    widths = [58, 140, 120, 80]
    if s.include_notes:
        header.append("Wellbeing and support discussed")
        widths.append(WIDTH - sum(widths))
    else:
        widths[1] += WIDTH - sum(widths)
    rows: list[list[object]] = [[para(h, "cell_bold") for h in header]]
    for session in s.sessions:
        row: list[object] = [
            short_date(session.held_on),
            para(session.kind_label, "cell"),
            para(session.supervisor_name or NONE, "cell"),
            str(len(session.actions)),
        ]
        if s.include_notes:
            row.append(para(session.wellbeing or NONE, "cell"))
        rows.append(row)
    story.append(template.table(rows, widths))
    return story


def _actions(s: WellbeingSummary) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(80), para("Agreed actions", "h2")]
    if not s.actions:
        return [*story, para("No open actions, and none agreed in this period.", "small")]
    rows: list[list[object]] = [[para(h, "cell_bold") for h in ("Action", "Due", "Status")]]
    for action in s.actions:
        if action.done:
            status = f"✓ Done {short_date(action.done_on)}" if action.done_on else "✓ Done"
        elif s.action_overdue(action):
            status = "✕ Overdue"
        else:
            status = "Open"
        rows.append(
            [
                para(action.text, "cell"),
                short_date(action.due_on) if action.due_on else "No date",
                para(status, "cell_bold" if status.startswith("✕") else "cell"),
            ]
        )
    story.append(template.table(rows, [WIDTH - 180, 70, 110]))
    story.append(
        para(
            f"{plural(len([a for a in s.actions if not a.done]), 'open action')}; done "
            "actions are listed when agreed in this period.",
            "small",
        )
    )
    return story
