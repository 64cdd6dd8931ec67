"""The forms that track unsaved changes (``FormDialog.form_state``) open clean, become
dirty when something is typed, and are clean again once it is put back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.ui.forms.conftest import show_dialog
from tests.ui.forms.scenario import TODAY
from wellbeing_desktop.ui.forms.base import FormDialog
from wellbeing_desktop.ui.forms.checkin_form import CheckInForm
from wellbeing_desktop.ui.forms.establishment_dialog import EstablishmentDialog
from wellbeing_desktop.ui.forms.signpost_dialog import SignpostDialog
from wellbeing_desktop.ui.forms.supervision_form import SupervisionForm
from wellbeing_desktop.ui.forms.workload_review_dialog import WorkloadReviewDialog


def _type_note(form: Any) -> tuple[Callable[[], None], Callable[[], None]]:
    return (lambda: form.notes.setPlainText("Typed"), lambda: form.notes.setPlainText(""))


def _waiting(form: Any) -> tuple[Callable[[], None], Callable[[], None]]:
    before = form.waiting.value()
    return (lambda: form.waiting.setValue(before + 3), lambda: form.waiting.setValue(before))


def _agreed_by(form: Any) -> tuple[Callable[[], None], Callable[[], None]]:
    return (lambda: form.agreed_by.setText("Jordan"), lambda: form.agreed_by.setText(""))


def _supervision_date(form: Any) -> tuple[Callable[[], None], Callable[[], None]]:
    before = form.held_on.value()
    return (
        lambda: form.held_on.set_value(TODAY.replace(day=1)),
        lambda: form.held_on.set_value(before),
    )


FORMS = {
    "check-in": (lambda db, s: CheckInForm(db, s.aisha, today=TODAY), _type_note),
    "signposting": (lambda db, s: SignpostDialog(db, s.aisha, today=TODAY), _type_note),
    "establishment": (
        lambda db, s: EstablishmentDialog(db, team_id=s.team_id, today=TODAY),
        _waiting,
    ),
    "workload review": (lambda db, s: WorkloadReviewDialog(db, s.aisha, today=TODAY), _agreed_by),
    "supervision": (lambda db, s: SupervisionForm(db, [s.aisha], today=TODAY), _supervision_date),
}


@pytest.mark.parametrize("name", list(FORMS))
def test_a_form_is_dirty_only_while_it_differs(qtbot, app_db, scenario, name) -> None:  # type: ignore[no-untyped-def]
    make, edit = FORMS[name]
    form: FormDialog = make(app_db, scenario)
    show_dialog(qtbot, form)
    change, undo = edit(form)
    assert not form.is_dirty()
    change()
    assert form.is_dirty()
    undo()
    assert not form.is_dirty()
