"""What is due and what is overdue: supervision and check-ins, from the role's frequency."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Due:
    last: dt.date | None
    due_on: dt.date
    overdue_days: int  # 0 when not overdue
    # Never had one and no start date recorded: the day they were added to the app,
    # counted as their start for this (None otherwise).
    counted_from_added: dt.date | None = None

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def next_due(
    last: dt.date | None,
    interval_days: int,
    start_date: dt.date | None,
    today: dt.date,
    *,
    known_since: dt.date | None = None,
) -> Due:
    """Due ``interval_days`` after the last one; someone who has never had one is due
    ``interval_days`` after they started. With no start date recorded, the day they were
    added to the app (``known_since``) counts as their start for this; the dashboard and
    the compliance report both follow this rule. Only when neither is known is it due
    today."""
    added = None
    if last is not None:
        due_on = last + dt.timedelta(days=interval_days)
    elif start_date is not None:
        due_on = start_date + dt.timedelta(days=interval_days)
    elif known_since is not None:
        added = known_since
        due_on = known_since + dt.timedelta(days=interval_days)
    else:
        due_on = today
    return Due(
        last=last,
        due_on=due_on,
        overdue_days=max(0, (today - due_on).days),
        counted_from_added=added,
    )


def describe_counted_from(added: dt.date, never: str = "Never supervised") -> str:
    """Why a due date was counted from the day the person was added to the app."""
    return f"{never}; start date not recorded: counted from {added:%d/%m/%Y}, when they were added"


def describe_overdue(days: int) -> str:
    """'3 days', '2 weeks', '5 months': how long, in the words a manager would use."""
    if days < 14:
        return f"{days} day{'' if days == 1 else 's'}"
    if days < 61:
        weeks = days // 7
        return f"{weeks} weeks"
    months = days // 30
    return f"{months} months"
