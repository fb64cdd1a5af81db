"""Attendance: who is in the room when, counts, and the 2/3 standing rule.

Terms of Reference, Removal of Members: "Where members/organizations are in
attendance for less than 2/3 annual meetings (ie. less than 4 of 6 meetings),
automatic withdrawal from the Coalition will be assumed."  Membership
Responsibilities: a delegate may attend on a member's behalf; a delegate
counts as the member's attendance (and vote).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
import math

from .membership import has_vote
from .model import Attendance, Meeting, MeetingStatus, Member, MemberStatus, Presence


# --------------------------------------------------------------------------
# Meeting year


def meeting_year_start(day: date) -> int:
    """The calendar year in which the meeting year holding ``day`` starts.

    Meeting years run September 1 to August 31: meetings are held
    September-June, and a summer meeting belongs to the year just ended.
    """
    return day.year if day.month >= 9 else day.year - 1


def meeting_year_label(start: int) -> str:
    """2026 -> "2026-27" (with an en dash)."""
    return f"{start}\u2013{(start + 1) % 100:02d}"


def meeting_year_bounds(start: int) -> tuple[date, date]:
    """First and last day of the meeting year starting in September ``start``.

    Total: years that run off the calendar's ends (the year starting in
    September of year 0, or the one ending in August of year 10000) are cut
    to ``date.min`` / ``date.max``.
    """
    if start < date.min.year:
        first = date.min
    elif start > date.max.year:
        first = date.max
    else:
        first = date(start, 9, 1)
    if start + 1 > date.max.year:
        last = date.max
    elif start + 1 < date.min.year:
        last = date.min
    else:
        last = date(start + 1, 8, 31)
    return first, last


def meetings_in_year(meetings: Iterable[Meeting], start: int) -> list[Meeting]:
    """The meetings (any status) dated within the meeting year ``start``."""
    first, last = meeting_year_bounds(start)
    return [m for m in meetings if first <= m.date <= last]


def year_has_ended(start: int, as_of: date) -> bool:
    """Whether the meeting year ``start`` is over on ``as_of``."""
    return as_of > meeting_year_bounds(start)[1]


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
    meeting: Meeting,
    members: list[Member],
    at: time | None = None,
    *,
    survivors_vote: bool = False,
) -> AttendanceCounts:
    """Live counts over the active members (one per organization, not per
    person). Voting members follow the coalition's ``survivors_vote``
    setting ("Each organization has one vote")."""
    active = [m for m in members if m.is_active]
    by_id = {a.member_id: a for a in meeting.attendance}
    tally = {p: 0 for p in Presence}
    attending = voting = voting_attending = unmarked = 0
    for member in active:
        record = by_id.get(member.id)
        votes = has_vote(member, survivors_vote)
        if record is None or not record.marked:
            unmarked += 1
            if votes:
                voting += 1
            continue
        tally[record.presence] += 1
        here = in_room_at(record, at)
        attending += here
        if votes:
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
    #: The meeting year judged (the calendar year its September falls in).
    year: int = 0
    #: Whether the year was over on the date judged: the verdict is final and
    #: rests on the meetings actually held.
    year_ended: bool = False

    @property
    def remaining(self) -> int:
        return max(self.planned - self.held, 0)

    def describe(self) -> str:
        if self.year_ended:
            return (
                f"attended {self.attended} of {self.held} held; "
                f"{self.required} of {self.planned} needed in {meeting_year_label(self.year)}"
            )
        return (
            f"attended {self.attended} of {self.held} held; "
            f"{self.required} of {self.planned} needed this year"
        )


def required_attendance(planned: int) -> int:
    """Fewest meetings that is not "less than 2/3" of ``planned``."""
    return math.ceil(2 * planned / 3)


def _attended(meeting: Meeting, member_id: str) -> bool:
    record = meeting.attendance_of(member_id)
    return record is not None and record.presence.attended


def standing(
    member: Member,
    year_meetings: list[Meeting],
    planned_per_year: int,
    *,
    as_of: date,
    year: int | None = None,
) -> StandingReport:
    """The member's standing in one meeting year, judged on ``as_of``.

    ``year`` is the meeting year (default: the one holding ``as_of``);
    meetings in ``year_meetings`` outside it are ignored. A meeting counts as
    held once it is closed and dated on or before ``as_of``. Meetings held
    before the member joined count neither for nor against it.

    While the year runs, the planned count is the larger of the setting and
    the meetings on record; withdrawn means even perfect attendance at the
    remaining meetings cannot reach 2/3, at risk means every remaining one is
    needed. Once the year is over, it is judged on the meetings actually held
    (3 of 5 held is withdrawn whatever the setting says).
    """
    if year is None:
        year = meeting_year_start(as_of)
    ended = year_has_ended(year, as_of)
    in_year = meetings_in_year(year_meetings, year)
    joined = member.joined
    relevant = [m for m in in_year if joined is None or m.date >= joined]
    held = [m for m in relevant if m.status is MeetingStatus.CLOSED and m.date <= as_of]
    if ended:
        planned = len(held)
    else:
        excluded = len(in_year) - len(relevant)
        planned = max(max(planned_per_year, len(in_year)) - excluded, len(held), 0)
    attended = sum(_attended(m, member.id) for m in held)
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
        year=year,
        year_ended=ended,
    )


def standings(
    members: list[Member],
    year_meetings: list[Meeting],
    planned_per_year: int,
    *,
    as_of: date,
    year: int | None = None,
    include_inactive: bool = False,
) -> list[StandingReport]:
    """Standing of every active member (every member with
    ``include_inactive``, to show a past year's verdicts)."""
    return [
        standing(m, year_meetings, planned_per_year, as_of=as_of, year=year)
        for m in members
        if include_inactive or m.is_active
    ]


# --------------------------------------------------------------------------
# Automatic withdrawal and reinstatement


def withdrawal_reason(year: int) -> str:
    """The reason stored on a member withdrawn by the 2/3 rule."""
    return f"attendance under 2/3 in {meeting_year_label(year)}"


@dataclass(frozen=True)
class Withdrawal:
    member_id: str
    year: int
    on: date
    reason: str
    report: StandingReport


def due_withdrawals(
    members: Iterable[Member],
    meetings: Iterable[Meeting],
    planned_per_year: int,
    *,
    as_of: date,
    years: Iterable[int] | None = None,
) -> list[Withdrawal]:
    """Active members the 2/3 rule withdraws on ``as_of``, without changing
    anything (read-only commands use this).

    By default two years are judged: the one before ``as_of``'s, which is
    over (withdrawn if it did not reach 2/3 of the meetings held), and the
    one holding ``as_of`` (withdrawn once 2/3 can no longer be reached);
    ``years`` chooses others (e.g. only the year just ended, at start-up).
    A year the chair reinstated the member for is not judged again.
    """
    meetings = list(meetings)
    current = meeting_year_start(as_of)
    judged = sorted(set(years)) if years is not None else [current - 1, current]
    found: list[Withdrawal] = []
    for member in members:
        if not member.is_active:
            continue
        for year in judged:
            if year in member.reinstated_years:
                continue
            report = standing(member, meetings, planned_per_year, as_of=as_of, year=year)
            if report.standing is Standing.WITHDRAWN:
                found.append(Withdrawal(member.id, year, as_of, withdrawal_reason(year), report))
                break
    return found


def apply_withdrawals(
    members: Iterable[Member],
    meetings: Iterable[Meeting],
    planned_per_year: int,
    *,
    as_of: date,
    years: Iterable[int] | None = None,
) -> list[Member]:
    """Withdraw, on the members themselves, those ``due_withdrawals`` names:
    status withdrawn, dated ``as_of``, reason "attendance under 2/3 in
    YEAR". Returns the members changed (to save), empty when none.

    Run when a meeting closes and at the first start after a year ends.
    Running it again changes nothing.
    """
    members = list(members)
    by_id = {m.id: m for m in members}
    changed: list[Member] = []
    for w in due_withdrawals(members, meetings, planned_per_year, as_of=as_of, years=years):
        member = by_id[w.member_id]
        member.status = MemberStatus.WITHDRAWN
        member.status_on = w.on
        member.status_reason = w.reason
        member.withdrawn_for_year = w.year
        changed.append(member)
    return changed


def reinstate(member: Member, reason: str, on: date) -> Member:
    """The chair makes a withdrawn member active again, with a reason.

    A member withdrawn by the 2/3 rule is not withdrawn again for that same
    year. Raises ``ValueError`` without changing anything when the member is
    not withdrawn or no reason is given.
    """
    reason = " ".join(reason.split()) if reason else ""
    if member.status is not MemberStatus.WITHDRAWN:
        raise ValueError(f"{member.name} is not withdrawn ({member.status}).")
    if not reason:
        raise ValueError("Give the reason for reinstating the member.")
    if member.withdrawn_for_year is not None and member.withdrawn_for_year not in member.reinstated_years:
        member.reinstated_years.append(member.withdrawn_for_year)
    member.status = MemberStatus.ACTIVE
    member.status_on = on
    member.status_reason = f"reinstated by the chair: {reason}"
    member.withdrawn_for_year = None
    return member


def newly_withdrawn(members: Iterable[Member], since: date | None) -> list[Member]:
    """Members withdrawn by the 2/3 rule on or after ``since`` (every one
    still withdrawn by it when ``since`` is None), by name."""
    found = [
        m
        for m in members
        if m.status is MemberStatus.WITHDRAWN
        and m.withdrawn_for_year is not None
        and (since is None or (m.status_on is not None and m.status_on >= since))
    ]
    return sorted(found, key=lambda m: m.name.casefold())
