"""Plan a meeting: date, time, place, and this meeting's agenda."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Input, Label, Select, Static

from ..widgets.footer import StableFooter
from ...domain import agenda as agenda_rules
from ...domain.model import AgendaKind, ItemState, MeetingStatus
from ...domain.validation import ValidationError, parse_date, parse_optional_time
from ..widgets.dialogs import DiscardGuard, TextPrompt
from ..widgets.text import plain


class AgendaTable(DataTable):
    BINDINGS = [
        Binding("plus,a", "screen.add_item", "Add item"),
        Binding("c", "screen.add_concern", "Member concern"),
        Binding("v", "screen.add_presentation", "Presentation"),
        Binding("left_square_bracket", "screen.move(-1)", "Move up"),
        Binding("right_square_bracket", "screen.move(1)", "Move down"),
        Binding("s", "screen.skip", "Skip"),
        Binding("u", "screen.unskip", "Un-skip"),
        Binding("delete,x", "screen.remove", "Remove added"),
        Binding("g", "screen.agenda", "Save + agenda"),
    ]


class MeetingSetupScreen(DiscardGuard, Screen):
    """Plan a meeting"""

    CSS_PATH = "meeting_setup.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save meeting", priority=True, id="save-meeting"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("f12", "seat", "Save + notes file", tooltip="Save the meeting and write the minute taker's notes file", priority=True, id="seat"),
    ]

    def action_seat(self) -> None:
        from ..seat.chair import from_planning

        from_planning(self)

    def __init__(self) -> None:
        super().__init__()
        self.meeting = None

    def compose(self) -> ComposeResult:
        app = self.app
        data = app.coalition
        previous_ref = data.latest_closed_ref()
        previous = data.meeting(app.store, previous_ref.id) if previous_ref else None
        on, at, where = agenda_rules.prefill_from_previous(previous, data.settings)
        self.previous = previous
        self.meeting = agenda_rules.plan_meeting(
            on or app.today(), at, where, data.settings, previous
        )
        yield Header()
        with VerticalScroll(id="setup"):
            yield Static(
                "[b]Plan a meeting[/b] \u2014 prefilled from what the last meeting scheduled. Ctrl+S saves, Esc cancels.",
            )
            yield Static("", id="setup-error", markup=False)
            with Horizontal(classes="row"):
                yield Input(on.isoformat() if on else "", placeholder="Date YYYY-MM-DD", id="setup-date")
                yield Input(at.strftime("%H:%M") if at else "", placeholder="Start time 9:30", id="setup-time")
            yield Input(where, placeholder="Location", id="setup-location")
            yield Input("", placeholder="Video link (optional)", id="setup-video")
            yield Label(
                "Agenda: a add \u00b7 c member item of concern \u00b7 v presentation \u00b7 [ ] move \u00b7 "
                "s skip \u00b7 u un-skip \u00b7 x remove an added item \u00b7 g save + agenda package"
            )
            yield AgendaTable(id="setup-agenda", cursor_type="row", zebra_stripes=True)
        yield StableFooter()

    def on_mount(self) -> None:
        table = self.query_one("#setup-agenda", DataTable)
        table.add_columns("No.", "Item", "Note")
        self.reload()
        self.agenda_edited = False  # reload() marks every later change
        self.query_one("#setup-date", Input).focus()
        self.call_after_refresh(self.remember_values)

    def reload(self, row: int | None = None) -> None:
        self.agenda_edited = True
        table = self.query_one("#setup-agenda", DataTable)
        row = table.cursor_row if row is None else row
        table.clear()
        names = self.app.coalition.names
        for index, item in enumerate(self.meeting.agenda):
            note = ""
            if item.state is ItemState.SKIPPED:
                note = f"skipped: {item.skip_reason}"
            elif item.kind is AgendaKind.PRESENTATION:
                note = f"{item.presenter}, vetted by {names.get(item.vetted_by, '?')}"
            elif item.kind is AgendaKind.MEMBER_CONCERN:
                note = f"raised by {names.get(item.raised_by, '?')}"
            elif item.kind is AgendaKind.OTHER:
                note = "added"
            table.add_row(str(index + 1), Text(item.title), Text(note))
        if table.row_count:
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))

    def _row(self) -> int:
        return self.query_one("#setup-agenda", DataTable).cursor_row

    def action_add_item(self) -> None:
        def got(title: str | None) -> None:
            if title:
                agenda_rules.add_item(self.meeting, AgendaKind.OTHER, title)
                self.reload()

        self.app.push_screen(TextPrompt("New agenda item:", check=_nonblank), got)

    def action_add_concern(self) -> None:
        self.app.push_screen(ConcernForm(self.app.coalition, presentation=False), self._added)

    def action_add_presentation(self) -> None:
        self.app.push_screen(ConcernForm(self.app.coalition, presentation=True), self._added)

    def _added(self, result) -> None:
        if result is None:
            return
        kind, title, member_id, presenter = result
        try:
            if kind is AgendaKind.PRESENTATION:
                agenda_rules.add_presentation(self.meeting, title, presenter, member_id, self.app.coalition.members)
            else:
                item = agenda_rules.add_item(self.meeting, AgendaKind.MEMBER_CONCERN, title)
                item.raised_by = member_id
        except ValidationError as exc:
            self.notify(str(exc), severity="error", markup=False)
        self.reload()

    def action_move(self, offset: int) -> None:
        self.reload(agenda_rules.move_item(self.meeting, self._row(), offset))

    def action_skip(self) -> None:
        index = self._row()

        def got(reason: str | None) -> None:
            if reason:
                agenda_rules.skip_item(self.meeting, index, reason, self.app.now())
                self.reload()

        self.app.push_screen(TextPrompt("Reason for skipping (goes in the minutes):", check=_nonblank), got)

    def action_unskip(self) -> None:
        agenda_rules.unskip_item(self.meeting, self._row())
        self.reload()

    def action_remove(self) -> None:
        try:
            agenda_rules.remove_item(self.meeting, self._row())
        except ValidationError as exc:
            self.notify(str(exc), severity="warning", markup=False)
        self.reload()

    def action_agenda(self) -> None:
        from ..paperwork import write_agenda

        self.action_save()
        if any(r.id == self.meeting.id for r in self.app.coalition.refs):  # saved: the screen is gone
            write_agenda(self.app.screen, self.meeting.id)

    def action_cancel(self) -> None:
        if self.agenda_edited:
            self._initial_values = {}  # an edited agenda always counts as a change
        self.discard(self.app.pop_screen)

    def action_save(self, confirmed: bool = False) -> None:
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
        error = self.query_one("#setup-error", Static)
        data = self.app.coalition
        try:
            on = parse_date(self.query_one("#setup-date", Input).value, "setup-date")
            at = parse_optional_time(self.query_one("#setup-time", Input).value, "setup-time")
            location = " ".join(self.query_one("#setup-location", Input).value.split())
            if any(r.date == on and r.status is not MeetingStatus.CLOSED for r in data.refs):
                raise ValidationError(f"A meeting on {on.isoformat()} is already planned.", "setup-date")
            if data.unfinished_ref() is not None:
                raise ValidationError("A meeting is still in progress: close it before planning the next.", "setup-date")
        except ValidationError as exc:
            error.update(str(exc))
            try:
                widget = self.query_one(f"#{exc.field}")
                widget.add_class("-invalid")
                widget.focus()
            except Exception:
                pass
            return
        warning = same_day_warning(data, on, self.meeting.id)
        if warning and not confirmed:
            from ..widgets.dialogs import ConfirmDialog

            def answer(yes: bool | None) -> None:
                if yes:
                    self.action_save(confirmed=True)

            self.app.push_screen(ConfirmDialog(warning, yes="Plan it", no="Change the date"), answer)
            return
        meeting = self.meeting
        meeting.date, meeting.start_time, meeting.location = on, at, location
        meeting.video_link = self.query_one("#setup-video", Input).value.strip()
        meeting.status = MeetingStatus.SCHEDULED
        self.app.meeting_changed(meeting)
        self.app.flush_saves()
        self.app.pop_screen()
        self.app.notify(f"Meeting of {on.isoformat()} planned. Press s to start it.", markup=False)


def same_day_warning(data, on, meeting_id: str) -> str:
    """A warning when ``on`` already has a meeting (other than this one);
    empty when it has none. Two meetings on one date are allowed: their
    files get the start time (or a number) in their names."""
    others = [r for r in data.refs if r.date == on and r.id != meeting_id]
    if not others:
        return ""
    return (
        f"There is already a meeting on {on.isoformat()} ({others[0].status.value}). "
        "Hold a second meeting that day? Its minutes and files get the start time "
        "in their names, and `dhtc-tui meetings` lists both ids."
    )


def _nonblank(value: str) -> None:
    if not value.strip():
        raise ValueError("Type something, or press Esc.")


class ConcernForm(DiscardGuard, ModalScreen):
    """A member item of concern, or a presentation with its vetting member."""

    CSS_PATH = "meeting_setup.tcss"
    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True), Binding("escape", "cancel", "Cancel")]

    def __init__(self, coalition, presentation: bool) -> None:
        super().__init__()
        self.coalition = coalition
        self.presentation = presentation

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            title = "Presentation" if self.presentation else "Member item of concern"
            yield Static(f"[b]{title}[/b]  Ctrl+S adds, Esc cancels")
            yield Static("", id="concern-error", markup=False)
            yield Label("Title")
            yield Input(id="concern-title")
            if self.presentation:
                yield Label("Presenter (person and organization)")
                yield Input(id="concern-presenter")
                yield Label("Vetted by (member organization that vetted the presenter)")
            else:
                yield Label("Raised by")
            yield Select([(plain(m.name), m.id) for m in self.coalition.active_members], prompt="\u2014", id="concern-member", type_to_search=True)

    def on_mount(self) -> None:
        # Typing goes into the first field at once (nothing is lost before Tab).
        self.query_one("#concern-title", Input).focus()
        self.call_after_refresh(self.remember_values)

    def action_cancel(self) -> None:
        self.discard(lambda: self.dismiss(None))

    def action_save(self) -> None:
        title = " ".join(self.query_one("#concern-title", Input).value.split())
        member = self.query_one("#concern-member", Select).value
        presenter = self.query_one("#concern-presenter", Input).value if self.presentation else ""
        error = self.query_one("#concern-error", Static)
        if not title:
            error.update("Type a title.")
            return
        if self.presentation and not presenter.strip():
            error.update("Name the presenter.")
            return
        if member is Select.NULL:
            error.update(
                "Choose the member organization that vetted the presenter." if self.presentation else "Choose the member raising it."
            )
            return
        kind = AgendaKind.PRESENTATION if self.presentation else AgendaKind.MEMBER_CONCERN
        self.dismiss((kind, title, member, presenter))
