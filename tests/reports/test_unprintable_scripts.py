"""Names in scripts no report font has (Devanagari, Hangul, Bengali, Gurmukhi) are
printed as "\ufffd", never as nothing, and the report (and the command line) says so
without naming anyone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reports.conftest import (
    LLYR,
    PRINTED_AT,
    SIOBHAN,
    WANG,
    XANTHI,
    Scenario,
    assert_well_formed,
    page_texts,
    requires_tools,
)
from tests.services.builders import TODAY, add_person
from wellbeing_desktop.cli import main
from wellbeing_desktop.reports import fonts, render
from wellbeing_desktop.reports.template import REPLACEMENT_NOTE
from wellbeing_desktop.services import caseloads, people, supervision

pytestmark = requires_tools

# name -> as printed: one "\ufffd" a character, vowel signs and viramas folded in.
UNPRINTABLE = {
    "प्रिया शर्मा": "\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd",
    "김민준": "\ufffd\ufffd\ufffd",
    "আমিনা বেগম": "\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd",
    "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ": "\ufffd\ufffd\ufffd\ufffd\ufffd \ufffd\ufffd",
}
PRINTABLE = ["Anne Smith", XANTHI, WANG + " 2"]
CASES = {name: 10 + n for n, name in enumerate([*UNPRINTABLE, *PRINTABLE])}


def _flat(texts: list[str]) -> str:
    return " ".join(" ".join(texts).split())


@pytest.fixture
def south(scenario: Scenario) -> dict[str, int]:
    """A team with people named in every script, each with a different caseload."""
    team = people.save_team(scenario.db, "South Team", manager_name="Morag Dunn").id
    ids = {}
    for name, cases in CASES.items():
        ids[name] = add_person(scenario.db, team, name)
        caseloads.record_caseload(
            scenario.db, caseloads.make_entry(ids[name], "2026-11-20", cases, today=TODAY)
        )
    return ids


def _render(scenario: Scenario, out: Path, kind: str, **options: object) -> list[str]:
    render(kind, scenario.db, out=out, today=TODAY, printed_at=PRINTED_AT, **options)
    assert_well_formed(out)
    return page_texts(out)


def test_caseload_rows_show_replacements_and_the_report_says_so(
    scenario: Scenario, south: dict[str, int], tmp_path: Path
) -> None:
    texts = _render(scenario, tmp_path / "south.pdf", "caseload", team="South Team")
    assert fonts.last_report_replaced()
    text = _flat(texts)
    assert REPLACEMENT_NOTE in texts[0] and text.count(REPLACEMENT_NOTE) == 1
    role = "Drug and alcohol keyworker / recovery worker"
    for name, printed in UNPRINTABLE.items():
        assert name not in text
        # The row is there, not blank: the replacement where the name was, then the
        # person's own figures.
        assert f"{printed} {role} 1 {CASES[name]} 40" in text, name
    for name in PRINTABLE:
        assert f"{name} {role} 1 {CASES[name]} 40" in text, name
    # Nothing else came out as a replacement: only the four names and the note.
    assert text.count("\ufffd") == sum(p.count("\ufffd") for p in UNPRINTABLE.values()) + 1
    assert "Total: 7 people" in text


def test_a_report_without_such_names_has_no_note(scenario: Scenario, tmp_path: Path) -> None:
    """Irish, Welsh, Greek and Chinese all print: no note, even after a report that had one."""
    team = people.save_team(scenario.db, "Elsewhere", manager_name="김민준").id
    add_person(scenario.db, team, "আমিনা বেগম")
    _render(scenario, tmp_path / "before.pdf", "caseload", team="Elsewhere")
    assert fonts.last_report_replaced()
    texts = _render(scenario, tmp_path / "north.pdf", "caseload", team="North Recovery Service")
    assert not fonts.last_report_replaced()
    text = _flat(texts)
    assert "\ufffd" not in text and "cannot show" not in text
    for name in (SIOBHAN, LLYR, XANTHI, WANG):
        assert name in text


def test_wellbeing_summary_and_supervision_record(
    scenario: Scenario, south: dict[str, int], tmp_path: Path
) -> None:
    name = "प्रिया शर्मा"
    texts = _render(scenario, tmp_path / "wellbeing.pdf", "wellbeing", staff_id=south[name])
    text = _flat(texts)
    assert REPLACEMENT_NOTE in texts[0]
    assert UNPRINTABLE[name] in text and name not in text

    record = supervision.save_session(
        scenario.db,
        supervision.SessionDraft(
            held_on="2026-11-10",
            attendee_ids=[south["김민준"]],
            supervisor_name="ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ",
            casework="Reviewed cases with আমিনা বেগম.",
        ),
        today=TODAY,
    )
    out = tmp_path / "record.pdf"
    texts = _render(scenario, out, "supervision-record", session_id=record.id)
    text = _flat(texts)
    assert REPLACEMENT_NOTE in texts[0]
    assert f"Supervisee {UNPRINTABLE['김민준']}" in text
    assert f"Supervisor {UNPRINTABLE['ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ']}" in text
    assert f"Reviewed cases with {UNPRINTABLE['আমিনা বেগম']}." in text


def test_the_command_line_warns_without_naming_anyone(
    scenario: Scenario, south: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = scenario.db.url.render_as_string(hide_password=False)
    common = ["--database", url, "--today", "2026-11-26"]
    for team, warned in (("South Team", True), ("North Recovery Service", False)):
        out = tmp_path / f"{team}.pdf"
        code = main(["report", "caseload", "--team", team, "--out", str(out), *common])
        _stdout, stderr = capsys.readouterr()
        assert code == 0
        if warned:
            assert stderr == (
                "wellbeing-desktop: warning: some characters could not be printed in the "
                "report's fonts and are shown as \ufffd\n"
            )
        else:
            assert stderr == ""


def test_widths_paragraphs_and_cells_agree() -> None:
    fonts.register_fonts()
    for name, printed in UNPRINTABLE.items():
        assert fonts.markup(name) == printed
        assert fonts.runs(name, fonts.BOLD) == ((fonts.BOLD, printed),)
        assert fonts.string_width(name, fonts.REGULAR, 10) == fonts.string_width(
            printed, fonts.REGULAR, 10
        )
    fonts.forget_replaced()
    assert fonts.markup("Wang 王芳 & Ξανθή") == (
        f'Wang <font name="{fonts.FALLBACK}">王芳</font> &amp; Ξανθή'
    )
    assert not fonts.replaced()
    assert fonts.markup("Wang 김") == "Wang \ufffd"
    assert fonts.replaced()
