"""A report leaving the app, printed or saved as a PDF, goes in the audit trail.

The GUI calls these after the print job has gone to the printer, and to save a
previewed report: the saved file appears only once its audit entry is recorded
(``audit.write_audited``), and never half-written. Entries name the kind of
report and the record it is about by number, never a person's name or a file name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from wellbeing_desktop.services import audit
from wellbeing_desktop.storage.database import Database

REPORT_NAMES: dict[str, str] = {
    "caseload": "team caseload report",
    "supervision-record": "supervision record",
    "compliance": "supervision compliance report",
    "wellbeing": "wellbeing summary",
    "training": "training report",
}


@dataclass(frozen=True)
class ReportSubject:
    """What an audit entry about a report names: the record, and a short detail."""

    record_type: str
    record_id: str
    detail: str


def _teams(options: Mapping[str, object]) -> str:
    if options.get("all_teams"):
        return "all"
    ids = options.get("team_ids")
    if isinstance(ids, Sequence) and not isinstance(ids, str) and ids:
        return ",".join(str(int(i)) for i in ids)[:64]  # the record number field holds 64
    return "named"  # by name from the command line; the GUI always passes ids


def _day(value: object) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else "?"


def report_subject(kind: str, options: Mapping[str, object]) -> ReportSubject:
    """The audit entry's record and detail for a report made with ``options``."""
    name = REPORT_NAMES.get(kind)
    if name is None:
        raise ValueError(f"Unknown report kind {kind!r}")
    if kind == "supervision-record":
        return ReportSubject("supervision_session", str(options["session_id"]), name)
    if kind == "wellbeing":
        notes = "notes included" if options.get("include_notes") else "without notes"
        return ReportSubject("staff_member", str(options["staff_id"]), f"{name}, {notes}")
    if kind == "compliance":
        period = f"{_day(options.get('start'))} to {_day(options.get('end'))}"
        return ReportSubject("team", _teams(options), f"{name}, {period}")
    return ReportSubject("team", _teams(options), name)


def record_report_printed(
    db: Database, kind: str, options: Mapping[str, object], sheets: int
) -> None:
    """Note in the audit trail that a report was sent to a printer."""
    subject = report_subject(kind, options)
    audit.record_event(
        db,
        "printed",
        subject.record_type,
        subject.record_id,
        f"{subject.detail} ({sheets} {'sheet' if sheets == 1 else 'sheets'})",
    )


def save_report_pdf(
    db: Database, data: bytes, path: Path | str, kind: str, options: Mapping[str, object]
) -> Path:
    """Write a report's PDF to ``path``, audited as exported. The file is written in
    full and flushed to disk beside the target, the entry recorded, and only then is
    the file renamed into place: a failure leaves any earlier file as it was."""
    subject = report_subject(kind, options)
    return audit.write_audited(
        db,
        Path(path),
        lambda partial: partial.write_bytes(data),
        action="exported",
        record_type=subject.record_type,
        record_id=subject.record_id,
        detail=f"{subject.detail} (PDF)",
    )
