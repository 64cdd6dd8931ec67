"""Signpost someone to a wellbeing service: find it in the directory, copy its contact
details in one click, and record why and when to follow up."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import people, signposting
from wellbeing_desktop.services.signposting import ServiceInfo
from wellbeing_desktop.services.vocab import SERVICE_CATEGORIES, SIGNPOSTING_REASONS
from wellbeing_desktop.ui.forms.base import FormDialog
from wellbeing_desktop.ui.forms.fields import (
    DateEdit,
    Field,
    OptionalDateEdit,
    combo_box,
    fit_to_screen,
    format_date,
    heading,
    note_label,
    set_tab_order,
    text_box,
    to_qdate,
    vocab,
)

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NATIONS = ("England", "Northern Ireland", "Scotland", "Wales")
FOLLOW_UP_AFTER = dt.timedelta(days=14)


class SignpostDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        staff_id: int | None = None,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.staff_id = staff_id
        self._services: dict[int, ServiceInfo] = {}
        name = people.get_staff(db, staff_id).name if staff_id is not None else ""
        self.setWindowTitle(
            self.tr("Signpost %1 to a service").replace("%1", name)
            if name
            else self.tr("Signpost to a service")
        )
        self.setAccessibleName(self.windowTitle())
        self._build()
        self.refresh_directory()
        self.mark_clean()

    # ---- building ------------------------------------------------------------------

    def _build(self) -> None:
        self.person = combo_box()
        self.person.setAccessibleName(self.tr("Person"))
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        person_edit = self.person.lineEdit()
        assert person_edit is not None
        person_edit.setPlaceholderText(self.tr("Type a name"))
        self.person.addItem("", None)
        for member in people.list_staff(self.db, today=self.today):
            self.person.addItem(member.name, member.id)
        person_field = Field(self.tr("&Person"), self.person)
        person_field.setVisible(self.staff_id is None)
        self.errors.register("staff_id", self.person, person_field.error)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name, need or who it is for"))
        self.search.setAccessibleName(self.tr("Search the services directory"))
        self.search.setClearButtonEnabled(True)
        self.category = combo_box()
        self.category.setAccessibleName(self.tr("Category"))
        self.category.addItem(self.tr("All categories"), None)
        for key, label in SERVICE_CATEGORIES.items():
            self.category.addItem(vocab(label), key)
        self.nation = combo_box()
        self.nation.setAccessibleName(self.tr("Nation"))
        self.nation.addItem(self.tr("All of the UK"), None)
        for nation in NATIONS:
            self.nation.addItem(vocab(nation), nation)
        self.always_open = QCheckBox(self.tr("Open &24/7 only"))
        self.always_open.setAccessibleName(self.tr("Open 24 hours, 7 days a week only"))
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Service"), self.tr("Category"), self.tr("Where")]
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Services"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = note_label(self.tr("No service matches. Clear the search or the filters."))
        self.empty.hide()
        directory_field = Field(self.tr("Find a &service"), self.search)
        self.errors.register("service_id", self.table, directory_field.error)

        filters = QHBoxLayout()
        filters.addWidget(self.category, 1)
        filters.addWidget(self.nation, 1)
        filters.addWidget(self.always_open)
        directory = QVBoxLayout()
        directory.addWidget(directory_field)
        directory.addLayout(filters)
        directory.addWidget(self.table, 1)
        directory.addWidget(self.empty)

        self.details = QFrame()
        self.details.setObjectName("serviceDetails")
        self.details.setStyleSheet(
            "#serviceDetails { background: palette(base); border: 1px solid palette(mid); "
            "border-radius: 4px; }"
        )
        self.detail_title = heading("", level=2)
        self.detail_meta = note_label()
        self.detail_text = QLabel()
        self.detail_text.setWordWrap(True)
        self.detail_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_text.setTextFormat(Qt.TextFormat.RichText)
        self.detail_text.setOpenExternalLinks(True)
        self.detail_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.detail_text.setAccessibleName(self.tr("Contact details"))
        self.copy_button = QPushButton(self.tr("&Copy contact details"))
        self.copy_button.setAccessibleName(self.tr("Copy contact details"))
        self.copy_button.setAutoDefault(False)
        self.copied = note_label()
        self.copied.setAccessibleName(self.tr("Copy status"))
        detail_layout = QVBoxLayout(self.details)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_meta)
        detail_layout.addWidget(self.detail_text)
        detail_layout.addStretch(1)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_button)
        copy_row.addWidget(self.copied, 1)
        detail_layout.addLayout(copy_row)

        self.reason = combo_box()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("Choose a reason"))
        for key, label in SIGNPOSTING_REASONS.items():
            self.reason.addItem(vocab(label), key)
        self.reason.setCurrentIndex(-1)
        self.signposted_on = DateEdit(self.tr("Date signposted"))
        self.signposted_on.setMaximumDate(to_qdate(self.today))
        self.signposted_on.set_value(self.today)
        self.follow_up = OptionalDateEdit(
            self.tr("Follow up on"), fallback=self.today + FOLLOW_UP_AFTER
        )
        self.notes = text_box(
            self.tr("Notes"), self.tr("Optional: what was discussed and agreed"), lines=2
        )
        record_fields = {
            "reason": Field(self.tr("&Reason"), self.reason),
            "signposted_on": Field(self.tr("&Date"), self.signposted_on),
            "follow_up_on": Field(
                self.tr("&Follow up on"),
                self.follow_up,
                note=self.tr("Optional. Up arrow: in two weeks."),
            ),
            "notes": Field(self.tr("&Notes"), self.notes),
        }
        self.register_fields(record_fields)
        record = QGridLayout()
        top = Qt.AlignmentFlag.AlignTop
        record.addWidget(record_fields["reason"], 0, 0, top)
        record.addWidget(record_fields["signposted_on"], 0, 1, top)
        record.addWidget(record_fields["follow_up_on"], 0, 2, top)
        record.addWidget(record_fields["notes"], 1, 0, 1, 3)
        record.setColumnStretch(0, 2)
        record.setColumnStretch(1, 1)
        record.setColumnStretch(2, 1)

        buttons = self.save_cancel_buttons(
            self.tr("Record signposting"), save_tip=self.tr("Record signposting (Ctrl+S)")
        )

        columns = QHBoxLayout()
        columns.addLayout(directory, 3)
        columns.addWidget(self.details, 2)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading(self.windowTitle()))
        layout.addWidget(person_field)
        layout.addLayout(columns, 1)
        layout.addLayout(record)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)

        chain: list[QWidget] = [
            self.person,
            self.search,
            self.category,
            self.nation,
            self.always_open,
            self.table,
            self.detail_text,
            self.copy_button,
            self.reason,
            self.signposted_on,
            self.follow_up,
            self.notes,
            self.save_button,
            self.cancel_button,
        ]
        set_tab_order(chain)

        self.search.textChanged.connect(self.refresh_directory)
        self.category.currentIndexChanged.connect(self.refresh_directory)
        self.nation.currentIndexChanged.connect(self.refresh_directory)
        self.always_open.toggled.connect(self.refresh_directory)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self.search.installEventFilter(self)
        self.copy_button.clicked.connect(self.copy_contact_details)
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(
            lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )
        first = self.person if self.staff_id is None else self.search
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        fit_to_screen(self, 1040, 720)

    # ---- the directory -------------------------------------------------------------

    def refresh_directory(self) -> None:
        """Filter the directory through the services and keep the selection if it stays."""
        chosen = self.selected_service()
        services = signposting.list_services(
            self.db,
            search=self.search.text(),
            category=self.category.currentData(),
            nation=self.nation.currentData(),
            always_open=True if self.always_open.isChecked() else None,
        )
        self._services = {s.id: s for s in services}
        self.model.removeRows(0, self.model.rowCount())
        for service in services:
            where = vocab(service.nation) if service.nation else self.tr("Your organisation")
            name = QStandardItem(service.name + ("  ·  24/7" if service.always_open else ""))
            name.setData(service.id, ID_ROLE)
            name.setData(service.name, Qt.ItemDataRole.AccessibleTextRole)
            name.setToolTip(service.description)
            self.model.appendRow(
                [name, QStandardItem(vocab(service.category_label)), QStandardItem(where)]
            )
        self.empty.setVisible(not services)
        self.table.setVisible(bool(services))
        keep = next(
            (
                row
                for row in range(self.model.rowCount())
                if chosen and self._id_at(row) == chosen.id
            ),
            0 if services else None,
        )
        if keep is not None:
            self.table.setCurrentIndex(self.model.index(keep, 0))
        self._show_selected()

    def _id_at(self, row: int) -> int:
        return int(self.model.index(row, 0).data(ID_ROLE))

    def selected_service(self) -> ServiceInfo | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self._services.get(self._id_at(index.row()))

    def _show_selected(self) -> None:
        service = self.selected_service()
        self.copied.clear()
        self.details.setEnabled(service is not None)
        self.copy_button.setEnabled(service is not None)
        if service is None:
            self.detail_title.setText(self.tr("No service chosen"))
            self.detail_meta.setText("")
            self.detail_text.setText("")
            return
        self.detail_title.setText(service.name)
        meta = [vocab(service.category_label)]
        if service.nation:
            meta.append(vocab(service.nation))
        meta.append(self.tr("Open 24/7") if service.always_open else service.hours)
        self.detail_meta.setText(" · ".join(m for m in meta if m))
        self.detail_text.setText(self._details_html(service))

    def _details_html(self, service: ServiceInfo) -> str:
        parts = []
        if service.description:
            parts.append(f"<p>{html.escape(service.description)}</p>")
        rows = []
        for label, value, link in (
            (self.tr("Phone"), service.phone, ""),
            (self.tr("Text"), service.text_number, ""),
            (self.tr("Email"), service.email, f"mailto:{service.email}"),
            (self.tr("Web"), service.website, service.website),
            (self.tr("Hours"), service.hours, ""),
            (self.tr("For"), service.audience, ""),
        ):
            if not value:
                continue
            shown = html.escape(value)
            if link.startswith(("https://", "http://", "mailto:")):
                shown = f'<a href="{html.escape(link, quote=True)}">{shown}</a>'
            rows.append(
                f"<tr><td><b>{html.escape(label)}</b>&nbsp;&nbsp;</td><td>{shown}</td></tr>"
            )
        if rows:
            parts.append(f"<table cellspacing='2'>{''.join(rows)}</table>")
        if service.last_checked:
            checked = self.tr("Details last checked %1.").replace(
                "%1", format_date(service.last_checked)
            )
            parts.append(f"<p style='color:#5f6368'>{html.escape(checked)}</p>")
        return "".join(parts)

    def copy_contact_details(self) -> None:
        service = self.selected_service()
        if service is None:
            return
        QGuiApplication.clipboard().setText(service.contact_text())
        self.copied.setText(self.tr("✓ Copied to the clipboard."))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    # ---- saving --------------------------------------------------------------------

    def _chosen_person(self) -> int | None:
        if self.staff_id is not None:
            return self.staff_id
        index = self.person.findText(
            self.person.currentText().strip(), Qt.MatchFlag.MatchFixedString
        )
        data = self.person.itemData(index) if index > 0 else None
        return int(data) if data is not None else None

    def form_state(self) -> tuple[object, ...]:
        return (
            self._chosen_person(),
            self.reason.currentIndex(),
            self.signposted_on.value(),
            self.follow_up.value(),
            self.notes.toPlainText(),
        )

    def commit(self) -> None:
        staff_id = self._chosen_person()
        if staff_id is None:
            raise ValidationError("staff_id", self.tr("Choose the person you are signposting."))
        service = self.selected_service()
        if service is None:
            raise ValidationError("service_id", self.tr("Choose a service from the directory."))
        signposting.record_signposting(
            self.db,
            staff_id,
            service.id,
            signposted_on=self.signposted_on.value(),
            reason=self.reason.currentData() or "",
            notes=self.notes.toPlainText(),
            follow_up_on=self.follow_up.value(),
            today=self.today,
        )

    def save_button_text(self) -> str:
        return self.tr("&Record signposting")
