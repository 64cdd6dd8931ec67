"""Every control a keyboard can reach has an accessible name, in every form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QDialog, QWidget

from tests.ui.forms.conftest import show_dialog
from tests.ui.forms.scenario import TODAY
from wellbeing_desktop.ui.forms.caseload_grid import CaseloadGrid
from wellbeing_desktop.ui.forms.checkin_form import CheckInForm
from wellbeing_desktop.ui.forms.signpost_dialog import SignpostDialog
from wellbeing_desktop.ui.forms.supervision_form import SupervisionForm
from wellbeing_desktop.ui.settings.settings_dialog import SettingsDialog


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
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def _workload_dialog(db, s):  # type: ignore[no-untyped-def]
    from wellbeing_desktop.ui.forms.workload_review_dialog import WorkloadReviewDialog

    dialog = WorkloadReviewDialog(db, s.aisha, today=TODAY)
    dialog._add_row()  # a reallocation row's controls too
    return dialog


@pytest.mark.parametrize(
    "make",
    [
        lambda db, s: SupervisionForm(db, staff_ids=[s.aisha], today=TODAY),
        lambda db, s: CaseloadGrid(db, s.team_id, today=TODAY),
        lambda db, s: CheckInForm(db, s.aisha, today=TODAY),
        lambda db, s: SignpostDialog(db, None, today=TODAY),
        lambda db, s: _workload_dialog(db, s),
        *(
            (lambda db, s, page=page: SettingsDialog(db, today=TODAY, page=page))
            for page in range(5)
        ),
    ],
    ids=[
        "supervision",
        "caseloads",
        "checkin",
        "signpost",
        "workload-review",
        *(f"settings-{n}" for n in range(5)),
    ],
)
def test_every_reachable_control_has_an_accessible_name(qtbot, app_db, scenario, make):
    dialog = make(app_db, scenario)
    show_dialog(qtbot, dialog)
    assert reachable_without_a_name(dialog) == []
