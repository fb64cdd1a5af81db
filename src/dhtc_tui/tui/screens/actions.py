"""Action items: tracked across meetings until done (Reporting Responsibilities).

The chair "updates and maintains a list of action items as identified by the
Coalition" between meetings; every status change is kept in the item's history
with the date and an optional note.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from ..widgets.footer import StableFooter
from ...domain.actions import has_owner, is_overdue, last_note, record_status
from ...domain.model import ActionItem, ActionStatus
from ...domain.text import short_date
from ..widgets.action_form import ActionItemForm
from ..widgets.dialogs import TextPrompt
from ..widgets.items.updates import STATUS_KEYS
from ..widgets.text import cut as _cut
from .listing import ListScreen

SHORT_STATUS = {
    ActionStatus.OPEN: "open",
    ActionStatus.IN_PROGRESS: "in prog.",
    ActionStatus.CARRIED_FORWARD: "carried",
    ActionStatus.DONE: "done",
    ActionStatus.DROPPED: "dropped",
}

STATUS_GROUP = Binding.Group("Status", compact=True)


class ActionItemsScreen(ListScreen):
    """Action items"""

    TABLE_ID = "actions-table"

    CSS_PATH = "actions.tcss"

    BINDINGS = [
        Binding("a", "add", "Add", id="action-add"),
        Binding("e,enter", "edit", "Edit", id="action-edit"),
        Binding("o", "toggle_open", "Open/all", id="action-open-only"),
        Binding("1", "status('1')", "Done", id="action-done", group=STATUS_GROUP),
        Binding("2", "status('2')", "In progress", id="action-in-progress", group=STATUS_GROUP),
        Binding("3", "status('3')", "Carried forward", id="action-carried-forward", group=STATUS_GROUP),
        Binding("4", "status('4')", "Dropped", id="action-dropped", group=STATUS_GROUP),
        Binding("5", "status('5')", "Reopen (open)", id="action-reopen", group=STATUS_GROUP),
        Binding("r", "reminders", "Reminders", id="action-reminders"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.open_only = True
        self._widths: tuple[int, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="actions-summary", markup=False)
        yield DataTable(id="actions-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="actions-detail", markup=False)
        yield StableFooter()

    # -- table ---------------------------------------------------------------

    def column_widths(self) -> tuple[int, ...]:
        """No., action, owner, due, status, last note: the free space goes to the text columns."""
        fixed_no, fixed_due, fixed_status = 3, 11, 8
        spare = max(self.size.width, 80) - 2 - 2 * 6 - (fixed_no + fixed_due + fixed_status)
        action = max(12, spare * 50 // 100)
        owner = max(8, spare * 24 // 100)
        note = max(6, spare - action - owner)
        return (fixed_no, action, owner, fixed_due, fixed_status, note)

    def items(self) -> list[ActionItem]:
        actions = self.app.coalition.actions
        shown = [a for a in actions if a.is_open] if self.open_only else list(actions)
        return sorted(shown, key=lambda a: (not a.is_open, a.number))

    def owner_label(self, item: ActionItem) -> str:
        member = self.app.coalition.name_of(item.owner_member_id)
        return item.owner_name or member

    def reload(self, keep: str | None = None) -> None:
        table = self.query_one("#actions-table", DataTable)
        row = table.cursor_row
        widths = self.column_widths()
        if widths != self._widths:
            self._widths = widths
            table.clear(columns=True)
            for label, width in zip(("No.", "Action", "Owner", "Due", "Status", "Last note"), widths):
                table.add_column(label, width=width)
        else:
            table.clear()
        _, w_action, w_owner, _, _, w_note = widths
        today = self.app.today()
        for item in self.items():
            overdue = is_overdue(item, today)
            number = Text(str(item.number), style="bold red" if overdue else "")
            due = Text(item.due.isoformat() + ("!" if overdue else "") if item.due else "\u2014",
                       style="bold red" if overdue else "")
            owner = (
                Text(_cut(self.owner_label(item), w_owner))
                if has_owner(item)
                else Text("\u26a0 no owner", style="bold yellow")
            )
            status = Text(SHORT_STATUS[item.status], style="dim" if not item.is_open else "")
            table.add_row(
                number,
                Text(_cut(item.description, w_action), style="dim" if not item.is_open else ""),
                owner,
                due,
                status,
                Text(_cut(last_note(item), w_note)),
                key=item.id,
            )
        self.restore_cursor(table, keep, row)
        self.show_summary()
        self.show_detail()

    def show_summary(self) -> None:
        data = self.app.coalition
        today = self.app.today()
        open_items = data.open_actions()
        overdue = [a for a in open_items if is_overdue(a, today)]
        unowned = [a for a in open_items if not has_owner(a)]
        shown = "open items" if self.open_only else "all items"
        parts = [f"{len(open_items)} open"]
        if overdue:
            parts.append(f"{len(overdue)} overdue (!)")
        if unowned:
            parts.append(f"{len(unowned)} without an owner")
        self.sub_title = f"Action items \u2014 {len(open_items)} open of {len(data.actions)}"
        self.query_one("#actions-summary", Static).update(
            f"Showing {shown} (o: {'all' if self.open_only else 'open only'}) \u00b7 " + " \u00b7 ".join(parts) + "\n"
            "Status: 1 done \u00b7 2 in progress \u00b7 3 carried forward \u00b7 4 dropped \u00b7 5 reopen"
        )

    def selected(self) -> ActionItem | None:
        key = self.selected_id()
        return next((a for a in self.app.coalition.actions if a.id == key), None) if key else None

    def created_label(self, item: ActionItem) -> str:
        ref = next((r for r in self.app.coalition.refs if r.id == item.created_meeting_id), None)
        if ref is not None:
            return f"at the meeting of {short_date(ref.date)}"
        return f"{short_date(item.created_on)}, between meetings"

    def show_detail(self) -> None:
        detail = self.query_one("#actions-detail", Static)
        item = self.selected()
        if item is None:
            detail.update(
                "No open action items. Press o to see done and dropped ones, a to add one."
                if self.open_only
                else "No action items yet. Press a to add one."
            )
            return
        data = self.app.coalition
        member = data.name_of(item.owner_member_id)
        owner = " \u2014 ".join(p for p in (member, item.owner_name) if p) or "NO OWNER: give it one with e"
        due = short_date(item.due) if item.due else "no due date"
        if is_overdue(item, self.app.today()):
            due += " (OVERDUE)"
        lines = [
            f"#{item.number} {item.description}",
            f"Owner: {owner}",
            f"{item.status.value.capitalize()} \u00b7 due {due} \u00b7 created {self.created_label(item)}",
        ]
        if item.history:
            last = item.history[-1]
            lines.append(
                f"Last update {short_date(last.on)}: {last.status.value}"
                + (f" \u2014 {last.note}" if last.note else "")
            )
        detail.update("\n".join(lines))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Enter on a row edits it (the table's own Enter binding selects the row).
        self.action_edit()

    # -- actions -------------------------------------------------------------

    def action_reminders(self) -> None:
        from ..paperwork import write_reminders

        write_reminders(self)

    def action_toggle_open(self) -> None:
        self.open_only = not self.open_only
        self.reload(keep=self.selected_id())

    def action_add(self) -> None:
        self.app.push_screen(ActionItemForm(None), self._saved)

    def action_edit(self) -> None:
        item = self.selected()
        if item is None:
            self.notify("No action item selected.", severity="warning")
            return
        self.app.push_screen(ActionItemForm(item), self._saved)

    def _saved(self, item: ActionItem | None) -> None:
        if item is None:
            return
        self.app.save_action(item)
        self.reload(keep=item.id)
        warn = "" if has_owner(item) else " It has no owner yet."
        self.notify(f"Action item #{item.number} saved.{warn}", severity="information" if not warn else "warning", markup=False)

    def action_status(self, key: str) -> None:
        item = self.selected()
        if item is None:
            self.notify("No action item selected.", severity="warning")
            return
        status = STATUS_KEYS[key]

        def got(note: str | None) -> None:
            if note is None:
                return
            record_status(item, status, note, on=self.app.today())
            self.app.save_action(item)
            self.reload(keep=item.id)
            self.notify(f"#{item.number} is now {status.value}.", markup=False)

        self.app.push_screen(
            TextPrompt(
                f"#{item.number} {_cut(item.description, 40)}\n"
                f"Mark it {status.value}. Note (optional; Enter records, Esc cancels):"
            ),
            got,
        )

    def palette_commands(self):
        yield SystemCommand("Add action item", "Description, owner, due date", self.action_add)
        yield SystemCommand("Show open or all action items", "Toggle done and dropped items", self.action_toggle_open)
