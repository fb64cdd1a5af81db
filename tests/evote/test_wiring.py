"""E-votes wired to the export gate and to the next meeting's minutes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from dhtc_tui.cli import main
from dhtc_tui.domain.agenda import standard_agenda
from dhtc_tui.domain.disclosure import is_cleared
from dhtc_tui.domain.evote import EVote, EVoteKind, Mode, open_evote
from dhtc_tui.domain.model import Meeting, MeetingStatus, Member, PreviousMinutes, Settings
from dhtc_tui.evote import mail
from dhtc_tui.minutes import commands as minutes_commands
from dhtc_tui.record import record_for
from dhtc_tui.store.repository import Store

NAMES = ["Harbour House", "Harbourview Clinic", "North Shore Shelter", "Lakeside Legal", "Pine Street Health"]


def roster() -> list[Member]:
    return [Member(name=n, id=f"m{i}", email=f"a{i}@example.org") for i, n in enumerate(NAMES)]


@pytest.fixture
def data(tmp_path) -> Path:
    directory = tmp_path / "data"
    june = Meeting(date=date(2026, 6, 18), status=MeetingStatus.CLOSED, id="june", agenda=standard_agenda())
    september = Meeting(
        date=date(2026, 9, 17), status=MeetingStatus.CLOSED, id="sept", agenda=standard_agenda(),
        previous_minutes=PreviousMinutes(meeting_id="june"),
    )
    with Store.open(directory) as store:
        store.save_many(members=roster(), settings=Settings(chair_member_id="m0"))
        store.save_meeting(june)
        store.save_meeting(september)
    return directory


def run(capsys, *argv) -> tuple[int, list[str], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def test_a_ballot_with_an_identifying_motion_is_refused_and_writes_nothing(capsys, data, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, err = run(
        capsys, "evote", "open", "--data-dir", str(data), "--motion", "Tanya Moreau, 905-555-0199",
        "--mover", "m0", "--seconder", "m2", "--deadline", "2026-06-30", "--on", "2026-06-22",
        "--mode", "ballot", "--out-dir", str(out_dir),
    )
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "Nothing written" in err and "905-555-0199" in err
    assert list(out_dir.iterdir()) == []
    with Store.open(data) as store:
        assert store.evotes() == []


def test_every_part_of_an_ordinary_ballot_is_cleared_text(monkeypatch):
    members = roster()
    vote = EVote(motion="the coalition sign the letter", mover_id="m0", seconder_id="m2", mode=Mode.BALLOT,
                 kind=EVoteKind.ORDINARY, opened_on=date(2026, 6, 22), deadline=date(2026, 6, 30))
    open_evote(vote, members)
    seen: list[tuple[str, bool]] = []
    real = mail.require_cleared

    def spy(value, what="text"):
        seen.append((what, is_cleared(value)))
        return real(value, what)

    monkeypatch.setattr(mail, "require_cleared", spy)
    message = mail.ballot(vote, members, Settings(chair_member_id="m0"))
    assert {what for what, _ in seen} == {"the e-mail subject", "the e-mail body", "the sender"}
    assert all(ok for _, ok in seen)
    body = message.get_body(("plain",)).get_content()
    assert "the coalition sign the letter" in body
    for build in (mail.reminder, mail.result):
        seen.clear()
        build(vote, members, Settings(chair_member_id="m0"))
        assert {"the e-mail subject", "the e-mail body"} <= {what for what, _ in seen} and all(ok for _, ok in seen)


def test_decisions_between_meetings_and_minutes_approved_by_email_reach_the_minutes(capsys, data, tmp_path):
    d = ("--data-dir", str(data))
    code, out, err = run(
        capsys, "evote", "open", *d, "--motion", "the coalition sign the letter", "--mover", "m0", "--seconder", "m2",
        "--deadline", "2026-06-30", "--on", "2026-06-22", "--mode", "ballot", "--out-dir", str(tmp_path),
    )
    assert code == 0, err
    for member, choice in (("m0", "for"), ("m1", "for"), ("m2", "for"), ("m3", "against")):
        code, out, err = run(capsys, "evote", "record", "1", "--member", member, "--choice", choice, "--on", "2026-06-23", *d)
        assert code == 0, err
    code, out, err = run(capsys, "evote", "close", "1", "--on", "2026-07-01", "--out-dir", str(tmp_path), *d)
    assert code == 0 and out[-1] == "carried", err
    code, out, err = run(capsys, "evote", "minutes", "--meeting", "june", "--deadline", "2026-06-30",
                         "--on", "2026-06-22", "--out-dir", str(tmp_path), *d)
    assert code == 0, err
    code, out, err = run(capsys, "evote", "close", out[-1], "--on", "2026-07-01", "--out-dir", str(tmp_path), *d)
    assert code == 0, err

    with Store.open(data) as store:
        september = record_for(store, store.load_meeting("sept"))
        june = record_for(store, store.load_meeting("june"))
    minutes_commands.export(september, tmp_path / "sept.docx", True)
    found = paragraphs(tmp_path / "sept.docx")
    texts = [t for _, t in found]
    heading = texts.index("Decisions made between meetings")
    assert found[heading][0].startswith("Heading")
    decision = next(t for t in texts[heading:] if t.startswith("E-vote 1:"))
    assert "the coalition sign the letter" in decision
    assert "Carried on June 30, 2026: 3 for, 1 against, 0 abstentions; 1 member did not vote" in decision
    assert "3 needed (more than half)" in decision and "(base:" not in decision
    assert any(
        "minutes of June 18, 2026 were circulated for approval by e-mail on June 22, 2026 "
        "and approved by consensus on June 30, 2026" in t for t in texts
    )
    assert not any("No decision on the minutes" in t for t in texts)

    minutes_commands.export(june, tmp_path / "june.docx", True)
    status = [t for t in (t for _, t in paragraphs(tmp_path / "june.docx")) if t.startswith("Status:")]
    assert status and "Approved by consensus by e-mail on" in status[0] and "June 30, 2026" in status[0]
    assert not any("Decisions made between meetings" in t for _, t in paragraphs(tmp_path / "june.docx"))
