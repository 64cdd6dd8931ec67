"""The argument parser: only the named command's parser is built, and it parses, helps
and fails exactly as the whole parser does."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from wellbeing_desktop.cli import COMMANDS, build_parser, main, parse_arguments

NAMES = sorted({name for names, _ in COMMANDS for name in names})


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _every_parser(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for name, sub in _subparsers(parser).items():
        yield from _every_parser(sub, (*path, name))


def _plain(args: argparse.Namespace) -> dict[str, object]:
    """The namespace with its handler named and its report options worked out (each
    parser has its own copy of those functions)."""
    values = vars(args).copy()
    if "run" in values:
        values["run"] = values["run"].__qualname__
    if "report_options" in values:
        values["report_options"] = values["report_options"](args)
    return values


@pytest.mark.parametrize("name", NAMES)
def test_a_commands_own_parser_helps_as_the_whole_one(name, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    whole = dict(_every_parser(build_parser()))
    own = dict(_every_parser(build_parser(name)))
    assert set(_subparsers(own[()])) <= set(NAMES)
    commands = [path for path in own if path and path[0] == name]
    assert commands and all(path in whole for path in commands)
    for path in commands:
        assert own[path].format_help() == whole[path].format_help(), path


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "caseload", "--team", "North", "--out", "x.pdf"],
        ["--database", "f.sqlite3", "report", "caseload", "--all", "--out", "x.pdf"],
        [
            "report",
            "compliance",
            "--team",
            "N",
            "--from",
            "2026-01-01",
            "--to",
            "2026-03-31",
            "--out",
            "c.pdf",
            "--database",
            "f.sqlite3",
        ],
        ["report", "wellbeing", "--person", "3", "--include-notes", "--out", "w.pdf"],
        ["report", "supervision-record", "--session", "7", "--out", "s.pdf"],
        ["summary", "--team", "A", "--team", "B", "--json"],
        ["db", "backup", "--out", "b.sqlite3"],
        ["db", "check", "--passphrase-env", "X"],
        ["demo-data", "--staff", "50", "--years", "2"],
        ["export", "person", "--person", "4", "--out", "p.json"],
        ["export", "calendar", "--team", "A", "--out", "c.ics"],
        ["import", "staff", "people.csv", "--team", "A", "--dry-run"],
        ["retention", "preview"],
        ["erase", "person", "--person", "2", "--yes"],
        ["--database", "report", "summary", "--all"],  # a file called 'report'
    ],
)
def test_a_commands_own_parser_parses_as_the_whole_one(argv):
    whole = build_parser().parse_args(argv)
    assert _plain(parse_arguments(argv)) == _plain(whole)
    assert whole.run is not None


def test_no_command_is_the_desktop_app():
    args = parse_arguments(["--demo"])
    assert args.command is None and args.demo and getattr(args, "run", None) is None


def test_help_lists_every_command(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out == build_parser().format_help()
    for name in NAMES:
        assert f"    {name} " in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nonsense"], "argument COMMAND: invalid choice: 'nonsense' (choose from 'demo-data', "),
        (["report", "caseload", "--team", "A"], "the following arguments are required: --out"),
        (
            ["report", "caseload", "--team", "A", "--out", "x.pdf", "--bogus"],
            "unrecognized arguments: --bogus (see 'wellbeing-desktop --help')",
        ),
        (["--database", "report", "report"], "required: REPORT"),
    ],
)
def test_errors_are_the_whole_parsers_in_one_line(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_only_short_jobs_keep_the_collector_off():
    """``short_job`` turns the cycle collector off for the rest of the process: right for
    a report, wrong for the desktop app or a long import or demo generation."""
    report = ["report", "caseload", "--team", "A", "--out", "x.pdf"]
    assert parse_arguments(report).short_job is True
    for argv in (["demo-data"], ["import", "staff", "f.csv", "--team", "A"], ["--demo"]):
        assert not getattr(parse_arguments(argv), "short_job", False), argv
