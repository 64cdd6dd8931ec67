"""The audit trail in the app: its table model, the filters, and the chain check in words."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import text

from wellbeing_desktop.services import audit, people
from wellbeing_desktop.ui.audit_view import AuditTrailDialog
from wellbeing_desktop.ui.main_window import MainWindow
from wellbeing_desktop.ui.models.audit_entries import (
    ACTION,
    RECORD_ID,
    RECORD_TYPE,
    WHEN,
    AuditEntryModel,
    AuditFilterProxy,
)
from wellbeing_desktop.ui.tasks import TaskRunner

NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


def entry(number: int, action: str, record_type: str, record_id: str, detail: str = ""):  # type: ignore[no-untyped-def]
    return audit.AuditEntryInfo(
        number,
        NOW + dt.timedelta(minutes=number),
        "Sam Okafor",
        action,
        record_type,
        record_id,
        detail,
    )


def test_the_model_shows_entries_in_words_and_sorts_record_numbers_as_numbers(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = AuditEntryModel()
    model.set_entries(
        [
            entry(3, "exported", "staff_member", "10", "subject access (PDF)"),
            entry(2, "changed", "caseload_record", "2", "open_cases"),
            entry(1, "created", "team", "9"),
        ]
    )
    assert model.rowCount() == 3 and model.columnCount() == 6
    assert model.index(0, ACTION).data() == "Exported"
    assert model.index(0, RECORD_TYPE).data() == "Staff member"
    assert model.index(1, RECORD_TYPE).data() == "Caseload record"
    assert "26/11/2026" in model.index(0, WHEN).data()
    proxy = AuditFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(RECORD_ID, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, RECORD_ID).data() for r in range(3)] == ["2", "9", "10"]
    proxy.sort(WHEN, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, ACTION).data() for r in range(3)] == ["Created", "Changed", "Exported"]
    proxy.setFilterFixedString("subject ACCESS")
    assert proxy.rowCount() == 1


def test_the_trail_lists_and_filters_entries(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    audit.record_event(db, "exported", "staff_member", scenario.aoife, "subject access (JSON)")
    dialog = AuditTrailDialog(db, runner=TaskRunner())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    everything = dialog.visible_entries()
    assert len(everything) > 20
    assert {e.action for e in everything} >= {"created", "exported"}
    assert "entries" in dialog.count_label.text()

    exported = dialog.action_combo.findData("exported")
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.action_combo.setCurrentIndex(exported)
    shown = dialog.visible_entries()
    assert [(e.action, e.record_id) for e in shown] == [("exported", str(scenario.aoife))]

    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.action_combo.setCurrentIndex(0)  # all actions again
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("team"))
    assert {e.record_type for e in dialog.visible_entries()} == {"team"}

    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.type_combo.setCurrentIndex(0)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.number_edit.setText(str(scenario.tomasz))
    assert {e.record_id for e in dialog.visible_entries()} == {str(scenario.tomasz)}

    # The entries carry the computer's clock: a period that ended yesterday has none.
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.until_edit.set_value(dt.date.today() - dt.timedelta(days=1))
    assert dialog.visible_entries() == []
    assert dialog.count_label.text() == "No entries match these filters."


def test_the_search_narrows_what_is_shown(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, _scenario = scenario_db
    dialog = AuditTrailDialog(db, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    loaded = len(dialog.visible_entries())
    dialog.search_edit.setText("CHECK-IN")  # any column's words, in any case
    shown = dialog.visible_entries()
    assert 0 < len(shown) < loaded
    assert {e.record_type for e in shown} == {"check_in"}
    assert "match the search" in dialog.count_label.text()


def test_verify_says_the_chain_is_intact_then_finds_a_change(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, _scenario = scenario_db
    dialog = AuditTrailDialog(db, runner=TaskRunner())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    with qtbot.waitSignal(dialog.verified, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].ok
    assert dialog.verify_result.text().startswith("✓ The audit trail is intact")
    count = audit.count_entries(db)
    assert f"all {count} entries" in dialog.verify_result.text()

    tampered = dialog.visible_entries()[3]
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE audit_entry SET detail = 'nothing to see' WHERE id = :i"),
            {"i": tampered.id},
        )
    with qtbot.waitSignal(dialog.verified, timeout=10_000) as blocker:
        dialog.verify_button.click()
    assert not blocker.args[0].ok
    words = dialog.verify_result.text()
    assert words.startswith("⚠") and "changed outside Wellbeing Desktop" in words
    assert f"the first is entry {tampered.id}" in words
    chosen = dialog.table.selectionModel().selectedRows(WHEN)
    assert [index.data(Qt.ItemDataRole.UserRole + 1).id for index in chosen] == [tampered.id]


def test_the_data_menu_opens_the_trail(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    menu = window.data_menu.menu
    titles = [a.text().replace("&", "") for a in menu.actions() if a.isVisible()]
    assert titles[:1] == ["Audit trail…"]
    assert "Encrypt this database…" in titles  # a plain database
    assert "Change passphrase…" not in titles
    window.data_menu.audit_action.trigger()
    dialog = window.data_menu.audit_dialog
    assert isinstance(dialog, AuditTrailDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10_000)
    # A name is never in the trail: people are numbers there.
    names = {p.name for p in people.list_staff(window.db)}  # type: ignore[arg-type]
    shown = {dialog.model.text(e, c) for e in dialog.model.entries for c in range(6)}
    assert not names & shown
    dialog.close()
