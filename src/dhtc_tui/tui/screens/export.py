"""Export minutes from the app: flush, write the .docx off the UI thread, report."""

from __future__ import annotations

import copy
import os
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...domain.model import AgendaItem, AgendaKind, Meeting
from ..widgets.dialogs import ConfirmDialog

EXPORT_DIR_ENV = "DHTC_EXPORT_DIR"


def export_dir() -> Path:
    """Where the app writes minutes: $DHTC_EXPORT_DIR, else the folder it was started in."""
    return Path(os.environ.get(EXPORT_DIR_ENV) or Path.cwd())


def app_record(app, meeting: Meeting):
    """What the exporters need, copied from the app's memory on the UI
    thread (the worker never touches the store)."""
    from ...record import MeetingRecord, file_tag, find_approval

    from ...domain.sequence import previous_meeting

    data = app.coalition
    ref = previous_meeting(data.refs, meeting.date, meeting.id, meeting.previous_minutes.meeting_id)
    try:
        previous = data.meeting(app.store, ref.id) if ref else None
    except Exception:  # an unreadable older meeting only costs its date in the minutes
        previous = None
    same_day = []
    for other in data.refs:
        if other.date == meeting.date and other.id != meeting.id:
            try:
                same_day.append(data.meeting(app.store, other.id))
            except Exception:  # unreadable: it still claims a sequence number
                same_day.append(Meeting(date=other.date, id=other.id))
    tag = file_tag(meeting, same_day + [meeting])
    try:  # the later meeting that approved these minutes, for how and its corrections
        approval = find_approval(meeting, data.refs, lambda r: data.meeting(app.store, r.id))
    except Exception:
        approval = None
    try:  # decisions between meetings, for business arising and the approval of minutes
        evotes = app.store.evotes()
    except Exception:
        evotes = []
    return copy.deepcopy(MeetingRecord(meeting, data.members, data.settings, data.actions, previous, approval=approval, tag=tag, evotes=evotes))


def pending_findings(app, meeting: Meeting) -> list:
    """Unreviewed possible identifying details, as `dhtc-tui check` lists them."""
    from ...domain.disclosure import unreviewed_findings

    data = app.coalition
    return unreviewed_findings(meeting, data.members, data.settings, data.actions)


def pending_count(app, meeting: Meeting) -> int:
    """Unreviewed possible identifying details: the count the close summary,
    export and circulate show (the same as `dhtc-tui check`)."""
    return len(pending_findings(app, meeting))


#: Which agenda item's panel edits the fields under each top-level name.
_ITEM_OF_FIELD = {
    "minute_taker": AgendaKind.MINUTE_TAKER,
    "land_acknowledgement_by": AgendaKind.LAND_ACKNOWLEDGEMENT,
    "attendance": AgendaKind.ATTENDANCE,
    "guests": AgendaKind.ATTENDANCE,
    "conflicts": AgendaKind.CONFLICTS,
    "previous_minutes": AgendaKind.PREVIOUS_MINUTES,
    "subcommittee_updates": AgendaKind.SUBCOMMITTEES,
    "other_updates": AgendaKind.SUBCOMMITTEES,
    "member_updates": AgendaKind.MEMBER_UPDATES,
    "case_examples": AgendaKind.CASE_EXAMPLES,
    "next_meeting": AgendaKind.NEXT_MEETING,
    "actions": AgendaKind.BUSINESS_ARISING,
}


def item_for(meeting: Meeting, path: str) -> AgendaItem | None:
    """The agenda item whose panel shows the field at ``path`` (a gate path)."""
    head, _, rest = path.partition("[")
    head = head.split(".", 1)[0]
    ident = rest.partition("]")[0]
    if head == "agenda":
        return next((i for i in meeting.agenda if i.id == ident), None)
    if head == "motions":
        motion = meeting.motion(ident)
        item_id = motion.agenda_item_id if motion else None
        return next((i for i in meeting.agenda if i.id == item_id), None)
    kind = _ITEM_OF_FIELD.get(head)
    return meeting.item_of_kind(kind) if kind is not None else None


def _finding_line(pending) -> Text:
    """Section, field, kind, the words around it: data, never markup."""
    line = Text(f"{pending.text.section} \u00b7 {pending.text.label} \u00b7 ", style="dim")
    line.append(f"{pending.kind}: ", style="bold")
    line.append(pending.context(24))
    return line


class FindingsDialog(ModalScreen):
    """Unreviewed possible identifying details, one per line: Enter jumps to
    the agenda item and selects the detail in its text."""

    DEFAULT_CSS = """
    FindingsDialog { align: center middle; }
    FindingsDialog > Vertical {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    FindingsDialog #findings-list { height: auto; max-height: 14; }
    FindingsDialog .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+e", "proceed", "Go on anyway", show=False),
        Binding("escape", "cancel", "Back", show=False),
    ]

    #: What ``dismiss`` returns when the user goes on without jumping.
    PROCEED = "proceed"

    def __init__(self, pending: list, heading: str, proceed: str | None = None) -> None:
        super().__init__()
        self.pending = pending
        self.heading = heading
        self.proceed = proceed

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading, style="bold"), id="findings-heading")
            yield OptionList(
                *(Option(_finding_line(p), id=str(i)) for i, p in enumerate(self.pending)), id="findings-list"
            )
            keys = "Enter: go to it and select it \u00b7 "
            if self.proceed:
                keys += f"Ctrl+E: {self.proceed} \u00b7 "
            yield Static(keys + "Esc: back", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#findings-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.pending[int(event.option.id)])

    def action_proceed(self) -> None:
        if self.proceed:
            self.dismiss(self.PROCEED)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _heading(count: int) -> str:
    return (
        f"{count} possible identifying detail(s) are not reviewed. In notes and updates the "
        "sentence holding one is left out of the minutes; in a motion, a correction or a "
        "location it stops the export."
    )


def offer_findings(screen, meeting: Meeting, proceed: str | None, go_on=None) -> bool:
    """If the meeting has unreviewed findings, show them (True); Enter on one
    jumps to it, Ctrl+E calls ``go_on``."""
    pending = pending_findings(screen.app, meeting)
    if not pending:
        return False

    def chosen(result) -> None:
        if result == FindingsDialog.PROCEED:
            if go_on is not None:
                go_on()
        elif result is not None:
            jump_to_finding(screen, meeting, result)

    screen.app.push_screen(FindingsDialog(pending, _heading(len(pending)), proceed), chosen)
    return True


def jump_to_finding(screen, meeting: Meeting, pending) -> None:
    """Open the meeting console on the finding's agenda item, its text selected."""
    from .console import ConsoleScreen

    console = screen if isinstance(screen, ConsoleScreen) and screen.meeting is meeting else None
    if console is None:
        console = ConsoleScreen(meeting)
        screen.app.push_screen(console)
    console.jump_to(pending.text.path, pending.finding, f"{pending.text.section}, {pending.text.label}")


def export_latest(screen) -> None:
    data = screen.app.coalition
    ref = data.unfinished_ref() or data.latest_closed_ref()
    if ref is None:
        screen.notify("There is no meeting to export yet.", severity="warning")
        return
    export_meeting(screen, data.meeting(screen.app.store, ref.id))


def export_meeting(screen, meeting: Meeting, force: bool = False, checked: bool = False) -> None:
    """Write the meeting's minutes; asks before replacing an existing file,
    and first offers to go through any unreviewed finding."""
    from ...minutes import commands
    from ...minutes.errors import MinutesError
    from ...paths import TemplateError
    from ...record import RecordError

    app = screen.app
    if not checked and offer_findings(
        screen, meeting, "export anyway", lambda: export_meeting(screen, meeting, force, checked=True)
    ):
        return
    app.flush_saves()
    target_dir = export_dir()
    record = app_record(app, meeting)
    target = target_dir / commands.record_filename(record)
    if target.exists() and not force:
        def answer(yes: bool | None) -> None:
            if yes:
                export_meeting(screen, meeting, force=True, checked=True)
            else:
                app.notify(f"Kept the existing minutes, nothing written:\n{target.name}\nin {target.parent}", timeout=8, markup=False)

        app.push_screen(ConfirmDialog(f"{target.name} exists. Replace it?", yes="Replace", no="Keep"), answer)
        return

    def run() -> None:
        try:
            report = commands.export(record, target, True)
        except (MinutesError, RecordError, TemplateError, OSError) as exc:
            app.call_from_thread(app.notify, f"Export failed: {exc}", severity="error", timeout=10, markup=False)
            return
        message = f"Minutes written:\n{report.path.name}\nin {report.path.parent}"
        if report.incomplete:
            message += "\nMeeting in progress: marked incomplete."
        if report.findings_left_out:
            message += f"\n{commands.left_out_note(report.findings_left_out)}"
        if report.characters_removed:
            message += f"\n{report.characters_removed} control character(s) removed."
        app.call_from_thread(app.notify, message, timeout=10, markup=False)

    app.run_worker(run, thread=True, group="export", exit_on_error=False)


def circulate_meeting(screen, meeting: Meeting, force: bool = False, keep: bool = False, checked: bool = False) -> None:
    """Minutes, an e-mail draft to every active member and the next meeting's invitation."""
    from ...minutes import commands
    from ...minutes.errors import MinutesError
    from ...paths import TemplateError
    from ...record import RecordError

    app = screen.app
    if not checked and offer_findings(
        screen, meeting, "circulate anyway", lambda: circulate_meeting(screen, meeting, force, checked=True)
    ):
        return
    app.flush_saves()
    settings = app.coalition.settings
    record = app_record(app, meeting)
    docx = export_dir() / commands.record_filename(record)
    existing = [
        path
        for path in (docx, docx.with_suffix(".eml"), export_dir() / commands.invitation_filename(meeting, settings))
        if path.exists()
    ]
    if existing and not force and not keep:
        def answer(yes: bool | None) -> None:
            # Keep: the existing files stay as they are and the rest is written.
            circulate_meeting(screen, meeting, force=bool(yes), keep=not yes, checked=True)

        names = ", ".join(path.name for path in existing)
        verb = "exists" if len(existing) == 1 else "exist"
        app.push_screen(ConfirmDialog(f"{names} already {verb}. Replace?", yes="Replace", no="Keep"), answer)
        return

    def run() -> None:
        try:
            report = commands.circulate(record, export_dir(), force, keep=keep)
        except (MinutesError, RecordError, TemplateError, OSError) as exc:
            app.call_from_thread(app.notify, f"Circulation failed: {exc}", severity="error", timeout=10, markup=False)
            return
        lines = [f"Wrote {path.name}" for path in report.paths]
        lines += [f"Kept {path.name}" for path in report.kept]
        lines += [f"in {export_dir()}", "Open the .eml in your mail client to send it."]
        app.call_from_thread(app.notify, "\n".join(lines), timeout=15, markup=False)
        if report.warnings:
            # One toast for every note: at most three are shown at once, and
            # the list of what was written must stay on screen.
            notes = "\n".join(f"\u2022 {warning}" for warning in report.warnings)
            app.call_from_thread(app.notify, notes, severity="warning", timeout=20, markup=False)

    app.run_worker(run, thread=True, group="export", exit_on_error=False)


def circulate_latest(screen) -> None:
    data = screen.app.coalition
    ref = data.latest_closed_ref() or data.unfinished_ref()
    if ref is None:
        screen.notify("There is no meeting to circulate yet.", severity="warning")
        return
    circulate_meeting(screen, data.meeting(screen.app.store, ref.id))
