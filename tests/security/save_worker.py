"""A process that saves supervision sessions in a loop and reports each one.

    python -m tests.security.save_worker DB STAFF_ID COUNT [--size N]

The key (if the database is encrypted) comes from WD_TEST_KEY. After each save
that ``save_session`` reports complete it prints the session's id on its own line
and flushes, so a parent that kills it knows exactly which saves must be there.
COUNT 0 means forever. Errors are one line on stderr, exit code 3: no notes printed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.security.helpers import TODAY, session_draft
from wellbeing_desktop.errors import WellbeingError
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.services.supervision import save_session
from wellbeing_desktop.storage.encryption import DatabaseKey


def main(argv: list[str]) -> int:
    path, staff_id, count = Path(argv[0]), int(argv[1]), int(argv[2])
    padding = int(argv[argv.index("--size") + 1]) if "--size" in argv else 0
    secret = os.environ.get("WD_TEST_KEY")
    key = DatabaseKey.from_text(secret) if secret else None
    try:
        db = open_app_database(path, create=False, key=key)
        try:
            number = 0
            while count == 0 or number < count:
                draft = session_draft(staff_id, number)
                draft.reflection = draft.learning = "x" * padding
                record = save_session(db, draft, today=TODAY)
                print(record.id, flush=True)
                number += 1
        finally:
            db.close()
    except WellbeingError as error:
        print(f"{type(error).__name__}: {error}", file=sys.stderr, flush=True)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
