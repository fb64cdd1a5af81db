"""Approval of the previous meeting's minutes (agenda item 5).

Reporting Responsibilities: minutes "will be circulated via e-mail to members
following each meeting and approved (or adjusted) based on consensus of the
Coalition". The approval is recorded twice: on this meeting (what was decided
and how) and on the earlier meeting (its minutes are now final, approved on
this meeting's date).
"""

from __future__ import annotations

from .model import Meeting, MinutesStatus


class ApprovalError(ValueError):
    """The minutes cannot be approved here; the message is for the chair."""


def approval_result(meeting: Meeting) -> str:
    """"approved as corrected" once any adjustment was requested, else "as presented"."""
    return "approved as corrected" if meeting.previous_minutes.adjustments else "approved as presented"


def approve_previous(meeting: Meeting, previous: Meeting, *, motion_id: str | None = None) -> str:
    """Mark ``previous``'s minutes approved at ``meeting``; returns the result.

    ``motion_id`` is the carried motion that approved them, or None when the
    approval was by consensus (then an earlier motion no longer stands for it).
    """
    if previous.id == meeting.id:
        raise ApprovalError("A meeting cannot approve its own minutes.")
    if previous.date > meeting.date:
        raise ApprovalError("Only the minutes of an earlier meeting can be approved.")
    record = meeting.previous_minutes
    record.meeting_id = previous.id
    record.result = approval_result(meeting)
    record.motion_id = motion_id
    previous.minutes_status = MinutesStatus.APPROVED
    previous.approved_on = meeting.date
    return record.result


def withdraw_approval(meeting: Meeting, previous: Meeting | None) -> bool:
    """Undo an approval made at ``meeting``; True when ``previous`` changed.

    The earlier minutes go back to draft only when it was this meeting that
    approved them (an approval at another meeting is not this one to undo).
    """
    record = meeting.previous_minutes
    record.motion_id = None
    record.result = ""
    if (
        previous is not None
        and previous.minutes_status is MinutesStatus.APPROVED
        and previous.approved_on == meeting.date
    ):
        previous.minutes_status = MinutesStatus.DRAFT
        previous.approved_on = None
        return True
    return False


def defer_approval(meeting: Meeting, previous: Meeting | None) -> bool:
    """Put the approval off to a later meeting; True when ``previous`` changed.

    An approval already recorded at this meeting is taken back first, so the
    earlier minutes do not read "approved" while this meeting says "deferred".
    """
    changed = withdraw_approval(meeting, previous)
    meeting.previous_minutes.result = "deferred"
    return changed
