"""Writing a finished PDF into place: never a half-written file, and plain words when
the place cannot be written to.

The PDF goes to a hidden temporary file in the target folder and is renamed over
the target only when it is complete, so a failure (or a crash) leaves any earlier
file of that name as it was and no partial PDF behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from wellbeing_desktop.errors import FileWriteError, write_failure


class ReportWriteError(FileWriteError):
    """The report could not be written where the user asked."""


def check_target(out: Path | str) -> Path:
    """The absolute target path, after checking that its folder exists and is a folder,
    and that the target is not itself a folder. Cheap, so done before drawing."""
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
    return target


def write_atomically(data: bytes, out: Path | str) -> Path:
    """Write ``data`` to ``out`` through a temporary file in the same folder."""
    target = check_target(out)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.stem[:40]}.", suffix=".part", dir=target.parent
        )
    except OSError as error:
        raise ReportWriteError(
            f"Cannot write to the folder {target.parent}: {write_failure(error)}."
        ) from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except OSError as error:
        raise ReportWriteError(f"Cannot write {target}: {write_failure(error)}.") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return target
