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


def fetch_or_new(
    session: Session,
    model: type[M],
    field: str,
    label: str,
    value: object | None,
    *,
    what: str,
    owner: tuple[str, int],
) -> M:
    """The ``model`` record numbered ``value`` that belongs to ``owner``, or a new one for
    it when ``value`` is None (a form saving a new record or changing one).

    ``owner`` names the column tying the record to its parent and the parent's id, e.g.
    ``("staff_id", 7)``: a record of another parent is not found (``NotFoundError``, as
    ``fetch``), and a new record gets it. A new record is not yet in the session: add it
    once its fields are set, so an autoflush does not write it half-filled.
    """
    column, owner_id = owner
    if value is None:
        record = model()
        setattr(record, column, owner_id)
        return record
    return fetch(
        session,
        model,
        field,
        label,
        value,
        what=what,
        belongs=lambda found: getattr(found, column) == owner_id,
    )
