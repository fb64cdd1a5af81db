"""The app on a fresh demo coalition, as the screen tests build it."""

from __future__ import annotations

import asyncio

from textual.worker import WorkerState

from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import CoalitionApp
from tests.demo_data import TODAY, copy_demo

__all__ = ["TODAY", "make_demo_app", "reopen", "settle", "wait_for"]


def make_demo_app(tmp_path, **options) -> CoalitionApp:
    """Never start run_test here (a test body does): only copy the store and build the app."""
    return CoalitionApp(Store.open(copy_demo(tmp_path / "data")), today=TODAY, **options)


def reopen(tmp_path) -> Store:
    """The same data directory, read fresh (close the app's store first)."""
    return Store.open(tmp_path / "data")


async def wait_for(pilot, predicate, timeout: float = 30.0, what=None) -> None:
    """Let the app run until ``predicate()`` holds; fail clearly after ``timeout`` seconds.

    For what happens after a timer or in a worker (a debounced check, a save,
    an export): tests wait on the outcome, never for a fixed time. ``what``
    (text, or a callable giving text at the time of failure) names the wait.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            described = what() if callable(what) else what
            raise AssertionError(
                f"timed out after {timeout:g} s waiting for {described or getattr(predicate, '__name__', 'a condition')}"
                f" (on {type(pilot.app.screen).__name__})"
            )
        await pilot.pause()


def quiet(app) -> bool:
    """Nothing left to do: no message or callback queued anywhere on the
    current screen, no layout or repaint pending, no worker running.

    Reads Textual internals (pinned at 8.2.8): Pilot offers no such check.
    """
    screen = app.screen
    pumps = [app, *screen.walk_children(with_self=True)]
    if any(not pump._message_queue.empty() or pump._next_callbacks for pump in pumps):
        return False
    if screen._layout_required or screen._repaint_required or screen._dirty_widgets or screen._callbacks:
        return False
    return not any(worker.state in (WorkerState.PENDING, WorkerState.RUNNING) for worker in app.workers)


async def settle(pilot, timeout: float = 30.0) -> None:
    """Let every consequence of the last key or call play out, however long
    that takes here (instead of a fixed number of pauses)."""
    await pilot.pause()
    await wait_for(pilot, lambda: quiet(pilot.app), timeout, what="the app to go quiet")
