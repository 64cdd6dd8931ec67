"""Finding one record by the number a caller gave, or saying it is not there."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from wellbeing_desktop.errors import NotFoundError
from wellbeing_desktop.services import validation as v

M = TypeVar("M")


def fetch(
    session: Session,
    model: type[M],
    field: str,
    label: str,
    value: object,
    *,
    what: str,
    belongs: Callable[[M], bool] | None = None,
) -> M:
    """The ``model`` record numbered ``value`` (checked as the form field ``field``).

    ``NotFoundError`` ("There is no {what} with number N.") when there is none, or when
    ``belongs`` says it is not the caller's (another person's plan, say).
    """
    record_id = v.record_id(field, label, value, what=what)
    record = session.get(model, record_id)
    if record is None or (belongs is not None and not belongs(record)):
        raise NotFoundError(f"There is no {what} with number {record_id}.")
    return record
