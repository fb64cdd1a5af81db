"""Fixtures shared by every test package. Keep this small and generic."""

from __future__ import annotations

import gc
import os
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.demo_data import TODAY, copy_demo

# "ci": the same examples on every run and in every clone, and no example
# database, so a failure found once cannot replay only in the clone that
# found it. "dev" keeps Hypothesis's defaults (random, with a database).
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    max_examples=100,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# Pilot waits for the app to go idle after every key by sleeping in steps of
# 20 ms until a step passes with almost no CPU used: at least 40 ms a key,
# most of it with nothing left to do. Steps of 4 ms find the same idle moment
# sooner (about a sixth of the screen tests' time). Textual 8.2.8 (pinned)
# reads both values from this module at each step. What a test needs to have
# happened it still waits for by condition (tests/tui/demo_app.py wait_for).
import textual._wait  # noqa: E402

textual._wait.SLEEP_GRANULARITY = 0.004
textual._wait.SLEEP_IDLE = 0.0004


# Garbage collection in a test process. Each screen test builds an app of some
# 100,000 objects, and CPython ran a full collection about twice a test, each
# walking every object the process holds (the suite's modules, Hypothesis,
# Textual's caches: ~190,000 objects, ~0.2 s): a fifth of the suite's CPU.
# Instead, what is loaded once the tests are collected is frozen (never
# walked again), automatic collection is off, and a full collection runs
# after every few tests (memory stays at about twice a test's own). The app's
# own collector tuning (tui/gc_settings.py) is off here for the same reason;
# tests/tui/test_gc_settings.py turns both back to normal around its tests.
from dhtc_tui.tui.gc_settings import QuietCollector  # noqa: E402

QuietCollector.enabled = False
COLLECT_EVERY = 8
_tests_run = 0


def pytest_collection_finish(session):
    suite_gc_state()


def suite_gc_state() -> None:
    """Freeze what is loaded, and collect only between tests from now on."""
    gc.collect()
    gc.freeze()
    gc.disable()


@pytest.fixture(autouse=True)
def _collect_garbage_between_tests():
    global _tests_run
    yield
    _tests_run += 1
    if _tests_run % COLLECT_EVERY == 0:
        gc.collect()


@pytest.fixture(autouse=True)
def _no_user_data_dir(monkeypatch, tmp_path_factory):
    """No test may touch the real user data directory by accident."""
    monkeypatch.setenv("DHTC_DATA_DIR", str(tmp_path_factory.mktemp("default-data-dir")))


@pytest.fixture(autouse=True)
def _signal_handlers_restored():
    """The app installs SIGTERM and SIGHUP handlers when it mounts: put the
    test process's own back, so no signal reaches an app of an earlier test."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGHUP)}
    yield
    for sig, handler in saved.items():
        if handler is not None:
            signal.signal(sig, handler)


@pytest.fixture
def demo_dir(tmp_path) -> Path:
    """A closed demo data directory at ``tmp_path / "data"``, this test's own
    (a copy of one built once per test process)."""
    return copy_demo(tmp_path / "data")


@pytest.fixture
def demo_store(demo_dir):
    """An open Store in ``tmp_path / "data"`` holding the demo coalition for TODAY."""
    from dhtc_tui.store.repository import Store

    store = Store.open(demo_dir)
    yield store
    store.close()
