"""Roster: members, representatives and contacts, kept up to date."""

from __future__ import annotations

import copy

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from ..widgets.footer import StableFooter
from ..widgets.text import escape
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Checkbox,
    DataTable,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
)

from ...domain.membership import has_vote
from ...domain.text import long_date
from ...domain.model import Member, MemberKind, MemberStatus, Sector
from ...domain.validation import (
    ValidationError,
    member_concerns,
    parse_optional_date,
    split_people,
    validate_member,
)
from ..widgets.dialogs import DiscardGuard, field
from ..widgets.columns import set_columns, share
from ..widgets.text import cut as _cut, plain, selected_key


def matches(member: Member, needle: str) -> bool:
    if not needle:
        return True
    haystack = " ".join(
        [member.name, member.sector.value, member.status.value, member.email, *member.representatives]
    ).casefold()
    return all(word in haystack for word in needle.casefold().split())


def status_line(member: Member) -> str:
    """When and why a member stopped being active (a carried removal motion
    names itself in the reason), or "" while active."""
    if member.status is MemberStatus.ACTIVE:
        return ""
    when = f" on {long_date(member.status_on)}" if member.status_on else ""
    why = f": {member.status_reason}" if member.status_reason else ""
    return f"\nStatus: {member.status.value}{when}{why}"


class RosterScreen(Screen):
    """Roster"""

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", id="filter"),
        Binding("a", "add", "Add member", id="add-member"),
        Binding("e,enter", "edit", "Edit", id="edit-member"),
        Binding("d", "change_status", "Status", id="member-status"),
        Binding("l", "letter", "Letter", id="member-letter"),
        Binding("i", "import", "Import", id="roster-import"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="/ Filter: type part of a name, sector, representative…", id="roster-filter", compact=True)
        yield DataTable(id="roster-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="roster-detail", markup=False)
        yield StableFooter()

    def on_mount(self) -> None:
        table = self.query_one("#roster-table", DataTable)
        self.reload()
        table.focus()

    def on_resize(self) -> None:
        self.reload(keep=selected_key(self.query_one("#roster-table", DataTable)))

    def reload(self, keep: str | None = None) -> None:
        table = self.query_one("#roster-table", DataTable)
        needle = self.query_one("#roster-filter", Input).value
        data = self.app.coalition
        self.concerns: dict[str, list[str]] = {}
        for concern in member_concerns(data.members, self.app.today()):
            self.concerns.setdefault(concern.member_id, []).append(concern.message)
        # Columns share the width: names take most of what is left, the
        # first warning the rest (the detail below lists every warning).
        total = self.app.size.width
        longest = max((len(" ".join(m.name.split())) for m in data.members), default=12)
        room = share(total, [None, 14, 9, 0], minimum=0)[0]
        widths = set_columns(
            table,
            [("Member", max(12, min(longest, room - 15))), ("Sector", 14), ("Status", 9), ("Needs attention", None)],
            total,
        )
        order = {MemberStatus.ACTIVE: 0, MemberStatus.WITHDRAWN: 1, MemberStatus.REMOVED: 2}
        rows = sorted(data.members, key=lambda m: (order[m.status], m.name.casefold()))
        for member in rows:
            if not matches(member, needle):
                continue
            sector = member.sector.value if member.kind is MemberKind.ORGANIZATION else "survivor member"
            flags = self.concerns.get(member.id, [])
            table.add_row(
                Text(_cut(member.name, widths[0])),
                _cut(sector, 14),
                member.status.value,
                _flag_cell(flags, widths[3]),
                key=member.id,
            )
        if keep is not None:
            try:
                table.move_cursor(row=table.get_row_index(keep))
            except Exception:
                pass
        self.sub_title = f"{len(data.active_members)} active members \u2014 {table.row_count} shown"
        self.show_detail()

    def selected(self) -> Member | None:
        key = selected_key(self.query_one("#roster-table", DataTable))
        if key is None:
            return None
        return self.app.coalition.member(key)

    def show_detail(self) -> None:
        member = self.selected()
        detail = self.query_one("#roster-detail", Static)
        if member is None:
            detail.update("No member matches the filter.")
            return
        data = self.app.coalition
        endorsers = ", ".join(data.name_of(e, "?") for e in member.endorsed_by) or "none recorded"
        flags = getattr(self, "concerns", {}).get(member.id, [])
        detail.update(
            f"{member.name} ({member.kind.value}"
            f"{'' if has_vote(member, data.settings.survivors_vote) else ', non-voting'}) \u2014 "
            f"{'; '.join(member.representatives) or 'no representative'}"
            + (f" (reason: {member.representation_reason})" if member.representation_reason else "")
            + f"\n{member.email or 'no e-mail'} \u00b7 {member.phone or 'no phone'} \u00b7 "
            f"contact updated {member.contact_updated or 'never'} \u00b7 endorsed by {endorsers}"
            + (f"\nNeeds attention: {'; '.join(flags)}" if flags else "")
            + status_line(member)
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row edits the member (the table keeps Enter for itself)."""
        self.action_edit()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "roster-filter":
            self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "roster-filter":
            self.query_one("#roster-table", DataTable).focus()

    def action_focus_filter(self) -> None:
        self.query_one("#roster-filter", Input).focus()

    def action_back(self) -> None:
        filt = self.query_one("#roster-filter", Input)
        if filt.has_focus and filt.value:
            filt.value = ""
            return
        self.app.pop_screen()

    def action_add(self) -> None:
        self.app.push_screen(MemberForm(None), self._saved)

    def action_edit(self) -> None:
        member = self.selected()
        if member is not None:
            self.app.push_screen(MemberForm(member), self._saved)

    def _saved(self, member: Member | None) -> None:
        if member is not None:
            self.reload(keep=member.id)
            self.notify(f"Saved {member.name}.", markup=False)

    def action_letter(self) -> None:
        from ..paperwork import choose_letter

        choose_letter(self, self.selected())

    def action_import(self) -> None:
        from ..paperwork import import_roster

        import_roster(self, after=lambda: self.reload(keep=None))

    def action_change_status(self) -> None:
        member = self.selected()
        if member is None:
            return
        self.app.push_screen(StatusDialog(member), lambda status: self._set_status(member, status))

    def _set_status(self, member: Member, status: MemberStatus | None) -> None:
        if status is None or status is member.status:
            return
        member.status = status
        self.app.save_member(member)
        self.reload(keep=member.id)
        self.notify(f"{member.name} is now {status.value}. The record is kept.", markup=False)


class StatusDialog(ModalScreen[MemberStatus | None]):
    """Change a member's status: never a silent deletion."""

    CSS_PATH = "roster.tcss"
    BINDINGS = [
        Binding("1", "choose('active')", "Active"),
        Binding("2", "choose('withdrawn')", "Withdrawn"),
        Binding("3", "choose('removed')", "Removed"),
        Binding("escape", "choose('')", "Cancel"),
    ]

    def __init__(self, member: Member) -> None:
        super().__init__()
        self.member = member

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(
                f"[b]{escape(self.member.name)}[/b] is {self.member.status.value}.\n\n"
                "1  active\n2  withdrawn (left, or under 2/3 attendance)\n"
                "3  removed (after a removal vote)\n\nEsc  cancel\n\n"
                "The member stays on record either way; its past attendance and votes are kept."
            )

    def action_choose(self, value: str) -> None:
        self.dismiss(MemberStatus(value) if value else None)


class MemberForm(DiscardGuard, ModalScreen[Member | None]):
    """Add or edit a member. Nothing is saved until every field checks out."""

    CSS_PATH = "roster.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-member", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, member: Member | None) -> None:
        super().__init__()
        self.original = member
        self.draft = copy.deepcopy(member) if member else Member(name="")

    def compose(self) -> ComposeResult:
        m = self.draft
        data = self.app.coalition
        with VerticalScroll():
            yield Static("[b]" + ("Edit member" if self.original else "Add a member") + "[/b]   Ctrl+S saves, Esc cancels")
            yield Static("", id="member-error", markup=False)
            yield field("Name", Input(m.name, id="member-name", placeholder="Organization, or survivor member label"))
            yield field("Kind", Select([(k.value, k) for k in MemberKind], value=m.kind, allow_blank=False, id="member-kind"))
            yield field("Sector", Select([(s.value, s) for s in Sector], value=m.sector, allow_blank=False, id="member-sector"))
            yield field("Representative(s)", Input("; ".join(m.representatives), id="member-reps", placeholder="Names, separated by ;"))
            yield field("Reason if more than 1", Input(m.representation_reason, id="member-reason"))
            yield field("Contact e-mail", Input(m.email, id="member-email"))
            yield field("Phone", Input(m.phone, id="member-phone"))
            yield field("Joined", Input(m.joined.isoformat() if m.joined else "", id="member-joined", placeholder="YYYY-MM-DD; blank for founding members"))
            yield field(
                "Contact confirmed",
                Input(
                    m.contact_updated.isoformat() if m.contact_updated else "",
                    id="member-contact-updated",
                    placeholder="YYYY-MM-DD; blank = today",
                ),
            )
            yield Checkbox("Votes (one vote for the organization)", m.votes, id="member-votes")
            yield Label("Endorsed by (Space to tick): two organizations, or one partner agency for a survivor member")
            yield SelectionList[str](
                *[(plain(o.name), o.id, o.id in m.endorsed_by) for o in data.active_organizations if o.id != m.id],
                id="member-endorsers",
            )

    def on_mount(self) -> None:
        self.query_one("#member-name", Input).focus()
        self.sync_votes()
        self.call_after_refresh(self.remember_values)

    def sync_votes(self) -> None:
        """A survivor member's vote follows the coalition setting, not the box."""
        survivor = self.query_one("#member-kind", Select).value is MemberKind.SURVIVOR
        box = self.query_one("#member-votes", Checkbox)
        box.disabled = survivor
        box.value = self.app.coalition.settings.survivors_vote if survivor else self.draft.votes

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "member-kind":
            self.sync_votes()

    def action_cancel(self) -> None:
        self.discard(lambda: self.dismiss(None))

    def action_save(self) -> None:
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
        draft = self.draft
        get = lambda wid: self.query_one(f"#{wid}", Input).value  # noqa: E731
        try:
            draft.name = get("member-name")
            draft.kind = self.query_one("#member-kind", Select).value
            draft.sector = self.query_one("#member-sector", Select).value
            if draft.kind is MemberKind.SURVIVOR:
                draft.sector = Sector.SURVIVOR
            draft.representatives = split_people(get("member-reps"))
            draft.representation_reason = get("member-reason").strip()
            draft.email = get("member-email")
            draft.phone = get("member-phone")
            draft.joined = parse_optional_date(get("member-joined"), "member-joined")
            typed_contact = get("member-contact-updated")
            contact = parse_optional_date(typed_contact, "member-contact-updated")
            prefilled = self.original.contact_updated.isoformat() if self.original and self.original.contact_updated else ""
            if typed_contact.strip() == prefilled:
                contact = None  # untouched: a contact change below confirms it today
            if draft.kind is not MemberKind.SURVIVOR:
                draft.votes = self.query_one("#member-votes", Checkbox).value
            draft.endorsed_by = list(self.query_one("#member-endorsers", SelectionList).selected)
            changed_contact = self.original is None or (
                (draft.email, draft.phone, draft.representatives)
                != (self.original.email, self.original.phone, self.original.representatives)
            )
            if contact is None:
                contact = self.app.today() if changed_contact else (self.original.contact_updated if self.original else None)
            draft.contact_updated = contact or self.app.today()
            validate_member(draft, self.app.coalition.members)
        except ValidationError as exc:
            self.query_one("#member-error", Static).update(str(exc))
            field = {"name": "member-name", "email": "member-email", "phone": "member-phone",
                     "representatives": "member-reps", "endorsed_by": "member-endorsers"}.get(exc.field, exc.field)
            try:
                widget = self.query_one(f"#{field}")
                widget.add_class("-invalid")
                widget.focus()
            except Exception:
                pass
            return
        if self.original is None:
            member = draft
        else:
            member = self.original
            member.__dict__.update(copy.deepcopy(draft).__dict__)
        self.app.save_member(member)
        self.dismiss(member)


def _flag_cell(flags: list[str], width: int) -> Text:
    if not flags:
        return Text("")
    more = f" +{len(flags) - 1}" if len(flags) > 1 else ""
    return Text(f"\u26a0 {_cut(flags[0], max(4, width - 2 - len(more)))}{more}", style="bold yellow")
