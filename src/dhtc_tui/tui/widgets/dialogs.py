"""Small modal dialogs shared by screens: confirm, ask for a line of text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class ConfirmDialog(ModalScreen[bool]):
    """Yes/no before anything that changes or could lose data."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical {
        width: 64; max-width: 95%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    ConfirmDialog #confirm-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmDialog Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", variant="warning", id="confirm-yes")
                yield Button(f"{self.no} (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TextPrompt(ModalScreen[str | None]):
    """One line of text (a reason, a name); Enter accepts, Escape cancels.

    ``check`` may raise ValueError with a message shown under the input;
    the dialog then stays open and nothing is lost.
    """

    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical {
        width: 70; max-width: 95%; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    TextPrompt #prompt-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = "", check=None) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static("", id="prompt-error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if self.check is not None:
            try:
                self.check(value)
            except ValueError as exc:
                self.query_one("#prompt-error", Static).update(str(exc))
                return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def form_values(screen) -> dict[str, object]:
    """What a form's fields hold now, to tell whether anything was typed."""
    from textual.widgets import Checkbox, Select, SelectionList, TextArea

    values: dict[str, object] = {}
    for widget in screen.query("Input, TextArea, Select, Checkbox, SelectionList"):
        if isinstance(widget, TextArea):
            values[widget.id] = widget.text
        elif isinstance(widget, SelectionList):
            values[widget.id] = tuple(widget.selected)
        elif isinstance(widget, (Input, Select, Checkbox)):
            values[widget.id] = widget.value
    return values


class DiscardGuard:
    """Mixin for forms: Escape asks before throwing away what was typed.

    Call ``self.remember_values()`` once the form is mounted; ``discard()``
    runs ``leave`` at once when nothing changed, else after a confirmation.
    """

    _initial_values: dict[str, object] | None = None

    def remember_values(self) -> None:
        self._initial_values = form_values(self)

    def has_changes(self) -> bool:
        return self._initial_values is not None and form_values(self) != self._initial_values

    def discard(self, leave) -> None:
        if not self.has_changes():
            leave()
            return

        def answer(yes: bool | None) -> None:
            if yes:
                leave()

        self.app.push_screen(ConfirmDialog("Discard what you typed in this form?", yes="Discard", no="Keep editing"), answer)


def field(label: str, widget) -> Horizontal:
    """A form row: a short label, then the input (compact, one line high)."""
    if hasattr(widget, "compact"):
        widget.compact = True
    return Horizontal(Label(label, markup=False), widget, classes="field")
