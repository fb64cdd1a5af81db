"""What the minutes say, as a plain document model (no python-docx here).

The minutes follow the meeting's agenda, in its order, with the conventions
of DESIGN.md ("Minutes conventions"): what was done, not what was said.
Every agenda item appears; a skipped one says why ("Not taken up: …") and an
empty one says so ("No updates were recorded.") rather than vanish.

Confidentiality: every free text comes from the export gate
(:class:`~dhtc_tui.domain.disclosure.Gate`), and every sentence this module
and its parts (``wording_items``, ``wording_business``, ``wording_motions``)
write goes through :meth:`Gate.words` on its way into the model; the
.docx renderer accepts nothing else. Only the report (never the document)
says how many sentences were left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..domain.actions import is_overdue
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
    MinutesStatus,
)
from ..domain.text import clock, long_date
from .layout import MinutesLayout, Properties
from .styles import DEFAULT_COALITION, STYLE_NOTICE, STYLE_TITLE
from .wording_business import _Business
from .wording_items import _Items
from .wording_motions import _Motions
from .wording_text import _end, _flat, _sentence, _status_word, approval_how, approval_motion
from .writer import Writer as _Writer

__all__ = ["INCOMPLETE_NOTICE", "MinutesReport", "approval_how", "approval_motion", "is_final", "minutes_layout"]

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


class _Minutes(_Items, _Business, _Motions):
    """The minutes being written: the document and the front matter here, the
    agenda items in :mod:`.wording_items`, business arising in
    :mod:`.wording_business`, motions in :mod:`.wording_motions`."""

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
