"""The vote panel of :class:`~.screen.MotionScreen`: the member rows, the
live tally, each vote key, "remaining members: for" and closing the vote.

A mixin of the screen, as :class:`~.draft.DraftForm` is: it needs
``meeting``, ``motion``, ``data``, ``_member``, ``_say``, ``_update_minutes``
and ``_after_close`` from the screen.
"""

from __future__ import annotations

from textual.widgets import OptionList, Static

from ....domain.model import MotionState, Presence, VoteChoice
from ....domain.text import plural
from ....domain.voting import VotingError, cast_remaining, cast_vote, close_vote, disposition, tally
from ...widgets.dialogs import ConfirmDialog
from ...widgets.tally import TallyView
from . import text as words
from .votes import VoteList


class VotePanel:
    """The vote panel's filling-in and its keys (the voting stage)."""

    # -- the vote panel ------------------------------------------------------------

    def _fill_votes(self) -> None:
        remote = [a.member_id for a in self.meeting.attendance if a.presence is Presence.REMOTE]
        self.query_one("#vote-list", VoteList).show(self.motion, self.data.names, remote)
        self._show_vote_hint()
        self._show_vote_detail()

    def _show_vote_hint(self) -> None:
        vote_list = self.query_one("#vote-list", VoteList)
        option = vote_list.highlighted_option
        electronic = vote_list.electronic_for(option.id if option is not None else None)
        self.query_one("#vote-hint", Static).update(words.vote_hint(self.motion, vote_list.electronic_next, electronic))
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
            self._show_vote_hint()

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
            vote = cast_vote(
                self.motion, event.member_id, event.choice,
                electronic=event.electronic, now=self.app.now(), meeting=self.meeting,
            )
        except VotingError as exc:
            self._say(str(exc), error=True)
            return
        electronic = " (electronic)" if vote.electronic else ""
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
        names = sorted((self._member(m) for m in remaining), key=str.casefold)

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                done = cast_remaining(self.motion, VoteChoice.FOR, self.app.now(), meeting=self.meeting)
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
