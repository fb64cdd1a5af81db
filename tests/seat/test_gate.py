"""The seat's e-mail draft passes the export gate: the attached copy and the
e-mail's words hold only cleared text; the working file keeps everything."""

from __future__ import annotations

import email
import email.policy
import json

import pytest

from dhtc_tui.demo import build_demo_coalition
from dhtc_tui.domain import seat as rules
from dhtc_tui.domain.agenda import plan_meeting, prefill_from_previous
from dhtc_tui.domain.disclosure import is_cleared
from dhtc_tui.domain.model import AgendaKind, MemberUpdate
from dhtc_tui.seat.files import SeatFileError, read_bundle, write_bundle, write_email_draft
from dhtc_tui.tui.seat.app import SeatApp

from tests.conftest import TODAY

CLIENT = "Our client Tanya Moreau, 15, from Oshawa (phone 905-555-0199)."
LEAKS = ("Tanya", "Moreau", "905-555-0199")


@pytest.fixture
def seat_file(tmp_path):
    settings, members, actions, applications, meetings = build_demo_coalition(TODAY)
    on, at, where = prefill_from_previous(meetings[-1], settings)
    bundle = rules.bundle_for(plan_meeting(on, at, where, settings, meetings[-1]), members, settings)
    path = tmp_path / bundle.filename
    write_bundle(path, bundle)
    return path


def sent(path):
    """(subject, body, attached file as JSON) of the draft beside ``path``."""
    message = email.message_from_bytes(path.with_suffix(".eml").read_bytes(), policy=email.policy.default)
    (attachment,) = list(message.iter_attachments())
    return message["Subject"], message.get_body(("plain",)).get_content(), attachment.get_content().decode()


def with_client_update(path):
    bundle = read_bundle(path)
    member = bundle.members[0]
    bundle.notes.member_updates.append(MemberUpdate(member.id, f"New outreach worker started. {CLIENT} Intake is open."))
    bundle.notes.subcommittee_updates[bundle.subcommittees[0]] = f"Training dates set. {CLIENT}"
    bundle.notes.items[bundle.agenda[0].id] = f"Sam volunteered. {CLIENT}"
    write_bundle(path, bundle)
    return bundle, member


def test_identifying_sentences_are_left_out_of_what_leaves_not_of_the_working_file(seat_file):
    bundle, member = with_client_update(seat_file)
    write_email_draft(seat_file, bundle, "chair@example.org")
    subject, body, attached = sent(seat_file)
    copy = json.loads(attached)["notes"]
    for leak in LEAKS:
        assert leak not in json.dumps(copy) and leak not in body and leak not in subject
    # The roster travels as the chair sent it (a demo representative is a Moreau).
    assert "Tanya" not in attached and "905-555-0199" not in attached
    assert copy["member_updates"] == [
        {"member_id": member.id, "note": "New outreach worker started. Intake is open.", "no_update": False}
    ]
    assert list(copy["subcommittee_updates"].values()) == ["Training dates set."]
    assert copy["items"][bundle.agenda[0].id] == "Sam volunteered."
    # Two details (name, phone) in each of three places; the body counts them.
    assert "6 possible identifying detail(s) were not reviewed" in body
    working = seat_file.read_text()
    assert all(leak in working for leak in LEAKS)
    assert read_bundle(seat_file).notes.member_updates[0].note.endswith("Intake is open.")
    # The copy is still a notes file the chair can import.
    assert rules.from_json(json.loads(attached)).seat_id == bundle.seat_id


def test_the_draft_carries_only_gated_words(seat_file):
    bundle = read_bundle(seat_file)
    draft = rules.outgoing(bundle, seat_file.name)
    assert all(is_cleared(x) for x in (draft.subject, draft.body, draft.attachment_name))
    assert draft.left_out == 0 and "left out" not in draft.body
    # A file renamed after a client leaves under its own plain name.
    renamed = rules.outgoing(bundle, "Tanya Moreau 905-555-0199.dhtc")
    assert renamed.attachment_name == bundle.filename
    assert not any(leak in renamed.body for leak in LEAKS)
    assert "Tanya" not in json.dumps(rules.to_json(renamed.bundle))


def test_unreviewed_case_examples_block_the_draft(seat_file):
    bundle = read_bundle(seat_file)
    bundle.notes.case_examples = "A youth was supported. Her number is 905-555-0142."
    with pytest.raises(SeatFileError) as caught:
        write_email_draft(seat_file, bundle)
    assert "1 identifying detail(s) in the case examples are not reviewed (\u201c905-555-0142\u201d)" in str(caught.value)
    assert not seat_file.with_suffix(".eml").exists()
    assert [f.kind for f in rules.unreviewed_case_findings(bundle)] == ["phone"]


def test_a_bad_address_is_refused_in_one_line(seat_file):
    with pytest.raises(SeatFileError) as caught:
        write_email_draft(seat_file, read_bundle(seat_file), "chair\nBcc: everyone@example.org")
    assert "not an e-mail address" in str(caught.value) and "\n" not in str(caught.value)
    assert not seat_file.with_suffix(".eml").exists()


def test_reviews_of_other_notes_travel_with_the_file(seat_file):
    """A review recorded per field (Meeting.reviewed, as the gate reads it)
    round-trips through the file, clears the detail, and goes with it."""
    bundle, member = with_client_update(seat_file)
    meeting = rules.seat_meeting(bundle)
    from dhtc_tui.domain.disclosure import mark_reviewed, unreviewed_findings

    for pending in unreviewed_findings(meeting, rules.seat_members(bundle), rules.seat_settings(bundle)):
        if pending.text.field == "MemberUpdate.note":
            mark_reviewed(meeting, pending.text.path, pending.finding)
    bundle.notes = rules.capture(meeting)
    assert rules.from_json(json.loads(json.dumps(rules.to_json(bundle)))).notes.reviews == meeting.reviewed
    write_email_draft(seat_file, bundle)
    _, body, attached = sent(seat_file)
    copy = json.loads(attached)["notes"]
    assert CLIENT in copy["member_updates"][0]["note"]
    assert sorted(copy["reviews"]) == sorted(meeting.reviewed) and len(meeting.reviewed) == 2
    assert "4 possible identifying detail(s)" in body  # the other two places still lose theirs


async def wait_for(pilot, condition, tries=400):
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def test_reviewed_in_the_seat_console_the_draft_goes_with_its_review_state(seat_file):
    bundle, _ = with_client_update(seat_file)
    bundle.notes.case_examples = "A youth was supported. Her number is 905-555-0142."
    write_bundle(seat_file, bundle)
    app = SeatApp(seat_file, read_bundle(seat_file))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            with pytest.raises(SeatFileError):
                app.write_email()
            while app.meeting.current_item.kind is not AgendaKind.CASE_EXAMPLES:
                await pilot.press("f4")
                await pilot.pause()
            assert await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfidentialityReminder")
            await pilot.press("ctrl+y")
            panel = app.screen.query_one("#item-panel")
            assert await wait_for(pilot, lambda: bool(getattr(panel, "findings", None)))
            app.screen.query_one("#case-findings").focus()
            await pilot.press("r")
            await pilot.pause()
            app.write_email()
            await pilot.press("ctrl+q")
    finally:
        app.shutdown()
    _, body, attached = sent(seat_file)
    copy = json.loads(attached)["notes"]
    assert copy["reviewed"] == ["phone|905-555-0142"]
    assert copy["case_examples"].endswith("905-555-0142.")
    assert not any(leak in json.dumps(copy) or leak in body for leak in LEAKS)
    assert all(leak in seat_file.read_text() for leak in LEAKS)
    assert read_bundle(seat_file).notes.reviewed == ["phone|905-555-0142"]


def test_the_chair_merges_the_seats_reviews_where_the_gate_reads_them():
    from dhtc_tui.domain.disclosure import mark_reviewed, unreviewed_findings

    settings, members, actions, applications, meetings = build_demo_coalition(TODAY)
    on, at, where = prefill_from_previous(meetings[-1], settings)
    chair = plan_meeting(on, at, where, settings, meetings[-1])
    bundle = rules.bundle_for(chair, members, settings)
    member = bundle.members[0]
    bundle.notes.member_updates.append(MemberUpdate(member.id, "Call the agency line 905-555-0123 for intake."))
    seat = rules.seat_meeting(bundle)
    (pending,) = unreviewed_findings(seat, rules.seat_members(bundle), rules.seat_settings(bundle))
    mark_reviewed(seat, pending.text.path, pending.finding)
    bundle.notes = rules.capture(seat)

    def waiting():
        return [p for p in unreviewed_findings(chair, members, settings) if p.text.field == "MemberUpdate.note"]

    rules.merge(chair, bundle)
    assert chair.reviewed == seat.reviewed and waiting() == []
    assert rules.preview(chair, bundle) == []  # the same file again: nothing
    # A review made later in the seat, with the text unchanged, still arrives.
    chair.reviewed.clear()
    assert len(waiting()) == 1
    (change,) = rules.preview(chair, bundle)
    assert change.added == "" and "reviewed as not identifying: 905-555-0123" in rules.describe(change)[-1]
    rules.merge(chair, bundle)
    assert waiting() == [] and next(u for u in chair.member_updates if u.member_id == member.id).note.endswith("intake.")
