"""Motions through the motion screen, pressing keys as the chair would at 80x24.

Each test builds the demo coalition, starts a meeting with chosen members in
the room, opens the motion screen on an agenda item, and then asserts on the
domain state (the motion, its tally) and on what the screen shows.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time

from rich.console import Console
from textual.app import App, ComposeResult
from textual.widgets import Digits, OptionList, Select, SelectionList

from dhtc_tui.domain.agenda import plan_meeting, start_meeting
from dhtc_tui.domain.attendance import mark
from dhtc_tui.domain.model import (
    AgendaKind,
    ApplicationStatus,
    ConflictDeclaration,
    MinutesStatus,
    Motion,
    MotionKind,
    MotionState,
    Presence,
    Vote,
    VoteChoice,
    VotingBase,
)
from dhtc_tui.domain.voting import SUBJECT_REASON, count_sentence, tally
from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import CoalitionApp
from dhtc_tui.tui.screens.motion import MotionScreen, MotionsList
from dhtc_tui.tui.widgets.dialogs import ConfirmDialog, TextPrompt
from dhtc_tui.tui.widgets.tally import TallyView
from tests.tui.demo_app import make_demo_app, settle

TODAY = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 10, 0)
SIZE = (80, 24)


# --------------------------------------------------------------------------
# Helpers (no fixture starts the app: run_test stays in the test body)


def make_app(tmp_path) -> CoalitionApp:
    return make_demo_app(tmp_path, clock=lambda: NOW)


def voters(app, count: int):
    """The first ``count`` voting member organizations (alphabetical)."""
    return [m for m in app.coalition.active_organizations if m.votes][:count]


def meeting_with(app, present, delegates=(), conflicts=()):
    """A meeting in progress today with ``present`` members in the room."""
    data = app.coalition
    previous = data.meeting(app.store, data.latest_closed_ref().id)
    meeting = plan_meeting(TODAY, time(9, 30), "Lakeshore Civic Centre", data.settings, previous)
    start_meeting(meeting, datetime(2026, 11, 29, 9, 31))
    for member in present:
        mark(meeting, member.id, Presence.PRESENT, member.representative)
    for member, person in delegates:
        mark(meeting, member.id, Presence.DELEGATE, person)
    for member, kind in conflicts:
        item = meeting.item_of_kind(kind)
        meeting.conflicts.append(ConflictDeclaration(member.id, item.id, "board member of the bidder"))
    app.meeting_changed(meeting)
    return meeting


def item_id(meeting, kind=AgendaKind.BUSINESS_ARISING) -> str:
    return meeting.item_of_kind(kind).id




def screen_text(app) -> str:
    """What the terminal shows now, as plain text."""
    console = Console(file=io.StringIO(), width=SIZE[0], color_system=None, legacy_windows=False)
    for strip in app.screen._compositor.render_strips():
        console.print("".join(segment.text for segment in strip), markup=False, highlight=False, soft_wrap=True)
    return console.file.getvalue()


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector).visual)


def select_labels(select: Select) -> list[str]:
    """The choices a Select offers (its drop-down list)."""
    choices = select.query_one(OptionList)
    return [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]


def shortest_search(name: str, labels: list[str], anywhere: bool = False) -> str:
    """The fewest leading characters of ``name`` that find it: type-to-search
    prefers a match at the start; a filter (``anywhere``) keeps any match."""
    others = [label.casefold() for label in labels if label != name]
    for length in range(1, len(name) + 1):
        typed = name[:length].casefold()
        if " " in typed:
            continue
        if not any((typed in other) if anywhere else other.startswith(typed) for other in others):
            return name[:length]
    return name


async def pick(pilot, select_id: str, name: str) -> None:
    """Open a Select with Enter and type (part of) the name, as the chair would."""
    select = pilot.app.screen.query_one(f"#{select_id}", Select)
    select.focus()
    await pilot.press("enter")
    await pilot.press(*shortest_search(name, select_labels(select)))
    await pilot.press("enter")
    await pilot.pause()
    assert select.value is not Select.NULL
    chosen = select.query_one(OptionList).highlighted_option
    assert name.casefold() in str(chosen.prompt).casefold()


async def draft(pilot, text: str, mover, seconder, kind: str | None = None) -> None:
    screen = pilot.app.screen
    screen.query_one("#motion-text").focus()
    await pilot.press(*text)
    if kind is not None:
        await pick(pilot, "motion-kind", kind)
    await pick(pilot, "motion-mover", mover.name)
    await pick(pilot, "motion-seconder", seconder.name)


async def move(pilot, app, meeting, text, mover, seconder, kind=None, item=None) -> Motion:
    """New motion, moved and seconded: seeking consensus."""
    await app.push_screen(MotionScreen(meeting, item or item_id(meeting)))
    await settle(pilot)
    await draft(pilot, text, mover, seconder, kind)
    await pilot.press("ctrl+s")
    await settle(pilot)
    motion = app.screen.motion
    assert motion is not None and motion.state is MotionState.CONSENSUS
    return motion


async def object_by(pilot, member) -> None:
    """o, then pick the member who objects: the motion goes to a vote."""
    await pilot.press("o")
    await settle(pilot)
    choices = pilot.app.screen.query_one("#picker-list", OptionList)
    names = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
    await pilot.press(*shortest_search(member.name, names, anywhere=True))
    await pilot.press("enter")
    await settle(pilot)


async def call_vote_confirmed(pilot) -> None:
    """v with no objection on record: the chair confirms calling the vote."""
    await pilot.press("v")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmDialog)
    await pilot.press("y")
    await settle(pilot)


def vote_row(screen, member_id: str) -> int:
    return screen.query_one("#vote-list", OptionList).get_option_index(member_id)


async def vote(pilot, member, key: str) -> None:
    vote_list = pilot.app.screen.query_one("#vote-list", OptionList)
    vote_list.focus()
    vote_list.highlighted = vote_row(pilot.app.screen, member.id)
    await pilot.press(key)
    await settle(pilot)


def digits(screen) -> dict[str, str]:
    return {key: screen.query_one(f"#tally-{key}", Digits).value for key in ("for", "against", "abstain", "needed")}


# --------------------------------------------------------------------------
# Consensus


async def test_motion_carried_by_consensus_and_saved(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            a, b, c, d = voters(app, 4)
            meeting = meeting_with(app, [a, b, c, d])
            motion = await move(pilot, app, meeting, "endorse it", a, b)
            screen = app.screen
            assert motion.text == "That endorse it"
            assert motion.number == 1 and motion in meeting.motions
            assert "Seeking consensus" in screen_text(app)
            assert f"Moved by {a.name}" in shown(screen, "#motion-minutes")

            await pilot.press("c")
            await settle(pilot)
            assert motion.state is MotionState.CARRIED and motion.by_consensus
            text = screen_text(app)
            assert "Carried by consensus" in text
            assert "Carried by consensus." in shown(app.screen, "#motion-minutes")

            # Frozen: consensus keys do nothing on a closed motion.
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, TextPrompt)  # o now means reopen
            await pilot.press("escape")
            await settle(pilot)
            assert motion.state is MotionState.CARRIED

            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(app.screen, MotionScreen)
            assert app.flush_saves()
            saved = Store.open(tmp_path / "data", lock=False).load_meeting(meeting.id)
            stored = saved.motion(motion.id)
            assert stored.state is MotionState.CARRIED and stored.by_consensus
            assert stored.mover_id == a.id and stored.seconder_id == b.id
    finally:
        app.shutdown()


# --------------------------------------------------------------------------
# Votes


async def test_objection_then_vote_carries_with_live_tally(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 5)
            a, b, c, d, e = members
            meeting = meeting_with(app, members)
            motion = await move(pilot, app, meeting, "That we fund it", a, b)
            await object_by(pilot, c)
            screen = app.screen
            assert motion.objections == [c.id]
            assert motion.state is MotionState.VOTING
            assert sorted(motion.electorate) == sorted(m.id for m in members)
            assert "Objection by" in screen_text(app)

            await vote(pilot, a, "f")
            await vote(pilot, b, "1")
            await vote(pilot, c, "a")
            assert digits(screen) == {"for": "2", "against": "1", "abstain": "0", "needed": "2"}
            assert "Carrying" in shown(screen, "#tally-outcome")
            assert "decided" not in shown(screen, "#tally-outcome")

            # e: the next vote is electronic, then it resets.
            screen.query_one("#vote-list").focus()
            await pilot.press("e")
            await settle(pilot)
            assert "ON" in shown(screen, "#vote-hint")
            await vote(pilot, d, "b")
            await vote(pilot, e, "f")
            votes = {v.member_id: v for v in motion.votes}
            assert votes[d.id].choice is VoteChoice.ABSTAIN and votes[d.id].electronic
            assert not votes[e.id].electronic
            assert digits(screen) == {"for": "3", "against": "1", "abstain": "1", "needed": "3"}
            result = tally(motion)
            assert (result.for_, result.against, result.abstain, result.base) == (3, 1, 1, 4)
            assert "Carrying" in shown(screen, "#tally-outcome")
            assert "decided" in shown(screen, "#tally-outcome")
            assert shown(screen, "#tally-detail") == (
                count_sentence(tally(motion), pending=True) + "\n1 vote cast electronically."
            )
            assert "4 votes cast for or against; 3 needed (more than half)" in shown(screen, "#tally-detail")
            assert "e " in str(screen.query_one("#vote-list", OptionList).get_option(d.id).prompt)

            await pilot.press("x")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(pilot)
            assert motion.state is MotionState.CARRIED and not motion.by_consensus
            assert "CARRIED" in shown(app.screen, "#tally-outcome")
            minutes = shown(app.screen, "#motion-minutes")
            assert "Carried: 3 for, 1 against, 1 abstention" in minutes
            assert "1 vote was cast electronically" in minutes

            # A closed vote is frozen: vote keys do nothing.
            await vote(pilot, c, "f")
            assert tally(motion).for_ == 3

            assert app.flush_saves()
            saved = Store.open(tmp_path / "data", lock=False).load_meeting(meeting.id).motion(motion.id)
            assert saved.state is MotionState.CARRIED
            assert tally(saved) == tally(motion)
    finally:
        app.shutdown()


async def test_tie_fails(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 4)
            a, b, c, d = members
            meeting = meeting_with(app, members)
            motion = await move(pilot, app, meeting, "fund catering", a, b)
            await call_vote_confirmed(pilot)
            screen = app.screen
            assert motion.state is MotionState.VOTING
            assert motion.voting_base is VotingBase.VOTES_CAST
            await vote(pilot, a, "f")
            await vote(pilot, b, "f")
            await vote(pilot, c, "a")
            await vote(pilot, d, "2")
            assert digits(screen) == {"for": "2", "against": "2", "abstain": "0", "needed": "3"}
            outcome = shown(screen, "#tally-outcome")
            assert outcome.startswith("Failing") and "decided" in outcome
            await pilot.press("r")  # a recorded vote: the minutes name how each member voted
            await settle(pilot)
            assert motion.recorded_vote
            await pilot.press("x")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert motion.state is MotionState.DEFEATED
            assert "DEFEATED" in shown(app.screen, "#tally-outcome")
            minutes = shown(app.screen, "#motion-minutes")
            assert "Defeated: 2 for, 2 against" in minutes
            in_favour = ", ".join(sorted((a.name, b.name), key=str.casefold))
            assert f"For: {in_favour}; Against:" in minutes
    finally:
        app.shutdown()


async def test_remaining_members_for_asks_first(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 6)
            meeting = meeting_with(app, members)
            motion = await move(pilot, app, meeting, "adopt the plan", members[0], members[1])
            await call_vote_confirmed(pilot)
            await vote(pilot, members[2], "a")
            await pilot.press("F")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await settle(pilot)
            assert tally(motion).voted == 1
            await pilot.press("F")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            result = tally(motion)
            assert (result.for_, result.against, result.not_voted) == (5, 1, 0)
            assert digits(app.screen)["for"] == "5"
    finally:
        app.shutdown()


async def test_delegate_and_several_representatives_cast_one_vote(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            data = app.coalition
            two_reps = next(m for m in data.active_organizations if len(m.representatives) > 1)
            others = [m for m in voters(app, 4) if m.id != two_reps.id][:3]
            delegated = others[2]
            meeting = meeting_with(app, [two_reps, *others[:2]], delegates=[(delegated, "Alex Mercer")])
            meeting.attendance_of(two_reps.id).person = "; ".join(two_reps.representatives)
            motion = await move(pilot, app, meeting, "write to them", others[0], others[1])
            await call_vote_confirmed(pilot)
            screen = app.screen
            vote_list = screen.query_one("#vote-list", OptionList)
            assert vote_list.option_count == 4  # one row per member, not per person
            assert sorted(motion.electorate) == sorted([two_reps.id, others[0].id, others[1].id, delegated.id])

            vote_list.highlighted = vote_row(screen, delegated.id)
            await pilot.pause()
            assert "delegate: Alex Mercer" in shown(screen, "#vote-detail")
            await vote(pilot, delegated, "f")
            await vote(pilot, delegated, "f")
            assert tally(motion).for_ == 1
            await vote(pilot, delegated, "a")  # a second vote replaces the first
            await vote(pilot, two_reps, "f")
            await vote(pilot, two_reps, "f")
            result = tally(motion)
            assert (result.for_, result.against, result.voted) == (1, 1, 2)
            assert digits(screen)["for"] == "1" and digits(screen)["against"] == "1"
    finally:
        app.shutdown()


async def test_recused_member_is_shown_with_reason_and_cannot_vote(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 5)
            recused = members[4]
            meeting = meeting_with(app, members, conflicts=[(recused, AgendaKind.BUSINESS_ARISING)])
            await app.push_screen(MotionScreen(meeting, item_id(meeting)))
            await settle(pilot)
            movers = select_labels(app.screen.query_one("#motion-mover", Select))
            assert recused.name not in movers and members[0].name in movers  # cannot move a motion on that item
            await app.pop_screen()
            motion = await move(pilot, app, meeting, "award it", members[0], members[1])
            assert "declared a conflict of interest" in shown(app.screen, "#motion-excluded")

            await call_vote_confirmed(pilot)
            screen = app.screen
            vote_list = screen.query_one("#vote-list", OptionList)
            row = vote_list.get_option(f"excluded:{recused.id}")
            assert row.disabled
            assert "declared a conflict of interest on Business arising" in str(row.prompt)
            assert recused.id not in motion.electorate

            await pilot.press("F")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert recused.id not in {v.member_id for v in motion.votes}
            assert tally(motion).for_ == 4
            await pilot.press("x")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert motion.state is MotionState.CARRIED
            assert (
                f"Present without a vote: {recused.name} (declared a conflict of interest on "
                in shown(app.screen, "#motion-minutes")
            )
    finally:
        app.shutdown()


# --------------------------------------------------------------------------
# Removal of a member


async def test_removal_with_subject_present(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 5)
            subject = members[4]
            meeting = meeting_with(app, members)
            await app.push_screen(MotionScreen(meeting, item_id(meeting)))
            await settle(pilot)
            screen = app.screen
            await pick(pilot, "motion-kind", "removal")
            await pick(pilot, "motion-subject", subject.name)
            movers = select_labels(screen.query_one("#motion-mover", Select))
            assert subject.name not in movers and members[0].name in movers
            await draft(pilot, "remove them", members[0], members[1])
            await pilot.press("ctrl+s")
            await settle(pilot)
            motion = app.screen.motion
            assert motion.kind is MotionKind.REMOVAL and motion.state is MotionState.CONSENSUS
            assert "Notice to the member not recorded" in screen_text(app)

            # No consensus for a removal, and no vote before the notice.
            assert "needs a vote of 50% + 1" in screen_text(app)
            await pilot.press("c")
            await settle(pilot)
            assert motion.state is MotionState.CONSENSUS and not motion.by_consensus
            await pilot.press("v")
            await settle(pilot)
            assert motion.state is MotionState.CONSENSUS
            assert "The member must be notified" in shown(app.screen, "#motion-message")

            await pilot.press("n")
            await settle(pilot)
            form = app.screen
            form.query_one("#notice-date").value = "2026-11-15"
            form.query_one("#notice-reasons").focus()
            await pilot.press(*"Shared minutes")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert motion.removal.notified_on == date(2026, 11, 15)
            assert "notified of the vote and the reasons on Sunday, November 15, 2026" in screen_text(app)

            await pilot.press("v")
            await settle(pilot)
            screen = app.screen
            assert motion.state is MotionState.VOTING
            assert subject.id not in motion.electorate
            row = screen.query_one("#vote-list", OptionList).get_option(f"excluded:{subject.id}")
            assert row.disabled and SUBJECT_REASON in str(row.prompt)
            await pilot.press("F")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert digits(app.screen)["for"] == "4"
            await pilot.press("x")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert motion.state is MotionState.CARRIED
            assert "Written notice of the outcome not recorded" in screen_text(app)

            # The written outcome notice: two member organizations sign.
            await pilot.press("s")
            await settle(pilot)
            signers = app.screen.query_one("#outcome-signers", SelectionList)
            signers.focus()
            await pilot.press("space")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "at least two" in shown(app.screen, ".notice-error")
            await pilot.press("down", "space")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert len(motion.removal.signed_by) == 2
            assert subject.id not in motion.removal.signed_by
            minutes = shown(app.screen, "#motion-minutes")
            assert f"Present without a vote: {subject.name} (subject of the motion)" in minutes
            assert "Written notice of the outcome dated November 29, 2026 was signed by" in minutes
    finally:
        app.shutdown()


# --------------------------------------------------------------------------
# Reopening, withdrawing, amendments


async def test_reopen_needs_a_reason_and_is_recorded(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 3)
            meeting = meeting_with(app, members)
            motion = await move(pilot, app, meeting, "adopt the logo", members[0], members[1])
            await pilot.press("c")
            await settle(pilot)
            assert motion.state is MotionState.CARRIED
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, TextPrompt)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, TextPrompt)
            assert "reason" in shown(app.screen, "#prompt-error")
            assert motion.state is MotionState.CARRIED
            await pilot.press(*"not heard")
            await pilot.press("enter")
            await settle(pilot)
            assert motion.state is MotionState.CONSENSUS and not motion.by_consensus
            assert any("reopened (was carried): not heard" in e.what for e in motion.events)
            assert "Reopened" in shown(app.screen, "#motion-message")
            await pilot.press("w")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert motion.state is MotionState.WITHDRAWN
            assert "Withdrawn." in shown(app.screen, "#motion-minutes")
    finally:
        app.shutdown()


async def test_amendment_is_decided_before_the_main_motion(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 4)
            meeting = meeting_with(app, members)
            main = await move(pilot, app, meeting, "meet monthly", members[0], members[1])
            main_screen = app.screen
            await pilot.press("m")
            await settle(pilot)
            amendment_screen = app.screen
            assert amendment_screen is not main_screen
            assert amendment_screen.query_one("#motion-kind", Select).value is MotionKind.AMENDMENT
            assert amendment_screen.query_one("#motion-amends", Select).value == main.id
            await draft(pilot, "say bimonthly", members[2], members[3])
            await pilot.press("ctrl+s")
            await settle(pilot)
            amendment = amendment_screen.motion
            assert amendment.kind is MotionKind.AMENDMENT and amendment.state is MotionState.CONSENSUS
            await pilot.press("escape")  # back to the main motion; the amendment stays open
            await settle(pilot)
            assert app.screen is main_screen
            assert "to this motion is open" in screen_text(app)
            await pilot.press("c")
            await settle(pilot)
            assert main.state is MotionState.CONSENSUS
            assert "still open" in shown(app.screen, "#motion-message")

            # The motions list brings back the open amendment at its stage.
            await pilot.press("l")
            await settle(pilot)
            assert isinstance(app.screen, MotionsList)
            listed = app.screen.query_one("#motions-list", OptionList)
            listed.highlighted = listed.get_option_index(amendment.id)
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.motion is amendment
            await pilot.press("c")
            await settle(pilot)
            assert amendment.state is MotionState.CARRIED

            # The main motion's wording is offered for update to the amended text.
            prompt = app.screen
            assert isinstance(prompt, TextPrompt)
            field = prompt.query_one("#prompt-input")
            assert field.value == "That meet monthly"
            field.value = ""
            await pilot.press(*"meet every two months")
            await pilot.press("enter")
            await settle(pilot)
            assert main.amended_text == "That meet every two months"
            assert main.text == "That meet monthly"  # the wording moved stays on record
            await pilot.press("l")
            await settle(pilot)
            listed = app.screen.query_one("#motions-list", OptionList)
            listed.highlighted = listed.get_option_index(main.id)
            await pilot.press("enter")
            await settle(pilot)
            assert "That meet every two months, as amended" in shown(app.screen, "#motion-summary")
            await pilot.press("c")
            await settle(pilot)
            assert main.state is MotionState.CARRIED
            assert shown(app.screen, "#motion-minutes").startswith(
                "Minutes: That meet every two months, as amended."
            )
    finally:
        app.shutdown()


async def test_returning_to_an_open_vote_shows_its_stage(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 3)
            meeting = meeting_with(app, members)
            motion = await move(pilot, app, meeting, "adopt the budget", members[0], members[1])
            await call_vote_confirmed(pilot)
            await vote(pilot, members[0], "f")
            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(app.screen, MotionScreen)
            assert motion.state is MotionState.VOTING  # nothing lost

            await app.push_screen(MotionScreen(meeting, item_id(meeting), motion_id=motion.id))
            await settle(pilot)
            screen = app.screen
            assert screen.stage == "voting"
            assert digits(screen)["for"] == "1"
            assert screen.query_one("#vote-list").has_focus
            assert "Vote open" in screen_text(app)
    finally:
        app.shutdown()


# --------------------------------------------------------------------------
# The draft form


async def test_validation_errors_inline_and_nothing_lost(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 3)
            meeting = meeting_with(app, members)
            await app.push_screen(MotionScreen(meeting, item_id(meeting)))
            await settle(pilot)
            screen = app.screen
            await pilot.press(*"adopt the plan")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "needs a mover" in shown(screen, "#motion-error")
            await pick(pilot, "motion-mover", members[0].name)
            await pick(pilot, "motion-seconder", members[0].name)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "cannot also second" in shown(screen, "#motion-error")
            assert screen.query_one("#motion-text").text == "adopt the plan"
            assert meeting.motions == []
            assert "That adopt the plan." in shown(screen, "#motion-minutes")

            # Escape asks before throwing the draft away.
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await settle(pilot)
            assert app.screen is screen
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert not isinstance(app.screen, MotionScreen)
            assert meeting.motions == []

            # Nothing typed: Escape leaves at once.
            await app.push_screen(MotionScreen(meeting, item_id(meeting)))
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(app.screen, (MotionScreen, ConfirmDialog))
    finally:
        app.shutdown()


async def test_help_lists_the_motion_keys(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 3)
            meeting = meeting_with(app, members)
            await move(pilot, app, meeting, "adopt the plan", members[0], members[1])
            await pilot.press("f1")
            await settle(pilot)
            table = app.screen.query_one("#help-keys")
            rows = [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
            descriptions = {d for _, d in rows}
            assert {"Carried by consensus", "Objection \u2192 vote", "Call a vote", "Withdraw", "Back to the console"} <= descriptions
            assert "Close the vote" not in descriptions  # not at this stage
            await pilot.press("escape")
            await settle(pilot)
            await call_vote_confirmed(pilot)
            await pilot.press("f1")
            await settle(pilot)
            table = app.screen.query_one("#help-keys")
            rows = [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
            assert {("f", "For"), ("1", "For"), ("a", "Against"), ("2", "Against"), ("b", "Abstain"), ("3", "Abstain")} <= set(rows)
            assert {"Close the vote", "Remaining: for"} <= {d for _, d in rows}
            assert any(d.startswith("Next vote") or "lectronic" in d for _, d in rows)
    finally:
        app.shutdown()


# --------------------------------------------------------------------------
# What carried motions change elsewhere


async def test_previous_minutes_approved_by_motion_and_undone_on_reopen(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 3)
            meeting = meeting_with(app, members)
            previous = app.coalition.meeting(app.store, app.coalition.latest_closed_ref().id)
            previous.minutes_status = MinutesStatus.DRAFT
            previous.approved_on = None
            meeting.previous_minutes.meeting_id = previous.id
            await app.push_screen(MotionScreen(meeting, item_id(meeting, AgendaKind.PREVIOUS_MINUTES)))
            await settle(pilot)
            screen = app.screen
            assert screen.query_one("#motion-kind", Select).value is MotionKind.PREVIOUS_MINUTES
            assert "be approved as presented" in screen.query_one("#motion-text").text
            await pick(pilot, "motion-mover", members[0].name)
            await pick(pilot, "motion-seconder", members[1].name)
            await pilot.press("ctrl+s")
            await settle(pilot)
            motion = app.screen.motion
            await pilot.press("c")
            await settle(pilot)
            assert motion.state is MotionState.CARRIED
            assert previous.minutes_status is MinutesStatus.APPROVED and previous.approved_on == TODAY
            assert meeting.previous_minutes.motion_id == motion.id
            assert meeting.previous_minutes.result == "approved as presented"

            await pilot.press("o")
            await settle(pilot)
            await pilot.press(*"wrong")
            await pilot.press("enter")
            await settle(pilot)
            assert motion.state is MotionState.CONSENSUS
            assert previous.minutes_status is MinutesStatus.DRAFT
            assert meeting.previous_minutes.motion_id is None
    finally:
        app.shutdown()


async def test_location_and_application_motions(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 4)
            meeting = meeting_with(app, members)
            pending = next(a for a in app.coalition.applications if a.status is ApplicationStatus.PENDING)

            location = await move(
                pilot, app, meeting, "meet online", members[0], members[1],
                kind="meeting location", item=item_id(meeting, AgendaKind.NEXT_MEETING),
            )
            await object_by(pilot, members[2])
            await pilot.press("F")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            await pilot.press("x")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert location.state is MotionState.CARRIED
            assert meeting.next_meeting.location_decided_by == "majority"
            await pilot.press("escape")
            await settle(pilot)

            await app.push_screen(MotionScreen(meeting, item_id(meeting)))
            await settle(pilot)
            await pick(pilot, "motion-kind", "membership")
            await pick(pilot, "motion-application", pending.applicant)
            await draft(pilot, "approve it", members[2], members[3])
            await pilot.press("ctrl+s")
            await settle(pilot)
            application_motion = app.screen.motion
            assert application_motion.application_id == pending.id
            await pilot.press("c")
            await settle(pilot)
            assert application_motion.state is MotionState.CARRIED
            assert pending.status is ApplicationStatus.PENDING
            line = f"Approved by motion {application_motion.number} at the meeting of Sunday, November 29, 2026"
            assert line in pending.notes.splitlines()
            assert app.flush_saves()
            stored = next(a for a in Store.open(tmp_path / "data", lock=False).applications() if a.id == pending.id)
            assert line in stored.notes
    finally:
        app.shutdown()


# --------------------------------------------------------------------------
# The tally widget on its own


class TallyApp(App):
    def __init__(self, motion: Motion, final=None) -> None:
        super().__init__()
        self.motion = motion
        self.final = final

    def compose(self) -> ComposeResult:
        yield TallyView(tally(self.motion), self.final, id="tally")


def sample_motion(base: VotingBase) -> Motion:
    electorate = [f"m{i}" for i in range(7)]
    choices = [VoteChoice.FOR] * 3 + [VoteChoice.AGAINST] * 2 + [VoteChoice.ABSTAIN]
    return Motion(
        text="That it be so",
        state=MotionState.VOTING,
        electorate=electorate,
        voting_base=base,
        votes=[Vote(m, c, electronic=(i == 0)) for i, (m, c) in enumerate(zip(electorate, choices))],
    )


async def test_tally_widget_shows_the_domain_numbers():
    motion = sample_motion(VotingBase.VOTES_CAST)
    app = TallyApp(motion)
    async with app.run_test(size=(60, 14)) as pilot:
        await pilot.pause()
        view = app.query_one(TallyView)
        assert digits(app.screen) == {"for": "3", "against": "2", "abstain": "1", "needed": "3"}
        assert str(app.query_one("#tally-outcome").visual) == "Carrying"
        detail = str(app.query_one("#tally-detail").visual)
        assert detail == (
            "3 for, 2 against, 1 abstention; 1 member yet to vote. "
            "5 votes cast for or against; 3 needed (more than half).\n1 vote cast electronically."
        )
        bar = str(app.query_one("#tally-bar").render())
        assert "3 needed" in bar

        other = sample_motion(VotingBase.PRESENT_ELIGIBLE)
        view.show(tally(other))
        await pilot.pause()
        assert digits(app.screen)["needed"] == "4"  # 7 present and eligible: 4 needed
        assert str(app.query_one("#tally-outcome").visual) == "Failing"

        other.votes.append(Vote("m6", VoteChoice.AGAINST))
        view.show(tally(other), MotionState.DEFEATED)
        await pilot.pause()
        assert str(app.query_one("#tally-outcome").visual) == "DEFEATED"
        detail = str(app.query_one("#tally-detail").visual)
        assert detail.startswith("3 for, 3 against, 1 abstention. 7 members present and eligible; 4 needed")
