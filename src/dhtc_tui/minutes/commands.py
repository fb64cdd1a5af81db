"""What the command line and the app call to export and circulate minutes.

Every function works on an open :class:`~dhtc_tui.store.repository.Store`
and raises :class:`MinutesError` with a message for the chair.
"""

from __future__ import annotations

import email.policy
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain.model import Meeting, MeetingStatus, MinutesStatus, Settings
from ..domain.text import long_date
from ..store.errors import StoreError
from ..store.repository import MeetingRef, Store
from .circulation import build_email, build_invitation, members_without_email, recipients
from .document import MinutesReport, build_minutes, to_bytes
from .errors import MinutesError
from .files import atomic_write, check_target

_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


@dataclass
class CirculationReport:
    minutes: MinutesReport
    #: Every file written, in order: the .docx, the .eml, the .ics (if any).
    paths: list[Path] = field(default_factory=list)
    email_path: Path | None = None
    invitation_path: Path | None = None
    recipients: int = 0
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------
# Choosing the meeting


def _refs(store: Store) -> list[MeetingRef]:
    try:
        return store.meetings()
    except StoreError as exc:
        raise MinutesError(str(exc)) from None


def _load(store: Store, ref: MeetingRef) -> Meeting:
    try:
        return store.load_meeting(ref.id)
    except StoreError as exc:
        raise MinutesError(str(exc)) from None


def _started(ref: MeetingRef) -> bool:
    return ref.status in (MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED)


def select_ref(store: Store, selector: str | None) -> MeetingRef:
    refs = _refs(store)
    if not refs:
        raise MinutesError("There are no meetings yet: start one in the app first.")
    wanted = (selector or "").strip()
    if not wanted or wanted.lower() == "latest":
        started = [r for r in refs if _started(r)]
        if not started:
            raise MinutesError(
                "No meeting has started yet. Choose one by date (YYYY-MM-DD) to export its agenda."
            )
        return started[-1]
    if _ISO_DATE.match(wanted):
        try:
            day = date.fromisoformat("-".join(p.zfill(2) for p in wanted.split("-")))
        except ValueError:
            raise MinutesError(f"{wanted} is not a valid date: use YYYY-MM-DD, e.g. 2026-09-17.") from None
        same = [r for r in refs if r.date == day]
        if not same:
            known = ", ".join(r.date.isoformat() for r in refs[-5:])
            raise MinutesError(f"There is no meeting on {long_date(day)}. Recent meetings: {known}.")
        started = [r for r in same if _started(r)]
        return (started or same)[-1]
    by_id = [r for r in refs if r.id == wanted]
    if by_id:
        return by_id[0]
    if re.match(r"^\d{4}-", wanted) or re.match(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$", wanted):
        raise MinutesError(f"{wanted} is not a valid date: use YYYY-MM-DD, e.g. 2026-09-17.")
    known = ", ".join(r.date.isoformat() for r in refs[-5:])
    raise MinutesError(
        f"No meeting \u201c{wanted}\u201d: give latest, a date (YYYY-MM-DD) or a meeting id. "
        f"Recent meetings: {known}."
    )


def select_meeting(store: Store, selector: str | None) -> Meeting:
    """``None`` or "latest": the newest meeting (by date) that has started or
    closed; a date ``YYYY-MM-DD``; or a meeting id."""
    return _load(store, select_ref(store, selector))


def previous_meeting(store: Store, meeting: Meeting) -> Meeting | None:
    """The meeting whose minutes this one approved: the one it names, else
    the one before it by date."""
    refs = _refs(store)
    named = meeting.previous_minutes.meeting_id
    if named:
        for ref in refs:
            if ref.id == named:
                return _load(store, ref)
    earlier = [r for r in refs if r.id != meeting.id and (r.date, r.id) < (meeting.date, meeting.id)]
    return _load(store, earlier[-1]) if earlier else None


# --------------------------------------------------------------------------
# File names


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return slug or "Coalition"


def default_filename(meeting: Meeting, settings: Settings, suffix: str = ".docx") -> str:
    """``DHTC-minutes-2026-09-17-DRAFT.docx`` (``FINAL`` once approved)."""
    state = "FINAL" if meeting.minutes_status is MinutesStatus.APPROVED else "DRAFT"
    return f"{_slug(settings.short_name)}-minutes-{meeting.date.isoformat()}-{state}{suffix}"


def invitation_filename(meeting: Meeting, settings: Settings) -> str:
    on = meeting.next_meeting.on
    day = on.isoformat() if on else "undated"
    return f"{_slug(settings.short_name)}-meeting-{day}.ics"


def _resolve_out(out: Path | None, default_name: str) -> Path:
    if out is None:
        return Path.cwd() / default_name
    out = Path(out).expanduser()
    if out.is_dir() or str(out).endswith(("/", "\\")):
        if not out.is_dir():
            raise MinutesError(f"The folder {out} does not exist.")
        return out / default_name
    if out.suffix.lower() != ".docx":
        raise MinutesError(f"{out} is not a folder, and a minutes file name must end in .docx.")
    return out


def _context(store: Store, meeting: Meeting):
    try:
        return store.members(), store.settings(), store.action_items()
    except StoreError as exc:
        raise MinutesError(str(exc)) from None


# --------------------------------------------------------------------------
# Export and circulate


def export(store: Store, selector: str | None, out: Path | None, force: bool) -> MinutesReport:
    """Write one meeting's minutes. ``out``: a folder or a .docx path
    (default: the current folder, with :func:`default_filename`)."""
    meeting = select_meeting(store, selector)
    members, settings, actions = _context(store, meeting)
    target = _resolve_out(out, default_filename(meeting, settings))
    check_target(target, force)
    document, report = build_minutes(
        meeting,
        members=members,
        settings=settings,
        actions=actions,
        previous=previous_meeting(store, meeting),
    )
    atomic_write(target, to_bytes(document))
    report.path = target
    return report


def circulate(store: Store, selector: str | None, out_dir: Path | None, force: bool) -> CirculationReport:
    """Write the minutes (.docx), an e-mail draft with them attached (.eml)
    and, when the next meeting has a date, its invitation (.ics).

    Everything is built in memory first and every existing file checked
    before anything is written; if a write fails, the files this call
    already wrote are removed again."""
    meeting = select_meeting(store, selector)
    members, settings, actions = _context(store, meeting)
    folder = Path(out_dir).expanduser() if out_dir is not None else Path.cwd()
    if not folder.is_dir():
        raise MinutesError(f"The folder {folder} does not exist.")
    docx_path = folder / default_filename(meeting, settings)
    eml_path = docx_path.with_suffix(".eml")
    ics_path = folder / invitation_filename(meeting, settings)
    has_date = meeting.next_meeting.on is not None
    targets = [docx_path, eml_path] + ([ics_path] if has_date else [])
    for target in targets:
        check_target(target, force)

    document, minutes = build_minutes(
        meeting,
        members=members,
        settings=settings,
        actions=actions,
        previous=previous_meeting(store, meeting),
    )
    docx_bytes = to_bytes(document)
    message = build_email(meeting, docx_path, members=members, settings=settings, data=docx_bytes)
    eml_bytes = message.as_bytes(policy=email.policy.default.clone(linesep="\r\n"))
    payloads: list[tuple[Path, bytes]] = [(docx_path, docx_bytes), (eml_path, eml_bytes)]
    warnings = list(minutes.warnings)
    if has_date:
        payloads.append((ics_path, build_invitation(meeting, settings).to_ical()))
    else:
        warnings.append("The next meeting has no date yet, so no invitation (.ics) was written.")
    if minutes.findings_left_out:
        warnings.append(
            f"{minutes.findings_left_out} unreviewed identifying detail(s) in the case examples were "
            "left out of the minutes. Review them in the meeting's case examples item."
        )
    if minutes.incomplete:
        warnings.append("The meeting is still in progress; the minutes are marked incomplete.")
    to = recipients(members)
    missing = members_without_email(members)
    if missing:
        warnings.append(
            f"{len(missing)} active member(s) have no e-mail address and are not on the e-mail: "
            + "; ".join(missing)
            + "."
        )
    if "From" not in message:
        warnings.append("The chair agency has no e-mail address: fill in the sender before sending.")

    existed = {path: path.exists() for path, _ in payloads}
    written: list[Path] = []
    try:
        for path, payload in payloads:
            atomic_write(path, payload)
            written.append(path)
    except BaseException:
        for path in written:
            if not existed[path]:
                try:
                    path.unlink()
                except OSError:
                    pass
        raise
    minutes.path = docx_path
    return CirculationReport(
        minutes=minutes,
        paths=written,
        email_path=eml_path,
        invitation_path=ics_path if has_date else None,
        recipients=len(to),
        warnings=warnings,
    )
