"""The chair's paperwork from the app: agenda (`g`), reminders (`r`),
letters (`l`), roster import (`i`).

The documents are written off the interface thread, from a copy of the
app's memory (:class:`AppRecords`: the store's reading calls, nothing else),
so the worker never touches the store; what a letter records (the member's
history, a removal notice's date) is put back on the interface thread and
saved the app's usual way.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..domain.model import Member
from .screens.export import export_dir


class AppRecords:
    """Store-like reads over a deep copy of the app's data; saves are kept
    for :func:`apply` to put back on the interface thread."""

    def __init__(self, app) -> None:
        data = app.coalition
        self._settings = copy.deepcopy(data.settings)
        self._members = copy.deepcopy(data.members)
        self._actions = copy.deepcopy(data.actions)
        self._applications = copy.deepcopy(data.applications)
        self._refs = list(data.refs)
        self._meetings = {r.id: copy.deepcopy(data.meeting(app.store, r.id)) for r in self._refs}
        # Decisions between meetings, for the minutes' business arising (as
        # the app's own export reads them).
        self._evotes = copy.deepcopy(app.store.evotes())
        self.saved_members: dict[str, Member] = {}
        self.saved_meetings: dict[str, object] = {}

    def settings(self):
        return self._settings

    def members(self):
        return self._members

    def action_items(self):
        return self._actions

    def applications(self):
        return self._applications

    def meetings(self):
        return list(self._refs)

    def evotes(self):
        return self._evotes

    def load_meeting(self, meeting_id: str):
        return self._meetings[meeting_id]

    def save_member(self, member: Member) -> None:
        self.saved_members[member.id] = member

    def save_meeting(self, meeting) -> None:
        self.saved_meetings[meeting.id] = meeting


def apply(app, records: AppRecords) -> None:
    """What a letter recorded, onto the app's own objects, then saved."""
    data = app.coalition
    for saved in records.saved_members.values():
        live = data.member(saved.id)
        if live is not None:
            live.letters = copy.deepcopy(saved.letters)
            app.save_member(live)
    for saved in records.saved_meetings.values():
        live = data.meeting(app.store, saved.id)
        for motion in saved.motions:
            target = live.motion(motion.id)
            if target is not None and motion.removal is not None:
                target.removal = copy.deepcopy(motion.removal)
                target.events = copy.deepcopy(motion.events)
        app.meeting_changed(live)


def run_paper(screen, job: Callable[[AppRecords, bool], list[str]], force: bool = False) -> None:
    """Run ``job(records, force)`` in a worker; an existing file asks before
    it is replaced; the lines it returns are shown."""
    from ..domain.disclosure import DisclosureRefused
    from ..minutes.errors import MinutesError
    from ..paperwork.letters import LetterError
    from ..paperwork.roster_io import RosterFileError
    from ..paths import TemplateError
    from ..record import RecordError
    from .widgets.dialogs import ConfirmDialog

    app = screen.app
    app.flush_saves()
    records = AppRecords(app)

    def ask(message: str) -> None:
        def answer(yes: bool | None) -> None:
            if yes:
                run_paper(screen, job, force=True)

        app.push_screen(ConfirmDialog(f"{message.split(' Use --force')[0]} Replace?", yes="Replace", no="Keep"), answer)

    def done(lines: list[str]) -> None:
        apply(app, records)
        app.notify("\n".join(lines), timeout=15, markup=False)

    def work() -> None:
        try:
            lines = job(records, force)
        except MinutesError as exc:
            if "already exists" in str(exc) and not force:
                app.call_from_thread(ask, str(exc))
            else:
                app.call_from_thread(app.notify, str(exc), severity="error", timeout=10, markup=False)
            return
        except (RecordError, LetterError, DisclosureRefused, TemplateError, RosterFileError, OSError) as exc:
            app.call_from_thread(app.notify, str(exc), severity="error", timeout=10, markup=False)
            return
        except Exception as exc:  # a bug must still say that nothing was written
            app.call_from_thread(
                app.notify, f"Nothing was written: {type(exc).__name__}: {exc}", severity="error", timeout=10, markup=False
            )
            return
        app.call_from_thread(done, lines)

    app.run_worker(work, thread=True, group="paperwork", exit_on_error=False)


def _report(paths, notes) -> list[str]:
    return [f"Wrote {Path(p).name}" for p in paths] + [f"Note: {n}" for n in notes] + [f"in {export_dir()}."]


def first_run_text(data) -> Content:
    """Home with an empty store: the three ways in."""
    return Content.from_markup(
        "[b]No members yet.[/b] Three ways to start:\n"
        "  [b]i[/b]  import the roster from a spreadsheet (.xlsx or .csv; a preview comes first)\n"
        "  [b]m[/b] then [b]a[/b]  add members one by one\n"
        "  or try the demo in a separate folder:  dhtc-tui demo --data-dir ~/dhtc-demo"
    )


def write_agenda(screen, selector: str = "next") -> None:
    from ..paperwork.agenda import write_agenda as write

    today = screen.app.today()

    def job(records, force):
        report = write(records, selector, export_dir(), force, today=today)
        return _report(report.paths, report.notes) + ["Open the .eml in your mail client to send it."]

    run_paper(screen, job)


def write_reminders(screen) -> None:
    from ..paperwork.reminders import write_reminders as write

    today = screen.app.today()

    def job(records, force):
        report = write(records, export_dir(), force, today=today)
        return report.lines + _report(report.paths, [])

    run_paper(screen, job)


def write_letter(screen, kind: str, member: Member | None) -> None:
    from ..paperwork.letters import write_letter as write

    if member is None:
        screen.notify("Choose a member first.", severity="warning")
        return
    today = screen.app.today()

    def job(records, force):
        report = write(records, kind, member.id if kind != "application-decision" else member.name, None, None, export_dir(), force, today=today)
        return _report(report.paths, report.notes)

    run_paper(screen, job)


def motion_letter(screen, motion) -> None:
    """From a removal motion: the notice before the vote, the outcome after."""
    from ..domain.model import MotionKind, MotionState

    if motion is None or motion.kind is not MotionKind.REMOVAL:
        screen.notify("Letters from a motion are for removal motions; other letters are on the roster (l).", severity="warning")
        return
    decided = motion.state in (MotionState.CARRIED, MotionState.DEFEATED)
    member = screen.app.coalition.member(motion.subject_member_id)
    write_letter(screen, "removal-outcome" if decided else "removal-notice", member)


class LetterChooser(ModalScreen[str | None]):
    """Which letter to write to the member."""

    DEFAULT_CSS = """
    LetterChooser { align: center middle; }
    LetterChooser > VerticalScroll { width: 70; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2; }
    """
    BINDINGS = [
        Binding("1", "choose('removal-notice')", "Removal notice"),
        Binding("2", "choose('removal-outcome')", "Removal outcome"),
        Binding("3", "choose('withdrawal')", "Withdrawal"),
        Binding("4", "choose('application-decision')", "Application decision"),
        Binding("escape", "choose('')", "Cancel"),
    ]

    def __init__(self, member: Member) -> None:
        super().__init__()
        self.member = member

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(
                Content.assemble(
                    ("Write a letter to ", ""),
                    (self.member.name, "bold"),
                    "\n\n1  notice of a removal vote (before it)\n2  outcome of a removal vote (after it)\n"
                    "3  withdrawal under the 2/3 attendance rule\n4  membership application decision\n\nEsc  cancel\n\n"
                    f"The .docx (and an .eml draft if the member has an address) goes to {export_dir()}.",
                )
            )

    def action_choose(self, value: str) -> None:
        self.dismiss(value or None)


def choose_letter(screen, member: Member | None) -> None:
    if member is None:
        screen.notify("Choose a member first.", severity="warning")
        return

    def chosen(kind: str | None) -> None:
        if kind:
            write_letter(screen, kind, member)

    screen.app.push_screen(LetterChooser(member), chosen)


# --------------------------------------------------------------------------
# Roster import with a preview


def import_roster(screen, after: Callable[[], None] | None = None) -> None:
    """Ask for the file, show what would change, import on confirmation."""
    from ..domain.roster import plan_import
    from ..paperwork.roster_io import RosterFileError, describe, read_rows
    from .widgets.dialogs import ConfirmDialog, TextPrompt

    app = screen.app

    def got(path_text: str | None) -> None:
        if not path_text or not path_text.strip():
            return
        path = Path(path_text.strip()).expanduser()
        try:
            rows = read_rows(path)
        except RosterFileError as exc:
            screen.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        plan = plan_import(rows, app.coalition.members)
        lines = describe(plan, dry_run=True)
        if plan.errors or not plan.to_save:
            screen.notify("\n".join(lines[:12]), severity="error" if plan.errors else "information", timeout=15, markup=False)
            return

        def confirm(yes: bool | None) -> None:
            if not yes:
                return
            for member in plan.to_save:
                live = app.coalition.member(member.id)
                if live is not None:
                    live.__dict__.update(copy.deepcopy(member).__dict__)
                    app.save_member(live)
                else:
                    app.save_member(member)
            screen.notify(f"Imported: {plan.summary()}.", markup=False)
            if after is not None:
                after()

        preview = "\n".join(lines[:15]) + ("\n\u2026" if len(lines) > 15 else "")
        app.push_screen(ConfirmDialog(f"{preview}\n\nImport these?", yes="Import", no="Cancel"), confirm)

    def check(value: str) -> None:
        path = Path(value).expanduser()
        if not path.is_file():
            raise ValueError(f"{path} is not a file.")
        if path.suffix.lower() not in (".xlsx", ".xlsm", ".csv"):
            raise ValueError("Give a .xlsx or .csv file.")

    app.push_screen(
        TextPrompt("Spreadsheet to import (.xlsx or .csv), its path:", placeholder="~/Documents/members.xlsx", check=check),
        got,
    )
