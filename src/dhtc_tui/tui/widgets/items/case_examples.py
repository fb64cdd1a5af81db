"""Case examples: behind a confidentiality reminder, with a live identifier check.

The check never runs on the interface thread: after a pause in typing a
thread worker checks the text (incrementally: only the paragraphs that
changed), tagged with the text's version. Workers can overlap, so a result
is shown only if it belongs to the newest version typed; older ones are
dropped."""

from __future__ import annotations

import time
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from ..text import escape
from textual.message import Message
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ....domain.confidentiality import KINDS, finding_key, unreviewed
from ....domain.incremental_check import IncrementalChecker
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
    offset = max(0, min(offset, len(text)))
    before = text[:offset]
    row = before.count("\n")
    col = offset - (before.rfind("\n") + 1)
    return row, col


PREVIEW_FINDINGS = 8
PREVIEW_CONTEXT = 40


def highlighted(text: str, findings: list[Finding], reviewed: set[str]) -> Text:
    """``text`` with each finding marked where it is (no markup: the notes are data)."""
    out = Text(text)
    for finding in findings:
        out.stylize(_style(finding, reviewed), finding.start, finding.end)
    return out


def _style(finding: Finding, reviewed: set[str]) -> str:
    return "reverse green" if finding_key(finding) in reviewed else "reverse bold red"


def in_context(text: str, findings: list[Finding], reviewed: set[str], limit: int = PREVIEW_FINDINGS) -> Text:
    """Each finding marked in a few words around it, one line each.

    Only the findings' surroundings, never the whole note: a long note would
    otherwise be laid out again on the interface thread after every check.
    """
    out = Text()
    for finding in findings[:limit]:
        line_start = text.rfind("\n", 0, finding.start) + 1
        line_end = text.find("\n", finding.end)
        line_end = len(text) if line_end < 0 else line_end
        a = max(line_start, finding.start - PREVIEW_CONTEXT)
        b = min(line_end, finding.end + PREVIEW_CONTEXT)
        if out:
            out.append("\n")
        out.append(f"line {text.count(chr(10), 0, finding.start) + 1}: ", style="dim")
        out.append(("\u2026" if a > line_start else "") + text[a:finding.start])
        out.append(text[finding.start:finding.end], style=_style(finding, reviewed))
        out.append(text[finding.end:b] + ("\u2026" if b < line_end else ""))
    if len(findings) > limit:
        out.append(f"\n\u2026 and {len(findings) - limit} more in the list above", style="dim")
    return out


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

    class Checked(Message):
        """A thread worker finished checking one version of the notes."""

        def __init__(self, version: int, text: str, findings: list[Finding]) -> None:
            super().__init__()
            self.version = version
            self.text = text
            self.findings = findings

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
            yield Label("Findings in context (red: to review \u00b7 green: reviewed, not identifying)")
            yield Static(id="case-preview")

    def on_mount(self) -> None:
        self._timer = None
        self.findings: list[Finding] = []
        #: Bumped on every edit; a check's result is shown only for the newest.
        self.text_version = 0
        #: The version whose findings are on screen (-1: none yet).
        self.shown_version = -1
        self._checked_text = ""
        self._prompts: list[str] = []
        # sleep(0) between paragraphs lets key presses in while a long note is first checked.
        self._checker = IncrementalChecker(self.coalition.allow_list(), between=lambda: time.sleep(0))
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
        self.text_version += 1
        self.app.meeting_changed(self.meeting)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(CHECK_DELAY, self.run_check)

    def run_check(self):
        """Start checking the notes as they are now, off the interface thread."""
        self._timer = None
        self._checker.set_allow(self.coalition.allow_list())
        version, text = self.text_version, self.meeting.case_examples.notes
        return self.run_worker(
            partial(self._check, version, text),
            thread=True,
            group="identifier-check",
            exit_on_error=False,
        )

    def _check(self, version: int, text: str) -> None:
        """In a thread worker: the check itself, reported back as a message."""
        self.post_message(self.Checked(version, text, self._checker.check(text)))

    def on_case_examples_panel_checked(self, message: Checked) -> None:
        message.stop()
        if message.version != self.text_version or message.version < self.shown_version:
            return  # a newer version was typed (or shown) since: this result is stale
        self.shown_version = message.version
        self._checked_text = message.text
        self.findings = message.findings
        self.show_findings()

    def show_findings(self) -> None:
        text = self._checked_text
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
        prompts = []
        line, last = 0, 0
        for finding in self.findings:
            line += text.count("\n", last, finding.start)
            last = finding.start
            mark = "\u2713 reviewed" if finding_key(finding) in reviewed else "\u26a0 review"
            prompts.append(f"{mark}  {KINDS.get(finding.kind, finding.kind)}: \u201c{finding.text}\u201d (line {line + 1})")
        options = self.query_one("#case-findings", FindingList)
        if prompts != self._prompts:
            # Rebuilt only when what it lists changed: typing elsewhere in a long
            # note leaves it alone.
            self._prompts = prompts
            highlighted_index = options.highlighted
            options.set_options(Option(Text(prompt), id=str(index)) for index, prompt in enumerate(prompts))
            if prompts:
                options.highlighted = min(highlighted_index or 0, len(prompts) - 1)
        self.query_one("#case-preview", Static).update(in_context(text, self.findings, reviewed) if self.findings else " ")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a finding selects it in the text, ready to edit away."""
        event.stop()
        finding = self.findings[int(event.option.id)]
        text = self._checked_text
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
        self.show_findings()  # the text did not change: no need to check again
        self.changed()
