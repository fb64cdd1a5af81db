"""A fictional demo coalition, so every screen has realistic content.

Every agency and person here is invented. The chair role is held by the
agency the Terms of Reference name (Victim Services of Durham Region), as a
role only; its representative is fictional.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from .domain.actions import open_at_start, record_status, start_item
from .domain.agenda import close_meeting, go_to, plan_meeting, start_meeting
from .domain.attendance import mark
from .domain.disclosure import mark_reviewed, unreviewed_findings
from .domain.effects import carried_effects
from .domain.text import long_date
from .domain.voting import (
    call_vote,
    cast_vote,
    close_vote,
    declare_conflict,
    declare_consensus,
    open_motion,
    record_objection,
    record_outcome_notice,
    record_removal_notice,
    set_amended_wording,
)
from .domain.model import (
    ActionItem,
    ActionStatus,
    ActionUpdate,
    AgendaKind,
    Application,
    ApplicationStatus,
    ConflictDeclaration,
    Endorsement,
    Exclusion,
    Guest,
    ItemState,
    Meeting,
    MeetingStatus,
    Member,
    MemberKind,
    MemberStatus,
    MemberUpdate,
    Motion,
    MotionEvent,
    MotionKind,
    MotionState,
    NextMeeting,
    Presence,
    RemovalRecord,
    Review,
    Sector,
    Settings,
    Vote,
    VoteChoice,
    VotingBase,
)

CHAIR_AGENCY = "Victim Services of Durham Region"

# (name, sector, representatives, votes)
ORGANIZATIONS: list[tuple[str, Sector, list[str]]] = [
    (CHAIR_AGENCY, Sector.DIRECT_SERVICE, ["Morgan Ellery"]),
    ("Lakeshore Regional Police Service \u2014 Human Trafficking Unit", Sector.LAW_ENFORCEMENT, ["Det. Sam Okafor"]),
    ("North Shore Youth Shelter", Sector.DIRECT_SERVICE, ["Priya Ranganathan"]),
    ("Bayfield Women's Transition House", Sector.DIRECT_SERVICE, ["Colette Marchand"]),
    ("Pinecrest Sexual Assault Care Centre", Sector.HEALTH, ["Dr. Aisha Benali", "Rowan Tate"]),
    ("Tallgrass Addiction and Mental Health Services", Sector.HEALTH, ["Jonah Whitfield"]),
    ("Lakeridge Community Health Centre", Sector.HEALTH, ["Imani Clarke"]),
    ("Eastfield Children's Aid Society", Sector.CHILD_PROTECTION, ["Harriet Lowe"]),
    ("Kinship Family Services of the Lakeshore", Sector.CHILD_PROTECTION, ["Diego Alvarez"]),
    ("Lakeshore District School Board", Sector.EDUCATION, ["Fiona McTavish"]),
    ("St. Brendan Catholic District School Board", Sector.EDUCATION, ["Luis Ortega"]),
    ("Harbourview College \u2014 Student Wellness", Sector.EDUCATION, ["Nadia Petrova"]),
    ("Lakeshore Crown Attorney's Office", Sector.JUSTICE, ["Gregory Osei"]),
    ("Victim/Witness Support Program (Lakeshore)", Sector.JUSTICE, ["Tessa Kowalski"]),
    ("Community Legal Clinic of the Lakeshore", Sector.JUSTICE, ["Amir Haddad"]),
    ("Lakeshore Region Social Services", Sector.GOVERNMENT, ["Beatrice Nwosu"]),
    ("Ministry Liaison \u2014 Anti-Trafficking Supports", Sector.GOVERNMENT, ["Caleb Fontaine"]),
    ("Lakeshore Hotel Association", Sector.HOSPITALITY, ["Yvonne Desrochers"]),
    ("Shoreline Hospitality Group", Sector.HOSPITALITY, ["Marco Bellini"]),
    ("Safe Passage Outreach Network", Sector.AGENCY_SUPPORT, ["Ruth Abernathy"]),
    ("Anti-Trafficking Training Collaborative", Sector.AGENCY_SUPPORT, ["Keisha Grant"]),
    ("Indigenous Wellness Circle of the Lakeshore", Sector.DIRECT_SERVICE, ["Dawn Whitecloud"]),
    ("Newcomer Settlement Partners", Sector.DIRECT_SERVICE, ["Farah Siddiqui"]),
    ("Rainbow Youth Drop-In", Sector.DIRECT_SERVICE, ["Jesse Moreau"]),
    ("Harbourview Hospital \u2014 Emergency Department", Sector.HEALTH, ["Dr. Owen Sinclair", "Laura Chen"]),
    ("Second Chance Housing Co-operative", Sector.DIRECT_SERVICE, ["Patrick Doyle"]),
    ("Lakeshore Probation and Parole", Sector.JUSTICE, ["Simone Baptiste"]),
    ("Northern Trails Transit Safety Office", Sector.OTHER, ["Wendell Park"]),
    ("Open Door Food and Resource Centre", Sector.AGENCY_SUPPORT, ["Grace Oyelaran"]),
    ("Youth Employment Pathways", Sector.OTHER, ["Theo Lindqvist"]),
]

SURVIVORS: list[tuple[str, str]] = [
    ("Survivor member (A.R.)", "A.R."),
    ("Survivor member (J.T.)", "J.T."),
]

SUBCOMMITTEES = ["Education and Awareness", "Survivor Advisory", "Hospitality Outreach"]

DEMO_LOCATIONS = [
    "Lakeshore Civic Centre, Room 2B",
    "Online (video call)",
    "North Shore Youth Shelter boardroom",
]


def third_thursday(year: int, month: int) -> date:
    first = date(year, month, 1)
    offset = (3 - first.weekday()) % 7
    return first + timedelta(days=offset + 14)


def past_meeting_dates(today: date, count: int = 3) -> list[date]:
    """The last ``count`` third Thursdays before today in meeting months
    (September to June), oldest first."""
    found: list[date] = []
    year, month = today.year, today.month
    while len(found) < count:
        if month not in (7, 8):
            day = third_thursday(year, month)
            if day < today:
                found.append(day)
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return sorted(found)


def build_members(today: date) -> tuple[list[Member], Settings]:
    rng = random.Random(17)
    members: list[Member] = []
    for index, (name, sector, reps) in enumerate(ORGANIZATIONS):
        slug = "".join(ch for ch in name.lower() if ch.isalnum())[:14]
        stale = index in (5, 12, 19)
        member = Member(
            name=name,
            kind=MemberKind.ORGANIZATION,
            sector=sector,
            representatives=list(reps),
            email=f"contact@{slug}.example.org",
            phone=f"905-555-{1000 + index * 37:04d}",
            joined=None if index < 24 else date(2024, 10, 1),
            contact_updated=(
                today - timedelta(days=420 + index) if stale else today - timedelta(days=rng.randint(20, 300))
            ),
        )
        if name.startswith("Harbourview Hospital"):
            member.representation_reason = (
                "Emergency Department and Sexual Assault nurse examiners serve substantially different purposes"
            )
        members.append(member)
    by_name = {m.name: m for m in members}
    # Later members carry their two endorsements (Process of Becoming a Member).
    for member in members[24:]:
        member.endorsed_by = [members[0].id, members[2 + members.index(member) % 5].id]
    for label, initials in SURVIVORS:
        members.append(
            Member(
                name=label,
                kind=MemberKind.SURVIVOR,
                sector=Sector.SURVIVOR,
                representatives=[initials],
                email="",
                phone="",
                endorsed_by=[by_name[CHAIR_AGENCY].id],
                joined=date(2023, 1, 12),
                contact_updated=today - timedelta(days=60),
            )
        )
    # A former member, withdrawn last year (kept, never deleted).
    members.append(
        Member(
            name="Westgate Motel Owners' Circle",
            sector=Sector.HOSPITALITY,
            representatives=["Harold Finch-Maple"],
            email="info@westgatecircle.example.org",
            status=MemberStatus.WITHDRAWN,
            contact_updated=date(2023, 5, 1),
        )
    )
    settings = Settings(
        chair_member_id=by_name[CHAIR_AGENCY].id,
        subcommittees=list(SUBCOMMITTEES),
        voting_base=VotingBase.VOTES_CAST,
        last_tor_review=date(2024, 10, 17),
        default_location=DEMO_LOCATIONS[0],
    )
    return members, settings


def _at(day: date, hh: int, mm: int) -> datetime:
    return datetime.combine(day, time(hh, mm))


class _Chair:
    """Runs the demo's decisions through the domain functions the console
    uses, so every record is one the app could have produced."""

    def __init__(self, meeting: Meeting, members: list[Member]) -> None:
        self.meeting = meeting
        self.members = members

    def move(self, motion: Motion, now: datetime) -> Motion:
        return open_motion(self.meeting, motion, self.members, now)

    def consensus(self, motion: Motion, now: datetime) -> Motion:
        self.move(motion, now)
        declare_consensus(motion, now + timedelta(minutes=1), meeting=self.meeting)
        return motion

    def vote(
        self,
        motion: Motion,
        now: datetime,
        *,
        objector: str | None = None,
        against: int = 0,
        abstain: int = 0,
        silent: int = 0,
        ties: bool = False,
        defeat: bool = False,
        moved: bool = False,
    ) -> Motion:
        """Put ``motion`` for consensus, take the objection (or the chair
        confirms a vote with none), vote and close. The first ``against``
        eligible members vote against (the objector first), the next
        ``abstain`` abstain, the last ``silent`` do not vote, the rest vote
        for; ``ties`` makes for equal against, ``defeat`` a majority against."""
        if not moved:
            self.move(motion, now)
        if objector is not None and motion.kind is not MotionKind.REMOVAL:
            record_objection(motion, objector, now)
        call_vote(
            self.meeting, motion, self.members, VotingBase.VOTES_CAST, now, now.time(),
            confirm_no_objection=objector is None,
        )
        eligible = list(motion.electorate)
        if objector in eligible:
            eligible.remove(objector)
            eligible.insert(0, objector)
        voting = eligible[: len(eligible) - silent] if silent else eligible
        if defeat:
            against = len(voting) // 2 + 1
        if ties:
            against = len(voting) // 2
            abstain = len(voting) - 2 * against
        for index, member_id in enumerate(voting):
            choice = (
                VoteChoice.AGAINST if index < against
                else VoteChoice.ABSTAIN if index < against + abstain
                else VoteChoice.FOR
            )
            cast_vote(motion, member_id, choice, now=now, meeting=self.meeting)
        close_vote(motion, now + timedelta(minutes=2), meeting=self.meeting)
        return motion


def build_demo_coalition(today: date) -> tuple[Settings, list[Member], list[ActionItem], list[Application], list[Meeting]]:
    """Everything the demo holds, built in memory (no store involved)."""
    rng = random.Random(2026)
    members, settings = build_members(today)
    active = [m for m in members if m.is_active]
    orgs = [m for m in active if m.kind is MemberKind.ORGANIZATION]
    chair = orgs[0]
    police, shelter, transition, sacc = orgs[1], orgs[2], orgs[3], orgs[4]
    hotel_assoc = orgs[17]
    school_board = orgs[9]
    northern = orgs[27]
    # Attendance patterns: most attend; two members at risk / under 2/3.
    rarely = {northern.id}  # attends none: withdrawn under 2/3
    sometimes = {orgs[28].id, orgs[15].id}  # attends one: at risk
    # Who must be in the room for the record's situations.
    always = {chair.id, police.id, shelter.id, transition.id, sacc.id, hotel_assoc.id}
    # The minute takers, in person from the start, one per meeting.
    takers = [shelter, orgs[20], orgs[6]]
    always |= {m.id for m in takers}

    dates = past_meeting_dates(today)
    meetings: list[Meeting] = []
    actions: list[ActionItem] = []
    applications = [
        Application(
            applicant="Riverside Nail and Beauty Workers' Alliance",
            sector=Sector.AGENCY_SUPPORT,
            contact_name="Mei-Lin Harcourt",
            email="alliance@riversidenbwa.example.org",
            received=today - timedelta(days=40),
            endorsements=[Endorsement(shelter.id, "Executive Director, North Shore Youth Shelter", today - timedelta(days=35))],
        ),
        Application(
            applicant="Youth Employment Pathways",
            sector=Sector.OTHER,
            contact_name="Theo Lindqvist",
            received=date(2024, 8, 20),
            endorsements=[
                Endorsement(chair.id, "Executive Director, " + CHAIR_AGENCY, date(2024, 8, 28)),
                Endorsement(police.id, "Inspector, Lakeshore Regional Police Service", date(2024, 9, 3)),
            ],
            reviews=[Review(transition.id, "approve", date(2024, 9, 10)), Review(sacc.id, "approve", date(2024, 9, 12))],
            status=ApplicationStatus.APPROVED,
        ),
    ]
    previous: Meeting | None = None
    for number, day in enumerate(dates):
        meeting = plan_meeting(day, time(9, 30), DEMO_LOCATIONS[number % 2], settings, previous)
        start = _at(day, 9, 31)
        start_meeting(meeting, start)
        meeting.chair_person = chair.representative
        meeting.minute_taker = takers[number % 3].representative
        for member in active:
            if member.id in rarely:
                presence = Presence.REGRETS if number == 1 else Presence.ABSENT
            elif member.id in sometimes:
                presence = Presence.PRESENT if number == 0 else Presence.REGRETS
            elif member.id in always:
                presence = Presence.PRESENT
            elif member.id == school_board.id and number == len(dates) - 1:
                presence = Presence.DELEGATE  # a delegate whose name was not recorded
            else:
                roll = rng.random()
                presence = (
                    Presence.PRESENT if roll < 0.7
                    else Presence.REMOTE if roll < 0.82
                    else Presence.DELEGATE if roll < 0.9
                    else Presence.REGRETS
                )
            person = member.representative
            if presence is Presence.DELEGATE:
                person = (
                    "" if member.id == school_board.id
                    else rng.choice(["Alex Mercer", "Jordan Blake", "Casey Nguyen", "Robin Adair"])
                )
            record = mark(meeting, member.id, presence, person)
            if presence is Presence.PRESENT and member.id not in always and rng.random() < 0.06:
                record.arrived = time(9, 52)
        meeting.guests = [Guest("Dana Whitlock", "Harbourview College Social Work placement", "Observer")]
        here = [a.member_id for a in meeting.attendance if a.presence.attended]
        voters = [m for m in orgs if m.id in here and m.id not in always]
        run = _Chair(meeting, members)

        # Walk the agenda and fill each item as a minute taker would.
        for index, item in enumerate(meeting.agenda):
            at = start + timedelta(minutes=index * 8)
            go_to(meeting, index, at)
            kind = item.kind
            if kind is AgendaKind.LAND_ACKNOWLEDGEMENT:
                # Led by someone in the room (a representative attending in person).
                meeting.land_acknowledgement_by = [chair, transition, sacc][number % 3].representative
                meeting.land_acknowledgement_done = True
            elif kind is AgendaKind.CONFLICTS:
                if number == 1:
                    target = meeting.item_of_kind(AgendaKind.BUSINESS_ARISING)
                    declare_conflict(
                        meeting, hotel_assoc.id, target.id,
                        "its members are bidding on the hotel awareness training contract", at=at.time(),
                    )
                else:
                    meeting.no_conflicts_declared = True
            elif kind is AgendaKind.PREVIOUS_MINUTES:
                if previous is None:
                    item.state = ItemState.SKIPPED
                    item.skip_reason = "first meeting of the year; June minutes approved by e-mail"
                    item.opened_at = None
                    continue
                meeting.previous_minutes.meeting_id = previous.id
                if number == 2:
                    meeting.previous_minutes.adjustments.append(
                        "Item 7: the Survivor Advisory update was given by J.T., not A.R."
                    )
                wording = f"That the minutes of the meeting of {long_date(previous.date)} be approved" + (
                    " as corrected" if meeting.previous_minutes.adjustments else " as presented"
                )
                motion = Motion(
                    text=wording, kind=MotionKind.PREVIOUS_MINUTES,
                    mover_id=voters[3].id, seconder_id=voters[5].id, agenda_item_id=item.id,
                )
                run.consensus(motion, at + timedelta(minutes=2))
                carried_effects(motion, meeting, previous=previous)
            elif kind is AgendaKind.BUSINESS_ARISING:
                open_items = [a for a in actions if open_at_start(a, meeting)]
                for action in open_items:
                    status = rng.choice([ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.CARRIED_FORWARD])
                    note = {
                        ActionStatus.DONE: "Completed and shared with members.",
                        ActionStatus.IN_PROGRESS: "Draft circulated; final due next meeting.",
                        ActionStatus.CARRIED_FORWARD: "No update; carried forward.",
                    }[status]
                    record_status(action, status, note, meeting=meeting)
                if open_items:
                    item.notes = "The Chair reviewed open action items with their owners."
                if number == 1:
                    contract_motions(run, item, voters, police, transition, at)
                elif number == 2:
                    removal_motion(run, meeting, item, voters, members, northern, chair, transition, at)
            elif kind is AgendaKind.SUBCOMMITTEES:
                meeting.subcommittee_updates = {
                    "Education and Awareness": "Finalising the spring awareness campaign for secondary schools; two new volunteer presenters trained.",
                    "Survivor Advisory": "Met twice; recommends an honorarium policy for survivor members' time.",
                    "Hospitality Outreach": "Front-desk training delivered to staff at four hotels; two more booked.",
                }
                if number == 2:
                    meeting.subcommittee_updates.pop("Hospitality Outreach")
                meeting.other_updates = "The Coalition's website received a refresh grant for the coming year."
                if number == 1:
                    catering = Motion(
                        text="That the Coalition fund catering at every meeting from the awareness budget.",
                        kind=MotionKind.OTHER,
                        mover_id=voters[6].id, seconder_id=voters[7].id, agenda_item_id=item.id,
                    )
                    run.vote(catering, at + timedelta(minutes=3), ties=True)
            elif kind is AgendaKind.MEMBER_UPDATES:
                for member_id in here[:12]:
                    if rng.random() < 0.3:
                        meeting.member_updates.append(MemberUpdate(member_id, no_update=True))
                    else:
                        meeting.member_updates.append(
                            MemberUpdate(
                                member_id,
                                rng.choice(
                                    [
                                        "New part-time outreach worker started; referral process unchanged.",
                                        "Waitlist for counselling reduced to three weeks.",
                                        "Launching a drop-in evening on Wednesdays.",
                                        "Program funding renewed for two years.",
                                        "Staff completed trauma-informed care refresher training.",
                                    ]
                                ),
                            )
                        )
            elif kind is AgendaKind.CASE_EXAMPLES:
                meeting.case_examples.acknowledged_at.append(at)
                meeting.case_examples.notes = [
                    "A member described a youth recruited through an online gaming chat; a warm transfer to the shelter and counselling worked well.",
                    "Discussion of a case where a survivor needed urgent dental care; members shared options for low-cost clinics.",
                    "A hospitality member described front-desk staff noticing repeated short stays; police were consulted and supports offered.",
                ][number]
            elif kind is AgendaKind.NEXT_MEETING:
                upcoming = dates[number + 1] if number + 1 < len(dates) else third_thursday(
                    *((today.year, today.month + 2) if today.month <= 10 else (today.year + 1, (today.month + 2) % 12 or 12))
                )
                if upcoming.month in (7, 8):
                    upcoming = third_thursday(upcoming.year, 9)
                meeting.next_meeting = NextMeeting(
                    on=upcoming,
                    start_time=time(9, 30),
                    location=DEMO_LOCATIONS[(number + 1) % 2],
                    # Decided by a motion at the first meeting (its effect
                    # records how); agreed without one afterwards.
                    location_decided_by="" if number == 0 else "consensus",
                    upcoming_items=[
                        ["Presentation: survivor-informed intake practices", "Budget for the awareness campaign"],
                        ["Terms of Reference review: proposed changes"],
                        ["Honorarium policy for survivor members", "Spring awareness campaign launch"],
                    ][number],
                )
                if number == 0:
                    item.notes = "Members discussed alternating locations so that members outside the city can attend more easily."
                    location = Motion(
                        text="That regular meetings alternate between the Lakeshore Civic Centre and online.",
                        kind=MotionKind.LOCATION,
                        mover_id=voters[1].id, seconder_id=voters[2].id, agenda_item_id=item.id,
                    )
                    run.vote(location, at + timedelta(minutes=2), objector=voters[8].id, against=3, abstain=2)
                    carried_effects(location, meeting)
                elif number == 2:
                    tor = Motion(
                        text="That the Terms of Reference review begin at the next meeting, led by the Chair.",
                        kind=MotionKind.TOR_CHANGE,
                        mover_id=voters[0].id, seconder_id=voters[8].id, agenda_item_id=item.id,
                    )
                    run.consensus(tor, at + timedelta(minutes=3))
        # New action items at this meeting.
        templates = [
            [
                ("Circulate the updated referral pathway chart", shelter, 21),
                ("Draft an honorarium policy for survivor members", chair, 45),
            ],
            [
                ("Share hotel front-desk training dates with members", hotel_assoc, 14),
                ("Collect member feedback on the awareness campaign", orgs[20], 30),
                ("Confirm the spring meeting room booking", orgs[16], 20),
            ],
            [
                ("Update the members' contact list before the new year", chair, 30),
                ("Propose wording for the Terms of Reference review", None, 60),
            ],
        ][number % 3]
        for text, owner, due_days in templates:
            actions.append(
                start_item(
                    ActionItem(
                        description=text,
                        owner_member_id=owner.id if owner else None,
                        owner_name=owner.representative if owner else "Keisha Grant",
                        due=day + timedelta(days=due_days),
                    ),
                    len(actions) + 1,
                    day,
                    meeting.id,
                )
            )
        end = _at(day, 11, 2 + number * 4)
        close_meeting(meeting, end.time(), end)
        # The motions' own history notes dates (and the removal notice's
        # day); they never reach the minutes, and the chair has reviewed them.
        for pending in unreviewed_findings(meeting, members, settings, actions):
            if pending.text.field == "MotionEvent.what":
                mark_reviewed(meeting, pending.text.path, pending.finding)
        meetings.append(meeting)
        previous = meeting
    return settings, members, actions, applications, meetings


def contract_motions(run: _Chair, item, voters, police, transition, at: datetime) -> None:
    """A contract motion, amended (the amendment carries first), decided by
    a recorded vote in which some members present did not vote; the member
    that declared a conflict on this item is recused."""
    meeting = run.meeting
    contract = Motion(
        text="That the Coalition award the hotel awareness training contract to the lowest compliant bidder.",
        kind=MotionKind.GENERAL,
        mover_id=police.id, seconder_id=transition.id, agenda_item_id=item.id,
        recorded_vote=True,
    )
    run.move(contract, at + timedelta(minutes=2))
    amendment = Motion(
        text="That the words \u201clowest compliant bidder\u201d be replaced by \u201cbidder offering survivor-informed training\u201d.",
        kind=MotionKind.AMENDMENT,
        mover_id=voters[4].id, seconder_id=voters[9].id,
        amends_motion_id=contract.id,
    )
    run.vote(amendment, at + timedelta(minutes=3), objector=voters[10].id, against=4, abstain=1)
    set_amended_wording(
        meeting, contract,
        "That the Coalition award the hotel awareness training contract to the bidder offering survivor-informed training.",
        at + timedelta(minutes=6),
    )
    run.vote(contract, at + timedelta(minutes=6), objector=voters[11].id, against=2, abstain=1, silent=2, moved=True)


def removal_motion(run: _Chair, meeting, item, voters, members, subject, chair, transition, at: datetime) -> None:
    """A removal motion, defeated; its written outcome notice is signed three
    days after the meeting (so it belongs to the next meeting's record)."""
    removal = Motion(
        text=f"That {subject.name} be removed from the Coalition for not upholding the confidentiality agreement.",
        kind=MotionKind.REMOVAL,
        mover_id=voters[2].id, seconder_id=voters[4].id,
        subject_member_id=subject.id, agenda_item_id=item.id,
        removal=RemovalRecord(),
    )
    record_removal_notice(
        removal, meeting.date - timedelta(days=14),
        "Concerns raised about sharing meeting content outside the membership.",
    )
    run.vote(removal, at + timedelta(minutes=2), defeat=True, abstain=1)
    record_outcome_notice(
        removal, meeting.date + timedelta(days=3), [chair.id, transition.id], members=members,
        now=datetime.combine(meeting.date + timedelta(days=3), time(14, 0)),
    )


def build_demo(store, today: date | None = None, plan_next: bool = False) -> None:
    """Write the demo coalition into an open (empty or forced) store;
    ``plan_next`` also plans the next meeting (the command line does; screen
    tests plan it themselves)."""
    today = today or date.today()
    settings, members, actions, applications, meetings = build_demo_coalition(today)
    store.save_many(members=members, actions=actions, applications=applications, settings=settings)
    for meeting in meetings:
        store.save_meeting(meeting)
    if plan_next:  # the date the last meeting chose, as the planning screen would
        from .domain.agenda import plan_meeting, prefill_from_previous

        on, at, where = prefill_from_previous(meetings[-1], settings)
        store.save_meeting(plan_meeting(on, at, where, settings, meetings[-1]))
