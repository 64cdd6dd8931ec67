"""Organisation-scale fixtures for the benchmarks.

The benchmarks are not part of the default run (``--benchmark-skip`` is in the
pytest options); run them with::

    python -m pytest tests/perf --benchmark-only

The organisation (2,000 staff, ten years of history) is built once and kept under
``/tmp/wellbeing-perf-cache`` (or ``$WELLBEING_PERF_CACHE``), named by the arguments
and a hash of the code and data files that shape it, so a change to any of them
builds it afresh. At the end of the run a results table is printed, ready for
docs/PERFORMANCE.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from wellbeing_desktop import paths
from wellbeing_desktop.services.demo_data import DemoStats, generate_demo_data
from wellbeing_desktop.storage.database import Database, open_database

PERF_TODAY = dt.date(2026, 11, 26)
ORG_STAFF = 2000
ORG_YEARS = 10
ORG_SEED = 1
CACHE_DIR = Path(os.environ.get("WELLBEING_PERF_CACHE", "/tmp/wellbeing-perf-cache"))
BASELINE = "baseline: SELECT count(*) FROM staff_member"


def code_version() -> str:
    """A hash of everything that decides what the organisation looks like."""
    package = paths.PACKAGE_DIR
    files = [
        *sorted((package / "services" / "demo_data").glob("*.py")),
        *sorted((package / "services").glob("demo_*.py")),
        package / "services" / "defaults.py",
        package / "storage" / "models.py",
        *sorted((package / "storage" / "migrations" / "versions").glob("*.py")),
        *sorted(paths.resources_dir().glob("*.json")),
    ]
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def cache_path() -> Path:
    name = f"org-{ORG_STAFF}x{ORG_YEARS}-seed{ORG_SEED}-{PERF_TODAY}-{code_version()}.sqlite3"
    return CACHE_DIR / name


def build_organisation(path: Path) -> DemoStats:
    db = open_database(path)
    try:
        return generate_demo_data(
            db, staff=ORG_STAFF, years=ORG_YEARS, seed=ORG_SEED, today=PERF_TODAY
        )
    finally:
        db.close()


def store_in_cache(built: Path) -> Path:
    """Move a freshly built organisation into the cache (replacing older versions)."""
    target = cache_path()
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    for old in CACHE_DIR.glob(f"org-{ORG_STAFF}x{ORG_YEARS}-*.sqlite3*"):
        if old.name != target.name:
            old.unlink()
    partial = target.with_suffix(".partial")
    shutil.copyfile(built, partial)
    partial.replace(target)  # atomic: a half-copied file is never taken for the cache
    return target


@pytest.fixture(scope="session")
def org_database_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The organisation-scale SQLite file, built on first use and then cached."""
    target = cache_path()
    if not target.exists():
        built = tmp_path_factory.mktemp("organisation") / "organisation.sqlite3"
        build_organisation(built)
        store_in_cache(built)
    return target


@pytest.fixture(scope="session")
def org_db(org_database_path: Path) -> Iterator[Database]:
    """The cached organisation, opened once for the read-only benchmarks."""
    db = open_database(org_database_path, create=False)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def writable_org_db(org_database_path: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the organisation, for benchmarks that write."""
    copy = tmp_path / "organisation.sqlite3"
    shutil.copyfile(org_database_path, copy)
    db = open_database(copy, create=False)
    try:
        yield db
    finally:
        db.close()


@dataclass(frozen=True)
class PerfResult:
    what: str
    target: str
    median_ms: float
    p95_ms: float
    rounds: int


RESULTS = pytest.StashKey[list[PerfResult]]()


def percentile(data: list[float], share: float) -> float:
    ordered = sorted(data)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@pytest.fixture
def record_result(request: pytest.FixtureRequest) -> Any:
    """Call with (benchmark, what, target) after a benchmark: notes median and p95
    (also in the benchmark's extra_info) for the summary table, and returns them in ms."""

    def record(benchmark: Any, what: str, target: str) -> PerfResult:
        data = list(benchmark.stats.stats.data)
        result = PerfResult(
            what=what,
            target=target,
            median_ms=statistics.median(data) * 1000,
            p95_ms=percentile(data, 0.95) * 1000,
            rounds=len(data),
        )
        benchmark.extra_info.update(median_ms=result.median_ms, p95_ms=result.p95_ms)
        request.config.stash.setdefault(RESULTS, []).append(result)
        return result

    return record


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    results = config.stash.get(RESULTS, [])
    if not results:
        return
    baseline = next((r.median_ms for r in results if r.what == BASELINE), None)
    write = terminalreporter.write_line
    terminalreporter.section("Wellbeing Desktop performance (for docs/PERFORMANCE.md)")
    write(f"date {dt.date.today()}, {os.cpu_count()} cores")
    write("| what | target | median | p95 | ratio to baseline | rounds |")
    write("|---|---|---|---|---|---|")
    for r in results:
        ratio = f"{r.median_ms / baseline:,.0f}×" if baseline else "n/a"
        write(
            f"| {r.what} | {r.target} | {_ms(r.median_ms)} | {_ms(r.p95_ms)} | {ratio} "
            f"| {r.rounds} |"
        )


def _ms(value: float) -> str:
    return f"{value / 1000:.1f} s" if value >= 1000 else f"{value:.2f} ms"
