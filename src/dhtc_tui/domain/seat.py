"""A second seat: the minute taker's notes file, and how the chair merges it.

The chair hands out one JSON file (``DHTC-notes-YYYY-MM-DD.dhtc``) holding
only what the minute taker needs: the meeting's date, time and place, the
numbered agenda, member names with their representatives (never an e-mail
address or a phone number), the sub-committees, and a random ``seat_id``
that is also stored on the meeting. The minute taker types into the file's
``notes``; the chair merges them back.

The merge never overwrites what the chair typed, and is repeatable: the
meeting remembers (``Meeting.seat_merged``) the file's text last merged at
each place, so importing the same file again changes nothing and a later
version of the file adds only what is new.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Iterable

from .disclosure import Cleared, DisclosureRefused, Gate, free_texts, unreviewed_findings
from .model import (
    AgendaItem,
    AgendaKind,
    Finding,
    ItemState,
    Meeting,
    MeetingStatus,
    Member,
    MemberKind,
    MemberStatus,
    MemberUpdate,
    Settings,
)
from .text import long_date

FORMAT = "dhtc-notes"
VERSION = 1
SUFFIX = ".dhtc"
#: Put before the minute taker's text when the chair also wrote on the place.
ATTRIBUTION = "Minute taker's notes:"
#: What ``seat_merged`` remembers for a member who had "no update".
NO_UPDATE = "\x00no update"


class BundleError(ValueError):
    """A notes file that cannot be used; the message is one line for the chair."""


# --------------------------------------------------------------------------
# The bundle


@dataclass
class SeatItem:
    id: str
    kind: str
    title: str
    presenter: str = ""
    #: Names (not ids) of the member organizations, readable in the file.
    vetted_by: str = ""
    raised_by: str = ""
    skipped: str = ""


@dataclass
class SeatMember:
    id: str
    name: str
    kind: str = MemberKind.ORGANIZATION.value
    representatives: list[str] = field(default_factory=list)


@dataclass
class SeatNotes:
    """What the minute taker typed, keyed like the chair's meeting."""

    items: dict[str, str] = field(default_factory=dict)  # agenda item id -> notes
    member_updates: list[MemberUpdate] = field(default_factory=list)
    subcommittee_updates: dict[str, str] = field(default_factory=dict)
    other_updates: str = ""
    case_examples: str = ""
    #: Finding keys ("kind|text") reviewed as not identifying.
    reviewed: list[str] = field(default_factory=list)
    #: Reviews per field ("path|kind|text", ``Meeting.reviewed``) of the
    #: other notes: the export gate reads them where the chair's app does.
    reviews: list[str] = field(default_factory=list)


@dataclass
class SeatBundle:
    seat_id: str
    coalition: str
    short_name: str
    date: date
    start_time: time | None
    location: str
    agenda: list[SeatItem]
    members: list[SeatMember]
    subcommittees: list[str]
    notes: SeatNotes = field(default_factory=SeatNotes)
    saved_at: datetime | None = None

    @property
    def filename(self) -> str:
        return notes_filename(self.short_name, self.date)


def notes_filename(short_name: str, on: date) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in short_name).strip("-") or "DHTC"
    return f"{slug}-notes-{on.isoformat()}{SUFFIX}"


def new_seat_id() -> str:
    return uuid.uuid4().hex


def link(meeting: Meeting) -> str:
    """The meeting's seat id, made once and kept (the caller saves the meeting)."""
    if not meeting.seat_id:
        meeting.seat_id = new_seat_id()
    return meeting.seat_id


def bundle_for(meeting: Meeting, members: Iterable[Member], settings: Settings) -> SeatBundle:
    """What the minute taker needs, and nothing else: no contact details,
    no attendance, no motions, no notes the chair already typed."""
    members = list(members)
    names = {m.id: m.name for m in members}
    agenda = [
        SeatItem(
            id=item.id,
            kind=item.kind.value,
            title=item.title,
            presenter=item.presenter,
            vetted_by=names.get(item.vetted_by or "", ""),
            raised_by=names.get(item.raised_by or "", ""),
            skipped=item.skip_reason if item.state is ItemState.SKIPPED else "",
        )
        for item in meeting.agenda
    ]
    roster = [
        SeatMember(m.id, m.name, m.kind.value, list(m.representatives))
        for m in sorted(members, key=lambda m: m.name.casefold())
        if m.is_active
    ]
    return SeatBundle(
        seat_id=link(meeting),
        coalition=settings.name,
        short_name=settings.short_name,
        date=meeting.date,
        start_time=meeting.start_time,
        location=meeting.location,
        agenda=agenda,
        members=roster,
        subcommittees=list(settings.subcommittees),
    )


# --------------------------------------------------------------------------
# The file's shape (JSON), checked field by field


def to_json(bundle: SeatBundle) -> dict[str, Any]:
    notes = bundle.notes
    return {
        "format": FORMAT,
        "version": VERSION,
        "seat_id": bundle.seat_id,
        "meeting": {
            "coalition": bundle.coalition,
            "short_name": bundle.short_name,
            "date": bundle.date.isoformat(),
            "start_time": bundle.start_time.strftime("%H:%M") if bundle.start_time else "",
            "location": bundle.location,
            "agenda": [
                {
                    "number": number,
                    "id": i.id,
                    "kind": i.kind,
                    "title": i.title,
                    "presenter": i.presenter,
                    "vetted_by": i.vetted_by,
                    "raised_by": i.raised_by,
                    "skipped": i.skipped,
                }
                for number, i in enumerate(bundle.agenda, start=1)
            ],
            "members": [
                {"id": m.id, "name": m.name, "kind": m.kind, "representatives": list(m.representatives)}
                for m in bundle.members
            ],
            "subcommittees": list(bundle.subcommittees),
        },
        "notes": {
            "items": dict(notes.items),
            "member_updates": [
                {"member_id": u.member_id, "note": u.note, "no_update": u.no_update} for u in notes.member_updates
            ],
            "subcommittee_updates": dict(notes.subcommittee_updates),
            "other_updates": notes.other_updates,
            "case_examples": notes.case_examples,
            "reviewed": list(notes.reviewed),
            "reviews": list(notes.reviews),
        },
        "saved_at": bundle.saved_at.isoformat(timespec="seconds") if bundle.saved_at else "",
    }


def _get(data: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(data, dict):
        raise BundleError(f"{where} should be an object")
    if key not in data:
        raise BundleError(f"{where} has no \u201c{key}\u201d")
    value = data[key]
    if kind is int:
        ok = type(value) is int
    else:
        ok = isinstance(value, kind)
    if not ok:
        raise BundleError(f"{where}.{key} should be {kind.__name__}, not {type(value).__name__}")
    return value


def _str_map(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise BundleError(f"{where} should map names to texts")
    return dict(value)


def _str_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BundleError(f"{where} should be a list of texts")
    return list(value)


def from_json(data: Any) -> SeatBundle:
    """The bundle, or BundleError saying in one line what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BundleError("it is not a DHTC notes file")
    version = _get(data, "version", int, "file")
    if version > VERSION:
        raise BundleError(f"it was written by a newer dhtc-tui (version {version}; this one reads {VERSION})")
    seat_id = _get(data, "seat_id", str, "file")
    if not seat_id.strip():
        raise BundleError("it has no seat id")
    meeting = _get(data, "meeting", dict, "file")
    try:
        on = date.fromisoformat(_get(meeting, "date", str, "meeting"))
        start_text = _get(meeting, "start_time", str, "meeting")
        start = time.fromisoformat(start_text) if start_text else None
    except ValueError as exc:
        raise BundleError(f"its meeting date or time cannot be read ({exc})") from None
    agenda = []
    for index, raw in enumerate(_get(meeting, "agenda", list, "meeting"), start=1):
        where = f"agenda item {index}"
        kind = _get(raw, "kind", str, where)
        if kind not in {k.value for k in AgendaKind}:
            raise BundleError(f"{where} has an unknown kind \u201c{kind}\u201d")
        agenda.append(
            SeatItem(
                id=_get(raw, "id", str, where),
                kind=kind,
                title=_get(raw, "title", str, where),
                presenter=_get(raw, "presenter", str, where),
                vetted_by=_get(raw, "vetted_by", str, where),
                raised_by=_get(raw, "raised_by", str, where),
                skipped=_get(raw, "skipped", str, where),
            )
        )
    if not agenda:
        raise BundleError("its agenda is empty")
    members = []
    for index, raw in enumerate(_get(meeting, "members", list, "meeting"), start=1):
        where = f"member {index}"
        members.append(
            SeatMember(
                id=_get(raw, "id", str, where),
                name=_get(raw, "name", str, where),
                kind=_get(raw, "kind", str, where),
                representatives=_str_list(_get(raw, "representatives", list, where), f"{where}.representatives"),
            )
        )
    notes_raw = _get(data, "notes", dict, "file")
    updates = []
    for index, raw in enumerate(_get(notes_raw, "member_updates", list, "notes"), start=1):
        where = f"member update {index}"
        updates.append(
            MemberUpdate(
                member_id=_get(raw, "member_id", str, where),
                note=_get(raw, "note", str, where),
                no_update=_get(raw, "no_update", bool, where),
            )
        )
    notes = SeatNotes(
        items=_str_map(_get(notes_raw, "items", dict, "notes"), "notes.items"),
        member_updates=updates,
        subcommittee_updates=_str_map(_get(notes_raw, "subcommittee_updates", dict, "notes"), "notes.subcommittee_updates"),
        other_updates=_get(notes_raw, "other_updates", str, "notes"),
        case_examples=_get(notes_raw, "case_examples", str, "notes"),
        reviewed=_str_list(_get(notes_raw, "reviewed", list, "notes"), "notes.reviewed"),
        # Files written before per-field reviews have none.
        reviews=_str_list(notes_raw.get("reviews", []), "notes.reviews"),
    )
    saved_text = data.get("saved_at") or ""
    try:
        saved_at = datetime.fromisoformat(saved_text) if isinstance(saved_text, str) and saved_text else None
    except ValueError:
        saved_at = None
    return SeatBundle(
        seat_id=seat_id,
        coalition=_get(meeting, "coalition", str, "meeting"),
        short_name=_get(meeting, "short_name", str, "meeting"),
        date=on,
        start_time=start,
        location=_get(meeting, "location", str, "meeting"),
        agenda=agenda,
        members=members,
        subcommittees=_str_list(_get(meeting, "subcommittees", list, "meeting"), "meeting.subcommittees"),
        notes=notes,
        saved_at=saved_at,
    )


# --------------------------------------------------------------------------
# The seat's own working meeting (what the console panels edit)


def seat_members(bundle: SeatBundle) -> list[Member]:
    """Members for the seat's screens: names and representatives only. Names
    an agenda item mentions but the roster lacks become inactive members, so
    they show without joining the go-around."""
    members = [
        Member(
            name=m.name,
            kind=MemberKind(m.kind) if m.kind in {k.value for k in MemberKind} else MemberKind.ORGANIZATION,
            representatives=list(m.representatives),
            id=m.id,
        )
        for m in bundle.members
    ]
    known = {m.name for m in members}
    for item in bundle.agenda:
        for name in (item.vetted_by, item.raised_by):
            if name and name not in known:
                members.append(Member(name=name, status=MemberStatus.WITHDRAWN, id=f"name:{name}"))
                known.add(name)
    return members


def seat_settings(bundle: SeatBundle) -> Settings:
    return Settings(name=bundle.coalition, short_name=bundle.short_name, subcommittees=list(bundle.subcommittees))


def seat_meeting(bundle: SeatBundle) -> Meeting:
    """A Meeting holding the file's agenda and notes, opened on the first item."""
    by_name = {m.name: m.id for m in seat_members(bundle)}
    notes = bundle.notes
    agenda = [
        AgendaItem(
            kind=AgendaKind(i.kind),
            title=i.title,
            state=ItemState.SKIPPED if i.skipped else ItemState.TODO,
            skip_reason=i.skipped,
            notes=notes.items.get(i.id, ""),
            presenter=i.presenter,
            vetted_by=by_name.get(i.vetted_by) if i.vetted_by else None,
            raised_by=by_name.get(i.raised_by) if i.raised_by else None,
            id=i.id,
        )
        for i in bundle.agenda
    ]
    meeting = Meeting(
        date=bundle.date,
        start_time=bundle.start_time,
        location=bundle.location,
        status=MeetingStatus.IN_PROGRESS,
        agenda=agenda,
        current_index=0,
        subcommittee_updates=dict(notes.subcommittee_updates),
        other_updates=notes.other_updates,
        member_updates=[MemberUpdate(u.member_id, u.note, u.no_update) for u in notes.member_updates],
        seat_id=bundle.seat_id,
        reviewed=list(notes.reviews),
    )
    meeting.case_examples.notes = notes.case_examples
    meeting.case_examples.reviewed = list(notes.reviewed)
    if agenda:
        agenda[0].state = ItemState.CURRENT if agenda[0].state is ItemState.TODO else agenda[0].state
    return meeting


def capture(meeting: Meeting) -> SeatNotes:
    """The seat meeting's typing, as the file stores it (empty places left out)."""
    return SeatNotes(
        items={i.id: i.notes for i in meeting.agenda if i.notes},
        member_updates=[
            MemberUpdate(u.member_id, u.note, u.no_update) for u in meeting.member_updates if u.note or u.no_update
        ],
        subcommittee_updates={k: v for k, v in meeting.subcommittee_updates.items() if v},
        other_updates=meeting.other_updates,
        case_examples=meeting.case_examples.notes,
        reviewed=list(meeting.case_examples.reviewed),
        reviews=list(meeting.reviewed),
    )


# --------------------------------------------------------------------------
# The export gate: what may leave the seat by e-mail


#: The field the draft waits on (as today): case examples are never cut.
CASE_FIELD = "CaseExamples.notes"


def seat_gate(bundle: SeatBundle) -> Gate:
    """The export gate on the file's notes, with the file's reviews."""
    return Gate(seat_meeting(bundle), seat_members(bundle), seat_settings(bundle))


def unreviewed_case_findings(bundle: SeatBundle, gate: Gate | None = None) -> list[Finding]:
    """Identifying details in the case examples nobody reviewed: while there
    is one, the file may not leave by e-mail. Judged by the export gate."""
    gate = gate or seat_gate(bundle)
    if not gate.pending():
        return []
    return [
        p.finding
        for p in unreviewed_findings(gate.meeting, gate.members, gate.settings)
        if p.text.field == CASE_FIELD
    ]


@dataclass
class Outgoing:
    """The copy of the file that may leave, and the e-mail's own words."""

    bundle: SeatBundle
    subject: Cleared
    body: Cleared
    attachment_name: Cleared
    #: Unreviewed details left out of the copy (their sentences went).
    left_out: int


def _seen(key: str) -> str:
    return " ".join(key.partition("|")[2].casefold().split())


def _still_applies(key: str, cleared: str) -> bool:
    """A review names the reviewed text: it goes only with that text."""
    text = _seen(key)
    return bool(text) and text in " ".join(cleared.casefold().split())


def _reviews_that_go(reviews: list[str], cleared_at: dict[str, str]) -> list[str]:
    """The per-field reviews ("path|kind|text") whose text still goes."""
    out = []
    for key in reviews:
        path = next((p for p in cleared_at if key.startswith(p + "|")), None)
        if path is not None and _still_applies(key[len(path) + 1:], cleared_at[path]):
            out.append(key)
    return out


def cleared_copy(bundle: SeatBundle, gate: Gate) -> SeatBundle:
    """``bundle`` with every free text as the gate clears it. The bundle
    itself (the working file) is not touched."""
    meeting = gate.meeting
    items = {i.id: i for i in meeting.agenda}
    agenda = [
        dataclasses.replace(
            seat_item,
            title=gate.text(items[seat_item.id], "title"),
            presenter=gate.text(items[seat_item.id], "presenter"),
            skipped=gate.text(items[seat_item.id], "skip_reason") if seat_item.skipped else "",
        )
        for seat_item in bundle.agenda
    ]
    cases = gate.text(meeting.case_examples, "notes")
    cleared_at = {t.path: gate.text(t.owner, t.attr, t.key) for t in free_texts(meeting, (), gate.members)}
    notes = SeatNotes(
        items={i.id: gate.text(i, "notes") for i in meeting.agenda if i.notes},
        member_updates=[
            MemberUpdate(u.member_id, gate.text(u, "note"), u.no_update)
            for u in meeting.member_updates
            if u.note or u.no_update
        ],
        subcommittee_updates={
            name: gate.text(meeting, "subcommittee_updates", name)
            for name, text in meeting.subcommittee_updates.items()
            if text
        },
        other_updates=gate.text(meeting, "other_updates"),
        case_examples=cases,
        reviewed=[k for k in bundle.notes.reviewed if _still_applies(k, cases)],
        reviews=_reviews_that_go(bundle.notes.reviews, cleared_at),
    )
    return dataclasses.replace(
        bundle,
        location=gate.text(meeting, "location"),
        agenda=agenda,
        members=[dataclasses.replace(m, representatives=list(m.representatives)) for m in bundle.members],
        subcommittees=list(bundle.subcommittees),
        notes=notes,
    )


def outgoing(bundle: SeatBundle, filename: str) -> Outgoing:
    """What the seat's e-mail draft carries, every text through the export
    gate. Raises :class:`SeatBlocked` while the case examples hold an
    unreviewed finding (they are never cut: the minute taker reviews them)."""
    gate = seat_gate(bundle)
    waiting = unreviewed_case_findings(bundle, gate)
    if waiting:
        raise SeatBlocked(waiting)
    try:
        name = gate.words(filename)
    except DisclosureRefused:
        # A file renamed after someone: it leaves under its own plain name.
        name = gate.words(bundle.filename)
    left_out = gate.pending()
    subject = f"{bundle.short_name} minute taker's notes, meeting of {long_date(bundle.date)}"
    body = (
        "Hello,\n\n"
        f"Attached are my notes from the {bundle.coalition} meeting of {long_date(bundle.date)} "
        f"({name}). Import them with:\n\n    dhtc-tui seat import {name}\n\n"
        "or F12 in the meeting console. They are confidential to Coalition members.\n"
    )
    if left_out:
        body += (
            f"\n{left_out} possible identifying detail(s) were not reviewed: the sentences holding "
            "them were left out of the attached copy.\n"
        )
    return Outgoing(cleared_copy(bundle, gate), gate.words(subject), gate.words(body), name, left_out)


class SeatBlocked(Exception):
    """Unreviewed findings in the case examples: the draft waits."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} unreviewed finding(s) in the case examples")
        self.findings = findings


# --------------------------------------------------------------------------
# The merge


@dataclass
class SeatChange:
    """One place the file adds to: shown in the preview, merged if accepted."""

    key: str
    where: str
    #: What the file adds (the new part only, for a later version).
    added: str
    #: The chair's text at the place after the merge.
    result: str
    #: The chair had also written here (both texts are kept).
    both_wrote: bool = False
    #: Review state (case examples): keys the merge adds to the meeting.
    reviewed: list[str] = field(default_factory=list)
    #: Why it cannot be merged (e.g. the item is no longer on the agenda).
    problem: str = ""


def check_link(meeting: Meeting, bundle: SeatBundle) -> None:
    if not meeting.seat_id or meeting.seat_id != bundle.seat_id:
        raise BundleError(
            f"it belongs to another meeting (the notes file of {bundle.date.isoformat()} does not match this meeting)"
        )


def merge_text(chair: str, seat: str, last: str) -> tuple[str, str, bool] | None:
    """``(result, added, both_wrote)``, or None when the file adds nothing new.

    ``last`` is the file's text merged here before. The chair's own words
    always survive: the file's text is adopted only where the chair wrote
    nothing (or left the earlier merge untouched), else it is added after
    an attribution line.
    """
    if not seat.strip() or seat == last:
        return None
    if seat.strip() in chair:
        return chair, "", False
    if not chair.strip() or (last and chair == last):
        added = seat[len(last):] if last and seat.startswith(last) else seat
        return seat, added.strip(), False
    block = f"{ATTRIBUTION}\n{last.strip()}"
    if last.strip() and block in chair:
        # Only a block the merge itself put there is replaced: a text that
        # merely looks like the seat's may be the chair's own words.
        at = chair.rfind(block)
        added = seat[len(last):] if seat.startswith(last) else seat
        return chair[:at] + f"{ATTRIBUTION}\n{seat.strip()}" + chair[at + len(block):], added.strip(), True
    added = seat[len(last):] if last and seat.startswith(last) else seat
    added = added.strip()
    return f"{chair.rstrip()}\n\n{ATTRIBUTION}\n{added}", added, True


def _field_path(key: str) -> str:
    """Where the export gate reads the reviews of a merge place's text."""
    kind, _, ref = key.partition(":")
    return {
        "item": f"agenda[{ref}].notes",
        "member": f"member_updates[{ref}].note",
        "sub": f"subcommittee_updates[{ref}]",
        "other": "other_updates",
    }.get(kind, "")


def _text_change(
    meeting: Meeting, key: str, where: str, chair: str, seat: str, reviews: Iterable[str] = ()
) -> SeatChange | None:
    """The change at one place; the file's reviews of that field come with it
    (alone, when the text is already merged and a review is new)."""
    prefix = _field_path(key) + "|"
    new_reviews = [k for k in dict.fromkeys(reviews) if k.startswith(prefix) and k not in meeting.reviewed]
    merged = merge_text(chair, seat, meeting.seat_merged.get(key, ""))
    if merged is None:
        if new_reviews and seat.strip():
            return SeatChange(key, where, "", chair, reviewed=new_reviews)
        return None
    result, added, both = merged
    return SeatChange(key, where, added, result, both, reviewed=new_reviews)


def preview(meeting: Meeting, bundle: SeatBundle) -> list[SeatChange]:
    """Every place the file adds to, in agenda order; nothing is changed."""
    check_link(meeting, bundle)
    notes = bundle.notes
    changes: list[SeatChange] = []
    numbers = {item.id: index for index, item in enumerate(meeting.agenda, start=1)}
    for item in meeting.agenda:
        text = notes.items.get(item.id, "")
        change = _text_change(
            meeting, f"item:{item.id}", f"{numbers[item.id]}. {item.title}", item.notes, text, notes.reviews
        )
        if change:
            changes.append(change)
    for seat_item in bundle.agenda:
        text = notes.items.get(seat_item.id, "")
        key = f"item:{seat_item.id}"
        if seat_item.id not in numbers and text.strip() and meeting.seat_merged.get(key) != text:
            changes.append(SeatChange(key, seat_item.title, text, "", problem="no longer on the agenda: copy it by hand"))
    names = {m.id: m.name for m in bundle.members}
    for update in notes.member_updates:
        key = f"member:{update.member_id}"
        where = f"Member update: {names.get(update.member_id, 'a member')}"
        mine = next((u for u in meeting.member_updates if u.member_id == update.member_id), None)
        if update.note.strip():
            change = _text_change(meeting, key, where, mine.note if mine else "", update.note, notes.reviews)
            if change:
                changes.append(change)
        elif update.no_update and meeting.seat_merged.get(key) != NO_UPDATE:
            if mine is None or (not mine.note.strip() and not mine.no_update):
                changes.append(SeatChange(key, where, "no update", ""))
    for name, text in notes.subcommittee_updates.items():
        change = _text_change(
            meeting,
            f"sub:{name}",
            f"{name} sub-committee",
            meeting.subcommittee_updates.get(name, ""),
            text,
            notes.reviews,
        )
        if change:
            changes.append(change)
    change = _text_change(
        meeting, "other", "Other coalition updates", meeting.other_updates, notes.other_updates, notes.reviews
    )
    if change:
        changes.append(change)
    cases = meeting.case_examples
    change = _text_change(meeting, "case", "Case examples", cases.notes, notes.case_examples)
    new_reviews = [k for k in dict.fromkeys(notes.reviewed) if k not in cases.reviewed]
    if change or new_reviews:
        change = change or SeatChange("case", "Case examples", "", cases.notes)
        change.reviewed = new_reviews
        changes.append(change)
    return changes


def merge(meeting: Meeting, bundle: SeatBundle, accept: Iterable[str] | None = None) -> list[SeatChange]:
    """Merge what the file adds (only the accepted keys, if given) into the
    chair's meeting; returns what was merged. Same file twice: nothing."""
    wanted = None if accept is None else set(accept)
    done = []
    notes = bundle.notes
    for change in preview(meeting, bundle):
        if change.problem or (wanted is not None and change.key not in wanted):
            continue
        kind, _, ref = change.key.partition(":")
        if kind == "item":
            item = meeting.item(ref)
            item.notes = change.result
            meeting.seat_merged[change.key] = notes.items[ref]
        elif kind == "member":
            seat_update = next(u for u in notes.member_updates if u.member_id == ref)
            mine = next((u for u in meeting.member_updates if u.member_id == ref), None)
            if mine is None:
                mine = MemberUpdate(ref)
                meeting.member_updates.append(mine)
            if seat_update.note.strip():
                mine.note = change.result
                mine.no_update = False
                meeting.seat_merged[change.key] = seat_update.note
            else:
                mine.no_update = True
                meeting.seat_merged[change.key] = NO_UPDATE
        elif kind == "sub":
            meeting.subcommittee_updates[ref] = change.result
            meeting.seat_merged[change.key] = notes.subcommittee_updates[ref]
        elif kind == "other":
            meeting.other_updates = change.result
            meeting.seat_merged[change.key] = notes.other_updates
        elif kind == "case":
            meeting.case_examples.notes = change.result
            if notes.case_examples.strip():
                meeting.seat_merged[change.key] = notes.case_examples
            meeting.case_examples.reviewed.extend(change.reviewed)
        if kind != "case":
            meeting.reviewed.extend(k for k in change.reviewed if k not in meeting.reviewed)
        done.append(change)
    return done


def describe(change: SeatChange) -> list[str]:
    """Lines of the preview for one change."""
    head = f"{change.where}:"
    if change.problem:
        return [f"{head} NOT MERGED, {change.problem}", *("    " + line for line in change.added.splitlines())]
    lines = [head + ("  (both the chair and the minute taker wrote here; both texts are kept)" if change.both_wrote else "")]
    lines += ["    + " + line for line in change.added.splitlines() if line.strip()]
    if not change.added.strip() and not change.reviewed:
        lines.append("    (already in the chair's text)")
    if change.reviewed:
        lines.append(f"    reviewed as not identifying: {', '.join(k.rpartition('|')[2] for k in change.reviewed)}")
    return lines
