"""A realistic, entirely fictional meeting for the minutes tests."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import pytest

from dhtc_tui.domain.agenda import add_item, add_presentation, standard_agenda
from dhtc_tui.domain.confidentiality import find_identifiers, finding_key
from dhtc_tui.domain.model import (
    ActionItem,
    ActionStatus,
    ActionUpdate,
    AgendaKind,
    Attendance,
    CaseExamples,
    ConflictDeclaration,
    Exclusion,
    Guest,
    ItemState,
    Meeting,
    MeetingStatus,
    Member,
    MemberKind,
    MemberStatus,
    MemberUpdate,
    MinutesStatus,
    Motion,
    MotionKind,
    MotionState,
    NextMeeting,
    Presence,
    PreviousMinutes,
    Sector,
    Settings,
    Vote,
    VoteChoice,
    VotingBase,
)

UNREVIEWED_PHONE = "905-555-0199"
REVIEWED_NAME = "Harbour Lights Diner"
CASE_NOTES = (
    "A member described a youth recruited through an online game; a warm transfer to the "
    "shelter worked well. The worker asked that follow-up go to "
    + UNREVIEWED_PHONE
    + " after hours. Staff at the "
    + REVIEWED_NAME
    + " noticed the pattern first and called the outreach team."
)


@dataclass
class Sample:
    meeting: Meeting
    previous: Meeting
    members: list[Member]
    settings: Settings
    actions: list[ActionItem]
    by_name: dict[str, Member]

    def record(self):
        from dhtc_tui.record import MeetingRecord

        return MeetingRecord(self.meeting, self.members, self.settings, self.actions, self.previous)

    def gate(self):
        from dhtc_tui.domain.disclosure import Gate

        return Gate(self.meeting, self.members, self.settings, self.actions)

    def layout(self):
        """The minutes as the plain model (no python-docx) and the report."""
        from dhtc_tui.minutes.wording import minutes_layout

        return minutes_layout(self.gate(), self.previous)


def build_minutes(sample: Sample, template=None, now=None):
    """The rendered python-docx Document and the report (nothing written)."""
    from dhtc_tui.minutes.document import render

    layout, report = sample.layout()
    return render(layout, template=template, now=now), report


ORGS = [
    ("Maplebrook Victim Services", ["Jordan Avery"]),
    ("Riverbend Police Service \u2014 Counter-Exploitation Unit", ["Det. Kim Laurent"]),
    ("Harbourside Youth Shelter", ["Ana Sokolova"]),
    ("Cedar Grove Women's Centre", ["Bea Oduya"]),
    ("Northvale Sexual Assault Care Centre", ["Dr. Irene Vasquez", "Tom Hale"]),
    ("Lakeview Hotel Association", ["Graham Pike"]),
    ("Stonebridge School Board", ["Helen Marsh"]),
    ("Elmwood Legal Clinic", ["Ravi Chandran"]),
    ("Fernhill Community Health Centre", ["Lena Brooks"]),
    ("Westport Settlement Services", ["Omar Nadeem"]),
    ("Birchwood Transit Safety Office", ["Nell Carver"]),
]


def make_sample() -> Sample:
    members = [
        Member(
            name=name,
            kind=MemberKind.ORGANIZATION,
            sector=Sector.OTHER,
            representatives=list(reps),
            email=f"info@{name.split()[0].lower()}.example.org",
        )
        for name, reps in ORGS
    ]
    members.append(
        Member(
            name="Survivor member (Q.L.)",
            kind=MemberKind.SURVIVOR,
            sector=Sector.SURVIVOR,
            representatives=["Q.L."],
        )
    )
    members.append(
        Member(name="Old Mill Motel Group", representatives=["Ned Frost"], status=MemberStatus.WITHDRAWN,
               email="old@oldmill.example.org")
    )
    # A duplicate address in a different case is sent once.
    members[9].email = "INFO@maplebrook.example.org"
    by_name = {m.name.split()[0]: m for m in members}
    chair = by_name["Maplebrook"]
    settings = Settings(
        chair_member_id=chair.id,
        subcommittees=["Education and Awareness", "Survivor Advisory", "Hospitality Outreach"],
        voting_base=VotingBase.VOTES_CAST,
    )

    previous = Meeting(
        date=date(2026, 6, 18),
        start_time=time(9, 30),
        location="Maplebrook Civic Hall",
        status=MeetingStatus.CLOSED,
        minutes_status=MinutesStatus.APPROVED,
        approved_on=date(2026, 9, 17),
        agenda=standard_agenda(),
    )

    meeting = Meeting(
        date=date(2026, 9, 17),
        start_time=time(9, 30),
        location="Maplebrook Civic Hall, Room 4",
        status=MeetingStatus.CLOSED,
        chair_member_id=chair.id,
        chair_person="Jordan Avery",
        minute_taker="Ana Sokolova",
        agenda=standard_agenda(),
        called_to_order=time(9, 31),
        adjourned=time(11, 2),
        started_at=datetime(2026, 9, 17, 9, 31),
    )
    item = {i.kind: i for i in meeting.agenda}
    for agenda_item in meeting.agenda:
        agenda_item.state = ItemState.DONE
    presentation = add_presentation(
        meeting, "Presentation: trauma-informed intake", "Dr. Mira Santos", by_name["Northvale"].id, members
    )
    presentation.state = ItemState.DONE
    presentation.notes = "Dr. Santos shared an intake checklist; slides to be circulated."
    budget = add_item(meeting, AgendaKind.OTHER, "Budget for the awareness campaign")
    budget.state = ItemState.SKIPPED
    budget.skip_reason = "deferred to October; treasurer absent"

    # Attendance: in person, delegate, remote, regrets, absent, late, early.
    def mark(name: str, presence: Presence, person: str = "", arrived=None, departed=None):
        member = by_name[name]
        meeting.attendance.append(
            Attendance(member.id, presence, person or member.representative, arrived, departed, True)
        )

    mark("Maplebrook", Presence.PRESENT)
    mark("Riverbend", Presence.PRESENT)
    mark("Harbourside", Presence.PRESENT)
    mark("Cedar", Presence.DELEGATE, "Pat Delaney")
    mark("Northvale", Presence.PRESENT, "Dr. Irene Vasquez", arrived=time(9, 52))
    mark("Lakeview", Presence.REMOTE)
    mark("Stonebridge", Presence.PRESENT, departed=time(10, 40))
    mark("Elmwood", Presence.REGRETS)
    mark("Fernhill", Presence.ABSENT)
    mark("Westport", Presence.PRESENT)
    mark("Survivor", Presence.REMOTE)
    # Birchwood is not marked at all.
    meeting.guests = [Guest("Sam Ortiz", "Riverside College placement", "Observer")]

    meeting.land_acknowledgement_by = "Bea Oduya"
    meeting.land_acknowledgement_done = True
    meeting.conflicts = [
        ConflictDeclaration(by_name["Lakeview"].id, item[AgendaKind.BUSINESS_ARISING].id, "bidder")
    ]
    meeting.previous_minutes = PreviousMinutes(
        meeting_id=previous.id,
        adjustments=["Item 7: the Survivor Advisory update was given by Q.L."],
        result="approved as corrected",
    )

    old = ActionItem(
        description="Circulate the updated referral pathway chart",
        owner_member_id=by_name["Harbourside"].id,
        owner_name="Ana Sokolova",
        due=date(2026, 9, 10),
        status=ActionStatus.DONE,
        number=1,
        created_meeting_id=previous.id,
        history=[
            ActionUpdate(previous.id, previous.date, ActionStatus.OPEN, ""),
            ActionUpdate(meeting.id, meeting.date, ActionStatus.DONE, "Shared with all members."),
        ],
    )
    carried = ActionItem(
        description="Draft an honorarium policy for survivor members",
        owner_member_id=chair.id,
        due=date(2026, 9, 1),
        status=ActionStatus.CARRIED_FORWARD,
        number=2,
        created_meeting_id=previous.id,
        history=[ActionUpdate(meeting.id, meeting.date, ActionStatus.CARRIED_FORWARD, "Carried to October.")],
    )
    untouched = ActionItem(
        description="Book the spring venue", number=3, created_meeting_id=previous.id
    )
    new_one = ActionItem(
        description="Share hotel front-desk training dates with members",
        owner_member_id=by_name["Lakeview"].id,
        due=date(2026, 10, 1),
        number=4,
        created_meeting_id=meeting.id,
        # Done since; the minutes of this meeting keep the status it had then.
        status=ActionStatus.DONE,
        history=[ActionUpdate(meeting.id, meeting.date, ActionStatus.OPEN, "")],
    )
    new_two = ActionItem(
        description="Propose wording for the Terms of Reference review",
        owner_name="Helen Marsh",
        due=date(2026, 11, 12),
        number=5,
        created_meeting_id=meeting.id,
    )
    actions = [old, carried, untouched, new_one, new_two]
    meeting.action_updates = [old.id, carried.id]
    item[AgendaKind.BUSINESS_ARISING].notes = "The Chair reviewed open action items with their owners."

    meeting.subcommittee_updates = {
        "Education and Awareness": "Spring campaign planned for secondary schools",
        "Survivor Advisory": "Recommends an honorarium policy.",
    }
    meeting.other_updates = "The website received a refresh grant."
    meeting.member_updates = [
        MemberUpdate(by_name["Riverbend"].id, "Two new investigators joined the unit."),
        MemberUpdate(by_name["Westport"].id, no_update=True),
    ]

    meeting.case_examples = CaseExamples(
        notes=CASE_NOTES,
        acknowledged_at=[datetime(2026, 9, 17, 10, 30)],
    )
    findings = find_identifiers(CASE_NOTES, [m.name for m in members] + settings.subcommittees + [settings.name])
    meeting.case_examples.reviewed = [finding_key(f) for f in findings if f.text == REVIEWED_NAME]
    assert meeting.case_examples.reviewed, findings

    meeting.next_meeting = NextMeeting(
        on=date(2026, 10, 15),
        start_time=time(9, 30),
        location="Online (video call)",
        location_decided_by="consensus",
        upcoming_items=["Honorarium policy for survivor members", "Terms of Reference review"],
    )

    # Motions: previous minutes by consensus; a vote in business arising with
    # a recused member; a defeated motion under sub-committees.
    voters = [by_name[n].id for n in ("Maplebrook", "Riverbend", "Harbourside", "Cedar", "Northvale", "Stonebridge", "Westport")]
    minutes_motion = Motion(
        text="That the minutes of the meeting of June 18, 2026 be approved as corrected.",
        kind=MotionKind.PREVIOUS_MINUTES,
        mover_id=by_name["Cedar"].id,
        seconder_id=by_name["Riverbend"].id,
        agenda_item_id=item[AgendaKind.PREVIOUS_MINUTES].id,
        state=MotionState.CARRIED,
        by_consensus=True,
        number=1,
    )
    contract = Motion(
        text="That the Coalition award the hotel awareness training contract to the lowest compliant bidder",
        mover_id=by_name["Riverbend"].id,
        seconder_id=by_name["Harbourside"].id,
        agenda_item_id=item[AgendaKind.BUSINESS_ARISING].id,
        state=MotionState.CARRIED,
        electorate=voters,
        excluded=[Exclusion(by_name["Lakeview"].id, "declared a conflict of interest on Business arising")],
        votes=[Vote(v, VoteChoice.FOR) for v in voters[:5]]
        + [Vote(voters[5], VoteChoice.AGAINST), Vote(voters[6], VoteChoice.ABSTAIN)],
        vote_opened_at=datetime(2026, 9, 17, 10, 5),
        number=2,
    )
    catering = Motion(
        text="That the Coalition fund catering at every meeting.",
        mover_id=by_name["Stonebridge"].id,
        seconder_id=by_name["Westport"].id,
        agenda_item_id=item[AgendaKind.SUBCOMMITTEES].id,
        state=MotionState.DEFEATED,
        electorate=voters,
        votes=[Vote(v, VoteChoice.FOR) for v in voters[:2]] + [Vote(v, VoteChoice.AGAINST) for v in voters[2:]],
        vote_opened_at=datetime(2026, 9, 17, 10, 20),
        number=3,
    )
    meeting.motions = [minutes_motion, contract, catering]
    meeting.previous_minutes.motion_id = minutes_motion.id
    return Sample(meeting, previous, members, settings, actions, by_name)


@pytest.fixture
def sample() -> Sample:
    return make_sample()


def docx_xml(path_or_bytes) -> str:
    """Every XML part of a .docx, concatenated (for 'nowhere in the file' checks)."""
    import io

    source = path_or_bytes if isinstance(path_or_bytes, (str, Path)) else io.BytesIO(path_or_bytes)
    with zipfile.ZipFile(source) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        )


def body_text(document) -> str:
    """Paragraphs and table cells of the body, in order, one per line."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)
