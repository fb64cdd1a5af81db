"""Fitting people's text into narrow columns."""

from __future__ import annotations


def cut(text: str, width: int) -> str:
    """One line of at most ``width`` characters, ending in an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 1)] + "\u2026"
