"""The command line's passphrases, and the `db` actions for backups and encryption.

A passphrase never comes from an argument (it would sit in the shell history and
the process list): it comes from the environment variable named by
``--passphrase-env NAME``, from the key remembered in the OS credential store, or
from the terminal, asked without echo. An unencrypted database is opened without
asking.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from wellbeing_desktop.errors import WellbeingError

ATTEMPTS_AT_TERMINAL = 3


class PassphraseSourceError(WellbeingError):
    exit_code = 2


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-env",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="read the database passphrase from the environment variable NAME (without it, "
        "an encrypted database asks on the terminal)",
    )


def add_db_commands(db_commands: Any, database: argparse.ArgumentParser) -> None:
    restore = db_commands.add_parser(
        "restore", parents=[database], help="replace the database with a backup (keeps a copy)"
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    db_commands.add_parser("backups", parents=[database], help="list the database's backups")
    db_commands.add_parser(
        "encrypt", parents=[database], help="encrypt an unencrypted database with a passphrase"
    )
    change = db_commands.add_parser(
        "change-passphrase", parents=[database], help="change an encrypted database's passphrase"
    )
    change.add_argument(
        "--new-passphrase-env",
        metavar="NAME",
        default=None,
        help="read the new passphrase from the environment variable NAME",
    )


# -- where a passphrase comes from -------------------------------------------------------------


def _from_env(name: str | None) -> str | None:
    if name is None:
        return None
    value = os.environ.get(name)
    if value is None:
        raise PassphraseSourceError(f"The environment variable {name} is not set.")
    if not value:
        raise PassphraseSourceError(f"The environment variable {name} is empty.")
    return value


def passphrase_from_environment(args: argparse.Namespace) -> str | None:
    """The passphrase in the environment variable named by ``--passphrase-env``, or None
    when the option was not given (the desktop app then asks in a dialog)."""
    return _from_env(getattr(args, "passphrase_env", None))


def _can_ask() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _ask(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise PassphraseSourceError("No passphrase was entered.") from None


def _needs_one(path: Path) -> PassphraseSourceError:
    error = PassphraseSourceError(
        f"{path.name} is encrypted: give its passphrase with --passphrase-env NAME (an "
        "environment variable holding it), or run this in a terminal to be asked."
    )
    error.exit_code = 3
    return error


def new_passphrase(env_name: str | None) -> str:
    """A new passphrase: from the environment, or typed twice at the terminal."""
    from wellbeing_desktop.services.encryption import check_new_passphrase, passphrase_strength

    passphrase = _from_env(env_name)
    if passphrase is not None:
        check_new_passphrase(passphrase)
        return passphrase
    if not _can_ask():
        raise PassphraseSourceError(
            "A new passphrase is needed: give it with --passphrase-env NAME, or run this in a "
            "terminal to be asked."
        )
    passphrase = _ask("New passphrase: ")
    print(f"Strength: {passphrase_strength(passphrase).label}", file=sys.stderr)
    check_new_passphrase(passphrase, _ask("The same passphrase again: "))
    return passphrase


def secret_for(args: argparse.Namespace, *files: Path | None) -> dict[str, Any]:
    """``passphrase``/``key`` arguments for opening the first encrypted file of ``files``;
    empty when none is encrypted (nothing is asked for an unencrypted database)."""
    from wellbeing_desktop.storage import encryption

    encrypted = [f for f in files if f is not None and encryption.is_encrypted(f)]
    if not encrypted:
        return {}
    passphrase = _from_env(getattr(args, "passphrase_env", None))
    if passphrase is not None:
        return {"passphrase": passphrase}
    from wellbeing_desktop.services.encryption import remembered_key

    key = remembered_key(encrypted[0])
    if key is not None and key.salt == encryption.read_salt(encrypted[0]):
        return {"key": key}
    if not _can_ask():
        raise _needs_one(encrypted[0])
    return {"passphrase": _ask(f"Passphrase for {encrypted[0].name}: "), "asked": True}


def open_for(args: argparse.Namespace, target: str | None, *, create: bool = False) -> Any:
    """``open_app_database`` with the passphrase from wherever it comes, asking again at
    the terminal (up to three times) when it is wrong."""
    from wellbeing_desktop.services.setup import open_app_database
    from wellbeing_desktop.storage.database import database_path_of
    from wellbeing_desktop.storage.encryption import WrongPassphraseError

    path = database_path_of(target)
    secret = secret_for(args, path)
    for attempt in range(1, ATTEMPTS_AT_TERMINAL + 1):
        asked = secret.pop("asked", False)
        try:
            return open_app_database(target, create=create, **secret)
        except WrongPassphraseError:
            if not (asked or "key" in secret) or attempt == ATTEMPTS_AT_TERMINAL or not _can_ask():
                raise
            print("That passphrase does not open it. Try again.", file=sys.stderr)
            assert path is not None
            secret = {"passphrase": _ask(f"Passphrase for {path.name}: ")}
    raise AssertionError("unreachable")


def key_for(args: argparse.Namespace, target: str | Path | None) -> Any:
    """The checked key of an encrypted local database, or None (plain, or PostgreSQL)."""
    from wellbeing_desktop.services.encryption import key_for_database
    from wellbeing_desktop.storage.database import database_path_of

    path = database_path_of(target)
    if path is None or not path.exists():
        return None
    secret = secret_for(args, path)
    secret.pop("asked", None)
    return key_for_database(path, **secret)


# -- the db actions ---------------------------------------------------------------------------


def cmd_backup(args: argparse.Namespace, target: str | None) -> int:
    from wellbeing_desktop.services.backups import make_backup
    from wellbeing_desktop.storage.database import open_database

    db = open_database(target, create=False, upgrade=False, key=key_for(args, target))
    try:
        out = args.out.expanduser().resolve() if args.out is not None else None
        made = make_backup(db, out=out)
    finally:
        db.close()
    print(f"Backed up {db.label} to {made}" + (" (encrypted)" if db.encrypted else ""))
    return 0


def _local(target: str | None) -> Path:
    from wellbeing_desktop.storage.database import database_path_of

    path = database_path_of(target)
    if path is None:
        raise WellbeingError(
            "This works on a local database file; PostgreSQL has the server's own tools."
        )
    return path


def cmd_backups(_args: argparse.Namespace, target: str | None) -> int:
    from wellbeing_desktop.services.backups import backup_folder, list_backups

    path = _local(target)
    found = list_backups(path)
    print(f"Backups of {path.name} in {backup_folder(path)}: {len(found)}")
    for info in found:
        kind = "automatic" if info.automatic else "manual"
        print(f"{info.made_at:%d/%m/%Y %H:%M:%S}  {kind:<9}  {info.size:>10} bytes  {info.path}")
    return 0


def cmd_restore(args: argparse.Namespace, target: str | None) -> int:
    from wellbeing_desktop.services.backups import restore_backup

    path = _local(target)
    backup = args.file.expanduser().resolve()
    secret = secret_for(args, backup, path)
    secret.pop("asked", None)
    outcome = restore_backup(path, backup, **secret)
    print(f"Restored {path.name} from {backup}.")
    if outcome.kept is not None:
        print(f"What it replaced is kept as {outcome.kept}.")
    return 0


def cmd_encrypt(args: argparse.Namespace, target: str | None) -> int:
    from wellbeing_desktop.services.encryption import encrypt_database

    path = _local(target)
    result = encrypt_database(path, new_passphrase(getattr(args, "passphrase_env", None)))
    print(f"Encrypted {path.name}; {result.backups_converted} backup(s) encrypted too.")
    for left in result.backups_not_converted:
        print(f"Not encrypted (unreadable, remove it yourself): {left}")
    return 0 if not result.backups_not_converted else 1


def cmd_change_passphrase(args: argparse.Namespace, target: str | None) -> int:
    from wellbeing_desktop.services.encryption import change_passphrase

    path = _local(target)
    old = key_for(args, path)
    if old is None:
        raise WellbeingError(f"{path.name} is not encrypted: use 'db encrypt' instead.")
    result = change_passphrase(path, None, new_passphrase(args.new_passphrase_env), old_key=old)
    print(f"Changed the passphrase of {path.name}; {result.backups_converted} backup(s) too.")
    for left in result.backups_not_converted:
        print(f"Still under the old passphrase (unreadable, remove it yourself): {left}")
    return 0 if not result.backups_not_converted else 1


DB_HANDLERS = {
    "backups": cmd_backups,
    "restore": cmd_restore,
    "encrypt": cmd_encrypt,
    "change-passphrase": cmd_change_passphrase,
}
