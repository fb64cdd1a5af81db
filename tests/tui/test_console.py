"""A whole meeting through the console, pressing keys as the chair and minute taker would."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from dhtc_tui.domain.model import (
    ActionStatus,
    AgendaKind,
    ItemState,
    MeetingStatus,
    MinutesStatus,
    Presence,
)
from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import CoalitionApp
from tests.tui.demo_app import wait_for

TODAY = date(2026, 11, 29)


class Clock:
    """A meeting clock the test moves forward."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def data_dir(demo_dir):
    return demo_dir


def make_app(data_dir, clock) -> CoalitionApp:
    return CoalitionApp(Store.open(data_dir), today=TODAY, clock=clock)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


def item_index(meeting, kind: AgendaKind) -> int:
    return meeting.agenda.index(meeting.item_of_kind(kind))


async def goto_kind(pilot, app, kind: AgendaKind) -> None:
    """Press F4 until the item of ``kind`` is current (as the chair would)."""
    meeting = app.screen.meeting
    for _ in range(len(meeting.agenda)):
        if meeting.current_item.kind is kind:
            break
        await pilot.press("f4")
        await pilot.pause()
    await pilot.pause()
    assert meeting.current_item.kind is kind


async def start_new_meeting(pilot, app):
    await pilot.press("n")
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    await pilot.pause()
    assert type(app.screen).__name__ == "ConsoleScreen"
    return app.screen.meeting


async def test_plan_meeting_prefills_from_previous_and_agenda(data_dir):
    clock = Clock(datetime(2027, 1, 21, 9, 30))
    app = make_app(data_dir, clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            screen = app.screen
            # The last demo meeting chose the date, time and place.
            assert screen.query_one("#setup-date").value == "2027-01-21"
            assert screen.query_one("#setup-time").value == "09:30"
            assert screen.query_one("#setup-location").value
            titles = [i.title for i in screen.meeting.agenda]
            assert titles[0] == "Volunteer minute taker"
            assert titles[-1] == "Scheduling of next meeting"
            # Previous meeting's recommended items come before the case examples.
            assert "Honorarium policy for survivor members" in titles
            assert titles.index("Honorarium policy for survivor members") < titles.index("Case Examples (non-identifying)")
            # An impossible date is refused with a message; nothing saved.
            date_input = screen.query_one("#setup-date")
            date_input.value = "2027-02-30"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "not a real date" in str(screen.query_one("#setup-error").render())
            assert all(r.status is not MeetingStatus.SCHEDULED for r in app.coalition.refs)
            date_input.value = "2027-01-21"
            # Add an item, move it, skip one with a reason.
            table = screen.query_one("#setup-agenda")
            table.focus()
            await pilot.press("a")
            await type_text(pilot, "Budget update")
            await pilot.press("enter")
            await pilot.pause()
            assert "Budget update" in [i.title for i in screen.meeting.agenda]
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
            assert any(r.status is MeetingStatus.SCHEDULED for r in app.coalition.refs)
    finally:
        app.shutdown()
    with Store.open(data_dir) as store:
        refs = [r for r in store.meetings() if r.status is MeetingStatus.SCHEDULED]
        assert len(refs) == 1
        meeting = store.load_meeting(refs[0].id)
        assert meeting.date == date(2027, 1, 21)
        assert "Budget update" in [i.title for i in meeting.agenda]


async def test_whole_meeting_through_all_ten_items(data_dir):
    clock = Clock(datetime(2027, 1, 21, 9, 31))
    app = make_app(data_dir, clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = await start_new_meeting(pilot, app)
            assert meeting.status is MeetingStatus.IN_PROGRESS
            assert meeting.current_item.kind is AgendaKind.MINUTE_TAKER

            # 1. Minute taker: type a volunteer's name.
            app.screen.query_one("#minute-taker-input").focus()
            await type_text(pilot, "Keisha Grant")
            await pilot.press("enter")
            await pilot.pause()
            assert meeting.minute_taker == "Keisha Grant"

            # 2. Attendance with one key per member.
            await goto_kind(pilot, app, AgendaKind.ATTENDANCE)
            active = app.coalition.active_members
            await pilot.press("p", "p", "r")  # first two present, third remote
            await pilot.press("d")  # fourth: delegate, asks for a name
            await pilot.pause()
            await type_text(pilot, "Alex Mercer")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("g", "x")  # regrets, absent
            for _ in range(len(active) - 6):
                await pilot.press("p")
            await pilot.pause()
            status = {a.member_id: a for a in meeting.attendance}
            assert status[active[0].id].presence is Presence.PRESENT
            assert status[active[2].id].presence is Presence.REMOTE
            assert status[active[3].id].presence is Presence.DELEGATE
            assert status[active[3].id].person == "Alex Mercer"
            assert status[active[4].id].presence is Presence.REGRETS
            assert status[active[5].id].presence is Presence.ABSENT
            counts = str(app.screen.query_one("#attendance-counts").render())
            assert f"Attending {len(active) - 2} of {len(active)}" in counts
            # A late arrival: move to the first row and record the time.
            table = app.screen.query_one("#attendance-list")
            table.move_cursor(row=0)
            await pilot.press("l")
            await pilot.pause()
            app.screen.query_one("#prompt-input").value = "9:50"
            await pilot.press("enter")
            await pilot.pause()
            assert status[active[0].id].arrived.hour == 9 and status[active[0].id].arrived.minute == 50
            # A guest, with no vote.
            await pilot.press("plus")
            await pilot.pause()
            await type_text(pilot, "Dana Whitlock, Harbourview College")
            await pilot.press("enter")
            await pilot.pause()
            assert meeting.guests[-1].name == "Dana Whitlock"

            # 3. Land acknowledgement: who delivered it.
            clock.advance(5)
            await goto_kind(pilot, app, AgendaKind.LAND_ACKNOWLEDGEMENT)
            assert "Williams Treaties" in str(app.screen.query_one("#land-ack-text").render())
            await type_text(pilot, "Dawn Whitecloud")
            await pilot.press("enter")
            await pilot.pause()
            assert meeting.land_acknowledgement_done
            assert meeting.land_acknowledgement_by == "Dawn Whitecloud"

            # 4. Conflicts: none declared, in one key.
            await goto_kind(pilot, app, AgendaKind.CONFLICTS)
            await pilot.press("0")
            await pilot.pause()
            assert meeting.no_conflicts_declared
            assert "no declarations" in str(app.screen.query_one("#conflicts-status").render())

            # 5. Previous minutes: one adjustment, then approved by consensus.
            await goto_kind(pilot, app, AgendaKind.PREVIOUS_MINUTES)
            assert app.focused.id == "previous-actions"
            await pilot.press("a")
            await pilot.pause()
            await type_text(pilot, "Spelling of a program name in item 8")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            assert meeting.previous_minutes.adjustments == ["Spelling of a program name in item 8"]
            assert meeting.previous_minutes.result == "approved as corrected"
            previous = app.coalition.meeting(app.store, meeting.previous_minutes.meeting_id)
            assert previous.minutes_status is MinutesStatus.APPROVED
            assert previous.approved_on == meeting.date

            # 6. Business arising: mark the first open item done, with a note.
            await goto_kind(pilot, app, AgendaKind.BUSINESS_ARISING)
            table = app.screen.query_one("#business-actions")
            first_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            await pilot.press("1")
            await pilot.pause()
            await type_text(pilot, "Shared with members")
            await pilot.press("enter")
            await pilot.pause()
            action = next(a for a in app.coalition.actions if a.id == first_key)
            assert action.status is ActionStatus.DONE
            assert action.history[-1].meeting_id == meeting.id
            assert action.history[-1].note == "Shared with members"
            assert first_key in meeting.action_updates

            # 7. Sub-committee updates: one entry per sub-committee.
            await goto_kind(pilot, app, AgendaKind.SUBCOMMITTEES)
            assert app.focused.id == "sub-0"
            await type_text(pilot, "Campaign launched")
            await pilot.pause()
            first_sub = app.coalition.settings.subcommittees[0]
            assert meeting.subcommittee_updates[first_sub] == "Campaign launched"

            # 8. Member updates: a go-around, "no update" in one key.
            await goto_kind(pilot, app, AgendaKind.MEMBER_UPDATES)
            await pilot.press("enter")
            await type_text(pilot, "New counsellor hired")
            await pilot.press("escape")
            await pilot.press("0")
            await pilot.pause()
            updates = {u.member_id: u for u in meeting.member_updates}
            attending = [m for m in active if status[m.id].presence.attended]
            assert updates[attending[0].id].note == "New counsellor hired"
            assert updates[attending[1].id].no_update
            # Moving down the list records nothing for members not yet heard.
            await pilot.pause()
            assert len(meeting.member_updates) == 2

            # Added items (from the previous meeting's recommendations) have notes.
            while meeting.agenda[meeting.current_index + 1].kind is not AgendaKind.CASE_EXAMPLES:
                await pilot.press("f4")
                await pilot.pause()
                await pilot.pause()
                await type_text(pilot, "Discussed")
            assert meeting.current_item.notes == "Discussed"

            # 9. Case examples: the reminder must be acknowledged first.
            await pilot.press("f4")
            await pilot.pause()
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfidentialityReminder"
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert len(meeting.case_examples.acknowledged_at) == 1
            await type_text(pilot, "A youth was recruited online. Call her mom at 905-555-0142 today.")
            # The live check runs after a short pause in typing, in a thread worker.
            await wait_for(
                pilot,
                lambda: "possible identifying detail" in str(app.screen.query_one("#case-status").render()),
                what="the live identifier check",
            )
            findings_text = str(app.screen.query_one("#case-status").render())
            assert "1 possible identifying detail" in findings_text
            assert "905-555-0142" in str(app.screen.query_one("#case-findings").get_option_at_index(0).prompt)
            # Mark it reviewed from the findings list.
            app.screen.query_one("#case-findings").focus()
            await pilot.press("r")
            await pilot.pause()
            assert any(k.startswith("case_examples.notes|phone") for k in meeting.reviewed)
            assert "All flagged details reviewed" in str(app.screen.query_one("#case-status").render())

            # 10. Next meeting: date, time, place, upcoming items.
            await goto_kind(pilot, app, AgendaKind.NEXT_MEETING)
            await type_text(pilot, "2027-02-18")
            app.screen.query_one("#next-time").focus()
            await type_text(pilot, "9:30")
            app.screen.query_one("#next-location").focus()
            await type_text(pilot, "Lakeshore Civic Centre")
            app.screen.query_one("#next-upcoming").focus()
            await type_text(pilot, "Budget")
            await pilot.pause()
            nxt = meeting.next_meeting
            assert nxt.on == date(2027, 2, 18)
            assert nxt.start_time.hour == 9 and nxt.start_time.minute == 30
            assert nxt.location == "Lakeshore Civic Centre"
            assert nxt.upcoming_items == ["Budget"]

            # Close: unfinished business shown, adjournment time recorded.
            clock.advance(60)
            await pilot.press("f10")
            await pilot.pause()
            assert type(app.screen).__name__ == "CloseMeetingDialog"
            app.screen.query_one("#close-time").value = "11:05"
            await pilot.press("enter")
            await pilot.pause()
            assert meeting.status is MeetingStatus.CLOSED
            assert meeting.adjourned.hour == 11 and meeting.adjourned.minute == 5
            assert all(i.state is not ItemState.CURRENT for i in meeting.agenda)
            assert type(app.screen).__name__ == "HomeScreen"
    finally:
        app.shutdown()

    # Everything is on disk.
    with Store.open(data_dir) as store:
        saved = store.load_meeting(meeting.id)
        assert saved.status is MeetingStatus.CLOSED
        assert saved.minute_taker == "Keisha Grant"
        assert saved.land_acknowledgement_by == "Dawn Whitecloud"
        assert saved.case_examples.notes.startswith("A youth was recruited online")
        assert saved.next_meeting.on == date(2027, 2, 18)
        assert store.load_meeting(saved.previous_minutes.meeting_id).minutes_status is MinutesStatus.APPROVED
        action = next(a for a in store.action_items() if a.id == first_key)
        assert action.status is ActionStatus.DONE


async def test_case_examples_closed_until_reminder_acknowledged(data_dir):
    clock = Clock(datetime(2027, 1, 21, 9, 31))
    app = make_app(data_dir, clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = await start_new_meeting(pilot, app)
            case_index = item_index(meeting, AgendaKind.CASE_EXAMPLES)
            came_from = meeting.current_index
            app.screen.go_to(case_index)
            await pilot.pause()
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfidentialityReminder"
            await pilot.press("escape")  # decline: back where the chair came from
            await pilot.pause()
            await pilot.pause()
            assert came_from != case_index - 1
            assert meeting.current_index == came_from
            assert meeting.case_examples.acknowledged_at == []
            # Opening again asks again; acknowledging each time is recorded.
            app.screen.go_to(case_index)
            await pilot.pause()
            await pilot.pause()
            await pilot.press("ctrl+y")
            await pilot.pause()
            app.screen.go_to(case_index - 1)
            await pilot.pause()
            app.screen.go_to(case_index)
            await pilot.pause()
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfidentialityReminder"
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert len(meeting.case_examples.acknowledged_at) == 2
    finally:
        app.shutdown()


async def test_skip_needs_reason_and_close_lists_unfinished(data_dir):
    clock = Clock(datetime(2027, 1, 21, 9, 31))
    app = make_app(data_dir, clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = await start_new_meeting(pilot, app)
            await pilot.press("f8")
            await pilot.pause()
            await pilot.press("enter")  # empty reason is refused
            await pilot.pause()
            assert "Say why" in str(app.screen.query_one("#prompt-error").render())
            await type_text(pilot, "Chair records minutes")
            await pilot.press("enter")
            await pilot.pause()
            assert meeting.agenda[0].state is ItemState.SKIPPED
            assert meeting.agenda[0].skip_reason == "Chair records minutes"
            assert meeting.current_index == 1
            await pilot.press("f10")
            await pilot.pause()
            text = str(app.screen.query_one("#close-unfinished").render())
            assert "Items never opened" in text
            assert "Attendance was not taken" in text
            await pilot.press("escape")
            await pilot.pause()
            assert meeting.status is MeetingStatus.IN_PROGRESS
    finally:
        app.shutdown()


async def test_help_lists_console_keys(data_dir):
    clock = Clock(datetime(2027, 1, 21, 9, 31))
    app = make_app(data_dir, clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await start_new_meeting(pilot, app)
            app.screen.query_one("#agenda").focus()
            await pilot.press("f1")
            await pilot.pause()
            table = app.screen.query_one("#help-keys")
            rows = [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
            joined = "\n".join(rows)
            for words in ("Next", "Motion", "Action", "Close", "Export", "Skip item"):
                assert words in joined
    finally:
        app.shutdown()


async def test_projector_theme_toggles(data_dir):
    app = make_app(data_dir, Clock(datetime(2027, 1, 21, 9, 31)))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            assert app.theme == "projector"
            await pilot.press("f2")
            await pilot.pause()
            assert app.theme != "projector"
    finally:
        app.shutdown()
