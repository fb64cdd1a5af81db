"""``dhtc-tui evote ...``: decisions between meetings from the command line.

cli.py only registers the sub-command; everything it does is here. Exit
codes: 0 done, 1 a data problem (or a refused operation), 2 a usage mistake
(including a member name that fits no member or several).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..domain import evote as rules
from ..domain.evote import AmbiguousMember, EVote, EVoteError, EVoteKind, Mode
from ..domain.model import MeetingStatus, Member
from . import mail

EXIT_DATA = 1
EXIT_USAGE = 2


class UsageError(Exception):
    pass


class DataError(Exception):
    pass


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD") from None


def add_parser(sub, data_dir_option) -> None:
    evote = sub.add_parser(
        "evote",
        help="decisions between meetings: e-mail votes and minutes approved by e-mail",
        description="Open a decision by e-mail, record answers, show the tally, remind, close.",
    )
    data_dir_option(evote)
    actions = evote.add_subparsers(dest="evote_command", metavar="ACTION", parser_class=type(evote), required=True)

    def action(name: str, help: str) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=help, description=help)
        data_dir_option(parser)
        return parser

    def out_dir(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--out-dir", type=Path, default=Path("."), help="folder for the .eml draft (default: current folder)")

    def today(parser: argparse.ArgumentParser, what: str) -> None:
        parser.add_argument("--on", type=_day, metavar="YYYY-MM-DD", help=f"the day {what} (default: today)")

    opened = action("open", "open a decision: writes the ballot .eml and prints the new vote's id on its last line")
    opened.add_argument("--motion", required=True, help="the motion's wording (\"That ...\")")
    opened.add_argument("--mover", required=True, metavar="M", help="member id, name or unique prefix")
    opened.add_argument("--seconder", required=True, metavar="M")
    opened.add_argument("--deadline", required=True, type=_day, metavar="YYYY-MM-DD")
    opened.add_argument("--mode", choices=[m.value for m in Mode], help="consensus (default) or ballot (a removal is always a ballot)")
    opened.add_argument("--kind", choices=["ordinary", "removal", "location"], default="ordinary")
    opened.add_argument("--subject", metavar="M", help="the member proposed for removal")
    opened.add_argument("--notified-on", type=_day, metavar="YYYY-MM-DD", help="removal: the day the member was notified")
    opened.add_argument("--reasons", default="", help="removal: the reasons given to the member (kept, never e-mailed)")
    opened.add_argument("--reviewed", action="append", default=[], metavar="KEY", help="a possible identifying detail reviewed as not identifying (kind|text)")
    today(opened, "it opens")
    out_dir(opened)

    recorded = action("record", "record one member's answer by hand")
    recorded.add_argument("vote", metavar="VOTE", help="the vote's number or id")
    recorded.add_argument("--member", required=True, metavar="M")
    recorded.add_argument("--choice", required=True, choices=[c.value for c in rules.Choice])
    recorded.add_argument("--note", default="", help="a correction's wording (minutes)")
    today(recorded, "the answer was received")

    imported = action("import", "preview saved reply e-mails; --yes records them")
    imported.add_argument("vote", metavar="VOTE")
    imported.add_argument("files", nargs="+", type=Path, metavar="FILE.eml")
    imported.add_argument("--yes", action="store_true", help="record what the preview shows as matched")

    shown = action("show", "the tally (first line), then who has not answered")
    shown.add_argument("vote", metavar="VOTE")
    shown.add_argument("--record", action="store_true", help="print the short record for the minutes instead")

    exported = action("export", "print the short record for the minutes")
    exported.add_argument("vote", metavar="VOTE")

    reminded = action("remind", "write a reminder .eml to members that have not answered")
    reminded.add_argument("vote", metavar="VOTE")
    out_dir(reminded)

    closed = action("close", "close (at or after the deadline, or when all answered); writes the result .eml")
    closed.add_argument("vote", metavar="VOTE")
    closed.add_argument("--adopt", action="store_true", help="minutes: adopt the corrections received")
    closed.add_argument("--defer", action="store_true", help="minutes: take the approval to the next meeting")
    today(closed, "it closes")
    out_dir(closed)

    balloted = action("ballot", "put a consensus decision to a ballot (after an objection); writes the ballot .eml")
    balloted.add_argument("vote", metavar="VOTE")
    balloted.add_argument("--deadline", type=_day, metavar="YYYY-MM-DD", help="a new deadline (default: keep it)")
    today(balloted, "it goes to a ballot")
    out_dir(balloted)

    minutes = action("minutes", "ask for a meeting's minutes to be approved by e-mail; writes the request .eml")
    minutes.add_argument("--meeting", default="latest", help="latest (default), a date YYYY-MM-DD, or an id")
    minutes.add_argument("--deadline", required=True, type=_day, metavar="YYYY-MM-DD")
    today(minutes, "it opens")
    out_dir(minutes)

    action("list", "every decision between meetings, newest last")


def main(args: argparse.Namespace, directory: Path) -> int:
    from ..cli import CliError, _open_store

    try:
        # cli._open_store is read-only unless asked: only `list` only reads.
        store = _open_store(directory, writable=args.evote_command != "list")
    except CliError as exc:
        return _fail(str(exc), EXIT_DATA)
    try:
        handler = _HANDLERS[args.evote_command]
        return handler(store, args)
    except AmbiguousMember as exc:
        return _fail(str(exc), EXIT_USAGE)
    except UsageError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except (EVoteError, DataError) as exc:
        return _fail(str(exc), EXIT_DATA)
    except Exception as exc:  # a store error: one line, never a traceback
        from ..store.errors import StoreError

        if isinstance(exc, StoreError):
            return _fail(str(exc), EXIT_DATA)
        raise
    finally:
        store.close()


def _fail(message: str, code: int) -> int:
    print(f"dhtc-tui: {message}", file=sys.stderr)
    return code


# --------------------------------------------------------------------------


def find_vote(votes: list[EVote], wanted: str) -> EVote:
    wanted = (wanted or "").strip().lstrip("#")
    if wanted.isdigit() and len(wanted) < 6:
        found = [v for v in votes if v.number == int(wanted)]
    else:
        found = [v for v in votes if v.id == wanted] or [v for v in votes if v.id.startswith(wanted)]
    if len(found) != 1:
        known = ", ".join(f"{v.number} ({v.id})" for v in votes[-5:]) or "none yet"
        raise UsageError(f"No single e-vote is {wanted!r}. Known: {known}")
    return found[0]


def _member(query: str, members: list[Member]) -> Member:
    return rules.resolve_member(query, members)


def _write(message, out_dir: Path, name: str) -> Path:
    if not out_dir.is_dir():
        raise DataError(f"The folder {out_dir} does not exist")
    return mail.write(message, out_dir / name)


def _note_missing(members: list[Member], ids) -> None:
    missing = mail.without_email(members, ids)
    if missing:
        print(f"Note: no e-mail address for {', '.join(missing)}: tell them another way.")


def _open(store, args) -> int:
    members = store.members()
    settings = store.settings()
    on = args.on or date.today()
    mode = Mode(args.mode) if args.mode else (Mode.BALLOT if args.kind == "removal" else Mode.CONSENSUS)
    vote = EVote(
        motion=args.motion,
        deadline=args.deadline,
        opened_on=on,
        kind=EVoteKind(args.kind),
        mode=mode,
        mover_id=_member(args.mover, members).id,
        seconder_id=_member(args.seconder, members).id,
        subject_member_id=_member(args.subject, members).id if args.subject else None,
        removal_notified_on=args.notified_on,
        removal_reasons=args.reasons,
        reviewed=list(args.reviewed),
    )
    rules.open_evote(vote, members, existing=store.evotes(), base=settings.voting_base)
    message = mail.ballot(vote, members, settings)  # refuses before anything is saved
    path = _write(message, args.out_dir, f"evote-{vote.number}-ballot.eml")
    store.save_evote(vote)
    print(f"Opened e-vote {vote.number} ({vote.mode}); {len(vote.electorate)} eligible members; deadline {vote.deadline.isoformat()}")
    print(f"Wrote {path}")
    _note_missing(members, vote.electorate)
    print(vote.id)
    return 0


def _record(store, args) -> int:
    members = store.members()
    vote = find_vote(store.evotes(), args.vote)
    member = _member(args.member, members)
    rules.answer(vote, member.id, args.choice, args.on or date.today(), members, note=args.note)
    store.save_evote(vote)
    print(f"Recorded {member.name}: {args.choice}")
    print(rules.status_lines(vote, members)[0])
    return 0


def _import(store, args) -> int:
    members = store.members()
    vote = find_vote(store.evotes(), args.vote)
    today = date.today()
    rows = mail.preview(vote, args.files, members, today)
    for row in rows:
        who = row.member.name if row.member else (row.reply.sender or "?")
        choice = row.choice.upper() if row.choice else "-"
        when = row.reply.on.isoformat() if row.reply.on else "no date"
        print(f"{row.reply.path.name}: {who}: {choice} ({when}): {row.status}")
    ready = sum(1 for r in rows if r.ok)
    skipped = len(rows) - ready
    if not args.yes:
        print(f"{ready} to record, {skipped} left out. Nothing recorded yet: run again with --yes to record.")
        return 0
    count = mail.record(vote, rows, members, today)
    store.save_evote(vote)
    print(f"Recorded {count}, left out {skipped}.")
    print(rules.status_lines(vote, members)[0])
    return 0


def _show(store, args) -> int:
    members = store.members()
    vote = find_vote(store.evotes(), args.vote)
    if getattr(args, "record", False) or args.evote_command == "export":
        print(_record_text(store, vote, members))
        return 0
    for line in rules.status_lines(vote, members):
        print(line)
    print(f"E-vote {vote.number}: {vote.motion}")
    return 0


def _record_text(store, vote: EVote, members: list[Member]) -> str:
    if vote.kind is EVoteKind.MINUTES:
        return rules.minutes_approval_text(vote, _minutes_meeting(store, vote).date)
    return rules.record_text(vote, members)


def _remind(store, args) -> int:
    members = store.members()
    vote = find_vote(store.evotes(), args.vote)
    if vote.state.is_closed:
        raise EVoteError(f"E-vote {vote.number} is closed ({vote.state})")
    waiting = rules.not_answered(vote, members)
    if not waiting:
        print("Every eligible member has answered: no reminder needed.")
        return 0
    message = mail.reminder(vote, members, store.settings())
    path = _write(message, args.out_dir, f"evote-{vote.number}-reminder-{date.today().isoformat()}.eml")
    print(f"Wrote {path} ({len(waiting)} members)")
    _note_missing(members, waiting)
    return 0


def _minutes_meeting(store, vote: EVote):
    return store.load_meeting(vote.meeting_id)


def _close(store, args) -> int:
    members = store.members()
    vote = find_vote(store.evotes(), args.vote)
    on = args.on or date.today()
    meeting = None
    decision = "adopt" if args.adopt else "defer" if args.defer else None
    if args.adopt and args.defer:
        raise UsageError("Give --adopt or --defer, not both")
    if vote.kind is EVoteKind.MINUTES:
        meeting = _minutes_meeting(store, vote)
    rules.close(vote, members, on, meeting=meeting, corrections=decision)
    message = mail.result(vote, members, store.settings(), meeting.date if meeting else None)
    path = _write(message, args.out_dir, f"evote-{vote.number}-result.eml")
    if meeting is not None:
        store.save_meeting(meeting)
    store.save_evote(vote)
    print(_record_text(store, vote, members))
    print(f"Wrote {path}")
    print(mail.closed_result_word(vote))
    return 0


def _ballot(store, args) -> int:
    members = store.members()
    vote = find_vote(store.evotes(), args.vote)
    rules.to_ballot(vote, args.on or date.today(), args.deadline)
    message = mail.ballot(vote, members, store.settings())
    path = _write(message, args.out_dir, f"evote-{vote.number}-ballot.eml")
    store.save_evote(vote)
    print(f"E-vote {vote.number} is now a ballot; deadline {vote.deadline.isoformat()}")
    print(f"Wrote {path}")
    return 0


def _meeting_selector():
    """latest|DATE|ID to a meeting: the shared selector (it moved from
    minutes.commands to record.py; take whichever this tree has)."""
    try:
        from ..record import RecordError, select_meeting
    except ImportError:
        from ..minutes.commands import select_meeting
        from ..minutes.errors import MinutesError as RecordError
    return select_meeting, RecordError


def _minutes(store, args) -> int:
    members = store.members()
    select_meeting, error = _meeting_selector()
    try:
        meeting = select_meeting(store, args.meeting)
    except error as exc:
        raise DataError(str(exc)) from None
    if meeting.status is not MeetingStatus.CLOSED:
        raise EVoteError("The meeting is not closed yet: circulate its minutes first")
    on = args.on or date.today()
    vote = rules.open_minutes_approval(meeting, members, on, args.deadline, existing=store.evotes())
    message = mail.minutes_request(vote, meeting.date, members, store.settings())
    path = _write(message, args.out_dir, f"evote-{vote.number}-minutes-request.eml")
    store.save_evote(vote)
    print(f"Asked for approval of the minutes of {meeting.date.isoformat()} by {vote.deadline.isoformat()}")
    print(f"Wrote {path}")
    print(vote.id)
    return 0


def _list(store, args) -> int:
    members = store.members()
    votes = store.evotes()
    if not votes:
        print("No decisions between meetings yet.")
    for vote in votes:
        state = vote.state if vote.state.is_closed else f"open until {vote.deadline.isoformat()}"
        mode = "minutes" if vote.kind is EVoteKind.MINUTES else vote.mode
        first = rules.status_lines(vote, members)[0]
        print(f"{vote.number}  {vote.id}  {mode}  {state}  {vote.motion[:60]}  [{first}]")
    return 0


_HANDLERS = {
    "open": _open,
    "record": _record,
    "import": _import,
    "show": _show,
    "export": _show,
    "remind": _remind,
    "close": _close,
    "ballot": _ballot,
    "minutes": _minutes,
    "list": _list,
}
