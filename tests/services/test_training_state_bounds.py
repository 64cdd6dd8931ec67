"""The database's training counts use two dates per course (``state_bounds``) in
place of ``state_of``: they must sort every completion day the same way."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from wellbeing_desktop.services.training_rules import TrainingState, state_bounds, state_of

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


def _by_bounds(
    completed_on: dt.date, bounds: tuple[dt.date | None, dt.date | None]
) -> TrainingState:
    not_expired, done = (bound or dt.date.min for bound in bounds)
    if completed_on < not_expired:
        return TrainingState.EXPIRED
    if completed_on < done:
        return TrainingState.EXPIRING
    return TrainingState.DONE


@settings(max_examples=400, deadline=None)
@given(
    completed_on=days,
    today=days,
    months=st.one_of(st.none(), st.integers(min_value=1, max_value=120)),
    warning=st.integers(min_value=0, max_value=365),
)
def test_bounds_sort_completions_as_the_rule_does(
    completed_on: dt.date, today: dt.date, months: int | None, warning: int
) -> None:
    expected = state_of(completed_on, months, required=True, today=today, expiring_days=warning)
    assert _by_bounds(completed_on, state_bounds(months, today, warning)) is expected


def test_month_ends_and_leap_days() -> None:
    # 29/02/2024 + 12 months is valid until 28/02/2025: on 01/03/2025 it has expired.
    today = dt.date(2025, 3, 1)
    for completed in (dt.date(2024, 2, 28), dt.date(2024, 2, 29), dt.date(2024, 3, 1)):
        expected = state_of(completed, 12, required=True, today=today, expiring_days=0)
        assert _by_bounds(completed, state_bounds(12, today, 0)) is expected
    assert state_bounds(12, today, 0)[0] == dt.date(2024, 3, 1)
