"""Writing a file into place: the whole file or nothing, and plain words when the
place cannot be written to.

The content goes to a hidden temporary file in the target's folder, is flushed to
disk, and only then renamed over the target: a failure (or a crash) leaves any
earlier file of that name as it was and no partial file behind. ``before_replace``
runs between the two (the audit entry of a file that holds personal data, so that
the file exists only if its entry does). Used by reports/output.py and
services/audit.py.

What is at the target decides where and how the file goes (`writable_target`):

* a symbolic link: the file it points to is written (in that file's folder), and the
  link stays a link;
* something that is not a regular file (a FIFO, a device, a socket): refused before
  anything is written, with one line, never opened (opening a FIFO would block);
* an existing file: the new file keeps its permission bits, so colleagues sharing a
  folder can still read it;
* no file yet: the new file is readable and writable by its owner only (0600, the
  mode the temporary file is made with), because what is written here holds
  personal data; the user can share it on purpose.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from wellbeing_desktop.errors import FileWriteError, write_failure


def cannot_write(path: Path, why: str) -> FileWriteError:
    """'Cannot write team.pdf in the folder /proc: no such file or directory.'"""
    return FileWriteError(f"Cannot write {path.name} in the folder {path.parent}: {why}.")


def not_a_regular_file(path: Path) -> FileWriteError:
    """'Cannot write to /dev/full: it is not a regular file.'"""
    return FileWriteError(f"Cannot write to {path}: it is not a regular file.")


def writable_target(path: Path | str) -> tuple[Path, int | None]:
    """Where a file asked for at ``path`` is written, and the permission bits it keeps:
    the file a symbolic link points to (resolved), and the existing file's mode, or
    None for a new file. FileWriteError when something other than a regular file is
    there (a FIFO, a device, a socket), without opening it."""
    target = Path(path).absolute()
    if target.is_symlink():
        try:  # a link to a link, or to a file not made yet, is followed too
            target = target.resolve(strict=False)
        except (OSError, RuntimeError):  # a loop of links
            raise cannot_write(target, "too many levels of symbolic links") from None
    try:
        status = target.stat()
    except FileNotFoundError:
        return target, None
    except OSError:
        return target, None  # said in the system's words when the writing fails
    if stat.S_ISDIR(status.st_mode):
        return target, None  # the rename fails: 'that is a folder'
    if not stat.S_ISREG(status.st_mode):
        raise not_a_regular_file(Path(path).absolute())
    return target, stat.S_IMODE(status.st_mode)


def write_in_place(
    path: Path | str,
    write: Callable[[Path], object],
    *,
    before_replace: Callable[[], object] | None = None,
) -> Path:
    """Call ``write`` with a temporary path beside ``path`` to fill it, flush it to
    disk, call ``before_replace``, then rename it to ``path``. Raises FileWriteError
    (exit code 5) naming the file and its folder when the system refuses, or saying
    that ``path`` is not a regular file; whatever ``write`` or ``before_replace``
    raise otherwise goes through. A symbolic link at ``path`` is followed (its target
    is written), and an existing file keeps its mode (see the module's words).
    Returns ``path``."""
    given = Path(path)
    target, mode = writable_target(given)
    named = target  # the folder in messages, even for a relative path
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
            if mode is not None:
                os.fchmod(file.fileno(), mode)  # colleagues keep the access they had
            os.fsync(file.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(temporary, target)
    except OSError as error:
        raise cannot_write(named, write_failure(error)) from None
    finally:
        temporary.unlink(missing_ok=True)
    return given
