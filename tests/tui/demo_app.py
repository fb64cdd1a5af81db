"""The app on a fresh demo coalition, as the screen tests build it."""

from __future__ import annotations

from datetime import date

from dhtc_tui.demo import build_demo
from dhtc_tui.store.repository import Store
from dhtc_tui.tui.app import CoalitionApp

TODAY = date(2026, 11, 29)


def make_demo_app(tmp_path, **options) -> CoalitionApp:
    """Never start run_test here (a test body does): only build store and app."""
    store = Store.open(tmp_path / "data")
    build_demo(store, TODAY)
    return CoalitionApp(store, today=TODAY, **options)


def reopen(tmp_path) -> Store:
    """The same data directory, read fresh (close the app's store first)."""
    return Store.open(tmp_path / "data")
