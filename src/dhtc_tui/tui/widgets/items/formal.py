"""Formal items: land acknowledgement, conflicts, previous minutes, next meeting."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from ..text import escape, plain
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from ....domain.attendance import in_room_at
from ....domain.model import AgendaKind, ConflictDeclaration, MinutesStatus, MotionKind, MotionState
from ....domain.voting import VotingError, declare_conflict
from ....domain.previous_minutes import ApprovalError, approve_previous, defer_approval
from ....domain.text import clock, long_date, plural
from ....domain.validation import (
    ValidationError,
    parse_optional_date,
    parse_optional_time,
)
from ....paths import TemplateError, read_template_text
from ..checked_text import CheckedArea, CheckedText, lines, whole
from ..columns import Fit, needs_sharing, set_columns
from ..text import cut
from ..dialogs import TextPrompt
from .base import ItemPanel


class LandAcknowledgementPanel(ItemPanel):

    def compose_body(self) -> ComposeResult:
        try:
            text = read_template_text("land-acknowledgement.txt")
        except TemplateError as exc:
            text = f"[b]{exc}[/b]"
        yield Static(text, id="land-ack-text", classes="counts")
        yield Label("Delivered by (Enter records it as delivered)")
        yield Input(self.meeting.land_acknowledgement_by, id="land-ack-by", placeholder="Name of the person who led it")
        yield Static(self._status(), id="land-ack-status")

    def _status(self) -> str:
        if self.meeting.land_acknowledgement_done:
            return f"[b]Delivered[/b] by {escape(self.meeting.land_acknowledgement_by) or 'the Chair'}."
        return "Not yet delivered."

    def first_focus(self):
        return self.query_one("#land-ack-by")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.meeting.land_acknowledgement_by = " ".join(event.value.split())
        self.action_done()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "land-ack-by":
            event.stop()
            self.meeting.land_acknowledgement_by = " ".join(event.value.split())
            self.app.meeting_changed(self.meeting)

    def action_done(self) -> None:
        self.meeting.land_acknowledgement_done = True
        self.query_one("#land-ack-status", Static).update(self._status())
        self.changed()


def attending_members(meeting, coalition, at) -> list[tuple[str, str]]:
    """Only a member present (or its delegate) declares a conflict."""
    return [
        (plain(m.name), m.id)
        for m in coalition.active_members
        if (record := meeting.attendance_of(m.id)) is not None and in_room_at(record, at)
    ]


#: Procedural items: nothing on them is decided, so no conflict can concern them.
PROCEDURAL = {
    AgendaKind.MINUTE_TAKER,
    AgendaKind.ATTENDANCE,
    AgendaKind.LAND_ACKNOWLEDGEMENT,
    AgendaKind.CONFLICTS,
}


def conflict_items(meeting):
    """(index, item) for the agenda items with business on them."""
    return [(i, item) for i, item in enumerate(meeting.agenda) if item.kind not in PROCEDURAL]


class ConflictForm(ModalScreen[ConflictDeclaration | None]):
    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True), Binding("escape", "cancel", "Cancel")]

    def __init__(self, meeting, coalition) -> None:
        super().__init__()
        self.meeting = meeting
        self.coalition = coalition

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("[b]Declaration of conflict of interest[/b]  Ctrl+S saves, Esc cancels")
            yield Static("", id="conflict-error", markup=False)
            yield Label("Member declaring")
            present = attending_members(self.meeting, self.coalition, self.app.now().time())
            prompt = "\u2014" if present else "No member is marked present yet (attendance first)"
            yield Select(present, prompt=prompt, id="conflict-member", type_to_search=True)
            yield Label("Agenda item")
            yield Select(
                [(plain(f"{i + 1}. {item.title}"), item.id) for i, item in conflict_items(self.meeting)],
                prompt="\u2014",
                id="conflict-item",
            )
            yield Label("Nature of the conflict")
            yield Input(id="conflict-nature")

    def on_mount(self) -> None:
        self.query_one("#conflict-member", Select).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        member = self.query_one("#conflict-member", Select).value
        item = self.query_one("#conflict-item", Select).value
        nature = " ".join(self.query_one("#conflict-nature", Input).value.split())
        error = self.query_one("#conflict-error", Static)
        if member is Select.NULL:
            error.update("Choose the member declaring the conflict.")
            return
        if item is Select.NULL:
            error.update("Choose the agenda item the conflict concerns.")
            return
        if not nature:
            error.update("Say the nature of the conflict (the minutes print it).")
            return
        try:
            declaration = declare_conflict(self.meeting, member, item, nature, at=self.app.now().time())
        except VotingError as exc:
            error.update(str(exc))
            return
        self.dismiss(declaration)


class ConflictTable(DataTable):
    BINDINGS = [
        Binding("a", "add", "Declare conflict", show=False),
        Binding("0", "none", "None declared", show=False),
        Binding("delete", "remove", "Remove declaration", show=False),
    ]

    def action_add(self) -> None:
        self.query_ancestor(ConflictsPanel).add()

    def action_none(self) -> None:
        self.query_ancestor(ConflictsPanel).none_declared()

    def action_remove(self) -> None:
        self.query_ancestor(ConflictsPanel).remove_declaration()

    def on_resize(self) -> None:
        if needs_sharing(self):
            self.query_ancestor(ConflictsPanel).reload()


class ConflictsPanel(ItemPanel):
    def compose_body(self) -> ComposeResult:
        yield Static(
            "a: declare a conflict \u00b7 0: none declared \u00b7 Delete: remove one. "
            "A member with a conflict on an item is recused from motions on it.",
            classes="hint",
        )
        yield Static(id="conflicts-status", classes="counts")
        yield ConflictTable(id="conflicts-list", cursor_type="row")

    def on_mount(self) -> None:
        self.reload()

    def first_focus(self):
        return self.query_one("#conflicts-list")

    def reload(self) -> None:
        table = self.query_one("#conflicts-list", DataTable)
        row = table.cursor_row
        rows = []
        for conflict in self.meeting.conflicts:
            item = self.meeting.item(conflict.agenda_item_id)
            number = self.meeting.agenda.index(item) + 1 if item else "?"
            title = f"{number}. {item.title if item else '(removed item)'}"
            rows.append((self.coalition.name_of(conflict.member_id, "?"), title, conflict.nature))
        # The nature of the conflict is the longest text: it takes what the
        # member and the item leave (issue 14).
        widths = set_columns(
            table,
            [
                ("Member", Fit.of((r[0] for r in rows), 0.35, 10, "Member")),
                ("Item", Fit.of((r[1] for r in rows), 0.3, 10, "Item")),
                ("Nature", None),
            ],
        )
        for index, cells in enumerate(rows):
            table.add_row(*(plain(cut(text, width)) for text, width in zip(cells, widths)), key=str(index))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        if self.meeting.conflicts:
            status = plural(len(self.meeting.conflicts), "declaration") + " recorded."
        elif self.meeting.no_conflicts_declared:
            status = "[b]There were no declarations of conflict of interest.[/b]"
        else:
            status = "Nothing recorded yet."
        self.query_one("#conflicts-status", Static).update(status)

    def add(self) -> None:
        def got(conflict: ConflictDeclaration | None) -> None:
            if conflict is not None:  # declare_conflict recorded it
                self.reload()
                self.changed()

        self.app.push_screen(ConflictForm(self.meeting, self.coalition), got)

    def none_declared(self) -> None:
        if self.meeting.conflicts:
            self.notify("Declarations are recorded; remove them first.", severity="warning")
            return
        self.meeting.no_conflicts_declared = True
        self.reload()
        self.changed()

    def remove_declaration(self) -> None:
        table = self.query_one("#conflicts-list", DataTable)
        if table.row_count == 0:
            return
        index = table.cursor_row
        from ..dialogs import ConfirmDialog

        def done(yes: bool | None) -> None:
            if yes:
                self.meeting.conflicts.pop(index)
                self.reload()
                self.changed()

        self.app.push_screen(ConfirmDialog("Remove this declaration of conflict?"), done)


class PreviousMinutesActions(OptionList):
    BINDINGS = [
        Binding("a", "run('adjust')", "Add adjustment", show=False),
        Binding("c", "run('approve')", "Approved by consensus", show=False),
        Binding("m", "run('motion')", "Approve by motion", show=False),
        Binding("d", "run('defer')", "Defer approval", show=False),
    ]

    def action_run(self, what: str) -> None:
        self.query_ancestor(PreviousMinutesPanel).run(what)


class PreviousMinutesPanel(ItemPanel):
    """Approve (or adjust) the previous meeting's draft minutes."""

    def compose_body(self) -> ComposeResult:
        yield Static(id="previous-summary", classes="counts")
        yield PreviousMinutesActions(
            Option("a  Record an adjustment requested", id="adjust"),
            Option("c  Approved by consensus (as presented / as corrected)", id="approve"),
            Option("m  Approve by motion (F6)", id="motion"),
            Option("d  Defer approval to a later meeting", id="defer"),
            id="previous-actions",
        )
        yield Label("Corrections requested (one per line; a adds one)")
        yield CheckedText(
            CheckedArea("\n".join(self.meeting.previous_minutes.adjustments), id="previous-corrections"),
            self.meeting,
            lines("previous_minutes.adjustments"),
            formal=True,
        )
        yield Static(id="previous-adjustments")

    def first_focus(self):
        return self.query_one("#previous-actions")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "previous-actions":
            event.stop()
            self.run(event.option.id)

    def run(self, what: str) -> None:
        if what == "adjust":
            self.action_adjust()
        elif what == "approve":
            self.action_approve()
        elif what == "motion":
            self.screen.action_motion()
        elif what == "defer":
            self.action_defer()

    def on_mount(self) -> None:
        self.previous = self._previous()
        if self.previous is not None and self.meeting.previous_minutes.meeting_id is None:
            self.meeting.previous_minutes.meeting_id = self.previous.id
            self.app.meeting_changed(self.meeting)
        self.reload()

    def _previous(self):
        data = self.coalition
        ref_id = self.meeting.previous_minutes.meeting_id
        if ref_id is None:
            ref = data.previous_ref(self.meeting.date, exclude=self.meeting.id)
            ref_id = ref.id if ref else None
        return data.meeting(self.app.store, ref_id) if ref_id else None

    def reload(self) -> None:
        prev = self.previous
        summary = self.query_one("#previous-summary", Static)
        if prev is None:
            summary.update("There is no previous meeting on record.")
        else:
            carried = [m for m in prev.motions if m.state.value == "carried"]
            attended = sum(1 for a in prev.attendance if a.presence.attended)
            new_actions = [a for a in self.coalition.actions if a.created_meeting_id == prev.id]
            status = prev.minutes_status.value
            if prev.minutes_status is MinutesStatus.APPROVED and prev.approved_on:
                status += f" at the meeting of {long_date(prev.approved_on)}"
            summary.update(
                f"[b]Minutes of {long_date(prev.date)}[/b] \u2014 {status}\n"
                f"{attended} members attended \u00b7 minute taker {escape(prev.minute_taker) or 'not recorded'} \u00b7 "
                f"{plural(len(prev.motions), 'motion')} ({len(carried)} carried) \u00b7 "
                f"{plural(len(new_actions), 'new action item')} \u00b7 next meeting set for "
                f"{long_date(prev.next_meeting.on) if prev.next_meeting.on else 'not set'}"
            )
        pm = self.meeting.previous_minutes
        text = f"[b]Result: {escape(pm.result)}.[/b]" if pm.result else ""
        self.query_one("#previous-adjustments", Static).update(text)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "previous-corrections":
            event.stop()
            adjustments = [line.strip() for line in event.text_area.text.splitlines() if line.strip()]
            if adjustments != self.meeting.previous_minutes.adjustments:
                self.meeting.previous_minutes.adjustments = adjustments
                self.app.meeting_changed(self.meeting)

    def action_adjust(self) -> None:
        def got(text: str | None) -> None:
            if text:
                self.meeting.previous_minutes.adjustments.append(text)
                area = self.query_one("#previous-corrections", TextArea)
                area.load_text("\n".join(self.meeting.previous_minutes.adjustments))
                self.reload()
                self.changed()

        self.app.push_screen(TextPrompt("Adjustment requested to the previous minutes:", check=_nonblank), got)

    def action_approve(self) -> None:
        if self.previous is None:
            self.notify("There are no previous minutes to approve.", severity="warning")
            return
        try:
            approve_previous(self.meeting, self.previous)
        except ApprovalError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.app.meeting_changed(self.previous)
        self.reload()
        self.changed()

    def action_defer(self) -> None:
        if defer_approval(self.meeting, self.previous):
            self.app.meeting_changed(self.previous)
        self.reload()
        self.changed()


def _nonblank(value: str) -> None:
    if not value.strip():
        raise ValueError("Type the adjustment, or press Esc.")


def location_choices(meeting) -> list[tuple[str, str]]:
    """Consensus always; a majority vote only when a location motion carried
    by vote, named by its number (the two are linked in the minutes)."""
    choices = [("Location by consensus", "consensus")]
    voted = [
        m for m in meeting.motions
        if m.kind is MotionKind.LOCATION and m.state is MotionState.CARRIED and not m.by_consensus
    ]
    if voted:
        choices.append((f"Location by majority vote: motion {voted[-1].number} carried", "majority"))
    elif meeting.next_meeting.location_decided_by == "majority":
        choices.append(("Location by majority vote (no carried location motion recorded)", "majority"))
    return choices


class NextMeetingPanel(ItemPanel):
    """Date, time, location and recommended agenda items for next time."""

    def compose_body(self) -> ComposeResult:
        nxt = self.meeting.next_meeting
        yield Static("", id="next-error", markup=False)
        with Horizontal(classes="row"):
            yield Input(nxt.on.isoformat() if nxt.on else "", placeholder="Date YYYY-MM-DD", id="next-date")
            yield Input(nxt.start_time.strftime("%H:%M") if nxt.start_time else "", placeholder="Time 9:30", id="next-time")
        yield CheckedText(
            Input(nxt.location, placeholder="Location", id="next-location"),
            self.meeting,
            whole("next_meeting.location"),
            formal=True,
        )
        yield Select(
            location_choices(self.meeting),
            value=nxt.location_decided_by or Select.NULL,
            prompt="How was the location decided?",
            id="next-decided",
        )
        yield Label("Recommended upcoming agenda items (one per line; they seed the next agenda)")
        area = CheckedArea("\n".join(nxt.upcoming_items), id="next-upcoming")
        yield CheckedText(area, self.meeting, lines("next_meeting.upcoming_items"))
        yield Static(id="next-summary", classes="counts")

    def on_mount(self) -> None:
        self.update_summary()

    def first_focus(self):
        return self.query_one("#next-date")

    def update_summary(self) -> None:
        nxt = self.meeting.next_meeting
        if nxt.on:
            text = f"Next meeting: {long_date(nxt.on)}, {clock(nxt.start_time)}, {escape(nxt.location) or 'location to be set'}"
        else:
            text = "Next meeting: not set yet."
        self.query_one("#next-summary", Static).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id not in ("next-date", "next-time", "next-location"):
            return
        event.stop()
        nxt = self.meeting.next_meeting
        error = self.query_one("#next-error", Static)
        try:
            if event.input.id == "next-date":
                value = event.value.strip()
                # Only judge a date once it is fully typed.
                if not value or len(value) >= 8:
                    nxt.on = parse_optional_date(value, "next-date")
                    if nxt.on is not None and nxt.on <= self.meeting.date:
                        raise ValidationError("The next meeting must come after this one.", "next-date")
            elif event.input.id == "next-time":
                if not event.value.strip() or len(event.value.strip()) >= 4 or event.value.strip().endswith("m"):
                    nxt.start_time = parse_optional_time(event.value, "next-time")
            else:
                nxt.location = " ".join(event.value.split())
        except ValidationError as exc:
            error.update(str(exc))
            event.input.add_class("-invalid")
            return
        error.update("")
        event.input.remove_class("-invalid")
        self.update_summary()
        self.app.meeting_changed(self.meeting)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "next-decided":
            event.stop()
            self.meeting.next_meeting.location_decided_by = "" if event.value is Select.NULL else str(event.value)
            self.app.meeting_changed(self.meeting)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "next-upcoming":
            event.stop()
            self.meeting.next_meeting.upcoming_items = [
                line.strip() for line in event.text_area.text.splitlines() if line.strip()
            ]
            self.app.meeting_changed(self.meeting)
