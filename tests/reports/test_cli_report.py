"""``wellbeing-desktop report``: files written, one-line errors, exit codes."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
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


# ---- where the file goes: links, things that are not files, permissions ---------------


def _report(capsys: pytest.CaptureFixture[str], url: str, out: Path) -> tuple[int, str, str]:
    return run(
        capsys, "report", "caseload", "--team", "North Recovery Service", "--database", url,
        "--out", str(out), "--today", TODAY,
    )  # fmt: skip


def test_a_link_named_by_out_stays_and_its_file_is_written(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.pdf"
    real.write_bytes(b"last month's report")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    code, stdout, stderr = _report(capsys, url, link)
    assert (code, stderr) == (0, "")
    assert stdout == f"Report written to {link}\n"
    assert link.is_symlink() and link.resolve() == real
    assert SIOBHAN in " ".join(page_texts(real))
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == [
        "link.pdf",
        "real.pdf",
    ]


def test_a_fifo_named_by_out_is_refused_before_drawing(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "out" / "pipe.pdf"
    fifo.parent.mkdir()
    os.mkfifo(fifo)  # never opened: opening it to write would wait for a reader
    code, stdout, stderr = _report(capsys, url, fifo)
    assert (code, stdout) == (5, "")
    assert stderr == f"wellbeing-desktop: Cannot write to {fifo}: it is not a regular file.\n"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in fifo.parent.iterdir()] == ["pipe.pdf"]


def test_a_device_named_by_out_is_refused_before_drawing(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # /dev/null only as a check: refused before anything is drawn or written.
    before = os.stat("/dev/null")
    code, stdout, stderr = _report(capsys, url, Path("/dev/null"))
    assert (code, stdout) == (5, "")
    assert stderr == "wellbeing-desktop: Cannot write to /dev/null: it is not a regular file.\n"
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_report_written_over_a_shared_file_keeps_its_permissions(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "team.pdf"
    shared.write_bytes(b"last month's report")
    shared.chmod(0o644)
    assert _report(capsys, url, shared)[0] == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    new = tmp_path / "new.pdf"
    assert _report(capsys, url, new)[0] == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o600  # personal data: the owner's only


# ---- several teams --------------------------------------------------------------------


def test_repeated_team_reports_those_teams_together(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    both = ["--team", "North Recovery Service", "--team", "adult social work east"]
    period = ["--from", "2026-09-01", "--to", "2026-11-30"]
    for kind, extra in (("caseload", []), ("compliance", period)):
        out = tmp_path / f"{kind}.pdf"
        code, _stdout, stderr = run(
            capsys, "report", kind, *both, *extra, "--database", url, "--out", str(out),
            "--today", TODAY,
        )  # fmt: skip
        assert (code, stderr) == (0, ""), kind
        text = " ".join(page_texts(out))
        assert SIOBHAN in text and "Ffion Evans" in text, kind  # one from each team
        assert "Large Team" not in text, kind
    one = tmp_path / "one.pdf"
    assert _report(capsys, url, one)[0] == 0
    assert "Ffion Evans" not in " ".join(page_texts(one))


def test_repeated_team_is_refused_where_a_report_takes_one(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "training.pdf"
    code, stdout, stderr = run(
        capsys, "report", "training", "--team", "North Recovery Service", "--team",
        "Adult Social Work East", "--database", url, "--out", str(out), "--today", TODAY,
    )  # fmt: skip
    assert (code, stdout) == (2, "")
    assert stderr.startswith("wellbeing-desktop: report training takes one --team, or --all")
    assert stderr.count("\n") == 1
    assert not out.exists()


# ---- stopped by SIGTERM ---------------------------------------------------------------


def test_sigterm_leaves_no_temporary_file(scenario: Scenario, url: str, tmp_path: Path) -> None:
    """Stopped while its temporary file (the whole report) is beside the target, the
    command removes it. A write lock held here keeps the command in that state (its
    audit entry waits for the lock), so the signal arrives there every time."""
    if scenario.db.url.get_backend_name() != "sqlite":
        pytest.skip("the lock that holds the command still is SQLite's")
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder / "team.pdf"
    lock = sqlite3.connect(scenario.db.url.database, isolation_level=None)
    try:
        lock.execute("BEGIN IMMEDIATE")  # readers go on; the audit entry waits
        command = [
            sys.executable, "-m", "wellbeing_desktop", "report", "caseload", "--all",
            "--database", url, "--out", str(out), "--today", TODAY,
        ]  # fmt: skip
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 8
            while not any(folder.iterdir()):
                assert process.poll() is None, process.communicate()
                assert time.monotonic() < deadline, "the report never began to be written"
                time.sleep(0.005)
            (partial,) = folder.iterdir()
            assert partial.name.startswith(".team.pdf.") and partial.name.endswith(".partial")
            process.send_signal(signal.SIGTERM)
        finally:
            lock.execute("ROLLBACK")  # the command goes on, and meets its signal
        _stdout, stderr = process.communicate(timeout=10)
    finally:
        lock.close()
    assert list(folder.iterdir()) == []  # no temporary file, and no report
    assert process.returncode == 143
    assert stderr.decode() == "wellbeing-desktop: stopped.\n"
