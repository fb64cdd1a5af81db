from datetime import date

from hypothesis import given, strategies as st

from dhtc_tui.domain.effects import carried_effects, undo_effects
from dhtc_tui.domain.model import (
    Application,
    Meeting,
    Member,
    MemberStatus,
    MinutesStatus,
    Motion,
    MotionKind,
    MotionState,
)

DAY = date(2026, 3, 12)


def _carried(kind, **kw):
    return Motion("That ...", kind=kind, state=MotionState.CARRIED, number=3, **kw)


def test_carried_minutes_motion_approves_the_previous_minutes_and_undo_restores():
    meeting, previous = Meeting(date=DAY), Meeting(date=date(2026, 1, 15))
    motion = _carried(MotionKind.PREVIOUS_MINUTES)
    effect = carried_effects(motion, meeting, previous=previous)
    assert effect.meetings == [previous]
    assert effect.message == "The minutes of Thursday, January 15, 2026 are approved as presented."
    assert meeting.previous_minutes.motion_id == motion.id
    assert previous.minutes_status is MinutesStatus.APPROVED
    undone = undo_effects(motion, MotionState.CARRIED, False, meeting, previous=previous)
    assert undone.meetings == [previous]
    assert previous.minutes_status is MinutesStatus.DRAFT
    assert meeting.previous_minutes.result == ""


def test_minutes_motion_without_previous_minutes_says_so():
    effect = carried_effects(_carried(MotionKind.PREVIOUS_MINUTES), Meeting(date=DAY), previous=None)
    assert "no previous minutes" in effect.message and not effect.meetings


def test_only_a_carried_motion_has_effects():
    member = Member("Harbour House")
    motion = _carried(MotionKind.REMOVAL, subject_member_id=member.id)
    motion.state = MotionState.DEFEATED
    assert carried_effects(motion, Meeting(date=DAY), members=[member]).message == ""
    assert member.status is MemberStatus.ACTIVE


@given(st.booleans())
def test_location_records_how_and_undo_clears_only_its_own(by_consensus):
    meeting = Meeting(date=DAY)
    motion = _carried(MotionKind.LOCATION, by_consensus=by_consensus)
    carried_effects(motion, meeting)
    assert meeting.next_meeting.location_decided_by == ("consensus" if by_consensus else "majority")
    undo_effects(motion, MotionState.CARRIED, not by_consensus, meeting)
    assert meeting.next_meeting.location_decided_by != ""
    undo_effects(motion, MotionState.CARRIED, by_consensus, meeting)
    assert meeting.next_meeting.location_decided_by == ""


def test_application_note_is_added_once_and_removed_on_undo():
    meeting = Meeting(date=DAY)
    application = Application("Riverside Outreach", notes="Received by mail")
    motion = _carried(MotionKind.APPLICATION, application_id=application.id)
    first = carried_effects(motion, meeting, applications=[application])
    again = carried_effects(motion, meeting, applications=[application])
    assert first.applications == [application] and again.applications == []
    assert application.notes.count("Approved by motion 3") == 1
    assert undo_effects(motion, MotionState.CARRIED, False, meeting, applications=[application]).applications == [application]
    assert application.notes == "Received by mail"


def test_carried_removal_marks_the_member_removed_with_date_and_motion():
    meeting = Meeting(date=DAY)
    member, other = Member("Harbour House"), Member("Lakeside Shelter")
    motion = _carried(MotionKind.REMOVAL, subject_member_id=member.id)
    effect = carried_effects(motion, meeting, members=[other, member])
    assert effect.members == [member]
    assert member.status is MemberStatus.REMOVED and not member.is_active
    assert member.status_on == DAY
    assert member.status_motion_id == motion.id
    assert "motion 3" in member.status_reason
    assert other.status is MemberStatus.ACTIVE


def test_reopening_a_removal_makes_the_member_active_again():
    meeting = Meeting(date=DAY)
    member = Member("Harbour House")
    motion = _carried(MotionKind.REMOVAL, subject_member_id=member.id)
    carried_effects(motion, meeting, members=[member])
    effect = undo_effects(motion, MotionState.CARRIED, False, meeting, members=[member])
    assert effect.members == [member]
    assert member.status is MemberStatus.ACTIVE
    assert (member.status_on, member.status_reason, member.status_motion_id) == (None, "", None)


def test_undo_leaves_a_removal_decided_by_another_motion():
    meeting = Meeting(date=DAY)
    member = Member("Harbour House", status=MemberStatus.REMOVED, status_motion_id="other")
    motion = _carried(MotionKind.REMOVAL, subject_member_id=member.id)
    assert undo_effects(motion, MotionState.CARRIED, False, meeting, members=[member]).members == []
    assert member.status is MemberStatus.REMOVED


def test_undo_of_a_motion_that_was_not_carried_does_nothing():
    member = Member("Harbour House", status=MemberStatus.REMOVED)
    motion = _carried(MotionKind.REMOVAL, subject_member_id=member.id)
    member.status_motion_id = motion.id
    undo_effects(motion, MotionState.DEFEATED, False, Meeting(date=DAY), members=[member])
    assert member.status is MemberStatus.REMOVED
