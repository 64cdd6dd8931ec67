"""Saving a confirmed preview in one transaction, and the report of what happened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wellbeing_desktop.services.caseloads import CaseloadEntry
from wellbeing_desktop.services.importing.preview import Action, ImportPreview, PreviewRow
from wellbeing_desktop.services.people import StaffDraft
from wellbeing_desktop.services.staff_batch import StaffBatchEntry, save_staff_many
from wellbeing_desktop.storage.database import Database

ADDED, UPDATED, SKIPPED = "Added", "Updated", "Left out"


@dataclass(frozen=True)
class ReportRow:
    row_number: int
    name: str
    outcome: str  # ADDED, UPDATED or SKIPPED
    staff_id: int | None
    details: str  # why it was left out, or what to check


@dataclass(frozen=True)
class ImportReport:
    file_name: str
    team_id: int
    team_name: str
    imported_on: dt.date
    rows: tuple[ReportRow, ...]
    roles_created: tuple[str, ...]
    caseloads: int

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    def summary(self) -> str:
        text = (
            f"{self.count(ADDED)} added, {self.count(UPDATED)} updated, "
            f"{self.count(SKIPPED)} left out"
        )
        if self.caseloads:
            text += f"; {_plural(self.caseloads, 'caseload figure')} recorded"
        if self.roles_created:
            text += f"; {_plural(len(self.roles_created), 'new role')}"
        return text + "."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _draft(row: PreviewRow, team_id: int | None) -> StaffDraft:
    return StaffDraft(
        name=row.name,
        team_id=team_id,
        role_id=row.role_id,
        job_title=row.job_title,
        pay_band=row.pay_band,
        fte=row.fte if row.fte is not None else 1.0,
        start_date=row.start_date,
        leaving_date=row.leaving_date,
        supervisor_id=row.supervisor_id,
        notes=row.notes,
    )


def apply_import(
    db: Database,
    preview: ImportPreview,
    progress: Callable[[float], None] | None = None,
) -> ImportReport:
    """Save every row the preview adds or updates, all in one transaction, and say what
    was done with each row. Rows left out in the preview are reported with the reason."""
    today = preview.options.today or dt.date.today()
    saving = [row for row in preview.rows if row.action is not Action.SKIP]
    index_of_row = {row.row_number: i for i, row in enumerate(saving)}
    entries = []
    for row in saving:
        caseload = None
        if row.caseload is not None and row.caseload_on is not None:
            caseload = CaseloadEntry(
                staff_id=1,  # replaced by the saved person's number
                recorded_on=row.caseload_on,
                open_cases=row.caseload,
                note=f"Imported from {preview.file_name}"[:200],
            )
        entries.append(
            StaffBatchEntry(
                draft=_draft(row, preview.team_id),
                staff_id=row.existing_id if row.action is Action.UPDATE else None,
                new_role=row.new_role,
                supervisor_entry=index_of_row.get(row.supervisor_row or -1),
                caseload=caseload,
                label=f"row {row.row_number}",
            )
        )
    template = preview.template_role
    new_roles = {name: template.id for name in preview.roles_to_create} if template else {}
    source = (
        f"Created by importing {preview.file_name} on {today.strftime('%d/%m/%Y')}, with the "
        f"limits of '{template.name if template else ''}': check them and say where they "
        "come from."
    )
    result = save_staff_many(
        db,
        entries,
        new_team=preview.team_name if preview.team_id is None else None,
        new_roles=new_roles,
        role_source=source,
        progress=progress,
    )
    saved_ids = dict(zip((r.row_number for r in saving), result.staff_ids, strict=True))
    report_rows = []
    for row in preview.rows:
        checks = " ".join(p.message for p in row.problems if p.severity.value == "warning")
        if row.action is Action.SKIP:
            report_rows.append(
                ReportRow(row.row_number, row.name, SKIPPED, row.existing_id, row.skip_reason)
            )
        else:
            outcome = ADDED if row.action is Action.ADD else UPDATED
            report_rows.append(
                ReportRow(row.row_number, row.name, outcome, saved_ids[row.row_number], checks)
            )
    return ImportReport(
        file_name=preview.file_name,
        team_id=result.team_id or preview.team_id or 0,
        team_name=preview.team_name,
        imported_on=today,
        rows=tuple(report_rows),
        roles_created=tuple(result.role_ids),
        caseloads=result.caseloads,
    )


def report_table(report: ImportReport):  # type: ignore[no-untyped-def]
    """The report as a table for ``exporting`` (CSV or .xlsx)."""
    from wellbeing_desktop.services.exporting import ColumnType, DataTable, TableColumn

    return DataTable(
        title=f"Import of {report.file_name} into {report.team_name}",
        columns=(
            TableColumn("Row", ColumnType.INTEGER),
            TableColumn("Name"),
            TableColumn("Outcome"),
            TableColumn("Person number", ColumnType.INTEGER),
            TableColumn("Details"),
        ),
        rows=tuple((r.row_number, r.name, r.outcome, r.staff_id, r.details) for r in report.rows),
    )


def save_report(report: ImportReport, path: Path | str) -> Path:
    """Write the report as CSV (or .xlsx, by the file's suffix)."""
    from wellbeing_desktop.services.exporting import export_table

    return export_table(report_table(report), path)
