"""Items about people: minute taker, attendance, member updates."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from ..text import escape
from textual.binding import Binding
from textual.widgets import DataTable, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ....domain.attendance import attendance_counts, mark
from ....domain.model import Guest, MemberUpdate, Presence
from ....domain.text import clock
from ....domain.validation import ValidationError, parse_time
from ..dialogs import TextPrompt
from ..checked_text import CheckedArea, CheckedText, whole
from .base import ItemPanel
from ..columns import Fit, needs_sharing, set_columns
from ..text import cut as _cut, plain, selected_key


def people_present(meeting, coalition) -> list[str]:
    """Names of people in the room (representatives or delegates), else every representative."""
    names: list[str] = []
    attending = [a for a in meeting.attendance if a.presence.attended and a.person]
    if attending:
        names = [a.person for a in attending]
    else:
        for member in coalition.active_members:
            names.extend(member.representatives)
    return sorted(dict.fromkeys(names), key=str.casefold)


class MinuteTakerPanel(ItemPanel):
    show_notes = False

    def compose_body(self) -> ComposeResult:
        yield Static(self._current(), id="minute-taker-current", classes="counts")
        yield Label("Choose a person (Enter), or type a name below")
        yield OptionList(*[Option(escape(n), id=n) for n in people_present(self.meeting, self.coalition)], id="minute-taker-list")
        yield Input(placeholder="Or type the volunteer's name and press Enter", id="minute-taker-input")

    def _current(self) -> str:
        return f"Minute taker: [b]{escape(self.meeting.minute_taker) or 'not chosen yet'}[/b]"

    def first_focus(self):
        return self.query_one("#minute-taker-list")

    def _set(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            self.notify("Type the minute taker's name.", severity="warning")
            return
        self.meeting.minute_taker = name
        self.query_one("#minute-taker-current", Static).update(self._current())
        self.changed()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._set(event.option.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._set(event.value)


PRESENCE_KEYS = {
    "p": Presence.PRESENT,
    "d": Presence.DELEGATE,
    "r": Presence.REMOTE,
    "g": Presence.REGRETS,
    "x": Presence.ABSENT,
}


class AttendanceTable(DataTable):
    BINDINGS = [
        Binding("p", "mark('p')", "Present", show=False),
        Binding("d", "mark('d')", "Delegate", show=False),
        Binding("r", "mark('r')", "Remote", show=False),
        Binding("g", "mark('g')", "Regrets", show=False),
        Binding("x", "mark('x')", "Absent", show=False),
        Binding("l", "late", "Late arrival", show=False),
        Binding("e", "early", "Left early", show=False),
        Binding("plus", "guest", "Add guest", show=False),
    ]

    def action_mark(self, key: str) -> None:
        self.parent_panel.mark_selected(PRESENCE_KEYS[key])

    def action_late(self) -> None:
        self.parent_panel.ask_time("arrived")

    def action_early(self) -> None:
        self.parent_panel.ask_time("departed")

    def action_guest(self) -> None:
        self.parent_panel.add_guest()

    def on_resize(self) -> None:
        if needs_sharing(self):
            self.parent_panel.reload()

    @property
    def parent_panel(self) -> "AttendancePanel":
        return self.query_ancestor(AttendancePanel)


class AttendancePanel(ItemPanel):
    show_notes = False

    def compose_body(self) -> ComposeResult:
        yield Static(id="attendance-counts", classes="counts")
        yield Static(
            "p present \u00b7 d delegate \u00b7 r remote \u00b7 g regrets \u00b7 x absent \u00b7 "
            "l late arrival \u00b7 e left early \u00b7 + guest",
            classes="hint",
        )
        yield AttendanceTable(id="attendance-list", cursor_type="row", zebra_stripes=True)
        yield Static(id="attendance-detail", classes="counts")
        yield Static(id="attendance-guests", classes="hint")

    def on_mount(self) -> None:
        self.reload()

    def first_focus(self):
        return self.query_one("#attendance-list")

    def reload(self, keep: str | None = None) -> None:
        table = self.query_one("#attendance-list", DataTable)
        row = table.cursor_row
        rows = [(member, *self._cells(member.id)) for member in self.coalition.active_members]
        # Status ("delegate") and the times ("09:51", as the chair types them)
        # never shrink; the person attending gets what it needs up to 40% of
        # the rest, and the member's name takes what is left (issue 14).
        widths = set_columns(
            table,
            [
                ("Member", None),
                ("Status", 8),
                ("Who", Fit.of((r[2] for r in rows), 0.4, label="Who")),
                ("In", 5),
                ("Out", 5),
            ],
        )
        for member, status, who, arrived, departed in rows:
            table.add_row(
                Text(_cut(member.name, widths[0])), status, Text(_cut(who, widths[2])), arrived, departed,
                key=member.id,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self.update_counts()
        self.show_detail()

    def _cells(self, member_id: str) -> tuple[str, str, str, str]:
        """Status, person attending, arrival and departure (24-hour HH:MM) of a member."""
        record = self.meeting.attendance_of(member_id)
        status = record.presence.value if record and record.marked else "\u2014"
        who = record.person if record and record.presence.attended else ""
        arrived = record.arrived.strftime("%H:%M") if record and record.arrived else ""
        departed = record.departed.strftime("%H:%M") if record and record.departed else ""
        return status, who, arrived, departed

    def show_detail(self) -> None:
        """The highlighted member in full, for when the table cuts the name."""
        member_id = self.selected_member_id()
        detail = self.query_one("#attendance-detail", Static)
        if member_id is None:
            detail.update(Text("No active members."))
            return
        record = self.meeting.attendance_of(member_id)
        marked = record is not None and record.marked
        text = plain(" ".join(self.coalition.name_of(member_id).split()), "bold")
        text.append(" \u2014 " + (record.presence.value if marked else "not yet marked"))
        if marked and record.presence.attended and record.person:
            text.append(": ")
            text.append(plain(" ".join(record.person.split())))
        if record is not None and record.arrived:
            text.append(f", arrived {clock(record.arrived)}")
        if record is not None and record.departed:
            text.append(f", left {clock(record.departed)}")
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "attendance-list":
            self.show_detail()

    def update_counts(self) -> None:
        # Voting members follow the coalition's setting on survivor members.
        counts = attendance_counts(
            self.meeting, self.coalition.members, survivors_vote=self.coalition.settings.survivors_vote
        )
        self.query_one("#attendance-counts", Static).update(
            f"[b]Attending {counts.attending} of {counts.active_members} members[/b] \u00b7 "
            f"voting members attending {counts.voting_attending} of {counts.voting_members}\n"
            f"present {counts.present} \u00b7 delegates {counts.delegates} \u00b7 remote {counts.remote} \u00b7 "
            f"regrets {counts.regrets} \u00b7 absent {counts.absent} \u00b7 not yet marked {counts.unmarked} \u00b7 "
            f"guests {counts.guests}"
        )
        guests = "; ".join(g.name + (f" ({g.organization})" if g.organization else "") for g in self.meeting.guests)
        self.query_one("#attendance-guests", Static).update(f"Guests (no vote): {escape(guests) or 'none'}")

    def selected_member_id(self) -> str | None:
        return selected_key(self.query_one("#attendance-list", DataTable))

    def mark_selected(self, presence: Presence) -> None:
        member_id = self.selected_member_id()
        if member_id is None:
            return
        member = self.coalition.member(member_id)
        if presence is Presence.DELEGATE:
            def got(name: str | None) -> None:
                if name:
                    mark(self.meeting, member_id, Presence.DELEGATE, name)
                    self._after_mark()

            self.app.push_screen(
                TextPrompt(f"Delegate attending for {member.name}:", check=_require("Type the delegate's name.")), got
            )
            return
        mark(self.meeting, member_id, presence, member.representative if presence.attended else "")
        self._after_mark()

    def _after_mark(self) -> None:
        table = self.query_one("#attendance-list", DataTable)
        self.reload()
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)
        self.changed()

    def ask_time(self, which: str) -> None:
        member_id = self.selected_member_id()
        if member_id is None:
            return
        now = self.app.now().strftime("%H:%M")
        label = "Arrived at" if which == "arrived" else "Left at"

        def got(value: str | None) -> None:
            if value is None:
                return
            record = self.meeting.attendance_of(member_id)
            if record is None or not record.presence.attended:
                # A late arrival (or an early leaver) not yet marked: present, with the time.
                member = self.coalition.member(member_id)
                mark(self.meeting, member_id, Presence.PRESENT, member.representative)
                record = self.meeting.attendance_of(member_id)
            setattr(record, which, parse_time(value) if value else None)
            self.reload()
            self.changed()

        self.app.push_screen(TextPrompt(f"{label} (e.g. 10:05; blank clears):", now, check=_check_time), got)

    def add_guest(self) -> None:
        def got(value: str | None) -> None:
            if value:
                name, _, organization = value.partition(",")
                self.meeting.guests.append(Guest(name.strip(), organization.strip()))
                self.update_counts()
                self.changed()

        self.app.push_screen(TextPrompt("Guest (no vote): name, organization", check=_require("Type the guest's name.")), got)


def _require(message: str):
    def check(value: str) -> None:
        if not value.strip():
            raise ValueError(message)

    return check


def _check_time(value: str) -> None:
    if value.strip():
        try:
            parse_time(value)
        except ValidationError as exc:
            raise ValueError(str(exc)) from None


class GoAroundTable(DataTable):
    BINDINGS = [
        Binding("enter", "write", "Write update", show=False),
        Binding("0", "no_update", "No update", show=False),
    ]

    def action_write(self) -> None:
        self.query_ancestor(MemberUpdatesPanel).focus_note()

    def action_no_update(self) -> None:
        self.query_ancestor(MemberUpdatesPanel).no_update()

    def on_resize(self) -> None:
        if needs_sharing(self):
            self.query_ancestor(MemberUpdatesPanel).fill()


class MemberUpdatesPanel(ItemPanel):
    """A go-around of the members present, in order."""

    show_notes = False

    def compose_body(self) -> ComposeResult:
        yield Static(
            "Enter: write the selected member's update \u00b7 0: no update (moves on) \u00b7 Esc: back to the list",
            classes="hint",
        )
        yield GoAroundTable(id="go-around", cursor_type="row", zebra_stripes=True)
        yield Label("", id="member-update-label")
        yield CheckedText(CheckedArea("", id="member-update-note"), self.meeting, whole(""), id="member-update-checked")

    def on_mount(self) -> None:
        self.members = [
            m for m in self.coalition.active_members
            if (a := self.meeting.attendance_of(m.id)) is not None and a.presence.attended
        ] or list(self.coalition.active_members)
        self.fill()

    def fill(self) -> None:
        """The go-around, its columns shared anew: the name as wide as it
        needs up to 45%, the update text the rest (the editor below shows
        the whole of the highlighted member's update)."""
        table = self.query_one("#go-around", DataTable)
        row = table.cursor_row
        names = [member.name for member in self.members]
        self._widths = set_columns(table, [("Member", Fit.of(names, 0.45, 12, "Member")), ("Update", None)])
        for member in self.members:
            table.add_row(Text(_cut(member.name, self._widths[0])), self._summary(member.id), key=member.id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self.show_selected()

    def first_focus(self):
        return self.query_one("#go-around")

    def _update(self, member_id: str, create: bool = False) -> MemberUpdate | None:
        found = next((u for u in self.meeting.member_updates if u.member_id == member_id), None)
        if found is None and create:
            found = MemberUpdate(member_id)
            self.meeting.member_updates.append(found)
        return found

    def _summary(self, member_id: str) -> Text:
        """The start of the member's update, as much as the column holds."""
        update = self._update(member_id)
        if update is None:
            return Text("\u2014")
        if update.no_update:
            return Text("no update")
        return plain(_cut(update.note, self._widths[1]))

    def selected_id(self) -> str | None:
        return selected_key(self.query_one("#go-around", DataTable))

    def show_selected(self) -> None:
        member_id = self.selected_id()
        area = self.query_one("#member-update-note", TextArea)
        if member_id is None:
            return
        update = self._update(member_id)
        note = update.note if update else ""
        if member_id == getattr(self, "_shown_id", None) and area.text == note:
            # The same member after the table was shared anew: loading the
            # text again would throw the writer's cursor back to the start.
            return
        self._shown_id = member_id
        self._loading = True
        area.load_text(note)
        self._loading = False
        # The gate's path for this member's update: reviews made here are its reviews.
        self.query_one("#member-update-checked", CheckedText).set_segments(whole(f"member_updates[{member_id}].note"))
        self.query_one("#member-update-label", Label).update(f"Update from {escape(self.coalition.name_of(member_id))}:")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "go-around":
            self.show_selected()

    def focus_note(self) -> None:
        self.query_one("#member-update-note", TextArea).focus()

    def no_update(self) -> None:
        member_id = self.selected_id()
        if member_id is None:
            return
        update = self._update(member_id, create=True)
        update.no_update = True
        update.note = ""
        self._refresh_row(member_id)
        table = self.query_one("#go-around", DataTable)
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)
        self.changed()

    def _refresh_row(self, member_id: str) -> None:
        table = self.query_one("#go-around", DataTable)
        table.update_cell(member_id, table.ordered_columns[1].key, self._summary(member_id))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != "member-update-note" or getattr(self, "_loading", False):
            return
        event.stop()
        member_id = self.selected_id()
        if member_id is None:
            return
        text = event.text_area.text
        existing = self._update(member_id)
        # load_text() on moving to a member also posts Changed (after the
        # _loading flag is cleared): only a real edit creates or changes a record.
        if (existing is None and not text.strip()) or (existing is not None and existing.note == text):
            return
        update = self._update(member_id, create=True)
        update.note = text
        update.no_update = False if update.note.strip() else update.no_update
        self._refresh_row(member_id)
        self.app.meeting_changed(self.meeting)

    def show_finding(self, path: str, finding) -> bool:
        """The findings dialog's jump: first to that member, then to the detail."""
        member_id = path.partition("[")[2].partition("]")[0]
        if not path.startswith("member_updates[") or member_id not in [m.id for m in self.members]:
            return False
        table = self.query_one("#go-around", DataTable)
        table.move_cursor(row=table.get_row_index(member_id))
        self.show_selected()
        return self.query_one("#member-update-checked", CheckedText).select_finding(path, finding)

    def leave_text(self) -> bool:
        """Esc in the note: back to the list, on the next member."""
        area = self.query_one("#member-update-note", TextArea)
        if area.has_focus:
            table = self.query_one("#go-around", DataTable)
            table.focus()
            if table.cursor_row < table.row_count - 1:
                table.move_cursor(row=table.cursor_row + 1)
            return True
        return False
