from datetime import date

import pytest

from dhtc_tui.domain.model import Meeting, MinutesStatus
from dhtc_tui.domain.previous_minutes import ApprovalError, approve_previous, withdraw_approval


def _pair():
    return Meeting(date=date(2026, 3, 12)), Meeting(date=date(2026, 1, 15))


def test_approval_as_presented_marks_both_meetings():
    meeting, previous = _pair()
    assert approve_previous(meeting, previous) == "approved as presented"
    assert meeting.previous_minutes.meeting_id == previous.id
    assert meeting.previous_minutes.motion_id is None
    assert previous.minutes_status is MinutesStatus.APPROVED
    assert previous.approved_on == meeting.date


def test_adjustments_make_it_as_corrected_and_motion_is_kept():
    meeting, previous = _pair()
    meeting.previous_minutes.adjustments.append("Spelling of a member's name")
    assert approve_previous(meeting, previous, motion_id="mo1") == "approved as corrected"
    assert meeting.previous_minutes.motion_id == "mo1"


def test_consensus_after_a_motion_drops_the_motion():
    meeting, previous = _pair()
    approve_previous(meeting, previous, motion_id="mo1")
    approve_previous(meeting, previous)
    assert meeting.previous_minutes.motion_id is None


def test_only_an_earlier_meeting_can_be_approved():
    meeting, previous = _pair()
    with pytest.raises(ApprovalError):
        approve_previous(previous, meeting)
    with pytest.raises(ApprovalError):
        approve_previous(meeting, meeting)
    assert meeting.minutes_status is MinutesStatus.DRAFT


def test_withdrawal_returns_the_minutes_to_draft():
    meeting, previous = _pair()
    approve_previous(meeting, previous, motion_id="mo1")
    assert withdraw_approval(meeting, previous)
    assert (meeting.previous_minutes.result, meeting.previous_minutes.motion_id) == ("", None)
    assert previous.minutes_status is MinutesStatus.DRAFT and previous.approved_on is None


def test_withdrawal_leaves_an_approval_made_at_another_meeting():
    meeting, previous = _pair()
    previous.minutes_status = MinutesStatus.APPROVED
    previous.approved_on = date(2026, 2, 1)
    assert not withdraw_approval(meeting, previous)
    assert previous.minutes_status is MinutesStatus.APPROVED


def test_deferring_after_approval_takes_the_approval_back():
    from dhtc_tui.domain.previous_minutes import defer_approval

    meeting, previous = _pair()
    approve_previous(meeting, previous)
    assert defer_approval(meeting, previous)
    assert meeting.previous_minutes.result == "deferred"
    assert previous.minutes_status is MinutesStatus.DRAFT
    assert not defer_approval(meeting, None)
