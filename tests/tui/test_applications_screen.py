"""Membership applications: record, endorse, review, decide, add to the roster."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable

from dhtc_tui.domain.model import ApplicationStatus, MemberKind, MemberStatus
from dhtc_tui.tui.app import CoalitionApp
from tests.tui.demo_app import make_demo_app, reopen

TODAY = date(2026, 11, 29)
RIVERSIDE = "Riverside Nail and Beauty Workers' Alliance"


def make_app(tmp_path) -> CoalitionApp:
    return make_demo_app(tmp_path)



async def open_applications(pilot, app) -> DataTable:
    await pilot.press("p")
    await pilot.pause()
    assert type(app.screen).__name__ == "ApplicationsScreen"
    return app.screen.query_one("#applications-table", DataTable)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).content)


def row_text(table: DataTable, key: str) -> list[str]:
    return [str(cell) for cell in table.get_row(key)]


def selected_key(table: DataTable) -> str:
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def choose(pilot, text: str) -> None:
    """In a focused Select: open it, type to search, pick."""
    await pilot.press("enter")
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


def application(app, name: str):
    return next(a for a in app.coalition.applications if a.applicant == name)


def member(app, name: str):
    return next(m for m in app.coalition.members if m.name == name)


async def endorse(pilot, app, org: str, signatory: str) -> None:
    await pilot.press("n")
    await pilot.pause()
    assert type(app.screen).__name__ == "EndorsementForm"
    await choose(pilot, org)
    await pilot.press("tab")
    await type_text(pilot, signatory)
    await pilot.press("enter", "enter")  # next field, then save from the last one
    await pilot.pause()
    assert type(app.screen).__name__ == "ApplicationsScreen"


async def review(pilot, app, org: str, decision: str, note: str = "") -> None:
    await pilot.press("r")
    await pilot.pause()
    assert type(app.screen).__name__ == "ReviewForm"
    await choose(pilot, org)
    await pilot.press("tab")
    await choose(pilot, decision[0])  # "a" finds approve, "d" deny
    await pilot.press("tab")
    await type_text(pilot, note)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert type(app.screen).__name__ == "ApplicationsScreen"


async def test_table_shows_counts_and_what_is_missing(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_applications(pilot, app)
            riverside = application(app, RIVERSIDE)
            approved = application(app, "Youth Employment Pathways")
            assert table.row_count == 2
            assert selected_key(table) == riverside.id  # pending first
            row = row_text(table, riverside.id)
            assert row[1] == "org" and row[3] == "1/2" and row[5] == "pending"
            assert row[6] == "1 end., 2 rev."
            assert row_text(table, approved.id)[5] == "approved"
            state = text_of(app, "#applications-state")
            assert "needs two endorsing member organizations (1 recorded)" in state
            assert "North Shore Youth Shelter" in text_of(app, "#applications-detail")
    finally:
        app.shutdown()


async def test_approve_refused_with_the_reason_until_ready(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_applications(pilot, app)
            riverside = application(app, RIVERSIDE)
            await pilot.press("y")
            await pilot.pause()
            assert type(app.screen).__name__ == "ApplicationsScreen"  # no confirmation offered
            assert riverside.status is ApplicationStatus.PENDING
            assert text_of(app, "#applications-state").startswith(
                "Cannot approve yet: needs two endorsing member organizations (1 recorded)"
            )
            await pilot.press("x")
            await pilot.pause()
            assert riverside.status is ApplicationStatus.PENDING
            assert "Denial needs two member organizations' reviews to deny." in text_of(app, "#applications-state")
    finally:
        app.shutdown()


async def test_endorse_review_approve_and_add_to_roster(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_applications(pilot, app)
            riverside = application(app, RIVERSIDE)
            crown = member(app, "Lakeshore Crown Attorney's Office")
            await endorse(pilot, app, "Lakeshore Crown", "Crown Attorney R. Hale")
            assert [e.member_id for e in riverside.endorsements][-1] == crown.id
            assert riverside.endorsements[-1].signatory == "Crown Attorney R. Hale"
            assert riverside.endorsements[-1].on == TODAY
            assert row_text(table, riverside.id)[3] == "2/2"

            # Endorsed, but not reviewed yet.
            await pilot.press("y")
            await pilot.pause()
            assert riverside.status is ApplicationStatus.PENDING
            assert text_of(app, "#applications-state") == (
                "Cannot approve yet: needs review by two different member organizations (0 so far)"
            )

            await review(pilot, app, "Bayfield", "approve", "Meets the requirements")
            await review(pilot, app, "Pinecrest", "approve")
            assert [r.decision for r in riverside.reviews] == ["approve", "approve"]
            assert riverside.reviews[0].note == "Meets the requirements"
            assert row_text(table, riverside.id)[4] == "2\u27130\u2717"
            assert row_text(table, riverside.id)[6] == "ready (y)"

            await pilot.press("y")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmDialog"
            assert "Lakeshore Crown Attorney's Office" in text_of(app, "#confirm-question")
            await pilot.press("y")
            await pilot.pause()
            assert riverside.status is ApplicationStatus.APPROVED
            # Then the roster offer.
            assert type(app.screen).__name__ == "ConfirmDialog"
            assert "Add Riverside" in text_of(app, "#confirm-question")
            await pilot.press("y")
            await pilot.pause()
            assert type(app.screen).__name__ == "ApplicationsScreen"
            new_member = member(app, RIVERSIDE)
            assert new_member.status is MemberStatus.ACTIVE
            assert new_member.joined == TODAY
            assert new_member.representatives == ["Mei-Lin Harcourt"]
            assert set(new_member.endorsed_by) == {e.member_id for e in riverside.endorsements}
            assert row_text(table, riverside.id)[5] == "approved"
            assert "On the roster." in text_of(app, "#applications-state")

            # Nothing more to do on a decided application.
            await pilot.press("n")
            await pilot.pause()
            assert type(app.screen).__name__ == "ApplicationsScreen"
        app.flush_saves()
    finally:
        app.shutdown()
    with reopen(tmp_path) as store:
        saved = next(a for a in store.applications() if a.id == riverside.id)
        assert saved.status is ApplicationStatus.APPROVED
        assert len(saved.endorsements) == 2 and len(saved.reviews) == 2
        saved_member = next(m for m in store.members() if m.name == RIVERSIDE)
        assert saved_member.joined == TODAY


async def test_roster_offer_can_wait_and_m_adds_later(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_applications(pilot, app)
            riverside = application(app, RIVERSIDE)
            await endorse(pilot, app, "Lakeshore Crown", "Crown Attorney R. Hale")
            await review(pilot, app, "Bayfield", "approve")
            await review(pilot, app, "Pinecrest", "approve")
            await pilot.press("y")
            await pilot.pause()
            await pilot.press("y")  # approve
            await pilot.pause()
            await pilot.press("n")  # not on the roster yet
            await pilot.pause()
            assert riverside.status is ApplicationStatus.APPROVED
            assert all(m.name != RIVERSIDE for m in app.coalition.members)
            assert "Not on the roster yet: m adds it." in text_of(app, "#applications-state")
            await pilot.press("m")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert member(app, RIVERSIDE).is_active
            await pilot.press("m")  # a second time: already there, nothing added
            await pilot.pause()
            assert type(app.screen).__name__ == "ApplicationsScreen"
            assert sum(m.name == RIVERSIDE for m in app.coalition.members) == 1
    finally:
        app.shutdown()


async def test_two_denials_then_deny(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_applications(pilot, app)
            riverside = application(app, RIVERSIDE)
            await review(pilot, app, "Bayfield", "deny", "Mandate does not fit")
            await review(pilot, app, "Pinecrest", "deny")
            assert [r.decision for r in riverside.reviews] == ["deny", "deny"]
            await pilot.press("x")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmDialog"
            await pilot.press("y")
            await pilot.pause()
            assert riverside.status is ApplicationStatus.DENIED
            assert type(app.screen).__name__ == "ApplicationsScreen"  # no roster offer
            assert all(m.name != RIVERSIDE for m in app.coalition.members)
        app.flush_saves()
    finally:
        app.shutdown()
    with reopen(tmp_path) as store:
        assert next(a for a in store.applications() if a.id == riverside.id).status is ApplicationStatus.DENIED


async def test_endorsement_needs_a_signatory(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_applications(pilot, app)
            riverside = application(app, RIVERSIDE)
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "Endorsements come from existing member organizations." == text_of(app, "#endorse-error")
            await choose(pilot, "Lakeshore Crown")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert type(app.screen).__name__ == "EndorsementForm"
            assert text_of(app, "#endorse-error").startswith("Name the signatory")
            assert app.screen.focused.id == "endorse-signatory"
            assert len(riverside.endorsements) == 1
    finally:
        app.shutdown()


async def test_new_application_is_checked_then_recorded(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_applications(pilot, app)
            count = len(app.coalition.applications)
            await pilot.press("a")
            await pilot.pause()
            assert type(app.screen).__name__ == "ApplicationForm"
            # An active member cannot apply again.
            await type_text(pilot, "North Shore Youth Shelter")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert text_of(app, "#application-error") == "'North Shore Youth Shelter' is already an active member."

            form = app.screen
            form.query_one("#application-applicant").value = "Harbour Light Outreach"
            form.query_one("#application-contact").value = "Sam Rivera"
            form.query_one("#application-email").value = "sam@harbourlight"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert text_of(app, "#application-error") == "'sam@harbourlight' is not an e-mail address."
            assert app.screen.focused.id == "application-email"
            form.query_one("#application-email").value = "sam@harbourlight.example.org"
            form.query_one("#application-received").value = "2026-11-31"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert text_of(app, "#application-error") == "2026-11-31 is not a real date."
            form.query_one("#application-received").value = "2026-11-20"
            await pilot.press("ctrl+s")
            await pilot.pause()

            assert type(app.screen).__name__ == "ApplicationsScreen"
            assert len(app.coalition.applications) == count + 1
            new = application(app, "Harbour Light Outreach")
            assert new.kind is MemberKind.ORGANIZATION
            assert new.status is ApplicationStatus.PENDING
            assert new.received == date(2026, 11, 20)
            assert new.contact_name == "Sam Rivera"
            assert row_text(table, new.id)[3] == "0/2"
            assert selected_key(table) == new.id
        app.flush_saves()
    finally:
        app.shutdown()
    with reopen(tmp_path) as store:
        saved = next(a for a in store.applications() if a.applicant == "Harbour Light Outreach")
        assert saved.email == "sam@harbourlight.example.org"


async def test_fits_80x24_with_footer_keys(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_applications(pilot, app)
            assert table.region.height >= 6
            assert app.screen.query_one("#applications-state").region.bottom <= 23
            shown = {b.binding.key for b in app.screen.active_bindings.values() if b.binding.show}
            assert {"a", "n", "r", "y", "x", "escape"} <= shown
            assert all(b.binding.description for b in app.screen.active_bindings.values() if b.node is app.screen)
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
    finally:
        app.shutdown()
