"""Kill a running meeting with SIGKILL, start again: it resumes at the same item."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import date, datetime

from dhtc_tui.domain.model import MeetingStatus
from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import SAVE_DELAY, CoalitionApp
from tests.demo_data import copy_demo
from tests.polling import poll_until

TODAY = date(2026, 11, 29)
TYPED = "Land acknowledgement led by the chair; elders thanked"

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import date, datetime
    from pathlib import Path
    from dhtc_tui.store.repository import Store
    from dhtc_tui.tui.app import CoalitionApp

    def on(app, name):
        return type(app.screen).__name__ == name

    async def until(pilot, check, timeout=30.0):
        # On a condition, never a fixed time; a child that never gets there
        # exits with a message instead of leaving the parent waiting.
        deadline = asyncio.get_running_loop().time() + timeout
        while not check():
            if asyncio.get_running_loop().time() > deadline:
                sys.exit(f"timed out on {type(pilot.app.screen).__name__}")
            await pilot.pause()

    async def main():
        app = CoalitionApp(Store.open(Path(sys.argv[1])), today=date(2026, 11, 29),
                           clock=lambda: datetime(2027, 1, 21, 9, 45))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n"); await until(pilot, lambda: on(app, "MeetingSetupScreen"))
            await pilot.press("ctrl+s"); await until(pilot, lambda: on(app, "HomeScreen"))
            await pilot.press("s"); await until(pilot, lambda: on(app, "ConsoleScreen"))
            await pilot.press("f4", "f4", "f4")
            await until(pilot, lambda: app.screen.meeting.current_index == 3 and app.screen.query("#item-notes"))
            app.screen.query_one("#item-notes").focus()
            await pilot.press(*sys.argv[2])
            print("TYPED", flush=True)
            await asyncio.sleep(120)  # killed long before this ends

    asyncio.run(main())
    """
)


def wait_for_text_on_disk(data, text: str, timeout: float = 30.0) -> bool:
    """Poll the meeting files until one holds ``text`` (as its JSON string does)."""
    needle = json.dumps(text, ensure_ascii=False)[1:-1]

    def on_disk() -> bool:
        for path in (data / "meetings").glob("*.json"):
            try:
                if needle in path.read_text():
                    return True
            except FileNotFoundError:  # replaced between glob and read
                pass
        return False

    return poll_until(on_disk, timeout)


def test_sigkill_mid_meeting_then_resume(tmp_path):
    data = copy_demo(tmp_path / "data")

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data), TYPED],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
        assert line.strip() == "TYPED", child.stderr.read()
        # The promise under test is "on disk within one second" (SAVE_DELAY,
        # asserted below); kill as soon as the file holds every character, so
        # the test waits on the save itself rather than a fixed time.
        assert wait_for_text_on_disk(data, TYPED), "the typed notes never reached the meeting file"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert SAVE_DELAY < 1.0

    # On disk: the meeting in progress, at the fourth item, with every character.
    with Store.open(data) as reopened:  # the killed process's lock is gone
        running = [r for r in reopened.meetings() if r.status is MeetingStatus.IN_PROGRESS]
        assert len(running) == 1
        meeting = reopened.load_meeting(running[0].id)
    assert meeting.current_index == 3
    assert meeting.agenda[3].notes == TYPED
    assert not list(data.glob(".*.tmp")) and not list((data / "meetings").glob(".*.tmp"))


async def test_start_again_offers_to_resume_at_same_item(tmp_path):
    data = copy_demo(tmp_path / "data")
    store = Store.open(data)
    from dhtc_tui.domain.agenda import go_to, plan_meeting, start_meeting

    meeting = plan_meeting(date(2027, 1, 21), None, "Room 2B", store.settings(), None)
    start_meeting(meeting, datetime(2027, 1, 21, 9, 30))
    go_to(meeting, 5, datetime(2027, 1, 21, 10, 0))
    meeting.agenda[5].notes = "half-typed note"
    store.save_meeting(meeting)
    store.close()

    app = CoalitionApp(Store.open(data), today=TODAY, clock=lambda: datetime(2027, 1, 21, 10, 5))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmDialog"
            assert "Resume it at item 6" in str(app.screen.query_one("#confirm-question").render())
            await pilot.press("y")
            await pilot.pause()
            await pilot.pause()
            console = app.screen
            assert type(console).__name__ == "ConsoleScreen"
            assert console.meeting.current_index == 5
            assert app.screen.query_one("#item-notes").text == "half-typed note"
    finally:
        app.shutdown()


def test_second_copy_refused(tmp_path):
    data = tmp_path / "data"
    first = Store.open(data)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "dhtc_tui", "--data-dir", str(data)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        first.close()
    assert result.returncode == 1
    assert "already using" in result.stderr
    assert "Traceback" not in result.stderr


SIGTERM_CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import date, datetime
    from pathlib import Path
    import dhtc_tui.tui.app as app_module
    from dhtc_tui.store.repository import Store

    app_module.SAVE_DELAY = 600  # only the signal handler can save in time

    def on(app, name):
        return type(app.screen).__name__ == name

    async def until(pilot, check, timeout=30.0):
        # On a condition, never a fixed time; a child that never gets there
        # exits with a message instead of leaving the parent waiting.
        deadline = asyncio.get_running_loop().time() + timeout
        while not check():
            if asyncio.get_running_loop().time() > deadline:
                sys.exit(f"timed out on {type(pilot.app.screen).__name__}")
            await pilot.pause()

    async def main():
        app = app_module.CoalitionApp(Store.open(Path(sys.argv[1])), today=date(2026, 11, 29),
                                      clock=lambda: datetime(2027, 1, 21, 9, 45))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n"); await until(pilot, lambda: on(app, "MeetingSetupScreen"))
            await pilot.press("ctrl+s"); await until(pilot, lambda: on(app, "HomeScreen"))
            await pilot.press("s"); await until(pilot, lambda: on(app, "ConsoleScreen"))
            await pilot.press("f4", "f4", "f4")
            await until(pilot, lambda: app.screen.meeting.current_index == 3 and app.screen.query("#item-notes"))
            app.screen.query_one("#item-notes").focus()
            await pilot.press(*sys.argv[2])
            print("TYPED", flush=True)
            await asyncio.sleep(120)

    asyncio.run(main())
    """
)


def test_sigterm_saves_what_was_typed_before_leaving(tmp_path):
    data = copy_demo(tmp_path / "data")
    child = subprocess.Popen(
        [sys.executable, "-c", SIGTERM_CHILD, str(data), "typed just before SIGTERM"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "TYPED", child.stderr.read()
        os.kill(child.pid, signal.SIGTERM)
        assert wait_for_text_on_disk(data, "typed just before SIGTERM"), "the SIGTERM handler did not save the notes"
    finally:
        child.kill()
        child.wait(timeout=10)
