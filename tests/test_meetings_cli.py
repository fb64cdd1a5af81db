"""One meeting selector and one file naming for every command; `meetings`."""

from __future__ import annotations

import stat
from datetime import date, time
from pathlib import Path

import pytest

from dhtc_tui import cli
from dhtc_tui.domain.model import Meeting, MeetingStatus
from dhtc_tui.store.repository import Store

DAY = date(2026, 9, 17)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path) -> Path:
    directory = tmp_path / "data"
    store = Store.open(directory)
    try:
        store.save_meeting(Meeting(date=DAY, start_time=time(9, 30), status=MeetingStatus.CLOSED, id="m-morning"))
        store.save_meeting(Meeting(date=DAY, start_time=time(18, 30), status=MeetingStatus.CLOSED, id="m-evening"))
        store.save_meeting(Meeting(date=date(2026, 11, 5), id="m-next"))
    finally:
        store.close()
    return directory


def test_meetings_lists_date_time_status_id(capsys, data):
    code, out, _ = run(capsys, "meetings", "--data-dir", str(data))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].split() == ["2026-09-17", "18:30", "closed", "m-evening"]
    assert lines[2].split() == ["2026-11-05", "--:--", "scheduled", "m-next"]


def test_a_date_with_two_meetings_is_refused_with_their_ids(capsys, data, tmp_path):
    for command in (["export", "--out", str(tmp_path)], ["circulate", "--out-dir", str(tmp_path)], ["check"]):
        code, out, err = run(capsys, *command, "--data-dir", str(data), "--meeting", "2026-09-17")
        assert code == 2, command
        assert "m-morning" in err and "m-evening" in err
    assert not list(tmp_path.glob("*.docx"))


def test_malformed_date_and_wrong_extension_are_usage_mistakes(capsys, data, tmp_path):
    code, _, err = run(capsys, "export", "--data-dir", str(data), "--meeting", "2026-13-45")
    assert code == 2 and "not a valid date" in err
    code, _, err = run(capsys, "export", "--data-dir", str(data), "--meeting", "m-next", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and ".docx" in err


def test_each_meeting_of_a_day_gets_its_own_file(capsys, data, tmp_path):
    names = set()
    for ident in ("m-morning", "m-evening"):
        code, out, err = run(capsys, "export", "--data-dir", str(data), "--meeting", ident, "--out", str(tmp_path))
        assert code == 0, err
        names.add(Path(out.split("Wrote ", 1)[1].strip()).name)
    assert names == {"DHTC-minutes-2026-09-17-0930-DRAFT.docx", "DHTC-minutes-2026-09-17-1830-DRAFT.docx"}
    code, _, err = run(capsys, "export", "--data-dir", str(data), "--meeting", "m-evening", "--out", str(tmp_path))
    assert code == 1 and "use --force" in err and "confirm" not in err


def test_next_selects_the_planned_meeting(capsys, data, tmp_path):
    code, out, err = run(capsys, "export", "--data-dir", str(data), "--meeting", "next", "--out", str(tmp_path))
    assert code == 0, err
    assert "2026-11-05" in out


def test_missing_folders_are_created_private(capsys, data, tmp_path):
    out = tmp_path / "a" / "b" / "minutes.docx"
    code, _, err = run(capsys, "export", "--data-dir", str(data), "--meeting", "m-next", "--out", str(out))
    assert code == 0, err
    assert out.is_file()
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    folder = tmp_path / "c" / "d"
    code, _, err = run(capsys, "circulate", "--data-dir", str(data), "--meeting", "m-next", "--out-dir", str(folder))
    assert code == 0, err
    assert any(folder.glob("*.eml"))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_missing_folder_ending_in_a_slash_gets_a_clear_message(capsys, data, tmp_path):
    code, _, err = run(capsys, "export", "--data-dir", str(data), "--meeting", "m-next", "--out", f"{tmp_path}/nowhere/")
    assert code == 2
    assert "does not exist" in err and "create it first" in err
    assert not (tmp_path / "nowhere").exists()


def test_keep_keeps_the_minutes_and_writes_the_rest(data, tmp_path):
    from dhtc_tui.minutes import commands
    from dhtc_tui.record import load_record

    store = Store.open(data)
    try:
        record = load_record(store, "m-evening")
    finally:
        store.close()
    record.meeting.next_meeting.on = date(2026, 11, 5)
    record.meeting.next_meeting.start_time = time(9, 0)
    record.settings.meeting_minutes = 90
    docx = tmp_path / commands.record_filename(record)
    docx.write_bytes(b"the chair's own edit")
    # Dated before the next meeting, so its invitation is still wanted.
    report = commands.circulate(record, tmp_path, force=False, keep=True, today=date(2026, 11, 1))
    assert report.kept == [docx]
    assert docx.read_bytes() == b"the chair's own edit"
    assert [p.suffix for p in report.paths] == [".eml", ".ics"]
    ics = report.invitation_path.read_text()
    assert "DTSTART;TZID" in ics and "T090000" in ics and "T103000" in ics  # 90 minutes
