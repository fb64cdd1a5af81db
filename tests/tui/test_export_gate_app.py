"""The export gate from the app: the close summary, export and circulate
give the same count as `dhtc-tui check`, and a refused export writes nothing."""

from __future__ import annotations

from datetime import date, datetime

from dhtc_tui.demo import build_demo
from dhtc_tui.domain.disclosure import unreviewed_findings
from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import CoalitionApp

TODAY = date(2026, 11, 29)
LEAK = "Our client Tanya Moreau, 15, from Oshawa (DOB 2010-03-04, phone 905-555-0199) was placed at 123 Simcoe St N."


def leaky_app(tmp_path, monkeypatch, change, now=datetime(2026, 11, 29, 10, 0)):
    """The demo with the latest meeting changed, the app on it, and a list
    that collects the app's notifications."""
    directory = tmp_path / "data"
    with Store.open(directory) as store:
        build_demo(store, TODAY)
        ref = [r for r in store.meetings() if r.date == date(2026, 11, 19)][0]
        meeting = store.load_meeting(ref.id)
        change(meeting)
        store.save_meeting(meeting)
        expected = len(unreviewed_findings(meeting, store.members(), store.settings(), store.action_items()))
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("DHTC_EXPORT_DIR", str(out))
    app = CoalitionApp(Store.open(directory), today=TODAY, clock=lambda: now)
    seen: list[str] = []
    app.notify = lambda message, **options: seen.append(str(message))
    return app, out, seen, expected


def other_updates(meeting):
    meeting.other_updates = "The van is back. " + LEAK


def location(meeting):
    meeting.location = LEAK


async def test_export_and_circulate_say_how_many_were_left_out(tmp_path, monkeypatch):
    app, out, seen, expected = leaky_app(tmp_path, monkeypatch, other_updates)
    assert expected >= 3
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            # First the same count, with the offer to go to each finding.
            heading = str(app.screen.query_one("#findings-heading").render())
            assert f"{expected} possible identifying detail(s) are not reviewed" in heading
            assert list(out.iterdir()) == []
            await pilot.press("ctrl+e")  # export anyway
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert any(f"{expected} unreviewed possible identifying detail(s) were left out" in m for m in seen)
            for path in out.iterdir():
                path.unlink()
            seen.clear()
            await pilot.press("c")
            await pilot.pause()
            assert f"{expected} possible identifying detail(s)" in str(app.screen.query_one("#findings-heading").render())
            await pilot.press("ctrl+e")  # circulate anyway
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert any(f"{expected} unreviewed possible identifying detail(s) were left out" in m for m in seen)
            assert len(list(out.iterdir())) == 4  # with the paper-copy list
            for path in out.iterdir():
                assert b"Moreau" not in path.read_bytes()
    finally:
        app.shutdown()


async def test_a_refused_export_writes_nothing_and_says_where(tmp_path, monkeypatch):
    app, out, seen, _ = leaky_app(tmp_path, monkeypatch, location)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("ctrl+e")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert any("Nothing written" in m and "meeting location" in m for m in seen)
            assert list(out.iterdir()) == []
    finally:
        app.shutdown()


async def test_close_summary_gives_the_same_count(tmp_path, monkeypatch):
    # The console tests plan the next meeting on its day (January 21).
    app, _, _, _ = leaky_app(tmp_path, monkeypatch, lambda meeting: None, now=datetime(2027, 1, 21, 9, 31))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            await pilot.pause()
            assert type(app.screen).__name__ == "ConsoleScreen"
            meeting = app.screen.meeting
            meeting.other_updates = LEAK
            data = app.coalition
            expected = len(unreviewed_findings(meeting, data.members, data.settings, data.actions))
            await pilot.press("f10")
            await pilot.pause()
            text = str(app.screen.query_one("#close-unfinished").render())
            assert f"{expected} possible identifying detail(s) are not reviewed" in text
            assert "Moreau" not in text
            await pilot.press("escape")
            await pilot.pause()
    finally:
        app.shutdown()


async def test_settings_screen_keeps_the_chairs_email(tmp_path, monkeypatch):
    app, _, _, _ = leaky_app(tmp_path, monkeypatch, lambda meeting: None)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            app.screen.action_settings()
            await pilot.pause()
            field = app.screen.query_one("#settings-chair-email")
            field.value = "not an address"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "is not an address" in str(app.screen.query_one("#settings-error").render())
            assert app.coalition.settings.chair_email == ""
            field.value = "chair@example.org"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.coalition.settings.chair_email == "chair@example.org"
    finally:
        app.shutdown()
    with Store.open(tmp_path / "data") as store:
        assert store.settings().chair_email == "chair@example.org"
