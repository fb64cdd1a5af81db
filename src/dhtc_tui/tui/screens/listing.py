"""What the between-meeting list screens share: one table, kept fresh."""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from ..widgets.text import selected_key


class ListScreen(Screen):
    """A screen around one DataTable (``TABLE_ID``) and a ``reload(keep=)``.

    The table is rebuilt when the terminal is resized (columns fit the width)
    and when the screen comes back (the console or another screen may have
    changed the records); the cursor stays on the same record.
    """

    TABLE_ID = ""

    def reload(self, keep: str | None = None) -> None:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.reload()
        self.query_one(f"#{self.TABLE_ID}", DataTable).focus()

    def on_resize(self) -> None:
        self.reload(keep=self.selected_id())

    def on_screen_resume(self) -> None:
        self.reload(keep=self.selected_id())

    @staticmethod
    def restore_cursor(table: DataTable, keep: str | None, row: int) -> None:
        """After a rebuild: back on record ``keep`` if it is still shown,
        else on the same row number (clamped to the table)."""
        if not table.row_count:
            return
        try:
            index = table.get_row_index(keep) if keep is not None else None
        except RowDoesNotExist:
            index = None
        table.move_cursor(row=index if index is not None else min(max(row, 0), table.row_count - 1))

    def selected_id(self) -> str | None:
        try:
            return selected_key(self.query_one(f"#{self.TABLE_ID}", DataTable))
        except NoMatches:  # asked before the table is mounted
            return None

    def action_back(self) -> None:
        self.app.pop_screen()
