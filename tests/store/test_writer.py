"""The single writer thread: in order, coalesced, retried after a failure."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest

from dhtc_tui.domain.model import Meeting, Member
from dhtc_tui.store.codec import to_doc
from dhtc_tui.store.repository import MeetingRef, Store
from dhtc_tui.store.writer import Writer


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "data")
    yield store
    store.close()


@pytest.fixture
def writer_for():
    made = []

    def make(store, **kw):
        writer = Writer(store, **kw)
        made.append(writer)
        return writer

    yield make
    for writer in made:
        writer.close(timeout=5)


def snapshot(meeting: Meeting) -> tuple[str, dict, MeetingRef]:
    return meeting.id, to_doc(meeting), MeetingRef.of(meeting)


def notes_on_disk(store: Store, meeting_id: str) -> str:
    raw = json.loads(store.meeting_path(meeting_id).read_bytes())
    return raw["meeting"]["1"]["location"]


def test_flush_waits_until_everything_is_on_disk(store, writer_for):
    writer = writer_for(store)
    meeting = Meeting(date=date(2026, 11, 19), location="Room 2B")
    member = Member(name="Queued Agency")
    writer.save_meeting(*snapshot(meeting))
    writer.submit(store.save_member, member)
    assert writer.flush(timeout=5) is True
    assert not writer.pending()
    assert notes_on_disk(store, meeting.id) == "Room 2B"
    assert json.loads(store.coalition_path.read_bytes())["members"]["1"]["name"] == "Queued Agency"


def test_snapshots_of_one_meeting_are_coalesced(store, writer_for, monkeypatch):
    writer = writer_for(store)
    gate = threading.Event()
    written: list[tuple[str, str]] = []
    real = store.save_meeting_doc

    def record(meeting_id, doc, ref):
        written.append((meeting_id, doc["location"]))
        real(meeting_id, doc, ref)

    monkeypatch.setattr(store, "save_meeting_doc", record)
    busy = threading.Event()

    def hold():  # keep the writer thread busy while snapshots pile up
        busy.set()
        gate.wait(5)

    writer.submit(hold)
    assert busy.wait(5)
    meeting = Meeting(date=date(2026, 11, 19))
    other = Meeting(date=date(2026, 10, 15), location="Other room")
    for step in range(20):
        meeting.location = f"Room {step}"
        writer.save_meeting(*snapshot(meeting))
    writer.save_meeting(*snapshot(other))
    assert writer.pending()
    gate.set()
    assert writer.flush(timeout=5)
    assert written == [(meeting.id, "Room 19"), (other.id, "Other room")]
    assert notes_on_disk(store, meeting.id) == "Room 19"


def test_tasks_run_in_the_order_submitted(store, writer_for):
    writer = writer_for(store)
    order: list[int] = []
    for number in range(50):
        writer.submit(order.append, number)
    assert writer.flush(timeout=5)
    assert order == list(range(50))


def test_a_failed_meeting_write_is_reported_and_retried(store, writer_for, monkeypatch):
    errors: list[BaseException] = []
    writer = writer_for(store, on_error=errors.append)
    real = store.save_meeting_doc
    calls: list[str] = []
    meeting = Meeting(date=date(2026, 11, 19), location="Room 2B")

    def flaky(meeting_id, doc, ref):
        calls.append(doc["location"])
        if len(calls) == 1:
            # The minute taker keeps typing while the disk is failing.
            meeting.location = "Room 2B, then moved online"
            writer.save_meeting(*snapshot(meeting))
            raise OSError(28, "No space left on device")
        real(meeting_id, doc, ref)

    monkeypatch.setattr(store, "save_meeting_doc", flaky)
    writer.save_meeting(*snapshot(meeting))
    assert writer.flush(timeout=5) is True
    assert [str(e) for e in errors] == ["[Errno 28] No space left on device"]
    # Retried once, with the newest snapshot (the failed older one is not written after it).
    assert calls == ["Room 2B", "Room 2B, then moved online"]
    assert writer.failed is None
    assert notes_on_disk(store, meeting.id) == "Room 2B, then moved online"


def test_a_failed_task_is_retried_before_later_ones(store, writer_for):
    errors: list[BaseException] = []
    writer = writer_for(store, on_error=errors.append)
    order: list[str] = []
    attempts = {"n": 0}

    def flaky():
        attempts["n"] += 1
        if attempts["n"] == 1:
            raise OSError("transient")
        order.append("flaky")

    writer.submit(flaky)
    writer.submit(order.append, "after")
    assert writer.flush(timeout=5)
    assert order == ["flaky", "after"]
    assert len(errors) == 1


def test_flush_reports_a_disk_that_keeps_failing(store, writer_for, monkeypatch):
    errors: list[BaseException] = []
    writer = writer_for(store, on_error=errors.append)

    def broken(*args):
        raise OSError("read-only file system")

    real = store.save_meeting_doc
    monkeypatch.setattr(store, "save_meeting_doc", broken)
    meeting = Meeting(date=date(2026, 11, 19), location="kept in memory")
    writer.save_meeting(*snapshot(meeting))
    assert writer.flush(timeout=0.3) is False
    assert errors and isinstance(writer.failed, OSError)
    monkeypatch.setattr(store, "save_meeting_doc", real)  # the disk comes back
    assert writer.flush(timeout=5) is True
    assert notes_on_disk(store, meeting.id) == "kept in memory"


def test_close_writes_what_is_queued_and_stops_the_thread(store):
    writer = Writer(store)
    meeting = Meeting(date=date(2026, 11, 19), location="Last words")
    writer.save_meeting(*snapshot(meeting))
    assert writer.close(timeout=5) is True
    assert not writer._thread.is_alive()
    assert notes_on_disk(store, meeting.id) == "Last words"
