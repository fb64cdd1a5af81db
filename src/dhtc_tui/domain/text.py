"""Dates and times as the coalition writes them (Canadian style)."""

from __future__ import annotations

from datetime import date, time


def long_date(day: date | None) -> str:
    """Thursday, September 17, 2026"""
    if day is None:
        return "date to be set"
    return f"{day:%A, %B} {day.day}, {day.year}"


def short_date(day: date | None) -> str:
    """Sep 17, 2026"""
    if day is None:
        return "\u2014"
    return f"{day:%b} {day.day}, {day.year}"


def clock(at: time | None) -> str:
    """9:31 a.m. / 12:05 p.m."""
    if at is None:
        return "time to be set"
    hour = at.hour % 12 or 12
    suffix = "a.m." if at.hour < 12 else "p.m."
    return f"{hour}:{at.minute:02d} {suffix}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"
