"""The export gate: every text that leaves the app passes through here.

Terms of Reference, Confidentiality Agreement: "any and all information
shared regarding individuals we serve" stays in the room. Minutes, e-mail
drafts and invitations go to every member organization, so one leaked
client detail is the worst thing this app can do.

The rule, in one place:

- :func:`free_texts` walks a meeting (and the action items it touched) by
  reflection and yields every ``str`` value that is not on the explicit
  :data:`NOT_FREE_TEXT` list. A field added to the model later is gated by
  default; a test fails if it is neither gated nor listed.
- :func:`record_names` is the allow-list: names that belong in the record
  (roster organizations and representatives, people recorded in attendance,
  guests, delegates, presenters, the minute taker, who gave the land
  acknowledgement). A person's name anywhere else is a finding.
- A review ("reviewed, not identifying") covers one finding's exact text in
  one field (:func:`review_key`); editing it makes a new, unreviewed finding.
- :class:`Gate` applies the rule. Narrative text loses each sentence that
  holds an unreviewed finding (counted in :attr:`Gate.left_out`); formal
  text (:data:`FORMAL`) with one stops the export (:class:`DisclosureRefused`).
  Every text also loses NUL and other XML-invalid control characters.
- What comes out is :class:`Cleared`, which only this module constructs;
  the .docx, .eml and .ics builders refuse anything else.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .confidentiality import KINDS, ParagraphMemo, finding_key, redact_unreviewed
from .model import ActionItem, AgendaKind, Finding, Meeting, Member, Settings
from .text import long_date

__all__ = [
    "Cleared",
    "DisclosureRefused",
    "FreeText",
    "Gate",
    "Pending",
    "clean",
    "free_texts",
    "is_cleared",
    "mark_reviewed",
    "record_names",
    "review_key",
    "unreviewed_findings",
]


# --------------------------------------------------------------------------
# Cleared text

_MINT = object()


class Cleared(str):
    """Text that has been through the gate. Only this module makes one."""

    __slots__ = ()

    def __new__(cls, value: str, _mint: object = None) -> "Cleared":
        if _mint is not _MINT:
            raise TypeError("Cleared text comes only from the export gate (dhtc_tui.domain.disclosure)")
        return super().__new__(cls, value)


def is_cleared(value: object) -> bool:
    return type(value) is Cleared


def require_cleared(value: object, what: str = "text") -> "Cleared":
    """For exporters: refuse anything that did not come out of the gate."""
    if type(value) is not Cleared:
        raise TypeError(f"{what} did not pass the export gate: {type(value).__name__}")
    return value  # type: ignore[return-value]


def _mint(text: str) -> Cleared:
    return Cleared(text, _MINT)


# XML 1.0 allows tab, newline, carriage return and U+0020..U+D7FF,
# U+E000..U+FFFD, U+10000..; python-docx refuses the rest. C1 controls
# (U+0080..U+009F) are legal XML but are terminal controls: out too.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> tuple[str, int]:
    """``text`` without XML-invalid and control characters, and how many went."""
    cleaned, count = _INVALID.subn("", text)
    return cleaned, count


# --------------------------------------------------------------------------
# The free-text fields of a meeting

#: ``Class.field`` of every ``str`` field (or list/dict of str) in the model
#: that is not free text: ids, review keys, choices made from a list.
NOT_FREE_TEXT: dict[str, str] = {
    "Meeting.id": "internal id",
    "Meeting.action_updates": "action item ids",
    "Meeting.chair_member_id": "member id (the chair's organization is worded from the roster)",
    "AgendaItem.id": "internal id",
    "AgendaItem.vetted_by": "member id",
    "AgendaItem.raised_by": "member id",
    "Attendance.member_id": "member id",
    "ConflictDeclaration.member_id": "member id",
    "ConflictDeclaration.agenda_item_id": "agenda item id",
    "PreviousMinutes.meeting_id": "meeting id",
    "PreviousMinutes.motion_id": "motion id",
    "MemberUpdate.member_id": "member id",
    "CaseExamples.reviewed": "review keys",
    "Meeting.reviewed": "review keys",
    "Meeting.seat_id": "internal id (the minute taker's notes file)",
    "Meeting.seat_merged": "copies of seat-file text already merged into the fields above; never exported",
    "Motion.id": "internal id",
    "Motion.mover_id": "member id",
    "Motion.seconder_id": "member id",
    "Motion.agenda_item_id": "agenda item id",
    "Motion.subject_member_id": "member id",
    "Motion.application_id": "application id",
    "Motion.amends_motion_id": "motion id",
    "Motion.objections": "member ids",
    "Motion.electorate": "member ids",
    "Motion.conflict_item_id": "agenda item id",
    "Motion.conflicted_member_ids": "member ids",
    "Vote.member_id": "member id",
    "Exclusion.member_id": "member id",
    "RemovalRecord.signed_by": "member ids",
    "ActionItem.id": "internal id",
    "ActionItem.owner_member_id": "member id",
    "ActionItem.created_meeting_id": "meeting id",
    "ActionUpdate.meeting_id": "meeting id",
}

#: The roster and the settings reach exports only as the coalition's own
#: records; each text field says how (a test fails on a field not listed).
ROSTER_FIELDS: dict[str, str] = {
    "Member.id": "internal id, never exported",
    "Member.name": "member organization: on the allow-list",
    "Member.representatives": "roster representatives: on the allow-list",
    "Member.representation_reason": "not exported",
    "Member.email": "contact address: the circulation e-mail's Bcc",
    "Member.phone": "not exported",
    "Member.endorsed_by": "member ids",
    "Member.notes": "not exported",
    "Member.status_reason": "not exported (letters and minutes word the status from the record)",
    "Member.status_motion_id": "motion id",
    "Settings.name": "the coalition's name",
    "Settings.short_name": "the coalition's short name (file names)",
    "Settings.chair_member_id": "member id",
    "Settings.subcommittees": "sub-committee names: on the allow-list",
    "Settings.default_location": "not exported (the meeting's own location is checked)",
    "Settings.chair_email": "the circulation e-mail's To address",
}

#: Formal record: leaving a sentence out would change its meaning, so an
#: unreviewed finding stops the export instead.
FORMAL = frozenset(
    {
        "Meeting.location",
        "NextMeeting.location",
        "NextMeeting.location_decided_by",
        "Motion.text",
        "Exclusion.reason",
        "RemovalRecord.reasons",
        "PreviousMinutes.adjustments",
        "PreviousMinutes.result",
    }
)

#: Fields that name a person who belongs in the record (the allow-list).
NAME_FIELDS = frozenset(
    {
        "Meeting.chair_person",
        "Meeting.minute_taker",
        "Meeting.land_acknowledgement_by",
        "Attendance.person",
        "Guest.name",
        "Guest.organization",
        "AgendaItem.presenter",
        "ActionItem.owner_name",
    }
)

LABELS: dict[str, str] = {
    "Meeting.location": "meeting location",
    "Meeting.chair_person": "chair",
    "Meeting.minute_taker": "minute taker",
    "Meeting.land_acknowledgement_by": "land acknowledgement given by",
    "Meeting.other_updates": "other Coalition updates",
    "Meeting.subcommittee_updates": "sub-committee update",
    "AgendaItem.title": "item title",
    "AgendaItem.skip_reason": "reason for skipping",
    "AgendaItem.notes": "notes",
    "AgendaItem.presenter": "presenter",
    "Attendance.person": "person attending",
    "Guest.name": "guest name",
    "Guest.organization": "guest organization",
    "Guest.note": "guest note",
    "ConflictDeclaration.nature": "nature of the conflict",
    "PreviousMinutes.adjustments": "correction to previous minutes",
    "PreviousMinutes.result": "decision on previous minutes",
    "MemberUpdate.note": "member update",
    "CaseExamples.notes": "case examples",
    "NextMeeting.location": "next meeting location",
    "NextMeeting.location_decided_by": "how the location was decided",
    "NextMeeting.upcoming_items": "recommended item",
    "Motion.text": "motion wording",
    "Exclusion.reason": "reason for not voting",
    "RemovalRecord.reasons": "reasons for removal",
    "MotionEvent.what": "motion history (reopen reasons)",
    "ActionItem.description": "action item description",
    "ActionItem.owner_name": "action item owner",
    "ActionUpdate.note": "status-change note",
}

_SECTION_KIND: dict[str, AgendaKind] = {
    "Meeting.minute_taker": AgendaKind.MINUTE_TAKER,
    "Meeting.land_acknowledgement_by": AgendaKind.LAND_ACKNOWLEDGEMENT,
    "Meeting.attendance": AgendaKind.ATTENDANCE,
    "Meeting.guests": AgendaKind.ATTENDANCE,
    "Meeting.conflicts": AgendaKind.CONFLICTS,
    "Meeting.previous_minutes": AgendaKind.PREVIOUS_MINUTES,
    "Meeting.subcommittee_updates": AgendaKind.SUBCOMMITTEES,
    "Meeting.other_updates": AgendaKind.SUBCOMMITTEES,
    "Meeting.member_updates": AgendaKind.MEMBER_UPDATES,
    "Meeting.case_examples": AgendaKind.CASE_EXAMPLES,
    "Meeting.next_meeting": AgendaKind.NEXT_MEETING,
}

#: Where the case-example reviews lived before reviews were per field.
_LEGACY_CASE_PATHS = ("case_examples.notes",)


@dataclass(frozen=True)
class FreeText:
    """One free-text value of a meeting, with where it shows."""

    path: str  # stable address: "agenda[3f2a…].notes", "member_updates[…].note"
    field: str  # "Class.attr"
    section: str  # "4. Member updates"
    label: str  # "member update (Maplebrook Victim Services)"
    text: str
    owner: object = dataclasses.field(compare=False, repr=False, default=None)
    attr: str = ""
    key: object = None  # list index or dict key inside the attribute

    @property
    def formal(self) -> bool:
        return self.field in FORMAL

    @property
    def is_name(self) -> bool:
        return self.field in NAME_FIELDS


def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def _is_str_type(hint: object) -> bool:
    if hint is str:
        return True
    return typing.get_origin(hint) in (typing.Union, types.UnionType) and str in typing.get_args(hint)


def text_fields(cls: type) -> Iterator[tuple[str, str]]:
    """``("Class.attr", shape)`` for every field of ``cls`` (and nested
    dataclasses) that holds text: shape is "str", "list" or "dict"."""
    seen: set[type] = set()

    def walk(kind: type) -> Iterator[tuple[str, str]]:
        if kind in seen:
            return
        seen.add(kind)
        for name, hint in _hints(kind).items():
            origin = typing.get_origin(hint)
            args = typing.get_args(hint)
            nested = [a for a in (args or (hint,)) if dataclasses.is_dataclass(a)]
            if _is_str_type(hint):
                yield f"{kind.__name__}.{name}", "str"
            elif origin is list and args and _is_str_type(args[0]):
                yield f"{kind.__name__}.{name}", "list"
            elif origin is dict and args and args[1] is str:
                yield f"{kind.__name__}.{name}", "dict"
            for sub in nested:
                yield from walk(sub)

    yield from walk(cls)


def _walk(obj: object, path: str, sink: list[tuple[str, str, object, str, object, str]]) -> None:
    """Collect (path, field, owner, attr, key, text) for every text value."""
    cls = type(obj)
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        name = f"{cls.__name__}.{f.name}"
        value = getattr(obj, f.name)
        here = f"{path}.{f.name}" if path else f.name
        if isinstance(value, str) and not hasattr(value, "_value_"):  # enums are choices
            if name not in NOT_FREE_TEXT:
                sink.append((here, name, obj, f.name, None, value))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str) and not hasattr(item, "_value_"):
                    if name not in NOT_FREE_TEXT:
                        sink.append((f"{here}[{index}]", name, obj, f.name, index, item))
                elif dataclasses.is_dataclass(item):
                    ident = getattr(item, "id", None) or getattr(item, "member_id", None)
                    _walk(item, f"{here}[{ident or index}]", sink)
        elif isinstance(value, dict):
            if name not in NOT_FREE_TEXT:
                for key, item in value.items():
                    if isinstance(item, str):
                        sink.append((f"{here}[{key}]", name, obj, f.name, key, item))
        elif dataclasses.is_dataclass(value):
            _walk(value, here, sink)


def meeting_actions(meeting: Meeting, actions: Iterable[ActionItem]) -> list[ActionItem]:
    """The action items this meeting created, reviewed or found open."""
    from .actions import open_at_start

    touched = set(meeting.action_updates)
    return [
        a for a in actions
        if a.created_meeting_id == meeting.id or a.id in touched or open_at_start(a, meeting)
    ]


def free_texts(
    meeting: Meeting, actions: Iterable[ActionItem] = (), members: Iterable[Member] = ()
) -> list[FreeText]:
    """Every free-text value of the meeting and of the action items it
    touched (only this meeting's status-change notes), in a stable order."""
    names = {m.id: m.name for m in members}
    sink: list[tuple[str, str, object, str, object, str]] = []
    _walk(meeting, "", sink)
    for action in meeting_actions(meeting, actions):
        start = len(sink)
        _walk(action, f"actions[{action.id}]", sink)
        sink[start:] = [
            row
            for row in sink[start:]
            if row[1] != "ActionUpdate.note" or getattr(row[2], "meeting_id", None) == meeting.id
        ]
    section_of = _sections(meeting)
    out: list[FreeText] = []
    for path, name, owner, attr, key, text in sink:
        out.append(
            FreeText(
                path=path,
                field=name,
                section=section_of(path, owner),
                label=_label(name, owner, key, names, meeting),
                text=text,
                owner=owner,
                attr=attr,
                key=key,
            )
        )
    return out


def _sections(meeting: Meeting):
    by_kind = {}
    for item in meeting.agenda:
        by_kind.setdefault(item.kind, item)
    items_by_id = {i.id: i for i in meeting.agenda}
    # By identity: ``agenda.index`` compares whole items field by field.
    numbers = {id(item): number for number, item in enumerate(meeting.agenda, 1)}

    def _item_heading(meeting: Meeting, item) -> str:
        return f"{numbers[id(item)]}. {' '.join(item.title.split())}"

    def section(path: str, owner: object) -> str:
        head = path.split(".", 1)[0].split("[", 1)[0]
        if head == "agenda":
            item_id = path.split("[", 1)[1].split("]", 1)[0]
            item = items_by_id.get(item_id)
            return _item_heading(meeting, item) if item else "Agenda"
        if head == "motions":
            motion_id = path.split("[", 1)[1].split("]", 1)[0]
            motion = meeting.motion(motion_id)
            item = items_by_id.get(motion.agenda_item_id or "") if motion else None
            return _item_heading(meeting, item) if item else "Other motions"
        if head == "actions":
            if getattr(owner, "created_meeting_id", None) == meeting.id:
                return "Action items from this meeting"
            item = by_kind.get(AgendaKind.BUSINESS_ARISING)
            return _item_heading(meeting, item) if item else "Business arising"
        kind = _SECTION_KIND.get(f"Meeting.{head}")
        if kind is not None and kind in by_kind:
            return _item_heading(meeting, by_kind[kind])
        return "Heading of the minutes"

    return section


def _label(name: str, owner: object, key: object, names: dict[str, str], meeting: Meeting) -> str:
    label = LABELS.get(name, name.split(".", 1)[1].replace("_", " "))
    member_id = getattr(owner, "member_id", None)
    if member_id and names.get(member_id):
        label += f" ({names[member_id]})"
    elif name == "Meeting.subcommittee_updates":
        label += f" ({key})"
    elif hasattr(owner, "number") and getattr(owner, "number", 0):
        what = "motion" if hasattr(owner, "votes") else "action item"
        label += f" ({what} {owner.number})"  # type: ignore[attr-defined]
    elif isinstance(key, int):
        label += f" {key + 1}"
    return label


# --------------------------------------------------------------------------
# The allow-list


def record_names(meeting: Meeting, members: Iterable[Member], settings: Settings) -> list[str]:
    """Names that belong in the record and are never findings."""
    names: list[str] = [settings.name, settings.short_name, *settings.subcommittees]
    for member in members:
        names.append(member.name)
        names.extend(member.representatives)
    people = [
        meeting.chair_person,
        meeting.minute_taker,
        meeting.land_acknowledgement_by,
        *(a.person for a in meeting.attendance if a.marked and a.presence.attended),
        *(g.name for g in meeting.guests),
        *(g.organization for g in meeting.guests),
        *(i.presenter for i in meeting.agenda),
    ]
    people = [p for p in dict.fromkeys(" ".join(clean(p)[0].split()) for p in people) if p]
    short = [p for p in people if len(p.split()) <= 8]
    for person, findings in zip(short, scan(short, ())):
        if all(f.kind == "person_name" for f in findings):
            names.append(person)
            # "Dr. Santos" after "Dr. Mira Santos": each capitalised part of a
            # recorded person's name is theirs too.
            names.extend(w for w in person.split() if len(w) > 2 and w[:1].isupper() and w.isalpha())
    return [n for n in dict.fromkeys(" ".join(n.split()) for n in names) if n]


# --------------------------------------------------------------------------
# Reviews


def review_key(path: str, finding: Finding) -> str:
    """A review of one finding's exact text in one field."""
    return f"{path}|{finding_key(finding)}"


def reviewed_in(meeting: Meeting, path: str) -> set[str]:
    """The "kind|text" keys reviewed in the field at ``path``."""
    prefix = path + "|"
    keys = {k[len(prefix):] for k in getattr(meeting, "reviewed", []) if k.startswith(prefix)}
    case_item = meeting.item_of_kind(AgendaKind.CASE_EXAMPLES)
    legacy = set(_LEGACY_CASE_PATHS)
    if case_item is not None:
        legacy.add(f"agenda[{case_item.id}].notes")
    if path in legacy:
        keys |= set(meeting.case_examples.reviewed)
    return keys


def mark_reviewed(meeting: Meeting, path: str, finding: Finding, reviewed: bool = True) -> None:
    key = review_key(path, finding)
    keys = meeting.reviewed
    if reviewed and key not in keys:
        keys.append(key)
    elif not reviewed and key in keys:
        keys.remove(key)


# --------------------------------------------------------------------------
# Findings


@dataclass(frozen=True)
class Pending:
    """An unreviewed finding, for `dhtc-tui check` and the app's counts."""

    text: FreeText
    finding: Finding

    @property
    def kind(self) -> str:
        return KINDS.get(self.finding.kind, self.finding.kind)

    def context(self, width: int = 30) -> str:
        """The words around the finding, on one line."""
        source = self.text.text
        start = max(0, self.finding.start - width)
        end = min(len(source), self.finding.end + width)
        while 0 < start < self.finding.start and not source[start - 1].isspace():
            start += 1  # whole words only
        while self.finding.end < end < len(source) and not source[end].isspace():
            end -= 1
        snippet = " ".join(source[start:end].split())
        return ("\u2026" if start else "") + snippet + ("\u2026" if end < len(source) else "")


#: In formal text a plain full date is the record's own business ("That the
#: meeting of October 15, 2026 move to …"); a date of birth is its own kind
#: and still stops the export.
FORMAL_NOT_FINDINGS = frozenset({"date"})


#: Between texts scanned in one pass: a line break ends every sentence and
#: name run, so no finding spans two texts.
_SEPARATOR = "\n\n"


def scan(texts: list[str], allow: list[str] | ParagraphMemo) -> list[list[Finding]]:
    """``find_identifiers`` for many texts in one pass (one call per text
    costs a millisecond or more each, and a meeting has hundreds), each
    finding moved back to its own text's offsets. ``allow``: the allow-list,
    or a :class:`ParagraphMemo` made with it that remembers paragraphs
    between passes."""
    out: list[list[Finding]] = [[] for _ in texts]
    if not texts:
        return out
    starts: list[int] = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(_SEPARATOR)
    joined = _SEPARATOR.join(texts)
    import bisect

    memo = allow if isinstance(allow, ParagraphMemo) else ParagraphMemo(allow)
    for finding in memo.check(joined):
        index = bisect.bisect_right(starts, finding.start) - 1
        base = starts[index]
        end = min(finding.end - base, len(texts[index]))
        start = finding.start - base
        if start >= end:
            continue
        out[index].append(Finding(finding.kind, texts[index][start:end], start, end))
    return out


def _review(items: list[FreeText], cleaned: list[str], allow: list[str] | ParagraphMemo, meeting: Meeting):
    """(findings, reviewed keys) for each text."""
    found = scan(cleaned, allow)
    result = []
    for item, findings in zip(items, found):
        if item.formal:
            findings = [f for f in findings if f.kind not in FORMAL_NOT_FINDINGS]
        result.append((findings, reviewed_in(meeting, item.path)))
    return result


def unreviewed_findings(
    meeting: Meeting,
    members: Iterable[Member],
    settings: Settings,
    actions: Iterable[ActionItem] = (),
) -> list[Pending]:
    members = list(members)
    allow = record_names(meeting, members, settings)
    out: list[Pending] = []
    items = free_texts(meeting, actions, members)
    texts = [clean(item.text)[0] for item in items]
    for item, cleaned, (findings, keys) in zip(items, texts, _review(items, texts, allow, meeting)):
        for finding in findings:
            if finding_key(finding) not in keys:
                shown = dataclasses.replace(item, text=cleaned)
                out.append(Pending(shown, finding))
    return out


# --------------------------------------------------------------------------
# The gate


class DisclosureRefused(Exception):
    """A formal text holds an unreviewed finding: nothing may be written."""


def refusal_message(meeting: Meeting, refused: list[Pending]) -> str:
    first = refused[0]
    more = f" (and {len(refused) - 1} more)" if len(refused) > 1 else ""
    return (
        f"Nothing written: the meeting of {long_date(meeting.date)} has an unreviewed "
        f"possible identifying detail ({first.kind}) in {first.text.section}, "
        f"{first.text.label}{more}. Review or edit it (dhtc-tui check lists them)."
    )


@dataclass
class Gate:
    """Clears a meeting's texts for export; see the module docstring."""

    meeting: Meeting
    members: list[Member]
    settings: Settings
    actions: list[ActionItem] = field(default_factory=list)
    #: Unreviewed findings whose sentence was left out.
    left_out: int = 0
    #: Control characters removed.
    replaced: int = 0

    def __post_init__(self) -> None:
        self.members = list(self.members)
        self.actions = list(self.actions)
        self.allow = record_names(self.meeting, self.members, self.settings)
        #: Every pass of one export (the fields, then the wording) checks a
        #: paragraph once.
        self._memo = ParagraphMemo(self.allow)
        self._cleared: dict[tuple[int, str, object], Cleared] = {}
        self._fragments: list[str] = []
        self._checked: set[str] = set()
        refused: list[Pending] = []
        items = free_texts(self.meeting, self.actions, self.members)
        texts = []
        for item in items:
            cleaned, count = clean(item.text)
            self.replaced += count
            texts.append(cleaned)
        reviews = _review(items, texts, self._memo, self.meeting)
        for item, cleaned, (findings, keys) in zip(items, texts, reviews):
            waiting = [f for f in findings if finding_key(f) not in keys]
            if waiting and item.formal:
                refused.extend(Pending(dataclasses.replace(item, text=cleaned), f) for f in waiting)
                kept = ""
            elif waiting:
                kept, count = redact_unreviewed(cleaned, findings, keys)
                self.left_out += count
            else:
                kept = cleaned
            self._cleared[(id(item.owner), item.attr, item.key)] = _mint(kept)
            if kept.strip():
                self._fragments.append(" ".join(kept.split()))
        self.refused = refused
        # Record names (the roster's organizations and representatives, the
        # people recorded at the meeting) are the coalition's own record: the
        # wording may quote them whatever they look like ("@" in a name).
        self._fragments.extend(n for n in self.allow if n.strip())
        self._fragments.sort(key=len, reverse=True)
        self._whole = frozenset(self._fragments)

    def check(self) -> None:
        """Raise :class:`DisclosureRefused` if a formal text cannot go out."""
        if self.refused:
            raise DisclosureRefused(refusal_message(self.meeting, self.refused))

    def text(self, owner: object, attr: str, key: object = None) -> Cleared:
        """A free-text field as it may leave: the rule applied."""
        try:
            return self._cleared[(id(owner), attr, key)]
        except KeyError:
            raise KeyError(
                f"{type(owner).__name__}.{attr} is not a field of this meeting the gate has seen"
            ) from None

    def words(self, text: str) -> Cleared:
        """The exporter's own wording (which may quote cleared fields,
        dates and record names), checked: see :meth:`words_many`."""
        return self.words_many([text])[0]

    def words_many(self, texts: list[str]) -> list[Cleared]:
        """The exporter's own sentences, checked in one pass. Anything that
        looks identifying and is neither a cleared field, a record name nor
        a date is a bug in the wording: it raises rather than leak."""
        out: list[Cleared | None] = [None] * len(texts)
        todo: dict[str, list[int]] = {}
        for index, text in enumerate(texts):
            if type(text) is Cleared:
                out[index] = text  # type: ignore[assignment]
                continue
            cleaned, count = clean(str(text))
            self.replaced += count
            if not cleaned.strip() or cleaned in self._checked or " ".join(cleaned.split()) in self._whole:
                # Blank, checked already, or nothing but one cleared field or
                # record name: every finding would lie inside that quote, which
                # :meth:`_quoted_only` lets through, so there is nothing to check.
                out[index] = _mint(cleaned)
            else:
                todo.setdefault(cleaned, []).append(index)
        unique = list(todo)
        for cleaned, findings in zip(unique, scan(unique, self._memo)):
            findings = [f for f in findings if f.kind not in _WORDING_KINDS]
            if findings:
                self._quoted_only(cleaned, findings)
            self._checked.add(cleaned)
            for index in todo[cleaned]:
                out[index] = _mint(cleaned)
        return out  # type: ignore[return-value]

    def _quoted_only(self, cleaned: str, findings: list[Finding]) -> None:
        """Each finding must lie inside a cleared field's text quoted here."""
        flat = " ".join(cleaned.split())
        covered = [
            (m.start(), m.start() + len(frag))
            for frag in self._fragments
            if frag in flat
            for m in re.finditer(re.escape(frag), flat)
        ]
        # Positions in ``flat`` differ from ``cleaned`` only where white
        # space collapsed; check each finding's text in the flat string.
        for finding in findings:
            needle = " ".join(finding.text.split())
            spots = [m.start() for m in re.finditer(re.escape(needle), flat)]
            if not spots or not all(any(a <= s and s + len(needle) <= b for a, b in covered) for s in spots):
                raise DisclosureRefused(
                    f"Nothing written: the minutes' wording for the meeting of "
                    f"{long_date(self.meeting.date)} would carry an unchecked detail "
                    f"({KINDS.get(finding.kind, finding.kind)}). This is a bug: please report it."
                )

    def pending(self) -> int:
        """Every unreviewed finding of the meeting (left out or refused)."""
        return self.left_out + len(self.refused)


#: Kinds the exporter's own wording carries by design: the meeting's dates.
_WORDING_KINDS = frozenset({"date"})


def roster_contact(member: Member, attr: str) -> Cleared:
    """A member organization's own e-mail or phone (``ROSTER_FIELDS``), for
    the coalition's membership list and who-needs-paper lists: the gate's
    wording check refuses every address and number by design, and these are
    the members' business contacts, never details of the people served."""
    if attr not in ("email", "phone"):
        raise ValueError(f"Member.{attr} is not a contact field")
    return _mint(" ".join(clean(getattr(member, attr))[0].split()))
