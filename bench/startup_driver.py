"""Started in a fresh interpreter by ``bench/benchmark.py``; not a tool by itself.

Usage (what the benchmark runs)::

    python bench/startup_driver.py bare
    python bench/startup_driver.py app DATA_DIR YYYY-MM-DD

Both modes do the same thing: import, build the app, run it headless at
100x30, and exit right after the first frame of the first real screen has
been refreshed (the bare app's only screen; the coalition app's home screen).
The last line on stdout is JSON with absolute CLOCK_MONOTONIC stamps (so the
parent can subtract its own spawn time), peak RSS and the module count.
"""

import time

T_START = time.clock_gettime(time.CLOCK_MONOTONIC)

import json  # noqa: E402  (the clock above must come first)
import resource  # noqa: E402
import sys  # noqa: E402


def _clock() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)


class _Stamps(dict):
    """Wall-clock stamps, with the process CPU time at each in ``cpu``: on a
    busy machine the CPU figure still says where the work went."""

    cpu: dict[str, float] = {"start": time.process_time()}

    def __setitem__(self, key: str, value: float) -> None:
        self.cpu[key] = time.process_time()
        super().__setitem__(key, value)


STAMPS: dict[str, float] = _Stamps(start=T_START)
#: Give up (and fail) if the first screen never shows, rather than hang the benchmark.
GIVE_UP_AFTER = 30.0


def _too_late() -> bool:
    return _clock() - T_START > GIVE_UP_AFTER


def run_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    STAMPS["imported"] = _clock()

    class BareApp(App[None]):
        TITLE = "bare"

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("A bare Textual app.", id="body")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self._check)

        def _check(self) -> None:
            if self.screen.query("#body"):
                self.call_after_refresh(self._painted)
            elif _too_late():
                self.exit()
            else:
                self.call_after_refresh(self._check)

        def _painted(self) -> None:
            STAMPS["first_frame"] = _clock()
            self.exit()

    app = BareApp()
    STAMPS["built"] = _clock()
    app.run(headless=True, size=(100, 30))


def run_app(data_dir: str, today_text: str) -> None:
    from datetime import date
    from pathlib import Path

    # The same path as ``dhtc-tui run`` (cli.run_app): no collection until
    # home is drawn, the store opened writable and locked with the meetings
    # the app opens at once read and checked, then the app module.
    from dhtc_tui import cli
    from dhtc_tui.tui.gc_settings import startup_pause

    STAMPS["cli_imported"] = _clock()
    with startup_pause():
        store = cli.open_for_app(Path(data_dir), date.fromisoformat(today_text))
        STAMPS["store_opened"] = _clock()
        from dhtc_tui.tui import app as app_module
        from dhtc_tui.tui.app import CoalitionApp

        STAMPS["imported"] = _clock()
        _run_timed(app_module, CoalitionApp, store, today_text)


def _run_timed(app_module, CoalitionApp, store, today_text: str) -> None:
    from datetime import date
    from pathlib import Path

    class TimedApp(CoalitionApp):
        # Textual resolves CSS_PATH next to the subclass's module: point it back.
        CSS_PATH = str(Path(app_module.__file__).parent / CoalitionApp.CSS_PATH)

        # Textual runs this and then CoalitionApp.on_mount (it walks the MRO),
        # so no super() call: the home screen is pushed by the base handler.
        def on_mount(self) -> None:
            self.call_after_refresh(self._check)

        def _check(self) -> None:
            if type(self.screen).__name__ == "HomeScreen" and self.screen.query("#home-meeting"):
                self.call_after_refresh(self._painted)
            elif _too_late():
                print(f"no home screen after {GIVE_UP_AFTER:.0f} s (on {type(self.screen).__name__})", file=sys.stderr)
                self.exit()
            else:
                self.call_after_refresh(self._check)

        def _painted(self) -> None:
            STAMPS["first_frame"] = _clock()
            self.exit()

    app = TimedApp(store, today=date.fromisoformat(today_text))
    STAMPS["built"] = _clock()
    try:
        app.run(headless=True, size=(100, 30))
    finally:
        STAMPS["exited"] = _clock()
        app.shutdown()  # as cli.run_app: flush, stop the writer, release the lock


def main() -> int:
    mode = sys.argv[1]
    if mode == "bare":
        run_bare()
        STAMPS["exited"] = _clock()
    elif mode == "app":
        run_app(sys.argv[2], sys.argv[3])
    else:
        print(f"unknown mode {mode}", file=sys.stderr)
        return 2
    STAMPS["end"] = _clock()
    if "first_frame" not in STAMPS:
        print("the app exited before its first frame", file=sys.stderr)
        return 1
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "stamps": STAMPS,
                "cpu_stamps": STAMPS.cpu,
                "maxrss_kb": usage.ru_maxrss,  # kilobytes on Linux
                "modules": len(sys.modules),
                "cpu_s": usage.ru_utime + usage.ru_stime,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
