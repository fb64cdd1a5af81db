"""Export minutes from the app: flush, write the .docx off the UI thread, report."""

from __future__ import annotations

import copy
import os
from pathlib import Path

from ...domain.model import Meeting
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


def pending_count(app, meeting: Meeting) -> int:
    """Unreviewed possible identifying details: the count the close summary,
    export and circulate show (the same as `dhtc-tui check`)."""
    from ...domain.disclosure import unreviewed_findings

    data = app.coalition
    return len(unreviewed_findings(meeting, data.members, data.settings, data.actions))


def export_latest(screen) -> None:
    data = screen.app.coalition
    ref = data.unfinished_ref() or data.latest_closed_ref()
    if ref is None:
        screen.notify("There is no meeting to export yet.", severity="warning")
        return
    export_meeting(screen, data.meeting(screen.app.store, ref.id))


def export_meeting(screen, meeting: Meeting, force: bool = False) -> None:
    """Write the meeting's minutes; asks before replacing an existing file."""
    from ...minutes import commands
    from ...minutes.errors import MinutesError
    from ...paths import TemplateError
    from ...record import RecordError

    app = screen.app
    app.flush_saves()
    target_dir = export_dir()
    record = app_record(app, meeting)
    target = target_dir / commands.record_filename(record)
    if target.exists() and not force:
        def answer(yes: bool | None) -> None:
            if yes:
                export_meeting(screen, meeting, force=True)
            else:
                app.notify(f"Kept the existing minutes, nothing written:\n{target.name}\nin {target.parent}", timeout=8)

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


def circulate_meeting(screen, meeting: Meeting, force: bool = False, keep: bool = False) -> None:
    """Minutes, an e-mail draft to every active member and the next meeting's invitation."""
    from ...minutes import commands
    from ...minutes.errors import MinutesError
    from ...paths import TemplateError
    from ...record import RecordError

    app = screen.app
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
            circulate_meeting(screen, meeting, force=bool(yes), keep=not yes)

        names = ", ".join(path.name for path in existing)
        app.push_screen(ConfirmDialog(f"{names} already exist. Replace?", yes="Replace", no="Keep"), answer)
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
