"""Training expiry and state: the rule, in one place.

A completion of a course with a renewal interval of N months is **valid until**
the same day N calendar months later, clamped to the end of that month when the
month is shorter: 29/02/2024 + 12 months is valid until 28/02/2025, and
31/01/2025 + 1 month until 28/02/2025. "Valid until" (``expires_on``) is the
*last day it still counts*: on the next day it has expired. A course without a
renewal interval never expires.

Each person and course is in one state:

    done          completed, and valid for more than the warning period
    expiring      completed, valid until a day within the warning period
                  (today to today + N days, N an organisation setting, 60 by default)
    expired       completed, but valid until a day before today
    missing       mandatory for the person and never completed
    not required  not mandatory for the person and never completed

A course the person completed without needing it shows its state (done, expiring,
expired), but counts neither for compliance nor in the expired totals: only
mandatory training does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from wellbeing_desktop.services.status_words import WordedStatus

DEFAULT_EXPIRING_DAYS = 60
# The organisation setting marking that the shipped courses have been added (once, so
# that a course the organisation deletes is never added back).
DEFAULTS_ADDED_SETTING = "training_defaults_added"
# The organisation setting for the warning period in days.
EXPIRING_DAYS_SETTING = "training_expiring_days"
MAX_EXPIRING_DAYS = 365


class TrainingState(WordedStatus):
    DONE = "done", "Up to date", "✓"
    EXPIRING = "expiring", "Expiring soon", "▲"
    EXPIRED = "expired", "Expired", "✕"
    MISSING = "missing", "Missing", "○"
    NOT_REQUIRED = "not_required", "Not required", "–"

    @property
    def short(self) -> str:
        """Symbol and word, for a matrix cell."""
        return _SHORT[self]

    @property
    def counts_as_compliant(self) -> bool:
        return self in (TrainingState.DONE, TrainingState.EXPIRING)


_SHORT = {
    TrainingState.DONE: "✓ Done",
    TrainingState.EXPIRING: "▲ Expiring",
    TrainingState.EXPIRED: "✕ Expired",
    TrainingState.MISSING: "○ Missing",
    TrainingState.NOT_REQUIRED: "–",
}
# The order a person's problems are listed in: the most urgent first.
URGENCY = (
    TrainingState.EXPIRED,
    TrainingState.MISSING,
    TrainingState.EXPIRING,
    TrainingState.DONE,
    TrainingState.NOT_REQUIRED,
)


def parse_expiring_days(stored: str | None) -> int:
    """The warning period from its stored text (the default when unset or unreadable)."""
    try:
        days = int(stored) if stored is not None else DEFAULT_EXPIRING_DAYS
    except ValueError:
        return DEFAULT_EXPIRING_DAYS
    return days if 0 <= days <= MAX_EXPIRING_DAYS else DEFAULT_EXPIRING_DAYS


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _days_in(year, month)))


@lru_cache(maxsize=65_536)
def expires_on(completed_on: dt.date, renewal_months: int | None) -> dt.date | None:
    """The last day a completion counts ("valid until"), or None when it never expires."""
    if renewal_months is None:
        return None
    return add_months(completed_on, renewal_months)


def state_of(
    completed_on: dt.date | None,
    renewal_months: int | None,
    *,
    required: bool,
    today: dt.date,
    expiring_days: int = DEFAULT_EXPIRING_DAYS,
) -> TrainingState:
    """The state of one person's latest completion of one course (None: never done)."""
    if completed_on is None:
        return TrainingState.MISSING if required else TrainingState.NOT_REQUIRED
    until = expires_on(completed_on, renewal_months)
    if until is None:
        return TrainingState.DONE
    if until < today:
        return TrainingState.EXPIRED
    if (until - today).days <= expiring_days:
        return TrainingState.EXPIRING
    return TrainingState.DONE


@dataclass(frozen=True)
class TrainingCounts:
    """How many of a person's (or a team's) mandatory courses are in each bad state."""

    expired: int = 0
    expiring: int = 0
    missing: int = 0
    required: int = 0

    @property
    def ok(self) -> bool:
        return not (self.expired or self.expiring or self.missing)

    @property
    def worst(self) -> TrainingState:
        if self.expired:
            return TrainingState.EXPIRED
        if self.missing:
            return TrainingState.MISSING
        if self.expiring:
            return TrainingState.EXPIRING
        return TrainingState.DONE if self.required else TrainingState.NOT_REQUIRED

    @property
    def words(self) -> str:
        """E.g. "2 expired, 1 expiring"; "Up to date"; "None required"."""
        parts = [
            f"{count} {word}"
            for count, word in (
                (self.expired, "expired"),
                (self.missing, "missing"),
                (self.expiring, "expiring"),
            )
            if count
        ]
        if parts:
            return ", ".join(parts)
        return "Up to date" if self.required else "None required"

    @property
    def text(self) -> str:
        """Symbol and words, for a table cell."""
        return f"{self.worst.symbol} {self.words}"


def state_bounds(
    renewal_months: int | None, today: dt.date, expiring_days: int = DEFAULT_EXPIRING_DAYS
) -> tuple[dt.date | None, dt.date | None]:
    """``state_of`` as two dates, for counting in the database: a completion before the
    first is expired, one before the second is expiring, any later one is done (both
    None: the course never expires). Found from ``expires_on`` itself (which never goes
    backwards as the completion day moves forwards), so the rule stays here."""
    if renewal_months is None:
        return None, None

    def first_day_expiring_after(last_day: dt.date) -> dt.date:
        # The earliest completion day whose "valid until" is after last_day.
        low = last_day - dt.timedelta(days=31 * (renewal_months + 1))  # expires before
        high = last_day + dt.timedelta(days=1)  # expires after
        while (high - low).days > 1:
            middle = low + (high - low) / 2
            if expires_on(middle, renewal_months) > last_day:  # type: ignore[operator]
                high = middle
            else:
                low = middle
        return high

    not_expired = first_day_expiring_after(today - dt.timedelta(days=1))
    done = first_day_expiring_after(today + dt.timedelta(days=expiring_days))
    return not_expired, done
