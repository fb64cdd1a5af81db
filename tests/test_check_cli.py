"""`dhtc-tui check`, and the export gate seen from the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dhtc_tui import cli
from dhtc_tui.demo import build_demo
from dhtc_tui.store.repository import Store

TODAY = date(2026, 11, 30)  # demo meetings: Sep 17, Oct 15 and Nov 19, 2026
LEAK = "Our client Tanya Moreau, 15, from Oshawa (DOB 2010-03-04, phone 905-555-0199) was placed at 123 Simcoe St N."


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
    with Store.open(directory) as store:
        build_demo(store, TODAY)
    return directory


def change_latest(directory: Path, change) -> None:
    with Store.open(directory) as store:
        ref = [r for r in store.meetings() if r.date == date(2026, 11, 19)][0]
        meeting = store.load_meeting(ref.id)
        change(meeting)
        store.save_meeting(meeting)


def test_check_exits_0_when_nothing_waits(capsys, data):
    code, out, err = run(capsys, "check", "--data-dir", str(data))
    assert (code, err) == (0, "")
    assert "no unreviewed" in out and "November 19, 2026" in out


def test_check_lists_each_finding_with_section_field_kind_and_words_and_exits_3(capsys, data):
    def update(meeting):
        meeting.other_updates = "The van is back. " + LEAK

    change_latest(data, update)
    code, out, err = run(capsys, "check", "--data-dir", str(data), "--meeting", "2026-11-19")
    assert code == 3 and err == ""
    lines = out.splitlines()
    listed = [line for line in lines if line.startswith("  ")]
    assert len(listed) >= 4
    assert any("other Coalition updates" in line and "phone number" in line and "905-555-0199" in line for line in listed)
    assert all(line.startswith("  7. Coalition and Sub-Committee updates \u00b7 ") for line in listed)
    assert f"{len(listed)} unreviewed" in lines[0]


def test_check_reports_data_and_usage_problems(capsys, data, tmp_path):
    code, out, err = run(capsys, "check", "--data-dir", str(data), "--meeting", "2025-01-01")
    assert code == 1 and "no meeting on" in err and out == ""
    code, _, err = run(capsys, "check", "--data-dir", str(data), "--bogus")
    assert code == 2 and "unrecognized arguments" in err
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "coalition.json").write_text("{not json")
    code, out, err = run(capsys, "check", "--data-dir", str(damaged))
    assert code == 1 and out == "" and "Traceback" not in err


def test_export_refuses_a_formal_text_with_exit_1_and_writes_nothing(capsys, data, tmp_path):
    def locate(meeting):
        meeting.location = LEAK

    change_latest(data, locate)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for command in (["export", "--out", str(out_dir)], ["circulate", "--out-dir", str(out_dir)]):
        code, out, err = run(capsys, *command, "--data-dir", str(data))
        assert code == 1 and out == ""
        assert len(err.strip().splitlines()) == 1
        assert "November 19, 2026" in err and "meeting location" in err
        assert "Moreau" not in err and "905" not in err
        assert list(out_dir.iterdir()) == []
    code, out, _ = run(capsys, "check", "--data-dir", str(data))
    assert code == 3 and "meeting location" in out


def test_export_leaves_narrative_sentences_out_and_says_how_many(capsys, data, tmp_path):
    def update(meeting):
        meeting.other_updates = "The van is back. " + LEAK

    change_latest(data, update)
    code, checked, _ = run(capsys, "check", "--data-dir", str(data))
    count = int(checked.split(": ", 1)[1].split()[0])
    code, out, err = run(capsys, "export", "--data-dir", str(data), "--out", str(tmp_path))
    assert code == 0 and err == ""
    assert f"{count} unreviewed possible identifying detail(s) were left out" in out
    written = next(tmp_path.glob("*.docx")).read_bytes()
    assert b"Moreau" not in written
