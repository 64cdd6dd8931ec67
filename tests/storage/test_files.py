"""storage/files.py: one way to put a file in place, for reports and audited exports."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from wellbeing_desktop.errors import FileWriteError
from wellbeing_desktop.storage.files import writable_target, write_in_place


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "out"
    made.mkdir()
    return made


def test_the_hook_runs_after_writing_and_before_the_file_appears(folder: Path) -> None:
    out = folder / "export.xlsx"
    out.write_bytes(b"old")
    seen: list[tuple[bytes, list[str]]] = []

    def hook() -> None:
        (partial,) = [p for p in folder.iterdir() if p.name.endswith(".partial")]
        seen.append((out.read_bytes(), [partial.name, partial.read_text()]))

    assert write_in_place(out, lambda part: part.write_text("new"), before_replace=hook) == out
    ((before, (partial_name, partial_text)),) = seen
    assert before == b"old" and partial_text == "new"  # written in full, not yet in place
    assert partial_name.startswith(".export.xlsx.")
    assert out.read_text() == "new"
    assert [p.name for p in folder.iterdir()] == ["export.xlsx"]


def test_a_failing_hook_leaves_the_old_file_and_no_partial_one(folder: Path) -> None:
    out = folder / "export.xlsx"
    out.write_bytes(b"old")

    def hook() -> None:
        raise RuntimeError("the audit entry could not be recorded")

    with pytest.raises(RuntimeError):
        write_in_place(out, lambda part: part.write_text("new"), before_replace=hook)
    assert out.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["export.xlsx"]


def test_a_refused_write_is_one_line_naming_the_file_and_its_folder(folder: Path) -> None:
    def full_disk(part: Path) -> None:
        part.write_bytes(b"half")
        raise OSError(28, os.strerror(28))

    with pytest.raises(FileWriteError) as raised:
        write_in_place(folder / "team.pdf", full_disk)
    assert str(raised.value) == (
        f"Cannot write team.pdf in the folder {folder}: no space left on device."
    )
    assert raised.value.exit_code == 5
    assert list(folder.iterdir()) == []


def test_a_relative_path_names_its_folder_in_full(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    (folder / "team.pdf").mkdir()  # the rename onto a folder fails
    with pytest.raises(FileWriteError) as raised:
        write_in_place("team.pdf", lambda part: part.write_bytes(b"%PDF"))
    assert str(raised.value).startswith(f"Cannot write team.pdf in the folder {folder}: ")
    assert "\n" not in str(raised.value)
    assert [p.name for p in folder.iterdir()] == ["team.pdf"]


def test_a_symbolic_link_stays_and_the_file_it_points_to_is_written(folder: Path) -> None:
    real = folder / "real.pdf"
    real.write_bytes(b"old")
    link = folder / "link.pdf"
    link.symlink_to(real.name)
    assert write_in_place(link, lambda part: part.write_bytes(b"new")) == link
    assert link.is_symlink() and os.readlink(link) == "real.pdf"
    assert real.read_bytes() == b"new"
    assert sorted(p.name for p in folder.iterdir()) == ["link.pdf", "real.pdf"]


def test_a_link_to_a_file_not_made_yet_makes_it(folder: Path) -> None:
    link = folder / "link.pdf"
    link.symlink_to("new.pdf")
    write_in_place(link, lambda part: part.write_bytes(b"new"))
    assert link.is_symlink() and (folder / "new.pdf").read_bytes() == b"new"


def test_a_fifo_is_refused_without_opening_it(folder: Path) -> None:
    fifo = folder / "pipe.pdf"
    os.mkfifo(fifo)
    written: list[Path] = []
    with pytest.raises(FileWriteError) as raised:  # opening it to write would block
        write_in_place(fifo, written.append)
    assert str(raised.value) == f"Cannot write to {fifo}: it is not a regular file."
    assert raised.value.exit_code == 5
    assert written == []  # refused before anything was made
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in folder.iterdir()] == ["pipe.pdf"]


def test_a_device_is_refused_when_checked() -> None:
    # /dev/null is only checked here, never written to.
    with pytest.raises(FileWriteError) as raised:
        writable_target("/dev/null")
    assert str(raised.value) == "Cannot write to /dev/null: it is not a regular file."


def test_a_link_to_a_fifo_is_refused(folder: Path) -> None:
    os.mkfifo(folder / "pipe")
    (folder / "link.pdf").symlink_to("pipe")
    with pytest.raises(FileWriteError, match="it is not a regular file"):
        write_in_place(folder / "link.pdf", lambda part: part.write_bytes(b"new"))
    assert sorted(p.name for p in folder.iterdir()) == ["link.pdf", "pipe"]


def test_an_existing_file_keeps_its_permission_bits(folder: Path) -> None:
    shared = folder / "team.pdf"
    shared.write_bytes(b"old")
    shared.chmod(0o644)  # colleagues in a shared folder read it
    write_in_place(shared, lambda part: part.write_bytes(b"new"))
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    odd = folder / "odd.pdf"
    odd.write_bytes(b"old")
    odd.chmod(0o640)
    write_in_place(odd, lambda part: part.write_bytes(b"new"))
    assert stat.S_IMODE(odd.stat().st_mode) == 0o640


def test_a_new_file_is_its_owners_only(folder: Path) -> None:
    new = folder / "team.pdf"
    write_in_place(new, lambda part: part.write_bytes(b"new"))
    assert stat.S_IMODE(new.stat().st_mode) == 0o600  # it holds personal data
