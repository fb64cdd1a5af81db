"""What follows a motion's result on :class:`~.screen.MotionScreen`: what a
carried motion changes elsewhere (``domain.effects``), reopening with a
reason (undoing those changes), and the notices of a removal motion.

A mixin of the screen, as :class:`~.draft.DraftForm` is: it needs
``meeting``, ``motion``, ``data``, ``_member``, ``_say``, ``_show_head``,
``_update_minutes``, ``_rebuild`` and ``_ask_amended_wording`` from the
screen.
"""

from __future__ import annotations

import copy

from ....domain.effects import Effect, carried_effects, undo_effects
from ....domain.model import Motion, MotionKind, MotionState
from ....domain.voting import VotingError, disposition, reopen
from ...widgets.dialogs import TextPrompt
from . import text as words
from .dialogs import OutcomeNoticeForm, RemovalNoticeForm
from .text import label as _label


class Closing:
    """After the result: effects, reopening, and a removal's notices."""

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
        parent = self.meeting.motion(motion.amends_motion_id) if motion.amends_motion_id else None
        if motion.state is MotionState.CARRIED and parent is not None and parent.state in words.OPEN:
            self._after_rebuild = lambda: self._ask_amended_wording(parent)
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
