"""Tables that share the width there is: fixed columns keep their width,
the longest text column takes what is left (issue 14: no empty space to
the right while text is cut)."""

from __future__ import annotations

#: DataTable puts one cell of padding each side of every column.
CELL_PADDING = 2
#: Room for the vertical scrollbar, so a long table does not push columns off.
SCROLLBAR = 2


def share(total: int, fixed: list[int | None], minimum: int = 12) -> list[int]:
    """Widths for the columns: each ``None`` shares what the fixed ones
    leave (at least ``minimum``)."""
    flexible = fixed.count(None) or 1
    used = sum(w for w in fixed if w is not None) + CELL_PADDING * len(fixed) + SCROLLBAR
    each = max(minimum, (total - used) // flexible)
    return [each if w is None else w for w in fixed]


def set_columns(table, columns: list[tuple[str, int | None]], total: int | None = None) -> list[int]:
    """Replace the table's columns with ``columns`` (label, width or None),
    sized to ``total`` (default: the table's own width). Returns the widths."""
    total = total or table.size.width or table.app.size.width
    widths = share(total, [w for _, w in columns])
    table.clear(columns=True)
    for (label, _), width in zip(columns, widths):
        table.add_column(label, width=width, key=label)
    return widths
