"""SVG snapshots of the main screens at 80x24 and 100x30.

A changed SVG in a diff is a changed screen: look at it (the failure report
shows both pictures), then accept it with ``pytest tests/snapshots
--snapshot-update`` if the change is meant.
"""

from __future__ import annotations

import pytest

from dhtc_tui.domain.model import AgendaKind
from tests.snapshots.conftest import SIZES, demo_app, meeting_app, steady
from tests.tui.demo_app import settle

sizes = pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))


def keys(*pressed):
    """A run_before pressing ``pressed``, each after the last has played out."""

    async def run_before(pilot) -> None:
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        await steady(pilot)

    return run_before


@sizes
def test_home(snap_compare, tmp_path, size):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZES[size], run_before=keys())


@sizes
def test_roster(snap_compare, tmp_path, size):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZES[size], run_before=keys("m"))


@sizes
def test_planning(snap_compare, tmp_path, size):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZES[size], run_before=keys("n"))


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
@pytest.mark.parametrize("kind", ITEMS, ids=[k.name.lower() for k in ITEMS])
def test_console_item(snap_compare, tmp_path, size, kind):
    """The console resumed (y) on one agenda item (case examples: its
    confidentiality reminder, not yet acknowledged)."""
    assert snap_compare(meeting_app(tmp_path, kind), terminal_size=SIZES[size], run_before=keys("y"))


@sizes
def test_case_examples_acknowledged(snap_compare, tmp_path, size):
    app = meeting_app(tmp_path, AgendaKind.CASE_EXAMPLES)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys("y", "ctrl+y"))


@sizes
def test_motion_while_voting(snap_compare, tmp_path, size):
    """Five of eight votes cast, one electronically, the live tally showing."""
    app = meeting_app(tmp_path, AgendaKind.BUSINESS_ARISING, voting=True)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys("y", "f6"))


@sizes
def test_console_help(snap_compare, tmp_path, size):
    app = meeting_app(tmp_path, AgendaKind.ATTENDANCE)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys("y", "f1"))
