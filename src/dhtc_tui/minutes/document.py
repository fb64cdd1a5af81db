"""A meeting's minutes as a .docx (python-docx on ``templates/minutes.docx``).

The minutes follow the meeting's agenda, in its order, with the conventions
of DESIGN.md ("Minutes conventions"): what was done, not what was said.
Every agenda item appears; a skipped one says why ("Not taken up: …") and an
empty one says so ("No updates were recorded.") rather than vanish.

Confidentiality: the case-example notes are checked with
:func:`dhtc_tui.domain.confidentiality.find_identifiers`; every sentence with
a finding nobody reviewed is left out, and only the report (never the
document) says how many were left out. The footer marks the minutes as
confidential to Coalition members; minutes not yet approved carry a DRAFT
header.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt

from ..domain.confidentiality import find_identifiers, redact_unreviewed
from ..domain.model import (
    ActionItem,
    AgendaItem,
    AgendaKind,
    ItemState,
    Meeting,
    MeetingStatus,
    Member,
    MemberKind,
    MinutesStatus,
    Motion,
    MotionKind,
    Presence,
    Settings,
)
from ..domain.text import clock, long_date, plural, short_date
from ..domain.voting import minutes_text
from .errors import MinutesError
from .files import atomic_write, check_target
from .template import (
    CONFIDENTIAL,
    DEFAULT_COALITION,
    DRAFT_MARK,
    REQUIRED_STYLES,
    STYLE_DRAFT_MARK,
    STYLE_META,
    STYLE_MOTION,
    STYLE_NOTICE,
    STYLE_TABLE,
    STYLE_TABLE_HEADING,
    STYLE_TABLE_TEXT,
    TEMPLATE_NAME,
    TEXT_WIDTH,
)

INCOMPLETE_NOTICE = "INCOMPLETE \u2014 meeting in progress"


@dataclass
class MinutesReport:
    """What an export did, for the chair."""

    path: Path | None
    final: bool
    incomplete: bool
    #: Unreviewed identifying details left out of the case examples (the
    #: count is never written into the minutes themselves).
    findings_left_out: int = 0
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------
# The template


def template_path() -> Path:
    from ..paths import templates_dir

    return templates_dir() / TEMPLATE_NAME


def _rebuild_hint() -> str:
    return "Rebuild it with `python -m dhtc_tui.minutes.template` (or `make template`)."


def load_template(path: Path | None = None) -> DocxDocument:
    """Open the minutes template and check it holds every style used.

    Raises MinutesError naming the template, and the missing styles."""
    path = Path(path) if path is not None else template_path()
    if not path.is_file():
        raise MinutesError(f"The minutes template {path} is missing. {_rebuild_hint()}")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise MinutesError(
            f"The minutes template {path} cannot be read as a Word .docx ({exc}). {_rebuild_hint()}"
        ) from None
    missing = []
    for name, kind in REQUIRED_STYLES:
        try:
            style = document.styles[name]
        except KeyError:
            missing.append(f"\u201c{name}\u201d")
            continue
        if style.type != kind:
            missing.append(f"\u201c{name}\u201d (as a {kind.name.lower()} style)")
    if missing:
        noun = "style" if len(missing) == 1 else "styles"
        raise MinutesError(
            f"The minutes template {path} has no {noun} {', '.join(missing)}. "
            f"Add {'it' if len(missing) == 1 else 'them'} in Word, or restore the shipped template. "
            f"{_rebuild_hint()}"
        )
    return document


# --------------------------------------------------------------------------
# Small writing helpers


def _set_cell_shading(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _row_flags(row, *, header: bool = False) -> None:
    """Rows never split across pages; the header row repeats on each page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    if header:
        tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def _fixed_layout(table, widths: list[float]) -> None:
    tbl_pr = table._tbl.tblPr
    total = int(sum(widths) * 1440)
    for tag in ("w:tblW", "w:tblLayout"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'))
    tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width * 1440)))


class _Writer:
    """Appends the minutes to a template document."""

    def __init__(self, document: DocxDocument) -> None:
        self.doc = document
        self._style_ids: dict[str, str] = {}

    def styled(self, paragraph, style: str | None):
        """Set a paragraph style by its id, looked up once per document:
        python-docx's own setter scans every style on each assignment, which
        was half of the export time."""
        if style is not None:
            if style not in self._style_ids:
                self._style_ids[style] = self.doc.styles[style].style_id
            paragraph._p.style = self._style_ids[style]
        return paragraph

    def para(self, text: str = "", style: str | None = None):
        paragraph = self.styled(self.doc.add_paragraph(), style)
        if text:
            paragraph.add_run(text)
        return paragraph

    def labelled(self, label: str, text: str, style: str | None = None):
        paragraph = self.styled(self.doc.add_paragraph(), style)
        paragraph.add_run(label).bold = True
        paragraph.add_run(text)
        return paragraph

    def meta(self, label: str, text: str):
        paragraph = self.styled(self.doc.add_paragraph(), STYLE_META)
        paragraph.add_run(f"{label}:").bold = True
        paragraph.add_run(f"\t{text}")
        return paragraph

    def intro(self, text: str):
        """A lead-in that stays on the page of the list or table it introduces."""
        paragraph = self.para(text)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def heading(self, text: str, level: int = 1):
        return self.doc.add_heading(text, level=level)

    def bullets(self, items: Iterable[str]) -> None:
        """A short list kept on one page."""
        paragraphs = [self.para(item, "List Bullet") for item in items]
        if paragraphs:
            paragraphs[-1].paragraph_format.space_after = Pt(6)
        if len(paragraphs) > 8:
            return
        for paragraph in paragraphs[:-1]:
            paragraph.paragraph_format.keep_with_next = True

    def notes(self, text: str) -> bool:
        """Free text as typed: one paragraph per line; "- " lines as bullets."""
        wrote = False
        for line in text.splitlines():
            line = line.strip()
            if not line:
                continue
            if line[:2] in ("- ", "* ", "\u2022 "):
                self.para(line[2:].strip(), "List Bullet")
            else:
                self.para(line)
            wrote = True
        return wrote

    def table(self, headers: list[str], rows: list[list[str]], widths: list[float]):
        scale = TEXT_WIDTH / sum(widths)
        widths = [w * scale for w in widths]
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = self.doc.styles[STYLE_TABLE]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _fixed_layout(table, widths)
        header = table.rows[0]
        _row_flags(header, header=True)
        for cell, text, width in zip(header.cells, headers, widths):
            cell.width = Inches(width)
            _set_cell_shading(cell, "E4E9F2")
            paragraph = self.styled(cell.paragraphs[0], STYLE_TABLE_HEADING)
            paragraph.add_run(text)
        for values in rows:
            row = table.add_row()
            _row_flags(row)
            for cell, text, width in zip(row.cells, values, widths):
                cell.width = Inches(width)
                paragraph = self.styled(cell.paragraphs[0], STYLE_TABLE_TEXT)
                paragraph.add_run(text)
        # A little air after a table (Word has no "space after" for tables).
        self.styled(self.doc.add_paragraph(), STYLE_TABLE_TEXT)
        return table


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def _end(text: str) -> str:
    """Close a sentence with one full stop ("… at 9:31 a.m." stays as it is)."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _status_word(value: str) -> str:
    return str(value)[:1].upper() + str(value)[1:]


# --------------------------------------------------------------------------
# The minutes


class _Minutes:
    def __init__(
        self,
        document: DocxDocument,
        meeting: Meeting,
        members: list[Member],
        settings: Settings,
        actions: list[ActionItem],
        previous: Meeting | None,
        report: MinutesReport,
    ) -> None:
        self.w = _Writer(document)
        self.doc = document
        self.meeting = meeting
        self.members = members
        self.by_id = {m.id: m for m in members}
        self.names: dict[str, str] = {m.id: m.name for m in members}
        self.settings = settings
        self.actions = actions
        self.actions_by_id = {a.id: a for a in actions}
        self.previous = previous
        self.report = report
        self.incomplete = report.incomplete
        self.motions_done: set[str] = set()

    # -- names -------------------------------------------------------------

    def name(self, member_id: str | None, missing: str = "a former member") -> str:
        if not member_id:
            return missing
        return self.names.get(member_id) or missing

    def chair_agency(self) -> str:
        chair_id = self.meeting.chair_member_id or self.settings.chair_member_id
        return self.names.get(chair_id, "") if chair_id else ""

    def owner(self, action: ActionItem) -> str:
        member = self.names.get(action.owner_member_id or "", "")
        person = " ".join(action.owner_name.split())
        if member and person and person != member:
            return f"{member} ({person})"
        return member or person or "Unassigned"

    # -- whole document ----------------------------------------------------

    def write(self) -> None:
        self.front_matter()
        self.call_to_order()
        agenda = self.meeting.agenda
        next_index = next(
            (i for i, item in enumerate(agenda) if item.kind is AgendaKind.NEXT_MEETING), None
        )
        for index, item in enumerate(agenda):
            if index == next_index:
                self.new_actions()
            self.item(index + 1, item)
        if next_index is None:
            self.new_actions()
        self.stray_motions()
        self.adjournment()

    def coalition(self) -> str:
        name = " ".join(self.settings.name.split()) or DEFAULT_COALITION
        return name if name.lower().startswith("the ") else f"the {name}"

    def front_matter(self) -> None:
        meeting = self.meeting
        self.w.para(f"Minutes of the meeting of {self.coalition()}", "Title")
        self.w.meta("Date", long_date(meeting.date))
        begin = meeting.called_to_order or meeting.start_time
        if begin and meeting.adjourned and meeting.status is MeetingStatus.CLOSED:
            when = f"{clock(begin)} to {clock(meeting.adjourned)}"
        elif begin:
            when = clock(begin)
        else:
            when = "not recorded"
        self.w.meta("Time", when)
        self.w.meta("Location", " ".join(meeting.location.split()) or "not recorded")
        agency = self.chair_agency()
        person = " ".join(meeting.chair_person.split())
        if agency and person:
            chair = f"{agency} ({person})"
        else:
            chair = agency or person or "not recorded"
        self.w.meta("Chair", chair)
        taker = " ".join(meeting.minute_taker.split())
        self.w.meta("Minute taker", taker or "not recorded")
        if not taker:
            self.report.warnings.append("No minute taker is recorded.")
        if self.report.final:
            approved = (
                f"Approved at the meeting of {long_date(meeting.approved_on)}"
                if meeting.approved_on
                else "Approved"
            )
            status = self.w.meta("Status", approved)
        else:
            status = self.w.meta("Status", "Draft, for approval at the next meeting")
        status.paragraph_format.space_after = Pt(8)
        if self.incomplete:
            notice = self.w.para("", STYLE_NOTICE)
            notice.add_run(INCOMPLETE_NOTICE)
            notice.add_run().add_break()
            follow = notice.add_run(
                "These minutes were exported before the meeting adjourned; "
                "items not yet reached are marked as such."
            )
            follow.bold = False

    def call_to_order(self) -> None:
        self.w.heading("Call to order")
        at = self.meeting.called_to_order
        if at is not None:
            self.w.para(_end(f"The Chair called the meeting to order at {clock(at)}"))
        elif self.meeting.status is MeetingStatus.SCHEDULED:
            self.w.para("The meeting had not been called to order when these minutes were exported.")
        else:
            self.w.para("The time the meeting was called to order was not recorded.")

    def adjournment(self) -> None:
        self.w.heading("Adjournment")
        if self.meeting.status is not MeetingStatus.CLOSED:
            self.w.para("The meeting had not adjourned when these minutes were exported.")
        elif self.meeting.adjourned is not None:
            self.w.para(_end(f"The meeting adjourned at {clock(self.meeting.adjourned)}"))
        else:
            self.w.para("The time of adjournment was not recorded.")

    # -- agenda items ------------------------------------------------------

    def item(self, number: int, item: AgendaItem) -> None:
        self.w.heading(f"{number}. {' '.join(item.title.split())}")
        if item.state is ItemState.SKIPPED:
            reason = _sentence(item.skip_reason) or "no reason recorded."
            self.w.para(f"Not taken up: {reason}")
            self.motions_for(item)
            return
        if item.state is ItemState.TODO and not self.has_content(item):
            self.w.para("Not yet taken up." if self.incomplete else "Not taken up.")
            return
        writer = {
            AgendaKind.MINUTE_TAKER: self.minute_taker,
            AgendaKind.ATTENDANCE: self.attendance,
            AgendaKind.LAND_ACKNOWLEDGEMENT: self.land_acknowledgement,
            AgendaKind.CONFLICTS: self.conflicts,
            AgendaKind.PREVIOUS_MINUTES: self.previous_minutes,
            AgendaKind.BUSINESS_ARISING: self.business_arising,
            AgendaKind.SUBCOMMITTEES: self.subcommittees,
            AgendaKind.MEMBER_UPDATES: self.member_updates,
            AgendaKind.CASE_EXAMPLES: self.case_examples,
            AgendaKind.NEXT_MEETING: self.next_meeting,
            AgendaKind.PRESENTATION: self.presentation,
            AgendaKind.MEMBER_CONCERN: self.member_concern,
        }.get(item.kind, self.other)
        writer(item)
        self.motions_for(item)

    def has_content(self, item: AgendaItem) -> bool:
        m = self.meeting
        if item.notes.strip() or any(x.agenda_item_id == item.id for x in m.motions):
            return True
        return {
            AgendaKind.MINUTE_TAKER: bool(m.minute_taker.strip()),
            AgendaKind.ATTENDANCE: any(a.marked for a in m.attendance) or bool(m.guests),
            AgendaKind.LAND_ACKNOWLEDGEMENT: m.land_acknowledgement_done,
            AgendaKind.CONFLICTS: bool(m.conflicts) or m.no_conflicts_declared,
            AgendaKind.PREVIOUS_MINUTES: bool(m.previous_minutes.result),
            AgendaKind.BUSINESS_ARISING: bool(m.action_updates),
            AgendaKind.SUBCOMMITTEES: any(v.strip() for v in m.subcommittee_updates.values())
            or bool(m.other_updates.strip()),
            AgendaKind.MEMBER_UPDATES: bool(m.member_updates),
            AgendaKind.CASE_EXAMPLES: bool(m.case_examples.notes.strip()),
            AgendaKind.NEXT_MEETING: m.next_meeting.on is not None
            or bool(m.next_meeting.upcoming_items),
        }.get(item.kind, False)

    def notes_or(self, item: AgendaItem, empty: str | None) -> None:
        if not self.w.notes(item.notes) and empty:
            self.w.para(empty)

    def minute_taker(self, item: AgendaItem) -> None:
        taker = " ".join(self.meeting.minute_taker.split())
        if taker:
            self.w.para(f"{taker} volunteered to take the minutes.")
        else:
            self.w.para("No minute taker was recorded.")
        self.w.notes(item.notes)

    def attendance(self, item: AgendaItem) -> None:
        meeting = self.meeting
        records = {}
        for record in meeting.attendance:
            records.setdefault(record.member_id, record)
        attended_ids = {
            r.member_id for r in records.values() if r.marked and r.presence.attended
        }
        roster = [m for m in self.members if m.is_active or m.id in attended_ids]
        roster.sort(key=lambda m: m.name.casefold())
        rows: list[list[str]] = []
        counts = {p: 0 for p in Presence}
        regrets: list[str] = []
        absent: list[str] = []
        unmarked: list[str] = []
        movements: list[str] = []
        for member in roster:
            record = records.get(member.id)
            if record is None or not record.marked:
                unmarked.append(member.name)
                continue
            counts[record.presence] += 1
            if record.presence is Presence.REGRETS:
                regrets.append(member.name)
            elif record.presence is Presence.ABSENT:
                absent.append(member.name)
            else:
                person = " ".join(record.person.split()) or member.representative
                if record.presence is Presence.DELEGATE:
                    who, how = f"delegate: {person or 'name not recorded'}", "Delegate"
                elif record.presence is Presence.REMOTE:
                    who, how = person or "\u2014", "Remotely"
                else:
                    who, how = person or "\u2014", "In person"
                rows.append([member.name, who, how])
                label = f"{member.name} ({person})" if person else member.name
                if record.arrived is not None:
                    movements.append(f"{label} arrived at {clock(record.arrived)}")
                if record.departed is not None:
                    movements.append(f"{label} left at {clock(record.departed)}")
        attending = len(rows)
        survivors = any(m.kind is MemberKind.SURVIVOR for m in roster)
        noun = "members" if survivors else "member organizations"
        breakdown = [
            f"{counts[Presence.PRESENT]} in person",
            plural(counts[Presence.DELEGATE], "by delegate", "by delegate"),
            f"{counts[Presence.REMOTE]} remotely",
        ]
        breakdown = [b for b in breakdown if not b.startswith("0 ")]
        summary = f"{attending} of {len(roster)} {noun} attended"
        if breakdown and attending:
            summary += f" ({', '.join(breakdown)})"
        self.w.para(summary + ".")
        if rows:
            self.w.table(["Member", "Represented by", "Attended"], rows, [3.6, 2.0, 0.9])
        else:
            self.w.labelled("Present: ", "none recorded.")
        self.w.labelled("Regrets: ", "; ".join(regrets) + "." if regrets else "none.")
        self.w.labelled("Absent: ", "; ".join(absent) + "." if absent else "none.")
        if unmarked:
            self.w.labelled("Attendance not recorded: ", "; ".join(unmarked) + ".")
            if meeting.status is MeetingStatus.CLOSED:
                self.report.warnings.append(
                    f"Attendance was not recorded for {plural(len(unmarked), 'member')}."
                )
        if meeting.guests:
            guests = []
            for guest in meeting.guests:
                extra = [" ".join(x.split()) for x in (guest.organization, guest.note) if x.strip()]
                guests.append(f"{guest.name} ({'; '.join(extra)})" if extra else guest.name)
            self.w.labelled("Guests (no vote): ", "; ".join(guests) + ".")
        else:
            self.w.labelled("Guests (no vote): ", "none.")
        if movements:
            self.w.labelled("Late arrivals and early departures: ", _end("; ".join(movements)))
        self.w.notes(item.notes)

    def land_acknowledgement(self, item: AgendaItem) -> None:
        by = " ".join(self.meeting.land_acknowledgement_by.split())
        if by:
            self.w.para(f"{by} led the Land Acknowledgement.")
        elif self.meeting.land_acknowledgement_done:
            self.w.para("The Land Acknowledgement was read.")
        else:
            self.w.para("No Land Acknowledgement was recorded.")
        self.w.notes(item.notes)

    def conflicts(self, item: AgendaItem) -> None:
        declared = self.meeting.conflicts
        if not declared:
            self.w.para("There were no declarations of conflict of interest.")
        for conflict in declared:
            target = self.meeting.item(conflict.agenda_item_id)
            if target is not None:
                position = self.meeting.agenda.index(target) + 1
                where = f"item {position} ({' '.join(target.title.split())})"
            else:
                where = "an item no longer on the agenda"
            self.w.para(
                f"{self.name(conflict.member_id)} declared a conflict regarding {where} "
                "and did not take part in the discussion or vote."
            )
        self.w.notes(item.notes)

    def previous_minutes(self, item: AgendaItem) -> None:
        record = self.meeting.previous_minutes
        previous = self.previous
        if previous is not None and record.meeting_id not in (None, previous.id):
            previous = None
        which = (
            f"the minutes of the meeting of {long_date(previous.date)}"
            if previous is not None
            else "the minutes of the previous meeting"
        )
        adjustments = [a for a in (" ".join(x.split()) for x in record.adjustments) if a]
        if adjustments:
            self.w.intro("The following corrections were made:")
            self.w.bullets(_sentence(a) for a in adjustments)
        result = " ".join(record.result.split())
        Which = which[:1].upper() + which[1:]
        if result.startswith("approved"):
            self.w.para(f"{Which} were {result}.")
        elif result == "deferred":
            self.w.para(f"Approval of {which} was deferred.")
        elif result:
            self.w.para(f"{Which}: {_sentence(result)}")
        else:
            self.w.para(f"No decision on {which} was recorded.")
        self.w.notes(item.notes)

    def business_arising(self, item: AgendaItem) -> None:
        self.w.notes(item.notes)
        rows = []
        for action_id in dict.fromkeys(self.meeting.action_updates):
            action = self.actions_by_id.get(action_id)
            if action is None:
                continue
            entry = next(
                (h for h in reversed(action.history) if h.meeting_id == self.meeting.id), None
            )
            status = entry.status if entry is not None else action.status
            note = " ".join(entry.note.split()) if entry is not None else ""
            rows.append(
                [
                    str(action.number) if action.number else "\u2014",
                    " ".join(action.description.split()),
                    self.owner(action),
                    short_date(action.due),
                    _status_word(status),
                    note,
                ]
            )
        if rows:
            self.w.intro("Action items reviewed at this meeting:")
            self.w.table(
                ["No.", "Action", "Owner", "Due", "Status", "Note"],
                rows,
                [0.35, 1.65, 1.5, 0.95, 0.8, 1.25],
            )
        else:
            self.w.para("No action items were reviewed.")

    def subcommittees(self, item: AgendaItem) -> None:
        updates = self.meeting.subcommittee_updates
        names = list(dict.fromkeys(list(self.settings.subcommittees) + list(updates)))
        wrote = False
        for name in names:
            text = " ".join(updates.get(name, "").split())
            if name not in self.settings.subcommittees and not text:
                continue
            self.w.labelled(f"{name}: ", _sentence(text) if text else "No update.")
            wrote = True
        other = self.meeting.other_updates.strip()
        if other:
            lines = [" ".join(x.split()) for x in other.splitlines() if x.strip()]
            self.w.labelled("Other Coalition updates: ", lines[0])
            for line in lines[1:]:
                self.w.para(line)
            wrote = True
        if not self.w.notes(item.notes) and not wrote:
            self.w.para("No updates were recorded.")

    def member_updates(self, item: AgendaItem) -> None:
        wrote = False
        for update in self.meeting.member_updates:
            note = " ".join(update.note.split())
            text = _sentence(note) if note and not update.no_update else "No update."
            self.w.labelled(f"{self.name(update.member_id)}: ", text)
            wrote = True
        if not self.w.notes(item.notes) and not wrote:
            self.w.para("No member updates were recorded.")

    def allow_list(self) -> list[str]:
        """Names that are not personal identifiers (as the app's check uses)."""
        return (
            [m.name for m in self.members]
            + list(self.settings.subcommittees)
            + [self.settings.name]
        )

    def redacted(self, text: str) -> str:
        if not text.strip():
            return ""
        findings = find_identifiers(text, self.allow_list())
        kept, left_out = redact_unreviewed(text, findings, self.meeting.case_examples.reviewed)
        self.report.findings_left_out += left_out
        return kept

    def case_examples(self, item: AgendaItem) -> None:
        cases = self.meeting.case_examples
        notes = self.redacted(cases.notes)
        extra = self.redacted(item.notes)
        had_text = bool(cases.notes.strip() or item.notes.strip())
        if cases.acknowledged_at:
            if had_text:
                self.w.para(
                    "Non-identifying case examples were shared after the confidentiality "
                    "reminder was acknowledged."
                )
            else:
                self.w.para(
                    "The confidentiality reminder was acknowledged. No case examples were recorded."
                )
        elif had_text:
            self.w.para("Non-identifying case examples were shared.")
            self.report.warnings.append(
                "The confidentiality reminder was not recorded as acknowledged before the case examples."
            )
        else:
            self.w.para("No case examples were recorded.")
        self.w.notes(notes)
        self.w.notes(extra)

    def next_meeting(self, item: AgendaItem) -> None:
        nxt = self.meeting.next_meeting
        if nxt.on is not None:
            sentence = f"The next meeting will be held on {long_date(nxt.on)}"
            if nxt.start_time is not None:
                sentence += f", at {clock(nxt.start_time)}"
            self.w.para(_end(sentence))
            location = " ".join(nxt.location.split())
            decided = " ".join(nxt.location_decided_by.split())
            if location:
                where = _end(location)
                if decided:
                    where = f"{location}, decided by {decided}."
                self.w.labelled("Location: ", where)
            else:
                self.w.para("The location is to be confirmed.")
        else:
            self.w.para("The date of the next meeting is to be confirmed.")
        upcoming = [" ".join(x.split()) for x in nxt.upcoming_items if x.strip()]
        if upcoming:
            self.w.intro("Recommended items for the next meeting's agenda:")
            self.w.bullets(upcoming)
        else:
            self.w.para("No upcoming agenda items were recommended.")
        self.w.notes(item.notes)

    def presentation(self, item: AgendaItem) -> None:
        presenter = " ".join(item.presenter.split()) or "not recorded"
        vetted = self.name(item.vetted_by, "not recorded") if item.vetted_by else "not recorded"
        self.w.labelled("Presenter: ", f"{presenter} (vetted by {vetted}).")
        self.notes_or(item, "No notes were recorded.")

    def member_concern(self, item: AgendaItem) -> None:
        if item.raised_by:
            self.w.para(f"Raised by {self.name(item.raised_by)}.")
        self.notes_or(item, "No notes were recorded.")

    def other(self, item: AgendaItem) -> None:
        self.notes_or(item, "No notes were recorded.")

    # -- motions and action items -----------------------------------------

    def motion(self, motion: Motion) -> None:
        if motion.kind is MotionKind.AMENDMENT:
            parent = self.meeting.motion(motion.amends_motion_id or "")
            label = f"Amendment {motion.number}" if motion.number else "Amendment"
            if parent is not None and parent.number:
                label += f" (to motion {parent.number})"
        else:
            label = f"Motion {motion.number}" if motion.number else "Motion"
        paragraph = self.w.para("", STYLE_MOTION)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(minutes_text(motion, self.names))
        if not motion.state.is_closed and not self.incomplete:
            self.report.warnings.append(f"{label} is still open ({motion.state}).")

    def motions_for(self, item: AgendaItem) -> None:
        for motion in sorted(
            (m for m in self.meeting.motions if m.agenda_item_id == item.id),
            key=lambda m: (m.number or 10**6),
        ):
            self.motion(motion)
            self.motions_done.add(motion.id)

    def stray_motions(self) -> None:
        rest = [m for m in self.meeting.motions if m.id not in self.motions_done]
        if not rest:
            return
        self.w.heading("Other motions")
        for motion in sorted(rest, key=lambda m: (m.number or 10**6)):
            self.motion(motion)

    def status_here(self, action: ActionItem):
        """The status recorded at this meeting (approved minutes do not change
        when the item moves on later), else the current one."""
        entry = next(
            (h for h in reversed(action.history) if h.meeting_id == self.meeting.id), None
        )
        return entry.status if entry is not None else action.status

    def new_actions(self) -> None:
        new = [a for a in self.actions if a.created_meeting_id == self.meeting.id]
        new.sort(key=lambda a: (a.number or 10**6, a.description.casefold()))
        self.w.heading("Action items from this meeting")
        if not new:
            self.w.para("No new action items were recorded.")
            return
        rows = [
            [
                str(a.number) if a.number else "\u2014",
                " ".join(a.description.split()),
                self.owner(a),
                short_date(a.due),
                _status_word(self.status_here(a)),
            ]
            for a in new
        ]
        self.w.table(["No.", "Action", "Owner", "Due", "Status"], rows, [0.35, 2.75, 1.65, 0.95, 0.8])
        for a in new:
            if not a.owner_member_id and not a.owner_name.strip():
                self.report.warnings.append(f"Action item {a.number} has no owner.")


# --------------------------------------------------------------------------
# Header, footer, properties


def _header_paragraphs(document: DocxDocument):
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header):
            if part.is_linked_to_previous:
                continue
            yield from part.paragraphs


def _footer_paragraphs(document: DocxDocument):
    for section in document.sections:
        for part in (section.footer, section.first_page_footer, section.even_page_footer):
            if part.is_linked_to_previous:
                continue
            yield from part.paragraphs


def _is_draft_mark(paragraph) -> bool:
    return paragraph.style is not None and paragraph.style.name == STYLE_DRAFT_MARK or (
        "DRAFT" in paragraph.text
    )


def _set_text(paragraph, text: str) -> None:
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.add_run(text)


def _mark_header(document: DocxDocument, meeting: Meeting, settings: Settings, final: bool) -> None:
    marks = [p for p in _header_paragraphs(document) if _is_draft_mark(p)]
    if final:
        short = " ".join(settings.short_name.split()) or "Coalition"
        text = f"{short} minutes, {long_date(meeting.date)} \u2014 approved"
        for paragraph in marks:
            _set_text(paragraph, text)
            paragraph.style = document.styles["Header"]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return
    if not marks:
        header = document.sections[0].header
        header.is_linked_to_previous = False
        paragraph = header.add_paragraph(style=STYLE_DRAFT_MARK)
        paragraph.add_run(DRAFT_MARK)


def _mark_footer(document: DocxDocument, settings: Settings) -> None:
    name = " ".join(settings.name.split()) or DEFAULT_COALITION
    found = False
    for paragraph in _footer_paragraphs(document):
        if "Confidential" not in paragraph.text:
            continue
        found = True
        if name == DEFAULT_COALITION:
            continue
        for run in paragraph.runs:
            if DEFAULT_COALITION in run.text:
                run.text = run.text.replace(DEFAULT_COALITION, name)
    if not found:
        footer = document.sections[0].footer
        footer.is_linked_to_previous = False
        paragraph = footer.add_paragraph(style="Footer")
        paragraph.add_run(CONFIDENTIAL.replace(DEFAULT_COALITION, name))


def _core_properties(
    document: DocxDocument, meeting: Meeting, settings: Settings, author: str, final: bool, now: datetime
) -> None:
    name = " ".join(settings.name.split()) or DEFAULT_COALITION
    props = document.core_properties
    the = name if name.lower().startswith("the ") else f"the {name}"
    props.title = f"Minutes of the meeting of {the}, {long_date(meeting.date)}"
    props.subject = "Approved minutes" if final else "Draft minutes, for approval at the next meeting"
    props.author = author
    props.last_modified_by = author
    props.keywords = f"{settings.short_name} minutes; confidential"
    props.category = "Minutes"
    props.comments = f"Confidential \u2014 {name} members only."
    props.content_status = "Final" if final else "Draft"
    props.identifier = meeting.id
    # Core properties are stored in UTC; a naive ``now`` is local time.
    stamp = now.astimezone(timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = stamp
    props.modified = stamp
    props.revision = 1


# --------------------------------------------------------------------------
# Entry points


def is_final(meeting: Meeting) -> bool:
    return meeting.minutes_status is MinutesStatus.APPROVED


def build_minutes(
    meeting: Meeting,
    *,
    members: list[Member],
    settings: Settings,
    actions: list[ActionItem],
    previous: Meeting | None = None,
    template: Path | None = None,
    now: datetime | None = None,
) -> tuple[DocxDocument, MinutesReport]:
    """The minutes as a python-docx Document (not saved) and the report.

    ``previous`` is the meeting whose minutes this one approved (for its
    date); ``template`` defaults to the templates folder's minutes.docx."""
    document = load_template(template)
    final = is_final(meeting)
    report = MinutesReport(
        path=None,
        final=final,
        incomplete=meeting.status is not MeetingStatus.CLOSED,
    )
    minutes = _Minutes(document, meeting, list(members), settings, list(actions), previous, report)
    minutes.write()
    _mark_header(document, meeting, settings, final)
    _mark_footer(document, settings)
    author = minutes.chair_agency() or " ".join(settings.name.split()) or DEFAULT_COALITION
    _core_properties(document, meeting, settings, author, final, now or datetime.now())
    return document, report


def to_bytes(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def export_minutes(
    meeting: Meeting,
    *,
    members: list[Member],
    settings: Settings,
    actions: list[ActionItem],
    out: Path,
    previous: Meeting | None = None,
    template: Path | None = None,
    force: bool = False,
    now: datetime | None = None,
) -> MinutesReport:
    """Write the minutes to ``out`` (atomically; an existing file only with
    ``force``). Raises MinutesError with a message for the chair."""
    out = Path(out)
    check_target(out, force)
    document, report = build_minutes(
        meeting,
        members=members,
        settings=settings,
        actions=actions,
        previous=previous,
        template=template,
        now=now,
    )
    atomic_write(out, to_bytes(document))
    report.path = out
    return report
