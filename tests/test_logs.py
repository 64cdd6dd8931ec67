"""The log file: opened only when something is written, never with personal data."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from wellbeing_desktop import logs


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("WELLBEING_DESKTOP_HOME", str(tmp_path))
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    root.handlers = [h for h in root.handlers if not isinstance(h, logs._LogFile)]
    yield tmp_path
    for handler in root.handlers:
        if handler not in before:
            handler.close()
    root.handlers, root.level = before, level


def test_the_file_is_made_by_the_first_message_not_before(home: Path) -> None:
    logs.setup_logging()
    logs.setup_logging()  # a second call adds nothing
    ours = [h for h in logging.getLogger().handlers if isinstance(h, logs._LogFile)]
    assert len(ours) == 1
    log = home / "logs" / logs.LOG_FILE_NAME
    assert not log.exists()

    logging.getLogger("wellbeing_desktop.test").info("opened %d records", 3)
    ours[0].flush()
    assert "INFO wellbeing_desktop.test: opened 3 records" in log.read_text("utf-8")


def test_an_unexpected_error_is_logged_without_its_message(home: Path) -> None:
    logs.setup_logging()
    try:
        raise ValueError("Siobhan Ní Bhriain's notes")
    except ValueError as error:
        logs.log_unexpected(error)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (home / "logs" / logs.LOG_FILE_NAME).read_text("utf-8")
    assert "builtins.ValueError" in text
    assert "test_logs.py" in text
    assert "Siobhan" not in text


def test_a_log_folder_that_cannot_be_made_drops_messages_quietly(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (home / "logs").write_text("a file where the folder should be", "utf-8")
    logs.setup_logging()
    logging.getLogger("wellbeing_desktop.test").warning("nothing to see")  # no exception
    assert (home / "logs").read_text("utf-8") == "a file where the folder should be"
