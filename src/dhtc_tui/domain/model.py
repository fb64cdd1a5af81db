"""The coalition's things, as plain dataclasses.

No rule is computed here beyond trivial properties: rules live in the sibling
modules (validation, attendance, voting, agenda, confidentiality). Nothing in
this package imports Textual, TinyDB or python-docx.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
import uuid


def new_id() -> str:
    """A short random identifier, stable once stored."""
    return uuid.uuid4().hex[:12]


# --------------------------------------------------------------------------
# Members and the coalition


class MemberKind(StrEnum):
    ORGANIZATION = "organization"
    SURVIVOR = "survivor"


class Sector(StrEnum):
    """The sectors the Terms of Reference welcome (General Requirements)."""

    DIRECT_SERVICE = "direct service"
    AGENCY_SUPPORT = "agency support"
    GOVERNMENT = "government policy/funding"
    CHILD_PROTECTION = "child protection"
    LAW_ENFORCEMENT = "law enforcement"
    HEALTH = "health/mental health/addiction"
    EDUCATION = "education"
    JUSTICE = "justice"
    HOSPITALITY = "hospitality"
    SURVIVOR = "survivor"
    OTHER = "other"


class MemberStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    REMOVED = "removed"


class LetterKind(StrEnum):
    """Letters the chair sends a member (see dhtc_tui.paperwork.letters)."""

    REMOVAL_NOTICE = "removal notice"
    REMOVAL_OUTCOME = "removal outcome"
    WITHDRAWAL = "withdrawal notice"
    APPLICATION_DECISION = "application decision"


@dataclass
class LetterSent:
    """A letter written to the member: what and when (no free text, so the
    roster's text fields stay as the export gate lists them)."""

    kind: LetterKind
    on: date
    #: The meeting the letter is about, if any.
    meeting_on: date | None = None


@dataclass
class Member:
    name: str
    kind: MemberKind = MemberKind.ORGANIZATION
    sector: Sector = Sector.OTHER
    representatives: list[str] = field(default_factory=list)
    #: Required when more than one representative (Membership Responsibilities).
    representation_reason: str = ""
    email: str = ""
    phone: str = ""
    #: Member ids: two organizations for an organization, one partner agency
    #: for a survivor member (Process of Becoming a Member).
    endorsed_by: list[str] = field(default_factory=list)
    joined: date | None = None
    status: MemberStatus = MemberStatus.ACTIVE
    #: When and why the status last changed (withdrawal, removal,
    #: reinstatement) and, for a removal, the carried motion that decided it.
    status_on: date | None = None
    status_reason: str = ""
    status_motion_id: str | None = None
    votes: bool = True
    contact_updated: date | None = None
    notes: str = ""
    #: The meeting year (its starting calendar year) of an automatic
    #: withdrawal under the 2/3 attendance rule; None otherwise.
    withdrawn_for_year: int | None = None
    #: Meeting years the chair reinstated the member for: the 2/3 rule does
    #: not withdraw it again for those years.
    reinstated_years: list[int] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    #: Letters written to the member (newest last).
    letters: list[LetterSent] = field(default_factory=list)

    @property
    def is_active(self) -> bool:
        return self.status is MemberStatus.ACTIVE

    @property
    def representative(self) -> str:
        return self.representatives[0] if self.representatives else ""


class VotingBase(StrEnum):
    """What "50% + 1" is measured against (Decision Making)."""

    VOTES_CAST = "votes cast"
    PRESENT_ELIGIBLE = "members present and eligible"


@dataclass
class Settings:
    name: str = "Durham Human Trafficking Coalition"
    short_name: str = "DHTC"
    chair_member_id: str | None = None
    subcommittees: list[str] = field(default_factory=list)
    voting_base: VotingBase = VotingBase.VOTES_CAST
    last_tor_review: date | None = None
    default_location: str = ""
    #: The chair's own address: the circulation e-mail goes To it, members in Bcc.
    chair_email: str = ""
    #: Planned meetings per meeting year (September-June); "4 of 6" in the
    #: Terms of Reference. Used by the 2/3 attendance rule.
    meetings_per_year: int = 6
    #: "Each organization has one vote" (Decision Making): survivor members
    #: vote only when the coalition decides so.
    survivors_vote: bool = False


# --------------------------------------------------------------------------
# Action items (tracked across meetings until done)


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in progress"
    CARRIED_FORWARD = "carried forward"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_closed(self) -> bool:
        return self in (ActionStatus.DONE, ActionStatus.DROPPED)


@dataclass
class ActionUpdate:
    meeting_id: str | None
    on: date
    status: ActionStatus
    note: str = ""


@dataclass
class ActionItem:
    description: str
    owner_member_id: str | None = None
    #: A person's name when the owner is not (only) a member organization.
    owner_name: str = ""
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    number: int = 0
    created_meeting_id: str | None = None
    created_on: date | None = None
    history: list[ActionUpdate] = field(default_factory=list)
    id: str = field(default_factory=new_id)

    @property
    def is_open(self) -> bool:
        return not self.status.is_closed


# --------------------------------------------------------------------------
# Membership applications


class ApplicationStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"
    WITHDRAWN = "withdrawn"


@dataclass
class Endorsement:
    member_id: str
    signatory: str  # senior leadership with signing authority
    on: date | None = None


@dataclass
class Review:
    member_id: str
    decision: str  # "approve" or "deny"
    on: date | None = None
    note: str = ""


@dataclass
class Application:
    applicant: str
    kind: MemberKind = MemberKind.ORGANIZATION
    sector: Sector = Sector.OTHER
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    received: date | None = None
    endorsements: list[Endorsement] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    status: ApplicationStatus = ApplicationStatus.PENDING
    notes: str = ""
    id: str = field(default_factory=new_id)


# --------------------------------------------------------------------------
# Meetings


class AgendaKind(StrEnum):
    MINUTE_TAKER = "minute taker"
    ATTENDANCE = "attendance"
    LAND_ACKNOWLEDGEMENT = "land acknowledgement"
    CONFLICTS = "conflicts"
    PREVIOUS_MINUTES = "previous minutes"
    BUSINESS_ARISING = "business arising"
    SUBCOMMITTEES = "sub-committees"
    MEMBER_UPDATES = "member updates"
    CASE_EXAMPLES = "case examples"
    NEXT_MEETING = "next meeting"
    PRESENTATION = "presentation"
    MEMBER_CONCERN = "member item of concern"
    OTHER = "other"


class ItemState(StrEnum):
    TODO = "to do"
    CURRENT = "current"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass
class AgendaItem:
    kind: AgendaKind
    title: str
    state: ItemState = ItemState.TODO
    skip_reason: str = ""
    notes: str = ""
    #: Presentations: who presents and which member organization vetted them.
    presenter: str = ""
    vetted_by: str | None = None
    #: Member item of concern: which member raised it.
    raised_by: str | None = None
    opened_at: datetime | None = None
    #: Seconds spent on the item across every visit, excluding the current one.
    seconds_spent: float = 0.0
    id: str = field(default_factory=new_id)


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in progress"
    CLOSED = "closed"


class MinutesStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class Presence(StrEnum):
    PRESENT = "present"
    DELEGATE = "delegate"
    REMOTE = "remote"
    REGRETS = "regrets"
    ABSENT = "absent"

    @property
    def attended(self) -> bool:
        return self in (Presence.PRESENT, Presence.DELEGATE, Presence.REMOTE)


@dataclass
class Attendance:
    member_id: str
    presence: Presence = Presence.ABSENT
    #: The person who attended: a representative, or the delegate's name.
    person: str = ""
    arrived: time | None = None  # late arrival
    departed: time | None = None  # early departure
    marked: bool = False  # False until someone marks the member


@dataclass
class Guest:
    name: str
    organization: str = ""
    note: str = ""


@dataclass
class ConflictDeclaration:
    member_id: str
    agenda_item_id: str
    nature: str = ""


@dataclass
class PreviousMinutes:
    meeting_id: str | None = None
    adjustments: list[str] = field(default_factory=list)
    #: "" until decided; "approved as presented" / "approved as corrected" /
    #: "deferred".
    result: str = ""
    motion_id: str | None = None


@dataclass
class MemberUpdate:
    member_id: str
    note: str = ""
    no_update: bool = False


@dataclass
class Finding:
    """An identifying detail spotted in case-example text."""

    kind: str
    text: str
    start: int
    end: int


@dataclass
class CaseExamples:
    notes: str = ""
    #: Times the confidentiality reminder was acknowledged (each opening).
    acknowledged_at: list[datetime] = field(default_factory=list)
    #: Finding texts the minute taker marked "reviewed, not identifying",
    #: keyed as "kind|text".
    reviewed: list[str] = field(default_factory=list)


@dataclass
class NextMeeting:
    on: date | None = None
    start_time: time | None = None
    location: str = ""
    #: "consensus" or "majority" (Agenda and Meeting Structure).
    location_decided_by: str = ""
    upcoming_items: list[str] = field(default_factory=list)


class MotionKind(StrEnum):
    GENERAL = "general"
    PREVIOUS_MINUTES = "approve previous minutes"
    LOCATION = "meeting location"
    APPLICATION = "membership application"
    REMOVAL = "removal of a member"
    TOR_CHANGE = "Terms of Reference change"
    AMENDMENT = "amendment"
    OTHER = "other"


class MotionState(StrEnum):
    DRAFT = "draft"
    CONSENSUS = "seeking consensus"
    VOTING = "voting"
    CARRIED = "carried"
    DEFEATED = "defeated"
    WITHDRAWN = "withdrawn"
    TABLED = "tabled"

    @property
    def is_closed(self) -> bool:
        return self in (
            MotionState.CARRIED,
            MotionState.DEFEATED,
            MotionState.WITHDRAWN,
            MotionState.TABLED,
        )


class VoteChoice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


@dataclass
class Vote:
    member_id: str
    choice: VoteChoice
    electronic: bool = False
    cast_at: datetime | None = None


@dataclass
class Exclusion:
    member_id: str
    reason: str


@dataclass
class RemovalRecord:
    notified_on: date | None = None
    reasons: str = ""
    outcome_notice_on: date | None = None
    signed_by: list[str] = field(default_factory=list)  # member ids


@dataclass
class MotionEvent:
    at: datetime
    what: str


@dataclass
class Motion:
    text: str
    kind: MotionKind = MotionKind.GENERAL
    mover_id: str | None = None
    seconder_id: str | None = None
    agenda_item_id: str | None = None
    subject_member_id: str | None = None  # removal motions
    application_id: str | None = None  # membership application motions
    amends_motion_id: str | None = None
    state: MotionState = MotionState.DRAFT
    by_consensus: bool = False
    objections: list[str] = field(default_factory=list)  # member ids
    votes: list[Vote] = field(default_factory=list)
    #: Snapshot taken when the vote opens.
    electorate: list[str] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)
    voting_base: VotingBase = VotingBase.VOTES_CAST
    recorded_vote: bool = False
    opened_at: datetime | None = None
    vote_opened_at: datetime | None = None
    closed_at: datetime | None = None
    removal: RemovalRecord | None = None
    events: list[MotionEvent] = field(default_factory=list)
    number: int = 0
    #: The main motion's wording after a carried amendment, set by the chair
    #: while the motion is open ("" when not amended or not yet reworded).
    amended_text: str = ""
    #: The chair confirmed calling a vote although no objection was recorded.
    vote_without_objection: bool = False
    #: For a motion under "Other business": the agenda item whose declared
    #: conflicts apply, and members whose declared conflicts apply to it.
    conflict_item_id: str | None = None
    conflicted_member_ids: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)


@dataclass
class Meeting:
    date: date
    start_time: time | None = None
    location: str = ""
    #: A video-call link for members joining remotely (agenda and invitation).
    video_link: str = ""
    status: MeetingStatus = MeetingStatus.SCHEDULED
    minutes_status: MinutesStatus = MinutesStatus.DRAFT
    #: Date of the meeting at which these minutes were approved.
    approved_on: date | None = None
    chair_member_id: str | None = None
    chair_person: str = ""
    minute_taker: str = ""
    agenda: list[AgendaItem] = field(default_factory=list)
    current_index: int = 0
    attendance: list[Attendance] = field(default_factory=list)
    guests: list[Guest] = field(default_factory=list)
    conflicts: list[ConflictDeclaration] = field(default_factory=list)
    no_conflicts_declared: bool = False
    land_acknowledgement_by: str = ""
    land_acknowledgement_done: bool = False
    previous_minutes: PreviousMinutes = field(default_factory=PreviousMinutes)
    #: Action item updates made at this meeting (the item keeps its history).
    action_updates: list[str] = field(default_factory=list)
    subcommittee_updates: dict[str, str] = field(default_factory=dict)
    other_updates: str = ""
    member_updates: list[MemberUpdate] = field(default_factory=list)
    case_examples: CaseExamples = field(default_factory=CaseExamples)
    next_meeting: NextMeeting = field(default_factory=NextMeeting)
    motions: list[Motion] = field(default_factory=list)
    called_to_order: time | None = None
    adjourned: time | None = None
    started_at: datetime | None = None
    #: Findings marked "reviewed, not identifying", one per field and exact
    #: text: "path|kind|text" (see domain.disclosure.review_key).
    reviewed: list[str] = field(default_factory=list)
    #: Links the minute taker's notes file to this meeting (domain/seat.py);
    #: seat_merged remembers, per place, the file's text last merged.
    seat_id: str = ""
    seat_merged: dict[str, str] = field(default_factory=dict)
    id: str = field(default_factory=new_id)

    def item(self, item_id: str) -> AgendaItem | None:
        return next((i for i in self.agenda if i.id == item_id), None)

    def item_of_kind(self, kind: AgendaKind) -> AgendaItem | None:
        return next((i for i in self.agenda if i.kind is kind), None)

    def attendance_of(self, member_id: str) -> Attendance | None:
        return next((a for a in self.attendance if a.member_id == member_id), None)

    def motion(self, motion_id: str) -> Motion | None:
        return next((m for m in self.motions if m.id == motion_id), None)

    @property
    def current_item(self) -> AgendaItem | None:
        if 0 <= self.current_index < len(self.agenda):
            return self.agenda[self.current_index]
        return None
