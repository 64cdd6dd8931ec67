"""The dashboard's light table descriptions (storage/tables.py) match the models, and
the dashboard's reads need no ORM."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.models import Base

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("light", tables.ALL, ids=lambda table: table.name)
def test_every_column_is_the_models_column_with_its_type(light) -> None:  # type: ignore[no-untyped-def]
    model = Base.metadata.tables[light.name]
    for column in light.columns:
        assert column.name in model.c, f"{light.name}.{column.name} is not in models.py"
        expected = model.c[column.name].type
        # The same kind of value comes back: dates as dates, flags as booleans.
        assert column.type._type_affinity is expected._type_affinity, (
            f"{light.name}.{column.name}: {column.type!r} here, {expected!r} in models.py"
        )
        assert column.type.python_type is expected.python_type


# What the dashboard does before its first paint, in a fresh interpreter.
DASHBOARD_READS = """
import sys
import wellbeing_desktop.ui.app as app
app.import_data_layer()
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.services.teams import list_teams
from wellbeing_desktop.services.trends import team_caseload_history
db = open_app_database(sys.argv[1])
team = list_teams(db)[0].id
assert team_summary(db, [team]).people and team_caseload_history(db, [team]).has_data
print(",".join(m for m in sorted(sys.modules)
               if m.startswith("sqlalchemy.orm") or m == "wellbeing_desktop.storage.models"))
"""


def test_the_dashboard_reads_without_the_orm(tmp_path: Path) -> None:
    """Importing the ORM and the models costs the first screen about 0.1 s and 8 MB."""
    from tests.ui.scenario import build
    from wellbeing_desktop.services.setup import open_app_database

    path = tmp_path / "team.sqlite3"
    db = open_app_database(path)
    try:
        build(db)
    finally:
        db.close()
    result = subprocess.run(
        [sys.executable, "-c", DASHBOARD_READS, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"imported before the first paint: {result.stdout}"
