"""``dhtc-tui seat export | open | import``: the two-laptop meeting.

cli.py only registers the sub-command; everything it does is here.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from ..domain import seat as rules
from ..domain.model import Meeting, MeetingStatus
from ..domain.text import long_date
from .files import SeatFileError, read_bundle, write_bundle

EXIT_DATA = 1
EXIT_USAGE = 2


class SeatError(Exception):
    """A problem a person can fix; the message is one line."""


def add_parser(sub, data_dir_option) -> None:
    seat = sub.add_parser("seat", help="the minute taker's notes file: export, open, import")
    data_dir_option(seat)
    actions = seat.add_subparsers(dest="seat_command", metavar="ACTION", parser_class=type(seat), required=True)
    export = actions.add_parser("export", help="write the notes file for the minute taker")
    data_dir_option(export)
    export.add_argument("--meeting", default="next", help="next (default), a date YYYY-MM-DD, or an id")
    export.add_argument("--out", type=Path, help="file or folder to write (default: current folder)")
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    opened = actions.add_parser("open", help="take notes in a notes file (no coalition data needed)")
    opened.add_argument("file", type=Path)
    imported = actions.add_parser("import", help="preview, then merge (--yes) a minute taker's notes file")
    data_dir_option(imported)
    imported.add_argument("file", type=Path)
    imported.add_argument("--yes", action="store_true", help="merge what the preview shows")


def main(args: argparse.Namespace, directory: Path) -> int:
    try:
        if args.seat_command == "export":
            path = export_notes(directory, args.meeting, args.out, args.force)
            print(f"Wrote {path}: send it to the minute taker, who opens it with `dhtc-tui seat open {path.name}`.")
            return 0
        if args.seat_command == "open":
            return open_seat(args.file)
        if args.seat_command == "import":
            return import_notes(directory, args.file, args.yes)
    except (SeatError, SeatFileError) as exc:
        print(f"dhtc-tui: {exc}", file=sys.stderr)
        return EXIT_DATA
    return EXIT_USAGE


def _open_store(directory: Path):
    from ..store.errors import StoreError
    from ..store.repository import Store

    try:
        return Store.open(directory)
    except StoreError as exc:
        raise SeatError(str(exc).replace("\n", " ")) from None
    except PermissionError as exc:
        raise SeatError(f"cannot use the data directory {directory}: {exc.strerror}") from None


def _store_call(fn, *args):
    from ..store.errors import StoreError

    try:
        return fn(*args)
    except StoreError as exc:
        raise SeatError(str(exc).replace("\n", " ")) from None


def select_meeting(store, selector: str) -> Meeting:
    """``next``: the meeting under way, else the first one planned; a date; an id."""
    refs = _store_call(store.meetings)
    wanted = (selector or "next").strip()
    if wanted.lower() == "next":
        chosen = [r for r in refs if r.status is MeetingStatus.IN_PROGRESS] or [
            r for r in refs if r.status is MeetingStatus.SCHEDULED
        ]
        if not chosen:
            raise SeatError("No meeting is planned: plan the next meeting in the app (n on the home screen) first.")
        ref = chosen[-1] if chosen[0].status is MeetingStatus.IN_PROGRESS else chosen[0]
    elif re.match(r"^\d{4}-\d{2}-\d{2}$", wanted):
        try:
            day = date.fromisoformat(wanted)
        except ValueError:
            raise SeatError(f"{wanted} is not a valid date: use YYYY-MM-DD.") from None
        same = [r for r in refs if r.date == day]
        if not same:
            raise SeatError(f"There is no meeting on {long_date(day)}.")
        ref = same[-1]
    else:
        same = [r for r in refs if r.id == wanted]
        if not same:
            raise SeatError(f"No meeting \u201c{wanted}\u201d: give next, a date (YYYY-MM-DD) or a meeting id.")
        ref = same[0]
    return _store_call(store.load_meeting, ref.id)


def resolve_out(out: Path | None, filename: str) -> Path:
    if out is None:
        return Path.cwd() / filename
    out = Path(out).expanduser()
    if out.is_dir():
        return out / filename
    if not out.parent.is_dir():
        raise SeatError(f"The folder {out.parent} does not exist.")
    return out


def write_notes_file(meeting: Meeting, members, settings, target: Path, force: bool) -> rules.SeatBundle:
    """Link the meeting (the caller saves it) and write its notes file."""
    if target.exists() and not force:
        raise SeatError(f"{target} already exists; use --force to replace it.")
    bundle = rules.bundle_for(meeting, members, settings)
    write_bundle(target, bundle)
    return bundle


def export_notes(directory: Path, selector: str, out: Path | None, force: bool) -> Path:
    store = _open_store(directory)
    try:
        meeting = select_meeting(store, selector)
        settings = _store_call(store.settings)
        members = _store_call(store.members)
        target = resolve_out(out, rules.notes_filename(settings.short_name, meeting.date))
        linked = bool(meeting.seat_id)
        write_notes_file(meeting, members, settings, target, force)
        if not linked:
            _store_call(store.save_meeting, meeting)
        return target
    finally:
        store.close()


def open_seat(path: Path) -> int:
    bundle = read_bundle(path)  # refuse a bad file before the screen opens
    from ..tui.seat.app import SeatApp

    app = SeatApp(Path(path), bundle)
    try:
        app.run()
    finally:
        app.shutdown()
    return app.return_code or 0


def find_linked_meeting(store, bundle: rules.SeatBundle) -> Meeting:
    for ref in reversed(_store_call(store.meetings)):
        meeting = _store_call(store.load_meeting, ref.id)
        if meeting.seat_id and meeting.seat_id == bundle.seat_id:
            return meeting
    raise SeatError(
        f"This notes file (meeting of {bundle.date.isoformat()}) belongs to another meeting or another "
        "coalition: nothing was imported."
    )


def preview_lines(meeting: Meeting, bundle: rules.SeatBundle, changes: list[rules.SeatChange]) -> list[str]:
    saved = f", saved {bundle.saved_at:%Y-%m-%d %H:%M}" if bundle.saved_at else ""
    lines = [f"Minute taker's notes for the meeting of {long_date(meeting.date)}{saved}:"]
    if not changes:
        lines.append("Nothing new: everything in this file is already merged.")
    for change in changes:
        lines.extend(rules.describe(change))
    return lines


def import_notes(directory: Path, path: Path, yes: bool) -> int:
    bundle = read_bundle(path)
    store = _open_store(directory)
    try:
        meeting = find_linked_meeting(store, bundle)
        changes = rules.preview(meeting, bundle)
        for line in preview_lines(meeting, bundle, changes):
            print(line)
        mergeable = [c for c in changes if not c.problem]
        if not yes:
            if mergeable:
                print("Preview only: nothing was changed. Run again with --yes to merge.")
            return 0
        if not mergeable:
            return 0
        _store_call(store.backup, [meeting.id])
        done = rules.merge(meeting, bundle)
        _store_call(store.save_meeting, meeting)
        print(f"Merged {len(done)} place(s); a backup of the meeting was kept first.")
        return 0
    finally:
        store.close()
