"""F1 / ?: every key of the screen it was opened from, plus the general ones."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Markdown

GENERAL = """\
**Moving around**: Tab / Shift+Tab move between fields and lists; arrow keys
move inside a list; Enter chooses; Escape goes back or cancels.
**Command palette**: Ctrl+P finds any action by name.
**Saving**: there is no save key. Every change, typed text included, is on
disk within a second. Quit with Ctrl+Q at any time; a meeting resumes where it
was.
"""


def key_label(key: str) -> str:
    names = {"question_mark": "?", "escape": "Esc", "enter": "Enter", "space": "Space",
             "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
             "plus": "+", "minus": "-", "greater_than_sign": ">", "less_than_sign": "<",
             "full_stop": ".", "comma": ","}
    if key == "plus":
        return "+"
    parts = [names.get(part, part) for part in key.split("+")]
    # Function keys are F1..F12; a letter in a chord is shown as printed on the key.
    parts = [p.upper() if re.fullmatch(r"f\d{1,2}", p) else p for p in parts]
    if len(parts) > 1 and len(parts[-1]) == 1 and parts[-1].isalpha():
        parts[-1] = parts[-1].upper()
    # Only named keys are capitalised ("ctrl" -> "Ctrl"); "f" stays "f", "F" means Shift+F.
    return "+".join(p.capitalize() if len(p) > 1 and p.isalpha() and p not in names.values() else p for p in parts)


def _ours(node, binding: Binding) -> bool:
    """Whether ``binding`` was declared by one of this app's classes (not a
    Textual widget's generic scroll and cursor keys)."""
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("dhtc_tui"):
            continue
        for declared in cls.__dict__.get("BINDINGS", []):
            key, action = (declared.key, declared.action) if isinstance(declared, Binding) else declared[:2]
            if action == binding.action and binding.key in [k.strip() for k in key.split(",")]:
                return True
    return False


#: Keys every screen has that are not bindings of their own.
ALWAYS = [("F2", "Projector theme (high contrast)"), ("Ctrl+P", "Command palette: any action by name")]


def help_rows(app, screen: Screen) -> list[tuple[str, str]]:
    """The keys of ``screen``: its own first, then the focused item's own,
    then the app's (F1, F2, Ctrl+P, Ctrl+Q), then generic list and scroll keys."""

    def rank(pair) -> int:
        _key, active = pair
        node, binding = active.node, active.binding
        if node is screen:
            return 0 if _ours(node, binding) else 4
        if node is app:
            return 2
        return 1 if _ours(node, binding) else 3

    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    entries = sorted(screen.active_bindings.items(), key=rank)
    app_at = next((i for i, pair in enumerate(entries) if rank(pair) >= 2), len(entries))
    for index, (key, active) in enumerate(entries):
        if index == app_at:
            for label, what in ALWAYS:
                if label not in seen:
                    seen.add(label)
                    rows.append((label, what))
        binding = active.binding
        if not binding.description:
            continue
        label = key_label(binding.key_display or key)
        if label in seen:
            continue
        seen.add(label)
        what = binding.description
        if binding.tooltip and binding.tooltip != what:
            what = f"{what}: {binding.tooltip}"  # the footer's word, then what it does
        rows.append((label, what))
    for label, what in ALWAYS:
        if label not in seen:
            seen.add(label)
            rows.append((label, what))
    return rows


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,q,question_mark", "dismiss", "Close help")]

    def __init__(self, for_screen: Screen) -> None:
        super().__init__()
        self.for_screen = for_screen

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(f"## Keys: {self.for_screen.__class__.__doc__.splitlines()[0] if self.for_screen.__class__.__doc__ else ''}")
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            yield Markdown(GENERAL)

    def on_mount(self) -> None:
        table = self.query_one("#help-keys", DataTable)
        table.add_columns("Key", "What it does")
        for row in help_rows(self.app, self.for_screen):
            table.add_row(*row)
        table.focus()

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
