"""Fitting people's text into narrow columns."""

from __future__ import annotations


def cut(text: str, width: int) -> str:
    """One line of at most ``width`` characters, ending in an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 1)] + "\u2026"


def selected_key(table) -> str | None:
    """The key of the row under a DataTable's cursor, or None when it is empty."""
    if table.row_count == 0:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
