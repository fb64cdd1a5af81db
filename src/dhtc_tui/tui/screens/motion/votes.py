"""The vote panel's member list: one row per member in the room.

Eligible members show their vote; members who cannot vote come first, greyed,
with the reason. The list records nothing itself: a vote key posts
:class:`VoteList.Cast` and the screen asks the domain; the screen then calls
:meth:`VoteList.voted` to redraw the row and move on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ....domain.model import Motion, MotionState, VoteChoice
from ...widgets.text import cut
from .text import excluded_row, last_vote, vote_row


class VoteList(OptionList):
    """Every member in the room, with its vote or why it cannot vote."""

    BINDINGS = [
        Binding("f,1", "vote('for')", "For"),
        Binding("a,2", "vote('against')", "Against"),
        Binding("b,3", "vote('abstain')", "Abstain"),
        Binding(
            "e", "electronic", "Electronic next", show=False,
            tooltip="The next vote is cast the other way: electronic, or in person for a remote member",
        ),
    ]

    class Cast(Message):
        """The chair pressed a vote key on a member's row."""

        def __init__(self, member_id: str, choice: VoteChoice, electronic: bool | None) -> None:
            super().__init__()
            self.member_id = member_id
            self.choice = choice
            #: None: as the member attends (remote members vote electronically).
            self.electronic = electronic

    class ElectronicChanged(Message):
        """The "next vote is electronic" flag was switched."""

        def __init__(self, on: bool) -> None:
            super().__init__()
            self.on = on

    #: Vote keys work only while the vote is open.
    voting: reactive[bool] = reactive(False, init=False)
    #: The next vote is cast the other way from the member's attendance
    #: (electronic for a member in the room, in person for a remote one);
    #: it resets after the vote.
    electronic_next: reactive[bool] = reactive(False, init=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.motion: Motion | None = None
        self.names: Mapping[str, str] = {}
        #: Members attending remotely: their votes are electronic by default.
        self.remote: frozenset[str] = frozenset()

    def electronic_for(self, member_id: str | None) -> bool:
        """How the next vote of ``member_id`` will be cast."""
        remote = member_id in self.remote
        return not remote if self.electronic_next else remote

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("vote", "electronic"):
            return self.voting
        return True

    def watch_voting(self) -> None:
        self.refresh_bindings()

    def watch_electronic_next(self, on: bool) -> None:
        self.post_message(self.ElectronicChanged(on))

    # -- rows ------------------------------------------------------------------

    def name_width(self) -> int:
        width = self.app.size.width
        right = 40 if width < 110 else width // 2
        return max(width - right - 14, 16)

    def _row(self, member_id: str):
        return vote_row(last_vote(self.motion, member_id), cut(self.names.get(member_id, member_id), self.name_width()))

    def show(self, motion: Motion, names: Mapping[str, str], remote: Iterable[str] = ()) -> None:
        """Fill the list for ``motion`` and highlight the first member not yet voted."""
        self.motion = motion
        self.names = names
        self.remote = frozenset(remote)
        self.voting = motion.state is MotionState.VOTING
        eligible = sorted(dict.fromkeys(motion.electorate), key=lambda m: names.get(m, m).casefold())
        # Members who cannot vote come first so they are seen when the vote
        # opens (a disabled row is never scrolled to).
        options = [
            Option(excluded_row(names.get(e.member_id, e.member_id), e.reason), id=f"excluded:{e.member_id}", disabled=True)
            for e in motion.excluded
        ]
        offset = len(options)
        options += [Option(self._row(member_id), id=member_id) for member_id in eligible]
        self.set_options(options)
        voted = {v.member_id for v in motion.votes}
        first = next((i for i, m in enumerate(eligible) if m not in voted), 0)
        self.highlighted = offset + first if eligible else None
        if offset:
            def show_excluded() -> None:
                if (self.highlighted or 0) < self.scrollable_content_region.height - 1:
                    self.scroll_home(animate=False, immediate=True)

            self.call_after_refresh(show_excluded)

    def redraw(self, member_ids: Iterable[str] | None = None) -> None:
        """Redraw the rows of ``member_ids`` (every eligible member by default)."""
        if self.motion is None or not self.option_count:
            return
        for member_id in member_ids if member_ids is not None else dict.fromkeys(self.motion.electorate):
            self.replace_option_prompt(member_id, self._row(member_id))

    def voted(self, member_id: str) -> None:
        """A vote was recorded from this list: redraw its row and go to the next."""
        self.redraw([member_id])
        self.electronic_next = False
        self.action_cursor_down()

    def on_resize(self) -> None:
        # Names are cut to the room the list has.
        self.redraw()

    # -- keys --------------------------------------------------------------------

    def action_vote(self, choice: str) -> None:
        option = self.highlighted_option
        if option is None or option.disabled or not option.id:
            return
        # Not flipped: the domain applies the default from the attendance.
        electronic = self.electronic_for(option.id) if self.electronic_next else None
        self.post_message(self.Cast(option.id, VoteChoice(choice), electronic))

    def action_electronic(self) -> None:
        self.electronic_next = not self.electronic_next
