"""Settings: who votes (survivor members), shown with the Terms of Reference's
sentence, and the roster's vote box following it."""

from __future__ import annotations

from textual.widgets import Checkbox, Label, Select

from dhtc_tui.domain.model import MemberKind
from dhtc_tui.tui.screens.roster import MemberForm
from tests.tui.demo_app import make_demo_app, reopen

SIZE = (80, 24)


async def open_settings(pilot, app):
    await pilot.press("o")
    await pilot.pause()
    assert type(app.screen).__name__ == "SettingsScreen"
    return app.screen


async def test_survivor_vote_setting_defaults_to_no_with_the_terms_of_reference_sentence(tmp_path):
    app = make_demo_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_settings(pilot, app)
            labels = " ".join(str(label.content) for label in screen.query(Label))
            assert '"Each organization has one vote."' in labels
            select = screen.query_one("#settings-survivors-vote", Select)
            assert select.value is False
            select.focus()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("down")
            await pilot.press("enter")
            await pilot.pause()
            assert select.value is True
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
            assert app.coalition.settings.survivors_vote is True
        app.flush_saves()
    finally:
        app.shutdown()
    with reopen(tmp_path) as store:
        assert store.settings().survivors_vote is True


async def test_a_survivor_members_vote_box_follows_the_setting(tmp_path):
    app = make_demo_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            survivor = next(m for m in app.coalition.members if m.kind is MemberKind.SURVIVOR)
            organization = next(m for m in app.coalition.members if m.kind is MemberKind.ORGANIZATION)
            for survivors_vote in (False, True):
                app.coalition.settings.survivors_vote = survivors_vote
                await app.push_screen(MemberForm(survivor))
                await pilot.pause()
                box = app.screen.query_one("#member-votes", Checkbox)
                assert box.disabled and box.value is survivors_vote
                app.pop_screen()
                await pilot.pause()
            await app.push_screen(MemberForm(organization))
            await pilot.pause()
            box = app.screen.query_one("#member-votes", Checkbox)
            assert not box.disabled and box.value is organization.votes
            app.screen.query_one("#member-kind", Select).value = MemberKind.SURVIVOR
            await pilot.pause()
            assert box.disabled and box.value is True  # the setting, now yes
    finally:
        app.shutdown()


async def test_meeting_length_defaults_to_two_hours_and_is_saved(tmp_path):
    from textual.widgets import Input

    app = make_demo_app(tmp_path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_settings(pilot, app)
            field = screen.query_one("#settings-length", Input)
            assert field.value == "2:00"
            field.value = "nonsense"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "Meeting length" in str(screen.query_one("#settings-error").render())
            field.value = "1:30"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
    finally:
        app.shutdown()
    store = reopen(tmp_path)
    try:
        assert store.settings().meeting_minutes == 90
    finally:
        store.close()
