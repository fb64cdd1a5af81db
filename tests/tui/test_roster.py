"""The roster screen, driven with keys as the chair would, at 80x24."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Footer, Input, Static

from dhtc_tui.domain.model import MemberStatus
from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import CoalitionApp
from dhtc_tui.tui.screens.help import HelpScreen
from dhtc_tui.tui.screens.home import HomeScreen
from dhtc_tui.tui.screens.roster import MemberForm, RosterScreen, StatusDialog
from dhtc_tui.tui.widgets.dialogs import ConfirmDialog

from ..conftest import TODAY

SIZE = (80, 24)


@pytest.fixture
def app(demo_store):
    app = CoalitionApp(demo_store, today=TODAY)
    yield app
    app.shutdown()


def on_disk(app: CoalitionApp) -> Store:
    """Write everything, release the directory, and read it back as a new app would."""
    assert app.flush_saves()
    app.shutdown()
    return Store.open(app.store.data_dir)


def table(app) -> DataTable:
    return app.screen.query_one("#roster-table", DataTable)


def row_names(app) -> list[str]:
    t = table(app)
    return [str(t.get_row(row.key)[0]) for row in t.ordered_rows]


def cells(app, member_id: str) -> list[str]:
    return [str(cell) for cell in table(app).get_row(member_id)]


def member_named(app, name: str):
    return next(m for m in app.coalition.members if m.name == name)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def assert_visible(app, widget) -> None:
    region = widget.region
    width, height = app.size
    assert region.width > 0 and region.height > 0, widget
    assert region.x >= 0 and region.y >= 0, widget
    assert region.right <= width and region.bottom <= height, (widget, region)


async def open_roster(pilot) -> None:
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RosterScreen)


async def type_into(pilot, selector: str, text: str) -> None:
    """Focus a form field as Tab would, clear it, and type key by key."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    await pilot.pause()
    field.value = ""
    await pilot.press(*text)


async def fill(pilot, selector: str, text: str) -> None:
    """Focus a field and put text in it at once (typing each key is slow in tests)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = text
    await pilot.pause()


async def open_add_form(pilot) -> MemberForm:
    await pilot.press("a")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, MemberForm)
    return form


async def select(pilot, name: str) -> None:
    """Put the cursor on a member through the filter, as a person would."""
    await pilot.press("slash")
    pilot.app.screen.query_one("#roster-filter", Input).value = name
    await pilot.pause()
    await pilot.press("enter")  # back to the table, first match highlighted
    await pilot.pause()
    assert row_names(pilot.app)[0].startswith(name[:20])
    assert table(pilot.app).has_focus


# --------------------------------------------------------------------------
# Opening and reading


async def test_m_opens_the_roster_with_every_member(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_roster(pilot)
        assert table(app).row_count == 33  # 32 active and one withdrawn, kept on record
        assert app.screen.sub_title == "32 active members \u2014 33 shown"
        names = row_names(app)
        assert names[-1] == "Westgate Motel Owners' Circle"  # withdrawn members last
        for selector in ("#roster-filter", "#roster-table", "#roster-detail"):
            assert_visible(app, app.screen.query_one(selector))
        assert_visible(app, app.screen.query_one(Footer))
        # The widest column is on screen at 80 columns.
        assert "Needs attention" in table(app).render_line(0).text
        # The detail shows the highlighted member.
        assert names[0].rstrip("\u2026") in text_of(app, "#roster-detail")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_filter_as_you_type(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_roster(pilot)
        await pilot.press("slash")
        assert app.focused is app.screen.query_one("#roster-filter")
        counts = [table(app).row_count]
        for key in "shelter":
            await pilot.press(key)
            await pilot.pause()
            counts.append(table(app).row_count)
        assert counts == sorted(counts, reverse=True)
        assert counts[-1] < counts[0]
        assert set(row_names(app)) == {"North Shore Youth Shelter"}
        assert app.screen.sub_title.endswith("1 shown")
        # Filter by representative and several words.
        app.screen.query_one("#roster-filter", Input).value = "justice simone"
        await pilot.pause()
        assert row_names(app) == ["Lakeshore Probation and Parole"]
        app.screen.query_one("#roster-filter", Input).value = "no such agency"
        await pilot.pause()
        assert table(app).row_count == 0
        assert text_of(app, "#roster-detail") == "No member matches the filter."
        await pilot.press("escape")  # first Escape clears the filter
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        assert table(app).row_count == 33


async def test_needs_attention_column_flags_stale_contacts_and_extra_representatives(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_roster(pilot)
        stale = member_named(app, "Tallgrass Addiction and Mental Health Services")
        two_reps = member_named(app, "Pinecrest Sexual Assault Care Centre")
        explained = member_named(app, "Harbourview Hospital \u2014 Emergency Department")
        assert cells(app, stale.id)[3].startswith("\u26a0 contact")
        assert cells(app, two_reps.id)[3].startswith("\u26a0 2 represent")
        assert cells(app, explained.id)[3] == ""
        flagged = [row.key.value for row in table(app).ordered_rows if cells(app, row.key.value)[3]]
        assert len(flagged) == 4  # three stale contacts, one unexplained second representative

        await select(pilot, "Pinecrest")
        # Visible on screen, and in full in the detail.
        assert "\u26a0 2 represent" in table(app).render_line(1).text
        assert "Needs attention: 2 representatives, no reason recorded" in text_of(app, "#roster-detail")
        await pilot.press("escape")  # table focused: back to home
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await select(pilot, "Tallgrass")
        assert "(over 12 months)" in text_of(app, "#roster-detail")


# --------------------------------------------------------------------------
# Adding


async def test_add_a_member_through_the_form(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_roster(pilot)
        form = await open_add_form(pilot)
        for selector in ("#member-name", "#member-email", "#member-error"):
            assert_visible(app, form.query_one(selector))
        assert app.focused is form.query_one("#member-name")
        await pilot.press(*"Harbour Lights Diner")
        await fill(pilot, "#member-reps", "Sam Lee")
        await fill(pilot, "#member-email", "hello@harbourlights.example.org")
        await fill(pilot, "#member-phone", "905-555-0142")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        assert "Harbour Lights Diner" in row_names(app)
        added = member_named(app, "Harbour Lights Diner")
        assert table(app).coordinate_to_cell_key(table(app).cursor_coordinate).row_key.value == added.id
        assert app.screen.sub_title == "33 active members \u2014 34 shown"
    with on_disk(app) as store:
        saved = next(m for m in store.members() if m.id == added.id)
        assert saved.name == "Harbour Lights Diner"
        assert saved.representatives == ["Sam Lee"]
        assert saved.email == "hello@harbourlights.example.org"
        assert saved.phone == "905-555-0142"
        assert saved.contact_updated == TODAY
        assert len(store.members()) == 34


async def test_a_duplicate_name_is_refused_inline_and_nothing_is_saved(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_roster(pilot)
        form = await open_add_form(pilot)
        for typed in ("north shore youth shelter", "  North   Shore YOUTH Shelter "):
            await fill(pilot, "#member-name", typed)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form  # still open, nothing lost
            assert text_of(app, "#member-error") == "'North Shore Youth Shelter' is already on the roster."
            name = form.query_one("#member-name")
            assert name.has_class("-invalid")
            assert app.focused is name
            assert_visible(app, form.query_one("#member-error"))
            assert len(app.coalition.members) == 33
        # Escape asks before throwing the typed text away; "n" keeps editing.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#member-name", Input).value == "  North   Shore YOUTH Shelter "
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        assert table(app).row_count == 33
    with on_disk(app) as store:
        assert len(store.members()) == 33


async def test_a_bad_email_is_refused_then_corrected(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_roster(pilot)
        form = await open_add_form(pilot)
        await fill(pilot, "#member-name", "Harbour Lights Diner")
        await type_into(pilot, "#member-email", "hello@harbour")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert text_of(app, "#member-error") == "'hello@harbour' is not an e-mail address."
        email = form.query_one("#member-email")
        assert email.has_class("-invalid") and app.focused is email
        assert "Harbour Lights Diner" not in [m.name for m in app.coalition.members]
        assert app.flush_saves()
        assert "Harbour Lights Diner" not in [m.name for m in app.store.members()]
        # Fix it where the cursor already is and save.
        await pilot.press(*".ca")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
    with on_disk(app) as store:
        assert [m.email for m in store.members() if m.name == "Harbour Lights Diner"] == [
            "hello@harbour.ca"
        ]


async def test_other_bad_fields_are_refused_inline(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_roster(pilot)
        form = await open_add_form(pilot)
        for selector, value, message in [
            ("#member-phone", "555-12", "too short for a phone number"),
            ("#member-joined", "2026-02-30", "not a real date"),
            ("#member-contact-updated", "yesterday", "not a date"),
            ("#member-name", "   ", "needs a name"),
        ]:
            await fill(pilot, "#member-name", "Harbour Lights Diner")
            for other in ("#member-phone", "#member-joined", "#member-contact-updated"):
                form.query_one(other, Input).value = ""
            await fill(pilot, selector, value)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form
            assert message in text_of(app, "#member-error")
            assert form.query_one(selector).has_class("-invalid")
            assert app.focused is form.query_one(selector)
        assert len(app.coalition.members) == 33


# --------------------------------------------------------------------------
# Editing and status


async def test_edit_keeps_the_members_id(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_roster(pilot)
        member = member_named(app, "Bayfield Women's Transition House")
        original_id, joined = member.id, member.joined
        await select(pilot, "Bayfield")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MemberForm)
        assert form.query_one("#member-name", Input).value == "Bayfield Women's Transition House"
        await fill(pilot, "#member-phone", "905-555-7777")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        assert member_named(app, "Bayfield Women's Transition House") is member
        assert member.id == original_id and member.phone == "905-555-7777"
        assert len(app.coalition.members) == 33
        # Renaming it to another member's name is refused, and the record is untouched.
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "#member-name", "NORTH SHORE YOUTH SHELTER")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MemberForm)
        assert "already on the roster" in text_of(app, "#member-error")
        assert member.name == "Bayfield Women's Transition House"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    with on_disk(app) as store:
        saved = [m for m in store.members() if m.name == "Bayfield Women's Transition House"]
        assert [(m.id, m.phone, m.joined) for m in saved] == [(original_id, "905-555-7777", joined)]
        assert len(store.members()) == 33


async def test_changing_contact_details_confirms_the_contact_today(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_roster(pilot)
        stale = member_named(app, "Tallgrass Addiction and Mental Health Services")
        await select(pilot, "Tallgrass")
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "#member-email", "intake@tallgrass.example.org")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stale.email == "intake@tallgrass.example.org"
        assert stale.contact_updated == TODAY
        assert cells(app, stale.id)[3] == ""
        # Saving without touching any contact detail keeps the old date.
        other = member_named(app, "Lakeshore Crown Attorney's Office")
        old = other.contact_updated
        await select(pilot, "Lakeshore Crown")
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "#member-reason", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        assert other.contact_updated == old
        assert cells(app, other.id)[3].startswith("\u26a0 contact")


async def test_d_then_2_withdraws_and_keeps_the_record(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_roster(pilot)
        member = member_named(app, "Rainbow Youth Drop-In")
        await select(pilot, "Rainbow")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, StatusDialog)
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        assert member.status is MemberStatus.WITHDRAWN
        assert cells(app, member.id)[2] == "withdrawn"
        assert app.screen.sub_title.startswith("31 active members")
        # Escape in the dialog changes nothing.
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert member.status is MemberStatus.WITHDRAWN
    with on_disk(app) as store:
        saved = [m for m in store.members() if m.id == member.id]
        assert [m.status for m in saved] == [MemberStatus.WITHDRAWN]
        assert len(store.members()) == 33


# --------------------------------------------------------------------------
# Help


async def test_help_lists_the_roster_keys(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_roster(pilot)
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            keys = app.screen.query_one("#help-keys", DataTable)
            rows = {tuple(str(c) for c in keys.get_row_at(i)) for i in range(keys.row_count)}
            for row in [("/", "Filter"), ("a", "Add member"), ("e", "Edit"), ("d", "Status"),
                        ("Esc", "Back"), ("Ctrl+Q", "Quit")]:
                assert row in rows
            assert_visible(app, keys)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, RosterScreen)
