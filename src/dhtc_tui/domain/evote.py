"""Decisions between meetings: electronic votes and minutes approved by e-mail.

Terms of Reference, Decision Making: "Decisions will be made through consensus
whenever possible. Voting can take place in person or electronically. Each
organization has one vote. Majority voting rules apply". Minutes are
"circulated via e-mail to members following each meeting and approved (or
adjusted) based on consensus".

An electronic decision follows the room's rules, so the record is one:

- the electorate is fixed when it opens: every active member with a vote, the
  subject of a removal excluded (one vote per organization);
- consensus first: circulated "carried by consensus on the deadline unless a
  member objects"; an objection lets the chair put it to a ballot
  (:func:`to_ballot`); a removal always goes to a ballot;
- a member that declares a conflict is recorded like an answer and leaves
  the base; a member withdrawn or removed while the vote is open can no longer
  answer, and an answer it already gave stands;
- the count uses :func:`dhtc_tui.domain.voting.tally` (base, needed, ties
  fail), so "50% + 1" means the same thing by e-mail as in the room;
- closing happens at or after the deadline, or earlier only when every
  eligible member has answered.

Functions raise :class:`EVoteError` (a ``ValueError``) with a one-line message
for the chair and leave the record unchanged when they do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .model import (
    Exclusion,
    Meeting,
    Member,
    MinutesStatus,
    Motion,
    MotionKind,
    MotionState,
    Vote,
    VoteChoice,
    VotingBase,
    new_id,
)
from .text import plural
from .voting import (
    CONFLICT_REASON,
    NON_VOTING_REASON,
    SUBJECT_REASON,
    Tally,
    count_sentence,
    count_words,
    motion_wording,
    tally as motion_tally,
)

__all__ = [
    "AmbiguousMember",
    "Answer",
    "Choice",
    "EVote",
    "EVoteError",
    "EVoteEvent",
    "EVoteKind",
    "EVoteState",
    "Mode",
    "answer",
    "as_motion",
    "carried_so_far",
    "check_answer",
    "close",
    "count_line",
    "decisions_between",
    "eligible_now",
    "latest_answers",
    "minutes_approval_for",
    "minutes_approval_text",
    "not_answered",
    "open_evote",
    "open_minutes_approval",
    "plain_text",
    "read_choice",
    "record_text",
    "recused",
    "resolve_member",
    "status_lines",
    "tally",
    "to_ballot",
    "went_to_ballot",
]


class EVoteError(ValueError):
    """An operation on an electronic decision that the rules do not allow."""


class Mode(StrEnum):
    CONSENSUS = "consensus"
    BALLOT = "ballot"


class EVoteKind(StrEnum):
    ORDINARY = "ordinary"
    REMOVAL = "removal"
    LOCATION = "location"
    #: Approval of a meeting's minutes by e-mail.
    MINUTES = "minutes"


class EVoteState(StrEnum):
    OPEN = "open"
    CARRIED = "carried"
    DEFEATED = "defeated"
    APPROVED = "approved"  # minutes
    DEFERRED = "deferred"  # minutes taken to the next meeting

    @property
    def is_closed(self) -> bool:
        return self is not EVoteState.OPEN


class Choice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"
    CONFLICT = "conflict"
    #: Consensus: the member objects (AGAINST counts as an objection too).
    OBJECT = "object"
    #: Minutes: the member asks for a correction (the note says which).
    CORRECTION = "correction"


_BALLOT_CHOICES = {Choice.FOR: VoteChoice.FOR, Choice.AGAINST: VoteChoice.AGAINST, Choice.ABSTAIN: VoteChoice.ABSTAIN}


@dataclass
class Answer:
    member_id: str
    choice: Choice
    on: date
    #: "by hand" or "e-mail".
    via: str = "by hand"
    note: str = ""


@dataclass
class EVoteEvent:
    on: date
    what: str


@dataclass
class EVote:
    motion: str
    deadline: date
    opened_on: date
    kind: EVoteKind = EVoteKind.ORDINARY
    mode: Mode = Mode.CONSENSUS
    mover_id: str | None = None
    seconder_id: str | None = None
    subject_member_id: str | None = None
    removal_notified_on: date | None = None
    removal_reasons: str = ""
    #: Minutes approval: the meeting whose minutes are being approved.
    meeting_id: str | None = None
    #: Snapshot when it opened: who may answer.
    electorate: list[str] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)
    voting_base: VotingBase = VotingBase.VOTES_CAST
    answers: list[Answer] = field(default_factory=list)
    #: Consensus objections, kept on record after a move to a ballot.
    objections: list[str] = field(default_factory=list)
    #: The day it went to a ballot (the opening day when opened as one).
    ballot_on: date | None = None
    #: Index in ``answers`` of the first ballot answer (after a consensus round).
    ballot_from: int = 0
    state: EVoteState = EVoteState.OPEN
    by_consensus: bool = False
    closed_on: date | None = None
    #: Minutes: corrections the chair adopted.
    corrections_adopted: list[str] = field(default_factory=list)
    #: Finding keys ("kind|text") the chair reviewed as not identifying.
    reviewed: list[str] = field(default_factory=list)
    events: list[EVoteEvent] = field(default_factory=list)
    number: int = 0
    id: str = field(default_factory=new_id)


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def plain_text(text: str) -> str:
    """One line with no control characters (they could drive a terminal or
    break an e-mail header)."""
    return " ".join(_CONTROLS.sub(" ", text or "").split())


def _log(vote: EVote, on: date, what: str) -> None:
    vote.events.append(EVoteEvent(on=on, what=what))


def _day(d: date | None) -> str:
    return f"{d:%B} {d.day}, {d.year}" if d else "an unknown date"


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


# --------------------------------------------------------------------------
# Naming members


class AmbiguousMember(EVoteError):
    """A member name that matches none or several members."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates


def resolve_member(query: str, members: Iterable[Member]) -> Member:
    """The member named by ``query``: its id, its name (case-insensitive), or
    a prefix of one name only. Raises :class:`AmbiguousMember` (with the
    candidates' names) when nothing or more than one member fits."""
    members = list(members)
    wanted = " ".join((query or "").split())
    if not wanted:
        raise AmbiguousMember("No member named: give an id or a name", [])
    for member in members:
        if member.id == wanted:
            return member
    folded = wanted.casefold()
    exact = [m for m in members if " ".join(m.name.split()).casefold() == folded]
    if len(exact) == 1:
        return exact[0]
    matches = exact or [m for m in members if " ".join(m.name.split()).casefold().startswith(folded)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise AmbiguousMember(f"No member is named {wanted!r}", [])
    names = sorted((f"{m.name} ({m.id})" for m in matches), key=str.casefold)
    raise AmbiguousMember(f"{wanted!r} names {len(matches)} members: {'; '.join(names)}", names)


# --------------------------------------------------------------------------
# Opening


def _electorate(
    members: list[Member], subject: str | None
) -> tuple[list[str], list[Exclusion]]:
    eligible: list[str] = []
    excluded: list[Exclusion] = []
    for member in members:
        if not member.is_active or member.id in eligible:
            continue
        if not member.votes:
            excluded.append(Exclusion(member.id, NON_VOTING_REASON))
        elif member.id == subject:
            excluded.append(Exclusion(member.id, SUBJECT_REASON))
        else:
            eligible.append(member.id)
    return eligible, excluded


def open_evote(
    vote: EVote,
    members: Iterable[Member],
    *,
    existing: Iterable[EVote] = (),
    base: VotingBase = VotingBase.VOTES_CAST,
) -> EVote:
    """Check a new decision and take its electorate.

    ``vote`` carries the wording, mover, seconder, kind, mode, opening date
    and deadline (and, for a removal, the subject and its prior notice).
    Numbers it after ``existing``.
    """
    members = list(members)
    names = {m.id: m.name for m in members}
    wording = motion_wording(plain_text(vote.motion))
    vote.removal_reasons = plain_text(vote.removal_reasons)
    if wording in ("", "That"):
        raise EVoteError("The motion has no wording: type what is being decided")
    if vote.deadline < vote.opened_on:
        raise EVoteError(
            f"The deadline ({vote.deadline.isoformat()}) is before the opening day "
            f"({vote.opened_on.isoformat()})"
        )
    if vote.kind is EVoteKind.MINUTES:
        raise EVoteError("Use open_minutes_approval for minutes")
    if not vote.mover_id:
        raise EVoteError("A motion needs a mover")
    if not vote.seconder_id:
        raise EVoteError("A motion needs a seconder")
    if vote.mover_id == vote.seconder_id:
        raise EVoteError("The mover cannot also second the motion")
    subject = vote.subject_member_id
    if vote.kind is EVoteKind.REMOVAL:
        if not subject:
            raise EVoteError("A removal must name the member to be removed (--subject)")
        if subject not in names:
            raise EVoteError("The member named for removal is not on the member list")
        if subject in (vote.mover_id, vote.seconder_id):
            raise EVoteError("The member proposed for removal can neither move nor second the motion")
        if vote.removal_notified_on is None or not vote.removal_reasons.strip():
            raise EVoteError(
                "The member must be notified of the vote and the reasons before it occurs: "
                "record the notice date and the reasons first"
            )
        if vote.removal_notified_on > vote.opened_on:
            raise EVoteError(
                f"The removal notice is dated {vote.removal_notified_on.isoformat()}, "
                f"after the opening day {vote.opened_on.isoformat()}"
            )
        if vote.mode is Mode.CONSENSUS:
            raise EVoteError(
                "Removal of a member requires a vote of 50% + 1 (Terms of Reference, "
                "Removal of Members): open it as a ballot"
            )
    elif subject:
        raise EVoteError("Only a removal names a member to be removed")
    eligible, excluded = _electorate(members, subject if vote.kind is EVoteKind.REMOVAL else None)
    why = {e.member_id: e.reason for e in excluded}
    for role, member_id in (("mover", vote.mover_id), ("seconder", vote.seconder_id)):
        if member_id not in eligible:
            who = names.get(member_id, "that member")
            reason = why.get(member_id) or (
                "not on the member list" if member_id not in names else "not an active member"
            )
            raise EVoteError(f"{who} cannot be the {role}: {reason}")
    vote.motion = wording
    vote.electorate = eligible
    vote.excluded = excluded
    vote.voting_base = VotingBase(base)
    vote.answers = []
    vote.objections = []
    vote.state = EVoteState.OPEN
    vote.ballot_on = vote.opened_on if vote.mode is Mode.BALLOT else None
    vote.number = max((v.number for v in existing), default=0) + 1
    how = "put to a ballot" if vote.mode is Mode.BALLOT else "circulated for consensus"
    _log(vote, vote.opened_on, f"opened: {how}; {plural(len(eligible), 'member')} eligible; deadline {vote.deadline.isoformat()}")
    return vote


def open_minutes_approval(
    meeting: Meeting,
    members: Iterable[Member],
    opened_on: date,
    deadline: date,
    *,
    existing: Iterable[EVote] = (),
) -> EVote:
    """Ask for the minutes of ``meeting`` to be approved by e-mail: approved by
    consensus on ``deadline`` unless a member objects or asks for a correction."""
    if meeting.minutes_status is MinutesStatus.APPROVED:
        raise EVoteError(f"The minutes of {_day(meeting.date)} are already approved")
    if deadline < opened_on:
        raise EVoteError("The deadline is before the opening day")
    for other in existing:
        if other.kind is EVoteKind.MINUTES and other.meeting_id == meeting.id and other.state is EVoteState.OPEN:
            raise EVoteError(f"Approval of these minutes is already open (e-vote {other.number})")
    existing = list(existing)
    eligible, excluded = _electorate(list(members), None)
    vote = EVote(
        motion=f"That the minutes of the meeting of {_day(meeting.date)} be approved",
        deadline=deadline,
        opened_on=opened_on,
        kind=EVoteKind.MINUTES,
        mode=Mode.CONSENSUS,
        meeting_id=meeting.id,
        electorate=eligible,
        excluded=excluded,
        number=max((v.number for v in existing), default=0) + 1,
    )
    _log(vote, opened_on, f"approval of the minutes requested by {deadline.isoformat()}")
    return vote


# --------------------------------------------------------------------------
# Answers


def _allowed(vote: EVote) -> set[Choice]:
    if vote.kind is EVoteKind.MINUTES:
        return {Choice.FOR, Choice.OBJECT, Choice.CORRECTION, Choice.CONFLICT}
    if vote.mode is Mode.CONSENSUS:
        return {Choice.FOR, Choice.AGAINST, Choice.ABSTAIN, Choice.CONFLICT, Choice.OBJECT}
    return {Choice.FOR, Choice.AGAINST, Choice.ABSTAIN, Choice.CONFLICT}


def check_answer(
    vote: EVote, member_id: str, choice: Choice | str, on: date, members: Iterable[Member]
) -> Choice:
    """The choice, if ``member_id`` may give it on ``on``; else EVoteError."""
    try:
        choice = Choice(str(choice).strip().lower())
    except ValueError:
        raise EVoteError(
            f"{choice!r} is not an answer: use {', '.join(sorted(c.value for c in _allowed(vote)))}"
        ) from None
    if vote.state is not EVoteState.OPEN:
        raise EVoteError(f"E-vote {vote.number} is closed ({vote.state})")
    if choice not in _allowed(vote):
        what = "minutes approval" if vote.kind is EVoteKind.MINUTES else f"{vote.mode} e-vote"
        raise EVoteError(
            f"{choice} is not an answer to a {what}: use "
            f"{', '.join(sorted(c.value for c in _allowed(vote)))}"
        )
    if on < vote.opened_on:
        raise EVoteError(f"The answer is dated {on.isoformat()}, before the vote opened")
    if on > vote.deadline:
        raise EVoteError(
            f"The answer was received on {on.isoformat()}, after the deadline "
            f"({vote.deadline.isoformat()}): it is not counted"
        )
    if member_id not in vote.electorate:
        for exclusion in vote.excluded:
            if exclusion.member_id == member_id:
                raise EVoteError(f"That member cannot answer ({exclusion.reason})")
        raise EVoteError("That member was not an eligible member when the vote opened")
    member = next((m for m in members if m.id == member_id), None)
    if member is None or not member.is_active:
        status = member.status if member is not None else "no longer on the roster"
        raise EVoteError(
            f"{member.name if member else 'That member'} is {status} since the vote opened: "
            "it can no longer answer (an answer it gave before stands)"
        )
    return choice


def answer(
    vote: EVote,
    member_id: str,
    choice: Choice | str,
    on: date,
    members: Iterable[Member],
    *,
    via: str = "by hand",
    note: str = "",
) -> Answer:
    """Record one member's answer. A second answer replaces the first (both
    stay in the history). In consensus mode AGAINST and OBJECT are objections."""
    members = list(members)
    choice = check_answer(vote, member_id, choice, on, members)
    note = plain_text(note)
    if choice is Choice.CORRECTION and not note:
        raise EVoteError("Say what the correction is")
    previous = latest_answers(vote).get(member_id)
    record = Answer(member_id, choice, on, via=via, note=note)
    vote.answers.append(record)
    objecting = vote.mode is Mode.CONSENSUS and choice in (Choice.AGAINST, Choice.OBJECT)
    if objecting and member_id not in vote.objections:
        vote.objections.append(member_id)
    elif not objecting and vote.ballot_on is None and member_id in vote.objections:
        vote.objections.remove(member_id)
    changed = f" (replacing {previous.choice})" if previous is not None else ""
    _log(vote, on, f"{member_id} answered {choice}{changed} ({via})")
    return record


def latest_answers(vote: EVote) -> dict[str, Answer]:
    """Each member's last answer (in the order recorded), both rounds."""
    latest: dict[str, Answer] = {}
    for record in vote.answers:
        latest.pop(record.member_id, None)
        latest[record.member_id] = record
    return latest


def _current(vote: EVote) -> dict[str, Answer]:
    """Answers that count now: after a move to a ballot, only those given for
    the ballot (a declared conflict carries over)."""
    kept: dict[str, Answer] = {}
    for index, record in enumerate(vote.answers):
        if index >= vote.ballot_from or record.choice is Choice.CONFLICT:
            kept.pop(record.member_id, None)
            kept[record.member_id] = record
    return kept


def _gone(vote: EVote, members: Iterable[Member]) -> set[str]:
    """Members of the electorate withdrawn or removed since it opened."""
    by_id = {m.id: m for m in members}
    return {m for m in vote.electorate if m not in by_id or not by_id[m].is_active}


def eligible_now(vote: EVote, members: Iterable[Member]) -> list[str]:
    """The electorate without the members withdrawn or removed since it opened."""
    gone = _gone(vote, members)
    return [m for m in vote.electorate if m not in gone]


def not_answered(vote: EVote, members: Iterable[Member]) -> list[str]:
    """Ids of eligible members (still active) with no answer yet."""
    answered = _current(vote)
    gone = _gone(vote, members)
    return [m for m in vote.electorate if m not in answered and m not in gone]


def recused(vote: EVote) -> list[str]:
    return [m for m, a in _current(vote).items() if a.choice is Choice.CONFLICT]


def as_motion(vote: EVote, members: Iterable[Member]) -> Motion:
    """The decision as a meeting motion in VOTING state, so that the room's
    tally (base, needed, ties) counts it. The base leaves out members that
    declared a conflict and members gone (withdrawn or removed) without
    answering; an answer given before leaving stands."""
    answers = _current(vote)
    gone = _gone(vote, members)
    electorate = [
        m for m in vote.electorate
        if (m in answers or m not in gone)
        and not (m in answers and answers[m].choice is Choice.CONFLICT)
    ]
    votes = []
    for member_id in electorate:
        record = answers.get(member_id)
        if record is None:
            continue
        choice = _BALLOT_CHOICES.get(record.choice)
        if choice is None and record.choice is Choice.OBJECT:
            choice = VoteChoice.AGAINST
        if choice is None:
            continue
        votes.append(Vote(member_id, choice, electronic=True))
    return Motion(
        text=vote.motion,
        kind=MotionKind.REMOVAL if vote.kind is EVoteKind.REMOVAL else MotionKind.GENERAL,
        subject_member_id=vote.subject_member_id,
        state=MotionState.VOTING,
        electorate=electorate,
        votes=votes,
        voting_base=vote.voting_base,
        vote_opened_at=None,
    )


def tally(vote: EVote, members: Iterable[Member]) -> Tally:
    """The live count, by the room's rules (``voting.tally``)."""
    return motion_tally(as_motion(vote, members))


def count_line(t: Tally, carried: bool | None = None, final: bool = False) -> str:
    """``12 for, 4 against, 0 abstentions; base 16; 9 needed; carried so far``:
    the CLI's fixed first line, its counts in the meeting record's words."""
    carried = t.carried_so_far if carried is None else carried
    word = "carried" if carried else "defeated"
    return f"{count_words(t)}; base {t.base}; {t.needed} needed; {word}{'' if final else ' so far'}"


def carried_so_far(vote: EVote, members: Iterable[Member]) -> bool:
    if vote.state.is_closed:
        return vote.state in (EVoteState.CARRIED, EVoteState.APPROVED)
    if vote.mode is Mode.CONSENSUS:
        if vote.kind is EVoteKind.MINUTES:
            return not vote.objections and not _corrections(vote)
        return not vote.objections
    return tally(vote, members).carried_so_far


def _corrections(vote: EVote) -> list[Answer]:
    return [a for a in _current(vote).values() if a.choice is Choice.CORRECTION]


def status_lines(vote: EVote, members: Iterable[Member]) -> list[str]:
    """What ``evote show`` prints: the count line first, then who has not
    answered, recusals, objections, members gone while open."""
    members = list(members)
    names = {m.id: m.name for m in members}
    t = tally(vote, members)
    lines = [count_line(t, carried_so_far(vote, members), final=vote.state.is_closed)]
    waiting = not_answered(vote, members)
    lines.append(
        "Not answered: " + (", ".join(names.get(m, m) for m in waiting) if waiting else "nobody")
    )
    conflict = recused(vote)
    if conflict:
        lines.append("Declared a conflict: " + ", ".join(names.get(m, m) for m in conflict))
    if vote.objections:
        lines.append("Objections: " + ", ".join(names.get(m, m) for m in vote.objections))
        if vote.state is EVoteState.OPEN and vote.mode is Mode.CONSENSUS and vote.kind is not EVoteKind.MINUTES:
            lines.append("No consensus: the chair may put it to a ballot (dhtc-tui evote ballot VOTE).")
    for record in _corrections(vote):
        lines.append(f"Correction asked by {names.get(record.member_id, record.member_id)}: {record.note}")
    gone = sorted(_gone(vote, members))
    if gone:
        lines.append("Withdrawn or removed while open: " + ", ".join(names.get(m, m) for m in gone))
    lines.append(
        f"{vote.kind} {'minutes approval' if vote.kind is EVoteKind.MINUTES else vote.mode}; "
        f"opened {vote.opened_on.isoformat()}; deadline {vote.deadline.isoformat()}; {vote.state}"
    )
    return lines


# --------------------------------------------------------------------------
# Consensus to ballot, and closing


def to_ballot(vote: EVote, on: date, deadline: date | None = None) -> None:
    """The chair puts a consensus decision to a ballot (after an objection, or
    when consensus is not possible). Objections stay on record; answers from
    the consensus round are not votes (declared conflicts carry over)."""
    if vote.kind is EVoteKind.MINUTES:
        raise EVoteError("Minutes are approved by consensus: defer them to the next meeting instead")
    if vote.state is not EVoteState.OPEN:
        raise EVoteError(f"E-vote {vote.number} is closed ({vote.state})")
    if vote.mode is Mode.BALLOT:
        raise EVoteError(f"E-vote {vote.number} is already a ballot")
    new_deadline = deadline or vote.deadline
    if new_deadline < on:
        raise EVoteError("The ballot's deadline is before today: give a new deadline")
    vote.mode = Mode.BALLOT
    vote.ballot_on = on
    vote.ballot_from = len(vote.answers)
    vote.deadline = new_deadline
    _log(vote, on, f"put to a ballot; deadline {new_deadline.isoformat()}")


def _check_can_close(vote: EVote, members: list[Member], on: date) -> None:
    if vote.state is not EVoteState.OPEN:
        raise EVoteError(f"E-vote {vote.number} is already closed ({vote.state})")
    if on < vote.deadline:
        waiting = not_answered(vote, members)
        if waiting:
            raise EVoteError(
                f"Cannot close before the deadline ({vote.deadline.isoformat()}): "
                f"{plural(len(waiting), 'eligible member')} {'has' if len(waiting) == 1 else 'have'} not answered"
            )


def close(
    vote: EVote,
    members: Iterable[Member],
    on: date,
    *,
    meeting: Meeting | None = None,
    corrections: str | None = None,
) -> EVoteState:
    """Close at or after the deadline, or early when every eligible member
    has answered. The decision is dated the closing day, or the deadline when
    closed after it (answers after the deadline do not count).

    Minutes (pass their ``meeting``): with no objection or correction they are
    approved by consensus; with corrections the chair says ``corrections=
    "adopt"`` (approved as corrected) or ``"defer"`` (to the next meeting);
    an objection can only be deferred."""
    members = list(members)
    _check_can_close(vote, members, on)
    decided_on = min(on, vote.deadline)
    if vote.kind is EVoteKind.MINUTES:
        return _close_minutes(vote, on, decided_on, meeting, corrections)
    if vote.mode is Mode.CONSENSUS:
        if vote.objections:
            raise EVoteError(
                f"There is no consensus ({plural(len(vote.objections), 'objection')}): "
                "put it to a ballot (dhtc-tui evote ballot VOTE)"
            )
        vote.state = EVoteState.CARRIED
        vote.by_consensus = True
    else:
        vote.state = EVoteState.CARRIED if tally(vote, members).carried_so_far else EVoteState.DEFEATED
    vote.closed_on = decided_on
    t = tally(vote, members)
    _log(vote, on, f"closed: {vote.state}{' by consensus' if vote.by_consensus else ''} ({count_line(t, final=True)})")
    return vote.state


def _close_minutes(
    vote: EVote, on: date, decided_on: date, meeting: Meeting | None, decision: str | None
) -> EVoteState:
    if meeting is None or meeting.id != vote.meeting_id:
        raise EVoteError("Give the meeting whose minutes these are")
    corrections = _corrections(vote)
    if not vote.objections and not corrections:
        vote.state = EVoteState.APPROVED
        vote.by_consensus = True
    elif decision == "defer":
        vote.state = EVoteState.DEFERRED
    elif decision == "adopt":
        if vote.objections:
            raise EVoteError(
                "A member objects to the minutes: take their approval to the next meeting (defer)"
            )
        vote.state = EVoteState.APPROVED
        vote.by_consensus = True
        vote.corrections_adopted = [a.note for a in corrections]
    else:
        raise EVoteError(
            f"{plural(len(corrections), 'correction')} and {plural(len(vote.objections), 'objection')} "
            "received: adopt the corrections or defer the approval to the next meeting"
        )
    vote.closed_on = decided_on
    if vote.state is EVoteState.APPROVED:
        meeting.minutes_status = MinutesStatus.APPROVED
        meeting.approved_on = decided_on
    how = "approved as corrected" if vote.corrections_adopted else (
        "approved by consensus" if vote.state is EVoteState.APPROVED else "deferred to the next meeting"
    )
    _log(vote, on, f"minutes {how}")
    return vote.state


# --------------------------------------------------------------------------
# Replies


_QUOTED = re.compile(r"^\s*>")
_ATTRIBUTION = re.compile(r"^\s*(on\b.*\bwrote:|le\b.*\ba écrit\s*:)\s*$", re.IGNORECASE)
_WORDS = {
    "for": Choice.FOR,
    "yes": Choice.FOR,
    "approve": Choice.FOR,
    "approved": Choice.FOR,
    "against": Choice.AGAINST,
    "no": Choice.AGAINST,
    "abstain": Choice.ABSTAIN,
    "abstention": Choice.ABSTAIN,
    "conflict": Choice.CONFLICT,
    "object": Choice.OBJECT,
    "objection": Choice.OBJECT,
    "correction": Choice.CORRECTION,
}


def read_choice(text: str) -> tuple[Choice | None, str]:
    """The answer on the first non-quoted, non-empty line of a reply (and
    the rest of that line, e.g. a correction's wording). (None, line) when
    that line holds no answer word."""
    for line in (text or "").splitlines():
        if not line.strip() or _QUOTED.match(line) or _ATTRIBUTION.match(line):
            continue
        words = re.match(r"\s*\**\s*([A-Za-z]+)\W*(.*)$", line)
        if words is None:
            return None, line.strip()
        choice = _WORDS.get(words.group(1).casefold())
        return choice, (words.group(2).strip() if choice else line.strip())
    return None, ""


# --------------------------------------------------------------------------
# The record


def went_to_ballot(vote: EVote) -> bool:
    """Whether a decision circulated for consensus was later put to a ballot."""
    return any(e.what.startswith("put to a ballot") for e in vote.events)


def _subject_of(vote: EVote, names: Mapping[str, str]) -> str:
    return names.get(vote.subject_member_id or "", "the member")


def record_text(vote: EVote, members: Iterable[Member]) -> str:
    """The decision as the next meeting's minutes record it: wording, dates,
    counts, result."""
    members = list(members)
    names = {m.id: m.name for m in members}

    def name(member_id: str | None) -> str:
        return names.get(member_id or "", member_id or "unknown")

    wording = vote.motion.rstrip()
    parts = [f"E-vote {vote.number}: {wording if wording.endswith('.') else wording + '.'}"]
    if vote.mover_id and vote.seconder_id:
        parts.append(f"Moved by {name(vote.mover_id)}, seconded by {name(vote.seconder_id)}.")
    if vote.kind is EVoteKind.REMOVAL and vote.removal_notified_on:
        parts.append(
            f"{_subject_of(vote, names)} was notified of the vote and the reasons on "
            f"{_day(vote.removal_notified_on)}."
        )
    if vote.ballot_on is not None and not went_to_ballot(vote):
        parts.append(f"Put to an electronic ballot on {_day(vote.opened_on)}, deadline {_day(vote.deadline)}.")
    else:
        parts.append(f"Circulated by e-mail for consensus on {_day(vote.opened_on)}.")
        if vote.objections:
            parts.append(f"Objection from {_join([name(m) for m in vote.objections])}.")
        if vote.ballot_on is not None:
            parts.append(f"Put to an electronic ballot on {_day(vote.ballot_on)}, deadline {_day(vote.deadline)}.")
    t = tally(vote, members)
    # The counts in the meeting record's words (voting.count_sentence): one
    # copy of the wording for both kinds of vote.
    if vote.state is EVoteState.OPEN:
        parts.append(count_sentence(t, "Open", pending=True))
    elif vote.by_consensus:
        parts.append(f"Carried by consensus on {_day(vote.closed_on)} (no objection by the deadline).")
    else:
        result = "Carried" if vote.state is EVoteState.CARRIED else "Defeated"
        if result == "Carried" and t.unanimous and not t.not_voted:
            result = "Carried unanimously"
        parts.append(count_sentence(t, f"{result} on {_day(vote.closed_on)}"))
    for member_id in recused(vote):
        parts.append(f"{name(member_id)} did not vote ({CONFLICT_REASON}).")
    if vote.kind is EVoteKind.REMOVAL:
        parts.append(f"{_subject_of(vote, names)} did not vote (subject of the motion).")
    return " ".join(parts)


def minutes_approval_text(vote: EVote, meeting_date: date) -> str:
    """How the minutes of ``meeting_date`` were dealt with by e-mail, for the
    next meeting's "Approval of previous minutes" (and the FINAL's header)."""
    when = _day(meeting_date)
    asked = f"circulated for approval by e-mail on {_day(vote.opened_on)}"
    if vote.state is EVoteState.APPROVED and vote.corrections_adopted:
        items = "; ".join(vote.corrections_adopted)
        return f"The minutes of {when} were {asked} and approved as corrected on {_day(vote.closed_on)} (corrections: {items})."
    if vote.state is EVoteState.APPROVED:
        return f"The minutes of {when} were {asked} and approved by consensus on {_day(vote.closed_on)}, with no objection or correction."
    if vote.state is EVoteState.DEFERRED:
        return f"The minutes of {when} were {asked}; objections or corrections were received and their approval was taken to this meeting."
    return f"The minutes of {when} were {asked}; replies are due by {_day(vote.deadline)}."


def minutes_approval_for(evotes: Iterable[EVote], meeting_id: str) -> EVote | None:
    """The latest e-mail approval request for the minutes of ``meeting_id``."""
    found = [v for v in evotes if v.kind is EVoteKind.MINUTES and v.meeting_id == meeting_id]
    return max(found, key=lambda v: v.number) if found else None


def decisions_between(
    evotes: Iterable[EVote],
    meeting_date: date,
    previous_meeting_date: date | None,
    members: Iterable[Member],
) -> list[str]:
    """"Decisions made between meetings", for the minutes of the meeting on
    ``meeting_date``: every electronic decision (not minutes approvals)
    closed after the previous meeting's date and on or before this one's,
    oldest first, as plain sentences."""
    members = list(members)
    chosen = [
        v for v in evotes
        if v.kind is not EVoteKind.MINUTES
        and v.state in (EVoteState.CARRIED, EVoteState.DEFEATED)
        and v.closed_on is not None
        and v.closed_on <= meeting_date
        and (previous_meeting_date is None or v.closed_on > previous_meeting_date)
    ]
    chosen.sort(key=lambda v: (v.closed_on, v.number))
    return [record_text(v, members) for v in chosen]


def formal_texts(vote: EVote) -> list[str]:
    """The vote's texts that are formal record: its motion and, for minutes,
    the corrections it adopted."""
    texts = [vote.motion, *(vote.corrections_adopted if vote.kind is EVoteKind.MINUTES else ())]
    return [t for t in texts if (t or "").strip()]


def stand_in(votes: Iterable[EVote], on: date) -> Meeting:
    """A meeting that holds the votes' formal texts as motions, for the
    export gate (:class:`~dhtc_tui.domain.disclosure.Gate`): the gate then
    treats them as it treats a motion in the room (formal, an unreviewed
    finding refuses; the exporter's sentences may quote them), and the
    chair's reviews of a vote count as reviews of each of its texts.
    Motion ids are ``evote-<vote id>-<n>``."""
    motions: list[Motion] = []
    reviewed: list[str] = []
    for vote in votes:
        for index, text in enumerate(formal_texts(vote)):
            motion = Motion(text=text, id=f"evote-{vote.id}-{index}", number=vote.number)
            motions.append(motion)
            reviewed += [f"motions[{motion.id}].text|{key}" for key in vote.reviewed]
    return Meeting(date=on, id="evotes", motions=motions, reviewed=reviewed)
