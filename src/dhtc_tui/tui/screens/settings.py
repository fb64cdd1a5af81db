"""Coalition settings: chair agency, sub-committees, voting base, who votes,
meeting year."""

from __future__ import annotations

import copy
import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Select, Static, TextArea

from ..widgets.footer import StableFooter
from ...domain.model import VotingBase
from ...domain.validation import ValidationError, parse_optional_date
from ..widgets.dialogs import DiscardGuard
from ..widgets.text import plain


class SettingsScreen(DiscardGuard, Screen):
    """Coalition settings"""

    CSS_PATH = "settings.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save-settings"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def compose(self) -> ComposeResult:
        data = self.app.coalition
        s = data.settings
        yield Header()
        with VerticalScroll(id="settings"):
            yield Static("[b]Coalition settings[/b]  Ctrl+S saves, Esc cancels")
            yield Static("", id="settings-error", markup=False)
            yield Label("Coalition name")
            yield Input(s.name, id="settings-name")
            yield Label("Chair agency (the role belongs to an agency, not a person)")
            yield Select(
                [(plain(m.name), m.id) for m in data.active_organizations],
                value=s.chair_member_id if data.member(s.chair_member_id) else Select.NULL,
                prompt="\u2014",
                id="settings-chair",
                type_to_search=True,
            )
            yield Label("Sub-committees (one per line)")
            area = TextArea("\n".join(s.subcommittees), id="settings-subcommittees")
            area.show_line_numbers = False
            yield area
            yield Label("What \"50% + 1\" is measured against")
            yield Select(
                [
                    ("votes cast (for + against; abstentions recorded, not counted)", VotingBase.VOTES_CAST),
                    ("members present and eligible", VotingBase.PRESENT_ELIGIBLE),
                ],
                value=s.voting_base,
                allow_blank=False,
                id="settings-voting-base",
            )
            yield Label(
                "Survivor members vote \u2014 Terms of Reference (Decision Making): "
                "\"Each organization has one vote.\"",
                markup=False,
            )
            yield Select(
                [
                    ("no: each organization has one vote; survivor members do not vote", False),
                    ("yes: survivor members vote too", True),
                ],
                value=s.survivors_vote,
                allow_blank=False,
                id="settings-survivors-vote",
            )
            yield Label("Planned meetings per meeting year (held September\u2013June; the year ends August 31; used by the 2/3 rule)")
            yield Input(str(s.meetings_per_year), id="settings-per-year")
            yield Label("Meeting length (e.g. 2:00 or 90 minutes: the invitation's end time)")
            yield Input(f"{s.meeting_minutes // 60}:{s.meeting_minutes % 60:02d}", id="settings-length")
            yield Label("Last Terms of Reference review (YYYY-MM-DD)")
            yield Input(s.last_tor_review.isoformat() if s.last_tor_review else "", id="settings-tor")
            yield Label("Usual meeting location")
            yield Input(s.default_location, id="settings-location")
            yield Label("Chair's e-mail (the circulation e-mail goes To it; members in Bcc)")
            yield Input(s.chair_email, id="settings-chair-email")
        yield StableFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(self.remember_values)

    def action_cancel(self) -> None:
        self.discard(self.app.pop_screen)

    def action_save(self) -> None:
        settings = copy.deepcopy(self.app.coalition.settings)
        error = self.query_one("#settings-error", Static)
        try:
            name = " ".join(self.query_one("#settings-name", Input).value.split())
            if not name:
                raise ValidationError("The coalition needs a name.", "settings-name")
            settings.name = name
            chair = self.query_one("#settings-chair", Select).value
            settings.chair_member_id = None if chair is Select.NULL else chair
            lines = [" ".join(line.split()) for line in self.query_one("#settings-subcommittees", TextArea).text.splitlines()]
            names = [line for line in lines if line]
            if len({n.casefold() for n in names}) != len(names):
                raise ValidationError("A sub-committee is listed twice.", "settings-subcommittees")
            settings.subcommittees = names
            settings.voting_base = self.query_one("#settings-voting-base", Select).value
            settings.survivors_vote = bool(self.query_one("#settings-survivors-vote", Select).value)
            per_year = self.query_one("#settings-per-year", Input).value.strip()
            if not per_year.isdigit() or not 1 <= int(per_year) <= 12:
                raise ValidationError("Planned meetings per year is a whole number from 1 to 12.", "settings-per-year")
            settings.meetings_per_year = int(per_year)
            settings.meeting_minutes = meeting_length(self.query_one("#settings-length", Input).value)
            settings.last_tor_review = parse_optional_date(self.query_one("#settings-tor", Input).value, "settings-tor")
            settings.default_location = " ".join(self.query_one("#settings-location", Input).value.split())
            chair_email = self.query_one("#settings-chair-email", Input).value.strip()
            if chair_email and not re.fullmatch(r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[A-Za-z]{2,}", chair_email):
                raise ValidationError("The chair's e-mail is not an address (name@example.org).", "settings-chair-email")
            settings.chair_email = chair_email
        except ValidationError as exc:
            error.update(str(exc))
            try:
                self.query_one(f"#{exc.field}").focus()
            except Exception:
                pass
            return
        self.app.save_settings(settings)
        self.app.pop_screen()
        self.app.notify("Settings saved.")


def meeting_length(value: str) -> int:
    """Minutes from "2:00", "2h", "1.5h" or "90"; 15 minutes to 12 hours."""
    text = value.strip().lower().replace(" ", "")
    try:
        if ":" in text:
            hours, _, minutes = text.partition(":")
            total = int(hours or 0) * 60 + int(minutes or 0)
        elif text.endswith("h"):
            total = round(float(text[:-1]) * 60)
        else:
            total = int(text.removesuffix("min").removesuffix("m"))
    except ValueError:
        total = 0
    if not 15 <= total <= 720:
        raise ValidationError("Meeting length is a time from 0:15 to 12:00 (e.g. 2:00 or 90).", "settings-length")
    return total
