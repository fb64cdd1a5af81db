"""The official record, situation by situation (issue 9, "Minutes" 1-13).

Each situation is built through the domain functions the console uses and
read back from the exported .docx (python-docx), so a test fails when the
minutes say something the record rules did not decide.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

import docx
import pytest

from dhtc_tui.domain.actions import record_status, start_item
from dhtc_tui.domain.agenda import close_meeting, go_to, plan_meeting, record_title, start_meeting
from dhtc_tui.domain.attendance import mark
from dhtc_tui.domain.effects import carried_effects
from dhtc_tui.domain.model import (
    ActionItem,
    ActionStatus,
    AgendaKind,
    Guest,
    Member,
    Motion,
    MotionKind,
    Presence,
    RemovalRecord,
    Settings,
    VoteChoice,
    VotingBase,
)
from dhtc_tui.domain.previous_minutes import approve_previous
from dhtc_tui.domain.voting import (
    call_vote,
    cast_vote,
    close_vote,
    consensus_sentence,
    count_sentence,
    declare_conflict,
    declare_consensus,
    disposition,
    open_motion,
    present_without_vote,
    record_objection,
    record_outcome_notice,
    record_removal_notice,
    set_amended_wording,
    VotingError,
    tally,
)
from dhtc_tui.minutes.commands import minutes_bytes
from dhtc_tui.record import MeetingRecord

from .conftest import body_text

FIRST = date(2026, 9, 17)
SECOND = date(2026, 10, 15)

NAMES = [
    ("Maplebrook Victim Services", "Jordan Avery"),
    ("Harbourside Youth Shelter", "Ana Sokolova"),
    ("Cedar Grove Women's Centre", "Pat Delaney"),
    ("Lakeview Hotel Association", "Graham Pike"),
    ("Stonebridge School Board", "Helen Marsh"),
    ("Elmwood Legal Clinic", "Omar Reyes"),
]


class Coalition:
    """A small fictional coalition and its meetings, run as the console would."""

    def __init__(self) -> None:
        self.members = [Member(name=n, representatives=[r]) for n, r in NAMES]
        self.settings = Settings(chair_member_id=self.members[0].id, voting_base=VotingBase.VOTES_CAST)
        self.actions: list[ActionItem] = []
        self.by = {m.name.split()[0]: m for m in self.members}

    def id(self, first_word: str) -> str:
        return self.by[first_word].id

    def meeting(self, day: date, previous=None, presence: dict[str, tuple[Presence, str]] | None = None):
        meeting = plan_meeting(day, time(9, 30), "Civic Centre, Room 2B", self.settings, previous)
        start_meeting(meeting, self.at(day, 9, 31))
        meeting.minute_taker = "Ana Sokolova"
        presence = presence or {}
        for member in self.members:
            how, person = presence.get(member.name.split()[0], (Presence.PRESENT, member.representative))
            mark(meeting, member.id, how, person)
        return meeting

    @staticmethod
    def at(day: date, hh: int, mm: int) -> datetime:
        return datetime.combine(day, time(hh, mm))

    def item(self, meeting, kind: AgendaKind):
        return meeting.item_of_kind(kind)

    def move(self, meeting, text, mover, seconder, kind=MotionKind.GENERAL, item=AgendaKind.BUSINESS_ARISING,
             when=(10, 0), **extra) -> Motion:
        motion = Motion(text=text, kind=kind, mover_id=self.id(mover), seconder_id=self.id(seconder),
                        agenda_item_id=self.item(meeting, item).id if item else None, **extra)
        return open_motion(meeting, motion, self.members, self.at(meeting.date, *when))

    def vote(self, meeting, motion, choices: dict[str, VoteChoice], objector: str | None = None, when=(10, 5)):
        now = self.at(meeting.date, *when)
        if objector:
            record_objection(motion, self.id(objector), now)
        call_vote(meeting, motion, self.members, VotingBase.VOTES_CAST, now, now.time(),
                  confirm_no_objection=objector is None)
        for who, choice in choices.items():
            cast_vote(motion, self.id(who), choice, now=now, meeting=meeting)
        close_vote(motion, now + timedelta(minutes=1), meeting=meeting)
        return motion

    def close(self, meeting, hh=11, mm=2):
        go_to(meeting, len(meeting.agenda) - 1, self.at(meeting.date, hh, mm - 1))
        close_meeting(meeting, time(hh, mm), self.at(meeting.date, hh, mm))

    def export(self, meeting, previous=None, approval=None):
        record = MeetingRecord(meeting, self.members, self.settings, self.actions, previous, approval)
        data, report = minutes_bytes(record, now=datetime(2026, 11, 30, 9, 0))
        document = docx.Document(io.BytesIO(data))
        return body_text(document), document, data


FOR, AGAINST, ABSTAIN = VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN


def everyone_but(c: Coalition, *skip: str, choice=FOR) -> dict[str, VoteChoice]:
    return {m.name.split()[0]: choice for m in c.members if m.name.split()[0] not in skip}


def section(text: str, heading: str, until: str) -> str:
    start = text.index(heading)
    return text[start : text.index(until, start + len(heading))]


# 1 -----------------------------------------------------------------------------


def test_final_minutes_approved_as_corrected_list_the_corrections_and_say_how():
    c = Coalition()
    first = c.meeting(FIRST)
    c.close(first)
    second = c.meeting(SECOND, first)
    second.previous_minutes.adjustments.append("Item 7: the update was given by Harbourside Youth Shelter.")
    approval = c.move(second, "That the minutes of September 17, 2026 be approved as corrected", "Cedar", "Elmwood",
                      kind=MotionKind.PREVIOUS_MINUTES, item=AgendaKind.PREVIOUS_MINUTES)
    declare_consensus(approval, c.at(SECOND, 10, 2), meeting=second)
    carried_effects(approval, second, previous=first)
    c.close(second)

    text, _, _ = c.export(first, approval=second)
    assert "Status:\tApproved as corrected at the meeting of Thursday, October 15, 2026, by motion 1" in text
    note = section(text, "Approved as corrected on Thursday, October 15, 2026 (by motion 1).", "Call to order")
    assert "Item 7: the update was given by Harbourside Youth Shelter." in note
    text, _, _ = c.export(second, previous=first)
    assert "The minutes of the meeting of Thursday, September 17, 2026 were approved as corrected, by motion 1." in text


def test_approval_by_consensus_without_a_motion_says_so():
    c = Coalition()
    first = c.meeting(FIRST)
    c.close(first)
    second = c.meeting(SECOND, first)
    approve_previous(second, first)
    c.close(second)
    text, _, _ = c.export(first, approval=second)
    assert "Status:\tApproved as presented at the meeting of Thursday, October 15, 2026, by consensus" in text
    assert "Approved as corrected" not in text
    text, _, _ = c.export(second, previous=first)
    assert "were approved as presented, by consensus." in text


# 2 -----------------------------------------------------------------------------


def test_carried_amendment_prints_before_the_main_result_and_the_wording_is_as_amended():
    c = Coalition()
    m = c.meeting(FIRST)
    main = c.move(m, "That the Coalition hire the lowest bidder", "Maplebrook", "Harbourside")
    amendment = c.move(m, "That 'lowest bidder' be replaced by 'survivor-informed trainer'", "Cedar", "Stonebridge",
                       kind=MotionKind.AMENDMENT, amends_motion_id=main.id, item=None, when=(10, 2))
    c.vote(m, amendment, everyone_but(c), objector="Elmwood", when=(10, 3))
    set_amended_wording(m, main, "That the Coalition hire a survivor-informed trainer", c.at(FIRST, 10, 6))
    c.vote(m, main, everyone_but(c, "Elmwood") | {"Elmwood": AGAINST}, objector="Elmwood", when=(10, 7))
    c.close(m)
    text, _, _ = c.export(m)
    part = section(text, "6. Business arising", "7. ")
    order = [
        part.index("Motion 1: That the Coalition hire the lowest bidder."),
        part.index("Amendment 2 (to motion 1):"),
        part.index("Carried", part.index("Amendment 2")),
        part.index("Motion 1, as decided: That the Coalition hire a survivor-informed trainer, as amended."),
        part.index("Carried: 5 for, 1 against"),
    ]
    assert order == sorted(order)


# 3 -----------------------------------------------------------------------------


def test_a_delegate_without_a_name_is_never_the_usual_representative():
    c = Coalition()
    m = c.meeting(FIRST, presence={"Cedar": (Presence.DELEGATE, "")})
    c.close(m)
    text, document, _ = c.export(m)
    assert "Pat Delaney" not in text  # Cedar Grove's usual representative
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    row = next(r for r in rows if r[0] == "Cedar Grove Women's Centre")
    assert row == ["Cedar Grove Women's Centre", "Name not recorded", "Delegate"]
    assert " ".join(row).lower().count("delegate") == 1


# 4 -----------------------------------------------------------------------------


def test_conflict_prints_its_nature_and_recuses_on_every_motion_of_the_item():
    c = Coalition()
    m = c.meeting(FIRST)
    item = c.item(m, AgendaKind.BUSINESS_ARISING)
    declare_conflict(m, c.id("Lakeview"), item.id, "its members bid on the training contract", at=time(9, 50))
    one = c.move(m, "That the Coalition award the contract", "Maplebrook", "Harbourside")
    c.vote(m, one, everyone_but(c, "Lakeview"), objector="Elmwood")
    two = c.move(m, "That the contract run for one year", "Cedar", "Stonebridge", when=(10, 20))
    c.vote(m, two, everyone_but(c, "Lakeview"), objector="Elmwood", when=(10, 21))
    c.close(m)
    text, _, _ = c.export(m)
    assert (
        "Lakeview Hotel Association declared a conflict of interest regarding item 6 "
        "(Business arising / action items). Nature of the conflict: its members bid on the training contract."
    ) in text
    part = section(text, "6. Business arising", "7. ")
    assert part.count("Lakeview Hotel Association (declared a conflict of interest") == 2
    mark(m, c.id("Elmwood"), Presence.REGRETS)
    with pytest.raises(VotingError):
        declare_conflict(m, c.id("Elmwood"), item.id, "a member not present cannot declare")
    for motion in (one, two):
        assert c.id("Lakeview") not in motion.electorate


# 5 -----------------------------------------------------------------------------


def test_carried_unanimously_only_when_every_eligible_member_voted_for():
    c = Coalition()
    m = c.meeting(FIRST)
    everyone = c.vote(m, c.move(m, "That the Coalition adopt the calendar", "Maplebrook", "Harbourside"),
                      everyone_but(c))
    missing = c.move(m, "That the Coalition adopt the logo", "Cedar", "Stonebridge", when=(10, 20), recorded_vote=True)
    c.vote(m, missing, everyone_but(c, "Elmwood"), when=(10, 21))
    c.close(m)
    text, _, _ = c.export(m)
    assert disposition(everyone) == "Carried unanimously"
    assert "Carried unanimously: 6 for, 0 against, 0 abstentions." in text
    assert disposition(missing) == "Carried"
    assert text.count("Carried unanimously") == 1
    assert "Did not vote: Elmwood Legal Clinic." in text


# 6 and 7 -----------------------------------------------------------------------


def test_count_sentence_present_without_a_vote_and_consensus_sentence_come_from_the_domain():
    c = Coalition()
    m = c.meeting(FIRST)
    m.guests = [Guest("Dana Whitlock", "Riverside College")]
    one = c.vote(m, c.move(m, "That the Coalition write to the region", "Maplebrook", "Harbourside"),
                 {"Maplebrook": FOR, "Harbourside": FOR, "Cedar": FOR, "Elmwood": AGAINST, "Stonebridge": ABSTAIN},
                 objector="Elmwood")
    two = c.vote(m, c.move(m, "That the Coalition meet online in January", "Cedar", "Stonebridge", when=(10, 20)),
                 everyone_but(c), when=(10, 21))
    c.close(m)
    text, _, _ = c.export(m)
    names = {x.id: x.name for x in c.members}
    assert count_sentence(tally(one), disposition(one)) in text
    assert "Carried: 3 for, 1 against, 1 abstention; 1 member did not vote." in text
    assert "4 votes cast for or against; 3 needed (more than half)." in text
    assert "(base:" not in text and "votes_cast" not in text
    assert consensus_sentence(one, names) == (
        "Consensus was not reached; an objection was raised by Elmwood Legal Clinic. The motion was put to a vote."
    )
    assert consensus_sentence(one, names) in text
    assert consensus_sentence(two, names) in text  # the chair confirmed a vote with no objection
    assert "no objection on record" in consensus_sentence(two, names)
    assert present_without_vote(m, one, names)[-1] == ("Dana Whitlock, Riverside College", "guest")
    assert text.count("Dana Whitlock, Riverside College (guest)") == 2  # once per motion


# 8 -----------------------------------------------------------------------------


def test_business_arising_lists_every_open_item_and_new_items_sit_under_it():
    c = Coalition()
    first = c.meeting(FIRST)
    c.actions = [
        start_item(ActionItem("Book the spring venue", c.id("Cedar"), due=date(2026, 10, 1)), 1, FIRST, first.id),
        start_item(ActionItem("Share training dates", c.id("Lakeview"), due=date(2026, 11, 30)), 2, FIRST, first.id),
        start_item(ActionItem("Send the welcome letter", c.id("Maplebrook"), due=date(2026, 9, 30)), 3, FIRST, first.id),
    ]
    c.close(first)
    record_status(c.actions[2], ActionStatus.DONE, "Sent.", on=date(2026, 9, 25))  # closed between meetings
    second = c.meeting(SECOND, first)
    record_status(c.actions[1], ActionStatus.IN_PROGRESS, "Dates set for two hotels.", meeting=second)
    c.actions.append(start_item(ActionItem("Draft the honorarium policy", c.id("Maplebrook")), 4, SECOND, second.id))
    c.close(second)
    text, document, _ = c.export(second, previous=first)
    part = section(text, "6. Business arising", "7. ")
    assert "Action items open at the start of the meeting:" in part
    table = next(t for t in document.tables if len(t.columns) == 6)
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert rows == [
        ["1", "Book the spring venue", "Cedar Grove Women's Centre", "Oct 1, 2026", "Open (overdue)", "No update recorded."],
        ["2", "Share training dates", "Lakeview Hotel Association", "Nov 30, 2026", "In progress", "Dates set for two hotels."],
    ]
    assert "Send the welcome letter" not in text
    assert "New action items from this meeting" in part
    assert "4 | Draft the honorarium policy" in part
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert not any("Action items" in h for h in headings)


# 9 -----------------------------------------------------------------------------


def test_motions_print_in_moved_order_and_nothing_after_the_adjournment():
    c = Coalition()
    first = c.meeting(FIRST, presence={"Elmwood": (Presence.ABSENT, "")})
    removal = Motion(text="That Elmwood Legal Clinic be removed from the Coalition", kind=MotionKind.REMOVAL,
                     mover_id=c.id("Maplebrook"), seconder_id=c.id("Harbourside"), subject_member_id=c.id("Elmwood"),
                     agenda_item_id=c.item(first, AgendaKind.BUSINESS_ARISING).id, removal=RemovalRecord())
    record_removal_notice(removal, date(2026, 9, 1), "Did not uphold the confidentiality agreement.")
    open_motion(first, removal, c.members, c.at(FIRST, 10, 0))
    later = c.move(first, "That the Coalition thank the hosts", "Cedar", "Stonebridge", when=(10, 1))
    declare_consensus(later, c.at(FIRST, 10, 2), meeting=first)  # decided before motion 1
    c.vote(first, removal, {"Maplebrook": AGAINST, "Harbourside": AGAINST, "Cedar": AGAINST, "Lakeview": FOR},
           when=(10, 10))
    record_outcome_notice(removal, FIRST + timedelta(days=3), [c.id("Maplebrook"), c.id("Cedar")], members=c.members)
    c.close(first)
    text, _, _ = c.export(first)
    part = section(text, "6. Business arising", "7. ")
    assert part.index("Motion 1:") < part.index("Motion 2:")
    assert "Written notice of the outcome" not in text
    assert "September 20, 2026" not in text
    second = c.meeting(SECOND, first)
    go_to(second, 5, c.at(SECOND, 10, 0))  # business arising taken up
    c.close(second)
    text, _, _ = c.export(second, previous=first)
    assert (
        "Written notice of the outcome of motion 1 of the meeting of Thursday, September 17, 2026 "
        "(removal of Elmwood Legal Clinic, defeated), dated Sunday, September 20, 2026, was signed by "
        "Maplebrook Victim Services and Cedar Grove Women's Centre."
    ) in section(text, "6. Business arising", "7. ")


# 10 ----------------------------------------------------------------------------


def test_record_titles_are_the_terms_of_reference_wording():
    c = Coalition()
    m = c.meeting(FIRST)
    c.close(m)
    updates = c.item(m, AgendaKind.MEMBER_UPDATES)
    scheduling = c.item(m, AgendaKind.NEXT_MEETING)
    assert updates.title == "Member updates"  # the console's short title stays
    assert record_title(updates) == "Member updates relating to human trafficking or program changes"
    assert record_title(scheduling) == "Scheduling of next meeting and recommended upcoming agenda items"
    text, _, _ = c.export(m)
    assert "8. Member updates relating to human trafficking or program changes" in text
    assert "10. Scheduling of next meeting and recommended upcoming agenda items" in text
    scheduling.title = "Next meeting: January planning"  # a title the chair typed is kept
    assert record_title(scheduling) == "Next meeting: January planning"
