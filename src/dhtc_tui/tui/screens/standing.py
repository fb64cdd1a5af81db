"""Attendance standing under the 2/3 rule, for this or a past meeting year.

Terms of Reference, Removal of Members: "Where members/organizations are in
attendance for less than 2/3 annual meetings (ie. less than 4 of 6 meetings),
automatic withdrawal from the Coalition will be assumed." The rule itself is
``dhtc_tui.domain.attendance.standing``; withdrawal is applied by
``apply_withdrawals`` when a meeting closes and after a year ends. This screen
shows the verdicts (a year that ended keeps its verdicts), records a
withdrawal early, and lets the chair reinstate a member with a reason.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from ..widgets.footer import StableFooter
from ...domain.attendance import (
    Standing,
    StandingReport,
    apply_withdrawals,
    meeting_year_bounds,
    meeting_year_label,
    meeting_year_start,
    meetings_in_year,
    reinstate,
    required_attendance,
    standings,
    year_has_ended,
)
from ...domain.model import Meeting, MeetingStatus, Member, MemberStatus, Presence
from ...domain.text import plural, short_date
from ..widgets.dialogs import ConfirmDialog, TextPrompt
from ..widgets.text import cut as _cut
from .listing import ListScreen

RANK = {Standing.WITHDRAWN: 0, Standing.AT_RISK: 1, Standing.GOOD: 2}

SHORT = {
    Standing.WITHDRAWN: Text("withdrawn", style="bold red"),
    Standing.AT_RISK: Text("at risk", style="bold yellow"),
    Standing.GOOD: Text("good", style="green"),
}

#: One letter per meeting in the grid.
CELL = {
    Presence.PRESENT: "P",
    Presence.DELEGATE: "D",
    Presence.REMOTE: "R",
    Presence.REGRETS: "\u2013",
    Presence.ABSENT: "\u2013",
}

GRID_LEGEND = "P present, D delegate, R remote, \u2013 absent, \u00b7 to come, blank: joined after"


def grid_cell(meeting: Meeting, member_id: str, joined) -> Text:
    """What the grid shows for one member at one meeting."""
    if joined is not None and meeting.date < joined:
        return Text(" ")
    if meeting.status is not MeetingStatus.CLOSED:
        return Text("\u00b7", style="dim")
    record = meeting.attendance_of(member_id)
    presence = record.presence if record is not None else Presence.ABSENT
    return Text(CELL[presence], style="" if presence.attended else "red")


class StandingScreen(ListScreen):
    """Attendance standing (2/3 rule)"""

    TABLE_ID = "standing-table"

    CSS_PATH = "standing.tcss"

    BINDINGS = [
        Binding("w", "withdraw", "Record withdrawal", id="standing-withdraw"),
        Binding("r", "reinstate", "Reinstate", id="standing-reinstate"),
        Binding("g", "toggle_grid", "Grid/counts", id="standing-grid"),
        Binding("left_square_bracket", "year(-1)", "Year before", id="standing-year-back"),
        Binding("right_square_bracket", "year(1)", "Year after", id="standing-year-on"),
        Binding("l", "letter", "Withdrawal letter", id="standing-letter"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.grid = False
        self.year: int | None = None
        self.reports: dict[str, StandingReport] = {}
        self._layout: tuple = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="standing-rule", markup=False)
        yield DataTable(id="standing-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="standing-detail", markup=False)
        yield StableFooter()

    # -- data ------------------------------------------------------------------

    @property
    def shown_year(self) -> int:
        return self.year if self.year is not None else meeting_year_start(self.app.today())

    def year_meetings(self) -> list[Meeting]:
        data = self.app.coalition
        first, last = meeting_year_bounds(self.shown_year)
        refs = [r for r in data.refs if first <= r.date <= last]
        return [data.meeting(self.app.store, r.id) for r in refs]

    def shown_members(self) -> list[Member]:
        """Active members, and those whose status changed during or after the
        year (so a year's withdrawals stay visible), who had joined by its end."""
        first, last = meeting_year_bounds(self.shown_year)
        return [
            m
            for m in self.app.coalition.members
            if (m.joined is None or m.joined <= last)
            and (
                m.is_active
                or m.withdrawn_for_year == self.shown_year
                or (m.status_on is not None and m.status_on >= first)
            )
        ]

    def ordered_reports(self, meetings: list[Meeting]) -> list[StandingReport]:
        data = self.app.coalition
        reports = standings(
            self.shown_members(),
            meetings,
            data.settings.meetings_per_year,
            as_of=self.app.today(),
            year=self.shown_year,
            include_inactive=True,
        )
        return sorted(
            reports,
            key=lambda r: (RANK[r.standing], r.attended - r.required, data.name_of(r.member_id).casefold()),
        )

    # -- table -----------------------------------------------------------------

    def reload(self, keep: str | None = None) -> None:
        table = self.query_one("#standing-table", DataTable)
        row = table.cursor_row
        data = self.app.coalition
        year_meetings = self.year_meetings()
        meetings = year_meetings if self.grid else []
        reports = self.ordered_reports(year_meetings)
        self.reports = {r.member_id: r for r in reports}
        width = max(self.size.width, 80) - 2
        if self.grid:
            labels = ["Att.", "Need", "Standing"] + [f"{m.date:%b}\n{m.date.day}" for m in meetings]
            widths = [4, 4, 9] + [3] * len(meetings)
        else:
            labels = ["Attended", "Held", "Planned", "Needed", "Standing"]
            widths = [8, 4, 7, 6, 9]
        member_width = min(48, max(12, width - sum(widths) - 2 * (len(widths) + 1)))
        layout = (self.grid, member_width, tuple(labels))
        if layout != self._layout:
            self._layout = layout
            table.clear(columns=True)
            table.header_height = 2 if self.grid else 1
            table.add_column("Member", width=member_width)
            for label, w in zip(labels, widths):
                table.add_column(label, width=w)
        else:
            table.clear()
        for report in reports:
            member = data.member(report.member_id)
            name = Text(_cut(member.name if member else "?", member_width))
            if member is not None and not member.is_active:
                name.stylize("dim")
            if self.grid:
                cells = [
                    str(report.attended),
                    str(report.required),
                    SHORT[report.standing],
                    *(grid_cell(m, report.member_id, member.joined if member else None) for m in meetings),
                ]
            else:
                cells = [
                    str(report.attended),
                    str(report.held),
                    str(report.planned),
                    str(report.required),
                    SHORT[report.standing],
                ]
            table.add_row(name, *cells, key=report.member_id)
        self.restore_cursor(table, keep, row)
        self.show_rule(reports, year_meetings)
        self.show_detail()

    def show_rule(self, reports: list[StandingReport], meetings: list[Meeting]) -> None:
        data = self.app.coalition
        today = self.app.today()
        year = self.shown_year
        in_year = meetings_in_year(meetings, year)
        held = sum(m.status is MeetingStatus.CLOSED and m.date <= today for m in in_year)
        withdrawn = sum(r.standing is Standing.WITHDRAWN for r in reports)
        at_risk = sum(r.standing is Standing.AT_RISK for r in reports)
        label = meeting_year_label(year)
        self.sub_title = f"Attendance {label} \u2014 {withdrawn} withdrawn, {at_risk} at risk"
        if year_has_ended(year, today):
            first = (
                f"Meeting year {label} (ended August 31): judged on the {plural(held, 'meeting')} "
                f"held; {required_attendance(held)} needed. [ and ] change the year."
            )
        else:
            planned = max(data.settings.meetings_per_year, len(in_year))
            first = (
                f"Meeting year {label} (September\u2013August): "
                f"{held} of {plural(planned, 'planned meeting')} held; {required_attendance(planned)} needed."
            )
        lines = [
            first,
            "Fewer than 2/3 of the year's meetings, e.g. fewer than 4 of 6: automatic "
            "withdrawal is assumed. At risk: only perfect attendance from now on keeps it.",
        ]
        if self.grid:
            lines.append(GRID_LEGEND)
        self.query_one("#standing-rule", Static).update("\n".join(lines))

    def selected(self) -> StandingReport | None:
        key = self.selected_id()
        return self.reports.get(key) if key else None

    def explain(self, report: StandingReport, member: Member | None) -> str:
        if member is not None and member.status is MemberStatus.WITHDRAWN:
            when = f" on {short_date(member.status_on)}" if member.status_on else ""
            why = f": {member.status_reason}" if member.status_reason else ""
            return f"Withdrawn{when}{why}. r reinstates it, with a reason."
        if member is not None and not member.is_active:
            when = f" on {short_date(member.status_on)}" if member.status_on else ""
            return f"Now {member.status.value}{when}."
        remaining = report.remaining
        if report.standing is Standing.WITHDRAWN:
            if report.year_ended:
                return (
                    f"{report.attended} of {report.held} held is under 2/3, so withdrawal is assumed. "
                    "w records it on the roster."
                )
            return (
                f"Even with all {remaining} remaining: {report.attended + remaining} < {report.required}, "
                "so withdrawal is assumed. w records it on the roster."
            )
        if report.standing is Standing.AT_RISK:
            return f"Must attend every one of the {plural(remaining, 'remaining meeting')} to reach {report.required}."
        if report.year_ended:
            return "Met the 2/3 rule that year."
        still = max(report.required - report.attended, 0)
        return f"Needs {still} more of the {remaining} remaining." if still else "Has already met the 2/3 rule this year."

    def show_detail(self) -> None:
        detail = self.query_one("#standing-detail", Static)
        report = self.selected()
        if report is None:
            detail.update("No members to show for this year.")
            return
        member = self.app.coalition.member(report.member_id)
        name = member.name if member else "?"
        detail.update(
            f"{name}: {report.standing.value}\n{report.describe().capitalize()}.\n"
            f"{self.explain(report, member)}"
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    # -- actions ---------------------------------------------------------------

    def action_letter(self) -> None:
        from ..paperwork import write_letter

        report = self.selected()
        write_letter(self, "withdrawal", self.app.coalition.member(report.member_id) if report else None)

    def action_toggle_grid(self) -> None:
        self.grid = not self.grid
        self.reload(keep=self.selected_id())

    def action_year(self, step: int) -> None:
        current = meeting_year_start(self.app.today())
        target = self.shown_year + step
        if target > current:
            self.notify("This is the current meeting year.", severity="warning")
            return
        first_ref = self.app.coalition.refs[0].date if self.app.coalition.refs else self.app.today()
        if target < meeting_year_start(first_ref):
            self.notify("No meetings on record before this year.", severity="warning")
            return
        self.year = target
        self._layout = ()
        self.reload(keep=self.selected_id())

    def action_withdraw(self) -> None:
        report = self.selected()
        if report is None:
            return
        member = self.app.coalition.member(report.member_id)
        if member is None:
            return
        if not member.is_active:
            self.notify(f"{member.name} is already {member.status.value}.", markup=False)
            return
        if report.standing is not Standing.WITHDRAWN:
            self.notify(
                f"{member.name} is {'in good standing' if report.standing is Standing.GOOD else 'at risk'}, not under 2/3. "
                "Other status changes are made on the roster.",
                severity="warning", markup=False,
            )
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            changed = apply_withdrawals(
                [member],
                self.year_meetings(),
                self.app.coalition.settings.meetings_per_year,
                as_of=self.app.today(),
                years=[self.shown_year],
            )
            for m in changed:
                self.app.save_member(m)
            self.reload(keep=member.id)
            self.notify(f"{member.name} is now withdrawn on the roster. Its record, attendance and votes are kept.", markup=False)

        self.app.push_screen(
            ConfirmDialog(
                f"Set {member.name}'s roster status to withdrawn?\n\n"
                f"{report.describe().capitalize()}: under 2/3, "
                "so automatic withdrawal is assumed (Terms of Reference, Removal of Members).\n"
                "The record, its attendance and votes are kept; r reinstates it, with a reason.",
                yes="Withdraw",
                no="Cancel",
            ),
            answer,
        )

    def action_reinstate(self) -> None:
        report = self.selected()
        member = self.app.coalition.member(report.member_id) if report else None
        if member is None:
            return
        if member.status is not MemberStatus.WITHDRAWN:
            self.notify(f"{member.name} is {member.status.value}, not withdrawn.", severity="warning", markup=False)
            return

        def check(reason: str) -> None:
            if not reason.strip():
                raise ValueError("Give the reason for reinstating the member.")

        def got(reason: str | None) -> None:
            if not reason:
                return
            try:
                reinstate(member, reason, self.app.today())
            except ValueError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.app.save_member(member)
            self.reload(keep=member.id)
            self.notify(f"{member.name} is active again; the reason is recorded.", markup=False)

        self.app.push_screen(
            TextPrompt(f"Reinstate {member.name}: why? (recorded on the member)", check=check), got
        )

    def palette_commands(self):
        yield SystemCommand("Attendance grid", "Toggle the per-meeting grid", self.action_toggle_grid)
        yield SystemCommand("Attendance: year before", "Standing in the previous meeting year", lambda: self.action_year(-1))
        yield SystemCommand("Attendance: year after", "Standing in the next meeting year", lambda: self.action_year(1))
