"""The demo coalition's exports: every situation of the record is there,
nothing contradicts itself, and no internal identifier leaves the app
(issue 9, "Minutes" 11-13)."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import zipfile
from datetime import date

import docx
import pytest

from dhtc_tui.demo import build_demo
from dhtc_tui.domain.model import MemberKind, MeetingStatus, MotionKind, MotionState
from dhtc_tui.domain.voting import disposition
from dhtc_tui.minutes import commands
from dhtc_tui.record import record_for
from dhtc_tui.store.repository import Store

from .conftest import body_text

TODAY = date(2026, 11, 30)  # demo meetings: Sep 17, Oct 15 and Nov 19, 2026


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Every closed demo meeting circulated into its own folder:
    (store, {date: (meeting, minutes text, docx path, report)})."""
    root = tmp_path_factory.mktemp("demo")
    store = Store.open(root / "data")
    build_demo(store, TODAY, plan_next=True)
    out = {}
    for ref in store.meetings():
        meeting = store.load_meeting(ref.id)
        if meeting.status is not MeetingStatus.CLOSED:
            continue
        folder = root / ref.date.isoformat()
        folder.mkdir()
        report = commands.circulate(record_for(store, meeting), folder, False, today=TODAY)
        text = body_text(docx.Document(str(report.minutes.path)))
        out[ref.date] = (meeting, text, folder, report)
    yield store, out
    store.close()


def _ids(obj, found: set[str]) -> None:
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name == "id" and isinstance(value, str) and value:
                found.add(value)
            _ids(value, found)
    elif isinstance(obj, list):
        for item in obj:
            _ids(item, found)
    elif isinstance(obj, dict):
        for item in obj.values():
            _ids(item, found)


def every_id(store) -> set[str]:
    found: set[str] = set()
    for record in [*store.members(), *store.action_items(), *store.applications()]:
        _ids(record, found)
    for ref in store.meetings():
        _ids(store.load_meeting(ref.id), found)
    return found


def file_texts(folder) -> dict[str, str]:
    texts = {}
    for path in folder.iterdir():
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():  # document properties included
                    texts[f"{path.name}:{name}"] = archive.read(name).decode("utf-8", "replace")
        else:
            texts[path.name] = path.read_bytes().decode("utf-8", "replace")
    return texts


# 11 ----------------------------------------------------------------------------


def test_no_internal_identifier_in_any_part_of_any_file(demo):
    store, out = demo
    ids = every_id(store)
    assert len(ids) > 50
    for _, _, folder, report in out.values():
        texts = file_texts(folder)
        assert any(name.endswith("docProps/core.xml") for name in texts)
        assert any(name.endswith(".eml") for name in texts)
        for name, text in texts.items():
            leaked = [i for i in ids if i in text]
            assert not leaked, f"{name} holds internal ids {leaked[:3]}"


# 12 ----------------------------------------------------------------------------


def test_circulating_approved_minutes_says_so_and_invites_to_no_past_meeting(demo):
    _, out = demo
    meeting, _, folder, report = out[date(2026, 10, 15)]
    assert meeting.minutes_status.value == "approved"
    message = email.message_from_bytes(
        next(folder.glob("*.eml")).read_bytes(), policy=email.policy.default
    )
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "approved minutes" in message["Subject"]
    assert "as approved at the meeting of Thursday, November 19, 2026" in body
    assert "draft" not in body.lower() and "for approval" not in body
    assert report.invitation_path is None and not list(folder.glob("*.ics"))  # Nov 19 is past
    assert any("already taken place" in w for w in report.warnings)
    # The latest minutes are a draft, for approval at a meeting still to come.
    latest, _, folder, report = out[date(2026, 11, 19)]
    body = email.message_from_bytes(next(folder.glob("*.eml")).read_bytes(), policy=email.policy.default)
    assert "for approval" in body.get_body(preferencelist=("plain",)).get_content()
    assert report.invitation_path is not None and latest.next_meeting.on > TODAY


# 13 ----------------------------------------------------------------------------


def test_the_demo_holds_each_situation_of_the_record(demo):
    store, out = demo
    _, october, _, _ = out[date(2026, 10, 15)]
    assert "Approved as corrected on Thursday, November 19, 2026 (by motion 1)." in october
    assert "Item 7: the Survivor Advisory update was given by J.T., not A.R." in october
    assert ", as amended." in october and "Amendment 3 (to motion 2):" in october
    assert "Nature of the conflict: its members are bidding on the hotel awareness training contract." in october
    assert "Did not vote: " in october
    meeting, november, _, _ = out[date(2026, 11, 19)]
    assert "Lakeshore District School Board | Name not recorded | Delegate" in november
    removal = next(m for m in meeting.motions if m.kind is MotionKind.REMOVAL)
    assert removal.removal.outcome_notice_on > meeting.date
    assert "November 22, 2026" not in november  # signed after the adjournment


def test_the_demo_minutes_do_not_contradict_themselves(demo):
    store, out = demo
    members = store.members()
    settings = store.settings()
    joined = [m for m in members if m.joined is not None]
    survivors = [m for m in members if m.kind is MemberKind.SURVIVOR]
    assert settings.survivors_vote is False
    for day, (meeting, text, _, _) in out.items():
        where = f"minutes of {day}"
        # Patterns that can never stand in the record.
        for wrong in ("(base:", "delegate: ", "votes_cast", "members_present", "INCOMPLETE", "Open."):
            assert wrong not in text, f"{where}: {wrong!r}"
        assert not ("reviewed open action items" in text and "No action items were" in text), where
        voted_location = [
            m for m in meeting.motions
            if m.kind is MotionKind.LOCATION and m.state is MotionState.CARRIED and not m.by_consensus
        ]
        if voted_location:
            assert "decided by consensus" not in text and "decided by majority" in text, where
        for member in joined:
            if member.joined < meeting.date:
                assert f"membership application of {member.name}" not in text, where
        # Survivors present are named without a vote on every decided motion
        # (the setting says survivor members do not vote) and never counted.
        present = [s for s in survivors if (a := meeting.attendance_of(s.id)) and a.presence.attended]
        for motion in meeting.motions:
            for survivor in present:
                assert survivor.id not in motion.electorate, where
        for survivor in present:
            assert f"{survivor.name} (survivor member" in text, where
        # "Carried unanimously" exactly where the domain rule says so.
        assert text.count("Carried unanimously") == sum(
            disposition(m) == "Carried unanimously" for m in meeting.motions
        ), where
