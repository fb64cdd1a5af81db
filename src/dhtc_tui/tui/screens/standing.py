"""Attendance standing under the 2/3 rule, for the current meeting year.

Terms of Reference, Removal of Members: "Where members/organizations are in
attendance for less than 2/3 annual meetings (ie. less than 4 of 6 meetings),
automatic withdrawal from the Coalition will be assumed." The rule itself is
``dhtc_tui.domain.attendance.standing``; this screen shows it and lets the
chair record the withdrawal on the roster.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from ...domain.attendance import (
    Standing,
    StandingReport,
    meeting_year_label,
    meeting_year_start,
    required_attendance,
)
from ...domain.model import Meeting, MeetingStatus, MemberStatus, Presence
from ...domain.text import plural
from ..widgets.dialogs import ConfirmDialog
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

    DEFAULT_CSS = """
    StandingScreen #standing-rule { height: auto; padding: 0 1; }
    StandingScreen #standing-table { height: 1fr; }
    StandingScreen #standing-detail {
        height: 3; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    BINDINGS = [
        Binding("w", "withdraw", "Record withdrawal", id="standing-withdraw"),
        Binding("g", "toggle_grid", "Grid/counts", id="standing-grid"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.grid = False
        self.reports: dict[str, StandingReport] = {}
        self._layout: tuple = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="standing-rule", markup=False)
        yield DataTable(id="standing-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="standing-detail", markup=False)
        yield Footer()

    # -- data ------------------------------------------------------------------

    def year_meetings(self) -> list[Meeting]:
        data = self.app.coalition
        return [data.meeting(self.app.store, r.id) for r in data.year_refs(self.app.today())]

    def ordered_reports(self) -> list[StandingReport]:
        data = self.app.coalition
        reports = data.standings(self.app.store, self.app.today())
        return sorted(
            reports,
            key=lambda r: (RANK[r.standing], r.attended - r.required, data.name_of(r.member_id).casefold()),
        )

    # -- table -----------------------------------------------------------------

    def reload(self, keep: str | None = None) -> None:
        table = self.query_one("#standing-table", DataTable)
        row = table.cursor_row
        data = self.app.coalition
        meetings = self.year_meetings() if self.grid else []
        reports = self.ordered_reports()
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
        self.show_rule(reports)
        self.show_detail()

    def show_rule(self, reports: list[StandingReport]) -> None:
        data = self.app.coalition
        today = self.app.today()
        refs = data.year_refs(today)
        planned = max(data.settings.meetings_per_year, len(refs))
        held = sum(r.status is MeetingStatus.CLOSED for r in refs)
        withdrawn = sum(r.standing is Standing.WITHDRAWN for r in reports)
        at_risk = sum(r.standing is Standing.AT_RISK for r in reports)
        self.sub_title = f"Attendance \u2014 {withdrawn} withdrawn, {at_risk} at risk"
        lines = [
            f"Meeting year {meeting_year_label(meeting_year_start(today))} (September\u2013June): "
            f"{held} of {plural(planned, 'planned meeting')} held; {required_attendance(planned)} needed.",
            "Fewer than 2/3 of the year's meetings, e.g. fewer than 4 of 6: automatic "
            "withdrawal is assumed. At risk: only perfect attendance from now on keeps it.",
        ]
        if self.grid:
            lines.append(GRID_LEGEND)
        self.query_one("#standing-rule", Static).update("\n".join(lines))

    def selected(self) -> StandingReport | None:
        key = self.selected_id()
        return self.reports.get(key) if key else None

    def explain(self, report: StandingReport) -> str:
        remaining = report.remaining
        if report.standing is Standing.WITHDRAWN:
            return (
                f"Even with all {remaining} remaining: {report.attended + remaining} < {report.required}, "
                "so withdrawal is assumed. w records it on the roster."
            )
        if report.standing is Standing.AT_RISK:
            return f"Must attend every one of the {plural(remaining, 'remaining meeting')} to reach {report.required}."
        still = max(report.required - report.attended, 0)
        return f"Needs {still} more of the {remaining} remaining." if still else "Has already met the 2/3 rule this year."

    def show_detail(self) -> None:
        detail = self.query_one("#standing-detail", Static)
        report = self.selected()
        if report is None:
            detail.update("No active members.")
            return
        name = self.app.coalition.name_of(report.member_id, "?")
        detail.update(f"{name}: {report.standing.value}\n{report.describe().capitalize()}.\n{self.explain(report)}")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    # -- actions ---------------------------------------------------------------

    def action_toggle_grid(self) -> None:
        self.grid = not self.grid
        self.reload(keep=self.selected_id())

    def action_withdraw(self) -> None:
        report = self.selected()
        if report is None:
            return
        member = self.app.coalition.member(report.member_id)
        if member is None:
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
            member.status = MemberStatus.WITHDRAWN
            self.app.save_member(member)
            self.reload()
            self.notify(f"{member.name} is now withdrawn on the roster. Its record, attendance and votes are kept.", markup=False)

        self.app.push_screen(
            ConfirmDialog(
                f"Set {member.name}'s roster status to withdrawn?\n\n"
                f"{report.describe().capitalize()}: fewer than 2/3 even with perfect attendance from now on, "
                "so automatic withdrawal is assumed (Terms of Reference, Removal of Members).\n"
                "The record, its attendance and votes are kept; the roster can make it active again.",
                yes="Withdraw",
                no="Cancel",
            ),
            answer,
        )

    def palette_commands(self):
        yield SystemCommand("Attendance grid", "Toggle the per-meeting grid", self.action_toggle_grid)

