"""SVG snapshots of the main screens at 80x24 and 100x30.

A changed SVG in a diff is a changed screen: look at it (a failure writes
snapshot_report.html with both pictures), then accept it with
``pytest tests/snapshots --snapshot-update`` if the change is meant.
"""

from __future__ import annotations

import pytest

from dhtc_tui.domain.model import AgendaKind
from tests.snapshots.conftest import SIZES, demo_app, meeting_app

sizes = pytest.mark.parametrize("size", list(SIZES))

ITEMS = [
    AgendaKind.MINUTE_TAKER,
    AgendaKind.ATTENDANCE,
    AgendaKind.LAND_ACKNOWLEDGEMENT,
    AgendaKind.CONFLICTS,
    AgendaKind.PREVIOUS_MINUTES,
    AgendaKind.BUSINESS_ARISING,
    AgendaKind.SUBCOMMITTEES,
    AgendaKind.MEMBER_UPDATES,
    AgendaKind.CASE_EXAMPLES,
    AgendaKind.NEXT_MEETING,
]


@sizes
def test_home(picture, tmp_path, size):
    assert picture(demo_app(tmp_path), size)


@sizes
def test_roster(picture, tmp_path, size):
    assert picture(demo_app(tmp_path), size, "m")


@sizes
def test_planning(picture, tmp_path, size):
    assert picture(demo_app(tmp_path), size, "n")


@sizes
@pytest.mark.parametrize("kind", ITEMS, ids=[k.name.lower() for k in ITEMS])
def test_console_item(picture, tmp_path, size, kind):
    """Home asks to resume the unfinished meeting; y opens the console on
    the item it was left at (case examples: its confidentiality reminder)."""
    assert picture(meeting_app(tmp_path, kind), size, "y")


@sizes
def test_case_examples_acknowledged(picture, tmp_path, size):
    assert picture(meeting_app(tmp_path, AgendaKind.CASE_EXAMPLES), size, "y", "ctrl+y")


@sizes
def test_motion_while_voting(picture, tmp_path, size):
    """F6 returns to the motion open on the item: five of eight votes cast
    (one electronically) after an objection, the live tally showing."""
    assert picture(meeting_app(tmp_path, AgendaKind.BUSINESS_ARISING, voting=True), size, "y", "f6")


@sizes
def test_console_help(picture, tmp_path, size):
    assert picture(meeting_app(tmp_path, AgendaKind.ATTENDANCE), size, "y", "f1")
