"""Benchmarks for the PDF reports (issue 5).

Run with ``python -m pytest tests/perf/test_reports_perf.py --benchmark-only``.

* A team caseload report for 50 people with its 12-month chart: at most 150 ms in
  process, the app already running (fonts loaded, modules imported).
* The whole-organisation caseload report for 10,000 people: at most 2 s in process,
  and linear: at most 12 times what 1,000 people take, measured in the same run. Its
  time is also given as a share of reportlab's own ``LongTable`` of the same 10,000
  rows, measured in the same run (the issue's yardstick: about 7 s on its machine, so
  2 s is 0.29 of it), which does not move with the machine's speed.

The organisations come from the demo data generator (13 months of history, so the
chart has a full year) and are cached beside the other benchmarks' organisation.

The targets are wall-clock times on a machine with a core to spare. On a shared
machine, waiting for a core counts too: each benchmark also notes its CPU time
(``cpu_median_ms``), and on Linux ``echo -15 > /proc/self/autogroup`` plus
``nice -n -15`` before running gives the benchmark its fair share.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from wellbeing_desktop import paths
from wellbeing_desktop.reports import render
from wellbeing_desktop.storage.database import Database, open_database
from wellbeing_desktop.storage.models import StaffMember, Team

pytestmark = pytest.mark.perf

PERF_TODAY = dt.date(2026, 11, 26)
CACHE_DIR = Path(os.environ.get("WELLBEING_PERF_CACHE", "/tmp/wellbeing-perf-cache"))
HISTORY_YEARS = 1.1  # a little over a year: a full 12-month chart
TEAM_TARGET_S = 0.150
ORG_TARGET_S = 2.0
LONGTABLE_HERE_S = 7.0  # the issue: "a single reportlab LongTable of 10,000 rows ... 7 s"
LINEAR_RATIO = 12
_medians: dict[int, float] = {}


def _generate(db: Database, staff: int) -> None:
    from wellbeing_desktop.services.demo_data import generate_demo_data

    generate_demo_data(db, staff=staff, years=HISTORY_YEARS, seed=1, today=PERF_TODAY)


def _code_version() -> str:
    """A hash of what shapes the generated organisation, to name the cached copy."""
    package = paths.PACKAGE_DIR
    files = [
        *sorted((package / "services" / "demo_data").glob("*.py")),
        package / "storage" / "models.py",
        *sorted((package / "storage" / "migrations" / "versions").glob("*.py")),
        *sorted(paths.resources_dir().glob("*.json")),
    ]
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()[:12]


def _organisation(staff: int, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo organisation of ``staff`` people in post, built once and cached."""
    name = f"reports-org-{staff}-seed1-{PERF_TODAY}-{_code_version()}.sqlite3"
    target = CACHE_DIR / name
    if not target.exists():
        built = tmp_path_factory.mktemp(f"org{staff}") / "org.sqlite3"
        db = open_database(built)
        try:
            _generate(db, staff)
        finally:
            db.close()
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        for old in CACHE_DIR.glob(f"reports-org-{staff}-*.sqlite3"):
            old.unlink()
        partial = target.with_suffix(".partial")
        partial.write_bytes(built.read_bytes())
        partial.replace(target)
    return target


@pytest.fixture(scope="module", params=[1_000, 10_000], ids=["1k", "10k"])
def organisation(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[int, Database]]:
    db = open_database(_organisation(request.param, tmp_path_factory), create=False)
    try:
        yield request.param, db
    finally:
        db.close()


@pytest.fixture(scope="module")
def team_of_50(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, int]]:
    """A 50-person organisation gathered into one team (demo teams are smaller)."""
    path = tmp_path_factory.mktemp("team50") / "team.sqlite3"
    db = open_database(path)
    _generate(db, 50)
    with db.session() as session:
        team_id = session.scalar(select(func.min(Team.id)))
        assert team_id is not None
        session.execute(update(StaffMember).values(team_id=team_id))
        in_post = session.scalar(
            select(func.count()).where(
                (StaffMember.leaving_date.is_(None)) | (StaffMember.leaving_date > PERF_TODAY),
                StaffMember.start_date <= PERF_TODAY,
            )
        )
    assert in_post == 50
    try:
        yield db, team_id
    finally:
        db.close()


class _CpuTimed:
    """Wraps the measured call to note the CPU time of each round too: on a shared
    machine the wall clock includes waiting for a core, CPU time does not."""

    def __init__(self, call: Any) -> None:
        self.call = call
        self.cpu: list[float] = []

    def __call__(self) -> Any:
        start = time.process_time()
        try:
            return self.call()
        finally:
            self.cpu.append(time.process_time() - start)


def _record(benchmark: Any, timed: _CpuTimed, what: str, target: str) -> float:
    """Note the median and 95th percentile (ms) of the wall clock, and the median CPU
    time, in the benchmark's results; return the wall-clock median in seconds."""
    data = sorted(benchmark.stats.stats.data)
    median = statistics.median(data)
    p95 = data[min(len(data) - 1, round(0.95 * (len(data) - 1)))]
    cpu = statistics.median(timed.cpu[-len(data) :])
    benchmark.extra_info.update(
        what=what,
        target=target,
        median_ms=round(median * 1000, 1),
        p95_ms=round(p95 * 1000, 1),
        cpu_median_ms=round(cpu * 1000, 1),
    )
    print(
        f"\n{what}: median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"CPU median {cpu * 1000:.0f} ms ({target})"
    )
    return median


def test_team_caseload_report_50_people(
    benchmark: Any, team_of_50: tuple[Database, int], tmp_path: Path
) -> None:
    db, team_id = team_of_50
    out = tmp_path / "team.pdf"

    make = _CpuTimed(lambda: render("caseload", db, out=out, team_ids=[team_id], today=PERF_TODAY))
    make()  # the app is running: fonts registered, modules imported
    benchmark.pedantic(make, rounds=30, iterations=1, warmup_rounds=2)
    median = _record(
        benchmark, make, "team caseload report, 50 people, 12-month chart (PDF written)", "≤ 150 ms"
    )
    assert median <= TEAM_TARGET_S


def _longtable_seconds(db: Database) -> float:
    """How long reportlab's own ``LongTable`` takes to lay out the organisation's people
    as one plain table (the same cells as the report's rows: name, role, FTE, cases,
    limit, use, status, change, date; standard fonts, header repeated, a grid), with
    the collector paused as the report has it: the issue's yardstick ("a single
    reportlab LongTable of 10,000 rows takes about 7 s here"), measured in the same run
    so that the report's time can be read as a ratio whatever the machine's speed."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

    from wellbeing_desktop import collector
    from wellbeing_desktop.reports.formatting import number, percent, short_date, signed
    from wellbeing_desktop.services.summary import team_summary

    people = team_summary(db, None, today=PERF_TODAY, learning=False).people
    data = [["Name", "Role", "FTE", "Cases", "Safe limit", "Use", "Status", "Change", "Recorded"]]
    data += [
        [
            p.name,
            p.role_name,
            number(p.fte),
            "" if p.open_cases is None else str(p.open_cases),
            number(p.limit.red),
            percent(p.utilisation),
            p.status.words,
            signed(p.change),
            short_date(p.recorded_on),
        ]
        for p in people
    ]
    with collector.paused():
        start = time.perf_counter()
        table = LongTable(data, repeatRows=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
        SimpleDocTemplate(io.BytesIO(), pagesize=landscape(A4)).build([table])
        return time.perf_counter() - start


def test_organisation_caseload_report(benchmark: Any, organisation: tuple[int, Database]) -> None:
    staff, db = organisation

    make = _CpuTimed(lambda: render("caseload", db, all_teams=True, today=PERF_TODAY))
    data = make()
    assert data.startswith(b"%PDF-")
    benchmark.pedantic(make, rounds=5 if staff > 5_000 else 10, iterations=1, warmup_rounds=1)
    target = f"≤ {ORG_TARGET_S:g} s" if staff == 10_000 else "(for the ratio)"
    _medians[staff] = _record(
        benchmark, make, f"whole-organisation caseload report, {staff:,} people", target
    )
    if staff == 10_000:
        # The yardstick, measured after the report's rounds (once: it takes seconds).
        longtable = _longtable_seconds(db)
        ratio_to_longtable = _medians[staff] / longtable
        benchmark.extra_info.update(
            longtable_s=round(longtable, 2), ratio_to_longtable=round(ratio_to_longtable, 3)
        )
        print(
            f"reportlab LongTable of the same {staff:,} rows: {longtable:.2f} s; the report "
            f"takes {ratio_to_longtable:.2f} of it (the issue's 2 s against 7 s: "
            f"{ORG_TARGET_S / LONGTABLE_HERE_S:.2f})"
        )
        # The target as the issue set it on its machine, 2 s where the LongTable takes
        # 7 s: checked as that share, which a slower or busier host does not move (the
        # wall clock is printed and kept above; on this shared host it moves by a third
        # between runs a minute apart, CPU time with it).
        assert ratio_to_longtable <= ORG_TARGET_S / LONGTABLE_HERE_S
        # Linear: 10,000 people take at most 12 times what 1,000 took in this run.
        if 1_000 in _medians:
            ratio = _medians[10_000] / _medians[1_000]
            benchmark.extra_info["ratio_to_1000"] = round(ratio, 2)
            print(f"10,000 / 1,000 people: {ratio:.1f}×")
            assert ratio <= LINEAR_RATIO
