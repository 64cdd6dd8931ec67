from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt, QThread
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from tests.ui.scenario import TODAY
from wellbeing_desktop.errors import NotFoundError
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.ui.models.records import RecordColumn, RecordTableModel
from wellbeing_desktop.ui.models.team_table import (
    ATTENTION_ROLE,
    SORT_ROLE,
    STAFF_ID_ROLE,
    STATUS_ROLE,
    Column,
    Focus,
    PeopleFilterProxy,
    TeamTableModel,
)
from wellbeing_desktop.ui.tasks import TaskRunner
from wellbeing_desktop.ui.widgets.line_chart import nice_ticks


@pytest.fixture
def models(qapp, scenario_db):  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    model = TeamTableModel()
    model.set_summary(team_summary(db, today=TODAY))
    proxy = PeopleFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy, scenario


def _names(proxy: PeopleFilterProxy) -> list[str]:
    return [proxy.index(row, Column.NAME).data() for row in range(proxy.rowCount())]


def test_model_adapts_the_summary(models) -> None:
    model, _, scenario = models
    assert model.rowCount() == 4 and model.columnCount() == len(Column)
    assert model.headerData(Column.STATUS, Qt.Orientation.Horizontal) == "Status"
    row = model.row_of(scenario.aoife)
    assert row is not None
    assert model.index(row, Column.STATUS).data(STATUS_ROLE) == "red"
    assert model.index(row, Column.NAME).data(STAFF_ID_ROLE) == scenario.aoife
    assert model.index(row, Column.FTE).data() == "0.8"
    assert model.index(row, Column.NEXT_SUPERVISION).data(Qt.ItemDataRole.BackgroundRole)
    assert model.index(row, Column.CASELOAD).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "34 of 32"
    )
    tomasz = model.row_of(scenario.tomasz)
    assert model.index(tomasz, Column.TREND).data() == "→ 0"
    assert model.index(tomasz, Column.ACTIONS).data() == "–"


def test_sorting_by_status_puts_the_most_urgent_first(models) -> None:
    _model, proxy, _scenario = models
    proxy.sort(Column.STATUS, Qt.SortOrder.DescendingOrder)
    assert _names(proxy)[:2] == ["Aoife Ní Bhriain", "Dafydd ap Gwilym"]
    proxy.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    assert _names(proxy) == sorted(_names(proxy), key=str.casefold)


def test_focus_and_search_filter_together_and_survive_sorting(models) -> None:
    model, proxy, scenario = models
    proxy.set_focus(Focus.SUPERVISION)
    assert sorted(_names(proxy)) == ["Aoife Ní Bhriain", "Priya Raman"]
    proxy.set_search("PRIYA")
    assert _names(proxy) == ["Priya Raman"]
    proxy.sort(Column.CASELOAD, Qt.SortOrder.DescendingOrder)
    assert _names(proxy) == ["Priya Raman"]
    proxy.set_search("")
    proxy.set_focus(None)
    assert proxy.rowCount() == 4
    assert model.matching_ids("", None) is None
    assert model.matching_ids("north", Focus.APPROACHING) == {scenario.dafydd}


def test_record_model_shows_sorts_and_flags() -> None:
    columns: list[RecordColumn[tuple[str, int]]] = [
        RecordColumn("Name", lambda r: r[0]),
        RecordColumn("Count", lambda r: str(r[1]), lambda r: r[1], attention=lambda r: r[1] > 5),
    ]
    model: RecordTableModel[tuple[str, int]] = RecordTableModel(columns)
    model.set_records([("a", 3), ("b", 10)])
    assert model.rowCount() == 2 and model.headerData(1, Qt.Orientation.Horizontal) == "Count"
    assert model.index(1, 1).data() == "10"
    assert model.index(1, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is None


def test_nice_ticks() -> None:
    assert nice_ticks(0, 117) == [0, 50, 100, 150]
    assert nice_ticks(0, 90) == [0, 25, 50, 75, 100]
    assert nice_ticks(1, 5) == [1, 2, 3, 4, 5]
    assert nice_ticks(0, 0) == [0, 0.25, 0.5, 0.75, 1]


def test_tasks_deliver_results_on_the_ui_thread(qtbot) -> None:
    runner = TaskRunner()
    ran_on: list[int] = []
    results: list[object] = []
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        runner.run(
            lambda: ran_on.append(threading.get_ident()) or 42,
            on_result=lambda value: results.append((value, QThread.currentThread())),
        )
    assert results == [(42, runner.thread())]
    assert ran_on and ran_on[0] != threading.get_ident()


def test_tasks_deliver_errors_and_drop_superseded_results(qtbot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []
    results: list[int] = []
    gate = threading.Event()

    def slow() -> int:
        gate.wait(5)
        return 1

    runner.run(slow, on_result=results.append, key="same")
    runner.run(lambda: 2, on_result=results.append, key="same")
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        gate.set()
        runner.run(lambda: (_ for _ in ()).throw(NotFoundError("gone")), on_error=errors.append)
    assert results == [2]
    assert isinstance(errors[0], NotFoundError)


def test_synchronous_tasks_for_scripts_and_tests(qapp) -> None:
    runner = TaskRunner(synchronous=True)
    seen: list[object] = []
    runner.run(lambda: "done", on_result=seen.append)
    runner.run(lambda: 1 / 0, on_error=seen.append)
    assert seen[0] == "done" and isinstance(seen[1], ZeroDivisionError)
    assert not runner.busy


def test_a_cell_asked_for_all_its_roles_at_once_says_what_it_says_role_by_role(models) -> None:
    """Delegates ask the proxy for a cell's roles in one call (``multiData``, answered by
    ``TeamTableModel.fill_cell``); the answers are those of ``data``, role by role."""
    _, proxy, _ = models
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.DecorationRole,  # not used: nothing
        STATUS_ROLE,
        STAFF_ID_ROLE,
        SORT_ROLE,
        ATTENTION_ROLE,
    ]
    delegate = QStyledItemDelegate()
    proxy.sort(Column.CASELOAD, Qt.SortOrder.DescendingOrder)
    proxy.set_search("recovery")  # the three in North Recovery Service
    assert proxy.rowCount() == 3
    # One set of answers, reused from cell to cell as Qt's delegates reuse theirs: a
    # value one cell leaves behind must never show in the next.
    items = {role: QModelRoleData(int(role)) for role in roles}
    flagged = 0
    for row in range(proxy.rowCount()):
        for column in Column:
            index = proxy.index(row, column)
            for role, item in items.items():
                proxy.multiData(index, QModelRoleDataSpan(item))
                assert item.data() == index.data(role), (row, column, role)
            flagged += index.data(Qt.ItemDataRole.BackgroundRole) is not None
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, index)  # what a view paints with
            assert option.text == index.data()
    assert 0 < flagged < proxy.rowCount() * len(Column)


def test_typing_on_to_the_same_people_filters_nothing_again(models) -> None:
    _, proxy, _ = models
    proxy.set_search("dafy")
    assert _names(proxy) == ["Dafydd ap Gwilym"]
    changes: list[str] = []
    for signal in (proxy.rowsRemoved, proxy.rowsInserted, proxy.layoutChanged, proxy.modelReset):
        signal.connect(lambda *_args, name=signal: changes.append(str(name)))
    proxy.set_search("dafydd")  # the same one person: no refilter, so no repaint
    assert changes == [] and _names(proxy) == ["Dafydd ap Gwilym"]
    proxy.set_search("d")
    assert changes and len(_names(proxy)) > 1


def test_cases_recorded_without_weighting_read_not_weighted(qapp, scenario_db) -> None:  # type: ignore[no-untyped-def]
    """A role counted in points with cases recorded but no weighting: the dashboard says
    'Not weighted' (the badge too), not 'No caseload recorded'."""
    from wellbeing_desktop.services import caseloads, people
    from wellbeing_desktop.services.caseload_rules import CaseloadStatus
    from wellbeing_desktop.ui.widgets.status import status_text

    db, scenario = scenario_db
    role = people.save_role(db, name="Weighted", amber=40, red=50, uses_weighting=True)
    draft = people.StaffDraft(
        name="Ula Unweighted", team_id=scenario.north, role_id=role.id, start_date="2020-01-01"
    )
    ula = people.save_staff(db, draft).id
    caseloads.record_caseload(db, caseloads.make_entry(ula, TODAY.isoformat(), 12, today=TODAY))
    model = TeamTableModel()
    model.set_summary(team_summary(db, today=TODAY))
    row = model.row_of(ula)
    assert row is not None
    status = model.index(row, Column.STATUS)
    assert status.data(STATUS_ROLE) == CaseloadStatus.UNWEIGHTED.value
    assert status.data() == "? Not weighted"
    assert status_text(CaseloadStatus(status.data(STATUS_ROLE))) == "?  Not weighted"
