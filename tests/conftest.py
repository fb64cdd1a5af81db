"""Fixtures shared by every test package. Keep this small and generic."""

from __future__ import annotations

from datetime import date

import pytest

#: The day the demo coalition is built for in tests (a Sunday in the 2026-27 meeting year).
TODAY = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _no_user_data_dir(monkeypatch, tmp_path_factory):
    """No test may touch the real user data directory by accident."""
    monkeypatch.setenv("DHTC_DATA_DIR", str(tmp_path_factory.mktemp("default-data-dir")))


@pytest.fixture
def demo_store(tmp_path):
    """An open Store in ``tmp_path / "data"`` holding the demo coalition for TODAY."""
    from dhtc_tui.demo import build_demo
    from dhtc_tui.store.repository import Store

    store = Store.open(tmp_path / "data")
    build_demo(store, TODAY)
    yield store
    store.close()
