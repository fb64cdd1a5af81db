"""Full garbage collections wait for a pause in typing (tui/gc_settings.py)."""

from __future__ import annotations

import gc
import weakref

import pytest

from dhtc_tui.tui.gc_settings import LONG_QUIET, QUIET, QuietCollector, end_startup_pause, startup_pause


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _normal_gc(monkeypatch):
    """The collector as a process without the suite's settings has it
    (tests/conftest.py turns automatic collection off). What the suite froze
    stays frozen until a test's collector unfreezes everything: a full
    collection of a worker's whole heap takes about a second, so only the
    one test that needs it walks it. Freezing again (no walk) restores the
    suite's state."""
    monkeypatch.setattr(QuietCollector, "enabled", True)
    gc.enable()
    yield
    gc.freeze()
    gc.disable()


@pytest.fixture
def collector():
    clock = Clock()
    collector = QuietCollector(clock)
    before = gc.get_threshold()
    collector.start()
    try:
        yield collector, clock
    finally:
        collector.stop()
        assert gc.get_threshold() == before
        assert gc.get_freeze_count() == 0


def make_due(collector: QuietCollector) -> None:
    for _ in range(collector.due_after):
        gc.collect(1)  # each one counts towards the next full collection


def test_start_freezes_and_stops_automatic_full_collections() -> None:
    col = QuietCollector(Clock())
    frozen = gc.get_freeze_count()
    made = Node()  # made since the suite froze its objects  # noqa: F841
    col.start()
    try:
        assert gc.get_freeze_count() > frozen
        assert gc.get_threshold()[2] > 10**6
        assert col.due_after == 10  # CPython's own frequency, kept for the pauses
    finally:
        col.stop()
    assert gc.get_freeze_count() == 0


def test_a_due_collection_waits_for_a_pause_in_input(collector) -> None:
    col, clock = collector
    make_due(col)
    col.input()
    clock.now += QUIET / 2
    assert not col.tick()
    assert gc.get_count()[2] >= col.due_after  # still due: nothing ran while typing
    clock.now += QUIET
    assert col.tick()
    assert gc.get_count()[2] == 0
    assert col.collections == 1


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_what_survives_a_pause_is_frozen_and_a_long_pause_collects_it_too(collector) -> None:
    col, clock = collector
    node = Node()  # like a panel: alive through a pause, garbage later
    gone = weakref.ref(node)
    frozen = gc.get_freeze_count()
    make_due(col)
    clock.now += QUIET
    assert col.tick()
    assert gc.get_freeze_count() > frozen  # the next collection skips what survived
    del node
    make_due(col)
    clock.now += QUIET
    assert col.tick()
    assert gone() is not None  # frozen garbage: a collection in a short pause leaves it
    clock.now += LONG_QUIET
    assert col.tick() and col.full_walks == 1
    assert gone() is None
    clock.now += LONG_QUIET
    assert not col.tick()  # nothing frozen since the last full walk


def test_nothing_runs_in_a_pause_when_no_collection_is_due(collector) -> None:
    col, clock = collector
    gc.collect()
    clock.now += 10 * QUIET
    assert not col.tick()
    assert col.collections == 0


def test_stop_gives_everything_back() -> None:
    before = gc.get_threshold()
    collector = QuietCollector()
    collector.start()
    collector.stop()
    collector.stop()  # twice is harmless (the app may stop after a crash)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_switched_off_it_leaves_the_collector_alone(monkeypatch) -> None:
    monkeypatch.setattr(QuietCollector, "enabled", False)
    col = QuietCollector()
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    col.start()
    assert gc.get_freeze_count() == frozen
    assert gc.get_threshold() == before
    col.stop()
    assert gc.get_threshold() == before


def test_holding_stops_automatic_full_collections_and_freezes_nothing() -> None:
    col = QuietCollector()
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    col.hold()
    try:
        assert gc.get_threshold()[2] > 10**6
        assert gc.get_freeze_count() == frozen
        make_due(col)
        assert not col.tick()  # nothing runs in pauses before start()
        Node()  # something made since, for start() to freeze
        col.start()  # the start-up collection and freeze still happen
        assert gc.get_freeze_count() > frozen
    finally:
        col.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_stopping_a_held_collector_gives_the_thresholds_back() -> None:
    col = QuietCollector()
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    col.hold()
    col.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen  # nothing frozen, nothing unfrozen


# --------------------------------------------------------------------------
# No collection while the app starts (dhtc-tui run)


def test_no_collection_runs_while_the_app_starts_and_the_collector_turns_it_back_on() -> None:
    with startup_pause():
        assert not gc.isenabled()
        collector = QuietCollector(Clock())
        collector.hold()
        assert not gc.isenabled()  # building the app does not turn it on
        collector.start()  # a second after home mounts
        assert gc.isenabled()
        collector.stop()
    assert gc.isenabled()


def test_collection_is_back_on_when_the_app_never_got_as_far_as_home() -> None:
    with pytest.raises(RuntimeError):
        with startup_pause():
            assert not gc.isenabled()
            raise RuntimeError("the store could not be opened")
    assert gc.isenabled()
    with startup_pause():
        QuietCollector(Clock()).stop()  # an app that stopped before starting its collector
        assert gc.isenabled()
    assert gc.isenabled()


def test_the_pause_leaves_collection_off_where_someone_else_turned_it_off() -> None:
    gc.disable()
    with startup_pause():
        end_startup_pause()
        assert not gc.isenabled()
    assert not gc.isenabled()
