"""The main window's menus and keys are coherent: no shortcut does two things, no two
controls on screen answer to the same Alt+letter, and items that open a window say so."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QWidget

from wellbeing_desktop.ui.main_window import MainWindow


def _all_actions(window: MainWindow) -> set[QAction]:
    _ = window.person_view  # built on first use: include its actions too
    found = set(window.findChildren(QAction)) | set(window.actions())
    for menu_action in window.menuBar().actions():
        if menu_action.menu() is not None:
            found |= set(menu_action.menu().actions())
    return found


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_every_shortcut_does_one_thing(window: MainWindow) -> None:
    keys = Counter(
        key.toString(QKeySequence.SequenceFormat.PortableText)
        for action in _all_actions(window)
        for key in action.shortcuts()
        if not key.isEmpty()
    )
    assert keys, "the main window has shortcuts"
    assert [key for key, count in keys.items() if count > 1] == []
    for standard in ("Ctrl+N", "Ctrl+O", "Ctrl+F", "Ctrl+P", "Ctrl+Q"):
        assert standard in keys


def test_menus_use_each_letter_once(window: MainWindow) -> None:
    bar = [_mnemonic(a.text()) for a in window.menuBar().actions()]
    assert None not in bar and len(set(bar)) == len(bar)
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        letters = [_mnemonic(a.text()) for a in menu.actions() if not a.isSeparator()]
        assert None not in letters, menu_action.text()
        assert len(set(letters)) == len(letters), menu_action.text()


def test_menu_items_that_open_a_window_end_with_an_ellipsis(window: MainWindow) -> None:
    """The British and platform convention: '…' where more is asked or shown first."""
    direct = {"Lock", "Quit", "Refresh", "Team dashboard", "Open person", "Back up now"}
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            text = action.text().replace("&", "")
            if action.isSeparator() or text in direct or text.startswith("About "):
                continue
            assert text.endswith("…"), text
            assert not text.endswith("..."), text


def _visible_mnemonics(window: MainWindow) -> Counter[str]:
    letters: Counter[str] = Counter(
        letter for a in window.menuBar().actions() if (letter := _mnemonic(a.text()))
    )
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled():
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            letter = _mnemonic(widget.text())
            if letter:
                letters[letter] += 1
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.isTabEnabled(i) and (letter := _mnemonic(widget.tabText(i))):
                    letters[letter] += 1
    return letters


def test_the_person_view_s_alt_letters_do_not_clash(qtbot, window, scenario_db) -> None:
    """On every tab, each Alt+letter reaches one control (menus included): two would make
    Qt cycle between them rather than act."""
    _, scenario = scenario_db
    window.resize(1366, 740)
    window.show()
    view = window.person_view
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        window.open_person(scenario.dafydd)
    for tab in range(view.tabs.count()):
        view.tabs.setCurrentIndex(tab)
        letters = _visible_mnemonics(window)
        clashes = sorted(letter for letter, count in letters.items() if count > 1)
        assert clashes == [], view.tabs.tabText(tab)


def test_the_dashboard_s_alt_letters_do_not_clash(qtbot, window) -> None:
    window.resize(1366, 740)
    window.show()
    qtbot.waitUntil(lambda: window.dashboard.data is not None, timeout=10_000)
    letters = _visible_mnemonics(window)
    assert sorted(letter for letter, count in letters.items() if count > 1) == []


def test_f1_lists_every_menu_shortcut(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    from wellbeing_desktop.ui.shortcuts_dialog import ShortcutsDialog

    assert window.shortcuts_action.shortcut().toString() == "F1"
    window.shortcuts_action.trigger()
    dialog = window.shortcuts_dialog
    assert isinstance(dialog, ShortcutsDialog) and dialog.isVisible()
    listed = set()
    it = QTreeWidgetItemIterator(dialog.tree)
    while it.value():
        listed.add((it.value().text(0), it.value().text(1)))
        it += 1
    native = QKeySequence.SequenceFormat.NativeText
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if not action.shortcut().isEmpty():
                words = action.text().replace("&", "")
                assert (words, action.shortcut().toString(native)) in listed
    assert ("Back to the team", "Esc") in listed
    dialog.close()
