"""Business arising (action items) and coalition / sub-committee updates."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static, TextArea

from ....domain.actions import has_owner, is_overdue, record_status
from ....domain.model import ActionStatus
from ....domain.text import short_date
from ..checked_text import CheckedArea, CheckedText, whole
from ..dialogs import TextPrompt
from .base import ItemPanel
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


class BusinessArisingPanel(ItemPanel):

    def compose_body(self) -> ComposeResult:
        yield Static(
            "1 done \u00b7 2 in progress \u00b7 3 carried forward \u00b7 4 dropped \u00b7 5 reopen "
            "(each asks for a note) \u00b7 a / F7 new action item",
            classes="hint",
        )
        yield ActionTable(id="business-actions", cursor_type="row", zebra_stripes=True)
        yield Static(id="business-detail", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#business-actions", DataTable).add_columns("No.", "Action", "Owner", "Due", "Status")
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

    def reload(self) -> None:
        table = self.query_one("#business-actions", DataTable)
        row = table.cursor_row
        table.clear()
        today = self.app.today()
        for item in self.items():
            owner = (
                self.coalition.name_of(item.owner_member_id) or item.owner_name.strip() or "(former member)"
                if has_owner(item)
                else "NO OWNER"
            )
            due = short_date(item.due)
            if is_overdue(item, today):
                due += " !"
            status = item.status.value + (" *" if item.id in self.meeting.action_updates else "")
            table.add_row(str(item.number), Text(_cut(item.description, 24)), Text(_cut(owner, 14)), due, status, key=item.id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        updated = len(self.meeting.action_updates)
        self.query_one("#business-detail", Static).update(
            f"* updated at this meeting ({updated}) \u00b7 ! overdue"
        )

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
