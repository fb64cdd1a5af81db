"""Circulating minutes: an e-mail draft (.eml) and the next meeting's
invitation (.ics).

Terms of Reference, Reporting Responsibilities: "Minutes will be circulated
via e-mail to members following each meeting and approved (or adjusted)
based on consensus of the Coalition."

The e-mail is a *draft*: it carries ``X-Unsent: 1`` so Outlook, Thunderbird
and Apple Mail open it ready to review and send; nothing is sent from here.
Its wording comes from ``templates/circulation-email.txt`` (first line
``Subject: …``), with these placeholders: ``{coalition}``, ``{short_name}``,
``{meeting_date}``, ``{next_meeting_sentence}``, ``{next_meeting_date}``,
``{chair}``, ``{chair_agency}``, ``{chair_person}``, ``{status}``,
``{attachment}``. An unknown placeholder is left as typed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..domain.validation import usable_addresses
from ..domain.disclosure import Cleared, Gate, require_cleared
from ..domain.model import Meeting, Member, MinutesStatus, Settings
from ..domain.text import clock, long_date
from ..paths import TemplateError, read_template_text
from .errors import MinutesError

if TYPE_CHECKING:
    import icalendar

EMAIL_TEMPLATE = "circulation-email.txt"
DOCX_MIME = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
TIMEZONE = "America/Toronto"
DEFAULT_DURATION = timedelta(hours=2)
PRODID = "-//Durham Human Trafficking Coalition//dhtc-tui//EN"

_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[A-Za-z]{2,}$")


class _Keep(dict):
    """format_map mapping that leaves unknown placeholders as typed."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _clean(text: str) -> str:
    return " ".join(text.split())


def _by_id(members: Iterable[Member]) -> dict[str, Member]:
    return {m.id: m for m in members}


def chair_member(meeting: Meeting, members: Iterable[Member], settings: Settings) -> Member | None:
    chair_id = meeting.chair_member_id or settings.chair_member_id
    return _by_id(members).get(chair_id) if chair_id else None


def recipients(members: Iterable[Member]) -> list[str]:
    """Every active member's contact e-mail, blanks skipped, each address once
    (case-insensitively), in roster order. A field may hold several
    addresses separated by commas or semicolons."""
    seen: set[str] = set()
    found: list[str] = []
    for member in members:
        if not member.is_active:
            continue
        for address in usable_addresses(member.email):
            key = address.casefold()
            if key not in seen:
                seen.add(key)
                found.append(address)
    return found


def members_without_email(members: Iterable[Member]) -> list[str]:
    return [
        m.name
        for m in members
        if m.is_active and not usable_addresses(m.email)
    ]


def _next_meeting_sentence(gate: Gate) -> str:
    nxt = gate.meeting.next_meeting
    if nxt.on is None:
        return ""
    text = f" on {long_date(nxt.on)}"
    if nxt.start_time is not None:
        text += f" at {clock(nxt.start_time)}"
    location = _clean(gate.text(nxt, "location"))
    if location:
        text += f" ({location})"
    return text


def email_fields(gate: Gate, attachment: str = "") -> dict[str, str]:
    meeting, members, settings = gate.meeting, gate.members, gate.settings
    coalition = _clean(settings.name) or "Durham Human Trafficking Coalition"
    chair = chair_member(meeting, members, settings)
    agency = chair.name if chair else ""
    person = _clean(gate.text(meeting, "chair_person")) or (chair.representative if chair else "")
    signer = ", ".join(x for x in (person, agency) if x) or "The Chair"
    approved = meeting.minutes_status is MinutesStatus.APPROVED
    return {
        "coalition": coalition,
        "short_name": _clean(settings.short_name) or coalition,
        "meeting_date": long_date(meeting.date),
        "next_meeting_sentence": _next_meeting_sentence(gate),
        "next_meeting_date": long_date(meeting.next_meeting.on) if meeting.next_meeting.on else "to be confirmed",
        "chair": signer,
        "chair_agency": agency or "The Chair",
        "chair_person": person,
        "status": "approved" if approved else "draft",
        "attachment": attachment,
    }


def email_text(fields: dict[str, str]) -> tuple[str, str]:
    """Subject and body from the editable template."""
    try:
        raw = read_template_text(EMAIL_TEMPLATE)
    except TemplateError as exc:
        raise MinutesError(str(exc)) from None
    first, _, body = raw.partition("\n")
    if not first.lower().startswith("subject:"):
        raise MinutesError(
            f"The e-mail template {EMAIL_TEMPLATE} must start with a line \u201cSubject: \u2026\u201d."
        )
    subject = _clean(first.split(":", 1)[1].format_map(_Keep(fields)))
    body = body.strip("\n").format_map(_Keep(fields))
    return subject, body.rstrip() + "\n"


def _address(text: str) -> str:
    address = (text or "").split(",")[0].split(";")[0].strip().strip("<>")
    return address if _EMAIL.match(address) else ""


@dataclass
class EmailDraft:
    """What the circulation e-mail says, every text cleared by the gate.

    Members go in Bcc so no organization sees the others' addresses; the
    chair's own address (Settings, ``chair_email``) is in To."""

    subject: Cleared
    body: Cleared
    attachment_name: Cleared
    to: str = ""
    bcc: list[str] = field(default_factory=list)
    sender: str = ""
    sender_name: Cleared | None = None


def email_draft(gate: Gate, attachment_name: str) -> EmailDraft:
    meeting, members, settings = gate.meeting, gate.members, gate.settings
    name = gate.words(attachment_name)
    subject, body = email_text(email_fields(gate, name))
    chair = chair_member(meeting, members, settings)
    sender = _address(chair.email) if chair else ""
    to = _address(settings.chair_email)
    bcc = [a for a in recipients(members) if a.casefold() != to.casefold()]
    return EmailDraft(
        subject=gate.words(subject),
        body=gate.words(body),
        attachment_name=name,
        to=to,
        bcc=bcc,
        sender=sender,
        sender_name=gate.words(chair.name) if sender and chair else None,
    )


def build_email(draft: EmailDraft, data: bytes, *, now: datetime | None = None) -> EmailMessage:
    """An unsent e-mail draft with the minutes attached. Refuses any text
    that did not come out of the export gate."""
    if not isinstance(draft, EmailDraft):
        raise TypeError("build_email() takes an EmailDraft from email_draft()")
    message = EmailMessage()
    message["Subject"] = require_cleared(draft.subject, "the e-mail subject")
    if draft.sender:
        message["From"] = Address(display_name=require_cleared(draft.sender_name, "the sender"), addr_spec=draft.sender)
    if draft.to:
        message["To"] = draft.to
    if draft.bcc:
        message["Bcc"] = ", ".join(draft.bcc)
    stamp = now or datetime.now(timezone.utc)
    message["Date"] = formatdate(stamp.timestamp(), localtime=False)
    message["X-Unsent"] = "1"
    message.set_content(require_cleared(draft.body, "the e-mail body"))
    message.add_attachment(
        data,
        maintype=DOCX_MIME[0],
        subtype=DOCX_MIME[1],
        filename=require_cleared(draft.attachment_name, "the attachment name"),
    )
    return message


def _zone():
    try:
        return ZoneInfo(TIMEZONE)
    except ZoneInfoNotFoundError:  # no tz database (install tzdata): floating time
        return None


def invitation_uid(meeting: Meeting) -> str:
    """Stable for the meeting, without its internal id."""
    digest = hashlib.sha256(f"dhtc-tui next meeting {meeting.id}".encode()).hexdigest()[:24]
    return f"next-meeting-{digest}@dhtc-tui"


@dataclass
class InvitationDraft:
    uid: str
    on: date
    start_time: time | None
    summary: Cleared
    description: Cleared
    location: Cleared | None = None


def invitation_draft(gate: Gate) -> InvitationDraft:
    """What the next meeting's invitation says. Raises MinutesError when the
    next meeting has no date."""
    meeting, settings = gate.meeting, gate.settings
    nxt = meeting.next_meeting
    if nxt.on is None:
        raise MinutesError(
            f"The meeting of {long_date(meeting.date)} did not set a date for the next meeting, "
            "so there is no invitation to write. Set it in the \u201cScheduling of next meeting\u201d item."
        )
    coalition = _clean(settings.name) or "Durham Human Trafficking Coalition"
    lines = [
        f"Meeting of the {coalition}, as scheduled at the meeting of {long_date(meeting.date)}.",
    ]
    upcoming = [
        x for x in (_clean(gate.text(nxt, "upcoming_items", i)) for i in range(len(nxt.upcoming_items))) if x
    ]
    if upcoming:
        lines.append("")
        lines.append("Recommended agenda items:")
        lines.extend(f"- {item}" for item in upcoming)
    lines.append("")
    lines.append("The agenda and the previous meeting's minutes will be circulated by the Chair.")
    location = _clean(gate.text(nxt, "location"))
    return InvitationDraft(
        uid=invitation_uid(meeting),
        on=nxt.on,
        start_time=nxt.start_time,
        summary=gate.words(f"{coalition} meeting"),
        description=gate.words("\n".join(lines)),
        location=gate.words(location) if location else None,
    )


def build_invitation(
    draft: InvitationDraft,
    *,
    duration: timedelta = DEFAULT_DURATION,
    now: datetime | None = None,
) -> icalendar.Calendar:
    """A calendar invitation for the next meeting. Refuses any text that did
    not come out of the export gate. Without a start time the event is for
    the whole day."""
    if not isinstance(draft, InvitationDraft):
        raise TypeError("build_invitation() takes an InvitationDraft from invitation_draft()")
    import icalendar  # only circulation needs it; export stays quicker

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", draft.uid)
    event.add("dtstamp", (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0))
    event.add("summary", require_cleared(draft.summary, "the invitation summary"))
    if draft.start_time is not None:
        zone = _zone()
        start = datetime.combine(draft.on, draft.start_time, tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", start + duration)
    else:
        event.add("dtstart", draft.on)
        event.add("dtend", draft.on + timedelta(days=1))
    if draft.location is not None:
        event.add("location", require_cleared(draft.location, "the invitation location"))
    event.add("description", require_cleared(draft.description, "the invitation description"))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    if draft.start_time is not None and hasattr(calendar, "add_missing_timezones"):
        try:
            calendar.add_missing_timezones(
                first_date=date(draft.on.year - 1, 1, 1), last_date=date(draft.on.year + 2, 1, 1)
            )
        except Exception:  # a calendar without VTIMEZONE is still valid for most clients
            pass
    return calendar
