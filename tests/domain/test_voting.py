"""Motions, consensus, votes and the tally (Terms of Reference: Decision
Making; Removal of Members)."""

from __future__ import annotations

from datetime import date, datetime, time
from itertools import product

from hypothesis import given, settings, strategies as st
import pytest

from dhtc_tui.domain import voting as v
from dhtc_tui.domain.model import (
    AgendaItem,
    AgendaKind,
    Attendance,
    ConflictDeclaration,
    Exclusion,
    Guest,
    Meeting,
    Member,
    MemberKind,
    MemberStatus,
    Motion,
    MotionKind,
    MotionState,
    Presence,
    Vote,
    VoteChoice,
    VotingBase,
)
from dhtc_tui.domain.voting import VotingError

FOR, AGAINST, ABSTAIN = VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN
CAST, PRESENT = VotingBase.VOTES_CAST, VotingBase.PRESENT_ELIGIBLE
DAY = date(2025, 3, 3)
NOW = datetime(2025, 3, 3, 10, 0)
LATER = datetime(2025, 3, 3, 10, 30)


# --------------------------------------------------------------------------
# Builders


def make_members(n: int) -> list[Member]:
    return [Member(name=f"Org {i:02d}", id=f"m{i:02d}") for i in range(n)]


def make_meeting(
    members: list[Member], presence: Presence = Presence.PRESENT, **kw
) -> Meeting:
    meeting = Meeting(date=DAY, **kw)
    for member in members:
        meeting.attendance.append(
            Attendance(member.id, presence=presence, person=member.name, marked=True)
        )
    return meeting


def names_of(members: list[Member]) -> dict[str, str]:
    return {m.id: m.name for m in members}


def setup(n: int = 5, **motion_kw):
    """n members all present; a draft general motion moved by m00, seconded by m01."""
    members = make_members(n)
    meeting = make_meeting(members)
    kw = {"text": "the coalition adopt the plan", "mover_id": "m00", "seconder_id": "m01"}
    kw.update(motion_kw)
    return meeting, members, Motion(**kw)


def opened(n: int = 5, **motion_kw):
    meeting, members, motion = setup(n, **motion_kw)
    v.open_motion(meeting, motion, members, NOW)
    return meeting, members, motion


def voting(n: int = 5, base: VotingBase = CAST, **motion_kw):
    meeting, members, motion = opened(n, **motion_kw)
    v.call_vote(meeting, motion, members, base, NOW, None, confirm_no_objection=True)
    return meeting, members, motion


def bare_vote(n_electorate: int, votes: list[VoteChoice], base: VotingBase = CAST) -> Motion:
    """A motion in VOTING with ``votes`` cast by the first members of the electorate."""
    ids = [f"e{i}" for i in range(n_electorate)]
    return Motion(
        text="That x",
        state=MotionState.VOTING,
        electorate=ids,
        voting_base=base,
        votes=[Vote(ids[i], c) for i, c in enumerate(votes)],
    )


# --------------------------------------------------------------------------
# motion_wording


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the coalition adopt X.", "That the coalition adopt X."),
        ("  That the coalition adopt X.  ", "That the coalition adopt X."),
        ("that the coalition adopt X", "That the coalition adopt X"),
        ("THAT the plan be approved", "That the plan be approved"),
        ("Thatcher be invited", "That Thatcher be invited"),
        ("the\n coalition   meet\tin June", "That the coalition meet in June"),
        ("   ", ""),
        ("", ""),
        ("that", "That"),
    ],
)
def test_motion_wording(raw, expected):
    assert v.motion_wording(raw) == expected


# --------------------------------------------------------------------------
# electorate


def test_electorate_everyone_present_votes():
    meeting, members, motion = setup(4)
    eligible, excluded = v.electorate(meeting, members, motion, None)
    assert eligible == ["m00", "m01", "m02", "m03"]
    assert excluded == []


@pytest.mark.parametrize(
    ("presence", "votes"),
    [
        (Presence.PRESENT, True),
        (Presence.DELEGATE, True),
        (Presence.REMOTE, True),
        (Presence.REGRETS, False),
        (Presence.ABSENT, False),
    ],
)
def test_electorate_by_presence(presence, votes):
    members = make_members(1)
    meeting = make_meeting(members, presence)
    eligible, excluded = v.electorate(meeting, members, Motion("x"), None)
    assert (eligible == ["m00"]) is votes
    assert excluded == []


def test_electorate_unmarked_member_does_not_vote():
    members = make_members(2)
    meeting = make_meeting(members[:1])
    meeting.attendance.append(Attendance("m01"))  # never marked: absent
    assert v.electorate(meeting, members, Motion("x"), None) == (["m00"], [])


def test_electorate_respects_arrival_and_departure():
    members = make_members(3)
    meeting = make_meeting(members)
    meeting.attendance[0].arrived = time(10, 15)
    meeting.attendance[1].departed = time(9, 45)
    motion = Motion("x")
    assert v.electorate(meeting, members, motion, time(10, 0))[0] == ["m02"]
    assert v.electorate(meeting, members, motion, time(9, 30))[0] == ["m01", "m02"]
    assert v.electorate(meeting, members, motion, time(10, 15))[0] == ["m00", "m02"]
    # at None: anyone attending at some point
    assert v.electorate(meeting, members, motion, None)[0] == ["m00", "m01", "m02"]


def test_electorate_skips_inactive_members_silently():
    members = make_members(3)
    members[1].status = MemberStatus.WITHDRAWN
    members[2].status = MemberStatus.REMOVED
    meeting = make_meeting(members)
    assert v.electorate(meeting, members, Motion("x"), None) == (["m00"], [])


def test_electorate_lists_non_voting_members_in_the_room():
    members = make_members(3)
    members[1].votes = False
    members[2].votes = False
    meeting = make_meeting(members[:2])  # m02 is not there
    eligible, excluded = v.electorate(meeting, members, Motion("x"), None)
    assert eligible == ["m00"]
    assert excluded == [Exclusion("m01", "non-voting member")]


def test_electorate_recuses_declared_conflict_on_the_item():
    members = make_members(3)
    item = AgendaItem(AgendaKind.BUSINESS_ARISING, "Funding proposal", id="item6")
    other = AgendaItem(AgendaKind.OTHER, "Other business", id="item9")
    meeting = make_meeting(members, agenda=[item, other])
    meeting.conflicts = [ConflictDeclaration("m01", "item6", nature="applicant")]
    motion = Motion("x", agenda_item_id="item6")
    eligible, excluded = v.electorate(meeting, members, motion, None)
    assert eligible == ["m00", "m02"]
    assert excluded == [
        Exclusion("m01", "declared a conflict of interest on Funding proposal")
    ]
    # a conflict on another item does not matter here
    other_motion = Motion("y", agenda_item_id="item9")
    assert v.electorate(meeting, members, other_motion, None) == (
        ["m00", "m01", "m02"],
        [],
    )
    # nor for a motion outside any item
    assert v.electorate(meeting, members, Motion("z"), None)[0] == ["m00", "m01", "m02"]


def test_electorate_conflict_on_unknown_item_still_recuses():
    members = make_members(2)
    meeting = make_meeting(members)
    meeting.conflicts = [ConflictDeclaration("m01", "gone")]
    _, excluded = v.electorate(meeting, members, Motion("x", agenda_item_id="gone"), None)
    assert excluded == [Exclusion("m01", "declared a conflict of interest on this item")]


def test_electorate_absent_conflicted_member_not_listed():
    members = make_members(2)
    meeting = make_meeting(members[:1], agenda=[AgendaItem(AgendaKind.OTHER, "T", id="i")])
    meeting.conflicts = [ConflictDeclaration("m01", "i")]
    assert v.electorate(meeting, members, Motion("x", agenda_item_id="i"), None) == (
        ["m00"],
        [],
    )


def test_electorate_excludes_removal_subject():
    members = make_members(3)
    meeting = make_meeting(members)
    motion = Motion("x", kind=MotionKind.REMOVAL, subject_member_id="m02")
    eligible, excluded = v.electorate(meeting, members, motion, None)
    assert eligible == ["m00", "m01"]
    assert excluded == [Exclusion("m02", "subject of this removal motion")]


def test_electorate_absent_removal_subject_not_listed():
    members = make_members(3)
    meeting = make_meeting(members[:2])
    motion = Motion("x", kind=MotionKind.REMOVAL, subject_member_id="m02")
    assert v.electorate(meeting, members, motion, None) == (["m00", "m01"], [])


def test_electorate_subject_excluded_from_amendments_to_removal():
    members = make_members(4)
    meeting = make_meeting(members)
    main = Motion("x", kind=MotionKind.REMOVAL, subject_member_id="m03", id="main")
    meeting.motions.append(main)
    amendment = Motion("y", kind=MotionKind.AMENDMENT, amends_motion_id="main")
    eligible, excluded = v.electorate(meeting, members, amendment, None)
    assert "m03" not in eligible
    assert excluded == [Exclusion("m03", "subject of this removal motion")]


def test_electorate_amendment_inherits_main_motion_item_for_conflicts():
    members = make_members(3)
    meeting = make_meeting(members, agenda=[AgendaItem(AgendaKind.OTHER, "Budget", id="i")])
    meeting.conflicts = [ConflictDeclaration("m02", "i")]
    meeting.motions.append(Motion("x", agenda_item_id="i", id="main"))
    amendment = Motion("y", kind=MotionKind.AMENDMENT, amends_motion_id="main")
    eligible, _ = v.electorate(meeting, members, amendment, None)
    assert eligible == ["m00", "m01"]


def test_electorate_one_vote_per_member_however_many_people():
    members = make_members(2)
    meeting = make_meeting(members)
    meeting.attendance.append(Attendance("m00", Presence.PRESENT, "second person", marked=True))
    meeting.attendance.append(Attendance("m00", Presence.DELEGATE, "a delegate", marked=True))
    eligible, _ = v.electorate(meeting, members + [members[0]], Motion("x"), None)
    assert eligible == ["m00", "m01"]


def test_electorate_ignores_attendance_of_unknown_members():
    members = make_members(1)
    meeting = make_meeting(members)
    meeting.attendance.append(Attendance("stranger", Presence.PRESENT, marked=True))
    assert v.electorate(meeting, members, Motion("x"), None) == (["m00"], [])


# --------------------------------------------------------------------------
# open_motion


def test_open_motion_happy_path():
    meeting, members, motion = setup(5)
    returned = v.open_motion(meeting, motion, members, NOW)
    assert returned is motion
    assert motion.state is MotionState.CONSENSUS
    assert motion.text == "That the coalition adopt the plan"
    assert motion.number == 1
    assert motion.opened_at == NOW
    assert meeting.motions == [motion]
    assert motion.excluded == []
    assert len(motion.events) == 1
    assert motion.events[0].at == NOW
    assert "m00" in motion.events[0].what and "m01" in motion.events[0].what


def test_open_motion_numbers_follow_the_meeting():
    meeting, members, first = opened(5)
    second = Motion("the chair write to the region", mover_id="m02", seconder_id="m03")
    v.open_motion(meeting, second, members, NOW)
    assert second.number == 2
    assert meeting.motions == [first, second]


def test_open_motion_does_not_append_twice():
    meeting, members, motion = setup(5)
    meeting.motions.append(motion)  # the screen keeps drafts in the meeting
    v.open_motion(meeting, motion, members, NOW)
    assert meeting.motions == [motion]
    assert motion.number == 1


def test_open_motion_records_who_cannot_take_part():
    members = make_members(4)
    members[3].votes = False
    meeting = make_meeting(members, agenda=[AgendaItem(AgendaKind.OTHER, "Budget", id="i")])
    meeting.conflicts = [ConflictDeclaration("m02", "i")]
    motion = Motion("x", mover_id="m00", seconder_id="m01", agenda_item_id="i")
    v.open_motion(meeting, motion, members, NOW)
    assert [e.member_id for e in motion.excluded] == ["m02", "m03"]


def _expect_unchanged_on_error(meeting, members, motion, match):
    before_text = motion.text
    with pytest.raises(VotingError, match=match):
        v.open_motion(meeting, motion, members, NOW)
    assert motion.state is MotionState.DRAFT
    assert motion.text == before_text
    assert motion.number == 0
    assert motion not in meeting.motions
    assert motion.events == []


@pytest.mark.parametrize("text", ["", "   ", "that", " That  "])
def test_open_motion_needs_wording(text):
    meeting, members, motion = setup(3, text=text)
    _expect_unchanged_on_error(meeting, members, motion, "no wording")


def test_open_motion_needs_mover():
    meeting, members, motion = setup(3, mover_id=None)
    _expect_unchanged_on_error(meeting, members, motion, "needs a mover")


def test_open_motion_needs_seconder():
    meeting, members, motion = setup(3, seconder_id="")
    _expect_unchanged_on_error(meeting, members, motion, "needs a seconder")


def test_open_motion_mover_cannot_second():
    meeting, members, motion = setup(3, seconder_id="m00")
    _expect_unchanged_on_error(meeting, members, motion, "cannot also second")


def test_open_motion_mover_must_be_present():
    members = make_members(3)
    meeting = make_meeting(members[1:])
    motion = Motion("x", mover_id="m00", seconder_id="m01")
    _expect_unchanged_on_error(meeting, members, motion, "Org 00 cannot be the mover: not in")


def test_open_motion_mover_must_be_present_now():
    members = make_members(3)
    meeting = make_meeting(members)
    meeting.attendance[1].departed = time(9, 30)
    motion = Motion("x", mover_id="m00", seconder_id="m01")
    _expect_unchanged_on_error(meeting, members, motion, "Org 01 cannot be the seconder")


def test_open_motion_recused_seconder_refused_with_reason():
    members = make_members(3)
    meeting = make_meeting(members, agenda=[AgendaItem(AgendaKind.OTHER, "Budget", id="i")])
    meeting.conflicts = [ConflictDeclaration("m01", "i")]
    motion = Motion("x", mover_id="m00", seconder_id="m01", agenda_item_id="i")
    _expect_unchanged_on_error(
        meeting, members, motion, "seconder: declared a conflict of interest on Budget"
    )


def test_open_motion_non_voting_mover_refused():
    members = make_members(3)
    members[0].votes = False
    meeting = make_meeting(members)
    motion = Motion("x", mover_id="m00", seconder_id="m01")
    _expect_unchanged_on_error(meeting, members, motion, "mover: non-voting member")


def test_open_motion_unknown_mover_refused():
    meeting, members, motion = setup(3, mover_id="nobody")
    _expect_unchanged_on_error(meeting, members, motion, "not an active member")


def test_open_motion_only_from_draft():
    meeting, members, motion = opened(3)
    with pytest.raises(VotingError, match="already seeking consensus"):
        v.open_motion(meeting, motion, members, NOW)


def test_open_removal_motion():
    meeting, members, motion = setup(5, kind=MotionKind.REMOVAL, subject_member_id="m04")
    v.open_motion(meeting, motion, members, NOW)
    assert motion.state is MotionState.CONSENSUS
    assert motion.excluded == [Exclusion("m04", "subject of this removal motion")]


def test_open_removal_motion_needs_subject():
    meeting, members, motion = setup(5, kind=MotionKind.REMOVAL)
    _expect_unchanged_on_error(meeting, members, motion, "must name the member")


def test_open_removal_motion_subject_must_be_a_member():
    meeting, members, motion = setup(5, kind=MotionKind.REMOVAL, subject_member_id="zz")
    _expect_unchanged_on_error(meeting, members, motion, "not on the member list")


@pytest.mark.parametrize("role", ["mover_id", "seconder_id"])
def test_open_removal_motion_subject_cannot_move_or_second(role):
    subject = "m00" if role == "mover_id" else "m01"
    meeting, members, motion = setup(5, kind=MotionKind.REMOVAL, subject_member_id=subject)
    _expect_unchanged_on_error(meeting, members, motion, "neither move nor second")


def test_open_amendment_inherits_item_and_numbers_on():
    members = make_members(5)
    meeting = make_meeting(members, agenda=[AgendaItem(AgendaKind.OTHER, "Budget", id="i")])
    main = Motion("x", mover_id="m00", seconder_id="m01", agenda_item_id="i")
    v.open_motion(meeting, main, members, NOW)
    amendment = Motion(
        "the motion be amended by adding 'in June'",
        kind=MotionKind.AMENDMENT,
        mover_id="m02",
        seconder_id="m03",
        amends_motion_id=main.id,
    )
    v.open_motion(meeting, amendment, members, NOW)
    assert amendment.number == 2
    assert amendment.agenda_item_id == "i"
    assert "amending motion 1" in amendment.events[0].what
    assert v.open_amendments(meeting, main) == [amendment]


def _amendment(meeting, amends):
    return Motion(
        "amend", kind=MotionKind.AMENDMENT, mover_id="m02", seconder_id="m03",
        amends_motion_id=amends,
    )


def test_open_amendment_needs_target():
    meeting, members, _ = opened(5)
    _expect_unchanged_on_error(meeting, members, _amendment(meeting, None), "which motion")


def test_open_amendment_target_must_be_in_meeting():
    meeting, members, _ = opened(5)
    _expect_unchanged_on_error(
        meeting, members, _amendment(meeting, "nope"), "not in this meeting"
    )


def test_open_amendment_target_must_be_open():
    meeting, members, main = opened(5)
    v.declare_consensus(main, NOW)
    _expect_unchanged_on_error(
        meeting, members, _amendment(meeting, main.id), "only an open motion can be amended"
    )


def test_open_amendment_target_not_under_vote():
    meeting, members, main = voting(5)
    _expect_unchanged_on_error(
        meeting, members, _amendment(meeting, main.id), "Voting has begun on motion 1"
    )


def test_open_amendment_of_draft_refused():
    meeting, members, _ = setup(5)
    draft = Motion("draft", id="d")
    meeting.motions.append(draft)
    _expect_unchanged_on_error(meeting, members, _amendment(meeting, "d"), "is not open")


def test_only_amendments_amend():
    meeting, members, main = opened(5)
    motion = Motion("x", mover_id="m02", seconder_id="m03", amends_motion_id=main.id)
    _expect_unchanged_on_error(meeting, members, motion, "Only an amendment")


# --------------------------------------------------------------------------
# Objections and consensus


def test_record_objection():
    _, _, motion = opened(5)
    v.record_objection(motion, "m03", NOW)
    v.record_objection(motion, "m03", NOW)
    assert motion.objections == ["m03"]
    assert motion.events[-1].what == "objection by m03"
    assert len(motion.events) == 2


def test_record_objection_only_while_seeking_consensus():
    _, _, motion = voting(5)
    with pytest.raises(VotingError, match="not seeking consensus"):
        v.record_objection(motion, "m03")


def test_record_objection_needs_a_member():
    _, _, motion = opened(5)
    with pytest.raises(VotingError, match="which member"):
        v.record_objection(motion, "")


def test_excluded_member_cannot_object():
    _, _, motion = opened(5, kind=MotionKind.REMOVAL, subject_member_id="m04")
    with pytest.raises(VotingError, match="subject of this removal motion"):
        v.record_objection(motion, "m04")
    assert motion.objections == []


def test_withdraw_objection():
    _, _, motion = opened(5)
    v.record_objection(motion, "m03")
    v.withdraw_objection(motion, "m03", NOW)
    assert motion.objections == []
    v.declare_consensus(motion, NOW)
    assert motion.state is MotionState.CARRIED
    with pytest.raises(VotingError, match="not seeking consensus"):
        v.withdraw_objection(motion, "m03")


def test_withdraw_objection_that_was_not_made():
    _, _, motion = opened(5)
    with pytest.raises(VotingError, match="has not objected"):
        v.withdraw_objection(motion, "m03")


def test_declare_consensus():
    _, _, motion = opened(5)
    v.declare_consensus(motion, LATER)
    assert motion.state is MotionState.CARRIED
    assert motion.by_consensus is True
    assert motion.closed_at == LATER
    assert motion.events[-1].what == "carried by consensus"
    assert v.disposition(motion) == "Carried by consensus"


def test_declare_consensus_refused_with_objection():
    _, _, motion = opened(5)
    v.record_objection(motion, "m02")
    with pytest.raises(VotingError, match="no consensus: 1 objection recorded"):
        v.declare_consensus(motion, NOW)
    v.record_objection(motion, "m03")
    with pytest.raises(VotingError, match="2 objections"):
        v.declare_consensus(motion, NOW)
    assert motion.state is MotionState.CONSENSUS


@pytest.mark.parametrize("state", [MotionState.DRAFT, MotionState.VOTING, MotionState.CARRIED])
def test_declare_consensus_only_while_seeking_it(state):
    motion = Motion("That x", state=state)
    with pytest.raises(VotingError, match="not seeking consensus"):
        v.declare_consensus(motion, NOW)


def test_declare_consensus_on_removal_needs_notice_first():
    _, _, motion = opened(5, kind=MotionKind.REMOVAL, subject_member_id="m04")
    with pytest.raises(
        VotingError,
        match="the member must be notified of the vote and the reasons before it occurs",
    ):
        v.declare_consensus(motion, NOW)


def test_removal_cannot_carry_by_consensus():
    _, _, motion = opened(5, kind=MotionKind.REMOVAL, subject_member_id="m04")
    v.record_removal_notice(motion, date(2025, 2, 20), "missed confidentiality")
    with pytest.raises(VotingError, match="requires a vote of 50% \\+ 1"):
        v.declare_consensus(motion, NOW)
    assert motion.state is MotionState.CONSENSUS


def test_declare_consensus_waits_for_open_amendment():
    meeting, members, main = opened(5)
    amendment = _amendment(meeting, main.id)
    v.open_motion(meeting, amendment, members, NOW)
    with pytest.raises(VotingError, match="Amendment 2 to motion 1 is still open"):
        v.declare_consensus(main, NOW, meeting=meeting)
    assert main.state is MotionState.CONSENSUS
    v.declare_consensus(amendment, NOW, meeting=meeting)
    v.declare_consensus(main, NOW, meeting=meeting)
    assert main.state is MotionState.CARRIED


# --------------------------------------------------------------------------
# call_vote


def test_call_vote_snapshots_electorate_and_base():
    members = make_members(5)
    members[4].votes = False
    meeting = make_meeting(members)
    motion = Motion("x", mover_id="m00", seconder_id="m01")
    v.open_motion(meeting, motion, members, NOW)
    v.record_objection(motion, "m02")
    v.call_vote(meeting, motion, members, PRESENT, LATER, time(10, 30), confirm_no_objection=True)
    assert motion.state is MotionState.VOTING
    assert motion.electorate == ["m00", "m01", "m02", "m03"]
    assert motion.excluded == [Exclusion("m04", "non-voting member")]
    assert motion.voting_base is PRESENT
    assert motion.vote_opened_at == LATER
    assert motion.objections == ["m02"]
    assert "vote called: 4 members eligible" in motion.events[-1].what
    # the snapshot does not follow later attendance changes
    meeting.attendance[0].presence = Presence.ABSENT
    assert v.tally(motion).not_voted == 4


def test_call_vote_uses_the_time_given():
    meeting, members, motion = opened(4)
    meeting.attendance[3].departed = time(10, 10)
    v.call_vote(meeting, motion, members, CAST, LATER, time(10, 20), confirm_no_objection=True)
    assert motion.electorate == ["m00", "m01", "m02"]


def test_call_vote_accepts_base_as_string():
    meeting, members, motion = opened(3)
    v.call_vote(meeting, motion, members, "votes cast", NOW, None, confirm_no_objection=True)
    assert motion.voting_base is CAST


def test_call_vote_on_draft_refused():
    meeting, members, motion = setup(3)
    with pytest.raises(VotingError, match="moved and seconded"):
        v.call_vote(meeting, motion, members, CAST, NOW, None, confirm_no_objection=True)


@pytest.mark.parametrize("finish", ["vote", "consensus", "withdraw"])
def test_call_vote_twice_or_after_close_refused(finish):
    meeting, members, motion = opened(3)
    if finish == "vote":
        v.call_vote(meeting, motion, members, CAST, NOW, None, confirm_no_objection=True)
    elif finish == "consensus":
        v.declare_consensus(motion, NOW)
    else:
        v.withdraw(motion, NOW)
    with pytest.raises(VotingError, match="cannot be called"):
        v.call_vote(meeting, motion, members, CAST, NOW, None, confirm_no_objection=True)


def test_call_vote_with_nobody_eligible_refused():
    meeting, members, motion = opened(3)
    for record in meeting.attendance:
        record.departed = time(9, 45)
    with pytest.raises(VotingError, match="No member present is eligible"):
        v.call_vote(meeting, motion, members, CAST, NOW, time(10, 0), confirm_no_objection=True)
    assert motion.state is MotionState.CONSENSUS


def test_call_vote_on_removal_needs_notice():
    meeting, members, motion = opened(5, kind=MotionKind.REMOVAL, subject_member_id="m04")
    with pytest.raises(
        VotingError,
        match="^the member must be notified of the vote and the reasons before it occurs$",
    ):
        v.call_vote(meeting, motion, members, CAST, NOW, None, confirm_no_objection=True)
    assert motion.state is MotionState.CONSENSUS


def test_call_vote_on_removal_notice_must_precede_the_vote():
    meeting, members, motion = opened(5, kind=MotionKind.REMOVAL, subject_member_id="m04")
    v.record_removal_notice(motion, date(2025, 3, 4), "reasons")
    with pytest.raises(VotingError, match="dated 2025-03-04, after 2025-03-03"):
        v.call_vote(meeting, motion, members, CAST, NOW, None, confirm_no_objection=True)


def test_call_vote_on_removal_with_notice():
    meeting, members, motion = opened(5, kind=MotionKind.REMOVAL, subject_member_id="m04")
    v.record_removal_notice(motion, DAY, "repeated breaches of confidentiality")
    v.call_vote(meeting, motion, members, CAST, NOW, None, confirm_no_objection=True)
    assert motion.electorate == ["m00", "m01", "m02", "m03"]
    assert motion.excluded == [Exclusion("m04", "subject of this removal motion")]


def test_call_vote_waits_for_open_amendment():
    meeting, members, main = opened(5)
    amendment = _amendment(meeting, main.id)
    v.open_motion(meeting, amendment, members, NOW)
    with pytest.raises(VotingError, match="still open"):
        v.call_vote(meeting, main, members, CAST, NOW, None, confirm_no_objection=True)
    v.call_vote(meeting, amendment, members, CAST, NOW, None, confirm_no_objection=True)
    v.cast_remaining(amendment, FOR, NOW)
    v.close_vote(amendment, NOW, meeting=meeting)
    v.call_vote(meeting, main, members, CAST, NOW, None, confirm_no_objection=True)
    assert main.state is MotionState.VOTING


# --------------------------------------------------------------------------
# cast_vote / cast_remaining


def test_cast_vote_records_one_vote():
    _, _, motion = voting(3)
    vote = v.cast_vote(motion, "m00", FOR, now=NOW)
    assert motion.votes == [vote]
    assert vote.choice is FOR and vote.cast_at == NOW and vote.electronic is False


def test_cast_vote_accepts_choice_strings():
    _, _, motion = voting(3)
    v.cast_vote(motion, "m00", "against")
    assert motion.votes[0].choice is AGAINST


def test_cast_vote_rejects_unknown_choice():
    _, _, motion = voting(3)
    with pytest.raises(VotingError, match="'maybe' is not a vote"):
        v.cast_vote(motion, "m00", "maybe")
    assert motion.votes == []


def test_second_vote_replaces_first():
    _, _, motion = voting(3)
    v.cast_vote(motion, "m00", FOR, now=NOW)
    v.cast_vote(motion, "m01", FOR, now=NOW)
    v.cast_vote(motion, "m00", AGAINST, electronic=True, now=LATER)
    assert [(x.member_id, x.choice) for x in motion.votes] == [("m01", FOR), ("m00", AGAINST)]
    assert motion.votes[-1].electronic is True
    assert "m00 changed vote from for to against" in motion.events[-1].what
    t = v.tally(motion)
    assert (t.for_, t.against, t.electronic) == (1, 1, 1)


def test_same_vote_twice_is_not_logged_as_change():
    _, _, motion = voting(3)
    v.cast_vote(motion, "m00", FOR)
    events = len(motion.events)
    v.cast_vote(motion, "m00", FOR)
    assert len(motion.events) == events
    assert len(motion.votes) == 1


def test_cast_vote_only_while_voting():
    _, _, motion = opened(3)
    with pytest.raises(VotingError, match="Voting is not open on motion 1"):
        v.cast_vote(motion, "m00", FOR)


def test_cast_vote_by_member_not_in_electorate():
    members = make_members(4)
    meeting = make_meeting(members[:3])
    motion = Motion("x", mover_id="m00", seconder_id="m01")
    v.open_motion(meeting, motion, members, NOW)
    v.call_vote(meeting, motion, members, CAST, NOW, None, confirm_no_objection=True)
    with pytest.raises(VotingError, match="not present and eligible when the vote opened"):
        v.cast_vote(motion, "m03", FOR)


def test_cast_vote_by_conflicted_member_gives_reason():
    members = make_members(4)
    meeting = make_meeting(members, agenda=[AgendaItem(AgendaKind.OTHER, "Budget", id="i")])
    meeting.conflicts = [ConflictDeclaration("m03", "i")]
    motion = Motion("x", mover_id="m00", seconder_id="m01", agenda_item_id="i")
    v.open_motion(meeting, motion, members, NOW)
    v.call_vote(meeting, motion, members, CAST, NOW, None, confirm_no_objection=True)
    with pytest.raises(VotingError, match="declared a conflict of interest on Budget"):
        v.cast_vote(motion, "m03", FOR)


def test_cast_vote_by_removal_subject_refused_even_if_absent():
    members = make_members(5)
    meeting = make_meeting(members[:4])
    motion = Motion("x", kind=MotionKind.REMOVAL, subject_member_id="m04",
                    mover_id="m00", seconder_id="m01")
    v.open_motion(meeting, motion, members, NOW)
    v.record_removal_notice(motion, DAY, "reasons")
    v.call_vote(meeting, motion, members, CAST, NOW, None, confirm_no_objection=True)
    with pytest.raises(VotingError, match="proposed for removal cannot vote"):
        v.cast_vote(motion, "m04", AGAINST)


def test_cast_vote_after_close_refused():
    _, _, motion = voting(3)
    v.cast_vote(motion, "m00", FOR)
    v.close_vote(motion, NOW)
    with pytest.raises(VotingError, match="Voting is not open"):
        v.cast_vote(motion, "m01", AGAINST)
    assert len(motion.votes) == 1


def test_cast_remaining():
    _, _, motion = voting(5)
    v.cast_vote(motion, "m01", AGAINST)
    got = v.cast_remaining(motion, FOR, NOW)
    assert got == ["m00", "m02", "m03", "m04"]
    t = v.tally(motion)
    assert (t.for_, t.against, t.not_voted) == (4, 1, 0)
    assert "4 remaining members recorded for" in motion.events[-1].what
    assert v.cast_remaining(motion, AGAINST, NOW) == []
    assert v.tally(motion).against == 1


def test_cast_remaining_only_while_voting():
    _, _, motion = opened(3)
    with pytest.raises(VotingError, match="Voting is not open"):
        v.cast_remaining(motion, FOR, NOW)


def test_cast_remaining_rejects_unknown_choice():
    _, _, motion = voting(3)
    with pytest.raises(VotingError, match="not a vote"):
        v.cast_remaining(motion, "yes", NOW)


# --------------------------------------------------------------------------
# tally


def test_tally_votes_cast():
    motion = bare_vote(20, [FOR] * 12 + [AGAINST] * 3 + [ABSTAIN] * 2)
    t = v.tally(motion)
    assert (t.for_, t.against, t.abstain, t.not_voted) == (12, 3, 2, 3)
    assert (t.base, t.base_kind, t.needed) == (15, CAST, 8)
    assert t.carried_so_far is True
    assert t.decided is True  # 12 > 3 + 3 whatever the rest do
    assert t.voted == 17
    assert t.electronic == 0


def test_tally_present_eligible():
    motion = bare_vote(20, [FOR] * 10 + [AGAINST] * 3, base=PRESENT)
    t = v.tally(motion)
    assert (t.base, t.base_kind, t.needed) == (20, PRESENT, 11)
    assert t.carried_so_far is False
    assert t.decided is False
    v.cast_vote(motion, "e13", FOR)
    t = v.tally(motion)
    assert t.carried_so_far is True and t.decided is True


def test_tally_present_eligible_decided_lost():
    motion = bare_vote(10, [AGAINST] * 5, base=PRESENT)
    t = v.tally(motion)
    assert t.needed == 6
    assert t.decided is True and t.carried_so_far is False


def test_tally_votes_cast_undecided_until_enough_votes():
    motion = bare_vote(10, [FOR] * 4 + [AGAINST] * 2)
    t = v.tally(motion)
    assert t.carried_so_far is True
    assert t.decided is False  # the last 4 voting against would defeat it


def test_tally_votes_cast_decided_when_all_voted():
    motion = bare_vote(4, [FOR, AGAINST, ABSTAIN, ABSTAIN])
    t = v.tally(motion)
    assert t.not_voted == 0 and t.decided is True and t.carried_so_far is False


def test_tally_tie_fails():
    t = v.tally(bare_vote(6, [FOR] * 3 + [AGAINST] * 3))
    assert t.base == 6 and t.needed == 4 and not t.carried_so_far


def test_tally_base_zero_never_carries():
    t = v.tally(bare_vote(3, [ABSTAIN] * 3))
    assert (t.base, t.needed, t.carried_so_far, t.decided) == (0, 1, False, True)
    t = v.tally(Motion("That x", state=MotionState.VOTING, voting_base=PRESENT))
    assert (t.base, t.needed, t.carried_so_far, t.decided) == (0, 1, False, True)


def test_tally_counts_electronic_votes():
    _, _, motion = voting(4)
    v.cast_vote(motion, "m00", FOR, electronic=True)
    v.cast_vote(motion, "m01", AGAINST, electronic=True)
    v.cast_vote(motion, "m02", FOR)
    assert v.tally(motion).electronic == 2


def test_tally_ignores_stray_and_duplicate_votes_in_stored_data():
    motion = bare_vote(3, [FOR])
    motion.votes += [Vote("outsider", FOR), Vote("e0", AGAINST), Vote("e1", FOR)]
    t = v.tally(motion)
    assert (t.for_, t.against, t.not_voted) == (1, 1, 1)


def test_tally_of_consensus_motion_is_empty():
    _, _, motion = opened(3)
    v.declare_consensus(motion, NOW)
    t = v.tally(motion)
    assert (t.for_, t.against, t.abstain, t.base) == (0, 0, 0, 0)


def test_tally_is_frozen():
    t = v.tally(bare_vote(1, [FOR]))
    with pytest.raises(AttributeError):
        t.for_ = 3  # type: ignore[misc]


# --------------------------------------------------------------------------
# close_vote, withdraw, table


def test_close_vote_carried():
    _, _, motion = voting(5)
    for m, c in zip(["m00", "m01", "m02", "m03"], [FOR, FOR, AGAINST, ABSTAIN]):
        v.cast_vote(motion, m, c)
    assert v.close_vote(motion, LATER) is MotionState.CARRIED
    assert motion.state is MotionState.CARRIED and motion.closed_at == LATER
    assert motion.by_consensus is False
    assert "vote closed: carried" in motion.events[-1].what


def test_close_vote_tie_defeated():
    _, _, motion = voting(4)
    for m, c in zip(["m00", "m01", "m02", "m03"], [FOR, FOR, AGAINST, AGAINST]):
        v.cast_vote(motion, m, c)
    assert v.close_vote(motion, NOW) is MotionState.DEFEATED
    assert v.disposition(motion) == "Defeated"


def test_close_vote_present_eligible_counts_silence_as_not_in_favour():
    _, _, motion = voting(5, base=PRESENT)
    v.cast_vote(motion, "m00", FOR)
    v.cast_vote(motion, "m01", FOR)
    assert v.close_vote(motion, NOW) is MotionState.DEFEATED


def test_close_vote_with_no_votes_defeated():
    _, _, motion = voting(3)
    assert v.close_vote(motion, NOW) is MotionState.DEFEATED


@pytest.mark.parametrize("stage", ["draft", "consensus", "closed"])
def test_close_vote_only_while_voting(stage):
    if stage == "draft":
        motion = setup(3)[2]
    elif stage == "consensus":
        motion = opened(3)[2]
    else:
        motion = voting(3)[2]
        v.close_vote(motion, NOW)
    with pytest.raises(VotingError, match="Voting is not open"):
        v.close_vote(motion, NOW)


def test_close_vote_waits_for_open_amendment():
    meeting, members, main = opened(5)
    amendment = _amendment(meeting, main.id)
    # stored data where the main motion went to a vote with an amendment
    # still open (the API refuses to get there; close_vote checks anyway)
    main.state = MotionState.VOTING
    main.electorate = ["m00", "m01", "m02"]
    meeting.motions.append(amendment)
    amendment.state = MotionState.CONSENSUS
    amendment.number = 2
    with pytest.raises(VotingError, match="Amendment 2 to motion 1 is still open"):
        v.close_vote(main, NOW, meeting=meeting)
    assert main.state is MotionState.VOTING
    v.withdraw(amendment, NOW, meeting=meeting)
    assert v.close_vote(main, NOW, meeting=meeting) is MotionState.DEFEATED


@pytest.mark.parametrize(
    ("close", "state", "word"),
    [
        (v.withdraw, MotionState.WITHDRAWN, "Withdrawn"),
        (v.table, MotionState.TABLED, "Deferred"),
    ],
)
@pytest.mark.parametrize("stage", ["consensus", "voting"])
def test_withdraw_and_table(close, state, word, stage):
    motion = opened(3)[2] if stage == "consensus" else voting(3)[2]
    close(motion, LATER)
    assert motion.state is state
    assert motion.closed_at == LATER
    assert v.disposition(motion) == word
    with pytest.raises(VotingError, match=f"already {state}"):
        close(motion, LATER)


@pytest.mark.parametrize("close", [v.withdraw, v.table])
def test_withdraw_and_table_need_a_moved_motion(close):
    with pytest.raises(VotingError, match="not been moved"):
        close(setup(3)[2], NOW)


@pytest.mark.parametrize("close", [v.withdraw, v.table])
def test_withdraw_and_table_wait_for_open_amendment(close):
    meeting, members, main = opened(5)
    v.open_motion(meeting, _amendment(meeting, main.id), members, NOW)
    with pytest.raises(VotingError, match="still open"):
        close(main, NOW, meeting=meeting)
    assert main.state is MotionState.CONSENSUS


def test_open_amendments_ignores_closed_ones_and_other_motions():
    meeting, members, main = opened(5)
    a = _amendment(meeting, main.id)
    v.open_motion(meeting, a, members, NOW)
    other = Motion("other", mover_id="m02", seconder_id="m03")
    v.open_motion(meeting, other, members, NOW)
    assert v.open_amendments(meeting, main) == [a]
    assert v.open_amendments(meeting, other) == []
    v.table(a, NOW)
    assert v.open_amendments(meeting, main) == []


def test_main_motion_follows_chain_and_survives_cycles():
    meeting = Meeting(date=DAY)
    a = Motion("a", id="a")
    b = Motion("b", id="b", kind=MotionKind.AMENDMENT, amends_motion_id="a")
    c = Motion("c", id="c", kind=MotionKind.AMENDMENT, amends_motion_id="b")
    meeting.motions = [a, b, c]
    assert v.main_motion(meeting, c) is a
    a.amends_motion_id = "c"  # corrupt data: a cycle
    assert v.main_motion(meeting, c) in (a, b, c)


# --------------------------------------------------------------------------
# reopen


def test_reopen_vote_keeps_votes():
    _, _, motion = voting(3)
    v.cast_vote(motion, "m00", FOR)
    v.close_vote(motion, NOW)
    assert v.reopen(motion, LATER, "  m02 arrived  late ") is MotionState.VOTING
    assert motion.state is MotionState.VOTING
    assert motion.closed_at is None
    assert len(motion.votes) == 1
    assert motion.events[-1].what == "reopened (was carried): m02 arrived late"
    assert motion.events[-1].at == LATER
    v.cast_vote(motion, "m01", AGAINST)
    assert v.close_vote(motion, LATER) is MotionState.DEFEATED


def test_reopen_consensus_returns_to_consensus():
    _, _, motion = opened(3)
    v.declare_consensus(motion, NOW)
    assert v.reopen(motion, LATER, "member objected after all") is MotionState.CONSENSUS
    assert motion.by_consensus is False
    assert v.disposition(motion) == "Open"


def test_reopen_withdrawn_during_vote_returns_to_vote():
    _, _, motion = voting(3)
    v.withdraw(motion, NOW)
    assert v.reopen(motion, NOW, "withdrawn by mistake") is MotionState.VOTING


def test_reopen_tabled_motion_returns_to_consensus():
    _, _, motion = opened(3)
    v.table(motion, NOW)
    assert v.reopen(motion, NOW, "taken from the table") is MotionState.CONSENSUS


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_reopen_needs_reason(reason):
    _, _, motion = voting(3)
    v.close_vote(motion, NOW)
    with pytest.raises(VotingError, match="Give a reason"):
        v.reopen(motion, NOW, reason)
    assert motion.state is MotionState.DEFEATED


@pytest.mark.parametrize("stage", ["draft", "consensus", "voting"])
def test_reopen_only_closed(stage):
    motion = {"draft": setup, "consensus": opened, "voting": voting}[stage](3)[2]
    with pytest.raises(VotingError, match="is not closed"):
        v.reopen(motion, NOW, "because")


def test_reopen_amendment_needs_main_motion_under_debate():
    meeting, members, main = opened(5)
    amendment = _amendment(meeting, main.id)
    v.open_motion(meeting, amendment, members, NOW)
    v.declare_consensus(amendment, NOW)
    v.declare_consensus(main, NOW, meeting=meeting)
    with pytest.raises(VotingError, match="Motion 1, which this amends, is carried"):
        v.reopen(amendment, NOW, "oops", meeting=meeting)
    v.reopen(main, NOW, "reconsider", meeting=meeting)
    v.reopen(amendment, NOW, "oops", meeting=meeting)
    assert amendment.state is MotionState.CONSENSUS


# --------------------------------------------------------------------------
# Removal notices


def removal_voting(n: int = 6):
    meeting, members, motion = opened(n, kind=MotionKind.REMOVAL, subject_member_id="m05")
    v.record_removal_notice(
        motion, date(2025, 2, 24), "did not follow the confidentiality agreement"
    )
    v.call_vote(meeting, motion, members, CAST, NOW, None, confirm_no_objection=True)
    return meeting, members, motion


def test_record_removal_notice():
    _, _, motion = setup(5, kind=MotionKind.REMOVAL, subject_member_id="m04")
    record = v.record_removal_notice(motion, date(2025, 2, 24), "  reasons  ", NOW)
    assert motion.removal is record
    assert (record.notified_on, record.reasons) == (date(2025, 2, 24), "reasons")
    assert "2025-02-24" in motion.events[-1].what


def test_record_removal_notice_only_for_removal():
    _, _, motion = setup(5)
    with pytest.raises(VotingError, match="Only a removal motion"):
        v.record_removal_notice(motion, DAY, "reasons")
    assert motion.removal is None


@pytest.mark.parametrize("reasons", ["", "  ", None])
def test_record_removal_notice_needs_reasons(reasons):
    _, _, motion = opened(5, kind=MotionKind.REMOVAL, subject_member_id="m04")
    with pytest.raises(VotingError, match="reasons"):
        v.record_removal_notice(motion, DAY, reasons)
    assert motion.removal is None


def test_record_removal_notice_needs_date():
    _, _, motion = opened(5, kind=MotionKind.REMOVAL, subject_member_id="m04")
    with pytest.raises(VotingError, match="date"):
        v.record_removal_notice(motion, None, "reasons")


def test_record_removal_notice_not_after_the_vote_began():
    _, _, motion = removal_voting()
    with pytest.raises(VotingError, match="before the vote"):
        v.record_removal_notice(motion, DAY, "other reasons")


def test_record_outcome_notice():
    _, members, motion = removal_voting()
    v.cast_remaining(motion, FOR, NOW)
    v.close_vote(motion, NOW)
    record = v.record_outcome_notice(
        motion, date(2025, 3, 5), ["m00", "m01", "m00", ""], members=members, now=LATER
    )
    assert record.outcome_notice_on == date(2025, 3, 5)
    assert record.signed_by == ["m00", "m01"]
    assert "signed by m00, m01" in motion.events[-1].what


def test_record_outcome_notice_for_defeated_removal():
    _, _, motion = removal_voting()
    v.cast_remaining(motion, AGAINST, NOW)
    v.close_vote(motion, NOW)
    v.record_outcome_notice(motion, DAY, ["m02", "m03"])
    assert motion.removal.signed_by == ["m02", "m03"]


def test_record_outcome_notice_needs_decision():
    _, _, motion = removal_voting()
    with pytest.raises(VotingError, match="has not been decided"):
        v.record_outcome_notice(motion, DAY, ["m00", "m01"])


@pytest.mark.parametrize("signers", [[], ["m00"], ["m00", "m00"], ["m00", ""]])
def test_record_outcome_notice_needs_two_different_organizations(signers):
    _, _, motion = removal_voting()
    v.close_vote(motion, NOW)
    with pytest.raises(VotingError, match="at least two different member organizations"):
        v.record_outcome_notice(motion, DAY, signers)
    assert motion.removal.outcome_notice_on is None


def test_record_outcome_notice_not_signed_by_subject():
    _, _, motion = removal_voting()
    v.close_vote(motion, NOW)
    with pytest.raises(VotingError, match="cannot sign its own"):
        v.record_outcome_notice(motion, DAY, ["m00", "m01", "m05"])


def test_record_outcome_notice_signers_must_be_member_organizations():
    _, members, motion = removal_voting()
    v.close_vote(motion, NOW)
    members[1].kind = MemberKind.SURVIVOR
    with pytest.raises(VotingError, match="Org 01 is not a member organization"):
        v.record_outcome_notice(motion, DAY, ["m00", "m01"], members=members)
    with pytest.raises(VotingError, match="not a member"):
        v.record_outcome_notice(motion, DAY, ["m00", "zz"], members=members)


def test_record_outcome_notice_not_before_the_vote():
    _, _, motion = removal_voting()
    v.close_vote(motion, NOW)
    with pytest.raises(VotingError, match="before the vote"):
        v.record_outcome_notice(motion, date(2025, 3, 2), ["m00", "m01"])


def test_record_outcome_notice_needs_date_and_removal_motion():
    _, _, motion = removal_voting()
    v.close_vote(motion, NOW)
    with pytest.raises(VotingError, match="Give the date"):
        v.record_outcome_notice(motion, None, ["m00", "m01"])
    general = voting(3)[2]
    v.close_vote(general, NOW)
    with pytest.raises(VotingError, match="Only a removal motion"):
        v.record_outcome_notice(general, DAY, ["m00", "m01"])


# --------------------------------------------------------------------------
# disposition


def test_disposition_each_state():
    assert v.disposition(Motion("x")) == "Open"
    assert v.disposition(opened(3)[2]) == "Open"
    assert v.disposition(voting(3)[2]) == "Open"
    motion = voting(3)[2]
    v.cast_remaining(motion, FOR, NOW)
    v.close_vote(motion, NOW)
    assert v.disposition(motion) == "Carried unanimously"
    motion = voting(3)[2]
    v.cast_vote(motion, "m00", FOR)
    v.cast_vote(motion, "m01", FOR)
    v.cast_vote(motion, "m02", ABSTAIN)
    v.close_vote(motion, NOW)
    assert v.disposition(motion) == "Carried"
    motion = voting(3)[2]
    v.cast_vote(motion, "m00", FOR)
    v.cast_vote(motion, "m01", FOR)
    v.cast_vote(motion, "m02", AGAINST)
    v.close_vote(motion, NOW)
    assert v.disposition(motion) == "Carried"


def test_disposition_is_not_unanimous_when_an_eligible_member_did_not_vote():
    # Rule change (issue 9, point 5): "unanimously" needs every eligible
    # member present to vote for; before, members not voting were ignored.
    motion = voting(4)[2]
    v.cast_vote(motion, "m00", FOR)
    v.close_vote(motion, NOW)
    assert v.disposition(motion) == "Carried"


@given(st.lists(st.sampled_from([FOR, AGAINST, ABSTAIN, None]), min_size=1, max_size=12))
def test_unanimous_exactly_when_every_eligible_member_voted_for(choices):
    motion = bare_vote(len(choices), [c for c in choices if c is not None])
    t = v.tally(motion)
    assert t.unanimous == all(c is FOR for c in choices)
    if t.carried_so_far:
        motion.state, motion.vote_opened_at = MotionState.CARRIED, NOW
        assert (v.disposition(motion) == "Carried unanimously") == t.unanimous


# --------------------------------------------------------------------------
# The count sentence (one wording for the console, the tally and minutes)


def test_count_sentence_in_plain_words():
    t = v.Tally(22, 3, 2, 0, 25, CAST, 13, True, True, 0)
    assert v.count_sentence(t, "Carried") == (
        "Carried: 22 for, 3 against, 2 abstentions. "
        "25 votes cast for or against; 13 needed (more than half)."
    )
    t = v.Tally(22, 3, 2, 0, 27, PRESENT, 14, True, True, 0)
    assert v.threshold_words(t) == "27 members present and eligible; 14 needed (more than half)"


def test_count_sentence_singular_and_members_not_voting():
    t = v.Tally(1, 0, 1, 2, 1, CAST, 1, True, False, 0)
    assert v.count_sentence(t) == (
        "1 for, 0 against, 1 abstention; 2 members did not vote. "
        "1 vote cast for or against; 1 needed (more than half)."
    )
    assert "; 2 members yet to vote." in v.count_sentence(t, pending=True)


@given(st.lists(st.sampled_from([FOR, AGAINST, ABSTAIN]), max_size=30),
       st.integers(min_value=0, max_value=5), st.sampled_from([CAST, PRESENT]))
def test_count_sentence_states_the_counts_the_base_and_no_internal_label(choices, absent, base):
    motion = bare_vote(len(choices) + absent, choices, base)
    t = v.tally(motion)
    text = v.count_sentence(t, v.disposition(motion))
    assert f"{t.for_} for, {t.against} against" in text
    assert f"{t.needed} needed (more than half)." in text
    assert "base:" not in text and "votes cast," not in text
    if base is CAST:
        assert f"cast for or against; {t.needed} needed" in text
    else:
        assert "present and eligible" in text


# --------------------------------------------------------------------------
# minutes_text


def _run(n, choices, base=CAST, electronic=(), **kw):
    meeting, members, motion = voting(n, base=base, **kw)
    for i, choice in enumerate(choices):
        mid = f"m{i:02d}"
        v.cast_vote(motion, mid, choice, electronic=mid in electronic)
    v.close_vote(motion, NOW)
    return meeting, members, motion


CALLED = (
    "Consensus was not reached; the Chair called a vote with no objection on record. "
    "The motion was put to a vote."
)


def test_minutes_text_example():
    _, members, motion = _run(20, [FOR] * 12 + [AGAINST] * 3 + [ABSTAIN] * 2,
                              text="that the coalition adopt X")
    motion.electorate = motion.electorate[:17]  # three left before the vote
    assert v.minutes_text(motion, names_of(members)) == (
        "That the coalition adopt X. Moved by Org 00, seconded by Org 01. "
        f"{CALLED} "
        "Carried: 12 for, 3 against, 2 abstentions. "
        "15 votes cast for or against; 8 needed (more than half)."
    )


def test_minutes_text_singular_abstention_and_not_voting():
    _, members, motion = _run(5, [FOR, FOR, AGAINST, ABSTAIN])
    text = v.minutes_text(motion, names_of(members))
    assert "Carried: 2 for, 1 against, 1 abstention; 1 member did not vote. " in text
    assert text.endswith("3 votes cast for or against; 2 needed (more than half).")


def test_minutes_text_present_eligible():
    _, members, motion = _run(5, [FOR, FOR, AGAINST], base=PRESENT)
    text = v.minutes_text(motion, names_of(members))
    assert text.endswith(
        "Defeated: 2 for, 1 against, 0 abstentions; 2 members did not vote. "
        "5 members present and eligible; 3 needed (more than half)."
    )


def test_minutes_text_unanimous():
    _, members, motion = _run(3, [FOR, FOR, FOR])
    assert "Carried unanimously: 3 for, 0 against, 0 abstentions." in v.minutes_text(
        motion, names_of(members)
    )


def test_minutes_text_electronic():
    _, members, motion = _run(4, [FOR, FOR, AGAINST, FOR], electronic={"m01", "m02"})
    text = v.minutes_text(motion, names_of(members))
    assert text.endswith("(more than half). 2 votes were cast electronically.")
    _, members, motion = _run(3, [FOR, FOR, FOR], electronic={"m02"})
    assert "1 vote was cast electronically." in v.minutes_text(motion, names_of(members))


def test_minutes_text_consensus():
    _, members, motion = opened(3, text="the next meeting be held in Oshawa.")
    v.declare_consensus(motion, NOW)
    assert v.minutes_text(motion, names_of(members)) == (
        "That the next meeting be held in Oshawa. Moved by Org 00, seconded by Org 01. "
        "Carried by consensus."
    )


def test_minutes_text_after_an_objection():
    meeting, members, motion = opened(4)
    v.record_objection(motion, "m02", NOW)
    v.record_objection(motion, "m03", NOW)
    v.call_vote(meeting, motion, members, CAST, NOW, None)
    v.cast_remaining(motion, FOR, NOW)
    v.close_vote(motion, NOW)
    assert (
        "Moved by Org 00, seconded by Org 01. Consensus was not reached; objections were "
        "raised by Org 02 and Org 03. The motion was put to a vote. Carried unanimously:"
    ) in v.minutes_text(motion, names_of(members))
    assert v.consensus_sentence(motion, {"m02": "Org 02"}).startswith(
        "Consensus was not reached; objections were raised by Org 02 and m03."
    )


def test_calling_a_vote_without_an_objection_needs_confirmation():
    meeting, members, motion = opened(3)
    with pytest.raises(VotingError, match="No objection is on record"):
        v.call_vote(meeting, motion, members, CAST, NOW, None)
    assert motion.state is MotionState.CONSENSUS and motion.vote_opened_at is None
    v.call_vote(meeting, motion, members, CAST, NOW, None, confirm_no_objection=True)
    assert motion.vote_without_objection
    assert v.consensus_sentence(motion, {}) == CALLED


def test_one_objection_is_named_once():
    meeting, members, motion = opened(3)
    v.record_objection(motion, "m02", NOW)
    v.call_vote(meeting, motion, members, CAST, NOW, None)
    assert not motion.vote_without_objection
    assert v.consensus_sentence(motion, names_of(members)) == (
        "Consensus was not reached; an objection was raised by Org 02. "
        "The motion was put to a vote."
    )


def test_no_consensus_sentence_without_a_vote():
    _, _, motion = opened(3)
    assert v.consensus_sentence(motion, {}) == ""
    v.declare_consensus(motion, NOW)
    assert v.consensus_sentence(motion, {}) == ""


def test_minutes_text_conflict_and_non_voting():
    # Rule change (point 6): members present without a vote are named once,
    # non-voting members included, in one sentence.
    members = make_members(5)
    members[4].votes = False
    meeting = make_meeting(members, agenda=[AgendaItem(AgendaKind.OTHER, "Budget", id="i")])
    meeting.conflicts = [ConflictDeclaration("m03", "i")]
    motion = Motion("fund it", mover_id="m00", seconder_id="m01", agenda_item_id="i")
    v.open_motion(meeting, motion, members, NOW)
    v.declare_consensus(motion, NOW)
    text = v.minutes_text(motion, names_of(members))
    assert text.endswith(
        "Carried by consensus. Present without a vote: Org 03 (declared a conflict of "
        "interest on Budget); Org 04 (non-voting member)."
    )


def test_minutes_text_conflict_in_a_vote():
    members = make_members(4)
    meeting = make_meeting(members, agenda=[AgendaItem(AgendaKind.OTHER, "Budget", id="i")])
    meeting.conflicts = [ConflictDeclaration("m03", "i")]
    motion = Motion("fund it", mover_id="m00", seconder_id="m01", agenda_item_id="i")
    v.open_motion(meeting, motion, members, NOW)
    v.call_vote(meeting, motion, members, CAST, NOW, None, confirm_no_objection=True)
    v.cast_remaining(motion, FOR, NOW)
    v.close_vote(motion, NOW)
    assert v.minutes_text(motion, names_of(members)).endswith(
        "(more than half). Present without a vote: Org 03 (declared a conflict of interest on Budget)."
    )


def test_present_without_vote_names_guests_once():
    members = make_members(4)
    meeting = make_meeting(members)
    meeting.guests = [Guest("Dana Visitor", "Lakeshore Health"), Guest("Dana Visitor")]
    motion = Motion("x", mover_id="m00", seconder_id="m01")
    v.open_motion(meeting, motion, members, NOW)
    v.declare_consensus(motion, NOW)
    assert v.present_without_vote(meeting, motion, {}) == [
        ("Dana Visitor, Lakeshore Health", "guest")
    ]
    assert v.minutes_text(motion, names_of(members), meeting=meeting).endswith(
        "Present without a vote: Dana Visitor, Lakeshore Health (guest)."
    )


def test_minutes_text_recorded_vote():
    _, members, motion = _run(5, [FOR, AGAINST, FOR, ABSTAIN], recorded_vote=True)
    names = names_of(members) | {"m00": "Zeta House", "m02": "Alpha Agency"}
    text = v.minutes_text(motion, names)
    assert text.endswith(
        "For: Alpha Agency, Zeta House; Against: Org 01; Abstained: Org 03; Did not vote: Org 04."
    )
    assert v.not_voted(motion) == ["m04"]


def test_minutes_text_recorded_vote_omits_empty_groups():
    _, members, motion = _run(2, [FOR, FOR], recorded_vote=True)
    assert v.minutes_text(motion, names_of(members)).endswith("For: Org 00, Org 01.")


def test_minutes_text_no_names_without_recorded_vote():
    _, members, motion = _run(3, [FOR, AGAINST])
    text = v.minutes_text(motion, names_of(members))
    assert "For:" not in text and "Did not vote" not in text
    assert "; 1 member did not vote." in text


def test_minutes_text_unknown_names_fall_back_to_ids():
    _, _, motion = _run(3, [FOR, FOR, FOR])
    assert "Moved by m00, seconded by m01." in v.minutes_text(motion, {})


@pytest.mark.parametrize(("close", "word"), [(v.withdraw, "Withdrawn."), (v.table, "Deferred.")])
def test_minutes_text_withdrawn_and_deferred(close, word):
    members = make_members(4)
    meeting = make_meeting(members, agenda=[AgendaItem(AgendaKind.OTHER, "Budget", id="i")])
    meeting.conflicts = [ConflictDeclaration("m03", "i")]
    motion = Motion("x", mover_id="m00", seconder_id="m01", agenda_item_id="i")
    v.open_motion(meeting, motion, members, NOW)
    v.call_vote(meeting, motion, members, CAST, NOW, None, confirm_no_objection=True)
    v.cast_vote(motion, "m00", FOR)
    close(motion, NOW)
    assert v.minutes_text(motion, names_of(members)) == (
        f"That x. Moved by Org 00, seconded by Org 01. {word}"
    )


def test_minutes_text_open_and_draft():
    assert v.minutes_text(voting(3)[2], {}).endswith("Open.")
    assert v.minutes_text(Motion(""), {}) == "That (no wording). Open."
    assert v.minutes_text(Motion("x", mover_id="a"), {"a": "A"}) == "That x. Moved by A. Open."


def test_minutes_text_removal():
    _, members, motion = removal_voting()
    v.cast_remaining(motion, FOR, NOW)
    v.close_vote(motion, NOW)
    v.record_outcome_notice(motion, date(2025, 3, 5), ["m00", "m01", "m02"])
    text = v.minutes_text(motion, names_of(members))
    assert "Present without a vote: Org 05 (subject of the motion)." in text
    assert "Removal of a member requires a vote of 50% + 1. The motion was put to a vote." in text
    assert "Org 05 was notified of the vote and the reasons on February 24, 2025." in text
    assert text.endswith(
        "Written notice of the outcome dated March 5, 2025 was signed by "
        "Org 00, Org 01, and Org 02."
    )
    assert "confidentiality agreement" not in text  # the reasons stay out of the minutes


def test_minutes_text_leaves_an_outcome_notice_signed_after_the_meeting_out():
    _, members, motion = removal_voting()
    v.cast_remaining(motion, FOR, NOW)
    v.close_vote(motion, NOW)
    v.record_outcome_notice(motion, date(2025, 3, 6), ["m00", "m01"])
    assert "Written notice" not in v.minutes_text(motion, names_of(members), adjourned_on=DAY)
    assert "Written notice" in v.minutes_text(motion, names_of(members), adjourned_on=date(2025, 3, 6))


# --------------------------------------------------------------------------
# Who votes: survivor members follow the coalition's setting (point 18)


def with_survivor(n: int = 4):
    members = make_members(n)
    members[-1].kind = MemberKind.SURVIVOR
    return members


def test_survivor_members_do_not_vote_by_default():
    members = with_survivor()
    meeting = make_meeting(members)
    motion = Motion("x", mover_id="m00", seconder_id="m01")
    eligible, excluded = v.electorate(meeting, members, motion)
    assert eligible == ["m00", "m01", "m02"]
    assert excluded == [Exclusion("m03", v.SURVIVOR_REASON)]


def test_survivor_members_vote_when_the_setting_says_so():
    members = with_survivor()
    meeting = make_meeting(members)
    motion = Motion("x", mover_id="m00", seconder_id="m01")
    v.open_motion(meeting, motion, members, NOW, survivors_vote=True)
    v.call_vote(meeting, motion, members, PRESENT, NOW, None,
                survivors_vote=True, confirm_no_objection=True)
    assert motion.electorate == ["m00", "m01", "m02", "m03"]
    assert v.tally(motion).base == 4


@given(st.lists(st.tuples(st.sampled_from(list(MemberKind)), st.booleans()), max_size=8),
       st.booleans())
def test_has_vote_follows_kind_and_setting(kinds, survivors_vote):
    for kind, votes in kinds:
        member = Member("M", kind=kind, votes=votes)
        expected = survivors_vote if kind is MemberKind.SURVIVOR else votes
        assert v.has_vote(member, survivors_vote) is expected


# --------------------------------------------------------------------------
# A remote attendee votes electronically by default (point 17)


def test_remote_attendee_votes_electronically_by_default():
    meeting, members, motion = voting(3)
    meeting.attendance_of("m01").presence = Presence.REMOTE
    assert v.cast_vote(motion, "m01", FOR, meeting=meeting).electronic is True
    assert v.cast_vote(motion, "m00", FOR, meeting=meeting).electronic is False
    assert v.cast_vote(motion, "m01", FOR, electronic=False, meeting=meeting).electronic is False
    assert v.cast_vote(motion, "m00", FOR, electronic=True, meeting=meeting).electronic is True
    done = v.cast_remaining(motion, AGAINST, NOW, meeting=meeting)
    assert done == ["m02"]


def test_cast_remaining_marks_remote_votes_electronic():
    meeting, members, motion = voting(3)
    meeting.attendance_of("m02").presence = Presence.REMOTE
    v.cast_remaining(motion, FOR, NOW, meeting=meeting)
    assert [vote.electronic for vote in motion.votes] == [False, False, True]


# --------------------------------------------------------------------------
# Conflicts of interest (point 4)


def conflict_meeting():
    members = make_members(5)
    meeting = make_meeting(members, agenda=[
        AgendaItem(AgendaKind.BUSINESS_ARISING, "Business arising", id="ba"),
        AgendaItem(AgendaKind.OTHER, "Other business", id="ob"),
    ])
    meeting.attendance_of("m04").presence = Presence.ABSENT
    return meeting, members


def test_only_members_present_or_their_delegates_declare():
    meeting, members = conflict_meeting()
    with pytest.raises(VotingError, match="Only a member present"):
        v.declare_conflict(meeting, "m04", "ba", "board seat")
    with pytest.raises(VotingError, match="Only a member present"):
        v.declare_conflict(meeting, "zz", "ba")
    meeting.attendance_of("m04").presence = Presence.DELEGATE
    declared = v.declare_conflict(meeting, "m04", "ba", "  funded by   the grant ")
    assert declared == ConflictDeclaration("m04", "ba", "funded by the grant")
    assert v.declare_conflict(meeting, "m04", "ba", "") is declared
    assert len(meeting.conflicts) == 1
    with pytest.raises(VotingError, match="which agenda item"):
        v.declare_conflict(meeting, "m03", "nope")


def test_a_conflict_on_an_item_applies_to_every_motion_on_it():
    meeting, members = conflict_meeting()
    v.declare_conflict(meeting, "m03", "ba", "employer")
    first = v.open_motion(meeting, Motion("a", mover_id="m00", seconder_id="m01", agenda_item_id="ba"), members, NOW)
    second = v.open_motion(meeting, Motion("b", mover_id="m01", seconder_id="m02", agenda_item_id="ba"), members, NOW)
    amendment = v.open_motion(meeting, Motion("c", kind=MotionKind.AMENDMENT, amends_motion_id=second.id,
                                              mover_id="m00", seconder_id="m02"), members, NOW)
    for motion in (first, second, amendment):
        assert "m03" not in v.electorate(meeting, members, motion)[0]
    other = Motion("d", mover_id="m00", seconder_id="m01", agenda_item_id="ob")
    assert "m03" in v.electorate(meeting, members, other)[0]


def test_other_business_applies_conflicts_by_member_or_by_chosen_item():
    meeting, members = conflict_meeting()
    v.declare_conflict(meeting, "m03", "ba", "employer")
    v.declare_conflict(meeting, "m02", "ba", "board seat")
    by_item = Motion("d", mover_id="m00", seconder_id="m01", agenda_item_id="ob", conflict_item_id="ba")
    assert v.electorate(meeting, members, by_item)[0] == ["m00", "m01"]
    by_member = Motion("d", mover_id="m00", seconder_id="m01", agenda_item_id="ob",
                       conflicted_member_ids=["m03"])
    eligible, excluded = v.electorate(meeting, members, by_member)
    assert eligible == ["m00", "m01", "m02"]
    assert excluded == [Exclusion("m03", f"{v.CONFLICT_REASON} on Business arising")]
    assert v.conflicts_for_motion(meeting, by_member) == [meeting.conflicts[0]]


# --------------------------------------------------------------------------
# Amendments, adopted wording and the order of business (points 2 and 9)


def amended():
    meeting, members, main = opened(4, text="the coalition fund the shelter")
    amendment = v.open_motion(meeting, Motion("add 'for two years'", kind=MotionKind.AMENDMENT,
                                              amends_motion_id=main.id, mover_id="m02",
                                              seconder_id="m03"), members, LATER)
    return meeting, members, main, amendment


def test_a_carried_amendment_makes_the_adopted_wording_the_amended_one():
    meeting, members, main, amendment = amended()
    assert v.adopted_wording(meeting, main) == "That the coalition fund the shelter"
    with pytest.raises(VotingError, match="No amendment"):
        v.set_amended_wording(meeting, main, "x", NOW)
    v.declare_consensus(amendment, LATER, meeting=meeting)
    assert v.adopted_wording(meeting, main) == "That the coalition fund the shelter, as amended"
    assert v.set_amended_wording(meeting, main, "the coalition fund the shelter for two years.", LATER) == (
        "That the coalition fund the shelter for two years."
    )
    assert v.adopted_wording(meeting, main) == "That the coalition fund the shelter for two years, as amended"
    v.declare_consensus(main, LATER, meeting=meeting)
    assert v.minutes_text(main, names_of(members), meeting=meeting).startswith(
        "That the coalition fund the shelter for two years, as amended. Moved by Org 00"
    )
    with pytest.raises(VotingError, match="while it is open"):
        v.set_amended_wording(meeting, main, "y", LATER)


def test_a_defeated_amendment_leaves_the_wording():
    meeting, members, main, amendment = amended()
    v.record_objection(amendment, "m01", LATER)
    v.call_vote(meeting, amendment, members, CAST, LATER, None)
    v.cast_remaining(amendment, AGAINST, LATER)
    v.close_vote(amendment, LATER, meeting=meeting)
    assert v.carried_amendments(meeting, main) == []
    assert v.adopted_wording(meeting, main) == "That the coalition fund the shelter"


def test_the_chair_corrects_wording_only_while_open():
    meeting, members, motion = opened(3)
    assert v.correct_wording(motion, "the coalition adopt the revised plan", NOW) == (
        "That the coalition adopt the revised plan"
    )
    assert motion.events[-1].what.startswith("wording corrected")
    with pytest.raises(VotingError, match="no wording"):
        v.correct_wording(motion, " that ", NOW)
    v.declare_consensus(motion, NOW)
    with pytest.raises(VotingError, match="open motion"):
        v.correct_wording(motion, "x", NOW)


def test_motions_are_numbered_as_moved_and_listed_as_decided():
    meeting, members, main, amendment = amended()
    assert [m.number for m in v.moved_order(meeting)] == [1, 2]
    assert v.decision_order(meeting) == [main, amendment]  # both open: as moved
    v.declare_consensus(amendment, LATER, meeting=meeting)
    v.declare_consensus(main, datetime(2025, 3, 3, 10, 45), meeting=meeting)
    assert v.decision_order(meeting) == [amendment, main]
    assert v.moved_order(meeting) == [main, amendment]


@given(st.permutations(range(6)))
def test_decision_order_follows_closing_times(order):
    meeting = Meeting(date=DAY)
    for number, rank in enumerate(order, start=1):
        meeting.motions.append(Motion("x", number=number, state=MotionState.CARRIED,
                                      closed_at=datetime(2025, 3, 3, 10, rank)))
    decided = v.decision_order(meeting)
    assert [m.closed_at.minute for m in decided] == sorted(order)
    assert sorted(m.number for m in decided) == list(range(1, 7))


def test_module_imports_no_ui_or_storage():
    import sys
    import subprocess

    code = (
        "import sys, dhtc_tui.domain.voting; "
        "bad = [m for m in ('textual', 'tinydb', 'docx') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# --------------------------------------------------------------------------
# Properties

choices = st.sampled_from(list(VoteChoice))
bases = st.sampled_from(list(VotingBase))
FAST = settings(max_examples=150, deadline=None)


@FAST
@given(n=st.integers(0, 20), abstain=st.integers(0, 10), extra=st.integers(0, 10))
def test_prop_tie_never_carries(n, abstain, extra):
    votes = [FOR] * n + [AGAINST] * n + [ABSTAIN] * abstain
    t = v.tally(bare_vote(len(votes) + extra, votes, CAST))
    assert not t.carried_so_far
    # present and eligible: half the room in favour is a tie too
    room = max(2 * n, 0)
    t = v.tally(bare_vote(room, [FOR] * n, PRESENT))
    assert not t.carried_so_far


@FAST
@given(votes=st.lists(choices, max_size=30), extra=st.integers(0, 5))
def test_prop_extra_abstention_never_changes_votes_cast_outcome(votes, extra):
    before = v.tally(bare_vote(len(votes) + 1 + extra, votes, CAST))
    after = v.tally(bare_vote(len(votes) + 1 + extra, votes + [ABSTAIN], CAST))
    assert after.carried_so_far == before.carried_so_far
    assert (after.base, after.needed) == (before.base, before.needed)
    assert after.abstain == before.abstain + 1


@FAST
@given(
    presences=st.lists(st.sampled_from(list(Presence)), min_size=3, max_size=12),
    subject=st.integers(0, 11),
    data=st.data(),
)
def test_prop_removal_subject_never_counts(presences, subject, data):
    n = len(presences)
    subject %= n
    members = make_members(n)
    meeting = Meeting(date=DAY)
    for member, presence in zip(members, presences):
        meeting.attendance.append(Attendance(member.id, presence, marked=True))
    sid = members[subject].id

    def others_here() -> int:
        return sum(1 for a in meeting.attendance if a.presence.attended and a.member_id != sid)

    # at least two others present to move and second
    for i in range(n):
        if i != subject and others_here() < 2:
            meeting.attendance[i].presence = Presence.PRESENT
    others = [m.id for m, a in zip(members, meeting.attendance)
              if a.presence.attended and m.id != sid]
    motion = Motion("x", kind=MotionKind.REMOVAL, subject_member_id=sid,
                    mover_id=others[0], seconder_id=others[1])
    eligible, _ = v.electorate(meeting, members, motion, None)
    assert sid not in eligible
    v.open_motion(meeting, motion, members, NOW)
    v.record_removal_notice(motion, DAY, "reasons")
    v.call_vote(meeting, motion, members, data.draw(bases), NOW, None, confirm_no_objection=True)
    assert sid not in motion.electorate
    with pytest.raises(VotingError):
        v.cast_vote(motion, sid, data.draw(choices))
    v.cast_remaining(motion, data.draw(choices), NOW)
    t = v.tally(motion)
    assert t.voted == len(others)
    assert all(vote.member_id != sid for vote in motion.votes)


@FAST
@given(casts=st.lists(st.tuples(st.integers(0, 7), choices, st.booleans()), max_size=40))
def test_prop_second_vote_replaces_first(casts):
    motion = bare_vote(8, [])
    last = {}
    for who, choice, electronic in casts:
        v.cast_vote(motion, f"e{who}", choice, electronic=electronic)
        last[f"e{who}"] = choice
    assert len(motion.votes) == len({vote.member_id for vote in motion.votes}) == len(last)
    assert {vote.member_id: vote.choice for vote in motion.votes} == last
    t = v.tally(motion)
    assert t.voted + t.not_voted == 8


@FAST
@given(votes=st.lists(choices, max_size=40), extra=st.integers(0, 10), base=bases)
def test_prop_threshold_is_fifty_percent_plus_one(votes, extra, base):
    t = v.tally(bare_vote(len(votes) + extra, votes, base))
    assert t.needed == t.base // 2 + 1
    assert t.carried_so_far == (t.for_ * 2 > t.base)
    assert t.carried_so_far == (t.for_ >= t.needed)
    expected_base = t.for_ + t.against if base is CAST else len(votes) + extra
    assert t.base == expected_base
    if t.base == 0:
        assert not t.carried_so_far


@FAST
@given(
    people=st.lists(st.integers(1, 4), min_size=2, max_size=8),
    repeats=st.lists(choices, min_size=1, max_size=4),
)
def test_prop_several_people_one_member_one_vote(people, repeats):
    members = make_members(len(people))
    meeting = Meeting(date=DAY)
    for member, count in zip(members, people):
        for k in range(count):
            presence = Presence.PRESENT if k == 0 else Presence.DELEGATE
            meeting.attendance.append(
                Attendance(member.id, presence, person=f"{member.name} person {k}", marked=True)
            )
    motion = Motion("x", mover_id="m00", seconder_id="m01")
    v.open_motion(meeting, motion, members, NOW)
    v.call_vote(meeting, motion, members, PRESENT, NOW, None, confirm_no_objection=True)
    assert motion.electorate == [m.id for m in members]
    for choice in repeats:  # each person of m00 "votes"
        v.cast_vote(motion, "m00", choice)
    t = v.tally(motion)
    assert t.voted == 1 and t.base == len(members)


@FAST
@given(votes=st.lists(choices, max_size=12), remaining=st.integers(0, 4), base=bases)
def test_prop_decided_means_no_remaining_votes_can_change_it(votes, remaining, base):
    n = len(votes) + remaining
    t = v.tally(bare_vote(n, votes, base))
    outcomes = {
        v.tally(bare_vote(n, votes + list(rest), base)).carried_so_far
        for rest in product(list(VoteChoice), repeat=remaining)
    }
    # with nobody left, the outcome is the current one
    assert t.carried_so_far in outcomes
    assert t.decided == (len(outcomes) == 1)
