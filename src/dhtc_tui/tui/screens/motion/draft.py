"""The draft form of a motion: wording, kind, mover and seconder, and what
the kind needs (the member to remove, the application, the motion amended).

A mixin of :class:`~.screen.MotionScreen`: the form is shown while the motion
is a draft, and the screen's Ctrl+S hands :meth:`DraftForm._draft_motion` to
the domain (``voting.open_motion``), which checks it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from ...widgets.text import escape
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from ....domain.model import AgendaKind, ApplicationStatus, Motion, MotionKind
from ....domain.text import long_date
from ....domain.voting import electorate, motion_wording
from ...widgets.dialogs import field
from ...widgets.text import cut as _cut, plain
from .text import NOBODY_ELIGIBLE, OPEN as _OPEN, label as _label


def _value(select: Select):
    return None if select.value is Select.NULL else select.value


class DraftForm:
    """The form's widgets and reading them back; needs ``meeting``, ``data``,
    ``item_id``, ``amends`` and ``_update_minutes`` from the screen."""

    _voter_options: list[tuple[str, str]] | None = None

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

