"""The garbage collector, tuned for a console someone types into.

CPython's full (generation 2) collection walks every container object the
process holds. With a meeting open that is about 120,000 objects (Textual,
its CSS and render caches, the imported modules, the coalition's data): a
full collection took 60–120 ms of CPU, and one fell due every 50–100
keystrokes while a long note was typed, so that key's echo stalled (measured
with ``gc.callbacks`` around each key in bench/identifier_check.py).

All of it is undone when the app stops (tests run many apps in one
process):

* While the app starts (imports, reading the store, home's first frame) no
  collection runs at all (:func:`startup_pause`, around ``dhtc-tui run``):
  the young generations' collections took about 30 ms of a 450 ms start
  and found next to nothing, since start-up builds what the app keeps.
  Collection is back on in :meth:`QuietCollector.start`, a second after
  home mounts, which first collects everything once anyway.
* From the moment the app is built, no full collection starts by itself
  (:meth:`QuietCollector.hold`): one used to run while home drew its first
  frame.
* Objects built at start-up live as long as the app: a second after it
  mounts they are moved out of the collector's reach (``gc.freeze``), which
  halves what a full collection walks. Reference counting still frees them.
* Full collections no longer start by themselves in the middle of typing.
  When one is due (as often as CPython would run it) it runs at the first
  pause in input of :data:`QUIET` seconds, then freezes what survived, so the
  next one walks only what was made since (a key that arrives just as it
  runs is held up far less). Young generations are
  collected as usual: they cost well under a millisecond.
* Objects frozen in a pause may become garbage later (a closed panel), and
  frozen garbage is never collected: after :data:`LONG_QUIET` seconds
  without input, if anything was frozen since, everything is unfrozen,
  collected and frozen again (the one full walk of every object, in a long
  pause only).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: Seconds without a key or mouse event before a due full collection runs.
QUIET = 1.0
#: Seconds without input before frozen objects are collected too.
LONG_QUIET = 10.0
#: How often the app looks for such a pause.
TICK = 0.25
#: Generation-2 threshold while the app runs: never reached, so CPython
#: never starts a full collection by itself.
_NEVER = 1 << 30


_startup_paused = False


@contextmanager
def startup_pause() -> Iterator[None]:
    """No collection at all inside, nor until the app's collector starts
    (:func:`end_startup_pause`); collection is on again at the end whatever
    happened. Does nothing where collection is already off (the test suite
    manages its own)."""
    global _startup_paused
    if not gc.isenabled():
        yield
        return
    gc.disable()
    _startup_paused = True
    try:
        yield
    finally:
        end_startup_pause()


def end_startup_pause() -> None:
    """Collection back on, if :func:`startup_pause` turned it off."""
    global _startup_paused
    if _startup_paused:
        _startup_paused = False
        gc.enable()


class QuietCollector:
    """Runs full collections in pauses in typing, not in the middle of it."""

    TICK = TICK
    #: Seconds after the app mounts before :meth:`start` (home is drawn by then).
    START_AFTER = QUIET
    #: Off in the test suite, which manages collection for its whole process
    #: (tests/conftest.py): there a full walk at each app's start costs far
    #: more than in the app, and undoing the freeze at its end would undo the
    #: suite's own.
    enabled = True

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_input = clock()
        self._saved: tuple[int, int, int] | None = None
        self._started = False
        self._frozen_since_full = False
        #: Collections run in pauses so far (by :meth:`tick`), and full walks.
        self.collections = 0
        self.full_walks = 0

    @property
    def due_after(self) -> int:
        """Generation-1 collections after which a full one is due (CPython's own threshold)."""
        return (self._saved or gc.get_threshold())[2]

    def hold(self) -> None:
        """No full collection starts by itself from now on (call when the app
        is built): CPython otherwise ran one, 45–57 ms, while home drew its
        first frame. Nothing is frozen yet; :meth:`start` does that."""
        if self._saved is not None or not self.enabled:
            return
        self._saved = gc.get_threshold()
        gen0, gen1, _ = self._saved
        gc.set_threshold(gen0, gen1, _NEVER)

    def start(self) -> None:
        """Collect and freeze the start-up objects, then hold full collections
        for pauses (call once the first screen is drawn)."""
        end_startup_pause()
        if self._started or not self.enabled:
            return
        self.hold()
        gc.collect()
        gc.freeze()
        self._started = True

    def stop(self) -> None:
        """Give the collector back its own settings and every frozen object."""
        end_startup_pause()
        if self._saved is None:
            return
        gc.set_threshold(*self._saved)
        self._saved = None
        if self._started:
            self._started = False
            gc.unfreeze()

    def input(self) -> None:
        """A key or mouse event arrived."""
        self._last_input = self._clock()

    def tick(self) -> bool:
        """Run a due collection if input has paused; True if one ran."""
        if not self._started or not gc.isenabled():  # Textual pauses collection while it scrolls
            return False
        quiet = self._clock() - self._last_input
        if self._frozen_since_full and quiet >= LONG_QUIET:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self._frozen_since_full = False
            self.full_walks += 1
            return True
        if gc.get_count()[2] < self.due_after or quiet < QUIET:
            return False
        gc.collect()
        gc.freeze()
        self._frozen_since_full = True
        self.collections += 1
        return True
