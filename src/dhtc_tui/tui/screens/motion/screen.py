"""A motion, from moving and seconding to its wording in the minutes.

Terms of Reference, Decision Making: consensus whenever possible, otherwise a
vote, one vote per organization, 50% + 1 in favour. The screen follows the
motion's state: a draft form, then "does any member object?", then the vote
panel with a live tally, then the frozen result (reopened only on purpose,
with a recorded reason). Every rule is in ``dhtc_tui.domain`` (``voting`` for
the motion, ``effects`` for what a carried motion changes elsewhere); this
screen gathers what the chair says, calls the domain, saves, and shows the
result, with the minutes' wording live at the bottom. The wording on screen
comes from :mod:`.text`, the vote rows from :class:`.votes.VoteList`; the
vote panel's keys are in :mod:`.vote_panel`, what follows a result (effects,
reopening, a removal's notices) in :mod:`.closing`.
"""

from __future__ import annotations

import copy
import dataclasses

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from ...widgets.footer import StableFooter
from ...widgets.text import escape
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from ....domain.model import (
    Meeting,
    Motion,
    MotionKind,
    MotionState,
)
from ....domain.validation import ValidationError, parse_optional_date
from ....domain.voting import (
    VotingError,
    call_vote,
    carried_amendments,
    consensus_sentence,
    correct_wording,
    declare_consensus,
    electorate,
    adopted_wording,
    minutes_text,
    open_motion,
    record_objection,
    record_removal_notice,
    set_amended_wording,
    table,
    withdraw,
)
from ...widgets.dialogs import ConfirmDialog, DiscardGuard, TextPrompt
from ...widgets.tally import TallyView
from . import text as words
from .closing import Closing
from .draft import DraftForm
from .dialogs import NEW_MOTION, MemberPicker, MotionsList
from .text import label as _label
from .vote_panel import VotePanel
from .votes import VoteList


class MotionScreen(DraftForm, VotePanel, Closing, DiscardGuard, Screen):
    """Motion"""

    CSS_PATH = "motion.tcss"

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
        Binding("L", "letter", "Letter to the member", show=False, id="motion-letter"),
        Binding("o", "reopen", "Reopen", id="motion-reopen"),
        Binding("r", "recorded", "Recorded vote", show=False, id="motion-recorded"),
        Binding("W", "correct_wording", "Correct the wording", show=False, id="motion-correct-wording"),
        Binding("A", "amended_wording", "Wording as amended", show=False, id="motion-amended-wording"),
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
        "correct_wording": {"consensus", "voting"},
        "amended_wording": {"consensus", "voting"},
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
        self._message = ("", False)
        self._voter_options: list[tuple[str, str]] | None = None
        #: Shown once the screen is laid out again (e.g. the main motion's
        #: wording as amended, after an amendment carried).
        self._after_rebuild = None

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
        if action == "amended_wording":
            return motion is not None and bool(carried_amendments(self.meeting, motion))
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

    @property
    def survivors_vote(self) -> bool:
        """The coalition's setting: whether survivor members vote."""
        return self.data.settings.survivors_vote

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(self._bar_text(), id="motion-bar", markup=False)
        if self.stage == "draft":
            yield from self._compose_draft()
        else:
            yield from self._compose_motion()
        with VerticalScroll(id="motion-minutes-box"):
            yield Static("", id="motion-minutes", markup=False)
        yield StableFooter(compact=True, show_command_palette=False)

    def _bar_text(self) -> str:
        return words.bar_text(self.meeting, self.motion, self.item_id)

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

    async def _rebuild(self) -> None:
        """The motion changed stage: lay the screen out again."""
        self._voter_options = None
        await self.recompose()
        self._populate()
        self.refresh_bindings()
        then, self._after_rebuild = self._after_rebuild, None
        if then is not None:
            then()

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
            open_motion(self.meeting, motion, self.data.members, now, survivors_vote=self.survivors_vote)
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

    def _application(self, motion: Motion):
        return next((a for a in self.data.applications if a.id == motion.application_id), None)

    def _show_head(self) -> None:
        motion = self.motion
        application = self._application(motion) if motion.application_id else None
        summary = words.summary_text(
            motion,
            self.meeting,
            self._member,
            application.applicant if application is not None else None,
            compact=bool(self.query("#vote-list")),
        )
        self.query_one("#motion-summary", Static).update(summary)
        self.query_one("#motion-status", Static).update(
            words.status_text(motion, self.meeting, self._member, self.data.names)
        )

    def _show_main(self) -> None:
        amended = bool(carried_amendments(self.meeting, self.motion))
        self.query_one("#motion-keys", Static).update(escape(words.keys_text(self.motion, amended)))
        self.query_one("#motion-excluded", Static).update(
            words.excluded_text(self.meeting, self.motion, self.data.names)
        )

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
        text = minutes_text(motion, self.data.names, meeting=self.meeting)
        self.query_one("#motion-minutes", Static).update(f"Minutes: {text}")

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
        eligible, _ = electorate(
            self.meeting, self.data.members, motion, self.app.now().time(), survivors_vote=self.survivors_vote
        )
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
        motion = self.motion
        if motion.objections or motion.kind is MotionKind.REMOVAL:
            # A vote follows an objection; a removal always goes to a vote.
            self._call_vote("Vote called. Record each member's vote.")
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self._call_vote("Vote called with no objection on record. Record each member's vote.", confirm=True)

        # What the minutes will say, from the domain, on a copy as if the vote were open.
        preview = dataclasses.replace(motion, vote_opened_at=self.app.now(), objections=[])
        self.app.push_screen(
            ConfirmDialog(
                "No member has objected: consensus may still be reached.\n"
                "Call a vote anyway? The minutes will say:\n\n"
                f"{consensus_sentence(preview, self.data.names)}",
                yes="Call the vote",
                no="Cancel",
            ),
            answer,
        )

    def _call_vote(self, success: str, confirm: bool = False) -> bool:
        now = self.app.now()
        try:
            call_vote(
                self.meeting, self.motion, self.data.members, self.data.settings.voting_base, now, now.time(),
                survivors_vote=self.survivors_vote, confirm_no_objection=confirm,
            )
        except VotingError as exc:
            prefix = success.split(":")[0] + " recorded. " if success.startswith("Objection") else ""
            self._say(f"{prefix}{exc}", error=True)
            return False
        self.app.meeting_changed(self.meeting)
        self._message = (success, False)
        self.call_later(self._rebuild)
        return True

    def action_amend(self) -> None:
        motion = self.motion

        def back(result=None) -> None:
            self.call_later(self._rebuild)

        self.app.push_screen(MotionScreen(self.meeting, motion.agenda_item_id or self.item_id, amends=motion.id), back)

    # -- wording -------------------------------------------------------------------

    def action_correct_wording(self) -> None:
        """The chair corrects the wording of the open motion (recorded in its events)."""
        motion = self.motion

        def check(text: str) -> None:
            correct_wording(copy.deepcopy(motion), text)

        def got(text: str | None) -> None:
            if text is None:
                return
            try:
                wording = correct_wording(motion, text, self.app.now())
            except VotingError as exc:
                self._say(str(exc), error=True)
                return
            self.app.meeting_changed(self.meeting)
            self._say(f"Wording of {_label(motion).lower()}: {wording}")
            self._show_head()
            self._update_minutes()

        self.app.push_screen(
            TextPrompt(f"Correct the wording of {_label(motion).lower()} (recorded with the motion):", motion.text, check=check),
            got,
        )

    def action_amended_wording(self) -> None:
        self._ask_amended_wording(self.motion)

    def _ask_amended_wording(self, motion: Motion) -> None:
        """After an amendment carried: the main motion's words as amended."""
        meeting = self.meeting
        amendments = carried_amendments(meeting, motion)
        if not amendments or motion.state not in words.OPEN:
            return
        last = amendments[-1]

        def check(text: str) -> None:
            set_amended_wording(meeting, copy.deepcopy(motion), text)

        def got(text: str | None) -> None:
            if text is None:
                return
            try:
                set_amended_wording(meeting, motion, text, self.app.now())
            except VotingError as exc:
                self._say(str(exc), error=True)
                return
            self.app.meeting_changed(meeting)
            self._say(f"{_label(motion)} as amended: {adopted_wording(meeting, motion)}")
            if motion is self.motion:
                self._show_head()
                self._update_minutes()

        self.app.push_screen(
            TextPrompt(
                f"{_label(last)} carried ({last.text}). Wording of {_label(motion).lower()} "
                "as amended (Esc: later, A on that motion):",
                motion.amended_text or motion.text,
                check=check,
            ),
            got,
        )

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
            ("correct_wording", "Correct the wording", "The chair corrects the open motion's words"),
            ("remaining_for", "Remaining members: for", "Record for from everyone not yet voted"),
            ("close_vote", "Close the vote", "Carried or defeated"),
            ("withdraw", "Withdraw the motion", "At the mover's request"),
            ("table", "Defer the motion", "Table it"),
            ("reopen", "Reopen the motion", "With a recorded reason"),
        ):
            if stage in self.STAGES.get(action, set()):
                yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))
        yield SystemCommand("Motions of this meeting", "Open another motion", self.action_motions)
