"""Reading and writing the notes file (``.dhtc``), crash-safe like the store.

The rules of the file live in :mod:`dhtc_tui.domain.seat`; this module only
turns bytes into a bundle and back, with one-line messages for bad files.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from ..domain import seat as rules
from ..domain.disclosure import DisclosureRefused, require_cleared
from ..store.codec import clean_doc
from ..store.storage import FILE_MODE, TEMP_SUFFIX, atomic_write_bytes

MEDIA_TYPE = ("application", "json")


class SeatFileError(Exception):
    """A notes file that cannot be read or written; one line for a person."""


def remove_own_temp_files(path: Path) -> None:
    """Temp files a killed seat left beside this file (they hold notes).
    Only this file's own: the folder may be Downloads, shared with others."""
    for stale in Path(path).parent.glob(f".{Path(path).name}.*{TEMP_SUFFIX}"):
        try:
            stale.unlink()
        except OSError:
            pass


def to_bytes(bundle: rules.SeatBundle) -> bytes:
    return json.dumps(rules.to_json(bundle), ensure_ascii=False, indent=1).encode()


def read_bundle(path: Path) -> rules.SeatBundle:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SeatFileError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise SeatFileError(f"{path} is a folder, not a notes file.") from None
    except OSError as exc:
        raise SeatFileError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    try:
        data = clean_doc(json.loads(raw))  # from another laptop: no control codes get in
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise SeatFileError(f"{path} is damaged (not valid JSON); nothing was changed.") from None
    try:
        return rules.from_json(data)
    except rules.BundleError as exc:
        raise SeatFileError(f"{path} cannot be used: {exc}; nothing was changed.") from None


def write_bundle(path: Path, bundle: rules.SeatBundle) -> None:
    """Atomic replace + fsync (the store's own writer), owner-only."""
    try:
        atomic_write_bytes(Path(path), to_bytes(bundle))
        os.chmod(path, FILE_MODE)
    except OSError as exc:
        raise SeatFileError(f"Cannot write {path} ({exc.strerror or exc}).") from None


_ADDRESS = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[A-Za-z]{2,}$")


def email_draft(draft: rules.Outgoing, to: str = "") -> bytes:
    """An unsent e-mail (.eml) to the chair with the cleared copy of the
    notes file attached. Refuses any text that did not pass the export gate.
    The file holds no addresses, so the minute taker fills in ``To`` here or
    in the mail program."""
    if not isinstance(draft, rules.Outgoing):
        raise TypeError("email_draft() takes the seat's Outgoing from domain.seat.outgoing()")
    message = EmailMessage()
    message["Subject"] = require_cleared(draft.subject, "the e-mail subject")
    message["To"] = to
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"
    message.set_content(require_cleared(draft.body, "the e-mail body"))
    name = require_cleared(draft.attachment_name, "the attachment's name")
    message.add_attachment(to_bytes(draft.bundle), maintype=MEDIA_TYPE[0], subtype=MEDIA_TYPE[1], filename=name)
    return bytes(message)


def write_email_draft(path: Path, bundle: rules.SeatBundle, to: str = "") -> Path:
    """``<file>.eml`` beside the notes file, carrying the copy the export
    gate clears (the working file keeps everything typed); SeatFileError
    while the case examples hold unreviewed identifying details."""
    to = to.strip()
    if to and not _ADDRESS.match(to):
        shown = " ".join(to.split())
        raise SeatFileError(f"\u201c{shown}\u201d is not an e-mail address: type one like chair@example.org, or none.")
    path = Path(path)
    try:
        draft = rules.outgoing(bundle, path.name)
    except rules.SeatBlocked as blocked:
        waiting = blocked.findings
        listed = ", ".join(f"\u201c{f.text}\u201d" for f in waiting[:3]) + ("\u2026" if len(waiting) > 3 else "")
        raise SeatFileError(
            f"{len(waiting)} identifying detail(s) in the case examples are not reviewed ({listed}): "
            "review them or edit them away first."
        ) from None
    except DisclosureRefused as exc:
        raise SeatFileError(str(exc)) from None
    target = path.with_suffix(".eml")
    payload = email_draft(draft, to)
    try:
        atomic_write_bytes(target, payload)
    except OSError as exc:
        raise SeatFileError(f"Cannot write {target} ({exc.strerror or exc}).") from None
    return target


def stamp(bundle: rules.SeatBundle, now: datetime) -> rules.SeatBundle:
    bundle.saved_at = now
    return bundle
