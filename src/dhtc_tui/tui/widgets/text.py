"""People's text on screen: never markup, never control codes; fitted to columns."""

from __future__ import annotations

from rich.text import Text

from ...domain.text import clean_text


def escape(text: str) -> str:
    """``text`` to put inside Textual markup (a Static, Label, notification or
    option built with an f-string), shown exactly as typed.

    Use this, not ``textual.markup.escape``: that one (Textual 8.2) leaves
    ``[/]``, ``[$accent]``, ``[B]`` and ``[link=https://...]`` live, so a
    member named ``[/]`` crashes the screen. Textual reads only ``\\[`` as an
    escape (a backslash before anything else is literal), so escaping every
    ``[`` is enough. Control characters a file may hold are dropped here too.
    """
    return clean_text(text).replace("[", "\\[")


def plain(text: str, style: str = "") -> Text:
    """``text`` as a renderable that is never parsed as markup: Select and
    OptionList prompts, DataTable cells. A Rich ``Text`` rather than a Textual
    ``Content`` because Select's type-to-search skips Content prompts."""
    return Text(clean_text(text), style=style)


def cut(text: str, width: int) -> str:
    """One line of at most ``width`` characters, ending in an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 1)] + "\u2026"


def selected_key(table) -> str | None:
    """The key of the row under a DataTable's cursor, or None when it is empty."""
    if table.row_count == 0:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
