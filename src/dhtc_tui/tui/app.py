"""The Textual app: screens, global keys, saving.

Thin by design: rules live in ``dhtc_tui.domain``, storage in
``dhtc_tui.store``; this module wires them to screens and makes sure every
change reaches the disk within a second without the typing path waiting.
"""

from __future__ import annotations

import copy
import os
import signal
import sys
import threading
from datetime import date, datetime
from typing import Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from ..domain.attendance import apply_withdrawals, meeting_year_start
from ..domain.model import ActionItem, Application, Meeting, MeetingStatus, Member, Settings
from ..domain.text import clean_text
from ..store.codec import to_doc
from ..store.repository import MeetingRef, Store
from ..store.writer import Writer
from .state import Coalition

#: A meeting change reaches the writer thread at most this long after it happens.
SAVE_DELAY = 0.5

PROJECTOR_THEME = Theme(
    name="projector",
    primary="#FFD700",
    secondary="#00E5FF",
    accent="#FFD700",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF66",
    warning="#FFD700",
    error="#FF5555",
    dark=True,
    # Hints, placeholders and muted text are solid colours here: faint grey
    # is unreadable on a projector (at least 7:1 on black, tested).
    variables={
        "text-muted": "#E6E6E6",
        "text-disabled": "#D9D9D9",
        "foreground-muted": "#E6E6E6",
        "foreground-disabled": "#D9D9D9",
        "footer-description-foreground": "#FFFFFF",
        "footer-key-foreground": "#FFD700",
        "input-cursor-background": "#FFFFFF",
    },
)

#: Toasts shown at once; older ones give way (a pile of them hides the screen).
MAX_NOTIFICATIONS = 3


class CoalitionApp(App[None]):
    TITLE = "DHTC meeting console"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("f1", "help", "Help", id="help"),
        Binding("question_mark", "help", "Help", show=False, id="help-alt"),
        Binding("f2", "toggle_projector", "Projector", show=False, id="projector"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, store: Store, today: date | None = None, clock=None) -> None:
        super().__init__()
        self.store = store
        self._today = today
        self._clock = clock
        self.coalition = Coalition.load(store)
        self.writer = Writer(store, on_error=self._write_failed, on_warning=self._backup_failed)
        self._save_timer = None
        self._dirty_meetings: dict[str, Meeting] = {}
        self._normal_theme = "textual-dark"
        self._shut_down = False
        self._terminating = False
        #: Where unsaved changes went when the data folder refused them.
        self.recovery_path = None
        #: The one line shown after a crash (details in the crash log).
        self.crash_line: str | None = None
        from .gc_settings import QuietCollector

        #: Full garbage collections wait for a pause in typing (see gc_settings),
        #: and none starts by itself while home is first drawn.
        self.collector = QuietCollector()
        self.collector.hold()

    # -- time (injectable for tests) -----------------------------------------

    def now(self) -> datetime:
        return self._clock() if self._clock else datetime.now()

    def today(self) -> date:
        return self._today or self.now().date()

    # -- lifecycle ---------------------------------------------------------

    def on_mount(self) -> None:
        self.register_theme(PROJECTOR_THEME)
        # Windows has no SIGHUP (and no os.ttyname, see _watch_terminal).
        for sig in filter(None, (signal.SIGTERM, getattr(signal, "SIGHUP", None))):
            try:
                signal.signal(sig, self._on_terminate)
            except (ValueError, OSError):  # not the main thread (tests)
                pass
        for notice in self.store.notices:
            self.notify(notice, severity="warning", timeout=10, markup=False)
        self.call_after_refresh(self._backup_on_start)
        # The first full collection (60–120 ms with a meeting's data loaded)
        # waits a moment after start-up, so it never holds up home's first frame.
        self.set_timer(self.collector.START_AFTER, self.collector.start)
        self.set_interval(self.collector.TICK, self.collector.tick)
        if not self.is_headless:
            self.set_interval(2.0, self._watch_terminal)

    async def on_event(self, event: events.Event) -> None:
        # A bracketed paste carries whatever the clipboard held (ESC ] 2 ;
        # retitles the terminal when the TextArea draws it; NUL breaks the
        # .docx): clean it once here, before any widget inserts it.
        if isinstance(event, events.InputEvent):
            self.collector.input()
        if isinstance(event, events.Paste):
            event.text = clean_text(event.text)
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.collector.stop()

    def get_default_screen(self) -> Screen:
        """Home is the first screen itself: pushing it over Textual's blank
        default screen would style, lay out and paint that one first."""
        from .screens.home import HomeScreen

        # The first start after a meeting year ends judges that year (2/3
        # rule), before home shows anyone's standing.
        self.apply_withdrawals(years=[meeting_year_start(self.today()) - 1])
        return HomeScreen()

    def _backup_on_start(self) -> None:
        active = [r.id for r in self.coalition.refs[-2:]]
        # A backup that fails (full or read-only backups folder) warns and
        # never holds up the saves queued after it.
        self.writer.submit_optional(self.store.backup, active)

    def _backup_failed(self, exc: BaseException) -> None:
        message = f"Could not make the start-up backup ({exc}); saving goes on."
        try:
            self.call_from_thread(self.notify, message, severity="warning", timeout=8, markup=False)
        except Exception:
            pass

    #: After SIGTERM/SIGHUP the process ends within this many seconds, even
    #: if the data folder is gone or the terminal cannot be restored.
    TERMINATE_GRACE = 4.0

    def _on_terminate(self, signum, frame) -> None:
        code = 128 + signum
        if self._terminating:  # a second signal: the watchdog already ends it
            return
        self._terminating = True
        threading.Thread(target=self._end_anyway, args=(code,), name="dhtc-terminate", daemon=True).start()
        if not self.flush_saves(timeout=2.0, fail_fast=True):
            self.write_recovery()
        self.exit(return_code=code)

    def _end_anyway(self, code: int) -> None:
        """Watchdog: Textual may hang restoring a terminal that no longer
        exists; nothing is left to save by now, so end the process."""
        if threading.Event().wait(self.TERMINATE_GRACE):
            return
        if self.writer.pending() and self.recovery_path is None:
            self.write_recovery()
        self._say_recovery()
        os._exit(code if self.recovery_path is None else max(code, 1))

    def write_recovery(self):
        """Put unsaved changes in a recovery file in the temp directory."""
        from ..store.crashlog import write_recovery_file

        if self.recovery_path is None:
            unsaved = self.writer.unsaved()
            for meeting_id, meeting in self._dirty_meetings.items():
                unsaved["meetings"].setdefault(meeting_id, to_doc(meeting))
            self.recovery_path = write_recovery_file(unsaved) or "nowhere (the temporary folder refused it too)"
        return self.recovery_path

    def _say_recovery(self) -> None:
        if self.recovery_path is None:
            return
        try:
            print(
                f"dhtc-tui: changes could not be saved in {self.store.data_dir}; "
                f"they were written to {self.recovery_path}",
                file=sys.__stderr__,
                flush=True,
            )
        except (OSError, ValueError, AttributeError):
            pass

    def _watch_terminal(self) -> None:
        """A closed terminal window does not always send SIGHUP (e.g. under
        make): when the terminal is gone, save everything and leave."""
        if not hasattr(os, "ttyname"):  # Windows: no way to tell; never guess "gone"
            return
        try:
            os.ttyname(sys.__stdin__.fileno())
            return
        except (OSError, AttributeError, ValueError):
            pass
        self.shutdown()
        # Textual cannot restore a terminal that no longer exists; the data
        # is on disk (or in the recovery file) and the directory unlocked.
        os._exit(0 if self.recovery_path is None else 1)

    def shutdown(self) -> None:
        """Flush every pending change and release the data directory.

        Never waits long on a failing disk: what cannot be written goes to a
        recovery file.
        """
        if self._shut_down:
            return
        self._shut_down = True
        saved = self.flush_saves(timeout=5.0, fail_fast=True)
        if not saved and (self.writer.pending() or self._dirty_meetings):
            self.write_recovery()
        self.writer.close(timeout=10.0 if saved else 1.0, fail_fast=True)
        try:
            self.store.close()
        except OSError:
            pass

    async def action_quit(self) -> None:
        if self.flush_saves(timeout=2.0, fail_fast=True) or not self.writer.pending():
            self.exit()
            return
        self._ask_before_losing()

    def _ask_before_losing(self) -> None:
        """Quit with changes the disk refuses: say so and keep retrying
        (the writer retries every second) while the chair decides."""
        from .widgets.dialogs import ConfirmDialog

        error = self.writer.failed
        dialog = ConfirmDialog(
            f"Your latest changes cannot be saved ({error}). dhtc-tui keeps trying every second "
            "and quits by itself once they are saved. Free some space, or give up: the unsaved "
            "text then goes to a recovery file in the temporary folder.",
            yes="Give up and quit",
            no="Keep trying",
        )

        def saved_meanwhile() -> None:
            if not self.writer.pending() and self.writer.failed is None:
                timer.stop()
                if self.screen is dialog:
                    dialog.dismiss(False)
                self.exit()

        def answered(give_up: bool | None) -> None:
            if give_up:
                timer.stop()
                self.write_recovery()
                self.exit(return_code=1)

        timer = self.set_interval(1.0, saved_meanwhile)
        self.push_screen(dialog, answered)

    def _handle_exception(self, error: Exception) -> None:
        """Crash: one line on the terminal, the traceback (never the local
        variables Textual prints: they hold meeting text) in the crash log."""
        from rich.text import Text

        from ..store.crashlog import format_error, write_crash_log
        from ..store.errors import StoreError

        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        log = write_crash_log(self.store.data_dir, format_error(error))
        if isinstance(error, StoreError):
            line = f"dhtc-tui: {error}"
        else:
            line = f"dhtc-tui: stopped on an unexpected error ({type(error).__name__})."
        if log is not None:
            line += f" Details: {log}"
        self.crash_line = line
        self._exit_renderables.append(Text(line))
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        # Plain print: the console would wrap the crash line at its width.
        if self.crash_line is not None:
            self._exit_renderables.clear()
            try:
                print(self.crash_line, file=sys.__stderr__, flush=True)
            except (OSError, ValueError, AttributeError):
                pass
            return
        super()._print_error_renderables()

    # -- saving ------------------------------------------------------------

    def meeting_changed(self, meeting: Meeting) -> None:
        """Call after any change to a meeting; it is on disk within a second."""
        self._dirty_meetings[meeting.id] = meeting
        self.coalition.loaded[meeting.id] = meeting
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY, self._send_meetings)

    def _send_meetings(self) -> None:
        self._save_timer = None
        dirty, self._dirty_meetings = self._dirty_meetings, {}
        for meeting in dirty.values():
            ref = MeetingRef.of(meeting)
            self.coalition.upsert_ref(ref)
            self.writer.save_meeting(meeting.id, to_doc(meeting), ref)

    def flush_saves(self, timeout: float = 10.0, fail_fast: bool = False) -> bool:
        """Write everything now (quit, signals, export)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._send_meetings()
        return self.writer.flush(timeout, fail_fast)

    def save_member(self, member: Member) -> None:
        members = self.coalition.members
        if not any(m is member for m in members):
            members.append(member)
        self.writer.submit(self.store.save_member, copy.deepcopy(member))

    def save_action(self, item: ActionItem) -> None:
        if not any(a is item for a in self.coalition.actions):
            self.coalition.actions.append(item)
        self.writer.submit(self.store.save_action_item, copy.deepcopy(item))

    def save_application(self, application: Application) -> None:
        if not any(a is application for a in self.coalition.applications):
            self.coalition.applications.append(application)
        self.writer.submit(self.store.save_application, copy.deepcopy(application))

    def save_settings(self, settings: Settings | None = None) -> None:
        if settings is not None:
            self.coalition.settings = settings
        self.writer.submit(self.store.save_settings, copy.deepcopy(self.coalition.settings))

    def apply_withdrawals(self, years: Iterable[int] | None = None) -> list[Member]:
        """Withdraw, and save, the members the 2/3 attendance rule withdraws
        today (``years``: the meeting years judged; default the current one
        and the one before). Called when a meeting closes and at start-up."""
        data = self.coalition
        today = self.today()
        current = meeting_year_start(today)
        judged = sorted(set(years)) if years is not None else [current - 1, current]
        refs = [
            r for r in data.refs
            if meeting_year_start(r.date) in judged
            and (r.status is MeetingStatus.CLOSED or meeting_year_start(r.date) == current)
        ]
        if not refs:
            return []
        meetings = [data.meeting(self.store, r.id) for r in refs]
        changed = apply_withdrawals(
            data.members, meetings, data.settings.meetings_per_year, as_of=today, years=judged
        )
        for member in changed:
            self.save_member(member)
        return changed

    def _write_failed(self, exc: BaseException) -> None:
        message = f"Could not save ({exc}). Your changes are kept in memory and retried."
        try:
            self.call_from_thread(self.notify, message, severity="error", timeout=8, markup=False)
        except Exception:  # the app is closing: the writer must live on to retry
            pass

    # -- actions -----------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_toggle_projector(self) -> None:
        if self.theme == PROJECTOR_THEME.name:
            self.theme = self._normal_theme
            self.notify("Normal theme")
        else:
            self._normal_theme = self.theme
            self.theme = PROJECTOR_THEME.name
            self.notify("Projector theme: high contrast")

    def action_roster(self) -> None:
        from .screens.roster import RosterScreen

        self.push_screen(RosterScreen())

    def _on_notify(self, event) -> None:
        # Textual's own handler, plus a cap; not chained with super() (the
        # base handler would run twice).
        self._notifications.add(event.notification)
        shown = list(self._notifications)
        for old in shown[: max(0, len(shown) - MAX_NOTIFICATIONS)]:
            self._unnotify(old, refresh=False)
        self._refresh_notifications()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's "Keys" panel would be a second help entry beside ours.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")
        yield SystemCommand("Help: keys", "Every key on this screen", self.action_help)
        yield SystemCommand("Projector theme", "Toggle high contrast for a projected screen", self.action_toggle_projector)
        yield SystemCommand("Roster", "Members, contacts and representatives", self.action_roster)
        for command in getattr(screen, "palette_commands", lambda: [])():
            yield command
