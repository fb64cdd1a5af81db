"""The motion screen, split by what each part does.

- :mod:`.screen`: :class:`MotionScreen`, which follows a motion from draft to
  result and calls the domain for every decision;
- :mod:`.votes`: :class:`VoteList`, the member rows of the vote panel, which
  posts a message for each vote key;
- :mod:`.text`: the wording the screen shows (pure functions);
- :mod:`.vote_panel` and :mod:`.closing`: mixins of the screen for the vote
  panel, and for what follows a result (effects, reopening, removal notices);
- :mod:`.dialogs`: the member picker, the removal notices and the motions list.

The live count is :class:`~dhtc_tui.tui.widgets.tally.TallyView`.
"""

from .dialogs import NEW_MOTION, MemberPicker, MotionsList, OutcomeNoticeForm, RemovalNoticeForm
from .screen import MotionScreen
from .text import CANNOT_VOTE, CHOICE_STYLE, NOBODY_ELIGIBLE, NOT_VOTED
from .votes import VoteList

__all__ = [
    "CANNOT_VOTE",
    "CHOICE_STYLE",
    "NEW_MOTION",
    "NOBODY_ELIGIBLE",
    "NOT_VOTED",
    "MemberPicker",
    "MotionScreen",
    "MotionsList",
    "OutcomeNoticeForm",
    "RemovalNoticeForm",
    "VoteList",
]
