"""The command line for spreadsheets and calendars: ``import staff``, ``import training``,
``export calendar`` and ``export summary``.

Kept beside ``cli.py`` (which registers these commands) so each module stays small.
Output names rows by their number in the file and people by their number in the
app, never by name, and never prints notes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wellbeing_desktop.errors import NotFoundError, WellbeingError


def _hours(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of hours") from None
    if not 1 <= number <= 80:
        raise argparse.ArgumentTypeError("full-time hours are between 1 and 80")
    return number


def _subcommands(parent: argparse.ArgumentParser) -> Any:
    """The sub-command group of a parser that has one (``export`` may already have been
    made by ``cli_rights`` for ``export person``)."""
    for action in parent._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    """Add ``import staff``, ``export calendar`` and ``export summary``."""
    from wellbeing_desktop.cli import _date, _Parser

    parser_class = _Parser  # its errors are one line, as everywhere on the command line
    importing = commands.add_parser("import", help="bring people in from a spreadsheet")
    what = importing.add_subparsers(
        dest="import_what", metavar="WHAT", required=True, parser_class=parser_class
    )
    staff = what.add_parser(
        "staff",
        parents=[database],
        help="staff (and their caseloads) from a .xlsx or .csv file: a preview, then the import",
    )
    staff.add_argument("file", type=Path, metavar="FILE", help="the .xlsx or .csv file")
    staff.add_argument("--team", required=True, metavar="NAME", help="the team they join")
    staff.add_argument(
        "--dry-run", action="store_true", help="show the preview and problems; save nothing"
    )
    staff.add_argument(
        "--create-team", action="store_true", help="create the team if there is none by that name"
    )
    staff.add_argument(
        "--duplicates",
        choices=("skip", "update"),
        default="skip",
        help="people already in the team: leave them as they are (default) or update them",
    )
    staff.add_argument(
        "--create-roles",
        action="store_true",
        help="create roles the database does not have (with the limits of --limits-from)",
    )
    staff.add_argument("--limits-from", metavar="ROLE", help="the role whose limits new roles copy")
    staff.add_argument("--role", metavar="ROLE", help="the role for rows that name none")
    staff.add_argument(
        "--full-time-hours",
        type=_hours,
        default=37.5,
        metavar="HOURS",
        help="hours a week of a full-time post, for an hours column (default 37.5)",
    )
    staff.add_argument(
        "--caseloads-on", type=_date, default=None, metavar="DATE", help="date of the caseloads"
    )
    staff.add_argument(
        "--report", type=Path, metavar="FILE.csv", help="also save the import report"
    )
    staff.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    staff.set_defaults(run=cmd_import_staff)
    training = what.add_parser(
        "training",
        parents=[database],
        help="training completions from a .xlsx or .csv file: a preview, then the import",
    )
    training.add_argument("file", type=Path, metavar="FILE", help="the .xlsx or .csv file")
    training.add_argument(
        "--team", metavar="NAME", help="match people by name within this team (default: all)"
    )
    training.add_argument(
        "--dry-run", action="store_true", help="show the preview and problems; save nothing"
    )
    training.add_argument(
        "--names",
        action="store_true",
        help="name the person each row matched (default: their number in the app)",
    )
    training.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    training.set_defaults(run=cmd_import_training)

    export = commands.choices.get("export")
    if export is None:
        export = commands.add_parser("export", help="export data to other programs")
    export_what = _subcommands(export) or export.add_subparsers(
        dest="export_what", metavar="WHAT", required=True, parser_class=parser_class
    )
    calendar = export_what.add_parser(
        "calendar",
        parents=[database],
        help="upcoming supervision and action due dates as an .ics calendar file",
    )
    teams = calendar.add_mutually_exclusive_group(required=True)
    teams.add_argument("--team", action="append", metavar="NAME", help="team (repeatable)")
    teams.add_argument("--all", action="store_true", help="every team")
    calendar.add_argument("--out", required=True, type=Path, metavar="FILE.ics")
    names = calendar.add_mutually_exclusive_group()
    names.add_argument(
        "--with-names",
        action="store_true",
        help="put people's names (and the words of actions) in the events",
    )
    names.add_argument("--initials", action="store_true", help="put people's initials in them")
    calendar.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    calendar.set_defaults(run=cmd_export_calendar)

    summary = export_what.add_parser(
        "summary", parents=[database], help="the team table as .xlsx or .csv"
    )
    which = summary.add_mutually_exclusive_group(required=True)
    which.add_argument("--team", action="append", metavar="NAME", help="team (repeatable)")
    which.add_argument("--all", action="store_true", help="every team")
    summary.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx|FILE.csv")
    summary.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    summary.set_defaults(run=cmd_export_summary)


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from wellbeing_desktop.cli import _open as open_for_command

    return open_for_command(args)


def _role_id(db: Any, name: str | None) -> int | None:
    if not name:
        return None
    from wellbeing_desktop.services.importing import match_role
    from wellbeing_desktop.services.importing.preview import RoleRef
    from wellbeing_desktop.services.people import list_roles

    roles = [RoleRef(r.id, r.name) for r in list_roles(db)]
    found, close = match_role(name, roles)
    if found is None:
        hint = f" (did you mean: {'; '.join(close)}?)" if close else ""
        raise NotFoundError(f"There is no role called '{name}'{hint}.")
    return found.id


def _team(db: Any, name: str, create: bool) -> tuple[int | None, str]:
    from wellbeing_desktop.services.summary import find_team_ids

    try:
        return find_team_ids(db, [name])[0], ""
    except NotFoundError:
        if not create:
            raise NotFoundError(
                f"There is no team called '{name.strip()}': add --create-team to create it."
            ) from None
        return None, name.strip()


def cmd_import_staff(args: argparse.Namespace) -> int:
    from wellbeing_desktop.services import importing as imp

    sheet = imp.read_sheet(args.file)
    guesses = imp.guess_mapping(sheet)
    mapping = imp.mapping_of(guesses)
    from wellbeing_desktop.cli import _open_or_create_default

    db = _open_or_create_default(args)
    try:
        team_id, new_team = _team(db, args.team, args.create_team)
        role_id = _role_id(db, args.role)
        options = imp.ImportOptions(
            team_id=team_id,
            new_team_name=new_team,
            duplicates=args.duplicates,
            create_unknown_roles=args.create_roles,
            role_template_id=_role_id(db, args.limits_from) or role_id,
            default_role_id=role_id,
            full_time_hours=args.full_time_hours,
            caseloads_on=args.caseloads_on,
            today=args.today,
        )
        print(f"Read {sheet.file_name}: {len(sheet.rows)} rows. " + " ".join(sheet.how_read))
        _print_mapping(guesses)
        preview = imp.build_preview(db, sheet, mapping, options)
        _print_preview(preview, args.create_roles)
        if args.dry_run:
            print("Dry run: nothing was saved.")
            return 0
        if not preview.count(imp.Action.ADD) and not preview.count(imp.Action.UPDATE):
            print("Nothing to import.")
            return 1
        report = imp.apply_import(db, preview)
    finally:
        db.close()
    print(f"Imported into {report.team_name}: {report.summary()}")
    if args.report:
        written = imp.save_report(report, args.report)
        print(f"Report written to {written} (it holds names: keep it secure).")
    return 0


def cmd_import_training(args: argparse.Namespace) -> int:
    from wellbeing_desktop.services.importing import read_sheet
    from wellbeing_desktop.services.importing import training_import as ti
    from wellbeing_desktop.services.summary import find_team_ids

    sheet = read_sheet(args.file)
    guesses = ti.guess_training_mapping(sheet)
    db = _open(args)
    try:
        team_id = find_team_ids(db, [args.team])[0] if args.team else None
        print(f"Read {sheet.file_name}: {len(sheet.rows)} rows. " + " ".join(sheet.how_read))
        _print_mapping(guesses)
        preview = ti.build_training_preview(
            db, sheet, ti.training_mapping_of(guesses), team_id=team_id, today=args.today
        )
        where = f" for {preview.team_name}" if preview.team_name else ""
        print(f"Preview{where}: {preview.summary()}")
        _print_matches(preview, names=args.names)
        _print_problems(
            (row.row_number, problem) for row in preview.rows for problem in row.problems
        )
        if args.dry_run:
            print("Dry run: nothing was saved.")
            return 0
        if not preview.count(ti.ADD):
            print("Nothing to import.")
            return 1
        report = ti.apply_training_import(db, preview)
    finally:
        db.close()
    print(f"Imported training completions: {report.summary()}")
    return 0


def _print_mapping(guesses: Any) -> None:
    from wellbeing_desktop.services.importing import CONFIDENCE_WORDS, column_letter

    print("Columns:")
    for guess in guesses:
        target = (
            f"{guess.field.label} ({CONFIDENCE_WORDS[guess.confidence].lower()})"
            if guess.field is not None
            else "not imported"
        )
        print(f"  {column_letter(guess.column)} '{guess.header}': {target}")


def _print_preview(preview: Any, creating_roles: bool) -> None:

    print(f"Preview for {preview.team_name}: {preview.summary()}")
    for role in () if creating_roles else preview.unknown_roles:
        print(
            f"Unknown role '{role.text}' ({role.rows} row{'s' if role.rows != 1 else ''}): "
            "use --create-roles to create it, or add it in Settings first."
        )
    _print_problems((row.row_number, problem) for row in preview.rows for problem in row.problems)


def _print_matches(preview: Any, *, names: bool) -> None:
    """Each row as matched: person, course, the date as read, and any note on how."""
    from wellbeing_desktop.services.importing import Severity
    from wellbeing_desktop.services.importing import training_import as ti

    print("Rows as matched:")
    for row in preview.rows:
        notes = " ".join(p.message for p in row.problems if p.severity is Severity.NOTE)
        what = "add" if row.action == ti.ADD else "left out"
        print(
            f"  row {row.row_number}: {what}: {row.matched_words(names=names)}"
            + (f" ({notes})" if notes else "")
        )


def _print_problems(found: Any) -> None:
    from wellbeing_desktop.services.importing import Severity

    problems = [(number, p) for number, p in found if p.severity is not Severity.NOTE]
    if problems:
        print("Problems:")
        for number, problem in problems:
            kind = "left out" if problem.severity is Severity.SKIP else "check"
            print(f"  row {number}: {kind}: {problem.message}")


def cmd_export_calendar(args: argparse.Namespace) -> int:
    from wellbeing_desktop.services.calendar_export import NameShown, export_calendar
    from wellbeing_desktop.services.summary import find_team_ids

    if args.out.suffix.lower() != ".ics":
        raise WellbeingError("Name the calendar file FILE.ics.")
    shown = (
        NameShown.FULL
        if args.with_names
        else NameShown.INITIALS
        if args.initials
        else NameShown.NUMBER
    )
    db = _open(args)
    try:
        team_ids = None if args.all else find_team_ids(db, args.team)
        count = export_calendar(db, team_ids, args.out, names=shown, today=args.today)
    finally:
        db.close()
    print(f"Calendar written to {args.out}: {count} event{'s' if count != 1 else ''}.")
    if shown is not NameShown.NUMBER:
        print("It holds names: calendars sync to phones and are often shared; keep it secure.")
    return 0


def cmd_export_summary(args: argparse.Namespace) -> int:
    from wellbeing_desktop.services.exporting import export_table, team_summary_table
    from wellbeing_desktop.services.summary import find_team_ids, team_summary

    db = _open(args)
    try:
        team_ids = None if args.all else find_team_ids(db, args.team)
        summary = team_summary(db, team_ids, today=args.today)
    finally:
        db.close()
    written = export_table(team_summary_table(summary.people, summary.title), args.out)
    print(f"Wrote {summary.headcount} people to {written}.", file=sys.stdout)
    return 0
