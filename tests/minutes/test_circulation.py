"""The circulation e-mail draft (.eml) and the next meeting's invitation (.ics)."""

from __future__ import annotations

import email.policy
from datetime import datetime, timedelta, timezone
from email.parser import BytesParser
from zoneinfo import ZoneInfo

import icalendar
import pytest

from dhtc_tui.minutes import MinutesError
from dhtc_tui.minutes.circulation import (
    DOCX_MIME,
    EmailDraft,
    build_email,
    build_invitation,
    email_draft,
    invitation_draft,
    recipients,
)

NOW = datetime(2026, 9, 18, 12, 0, tzinfo=timezone.utc)


def parse(message) -> email.message.EmailMessage:
    raw = message.as_bytes(policy=email.policy.default.clone(linesep="\r\n"))
    return BytesParser(policy=email.policy.default).parsebytes(raw)


@pytest.fixture
def minutes_file(tmp_path):
    path = tmp_path / "DHTC-minutes-2026-09-17-DRAFT.docx"
    path.write_bytes(b"PK fake docx bytes")
    return path


def mail(sample, minutes_file, now=None):
    draft = email_draft(sample.gate(), minutes_file.name)
    return build_email(draft, minutes_file.read_bytes(), now=now)


def invitation(sample, now=None):
    return build_invitation(invitation_draft(sample.gate()), now=now)


def test_email_draft_to_every_active_member_with_the_minutes_attached(sample, minutes_file):
    sample.settings.chair_email = "chair@maplebrook.example.org"
    message = parse(mail(sample, minutes_file, now=NOW))
    assert message["X-Unsent"] == "1"
    # The chair's own address in To; every member in Bcc.
    assert [a.addr_spec for a in message["To"].addresses] == ["chair@maplebrook.example.org"]
    to = [a.addr_spec for a in message["Bcc"].addresses]
    # Active members only, blanks skipped, one address once (case-insensitively).
    assert "old@oldmill.example.org" not in to
    assert len(to) == len({a.lower() for a in to}) == 10
    assert to[0] == "info@maplebrook.example.org"
    sender = message["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == ("Maplebrook Victim Services", "info@maplebrook.example.org")
    assert message["Subject"] == (
        "Durham Human Trafficking Coalition \u2014 draft minutes of the meeting of Thursday, September 17, 2026"
    )
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Dear Coalition members," in body
    assert "held on Thursday, September 17, 2026" in body
    assert "at our next meeting on Thursday, October 15, 2026 at 9:30 a.m. (Online (video call))." in body
    assert "Jordan Avery, Maplebrook Victim Services" in body
    assert "{" not in body
    attachments = list(message.iter_attachments())
    assert len(attachments) == 1
    attached = attachments[0]
    assert (attached.get_content_maintype(), attached.get_content_subtype()) == DOCX_MIME
    assert attached.get_filename() == minutes_file.name
    assert attached.get_content() == minutes_file.read_bytes()


def test_email_without_chair_address_has_no_sender(sample, minutes_file):
    sample.by_name["Maplebrook"].email = ""
    message = mail(sample, minutes_file)
    assert "From" not in message
    assert "To" not in message  # no chair_email set: the chair fills it in


def test_recipients_split_lists_and_skip_bad_addresses(sample):
    sample.members[0].email = "a@x.example.org; b@x.example.org"
    sample.members[1].email = "not an address"
    found = recipients(sample.members)
    assert found[:2] == ["a@x.example.org", "b@x.example.org"]
    assert all("@" in a and " " not in a for a in found)


def test_invitation_for_the_next_meeting(sample):
    calendar = invitation(sample, now=NOW)
    parsed = icalendar.Calendar.from_ical(calendar.to_ical())
    events = list(parsed.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    start = event.decoded("dtstart")
    assert start == datetime(2026, 10, 15, 9, 30, tzinfo=ZoneInfo("America/Toronto"))
    assert start.utcoffset() == timedelta(hours=-4)
    assert event.decoded("dtend") - start == timedelta(hours=2)
    assert str(event["location"]) == "Online (video call)"
    assert str(event["summary"]) == "Durham Human Trafficking Coalition meeting"
    description = str(event["description"])
    assert "- Honorarium policy for survivor members" in description
    assert "- Terms of Reference review" in description
    assert event.decoded("dtstamp") == NOW
    # The UID is stable: the same meeting gives the same event.
    again = invitation(sample)
    assert str(list(again.walk("VEVENT"))[0]["uid"]) == str(event["uid"])
    # ... and carries no internal id.
    assert sample.meeting.id not in str(event["uid"])
    assert any(str(tz["tzid"]) == "America/Toronto" for tz in parsed.walk("VTIMEZONE"))


def test_invitation_without_start_time_is_all_day(sample):
    sample.meeting.next_meeting.start_time = None
    event = list(invitation(sample).walk("VEVENT"))[0]
    assert event.decoded("dtstart") == sample.meeting.next_meeting.on


def test_invitation_needs_a_date(sample):
    sample.meeting.next_meeting.on = None
    with pytest.raises(MinutesError, match="did not set a date for the next meeting"):
        invitation(sample)


def test_builders_refuse_text_that_did_not_pass_the_gate(sample, minutes_file):
    draft = email_draft(sample.gate(), minutes_file.name)
    draft.body = "Our client Tanya Moreau, 905-555-0199"
    with pytest.raises(TypeError, match="export gate"):
        build_email(draft, b"x")
    draft = email_draft(sample.gate(), minutes_file.name)
    draft.attachment_name = "Tanya-Moreau.docx"
    with pytest.raises(TypeError, match="export gate"):
        build_email(draft, b"x")
    event = invitation_draft(sample.gate())
    event.location = "123 Simcoe St N"
    with pytest.raises(TypeError, match="export gate"):
        build_invitation(event)
    with pytest.raises(TypeError):
        build_email(EmailDraft(subject="s", body="b", attachment_name="a"), b"x")
    with pytest.raises(TypeError):
        build_invitation("not a draft")
