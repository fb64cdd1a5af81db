"""The chair's paperwork from the app: first run, `g` agenda, `r` reminders,
`l` letters, `i` roster import with a preview."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import Input, Static

from dhtc_tui.demo import build_demo
from dhtc_tui.domain.model import MemberStatus
from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import CoalitionApp
from dhtc_tui.tui.widgets.dialogs import ConfirmDialog, TextPrompt

TODAY = date(2026, 11, 29)


def make_app(tmp_path, monkeypatch, *, demo: bool = True, plan_next: bool = False):
    store = Store.open(tmp_path / "data")
    if demo:
        build_demo(store, TODAY, plan_next=plan_next)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("DHTC_EXPORT_DIR", str(out))
    return CoalitionApp(store, today=TODAY, clock=lambda: datetime(2026, 11, 29, 10, 0)), out


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_first_run_offers_three_ways_in_and_imports_with_a_preview(tmp_path, monkeypatch):
    sheet = tmp_path / "members.csv"
    sheet.write_text("Organization,E-mail\nHarbour Light Outreach,info@harbour.example.org\n\nMilltown Health Team,\n")
    app, _ = make_app(tmp_path, monkeypatch, demo=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            card = app.screen.query_one("#home-first-run", Static)
            text = str(card.render())
            assert card.display and "No members yet" in text
            assert "import" in text and "one by one" in text and "demo" in text
            await pilot.press("i")
            await pilot.pause()
            assert isinstance(app.screen, TextPrompt)
            app.screen.query_one(Input).value = str(sheet)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert "2 new" in app.screen.question
            await pilot.press("y")
            await pilot.pause()
            assert sorted(m.name for m in app.coalition.members) == ["Harbour Light Outreach", "Milltown Health Team"]
            assert not app.screen.query_one("#home-first-run", Static).display
    finally:
        app.shutdown()
    with Store.open(tmp_path / "data") as store:
        assert len(store.members()) == 2


async def test_g_on_home_writes_the_agenda_package(tmp_path, monkeypatch):
    app, out = make_app(tmp_path, monkeypatch, plan_next=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("g")
            await settle(app, pilot)
            names = sorted(p.suffix for p in out.iterdir())
            assert names == [".docx", ".eml", ".ics"]
            await pilot.press("g")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
    finally:
        app.shutdown()


async def test_r_on_action_items_writes_reminders(tmp_path, monkeypatch):
    app, out = make_app(tmp_path, monkeypatch)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("r")
            await settle(app, pilot)
            assert list(out.glob("*.eml"))
    finally:
        app.shutdown()


async def test_l_on_the_roster_writes_a_letter_and_records_it(tmp_path, monkeypatch):
    app, out = make_app(tmp_path, monkeypatch)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            withdrawn = next(m for m in app.coalition.members if m.status is MemberStatus.WITHDRAWN)
            await pilot.press("m")
            await pilot.pause()
            table = app.screen.query_one("#roster-table")
            table.move_cursor(row=table.get_row_index(withdrawn.id))
            await pilot.press("l")
            await pilot.pause()
            await pilot.press("3")
            await settle(app, pilot)
            assert [p.suffix for p in out.glob("*withdrawal*")]
            assert [l.kind.value for l in withdrawn.letters] == ["withdrawal notice"]
            app.flush_saves()
    finally:
        app.shutdown()
    with Store.open(tmp_path / "data") as store:
        saved = next(m for m in store.members() if m.id == withdrawn.id)
        assert [l.on for l in saved.letters] == [TODAY]


async def test_a_removal_motion_gives_its_outcome_letter(tmp_path, monkeypatch):
    from dhtc_tui.domain.model import MotionKind
    from dhtc_tui.tui.paperwork import motion_letter

    app, out = make_app(tmp_path, monkeypatch)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            data = app.coalition
            motion = next(
                m for r in data.refs for m in data.meeting(app.store, r.id).motions if m.kind is MotionKind.REMOVAL
            )
            motion_letter(app.screen, motion)
            await settle(app, pilot)
            assert len(list(out.glob("*removal-outcome*.docx"))) == 1
            assert [l.kind.value for l in data.member(motion.subject_member_id).letters] == ["removal outcome"]
    finally:
        app.shutdown()


async def test_g_on_the_planning_screen_saves_and_writes_the_agenda(tmp_path, monkeypatch):
    from dhtc_tui.tui.screens.home import HomeScreen

    app, out = make_app(tmp_path, monkeypatch)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            app.screen.query_one("#setup-video", Input).value = "https://meet.example.org/dhtc"
            app.screen.query_one("#setup-agenda").focus()
            await pilot.press("g")
            await settle(app, pilot)
            assert isinstance(app.screen, HomeScreen)
            assert sorted(p.name for p in out.iterdir()) == [
                "DHTC-agenda-2027-01-21.docx",
                "DHTC-agenda-2027-01-21.eml",
                "DHTC-meeting-2027-01-21.ics",
            ]
            planned = app.coalition.meeting(app.store, app.coalition.scheduled_ref().id)
            assert planned.video_link == "https://meet.example.org/dhtc"
    finally:
        app.shutdown()
