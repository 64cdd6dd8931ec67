"""The organisation's training courses: name, category, how often renewed, who must do
it, and where the figure comes from; plus how many days ahead training shows as
expiring. A course someone has completed is archived rather than deleted."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.errors import ValidationError, WellbeingError
from wellbeing_desktop.services import people, training
from wellbeing_desktop.services.training import CourseDraft, CourseInfo
from wellbeing_desktop.ui.forms.fields import (
    ErrorLabel,
    Field,
    FieldErrors,
    fit_to_screen,
    heading,
    name_buttons,
    note_label,
    text_box,
)

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NEW = -1


class CourseEditor(QDialog):
    """``saved`` fires whenever a course or the warning period changes."""

    saved = Signal()

    def __init__(
        self, db: Database, *, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Training courses"))
        self.setObjectName("courseEditor")
        self._courses: dict[int, CourseInfo] = {}
        self.form_error = ErrorLabel()
        self.errors = FieldErrors(self.form_error)

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Courses"))
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.new_button = QPushButton(self.tr("&New course"))
        self.new_button.clicked.connect(self._new)

        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Course name"))
        self.category = QLineEdit()
        self.category.setAccessibleName(self.tr("Category"))
        self.renewal = QSpinBox()
        self.renewal.setRange(0, training.MAX_RENEWAL_MONTHS)
        self.renewal.setSpecialValueText(self.tr("Does not expire"))
        self.renewal.setSuffix(self.tr(" months"))
        self.renewal.setAccessibleName(self.tr("Renew every (months)"))
        self.everyone = QRadioButton(self.tr("&Everyone"))
        self.some_roles = QRadioButton(self.tr("Only the roles ticked below"))
        self.optional = QRadioButton(self.tr("Nobody (optional)"))
        self.who = QButtonGroup(self)
        for button in (self.everyone, self.some_roles, self.optional):
            self.who.addButton(button)
        self.roles = QListWidget()
        self.roles.setAccessibleName(self.tr("Roles it is mandatory for"))
        self.roles.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        for role in people.list_roles(db):
            item = QListWidgetItem(role.name)
            item.setData(ID_ROLE, role.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.roles.addItem(item)
        self.who.buttonToggled.connect(lambda *_: self._roles_enabled())
        self.description = text_box(self.tr("Description"), lines=2)
        self.source = text_box(
            self.tr("Source"), self.tr("Where the interval comes from, or 'set locally'"), lines=2
        )
        fields = {
            "name": Field(self.tr("&Name"), self.name),
            "category": Field(self.tr("C&ategory"), self.category),
            "renewal_months": Field(
                self.tr("Renew &every"),
                self.renewal,
                note=self.tr("Valid until the same day that many months on."),
            ),
            "role_ids": Field(self.tr("&Mandatory for"), self.roles),
            "description": Field(self.tr("&Description"), self.description),
            "source": Field(self.tr("&Source"), self.source),
        }
        self.errors.register_fields(fields)

        self.save_button = QPushButton(self.tr("&Save course"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton(self.tr("Archive or &delete…"))
        self.remove_button.clicked.connect(self.remove)
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.clicked.connect(self.restore)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)

        self.warning = QSpinBox()
        self.warning.setRange(0, 365)
        self.warning.setSuffix(self.tr(" days"))
        self.warning.setAccessibleName(self.tr("Show as expiring this many days before"))
        self.warning.setValue(training.expiring_days(db))
        self.warning_error = ErrorLabel()
        self.errors.register("expiring_days", self.warning, self.warning_error)
        save_warning = QPushButton(self.tr("Save &warning period"))
        save_warning.clicked.connect(self.save_warning)

        form = QGridLayout()
        form.setHorizontalSpacing(16)
        form.addWidget(fields["name"], 0, 0, 1, 2)
        form.addWidget(fields["category"], 1, 0, Qt.AlignmentFlag.AlignTop)
        form.addWidget(fields["renewal_months"], 1, 1, Qt.AlignmentFlag.AlignTop)
        who = QVBoxLayout()
        for button in (self.everyone, self.some_roles, self.optional):
            who.addWidget(button)
        form.addLayout(who, 2, 0, 1, 2)
        form.addWidget(fields["role_ids"], 3, 0, 1, 2)
        form.addWidget(fields["description"], 4, 0, 1, 2)
        form.addWidget(fields["source"], 5, 0, 1, 2)
        actions = QHBoxLayout()
        actions.addWidget(self.remove_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.form_error)
        right.addLayout(actions)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        warning_row = QHBoxLayout()
        warning_row.addWidget(Field(self.tr("Show training as e&xpiring"), self.warning))
        warning_row.addWidget(save_warning, 0, Qt.AlignmentFlag.AlignBottom)
        warning_row.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Training courses")))
        layout.addWidget(
            note_label(
                self.tr(
                    "The shipped courses are examples to edit: each says where its renewal "
                    "interval comes from or that it is a placeholder for you to set."
                )
            )
        )
        layout.addLayout(body, 1)
        layout.addLayout(warning_row)
        layout.addWidget(self.warning_error)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        fit_to_screen(self, 900, 720)
        name_buttons(self)  # every button announced by its words
        self._load()

    # ---- list --------------------------------------------------------------------------

    def _load(self, select: int | None = None) -> None:
        courses = training.list_courses(self.db, include_archived=True)
        self._courses = {c.id: c for c in courses}
        self.list.blockSignals(True)
        self.list.clear()
        for course in courses:
            text = (
                course.name
                if not course.archived
                else self.tr("{name} (archived)").format(name=course.name)
            )
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, course.id)
            item.setToolTip(f"{course.renewal_words} · {course.mandatory_words}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = next(
            (i for i in range(self.list.count()) if self.list.item(i).data(ID_ROLE) == select),
            0,
        )
        if self.list.count():
            self.list.setCurrentRow(row)
        self._show_current()

    def current_id(self) -> int:
        item = self.list.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else NEW

    def _show_current(self) -> None:
        self.errors.clear()
        course = self._courses.get(self.current_id())
        self.name.setText(course.name if course else "")
        self.category.setText(course.category if course else "")
        self.renewal.setValue(course.renewal_months or 0 if course else 12)
        if course is None or course.mandatory_for_all:
            self.everyone.setChecked(True)
        elif course.role_ids:
            self.some_roles.setChecked(True)
        else:
            self.optional.setChecked(True)
        chosen = set(course.role_ids) if course else set()
        for i in range(self.roles.count()):
            item = self.roles.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.data(ID_ROLE) in chosen else Qt.CheckState.Unchecked
            )
        self.description.setPlainText(course.description if course else "")
        self.source.setPlainText(course.source if course else "")
        archived = bool(course and course.archived)
        self.remove_button.setEnabled(course is not None and not archived)
        self.restore_button.setVisible(archived)
        self._roles_enabled()

    def _roles_enabled(self) -> None:
        self.roles.setEnabled(self.some_roles.isChecked())

    def _new(self) -> None:
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self._show_current()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- saving ------------------------------------------------------------------------

    def draft(self) -> CourseDraft:
        roles = [
            int(self.roles.item(i).data(ID_ROLE))
            for i in range(self.roles.count())
            if self.roles.item(i).checkState() == Qt.CheckState.Checked
        ]
        return CourseDraft(
            name=self.name.text(),
            category=self.category.text(),
            renewal_months=self.renewal.value() or None,
            mandatory_for_all=self.everyone.isChecked(),
            role_ids=roles if self.some_roles.isChecked() else [],
            description=self.description.toPlainText(),
            source=self.source.toPlainText(),
        )

    def save(self) -> bool:
        self.errors.clear()
        current = self.current_id()
        try:
            saved = training.save_course(self.db, self.draft(), None if current == NEW else current)
        except WellbeingError as error:
            self.errors.show_error(error)
            return False
        self._load(select=saved.id)
        self.saved.emit()
        return True

    def remove(self) -> None:
        course = self._courses.get(self.current_id())
        if course is None:
            return
        if course.completions:
            question = self.tr(
                "Archive “{name}”? It has {count} completions on record, which are kept; "
                "it leaves the matrix until you restore it."
            ).format(name=course.name, count=course.completions)
        else:
            question = self.tr(
                "Delete “{name}”? Nobody has completed it. A deleted shipped course is not "
                "added back."
            ).format(name=course.name)
        answer = QMessageBox.question(
            self,
            self.tr("Archive or delete course"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        training.remove_course(self.db, course.id)
        self._load(select=course.id)
        self.saved.emit()

    def restore(self) -> None:
        current = self.current_id()
        if current != NEW:
            training.set_course_archived(self.db, current, False)
            self._load(select=current)
            self.saved.emit()

    def save_warning(self) -> None:
        self.errors.clear()
        try:
            training.set_expiring_days(self.db, self.warning.value())
        except ValidationError as error:
            self.errors.show(error)
            return
        self.saved.emit()
