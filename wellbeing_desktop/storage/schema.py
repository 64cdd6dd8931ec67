"""The schema revisions this version of the app knows, without importing Alembic.

Opening a database compares its revision with these; Alembic itself is only
imported when a database actually needs upgrading (it costs half a second of
start-up). A test checks this list against the migration scripts.
"""

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_audit",
    "0003_check_in_follow_up_index",
    "0004_workload",
    "0005_learning",
    "0006_reference_indexes",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
