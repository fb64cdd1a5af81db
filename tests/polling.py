"""Waiting on something outside the test's own event loop (a child process,
a file another process writes): poll a condition, never sleep a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable

#: Seconds between looks: short next to what is waited for (a save, a write).
INTERVAL = 0.01


def poll_until(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    """True as soon as ``condition()`` holds; False once ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            return False
        time.sleep(INTERVAL)
    return True
