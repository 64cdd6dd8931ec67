"""storage/files.py: one way to put a file in place, for reports and audited exports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wellbeing_desktop.errors import FileWriteError
from wellbeing_desktop.storage.files import write_in_place


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
