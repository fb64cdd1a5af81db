"""The meeting console: the chair steps through the agenda while the minute taker types."""

from __future__ import annotations

from textual.app import ComposeResult, SystemCommand
from ..widgets.text import escape
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ...domain import agenda as agenda_rules
from ...domain.closing import unfinished_business
from ...domain.model import AgendaKind, ItemState, Meeting, MeetingStatus
from ...domain.text import clock, long_date
from ...domain.validation import ValidationError, parse_time
from ..widgets.dialogs import TextPrompt
from ..widgets.footer import StableFooter
from ..widgets.items.base import ItemPanel, NotesPanel
from ..widgets.items.case_examples import CaseExamplesPanel
from ..widgets.items.formal import (
    ConflictsPanel,
    LandAcknowledgementPanel,
    NextMeetingPanel,
    PreviousMinutesPanel,
)
from ..widgets.items.people import AttendancePanel, MemberUpdatesPanel, MinuteTakerPanel
from ..widgets.items.updates import BusinessArisingPanel, SubcommitteesPanel

PANELS: dict[AgendaKind, type[ItemPanel]] = {
    AgendaKind.MINUTE_TAKER: MinuteTakerPanel,
    AgendaKind.ATTENDANCE: AttendancePanel,
    AgendaKind.LAND_ACKNOWLEDGEMENT: LandAcknowledgementPanel,
    AgendaKind.CONFLICTS: ConflictsPanel,
    AgendaKind.PREVIOUS_MINUTES: PreviousMinutesPanel,
    AgendaKind.BUSINESS_ARISING: BusinessArisingPanel,
    AgendaKind.SUBCOMMITTEES: SubcommitteesPanel,
    AgendaKind.MEMBER_UPDATES: MemberUpdatesPanel,
    AgendaKind.CASE_EXAMPLES: CaseExamplesPanel,
    AgendaKind.NEXT_MEETING: NextMeetingPanel,
}

STATE_MARK = {
    ItemState.TODO: "\u00b7",
    ItemState.CURRENT: "\u25b6",
    ItemState.DONE: "\u2713",
    ItemState.SKIPPED: "\u21b7",
}


class AgendaList(OptionList):
    """The agenda sidebar: plain keys work here (the notes are elsewhere)."""

    BINDINGS = [
        Binding("enter", "go", "Go to item", show=False),
        Binding("n", "screen.next_item", "Next item", show=False),
        Binding("p", "screen.previous_item", "Previous item", show=False),
        Binding("s", "screen.skip_item(True)", "Skip item", show=False),
        Binding("u", "unskip", "Un-skip item", show=False),
        Binding("plus,a", "screen.add_item", "Add agenda item", show=False),
        # Moving items takes a deliberate chord, never a stray letter; Ctrl+Z undoes.
        Binding("shift+up,ctrl+up", "move(-1)", "Move item up", show=False),
        Binding("shift+down,ctrl+down", "move(1)", "Move item down", show=False),
        Binding("ctrl+z", "screen.undo_move", "Undo the last move", show=False),
        Binding("tab", "screen.focus_panel", "To the item", show=False),
    ]

    def action_go(self) -> None:
        if self.highlighted is not None:
            self.screen.go_to(self.highlighted)

    def action_unskip(self) -> None:
        if self.highlighted is not None:
            self.screen.unskip(self.highlighted)

    def action_move(self, offset: int) -> None:
        if self.highlighted is not None:
            self.screen.move_item(self.highlighted, offset)


class ConsoleScreen(Screen):
    """Meeting console"""

    CSS_PATH = "console.tcss"

    BINDINGS = [
        Binding("f3", "previous_item", "Prev", tooltip="Previous agenda item", priority=True, id="previous-item"),
        Binding("f4,ctrl+n", "next_item", "Next", tooltip="Next agenda item", priority=True, id="next-item"),
        Binding("f5,ctrl+g", "focus_agenda", "Agenda", tooltip="Go to the agenda list", show=False, priority=True, id="agenda"),
        Binding("f6,ctrl+o", "motion", "Motion", tooltip="Open a motion on this item", priority=True, id="motion"),
        Binding("f7,ctrl+t", "action_item", "Action", tooltip="Add an action item", priority=True, id="action-item"),
        Binding("f8", "skip_item(True)", "Skip item", tooltip="Skip an agenda item, with a reason", show=False, priority=True, id="skip-item"),
        Binding("f9", "export", "Export", tooltip="Export draft minutes (.docx)", priority=True, id="export"),
        Binding("f10", "close_meeting", "Close", tooltip="Close the meeting (adjourn)", priority=True, id="close-meeting"),
        Binding("f11,ctrl+l", "toggle_agenda", "Hide agenda", show=False, priority=True, id="toggle-agenda"),
        Binding("escape", "leave_text", "Leave text", show=False, id="leave-text"),
        Binding("f12", "seat", "Notes file", tooltip="The minute taker's notes file: write it, or import it", show=False, priority=True, id="seat"),
    ]

    def action_seat(self) -> None:
        from ..seat.chair import seat_menu

        seat_menu(self, self.meeting)

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        yield Static(id="meeting-bar")
        with Horizontal(id="console-body"):
            with Vertical(id="sidebar"):
                yield AgendaList(id="agenda")
                yield Static("n/p next/prev \u00b7 Enter go \u00b7 s skip \u00b7 + add \u00b7 Shift+\u2191\u2193 move \u00b7 Ctrl+Z undo", id="agenda-hint")
            yield Vertical(id="item-area")
        yield StableFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        #: Where the chair was before the last move (Esc on the case examples
        #: reminder goes back there) and the moves that can be undone.
        self._came_from: int | None = None
        self._moves: list[tuple[int, int]] = []
        meeting = self.meeting
        now = self.app.now()
        if meeting.status is MeetingStatus.CLOSED:
            self.notify("This meeting is closed: changes still save, and its minutes can be exported.", timeout=6)
        else:
            agenda_rules.start_meeting(meeting, now)
            self.app.meeting_changed(meeting)
        self.refresh_agenda()
        self.show_item()
        self.update_bar()
        self.set_interval(1.0, self.update_bar)
        self.on_resize()
        if early := getattr(self, "_early_jump", None):
            self.call_after_refresh(self.jump_to, *early)

    def on_resize(self, event=None) -> None:
        self.set_class(self.app.size.width < 100, "-narrow")

    # -- what is shown ---------------------------------------------------------

    def update_bar(self) -> None:
        meeting = self.meeting
        now = self.app.now()
        item = meeting.current_item
        elapsed = agenda_rules.format_elapsed(agenda_rules.meeting_seconds(meeting, now))
        on_item = agenda_rules.format_elapsed(agenda_rules.item_seconds(item, now)) if item else "--"
        saving = "saving\u2026" if self.app.writer.pending() else "saved"
        narrow = self.app.size.width < 100
        date_text = f"{meeting.date:%a %b} {meeting.date.day}" if narrow else long_date(meeting.date)
        status = " CLOSED" if meeting.status is MeetingStatus.CLOSED else ""
        self.query_one("#meeting-bar", Static).update(
            f"{date_text}{status} \u2502 {now:%H:%M} \u2502 meeting {elapsed} \u2502 item {on_item} \u2502 {saving}",
            layout=False,  # one fixed line (console.tcss): no screen layout every second while typing
        )

    def refresh_agenda(self) -> None:
        agenda = self.query_one("#agenda", AgendaList)
        keep = agenda.highlighted
        agenda.clear_options()
        room = (30 if self.app.size.width >= 100 else 22) - 2
        for index, item in enumerate(self.meeting.agenda):
            motions = sum(1 for m in self.meeting.motions if m.agenda_item_id == item.id)
            prefix = f"{STATE_MARK[item.state]} {index + 1}. "
            suffix = f" \\[{motions}M]" if motions else ""
            width = room - len(prefix) - len(suffix) + (1 if motions else 0)
            title = item.title if len(item.title) <= width else item.title[: width - 1] + "\u2026"
            label = f"{prefix}{escape(title)}{suffix}"
            if item.state is ItemState.CURRENT:
                label = f"[b]{label}[/b]"
            agenda.add_option(Option(label, id=item.id))
        agenda.highlighted = keep if keep is not None else self.meeting.current_index

    def show_item(self) -> None:
        self.call_later(self._swap_panel)

    async def _swap_panel(self) -> None:
        area = self.query_one("#item-area", Vertical)
        await area.remove_children()
        item = self.meeting.current_item
        if item is None:
            return
        panel_class = PANELS.get(item.kind, NotesPanel)
        panel = panel_class(self.meeting, item)
        await area.mount(panel)
        self.query_one("#agenda", AgendaList).highlighted = self.meeting.current_index
        self.call_after_refresh(self.action_focus_panel)
        if getattr(self, "_jump", None):
            self.call_after_refresh(self._select_jump, panel, *self._jump)
            self._jump = None

    def jump_to(self, path: str, finding, where: str) -> None:
        """The findings dialog: open the item whose panel edits ``path`` and
        select the finding in its text."""
        from .export import item_for

        if not self.is_mounted:  # just opened from the home screen
            self._early_jump = (path, finding, where)
            return
        item = item_for(self.meeting, path)
        if item is None:
            self.notify(f"Edit it where it was typed: {where}.", markup=False, timeout=8)
            return
        self._jump = (path, finding, where)
        self.go_to(self.meeting.agenda.index(item))
        if self._jump and self.panel() is not None and self.panel().item is item:
            self._select_jump(self.panel(), *self._jump)  # already on that item
            self._jump = None

    def _select_jump(self, panel, path: str, finding, where: str) -> None:
        if not panel.show_finding(path, finding):
            self.notify(f"Edit it where it was typed: {where}.", markup=False, timeout=8)

    def panel(self) -> ItemPanel | None:
        try:
            return self.query_one("#item-panel", ItemPanel)
        except Exception:
            return None

    def on_item_panel_changed(self, event: ItemPanel.Changed) -> None:
        self.refresh_agenda()
        self.update_bar()

    # -- moving ----------------------------------------------------------------

    def _moved(self) -> None:
        self.app.meeting_changed(self.meeting)
        self.refresh_agenda()
        self.show_item()
        self.update_bar()

    def action_next_item(self) -> None:
        before = self._came_from = self.meeting.current_index
        agenda_rules.next_item(self.meeting, self.app.now())
        if self.meeting.current_index == before:
            self.notify("This is the last item. F10 closes the meeting.")
        self._moved()

    def action_previous_item(self) -> None:
        self._came_from = self.meeting.current_index
        agenda_rules.previous_item(self.meeting, self.app.now())
        self._moved()

    def go_to(self, index: int) -> None:
        if index == self.meeting.current_index:
            self.action_focus_panel()
            return
        self._came_from = self.meeting.current_index
        agenda_rules.go_to(self.meeting, index, self.app.now())
        self._moved()

    def reminder_declined(self) -> None:
        """Case examples opened without acknowledging: back where the chair came from."""
        self.notify("Case examples stay closed until the confidentiality reminder is acknowledged.")
        back = self._came_from
        if back is not None and back != self.meeting.current_index and 0 <= back < len(self.meeting.agenda):
            agenda_rules.go_to(self.meeting, back, self.app.now())
        else:
            agenda_rules.previous_item(self.meeting, self.app.now())
        self._came_from = None
        self._moved()

    def action_focus_agenda(self) -> None:
        self.remove_class("-hide-agenda")
        self.query_one("#agenda", AgendaList).focus()

    def action_focus_panel(self) -> None:
        panel = self.panel()
        if panel is None:
            return
        target = panel.first_focus()
        if target is not None:
            if isinstance(target, TextArea) and target.cursor_location == (0, 0) and target.text:
                # Resumed notes: new typing goes after what is there.
                target.move_cursor(target.document.end)
            target.focus()
        else:
            panel.focus()

    def action_toggle_agenda(self) -> None:
        self.toggle_class("-hide-agenda")

    def action_leave_text(self) -> None:
        focused = self.focused
        panel = self.panel()
        if isinstance(panel, MemberUpdatesPanel) and panel.leave_text():
            return
        if isinstance(focused, (TextArea, Input)) and panel is not None:
            target = panel.first_focus()
            if target is not None and target is not focused and not isinstance(target, (TextArea, Input)):
                target.focus()
                return
        self.action_focus_agenda()

    # -- changing the agenda during the meeting ----------------------------------

    def action_skip_item(self, ask: bool = True) -> None:
        agenda = self.query_one("#agenda", AgendaList)
        index = agenda.highlighted if agenda.has_focus and agenda.highlighted is not None else self.meeting.current_index
        item = self.meeting.agenda[index]

        def got(reason: str | None) -> None:
            if not reason:
                return
            was_current = index == self.meeting.current_index
            agenda_rules.skip_item(self.meeting, index, reason, self.app.now())
            if was_current:
                agenda_rules.next_item(self.meeting, self.app.now())
            self._moved()

        self.app.push_screen(
            TextPrompt(f"Skip \u201c{item.title}\u201d \u2014 reason (goes in the minutes):", check=_reason_check), got
        )

    def unskip(self, index: int) -> None:
        agenda_rules.unskip_item(self.meeting, index)
        self.app.meeting_changed(self.meeting)
        self.refresh_agenda()

    def action_add_item(self) -> None:
        def got(title: str | None) -> None:
            if title:
                agenda_rules.add_item(self.meeting, AgendaKind.OTHER, title, self.meeting.current_index + 1)
                self.app.meeting_changed(self.meeting)
                self.refresh_agenda()

        self.app.push_screen(TextPrompt("New agenda item (added after the current one):", check=_title_check), got)

    def move_item(self, index: int, offset: int, undo: bool = False) -> None:
        new_index = agenda_rules.move_item(self.meeting, index, offset)
        if new_index == index:
            return
        if not undo:
            self._moves.append((new_index, index - new_index))
        self.app.meeting_changed(self.meeting)
        self.refresh_agenda()
        self.query_one("#agenda", AgendaList).highlighted = new_index
        title = self.meeting.agenda[new_index].title
        if undo:
            self.notify(f"Move undone: \u201c{title}\u201d is item {new_index + 1} again.", markup=False)
        else:
            self.notify(f"Moved \u201c{title}\u201d to {new_index + 1}. Ctrl+Z undoes.", markup=False)

    def action_undo_move(self) -> None:
        if not self._moves:
            self.notify("No agenda move to undo.")
            return
        index, offset = self._moves.pop()
        self.move_item(index, offset, undo=True)

    # -- entry points --------------------------------------------------------------

    def action_motion(self) -> None:
        from .motion import MotionScreen

        item = self.meeting.current_item
        # Come back to a motion still open on this item rather than start another.
        open_motion = next(
            (
                m for m in reversed(self.meeting.motions)
                if item is not None and m.agenda_item_id == item.id and not m.state.is_closed
            ),
            None,
        )
        self.app.push_screen(
            MotionScreen(self.meeting, item.id if item else None, motion_id=open_motion.id if open_motion else None),
            self._after_motion,
        )

    def _after_motion(self, result=None) -> None:
        self.refresh_agenda()
        panel = self.panel()
        if panel is not None:
            # Motions can approve previous minutes or settle the location: re-read.
            self.show_item()

    def action_action_item(self) -> None:
        from ..widgets.action_form import ActionItemForm

        def got(item) -> None:
            if item is None:
                return
            if not item.number:
                item.number = self.app.coalition.next_action_number()
            self.app.save_action(item)
            if item.id not in self.meeting.action_updates and item.created_meeting_id != self.meeting.id:
                self.meeting.action_updates.append(item.id)
            self.app.meeting_changed(self.meeting)
            self.notify(f"Action item #{item.number} recorded.", markup=False)
            panel = self.panel()
            if isinstance(panel, BusinessArisingPanel):
                panel.reload()

        self.app.push_screen(ActionItemForm(None, meeting_id=self.meeting.id), got)

    def action_export(self) -> None:
        from .export import export_meeting

        export_meeting(self, self.meeting)

    def action_circulate(self) -> None:
        from .export import circulate_meeting

        circulate_meeting(self, self.meeting)

    def action_close_meeting(self) -> None:
        if self.meeting.status is MeetingStatus.CLOSED:
            self.notify("This meeting is already closed.")
            return
        data = self.app.coalition
        notes = unfinished_business(self.meeting, data.actions, data.allow_list())
        from .export import pending_count

        if count := pending_count(self.app, self.meeting):
            notes.append(
                f"{count} possible identifying detail(s) are not reviewed: they are left out of the "
                "minutes, or stop the export in a motion or correction (Ctrl+F goes through them)."
            )
        dialog = CloseMeetingDialog(notes, self.app.now().strftime("%H:%M"))
        dialog.findings = count
        self.app.push_screen(dialog, self._adjourn)

    def _adjourn(self, adjourned) -> None:
        if adjourned is None:
            return
        if adjourned == CloseMeetingDialog.FINDINGS:
            from .export import offer_findings

            offer_findings(self, self.meeting, None)
            return
        meeting = self.meeting
        agenda_rules.close_meeting(meeting, adjourned, self.app.now())
        self.app.meeting_changed(meeting)
        self.app.apply_withdrawals()  # the 2/3 attendance rule, automatically
        self.app.flush_saves()
        self.app.writer.submit(self.app.store.backup, [meeting.id])
        self.app.pop_screen()
        self.app.notify(f"Meeting closed (adjourned at {clock(adjourned)}). Press e to export the draft minutes.", markup=False)

    def palette_commands(self):
        yield SystemCommand("Next item", "Move to the next agenda item", self.action_next_item)
        yield SystemCommand("Previous item", "Move to the previous agenda item", self.action_previous_item)
        yield SystemCommand("Open a motion", "Motion on the current item", self.action_motion)
        yield SystemCommand("Add action item", "Description, owner, due date", self.action_action_item)
        yield SystemCommand("Export draft minutes", "Write the .docx now", self.action_export)
        yield SystemCommand("Circulate minutes", "Minutes, e-mail draft and invitation", self.action_circulate)
        yield SystemCommand("Close the meeting", "Record the adjournment time", self.action_close_meeting)


def _reason_check(value: str) -> None:
    if not value.strip():
        raise ValueError("Say why (it goes in the minutes), or press Esc.")


def _title_check(value: str) -> None:
    if not value.strip():
        raise ValueError("Type a title, or press Esc.")


class CloseMeetingDialog(ModalScreen):
    """Shows what is unfinished, then records the adjournment time."""

    CSS_PATH = "console.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Keep the meeting open"),
        Binding("ctrl+f", "findings", "Unreviewed details", show=False),
    ]
    #: Dismissed with this: go through the unreviewed findings first.
    FINDINGS = "findings"
    findings = 0

    def __init__(self, notes: list[str], now_text: str) -> None:
        super().__init__()
        self.notes = notes
        self.now_text = now_text

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("[b]Close the meeting[/b]")
            if self.notes:
                yield Static("Still unfinished:\n" + "\n".join(f"\u2022 {n}" for n in self.notes), id="close-unfinished", markup=False)
            else:
                yield Static("Everything on the agenda is done.", id="close-unfinished")
            yield Label("Adjourned at (Enter closes the meeting; Esc keeps it open)")
            yield Input(self.now_text, id="close-time")
            yield Static("", id="close-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#close-time", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            at = parse_time(event.value, "close-time")
        except ValidationError as exc:
            self.query_one("#close-error", Static).update(str(exc))
            return
        self.dismiss(at)

    def action_findings(self) -> None:
        if self.findings:
            self.dismiss(self.FINDINGS)

    def action_cancel(self) -> None:
        self.dismiss(None)
