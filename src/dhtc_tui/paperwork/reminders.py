"""Action-item reminders, and who needs paper.

Terms of Reference, Reporting Responsibilities: "Action items will be
recorded for monitoring completion". Between meetings the chair reminds each
owner of their open items: one unsent e-mail draft per owner (the chair in
To, the owner in Bcc, as circulation does), overdue items first. Owners the
app cannot e-mail are listed on one printable page instead; circulation
likewise prints who needs a paper copy of the minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain.disclosure import roster_contact
from ..domain.model import ActionItem, Member
from ..domain.text import long_date
from ..minutes.styles import STYLE_NOTICE, STYLE_TITLE
from ..minutes.writer import Writer
from .common import address, check_all, coalition_name, docx_bytes, email_message, flat, out_folder, paper_gate, short_name, slug, write_all


@dataclass
class ReminderReport:
    paths: list[Path] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


@dataclass
class _Owner:
    label: str
    email: str
    items: list[ActionItem]
    member: Member | None = None


def _sorted(items: list[ActionItem], today: date) -> list[ActionItem]:
    return sorted(items, key=lambda a: (not (a.due and a.due < today), a.due or date.max, a.number))


def owners(actions: list[ActionItem], members: list[Member], gate, today: date) -> list[_Owner]:
    by_id = {m.id: m for m in members}
    groups: dict[str, _Owner] = {}
    for action in actions:
        if not action.is_open:
            continue
        member = by_id.get(action.owner_member_id or "")
        person = flat(gate.text(action, "owner_name"))
        if member is not None:
            key, label, mail = member.id, member.name, address(member.email)
        elif person:
            key, label, mail = "name:" + person.casefold(), person, ""
        else:
            key, label, mail = "", "Unassigned", ""
        owner = groups.setdefault(key, _Owner(label, mail, [], member))
        owner.items.append(action)
    for owner in groups.values():
        owner.items = _sorted(owner.items, today)
    return sorted(groups.values(), key=lambda o: (o.label == "Unassigned", o.label.casefold()))


def _line(gate, action: ActionItem, today: date) -> str:
    due = f"due {long_date(action.due)}" if action.due else "no due date"
    if action.due and action.due < today:
        due = "OVERDUE, " + due
    return f"#{action.number} ({due}; {action.status.value}): {flat(gate.text(action, 'description'))}"


def write_reminders(store, out_dir: Path | None, force: bool = False, today: date | None = None) -> ReminderReport:
    today = today or date.today()
    folder = out_folder(out_dir)
    members, settings, actions = store.members(), store.settings(), store.action_items()
    open_items = [a for a in actions if a.is_open]
    report = ReminderReport()
    if not open_items:
        report.lines.append("No open action items: nothing to write.")
        return report
    gate = paper_gate(members, settings, review_actions=open_items, on=today)
    groups = owners(open_items, members, gate, today)
    short = short_name(settings)
    mailable = [o for o in groups if o.email]
    paper = [o for o in groups if not o.email]
    targets = [(o, folder / f"{slug(short)}-reminder-{slug(o.label)[:40]}-{today.isoformat()}.eml") for o in mailable]
    paper_path = folder / f"{slug(short)}-reminders-to-print-{today.isoformat()}.docx"
    check_all([p for _, p in targets] + ([paper_path] if paper else []), force)
    payloads = []
    for owner, path in targets:
        overdue = sum(1 for a in owner.items if a.due and a.due < today)
        body = [
            f"Dear {owner.label},",
            "",
            f"A reminder of the {coalition_name(settings)} action items you own"
            + (f" ({overdue} overdue):" if overdue else ":"),
            "",
            *(f"- {_line(gate, a, today)}" for a in owner.items),
            "",
            "Please send the Chair an update before the next meeting, where open items are reviewed.",
            "",
            "Regards,",
            f"{coalition_name(settings)} Chair",
        ]
        subject = f"{short} action items: {len(owner.items)} open" + (f", {overdue} overdue" if overdue else "")
        payloads.append((path, email_message(gate, subject, "\n".join(body), [], to=address(settings.chair_email), bcc=[owner.email])))
        report.lines.append(f"{owner.label}: {len(owner.items)} item(s), {overdue} overdue \u2192 {path.name}")
    if paper:
        w = Writer(gate)
        w.para(f"Action items to hand out \u2014 {coalition_name(settings)}", STYLE_TITLE)
        w.meta("As of", long_date(today))
        w.para("These owners have no e-mail address on record: give or post them their items.", STYLE_NOTICE)
        for owner in paper:
            w.heading(owner.label, 2)
            w.table(
                ["No.", "Action", "Due", "Status"],
                [
                    [
                        str(a.number or ""),
                        flat(gate.text(a, "description")),
                        (long_date(a.due) if a.due else "no date") + (" (overdue)" if a.due and a.due < today else ""),
                        a.status.value,
                    ]
                    for a in owner.items
                ],
                [0.5, 4, 1.8, 1.2],
            )
            report.lines.append(f"{owner.label}: {len(owner.items)} item(s), no e-mail \u2192 {paper_path.name}")
        payloads.append(
            (
                paper_path,
                docx_bytes(
                    w,
                    header=f"{short} action items \u2014 {long_date(today)}",
                    title="Action items to hand out",
                    subject=f"{coalition_name(settings)} action items",
                    category="Reminders",
                ),
            )
        )
    report.paths = write_all(payloads, force)
    if gate.left_out:
        report.lines.append(f"{gate.left_out} unreviewed possible identifying detail(s) were left out.")
    return report


def paper_copy_payload(record, folder: Path, force: bool) -> list[tuple[Path, bytes]]:
    """For circulation: the printable list of active members with no e-mail
    address (who need a paper copy of the minutes); nothing if none."""
    from ..minutes.circulation import members_without_email
    from ..minutes.files import check_target

    meeting, members, settings = record.meeting, record.members, record.settings
    names = set(members_without_email(members))
    needing = [m for m in members if m.is_active and m.name in names]
    if not needing:
        return []
    path = folder / f"{slug(short_name(settings))}-paper-copies-{meeting.date.isoformat()}.docx"
    check_target(path, force)
    gate = paper_gate(members, settings, on=meeting.date)
    w = Writer(gate)
    w.para(f"Paper copies of the minutes of {long_date(meeting.date)}", STYLE_TITLE)
    w.para("These members have no e-mail address on record: give or post them a printed copy.", STYLE_NOTICE)
    w.table(
        ["Member", "Representatives", "Phone", "Sent"],
        [[m.name, "; ".join(m.representatives) or "none recorded", roster_contact(m, "phone") if m.phone.strip() else "none", ""] for m in needing],
        [3, 2.6, 1.6, 0.8],
    )
    data = docx_bytes(
        w,
        header=f"{short_name(settings)} paper copies \u2014 {long_date(meeting.date)}",
        title="Paper copies of the minutes",
        subject=f"{coalition_name(settings)} minutes",
        category="Circulation",
    )
    return [(path, data)]
