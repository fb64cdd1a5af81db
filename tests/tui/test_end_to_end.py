"""From key presses in a meeting to the lines of the exported minutes.

One meeting driven as the chair and minute taker would: attendance marked a
key per member, a motion moved, put to a recorded vote and carried, then F9
to export. The .docx is read back with python-docx and must say what was
keyed: who was present, the motion's wording, mover, seconder and counts.
"""

from __future__ import annotations

from datetime import datetime

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from textual.widgets import OptionList, Select

from dhtc_tui.domain.model import AgendaKind, MotionState, Presence, VoteChoice
from tests.tui.demo_app import make_demo_app, settle, wait_for

NOW = datetime(2027, 1, 21, 9, 31)  # the day the demo's last meeting chose for the next one
SIZE = (80, 24)
WORDING = "That the coalition fund a spring training day for frontline staff"


def docx_lines(path) -> list[str]:
    """Body paragraphs and table rows (cells joined by " | "), in order."""
    lines = []
    for block in docx.Document(str(path)).iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(" | ".join(cell.text for cell in row.cells) for row in block.rows)
    return lines


def on(app, name: str) -> bool:
    return type(app.screen).__name__ == name


async def next_item_until(pilot, kind: AgendaKind) -> None:
    """F4 until the item of ``kind`` is current."""
    meeting = pilot.app.screen.meeting
    for _ in range(len(meeting.agenda)):
        if meeting.current_item.kind is kind:
            break
        await pilot.press("f4")
        await settle(pilot)
    assert meeting.current_item.kind is kind


async def choose(pilot, select_id: str, name: str) -> None:
    """Open a Select with Enter and type the fewest letters that find ``name``."""
    select = pilot.app.screen.query_one(f"#{select_id}", Select)
    select.focus()
    await pilot.press("enter")
    options = select.query_one(OptionList)
    labels = [str(options.get_option_at_index(i).prompt).casefold() for i in range(options.option_count)]
    others = [label for label in labels if label != name.casefold()]
    typed = next(
        name[:n] for n in range(1, len(name) + 1)
        if " " not in name[:n] and not any(label.startswith(name[:n].casefold()) for label in others)
    )
    await pilot.press(*typed)
    await pilot.press("enter")
    await wait_for(pilot, lambda: select.value is not Select.NULL, what=f"{name} chosen in #{select_id}")


async def test_keys_in_a_meeting_reach_the_exported_minutes(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("DHTC_EXPORT_DIR", str(out))
    app = make_demo_app(tmp_path, clock=lambda: NOW)
    try:
        async with app.run_test(size=SIZE) as pilot:
            # Plan the meeting the last one chose, save it, start it.
            await pilot.press("n")
            await wait_for(pilot, lambda: on(app, "MeetingSetupScreen"))
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: on(app, "HomeScreen"))
            await pilot.press("s")
            await wait_for(pilot, lambda: on(app, "ConsoleScreen"))
            meeting = app.screen.meeting

            # Attendance, one key per member: two present, regrets, absent, the rest present.
            await next_item_until(pilot, AgendaKind.ATTENDANCE)
            active = app.coalition.active_members
            await pilot.press("p", "p", "g", "x", *["p"] * (len(active) - 4))
            await wait_for(pilot, lambda: len(meeting.attendance) >= len(active), what="every member marked")
            status = {a.member_id: a.presence for a in meeting.attendance}
            present, regrets, absent = active[0], active[2], active[3]
            assert status[present.id] is Presence.PRESENT
            assert status[regrets.id] is Presence.REGRETS
            assert status[absent.id] is Presence.ABSENT

            # A motion on business arising: moved, seconded, put to a recorded vote.
            await next_item_until(pilot, AgendaKind.BUSINESS_ARISING)
            await pilot.press("f6")
            await wait_for(pilot, lambda: on(app, "MotionScreen"))
            await settle(pilot)
            voters = [m for m in app.coalition.active_organizations if m.votes and status.get(m.id) is Presence.PRESENT]
            mover, seconder = voters[0], voters[1]
            app.screen.query_one("#motion-text").focus()
            await pilot.press(*WORDING)
            await choose(pilot, "motion-mover", mover.name)
            await choose(pilot, "motion-seconder", seconder.name)
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: app.screen.motion is not None, what="the motion to be moved")
            await settle(pilot)  # the screen rebuilds for the consensus stage, where o is offered
            motion = app.screen.motion
            assert motion.state is MotionState.CONSENSUS
            # An objection: no consensus, so the motion goes to a vote.
            objector = voters[2]
            await pilot.press("o")
            await wait_for(pilot, lambda: bool(app.screen.query("#picker-list")), what="the objection picker")
            await pilot.press(*objector.name)
            await pilot.press("enter")
            await wait_for(
                pilot,
                lambda: motion.state is MotionState.VOTING,
                what=lambda: (
                    f"the vote to open (stage {getattr(app.screen, 'stage', None)!r}, focus {app.focused!r}, "
                    f"says {[str(w.render()) for w in app.screen.query('#motion-message, #motion-status')]!r})"
                ),
            )
            assert motion.objections == [objector.id]
            await settle(pilot)
            vote_list = app.screen.query_one("#vote-list", OptionList)
            vote_list.focus()
            await pilot.press("home")
            # Each vote moves the highlight to the next member: for, for, against, abstain.
            for key in ("f", "f", "a", "b"):
                cast = len(motion.votes)
                await pilot.press(key)
                await wait_for(pilot, lambda: len(motion.votes) == cast + 1, what=f"vote {key!r} recorded")
            choices = sorted(v.choice.value for v in motion.votes)
            assert choices == sorted([VoteChoice.FOR.value] * 2 + [VoteChoice.AGAINST.value, VoteChoice.ABSTAIN.value])
            await pilot.press("x")
            await wait_for(pilot, lambda: on(app, "ConfirmDialog"), what="the close-vote question")
            await pilot.press("y")
            await wait_for(pilot, lambda: motion.state.is_closed, what="the vote to close")
            assert motion.state is MotionState.CARRIED  # 2 for, 1 against: the base is the votes cast
            await settle(pilot)
            await pilot.press("escape")
            await wait_for(pilot, lambda: on(app, "ConsoleScreen"))

            # F9: draft minutes of the meeting in progress.
            await pilot.press("f9")
            await wait_for(pilot, lambda: bool(list(out.glob("DHTC-minutes-*.docx"))), what="the exported minutes")
            await app.workers.wait_for_complete()
            (exported,) = list(out.glob("DHTC-minutes-*.docx"))
    finally:
        app.shutdown()

    lines = docx_lines(exported)
    text = "\n".join(lines)
    # Attendance: the member marked present is a row of the table, in person;
    # regrets and absent are listed by name.
    assert any(line.startswith(f"{present.name} | ") and line.endswith("| In person") for line in lines), text
    assert any(line.startswith("Regrets: ") and regrets.name in line for line in lines), text
    assert any(line.startswith("Absent: ") and absent.name in line for line in lines), text
    # The motion: its wording, who moved and seconded it, and the counts.
    (motion_line,) = [line for line in lines if WORDING in line]
    assert f"Moved by {mover.name}, seconded by {seconder.name}." in motion_line
    assert "Carried: 2 for, 1 against, 1 abstention" in motion_line
