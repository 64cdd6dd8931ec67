"""A person's data rights from the person view: everything about them exported (and
audited), or erased after a preview and their name typed back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from wellbeing_desktop.errors import NotFoundError
from wellbeing_desktop.services import audit, people
from wellbeing_desktop.ui.data_rights import ErasureDialog, SubjectAccessExport
from wellbeing_desktop.ui.main_window import MainWindow
from wellbeing_desktop.ui.tasks import TaskRunner

AOIFE = "Aoife Ní Bhriain"


def open_person(qtbot, window: MainWindow, staff_id: int) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.person_view.loaded, timeout=10_000):
        window.open_person(staff_id)


def erasure_from_person_view(qtbot, window: MainWindow, staff_id: int) -> ErasureDialog:  # type: ignore[no-untyped-def]
    open_person(qtbot, window, staff_id)
    menu = window.person_view.more_button.menu()  # the header's More menu
    erase = next(a for a in menu.actions() if a.text().replace("&", "") == "Erase them…")
    erase.trigger()
    dialog = window.data_menu.dialog
    assert isinstance(dialog, ErasureDialog)
    if dialog.facts is None:
        with qtbot.waitSignal(dialog.loaded, timeout=10_000):
            pass
    return dialog


def test_erasing_needs_the_name_typed_and_removes_the_person(qtbot, window, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    dialog = erasure_from_person_view(qtbot, window, scenario.aoife)
    assert dialog.isVisible() and dialog.isModal()
    assert dialog.windowTitle() == "Erase a person"  # no name in the title bar
    assert dialog.title.text() == f"Erase {AOIFE}"
    counted = dict(dialog.counted())
    assert counted["Staff record"] == "1"
    assert counted["Caseload records"] == "7"
    assert counted["Check-ins"] == "2"
    assert not dialog.erase_button.isEnabled()
    assert not dialog.cancel_button.isDefault() and not dialog.erase_button.isDefault()

    dialog.confirm_field.setText("Aoife")  # not the whole name
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClick(dialog.confirm_field, Qt.Key.Key_Return)  # Enter does nothing yet
    assert dialog.isVisible()
    assert people.get_staff(db, scenario.aoife).name == AOIFE

    dialog.confirm_field.setText("  aoife  ní bhriain ")  # case and spacing do not matter
    assert dialog.erase_button.isEnabled()
    with qtbot.waitSignal(dialog.erased, timeout=10_000):
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    with pytest.raises(NotFoundError):
        people.get_staff(db, scenario.aoife)
    assert window.pages.currentIndex() == window.PAGE_DASHBOARD  # the person view closed
    qtbot.waitUntil(lambda: scenario.aoife not in window.dashboard.model.staff_ids, timeout=10_000)
    (entry,) = audit.list_entries(db, action="erased")
    assert (entry.record_type, entry.record_id) == ("staff_member", str(scenario.aoife))
    assert "Aoife" not in entry.detail and "caseload_record 7" in entry.detail


def test_cancel_erases_nothing(qtbot, window, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    dialog = erasure_from_person_view(qtbot, window, scenario.tomasz)
    dialog.confirm_field.setText("Tomasz Nowak")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert people.get_staff(db, scenario.tomasz).name == "Tomasz Nowak"
    assert audit.list_entries(db, action="erased") == []


def test_records_changed_since_the_preview_are_not_erased(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    dialog = ErasureDialog(db, scenario.priya, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    from tests.ui.scenario import TODAY
    from wellbeing_desktop.services import caseloads

    caseloads.record_caseload(
        db, caseloads.make_entry(scenario.priya, TODAY, 26, today=TODAY)
    )  # someone else saved meanwhile
    dialog.confirm_field.setText("Priya Raman")
    dialog.erase_button.click()
    assert people.get_staff(db, scenario.priya).name == "Priya Raman"
    assert "changed since the preview" in dialog.message.text()
    assert dialog.confirm_field.text() == ""  # asked again, on the new counts
    assert not dialog.erase_button.isEnabled()


@pytest.mark.parametrize("suffix", [".json", ".pdf"])
def test_everything_about_a_person_is_exported_and_audited(
    qtbot, scenario_db, tmp_path: Path, suffix: str
) -> None:  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    export = SubjectAccessExport(db, scenario.aoife, parent, runner=TaskRunner())
    out = tmp_path / f"export{suffix}"
    with qtbot.waitSignal(export.finished, timeout=30_000):
        export.export_to(out)
    assert out.is_file()
    if suffix == ".json":
        document = json.loads(out.read_text(encoding="utf-8"))
        assert document["staff_id"] == scenario.aoife
        assert document["staff_record"]["name"] == AOIFE
    else:
        assert out.read_bytes().startswith(b"%PDF")
    (entry,) = audit.list_entries(db, action="exported")
    assert entry.record_id == str(scenario.aoife)
    assert entry.detail == f"subject access ({suffix[1:].upper()})"
    assert export.message_box is not None
    assert export.message_box.text().startswith("Exported ")  # type: ignore[attr-defined]
    export.message_box.close()


def test_export_needs_a_chosen_person_from_the_menu(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.dashboard.table.clearSelection()
    window.data_menu.export_action.trigger()
    box = window.data_menu.message_box
    assert box is not None and box.isVisible()
    assert box.text() == "Choose a person first"  # type: ignore[attr-defined]
    box.close()
