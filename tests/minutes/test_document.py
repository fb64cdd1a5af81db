"""The minutes .docx: every part, read back with python-docx."""

from __future__ import annotations

import io
import os
import stat
from datetime import date, datetime, timezone

import docx
import pytest

from dhtc_tui.domain.model import ItemState, MeetingStatus, MinutesStatus
from dhtc_tui.minutes import MinutesError
from dhtc_tui.minutes import template as tpl
from dhtc_tui.minutes.commands import export
from dhtc_tui.minutes.document import to_bytes

from .conftest import REVIEWED_NAME, UNREVIEWED_PHONE, body_text, build_minutes, docx_xml, make_sample

NOW = datetime(2026, 9, 18, 8, 15)


def build(sample, **extra):
    document, report = build_minutes(sample, now=NOW, **extra)
    data = to_bytes(document)
    return docx.Document(io.BytesIO(data)), report, data


@pytest.fixture(scope="module")
def draft():
    return build(make_sample())


@pytest.fixture(scope="module")
def text(draft):
    return body_text(draft[0])


def section(text: str, heading: str, until: str) -> str:
    start = text.index(heading)
    return text[start : text.index(until, start + len(heading))]


# -- front matter ------------------------------------------------------------


def test_title_and_meeting_details(draft, text):
    document = draft[0]
    first = document.paragraphs[0]
    assert first.style.name == "Title"
    assert first.text == "Minutes of the meeting of the Durham Human Trafficking Coalition"
    assert "Date:\tThursday, September 17, 2026" in text
    assert "Time:\t9:31 a.m. to 11:02 a.m." in text
    assert "Location:\tMaplebrook Civic Hall, Room 4" in text
    assert "Chair:\tMaplebrook Victim Services (Jordan Avery)" in text
    assert "Minute taker:\tAna Sokolova" in text
    assert "INCOMPLETE" not in text


def test_draft_header_and_confidential_footer(draft):
    document, report, data = draft
    assert report.final is False and report.incomplete is False
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "DRAFT \u2014 for approval at the next meeting" in header
    footer = document.sections[0].footer
    assert "Confidential \u2014 Durham Human Trafficking Coalition members only" in footer.paragraphs[0].text
    assert 'w:instr=" PAGE ' in footer._element.xml and "NUMPAGES" in footer._element.xml


def test_core_properties(draft):
    props = draft[0].core_properties
    assert props.title == "Minutes of the meeting of the Durham Human Trafficking Coalition, Thursday, September 17, 2026"
    assert props.author == "Maplebrook Victim Services"
    assert props.created == props.modified == NOW.astimezone(timezone.utc)
    assert props.revision == 1
    assert "Draft" in props.subject


# -- agenda in order ---------------------------------------------------------


def test_sections_follow_the_agenda_in_order(draft):
    headings = [p.text for p in draft[0].paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Call to order",
        "1. Volunteer minute taker",
        "2. Attendance",
        "3. Land Acknowledgement",
        "4. Declarations of Conflict of Interest",
        "5. Approval of Previous Minutes",
        "6. Business arising / action items",
        "7. Coalition and Sub-Committee updates",
        "8. Member updates relating to human trafficking or program changes",
        "9. Presentation: trauma-informed intake",
        "10. Budget for the awareness campaign",
        "11. Case Examples (non-identifying)",
        "12. Scheduling of next meeting and recommended upcoming agenda items",
        "Adjournment",
    ]


def test_call_to_order_minute_taker_land_acknowledgement_and_adjournment(text):
    assert "The Chair called the meeting to order at 9:31 a.m." in text
    assert "a.m.." not in text
    assert "Ana Sokolova volunteered to take the minutes." in text
    assert "Bea Oduya led the Land Acknowledgement." in text
    assert text.rstrip().endswith("The meeting adjourned at 11:02 a.m.")


def test_attendance(draft, text):
    part = section(text, "2. Attendance", "3. Land Acknowledgement")
    assert "9 of 12 members attended (6 in person, 1 by delegate, 2 remotely)." in part
    assert "Maplebrook Victim Services | Jordan Avery | In person" in part
    assert "Cedar Grove Women's Centre | Pat Delaney | Delegate" in part
    assert "Lakeview Hotel Association | Graham Pike | Remotely" in part
    assert "Regrets: Elmwood Legal Clinic." in part
    assert "Absent: Fernhill Community Health Centre." in part
    assert "Attendance not recorded: Birchwood Transit Safety Office." in part
    assert "Guests (no vote): Sam Ortiz (Riverside College placement; Observer)." in part
    assert "Northvale Sexual Assault Care Centre (Dr. Irene Vasquez) arrived at 9:52 a.m." in part
    assert "Stonebridge School Board (Helen Marsh) left at 10:40 a.m." in part
    assert "Old Mill Motel Group" not in part  # withdrawn and not attending
    table = draft[0].tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Member", "Represented by", "Attended"]
    assert table.style.name == tpl.STYLE_TABLE
    assert len(table.rows) == 1 + 9
    assert any("Attendance was not recorded for 1 member" in w for w in draft[1].warnings)


def test_conflicts_and_previous_minutes(text):
    assert (
        "Lakeview Hotel Association declared a conflict of interest regarding item 6 "
        "(Business arising / action items). Nature of the conflict: bidder. "
        "It did not take part in the discussion or vote on that item's motions."
    ) in text
    part = section(text, "5. Approval of Previous Minutes", "6. Business arising")
    assert "Item 7: the Survivor Advisory update was given by Q.L." in part
    assert "The minutes of the meeting of Thursday, June 18, 2026 were approved as corrected, by motion 1." in part
    assert "Motion 1: That the minutes of the meeting of June 18, 2026 be approved as corrected." in part
    assert "Carried by consensus." in part


def test_business_arising_table_and_its_motion(draft, text):
    part = section(text, "6. Business arising", "7. Coalition")
    assert "The Chair reviewed open action items with their owners." in part
    table = next(t for t in draft[0].tables if t.rows[0].cells[0].text == "No." and len(t.columns) == 6)
    assert [c.text for c in table.rows[0].cells] == ["No.", "Action", "Owner", "Due", "Status", "Note"]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows == [
        ["1", "Circulate the updated referral pathway chart", "Harbourside Youth Shelter (Ana Sokolova)",
         "Sep 10, 2026", "Done", "Shared with all members."],
        ["2", "Draft an honorarium policy for survivor members", "Maplebrook Victim Services",
         "Sep 1, 2026", "Carried forward (overdue)", "Carried to October."],
        # Open when the meeting began, though nobody reported on it.
        ["3", "Book the spring venue", "Unassigned", "\u2014", "Open", "No update recorded."],
    ]
    assert "Action items open at the start of the meeting:" in part
    assert "Motion 2: That the Coalition award the hotel awareness training contract to the lowest compliant bidder." in part
    assert "Carried: 5 for, 1 against, 1 abstention. 6 votes cast for or against; 4 needed (more than half)." in part
    assert "Present without a vote: Lakeview Hotel Association (declared a conflict of interest" in part


def test_subcommittees_member_updates_presentation_and_skipped_item(text):
    part = section(text, "7. Coalition", "8. Member updates")
    assert "Education and Awareness: Spring campaign planned for secondary schools." in part
    assert "Survivor Advisory: Recommends an honorarium policy." in part
    assert "Hospitality Outreach: No update." in part
    assert "Other Coalition updates: The website received a refresh grant." in part
    assert "Motion 3: That the Coalition fund catering at every meeting." in part
    assert "Defeated: 2 for, 5 against, 0 abstentions" in part
    part = section(text, "8. Member updates", "9. Presentation")
    assert "Riverbend Police Service \u2014 Counter-Exploitation Unit: Two new investigators joined the unit." in part
    assert "Westport Settlement Services: No update." in part
    part = section(text, "9. Presentation", "10. Budget")
    assert "Presenter: Dr. Mira Santos (vetted by Northvale Sexual Assault Care Centre)." in part
    assert "Dr. Santos shared an intake checklist; slides to be circulated." in part
    assert "Not taken up: deferred to October; treasurer absent." in section(text, "10. Budget", "11. Case")


def test_case_examples_leave_out_unreviewed_findings_and_keep_reviewed(draft, text):
    document, report, data = draft
    part = section(text, "11. Case Examples", "12. Scheduling")
    assert (
        "Non-identifying case examples were shared after the confidentiality reminder was acknowledged."
    ) in part
    assert REVIEWED_NAME in part
    assert "warm transfer to the shelter worked well." in part
    assert "follow-up" not in part
    xml = docx_xml(data)
    assert UNREVIEWED_PHONE not in xml
    assert "555-0199" not in xml and "5550199" not in xml
    assert REVIEWED_NAME in xml
    assert report.findings_left_out == 1
    # The count goes only in the report.
    assert "left out" not in text and "identifying detail" not in text


def test_new_action_items_and_next_meeting(draft, text):
    # Inside the numbering: under business arising, not between two items.
    part = section(text, "New action items from this meeting", "7. Coalition")
    assert "6. Business arising" in text.split("New action items from this meeting")[0]
    assert "No. | Action | Owner | Due | Status" in part
    assert "4 | Share hotel front-desk training dates with members | Lakeview Hotel Association | Oct 1, 2026 | Open" in part
    assert "5 | Propose wording for the Terms of Reference review | Helen Marsh | Nov 12, 2026 | Open" in part
    part = section(text, "12. Scheduling", "Adjournment")
    assert "The next meeting will be held on Thursday, October 15, 2026, at 9:30 a.m." in part
    assert "Location: Online (video call), decided by consensus." in part
    bullets = [p.text for p in draft[0].paragraphs if p.style.name == "List Bullet"]
    assert "Honorarium policy for survivor members" in bullets
    assert "Terms of Reference review" in bullets


def test_every_table_has_a_repeating_header_and_fits_the_page(draft):
    for table in draft[0].tables:
        assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1
        widths = sum(int(c.get(docx.oxml.ns.qn("w:w"))) for c in table._tbl.tblGrid.findall(docx.oxml.ns.qn("w:gridCol")))
        assert abs(widths - tpl.TEXT_WIDTH * 1440) < 10


# -- final, incomplete, empty --------------------------------------------------


def test_approved_minutes_are_final_without_draft_mark():
    sample = make_sample()
    sample.meeting.minutes_status = MinutesStatus.APPROVED
    sample.meeting.approved_on = date(2026, 10, 15)
    document, report, data = build(sample)
    assert report.final is True
    assert "DRAFT" not in docx_xml(data)
    assert "Status:\tDraft" not in body_text(document)
    assert "Approved at the meeting of Thursday, October 15, 2026" in body_text(document)
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "approved" in header
    assert document.core_properties.subject == "Approved minutes"


def test_meeting_in_progress_is_marked_incomplete():
    sample = make_sample()
    meeting = sample.meeting
    meeting.status = MeetingStatus.IN_PROGRESS
    meeting.adjourned = None
    for item in meeting.agenda[8:]:
        item.state = ItemState.TODO
    meeting.next_meeting.on = None
    meeting.next_meeting.upcoming_items = []
    meeting.case_examples.notes = ""
    meeting.motions = meeting.motions[:2]
    document, report, _ = build(sample)
    text = body_text(document)
    assert report.incomplete is True
    notice = next(p for p in document.paragraphs if p.style.name == tpl.STYLE_NOTICE)
    assert "INCOMPLETE \u2014 meeting in progress" in notice.text
    assert "Not yet taken up." in section(text, "11. Case Examples", "12. Scheduling")
    assert "The meeting had not adjourned when these minutes were exported." in text
    assert "Time:\t9:31 a.m." in text


def test_empty_items_say_so_rather_than_vanish():
    sample = make_sample()
    meeting = sample.meeting
    meeting.conflicts = []
    meeting.subcommittee_updates = {}
    meeting.other_updates = ""
    sample.settings.subcommittees = []
    # The correction names a sub-committee no longer in the settings: a
    # possible personal name in formal text, which would stop the export.
    meeting.previous_minutes.adjustments = []
    meeting.member_updates = []
    meeting.action_updates = []
    meeting.agenda[5].notes = ""
    meeting.motions = []
    meeting.case_examples.notes = ""
    sample.actions = []
    text = body_text(build(sample)[0])
    assert "There were no declarations of conflict of interest." in text
    assert "No action items were open at the start of the meeting." in text
    assert "No updates were recorded." in text
    assert "No member updates were recorded." in text
    assert "No case examples were recorded." in text
    assert "No new action items were recorded." in text


def test_other_coalition_name_reaches_title_footer_and_properties():
    sample = make_sample()
    sample.settings.name = "Lakeshore Anti-Trafficking Network"
    document, _, data = build(sample)
    assert document.paragraphs[0].text == "Minutes of the meeting of the Lakeshore Anti-Trafficking Network"
    assert "Confidential \u2014 Lakeshore Anti-Trafficking Network members only" in docx_xml(data)


# -- template and file errors --------------------------------------------------


def test_missing_template_gives_minutes_error(sample, tmp_path):
    with pytest.raises(MinutesError, match="minutes template .*nowhere.docx is missing"):
        build_minutes(sample, template=tmp_path / "nowhere.docx")


def test_template_without_a_style_gives_minutes_error_naming_it(sample, tmp_path):
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    with pytest.raises(MinutesError, match="Minutes Table") as caught:
        build_minutes(sample, template=plain)
    assert str(plain) in str(caught.value)


def test_damaged_template_gives_minutes_error(sample, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(MinutesError, match="cannot be read"):
        build_minutes(sample, template=bad)


def test_export_writes_atomically_and_refuses_to_overwrite(sample, tmp_path):
    out = tmp_path / "m.docx"
    report = export(sample.record(), out, False)
    assert report.path == out and out.is_file()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    before = out.read_bytes()
    with pytest.raises(MinutesError, match="already exists"):
        export(sample.record(), out, False)
    assert out.read_bytes() == before
    export(sample.record(), out, True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.docx"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_unwritable_folder_gives_minutes_error_and_leaves_no_temp_file(sample, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(MinutesError, match="Cannot write"):
            export(sample.record(), folder / "m.docx", False)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_folder_refusing_new_files_gives_minutes_error(sample, tmp_path, monkeypatch):
    """What an unwritable folder does, also when the tests run as root."""
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).startswith(str(tmp_path)):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(MinutesError, match="Cannot write to the folder .*Permission denied"):
        export(sample.record(), tmp_path / "m.docx", False)
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_no_temp_file(sample, tmp_path, monkeypatch):
    """Also as root: the rename fails, the temp file is removed."""
    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(MinutesError, match="Cannot write .*Permission denied"):
        export(sample.record(), tmp_path / "m.docx", False)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_gives_minutes_error(sample, tmp_path):
    # A named file's missing folder is created, owner-only (issue 14); a
    # folder given as a folder must exist.
    report = export(sample.record(), tmp_path / "no" / "m.docx", False)
    assert report.path.is_file() and (tmp_path / "no").stat().st_mode & 0o777 == 0o700
    with pytest.raises(MinutesError, match="does not exist"):
        export(sample.record(), f"{tmp_path}/missing/", False)
