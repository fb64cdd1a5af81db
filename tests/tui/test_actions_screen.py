"""Action items between meetings: list, add, edit, status changes with notes."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Select

from dhtc_tui.domain.model import ActionStatus
from dhtc_tui.tui.app import CoalitionApp
from tests.tui.demo_app import make_demo_app, reopen

TODAY = date(2026, 11, 29)


def make_app(tmp_path) -> CoalitionApp:
    return make_demo_app(tmp_path)



async def open_actions(pilot, app) -> DataTable:
    await pilot.press("a")
    await pilot.pause()
    assert type(app.screen).__name__ == "ActionItemsScreen"
    return app.screen.query_one("#actions-table", DataTable)


def row_keys(table: DataTable) -> list[str]:
    return [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]


def row_text(table: DataTable, key: str) -> list[str]:
    return [str(cell) for cell in table.get_row(key)]


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).content)


async def move_to(pilot, table: DataTable, key: str) -> None:
    await pilot.press("ctrl+home")
    for _ in range(table.row_count):
        if table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == key:
            return
        await pilot.press("down")
    assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == key


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def choose(pilot, text: str) -> None:
    """In a focused Select: open it, type to search, pick."""
    await pilot.press("enter")
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def test_open_items_by_default_o_shows_all(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_actions(pilot, app)
            data = app.coalition
            open_ids = {a.id for a in data.actions if a.is_open}
            assert open_ids and len(open_ids) < len(data.actions)  # the demo has done items too
            assert set(row_keys(table)) == open_ids
            assert "Showing open items" in text_of(app, "#actions-summary")

            await pilot.press("o")
            await pilot.pause()
            assert set(row_keys(table)) == {a.id for a in data.actions}
            assert "Showing all items" in text_of(app, "#actions-summary")
            # Open items first, then the closed ones.
            shown = [next(a for a in data.actions if a.id == k) for k in row_keys(table)]
            assert [a.is_open for a in shown] == sorted((a.is_open for a in shown), reverse=True)

            await pilot.press("o")
            await pilot.pause()
            assert set(row_keys(table)) == open_ids

            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
    finally:
        app.shutdown()


async def test_overdue_items_are_marked(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_actions(pilot, app)
            overdue = [a for a in app.coalition.actions if a.is_open and a.due and a.due < TODAY]
            on_time = [a for a in app.coalition.actions if a.is_open and a.due and a.due >= TODAY]
            assert overdue and on_time
            for item in overdue:
                assert row_text(table, item.id)[3].endswith("!")
            for item in on_time:
                assert not row_text(table, item.id)[3].endswith("!")
            assert f"{len(overdue)} overdue" in text_of(app, "#actions-summary")
            await move_to(pilot, table, overdue[0].id)
            assert "(OVERDUE)" in text_of(app, "#actions-detail")
    finally:
        app.shutdown()


async def test_add_item_with_member_owner_and_due_date(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_actions(pilot, app)
            expected_number = max(a.number for a in app.coalition.actions) + 1
            before = len(app.coalition.actions)
            await pilot.press("a")
            await pilot.pause()
            assert type(app.screen).__name__ == "ActionItemForm"
            await type_text(pilot, "Book the spring awareness venue")
            await pilot.press("enter")  # next field: the owner list
            await choose(pilot, "hotel assoc")
            hotel = next(m for m in app.coalition.members if m.name == "Lakeshore Hotel Association")
            assert app.screen.query_one("#action-owner", Select).value == hotel.id
            # Choosing a member fills in its representative.
            assert app.screen.query_one("#action-person").value == hotel.representative
            await pilot.press("tab", "tab")
            await type_text(pilot, "2026-12-15")
            await pilot.press("enter")  # Enter in the last field saves
            await pilot.pause()

            assert type(app.screen).__name__ == "ActionItemsScreen"
            assert len(app.coalition.actions) == before + 1
            item = app.coalition.actions[-1]
            assert item.number == expected_number
            assert item.description == "Book the spring awareness venue"
            assert item.owner_member_id == hotel.id
            assert item.owner_name == hotel.representative
            assert item.due == date(2026, 12, 15)
            assert item.status is ActionStatus.OPEN
            assert item.created_on == TODAY and item.created_meeting_id is None
            assert [(u.meeting_id, u.on, u.status) for u in item.history] == [(None, TODAY, ActionStatus.OPEN)]
            assert item.id in row_keys(table)
            assert row_text(table, item.id)[0] == str(expected_number)
            assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == item.id
        app.flush_saves()
    finally:
        app.shutdown()
    with reopen(tmp_path) as store:
        saved = next(a for a in store.action_items() if a.id == item.id)
        assert saved.description == "Book the spring awareness venue"
        assert saved.owner_member_id == hotel.id
        assert saved.due == date(2026, 12, 15)
        assert saved.number == expected_number


async def test_form_refuses_bad_input_with_a_message(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_actions(pilot, app)
            before = len(app.coalition.actions)
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert type(app.screen).__name__ == "ActionItemForm"
            assert text_of(app, "#action-error") == "Describe the action."
            assert app.screen.focused.id == "action-description"

            await type_text(pilot, "Send the survey")
            app.screen.query_one("#action-due").value = "2027-02-30"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert type(app.screen).__name__ == "ActionItemForm"
            assert text_of(app, "#action-error") == "2027-02-30 is not a real date."
            assert app.screen.focused.id == "action-due"
            assert len(app.coalition.actions) == before

            # Escape asks before throwing the typing away; "n" keeps editing.
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmDialog"
            await pilot.press("n")
            await pilot.pause()
            assert type(app.screen).__name__ == "ActionItemForm"
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert type(app.screen).__name__ == "ActionItemsScreen"
            assert len(app.coalition.actions) == before
    finally:
        app.shutdown()


async def test_item_without_owner_is_flagged(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_actions(pilot, app)
            unowned = sum(1 for a in app.coalition.actions if a.is_open and not a.owner_member_id and not a.owner_name)
            await pilot.press("a")
            await pilot.pause()
            await type_text(pilot, "Find a venue")
            await pilot.press("ctrl+s")
            await pilot.pause()
            item = app.coalition.actions[-1]
            assert item.owner_member_id is None and item.owner_name == ""
            assert "no owner" in row_text(table, item.id)[2]
            assert f"{unowned + 1} without an owner" in text_of(app, "#actions-summary")
            assert "NO OWNER" in text_of(app, "#actions-detail")
    finally:
        app.shutdown()


async def test_status_keys_record_history_with_note(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_actions(pilot, app)
            item = next(a for a in app.coalition.actions if a.is_open)
            history_before = len(item.history)
            await move_to(pilot, table, item.id)

            # 2 = in progress; Escape in the note prompt changes nothing.
            await pilot.press("2")
            await pilot.pause()
            assert type(app.screen).__name__ == "TextPrompt"
            await pilot.press("escape")
            await pilot.pause()
            assert len(item.history) == history_before

            await pilot.press("3")
            await pilot.pause()
            await pilot.press("enter")  # no note
            await pilot.pause()
            assert item.status is ActionStatus.CARRIED_FORWARD
            assert row_text(table, item.id)[4] == "carried"

            await pilot.press("1")
            await pilot.pause()
            await type_text(pilot, "Chart shared by e-mail")
            await pilot.press("enter")
            await pilot.pause()
            assert item.status is ActionStatus.DONE
            assert [(u.meeting_id, u.on, u.status, u.note) for u in item.history[history_before:]] == [
                (None, TODAY, ActionStatus.CARRIED_FORWARD, ""),
                (None, TODAY, ActionStatus.DONE, "Chart shared by e-mail"),
            ]
            # Open items only: the done item leaves the list...
            assert item.id not in row_keys(table)
            # ...and comes back with "all", showing its last note.
            await pilot.press("o")
            await pilot.pause()
            assert row_text(table, item.id)[4] == "done"
            assert row_text(table, item.id)[5].startswith("Chart sh")

            # 5 reopens.
            await move_to(pilot, table, item.id)
            await pilot.press("5")
            await pilot.pause()
            await type_text(pilot, "Needs a French version")
            await pilot.press("enter")
            await pilot.pause()
            assert item.status is ActionStatus.OPEN and item.is_open
        app.flush_saves()
    finally:
        app.shutdown()
    with reopen(tmp_path) as store:
        saved = next(a for a in store.action_items() if a.id == item.id)
        assert saved.status is ActionStatus.OPEN
        assert [u.note for u in saved.history[-2:]] == ["Chart shared by e-mail", "Needs a French version"]
        assert all(u.meeting_id is None for u in saved.history[history_before:])


async def test_edit_keeps_number_and_history(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_actions(pilot, app)
            item = next(a for a in app.coalition.actions if a.is_open)
            number, history = item.number, list(item.history)
            count = len(app.coalition.actions)
            await move_to(pilot, table, item.id)
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "ActionItemForm"
            assert app.screen.query_one("#action-description").value == item.description
            app.screen.query_one("#action-description").value = "Circulate the referral chart (revised)"
            app.screen.query_one("#action-due").value = "2027-01-31"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert type(app.screen).__name__ == "ActionItemsScreen"
            assert len(app.coalition.actions) == count
            assert item.description == "Circulate the referral chart (revised)"
            assert item.due == date(2027, 1, 31)
            assert item.number == number and item.history == history
            assert row_text(table, item.id)[3] == "2027-01-31"
        app.flush_saves()
    finally:
        app.shutdown()
    with reopen(tmp_path) as store:
        saved = next(a for a in store.action_items() if a.id == item.id)
        assert saved.description == "Circulate the referral chart (revised)"
        assert saved.number == number


async def test_form_for_a_meeting_returns_the_item_without_saving(tmp_path):
    """The meeting console reuses the form: meeting id and date go on the item,
    and saving is left to the caller."""
    from dhtc_tui.tui.widgets.action_form import ActionItemForm

    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            ref = app.coalition.refs[-1]
            meeting = app.coalition.meeting(app.store, ref.id)
            count = len(app.coalition.actions)
            results = []
            app.push_screen(ActionItemForm(None, meeting_id=meeting.id), results.append)
            await pilot.pause()
            await type_text(pilot, "Invite the transit office to present")
            await pilot.press("tab", "tab")
            await type_text(pilot, "Jordan Blake")
            await pilot.press("ctrl+s")
            await pilot.pause()
            [item] = results
            assert item.created_meeting_id == meeting.id
            assert item.created_on == meeting.date
            assert [(u.meeting_id, u.on, u.status) for u in item.history] == [
                (meeting.id, meeting.date, ActionStatus.OPEN)
            ]
            assert item.owner_member_id is None and item.owner_name == "Jordan Blake"
            assert item.number == app.coalition.next_action_number()
            assert len(app.coalition.actions) == count  # not saved by the form
        app.flush_saves()
    finally:
        app.shutdown()
    with reopen(tmp_path) as store:
        assert all(a.id != item.id for a in store.action_items())


async def test_fits_80x24_with_footer_keys(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_actions(pilot, app)
            detail = app.screen.query_one("#actions-detail")
            assert table.region.height >= 8
            assert detail.region.bottom <= 23  # above the footer
            assert table.region.right <= 80
            footer_keys = {b.binding.key for b in app.screen.active_bindings.values() if b.binding.show}
            assert {"a", "e", "o", "1", "escape"} <= footer_keys
            assert all(b.binding.description for b in app.screen.active_bindings.values() if b.node is app.screen)
    finally:
        app.shutdown()
