"""The seat's screen: the meeting console, less what only the chair does."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import Static

from ...domain.model import AgendaKind
from ...domain.text import long_date
from ...seat.files import SeatFileError
from ..screens.console import ConsoleScreen
from ..widgets.dialogs import TextPrompt
from ..widgets.items.base import NotesPanel
from ..widgets.items.case_examples import CaseExamplesPanel
from ..widgets.items.people import MemberUpdatesPanel
from ..widgets.items.updates import SubcommitteesPanel
from ..widgets.text import escape

SEAT_PANELS = {
    AgendaKind.SUBCOMMITTEES: SubcommitteesPanel,
    AgendaKind.MEMBER_UPDATES: MemberUpdatesPanel,
    AgendaKind.CASE_EXAMPLES: CaseExamplesPanel,
}


class SeatNotesPanel(NotesPanel):
    """Notes on any other item (attendance, motions and the rest are the chair's)."""

    def compose_body(self) -> ComposeResult:
        item = self.item
        if item.presenter:
            vetted = self.coalition.name_of(item.vetted_by, "not recorded")
            yield Static(f"Presenter: {item.presenter}\nVetted by: {vetted}", classes="counts", markup=False)
        if item.raised_by:
            yield Static(f"Raised by: {self.coalition.name_of(item.raised_by)}", classes="counts", markup=False)
        if item.skip_reason:
            yield Static(f"The chair planned to skip this item: {item.skip_reason}", classes="counts", markup=False)
        yield Static("Record what was decided, not what was said. The chair records attendance and motions.", classes="hint")


class SeatScreen(ConsoleScreen, inherit_bindings=False):
    """Minute taker's seat"""

    #: Not the agenda list: a letter typed before the notes open must not
    #: move through the agenda.
    AUTO_FOCUS = ""
    #: The console's look: its stylesheet lives beside the console screen.
    CSS_PATH = str(Path(__file__).resolve().parent.parent / "screens" / "console.tcss")

    BINDINGS = [
        Binding("f3", "previous_item", "Prev", tooltip="Previous agenda item", priority=True, id="previous-item"),
        Binding("f4,ctrl+n", "next_item", "Next", tooltip="Next agenda item", priority=True, id="next-item"),
        Binding("f5,ctrl+g", "focus_agenda", "Agenda", tooltip="Go to the agenda list", show=False, priority=True, id="agenda"),
        Binding("f9", "send", "E-mail", tooltip="Write an e-mail draft (.eml) to the chair with the notes file", priority=True, id="send"),
        Binding("f11,ctrl+l", "toggle_agenda", "Hide agenda", show=False, priority=True, id="toggle-agenda"),
        Binding("escape", "leave_text", "Leave text", show=False, id="leave-text"),
    ]

    def on_mount(self) -> None:
        # The chair runs the clock and the item states; the seat only moves.
        self.refresh_agenda()
        self.show_item()
        self.update_bar()
        self.set_interval(1.0, self.update_bar)
        self.on_resize()

    def update_bar(self) -> None:
        meeting = self.meeting
        narrow = self.app.size.width < 100
        date_text = f"{meeting.date:%a %b} {meeting.date.day}" if narrow else long_date(meeting.date)
        saving = "saving\u2026" if self.app.writer.pending() or self.app._save_timer else "saved"
        self.query_one("#meeting-bar", Static).update(
            f"Notes \u2502 {date_text} \u2502 {self.app.now():%H:%M} \u2502 {escape(self.app.path.name)} \u2502 {saving}",
            layout=False,  # one fixed line (console.tcss): no screen layout every second while typing
        )

    async def _swap_panel(self) -> None:
        area = self.query_one("#item-area")
        await area.remove_children()
        item = self.meeting.current_item
        if item is None:
            return
        await area.mount(SEAT_PANELS.get(item.kind, SeatNotesPanel)(self.meeting, item))
        self.query_one("#agenda").highlighted = self.meeting.current_index
        self.call_after_refresh(self.action_focus_panel)

    # The agenda is the chair's: the seat reads it, and does not change it.
    def _chairs(self, *args) -> None:
        self.notify("The agenda is the chair's: only notes are taken here.", severity="warning")

    action_skip_item = action_add_item = _chairs

    def unskip(self, index: int) -> None:
        self._chairs()

    def move_item(self, index: int, offset: int) -> None:
        self._chairs()

    def action_send(self) -> None:
        def got(address: str | None) -> None:
            if address is None:
                return
            try:
                path = self.app.write_email(address)
            except SeatFileError as exc:
                self.notify(str(exc), severity="error", timeout=10, markup=False)
                return
            self.notify(f"Wrote {path.name} beside the notes file: open it, check it, send it.", timeout=8, markup=False)

        self.app.push_screen(TextPrompt("Chair's e-mail address (optional; Enter writes the draft):"), got)

    def palette_commands(self):
        yield SystemCommand("Next item", "Move to the next agenda item", self.action_next_item)
        yield SystemCommand("Previous item", "Move to the previous agenda item", self.action_previous_item)
        yield SystemCommand("E-mail the notes", "An .eml draft to the chair with the file attached", self.action_send)
