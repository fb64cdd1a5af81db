"""The e-mails of a decision between meetings, and reading the replies.

Drafts are written as ``.eml`` files (``X-Unsent: 1``) for the chair to send
from their own mail program; the app sends nothing. Members are in Bcc so
that no member's address is shown to the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import formatdate, getaddresses, parseaddr
from pathlib import Path
from typing import Iterable

from ..domain import evote as rules
from ..domain.confidentiality import finding_key
from ..domain.disclosure import Cleared, DisclosureRefused, Gate, require_cleared
from ..domain.evote import Choice, EVote, EVoteKind, EVoteState, Mode
from ..domain.model import Member, Settings
from ..domain.text import long_date, plural

_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[A-Za-z]{2,}$")


class EVoteMailError(rules.EVoteError):
    """A text that may not leave the app, or a file that cannot be read."""


# --------------------------------------------------------------------------
# The export gate


class EVoteRefused(EVoteMailError, DisclosureRefused):
    """The export gate refused a formal text of the vote: nothing written."""


def refusal(gate: Gate, votes: Iterable[EVote]) -> str:
    """One line for the chair: which vote holds what, and the review keys."""
    by_id = {v.id: v for v in votes}
    waiting = [p.finding for p in gate.refused]
    vote_ids = [p.text.owner.id.removeprefix("evote-").rpartition("-")[0] for p in gate.refused]
    numbers = ", ".join(dict.fromkeys(str(by_id[i].number) for i in vote_ids if i in by_id))
    keys = ", ".join(dict.fromkeys(repr(finding_key(f)) for f in waiting))
    return (
        f"Nothing written: e-vote {numbers} holds "
        f"{plural(len(waiting), 'unreviewed possible identifying detail')} "
        f"({', '.join(dict.fromkeys(f.text for f in waiting))}): reword it, or mark each reviewed "
        f"(--reviewed KEY, keys: {keys})"
    )


def gate_for(vote: EVote, members: Iterable[Member], settings: Settings) -> tuple[Gate, list[Cleared]]:
    """The export gate for the vote's e-mails, and its formal texts (the
    motion, then any minutes corrections adopted) as they may leave.

    The same gate as the paperwork's, over a stand-in meeting that holds
    those texts as motions (:func:`~dhtc_tui.domain.evote.stand_in`):
    formal, so an unreviewed finding refuses, and the builder's own
    sentences may quote them (``gate.words``)."""
    from ..paperwork.common import paper_gate  # the CLI's parser must not load the writers

    meeting = rules.stand_in([vote], vote.opened_on)
    gate = paper_gate(members, settings, meeting)
    if gate.refused:
        raise EVoteRefused(refusal(gate, [vote]))
    return gate, [gate.text(m, "text") for m in meeting.motions]


# --------------------------------------------------------------------------
# Addresses


def addresses(member: Member) -> list[str]:
    found = []
    for address in re.split(r"[;,\s]+", member.email or ""):
        address = address.strip().strip("<>")
        if address and _EMAIL.match(address):
            found.append(address)
    return found


def _bcc(members: Iterable[Member], ids: Iterable[str]) -> list[str]:
    by_id = {m.id: m for m in members}
    seen: set[str] = set()
    out = []
    for member_id in ids:
        member = by_id.get(member_id)
        for address in addresses(member) if member else ():
            if address.casefold() not in seen:
                seen.add(address.casefold())
                out.append(address)
    return out


def without_email(members: Iterable[Member], ids: Iterable[str]) -> list[str]:
    by_id = {m.id: m for m in members}
    return [by_id[i].name for i in ids if i in by_id and not addresses(by_id[i])]


def _chair(members: list[Member], settings: Settings) -> Member | None:
    return next((m for m in members if m.id == settings.chair_member_id), None) if settings.chair_member_id else None


def _draft(gate: Gate, subject: str, body: str, bcc: list[str], now: datetime | None) -> EmailMessage:
    """The draft; its subject and body leave only as ``Cleared`` text."""
    members, settings = gate.members, gate.settings
    subject, body = gate.words_many([subject, body.rstrip() + "\n"])
    message = EmailMessage()
    message["Subject"] = require_cleared(subject, "the e-mail subject")
    chair = _chair(members, settings)
    chair_address = addresses(chair)[0] if chair and addresses(chair) else ""
    if chair_address:
        name = require_cleared(gate.words(" ".join(chair.name.split())), "the sender")
        message["From"] = Address(display_name=name, addr_spec=chair_address)
        message["To"] = Address(display_name=name, addr_spec=chair_address)
    if bcc:
        message["Bcc"] = ", ".join(bcc)
    message["Date"] = formatdate((now or datetime.now(timezone.utc)).timestamp(), localtime=False)
    message["X-Unsent"] = "1"
    message.set_content(require_cleared(body, "the e-mail body"))
    return message


def _short(settings: Settings) -> str:
    return " ".join(settings.short_name.split()) or " ".join(settings.name.split()) or "Coalition"


def _signature(members: list[Member], settings: Settings) -> str:
    chair = _chair(members, settings)
    return f"{chair.representative + ', ' if chair and chair.representative else ''}{chair.name if chair else 'The Chair'}"


def _how_to_answer(vote: EVote) -> str:
    if vote.kind is EVoteKind.MINUTES:
        return (
            "How to answer: reply to this e-mail with one word on the first line:\n"
            "  OBJECT      if your organization objects to the minutes;\n"
            "  CORRECTION  followed by the correction on the same line;\n"
            "  APPROVE     (no reply is needed to approve).\n"
        )
    text = (
        "How to answer: reply to this e-mail with FOR, AGAINST or ABSTAIN on the first line.\n"
        "Reply CONFLICT instead if your organization has a conflict of interest\n"
        "(you are then left out of the count).\n"
    )
    if vote.mode is Mode.CONSENSUS:
        text += "To object to consensus, reply AGAINST (or OBJECT).\n"
    return text


def ballot(vote: EVote, members: list[Member], settings: Settings, now: datetime | None = None) -> EmailMessage:
    """The ballot (or the consensus request) to every eligible member."""
    names = {m.id: m.name for m in members}
    gate, (wording, *_) = gate_for(vote, members, settings)
    if vote.mode is Mode.CONSENSUS:
        intro = "The following motion is circulated to members for a decision by consensus."
        rule = (
            f"It will be carried by consensus on {long_date(vote.deadline)} unless a member objects. "
            "If a member objects, the Chair may put it to a ballot."
        )
    else:
        intro = "The following motion is put to an electronic vote of the members."
        rule = (
            f"Answers are due by {long_date(vote.deadline)}; answers received after that day are not counted. "
            "Each member organization has one vote; to carry, votes in favour must be more than half "
            f"of the {vote.voting_base} (50% + 1; a tie fails)."
        )
    lines = [
        "Dear members,",
        "",
        intro,
        "",
        f"    {wording}",
        "",
        f"Moved by {names.get(vote.mover_id or '', '?')}, seconded by {names.get(vote.seconder_id or '', '?')}.",
    ]
    if vote.kind is EVoteKind.REMOVAL:
        lines.append(
            f"The member concerned was notified of this vote and its reasons on {long_date(vote.removal_notified_on)} "
            "and does not vote."
        )
    lines += ["", rule, "", _how_to_answer(vote), f"{_signature(members, settings)}"]
    kind = "ballot" if vote.mode is Mode.BALLOT else "for consensus"
    subject = f"{_short(settings)} e-vote {vote.number} ({kind}): reply by {vote.deadline.isoformat()}"
    return _draft(gate, subject, "\n".join(lines), _bcc(members, rules.eligible_now(vote, members)), now)


def minutes_request(vote: EVote, meeting_date: date, members: list[Member], settings: Settings, now: datetime | None = None) -> EmailMessage:
    gate, _ = gate_for(vote, members, settings)
    lines = [
        "Dear members,",
        "",
        f"The minutes of the meeting of {long_date(meeting_date)} were circulated by e-mail.",
        f"They are approved by consensus unless a member objects or asks for a correction by "
        f"{long_date(vote.deadline)}.",
        "",
        _how_to_answer(vote),
        _signature(members, settings),
    ]
    subject = f"{_short(settings)}: approval of the minutes of {meeting_date.isoformat()} (reply by {vote.deadline.isoformat()})"
    return _draft(gate, subject, "\n".join(lines), _bcc(members, vote.electorate), now)


def reminder(vote: EVote, members: list[Member], settings: Settings, now: datetime | None = None) -> EmailMessage:
    waiting = rules.not_answered(vote, members)
    gate, (wording, *_) = gate_for(vote, members, settings)
    lines = [
        "Dear members,",
        "",
        f"A reminder: we have not yet received your organization's answer to e-vote {vote.number}:",
        "",
        f"    {wording}",
        "",
        f"Answers are due by {long_date(vote.deadline)}.",
        "",
        _how_to_answer(vote),
        _signature(members, settings),
    ]
    subject = f"{_short(settings)} e-vote {vote.number}: reminder, reply by {vote.deadline.isoformat()}"
    return _draft(gate, subject, "\n".join(lines), _bcc(members, waiting), now)


def result(vote: EVote, members: list[Member], settings: Settings, meeting_date: date | None = None, now: datetime | None = None) -> EmailMessage:
    """The outcome, to every active member."""
    gate, _ = gate_for(vote, members, settings)
    if vote.kind is EVoteKind.MINUTES:
        text = rules.minutes_approval_text(vote, meeting_date or vote.opened_on)
        subject = f"{_short(settings)}: minutes of {(meeting_date or vote.opened_on).isoformat()} {vote.state}"
    else:
        text = rules.record_text(vote, members)
        subject = f"{_short(settings)} e-vote {vote.number}: {vote.state}"
    body = "\n".join(["Dear members,", "", text, "", _signature(members, settings)])
    active = [m.id for m in members if m.is_active]
    return _draft(gate, subject, body, _bcc(members, active), now)


def write(message: EmailMessage, path: Path) -> Path:
    from ..minutes.files import atomic_write

    try:
        atomic_write(path, message.as_bytes(policy=policy.SMTP))
    except Exception as exc:  # MinutesError or OSError: one line for the chair
        raise EVoteMailError(f"Cannot write {path}: {exc}") from None
    return path


# --------------------------------------------------------------------------
# Replies


_FORWARD_MARK = re.compile(
    r"^\s*(-{2,}\s*(original|forwarded) message\s*-{2,}|begin forwarded message:)\s*$", re.IGNORECASE
)


@dataclass
class Reply:
    path: Path
    sender: str = ""
    on: date | None = None
    text: str | None = None
    forwarded: bool = False
    problem: str = ""


def _inner(message: Message) -> Message:
    """A reply forwarded as an attachment: the attached message."""
    for part in message.walk():
        if part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list) and payload:
                return payload[0]
    return message


def _plain(message: Message) -> str | None:
    body = message.get_body(preferencelist=("plain",)) if hasattr(message, "get_body") else None
    if body is None:
        return None
    try:
        return body.get_content()
    except (LookupError, ValueError):
        return None


def _date(message: Message) -> date | None:
    header = message.get("Date")
    value = getattr(header, "datetime", None)
    return value.date() if value is not None else None


def _inline_forward(text: str) -> tuple[str, str, str] | None:
    """(sender, date header, text) of a reply forwarded inline."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if not _FORWARD_MARK.match(line):
            continue
        headers: dict[str, str] = {}
        rest = index + 1
        while rest < len(lines) and lines[rest].strip():
            key, sep, value = lines[rest].partition(":")
            if sep:
                headers[key.strip().lower()] = value.strip()
            rest += 1
        return headers.get("from", ""), headers.get("date", ""), "\n".join(lines[rest:])
    return None


def read_reply(path: Path) -> Reply:
    reply = Reply(Path(path))
    try:
        with open(path, "rb") as handle:
            message = BytesParser(policy=policy.default).parse(handle)
    except OSError as exc:
        reply.problem = f"cannot be read ({exc.strerror or exc})"
        return reply
    inner = _inner(message)
    reply.forwarded = inner is not message
    source = inner
    _, reply.sender = parseaddr(rules.plain_text(str(source.get("From", ""))))
    reply.on = _date(source) or _date(message)
    text = _plain(source)
    if text is None:
        reply.problem = "unreadable choice (no plain-text part)"
        return reply
    forwarded = _inline_forward(text) if not reply.forwarded else None
    if forwarded is not None:
        reply.forwarded = True
        sender, when, text = forwarded
        pairs = getaddresses([sender])
        reply.sender = rules.plain_text(pairs[0][1]) if pairs else ""
        try:
            from email.utils import parsedate_to_datetime

            reply.on = parsedate_to_datetime(when).date()
        except (TypeError, ValueError, IndexError):
            pass
    reply.text = text
    return reply


@dataclass
class PreviewRow:
    reply: Reply
    member: Member | None = None
    choice: Choice | None = None
    note: str = ""
    status: str = ""
    #: Whether --yes records it.
    ok: bool = False


def match_sender(sender: str, members: Iterable[Member]) -> list[Member]:
    folded = (sender or "").strip().casefold()
    if not folded:
        return []
    return [m for m in members if any(a.casefold() == folded for a in addresses(m))]


def preview(vote: EVote, paths: Iterable[Path], members: list[Member], today: date) -> list[PreviewRow]:
    """What each saved reply would record; nothing is changed. Later replies
    (by date, then order given) from the same member replace earlier ones."""
    rows: list[PreviewRow] = []
    replies = [read_reply(Path(p)) for p in paths]
    order = sorted(range(len(replies)), key=lambda i: (replies[i].on or today, i))
    seen: dict[str, Choice] = {m: a.choice for m, a in rules.latest_answers(vote).items()}
    for index in order:
        reply = replies[index]
        row = PreviewRow(reply)
        rows.append(row)
        if reply.problem:
            row.status = reply.problem
            continue
        found = match_sender(reply.sender, members)
        if not found:
            row.status = f"unmatched sender {reply.sender or '(none)'}"
            continue
        if len(found) > 1:
            row.status = f"sender {reply.sender} is the address of {len(found)} members"
            continue
        row.member = found[0]
        choice, rest = rules.read_choice(reply.text or "")
        if choice is None:
            row.status = f"unreadable choice ({rest[:40]!r})" if rest else "unreadable choice (empty reply)"
            continue
        row.choice = choice
        row.note = rest if choice is Choice.CORRECTION else ""
        on = reply.on or today
        if on > vote.deadline:
            row.status = f"after the deadline ({on.isoformat()}), not counted"
            continue
        try:
            rules.check_answer(vote, row.member.id, choice, max(on, vote.opened_on), members)
        except rules.EVoteError as exc:
            row.status = f"refused: {exc}"
            continue
        if choice is Choice.CORRECTION and not row.note:
            row.status = "unreadable choice (a correction without its wording)"
            continue
        previous = seen.get(row.member.id)
        row.status = "matched" if previous is None else f"matched; replaces an earlier answer ({previous})"
        if reply.forwarded:
            row.status += "; forwarded"
        seen[row.member.id] = choice
        row.ok = True
    return rows


def record(vote: EVote, rows: Iterable[PreviewRow], members: list[Member], today: date) -> int:
    count = 0
    for row in rows:
        if not row.ok or row.member is None or row.choice is None:
            continue
        on = max(row.reply.on or today, vote.opened_on)
        rules.answer(vote, row.member.id, row.choice, on, members, via="e-mail", note=row.note)
        count += 1
    return count


def closed_result_word(vote: EVote) -> str:
    return "carried" if vote.state in (EVoteState.CARRIED, EVoteState.APPROVED) else "defeated"
