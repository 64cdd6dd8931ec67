"""Writing reports into place: never a half-written PDF, and plain one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.reports.conftest import PRINTED_AT, Scenario
from tests.services.builders import TODAY
from wellbeing_desktop.errors import FileWriteError
from wellbeing_desktop.reports import caseload, render
from wellbeing_desktop.reports.output import ReportWriteError, write_atomically


def test_a_failure_while_drawing_leaves_the_old_file_and_no_partial_one(
    scenario: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "reports" / "report.pdf"
    out.parent.mkdir()
    out.write_bytes(b"the previous report")

    def broken(*_args: object, **_kwargs: object) -> bytes:
        raise RuntimeError("the drawing failed half way")

    monkeypatch.setattr(caseload.template, "build_pdf", broken)
    with pytest.raises(RuntimeError):
        render("caseload", scenario.db, out=out, team="North Recovery Service", today=TODAY)
    assert out.read_bytes() == b"the previous report"
    assert [p.name for p in out.parent.iterdir()] == ["report.pdf"]


def test_a_failure_while_writing_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("wellbeing_desktop.storage.files.os.fsync", full_disk)
    with pytest.raises(FileWriteError) as raised:
        write_atomically(b"%PDF-1.4 ...", folder / "report.pdf")
    # One line naming the file and its folder, as for every write (storage/files.py).
    assert str(raised.value) == (
        f"Cannot write report.pdf in the folder {folder}: no space left on device."
    )
    assert raised.value.exit_code == 5
    assert list(folder.iterdir()) == []


def test_writes_replace_atomically(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "report.pdf"
    out.parent.mkdir()
    out.write_bytes(b"old")
    assert write_atomically(b"new", out) == out
    assert out.read_bytes() == b"new"
    assert [p.name for p in out.parent.iterdir()] == ["report.pdf"]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing/report.pdf", "the folder .* does not exist"),
        ("a-file/report.pdf", "is not a folder"),
        ("a-folder", "that is a folder"),
    ],
)
def test_unwritable_targets_are_refused_before_any_work(
    tmp_path: Path, target: str, message: str
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "a-folder").mkdir()
    with pytest.raises(ReportWriteError, match=message):
        write_atomically(b"%PDF", tmp_path / target)


def test_importing_reports_does_not_import_reportlab() -> None:
    """The GUI imports the reports package at start-up; reportlab must wait until a
    report is actually made."""
    code = (
        "import sys, wellbeing_desktop.reports, wellbeing_desktop.cli; "
        "assert not [m for m in sys.modules if m.startswith('reportlab')], 'reportlab loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_render_can_run_off_the_main_thread(scenario: Scenario) -> None:
    """What the GUI will do: call render() on a worker thread, twice at once."""
    from concurrent.futures import ThreadPoolExecutor

    def make(team: str) -> bytes:
        return render("caseload", scenario.db, team=team, today=TODAY, printed_at=PRINTED_AT)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(make, ["North Recovery Service", "Adult Social Work East"]))
    assert all(data.startswith(b"%PDF-") for data in results)
    import gc

    from wellbeing_desktop import collector

    # Paused while the workers ran; only the main thread turns the collector back on.
    assert not gc.isenabled()
    collector.settle()
    assert gc.isenabled()
