"""What a carried motion changes outside itself, and how reopening takes it back.

A motion is decided in a meeting, but some decisions change other records:

- approving the previous minutes makes the earlier meeting's minutes final;
- a location motion records how the next meeting's location was decided
  (Agenda and Meeting Structure: "by consensus or majority (50%+1)");
- a membership application motion is noted on the application (it stays
  pending until two member organizations have reviewed it);
- a removal motion sets the member to removed (Removal of Members), with the
  date and the motion, so the roster and the minutes can say so.

Reopening a carried motion (``voting.reopen``) undoes exactly these changes.
Both functions change the objects given and return an :class:`Effect` that
says, in a sentence for the chair, what changed and which other records the
caller must save.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import (
    Application,
    Meeting,
    Member,
    MemberStatus,
    Motion,
    MotionKind,
    MotionState,
)
from .previous_minutes import ApprovalError, approve_previous, withdraw_approval
from .text import long_date


@dataclass
class Effect:
    """What changed besides the motion and its meeting."""

    message: str = ""
    meetings: list[Meeting] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    applications: list[Application] = field(default_factory=list)


def location_decided_by(motion: Motion) -> str:
    return "consensus" if motion.by_consensus else "majority"


def application_note(motion: Motion, meeting: Meeting) -> str:
    """The line a carried application motion adds to the application's notes."""
    return f"Approved by motion {motion.number} at the meeting of {long_date(meeting.date)}"


def removal_reason(motion: Motion, meeting: Meeting) -> str:
    return f"removed by motion {motion.number} of the meeting of {long_date(meeting.date)}"


def _find(records: Iterable, record_id: str | None):
    return next((r for r in records if r.id == record_id), None) if record_id else None


def carried_effects(
    motion: Motion,
    meeting: Meeting,
    *,
    previous: Meeting | None = None,
    members: Iterable[Member] = (),
    applications: Iterable[Application] = (),
) -> Effect:
    """Apply what the carried ``motion`` decides; nothing for other kinds.

    ``previous`` is the meeting whose minutes an approval motion approves
    (None when there is none on record).
    """
    if motion.state is not MotionState.CARRIED:
        return Effect()
    if motion.kind is MotionKind.PREVIOUS_MINUTES:
        if previous is None:
            return Effect("There are no previous minutes on record to mark approved.")
        try:
            result = approve_previous(meeting, previous, motion_id=motion.id)
        except ApprovalError as exc:
            return Effect(str(exc))
        return Effect(f"The minutes of {long_date(previous.date)} are {result}.", meetings=[previous])
    if motion.kind is MotionKind.LOCATION:
        meeting.next_meeting.location_decided_by = location_decided_by(motion)
        return Effect(f"Next meeting's location: decided by {meeting.next_meeting.location_decided_by}.")
    if motion.kind is MotionKind.APPLICATION:
        application = _find(applications, motion.application_id)
        if application is None:
            return Effect()
        line = application_note(motion, meeting)
        changed = []
        if line not in application.notes.splitlines():
            application.notes = f"{application.notes.rstrip()}\n{line}" if application.notes.strip() else line
            changed = [application]
        return Effect(
            f"Noted on the application of {application.applicant} (it stays pending until reviewed).",
            applications=changed,
        )
    if motion.kind is MotionKind.REMOVAL:
        member = _find(members, motion.subject_member_id)
        if member is None:
            return Effect("The member to remove is not on the roster.")
        member.status = MemberStatus.REMOVED
        member.status_on = meeting.date
        member.status_reason = removal_reason(motion, meeting)
        member.status_motion_id = motion.id
        return Effect(f"{member.name} is marked removed on the roster (its record is kept).", members=[member])
    return Effect()


def undo_effects(
    motion: Motion,
    was: MotionState,
    by_consensus: bool,
    meeting: Meeting,
    *,
    previous: Meeting | None = None,
    members: Iterable[Member] = (),
    applications: Iterable[Application] = (),
) -> Effect:
    """Take back what :func:`carried_effects` did, after ``motion`` was reopened.

    ``was`` and ``by_consensus`` are the motion's state and flag before it
    was reopened (reopening clears them). Only changes this motion made are
    undone: a location or approval decided otherwise since stays.
    """
    if was is not MotionState.CARRIED:
        return Effect()
    if motion.kind is MotionKind.PREVIOUS_MINUTES:
        if meeting.previous_minutes.motion_id != motion.id:
            return Effect()
        changed = withdraw_approval(meeting, previous)
        return Effect("The previous minutes are back to draft.", meetings=[previous] if changed else [])
    if motion.kind is MotionKind.LOCATION:
        decided = "consensus" if by_consensus else "majority"
        if meeting.next_meeting.location_decided_by != decided:
            return Effect()
        meeting.next_meeting.location_decided_by = ""
        return Effect("How the location was decided is cleared.")
    if motion.kind is MotionKind.APPLICATION:
        application = _find(applications, motion.application_id)
        line = application_note(motion, meeting)
        if application is None or line not in application.notes.splitlines():
            return Effect()
        application.notes = "\n".join(l for l in application.notes.splitlines() if l != line)
        return Effect("The approval note on the application is removed.", applications=[application])
    if motion.kind is MotionKind.REMOVAL:
        member = _find(members, motion.subject_member_id)
        if member is None or member.status_motion_id != motion.id:
            return Effect()
        member.status = MemberStatus.ACTIVE
        member.status_on = None
        member.status_reason = ""
        member.status_motion_id = None
        return Effect(f"{member.name} is active on the roster again.", members=[member])
    return Effect()
