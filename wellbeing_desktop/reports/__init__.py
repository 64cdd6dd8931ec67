"""Reports: reportlab only. They read service results and draw; no business rules here.

One entry point, :func:`render`, for the command line and the GUI alike. It is safe
to call off the UI thread, and importing this package does not import reportlab:
the GUI starts without paying for it.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from wellbeing_desktop import collector

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

# report kind -> module (each has ``build(db, **options) -> bytes``)
REPORT_KINDS: dict[str, str] = {
    "caseload": "caseload",
    "supervision-record": "supervision_record",
    "compliance": "compliance",
    "wellbeing": "wellbeing",
    "training": "training",
}


@overload
def render(report_kind: str, db: Database, *, out: None = None, **options: Any) -> bytes: ...


@overload
def render(report_kind: str, db: Database, *, out: Path | str, **options: Any) -> Path: ...


def render(
    report_kind: str, db: Database, *, out: Path | str | None = None, **options: Any
) -> bytes | Path:
    """Make a report as PDF bytes, or write it to ``out`` (atomically) and return the path.

    ``report_kind`` is one of :data:`REPORT_KINDS`; ``options`` are the keyword
    arguments of that report's ``build`` (for example ``team=``/``all_teams=`` for
    "caseload", ``session_id=`` for "supervision-record", ``team=``, ``start=``,
    ``end=`` for "compliance", ``staff_id=`` and ``include_notes=`` for "wellbeing",
    ``team=``/``all_teams=`` for "training").
    Raises :class:`~wellbeing_desktop.errors.WellbeingError` subclasses with a
    one-line message for unknown teams, people or sessions and unwritable paths.
    """
    if report_kind not in REPORT_KINDS:
        raise ValueError(f"Unknown report kind {report_kind!r}")
    from wellbeing_desktop.reports.output import check_target, write_atomically

    target = check_target(out) if out is not None else None  # fail before drawing
    module = importlib.import_module(f"wellbeing_desktop.reports.{REPORT_KINDS[report_kind]}")
    from wellbeing_desktop.reports.table import reset_caches

    # A large report makes hundreds of thousands of short-lived, acyclic objects: without
    # a pause the collector rescans everything alive again and again.
    with collector.paused():
        reset_caches()
        try:
            data: bytes = module.build(db, **options)
        finally:
            # Freed now, not when the next report starts: nothing of the report is then
            # left for the collector to look over when it comes back on.
            reset_caches()
    if target is None:
        return data
    return write_atomically(data, target)
