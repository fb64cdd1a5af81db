"""The motion screen keeps the official record right (issue 9), at 80x24.

Consensus first, with the chair's confirmation before a vote nobody asked
for; count wording taken from the domain only; remote members voting
electronically by default; the survivor-member setting; conflicts declared by
members present, with their nature; a motion under other business taking an
item's conflicts; the wording corrected while open; the roster naming the
motion that removed a member.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path

from textual.widgets import OptionList, Select

import dhtc_tui.tui
from dhtc_tui.domain.agenda import add_item, plan_meeting, start_meeting
from dhtc_tui.domain.attendance import attendance_counts, mark
from dhtc_tui.domain.model import AgendaKind, MemberKind, MotionState, Presence
from dhtc_tui.domain.voting import consensus_sentence, count_sentence, declare_conflict, tally
from dhtc_tui.tui.screens.console import ConsoleScreen
from dhtc_tui.tui.screens.motion import MotionScreen
from dhtc_tui.tui.widgets.dialogs import ConfirmDialog, TextPrompt
from dhtc_tui.tui.widgets.items.formal import ConflictForm
from dhtc_tui.tui.widgets.items.people import AttendancePanel
from tests.tui.demo_app import make_demo_app
from tests.tui.test_motions import (
    SIZE,
    move,
    object_by,
    pick,
    select_labels,
    settle,
    shown,
    vote,
)

TODAY = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 10, 0)


def make_app(tmp_path):
    return make_demo_app(tmp_path, clock=lambda: NOW)


def voters(app, count):
    return [m for m in app.coalition.active_organizations if m.votes][:count]


def meeting_with(app, present=(), remote=()):
    data = app.coalition
    previous = data.meeting(app.store, data.latest_closed_ref().id)
    meeting = plan_meeting(TODAY, time(9, 30), "Lakeshore Civic Centre", data.settings, previous)
    start_meeting(meeting, datetime(2026, 11, 29, 9, 31))
    for member in present:
        mark(meeting, member.id, Presence.PRESENT, member.representative)
    for member in remote:
        mark(meeting, member.id, Presence.REMOTE, member.representative)
    app.meeting_changed(meeting)
    return meeting


def business_arising(meeting) -> str:
    return meeting.item_of_kind(AgendaKind.BUSINESS_ARISING).id


# --------------------------------------------------------------------------
# One copy of the count wording


TUI = Path(dhtc_tui.tui.__file__).parent

#: Phrases of the record's count wording that only dhtc_tui.domain.voting may spell.
DOMAIN_ONLY = (
    "unanimously",
    "more than half",
    "present and eligible;",
    "cast for or against",
    "yet to vote",
    "consensus was not reached",
    "present without a vote",
)


def test_the_interface_has_no_second_copy_of_the_count_wording():
    sources = sorted(TUI.rglob("*.py"))
    assert len(sources) > 20  # the package was found
    found = []
    for path in sources:
        text = path.read_text(encoding="utf-8").casefold()
        for phrase in DOMAIN_ONLY:
            if phrase in text:
                found.append(f"{path.relative_to(TUI)}: {phrase}")
    # The old local copies of the base, by their shape.
    for path in sources:
        if re.search(r"base: \{", path.read_text(encoding="utf-8"), re.IGNORECASE):
            found.append(f"{path.relative_to(TUI)}: base: {{...}}")
    assert found == []


# --------------------------------------------------------------------------
# Consensus first; wording corrected while open; remaining members listed


async def test_vote_without_objection_needs_the_chair_and_is_recorded(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 4)
            meeting = meeting_with(app, members)
            motion = await move(pilot, app, meeting, "buy a projector", members[0], members[1])

            await pilot.press("v")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            question = shown(dialog, "#confirm-question")
            assert "the Chair called a vote with no objection on record" in question
            await pilot.press("n")
            await settle(pilot)
            assert motion.state is MotionState.CONSENSUS and motion.vote_opened_at is None

            await pilot.press("v")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            screen = app.screen
            assert motion.state is MotionState.VOTING and motion.vote_without_objection
            expected = consensus_sentence(motion, app.coalition.names)
            assert expected.startswith("Consensus was not reached")
            assert expected in shown(screen, "#motion-status").replace("\n", " ")

            # The tally says the count in the domain's words.
            await vote(pilot, members[3], "a")
            assert shown(screen, "#tally-detail") == count_sentence(tally(motion), pending=True)

            # The chair corrects the wording while the vote is open.
            await pilot.press("W")
            await settle(pilot)
            prompt = app.screen
            assert isinstance(prompt, TextPrompt)
            assert prompt.query_one("#prompt-input").value == "That buy a projector"
            prompt.query_one("#prompt-input").value = ""
            await pilot.press(*"rent a projector", "enter")
            await settle(pilot)
            assert motion.text == "That rent a projector"
            assert any(e.what == "wording corrected: That rent a projector" for e in motion.events)
            assert "That rent a projector" in shown(app.screen, "#motion-summary")

            # Remaining members: for lists them alphabetically.
            await pilot.press("F")
            await settle(pilot)
            question = shown(app.screen, "#confirm-question")
            listed = [line.strip() for line in question.splitlines()[1:] if line.strip()]
            names = [m.name for m in members[:3]]
            assert sorted(listed) == sorted(names)
            assert listed == sorted(names, key=str.casefold)
            await pilot.press("y")
            await settle(pilot)
            assert tally(motion).for_ == 3
    finally:
        app.shutdown()


async def test_an_objection_names_who_objected(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 3)
            meeting = meeting_with(app, members)
            motion = await move(pilot, app, meeting, "buy a projector", members[0], members[1])
            await object_by(pilot, members[2])
            assert not isinstance(app.screen, ConfirmDialog)  # an objection needs no confirmation
            assert motion.state is MotionState.VOTING and not motion.vote_without_objection
            status = shown(app.screen, "#motion-status").replace("\n", " ")
            assert f"an objection was raised by {members[2].name}. The motion was put to a vote." in status
    finally:
        app.shutdown()


# --------------------------------------------------------------------------
# Remote votes and survivor members


async def test_remote_members_vote_electronically_and_survivors_follow_the_setting(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            data = app.coalition
            data.settings.survivors_vote = True
            a, b, c, d = voters(app, 4)
            survivor = next(m for m in data.active_members if m.kind is MemberKind.SURVIVOR)
            meeting = meeting_with(app, [a, b, survivor], remote=[c, d])
            motion = await move(pilot, app, meeting, "hold a vigil", a, b)
            await object_by(pilot, a)
            assert survivor.id in motion.electorate  # the setting says survivor members vote

            await vote(pilot, c, "f")  # remote: electronic by default
            await vote(pilot, a, "f")  # in the room: in person
            vote_list = app.screen.query_one("#vote-list", OptionList)
            vote_list.highlighted = vote_list.get_option_index(d.id)
            await pilot.press("e")  # the minute taker says this remote vote was given in person
            await settle(pilot)
            assert "ON" in shown(app.screen, "#vote-hint") and "in person" in shown(app.screen, "#vote-hint")
            await pilot.press("f")
            await settle(pilot)
            votes = {v.member_id: v.electronic for v in motion.votes}
            assert votes == {c.id: True, a.id: False, d.id: False}
            assert "1 vote cast electronically." in shown(app.screen, "#tally-detail")
    finally:
        app.shutdown()


async def test_attendance_counts_follow_the_survivor_setting(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            data = app.coalition
            survivor = next(m for m in data.active_members if m.kind is MemberKind.SURVIVOR)
            meeting = meeting_with(app, voters(app, 3))
            mark(meeting, survivor.id, Presence.PRESENT, survivor.representative)
            meeting.current_index = meeting.agenda.index(meeting.item_of_kind(AgendaKind.ATTENDANCE))
            await app.push_screen(ConsoleScreen(meeting))
            await settle(pilot)
            panel = app.screen.query_one(AttendancePanel)
            for setting in (False, True):
                data.settings.survivors_vote = setting
                panel.update_counts()
                await pilot.pause()
                counts = attendance_counts(meeting, data.members, survivors_vote=setting)
                text = str(app.screen.query_one("#attendance-counts").render())
                assert f"voting members attending {counts.voting_attending} of {counts.voting_members}" in text
            assert counts.voting_attending == attendance_counts(meeting, data.members).voting_attending + 1
    finally:
        app.shutdown()


# --------------------------------------------------------------------------
# Conflicts of interest


async def test_conflicts_are_declared_by_members_present_with_their_nature(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 4)
            absent = voters(app, 6)[5]
            meeting = meeting_with(app, members)
            await app.push_screen(ConflictForm(meeting, app.coalition))
            await settle(pilot)
            form = app.screen
            offered = [n for n in select_labels(form.query_one("#conflict-member", Select)) if n != "\u2014"]
            assert sorted(offered) == sorted(m.name for m in members)
            assert absent.name not in offered
            form.query_one("#conflict-member", Select).value = members[3].id
            form.query_one("#conflict-item", Select).value = business_arising(meeting)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "nature" in shown(form, "#conflict-error")
            assert meeting.conflicts == []
            form.query_one("#conflict-nature").value = "sits on the bidder's board"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is not form
            [conflict] = meeting.conflicts
            assert (conflict.member_id, conflict.nature) == (members[3].id, "sits on the bidder's board")
    finally:
        app.shutdown()


async def test_a_motion_under_other_business_takes_the_conflicts_of_its_item(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            members = voters(app, 4)
            recused = members[3]
            meeting = meeting_with(app, members)
            declare_conflict(meeting, recused.id, business_arising(meeting), "board member of the bidder")
            other = add_item(meeting, AgendaKind.OTHER, "Projector purchase")
            await app.push_screen(MotionScreen(meeting, other.id))
            await settle(pilot)
            screen = app.screen
            assert not screen.query_one("#row-conflict-item").has_class("-hidden")
            assert recused.name in select_labels(screen.query_one("#motion-mover", Select))
            screen.query_one("#motion-conflict-item", Select).value = business_arising(meeting)
            await settle(pilot)
            assert recused.name not in select_labels(screen.query_one("#motion-mover", Select))
            motion = await move_here(pilot, "buy it", members[0], members[1])
            assert motion.conflict_item_id == business_arising(meeting)
            assert motion.agenda_item_id == other.id
            excluded = shown(app.screen, "#motion-excluded")
            assert f"{recused.name} (declared a conflict of interest on " in excluded

            # On a standing item the question is not asked.
            await app.pop_screen()
            await app.push_screen(MotionScreen(meeting, business_arising(meeting)))
            await settle(pilot)
            assert app.screen.query_one("#row-conflict-item").has_class("-hidden")
    finally:
        app.shutdown()


async def move_here(pilot, text, mover, seconder):
    """Draft on the open screen and move it."""
    screen = pilot.app.screen
    screen.query_one("#motion-text").focus()
    await pilot.press(*text)
    await pick(pilot, "motion-mover", mover.name)
    await pick(pilot, "motion-seconder", seconder.name)
    await pilot.press("ctrl+s")
    await settle(pilot)
    motion = pilot.app.screen.motion
    assert motion is not None and motion.state is MotionState.CONSENSUS
    return motion
