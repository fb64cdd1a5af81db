"""The evotes table in coalition.json, and the schema 1 -> 2 migration."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dhtc_tui.domain import evote as ev
from dhtc_tui.domain.model import Member
from dhtc_tui.store.errors import DataFileError
from dhtc_tui.store.repository import SCHEMA_VERSION, Store, list_backups


def test_schema_is_two():
    assert SCHEMA_VERSION == 2


def test_a_schema_1_file_opens_gains_the_empty_table_and_keeps_a_copy(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    old = {
        "_meta": {"1": {"schema": 1}},
        "members": {"1": {"name": "North Shore Youth Shelter", "id": "m1"}},
    }
    (data / "coalition.json").write_text(json.dumps(old))
    with Store.open(data) as store:
        assert [m.name for m in store.members()] == ["North Shore Youth Shelter"]
        assert store.evotes() == []
    raw = json.loads((data / "coalition.json").read_text())
    assert raw["_meta"] == {"1": {"schema": 2}}
    assert raw["evotes"] == {}
    assert raw["members"] == old["members"]
    copies = list_backups(data)
    assert len(copies) == 1 and json.loads(copies[0].read_text()) == old


def test_a_schema_1_meeting_file_opens_unchanged_but_for_its_version(tmp_path):
    from dhtc_tui.domain.model import Meeting

    data = tmp_path / "data"
    with Store.open(data) as store:
        meeting = Meeting(date=date(2026, 6, 18))
        store.save_meeting(meeting)
        path = store.meeting_path(meeting.id)
    raw = json.loads(path.read_text())
    raw["_meta"]["1"]["schema"] = 1
    path.write_text(json.dumps(raw))
    with Store.open(data) as store:
        assert store.load_meeting(meeting.id).date == date(2026, 6, 18)
    after = json.loads(path.read_text())
    assert after["_meta"] == {"1": {"schema": 2}} and "evotes" not in after


def test_an_evote_survives_a_reopen(tmp_path):
    data = tmp_path / "data"
    members = [Member(name=f"M{i}", id=f"m{i}") for i in range(3)]
    vote = ev.EVote("sign the letter", date(2026, 6, 30), date(2026, 6, 22), mover_id="m0", seconder_id="m1")
    ev.open_evote(vote, members)
    ev.answer(vote, "m2", "conflict", date(2026, 6, 23), members)
    with Store.open(data) as store:
        store.save_evote(vote)
    with Store.open(data) as store:
        (back,) = store.evotes()
    assert back == vote
    assert back.answers[0].choice is ev.Choice.CONFLICT


def test_a_damaged_evote_is_reported_not_guessed(tmp_path):
    data = tmp_path / "data"
    with Store.open(data) as store:
        store._db().table("evotes").insert({"motion": 5, "deadline": "2026-06-30", "opened_on": "2026-06-22"})
        with pytest.raises(DataFileError):
            store.evotes()
