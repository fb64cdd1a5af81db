"""Tables that share the width there is: fixed columns keep their width,
the longest text column takes what is left (issue 14: no empty space to
the right while text is cut)."""

from __future__ import annotations

#: DataTable puts one cell of padding each side of every column.
CELL_PADDING = 2
#: Room for the vertical scrollbar, so a long table does not push columns off.
SCROLLBAR = 2


def share(total: int, fixed: list[int | float | None], minimum: int = 12) -> list[int]:
    """Widths for the columns: an int is a fixed width; a float (0-1) is
    that share of what the fixed ones leave; each ``None`` shares the rest
    equally (every flexible column at least ``minimum``)."""
    used = sum(w for w in fixed if isinstance(w, int)) + CELL_PADDING * len(fixed) + SCROLLBAR
    room = max(0, total - used)
    parts = {i: max(minimum, int(room * w)) for i, w in enumerate(fixed) if isinstance(w, float)}
    rest = room - sum(parts.values())
    flexible = fixed.count(None) or 1
    each = max(minimum, rest // flexible)
    return [w if isinstance(w, int) else parts.get(i, each) for i, w in enumerate(fixed)]


def set_columns(table, columns: list[tuple[str, int | None]], total: int | None = None) -> list[int]:
    """Replace the table's columns with ``columns`` (label, width or None),
    sized to ``total`` (default: the table's own width). Returns the widths."""
    total = total or table.size.width or table.app.size.width
    widths = share(total, [w for _, w in columns])
    table.clear(columns=True)
    for (label, _), width in zip(columns, widths):
        table.add_column(label, width=width, key=label)
    return widths
