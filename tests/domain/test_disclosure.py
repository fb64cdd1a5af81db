"""The export gate: which texts it sees, the allow-list, reviews, the rule."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given, strategies as st

from dhtc_tui.domain import model
from dhtc_tui.domain.disclosure import (
    FORMAL,
    NAME_FIELDS,
    NOT_FREE_TEXT,
    Cleared,
    DisclosureRefused,
    Gate,
    clean,
    free_texts,
    mark_reviewed,
    record_names,
    require_cleared,
    text_fields,
    unreviewed_findings,
)
from dhtc_tui.domain.model import (
    ActionItem,
    ActionStatus,
    ActionUpdate,
    AgendaKind,
    Attendance,
    Guest,
    Meeting,
    MeetingStatus,
    Member,
    MemberUpdate,
    Motion,
    MotionEvent,
    MotionKind,
    Presence,
    RemovalRecord,
    Settings,
)
from dhtc_tui.domain.agenda import standard_agenda
from dhtc_tui.domain.sequence import previous_meeting

LEAK = "Our client Tanya Moreau, 15, from Oshawa (DOB 2010-03-04, phone 905-555-0199) was placed at 123 Simcoe St N."


def small():
    members = [Member(name="Maplebrook Victim Services", representatives=["Jordan Avery"])]
    meeting = Meeting(date=date(2026, 9, 17), status=MeetingStatus.CLOSED, agenda=standard_agenda())
    return meeting, members, Settings()


# -- no field can bypass the gate -----------------------------------------------


def test_every_text_field_of_the_model_is_gated_or_listed_as_not_free_text():
    """A str field added to the model is gated by default (the walk finds
    it); this fails if someone lists a field that does not exist, or if a
    field's text type is one the walk cannot see."""
    fields = {name: shape for cls in (Meeting, ActionItem) for name, shape in text_fields(cls)}
    assert "Meeting.location" in fields and "MemberUpdate.note" in fields
    stale = set(NOT_FREE_TEXT) - set(fields)
    assert not stale, f"NOT_FREE_TEXT names fields that do not exist: {stale}"
    assert FORMAL <= set(fields) and NAME_FIELDS <= set(fields)
    # Every field reachable from a meeting has a type the walk understands:
    # text, a list or dict of text, a dataclass, or a non-text value.
    for cls in _dataclasses_under(Meeting) | _dataclasses_under(ActionItem):
        for f in dataclasses.fields(cls):
            hint = cls.__annotations__.get(f.name, "")
            text = str(hint)
            if "str" in text and "StrEnum" not in text:
                key = f"{cls.__name__}.{f.name}"
                assert key in fields, f"{key} ({hint}) holds text the gate cannot walk"


def test_no_id_field_is_checked_as_free_text():
    """An id is random hex: one in a few hundred starts with nine digits that
    pass the SIN check ("241135391c5e"), which counted as a finding left out
    of the minutes (and would stop an export from a formal field)."""
    fields = {name for cls in (Meeting, ActionItem) for name, _ in text_fields(cls)}
    ids = {n for n in fields if n.split(".")[1] == "id" or n.endswith(("_id", "_ids"))}
    assert ids <= set(NOT_FREE_TEXT), f"list these id fields in NOT_FREE_TEXT: {ids - set(NOT_FREE_TEXT)}"


def test_a_chair_id_that_looks_like_a_number_is_no_finding():
    from dhtc_tui.domain.disclosure import unreviewed_findings

    chair = Member(name="Maplebrook Victim Services", representatives=["Jordan Avery"])
    chair.id = "241135391c5e"
    meeting = Meeting(date=date(2026, 9, 17), chair_member_id=chair.id)
    assert unreviewed_findings(meeting, [chair], Settings(chair_member_id=chair.id)) == []


def test_every_text_field_of_the_roster_and_settings_says_how_it_reaches_exports():
    from dhtc_tui.domain.disclosure import ROSTER_FIELDS

    fields = {name for cls in (Member, Settings) for name, _ in text_fields(cls)}
    assert fields == set(ROSTER_FIELDS), "classify the new field in ROSTER_FIELDS"


def _dataclasses_under(root: type) -> set[type]:
    import typing

    found: set[type] = set()
    todo = [root]
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.add(cls)
        for hint in typing.get_type_hints(cls).values():
            for arg in (hint, *typing.get_args(hint)):
                if dataclasses.is_dataclass(arg):
                    todo.append(arg)
    return found


def _fill_everything(meeting: Meeting, actions: list[ActionItem], text: str) -> list[str]:
    """Put ``text`` in every gated field the meeting holds; returns their paths."""
    paths = []
    for item in free_texts(meeting, actions):
        if item.key is None:
            setattr(item.owner, item.attr, text)
        else:
            getattr(item.owner, item.attr)[item.key] = text
        paths.append(item.path)
    return paths


def test_a_new_str_field_is_gated_without_anyone_listing_it():
    @dataclasses.dataclass
    class Later(Meeting):  # a field added to the model one day
        interpreter_notes: str = ""

    meeting = Later(date=date(2026, 9, 17), interpreter_notes=LEAK)
    found = {t.path for t in free_texts(meeting)}
    assert "interpreter_notes" in found
    gate = Gate(meeting, [], Settings())
    assert "Moreau" not in gate.text(meeting, "interpreter_notes")
    assert gate.left_out >= 1


def test_free_texts_cover_every_kind_of_field_with_section_and_label():
    meeting, members, settings = small()
    member = members[0]
    item = meeting.item_of_kind(AgendaKind.MEMBER_UPDATES)
    meeting.member_updates.append(MemberUpdate(member.id, note="x"))
    meeting.guests.append(Guest("A. Guest", note="y"))
    meeting.next_meeting.upcoming_items = ["a", "b"]
    meeting.subcommittee_updates = {"Education": "z"}
    motion = Motion("That", kind=MotionKind.REMOVAL, number=2, removal=RemovalRecord(reasons="r"))
    motion.events.append(MotionEvent(at=meeting.started_at or __import__("datetime").datetime(2026, 9, 17), what="Reopened: typo"))
    meeting.motions.append(motion)
    action = ActionItem("Do it", number=4, created_meeting_id=meeting.id)
    action.history.append(ActionUpdate(meeting.id, meeting.date, ActionStatus.DONE, note="n"))
    action.history.append(ActionUpdate("another", meeting.date, ActionStatus.OPEN, note="elsewhere"))
    texts = {t.path: t for t in free_texts(meeting, [action], members)}
    update = texts[f"member_updates[{member.id}].note"]
    assert update.section == f"{meeting.agenda.index(item) + 1}. {item.title}"
    assert update.label == "member update (Maplebrook Victim Services)"
    assert texts["next_meeting.upcoming_items[1]"].label == "recommended item 2"
    assert texts["subcommittee_updates[Education]"].label == "sub-committee update (Education)"
    assert texts[f"motions[{motion.id}].removal.reasons"].formal
    assert texts[f"motions[{motion.id}].text"].label == "motion wording (motion 2)"
    assert texts[f"actions[{action.id}].description"].section == "Action items from this meeting"
    notes = [t for t in texts.values() if t.field == "ActionUpdate.note"]
    assert [t.text for t in notes] == ["n"]  # only this meeting's status change
    assert f"motions[{motion.id}].events[0].what" in texts


# -- allow-list -------------------------------------------------------------------


def test_names_in_the_record_are_not_findings_elsewhere():
    meeting, members, settings = small()
    meeting.minute_taker = "Priya Raman"
    meeting.attendance.append(Attendance(members[0].id, Presence.DELEGATE, person="Dana Whitfield", marked=True))
    meeting.guests.append(Guest("Marcus Bell", organization="Riverside College"))
    meeting.land_acknowledgement_by = "Elder Ruth Cardinal"
    names = record_names(meeting, members, settings)
    for name in ("Priya Raman", "Dana Whitfield", "Marcus Bell", "Riverside College", "Jordan Avery"):
        assert name in names
    meeting.other_updates = "Dana Whitfield and Marcus Bell will meet. Jordan Avery thanked Priya Raman."
    assert unreviewed_findings(meeting, members, settings) == []
    meeting.other_updates += " Kayla Brennan was placed in care."
    found = unreviewed_findings(meeting, members, settings)
    assert [p.finding.text for p in found] == ["Kayla Brennan"]


def test_an_identifying_text_typed_as_a_name_is_not_allowed_elsewhere():
    meeting, members, settings = small()
    meeting.minute_taker = LEAK
    assert LEAK not in record_names(meeting, members, settings)
    assert "Tanya Moreau" not in " ".join(record_names(meeting, members, settings))


# -- reviews ----------------------------------------------------------------------


def test_a_review_covers_that_exact_text_in_that_field_only():
    meeting, members, settings = small()
    item = meeting.item_of_kind(AgendaKind.OTHER) or meeting.agenda[0]
    item.notes = "Call the shelter at 905-555-0123 for referrals."
    meeting.other_updates = "The line 905-555-0123 is staffed."
    found = unreviewed_findings(meeting, members, settings)
    assert len(found) == 2
    notes_finding = next(p for p in found if p.text.path.startswith("agenda["))
    mark_reviewed(meeting, notes_finding.text.path, notes_finding.finding)
    left = unreviewed_findings(meeting, members, settings)
    assert [p.text.path for p in left] == ["other_updates"]
    # Editing the reviewed text makes a new, unreviewed finding.
    item.notes = "Call the shelter at 905-555-0124 for referrals."
    assert len(unreviewed_findings(meeting, members, settings)) == 2
    # Unmarking works too.
    item.notes = "Call the shelter at 905-555-0123 for referrals."
    mark_reviewed(meeting, notes_finding.text.path, notes_finding.finding, reviewed=False)
    assert len(unreviewed_findings(meeting, members, settings)) == 2


def test_case_example_reviews_of_older_files_still_count():
    meeting, members, settings = small()
    meeting.case_examples.notes = "The worker asked that follow-up go to 905-555-0199 after hours."
    meeting.case_examples.reviewed = ["phone|905-555-0199"]
    assert unreviewed_findings(meeting, members, settings) == []
    gate = Gate(meeting, members, settings)
    assert "905-555-0199" in gate.text(meeting.case_examples, "notes")
    assert gate.left_out == 0


# -- the rule ---------------------------------------------------------------------


def test_narrative_loses_the_sentence_and_counts_it():
    meeting, members, settings = small()
    meeting.other_updates = "Training went well. " + LEAK + "\nNext session in May."
    gate = Gate(meeting, members, settings)
    gate.check()
    kept = gate.text(meeting, "other_updates")
    assert type(kept) is Cleared
    assert kept == "Training went well.\nNext session in May."
    assert gate.left_out == len(unreviewed_findings(meeting, members, settings)) >= 3


@pytest.mark.parametrize("where", ["location", "motion", "correction", "removal", "next location"])
def test_formal_text_stops_the_export_naming_meeting_section_and_field(where):
    meeting, members, settings = small()
    motion = Motion("That the Coalition adopt the policy", kind=MotionKind.REMOVAL, removal=RemovalRecord())
    motion.agenda_item_id = meeting.agenda[4].id
    meeting.motions.append(motion)
    if where == "location":
        meeting.location = LEAK
        label = "meeting location"
    elif where == "motion":
        motion.text = "That the Coalition support " + LEAK
        label = "motion wording"
    elif where == "correction":
        meeting.previous_minutes.adjustments = [LEAK]
        label = "correction to previous minutes"
    elif where == "removal":
        motion.removal.reasons = LEAK
        label = "reasons for removal"
    else:
        meeting.next_meeting.location = LEAK
        label = "next meeting location"
    gate = Gate(meeting, members, settings)
    with pytest.raises(DisclosureRefused) as refused:
        gate.check()
    message = str(refused.value)
    assert "\n" not in message
    assert "Thursday, September 17, 2026" in message and label in message
    assert "Moreau" not in message and "905" not in message


def test_a_plain_date_in_a_motion_does_not_stop_the_export():
    meeting, members, settings = small()
    meeting.motions.append(Motion("That the minutes of June 18, 2026 be approved"))
    Gate(meeting, members, settings).check()


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=40))
def test_clean_leaves_nothing_xml_refuses(text):
    cleaned, count = clean(text)
    assert count == len(text) - len(cleaned)
    for char in cleaned:
        code = ord(char)
        assert char in "\t\n\r" or (0x20 <= code < 0x7F) or (0xA0 <= code <= 0xD7FF) or (
            0xE000 <= code <= 0xFFFD
        ) or code >= 0x10000


def test_control_characters_are_stripped_and_counted():
    meeting, members, settings = small()
    meeting.other_updates = "Outreach\x00 van\x1b[2J is back."
    gate = Gate(meeting, members, settings)
    assert gate.text(meeting, "other_updates") == "Outreach van[2J is back."
    assert gate.replaced == 2


def test_cleared_text_comes_only_from_the_gate():
    with pytest.raises(TypeError, match="export gate"):
        Cleared("anything")
    with pytest.raises(TypeError, match="export gate"):
        require_cleared("plain str")
    meeting, members, settings = small()
    gate = Gate(meeting, members, settings)
    words = gate.words("The meeting adjourned at 11:02 a.m.")
    assert require_cleared(words) == words
    # Joining cleared text to plain text is plain text again.
    assert type(words + "!") is str and type(words.upper()) is str


def test_wording_that_would_quote_an_ungated_detail_raises():
    meeting, members, settings = small()
    meeting.other_updates = LEAK
    gate = Gate(meeting, members, settings)
    with pytest.raises(DisclosureRefused, match="bug"):
        gate.words(f"Other updates: {meeting.other_updates}")


# -- the previous meeting -----------------------------------------------------------


def test_previous_meeting_rule():
    def m(day, status=MeetingStatus.CLOSED):
        return Meeting(date=date(2026, *day), status=status)

    june, sept, octo, nov = m((6, 18)), m((9, 17)), m((10, 15)), m((11, 19), MeetingStatus.SCHEDULED)
    refs = [june, sept, octo, nov]
    assert previous_meeting(refs, octo.date, octo.id) is sept
    assert previous_meeting(refs, nov.date, nov.id) is octo
    assert previous_meeting(refs, date(2026, 12, 1)) is octo  # a scheduled one had no minutes
    assert previous_meeting(refs, octo.date, octo.id, named=june.id) is june
    assert previous_meeting(refs, octo.date, octo.id, named="gone") is sept
    assert previous_meeting(refs, june.date, june.id) is None


def test_model_module_has_the_new_fields():
    assert "chair_email" in {f.name for f in dataclasses.fields(model.Settings)}
    assert "reviewed" in {f.name for f in dataclasses.fields(model.Meeting)}
