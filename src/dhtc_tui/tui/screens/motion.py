"""A motion, from moving and seconding to its wording in the minutes.

Terms of Reference, Decision Making: consensus whenever possible, otherwise a
vote, one vote per organization, 50% + 1 in favour. The screen follows the
motion's state: a draft form, then "does any member object?", then the vote
panel with a live tally, then the frozen result (reopened only on purpose,
with a recorded reason). Every rule is in ``dhtc_tui.domain.voting``; this
screen gathers what the chair says, calls the domain, saves, and shows the
result, with the minutes' wording live at the bottom.
"""

from __future__ import annotations

import copy

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from ..widgets.text import escape
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Checkbox,
    Footer,
    Input,
    Label,
    OptionList,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from ...domain.model import (
    AgendaKind,
    ApplicationStatus,
    Meeting,
    MinutesStatus,
    Motion,
    MotionKind,
    MotionState,
    VoteChoice,
)
from ...domain.text import clock, long_date, plural
from ...domain.validation import ValidationError, parse_optional_date
from ...domain.voting import (
    VotingError,
    call_vote,
    cast_remaining,
    cast_vote,
    close_vote,
    declare_consensus,
    disposition,
    electorate,
    minutes_text,
    motion_wording,
    open_amendments,
    open_motion,
    record_objection,
    record_outcome_notice,
    record_removal_notice,
    reopen,
    table,
    tally,
    withdraw,
)
from ..widgets.dialogs import ConfirmDialog, DiscardGuard, TextPrompt, field
from ..widgets.items.formal import approve_previous
from ..widgets.tally import TallyView
from ..widgets.text import cut as _cut, plain

#: What :class:`MotionsList` returns when the chair asks for a new motion.
NEW_MOTION = "new"

_OPEN = (MotionState.CONSENSUS, MotionState.VOTING)

NOBODY_ELIGIBLE = "No member present can vote on this motion yet: mark attendance first (agenda item 2)."
NOT_VOTED = "\u00b7"
CANNOT_VOTE = "\u2014"

CHOICE_STYLE = {
    VoteChoice.FOR: "bold green",
    VoteChoice.AGAINST: "bold red",
    VoteChoice.ABSTAIN: "bold yellow",
}


def _label(motion: Motion) -> str:
    noun = "Amendment" if motion.kind is MotionKind.AMENDMENT else "Motion"
    return f"{noun} {motion.number}" if motion.number else f"New {noun.lower()}"


def _item_label(meeting: Meeting, item_id: str | None) -> str:
    item = meeting.item(item_id) if item_id else None
    if item is None:
        return "no agenda item"
    return f"item {meeting.agenda.index(item) + 1}. {item.title}"


def _value(select: Select):
    return None if select.value is Select.NULL else select.value


# --------------------------------------------------------------------------
# Small dialogs


class MemberPicker(ModalScreen[str | None]):
    """Pick one member: type part of the name, arrows move, Enter picks."""

    DEFAULT_CSS = """
    MemberPicker { align: center middle; }
    MemberPicker > Vertical { width: 70; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; }
    MemberPicker #picker-list { height: auto; max-height: 14; }
    MemberPicker .hint { color: $text-muted; }
    """
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
    DEFAULT_CSS = """
    _NoticeForm { align: center middle; }
    _NoticeForm > VerticalScroll { width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; }
    _NoticeForm .notice-error { color: $error; text-style: bold; height: auto; }
    _NoticeForm TextArea { height: 5; }
    _NoticeForm SelectionList { height: auto; max-height: 10; }
    _NoticeForm .hint { color: $text-muted; height: auto; }
    """
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

    DEFAULT_CSS = """
    MotionsList { align: center middle; }
    MotionsList > Vertical { width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; }
    MotionsList #motions-list { height: auto; max-height: 16; }
    MotionsList .hint { color: $text-muted; }
    """
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
            state = "OPEN: " + motion.state.value if motion.state in _OPEN else disposition(motion)
            style = "bold" if motion.state in _OPEN else ""
            motions.add_option(
                Option(Text(f"{motion.number:>2}. [{state}] {_cut(motion_wording(motion.text), width)}", style=style), id=motion.id)
            )
        if not self.meeting.motions:
            motions.add_option(Option("No motion yet: n starts one.", disabled=True))
        first_open = next((i for i, m in enumerate(self.meeting.motions) if m.state in _OPEN), None)
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


# --------------------------------------------------------------------------
# The vote panel's member list


class VoteList(OptionList):
    """Every member in the room: eligible members with their vote, the others
    greyed with the reason they cannot vote."""

    BINDINGS = [
        Binding("f,1", "vote('for')", "For"),
        Binding("a,2", "vote('against')", "Against"),
        Binding("b,3", "vote('abstain')", "Abstain"),
        Binding("e", "electronic", "Electronic next", show=False, tooltip="The next vote cast is marked electronic"),
    ]

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("vote", "electronic"):
            motion = getattr(self.screen, "motion", None)
            return motion is not None and motion.state is MotionState.VOTING
        return True

    def action_vote(self, choice: str) -> None:
        option = self.highlighted_option
        if option is None or option.disabled or not option.id:
            return
        self.screen.cast(option.id, VoteChoice(choice))

    def action_electronic(self) -> None:
        self.screen.toggle_electronic()


# --------------------------------------------------------------------------
# The motion screen


class MotionScreen(DiscardGuard, Screen):
    """Motion"""

    DEFAULT_CSS = """
    MotionScreen #motion-bar { height: 1; background: $primary; color: $text; padding: 0 1; text-style: bold; }
    MotionScreen #motion-form { height: 1fr; padding: 0 1; }
    MotionScreen #motion-form .field > TextArea { height: 3; width: 1fr; background: $boost; }
    MotionScreen #motion-form > Checkbox { margin-top: 1; }
    MotionScreen .-hidden { display: none; }
    MotionScreen #motion-error { color: $error; text-style: bold; height: auto; }
    MotionScreen .hint { color: $text-muted; height: auto; }
    MotionScreen #motion-head { height: auto; max-height: 12; padding: 0 1; }
    MotionScreen.-vote #motion-head { max-height: 4; }
    MotionScreen.-vote #motion-minutes-box { max-height: 4; }
    MotionScreen.-vote.-closed #motion-head { max-height: 8; }
    MotionScreen #motion-summary { height: auto; }
    MotionScreen #motion-status { height: auto; }
    MotionScreen #motion-message { height: auto; max-height: 2; color: $success; padding: 0 1; }
    MotionScreen #motion-message.-error { color: $error; text-style: bold; }
    MotionScreen #motion-main { height: 1fr; padding: 0 1; }
    MotionScreen #motion-excluded { color: $text-muted; height: auto; margin-top: 1; }
    MotionScreen #vote-area { height: 1fr; border-top: solid $primary 40%; }
    MotionScreen #vote-left { width: 1fr; height: 1fr; }
    MotionScreen #vote-hint { height: auto; padding: 0 1; }
    MotionScreen #vote-list { height: 1fr; border: none; padding: 0 0 0 1; }
    MotionScreen #vote-keys { margin: 1 1 0 1; }
    MotionScreen #vote-detail { height: auto; max-height: 2; color: $text-muted; padding: 0 1; }
    MotionScreen #vote-right { width: 40; height: 1fr; border-left: solid $primary 40%; }
    MotionScreen.-wide #vote-right { width: 1fr; }
    MotionScreen #motion-minutes-box { height: auto; max-height: 5; border-top: solid $primary 40%; padding: 0 1; }
    MotionScreen #motion-minutes { height: auto; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back to the console", show=False, id="motion-back"),
        Binding("ctrl+s", "save", "Move (put for consensus)", priority=True, id="motion-save"),
        Binding("c", "consensus", "Carried by consensus", id="motion-consensus"),
        Binding("o", "objection", "Objection \u2192 vote", id="motion-objection"),
        Binding("v", "call_vote", "Call a vote", id="motion-call-vote"),
        Binding("m", "amend", "Amend", id="motion-amend"),
        Binding("F", "remaining_for", "Remaining: for", id="motion-remaining-for"),
        Binding("x", "close_vote", "Close the vote", id="motion-close-vote"),
        Binding("n", "removal_notice", "Notice to member", id="motion-removal-notice"),
        Binding("s", "outcome_notice", "Outcome notice", id="motion-outcome-notice"),
        Binding("o", "reopen", "Reopen", id="motion-reopen"),
        Binding("r", "recorded", "Recorded vote", show=False, id="motion-recorded"),
        Binding("w", "withdraw", "Withdraw", show=False, id="motion-withdraw"),
        Binding("t", "table", "Defer (table)", show=False, id="motion-table"),
        Binding("l", "motions", "Motions list", show=False, id="motion-list"),
        Binding("ctrl+l", "motions", "Motions list", show=False, priority=True, id="motion-list-ctrl"),
    ]

    #: Actions allowed only at some stages (the footer and help hide the others).
    STAGES: dict[str, set[str]] = {
        "save": {"draft"},
        "consensus": {"consensus"},
        "objection": {"consensus"},
        "call_vote": {"consensus"},
        "amend": {"consensus"},
        "remaining_for": {"voting"},
        "close_vote": {"voting"},
        "withdraw": {"consensus", "voting"},
        "table": {"consensus", "voting"},
        "recorded": {"consensus", "voting"},
        "removal_notice": {"consensus"},
        "outcome_notice": {"closed"},
        "reopen": {"closed"},
    }

    def __init__(
        self,
        meeting: Meeting,
        item_id: str | None = None,
        motion_id: str | None = None,
        *,
        amends: str | None = None,
    ) -> None:
        super().__init__()
        self.meeting = meeting
        current = meeting.current_item
        self.item_id = item_id or (current.id if current else None)
        self.motion: Motion | None = meeting.motion(motion_id) if motion_id else None
        self.missing_motion = bool(motion_id) and self.motion is None
        self.amends = amends
        #: The next vote cast is marked electronic (then this resets).
        self.electronic_next = False
        self._message = ("", False)
        self._voter_options: list[tuple[str, str]] | None = None

    # -- what stage the motion is at -------------------------------------------

    @property
    def stage(self) -> str:
        motion = self.motion
        if motion is None or motion.state is MotionState.DRAFT:
            return "draft"
        if motion.state is MotionState.CONSENSUS:
            return "consensus"
        if motion.state is MotionState.VOTING:
            return "voting"
        return "closed"

    def check_action(self, action: str, parameters) -> bool | None:
        stages = self.STAGES.get(action)
        if stages is not None and self.stage not in stages:
            return False
        motion = self.motion
        if action == "consensus" and motion is not None and motion.kind is MotionKind.REMOVAL:
            return False  # Removal of Members: "a vote of 50% + 1", never consensus
        if action == "removal_notice":
            return motion is not None and motion.kind is MotionKind.REMOVAL
        if action == "outcome_notice":
            return (
                motion is not None
                and motion.kind is MotionKind.REMOVAL
                and motion.state in (MotionState.CARRIED, MotionState.DEFEATED)
            )
        return True

    @property
    def data(self):
        return self.app.coalition

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(self._bar_text(), id="motion-bar", markup=False)
        if self.stage == "draft":
            yield from self._compose_draft()
        else:
            yield from self._compose_motion()
        with VerticalScroll(id="motion-minutes-box"):
            yield Static("", id="motion-minutes", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def _bar_text(self) -> str:
        motion = self.motion
        if motion is None or motion.state is MotionState.DRAFT:
            return f"New motion \u00b7 {_item_label(self.meeting, self.item_id)}"
        state = motion.state.value if motion.state in _OPEN else disposition(motion)
        return (
            f"{_label(motion)} \u00b7 {motion.kind.value} \u00b7 {state} \u00b7 "
            f"{_item_label(self.meeting, motion.agenda_item_id)}"
        )

    def _compose_draft(self) -> ComposeResult:
        data = self.data
        meeting = self.meeting
        item = meeting.item(self.item_id) if self.item_id else None
        kind = MotionKind.AMENDMENT if self.amends else (
            MotionKind.PREVIOUS_MINUTES if item is not None and item.kind is AgendaKind.PREVIOUS_MINUTES
            else MotionKind.GENERAL
        )
        with VerticalScroll(id="motion-form"):
            yield Static(
                "Type the motion, pick mover and seconder (Enter opens a list; type to search), "
                "then Ctrl+S moves it and asks for consensus. Esc goes back.",
                classes="hint",
            )
            open_now = [m for m in meeting.motions if m.state in _OPEN and m.id != self.amends]
            if open_now:
                first = open_now[0]
                yield Static(
                    f"[b]{escape(_label(first))} is open ({first.state.value})[/b]: Ctrl+L lists the motions, "
                    "to go back to it.",
                    id="motion-open-hint",
                )
            yield Static("", id="motion-error", markup=False)
            area = TextArea(
                self._default_text(kind),
                id="motion-text",
                soft_wrap=True,
                compact=True,
                placeholder="That the Coalition … (the minutes begin it with “That”)",
            )
            area.show_line_numbers = False
            row = field("Motion", area)
            row.id = "row-text"
            yield row
            yield field("Kind", Select([(k.value, k) for k in MotionKind], value=kind, allow_blank=False, id="motion-kind"))
            yield field("Moved by", Select([], prompt="Choose the mover", type_to_search=True, id="motion-mover"))
            yield field("Seconded by", Select([], prompt="Choose the seconder", type_to_search=True, id="motion-seconder"))
            yield field(
                "Agenda item",
                Select(
                    [(plain(_cut(f"{i + 1}. {it.title}", 60)), it.id) for i, it in enumerate(meeting.agenda)],
                    value=self.item_id if item is not None else Select.NULL,
                    prompt="No agenda item",
                    id="motion-item",
                ),
            )
            subject = field(
                "Member to remove",
                Select([(plain(m.name), m.id) for m in data.active_members], prompt="Choose the member", type_to_search=True, id="motion-subject"),
            )
            subject.id = "row-subject"
            yield subject
            notified = field("Member notified on", Input(id="motion-notified", placeholder="YYYY-MM-DD (can be recorded later: n)"))
            notified.id = "row-notified"
            yield notified
            reasons = TextArea(id="motion-reasons", soft_wrap=True, compact=True, placeholder="As given to the member")
            reasons.show_line_numbers = False
            row = field("Reasons for removal", reasons)
            row.id = "row-reasons"
            yield row
            pending = [a for a in data.applications if a.status is ApplicationStatus.PENDING]
            application = field(
                "Application",
                Select(
                    [(plain(a.applicant), a.id) for a in pending],
                    prompt="Choose the application" if pending else "No pending application",
                    id="motion-application",
                ),
            )
            application.id = "row-application"
            yield application
            open_ones = [m for m in meeting.motions if m.state in _OPEN]
            amends = field(
                "Amends",
                Select(
                    [(plain(_cut(f"{_label(m)}: {motion_wording(m.text)}", 60)), m.id) for m in open_ones],
                    value=self.amends if self.amends in {m.id for m in open_ones} else Select.NULL,
                    prompt="Choose the motion being amended" if open_ones else "No open motion",
                    id="motion-amends",
                ),
            )
            amends.id = "row-amends"
            yield amends
            yield Checkbox("Recorded vote (how each member voted goes in the minutes)", False, id="motion-recorded", compact=True)

    def _default_text(self, kind: MotionKind) -> str:
        if kind is MotionKind.PREVIOUS_MINUTES:
            pm = self.meeting.previous_minutes
            previous = self._previous_meeting(load=False)
            when = f" of {long_date(previous.date)}" if previous is not None else " of the previous meeting"
            return f"That the minutes{when} be approved as {'corrected' if pm.adjustments else 'presented'}."
        return ""

    def _compose_motion(self) -> ComposeResult:
        motion = self.motion
        with VerticalScroll(id="motion-head"):
            yield Static("", id="motion-summary")
            yield Static("", id="motion-status")
        yield Static("", id="motion-message", markup=False)
        went_to_vote = motion.vote_opened_at is not None and not motion.by_consensus
        if motion.state is MotionState.VOTING or (motion.state.is_closed and went_to_vote):
            with Horizontal(id="vote-area"):
                with Vertical(id="vote-left"):
                    yield Static("", id="vote-hint")
                    yield VoteList(id="vote-list")
                    yield Static("", id="vote-detail", markup=False)
                with VerticalScroll(id="vote-right"):
                    yield TallyView(id="tally")
                    yield Static("", id="vote-keys", classes="hint")
        else:
            with VerticalScroll(id="motion-main"):
                yield Static("", id="motion-keys", classes="hint")
                yield Static("", id="motion-excluded")

    # -- filling it in -----------------------------------------------------------

    def on_mount(self) -> None:
        self.on_resize()
        self._populate()
        if self.missing_motion:
            self._say("That motion is not in this meeting: a new motion is open instead.", error=True)

    def on_resize(self, event=None) -> None:
        self.set_class(self.app.size.width >= 110, "-wide")
        if self.motion is not None and self.query("#vote-list"):
            # Names are cut to the room the list has.
            vote_list = self.query_one("#vote-list", VoteList)
            if not vote_list.option_count:
                return  # not filled yet (on mount)
            for member_id in dict.fromkeys(self.motion.electorate):
                vote_list.replace_option_prompt(member_id, self._vote_prompt(member_id))

    async def _rebuild(self) -> None:
        """The motion changed stage: lay the screen out again."""
        self._voter_options = None
        await self.recompose()
        self._populate()
        self.refresh_bindings()

    def _populate(self) -> None:
        self.query_one("#motion-bar", Static).update(self._bar_text())
        if self.stage == "draft":
            self._draft_visibility()
            self._refresh_voters()
            self._update_minutes()
            self.query_one("#motion-text", TextArea).focus()
            self.call_after_refresh(self.remember_values)
            return
        self._show_head()
        self.set_class(bool(self.query("#vote-list")), "-vote")
        self.set_class(self.stage == "closed", "-closed")
        if self.query("#vote-list"):
            self._fill_votes()
            vote_list = self.query_one("#vote-list", VoteList)
            vote_list.focus()
            self._show_tally()
        else:
            self._show_main()
            self.query_one("#motion-main").focus()
        self._update_minutes()
        self._show_message()

    # -- the draft form ------------------------------------------------------------

    def _draft_kind(self) -> MotionKind:
        value = _value(self.query_one("#motion-kind", Select))
        return MotionKind(value) if value else MotionKind.GENERAL

    def _draft_visibility(self) -> None:
        kind = self._draft_kind()
        removal = kind is MotionKind.REMOVAL
        for wid in ("#row-subject", "#row-notified", "#row-reasons"):
            self.query_one(wid).set_class(not removal, "-hidden")
        self.query_one("#row-application").set_class(kind is not MotionKind.APPLICATION, "-hidden")
        self.query_one("#row-amends").set_class(kind is not MotionKind.AMENDMENT, "-hidden")

    def _draft_motion(self) -> Motion:
        """The motion as the form stands (unchecked: the domain checks on Ctrl+S)."""
        kind = self._draft_kind()
        return Motion(
            text=self.query_one("#motion-text", TextArea).text,
            kind=kind,
            mover_id=_value(self.query_one("#motion-mover", Select)),
            seconder_id=_value(self.query_one("#motion-seconder", Select)),
            agenda_item_id=_value(self.query_one("#motion-item", Select)),
            subject_member_id=_value(self.query_one("#motion-subject", Select)) if kind is MotionKind.REMOVAL else None,
            application_id=_value(self.query_one("#motion-application", Select)) if kind is MotionKind.APPLICATION else None,
            amends_motion_id=_value(self.query_one("#motion-amends", Select)) if kind is MotionKind.AMENDMENT else None,
            recorded_vote=self.query_one("#motion-recorded", Checkbox).value,
        )

    def _refresh_voters(self) -> None:
        """Mover and seconder come from the members eligible on this motion now."""
        draft = self._draft_motion()
        eligible, _ = electorate(self.meeting, self.data.members, draft, self.app.now().time())
        names = self.data.names
        options = sorted(((names.get(m, m), m) for m in eligible), key=lambda o: o[0].casefold())
        if options == self._voter_options:
            return
        self._voter_options = options
        for wid in ("#motion-mover", "#motion-seconder"):
            select = self.query_one(wid, Select)
            keep = select.value
            select.set_options([(plain(name), value) for name, value in options])
            if keep in eligible:
                select.value = keep
        error = self.query_one("#motion-error", Static)
        if not options:
            error.update(NOBODY_ELIGIBLE)
        elif str(error.visual) == NOBODY_ELIGIBLE:
            error.update("")

    def on_select_changed(self, event: Select.Changed) -> None:
        if self.stage != "draft":
            return
        if event.select.id in ("motion-kind", "motion-item", "motion-subject", "motion-amends"):
            self._draft_visibility()
            self._refresh_voters()
        self._update_minutes()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.stage == "draft":
            self._update_minutes()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if self.stage == "draft":
            self._update_minutes()

    def action_save(self) -> None:
        """Ctrl+S: move and second the draft, and put it for consensus."""
        if self.stage != "draft":
            return
        motion = self._draft_motion()
        now = self.app.now()
        error = self.query_one("#motion-error", Static)
        try:
            if motion.kind is MotionKind.REMOVAL:
                notified = self.query_one("#motion-notified", Input).value
                reasons = self.query_one("#motion-reasons", TextArea).text
                if notified.strip() or reasons.strip():
                    try:
                        day = parse_optional_date(notified, "motion-notified")
                    except ValidationError as exc:
                        raise VotingError(str(exc)) from None
                    record_removal_notice(motion, day, reasons, now)
            open_motion(self.meeting, motion, self.data.members, now)
        except VotingError as exc:
            error.update(str(exc))
            return
        self._initial_values = None
        self.motion = motion
        self.app.meeting_changed(self.meeting)
        self._message = (f"{_label(motion)} moved and seconded. Does any member object?", False)
        self.call_later(self._rebuild)

    # -- showing a motion -----------------------------------------------------------

    def _member(self, member_id: str | None) -> str:
        return self.data.name_of(member_id, member_id or "?")

    def _show_head(self) -> None:
        motion = self.motion
        kind = motion.kind.value
        extra = []
        if motion.kind is MotionKind.REMOVAL:
            extra.append(f"to remove {self._member(motion.subject_member_id)}")
        if motion.kind is MotionKind.APPLICATION and motion.application_id:
            application = next((a for a in self.data.applications if a.id == motion.application_id), None)
            if application is not None:
                extra.append(f"application of {application.applicant}")
        if motion.amends_motion_id:
            parent = self.meeting.motion(motion.amends_motion_id)
            if parent is not None:
                extra.append(f"amends {_label(parent).lower()}")
        about = f"{kind}{' (' + escape('; '.join(extra)) + ')' if extra else ''}"
        recorded = f"recorded vote: {'yes' if motion.recorded_vote else 'no'}"
        if self.query("#vote-list"):
            # The vote panel needs the rows; mover and seconder are in the minutes line.
            summary = f"[b]{escape(motion_wording(motion.text))}[/b] \u00b7 {about} \u00b7 {recorded}"
        else:
            summary = (
                f"[b]{escape(motion_wording(motion.text))}[/b]\n"
                f"Moved by {escape(self._member(motion.mover_id))}, seconded by "
                f"{escape(self._member(motion.seconder_id))} \u00b7 {about} \u00b7 {recorded}"
            )
        self.query_one("#motion-summary", Static).update(summary)
        self.query_one("#motion-status", Static).update(self._status_text())

    def _status_text(self) -> str:
        motion = self.motion
        lines: list[str] = []
        if motion.state is MotionState.CONSENSUS:
            lines.append("[b]Seeking consensus.[/b] The Chair asks: does any member object?")
            if motion.objections:
                who = ", ".join(escape(self._member(m)) for m in motion.objections)
                lines.append(f"[b]Objection by {who}[/b]: no consensus \u2014 v calls the vote.")
        elif motion.state is MotionState.VOTING:
            opened = clock(motion.vote_opened_at.time()) if motion.vote_opened_at else "?"
            lines.append(
                f"[b]Vote open[/b] since {opened} \u00b7 "
                f"{plural(len(set(motion.electorate)), 'member')} eligible \u00b7 base: {motion.voting_base}"
            )
        else:
            when = f" at {clock(motion.closed_at.time())}" if motion.closed_at else ""
            stop = "" if when.endswith(".") else "."
            lines.append(f"[b]{disposition(motion)}[/b]{when}{stop} The result is frozen: o reopens it, with a reason.")
            reopened = [e for e in motion.events if e.what.startswith("reopened")]
            if reopened:
                last = reopened[-1]
                lines.append(f"Reopened {len(reopened)}\u00d7; last at {clock(last.at.time())}: {escape(last.what)}")
        if motion.kind is MotionKind.REMOVAL:
            lines.extend(self._removal_lines())
        pending = open_amendments(self.meeting, motion)
        if pending:
            lines.append(
                f"[b]{escape(_label(pending[0]))} to this motion is open[/b]: decide it first (l lists motions)."
            )
        return "\n".join(lines)

    def _removal_lines(self) -> list[str]:
        motion = self.motion
        record = motion.removal
        lines = []
        if record is None or record.notified_on is None:
            if motion.state in (MotionState.DRAFT, MotionState.CONSENSUS):
                lines.append("[b]Notice to the member not recorded[/b]: required before the vote \u2014 n records it.")
        else:
            lines.append(f"Member notified of the vote and the reasons on {long_date(record.notified_on)}.")
        if motion.state in (MotionState.CARRIED, MotionState.DEFEATED):
            if record is not None and record.outcome_notice_on is not None and record.signed_by:
                signers = ", ".join(escape(self._member(s)) for s in record.signed_by)
                lines.append(f"Written notice of the outcome dated {long_date(record.outcome_notice_on)}, signed by {signers}.")
            else:
                lines.append("[b]Written notice of the outcome not recorded[/b]: s records it (two member organizations sign).")
            if motion.state is MotionState.CARRIED:
                lines.append("Once the notice is sent, mark the member removed in the roster (its record is kept).")
        return lines

    def _show_main(self) -> None:
        motion = self.motion
        if motion.state is MotionState.CONSENSUS and motion.kind is MotionKind.REMOVAL:
            keys = (
                "Removal of a member needs a vote of 50% + 1 (Terms of Reference, Removal of Members).\n"
                "n  notice to the member (date and reasons): required before the vote\n"
                "v  call the vote\n"
                "m  amend (the amendment is decided first)\n"
                "w  withdraw \u00b7 t  defer (table) \u00b7 r  recorded vote on/off\n"
                "l  motions of this meeting \u00b7 Esc  back (the motion stays open)"
            )
        elif motion.state is MotionState.CONSENSUS:
            keys = (
                "c  carried by consensus (no objection)\n"
                "o  a member objects \u2192 the motion goes to a vote\n"
                "v  call a vote without asking for consensus\n"
                "m  amend (the amendment is decided first)\n"
                "w  withdraw \u00b7 t  defer (table) \u00b7 r  recorded vote on/off\n"
                + "l  motions of this meeting \u00b7 Esc  back (the motion stays open)"
            )
        else:
            keys = "o  reopen (a reason is required and recorded) \u00b7 l  motions \u00b7 Esc  back"
            if motion.kind is MotionKind.REMOVAL and motion.state in (MotionState.CARRIED, MotionState.DEFEATED):
                keys = "s  written notice of the outcome \u00b7 " + keys
        self.query_one("#motion-keys", Static).update(escape(keys))
        self.query_one("#motion-excluded", Static).update(self._excluded_text())

    def _excluded_text(self) -> str:
        motion = self.motion
        if not motion.excluded:
            return ""
        lines = ["Cannot take part:"]
        for exclusion in motion.excluded:
            lines.append(f"  \u2014 {escape(self._member(exclusion.member_id))}: {escape(exclusion.reason)}")
        return "\n".join(lines)

    def _show_message(self) -> None:
        text, is_error = self._message
        message = self.query_one("#motion-message", Static)
        message.update(text)
        message.set_class(is_error, "-error")
        message.display = bool(text)

    def _say(self, text: str, error: bool = False) -> None:
        """A line under the motion: what just happened, or why it could not."""
        text = text[:1].upper() + text[1:]
        self._message = (text, error)
        if self.stage == "draft":
            self.query_one("#motion-error", Static).update(text if error else "")
            if not error:
                self.notify(text, markup=False)
            return
        self._show_message()

    def _update_minutes(self) -> None:
        motion = self.motion if self.stage != "draft" else self._draft_motion()
        text = minutes_text(motion, self.data.names)
        self.query_one("#motion-minutes", Static).update(f"Minutes: {text}")

    # -- the vote panel ------------------------------------------------------------

    def _name_width(self) -> int:
        right = 40 if self.app.size.width < 110 else self.app.size.width // 2
        return max(self.app.size.width - right - 14, 16)

    def _vote_prompt(self, member_id: str) -> Text:
        motion = self.motion
        vote = next((v for v in reversed(motion.votes) if v.member_id == member_id), None)
        text = Text()
        if vote is None:
            text.append(NOT_VOTED.ljust(8), style="dim")
        else:
            text.append(f"{vote.choice.value.upper():<8}", style=CHOICE_STYLE[vote.choice])
        text.append("e " if vote is not None and vote.electronic else "  ", style="italic")
        text.append(_cut(self._member(member_id), self._name_width()))
        return text

    def _fill_votes(self) -> None:
        motion = self.motion
        vote_list = self.query_one("#vote-list", VoteList)
        names = self.data.names
        eligible = sorted(dict.fromkeys(motion.electorate), key=lambda m: names.get(m, m).casefold())
        # Members who cannot vote come first, greyed with the reason, so they
        # are seen when the vote opens (a disabled row is never scrolled to).
        options = []
        for exclusion in motion.excluded:
            prompt = Text(CANNOT_VOTE.ljust(10), style="dim")
            prompt.append(f"{names.get(exclusion.member_id, exclusion.member_id)} ({exclusion.reason})", style="dim")
            options.append(Option(prompt, id=f"excluded:{exclusion.member_id}", disabled=True))
        offset = len(options)
        options += [Option(self._vote_prompt(member_id), id=member_id) for member_id in eligible]
        vote_list.set_options(options)
        voted = {v.member_id for v in motion.votes}
        first = next((i for i, m in enumerate(eligible) if m not in voted), 0)
        vote_list.highlighted = offset + first if eligible else None
        if offset:
            def show_excluded() -> None:
                if (vote_list.highlighted or 0) < vote_list.scrollable_content_region.height - 1:
                    vote_list.scroll_home(animate=False, immediate=True)

            self.call_after_refresh(show_excluded)
        self._show_vote_hint()
        self._show_vote_detail()

    def _show_vote_hint(self) -> None:
        motion = self.motion
        if motion.state is MotionState.VOTING:
            flag = "[reverse] ON [/reverse]" if self.electronic_next else "off"
            hint = f"f/1 for \u00b7 a/2 against \u00b7 b/3 abstain\ne electronic next: {flag} \u00b7 x close"
        else:
            hint = "How each member voted (frozen). o reopens, with a reason."
        self.query_one("#vote-hint", Static).update(hint)
        if motion.state is MotionState.VOTING:
            keys = "x close the vote \u00b7 w withdraw \u00b7 t defer \u00b7 r recorded vote \u00b7 l motions \u00b7 Esc back"
        elif motion.kind is MotionKind.REMOVAL and motion.state in (MotionState.CARRIED, MotionState.DEFEATED):
            keys = "s written notice of the outcome \u00b7 o reopen \u00b7 l motions \u00b7 Esc back"
        else:
            keys = "o reopen (with a reason) \u00b7 l motions \u00b7 Esc back"
        self.query_one("#vote-keys", Static).update(keys)

    def _show_vote_detail(self) -> None:
        if not self.query("#vote-detail"):
            return
        option = self.query_one("#vote-list", VoteList).highlighted_option
        detail = ""
        if option is not None and option.id:
            member_id = option.id.removeprefix("excluded:")
            record = self.meeting.attendance_of(member_id)
            who = ""
            if record is not None:
                who = record.presence.value + (f": {record.person}" if record.person else "")
            vote = next((v for v in reversed(self.motion.votes) if v.member_id == member_id), None)
            cast = f" \u2014 {vote.choice.value}{' (electronic)' if vote.electronic else ''}" if vote else ""
            detail = f"{self._member(member_id)} ({who}){cast}"
        self.query_one("#vote-detail", Static).update(detail)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "vote-list":
            self._show_vote_detail()

    def _show_tally(self) -> None:
        motion = self.motion
        final = motion.state if motion.state in (MotionState.CARRIED, MotionState.DEFEATED) else None
        self.query_one("#tally", TallyView).show(tally(motion), final)

    def _votes_changed(self, member_ids) -> None:
        vote_list = self.query_one("#vote-list", VoteList)
        for member_id in member_ids:
            vote_list.replace_option_prompt(member_id, self._vote_prompt(member_id))
        self._show_tally()
        self._show_vote_hint()
        self._show_vote_detail()
        self._update_minutes()
        self.app.meeting_changed(self.meeting)

    def cast(self, member_id: str, choice: VoteChoice) -> None:
        """Record ``member_id``'s vote (the highlighted row), then move down."""
        try:
            cast_vote(self.motion, member_id, choice, electronic=self.electronic_next, now=self.app.now())
        except VotingError as exc:
            self._say(str(exc), error=True)
            return
        electronic = " (electronic)" if self.electronic_next else ""
        self.electronic_next = False
        self._say(f"{self._member(member_id)}: {choice.value}{electronic}.")
        self._votes_changed([member_id])
        self.query_one("#vote-list", VoteList).action_cursor_down()

    def toggle_electronic(self) -> None:
        self.electronic_next = not self.electronic_next
        self._show_vote_hint()

    def action_remaining_for(self) -> None:
        motion = self.motion
        voted = {v.member_id for v in motion.votes}
        remaining = [m for m in dict.fromkeys(motion.electorate) if m not in voted]
        if not remaining:
            self._say("Every eligible member has voted.")
            return
        names = [self._member(m) for m in remaining]
        shown = "\n".join(f"  {_cut(n, 56)}" for n in names[:8]) + (f"\n  \u2026 and {len(names) - 8} more" if len(names) > 8 else "")

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                done = cast_remaining(self.motion, VoteChoice.FOR, self.app.now())
            except VotingError as exc:
                self._say(str(exc), error=True)
                return
            self._say(f"{plural(len(done), 'remaining member')} recorded for.")
            self._votes_changed(done)

        self.app.push_screen(
            ConfirmDialog(
                f"Record FOR for the {plural(len(remaining), 'member')} that have not voted yet?\n{shown}",
                yes="Record for",
                no="Cancel",
            ),
            answer,
        )

    def action_close_vote(self) -> None:
        t = tally(self.motion)
        result = "Carried" if t.carried_so_far else "Defeated"
        question = (
            f"Close the vote on {_label(self.motion).lower()}?\n\n"
            f"Result: {result} \u2014 {t.for_} for, {t.against} against, {plural(t.abstain, 'abstention')}; "
            f"base: {t.base_kind} = {t.base}, {t.needed} needed."
        )
        if t.not_voted:
            question += f"\n{plural(t.not_voted, 'eligible member')} not voted yet."

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                close_vote(self.motion, self.app.now(), meeting=self.meeting)
            except VotingError as exc:
                self._say(str(exc), error=True)
                return
            self._after_close(f"Vote closed: {disposition(self.motion).lower()}.")

        self.app.push_screen(ConfirmDialog(question, yes="Close the vote", no="Keep voting"), answer)

    # -- consensus -----------------------------------------------------------------

    def action_consensus(self) -> None:
        try:
            declare_consensus(self.motion, self.app.now(), meeting=self.meeting)
        except VotingError as exc:
            self._say(str(exc), error=True)
            return
        self._after_close("Carried by consensus.")

    def action_objection(self) -> None:
        motion = self.motion
        eligible, _ = electorate(self.meeting, self.data.members, motion, self.app.now().time())
        names = self.data.names
        choices = sorted(((m, names.get(m, m)) for m in eligible), key=lambda c: c[1].casefold())

        def got(member_id: str | None) -> None:
            if not member_id:
                return
            now = self.app.now()
            try:
                record_objection(self.motion, member_id, now)
            except VotingError as exc:
                self._say(str(exc), error=True)
                return
            self.app.meeting_changed(self.meeting)
            who = self._member(member_id)
            if not self._call_vote(f"Objection by {who}: no consensus, so the motion goes to a vote."):
                self._show_head()
                self._update_minutes()

        self.app.push_screen(
            MemberPicker("Which member objects? (The motion then goes to a vote.)", choices), got
        )

    def action_call_vote(self) -> None:
        self._call_vote("Vote called. Record each member's vote.")

    def _call_vote(self, success: str) -> bool:
        now = self.app.now()
        try:
            call_vote(self.meeting, self.motion, self.data.members, self.data.settings.voting_base, now, now.time())
        except VotingError as exc:
            prefix = success.split(":")[0] + " recorded. " if success.startswith("Objection") else ""
            self._say(f"{prefix}{exc}", error=True)
            return False
        self.electronic_next = False
        self.app.meeting_changed(self.meeting)
        self._message = (success, False)
        self.call_later(self._rebuild)
        return True

    def action_amend(self) -> None:
        motion = self.motion

        def back(result=None) -> None:
            self.call_later(self._rebuild)

        self.app.push_screen(MotionScreen(self.meeting, motion.agenda_item_id or self.item_id, amends=motion.id), back)

    def action_recorded(self) -> None:
        motion = self.motion
        motion.recorded_vote = not motion.recorded_vote
        self.app.meeting_changed(self.meeting)
        self._say("Recorded vote: the minutes name how each member voted." if motion.recorded_vote else "Not a recorded vote.")
        self._show_head()
        self._update_minutes()

    def action_withdraw(self) -> None:
        self._close_open(withdraw, "Withdraw", "Withdrawn by the mover.")

    def action_table(self) -> None:
        self._close_open(table, "Defer (table)", "Deferred.")

    def _close_open(self, operation, verb: str, done: str) -> None:
        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                operation(self.motion, self.app.now(), meeting=self.meeting)
            except VotingError as exc:
                self._say(str(exc), error=True)
                return
            self._after_close(done)

        self.app.push_screen(
            ConfirmDialog(f"{verb} {_label(self.motion).lower()}? (It can be reopened with a reason.)", yes=verb, no="Cancel"),
            answer,
        )

    # -- closing, side effects and reopening ----------------------------------------

    def _after_close(self, message: str) -> None:
        motion = self.motion
        if motion.state is MotionState.CARRIED:
            effect = self._carried_effects(motion)
            if effect:
                message = f"{message} {effect}"
        self.app.meeting_changed(self.meeting)
        self._message = (message, False)
        self.call_later(self._rebuild)

    def _previous_meeting(self, load: bool = True):
        data = self.data
        meeting_id = self.meeting.previous_minutes.meeting_id
        if meeting_id is None:
            ref = data.previous_ref(self.meeting.date, exclude=self.meeting.id)
            meeting_id = ref.id if ref else None
        if meeting_id is None:
            return None
        if not load and meeting_id not in data.loaded:
            ref = next((r for r in data.refs if r.id == meeting_id), None)
            return ref
        try:
            return data.meeting(self.app.store, meeting_id)
        except Exception:
            return None

    def _carried_effects(self, motion: Motion) -> str:
        """What a carried motion changes elsewhere; a sentence for the chair."""
        meeting = self.meeting
        if motion.kind is MotionKind.PREVIOUS_MINUTES:
            previous = self._previous_meeting()
            if previous is None:
                return "There are no previous minutes on record to mark approved."
            approve_previous(self.app, meeting, previous)
            meeting.previous_minutes.motion_id = motion.id
            return f"The minutes of {long_date(previous.date)} are {meeting.previous_minutes.result}."
        if motion.kind is MotionKind.LOCATION:
            meeting.next_meeting.location_decided_by = "consensus" if motion.by_consensus else "majority"
            return f"Next meeting's location: decided by {meeting.next_meeting.location_decided_by}."
        if motion.kind is MotionKind.APPLICATION and motion.application_id:
            application = next((a for a in self.data.applications if a.id == motion.application_id), None)
            if application is None:
                return ""
            line = self._application_line(motion)
            if line not in application.notes.splitlines():
                application.notes = f"{application.notes.rstrip()}\n{line}" if application.notes.strip() else line
                self.app.save_application(application)
            return f"Noted on the application of {application.applicant} (it stays pending until reviewed)."
        return ""

    def _application_line(self, motion: Motion) -> str:
        return f"Approved by motion {motion.number} at the meeting of {long_date(self.meeting.date)}"

    def _undo_effects(self, motion: Motion, was: MotionState, by_consensus: bool) -> str:
        """Reopening a carried motion takes back what its carrying changed."""
        if was is not MotionState.CARRIED:
            return ""
        meeting = self.meeting
        if motion.kind is MotionKind.PREVIOUS_MINUTES and meeting.previous_minutes.motion_id == motion.id:
            pm = meeting.previous_minutes
            previous = self._previous_meeting()
            pm.motion_id = None
            pm.result = ""
            if previous is not None and previous.approved_on == meeting.date:
                previous.minutes_status = MinutesStatus.DRAFT
                previous.approved_on = None
                self.app.meeting_changed(previous)
            return "The previous minutes are back to draft."
        if motion.kind is MotionKind.LOCATION:
            if meeting.next_meeting.location_decided_by == ("consensus" if by_consensus else "majority"):
                meeting.next_meeting.location_decided_by = ""
            return "How the location was decided is cleared."
        if motion.kind is MotionKind.APPLICATION and motion.application_id:
            application = next((a for a in self.data.applications if a.id == motion.application_id), None)
            line = self._application_line(motion)
            if application is not None and line in application.notes.splitlines():
                application.notes = "\n".join(l for l in application.notes.splitlines() if l != line)
                self.app.save_application(application)
                return "The approval note on the application is removed."
        return ""

    def action_reopen(self) -> None:
        motion = self.motion
        meeting = self.meeting

        def check(reason: str) -> None:
            # A dry run, so the prompt shows why it cannot reopen and stays open.
            reopen(copy.deepcopy(motion), self.app.now(), reason, meeting=meeting)

        def got(reason: str | None) -> None:
            if reason is None:
                return
            was, by_consensus = motion.state, motion.by_consensus
            try:
                reopen(motion, self.app.now(), reason, meeting=meeting)
            except VotingError as exc:
                self._say(str(exc), error=True)
                return
            undone = self._undo_effects(motion, was, by_consensus)
            self.app.meeting_changed(meeting)
            self._message = (f"Reopened ({reason}). {undone}".strip(), False)
            self.call_later(self._rebuild)

        self.app.push_screen(
            TextPrompt(
                f"Reopen {_label(motion).lower()} ({disposition(motion).lower()})? "
                "Reason (recorded with the motion):",
                check=check,
            ),
            got,
        )

    # -- removal notices -------------------------------------------------------------

    def action_removal_notice(self) -> None:
        motion = self.motion

        def got(saved: bool | None) -> None:
            if saved:
                self.app.meeting_changed(self.meeting)
                self._say("Notice to the member recorded.")
                self._show_head()
                self._update_minutes()

        self.app.push_screen(RemovalNoticeForm(motion, self._member(motion.subject_member_id), self.app.now()), got)

    def action_outcome_notice(self) -> None:
        motion = self.motion
        organizations = [
            (m.id, m.name) for m in self.data.active_organizations if m.id != motion.subject_member_id
        ]

        def got(saved: bool | None) -> None:
            if saved:
                self.app.meeting_changed(self.meeting)
                self._say("Written notice of the outcome recorded.")
                self._show_head()
                self._update_minutes()

        self.app.push_screen(
            OutcomeNoticeForm(motion, self._member(motion.subject_member_id), organizations, self.data.members, self.app.now()),
            got,
        )

    # -- moving between motions, leaving ---------------------------------------------

    def action_motions(self) -> None:
        def got(choice: str | None) -> None:
            if not choice:
                return
            if choice == NEW_MOTION:
                target = None
            else:
                target = self.meeting.motion(choice)
                if target is None or target is self.motion:
                    return

            def switch() -> None:
                self._initial_values = None
                if target is None and self.motion is not None:
                    self.item_id = self.meeting.current_item.id if self.meeting.current_item else self.item_id
                self.motion = target
                self.amends = None
                self._message = ("", False)
                self.call_later(self._rebuild)

            if self.stage == "draft":
                self.discard(switch)
            else:
                switch()

        self.app.push_screen(MotionsList(self.meeting), got)

    def action_back(self) -> None:
        if self.stage == "draft":
            self.discard(lambda: self.dismiss(None))
        else:
            self.dismiss(self.motion)

    def palette_commands(self):
        stage = self.stage
        for action, title, help_text in (
            ("save", "Move the motion", "Put the draft for consensus"),
            ("consensus", "Carried by consensus", "No member objects"),
            ("objection", "Record an objection", "Then the motion goes to a vote"),
            ("call_vote", "Call a vote", "Open the vote on this motion"),
            ("remaining_for", "Remaining members: for", "Record for from everyone not yet voted"),
            ("close_vote", "Close the vote", "Carried or defeated"),
            ("withdraw", "Withdraw the motion", "At the mover's request"),
            ("table", "Defer the motion", "Table it"),
            ("reopen", "Reopen the motion", "With a recorded reason"),
        ):
            if stage in self.STAGES.get(action, set()):
                yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))
        yield SystemCommand("Motions of this meeting", "Open another motion", self.action_motions)
