"""The e-vote screens (home: v), on the demo coalition."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import DataTable

from dhtc_tui.domain import evote as ev
from dhtc_tui.demo import build_demo
from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import CoalitionApp

TODAY = date(2026, 11, 29)


def make_app(tmp_path, monkeypatch, motion="the coalition sign the letter [b]now[/b]") -> CoalitionApp:
    monkeypatch.setenv("DHTC_EXPORT_DIR", str(tmp_path))
    store = Store.open(tmp_path / "data")
    build_demo(store, TODAY)
    members = store.members()
    voters = [m for m in members if m.is_active and m.votes]
    vote = ev.EVote(motion, TODAY + timedelta(days=7), TODAY, mode=ev.Mode.BALLOT,
                    mover_id=voters[0].id, seconder_id=voters[1].id)
    ev.open_evote(vote, members)
    store.save_evote(vote)
    return CoalitionApp(store, today=TODAY)


def tally_text(app) -> str:
    return str(app.screen.query_one("#evote-tally").content)


async def test_record_answers_remind_and_refuse_an_early_close(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert type(app.screen).__name__ == "EVotesScreen"
        table = app.screen.query_one("#evotes-table", DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "EVoteScreen"
        motion = str(app.screen.query_one("#evote-motion").content)
        assert "[b]now[/b]" in motion  # shown as typed, not as markup
        assert tally_text(app).startswith("0 for, 0 against, 0 abstentions; base 0; 1 needed; defeated so far")
        await pilot.press("f", "down", "f", "down", "a", "down", "k")
        await pilot.pause()
        assert tally_text(app).startswith("2 for, 1 against, 0 abstentions; base 3; 2 needed; carried so far")
        assert "Declared a conflict:" in tally_text(app)
        await pilot.press("r")
        await pilot.pause()
        (reminder,) = tmp_path.glob("evote-1-reminder-*.eml")
        assert "a reminder" in reminder.read_text().lower()
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.vote.state is ev.EVoteState.OPEN
        assert not (tmp_path / "evote-1-result.eml").exists()
        app.shutdown()
    with Store.open(tmp_path / "data") as store:
        (vote,) = store.evotes()
    assert len(vote.answers) == 4


async def test_closing_after_everyone_answered_writes_the_result(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, motion="the coalition sign the letter")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(len(app.screen.vote.electorate)):
            await pilot.press("f", "down")
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.vote.state is ev.EVoteState.CARRIED
        assert (tmp_path / "evote-1-result.eml").exists()
        app.shutdown()


async def test_a_new_evote_from_the_form_writes_its_ballot(tmp_path, monkeypatch):
    from textual.widgets import Input, Select

    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "NewEVoteDialog"
        voters = [m for m in app.coalition.active_members if m.votes]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "no wording" in str(app.screen.query_one("#new-evote-error").content)
        app.screen.query_one("#new-evote-motion", Input).value = "endorse the summer campaign"
        app.screen.query_one("#new-evote-mover", Select).value = voters[2].id
        app.screen.query_one("#new-evote-seconder", Select).value = voters[2].id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "cannot also second" in str(app.screen.query_one("#new-evote-error").content)
        app.screen.query_one("#new-evote-seconder", Select).value = voters[3].id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "EVoteScreen"
        assert app.screen.vote.number == 2 and app.screen.vote.mode is ev.Mode.CONSENSUS
        assert (tmp_path / "evote-2-ballot.eml").exists()
        app.shutdown()
    with Store.open(tmp_path / "data") as store:
        assert [v.motion for v in store.evotes()][1] == "That endorse the summer campaign"


async def test_a_damaged_evote_record_is_reported_not_a_crash(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    app.store._db().table("evotes").insert({"motion": 5})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert type(app.screen).__name__ == "EVotesScreen"
        assert app.screen.query_one("#evotes-table", DataTable).row_count == 0
        assert any("cannot be read" in str(n.message) for n in app._notifications)
        app.shutdown()
