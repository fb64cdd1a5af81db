"""Business arising (action items) and coalition / sub-committee updates."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static, TextArea

from ....domain.actions import has_owner, is_overdue, record_status
from ....domain.model import ActionStatus
from ....domain.text import long_date, short_date
from ..checked_text import CheckedArea, CheckedText, whole
from ..dialogs import TextPrompt
from .base import ItemPanel
from ..columns import set_columns
from ..text import cut as _cut, selected_key

#: The same keys on the action items screen, so a chair's fingers do the
#: same thing in and between meetings.
STATUS_KEYS = {
    "1": ActionStatus.DONE,
    "2": ActionStatus.IN_PROGRESS,
    "3": ActionStatus.CARRIED_FORWARD,
    "4": ActionStatus.DROPPED,
    "5": ActionStatus.OPEN,
}


class ActionTable(DataTable):
    BINDINGS = [
        Binding("enter", "open", "Open / edit the action item", show=False),
        Binding("1", "status('1')", "Done", show=False),
        Binding("2", "status('2')", "In progress", show=False),
        Binding("3", "status('3')", "Carried fwd", show=False),
        Binding("4", "status('4')", "Dropped", show=False),
        Binding("5", "status('5')", "Reopen", show=False),
        Binding("a", "add", "New action item", show=False),
    ]

    def action_status(self, key: str) -> None:
        self.query_ancestor(BusinessArisingPanel).set_status(STATUS_KEYS[key])

    def action_add(self) -> None:
        self.screen.action_action_item()

    def action_open(self) -> None:
        self.query_ancestor(BusinessArisingPanel).edit_selected()


#: Status words that fit an 11-character column.
SHORT_STATUS = {ActionStatus.CARRIED_FORWARD: "carried fwd"}


class BusinessArisingPanel(ItemPanel):
    """The action items, with the whole of the highlighted one below the table."""

    def compose_body(self) -> ComposeResult:
        yield Static(
            "1 done \u00b7 2 in progress \u00b7 3 carried fwd \u00b7 4 dropped\n"
            "5 reopen \u00b7 Enter edit \u00b7 a / F7 new",
            classes="hint",
        )
        yield ActionTable(id="business-actions", cursor_type="row", zebra_stripes=True)
        yield Static(id="business-detail", classes="detail")
        yield Static(id="business-legend", classes="hint")

    def on_mount(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.reload()

    def first_focus(self):
        return self.query_one("#business-actions")

    def items(self):
        """Open items from earlier meetings, plus any this meeting touched or created."""
        data = self.coalition
        return [
            a for a in data.actions
            if (a.is_open and a.created_meeting_id != self.meeting.id)
            or a.id in self.meeting.action_updates
            or a.created_meeting_id == self.meeting.id
        ]

    def owner_of(self, item) -> str:
        if not has_owner(item):
            return "NO OWNER"
        return self.coalition.name_of(item.owner_member_id) or item.owner_name.strip() or "(former member)"

    def reload(self) -> None:
        table = self.query_one("#business-actions", DataTable)
        row = table.cursor_row
        total = self.size.width - 2
        # Owner moves to the detail pane when the columns would cut the action.
        wide = total >= 90
        columns = [("No.", 3), ("Action", None)] + ([("Owner", 20)] if wide else []) + [("Due", 11), ("Status", 13)]
        widths = set_columns(table, columns, total)
        today = self.app.today()
        for item in self.items():
            due = f"{item.due:%b} {item.due.day} \u2019{item.due:%y}" if item.due else "\u2014"
            if is_overdue(item, today):
                due += " !"
            status = SHORT_STATUS.get(item.status, item.status.value)
            status += " *" if item.id in self.meeting.action_updates else ""
            cells = [str(item.number), Text(_cut(item.description, widths[1]))]
            if wide:
                cells.append(Text(_cut(self.owner_of(item), 20)))
            table.add_row(*cells, due, status, key=item.id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        updated = len(self.meeting.action_updates)
        self.query_one("#business-legend", Static).update(
            f"* updated at this meeting ({updated}) \u00b7 ! overdue"
        )
        self.show_detail()

    def selected(self):
        key = selected_key(self.query_one("#business-actions", DataTable))
        return next((a for a in self.coalition.actions if a.id == key), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        """The whole highlighted item: description, owner, due date, status history and notes."""
        item = self.selected()
        detail = self.query_one("#business-detail", Static)
        if item is None:
            detail.update(Text("No action items."))
            return
        today = self.app.today()
        text = Text()
        text.append(f"#{item.number} ", style="bold")
        text.append(" ".join(item.description.split()))
        text.append("\nOwner: ", style="bold")
        text.append(self.owner_of(item))
        text.append(" \u00b7 Due: ", style="bold")
        text.append(long_date(item.due) if item.due else "no date")
        if is_overdue(item, today):
            text.append(" (overdue)", style="bold")
        text.append(" \u00b7 Status: ", style="bold")
        text.append(item.status.value)
        for update in item.history[-4:]:
            text.append(f"\n  {short_date(update.on)} {update.status.value}")
            if update.note:
                text.append(f" \u2014 {' '.join(update.note.split())}")
        if len(item.history) > 4:
            text.append(f"\n  ({len(item.history) - 4} earlier update(s): Enter shows them all)")
        detail.update(text)

    def edit_selected(self) -> None:
        from ..action_form import ActionItemForm

        item = self.selected()
        if item is None:
            return

        def saved(changed) -> None:
            if changed is None:
                return
            self.app.save_action(changed)
            if changed.id not in self.meeting.action_updates and changed.created_meeting_id != self.meeting.id:
                self.meeting.action_updates.append(changed.id)
            self.reload()
            self.changed()

        self.app.push_screen(ActionItemForm(item, meeting_id=self.meeting.id), saved)

    def set_status(self, status: ActionStatus) -> None:
        key = selected_key(self.query_one("#business-actions", DataTable))
        if key is None:
            return
        item = next(a for a in self.coalition.actions if a.id == key)

        def got(note: str | None) -> None:
            if note is None:
                return
            record_status(item, status, note, meeting=self.meeting)
            self.app.save_action(item)
            self.reload()
            self.changed()

        self.app.push_screen(TextPrompt(f"#{item.number} {status.value}: note (optional, Enter to record)"), got)


class SubcommitteesPanel(ItemPanel):
    """One entry per sub-committee, plus other coalition updates."""

    show_notes = False

    def compose_body(self) -> ComposeResult:
        names = list(self.coalition.settings.subcommittees)
        if not names:
            yield Static("No sub-committees are set up (Settings).", classes="hint")
        for index, name in enumerate(names):
            yield Label(f"{name} sub-committee", markup=False)
            area = CheckedArea(self.meeting.subcommittee_updates.get(name, ""), id=f"sub-{index}", classes="update")
            yield CheckedText(area, self.meeting, whole(f"subcommittee_updates[{name}]"))
        yield Label("Other coalition updates")
        area = CheckedArea(self.meeting.other_updates, id="sub-other", classes="update")
        yield CheckedText(area, self.meeting, whole("other_updates"))

    def first_focus(self):
        return self.query("TextArea").first()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        area_id = event.text_area.id or ""
        if not area_id.startswith("sub-"):
            return
        event.stop()
        if area_id == "sub-other":
            self.meeting.other_updates = event.text_area.text
        else:
            name = self.coalition.settings.subcommittees[int(area_id[4:])]
            self.meeting.subcommittee_updates[name] = event.text_area.text
        self.app.meeting_changed(self.meeting)
