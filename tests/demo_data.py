"""The demo coalition on disk, built once per test process and copied per test.

Building the demo store costs about half a second; copying its folder costs a
few milliseconds. Every test gets its own copy, so no test sees another's
changes. Without a textual import, so domain and store tests stay light.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from datetime import date
from pathlib import Path

#: The day the demo coalition is built for in tests (a Sunday in the 2026-27 meeting year).
TODAY = date(2026, 11, 29)


@functools.cache
def demo_template() -> Path:
    """A closed demo data directory, never handed to a test itself."""
    from dhtc_tui.demo import build_demo
    from dhtc_tui.store.repository import Store

    root = Path(tempfile.mkdtemp(prefix="dhtc-demo-template-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    path = root / "data"
    store = Store.open(path)
    try:
        build_demo(store, TODAY)
    finally:
        store.close()
    return path


def copy_demo(target: Path) -> Path:
    """A private copy of the demo data directory at ``target`` (which must not exist)."""
    shutil.copytree(demo_template(), target, ignore=shutil.ignore_patterns(".lock"))
    return target
