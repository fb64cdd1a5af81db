"""The standard agenda items in the minutes: minute taker, attendance, land
acknowledgement, conflicts, previous minutes, updates, case examples, the
next meeting, presentations and member concerns.

A mixin of :class:`~.wording._Minutes` (no python-docx here): it needs the
writer ``w``, the gate ``g``, ``meeting``, ``members``, ``settings``,
``report``, ``previous`` and the shared methods (``t``, ``name``, ``title``,
``item_notes``, ``notes_or``, ``email_approval``, ``evote_words``).
"""

from __future__ import annotations

from ..domain import evote as evotes_rules
from ..domain.model import AgendaItem, MeetingStatus, MemberKind, Presence
from ..domain.text import clock, long_date, plural
from .wording_text import _end, _flat, _sentence, approval_how


class _Items:
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
