"""A demo coalition with its next meeting planned, as `dhtc-tui demo` writes it."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY


@pytest.fixture
def planned(tmp_path):
    """(data directory, next meeting id): the demo with its next meeting planned."""
    from dhtc_tui.demo import build_demo
    from dhtc_tui.domain.model import MeetingStatus
    from dhtc_tui.store.repository import Store

    data = tmp_path / "data"
    with Store.open(data) as store:
        build_demo(store, TODAY, plan_next=True)
        ref = next(r for r in store.meetings() if r.status is MeetingStatus.SCHEDULED)
    return data, ref.id
