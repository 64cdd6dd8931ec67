"""Opening a database: the engine, its pragmas, and the checks made before any write.

``open_database`` is the one way in. It accepts a file path or any SQLAlchemy URL
(SQLite by default, PostgreSQL for shared deployments), refuses damaged, foreign
and newer databases with a clear message while they are still untouched, and
brings an older schema up to date, keeping a backup of an SQLite file first.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, exc, inspect, make_url, text

from wellbeing_desktop import paths
from wellbeing_desktop.errors import (
    DatabaseError,
    DatabaseNotFoundError,
    DatabaseUnreachableError,
    NewerSchemaError,
    NotADatabaseError,
)
from wellbeing_desktop.storage import encryption, sqlite_file
from wellbeing_desktop.storage.encryption import DatabaseKey
from wellbeing_desktop.storage.schema import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


def resolve_url(target: str | Path | None) -> URL:
    """A URL for a path, a URL string, or the default local database."""
    if target is None or target == "":
        return make_url(f"sqlite:///{paths.default_database_path()}")
    if "\x00" in str(target):
        raise DatabaseError("The database location contains a character no file name can hold.")
    if isinstance(target, Path) or "://" not in str(target):
        return make_url(f"sqlite:///{Path(target).expanduser().resolve()}")
    try:
        url = make_url(str(target))
    except (exc.ArgumentError, ValueError):
        # Not echoed: a mistyped URL may still hold a password.
        raise DatabaseError(
            "The database address is not a valid URL or file path: check its spelling "
            "(for example postgresql://user@host:5432/database)."
        ) from None
    backend = url.get_backend_name()
    if backend in {"postgresql", "postgres"}:
        # psycopg is the one PostgreSQL driver shipped with the app, whatever the URL names.
        return url.set(drivername="postgresql+psycopg")
    if backend != "sqlite":
        raise DatabaseError(
            f"Database type '{backend}' is not supported: use a file path, "
            "an sqlite:/// URL or a postgresql:// URL."
        )
    if url.get_driver_name() != "pysqlite":
        raise DatabaseError(
            f"The SQLite driver '{url.get_driver_name()}' is not supported: use an sqlite:/// URL."
        )
    return url


def describe(url: URL) -> str:
    """A label for messages: the file name or host/database, never a password."""
    if url.get_backend_name() == "sqlite":
        return Path(url.database or "").name or "in-memory database"
    return f"{url.database} on {url.host or 'localhost'}"


def sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def database_path_of(target: str | Path | None) -> Path | None:
    """The SQLite file a target names, or None for PostgreSQL."""
    return sqlite_path(resolve_url(target))


def _sqlite_pragmas(busy_timeout_ms: int) -> Callable[[Any, Any], None]:
    def set_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL makes every commit durable in WAL mode too: a reported save survives power loss.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    return set_pragmas


def _sqlcipher_key(key: DatabaseKey) -> Callable[[Any, Any], None]:
    def set_key(dbapi_connection: Any, _record: Any) -> None:
        encryption.apply_key(dbapi_connection, key)
        # Decrypted pages stay in this connection's cache, so a page read again is not
        # decrypted again (SQLCipher's default cache is 8 MB; this grows only as used).
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA cache_size = -{encryption.PAGE_CACHE_KIB}")
        cursor.close()

    return set_key


def load_sqlite_dialect() -> None:
    """Import SQLAlchemy's SQLite dialect now rather than at the first ``make_engine``
    (the desktop app does it before Qt: see ui/app.py)."""
    import sqlalchemy.dialects.sqlite  # noqa: F401


def make_engine(
    url: URL, busy_timeout_ms: int = BUSY_TIMEOUT_MS, key: DatabaseKey | None = None
) -> Engine:
    """An engine; ``key`` makes an SQLite one use SQLCipher (see storage/encryption.py)."""
    if url.get_backend_name() == "sqlite":
        connect_args = {"timeout": busy_timeout_ms / 1000}
        if key is None:
            engine = create_engine(url, connect_args=connect_args)
        else:
            engine = create_engine(url, module=encryption.sqlcipher(), connect_args=connect_args)
            # First of all the connect hooks: SQLAlchemy's own first queries need the key.
            event.listen(engine, "connect", _sqlcipher_key(key), insert=True)
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        return engine
    return create_engine(
        url,
        connect_args={"connect_timeout": 5, "application_name": "wellbeing-desktop"},
        pool_pre_ping=True,
    )


def translate_error(error: BaseException, url: URL) -> DatabaseError:
    """Turn a driver error into one clear sentence (no SQL, no data)."""
    label = describe(url)
    if url.get_backend_name() == "sqlite":
        return sqlite_file.translate_sqlite_error(getattr(error, "orig", error), label)
    original = str(getattr(error, "orig", error)).lower()
    if isinstance(error, exc.OperationalError) and (
        "connection" in original
        or "could not" in original
        or "timeout" in original
        or "resolve" in original
        or "password" in original
    ):
        if "password" in original or "authentication" in original:
            return DatabaseUnreachableError(
                f"The PostgreSQL server for {label} refused the login: check the user name "
                "and password."
            )
        return DatabaseUnreachableError(
            f"The PostgreSQL server for {label} cannot be reached: check the server address "
            "and that it is running."
        )
    if "does not exist" in original and "database" in original:
        return DatabaseUnreachableError(f"The PostgreSQL database {label} does not exist.")
    return DatabaseError(f"The database {label} could not be used ({type(error).__name__}).")


@dataclass
class Database:
    """An open, up-to-date database. Use one short session per operation."""

    url: URL
    engine: Engine
    # The SQLCipher key of an encrypted SQLite file (backups are written with it); None if plain.
    key: DatabaseKey | None = field(default=None, repr=False)
    _sessions: sessionmaker[Session] | None = field(default=None, init=False, repr=False)
    _sessions_lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    @property
    def sessions(self) -> sessionmaker[Session]:
        """The ORM's sessions, made on first use: the ORM and the models are imported
        only then, so opening a database and showing the dashboard (Core reads, see
        ``connection``) never pay for them."""
        if self._sessions is None:
            with self._sessions_lock:
                if self._sessions is None:
                    self._sessions = _audited_sessions(self.engine)
        return self._sessions

    @sessions.setter
    def sessions(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @property
    def label(self) -> str:
        return describe(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        try:
            with self.sessions.begin() as session:
                yield session
        except exc.IntegrityError:
            raise
        except (exc.OperationalError, exc.DatabaseError) as error:
            raise translate_error(error, self.url) from None

    @contextlib.contextmanager
    def connection(self) -> Iterator[Connection]:
        """A Core connection in one transaction, for reads that need no ORM (the
        dashboard's): committed on success, rolled back on error."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except exc.IntegrityError:
            raise
        except (exc.OperationalError, exc.DatabaseError) as error:
            raise translate_error(error, self.url) from None

    def close(self) -> None:
        self.engine.dispose()


def _audited_sessions(engine: Engine) -> sessionmaker[Session]:
    from sqlalchemy.orm import sessionmaker

    from wellbeing_desktop.storage.audit import AuditedSession

    # Every change made through these sessions writes its audit entry (storage/audit.py).
    return sessionmaker(engine, class_=AuditedSession, expire_on_commit=False)


def _revision_of(engine: Engine) -> tuple[bool, str | None]:
    """(has any of our tables or others, alembic revision) for a live engine."""
    with engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
        revision = None
        if "alembic_version" in names:
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
            revision = row[0] if row else None
    return bool(names), revision


def _check_revision(revision: str | None, has_tables: bool, label: str) -> None:
    if revision is None and has_tables:
        raise NotADatabaseError(
            f"{label} holds another program's data, not a Wellbeing Desktop database."
        )
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerSchemaError(
            f"{label} was saved by a newer version of Wellbeing Desktop. Install the newer "
            "version to open it; this version has left it unchanged."
        )


def open_database(
    target: str | Path | URL | None = None,
    *,
    create: bool = True,
    upgrade: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    passphrase: str | None = None,
    key: DatabaseKey | None = None,
) -> Database:
    """Open (and if needed create or upgrade) a Wellbeing Desktop database.

    Raises a ``DatabaseError`` subclass with a message for the user when the
    database cannot be used; the file is left as it was. ``busy_timeout_ms`` is
    how long an SQLite file waits for another program's write before giving up.

    An encrypted SQLite file needs its ``passphrase`` (or the ``key`` derived from
    it: ``Database.key``); a new file is made encrypted when either is given. A
    plain file opens without one. PostgreSQL ignores both.
    """
    url = target if isinstance(target, URL) else resolve_url(target)
    path = sqlite_path(url)
    label = describe(url)
    found: tuple[bool, str | None] | None = None  # (has tables, revision), once read
    if path is None:
        key = None
    else:
        key = encryption.key_for_file(path, passphrase=passphrase, key=key)
        if path.exists():
            state = sqlite_file.inspect(path, timeout=busy_timeout_ms / 1000, key=key)
            _check_revision(state.revision, not state.empty, str(path))
            found = (not state.empty, state.revision)
        elif not create:
            raise DatabaseNotFoundError(f"There is no database at {path}.")
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseError(
                    f"The folder for {path.name} could not be made ({error.strerror})."
                ) from None
    engine = make_engine(url, busy_timeout_ms, key)
    try:
        # An existing file was read just now; the engine asks a new file or a server.
        has_tables, revision = found if found is not None else _revision_of(engine)
        _check_revision(revision, has_tables, label)
        if revision != HEAD_REVISION:
            if not upgrade:
                raise DatabaseError(
                    f"{label} needs upgrading before use: run 'wellbeing-desktop db upgrade'."
                )
            from wellbeing_desktop.storage.migrate import upgrade_to_head

            if key is not None and path is not None and revision is not None:
                _backup_encrypted_before_upgrade(path, key)
            upgrade_to_head(engine, url, had_data=revision is not None and key is None)
    except DatabaseError:
        engine.dispose()
        raise
    except (exc.OperationalError, exc.DatabaseError, exc.InterfaceError) as error:
        engine.dispose()
        raise translate_error(error, url) from None
    return Database(url=url, engine=engine, key=key)


def _backup_encrypted_before_upgrade(path: Path, key: DatabaseKey) -> None:
    """migrate.py's backup before upgrading, for an encrypted file: encrypted the same way."""
    import datetime as dt

    from wellbeing_desktop.storage.backup import backup_sqlite

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup_sqlite(
        path, path.with_name(f"{path.stem}.before-upgrade-{stamp}{path.suffix or '.sqlite3'}"), key
    )
