"""The supervision record, the compliance report and the wellbeing summary, read back."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.reports.conftest import (
    LLYR,
    LUKASZ,
    NOTE,
    PRINTED_AT,
    SIOBHAN,
    WANG,
    XANTHI,
    Scenario,
    after,
    assert_every_page_marked,
    assert_well_formed,
    fonts_of,
    page_texts,
    requires_tools,
)
from tests.services.builders import TODAY
from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.reports import render
from wellbeing_desktop.services import supervision

pytestmark = requires_tools


def _render(scenario: Scenario, tmp_path: Path, kind: str, **options: object) -> Path:
    out = tmp_path / f"{kind}.pdf"
    render(kind, scenario.db, out=out, today=TODAY, printed_at=PRINTED_AT, **options)
    assert_well_formed(out)
    return out


def test_supervision_record_in_full_with_signature_lines(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = _render(scenario, tmp_path, "supervision-record", session_id=scenario.session_id)
    texts = page_texts(path)
    assert len(texts) == 1
    assert_every_page_marked(texts)
    text = " ".join(" ".join(texts).split())
    assert "DRAFT: not yet agreed by the supervisee" in text
    assert "One-to-one supervision, 12 October 2026" in text
    assert f"Supervisee {SIOBHAN}" in text
    assert "Supervisor Morag Dunn" in text
    assert "12 October 2026, 1 hour 15 minutes" in text
    assert "Reviewed: 34 open cases" in text
    assert "Next session 9 November 2026" in text
    # The three functions of supervision, with the text as written (markup characters too).
    assert "Casework and accountability Reviewed the three most complex cases & agreed" in text
    assert "<urgently>" in text
    assert "Learning and development Trauma-informed care course booked." in text
    assert "Wellbeing and support Feeling stretched" in text
    # Actions: owners named (an unowned action is the supervisor's), due dates, status.
    assert "1 Reduce caseload to the safe limit Morag Dunn 01/11/2026 ✕ Overdue" in text
    assert f"2 Book the trauma-informed care course {SIOBHAN} 15/12/2026 Open" in text
    assert f"Supervisee {SIOBHAN} Signature Date" in text
    assert "Supervisor Morag Dunn Signature Date" in text
    info = PdfReader(path).metadata
    assert info is not None
    assert info.title == f"Supervision record: {SIOBHAN}: one-to-one supervision on 12/10/2026"


def test_an_agreed_record_says_so(scenario: Scenario, tmp_path: Path) -> None:
    supervision.agree_session(scenario.db, scenario.session_id, "2026-10-14", today=TODAY)
    path = _render(scenario, tmp_path, "supervision-record", session_id=scenario.session_id)
    text = " ".join(page_texts(path)[0].split())
    assert "Agreed by the supervisee on 14 October 2026" in text
    assert "DRAFT" not in text


def test_group_session_lists_everyone_and_has_a_line_each(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = _render(scenario, tmp_path, "supervision-record", session_id=scenario.group_session_id)
    text = " ".join(" ".join(page_texts(path)).split())
    assert "Reflective practice, 15 July 2026" in text
    assert "2 supervisees: reflective practice on 15/07/2026" in text
    assert f"Supervisee {SIOBHAN} Signature Date" in text
    assert f"Supervisee {LLYR} Signature Date" in text
    assert "No actions were agreed." in text


def test_compliance_report(scenario: Scenario, tmp_path: Path) -> None:
    path = _render(
        scenario,
        tmp_path,
        "compliance",
        team="North Recovery Service",
        start=dt.date(2026, 9, 1),
        end=dt.date(2026, 11, 30),
    )
    texts = page_texts(path)
    assert_every_page_marked(texts)
    text = " ".join(" ".join(texts).split())
    assert "1 September 2026 to 30 November 2026 (assessed up to today, 26 November 2026)" in text
    # Siobhán: due 21/09 after 24/08, seen 12/10 (21 days late), due 09/11, none since.
    siobhan = after(texts, SIOBHAN, 160)
    assert "4 weeks 3 1 – 2 38 12/10/2026 1 ✕ Overdue at period end" in siobhan
    # Łukasz: seen 01/09 on time; due again 29/09 and never seen: overdue at the end.
    assert "4 weeks 3 1 – 1 58 01/09/2026 – ✕ Overdue at period end" in after(texts, LUKASZ)
    # Wang started on 01/10 and was due on 29/10: overdue 28 days by the end.
    assert "4 weeks 2 0 – 1 28 Never – ✕ Overdue at period end" in after(texts, WANG)
    assert XANTHI in text and LLYR in text
    assert "Gaps in supervision" in text
    assert f"{SIOBHAN} 21/09/2026 12/10/2026 21" in text


def test_compliance_report_for_one_day_and_with_a_leaver(
    scenario: Scenario, tmp_path: Path
) -> None:
    """A one-day period still shows who was overdue on it; a leaver counts for the days
    they were in post, and is not overdue after leaving."""
    from tests.services.builders import add_person
    from wellbeing_desktop.services.report_teams import chosen_team_ids

    north = scenario.db
    (team_id,) = chosen_team_ids(north, team="North Recovery Service") or ()
    leaver = add_person(north, team_id, "Rhys Leaver", leaving_date="2026-11-15")
    for day in ("2026-09-03", "2026-10-01"):  # due 29/10, never seen again
        supervision.save_session(
            north, supervision.SessionDraft(held_on=day, attendee_ids=[leaver]), today=TODAY
        )
    path = _render(
        scenario, tmp_path, "compliance", team="North Recovery Service",
        start=dt.date(2026, 11, 26), end=dt.date(2026, 11, 26),
    )  # fmt: skip
    text = " ".join(" ".join(page_texts(path)).split())
    assert "5 people in post during the period, all of them at its end" in text
    # Siobhán (due 09/11), Łukasz (29/09), Wang (29/10) overdue; Xanthi and Llŷr never
    # supervised: overdue too. No one on time.
    assert "0% Supervised on time (0 of 5 due)" in text
    assert "4 weeks 0 0 – 1 1 Never – ✕ Overdue at period end" in after(page_texts(path), WANG)

    path = _render(
        scenario, tmp_path, "compliance", team="North Recovery Service",
        start=dt.date(2026, 9, 1), end=dt.date(2026, 11, 26),
    )  # fmt: skip
    texts = page_texts(path)
    text = " ".join(" ".join(texts).split())
    assert "6 people in post during the period, 5 at its end" in text
    # In post 01/09-14/11: 2 expected; overdue 30/10-14/11 (16 days), not after.
    assert "4 weeks 2 2 – 2 19 01/10/2026 – ✕ Overdue when they left on 15/11/2026" in after(
        texts, "Rhys Leaver", 200
    )
    assert "Rhys Leaver 29/10/2026 ✕ Left 15/11/2026 16" in text
    # The five still in post are overdue at the end; the leaver is counted as due and
    # not on time, but not as overdue at the end.
    assert "0% Supervised on time (0 of 6 due)" in text
    assert "✕ 5 Overdue at period end" in text


def test_wellbeing_summary_is_confidential_and_leaves_notes_out(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = _render(scenario, tmp_path, "wellbeing", staff_id=scenario.ids[SIOBHAN])
    texts = page_texts(path)
    assert_every_page_marked(texts, marking="CONFIDENTIAL")
    text = " ".join(" ".join(texts).split())
    assert "CONFIDENTIAL. For the person named and their line manager." in text
    assert SIOBHAN in text
    assert "Notes are not included." in text
    assert NOTE not in text and "bereavement in the family" not in text
    assert "Feeling stretched" not in text  # the wellbeing part of supervision is a note too
    assert "02/11/2026 2 / 5 2 / 5 5 / 5 2 / 5 7 / 20 ▲ Follow-up agreed, not yet done" in text
    assert "Samaritans" in text and "Bereavement" in text and "▲ Follow-up due" in text
    assert "Reduce caseload to the safe limit 01/11/2026 ✕ Overdue" in text
    assert "✕ Over safe limit: 34 cases against a limit of 32 for 0.8 FTE: 2 over" in text
    info = PdfReader(path).metadata
    assert info is not None
    assert info.title == f"Wellbeing and support summary: {SIOBHAN}"


def test_wellbeing_summary_with_notes_when_asked(scenario: Scenario, tmp_path: Path) -> None:
    path = _render(
        scenario, tmp_path, "wellbeing", staff_id=scenario.ids[SIOBHAN], include_notes=True
    )
    text = " ".join(" ".join(page_texts(path)).split())
    assert "Notes are included" in text
    assert NOTE in text
    assert "Feeling stretched" in text


def test_every_script_comes_back_out(scenario: Scenario, tmp_path: Path) -> None:
    """Chinese is not in DejaVu Sans: it is set in the fallback font, also embedded."""
    path = _render(scenario, tmp_path, "wellbeing", staff_id=scenario.ids[WANG])
    texts = page_texts(path)
    assert WANG in texts[0]
    assert any("Droid" in font["name"] for font in fonts_of(path))
    path = _render(scenario, tmp_path, "wellbeing", staff_id=scenario.ids[XANTHI])
    assert XANTHI in page_texts(path)[0]
    assert not any("Droid" in font["name"] for font in fonts_of(path))


def test_text_wholly_in_the_fallback_font_is_set_in_it(scenario: Scenario, tmp_path: Path) -> None:
    """A paragraph of Chinese alone (a name, a note): in the fallback face, not in boxes."""
    record = supervision.save_session(
        scenario.db,
        supervision.SessionDraft(
            held_on="2026-11-10",
            attendee_ids=[scenario.ids[WANG]],
            supervisor_name="李娜",
            casework="个案讨论",
            actions=[supervision.ActionDraft(text="复习", owner_staff_id=scenario.ids[WANG])],
        ),
        today=TODAY,
    )
    path = _render(scenario, tmp_path, "supervision-record", session_id=record.id)
    text = " ".join(" ".join(page_texts(path)).split())
    assert f"Supervisee {WANG}" in text
    assert "Supervisor 李娜" in text
    assert "Casework and accountability 个案讨论" in text
    assert f"Supervisee {WANG} Signature Date" in text
    assert any("Droid" in font["name"] for font in fonts_of(path))


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        ("caseload", {"team": "Nowhere"}, "There is no team called 'Nowhere'."),
        ("supervision-record", {"session_id": 9999}, "no supervision session with number 9999"),
        ("wellbeing", {"staff_id": 9999}, "There is no person with number 9999."),
        (
            "compliance",
            {"team": "Nowhere", "start": dt.date(2026, 1, 1), "end": dt.date(2026, 2, 1)},
            "There is no team called 'Nowhere'.",
        ),
    ],
)
def test_unknown_things_are_one_line_errors(
    scenario: Scenario, tmp_path: Path, kind: str, options: dict[str, object], message: str
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    with pytest.raises(NotFoundError, match=re.escape(message)):
        render(kind, scenario.db, out=folder / "out.pdf", today=TODAY, **options)
    assert list(folder.iterdir()) == []


def test_a_backwards_period_is_refused(scenario: Scenario, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="must not be before its start"):
        render(
            "compliance",
            scenario.db,
            team="North Recovery Service",
            start=dt.date(2026, 11, 1),
            end=dt.date(2026, 10, 1),
            today=TODAY,
        )


def test_compliance_for_every_team_names_each_persons_team(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = _render(
        scenario, tmp_path, "compliance", all_teams=True, start=dt.date(2026, 9, 1),
        end=dt.date(2026, 11, 30),
    )  # fmt: skip
    text = " ".join(" ".join(page_texts(path)).split())
    assert "All teams" in text and "Team" in text
    assert f"{SIOBHAN} North Recovery Service" in text
    assert "Ffion Evans Adult Social Work East" in text
    assert "66 people in post" in text


def test_reports_for_an_empty_team(scenario: Scenario, tmp_path: Path) -> None:
    from wellbeing_desktop.services import people

    people.save_team(scenario.db, "Nobody Yet")
    path = _render(scenario, tmp_path, "caseload", team="Nobody Yet")
    text = " ".join(" ".join(page_texts(path)).split())
    assert "No one is in post in this team on 26 November 2026." in text
    assert "No caseload records in this period." in text
    # The cases card, not a points card: no one's limit is in points when no one is in post.
    assert "0 / 0 Cases / combined safe limit" in text and "0 / 0 pts" not in text
    path = _render(
        scenario, tmp_path, "compliance", team="Nobody Yet", start=dt.date(2026, 9, 1),
        end=dt.date(2026, 11, 30),
    )  # fmt: skip
    assert "No one in these teams was in post during the period." in page_texts(path)[0]


def test_many_actions_keep_their_numbers_on_one_line(scenario: Scenario, tmp_path: Path) -> None:
    actions = [supervision.ActionDraft(text=f"Task number {n}") for n in range(1, 113)]
    record = supervision.save_session(
        scenario.db,
        supervision.SessionDraft(
            held_on="2026-11-10", attendee_ids=[scenario.ids[LUKASZ]], actions=actions
        ),
        today=TODAY,
    )
    path = _render(scenario, tmp_path, "supervision-record", session_id=record.id)
    layout = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    rows = re.findall(r"^\s*(\d+)\s+Task number (\d+)\b", layout, flags=re.MULTILINE)
    assert len(rows) == 112
    assert all(number == task for number, task in rows)  # each number whole, on its row
