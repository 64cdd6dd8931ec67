"""Fixtures for the security tests: encrypted databases made once and copied.

Deriving a key from a passphrase takes about half a second by design, so a
template database is encrypted once per session and each test works on a copy of
it (a copy keeps the salt, so the same key opens it).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.security.helpers import PASSPHRASE, Scenario, build_scenario
from wellbeing_desktop.storage.encryption import DatabaseKey


@pytest.fixture(autouse=True)
def no_credential_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Never read or write the real credential store of whoever runs the tests (in this
    process, or in the processes the tests start)."""
    import keyring
    from keyring.backends import fail

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@dataclass(frozen=True)
class Template:
    path: Path
    key: DatabaseKey | None
    scenario: Scenario


@pytest.fixture(scope="session")
def encrypted_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """An encrypted app database with a team, two people and a session, closed."""
    path = tmp_path_factory.mktemp("encrypted-template") / "wellbeing.sqlite3"
    key, scenario = build_scenario(path, passphrase=PASSPHRASE)
    assert key is not None
    return Template(path, key, scenario)


@pytest.fixture(scope="session")
def plain_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    path = tmp_path_factory.mktemp("plain-template") / "wellbeing.sqlite3"
    key, scenario = build_scenario(path, passphrase=None)
    assert key is None
    return Template(path, None, scenario)


@dataclass(frozen=True)
class Copy:
    path: Path
    key: DatabaseKey  # None for the plain copy
    scenario: Scenario


def _copy(template: Template, folder: Path) -> Copy:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / template.path.name
    shutil.copy(template.path, path)
    return Copy(path, template.key, template.scenario)  # type: ignore[arg-type]


@pytest.fixture
def encrypted_db(encrypted_template: Template, tmp_path: Path) -> Iterator[Copy]:
    yield _copy(encrypted_template, tmp_path / "encrypted")


@pytest.fixture
def plain_db(plain_template: Template, tmp_path: Path) -> Iterator[Copy]:
    yield _copy(plain_template, tmp_path / "plain")
