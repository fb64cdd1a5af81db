"""The motion screen's wording, read without a running screen."""

from __future__ import annotations

from datetime import date

from dhtc_tui.domain.model import Exclusion, Meeting, Motion, MotionKind, MotionState, RemovalRecord, Vote, VoteChoice
from dhtc_tui.tui.screens.motion import text


def _names(member_id):
    return {"a": "Harbour [b]House[/b]", "b": "Lakeside Shelter"}.get(member_id, "?")


def test_labels_and_bar():
    meeting = Meeting(date=date(2026, 3, 12))
    motion = Motion("That x", number=2, state=MotionState.CARRIED, by_consensus=True)
    assert text.label(motion) == "Motion 2"
    assert text.label(Motion("x", kind=MotionKind.AMENDMENT)) == "New amendment"
    assert text.bar_text(meeting, None, None) == "New motion \u00b7 no agenda item"
    assert text.bar_text(meeting, motion, None).startswith("Motion 2 \u00b7 general \u00b7 Carried")


def test_names_from_the_data_are_escaped():
    meeting = Meeting(date=date(2026, 3, 12))
    motion = Motion("That [red]x", kind=MotionKind.REMOVAL, subject_member_id="a", mover_id="a", seconder_id="b",
                    state=MotionState.CONSENSUS, objections=["a"])
    summary = text.summary_text(motion, meeting, _names, None, compact=False)
    assert "\\[red]" in summary and "\\[b]House" in summary
    assert "Objection by Harbour \\[b]House" in text.status_text(motion, meeting, _names)


def test_carried_removal_says_the_member_is_removed():
    motion = Motion("x", kind=MotionKind.REMOVAL, subject_member_id="b", state=MotionState.CARRIED,
                    removal=RemovalRecord(notified_on=date(2026, 3, 1)))
    lines = text.removal_lines(motion, _names)
    assert any("Lakeside Shelter is removed on the roster" in line for line in lines)


def test_vote_rows():
    assert text.vote_row(None, "Lakeside").plain == f"{text.NOT_VOTED:<8}  Lakeside"
    row = text.vote_row(Vote("b", VoteChoice.AGAINST, electronic=True), "Lakeside")
    assert row.plain == "AGAINST e Lakeside"
    assert text.excluded_row("Harbour", "subject of the motion").plain.endswith("Harbour (subject of the motion)")
    motion = Motion("x", votes=[Vote("b", VoteChoice.FOR), Vote("b", VoteChoice.ABSTAIN)],
                    excluded=[Exclusion("a", "conflict")])
    assert text.last_vote(motion, "b").choice is VoteChoice.ABSTAIN
    shown = text.excluded_text(None, motion, {"a": "Harbour [b]House[/b]"})
    assert shown == "Present without a vote: Harbour \\[b]House\\[/b] (conflict)."
