"""Writing a file into place: the whole file or nothing, and plain words when the
place cannot be written to.

The content goes to a hidden temporary file in the target's folder, is flushed to
disk, and only then renamed over the target: a failure (or a crash) leaves any
earlier file of that name as it was and no partial file behind. ``before_replace``
runs between the two (the audit entry of a file that holds personal data, so that
the file exists only if its entry does). Used by reports/output.py and
services/audit.py.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from wellbeing_desktop.errors import FileWriteError, write_failure


def cannot_write(path: Path, why: str) -> FileWriteError:
    """'Cannot write team.pdf in the folder /proc: no such file or directory.'"""
    return FileWriteError(f"Cannot write {path.name} in the folder {path.parent}: {why}.")


def write_in_place(
    path: Path | str,
    write: Callable[[Path], object],
    *,
    before_replace: Callable[[], object] | None = None,
) -> Path:
    """Call ``write`` with a temporary path beside ``path`` to fill it, flush it to
    disk, call ``before_replace``, then rename it to ``path``. Raises FileWriteError
    (exit code 5) naming the file and its folder when the system refuses; whatever
    ``write`` or ``before_replace`` raise otherwise goes through. Returns ``path``."""
    target = Path(path)
    named = target.absolute()  # the folder in messages, even for a relative path
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name[:40]}.", suffix=".partial", dir=named.parent
        )
    except OSError as error:
        raise cannot_write(named, write_failure(error)) from None
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        with open(temporary, "r+b") as file:
            os.fsync(file.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(temporary, target)
    except OSError as error:
        raise cannot_write(named, write_failure(error)) from None
    finally:
        temporary.unlink(missing_ok=True)
    return target
