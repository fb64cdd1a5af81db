"""What every piece of the chair's paperwork shares with the minutes.

- :func:`paper_gate`: the export gate (:class:`~dhtc_tui.domain.disclosure.Gate`)
  over a meeting, or over an empty one for paperwork that belongs to no
  meeting. Every text still leaves only as ``Cleared``.
- :func:`document`: the minutes' plain model (:class:`~dhtc_tui.minutes.writer.Writer`,
  :class:`~dhtc_tui.minutes.layout.MinutesLayout`) rendered by the minutes'
  renderer on the minutes' template, with its own header line.
- :func:`email_message`: an unsent draft like the circulation e-mail
  (``X-Unsent: 1``, members in Bcc, the chair in To), with attachments.
- :func:`write_all`: every target checked before anything is written; 0600.
"""

from __future__ import annotations

import email.policy
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from ..domain.disclosure import Gate, require_cleared
from ..domain.model import ActionItem, Meeting, Member, Settings
from ..minutes.circulation import chair_member, recipients
from ..minutes.errors import MinutesError
from ..minutes.files import atomic_write, check_target, write_all  # noqa: F401  (paperwork's callers import it from here)
from ..minutes.layout import MinutesLayout, Properties
from ..minutes.styles import DEFAULT_COALITION
from ..minutes.writer import Writer

_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[A-Za-z]{2,}$")
ICS_MIME = ("text", "calendar")


def flat(text: str) -> str:
    return " ".join(str(text or "").split())


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "Coalition"


def address(text: str) -> str:
    """The first valid address of a contact field, or ""."""
    for part in re.split(r"[;,\s]+", text or ""):
        part = part.strip().strip("<>")
        if _EMAIL.match(part):
            return part
    return ""


def paper_gate(
    members: Iterable[Member],
    settings: Settings,
    meeting: Meeting | None = None,
    actions: Iterable[ActionItem] = (),
    *,
    review_actions: Iterable[ActionItem] = (),
    record: Iterable[str] = (),
    on: date | None = None,
) -> Gate:
    """The export gate for one piece of paperwork.

    ``review_actions``: action items whose descriptions the paper quotes
    (the gate sees a meeting's own action items only); they are gated as if
    this meeting reviewed them, on a copy, so the stored meeting is untouched.
    ``record``: texts that are the coalition's own record for this paper
    (the applicant's name on their decision letter, the roster's contacts
    on the roster's hard copy): allowed as record names are.
    """
    actions = list(actions)
    review = list(review_actions)
    base = meeting if meeting is not None else Meeting(date=on or date.today(), id="paperwork")
    if review:
        ids = list(dict.fromkeys([*base.action_updates, *(a.id for a in review)]))
        base = replace(base, action_updates=ids)
        known = {a.id for a in actions}
        actions += [a for a in review if a.id not in known]
    gate = Gate(base, list(members), settings, actions)
    gate.allow.extend(t for t in (flat(x) for x in record) if t)
    return gate


def coalition_name(settings: Settings) -> str:
    return flat(settings.name) or DEFAULT_COALITION


def short_name(settings: Settings) -> str:
    return flat(settings.short_name) or "Coalition"


def document(
    writer: Writer,
    *,
    header: str,
    title: str,
    subject: str,
    category: str,
    now: datetime | None = None,
):
    """The writer's blocks, cleared in one pass, as a python-docx Document
    on the minutes' template (``header`` replaces the minutes' DRAFT line)."""
    from ..minutes.document import render

    gate = writer.gate
    settings = gate.settings
    name = coalition_name(settings)
    chair = chair_member(gate.meeting, gate.members, settings)
    blocks = writer.finish()
    fixed = gate.words_many(
        [
            header,
            name,
            title,
            subject,
            chair.name if chair else name,
            f"{short_name(settings)} {category.lower()}; confidential",
            f"Written by dhtc-tui on {date.today().isoformat()}",
            "Final",
            category,
        ]
    )
    layout = MinutesLayout(blocks, fixed[0], fixed[1], Properties(*fixed[2:]))
    return render(layout, now=now)


def docx_bytes(writer: Writer, **kwargs) -> bytes:
    from ..minutes.document import to_bytes

    return to_bytes(document(writer, **kwargs))


def email_message(
    gate: Gate,
    subject: str,
    body: str,
    attachments: list[tuple[str, bytes, tuple[str, str]]],
    *,
    to: str | None = None,
    bcc: list[str] | None = None,
    now: datetime | None = None,
) -> bytes:
    """An unsent e-mail draft, as bytes for an .eml file. Without ``to`` and
    ``bcc``: the chair in To and every active member in Bcc (as circulation)."""
    settings = gate.settings
    chair = chair_member(gate.meeting, gate.members, settings)
    if to is None:
        to = address(settings.chair_email)
        bcc = [a for a in recipients(gate.members) if a.casefold() != to.casefold()] if bcc is None else bcc
    texts = gate.words_many([subject, body, *(name for name, _, _ in attachments)])
    message = EmailMessage()
    message["Subject"] = require_cleared(texts[0], "the e-mail subject")
    sender = address(chair.email) if chair else ""
    if sender and chair:
        message["From"] = Address(display_name=require_cleared(gate.words(flat(chair.name)), "the sender"), addr_spec=sender)
    if to:
        message["To"] = to
    if bcc:
        message["Bcc"] = ", ".join(bcc)
    stamp = now or datetime.now(timezone.utc)
    message["Date"] = formatdate(stamp.timestamp(), localtime=False)
    message["X-Unsent"] = "1"
    message.set_content(require_cleared(texts[1], "the e-mail body"))
    for name, (_, data, mime) in zip(texts[2:], attachments):
        message.add_attachment(data, maintype=mime[0], subtype=mime[1], filename=require_cleared(name, "an attachment"))
    return message.as_bytes(policy=email.policy.default.clone(linesep="\r\n"))


def out_folder(out_dir: Path | None) -> Path:
    folder = Path(out_dir).expanduser() if out_dir is not None else Path.cwd()
    if not folder.is_dir():
        raise MinutesError(f"The folder {folder} does not exist.")
    return folder


def check_all(paths: Iterable[Path], force: bool) -> None:
    for path in paths:
        check_target(path, force)

