"""Benchmark: startup, durable save, typing latency, export and memory.

Run with ``make bench`` (or ``.venv/bin/python bench/benchmark.py [--quick]``).
Every figure is measured in this one run, next to a bare Textual app measured
the same way, and printed as a markdown table (see bench/README.md for what
each row means). All data lives in a temporary directory that is removed at
the end; nothing touches the real data directory.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import copy
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, time as clock_time, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "startup_driver.py"

#: The demo coalition is built for this day (as the tests do).
DEMO_TODAY = date(2026, 11, 29)
#: The ten-year store's history runs September 2016 to March 2026; the app
#: opens it on the third Thursday of April 2026, the day of a new meeting.
HISTORY_TODAY = date(2026, 4, 16)
HISTORY_YEARS = 10
HISTORY_MEMBERS = 40
SIZE = (100, 30)

# Targets (DESIGN.md "Quality bars"; the lead's brief).
STARTUP_RATIO_MAX = 1.5
MEMORY_RATIO_MAX = 1.5
SAVE_MS_MAX = 15.0
SAVE_HISTORY_RATIO_MAX = 1.5  # "independent of history": 10-year median within 1.5x the demo's
SAVE_ANCHOR_RATIO_MAX = 1.5  # the store's save against a bare atomic write of the same bytes
EXPORT_ANCHOR_RATIO_MAX = 1.5  # the export against bare python-docx writing the same paragraphs and tables
KEY_TO_DISK_MS_MAX = 1000.0  # "every change is written durably within a second"


def now() -> float:
    """CLOCK_MONOTONIC: the same clock in this process and the drivers."""
    return time.clock_gettime(time.CLOCK_MONOTONIC)


# ---------------------------------------------------------------------------
# Statistics and formatting


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-95 * len(ordered) // 100))
    return ordered[rank - 1]


def ms(seconds: float, digits: int = 1) -> str:
    return f"{seconds * 1000:.{digits}f}"


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


# ---------------------------------------------------------------------------
# Test data: the demo store and ten years of history


def build_demo_store(path: Path) -> None:
    from dhtc_tui.demo import build_demo
    from dhtc_tui.store.repository import Store

    store = Store.open(path)
    try:
        build_demo(store, DEMO_TODAY)
    finally:
        store.close()


SENTENCES = [
    "The Chair summarised the discussion and members agreed to bring comments to the next meeting.",
    "Members discussed how referrals from hospital emergency departments reach the shelter after hours.",
    "The sub-committee asked for two more volunteers to review the draft awareness materials.",
    "A member noted that the school boards' training calendar is now published for the full year.",
    "Members shared that waitlists for trauma counselling have shortened since the new funding.",
    "The group agreed that the referral chart should list a phone number that is answered at night.",
    "Concerns were raised about the cost of interpretation services for newcomer survivors.",
    "The hospitality members reported that front-desk staff found the indicators card useful.",
    "Police liaison confirmed that the unit's intake line is staffed on weekends from this month.",
    "Members asked that the presentation slides be circulated with the draft minutes.",
    "A discussion of transportation barriers for survivors in the north of the region followed.",
    "The Chair reminded members that case examples must never identify a person or a place.",
    "Members agreed to revisit the honorarium amounts once the budget for the year is confirmed.",
    "The legal clinic offered a short session on victim impact statements for frontline staff.",
    "It was noted that the awareness campaign reached every secondary school in the region.",
    "Members proposed a joint training day with the child protection agencies in the spring.",
]

EXTRA_ORGANIZATIONS = [
    ("Lakeshore Multicultural Council", "DIRECT_SERVICE", "Anika Sorensen"),
    ("Harbour Front Housing Help Centre", "AGENCY_SUPPORT", "Victor Mbeki"),
    ("Region of the Lakeshore Public Health", "HEALTH", "Dr. Elise Carter"),
    ("Lakeshore Taxi and Rideshare Drivers' Network", "OTHER", "Sunil Mehta"),
    ("Tri-County Crisis Line", "DIRECT_SERVICE", "Hannah Brooks"),
    ("Lakeshore Public Library Outreach", "EDUCATION", "Olivia Tran"),
    ("Northshore Indigenous Friendship Centre", "DIRECT_SERVICE", "Maya Cardinal"),
]

_ID = re.compile(r"\b[0-9a-f]{12}\b")


def _paragraphs(rng: random.Random, sentences: int) -> str:
    picked = [rng.choice(SENTENCES) for _ in range(sentences)]
    return "\n\n".join(" ".join(picked[i : i + 3]) for i in range(0, len(picked), 3))


@dataclass
class History:
    meetings: int
    members: int
    actions: int
    meeting_kb: list[float]
    coalition_kb: float
    latest_meeting_id: str


def build_history_store(path: Path) -> History:
    """Ten years (60 meetings, 40 members) of realistic history.

    Two demo coalitions per meeting year (September-November, January-March),
    each built by ``build_demo_coalition`` for its own "today", with every
    member id mapped onto one roster, 7 more members, and several paragraphs
    of minute-taker notes per agenda item (meeting files of ~20-60 KB).
    """
    from dhtc_tui.demo import build_demo_coalition, build_members
    from dhtc_tui.domain.attendance import mark
    from dhtc_tui.domain.model import ActionStatus, ItemState, Meeting, Member, Presence, Sector
    from dhtc_tui.store.codec import from_doc, to_doc
    from dhtc_tui.store.repository import Store

    rng = random.Random(2016)
    roster, settings = build_members(HISTORY_TODAY)
    base_count = len(roster)
    for name, sector, rep in EXTRA_ORGANIZATIONS[: max(0, HISTORY_MEMBERS - base_count)]:
        roster.append(
            Member(
                name=name,
                sector=Sector[sector],
                representatives=[rep],
                email=f"info@{''.join(c for c in name.lower() if c.isalnum())[:14]}.example.org",
                phone=f"905-555-{rng.randint(2000, 9999)}",
                joined=date(2018, 9, 1),
                contact_updated=HISTORY_TODAY - timedelta(days=rng.randint(20, 300)),
            )
        )
    extra = roster[base_count:]

    meetings: list[Meeting] = []
    actions = []
    applications = []
    chunks = 2 * HISTORY_YEARS
    first_year = HISTORY_TODAY.year - HISTORY_YEARS
    for chunk in range(chunks):
        year = first_year + chunk // 2
        chunk_today = date(year, 12, 1) if chunk % 2 == 0 else date(year + 1, 4, 1)
        _settings, members, chunk_actions, chunk_apps, chunk_meetings = build_demo_coalition(chunk_today)
        assert len(members) == base_count, "the demo roster changed shape"
        mapping = {m.id: r.id for m, r in zip(members, roster)}

        def remap(obj, kind):
            text = json.dumps(to_doc(obj))
            text = _ID.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)
            return from_doc(json.loads(text), kind)

        old = chunk < chunks - 2
        for action in chunk_actions:
            moved = remap(action, type(action))
            moved.number = len(actions) + 1
            if old and moved.is_open:
                moved.status = ActionStatus.DONE
            actions.append(moved)
        if chunk == chunks - 1:
            applications = [remap(a, type(a)) for a in chunk_apps]
        for meeting in chunk_meetings:
            moved = remap(meeting, Meeting)
            for member in extra:
                roll = rng.random()
                presence = Presence.PRESENT if roll < 0.75 else Presence.REMOTE if roll < 0.9 else Presence.REGRETS
                mark(moved, member.id, presence, member.representatives[0])
            for item in moved.agenda:
                if item.state is not ItemState.SKIPPED:
                    item.notes = (item.notes + "\n\n" if item.notes else "") + _paragraphs(rng, rng.randint(4, 16))
            moved.case_examples.notes = moved.case_examples.notes + "\n\n" + _paragraphs(rng, 4)
            meetings.append(moved)

    meetings.sort(key=lambda m: m.date)
    store = Store.open(path)
    try:
        store.save_many(members=roster, actions=actions, applications=applications, settings=settings)
        for meeting in meetings:
            store.save_meeting(meeting)
        sizes = [store.meeting_path(m.id).stat().st_size / 1024 for m in meetings]
        coalition_kb = store.coalition_path.stat().st_size / 1024
    finally:
        store.close()
    return History(len(meetings), len(roster), len(actions), sizes, coalition_kb, meetings[-1].id)


def schedule_meeting(path: Path, on: date) -> str:
    """Plan (not start) a meeting for ``on``, as the chair does with ``n``."""
    from dhtc_tui.domain.agenda import plan_meeting
    from dhtc_tui.store.repository import Store

    store = Store.open(path)
    try:
        refs = store.meetings()
        previous = store.load_meeting(refs[-1].id) if refs else None
        settings = store.settings()
        meeting = plan_meeting(on, clock_time(9, 30), settings.default_location or "Room 2B", settings, previous)
        store.save_meeting(meeting)
        return meeting.id
    finally:
        store.close()


# ---------------------------------------------------------------------------
# 1 and 5. Startup to the first frame, and peak memory (fresh processes)


@dataclass
class StartupRuns:
    to_frame: list[float] = field(default_factory=list)  # spawn -> first frame
    to_exit: list[float] = field(default_factory=list)  # spawn -> process gone
    in_process: list[float] = field(default_factory=list)  # first line of the driver -> first frame
    imports: list[float] = field(default_factory=list)  # first line -> app class imported
    maxrss_kb: list[int] = field(default_factory=list)
    modules: int = 0
    #: Process CPU seconds from the driver's first line to each stamp, per run.
    cpu: dict[str, list[float]] = field(default_factory=dict)


def run_driver(args: list[str], into: StartupRuns | None) -> None:
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # The warm-up run writes the byte code (as any first start does); with
    # PYTHONDONTWRITEBYTECODE set every run would compile the app's sources
    # again while Textual's, compiled at install, load from .pyc.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    spawned = now()
    done = subprocess.run(
        [sys.executable, str(DRIVER), *args],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    gone = now()
    if done.returncode != 0:
        raise RuntimeError(f"startup driver {args[0]} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if into is None:
        return
    stamps = result["stamps"]
    into.to_frame.append(stamps["first_frame"] - spawned)
    into.to_exit.append(gone - spawned)
    into.in_process.append(stamps["first_frame"] - stamps["start"])
    into.imports.append(stamps["imported"] - stamps["start"])
    into.maxrss_kb.append(result["maxrss_kb"])
    into.modules = result["modules"]
    cpu = result.get("cpu_stamps", {})
    for key, value in cpu.items():
        into.cpu.setdefault(key, []).append(value - cpu["start"])


def measure_startup(configs: dict[str, list[str]], runs: int) -> dict[str, StartupRuns]:
    results = {name: StartupRuns() for name in configs}
    for args in configs.values():  # warm-up: byte-code compiled, OS file cache warm
        run_driver(args, None)
    for _ in range(runs):
        for name, args in configs.items():  # interleaved, so drift hits every config alike
            run_driver(args, results[name])
    return results


# ---------------------------------------------------------------------------
# 2. One durable save of an in-progress meeting


@dataclass
class SaveRuns:
    saves: list[float]
    first_save: float  # creates the file and rewrites the coalition index
    snapshot: list[float]  # to_doc on the interface thread
    doc_kb: float
    bare: list[float] = field(default_factory=list)  # the anchor: bare_durable_write of the same bytes


def bare_durable_write(path: Path, payload: bytes) -> None:
    """The least a durable replace can do: temp file, fsync, os.replace,
    fsync of the directory. The anchor the store's save is measured against."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.write(fd, payload)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def in_progress_meeting(history_dir: Path, meeting_id: str):
    """A copy of the newest ten-year meeting, re-opened as in progress today."""
    from dhtc_tui.domain.model import MeetingStatus, new_id
    from dhtc_tui.store.repository import Store

    store = Store.open(history_dir)
    try:
        meeting = copy.deepcopy(store.load_meeting(meeting_id))
    finally:
        store.close()
    meeting.id = new_id()
    meeting.date = HISTORY_TODAY
    meeting.status = MeetingStatus.IN_PROGRESS
    meeting.adjourned = None
    return meeting


def measure_saves(data_dir: Path, template, count: int) -> SaveRuns:
    from dhtc_tui.store.codec import to_doc
    from dhtc_tui.store.repository import MeetingRef, Store

    meeting = copy.deepcopy(template)
    item = next(i for i in meeting.agenda if i.notes)
    store = Store.open(data_dir)
    saves, snapshots = [], []
    try:
        ref = MeetingRef.of(meeting)
        started = time.perf_counter()
        store.save_meeting_doc(meeting.id, to_doc(meeting), ref)
        first = time.perf_counter() - started
        anchor_dir = data_dir / "bare-anchor"
        anchor_dir.mkdir(exist_ok=True)
        anchor = anchor_dir / "meeting.json"
        bare = []
        for n in range(count):
            item.notes += "abcdefghijklmnopqrstuvwxyz "[n % 27]
            started = time.perf_counter()
            doc = to_doc(meeting)
            snapshots.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.save_meeting_doc(meeting.id, doc, ref)
            saves.append(time.perf_counter() - started)
            # Interleaved: the same bytes the store just wrote, on the same disk.
            payload = store.meeting_path(meeting.id).read_bytes()
            started = time.perf_counter()
            bare_durable_write(anchor, payload)
            bare.append(time.perf_counter() - started)
        doc_kb = store.meeting_path(meeting.id).stat().st_size / 1024
    finally:
        store.close()
    return SaveRuns(saves, first, snapshots, doc_kb, bare)


# ---------------------------------------------------------------------------
# 3. Typing: keystroke to durable save; key handling against a bare TextArea


@dataclass
class TypingRuns:
    press: list[float] = field(default_factory=list)  # pilot.press() returns
    key_to_text: list[float] = field(default_factory=list)  # key event -> TextArea.text holds it
    key_to_frame: list[float] = field(default_factory=list)  # key event -> next rendered screen update
    cpu_per_key: float = 0.0  # process CPU seconds per pilot.press
    key_to_disk: list[float] = field(default_factory=list)  # key -> meeting file holds the text
    save_delay: float = 0.0


def wait_for_file(path: Path, marker: bytes, timeout: float, interval: float = 0.001) -> float:
    """Poll ``path`` until it contains ``marker``; the clock time it did (or NaN)."""
    deadline = now() + timeout
    last_stat = None
    while now() < deadline:
        try:
            st = path.stat()
            stat_key = (st.st_mtime_ns, st.st_size, st.st_ino)
            if stat_key != last_stat:
                last_stat = stat_key
                if marker in path.read_bytes():
                    return now()
        except FileNotFoundError:
            pass
        time.sleep(interval)
    return float("nan")


def record_frames(app) -> list[float]:
    """Stamp every screen update the compositor renders (headless apps render
    the update too; they only skip writing it to a terminal)."""
    frames: list[float] = []
    display = app._display

    def stamped(screen, renderable) -> None:
        if renderable is not None:
            frames.append(now())
        display(screen, renderable)

    app._display = stamped
    return frames


async def type_into(pilot, area, presses: int, into: TypingRuns) -> None:
    """pilot.press timing and CPU per key; then key -> text and key -> frame
    for key events sent straight to the driver (no pilot idle-wait)."""
    from textual import events

    app = pilot.app
    cpu_before = time.process_time()
    for n in range(presses):
        char = "abcdefghijklmnopqrstuvwxyz"[n % 26]
        started = now()
        await pilot.press(char)
        into.press.append(now() - started)
    into.cpu_per_key = (time.process_time() - cpu_before) / presses
    await pilot.pause()
    frames = record_frames(app)
    for n in range(presses):
        char = "zyxwvutsrqponmlkjihgfedcba"[n % 26]
        expected = area.text + char
        event = events.Key(char, char)
        event.set_sender(app)
        started = now()
        app._driver.send_message(event)
        while area.text != expected:
            if now() - started > 2:
                raise RuntimeError("the TextArea never received the key")
            await asyncio.sleep(0)
        changed = now()
        into.key_to_text.append(changed - started)
        while not (frames and frames[-1] >= changed):
            if now() - started > 2:
                raise RuntimeError("no frame was rendered after the key")
            await asyncio.sleep(0)
        first = frames[bisect.bisect_left(frames, changed)]
        into.key_to_frame.append(first - started)
        await pilot.pause()


async def typing_bare(presses: int) -> TypingRuns:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, TextArea

    class BareTextApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            area = TextArea(id="notes", soft_wrap=True)
            area.show_line_numbers = False
            yield area
            yield Footer()

    runs = TypingRuns()
    app = BareTextApp()
    async with app.run_test(size=SIZE) as pilot:
        area = app.query_one("#notes", TextArea)
        area.focus()
        await pilot.pause()
        await type_into(pilot, area, presses, runs)
    return runs


async def typing_app(data_dir: Path, presses: int, keystrokes: int) -> TypingRuns:
    from textual.widgets import TextArea

    from dhtc_tui.store.repository import Store
    from dhtc_tui.tui import app as app_module
    from dhtc_tui.tui.app import CoalitionApp

    wall_start = datetime.combine(HISTORY_TODAY, clock_time(9, 30))
    t0 = now()

    def clock() -> datetime:
        return wall_start + timedelta(seconds=now() - t0)

    runs = TypingRuns(save_delay=app_module.SAVE_DELAY)
    app = CoalitionApp(Store.open(data_dir), today=HISTORY_TODAY, clock=clock)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("s")  # start the scheduled meeting (its date is today)
            await pilot.pause()
            await pilot.pause()
            screen = app.screen
            if type(screen).__name__ != "ConsoleScreen":
                raise RuntimeError(f"expected the console, found {type(screen).__name__}")
            meeting = screen.meeting
            # Move to the first item that has a notes area (as the chair would, with F4).
            for _ in range(len(meeting.agenda)):
                if screen.query("#item-notes"):
                    break
                await pilot.press("f4")
                await pilot.pause()
                await pilot.pause()
            area = screen.query_one("#item-notes", TextArea)
            area.focus()
            await pilot.pause()
            await pilot.pause(app_module.SAVE_DELAY + 0.2)
            app.flush_saves()
            path = app.store.meeting_path(meeting.id)

            # Keystroke to durable save: each key starts a fresh save timer,
            # because the previous one has fired before the next key.
            for n in range(keystrokes):
                char = "abcdefghijklmnopqrstuvwxyz"[n % 26]
                marker = json.dumps(area.text + char, ensure_ascii=False).encode()
                started = now()
                await pilot.press(char)
                landed = await asyncio.to_thread(wait_for_file, path, marker, 10.0)
                runs.key_to_disk.append(landed - started)
                await asyncio.sleep(0.05)

            await type_into(pilot, area, presses, runs)
            app.flush_saves()
    finally:
        app.shutdown()
    return runs


# ---------------------------------------------------------------------------
# 4. Export a full demo meeting to .docx


@dataclass
class ExportRuns:
    available: bool
    first: float = float("nan")  # importing the minutes modules (python-docx) + the first export
    docx_preloaded: bool = False  # python-docx was already imported by an earlier part of the run
    runs: list[float] = field(default_factory=list)
    kb: float = 0.0
    error: str = ""
    bare: list[float] = field(default_factory=list)  # the anchor: bare_docx of the same content
    paragraphs: int = 0
    tables: int = 0
    cells: int = 0


def docx_content(path: Path) -> list:
    """The body of a .docx in order: a str per paragraph, a list of rows of
    cell texts per table."""
    import docx
    from docx.table import Table

    blocks: list = []
    for block in docx.Document(str(path)).iter_inner_content():
        if isinstance(block, Table):
            blocks.append([[cell.text for cell in row.cells] for row in block.rows])
        else:
            blocks.append(block.text)
    return blocks


def bare_docx(path: Path, blocks: list) -> None:
    """A bare python-docx script: the default template, the same paragraphs
    and tables in the same order, saved. The anchor export is measured against."""
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=max(len(row) for row in block))
        for row, texts in zip(table.rows, block):
            for cell, text in zip(row.cells, texts):
                cell.text = text
    document.save(str(path))


def measure_export(data_dir: Path, out_dir: Path, count: int) -> ExportRuns:
    docx_was_loaded = "docx" in sys.modules
    started = time.perf_counter()
    try:
        from dhtc_tui.minutes import commands
        from dhtc_tui.record import load_record

        def export(store, selector, out, force):
            return commands.export(load_record(store, selector), out, force)
    except (ImportError, AttributeError):
        return ExportRuns(False)
    imported = time.perf_counter() - started
    from dhtc_tui.store.repository import Store

    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / "minutes.docx"
    store = Store.open(data_dir)
    result = ExportRuns(True, docx_preloaded=docx_was_loaded)
    try:
        started = time.perf_counter()
        export(store, "latest", out, True)
        result.first = imported + time.perf_counter() - started
        blocks = docx_content(out)
        tables = [b for b in blocks if not isinstance(b, str)]
        result.paragraphs = len(blocks) - len(tables)
        result.tables = len(tables)
        result.cells = sum(len(row) for table in tables for row in table)
        bare_out = out_dir / "bare.docx"
        bare_docx(bare_out, blocks)  # warm-up, as the first export above
        for _ in range(count):  # interleaved, so drift hits both alike
            started = time.perf_counter()
            report = export(store, "latest", out, True)
            result.runs.append(time.perf_counter() - started)
            started = time.perf_counter()
            bare_docx(bare_out, blocks)
            result.bare.append(time.perf_counter() - started)
        result.kb = Path(getattr(report, "path", out)).stat().st_size / 1024
    except Exception as exc:  # report, keep going: the rest of the table still counts
        result.error = f"{type(exc).__name__}: {exc}"
    finally:
        store.close()
    return result


# ---------------------------------------------------------------------------
# The table


def verdict(ok: bool) -> str:
    return "yes" if ok else "**NO**"


def filesystem_of(path: Path) -> str:
    """The type of the file system holding ``path`` (fsync cost depends on it)."""
    best, kind = "", "unknown"
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            parts = line.split()
            if len(parts) >= 3:
                point = parts[1].replace("\\040", " ")
                inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
                if inside and len(point) > len(best):
                    best, kind = point, parts[2]
    except OSError:
        pass
    return kind


def machine_info() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import textual

    return (
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
        f"Textual {textual.__version__}"
    )


Row = tuple[str, str, str, str, str, str, str]
HEADER: Row = ("Measure", "Bare Textual", "App, demo store", "App, 10-year store", "Ratio", "Target", "Met")


def startup_rows(startup: dict[str, StartupRuns], runs: int) -> list[Row]:
    bare, demo, hist = startup["bare"], startup["demo"], startup["history"]
    frame_demo = ratio(median(demo.to_frame), median(bare.to_frame))
    frame_hist = ratio(median(hist.to_frame), median(bare.to_frame))
    mem = {k: median(v.maxrss_kb) / 1024 for k, v in startup.items()}
    mem_ratio = ratio(mem["history"], mem["bare"])
    mem_demo = ratio(mem["demo"], mem["bare"])
    return [
        (
            f"Startup: spawn → first frame of home, ms (median of {runs})",
            ms(median(bare.to_frame), 0),
            ms(median(demo.to_frame), 0),
            ms(median(hist.to_frame), 0),
            f"{frame_demo:.2f}× / {frame_hist:.2f}×",
            f"≤ {STARTUP_RATIO_MAX}× bare",
            verdict(max(frame_demo, frame_hist) <= STARTUP_RATIO_MAX),
        ),
        (
            "  of which: interpreter start → app imported (and store opened), ms",
            ms(median(bare.imports), 0),
            ms(median(demo.imports), 0),
            ms(median(hist.imports), 0),
            "",
            "—",
            "—",
        ),
        (
            "  of which: interpreter start → first frame, ms",
            ms(median(bare.in_process), 0),
            ms(median(demo.in_process), 0),
            ms(median(hist.in_process), 0),
            "",
            "—",
            "—",
        ),
        (
            "Startup: process CPU, first line → first frame of home, ms (median)",
            ms(median(bare.cpu.get("first_frame", [])), 0),
            ms(median(demo.cpu.get("first_frame", [])), 0),
            ms(median(hist.cpu.get("first_frame", [])), 0),
            f"{ratio(median(demo.cpu.get('first_frame', [])), median(bare.cpu.get('first_frame', []))):.2f}× / "
            f"{ratio(median(hist.cpu.get('first_frame', [])), median(bare.cpu.get('first_frame', []))):.2f}×",
            "—",
            "—",
        ),
        (
            "  CPU at each step, ms (median): bare imported / built / frame; app CLI / store / app imported / built / frame",
            " / ".join(ms(median(bare.cpu.get(k, [])), 0) for k in ("imported", "built", "first_frame")),
            " / ".join(ms(median(demo.cpu.get(k, [])), 0) for k in ("cli_imported", "store_opened", "imported", "built", "first_frame")),
            " / ".join(ms(median(hist.cpu.get(k, [])), 0) for k in ("cli_imported", "store_opened", "imported", "built", "first_frame")),
            "",
            "—",
            "—",
        ),
        (
            "Startup: spawn → process exit (after shutdown), ms (median)",
            ms(median(bare.to_exit), 0),
            ms(median(demo.to_exit), 0),
            ms(median(hist.to_exit), 0),
            f"{ratio(median(demo.to_exit), median(bare.to_exit)):.2f}× / "
            f"{ratio(median(hist.to_exit), median(bare.to_exit)):.2f}×",
            "—",
            "—",
        ),
        (
            "Peak memory (max RSS at exit), MB (median)",
            f"{mem['bare']:.1f}",
            f"{mem['demo']:.1f}",
            f"{mem['history']:.1f}",
            f"{mem_demo:.2f}× / {mem_ratio:.2f}×",
            f"≤ {MEMORY_RATIO_MAX}× bare",
            verdict(max(mem_demo, mem_ratio) <= MEMORY_RATIO_MAX),
        ),
        ("Modules imported", str(bare.modules), str(demo.modules), str(hist.modules), "", "—", "—"),
    ]


def save_rows(save_demo: SaveRuns, save_hist: SaveRuns, count: int) -> list[Row]:
    save_ratio = ratio(median(save_hist.saves), median(save_demo.saves))
    return [
        (
            f"Durable save of an in-progress meeting ({save_hist.doc_kb:.0f} KB), ms median / p95 of {count}",
            "—",
            f"{ms(median(save_demo.saves), 2)} / {ms(p95(save_demo.saves), 2)}",
            f"{ms(median(save_hist.saves), 2)} / {ms(p95(save_hist.saves), 2)}",
            f"{save_ratio:.2f}× (10y/demo)",
            f"≤ {SAVE_MS_MAX:.0f} ms, ≤ {SAVE_HISTORY_RATIO_MAX}× demo",
            verdict(
                median(save_hist.saves) * 1000 <= SAVE_MS_MAX
                and median(save_demo.saves) * 1000 <= SAVE_MS_MAX
                and save_ratio <= SAVE_HISTORY_RATIO_MAX
            ),
        ),
        (
            "  anchor: bare temp file + fsync + os.replace + directory fsync of the same bytes, ms median / p95",
            f"{ms(median(save_demo.bare), 2)} / {ms(p95(save_demo.bare), 2)}",
            f"{ratio(median(save_demo.saves), median(save_demo.bare)):.2f}× bare",
            f"{ratio(median(save_hist.saves), median(save_hist.bare)):.2f}× bare",
            f"{ratio(median(save_demo.saves), median(save_demo.bare)):.2f}× / "
            f"{ratio(median(save_hist.saves), median(save_hist.bare)):.2f}×",
            f"≤ {SAVE_ANCHOR_RATIO_MAX}× bare",
            verdict(
                max(
                    ratio(median(save_demo.saves), median(save_demo.bare)),
                    ratio(median(save_hist.saves), median(save_hist.bare)),
                )
                <= SAVE_ANCHOR_RATIO_MAX
            ),
        ),
        (
            "  first save of a new meeting (creates its file, rewrites coalition.json), ms",
            "—",
            ms(save_demo.first_save, 2),
            ms(save_hist.first_save, 2),
            f"{ratio(save_hist.first_save, save_demo.first_save):.2f}×",
            "—",
            "—",
        ),
        (
            "  snapshot (to_doc) on the interface thread, ms median / p95",
            "—",
            f"{ms(median(save_demo.snapshot), 2)} / {ms(p95(save_demo.snapshot), 2)}",
            f"{ms(median(save_hist.snapshot), 2)} / {ms(p95(save_hist.snapshot), 2)}",
            "",
            "—",
            "—",
        ),
    ]


def typing_rows(plain: TypingRuns, typing: TypingRuns, keystrokes: int, presses: int) -> list[Row]:
    def pair(values: list[float], digits: int) -> str:
        return f"{ms(median(values), digits)} / {ms(p95(values), digits)}"

    return [
        (
            f"Keystroke → meeting file holds it, ms median / p95 of {keystrokes} (SAVE_DELAY {typing.save_delay * 1000:.0f} ms)",
            "—",
            "—",
            pair(typing.key_to_disk, 0),
            "",
            f"≤ {KEY_TO_DISK_MS_MAX:.0f} ms",
            verdict(p95(typing.key_to_disk) * 1000 <= KEY_TO_DISK_MS_MAX),
        ),
        (
            f"Key handling: pilot.press into a TextArea returns, ms median / p95 of {presses}",
            pair(plain.press, 1),
            "—",
            pair(typing.press, 1),
            f"{ratio(median(typing.press), median(plain.press)):.2f}×",
            "—",
            "—",
        ),
        (
            f"Key handling: key event → TextArea.text updated, ms median / p95 of {presses}",
            pair(plain.key_to_text, 2),
            "—",
            pair(typing.key_to_text, 2),
            f"{ratio(median(typing.key_to_text), median(plain.key_to_text)):.2f}×",
            "—",
            "—",
        ),
        (
            f"Key handling: key event → next frame rendered, ms median / p95 of {presses}",
            pair(plain.key_to_frame, 2),
            "—",
            pair(typing.key_to_frame, 2),
            f"{ratio(median(typing.key_to_frame), median(plain.key_to_frame)):.2f}×",
            "—",
            "—",
        ),
        (
            "Key handling: process CPU per key press, ms",
            ms(plain.cpu_per_key, 2),
            "—",
            ms(typing.cpu_per_key, 2),
            f"{ratio(typing.cpu_per_key, plain.cpu_per_key):.2f}×",
            "—",
            "—",
        ),
    ]


def export_rows(exported: ExportRuns, count: int) -> list[Row]:
    if not exported.available or exported.error:
        return []
    return [
        (
            f"Export the latest demo meeting to .docx ({exported.kb:.0f} KB), ms median of {count}",
            "—",
            ms(median(exported.runs), 0),
            "—",
            "",
            "—",
            "—",
        ),
        (
            f"  anchor: bare python-docx script, same {exported.paragraphs} paragraphs and {exported.tables} tables "
            f"({exported.cells} cells), ms median of {count}",
            ms(median(exported.bare), 0),
            ms(median(exported.runs), 0),
            "—",
            f"{ratio(median(exported.runs), median(exported.bare)):.2f}×",
            f"≤ {EXPORT_ANCHOR_RATIO_MAX}× bare",
            verdict(ratio(median(exported.runs), median(exported.bare)) <= EXPORT_ANCHOR_RATIO_MAX),
        ),
        (
            "  first export in the process: import the minutes modules"
            + (" (python-docx already loaded)" if exported.docx_preloaded else " and python-docx")
            + " + export, ms",
            "—",
            ms(exported.first, 0),
            "—",
            "",
            "—",
            "—",
        ),
    ]


def print_table(rows: list[Row]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run, noisier figures)")
    parser.add_argument(
        "--tmp-dir",
        type=Path,
        help="where to make the temporary data directory (default: the system's); "
        "use the disk the real data lives on, since fsync cost depends on it",
    )
    args = parser.parse_args(argv)
    reps = dict(startup=3, saves=50, keystrokes=6, presses=60, exports=2) if args.quick else dict(
        startup=7, saves=200, keystrokes=20, presses=200, exports=15
    )
    began = time.perf_counter()
    problems: list[str] = []
    rows: list[Row] = [HEADER]

    def step(text: str) -> None:
        print(f"[{time.perf_counter() - began:6.1f}s] {text}", file=sys.stderr, flush=True)

    def section(name: str, fn, *fn_args):
        """Run one part; a failure is reported under the table, the rest still runs."""
        try:
            return fn(*fn_args)
        except Exception as exc:
            import traceback

            traceback.print_exc(file=sys.stderr)
            problems.append(f"{name}: not measured ({type(exc).__name__}: {exc})")
            return None

    def copy_store(source: Path, name: str) -> Path:
        target = tmp / name
        shutil.copytree(source, target)
        (target / ".lock").unlink(missing_ok=True)
        return target

    with tempfile.TemporaryDirectory(prefix="dhtc-bench-", dir=args.tmp_dir) as tmp_name:
        tmp = Path(tmp_name).resolve()
        data_fs = filesystem_of(tmp)
        os.environ["DHTC_DATA_DIR"] = str(tmp / "default-data-dir")  # never the real one
        demo_dir, history_dir = tmp / "demo", tmp / "history"

        step("building the demo store and ten years of history")
        build_demo_store(demo_dir)
        history = build_history_store(history_dir)
        step(
            f"history: {history.meetings} meetings, {history.members} members, {history.actions} action items; "
            f"meeting files {min(history.meeting_kb):.0f}-{max(history.meeting_kb):.0f} KB "
            f"(median {median(history.meeting_kb):.0f}); coalition.json {history.coalition_kb:.0f} KB"
        )

        step(f"startup and memory: {reps['startup']} fresh processes per app (interleaved)")
        startup = section(
            "startup",
            measure_startup,
            {
                "bare": ["bare"],
                "demo": ["app", str(demo_dir), DEMO_TODAY.isoformat()],
                "history": ["app", str(history_dir), HISTORY_TODAY.isoformat()],
            },
            reps["startup"],
        )
        if startup:
            rows += startup_rows(startup, reps["startup"])

        step(f"durable save: {reps['saves']} saves per store")
        template = section("save", in_progress_meeting, history_dir, history.latest_meeting_id)
        if template is not None:
            save_demo = section("save (demo)", measure_saves, copy_store(demo_dir, "save-demo"), template, reps["saves"])
            save_hist = section("save (10-year)", measure_saves, copy_store(history_dir, "save-history"), template, reps["saves"])
            if save_demo and save_hist:
                rows += save_rows(save_demo, save_hist, reps["saves"])

        step(f"typing: {reps['keystrokes']} keystrokes to disk, {reps['presses']}x2 key presses per app")
        typing_dir = copy_store(history_dir, "typing")
        plain = section("typing (bare)", lambda: asyncio.run(typing_bare(reps["presses"])))

        def type_in_app() -> TypingRuns:
            schedule_meeting(typing_dir, HISTORY_TODAY)
            return asyncio.run(typing_app(typing_dir, reps["presses"], reps["keystrokes"]))

        typing = section("typing (app)", type_in_app)
        if plain and typing:
            rows += typing_rows(plain, typing, reps["keystrokes"], reps["presses"])

        step(f"export: {reps['exports']} exports of the latest demo meeting")
        exported = section("export", measure_export, copy_store(demo_dir, "export-demo"), tmp / "out", reps["exports"])
        if exported:
            rows += export_rows(exported, reps["exports"])
            if not exported.available:
                problems.append("export: not available yet")
            elif exported.error:
                problems.append(f"export: failed ({exported.error})")
        step("identifier check: a 5,000-word case-examples note")  # bench/identifier_check.py
        from identifier_check import identifier_rows

        rows += section("identifier check", identifier_rows, reps["presses"] // 2) or []
        step("done; removing the temporary data")

    print()
    print(f"## Benchmark ({'--quick, ' if args.quick else ''}{time.strftime('%Y-%m-%d')})")
    print()
    print(machine_info() + f", load average {os.getloadavg()[0]:.1f} at the end")
    print()
    print(
        f"Ten-year store: {history.meetings} meetings, {history.members} members, {history.actions} action items; "
        f"meeting files {min(history.meeting_kb):.0f}–{max(history.meeting_kb):.0f} KB "
        f"(median {median(history.meeting_kb):.0f} KB); coalition.json {history.coalition_kb:.0f} KB. "
        f"Data in a temporary directory on {data_fs}. Terminal {SIZE[0]}×{SIZE[1]}, headless."
    )
    print()
    if len(rows) > 1:
        print_table(rows)
        print()
    for problem in problems:
        print(problem)
    print(f"Whole run: {time.perf_counter() - began:.0f} s.")
    # "export: not available yet" is not a failure of the benchmark.
    return 1 if any(not p.startswith("export: not available") for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
