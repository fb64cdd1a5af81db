"""What every agenda item panel shares: the meeting, saving, a notes area."""

from __future__ import annotations

from textual.app import ComposeResult
from ..text import escape
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Label, Static, TextArea

from ....domain.model import AgendaItem, Finding, Meeting
from ..checked_text import CheckedArea, CheckedText, whole


class ItemPanel(VerticalScroll):
    """Base of the panels in the console's main area, one per agenda kind.

    A panel changes the meeting through domain functions, then calls
    ``self.changed()``: the app saves within a second and the console
    refreshes its sidebar and header.
    """

    DEFAULT_CSS = """
    ItemPanel { height: 1fr; padding: 0 1; }
    ItemPanel .item-title { text-style: bold; color: $accent; margin-bottom: 1; }
    ItemPanel .hint { color: $text-muted; height: auto; }
    ItemPanel .counts { height: auto; background: $panel; padding: 0 1; }
    ItemPanel .notes-label { margin-top: 1; color: $text-muted; }
    ItemPanel TextArea.notes { height: 6; min-height: 4; }
    ItemPanel DataTable { height: auto; max-height: 14; }
    """

    #: Whether the generic notes area is shown under the panel's own content.
    show_notes = True

    class Changed(Message):
        """The meeting changed; the console refreshes what it shows."""

    def __init__(self, meeting: Meeting, item: AgendaItem) -> None:
        super().__init__(id="item-panel")
        self.meeting = meeting
        self.item = item

    @property
    def coalition(self):
        return self.app.coalition

    def compose(self) -> ComposeResult:
        number = self.meeting.agenda.index(self.item) + 1
        yield Static(f"{number}. {escape(self.item.title)}", classes="item-title")
        yield from self.compose_body()
        if self.show_notes:
            yield Label("Notes (minute taker) \u2014 Esc leaves the text", classes="notes-label")
            area = CheckedArea(self.item.notes, id="item-notes", classes="notes")
            yield CheckedText(area, self.meeting, whole(f"agenda[{self.item.id}].notes"))

    def compose_body(self) -> ComposeResult:
        yield from ()

    def first_focus(self):
        """The widget to focus when the item opens."""
        try:
            return self.query_one("#item-notes")
        except Exception:
            return None

    def changed(self) -> None:
        self.app.meeting_changed(self.meeting)
        self.post_message(self.Changed())

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "item-notes":
            event.stop()
            self.item.notes = event.text_area.text
            self.app.meeting_changed(self.meeting)

    def on_checked_text_reviewed(self, event: CheckedText.Reviewed) -> None:
        event.stop()
        self.changed()

    def show_finding(self, path: str, finding: Finding) -> bool:
        """Select a finding the export gate reported, in the field at ``path``
        (the findings dialog's jump). False if this panel does not edit it."""
        for checked in self.query(CheckedText):
            if checked.covers(path):
                return checked.select_finding(path, finding)
        return False

    def refresh_panel(self) -> None:
        """Re-read the meeting into the panel's widgets (after a change elsewhere)."""


class NotesPanel(ItemPanel):
    """Added items: other business, items of concern, presentations."""

    def compose_body(self) -> ComposeResult:
        item = self.item
        if item.presenter:
            vetted = self.coalition.name_of(item.vetted_by, "not recorded")
            yield Static(f"Presenter: {item.presenter}\nVetted by: {vetted}", classes="counts", markup=False)
        if item.raised_by:
            yield Static(f"Raised by: {self.coalition.name_of(item.raised_by)}", classes="counts", markup=False)
        yield Static("Record what was decided, not what was said. F6 opens a motion; F7 adds an action item.", classes="hint")
