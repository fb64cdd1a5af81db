"""Every panel where free text is typed shows the export gate's findings,
reviews them with the gate's own reviews, and the findings dialog (F9,
F10, circulate) jumps to each one."""

from __future__ import annotations

import threading
from datetime import datetime

from dhtc_tui.domain.disclosure import unreviewed_findings
from dhtc_tui.domain.model import AgendaKind
from dhtc_tui.tui.widgets.checked_text import CheckedText, FindingList

from .test_console import Clock, item_index, make_app, start_new_meeting
from .test_console import data_dir  # noqa: F401  (the demo store fixture)

NOW = datetime(2027, 1, 21, 9, 31)


def pending(app, meeting, path: str):
    """What `dhtc-tui check` reports for one field."""
    data = app.coalition
    return [p for p in unreviewed_findings(meeting, data.members, data.settings, data.actions) if p.text.path == path]


async def open_item(pilot, app, meeting, kind: AgendaKind):
    app.screen.go_to(item_index(meeting, kind))
    await pilot.pause()
    await pilot.pause()
    return meeting.item_of_kind(kind)


async def checked(pilot, app, widget: CheckedText) -> None:
    """As the pause in typing would: check now, wait for the worker."""
    widget.run_check()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def status(widget: CheckedText) -> str:
    return str(widget.query_one(".checked-status").render())


async def test_notes_of_any_item_are_checked_reviewed_and_unreviewed_by_an_edit(data_dir):  # noqa: F811
    app = make_app(data_dir, Clock(NOW))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = await start_new_meeting(pilot, app)
            item = await open_item(pilot, app, meeting, AgendaKind.LAND_ACKNOWLEDGEMENT)
            path = f"agenda[{item.id}].notes"
            area = app.screen.query_one("#item-notes")
            widget = area.parent
            assert isinstance(widget, CheckedText)
            threads: list[int] = []
            real_check = widget.checker.check

            def recording(text: str):
                threads.append(threading.get_ident())
                return real_check(text)

            widget.checker.check = recording
            area.focus()
            await pilot.press(*"Reach her at 905-555-0199 after.")
            await checked(pilot, app, widget)
            assert item.notes == "Reach her at 905-555-0199 after."
            assert [(f.kind, f.text) for f in widget.findings] == [("phone", "905-555-0199")]
            assert "1 possible identifying detail" in status(widget)
            # Highlighted where it is (red: to review).
            assert any(name == "finding.to-review" for marks in area._highlights.values() for *_, name in marks)
            # The check ran in a worker thread, not on the interface thread.
            assert threads and threading.main_thread().ident not in threads
            assert [p.finding.text for p in pending(app, meeting, path)] == ["905-555-0199"]

            # Enter in the findings list selects it in the text.
            findings = widget.query_one(FindingList)
            findings.focus()
            await pilot.press("enter")
            await pilot.pause()
            assert area.has_focus and area.selected_text == "905-555-0199"

            # r (in the list) reviews it: the gate no longer reports it.
            findings.focus()
            await pilot.press("r")
            await pilot.pause()
            assert pending(app, meeting, path) == []
            assert "All flagged details reviewed" in status(widget)
            assert item.notes.startswith("Reach")  # r went to the list, not into the text

            # Editing the detail makes it a new, unreviewed finding.
            area.focus()
            area.move_cursor(area.document.end)
            for _ in range(len(" after.") + 1):
                await pilot.press("backspace")
            await pilot.press(*"8 after.")
            await checked(pilot, app, widget)
            assert [p.finding.text for p in pending(app, meeting, path)] == ["905-555-0198"]
            assert "1 possible identifying detail" in status(widget)
    finally:
        app.shutdown()


async def test_a_member_update_with_a_clients_name_is_flagged(data_dir):  # noqa: F811
    app = make_app(data_dir, Clock(NOW))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = await start_new_meeting(pilot, app)
            await open_item(pilot, app, meeting, AgendaKind.MEMBER_UPDATES)
            panel = app.screen.panel()
            member_id = panel.selected_id()
            await pilot.press("enter")
            await pilot.pause()
            area = app.screen.query_one("#member-update-note")
            assert area.has_focus
            await pilot.press(*"Our client Tanya Moreau found housing.")
            widget = area.parent
            await checked(pilot, app, widget)
            path = f"member_updates[{member_id}].note"
            assert ("person_name", "Tanya Moreau") in [(f.kind, f.text) for f in widget.findings]
            assert "Tanya Moreau" in [p.finding.text for p in pending(app, meeting, path)]
            assert "possible identifying detail" in status(widget)
    finally:
        app.shutdown()


async def test_the_findings_dialog_jumps_to_the_item_and_selects_the_text(data_dir, monkeypatch, tmp_path):  # noqa: F811
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("DHTC_EXPORT_DIR", str(out))
    app = make_app(data_dir, Clock(NOW))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = await start_new_meeting(pilot, app)
            other = meeting.item_of_kind(AgendaKind.SUBCOMMITTEES)
            meeting.other_updates = "The van is back. Her cell is 905-555-0142 if needed."
            assert meeting.current_item is not other
            data = app.coalition
            expected = unreviewed_findings(meeting, data.members, data.settings, data.actions)
            await pilot.press("f9")
            await pilot.pause()
            assert type(app.screen).__name__ == "FindingsDialog"
            heading = str(app.screen.query_one("#findings-heading").render())
            assert f"{len(expected)} possible identifying detail(s)" in heading
            options = app.screen.query_one("#findings-list")
            assert options.option_count == len(expected)
            index = next(i for i, p in enumerate(expected) if p.text.path == "other_updates")
            line = str(options.get_option_at_index(index).prompt)
            assert "other Coalition updates" in line and "905-555-0142" in line
            options.highlighted = index
            await pilot.press("enter")
            for _ in range(4):
                await pilot.pause()
            assert type(app.screen).__name__ == "ConsoleScreen"
            assert meeting.current_item is other
            area = app.screen.query_one("#sub-other")
            assert area.has_focus and area.selected_text == "905-555-0142"
            assert list(out.iterdir()) == []  # nothing exported: the user went to fix it

            # F10's summary offers the same list.
            await pilot.press("f10")
            await pilot.pause()
            assert f"{len(expected)} possible identifying detail(s)" in str(app.screen.query_one("#close-unfinished").render())
            await pilot.press("ctrl+f")
            await pilot.pause()
            assert type(app.screen).__name__ == "FindingsDialog"
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConsoleScreen"
    finally:
        app.shutdown()


async def test_corrections_and_next_meeting_fields_are_checked_as_formal_text(data_dir):  # noqa: F811
    app = make_app(data_dir, Clock(NOW))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = await start_new_meeting(pilot, app)
            await open_item(pilot, app, meeting, AgendaKind.PREVIOUS_MINUTES)
            await pilot.press("a")
            await pilot.pause()
            await pilot.press(*"Call 905-555-0101 about item 8")
            await pilot.press("enter")
            await pilot.pause()
            assert meeting.previous_minutes.adjustments == ["Call 905-555-0101 about item 8"]
            widget = app.screen.query_one("#previous-corrections").parent
            await checked(pilot, app, widget)
            assert [(p, f.text) for p, f in widget.found] == [("previous_minutes.adjustments[0]", "905-555-0101")]
            assert "stops the export" in status(widget)
            assert pending(app, meeting, "previous_minutes.adjustments[0]")

            await open_item(pilot, app, meeting, AgendaKind.NEXT_MEETING)
            area = app.screen.query_one("#next-upcoming")
            area.focus()
            await pilot.press(*"Budget", "enter", *"Ask jane.doe@example.com")
            widget = area.parent
            await checked(pilot, app, widget)
            assert meeting.next_meeting.upcoming_items == ["Budget", "Ask jane.doe@example.com"]
            assert [(p, f.kind) for p, f in widget.found] == [("next_meeting.upcoming_items[1]", "email")]
            widget.query_one(FindingList).focus()
            await pilot.press("r")
            await pilot.pause()
            assert pending(app, meeting, "next_meeting.upcoming_items[1]") == []
    finally:
        app.shutdown()


async def test_from_the_home_screen_a_finding_opens_the_console_on_it(tmp_path, monkeypatch):
    from .test_export_gate_app import leaky_app

    def leak(meeting):
        meeting.other_updates = "The van is back. Her cell is 905-555-0142 if needed."

    app, out, _, expected = leaky_app(tmp_path, monkeypatch, leak)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            assert type(app.screen).__name__ == "FindingsDialog"
            assert app.screen.query_one("#findings-list").option_count == expected == 1
            await pilot.press("enter")
            for _ in range(6):
                await pilot.pause()
            assert type(app.screen).__name__ == "ConsoleScreen"
            meeting = app.screen.meeting
            assert meeting.current_item is meeting.item_of_kind(AgendaKind.SUBCOMMITTEES)
            assert app.screen.query_one("#sub-other").selected_text == "905-555-0142"
            assert list(out.iterdir()) == []
    finally:
        app.shutdown()
