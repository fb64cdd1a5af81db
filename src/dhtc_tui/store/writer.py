"""One background thread that does every write, in order, off the typing path.

TinyDB is not thread-safe, and ``@work(thread=True, exclusive=True)`` does
not serialise thread workers, so the app hands every write to this single
thread. Meeting snapshots are coalesced: if the minute taker types faster
than the disk, only the newest snapshot of a meeting is written.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Callable

from .repository import MeetingRef, Store


class Writer:
    #: Pause between retries while the disk refuses writes.
    RETRY_DELAY = 1.0

    def __init__(
        self,
        store: Store,
        on_error: Callable[[BaseException], None] | None = None,
        on_warning: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.store = store
        self.on_error = on_error
        self.on_warning = on_warning
        self._cond = threading.Condition()
        self._meetings: OrderedDict[str, tuple[dict, MeetingRef]] = OrderedDict()
        self._tasks: list[tuple[Callable[..., Any], tuple]] = []
        self._optional: list[tuple[Callable[..., Any], tuple]] = []
        #: What the writer thread is writing right now (out of the queues).
        self._in_flight: tuple[list, dict] = ([], {})
        self._attempts = 0
        self._busy = False
        self._closed = False
        self._abandoned = False
        self.last_write_seconds = 0.0
        self.writes = 0
        self.failed: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="dhtc-writer", daemon=True)
        self._thread.start()

    # -- producer side (the interface thread) -------------------------------

    def save_meeting(self, meeting_id: str, doc: dict, ref: MeetingRef) -> None:
        """Queue a serialised meeting; a newer snapshot replaces a queued one."""
        with self._cond:
            self._meetings[meeting_id] = (doc, ref)
            self._cond.notify()

    def submit(self, fn: Callable[..., Any], *args: Any) -> None:
        """Queue any other store call (arguments must not be mutated later)."""
        with self._cond:
            self._tasks.append((fn, args))
            self._cond.notify()

    def submit_optional(self, fn: Callable[..., Any], *args: Any) -> None:
        """Queue work that may fail without holding up saves (backups).

        It runs after the saves queued with it, is tried once, and a failure
        goes to ``on_warning``: a full backups folder must never keep a
        roster change off the disk.
        """
        with self._cond:
            self._optional.append((fn, args))
            self._cond.notify()

    def pending(self) -> bool:
        with self._cond:
            return bool(self._meetings or self._tasks or self._busy)

    def unsaved(self) -> dict[str, Any]:
        """What is queued and not on disk, as plain data (for a recovery file)."""
        from .codec import to_doc

        with self._cond:
            flying_tasks, flying_meetings = self._in_flight
            meetings = {mid: doc for mid, (doc, _ref) in flying_meetings.items()}
            meetings.update((mid, doc) for mid, (doc, _ref) in self._meetings.items())
            tasks = list(flying_tasks) + [t for t in self._tasks if t not in flying_tasks]
        records = []
        for fn, args in tasks:
            name = getattr(fn, "__name__", str(fn))
            try:
                records.append({"call": name, "args": [to_doc(a) for a in args]})
            except Exception:
                records.append({"call": name, "args": [repr(a) for a in args]})
        return {"meetings": meetings, "records": records}

    def flush(self, timeout: float = 10.0, fail_fast: bool = False) -> bool:
        """Block until everything queued is on disk; False on time-out, or
        (``fail_fast``) as soon as a write attempt made after this call began
        has failed: quitting on a full disk must not freeze the screen."""
        deadline = time.monotonic() + timeout
        with self._cond:
            start = self._attempts
            while self._meetings or self._tasks or self._busy:
                if fail_fast and self.failed is not None and self._attempts > start and not self._busy:
                    return False
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return self.failed is None

    def close(self, timeout: float = 10.0, fail_fast: bool = False) -> bool:
        ok = self.flush(timeout, fail_fast)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
        if self._thread.is_alive():
            # A disk that keeps failing: the caller has put the unsaved
            # changes in a recovery file; stop retrying.
            with self._cond:
                self._abandoned = True
                self._cond.notify_all()
        return ok

    # -- the writer thread --------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._cond:
                while not (self._meetings or self._tasks or self._optional or self._closed):
                    self._cond.wait()
                if self._closed and (self._abandoned or not (self._meetings or self._tasks)):
                    return
                tasks, self._tasks = self._tasks, []
                optional, self._optional = self._optional, []
                meetings = list(self._meetings.items())
                self._in_flight = (tasks, dict(meetings))
                self._meetings.clear()
                self._busy = True
            try:
                started = time.perf_counter()
                for index, (fn, args) in enumerate(tasks):
                    if not self._do(fn, *args):
                        with self._cond:  # keep order: failed and later tasks go first
                            self._tasks[:0] = tasks[index:]
                        break
                for meeting_id, (doc, ref) in meetings:
                    if not self._do(self.store.save_meeting_doc, meeting_id, doc, ref):
                        # Keep the newest state queued so the next attempt retries it.
                        with self._cond:
                            self._meetings.setdefault(meeting_id, (doc, ref))
                self.last_write_seconds = time.perf_counter() - started
                for fn, args in optional:
                    try:
                        fn(*args)
                    except Exception as exc:
                        if self.on_warning is not None:
                            try:
                                self.on_warning(exc)
                            except Exception:
                                pass
            finally:
                with self._cond:
                    self._busy = False
                    self._in_flight = ([], {})
                    self._attempts += 1
                    self._cond.notify_all()
            if self.failed is not None:
                time.sleep(self.RETRY_DELAY)  # a failing disk: retry at most once a second

    def _do(self, fn: Callable[..., Any], *args: Any) -> bool:
        try:
            fn(*args)
        except Exception as exc:  # reported to the interface, never swallowed
            self.failed = exc
            if self.on_error is not None:
                try:
                    self.on_error(exc)
                except Exception:  # a report that fails must not end the writer thread
                    pass
            return False
        self.failed = None
        self.writes += 1
        return True
