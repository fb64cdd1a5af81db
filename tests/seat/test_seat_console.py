"""The seat console driven through a meeting; a crash and a resume; and the
two-laptop meeting end to end (export, type, import, minutes)."""

from __future__ import annotations

import email
import email.policy
import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime

from docx import Document

from dhtc_tui import cli
from dhtc_tui.domain.model import AgendaKind
from dhtc_tui.minutes import commands as minutes_commands
from dhtc_tui.record import load_record
from dhtc_tui.seat.files import read_bundle
from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import SAVE_DELAY
from dhtc_tui.tui.seat.app import SeatApp
from tests.polling import poll_until

NOW = datetime(2027, 1, 21, 9, 45)


def export_file(capsys, data, folder):
    code = cli.main(["seat", "export", "--data-dir", str(data), "--out", str(folder)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return next(folder.glob("*.dhtc"))


async def type_text(pilot, text):
    await pilot.press(*["space" if c == " " else c for c in text])
    await pilot.pause()


async def next_item(pilot):
    await pilot.press("f4")
    await pilot.pause()
    await pilot.pause()


async def goto_kind(pilot, app, kind):
    while app.meeting.current_item.kind is not kind:
        await next_item(pilot)


async def wait_for(pilot, condition, tries=200):
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def take_notes(app, pilot):
    """What a minute taker does: the answers the tests below check."""
    screen = app.screen
    # Opens on the first item with the cursor in its notes.
    assert app.meeting.current_index == 0
    notes = screen.query_one("#item-notes")
    assert await wait_for(pilot, lambda: app.focused is notes), app.focused
    await type_text(pilot, "Sam volunteered")
    await next_item(pilot)
    await next_item(pilot)
    assert app.meeting.current_item.kind is AgendaKind.LAND_ACKNOWLEDGEMENT
    await type_text(pilot, "Led by an elder")
    # Sub-committee updates.
    await goto_kind(pilot, app, AgendaKind.SUBCOMMITTEES)
    assert app.focused.id == "sub-0"
    await type_text(pilot, "Training dates set")
    # The member-updates go-around, by name.
    await goto_kind(pilot, app, AgendaKind.MEMBER_UPDATES)
    table = app.screen.query_one("#go-around")
    assert app.focused is table and table.row_count == len(app.bundle.members)
    await pilot.press("enter")
    await type_text(pilot, "New outreach worker")
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("0")  # the second member has no update
    await pilot.pause()
    # Case examples: behind the reminder, with the live identifier check.
    await goto_kind(pilot, app, AgendaKind.CASE_EXAMPLES)
    await pilot.pause()
    assert type(app.screen).__name__ == "ConfidentialityReminder"
    await pilot.press("ctrl+y")
    await pilot.pause()
    await type_text(pilot, "A youth was supported. Her number is 905-555-0142.")
    panel = app.screen.query_one("#item-panel")
    assert await wait_for(pilot, lambda: bool(panel.findings))
    assert "905-555-0142" in str(app.screen.query_one("#case-findings").get_option_at_index(0).prompt)


async def test_seat_console_through_a_meeting_and_the_email_gate(capsys, planned, tmp_path):
    data, _ = planned
    path = export_file(capsys, data, tmp_path)
    app = SeatApp(path, read_bundle(path), clock=lambda: NOW)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await take_notes(app, pilot)
            # The e-mail draft is blocked while a finding is unreviewed.
            await pilot.press("f9")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert not path.with_suffix(".eml").exists()
            assert any("not reviewed" in n.message for n in app._notifications)
            # Reviewed as not identifying (e.g. an agency line): now it may go.
            app.screen.query_one("#case-findings").focus()
            await pilot.press("r")
            await pilot.pause()
            await pilot.press("f9")
            await pilot.pause()
            await type_text(pilot, "chair@example.org")
            await pilot.press("enter")
            await pilot.pause()
            assert path.with_suffix(".eml").exists()
            # The agenda is the chair's: the seat cannot skip or add items.
            app.screen.action_focus_agenda()
            await pilot.press("s")
            await pilot.pause()
            assert all(i.state.value != "skipped" for i in app.meeting.agenda)
            await pilot.press("ctrl+q")
    finally:
        app.shutdown()

    bundle = read_bundle(path)
    notes = bundle.notes
    assert notes.items[bundle.agenda[0].id] == "Sam volunteered"
    assert notes.items[bundle.agenda[2].id] == "Led by an elder"
    assert list(notes.subcommittee_updates.values()) == ["Training dates set"]
    first, second = bundle.members[0], bundle.members[1]
    updates = {u.member_id: u for u in notes.member_updates}
    assert updates[first.id].note == "New outreach worker"
    assert updates[second.id].no_update
    assert notes.case_examples.endswith("905-555-0142.") and notes.reviewed == ["phone|905-555-0142"]

    # The draft: to the chair, the file attached with its review state.
    message = email.message_from_bytes(path.with_suffix(".eml").read_bytes(), policy=email.policy.default)
    assert message["To"] == "chair@example.org" and message["X-Unsent"] == "1"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == path.name
    sent = json.loads(attachment.get_content())
    assert sent["notes"]["reviewed"] == ["phone|905-555-0142"]
    assert sent["notes"]["case_examples"] == notes.case_examples
    assert oct(path.with_suffix(".eml").stat().st_mode & 0o777) == "0o600"


CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from dhtc_tui.seat.files import read_bundle
    from dhtc_tui.tui.seat.app import SeatApp

    async def main():
        path = Path(sys.argv[1])
        app = SeatApp(path, read_bundle(path))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f4", "f4"); await pilot.pause(); await pilot.pause()
            await pilot.press(*sys.argv[2])
            print("TYPED", flush=True)
            await asyncio.sleep(120)  # killed long before this ends

    asyncio.run(main())
    """
)
TYPED = "Elders_thanked_for_the_welcome"


async def test_killed_seat_resumes_with_every_keystroke(capsys, planned, tmp_path):
    data, _ = planned
    path = export_file(capsys, data, tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), TYPED], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "TYPED", child.stderr.read()
        # The promise: on disk within a second. Poll the file, never sleep blind.
        # (The one-second promise is SAVE_DELAY, asserted below: a wall-clock
        # bound here fails on a loaded machine, where the child runs slower.)
        poll_until(lambda: TYPED.encode() in path.read_bytes())
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert SAVE_DELAY < 1.0
    bundle = read_bundle(path)  # whole and readable after the kill
    assert bundle.notes.items[bundle.agenda[2].id] == TYPED
    assert not list(tmp_path.glob(f".{path.name}.*.tmp"))

    app = SeatApp(path, bundle)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.meeting.agenda[2].notes == TYPED
            await next_item(pilot)
            await next_item(pilot)
            assert app.screen.query_one("#item-notes").text == TYPED
    finally:
        app.shutdown()


async def test_two_laptop_meeting_end_to_end(capsys, planned, tmp_path):
    data, meeting_id = planned
    path = export_file(capsys, data, tmp_path)
    app = SeatApp(path, read_bundle(path), clock=lambda: NOW)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await next_item(pilot)
            await next_item(pilot)
            await type_text(pilot, "Led by an elder from the friendship centre")
            await pilot.press("ctrl+q")
    finally:
        app.shutdown()

    # Meanwhile the chair wrote on the same item.
    with Store.open(data) as store:
        meeting = store.load_meeting(meeting_id)
        meeting.agenda[2].notes = "Chair: acknowledgement read."
        store.save_meeting(meeting)
    code = cli.main(["seat", "import", str(path), "--data-dir", str(data), "--yes"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "both the chair and the minute taker wrote here" in out

    with Store.open(data) as store:
        report = minutes_commands.export(load_record(store, meeting.date.isoformat()), tmp_path / "minutes.docx", False)
    text = "\n".join(p.text for p in Document(report.path).paragraphs)
    assert "Led by an elder from the friendship centre" in text
    assert "Chair: acknowledgement read." in text
