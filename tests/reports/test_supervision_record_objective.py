"""The supervision record names the development objective an action serves."""

from __future__ import annotations

from pathlib import Path

from tests.reports.conftest import PRINTED_AT, Scenario, page_texts, requires_tools
from tests.services.builders import TODAY
from wellbeing_desktop.reports import render
from wellbeing_desktop.services import development, supervision

pytestmark = requires_tools


def test_an_action_shows_the_objective_it_serves(scenario: Scenario, tmp_path: Path) -> None:
    record = supervision.get_session(scenario.db, scenario.session_id)
    supervisee = record.attendee_ids[0]
    plan = development.save_plan(scenario.db, supervisee, 2026, today=TODAY)
    objective = development.save_objective(
        scenario.db,
        plan.id,
        development.ObjectiveDraft(text="Become a trauma-informed practice champion"),
        today=TODAY,
    )
    draft = supervision.SessionDraft(
        kind=record.kind,
        held_on=record.held_on,
        attendee_ids=list(record.attendee_ids),
        supervisor_name=record.supervisor_name,
        actions=[
            supervision.ActionDraft(
                text=a.text,
                owner_staff_id=a.owner_staff_id,
                owner_name=a.owner_name,
                due_on=a.due_on,
                id=a.id,
                objective_id=objective.id if index == 1 else None,
            )
            for index, a in enumerate(record.actions)
        ],
    )
    supervision.save_session(scenario.db, draft, scenario.session_id, today=TODAY)
    out = tmp_path / "record.pdf"
    render(
        "supervision-record",
        scenario.db,
        out=out,
        today=TODAY,
        printed_at=PRINTED_AT,
        session_id=scenario.session_id,
    )
    text = " ".join(" ".join(page_texts(out)).split())
    assert "Serves objective: Become a trauma-informed practice champion" in text
    assert text.count("Serves objective") == 1
