"""Crash-safe copies of a form's unsaved content.

A form writes what it holds every few seconds to a JSON file in the user's own data
folder (``<data>/autosave``), never anywhere shared: the content is special-category
personal data. The file is removed when the form is saved or its changes discarded;
a file still there when the form next opens is offered back to the user.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wellbeing_desktop import paths

FORMAT_VERSION = 1


def autosave_dir() -> Path:
    return paths.data_dir() / "autosave"


@dataclass(frozen=True)
class Recovered:
    path: Path
    saved_at: dt.datetime
    state: dict[str, Any]


class Autosave:
    """One form's autosave file. ``slot`` names what is being edited, e.g.
    'supervision-new' or 'supervision-12'; each open form writes its own file."""

    def __init__(self, slot: str) -> None:
        self.slot = slot
        self.path = autosave_dir() / f"{slot}--{uuid.uuid4().hex[:12]}.json"

    def write(self, state: dict[str, Any]) -> None:
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            folder.chmod(0o700)
        payload = {
            "version": FORMAT_VERSION,
            "slot": self.slot,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
            "state": state,
        }
        temporary = self.path.with_suffix(".tmp")
        # Readable by the user alone, from the moment it exists.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(payload, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
        self.path.with_suffix(".tmp").unlink(missing_ok=True)

    def adopt(self, recovered: Recovered) -> None:
        """Carry on writing to a recovered file, so it is replaced rather than duplicated."""
        self.discard()
        self.path = recovered.path

    @staticmethod
    def find(slot: str) -> list[Recovered]:
        """Files left for ``slot`` by forms that did not close normally, newest first.
        Unreadable files are skipped (and left alone)."""
        found = []
        folder = autosave_dir()
        if not folder.is_dir():
            return []
        for path in folder.glob(f"{slot}--*.json"):
            try:
                payload = json.loads(path.read_text(encoding="utf-8"))
                saved_at = dt.datetime.fromisoformat(payload["saved_at"])
                state = payload["state"]
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if payload.get("version") == FORMAT_VERSION and isinstance(state, dict):
                found.append(Recovered(path, saved_at, state))
        return sorted(found, key=lambda r: r.saved_at, reverse=True)

    @staticmethod
    def remove(recovered: Recovered) -> None:
        recovered.path.unlink(missing_ok=True)
