"""Tables that share the width there is: fixed columns keep their width,
the longest text column takes what is left (issue 14: no empty space to
the right while text is cut)."""

from __future__ import annotations

from dataclasses import dataclass

#: DataTable puts one cell of padding each side of every column.
CELL_PADDING = 2
#: Room for the vertical scrollbar, so a long table does not push columns off.
SCROLLBAR = 2


@dataclass(frozen=True)
class Fit:
    """A column as wide as its longest text, but no wider than ``most`` (0-1)
    of the room the fixed columns leave and no narrower than ``least``: a
    second text column that must not starve the one taking the rest."""

    longest: int
    most: float
    least: int = 8

    @classmethod
    def of(cls, texts, most: float, least: int = 8, label: str = "") -> "Fit":
        """The longest of ``texts`` (and the column's ``label``), as ``cut`` shows them."""
        longest = max((len(" ".join(str(t).split())) for t in texts), default=0)
        return cls(max(longest, len(label)), most, least)


Width = int | float | Fit | None


def share(total: int, fixed: list[Width], minimum: int = 12) -> list[int]:
    """Widths for the columns: an int is a fixed width; a float (0-1) is
    that share of what the fixed ones leave; a ``Fit`` is its text's width
    up to its share; each ``None`` shares the rest equally (every flexible
    column at least ``minimum``)."""
    used = sum(w for w in fixed if isinstance(w, int)) + CELL_PADDING * len(fixed) + SCROLLBAR
    room = max(0, total - used)
    parts: dict[int, int] = {}
    for i, w in enumerate(fixed):
        if isinstance(w, float):
            parts[i] = max(minimum, int(room * w))
        elif isinstance(w, Fit):
            parts[i] = max(w.least, min(w.longest, int(room * w.most)))
    rest = room - sum(parts.values())
    flexible = fixed.count(None) or 1
    each = max(minimum, rest // flexible)
    return [w if isinstance(w, int) else parts.get(i, each) for i, w in enumerate(fixed)]


def set_columns(table, columns: list[tuple[str, Width]], total: int | None = None, minimum: int = 12) -> list[int]:
    """Replace the table's columns with ``columns`` (label, width spec as
    for ``share``), sized to ``total`` (default: the table's own width).
    Returns the widths; the rows are gone, for the caller to add again."""
    total = total or table.size.width or table.app.size.width
    widths = share(total, [w for _, w in columns], minimum)
    table._shared_for = total
    table.clear(columns=True)
    for (label, _), width in zip(columns, widths):
        table.add_column(label, width=width, key=label)
    return widths


def needs_sharing(table) -> bool:
    """Whether the table's width changed since ``set_columns`` last sized it
    to that width (a table calls this on resize: the sidebar hiding, the
    terminal growing)."""
    return table.size.width > 0 and table.size.width != getattr(table, "_shared_for", None)
