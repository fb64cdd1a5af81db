"""One meeting and what its exports need, read from the store.

The command line and the app choose a meeting here; the minutes, the
e-mail, the invitation and ``dhtc-tui check`` then work on these domain
objects and never open the store themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .domain.evote import EVote
from .domain.model import ActionItem, Meeting, MeetingStatus, Member, MinutesStatus, Settings
from .domain.sequence import previous_meeting
from .domain.text import long_date
from .store.errors import StoreError
from .store.repository import MeetingRef, Store

_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


class RecordError(Exception):
    """A meeting that cannot be chosen or read; the message is for the chair."""

    #: The command line's exit code: 1, a data problem.
    exit_code = 1


class SelectorError(RecordError):
    """The meeting selector itself is wrong (a malformed date, a date with
    two meetings): a usage mistake, exit 2."""

    exit_code = 2


@dataclass
class MeetingRecord:
    meeting: Meeting
    members: list[Member]
    settings: Settings
    actions: list[ActionItem]
    #: The meeting whose minutes this one approved, if any.
    previous: Meeting | None = None
    #: The later meeting that approved this one's minutes, if any.
    approval: Meeting | None = None
    #: Date part of every file name made for this meeting: unique per meeting
    #: (see :func:`file_tag`).
    tag: str = ""
    #: Every decision between meetings (e-votes and minutes approved by
    #: e-mail): the minutes report those that concern this meeting.
    evotes: list[EVote] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.tag:
            self.tag = self.meeting.date.isoformat()


def _refs(store: Store) -> list[MeetingRef]:
    try:
        return store.meetings()
    except StoreError as exc:
        raise RecordError(str(exc)) from None


def _load(store: Store, ref: MeetingRef) -> Meeting:
    try:
        return store.load_meeting(ref.id)
    except StoreError as exc:
        raise RecordError(str(exc)) from None


def _started(ref: MeetingRef) -> bool:
    return ref.status in (MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED)


def select_ref(store: Store, selector: str | None) -> MeetingRef:
    """``None`` or "latest": the newest meeting (by date) that has started or
    closed; a date ``YYYY-MM-DD``; or a meeting id."""
    refs = _refs(store)
    if not refs:
        raise RecordError("There are no meetings yet: start one in the app first.")
    wanted = (selector or "").strip()
    if not wanted or wanted.lower() == "latest":
        started = [r for r in refs if _started(r)]
        if not started:
            raise RecordError(
                "No meeting has started yet. Choose one by date (YYYY-MM-DD) to export its agenda."
            )
        return started[-1]
    if _ISO_DATE.match(wanted):
        try:
            day = date.fromisoformat("-".join(p.zfill(2) for p in wanted.split("-")))
        except ValueError:
            raise SelectorError(f"{wanted} is not a valid date: use YYYY-MM-DD, e.g. 2026-09-17.") from None
        same = [r for r in refs if r.date == day]
        if not same:
            known = ", ".join(r.date.isoformat() for r in refs[-5:])
            raise RecordError(f"There is no meeting on {long_date(day)}. Recent meetings: {known}.")
        if len(same) > 1:
            raise SelectorError(
                f"There are {len(same)} meetings on {long_date(day)}: give one of their ids "
                f"({', '.join(r.id for r in same)}); `dhtc-tui meetings` lists them."
            )
        return same[0]
    by_id = [r for r in refs if r.id == wanted]
    if by_id:
        return by_id[0]
    if wanted.lower() == "next":
        # As `dhtc-tui seat`: the meeting under way, else the first one planned.
        running = [r for r in refs if r.status is MeetingStatus.IN_PROGRESS]
        if running:
            return running[-1]
        ahead = [r for r in refs if r.status is MeetingStatus.SCHEDULED]
        if not ahead:
            raise RecordError("No meeting is planned: plan the next meeting in the app (n on the home screen).")
        return ahead[0]
    if re.match(r"^\d{4}-", wanted) or re.match(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$", wanted):
        raise SelectorError(f"{wanted} is not a valid date: use YYYY-MM-DD, e.g. 2026-09-17.")
    known = ", ".join(r.date.isoformat() for r in refs[-5:])
    raise RecordError(
        f"No meeting \u201c{wanted}\u201d: give latest, next, a date (YYYY-MM-DD) or a meeting id. "
        f"Recent meetings: {known}."
    )


def select_meeting(store: Store, selector: str | None) -> Meeting:
    return _load(store, select_ref(store, selector))


def load_record(store: Store, selector: str | None) -> MeetingRecord:
    """The chosen meeting with the roster, settings, action items and the
    previous meeting (see :func:`dhtc_tui.domain.sequence.previous_meeting`)."""
    meeting = select_meeting(store, selector)
    return record_for(store, meeting)


def record_for(store: Store, meeting: Meeting) -> MeetingRecord:
    refs = _refs(store)
    ref = previous_meeting(refs, meeting.date, meeting.id, meeting.previous_minutes.meeting_id)
    try:
        members, settings, actions = store.members(), store.settings(), store.action_items()
        evotes = store.evotes()
    except StoreError as exc:
        raise RecordError(str(exc)) from None
    previous = _load(store, ref) if ref is not None else None
    same_day = [_load(store, r) if r.id != meeting.id else meeting for r in refs if r.date == meeting.date]
    return MeetingRecord(
        meeting, members, settings, actions, previous,
        approval=approving_meeting(store, meeting, refs), tag=file_tag(meeting, same_day), evotes=evotes,
    )


def file_tag(meeting: Meeting, same_day: list[Meeting]) -> str:
    """``2026-09-17``; when the date has more than one meeting,
    ``2026-09-17-1830`` (its start time) or, if the times do not tell them
    apart, ``2026-09-17-2`` (its place among that day's meetings by id)."""
    day = meeting.date.isoformat()
    others = [m for m in same_day if m.id != meeting.id]
    if not others:
        return day
    times = [m.start_time for m in others]
    if meeting.start_time is not None and meeting.start_time not in times:
        return f"{day}-{meeting.start_time.strftime('%H%M')}"
    ids = sorted([m.id for m in others] + [meeting.id])
    return f"{day}-{ids.index(meeting.id) + 1}"



def approving_meeting(store: Store, meeting: Meeting, refs: list[MeetingRef]) -> Meeting | None:
    """The later meeting that approved ``meeting``'s minutes (its record
    names this meeting), or None while they are a draft."""
    return find_approval(meeting, refs, lambda ref: _load(store, ref))


def find_approval(meeting: Meeting, refs, load) -> Meeting | None:
    """:func:`approving_meeting` over any refs, ``load(ref)`` reading one
    meeting (the app reads from its memory, the command line from the store)."""
    if meeting.minutes_status is not MinutesStatus.APPROVED:
        return None
    for ref in refs:
        if ref.id == meeting.id or ref.date < meeting.date or not _started(ref):
            continue
        later = load(ref)
        if later.previous_minutes.meeting_id == meeting.id and later.previous_minutes.result.startswith("approved"):
            return later
    return None
