"""The command line for people's data rights: export a person's data, erase a person,
apply the retention rule.

Kept beside ``cli.py`` (which registers these commands) so each module stays
small. Output names people by number only, never by name, and shows counts,
never notes: a terminal's scrollback is not a safe place for special-category
data.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from wellbeing_desktop.errors import WellbeingError


def _person(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a person's number") from None
    if number <= 0:
        raise argparse.ArgumentTypeError("a person's number is more than 0")
    return number


def _whole_years(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of years") from None


def add_commands(commands: argparse._SubParsersAction, database: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add ``export``, ``erase`` and ``retention`` to the top-level subcommands."""
    export = commands.add_parser("export", help="export everything held about a person")
    parser_class = type(export)  # the CLI's parser, whose errors are one line
    export_what = export.add_subparsers(
        dest="export_what", metavar="WHAT", required=True, parser_class=parser_class
    )
    person = export_what.add_parser(
        "person",
        parents=[database],
        help="subject access: everything held about one person, as JSON or PDF",
    )
    person.add_argument("--person", type=_person, required=True, metavar="ID")
    person.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="FILE.json or FILE.pdf"
    )

    erase = commands.add_parser("erase", help="remove a person and everything about them")
    erase_what = erase.add_subparsers(
        dest="erase_what", metavar="WHAT", required=True, parser_class=parser_class
    )
    who = erase_what.add_parser(
        "person", parents=[database], help="show what would go, confirm, then erase"
    )
    who.add_argument("--person", type=_person, required=True, metavar="ID")
    who.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    retention = commands.add_parser(
        "retention", help="remove the records of people who left long ago"
    )
    steps = retention.add_subparsers(
        dest="retention_step", metavar="ACTION", required=True, parser_class=parser_class
    )
    steps.add_parser("preview", parents=[database], help="show who and what the rule removes")
    apply = steps.add_parser("apply", parents=[database], help="preview, confirm, then remove")
    apply.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    years = steps.add_parser(
        "set-years", parents=[database], help="set how many years after leaving records go"
    )
    years.add_argument("years", type=_whole_years, metavar="YEARS")


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from wellbeing_desktop.cli import _open as open_for_command

    return open_for_command(args)


def _confirm(question: str, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        raise WellbeingError(
            "Confirmation is needed and there is no terminal to ask: run again with --yes."
        )
    try:
        answer = input(f"{question} Type 'yes' to go ahead: ")
    except EOFError:
        return False
    return answer.strip().lower() == "yes"


def cmd_export(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in {".json", ".pdf"}:
        raise WellbeingError("Name the export FILE.json (for machines) or FILE.pdf (to read).")
    db = _open(args)
    try:
        if suffix == ".pdf":
            from wellbeing_desktop.reports.subject_access import export_pdf

            document = export_pdf(db, args.person, args.out)
        else:
            from wellbeing_desktop.services.subject_access import export_json

            document = export_json(db, args.person, args.out)
    finally:
        db.close()
    total = sum(document.counts().values())
    print(f"Exported {total} records about person {args.person} to {args.out}.")
    print("The export is recorded in the audit trail. It holds personal data: keep it secure.")
    return 0


def _print_counts(rows: list[tuple[str, int]], indent: str = "  ") -> None:
    for label, count in rows:
        if count:
            print(f"{indent}{label}: {count}")


def cmd_erase(args: argparse.Namespace) -> int:
    from wellbeing_desktop.services.erasure import CLEARED, REMOVED, erase_person, preview_erasure

    db = _open(args)
    try:
        preview = preview_erasure(db, args.person)
        print(f"Erasing person {args.person} removes {preview.total_removed} records:")
        _print_counts([(REMOVED[name], n) for name, n in preview.removed])
        if any(n for _name, n in preview.cleared):
            print("and clears links to them in records that stay:")
            _print_counts([(CLEARED[name], n) for name, n in preview.cleared])
        if not _confirm("This cannot be undone.", args.yes):
            print("Nothing was erased.")
            return 1
        erase_person(db, args.person, expected=preview)
    finally:
        db.close()
    print(f"Erased person {args.person}. The audit trail records the counts, not who it was.")
    return 0


def _print_retention(preview) -> None:  # type: ignore[no-untyped-def]
    from wellbeing_desktop.services.erasure import CLEARED, REMOVED
    from wellbeing_desktop.services.retention import GUIDANCE

    print(
        f"Retention rule: remove people who left more than {preview.years} "
        f"year{'' if preview.years == 1 else 's'} ago "
        f"(before {preview.cutoff.strftime('%d/%m/%Y')})."
    )
    print(f"  {GUIDANCE}")
    if not preview.people:
        print("Nobody is due for removal.")
        return
    count = len(preview.people)
    print(f"Due for removal: {count} {'person' if count == 1 else 'people'}")
    for person in preview.people:
        print(f"  person {person.staff_id}: {person.total_removed} records")
    words = {**REMOVED, **CLEARED}
    print("Records by type:")
    _print_counts([(words[name], n) for name, n in preview.totals()])


def cmd_retention(args: argparse.Namespace) -> int:
    from wellbeing_desktop.services.retention import (
        apply_retention,
        preview_retention,
        set_retention_years,
    )

    db = _open(args)
    try:
        if args.retention_step == "set-years":
            years = set_retention_years(db, args.years)
            print(f"Records now go {years} year{'' if years == 1 else 's'} after a person leaves.")
            return 0
        preview = preview_retention(db)
        _print_retention(preview)
        if args.retention_step == "preview" or not preview.people:
            return 0
        if not _confirm("This cannot be undone.", args.yes):
            print("Nothing was removed.")
            return 1
        done = apply_retention(db, expected=preview)
    finally:
        db.close()
    who = "1 person" if len(done.people) == 1 else f"{len(done.people)} people"
    print(f"Removed the records of {who}; the audit trail has the counts.")
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "export": cmd_export,
    "erase": cmd_erase,
    "retention": cmd_retention,
}
