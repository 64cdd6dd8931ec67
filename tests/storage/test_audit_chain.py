"""The audit chain's Core-only side: its table descriptions match the models, and
recording an event needs no ORM (so the command line's reports do not pay for it)."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import Table

from wellbeing_desktop.storage import audit, audit_chain, models


def _columns(table: object) -> dict[str, type]:
    return {column.name: type(column.type) for column in table.c}  # type: ignore[attr-defined]


def test_the_light_tables_match_the_models() -> None:
    for light, model in (
        (audit_chain._ENTRIES, models.AuditEntry.__table__),
        (audit_chain._HEAD, models.AuditChainHead.__table__),
    ):
        assert isinstance(model, Table)
        assert light.name == model.name
        described = _columns(light)
        real = _columns(model)
        assert described.items() <= real.items(), set(described.items()) - set(real.items())
    entries = models.AuditEntry.__table__
    # Every column an entry is written with is described (only the id is left to the database).
    assert set(_columns(audit_chain._ENTRIES)) == set(_columns(entries)) - {"id"}
    stamp = entries.c.at.type
    assert stamp.timezone == audit_chain._ENTRIES.c.at.type.timezone  # type: ignore[attr-defined]


def test_storage_audit_offers_the_same_chain() -> None:
    for name in ("append", "Change", "check_chain", "entry_hash", "os_user", "lock_chain"):
        assert getattr(audit, name) is getattr(audit_chain, name)


def test_recording_an_event_imports_no_orm(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "events.sqlite3"
    from wellbeing_desktop.services.setup import open_app_database

    open_app_database(path).close()
    code = (
        "import sys\n"
        "from wellbeing_desktop.services import audit\n"
        "from wellbeing_desktop.storage.database import open_database\n"
        f"db = open_database({str(path)!r}, create=False)\n"
        "audit.record_event(db, 'printed', 'team', 1, 'team caseload report (2 sheets)')\n"
        "db.close()\n"
        "assert 'sqlalchemy.orm' not in sys.modules, 'the ORM was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    from wellbeing_desktop.services import audit as audit_service
    from wellbeing_desktop.storage.database import open_database

    db = open_database(path, create=False)
    try:
        (entry,) = audit_service.list_entries(db, action="printed")
        assert (entry.record_type, entry.record_id) == ("team", "1")
        assert audit_service.verify_chain(db).ok
    finally:
        db.close()
