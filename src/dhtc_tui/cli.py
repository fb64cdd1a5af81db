"""Command line: launch the app, write the demo, export and circulate minutes.

Exit codes: 0 done, 1 a data problem (message on stderr), 2 a usage error,
3 `check` found unreviewed identifying details.
Never a traceback for anything a person can cause.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .paths import TemplateError, data_dir

if TYPE_CHECKING:
    from .store.repository import Store

EXIT_DATA = 1
EXIT_USAGE = 2


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors too
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the coalition's data lives (default: $DHTC_DATA_DIR, else the user data directory)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="dhtc-tui",
        description="Meeting console for the Durham Human Trafficking Coalition.",
    )
    parser.add_argument("--version", action="version", version=f"dhtc-tui {__version__}")
    _data_dir_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    run = sub.add_parser("run", help="open the meeting console (the default)")
    _data_dir_option(run)

    demo = sub.add_parser("demo", help="write a fictional demo coalition")
    _data_dir_option(demo)
    demo.add_argument("--force", action="store_true", help="replace an existing store")

    export = sub.add_parser("export", help="write a meeting's minutes as .docx")
    _data_dir_option(export)
    export.add_argument("--meeting", default="latest", help="latest (default), next, a date YYYY-MM-DD, or an id")
    export.add_argument("--out", type=str, help="file or folder to write (default: current folder)")
    export.add_argument("--force", action="store_true", help="overwrite an existing file")

    circulate = sub.add_parser("circulate", help="write minutes, an e-mail draft (.eml) and an invitation (.ics)")
    _data_dir_option(circulate)
    circulate.add_argument("--meeting", default="latest", help="latest (default), next, a date YYYY-MM-DD, or an id")
    circulate.add_argument("--out-dir", type=Path, help="folder to write into (default: current folder)")
    circulate.add_argument("--force", action="store_true", help="overwrite existing files")

    check = sub.add_parser("check", help="list unreviewed identifying details of a meeting (exit 3 if any)")
    _data_dir_option(check)
    check.add_argument("--meeting", default="latest", help="latest (default), next, a date YYYY-MM-DD, or an id")

    backups = sub.add_parser("backups", help="list backups, or restore one")
    _data_dir_option(backups)
    backups.add_argument("--restore", metavar="FILE", type=Path, help="put this backup copy back in place")
    backups.add_argument("--yes", action="store_true", help="restore without asking (scripts)")
    from .meetings_command import add_parser as add_meetings_parser

    add_meetings_parser(sub, _data_dir_option)
    from .seat.commands import add_parser as add_seat_parser

    add_seat_parser(sub, _data_dir_option)
    from .evote.commands import add_parser as add_evote_parser

    add_evote_parser(sub, _data_dir_option)
    from .paperwork import commands as paperwork

    paperwork.add_parsers(sub, _data_dir_option)
    return parser


def fail(message: str, code: int = EXIT_DATA) -> int:
    print(f"dhtc-tui: {message}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    directory = data_dir(getattr(args, "data_dir", None))
    command = args.command or "run"
    try:
        if command == "run":
            return run_app(directory)
        if command == "demo":
            return write_demo(directory, args.force)
        if command == "export":
            return export_minutes(directory, args.meeting, args.out, args.force)
        if command == "circulate":
            return circulate_minutes(directory, args.meeting, args.out_dir, args.force)
        if command == "check":
            return _check(directory, args.meeting)
        if command == "backups":
            return manage_backups(directory, args.restore, args.yes)
        if command == "meetings":
            from .meetings_command import main as meetings_main

            try:
                return meetings_main(args, directory, _open_store)
            except CliError as exc:
                return fail(str(exc))
        if command == "seat":
            from .seat.commands import main as seat_main

            return seat_main(args, directory)
        if command == "evote":
            from .evote.commands import main as evote_main

            return evote_main(args, directory)
        if command in ("agenda", "letter", "roster", "reminders"):
            from .paperwork.commands import main as paperwork_main

            return paperwork_main(args, directory)
    except KeyboardInterrupt:
        return 130
    except CliError as exc:
        return fail(str(exc))
    except OSError as exc:
        # A full disk, a read-only or vanished folder: one line, never a traceback.
        where = f" {exc.filename}" if exc.filename else ""
        return fail(f"could not use{where}: {exc.strerror or exc}. Nothing else was changed.")
    except RecursionError:
        return fail("a data file is nested too deeply to be a dhtc-tui file.")
    return fail(f"unknown command {command}", EXIT_USAGE)


def _open_store(directory: Path, *, writable: bool = False):
    """Open the store; read-only unless the command must write.

    A read-only store creates, locks and writes nothing, so a mistyped
    --data-dir creates no folder and export runs beside the app.
    """
    from .store.crashlog import write_crash_log
    from .store.errors import DataFileError, StoreError
    from .store.repository import Store

    try:
        store = Store.open(directory, read_only=not writable)
    except StoreError as exc:
        if writable and isinstance(exc, DataFileError) and exc.detail:
            write_crash_log(directory, f"{exc}\n{exc.detail}")
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot use the data directory {directory}: {exc.strerror or exc}") from None
    for notice in store.notices:
        print(f"dhtc-tui: {notice}", file=sys.stderr)
    return store


class CliError(Exception):
    pass


def open_for_app(directory: Path, today: date) -> Store:
    """The store as ``dhtc-tui run`` opens it: writable and locked, and the
    meetings the app opens at once read and checked. A damaged, missing or
    newer meeting file is refused here (CliError), before anything is
    drawn, with the same line the other commands give (every file is looked
    for; the ones the app opens at once are read)."""
    from .store.errors import StoreError

    store = _open_store(directory, writable=True)
    try:
        store.check_meetings(store.startup_refs(today), present=store.meetings())
    except StoreError as exc:
        store.close()
        raise CliError(str(exc)) from None
    return store


def run_app(directory: Path, headless: bool = False) -> int:
    from .tui.gc_settings import startup_pause

    with startup_pause():  # on again once home is drawn (tui/gc_settings.py)
        try:
            store = open_for_app(directory, date.today())
        except CliError as exc:
            return fail(str(exc))
        from .tui.app import CoalitionApp

        app = CoalitionApp(store)
        try:
            app.run(headless=headless)
        finally:
            app.shutdown()
    if app.recovery_path is not None:
        return fail(
            f"changes could not be saved in {directory}; they were written to {app.recovery_path}"
        )
    return app.return_code or 0


def write_demo(directory: Path, force: bool) -> int:
    from .demo import build_demo
    from .store.repository import COALITION_FILE, MEETINGS_DIR

    existing = (directory / COALITION_FILE).exists() or any((directory / MEETINGS_DIR).glob("*.json"))
    if existing and not force:
        return fail(
            f"{directory} already holds a coalition store; use --force to replace it "
            "(a backup copy is kept in its backups folder)."
        )
    try:
        store = _open_store(directory, writable=True)
    except CliError as exc:
        return fail(str(exc))  # DataFileError already says to move the file aside; StoreLocked is no damage
    try:
        if existing:
            store.backup([ref.id for ref in store.meetings()])
            for ref in store.meetings():
                store.meeting_path(ref.id).unlink(missing_ok=True)
            store.close()
            (directory / COALITION_FILE).unlink()
            store = _open_store(directory, writable=True)
        build_demo(store, date.today(), plan_next=True)
        members = len(store.members())
        meetings = len(store.meetings())
    finally:
        store.close()
    print(f"Wrote the demo coalition ({members} members, {meetings} meetings) to {directory}")
    return 0


def export_minutes(directory: Path, selector: str, out: Path | None, force: bool) -> int:
    from .minutes import commands
    from .minutes.errors import MinutesError
    from .record import RecordError, load_record

    try:
        store = _open_store(directory)
    except CliError as exc:
        return fail(str(exc))
    try:
        report = commands.export(load_record(store, selector), out, force)
    except (MinutesError, RecordError, TemplateError) as exc:
        return fail(str(exc), getattr(exc, "exit_code", EXIT_DATA))
    finally:
        store.close()
    print(f"Wrote {report.path}")
    if report.incomplete:
        print("Note: the meeting is still in progress; the minutes are marked incomplete.")
    if report.findings_left_out:
        print(f"Note: {commands.left_out_note(report.findings_left_out)}")
    if report.characters_removed:
        print(f"Note: {report.characters_removed} control character(s) were removed from the texts.")
    return 0


def circulate_minutes(directory: Path, selector: str, out_dir: Path | None, force: bool) -> int:
    from .minutes import commands
    from .minutes.errors import MinutesError
    from .record import RecordError, load_record

    try:
        store = _open_store(directory)
    except CliError as exc:
        return fail(str(exc))
    try:
        report = commands.circulate(load_record(store, selector), out_dir, force)
    except (MinutesError, RecordError, TemplateError) as exc:
        return fail(str(exc), getattr(exc, "exit_code", EXIT_DATA))
    finally:
        store.close()
    for path in report.paths:
        print(f"Wrote {path}")
    for warning in report.warnings:
        print(f"Note: {warning}")
    return 0


def _check(directory: Path, selector: str) -> int:
    from .check import run

    try:
        return run(directory, selector, _open_store)
    except CliError as exc:
        return fail(str(exc))


def manage_backups(directory: Path, restore: Path | None, yes: bool = False) -> int:
    from .store.errors import StoreError
    from .store.repository import list_backups, plan_restore, restore_backup

    if not directory.is_dir():
        return fail(f"There is no data folder {directory} (a mistyped --data-dir?); nothing was created.")
    if restore is None:
        found = list_backups(directory)
        if not found:
            print(f"No backups yet in {directory / 'backups'}.")
        for path in found:
            print(path)
        return 0
    try:
        plan = plan_restore(directory, restore)
    except StoreError as exc:
        return fail(str(exc))
    print(f"Restoring {restore} to {plan.target} will change:")
    for change in plan.changes:
        print(f"  - {change}")
    if not yes and sys.stdin is not None and sys.stdin.isatty():
        answer = input("Restore it? The replaced file is kept beside it. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return 0
    try:
        target = restore_backup(directory, restore, plan)
    except StoreError as exc:
        return fail(str(exc))
    print(f"Restored {restore} to {target} (the replaced file was kept beside it).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
