"""What a carried motion changes outside itself, through the motion screen.

Terms of Reference, Removal of Members: a carried removal sets the member to
removed on the roster, with the date and the motion; reopening the motion
takes it back. Keys are pressed as the chair would, at 80x24.
"""

from __future__ import annotations

from datetime import date, datetime, time

from dhtc_tui.domain.agenda import plan_meeting, start_meeting
from dhtc_tui.domain.attendance import mark
from dhtc_tui.domain.model import AgendaKind, MemberStatus, Motion, MotionKind, MotionState, Presence
from dhtc_tui.domain.voting import open_motion, record_removal_notice
from dhtc_tui.domain.text import long_date
from dhtc_tui.tui.screens.motion import MotionScreen, VoteList
from dhtc_tui.tui.screens.roster import RosterScreen
from dhtc_tui.tui.widgets.dialogs import ConfirmDialog, TextPrompt
from dhtc_tui.store.repository import Store
from tests.tui.demo_app import make_demo_app

TODAY = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 10, 0)


async def until(pilot, condition, tries: int = 50) -> None:
    """Let the app run until ``condition()`` holds (a bounded number of turns)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause()
    assert condition()


def removal_motion(app):
    """A meeting with five voting members present and a removal motion of the
    fifth, noticed and seeking consensus (built through the domain)."""
    data = app.coalition
    members = [m for m in data.active_organizations if m.votes][:5]
    previous = data.meeting(app.store, data.latest_closed_ref().id)
    meeting = plan_meeting(TODAY, time(9, 30), "Lakeshore Civic Centre", data.settings, previous)
    start_meeting(meeting, datetime(2026, 11, 29, 9, 31))
    for member in members:
        mark(meeting, member.id, Presence.PRESENT, member.representative)
    subject = members[4]
    motion = Motion(
        "remove the member",
        kind=MotionKind.REMOVAL,
        mover_id=members[0].id,
        seconder_id=members[1].id,
        subject_member_id=subject.id,
        agenda_item_id=meeting.item_of_kind(AgendaKind.BUSINESS_ARISING).id,
    )
    record_removal_notice(motion, date(2026, 11, 15), "Did not follow the Guiding Principles", NOW)
    open_motion(meeting, motion, data.members, NOW)
    app.meeting_changed(meeting)
    return meeting, motion, subject


async def test_carried_removal_marks_the_member_removed_and_reopening_undoes_it(tmp_path):
    app = make_demo_app(tmp_path, clock=lambda: NOW)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting, motion, subject = removal_motion(app)
            await app.push_screen(MotionScreen(meeting, motion_id=motion.id))
            await pilot.press("v")
            await until(pilot, lambda: app.screen.query("#vote-list"))
            assert motion.state is MotionState.VOTING
            await pilot.press("F")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("y")
            await until(pilot, lambda: len(motion.votes) == 4)
            await pilot.press("x")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("y")
            await until(pilot, lambda: motion.state is MotionState.CARRIED and isinstance(app.screen, MotionScreen))

            assert subject.status is MemberStatus.REMOVED
            assert subject.status_on == TODAY
            assert subject.status_motion_id == motion.id
            assert subject not in app.coalition.active_members
            await until(pilot, lambda: "removed on the roster" in str(app.screen.query_one("#motion-message").visual))

            assert app.flush_saves()
            stored = next(m for m in Store.open(tmp_path / "data", lock=False).members() if m.id == subject.id)
            assert (stored.status, stored.status_on, stored.status_motion_id) == (
                MemberStatus.REMOVED, TODAY, motion.id,
            )

            # The roster says when, and by which motion, the member was removed.
            await app.push_screen(RosterScreen())
            await until(pilot, lambda: app.screen.query("#roster-table"))
            table = app.screen.query_one("#roster-table")
            table.move_cursor(row=table.get_row_index(subject.id))
            line = f"Status: removed on {long_date(TODAY)}: removed by motion {motion.number} of the meeting of"
            await until(pilot, lambda: line in str(app.screen.query_one("#roster-detail").visual))
            await app.pop_screen()
            await until(pilot, lambda: isinstance(app.screen, MotionScreen))

            # Reopening the motion (with a reason) makes the member active again.
            await pilot.press("o")
            await until(pilot, lambda: isinstance(app.screen, TextPrompt))
            await pilot.press(*"counted wrong", "enter")
            await until(pilot, lambda: motion.state is MotionState.VOTING and isinstance(app.screen, MotionScreen))
            assert subject.status is MemberStatus.ACTIVE
            assert subject.status_motion_id is None and subject.status_on is None
            assert subject in app.coalition.active_members
            await until(pilot, lambda: "active on the roster again" in str(app.screen.query_one("#motion-message").visual))
            assert app.flush_saves()
            stored = next(m for m in Store.open(tmp_path / "data", lock=False).members() if m.id == subject.id)
            assert stored.status is MemberStatus.ACTIVE
    finally:
        app.shutdown()


async def test_vote_keys_post_messages_the_screen_records(tmp_path):
    app = make_demo_app(tmp_path, clock=lambda: NOW)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting, motion, subject = removal_motion(app)
            await app.push_screen(MotionScreen(meeting, motion_id=motion.id))
            await pilot.press("v")
            await until(pilot, lambda: app.screen.query("#vote-list"))
            vote_list = app.screen.query_one("#vote-list", VoteList)
            assert vote_list.voting
            first = vote_list.highlighted_option.id
            await pilot.press("e")
            await until(pilot, lambda: vote_list.electronic_next)
            await pilot.press("a")
            await until(pilot, lambda: len(motion.votes) == 1)
            assert motion.votes[0].member_id == first and motion.votes[0].electronic
            assert not vote_list.electronic_next
            assert vote_list.highlighted_option.id != first
    finally:
        app.shutdown()
