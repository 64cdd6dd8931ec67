"""The compliance report says when a due date was counted from the day someone was
added: never supervised, no start date recorded (as on the dashboard)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import update

from tests.reports.conftest import (
    Scenario,
    page_texts,
    render_report,
    requires_tools,
)
from tests.services.builders import add_person
from wellbeing_desktop.services.report_teams import chosen_team_ids
from wellbeing_desktop.storage.models import StaffMember

pytestmark = requires_tools


def test_the_gap_says_it_was_counted_from_the_day_they_were_added(
    scenario: Scenario, tmp_path: Path
) -> None:
    (team_id,) = chosen_team_ids(scenario.db, team="North Recovery Service") or ()
    staff_id = add_person(scenario.db, team_id, "Rowan Nodate", start=None)
    with scenario.db.session() as session:
        session.execute(
            update(StaffMember)
            .where(StaffMember.id == staff_id)
            .values(created_at=dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.UTC))
        )
    out = render_report(
        scenario,
        tmp_path,
        "compliance",
        team="North Recovery Service",
        start=dt.date(2026, 9, 1),
        end=dt.date(2026, 11, 30),
    )
    text = " ".join(" ".join(page_texts(out)).split())
    assert (
        "Rowan Nodate: Never supervised; start date not recorded: counted from 12/03/2026, "
        "when they were added." in text
    )
