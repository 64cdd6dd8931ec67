"""A person's data rights in the app: everything about them exported (subject access),
or everything about them erased.

Export writes a PDF (to read) or JSON (for machines) through
``services.subject_access``/``reports.subject_access``, which record the export in
the audit trail before the file appears. Erasure shows what would go
(``services.erasure.preview_erasure``, counts by record type), asks for the
person's name to be typed, and erases exactly what was shown
(``erase_person(expected=preview)``); the audit entry holds counts, not the name.

Both run their slow part off the UI thread. The name is shown to the manager on
screen, as everywhere in the app; it never goes into a log, a title bar or a
default file name.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from wellbeing_desktop.errors import ValidationError, WellbeingError
from wellbeing_desktop.ui.busy import busy_bar, danger_button, data_dialog_layout
from wellbeing_desktop.ui.dialogs import error_message, report_error, show_information
from wellbeing_desktop.ui.forms.fields import ErrorLabel, fit_to_screen, heading, note_label
from wellbeing_desktop.ui.models.format import service_text
from wellbeing_desktop.ui.tasks import TaskRunner
from wellbeing_desktop.ui.widgets.theme import SPACE

if TYPE_CHECKING:
    from wellbeing_desktop.services.erasure import RemovalPlan
    from wellbeing_desktop.storage.database import Database

PDF, JSON = "pdf", "json"


def default_export_name(staff_id: int, kind: str, today: dt.date | None = None) -> str:
    """A file name with the person's number, not their name: file names show in folders,
    recent-file lists and e-mail attachments."""
    day = (today or dt.date.today()).isoformat()
    return f"Subject access - person {staff_id} - {day}.{kind}"


def export_person_data(db: Database, staff_id: int, out: Path) -> int:
    """Write the subject access export (PDF or JSON by the file's suffix); the number of
    records in it. Runs off the UI thread; the service records it in the audit trail."""
    if out.suffix.lower() == ".json":
        from wellbeing_desktop.services.subject_access import export_json

        document = export_json(db, staff_id, out)
    else:
        from wellbeing_desktop.reports.subject_access import export_pdf

        document = export_pdf(db, staff_id, out)
    return sum(document.counts().values())


class SubjectAccessExport(QObject):
    """Asks where to save, then writes the export off the UI thread. ``finished`` gets
    the path written, ``failed`` the error (already shown to the user)."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        db: Database,
        staff_id: int,
        parent: QWidget,
        *,
        runner: TaskRunner | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.staff_id = staff_id
        self._parent = parent
        self._runner = runner or TaskRunner(self)
        self._today = today
        self.message_box: QWidget | None = None

    def choose_and_export(self) -> None:
        pdf_filter = self.tr("PDF, to read and send (*.pdf)")
        json_filter = self.tr("JSON, for another system (*.json)")
        name, chosen_filter = QFileDialog.getSaveFileName(
            self._parent,
            self.tr("Export everything held about this person"),
            str(Path.home() / default_export_name(self.staff_id, PDF, self._today)),
            f"{pdf_filter};;{json_filter}",
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in {".pdf", ".json"}:
            path = path.with_name(path.name + (".json" if chosen_filter == json_filter else ".pdf"))
        self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the export to ``path`` (PDF, or JSON for a .json name)."""
        db, staff_id = self.db, self.staff_id
        self._runner.run(
            lambda: export_person_data(db, staff_id, path),
            on_result=lambda count: self._done(path, count),
            on_error=self._not_done,
        )

    def _done(self, path: Path, count: int) -> None:
        self.message_box = show_information(
            self._parent,
            self.tr("Exported {count} records to {name}.").format(
                count=QLocale().toString(count), name=path.name
            ),
            self.tr(
                "The export is recorded in the audit trail. It holds personal data: keep it "
                "secure, and before releasing it read the free-text notes, which can mention "
                "other people whose details may need to be withheld.\n\nSaved in {folder}."
            ).format(folder=path.parent),
        )
        self.finished.emit(path)

    def _not_done(self, error: BaseException) -> None:
        self.message_box = report_error(error, self._parent)
        self.failed.emit(error)


# ---- erasure ---------------------------------------------------------------------------------


def _normalised(name: str) -> str:
    """Names compared as a person types them: case, spacing and accents as composed."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@dataclass(frozen=True)
class ErasureFacts:
    name: str
    preview: RemovalPlan


def load_erasure_facts(db: Database, staff_id: int) -> ErasureFacts:
    """The person's name (to type back) and what erasing them would remove."""
    from wellbeing_desktop.services.erasure import preview_erasure
    from wellbeing_desktop.services.people import get_staff

    return ErasureFacts(get_staff(db, staff_id).name, preview_erasure(db, staff_id))


class ErasureDialog(QDialog):
    """Erase one person, after showing what would go and having their name typed.

    Emits ``erased`` with the person's number once they are gone. Never runs itself:
    create it, connect ``erased``, call ``open()``.
    """

    erased = Signal(int)
    loaded = Signal()

    def __init__(
        self,
        db: Database,
        staff_id: int,
        *,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.staff_id = staff_id
        self._runner = runner or TaskRunner(self)
        self.facts: ErasureFacts | None = None
        self.setModal(True)
        self.setWindowTitle(self.tr("Erase a person"))  # no name: title bars are seen
        self.setAccessibleName(self.tr("Erase a person"))
        self.setObjectName("erasureDialog")

        self.title = heading(self.tr("Erase a person"))
        self.title.setWordWrap(True)
        self.intro = QLabel(
            self.tr(
                "This removes everything Wellbeing Desktop holds about them, all at once. "
                "It cannot be undone."
            )
        )
        self.intro.setWordWrap(True)
        # What would go, as a short list of labels: read in order by a screen reader.
        self.counts = QFrame()
        self.counts.setObjectName("panel")
        self.counts.setAccessibleName(self.tr("What would be removed, by record type"))
        self.counts_grid = QGridLayout(self.counts)
        self.counts_grid.setContentsMargins(
            SPACE * 2, SPACE + SPACE // 2, SPACE * 2, SPACE + SPACE // 2
        )
        self.counts_grid.setHorizontalSpacing(SPACE * 3)
        self.counts_grid.setVerticalSpacing(SPACE // 2)
        self.counts_grid.setColumnStretch(0, 1)
        self.caveats = note_label(
            self.tr(
                "The audit trail will record that person {number} was erased, with these "
                "counts, but not their name. Free text in other people's records that "
                "mentions them is not changed. Backups made before now still hold their "
                "records until those backups are replaced or removed."
            ).format(number=staff_id)
        )
        self.confirm_label = QLabel()
        self.confirm_label.setWordWrap(True)
        self.confirm_field = QLineEdit()
        self.confirm_field.setAccessibleName(self.tr("Type the person's name to confirm"))
        self.confirm_field.setPlaceholderText(self.tr("Their name, as shown above"))
        self.confirm_label.setBuddy(self.confirm_field)
        self.message = ErrorLabel()
        self.busy_bar = busy_bar(self, self.tr("Working"))
        self.erase_button = danger_button(
            self.tr("&Erase permanently"), self.tr("Erase this person permanently")
        )
        self.erase_button.setEnabled(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel: erase nothing"))
        # No default button: Enter in the name field erases when the name matches, and
        # never closes the dialog by surprise; Escape cancels.
        self.cancel_button.setAutoDefault(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.busy_bar, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.erase_button)
        buttons.addWidget(self.cancel_button)
        layout = data_dialog_layout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.counts)
        layout.addWidget(self.caveats)
        layout.addWidget(self.confirm_label)
        layout.addWidget(self.confirm_field)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)  # any spare height below the buttons, not between the lines
        fit_to_screen(self, 560, 360)

        self.confirm_field.textChanged.connect(self._update)
        self.confirm_field.returnPressed.connect(self.erase)
        self.erase_button.clicked.connect(self.erase)
        self.cancel_button.clicked.connect(self.reject)
        self._set_busy(True, self.tr("Counting their records…"))
        self.load()

    # ---- loading ----------------------------------------------------------------------

    def load(self) -> None:
        db, staff_id = self.db, self.staff_id
        self._runner.run(
            lambda: load_erasure_facts(db, staff_id),
            on_result=self._show,
            on_error=self._not_loaded,
        )

    def _show(self, facts: ErasureFacts) -> None:
        from wellbeing_desktop.services.erasure import CLEARED, REMOVED

        self.facts = facts
        self._set_busy(False)
        self.title.setText(self.tr("Erase {name}").format(name=facts.name))
        preview = facts.preview
        rows = [(service_text(REMOVED[name]), n) for name, n in preview.removed if n]
        cleared = [(service_text(CLEARED[name]), n) for name, n in preview.cleared if n]
        self.intro.setText(
            self.tr(
                "This removes {count} records, everything Wellbeing Desktop holds about "
                "them, all at once. It cannot be undone."
            ).format(count=QLocale().toString(preview.total_removed))
        )
        if cleared:
            rows += [(self.tr("Kept, with them taken out:"), -1), *cleared]
        self._fill_counts(rows)
        self.confirm_label.setText(
            self.tr("To confirm, type their name, <b>{name}</b>:").format(name=_escape(facts.name))
        )
        self._update()
        # New labels are shown on the next pass of the event loop: fit after that.
        QTimer.singleShot(0, self._fit_height)
        self.confirm_field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.loaded.emit()

    def _fit_height(self) -> None:
        """As tall as what it now shows (the counts arrive after it opens)."""
        layout = self.layout()
        assert layout is not None
        layout.activate()
        width = self.width()
        wanted = (
            layout.heightForWidth(width) if layout.hasHeightForWidth() else self.sizeHint().height()
        )
        self.resize(width, max(wanted, layout.minimumSize().height()))

    def _fill_counts(self, rows: list[tuple[str, int]]) -> None:
        while self.counts_grid.count():
            item = self.counts_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        locale = QLocale()
        for row, (label, count) in enumerate(rows):
            name = QLabel(label)
            if count < 0:  # a heading for the links cleared in records that stay
                name.setObjectName("sectionTitle")
                name.setContentsMargins(0, SPACE, 0, 0)
                self.counts_grid.addWidget(name, row, 0, 1, 2)
                continue
            number = QLabel(locale.toString(count))
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            number.setAccessibleName(f"{label}: {locale.toString(count)}")
            self.counts_grid.addWidget(name, row, 0)
            self.counts_grid.addWidget(number, row, 1)

    def counted(self) -> list[tuple[str, str]]:
        """The rows shown: (what, how many) (for tests and screen readers)."""
        shown: list[tuple[str, str]] = []
        for row in range(self.counts_grid.rowCount()):
            name = self.counts_grid.itemAtPosition(row, 0)
            number = self.counts_grid.itemAtPosition(row, 1)
            label = name.widget() if name is not None else None
            value = number.widget() if number is not None else None
            if isinstance(label, QLabel):
                shown.append((label.text(), value.text() if isinstance(value, QLabel) else ""))
        return shown

    def _not_loaded(self, error: BaseException) -> None:
        self._set_busy(False)
        self.confirm_field.setEnabled(False)
        self.message.show_message(error_message(error))
        if not isinstance(error, WellbeingError):
            from wellbeing_desktop.logs import log_unexpected

            log_unexpected(error)
        self.loaded.emit()

    # ---- confirming -------------------------------------------------------------------

    def name_matches(self) -> bool:
        typed = self.confirm_field.text()
        return (
            self.facts is not None
            and bool(typed.strip())
            and (_normalised(typed) == _normalised(self.facts.name))
        )

    def _update(self) -> None:
        self.erase_button.setEnabled(self.name_matches() and not self.busy_bar.isVisible())

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy_bar.setVisible(busy)
        self.busy_bar.setAccessibleDescription(text)
        self.confirm_field.setEnabled(not busy)
        if busy:
            self.erase_button.setEnabled(False)
            self.message.clear_message()

    def erase(self) -> None:
        """Erase, if the name typed matches; exactly what the preview showed."""
        if not self.name_matches() or self.facts is None:
            return
        from wellbeing_desktop.services.erasure import erase_person

        db, staff_id, expected = self.db, self.staff_id, self.facts.preview
        self._set_busy(True, self.tr("Erasing…"))
        self.cancel_button.setEnabled(False)
        self._runner.run(
            lambda: erase_person(db, staff_id, expected=expected),
            on_result=self._erased,
            on_error=self._not_erased,
        )

    def _erased(self, _plan: object) -> None:
        self._set_busy(False)
        self.erased.emit(self.staff_id)
        self.accept()

    def _not_erased(self, error: BaseException) -> None:
        self._set_busy(False)
        self.cancel_button.setEnabled(True)
        self.message.show_message(error_message(error))
        if isinstance(error, ValidationError):
            # The records changed since the preview: show the new counts and ask again.
            self.confirm_field.clear()
            self.load()
        elif not isinstance(error, WellbeingError):
            from wellbeing_desktop.logs import log_unexpected

            log_unexpected(error)
        self._update()

    def reject(self) -> None:
        if self.busy_bar.isVisible() and self.facts is not None:
            return  # erasing: it finishes or fails as a whole, then the dialog closes
        super().reject()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
