"""Crash-safe writes: a kill at any instant leaves the old file or the new one."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from dhtc_tui.domain.model import Meeting, Member
from dhtc_tui.store import storage
from dhtc_tui.store.errors import DataFileError
from dhtc_tui.store.repository import Store
from dhtc_tui.store.storage import (
    AtomicJSONStorage,
    atomic_write_bytes,
    read_json_file,
    remove_stale_temp_files,
    temp_name,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def temp_files(directory: Path) -> list[Path]:
    return sorted(directory.glob(".*.tmp"))


# --------------------------------------------------------------------------
# atomic_write_bytes


def test_temp_files_are_hidden_siblings(tmp_path):
    target = tmp_path / "a.json"
    assert temp_name(target) == tmp_path / f".a.json.{os.getpid()}.tmp"  # same directory: rename is atomic


def test_atomic_write_creates_a_private_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "a.json"
    atomic_write_bytes(target, b'{"x": 1}')
    assert target.read_bytes() == b'{"x": 1}'
    assert mode(target) == 0o600
    assert temp_files(tmp_path) == []


def test_atomic_write_replaces_the_old_content(tmp_path):
    target = tmp_path / "a.json"
    atomic_write_bytes(target, b"old")
    inode = target.stat().st_ino
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    # A new file renamed over the old one, never the old one rewritten in place.
    assert target.stat().st_ino != inode


def test_death_between_temp_write_and_replace_keeps_the_old_file(tmp_path, monkeypatch):
    store = Store.open(tmp_path / "data")
    store.save_member(Member(name="Kept Agency"))
    before = store.coalition_path.read_bytes()

    def die(src, dst):
        assert Path(src).exists()  # the temp file was fully written first
        raise OSError("simulated power cut")

    monkeypatch.setattr(os, "replace", die)
    with pytest.raises(OSError, match="simulated"):
        store.save_member(Member(name="Lost Agency"))
    monkeypatch.undo()

    assert store.coalition_path.read_bytes() == before
    assert temp_files(store.data_dir) == []
    # The failed write did not leave memory claiming what the disk lacks.
    assert [m.name for m in store.members()] == ["Kept Agency"]
    store.close()
    with Store.open(tmp_path / "data") as again:
        assert [m.name for m in again.members()] == ["Kept Agency"]


def test_storage_drops_its_cache_when_a_write_fails(tmp_path, monkeypatch):
    path = tmp_path / "db.json"
    backend = AtomicJSONStorage(path)
    backend.write({"t": {"1": {"a": 1}}})
    data = backend.read()
    data["t"]["1"]["a"] = 2  # what TinyDB does before calling write()

    def fail(path, payload):
        raise OSError("disk full")

    monkeypatch.setattr(storage, "atomic_write_bytes", fail)
    with pytest.raises(OSError):
        backend.write(data)
    monkeypatch.undo()
    assert backend.read() == {"t": {"1": {"a": 1}}}


def test_stale_temp_files_are_removed_at_open(tmp_path):
    data = tmp_path / "data"
    Store.open(data).close()
    left = [
        data / ".coalition.json.99999.tmp",
        data / "meetings" / ".abc.json.4242.tmp",
    ]
    for path in left:
        path.write_text("confidential half-written notes")
    unrelated = data / "meetings" / "notes.tmp"  # not one of ours: not hidden
    unrelated.write_text("keep")
    Store.open(data).close()
    assert not any(path.exists() for path in left)
    assert unrelated.exists()


def test_remove_stale_temp_files_ignores_a_missing_directory(tmp_path):
    assert remove_stale_temp_files(tmp_path / "nowhere") == []


# --------------------------------------------------------------------------
# Private files


def test_data_directory_is_private(tmp_path):
    store = Store.open(tmp_path / "data")
    meeting = Meeting(date=date(2026, 11, 19))
    store.save_meeting(meeting)
    store.backup([meeting.id])
    try:
        for directory in (store.data_dir, store.meetings_dir, store.backups_dir, store.backups_dir / meeting.id):
            assert mode(directory) == 0o700, directory
        files = [store.coalition_path, store.meeting_path(meeting.id), store.data_dir / ".lock"]
        files += list(store.backups_dir.glob("*/*.json"))
        for path in files:
            assert mode(path) == 0o600, path
    finally:
        store.close()


def test_an_existing_directory_is_made_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    Store.open(data).close()
    assert mode(data) == 0o700


# --------------------------------------------------------------------------
# read_json_file


@pytest.mark.parametrize(
    "raw, problem",
    [
        (b'{"_meta": {"1": {"schema": 1}}', "not valid JSON"),
        (b"\xff\xfe garbage", "not valid JSON"),
        (b"[1, 2]", "TinyDB tables"),
        (b'{"members": [1, 2]}', "TinyDB tables"),
        (b'{"members": {"1": [1, 2]}}', "TinyDB tables"),
        (b'{"members": {"1": 5}}', "TinyDB tables"),
    ],
)
def test_read_json_file_names_the_problem(tmp_path, raw, problem):
    from dhtc_tui.store.errors import DataFileError

    path = tmp_path / "coalition.json"
    path.write_bytes(raw)
    with pytest.raises(DataFileError, match=problem) as caught:
        read_json_file(path)
    assert caught.value.path == path
    assert str(path) in str(caught.value)


def test_read_json_file_treats_missing_as_new_and_empty_as_damage(tmp_path):
    assert read_json_file(tmp_path / "absent.json") is None
    for name, content in (("empty.json", b""), ("blank.json", b"  \n")):
        (tmp_path / name).write_bytes(content)
        with pytest.raises(DataFileError, match="is empty"):
            read_json_file(tmp_path / name)


# --------------------------------------------------------------------------
# SIGKILL at random moments


CHILD = textwrap.dedent(
    """
    import os, sys
    from datetime import date
    from pathlib import Path
    from dhtc_tui.domain.model import Meeting
    from dhtc_tui.domain.agenda import standard_agenda
    from dhtc_tui.store.repository import Store

    store = Store.open(Path(sys.argv[1]))
    refs = store.meetings()
    if refs:
        meeting = store.load_meeting(refs[0].id)
    else:
        meeting = Meeting(date=date(2026, 11, 19), agenda=standard_agenda())
    item = meeting.agenda[0]
    step = 0
    while True:
        step += 1
        item.notes += f"[{len(item.notes):08d}]" + "x" * 1990
        # Every other save is shorter than the one before: an in-place rewrite
        # killed before its truncate would leave the old tail behind.
        meeting.location = "Room " + "l" * (step % 2) * 5000
        store.save_meeting(meeting)
        if step == 1:
            os.write(1, b"R")
    """
)


def check_consistent(data: Path) -> int:
    """Every file parses, the store opens, the notes are a whole version."""
    for path in [data / "coalition.json", *(data / "meetings").glob("*.json")]:
        json.loads(path.read_bytes())
    with Store.open(data) as store:
        assert temp_files(data) == [] and temp_files(data / "meetings") == []
        (ref,) = store.meetings()
        notes = store.load_meeting(ref.id).agenda[0].notes
    assert len(notes) % 2000 == 0
    # Every chunk is whole and starts with its own offset: no torn or mixed write.
    for offset in range(0, len(notes), 2000):
        assert notes[offset : offset + 10] == f"[{offset:08d}]"
    return len(notes)


def test_sigkill_at_random_moments_never_leaves_a_torn_file(tmp_path):
    data = tmp_path / "data"
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    rng = random.Random(20261129)
    # A number of kills, not a time budget: on a loaded machine each child
    # starts slower, and the test must then take longer rather than fail.
    deadline = time.monotonic() + 300.0
    kills = 0
    lengths = []
    while kills < 20 and time.monotonic() < deadline:
        child = subprocess.Popen(
            [sys.executable, str(script), str(data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            ready = child.stdout.read(1)
            assert ready == b"R", child.stderr.read().decode()
            time.sleep(rng.uniform(0, 0.04))  # a random instant inside the save loop
            child.send_signal(signal.SIGKILL)
        finally:
            child.kill()
            child.wait()
            child.stdout.close()
            child.stderr.close()
        assert child.returncode == -signal.SIGKILL
        kills += 1
        lengths.append(check_consistent(data))
    assert kills == 20, f"only {kills} kills in five minutes"
    # The children kept making progress on top of what survived each kill.
    assert lengths[-1] > lengths[0]
