"""Every control a keyboard can reach in the development dialogs has an accessible name."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel

from tests.ui.forms.conftest import show_dialog
from tests.ui.forms.scenario import TODAY
from tests.ui.forms.test_accessibility import reachable_without_a_name
from wellbeing_desktop.services import development, people, programmes
from wellbeing_desktop.ui.plan_dialogs import CpdDialog, ObjectiveDialog, PlanDialog
from wellbeing_desktop.ui.programme_dialogs import (
    AddMilestoneDialog,
    EditProgrammeDialog,
    ExtendProgrammeDialog,
    FinishProgrammeDialog,
    SignOffDialog,
    StartProgrammeDialog,
)


def _programme(db, staff_id):  # type: ignore[no-untyped-def]
    draft = programmes.template_draft("preceptorship", dt.date(2026, 9, 1))
    return programmes.start_programme(db, staff_id, draft, today=TODAY)


def _plan(db, staff_id):  # type: ignore[no-untyped-def]
    return development.save_plan(db, staff_id, 2026, today=TODAY)


DIALOGS = {
    "start": lambda db, s: StartProgrammeDialog(
        db,
        people.get_staff(db, s.aisha),
        programmes.colleague_choices(db, today=TODAY),
        today=TODAY,
    ),
    "details": lambda db, s: EditProgrammeDialog(
        db, _programme(db, s.aisha), programmes.colleague_choices(db, today=TODAY), today=TODAY
    ),
    "sign-off": lambda db, s: (lambda p: SignOffDialog(db, p, p.milestones[0], today=TODAY))(
        _programme(db, s.aisha)
    ),
    "milestone": lambda db, s: AddMilestoneDialog(db, _programme(db, s.aisha), today=TODAY),
    "extend": lambda db, s: ExtendProgrammeDialog(db, _programme(db, s.aisha), today=TODAY),
    "finish": lambda db, s: FinishProgrammeDialog(db, _programme(db, s.aisha), today=TODAY),
    "plan": lambda db, s: PlanDialog(db, s.aisha, today=TODAY),
    "objective": lambda db, s: ObjectiveDialog(db, _plan(db, s.aisha), today=TODAY),
    "cpd": lambda db, s: CpdDialog(db, s.aisha, today=TODAY),
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_reachable_control_has_an_accessible_name(qtbot, app_db, scenario, name):
    dialog = DIALOGS[name](app_db, scenario)
    show_dialog(qtbot, dialog)
    assert reachable_without_a_name(dialog) == []


@pytest.mark.parametrize("name", list(DIALOGS))
def test_each_dialog_is_named_and_headed_by_its_title(qtbot, app_db, scenario, name):
    dialog = DIALOGS[name](app_db, scenario)
    show_dialog(qtbot, dialog)
    assert dialog.windowTitle()
    assert dialog.accessibleName() == dialog.windowTitle()
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert dialog.windowTitle() in labels  # the heading at the top
