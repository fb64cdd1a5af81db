"""Screen snapshots: the demo coalition on a fixed day and a fixed clock.

Everything a screen shows that would differ between runs is pinned here:
the day (``today=``), the time of day and the meeting timers (the app's
``clock``), the header clock on home (Textual reads the wall clock there:
patched), the save status (saves are flushed before the picture), and the
blinking cursor (off, so the cursor is drawn the same way every time).
Nothing else differs: the demo data is built from a fixed seed, and no
temporary path is shown on these screens.
"""

from __future__ import annotations

from datetime import datetime, time

import pytest

from dhtc_tui.domain.agenda import go_to, plan_meeting, start_meeting
from dhtc_tui.domain.attendance import mark
from dhtc_tui.domain.model import AgendaKind, Motion, Presence, VoteChoice, VotingBase
from dhtc_tui.domain.voting import call_vote, cast_vote, open_motion, record_objection
from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import CoalitionApp
from dhtc_tui.tui.state import Coalition
from tests.demo_data import TODAY, copy_demo
from tests.tui.demo_app import settle

#: The two terminal sizes every screen is pictured at.
SIZES = {"80x24": (80, 24), "100x30": (100, 30)}

#: The meeting was called to order at 9:31; every picture is taken at 10:07.
STARTED = datetime(TODAY.year, TODAY.month, TODAY.day, 9, 31)
NOW = datetime(TODAY.year, TODAY.month, TODAY.day, 10, 7)


def app_on(data_dir) -> CoalitionApp:
    return CoalitionApp(Store.open(data_dir), today=TODAY, clock=lambda: NOW)


def demo_app(tmp_path) -> CoalitionApp:
    """The demo coalition with no meeting planned (home, roster, planning)."""
    return app_on(copy_demo(tmp_path / "data"))


def meeting_app(tmp_path, kind: AgendaKind = AgendaKind.MINUTE_TAKER, voting: bool = False) -> CoalitionApp:
    """The demo coalition with today's meeting in progress on the item of
    ``kind``: eight organizations in the room, one by delegate, one sent regrets.
    With ``voting``, a motion on that item is being voted on: five of the
    eight have voted (one electronically) after an objection."""
    data_dir = copy_demo(tmp_path / "data")
    with Store.open(data_dir) as store:
        data = Coalition.load(store)
        previous = data.meeting(store, data.latest_closed_ref().id)
        meeting = plan_meeting(TODAY, time(9, 30), "Lakeshore Civic Centre", data.settings, previous)
        start_meeting(meeting, STARTED)
        voters = [m for m in data.active_organizations if m.votes]
        room = voters[:8]
        for member in room[:7]:
            mark(meeting, member.id, Presence.PRESENT, member.representative)
        mark(meeting, room[7].id, Presence.DELEGATE, "Alex Mercer")
        mark(meeting, voters[8].id, Presence.REGRETS)
        meeting.minute_taker = "Keisha Grant"
        index = meeting.agenda.index(meeting.item_of_kind(kind))
        go_to(meeting, index, STARTED.replace(minute=STARTED.minute + index))
        if voting:
            item = meeting.item_of_kind(kind)
            at = NOW.replace(minute=2)
            motion = Motion(
                text="That the coalition fund a second training session for hotel staff",
                mover_id=room[0].id,
                seconder_id=room[1].id,
                agenda_item_id=item.id,
            )
            open_motion(meeting, motion, data.members, at, survivors_vote=data.settings.survivors_vote)
            record_objection(motion, room[2].id, at)
            call_vote(
                meeting, motion, data.members, VotingBase.VOTES_CAST, at, at.time(),
                survivors_vote=data.settings.survivors_vote,
            )
            for member, choice, electronic in [
                (room[0], VoteChoice.FOR, False),
                (room[1], VoteChoice.FOR, False),
                (room[2], VoteChoice.AGAINST, False),
                (room[3], VoteChoice.ABSTAIN, True),
                (room[4], VoteChoice.FOR, False),
            ]:
                cast_vote(motion, member.id, choice, electronic, at, meeting=meeting)
        store.save_meeting(meeting)
    return app_on(data_dir)


class _FrozenDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return NOW


@pytest.fixture(autouse=True)
def _header_clock_frozen(monkeypatch):
    """Textual's header clock reads the wall clock, not the app's ``clock``."""
    import textual.widgets._header

    monkeypatch.setattr(textual.widgets._header, "datetime", _FrozenDatetime)


async def steady(pilot) -> None:
    """Let the screen finish, then pin what would still change: saves are
    written and the save status redrawn; cursors stop blinking (shown solid)."""
    await settle(pilot)
    app = pilot.app
    app.flush_saves()
    for screen in app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            widget.cursor_blink = False
        if hasattr(screen, "update_bar"):
            screen.update_bar()
    await settle(pilot)


@pytest.fixture
def picture(snap_compare):
    """``picture(app, size, *keys)``: start ``app`` at ``size`` ("80x24"),
    press ``keys`` (each once the last has played out), and compare the
    screen with its stored SVG. The app is shut down afterwards (its writer
    thread and the data folder's lock), as the command line would."""

    def take(app: CoalitionApp, size: str, *keys: str) -> bool:
        async def run_before(pilot) -> None:
            await settle(pilot)
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            await steady(pilot)

        try:
            return snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
        finally:
            app.shutdown()

    return take
