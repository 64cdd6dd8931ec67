"""What is due and what is overdue: supervision and check-ins, from the role's frequency."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Due:
    last: dt.date | None
    due_on: dt.date
    overdue_days: int  # 0 when not overdue

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def next_due(
    last: dt.date | None, interval_days: int, start_date: dt.date | None, today: dt.date
) -> Due:
    """Due ``interval_days`` after the last one; someone who has never had one is due
    ``interval_days`` after they started (or today, if no start date is known)."""
    if last is not None:
        due_on = last + dt.timedelta(days=interval_days)
    elif start_date is not None:
        due_on = start_date + dt.timedelta(days=interval_days)
    else:
        due_on = today
    return Due(last=last, due_on=due_on, overdue_days=max(0, (today - due_on).days))


def describe_overdue(days: int) -> str:
    """'3 days', '2 weeks', '5 months': how long, in the words a manager would use."""
    if days < 14:
        return f"{days} day{'' if days == 1 else 's'}"
    if days < 61:
        weeks = days // 7
        return f"{weeks} weeks"
    months = days // 30
    return f"{months} months"
