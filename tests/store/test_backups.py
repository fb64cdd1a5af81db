"""Rolling backups and restore."""

from __future__ import annotations

from datetime import date

import pytest

from dhtc_tui.domain.model import Meeting, Member
from dhtc_tui.store.errors import DataFileError, NotFound, StoreLocked
from dhtc_tui.store.repository import BACKUPS_KEPT, Store, list_backups, restore_backup


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def test_backup_copies_the_coalition_file_and_the_given_meetings(data):
    meeting = Meeting(date=date(2026, 11, 19))
    other = Meeting(date=date(2026, 10, 15))
    with Store.open(data) as store:
        store.save_meeting(meeting)
        store.save_meeting(other)
        made = store.backup([meeting.id])
        assert [p.parent.name for p in made] == ["coalition", meeting.id]
        assert made[0].read_bytes() == store.coalition_path.read_bytes()
        assert made[1].read_bytes() == store.meeting_path(meeting.id).read_bytes()
    assert list_backups(data) == sorted(made)


def test_backup_keeps_the_last_ten_per_file(data):
    contents = []
    with Store.open(data) as store:
        for number in range(BACKUPS_KEPT + 3):
            store.save_member(Member(name=f"Agency {number:02d}"))
            store.backup()
            contents.append(store.coalition_path.read_bytes())
    kept = list_backups(data)
    assert BACKUPS_KEPT == 10
    assert len(kept) == 10
    # The newest ten, oldest first; the three oldest were dropped.
    assert [p.read_bytes() for p in kept] == contents[-10:]


def test_a_backup_of_a_missing_meeting_is_skipped(data):
    with Store.open(data) as store:
        made = store.backup(["no-such-meeting"])
    assert [p.parent.name for p in made] == ["coalition"]


def test_no_backups_yet(data):
    assert list_backups(data) == []


def test_restore_puts_a_copy_back_and_keeps_the_replaced_file(data):
    with Store.open(data) as store:
        store.save_member(Member(name="Good Agency"))
        (backup,) = store.backup()
        store.save_member(Member(name="Mistake"))
        replaced = store.coalition_path.read_bytes()
    target = restore_backup(data, backup)
    assert target == data / "coalition.json"
    assert target.read_bytes() == backup.read_bytes()
    (aside,) = data.glob("coalition.before-restore-*.json")
    assert aside.read_bytes() == replaced
    assert aside.stat().st_mode & 0o777 == 0o600
    with Store.open(data) as store:
        assert [m.name for m in store.members()] == ["Good Agency"]


def test_restore_of_a_meeting_backup_goes_to_the_meetings_folder(data):
    meeting = Meeting(date=date(2026, 11, 19), location="Room 2B")
    with Store.open(data) as store:
        store.save_meeting(meeting)
        _, backup = store.backup([meeting.id])
        meeting.location = "Typo"
        store.save_meeting(meeting)
    target = restore_backup(data, backup)
    assert target == data / "meetings" / f"{meeting.id}.json"
    with Store.open(data) as store:
        assert store.load_meeting(meeting.id).location == "Room 2B"


def test_two_restores_in_a_row_keep_both_replaced_files(data):
    with Store.open(data) as store:
        versions = []
        for name in ("First", "Second"):
            store.save_member(Member(name=name))
            versions.append(store.backup()[0])
        store.save_member(Member(name="Current"))
        current = store.coalition_path.read_bytes()
    restore_backup(data, versions[0])
    restore_backup(data, versions[1])
    asides = sorted(data.glob("coalition.before-restore-*.json"))
    assert sorted(p.read_bytes() for p in asides) == sorted([current, versions[0].read_bytes()])


@pytest.mark.parametrize("garbage", [b"{not json", b"[]", b'{"members": 3}'])
def test_restoring_a_damaged_backup_is_refused(data, garbage):
    with Store.open(data) as store:
        (backup,) = store.backup()
    backup.write_bytes(garbage)
    before = (data / "coalition.json").read_bytes()
    with pytest.raises(DataFileError, match=str(backup)):
        restore_backup(data, backup)
    assert (data / "coalition.json").read_bytes() == before
    assert list(data.glob("*.before-restore-*")) == []


def test_restoring_a_missing_backup_is_refused(data):
    Store.open(data).close()
    with pytest.raises(NotFound):
        restore_backup(data, data / "backups" / "coalition" / "nope.json")


def test_restore_waits_for_the_app_to_close(data):
    with Store.open(data) as store:
        (backup,) = store.backup()
        store.save_member(Member(name="Typed while open"))
        with pytest.raises(StoreLocked):
            restore_backup(data, backup)
        assert [m.name for m in store.members()] == ["Typed while open"]
