"""The live identifier check on case examples runs off the interface thread.

Findings appear for typed text; a result for an older version of the text
(a slow worker overtaken by a newer one) never replaces a newer result.
"""

from __future__ import annotations

import threading
from datetime import datetime

from dhtc_tui.domain.model import AgendaKind
from dhtc_tui.tui.widgets.items.case_examples import CaseExamplesPanel

from .test_console import Clock, item_index, make_app, start_new_meeting
from .test_console import data_dir  # noqa: F401  (the demo store fixture)


async def open_case_examples(pilot, app) -> CaseExamplesPanel:
    meeting = await start_new_meeting(pilot, app)
    app.screen.go_to(item_index(meeting, AgendaKind.CASE_EXAMPLES))
    await pilot.pause()
    await pilot.pause()
    await pilot.press("ctrl+y")
    await pilot.pause()
    panel = app.screen.query_one(CaseExamplesPanel)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return panel


async def settle(pilot, app) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_findings_appear_for_typed_text(data_dir):  # noqa: F811
    app = make_app(data_dir, Clock(datetime(2027, 1, 21, 9, 31)))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            panel = await open_case_examples(pilot, app)
            assert panel.findings == []
            threads: list[int] = []
            real_check = panel._checker.check

            def recording(text: str):
                threads.append(threading.get_ident())
                return real_check(text)

            panel._checker.check = recording
            await pilot.press(*"her name is maria santos")
            panel.run_check()  # as the pause in typing would
            await settle(pilot, app)
            assert [(f.kind, f.text) for f in panel.findings] == [("person_name", "maria santos")]
            assert panel.shown_version == panel.text_version
            assert "1 possible identifying detail" in str(panel.query_one("#case-status").render())
            assert "maria santos" in str(panel.query_one("#case-findings").get_option_at_index(0).prompt)
            # The check ran in a worker thread, not on the interface thread.
            assert threads and threading.main_thread().ident not in threads
    finally:
        app.shutdown()


async def test_a_stale_result_never_overwrites_a_newer_one(data_dir):  # noqa: F811
    app = make_app(data_dir, Clock(datetime(2027, 1, 21, 9, 31)))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            panel = await open_case_examples(pilot, app)
            checker = panel._checker
            real_check = checker.check
            release_first = threading.Event()
            first_started = threading.Event()
            calls: list[str] = []

            def slow_first(text: str):
                calls.append(text)
                if len(calls) == 1:  # the first (older) check waits until the newer one is shown
                    first_started.set()
                    assert release_first.wait(timeout=30)
                return real_check(text)

            checker.check = slow_first
            # This test starts each check itself: no check from a pause in typing.
            panel.checked.check_delay = 3600
            await pilot.press(*"Call 905-555-0142")
            old = panel.run_check()
            while not first_started.is_set():
                await pilot.pause()
            for _ in range(len("Call 905-555-0142")):
                await pilot.press("backspace")
            await pilot.press(*"All good")
            new = panel.run_check()
            await app.workers.wait_for_complete([new])
            while panel.shown_version != panel.text_version:
                await pilot.pause()
            assert panel.findings == []
            newest = panel.shown_version
            # Now the overtaken check finishes: its findings (a phone number) are dropped.
            release_first.set()
            await app.workers.wait_for_complete([old])
            await pilot.pause()
            await pilot.pause()
            assert panel.findings == []
            assert panel.shown_version == newest
            assert "No identifying details" in str(panel.query_one("#case-status").render())
            assert calls[0].endswith("905-555-0142") and calls[-1].endswith("All good")
    finally:
        app.shutdown()


async def test_a_long_note_costs_a_keystroke_only_the_rows_drawn(data_dir):  # noqa: F811
    """Findings are highlighted row by row as rows are drawn (not all of them on
    every keystroke), and a check result that changes nothing on screen does not
    update the status line (an update lays out the whole screen)."""
    app = make_app(data_dir, Clock(datetime(2027, 1, 21, 9, 31)))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            panel = await open_case_examples(pilot, app)
            area = panel.query_one("#case-notes")
            note = "\n".join(f"Call 905-555-{n:04d} about the file." for n in range(200))
            area.load_text(note)
            area.focus()
            await pilot.pause()  # the edit reaches the panel (a check of an older version is dropped)
            panel.run_check()
            await settle(pilot, app)
            assert panel.shown_version == panel.text_version
            assert len(panel.findings) == 200
            assert "200 possible identifying detail" in str(panel.query_one("#case-status").render())
            highlights = area._highlights
            drawn = set(dict.keys(highlights))
            # The rows in view are highlighted (red: to review), the others not computed.
            assert 0 in drawn and any(name == "finding.to-review" for *_, name in highlights[0])
            assert len(drawn) <= area.size.height
            await pilot.press("x")  # a keystroke near the top
            await pilot.pause()
            assert len(dict.keys(area._highlights)) <= area.size.height

            status = panel.query_one("#case-status")
            updates: list[object] = []
            real_update = status.update
            status.update = lambda *args, **kwargs: (updates.append(args), real_update(*args, **kwargs))
            panel.run_check()
            await settle(pilot, app)
            assert panel.shown_version == panel.text_version
            assert updates == []  # same count of findings: the status line is left alone
            await pilot.press("end", *" call 905-555-9999")
            await pilot.pause()
            panel.run_check()
            await settle(pilot, app)
            assert len(panel.findings) == 201
            assert len(updates) == 1 and "201 possible" in str(status.render())
    finally:
        app.shutdown()
