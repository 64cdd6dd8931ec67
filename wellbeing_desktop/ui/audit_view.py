"""The audit trail: who did what to which record, and when, filtered; and the check
that nobody has changed it since.

Entries are read through ``services.audit.list_entries`` (dates, action and record
type filter in the database; the newest ``LIMIT`` are shown) off the UI thread,
and the search box narrows what is shown. "Verify the chain" recomputes every
entry's hash (``services.audit.verify_chain``) and says what it found in words.
Entries hold record numbers and counts, never names or notes, so nothing here is
more personal than a record number.

The dialog never runs itself: create it, call ``show()`` or ``open()``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from wellbeing_desktop.errors import WellbeingError
from wellbeing_desktop.services import audit
from wellbeing_desktop.ui.busy import busy_bar, data_dialog_layout
from wellbeing_desktop.ui.dialogs import error_message
from wellbeing_desktop.ui.forms.fields import DateEdit, ErrorLabel, fit_to_screen, heading
from wellbeing_desktop.ui.models.audit_entries import (
    ACTION,
    DETAIL,
    ENTRY_ROLE,
    RECORD_ID,
    RECORD_TYPE,
    WHEN,
    WHO,
    AuditEntryModel,
    AuditFilterProxy,
    vocab,
)
from wellbeing_desktop.ui.tasks import TaskRunner
from wellbeing_desktop.ui.widgets.theme import MUTED, SPACE

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

LIMIT = 1000  # the newest entries shown for one choice of filters
DEFAULT_DAYS = 30  # the period shown first
OK_COLOUR = "#1e5e36"
PROBLEM_COLOUR = "#8c1d18"


class AuditTrailDialog(QDialog):
    """The audit trail of ``db``. ``loaded`` fires after each load has been shown,
    ``verified`` with the ``ChainReport`` after a check."""

    loaded = Signal()
    verified = Signal(object)

    def __init__(
        self,
        db: Database,
        *,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._runner = runner or TaskRunner(self)
        # Entries are stamped with the computer's clock, so the period starts from it.
        today = today or dt.date.today()
        self.setWindowTitle(self.tr("Audit trail"))
        self.setAccessibleName(self.tr("Audit trail"))
        self.setObjectName("auditTrail")

        intro = QLabel(
            self.tr(
                "Who did what, and when: every record created, changed, deleted, exported, "
                "printed or erased. Entries name records by number and hold counts, never "
                "names or notes. Each entry is chained to the one before, so a change made "
                "behind the app's back shows when the chain is verified."
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(f"color: {MUTED.name()};")

        self.since_edit = DateEdit(self.tr("From"))
        self.since_edit.set_value(today - dt.timedelta(days=DEFAULT_DAYS))
        self.until_edit = DateEdit(self.tr("Until"))
        self.until_edit.set_value(today)
        self.action_combo = QComboBox()
        self.action_combo.setAccessibleName(self.tr("Action"))
        self.action_combo.addItem(self.tr("All actions"), None)
        for code, label in audit.ACTIONS.items():
            self.action_combo.addItem(vocab(label), code)
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName(self.tr("Record type"))
        self.type_combo.addItem(self.tr("All record types"), None)
        for code, label in sorted(audit.RECORD_TYPES.items(), key=lambda item: item[1]):
            self.type_combo.addItem(vocab(label), code)
        self.number_edit = QLineEdit()
        self.number_edit.setAccessibleName(self.tr("Record number"))
        self.number_edit.setPlaceholderText(self.tr("Any"))
        self.number_edit.setClearButtonEnabled(True)
        self.number_edit.setMaxLength(64)
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName(self.tr("Search the entries shown"))
        self.search_edit.setPlaceholderText(self.tr("Search the entries shown"))
        self.search_edit.setClearButtonEnabled(True)

        filters = QGridLayout()
        filters.setHorizontalSpacing(SPACE * 2)
        filters.setVerticalSpacing(SPACE // 2)
        for column, (text, field) in enumerate(
            (
                (self.tr("&From"), self.since_edit),
                (self.tr("&Until"), self.until_edit),
                (self.tr("&Action"), self.action_combo),
                (self.tr("Record &type"), self.type_combo),
                (self.tr("Record &number"), self.number_edit),
            )
        ):
            caption = QLabel(text)
            caption.setBuddy(field)
            filters.addWidget(caption, 0, column)
            filters.addWidget(field, 1, column)
        filters.setColumnStretch(5, 1)  # the filters keep their own widths, left-aligned
        for combo in (self.action_combo, self.type_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.number_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 14)

        self.model = AuditEntryModel(self)
        self.proxy = AuditFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Audit entries"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in (WHEN, WHO, ACTION, RECORD_TYPE, RECORD_ID):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)

        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Entries shown"))
        self.count_label.setStyleSheet(f"color: {MUTED.name()};")
        self.busy_bar = busy_bar(self, self.tr("Loading"), width_in_ems=10)
        self.error_label = ErrorLabel()

        self.verify_button = QPushButton(self.tr("&Verify the chain"))
        self.verify_button.setAccessibleName(self.tr("Verify the audit trail's chain"))
        self.verify_button.setToolTip(
            self.tr("Check every entry against its hash and the entry before it")
        )
        self.verify_button.setAutoDefault(False)
        self.verify_result = QLabel()
        self.verify_result.setWordWrap(True)
        self.verify_result.setAccessibleName(self.tr("Result of the check"))
        self.verify_result.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.verify_result.hide()
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the audit trail"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 2)
        search_row.addWidget(self.count_label, 3)
        search_row.addWidget(self.busy_bar)
        bottom = QHBoxLayout()
        bottom.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.verify_result, 1)
        bottom.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = data_dialog_layout(self)
        layout.addWidget(heading(self.tr("Audit trail")))
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(bottom)
        fit_to_screen(self, 1080, 680)

        # Filters reload a moment after the last change, so typing a number or
        # stepping through dates makes one query, not one per keystroke.
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(250)
        self._reload_timer.timeout.connect(self.reload)
        self.since_edit.dateChanged.connect(self._reload_soon)
        self.until_edit.dateChanged.connect(self._reload_soon)
        self.action_combo.currentIndexChanged.connect(self._reload_soon)
        self.type_combo.currentIndexChanged.connect(self._reload_soon)
        self.number_edit.textChanged.connect(self._reload_soon)
        self.search_edit.textChanged.connect(self._search)
        self.verify_button.clicked.connect(self.verify)
        self.reload()

    # ---- filters ----------------------------------------------------------------------

    def filters(self) -> dict[str, object]:
        """The arguments for ``services.audit.list_entries`` the filters stand for."""
        since, until = self.since_edit.value(), self.until_edit.value()
        if since is not None and until is not None and since > until:
            since, until = until, since  # a reversed period means the same days
        number = self.number_edit.text().strip()
        return {
            "since": since,
            "until": until,
            "action": self.action_combo.currentData(),
            "record_type": self.type_combo.currentData(),
            "record_id": number or None,
            "limit": LIMIT,
        }

    def _reload_soon(self) -> None:
        self._reload_timer.start()

    def reload(self) -> None:
        self._reload_timer.stop()
        db, filters = self.db, self.filters()
        self.busy_bar.show()
        self._runner.run(
            lambda: audit.list_entries(db, **filters),  # type: ignore[arg-type]
            on_result=self._show_entries,
            on_error=self._load_failed,
            key=f"audit-trail-{id(self)}",
        )

    def _show_entries(self, entries: list[audit.AuditEntryInfo]) -> None:
        self.busy_bar.hide()
        self.error_label.clear_message()
        self.model.set_entries(entries)
        self._update_count()
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self.busy_bar.hide()
        self.model.set_entries([])
        self._update_count()
        self.error_label.show_message(error_message(error))
        if not isinstance(error, WellbeingError):
            from wellbeing_desktop.logs import log_unexpected

            log_unexpected(error)
        self.loaded.emit()

    def _search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._update_count()

    def _update_count(self) -> None:
        locale = QLocale()
        loaded, shown = self.model.rowCount(), self.proxy.rowCount()
        if loaded == 0:
            text = self.tr("No entries match these filters.")
        elif shown != loaded:
            text = self.tr("{shown} of {loaded} entries match the search.").format(
                shown=locale.toString(shown), loaded=locale.toString(loaded)
            )
        elif loaded >= LIMIT:
            text = self.tr(
                "The newest {count} entries: narrow the period to see earlier ones."
            ).format(count=locale.toString(loaded))
        elif loaded == 1:
            text = self.tr("1 entry.")
        else:
            text = self.tr("{count} entries.").format(count=locale.toString(loaded))
        self.count_label.setText(text)

    # ---- the chain --------------------------------------------------------------------

    def verify(self) -> None:
        """Check the whole chain off the UI thread; the result is shown in words."""
        db = self.db
        self.verify_button.setEnabled(False)
        self.verify_result.setStyleSheet(f"color: {MUTED.name()};")
        self.verify_result.setText(self.tr("Checking every entry…"))
        self.verify_result.show()
        self._runner.run(
            lambda: audit.verify_chain(db), on_result=self._verified, on_error=self._not_verified
        )

    def _verified(self, report: audit.ChainReport) -> None:
        self.verify_button.setEnabled(True)
        checked_at = QTime.currentTime().toString("HH:mm")
        count = QLocale().toString(report.entries)
        if report.ok:
            self.verify_result.setStyleSheet(f"color: {OK_COLOUR}; font-weight: 600;")
            self.verify_result.setText(
                self.tr(
                    "✓ The audit trail is intact: all {count} entries are in order and none "
                    "has been changed since it was written (checked at {time})."
                ).format(count=count, time=checked_at)
            )
        else:
            self.verify_result.setStyleSheet(f"color: {PROBLEM_COLOUR}; font-weight: 600;")
            problems = " ".join(self.tr(problem) for problem in report.problems)
            self.verify_result.setText(
                self.tr(
                    "⚠ The audit trail has been changed outside Wellbeing Desktop, or is "
                    "damaged. {problems} Keep this database as it is and tell your "
                    "information governance lead."
                ).format(problems=problems)
            )
            if report.first_bad_id is not None:
                self.select_entry(report.first_bad_id)
        self.verify_result.setAccessibleDescription(self.verify_result.text())
        self.verified.emit(report)

    def _not_verified(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verify_result.setStyleSheet(f"color: {PROBLEM_COLOUR}; font-weight: 600;")
        self.verify_result.setText(
            self.tr("The chain could not be checked: {reason}").format(reason=error_message(error))
        )
        if not isinstance(error, WellbeingError):
            from wellbeing_desktop.logs import log_unexpected

            log_unexpected(error)

    def select_entry(self, entry_id: int) -> bool:
        """Select and show the entry with this number, if it is among those shown."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, WHEN)
            entry = index.data(ENTRY_ROLE)
            if entry is not None and entry.id == entry_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def visible_entries(self) -> list[audit.AuditEntryInfo]:
        """The entries in the table, in the order shown (for tests and screen readers)."""
        return [self.proxy.index(row, WHO).data(ENTRY_ROLE) for row in range(self.proxy.rowCount())]


__all__ = ["ACTION", "LIMIT", "RECORD_ID", "AuditTrailDialog"]
