"""Case examples: behind a confidentiality reminder, with the live
identifier check every free-text field has (widgets/checked_text.py)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from ..text import escape
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from ....domain.model import Finding
from ....paths import TemplateError, read_template_text
from ..checked_text import CHECK_DELAY, CheckedArea, CheckedText, offset_to_location, whole  # noqa: F401
from .base import ItemPanel


class ConfidentialityReminder(ModalScreen[bool]):
    """Must be acknowledged every time the case examples item opens."""

    DEFAULT_CSS = """
    ConfidentialityReminder { align: center middle; }
    ConfidentialityReminder > VerticalScroll {
        width: 86; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 0 2;
    }
    ConfidentialityReminder #reminder-text { margin: 1 0; }
    ConfidentialityReminder Button { width: 100%; }
    """
    BINDINGS = [
        Binding("ctrl+y", "acknowledge", "I acknowledge", priority=True),
        Binding("escape", "decline", "Go back"),
    ]

    def compose(self) -> ComposeResult:
        try:
            text = read_template_text("confidentiality-reminder.txt")
        except TemplateError as exc:
            text = (
                f"{exc}\n\nAll members are committed to protecting the confidentiality of the "
                "people we serve: share non-identifying information only."
            )
        with VerticalScroll():
            yield Static(escape(text), id="reminder-text")
            yield Button("I acknowledge the confidentiality agreement (Ctrl+Y)", variant="warning", id="reminder-ack")
            yield Static("Esc: go back without opening the case examples", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#reminder-ack", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(True)

    def action_acknowledge(self) -> None:
        self.dismiss(True)

    def action_decline(self) -> None:
        self.dismiss(False)


class CaseExamplesPanel(ItemPanel):
    DEFAULT_CSS = """
    CaseExamplesPanel #case-notes { height: 8; }
    CaseExamplesPanel.-locked #case-body { display: none; }
    """
    show_notes = False

    def compose_body(self) -> ComposeResult:
        yield Static(
            "Non-identifying case examples only. Identifying details are flagged as you type; "
            "edit them away, or select one (Tab to the list) and press r if it is not identifying.",
            classes="hint",
        )
        with VerticalScroll(id="case-body"):
            yield Label("Case example notes (short, non-identifying summaries)")
            yield CheckedText(
                CheckedArea(self.meeting.case_examples.notes, id="case-notes"),
                self.meeting,
                whole("case_examples.notes"),
                start=False,  # not before the reminder is acknowledged
                status_id="case-status",
                list_id="case-findings",
                id="case-checked",
            )

    def on_mount(self) -> None:
        self._jump: tuple[str, Finding] | None = None
        self.add_class("-locked")
        self.app.push_screen(ConfidentialityReminder(), self._acknowledged)

    @property
    def checked(self) -> CheckedText:
        return self.query_one("#case-checked", CheckedText)

    # The live check, as the tests and the benchmark reach it.
    @property
    def findings(self) -> list[Finding]:
        return self.checked.findings

    @property
    def text_version(self) -> int:
        return self.checked.text_version

    @property
    def shown_version(self) -> int:
        return self.checked.shown_version

    @property
    def _checker(self):
        return self.checked.checker

    def run_check(self):
        return self.checked.run_check()

    def _acknowledged(self, yes: bool | None) -> None:
        if not yes:
            self.screen.reminder_declined()
            return
        self.meeting.case_examples.acknowledged_at.append(self.app.now())
        self.remove_class("-locked")
        self.checked.start()
        self.changed()
        self.query_one("#case-notes", TextArea).focus()
        if self._jump is not None:
            self.checked.select_finding(*self._jump)
            self._jump = None

    @property
    def acknowledged(self) -> bool:
        return not self.has_class("-locked")

    def first_focus(self):
        return self.query_one("#case-notes") if self.acknowledged else None

    def show_finding(self, path: str, finding: Finding) -> bool:
        if not self.checked.covers(path):
            return False
        if self.acknowledged:
            return self.checked.select_finding(path, finding)
        self._jump = (path, finding)  # once the reminder is acknowledged
        return True

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != "case-notes" or not self.acknowledged:
            return
        event.stop()
        self.meeting.case_examples.notes = event.text_area.text
        self.app.meeting_changed(self.meeting)
