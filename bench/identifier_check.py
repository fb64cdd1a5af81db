"""Benchmark rows for the identifier check on a 5,000-word case-examples note.

* a full check of the note (``find_identifiers``), ms;
* an incremental re-check after one keystroke (``IncrementalChecker``), ms;
* key event to the next rendered frame in the case-examples panel while the
  check runs on that note: with the app's own incremental check after every
  key, and with a full check of the note running non-stop in another thread
  (the worst case for the interface thread: the check competes for the GIL).
  Target: no key-to-frame above 50 ms.

Run alone with ``.venv/bin/python bench/identifier_check.py [--quick]``;
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


async def key_to_frame(presses: int, mode: str) -> tuple[list[float], list[float]]:
    """Key event -> next frame in the case-examples panel holding the 5,000-word note.

    ``mode``: "none" (no check started: the reference), "each_key" (the app's
    check started as each key arrives), "full_loop" (a first check of the
    whole note, nothing memoised, as the panel runs it when it opens, looping
    non-stop in another thread).
    """
    background_full_check = mode == "full_loop"
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
    with tempfile.TemporaryDirectory(prefix="dhtc-bench-ident-") as tmp:
        store = Store.open(Path(tmp) / "data")
        build_demo(store, TODAY)
        app = CoalitionApp(store, today=TODAY, clock=lambda: datetime(2027, 1, 21, 9, 31))
        out: list[float] = []
        cpu: list[float] = []  # the interface thread's own CPU time per key (load-independent)
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
                panel.run_check()
                await app.workers.wait_for_complete()
                await pilot.pause()

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
                if background_full_check:
                    worker.start()
                for n in range(presses):
                    char = "abcdefghijklmnopqrstuvwxyz"[n % 26]
                    expected = area.text + char
                    event = events.Key(char, char)
                    event.set_sender(app)
                    if mode == "each_key":
                        panel.run_check()  # a check of the note is under way as the key arrives
                    started, cpu_started = time.perf_counter(), time.thread_time()
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
                    out.append(first - started)
                    cpu.append(time.thread_time() - cpu_started)
                    await pilot.pause()
                stop.set()
                if worker.is_alive():
                    worker.join()
                await app.workers.wait_for_complete()
        finally:
            stop.set()
            app.shutdown()
    return out, cpu


def identifier_rows(presses: int = 60, runs: int = 10) -> list[Row]:
    checks = measure_checks(runs)
    reference, reference_cpu = asyncio.run(key_to_frame(presses, "none"))
    with_app, with_app_cpu = asyncio.run(key_to_frame(presses, "each_key"))
    with_full, with_full_cpu = asyncio.run(key_to_frame(presses, "full_loop"))

    def row(measure: str, value: str, target: str = "—", met: str = "—") -> Row:
        return (measure, "—", value, "—", "", target, met)

    return [
        row(f"Identifier check: full check of a {NOTE_WORDS:,}-word note, ms median / p95 of {runs} (CPU median)",
            f"{median_ms(checks['full']):.1f} / {p95_ms(checks['full']):.1f} ({median_ms(checks['full_cpu']):.1f})"),
        row(f"Identifier check: incremental re-check after one keystroke, ms median / p95 of {len(checks['keystroke'])} (CPU median)",
            f"{median_ms(checks['keystroke']):.2f} / {p95_ms(checks['keystroke']):.2f} ({median_ms(checks['keystroke_cpu']):.2f})"),
        row(f"Case examples, {NOTE_WORDS:,}-word note, no check running (reference): key → next frame, ms median / max of {presses} (interface-thread CPU median)",
            f"{median_ms(reference):.1f} / {max(reference) * 1000:.1f} ({median_ms(reference_cpu):.1f})"),
        row(f"Case examples, {NOTE_WORDS:,}-word note, check started on each key: key → next frame, ms median / max of {presses} (interface-thread CPU median)",
            f"{median_ms(with_app):.1f} / {max(with_app) * 1000:.1f} ({median_ms(with_app_cpu):.1f})", f"max ≤ {KEY_TO_FRAME_MS_MAX:.0f} ms",
            "yes" if max(with_app) * 1000 <= KEY_TO_FRAME_MS_MAX else "NO"),
        row(f"Case examples, {NOTE_WORDS:,}-word note, first (full) check looping in a thread: key → next frame, ms median / max of {presses} (interface-thread CPU median)",
            f"{median_ms(with_full):.1f} / {max(with_full) * 1000:.1f} ({median_ms(with_full_cpu):.1f})", f"max ≤ {KEY_TO_FRAME_MS_MAX:.0f} ms",
            "yes" if max(with_full) * 1000 <= KEY_TO_FRAME_MS_MAX else "NO"),
    ]


def main(argv: list[str] | None = None) -> int:
    quick = "--quick" in (argv if argv is not None else sys.argv[1:])
    rows = identifier_rows(presses=20 if quick else 60, runs=5 if quick else 10)
    for row in rows:
        print(f"| {row[0]} | {row[2]} | {row[5]} | {row[6]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
