"""``allocate --team NAME`` and what ``summary`` adds (headroom, establishment), driven as
a user would, on both backends."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.services.builders import add_person, role_id
from wellbeing_desktop.cli import main
from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.services.establishment import save_establishment
from wellbeing_desktop.services.setup import open_app_database

TODAY = "2026-11-26"
DAY = dt.date(2026, 11, 26)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def team_db(database_url: str) -> str:
    db = open_app_database(database_url)
    try:
        team = people.save_team(db, "North Recovery Service").id
        ana = add_person(db, team, "Ana")  # 30 of 40
        ben = add_person(db, team, "Ben", fte=0.5)  # 21 of 20: over
        cara = add_person(db, team, "Cara")  # newly qualified: 36 of 36
        add_person(db, team, "Eve")  # nothing recorded
        people.add_protection(db, cara, "newly_qualified", "2026-09-01")
        for staff_id, n in ((ana, 30), (ben, 21), (cara, 36)):
            caseloads.record_caseload(
                db, caseloads.make_entry(staff_id, "2026-11-20", n, today=DAY)
            )
        # Keyworkers funded 4 FTE; 2.5 in post: 1.5 vacant (37.5%). 3 cases waiting.
        save_establishment(
            db,
            team,
            {role_id(db, "keyworker"): 4},
            waiting=3,
            today=DAY,
        )
    finally:
        db.close()
    return database_url


def test_allocate_lists_who_has_room_and_who_is_left_out(team_db, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        capsys, "allocate", "--database", team_db, "--team", "north recovery service",
        "--date", TODAY,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "North Recovery Service - who can take a new case on 26/11/2026",
        "Cases waiting to be allocated: 3",
        "",
        "Room for a new case (1), most room first:",
        "  1. Ana (Drug and alcohol keyworker / recovery worker, 1 FTE): 30 of 40 - "
        "room for 10 cases before the limit",
        "",
        "Left out (3):",
        "  - Cara (Drug and alcohol keyworker / recovery worker): "
        "protected (newly qualified, 90%): at limit",
        "  - Ben (Drug and alcohol keyworker / recovery worker): no room: 1 case over the limit",
        "  - Eve (Drug and alcohol keyworker / recovery worker): "
        "no caseload recorded: record it first",
    ]
    code, out, _ = run(
        capsys, "allocate", "--database", team_db, "--team", "North Recovery Service",
        "--date", TODAY, "--json",
    )  # fmt: skip
    data = json.loads(out)
    assert [c["name"] for c in data["candidates"]] == ["Ana"]
    assert data["candidates"][0]["headroom"] == 10
    assert [(e["name"], e["why"]) for e in data["excluded"]] == [
        ("Cara", "protected"),
        ("Ben", "no_room"),
        ("Eve", "no_record"),
    ]


def test_allocate_unknown_team_is_one_line(team_db, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "allocate", "--database", team_db, "--team", "Nowhere")
    assert (code, out) == (4, "")
    assert err == "wellbeing-desktop: There is no team called 'Nowhere'.\n"
    code, _, err = run(capsys, "allocate", "--database", team_db)
    assert code == 2 and err.count("\n") == 1 and "--team" in err


def test_summary_shows_headroom_and_establishment(team_db, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        capsys, "summary", "--database", team_db, "--team", "North Recovery Service",
        "--date", TODAY,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "    Headroom: room for 10 cases" in out
    assert "    Headroom: 1 case over" in out
    assert "    Headroom: at the limit" in out
    assert "    Headroom: not known" in out
    assert out.endswith(
        "Establishment - North Recovery Service:\n"
        "    Funded 4 FTE, in post 3.5 FTE, vacant 0.5 FTE (vacancy rate 12.5%).\n"
        "    Safe capacity 136 cases against 87 open cases.\n"
        "    Cases waiting to be allocated: 3 (as on 26/11/2026).\n"
        "    If the 0.5 vacant FTE were filled, the 90 open and waiting cases would be "
        "22.5 per full-time post, against 25.71 per FTE in post now.\n"
    )
    code, out, _ = run(
        capsys, "summary", "--database", team_db, "--team", "North Recovery Service",
        "--date", TODAY, "--json",
    )  # fmt: skip
    data = json.loads(out)
    assert {p["name"]: p["headroom"] for p in data["people"]} == {
        "Ana": 10,
        "Ben": -1,
        "Cara": 0,
        "Eve": None,
    }
    (team,) = data["establishment"]
    assert (team["funded_fte"], team["in_post_fte"], team["vacant_fte"]) == (4, 3.5, 0.5)
    assert team["vacancy_rate"] == 0.125
    assert (team["safe_capacity"], team["open_cases"], team["cases_waiting"]) == (136, 87, 3)
    # One team: no "All teams" total (it would only repeat the team under another name).
    assert "establishment_total" not in data


def test_establishment_set_and_shown(team_db, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        capsys, "establishment", "--database", team_db, "--team", "North Recovery Service",
        "--funded", "drug and alcohol keyworker / recovery worker=5",
        "--funded", "Peer support worker=1", "--waiting", "7", "--date", TODAY,
    )  # fmt: skip
    assert (code, err) == (0, "")
    # Keyworkers: 5 funded, 3.5 in post (4 people), 1.5 vacant; peer support: 1 vacant.
    assert out.splitlines() == [
        "North Recovery Service - establishment on 26/11/2026",
        "",
        "  Drug and alcohol keyworker / recovery worker: funded 5 FTE, in post 3.5 FTE "
        "(4 people), vacant 1.5 FTE",
        "  Peer support worker: funded 1 FTE, in post 0 FTE (0 people), vacant 1 FTE",
        "",
        "Funded 6 FTE, in post 3.5 FTE, vacant 2.5 FTE (vacancy rate 41.7%).",
        "Safe capacity 136 cases against 87 open cases.",
        "Cases waiting to be allocated: 7 (as on 26/11/2026).",
        "If the 2.5 vacant FTE were filled, the 94 open and waiting cases would be 15.67 per "
        "full-time post, against 26.86 per FTE in post now.",
    ]
    code, out, _ = run(
        capsys, "establishment", "--database", team_db, "--team", "North Recovery Service",
        "--funded", "Peer support worker=0", "--date", TODAY, "--json",
    )  # fmt: skip
    data = json.loads(out)
    assert (data["funded_fte"], data["vacant_fte"], data["cases_waiting"]) == (5, 1.5, 7)


def test_establishment_errors_are_one_line(team_db, capsys) -> None:  # type: ignore[no-untyped-def]
    base = ("establishment", "--database", team_db, "--team", "North Recovery Service")
    code, _, err = run(capsys, *base, "--funded", "Astronaut=2")
    assert (code, err) == (4, "wellbeing-desktop: There is no role called 'Astronaut'.\n")
    code, _, err = run(capsys, *base, "--funded", "Peer support worker=-1")
    assert code == 2 and err == (
        "wellbeing-desktop: Funded FTE must be at least 0 and at most 1000.\n"
    )
    code, _, err = run(capsys, *base, "--funded", "Peer support worker")
    assert code == 2 and err.count("\n") == 1 and "ROLE=FTE" in err
    code, _, err = run(capsys, *base, "--waiting", "lots")
    assert code == 2 and err == "wellbeing-desktop: Cases waiting must be a whole number.\n"
    code, _, err = run(capsys, "establishment", "--database", team_db, "--team", "Nowhere")
    assert (code, err) == (4, "wellbeing-desktop: There is no team called 'Nowhere'.\n")
