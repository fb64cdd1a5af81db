"""The motion screen's dialogs: pick a member, record the removal notices,
list the meeting's motions."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from ...widgets.text import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from ....domain.model import Meeting, Motion
from ....domain.validation import ValidationError, parse_optional_date
from ....domain.voting import VotingError, record_outcome_notice, record_removal_notice
from ...widgets.dialogs import DiscardGuard, field
from ...widgets.text import cut as _cut, plain
from .text import OPEN, motions_list_row

#: What :class:`MotionsList` returns when the chair asks for a new motion.
NEW_MOTION = "new"

# --------------------------------------------------------------------------
# Small dialogs


class MemberPicker(ModalScreen[str | None]):
    """Pick one member: type part of the name, arrows move, Enter picks."""

    CSS_PATH = "motion.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Next member", show=False),
        Binding("up", "move(-1)", "Previous member", show=False),
    ]

    def __init__(self, question: str, members: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.members = members  # (member id, name)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, markup=False)
            yield Input(placeholder="Type part of the name", id="picker-filter", compact=True)
            yield OptionList(id="picker-list")
            yield Static("\u2191\u2193 move \u00b7 Enter picks \u00b7 Esc cancels", classes="hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#picker-filter", Input).focus()

    def _fill(self, needle: str) -> None:
        words = needle.casefold().split()
        options = [
            Option(Text(name), id=member_id)
            for member_id, name in self.members
            if all(word in name.casefold() for word in words)
        ]
        picker = self.query_one("#picker-list", OptionList)
        picker.set_options(options)
        picker.highlighted = 0 if options else None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        option = self.query_one("#picker-list", OptionList).highlighted_option
        if option is not None:
            self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, offset: int) -> None:
        picker = self.query_one("#picker-list", OptionList)
        if offset > 0:
            picker.action_cursor_down()
        else:
            picker.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)


class _NoticeForm(DiscardGuard, ModalScreen[bool]):
    CSS_PATH = "motion.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    #: The field to start in.
    first_field = ""

    def on_mount(self) -> None:
        # Subclasses do not define on_mount: Textual calls every class's handler.
        self.query_one(self.first_field).focus()
        self.call_after_refresh(self.remember_values)

    def action_cancel(self) -> None:
        self.discard(lambda: self.dismiss(False))

    def _error(self, message: str) -> None:
        self.query_one(".notice-error", Static).update(message)


class RemovalNoticeForm(_NoticeForm):
    """Removal of Members: the member "shall be notified of the vote prior to
    it occurring and the reasons for the proposed removal"."""

    first_field = "#notice-reasons"

    def __init__(self, motion: Motion, subject: str, now) -> None:
        super().__init__()
        self.motion = motion
        self.subject = subject
        self.now = now

    def compose(self) -> ComposeResult:
        record = self.motion.removal
        notified = record.notified_on if record and record.notified_on else self.now.date()
        with VerticalScroll():
            yield Static(f"[b]Notice to {escape(self.subject)} before the vote[/b]   Ctrl+S saves, Esc cancels")
            yield Static("", classes="notice-error", markup=False)
            yield field("Notified on", Input(notified.isoformat(), id="notice-date", placeholder="YYYY-MM-DD"))
            yield Label("Reasons for the proposed removal, as given to the member")
            area = TextArea(record.reasons if record else "", id="notice-reasons", soft_wrap=True)
            area.show_line_numbers = False
            yield area

    def action_save(self) -> None:
        try:
            day = parse_optional_date(self.query_one("#notice-date", Input).value, "notice-date")
            record_removal_notice(self.motion, day, self.query_one("#notice-reasons", TextArea).text, self.now)
        except (ValidationError, VotingError) as exc:
            self._error(str(exc))
            return
        self.dismiss(True)


class OutcomeNoticeForm(_NoticeForm):
    """Removal of Members: the outcome "in writing, signed by at least two
    member organizations"."""

    first_field = "#outcome-signers"

    def __init__(self, motion: Motion, subject: str, organizations: list[tuple[str, str]], members, now) -> None:
        super().__init__()
        self.motion = motion
        self.subject = subject
        self.organizations = organizations  # (member id, name)
        self.members = members
        self.now = now

    def compose(self) -> ComposeResult:
        record = self.motion.removal
        on = record.outcome_notice_on if record and record.outcome_notice_on else self.now.date()
        signed = set(record.signed_by) if record else set()
        with VerticalScroll():
            yield Static(
                f"[b]Written notice of the outcome to {escape(self.subject)}[/b]   Ctrl+S saves, Esc cancels"
            )
            yield Static("", classes="notice-error", markup=False)
            yield field("Notice dated", Input(on.isoformat(), id="outcome-date", placeholder="YYYY-MM-DD"))
            yield Label("Signed by (Space ticks; at least two member organizations)")
            yield SelectionList[str](
                *[(plain(_cut(name, 70)), member_id, member_id in signed) for member_id, name in self.organizations],
                id="outcome-signers",
            )

    def action_save(self) -> None:
        try:
            day = parse_optional_date(self.query_one("#outcome-date", Input).value, "outcome-date")
            signers = list(self.query_one("#outcome-signers", SelectionList).selected)
            record_outcome_notice(self.motion, day, signers, members=self.members, now=self.now)
        except (ValidationError, VotingError) as exc:
            self._error(str(exc))
            return
        self.dismiss(True)


class MotionsList(ModalScreen[str | None]):
    """Motions of this meeting: Enter opens one (an open motion resumes at its
    stage); n starts a new one. Returns a motion id, :data:`NEW_MOTION` or
    None."""

    CSS_PATH = "motion.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Close the list"),
        Binding("n", "new", "New motion"),
    ]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Motions of this meeting[/b]")
            yield OptionList(id="motions-list")
            yield Static("Enter opens \u00b7 n new motion \u00b7 Esc closes", classes="hint")

    def on_mount(self) -> None:
        motions = self.query_one("#motions-list", OptionList)
        width = max(self.app.size.width - 30, 30)
        for motion in self.meeting.motions:
            motions.add_option(Option(motions_list_row(motion, width), id=motion.id))
        if not self.meeting.motions:
            motions.add_option(Option("No motion yet: n starts one.", disabled=True))
        first_open = next((i for i, m in enumerate(self.meeting.motions) if m.state in OPEN), None)
        motions.highlighted = first_open if first_open is not None else (len(self.meeting.motions) - 1 if self.meeting.motions else None)
        motions.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.dismiss(event.option.id)

    def action_new(self) -> None:
        self.dismiss(NEW_MOTION)

    def action_cancel(self) -> None:
        self.dismiss(None)
