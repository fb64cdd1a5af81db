"""The merge: repeatable, later versions add only what is new, the chair's
words are never overwritten, a file from another meeting is refused."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from dhtc_tui.demo import build_demo_coalition
from dhtc_tui.domain import seat as rules
from dhtc_tui.domain.agenda import plan_meeting, prefill_from_previous
from dhtc_tui.domain.model import AgendaKind, MemberUpdate

from tests.conftest import TODAY

def _planned():
    settings, members, _, _, meetings = build_demo_coalition(TODAY)
    on, at, where = prefill_from_previous(meetings[-1], settings)
    meeting = plan_meeting(on, at, where, settings, meetings[-1])
    return meeting, rules.bundle_for(meeting, members, settings), members, settings


_PLANNED = _planned()


def fresh():
    """A planned meeting and its bundle (copies: tests change them)."""
    meeting, bundle, members, settings = _PLANNED
    return copy.deepcopy(meeting), copy.deepcopy(bundle), members, settings


def item_of(meeting, kind):
    return meeting.item_of_kind(kind)


def test_notes_land_where_the_chair_wrote_nothing():
    meeting, bundle, members, settings = fresh()
    land = item_of(meeting, AgendaKind.LAND_ACKNOWLEDGEMENT)
    bundle.notes.items[land.id] = "Led by the chair."
    bundle.notes.member_updates.append(MemberUpdate(members[3].id, "Two new beds open."))
    bundle.notes.member_updates.append(MemberUpdate(members[4].id, "", no_update=True))
    bundle.notes.subcommittee_updates[settings.subcommittees[0]] = "Met twice."
    bundle.notes.other_updates = "Website refreshed."
    bundle.notes.case_examples = "A youth was supported."
    bundle.notes.reviewed = ["name|kai"]
    changes = rules.preview(meeting, bundle)
    assert land.notes == "" and meeting.member_updates == []  # the preview changes nothing
    assert [c.where for c in changes][0].endswith("Land Acknowledgement")
    assert not any(c.both_wrote for c in changes)
    done = rules.merge(meeting, bundle)
    assert len(done) == len(changes) == 6
    assert land.notes == "Led by the chair."
    by_member = {u.member_id: u for u in meeting.member_updates}
    assert by_member[members[3].id].note == "Two new beds open."
    assert by_member[members[4].id].no_update
    assert meeting.subcommittee_updates[settings.subcommittees[0]] == "Met twice."
    assert meeting.other_updates == "Website refreshed."
    assert meeting.case_examples.notes == "A youth was supported."
    assert meeting.case_examples.reviewed == ["name|kai"]


def test_importing_the_same_file_twice_changes_nothing():
    meeting, bundle, members, settings = fresh()
    bundle.notes.items[meeting.agenda[2].id] = "Seat text."
    meeting.agenda[2].notes = "Chair text."
    rules.merge(meeting, bundle)
    once = copy.deepcopy(meeting)
    assert rules.preview(meeting, bundle) == []
    assert rules.merge(meeting, bundle) == []
    assert meeting == once


def test_both_wrote_keeps_both_texts_attributed():
    meeting, bundle, members, settings = fresh()
    item = meeting.agenda[5]
    item.notes = "Chair: action 4 is done."
    bundle.notes.items[item.id] = "Action 4 done; action 5 carried forward."
    (change,) = rules.preview(meeting, bundle)
    assert change.both_wrote
    rules.merge(meeting, bundle)
    assert item.notes == "Chair: action 4 is done.\n\nMinute taker's notes:\nAction 4 done; action 5 carried forward."


def test_a_later_version_adds_only_what_is_new():
    meeting, bundle, members, settings = fresh()
    item = meeting.agenda[5]
    item.notes = "Chair's line."
    bundle.notes.items[item.id] = "First part."
    rules.merge(meeting, bundle)
    item.notes += "\nChair added after the merge."
    bundle.notes.items[item.id] = "First part. Second part."
    (change,) = rules.preview(meeting, bundle)
    assert change.added == "Second part."
    rules.merge(meeting, bundle)
    assert item.notes == (
        "Chair's line.\n\nMinute taker's notes:\nFirst part. Second part.\nChair added after the merge."
    )
    assert item.notes.count("First part.") == 1


def test_a_trailing_new_line_does_not_split_the_minute_takers_block():
    meeting, bundle, members, settings = fresh()
    item = meeting.agenda[5]
    item.notes = "Chair."
    bundle.notes.items[item.id] = "One.\n"
    rules.merge(meeting, bundle)
    bundle.notes.items[item.id] = "One.\nTwo.\n"
    rules.merge(meeting, bundle)
    assert item.notes == "Chair.\n\nMinute taker's notes:\nOne.\nTwo."


def test_a_later_version_after_the_chair_edited_the_merged_text():
    meeting, bundle, members, settings = fresh()
    item = meeting.agenda[5]
    bundle.notes.items[item.id] = "Draft notes"
    rules.merge(meeting, bundle)
    assert item.notes == "Draft notes"
    item.notes = "Chair's tidy version."
    bundle.notes.items[item.id] = "Draft notes, plus more"
    rules.merge(meeting, bundle)
    assert item.notes == "Chair's tidy version.\n\nMinute taker's notes:\n, plus more"
    assert "Chair's tidy version." in item.notes


def test_a_later_version_replaces_an_untouched_earlier_merge():
    meeting, bundle, members, settings = fresh()
    item = meeting.agenda[5]
    bundle.notes.items[item.id] = "v1"
    rules.merge(meeting, bundle)
    bundle.notes.items[item.id] = "v1 and v2"
    rules.merge(meeting, bundle)
    assert item.notes == "v1 and v2"


def test_only_accepted_places_are_merged_and_the_rest_stay_offered():
    meeting, bundle, members, settings = fresh()
    bundle.notes.items[meeting.agenda[2].id] = "A"
    bundle.notes.items[meeting.agenda[3].id] = "B"
    first, second = rules.preview(meeting, bundle)
    rules.merge(meeting, bundle, accept=[second.key])
    assert meeting.agenda[2].notes == "" and meeting.agenda[3].notes == "B"
    assert [c.key for c in rules.preview(meeting, bundle)] == [first.key]


def test_no_update_never_replaces_the_chairs_note():
    meeting, bundle, members, settings = fresh()
    meeting.member_updates.append(MemberUpdate(members[3].id, "Chair wrote this."))
    bundle.notes.member_updates.append(MemberUpdate(members[3].id, "", no_update=True))
    assert rules.preview(meeting, bundle) == []


def test_an_item_the_chair_removed_is_shown_not_merged():
    meeting, bundle, members, settings = fresh()
    gone = meeting.agenda.pop(4)
    bundle.notes.items[gone.id] = "Notes on a removed item"
    (change,) = rules.preview(meeting, bundle)
    assert change.problem and "Notes on a removed item" in "\n".join(rules.describe(change))
    assert rules.merge(meeting, bundle) == []


def test_a_file_from_another_meeting_is_refused():
    meeting, bundle, members, settings = fresh()
    other, other_bundle, _, _ = fresh()
    other_bundle.seat_id = rules.new_seat_id()
    with pytest.raises(rules.BundleError, match="another meeting"):
        rules.preview(meeting, other_bundle)
    meeting.seat_id = ""
    with pytest.raises(rules.BundleError):
        rules.merge(meeting, bundle)


texts = st.text(alphabet=st.sampled_from("ab \nMx."), max_size=12)


@hsettings(max_examples=150, deadline=None)
@given(chair=st.lists(texts, min_size=4, max_size=4), seat=st.lists(texts, min_size=4, max_size=4),
       later=st.lists(texts, min_size=4, max_size=4), reviewed=st.lists(st.sampled_from(["name|a", "phone|1"])))
def test_merge_is_idempotent_and_keeps_the_chairs_words(chair, seat, later, reviewed):
    meeting, bundle, members, settings = fresh()
    places = meeting.agenda[2:6]
    for item, mine, theirs in zip(places, chair, seat):
        item.notes = mine
        bundle.notes.items[item.id] = theirs
    bundle.notes.case_examples = seat[0]
    bundle.notes.reviewed = reviewed
    rules.merge(meeting, bundle)
    once = copy.deepcopy(meeting)
    assert rules.merge(meeting, bundle) == []
    assert meeting == once
    for item, mine, theirs in zip(places, chair, seat):
        assert mine.rstrip() in item.notes
        if theirs.strip():
            assert theirs.strip() in item.notes
    # A later version: still repeatable, the chair's words still there.
    for item, newer in zip(places, later):
        bundle.notes.items[item.id] = bundle.notes.items[item.id] + newer
    rules.merge(meeting, bundle)
    twice = copy.deepcopy(meeting)
    rules.merge(meeting, bundle)
    assert meeting == twice
    for item, mine in zip(places, chair):
        assert mine.rstrip() in item.notes
