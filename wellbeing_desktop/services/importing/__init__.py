"""Bringing a team in from a spreadsheet: read, map, preview, then save in one go.

The steps, each plain Python (no Qt), so the wizard and ``wellbeing-desktop import
staff`` share them:

1. ``read_sheet(path)``: a CSV or .xlsx file as a header and rows (``reading``).
2. ``guess_mapping(sheet)``: which column is which, with how sure (``mapping``);
   the manager confirms or changes it.
3. ``build_preview(db, sheet, mapping, options)``: every row as it will be saved,
   with its problems; nothing is written (``preview``).
4. ``apply_import(db, preview)``: everything the preview adds or updates, in one
   transaction, and a report that can be saved as CSV (``apply``).
"""

from __future__ import annotations

from wellbeing_desktop.services.importing.apply import (
    ADDED,
    SKIPPED,
    UPDATED,
    ImportReport,
    ReportRow,
    apply_import,
    report_table,
    save_report,
)
from wellbeing_desktop.services.importing.mapping import (
    CONFIDENCE_WORDS,
    GUESS,
    LIKELY,
    SURE,
    ColumnGuess,
    Field,
    guess_mapping,
    mapping_of,
    mapping_problem,
)
from wellbeing_desktop.services.importing.preview import (
    CREATE,
    FULL_TIME_HOURS,
    SKIP,
    UPDATE,
    Action,
    ImportOptions,
    ImportPreview,
    PreviewRow,
    RowProblem,
    Severity,
    UnknownRole,
    build_preview,
    match_role,
    role_key,
)
from wellbeing_desktop.services.importing.reading import (
    ImportFileError,
    Sheet,
    column_letter,
    read_sheet,
)

__all__ = [
    "ADDED",
    "CONFIDENCE_WORDS",
    "CREATE",
    "FULL_TIME_HOURS",
    "GUESS",
    "LIKELY",
    "SKIP",
    "SKIPPED",
    "SURE",
    "UPDATE",
    "UPDATED",
    "Action",
    "ColumnGuess",
    "Field",
    "ImportFileError",
    "ImportOptions",
    "ImportPreview",
    "ImportReport",
    "PreviewRow",
    "ReportRow",
    "RowProblem",
    "Severity",
    "Sheet",
    "UnknownRole",
    "apply_import",
    "build_preview",
    "column_letter",
    "guess_mapping",
    "mapping_of",
    "mapping_problem",
    "match_role",
    "read_sheet",
    "report_table",
    "role_key",
    "save_report",
]
