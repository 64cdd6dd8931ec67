"""Checks on values coming in from forms, the command line and imports.

Each failure raises ``ValidationError(field, message)``: the form shows the
message beside the field, the command line prints it. Nothing is written
until every check has passed.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata

from wellbeing_desktop.errors import NotFoundError, ValidationError

EARLIEST_DATE = dt.date(1950, 1, 1)
NAME_MAX = 200
NOTE_MAX = 20_000


def text(
    field: str, label: str, value: object, *, required: bool = False, max_length: int = NOTE_MAX
) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, f"{label} must be text.")
    if "\x00" in value or not _encodable(value):
        # NUL ends a string in PostgreSQL, and half a surrogate pair is not a character
        # at all (it comes from broken pastes and imports): neither can be stored.
        raise ValidationError(field, f"{label} contains a character that cannot be stored.")
    if required and not value.strip():
        raise ValidationError(field, f"{label} is required.")
    if len(value) > max_length:
        raise ValidationError(
            field, f"{label} is too long ({len(value):,} characters; the most is {max_length:,})."
        )
    return value.strip() if max_length <= NAME_MAX else value


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def name(
    field: str, label: str, value: object, *, required: bool = True, max_length: int = NAME_MAX
) -> str:
    """One line of text, trimmed; ``max_length`` is the column's size (at most NAME_MAX)."""
    cleaned = text(field, label, value, required=required, max_length=min(max_length, NAME_MAX))
    if any(ch in cleaned for ch in "\n\r\t"):
        raise ValidationError(field, f"{label} must be on one line.")
    if any(unicodedata.category(ch) == "Cc" for ch in cleaned):
        # Escape codes and the like: never part of a name, and they garble a terminal.
        raise ValidationError(field, f"{label} contains a control character.")
    return cleaned


def date(
    field: str,
    label: str,
    value: object,
    *,
    required: bool = True,
    not_after: dt.date | None = None,
    not_before: dt.date | None = None,
) -> dt.date | None:
    if value is None or value == "":
        if required:
            raise ValidationError(field, f"{label} is required.")
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        value = parse_date(field, label, value)
    if not isinstance(value, dt.date):
        raise ValidationError(field, f"{label} must be a date.")
    earliest = max(EARLIEST_DATE, not_before) if not_before else EARLIEST_DATE
    if value < earliest:
        raise ValidationError(field, f"{label} cannot be before {earliest.strftime('%d/%m/%Y')}.")
    if not_after is not None and value > not_after:
        raise ValidationError(field, f"{label} cannot be after {not_after.strftime('%d/%m/%Y')}.")
    if value.year > 2200:
        raise ValidationError(field, f"{label} is too far in the future.")
    return value


def parse_date(field: str, label: str, value: str) -> dt.date:
    """ISO (2026-11-26) or UK (26/11/2026) dates."""
    cleaned = value.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    shown = cleaned[:20]
    if shown.isprintable() and _encodable(shown):
        raise ValidationError(field, f"{label} '{shown}' is not a date (use dd/mm/yyyy).")
    raise ValidationError(field, f"{label} is not a date (use dd/mm/yyyy).")


def whole_number(
    field: str,
    label: str,
    value: object,
    *,
    minimum: int = 0,
    maximum: int = 100_000,
    required: bool = True,
) -> int | None:
    if value is None or value == "":
        if required:
            raise ValidationError(field, f"{label} is required.")
        return None
    if isinstance(value, bool):
        raise ValidationError(field, f"{label} must be a whole number.")
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            raise ValidationError(field, f"{label} must be a whole number.")
        value = int(value)
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            raise ValidationError(field, f"{label} must be a whole number.") from None
    if not isinstance(value, int):
        raise ValidationError(field, f"{label} must be a whole number.")
    if value < minimum or value > maximum:
        raise ValidationError(field, f"{label} must be between {minimum} and {maximum:,}.")
    return value


def number(
    field: str,
    label: str,
    value: object,
    *,
    minimum: float,
    maximum: float,
    exclusive_minimum: bool = False,
    places: int = 2,
) -> float:
    if isinstance(value, bool) or value is None or value == "":
        raise ValidationError(field, f"{label} is required.")
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise ValidationError(field, f"{label} must be a number.") from None
    if not isinstance(value, int | float):
        raise ValidationError(field, f"{label} must be a number.")
    low = f"more than {minimum:g}" if exclusive_minimum else f"at least {minimum:g}"
    try:
        value = float(value)
    except OverflowError:  # an integer too big for a float is far out of range anyway
        raise ValidationError(field, f"{label} must be {low} and at most {maximum:g}.") from None
    if not math.isfinite(value):
        raise ValidationError(field, f"{label} must be a number.")
    value = round(value, places)
    too_low = value <= minimum if exclusive_minimum else value < minimum
    if too_low or value > maximum:
        raise ValidationError(field, f"{label} must be {low} and at most {maximum:g}.")
    return value


def choice(field: str, label: str, value: object, choices: dict[str, str]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ValidationError(field, f"{label} must be one of: {', '.join(choices.values())}.")
    return str(value)


# Record numbers are 32-bit in PostgreSQL's INTEGER columns; anything outside that range
# (or below 1) cannot be a record, so it is reported as missing rather than sent to the
# database (SQLite refuses integers beyond 64 bits with an OverflowError).
RECORD_ID_MAX = 2**31 - 1


def record_id(field: str, label: str, value: object, *, what: str = "record") -> int:
    """A record number from a form or caller: a whole number that could exist.

    Not a number: ``ValidationError``. A number no record can have (0, negative,
    enormous): ``NotFoundError``, as for any record that does not exist.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"{label} must be a record number.")
    if not 1 <= value <= RECORD_ID_MAX:
        shown = f"number {value}" if abs(value) < 10**12 else "a number that large"
        raise NotFoundError(f"There is no {what} with {shown}.")
    return int(value)


def reference(field: str, what: str, value: object) -> int | None:
    """The number of a record chosen in a form (a team, a supervisor), or None when
    none was chosen. A number no record can have is reported against the field, as
    "That team does not exist."."""
    if value is None:
        return None
    try:
        return record_id(field, what.capitalize(), value, what=what)
    except NotFoundError:
        raise ValidationError(field, f"That {what} does not exist.") from None
