"""A small organisation with known figures, built through the services, on SQLite and
PostgreSQL; and helpers that read a PDF back with independent tools (pypdf, poppler's
pdffonts, qpdf)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pg_server import PostgresServer
from tests.services.builders import TODAY, add_person
from tests.templates import build_postgresql_template, build_sqlite_template, copy_for_test
from wellbeing_desktop.services import caseloads, checkins, people, signposting, supervision
from wellbeing_desktop.storage.database import Database

PRINTED_AT = dt.datetime(2026, 11, 26, 14, 5)
# Names in Irish, Polish, Welsh, Greek and Chinese: each must come back out intact.
SIOBHAN = "Siobhán Ní Bhriain"
LUKASZ = "Łukasz Wróbel"
LLYR = "Llŷr ap Gwilym"
XANTHI = "Ξανθή Παπαδοπούλου"
WANG = "王中华"
NOTE = "Private note: talked about a bereavement in the family"


@dataclass(frozen=True)
class Scenario:
    db: Database
    north: int  # team ids
    east: int
    big: int
    ids: dict[str, int]  # person name -> id
    session_id: int  # Siobhán's one-to-one, with actions
    group_session_id: int


def _cases(db: Database, staff_id: int, day: str, n: int) -> None:
    caseloads.record_caseload(db, caseloads.make_entry(staff_id, day, n, today=TODAY))


def build_scenario(db: Database) -> Scenario:
    north = people.save_team(
        db, "North Recovery Service", service="Drug and alcohol services", manager_name="Morag Dunn"
    ).id
    east = people.save_team(db, "Adult Social Work East", manager_name="Dewi Pritchard").id
    big = people.save_team(db, "Large Team", manager_name="Ann Other").id
    ids = {
        SIOBHAN: add_person(db, north, SIOBHAN, fte=0.8),  # limit 32
        LUKASZ: add_person(db, north, LUKASZ, fte=0.5),  # limit 20, amber 17.5
        LLYR: add_person(db, north, LLYR),  # limit 40
        XANTHI: add_person(db, north, XANTHI),  # no caseload recorded
        WANG: add_person(db, north, WANG, start="2026-10-01"),  # newly qualified: 36
        "Ffion Evans": add_person(db, east, "Ffion Evans", role="adults"),  # limit 25
    }
    people.add_protection(db, ids[WANG], "newly_qualified", "2026-10-01")
    _cases(db, ids[SIOBHAN], "2026-10-20", 30)
    _cases(db, ids[SIOBHAN], "2026-11-20", 34)
    _cases(db, ids[LUKASZ], "2026-11-20", 18)
    _cases(db, ids[LLYR], "2026-11-20", 12)
    _cases(db, ids[WANG], "2026-11-20", 20)
    _cases(db, ids["Ffion Evans"], "2026-11-18", 26)
    for n in range(60):
        staff_id = add_person(db, big, f"Person {n:02d} Ó Súilleabháin")
        _cases(db, staff_id, "2026-11-10", 10 + n % 35)

    # Supervision: Siobhán monthly until October; then none (overdue by the end).
    for day in ("2026-06-01", "2026-06-29", "2026-07-27", "2026-08-24"):
        supervision.save_session(
            db,
            supervision.SessionDraft(held_on=day, attendee_ids=[ids[SIOBHAN]]),
            today=TODAY,
        )
    record = supervision.save_session(
        db,
        supervision.SessionDraft(
            held_on="2026-10-12",
            duration_minutes=75,
            attendee_ids=[ids[SIOBHAN]],
            supervisor_name="Morag Dunn",
            casework="Reviewed the three most complex cases & agreed next steps <urgently>.",
            learning="Trauma-informed care course booked.",
            wellbeing="Feeling stretched; " + NOTE,
            caseload_reviewed=True,
            caseload_figure=34,
            next_session_on="2026-11-09",
            actions=[
                supervision.ActionDraft(
                    text="Reduce caseload to the safe limit", due_on="2026-11-01"
                ),
                supervision.ActionDraft(
                    text="Book the trauma-informed care course",
                    owner_staff_id=ids[SIOBHAN],
                    due_on="2026-12-15",
                ),
            ],
        ),
        today=TODAY,
    )
    # Łukasz: on time every four weeks through the period.
    for day in ("2026-05-20", "2026-06-15", "2026-07-10", "2026-08-05", "2026-09-01"):
        supervision.save_session(
            db, supervision.SessionDraft(held_on=day, attendee_ids=[ids[LUKASZ]]), today=TODAY
        )
    group = supervision.save_session(
        db,
        supervision.SessionDraft(
            kind="reflective_practice",
            held_on="2026-07-15",
            attendee_ids=[ids[SIOBHAN], ids[LLYR]],
            supervisor_name="Morag Dunn",
        ),
        today=TODAY,
    )
    for day, overall, stress, support, notes in (
        ("2026-06-02", 4, 2, 4, ""),
        ("2026-08-25", 3, 3, 3, ""),
        ("2026-11-02", 2, 5, 2, NOTE),
    ):
        checkins.save_checkin(
            db,
            ids[SIOBHAN],
            checkins.CheckInDraft(
                held_on=day,
                overall=overall,
                workload=overall,
                stress=stress,
                support=support,
                notes=notes,
                follow_up_needed=overall <= 2,
            ),
            today=TODAY,
        )
    service = signposting.list_services(db, search="Samaritans")[0]
    signposting.record_signposting(
        db,
        ids[SIOBHAN],
        service.id,
        signposted_on="2026-11-02",
        reason="bereavement",
        notes=NOTE,
        follow_up_on="2026-11-16",
        today=TODAY,
    )
    return Scenario(db, north, east, big, ids, record.id, group.id)


@pytest.fixture(scope="session")
def sqlite_scenario(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Scenario]:
    """The scenario built once for the session, as an SQLite file to copy."""
    path = tmp_path_factory.mktemp("reports-scenario") / "scenario.sqlite3"
    return path, build_sqlite_template(path, build_scenario)


@pytest.fixture(scope="session")
def postgresql_scenario(pg_server: PostgresServer) -> tuple[str, Scenario]:
    """The scenario built once for the session, as a PostgreSQL template database."""
    return build_postgresql_template(pg_server, build_scenario)


@pytest.fixture(params=["sqlite", "postgresql"])
def scenario(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Scenario]:
    """A private copy of the scenario for each test (some tests change it), on each
    backend; copying is milliseconds where building is seconds."""
    built: Scenario = request.getfixturevalue(f"{request.param}_scenario")[1]
    with copy_for_test(request, tmp_path, "sqlite_scenario", "postgresql_scenario") as db:
        yield dataclasses.replace(built, db=db)


# ---- reading a PDF back ---------------------------------------------------------------


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def lines_with(texts: list[str], needle: str) -> list[str]:
    return [line for text in texts for line in text.splitlines() if needle in line]


def after(texts: list[str], needle: str, length: int = 200) -> str:
    """The text that follows ``needle``, with line breaks as spaces (rows whose cells
    wrap come out over several lines)."""
    everything = " ".join(" ".join(texts).split())
    start = everything.index(needle)
    return everything[start : start + length]


def positioned(path: Path, page: int) -> list[tuple[float, float, str]]:
    """(x, y, text) of each piece of text on a page (0-based), in page coordinates."""
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_args: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text.strip()))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return found


def fonts_of(path: Path) -> list[dict[str, str]]:
    """pdffonts' table as dicts (name, type, emb, sub, uni)."""
    output = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    found = []
    for line in output:
        parts = line.split()
        # name type... encoding emb sub uni object-id generation
        found.append(
            {"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3], "line": line}
        )
    return found


def assert_well_formed(path: Path) -> None:
    """Valid structure (qpdf), every font embedded and none of the standard 14."""
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    fonts = fonts_of(path)
    assert fonts, "no fonts found"
    for font in fonts:
        assert font["emb"] == "yes", font["line"]
        assert font["uni"] == "yes", font["line"]
        assert not re.search(r"Helvetica|Times|Courier|Symbol|Dingbats", font["name"]), font
    assert all("DejaVu" in f["name"] or "Droid" in f["name"] for f in fonts)


def render_report(
    scenario: Scenario, tmp_path: Path, kind: str, *, file: str | None = None, **options: object
) -> Path:
    """A report of the scenario as of TODAY (printed at PRINTED_AT), written to
    ``tmp_path`` as ``file`` (the kind by default) ".pdf" and checked well formed."""
    from wellbeing_desktop.reports import render

    out = tmp_path / f"{file or kind}.pdf"
    render(kind, scenario.db, out=out, today=TODAY, printed_at=PRINTED_AT, **options)
    assert_well_formed(out)
    return out


def assert_every_page_marked(texts: list[str], marking: str = "OFFICIAL-SENSITIVE") -> None:
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text
        assert marking in text
        assert "Printed 26/11/2026 14:05" in text


def tools_available() -> bool:
    return all(shutil.which(tool) for tool in ("pdffonts", "qpdf", "pdftoppm"))


requires_tools = pytest.mark.skipif(
    not tools_available(), reason="poppler-utils and qpdf are needed to read PDFs back"
)
