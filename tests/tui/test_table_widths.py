"""Issue 14, "Tables keep narrow columns": the console's tables share the
width there is, at 80x24 and 100x30, with the agenda sidebar shown or hidden."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.geometry import Region
from textual.widgets import DataTable, TextArea

from dhtc_tui.domain.model import AgendaKind, ConflictDeclaration

from .test_console import Clock, data_dir, item_index, make_app, start_new_meeting  # noqa: F401

SIZES = [(80, 24), (100, 30)]
LAYOUTS = ["sidebar", "no sidebar"]


def rendered(table: DataTable) -> list[str]:
    strips = table.render_lines(Region(0, 0, table.size.width, table.size.height))
    return [strip.text for strip in strips]


def widths(table: DataTable) -> list[int]:
    return [column.get_render_width(table) for column in table.ordered_columns]


def assert_fills(table: DataTable) -> None:
    """Every column on screen, and no empty space to the right (bar the scrollbar)."""
    used = sum(widths(table))
    assert used <= table.size.width, (widths(table), table.size.width)
    assert used >= table.size.width - 2, (widths(table), table.size.width)


async def open_item(pilot, app, kind: AgendaKind, layout: str):
    meeting = await start_new_meeting(pilot, app)
    if layout == "no sidebar":
        await pilot.press("f11")
        await pilot.pause()
    app.screen.go_to(item_index(meeting, kind))
    await pilot.pause()
    await pilot.pause()
    return meeting, app.screen.panel()


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("size", SIZES)
async def test_attendance_times_show_in_full(data_dir, size, layout):
    clock = Clock(datetime(2027, 1, 21, 9, 31))
    app = make_app(data_dir, clock)
    try:
        async with app.run_test(size=size) as pilot:
            meeting, panel = await open_item(pilot, app, AgendaKind.ATTENDANCE, layout)
            table = panel.query_one("#attendance-list", DataTable)
            clock.advance(20)
            await pilot.press("l", "enter")  # arrived 09:51
            await pilot.pause()
            clock.advance(49)
            await pilot.press("e", "enter")  # left 10:40
            await pilot.pause()
            member = app.coalition.member(panel.selected_member_id())
            labels = [column.label.plain for column in table.ordered_columns]
            assert labels[0] == "Member" and "Status" in labels
            assert_fills(table)
            row = next(line for line in rendered(table) if "09:51" in line)
            assert "10:40" in row and "present" in row
            # The name takes what is left: the widest column, cut last.
            assert widths(table)[0] == max(widths(table))
            name = " ".join(member.name.split())
            assert name[: widths(table)[0] - 3] in row
    finally:
        app.shutdown()


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("size", SIZES)
async def test_member_update_text_takes_the_rest_of_the_width(data_dir, size, layout):
    app = make_app(data_dir, Clock(datetime(2027, 1, 21, 9, 31)))
    update = (
        "Hired two outreach workers for the east end; the drop-in now opens on "
        "Saturdays and the new intake form is ready for the other agencies."
    )
    try:
        async with app.run_test(size=size) as pilot:
            meeting, panel = await open_item(pilot, app, AgendaKind.MEMBER_UPDATES, layout)
            table = panel.query_one("#go-around", DataTable)
            await pilot.press("enter")
            area = panel.query_one("#member-update-note", TextArea)
            assert app.focused is area
            area.insert(update)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert_fills(table)
            member_w, update_w = widths(table)
            assert update_w >= 26, widths(table)
            row = rendered(table)[1]
            # The start of the update, as much as the column holds, cut with an ellipsis.
            assert update[: update_w - 4] in row and "\u2026" in row
            # The whole update stays readable in the editor below the table.
            assert meeting.member_updates[0].note == update
            await pilot.press("up")
            await pilot.pause()
            assert area.text == update
    finally:
        app.shutdown()


async def test_tables_share_again_when_the_sidebar_hides(data_dir):
    app = make_app(data_dir, Clock(datetime(2027, 1, 21, 9, 31)))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting, panel = await open_item(pilot, app, AgendaKind.MEMBER_UPDATES, "sidebar")
            table = panel.query_one("#go-around", DataTable)
            await pilot.press("down", "down", "enter")
            await pilot.pause()
            area = panel.query_one("#member-update-note", TextArea)
            area.insert("Two new volunteers")
            await pilot.pause()
            before = widths(table)
            assert_fills(table)
            await pilot.press("f11")
            await pilot.pause()
            await pilot.pause()
            assert sum(widths(table)) > sum(before)
            assert_fills(table)
            # The chair's place and the writer's cursor survive the resize.
            assert table.cursor_row == 2
            assert app.focused is area and area.cursor_location == (0, len("Two new volunteers"))
            await pilot.press("escape")
            await pilot.pause()
            assert "Two new volunteers" in rendered(table)[3]
    finally:
        app.shutdown()


@pytest.mark.parametrize("size", SIZES)
async def test_conflicts_nature_takes_the_rest_of_the_width(data_dir, size):
    app = make_app(data_dir, Clock(datetime(2027, 1, 21, 9, 31)))
    nature = "Board member of the agency applying for the shared training grant this spring"
    try:
        async with app.run_test(size=size) as pilot:
            meeting = await start_new_meeting(pilot, app)
            member = max(app.coalition.active_members, key=lambda m: len(m.name))
            item = meeting.item_of_kind(AgendaKind.BUSINESS_ARISING)
            meeting.conflicts.append(ConflictDeclaration(member.id, item.id, nature))
            app.screen.go_to(item_index(meeting, AgendaKind.CONFLICTS))
            await pilot.pause()
            await pilot.pause()
            table = app.screen.panel().query_one("#conflicts-list", DataTable)
            assert_fills(table)
            assert widths(table)[2] == max(widths(table))
            row = rendered(table)[1]
            assert nature[: widths(table)[2] - 4] in row
    finally:
        app.shutdown()
