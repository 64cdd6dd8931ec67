"""Remember on this computer: the derived key (never the passphrase) in the OS
credential store, used by the app and the command line; and no store, said calmly."""

from __future__ import annotations

import pytest

from tests.keyrings import MemoryKeyring
from tests.security.conftest import Copy
from tests.security.helpers import PASSPHRASE, TEAM
from wellbeing_desktop.cli import main
from wellbeing_desktop.services.encryption import (
    forget_key,
    keyring_available,
    remember_key,
    remembered_key,
)


def test_the_key_is_remembered_not_the_passphrase_and_the_cli_uses_it(
    memory_keyring: MemoryKeyring, encrypted_db: Copy, capsys: pytest.CaptureFixture[str]
) -> None:
    assert keyring_available()[0]
    done, message = remember_key(encrypted_db.path, encrypted_db.key)
    assert done and "remember" in message
    assert remembered_key(encrypted_db.path) is not None
    assert remembered_key(encrypted_db.path).same_as(encrypted_db.key)  # type: ignore[union-attr]
    assert all(PASSPHRASE not in value for value in memory_keyring.secrets.values())

    code = main(["summary", "--all", "--database", str(encrypted_db.path)])
    out, err = capsys.readouterr()
    assert code == 0 and TEAM in out, err

    forget_key(encrypted_db.path)
    assert remembered_key(encrypted_db.path) is None


def test_without_a_credential_store_it_says_so(encrypted_db: Copy) -> None:
    # The autouse fixture selects keyring's "fail" backend: no store at all.
    available, message = keyring_available()
    assert not available and "no credential store" in message
    assert remember_key(encrypted_db.path, encrypted_db.key) == (False, message)
    assert remembered_key(encrypted_db.path) is None
    forget_key(encrypted_db.path)  # nothing to forget: no error either
