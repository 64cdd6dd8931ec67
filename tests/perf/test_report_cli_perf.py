"""The team caseload report from the command line, whole process (issue 5).

Run with ``python -m pytest tests/perf/test_report_cli_perf.py --benchmark-only``.

``wellbeing-desktop report caseload --team X --out F.pdf`` for a 50-person team with a
12-month chart must take

* at most 1.5 times the floor of this stack: a Python process that imports SQLAlchemy
  and reportlab, reads the team's 50 people and writes them as one table to a PDF
  (``tests/perf/report_floor.py``), and
* at most half the time LibreOffice takes to turn the same table, as CSV, into a PDF
  headless (``soffice --headless --convert-to pdf``),

all three measured in the same run: rounds interleaved (the order rotating each
round), the median of each compared. Each program runs once before timing, so each
starts as it would on a user's machine: Python's compiled bytecode in place (kept
in a private folder, ``PYTHONPYCACHEPREFIX``) and LibreOffice's profile made.
Without LibreOffice the comparison with it is skipped, not failed.

On a shared machine, give the run its fair share of the processor first (Linux):
``echo -15 > /proc/self/autogroup; nice -n -15 python -m pytest ...``.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from wellbeing_desktop.storage.database import open_database
from wellbeing_desktop.storage.models import StaffMember, Team

pytestmark = pytest.mark.perf

ROUNDS = int(os.environ.get("WELLBEING_CLI_PERF_ROUNDS", "7"))
FLOOR_RATIO = 1.5
LIBREOFFICE_RATIO = 0.5
FLOOR = Path(__file__).with_name("report_floor.py")
TODAY = dt.date.today()  # the floor reads "in post today", so the data is made for today
IN_POST = """
SELECT s.name, r.name, s.fte,
       (SELECT c.open_cases FROM caseload_record c WHERE c.staff_id = s.id
        ORDER BY c.recorded_on DESC LIMIT 1)
FROM staff_member s JOIN role r ON r.id = s.role_id JOIN team t ON t.id = s.team_id
WHERE t.name = ? AND s.start_date <= date('now')
  AND (s.leaving_date IS NULL OR s.leaving_date > date('now'))
ORDER BY s.name
"""


def _team_of_50(folder: Path) -> tuple[Path, str]:
    """A 50-person demo organisation, 13 months of history, gathered into one team."""
    from wellbeing_desktop.services.demo_data import generate_demo_data

    path = folder / "team50.sqlite3"
    db = open_database(path)
    try:
        generate_demo_data(db, staff=50, years=1.1, seed=1, today=TODAY)
        with db.session() as session:
            team_id = session.scalar(select(func.min(Team.id)))
            session.execute(update(StaffMember).values(team_id=team_id))
            name = session.scalar(select(Team.name).where(Team.id == team_id))
    finally:
        db.close()
    assert name is not None
    return path, name


def _csv(database: Path, team: str, out: Path) -> int:
    with sqlite3.connect(database) as connection:
        rows = connection.execute(IN_POST, (team,)).fetchall()
    connection.close()
    with out.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["Name", "Role", "FTE", "Cases"])
        writer.writerows(rows)
    return len(rows)


def _app_command(folder: Path) -> list[str]:
    """The installed ``wellbeing-desktop`` script if there is one beside this Python,
    else a script doing what pip's would (import the entry point, call it)."""
    installed = Path(sys.executable).with_name("wellbeing-desktop")
    if installed.exists():
        return [str(installed)]
    script = folder / "wellbeing-desktop.py"
    script.write_text(
        "import sys\nfrom wellbeing_desktop.cli import main\nsys.exit(main())\n", "utf-8"
    )
    return [sys.executable, str(script)]


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (the process and everything it started)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.returncode == 0, result.stderr[-2000:]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("report-cli")
    database, team = _team_of_50(folder)
    table = folder / "team.csv"
    assert _csv(database, team, table) == 50
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME", "PYTHONPATH"}
    }
    env.update(
        PYTHONPYCACHEPREFIX=str(folder / "pycache"),
        WELLBEING_DESKTOP_HOME=str(folder / "home"),
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
    )
    out = folder / "out"
    out.mkdir()
    commands: dict[str, list[str]] = {
        "app": [
            *_app_command(folder), "report", "caseload", "--database", str(database),
            "--team", team, "--out", str(out / "app.pdf"),
        ],
        "floor": [
            sys.executable, str(FLOOR), str(database), str(out / "floor.pdf"), "--team", team,
        ],
    }  # fmt: skip
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        commands["libreoffice"] = [
            soffice, f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless",
            "--convert-to", "pdf", "--outdir", str(out / "lo"), str(table),
        ]  # fmt: skip
    return {"commands": commands, "env": env, "out": out}


def test_report_command_against_the_floor_and_libreoffice(
    benchmark: Any, setting: dict[str, Any]
) -> None:
    commands: dict[str, list[str]] = setting["commands"]
    env: dict[str, str] = setting["env"]
    for command in commands.values():  # bytecode compiled, LibreOffice's profile made
        _timed(command, env)
    out: Path = setting["out"]
    assert (out / "app.pdf").read_bytes().startswith(b"%PDF-")
    assert (out / "floor.pdf").read_bytes().startswith(b"%PDF-")

    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    turn = iter(range(1_000_000))

    def one_round() -> None:
        shift = next(turn) % len(names)
        for name in names[shift:] + names[:shift]:  # a different one first each round
            seconds, processor = _timed(commands[name], env)
            wall[name].append(seconds)
            cpu[name].append(processor)

    benchmark.pedantic(one_round, rounds=ROUNDS, iterations=1, warmup_rounds=0)
    median = {name: statistics.median(times) for name, times in wall.items()}
    cpu_median = {name: statistics.median(times) for name, times in cpu.items()}
    ratio = median["app"] / median["floor"]
    benchmark.extra_info.update(
        rounds=ROUNDS,
        median_s={name: round(value, 3) for name, value in median.items()},
        cpu_median_s={name: round(value, 3) for name, value in cpu_median.items()},
        app_over_floor=round(ratio, 2),
    )
    lines = [
        f"{name}: median {median[name]:.3f} s (min {min(wall[name]):.3f}, "
        f"max {max(wall[name]):.3f}), CPU median {cpu_median[name]:.3f} s"
        for name in names
    ]
    lines.append(f"app / floor: {ratio:.2f} (target ≤ {FLOOR_RATIO})")
    check: list[Callable[[], None]] = []
    if "libreoffice" in median:
        lo_ratio = median["app"] / median["libreoffice"]
        benchmark.extra_info["app_over_libreoffice"] = round(lo_ratio, 2)
        lines.append(f"app / LibreOffice: {lo_ratio:.2f} (target ≤ {LIBREOFFICE_RATIO})")
        check.append(lambda: _at_most(lo_ratio, LIBREOFFICE_RATIO, "LibreOffice"))
    print("\n" + "\n".join(lines))
    _at_most(ratio, FLOOR_RATIO, "the floor")
    for step in check:
        step()
    if "libreoffice" not in median:
        pytest.skip("LibreOffice is not installed: the comparison with it was not made")


def _at_most(ratio: float, target: float, what: str) -> None:
    assert ratio <= target, f"{ratio:.2f} times {what}, more than {target}"
