"""Benchmark rows for the identifier check on a 5,000-word case-examples note.

* a full check of the note (``find_identifiers``), ms;
* an incremental re-check after one keystroke (``IncrementalChecker``), ms;
* key event to the next rendered frame in the case-examples panel holding
  that note, keys typed at human pace (pauses included) at the end of the
  note: with the check off (the reference), with the app's own check (after
  each pause in typing), with a check started on each key, and with a full
  check of the note running non-stop in another thread (the worst case for
  the interface thread: the check competes for the GIL). Every key counts
  (no warm-up keys are dropped); median, p95, p99 and max are reported, with
  the interface thread's own CPU time per key (load-independent) and the
  number of full garbage collections that ran while typing.
  Target: no key-to-frame above 50 ms.

Run alone with ``.venv/bin/python bench/identifier_check.py [--quick] [--explain]``
(``--explain`` profiles each key and prints what ran in the slow ones);
``bench/benchmark.py`` adds the rows to its table.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "domain" / "corpus" / "case_notes.txt"
NOTE_WORDS = 5000
KEY_TO_FRAME_MS_MAX = 50.0
TODAY = date(2026, 11, 29)

Row = tuple[str, str, str, str, str, str, str]


def read_corpus() -> tuple[list[str], list[str]]:
    allow, sentences = [], []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.startswith("= "):
            allow.append(line[2:].strip())
        elif line.startswith(("+ ", "- ")):
            sentences.append(line[2:].strip())
    return allow, sentences


def make_note(words: int = NOTE_WORDS, seed: int = 8) -> str:
    """Paragraphs of 3-7 corpus sentences (a quarter of them identifying) up to ``words``."""
    rng = random.Random(seed)
    _, sentences = read_corpus()
    paragraphs, count = [], 0
    while count < words:
        chosen = [rng.choice(sentences) for _ in range(rng.randint(3, 7))]
        count += sum(len(s.split()) for s in chosen)
        paragraphs.append(" ".join(chosen))
    return "\n\n".join(paragraphs)


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def p95_ms(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] * 1000


def measure_checks(runs: int) -> dict[str, list[float]]:
    from dhtc_tui.domain.confidentiality import find_identifiers
    from dhtc_tui.domain.incremental_check import IncrementalChecker

    allow, _ = read_corpus()
    note = make_note()
    find_identifiers("warm up the word lists", allow)
    full, full_cpu = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.thread_time()
        find_identifiers(note, allow)
        full.append(time.perf_counter() - started)
        full_cpu.append(time.thread_time() - cpu)
    checker = IncrementalChecker(allow)
    checker.check(note)
    rng = random.Random(13)
    keystroke, keystroke_cpu = [], []
    for n in range(runs * 4):
        at = rng.randrange(len(note))
        note = note[:at] + "abcdefghij"[n % 10] + note[at:]
        started, cpu = time.perf_counter(), time.thread_time()
        checker.check(note)
        keystroke.append(time.perf_counter() - started)
        keystroke_cpu.append(time.thread_time() - cpu)
    return {"full": full, "full_cpu": full_cpu, "keystroke": keystroke, "keystroke_cpu": keystroke_cpu}


#: Human typing: a key every 90-220 ms (about 40-100 words a minute), and
#: every 12-20 keys a pause of 0.3-1.6 s (long enough for the debounced check,
#: and for a full garbage collection, to run before typing resumes).
KEY_GAP = (0.09, 0.22)
PAUSE_EVERY = (12, 20)
PAUSE = (0.3, 1.6)


def typing_gaps(presses: int, seed: int = 21) -> list[float]:
    rng = random.Random(seed)
    gaps, next_pause = [], rng.randint(*PAUSE_EVERY)
    for n in range(presses):
        if n == next_pause:
            gaps.append(rng.uniform(*PAUSE))
            next_pause += rng.randint(*PAUSE_EVERY)
        else:
            gaps.append(rng.uniform(*KEY_GAP))
    return gaps


@dataclass
class Keys:
    """Key event -> next frame, one entry per key typed (none left out as warm-up)."""

    frame: list[float] = field(default_factory=list)
    #: The interface thread's own CPU time per key (independent of the machine's load).
    cpu: list[float] = field(default_factory=list)
    #: Full (generation 2) garbage collections that ran while keys were typed.
    full_gcs: int = 0
    #: The longest of them, CPU seconds.
    full_gc_cpu: float = 0.0
    #: With ``explain``: the costliest functions of each key over the target.
    slow: list[str] = field(default_factory=list)


async def key_to_frame(presses: int, mode: str, paced: bool = True, explain: bool = False) -> Keys:
    """Key event -> next frame in the case-examples panel holding the 5,000-word note.

    Keys are typed at the end of the note at human pace (:func:`typing_gaps`)
    into the app as a minute taker runs it (``paced=False``: each key as soon
    as the previous one is drawn). ``mode``:

    * "none": the reference, the panel's check switched off;
    * "app": the app as it is: the check runs after each pause in typing, in a
      thread, and its results arrive while typing goes on;
    * "each_key": a check started as each key arrives (more checks than the app runs);
    * "full_loop": a first check of the whole note, nothing memoised, as the
      panel runs it when it opens, looping non-stop in another thread.
    """
    import cProfile
    import gc
    import io
    import pstats

    from textual import events
    from textual.widgets import TextArea

    from dhtc_tui.demo import build_demo
    from dhtc_tui.domain.incremental_check import IncrementalChecker
    from dhtc_tui.domain.model import AgendaKind
    from dhtc_tui.store.repository import Store
    from dhtc_tui.tui.app import CoalitionApp
    from dhtc_tui.tui.widgets.items.case_examples import CaseExamplesPanel

    allow, _ = read_corpus()
    note = make_note()
    gaps = typing_gaps(presses)
    keys = Keys()
    typing = False

    gc_started: dict[int, float] = {}

    def count_full_gcs(phase: str, info: dict) -> None:
        if phase == "start":
            gc_started[threading.get_ident()] = time.thread_time()
        elif typing and info["generation"] == 2:
            keys.full_gcs += 1
            cpu = time.thread_time() - gc_started.get(threading.get_ident(), time.thread_time())
            keys.full_gc_cpu = max(keys.full_gc_cpu, cpu)

    gc.callbacks.append(count_full_gcs)
    with tempfile.TemporaryDirectory(prefix="dhtc-bench-ident-") as tmp:
        store = Store.open(Path(tmp) / "data")
        build_demo(store, TODAY)
        app = CoalitionApp(store, today=TODAY, clock=lambda: datetime(2027, 1, 21, 9, 31))
        stop = threading.Event()
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                for key in ("n", "ctrl+s", "s"):
                    await pilot.press(key)
                    await pilot.pause()
                await pilot.pause()
                meeting = app.screen.meeting
                app.screen.go_to(meeting.agenda.index(meeting.item_of_kind(AgendaKind.CASE_EXAMPLES)))
                await pilot.pause()
                await pilot.pause()
                await pilot.press("ctrl+y")
                await pilot.pause()
                panel = app.screen.query_one(CaseExamplesPanel)
                area = panel.query_one("#case-notes", TextArea)
                area.load_text(note)
                area.focus()
                area.move_cursor(area.document.end)
                await pilot.pause()
                panel.run_check()  # the check the panel runs when it opens on a long note
                await app.workers.wait_for_complete()
                await pilot.pause()
                if mode in ("none", "each_key", "full_loop"):
                    panel.checked._start = False  # no debounced check of its own

                frames: list[float] = []
                display = app._display

                def stamped(screen, renderable) -> None:
                    if renderable is not None:
                        frames.append(time.perf_counter())
                    display(screen, renderable)

                app._display = stamped

                def hammer() -> None:
                    while not stop.is_set():
                        IncrementalChecker(allow, between=lambda: time.sleep(0)).check(note)

                worker = threading.Thread(target=hammer, daemon=True)
                if mode == "full_loop":
                    worker.start()
                typing = True
                for n in range(presses):
                    char = "abcdefghijklmnopqrstuvwxyz "[n % 27]
                    expected = area.text + char
                    event = events.Key("space" if char == " " else char, char)
                    event.set_sender(app)
                    if mode == "each_key":
                        panel.run_check()  # a check of the note is under way as the key arrives
                    profile = cProfile.Profile() if explain else None
                    started, cpu_started = time.perf_counter(), time.thread_time()
                    if profile:
                        profile.enable()
                    count = len(frames)
                    app._driver.send_message(event)
                    while area.text != expected:
                        if time.perf_counter() - started > 5:
                            raise RuntimeError("the TextArea never received the key")
                        await asyncio.sleep(0)
                    changed = time.perf_counter()
                    while not any(f >= changed for f in frames[count:]):
                        if time.perf_counter() - started > 5:
                            raise RuntimeError("no frame was rendered after the key")
                        await asyncio.sleep(0)
                    first = next(f for f in frames[count:] if f >= changed)
                    if profile:
                        profile.disable()
                    keys.frame.append(first - started)
                    keys.cpu.append(time.thread_time() - cpu_started)
                    if profile and (first - started) * 1000 > KEY_TO_FRAME_MS_MAX:
                        out = io.StringIO()
                        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(8)
                        keys.slow.append(f"key {n} ({mode}): {(first - started) * 1000:.1f} ms, "
                                         f"interface CPU {keys.cpu[-1] * 1000:.1f} ms\n{out.getvalue()}")
                    if paced:
                        await asyncio.sleep(max(0.0, gaps[n] - (time.perf_counter() - started)))
                    else:
                        await pilot.pause()
                typing = False
                stop.set()
                if worker.is_alive():
                    worker.join()
                await app.workers.wait_for_complete()
        finally:
            typing = False
            stop.set()
            gc.callbacks.remove(count_full_gcs)
            app.shutdown()
    return keys


def percentile_ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] * 1000


def frame_summary(keys: Keys) -> str:
    """median / p95 / p99 / max, ms (interface-thread CPU median / max; full GCs while typing, longest)."""
    f = keys.frame
    return (
        f"{median_ms(f):.1f} / {percentile_ms(f, 0.95):.1f} / {percentile_ms(f, 0.99):.1f} / {max(f) * 1000:.1f} "
        f"(CPU {median_ms(keys.cpu):.1f} / {max(keys.cpu) * 1000:.1f}; full GCs {keys.full_gcs}, "
        f"longest {keys.full_gc_cpu * 1000:.1f} ms CPU)"
    )


MODES = {
    "none": "no check running (reference)",
    "app": "the app's check after each pause in typing",
    "each_key": "check started on each key",
    "full_loop": "first (full) check looping in a thread",
}


def identifier_rows(presses: int = 100, runs: int = 10, explain: bool = False) -> list[Row]:
    checks = measure_checks(runs)
    typed = {mode: asyncio.run(key_to_frame(presses, mode, explain=explain)) for mode in MODES}
    if explain:
        for keys in typed.values():
            for report in keys.slow:
                print(report, file=sys.stderr)

    def row(measure: str, value: str, target: str = "—", met: str = "—") -> Row:
        return (measure, "—", value, "—", "", target, met)

    rows = [
        row(f"Identifier check: full check of a {NOTE_WORDS:,}-word note, ms median / p95 of {runs} (CPU median)",
            f"{median_ms(checks['full']):.1f} / {p95_ms(checks['full']):.1f} ({median_ms(checks['full_cpu']):.1f})"),
        row(f"Identifier check: incremental re-check after one keystroke, ms median / p95 of {len(checks['keystroke'])} (CPU median)",
            f"{median_ms(checks['keystroke']):.2f} / {p95_ms(checks['keystroke']):.2f} ({median_ms(checks['keystroke_cpu']):.2f})"),
    ]
    for mode, label in MODES.items():
        keys = typed[mode]
        worst = max(keys.frame) * 1000
        measure = (f"Case examples, {NOTE_WORDS:,}-word note, {label}: key → next frame at typing pace, "
                   f"ms median / p95 / p99 / max of {presses} (interface-thread CPU median / max)")
        if mode == "none":
            rows.append(row(measure, frame_summary(keys)))
        else:
            rows.append(row(measure, frame_summary(keys), f"max ≤ {KEY_TO_FRAME_MS_MAX:.0f} ms",
                            "yes" if worst <= KEY_TO_FRAME_MS_MAX else "NO"))
    return rows


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    quick = "--quick" in args
    # --explain: profile each key and print the costliest functions of the slow ones.
    rows = identifier_rows(presses=30 if quick else 100, runs=5 if quick else 10, explain="--explain" in args)
    for row in rows:
        print(f"| {row[0]} | {row[2]} | {row[5]} | {row[6]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
