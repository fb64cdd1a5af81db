"""Export and circulate from a store holding the demo coalition."""

from __future__ import annotations

import email.policy
from datetime import date
from email.parser import BytesParser

import docx
import icalendar
import pytest

from dhtc_tui.demo import build_demo
from dhtc_tui.domain.model import Meeting, MeetingStatus
from dhtc_tui.minutes import MinutesError, commands
from dhtc_tui.record import RecordError, load_record, select_meeting
from dhtc_tui.store.repository import Store

from .conftest import body_text

TODAY = date(2026, 11, 30)  # demo meetings: Sep 17, Oct 15 and Nov 19, 2026


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    directory = tmp_path_factory.mktemp("store")
    opened = Store.open(directory)
    build_demo(opened, TODAY)
    yield opened
    opened.close()


@pytest.fixture
def empty_store(tmp_path):
    opened = Store.open(tmp_path / "empty")
    yield opened
    opened.close()


def dates(store):
    return [r.date for r in store.meetings()]


# -- choosing the meeting --------------------------------------------------------


def test_demo_store_has_three_meetings(store):
    assert dates(store) == [date(2026, 9, 17), date(2026, 10, 15), date(2026, 11, 19)]


@pytest.mark.parametrize("selector", [None, "latest", "LATEST", ""])
def test_latest_is_the_newest_started_meeting(store, selector):
    assert select_meeting(store, selector).date == date(2026, 11, 19)


def test_latest_skips_scheduled_meetings(tmp_path):
    with Store.open(tmp_path / "s") as opened:
        opened.save_meeting(Meeting(date=date(2026, 9, 17), status=MeetingStatus.CLOSED))
        opened.save_meeting(Meeting(date=date(2026, 12, 17), status=MeetingStatus.SCHEDULED))
        assert select_meeting(opened, None).date == date(2026, 9, 17)
        assert select_meeting(opened, "2026-12-17").status is MeetingStatus.SCHEDULED


def test_select_by_date_and_by_id(store):
    meeting = select_meeting(store, "2026-10-15")
    assert meeting.date == date(2026, 10, 15)
    assert select_meeting(store, meeting.id).id == meeting.id


@pytest.mark.parametrize(
    "selector, message",
    [
        ("2026-02-30", "not a valid date"),
        ("2026-13-01", "not a valid date"),
        ("2026-05-07", "no meeting on Thursday, May 7, 2026"),
        ("abc123", "No meeting \u201cabc123\u201d"),
    ],
)
def test_bad_selectors_give_clear_errors(store, selector, message):
    with pytest.raises(RecordError, match=message):
        select_meeting(store, selector)


def test_no_meetings_gives_clear_error(empty_store):
    with pytest.raises(RecordError, match="no meetings yet"):
        select_meeting(empty_store, None)


def test_default_filename_draft_and_final(store):
    settings = store.settings()
    assert commands.default_filename(select_meeting(store, None), settings) == (
        "DHTC-minutes-2026-11-19-DRAFT.docx"
    )
    assert commands.default_filename(select_meeting(store, "2026-09-17"), settings) == (
        "DHTC-minutes-2026-09-17-FINAL.docx"
    )


# -- export ---------------------------------------------------------------------------


def test_export_into_a_folder_with_previous_meeting_date(store, tmp_path):
    report = commands.export(load_record(store, None), tmp_path, False)
    assert report.path == tmp_path / "DHTC-minutes-2026-11-19-DRAFT.docx"
    assert report.final is False and report.incomplete is False
    text = body_text(docx.Document(str(report.path)))
    assert "The minutes of the meeting of Thursday, October 15, 2026 were approved as corrected, by motion 1." in text
    with pytest.raises(MinutesError, match="already exists"):
        commands.export(load_record(store, None), tmp_path, False)
    assert commands.export(load_record(store, None), tmp_path, True).path == report.path


def test_export_to_a_file_path_and_to_the_current_folder(store, tmp_path, monkeypatch):
    out = tmp_path / "september.docx"
    report = commands.export(load_record(store, "2026-09-17"), out, False)
    assert report.path == out and report.final is True
    document = docx.Document(str(out))
    assert "DRAFT" not in " ".join(p.text for p in document.sections[0].header.paragraphs)
    monkeypatch.chdir(tmp_path)
    report = commands.export(load_record(store, "2026-10-15"), None, False)
    assert report.path == tmp_path / "DHTC-minutes-2026-10-15-FINAL.docx"
    assert report.path.is_file()


def test_export_to_a_missing_folder_or_odd_name_is_refused(store, tmp_path):
    # A missing parent folder of a named file is created (issue 14); a
    # missing folder given as a folder is refused.
    report = commands.export(load_record(store, None), tmp_path / "nope" / "m.docx", False)
    assert report.path.is_file()
    with pytest.raises(MinutesError, match="does not exist"):
        commands.export(load_record(store, None), f"{tmp_path}/missing/", False)
    with pytest.raises(MinutesError, match="must end in .docx"):
        commands.export(load_record(store, None), tmp_path / "minutes.pdf", False)


# -- circulate --------------------------------------------------------------------------


def test_circulate_writes_minutes_email_and_invitation(store, tmp_path):
    report = commands.circulate(load_record(store, None), tmp_path, False, today=TODAY)
    names = [p.name for p in report.paths]
    assert names == [
        "DHTC-minutes-2026-11-19-DRAFT.docx",
        "DHTC-minutes-2026-11-19-DRAFT.eml",
        "DHTC-meeting-2027-01-21.ics",
        "DHTC-paper-copies-2026-11-19.docx",  # the demo's survivor members have no e-mail
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)
    with open(report.email_path, "rb") as handle:
        message = BytesParser(policy=email.policy.default).parse(handle)
    assert message["X-Unsent"] == "1"
    # Members in Bcc (no organization sees the others' addresses); the To
    # line waits for the chair's own address (a setting).
    assert "To" not in message
    assert len(message["Bcc"].addresses) == report.recipients == 29
    assert any("No chair e-mail address" in w for w in report.warnings)
    attached = next(message.iter_attachments())
    assert attached.get_filename() == names[0]
    assert attached.get_content() == report.paths[0].read_bytes()
    calendar = icalendar.Calendar.from_ical(report.invitation_path.read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    assert event.decoded("dtstart").date() == date(2027, 1, 21)
    assert any("no e-mail address" in w and "Survivor member" in w for w in report.warnings)


def test_circulate_refuses_before_writing_anything(store, tmp_path):
    (tmp_path / "DHTC-minutes-2026-11-19-DRAFT.eml").write_text("mine")
    with pytest.raises(MinutesError, match="already exists"):
        commands.circulate(load_record(store, None), tmp_path, False, today=TODAY)
    assert [p.name for p in tmp_path.iterdir()] == ["DHTC-minutes-2026-11-19-DRAFT.eml"]


def test_circulate_failure_leaves_nothing_half_written(store, tmp_path, monkeypatch):
    from dhtc_tui.minutes import files

    real = files.atomic_write

    def fail_on_ics(path, payload, *args, **kwargs):
        if path.suffix == ".ics":
            raise MinutesError(f"Cannot write {path}: No space left on device.")
        return real(path, payload, *args, **kwargs)

    monkeypatch.setattr(files, "atomic_write", fail_on_ics)
    with pytest.raises(MinutesError, match="No space left"):
        commands.circulate(load_record(store, None), tmp_path, False, today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_circulate_without_next_meeting_date_skips_invitation(tmp_path):
    with Store.open(tmp_path / "s") as opened:
        opened.save_meeting(Meeting(date=date(2026, 9, 17), status=MeetingStatus.CLOSED))
        out = tmp_path / "out"
        out.mkdir()
        report = commands.circulate(load_record(opened, None), out, False, today=TODAY)
    assert [p.suffix for p in report.paths] == [".docx", ".eml"]
    assert report.invitation_path is None
    assert any("no invitation" in w for w in report.warnings)
    assert any("sender" in w for w in report.warnings)
