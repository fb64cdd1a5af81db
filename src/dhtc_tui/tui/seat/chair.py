"""The chair's side of the seat: hand out the notes file, merge it back.

One key opens this from the meeting console and from the planning screen
(F12); the rules are :mod:`dhtc_tui.domain.seat`, the file I/O
:mod:`dhtc_tui.seat.files`.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from ...domain import seat as rules
from ...domain.model import Meeting
from ...seat.files import SeatFileError, read_bundle, write_bundle
from ..widgets.dialogs import ConfirmDialog


class SeatMenu(ModalScreen[tuple[str, Path] | None]):
    """Write the minute taker's notes file, or import it back."""

    DEFAULT_CSS = """
    SeatMenu { align: center middle; }
    SeatMenu > Vertical { width: 78; max-width: 100%; height: auto; padding: 0 1;
        border: thick $primary; background: $surface; }
    SeatMenu #seat-hint { color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("ctrl+s", "choose('write')", "Write notes file", priority=True),
        Binding("ctrl+r", "choose('import')", "Import notes file", priority=True),
        Binding("escape", "choose('')", "Close"),
    ]

    def __init__(self, default: Path, can_import: bool = True) -> None:
        super().__init__()
        self.default = default
        self.can_import = can_import

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]The minute taker's notes file[/b] (.dhtc)")
            yield Input(str(self.default), id="seat-path")
            keys = "Ctrl+S writes it for the minute taker"
            if self.can_import:
                keys += " \u00b7 Ctrl+R imports their file (a preview first)"
            yield Static(f"{keys} \u00b7 Esc closes", id="seat-hint", markup=False)

    def action_choose(self, what: str) -> None:
        value = self.query_one("#seat-path", Input).value.strip()
        if not what:
            self.dismiss(None)
        elif what == "import" and not self.can_import:
            self.notify("Import from the meeting console (F12 there).", severity="warning")
        elif value:
            self.dismiss((what, Path(value).expanduser()))


class SeatImportPreview(ModalScreen[list[str] | None]):
    """Item by item, what the file adds; the chair unticks what to leave out."""

    DEFAULT_CSS = """
    SeatImportPreview { align: center middle; }
    SeatImportPreview > Vertical { width: 96%; height: 96%; padding: 0 1;
        border: thick $warning; background: $surface; }
    SeatImportPreview #seat-changes { height: 1fr; min-height: 4; }
    SeatImportPreview #seat-detail { height: 1fr; background: $panel; padding: 0 1; overflow-y: auto; }
    """
    BINDINGS = [
        Binding("ctrl+s", "merge", "Merge ticked", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, changes: list[rules.SeatChange]) -> None:
        super().__init__()
        self.title_text = title
        self.changes = changes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text, style="bold"))
            yield Static("Space ticks or unticks \u00b7 Ctrl+S merges the ticked places \u00b7 Esc: nothing changes")
            yield SelectionList[str](
                *(
                    Selection(
                        Text(c.where + (" (both wrote)" if c.both_wrote else "") + (" NOT MERGED" if c.problem else "")),
                        c.key,
                        not c.problem,
                        disabled=bool(c.problem),
                    )
                    for c in self.changes
                ),
                id="seat-changes",
            )
            yield Static(id="seat-detail")

    def on_mount(self) -> None:
        self.show_detail(0)
        self.query_one("#seat-changes").focus()

    def on_selection_list_selection_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        self.show_detail(event.selection_index)

    def show_detail(self, index: int) -> None:
        if 0 <= index < len(self.changes):
            self.query_one("#seat-detail", Static).update(Text("\n".join(rules.describe(self.changes[index]))))

    def action_merge(self) -> None:
        self.dismiss(list(self.query_one("#seat-changes", SelectionList).selected))

    def action_cancel(self) -> None:
        self.dismiss(None)


def default_path(app, meeting: Meeting) -> Path:
    return Path.cwd() / rules.notes_filename(app.coalition.settings.short_name, meeting.date)


def write_notes(screen: Screen, meeting: Meeting, path: Path) -> None:
    app = screen.app

    def write(yes: bool | None = True) -> None:
        if not yes:
            return
        if not path.parent.is_dir():
            app.notify(f"The folder {path.parent} does not exist.", severity="error", markup=False)
            return
        try:
            write_bundle(path, rules.bundle_for(meeting, app.coalition.members, app.coalition.settings))
        except SeatFileError as exc:
            app.notify(str(exc), severity="error", markup=False)
            return
        app.meeting_changed(meeting)  # keeps the seat id that links the file
        app.notify(f"Wrote {path}: send it to the minute taker (dhtc-tui seat open {path.name}).", timeout=8, markup=False)

    if path.exists():
        app.push_screen(ConfirmDialog(f"{path} exists. Replace it?", yes="Replace"), write)
    else:
        write()


def import_notes(screen: Screen, meeting: Meeting, path: Path) -> None:
    app = screen.app
    try:
        bundle = read_bundle(path)
        changes = rules.preview(meeting, bundle)
    except SeatFileError as exc:
        app.notify(str(exc), severity="error", timeout=10, markup=False)
        return
    except rules.BundleError as exc:
        app.notify(f"{path.name} cannot be imported: {exc}.", severity="error", timeout=10, markup=False)
        return
    if not changes:
        app.notify("Nothing new: everything in this notes file is already merged.")
        return

    def merge(accepted: list[str] | None) -> None:
        if not accepted:
            return
        app.flush_saves()
        app.writer.submit(app.store.backup, [meeting.id])
        done = rules.merge(meeting, bundle, accepted)
        app.meeting_changed(meeting)
        if hasattr(screen, "show_item"):
            screen.show_item()  # the open item re-reads the merged text
        app.notify(f"Merged the minute taker's notes in {len(done)} place(s).", markup=False)

    title = f"Minute taker's notes for the meeting of {meeting.date.isoformat()}"
    app.push_screen(SeatImportPreview(title, changes), merge)


def seat_menu(screen: Screen, meeting: Meeting, can_import: bool = True) -> None:
    """The console's (and planning screen's) F12."""

    def chosen(result) -> None:
        if result is None:
            return
        what, path = result
        (write_notes if what == "write" else import_notes)(screen, meeting, path)

    screen.app.push_screen(SeatMenu(default_path(screen.app, meeting), can_import), chosen)


def from_planning(screen) -> None:
    """Planning screen: save the meeting first (as Ctrl+S), then write its file."""
    meeting = screen.meeting
    screen.action_save()
    if screen.app.coalition.loaded.get(meeting.id) is meeting:
        seat_menu(screen.app.screen, meeting, can_import=False)
