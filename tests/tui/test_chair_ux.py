"""Issue 14, "In the chair's hands": each point at 80x24."""

from __future__ import annotations

from datetime import datetime

from textual.color import Color
from textual.geometry import Region
from textual.widgets import Input, TextArea

from dhtc_tui.domain.model import AgendaKind, Presence

from .demo_app import make_demo_app
from .test_console import Clock, data_dir, item_index, make_app, start_new_meeting  # noqa: F401


def lines_of(widget) -> list[str]:
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return [strip.text.rstrip() for strip in strips]


def contrast(a: Color, b: Color) -> float:
    def luminance(color: Color) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_home_phrases_are_never_broken_at_80_columns(tmp_path):
    app = make_demo_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            text = "\n".join(
                line for w in screen.query("#home Static") for line in lines_of(w)
            )
            assert "meeting year 2026" in text
            for line in text.splitlines():
                assert len(line) <= 76
                assert not line.rstrip().endswith(("meeting", "of", "4", "needs", "F2", "Ctrl+P"))
            assert "F2 projector" in text and "Ctrl+P commands" in text
    finally:
        app.shutdown()


async def test_home_help_lists_own_keys_first_then_f2_and_ctrl_p(tmp_path):
    from dhtc_tui.tui.screens.help import help_rows

    app = make_demo_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            rows = help_rows(app, app.screen)
            keys = [key for key, _ in rows]
            assert keys[0] == "n"
            assert "F2" in keys and "Ctrl+P" in keys
            assert keys.index("w") < keys.index("F2") < keys.index("Up")
            assert len(keys) == len(set(keys))
            titles = [c.title for c in app.get_system_commands(app.screen)]
            assert "Keys" not in titles and titles.count("Help: keys") == 1
    finally:
        app.shutdown()


async def test_projector_theme_hint_and_placeholder_contrast_at_least_7(tmp_path):
    app = make_demo_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            variables = app.theme_variables
            background = Color.parse(variables["background"])
            for name in ("text-muted", "text-disabled", "foreground-muted", "footer-description-foreground"):
                assert contrast(Color.parse(variables[name]), background) >= 7, name
            await pilot.press("n")  # planning: inputs with placeholders
            await pilot.pause()
            field = app.screen.query_one("#setup-time", Input)
            field.value = ""
            await pilot.pause()
            style = field.get_component_rich_style("input--placeholder")
            back = field.background_colors[1]
            assert contrast(Color.from_rich_color(style.color), back) >= 7
            area = TextArea(placeholder="notes")
            await app.screen.mount(area)
            await pilot.pause()
            style = area.get_component_rich_style("text-area--placeholder")
            assert contrast(Color.from_rich_color(style.color), area.background_colors[1]) >= 7
    finally:
        app.shutdown()


async def test_notifications_pile_up_to_three(tmp_path):
    app = make_demo_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            for n in range(6):
                app.notify(f"message {n}")
            await pilot.pause()
            shown = [n.message for n in app._notifications]
            assert shown == ["message 3", "message 4", "message 5"]
    finally:
        app.shutdown()


async def test_concern_and_presentation_dialogs_focus_their_first_field(tmp_path):
    app = make_demo_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            app.screen.query_one("#setup-agenda").focus()
            for key in ("c", "v"):
                await pilot.press(key)
                await pilot.pause()
                await pilot.press("H", "i")
                assert app.screen.query_one("#concern-title", Input).value == "Hi"
                app.screen.query_one("#concern-title", Input).value = ""
                app.screen.dismiss(None)
                await pilot.pause()
    finally:
        app.shutdown()


async def test_late_arrival_on_an_unmarked_member_is_two_keys(data_dir):
    clock = Clock(datetime(2027, 1, 21, 9, 31))
    app = make_app(data_dir, clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = await start_new_meeting(pilot, app)
            app.screen.go_to(item_index(meeting, AgendaKind.ATTENDANCE))
            await pilot.pause()
            await pilot.pause()
            panel = app.screen.panel()
            member_id = panel.selected_member_id()
            assert meeting.attendance_of(member_id) is None or not meeting.attendance_of(member_id).marked
            clock.advance(20)
            await pilot.press("l")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            record = meeting.attendance_of(member_id)
            assert record.presence is Presence.PRESENT
            assert record.arrived.strftime("%H:%M") == "09:51"
    finally:
        app.shutdown()


async def test_stray_letters_never_move_agenda_items_and_moves_undo(data_dir):
    app = make_app(data_dir, Clock(datetime(2027, 1, 21, 9, 31)))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = await start_new_meeting(pilot, app)
            order = [item.id for item in meeting.agenda]
            app.screen.query_one("#agenda").focus()
            await pilot.press("down", "down")
            await pilot.press(*"[]qwrtyiojkl;'zxcvbm,./")
            await pilot.pause()
            while type(app.screen).__name__ != "ConsoleScreen":  # a letter may open a dialog
                app.pop_screen()
                await pilot.pause()
            assert [item.id for item in meeting.agenda] == order
            app.screen.query_one("#agenda").focus()
            index = app.screen.query_one("#agenda").highlighted
            await pilot.press("shift+down")
            await pilot.pause()
            assert meeting.agenda[index + 1].id == order[index]
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert [item.id for item in meeting.agenda] == order
    finally:
        app.shutdown()


async def test_resumed_notes_cursor_is_at_the_end(data_dir):
    app = make_app(data_dir, Clock(datetime(2027, 1, 21, 9, 31)))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = await start_new_meeting(pilot, app)
            from dhtc_tui.domain import agenda as agenda_rules

            index = 1
            agenda_rules.add_item(meeting, AgendaKind.OTHER, "Budget", index)
            meeting.agenda[index].notes = "First line\nsecond"
            app.screen.go_to(index)
            await pilot.pause()
            await pilot.pause()
            area = app.screen.query_one("#item-notes", TextArea)
            assert app.focused is area
            assert area.cursor_location == area.document.end
    finally:
        app.shutdown()


async def test_footer_order_is_the_same_whatever_has_focus(data_dir):
    from textual.widgets._footer import FooterKey

    app = make_app(data_dir, Clock(datetime(2027, 1, 21, 9, 31)))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await start_new_meeting(pilot, app)

            def keys() -> list[str]:
                return [k.action for k in app.screen.query(FooterKey)]

            await pilot.pause()
            first = keys()
            app.screen.query_one("#agenda").focus()
            await pilot.pause()
            await pilot.pause()
            second = keys()
            screen_keys = [k for k in first if k in second]
            assert screen_keys == [k for k in second if k in first]
            assert first[0] == second[0] == "previous_item"
    finally:
        app.shutdown()


async def test_business_arising_shows_the_whole_item_and_enter_edits(data_dir):
    from textual.widgets import DataTable, Static

    app = make_app(data_dir, Clock(datetime(2027, 1, 21, 9, 31)))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = await start_new_meeting(pilot, app)
            app.screen.go_to(item_index(meeting, AgendaKind.BUSINESS_ARISING))
            await pilot.pause()
            await pilot.pause()
            panel = app.screen.panel()
            table = panel.query_one("#business-actions", DataTable)
            assert app.focused is table and table.row_count
            # Due and Status columns are on screen at 80 columns.
            right = table.region.right
            for column in table.ordered_columns:
                assert column.label.plain in ("No.", "Action", "Due", "Status")
            assert sum(c.get_render_width(table) for c in table.ordered_columns) <= table.region.width
            assert right <= 80
            item = panel.selected()
            detail = panel.query_one("#business-detail", Static)
            shown = " ".join(" ".join(lines_of(detail)).split())
            assert " ".join(item.description.split())[:60] in shown
            assert "Owner:" in shown and "Due:" in shown and "Status:" in shown
            await pilot.press("down")
            await pilot.pause()
            assert panel.selected() is not item
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "ActionItemForm"
    finally:
        app.shutdown()


async def test_conflict_form_offers_only_items_with_business(data_dir):
    from textual.widgets import Select

    from dhtc_tui.tui.widgets.items.formal import ConflictForm

    app = make_app(data_dir, Clock(datetime(2027, 1, 21, 9, 31)))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = await start_new_meeting(pilot, app)
            await app.push_screen(ConflictForm(meeting, app.coalition))
            await pilot.pause()
            select = app.screen.query_one("#conflict-item", Select)
            offered = {value for _, value in select._options if value is not Select.NULL}
            kinds = {item.kind for item in meeting.agenda if item.id in offered}
            assert AgendaKind.ATTENDANCE not in kinds and AgendaKind.LAND_ACKNOWLEDGEMENT not in kinds
            assert AgendaKind.BUSINESS_ARISING in kinds
            assert app.focused is app.screen.query_one("#conflict-member")
    finally:
        app.shutdown()


def test_majority_location_is_offered_only_after_a_location_motion_carried():
    from datetime import date

    from dhtc_tui.domain.model import Meeting, Motion, MotionKind, MotionState
    from dhtc_tui.tui.widgets.items.formal import location_choices

    meeting = Meeting(date=date(2027, 1, 21))
    assert [v for _, v in location_choices(meeting)] == ["consensus"]
    meeting.motions.append(Motion("Meet at the library", kind=MotionKind.LOCATION, state=MotionState.DEFEATED))
    assert [v for _, v in location_choices(meeting)] == ["consensus"]
    carried = Motion("Meet online", kind=MotionKind.LOCATION, state=MotionState.CARRIED, number=3)
    meeting.motions.append(carried)
    choices = location_choices(meeting)
    assert [v for _, v in choices] == ["consensus", "majority"]
    assert f"motion {carried.number}" in choices[1][0]


async def test_roster_names_take_the_width_there_is(tmp_path):
    from textual.widgets import DataTable

    app = make_demo_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("m")
            await pilot.pause()
            table = app.screen.query_one("#roster-table", DataTable)
            widths = [c.get_render_width(table) for c in table.ordered_columns]
            assert sum(widths) <= 80
            assert sum(widths) >= 74  # no empty space to the right
            longest = max(app.coalition.members, key=lambda m: len(m.name)).name
            names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
            assert longest in names or len(longest) > widths[0] - 2
    finally:
        app.shutdown()


async def test_keep_keeps_the_minutes_and_goes_on_with_the_circulation(tmp_path, monkeypatch):
    from .test_export_from_app import make_app as make_export_app

    app, out = make_export_app(tmp_path, monkeypatch)
    minutes = out / "DHTC-minutes-2026-11-19-DRAFT.docx"
    minutes.write_bytes(b"the chair's edited copy")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmDialog"
            await pilot.press("n")  # Keep
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert minutes.read_bytes() == b"the chair's edited copy"
            assert (out / "DHTC-minutes-2026-11-19-DRAFT.eml").is_file()
            assert (out / "DHTC-meeting-2027-01-21.ics").is_file()
            said = "\n".join(str(n.message) for n in app._notifications)
            assert "Kept DHTC-minutes-2026-11-19-DRAFT.docx" in said
            assert "Wrote DHTC-minutes-2026-11-19-DRAFT.eml" in said
            await pilot.press("e")  # export: Keep says so
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            said = "\n".join(str(n.message) for n in app._notifications)
            assert "Kept the existing minutes" in said
            assert minutes.read_bytes() == b"the chair's edited copy"
    finally:
        app.shutdown()
