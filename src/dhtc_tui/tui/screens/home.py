"""Home: what the chair needs to know before and between meetings."""

from __future__ import annotations

from textual.app import ComposeResult, SystemCommand
from ..widgets.text import escape
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from ..widgets.footer import StableFooter
from ...domain.actions import has_owner, is_overdue
from ...domain.attendance import Standing, meeting_year_label, meeting_year_start, newly_withdrawn
from ...domain.membership import tor_review
from ...domain.model import ApplicationStatus, MeetingStatus
from ...domain.text import clock, long_date, plural


#: The home screen's own keys beyond the footer's (F2 and Ctrl+P included).
HOME_KEYS = [
    "[b]a[/b] action items",
    "[b]e[/b] export",
    "[b]c[/b] circulate",
    "[b]p[/b] applications",
    "[b]w[/b] standing",
    "[b]t[/b] ToR review done",
    "[b]o[/b] settings",
    "[b]v[/b] decisions between meetings",
    "[b]g[/b] agenda package",
    "[b]i[/b] import roster",
    "[b]F1[/b] all keys",
    "[b]F2[/b] projector",
    "[b]Ctrl+P[/b] commands",
]


def pack(entries: list[str], width: int, sep: str = " \u00b7 ") -> list[str]:
    """Entries joined by ``sep`` into lines of at most ``width`` visible
    characters, breaking only between entries."""
    from rich.text import Text

    lines: list[str] = []
    current = ""
    for entry in entries:
        candidate = f"{current}{sep}{entry}" if current else entry
        if current and Text.from_markup(candidate, emoji=False).cell_len > width:
            lines.append(current)
            candidate = entry
        current = candidate
    if current:
        lines.append(current)
    return lines


class HomeScreen(Screen):
    """Home"""

    _summary_width = -1

    BINDINGS = [
        Binding("n", "new_meeting", "New meeting", id="new-meeting"),
        Binding("s", "start_meeting", "Start/resume", id="start-meeting"),
        Binding("m", "roster", "Roster", id="roster"),
        Binding("a", "actions", "Action items", show=False, id="actions"),
        Binding("e", "export", "Export minutes", show=False, id="export"),
        # Fewer keys in the footer keep the first frame quick; the home screen
        # lists these, and F1 and the command palette have them all.
        Binding("p", "applications", "Applications", show=False, id="applications"),
        Binding("w", "standing", "Attendance standing", show=False, id="standing"),
        Binding("t", "tor_review", "Record ToR review done", show=False, id="tor-review"),
        Binding("c", "circulate", "Circulate minutes", show=False, id="circulate"),
        Binding("o", "settings", "Settings", show=False, id="settings"),
        Binding("v", "evotes", "Decisions between meetings", show=False, id="evotes"),
        Binding("g", "agenda", "Agenda package", show=False, id="agenda"),
        Binding("i", "import_roster", "Import roster", show=False, id="import-roster"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=True)
        with VerticalScroll(id="home"):
            yield Static(id="home-title")
            yield Static(id="home-more")
            # One widget per card (no container around each): every widget
            # costs styling and layout before the first frame.
            yield Static(id="home-first-run", classes="card")
            yield Static(id="home-meeting", classes="card")
            yield Static(id="home-actions", classes="card")
            yield Static(id="home-standing", classes="card")
            yield Static(id="home-tor", classes="card")
        yield StableFooter()

    def on_mount(self) -> None:
        # The summary is filled by on_screen_resume, which also runs on first show.
        self.offer_resume()

    def offer_resume(self) -> None:
        """After a crash or a closed lid: offer the unfinished meeting at its item."""
        data = self.app.coalition
        ref = data.unfinished_ref()
        if ref is None:
            return
        from ..widgets.dialogs import ConfirmDialog  # only when there is something to resume
        meeting = data.meeting(self.app.store, ref.id)
        item = meeting.current_item

        def answer(yes: bool | None) -> None:
            if yes:
                self.action_start_meeting()

        self.app.push_screen(
            ConfirmDialog(
                f"The meeting of {long_date(meeting.date)} was not closed.\n"
                f"Resume it at item {meeting.current_index + 1}"
                + (f" ({item.title})" if item else "")  # a markup=False dialog
                + "? Everything typed up to the last second is kept.",
                yes="Resume",
                no="Not now",
            ),
            answer,
        )

    def on_screen_resume(self) -> None:
        self.refresh_summary()

    def on_resize(self) -> None:
        # Home is sized several times while it first shows; the lines only
        # change when the width does.
        if self.is_mounted and self._width() != self._summary_width:
            self.refresh_summary()

    def _width(self) -> int:
        """Text width inside a card: screen padding (2), border (2), card
        padding (2), the scroll bar home shows when the cards overflow (2),
        and a margin measured at 80 columns so that a full line never wraps."""
        return max(40, self.app.size.width - 11)

    def refresh_summary(self) -> None:
        app = self.app
        data = app.coalition
        today = app.today()
        width = self._summary_width = self._width()
        # Lines are laid out here, for the width there is, so that no phrase
        # is broken across two lines at 80 columns.
        self.query_one("#home-title", Static).update(
            f"[b]{escape(data.settings.name)}[/b]\n{long_date(today)} \u00b7 "
            f"meeting year {meeting_year_label(meeting_year_start(today))}"
        )
        self.query_one("#home-more", Static).update("\n".join(pack(HOME_KEYS, width + 4)))
        first = self.query_one("#home-first-run", Static)
        if not data.members:  # the paperwork module is not needed on an ordinary start
            from ..paperwork import first_run_text

            first.update(first_run_text(data))
        first.display = not data.members
        # Next or running meeting.
        running = data.unfinished_ref()
        scheduled = data.scheduled_ref()
        if running is not None:
            meeting = data.meeting(app.store, running.id)
            item = meeting.current_item
            text = (
                f"[b]Meeting of {long_date(meeting.date)} is in progress[/b]\n"
                f"At item {meeting.current_index + 1} of {len(meeting.agenda)}: "
                f"{escape(item.title) if item else ''}\nPress [b]s[/b] to resume it."
            )
        elif scheduled is not None:
            meeting = data.meeting(app.store, scheduled.id)
            text = (
                f"[b]Next meeting:[/b] {long_date(meeting.date)}, {clock(meeting.start_time)}\n"
                f"{escape(meeting.location) or 'location to be set'} \u2014 {plural(len(meeting.agenda), 'agenda item')}\n"
                "Press [b]s[/b] to start it, [b]n[/b] to plan another."
            )
        else:
            latest = data.latest_closed_ref()
            hint = ""
            if latest is not None:
                nxt = data.meeting(app.store, latest.id).next_meeting
                if nxt.on:
                    hint = f"\nThe last meeting chose {long_date(nxt.on)} ({escape(nxt.location) or 'location to be set'})."
            text = f"[b]Next meeting:[/b] none scheduled.{hint}\nPress [b]n[/b] to plan it."
        self.query_one("#home-meeting", Static).update(text)
        # Action items.
        open_items = data.open_actions()
        overdue = [a for a in open_items if is_overdue(a, today)]
        unowned = [a for a in open_items if not has_owner(a)]
        pending = [a for a in data.applications if a.status is ApplicationStatus.PENDING]
        self.query_one("#home-actions", Static).update(
            f"[b]Open action items:[/b] {len(open_items)}"
            + (f" ({len(overdue)} overdue)" if overdue else "")
            + (f", {len(unowned)} without an owner" if unowned else "")
            + f"\n[b]Membership applications pending:[/b] {len(pending)}"
        )
        # 2/3 attendance rule.
        reports = data.standings(app.store, today)
        flagged = [r for r in reports if r.standing is not Standing.GOOD]
        if flagged:
            lines = []
            for r in sorted(flagged, key=lambda r: (r.standing.value, data.name_of(r.member_id))):
                mark = "WITHDRAWN" if r.standing is Standing.WITHDRAWN else "at risk  "
                tail = f" \u2014 attended {r.attended} of {r.held}, needs {r.required} of {r.planned}"
                room = width - 2 - len(mark) - 2 - len(tail)
                name = data.name_of(r.member_id)
                if len(name) > room:
                    name = name[: max(1, room - 1)] + "\u2026"
                lines.append(f"  {mark}  {escape(name)}{tail}")
            text = "[b]Attendance (2/3 rule):[/b]\n" + "\n".join(lines)
        else:
            text = "[b]Attendance (2/3 rule):[/b] every active member is in good standing."
        latest = data.latest_closed_ref()
        gone = newly_withdrawn(data.members, latest.date if latest else None)
        if gone:
            text = (
                "[b]Newly withdrawn (attendance under 2/3):[/b] "
                + escape(", ".join(m.name for m in gone)) + "\n" + text
            )
        self.query_one("#home-standing", Static).update(text)
        review = tor_review(data.settings.last_tor_review, today)
        tor = self.query_one("#home-tor", Static)
        described = review.describe()
        if len(described) > width and " (" in described:
            described = described.replace(" (", "\n(", 1)
        tor.update(described)
        tor.set_class(review.needs_attention, "-attention")

    # -- actions -------------------------------------------------------------

    def action_new_meeting(self) -> None:
        from .meeting_setup import MeetingSetupScreen

        self.app.push_screen(MeetingSetupScreen())

    def action_start_meeting(self) -> None:
        from .console import ConsoleScreen

        data = self.app.coalition
        ref = data.unfinished_ref() or data.scheduled_ref()
        if ref is None:
            self.notify("No meeting is scheduled: press n to plan one.", severity="warning")
            return
        meeting = data.meeting(self.app.store, ref.id)
        today = self.app.now().date()
        if meeting.status is MeetingStatus.SCHEDULED and meeting.date != today:
            from ..widgets.dialogs import ConfirmDialog

            def answer(yes: bool | None) -> None:
                if yes:
                    meeting.date = today
                    self.app.push_screen(ConsoleScreen(meeting))

            from .meeting_setup import same_day_warning

            clash = same_day_warning(data, today, meeting.id)

            self.app.push_screen(
                ConfirmDialog(
                    f"This meeting was planned for {long_date(meeting.date)}; today is {long_date(today)}.\n"
                    "Start it now? Its date becomes today." + (f"\n{clash}" if clash else ""),
                    yes="Start today",
                    no="Not now",
                ),
                answer,
            )
            return
        self.app.push_screen(ConsoleScreen(meeting))

    def action_roster(self) -> None:
        self.app.action_roster()

    def action_actions(self) -> None:
        from .actions import ActionItemsScreen

        self.app.push_screen(ActionItemsScreen())

    def action_applications(self) -> None:
        from .applications import ApplicationsScreen

        self.app.push_screen(ApplicationsScreen())

    def action_standing(self) -> None:
        from .standing import StandingScreen

        self.app.push_screen(StandingScreen())

    def action_tor_review(self) -> None:
        from ..widgets.dialogs import ConfirmDialog

        def done(yes: bool | None) -> None:
            if yes:
                self.app.coalition.settings.last_tor_review = self.app.today()
                self.app.save_settings()
                self.refresh_summary()
                self.notify("Terms of Reference review recorded as done today.")

        self.app.push_screen(
            ConfirmDialog("Record that the Coalition completed its Terms of Reference review today?"), done
        )

    def action_evotes(self) -> None:
        from .evote import EVotesScreen

        self.app.push_screen(EVotesScreen())

    def action_settings(self) -> None:
        from .settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_circulate(self) -> None:
        from .export import circulate_latest

        circulate_latest(self)

    def action_export(self) -> None:
        from .export import export_latest

        export_latest(self)

    def action_agenda(self) -> None:
        from ..paperwork import write_agenda

        write_agenda(self)

    def action_import_roster(self) -> None:
        from ..paperwork import import_roster

        import_roster(self, after=self.refresh_summary)

    def palette_commands(self):
        yield SystemCommand("Agenda package", "Agenda .docx, e-mail draft and invitation for the next meeting", self.action_agenda)
        yield SystemCommand("Import roster", "Members from a spreadsheet (.xlsx or .csv), with a preview", self.action_import_roster)
        yield SystemCommand("New meeting", "Plan the next meeting and its agenda", self.action_new_meeting)
        yield SystemCommand("Start or resume meeting", "Open the meeting console", self.action_start_meeting)
        yield SystemCommand("Action items", "Track action items between meetings", self.action_actions)
        yield SystemCommand("Membership applications", "Endorsements and reviews", self.action_applications)
        yield SystemCommand("Attendance standing", "The 2/3 attendance rule", self.action_standing)
        yield SystemCommand("Export minutes", "Draft minutes .docx of the latest meeting", self.action_export)
        yield SystemCommand("Circulate minutes", "Minutes, e-mail draft (.eml) and invitation (.ics)", self.action_circulate)
        yield SystemCommand("Settings", "Chair agency, sub-committees, voting base", self.action_settings)
