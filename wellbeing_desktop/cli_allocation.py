"""The command line for who can take a new case: ``allocate --team NAME``; a team's
establishment and cases waiting: ``establishment --team NAME [--funded ROLE=FTE]
[--waiting N]``; and the headroom and establishment lines ``summary`` adds.

Kept beside ``cli.py`` (which registers the command) so each module stays small.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wellbeing_desktop.services.allocation import AllocationOptions
    from wellbeing_desktop.services.establishment import (
        EstablishmentFigures,
        OrganisationEstablishment,
    )


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    """Add ``allocate`` and ``establishment``."""
    from wellbeing_desktop.cli import _date

    allocate = commands.add_parser(
        "allocate",
        parents=[database],
        help="who in a team has room for a new case, and who is left out and why",
    )
    allocate.set_defaults(run=cmd_allocate)
    allocate.add_argument("--team", required=True, metavar="NAME", help="team name")
    allocate.add_argument("--json", action="store_true", help="machine-readable output")
    allocate.add_argument(
        "--date", type=_date, default=None, help="as on this date (default today)"
    )

    establishment = commands.add_parser(
        "establishment",
        parents=[database],
        help="a team's funded FTE per role, who is in post, vacancies and cases waiting",
    )
    establishment.set_defaults(run=cmd_establishment)
    establishment.add_argument("--team", required=True, metavar="NAME", help="team name")
    establishment.add_argument(
        "--funded",
        action="append",
        default=[],
        metavar="ROLE=FTE",
        help="set a role's funded FTE (0 removes it); repeat for several roles",
    )
    establishment.add_argument(
        "--waiting", metavar="N", help="record today's count of cases waiting to be allocated"
    )
    establishment.add_argument("--json", action="store_true", help="machine-readable output")
    establishment.add_argument(
        "--date", type=_date, default=None, help="as on this date (default today)"
    )


def cmd_establishment(args: argparse.Namespace) -> int:
    from wellbeing_desktop.cli import ArgumentError, _open
    from wellbeing_desktop.services.establishment import (
        establishment_as_dict,
        role_id_named,
        save_establishment,
        team_establishment,
    )
    from wellbeing_desktop.services.summary import find_team_ids

    pairs = []
    for item in args.funded:
        role, equals, fte = item.rpartition("=")
        if not equals or not role.strip():
            raise ArgumentError(f"--funded takes ROLE=FTE, not '{item[:40]}'")
        pairs.append((role, fte))
    db = _open(args)
    try:
        (team_id,) = find_team_ids(db, [args.team])
        funded = {role_id_named(db, role): fte for role, fte in pairs}
        if funded or args.waiting is not None:
            save_establishment(db, team_id, funded, waiting=args.waiting, today=args.date)
        figures = team_establishment(db, team_id, today=args.date)
    finally:
        db.close()
    if args.json:
        json.dump(establishment_as_dict(figures), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{figures.team_name} - establishment on {figures.today.strftime('%d/%m/%Y')}")
    print()
    for r in figures.roles:
        print(
            f"  {r.role_name}: funded {_n(r.funded_fte)} FTE, in post {_n(r.in_post_fte)} FTE "
            f"({r.headcount} {'person' if r.headcount == 1 else 'people'}), "
            f"vacant {_n(r.vacant_fte)} FTE"
        )
    print()
    for line in figures.describe():
        print(line)
    return 0


def _n(value: float) -> str:
    from wellbeing_desktop.services.establishment import figure

    return figure(value)


def cmd_allocate(args: argparse.Namespace) -> int:
    from wellbeing_desktop.cli import _open
    from wellbeing_desktop.services.allocation import (
        allocation_options_by_name,
        options_as_dict,
    )

    db = _open(args)
    try:
        options = allocation_options_by_name(db, args.team, today=args.date)
    finally:
        db.close()
    if args.json:
        json.dump(options_as_dict(options), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_options(options)
    return 0


def print_options(options: AllocationOptions) -> None:
    from wellbeing_desktop.services.caseload_rules import format_number

    day = options.today.strftime("%d/%m/%Y")
    print(f"{options.team_name} - who can take a new case on {day}")
    if options.waiting is not None:
        print(f"Cases waiting to be allocated: {options.waiting}")
    print()
    if options.candidates:
        print(f"Room for a new case ({len(options.candidates)}), most room first:")
        for n, c in enumerate(options.candidates, 1):
            unit = " pts" if c.unit == "points" else ""
            print(
                f"{n:>3}. {c.name} ({c.role_name}, {format_number(c.fte)} FTE): "
                f"{format_number(c.load)}{unit} of {format_number(c.limit.red)}{unit} - {c.reason}"
            )
    else:
        print("No one in this team has room for a new case.")
    if options.excluded:
        print()
        print(f"Left out ({len(options.excluded)}):")
        for e in options.excluded:
            print(f"  - {e.name} ({e.role_name}): {e.reason}")


# ---- what `summary` adds ---------------------------------------------------------------


def headroom_words(headroom: float | None, unit: str) -> str:
    """'room for 6 cases', 'at the limit', '2 cases over', 'not known'."""
    from wellbeing_desktop.services.caseload_rules import format_number

    if headroom is None:
        return "not known"
    word = "point" if unit == "points" else "case"
    amount = abs(headroom)
    words = f"{format_number(amount)} {word}{'' if amount == 1 else 's'}"
    if headroom > 0:
        return f"room for {words}"
    if headroom == 0:
        return "at the limit"
    return f"{words} over"


def establishment_for(
    db: Any, team_ids: list[int] | None, summary: Any
) -> OrganisationEstablishment:
    from wellbeing_desktop.services.establishment import organisation_establishment

    return organisation_establishment(db, team_ids, summary=summary)


def print_establishment(found: OrganisationEstablishment, *, total: bool) -> None:
    def block(title: str, figures: EstablishmentFigures) -> None:
        print(f"Establishment - {title}:")
        for line in figures.describe():
            print(f"    {line}")

    print()
    for figures in found.teams:
        block(figures.team_name, figures)
    if total and len(found.teams) > 1:
        block("all teams", found.total)


def establishment_json(found: OrganisationEstablishment, *, total: bool) -> dict[str, object]:
    from wellbeing_desktop.services.establishment import establishment_as_dict

    data: dict[str, object] = {"establishment": [establishment_as_dict(t) for t in found.teams]}
    if total and len(found.teams) > 1:  # as the text: one team's figures are its own
        data["establishment_total"] = establishment_as_dict(found.total)
    return data
