"""The app under faults: signals, a vanished data folder, a full disk, a crash."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dhtc_tui.domain.model import Member
from dhtc_tui.store.repository import Store

from ..tui.demo_app import TODAY, make_demo_app

# The app, headless, in its own process: `change` on stdin edits the latest
# meeting (the edit reaches the writer within a second), `crash` raises with
# meeting text in a local variable.
APP = textwrap.dedent(
    """
    import sys, threading
    from pathlib import Path
    from dhtc_tui import cli
    from dhtc_tui.tui import app as app_module

    class Probe(app_module.CoalitionApp):
        CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))

        def on_mount(self):
            super().on_mount()
            self.call_after_refresh(lambda: print("ready", flush=True))
            threading.Thread(target=self.listen, daemon=True).start()

        def listen(self):
            for line in sys.stdin:
                # call_later: an error raised there is the app's own crash
                self.call_from_thread(self.call_later, getattr(self, "do_" + line.strip()))

        def do_change(self):
            ref = self.coalition.refs[-1]
            meeting = self.coalition.meeting(self.store, ref.id)
            meeting.other_updates = "RECOVER-ME typed after the stick was pulled"
            self.meeting_changed(meeting)
            self.flush_saves(timeout=2.0, fail_fast=True)
            print("changed", flush=True)

        def do_crash(self):
            secret_note = "SECRET-CASE-NOTE from the meeting record"
            raise RuntimeError("boom")

    app_module.CoalitionApp = Probe
    sys.exit(cli.run_app(Path(sys.argv[1]), headless=True))
    """
)


def start_app(tmp_path: Path, data: Path) -> subprocess.Popen:
    script = tmp_path / "app.py"
    script.write_text(APP)
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir(exist_ok=True)
    app = subprocess.Popen(
        [sys.executable, str(script), str(data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    line = app.stdout.readline().strip()
    assert line == "ready", app.stderr.read() if app.poll() is not None else line
    return app


def finish(app: subprocess.Popen, timeout: float) -> tuple[int, str, str]:
    try:
        out, err = app.communicate(timeout=timeout)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    return app.returncode, out, err


@pytest.fixture
def demo_data(tmp_path):
    store = make_demo_app(tmp_path).store
    store.close()
    return tmp_path / "data"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_ends_the_app_even_with_its_data_folder_gone(tmp_path, demo_data, signum):
    app = start_app(tmp_path, demo_data)
    try:
        # The USB stick is pulled (retried: the start-up backup may be
        # adding files while the tree is removed).
        for _ in range(100):
            try:
                shutil.rmtree(demo_data)
                break
            except OSError:
                continue
        assert not demo_data.exists()
        app.stdin.write("change\n")
        app.stdin.flush()
        assert app.stdout.readline().strip() == "changed"
        started = time.monotonic()
        app.send_signal(signum)
        code, out, err = finish(app, timeout=15)
    finally:
        if app.poll() is None:
            app.kill()
    assert time.monotonic() - started < 10
    assert code != 0
    (recovery,) = (tmp_path / "tmp").glob("dhtc-tui-recovery-*.json")
    assert str(recovery) in err
    assert recovery.stat().st_mode & 0o777 == 0o600
    assert "RECOVER-ME" in recovery.read_text()


def test_sigterm_with_everything_saved_ends_cleanly(tmp_path, demo_data):
    app = start_app(tmp_path, demo_data)
    app.stdin.write("change\n")
    app.stdin.flush()
    assert app.stdout.readline().strip() == "changed"
    app.send_signal(signal.SIGTERM)
    code, out, err = finish(app, timeout=15)
    assert code == 128 + signal.SIGTERM
    assert list((tmp_path / "tmp").glob("dhtc-tui-recovery-*")) == []
    with Store.open(demo_data) as store:
        assert "RECOVER-ME" in store.load_meeting(store.meetings()[-1].id).other_updates


def test_a_crash_prints_one_line_and_logs_without_local_variables(tmp_path, demo_data):
    app = start_app(tmp_path, demo_data)
    app.stdin.write("crash\n")
    app.stdin.flush()
    code, out, err = finish(app, timeout=30)
    assert code == 1
    assert "SECRET-CASE-NOTE" not in err and "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("dhtc-tui: stopped on an unexpected error (RuntimeError)")
    log = demo_data / "crash.log"
    assert str(log) in lines[0]
    assert log.stat().st_mode & 0o777 == 0o600
    text = log.read_text()
    assert "RuntimeError: boom" in text and "do_crash" in text
    assert "secret_note = 'SECRET" not in text  # no locals, only source lines


# --------------------------------------------------------------------------
# In-process (Pilot)


async def test_quitting_on_a_full_disk_asks_keeps_trying_and_writes_a_recovery_file(tmp_path, monkeypatch):
    import tempfile

    from dhtc_tui.tui.widgets.dialogs import ConfirmDialog

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    app = make_demo_app(tmp_path)
    store = app.store
    attempts = {"n": 0}

    def disk_full(*args, **kwargs):
        attempts["n"] += 1
        raise OSError(errno.ENOSPC, "No space left on device")

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.flush_saves()
        monkeypatch.setattr(store, "save_meeting_doc", disk_full)
        ref = app.coalition.refs[-1]
        meeting = app.coalition.meeting(store, ref.id)
        meeting.other_updates = "Typed while the disk was full"
        app.meeting_changed(meeting)
        started = time.monotonic()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert time.monotonic() - started < 5  # no frozen screen
        assert isinstance(app.screen, ConfirmDialog)
        assert "cannot be saved" in app.screen.question
        assert app.is_running
        tried = attempts["n"]
        await pilot.press("y")
        await pilot.pause()
    assert tried >= 1
    app.shutdown()
    assert app.return_code == 1
    recovery = Path(app.recovery_path)
    assert recovery.parent == tmp_path
    assert "Typed while the disk was full" in recovery.read_text()


async def test_quitting_saves_and_leaves_once_the_disk_recovers(tmp_path, monkeypatch):
    from dhtc_tui.tui.widgets.dialogs import ConfirmDialog

    app = make_demo_app(tmp_path)
    store = app.store
    real = store.save_meeting_doc
    full = {"on": True}

    def sometimes_full(*args, **kwargs):
        if full["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.flush_saves()
        monkeypatch.setattr(store, "save_meeting_doc", sometimes_full)
        meeting = app.coalition.meeting(store, app.coalition.refs[-1].id)
        meeting.other_updates = "Saved after space was freed"
        app.meeting_changed(meeting)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        full["on"] = False
        await app.wait_for_refresh() if hasattr(app, "wait_for_refresh") else None
        while app.is_running:
            await pilot.pause(0.2)
    app.shutdown()
    assert app.recovery_path is None
    with Store.open(tmp_path / "data") as reopened:
        assert reopened.load_meeting(meeting.id).other_updates == "Saved after space was freed"


async def test_a_failing_start_up_backup_never_holds_up_roster_saves(tmp_path):
    app = make_demo_app(tmp_path)
    backups = tmp_path / "data" / "backups"
    shutil.rmtree(backups, ignore_errors=True)
    backups.write_text("not a folder: every backup fails")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.save_member(Member(name="Saved Despite Backups"))
        started = time.monotonic()
        assert app.flush_saves(timeout=10)
        assert time.monotonic() - started < 5
        await pilot.press("ctrl+q")
    app.shutdown()
    with Store.open(tmp_path / "data") as store:
        assert "Saved Despite Backups" in [m.name for m in store.members()]


async def test_without_ttyname_or_sighup_the_app_does_not_think_its_terminal_is_gone(tmp_path, monkeypatch):
    """Windows has neither: the terminal watch must not end the app there."""
    import signal as signal_module

    monkeypatch.delattr(os, "ttyname")
    monkeypatch.delattr(signal_module, "SIGHUP")
    app = make_demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app._watch_terminal()  # would os._exit if it judged the terminal gone
        assert app.is_running
        await pilot.press("ctrl+q")
    app.shutdown()
