"""What the minutes say, as a plain document model (no python-docx here).

The minutes follow the meeting's agenda, in its order, with the conventions
of DESIGN.md ("Minutes conventions"): what was done, not what was said.
Every agenda item appears; a skipped one says why ("Not taken up: …") and an
empty one says so ("No updates were recorded.") rather than vanish.

Confidentiality: every free text comes from the export gate
(:class:`~dhtc_tui.domain.disclosure.Gate`), and every sentence this module
writes goes through :meth:`Gate.words` on its way into the model; the
.docx renderer accepts nothing else. Only the report (never the document)
says how many sentences were left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..domain.disclosure import Gate
from ..domain.model import (
    ActionItem,
    AgendaItem,
    AgendaKind,
    ItemState,
    Meeting,
    MeetingStatus,
    MemberKind,
    MinutesStatus,
    Motion,
    MotionKind,
    Presence,
)
from ..domain.text import clock, long_date, plural, short_date
from ..domain.voting import minutes_text
from .layout import MinutesLayout, Properties
from .styles import DEFAULT_COALITION, STYLE_MOTION, STYLE_NOTICE, STYLE_TITLE
from .writer import Writer as _Writer

INCOMPLETE_NOTICE = "INCOMPLETE \u2014 meeting in progress"


@dataclass
class MinutesReport:
    """What an export did, for the chair."""

    path: Path | None
    final: bool
    incomplete: bool
    #: Unreviewed identifying details whose sentence was left out (the
    #: count is never written into the minutes themselves).
    findings_left_out: int = 0
    #: XML-invalid or control characters removed from the texts.
    characters_removed: int = 0
    warnings: list[str] = field(default_factory=list)


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def _end(text: str) -> str:
    """Close a sentence with one full stop ("… at 9:31 a.m." stays as it is)."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _status_word(value: str) -> str:
    return str(value)[:1].upper() + str(value)[1:]


def _flat(text: str) -> str:
    return " ".join(text.split())


class _Minutes:
    def __init__(
        self,
        gate: Gate,
        previous: Meeting | None,
        report: MinutesReport,
    ) -> None:
        self.g = gate
        self.w = _Writer(gate)
        self.meeting = gate.meeting
        self.members = gate.members
        self.names: dict[str, str] = {m.id: m.name for m in self.members}
        self.settings = gate.settings
        self.actions = gate.actions
        self.actions_by_id = {a.id: a for a in self.actions}
        self.previous = previous
        self.report = report
        self.incomplete = report.incomplete
        self.motions_done: set[str] = set()

    def t(self, owner: object, attr: str, key: object = None) -> str:
        """A free-text field, cleared, with white space collapsed."""
        return _flat(self.g.text(owner, attr, key))

    # -- names -------------------------------------------------------------

    def name(self, member_id: str | None, missing: str = "a former member") -> str:
        if not member_id:
            return missing
        return self.names.get(member_id) or missing

    def chair_agency(self) -> str:
        chair_id = self.meeting.chair_member_id or self.settings.chair_member_id
        return self.names.get(chair_id, "") if chair_id else ""

    def owner(self, action: ActionItem) -> str:
        member = self.names.get(action.owner_member_id or "", "")
        person = self.t(action, "owner_name")
        if member and person and person != member:
            return f"{member} ({person})"
        return member or person or "Unassigned"

    # -- whole document ----------------------------------------------------

    def write(self) -> None:
        self.front_matter()
        self.call_to_order()
        agenda = self.meeting.agenda
        next_index = next(
            (i for i, item in enumerate(agenda) if item.kind is AgendaKind.NEXT_MEETING), None
        )
        for index, item in enumerate(agenda):
            if index == next_index:
                self.new_actions()
            self.item(index + 1, item)
        if next_index is None:
            self.new_actions()
        self.stray_motions()
        self.adjournment()

    def coalition(self) -> str:
        name = _flat(self.settings.name) or DEFAULT_COALITION
        return name if name.lower().startswith("the ") else f"the {name}"

    def front_matter(self) -> None:
        meeting = self.meeting
        self.w.para(f"Minutes of the meeting of {self.coalition()}", STYLE_TITLE)
        self.w.meta("Date", long_date(meeting.date))
        begin = meeting.called_to_order or meeting.start_time
        if begin and meeting.adjourned and meeting.status is MeetingStatus.CLOSED:
            when = f"{clock(begin)} to {clock(meeting.adjourned)}"
        elif begin:
            when = clock(begin)
        else:
            when = "not recorded"
        self.w.meta("Time", when)
        self.w.meta("Location", self.t(meeting, "location") or "not recorded")
        agency = self.chair_agency()
        person = self.t(meeting, "chair_person")
        if agency and person:
            chair = f"{agency} ({person})"
        else:
            chair = agency or person or "not recorded"
        self.w.meta("Chair", chair)
        taker = self.t(meeting, "minute_taker")
        self.w.meta("Minute taker", taker or "not recorded")
        if not _flat(meeting.minute_taker):
            self.report.warnings.append("No minute taker is recorded.")
        if self.report.final:
            approved = (
                f"Approved at the meeting of {long_date(meeting.approved_on)}"
                if meeting.approved_on
                else "Approved"
            )
            status = self.w.meta("Status", approved)
        else:
            status = self.w.meta("Status", "Draft, for approval at the next meeting")
        status.space_after = 8
        if self.incomplete:
            follow = (
                "These minutes were exported before the meeting adjourned; "
                "items not yet reached are marked as such."
            )
            self.w.runs([(INCOMPLETE_NOTICE, None, False), (follow, False, True)], STYLE_NOTICE)

    def call_to_order(self) -> None:
        self.w.heading("Call to order")
        at = self.meeting.called_to_order
        if at is not None:
            self.w.para(_end(f"The Chair called the meeting to order at {clock(at)}"))
        elif self.meeting.status is MeetingStatus.SCHEDULED:
            self.w.para("The meeting had not been called to order when these minutes were exported.")
        else:
            self.w.para("The time the meeting was called to order was not recorded.")

    def adjournment(self) -> None:
        self.w.heading("Adjournment")
        if self.meeting.status is not MeetingStatus.CLOSED:
            self.w.para("The meeting had not adjourned when these minutes were exported.")
        elif self.meeting.adjourned is not None:
            self.w.para(_end(f"The meeting adjourned at {clock(self.meeting.adjourned)}"))
        else:
            self.w.para("The time of adjournment was not recorded.")

    # -- agenda items ------------------------------------------------------

    def title(self, item: AgendaItem) -> str:
        return self.t(item, "title") or _status_word(str(item.kind))

    def item(self, number: int, item: AgendaItem) -> None:
        self.w.heading(f"{number}. {self.title(item)}")
        if item.state is ItemState.SKIPPED:
            reason = _sentence(self.t(item, "skip_reason")) or "no reason recorded."
            self.w.para(f"Not taken up: {reason}")
            self.motions_for(item)
            return
        if item.state is ItemState.TODO and not self.has_content(item):
            self.w.para("Not yet taken up." if self.incomplete else "Not taken up.")
            return
        writer = {
            AgendaKind.MINUTE_TAKER: self.minute_taker,
            AgendaKind.ATTENDANCE: self.attendance,
            AgendaKind.LAND_ACKNOWLEDGEMENT: self.land_acknowledgement,
            AgendaKind.CONFLICTS: self.conflicts,
            AgendaKind.PREVIOUS_MINUTES: self.previous_minutes,
            AgendaKind.BUSINESS_ARISING: self.business_arising,
            AgendaKind.SUBCOMMITTEES: self.subcommittees,
            AgendaKind.MEMBER_UPDATES: self.member_updates,
            AgendaKind.CASE_EXAMPLES: self.case_examples,
            AgendaKind.NEXT_MEETING: self.next_meeting,
            AgendaKind.PRESENTATION: self.presentation,
            AgendaKind.MEMBER_CONCERN: self.member_concern,
        }.get(item.kind, self.other)
        writer(item)
        self.motions_for(item)

    def has_content(self, item: AgendaItem) -> bool:
        m = self.meeting
        if item.notes.strip() or any(x.agenda_item_id == item.id for x in m.motions):
            return True
        return {
            AgendaKind.MINUTE_TAKER: bool(m.minute_taker.strip()),
            AgendaKind.ATTENDANCE: any(a.marked for a in m.attendance) or bool(m.guests),
            AgendaKind.LAND_ACKNOWLEDGEMENT: m.land_acknowledgement_done,
            AgendaKind.CONFLICTS: bool(m.conflicts) or m.no_conflicts_declared,
            AgendaKind.PREVIOUS_MINUTES: bool(m.previous_minutes.result),
            AgendaKind.BUSINESS_ARISING: bool(m.action_updates),
            AgendaKind.SUBCOMMITTEES: any(v.strip() for v in m.subcommittee_updates.values())
            or bool(m.other_updates.strip()),
            AgendaKind.MEMBER_UPDATES: bool(m.member_updates),
            AgendaKind.CASE_EXAMPLES: bool(m.case_examples.notes.strip()),
            AgendaKind.NEXT_MEETING: m.next_meeting.on is not None
            or bool(m.next_meeting.upcoming_items),
        }.get(item.kind, False)

    def item_notes(self, item: AgendaItem) -> bool:
        return self.w.notes(self.g.text(item, "notes"))

    def notes_or(self, item: AgendaItem, empty: str | None) -> None:
        if not self.item_notes(item) and empty:
            self.w.para(empty)

    def minute_taker(self, item: AgendaItem) -> None:
        taker = self.t(self.meeting, "minute_taker")
        if taker:
            self.w.para(f"{taker} volunteered to take the minutes.")
        else:
            self.w.para("No minute taker was recorded.")
        self.item_notes(item)

    def attendance(self, item: AgendaItem) -> None:
        meeting = self.meeting
        records = {}
        for record in meeting.attendance:
            records.setdefault(record.member_id, record)
        attended_ids = {
            r.member_id for r in records.values() if r.marked and r.presence.attended
        }
        roster = [m for m in self.members if m.is_active or m.id in attended_ids]
        roster.sort(key=lambda m: m.name.casefold())
        rows: list[list[str]] = []
        counts = {p: 0 for p in Presence}
        regrets: list[str] = []
        absent: list[str] = []
        unmarked: list[str] = []
        movements: list[str] = []
        for member in roster:
            record = records.get(member.id)
            if record is None or not record.marked:
                unmarked.append(member.name)
                continue
            counts[record.presence] += 1
            if record.presence is Presence.REGRETS:
                regrets.append(member.name)
            elif record.presence is Presence.ABSENT:
                absent.append(member.name)
            else:
                person = self.t(record, "person") or member.representative
                if record.presence is Presence.DELEGATE:
                    who, how = f"delegate: {person or 'name not recorded'}", "Delegate"
                elif record.presence is Presence.REMOTE:
                    who, how = person or "\u2014", "Remotely"
                else:
                    who, how = person or "\u2014", "In person"
                rows.append([member.name, who, how])
                label = f"{member.name} ({person})" if person else member.name
                if record.arrived is not None:
                    movements.append(f"{label} arrived at {clock(record.arrived)}")
                if record.departed is not None:
                    movements.append(f"{label} left at {clock(record.departed)}")
        attending = len(rows)
        survivors = any(m.kind is MemberKind.SURVIVOR for m in roster)
        noun = "members" if survivors else "member organizations"
        breakdown = [
            f"{counts[Presence.PRESENT]} in person",
            plural(counts[Presence.DELEGATE], "by delegate", "by delegate"),
            f"{counts[Presence.REMOTE]} remotely",
        ]
        breakdown = [b for b in breakdown if not b.startswith("0 ")]
        summary = f"{attending} of {len(roster)} {noun} attended"
        if breakdown and attending:
            summary += f" ({', '.join(breakdown)})"
        self.w.para(summary + ".")
        if rows:
            self.w.table(["Member", "Represented by", "Attended"], rows, [3.6, 2.0, 0.9])
        else:
            self.w.labelled("Present: ", "none recorded.")
        self.w.labelled("Regrets: ", "; ".join(regrets) + "." if regrets else "none.")
        self.w.labelled("Absent: ", "; ".join(absent) + "." if absent else "none.")
        if unmarked:
            self.w.labelled("Attendance not recorded: ", "; ".join(unmarked) + ".")
            if meeting.status is MeetingStatus.CLOSED:
                self.report.warnings.append(
                    f"Attendance was not recorded for {plural(len(unmarked), 'member')}."
                )
        guests = []
        for guest in meeting.guests:
            name = self.t(guest, "name")
            extra = [x for x in (self.t(guest, "organization"), self.t(guest, "note")) if x]
            if name or extra:
                guests.append(f"{name or 'A guest'} ({'; '.join(extra)})" if extra else name)
        if guests:
            self.w.labelled("Guests (no vote): ", "; ".join(guests) + ".")
        else:
            self.w.labelled("Guests (no vote): ", "none.")
        if movements:
            self.w.labelled("Late arrivals and early departures: ", _end("; ".join(movements)))
        self.item_notes(item)

    def land_acknowledgement(self, item: AgendaItem) -> None:
        by = self.t(self.meeting, "land_acknowledgement_by")
        if by:
            self.w.para(f"{by} led the Land Acknowledgement.")
        elif self.meeting.land_acknowledgement_done:
            self.w.para("The Land Acknowledgement was read.")
        else:
            self.w.para("No Land Acknowledgement was recorded.")
        self.item_notes(item)

    def conflicts(self, item: AgendaItem) -> None:
        declared = self.meeting.conflicts
        if not declared:
            self.w.para("There were no declarations of conflict of interest.")
        for conflict in declared:
            target = self.meeting.item(conflict.agenda_item_id)
            if target is not None:
                position = self.meeting.agenda.index(target) + 1
                where = f"item {position} ({self.title(target)})"
            else:
                where = "an item no longer on the agenda"
            self.w.para(
                f"{self.name(conflict.member_id)} declared a conflict regarding {where} "
                "and did not take part in the discussion or vote."
            )
        self.item_notes(item)

    def previous_minutes(self, item: AgendaItem) -> None:
        record = self.meeting.previous_minutes
        previous = self.previous
        if previous is not None and record.meeting_id not in (None, previous.id):
            previous = None
        which = (
            f"the minutes of the meeting of {long_date(previous.date)}"
            if previous is not None
            else "the minutes of the previous meeting"
        )
        adjustments = [
            a for a in (self.t(record, "adjustments", i) for i in range(len(record.adjustments))) if a
        ]
        if adjustments:
            self.w.intro("The following corrections were made:")
            self.w.bullets(_sentence(a) for a in adjustments)
        result = self.t(record, "result")
        Which = which[:1].upper() + which[1:]
        if result.startswith("approved"):
            self.w.para(f"{Which} were {result}.")
        elif result == "deferred":
            self.w.para(f"Approval of {which} was deferred.")
        elif result:
            self.w.para(f"{Which}: {_sentence(result)}")
        else:
            self.w.para(f"No decision on {which} was recorded.")
        self.item_notes(item)

    def history_note(self, action: ActionItem):
        """This meeting's status entry and its cleared note."""
        for index in range(len(action.history) - 1, -1, -1):
            entry = action.history[index]
            if entry.meeting_id == self.meeting.id:
                return entry, self.t(entry, "note")
        return None, ""

    def business_arising(self, item: AgendaItem) -> None:
        self.item_notes(item)
        rows = []
        for action_id in dict.fromkeys(self.meeting.action_updates):
            action = self.actions_by_id.get(action_id)
            if action is None:
                continue
            entry, note = self.history_note(action)
            status = entry.status if entry is not None else action.status
            rows.append(
                [
                    str(action.number) if action.number else "\u2014",
                    self.t(action, "description"),
                    self.owner(action),
                    short_date(action.due),
                    _status_word(status),
                    note,
                ]
            )
        if rows:
            self.w.intro("Action items reviewed at this meeting:")
            self.w.table(
                ["No.", "Action", "Owner", "Due", "Status", "Note"],
                rows,
                [0.35, 1.65, 1.5, 0.95, 0.8, 1.25],
            )
        else:
            self.w.para("No action items were reviewed.")

    def subcommittees(self, item: AgendaItem) -> None:
        updates = self.meeting.subcommittee_updates
        names = list(dict.fromkeys(list(self.settings.subcommittees) + list(updates)))
        wrote = False
        for name in names:
            text = self.t(self.meeting, "subcommittee_updates", name) if name in updates else ""
            if name not in self.settings.subcommittees and not text:
                continue
            self.w.labelled(f"{name}: ", _sentence(text) if text else "No update.")
            wrote = True
        other = self.g.text(self.meeting, "other_updates").strip()
        if other:
            lines = [_flat(x) for x in other.splitlines() if x.strip()]
            self.w.labelled("Other Coalition updates: ", lines[0])
            for line in lines[1:]:
                self.w.para(line)
            wrote = True
        if not self.item_notes(item) and not wrote:
            self.w.para("No updates were recorded.")

    def member_updates(self, item: AgendaItem) -> None:
        wrote = False
        for update in self.meeting.member_updates:
            note = self.t(update, "note")
            text = _sentence(note) if note and not update.no_update else "No update."
            self.w.labelled(f"{self.name(update.member_id)}: ", text)
            wrote = True
        if not self.item_notes(item) and not wrote:
            self.w.para("No member updates were recorded.")

    def case_examples(self, item: AgendaItem) -> None:
        cases = self.meeting.case_examples
        notes = self.g.text(cases, "notes")
        extra = self.g.text(item, "notes")
        had_text = bool(cases.notes.strip() or item.notes.strip())
        if cases.acknowledged_at:
            if had_text:
                self.w.para(
                    "Non-identifying case examples were shared after the confidentiality "
                    "reminder was acknowledged."
                )
            else:
                self.w.para(
                    "The confidentiality reminder was acknowledged. No case examples were recorded."
                )
        elif had_text:
            self.w.para("Non-identifying case examples were shared.")
            self.report.warnings.append(
                "The confidentiality reminder was not recorded as acknowledged before the case examples."
            )
        else:
            self.w.para("No case examples were recorded.")
        self.w.notes(notes)
        self.w.notes(extra)

    def next_meeting(self, item: AgendaItem) -> None:
        nxt = self.meeting.next_meeting
        if nxt.on is not None:
            sentence = f"The next meeting will be held on {long_date(nxt.on)}"
            if nxt.start_time is not None:
                sentence += f", at {clock(nxt.start_time)}"
            self.w.para(_end(sentence))
            location = self.t(nxt, "location")
            decided = self.t(nxt, "location_decided_by")
            if location:
                where = _end(location)
                if decided:
                    where = f"{location}, decided by {decided}."
                self.w.labelled("Location: ", where)
            else:
                self.w.para("The location is to be confirmed.")
        else:
            self.w.para("The date of the next meeting is to be confirmed.")
        upcoming = [
            x for x in (self.t(nxt, "upcoming_items", i) for i in range(len(nxt.upcoming_items))) if x
        ]
        if upcoming:
            self.w.intro("Recommended items for the next meeting's agenda:")
            self.w.bullets(upcoming)
        else:
            self.w.para("No upcoming agenda items were recommended.")
        self.item_notes(item)

    def presentation(self, item: AgendaItem) -> None:
        presenter = self.t(item, "presenter") or "not recorded"
        vetted = self.name(item.vetted_by, "not recorded") if item.vetted_by else "not recorded"
        self.w.labelled("Presenter: ", f"{presenter} (vetted by {vetted}).")
        self.notes_or(item, "No notes were recorded.")

    def member_concern(self, item: AgendaItem) -> None:
        if item.raised_by:
            self.w.para(f"Raised by {self.name(item.raised_by)}.")
        self.notes_or(item, "No notes were recorded.")

    def other(self, item: AgendaItem) -> None:
        self.notes_or(item, "No notes were recorded.")

    # -- motions and action items -----------------------------------------

    def motion(self, motion: Motion) -> None:
        if motion.kind is MotionKind.AMENDMENT:
            parent = self.meeting.motion(motion.amends_motion_id or "")
            label = f"Amendment {motion.number}" if motion.number else "Amendment"
            if parent is not None and parent.number:
                label += f" (to motion {parent.number})"
        else:
            label = f"Motion {motion.number}" if motion.number else "Motion"
        # The gate has refused the export already if the wording, an
        # exclusion reason or a removal reason holds an unreviewed finding;
        # the cleared copies are what the wording quotes.
        cleared = _cleared_motion(self.g, motion)
        self.w.runs([(f"{label}: ", True, False), (minutes_text(cleared, self.names), None, False)], STYLE_MOTION)
        if not motion.state.is_closed and not self.incomplete:
            self.report.warnings.append(f"{label} is still open ({motion.state}).")

    def motions_for(self, item: AgendaItem) -> None:
        for motion in sorted(
            (m for m in self.meeting.motions if m.agenda_item_id == item.id),
            key=lambda m: (m.number or 10**6),
        ):
            self.motion(motion)
            self.motions_done.add(motion.id)

    def stray_motions(self) -> None:
        rest = [m for m in self.meeting.motions if m.id not in self.motions_done]
        if not rest:
            return
        self.w.heading("Other motions")
        for motion in sorted(rest, key=lambda m: (m.number or 10**6)):
            self.motion(motion)

    def status_here(self, action: ActionItem):
        """The status recorded at this meeting (approved minutes do not change
        when the item moves on later), else the current one."""
        entry = next(
            (h for h in reversed(action.history) if h.meeting_id == self.meeting.id), None
        )
        return entry.status if entry is not None else action.status

    def new_actions(self) -> None:
        new = [a for a in self.actions if a.created_meeting_id == self.meeting.id]
        new.sort(key=lambda a: (a.number or 10**6, a.description.casefold()))
        self.w.heading("Action items from this meeting")
        if not new:
            self.w.para("No new action items were recorded.")
            return
        rows = [
            [
                str(a.number) if a.number else "\u2014",
                self.t(a, "description"),
                self.owner(a),
                short_date(a.due),
                _status_word(self.status_here(a)),
            ]
            for a in new
        ]
        self.w.table(["No.", "Action", "Owner", "Due", "Status"], rows, [0.35, 2.75, 1.65, 0.95, 0.8])
        for a in new:
            if not a.owner_member_id and not a.owner_name.strip():
                self.report.warnings.append(f"Action item {a.number} has no owner.")


def _cleared_motion(gate: Gate, motion: Motion) -> Motion:
    """A copy of ``motion`` whose texts are the gate's cleared ones."""
    twin = replace(
        motion,
        text=gate.text(motion, "text"),
        excluded=[replace(e, reason=gate.text(e, "reason")) for e in motion.excluded],
    )
    if motion.removal is not None:
        twin.removal = replace(motion.removal, reasons=gate.text(motion.removal, "reasons"))
    return twin


# --------------------------------------------------------------------------
# Entry point


def is_final(meeting: Meeting) -> bool:
    return meeting.minutes_status is MinutesStatus.APPROVED


def minutes_layout(gate: Gate, previous: Meeting | None = None) -> tuple[MinutesLayout, MinutesReport]:
    """The minutes as a plain document model, and the report.

    Raises :class:`~dhtc_tui.domain.disclosure.DisclosureRefused` when a
    formal text holds an unreviewed finding. ``previous`` is the meeting
    whose minutes this one approved (for its date)."""
    gate.check()
    meeting, settings = gate.meeting, gate.settings
    final = is_final(meeting)
    report = MinutesReport(path=None, final=final, incomplete=meeting.status is not MeetingStatus.CLOSED)
    minutes = _Minutes(gate, previous, report)
    minutes.write()
    blocks = minutes.w.finish()
    name = _flat(settings.name) or DEFAULT_COALITION
    short = _flat(settings.short_name) or "Coalition"
    the = name if name.lower().startswith("the ") else f"the {name}"
    author = minutes.chair_agency() or name
    fixed = gate.words_many(
        [
            f"{short} minutes, {long_date(meeting.date)} \u2014 approved",
            name,
            f"Minutes of the meeting of {the}, {long_date(meeting.date)}",
            "Approved minutes" if final else "Draft minutes, for approval at the next meeting",
            author,
            f"{settings.short_name} minutes; confidential",
            f"Confidential \u2014 {name} members only.",
            "Final" if final else "Draft",
            "Minutes",
        ]
    )
    final_header = fixed[0] if final else None
    properties = Properties(*fixed[2:])
    report.findings_left_out = gate.left_out
    report.characters_removed = gate.replaced
    layout = MinutesLayout(blocks, final_header, fixed[1], properties)
    return layout, report
