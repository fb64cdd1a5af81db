"""Attendance: who is in the room when, the counts, and the 2/3 standing rule."""

from __future__ import annotations

import math
from datetime import date, time, timedelta

import pytest
from hypothesis import given, strategies as st

from dhtc_tui.domain.attendance import (
    Standing,
    apply_withdrawals,
    attendance_counts,
    due_withdrawals,
    in_room_at,
    mark,
    meeting_year_bounds,
    meeting_year_label,
    meeting_year_start,
    newly_withdrawn,
    reinstate,
    required_attendance,
    standing,
    standings,
    year_has_ended,
)
from dhtc_tui.domain.model import (
    Attendance,
    Guest,
    Meeting,
    MeetingStatus,
    Member,
    MemberKind,
    MemberStatus,
    Presence,
)

#: A day late in the 2026-27 meeting year, after every test meeting.
IN_YEAR = date(2027, 8, 31)

#: A day late in the 2026-27 meeting year, after every test meeting.
IN_YEAR = date(2027, 8, 31)

ATTENDED = [Presence.PRESENT, Presence.DELEGATE, Presence.REMOTE]
NOT_ATTENDED = [Presence.REGRETS, Presence.ABSENT]


# --------------------------------------------------------------------------
# Meeting year (September to June)


@pytest.mark.parametrize(
    "day, start",
    [
        (date(2026, 9, 17), 2026),
        (date(2026, 12, 31), 2026),
        (date(2027, 1, 1), 2026),
        (date(2027, 6, 30), 2026),
        (date(2027, 7, 1), 2026),  # a summer meeting belongs to the year just ended
        (date(2027, 8, 31), 2026),
        (date(2027, 9, 1), 2027),
    ],
)
def test_meeting_year_start(day, start):
    assert meeting_year_start(day) == start


#: The days whose meeting year ``date`` can represent: a day before July of
#: year 1 belongs to meeting year 0, one from July 9999 to year 10000.
REPRESENTABLE_DAYS = st.dates(min_value=date(1, 7, 1), max_value=date(9999, 6, 30))


@given(REPRESENTABLE_DAYS)
def test_a_day_lies_within_its_meeting_years_bounds(day):
    first, last = meeting_year_bounds(meeting_year_start(day))
    assert first <= day <= last


def test_meeting_year_label():
    assert meeting_year_label(2026) == "2026\u201327"
    assert meeting_year_label(2099) == "2099\u201300"


# --------------------------------------------------------------------------
# In the room


@pytest.mark.parametrize("presence", ATTENDED)
def test_attending_members_are_in_the_room_all_meeting(presence):
    record = Attendance("m", presence, marked=True)
    assert in_room_at(record, None)
    assert in_room_at(record, time(9, 30))
    assert in_room_at(record, time(23, 59))


@pytest.mark.parametrize("presence", NOT_ATTENDED)
def test_regrets_and_absent_are_never_in_the_room(presence):
    record = Attendance("m", presence, arrived=time(9, 0), marked=True)
    assert not in_room_at(record, None)
    assert not in_room_at(record, time(10, 0))


def test_late_arrival_and_early_departure():
    record = Attendance("m", Presence.PRESENT, arrived=time(9, 52), departed=time(10, 30), marked=True)
    assert not in_room_at(record, time(9, 51))
    assert in_room_at(record, time(9, 52))
    assert in_room_at(record, time(10, 29))
    assert not in_room_at(record, time(10, 30))  # gone at the moment of leaving
    assert in_room_at(record, None)  # attended the meeting


@given(
    arrived=st.none() | st.times(),
    departed=st.none() | st.times(),
    at=st.times(),
)
def test_in_room_means_arrived_and_not_yet_departed(arrived, departed, at):
    record = Attendance("m", Presence.REMOTE, arrived=arrived, departed=departed, marked=True)
    expected = (arrived is None or arrived <= at) and (departed is None or at < departed)
    assert in_room_at(record, at) == expected


# --------------------------------------------------------------------------
# mark()


def test_mark_creates_then_updates_one_record():
    meeting = Meeting(date=date(2026, 11, 19))
    record = mark(meeting, "m", Presence.PRESENT, "Priya")
    assert meeting.attendance == [record]
    assert (record.presence, record.person, record.marked) == (Presence.PRESENT, "Priya", True)
    record.arrived, record.departed = time(9, 50), time(10, 30)
    again = mark(meeting, "m", Presence.DELEGATE, "Alex Mercer")
    assert again is record and len(meeting.attendance) == 1
    assert record.person == "Alex Mercer"
    assert record.arrived == time(9, 50)  # still attending: times kept


def test_marking_regrets_clears_arrival_and_departure():
    meeting = Meeting(date=date(2026, 11, 19))
    record = mark(meeting, "m", Presence.PRESENT, "Priya")
    record.arrived, record.departed = time(9, 50), time(10, 30)
    mark(meeting, "m", Presence.REGRETS)
    assert (record.arrived, record.departed) == (None, None)
    assert record.person == "Priya"  # who sent regrets is kept


def test_a_delegate_without_a_name_clears_the_representative():
    meeting = Meeting(date=date(2026, 11, 19))
    mark(meeting, "m", Presence.PRESENT, "Priya")
    assert mark(meeting, "m", Presence.DELEGATE).person == ""


# --------------------------------------------------------------------------
# attendance_counts


def roster(n: int, **kw) -> list[Member]:
    return [Member(name=f"Org {i}", id=f"m{i}", **kw) for i in range(n)]


def test_counts_over_active_members_by_presence():
    members = roster(8)
    members[7].status = MemberStatus.WITHDRAWN
    members[6].votes = False
    meeting = Meeting(date=date(2026, 11, 19), guests=[Guest("Dana"), Guest("Lee")])
    for member_id, presence in [("m0", Presence.PRESENT), ("m1", Presence.PRESENT), ("m2", Presence.DELEGATE),
                                ("m3", Presence.REMOTE), ("m4", Presence.REGRETS), ("m6", Presence.PRESENT),
                                ("m7", Presence.PRESENT)]:
        mark(meeting, member_id, presence)
    meeting.attendance.append(Attendance("m5", Presence.ABSENT, marked=False))
    counts = attendance_counts(meeting, members)
    assert counts.active_members == 7
    assert (counts.present, counts.delegates, counts.remote, counts.regrets, counts.absent) == (3, 1, 1, 1, 0)
    assert counts.unmarked == 1
    assert counts.attending == 5
    assert counts.voting_members == 6
    assert counts.voting_attending == 4
    assert counts.guests == 2


@pytest.mark.parametrize("survivors_vote, voting", [(False, 1), (True, 2)])
def test_voting_counts_follow_the_survivor_vote_setting(survivors_vote, voting):
    members = [Member(name="Org", id="o"), Member(name="Survivor", kind=MemberKind.SURVIVOR, id="s")]
    meeting = Meeting(date=date(2026, 11, 19))
    mark(meeting, "o", Presence.PRESENT)
    mark(meeting, "s", Presence.PRESENT)
    counts = attendance_counts(meeting, members, survivors_vote=survivors_vote)
    assert (counts.voting_members, counts.voting_attending) == (voting, voting)


def test_counts_at_a_time_leave_out_late_arrivals_and_early_departures():
    members = roster(3)
    meeting = Meeting(date=date(2026, 11, 19))
    mark(meeting, "m0", Presence.PRESENT)
    mark(meeting, "m1", Presence.PRESENT).arrived = time(10, 0)
    mark(meeting, "m2", Presence.REMOTE).departed = time(10, 30)
    assert attendance_counts(meeting, members, time(9, 45)).attending == 2
    assert attendance_counts(meeting, members, time(10, 15)).attending == 3
    assert attendance_counts(meeting, members, time(10, 45)).voting_attending == 2
    assert attendance_counts(meeting, members).attending == 3
    # Presence totals do not depend on the clock.
    assert attendance_counts(meeting, members, time(9, 45)).present == 2


@given(st.lists(st.sampled_from([None, *Presence]), min_size=0, max_size=15), st.none() | st.times())
def test_counts_add_up(presences, at):
    members = roster(len(presences))
    meeting = Meeting(date=date(2026, 11, 19))
    for member, presence in zip(members, presences):
        if presence is not None:
            mark(meeting, member.id, presence)
    c = attendance_counts(meeting, members, at)
    assert c.present + c.delegates + c.remote + c.regrets + c.absent + c.unmarked == c.active_members
    assert c.attending <= c.present + c.delegates + c.remote
    assert c.voting_attending <= c.voting_members == c.active_members


# --------------------------------------------------------------------------
# Standing: "less than 2/3 of annual meetings" means withdrawal


def year_meetings(statuses: list[MeetingStatus], start: date = date(2026, 9, 17)) -> list[Meeting]:
    return [Meeting(date=start + timedelta(weeks=4 * i), status=s, id=f"meeting{i}") for i, s in enumerate(statuses)]


def attend(meetings: list[Meeting], member: Member, pattern: list[bool]) -> None:
    for meeting, came in zip(meetings, pattern):
        mark(meeting, member.id, Presence.PRESENT if came else Presence.REGRETS)


@pytest.mark.parametrize("planned, required", [(6, 4), (5, 4), (9, 6), (10, 7), (3, 2), (1, 1), (0, 0)])
def test_required_attendance_is_two_thirds_rounded_up(planned, required):
    assert required_attendance(planned) == required


def test_four_of_six():
    member = Member(name="Org", id="m")
    meetings = year_meetings([MeetingStatus.CLOSED] * 6)
    attend(meetings, member, [True, True, True, True, False, False])
    report = standing(member, meetings, 6, as_of=IN_YEAR)
    assert report.standing is Standing.GOOD
    assert (report.attended, report.held, report.planned, report.required) == (4, 6, 6, 4)
    assert report.describe() == "attended 4 of 6 held; 4 of 6 needed this year"
    attend(meetings, member, [True, True, True, False, False, False])
    assert standing(member, meetings, 6, as_of=IN_YEAR).standing is Standing.WITHDRAWN


def test_at_risk_when_every_remaining_meeting_is_needed():
    member = Member(name="Org", id="m")
    meetings = year_meetings([MeetingStatus.CLOSED] * 3 + [MeetingStatus.SCHEDULED])
    attend(meetings, member, [True, False, False])
    report = standing(member, meetings, 6, as_of=IN_YEAR)
    assert report.standing is Standing.AT_RISK
    assert report.remaining == 3


def test_delegates_and_remote_attendance_count():
    member = Member(name="Org", id="m")
    meetings = year_meetings([MeetingStatus.CLOSED] * 4)
    for meeting, presence in zip(meetings, [Presence.DELEGATE, Presence.REMOTE, Presence.PRESENT, Presence.ABSENT]):
        mark(meeting, member.id, presence)
    assert standing(member, meetings, 6, as_of=IN_YEAR).attended == 3


def test_meetings_before_joining_do_not_count():
    meetings = year_meetings([MeetingStatus.CLOSED] * 4)
    newcomer = Member(name="New", id="m", joined=meetings[3].date)
    attend(meetings, newcomer, [False, False, False, True])
    report = standing(newcomer, meetings, 6, as_of=IN_YEAR)
    assert (report.held, report.planned, report.required, report.attended) == (1, 3, 2, 1)
    assert report.standing is Standing.GOOD


def test_more_meetings_on_record_than_planned_raise_the_bar():
    member = Member(name="Org", id="m")
    meetings = year_meetings([MeetingStatus.CLOSED] * 7)
    attend(meetings, member, [True] * 4 + [False] * 3)
    report = standing(member, meetings, 6, as_of=IN_YEAR)
    assert (report.planned, report.required) == (7, 5)
    assert report.standing is Standing.WITHDRAWN


def test_standings_cover_active_members_only():
    members = roster(3)
    members[2].status = MemberStatus.WITHDRAWN
    meetings = year_meetings([MeetingStatus.CLOSED])
    assert [r.member_id for r in standings(members, meetings, 6, as_of=IN_YEAR)] == ["m0", "m1"]


@st.composite
def a_year(draw):
    """A meeting year: some meetings held (with attendance), some still to come."""
    planned = draw(st.integers(min_value=1, max_value=10))
    on_record = draw(st.integers(min_value=0, max_value=planned + 2))
    held = draw(st.integers(min_value=0, max_value=on_record))
    statuses = [MeetingStatus.CLOSED] * held + draw(
        st.lists(st.sampled_from([MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS]),
                 min_size=on_record - held, max_size=on_record - held)
    )
    meetings = year_meetings(statuses)
    pattern = draw(st.lists(st.booleans(), min_size=held, max_size=held))
    return planned, meetings, pattern


@given(a_year())
def test_standing_properties(year):
    planned_setting, meetings, pattern = year
    member = Member(name="Org", id="m")
    attend(meetings, member, pattern)
    report = standing(member, meetings, planned_setting, as_of=IN_YEAR)
    planned = max(planned_setting, len(meetings))
    held = sum(m.status is MeetingStatus.CLOSED for m in meetings)
    attended = sum(pattern)
    remaining = planned - held
    required = math.ceil(2 * planned / 3)
    assert (report.attended, report.held, report.planned, report.required) == (attended, held, planned, required)
    assert report.remaining == remaining >= 0
    # Withdrawn exactly when even perfect attendance from now on cannot reach 2/3.
    assert (report.standing is Standing.WITHDRAWN) == (attended + remaining < required)
    # At risk only while meetings remain, and only when every one of them is needed.
    if report.standing is Standing.AT_RISK:
        assert remaining > 0
        assert attended + remaining == required
    # Reaching 2/3 is good standing for the rest of the year.
    if attended >= required:
        assert report.standing is Standing.GOOD


@given(a_year())
def test_attending_everything_is_never_withdrawn(year):
    planned_setting, meetings, pattern = year
    member = Member(name="Org", id="m")
    attend(meetings, member, [True] * len(pattern))
    assert standing(member, meetings, planned_setting, as_of=IN_YEAR).standing is not Standing.WITHDRAWN


@given(a_year(), st.integers(min_value=0, max_value=12), st.data())
def test_meetings_before_joining_count_neither_for_nor_against(year, joined_after, data):
    planned_setting, meetings, pattern = year
    if not meetings:
        return
    joined = meetings[0].date + timedelta(weeks=joined_after)
    before_joining = [i for i, m in enumerate(meetings[: len(pattern)]) if m.date < joined]
    newcomer = Member(name="New", id="m", joined=joined)
    attend(meetings, newcomer, pattern)
    report = standing(newcomer, meetings, planned_setting, as_of=IN_YEAR)
    # Whatever the record says for meetings held before the member joined...
    flipped = list(pattern)
    for i in before_joining:
        flipped[i] = data.draw(st.booleans())
    for meeting in meetings:
        meeting.attendance.clear()
    attend(meetings, newcomer, flipped)
    # ...the standing is the same, and those meetings leave the year's count.
    assert standing(newcomer, meetings, planned_setting, as_of=IN_YEAR) == report
    assert report.planned == max(max(planned_setting, len(meetings)) - sum(m.date < joined for m in meetings), 0)


# --------------------------------------------------------------------------
# The meeting year is total, and a year that ended is judged on meetings held


@pytest.mark.parametrize("start", [-1, 0, 1, 9998, 9999, 10000])
def test_meeting_year_bounds_never_crash_at_the_calendars_ends(start):
    first, last = meeting_year_bounds(start)
    assert date.min <= first <= last <= date.max


def test_meeting_year_bounds_run_september_to_august():
    assert meeting_year_bounds(2026) == (date(2026, 9, 1), date(2027, 8, 31))
    assert meeting_year_bounds(0) == (date.min, date(1, 8, 31))
    assert meeting_year_bounds(9999) == (date(9999, 9, 1), date.max)


@given(st.dates())
def test_meeting_years_tile_the_calendar(day):
    start = meeting_year_start(day)
    first, last = meeting_year_bounds(start)
    if last < date.max:
        assert meeting_year_bounds(meeting_year_start(last + timedelta(days=1)))[0] == last + timedelta(days=1)
    assert year_has_ended(start, day) is False


def test_three_of_five_held_is_withdrawn_at_the_years_end_even_if_six_were_planned():
    member = Member(name="Org", id="m")
    meetings = year_meetings([MeetingStatus.CLOSED] * 5)
    attend(meetings, member, [True, True, True, False, False])
    during = standing(member, meetings, 6, as_of=date(2027, 6, 30))
    assert during.standing is Standing.AT_RISK  # a sixth meeting could still be held
    after = standing(member, meetings, 6, as_of=date(2027, 9, 1), year=2026)
    assert after.year_ended
    assert after.standing is Standing.WITHDRAWN
    assert (after.attended, after.held, after.planned, after.required) == (3, 5, 5, 4)
    assert after.describe() == "attended 3 of 5 held; 4 of 5 needed in 2026\u201327"
    attend(meetings, member, [True, True, True, True, False])
    assert standing(member, meetings, 6, as_of=date(2028, 1, 1), year=2026).standing is Standing.GOOD


def test_standing_on_a_date_counts_only_meetings_held_by_then():
    member = Member(name="Org", id="m")
    meetings = year_meetings([MeetingStatus.CLOSED] * 3)
    attend(meetings, member, [True, True, True])
    report = standing(member, meetings, 6, as_of=meetings[1].date)
    assert (report.held, report.attended) == (2, 2)


def test_standing_ignores_meetings_of_other_years():
    member = Member(name="Org", id="m")
    meetings = year_meetings([MeetingStatus.CLOSED] * 2) + year_meetings(
        [MeetingStatus.CLOSED] * 2, start=date(2027, 10, 1)
    )
    report = standing(member, meetings, 6, as_of=date(2027, 6, 1))
    assert report.year == 2026 and report.held == 2


@given(a_year(), st.integers(min_value=0, max_value=400))
def test_a_finished_year_is_judged_on_the_meetings_held(year, days_after):
    planned_setting, meetings, pattern = year
    member = Member(name="Org", id="m")
    attend(meetings, member, pattern)
    as_of = date(2027, 9, 1) + timedelta(days=days_after)
    report = standing(member, meetings, planned_setting, as_of=as_of, year=2026)
    held = sum(m.status is MeetingStatus.CLOSED for m in meetings)
    assert report.year_ended and report.planned == report.held == held
    assert report.standing is not Standing.AT_RISK
    assert (report.standing is Standing.WITHDRAWN) == (3 * sum(pattern) < 2 * held)


# --------------------------------------------------------------------------
# Automatic withdrawal


def test_withdrawal_is_automatic_and_recorded_on_the_member():
    members = roster(3)
    meetings = year_meetings([MeetingStatus.CLOSED] * 3)
    attend(meetings, members[0], [True, True, True])
    attend(meetings, members[1], [False, False, False])  # 0 + 3 remaining < 4
    attend(meetings, members[2], [True, False, False])  # at risk: 1 + 3 == 4
    due = due_withdrawals(members, meetings, 6, as_of=meetings[2].date)
    assert [w.member_id for w in due] == ["m1"]
    assert all(m.status is MemberStatus.ACTIVE for m in members)  # nothing written
    changed = apply_withdrawals(members, meetings, 6, as_of=meetings[2].date)
    assert changed == [members[1]]
    assert members[1].status is MemberStatus.WITHDRAWN
    assert members[1].status_on == meetings[2].date
    assert members[1].status_reason == "attendance under 2/3 in 2026\u201327"
    assert apply_withdrawals(members, meetings, 6, as_of=meetings[2].date) == []
    assert newly_withdrawn(members, since=meetings[2].date) == [members[1]]
    assert newly_withdrawn(members, since=meetings[2].date + timedelta(days=1)) == []


def test_the_year_just_ended_is_judged_at_the_first_start_after_it():
    members = roster(1)
    meetings = year_meetings([MeetingStatus.CLOSED] * 5)
    attend(meetings, members[0], [True, True, True, False, False])
    assert apply_withdrawals(members, meetings, 6, as_of=date(2027, 8, 31)) == []
    changed = apply_withdrawals(members, meetings, 6, as_of=date(2027, 9, 2))
    assert changed == members
    assert members[0].withdrawn_for_year == 2026


def test_the_chair_reinstates_with_a_reason_and_the_year_is_not_judged_again():
    members = roster(1)
    meetings = year_meetings([MeetingStatus.CLOSED] * 3)
    attend(meetings, members[0], [False, False, False])
    apply_withdrawals(members, meetings, 6, as_of=meetings[2].date)
    with pytest.raises(ValueError):
        reinstate(members[0], "  ", date(2027, 1, 5))
    assert members[0].status is MemberStatus.WITHDRAWN
    reinstate(members[0], "staff on leave; delegate arranged", date(2027, 1, 5))
    assert members[0].status is MemberStatus.ACTIVE
    assert members[0].status_reason == "reinstated by the chair: staff on leave; delegate arranged"
    assert apply_withdrawals(members, meetings, 6, as_of=date(2027, 9, 2)) == []
    with pytest.raises(ValueError):
        reinstate(members[0], "again", date(2027, 1, 6))


def test_withdrawn_and_removed_members_are_not_withdrawn_again():
    members = roster(2)
    members[1].status = MemberStatus.REMOVED
    meetings = year_meetings([MeetingStatus.CLOSED] * 3)
    assert [w.member_id for w in due_withdrawals(members, meetings, 6, as_of=meetings[2].date)] == ["m0"]


def test_start_up_judges_only_the_year_that_ended():
    members = roster(1)
    meetings = year_meetings([MeetingStatus.CLOSED] * 3, start=date(2027, 9, 16))
    attend(meetings, members[0], [False, False, False])  # hopeless in 2027-28
    as_of = meetings[2].date
    assert apply_withdrawals(members, meetings, 6, as_of=as_of, years=[2026]) == []
    assert apply_withdrawals(members, meetings, 6, as_of=as_of) == members
