"""The agenda package for a planned meeting.

Terms of Reference, Chair: "provide and distribute an agenda and any
previous meeting minutes". One call writes, into one folder:

- ``DHTC-agenda-YYYY-MM-DD.docx``: the agenda, in the minutes' style;
- ``DHTC-meeting-YYYY-MM-DD.ics``: the invitation;
- ``DHTC-agenda-YYYY-MM-DD.eml``: an unsent draft to every active member
  (Bcc; the chair in To) with the agenda, the previous meeting's minutes
  (DRAFT or FINAL, as they stand) and the invitation attached.

A scheduled meeting has no minutes: its own are never attached.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain.disclosure import Gate
from ..domain.model import AgendaKind, ItemState, Meeting, MeetingStatus
from ..domain.text import clock, long_date, short_date
from ..minutes.circulation import DOCX_MIME, InvitationDraft, build_invitation, invitation_uid, recipients
from ..minutes.errors import MinutesError
from ..minutes.styles import STYLE_META, STYLE_TITLE
from ..minutes.writer import Writer
from .common import ICS_MIME, coalition_name, slug, docx_bytes, email_message, flat, out_folder, paper_gate, short_name, write_all


@dataclass
class AgendaReport:
    paths: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    recipients: int = 0


def agenda_filename(meeting: Meeting, settings, suffix: str = ".docx") -> str:
    return f"{slug(short_name(settings))}-agenda-{meeting.date.isoformat()}{suffix}"


def open_actions(actions, on: date):
    """Open action items, overdue (by the meeting's date) first, then by due date."""
    items = [a for a in actions if a.is_open]
    return sorted(items, key=lambda a: (not (a.due and a.due < on), a.due or date.max, a.number))


def owner_text(gate: Gate, action, names: dict[str, str]) -> str:
    member = names.get(action.owner_member_id or "", "")
    person = flat(gate.text(action, "owner_name"))
    if member and person and person != member:
        return f"{member} ({person})"
    return member or person or "Unassigned"


def agenda_writer(gate: Gate, previous: Meeting | None) -> Writer:
    meeting, settings = gate.meeting, gate.settings
    names = {m.id: m.name for m in gate.members}
    w = Writer(gate)
    name = coalition_name(settings)
    the = name if name.lower().startswith("the ") else f"the {name}"
    w.para(f"Agenda of the meeting of {the}", STYLE_TITLE)
    w.meta("Date", long_date(meeting.date))
    w.meta("Time", clock(meeting.start_time) if meeting.start_time else "to be confirmed")
    location = flat(gate.text(meeting, "location"))
    w.meta("Location", location or "to be confirmed")
    link = flat(gate.text(meeting, "video_link"))
    if link:
        w.meta("Video link", link)
    chair = names.get(meeting.chair_member_id or settings.chair_member_id or "", "")
    if chair:
        w.meta("Chair", chair)
    w.para("")

    w.heading("Agenda", 1)
    items = [i for i in meeting.agenda if i.state is not ItemState.SKIPPED]
    for number, item in enumerate(items, start=1):
        title = flat(gate.text(item, "title"))
        runs = [(f"{number}.\t", True, False), (title, None, False)]
        if item.kind is AgendaKind.PRESENTATION:
            presenter = flat(gate.text(item, "presenter"))
            vetted = names.get(item.vetted_by or "", "")
            extra = []
            if presenter:
                extra.append(f"presented by {presenter}")
            if vetted:
                extra.append(f"vetted by {vetted}")
            if extra:
                runs.append((" \u2014 " + ", ".join(extra), None, False))
        elif item.kind is AgendaKind.MEMBER_CONCERN and names.get(item.raised_by or ""):
            runs.append((f" \u2014 raised by {names[item.raised_by]}", None, False))
        elif item.kind is AgendaKind.PREVIOUS_MINUTES:
            if previous is not None:
                runs.append((f" ({short_date(previous.date)}, attached)", None, False))
        elif item.kind is AgendaKind.BUSINESS_ARISING:
            runs.append((" (open action items below)", None, False))
        w.runs(runs)

    concerns = [i for i in items if i.kind is AgendaKind.MEMBER_CONCERN]
    if concerns:
        w.heading("Items of concern", 1)
        w.table(
            ["Item", "Raised by"],
            [[flat(gate.text(i, "title")), names.get(i.raised_by or "", "not recorded")] for i in concerns],
            [3, 2],
        )
    presentations = [i for i in items if i.kind is AgendaKind.PRESENTATION]
    if presentations:
        w.heading("Presentations", 1)
        w.table(
            ["Presentation", "Presenter", "Vetted by"],
            [
                [
                    flat(gate.text(i, "title")),
                    flat(gate.text(i, "presenter")) or "to be confirmed",
                    names.get(i.vetted_by or "", "not recorded"),
                ]
                for i in presentations
            ],
            [3, 2, 2],
        )

    w.heading("Action items to review", 1)
    todo = open_actions([a for a in gate.actions if a.id in set(meeting.action_updates)], meeting.date)
    if todo:
        rows = []
        for action in todo:
            overdue = bool(action.due and action.due < meeting.date)
            rows.append(
                [
                    str(action.number or ""),
                    flat(gate.text(action, "description")),
                    owner_text(gate, action, names),
                    short_date(action.due) if action.due else "no date",
                    f"{action.status.value}, overdue" if overdue else action.status.value,
                ]
            )
        w.table(["No.", "Action", "Owner", "Due", "Status"], rows, [0.5, 3.2, 2, 1.1, 1.2])
    else:
        w.para("No open action items.")

    if previous is not None:
        state = "final" if previous.minutes_status.value == "approved" else "draft"
        w.runs(
            [("Previous minutes: ", True, False), (f"attached (the {state} minutes of {long_date(previous.date)}).", None, False)],
            STYLE_META,
        )
    else:
        w.runs([("Previous minutes: ", True, False), ("none (no earlier meeting on record).", None, False)], STYLE_META)
    w.para("Case examples are shared without identifying details, as the confidentiality agreement requires.")
    return w


def _uid(meeting: Meeting, previous: Meeting | None) -> str:
    """The previous meeting's invitation already announced this one: the
    same UID updates that calendar entry instead of adding a second."""
    if previous is not None and previous.next_meeting.on == meeting.date:
        return invitation_uid(previous)
    digest = hashlib.sha256(f"dhtc-tui meeting {meeting.id}".encode()).hexdigest()[:24]
    return f"meeting-{digest}@dhtc-tui"


def invitation(gate: Gate, previous: Meeting | None) -> bytes:
    meeting, settings = gate.meeting, gate.settings
    name = coalition_name(settings)
    location = flat(gate.text(meeting, "location"))
    lines = [f"Meeting of the {name}." if not name.lower().startswith("the ") else f"Meeting of {name}."]
    link = flat(gate.text(meeting, "video_link"))
    if link:
        lines.append(f"Video link: {link}")
    lines.append("The agenda and the previous meeting's minutes are attached to the Chair's e-mail.")
    draft = InvitationDraft(
        uid=_uid(meeting, previous),
        on=meeting.date,
        start_time=meeting.start_time,
        summary=gate.words(f"{name} meeting"),
        description=gate.words("\n".join(lines)),
        location=gate.words(location or link) if (location or link) else None,
    )
    return build_invitation(draft).to_ical()


def select_planned(store, selector: str | None, today: date):
    """``next`` (default): the first scheduled meeting from today on (else
    the latest scheduled); otherwise a date or an id, as `export` takes."""
    from ..record import RecordError, select_ref

    wanted = (selector or "next").strip()
    if wanted.lower() != "next":
        return select_ref(store, wanted)
    refs = store.meetings()
    planned = [r for r in refs if r.status is MeetingStatus.SCHEDULED]
    upcoming = [r for r in planned if r.date >= today]
    if upcoming:
        return upcoming[0]
    if planned:
        return planned[-1]
    raise RecordError(
        "No meeting is planned: plan the next one in the app (n on the home screen), then write its agenda."
    )


def write_agenda(store, selector: str | None, out_dir: Path | None, force: bool, today: date | None = None) -> AgendaReport:
    """Write the agenda package. Raises MinutesError / RecordError with a
    one-line reason; nothing is written then."""
    from ..minutes.commands import default_filename, minutes_bytes
    from ..record import record_for

    today = today or date.today()
    folder = out_folder(out_dir)
    ref = select_planned(store, selector, today)
    meeting = store.load_meeting(ref.id)
    if meeting.status is not MeetingStatus.SCHEDULED:
        raise MinutesError(
            f"The meeting of {long_date(meeting.date)} has already started: its agenda is in its minutes "
            "(dhtc-tui export)."
        )
    record = record_for(store, meeting)
    settings, members = record.settings, record.members
    docx_path = folder / agenda_filename(meeting, settings)
    eml_path = docx_path.with_suffix(".eml")
    ics_path = folder / f"{slug(short_name(settings))}-meeting-{meeting.date.isoformat()}.ics"
    report = AgendaReport()
    previous = record.previous
    minutes: tuple[str, bytes] | None = None
    if previous is not None and previous.status is not MeetingStatus.CLOSED:
        report.notes.append(
            f"The meeting of {long_date(previous.date)} is still in progress: its minutes are not attached."
        )
        previous = None
    if previous is not None:
        prev_record = record_for(store, previous)
        data, _ = minutes_bytes(prev_record)
        minutes = (default_filename(previous, settings), data)

    gate = paper_gate(members, settings, meeting, record.actions, review_actions=[a for a in record.actions if a.is_open])
    gate.check()
    agenda = docx_bytes(
        agenda_writer(gate, previous),
        header=f"{short_name(settings)} agenda \u2014 {long_date(meeting.date)}",
        title=f"Agenda of the meeting of {long_date(meeting.date)}",
        subject=f"{coalition_name(settings)} meeting agenda",
        category="Agenda",
    )
    ics = invitation(gate, previous)
    when = long_date(meeting.date) + (f" at {clock(meeting.start_time)}" if meeting.start_time else "")
    where = flat(gate.text(gate.meeting, "location"))
    link = flat(gate.text(gate.meeting, "video_link"))
    body = [
        "Dear members,",
        "",
        f"Attached are the agenda for our meeting on {when}" + (f" ({where})" if where else "") + ",",
        "the previous meeting's minutes for approval, and a calendar invitation." if minutes else "and a calendar invitation.",
        "",
        *([f"To join by video: {link}", ""] if link else []),
        "Items of concern for the agenda can be sent to the Chair before the meeting.",
        "Please send your regrets, or the name of a delegate, if you cannot attend.",
        "",
        "Regards,",
        coalition_name(settings) + " Chair",
    ]
    attachments = [(docx_path.name, agenda, DOCX_MIME)]
    if minutes:
        attachments.append((minutes[0], minutes[1], DOCX_MIME))
    attachments.append((ics_path.name, ics, ICS_MIME))
    eml = email_message(
        gate,
        f"{short_name(settings)} meeting {long_date(meeting.date)}: agenda and previous minutes",
        "\n".join(body),
        attachments,
    )
    report.paths = write_all([(docx_path, agenda), (ics_path, ics), (eml_path, eml)], force)
    report.recipients = len(recipients(members))
    if gate.left_out:
        report.notes.append(f"{gate.left_out} unreviewed possible identifying detail(s) were left out.")
    if not settings.chair_email.strip():
        report.notes.append("No chair e-mail address is set (Settings): the To line is empty.")
    missing = [m.name for m in members if m.is_active and not recipients([m])]
    if missing:
        report.notes.append(f"{len(missing)} active member(s) have no e-mail address: " + "; ".join(missing) + ".")
    return report
