"""What the audit trail costs a save, at organisation scale (2,000 staff, ten years).

Saves the same one-to-one with four actions through audited sessions (the app's) and
through plain sessions on the same database, alternately, so both see the same file
and cache. Run with ``python -m pytest tests/perf --benchmark-only``.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from tests.perf.conftest import PERF_TODAY, percentile
from wellbeing_desktop.services import audit, supervision
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import StaffMember

pytestmark = pytest.mark.perf
ROUNDS = 150


def _draft(supervisee: int, manager: int) -> supervision.SessionDraft:
    due = PERF_TODAY + dt.timedelta(days=28)
    return supervision.SessionDraft(
        kind="one_to_one",
        held_on=PERF_TODAY,
        attendee_ids=[supervisee],
        supervisor_id=manager,
        casework="Reviewed the caseload; two complex cases discussed.",
        wellbeing="Feeling settled; workload manageable.",
        caseload_reviewed=True,
        caseload_figure=30,
        next_session_on=due,
        actions=[
            supervision.ActionDraft(text=f"Action {n}", owner_staff_id=supervisee, due_on=due)
            for n in range(1, 5)
        ],
    )


def test_audit_overhead_on_saving_a_session(
    benchmark: Any, writable_org_db: Database, record_result: Any
) -> None:
    db = writable_org_db
    with db.session() as session:
        supervisee, manager = session.scalars(
            select(StaffMember.id).order_by(StaffMember.id).limit(2)
        ).all()
    draft = _draft(supervisee, manager)
    audited = db.sessions
    plain = sessionmaker(db.engine, expire_on_commit=False)
    timings: dict[str, list[float]] = {"audited": [], "plain": []}

    def save(kind: str) -> None:
        db.sessions = audited if kind == "audited" else plain
        start = time.perf_counter()
        supervision.save_session(db, draft, today=PERF_TODAY)
        timings[kind].append(time.perf_counter() - start)

    for _ in range(5):  # warm up both paths
        save("audited")
        save("plain")
    timings = {"audited": [], "plain": []}
    for _ in range(ROUNDS):
        save("plain")
        save("audited")
    db.sessions = audited
    entries_before = audit.count_entries(db)
    benchmark.pedantic(lambda: supervision.save_session(db, draft, today=PERF_TODAY),
                       rounds=100, warmup_rounds=3)
    # Each save writes the session, its attendee and four actions: six entries.
    assert audit.count_entries(db) - entries_before == 6 * 103
    assert audit.verify_chain(db).ok

    result = record_result(benchmark, "save a one-to-one with 4 actions, audited", "p95 ≤ 15 ms")
    medians = {k: statistics.median(v) * 1000 for k, v in timings.items()}
    p95 = {k: percentile(v, 0.95) * 1000 for k, v in timings.items()}
    benchmark.extra_info.update(
        plain_median_ms=medians["plain"],
        plain_p95_ms=p95["plain"],
        audited_median_ms=medians["audited"],
        audited_p95_ms=p95["audited"],
        overhead_median_ms=medians["audited"] - medians["plain"],
    )
    print(
        f"\nsave with 4 actions: plain median {medians['plain']:.2f} ms p95 {p95['plain']:.2f} ms;"
        f" audited median {medians['audited']:.2f} ms p95 {p95['audited']:.2f} ms"
    )
    # The audit trail's own cost: a fraction of a save, whatever the disk does.
    assert medians["audited"] - medians["plain"] <= max(1.5, 0.25 * medians["plain"])
    assert result.p95_ms <= 15
