"""Which meeting is "the previous meeting": one rule for the app and the minutes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol, TypeVar

from .model import MeetingStatus


class _Dated(Protocol):
    id: str
    date: date
    status: MeetingStatus


T = TypeVar("T", bound=_Dated)


def previous_meeting(
    meetings: Sequence[T], on: date, exclude: str | None = None, named: str | None = None
) -> T | None:
    """The meeting whose minutes a meeting held ``on`` approves.

    The one it names (``named``, from its previous-minutes record) when that
    meeting exists; else the latest meeting on or before ``on`` that took
    place (in progress or closed; a meeting only scheduled has no minutes),
    other than the meeting itself (``exclude``). ``meetings`` are refs or
    meetings in date order."""
    if named:
        found = next((m for m in meetings if m.id == named), None)
        if found is not None:
            return found
    earlier = [
        m for m in meetings if m.date <= on and m.id != exclude and m.status is not MeetingStatus.SCHEDULED
    ]
    return earlier[-1] if earlier else None
