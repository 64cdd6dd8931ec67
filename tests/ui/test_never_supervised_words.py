"""The dashboard says why a due date was counted from the day someone was added: never
supervised, no start date recorded (services/due.py)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import update

from tests.services.builders import TODAY, add_person
from wellbeing_desktop.services import people
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import StaffMember
from wellbeing_desktop.ui.models.team_table import Column, TeamTableModel


def test_the_tooltips_say_the_due_date_was_counted_from_the_day_they_were_added(
    qapp, empty_db: Database
) -> None:  # type: ignore[no-untyped-def]
    team = people.save_team(empty_db, "No dates").id
    staff_id = add_person(empty_db, team, "Unknown start", start=None)
    with empty_db.session() as session:
        session.execute(
            update(StaffMember)
            .where(StaffMember.id == staff_id)
            .values(created_at=dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.UTC))
        )
    model = TeamTableModel()
    model.set_summary(team_summary(empty_db, [team], today=TODAY))
    row = model.row_of(staff_id)
    assert row is not None
    tip = model.index(row, Column.NEXT_SUPERVISION).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith(
        "\nNever supervised; start date not recorded: counted from 12/03/2026, when they were added"
    )
    tip = model.index(row, Column.LAST_CHECKIN).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith(
        "\nNo check-in yet; start date not recorded: counted from 12/03/2026, when they were added"
    )
