"""F1 / ?: every key of the screen it was opened from, plus the general ones."""

from __future__ import annotations

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
    parts = [names.get(part, part) for part in key.split("+")]
    # Only named keys are capitalised ("ctrl" -> "Ctrl"); "f" stays "f", "F" means Shift+F.
    return "+".join(p.capitalize() if len(p) > 1 and p.isalpha() and p not in names.values() else p for p in parts)


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
        seen: set[tuple[str, str]] = set()
        screen = self.for_screen
        # The screen's own keys first, then the app's, then the focused widget's.
        own = {
            key.strip()
            for b in type(screen).__dict__.get("BINDINGS", [])
            for key in (b.key if isinstance(b, Binding) else b[0]).split(",")
        }

        def rank(pair) -> int:
            key, active = pair
            if active.node is screen and active.binding.key in own:
                return 0
            if active.node is not screen and active.node is not self.app:
                return 1  # the focused widget's own keys
            return 2 if active.node is self.app else 3

        ordered = sorted(screen.active_bindings.items(), key=rank)
        for key, active in ordered:
            binding = active.binding
            if not binding.description:
                continue
            row = (key_label(binding.key_display or key), binding.description)
            if row in seen:
                continue
            seen.add(row)
            table.add_row(*row)
        table.focus()

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
