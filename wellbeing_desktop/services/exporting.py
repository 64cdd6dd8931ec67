"""Tables out to Excel (.xlsx) and CSV, with dates as dates and numbers as numbers.

A ``DataTable`` is plain data: typed columns and rows of Python values. The screens
build one from the rows they show (filtered and sorted as on screen); the table
builders here make one from the services' records; ``export_table`` writes it.

Text that starts like a formula (=, +, -, @) is never written as a formula: in an
.xlsx it is stored as text, and in a CSV it gets a leading apostrophe (which the
import takes off again), so a name typed as ``=HYPERLINK(...)`` stays a name.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wellbeing_desktop.errors import WellbeingError
from wellbeing_desktop.services.percentages import percent_words
from wellbeing_desktop.storage.files import write_in_place

if TYPE_CHECKING:
    from wellbeing_desktop.services.caseloads import CaseloadPoint
    from wellbeing_desktop.services.checkins import CheckInRecord
    from wellbeing_desktop.services.summary import PersonSummary
    from wellbeing_desktop.services.supervision import ActionInfo, SessionRecord

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_DATE_FORMAT = "DD/MM/YYYY"
SHEET_TITLE_MAX = 31  # Excel's limit
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})


class ExportError(WellbeingError):
    pass


class ColumnType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"  # up to two decimal places
    PERCENT = "percent"  # a fraction: 0.85 is 85%
    DATE = "date"


@dataclass(frozen=True)
class TableColumn:
    title: str
    type: ColumnType = ColumnType.TEXT


@dataclass(frozen=True)
class DataTable:
    """Typed columns and rows of values (str, int, float, date or None)."""

    title: str
    columns: tuple[TableColumn, ...]
    rows: tuple[tuple[Any, ...], ...]

    def column(self, title: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.title == title)


# ---- writing -------------------------------------------------------------------------------


def export_table(table: DataTable, path: Path | str) -> Path:
    """Write ``table`` as .xlsx or .csv, chosen by the file's suffix; returns the path.
    The file appears whole or not at all (written beside it, then renamed)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return write_atomically(path, lambda temp: write_xlsx(table, temp))
    if suffix in {".csv", ".txt"}:
        return write_atomically(path, lambda temp: write_csv(table, temp))
    raise ExportError("Name the file .xlsx (Excel) or .csv.")


def write_atomically(path: Path, write: Any) -> Path:
    """``write`` fills a temporary file beside ``path``, renamed into place once whole
    (storage/files.py); a refused write is a FileWriteError naming the file and folder."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"The folder for {path.name} does not exist.")
    return write_in_place(path, write)


def _safe_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_value(value: Any, kind: ColumnType) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if kind is ColumnType.PERCENT and isinstance(value, int | float):
        return percent_words(value)
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return str(value)
    return _safe_text(str(value))


def write_csv(table: DataTable, path: Path) -> None:
    """UTF-8 with a byte-order mark (so Excel reads accents right), comma-separated,
    ISO dates (which Excel reads as dates in every locale)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([_safe_text(c.title) for c in table.columns])
        kinds = [c.type for c in table.columns]
        for row in table.rows:
            writer.writerow([csv_value(v, k) for v, k in zip(row, kinds, strict=True)])


def sheet_title(title: str) -> str:
    cleaned = " ".join(title.translate(_BAD_SHEET_CHARS).split()).strip("'")
    return (cleaned or "Export")[:SHEET_TITLE_MAX]


def write_xlsx(table: DataTable, path: Path) -> None:
    """One sheet: a bold header row, frozen below it, with a filter; real dates and
    numbers; columns wide enough for their contents (up to a limit)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(table.title))
    widths = [_width(c, table.rows, i) for i, c in enumerate(table.columns)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    if table.columns:
        last = get_column_letter(len(table.columns))
        sheet.auto_filter.ref = f"A1:{last}{max(1, len(table.rows) + 1)}"
    bold = Font(bold=True)
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=column.title)
        cell.data_type = "s"
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats = {
        ColumnType.DATE: XLSX_DATE_FORMAT,
        ColumnType.PERCENT: "0%",
        ColumnType.NUMBER: "0.##",
        ColumnType.INTEGER: "0",
    }
    kinds = [c.type for c in table.columns]
    for row in table.rows:
        cells = []
        for value, kind in zip(row, kinds, strict=True):
            cells.append(_xlsx_cell(sheet, value, kind, formats))
        sheet.append(cells)
    workbook.save(path)


def _xlsx_cell(sheet: Any, value: Any, kind: ColumnType, formats: dict[ColumnType, str]) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=_xlsx_text(value))
        cell.data_type = "s"  # never a formula, whatever it starts with
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if value is not None and kind in formats and not isinstance(value, bool):
        cell.number_format = formats[kind]
    return cell


def _xlsx_text(value: str) -> str:
    # Control characters other than tab and newline are not allowed in the XML.
    return "".join(ch for ch in value if ch in "\t\n" or ord(ch) >= 32)


def _width(column: TableColumn, rows: Sequence[tuple[Any, ...]], index: int) -> float:
    if column.type is ColumnType.DATE:
        longest = 10
    else:
        longest = max((len(csv_value(row[index], column.type)) for row in rows[:500]), default=0)
    header = max((len(part) for part in column.title.split()), default=0)
    return float(min(60, max(header + 2, longest + 2, 6)))


# ---- tables from the services' records ----------------------------------------------------

_TEXT, _INT, _NUM, _PCT, _DATE = (
    ColumnType.TEXT,
    ColumnType.INTEGER,
    ColumnType.NUMBER,
    ColumnType.PERCENT,
    ColumnType.DATE,
)


def _columns(*specs: tuple[str, ColumnType]) -> tuple[TableColumn, ...]:
    return tuple(TableColumn(title, kind) for title, kind in specs)


TEAM_COLUMNS = _columns(
    ("Name", _TEXT),
    ("Team", _TEXT),
    ("Role", _TEXT),
    ("Job title", _TEXT),
    ("FTE", _NUM),
    ("Open cases", _INT),
    ("Weighted points", _NUM),
    ("Caseload recorded on", _DATE),
    ("Safe limit", _NUM),
    ("Limit counts", _TEXT),
    ("Status", _TEXT),
    ("Share of safe limit", _PCT),
    ("Last supervision", _DATE),
    ("Supervision due", _DATE),
    ("Next session booked", _DATE),
    ("Last check-in", _DATE),
    ("Check-in due", _DATE),
    ("Open actions", _INT),
    ("Overdue actions", _INT),
    ("Follow-ups due", _INT),
    ("Mandatory training expired", _INT),
    ("Mandatory training expiring", _INT),
    ("Mandatory training never done", _INT),
)


def team_summary_table(people: Iterable[PersonSummary], title: str) -> DataTable:
    """The dashboard's table: one row per person, in the order given."""
    return DataTable(
        title,
        TEAM_COLUMNS,
        tuple(
            (
                p.name,
                p.team_name,
                p.role_name,
                p.job_title,
                p.fte,
                p.open_cases,
                p.weighted_points,
                p.recorded_on,
                p.limit.red,
                p.limit.unit,
                p.status.words,
                p.utilisation,
                p.supervision.last,
                p.supervision.due_on,
                p.next_session_booked,
                p.checkin.last,
                p.checkin.due_on,
                p.open_actions,
                p.overdue_actions,
                p.followups_due,
                p.training.expired,
                p.training.expiring,
                p.training.missing,
            )
            for p in people
        ),
    )


def caseload_history_table(points: Iterable[CaseloadPoint], title: str) -> DataTable:
    return DataTable(
        title,
        _columns(("Date", _DATE), ("Open cases", _INT), ("Weighted points", _NUM), ("Note", _TEXT)),
        tuple((p.recorded_on, p.open_cases, p.weighted_points, p.note) for p in points),
    )


def supervision_log_table(sessions: Iterable[SessionRecord], title: str) -> DataTable:
    """Sessions without what was discussed: the log, not the record."""
    return DataTable(
        title,
        _columns(
            ("Date", _DATE),
            ("Kind", _TEXT),
            ("Minutes", _INT),
            ("Attendees", _TEXT),
            ("Supervisor", _TEXT),
            ("Agreed on", _DATE),
            ("Open actions", _INT),
            ("Actions", _INT),
            ("Next session", _DATE),
        ),
        tuple(
            (
                s.held_on,
                s.kind_label,
                s.duration_minutes,
                ", ".join(s.attendee_names),
                s.supervisor_name,
                s.agreed_on,
                sum(1 for a in s.actions if not a.done),
                len(s.actions),
                s.next_session_on,
            )
            for s in sessions
        ),
    )


def actions_table(
    actions: Iterable[ActionInfo], title: str, owner_names: dict[int, str] | None = None
) -> DataTable:
    owners = owner_names or {}
    return DataTable(
        title,
        _columns(
            ("Action", _TEXT),
            ("Owner", _TEXT),
            ("Due", _DATE),
            ("Done", _TEXT),
            ("Done on", _DATE),
        ),
        tuple(
            (
                a.text,
                a.owner_name or owners.get(a.owner_staff_id or 0, ""),
                a.due_on,
                "Yes" if a.done else "No",
                a.done_on,
            )
            for a in actions
        ),
    )


def checkins_table(checkins: Iterable[CheckInRecord], title: str) -> DataTable:
    return DataTable(
        title,
        _columns(
            ("Date", _DATE),
            ("Overall", _INT),
            ("Workload", _INT),
            ("Stress", _INT),
            ("Support", _INT),
            ("Follow-up needed", _TEXT),
            ("Follow-up done on", _DATE),
        ),
        tuple(
            (
                c.held_on,
                c.overall,
                c.workload,
                c.stress,
                c.support,
                "Yes" if c.follow_up_needed else "No",
                c.follow_up_done_on,
            )
            for c in checkins
        ),
    )
