import datetime as dt

import pytest

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import people, supervision
from wellbeing_desktop.services.supervision import ActionDraft, SessionDraft

from .builders import TODAY, add_person


@pytest.fixture
def pair(app_db):
    team = people.save_team(app_db, "Team").id
    return (
        add_person(app_db, team, "Niamh Ní Dhomhnaill"),
        add_person(app_db, team, "Rhodri Llŷr", role="children"),
    )


def test_save_edit_and_agree(app_db, pair):
    niamh, _rhodri = pair
    draft = SessionDraft(
        held_on="20/11/2026",
        duration_minutes="75",
        attendee_ids=[niamh],
        supervisor_name="Team manager",
        casework="Reviewed three complex cases.",
        learning="Trauma-informed practice course.",
        wellbeing="Tired after a difficult week.",
        caseload_reviewed=True,
        caseload_figure="34",
        next_session_on="2026-12-18",
        actions=[
            ActionDraft(
                text="Reallocate two cases", owner_name="Team manager", due_on="2026-11-27"
            ),
            ActionDraft(text="   "),  # an empty grid row is ignored
            ActionDraft(text="Book the course", owner_staff_id=niamh, due_on="2027-01-15"),
        ],
    )
    saved = supervision.save_session(app_db, draft, today=TODAY)
    assert saved.status == "draft" and saved.held_on == dt.date(2026, 11, 20)
    assert saved.attendee_names == ("Niamh Ní Dhomhnaill",)
    assert [a.text for a in saved.actions] == ["Reallocate two cases", "Book the course"]
    assert saved.caseload_figure == 34

    agreed = supervision.agree_session(app_db, saved.id, today=TODAY)
    assert agreed.status == "agreed" and agreed.agreed_on == TODAY

    # Editing an agreed record makes it a draft again, keeping action identities.
    draft.wellbeing = "Tired; agreed a lighter week."
    draft.actions = [
        ActionDraft(
            id=saved.actions[0].id, text="Reallocate two cases", due_on="2026-11-27", done=True
        )
    ]
    edited = supervision.save_session(app_db, draft, saved.id, today=TODAY)
    assert edited.status == "draft" and edited.agreed_on is None
    assert [(a.id, a.done, a.done_on) for a in edited.actions] == [
        (saved.actions[0].id, True, TODAY)
    ]


def test_carried_forward_actions_are_reviewed_in_the_next_session(app_db, pair):
    niamh, _ = pair
    first = supervision.save_session(
        app_db,
        SessionDraft(
            held_on="2026-10-20",
            attendee_ids=[niamh],
            actions=[
                ActionDraft(text="Action A", due_on="2026-11-01"),
                ActionDraft(text="Action B", owner_staff_id=niamh),
            ],
        ),
        today=TODAY,
    )
    carried = supervision.open_actions_for(app_db, [niamh])
    assert [a.text for a in carried] == ["Action A", "Action B"]  # dated first
    supervision.save_session(
        app_db,
        SessionDraft(
            held_on="2026-11-20", attendee_ids=[niamh], reviewed_actions={carried[0].id: True}
        ),
        today=TODAY,
    )
    remaining = supervision.open_actions_for(app_db, [niamh])
    assert [a.text for a in remaining] == ["Action B"]
    assert supervision.get_session(app_db, first.id).actions[0].done_on == TODAY


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"attendee_ids": []}, "attendee_ids"),
        ({"kind": "chat"}, "kind"),
        ({"held_on": "2026-11-27"}, "held_on"),  # tomorrow
        ({"held_on": "31/02/2026"}, "held_on"),
        ({"duration_minutes": "-5"}, "duration_minutes"),
        ({"duration_minutes": "9999"}, "duration_minutes"),
        ({"next_session_on": "2026-11-01"}, "next_session_on"),
        ({"next_session_on": "2031-01-01"}, "next_session_on"),
        ({"casework": "x" * 20_001}, "casework"),
        ({"wellbeing": "nul\x00byte"}, "wellbeing"),
        ({"caseload_figure": "lots"}, "caseload_figure"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(app_db, pair, change, field):
    niamh, _rhodri = pair
    draft = SessionDraft(
        held_on="2026-11-20", attendee_ids=[niamh], actions=[ActionDraft(text="Something")]
    )
    for key, value in change.items():
        setattr(draft, key, value)
    with pytest.raises(ValidationError) as raised:
        supervision.save_session(app_db, draft, today=TODAY)
    assert raised.value.field == field
    assert supervision.sessions_for(app_db, niamh) == []


def test_one_to_one_has_one_supervisee_but_groups_have_many(app_db, pair):
    with pytest.raises(ValidationError):
        supervision.save_session(
            app_db, SessionDraft(held_on=TODAY, attendee_ids=list(pair)), today=TODAY
        )
    group = supervision.save_session(
        app_db, SessionDraft(kind="group", held_on=TODAY, attendee_ids=list(pair)), today=TODAY
    )
    assert set(group.attendee_ids) == set(pair)
    assert [s.id for s in supervision.sessions_for(app_db, pair[1])] == [group.id]


def test_suggested_next_date_uses_the_shortest_role_interval(app_db, pair):
    people.save_role(
        app_db, **{**_role_kwargs(app_db, "children"), "supervision_interval_days": 14}
    )
    assert supervision.suggested_next_date(app_db, [pair[0]], TODAY) == TODAY + dt.timedelta(28)
    assert supervision.suggested_next_date(app_db, list(pair), TODAY) == TODAY + dt.timedelta(14)


def _role_kwargs(db, words):
    role = next(r for r in people.list_roles(db) if words in r.name)
    return {
        "name": role.name,
        "amber": role.amber_threshold,
        "red": role.red_threshold,
        "supervision_interval_days": role.supervision_interval_days,
        "checkin_interval_days": role.checkin_interval_days,
        "role_id": role.id,
    }


def test_agreement_cannot_predate_the_session(app_db, pair):
    saved = supervision.save_session(
        app_db, SessionDraft(held_on="2026-11-20", attendee_ids=[pair[0]]), today=TODAY
    )
    with pytest.raises(ValidationError):
        supervision.agree_session(app_db, saved.id, "2026-11-19", today=TODAY)
