"""A motion, from moving and seconding to its wording in the minutes.

Terms of Reference, Decision Making: consensus whenever possible, otherwise a
vote, one vote per organization, 50% + 1 in favour. The screen follows the
motion's state: a draft form, then "does any member object?", then the vote
panel with a live tally, then the frozen result (reopened only on purpose,
with a recorded reason). Every rule is in ``dhtc_tui.domain`` (``voting`` for
the motion, ``effects`` for what a carried motion changes elsewhere); this
screen gathers what the chair says, calls the domain, saves, and shows the
result, with the minutes' wording live at the bottom. The wording on screen
comes from :mod:`.text`, the vote rows from :class:`.votes.VoteList`.
"""

from __future__ import annotations

import copy

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from ...widgets.text import escape
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static, TextArea

from ....domain.effects import Effect, carried_effects, undo_effects
from ....domain.model import (
    Meeting,
    Motion,
    MotionKind,
    MotionState,
    VoteChoice,
)
from ....domain.text import plural
from ....domain.validation import ValidationError, parse_optional_date
from ....domain.voting import (
    VotingError,
    call_vote,
    cast_remaining,
    cast_vote,
    close_vote,
    declare_consensus,
    disposition,
    electorate,
    minutes_text,
    open_motion,
    record_objection,
    record_removal_notice,
    reopen,
    table,
    tally,
    withdraw,
)
from ...widgets.dialogs import ConfirmDialog, DiscardGuard, TextPrompt
from ...widgets.tally import TallyView
from . import text as words
from .draft import DraftForm
from .dialogs import NEW_MOTION, MemberPicker, MotionsList, OutcomeNoticeForm, RemovalNoticeForm
from .text import label as _label
from .votes import VoteList


class MotionScreen(DraftForm, DiscardGuard, Screen):
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
        self.query_one("#motion-status", Static).update(words.status_text(motion, self.meeting, self._member))

    def _show_main(self) -> None:
        self.query_one("#motion-keys", Static).update(escape(words.keys_text(self.motion)))
        self.query_one("#motion-excluded", Static).update(words.excluded_text(self.motion, self._member))

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

    def _fill_votes(self) -> None:
        self.query_one("#vote-list", VoteList).show(self.motion, self.data.names)
        self._show_vote_hint()
        self._show_vote_detail()

    def _show_vote_hint(self) -> None:
        electronic = self.query_one("#vote-list", VoteList).electronic_next
        self.query_one("#vote-hint", Static).update(words.vote_hint(self.motion, electronic))
        self.query_one("#vote-keys", Static).update(words.vote_keys(self.motion))

    def on_vote_list_electronic_changed(self, event: VoteList.ElectronicChanged) -> None:
        self._show_vote_hint()

    def _show_vote_detail(self) -> None:
        if not self.query("#vote-detail"):
            return
        option = self.query_one("#vote-list", VoteList).highlighted_option
        detail = ""
        if option is not None and option.id:
            member_id = option.id.removeprefix("excluded:")
            record = self.meeting.attendance_of(member_id)
            presence = record.presence.value + (f": {record.person}" if record.person else "") if record else ""
            detail = words.vote_detail(self._member(member_id), presence, words.last_vote(self.motion, member_id))
        self.query_one("#vote-detail", Static).update(detail)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "vote-list":
            self._show_vote_detail()

    def _show_tally(self) -> None:
        motion = self.motion
        final = motion.state if motion.state in (MotionState.CARRIED, MotionState.DEFEATED) else None
        self.query_one("#tally", TallyView).show(tally(motion), final)

    def _votes_changed(self, member_ids=None) -> None:
        if member_ids is not None:
            self.query_one("#vote-list", VoteList).redraw(member_ids)
        self._show_tally()
        self._show_vote_hint()
        self._show_vote_detail()
        self._update_minutes()
        self.app.meeting_changed(self.meeting)

    def on_vote_list_cast(self, event: VoteList.Cast) -> None:
        """A vote key on a member's row: record it, then the list moves down."""
        event.stop()
        try:
            cast_vote(self.motion, event.member_id, event.choice, electronic=event.electronic, now=self.app.now())
        except VotingError as exc:
            self._say(str(exc), error=True)
            return
        electronic = " (electronic)" if event.electronic else ""
        self._say(f"{self._member(event.member_id)}: {event.choice.value}{electronic}.")
        self.query_one("#vote-list", VoteList).voted(event.member_id)
        self._votes_changed()

    def action_remaining_for(self) -> None:
        motion = self.motion
        voted = {v.member_id for v in motion.votes}
        remaining = [m for m in dict.fromkeys(motion.electorate) if m not in voted]
        if not remaining:
            self._say("Every eligible member has voted.")
            return
        names = [self._member(m) for m in remaining]

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
                words.remaining_question(names),
                yes="Record for",
                no="Cancel",
            ),
            answer,
        )

    def action_close_vote(self) -> None:
        question = words.close_question(self.motion, tally(self.motion))

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
            effect = carried_effects(motion, self.meeting, **self._effect_records(motion))
            self._save_effect(effect)
            if effect.message:
                message = f"{message} {effect.message}"
        self.app.meeting_changed(self.meeting)
        self._message = (message, False)
        self.call_later(self._rebuild)

    def _effect_records(self, motion: Motion) -> dict:
        """The records a carried motion of this kind can change."""
        previous = self._previous_meeting() if motion.kind is MotionKind.PREVIOUS_MINUTES else None
        return {"previous": previous, "members": self.data.members, "applications": self.data.applications}

    def _save_effect(self, effect: Effect) -> None:
        for meeting in effect.meetings:
            self.app.meeting_changed(meeting)
        for member in effect.members:
            self.app.save_member(member)
        for application in effect.applications:
            self.app.save_application(application)

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
            effect = undo_effects(motion, was, by_consensus, meeting, **self._effect_records(motion))
            self._save_effect(effect)
            undone = effect.message
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

    def action_letter(self) -> None:
        from ...paperwork import motion_letter

        motion_letter(self, self.motion)

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
