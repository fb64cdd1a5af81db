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

from ..domain.actions import is_overdue, open_at_start, status_at_start
from ..domain.agenda import record_title
from ..domain import evote as evotes_rules
from ..domain.disclosure import Cleared, DisclosureRefused, Gate
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
    MotionState,
    Presence,
)
from ..domain.text import clock, long_date, plural, short_date
from ..domain.voting import decision_order, minutes_text, motion_wording, moved_order
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
        approval: Meeting | None = None,
        evotes: list | None = None,
    ) -> None:
        self.g = gate
        self.evotes = list(evotes or [])
        self._evote_gate: Gate | None = None
        self.w = _Writer(gate)
        self.meeting = gate.meeting
        self.members = gate.members
        self.names: dict[str, str] = {m.id: m.name for m in self.members}
        self.settings = gate.settings
        self.actions = gate.actions
        self.actions_by_id = {a.id: a for a in self.actions}
        self.previous = previous
        self.approval = approval
        self.report = report
        self.incomplete = report.incomplete
        self.motions_done: set[str] = set()
        self.new_actions_done = False
        self._cleared_meeting: Meeting | None = None

    def t(self, owner: object, attr: str, key: object = None) -> str:
        """A free-text field, cleared, with white space collapsed."""
        return _flat(self.g.text(owner, attr, key))

    def evote_words(self, text: str) -> Cleared:
        """A sentence quoting decisions between meetings, cleared by the gate
        over their formal texts (:func:`~dhtc_tui.domain.evote.stand_in`):
        the meeting's own gate has never seen them."""
        if self._evote_gate is None:
            gate = Gate(evotes_rules.stand_in(self.evotes, self.meeting.date), self.members, self.settings)
            if gate.refused:
                first = gate.refused[0]
                raise DisclosureRefused(
                    f"Nothing written: a decision made between meetings (e-vote {first.text.owner.number}) "
                    f"has an unreviewed possible identifying detail ({first.kind}). "
                    "Review it (dhtc-tui evote) or reword it."
                )
            self._evote_gate = gate
        return self._evote_gate.words(_flat(text))

    def email_approval(self, meeting_id: str | None):
        """The e-mail approval request for the minutes of ``meeting_id``, if any."""
        return evotes_rules.minutes_approval_for(self.evotes, meeting_id) if meeting_id else None

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
        for index, item in enumerate(agenda):
            self.item(index + 1, item)
        if not self.new_actions_done:
            # No business arising item: the new action items get a numbered
            # item of their own, inside the numbering.
            self.w.heading(f"{len(agenda) + 1}. Action items from this meeting")
            self.decisions_between()
            self.new_actions(heading=False)
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
        approval = self.approval
        decided = approval is not None and approval.previous_minutes.result.startswith("approved")
        if self.report.final and decided:
            result = _status_word(approval.previous_minutes.result)
            status = self.w.meta(
                "Status",
                f"{result} at the meeting of {long_date(approval.date)}, {approval_how(approval)}",
            )
        elif self.report.final and self.approved_by_email() is not None:
            vote = self.approved_by_email()
            how = "as corrected " if vote.corrections_adopted else ""
            status = self.w.meta(
                "Status", f"Approved {how}by consensus by e-mail on {long_date(vote.closed_on)}"
            )
        elif self.report.final:
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
        if self.report.final and decided:
            self.adopted_corrections(approval)
        elif self.report.final and self.approved_by_email() is not None:
            self.email_corrections(self.approved_by_email())

    def approved_by_email(self):
        """The e-mail approval that made these minutes FINAL, if that is how."""
        vote = self.email_approval(self.meeting.id)
        if vote is None or vote.state is not evotes_rules.EVoteState.APPROVED or vote.closed_on is None:
            return None
        if self.meeting.approved_on not in (None, vote.closed_on):
            return None  # approved again later, at a meeting
        return vote

    def email_corrections(self, vote) -> None:
        """The corrections adopted by e-mail, as a meeting's adopted ones are."""
        if not vote.corrections_adopted:
            return
        self.w.runs(
            [
                (f"Approved as corrected on {long_date(vote.closed_on)}", True, False),
                (
                    " (by consensus by e-mail). The minutes below are as circulated; "
                    "the corrections adopted are:",
                    None,
                    False,
                ),
            ],
        ).keep_with_next = True
        self.w.bullets(self.evote_words(_sentence(c)) for c in vote.corrections_adopted)

    def adopted_corrections(self, approval: Meeting) -> None:
        """The corrections the approving meeting adopted, under an
        "Approved as corrected on DATE" note (the text above them is the
        draft as circulated)."""
        record = approval.previous_minutes
        if not record.adjustments:
            return
        gate = Gate(approval, self.members, self.settings, self.actions)
        corrections = [
            c for c in (gate.text(record, "adjustments", i) for i in range(len(record.adjustments)))
            if c.strip()
        ]
        self.w.runs(
            [
                (f"Approved as corrected on {long_date(approval.date)}", True, False),
                (
                    f" ({approval_how(approval)}). The minutes below are as circulated; "
                    "the corrections adopted are:",
                    None,
                    False,
                ),
            ],
        ).keep_with_next = True
        if corrections:
            self.w.bullets(corrections)
        else:
            self.w.para("(The corrections are held in the record of that meeting.)")

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
        official = record_title(item)
        if official != _flat(item.title):
            return official  # the Terms of Reference wording, not typed text
        return self.t(item, "title") or _status_word(str(item.kind))

    def item(self, number: int, item: AgendaItem) -> None:
        self.w.heading(f"{number}. {self.title(item)}")
        arising = item.kind is AgendaKind.BUSINESS_ARISING and not self.new_actions_done
        if item.state is ItemState.SKIPPED:
            reason = _sentence(self.t(item, "skip_reason")) or "no reason recorded."
            self.w.para(f"Not taken up: {reason}")
            self.motions_for(item)
            if arising:
                self.decisions_between()
                self.new_actions()
            return
        if item.state is ItemState.TODO and not self.has_content(item):
            self.w.para("Not yet taken up." if self.incomplete else "Not taken up.")
            if arising:
                self.decisions_between()
                self.new_actions()
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
        if arising:
            self.new_actions()

    def has_content(self, item: AgendaItem) -> bool:
        m = self.meeting
        if item.notes.strip() or any(x.agenda_item_id == item.id for x in m.motions):
            return True
        return {
            AgendaKind.MINUTE_TAKER: bool(m.minute_taker.strip()),
            AgendaKind.ATTENDANCE: any(a.marked for a in m.attendance) or bool(m.guests),
            AgendaKind.LAND_ACKNOWLEDGEMENT: m.land_acknowledgement_done,
            AgendaKind.CONFLICTS: bool(m.conflicts) or m.no_conflicts_declared,
            AgendaKind.PREVIOUS_MINUTES: bool(m.previous_minutes.result)
            or self.email_approval(self.previous.id if self.previous else m.previous_minutes.meeting_id) is not None,
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
                person = self.t(record, "person")
                if record.presence is Presence.DELEGATE:
                    # A delegate is never the usual representative: the
                    # table says "delegate" once, in the Attended column.
                    who, how = person or "Name not recorded", "Delegate"
                    label = f"{member.name} ({person}, delegate)" if person else (
                        f"{member.name}, by delegate (name not recorded)"
                    )
                else:
                    person = person or member.representative
                    who = person or "\u2014"
                    how = "Remotely" if record.presence is Presence.REMOTE else "In person"
                    label = f"{member.name} ({person})" if person and person not in member.name else member.name
                rows.append([member.name, who, how])
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
            nature = self.t(conflict, "nature")
            who = self.name(conflict.member_id)
            if nature:
                what = f"Nature of the conflict: {_sentence(nature)}"
            else:
                what = "The nature of the conflict was not recorded."
                self.report.warnings.append(f"The nature of {who}'s conflict of interest is not recorded.")
            self.w.para(
                f"{who} declared a conflict of interest regarding {where}. {what} "
                "It did not take part in the discussion or vote on that item's motions."
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
        vote = self.email_approval(previous.id if previous is not None else record.meeting_id)
        if vote is not None:
            day = previous.date if previous is not None else vote.opened_on
            self.w.para(self.evote_words(evotes_rules.minutes_approval_text(vote, day)))
            if not result and vote.state is not evotes_rules.EVoteState.DEFERRED:
                self.item_notes(item)
                return
        if result.startswith("approved"):
            self.w.para(f"{Which} were {result}, {approval_how(self.meeting)}.")
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
        """Every action item open when the meeting began (reviewed or not),
        then any other item whose status changed at this meeting."""
        self.item_notes(item)
        meeting = self.meeting
        listed = [a for a in self.actions if open_at_start(a, meeting)]
        seen = {a.id for a in listed}
        for action_id in dict.fromkeys(meeting.action_updates):
            action = self.actions_by_id.get(action_id)
            if action is not None and action.id not in seen and action.created_meeting_id != meeting.id:
                listed.append(action)
                seen.add(action.id)
        listed.sort(key=lambda a: (a.number or 10**6, a.description.casefold()))
        rows = []
        for action in listed:
            entry, note = self.history_note(action)
            status = entry.status if entry is not None else status_at_start(action, meeting) or action.status
            shown = _status_word(status)
            if not status.is_closed and action.due is not None and action.due < meeting.date:
                shown += " (overdue)"
            rows.append(
                [
                    str(action.number) if action.number else "\u2014",
                    self.t(action, "description"),
                    self.owner(action),
                    short_date(action.due),
                    shown,
                    note if entry is not None else (note or "No update recorded."),
                ]
            )
        if rows:
            self.w.intro("Action items open at the start of the meeting:")
            self.w.table(
                ["No.", "Action", "Owner", "Due", "Status", "Note"],
                rows,
                [0.45, 1.55, 1.45, 0.95, 0.85, 1.25],
            )
        else:
            self.w.para("No action items were open at the start of the meeting.")
        self.later_notices()
        self.decisions_between()

    def decisions_between(self) -> None:
        """Decisions made by e-mail since the previous meeting (wording,
        dates, counts, result), once, under business arising."""
        if getattr(self, "_decisions_done", False):
            return
        self._decisions_done = True
        previous = self.previous.date if self.previous is not None and self.previous.id != self.meeting.id else None
        sentences = evotes_rules.decisions_between(self.evotes, self.meeting.date, previous, self.members)
        if not sentences:
            return
        self.w.heading("Decisions made between meetings", 2)
        for sentence in sentences:
            self.w.para(self.evote_words(sentence))

    def later_notices(self) -> None:
        """Removal outcome notices signed after the previous meeting
        adjourned: that meeting's minutes leave them out, so they are
        reported here."""
        previous = self.previous
        if previous is None or previous.id == self.meeting.id:
            return
        for motion in moved_order(previous):
            removal = motion.removal
            if motion.kind is not MotionKind.REMOVAL or removal is None or not removal.signed_by:
                continue
            on = removal.outcome_notice_on
            if on is None or not (previous.date < on <= self.meeting.date):
                continue
            subject = self.name(motion.subject_member_id, "the member")
            self.w.para(
                f"Written notice of the outcome of motion {motion.number} of the meeting of "
                f"{long_date(previous.date)} (removal of {subject}, {motion.state}), "
                f"dated {long_date(on)}, was signed by {_join([self.name(s) for s in removal.signed_by])}."
            )

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

    def label(self, motion: Motion) -> str:
        if motion.kind is MotionKind.AMENDMENT:
            parent = self.meeting.motion(motion.amends_motion_id or "")
            label = f"Amendment {motion.number}" if motion.number else "Amendment"
            if parent is not None and parent.number:
                label += f" (to motion {parent.number})"
            return label
        return f"Motion {motion.number}" if motion.number else "Motion"

    def record_text(self, motion: Motion, **changes) -> str:
        """The domain's record of the motion (its cleared copy), leaving out
        what happened after the adjournment."""
        # The gate has refused the export already if the wording, an
        # exclusion reason or a removal reason holds an unreviewed finding;
        # the cleared copies are what the wording quotes.
        cleared = _cleared_motion(self.g, motion)
        if changes:
            cleared = replace(cleared, **changes)
        closed = self.meeting.status is MeetingStatus.CLOSED
        return minutes_text(
            cleared, self.names, meeting=self.cleared_meeting(), adjourned_on=self.meeting.date if closed else None
        )

    def cleared_meeting(self) -> Meeting:
        """The meeting as the motion wording may quote it: its guests'
        names cleared (the motions are looked up by id only)."""
        if self._cleared_meeting is None:
            guests = [
                replace(g, name=self.t(g, "name"), organization=self.t(g, "organization"), note="")
                for g in self.meeting.guests
            ]
            self._cleared_meeting = replace(self.meeting, guests=guests)
        return self._cleared_meeting

    def motion(self, motion: Motion) -> None:
        label = self.label(motion)
        amendments = self.amendments_of(motion)
        if not amendments:
            self.w.runs([(f"{label}: ", True, False), (self.record_text(motion), None, False)], STYLE_MOTION)
        else:
            # In the order things were decided: the motion as moved, each
            # amendment and its result, then the motion's own result.
            moved = _sentence(motion_wording(self.g.text(motion, "text")) or "That (no wording)")
            movers = ""
            if motion.mover_id and motion.seconder_id:
                movers = f"Moved by {self.name(motion.mover_id)}, seconded by {self.name(motion.seconder_id)}."
            elif motion.mover_id:
                movers = f"Moved by {self.name(motion.mover_id)}."
            self.w.runs([(f"{label}: ", True, False), (f"{moved} {movers}".strip(), None, False)], STYLE_MOTION)
            for amendment in amendments:
                self.w.runs(
                    [(f"{self.label(amendment)}: ", True, False), (self.record_text(amendment), None, False)],
                    STYLE_MOTION,
                )
                self.motions_done.add(amendment.id)
            result = self.record_text(motion, mover_id=None, seconder_id=None)
            self.w.runs([(f"{label}, as decided: ", True, False), (result, None, False)], STYLE_MOTION)
        if not motion.state.is_closed and not self.incomplete:
            self.report.warnings.append(f"{label} is still open ({motion.state}).")

    def amendments_of(self, motion: Motion) -> list[Motion]:
        """Amendments to ``motion`` that were moved, in the order decided."""
        if motion.kind is MotionKind.AMENDMENT:
            return []
        found = [m for m in decision_order(self.meeting) if m.amends_motion_id == motion.id and m.id != motion.id]
        return [m for m in found if m.id not in self.motions_done]

    def motions_for(self, item: AgendaItem) -> None:
        """The item's motions in the order they were moved (amendments under
        the motion they amend)."""
        for motion in moved_order(self.meeting) + [m for m in self.meeting.motions if m.number <= 0]:
            if motion.agenda_item_id != item.id or motion.id in self.motions_done:
                continue
            parent = self.meeting.motion(motion.amends_motion_id or "")
            if parent is not None and parent.agenda_item_id == item.id and parent.id not in self.motions_done:
                continue  # printed with its main motion
            self.motion(motion)
            self.motions_done.add(motion.id)

    def stray_motions(self) -> None:
        rest = [m for m in self.meeting.motions if m.id not in self.motions_done]
        if not rest:
            return
        self.w.heading("Other motions")
        for motion in sorted(rest, key=lambda m: (m.number or 10**6)):
            if motion.id in self.motions_done:
                continue
            self.motion(motion)
            self.motions_done.add(motion.id)

    def status_here(self, action: ActionItem):
        """The status recorded at this meeting (approved minutes do not change
        when the item moves on later), else the current one."""
        entry = next(
            (h for h in reversed(action.history) if h.meeting_id == self.meeting.id), None
        )
        return entry.status if entry is not None else action.status

    def new_actions(self, heading: bool = True) -> None:
        """The action items this meeting created, under business arising
        (a sub-heading) or as a numbered item of their own."""
        self.new_actions_done = True
        new = [a for a in self.actions if a.created_meeting_id == self.meeting.id]
        new.sort(key=lambda a: (a.number or 10**6, a.description.casefold()))
        if heading:
            self.w.heading("New action items from this meeting", 2)
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
        self.w.table(["No.", "Action", "Owner", "Due", "Status"], rows, [0.45, 2.65, 1.65, 0.95, 0.8])
        for a in new:
            if not a.owner_member_id and not a.owner_name.strip():
                self.report.warnings.append(f"Action item {a.number} has no owner.")


def _cleared_motion(gate: Gate, motion: Motion) -> Motion:
    """A copy of ``motion`` whose texts are the gate's cleared ones."""
    twin = replace(
        motion,
        text=gate.text(motion, "text"),
        amended_text=gate.text(motion, "amended_text"),
        excluded=[replace(e, reason=gate.text(e, "reason")) for e in motion.excluded],
    )
    if motion.removal is not None:
        twin.removal = replace(motion.removal, reasons=gate.text(motion.removal, "reasons"))
    return twin


# --------------------------------------------------------------------------
# Entry point


def is_final(meeting: Meeting) -> bool:
    return meeting.minutes_status is MinutesStatus.APPROVED


def minutes_layout(
    gate: Gate, previous: Meeting | None = None, *, approval: Meeting | None = None, evotes: list | None = None
) -> tuple[MinutesLayout, MinutesReport]:
    """The minutes as a plain document model, and the report.

    Raises :class:`~dhtc_tui.domain.disclosure.DisclosureRefused` when a
    formal text holds an unreviewed finding. ``previous`` is the meeting
    whose minutes this one approved (for its date); ``approval`` the later
    meeting that approved these minutes (for how, and its corrections);
    ``evotes`` the decisions made between meetings (business arising, and
    minutes approved by e-mail)."""
    gate.check()
    meeting, settings = gate.meeting, gate.settings
    final = is_final(meeting)
    report = MinutesReport(path=None, final=final, incomplete=meeting.status is not MeetingStatus.CLOSED)
    if approval is not None and approval.previous_minutes.meeting_id != meeting.id:
        approval = None
    minutes = _Minutes(gate, previous, report, approval, evotes)
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


def approval_motion(approving: Meeting) -> Motion | None:
    """The carried motion by which ``approving`` approved the previous
    minutes, if they were approved by a motion."""
    record = approving.previous_minutes
    motion = approving.motion(record.motion_id) if record.motion_id else None
    if motion is None:
        motion = next(
            (
                m for m in approving.motions
                if m.kind is MotionKind.PREVIOUS_MINUTES and m.state is MotionState.CARRIED
            ),
            None,
        )
    return motion


def approval_how(approving: Meeting) -> str:
    """ "by motion 1" or "by consensus": how the previous minutes were approved."""
    motion = approval_motion(approving)
    if motion is not None and motion.number:
        return f"by motion {motion.number}"
    return "by consensus"
