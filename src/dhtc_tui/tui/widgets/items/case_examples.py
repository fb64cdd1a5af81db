"""Case examples: behind a confidentiality reminder, with a live identifier check."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from ..text import escape
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ....domain.confidentiality import KINDS, find_identifiers, finding_key, unreviewed
from ....domain.model import Finding
from ....paths import TemplateError, read_template_text
from .base import ItemPanel

CHECK_DELAY = 0.25


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


def offset_to_location(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    row = before.count("\n")
    col = offset - (before.rfind("\n") + 1)
    return row, col


def highlighted(text: str, findings: list[Finding], reviewed: set[str]) -> str:
    """Rich markup of ``text`` with each finding marked where it is."""
    out, last = [], 0
    for finding in findings:
        out.append(escape(text[last:finding.start]))
        style = "reverse green" if finding_key(finding) in reviewed else "reverse bold red"
        out.append(f"[{style}]{escape(text[finding.start:finding.end])}[/]")
        last = finding.end
    out.append(escape(text[last:]))
    return "".join(out)


class FindingList(OptionList):
    BINDINGS = [
        Binding("r", "review", "Reviewed: not identifying", show=False),
        Binding("u", "unreview", "Undo review", show=False),
    ]

    def action_review(self) -> None:
        self.query_ancestor(CaseExamplesPanel).mark_reviewed(True)

    def action_unreview(self) -> None:
        self.query_ancestor(CaseExamplesPanel).mark_reviewed(False)


class CaseExamplesPanel(ItemPanel):
    DEFAULT_CSS = """
    CaseExamplesPanel #case-notes { height: 8; }
    CaseExamplesPanel #case-findings { height: auto; max-height: 8; }
    CaseExamplesPanel #case-preview { background: $panel; padding: 0 1; height: auto; max-height: 8; }
    CaseExamplesPanel #case-status.-warn { color: $error; text-style: bold; }
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
            area = TextArea(self.meeting.case_examples.notes, id="case-notes", soft_wrap=True)
            area.show_line_numbers = False
            yield area
            yield Static(id="case-status")
            yield FindingList(id="case-findings")
            yield Label("Preview (red: to review \u00b7 green: reviewed, not identifying)")
            yield Static(id="case-preview")

    def on_mount(self) -> None:
        self._timer = None
        self.findings: list[Finding] = []
        self.add_class("-locked")
        self.app.push_screen(ConfidentialityReminder(), self._acknowledged)

    def _acknowledged(self, yes: bool | None) -> None:
        if not yes:
            self.screen.reminder_declined()
            return
        self.meeting.case_examples.acknowledged_at.append(self.app.now())
        self.remove_class("-locked")
        self.run_check()
        self.changed()
        self.query_one("#case-notes", TextArea).focus()

    @property
    def acknowledged(self) -> bool:
        return not self.has_class("-locked")

    def first_focus(self):
        return self.query_one("#case-notes") if self.acknowledged else None

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != "case-notes" or not self.acknowledged:
            return
        event.stop()
        self.meeting.case_examples.notes = event.text_area.text
        self.app.meeting_changed(self.meeting)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(CHECK_DELAY, self.run_check)

    def run_check(self) -> None:
        self._timer = None
        text = self.meeting.case_examples.notes
        self.findings = find_identifiers(text, self.coalition.allow_list())
        reviewed = set(self.meeting.case_examples.reviewed)
        waiting = unreviewed(self.findings, reviewed)
        status = self.query_one("#case-status", Static)
        if waiting:
            status.update(
                f"{len(waiting)} possible identifying detail(s) to review. "
                "Unreviewed details are left out of exported minutes."
            )
        elif self.findings:
            status.update("All flagged details reviewed as not identifying.")
        else:
            status.update("No identifying details found.")
        status.set_class(bool(waiting), "-warn")
        options = self.query_one("#case-findings", FindingList)
        highlighted_index = options.highlighted
        options.clear_options()
        for index, finding in enumerate(self.findings):
            row, col = offset_to_location(text, finding.start)
            mark = "\u2713 reviewed" if finding_key(finding) in reviewed else "\u26a0 review"
            options.add_option(
                Option(
                    f"{mark}  {KINDS.get(finding.kind, finding.kind)}: \u201c{escape(finding.text)}\u201d (line {row + 1})",
                    id=str(index),
                )
            )
        if self.findings:
            options.highlighted = min(highlighted_index or 0, len(self.findings) - 1)
        self.query_one("#case-preview", Static).update(highlighted(text, self.findings, reviewed) or " ")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a finding selects it in the text, ready to edit away."""
        event.stop()
        finding = self.findings[int(event.option.id)]
        text = self.meeting.case_examples.notes
        area = self.query_one("#case-notes", TextArea)
        from textual.widgets.text_area import Selection

        area.selection = Selection(offset_to_location(text, finding.start), offset_to_location(text, finding.end))
        area.focus()

    def mark_reviewed(self, reviewed: bool) -> None:
        options = self.query_one("#case-findings", FindingList)
        if options.highlighted is None or not self.findings:
            return
        finding = self.findings[options.highlighted]
        key = finding_key(finding)
        keys = self.meeting.case_examples.reviewed
        if reviewed and key not in keys:
            keys.append(key)
        elif not reviewed and key in keys:
            keys.remove(key)
        self.run_check()
        self.changed()
