"""What encryption costs: saving a session and the team summary, encrypted against
unencrypted, on the same organisation, measured in one run: at most 1.5×.

The organisation of test_organisation_scale (2,000 staff, ten years) is copied
twice; one copy is encrypted in place (exactly what `db encrypt` does), so both
hold the same rows. Rounds alternate between the two, so drift in the machine's
speed falls on both alike. Run with::

    python -m pytest tests/perf/test_encryption_perf.py --benchmark-only
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.perf.conftest import PERF_TODAY, RESULTS, PerfResult, percentile
from wellbeing_desktop.services import supervision
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.storage import conversion, encryption
from wellbeing_desktop.storage.database import Database, open_database
from wellbeing_desktop.storage.models import StaffMember

pytestmark = pytest.mark.perf

MAX_RATIO = 1.5


@pytest.fixture(scope="module")
def both(
    org_database_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, Database]]:
    """(unencrypted, encrypted) copies of the organisation, open."""
    folder = tmp_path_factory.mktemp("encryption-perf")
    plain, encrypted = folder / "plain.sqlite3", folder / "encrypted.sqlite3"
    shutil.copyfile(org_database_path, plain)
    shutil.copyfile(org_database_path, encrypted)
    key = encryption.new_key("violet kettle harbour seventeen")
    conversion.encrypt_in_place(encrypted, key)
    plain_db = open_database(plain, create=False)
    encrypted_db = open_database(encrypted, create=False, key=key)
    try:
        yield plain_db, encrypted_db
    finally:
        plain_db.close()
        encrypted_db.close()


def alternate(
    plain: Callable[[], object], encrypted: Callable[[], object], rounds: int
) -> tuple[list[float], list[float]]:
    """Time ``rounds`` calls of each, alternating which goes first."""
    times: tuple[list[float], list[float]] = ([], [])
    for number in range(rounds):
        order = [(0, plain), (1, encrypted)]
        for index, call in order if number % 2 == 0 else reversed(order):
            started = time.perf_counter()
            call()
            times[index].append(time.perf_counter() - started)
    return times


def report(
    request: pytest.FixtureRequest, what: str, times: tuple[list[float], list[float]]
) -> float:
    medians = [statistics.median(t) * 1000 for t in times]
    for label, data, median in zip(("unencrypted", "encrypted"), times, medians, strict=True):
        request.config.stash.setdefault(RESULTS, []).append(
            PerfResult(
                what=f"{what}, {label}",
                target=f"encrypted ≤ {MAX_RATIO}× unencrypted",
                median_ms=median,
                p95_ms=percentile(data, 0.95) * 1000,
                rounds=len(data),
            )
        )
    return medians[1] / medians[0]


def session_saver(db: Database) -> Callable[[], object]:
    with db.session() as session:
        supervisee, manager = session.scalars(
            select(StaffMember.id)
            .where(StaffMember.leaving_date.is_(None))
            .order_by(StaffMember.id)
            .limit(2)
        ).all()
    due = PERF_TODAY + dt.timedelta(days=28)

    def save() -> object:
        draft = supervision.SessionDraft(
            kind="one_to_one",
            held_on=PERF_TODAY,
            attendee_ids=[supervisee],
            supervisor_id=manager,
            casework="Reviewed the caseload; two complex cases discussed.",
            wellbeing="Feeling settled; workload manageable.",
            actions=[
                supervision.ActionDraft(text=f"Action {n}", owner_staff_id=supervisee, due_on=due)
                for n in range(1, 5)
            ],
        )
        return supervision.save_session(db, draft, today=PERF_TODAY)

    return save


def first_teams(db: Database, count: int) -> list[int]:
    with db.session() as session:
        ids = session.scalars(select(StaffMember.team_id).distinct().order_by(StaffMember.team_id))
        return list(ids)[:count]


def test_encryption_cost_on_saving_a_session(
    benchmark: Any, both: tuple[Database, Database], request: pytest.FixtureRequest
) -> None:
    plain, encrypted = (session_saver(db) for db in both)
    times = benchmark.pedantic(alternate, args=(plain, encrypted, 80), rounds=1, iterations=1)
    ratio = report(request, "save a one-to-one with 4 actions", times)
    benchmark.extra_info.update(ratio=ratio)
    assert ratio <= MAX_RATIO


@pytest.mark.parametrize("cache", ["warm", "cold"])
def test_encryption_cost_on_the_team_summary(
    cache: str, benchmark: Any, both: tuple[Database, Database], request: pytest.FixtureRequest
) -> None:
    """Warm: the app's pooled connection, pages already decrypted in its cache. Cold: a
    new connection each time (the dashboard just after opening, or after another copy
    of the app wrote), so every page read is decrypted again."""
    plain_db, encrypted_db = both
    teams = first_teams(plain_db, 4)

    def summary(db: Database) -> Callable[[], object]:
        def run() -> object:
            if cache == "cold":
                db.engine.dispose()
            return team_summary(db, teams, today=PERF_TODAY)

        return run

    times = benchmark.pedantic(
        alternate, args=(summary(plain_db), summary(encrypted_db), 60), rounds=1, iterations=1
    )
    people = team_summary(plain_db, teams, today=PERF_TODAY).headcount
    ratio = report(request, f"team summary, {people} people, {cache} cache", times)
    benchmark.extra_info.update(ratio=ratio)
    assert ratio <= MAX_RATIO


def test_encryption_cost_on_the_organisation_summary(
    benchmark: Any, both: tuple[Database, Database], request: pytest.FixtureRequest
) -> None:
    plain_db, encrypted_db = both
    times = benchmark.pedantic(
        alternate,
        args=(
            lambda: team_summary(plain_db, today=PERF_TODAY),
            lambda: team_summary(encrypted_db, today=PERF_TODAY),
            10,
        ),
        rounds=1,
        iterations=1,
    )
    ratio = report(request, "organisation summary (2,000 people)", times)
    benchmark.extra_info.update(ratio=ratio)
    assert ratio <= MAX_RATIO
