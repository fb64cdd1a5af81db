"""F12 in the planning screen and the console: hand out the notes file, merge it back."""

from __future__ import annotations

from datetime import datetime

from dhtc_tui.domain.model import AgendaKind
from dhtc_tui.seat.files import read_bundle, write_bundle

from tests.tui.demo_app import make_demo_app


async def test_chair_writes_the_file_when_planning_and_merges_it_in_the_console(tmp_path):
    app = make_demo_app(tmp_path, clock=lambda: datetime(2027, 1, 21, 9, 45))
    path = tmp_path / "notes.dhtc"
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("f12")  # saves the meeting, then offers the file
            await pilot.pause()
            assert type(app.screen).__name__ == "SeatMenu"
            app.screen.query_one("#seat-path").value = str(path)
            await pilot.press("ctrl+s")
            await pilot.pause()
            bundle = read_bundle(path)
            planned = app.coalition.loaded[next(r.id for r in app.coalition.refs if r.status.value == "scheduled")]
            assert planned.seat_id == bundle.seat_id

            # The minute taker's laptop (here: the file, typed into directly).
            land = next(i for i in bundle.agenda if i.kind == AgendaKind.LAND_ACKNOWLEDGEMENT.value)
            bundle.notes.items[land.id] = "Led by an elder"
            write_bundle(path, bundle)

            await pilot.press("s")  # start the meeting
            await pilot.pause()
            await pilot.pause()
            await pilot.press("f12")
            await pilot.pause()
            app.screen.query_one("#seat-path").value = str(path)
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert type(app.screen).__name__ == "SeatImportPreview"
            assert "Land Acknowledgement" in str(app.screen.query_one("#seat-changes").get_option_at_index(0).prompt)
            assert planned.item(land.id).notes == ""  # nothing merged before the chair accepts
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert planned.item(land.id).notes == "Led by an elder"

            # The same file again: nothing new, nothing changed.
            await pilot.press("f12")
            await pilot.pause()
            app.screen.query_one("#seat-path").value = str(path)
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConsoleScreen"
            assert any("Nothing new" in n.message for n in app._notifications)
            await pilot.press("ctrl+q")
    finally:
        app.shutdown()
