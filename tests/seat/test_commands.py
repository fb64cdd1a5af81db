"""dhtc-tui seat export / import on the command line."""

from __future__ import annotations

import json
import stat

from dhtc_tui import cli
from dhtc_tui.domain import seat as rules
from dhtc_tui.seat.files import read_bundle, write_bundle
from dhtc_tui.store.repository import Store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def meeting_bytes(data, meeting_id):
    return (data / "meetings" / f"{meeting_id}.json").read_bytes()


def test_export_writes_one_private_file_named_for_the_meeting(capsys, planned, tmp_path, monkeypatch):
    data, meeting_id = planned
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "seat", "export", "--data-dir", str(data))
    assert code == 0, err
    with Store.open(data) as store:
        meeting = store.load_meeting(meeting_id)
    path = tmp_path / f"DHTC-notes-{meeting.date.isoformat()}.dhtc"
    assert str(path) in out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    bundle = read_bundle(path)
    assert bundle.seat_id == meeting.seat_id != ""
    assert [i.id for i in bundle.agenda] == [i.id for i in meeting.agenda]


def test_export_refuses_to_overwrite_without_force(capsys, planned, tmp_path):
    data, _ = planned
    out_file = tmp_path / "notes.dhtc"
    assert run(capsys, "seat", "export", "--data-dir", str(data), "--out", str(out_file))[0] == 0
    before = out_file.read_bytes()
    code, out, err = run(capsys, "seat", "export", "--data-dir", str(data), "--out", str(out_file))
    assert code == 1 and "use --force" in err and len(err.strip().splitlines()) == 1
    assert out_file.read_bytes() == before
    code, _, err = run(capsys, "seat", "export", "--data-dir", str(data), "--out", str(out_file), "--force")
    assert code == 0, err
    assert read_bundle(out_file).seat_id == json.loads(before)["seat_id"]  # the link is kept


def test_export_without_a_planned_meeting_says_how(capsys, demo_store, tmp_path):
    demo_store.close()
    code, out, err = run(capsys, "seat", "export", "--data-dir", str(tmp_path / "data"), "--out", str(tmp_path))
    assert code == 1 and "plan the next meeting" in err


def test_seat_without_an_action_is_a_usage_mistake(capsys):
    assert run(capsys, "seat")[0] == 2


def _typed_file(capsys, planned, tmp_path):
    data, meeting_id = planned
    path = tmp_path / "notes.dhtc"
    assert run(capsys, "seat", "export", "--data-dir", str(data), "--out", str(path))[0] == 0
    bundle = read_bundle(path)
    bundle.notes.items[bundle.agenda[2].id] = "Led by a member of the Land Acknowledgement circle."
    bundle.notes.member_updates.append(rules.MemberUpdate(bundle.members[0].id, "Hiring an outreach worker."))
    write_bundle(path, bundle)
    return data, meeting_id, path


def test_import_previews_then_merges_with_yes_and_only_once(capsys, planned, tmp_path):
    data, meeting_id, path = _typed_file(capsys, planned, tmp_path)
    before = meeting_bytes(data, meeting_id)
    code, out, err = run(capsys, "seat", "import", str(path), "--data-dir", str(data))
    assert code == 0, err
    assert "Land Acknowledgement" in out and "+ Led by a member" in out and "--yes" in out
    assert meeting_bytes(data, meeting_id) == before  # a preview changes nothing

    code, out, err = run(capsys, "seat", "import", str(path), "--data-dir", str(data), "--yes")
    assert code == 0, err
    assert "Merged 2 place(s)" in out
    with Store.open(data) as store:
        meeting = store.load_meeting(meeting_id)
    assert meeting.agenda[2].notes == "Led by a member of the Land Acknowledgement circle."
    assert meeting.member_updates[0].note == "Hiring an outreach worker."
    merged = meeting_bytes(data, meeting_id)

    code, out, err = run(capsys, "seat", "import", str(path), "--data-dir", str(data), "--yes")
    assert code == 0 and "Nothing new" in out
    assert meeting_bytes(data, meeting_id) == merged


def test_a_damaged_or_reshaped_or_foreign_file_is_refused_in_one_line(capsys, planned, tmp_path):
    data, meeting_id, path = _typed_file(capsys, planned, tmp_path)
    before = meeting_bytes(data, meeting_id)
    damaged = tmp_path / "damaged.dhtc"
    damaged.write_bytes(path.read_bytes()[:200])
    reshaped = tmp_path / "reshaped.dhtc"
    doc = json.loads(path.read_bytes())
    doc["notes"]["items"] = "all my notes"
    reshaped.write_text(json.dumps(doc))
    foreign = tmp_path / "foreign.dhtc"
    doc = json.loads(path.read_bytes())
    doc["seat_id"] = rules.new_seat_id()
    foreign.write_text(json.dumps(doc))
    for bad, words in ((damaged, "damaged"), (reshaped, "notes.items"), (foreign, "another meeting"),
                       (tmp_path / "missing.dhtc", "does not exist")):
        code, out, err = run(capsys, "seat", "import", str(bad), "--data-dir", str(data), "--yes")
        assert code == 1, bad
        assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert meeting_bytes(data, meeting_id) == before


def test_open_refuses_a_bad_file_in_one_line_before_any_screen(capsys, tmp_path):
    bad = tmp_path / "notes.dhtc"
    bad.write_text('{"format": "dhtc-notes", "version": 1, "seat_id": "x", "meeting": []}')
    code, out, err = run(capsys, "seat", "open", str(bad))
    assert code == 1 and "meeting should be dict" in err and len(err.strip().splitlines()) == 1
    bad.write_text("{not json")
    code, out, err = run(capsys, "seat", "open", str(bad))
    assert code == 1 and "damaged" in err
    assert bad.read_text() == "{not json"  # never overwritten
