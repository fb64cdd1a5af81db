"""Exporting and circulating from the app: files land, nothing is replaced unasked."""

from __future__ import annotations

from datetime import date, datetime

from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import CoalitionApp
from dhtc_tui.tui.widgets.dialogs import ConfirmDialog
from tests.demo_data import copy_demo

TODAY = date(2026, 11, 29)


def make_app(tmp_path, monkeypatch):
    store = Store.open(copy_demo(tmp_path / "data"))
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("DHTC_EXPORT_DIR", str(out))
    return CoalitionApp(store, today=TODAY, clock=lambda: datetime(2026, 11, 29, 10, 0)), out


async def press_and_finish(pilot, key: str) -> None:
    """Press ``key`` and let the export or circulation it starts finish."""
    await pilot.press(key)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_then_ask_before_replacing(tmp_path, monkeypatch):
    app, out = make_app(tmp_path, monkeypatch)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await press_and_finish(pilot, "e")
            minutes = out / "DHTC-minutes-2026-11-19-DRAFT.docx"
            assert minutes.is_file()
            before = minutes.stat().st_mtime_ns
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await press_and_finish(pilot, "n")
            assert minutes.stat().st_mtime_ns == before
    finally:
        app.shutdown()


async def test_circulate_writes_email_and_invitation_and_asks_before_replacing(tmp_path, monkeypatch):
    app, out = make_app(tmp_path, monkeypatch)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await press_and_finish(pilot, "c")
            names = sorted(p.name for p in out.iterdir())
            assert names == [
                "DHTC-meeting-2027-01-21.ics",
                "DHTC-minutes-2026-11-19-DRAFT.docx",
                "DHTC-minutes-2026-11-19-DRAFT.eml",
                "DHTC-paper-copies-2026-11-19.docx",
            ]
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert app.screen.question.endswith("-DRAFT.eml, DHTC-meeting-2027-01-21.ics already exist. Replace?")
            await press_and_finish(pilot, "y")
            assert len(list(out.iterdir())) == 4
    finally:
        app.shutdown()


async def test_circulating_after_an_export_asks_about_the_one_file_there(tmp_path, monkeypatch):
    app, out = make_app(tmp_path, monkeypatch)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await press_and_finish(pilot, "e")
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert app.screen.question == "DHTC-minutes-2026-11-19-DRAFT.docx already exists. Replace?"
            await press_and_finish(pilot, "n")  # keep it: the e-mail and the invitation are still written
            assert (out / "DHTC-minutes-2026-11-19-DRAFT.eml").is_file()
    finally:
        app.shutdown()
