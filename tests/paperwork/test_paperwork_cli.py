"""`dhtc-tui agenda | letter | roster | reminders`: exit codes, refusal to
overwrite, and every file read back (.docx with python-docx, .eml with
`email`, .ics with `icalendar`)."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import stat
from datetime import date
from pathlib import Path

import docx
import icalendar
import pytest

from dhtc_tui import cli
from dhtc_tui.domain.model import (
    AgendaKind,
    Meeting,
    MeetingStatus,
    MemberStatus,
    Motion,
    MotionKind,
    RemovalRecord,
)
from dhtc_tui.store.repository import Store

from ..conftest import TODAY


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def docx_text(path_or_bytes) -> str:
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    document = docx.Document(source)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def read_eml(path: Path):
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.fixture
def data(tmp_path) -> Path:
    from dhtc_tui.demo import build_demo

    directory = tmp_path / "data"
    with Store.open(directory) as store:
        build_demo(store, TODAY, plan_next=True)
        settings = store.settings()
        settings.chair_email = "chair@example.org"
        store.save_settings(settings)
    return directory


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def planned(directory: Path) -> Meeting:
    with Store.open(directory) as store:
        ref = [r for r in store.meetings() if r.status is MeetingStatus.SCHEDULED][-1]
        return store.load_meeting(ref.id)


def save(directory: Path, meeting: Meeting) -> None:
    with Store.open(directory) as store:
        store.save_meeting(meeting)


def members(directory: Path):
    with Store.open(directory) as store:
        return store.members()


# --------------------------------------------------------------------------
# Agenda


def test_agenda_package_docx_eml_ics(capsys, data, out):
    from dhtc_tui.domain.agenda import add_item, add_presentation

    meeting = planned(data)
    roster = members(data)
    police = next(m for m in roster if "Police" in m.name)
    shelter = next(m for m in roster if "Youth Shelter" in m.name)
    add_presentation(meeting, "Outreach van pilot", "Dana Whitfield", police.id, roster)
    concern = add_item(meeting, AgendaKind.MEMBER_CONCERN, "Referral delays over the holidays")
    concern.raised_by = shelter.id
    meeting.video_link = "https://meet.example.org/dhtc-february"
    save(data, meeting)

    code, stdout, err = run(capsys, "agenda", "--data-dir", str(data), "--out-dir", str(out))
    assert code == 0, err
    day = meeting.date.isoformat()
    agenda = out / f"DHTC-agenda-{day}.docx"
    eml = out / f"DHTC-agenda-{day}.eml"
    ics = out / f"DHTC-meeting-{day}.ics"
    assert all(p.exists() and private(p) for p in (agenda, eml, ics))
    text = docx_text(agenda)
    assert "Agenda of the meeting of the Durham Human Trafficking Coalition" in text
    assert "Approval of Previous Minutes" in text and "Declarations of Conflict of Interest" in text
    assert "Referral delays over the holidays" in text and f"raised by {shelter.name}" in text
    assert "Outreach van pilot" in text and "Dana Whitfield" in text and f"vetted by {police.name}" in text
    assert "Action items to review" in text and "overdue" in text
    assert "Previous minutes:" in text and "attached" in text
    assert "INCOMPLETE" not in text
    assert "Video link:" in text and "https://meet.example.org/dhtc-february" in text

    message = read_eml(eml)
    assert message["To"] == "chair@example.org"
    assert message["X-Unsent"] == "1"
    bcc = message["Bcc"]
    assert police.email in bcc and "chair@example.org" not in bcc
    names = [part.get_filename() for part in message.iter_attachments()]
    assert names[0] == agenda.name and names[-1] == ics.name
    minutes = [n for n in names if "minutes" in n]
    assert len(minutes) == 1 and minutes[0].endswith("-DRAFT.docx")
    minutes_bytes = next(p for p in message.iter_attachments() if p.get_filename() == minutes[0]).get_content()
    minutes_text = docx_text(minutes_bytes)
    assert "Minutes of the meeting" in minutes_text and "INCOMPLETE" not in minutes_text

    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    assert event.decoded("dtstart").date() == meeting.date
    assert "https://meet.example.org/dhtc-february" in str(event.get("description"))


def test_agenda_refuses_to_overwrite_without_force(capsys, data, out):
    assert run(capsys, "agenda", "--data-dir", str(data), "--out-dir", str(out))[0] == 0
    before = {p: p.read_bytes() for p in out.iterdir()}
    code, _, err = run(capsys, "agenda", "--data-dir", str(data), "--out-dir", str(out))
    assert code == 1 and "already exists" in err and "--force" in err
    assert {p: p.read_bytes() for p in out.iterdir()} == before
    assert run(capsys, "agenda", "--data-dir", str(data), "--out-dir", str(out), "--force")[0] == 0


def test_agenda_without_a_planned_meeting_is_a_data_problem(capsys, tmp_path, out):
    from dhtc_tui.demo import build_demo

    directory = tmp_path / "plain"
    with Store.open(directory) as store:
        build_demo(store, TODAY)
    code, _, err = run(capsys, "agenda", "--data-dir", str(directory), "--out-dir", str(out))
    assert code == 1 and "No meeting is planned" in err
    assert list(out.iterdir()) == []


def test_agenda_of_a_started_meeting_is_refused(capsys, data, out):
    with Store.open(data) as store:
        closed = [r for r in store.meetings() if r.status is MeetingStatus.CLOSED][-1]
    code, _, err = run(capsys, "agenda", "--data-dir", str(data), "--meeting", closed.date.isoformat(), "--out-dir", str(out))
    assert code == 1 and "already started" in err


# --------------------------------------------------------------------------
# Letters


def _removal_motion(data: Path, subject_name: str) -> tuple[Meeting, Motion]:
    meeting = planned(data)
    subject = next(m for m in members(data) if m.name == subject_name)
    motion = Motion(
        text=f"That {subject.name} be removed from the Coalition.",
        kind=MotionKind.REMOVAL,
        subject_member_id=subject.id,
        removal=RemovalRecord(reasons="Repeated breaches of the confidentiality agreement."),
    )
    meeting.motions.append(motion)
    save(data, meeting)
    return meeting, motion


def test_member_names_unknown_or_ambiguous_are_usage_errors(capsys, data, out):
    code, _, err = run(capsys, "letter", "withdrawal", "--member", "lake", "--data-dir", str(data), "--out-dir", str(out))
    assert code == 2 and "could be" in err
    code, _, err = run(capsys, "letter", "withdrawal", "--member", "Nobody Here", "--data-dir", str(data), "--out-dir", str(out))
    assert code == 2 and "No member" in err
    code, _, err = run(capsys, "letter", "nonsense", "--member", "x", "--data-dir", str(data))
    assert code == 2
    assert list(out.iterdir()) == []


def test_removal_notice_then_outcome_refused_before_the_vote(capsys, data, out):
    meeting, motion = _removal_motion(data, "Open Door Food and Resource Centre")
    code, _, err = run(capsys, "letter", "removal-outcome", "--member", "open door", "--data-dir", str(data), "--out-dir", str(out))
    assert code == 1 and "has not taken place" in err
    assert list(out.iterdir()) == []

    code, stdout, err = run(capsys, "letter", "removal-notice", "--member", "OPEN DOOR FOOD", "--data-dir", str(data), "--out-dir", str(out))
    assert code == 0, err
    written = sorted(out.iterdir())
    letter = next(p for p in written if p.suffix == ".docx")
    assert private(letter)
    text = docx_text(letter)
    assert "That Open Door Food and Resource Centre be removed from the Coalition." in text
    assert "Repeated breaches of the confidentiality agreement." in text
    assert meeting.date.strftime("%B") in text and str(meeting.date.year) in text
    eml = next((p for p in written if p.suffix == ".eml"), None)
    subject = next(m for m in members(data) if m.name.startswith("Open Door"))
    if subject.email:
        assert eml is not None and subject.email in read_eml(eml)["Bcc"]
    assert [(l.kind.value, l.on) for l in subject.letters] == [("removal notice", date.today())]
    again = planned(data).motion(motion.id)
    assert again.removal.notified_on == date.today()

    code, _, err = run(capsys, "letter", "removal-notice", "--member", "open door", "--data-dir", str(data), "--out-dir", str(out))
    assert code == 1 and "already exists" in err


def test_removal_outcome_after_the_vote_has_counts_and_signatures(capsys, data, out):
    with Store.open(data) as store:
        motion = next(
            m for r in store.meetings() for m in store.load_meeting(r.id).motions if m.kind is MotionKind.REMOVAL
        )
        subject = next(m for m in store.members() if m.id == motion.subject_member_id)
        signers = [m.name for m in store.members() if m.id in motion.removal.signed_by]
    code, _, err = run(capsys, "letter", "removal-outcome", "--member", subject.id, "--data-dir", str(data), "--out-dir", str(out))
    assert code == 0, err
    text = docx_text(next(out.glob("*.docx")))
    assert "in favour" in text and "against" in text and "Defeated" in text
    assert "remains a member" in text
    for name in signers:
        assert f"Signed for {name}" in text


def test_withdrawal_letter_quotes_the_rule_and_needs_a_withdrawal(capsys, data, out):
    code, _, err = run(capsys, "letter", "withdrawal", "--member", "victim services of", "--data-dir", str(data), "--out-dir", str(out))
    assert code == 1 and "has not withdrawn" in err
    withdrawn = next(m for m in members(data) if m.status is MemberStatus.WITHDRAWN)
    code, _, err = run(capsys, "letter", "withdrawal", "--member", withdrawn.name.lower(), "--data-dir", str(data), "--out-dir", str(out))
    assert code == 0, err
    text = docx_text(next(out.glob("*.docx")))
    assert "less than 2/3 annual meetings" in text and "meetings held" in text
    assert "reinstated" in text and "re-apply" in text


def test_application_decision_letter(capsys, data, out):
    code, _, err = run(capsys, "letter", "application-decision", "--member", "riverside", "--data-dir", str(data), "--out-dir", str(out))
    assert code == 1 and "pending" in err
    with Store.open(data) as store:
        application = next(a for a in store.applications() if a.status.value == "approved")
        names = {m.id: m.name for m in store.members()}
    code, _, err = run(
        capsys, "letter", "application-decision", "--application", application.id, "--data-dir", str(data), "--out-dir", str(out)
    )
    assert code == 0, err
    text = docx_text(next(out.glob("*.docx")))
    assert "has been approved" in text
    for endorsement in application.endorsements:
        assert names[endorsement.member_id] in text


# --------------------------------------------------------------------------
# Roster


def test_export_then_import_changes_nothing(capsys, data, out):
    for fmt in ("xlsx", "csv"):
        code, _, err = run(capsys, "roster", "export", "--data-dir", str(data), "--format", fmt, "--out", str(out))
        assert code == 0, err
    coalition = data / "coalition.json"
    before = coalition.read_bytes()
    for exported in sorted(out.iterdir()):
        code, stdout, err = run(capsys, "roster", "import", str(exported), "--data-dir", str(data))
        assert code == 0, err
        assert "0 new, 0 updated, 33 unchanged" in stdout
    assert coalition.read_bytes() == before


def test_import_into_an_empty_store_restores_the_roster(capsys, data, out, tmp_path):
    code, _, _ = run(capsys, "roster", "export", "--data-dir", str(data), "--out", str(out / "roster.xlsx"))
    assert code == 0
    fresh = tmp_path / "fresh"
    code, stdout, err = run(capsys, "roster", "import", str(out / "roster.xlsx"), "--data-dir", str(fresh))
    assert code == 0, err and "33 new" in stdout

    def view(roster):
        names = {m.id: m.name for m in roster}
        return sorted(
            (m.name, m.kind, m.sector, m.representatives, m.email, m.phone, m.joined, m.status,
             sorted(names[e] for e in m.endorsed_by))
            for m in roster
        )

    assert view(members(fresh)) == view(members(data))
    assert any(m.status is MemberStatus.WITHDRAWN for m in members(fresh))


def test_the_chairs_own_spreadsheet_imports(capsys, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["E-mail Address", "ORGANISATION", "Notes to self", "Representative(s)", "Phone", "Sector", "Date Joined"])
    sheet.append(["info@harbour.example.org", "Harbour Light Outreach", "call in May", "Ada Quill; Ben Oduya", 9055550101, "direct service", date(2023, 9, 21)])
    sheet.append([None, None, None, None, None, None, None])
    sheet.append(["desk@milltown.example.org", "Milltown Health Team", "", "Cy Marr", "905-555-0102", "health", "2024-01-18"])
    path = tmp_path / "chair.xlsx"
    book.save(path)
    directory = tmp_path / "data"
    code, stdout, err = run(capsys, "roster", "import", str(path), "--data-dir", str(directory))
    assert code == 0, err
    assert "2 new, 0 updated, 0 unchanged" in stdout and "Notes to self" in stdout
    roster = {m.name: m for m in members(directory)}
    harbour = roster["Harbour Light Outreach"]
    assert harbour.representatives == ["Ada Quill", "Ben Oduya"]
    assert harbour.phone == "9055550101" and harbour.joined == date(2023, 9, 21)
    assert roster["Milltown Health Team"].sector.value == "health/mental health/addiction"
    code, stdout, _ = run(capsys, "roster", "import", str(path), "--data-dir", str(directory))
    assert code == 0 and "0 new, 0 updated, 2 unchanged" in stdout


def test_an_invalid_row_imports_nothing_and_is_named_by_its_row(capsys, tmp_path):
    path = tmp_path / "roster.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Email", "Status"])
        writer.writerow(["Good Org", "a@good.example.org", "active"])
        writer.writerow(["", "b@x.example.org", "active"])
        writer.writerow(["Bad Mail Org", "not-an-address", "active"])
        writer.writerow(["Odd Status Org", "", "sleeping"])
    directory = tmp_path / "data"
    code, stdout, err = run(capsys, "roster", "import", str(path), "--data-dir", str(directory))
    assert code == 1
    assert "row 3: no name" in err and "row 4:" in err and "row 5:" in err and "row 2:" not in err
    assert members(directory) == []
    path.write_text("Name,Email\nGood Org,a@good.example.org\n")
    code, stdout, _ = run(capsys, "roster", "import", str(path), "--data-dir", str(directory), "--dry-run")
    assert code == 0 and "Would import: 1 new" in stdout
    assert members(directory) == []


def test_roster_hard_copy_and_overwrite(capsys, data, out):
    target = out / "members.docx"
    code, _, err = run(capsys, "roster", "export", "--data-dir", str(data), "--format", "docx", "--out", str(target))
    assert code == 0, err
    assert private(target)
    text = docx_text(target)
    assert "Confidential" in text and "Membership and contact list" in text
    assert "Direct service" in text and "withdrawn" in text
    police = next(m for m in members(data) if "Police" in m.name)
    assert police.email in text
    code, _, err = run(capsys, "roster", "export", "--data-dir", str(data), "--format", "docx", "--out", str(target))
    assert code == 1 and "already exists" in err


# --------------------------------------------------------------------------
# Reminders and paper copies


def test_reminders_one_draft_per_owner_overdue_first(capsys, data, out):
    code, stdout, err = run(capsys, "reminders", "--data-dir", str(data), "--out-dir", str(out))
    assert code == 0, err
    drafts = sorted(out.glob("*.eml"))
    assert drafts and all(private(p) for p in drafts)
    with Store.open(data) as store:
        owners = {m.id for m in store.members() if m.email} & {a.owner_member_id for a in store.action_items() if a.is_open}
    assert len(drafts) == len(owners)
    for path in drafts:
        message = read_eml(path)
        assert message["To"] == "chair@example.org" and message["Bcc"]
        body = message.get_body().get_content()
        lines = [l for l in body.splitlines() if l.startswith("- #")]
        flags = ["OVERDUE" in l for l in lines]
        assert lines and flags == sorted(flags, reverse=True)
    # Every open item whose owner has no e-mail address is on the printable
    # list (which items those are depends on the day the demo was built for).
    with Store.open(data) as store:
        members = {m.id: m for m in store.members()}
        by_hand = [
            a for a in store.action_items()
            if a.is_open and not (a.owner_member_id in members and members[a.owner_member_id].email)
        ]
    printable = list(out.glob("*reminders-to-print*.docx"))
    assert len(printable) == (1 if by_hand else 0)
    if by_hand:
        text = docx_text(printable[0])
        assert all(a.description in text for a in by_hand), [a.description for a in by_hand]
    assert str(len(drafts)) in stdout or "Wrote" in stdout
    code, _, err = run(capsys, "reminders", "--data-dir", str(data), "--out-dir", str(out))
    assert code == 1 and "already exists" in err


def test_circulation_prints_who_needs_a_paper_copy(capsys, data, out):
    code, _, err = run(capsys, "circulate", "--data-dir", str(data), "--out-dir", str(out))
    assert code == 0, err
    paper = list(out.glob("*paper-copies*.docx"))
    assert len(paper) == 1
    text = docx_text(paper[0])
    for member in members(data):
        if member.is_active and not member.email:
            assert member.name in text


def test_the_parser_knows_every_letter_without_importing_the_writers():
    import subprocess
    import sys

    from dhtc_tui.paperwork.commands import LETTER_KINDS
    from dhtc_tui.paperwork.letters import KINDS

    assert tuple(KINDS) == LETTER_KINDS
    code = "import sys; from dhtc_tui import cli; cli.build_parser(); print('dhtc_tui.minutes.writer' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
