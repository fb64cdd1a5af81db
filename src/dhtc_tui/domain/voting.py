"""Motions: consensus, votes, the tally and how the minutes word them.

Terms of Reference, Decision Making: "Decisions will be made through consensus
whenever possible. Voting can take place in person or electronically. Each
organization has one vote. Majority voting rules apply - in order for a motion
to be approved, there must be 50% +1 in favour."

Removal of Members: "Removal would require a vote of 50% + 1 and voting would
not include the agency in question"; the member "shall be notified of the vote
prior to it occurring and the reasons for the proposed removal", and "of the
voting outcome and final decision of the Coalition in writing, signed by at
least two member organizations."

A motion's life: DRAFT -> ``open_motion`` -> CONSENSUS -> either
``declare_consensus`` (CARRIED, by consensus) or ``call_vote`` -> VOTING ->
``close_vote`` (CARRIED or DEFEATED). ``withdraw`` and ``table`` close an open
motion; ``reopen`` undoes any closing, with a recorded reason.

"50% + 1" means votes in favour are *more than half* of the voting base (a tie
fails). The base is either the votes cast (for + against; abstentions are
recorded but not counted) or every member present and eligible when the vote
opened. Members are counted, not people: a member that sends three people
still has one vote.

Functions that change a motion raise :class:`VotingError` (a ``ValueError``)
with a message fit to show the chair when the operation is not allowed; the
motion is left unchanged when they raise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from .attendance import in_room_at
from .membership import has_vote
from .text import plural
from .model import (
    ConflictDeclaration,
    Exclusion,
    Meeting,
    Member,
    MemberKind,
    Motion,
    MotionEvent,
    MotionKind,
    MotionState,
    Presence,
    RemovalRecord,
    Vote,
    VoteChoice,
    VotingBase,
)

__all__ = [
    "CONFLICT_REASON",
    "NON_VOTING_REASON",
    "SUBJECT_REASON",
    "SURVIVOR_REASON",
    "Tally",
    "VotingError",
    "adopted_wording",
    "call_vote",
    "carried_amendments",
    "cast_remaining",
    "cast_vote",
    "electronic_by_default",
    "close_vote",
    "conflicts_for_motion",
    "consensus_sentence",
    "correct_wording",
    "count_sentence",
    "count_words",
    "declare_conflict",
    "declare_consensus",
    "decision_order",
    "disposition",
    "electorate",
    "has_vote",
    "main_motion",
    "minutes_text",
    "motion_wording",
    "moved_order",
    "not_voted",
    "open_amendments",
    "open_motion",
    "present_without_vote",
    "present_without_vote_sentence",
    "result_sentence",
    "set_amended_wording",
    "threshold_words",
    "record_objection",
    "record_outcome_notice",
    "record_removal_notice",
    "reopen",
    "table",
    "tally",
    "withdraw",
    "withdraw_objection",
]


class VotingError(ValueError):
    """An operation on a motion that the rules do not allow."""


#: Exclusion reasons (the conflict reason is followed by " on <item title>").
CONFLICT_REASON = "declared a conflict of interest"
SUBJECT_REASON = "subject of this removal motion"
NON_VOTING_REASON = "non-voting member"
SURVIVOR_REASON = "survivor member; each organization has one vote"
GUEST_REASON = "guest"

REMOVAL_NOTICE_MISSING = (
    "the member must be notified of the vote and the reasons before it occurs"
)

_OPEN = (MotionState.CONSENSUS, MotionState.VOTING)


# --------------------------------------------------------------------------
# Small helpers


def _log(motion: Motion, now: datetime | None, what: str) -> None:
    motion.events.append(MotionEvent(at=now or datetime.now(), what=what))


def _label(motion: Motion) -> str:
    noun = "amendment" if motion.kind is MotionKind.AMENDMENT else "motion"
    return f"{noun} {motion.number}" if motion.number else f"this {noun}"


def _plural(n: int, singular: str) -> str:
    return plural(n, singular)


def main_motion(meeting: Meeting, motion: Motion) -> Motion:
    """The motion at the root of an amendment chain (the motion itself when it
    amends nothing, or when what it amends is not in ``meeting``)."""
    seen = {motion.id}
    current = motion
    while current.amends_motion_id:
        parent = meeting.motion(current.amends_motion_id)
        if parent is None or parent.id in seen:
            break
        seen.add(parent.id)
        current = parent
    return current


def open_amendments(meeting: Meeting, motion: Motion) -> list[Motion]:
    """Amendments to ``motion`` in ``meeting`` that are still open."""
    return [
        m
        for m in meeting.motions
        if m.amends_motion_id == motion.id and m.id != motion.id and m.state in _OPEN
    ]


def _check_no_open_amendment(meeting: Meeting | None, motion: Motion) -> None:
    if meeting is None:
        return
    pending = open_amendments(meeting, motion)
    if pending:
        first = pending[0]
        raise VotingError(
            f"{_label(first).capitalize()} to {_label(motion)} is still open: "
            "decide, withdraw or defer it first"
        )


def _check_removal_notice(motion: Motion, now: datetime) -> None:
    if motion.kind is not MotionKind.REMOVAL:
        return
    notice = motion.removal
    if notice is None or notice.notified_on is None or not notice.reasons.strip():
        raise VotingError(REMOVAL_NOTICE_MISSING)
    if notice.notified_on > now.date():
        raise VotingError(
            f"{REMOVAL_NOTICE_MISSING}: the notice is dated "
            f"{notice.notified_on.isoformat()}, after {now.date().isoformat()}"
        )


# --------------------------------------------------------------------------
# Who may vote


def declare_conflict(
    meeting: Meeting,
    member_id: str,
    agenda_item_id: str,
    nature: str = "",
    *,
    at: time | None = None,
) -> ConflictDeclaration:
    """Record that a member declares a conflict of interest on an agenda item.

    Only a member attending (its representative, or its delegate, in the
    room or remotely at clock time ``at``) can declare. Declaring again on
    the same item updates the nature. Raises :class:`VotingError` without
    changing anything when not allowed.
    """
    if not member_id:
        raise VotingError("Say which member declares the conflict")
    record = meeting.attendance_of(member_id)
    if record is None or not in_room_at(record, at):
        raise VotingError(
            "Only a member present (or its delegate) can declare a conflict of interest"
        )
    item = meeting.item(agenda_item_id) if agenda_item_id else None
    if item is None:
        raise VotingError("Say which agenda item the conflict concerns")
    nature = " ".join(nature.split()) if nature else ""
    for existing in meeting.conflicts:
        if existing.member_id == member_id and existing.agenda_item_id == agenda_item_id:
            existing.nature = nature or existing.nature
            return existing
    declaration = ConflictDeclaration(member_id, agenda_item_id, nature)
    meeting.conflicts.append(declaration)
    meeting.no_conflicts_declared = False
    return declaration


def conflicts_for_motion(meeting: Meeting, motion: Motion) -> list[ConflictDeclaration]:
    """The declared conflicts that recuse members from ``motion``.

    A conflict on an agenda item applies to every motion on that item
    (amendments included: they sit on their main motion's item). A motion
    that does not belong to the item (e.g. under "Other business") also
    takes the conflicts of the item chosen as ``conflict_item_id``, and every
    conflict declared by a member listed in ``conflicted_member_ids``.
    """
    root = main_motion(meeting, motion)
    items = {
        i
        for i in (
            motion.agenda_item_id or root.agenda_item_id,
            motion.conflict_item_id,
            root.conflict_item_id,
        )
        if i
    }
    by_member = set(motion.conflicted_member_ids) | set(root.conflicted_member_ids)
    found: list[ConflictDeclaration] = []
    for conflict in meeting.conflicts:
        if conflict.agenda_item_id in items or conflict.member_id in by_member:
            found.append(conflict)
    return found


def electorate(
    meeting: Meeting,
    members: Iterable[Member],
    motion: Motion,
    at: time | None = None,
    *,
    survivors_vote: bool = False,
) -> tuple[list[str], list[Exclusion]]:
    """Member ids eligible to vote on ``motion`` at clock time ``at``, and the
    members in the room who may not.

    Eligible: active members with a vote (:func:`has_vote`, following the
    coalition's ``survivors_vote`` setting) who are in the room (present, by
    delegate or remotely, arrived and not yet departed; ``at`` None ignores
    arrival and departure times), except a member recused by a declared
    conflict (:func:`conflicts_for_motion`) and the subject of a removal
    motion (also for amendments to a removal motion). Members in the room
    without a vote are listed as excluded, with the reason. Members absent,
    or no longer active, are in neither list. Each member appears once
    however many people it sent.
    """
    attendance = {}
    for record in meeting.attendance:
        attendance.setdefault(record.member_id, record)
    root = main_motion(meeting, motion)
    subject = root.subject_member_id if root.kind is MotionKind.REMOVAL else None
    reasons: dict[str, str] = {}
    for conflict in conflicts_for_motion(meeting, motion):
        item = meeting.item(conflict.agenda_item_id)
        on = item.title.strip() if item and item.title.strip() else "this item"
        reasons.setdefault(conflict.member_id, f"{CONFLICT_REASON} on {on}")

    eligible: list[str] = []
    excluded: list[Exclusion] = []
    seen: set[str] = set()
    for member in members:
        if member.id in seen or not member.is_active:
            continue
        seen.add(member.id)
        record = attendance.get(member.id)
        if record is None or not in_room_at(record, at):
            continue
        if not has_vote(member, survivors_vote):
            why = SURVIVOR_REASON if member.kind is MemberKind.SURVIVOR else NON_VOTING_REASON
            excluded.append(Exclusion(member.id, why))
        elif member.id == subject:
            excluded.append(Exclusion(member.id, SUBJECT_REASON))
        elif member.id in reasons:
            excluded.append(Exclusion(member.id, reasons[member.id]))
        else:
            eligible.append(member.id)
    return eligible, excluded


# --------------------------------------------------------------------------
# Opening a motion


def motion_wording(text: str) -> str:
    """The motion as the minutes word it: stripped, starting "That "."""
    text = " ".join(text.split())
    if not text:
        return ""
    first, _, rest = text.partition(" ")
    if first.lower() == "that":
        return f"That {rest}" if rest else "That"
    return f"That {text}"


def open_motion(
    meeting: Meeting,
    motion: Motion,
    members: Iterable[Member],
    now: datetime,
    *,
    survivors_vote: bool = False,
) -> Motion:
    """Move and second a draft ``motion`` and put it for consensus.

    Checks the wording, the mover and seconder (both given, different, and
    both eligible to vote on it at ``now``), a removal's subject, and an
    amendment's motion. Numbers the motion, appends it to the meeting (if it
    is not there yet) and records who could not take part at that moment.
    """
    members = list(members)
    if motion.state is not MotionState.DRAFT:
        raise VotingError(f"{_label(motion).capitalize()} is already {motion.state}")
    wording = motion_wording(motion.text)
    if wording in ("", "That"):
        raise VotingError("The motion has no wording: type what is being moved")
    if not motion.mover_id:
        raise VotingError("A motion needs a mover")
    if not motion.seconder_id:
        raise VotingError("A motion needs a seconder")
    if motion.mover_id == motion.seconder_id:
        raise VotingError("The mover cannot also second the motion")

    names = {m.id: m.name for m in members}
    if motion.kind is MotionKind.REMOVAL:
        subject = motion.subject_member_id
        if not subject:
            raise VotingError("A removal motion must name the member to be removed")
        if subject not in names:
            raise VotingError("The member named for removal is not on the member list")
        if subject in (motion.mover_id, motion.seconder_id):
            raise VotingError(
                "The member proposed for removal can neither move nor second the motion"
            )
    parent: Motion | None = None
    if motion.kind is MotionKind.AMENDMENT:
        if not motion.amends_motion_id:
            raise VotingError("An amendment must say which motion it amends")
        parent = meeting.motion(motion.amends_motion_id)
        if parent is None or parent.id == motion.id:
            raise VotingError("The motion being amended is not in this meeting")
        if parent.state is MotionState.VOTING:
            raise VotingError(
                f"Voting has begun on {_label(parent)}: it can no longer be amended"
            )
        if parent.state is not MotionState.CONSENSUS:
            raise VotingError(
                f"{_label(parent).capitalize()} is not open ({parent.state}): "
                "only an open motion can be amended"
            )
    elif motion.amends_motion_id:
        raise VotingError("Only an amendment can amend another motion")

    eligible, excluded = electorate(
        meeting, members, motion, now.time(), survivors_vote=survivors_vote
    )
    excluded_why = {e.member_id: e.reason for e in excluded}
    for role, member_id in (("mover", motion.mover_id), ("seconder", motion.seconder_id)):
        if member_id not in eligible:
            who = names.get(member_id, "that member")
            why = excluded_why.get(member_id)
            if why is None:
                why = (
                    "not an active member" if member_id not in names
                    else "not in the meeting now"
                )
            raise VotingError(f"{who} cannot be the {role}: {why}")

    motion.text = wording
    if parent is not None and motion.agenda_item_id is None:
        motion.agenda_item_id = parent.agenda_item_id
    motion.number = max((m.number for m in meeting.motions), default=0) + 1
    motion.state = MotionState.CONSENSUS
    motion.opened_at = now
    motion.excluded = excluded
    if all(m is not motion for m in meeting.motions):
        meeting.motions.append(motion)
    amends = f", amending {_label(parent)}" if parent is not None else ""
    _log(
        motion,
        now,
        f"moved by {motion.mover_id}, seconded by {motion.seconder_id}{amends}; "
        "put for consensus",
    )
    return motion


# --------------------------------------------------------------------------
# Consensus


def record_objection(
    motion: Motion, member_id: str, now: datetime | None = None
) -> None:
    """A member objects, so the motion cannot carry by consensus."""
    if motion.state is not MotionState.CONSENSUS:
        raise VotingError(
            f"{_label(motion).capitalize()} is not seeking consensus ({motion.state})"
        )
    if not member_id:
        raise VotingError("Say which member objects")
    for exclusion in motion.excluded:
        if exclusion.member_id == member_id:
            raise VotingError(
                f"That member cannot take part in this decision ({exclusion.reason})"
            )
    if member_id not in motion.objections:
        motion.objections.append(member_id)
        _log(motion, now, f"objection by {member_id}")


def withdraw_objection(
    motion: Motion, member_id: str, now: datetime | None = None
) -> None:
    """A member withdraws its objection (before consensus is declared)."""
    if motion.state is not MotionState.CONSENSUS:
        raise VotingError(
            f"{_label(motion).capitalize()} is not seeking consensus ({motion.state})"
        )
    if member_id not in motion.objections:
        raise VotingError("That member has not objected")
    motion.objections.remove(member_id)
    _log(motion, now, f"objection withdrawn by {member_id}")


def declare_consensus(
    motion: Motion, now: datetime, *, meeting: Meeting | None = None
) -> None:
    """Carry the motion by consensus: allowed only with no objection.

    A removal motion cannot carry by consensus: the Terms of Reference
    require a vote of 50% + 1. Pass ``meeting`` to check that no amendment to
    the motion is still open.
    """
    if motion.state is not MotionState.CONSENSUS:
        raise VotingError(
            f"{_label(motion).capitalize()} is not seeking consensus ({motion.state})"
        )
    if motion.objections:
        raise VotingError(
            f"There is no consensus: {_plural(len(motion.objections), 'objection')} "
            "recorded. Call a vote instead"
        )
    _check_removal_notice(motion, now)
    if motion.kind is MotionKind.REMOVAL:
        raise VotingError(
            "Removal of a member requires a vote of 50% + 1 "
            "(Terms of Reference, Removal of Members): call a vote"
        )
    _check_no_open_amendment(meeting, motion)
    motion.state = MotionState.CARRIED
    motion.by_consensus = True
    motion.closed_at = now
    _log(motion, now, "carried by consensus")


# --------------------------------------------------------------------------
# Voting


def call_vote(
    meeting: Meeting,
    motion: Motion,
    members: Iterable[Member],
    base: VotingBase,
    now: datetime,
    at: time | None,
    *,
    survivors_vote: bool = False,
    confirm_no_objection: bool = False,
) -> None:
    """Open the vote: snapshot who may vote (members in the room at ``at``,
    following the coalition's ``survivors_vote`` setting) and the voting
    base. Objections stay on record.

    Consensus comes first (Decision Making): a vote follows an objection.
    Calling a vote with no objection on record needs the chair's explicit
    ``confirm_no_objection=True``, and is recorded as such (see
    :func:`consensus_sentence`). A removal motion always goes to a vote and
    needs no confirmation.
    """
    if motion.state is not MotionState.CONSENSUS:
        if motion.state is MotionState.DRAFT:
            raise VotingError("The motion must be moved and seconded before a vote")
        raise VotingError(
            f"A vote cannot be called on {_label(motion)} ({motion.state})"
        )
    _check_removal_notice(motion, now)
    _check_no_open_amendment(meeting, motion)
    needs_confirmation = not motion.objections and motion.kind is not MotionKind.REMOVAL
    if needs_confirmation and not confirm_no_objection:
        raise VotingError(
            "No objection is on record, so consensus may still be reached: "
            "confirm that the chair calls a vote anyway"
        )
    base = VotingBase(base)
    eligible, excluded = electorate(
        meeting, members, motion, at, survivors_vote=survivors_vote
    )
    if not eligible:
        raise VotingError("No member present is eligible to vote on this motion")
    motion.electorate = eligible
    motion.excluded = excluded
    motion.voting_base = base
    motion.votes = []
    motion.vote_opened_at = now
    motion.vote_without_objection = needs_confirmation
    motion.state = MotionState.VOTING
    _log(
        motion,
        now,
        f"vote called: {_plural(len(eligible), 'member')} eligible; base {base}",
    )


def _check_can_vote(motion: Motion, member_id: str) -> None:
    if motion.state is not MotionState.VOTING:
        raise VotingError(f"Voting is not open on {_label(motion)} ({motion.state})")
    if member_id in motion.electorate:
        return
    if motion.kind is MotionKind.REMOVAL and member_id == motion.subject_member_id:
        raise VotingError("The member proposed for removal cannot vote on it")
    for exclusion in motion.excluded:
        if exclusion.member_id == member_id:
            raise VotingError(f"That member cannot vote on this motion ({exclusion.reason})")
    raise VotingError(
        "That member cannot vote on this motion: it was not present and eligible "
        "when the vote opened"
    )


def _choice(choice: VoteChoice | str) -> VoteChoice:
    try:
        return VoteChoice(choice)
    except ValueError:
        raise VotingError(
            f"{choice!r} is not a vote: use for, against or abstain"
        ) from None


def cast_vote(
    motion: Motion,
    member_id: str,
    choice: VoteChoice | str,
    electronic: bool | None = None,
    now: datetime | None = None,
    *,
    meeting: Meeting | None = None,
) -> Vote:
    """Record one member's vote (in person or electronically). A member's
    second vote replaces its first.

    ``electronic`` None takes the default: a member attending remotely in
    ``meeting`` votes electronically, any other in person. The minute taker
    overrides it by passing True or False.
    """
    choice = _choice(choice)
    _check_can_vote(motion, member_id)
    if electronic is None:
        electronic = electronic_by_default(meeting, member_id)
    vote = Vote(member_id, choice, electronic=electronic, cast_at=now)
    previous = [v for v in motion.votes if v.member_id == member_id]
    motion.votes = [v for v in motion.votes if v.member_id != member_id]
    motion.votes.append(vote)
    if previous and previous[-1].choice is not choice:
        _log(motion, now, f"{member_id} changed vote from {previous[-1].choice} to {choice}")
    return vote


def electronic_by_default(meeting: Meeting | None, member_id: str) -> bool:
    """Whether a member's vote is electronic unless the minute taker says
    otherwise: true for a member attending remotely."""
    if meeting is None:
        return False
    record = meeting.attendance_of(member_id)
    return record is not None and record.presence is Presence.REMOTE


def cast_remaining(
    motion: Motion,
    choice: VoteChoice | str,
    now: datetime | None = None,
    *,
    meeting: Meeting | None = None,
) -> list[str]:
    """Give ``choice`` to every eligible member that has not voted yet; the
    ids of those members. With ``meeting``, remote attendees' votes are
    electronic."""
    choice = _choice(choice)
    if motion.state is not MotionState.VOTING:
        raise VotingError(f"Voting is not open on {_label(motion)} ({motion.state})")
    voted = {v.member_id for v in motion.votes}
    remaining = [m for m in dict.fromkeys(motion.electorate) if m not in voted]
    for member_id in remaining:
        motion.votes.append(
            Vote(
                member_id,
                choice,
                electronic=electronic_by_default(meeting, member_id),
                cast_at=now,
            )
        )
    if remaining:
        _log(motion, now, f"{_plural(len(remaining), 'remaining member')} recorded {choice}")
    return remaining


@dataclass(frozen=True)
class Tally:
    """The count of a vote, live or final."""

    for_: int
    against: int
    abstain: int
    not_voted: int
    base: int
    base_kind: VotingBase
    #: Votes in favour needed to carry: base // 2 + 1 ("50% + 1").
    needed: int
    #: Whether the motion would carry if the vote closed now.
    carried_so_far: bool
    #: Whether the outcome can no longer change, however the members that
    #: have not voted yet vote (votes already cast are taken as final).
    decided: bool
    #: How many of the counted votes were cast electronically.
    electronic: int

    @property
    def voted(self) -> int:
        return self.for_ + self.against + self.abstain

    @property
    def eligible(self) -> int:
        return self.voted + self.not_voted

    @property
    def unanimous(self) -> bool:
        """Every eligible member present voted for (no abstention, no
        member that did not vote)."""
        return self.for_ > 0 and self.for_ == self.eligible


def _counted_votes(motion: Motion) -> list[Vote]:
    """One vote per eligible member: its last."""
    allowed = set(motion.electorate)
    latest: dict[str, Vote] = {}
    for vote in motion.votes:
        if vote.member_id in allowed:
            latest.pop(vote.member_id, None)
            latest[vote.member_id] = vote
    return list(latest.values())


def tally(motion: Motion) -> Tally:
    votes = _counted_votes(motion)
    counts = {c: 0 for c in VoteChoice}
    for vote in votes:
        counts[vote.choice] += 1
    for_, against, abstain = (
        counts[VoteChoice.FOR],
        counts[VoteChoice.AGAINST],
        counts[VoteChoice.ABSTAIN],
    )
    not_voted = len(set(motion.electorate)) - len(votes)
    kind = VotingBase(motion.voting_base)
    if kind is VotingBase.VOTES_CAST:
        base = for_ + against
        # Remaining voters can each add one to either side of the base.
        sure_to_carry = for_ > against + not_voted
        sure_to_fail = for_ + not_voted <= against
    else:
        base = len(set(motion.electorate))
        sure_to_carry = 2 * for_ > base
        sure_to_fail = 2 * (for_ + not_voted) <= base
    needed = base // 2 + 1
    return Tally(
        for_=for_,
        against=against,
        abstain=abstain,
        not_voted=not_voted,
        base=base,
        base_kind=kind,
        needed=needed,
        carried_so_far=for_ >= needed,
        decided=sure_to_carry or sure_to_fail,
        electronic=sum(1 for v in votes if v.electronic),
    )


def close_vote(
    motion: Motion, now: datetime, *, meeting: Meeting | None = None
) -> MotionState:
    """Close the vote: CARRIED when votes in favour are more than half the
    base, else DEFEATED. Pass ``meeting`` to check that no amendment to the
    motion is still open."""
    if motion.state is not MotionState.VOTING:
        raise VotingError(f"Voting is not open on {_label(motion)} ({motion.state})")
    _check_no_open_amendment(meeting, motion)
    result = tally(motion)
    motion.state = MotionState.CARRIED if result.carried_so_far else MotionState.DEFEATED
    motion.closed_at = now
    _log(
        motion,
        now,
        f"vote closed: {motion.state} ({result.for_} for, {result.against} against, "
        f"{result.abstain} abstain, {result.not_voted} not voting; "
        f"base {result.base_kind} {result.base}, {result.needed} needed)",
    )
    return motion.state


def _close_open(
    motion: Motion,
    now: datetime,
    state: MotionState,
    verb: str,
    meeting: Meeting | None,
) -> None:
    if motion.state not in _OPEN:
        if motion.state is MotionState.DRAFT:
            raise VotingError("The motion has not been moved yet")
        raise VotingError(f"{_label(motion).capitalize()} is already {motion.state}")
    _check_no_open_amendment(meeting, motion)
    motion.state = state
    motion.closed_at = now
    _log(motion, now, verb)


def withdraw(motion: Motion, now: datetime, *, meeting: Meeting | None = None) -> None:
    """The mover withdraws an open motion."""
    _close_open(motion, now, MotionState.WITHDRAWN, "withdrawn", meeting)


def table(motion: Motion, now: datetime, *, meeting: Meeting | None = None) -> None:
    """Defer an open motion (minutes: "Deferred")."""
    _close_open(motion, now, MotionState.TABLED, "deferred (tabled)", meeting)


def reopen(
    motion: Motion, now: datetime, reason: str, *, meeting: Meeting | None = None
) -> MotionState:
    """Undo a closing, explicitly and on the record.

    A motion that had gone to a vote returns to VOTING with its votes; one
    closed while seeking consensus returns to CONSENSUS. With ``meeting``, an
    amendment reopens only while the motion it amends is seeking consensus.
    """
    if not motion.state.is_closed:
        raise VotingError(f"{_label(motion).capitalize()} is not closed ({motion.state})")
    reason = " ".join(reason.split()) if reason else ""
    if not reason:
        raise VotingError("Give a reason for reopening the motion")
    if meeting is not None and motion.amends_motion_id:
        parent = meeting.motion(motion.amends_motion_id)
        if parent is not None and parent.state is not MotionState.CONSENSUS:
            raise VotingError(
                f"{_label(parent).capitalize()}, which this amends, is {parent.state}: "
                "reopen it first"
            )
    was = motion.state
    if motion.vote_opened_at is not None:
        motion.state = MotionState.VOTING
    else:
        motion.state = MotionState.CONSENSUS
        motion.by_consensus = False
    motion.closed_at = None
    _log(motion, now, f"reopened (was {was}): {reason}")
    return motion.state


# --------------------------------------------------------------------------
# Removal notices


def _require_removal(motion: Motion) -> RemovalRecord:
    if motion.kind is not MotionKind.REMOVAL:
        raise VotingError("Only a removal motion has removal notices")
    if motion.removal is None:
        motion.removal = RemovalRecord()
    return motion.removal


def record_removal_notice(
    motion: Motion, notified_on: date, reasons: str, now: datetime | None = None
) -> RemovalRecord:
    """Record that the member was told of the vote and the reasons for it.

    Must be recorded before the vote (while the motion is a draft or seeking
    consensus)."""
    if motion.kind is not MotionKind.REMOVAL:
        raise VotingError("Only a removal motion has removal notices")
    if motion.state not in (MotionState.DRAFT, MotionState.CONSENSUS):
        raise VotingError(
            "The notice of a removal vote must be recorded before the vote "
            f"({_label(motion)} is {motion.state})"
        )
    if notified_on is None:
        raise VotingError("Give the date the member was notified")
    reasons = reasons.strip() if reasons else ""
    if not reasons:
        raise VotingError("Give the reasons for the proposed removal given to the member")
    record = _require_removal(motion)
    record.notified_on = notified_on
    record.reasons = reasons
    _log(motion, now, f"member notified of the removal vote on {notified_on.isoformat()}")
    return record


def record_outcome_notice(
    motion: Motion,
    on: date,
    signed_by: Iterable[str],
    *,
    members: Iterable[Member] | None = None,
    now: datetime | None = None,
) -> RemovalRecord:
    """Record the written notice of the outcome, signed by at least two
    different member organizations (never the member in question).

    With ``members``, each signer must be a known organization member.
    """
    if motion.kind is not MotionKind.REMOVAL:
        raise VotingError("Only a removal motion has removal notices")
    if motion.state not in (MotionState.CARRIED, MotionState.DEFEATED):
        raise VotingError(
            "The outcome notice follows the vote: the motion has not been decided "
            f"({motion.state})"
        )
    if on is None:
        raise VotingError("Give the date of the written notice of the outcome")
    if motion.closed_at is not None and on < motion.closed_at.date():
        raise VotingError("The outcome notice cannot be dated before the vote")
    signers = list(dict.fromkeys(s for s in signed_by if s))
    if motion.subject_member_id in signers:
        raise VotingError("The member in question cannot sign its own outcome notice")
    if members is not None:
        known = {m.id: m for m in members}
        for signer in signers:
            member = known.get(signer)
            if member is None:
                raise VotingError("A signer of the outcome notice is not a member")
            if member.kind is not MemberKind.ORGANIZATION:
                raise VotingError(
                    f"{member.name} is not a member organization: the notice must be "
                    "signed by member organizations"
                )
    if len(signers) < 2:
        raise VotingError(
            "The outcome notice must be signed by at least two different "
            "member organizations"
        )
    record = _require_removal(motion)
    record.outcome_notice_on = on
    record.signed_by = signers
    _log(motion, now, f"outcome notice dated {on.isoformat()} signed by {', '.join(signers)}")
    return record


# --------------------------------------------------------------------------
# Wording while a motion is open, amendments, and the order of business


def correct_wording(
    motion: Motion, text: str, now: datetime | None = None
) -> str:
    """The chair corrects an open motion's wording (recorded in its events).
    Returns the new wording, "That ..."."""
    if motion.state not in _OPEN:
        raise VotingError(
            f"Only an open motion's wording can be corrected ({_label(motion)} is {motion.state})"
        )
    wording = motion_wording(text)
    if wording in ("", "That"):
        raise VotingError("The motion has no wording: type what is being moved")
    if wording != motion.text:
        motion.text = wording
        _log(motion, now, f"wording corrected: {wording}")
    return wording


def carried_amendments(meeting: Meeting, motion: Motion) -> list[Motion]:
    """Amendments to ``motion`` that carried, in the order they were decided."""
    return [
        m
        for m in decision_order(meeting)
        if m.amends_motion_id == motion.id
        and m.id != motion.id
        and m.state is MotionState.CARRIED
    ]


def set_amended_wording(
    meeting: Meeting, motion: Motion, text: str, now: datetime | None = None
) -> str:
    """After an amendment carries, the chair sets the main motion's wording
    as amended, while the motion is still open. Returns the wording."""
    if motion.state not in _OPEN:
        raise VotingError(
            f"{_label(motion).capitalize()} is {motion.state}: the amended wording "
            "is set while it is open"
        )
    if not carried_amendments(meeting, motion):
        raise VotingError(f"No amendment to {_label(motion)} has carried")
    wording = motion_wording(text)
    if wording in ("", "That"):
        raise VotingError("Type the motion's wording as amended")
    motion.amended_text = wording
    _log(motion, now, f"wording as amended: {wording}")
    return wording


def adopted_wording(meeting: Meeting, motion: Motion) -> str:
    """The motion's words as the minutes give them: "That ..." and, once an
    amendment to it carried, the amended words followed by ", as amended"."""
    if not carried_amendments(meeting, motion):
        return motion_wording(motion.text)
    text = motion_wording(motion.amended_text or motion.text).rstrip(" .")
    return f"{text}, as amended"


def moved_order(meeting: Meeting) -> list[Motion]:
    """Motions and amendments that were moved, in the order they were moved
    (their numbers)."""
    return sorted((m for m in meeting.motions if m.number > 0), key=lambda m: m.number)


def decision_order(meeting: Meeting) -> list[Motion]:
    """Motions and amendments in the order things were decided: closed ones
    by closing time (so an amendment comes before its main motion), then
    those still open, in the order they were moved."""
    moved = moved_order(meeting)
    decided = sorted(
        (m for m in moved if m.state.is_closed),
        key=lambda m: (m.closed_at is None, m.closed_at or datetime.min, m.number),
    )
    return decided + [m for m in moved if not m.state.is_closed]


# --------------------------------------------------------------------------
# How the record words a decision (the console, the tally and the minutes
# all take their words from here)


def disposition(motion: Motion) -> str:
    """The minutes' word for the outcome. "Carried unanimously" only when
    every eligible member present voted for."""
    state = motion.state
    if state is MotionState.CARRIED:
        if motion.by_consensus:
            return "Carried by consensus"
        if motion.vote_opened_at is not None and tally(motion).unanimous:
            return "Carried unanimously"
        return "Carried"
    return {
        MotionState.DEFEATED: "Defeated",
        MotionState.WITHDRAWN: "Withdrawn",
        MotionState.TABLED: "Deferred",
    }.get(state, "Open")


def count_words(t: Tally) -> str:
    """ "22 for, 3 against, 2 abstentions" """
    return f"{t.for_} for, {t.against} against, {_plural(t.abstain, 'abstention')}"


def threshold_words(t: Tally) -> str:
    """ "25 votes cast for or against; 13 needed (more than half)", or with
    the members-present base "27 members present and eligible; 14 needed
    (more than half)". """
    if t.base_kind is VotingBase.VOTES_CAST:
        base = f"{_plural(t.base, 'vote')} cast for or against"
    else:
        base = f"{_plural(t.base, 'member')} present and eligible"
    return f"{base}; {t.needed} needed (more than half)"


def count_sentence(t: Tally, outcome: str = "", *, pending: bool = False) -> str:
    """The count in plain words: "Carried: 22 for, 3 against, 2 abstentions.
    25 votes cast for or against; 13 needed (more than half)."

    ``outcome`` (e.g. :func:`disposition`) leads when given. Members that
    did not vote are counted ("; 2 members did not vote"), or with
    ``pending`` (a vote still open) "; 2 members yet to vote".
    """
    head = count_words(t)
    if outcome:
        head = f"{outcome}: {head}"
    if t.not_voted:
        tail = "yet to vote" if pending else "did not vote"
        head += f"; {_plural(t.not_voted, 'member')} {tail}"
    return f"{head}. {threshold_words(t)}."


def result_sentence(motion: Motion) -> str:
    """The outcome line: the count sentence for a decided vote, otherwise
    the disposition ("Carried by consensus.", "Withdrawn.", "Open.")."""
    result = disposition(motion)
    went_to_vote = motion.vote_opened_at is not None and not motion.by_consensus
    if went_to_vote and motion.state in (MotionState.CARRIED, MotionState.DEFEATED):
        return count_sentence(tally(motion), result)
    return f"{result}."


def consensus_sentence(motion: Motion, names: Mapping[str, str]) -> str:
    """How the motion came to a vote, "" when it did not: "Consensus was not
    reached; an objection was raised by X. The motion was put to a vote." """
    if motion.vote_opened_at is None or motion.by_consensus:
        return ""
    objectors = [names.get(m) or m for m in dict.fromkeys(motion.objections)]
    if objectors:
        raised = (
            f"an objection was raised by {objectors[0]}" if len(objectors) == 1
            else f"objections were raised by {_join(objectors)}"
        )
        return f"Consensus was not reached; {raised}. The motion was put to a vote."
    if motion.kind is MotionKind.REMOVAL:
        return "Removal of a member requires a vote of 50% + 1. The motion was put to a vote."
    return (
        "Consensus was not reached; the Chair called a vote with no objection on record. "
        "The motion was put to a vote."
    )


def not_voted(motion: Motion) -> list[str]:
    """Ids of eligible members that have not voted (in electorate order)."""
    voted = {v.member_id for v in _counted_votes(motion)}
    return [m for m in dict.fromkeys(motion.electorate) if m not in voted]


def _minutes_reason(reason: str) -> str:
    if reason == SUBJECT_REASON:
        return "subject of the motion"
    return reason


def present_without_vote(
    meeting: Meeting | None, motion: Motion, names: Mapping[str, str]
) -> list[tuple[str, str]]:
    """Who was present without a vote on ``motion``, each named once, with
    the reason: non-voting and (by the setting) survivor members, members
    recused by a declared conflict, the subject of a removal, then guests
    (with ``meeting``)."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for exclusion in motion.excluded:
        name = names.get(exclusion.member_id) or exclusion.member_id
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        found.append((name, _minutes_reason(exclusion.reason)))
    for guest in meeting.guests if meeting is not None else ():
        name = " ".join(guest.name.split())
        if not name or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        org = " ".join(guest.organization.split())
        found.append((f"{name}, {org}" if org else name, GUEST_REASON))
    return found


def present_without_vote_sentence(
    meeting: Meeting | None, motion: Motion, names: Mapping[str, str]
) -> str:
    """ "Present without a vote: A (guest); B (non-voting member)." or "". """
    found = present_without_vote(meeting, motion, names)
    if not found:
        return ""
    return "Present without a vote: " + "; ".join(f"{n} ({why})" for n, why in found) + "."


def _sentence(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _day(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def minutes_text(
    motion: Motion,
    names: Mapping[str, str],
    *,
    meeting: Meeting | None = None,
    adjourned_on: date | None = None,
) -> str:
    """The motion as recorded in the minutes: adopted wording, mover and
    seconder, how it came to a vote, the result with counts, base and
    threshold, who was present without a vote, and (for a recorded vote)
    how each member voted and who did not.

    With ``meeting``, an amended motion reads "..., as amended" and guests
    are named; with ``adjourned_on``, a removal outcome notice signed after
    that day is left for a later meeting's record.
    """

    def name(member_id: str) -> str:
        return names.get(member_id) or member_id

    wording = adopted_wording(meeting, motion) if meeting is not None else motion_wording(motion.text)
    parts = [_sentence(wording or "That (no wording)")]
    if motion.mover_id and motion.seconder_id:
        parts.append(f"Moved by {name(motion.mover_id)}, seconded by {name(motion.seconder_id)}.")
    elif motion.mover_id:
        parts.append(f"Moved by {name(motion.mover_id)}.")

    decided = motion.state in (MotionState.CARRIED, MotionState.DEFEATED)
    went_to_vote = motion.vote_opened_at is not None and not motion.by_consensus
    if went_to_vote and decided:
        parts.append(consensus_sentence(motion, names))
    parts.append(result_sentence(motion))
    if went_to_vote and decided:
        electronic = tally(motion).electronic
        if electronic:
            were = "was" if electronic == 1 else "were"
            parts.append(f"{_plural(electronic, 'vote')} {were} cast electronically.")

    if decided:
        without = present_without_vote_sentence(meeting, motion, names)
        if without:
            parts.append(without)

    if motion.recorded_vote and went_to_vote and decided:
        groups: list[str] = []
        for label, choice in (
            ("For", VoteChoice.FOR),
            ("Against", VoteChoice.AGAINST),
            ("Abstained", VoteChoice.ABSTAIN),
        ):
            who = sorted(
                (name(v.member_id) for v in _counted_votes(motion) if v.choice is choice),
                key=str.casefold,
            )
            if who:
                groups.append(f"{label}: {', '.join(who)}")
        missing = sorted((name(m) for m in not_voted(motion)), key=str.casefold)
        if missing:
            groups.append(f"Did not vote: {', '.join(missing)}")
        if groups:
            parts.append("; ".join(groups) + ".")

    removal = motion.removal
    if motion.kind is MotionKind.REMOVAL and removal is not None:
        subject = name(motion.subject_member_id) if motion.subject_member_id else "The member"
        if removal.notified_on is not None:
            parts.append(
                f"{subject} was notified of the vote and the reasons on "
                f"{_day(removal.notified_on)}."
            )
        notice_on = removal.outcome_notice_on
        if (
            notice_on is not None
            and removal.signed_by
            and (adjourned_on is None or notice_on <= adjourned_on)
        ):
            parts.append(
                f"Written notice of the outcome dated {_day(notice_on)} "
                f"was signed by {_join([name(s) for s in removal.signed_by])}."
            )
    return " ".join(p for p in parts if p)
