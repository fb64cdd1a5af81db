"""What the minutes say, read as plain text: no python-docx involved."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dhtc_tui.domain.agenda import record_title
from dhtc_tui.domain.disclosure import Cleared
from dhtc_tui.minutes.layout import Heading, Paragraph, Run, Table, as_text

from .conftest import REVIEWED_NAME, UNREVIEWED_PHONE, make_sample


@pytest.fixture(scope="module")
def minutes():
    sample = make_sample()
    layout, report = sample.layout()
    return sample, layout, report, as_text(layout)


def test_the_wording_imports_no_docx():
    code = (
        "import sys, dhtc_tui.minutes.wording, dhtc_tui.minutes.layout;"
        "print('docx' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_headings_follow_the_agenda(minutes):
    sample, layout, _, text = minutes
    headings = [b.text for b in layout.blocks if isinstance(b, Heading)]
    assert headings[0] == "Call to order" and headings[-1] == "Adjournment"
    for number, item in enumerate(sample.meeting.agenda, start=1):
        assert f"{number}. {record_title(item)}" in headings
    # The Terms of Reference wording, not the console's short titles.
    assert "8. Member updates relating to human trafficking or program changes" in headings
    assert "12. Scheduling of next meeting and recommended upcoming agenda items" in headings


def test_front_matter_as_text(minutes):
    _, _, _, text = minutes
    assert text.startswith("Minutes of the meeting of the Durham Human Trafficking Coalition\n")
    assert "Date:\tThursday, September 17, 2026" in text
    assert "Chair:\tMaplebrook Victim Services (Jordan Avery)" in text
    assert "Ana Sokolova volunteered to take the minutes." in text


def test_case_examples_keep_reviewed_and_leave_out_unreviewed(minutes):
    _, _, report, text = minutes
    assert UNREVIEWED_PHONE not in text
    assert REVIEWED_NAME in text
    assert report.findings_left_out == 1
    assert "left out" not in text


def test_every_text_in_the_model_is_cleared(minutes):
    _, layout, _, _ = minutes
    texts = []
    for block in layout.blocks:
        if isinstance(block, Heading):
            texts.append(block.text)
        elif isinstance(block, Paragraph):
            texts.extend(r.text for r in block.runs)
        else:
            texts.extend(block.headers)
            texts.extend(c for row in block.rows for c in row)
    assert texts and all(type(t) is Cleared for t in texts)
    assert type(layout.footer_name) is Cleared
    assert all(type(v) is Cleared for v in vars(layout.properties).values())


def test_the_model_refuses_plain_text():
    with pytest.raises(TypeError, match="export gate"):
        Run("Tanya Moreau")
    with pytest.raises(TypeError, match="export gate"):
        Heading("1. Notes")
    with pytest.raises(TypeError, match="export gate"):
        Table(["No."], [["1"]], [1.0])


def test_properties_carry_no_finding_or_internal_id(minutes):
    sample, layout, _, _ = minutes
    values = " ".join(vars(layout.properties).values())
    assert sample.meeting.id not in values
    assert layout.properties.title == "Minutes of the meeting of the Durham Human Trafficking Coalition, Thursday, September 17, 2026"
