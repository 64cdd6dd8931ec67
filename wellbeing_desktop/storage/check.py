"""`db check`: is the database whole, and is its schema the one this app expects?"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import URL, inspect, text

from wellbeing_desktop.errors import DatabaseError
from wellbeing_desktop.storage import encryption, sqlite_file
from wellbeing_desktop.storage.audit import check_chain
from wellbeing_desktop.storage.database import (
    describe,
    make_engine,
    resolve_url,
    sqlite_path,
    translate_error,
)
from wellbeing_desktop.storage.schema import HEAD_REVISION, KNOWN_REVISIONS


@dataclass(frozen=True)
class CheckReport:
    label: str
    revision: str | None
    head: str
    problems: tuple[str, ...] = field(default=())

    @property
    def up_to_date(self) -> bool:
        return self.revision == self.head

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(
    target: str | URL | None, key: encryption.DatabaseKey | None = None
) -> CheckReport:
    """Integrity and migration state, read without changing anything.

    ``key`` opens an encrypted SQLite file (see ``storage.encryption.key_for_file``).
    """
    url = target if isinstance(target, URL) else resolve_url(target)
    path = sqlite_path(url)
    label = describe(url)
    if path is not None:
        if not path.exists():
            raise DatabaseError(f"There is no database at {path}.")
        key = key if encryption.is_encrypted(path) else None
        state = sqlite_file.inspect(path, key=key)
        problems: list[str] = []
        if state.empty:
            return CheckReport(label, None, HEAD_REVISION, ("The database is empty.",))
        if state.revision is None:
            raise DatabaseError(f"{path} is not a Wellbeing Desktop database.")
        try:
            uri = sqlite_file.read_only_uri(path, encrypted=key is not None)
            connection = encryption.connect(uri, key, uri=True, timeout=5)
            try:
                rows = [r[0] for r in connection.execute("PRAGMA integrity_check")]
                fk = connection.execute("PRAGMA foreign_key_check").fetchall()
                chain = (
                    check_chain(connection.execute)
                    if rows == ["ok"]
                    and "audit_entry" in state.tables
                    and state.revision in KNOWN_REVISIONS
                    else None
                )
            finally:
                connection.close()
        except encryption.driver_errors() as error:
            raise sqlite_file.translate_sqlite_error(error, path.name) from None
        if rows != ["ok"]:
            problems.append(f"Integrity check found {len(rows)} problem(s): the file is damaged.")
        if fk:
            problems.append(f"{len(fk)} record(s) point at records that do not exist.")
        if state.revision not in KNOWN_REVISIONS:
            problems.append("The database was saved by a newer version of Wellbeing Desktop.")
        problems.extend(chain.problems if chain else ())
        return CheckReport(label, state.revision, HEAD_REVISION, tuple(problems))
    engine = make_engine(url)
    try:
        with engine.connect() as live:
            revision = live.execute(text("SELECT version_num FROM alembic_version")).scalar()
            chain = (
                check_chain(lambda sql: live.execute(text(sql)))
                if revision in KNOWN_REVISIONS and inspect(live).has_table("audit_entry")
                else None
            )
    except Exception as error:  # every driver error becomes one sentence
        raise translate_error(error, url) from None
    finally:
        engine.dispose()
    problems = []
    if revision not in KNOWN_REVISIONS:
        problems.append("The database was saved by a newer version of Wellbeing Desktop.")
    problems.extend(chain.problems if chain else ())
    return CheckReport(label, revision, HEAD_REVISION, tuple(problems))
