"""The command line: exit codes, messages, the data directory, demo, backups.

Most cases call ``dhtc_tui.cli.main`` in-process (fast); a few run
``python -m dhtc_tui`` for real exit codes and stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import platformdirs
import pytest

import dhtc_tui
from dhtc_tui import cli, paths
from dhtc_tui.domain.attendance import meeting_year_start
from dhtc_tui.domain.model import ActionStatus, MeetingStatus, MemberKind, Sector
from dhtc_tui.store.repository import SCHEMA_VERSION, Store, list_backups

from .conftest import TODAY


class DemoDay(date):
    @classmethod
    def today(cls):
        return TODAY


@pytest.fixture(autouse=True)
def demo_day(monkeypatch):
    """`dhtc-tui demo` builds the demo for TODAY in these tests."""
    monkeypatch.setattr(cli, "date", DemoDay)


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(directory: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def no_traceback(err: str) -> bool:
    return "Traceback" not in err and 'File "' not in err


# --------------------------------------------------------------------------
# Usage


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"dhtc-tui {dhtc_tui.__version__}"


def test_help_lists_every_command(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("run", "demo", "export", "circulate", "backups", "--data-dir"):
        assert command in out


@pytest.mark.parametrize("command", ["demo", "backups", "export", "circulate", "run"])
def test_each_command_has_help(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert out.startswith(f"usage: dhtc-tui {command}")


@pytest.mark.parametrize(
    "argv, complaint",
    [
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["demo", "--bogus"], "unrecognized arguments: --bogus"),
        (["backups", "--restore"], "expected one argument"),
    ],
)
def test_usage_errors_exit_2_with_usage_on_stderr(capsys, argv, complaint):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("usage: dhtc-tui")
    assert complaint in err
    assert no_traceback(err)


# --------------------------------------------------------------------------
# Where the data lives


def test_data_dir_option_wins_over_the_environment(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("DHTC_DATA_DIR", str(tmp_path / "from-env"))
    (tmp_path / "opt").mkdir()
    for argv in (["backups", "--data-dir", str(tmp_path / "opt")], ["--data-dir", str(tmp_path / "opt"), "backups"]):
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert out.strip() == f"No backups yet in {tmp_path / 'opt' / 'backups'}."


def test_environment_is_used_without_the_option(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("DHTC_DATA_DIR", str(tmp_path / "from-env"))
    (tmp_path / "from-env").mkdir()
    code, out, _ = run(capsys, "backups")
    assert code == 0
    assert str(tmp_path / "from-env" / "backups") in out


def test_platform_user_data_dir_is_the_default(monkeypatch):
    monkeypatch.delenv("DHTC_DATA_DIR", raising=False)
    assert paths.data_dir() == Path(platformdirs.user_data_dir("dhtc-tui", appauthor=False))
    monkeypatch.setenv("DHTC_DATA_DIR", "")
    assert paths.data_dir() == Path(platformdirs.user_data_dir("dhtc-tui", appauthor=False))


def test_home_is_expanded(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.data_dir("~/coalition") == tmp_path / "coalition"
    monkeypatch.setenv("DHTC_DATA_DIR", "~/from-env")
    assert paths.data_dir() == tmp_path / "from-env"


# --------------------------------------------------------------------------
# demo


def test_demo_writes_a_realistic_coalition(capsys, data):
    code, out, err = run(capsys, "demo", "--data-dir", str(data))
    assert code == 0, err
    assert "(33 members, 4 meetings)" in out  # 32 active and one withdrawn; 3 held, the next planned
    with Store.open(data) as store:
        members = store.members()
        settings = store.settings()
        refs = store.meetings()
        meetings = store.load_meetings(refs)
        planned = meetings.pop()  # the next one, on the date the last meeting chose
        actions = store.action_items()
        applications = store.applications()
    active = [m for m in members if m.is_active]
    assert 30 <= len(active) <= 34
    orgs = [m for m in active if m.kind is MemberKind.ORGANIZATION]
    assert {m.sector for m in orgs} >= set(Sector) - {Sector.SURVIVOR, Sector.OTHER}
    survivors = [m for m in active if m.kind is MemberKind.SURVIVOR]
    assert len(survivors) == 2
    assert all(m.endorsed_by for m in survivors)
    assert settings.chair_member_id in {m.id for m in orgs}
    assert len(settings.subcommittees) >= 2

    assert len(meetings) == 3
    for meeting in meetings:
        assert meeting.status is MeetingStatus.CLOSED
        assert meeting.date < TODAY
        assert meeting_year_start(meeting.date) == meeting_year_start(TODAY)
        assert sum(a.marked and a.presence.attended for a in meeting.attendance) >= len(active) // 2
        assert meeting.case_examples.notes
        assert any(item.notes for item in meeting.agenda)
        assert meeting.motions
    assert planned.status is MeetingStatus.SCHEDULED and planned.date == meetings[-1].next_meeting.on
    assert any(a.is_open for a in actions)
    assert any(a.status is ActionStatus.DONE for a in actions)
    assert applications


def test_demo_refuses_to_overwrite_without_force(capsys, data):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    before = snapshot(data)
    code, out, err = run(capsys, "demo", "--data-dir", str(data))
    assert code == 1
    assert out == ""
    assert "--force" in err and str(data) in err
    assert no_traceback(err)
    assert snapshot(data) == before


def test_demo_force_replaces_the_store_and_keeps_a_backup(capsys, data):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    with Store.open(data) as store:
        old_ids = {m.id for m in store.members()}
        old_meetings = [r.id for r in store.meetings()]
    old_coalition = (data / "coalition.json").read_bytes()

    code, out, err = run(capsys, "demo", "--force", "--data-dir", str(data))
    assert code == 0, err
    with Store.open(data) as store:
        new_ids = {m.id for m in store.members()}
        assert len(store.meetings()) == 4  # three held and the next planned
    assert new_ids and not (new_ids & old_ids)
    # The replaced files are in the backups folder, byte for byte.
    backups = list_backups(data)
    assert old_coalition in [p.read_bytes() for p in backups if p.parent.name == "coalition"]
    assert {p.parent.name for p in backups} >= {"coalition", *old_meetings}
    # The old meeting files are gone from the live folder.
    assert not any((data / "meetings" / f"{i}.json").exists() for i in old_meetings)


def test_demo_force_on_a_store_in_use_changes_nothing(capsys, data):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    before = snapshot(data)
    with Store.open(data):
        code, _, err = run(capsys, "demo", "--force", "--data-dir", str(data))
    assert code == 1
    assert "already using" in err
    assert "damaged" not in err  # a lock is not damage
    assert no_traceback(err)
    assert {p: b for p, b in snapshot(data).items() if p.name != ".lock"} == {
        p: b for p, b in before.items() if p.name != ".lock"
    }


# --------------------------------------------------------------------------
# Data problems: exit 1, a message, no traceback, nothing changed


def damage(path: Path, how: str) -> None:
    if how == "bad json":
        path.write_bytes(path.read_bytes()[:-3])
    elif how == "wrong shape":
        path.write_bytes(b'[{"members": 1}]')
    elif how == "newer schema":
        raw = json.loads(path.read_bytes())
        raw["_meta"]["1"]["schema"] = SCHEMA_VERSION + 1
        path.write_bytes(json.dumps(raw).encode())
    elif how == "bad record":
        raw = json.loads(path.read_bytes())
        raw["members"]["1"]["status"] = "bogus"
        path.write_bytes(json.dumps(raw).encode())


@pytest.mark.parametrize("how", ["bad json", "wrong shape", "newer schema", "bad record"])
@pytest.mark.parametrize("argv", [[], ["run"], ["demo", "--force"]], ids=["default", "run", "demo --force"])
def test_a_damaged_store_exits_1_with_a_message(capsys, data, how, argv):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    damage(data / "coalition.json", how)
    before = snapshot(data)
    code, out, err = run(capsys, *argv, "--data-dir", str(data))
    assert code == 1
    assert str(data / "coalition.json") in err
    assert err.startswith("dhtc-tui: ")
    assert err.count("\n") == 1  # one line; the parser's details go to the crash log
    assert no_traceback(err)
    after = snapshot(data)
    log = after.pop(data / "crash.log", None)
    assert after == before
    if log is not None:
        assert (data / "crash.log").stat().st_mode & 0o777 == 0o600


def test_a_store_in_use_exits_1_without_starting_a_second_app(capsys, data):
    with Store.open(data):
        code, _, err = run(capsys, "--data-dir", str(data))
    assert code == 1
    assert "already using" in err and f"process {os.getpid()}" in err


# --------------------------------------------------------------------------
# backups


def test_backups_lists_and_restores(capsys, data):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    with Store.open(data) as store:
        made = store.backup([r.id for r in store.meetings()])
        chair = store.settings().chair_member_id
        member = next(m for m in store.members() if m.id == chair)
        member.phone = "905-555-0000 (typo)"
        store.save_member(member)
    changed = (data / "coalition.json").read_bytes()

    code, out, _ = run(capsys, "backups", "--data-dir", str(data))
    assert code == 0
    assert out.split() == [str(p) for p in sorted(made)]

    backup = made[0]
    code, out, err = run(capsys, "backups", "--restore", str(backup), "--data-dir", str(data))
    assert code == 0, err
    assert str(backup) in out
    assert (data / "coalition.json").read_bytes() == backup.read_bytes()
    (aside,) = data.glob("coalition.before-restore-*.json")
    assert aside.read_bytes() == changed
    with Store.open(data) as store:
        assert next(m for m in store.members() if m.id == chair).phone != "905-555-0000 (typo)"


@pytest.mark.parametrize("content", [b"{torn", b"[]"])
def test_restoring_a_damaged_backup_is_refused(capsys, data, content):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    with Store.open(data) as store:
        (backup,) = store.backup()
    backup.write_bytes(content)
    before = snapshot(data)
    code, out, err = run(capsys, "backups", "--restore", str(backup), "--data-dir", str(data))
    assert code == 1
    assert str(backup) in err
    assert no_traceback(err)
    assert snapshot(data) == before


def test_restoring_a_missing_backup_is_refused(capsys, data):
    data.mkdir()
    code, _, err = run(capsys, "backups", "--restore", str(data / "nope.json"), "--data-dir", str(data))
    assert code == 1
    assert "nope.json" in err


# --------------------------------------------------------------------------
# For real: python -m dhtc_tui


def dhtc(*argv: str, env_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DHTC_DATA_DIR": str(env_dir)}
    return subprocess.run(
        [sys.executable, "-m", "dhtc_tui", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_real_process_version_and_usage_error(tmp_path):
    done = dhtc("--version", env_dir=tmp_path)
    assert (done.returncode, done.stdout.strip()) == (0, f"dhtc-tui {dhtc_tui.__version__}")
    done = dhtc("--no-such-option", env_dir=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("usage: dhtc-tui")
    assert no_traceback(done.stderr)


def test_real_process_demo_then_refusal_then_damage(tmp_path):
    data = tmp_path / "data"
    done = dhtc("demo", env_dir=data)
    assert done.returncode == 0, done.stderr
    assert str(data) in done.stdout
    done = dhtc("demo", "--data-dir", str(data), env_dir=tmp_path / "elsewhere")
    assert done.returncode == 1
    assert "--force" in done.stderr
    assert no_traceback(done.stderr)
    (data / "coalition.json").write_bytes(b"\x00\x01 not json")
    done = dhtc("run", env_dir=data)
    assert done.returncode == 1
    assert str(data / "coalition.json") in done.stderr
    assert no_traceback(done.stderr)
    assert (data / "coalition.json").read_bytes() == b"\x00\x01 not json"


# --------------------------------------------------------------------------
# Damaged files and faults: one line, exit 1, nothing changed


def files_and_times(directory: Path) -> dict[Path, tuple[bytes, int]]:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture
def no_app(monkeypatch):
    """`run` must refuse before the app is built; starting it fails the test."""
    from dhtc_tui.tui import app as app_module

    def started(*args, **kwargs):
        raise AssertionError("the app was started")

    monkeypatch.setattr(app_module.CoalitionApp, "run", started)


def one_clean_line(err: str) -> bool:
    return err.startswith("dhtc-tui: ") and err.count("\n") == 1 and no_traceback(err)


@pytest.mark.parametrize("content", [b"", b" \n\n "])
@pytest.mark.parametrize("argv", [["run"], ["export"], ["circulate"], ["demo", "--force"]])
def test_an_empty_coalition_file_is_damage(capsys, data, content, argv, no_app, tmp_path):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    (data / "coalition.json").write_bytes(content)
    before = files_and_times(data)
    code, _, err = run(capsys, *argv, "--data-dir", str(data))
    assert code == 1
    assert one_clean_line(err)
    assert str(data / "coalition.json") in err and "is empty" in err and "dhtc-tui backups" in err
    after = files_and_times(data)
    after.pop(data / "crash.log", None)
    if argv[0] in ("run", "demo"):  # these take the lock (not a data file)
        after.pop(data / ".lock")
        before.pop(data / ".lock")
    assert after == before


@pytest.mark.parametrize("how", ["missing", "empty", "bad json", "newer schema"])
def test_run_refuses_a_damaged_meeting_file_before_drawing_anything(capsys, data, how, no_app):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    with Store.open(data) as store:
        ref = store.meetings()[-1]
    path = data / "meetings" / f"{ref.id}.json"
    if how == "missing":
        path.unlink()
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "bad json":
        path.write_bytes(path.read_bytes()[:-5])
    else:
        raw = json.loads(path.read_bytes())
        raw["_meta"]["1"]["schema"] = SCHEMA_VERSION + 1
        path.write_bytes(json.dumps(raw).encode())
    code, _, err = run(capsys, "run", "--data-dir", str(data))
    assert code == 1
    assert one_clean_line(err)
    assert str(path) in err


def test_export_of_a_zero_byte_meeting_writes_nothing(capsys, data, tmp_path):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    with Store.open(data) as store:
        ref = [r for r in store.meetings() if r.status is MeetingStatus.CLOSED][-1]
    path = data / "meetings" / f"{ref.id}.json"
    path.write_bytes(b"")
    before = files_and_times(data)
    for command in ("export", "circulate"):
        code, _, err = run(capsys, command, "--meeting", ref.id, "--data-dir", str(data))
        assert code == 1 and one_clean_line(err) and "is empty" in err
    assert files_and_times(data) == before
    assert path.read_bytes() == b""


def test_read_only_commands_leave_every_byte_and_mtime_alone(capsys, data, tmp_path):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    (data / ".lock").unlink()  # a read-only command must not even take the lock
    before = files_and_times(data)
    out = tmp_path / "out"
    out.mkdir()
    assert run(capsys, "export", "--data-dir", str(data), "--out", str(out))[0] == 0
    assert run(capsys, "circulate", "--data-dir", str(data), "--out-dir", str(out), "--force")[0] == 0
    assert run(capsys, "backups", "--data-dir", str(data))[0] == 0
    assert files_and_times(data) == before


@pytest.mark.parametrize("argv", [["export"], ["circulate"], ["backups"]])
def test_read_only_commands_refuse_a_missing_or_empty_folder(capsys, tmp_path, argv):
    missing = tmp_path / "mistyped" / "data"
    code, _, err = run(capsys, *argv, "--data-dir", str(missing))
    assert code == 1 and one_clean_line(err)
    assert not (tmp_path / "mistyped").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(capsys, *argv, "--data-dir", str(empty))
    if argv == ["backups"]:  # an existing folder may list no backups
        assert code == 0 and "No backups yet" in out
    else:
        assert code == 1 and one_clean_line(err)
    assert list(empty.iterdir()) == []


def test_a_meeting_file_holding_another_meeting_is_refused_by_export(capsys, data):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    with Store.open(data) as store:
        first, last = store.meetings()[0], store.meetings()[-1]
    (data / "meetings" / f"{first.id}.json").write_bytes((data / "meetings" / f"{last.id}.json").read_bytes())
    code, out, err = run(capsys, "export", "--meeting", first.date.isoformat(), "--data-dir", str(data))
    assert code == 1 and one_clean_line(err)
    assert "holds another meeting" in err and out == ""


def test_a_vote_by_an_unknown_member_is_refused_with_its_path(capsys, data):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    with Store.open(data) as store:
        closed = [r for r in store.meetings() if r.status is MeetingStatus.CLOSED][-1]
    path = data / "meetings" / f"{closed.id}.json"
    raw = json.loads(path.read_bytes())
    meeting = raw["meeting"]["1"]
    motion = next(i for i, m in enumerate(meeting["motions"]) if m["votes"])
    meeting["motions"][motion]["votes"][0]["member_id"] = "ghost-member"
    path.write_bytes(json.dumps(raw).encode())
    code, _, err = run(capsys, "export", "--meeting", closed.id, "--data-dir", str(data))
    assert code == 1 and one_clean_line(err)
    assert str(path) in err and f"motions[{motion}].votes[0].member_id = ghost-member" in err


def test_a_data_dir_that_is_a_file(capsys, tmp_path, no_app):
    afile = tmp_path / "coalition-notes.txt"
    afile.write_text("mine")
    for argv in (["run"], ["demo"], ["export"], ["backups"]):
        code, _, err = run(capsys, *argv, "--data-dir", str(afile))
        assert code == 1 and one_clean_line(err), (argv, err)
    assert afile.read_text() == "mine"


def test_json_nested_200000_deep(capsys, data, no_app):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    (data / "coalition.json").write_text("[" * 200_000 + "]" * 200_000)
    for argv in (["run"], ["export"]):
        code, _, err = run(capsys, *argv, "--data-dir", str(data))
        assert code == 1 and one_clean_line(err) and "nested too deeply" in err


def test_a_read_only_file_system(capsys, data, monkeypatch, no_app):
    import errno

    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    before = files_and_times(data)
    real_open, real_mkdir = os.open, os.mkdir
    writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def read_only_open(path, flags, *args, **kwargs):
        if flags & writes:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    def read_only_mkdir(path, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(os, "open", read_only_open)
    monkeypatch.setattr(os, "mkdir", read_only_mkdir)
    for argv in (["run"], ["demo", "--force"]):
        code, _, err = run(capsys, *argv, "--data-dir", str(data))
        assert code == 1 and one_clean_line(err), (argv, err)
        assert "Read-only file system" in err
    # Reading still works on a read-only stick.
    code, out, err = run(capsys, "backups", "--data-dir", str(data))
    assert code == 0
    monkeypatch.undo()
    assert files_and_times(data) == before


def test_demo_force_on_a_full_disk(capsys, data, monkeypatch):
    import errno

    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    before = {p: b for p, b in snapshot(data).items() if p.name != ".lock"}

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    code, _, err = run(capsys, "demo", "--force", "--data-dir", str(data))
    monkeypatch.undo()
    assert code == 1 and one_clean_line(err)
    assert "No space left on device" in err
    after = {p: b for p, b in snapshot(data).items() if p.name != ".lock"}
    assert after == before  # nothing replaced, no temp file left behind


def test_restore_of_an_older_coalition_copy_says_what_it_changes_first(capsys, data):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    with Store.open(data) as store:
        (copy,) = store.backup()
        latest = store.meetings()[-1]
        meeting = store.load_meeting(latest.id)
        later = type(meeting)(date=date(2027, 1, 21), status=MeetingStatus.CLOSED)
        store.save_meeting(later)
    code, out, err = run(capsys, "backups", "--restore", str(copy), "--data-dir", str(data))
    assert code == 0, err
    plan, done = out.split("Restored ")
    assert "will change" in plan and "2027-01-21" in plan
    with Store.open(data) as store:
        assert later.id in [r.id for r in store.meetings()]


def test_loose_permissions_are_tightened_and_told_once(capsys, data, no_app):
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    os.chmod(data / "coalition.json", 0o644)
    code, _, err = run(capsys, "backups", "--data-dir", str(data))
    code, _, err = run(capsys, "export", "--data-dir", str(data), "--out", str(data.parent))
    assert code == 0
    assert "now private to you" in err
    assert (data / "coalition.json").stat().st_mode & 0o777 == 0o600
    code, _, err = run(capsys, "export", "--data-dir", str(data), "--out", str(data.parent), "--force")
    assert "private" not in err


# --------------------------------------------------------------------------
# Without fcntl (the Windows path, exercised here)

BLOCK_FCNTL = """
import sys
class _NoFcntl:
    def find_spec(self, name, path=None, target=None):
        if name == "fcntl":
            raise ImportError("fcntl blocked: standing in for Windows")
sys.meta_path.insert(0, _NoFcntl())
sys.modules.pop("fcntl", None)
from dhtc_tui.cli import main
code = main(sys.argv[1:])
from dhtc_tui.store import platform
assert not platform.HAVE_FCNTL and "fcntl" not in sys.modules
sys.exit(code)
"""


def dhtc_without_fcntl(*argv: str, env_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DHTC_DATA_DIR": str(env_dir)}
    return subprocess.run(
        [sys.executable, "-c", BLOCK_FCNTL, *argv], capture_output=True, text=True, env=env, timeout=120
    )


def test_demo_and_export_run_without_fcntl_on_a_folder_last_written_with_it(tmp_path):
    data = tmp_path / "data"
    done = dhtc("demo", env_dir=data)  # fcntl available: leaves its .lock behind
    assert done.returncode == 0, done.stderr
    assert (data / ".lock").exists()
    done = dhtc_without_fcntl("demo", "--force", env_dir=data)
    assert done.returncode == 0, done.stderr
    assert "Wrote the demo coalition" in done.stdout
    done = dhtc_without_fcntl("export", "--out", str(tmp_path), env_dir=data)
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.glob("*.docx"))
    # A soft lock left by a killed process never blocks a start.
    (data / ".lock").write_text("999999999\nsome-host\n")
    done = dhtc_without_fcntl("demo", "--force", env_dir=data)
    assert done.returncode == 0, done.stderr
    done = dhtc("demo", "--force", env_dir=data)  # and back on the POSIX path
    assert done.returncode == 0, done.stderr


def test_a_live_soft_lock_still_refuses_a_second_copy(tmp_path):
    data = tmp_path / "data"
    assert dhtc("demo", env_dir=data).returncode == 0
    (data / ".lock").unlink()
    (data / ".lock").write_text(f"{os.getpid()}\nthis-host\n")  # a live holder
    done = dhtc_without_fcntl("demo", "--force", env_dir=data)
    assert done.returncode == 1
    assert "already using" in done.stderr and no_traceback(done.stderr)
