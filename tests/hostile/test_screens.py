"""Every screen and dialog, drawn from a coalition whose text is hostile.

Nothing from the data may be read as markup (no live ``@click`` link, no
style swallowing the brackets) and no control character may reach what the
terminal is sent.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from rich.segment import Segment
from textual.widgets import OptionList, Select

from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import CoalitionApp
from tests.hostile.hostile_demo import build_hostile_demo
from tests.tui.demo_app import settle

TODAY = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 10, 0)
SIZE = (120, 40)


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or 0x7F <= code <= 0x9F


class Inspector:
    """Reads the screen as the terminal would get it and lists what is wrong."""

    def __init__(self, app: CoalitionApp, hostile) -> None:
        self.app = app
        self.hostile = hostile
        self.problems: list[str] = []
        self.seen: set[str] = set()
        self.texts: dict[str, str] = {}

    def check(self, where: str) -> str:
        where = f"{where} [{type(self.app.screen).__name__}]"
        lines = []
        for strip in self.app.screen._compositor.render_strips():
            text = ""
            for segment in strip:
                assert isinstance(segment, Segment)
                if any(_is_control(ch) for ch in segment.text):
                    self.problems.append(f"{where}: control character in {segment.text!r}")
                meta = segment.style.meta if segment.style else {}
                if meta and "@click" in meta and "quit" in str(meta["@click"]):
                    self.problems.append(f"{where}: live link {meta['@click']!r} on {segment.text!r}")
                if segment.style and segment.style.link:
                    self.problems.append(f"{where}: hyperlink {segment.style.link!r} on {segment.text!r}")
                text += segment.text
            lines.append(text)
        screen = "\n".join(lines)
        for marker, prefix in self.hostile.prefixes.items():
            start = 0
            while (index := screen.find(marker, start)) >= 0:
                start = index + 1
                self.seen.add(marker)
                # An Input scrolled to its end may hide the start of the
                # prefix, never all of it: markup read as markup leaves none.
                if not screen[:index].endswith(prefix[-1]):
                    line = screen[screen.rfind("\n", 0, index) + 1 : screen.find("\n", index)]
                    self.problems.append(f"{where}: {marker} shown without {prefix!r}: {line.strip()!r}")
        self.texts[where] = screen
        return screen




async def visit(pilot, inspector: Inspector, keys: list[str], where: str, back: list[str] = ["escape"], expect: str = ""):
    await pilot.press(*keys)
    await settle(pilot)
    inspector.check(where)
    if expect:
        assert type(pilot.app.screen).__name__ == expect, (where, type(pilot.app.screen).__name__)
    if back:
        await pilot.press(*back)
        await settle(pilot)


async def open_every_select(pilot, inspector: Inspector, where: str) -> None:
    """Drop each Select down in turn: the options are data too."""
    for select in list(pilot.app.screen.query(Select)):
        if not select.display or select.disabled:
            continue
        select.focus()
        await pilot.press("enter")
        await settle(pilot)
        inspector.check(f"{where} select #{select.id}")
        options = select.query_one(OptionList)
        for index in range(options.option_count):
            prompt = options.get_option_at_index(index).prompt
            if not isinstance(prompt, str):
                continue
        await pilot.press("escape")
        await settle(pilot)


# Two tests (the screens between meetings, the meeting console), so that
# the two halves run side by side on two workers.


def _finish(hostile, inspector: Inspector, dump_suffix: str) -> None:
    assert {m for m in hostile.prefixes if m in "".join(inspector.texts.values())}, "no hostile text was drawn"
    if os.environ.get("HOSTILE_DUMP"):
        Path(os.environ["HOSTILE_DUMP"] + dump_suffix).write_text(
            "\n\n".join(f"===== {where}\n{text}" for where, text in inspector.texts.items())
        )
    assert not inspector.problems, "\n".join(inspector.problems)


def _hostile_app(tmp_path):
    hostile = build_hostile_demo(tmp_path / "data", TODAY, NOW)
    app = CoalitionApp(Store.open(tmp_path / "data"), today=TODAY, clock=lambda: NOW)
    return hostile, app, Inspector(app, hostile)


async def _home(pilot, app, inspector: Inspector) -> None:
    await settle(pilot)
    inspector.check("home with the resume question")
    assert type(app.screen).__name__ == "ConfirmDialog"
    await pilot.press("n")
    await settle(pilot)
    inspector.check("home")


async def test_every_screen_between_meetings_shows_hostile_text_literally(tmp_path):
    hostile, app, inspector = _hostile_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _home(pilot, app, inspector)
        await visit(pilot, inspector, ["m"], "roster", back=[], expect="RosterScreen")
        await visit(pilot, inspector, ["e"], "roster form", back=[], expect="MemberForm")
        await open_every_select(pilot, inspector, "roster form")
        await visit(pilot, inspector, ["escape"], "roster again", back=[], expect="RosterScreen")
        await visit(pilot, inspector, ["d"], "member status dialog", back=["escape"], expect="StatusDialog")
        await visit(pilot, inspector, ["escape"], "home again", back=[], expect="HomeScreen")
        await visit(pilot, inspector, ["a"], "action items", back=[], expect="ActionItemsScreen")
        await visit(pilot, inspector, ["o"], "action items (all)", back=[], expect="ActionItemsScreen")
        await visit(pilot, inspector, ["e"], "action form", back=[], expect="ActionItemForm")
        await open_every_select(pilot, inspector, "action form")
        await visit(pilot, inspector, ["escape", "escape"], "home again", back=[], expect="HomeScreen")
        await visit(pilot, inspector, ["p"], "applications", back=[], expect="ApplicationsScreen")
        await visit(pilot, inspector, ["e"], "application form", back=["escape"], expect="ApplicationForm")
        await visit(pilot, inspector, ["n"], "endorse form", back=[], expect="EndorsementForm")
        await open_every_select(pilot, inspector, "endorse form")
        await visit(pilot, inspector, ["escape"], "applications again", back=[], expect="ApplicationsScreen")
        await visit(pilot, inspector, ["r"], "review form", back=[], expect="ReviewForm")
        await open_every_select(pilot, inspector, "review form")
        await visit(pilot, inspector, ["escape", "escape"], "home again", back=[], expect="HomeScreen")
        await visit(pilot, inspector, ["w"], "standing", back=[], expect="StandingScreen")
        await visit(pilot, inspector, ["g"], "standing grid", back=["escape"], expect="StandingScreen")
        await visit(pilot, inspector, ["o"], "settings", back=[], expect="SettingsScreen")
        await open_every_select(pilot, inspector, "settings")
        await visit(pilot, inspector, ["escape"], "home again", back=[], expect="HomeScreen")
        await visit(pilot, inspector, ["f1"], "help (home)", expect="HelpScreen")
        await visit(pilot, inspector, ["ctrl+p"], "command palette", back=[], expect="CommandPalette")
        await visit(pilot, inspector, list("roster"), "command palette (roster)", expect="CommandPalette")
        await visit(pilot, inspector, ["t"], "ToR review question", expect="ConfirmDialog")
        assert app.is_running
    _finish(hostile, inspector, ".between")


async def test_every_console_screen_shows_hostile_text_literally(tmp_path):
    hostile, app, inspector = _hostile_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _home(pilot, app, inspector)
        await visit(pilot, inspector, ["s"], "console", back=[], expect="ConsoleScreen")
        meeting = app.screen.meeting
        for _ in range(len(meeting.agenda)):
            await pilot.press("f3")
        await settle(pilot)
        for index in range(len(meeting.agenda)):
            kind = meeting.current_item.kind.value
            if type(app.screen).__name__ == "ConfidentialityReminder":
                inspector.check(f"console item {index} ({kind}) reminder")
                await pilot.press("ctrl+y")
                await settle(pilot)
            assert type(app.screen).__name__ == "ConsoleScreen", (index, type(app.screen).__name__)
            inspector.check(f"console item {index} ({kind})")
            await pilot.press("tab")
            await settle(pilot)
            inspector.check(f"console item {index} ({kind}) panel")
            await pilot.press("escape", "f4")
            await settle(pilot)
        await visit(pilot, inspector, ["f1"], "help (console)", expect="HelpScreen")
        await visit(pilot, inspector, ["f7"], "action item from the console", expect="ActionItemForm")

        from dhtc_tui.tui.screens.motion import MotionScreen

        motion = next(m for m in meeting.motions if m.state.value == "voting")
        await app.push_screen(MotionScreen(meeting, motion.agenda_item_id, motion_id=motion.id))
        await settle(pilot)
        inspector.check("motion while voting")
        await visit(pilot, inspector, ["f1"], "help (motion)", expect="HelpScreen")
        await visit(pilot, inspector, ["escape"], "console again", back=[], expect="ConsoleScreen")
        await app.push_screen(MotionScreen(meeting, motion.agenda_item_id))
        await settle(pilot)
        inspector.check("new motion")
        await open_every_select(pilot, inspector, "new motion")
        assert app.is_running
    _finish(hostile, inspector, ".console")
