"""Damaged files, hostile structure and faults at the store level."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date

import pytest

from dhtc_tui.domain.model import Meeting, Member, MeetingStatus, Settings, Vote, VoteChoice, Motion
from dhtc_tui.store import platform
from dhtc_tui.store.errors import DataFileError, NoStore, StoreError, StoreLocked
from dhtc_tui.store.repository import (
    BACKUPS_KEPT,
    Store,
    ensure_private_dir,
    list_backups,
    plan_restore,
    prune_backups,
    restore_backup,
)
from dhtc_tui.store.writer import Writer


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def mode(path) -> int:
    return path.stat().st_mode & 0o777


# --------------------------------------------------------------------------
# Empty files are damage


@pytest.mark.parametrize("content", [b"", b"   \n\t"])
def test_an_empty_coalition_file_is_refused_and_left_alone(data, content):
    Store.open(data).close()
    (data / "coalition.json").write_bytes(content)
    with pytest.raises(DataFileError) as caught:
        Store.open(data)
    message = str(caught.value)
    assert str(data / "coalition.json") in message and "is empty" in message
    assert "dhtc-tui backups" in message and "\n" not in message
    assert (data / "coalition.json").read_bytes() == content


def test_the_last_good_backup_is_never_rotated_away(data):
    with Store.open(data) as store:
        store.save_member(Member(name="Good Agency"))
        (good,) = store.backup()
    good_bytes = good.read_bytes()
    folder = good.parent
    # A damaged coalition file backed up at many later starts.
    for number in range(BACKUPS_KEPT + 5):
        (folder / f"29990101-000000-{number:06d}.json").write_bytes(b"")
        prune_backups(folder)
    copies = sorted(folder.glob("*.json"))
    assert good_bytes in [p.read_bytes() for p in copies]
    assert len(copies) == BACKUPS_KEPT + 1  # ten newest, and the last good one


def test_pruning_drops_old_copies_when_a_newer_good_one_is_kept(data):
    with Store.open(data) as store:
        for number in range(BACKUPS_KEPT + 2):
            store.save_member(Member(name=f"Agency {number}"))
            store.backup()
    assert len(list_backups(data)) == BACKUPS_KEPT


# --------------------------------------------------------------------------
# Read-only opens


def test_a_read_only_open_of_a_missing_or_empty_folder_creates_nothing(tmp_path):
    missing = tmp_path / "typo" / "data"
    with pytest.raises(NoStore, match="nothing was created"):
        Store.open(missing, read_only=True)
    assert not (tmp_path / "typo").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NoStore, match="coalition.json is missing"):
        Store.open(empty, read_only=True)
    assert list(empty.iterdir()) == []


def test_a_read_only_open_writes_nothing_even_for_a_zero_byte_meeting(data):
    meeting = Meeting(date=date(2026, 11, 19))
    with Store.open(data) as store:
        store.save_meeting(meeting)
    store.meeting_path(meeting.id).write_bytes(b"")
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in data.rglob("*") if p.is_file()}
    with Store.open(data, read_only=True) as store:
        with pytest.raises(DataFileError, match="is empty"):
            store.load_meeting(meeting.id)
        with pytest.raises(PermissionError):
            store.save_member(Member(name="Nope"))
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in data.rglob("*") if p.is_file()}
    assert after == before


def test_a_read_only_open_works_beside_the_app(data):
    with Store.open(data) as app_store:
        app_store.save_member(Member(name="Open Agency"))
        with Store.open(data, read_only=True) as reader:
            assert [m.name for m in reader.members()] == ["Open Agency"]


def test_a_data_dir_that_is_a_file_is_one_clear_line(tmp_path):
    afile = tmp_path / "notes.txt"
    afile.write_text("not a folder")
    for read_only in (False, True):
        with pytest.raises(StoreError, match="is a file, not a folder") as caught:
            Store.open(afile, read_only=read_only)
        assert "\n" not in str(caught.value)
    assert afile.read_text() == "not a folder"


def test_json_nested_200000_deep_is_damage_not_a_crash(data):
    Store.open(data).close()
    (data / "coalition.json").write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(DataFileError, match="nested too deeply"):
        Store.open(data, read_only=True)


# --------------------------------------------------------------------------
# A file holds what its name says; references are to known members


def test_a_meeting_file_holding_another_meeting_is_refused(data):
    october, november = Meeting(date=date(2026, 10, 15)), Meeting(date=date(2026, 11, 19))
    with Store.open(data) as store:
        store.save_meeting(october)
        store.save_meeting(november)
        oct_path = store.meeting_path(october.id)
        oct_path.write_bytes(store.meeting_path(november.id).read_bytes())
    with Store.open(data, read_only=True) as store:
        with pytest.raises(DataFileError, match="holds another meeting") as caught:
            store.load_meeting(october.id)
        assert str(oct_path) in str(caught.value)


def test_a_vote_by_an_unknown_member_is_damage_with_its_path(data):
    voter = Member(name="Known Agency")
    meeting = Meeting(date=date(2026, 11, 19))
    meeting.motions.append(
        Motion(text="Adopt the plan", votes=[Vote(voter.id, VoteChoice.FOR), Vote("ghost-id", VoteChoice.AGAINST)])
    )
    with Store.open(data) as store:
        store.save_member(voter)
        store.save_meeting(meeting)
    with Store.open(data, read_only=True) as store:
        with pytest.raises(DataFileError) as caught:
            store.load_meeting(meeting.id)
    message = str(caught.value)
    assert str(data / "meetings" / f"{meeting.id}.json") in message
    assert "motions[0].votes[1].member_id = ghost-id" in message


def test_a_chair_who_is_not_a_member_is_damage(data):
    with Store.open(data) as store:
        store.save_settings(Settings(chair_member_id="nobody"))
    with pytest.raises(DataFileError, match="settings.chair_member_id = nobody"):
        Store.open(data)


# --------------------------------------------------------------------------
# Restore checks the copy against the meeting files


def test_restoring_an_older_coalition_copy_rebuilds_the_meeting_list(data):
    member = Member(name="Steady Agency")
    october = Meeting(date=date(2026, 10, 15), status=MeetingStatus.IN_PROGRESS)
    with Store.open(data) as store:
        store.save_member(member)
        store.save_meeting(october)
        (old_copy,) = store.backup()
        october.status = MeetingStatus.CLOSED
        store.save_meeting(october)
        november = Meeting(date=date(2026, 11, 19), status=MeetingStatus.CLOSED)
        store.save_meeting(november)
    plan = plan_restore(data, old_copy)
    text = "\n".join(plan.changes)
    assert "2026-11-19" in text and "rebuilt from the meeting files" in text
    restore_backup(data, old_copy, plan)
    with Store.open(data) as store:
        refs = {r.date: r.status for r in store.meetings()}
    # The later meeting is still listed, and October is closed as its file says.
    assert refs == {date(2026, 10, 15): MeetingStatus.CLOSED, date(2026, 11, 19): MeetingStatus.CLOSED}


def test_restoring_a_copy_older_than_a_member_a_meeting_needs_is_refused(data):
    with Store.open(data) as store:
        (old_copy,) = store.backup()
        newcomer = Member(name="New Agency")
        store.save_member(newcomer)
        meeting = Meeting(date=date(2026, 11, 19), chair_member_id=newcomer.id)
        store.save_meeting(meeting)
        before = store.coalition_path.read_bytes()
    with pytest.raises(StoreError, match="Not restored") as caught:
        plan_restore(data, old_copy)
    assert "\n" not in str(caught.value)
    assert (data / "coalition.json").read_bytes() == before


# --------------------------------------------------------------------------
# Faults


def test_a_failing_backup_never_holds_up_saves(data):
    store = Store.open(data)
    (data / "backups").write_text("a file where the backups folder should be")
    warnings: list[BaseException] = []
    writer = Writer(store, on_warning=warnings.append)
    try:
        writer.submit_optional(store.backup, [])
        writer.submit(store.save_member, Member(name="Saved Anyway"))
        assert writer.flush(timeout=5)
        assert [m.name for m in store.members()] == ["Saved Anyway"]
        assert warnings
    finally:
        writer.close()
        store.close()


def test_flush_fail_fast_returns_on_the_first_failed_attempt(data):
    store = Store.open(data)
    errors: list[BaseException] = []
    writer = Writer(store, on_error=errors.append)

    def full_disk():
        raise OSError(28, "No space left on device")

    try:
        writer.submit(full_disk)
        assert writer.flush(timeout=30, fail_fast=True) is False
        assert errors and writer.pending()
        assert writer.unsaved()["records"][0]["call"] == "full_disk"
    finally:
        writer._tasks.clear()
        writer.close(timeout=2)
        store.close()


def test_stale_temp_files_are_removed_from_every_folder_the_app_writes(data):
    meeting = Meeting(date=date(2026, 11, 19))
    with Store.open(data) as store:
        store.save_meeting(meeting)
        store.backup([meeting.id])
    stale = [
        data / ".coalition.json.999.tmp",
        data / "meetings" / f".{meeting.id}.json.999.tmp",
        data / "backups" / meeting.id / ".20261119-000000-000000.json.999.tmp",
        data / "backups" / "coalition" / ".20261119-000000-000000.json.999.tmp",
    ]
    for path in stale:
        path.write_text("partial copy of a meeting")
    Store.open(data).close()
    assert [p for p in stale if p.exists()] == []


# --------------------------------------------------------------------------
# Permissions


@pytest.mark.skipif(not platform.POSIX, reason="permission bits are POSIX")
@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_new_folders_and_missing_parents_are_private_whatever_the_umask(tmp_path, umask):
    old = os.umask(umask)
    try:
        Store.open(tmp_path / "a" / "b" / "data").close()
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "data"):
        assert mode(folder) == 0o700, folder


@pytest.mark.skipif(not platform.POSIX, reason="permission bits are POSIX")
def test_loose_data_files_are_tightened_at_open_and_told_once(data):
    meeting = Meeting(date=date(2026, 11, 19))
    with Store.open(data) as store:
        store.save_meeting(meeting)
    os.chmod(data / "coalition.json", 0o644)
    os.chmod(data / "meetings" / f"{meeting.id}.json", 0o666)
    with Store.open(data) as store:
        assert len(store.notices) == 1 and "2 data file(s)" in store.notices[0]
    assert mode(data / "coalition.json") == 0o600
    assert mode(data / "meetings" / f"{meeting.id}.json") == 0o600
    with Store.open(data) as store:
        assert store.notices == []


def test_platform_helpers_do_nothing_where_the_platform_lacks_them(tmp_path, monkeypatch):
    target = tmp_path / "f"
    target.write_text("x")
    os.chmod(target, 0o644)
    monkeypatch.setattr(platform, "POSIX", False)
    assert platform.set_mode(target, 0o600) is False
    assert platform.looser_than(target, 0o600) is False
    assert platform.fsync_directory(tmp_path) is False
    assert platform.process_alive(os.getpid()) is None
    assert mode(target) == 0o644
    monkeypatch.setattr(platform, "_fcntl", None)
    assert platform.lock_directory(tmp_path) is None
    platform.unlock_directory(None)


def test_platform_helpers_work_on_posix(tmp_path):
    if not platform.POSIX:
        pytest.skip("POSIX only")
    target = tmp_path / "f"
    target.write_text("x")
    os.chmod(target, 0o644)
    assert platform.looser_than(target, 0o600)
    assert platform.set_mode(target, 0o600) and mode(target) == 0o600
    assert platform.fsync_directory(tmp_path) is True
    assert platform.process_alive(os.getpid()) is True


def test_ensure_private_dir_refuses_a_file(tmp_path):
    (tmp_path / "x").write_text("")
    with pytest.raises(StoreError, match="is a file"):
        ensure_private_dir(tmp_path / "x")


# --------------------------------------------------------------------------
# The lock survives `rm .lock`


HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from dhtc_tui.domain.model import Member
    from dhtc_tui.store.repository import Store

    store = Store.open(Path(sys.argv[1]))
    print("locked", flush=True)
    for line in sys.stdin:
        store.save_member(Member(name=line.strip()))
        print("saved", flush=True)
    store.close()
    """
)


@pytest.mark.skipif(not platform.HAVE_FCNTL, reason="directory flock is POSIX only")
def test_deleting_the_lock_file_does_not_let_a_second_copy_in(data, tmp_path):
    Store.open(data).close()
    script = tmp_path / "holder.py"
    script.write_text(HOLDER)
    holder = subprocess.Popen(
        [sys.executable, str(script), str(data)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        (data / ".lock").unlink()
        with pytest.raises(StoreLocked):
            Store.open(data)
        # The first copy keeps working.
        holder.stdin.write("First Copy Agency\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "saved"
        holder.stdin.close()
        assert holder.wait(timeout=30) == 0
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    with Store.open(data) as store:
        assert [m.name for m in store.members()] == ["First Copy Agency"]


def test_check_meetings_finds_a_missing_file_and_hands_each_meeting_over_once(data):
    from dhtc_tui.store.errors import NotFound

    first, second = Meeting(date=date(2026, 10, 15)), Meeting(date=date(2026, 11, 19))
    with Store.open(data) as store:
        store.save_meeting(first)
        store.save_meeting(second)
    with Store.open(data) as store:
        (checked,) = store.check_meetings([store.meetings()[-1]], present=store.meetings())
        assert store.load_meeting(second.id) is checked  # no second read
        assert store.load_meeting(second.id) is not checked  # once
    store.meeting_path(first.id).unlink()
    with Store.open(data) as store:
        with pytest.raises(NotFound, match=first.id):
            store.check_meetings([store.meetings()[-1]], present=store.meetings())
