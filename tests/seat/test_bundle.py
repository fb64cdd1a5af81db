"""The notes bundle: what it holds, what it never holds, and wrong files."""

from __future__ import annotations

import json

import pytest

from dhtc_tui.demo import build_demo_coalition
from dhtc_tui.domain import seat as rules
from dhtc_tui.domain.agenda import plan_meeting, prefill_from_previous
from dhtc_tui.domain.model import AgendaKind, MemberUpdate

from tests.conftest import TODAY


@pytest.fixture
def coalition():
    settings, members, actions, applications, meetings = build_demo_coalition(TODAY)
    on, at, where = prefill_from_previous(meetings[-1], settings)
    meeting = plan_meeting(on, at, where, settings, meetings[-1])
    return settings, members, meeting


def test_bundle_holds_what_the_minute_taker_needs(coalition):
    settings, members, meeting = coalition
    bundle = rules.bundle_for(meeting, members, settings)
    assert meeting.seat_id == bundle.seat_id and len(bundle.seat_id) == 32
    assert (bundle.date, bundle.start_time, bundle.location) == (meeting.date, meeting.start_time, meeting.location)
    assert [i.title for i in bundle.agenda] == [i.title for i in meeting.agenda]
    assert [i.id for i in bundle.agenda] == [i.id for i in meeting.agenda]
    assert {m.name for m in bundle.members} == {m.name for m in members if m.is_active}
    chair_org = next(m for m in members if m.id == settings.chair_member_id)
    assert next(m for m in bundle.members if m.id == chair_org.id).representatives == chair_org.representatives
    assert bundle.subcommittees == settings.subcommittees
    data = rules.to_json(bundle)
    assert [i["number"] for i in data["meeting"]["agenda"]] == list(range(1, len(meeting.agenda) + 1))
    assert bundle.filename == f"DHTC-notes-{meeting.date.isoformat()}.dhtc"


def test_bundle_never_holds_contact_details_or_the_chairs_notes(coalition):
    settings, members, meeting = coalition
    assert any(m.email for m in members) and any(m.phone for m in members)
    meeting.agenda[0].notes = "chair only"
    text = json.dumps(rules.to_json(rules.bundle_for(meeting, members, settings)))
    for member in members:
        for detail in (member.email, member.phone, member.notes):
            if detail:
                assert detail not in text
    assert "@" not in text
    assert "chair only" not in text
    assert "email" not in text and "phone" not in text


def test_the_seat_id_is_made_once(coalition):
    settings, members, meeting = coalition
    first = rules.bundle_for(meeting, members, settings).seat_id
    assert rules.bundle_for(meeting, members, settings).seat_id == first


def test_presenters_and_items_of_concern_travel_by_name(coalition):
    settings, members, meeting = coalition
    item = meeting.agenda[5]
    item.kind, item.presenter, item.vetted_by = AgendaKind.PRESENTATION, "A. Speaker, Example Org", members[1].id
    bundle = rules.bundle_for(meeting, members, settings)
    assert bundle.agenda[5].presenter == "A. Speaker, Example Org"
    assert bundle.agenda[5].vetted_by == members[1].name
    seat_meeting = rules.seat_meeting(bundle)
    names = {m.id: m.name for m in rules.seat_members(bundle)}
    assert names[seat_meeting.agenda[5].vetted_by] == members[1].name


def test_round_trip_through_json_keeps_everything(coalition):
    settings, members, meeting = coalition
    bundle = rules.bundle_for(meeting, members, settings)
    bundle.notes.items[meeting.agenda[2].id] = "Led by an elder."
    bundle.notes.member_updates.append(MemberUpdate(members[0].id, "New intake worker"))
    bundle.notes.reviewed.append("name|jordan")
    assert rules.from_json(json.loads(json.dumps(rules.to_json(bundle)))) == bundle


def test_seat_meeting_and_capture_round_trip(coalition):
    settings, members, meeting = coalition
    bundle = rules.bundle_for(meeting, members, settings)
    seat = rules.seat_meeting(bundle)
    assert seat.current_index == 0 and seat.agenda[0].state.value == "current"
    seat.agenda[3].notes = "typed"
    seat.case_examples.notes = "A youth was supported."
    notes = rules.capture(seat)
    assert notes.items == {seat.agenda[3].id: "typed"}
    assert notes.case_examples == "A youth was supported."


@pytest.mark.parametrize(
    "damage, words",
    [
        (lambda d: d.update(format="something-else"), "not a DHTC notes file"),
        (lambda d: d.update(version=99), "newer dhtc-tui"),
        (lambda d: d.update(version="1"), "version should be int"),
        (lambda d: d["meeting"].update(agenda="Land acknowledgement"), "agenda should be list"),
        (lambda d: d["meeting"]["agenda"][0].update(kind="party"), "unknown kind"),
        (lambda d: d["meeting"]["agenda"][0].pop("title"), "agenda item 1 has no \u201ctitle\u201d"),
        (lambda d: d["meeting"].update(date="next Thursday"), "date or time cannot be read"),
        (lambda d: d["notes"].update(items=["a"]), "notes.items should be dict"),
        (lambda d: d["notes"].update(items={"x": 5}), "notes.items should map"),
        (lambda d: d["notes"]["member_updates"].append({"member_id": "x", "note": "n", "no_update": "no"}), "no_update should be bool"),
        (lambda d: d.update(seat_id=""), "no seat id"),
        (lambda d: d.clear(), "not a DHTC notes file"),
    ],
)
def test_files_edited_into_the_wrong_shape_are_refused(coalition, damage, words):
    settings, members, meeting = coalition
    data = json.loads(json.dumps(rules.to_json(rules.bundle_for(meeting, members, settings))))
    damage(data)
    with pytest.raises(rules.BundleError) as caught:
        rules.from_json(data)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_export_check_blocks_unreviewed_findings_until_reviewed(coalition):
    settings, members, meeting = coalition
    bundle = rules.bundle_for(meeting, members, settings)
    bundle.notes.case_examples = "A client called from 905-555-0142 about housing."
    waiting = rules.unreviewed_case_findings(bundle)
    assert [f.kind for f in waiting] == ["phone"]
    from dhtc_tui.domain.confidentiality import finding_key

    bundle.notes.reviewed.append(finding_key(waiting[0]))
    assert rules.unreviewed_case_findings(bundle) == []
    bundle.notes.reviewed.clear()
    bundle.notes.case_examples = "A client called about housing."
    assert rules.unreviewed_case_findings(bundle) == []
