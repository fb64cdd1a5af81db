"""Electronic decisions follow the room's rules (domain/evote.py)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from dhtc_tui.domain import evote as ev
from dhtc_tui.domain.evote import Choice, EVote, EVoteError, EVoteKind, EVoteState, Mode
from dhtc_tui.domain.model import Meeting, MeetingStatus, Member, MemberStatus, MinutesStatus, VotingBase

OPEN = date(2026, 6, 22)
DEADLINE = date(2026, 6, 30)


def roster(n: int = 6) -> list[Member]:
    members = [Member(name=f"Agency {chr(65 + i)}", id=f"m{i}", email=f"a{i}@example.org") for i in range(n)]
    members.append(Member(name="Observer Office", id="obs", votes=False))
    members.append(Member(name="Gone Agency", id="gone", status=MemberStatus.WITHDRAWN))
    return members


def make(members, mode=Mode.BALLOT, kind=EVoteKind.ORDINARY, base=VotingBase.VOTES_CAST, **extra) -> EVote:
    vote = EVote(
        motion="the coalition sign the letter",
        deadline=DEADLINE,
        opened_on=OPEN,
        kind=kind,
        mode=mode,
        mover_id="m0",
        seconder_id="m1",
        **extra,
    )
    return ev.open_evote(vote, members, base=base)


# -- naming members -----------------------------------------------------------


def test_member_named_by_id_name_or_unique_prefix():
    members = roster() + [Member(name="Harbour House", id="h1"), Member(name="Harbourview Clinic", id="h2")]
    assert ev.resolve_member("h2", members).id == "h2"
    assert ev.resolve_member("  harbour HOUSE ", members).id == "h1"
    assert ev.resolve_member("harbourv", members).id == "h2"
    assert ev.resolve_member("observ", members).id == "obs"


def test_ambiguous_or_unknown_name_lists_candidates():
    members = [Member(name="Harbour House", id="h1"), Member(name="Harbourview Clinic", id="h2")]
    with pytest.raises(ev.AmbiguousMember) as caught:
        ev.resolve_member("harb", members)
    assert caught.value.candidates == ["Harbour House (h1)", "Harbourview Clinic (h2)"]
    with pytest.raises(ev.AmbiguousMember, match="No member"):
        ev.resolve_member("nobody", members)


def test_exact_name_wins_over_a_longer_name_it_prefixes():
    members = [Member(name="Harbour", id="h1"), Member(name="Harbour House", id="h2")]
    assert ev.resolve_member("harbour", members).id == "h1"


# -- opening ------------------------------------------------------------------


def test_electorate_is_active_voting_members_when_it_opens():
    vote = make(roster())
    assert vote.electorate == [f"m{i}" for i in range(6)]
    assert [(e.member_id, e.reason) for e in vote.excluded] == [("obs", "non-voting member")]
    assert vote.number == 1 and vote.motion == "That the coalition sign the letter"


def test_mover_and_seconder_must_be_eligible_and_different():
    members = roster()
    with pytest.raises(EVoteError, match="cannot be the mover"):
        ev.open_evote(EVote("x", DEADLINE, OPEN, mover_id="gone", seconder_id="m1"), members)
    with pytest.raises(EVoteError, match="cannot also second"):
        ev.open_evote(EVote("x", DEADLINE, OPEN, mover_id="m1", seconder_id="m1"), members)
    with pytest.raises(EVoteError, match="no wording"):
        ev.open_evote(EVote("  ", DEADLINE, OPEN, mover_id="m0", seconder_id="m1"), members)
    with pytest.raises(EVoteError, match="deadline"):
        ev.open_evote(EVote("x", date(2026, 6, 1), OPEN, mover_id="m0", seconder_id="m1"), members)


def test_removal_needs_prior_notice_and_a_ballot_and_excludes_its_subject():
    members = roster()
    with pytest.raises(EVoteError, match="notified"):
        make(members, kind=EVoteKind.REMOVAL, subject_member_id="m5")
    with pytest.raises(EVoteError, match="after the opening day"):
        make(members, kind=EVoteKind.REMOVAL, subject_member_id="m5",
             removal_notified_on=date(2026, 6, 23), removal_reasons="non-attendance")
    with pytest.raises(EVoteError, match="50% \\+ 1"):
        make(members, mode=Mode.CONSENSUS, kind=EVoteKind.REMOVAL, subject_member_id="m5",
             removal_notified_on=OPEN, removal_reasons="non-attendance")
    with pytest.raises(EVoteError, match="neither move nor second"):
        make(members, kind=EVoteKind.REMOVAL, subject_member_id="m1",
             removal_notified_on=OPEN, removal_reasons="non-attendance")
    vote = make(members, kind=EVoteKind.REMOVAL, subject_member_id="m5",
                removal_notified_on=date(2026, 6, 1), removal_reasons="non-attendance")
    assert "m5" not in vote.electorate
    with pytest.raises(EVoteError, match="subject of this removal"):
        ev.answer(vote, "m5", "for", OPEN, members)
    assert "subject of the motion" in ev.record_text(vote, members)


# -- answers and the tally ----------------------------------------------------


def test_count_line_has_the_exact_form():
    members = [Member(name=f"M{i}", id=f"m{i}") for i in range(20)]
    vote = make(members)
    for i in range(12):
        ev.answer(vote, f"m{i}", "for", OPEN, members)
    for i in range(12, 16):
        ev.answer(vote, f"m{i}", "against", OPEN, members)
    assert ev.status_lines(vote, members)[0] == "12 for, 4 against, 0 abstentions; base 16; 9 needed; carried so far"


def test_a_tie_fails_and_abstentions_are_not_in_the_base():
    members = roster()
    vote = make(members)
    for member_id, choice in (("m0", "for"), ("m1", "for"), ("m2", "against"), ("m3", "against"), ("m4", "abstain")):
        ev.answer(vote, member_id, choice, OPEN, members)
    t = ev.tally(vote, members)
    assert (t.for_, t.against, t.abstain, t.base, t.needed) == (2, 2, 1, 4, 3)
    assert ev.status_lines(vote, members)[0].endswith("defeated so far")
    assert ev.close(vote, members, DEADLINE) is EVoteState.DEFEATED


def test_present_eligible_base_counts_every_member_of_the_electorate():
    members = roster()
    vote = make(members, base=VotingBase.PRESENT_ELIGIBLE)
    for member_id in ("m0", "m1", "m2"):
        ev.answer(vote, member_id, "for", OPEN, members)
    t = ev.tally(vote, members)
    assert (t.base, t.needed, t.carried_so_far) == (6, 4, False)


def test_a_declared_conflict_is_an_answer_that_leaves_the_base():
    members = roster()
    vote = make(members, base=VotingBase.PRESENT_ELIGIBLE)
    ev.answer(vote, "m5", "conflict", OPEN, members)
    t = ev.tally(vote, members)
    assert t.base == 5
    assert "m5" not in ev.not_answered(vote, members)
    assert ev.recused(vote) == ["m5"]


def test_a_second_answer_replaces_the_first():
    members = roster()
    vote = make(members)
    ev.answer(vote, "m0", "for", OPEN, members)
    ev.answer(vote, "m0", "against", date(2026, 6, 23), members)
    t = ev.tally(vote, members)
    assert (t.for_, t.against) == (0, 1)
    assert len(vote.answers) == 2  # the history stays


def test_answers_after_the_deadline_or_from_outside_are_refused():
    members = roster()
    vote = make(members)
    with pytest.raises(EVoteError, match="after the deadline"):
        ev.answer(vote, "m0", "for", date(2026, 7, 1), members)
    with pytest.raises(EVoteError, match="non-voting"):
        ev.answer(vote, "obs", "for", OPEN, members)
    with pytest.raises(EVoteError, match="not an eligible member"):
        ev.answer(vote, "gone", "for", OPEN, members)
    with pytest.raises(EVoteError, match="not an answer"):
        ev.answer(vote, "m0", "maybe", OPEN, members)
    with pytest.raises(EVoteError, match="not an answer to a ballot"):
        ev.answer(vote, "m0", "object", OPEN, members)
    assert vote.answers == []


@pytest.mark.parametrize("status", [MemberStatus.WITHDRAWN, MemberStatus.REMOVED])
def test_member_gone_while_open_cannot_answer_but_its_answer_stands(status):
    members = roster()
    vote = make(members, base=VotingBase.PRESENT_ELIGIBLE)
    ev.answer(vote, "m2", "for", OPEN, members)
    members[2].status = status
    members[3].status = status
    with pytest.raises(EVoteError, match="can no longer answer"):
        ev.answer(vote, "m2", "against", OPEN, members)
    with pytest.raises(EVoteError, match="can no longer answer"):
        ev.answer(vote, "m3", "for", OPEN, members)
    t = ev.tally(vote, members)
    assert t.for_ == 1  # m2's answer stands
    assert t.base == 5  # m3 left without answering: out of the base
    assert "m3" not in ev.not_answered(vote, members)


@given(st.lists(st.sampled_from(["for", "against", "abstain", "conflict", None]), min_size=1, max_size=12),
       st.sampled_from(list(VotingBase)))
def test_the_tally_is_fifty_percent_plus_one_of_the_base(choices, base):
    members = [Member(name=f"M{i}", id=f"m{i}") for i in range(max(2, len(choices)))]
    vote = make(members, base=base)
    for i, choice in enumerate(choices):
        if choice:
            ev.answer(vote, f"m{i}", choice, OPEN, members)
    fors = choices.count("for")
    against = choices.count("against")
    conflicts = choices.count("conflict")
    expected_base = fors + against if base is VotingBase.VOTES_CAST else len(members) - conflicts
    t = ev.tally(vote, members)
    assert t.base == expected_base
    assert t.carried_so_far == (2 * fors > expected_base)
    state = ev.close(vote, members, DEADLINE)
    assert (state is EVoteState.CARRIED) == (2 * fors > expected_base)


# -- closing ------------------------------------------------------------------


def test_closing_early_is_refused_unless_every_eligible_member_answered():
    members = roster()
    vote = make(members)
    ev.answer(vote, "m0", "for", OPEN, members)
    with pytest.raises(EVoteError, match="5 eligible members have not answered"):
        ev.close(vote, members, OPEN)
    assert vote.state is EVoteState.OPEN
    for i in range(1, 6):
        ev.answer(vote, f"m{i}", "for" if i < 3 else "abstain", OPEN, members)
    assert ev.close(vote, members, date(2026, 6, 24)) is EVoteState.CARRIED
    assert vote.closed_on == date(2026, 6, 24)
    with pytest.raises(EVoteError, match="already closed"):
        ev.close(vote, members, DEADLINE)


def test_closed_after_the_deadline_is_dated_the_deadline():
    members = roster()
    vote = make(members)
    ev.answer(vote, "m0", "for", OPEN, members)
    ev.close(vote, members, date(2026, 7, 5))
    assert vote.closed_on == DEADLINE and vote.state is EVoteState.CARRIED


def test_consensus_carries_on_the_deadline_without_objection():
    members = roster()
    vote = make(members, mode=Mode.CONSENSUS)
    ev.answer(vote, "m1", "for", OPEN, members)
    assert ev.close(vote, members, DEADLINE) is EVoteState.CARRIED
    assert vote.by_consensus
    assert "Carried by consensus on June 30, 2026" in ev.record_text(vote, members)


def test_an_objection_stops_consensus_and_the_chair_may_put_it_to_a_ballot():
    members = roster()
    vote = make(members, mode=Mode.CONSENSUS)
    ev.answer(vote, "m1", "for", OPEN, members)
    ev.answer(vote, "m2", "conflict", OPEN, members)
    ev.answer(vote, "m3", "against", OPEN, members)
    assert vote.objections == ["m3"]
    assert ev.status_lines(vote, members)[0].endswith("defeated so far")
    with pytest.raises(EVoteError, match="no consensus"):
        ev.close(vote, members, DEADLINE)
    ev.to_ballot(vote, date(2026, 6, 25), date(2026, 7, 3))
    assert vote.mode is Mode.BALLOT and vote.deadline == date(2026, 7, 3)
    t = ev.tally(vote, members)
    assert (t.for_, t.against) == (0, 0)  # consensus answers are not votes
    assert ev.recused(vote) == ["m2"]  # a conflict carries over
    for member_id in ("m0", "m1", "m4"):
        ev.answer(vote, member_id, "for", date(2026, 6, 26), members)
    ev.answer(vote, "m3", "against", date(2026, 6, 26), members)
    assert ev.close(vote, members, date(2026, 7, 3)) is EVoteState.CARRIED
    text = ev.record_text(vote, members)
    assert "Circulated by e-mail for consensus on June 22, 2026" in text
    assert "Objection from Agency D" in text
    assert "Put to an electronic ballot on June 25, 2026" in text
    assert (
        "Carried on July 3, 2026: 3 for, 1 against, 0 abstentions; 1 member did not vote. "
        "4 votes cast for or against; 3 needed (more than half)."
    ) in text
    assert "Agency C did not vote (declared a conflict of interest)" in text


def test_an_objection_withdrawn_by_a_later_answer_restores_consensus():
    members = roster()
    vote = make(members, mode=Mode.CONSENSUS)
    ev.answer(vote, "m3", "object", OPEN, members)
    ev.answer(vote, "m3", "for", OPEN, members)
    assert vote.objections == []
    assert ev.close(vote, members, DEADLINE) is EVoteState.CARRIED


# -- minutes approved by e-mail -------------------------------------------------


def closed_meeting() -> Meeting:
    return Meeting(date=date(2026, 6, 18), status=MeetingStatus.CLOSED, id="meet1")


def test_minutes_with_no_reply_are_approved_by_consensus_on_the_deadline():
    members = roster()
    meeting = closed_meeting()
    vote = ev.open_minutes_approval(meeting, members, OPEN, DEADLINE)
    with pytest.raises(EVoteError, match="Cannot close before"):
        ev.close(vote, members, OPEN, meeting=meeting)
    assert ev.close(vote, members, date(2026, 7, 2), meeting=meeting) is EVoteState.APPROVED
    assert meeting.minutes_status is MinutesStatus.APPROVED and meeting.approved_on == DEADLINE
    assert "approved by consensus on June 30, 2026" in ev.minutes_approval_text(vote, meeting.date)


def test_minutes_corrections_are_adopted_or_deferred_by_the_chair():
    members = roster()
    meeting = closed_meeting()
    vote = ev.open_minutes_approval(meeting, members, OPEN, DEADLINE)
    with pytest.raises(EVoteError, match="Say what the correction is"):
        ev.answer(vote, "m1", "correction", OPEN, members)
    ev.answer(vote, "m1", "correction", OPEN, members, note="Agency B was present, not absent")
    with pytest.raises(EVoteError, match="adopt the corrections or defer"):
        ev.close(vote, members, DEADLINE, meeting=meeting)
    assert ev.close(vote, members, DEADLINE, meeting=meeting, corrections="adopt") is EVoteState.APPROVED
    assert vote.corrections_adopted == ["Agency B was present, not absent"]
    assert meeting.minutes_status is MinutesStatus.APPROVED
    assert "approved as corrected" in ev.minutes_approval_text(vote, meeting.date)


def test_an_objection_to_minutes_can_only_be_deferred():
    members = roster()
    meeting = closed_meeting()
    vote = ev.open_minutes_approval(meeting, members, OPEN, DEADLINE)
    ev.answer(vote, "m2", "object", OPEN, members)
    with pytest.raises(EVoteError, match="defer"):
        ev.close(vote, members, DEADLINE, meeting=meeting, corrections="adopt")
    assert ev.close(vote, members, DEADLINE, meeting=meeting, corrections="defer") is EVoteState.DEFERRED
    assert meeting.minutes_status is MinutesStatus.DRAFT
    assert "taken to this meeting" in ev.minutes_approval_text(vote, meeting.date)
    with pytest.raises(EVoteError, match="already approved"):
        meeting.minutes_status = MinutesStatus.APPROVED
        ev.open_minutes_approval(meeting, members, OPEN, DEADLINE)


# -- the next minutes ------------------------------------------------------------


def test_decisions_between_meetings_are_those_closed_since_the_previous_meeting():
    members = roster()
    votes = []
    for closed in (date(2026, 6, 18), date(2026, 6, 30), date(2026, 9, 17), date(2026, 9, 20)):
        vote = make(members)
        ev.answer(vote, "m0", "for", OPEN, members)
        ev.close(vote, members, DEADLINE)
        vote.closed_on = closed
        vote.number = len(votes) + 1
        votes.append(vote)
    open_one = make(members)
    sentences = ev.decisions_between(votes + [open_one], date(2026, 9, 17), date(2026, 6, 18), members)
    assert [s.split(":")[0] for s in sentences] == ["E-vote 2", "E-vote 3"]
    assert "Carried on June 30, 2026: 1 for, 0 against, 0 abstentions; 5 members did not vote." in sentences[0]


# -- replies ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FOR\n\nThanks", (Choice.FOR, "")),
        ("  against  \n", (Choice.AGAINST, "")),
        ("Abstain.", (Choice.ABSTAIN, "")),
        ("> FOR\n> quoted\n\nagainst", (Choice.AGAINST, "")),
        ("On Mon, Jun 22, 2026 at 9:00 AM Chair <c@x.org> wrote:\n> FOR\nABSTAIN", (Choice.ABSTAIN, "")),
        ("Correction: Agency B was present\n", (Choice.CORRECTION, "Agency B was present")),
        ("I think we should wait\nFOR", (None, "I think we should wait")),
        ("> only quoted", (None, "")),
    ],
)
def test_the_choice_is_read_from_the_first_unquoted_line(text, expected):
    assert ev.read_choice(text) == expected


def test_a_ballot_after_consensus_goes_only_to_members_still_active():
    from dhtc_tui.evote import mail
    from dhtc_tui.domain.model import Settings

    members = roster()
    vote = make(members, mode=Mode.CONSENSUS)
    ev.answer(vote, "m3", "object", OPEN, members)
    members[4].status = MemberStatus.WITHDRAWN
    ev.to_ballot(vote, date(2026, 6, 25))
    message = mail.ballot(vote, members, Settings())
    assert "a4@example.org" not in message["Bcc"] and "a3@example.org" in message["Bcc"]


def test_the_minutes_approval_of_a_meeting_is_found():
    members = roster()
    meeting = closed_meeting()
    first = ev.open_minutes_approval(meeting, members, OPEN, DEADLINE)
    ev.answer(first, "m1", "object", OPEN, members)
    ev.close(first, members, DEADLINE, meeting=meeting, corrections="defer")
    second = ev.open_minutes_approval(meeting, members, DEADLINE, date(2026, 7, 9), existing=[first])
    assert second.number == 2
    assert ev.minutes_approval_for([first, second], "meet1") is second
    assert ev.minutes_approval_for([first, second], "other") is None


def test_control_characters_never_reach_the_record():
    members = roster()
    vote = ev.open_evote(EVote("sign\x1b]2;pwned\x07 the letter\x1b[2J", DEADLINE, OPEN, mover_id="m0", seconder_id="m1"), members)
    assert "\x1b" not in vote.motion and "\x07" not in vote.motion
    assert vote.motion.startswith("That sign ]2;pwned the letter")
