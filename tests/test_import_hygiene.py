"""The domain is plain Python: importing it pulls in no Textual, TinyDB or docx.

Each module is imported in a fresh interpreter, so one test's imports cannot
hide another module's.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import dhtc_tui.domain

FORBIDDEN = ("textual", "tinydb", "docx")
DOMAIN_MODULES = ["dhtc_tui.domain"] + sorted(
    f"dhtc_tui.domain.{info.name}" for info in pkgutil.iter_modules(dhtc_tui.domain.__path__)
)

CHECK = """
import importlib, sys
importlib.import_module(sys.argv[1])
print(" ".join(sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[2:]))))
"""


def test_every_domain_module_is_checked():
    for name in ("model", "validation", "attendance", "agenda", "membership", "voting"):
        assert f"dhtc_tui.domain.{name}" in DOMAIN_MODULES


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_imports_no_ui_storage_or_docx(module):
    done = subprocess.run(
        [sys.executable, "-c", CHECK, module, *FORBIDDEN],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"{module} imports {done.stdout.strip()}"


def test_the_check_itself_sees_a_forbidden_import():
    done = subprocess.run(
        [sys.executable, "-c", CHECK, "dhtc_tui.store.repository", *FORBIDDEN],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.split() == ["tinydb"]


# ---------------------------------------------------------------------------
# Start-up: home needs none of these, so none is imported before its first
# frame (each costs start-up time; ``make bench`` measures it). A module
# listed here is imported where it is used (an action, a screen's opening).

NOT_AT_START = (
    "docx",
    "lxml",
    "icalendar",
    "openpyxl",
    "email.headerregistry",
    "importlib.resources",
    "dhtc_tui.minutes",
    "dhtc_tui.paperwork",
    "dhtc_tui.evote",
    "dhtc_tui.seat",
    "dhtc_tui.record",
    "dhtc_tui.demo",
    "dhtc_tui.check",
    "dhtc_tui.domain.evote",
    "dhtc_tui.domain.voting",
    "dhtc_tui.domain.disclosure",
    "dhtc_tui.domain.confidentiality",
    "dhtc_tui.domain.seat",
    "dhtc_tui.tui.paperwork",
    "dhtc_tui.tui.seat",
    "dhtc_tui.tui.screens.motion",
    "dhtc_tui.tui.screens.console",
    "dhtc_tui.tui.screens.roster",
    "dhtc_tui.tui.screens.meeting_setup",
    "dhtc_tui.tui.screens.actions",
    "dhtc_tui.tui.screens.applications",
    "dhtc_tui.tui.screens.standing",
    "dhtc_tui.tui.screens.settings",
    "dhtc_tui.tui.screens.evote",
    "dhtc_tui.tui.screens.export",
    "dhtc_tui.tui.screens.help",
)

LOADED = """
import sys
def loaded(names):
    return " ".join(n for n in names if n in sys.modules or any(m.startswith(n + ".") for m in sys.modules))
"""

IMPORT_APP = LOADED + """
import dhtc_tui.cli, dhtc_tui.tui.app, dhtc_tui.tui.screens.home
print(loaded(sys.argv[1:]))
"""

# As ``dhtc-tui run`` starts (the CLI opens the store, then the app shows
# home), stopped at home's first frame.
FIRST_FRAME = LOADED + """
import asyncio
from datetime import date
from pathlib import Path

from dhtc_tui import cli

store = cli._open_store(Path(sys.argv[1]))
from dhtc_tui.tui.app import CoalitionApp

app = CoalitionApp(store, today=date.fromisoformat(sys.argv[2]))
found = []

async def main():
    async with app.run_test(size=(100, 30)) as pilot:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 60
        while not (type(app.screen).__name__ == "HomeScreen" and app.screen.query("#home-meeting")):
            assert loop.time() < deadline, f"no home screen (on {type(app.screen).__name__})"
            await pilot.pause()
        await pilot.pause()
        found.append(loaded(sys.argv[3:]))

try:
    asyncio.run(main())
finally:
    app.shutdown()
print("LOADED:" + found[0])
"""


def test_importing_the_app_and_cli_leaves_the_rest_unloaded():
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_APP, *NOT_AT_START], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [], f"imported at start: {done.stdout.strip()}"


def test_home_first_frame_leaves_the_rest_unloaded(demo_dir):
    from tests.demo_data import TODAY

    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(demo_dir), TODAY.isoformat(), *NOT_AT_START],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("LOADED:")]
    assert line.removeprefix("LOADED:").split() == [], f"imported by home's first frame: {line}"


def test_the_start_up_check_sees_a_loaded_module():
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_APP + "import dhtc_tui.minutes\nprint(loaded(sys.argv[1:]))", "dhtc_tui.minutes"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.split() == ["dhtc_tui.minutes"]
