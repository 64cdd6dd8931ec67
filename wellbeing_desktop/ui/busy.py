"""Small shared pieces for the data-protection dialogs: their page layout, a
destructive-action button, a confirmation asked without blocking, and a "please wait"
(a modal box, or a busy bar beside the buttons) while slow work runs.

A confirmation is a ``QMessageBox`` opened with ``open()`` (not ``exec()``), so
nothing waits in a nested event loop; its buttons are reachable from the
keyboard, the safe choice is the default, and Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop import APP_NAME
from wellbeing_desktop.ui.widgets.theme import SPACE

DANGER = "#b3261e"
DANGER_HOVER = "#8c1d18"
DANGER_STYLE = (
    f"QPushButton#danger {{ background: {DANGER}; color: white; border-color: {DANGER}; }}"
    f"QPushButton#danger:hover {{ background: {DANGER_HOVER}; }}"
    "QPushButton#danger:disabled { background: #e8c4c1; border-color: #e8c4c1; }"
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("busy", text)


def data_dialog_layout(dialog: QWidget) -> QVBoxLayout:
    """The top-to-bottom layout of a data-protection dialog (audit trail, erasure,
    retention, backups), with the roomier margins and spacing they share."""
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(SPACE * 3, SPACE * 3, SPACE * 3, SPACE * 2)
    layout.setSpacing(SPACE + SPACE // 2)
    return layout


def danger_button(text: str, accessible_name: str, parent: QWidget | None = None) -> QPushButton:
    """A button for an action that removes data: red, never the default."""
    button = QPushButton(text, parent)
    button.setObjectName("danger")
    button.setStyleSheet(DANGER_STYLE)
    button.setAccessibleName(accessible_name)
    button.setAutoDefault(False)
    return button


def ask_to_confirm(
    parent: QWidget,
    question: str,
    detail: str,
    confirm_text: str,
    on_confirm: Callable[[], None],
    *,
    destructive: bool = True,
) -> QMessageBox:
    """Ask before doing something that cannot be undone; ``on_confirm`` runs only if the
    user chooses ``confirm_text``. Cancel is the default and Escape's answer. Returns the
    open box (tests press its buttons)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question)
    box.setWindowTitle(APP_NAME)
    box.setText(question)
    box.setInformativeText(detail)
    box.setAccessibleName(question)
    confirm = box.addButton(confirm_text, QMessageBox.ButtonRole.DestructiveRole)
    if destructive:
        confirm.setObjectName("danger")
        confirm.setStyleSheet(DANGER_STYLE)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(_result: int) -> None:
        if box.clickedButton() is confirm:
            on_confirm()

    box.finished.connect(answered)
    box.open()
    return box


def confirm_button(box: QMessageBox) -> QPushButton:
    """The box's confirming button (the one that is not Cancel)."""
    for button in box.buttons():
        if box.buttonRole(button) == QMessageBox.ButtonRole.DestructiveRole:
            assert isinstance(button, QPushButton)
            return button
    raise LookupError("no confirming button")


def please_wait(parent: QWidget, text: str) -> QProgressDialog:
    """A modal "working" indicator with no way to cancel, for work that must finish
    (a restore half done is not a state to leave). Close it with ``close()``."""
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setWindowTitle(APP_NAME)
    dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName(_tr("Working"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def busy_bar(
    owner: QWidget,
    accessible_name: str,
    *,
    parent: QWidget | None = None,
    width_in_ems: int | None = None,
) -> QProgressBar:
    """A bar that moves while work runs and says nothing else, as tall as a line of
    ``owner``'s text (``width_in_ems`` "m"s wide at most, if given); hidden until shown."""
    bar = QProgressBar(parent)
    bar.setRange(0, 0)  # busy: no percentage to show
    bar.setTextVisible(False)
    if width_in_ems is not None:
        bar.setMaximumWidth(owner.fontMetrics().horizontalAdvance("m") * width_in_ems)
    bar.setMaximumHeight(owner.fontMetrics().height())
    bar.setAccessibleName(accessible_name)
    bar.hide()
    return bar
