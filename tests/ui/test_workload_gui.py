"""Workload plans in the main window: the dashboard's "Workload plan" column for every
row, the review opened from a row (right-click menu and Ctrl+Shift+W) and from the person
view, and the person's current and past reviews."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.scenario import TODAY
from wellbeing_desktop.services import workload_reviews as wr
from wellbeing_desktop.ui.forms.workload_review_dialog import WorkloadReviewDialog
from wellbeing_desktop.ui.main_window import MainWindow
from wellbeing_desktop.ui.models.team_table import Column


def _row(window: MainWindow, name: str) -> int:
    proxy = window.dashboard.proxy
    return next(
        row for row in range(proxy.rowCount()) if proxy.index(row, Column.NAME).data() == name
    )


def _cell(window: MainWindow, name: str, role: int = Qt.ItemDataRole.DisplayRole) -> str:
    proxy = window.dashboard.proxy
    return proxy.index(_row(window, name), Column.WORKLOAD).data(role)


def _open_dialog(qtbot, trigger) -> WorkloadReviewDialog:  # type: ignore[no-untyped-def]
    trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), WorkloadReviewDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, WorkloadReviewDialog)
    return dialog


def test_the_dashboard_says_who_needs_a_plan_and_opens_it(qtbot, window, scenario_db) -> None:  # type: ignore[no-untyped-def]
    _db, scenario = scenario_db
    assert _cell(window, "Aoife Ní Bhriain") == "⚠ over limit since 21/11/2026 — no plan"
    tooltip = _cell(window, "Aoife Ní Bhriain", Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Over limit since 21/11/2026 — no plan.")
    assert "Ctrl+Shift+W" in tooltip
    assert _cell(window, "Dafydd ap Gwilym") == "–"  # amber for days, not weeks
    assert _cell(window, "Priya Raman") == "–"
    assert (
        window.dashboard.model.headerData(
            Column.WORKLOAD, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole
        )
        == "Workload plan"
    )

    table = window.dashboard.table
    assert window.workload_action in table.actions()  # the right-click menu
    table.setFocus()
    table.selectRow(_row(window, "Aoife Ní Bhriain"))
    dialog = _open_dialog(
        qtbot,
        lambda: qtbot.keyClick(
            table,
            Qt.Key.Key_W,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        ),
    )
    assert dialog.staff_id == scenario.aoife
    dialog.agreed_by.setText("Sam Okafor")
    dialog.extra_supervision.setChecked(True)
    with qtbot.waitSignal(window.dashboard.loaded, timeout=10_000):
        dialog.save_and_close()
    assert _cell(window, "Aoife Ní Bhriain") == "plan agreed 26/11/2026, review 10/12/2026"


def test_the_person_view_shows_current_and_past_reviews(qtbot, window, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    past = wr.save_review(
        db,
        scenario.aoife,
        wr.ReviewDraft(
            agreed_on=dt.date(2026, 6, 1),
            agreed_by="Sam Okafor",
            review_on=dt.date(2026, 6, 15),
            reallocations=[wr.ReallocationDraft(scenario.priya, 2)],
        ),
        today=TODAY,
    )
    wr.close_review(db, past.id, "Back within the limit.", "2026-06-20", today=TODAY)
    current = wr.save_review(
        db,
        scenario.aoife,
        wr.ReviewDraft(
            agreed_on=dt.date(2026, 11, 10),
            agreed_by="Sam Okafor",
            review_on=dt.date(2026, 11, 24),
            pause_until=dt.date(2026, 12, 8),
        ),
        today=TODAY,
    )
    view = window.person_view
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        window.open_person(scenario.aoife)
    assert view.workload_label.isVisible()
    assert view.workload_label.text() == "Over limit — review overdue since 24/11/2026."
    tab = view.workload_tab
    assert view.tabs.tabText(view.tabs.indexOf(tab)) == "Workload reviews"
    model = tab.model
    assert model.rowCount() == 2
    shown = {model.index(row, 0).data(): row for row in range(2)}
    newest, oldest = shown["10/11/2026"], shown["01/06/2026"]
    assert model.index(newest, 4).data() == "⚠ Review overdue since 24/11/2026"
    assert model.index(newest, 2).data() == "no new cases until 08/12/2026"
    assert model.index(oldest, 4).data() == "Closed 20/06/2026"
    assert model.index(oldest, 2).data() == "2 cases to Priya Raman"
    assert model.index(oldest, 6).data() == "Back within the limit."
    # The tab's button opens the open review; a past one opens from the table.
    dialog = _open_dialog(qtbot, tab.new_button.click)
    assert dialog.review is not None and dialog.review.id == current.id
    dialog.done(0)
    tab.table.selectRow(oldest)
    dialog = _open_dialog(qtbot, tab.open_button.click)
    assert dialog.review is not None and dialog.review.id == past.id
    assert dialog.closed_label.isVisible()
    dialog.done(0)


def test_ctrl_shift_w_on_the_person_view(qtbot, window, scenario_db) -> None:  # type: ignore[no-untyped-def]
    _db, scenario = scenario_db
    view = window.person_view
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        window.open_person(scenario.dafydd)
    view.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    dialog = _open_dialog(qtbot, lambda: qtbot.keyClick(view, Qt.Key.Key_W, modifiers))
    assert dialog.staff_id == scenario.dafydd and dialog.review is None
    assert dialog.trigger.currentData() == "amber"
    dialog.done(0)
