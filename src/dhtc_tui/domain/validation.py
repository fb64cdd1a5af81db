"""Checks on what people type, each failing with a message a person can act on.

Terms of Reference: "Process of Becoming a Member" (two endorsements for an
organization, a partner agency for a survivor member) and "Membership
Responsibilities" (one staff member per agency unless a reason is recorded;
contact information kept up to date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from .model import ActionItem, Member, MemberKind, MemberStatus
from .text import clean_line, clean_text

CONTACT_STALE_AFTER = timedelta(days=365)

# On top of the standard library's parse: a dot in the domain, no spaces.
# Deliverability is the mail client's business; this catches typos like
# "name@agency" that RFC 5322 allows.
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
PHONE_DIGITS = re.compile(r"\d")


class ValidationError(ValueError):
    """Bad input. ``field`` names the input to show the message beside."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def normalise_name(name: str) -> str:
    """Case- and whitespace-insensitive key for duplicate checks."""
    return clean_name(name).casefold()


def clean_name(name: str) -> str:
    """One line, single spaces, no control characters (an escape sequence in
    a name would reach the terminal every time the roster is drawn)."""
    return " ".join(clean_line(name).split())


def parse_date(text: str, field: str = "date") -> date:
    """A date typed as YYYY-MM-DD; impossible dates are refused by name."""
    text = text.strip()
    if not text:
        raise ValidationError("Enter a date as YYYY-MM-DD.", field)
    if not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        raise ValidationError(f"'{text}' is not a date; use YYYY-MM-DD.", field)
    year, month, day = (int(part) for part in text.split("-"))
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(f"{text} is not a real date.", field) from None


def parse_optional_date(text: str, field: str = "date") -> date | None:
    return parse_date(text, field) if text.strip() else None


def parse_time(text: str, field: str = "time") -> time:
    """A clock time: 9:30, 09:30, 13:05, 9:30 am, 1:05 p.m."""
    cleaned = text.strip().lower().replace(".", "")
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?", cleaned)
    if not match:
        raise ValidationError(f"'{text.strip()}' is not a time; use e.g. 9:30 or 1:15 pm.", field)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = match.group(3)
    if suffix:
        if not 1 <= hour <= 12:
            raise ValidationError(f"'{text.strip()}' is not a time.", field)
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValidationError(f"'{text.strip()}' is not a time.", field)
    return time(hour, minute)


def parse_optional_time(text: str, field: str = "time") -> time | None:
    return parse_time(text, field) if text.strip() else None


def check_email(email: str, field: str = "email") -> str:
    """One address (or nothing), as the standard library parses it.

    Control characters are refused rather than cleaned: a CR or LF in an
    address would start a new header line in the circulated e-mail, and
    silently dropping characters from an address changes where mail goes.
    """
    email = email.strip()
    if not email:
        return ""
    if clean_line(email) != email:
        raise ValidationError(
            "An e-mail address cannot hold line breaks, tabs or control characters.", field
        )
    shown = " ".join(email.split())
    # email's header parser costs a start-up of its own; only an address needs it.
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    try:
        parsed = Address(addr_spec=email)
    except (ValueError, HeaderParseError, IndexError):
        raise ValidationError(f"'{shown}' is not an e-mail address.", field) from None
    if parsed.addr_spec != email or not EMAIL.fullmatch(email):
        raise ValidationError(f"'{shown}' is not an e-mail address.", field)
    return email


def usable_addresses(field_text: str) -> list[str]:
    """The addresses a stored contact field can be sent to: all of them, or
    none when any part fails :func:`check_email` (a field damaged or edited
    by hand, e.g. ``a@x.org\r\nBcc: b@y.org``, must not smuggle a
    recipient in). Several addresses may be separated by commas or
    semicolons."""
    parts = [p.strip().strip("<>").strip() for p in re.split(r"[;,]", field_text or "")]
    parts = [p for p in parts if p]
    try:
        return [check_email(p) for p in parts]
    except ValidationError:
        return []


def check_phone(phone: str, field: str = "phone") -> str:
    phone = clean_name(phone)
    if phone and len(PHONE_DIGITS.findall(phone)) < 7:
        raise ValidationError(f"'{phone}' is too short for a phone number.", field)
    return phone


def split_people(text: str) -> list[str]:
    """Representatives typed as "A; B" or "A, B"."""
    parts = re.split(r"[;,]", text)
    return [clean_name(p) for p in parts if p.strip()]


def validate_member(member: Member, others: list[Member]) -> Member:
    """Check a member before it is saved; returns it with names tidied.

    ``others`` is the rest of the roster (the member itself may be in it).
    """
    name = clean_name(member.name)
    if not name:
        raise ValidationError("A member needs a name.", "name")
    key = normalise_name(name)
    for other in others:
        if other.id != member.id and normalise_name(other.name) == key:
            raise ValidationError(f"'{other.name}' is already on the roster.", "name")
    member.name = name
    member.representatives = [clean_name(r) for r in member.representatives if r.strip()]
    seen: set[str] = set()
    for rep in member.representatives:
        if normalise_name(rep) in seen:
            raise ValidationError(f"{rep} is listed twice as a representative.", "representatives")
        seen.add(normalise_name(rep))
    member.email = check_email(member.email)
    member.phone = check_phone(member.phone)
    member.representation_reason = clean_text(member.representation_reason).strip()
    member.notes = clean_text(member.notes)
    ids = {o.id: o for o in others}
    if member.id in member.endorsed_by:
        raise ValidationError("A member cannot endorse itself.", "endorsed_by")
    if len(set(member.endorsed_by)) != len(member.endorsed_by):
        raise ValidationError("The same member is listed twice as an endorser.", "endorsed_by")
    for endorser in member.endorsed_by:
        if endorser not in ids:
            raise ValidationError("An endorser is not on the roster.", "endorsed_by")
    return member


@dataclass(frozen=True)
class MemberConcern:
    member_id: str
    message: str


def endorsement_concern(member: Member, roster: dict[str, Member]) -> str | None:
    """What is missing from a member's endorsements, if anything."""
    orgs = [
        roster[e]
        for e in member.endorsed_by
        if e in roster and roster[e].kind is MemberKind.ORGANIZATION and roster[e].is_active
    ]
    if member.kind is MemberKind.ORGANIZATION and len(orgs) < 2:
        return f"needs two endorsing member organizations ({len(orgs)} recorded)"
    if member.kind is MemberKind.SURVIVOR and not orgs:
        return "needs an endorsing partner agency"
    return None


def member_concerns(members: list[Member], today: date) -> list[MemberConcern]:
    """What the roster screen flags: stale contacts, unexplained extra reps,
    missing endorsements. Founding members (no joined date) are not asked
    for endorsements they never needed."""
    roster = {m.id: m for m in members}
    concerns = []
    for member in members:
        if member.status is not MemberStatus.ACTIVE:
            continue
        if member.contact_updated is None:
            concerns.append(MemberConcern(member.id, "contact details never confirmed"))
        elif today - member.contact_updated > CONTACT_STALE_AFTER:
            concerns.append(
                MemberConcern(
                    member.id,
                    f"contact details last updated {member.contact_updated.isoformat()}"
                    " (over 12 months)",
                )
            )
        if (
            member.kind is MemberKind.ORGANIZATION
            and len(member.representatives) > 1
            and not member.representation_reason.strip()
        ):
            concerns.append(
                MemberConcern(member.id, f"{len(member.representatives)} representatives, no reason recorded")
            )
        if member.joined is not None:
            missing = endorsement_concern(member, roster)
            if missing:
                concerns.append(MemberConcern(member.id, missing))
    return concerns


def validate_action_item(item: ActionItem, member_ids: set[str]) -> ActionItem:
    description = clean_name(item.description)
    if not description:
        raise ValidationError("Describe the action.", "description")
    item.description = description
    item.owner_name = clean_name(item.owner_name)
    if item.owner_member_id is not None and item.owner_member_id not in member_ids:
        raise ValidationError("The owner is not on the roster.", "owner")
    return item
