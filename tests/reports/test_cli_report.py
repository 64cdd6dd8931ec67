"""``wellbeing-desktop report``: files written, one-line errors, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reports.conftest import SIOBHAN, Scenario, page_texts, requires_tools
from wellbeing_desktop.cli import main

pytestmark = requires_tools
TODAY = "2026-11-26"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def url(scenario: Scenario) -> str:
    return scenario.db.url.render_as_string(hide_password=False)


def test_each_report_from_the_command_line(
    url: str, scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commands = {
        "team.pdf": ["caseload", "--team", "North Recovery Service"],
        "all.pdf": ["caseload", "--all"],
        "record.pdf": ["supervision-record", "--session", str(scenario.session_id)],
        "compliance.pdf": [
            "compliance",
            "--team",
            "North Recovery Service",
            "--from",
            "2026-09-01",
            "--to",
            "2026-11-30",
        ],
        "wellbeing.pdf": ["wellbeing", "--person", str(scenario.ids[SIOBHAN])],
    }
    for name, arguments in commands.items():
        out = tmp_path / name
        code, stdout, stderr = run(
            capsys, "report", *arguments, "--database", url, "--out", str(out), "--today", TODAY
        )
        assert (code, stderr) == (0, ""), name
        assert stdout == f"Report written to {out}\n"
        assert SIOBHAN in " ".join(page_texts(out))


def test_notes_only_with_include_notes(
    url: str, scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person = str(scenario.ids[SIOBHAN])
    plain, noted = tmp_path / "plain.pdf", tmp_path / "noted.pdf"
    command = ["report", "wellbeing", "--database", url, "--person", person]
    assert run(capsys, *command, "--out", str(plain))[0] == 0
    assert run(capsys, *command, "--out", str(noted), "--include-notes")[0] == 0
    assert "bereavement in the family" not in " ".join(page_texts(plain))
    assert "bereavement in the family" in " ".join(page_texts(noted))


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["caseload", "--team", "Nowhere"], 4, "There is no team called 'Nowhere'."),
        (["supervision-record", "--session", "424242"], 4, "no supervision session with number"),
        (["wellbeing", "--person", "424242"], 4, "There is no person with number 424242."),
        (
            [
                "compliance",
                "--team",
                "North Recovery Service",
                "--from",
                "2026-10-01",
                "--to",
                "2026-09-01",
            ],
            2,
            "The end of the period must not be before its start.",
        ),
        (["caseload"], 2, "one of the arguments --team --all is required"),
        (["wellbeing", "--person", "x"], 2, "'x' is not a whole number"),
    ],
)
def test_errors_are_one_line(
    url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    code: int,
    message: str,
) -> None:
    out = tmp_path / "reports" / "out.pdf"
    out.parent.mkdir()
    result, stdout, stderr = run(capsys, "report", *arguments, "--database", url, "--out", str(out))
    assert result == code
    assert stdout == ""
    assert stderr.startswith("wellbeing-desktop: ") and message in stderr
    assert stderr.count("\n") == 1
    assert list(out.parent.iterdir()) == []


def test_unwritable_output_is_one_line(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "team.pdf"
    code, _stdout, stderr = run(
        capsys, "report", "caseload", "--all", "--database", url, "--out", str(out)
    )
    assert code == 5
    assert stderr == (
        f"wellbeing-desktop: Cannot write team.pdf: the folder {out.parent} does not exist.\n"
    )


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="Linux's /proc takes no new files")
def test_a_folder_that_refuses_the_file_is_one_line(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # /proc exists and is a folder (so it passes the first check), but no file can be
    # made in it, even by root: the write itself fails, after drawing.
    code, stdout, stderr = run(
        capsys, "report", "caseload", "--all", "--database", url, "--out", "/proc/team.pdf"
    )
    assert (code, stdout) == (5, "")
    assert stderr == (
        "wellbeing-desktop: Cannot write team.pdf in the folder /proc: no such file or directory.\n"
    )
