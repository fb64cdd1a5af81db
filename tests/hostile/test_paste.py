"""Hostile text pasted or typed into the app never reaches the store or the terminal."""

from __future__ import annotations

import json
from datetime import date, datetime

from textual import events
from textual.widgets import Input, TextArea

from dhtc_tui.domain.model import AgendaKind
from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import CoalitionApp
from tests.hostile.hostile_demo import build_hostile_demo
from tests.hostile.test_screens import Inspector, settle

TODAY = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 10, 0)
PASTE = "Decision\x1b]2;PWNED\x07 made\x00\x08 here\r\nsecond\x1b[2J line\x9b"


def _controls(text: str, allowed: str = "\n\t") -> list[str]:
    return [ch for ch in text if (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F) and ch not in allowed]


async def test_pasted_notes_are_saved_and_drawn_without_controls(tmp_path):
    hostile = build_hostile_demo(tmp_path / "data", TODAY, NOW)
    app = CoalitionApp(Store.open(tmp_path / "data"), today=TODAY, clock=lambda: NOW)
    inspector = Inspector(app, hostile)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("y")  # resume the meeting in progress
        await settle(pilot)
        assert type(app.screen).__name__ == "ConsoleScreen"
        meeting = app.screen.meeting
        target = meeting.agenda.index(meeting.item_of_kind(AgendaKind.MEMBER_UPDATES)) + 1
        while meeting.current_index != target:
            await pilot.press("f4" if meeting.current_index < target else "f3")
            await settle(pilot)
        await pilot.press("tab")
        await settle(pilot)
        area = app.screen.query_one("#item-notes", TextArea)
        area.focus()
        area.text = ""
        await settle(pilot)
        app.post_message(events.Paste(PASTE))  # as the terminal sends it
        await settle(pilot)
        inspector.check("notes after the paste")
        item_id = meeting.current_item.id
    app.shutdown()
    assert not inspector.problems, "\n".join(inspector.problems)
    doc = json.loads((tmp_path / "data" / "meetings" / f"{meeting.id}.json").read_text())
    (saved,) = [i["notes"] for i in doc["meeting"]["1"]["agenda"] if i["id"] == item_id]
    assert "Decision" in saved and "second" in saved
    assert _controls(saved) == [], repr(saved)
    assert "\n" in saved  # the line break survives, as a newline


async def test_a_pasted_name_is_cleaned_before_the_roster_saves_it(tmp_path):
    build_hostile_demo(tmp_path / "data", TODAY, NOW)
    app = CoalitionApp(Store.open(tmp_path / "data"), today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n", "m")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert type(app.screen).__name__ == "MemberForm"
        name = app.screen.query_one("#member-name", Input)
        name.focus()
        app.post_message(events.Paste("Pasted\x1b]2;PWNED\x07 Agency\x00"))
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "RosterScreen"
    app.shutdown()
    with Store.open(tmp_path / "data") as store:
        names = [m.name for m in store.members()]
    assert "Pasted]2;PWNED Agency" in names
    docs = json.loads((tmp_path / "data" / "coalition.json").read_text())["members"].values()
    (pasted,) = [doc for doc in docs if doc["name"].startswith("Pasted")]
    assert _controls(json.dumps(pasted, ensure_ascii=False), allowed="") == []
