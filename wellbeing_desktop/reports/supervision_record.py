"""The supervision record: one session in full, for signing and the personnel file."""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from wellbeing_desktop.reports import template
from wellbeing_desktop.reports.formatting import long_date, minutes, number, short_date
from wellbeing_desktop.reports.template import ReportSetup, para, text
from wellbeing_desktop.services.report_data import SupervisionRecordData, supervision_record_data
from wellbeing_desktop.services.supervision import ActionInfo
from wellbeing_desktop.services.vocab import SESSION_STATUSES
from wellbeing_desktop.storage.database import Database

WIDTH = 595.28 - 2 * template.MARGIN
SECTIONS = (
    ("casework", "Casework and accountability"),
    ("learning", "Learning and development"),
    ("wellbeing", "Wellbeing and support"),
    ("reflection", "Reflection"),
)


def build(
    db: Database,
    *,
    session_id: int,
    today: dt.date | None = None,
    printed_at: dt.datetime | None = None,
) -> bytes:
    data = supervision_record_data(db, session_id)
    record = data.session
    if len(record.attendee_names) == 1:
        who = record.attendee_names[0]
    else:
        who = f"{len(record.attendee_names)} supervisees"
    setup = ReportSetup(
        title="Supervision record",
        scope=f"{who}: {record.kind_label.lower()} on {short_date(record.held_on)}",
        subject=f"Record of {record.kind_label.lower()} held on {short_date(record.held_on)}",
        handling="Supervision record for the personnel file. Keep secure; share only as agreed.",
        printed_at=printed_at,
        keywords=("supervision", "record"),
    )
    return template.build_pdf(setup, _story(data, today or dt.date.today()))


def _story(data: SupervisionRecordData, today: dt.date) -> list[Flowable]:
    record = data.session
    story: list[Flowable] = []
    if record.status == "agreed" and record.agreed_on is not None:
        story.append(para(f"Agreed by the supervisee on {long_date(record.agreed_on)}", "h3"))
    else:
        story.append(
            template.banner(
                "DRAFT: not yet agreed by the supervisee. Agree the record before signing.",
                WIDTH,
            )
        )
        story.append(Spacer(1, 8))
    story += [
        para(f"{record.kind_label}, {long_date(record.held_on)}", "h1"),
        Spacer(1, 4),
        _details(data),
        Spacer(1, 6),
    ]
    for field, heading in SECTIONS:
        value = getattr(record, field).strip()
        if field == "reflection" and not value:
            continue
        story += [
            CondPageBreak(50),
            para(heading, "h2"),
            para(value) if value else para("Nothing recorded.", "small"),
        ]
    story += [CondPageBreak(60), para("Agreed actions", "h2")]
    if record.actions:
        story.append(_actions(data, today))
    else:
        story.append(para("No actions were agreed.", "small"))
    story.append(Spacer(1, 14))
    story.append(KeepTogether(_signatures(data)))
    return story


def _details(data: SupervisionRecordData) -> Flowable:
    record = data.session
    supervisees = "<br/>".join(
        f"<b>{text(p.name)}</b>, {text(p.job_title or p.role_name)}, {text(p.team_name)}"
        for p in data.supervisees
    )
    if record.caseload_reviewed:
        caseload = "Reviewed"
        if record.caseload_figure is not None:
            caseload += f": {number(record.caseload_figure)} open cases"
    else:
        caseload = "Not reviewed in this session"
    status = SESSION_STATUSES.get(record.status, record.status)
    if record.status == "agreed" and record.agreed_on:
        status += f" on {short_date(record.agreed_on)}"
    label = "Supervisees" if len(data.supervisees) > 1 else "Supervisee"
    rows = [
        (label, template.markup(supervisees, "cell")),
        ("Supervisor", para(record.supervisor_name or "Not recorded", "cell")),
        (
            "Date and length",
            para(f"{long_date(record.held_on)}, {minutes(record.duration_minutes)}", "cell"),
        ),
        ("Caseload discussed", para(caseload, "cell")),
        (
            "Next session",
            para(
                long_date(record.next_session_on) if record.next_session_on else "Not booked",
                "cell",
            ),
        ),
        ("Record", para(f"Number {record.id}; {status}", "cell")),
    ]
    cells = [[para(key, "cell_bold"), value] for key, value in rows]
    return template.table(
        cells,
        [110, WIDTH - 110],
        [
            ("BACKGROUND", (0, 0), (0, -1), template.SHADE),
            ("BOX", (0, 0), (-1, -1), 0.6, template.RULE),
            ("LINEBELOW", (0, 0), (-1, -2), 0.4, template.RULE),
        ],
        header=False,
    )


def _action_status(action: ActionInfo, today: dt.date) -> str:
    if action.done:
        return f"✓ Done {short_date(action.done_on)}" if action.done_on else "✓ Done"
    if action.overdue_on(today):
        return "✕ Overdue"
    return "Open"


def _with_objective(action: ActionInfo) -> str:
    """The action, and the development-plan objective it serves, if any."""
    if not action.objective_text:
        return action.text
    return f"{action.text}\nServes objective: {action.objective_text}"


def _actions(data: SupervisionRecordData, today: dt.date) -> Flowable:
    rows: list[list[object]] = [["", "Action", "Owner", "Due", "Status"]]
    for number_, action in enumerate(data.session.actions, start=1):
        status = _action_status(action, today)
        rows.append(
            [
                para(str(number_), "cell"),
                para(_with_objective(action), "cell"),
                para(data.action_owners.get(action.id, ""), "cell"),
                para(short_date(action.due_on) if action.due_on else "No date", "cell"),
                para(status, "cell_bold" if status.startswith("✕") else "cell"),
            ]
        )
    widths = [26, WIDTH - 26 - 110 - 62 - 100, 110, 62, 100]  # numbers up to 999 on one line
    return template.table(rows, widths)


def _signatures(data: SupervisionRecordData) -> list[Flowable]:
    record = data.session
    people = [("Supervisee", p.name) for p in data.supervisees]
    people.append(("Supervisor", record.supervisor_name or ""))
    rows = []
    for role, name in people:
        rows.append(
            [
                para(role, "cell_bold"),
                para(name, "cell"),
                para("Signature", "small"),
                "",
                para("Date", "small"),
                "",
            ]
        )
    widths = [70, 130, 48, WIDTH - 70 - 130 - 48 - 30 - 90, 30, 90]
    signature_table = template.table(
        rows,
        widths,
        [
            ("LINEBELOW", (3, 0), (3, -1), 0.8, template.INK),
            ("LINEBELOW", (5, 0), (5, -1), 0.8, template.INK),
            ("TOPPADDING", (0, 0), (-1, -1), 16),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ],
        header=False,
    )
    return [
        para("Signatures", "h2"),
        para(
            "We agree that this is an accurate record of the session.",
            "small",
        ),
        signature_table,
    ]
