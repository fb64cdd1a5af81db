"""The seat console: the main console's screen and panels on one notes file.

No coalition store is opened: the file is the whole world. Every change is
written to it (atomic replace + fsync, the store's own function) on the
store's single writer thread, within a second of the keystroke.
"""

from __future__ import annotations

import signal
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ...domain import seat as rules
from ...domain.model import Meeting
from ...seat.files import SeatFileError, remove_own_temp_files, to_bytes
from ...store.storage import FILE_MODE, atomic_write_bytes
from ...store.writer import Writer
from ..app import PROJECTOR_THEME, SAVE_DELAY
from ..state import Coalition


def _write(path: Path, payload: bytes) -> None:
    atomic_write_bytes(path, payload)
    path.chmod(FILE_MODE)


class SeatApp(App[None]):
    TITLE = "DHTC minute taker's seat"
    CSS_PATH = str(Path(__file__).resolve().parent.parent / "app.tcss")
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("f1", "help", "Help", id="help"),
        Binding("f2", "toggle_projector", "Projector", show=False, id="projector"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, path: Path, bundle: rules.SeatBundle, clock=None) -> None:
        super().__init__()
        self.path = Path(path)
        self.bundle = bundle
        self._clock = clock
        self.coalition = Coalition(
            settings=rules.seat_settings(bundle),
            members=rules.seat_members(bundle),
            actions=[],
            applications=[],
            refs=[],
        )
        self.meeting = rules.seat_meeting(bundle)
        # The store's writer thread, used for its ordered queue alone (no store).
        self.writer = Writer(None, on_error=self._write_failed)
        self._save_timer = None
        self._dirty = False
        self._shut_down = False
        self._normal_theme = "textual-dark"

    def now(self) -> datetime:
        return self._clock() if self._clock else datetime.now()

    def today(self) -> date:
        return self.now().date()

    def on_mount(self) -> None:
        from .screen import SeatScreen

        self.register_theme(PROJECTOR_THEME)
        remove_own_temp_files(self.path)
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                signal.signal(sig, self._on_terminate)
            except (ValueError, OSError):  # not the main thread (tests)
                pass
        self.push_screen(SeatScreen(self.meeting))

    def _on_terminate(self, signum, frame) -> None:
        self.flush_saves()
        self.exit()

    # -- saving ------------------------------------------------------------

    def meeting_changed(self, meeting: Meeting) -> None:
        self._dirty = True
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY, self._send)

    def current_bundle(self) -> rules.SeatBundle:
        self.bundle.notes = rules.capture(self.meeting)
        self.bundle.saved_at = self.now().replace(microsecond=0)
        return self.bundle

    def _send(self) -> None:
        self._save_timer = None
        if not self._dirty:
            return
        self._dirty = False
        self.writer.submit(_write, self.path, to_bytes(self.current_bundle()))

    def flush_saves(self, timeout: float = 10.0) -> bool:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self._send()
        return self.writer.flush(timeout)

    def shutdown(self) -> None:
        if self._shut_down:
            return
        self._shut_down = True
        self.flush_saves()
        self.writer.close()

    async def action_quit(self) -> None:
        self.flush_saves()
        self.exit()

    def _write_failed(self, exc: BaseException) -> None:
        message = f"Could not save the notes file ({exc}). Your notes are kept in memory and retried."
        try:
            self.call_from_thread(self.notify, message, severity="error", timeout=8)
        except RuntimeError:
            pass

    # -- the e-mail draft -----------------------------------------------------

    def write_email(self, to: str = "") -> Path:
        """Save, then write the .eml beside the file (SeatFileError if the
        export check blocks it)."""
        from ...seat.files import write_email_draft

        self.flush_saves()
        return write_email_draft(self.path, self.current_bundle(), to)

    # -- actions -----------------------------------------------------------

    def action_help(self) -> None:
        from ..screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_projector(self) -> None:
        if self.theme == PROJECTOR_THEME.name:
            self.theme = self._normal_theme
        else:
            self._normal_theme = self.theme
            self.theme = PROJECTOR_THEME.name

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: keys", "Every key on this screen", self.action_help)
        for command in getattr(screen, "palette_commands", lambda: [])():
            yield command


__all__ = ["SeatApp", "SeatFileError"]
