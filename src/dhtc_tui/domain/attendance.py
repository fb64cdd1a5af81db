"""Attendance: who is in the room when, counts, and the 2/3 standing rule.

Terms of Reference, Removal of Members: "Where members/organizations are in
attendance for less than 2/3 annual meetings (ie. less than 4 of 6 meetings),
automatic withdrawal from the Coalition will be assumed."  Membership
Responsibilities: a delegate may attend on a member's behalf; a delegate
counts as the member's attendance (and vote).
"""

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
import math

from .model import Attendance, Meeting, MeetingStatus, Member, Presence


# --------------------------------------------------------------------------
# Meeting year


def meeting_year_start(day: date) -> int:
    """The calendar year in which the meeting year holding ``day`` starts.

    Meeting years run September to June; July and August belong to the year
    that starts that September.
    """
    return day.year if day.month >= 7 else day.year - 1


def meeting_year_label(start: int) -> str:
    return f"{start}\u2013{(start + 1) % 100:02d}"


def meeting_year_bounds(start: int) -> tuple[date, date]:
    return date(start, 7, 1), date(start + 1, 6, 30)


# --------------------------------------------------------------------------
# In the room


def in_room_at(record: Attendance, at: time | None) -> bool:
    """Whether the member is attending (in person, by delegate or remotely)
    at clock time ``at``: arrived by then and not yet departed.

    ``at`` None means "at any time during the meeting": only the presence
    counts.
    """
    if not record.presence.attended:
        return False
    if at is None:
        return True
    if record.arrived is not None and record.arrived > at:
        return False
    if record.departed is not None and record.departed <= at:
        return False
    return True


@dataclass(frozen=True)
class AttendanceCounts:
    active_members: int
    attending: int  # present + delegate + remote
    present: int
    delegates: int
    remote: int
    regrets: int
    absent: int
    unmarked: int
    voting_members: int
    voting_attending: int
    guests: int


def attendance_counts(
    meeting: Meeting, members: list[Member], at: time | None = None
) -> AttendanceCounts:
    """Live counts over the active members (one per organization, not per person)."""
    active = [m for m in members if m.is_active]
    by_id = {a.member_id: a for a in meeting.attendance}
    tally = {p: 0 for p in Presence}
    attending = voting = voting_attending = unmarked = 0
    for member in active:
        record = by_id.get(member.id)
        if record is None or not record.marked:
            unmarked += 1
            if member.votes:
                voting += 1
            continue
        tally[record.presence] += 1
        here = in_room_at(record, at)
        attending += here
        if member.votes:
            voting += 1
            voting_attending += here
    return AttendanceCounts(
        active_members=len(active),
        attending=attending,
        present=tally[Presence.PRESENT],
        delegates=tally[Presence.DELEGATE],
        remote=tally[Presence.REMOTE],
        regrets=tally[Presence.REGRETS],
        absent=tally[Presence.ABSENT],
        unmarked=unmarked,
        voting_members=voting,
        voting_attending=voting_attending,
        guests=len(meeting.guests),
    )


def mark(
    meeting: Meeting,
    member_id: str,
    presence: Presence,
    person: str = "",
) -> Attendance:
    """Record a member's presence, creating the record if needed."""
    record = meeting.attendance_of(member_id)
    if record is None:
        record = Attendance(member_id=member_id)
        meeting.attendance.append(record)
    record.presence = presence
    record.marked = True
    if person or presence is Presence.DELEGATE:
        record.person = person
    if not presence.attended:
        record.arrived = record.departed = None
    return record


# --------------------------------------------------------------------------
# Standing under the 2/3 rule


class Standing(StrEnum):
    GOOD = "good standing"
    AT_RISK = "at risk"
    WITHDRAWN = "withdrawn (under 2/3 attendance)"


@dataclass(frozen=True)
class StandingReport:
    member_id: str
    standing: Standing
    attended: int
    held: int
    planned: int
    required: int

    @property
    def remaining(self) -> int:
        return max(self.planned - self.held, 0)

    def describe(self) -> str:
        return (
            f"attended {self.attended} of {self.held} held; "
            f"{self.required} of {self.planned} needed this year"
        )


def required_attendance(planned: int) -> int:
    """Fewest meetings that is not "less than 2/3" of ``planned``."""
    return math.ceil(2 * planned / 3)


def standing(
    member: Member,
    year_meetings: list[Meeting],
    planned_per_year: int,
) -> StandingReport:
    """The member's standing over one meeting year's meetings.

    ``year_meetings`` are all meetings of the year (held, in progress or
    scheduled). A meeting counts as held once it is closed. Meetings held
    before the member joined count neither for nor against it. The year's
    planned count is the larger of the setting and the meetings on record.
    """
    joined = member.joined
    relevant = [m for m in year_meetings if joined is None or m.date >= joined]
    excluded = len(year_meetings) - len(relevant)
    planned = max(planned_per_year, len(year_meetings)) - excluded
    planned = max(planned, 0)
    held = [m for m in relevant if m.status is MeetingStatus.CLOSED]
    attended = 0
    for meeting in held:
        record = meeting.attendance_of(member.id)
        if record is not None and record.presence.attended:
            attended += 1
    required = required_attendance(planned)
    remaining = max(planned - len(held), 0)
    best_case = attended + remaining
    if best_case < required:
        verdict = Standing.WITHDRAWN
    elif remaining > 0 and best_case == required and attended < required:
        verdict = Standing.AT_RISK
    else:
        verdict = Standing.GOOD
    return StandingReport(
        member_id=member.id,
        standing=verdict,
        attended=attended,
        held=len(held),
        planned=planned,
        required=required,
    )


def standings(
    members: list[Member], year_meetings: list[Meeting], planned_per_year: int
) -> list[StandingReport]:
    return [
        standing(m, year_meetings, planned_per_year) for m in members if m.is_active
    ]
