"""Nothing identifying reaches a file: every free-text field of a meeting
holds a client's details, and none of them reaches the .docx, the .eml or
the .ics (left out, or the export refuses and writes nothing)."""

from __future__ import annotations

import email.policy
import zipfile
from datetime import datetime
from email.parser import BytesParser

import pytest

from dhtc_tui.domain.disclosure import NOT_FREE_TEXT, free_texts, text_fields, unreviewed_findings
from dhtc_tui.domain.model import ActionItem, Meeting, MotionEvent, MotionKind, RemovalRecord
from dhtc_tui.minutes import MinutesError, commands

from .conftest import make_sample

LEAK = "Our client Tanya Moreau, 15, from Oshawa (DOB 2010-03-04, phone 905-555-0199) was placed at 123 Simcoe St N."
PIECES = ["Tanya", "Moreau", "Oshawa", "2010-03-04", "905-555-0199", "5550199", "Simcoe", "Our client"]


def full_sample():
    """The realistic sample, plus the few kinds of record it lacks, so that
    every text field of the model is present at least once."""
    sample = make_sample()
    meeting = sample.meeting
    removal = next((m for m in meeting.motions if m.kind is MotionKind.REMOVAL), None)
    if removal is None:
        removal = meeting.motions[0]
    removal.removal = removal.removal or RemovalRecord(reasons="Did not attend for a year.")
    removal.events.append(MotionEvent(at=datetime(2026, 9, 17, 10, 0), what="Reopened: wrong count"))
    present = {t.field for t in free_texts(meeting, sample.actions, sample.members)}
    wanted = {n for cls in (Meeting, ActionItem) for n, _ in text_fields(cls)} - set(NOT_FREE_TEXT)
    assert wanted <= present, f"the sample lacks {wanted - present}"
    return sample


def fill(sample, only=None, skip_formal=False) -> int:
    filled = 0
    for item in free_texts(sample.meeting, sample.actions, sample.members):
        if only is not None and item.path != only:
            continue
        if skip_formal and item.formal:
            continue
        if item.key is None:
            setattr(item.owner, item.attr, LEAK)
        else:
            getattr(item.owner, item.attr)[item.key] = LEAK
        filled += 1
    return filled


def everything_written(folder) -> str:
    """Every byte of every file, readable: .docx parts unzipped (including
    document properties), the .eml parsed (headers and decoded parts), the
    .ics as text; and the file names."""
    out = []
    for path in sorted(folder.iterdir()):
        out.append(path.name)
        data = path.read_bytes()
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                out.extend(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
        elif path.suffix == ".eml":
            out.append(data.decode("utf-8", "replace"))
            message = BytesParser(policy=email.policy.default).parsebytes(data)
            out.extend(f"{k}: {v}" for k, v in message.items())
            for part in message.walk():
                payload = part.get_payload(decode=True)
                if payload and part.get_content_type().startswith("text/"):
                    out.append(payload.decode("utf-8", "replace"))
                elif payload:
                    import io

                    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
                        out.extend(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
        else:
            out.append(data.decode("utf-8", "replace"))
            # Folded iCalendar lines: unfold before searching.
            out.append(data.decode("utf-8", "replace").replace("\r\n ", ""))
    return "\n".join(out)


def test_every_narrative_field_loses_the_details_and_the_count_is_given(tmp_path):
    sample = full_sample()
    filled = fill(sample, skip_formal=True)
    assert filled > 30
    pending = unreviewed_findings(sample.meeting, sample.members, sample.settings, sample.actions)
    report = commands.circulate(sample.record(), tmp_path, False, today=sample.meeting.date)
    assert {p.suffix for p in report.paths} == {".docx", ".eml", ".ics"}
    written = everything_written(tmp_path)
    for piece in PIECES:
        assert piece.casefold() not in written.casefold(), piece
    assert report.minutes.findings_left_out == len(pending) > filled
    assert any("left out" in w and str(len(pending)) in w for w in report.warnings)
    # The minutes are still minutes.
    assert "Minutes of the meeting of" in written and "Call to order" in written


def formal_paths(sample) -> list[str]:
    return [t.path for t in free_texts(sample.meeting, sample.actions, sample.members) if t.formal]


FORMAL_COUNT = len(formal_paths(full_sample()))


@pytest.mark.parametrize("index", range(FORMAL_COUNT))
def test_a_formal_field_stops_the_export_and_nothing_is_written(tmp_path, index):
    sample = full_sample()
    assert fill(sample, only=formal_paths(sample)[index]) == 1
    for run in (
        lambda: commands.export(sample.record(), tmp_path, False),
        lambda: commands.circulate(sample.record(), tmp_path, False, today=sample.meeting.date),
    ):
        with pytest.raises(MinutesError) as refused:
            run()
        message = str(refused.value)
        assert "\n" not in message and "Thursday, September 17, 2026" in message
        assert not any(piece in message for piece in PIECES)
        assert list(tmp_path.iterdir()) == []


def test_everything_filled_at_once_refuses(tmp_path):
    sample = full_sample()
    fill(sample)
    with pytest.raises(MinutesError, match="Nothing written"):
        commands.circulate(sample.record(), tmp_path, False, today=sample.meeting.date)
    assert list(tmp_path.iterdir()) == []


def test_file_names_and_properties_carry_no_internal_id(tmp_path):
    sample = full_sample()
    report = commands.circulate(sample.record(), tmp_path, False, today=sample.meeting.date)
    written = everything_written(tmp_path)
    assert sample.meeting.id not in written
    for action in sample.actions:
        assert action.id not in written
    for member in sample.members:
        assert member.id not in written
    assert all(sample.meeting.id not in p.name for p in report.paths)
