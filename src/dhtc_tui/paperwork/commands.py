"""``dhtc-tui agenda | letter | roster | reminders``: the chair's paperwork.

cli.py only registers these; everything they do is here. Exit codes as
everywhere: 0 done, 1 a data problem, 2 a usage mistake.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_DATA = 1
EXIT_USAGE = 2
COMMANDS = ("agenda", "letter", "roster", "reminders")
#: As in letters.KINDS (not imported here: the parser is built at every start).
LETTER_KINDS = ("removal-notice", "removal-outcome", "withdrawal", "application-decision")


def add_parsers(sub, data_dir_option) -> None:
    agenda = sub.add_parser("agenda", help="write the next meeting's agenda package (.docx, .eml, .ics)")
    data_dir_option(agenda)
    agenda.add_argument("--meeting", default="next", help="next (default), a date YYYY-MM-DD, or an id")
    agenda.add_argument("--out-dir", type=Path, help="folder to write into (default: current folder)")
    agenda.add_argument("--force", action="store_true", help="overwrite existing files")

    letter = sub.add_parser("letter", help="write a letter to a member (.docx, and .eml if it has an address)")
    data_dir_option(letter)
    letter.add_argument("kind", choices=LETTER_KINDS, metavar="KIND", help=", ".join(LETTER_KINDS))
    letter.add_argument("--member", help="the member: id, name or the start of its name")
    letter.add_argument("--meeting", default="latest", help="latest (default), a date YYYY-MM-DD, or an id")
    letter.add_argument("--application", help="application id (application-decision)")
    letter.add_argument("--out-dir", type=Path, help="folder to write into (default: current folder)")
    letter.add_argument("--force", action="store_true", help="overwrite existing files")

    roster = sub.add_parser("roster", help="import the roster from a spreadsheet, or export it")
    data_dir_option(roster)
    actions = roster.add_subparsers(dest="roster_command", metavar="ACTION", parser_class=type(roster), required=True)
    imported = actions.add_parser("import", help="add and update members from a .xlsx or .csv file")
    data_dir_option(imported)
    imported.add_argument("file", type=Path)
    imported.add_argument("--dry-run", action="store_true", help="only report what would change")
    exported = actions.add_parser("export", help="write the roster as .xlsx, .csv or a printable .docx")
    data_dir_option(exported)
    exported.add_argument("--format", choices=["xlsx", "csv", "docx"], help="default: from --out, else xlsx")
    exported.add_argument("--out", type=Path, help="file or folder to write (default: current folder)")
    exported.add_argument("--force", action="store_true", help="overwrite an existing file")

    reminders = sub.add_parser("reminders", help="write an e-mail draft per action-item owner")
    data_dir_option(reminders)
    reminders.add_argument("--out-dir", type=Path, help="folder to write into (default: current folder)")
    reminders.add_argument("--force", action="store_true", help="overwrite existing files")


def _fail(message: str, code: int = EXIT_DATA) -> int:
    print(f"dhtc-tui: {message}", file=sys.stderr)
    return code


def main(args: argparse.Namespace, directory: Path) -> int:
    from ..cli import CliError, _open_store
    from ..domain.disclosure import DisclosureRefused
    from ..minutes.errors import MinutesError
    from ..paths import TemplateError
    from ..record import RecordError
    from ..store.errors import StoreError
    from .letters import LetterError
    from .roster_io import RosterFileError

    # Letters are recorded on the member and an import writes the roster;
    # everything else only reads (and so creates, locks and writes nothing).
    writes = args.command == "letter" or (
        args.command == "roster" and args.roster_command == "import" and not args.dry_run
    )
    try:
        store = _open_store(directory, writable=writes)
    except CliError as exc:
        return _fail(str(exc))
    try:
        return _run(args, store)
    except LetterError as exc:
        return _fail(str(exc), EXIT_USAGE if exc.usage else EXIT_DATA)
    except (MinutesError, RecordError, TemplateError, StoreError, RosterFileError, DisclosureRefused) as exc:
        return _fail(str(exc))
    finally:
        store.close()


def _run(args: argparse.Namespace, store) -> int:
    command = args.command
    if command == "agenda":
        from .agenda import write_agenda

        report = write_agenda(store, args.meeting, args.out_dir, args.force)
        for path in report.paths:
            print(f"Wrote {path}")
        print(f"The e-mail draft goes to {report.recipients} member address(es) in Bcc; open it to review and send.")
        for note in report.notes:
            print(f"Note: {note}")
        return 0
    if command == "letter":
        from .letters import write_letter

        report = write_letter(store, args.kind, args.member, args.meeting, args.application, args.out_dir, args.force)
        for path in report.paths:
            print(f"Wrote {path}")
        for note in report.notes:
            print(f"Note: {note}")
        return 0
    if command == "roster" and args.roster_command == "import":
        from .roster_io import describe, import_roster

        result = import_roster(store, args.file, args.dry_run)
        stream = sys.stderr if result.plan.errors else sys.stdout
        for line in describe(result.plan, args.dry_run):
            print(line, file=stream)
        return EXIT_DATA if result.plan.errors else 0
    if command == "roster":
        from .roster_io import export_roster

        path = export_roster(store, args.format, args.out, args.force)
        print(f"Wrote {path} ({len(store.members())} members)")
        return 0
    if command == "reminders":
        from .reminders import write_reminders

        report = write_reminders(store, args.out_dir, args.force)
        for line in report.lines:
            print(line)
        print(f"Wrote {len(report.paths)} file(s) to {args.out_dir or Path.cwd()}.")
        return 0
    return _fail(f"unknown command {command}", EXIT_USAGE)
