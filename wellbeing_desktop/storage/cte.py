"""Common table expressions the database computes once (``AS MATERIALIZED``).

PostgreSQL (12 and later) and SQLite 3.35 and later accept the keyword; with an older
SQLite library it is left out, which gives the same rows, only more slowly (SQLite may
then work a CTE's columns out again each time they are named).
"""

from __future__ import annotations

import sqlite3
from typing import Any

MATERIALIZED_ON_SQLITE = sqlite3.sqlite_version_info >= (3, 35, 0)


def materialized(cte: Any) -> Any:
    """``cte`` marked to be computed once, where the SQLite library understands that."""
    return cte.prefix_with("MATERIALIZED") if MATERIALIZED_ON_SQLITE else cte
