"""Typed exceptions that carry a message fit to show a user.

Messages never contain personal data (names, notes): they name files, fields
and counts only, so they are safe to log.
"""

from __future__ import annotations


class WellbeingError(Exception):
    """Base class: ``str(error)`` is a complete sentence for the user."""

    exit_code = 1


class DatabaseError(WellbeingError):
    """The database cannot be opened or used."""

    exit_code = 3


class DatabaseNotFoundError(DatabaseError):
    pass


class NotADatabaseError(DatabaseError):
    pass


class DamagedDatabaseError(DatabaseError):
    pass


class NewerSchemaError(DatabaseError):
    pass


class DatabaseLockedError(DatabaseError):
    pass


class DatabaseUnreachableError(DatabaseError):
    pass


class DatabaseReadOnlyError(DatabaseError):
    pass


class ValidationError(WellbeingError):
    """Bad input. ``field`` names the form field so a form can show it beside it."""

    exit_code = 2

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class NotFoundError(WellbeingError):
    """A team, person, session or service asked for by name or number does not exist."""

    exit_code = 4


class FileWriteError(WellbeingError):
    """A file (a report, an export) could not be written where the user asked."""

    exit_code = 5


def write_failure(error: OSError) -> str:
    """Why the operating system refused a write, in words for the user."""
    if isinstance(error, PermissionError):
        return "permission denied, or the file is open in another program"
    if isinstance(error, IsADirectoryError):
        return "that is a folder"
    if error.errno is not None and error.strerror:
        return error.strerror.lower()
    return "the file system refused it"
