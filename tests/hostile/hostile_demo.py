"""A demo coalition whose every piece of text is hostile.

Names, representatives, notes, action items, motion wording, guests and
locations start with Textual/Rich markup (a live ``@click`` link, styles,
an unbalanced ``[/]``) followed by a unique marker such as ``Q017``, and hold
terminal control sequences (window title, clear screen, NUL). A screen that
interprets the markup shows the marker without its literal prefix; one that
passes controls through puts them in the rendered segments.

The control sequences are written into the JSON files directly, after the
store has saved (the store would clean them): that is what a hand-edited or
foreign file looks like.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from dhtc_tui.demo import build_demo_coalition
from dhtc_tui.domain.agenda import go_to, plan_meeting, start_meeting
from dhtc_tui.domain.attendance import mark
from dhtc_tui.domain.model import (
    AgendaKind,
    Guest,
    Motion,
    Presence,
    VotingBase,
)
from dhtc_tui.domain.voting import call_vote, cast_vote, open_motion
from dhtc_tui.store.repository import Store

TITLE = "\x1b]2;PWNED\x07"
CLEAR = "\x1b[2J"
JUNK = "\x00\x08\x0b\x0c\x7f\x9b\x85"
#: Private-use stand-ins the store keeps, swapped for controls in the files.
HEADER = "\r\nBcc: everyone@evil.example"
_STAND_INS = {"\ue000": TITLE, "\ue001": CLEAR, "\ue002": JUNK, "\ue003": HEADER}

PREFIXES = [
    "[@click=app.quit]",
    "[b]",
    "[red]",
    "[/]",
    "[link=https://evil.example]",
    "[$accent]",
]
_SUFFIXES = {"[@click=app.quit]": "[/]", "[b]": "[/b]", "[link=https://evil.example]": "[/link]"}


@dataclass
class Hostile:
    """What was planted: marker -> the literal text that must precede it."""

    prefixes: dict[str, str] = field(default_factory=dict)
    meeting_id: str = ""
    chair_name: str = ""

    def text(self, plain: str, *, controls: str = "\ue000\ue001", prefix: str | None = None) -> str:
        number = len(self.prefixes)
        marker = f"Q{number:03d}"
        prefix = PREFIXES[number % len(PREFIXES)] if prefix is None else prefix
        self.prefixes[marker] = prefix
        return f"{prefix}{marker}{_SUFFIXES.get(prefix, '')}{controls} {plain}"


def _swap_in_controls(value):
    if isinstance(value, str):
        for stand_in, control in _STAND_INS.items():
            value = value.replace(stand_in, control)
        return value
    if isinstance(value, dict):
        return {_swap_in_controls(k): _swap_in_controls(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_swap_in_controls(v) for v in value]
    return value


def build_hostile_demo(data_dir: Path, today: date, now: datetime) -> Hostile:
    """Write the hostile coalition into ``data_dir`` (new), with a meeting in
    progress today whose first business item has a motion being voted on."""
    hostile = Hostile()
    settings, members, actions, applications, meetings = build_demo_coalition(today)
    settings.name = hostile.text("Coalition")
    settings.short_name = "[b]DHTC[/b]"
    settings.default_location = hostile.text("Hall")
    settings.subcommittees = [hostile.text(name, controls="\ue001") for name in settings.subcommittees]
    for member in members:
        # The chair's name is the one that made Settings show a live link.
        chair_prefix = PREFIXES[0] if member.id == settings.chair_member_id else None
        member.name = hostile.text(member.name, prefix=chair_prefix)
        if member.email:  # a header injection stored in the file (the form refuses it)
            member.email += "\ue003" if chair_prefix else "\ue000"
        member.representatives = [hostile.text(r) for r in member.representatives]
        member.notes = hostile.text("note\nsecond line", controls="\ue000\ue002")
        if member.representation_reason:
            member.representation_reason = hostile.text(member.representation_reason)
    for item in actions:
        item.description = hostile.text(item.description)
        item.owner_name = hostile.text(item.owner_name) if item.owner_name else ""
        for update in item.history:
            update.note = hostile.text(update.note, controls="\ue002")
    for application in applications:
        application.applicant = hostile.text(application.applicant)
        application.contact_name = hostile.text(application.contact_name)
        application.notes = hostile.text(application.notes, controls="\ue002")
        for endorsement in application.endorsements:
            endorsement.signatory = hostile.text(endorsement.signatory)
    for meeting in meetings:
        meeting.location = hostile.text(meeting.location)
        meeting.minute_taker = hostile.text(meeting.minute_taker)
        meeting.chair_person = hostile.text(meeting.chair_person)
        for guest in meeting.guests:
            guest.name, guest.organization = hostile.text(guest.name), hostile.text(guest.organization)
        for item in meeting.agenda:
            item.notes = hostile.text(item.notes or "notes", controls="\ue002")
        for motion in meeting.motions:
            motion.text = hostile.text(motion.text)
        meeting.next_meeting.location = hostile.text(meeting.next_meeting.location)
        meeting.next_meeting.upcoming_items = [hostile.text(i) for i in meeting.next_meeting.upcoming_items]
        meeting.other_updates = hostile.text(meeting.other_updates, controls="\ue002")
        for update in meeting.member_updates:
            update.note = hostile.text(update.note, controls="\ue002")
        meeting.case_examples.notes = hostile.text(meeting.case_examples.notes, controls="\ue002")

    chair = next(m for m in members if m.id == settings.chair_member_id)
    hostile.chair_name = chair.name
    # Today's meeting, in progress: people in the room, a guest, a vote open.
    current = plan_meeting(today, time(9, 30), hostile.text("Room"), settings, meetings[-1])
    start_meeting(current, datetime.combine(today, time(9, 31)))
    current.chair_person = chair.representative
    current.minute_taker = hostile.text("Minute Taker")
    voters = [m for m in members if m.is_active and m.votes and m.kind.value == "organization"][:8]
    for member in voters:
        mark(current, member.id, Presence.PRESENT, member.representative)
    current.guests = [Guest(hostile.text("Guest"), hostile.text("College"), hostile.text("Observer"))]
    for item in current.agenda:
        item.notes = hostile.text("typed notes", controls="\ue002")
    current.land_acknowledgement_by = hostile.text("Acknowledger")
    item = current.item_of_kind(AgendaKind.BUSINESS_ARISING)
    motion = Motion(
        text=hostile.text("That the coalition adopt the plan"),
        agenda_item_id=item.id,
        mover_id=voters[0].id,
        seconder_id=voters[1].id,
    )
    open_motion(current, motion, members, now)
    call_vote(current, motion, members, VotingBase.VOTES_CAST, now, None, confirm_no_objection=True)
    cast_vote(motion, voters[0].id, "for", now=now)
    cast_vote(motion, voters[1].id, "against", now=now)
    # Stand on an item whose title came from the data, so the resume
    # question quotes it.
    hostile_item = next(i for i, it in enumerate(current.agenda) if it.title.startswith("["))
    go_to(current, hostile_item, now)
    meetings.append(current)
    hostile.meeting_id = current.id

    store = Store.open(data_dir)
    try:
        store.save_many(members=members, actions=actions, applications=applications, settings=settings)
        for meeting in meetings:
            store.save_meeting(meeting)
        paths = [store.coalition_path] + [store.meeting_path(m.id) for m in meetings]
    finally:
        store.close()
    for path in paths:
        doc = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(_swap_in_controls(doc)), encoding="utf-8")
    return hostile
