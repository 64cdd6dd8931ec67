"""Every control a keyboard can reach has an accessible name, in every form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QDialog, QWidget

from tests.ui.forms.conftest import show_dialog
from tests.ui.forms.scenario import TODAY
from wellbeing_desktop.ui.forms.caseload_grid import CaseloadGrid
from wellbeing_desktop.ui.forms.checkin_form import CheckInForm
from wellbeing_desktop.ui.forms.signpost_dialog import SignpostDialog
from wellbeing_desktop.ui.forms.supervision_form import SupervisionForm
from wellbeing_desktop.ui.settings.settings_dialog import SettingsDialog

SETTINGS_PAGES = SettingsDialog.WORKLOAD + 1  # every page


def reachable_without_a_name(dialog: QDialog) -> list[str]:
    missing = []
    for widget in dialog.findChildren(QWidget):
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if not widget.isVisibleTo(dialog) or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox):
            continue  # the line edit inside a combo box or spin box: the parent is named
        if not widget.accessibleName().strip():
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}")
    return missing


def _workload_dialog(db, s):  # type: ignore[no-untyped-def]
    from wellbeing_desktop.ui.forms.workload_review_dialog import WorkloadReviewDialog

    dialog = WorkloadReviewDialog(db, s.aisha, today=TODAY)
    dialog._add_row()  # a reallocation row's controls too
    return dialog


def _allocation_dialog(db, s):  # type: ignore[no-untyped-def]
    from wellbeing_desktop.ui.forms.allocation_dialog import AllocationDialog

    return AllocationDialog(db, team_id=s.team_id, today=TODAY)


def _establishment_dialog(db, s):  # type: ignore[no-untyped-def]
    from wellbeing_desktop.ui.forms.establishment_dialog import EstablishmentDialog

    return EstablishmentDialog(db, team_id=s.team_id, today=TODAY)


def _record_training_dialog(db, s):  # type: ignore[no-untyped-def]
    from wellbeing_desktop.ui.forms.record_training import RecordTrainingDialog

    return RecordTrainingDialog(db, team_id=s.team_id, today=TODAY)


def _course_editor(db, s):  # type: ignore[no-untyped-def]
    from wellbeing_desktop.ui.forms.course_editor import CourseEditor

    return CourseEditor(db, today=TODAY)


def _training_matrix(db, s):  # type: ignore[no-untyped-def]
    from wellbeing_desktop.ui.training_matrix import TrainingMatrixWindow

    return TrainingMatrixWindow(db, team_id=s.team_id, today=TODAY)


def _shortcuts(db, s):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMenuBar

    from wellbeing_desktop.ui.shortcuts_dialog import ShortcutsDialog

    return ShortcutsDialog(QMenuBar())


@pytest.mark.parametrize(
    "make",
    [
        lambda db, s: SupervisionForm(db, staff_ids=[s.aisha], today=TODAY),
        lambda db, s: CaseloadGrid(db, s.team_id, today=TODAY),
        lambda db, s: CheckInForm(db, s.aisha, today=TODAY),
        lambda db, s: SignpostDialog(db, None, today=TODAY),
        lambda db, s: _workload_dialog(db, s),
        _allocation_dialog,
        _establishment_dialog,
        _record_training_dialog,
        _course_editor,
        _training_matrix,
        _shortcuts,
        *(
            (lambda db, s, page=page: SettingsDialog(db, today=TODAY, page=page))
            for page in range(SETTINGS_PAGES)
        ),
    ],
    ids=[
        "supervision",
        "caseloads",
        "checkin",
        "signpost",
        "workload-review",
        "allocate",
        "establishment",
        "record-training",
        "courses",
        "training-matrix",
        "shortcuts",
        *(f"settings-{n}" for n in range(SETTINGS_PAGES)),
    ],
)
def test_every_reachable_control_has_an_accessible_name(qtbot, app_db, scenario, make):
    dialog = make(app_db, scenario)
    show_dialog(qtbot, dialog)
    assert reachable_without_a_name(dialog) == []  # type and object name, or button text
