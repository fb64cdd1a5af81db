"""Decisions between meetings (home: ``v``): list, open a decision, record
answers by hand with a live tally, a one-key reminder, close.

The rules are in domain/evote.py and the e-mails in evote/mail.py; this
screen only gathers keys and shows state. Files go where minutes go
(export_dir: $DHTC_EXPORT_DIR, else the folder the app started in).
"""

from __future__ import annotations

import copy
from datetime import date, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Header, Input, Label, Select, Static

from ..widgets.footer import StableFooter
from ...domain import evote as rules
from ...domain.evote import Choice, EVote, EVoteError, EVoteKind, Mode
from ...evote import mail
from ..widgets.text import cut, selected_key
from .export import export_dir
from .listing import ListScreen


def _save(app, vote: EVote) -> None:
    app.writer.submit(app.store.save_evote, copy.deepcopy(vote))


def _write(screen, message, name: str) -> str | None:
    try:
        path = mail.write(message, export_dir() / name)
    except EVoteError as exc:
        screen.notify(str(exc), severity="error", markup=False, timeout=10)
        return None
    return str(path)


class EVotesScreen(ListScreen):
    """Decisions between meetings"""

    TABLE_ID = "evotes-table"
    BINDINGS = [
        Binding("enter", "open_vote", "Open"),
        Binding("n", "new_vote", "New e-vote"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.votes: list[EVote] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Decisions between meetings: Enter opens one, n opens a new e-vote "
            "(minutes by e-mail: dhtc-tui evote minutes).",
            id="evotes-help",
        )
        yield DataTable(id="evotes-table", cursor_type="row")
        yield StableFooter()

    def on_mount(self) -> None:
        from ...store.errors import StoreError

        self.app.flush_saves()
        try:
            self.votes = self.app.store.evotes()
        except StoreError as exc:
            # A damaged record: say which file, keep the app running, change nothing.
            self.notify(str(exc), severity="error", markup=False, timeout=15)
            self.votes = []
        super().on_mount()

    def reload(self, keep: str | None = None) -> None:
        table = self.query_one("#evotes-table", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns("No.", "Kind", "State", "Deadline", "Count", "Motion")
        members = self.app.coalition.members
        for vote in self.votes:
            kind = "minutes" if vote.kind is EVoteKind.MINUTES else f"{vote.kind}, {vote.mode}"
            state = str(vote.state)
            first = rules.status_lines(vote, members)[0]
            table.add_row(
                str(vote.number), kind, state, vote.deadline.isoformat(),
                Text(first.split(";")[0]), Text(cut(vote.motion, 50)), key=vote.id,
            )
        self.restore_cursor(table, keep, row)

    def on_screen_resume(self) -> None:
        self.reload(keep=self.selected_id())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_vote()

    def action_open_vote(self) -> None:
        key = self.selected_id()
        vote = next((v for v in self.votes if v.id == key), None)
        if vote is None:
            self.notify("No e-vote yet: press n to open one.", severity="warning")
            return
        self.app.push_screen(EVoteScreen(vote))

    def action_new_vote(self) -> None:
        def made(vote: EVote | None) -> None:
            if vote is None:
                return
            self.votes.append(vote)
            self.reload(keep=vote.id)
            self.app.push_screen(EVoteScreen(vote))

        self.app.push_screen(NewEVoteDialog(self.votes), made)


class NewEVoteDialog(ModalScreen[EVote | None]):
    """Wording, mover, seconder, deadline, mode: checks, writes the ballot."""

    DEFAULT_CSS = """
    NewEVoteDialog { align: center middle; }
    NewEVoteDialog > Vertical { width: 76; max-width: 98%; height: auto; max-height: 95%;
        padding: 0 1; border: thick $primary; background: $surface; }
    NewEVoteDialog #new-evote-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "submit", "Open")]

    def __init__(self, existing: list[EVote]) -> None:
        super().__init__()
        self.existing = existing

    def compose(self) -> ComposeResult:
        data = self.app.coalition
        options = [(m.name, m.id) for m in data.active_members if m.votes]
        deadline = self.app.today() + timedelta(days=7)
        with Vertical():
            yield Label("Motion (That ...)")
            yield Input(id="new-evote-motion")
            yield Label("Mover")
            yield Select(options, id="new-evote-mover", prompt="Mover")
            yield Label("Seconder")
            yield Select(options, id="new-evote-seconder", prompt="Seconder")
            yield Label("Deadline (YYYY-MM-DD)")
            yield Input(deadline.isoformat(), id="new-evote-deadline")
            yield Select([("Consensus first", "consensus"), ("Ballot", "ballot")], value="consensus",
                         allow_blank=False, id="new-evote-mode")
            yield Static("", id="new-evote-error", markup=False)
            yield Button("Open and write the ballot (ctrl+s)", id="new-evote-ok", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        error = self.query_one("#new-evote-error", Static)
        value = lambda selector: self.query_one(selector).value  # noqa: E731
        try:
            deadline = date.fromisoformat(value("#new-evote-deadline").strip())
        except ValueError:
            error.update("The deadline is not a date: use YYYY-MM-DD")
            return
        mover, seconder = value("#new-evote-mover"), value("#new-evote-seconder")
        vote = EVote(
            motion=value("#new-evote-motion"),
            deadline=deadline,
            opened_on=self.app.today(),
            mode=Mode(value("#new-evote-mode")),
            mover_id=mover if isinstance(mover, str) else None,
            seconder_id=seconder if isinstance(seconder, str) else None,
        )
        data = self.app.coalition
        try:
            rules.open_evote(vote, data.members, existing=self.existing, base=data.settings.voting_base)
            message = mail.ballot(vote, data.members, data.settings)
        except EVoteError as exc:
            error.update(str(exc))
            return
        path = _write(self, message, f"evote-{vote.number}-ballot.eml")
        if path is None:
            return
        _save(self.app, vote)
        self.app.notify(f"E-vote {vote.number} opened; ballot written to {path}", markup=False, timeout=10)
        self.dismiss(vote)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EVoteScreen(Screen):
    """One decision between meetings"""

    BINDINGS = [
        Binding("f", "answer('for')", "For"),
        Binding("a", "answer('against')", "Against"),
        Binding("b", "answer('abstain')", "Abstain"),
        Binding("k", "answer('conflict')", "Conflict"),
        Binding("o", "answer('object')", "Object", show=False),
        Binding("c", "correction", "Correction", show=False),
        Binding("r", "remind", "Reminder"),
        Binding("t", "to_ballot", "To ballot", show=False),
        Binding("x", "close_vote", "Close"),
        Binding("A", "close_vote('adopt')", "Adopt corrections", show=False),
        Binding("D", "close_vote('defer')", "Defer", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, vote: EVote) -> None:
        super().__init__()
        self.vote = vote

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="evote-top"):
            yield Static(id="evote-motion")
            yield Static(id="evote-tally")
        yield DataTable(id="evote-members", cursor_type="row")
        yield StableFooter()

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one("#evote-members", DataTable).focus()

    @property
    def members(self):
        return self.app.coalition.members

    def refresh_view(self) -> None:
        vote = self.vote
        self.query_one("#evote-motion", Static).update(
            Text(f"E-vote {vote.number} ({vote.kind}, {vote.mode}): {vote.motion}")
        )
        self.query_one("#evote-tally", Static).update(Text("\n".join(rules.status_lines(vote, self.members))))
        table = self.query_one("#evote-members", DataTable)
        keep = selected_key(table)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns("Member", "Answer", "Received")
        names = {m.id: m.name for m in self.members}
        latest = rules.latest_answers(vote)
        for member_id in vote.electorate:
            record = latest.get(member_id)
            table.add_row(
                Text(names.get(member_id, member_id)),
                Text(f"{record.choice}{': ' + record.note if record.note else ''}" if record else "\u2014"),
                record.on.isoformat() if record else "",
                key=member_id,
            )
        ListScreen.restore_cursor(table, keep, row)

    def _save(self) -> None:
        _save(self.app, self.vote)
        self.refresh_view()

    def action_answer(self, choice: str, note: str = "") -> None:
        member_id = selected_key(self.query_one("#evote-members", DataTable))
        if member_id is None:
            return
        try:
            rules.answer(self.vote, member_id, choice, self.app.today(), self.members, note=note)
        except EVoteError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._save()

    def action_correction(self) -> None:
        from ..widgets.dialogs import TextPrompt

        def got(text: str | None) -> None:
            if text:
                self.action_answer(Choice.CORRECTION.value, text)

        self.app.push_screen(TextPrompt("The correction asked for:"), got)

    def action_remind(self) -> None:
        waiting = rules.not_answered(self.vote, self.members)
        if not waiting or self.vote.state.is_closed:
            self.notify("Nobody to remind.", severity="warning")
            return
        try:
            message = mail.reminder(self.vote, self.members, self.app.coalition.settings)
        except EVoteError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        path = _write(self, message, f"evote-{self.vote.number}-reminder-{self.app.today().isoformat()}.eml")
        if path:
            self.notify(f"Reminder to {len(waiting)} members written to {path}", markup=False, timeout=10)

    def action_to_ballot(self) -> None:
        try:
            rules.to_ballot(self.vote, self.app.today())
            message = mail.ballot(self.vote, self.members, self.app.coalition.settings)
        except EVoteError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        path = _write(self, message, f"evote-{self.vote.number}-ballot.eml")
        self._save()
        if path:
            self.notify(f"Put to a ballot; ballot written to {path}", markup=False, timeout=10)

    def action_close_vote(self, corrections: str | None = None) -> None:
        vote = self.vote
        meeting = None
        if vote.kind is EVoteKind.MINUTES and vote.meeting_id:
            meeting = self.app.coalition.meeting(self.app.store, vote.meeting_id)
        before = copy.deepcopy(vote)
        was = (meeting.minutes_status, meeting.approved_on) if meeting is not None else None
        try:
            rules.close(vote, self.members, self.app.today(), meeting=meeting, corrections=corrections)
            message = mail.result(vote, self.members, self.app.coalition.settings, meeting.date if meeting else None)
        except EVoteError as exc:
            self.vote.__dict__.update(before.__dict__)
            if meeting is not None:
                meeting.minutes_status, meeting.approved_on = was
            hint = " (A adopts the corrections, D defers)" if vote.kind is EVoteKind.MINUTES else ""
            self.notify(f"{exc}{hint}", severity="error", markup=False)
            return
        path = _write(self, message, f"evote-{vote.number}-result.eml")
        if meeting is not None:
            self.app.meeting_changed(meeting)
        self._save()
        self.notify(f"{mail.closed_result_word(vote).capitalize()}. Result written to {path}", markup=False, timeout=10)

    def action_back(self) -> None:
        self.app.pop_screen()
