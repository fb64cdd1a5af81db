"""The README's key tables and item key lists match the bindings (issue 14:
they had drifted)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding

from dhtc_tui.tui.screens.console import AgendaList, ConsoleScreen
from dhtc_tui.tui.screens.help import key_label
from dhtc_tui.tui.screens.home import HomeScreen
from dhtc_tui.tui.screens.meeting_setup import AgendaTable
from dhtc_tui.tui.widgets.items.formal import ConflictTable, PreviousMinutesActions
from dhtc_tui.tui.widgets.items.people import AttendanceTable
from dhtc_tui.tui.widgets.items.updates import ActionTable

README = Path(__file__).resolve().parents[2] / "README.md"


def labels(*classes, skip: tuple[str, ...] = ()) -> set[str]:
    keys = set()
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            key = binding.key if isinstance(binding, Binding) else binding[0]
            keys.update(key_label(k.strip()) for k in key.split(","))
    return keys - set(skip)


def section(heading: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(heading)
    end = text.find("\n#", start + len(heading))
    return text[start : end if end != -1 else None]


def first_column_keys(block: str) -> set[str]:
    keys = set()
    for line in block.splitlines():
        if not line.startswith("| ") or line.startswith("|---") or line.startswith("| key"):
            continue
        cell = line.split("|")[1]
        for token in re.split(r"\s*(?:/|,|\bor\b|\(|\))\s*", cell):
            token = token.strip().strip("`").strip()
            if token:
                keys.add(token)
    return keys


def ticked(text: str) -> set[str]:
    return set(re.findall(r"`([^`\s]+)`", text))


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("### Home", labels(HomeScreen)),
        ("### Planning a meeting", labels(AgendaTable) | {"Ctrl+S"}),
        ("### The meeting console", labels(ConsoleScreen)),
    ],
)
def test_key_tables_match_the_bindings(heading, expected):
    assert first_column_keys(section(heading)) == expected


@pytest.mark.parametrize(
    "item, classes",
    [
        ("**Attendance**", (AttendanceTable,)),
        ("**Conflicts of interest**", (ConflictTable,)),
        ("**Previous minutes**", (PreviousMinutesActions,)),
        ("**Business arising**", (ActionTable,)),
    ],
)
def test_item_key_lists_match_the_bindings(item, classes):
    text = README.read_text(encoding="utf-8")
    start = text.index(item, text.index("Every item has a notes area"))
    end = re.search(r"\n\d+\. \*\*", text[start + 1 :])
    paragraph = text[start : start + 1 + end.start()] if end else text[start:]
    expected = labels(*classes) - {"Delete", "Enter"}
    assert expected <= ticked(paragraph), expected - ticked(paragraph)
    mentioned = {k for k in ticked(paragraph) if len(k) <= 2}
    assert mentioned <= labels(*classes), mentioned - labels(*classes)


def test_sidebar_keys_are_in_the_console_table():
    row = next(line for line in section("### The meeting console").splitlines() if line.startswith("| F5"))
    for key in labels(AgendaList, skip=("Tab", "Enter", "A", "N", "P", "S", "U")):
        assert f"`{key}`" in row or key in row, key
