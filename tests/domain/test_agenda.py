"""The standard meeting and moving through it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, strategies as st

from dhtc_tui.domain.agenda import (
    STANDARD_AGENDA,
    add_item,
    add_presentation,
    close_meeting,
    format_elapsed,
    go_to,
    item_seconds,
    meeting_seconds,
    move_item,
    next_item,
    plan_meeting,
    prefill_from_previous,
    previous_item,
    remove_item,
    skip_item,
    standard_agenda,
    start_meeting,
    unskip_item,
)
from dhtc_tui.domain.model import (
    AgendaKind,
    ItemState,
    Meeting,
    MeetingStatus,
    Member,
    MemberStatus,
    Motion,
    NextMeeting,
    Settings,
)
from dhtc_tui.domain.validation import ValidationError

DAY = date(2026, 11, 19)
T0 = datetime(2026, 11, 19, 9, 31)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def kinds(meeting: Meeting) -> list[AgendaKind]:
    return [item.kind for item in meeting.agenda]


def titles(meeting: Meeting) -> list[str]:
    return [item.title for item in meeting.agenda]


@pytest.fixture
def meeting() -> Meeting:
    meeting = Meeting(date=DAY, agenda=standard_agenda())
    start_meeting(meeting, T0)
    return meeting


def current(meeting: Meeting) -> int:
    """The current index, checked against the item states."""
    states = [i for i, item in enumerate(meeting.agenda) if item.state is ItemState.CURRENT]
    assert states == [meeting.current_index]
    return meeting.current_index


# --------------------------------------------------------------------------
# The standard ten


def test_the_standard_agenda_has_the_ten_items_in_order():
    agenda = standard_agenda()
    assert [i.kind for i in agenda] == [
        AgendaKind.MINUTE_TAKER,
        AgendaKind.ATTENDANCE,
        AgendaKind.LAND_ACKNOWLEDGEMENT,
        AgendaKind.CONFLICTS,
        AgendaKind.PREVIOUS_MINUTES,
        AgendaKind.BUSINESS_ARISING,
        AgendaKind.SUBCOMMITTEES,
        AgendaKind.MEMBER_UPDATES,
        AgendaKind.CASE_EXAMPLES,
        AgendaKind.NEXT_MEETING,
    ]
    assert [i.title for i in agenda] == [title for _, title in STANDARD_AGENDA]
    assert all(i.state is ItemState.TODO for i in agenda)
    assert len({i.id for i in agenda + standard_agenda()}) == 20  # fresh items each time


# --------------------------------------------------------------------------
# Planning


def test_plan_meeting_brings_upcoming_items_and_concerns_before_case_examples():
    previous = Meeting(
        date=date(2026, 10, 15),
        next_meeting=NextMeeting(upcoming_items=["Budget for the campaign", "  ", "Presentation: intake practices"]),
    )
    settings = Settings(chair_member_id="vs")
    meeting = plan_meeting(DAY, time(9, 30), "  Civic Centre  ", settings, previous, [("ys", "Shelter beds in winter")])
    assert meeting.location == "Civic Centre"
    assert meeting.chair_member_id == "vs"
    assert meeting.status is MeetingStatus.SCHEDULED
    cases = kinds(meeting).index(AgendaKind.CASE_EXAMPLES)
    added = meeting.agenda[cases - 3 : cases]
    assert [(i.kind, i.title) for i in added] == [
        (AgendaKind.OTHER, "Budget for the campaign"),
        (AgendaKind.OTHER, "Presentation: intake practices"),
        (AgendaKind.MEMBER_CONCERN, "Shelter beds in winter"),
    ]
    assert added[2].raised_by == "ys"
    assert kinds(meeting)[cases - 4] is AgendaKind.MEMBER_UPDATES
    assert len(meeting.agenda) == 13


def test_plan_meeting_without_a_previous_meeting_is_the_standard_ten():
    meeting = plan_meeting(DAY, None, "", Settings(), None)
    assert [(i.kind, i.title) for i in meeting.agenda] == list(STANDARD_AGENDA)


def test_prefill_from_previous():
    settings = Settings(default_location="Civic Centre")
    assert prefill_from_previous(None, settings) == (None, None, "Civic Centre")
    previous = Meeting(date=date(2026, 10, 15), start_time=time(9, 30), location="Online",
                       next_meeting=NextMeeting(on=DAY))
    assert prefill_from_previous(previous, settings) == (DAY, time(9, 30), "Online")
    previous.next_meeting = NextMeeting(on=DAY, start_time=time(13, 0), location="Shelter boardroom")
    assert prefill_from_previous(previous, settings) == (DAY, time(13, 0), "Shelter boardroom")


# --------------------------------------------------------------------------
# Starting and moving


def test_start_meeting_opens_the_first_item(meeting):
    assert meeting.status is MeetingStatus.IN_PROGRESS
    assert meeting.started_at == T0
    assert meeting.called_to_order == time(9, 31)
    assert current(meeting) == 0
    assert meeting.agenda[0].opened_at == T0


def test_starting_again_resumes_where_it_was(meeting):
    go_to(meeting, 4, at(10))
    start_meeting(meeting, at(20))
    assert current(meeting) == 4
    assert meeting.started_at == T0


def test_a_closed_meeting_cannot_start():
    meeting = Meeting(date=DAY, agenda=standard_agenda(), status=MeetingStatus.CLOSED)
    with pytest.raises(ValidationError, match="closed"):
        start_meeting(meeting, T0)


def test_go_to_marks_the_item_left_done(meeting):
    go_to(meeting, 3, at(5))
    assert meeting.agenda[0].state is ItemState.DONE
    assert [i.state for i in meeting.agenda[1:3]] == [ItemState.TODO, ItemState.TODO]
    assert current(meeting) == 3
    go_to(meeting, 1, at(6))
    assert meeting.agenda[3].state is ItemState.DONE
    assert current(meeting) == 1


def test_go_to_clamps_and_refuses_an_empty_agenda(meeting):
    go_to(meeting, 99, at(1))
    assert current(meeting) == 9
    go_to(meeting, -5, at(2))
    assert current(meeting) == 0
    with pytest.raises(ValidationError, match="empty"):
        go_to(Meeting(date=DAY), 0, at(1))


def test_next_and_previous_skip_skipped_items(meeting):
    skip_item(meeting, 1, "taken on the sign-in sheet", at(0))
    skip_item(meeting, 2, "no elder available", at(0))
    assert next_item(meeting, at(1)).kind is AgendaKind.CONFLICTS
    assert previous_item(meeting, at(2)).kind is AgendaKind.MINUTE_TAKER
    assert meeting.agenda[1].state is ItemState.SKIPPED


def test_next_on_the_last_item_and_previous_on_the_first_stay_put(meeting):
    assert previous_item(meeting, at(1)) is meeting.agenda[0]
    assert current(meeting) == 0
    go_to(meeting, 9, at(2))
    assert next_item(meeting, at(3)) is meeting.agenda[9]
    assert current(meeting) == 9


def test_next_past_only_skipped_items_stays_put(meeting):
    go_to(meeting, 8, at(1))
    skip_item(meeting, 9, "date set by e-mail", at(1))
    assert next_item(meeting, at(2)) is meeting.agenda[8]
    assert meeting.agenda[8].state is ItemState.CURRENT


def test_going_to_a_skipped_item_reopens_it(meeting):
    skip_item(meeting, 5, "nothing outstanding", at(0))
    go_to(meeting, 5, at(1))
    assert meeting.agenda[5].state is ItemState.CURRENT
    assert meeting.agenda[5].skip_reason == ""


@given(st.lists(st.sampled_from(["next", "prev"]), max_size=30), st.sets(st.integers(1, 9)))
def test_moving_never_lands_on_a_skipped_item(moves, skipped):
    meeting = Meeting(date=DAY, agenda=standard_agenda())
    start_meeting(meeting, T0)
    for index in skipped:
        skip_item(meeting, index, "not today", T0)
    for step, move in enumerate(moves, start=1):
        (next_item if move == "next" else previous_item)(meeting, at(step))
        assert meeting.current_item.state is ItemState.CURRENT
        assert meeting.current_index not in skipped
        assert sum(i.state is ItemState.CURRENT for i in meeting.agenda) == 1


# --------------------------------------------------------------------------
# Time accounting


def test_time_on_an_item_adds_up_across_visits(meeting):
    go_to(meeting, 1, at(3))
    go_to(meeting, 0, at(5))
    assert meeting.agenda[0].seconds_spent == 180
    assert meeting.agenda[1].seconds_spent == 120
    assert item_seconds(meeting.agenda[0], at(6)) == 240  # 3 min before + 1 running
    assert item_seconds(meeting.agenda[1], at(6)) == 120
    assert item_seconds(meeting.agenda[5], at(6)) == 0
    assert meeting_seconds(meeting, at(6)) == 360


def test_the_clock_never_runs_backwards(meeting):
    go_to(meeting, 1, T0 - timedelta(minutes=5))  # a clock set back
    assert meeting.agenda[0].seconds_spent == 0
    assert meeting_seconds(meeting, T0 - timedelta(minutes=1)) == 0
    assert meeting_seconds(Meeting(date=DAY), at(10)) == 0


def test_close_meeting_finishes_the_current_item(meeting):
    go_to(meeting, 9, at(60))
    close_meeting(meeting, time(11, 2), at(65))
    assert meeting.status is MeetingStatus.CLOSED
    assert meeting.adjourned == time(11, 2)
    assert meeting.agenda[9].state is ItemState.DONE
    assert meeting.agenda[9].seconds_spent == 300
    assert meeting.agenda[9].opened_at is None
    with pytest.raises(ValidationError, match="already closed"):
        close_meeting(meeting, time(11, 3), at(66))


@pytest.mark.parametrize("seconds, shown", [(0, "00:00"), (59.9, "00:59"), (61, "01:01"), (3600, "1:00:00"), (5025, "1:23:45")])
def test_format_elapsed(seconds, shown):
    assert format_elapsed(seconds) == shown


# --------------------------------------------------------------------------
# Changing the agenda for one meeting


def test_added_items_go_before_the_case_examples_in_order(meeting):
    add_item(meeting, AgendaKind.OTHER, "  First   added ")
    add_item(meeting, AgendaKind.OTHER, "Second added")
    assert titles(meeting)[8:11] == ["First added", "Second added", "Case Examples (non-identifying)"]


def test_an_added_item_needs_a_title(meeting):
    with pytest.raises(ValidationError, match="title"):
        add_item(meeting, AgendaKind.OTHER, "   ")
    assert len(meeting.agenda) == 10


def test_adding_before_the_current_item_keeps_it_current(meeting):
    go_to(meeting, 4, at(1))
    here = meeting.current_item
    add_item(meeting, AgendaKind.OTHER, "Urgent item", position=0)
    assert meeting.current_item is here
    assert current(meeting) == 5


def test_without_case_examples_added_items_go_last():
    meeting = Meeting(date=DAY, agenda=[i for i in standard_agenda() if i.kind is not AgendaKind.CASE_EXAMPLES])
    add_item(meeting, AgendaKind.OTHER, "Late item")
    assert meeting.agenda[-1].title == "Late item"


def test_a_presentation_needs_a_presenter_vetted_by_an_active_member(meeting):
    members = [Member(name="Shelter", id="ys"), Member(name="Gone", id="gone", status=MemberStatus.WITHDRAWN)]
    with pytest.raises(ValidationError, match="presenter") as caught:
        add_presentation(meeting, "Intake", " ", "ys", members)
    assert caught.value.field == "presenter"
    for vetted_by in (None, "gone", "ghost"):
        with pytest.raises(ValidationError, match="vetted") as caught:
            add_presentation(meeting, "Intake", "Dr. Lee", vetted_by, members)
        assert caught.value.field == "vetted_by"
    item = add_presentation(meeting, "Intake practices", " Dr.  Lee ", "ys", members)
    assert (item.kind, item.presenter, item.vetted_by) == (AgendaKind.PRESENTATION, "Dr. Lee", "ys")
    assert len(meeting.agenda) == 11


def test_move_item_follows_the_current_item(meeting):
    go_to(meeting, 2, at(1))
    here = meeting.current_item
    moved = meeting.agenda[5]
    assert move_item(meeting, 5, -4) == 1
    assert meeting.agenda[1] is moved
    assert meeting.current_item is here and current(meeting) == 3


@pytest.mark.parametrize("index, offset", [(0, -1), (9, 1), (3, 20), (-1, 1), (12, -1)])
def test_move_item_outside_the_agenda_does_nothing(meeting, index, offset):
    before = list(meeting.agenda)
    assert move_item(meeting, index, offset) == index
    assert meeting.agenda == before


@given(st.lists(st.tuples(st.integers(0, 9), st.integers(-3, 3)), max_size=20))
def test_moves_only_reorder(moves):
    meeting = Meeting(date=DAY, agenda=standard_agenda())
    start_meeting(meeting, T0)
    go_to(meeting, 4, at(1))
    here = meeting.current_item
    ids = sorted(i.id for i in meeting.agenda)
    for index, offset in moves:
        move_item(meeting, index, offset)
    assert sorted(i.id for i in meeting.agenda) == ids
    assert meeting.current_item is here


def test_skipping_needs_a_reason_and_records_it(meeting):
    with pytest.raises(ValidationError, match="why") as caught:
        skip_item(meeting, 3, "  ", at(1))
    assert caught.value.field == "reason"
    assert meeting.agenda[3].state is ItemState.TODO
    skip_item(meeting, 3, "  no  conflicts expected ", at(1))
    assert (meeting.agenda[3].state, meeting.agenda[3].skip_reason) == (ItemState.SKIPPED, "no conflicts expected")
    unskip_item(meeting, 3)
    assert (meeting.agenda[3].state, meeting.agenda[3].skip_reason) == (ItemState.TODO, "")


def test_skipping_the_current_item_stops_its_clock(meeting):
    skip_item(meeting, 0, "volunteer found before the meeting", at(2))
    item = meeting.agenda[0]
    assert item.state is ItemState.SKIPPED
    assert item.seconds_spent == 120
    assert item.opened_at is None


def test_unskip_leaves_other_states_alone(meeting):
    unskip_item(meeting, 0)
    assert meeting.agenda[0].state is ItemState.CURRENT


def test_standard_items_are_skipped_not_removed(meeting):
    for index in range(10):
        with pytest.raises(ValidationError, match="skipped, not removed"):
            remove_item(meeting, index)
    assert len(meeting.agenda) == 10


def test_added_items_holding_notes_or_motions_are_not_removed(meeting):
    noted = add_item(meeting, AgendaKind.OTHER, "Noted")
    noted.notes = "Discussed at length."
    moved = add_item(meeting, AgendaKind.MEMBER_CONCERN, "With a motion")
    meeting.motions.append(Motion(text="That ...", agenda_item_id=moved.id))
    for item in (noted, moved):
        with pytest.raises(ValidationError, match="skip it instead"):
            remove_item(meeting, meeting.agenda.index(item))
    assert len(meeting.agenda) == 12


def test_an_empty_added_item_is_removed_and_the_current_item_kept(meeting):
    go_to(meeting, 9, at(1))
    here = meeting.current_item
    extra = add_item(meeting, AgendaKind.OTHER, "Added by mistake")
    assert remove_item(meeting, meeting.agenda.index(extra)) is extra
    assert extra not in meeting.agenda
    assert meeting.current_item is here and current(meeting) == 9


def test_removing_the_current_added_item_moves_to_a_neighbour(meeting):
    extra = add_item(meeting, AgendaKind.PRESENTATION, "Cancelled presentation")
    index = meeting.agenda.index(extra)
    go_to(meeting, index, at(1))
    remove_item(meeting, index)
    assert meeting.current_index == index
    assert meeting.current_item.kind is AgendaKind.CASE_EXAMPLES
