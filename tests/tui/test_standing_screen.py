"""Attendance standing under the 2/3 rule, and recording a withdrawal."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable

from dhtc_tui.demo import build_demo
from dhtc_tui.domain.attendance import Standing
from dhtc_tui.domain.model import MemberStatus
from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import CoalitionApp
from tests.tui.demo_app import make_demo_app

TODAY = date(2026, 11, 29)
NORTHERN = "Northern Trails Transit Safety Office"  # attends none of the demo meetings


def make_app(tmp_path) -> CoalitionApp:
    return make_demo_app(tmp_path)


async def open_standing(pilot, app) -> DataTable:
    await pilot.press("w")
    await pilot.pause()
    assert type(app.screen).__name__ == "StandingScreen"
    return app.screen.query_one("#standing-table", DataTable)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).content)


def row_keys(table: DataTable) -> list[str]:
    return [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]


def row_text(table: DataTable, key: str) -> list[str]:
    return [str(cell) for cell in table.get_row(key)]


def member(app, name: str):
    return next(m for m in app.coalition.members if m.name == name)


async def move_to(pilot, table: DataTable, key: str) -> None:
    await pilot.press("ctrl+home")
    for _ in range(table.row_count):
        if table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == key:
            return
        await pilot.press("down")
    assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == key


async def test_worst_first_with_the_rule_explained(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_standing(pilot, app)
            reports = {r.member_id: r for r in app.coalition.standings(app.store, TODAY)}
            keys = row_keys(table)
            assert set(keys) == {m.id for m in app.coalition.members if m.is_active}
            order = {Standing.WITHDRAWN: 0, Standing.AT_RISK: 1, Standing.GOOD: 2}
            ranks = [order[reports[k].standing] for k in keys]
            assert ranks == sorted(ranks)
            assert ranks[0] == 0 and 1 in ranks  # the demo has one withdrawn, some at risk

            northern = member(app, NORTHERN)
            assert keys[0] == northern.id
            # Member, attended, held, planned, needed, standing.
            assert row_text(table, northern.id)[1:] == ["0", "3", "6", "4", "withdrawn"]
            at_risk = next(k for k in keys if reports[k].standing is Standing.AT_RISK)
            assert row_text(table, at_risk)[1:] == ["1", "3", "6", "4", "at risk"]

            rule = text_of(app, "#standing-rule")
            assert "3 of 6 planned meetings held; 4 needed" in rule
            assert "fewer than 4 of 6: automatic withdrawal is assumed" in rule
            detail = text_of(app, "#standing-detail")
            assert detail.startswith(f"{NORTHERN}: withdrawn")
            assert "w records it on the roster" in detail
    finally:
        app.shutdown()


async def test_w_records_withdrawal_after_confirmation(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_standing(pilot, app)
            northern = member(app, NORTHERN)
            assert row_keys(table)[0] == northern.id

            # Escape (No) leaves everything as it was.
            await pilot.press("w")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmDialog"
            assert "withdrawn" in text_of(app, "#confirm-question")
            await pilot.press("escape")
            await pilot.pause()
            assert northern.status is MemberStatus.ACTIVE

            await pilot.press("w")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert type(app.screen).__name__ == "StandingScreen"
            assert northern.status is MemberStatus.WITHDRAWN
            assert northern.status_on == TODAY
            assert northern.status_reason == "attendance under 2/3 in 2026\u201327"
            # The year's verdict stays visible (issue 9, point 14), with the reason.
            assert northern.id in row_keys(table)
            assert "1 withdrawn" in app.screen.sub_title
            await move_to(pilot, table, northern.id)
            assert "Withdrawn on Nov 29, 2026: attendance under 2/3 in 2026\u201327. r reinstates it" in text_of(
                app, "#standing-detail"
            )
        app.flush_saves()
    finally:
        app.shutdown()
    with Store.open(tmp_path / "data") as store:
        saved = next(m for m in store.members() if m.id == northern.id)
        assert saved.status is MemberStatus.WITHDRAWN
        assert saved.withdrawn_for_year == 2026


async def test_r_reinstates_a_withdrawn_member_with_a_reason(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_standing(pilot, app)
            northern = member(app, NORTHERN)
            await pilot.press("w")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            await move_to(pilot, table, northern.id)
            await pilot.press("r")
            await pilot.pause()
            assert type(app.screen).__name__ == "TextPrompt"
            await pilot.press("enter")  # no reason: refused, dialog stays
            await pilot.pause()
            assert type(app.screen).__name__ == "TextPrompt"
            assert northern.status is MemberStatus.WITHDRAWN
            await pilot.press(*"new contact named")
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "StandingScreen"
            assert northern.status is MemberStatus.ACTIVE
            assert northern.status_reason == "reinstated by the chair: new contact named"
            assert northern.reinstated_years == [2026]
    finally:
        app.shutdown()


async def test_a_year_that_ended_is_judged_at_start_up_and_stays_visible(tmp_path):
    store = Store.open(tmp_path / "data")
    build_demo(store, TODAY)
    after = date(2027, 9, 10)
    app = CoalitionApp(store, today=after)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            northern = member(app, NORTHERN)
            # Automatic: no chair action, judged on the 3 meetings held.
            assert northern.status is MemberStatus.WITHDRAWN
            assert northern.status_on == after
            assert northern.status_reason == "attendance under 2/3 in 2026\u201327"
            home = text_of(app, "#home-standing")
            assert home.index("Newly withdrawn (attendance under 2/3):") < home.index("Attendance (2/3 rule)")
            assert NORTHERN in home
            table = await open_standing(pilot, app)
            assert "2027\u201328" in app.screen.sub_title
            await pilot.press("left_square_bracket")
            await pilot.pause()
            assert "2026\u201327" in app.screen.sub_title
            assert "(ended August 31): judged on the 3 meetings held; 2 needed" in text_of(app, "#standing-rule")
            assert row_text(table, northern.id)[1:] == ["0", "3", "3", "2", "withdrawn"]
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert "2027\u201328" in app.screen.sub_title
    finally:
        app.shutdown()


async def test_w_does_nothing_for_members_not_under_two_thirds(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_standing(pilot, app)
            reports = {r.member_id: r for r in app.coalition.standings(app.store, TODAY)}
            for standing in (Standing.AT_RISK, Standing.GOOD):
                key = next(k for k in row_keys(table) if reports[k].standing is standing)
                await move_to(pilot, table, key)
                await pilot.press("w")
                await pilot.pause()
                assert type(app.screen).__name__ == "StandingScreen"  # no dialog
                assert app.coalition.member(key).status is MemberStatus.ACTIVE
            at_risk = next(k for k in row_keys(table) if reports[k].standing is Standing.AT_RISK)
            await move_to(pilot, table, at_risk)
            assert "Must attend every one of the 3 remaining meetings to reach 4." in text_of(app, "#standing-detail")
    finally:
        app.shutdown()


async def test_grid_shows_each_meeting_of_the_year(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_standing(pilot, app)
            await pilot.press("g")
            await pilot.pause()
            refs = app.coalition.year_refs(TODAY)
            labels = [str(c.label) for c in table.columns.values()]
            assert labels[:4] == ["Member", "Att.", "Need", "Standing"]
            assert labels[4:] == [f"{r.date:%b}\n{r.date.day}" for r in refs]
            northern = member(app, NORTHERN)
            assert row_text(table, northern.id)[4:] == ["\u2013"] * len(refs)
            # Every cell matches the meeting's attendance record.
            meetings = [app.coalition.meeting(app.store, r.id) for r in refs]
            letters = {"present": "P", "delegate": "D", "remote": "R", "regrets": "\u2013", "absent": "\u2013"}
            for key in row_keys(table)[:8]:
                expected = [
                    letters[m.attendance_of(key).presence.value] if m.attendance_of(key) else "\u2013"
                    for m in meetings
                ]
                assert row_text(table, key)[4:] == expected
            assert "P present, D delegate, R remote" in text_of(app, "#standing-rule")
            assert table.region.right <= 80
            await pilot.press("g")
            await pilot.pause()
            assert [str(c.label) for c in table.columns.values()][1] == "Attended"
    finally:
        app.shutdown()


async def test_fits_80x24_with_footer_keys(tmp_path):
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            table = await open_standing(pilot, app)
            assert table.region.height >= 8
            assert app.screen.query_one("#standing-detail").region.bottom <= 23
            shown = {b.binding.key for b in app.screen.active_bindings.values() if b.binding.show}
            assert {"w", "g", "escape"} <= shown
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
    finally:
        app.shutdown()
