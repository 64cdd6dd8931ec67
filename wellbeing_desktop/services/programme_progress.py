"""A development programme's progress in figures and words. Kept apart from
``programmes.py`` (which loads the ORM) so the team summary can show it from its
Core queries before the ORM is first imported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wellbeing_desktop.services.vocab import PROGRAMME_KINDS, PROGRAMME_OUTCOMES


@dataclass(frozen=True)
class ProgrammeProgress:
    """A programme's progress on a day, and the same in words."""

    kind: str
    label: str
    signed_off: int
    total: int
    overdue: int
    start_on: dt.date
    expected_end_on: dt.date
    days_to_end: int  # negative once the expected end has passed
    finished_on: dt.date | None
    outcome: str

    @property
    def running(self) -> bool:
        return self.finished_on is None

    @property
    def words(self) -> str:
        """e.g. 'Preceptorship: 3 of 6 signed off, 1 overdue, ends 01/09/2027'."""
        parts = [f"{self.signed_off} of {self.total} signed off" if self.total else "no milestones"]
        if self.overdue and self.running:
            parts.append(f"{self.overdue} overdue")
        end = self.expected_end_on.strftime("%d/%m/%Y")
        if not self.running:
            assert self.finished_on is not None
            finished = PROGRAMME_OUTCOMES.get(self.outcome, "Finished").lower()
            parts.append(f"{finished} {self.finished_on.strftime('%d/%m/%Y')}")
        elif self.days_to_end < 0:
            parts.append(f"was due to end {end}")
        else:
            parts.append(f"{'extended to' if self.outcome == 'extended' else 'ends'} {end}")
        return f"{self.label}: {', '.join(parts)}"


def progress_from_row(
    kind: str,
    start_on: dt.date,
    expected_end_on: dt.date,
    finished_on: dt.date | None,
    outcome: str,
    total: int,
    signed_off: int,
    overdue: int,
    today: dt.date,
) -> ProgrammeProgress:
    """Progress from the figures a query counted (see ``storage/programme_queries.py``)."""
    return ProgrammeProgress(
        kind=kind,
        label=PROGRAMME_KINDS.get(kind, kind),
        signed_off=signed_off,
        total=total,
        overdue=overdue if finished_on is None else 0,
        start_on=start_on,
        expected_end_on=expected_end_on,
        days_to_end=(expected_end_on - today).days,
        finished_on=finished_on,
        outcome=outcome,
    )
