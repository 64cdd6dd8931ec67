"""Log a supervision or reflective-practice session: the form managers use most, so
everything can be done from the keyboard.

The form collects a ``SessionDraft`` and hands it to ``supervision.save_session``;
the service decides what is valid. Unsaved content is autosaved every few seconds
to the user's data folder and offered back if the form closed unexpectedly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services import caseloads, development, people, supervision
from wellbeing_desktop.services.vocab import SESSION_KINDS
from wellbeing_desktop.ui.forms.attendee_picker import AttendeePicker, Person
from wellbeing_desktop.ui.forms.autosave import Autosave, Recovered
from wellbeing_desktop.ui.forms.base import FormDialog
from wellbeing_desktop.ui.forms.fields import (
    DateEdit,
    Field,
    OptionalDateEdit,
    combo_box,
    fit_to_screen,
    format_date,
    heading,
    set_tab_order,
    text_box,
    to_qdate,
    vocab,
)
from wellbeing_desktop.ui.forms.supervision_actions import (
    SUPERVISOR,
    ActionsEditor,
    ReviewList,
    owner_key,
)
from wellbeing_desktop.ui.forms.supervision_learning import LearningContext

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

AUTOSAVE_INTERVAL_MS = 4000


class SupervisionForm(FormDialog):
    def __init__(
        self,
        db: Database,
        staff_ids: Sequence[int] | None = None,
        session_id: int | None = None,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.session_id = session_id
        self._agree_on_save = False
        self._loading = True
        self._touched = {"next": False, "caseload": False, "supervisor": False}
        record = supervision.get_session(db, session_id) if session_id is not None else None
        self._staff = {s.id: s for s in people.list_staff(db, today=self.today)}
        for staff_id in record.attendee_ids if record else ():
            if staff_id not in self._staff:  # someone who has since left
                self._staff[staff_id] = people.get_staff(db, staff_id)
        self._names = {s.id: s.name for s in self._staff.values()}
        self._latest: dict[int, caseloads.CaseloadPoint] = {}
        self.setWindowTitle(
            self.tr("Edit supervision session") if record else self.tr("Log a supervision session")
        )
        self.setAccessibleName(self.windowTitle())
        self._build()
        self._connect()
        if record is not None:
            self._load_record(record)
        else:
            if staff_ids and len(staff_ids) > 1:  # several people chosen: a group session
                self.kind.setCurrentIndex(max(self.kind.findData("group"), 0))
                self._kind_changed()
            self.attendees.set_checked(staff_ids or [])
            self.held_on.set_value(self.today)
        self._loading = False
        self._attendees_changed()
        self.mark_clean()
        self.autosave = Autosave(f"supervision-{session_id if session_id else 'new'}")
        self._last_autosaved: dict[str, Any] | None = None
        self._recoveries = Autosave.find(self.autosave.slot)
        self._offer_recovery()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()
        self.kind.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- building ------------------------------------------------------------------

    def _build(self) -> None:
        self.kind = combo_box()
        for key, label in SESSION_KINDS.items():
            self.kind.addItem(vocab(label), key)
        self.kind.setAccessibleName(self.tr("Kind of session"))
        people_list = sorted(self._staff.values(), key=lambda s: (s.name.casefold(), s.id))
        self.attendees = AttendeePicker(
            [Person(s.id, s.name, s.job_title or s.role_name, s.team_name) for s in people_list]
        )
        self.held_on = DateEdit(self.tr("Date of the session"))
        self.held_on.setMaximumDate(to_qdate(self.today))
        self.duration = QSpinBox()
        self.duration.setRange(5, supervision.MAX_DURATION_MINUTES)
        self.duration.setSingleStep(5)
        self.duration.setValue(60)
        self.duration.setSuffix(self.tr(" minutes"))
        self.duration.setAccessibleName(self.tr("Length in minutes"))
        self.supervisor = combo_box()
        self.supervisor.setEditable(True)
        self.supervisor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.supervisor.addItem("", None)
        for person in people_list:
            self.supervisor.addItem(person.name, person.id)
        self.supervisor.setAccessibleName(self.tr("Supervisor"))
        supervisor_edit = self.supervisor.lineEdit()
        assert supervisor_edit is not None
        supervisor_edit.setPlaceholderText(self.tr("Who led the session"))
        self.caseload = QLineEdit()
        self.caseload.setAccessibleName(self.tr("Current caseload, open cases"))
        self.caseload.setMaxLength(6)
        self.caseload_reviewed = QCheckBox(self.tr("Caseload &reviewed in this session"))
        self.caseload_reviewed.setAccessibleName(self.tr("Caseload reviewed in this session"))
        self.next_session = OptionalDateEdit(self.tr("Next session"))
        self.casework = text_box(
            self.tr("Casework and accountability"),
            self.tr("Cases discussed, risks, decisions made and who is accountable for them"),
        )
        self.learning = text_box(
            self.tr("Learning and development"),
            self.tr(
                "Training, skills, personal development plan, preceptorship or skills passport"
            ),
        )
        self.wellbeing = text_box(
            self.tr("Wellbeing and support"),
            self.tr("How they are, workload and stress, support offered or wanted"),
        )
        self.reflection = text_box(
            self.tr("Reflection"),
            self.tr("Optional: what went well, what was hard, what to try next time"),
            lines=2,
        )
        self.learning_context = LearningContext()
        self.action_rows = ActionsEditor()
        self.action_rows.due_fallback = lambda: self.next_session.value() or self.today
        self.review = ReviewList()
        self.review.setAccessibleName(self.tr("Open actions from earlier sessions"))

        fields = {
            "kind": Field(self.tr("&Kind of session"), self.kind),
            "attendee_ids": Field(
                self.tr("Who att&ended"),
                self.attendees,
                note=""
                if self._staff
                else self.tr("Nobody is on the staff list yet: add people in Settings, Staff."),
            ),
            "held_on": Field(self.tr("&Date"), self.held_on),
            "duration_minutes": Field(self.tr("Len&gth"), self.duration),
            "supervisor_name": Field(self.tr("Su&pervisor"), self.supervisor),
            "caseload_figure": Field(self.tr("Current caseload (&open cases)"), self.caseload),
            "next_session_on": Field(self.tr("&Next session"), self.next_session),
            "casework": Field(self.tr("&Casework and accountability"), self.casework),
            "learning": Field(self.tr("&Learning and development"), self.learning),
            "wellbeing": Field(self.tr("&Wellbeing and support"), self.wellbeing),
            "reflection": Field(self.tr("Re&flection (optional)"), self.reflection),
            "actions": Field(self.tr("Ac&tions agreed"), self.action_rows),
        }
        self.register_fields(fields)
        self.errors.register("agreed_on", self.form_error, self.form_error)
        fields["actions"].label.setBuddy(self.action_rows.first_field())
        self.caseload_note = fields["caseload_figure"].note
        self.next_note = fields["next_session_on"].note
        self._fields = fields

        details = QVBoxLayout()
        details.setSpacing(10)
        details.addWidget(fields["kind"])
        details.addWidget(fields["attendee_ids"], 1)
        when = QHBoxLayout()
        when.addWidget(fields["held_on"])
        when.addWidget(fields["duration_minutes"])
        details.addLayout(when)
        details.addWidget(fields["supervisor_name"])
        self.caseload_box = QFrame()
        self.caseload_box.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self.caseload_box)
        box.addWidget(fields["caseload_figure"])
        box.addWidget(self.caseload_reviewed)
        details.addWidget(self.caseload_box)
        details.addWidget(fields["next_session_on"])

        content = QVBoxLayout()
        content.setSpacing(10)
        for name in ("casework", "learning", "wellbeing", "reflection"):
            content.addWidget(fields[name])
            if name == "learning":
                content.addWidget(self.learning_context)
        content.addWidget(fields["actions"])
        review_title = QLabel(self.tr("Open actions from earlier sessions: tick those now done"))
        review_title.setBuddy(self.review)
        content.addWidget(review_title)
        content.addWidget(self.review)
        content.addStretch(1)

        columns = QGridLayout()
        columns.setHorizontalSpacing(24)
        columns.addLayout(details, 0, 0)
        columns.addLayout(content, 0, 1)
        columns.setColumnStretch(0, 2)
        columns.setColumnStretch(1, 5)
        inner = QWidget()
        inner.setLayout(columns)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take the focus
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)

        self.banner = QFrame()
        self.banner.setObjectName("restoreBanner")
        self.banner.setStyleSheet(
            "#restoreBanner { background: #fff4ce; border: 1px solid #e0c36a; border-radius: 4px; }"
        )
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("&Restore it"))
        self.restore_button.setAccessibleName(self.tr("Restore the unsaved session"))
        self.discard_recovery_button = QPushButton(self.tr("Discard it"))
        self.discard_recovery_button.setAccessibleName(self.tr("Discard the unsaved session"))
        for button in (self.restore_button, self.discard_recovery_button):
            button.setAutoDefault(False)
        banner = QHBoxLayout(self.banner)
        banner.addWidget(self.banner_text, 1)
        banner.addWidget(self.restore_button)
        banner.addWidget(self.discard_recovery_button)
        self.banner.hide()

        buttons = self.save_cancel_buttons(
            self.tr("Save draft"), save_tip=self.tr("Save as a draft (Ctrl+S)")
        )
        self.agree_button = QPushButton(self.tr("Save and mark &agreed by supervisee"))
        self.agree_button.setAccessibleName(self.tr("Save and mark agreed by supervisee"))
        self.agree_button.setAutoDefault(False)
        buttons.addWidget(self.agree_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle()))
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        fit_to_screen(self, 1180, 820)
        self._apply_tab_order()

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.attendees.changed.connect(self._attendees_changed)
        self.held_on.dateChanged.connect(self._suggest_next)
        self.next_session.dateChanged.connect(lambda: self._touch("next"))
        self.caseload.textEdited.connect(lambda: self._touch("caseload"))
        self.supervisor.currentIndexChanged.connect(self._supervisor_changed)
        supervisor_edit = self.supervisor.lineEdit()
        assert supervisor_edit is not None
        supervisor_edit.editingFinished.connect(self._supervisor_changed)
        supervisor_edit.textEdited.connect(lambda: self._touch("supervisor"))
        self.action_rows.rows_changed.connect(self._apply_tab_order)
        self.agree_button.clicked.connect(self._save_and_agree)
        self.restore_button.clicked.connect(self.restore_recovery)
        self.discard_recovery_button.clicked.connect(self.discard_recovery)

    def _apply_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.kind,
            self.attendees.search,
            self.attendees.list,
            self.held_on,
            self.duration,
            self.supervisor,
            self.caseload,
            self.caseload_reviewed,
            self.next_session,
            self.casework,
            self.learning,
            self.wellbeing,
            self.reflection,
            *self.action_rows.tab_widgets(),
            *self.review.tab_widgets(),
            self.save_button,
            self.agree_button,
            self.cancel_button,
        ]
        set_tab_order(chain)

    # ---- reacting ------------------------------------------------------------------

    def _touch(self, what: str) -> None:
        if not self._loading:
            self._touched[what] = True

    def _kind_changed(self) -> None:
        self.attendees.set_single(self.kind.currentData() == "one_to_one")

    def _supervisor(self) -> tuple[int | None, str]:
        text = self.supervisor.currentText().strip()
        index = self.supervisor.findText(text, Qt.MatchFlag.MatchFixedString)
        staff_id = self.supervisor.itemData(index) if index > 0 else None
        return (int(staff_id) if staff_id is not None else None, text)

    def _supervisor_changed(self) -> None:
        self._update_owners()

    def _attendees_changed(self) -> None:
        if self._loading:
            return
        ids = self.attendees.checked_ids()
        if not self._touched["supervisor"] and ids:
            self._default_supervisor(ids[0])
        self._update_owners()
        self._suggest_next()
        self._update_caseload(ids)
        actions = supervision.open_actions_for(self.db, ids, before_session=self.session_id)
        self.review.set_actions(actions, self._names, self.today)
        self._update_learning(ids)
        self._apply_tab_order()

    def _update_learning(self, ids: list[int]) -> None:
        """The supervisees' open objectives and expiring training beside the learning and
        development notes; the objectives are offered for linking actions."""
        objectives = self.learning_context.show_for(self.db, ids, self._names, self.today)
        # Links to objectives no longer open stay only while their owner attends.
        closed = self.action_rows.linked_objective_ids() - {o.id for o in objectives}
        owners = development.objective_owners(self.db, sorted(closed)) if closed else {}
        self.action_rows.set_objective_options(
            [(o.id, self.learning_context.objective_words(o, len(ids) > 1)) for o in objectives],
            keep=[objective for objective, owner in owners.items() if owner in ids],
        )

    def _default_supervisor(self, staff_id: int) -> None:
        person = self._staff.get(staff_id)
        name = ""
        if person is not None and person.supervisor_id is not None:
            name = (
                self._names.get(person.supervisor_id)
                or people.get_staff(self.db, person.supervisor_id).name
            )
        elif person is not None:
            team = next((t for t in people.list_teams(self.db) if t.id == person.team_id), None)
            name = team.manager_name if team else ""
        self.supervisor.blockSignals(True)
        self.supervisor.setCurrentText(name)
        self.supervisor.blockSignals(False)

    def _update_owners(self) -> None:
        ids = self.attendees.checked_ids()
        supervisor_id, supervisor_name = self._supervisor()
        options = [
            (f"staff:{i}", self.tr("%1 (supervisee)").replace("%1", self._names[i])) for i in ids
        ]
        if supervisor_name:
            options.append((SUPERVISOR, self.tr("%1 (supervisor)").replace("%1", supervisor_name)))
        others = sorted(
            (s for s in self._staff.values() if s.id not in ids and s.id != supervisor_id),
            key=lambda s: s.name.casefold(),
        )
        options += [(f"staff:{s.id}", s.name) for s in others]
        self.action_rows.set_owner_options(options, options[0][0] if options else "")

    def _suggest_next(self) -> None:
        if self._loading or self._touched["next"]:
            return
        ids = self.attendees.checked_ids()
        self._loading = True
        try:
            if ids:
                held_on = self.held_on.value() or self.today
                self.next_session.set_value(supervision.suggested_next_date(self.db, ids, held_on))
                self.next_note.setText(self.tr("Suggested from the role's supervision frequency."))
            else:
                self.next_session.clear_value()
                self.next_note.setText("")
            self.next_note.setVisible(bool(ids))
        finally:
            self._loading = False

    def _update_caseload(self, ids: list[int]) -> None:
        single = len(ids) == 1
        self.caseload_box.setEnabled(single)
        if not single:
            self.caseload_note.setText(self.tr("Recorded for sessions with one supervisee."))
            self.caseload_note.show()
            if not self._touched["caseload"]:
                self.caseload.clear()
            return
        staff_id = ids[0]
        if staff_id not in self._latest:
            self._latest.update(caseloads.latest_caseloads(self.db, [staff_id], on=self.today))
        latest = self._latest.get(staff_id)
        if latest is None:
            self.caseload_note.setText(self.tr("No caseload recorded yet."))
        else:
            self.caseload_note.setText(
                self.tr("Last recorded: %1 on %2")
                .replace("%1", str(latest.open_cases))
                .replace("%2", format_date(latest.recorded_on))
            )
        self.caseload_note.show()
        if not self._touched["caseload"]:
            self.caseload.setText("" if latest is None else str(latest.open_cases))

    # ---- values --------------------------------------------------------------------

    def _load_record(self, record: supervision.SessionRecord) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(record.kind), 0))
        self._kind_changed()
        self.attendees.set_checked(record.attendee_ids)
        self.held_on.set_value(record.held_on)
        self.duration.setValue(record.duration_minutes)
        name = record.supervisor_name or self._names.get(record.supervisor_id or -1, "")
        self.supervisor.setCurrentText(name)
        for key, box in self._text_boxes().items():
            box.setPlainText(getattr(record, key))
        self.caseload.setText("" if record.caseload_figure is None else str(record.caseload_figure))
        self.caseload_reviewed.setChecked(record.caseload_reviewed)
        self.next_session.set_value(record.next_session_on)
        self._touched = {"next": True, "caseload": True, "supervisor": True}
        self._loading = False
        self._update_owners()
        supervisor = self._supervisor()
        self.action_rows.set_state(
            [
                {
                    "id": a.id,
                    "text": a.text,
                    "owner": owner_key(a.owner_staff_id, a.owner_name, supervisor),
                    "due": a.due_on.isoformat() if a.due_on else None,
                    "done": a.done,
                    "objective": a.objective_id,
                    "objective_text": a.objective_text,
                }
                for a in record.actions
            ]
        )
        self._loading = True

    def _text_boxes(self) -> dict[str, Any]:
        return {
            "casework": self.casework,
            "learning": self.learning,
            "wellbeing": self.wellbeing,
            "reflection": self.reflection,
        }

    def form_state(self) -> dict[str, Any]:
        """Everything the form holds, as JSON-ready data (for autosave and change checks)."""
        held_on = self.held_on.value()
        next_on = self.next_session.value()
        return {
            "kind": self.kind.currentData(),
            "attendees": self.attendees.checked_ids(),
            "held_on": held_on.isoformat() if held_on else None,
            "duration": self.duration.value(),
            "supervisor": self.supervisor.currentText(),
            **{key: box.toPlainText() for key, box in self._text_boxes().items()},
            "caseload": self.caseload.text(),
            "caseload_reviewed": self.caseload_reviewed.isChecked(),
            "next_session_on": next_on.isoformat() if next_on else None,
            "actions": self.action_rows.state(),
            "reviewed": {str(k): v for k, v in self.review.state().items()},
            "touched": dict(self._touched),
        }

    def set_state(self, state: dict[str, Any]) -> None:
        self._loading = True
        try:
            self.kind.setCurrentIndex(max(self.kind.findData(state.get("kind")), 0))
            self._kind_changed()
            self.attendees.set_checked(int(i) for i in state.get("attendees", []))
            if state.get("held_on"):
                self.held_on.set_value(dt.date.fromisoformat(state["held_on"]))
            self.duration.setValue(int(state.get("duration", 60)))
            self.supervisor.setCurrentText(str(state.get("supervisor", "")))
            for key, box in self._text_boxes().items():
                box.setPlainText(str(state.get(key, "")))
            self._touched = {k: bool(v) for k, v in state.get("touched", {}).items()}
            self._touched.setdefault("next", True)
            self._touched["caseload"] = self._touched["supervisor"] = True
        finally:
            self._loading = False
        self._attendees_changed()
        self.caseload.setText(str(state.get("caseload", "")))
        self.caseload_reviewed.setChecked(bool(state.get("caseload_reviewed")))
        next_on = state.get("next_session_on")
        self.next_session.set_value(dt.date.fromisoformat(next_on) if next_on else None)
        self.action_rows.set_state(state.get("actions", []))
        self.review.set_state({int(k): bool(v) for k, v in state.get("reviewed", {}).items()})
        self._apply_tab_order()

    def draft(self) -> supervision.SessionDraft:
        supervisor_id, supervisor_name = self._supervisor()
        return supervision.SessionDraft(
            kind=self.kind.currentData(),
            held_on=self.held_on.value(),
            duration_minutes=self.duration.value(),
            attendee_ids=self.attendees.checked_ids(),
            supervisor_id=supervisor_id,
            supervisor_name=supervisor_name,
            casework=self.casework.toPlainText(),
            learning=self.learning.toPlainText(),
            wellbeing=self.wellbeing.toPlainText(),
            reflection=self.reflection.toPlainText(),
            caseload_reviewed=self.caseload_reviewed.isChecked(),
            caseload_figure=self.caseload.text().strip() if self.caseload_box.isEnabled() else None,
            next_session_on=self.next_session.value(),
            actions=self.action_rows.drafts(self._names, (supervisor_id, supervisor_name)),
            reviewed_actions=self.review.state(),
        )

    # ---- saving, leaving and autosave ----------------------------------------------

    def commit(self) -> None:
        record = supervision.save_session(self.db, self.draft(), self.session_id, today=self.today)
        self.session_id = record.id  # a retry after an error updates this session
        if self._agree_on_save:
            supervision.agree_session(self.db, record.id, today=self.today)
        self._after_save()

    def _save_and_agree(self) -> None:
        self._agree_on_save = True
        try:
            self.save_and_close()
        finally:
            self._agree_on_save = False

    def _after_save(self) -> None:
        self.autosave_timer.stop()
        self.autosave.discard()
        self.mark_clean()

    def save_button_text(self) -> str:
        return self.tr("&Save as draft")

    def discard_changes(self) -> None:
        self.autosave_timer.stop()
        self.autosave.discard()

    def done(self, result: int) -> None:
        self.autosave_timer.stop()
        if not self.is_dirty():
            self.autosave.discard()
        super().done(result)

    def autosave_now(self) -> None:
        """Write the unsaved content to the autosave file (or remove it if nothing is unsaved)."""
        state = self.form_state()
        if state == self.clean_state:
            if self._last_autosaved is not None:
                self.autosave.discard()
                self._last_autosaved = None
            return
        if state != self._last_autosaved:
            self.autosave.write(state)
            self._last_autosaved = state

    # ---- recovery ------------------------------------------------------------------

    def _offer_recovery(self) -> None:
        if not self._recoveries:
            self.banner.hide()
            return
        recovered = self._recoveries[0]
        names = [self.attendees.name_of(int(i)) for i in recovered.state.get("attendees", [])]
        who = ", ".join(n for n in names if n)
        text = self.tr(
            "A session you were writing was not saved when the form last closed (kept at %1 on %2)."
        )
        text = text.replace("%1", recovered.saved_at.strftime("%H:%M")).replace(
            "%2", format_date(recovered.saved_at.date())
        )
        if who:
            text += " " + self.tr("With: %1.").replace("%1", who)
        self.banner_text.setText(text)
        self.banner.setAccessibleDescription(text)
        self.banner.show()

    def pending_recovery(self) -> Recovered | None:
        return self._recoveries[0] if self._recoveries else None

    def restore_recovery(self) -> None:
        recovered = self._recoveries.pop(0)
        self.set_state(recovered.state)
        self.autosave.adopt(recovered)
        self._last_autosaved = recovered.state
        self._recoveries = []  # one restored draft at a time; the rest stay on disk
        self.banner.hide()
        self.casework.setFocus(Qt.FocusReason.OtherFocusReason)

    def discard_recovery(self) -> None:
        Autosave.remove(self._recoveries.pop(0))
        self._offer_recovery()
        if not self.banner.isVisible():
            self.kind.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.banner.isVisible():
            self.restore_button.setFocus(Qt.FocusReason.OtherFocusReason)
