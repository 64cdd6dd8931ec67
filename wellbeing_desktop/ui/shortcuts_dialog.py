"""Help › Keyboard shortcuts: every menu item that has a key, read from the menus
themselves (so the list cannot drift from what the keys do), and the keys that belong
to a screen rather than a menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QMenuBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.ui.forms.fields import fit_to_screen, heading, note_label


def _words(text: str) -> str:
    """'&Open database…' -> 'Open database…'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def menu_shortcuts(bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu, [(item, keys)]) for each menu with at least one item that has keys."""
    found = []
    for menu_action in bar.actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        items = [
            (_words(action.text()), _keys(action))
            for action in menu.actions()
            if not action.isSeparator() and not action.shortcut().isEmpty()
        ]
        if items:
            found.append((_words(menu_action.text()), items))
    return found


def _keys(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


class ShortcutsDialog(QDialog):
    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setObjectName("shortcutsDialog")
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        screens = [
            (
                self.tr("Anywhere"),
                [
                    (self.tr("Open a menu"), self.tr("Alt + its underlined letter")),
                    (self.tr("Press a button or go to a field"), self.tr("Alt + its letter")),
                ],
            ),
            (
                self.tr("Team dashboard"),
                [
                    (self.tr("Open the chosen person"), self.tr("Enter")),
                    (self.tr("Clear the search"), self.tr("Esc")),
                ],
            ),
            (
                self.tr("Person"),
                [
                    (self.tr("Back to the team"), self.tr("Esc")),
                    (self.tr("More actions (workload review, summary, export)"), "Alt+M"),
                    (self.tr("Next or previous tab"), "Ctrl+Tab, Ctrl+Shift+Tab"),
                ],
            ),
            (
                self.tr("Forms"),
                [
                    (self.tr("Save"), "Ctrl+S"),
                    (self.tr("Record training, or allocate a case"), "Ctrl+Enter"),
                    (self.tr("Close, asking first about unsaved changes"), self.tr("Esc")),
                    (self.tr("Open a date's calendar"), "Alt+Down"),
                ],
            ),
        ]
        for title, items in [*menu_shortcuts(bar), *screens]:
            group = QTreeWidgetItem(self.tree, [title, ""])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for words, keys in items:
                QTreeWidgetItem(group, [words, keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        close = QPushButton(self.tr("Close"), self)
        close.setAccessibleName(self.tr("Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle()))
        layout.addWidget(
            note_label(self.tr("The menus show the same keys beside each item (F1 opens this)."))
        )
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, 560, 640)
