"""What every form dialog shares: the ``saved`` signal, error display, and the question
asked before unsaved changes are thrown away."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.errors import WellbeingError
from wellbeing_desktop.ui.forms.fields import ErrorLabel, Field, FieldErrors, heading

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

log = logging.getLogger(__name__)


class SaveCancelled(Exception):
    """Raised from ``commit`` when the user says no to a question asked before saving:
    nothing is saved and the dialog stays open."""


class FormDialog(QDialog):
    """A form over the services. Subclasses collect a draft and call a service in
    ``commit``; a ``ValidationError`` is shown beside its field and nothing is saved."""

    saved = Signal()

    def __init__(
        self, db: Database, *, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or dt.date.today()
        self.form_error = ErrorLabel()
        self.errors = FieldErrors(self.form_error)
        self.clean_state: object = None  # form_state() when last filled or saved

    # ---- for subclasses ----------------------------------------------------------------

    def set_title(self, title: str) -> None:
        """The window title, which is also the dialog's accessible name (what a screen
        reader announces) and the heading ``lay_out_fields`` shows."""
        self.setWindowTitle(title)
        self.setAccessibleName(title)

    def commit(self) -> None:
        """Save through the services. Raise ``ValidationError`` on bad input, or
        ``SaveCancelled`` when the user declines a question asked first."""
        raise NotImplementedError

    def form_state(self) -> object:
        """What the form holds, compared with ``clean_state`` to tell whether anything is
        unsaved. The default (None) tracks nothing: such a form is never dirty unless it
        overrides ``is_dirty``."""
        return None

    def mark_clean(self) -> None:
        """Take ``clean_state``: call once the form is filled, and again after saving."""
        self.clean_state = self.form_state()

    def is_dirty(self) -> bool:
        return self.form_state() != self.clean_state

    def discard_changes(self) -> None:
        """Called when the user chooses to throw away what they typed."""

    def save_cancel_buttons(self, save_text: str, *, save_tip: str | None = None) -> QHBoxLayout:
        """Cancel, then the main action on the right (``self.cancel_button`` and
        ``self.save_button``, made by ``make_save_cancel_buttons``), which saves and
        closes."""
        self.make_save_cancel_buttons(save_text, save_tip=save_tip)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        return row

    def make_save_cancel_buttons(self, save_text: str, *, save_tip: str | None = None) -> None:
        """``self.save_button`` (the main action: saves and closes) and
        ``self.cancel_button``, for a form that lays out its own button row.

        Without ``save_tip`` the main action is the default button (Enter). With it,
        Enter does not save; Ctrl+S does, and ``save_tip`` (e.g. "Save (Ctrl+S)") says so.
        """
        self.save_button = QPushButton(save_text)
        self.save_button.setObjectName("primary")  # the theme's main action
        self.save_button.setAccessibleName(save_text.replace("&", ""))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        if save_tip is None:
            self.save_button.setDefault(True)
        else:
            self.save_button.setToolTip(save_tip)
            self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(lambda: self.save_and_close())
        self.cancel_button.clicked.connect(self.reject)
        if save_tip is not None:
            QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(
                lambda: self.save_and_close()
            )

    def register_fields(self, fields: Mapping[str, Field]) -> None:
        """Show a service error for each key beside its field."""
        self.errors.register_fields(fields)

    def lay_out_fields(
        self,
        fields: Mapping[str, Field],
        save_text: str,
        *,
        notes: Sequence[QWidget] = (),
        width: int | None = None,
    ) -> QVBoxLayout:
        """A small form, top to bottom: the window title as heading, ``notes``, each
        field (a service error for its key shown beside it), the form's error, then
        Cancel and the main action (``save_cancel_buttons``). With ``width``, the
        dialog opens that wide and as tall as its contents need."""
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), level=2))
        for note in notes:
            layout.addWidget(note)
        self.register_fields(fields)
        for item in fields.values():
            layout.addWidget(item)
        layout.addWidget(self.form_error)
        layout.addLayout(self.save_cancel_buttons(save_text))
        if width is not None:
            self.resize(width, self.sizeHint().height())
        return layout

    # ---- saving and leaving ------------------------------------------------------------

    def try_commit(self) -> bool:
        self.errors.clear()
        try:
            self.commit()
        except SaveCancelled:
            return False
        except WellbeingError as error:
            self.errors.show_error(error)
            return False
        return True

    def save_and_close(self) -> bool:
        if not self.try_commit():
            return False
        self.saved.emit()
        self.accept()
        return True

    def reject(self) -> None:
        if self.is_dirty():
            focused = QApplication.focusWidget()
            choice = self.ask_about_changes()
            if choice == QMessageBox.StandardButton.Save:
                if not self.save_and_close():
                    self.activateWindow()  # the error is shown, and its field has the focus
                return
            if choice != QMessageBox.StandardButton.Discard:
                self.activateWindow()
                if focused is not None:
                    focused.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
                return
            self.discard_changes()
        super().reject()

    def ask_about_changes(self) -> QMessageBox.StandardButton:
        return ask_about_unsaved_changes(self, self.save_button_text())

    def save_button_text(self) -> str:
        return self.tr("&Save")


def ask_about_unsaved_changes(parent: QWidget, save_text: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel ('Keep editing'), asked before unsaved changes are lost."""
    tr = parent.tr
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Unsaved changes"))
    box.setText(tr("You have changes that are not saved."))
    box.setInformativeText(tr("Do you want to save them first?"))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.button(QMessageBox.StandardButton.Save).setText(save_text)
    box.button(QMessageBox.StandardButton.Discard).setText(tr("&Discard changes"))
    box.button(QMessageBox.StandardButton.Cancel).setText(tr("&Keep editing"))
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.setAccessibleName(tr("Unsaved changes"))
    return QMessageBox.StandardButton(box.exec())
