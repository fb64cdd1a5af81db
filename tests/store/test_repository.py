"""The Store: round trips, schema version, damaged files, write cost, the lock."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import date, time
from pathlib import Path

import pytest

from dhtc_tui.domain.agenda import standard_agenda
from dhtc_tui.domain.model import (
    ActionItem,
    Application,
    Meeting,
    MeetingStatus,
    Member,
    MemberStatus,
    Settings,
)
from dhtc_tui.store import platform, storage
from dhtc_tui.store.errors import DataFileError, NewerSchemaError, StoreLocked
from dhtc_tui.store.repository import SCHEMA_VERSION, MeetingRef, Store


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data):
    store = Store.open(data)
    yield store
    store.close()


# --------------------------------------------------------------------------
# Round trips


def test_a_new_store_is_empty_and_records_its_schema(store):
    assert store.is_empty()
    assert store.settings() == Settings()
    raw = json.loads(store.coalition_path.read_bytes())
    assert raw["_meta"] == {"1": {"schema": SCHEMA_VERSION}}


def test_records_survive_a_reopen(data):
    member = Member(name="North Shore Youth Shelter", representatives=["Priya"], joined=date(2024, 10, 1))
    action = ActionItem(description="Circulate the chart", number=1, due=date(2026, 12, 1))
    application = Application(applicant="Riverside Alliance", received=date(2026, 10, 20))
    settings = Settings(chair_member_id=member.id, subcommittees=["Survivor Advisory"])
    meeting = Meeting(date=date(2026, 11, 19), start_time=time(9, 30), agenda=standard_agenda())
    with Store.open(data) as store:
        store.save_member(member)
        store.save_action_item(action)
        store.save_application(application)
        store.save_settings(settings)
        store.save_meeting(meeting)
    with Store.open(data) as store:
        assert store.members() == [member]
        assert store.action_items() == [action]
        assert store.applications() == [application]
        assert store.settings() == settings
        assert store.meetings() == [MeetingRef.of(meeting)]
        assert store.load_meeting(meeting.id) == meeting
        assert not store.is_empty()


def test_saving_a_record_again_updates_it_in_place(store):
    member = Member(name="Agency")
    store.save_member(member)
    member.status = MemberStatus.WITHDRAWN
    store.save_member(member)
    assert [(m.id, m.status) for m in store.members()] == [(member.id, MemberStatus.WITHDRAWN)]


def test_save_many_writes_once_and_updates_by_id(store, monkeypatch):
    first = Member(name="First")
    store.save_member(first)
    writes = record_writes(monkeypatch)
    first.name = "First, renamed"
    second = Member(name="Second")
    store.save_many(members=[first, second], settings=Settings(name="Renamed coalition"))
    assert writes == [store.coalition_path]
    assert sorted(m.name for m in store.members()) == ["First, renamed", "Second"]
    assert store.settings().name == "Renamed coalition"


def test_demo_store_round_trips(demo_store, tmp_path):
    refs = demo_store.meetings()
    meetings = demo_store.load_meetings(refs)
    members = demo_store.members()
    demo_store.close()
    with Store.open(tmp_path / "data") as again:
        assert again.members() == members
        assert again.load_meetings(again.meetings()) == meetings


# --------------------------------------------------------------------------
# Write cost does not grow with history


def record_writes(monkeypatch) -> list[Path]:
    writes: list[Path] = []
    real = storage.atomic_write_bytes

    def spy(path, payload):
        writes.append(Path(path))
        real(path, payload)

    monkeypatch.setattr(storage, "atomic_write_bytes", spy)
    return writes


def test_saving_one_meetings_notes_writes_only_that_meetings_file(store, monkeypatch):
    meetings = [
        Meeting(date=date(2020 + i // 10, 1 + i % 10, 17), agenda=standard_agenda())
        for i in range(61)
    ]
    for meeting in meetings:
        meeting.status = MeetingStatus.CLOSED
        meeting.agenda[5].notes = "Business arising. " * 50
        store.save_meeting(meeting)
    assert len(store.meetings()) == 61
    target = store.load_meeting(meetings[30].id)
    others = {p: p.stat().st_mtime_ns for p in store.data_dir.rglob("*.json") if p != store.meeting_path(target.id)}

    writes = record_writes(monkeypatch)
    target.agenda[5].notes += "One more sentence."
    store.save_meeting(target)
    assert writes == [store.meeting_path(target.id)]
    assert {p: p.stat().st_mtime_ns for p in others} == others

    # A change the index shows (the status) also rewrites coalition.json, and only that.
    writes.clear()
    target.status = MeetingStatus.IN_PROGRESS
    store.save_meeting(target)
    assert sorted(writes) == sorted([store.meeting_path(target.id), store.coalition_path])


# --------------------------------------------------------------------------
# Schema version


def bump_schema(path: Path, schema: int) -> bytes:
    raw = json.loads(path.read_bytes())
    raw["_meta"]["1"]["schema"] = schema
    path.write_bytes(json.dumps(raw).encode())
    return path.read_bytes()


def test_a_newer_coalition_file_is_refused_and_left_untouched(data):
    Store.open(data).close()
    before = bump_schema(data / "coalition.json", SCHEMA_VERSION + 1)
    with pytest.raises(NewerSchemaError) as caught:
        Store.open(data)
    message = str(caught.value)
    assert str(data / "coalition.json") in message
    assert f"schema {SCHEMA_VERSION + 1}" in message
    assert (data / "coalition.json").read_bytes() == before
    # The failed open released the directory: once fixed, it opens.
    bump_schema(data / "coalition.json", SCHEMA_VERSION)
    Store.open(data).close()


def test_a_newer_meeting_file_is_refused_and_left_untouched(data):
    meeting = Meeting(date=date(2026, 11, 19))
    with Store.open(data) as store:
        store.save_meeting(meeting)
        path = store.meeting_path(meeting.id)
    before = bump_schema(path, SCHEMA_VERSION + 5)
    with Store.open(data) as store:
        with pytest.raises(NewerSchemaError, match=str(path)):
            store.load_meeting(meeting.id)
    assert path.read_bytes() == before


# --------------------------------------------------------------------------
# Damaged files: a clear error naming the file, never a rewrite


def _edit(path: Path, change) -> None:
    raw = json.loads(path.read_bytes())
    change(raw)
    path.write_bytes(json.dumps(raw).encode())


def _set_member(**fields):
    return lambda raw: raw["members"]["1"].update(fields)


DAMAGE = {
    "truncated JSON": lambda p: p.write_bytes(p.read_bytes()[:-7]),
    "not UTF-8": lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00"),
    "list at top level": lambda p: p.write_bytes(b"[]"),
    "table not a dict": lambda p: _edit(p, lambda raw: raw.update(members=["x"])),
    "record not a dict": lambda p: _edit(p, lambda raw: raw["members"].update({"1": [1, 2]})),
    "member status bogus": lambda p: _edit(p, _set_member(status="bogus")),
    "member joined on an impossible date": lambda p: _edit(p, _set_member(joined="2026-02-30")),
    "member name a number": lambda p: _edit(p, _set_member(name=5)),
    "member name null": lambda p: _edit(p, _set_member(name=None)),
    "member votes a string": lambda p: _edit(p, _set_member(votes="yes")),
    "member representatives a string": lambda p: _edit(p, _set_member(representatives="Priya")),
    "member endorsements an object": lambda p: _edit(p, _set_member(endorsed_by={"vs": True})),
    "missing _meta": lambda p: _edit(p, lambda raw: raw.pop("_meta")),
    "settings of the wrong shape": lambda p: _edit(p, lambda raw: raw.update(settings={"1": {"voting_base": "loudest"}})),
    "meeting index of the wrong shape": lambda p: _edit(p, lambda raw: raw.update(meetings={"1": {"id": "x"}})),
}


def damaged_store(data: Path, damage) -> bytes:
    with Store.open(data) as store:
        store.save_member(Member(name="Agency", joined=date(2024, 1, 1)))
        store.save_meeting(Meeting(date=date(2026, 11, 19)))
    damage(data / "coalition.json")
    return (data / "coalition.json").read_bytes()


@pytest.mark.parametrize("damage", list(DAMAGE.values()), ids=list(DAMAGE))
def test_a_damaged_coalition_file_is_reported_and_never_rewritten(data, damage):
    before = damaged_store(data, damage)
    with pytest.raises(DataFileError) as caught:
        Store.open(data)
    assert caught.value.path == data / "coalition.json"
    assert str(data / "coalition.json") in str(caught.value)
    assert "--restore" in str(caught.value)
    assert (data / "coalition.json").read_bytes() == before
    # The failed open released the lock (a second attempt reports the same, not "locked").
    with pytest.raises(DataFileError):
        Store.open(data)


@pytest.mark.parametrize(
    "damage",
    [DAMAGE["truncated JSON"], DAMAGE["list at top level"], DAMAGE["missing _meta"],
     lambda p: _edit(p, lambda raw: raw["meeting"]["1"].update(status="adjourned-ish"))],
    ids=["truncated JSON", "list at top level", "missing _meta", "meeting record of the wrong shape"],
)
def test_a_damaged_meeting_file_is_reported_and_never_rewritten(data, damage):
    meeting = Meeting(date=date(2026, 11, 19))
    with Store.open(data) as store:
        store.save_meeting(meeting)
        path = store.meeting_path(meeting.id)
    damage(path)
    before = path.read_bytes()
    with Store.open(data) as store:  # the coalition file is fine
        with pytest.raises(DataFileError) as caught:
            store.load_meeting(meeting.id)
    assert caught.value.path == path
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_an_unreadable_file_is_reported_and_left_alone(data):
    Store.open(data).close()
    path = data / "coalition.json"
    before = path.read_bytes()
    os.chmod(path, 0)
    try:
        with pytest.raises(DataFileError, match="permission denied"):
            Store.open(data)
    finally:
        os.chmod(path, 0o600)
    assert path.read_bytes() == before


def test_a_permission_error_is_reported_even_for_root(data, monkeypatch):
    """The chmod 000 case, simulated so that it also runs as root."""
    Store.open(data).close()
    path = data / "coalition.json"
    real = Path.read_bytes

    def denied(self):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(DataFileError, match="permission denied") as caught:
        Store.open(data)
    assert caught.value.path == path


def test_a_directory_in_place_of_a_file_is_reported(data):
    meeting = Meeting(date=date(2026, 11, 19))
    with Store.open(data) as store:
        store.save_meeting(meeting)
        path = store.meeting_path(meeting.id)
    path.unlink()
    path.mkdir()
    with Store.open(data) as store:
        with pytest.raises(DataFileError, match="cannot be read"):
            store.load_meeting(meeting.id)
    assert path.is_dir()


# --------------------------------------------------------------------------
# One app per data directory


def test_a_second_open_is_refused_until_the_first_closes(data):
    first = Store.open(data)
    with pytest.raises(StoreLocked) as caught:
        Store.open(data)
    message = str(caught.value)
    assert str(data) in message
    assert f"process {os.getpid()}" in message
    assert "Close it first" in message
    first.close()
    Store.open(data).close()


def test_a_refused_open_does_not_disturb_the_holder(data):
    with Store.open(data) as first:
        with pytest.raises(StoreLocked):
            Store.open(data)
        first.save_member(Member(name="Still writing"))
        with pytest.raises(StoreLocked):
            Store.open(data)
    with Store.open(data) as again:
        assert [m.name for m in again.members()] == ["Still writing"]


HOLDER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from dhtc_tui.store.repository import Store

    store = Store.open(Path(sys.argv[1]))
    os.write(1, b"L")
    sys.stdin.read()  # holds the lock until killed (or until the test's end closes stdin)
    """
)


def test_the_lock_is_released_when_the_holder_is_killed(data, tmp_path):
    script = tmp_path / "holder.py"
    script.write_text(HOLDER)
    holder = subprocess.Popen(
        [sys.executable, str(script), str(data)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout.read(1) == b"L"
        with pytest.raises(StoreLocked, match=f"process {holder.pid}"):
            Store.open(data)
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        holder.kill()
        holder.wait()
        holder.stdin.close()
        holder.stdout.close()
    Store.open(data).close()


OPEN_AND_LIST_MODULES = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from dhtc_tui.store.repository import Store

    with Store.open(Path(sys.argv[1])):
        print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] == "filelock")))
    """
)


@pytest.mark.skipif(not platform.HAVE_FCNTL, reason="the directory flock is POSIX only")
def test_on_posix_the_directory_flock_is_the_lock_and_filelock_is_not_imported(data, tmp_path):
    script = tmp_path / "open.py"
    script.write_text(OPEN_AND_LIST_MODULES)
    done = subprocess.run([sys.executable, str(script), str(data)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
    # .lock stays behind, naming no one once the holder has gone.
    assert (data / ".lock").read_text().startswith("process ")
    Store.open(data).close()


def test_where_the_directory_cannot_be_flocked_filelock_guards_the_lock_file(data, monkeypatch):
    from dhtc_tui.store import repository

    monkeypatch.setattr(repository, "lock_directory", lambda directory: None)  # say, a network share
    first = Store.open(data)
    assert (data / ".lock").read_text() == f"process {os.getpid()}"
    with pytest.raises(StoreLocked, match=f"process {os.getpid()}"):
        Store.open(data)
    first.close()
    Store.open(data).close()
    # A lock file left by a process that no longer runs does not block a start.
    (data / ".lock").write_text("process 999999999")
    with Store.open(data) as store:
        assert store.members() == []


def test_closing_twice_is_harmless(data):
    store = Store.open(data)
    store.close()
    store.close()
    Store.open(data).close()


def test_records_checked_at_open_are_handed_over_once_and_never_stale(tmp_path):
    from dhtc_tui.demo import build_demo
    from dhtc_tui.store.repository import Store

    store = Store.open(tmp_path / "data")
    build_demo(store, date(2026, 11, 29))  # written after open: the snapshot is stale
    assert store.take_checked() is None
    store.close()
    store = Store.open(tmp_path / "data")
    settings, members, actions, applications, refs = store.take_checked()
    assert len(members) == len(store.members()) and len(refs) == 3
    assert store.take_checked() is None  # once
    store.close()
