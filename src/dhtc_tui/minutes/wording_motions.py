"""Motions in the minutes: each motion's record from the domain (its cleared
copy), amendments under the motion they amend in the order decided, and
motions outside any item.

A mixin of :class:`~.wording._Minutes` (no python-docx here): it needs the
writer ``w``, the gate ``g``, ``meeting``, ``names``, ``report``,
``incomplete``, ``motions_done``, ``_cleared_meeting`` and the shared
methods (``t``, ``name``).
"""

from __future__ import annotations

from dataclasses import replace

from ..domain.disclosure import Gate
from ..domain.model import AgendaItem, Meeting, MeetingStatus, Motion, MotionKind
from ..domain.voting import decision_order, minutes_text, motion_wording, moved_order
from .styles import STYLE_MOTION
from .wording_text import _sentence


class _Motions:
    # -- motions and action items -----------------------------------------

    def label(self, motion: Motion) -> str:
        if motion.kind is MotionKind.AMENDMENT:
            parent = self.meeting.motion(motion.amends_motion_id or "")
            label = f"Amendment {motion.number}" if motion.number else "Amendment"
            if parent is not None and parent.number:
                label += f" (to motion {parent.number})"
            return label
        return f"Motion {motion.number}" if motion.number else "Motion"

    def record_text(self, motion: Motion, **changes) -> str:
        """The domain's record of the motion (its cleared copy), leaving out
        what happened after the adjournment."""
        # The gate has refused the export already if the wording, an
        # exclusion reason or a removal reason holds an unreviewed finding;
        # the cleared copies are what the wording quotes.
        cleared = _cleared_motion(self.g, motion)
        if changes:
            cleared = replace(cleared, **changes)
        closed = self.meeting.status is MeetingStatus.CLOSED
        return minutes_text(
            cleared, self.names, meeting=self.cleared_meeting(), adjourned_on=self.meeting.date if closed else None
        )

    def cleared_meeting(self) -> Meeting:
        """The meeting as the motion wording may quote it: its guests'
        names cleared (the motions are looked up by id only)."""
        if self._cleared_meeting is None:
            guests = [
                replace(g, name=self.t(g, "name"), organization=self.t(g, "organization"), note="")
                for g in self.meeting.guests
            ]
            self._cleared_meeting = replace(self.meeting, guests=guests)
        return self._cleared_meeting

    def motion(self, motion: Motion) -> None:
        label = self.label(motion)
        amendments = self.amendments_of(motion)
        if not amendments:
            self.w.runs([(f"{label}: ", True, False), (self.record_text(motion), None, False)], STYLE_MOTION)
        else:
            # In the order things were decided: the motion as moved, each
            # amendment and its result, then the motion's own result.
            moved = _sentence(motion_wording(self.g.text(motion, "text")) or "That (no wording)")
            movers = ""
            if motion.mover_id and motion.seconder_id:
                movers = f"Moved by {self.name(motion.mover_id)}, seconded by {self.name(motion.seconder_id)}."
            elif motion.mover_id:
                movers = f"Moved by {self.name(motion.mover_id)}."
            self.w.runs([(f"{label}: ", True, False), (f"{moved} {movers}".strip(), None, False)], STYLE_MOTION)
            for amendment in amendments:
                self.w.runs(
                    [(f"{self.label(amendment)}: ", True, False), (self.record_text(amendment), None, False)],
                    STYLE_MOTION,
                )
                self.motions_done.add(amendment.id)
            result = self.record_text(motion, mover_id=None, seconder_id=None)
            self.w.runs([(f"{label}, as decided: ", True, False), (result, None, False)], STYLE_MOTION)
        if not motion.state.is_closed and not self.incomplete:
            self.report.warnings.append(f"{label} is still open ({motion.state}).")

    def amendments_of(self, motion: Motion) -> list[Motion]:
        """Amendments to ``motion`` that were moved, in the order decided."""
        if motion.kind is MotionKind.AMENDMENT:
            return []
        found = [m for m in decision_order(self.meeting) if m.amends_motion_id == motion.id and m.id != motion.id]
        return [m for m in found if m.id not in self.motions_done]

    def motions_for(self, item: AgendaItem) -> None:
        """The item's motions in the order they were moved (amendments under
        the motion they amend)."""
        for motion in moved_order(self.meeting) + [m for m in self.meeting.motions if m.number <= 0]:
            if motion.agenda_item_id != item.id or motion.id in self.motions_done:
                continue
            parent = self.meeting.motion(motion.amends_motion_id or "")
            if parent is not None and parent.agenda_item_id == item.id and parent.id not in self.motions_done:
                continue  # printed with its main motion
            self.motion(motion)
            self.motions_done.add(motion.id)

    def stray_motions(self) -> None:
        rest = [m for m in self.meeting.motions if m.id not in self.motions_done]
        if not rest:
            return
        self.w.heading("Other motions")
        for motion in sorted(rest, key=lambda m: (m.number or 10**6)):
            if motion.id in self.motions_done:
                continue
            self.motion(motion)
            self.motions_done.add(motion.id)


def _cleared_motion(gate: Gate, motion: Motion) -> Motion:
    """A copy of ``motion`` whose texts are the gate's cleared ones."""
    twin = replace(
        motion,
        text=gate.text(motion, "text"),
        amended_text=gate.text(motion, "amended_text"),
        excluded=[replace(e, reason=gate.text(e, "reason")) for e in motion.excluded],
    )
    if motion.removal is not None:
        twin.removal = replace(motion.removal, reasons=gate.text(motion.removal, "reasons"))
    return twin
