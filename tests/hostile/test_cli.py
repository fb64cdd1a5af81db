"""Every command on the hostile coalition: a clean exit, no traceback, and
nothing from the data that a terminal would act on."""

from __future__ import annotations

import argparse
import email
import email.policy
import os
import subprocess
import sys
from datetime import date, datetime

import pytest

from dhtc_tui.cli import build_parser
from tests.hostile.hostile_demo import build_hostile_demo

TODAY = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 10, 0)


def _controls(text: str) -> list[str]:
    return sorted({repr(ch) for ch in text if (ord(ch) < 0x20 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F})


def dhtc(*args: str, cwd) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="100", TERM="dumb")
    result = subprocess.run(
        [sys.executable, "-m", "dhtc_tui", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert _controls(output) == [], (args, _controls(output), output)
    return result


@pytest.fixture
def hostile_dir(tmp_path):
    data = tmp_path / "data"
    build_hostile_demo(data, TODAY, NOW)
    return data


def subcommands() -> list[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return sorted(action.choices)
    return []


def test_every_command_has_help(tmp_path, monkeypatch, capsys):
    """The program's own --help in a real process; each command's in this
    one (a process each cost the suite 15 s for the same argparse output)."""
    from dhtc_tui.cli import main

    assert dhtc("--help", cwd=tmp_path).returncode == 0
    assert {"export", "circulate", "backups"} <= set(subcommands())
    monkeypatch.setenv("COLUMNS", "100")
    for name in subcommands():
        with pytest.raises(SystemExit) as exit_:
            main([name, "--help"])
        assert exit_.value.code in (0, None), name
        captured = capsys.readouterr()
        output = captured.out + captured.err
        assert "usage:" in output and "Traceback" not in output, (name, output)
        assert _controls(output) == [], (name, _controls(output))


@pytest.mark.parametrize("meeting", ["latest", "2026-11-29"])
def test_export_of_hostile_minutes(hostile_dir, tmp_path, meeting):
    out = tmp_path / "out"
    out.mkdir()
    result = dhtc("export", "--data-dir", str(hostile_dir), "--meeting", meeting, "--out", str(out), cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    if result.returncode == 0:
        (docx,) = out.glob("*.docx")
        assert docx.stat().st_size > 0


def test_circulate_writes_clean_headers(hostile_dir, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = dhtc("circulate", "--data-dir", str(hostile_dir), "--out-dir", str(out), cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    for eml in out.glob("*.eml"):
        raw = eml.read_bytes()
        head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii", errors="replace")
        assert _controls(head.replace("\r\n", "\n")) == [], head
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert "Bcc" not in message, head
        for name, value in message.items():
            assert _controls(str(value)) == [], (name, value)
            assert "\n" not in str(value) and "\r" not in str(value), (name, value)


def test_backups_list_and_restore(hostile_dir, tmp_path):
    from dhtc_tui.store.repository import Store

    with Store.open(hostile_dir) as store:
        made = store.backup([ref.id for ref in store.meetings()])
    listed = dhtc("backups", "--data-dir", str(hostile_dir), cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert str(made[0]) in listed.stdout
    restored = dhtc("backups", "--data-dir", str(hostile_dir), "--restore", str(made[0]), cwd=tmp_path)
    assert restored.returncode in (0, 1), restored.stderr
    again = dhtc("export", "--data-dir", str(hostile_dir), "--out", str(tmp_path), cwd=tmp_path)
    assert again.returncode in (0, 1), again.stderr


def test_refusals_are_one_clean_line(hostile_dir, tmp_path):
    """Usage mistakes and a meeting that does not exist, on the hostile store."""
    missing = dhtc("export", "--data-dir", str(hostile_dir), "--meeting", "1999-01-01", cwd=tmp_path)
    assert missing.returncode == 1
    assert missing.stderr.strip().count("\n") == 0
    usage = dhtc("export", "--data-dir", str(hostile_dir), "--no-such-option", cwd=tmp_path)
    assert usage.returncode == 2
    demo = dhtc("demo", "--data-dir", str(hostile_dir), cwd=tmp_path)
    assert demo.returncode == 1


def test_an_address_smuggled_after_a_line_break_is_not_a_recipient(hostile_dir, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = dhtc("circulate", "--data-dir", str(hostile_dir), "--out-dir", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (eml,) = out.glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert "evil.example" not in str(message["To"])
