"""Add or edit an action item: description, owner, due date.

Used by the action items screen and by the meeting console. The form never
saves: it returns the item (new, or the edited original) and the caller
hands it to ``app.save_action`` (and, in a meeting, notes it on the meeting).
"""

from __future__ import annotations

import copy

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from .text import escape, plain
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from ...domain.actions import start_item
from ...domain.model import ActionItem
from ...domain.text import short_date
from ...domain.validation import ValidationError, parse_optional_date, validate_action_item
from .dialogs import DiscardGuard, field

#: Where each validation error is shown (ValidationError.field -> widget id).
ERROR_FIELDS = {
    "description": "action-description",
    "owner": "action-owner",
    "owner_name": "action-person",
    "due": "action-due",
}


#: The Select's empty choice. Textual's type-to-search also searches the
#: prompt, so it holds no letters (else typing "n" could pick "no member").
NO_MEMBER = "\u2014"


class ActionItemForm(DiscardGuard, ModalScreen[ActionItem | None]):
    """Add or edit an action item. Ctrl+S (or Enter in the due date) checks and returns it."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-action", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel-action"),
    ]

    def __init__(self, item: ActionItem | None = None, meeting_id: str | None = None) -> None:
        super().__init__()
        self.original = item
        self.meeting_id = meeting_id
        self.draft = copy.deepcopy(item) if item else ActionItem(description="")
        self._last_rep = ""
        self._ready = False

    # -- layout --------------------------------------------------------------

    def owner_options(self) -> list[tuple[Text, str]]:
        data = self.app.coalition
        options = [(plain(m.name), m.id) for m in data.active_members]
        owner = data.member(self.draft.owner_member_id)
        if owner is not None and not owner.is_active:
            # Keep a former member who owns the item selectable, so editing
            # the description does not silently drop the owner.
            options.append((plain(f"{owner.name} ({owner.status.value})"), owner.id))
        return options

    def compose(self) -> ComposeResult:
        item = self.draft
        title = f"Edit action item #{item.number}" if self.original else "New action item"
        options = self.owner_options()
        owner = item.owner_member_id if any(value == item.owner_member_id for _, value in options) else Select.NULL
        with VerticalScroll():
            yield Static(f"[b]{title}[/b]   Ctrl+S saves, Esc cancels")
            yield Static(
                "Owner: a member (Enter, type part of its name, Enter), a person, or both.",
                classes="form-hint",
            )
            yield Static("", id="action-error", markup=False)
            yield field("Action", Input(item.description, id="action-description", placeholder="What is to be done"))
            yield field(
                "Owner (member)",
                Select(options, value=owner, prompt=NO_MEMBER, id="action-owner", type_to_search=True),
            )
            yield field(
                "Owner (person)",
                Input(item.owner_name, id="action-person", placeholder="a person's name; optional with a member"),
            )
            yield field(
                "Due",
                Input(item.due.isoformat() if item.due else "", id="action-due", placeholder="YYYY-MM-DD; blank = no date"),
            )
            if self.original is not None and item.history:
                lines = [
                    f"{short_date(u.on)}  {u.status.value}" + (f": {escape(u.note)}" if u.note else "")
                    for u in item.history[-4:]
                ]
                yield Static("[b]History[/b] (status keys 1-5 on the list add to it)\n" + "\n".join(lines), id="action-history")

    def on_mount(self) -> None:
        member = self.app.coalition.member(self.draft.owner_member_id)
        self._last_rep = member.representative if member else ""
        self.query_one("#action-description", Input).focus()
        self.call_after_refresh(self._settled)

    def _settled(self) -> None:
        self.remember_values()
        self._ready = True

    # -- behaviour -----------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        """Choosing a member fills in its representative, unless a person was typed."""
        if event.select.id != "action-owner" or not self._ready:
            return
        member = self.app.coalition.member(event.value if event.value is not Select.NULL else None)
        person = self.query_one("#action-person", Input)
        if person.value.strip() in ("", self._last_rep):
            person.value = member.representative if member else ""
        self._last_rep = member.representative if member else ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; in the last field it saves."""
        event.stop()
        if event.input.id == "action-due":
            self.action_save()
        else:
            self.focus_next()

    def action_cancel(self) -> None:
        self.discard(lambda: self.dismiss(None))

    def when(self):
        """The date this change happens: the meeting's date in a meeting, else today."""
        meeting = self.app.coalition.loaded.get(self.meeting_id) if self.meeting_id else None
        return meeting.date if meeting is not None else self.app.today()

    def action_save(self) -> None:
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
        draft = copy.deepcopy(self.draft)
        data = self.app.coalition
        try:
            draft.description = self.query_one("#action-description", Input).value
            owner = self.query_one("#action-owner", Select).value
            draft.owner_member_id = None if owner is Select.NULL else owner
            draft.owner_name = self.query_one("#action-person", Input).value
            draft.due = parse_optional_date(self.query_one("#action-due", Input).value, "due")
            validate_action_item(draft, {m.id for m in data.members})
        except ValidationError as exc:
            error = self.query_one("#action-error", Static)
            error.update(str(exc))
            error.add_class("-shown")
            try:
                widget = self.query_one(f"#{ERROR_FIELDS.get(exc.field, exc.field)}")
                widget.add_class("-invalid")
                widget.focus()
            except Exception:
                pass
            return
        if self.original is None:
            self.dismiss(start_item(draft, data.next_action_number(), self.when(), self.meeting_id))
            return
        item = self.original
        item.description = draft.description
        item.owner_member_id = draft.owner_member_id
        item.owner_name = draft.owner_name
        item.due = draft.due
        self.dismiss(item)
