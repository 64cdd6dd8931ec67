"""The command line: arguments in, services and reports called, one-line errors out.

Without a subcommand it starts the desktop app. Every failure a user can cause
(a damaged file, a server that is down, a team that does not exist, bad
arguments) is one line on stderr and a non-zero exit, never a traceback.

Adding a command:

* a new top-level command ``NAME``: write ``_add_NAME(commands, database)`` that adds
  its parser (``commands.add_parser("NAME", parents=[database], help=...)`` when it
  opens the database) and names its handler with ``set_defaults(run=cmd_NAME)``, and
  list it in ``COMMANDS``; ``cmd_NAME(args) -> int`` returns the exit code. A command
  that is one short job (seconds, not minutes) may add ``short_job=True``: the cycle
  collector then stays off for its process, and the process ends as soon as the job
  has finished without an error, which is quicker (see `_main` and `main`). A large
  command can live in its own module (``cli_rights.py``, ``cli_import.py``).
* a new ``report KIND``: add its parser in `_add_report`, with ``report_options``
  turning its arguments into ``reports.render``'s keyword arguments.
* a new subcommand of another command (``import training``): add it where that
  command's other subcommands are added, with its own ``set_defaults(run=...)``.

Only the parser of the command named on the line is built (`parse_arguments`); help,
errors and the desktop app get the whole parser. Keep the handlers' imports inside
them, so that one command does not load what another needs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from wellbeing_desktop import APP_NAME, __version__
from wellbeing_desktop.errors import ValidationError, WellbeingError

PROG = "wellbeing-desktop"


class ArgumentError(WellbeingError):
    exit_code = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise ArgumentError(f"{message} (see '{self.prog} --help')")


def _date(value: str) -> dt.date:
    from wellbeing_desktop.services.validation import parse_date

    try:
        return parse_date("date", "Date", value)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return number


def _years(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number") from None
    if not 0 < number <= 30:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 30")
    return number


def _add_demo_data(commands: Any, database: argparse.ArgumentParser) -> None:
    demo = commands.add_parser(
        "demo-data", parents=[database], help="generate a realistic demo organisation"
    )
    demo.add_argument("--staff", type=_positive, default=60, help="number of staff (default 60)")
    demo.add_argument("--years", type=_years, default=3, help="years of history (default 3)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    demo.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    demo.add_argument(
        "--encrypt", action="store_true", help="encrypt the new database with a passphrase"
    )
    demo.set_defaults(run=cmd_demo_data)


def _add_db(commands: Any, database: argparse.ArgumentParser) -> None:
    from wellbeing_desktop.cli_security import add_db_commands

    db = commands.add_parser("db", help="check, back up or upgrade the database")
    db.set_defaults(run=cmd_db)
    db_commands = db.add_subparsers(
        dest="db_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    db_commands.add_parser("check", parents=[database], help="check integrity and migration state")
    backup = db_commands.add_parser(
        "backup", parents=[database], help="write a consistent copy of the database"
    )
    backup.add_argument(
        "--out", type=Path, metavar="FILE", help="default: a new file in the backups folder"
    )
    add_db_commands(db_commands, database)  # restore, backups, encrypt, change-passphrase
    db_commands.add_parser(
        "upgrade", parents=[database], help="bring the database up to this version's schema"
    )


def _add_summary(commands: Any, database: argparse.ArgumentParser) -> None:
    summary = commands.add_parser(
        "summary", parents=[database], help="caseloads against safe limits, per person and team"
    )
    summary.set_defaults(run=cmd_summary)
    which = summary.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--team", action="append", metavar="NAME", help="team name (repeat for several)"
    )
    which.add_argument("--all", action="store_true", help="every team")
    summary.add_argument("--json", action="store_true", help="machine-readable output")
    summary.add_argument(
        "--date", type=_date, default=None, help="summarise as on this date (default today)"
    )


def _add_report(commands: Any, database: argparse.ArgumentParser) -> None:
    """``report KIND``: each kind's parser names, with ``report_options``, what its
    options mean to ``reports.render`` (see `cmd_report`)."""
    report = commands.add_parser("report", help="write a PDF report")
    report.set_defaults(run=cmd_report, short_job=True)
    reports = report.add_subparsers(
        dest="report_kind", metavar="REPORT", required=True, parser_class=_Parser
    )
    output = _Parser(add_help=False)
    output.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="the PDF")
    output.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    caseload = reports.add_parser(
        "caseload", parents=[database, output], help="caseloads against safe limits"
    )
    teams = caseload.add_mutually_exclusive_group(required=True)
    teams.add_argument(
        "--team", action="append", metavar="NAME", help="team name (repeat for several)"
    )
    teams.add_argument("--all", action="store_true", help="every team, with a contents page")
    caseload.add_argument(
        "--no-supervision", action="store_true", help="leave out the supervision columns"
    )
    caseload.set_defaults(
        report_options=lambda args: {
            "all_teams": args.all,
            "team_names": args.team,
            "supervision": not args.no_supervision,
        }
    )
    record = reports.add_parser(
        "supervision-record", parents=[database, output], help="one session, for signing"
    )
    record.add_argument("--session", required=True, type=_positive, metavar="ID")
    record.set_defaults(report_options=lambda args: {"session_id": args.session})
    compliance = reports.add_parser(
        "compliance", parents=[database, output], help="supervision expected and held in a period"
    )
    compliance.add_argument(
        "--team",
        action="append",
        required=True,
        metavar="NAME",
        help="team name (repeat for several)",
    )
    compliance.add_argument("--from", dest="start", required=True, type=_date, metavar="DATE")
    compliance.add_argument("--to", dest="end", required=True, type=_date, metavar="DATE")
    compliance.set_defaults(
        report_options=lambda args: {
            "team_names": args.team,
            "start": args.start,
            "end": args.end,
        }
    )
    wellbeing = reports.add_parser(
        "wellbeing", parents=[database, output], help="one person's wellbeing summary"
    )
    wellbeing.add_argument("--person", required=True, type=_positive, metavar="ID")
    wellbeing.add_argument(
        "--include-notes", action="store_true", help="include free-text notes (left out by default)"
    )
    wellbeing.set_defaults(
        report_options=lambda args: {"staff_id": args.person, "include_notes": args.include_notes}
    )
    training = reports.add_parser(
        "training", parents=[database, output], help="mandatory training: matrix and what is due"
    )
    training_teams = training.add_mutually_exclusive_group(required=True)
    training_teams.add_argument("--team", action="append", metavar="NAME", help="team name")
    training_teams.add_argument("--all", action="store_true", help="every team")
    training.set_defaults(report_options=_training_options)


def _training_options(args: argparse.Namespace) -> dict[str, Any]:
    """One team or all: the training report's heading cannot name several teams yet
    (it would say "All teams"), so a repeated --team is refused rather than one kept."""
    if args.team is not None and len(args.team) > 1:
        raise ArgumentError(
            "report training takes one --team, or --all; run it once for each team "
            f"(see '{PROG} report training --help')"
        )
    return {"team_names": args.team, "all_teams": args.all}


def _add_rights(commands: Any, database: argparse.ArgumentParser) -> None:
    from wellbeing_desktop.cli_rights import HANDLERS, add_commands

    add_commands(commands, database)  # export, erase, retention
    for name, handler in HANDLERS.items():
        commands.choices[name].set_defaults(run=handler)


def _add_allocate(commands: Any, database: argparse.ArgumentParser) -> None:
    from wellbeing_desktop.cli_allocation import add_commands

    add_commands(commands, database)  # allocate --team NAME; establishment --team NAME


def _add_import(commands: Any, database: argparse.ArgumentParser) -> None:
    from wellbeing_desktop.cli_import import add_commands

    add_commands(commands, database)  # import staff; export calendar and summary


# Every top-level command: the names it adds, and the function that adds them, in the
# order `--help` lists them. Two functions may add to one command (`export`).
COMMANDS: tuple[tuple[tuple[str, ...], Callable[[Any, argparse.ArgumentParser], None]], ...] = (
    (("demo-data",), _add_demo_data),
    (("db",), _add_db),
    (("summary",), _add_summary),
    (("allocate", "establishment"), _add_allocate),
    (("report",), _add_report),
    (("export", "erase", "retention"), _add_rights),
    (("import", "export"), _add_import),
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or with ``command`` only that command's (much quicker to build,
    and it parses that command's arguments exactly as the whole parser does)."""
    database = _Parser(add_help=False)
    database.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="database file path or URL (sqlite:///FILE or postgresql://USER@HOST/NAME); "
        "default: the local database in your data folder",
    )
    from wellbeing_desktop.cli_security import add_passphrase_option

    add_passphrase_option(database)
    parser = _Parser(
        prog=PROG,
        parents=[database],
        description=f"{APP_NAME}: caseloads, supervision and staff wellbeing for line managers.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a realistic generated demo organisation instead of your data",
    )
    parser.add_argument(
        "--quit-when-ready",
        action="store_true",
        help="open the window, wait until the dashboard has painted, then exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for names, add in COMMANDS:
        if command is None or command in names:
            add(commands, database)
    return parser


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """``argv`` parsed. Only the named command's parser is built when that is enough;
    help, errors and the desktop app (no command) get the whole parser, so what they
    print is always the whole parser's."""
    tokens = list(sys.argv[1:] if argv is None else argv)
    command = _command_named(tokens)
    if command is not None:
        try:
            return build_parser(command).parse_args(tokens)
        except ArgumentError:
            pass  # said by the whole parser, in its words
    return build_parser().parse_args(tokens)


def _command_named(tokens: Sequence[str]) -> str | None:
    names = {name for group, _ in COMMANDS for name in group}
    for token in tokens:
        if token == "-h" or token.startswith("--h"):  # --help and its abbreviations
            return None
        if token in names:
            return token
    return None


def _database_target(args: argparse.Namespace) -> str | None:
    value = getattr(args, "database", None)
    return value or os.environ.get("WELLBEING_DESKTOP_DATABASE") or None


def _open(args: argparse.Namespace, *, create: bool = False):  # type: ignore[no-untyped-def]
    from wellbeing_desktop.cli_security import open_for

    return open_for(args, _database_target(args), create=create)


HOW_TO_CREATE = (
    "Start the app once to create it, or run 'wellbeing-desktop import staff FILE --team "
    "NAME --create-team' (which creates the default database), or "
    "'wellbeing-desktop demo-data' for a demonstration one."
)


def _open_or_create_default(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Open the database; the default one (no --database, no WELLBEING_DESKTOP_DATABASE)
    is created and initialised first if it does not exist yet, as the app does on first
    start, with a line saying so. A database named explicitly must exist (a typing slip
    should not make a new empty one)."""
    from wellbeing_desktop.storage.database import database_path_of

    target = _database_target(args)
    path = database_path_of(target)
    create = target is None and path is not None and not path.exists()
    if create:
        print(
            f"No database yet: creating the default one at {path} (as the app does on first start)."
        )
    return _open(args, create=create)


def cmd_demo_data(args: argparse.Namespace) -> int:
    from wellbeing_desktop.storage.database import resolve_url, sqlite_path

    target = _database_target(args)
    url = resolve_url(target)
    path = sqlite_path(url)
    if path is not None and path.exists() and path.stat().st_size > 0:
        raise WellbeingError(
            f"{path} already exists: demo data goes into a new database. "
            "Choose another file name or remove it first."
        )
    from wellbeing_desktop.services.demo_data import generate_demo_data

    if args.encrypt:
        from wellbeing_desktop.cli_security import new_passphrase
        from wellbeing_desktop.services.setup import open_app_database

        passphrase = new_passphrase(getattr(args, "passphrase_env", None))
        db = open_app_database(target, create=True, passphrase=passphrase)
    else:
        from wellbeing_desktop.services.setup import open_app_database

        db = open_app_database(target, create=True)
    try:
        last = -1

        def progress(fraction: float) -> None:
            nonlocal last
            step = int(fraction * 10)
            if step != last and sys.stderr.isatty():
                print(f"\r  generating… {step * 10}%", end="", file=sys.stderr, flush=True)
            last = step

        stats = generate_demo_data(
            db,
            staff=args.staff,
            years=args.years,
            seed=args.seed,
            today=args.today,
            progress=progress,
        )
        if sys.stderr.isatty():
            print(file=sys.stderr)
    finally:
        db.close()
    print(f"Demo organisation written to {db.label}: {stats.describe()}")
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from wellbeing_desktop import cli_security

    target = _database_target(args)
    if args.db_command in cli_security.DB_HANDLERS:
        return cli_security.DB_HANDLERS[args.db_command](args, target)
    if args.db_command == "check":
        from wellbeing_desktop.errors import DatabaseError
        from wellbeing_desktop.storage.check import check_database

        try:
            report = check_database(target, cli_security.key_for(args, target))
        except DatabaseError as error:
            if str(error).startswith("There is no database"):
                raise DatabaseError(f"{error} {HOW_TO_CREATE}") from None
            raise
        print(f"Database: {report.label}")
        print(
            f"Schema: {report.revision or 'none'} (this version expects {report.head})"
            + ("" if report.up_to_date else " - run 'wellbeing-desktop db upgrade'")
        )
        for problem in report.problems:
            print(f"Problem: {problem}")
        print("Result: ok" if report.ok else "Result: problems found")
        return 0 if report.ok else 1
    if args.db_command == "backup":
        return cli_security.cmd_backup(args, target)
    from wellbeing_desktop.storage.check import check_database
    from wellbeing_desktop.storage.database import open_database

    key = cli_security.key_for(args, target)
    before = check_database(target, key)
    db = open_database(target, create=False, upgrade=True, key=key)
    db.close()
    if before.up_to_date:
        print(f"{db.label} is already up to date ({before.head}).")
    else:
        print(f"Upgraded {db.label} from {before.revision} to {before.head}.")
    return 0


def _print_summary(summary) -> None:  # type: ignore[no-untyped-def]
    from wellbeing_desktop.cli_allocation import headroom_words
    from wellbeing_desktop.services.caseload_rules import (
        RECORD_LOOKBACK_WORDS,
        CaseloadStatus,
        format_number,
    )
    from wellbeing_desktop.services.percentages import percent_words

    print(f"{summary.title} - caseloads on {summary.today.strftime('%d/%m/%Y')}")
    print()
    for person in summary.people:
        if person.limit.unit == "points":  # the load and the limit in the same unit
            points = person.weighted_points
            load = "-" if points is None else format_number(points)
            of = f"{load} of {format_number(person.limit.red)} points"
        else:
            cases = "-" if person.open_cases is None else str(person.open_cases)
            of = f"{cases} of {format_number(person.limit.red)}"
        print(
            f"{person.status.symbol} {person.name} ({person.team_name}, {person.role_name}, "
            f"{format_number(person.fte)} FTE): {of} - {person.status.words}"
        )
        print(f"    {person.reason}")
        print(f"    Headroom: {headroom_words(person.headroom, person.limit.unit)}")
        if person.workload.words:
            print(f"    Workload plan: {person.workload.words}")
        if person.workload.pause_until is not None:
            print(
                "    No new cases until "
                + person.workload.pause_until.strftime("%d/%m/%Y")
                + " (paused by the plan)"
            )
        if not person.training.ok:
            print(f"    Mandatory training: {person.training.words}")
    print()
    utilisation = summary.overall_utilisation
    print(f"People: {summary.headcount} ({format_number(summary.total_fte)} FTE)")
    unweighted = summary.count(CaseloadStatus.UNWEIGHTED)
    print(
        f"Over safe limit: {summary.count(CaseloadStatus.RED)}; "
        f"approaching: {summary.count(CaseloadStatus.AMBER)}; "
        f"within: {summary.count(CaseloadStatus.GREEN)}; "
        f"no caseload recorded: {summary.count(CaseloadStatus.UNKNOWN)}"
        + (f"; not weighted: {unweighted}" if unweighted else "")
    )
    # The share in use counts only the people whose latest record is from the last
    # RECORD_LOOKBACK_DAYS days, as the chart's latest month (services/summary.py);
    # each share is printed with the two figures it comes from and who it leaves out.
    if summary.has_cases_roles or not summary.has_points_roles:
        print(
            f"Cases: {summary.counted_cases} against a safe limit of "
            f"{format_number(summary.recorded_capacity)} for those with a record "
            f"{RECORD_LOOKBACK_WORDS}"
            + (f" ({percent_words(utilisation)})" if utilisation is not None else "")
            + (" (roles counted in cases)" if summary.has_points_roles else "")
            + _left_out_words(
                len(summary.cases_without_record),
                summary.capacity_without_record,
                missing=f"no record {RECORD_LOOKBACK_WORDS}",
            )
        )
    if summary.has_points_roles:
        points_in_use = summary.points_in_use
        print(
            f"Points: {format_number(summary.counted_points)} against a safe limit of "
            f"{format_number(summary.points_recorded_capacity)} points for those with "
            f"weighted points recorded {RECORD_LOOKBACK_WORDS}"
            + (f" ({percent_words(points_in_use)})" if points_in_use is not None else "")
            + " (roles counted in points)"
            + _left_out_words(
                len(summary.points_without_record),
                summary.points_capacity_without_record,
                " points",
                f"no weighted points {RECORD_LOOKBACK_WORDS}",
            )
        )
    print(
        f"No recent caseload record: {len(summary.without_recent_record)}; "
        f"supervision overdue: {len(summary.supervision_overdue)}; "
        f"check-ins due: {len(summary.checkins_due)}; "
        f"actions overdue: {summary.overdue_actions}; follow-ups due: {summary.followups_due}"
    )
    print(
        f"Workload plans needed: {len(summary.workload_plans_needed)}; "
        f"reviews overdue: {len(summary.workload_reviews_overdue)}"
    )
    print(f"Mandatory training: {_training_totals(summary)}")


def _left_out_words(people: int, limit: float, unit: str = "", missing: str = "no record") -> str:
    """'; 1 person with no record left out (safe limit 40)', or '' when no one is."""
    from wellbeing_desktop.services.caseload_rules import format_number

    if not people:
        return ""
    whom = "1 person" if people == 1 else f"{people} people"
    return f"; {whom} with {missing} left out (safe limit {format_number(limit)}{unit})"


def _training_totals(summary) -> str:  # type: ignore[no-untyped-def]
    """The team's mandatory training in one line: expired, missing, expiring, and how
    many people each touches."""
    from wellbeing_desktop.services.percentages import share_words

    counts = [p.training for p in summary.people]
    required = sum(c.required for c in counts)
    if not required:
        return "none required"
    parts = []
    for word in ("expired", "missing", "expiring"):
        items = sum(getattr(c, word) for c in counts)
        people = sum(1 for c in counts if getattr(c, word))
        if items:
            whom = "1 person" if people == 1 else f"{people} people"
            parts.append(f"{items} {word} ({whom})")
    done = required - sum(c.expired + c.missing for c in counts)
    up_to_date = f"{done} of {required} up to date ({share_words(done, required)})"
    return "; ".join([*parts, up_to_date]) if parts else f"all {required} up to date"


def cmd_summary(args: argparse.Namespace) -> int:
    from wellbeing_desktop import cli_allocation
    from wellbeing_desktop.services.summary import (
        find_team_ids,
        summary_as_dict,
        team_summary,
    )

    db = _open(args)
    try:
        team_ids = None if args.all else find_team_ids(db, args.team)
        summary = team_summary(db, team_ids, today=args.date)
        establishment = cli_allocation.establishment_for(db, team_ids, summary)
    finally:
        db.close()
    if args.json:
        data = {
            **summary_as_dict(summary),
            **cli_allocation.establishment_json(establishment, total=True),
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_summary(summary)
        cli_allocation.print_establishment(establishment, total=True)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from wellbeing_desktop.reports import render

    kind = args.report_kind
    options: dict[str, Any] = args.report_options(args)
    from wellbeing_desktop.reports.output import check_target
    from wellbeing_desktop.services.report_events import save_report_pdf

    target = check_target(args.out)  # a folder that is not there: said before drawing
    db = _open(args)
    try:
        names = options.pop("team_names", None)
        if names:  # --team, once or more: the report is for those teams together
            from wellbeing_desktop.services.summary import find_team_ids

            # by number, for the report and its audit entry; a team named twice once
            options["team_ids"] = list(dict.fromkeys(find_team_ids(db, names)))
        data = render(kind, db, today=args.today, **options)
        # The file appears only once its audit entry ("exported") is recorded.
        written = save_report_pdf(db, data, target, kind, options)
    finally:
        db.close()
    print(f"Report written to {written}")
    _warn_if_characters_replaced()
    return 0


def _warn_if_characters_replaced() -> None:
    from wellbeing_desktop.reports.fonts import last_report_replaced

    if last_report_replaced():  # names no one: the report itself says so too
        print(
            f"{PROG}: warning: some characters could not be printed in the report's fonts "
            "and are shown as \ufffd",
            file=sys.stderr,
        )


def cmd_gui(args: argparse.Namespace) -> int:
    from wellbeing_desktop.cli_security import passphrase_from_environment

    passphrase = passphrase_from_environment(args)  # --passphrase-env NAME, if given
    from wellbeing_desktop.ui.app import run_app

    return run_app(
        database=_database_target(args),
        demo=args.demo,
        quit_when_ready=args.quit_when_ready,
        passphrase=passphrase,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """The program (``wellbeing-desktop``, ``python -m wellbeing_desktop``): ``argv``
    None means this process's own arguments, and that it ends when this returns."""
    ended = _Ended()
    code = _main(argv, ends_process=argv is None, ended=ended)
    if argv is None:
        # The process ends next. Python's last collections at exit would walk every
        # object still alive (SQLAlchemy's, reportlab's: about a quarter of a report
        # command's time); frozen, they are skipped. Exiting frees the memory anyway.
        gc.freeze()
        if ended.short_job and code == 0:
            _end_process_now(code)
    return code


class _Ended:
    """What `_main` tells `main` about the command it ran."""

    short_job = False


def _end_process_now(code: int) -> None:
    """End a process whose short job has finished cleanly without Python's shutdown,
    which would take down every module and object one by one (a twentieth of a
    report's time). Everything the job wrote is already closed and renamed into place
    (the database too); what is left to do is flushed here: the log file and the
    standard streams."""
    import contextlib
    import logging

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(code)


class _Terminated(BaseException):
    """SIGTERM arrived: raised where the command is, so that it stops as after Ctrl-C
    (a BaseException, so no ``except Exception`` in a command swallows it)."""


def _stop_on_sigterm() -> None:
    """Turn SIGTERM (``kill``, a logout, a service manager stopping the job) into
    `_Terminated`, so that the command's ``finally`` blocks run: a report stopped half
    way would otherwise leave its hidden temporary file, full of personal data, beside
    the target (storage/files.py). Only for a command run as the process itself, from
    its main thread (signal handlers can be set nowhere else); the desktop app keeps
    Qt's own way of ending."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def stop(_number: int, _frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends it at once
        raise _Terminated

    signal.signal(signal.SIGTERM, stop)


def _main(
    argv: Sequence[str] | None, *, ends_process: bool = False, ended: _Ended | None = None
) -> int:
    from wellbeing_desktop.logs import log_file, log_unexpected, setup_logging

    setup_logging()
    try:
        args = parse_arguments(argv)
        run = getattr(args, "run", None)  # the command's handler (set_defaults)
        if run is None:
            return cmd_gui(args)
        if ends_process:
            _stop_on_sigterm()  # the command's finally blocks remove its temporary files
        if ends_process and getattr(args, "short_job", False):
            # Everything a short job makes lives until the process ends, right after it:
            # the collector would only scan it again and again, and all of it at once if
            # it came back on before the end (about a tenth of a report's time). So it
            # stays off, and `main` freezes what is left before the process ends.
            from wellbeing_desktop import collector

            collector.pause()
            if ended is not None:
                ended.short_job = True
        return int(run(args))
    except WellbeingError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: stopped.", file=sys.stderr)
        return 130
    except _Terminated:
        print(f"{PROG}: stopped.", file=sys.stderr)
        return 143  # 128 + SIGTERM, as a shell reports a process ended by it
    except BrokenPipeError:
        return 0
    except Exception as error:  # the last line of defence: a calm line, details to the log
        log_unexpected(error)
        print(
            f"{PROG}: an unexpected error stopped this ({type(error).__name__}); "
            f"details are in {log_file()}",
            file=sys.stderr,
        )
        return 70
