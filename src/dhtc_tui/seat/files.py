"""Reading and writing the notes file (``.dhtc``), crash-safe like the store.

The rules of the file live in :mod:`dhtc_tui.domain.seat`; this module only
turns bytes into a bundle and back, with one-line messages for bad files.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from ..domain import seat as rules
from ..domain.text import long_date
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


def email_draft(bundle: rules.SeatBundle, attachment: bytes, filename: str, to: str = "") -> bytes:
    """An unsent e-mail (.eml) to the chair with the notes file attached.
    The file holds no addresses, so the minute taker fills in ``To`` here or
    in the mail program."""
    message = EmailMessage()
    message["Subject"] = f"{bundle.short_name} minute taker's notes, meeting of {long_date(bundle.date)}"
    message["To"] = to.strip()
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"
    message.set_content(
        "Hello,\n\n"
        f"Attached are my notes from the {bundle.coalition} meeting of {long_date(bundle.date)} "
        f"({filename}). Import them with:\n\n    dhtc-tui seat import {filename}\n\n"
        "or F12 in the meeting console. They are confidential to Coalition members.\n"
    )
    message.add_attachment(attachment, maintype=MEDIA_TYPE[0], subtype=MEDIA_TYPE[1], filename=filename)
    return bytes(message)


def write_email_draft(path: Path, bundle: rules.SeatBundle, to: str = "") -> Path:
    """``<file>.eml`` beside the notes file, or SeatFileError when the export
    check finds unreviewed identifying details in the case examples."""
    waiting = rules.unreviewed_case_findings(bundle)
    if waiting:
        listed = ", ".join(f"\u201c{f.text}\u201d" for f in waiting[:3]) + ("\u2026" if len(waiting) > 3 else "")
        raise SeatFileError(
            f"{len(waiting)} identifying detail(s) in the case examples are not reviewed ({listed}): "
            "review them or edit them away first."
        )
    path = Path(path)
    target = path.with_suffix(".eml")
    payload = email_draft(bundle, to_bytes(bundle), path.name, to)
    try:
        atomic_write_bytes(target, payload)
    except OSError as exc:
        raise SeatFileError(f"Cannot write {target} ({exc.strerror or exc}).") from None
    return target


def stamp(bundle: rules.SeatBundle, now: datetime) -> rules.SeatBundle:
    bundle.saved_at = now
    return bundle
