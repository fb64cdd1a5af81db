"""`dhtc-tui evote ...` end to end, with real .eml files built here."""

from __future__ import annotations

from datetime import date
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from dhtc_tui.cli import main
from dhtc_tui.domain.model import Meeting, MeetingStatus, Member, MinutesStatus, Settings
from dhtc_tui.store.repository import Store

NAMES = ["Harbour House", "Harbourview Clinic", "North Shore Shelter", "Lakeside Legal", "Pine Street Health", "Bayfield Transition"]


@pytest.fixture
def data(tmp_path) -> Path:
    directory = tmp_path / "data"
    members = [Member(name=n, id=f"m{i}", email=f"a{i}@example.org") for i, n in enumerate(NAMES)]
    members.append(Member(name="Observer Office", id="obs", votes=False, email="obs@example.org"))
    with Store.open(directory) as store:
        store.save_many(members=members, settings=Settings(chair_member_id="m0"))
        store.save_meeting(Meeting(date=date(2026, 6, 18), status=MeetingStatus.CLOSED, id="june"))
    return directory


def run(capsys, *argv) -> tuple[int, list[str], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def open_vote(capsys, data, tmp_path, *extra) -> str:
    code, out, err = run(
        capsys, "evote", "open", "--data-dir", str(data), "--motion", "the coalition sign the letter",
        "--mover", "harbour h", "--seconder", "NORTH", "--deadline", "2026-06-30", "--on", "2026-06-22",
        "--out-dir", str(tmp_path), *extra,
    )
    assert code == 0, err
    return out[-1]


def read_eml(path: Path):
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


def test_open_writes_the_ballot_and_prints_the_id_alone(capsys, data, tmp_path):
    vote_id = open_vote(capsys, data, tmp_path, "--mode", "ballot")
    assert len(vote_id) == 12 and " " not in vote_id
    message = read_eml(tmp_path / "evote-1-ballot.eml")
    assert message["To"] == "Harbour House <a0@example.org>"
    assert message["Bcc"].split(", ") == [f"a{i}@example.org" for i in range(6)]  # not the observer
    assert message["X-Unsent"] == "1"
    body = message.get_body(("plain",)).get_content()
    assert "That the coalition sign the letter" in body
    assert "Tuesday, June 30, 2026" in body
    assert "reply to this e-mail with FOR, AGAINST or ABSTAIN on the first line" in body
    with Store.open(data) as store:
        (vote,) = store.evotes()
    assert vote.id == vote_id and vote.mover_id == "m0" and vote.seconder_id == "m2"


def test_no_chair_address_means_no_to(capsys, data, tmp_path):
    with Store.open(data) as store:
        store.save_settings(Settings())
    open_vote(capsys, data, tmp_path)
    assert read_eml(tmp_path / "evote-1-ballot.eml")["To"] is None


def test_an_ambiguous_or_unknown_member_is_a_usage_error(capsys, data, tmp_path):
    code, out, err = run(capsys, "evote", "open", "--data-dir", str(data), "--motion", "x", "--mover", "harb",
                         "--seconder", "north", "--deadline", "2026-06-30", "--out-dir", str(tmp_path))
    assert code == 2
    assert "Harbour House (m0)" in err and "Harbourview Clinic (m1)" in err
    code, out, err = run(capsys, "evote", "open", "--data-dir", str(data), "--motion", "x", "--mover", "zed",
                         "--seconder", "north", "--deadline", "2026-06-30", "--out-dir", str(tmp_path))
    assert code == 2 and "No member is named 'zed'" in err
    with Store.open(data) as store:
        assert store.evotes() == []


def test_identifying_wording_is_refused_until_reviewed(capsys, data, tmp_path):
    argv = ["evote", "open", "--data-dir", str(data), "--motion", "we support Maria Lopez in her claim",
            "--mover", "m0", "--seconder", "m2", "--deadline", "2026-06-30", "--on", "2026-06-22", "--out-dir", str(tmp_path)]
    code, out, err = run(capsys, *argv)
    assert code == 1 and "Maria Lopez" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "evote-1-ballot.eml").exists()
    with Store.open(data) as store:
        assert store.evotes() == []
    code, out, err = run(capsys, *argv, "--reviewed", "person_name|maria lopez")
    assert code == 0, err


def test_record_show_remind_and_close(capsys, data, tmp_path):
    open_vote(capsys, data, tmp_path, "--mode", "ballot")
    d = ("--data-dir", str(data))
    for member, choice in (("m0", "for"), ("harbourview", "FOR"), ("north", "against"), ("lakeside", "conflict")):
        code, out, err = run(capsys, "evote", "record", "1", "--member", member, "--choice", choice.lower(), "--on", "2026-06-23", *d)
        assert code == 0, err
    code, out, err = run(capsys, "evote", "show", "1", *d)
    assert out[0] == "2 for, 1 against, 0 abstentions; base 3; 2 needed; carried so far"
    assert out[1] == "Not answered: Pine Street Health, Bayfield Transition"
    code, out, err = run(capsys, "evote", "remind", "1", "--out-dir", str(tmp_path), *d)
    assert code == 0
    (reminder,) = tmp_path.glob("evote-1-reminder-*.eml")
    assert read_eml(reminder)["Bcc"] == "a4@example.org, a5@example.org"
    code, out, err = run(capsys, "evote", "close", "1", "--on", "2026-06-24", "--out-dir", str(tmp_path), *d)
    assert code == 1 and err.count("\n") == 1 and "have not answered" in err
    code, out, err = run(capsys, "evote", "close", "1", "--on", "2026-06-30", "--out-dir", str(tmp_path), *d)
    assert code == 0 and out[-1] == "carried"
    result = read_eml(tmp_path / "evote-1-result.eml")
    assert "Carried on June 30, 2026: 2 for, 1 against" in result.get_body(("plain",)).get_content()
    assert len(result["Bcc"].split(", ")) == 7
    code, out, err = run(capsys, "evote", "show", "1", "--record", *d)
    assert out[0].startswith("E-vote 1: That the coalition sign the letter. Moved by Harbour House")
    code, out, err = run(capsys, "evote", "list", *d)
    assert out[0].startswith("1  ") and "carried" in out[0]


def test_a_tie_closes_defeated(capsys, data, tmp_path):
    open_vote(capsys, data, tmp_path, "--mode", "ballot")
    d = ("--data-dir", str(data))
    for member, choice in (("m0", "for"), ("m1", "against"), ("m2", "abstain"), ("m3", "for"), ("m4", "against"), ("m5", "abstain")):
        run(capsys, "evote", "record", "1", "--member", member, "--choice", choice, "--on", "2026-06-23", *d)
    code, out, err = run(capsys, "evote", "close", "1", "--on", "2026-06-24", "--out-dir", str(tmp_path), *d)
    assert code == 0 and out[-1] == "defeated"  # everyone answered: early closing allowed


def test_consensus_objection_then_ballot(capsys, data, tmp_path):
    open_vote(capsys, data, tmp_path)
    d = ("--data-dir", str(data))
    run(capsys, "evote", "record", "1", "--member", "pine", "--choice", "against", "--on", "2026-06-23", *d)
    code, out, err = run(capsys, "evote", "close", "1", "--on", "2026-06-30", "--out-dir", str(tmp_path), *d)
    assert code == 1 and "evote ballot" in err
    code, out, err = run(capsys, "evote", "ballot", "1", "--on", "2026-06-30", "--deadline", "2026-07-07", "--out-dir", str(tmp_path), *d)
    assert code == 0, err
    assert "ballot" in read_eml(tmp_path / "evote-1-ballot.eml")["Subject"]
    code, out, err = run(capsys, "evote", "close", "1", "--on", "2026-07-07", "--out-dir", str(tmp_path), *d)
    assert out[-1] == "defeated"
    code, out, err = run(capsys, "evote", "export", "1", *d)
    assert "Objection from Pine Street Health" in out[0] and "Put to an electronic ballot on June 30, 2026" in out[0]


# -- importing replies ----------------------------------------------------------


def reply(path: Path, sender: str, text: str | None, when: str = "Tue, 23 Jun 2026 10:00:00 -0400",
          html: str | None = None, subject: str = "Re: DHTC e-vote 1") -> Path:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "Harbour House <a0@example.org>"
    message["Subject"] = subject
    message["Date"] = when
    if text is not None:
        message.set_content(text)
        if html is not None:
            message.add_alternative(html, subtype="html")
    else:
        message.set_content(html or "<p>FOR</p>", subtype="html")
    path.write_bytes(message.as_bytes())
    return path


def forwarded_as_attachment(path: Path, inner: Path) -> Path:
    message = EmailMessage()
    message["From"] = "Harbour House <a0@example.org>"
    message["Subject"] = "Fwd: Re: DHTC e-vote 1"
    message["Date"] = "Thu, 25 Jun 2026 09:00:00 -0400"
    message.set_content("Forwarding their answer, which came to me directly.")
    message.add_attachment(BytesParser(policy=policy.default).parsebytes(inner.read_bytes()))
    path.write_bytes(message.as_bytes())
    return path


def test_import_previews_then_records_with_yes(capsys, data, tmp_path):
    open_vote(capsys, data, tmp_path, "--mode", "ballot")
    mails = tmp_path / "replies"
    mails.mkdir()
    files = [
        reply(mails / "1-multipart.eml", '"Harbour House (Sam)" <a0@example.org>', "For\n\n> Dear members,\n> FOR, AGAINST or ABSTAIN", html="<p>For</p>"),
        reply(mails / "2-bottom.eml", "Harbourview Clinic <A1@Example.ORG>",
              "On Mon, Jun 22, 2026 at 9:00 AM Harbour House <a0@example.org> wrote:\n> FOR\n> AGAINST\n\nagainst\n"),
        reply(mails / "3-html.eml", "North Shore Shelter <a2@example.org>", None),
        reply(mails / "4-fwd.eml", "Harbour House <a0@example.org>",
              "---------- Forwarded message ---------\nFrom: Lakeside Legal <a3@example.org>\n"
              "Date: Wed, 24 Jun 2026 11:00:00 -0400\nSubject: Re: DHTC e-vote 1\n\nABSTAIN\n",
              subject="Fwd: Re: DHTC e-vote 1", when="Thu, 25 Jun 2026 09:00:00 -0400"),
        reply(mails / "5-unknown.eml", "Someone <someone@elsewhere.example>", "FOR"),
        reply(mails / "6-late.eml", "Bayfield Transition <a5@example.org>", "FOR", when="Thu, 2 Jul 2026 10:00:00 -0400"),
        reply(mails / "7-changed.eml", "a0@example.org", "AGAINST, on reflection", when="Fri, 26 Jun 2026 10:00:00 -0400"),
        reply(mails / "8-unreadable.eml", "Pine Street Health <a4@example.org>", "Sounds good to us\nFOR"),
    ]
    inner = reply(tmp_path / "inner.eml", "Pine Street Health <a4@example.org>", "for\n", when="Sat, 27 Jun 2026 10:00:00 -0400")
    files.append(forwarded_as_attachment(mails / "9-attached.eml", inner))
    d = ("--data-dir", str(data))
    code, before, err = run(capsys, "evote", "show", "1", *d)
    code, out, err = run(capsys, "evote", "import", "1", *map(str, files), *d)
    assert code == 0, err
    lines = {line.split(":")[0]: line for line in out[:-1]}
    assert lines["1-multipart.eml"].endswith("Harbour House: FOR (2026-06-23): matched")
    assert lines["2-bottom.eml"].endswith("Harbourview Clinic: AGAINST (2026-06-23): matched")
    assert "unreadable choice (no plain-text part)" in lines["3-html.eml"]
    assert lines["4-fwd.eml"].endswith("Lakeside Legal: ABSTAIN (2026-06-24): matched; forwarded")
    assert "unmatched sender someone@elsewhere.example" in lines["5-unknown.eml"]
    assert "after the deadline (2026-07-02), not counted" in lines["6-late.eml"]
    assert "replaces an earlier answer (for)" in lines["7-changed.eml"]
    assert "unreadable choice ('Sounds good to us')" in lines["8-unreadable.eml"]
    assert lines["9-attached.eml"].endswith("Pine Street Health: FOR (2026-06-27): matched; forwarded")
    assert out[-1].startswith("5 to record, 4 left out. Nothing recorded yet")
    code, after, err = run(capsys, "evote", "show", "1", *d)
    assert after == before  # the preview changed nothing

    code, out, err = run(capsys, "evote", "import", "1", *map(str, files), "--yes", *d)
    assert code == 0
    assert out[-2] == "Recorded 5, left out 4."
    assert out[-1] == "1 for, 2 against, 1 abstention; base 3; 2 needed; defeated so far"
    with Store.open(data) as store:
        (vote,) = store.evotes()
    assert {a.via for a in vote.answers} == {"e-mail"}
    assert [a.on for a in vote.answers if a.member_id == "m0"] == [date(2026, 6, 23), date(2026, 6, 26)]


def test_import_of_a_missing_file_is_reported_per_file(capsys, data, tmp_path):
    open_vote(capsys, data, tmp_path)
    code, out, err = run(capsys, "evote", "import", "1", str(tmp_path / "nope.eml"), "--data-dir", str(data))
    assert code == 0 and "cannot be read" in out[0]


def test_unknown_vote_is_a_usage_error(capsys, data):
    code, out, err = run(capsys, "evote", "show", "7", "--data-dir", str(data))
    assert code == 2 and "No single e-vote" in err


# -- minutes ------------------------------------------------------------------


def test_minutes_approved_by_email_with_no_reply(capsys, data, tmp_path):
    d = ("--data-dir", str(data))
    code, out, err = run(capsys, "evote", "minutes", "--meeting", "2026-06-18", "--deadline", "2026-06-30",
                         "--on", "2026-06-22", "--out-dir", str(tmp_path), *d)
    assert code == 0, err
    request = read_eml(next(tmp_path.glob("evote-1-minutes-request.eml")))
    body = request.get_body(("plain",)).get_content()
    assert "approved by consensus unless a member objects or asks for a correction by" in " ".join(body.split())
    code, out, err = run(capsys, "evote", "close", out[-1], "--on", "2026-07-01", "--out-dir", str(tmp_path), *d)
    assert code == 0 and out[-1] == "carried"
    assert "approved by consensus on June 30, 2026" in out[0]
    with Store.open(data) as store:
        meeting = store.load_meeting("june")
        assert meeting.minutes_status is MinutesStatus.APPROVED and meeting.approved_on == date(2026, 6, 30)
        assert store.meetings()[0].minutes_status is MinutesStatus.APPROVED


def test_minutes_correction_from_a_reply_then_deferred(capsys, data, tmp_path):
    d = ("--data-dir", str(data))
    run(capsys, "evote", "minutes", "--meeting", "june", "--deadline", "2026-06-30", "--on", "2026-06-22", "--out-dir", str(tmp_path), *d)
    mail = reply(tmp_path / "c.eml", "North Shore Shelter <a2@example.org>", "Correction: our delegate was present\n")
    code, out, err = run(capsys, "evote", "import", "1", str(mail), "--yes", *d)
    assert "CORRECTION" in out[0] and "matched" in out[0]
    code, out, err = run(capsys, "evote", "close", "1", "--on", "2026-06-30", "--out-dir", str(tmp_path), *d)
    assert code == 1 and "adopt the corrections or defer" in err
    code, out, err = run(capsys, "evote", "close", "1", "--defer", "--on", "2026-06-30", "--out-dir", str(tmp_path), *d)
    assert code == 0 and out[-1] == "defeated"
    with Store.open(data) as store:
        assert store.load_meeting("june").minutes_status is MinutesStatus.DRAFT


def test_removal_by_ballot_needs_its_notice_and_leaves_the_subject_out(capsys, data, tmp_path):
    base = ["evote", "open", "--data-dir", str(data), "--motion", "Bayfield Transition be removed from membership",
            "--mover", "m0", "--seconder", "m2", "--deadline", "2026-06-30", "--on", "2026-06-22",
            "--kind", "removal", "--subject", "bayfield", "--out-dir", str(tmp_path)]
    code, out, err = run(capsys, *base)
    assert code == 1 and "notified" in err
    code, out, err = run(capsys, *base, "--notified-on", "2026-06-10", "--reasons", "did not attend")
    assert code == 0, err
    message = read_eml(tmp_path / "evote-1-ballot.eml")
    assert "a5@example.org" not in message["Bcc"]
    assert "did not attend" not in message.get_body(("plain",)).get_content()  # reasons stay in the app
    code, out, err = run(capsys, "evote", "record", "1", "--member", "bayfield", "--choice", "against", "--on", "2026-06-23", "--data-dir", str(data))
    assert code == 1 and "subject of this removal" in err
