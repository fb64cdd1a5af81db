"""What the command line and the app call to export and circulate minutes.

Every function takes a :class:`~dhtc_tui.record.MeetingRecord` (domain
objects: the store is read by the caller) and raises :class:`MinutesError`
with a message for the chair. Every text passes the export gate
(:class:`~dhtc_tui.domain.disclosure.Gate`) on its way into a file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import email.policy
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from ..domain.disclosure import DisclosureRefused, Gate
from ..domain.model import DEFAULT_MEETING_MINUTES as DEFAULT_MINUTES, Meeting, MinutesStatus, Settings
from ..domain.text import long_date
from .circulation import build_email, build_invitation, email_draft, invitation_draft, members_without_email
from .document import render, to_bytes
from .wording import MinutesReport, minutes_layout
from .errors import MinutesError, UsageError
from .files import atomic_write, check_target, make_folder, write_all

if TYPE_CHECKING:
    from ..record import MeetingRecord


@dataclass
class CirculationReport:
    minutes: MinutesReport
    #: Every file written, in order: the .docx, the .eml, the .ics (if any).
    paths: list[Path] = field(default_factory=list)
    email_path: Path | None = None
    invitation_path: Path | None = None
    recipients: int = 0
    warnings: list[str] = field(default_factory=list)
    #: Files that existed and were kept as they are (``keep=True``).
    kept: list[Path] = field(default_factory=list)


# --------------------------------------------------------------------------
# File names


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return slug or "Coalition"


def default_filename(meeting: Meeting, settings: Settings, suffix: str = ".docx", tag: str | None = None) -> str:
    """``DHTC-minutes-2026-09-17-DRAFT.docx`` (``FINAL`` once approved).
    ``tag`` (:attr:`MeetingRecord.tag`) replaces the date when the date has
    two meetings, so each meeting has its own file."""
    state = "FINAL" if meeting.minutes_status is MinutesStatus.APPROVED else "DRAFT"
    return f"{_slug(settings.short_name)}-minutes-{tag or meeting.date.isoformat()}-{state}{suffix}"


def record_filename(record: MeetingRecord, suffix: str = ".docx") -> str:
    """The one file name every command and the app use for a meeting's minutes."""
    return default_filename(record.meeting, record.settings, suffix, record.tag)


def invitation_filename(meeting: Meeting, settings: Settings) -> str:
    on = meeting.next_meeting.on
    day = on.isoformat() if on else "undated"
    return f"{_slug(settings.short_name)}-meeting-{day}.ics"


def _resolve_out(out: Path | None, default_name: str) -> Path:
    if out is None:
        return Path.cwd() / default_name
    text = str(out)
    out = Path(out).expanduser()
    if out.is_dir():
        return out / default_name
    if text.endswith(("/", "\\")):
        raise UsageError(
            f"The folder {text} does not exist: create it first, or give a file name ending in .docx."
        )
    if out.suffix.lower() != ".docx":
        raise UsageError(f"{out} is not a folder, and a minutes file name must end in .docx.")
    make_folder(out.parent)
    return out


def _gate(record: MeetingRecord) -> Gate:
    return Gate(record.meeting, record.members, record.settings, record.actions)


def minutes_bytes(record: MeetingRecord, gate: Gate | None = None, now: datetime | None = None) -> tuple[bytes, MinutesReport]:
    """The .docx bytes and the report; nothing is written. Raises
    MinutesError (refused by the export gate, or a template problem)."""
    gate = gate or _gate(record)
    try:
        layout, report = minutes_layout(gate, record.previous, approval=record.approval, evotes=record.evotes)
    except DisclosureRefused as exc:
        raise MinutesError(str(exc)) from None
    return to_bytes(render(layout, now=now)), report


# --------------------------------------------------------------------------
# Export and circulate


def export(record: MeetingRecord, out: Path | None, force: bool) -> MinutesReport:
    """Write one meeting's minutes. ``out``: a folder or a .docx path
    (default: the current folder, with :func:`default_filename`)."""
    target = _resolve_out(out, record_filename(record))
    check_target(target, force)
    payload, report = minutes_bytes(record)
    atomic_write(target, payload)
    report.path = target
    return report


def circulate(
    record: MeetingRecord, out_dir: Path | None, force: bool, keep: bool = False, *, today: date | None = None
) -> CirculationReport:
    """Write the minutes (.docx), an e-mail draft with them attached (.eml)
    and, when the next meeting has a date, its invitation (.ics).

    Everything is built in memory first and every existing file checked
    before anything is written; if a write fails, the files this call
    already wrote are removed again. No invitation is written for a next
    meeting whose date is before ``today`` (the clock's date by default).

    ``keep``: files that already exist are kept as they are (the e-mail
    attaches the kept minutes) and the rest is written; they are listed in
    :attr:`CirculationReport.kept`."""
    meeting, members, settings = record.meeting, record.members, record.settings
    folder = Path(out_dir).expanduser() if out_dir is not None else Path.cwd()
    if folder.exists() and not folder.is_dir():
        raise MinutesError(f"{folder} is a file, not a folder.")
    make_folder(folder)
    docx_path = folder / record_filename(record)
    eml_path = docx_path.with_suffix(".eml")
    ics_path = folder / invitation_filename(meeting, settings)
    today = today or date.today()
    upcoming = meeting.next_meeting.on
    has_date = upcoming is not None and upcoming >= today
    targets = [docx_path, eml_path] + ([ics_path] if has_date else [])
    kept = [target for target in targets if keep and target.is_file()]
    for target in targets:
        if target not in kept:
            check_target(target, force)

    gate = _gate(record)
    docx_bytes, minutes = minutes_bytes(record, gate)
    if docx_path in kept:
        try:
            docx_bytes = docx_path.read_bytes()
        except OSError as exc:
            raise MinutesError(f"Cannot read the kept minutes {docx_path}: {exc.strerror}.") from None
    draft = email_draft(gate, docx_path.name)
    message = build_email(draft, docx_bytes)
    eml_bytes = message.as_bytes(policy=email.policy.default.clone(linesep="\r\n"))
    payloads: list[tuple[Path, bytes]] = [(docx_path, docx_bytes), (eml_path, eml_bytes)]
    warnings = list(minutes.warnings)
    if has_date:
        length = timedelta(minutes=settings.meeting_minutes or DEFAULT_MINUTES)
        payloads.append((ics_path, build_invitation(invitation_draft(gate), duration=length).to_ical()))
    elif upcoming is not None:
        warnings.append(
            f"The next meeting ({long_date(upcoming)}) has already taken place, "
            "so no invitation (.ics) was written."
        )
    else:
        warnings.append("The next meeting has no date yet, so no invitation (.ics) was written.")
    if gate.left_out:
        warnings.append(left_out_note(gate.left_out))
    if gate.replaced:
        warnings.append(f"{gate.replaced} control character(s) were removed from the texts.")
    if minutes.incomplete:
        warnings.append("The meeting is still in progress; the minutes are marked incomplete.")
    missing = members_without_email(members)
    if missing:
        warnings.append(
            f"{len(missing)} active member(s) have no e-mail address and are not on the e-mail: "
            + "; ".join(missing)
            + "."
        )
    if not draft.to:
        warnings.append(
            "No chair e-mail address is set (Settings): members are in Bcc and the To line is empty."
        )
    if not draft.sender:
        warnings.append("The chair agency has no e-mail address: fill in the sender before sending.")

    from ..paperwork.reminders import paper_copy_payload  # members without e-mail get paper

    payloads += paper_copy_payload(record, folder, force)
    payloads = [(path, payload) for path, payload in payloads if path not in kept]
    written = write_all(payloads, force)
    minutes.path = docx_path
    return CirculationReport(
        minutes=minutes,
        paths=written,
        email_path=eml_path,
        invitation_path=ics_path if has_date else None,
        recipients=len(draft.bcc),
        warnings=warnings,
        kept=kept,
    )


def left_out_note(count: int) -> str:
    """The one sentence every exporter shows for sentences left out."""
    return (
        f"{count} unreviewed possible identifying detail(s) were left out of the minutes "
        "(each with its sentence). `dhtc-tui check` lists them; review or edit them in the app."
    )
