from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.scenario import TODAY
from wellbeing_desktop.services import people
from wellbeing_desktop.ui.dashboard import DashboardView
from wellbeing_desktop.ui.main_window import MainWindow
from wellbeing_desktop.ui.models.team_table import Column, Focus


def _visible(dashboard: DashboardView, column: Column = Column.NAME) -> list[str]:
    proxy = dashboard.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def _row_text(dashboard: DashboardView, name: str) -> dict[Column, str]:
    proxy = dashboard.proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, Column.NAME).data() == name:
            return {column: proxy.index(row, column).data() for column in Column}
    raise AssertionError(f"{name} is not shown")


def test_dashboard_shows_everyone_with_status_in_words(window: MainWindow) -> None:
    dashboard = window.dashboard
    assert dashboard.pages.currentIndex() == DashboardView.PAGE_TEAM
    assert dashboard.title_label.text() == "All teams"
    assert sorted(_visible(dashboard)) == [
        "Aoife Ní Bhriain",
        "Dafydd ap Gwilym",
        "Priya Raman",
        "Tomasz Nowak",
    ]
    aoife = _row_text(dashboard, "Aoife Ní Bhriain")
    assert aoife[Column.STATUS] == "✕ Over safe limit"
    assert aoife[Column.CASELOAD] == "34 of 32"
    assert aoife[Column.TREND] == "↑ +3"
    assert aoife[Column.NEXT_SUPERVISION].startswith("⚠ Overdue by ")
    dafydd = _row_text(dashboard, "Dafydd ap Gwilym")
    assert dafydd[Column.STATUS] == "▲ Approaching limit"
    assert dafydd[Column.LAST_SUPERVISION] == "10/11/2026"
    assert dafydd[Column.NEXT_SUPERVISION] == "Booked 08/12/2026"
    assert dafydd[Column.ACTIONS] == "2 open, 1 overdue"
    assert _row_text(dashboard, "Priya Raman")[Column.FOLLOWUPS] == "1 due"
    # The reason is the tooltip, in the service's own sentence.
    proxy = dashboard.proxy
    row = _visible(dashboard).index("Aoife Ní Bhriain")
    assert (
        proxy.index(row, Column.STATUS)
        .data(Qt.ItemDataRole.ToolTipRole)
        .startswith("34 cases against a limit of 32 for 0.8 FTE: 2 over")
    )
    assert dashboard.cards[Focus.OVER].value == 1
    assert dashboard.cards[Focus.APPROACHING].value == 1
    assert dashboard.cards[Focus.FOLLOWUPS].value == 2
    assert dashboard.chart_caption.text().startswith(
        "Now: 89 cases against a combined safe limit of 117"
    )
    assert dashboard.chart.has_values()
    assert window.windowTitle() == "Wellbeing Desktop"


def test_clicking_a_summary_card_filters_and_clicking_again_clears(qtbot, window) -> None:
    dashboard = window.dashboard
    card = dashboard.cards[Focus.OVER]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert card.isChecked()
    assert _visible(dashboard) == ["Aoife Ní Bhriain"]
    assert "Showing 1 of 4" in dashboard.filter_label.text()

    followups = dashboard.cards[Focus.FOLLOWUPS]
    qtbot.mouseClick(followups, Qt.MouseButton.LeftButton)
    assert not card.isChecked() and followups.isChecked()
    assert sorted(_visible(dashboard)) == ["Aoife Ní Bhriain", "Priya Raman"]

    qtbot.mouseClick(followups, Qt.MouseButton.LeftButton)
    assert not followups.isChecked()
    assert len(_visible(dashboard)) == 4


def test_typing_in_search_filters_the_table(qtbot, window) -> None:
    dashboard = window.dashboard
    window.find_action.trigger()
    assert dashboard.search.hasFocus() or not window.isActiveWindow()
    qtbot.keyClicks(dashboard.search, "priya")
    assert _visible(dashboard) == ["Priya Raman"]
    dashboard.search.clear()
    qtbot.keyClicks(dashboard.search, "social work")  # matches the team and role
    assert _visible(dashboard) == ["Tomasz Nowak"]
    qtbot.keyClicks(dashboard.search, "zzz")
    assert _visible(dashboard) == []
    assert "No one matches" in dashboard.filter_label.text()


def test_search_and_card_combine(qtbot, window) -> None:
    dashboard = window.dashboard
    qtbot.mouseClick(dashboard.cards[Focus.FOLLOWUPS], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dashboard.search, "aoife")
    assert _visible(dashboard) == ["Aoife Ní Bhriain"]


def test_team_switcher_shows_one_team(qtbot, window, scenario_db) -> None:
    dashboard = window.dashboard
    _, scenario = scenario_db
    combo = dashboard.team_combo
    assert combo.isVisible()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All teams",
        "Adult Social Work East",
        "North Recovery Service",
    ]
    assert not dashboard.table.isColumnHidden(Column.TEAM)
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        combo.setCurrentIndex(combo.findData(scenario.north))
        combo.activated.emit(combo.currentIndex())
    assert dashboard.title_label.text() == "North Recovery Service"
    assert sorted(_visible(dashboard)) == ["Aoife Ní Bhriain", "Dafydd ap Gwilym", "Priya Raman"]
    assert dashboard.table.isColumnHidden(Column.TEAM)
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        combo.setCurrentIndex(0)
        combo.activated.emit(0)
    assert len(_visible(dashboard)) == 4


def test_refresh_after_a_change_keeps_the_filter(qtbot, window, scenario_db) -> None:
    db, scenario = scenario_db
    dashboard = window.dashboard
    qtbot.keyClicks(dashboard.search, "nowak")
    people.save_staff(
        db,
        people.StaffDraft(
            name="Tomasz Nowak-Smith",
            team_id=scenario.east,
            role_id=people.get_staff(db, scenario.tomasz).role_id,
            fte=1.0,
        ),
        scenario.tomasz,
    )
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        window.refresh_action.trigger()
    assert _visible(dashboard) == ["Tomasz Nowak-Smith"]


def test_enter_on_a_row_opens_the_person(qtbot, window) -> None:
    dashboard = window.dashboard
    row = _visible(dashboard).index("Dafydd ap Gwilym")
    dashboard.table.setFocus()
    dashboard.table.setCurrentIndex(dashboard.proxy.index(row, 0))
    with qtbot.waitSignal(window.person_view.loaded, timeout=10_000):
        qtbot.keyClick(dashboard.table, Qt.Key.Key_Return)
    assert window.pages.currentIndex() == MainWindow.PAGE_PERSON
    assert window.person_view.name_label.text() == "Dafydd ap Gwilym"
    assert "Dafydd" not in window.windowTitle()
    window.dashboard_action.trigger()
    assert window.pages.currentIndex() == MainWindow.PAGE_DASHBOARD


def test_new_database_shows_add_your_team(qtbot, empty_db) -> None:
    main = MainWindow(today=TODAY)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.dashboard_ready, timeout=10_000):
        main.show()
        main.set_database(empty_db)
    dashboard = main.dashboard
    assert dashboard.pages.currentIndex() == DashboardView.PAGE_NO_TEAMS
    assert dashboard.no_teams_page.title.text() == "Add your team"
    people.save_team(empty_db, "New Team")
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        main.refresh()
    assert dashboard.pages.currentIndex() == DashboardView.PAGE_NO_PEOPLE
    main.tasks.wait_for_done(5000)


def test_dashboard_loads_off_the_ui_thread_on_each_backend(qtbot, database_url) -> None:
    from tests.ui.scenario import build
    from wellbeing_desktop.services.setup import open_app_database

    db = open_app_database(database_url)
    try:
        build(db)
        main = MainWindow(today=TODAY)
        qtbot.addWidget(main)
        with qtbot.waitSignal(main.dashboard_ready, timeout=20_000):
            main.show()
            main.set_database(db)
        # A fresh profile opens on the largest team (ui/team_memory.py).
        assert main.dashboard.title_label.text() == "North Recovery Service"
        assert len(_visible(main.dashboard)) == 3
        assert main.dashboard.cards[Focus.OVER].value == 1
        main.tasks.wait_for_done(5000)
    finally:
        db.close()


def test_columns_are_as_wide_as_qt_would_make_them(window) -> None:  # type: ignore[no-untyped-def]
    """The dashboard measures only each column's widest text; the widths are those of
    Qt's resizeColumnsToContents, which lays out every cell."""
    dashboard = window.dashboard
    table = dashboard.table
    ours = [table.columnWidth(column) for column in Column]
    table.resizeColumnsToContents()
    qt = [table.columnWidth(column) for column in Column]
    em = dashboard.fontMetrics().horizontalAdvance("m")
    for column, limit in ((Column.NAME, 13), (Column.TEAM, 13), (Column.ROLE, 14)):
        qt[column] = min(qt[column], em * limit)
    qt[Column.CASELOAD] += em  # a gap after the right-aligned FTE
    assert ours[:-1] == qt[:-1]  # the last column stretches to the table's edge


def test_only_the_cells_that_need_attention_are_painted_for_it(window) -> None:  # type: ignore[no-untyped-def]
    """What the table paints, pixel by pixel: the attention colour only where it is due
    (delegates ask for a cell's roles all at once, and nothing may carry over)."""
    from wellbeing_desktop.ui.models.team_table import ATTENTION_BACKGROUND

    dashboard = window.dashboard
    table, proxy = dashboard.table, dashboard.proxy
    window.resize(2200, window.height())  # every column on screen
    QApplication.processEvents()
    image = table.viewport().grab().toImage()

    def background(row: int, column: Column) -> str:
        rect = table.visualRect(proxy.index(row, column))
        ratio = image.devicePixelRatio()
        corner = rect.bottomRight()  # padding, clear of the text
        return image.pixelColor(int((corner.x() - 2) * ratio), int((corner.y() - 2) * ratio)).name()

    names = _visible(dashboard)
    aoife, tomasz = names.index("Aoife Ní Bhriain"), names.index("Tomasz Nowak")
    attention = ATTENTION_BACKGROUND.name()
    assert background(aoife, Column.NEXT_SUPERVISION) == attention  # overdue
    for row in (aoife, tomasz):
        for column in (Column.NAME, Column.CASELOAD, Column.TREND, Column.LAST_CHECKIN):
            assert background(row, column) != attention, (names[row], column)


def test_all_teams_measures_the_team_column_and_cards_speak_english(
    qtbot, window, scenario_db
) -> None:
    """Switching to All teams sizes the Team column to its names (not Qt's default
    100 pixels), and a card about one follow-up says so in the singular."""
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: dashboard.data is not None, timeout=10_000)
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        dashboard.show_team(None)
    from wellbeing_desktop.ui.models.team_table import Column

    table = dashboard.table
    assert not table.isColumnHidden(Column.TEAM)
    em = dashboard.fontMetrics().horizontalAdvance("m")
    measure = dashboard.fontMetrics().horizontalAdvance
    longest = max(measure(p.team_name) for p in dashboard.data.summary.people)
    assert table.columnWidth(Column.TEAM) >= min(longest, em * 13)
    for card in dashboard.cards.values():
        caption = card.accessibleName() + " " + card.toolTip()
        assert "1 people" not in caption and "1 follow-ups" not in caption


def test_a_wide_window_gives_narrowed_names_their_room(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Names narrowed for a laptop get their whole width back on a wide screen, and are
    narrowed again when the window shrinks."""
    table = window.dashboard.table
    em = window.dashboard.fontMetrics().horizontalAdvance("m")
    whole = table.sizeHintForColumn(Column.ROLE)
    assert whole > em * 14 and table.columnWidth(Column.ROLE) == em * 14  # at 1,300 px
    window.resize(2600, 800)
    qtbot.waitUntil(lambda: table.columnWidth(Column.ROLE) >= whole, timeout=5000)
    window.resize(1300, 800)
    qtbot.waitUntil(lambda: table.columnWidth(Column.ROLE) == em * 14, timeout=5000)


def test_the_dashboard_fits_a_small_laptop(window) -> None:  # type: ignore[no-untyped-def]
    """The establishment line wraps its longest figure rather than widening the window:
    the dashboard fits a 1,280-pixel screen with room for the window's frame."""
    assert window.minimumSizeHint().width() <= 1280 - 40
