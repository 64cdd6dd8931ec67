"""Writing a finished PDF into place: never a half-written file, and plain words when
the place cannot be written to.

The PDF goes to a hidden temporary file in the target folder and is renamed over
the target only when it is complete, so a failure (or a crash) leaves any earlier
file of that name as it was and no partial PDF behind (the writing itself is
storage/files.py's, shared with the audited exports of services/audit.py).
"""

from __future__ import annotations

from pathlib import Path

from wellbeing_desktop.errors import FileWriteError
from wellbeing_desktop.storage.files import writable_target, write_in_place


class ReportWriteError(FileWriteError):
    """The report could not be written where the user asked."""


def check_target(out: Path | str) -> Path:
    """The absolute target path, after checking that its folder exists and is a folder,
    and that the target is not itself a folder nor anything else that is not a regular
    file (a FIFO, a device: storage/files.py says why). Cheap, so done before drawing;
    the writing checks again."""
    target = Path(out).expanduser()
    if target.name in {"", ".", ".."}:
        raise ReportWriteError(f"'{out}' is not a file name: give a name such as report.pdf.")
    target = target.absolute()
    folder = target.parent
    if not folder.exists():
        raise ReportWriteError(f"Cannot write {target.name}: the folder {folder} does not exist.")
    if not folder.is_dir():
        raise ReportWriteError(f"Cannot write {target.name}: {folder} is not a folder.")
    if target.is_dir():
        raise ReportWriteError(f"Cannot write the report to {target}: that is a folder.")
    try:
        writable_target(target)
    except FileWriteError as error:
        raise ReportWriteError(str(error)) from None
    return target


def write_atomically(data: bytes, out: Path | str) -> Path:
    """Write ``data`` to ``out`` through a temporary file in the same folder
    (storage/files.py)."""
    target = check_target(out)
    return write_in_place(target, lambda partial: partial.write_bytes(data))
