"""Business arising in the minutes: the action items open when the meeting
began, decisions made between meetings, removal notices signed since the
previous meeting, and the action items this meeting created.

A mixin of :class:`~.wording._Minutes` (no python-docx here): it needs the
writer ``w``, ``meeting``, ``actions``, ``actions_by_id``, ``previous``,
``evotes``, ``members``, ``report`` and the shared methods (``t``, ``name``,
``owner``, ``item_notes``, ``evote_words``).
"""

from __future__ import annotations

from ..domain.actions import open_at_start, status_at_start
from ..domain import evote as evotes_rules
from ..domain.model import ActionItem, AgendaItem, MotionKind
from ..domain.text import long_date, short_date
from ..domain.voting import moved_order
from .wording_text import _join, _status_word


class _Business:
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
